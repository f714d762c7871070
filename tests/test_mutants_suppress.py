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


# -- which block an enable closes --------------------------------------------------------

ROWS = {n: next(l for l in BASE.split("\n") if l.startswith(f"|            | {n} ")) for n in range(3, 7)}


def rows_with_extra_cells(comments: dict[int, str]) -> str:
    """Rows 3-6 (lines 23-26) each with a sixth cell (PL011), and a comment after some of them."""
    text = BASE
    for number, row in ROWS.items():
        comment = comments.get(number)
        text = text.replace(row, row + " x |" + (f" {comment}" if comment else ""))
    return text


def outcome(text: str) -> list[tuple]:
    return [(d.code, d.span.start_line, d.suppression.kind if d.suppression else None,
             d.suppression.reason if d.suppression else None) for d in lint(Source.from_text("p.txt", text))]


def test_an_enable_with_a_code_closes_the_latest_block_it_shares_a_code_with():
    text = rows_with_extra_cells({3: "<!-- proglint-disable PL011 -- a -->", 4: "<!-- proglint-disable PL7 -- b -->",
                                  5: "<!-- proglint-enable PL011 -->"})
    assert outcome(text) == [
        ("PL011", 23, "disable", "a"), ("PL011", 24, "disable", "a"), ("PL701", 24, None, None),
        ("PL011", 25, "disable", "a"), ("PL011", 26, None, None),  # the PL011 block is closed; PL7 does not cover it
    ]


def test_an_enable_with_a_code_closes_a_later_block_without_codes_first():
    text = rows_with_extra_cells({3: "<!-- proglint-disable PL011 -- a -->", 4: "<!-- proglint-disable -- b -->",
                                  5: "<!-- proglint-enable PL011 -->"})
    assert outcome(text) == [
        ("PL011", 23, "disable", "a"), ("PL011", 24, "disable", "a"), ("PL701", 24, None, None),
        ("PL011", 25, "disable", "a"), ("PL011", 26, "disable", "a"),  # the PL011 block is still open
    ]


def test_an_enable_without_codes_closes_the_latest_block():
    text = rows_with_extra_cells({3: "<!-- proglint-disable -- a -->", 4: "<!-- proglint-disable PL011 -- b -->",
                                  5: "<!-- proglint-enable -->"})
    assert outcome(text) == [
        ("PL011", 23, "disable", "a"), ("PL011", 24, "disable", "a"), ("PL701", 24, None, None),
        ("PL011", 25, "disable", "a"), ("PL011", 26, "disable", "a"),  # the block without codes is still open
    ]


def test_a_directive_inside_inline_code_is_text_not_a_directive():
    text = rows_with_extra_cells({}).replace(
        "## ABSTRACT", "Write `<!-- proglint-disable-file -->` to silence a file.\n\n## ABSTRACT")
    assert [f[:3] for f in outcome(text)] == [("PL011", n, None) for n in (23, 24, 25, 26)]
    outside = rows_with_extra_cells({}).replace("## ABSTRACT", "<!-- proglint-disable-file -- all -->\n\n## ABSTRACT")
    assert [f[:3] for f in outcome(outside)] == [("PL011", n, "disable-file") for n in (23, 24, 25, 26)]


def test_disable_next_line_covers_the_next_line_only():
    comment = "<!-- proglint-disable-next-line PL007 -- draft -->"
    text = BASE.replace("# 1071 - NIRCam", f"{comment}\n# 1071 NIRCam")
    line = text.split("\n").index(comment) + 1
    assert outcome(text) == [("PL007", line + 1, "disable-next-line", "draft")]
    heading_line = next(l for l in BASE.split("\n") if l.startswith("# 1071 - "))
    before = BASE.replace(heading_line, heading_line.replace("# 1071 - ", "# 1071 ") + "\n" + comment)
    heading = before.split("\n").index(comment)  # the heading is the line above the comment
    # (the comment between heading and URL also hides the URL: PL124, not asserted here)
    assert [f[:3] for f in outcome(before) if f[0] != "PL124"] == [("PL007", heading, None), ("PL701", heading + 1, None)]


# -- more than one comment on a line -------------------------------------------------------


def row3_with(comments: str) -> list[tuple]:
    return outcome(BASE.replace(ROWS[3], ROWS[3] + " x | " + comments))


def test_a_directive_after_a_plain_comment_on_the_same_line():
    assert row3_with("<!-- a note --> <!-- proglint-disable-line PL011 -- r -->") == [("PL011", 23, "disable-line", "r")]


def test_a_directive_inside_an_unclosed_plain_comment_opener():
    assert row3_with("<!-- a <!-- proglint-disable-line PL011 -- c -->") == [("PL011", 23, "disable-line", "c")]


def test_two_directives_on_one_line_each_count():
    assert row3_with("<!-- proglint-disable-line PL701 -- a --> <!-- proglint-disable-line PL011 -- b -->") == [
        ("PL011", 23, "disable-line", "b"), ("PL701", 23, None, None),  # the first names a code with nothing to silence
    ]


def test_a_reason_may_contain_double_dashes():
    assert row3_with("<!-- proglint-disable-line PL011 -- a -- b -->") == [("PL011", 23, "disable-line", "a -- b")]
