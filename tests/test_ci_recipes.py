"""The CI recipes in examples/ci/ (copied into the README) cannot rot: each
is parsed as YAML, its keys are checked, and the proglint command it runs
is run here, on this checkout, and must write the report the next step
consumes."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

CI = ROOT / "examples" / "ci"


def load(name: str) -> dict:
    data = yaml.safe_load((CI / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def run_proglint_line(line: str, cwd, env=None) -> subprocess.CompletedProcess:
    """Run a recipe's `proglint ...` command line with this interpreter."""
    argv = shlex.split(line)
    assert argv[0] == "proglint"
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, "-m", "proglint", *argv[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
    )


def copy_seeds(tmp_path):
    (tmp_path / "seeds").mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    return tmp_path


# -- GitHub Actions --------------------------------------------------------


def github_steps() -> list[dict]:
    workflow = load("github-workflow.yml")
    # YAML 1.1 reads the bare key `on` as true
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers and "push" in triggers
    assert workflow["permissions"]["security-events"] == "write"
    assert workflow["permissions"]["contents"] == "read"
    (job,) = workflow["jobs"].values()
    assert job["runs-on"].startswith("ubuntu-")
    return job["steps"]


def test_github_workflow_installs_lints_and_uploads_sarif():
    steps = github_steps()
    uses = [step.get("uses", "") for step in steps]
    assert uses[0].startswith("actions/checkout@")
    assert any(u.startswith("actions/setup-python@") for u in uses)
    runs = [step["run"] for step in steps if "run" in step]
    install = next(r for r in runs if "pip install" in r)
    assert shlex.split(install)[-1] == "."  # this checkout (the README's main job installs it the same way)
    (lint,) = [r for r in runs if r.startswith("proglint ")]
    argv = shlex.split(lint)
    assert argv[1] == "seeds/"
    assert argv[argv.index("--format") + 1] == "sarif"
    sarif_file = argv[argv.index("--output-file") + 1]

    (upload,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["with"]["sarif_file"] == sarif_file
    assert "always()" in upload["if"]  # upload also when the lint step failed on errors
    assert steps.index(upload) > [s.get("run") for s in steps].index(lint)


def test_github_workflow_lint_command_writes_valid_sarif_and_shows_text(tmp_path):
    """The recipe's own command line, run as GitHub would run it (GITHUB_ACTIONS=true)."""
    from test_formats import valid_sarif

    steps = github_steps()
    (lint,) = [s["run"] for s in steps if s.get("run", "").startswith("proglint ")]
    copy_seeds(tmp_path)
    result = run_proglint_line(lint, tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "Checked 5 files: no problems found.\n"  # text in the log, not workflow commands
    argv = shlex.split(lint)
    log = valid_sarif((tmp_path / argv[argv.index("--output-file") + 1]).read_text(encoding="utf-8"))
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"]


# -- GitLab CI -------------------------------------------------------------


def gitlab_job() -> dict:
    config = load("gitlab-ci.yml")
    (job,) = [value for key, value in config.items() if isinstance(value, dict) and "script" in value]
    return job


def test_gitlab_job_publishes_a_code_quality_report():
    job = gitlab_job()
    assert job["image"].startswith("python:")
    script = job["script"]
    assert any("pip install" in line and shlex.split(line)[-1] == "." for line in script)
    (lint,) = [line for line in script if line.startswith("proglint ")]
    argv = shlex.split(lint)
    assert argv[1] == "seeds/"
    assert argv[argv.index("--format") + 1] == "gitlab"
    report = argv[argv.index("--output-file") + 1]
    assert job["artifacts"]["reports"]["codequality"] == report
    assert job["artifacts"]["when"] == "always"  # published also when the job fails on errors


def test_gitlab_lint_command_writes_a_code_quality_report(tmp_path):
    job = gitlab_job()
    (lint,) = [line for line in job["script"] if line.startswith("proglint ")]
    copy_seeds(tmp_path)
    # a broken copy of a seed, so the report has something in it
    broken = (tmp_path / "seeds" / "1071.txt").read_text(encoding="utf-8").replace(
        "| (1) LMC-ASTROMETRIC  |", "| (1) LMC-ASTROMETRIC  | extra |", 1
    )
    (tmp_path / "seeds" / "1071.txt").write_text(broken, encoding="utf-8")
    result = run_proglint_line(lint, tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1].startswith("Checked 5 files: 1 error")
    argv = shlex.split(lint)
    issues = json.loads((tmp_path / argv[argv.index("--output-file") + 1]).read_text(encoding="utf-8"))
    (issue,) = [i for i in issues if i["check_name"] == "PL011"]
    assert issue["location"]["path"] == "seeds/1071.txt"
    assert issue["severity"] == "major"


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml"])
def test_recipes_are_plain_yaml_without_tabs(name):
    text = (CI / name).read_text(encoding="utf-8")
    assert "\t" not in text and text.endswith("\n")


def test_readme_shows_the_recipes_verbatim():
    readme = (ROOT / "README.md").read_text()
    for name in ("github-workflow.yml", "gitlab-ci.yml"):
        assert (ROOT / "examples" / "ci" / name).read_text() in readme, f"README's copy of {name} is stale"
