"""The suppression reports PL701-PL705 at line, column and end column: each
covers its whole comment (test_suppressions.py checks the start)."""

from __future__ import annotations

from proglint.config import Config
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import seed_text

BASE = seed_text("1071.txt")
ROW3 = "|            | 3            | FGS-1, GS#3  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"
EXTRA3 = ROW3 + " x |"  # a sixth cell: PL011 on line 23


def found(text: str, config: Config | None = None) -> list[tuple]:
    return [
        (d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message)
        for d in active(lint(Source.from_text("p.txt", text), config))
    ]


def comment_at(text: str, comment: str) -> tuple[int, int, int]:
    line = next(n for n, l in enumerate(text.split("\n"), 1) if comment in l)
    column = text.split("\n")[line - 1].index(comment) + 1
    return line, column, column + len(comment)


def test_pl701_covers_the_unused_comment():
    comment = "<!-- proglint-disable-line PL011 -->"
    text = BASE.replace(ROW3, f"{ROW3} {comment}")
    assert found(text) == [("PL701", *comment_at(text, comment), "unused suppression: nothing here is PL011; remove it")]


def test_pl702_covers_the_comment_naming_an_unknown_code():
    comment = "<!-- proglint-disable-line PL011 PL999 -->"
    text = BASE.replace(ROW3, f"{EXTRA3} {comment}")
    assert found(text) == [
        ("PL702", *comment_at(text, comment), "'PL999' is not a known code or rule name; 'proglint rules' lists them"),
    ]


def test_pl703_covers_the_enable_comment():
    comment = "<!-- proglint-enable PL011 -->"
    text = BASE.replace("## ABSTRACT", f"{comment}\n## ABSTRACT")
    assert found(text) == [("PL703", *comment_at(text, comment), "this 'proglint-enable' has no 'proglint-disable' before it")]


def test_pl704_covers_the_comment_without_a_reason():
    comment = "<!-- proglint-disable-line PL011 -->"
    text = BASE.replace(ROW3, f"{EXTRA3} {comment}")
    assert found(text, Config(require_suppression_reason=True)) == [
        ("PL704", *comment_at(text, comment), "give a reason after '--', e.g. '<!-- proglint-disable-line PL301 -- why -->'"),
    ]


def test_pl705_covers_the_misspelt_directive_and_the_finding_stays():
    comment = "<!-- proglint-disabel-line PL011 -->"
    text = BASE.replace(ROW3, f"{EXTRA3} {comment}")
    x = text.split("\n")[22].index(" x |") + 2
    assert found(text) == [
        ("PL011", 23, x, x + 1, "the row has 6 cells, expected 5: remove the extra cell(s) or escape a '|' inside a cell as '\\|'"),
        ("PL705", *comment_at(text, comment),
         "'proglint-disabel-line' is not a suppression directive; use one of proglint-disable-line, "
         "proglint-disable-next-line, proglint-disable, proglint-enable, proglint-disable-file"),
    ]
