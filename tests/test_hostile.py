"""Hostile documents: each finishes, and is reported where and as it should be.

Every case here once sent a regular expression or a scan into quadratic
time (a backtracking pattern, a rescan from every position, every directive
tried against every finding). Each is sized so that a quadratic path would
take minutes, and runs in a subprocess under a generous timeout: the tests
assert completion and the diagnostics, never a speed figure, so a slow CI
machine does not make them flaky while a regression still blows the limit.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import DOC_HEAD, DOC_TAIL

TIMEOUT = 60  # seconds; each case takes well under 3 on an ordinary machine

RUNNER = textwrap.dedent(
    """
    import json, sys
    from proglint.source import Source
    path, mode = sys.argv[1], sys.argv[2]
    source = Source.read(path)
    if mode == "parse":
        from proglint.parse import parse
        document = parse(source)
        table = document.table
        out = {
            "problems": [[d.code, d.span.start_line, d.span.start_column, d.message] for d in document.problems],
            "heading": None if document.heading is None else [
                document.heading.text.value[:40], list(document.heading.text.span),
                None if document.heading.title is None else [document.heading.title.value[:40],
                                                              list(document.heading.title.span)],
            ],
            "sections": [[s.line, s.end_line] for s in document.sections[:3]] + [len(document.sections)],
            "rows": None if table is None else len(table.rows),
            "cells": None if table is None else [
                [[c.value[:40], list(c.span)] for c in row.cells[:6]] + [len(row.cells)] for row in table.rows[:2]
            ],
        }
    else:
        from proglint.pipeline import lint
        out = {"diagnostics": [
            [d.code, d.span.start_line, d.span.start_column, d.message[:200], d.suppression is not None]
            for d in lint(source)
        ]}
    print(json.dumps(out))
    """
)


def run(tmp_path, text: str, mode: str = "parse") -> dict:
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(path), mode], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def codes(found: list) -> list[str]:
    return [entry[0] for entry in found]


FRONT = "---\nid: 1071\nprogram_title: \"T\"\n---\n"


# -- the heading ----------------------------------------------------------------


def test_heading_with_a_long_run_of_spaces_inside_the_title(tmp_path):
    # '# 1 -' then 90,000 spaces then the title: `(.*?)[ \t]*$` tried the
    # run of spaces from every position.
    out = run(tmp_path, FRONT + "# 1 -" + " " * 90_000 + "Title\n")
    assert out["problems"][:1] == [] or "PL007" not in codes(out["problems"])
    assert out["heading"][2] == ["Title", [5, 90_006, 5, 90_011]]


def test_heading_with_spaces_then_many_hashes_and_text(tmp_path):
    # spaces then '#'s then text: not a closing sequence, so all of it is the title
    line = "# 1 - T" + " " * 40_000 + "#" * 40_000 + "x"
    out = run(tmp_path, FRONT + line + "\n")
    title, span = out["heading"][2]
    assert title.startswith("T ") and span == [5, 7, 5, len(line) + 1]


def test_heading_with_many_closing_hashes(tmp_path):
    out = run(tmp_path, FRONT + "# 1 - Title" + " " * 40_000 + "#" * 40_000 + "\n")
    assert out["heading"][2] == ["Title", [5, 7, 5, 12]]


def test_heading_of_unclosed_comments(tmp_path):
    # every '<!--' once searched the rest of the line for its '-->'
    out = run(tmp_path, FRONT + "# 1 - T " + "<!--" * 20_000 + "\n")
    assert out["heading"][2][0] == "T " + "<!--" * 9 + "<!"


def test_many_headings(tmp_path):
    # each section's end was searched for in a copy of every later heading
    out = run(tmp_path, FRONT + "# 1 - T\n" + "## A\n" * 100_000)
    assert out["sections"] == [[6, 6], [7, 7], [8, 8], 100_000]


# -- the front matter -----------------------------------------------------------


def test_thousands_of_repeated_front_matter_keys(tmp_path):
    # each repeat's fix looked at every other entry to see whether one
    # shared its lines: 3,000 repeats took 6 s, 9,000 would take a minute (more repeats
    # than this and the front matter passes the 20,000-value limit, PL002)
    repeats = "".join(f"id: {i}\n" for i in range(9_000))
    out = run(tmp_path, "---\n" + repeats + FRONT[len("---\n"):] + "# 1071 - T\n", "lint")
    found = [d[:4] for d in out["diagnostics"] if d[0] == "PL103"]
    assert len(found) == 9_000
    assert found[0] == [
        "PL103", 3, 1,
        "duplicate key 'id' in the front matter: it is first given on line 2, and only that value is checked; "
        "keep one of the two",
    ]
    assert found[-1][:3] == ["PL103", 9_002, 1]


# -- the table ------------------------------------------------------------------


def test_delimiter_row_with_a_long_run_of_spaces(tmp_path):
    # not a delimiter: '--- ... x' is no ':?-+:?' cell; the delimiter pattern
    # backtracked over the spaces from every position
    text = DOC_HEAD.replace("| :----- | :---------- | :---- | :----------------- | :------------- |\n", "")
    text += "| --- " + " " * 90_000 + "x |\n"
    line = text.count("\n")
    out = run(tmp_path, text)
    assert ["PL010", line - 1, 1] in [p[:3] for p in out["problems"]]
    assert ["PL011", line, 90_010] in [p[:3] for p in out["problems"]]


def test_row_with_thousands_of_unclosed_comments(tmp_path):
    text = DOC_HEAD + "| F " + "<!--" * 20_000 + " | 1 | a | MIRI Imaging | (1) X |\n" + DOC_TAIL
    line = DOC_HEAD.count("\n") + 1
    out = run(tmp_path, text)
    assert out["problems"] == []
    folder, number, label, template, target, count = out["cells"][0]
    assert count == 5
    assert number == ["1", [line, 80_008, line, 80_009]]
    assert target == ["(1) X", [line, 80_031, line, 80_036]]


def test_many_rows_with_an_unclosed_comment(tmp_path):
    rows = "".join(f"| F | {i % 999 + 1} | a <!-- | MIRI Imaging | (1) X |\n" for i in range(30_000))
    out = run(tmp_path, DOC_HEAD + rows + DOC_TAIL)
    assert out["rows"] == 30_000 and out["problems"] == []
    assert out["cells"][0][2][0] == "a <!--"


def test_a_line_of_100000_pipes_is_one_row(tmp_path):
    # exactly at the length limit: read, as a row of 99,999 cells
    line = DOC_HEAD.count("\n") + 1
    out = run(tmp_path, DOC_HEAD + "|" * 100_000 + "\n" + DOC_TAIL)
    assert out["rows"] == 1 and out["cells"][0][-1] == 99_999
    assert [p[:3] for p in out["problems"]] == [["PL011", line, 7]]


def test_a_line_of_a_million_pipes_is_reported_not_read(tmp_path):
    line = DOC_HEAD.count("\n") + 1
    out = run(tmp_path, DOC_HEAD + "|" * 1_000_000 + "\n| F | 1 | a | MIRI Imaging | (1) X |\n" + DOC_TAIL)
    assert out["problems"] == [
        [
            "PL015", line, 100_001,
            f"line {line} is 1,000,000 characters long, over the limit of 100,000: proglint reads "
            "no heading or table row on it; break it up",
        ]
    ]
    assert out["rows"] == 1  # the row after it is still read
    assert out["cells"][0][1] == ["1", [line + 1, 7, line + 1, 8]]


def test_a_table_of_100000_rows(tmp_path):
    # the parse stage alone: the whole lint of it is a benchmark's business
    rows = "".join(
        f"| F{i // 900} | {i % 900 + 1} | MIRI Imaging | MIRI Imaging | (1) X |\n" for i in range(100_000)
    )
    rows += "| G | 1 | MIRI Imaging | (1) X |\n"
    last = DOC_HEAD.count("\n") + 100_001
    out = run(tmp_path, DOC_HEAD + rows + DOC_TAIL)
    assert out["rows"] == 100_001
    # the short last row is read by matching its cells to the columns they
    # fit: 'MIRI Imaging' then '(1) X' read as template and target, so the
    # (optional) Label is the missing cell, reported at the '|' where it goes
    assert out["problems"] == [
        [
            "PL011", last, 9,
            "the row has 4 cells, expected 5: the Label cell is missing ('MIRI Imaging' stands in the Label column "
            "and every cell after it is one column to the left); add the Label cell (it may be empty)",
        ]
    ]


def test_a_table_of_unknown_templates(tmp_path):
    # a did-you-mean for every row was a difflib search over every template
    same = "".join(f"| F | {i % 999 + 1} | MIRI Imaging | MIRI Imagng | (1) X |\n" for i in range(10_000))
    out = run(tmp_path, DOC_HEAD + same + DOC_TAIL, "lint")
    messages = {d[3] for d in out["diagnostics"] if d[0] == "PL501"}
    assert messages == {"'MIRI Imagng' is not a known observing template; did you mean 'MIRI Imaging'?"}


def test_a_table_of_thousands_of_different_unknown_templates(tmp_path):
    rows = "".join(f"| F | {i % 999 + 1} | MIRI Imaging | MIRI Imagng {i} | (1) X |\n" for i in range(5_000))
    first = DOC_HEAD.count("\n") + 1
    out = run(tmp_path, DOC_HEAD + rows + DOC_TAIL, "lint")
    found = [d[:4] for d in out["diagnostics"] if d[0] == "PL501"]
    assert len(found) == 5_000
    assert found[0] == [
        "PL501", first, 26, "'MIRI Imagng 0' is not a known observing template; did you mean 'MIRI Imaging'?"
    ]
    # past 200 different names, no more did-you-mean (each is a search through every template)
    assert "did you mean" in found[199][3] and "did you mean" not in found[200][3]
    assert found[200][3].startswith("'MIRI Imagng 200' is not a known observing template; write the name")


# -- suppressions ---------------------------------------------------------------


def test_thousands_of_unclosed_disable_directives_on_one_line(tmp_path):
    text = DOC_HEAD + "| F | 1 | a | MIRI Imaging | (1) X |\n" + DOC_TAIL + "<!-- proglint-disable " * 20_000 + "\n"
    out = run(tmp_path, text, "lint")
    assert not [d for d in out["diagnostics"] if d[0].startswith("PL7")]


def test_thousands_of_unclosed_comments_in_a_section(tmp_path):
    # the section-empty rule removed comments with `<!--.*?-->` over the section
    tail = DOC_TAIL.replace("## ABSTRACT\n", "## ABSTRACT\n" + "<!--" * 50_000 + "\n")
    assert tail != DOC_TAIL
    text = DOC_HEAD + "| F | 1 | a | MIRI Imaging | (1) X |\n" + tail
    out = run(tmp_path, text, "lint")
    assert "PL023" not in codes(out["diagnostics"])  # the unclosed '<!--' is text


def test_a_directive_on_every_row(tmp_path):
    # every finding was tried against every directive
    rows = "".join(
        f"| F{i // 900} | {i % 900 + 1} | MIRI Imaging | MIRI Imagng | (1) X <!-- proglint-disable-line PL501 --> |\n"
        for i in range(10_000)
    )
    out = run(tmp_path, DOC_HEAD + rows + DOC_TAIL, "lint")
    pl501 = [d for d in out["diagnostics"] if d[0] == "PL501"]
    assert len(pl501) == 10_000 and all(d[4] for d in pl501)  # each silenced by its own row's comment
    assert not [d for d in out["diagnostics"] if d[0].startswith("PL7")]


def test_ten_thousand_disable_blocks_and_unmatched_enables(tmp_path):
    # an enable searched every open block; every finding every directive
    body = "".join("<!-- proglint-disable PL301 -->\n" for _ in range(10_000))
    body += "".join("<!-- proglint-enable PL302 -->\n" for _ in range(10_000))
    text = DOC_HEAD + "| F | 1 | a | MIRI Imaging | (1) X |\n" + DOC_TAIL + "\n" + body
    first = (DOC_HEAD + DOC_TAIL).count("\n") + 3
    out = run(tmp_path, text, "lint")
    unused = [d[:4] for d in out["diagnostics"] if d[0] == "PL701"]
    unmatched = [d[:4] for d in out["diagnostics"] if d[0] == "PL703"]
    assert len(unused) == 10_000 and len(unmatched) == 10_000
    assert unused[0] == ["PL701", first, 1, "unused suppression: nothing here is PL301; remove it"]
    assert unmatched[0] == [
        "PL703", first + 10_000, 1, "this 'proglint-enable' has no 'proglint-disable' before it"
    ]


@pytest.mark.parametrize("count", [10_000])
def test_disable_blocks_that_silence_findings(tmp_path, count):
    # blocks opened and closed around every row of a long second section of
    # rows: each finding is silenced by the block around it
    rows = "".join(f"| F | {i % 999 + 1} | a | MIRI Imagng | (1) X |\n" for i in range(count))
    blocks = "<!-- proglint-disable PL501 -->\n" * count
    text = DOC_HEAD + rows + "\n" + blocks + DOC_TAIL
    out = run(tmp_path, text, "lint")
    pl501 = [d for d in out["diagnostics"] if d[0] == "PL501"]
    assert len(pl501) == count and not any(d[4] for d in pl501)  # the blocks come after the rows
    assert len([d for d in out["diagnostics"] if d[0] == "PL701"]) == count
