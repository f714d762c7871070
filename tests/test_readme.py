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
