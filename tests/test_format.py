"""proglint format: the canonical layout, never a change of meaning."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from proglint.canonical import format_source
from proglint.parse import parse
from proglint.schema.to_json import json_form
from proglint.source import Source

from conftest import ROOT, SEED_PATHS, seed_text

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate_document, load_vocab  # noqa: E402

VOCAB = load_vocab(ROOT / "rules" / "vocabulary.yaml")
APT_SEEDS = [p for p in SEED_PATHS if not p.name.startswith("000_")]


def fmt(text: str, path: str = "doc.txt") -> str:
    return format_source(Source.from_text(path, text)).text


def meaning(text: str) -> dict:
    return json_form(parse(Source.from_text("doc.txt", text)))


@pytest.mark.parametrize("path", APT_SEEDS, ids=lambda p: p.name)
def test_the_apt_seeds_are_canonical_but_for_the_final_newline(path):
    text = path.read_text(encoding="utf-8")
    assert not text.endswith("\n")
    assert fmt(text) == text + "\n"


def test_the_hand_aligned_seed_gets_its_table_padded():
    text = seed_text("000_223d96fec14c6a4f.txt")
    out = fmt(text)
    assert meaning(out) == meaning(text)
    before, after = text.splitlines(), out.splitlines()
    changed = [n for n, (a, b) in enumerate(zip(before, after), start=1) if a != b]
    assert changed == list(range(19, 46))  # the table's lines, and nothing else
    # widest cells (read off the seed): WD1057+719 (10), Observation (11),
    # NIRCam Imaging Sub1 60P Module B - LW (37), MIRI Medium Resolution
    # Spectroscopy (35), Science Target (14); each column one wider
    widths = (11, 12, 38, 36, 15)
    names = ("Folder", "Observation", "Label", "Observing Template", "Science Target")
    assert after[18] == "| " + " | ".join(n.ljust(w) for n, w in zip(names, widths)) + " |"
    assert after[19] == "| " + " | ".join(":" + "-" * (w - 1) for w in widths) + " |"
    widths = {len(line) for line in after[18:45]}
    assert len(widths) == 1  # every row as wide as the header


FRONT = """---
# exported from APT
cycle: 1
proposal_type: GO
id: 1071  # the program
exclusive_access_period_months: "12"
instrument_mode: &mode "NIRCam"
pi_and_co_pis: ""
prime_parallel_time_hours: ""
program_title: A title
type: *mode
extra_key: kept
---
"""


def test_front_matter_in_canonical_order_with_comments_anchors_and_meaning_kept():
    text = FRONT + seed_text("1071.txt").split("\n---\n", 1)[1]
    out = fmt(text)
    assert out.split("\n---\n", 1)[0] + "\n---\n" == """---
# exported from APT
id: 1071  # the program
proposal_type: "GO"
cycle: 1
exclusive_access_period_months: "12"
instrument_mode: &mode "NIRCam"
pi_and_co_pis: ""
prime_parallel_time_hours: ""
program_title: "A title"
type: *mode
extra_key: "kept"
---
"""
    assert meaning(out) == meaning(text)  # cycle stays the number 1: quoting it would change it
    assert fmt(out) == out


def test_newlines_and_byte_order_mark_are_kept():
    text = seed_text("1071.txt").replace("\n", "\r\n")
    source = Source.from_bytes("doc.txt", b"\xef\xbb\xbf" + text.encode())
    formatted = format_source(source)
    assert formatted.encode() == b"\xef\xbb\xbf" + (text + "\r\n").encode()


def test_a_table_with_problems_is_left_as_written():
    text = seed_text("1071.txt").replace("| 3            |", "| 3            | extra |", 1) + "\n"
    assert fmt(text) == text


def test_trailing_whitespace_and_blank_lines_at_the_end_go():
    text = seed_text("1093.txt").replace("## ABSTRACT", "## ABSTRACT   ", 1) + "\n\n\n"
    out = fmt(text)
    assert "## ABSTRACT\n" in out and out.endswith("\n") and not out.endswith("\n\n")


def mutated(seed: int, rows: int, cut: int, pad: int) -> str:
    rng = random.Random(seed)
    lines = generate_document(rng, rows, vocab=VOCAB).splitlines()
    table = [i for i, line in enumerate(lines) if line.startswith("| ")]
    for index in table[2:][: cut % 7]:  # rows with their padding disturbed, as hand edits leave them
        cells = lines[index].split("|")
        lines[index] = "|".join(c.strip().ljust(len(c.strip()) + pad % 4) if c else c for c in cells)
    return "\n".join(lines) + " " * (pad % 3)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 40), st.integers(0, 20), st.integers(0, 9))
def test_formatting_keeps_the_meaning_and_is_idempotent(seed, rows, cut, pad):
    text = mutated(seed, rows, cut, pad)
    once = fmt(text)
    assert meaning(once) == meaning(text)
    assert fmt(once) == once


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_formats_without_error_and_keeps_its_meaning(text):
    once = fmt(text)
    assert meaning(once) == meaning(text)
    assert fmt(once) == once


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "proglint", "format", *args], capture_output=True, text=True, cwd=cwd)


def test_check_diff_and_write(tmp_path):
    path = tmp_path / "1071.txt"
    original = seed_text("1071.txt")
    path.write_text(original, encoding="utf-8")
    check = run("--check", ".", cwd=tmp_path)
    assert (check.returncode, check.stdout) == (1, "would reformat 1071.txt\n")
    diff = run("--diff", "1071.txt", cwd=tmp_path)
    assert diff.returncode == 1 and diff.stdout.startswith("--- 1071.txt\n+++ 1071.txt\n")
    assert diff.stdout.endswith("\\ No newline at end of file\n+" + original.splitlines()[-1] + "\n")
    assert path.read_text(encoding="utf-8") == original  # --check and --diff write nothing
    written = run(".", cwd=tmp_path)
    assert written.returncode == 0 and "1 file(s) reformatted" in written.stderr
    assert path.read_text(encoding="utf-8") == original + "\n"
    assert run("--check", ".", cwd=tmp_path).returncode == 0


def test_a_file_that_is_not_utf8_is_never_written(tmp_path):
    path = tmp_path / "1071.txt"
    data = seed_text("1071.txt").replace("Alignment", "Alignm\xe9nt", 1).encode("latin-1")
    path.write_bytes(data)
    result = run("1071.txt", cwd=tmp_path)
    assert result.returncode == 1 and "not valid UTF-8" in result.stderr
    assert path.read_bytes() == data


def test_markdown_that_is_not_a_program_document_is_left_alone_even_when_named(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Notes   \n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\n", encoding="utf-8")
    before = readme.read_bytes()
    result = run("README.md", cwd=tmp_path)
    assert result.returncode == 0 and readme.read_bytes() == before
