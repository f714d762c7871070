"""The README's "Fixing" section shows real output: each ``$ proglint ...``
block, run in order on a copy of examples/fixing/ (so --fix's changes carry
over to the next block, as they would in a terminal), prints exactly what
the README shows (stdout, then stderr)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys

from conftest import ROOT


def blocks() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Fixing\n") :]
    section = section[: re.search(r"\n##+ ", section[1:]).start() + 1]
    return re.findall(r"```console\n\$ proglint ([^\n]*)\n(.*?)```", section, re.S)


def test_the_fixing_section_shows_what_proglint_prints(tmp_path):
    shown = blocks()
    assert [command for command, _ in shown] == [
        "1071.txt --no-show-source",
        "1071.txt --diff",
        "1071.txt --fix --show-fixes --no-show-source",
        "1071.txt --fix --unsafe-fixes --show-fixes",
        "format --check 1071.txt",
    ]
    shutil.copy(ROOT / "examples" / "fixing" / "1071.txt", tmp_path / "1071.txt")
    for command, output in shown:
        result = subprocess.run(
            [sys.executable, "-m", "proglint", *shlex.split(command)], cwd=tmp_path, capture_output=True, text=True
        )
        assert result.stdout + result.stderr == output, command
