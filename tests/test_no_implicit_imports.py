"""Linting a folder never imports or runs anything from it (issue 11,
item 5): only ``rule-paths`` named by a configuration load code.

The folder holds every trap Python tooling is known to fall into: a
``conftest.py``, a ``proglint_rules.py``, a ``rules/`` package, a
``sitecustomize.py`` and ``usercustomize.py``, a ``.pth`` file, and
modules named like the ones proglint imports (``yaml``, ``jsonschema``,
``tomllib``...), which ``python -m`` would find first on a path that
starts with the working folder.  Each writes a marker when executed.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.generate import generate_document  # noqa: E402

TRAPS = (
    "conftest.py", "proglint_rules.py", "rules/__init__.py", "rules/labels.py", "sitecustomize.py",
    "usercustomize.py", "yaml.py", "jsonschema.py", "tomllib.py", "tomli.py", "lsprotocol.py", "referencing.py",
    "benchmarks.py", "proglint_plugin.py", "_yaml.py", "hypothesis.py",
)


def plant(folder: Path) -> Path:
    markers = folder / "markers"
    markers.mkdir()
    for name in TRAPS:
        file = folder / name
        file.parent.mkdir(exist_ok=True)
        file.write_text(
            f"import pathlib\npathlib.Path({str(markers)!r}, {name.replace('/', '_')!r}).write_text('ran')\n"
        )
    (folder / "evil.pth").write_text(f"import pathlib; pathlib.Path({str(markers)!r}, 'pth').write_text('ran')\n")
    (folder / "1234.txt").write_text(generate_document(random.Random(1), 5, program_id=1234))
    (folder / "rules" / "notes.txt").write_text("not a program document")
    return markers


SCRIPT = Path(sys.executable).with_name("proglint")


@pytest.mark.parametrize(
    "command, inside",
    [
        ([sys.executable, "-m", "proglint", "."], True),
        ([str(SCRIPT), "."], True),
        ([sys.executable, "-m", "proglint", "{folder}"], False),
        ([str(SCRIPT), "check", "{folder}", "--fix", "--extend-select", "ALL"], False),
        ([sys.executable, "-m", "proglint", "rules"], True),
    ],
    ids=["python-m-inside", "script-inside", "python-m-outside", "script-fix-outside", "python-m-rules-inside"],
)
def test_linting_a_folder_runs_none_of_its_code(tmp_path, command, inside):
    folder = tmp_path / "untrusted"
    folder.mkdir()
    markers = plant(folder)
    command = [part.replace("{folder}", str(folder)) for part in command]
    result = subprocess.run(
        command + ["--no-cache"] * (command[-1] != "rules"), cwd=folder if inside else tmp_path,
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    assert sorted(p.name for p in markers.iterdir()) == []
    if command[-1] != "rules":
        assert "Checked 1 file" in result.stdout  # the document was linted, the traps were not run
