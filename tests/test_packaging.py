"""A non-editable install into a fresh virtual environment works from any
folder, with schemas/ and rules/ inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, USER_SEED


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("proglint-*.whl")
    return built


def test_wheel_carries_schemas_and_rules(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "proglint/_data/schemas/report.schema.json" in names
    assert any(n.startswith("proglint/_data/rules/") for n in names)
    assert "proglint/cli.py" in names


def test_installed_wheel_runs_from_another_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    document = elsewhere / "program.txt"
    document.write_bytes(USER_SEED.read_bytes())
    result = subprocess.run(
        [str(venv / "bin" / "proglint"), "program.txt", "--format", "json"],
        cwd=elsewhere, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert '"files": 1' in result.stdout
    located = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "from proglint.resources import data_dir; print(data_dir('schemas')); print(data_dir('rules'))"],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    )
    for line in located.stdout.splitlines():
        assert "site-packages/proglint/_data/" in line
    module = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "proglint", "--version"], cwd=elsewhere, capture_output=True, text=True
    )
    assert module.returncode == 0 and module.stdout.startswith("proglint ")


def test_tests_read_nothing_outside_the_repository():
    """The README's test command must pass in a bare clone: no test may
    reach for ../shared or any other folder beside the checkout."""
    import re
    from pathlib import Path

    here = Path(__file__).resolve().parent
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(here.glob("*.py"))
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"ROOT\.parent\b|\.\./shared|\"shared\"", line)
    ]
    assert offenders == []
