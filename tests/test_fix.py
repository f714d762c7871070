"""--fix: only the offered repairs, atomically, newline style and BOM kept."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings, strategies as st

from proglint.config import Config, Layer
from proglint.diagnostic import Diagnostic, Edit, Fix, Severity
from proglint.fix import apply, fix_until_stable
from proglint.pipeline import active, lint
from proglint.source import Source
from proglint.span import Span

from conftest import seed_text

SEED = seed_text()
WITH_PL502 = Config(layers=(Layer(extend_select=("PL502",)),))


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "proglint", *args], capture_output=True, text=True, cwd=cwd)


def test_fix_rewrites_only_the_offered_cells(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(SEED)
    result = run("p.txt", "--extend-select", "PL502", "--fix", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""  # the text summary line says what was fixed
    assert result.stdout == "Checked 1 file: no problems left (6 fixed).\n"
    assert path.read_text() == SEED.replace("| MIRI imaging   ", "| MIRI Imaging   ")
    assert SEED.count("| MIRI imaging   ") == 6


def test_fix_keeps_crlf_and_bom(tmp_path):
    path = tmp_path / "p.txt"
    data = b"\xef\xbb\xbf" + SEED.replace("\n", "\r\n").encode()
    path.write_bytes(data)
    run("p.txt", "--extend-select", "PL502", "--fix", cwd=tmp_path)
    assert path.read_bytes() == b"\xef\xbb\xbf" + SEED.replace("| MIRI imaging   ", "| MIRI Imaging   ").replace("\n", "\r\n").encode()


def test_nothing_to_fix_leaves_the_file_untouched(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(SEED)
    before = path.stat().st_mtime_ns
    result = run("p.txt", "--fix", cwd=tmp_path)
    assert result.returncode == 0 and "fixed" not in result.stderr
    assert path.stat().st_mtime_ns == before and path.read_text() == SEED


def test_fix_refuses_stdin():
    result = subprocess.run([sys.executable, "-m", "proglint", "-", "--fix"], input=SEED, capture_output=True, text=True)
    assert result.returncode == 2 and "--fix" in result.stderr


def test_overlapping_edits_wait_for_the_next_pass():
    source = Source.from_text("p.txt", "abcdef\n")

    def diag(start, end, text):
        return Diagnostic("PL999", "x", Severity.ERROR, "m", Span(1, start, 1, end), "p.txt",
                          fix=Fix("f", (Edit(Span(1, start, 1, end), text),)))

    text, applied = apply(source, [diag(1, 3, "XY"), diag(2, 4, "Z"), diag(5, 6, "Q")])
    assert (text, applied) == ("XYcdQf\n", 2)


@st.composite
def seed_with_case_changes(draw):
    """The seed with random template cells written in other cases."""
    lines = SEED.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("|") and "Imaging" in line and draw(st.booleans()):
            cells = line.split("|")
            cells[4] = draw(st.sampled_from([cells[4].lower(), cells[4].upper(), cells[4].swapcase()]))
            lines[index] = "|".join(cells)
    return "\n".join(lines)


@settings(max_examples=40)
@given(seed_with_case_changes())
def test_fixing_is_complete_idempotent_and_local(text):
    source = Source.from_text("p.txt", text)
    fixed = fix_until_stable(source, lambda s: lint(s, WITH_PL502)).source
    assert [d for d in active(lint(fixed, WITH_PL502)) if d.code == "PL502"] == []
    assert fix_until_stable(fixed, lambda s: lint(s, WITH_PL502)).applied == 0
    before, after = text.split("\n"), fixed.text.split("\n")
    assert len(before) == len(after)
    for old, new in zip(before, after):
        if old != new:  # only the template cell changed, to a canonical name
            assert old.split("|")[:4] == new.split("|")[:4] and old.split("|")[5:] == new.split("|")[5:]
            assert old.split("|")[4].casefold() == new.split("|")[4].casefold()
