"""The README's two set-up commands stay true: CI runs the test command."""

import re

from conftest import ROOT


def commands():
    return re.findall(r"```sh\n(python3 -m venv[^\n]+)\n```", (ROOT / "README.md").read_text())


def test_readme_has_exactly_two_setup_commands():
    main_job, tests = commands()
    assert main_job.endswith("proglint seeds/")
    assert tests.endswith("pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands()[1] in ci


def test_readme_configuration_example_is_valid():
    import json
    import sys

    import jsonschema

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```toml\n(\[tool\.proglint\]\nselect.*?)```", readme, re.S).group(1)
    table = tomllib.loads(block)["tool"]["proglint"]
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(table)
    assert table["severity"]["PL110"] == "error"


def test_readme_examples_work_together(tmp_path):
    """The configuration, the rule module and the team schema shown in the
    README, put where the README says, make a working setup."""
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text()
    config = re.search(r"```toml\n(\[tool\.proglint\]\nselect.*?)```", readme, re.S).group(1)
    rule = re.search(r"```python\n(# lint/rules/labels\.py.*?)```", readme, re.S).group(1)
    schema = re.search(r'```json\n(\{\n  "\$schema".*?)```', readme, re.S).group(1)
    (tmp_path / "pyproject.toml").write_text(config)
    (tmp_path / "lint" / "rules").mkdir(parents=True)
    (tmp_path / "lint" / "rules" / "labels.py").write_text(rule)
    (tmp_path / "team.schema.json").write_text(schema)
    (tmp_path / "1093.txt").write_text((ROOT / "seeds" / "1093.txt").read_text())
    result = subprocess.run(
        [sys.executable, "-m", "proglint", "1093.txt", "--format", "concise"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert any(" warning TM001 this observation has no label" in line for line in lines)  # 1093 has no labels
    assert any(" error PL107 name the PI and co-PIs in pi_and_co_pis" in line for line in lines)


def test_readme_cross_document_rule_works(tmp_path):
    """The cross-document rule shown in the README, in a rule folder, finds
    two documents with one title (at the second one's title)."""
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text()
    rule = re.search(r"```python\n(# lint/rules/titles\.py.*?)```", readme, re.S).group(1)
    (tmp_path / "lint" / "rules").mkdir(parents=True)
    (tmp_path / "lint" / "rules" / "titles.py").write_text(rule)
    (tmp_path / "proglint.toml").write_text('rule-paths = ["lint/rules"]\n')
    seed = (ROOT / "seeds" / "1093.txt").read_text()
    (tmp_path / "1093.txt").write_text(seed)
    (tmp_path / "copy.txt").write_text(seed.replace("1093", "4093"))
    (tmp_path / "other.txt").write_text((ROOT / "seeds" / "1071.txt").read_text())
    result = subprocess.run(
        [sys.executable, "-m", "proglint", ".", "--select", "TM601", "--format", "concise", "--no-cache"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["copy.txt:12:10: warning TM601 also the title of 1093.txt"]
