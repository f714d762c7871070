"""--fix never loses a byte: files that are not UTF-8 or that changed while
proglint ran are left as they are (PL902 says why); writes are atomic even
under kill -9; two --fix runs at once leave one valid result."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import proglint.fix
from proglint.cli import main

from conftest import seed_text

SEED = seed_text()  # six 'MIRI imaging' cells: PL502 fixes their case
FIXED = SEED.replace("| MIRI imaging   ", "| MIRI Imaging   ")


def fix(*paths: str) -> int:
    return main([*paths, "--extend-select", "PL502", "--fix", "--format", "concise", "--no-cache"])


def test_a_file_that_is_not_utf8_is_never_written(tmp_path, capsys):
    path = tmp_path / "p.txt"
    data = SEED.replace("muCol", "mu\xe9Col", 1).encode("latin-1")  # one Latin-1 byte, 0xE9
    path.write_bytes(data)
    assert fix(str(path)) == 1
    out = capsys.readouterr().out
    assert path.read_bytes() == data
    # the encoding error is the root cause of everything else: the only finding, nothing to fix
    assert out.splitlines()[0].startswith(f"{path}:40:5: error PL001 byte 0xE9")
    assert "PL502" not in out
    # with PL001 turned off the fixes are offered again, and still never written
    assert main([str(path), "--extend-select", "PL502", "--ignore", "PL001", "--fix", "--format", "concise", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert path.read_bytes() == data
    assert f"{path}:1:1: error PL902 the file is not valid UTF-8, so its 6 fix(es) were not written" in out


def test_a_file_changed_while_proglint_ran_is_not_overwritten(tmp_path, capsys, monkeypatch):
    path = tmp_path / "p.txt"
    path.write_text(SEED, encoding="utf-8")
    edited = SEED.replace("GD153", "GD-153")
    assert edited != SEED
    original = proglint.fix.fix_until_stable

    def someone_saves_meanwhile(source, lint, **options):
        fixed = original(source, lint, **options)
        path.write_text(edited, encoding="utf-8")
        return fixed

    monkeypatch.setattr(proglint.fix, "fix_until_stable", someone_saves_meanwhile)
    assert fix(str(path)) == 1
    assert path.read_text(encoding="utf-8") == edited
    assert "PL902 the file changed on disk while proglint ran, so its 6 fix(es) were not written" in capsys.readouterr().out


def test_a_fix_keeps_the_file_mode(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text(SEED, encoding="utf-8")
    path.chmod(0o640)
    assert fix(str(path)) == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


WRITER = """
import sys
from pathlib import Path
from proglint.atomic import write_bytes
size = int(sys.argv[2])
for round in range(1000):
    write_bytes(Path(sys.argv[1]), (b"N" if round % 2 else b"M") * size)
"""


def test_kill_9_during_a_write_leaves_a_whole_file(tmp_path):
    """A writer replacing a large file over and over is killed at moments
    that fall anywhere in a write; each time the file is wholly one version."""
    path = tmp_path / "big.txt"
    size = 8 * 1024 * 1024
    path.write_bytes(b"O" * size)
    versions = {b"O" * size, b"M" * size, b"N" * size}
    for delay in (0.05, 0.13, 0.21, 0.34, 0.55, 0.89):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(size)])
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert path.read_bytes() in versions
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "big.txt"]
    assert all(name.startswith(".big.txt.") for name in leftovers)  # at most the killed writer's temporary files


def test_two_fix_runs_at_once_leave_one_valid_result(tmp_path):
    paths = []
    for index in range(20):
        path = tmp_path / f"p{index}.txt"
        path.write_text(SEED, encoding="utf-8")
        paths.append(str(path))
    command = [sys.executable, "-m", "proglint", *paths, "--extend-select", "PL502", "--fix", "--no-cache", "-j", "1"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for run in runs:
        run.communicate(timeout=300)
        assert run.returncode in (0, 1)  # 1: PL902 when the other run wrote a file first
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            assert handle.read() == FIXED
    assert sorted(os.listdir(tmp_path)) == sorted(os.path.basename(p) for p in paths)


DUPLICATES = seed_text("1071.txt").replace("| 2            |", "| 1            |", 1).replace("| 3            |", "| 1            |", 1)


def test_unsafe_fixes_are_applied_only_when_asked(tmp_path, capsys):
    path = tmp_path / "1071.txt"
    path.write_text(DUPLICATES, encoding="utf-8")
    assert main([str(path), "--fix", "--no-cache"]) == 1  # text output: the note for people is on
    out = capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == DUPLICATES  # renumbering is a guess: not applied
    assert out.splitlines()[-1] == "Checked 1 file: 2 errors, 0 warnings. 2 have an unsafe fix (--unsafe-fixes applies them)."
    assert main([str(path), "--fix", "--unsafe-fixes", "--no-cache", "--format", "concise"]) == 0
    assert "fixed 2 finding(s) in 1 file(s)" in capsys.readouterr().err
    # each duplicate got its own free number: 11 and 12 (1071 uses 1 to 10);
    # the edit replaces the number's characters, the padding stays
    expected = seed_text("1071.txt").replace("| 2            |", "| 11            |", 1).replace("| 3            |", "| 12            |", 1)
    assert path.read_text(encoding="utf-8") == expected
