"""The progress line of long runs (issue 15): on a terminal only (a
pseudo-terminal here), after a second, redrawn in place and wiped at the
end; never on a pipe, never with --no-progress, never on stdout.  The
clock is a fake one, or the delay is set to zero: nothing waits."""

from __future__ import annotations

import io
import os
import re
import shutil

import pytest

from conftest import SEED_PATHS

from proglint import cli, progress
from proglint.progress import Progress


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def read_all(fd: int) -> str:
    os.set_blocking(fd, False)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except (BlockingIOError, OSError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8")


@pytest.fixture
def terminal():
    """A pseudo-terminal: (the file a program writes to, the fd to read what it wrote)."""
    main, side = os.openpty()
    stream = os.fdopen(side, "w", encoding="utf-8")
    # no output processing: the bytes written are the bytes read ("\n" stays "\n")
    import termios

    attributes = termios.tcgetattr(side)
    attributes[1] &= ~termios.OPOST
    termios.tcsetattr(side, termios.TCSANOW, attributes)
    yield stream, main
    stream.close()
    os.close(main)


def test_the_line_appears_after_a_second_is_redrawn_in_place_and_wiped(terminal):
    stream, main = terminal
    clock = Clock()
    line = Progress(4, stream, clock=clock)
    clock.now += 0.5
    line.advance()  # 1/4 at 0.5 s: too early
    assert read_all(main) == ""
    clock.now += 0.7
    line.advance()  # 2/4 at 1.2 s
    assert read_all(main) == "\rproglint: 2/4 files, 1.2 s"
    clock.now += 0.05
    line.advance()  # 3/4 only 0.05 s later: not redrawn
    assert read_all(main) == ""
    clock.now += 0.05
    line.advance()  # the last file is always shown
    assert read_all(main) == "\rproglint: 4/4 files, 1.3 s"
    line.close()
    assert read_all(main) == "\r" + " " * len("proglint: 4/4 files, 1.3 s") + "\r"
    line.close()  # once wiped, closing again writes nothing
    assert read_all(main) == ""


def test_a_shorter_line_covers_the_longer_one_before_it(terminal):
    stream, main = terminal
    clock = Clock()
    line = Progress(9, stream, clock=clock)
    clock.now += 12.25
    line.advance(8)
    clock.now -= 11  # a clock that went back (a stand-in for any shorter line)
    line.advance()
    assert read_all(main) == "\rproglint: 8/9 files, 12.2 s" + "\rproglint: 9/9 files, 1.2 s "
    line.close()
    assert read_all(main) == "\r" + " " * len("proglint: 8/9 files, 12.2 s") + "\r"


def test_nothing_is_written_to_a_stream_that_is_not_a_terminal():
    clock = Clock()
    stream = io.StringIO()
    line = Progress(2, stream, clock=clock)
    clock.now += 5
    line.advance(2)
    line.close()
    assert stream.getvalue() == ""


def test_nothing_is_written_when_turned_off(terminal):
    stream, main = terminal
    clock = Clock()
    line = Progress(2, stream, enabled=False, clock=clock)
    clock.now += 5
    line.advance(2)
    line.close()
    assert read_all(main) == ""


# -- fed by a real run ------------------------------------------------------


@pytest.fixture
def folder(tmp_path, monkeypatch):
    for path in SEED_PATHS:
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(progress, "DELAY", 0.0)  # shown from the first file: no run has to last a second
    return tmp_path


def test_a_check_run_on_a_terminal_shows_every_file_and_wipes_the_line(folder, terminal, monkeypatch, capsys):
    stream, main = terminal
    monkeypatch.setattr("sys.stderr", stream)
    assert cli.main([".", "--format", "json", "--no-cache", "--jobs", "1", "--isolated"]) == 0
    stream.flush()
    shown = read_all(main)
    count = len(SEED_PATHS)
    assert shown.startswith("\rproglint: 1/5 files, "), shown
    final = re.fullmatch(rf"(.*)\rproglint: {count}/{count} files, (\d+\.\d) s\r( +)\r", shown, re.S)
    assert final is not None, shown
    assert len(final.group(3)) == len(f"proglint: {count}/{count} files, {final.group(2)} s")
    assert "proglint:" not in capsys.readouterr().out  # stdout holds the JSON alone


def test_the_report_command_shows_it_too(folder, terminal, monkeypatch):
    stream, main = terminal
    monkeypatch.setattr("sys.stderr", stream)
    assert cli.main(["report", ".", "-o", "r.html", "--jobs", "1", "--isolated"]) == 0
    stream.flush()
    shown = read_all(main)
    assert re.fullmatch(r"\rproglint: 1/5 files, .*\rproglint: 5/5 files, \d+\.\d s\r +\rproglint: wrote r\.html \(5 documents, 0 error\(s\), 0 warning\(s\), 0 info\(s\)\)\n", shown, re.S), shown


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["check", "."], ""),
        (["report", ".", "-o", "r.html"], "proglint: wrote r.html (5 documents, 0 error(s), 0 warning(s), 0 info(s))\n"),
    ],
)
def test_no_progress_turns_it_off(folder, terminal, monkeypatch, command, expected):
    stream, main = terminal
    monkeypatch.setattr("sys.stderr", stream)
    assert cli.main([*command, "--no-progress", "--no-cache" if command[0] == "check" else "--isolated", "--jobs", "1", "--isolated"]) == 0
    stream.flush()
    assert read_all(main) == expected


def test_a_pipe_never_gets_it(folder, monkeypatch):
    read_end, write_end = os.pipe()
    stream = os.fdopen(write_end, "w", encoding="utf-8")
    monkeypatch.setattr("sys.stderr", stream)
    try:
        assert cli.main([".", "--format", "json", "--no-cache", "--jobs", "1", "--isolated"]) == 0
        stream.flush()
        assert read_all(read_end) == ""
    finally:
        stream.close()
        os.close(read_end)
