"""The suppression reports PL701-PL705 at line, column and end column: each
covers its whole comment (test_suppressions.py checks the start); which
lines are read and what each directive covers, which block an enable
closes, the fix of an unused comment, and the module's two doors
(``collect``, ``apply``) called directly for what the pipeline cannot show.
The edges mutation testing found unpinned (benchmarks/mutation.py)."""

from __future__ import annotations

import pytest

from proglint import suppress
from proglint.config import Config
from proglint.diagnostic import Diagnostic, Edit, Severity, Suppression
from proglint.pipeline import active, lint, registry_for
from proglint.source import Source
from proglint.span import Span

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


# -- which lines are read, and what each directive covers ----------------------------------

BODY = BASE.split("---\n", 2)[2]  # the document without its front matter: PL003 on line 1
COMMENT_AT_END = "<!-- proglint-disable-line PL011 -->"


@pytest.mark.parametrize("where", ["first line", "last line"])
def test_disable_file_on_the_first_or_last_line_covers_line_1(where):
    comment = "<!-- proglint-disable-file PL003 -- kept in a wiki -->"
    text = f"{comment}\n{BODY}" if where == "first line" else f"{BODY}\n{comment}"
    assert [f for f in outcome(text) if f[0] == "PL003"] == [("PL003", 1, "disable-file", "kept in a wiki")]


def test_a_comment_on_the_last_line_is_read_once_and_removed_up_to_the_end_of_the_file():
    text = BASE + "\n" + COMMENT_AT_END  # no final newline: the comment's line is the last
    line = len(text.split("\n"))
    (d,) = active(lint(Source.from_text("p.txt", text)))
    assert (d.code, d.span.start_line, d.span.start_column, d.span.end_column) == ("PL701", line, 1, len(COMMENT_AT_END) + 1)
    # nothing follows it, so the edit ends on its own line, not at a line past the end
    assert d.fix.edits == (Edit(Span(line, 1, line, len(COMMENT_AT_END) + 1), ""),)


def test_a_directive_in_a_fenced_code_block_is_an_example():
    fenced = rows_with_extra_cells({}).replace("## ABSTRACT", "```\n<!-- proglint-disable-file -- all -->\n```\n\n## ABSTRACT")
    assert [f[:3] for f in outcome(fenced)] == [("PL011", n, None) for n in (23, 24, 25, 26)]


def test_a_directive_after_inline_code_on_the_same_line_counts():
    comment = "`<!-- proglint-disable-next-line PL007 -->` is written as <!-- proglint-disable-next-line PL007 -- draft -->"
    text = BASE.replace("# 1071 - NIRCam", f"{comment}\n# 1071 NIRCam")
    assert outcome(text) == [("PL007", 13, "disable-next-line", "draft")]


def test_backticks_in_the_front_matter_are_no_code():
    # YAML is not markdown: a directive between backticks in a YAML comment still counts
    text = BASE.replace("# 1071 - NIRCam", "# 1071 NIRCam").replace(
        "id: 1071\n", "id: 1071  # `# proglint: disable-file heading-malformed -- see` the ticket\n")
    assert outcome(text) == [("PL007", 12, "disable-file", "see` the ticket")]


@pytest.mark.parametrize("kind", ["disable", "enable"])
def test_a_block_comment_in_the_front_matter_is_no_directive(kind):
    comment = f"# proglint: {kind} PL011"
    text = BASE.replace("id: 1071\n", f"id: 1071  {comment}\n")
    assert found(text) == [
        ("PL705", 2, 11, 11 + len(comment),
         f"'proglint-{kind}' is not a suppression directive; use one of proglint-disable-line, "
         "proglint-disable-next-line, proglint-disable, proglint-enable, proglint-disable-file"),
    ]


def test_a_directive_after_a_misspelt_one_on_the_same_line_counts():
    assert row3_with("<!-- proglint-disabel-line -- x --> <!-- proglint-disable-line PL011 -- r -->") == [
        ("PL011", 23, "disable-line", "r"), ("PL705", 23, None, None),
    ]


def test_two_directives_with_nothing_between_them_each_count():
    assert row3_with("<!-- proglint-disable-line PL701 -- a --><!-- proglint-disable-line PL011 -- b -->") == [
        ("PL011", 23, "disable-line", "b"), ("PL701", 23, None, None),
    ]


def test_a_proglint_comment_without_a_name_is_no_directive():
    # '<!-- proglint--->': the '-' after 'proglint' starts the '-->', there is no directive name
    text = BASE.replace("## ABSTRACT", "<!-- proglint--->\n## ABSTRACT")
    assert found(text) == []
    misspelt = BASE.replace("## ABSTRACT", "<!-- proglint-x-->\n## ABSTRACT")
    assert [f[:4] for f in found(misspelt)] == [("PL705", 34, 1, len("<!-- proglint-x-->") + 1)]


def test_disable_next_line_in_a_row_covers_the_next_row_only():
    text = rows_with_extra_cells({3: "<!-- proglint-disable-next-line PL011 -- r -->"})
    assert outcome(text) == [("PL011", 23, None, None), ("PL011", 24, "disable-next-line", "r"),
                             ("PL011", 25, None, None), ("PL011", 26, None, None)]


def test_disable_file_marks_each_finding_with_its_reason_and_place():
    comment = "<!-- proglint-disable-file PL011 -- all -->"
    text = rows_with_extra_cells({}) + "\n" + comment
    line = len(text.split("\n"))
    marked = lint(Source.from_text("p.txt", text))
    assert [(d.code, d.span.start_line, d.suppression) for d in marked] == [
        ("PL011", n, Suppression("disable-file", "all", Span(line, 1, line, len(comment) + 1))) for n in (23, 24, 25, 26)
    ]


def test_the_first_directive_in_the_document_wins_even_when_a_later_one_starts_earlier():
    # the disable-file at the end covers from line 1, the disable-line on row 5 only its row
    text = rows_with_extra_cells({5: "<!-- proglint-disable-line PL011 -- five -->"}) + "\n<!-- proglint-disable-file PL011 -- all -->"
    assert outcome(text) == [("PL011", 23, "disable-file", "all"), ("PL011", 24, "disable-file", "all"),
                             ("PL011", 25, "disable-line", "five"), ("PL011", 26, "disable-file", "all")]


def test_a_directive_silences_only_the_codes_it_names():
    # PL011 on row 3 comes first; the PL012 on row 4 must not borrow the PL011 directive
    row4 = ROWS[4].rstrip(" |")
    text = rows_with_extra_cells({}).replace(ROWS[4] + " x |", row4) + "\n<!-- proglint-disable-file PL011 -- all -->"
    assert outcome(text) == [("PL011", 23, "disable-file", "all"), ("PL012", 24, None, None),
                             ("PL011", 25, "disable-file", "all"), ("PL011", 26, "disable-file", "all")]


def test_all_silences_every_check_and_is_known():
    assert row3_with("<!-- proglint-disable-line ALL -- r -->") == [("PL011", 23, "disable-line", "r")]


# -- blocks: each enable closes one block, and only once -----------------------------------


def test_two_enables_close_the_two_latest_of_three_blocks():
    text = rows_with_extra_cells({3: "<!-- proglint-disable -- a --> <!-- proglint-disable -- b --> <!-- proglint-disable -- c -->",
                                  4: "<!-- proglint-enable --> <!-- proglint-enable -->"})
    assert outcome(text) == [
        ("PL011", 23, "disable", "a"), ("PL701", 23, None, None), ("PL701", 23, None, None),
        ("PL011", 24, "disable", "a"), ("PL011", 25, "disable", "a"), ("PL011", 26, "disable", "a"),  # a is still open
    ]


def test_a_closed_block_is_not_closed_again():
    text = rows_with_extra_cells({3: "<!-- proglint-disable -- a --> <!-- proglint-disable PL011 -- b -->",
                                  4: "<!-- proglint-enable -->", 5: "<!-- proglint-enable -->"})
    assert outcome(text) == [
        ("PL011", 23, "disable", "a"), ("PL701", 23, None, None),
        ("PL011", 24, "disable", "a"), ("PL011", 25, "disable", "a"),
        ("PL011", 26, None, None),  # the second enable closed a, the first one b
    ]


# -- the fix of an unused comment ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["disable-line", "disable-next-line", "disable", "disable-file"])
@pytest.mark.parametrize("codes, message", [
    (" PL301", "unused suppression: nothing here is PL301; remove it"),
    ("", "unused suppression: it silences nothing; remove it"),
])
def test_an_unused_comment_of_each_kind_is_removed_with_its_line(kind, codes, message):
    comment = f"<!-- proglint-{kind}{codes} -->"
    text = BASE.replace("## ABSTRACT", f"{comment}\n## ABSTRACT")
    line = 34
    (d,) = active(lint(Source.from_text("p.txt", text)))
    assert (d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message) == (
        "PL701", line, 1, len(comment) + 1, message)
    assert (d.fix.message, d.fix.edits) == ("remove the suppression comment", (Edit(Span(line, 1, line + 1, 1), ""),))


# -- the module's two doors, called directly: the paths they are given, their defaults, -------
# -- and findings of checks the registry does not know, in any order --------------------------

INFOS = registry_for(Config()).infos


def test_collect_and_apply_name_the_document_in_every_report():
    text = ("<!-- proglint-disabel-line -->\n<!-- proglint-enable -->\n<!-- proglint-disable-line -->\n"
            "<!-- proglint-disable-line PL999 -->\n<!-- proglint-disable-line PL011 -->\n")
    directives, problems = suppress.collect(Source.from_text("docs/p.txt", text), range(0))
    assert [(p.code, p.span.start_line, p.path) for p in problems] == [("PL705", 1, "docs/p.txt"), ("PL703", 2, "docs/p.txt")]
    reports = suppress.apply([], directives, INFOS, require_reason=True, path="docs/p.txt")
    assert [(d.code, d.span.start_line, d.path) for d in reports] == [
        ("PL701", 3, "docs/p.txt"), ("PL704", 3, "docs/p.txt"), ("PL702", 4, "docs/p.txt"), ("PL704", 4, "docs/p.txt"),
        ("PL701", 5, "docs/p.txt"), ("PL704", 5, "docs/p.txt"),
    ]


def test_apply_by_default_asks_no_reason_and_names_standard_input():
    directives, _ = suppress.collect(Source.from_text("p.txt", COMMENT_AT_END + "\n"), range(0))
    assert [(d.code, d.path) for d in suppress.apply([], directives, INFOS)] == [("PL701", "-")]


def pl011(line: int) -> Diagnostic:
    return INFOS["PL011"].diagnostic(Span.point(line, 1), "m", "p.txt")


def test_findings_given_out_of_line_order_are_each_matched():
    directives, _ = suppress.collect(Source.from_text("p.txt", COMMENT_AT_END + "\n\n\n"), range(0))
    marked = suppress.apply([pl011(3), pl011(1)], directives, INFOS, path="p.txt")
    assert [(d.span.start_line, d.suppression is not None) for d in marked] == [(3, False), (1, True)]


def test_a_check_the_registry_does_not_know_is_silenced_by_its_exact_code_only():
    # (a cross-document rule's finding, say, on a document whose configuration lacks the rule)
    text = "<!-- proglint-disable-line XY1 -->\n<!-- proglint-disable-line PL011 -->\n"
    directives, _ = suppress.collect(Source.from_text("p.txt", text), range(0))
    outside = [Diagnostic("XY1", "team-check", Severity.WARNING, "m", Span.point(line, 1), "p.txt") for line in (1, 2)]
    marked = suppress.apply(outside, directives, INFOS, path="p.txt")
    assert [(d.code, d.span.start_line, d.suppression is not None) for d in marked[:2]] == [("XY1", 1, True), ("XY1", 2, False)]
