"""The parse problems PL001-PL013 at line, column, end line and end column,
and the front-matter and table edges mutation testing found unpinned
(benchmarks/mutation.py)."""

from __future__ import annotations

import pytest

from proglint.parse import parse
from proglint.source import Source

from conftest import doc, line_of

from test_parse_problems import GOOD

DELIMITER = "| :----- | :---------- | :---- | :----------------- | :------------- |"
HEADER = "| Folder | Observation | Label | Observing Template | Science Target |"
ROW2 = "|        | 2           | b     | NIRCam Imaging     | (1) LMC        |"


def spans(text: str) -> list[tuple]:
    return [(p.code, p.span.start_line, p.span.start_column, p.span.end_line, p.span.end_column) for p in doc(text).problems]


def on(text: str, line: int, needle: str) -> tuple[int, int, int, int]:
    """(line, column, line, end column) of ``needle`` on ``line``."""
    column = text.split("\n")[line - 1].index(needle) + 1
    return line, column, line, column + len(needle)


def point(line: int, column: int) -> tuple[int, int, int, int]:
    return line, column, line, column


def whole(text: str, line: int) -> tuple[int, int, int, int]:
    return line, 1, line, len(text.split("\n")[line - 1]) + 1


def test_pl001_covers_the_one_bad_character():
    data = GOOD.replace("| a     |", "| \xe9     |").encode("latin-1")
    found = [(p.code, p.span.start_line, p.span.start_column, p.span.end_line, p.span.end_column)
             for p in parse(Source.from_bytes("x.txt", data)).problems]
    assert found == [("PL001", *on(data.decode("latin-1"), 11, "\xe9"))]


def test_pl002_is_a_point_at_the_yaml_mark_clamped_to_the_front_matter():
    # the unclosed quote runs to the end of the stream: the mark is past the
    # front matter, so it is placed at the end of its last line
    text = GOOD.replace('program_title: "Alignment"', 'program_title: "Alignment')
    assert spans(text) == [("PL002", *point(3, len('program_title: "Alignment') + 1))]


def test_pl002_column_inside_the_line():
    text = GOOD.replace("id: 1071\n", "id: 1071\nx: : y\n")
    assert spans(text) == [("PL002", *point(3, 4))]  # the second ':'


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda t: t.split("---\n", 2)[2], lambda t: [("PL003", *whole(t, 1))]),
        (lambda t: t.replace('program_title: "Alignment"\n---\n', 'program_title: "Alignment"\n'),
         lambda t: [("PL004", *on(t, 1, "---"))]),
        (lambda t: t.replace('id: 1071\nprogram_title: "Alignment"\n', "- a\n- b\n"),
         lambda t: [("PL005", 2, 1, 3, 4)]),  # the whole sequence, "- a" to "- b"
        (lambda t: t.replace("# 1071 - Alignment\n", ""), lambda t: [("PL006", *point(5, 1))]),
        (lambda t: t.replace("# 1071 - Alignment", "# 1071 Alignment"), lambda t: [("PL007", *on(t, 5, "1071 Alignment"))]),
        (lambda t: t.split("| Folder")[0] + "## ABSTRACT\n", lambda t: [("PL008", *point(7, 1))]),
        (lambda t: t.replace("| Label |", "| Labels |"), lambda t: [("PL009", *on(t, 9, "Labels"))]),
        (lambda t: t.replace(DELIMITER + "\n", ""), lambda t: [("PL010", *whole(t, 9))]),
        (lambda t: t.replace("| (1) LMC        |\n|        | 2", "| (1) LMC | extra |\n|        | 2"),
         lambda t: [("PL011", *on(t, 11, "extra"))]),
        (lambda t: t.replace(ROW2, "|        | 2           | b     |"),
         lambda t: [("PL011", *point(12, len("|        | 2           | b     |") + 1))]),
        (lambda t: t.replace("|        | 2", "oops, a note\n|        | 2"), lambda t: [("PL012", *on(t, 12, "oops, a note"))]),
        (lambda t: t.replace("| (1) LMC        |\n|        | 2", "| (1) LMC\n|        | 2"),
         lambda t: [("PL012", *point(11, len("| F      | 1           | a     | NIRCam Imaging     | (1) LMC") + 1))]),
        (lambda t: t.replace("|        | 2", "\n|        | 2"), lambda t: [("PL012", *whole(t, 13))]),  # the row after the blank line
        (lambda t: t.replace("\n## ABSTRACT", f"\n{HEADER}\n{DELIMITER}\n|        | 3           | c     | NIRCam Imaging     | (1) LMC        |\n\n## ABSTRACT"),
         lambda t: [("PL013", *whole(t, line_of(t, "| Folder", 2)))]),
    ],
    ids=["PL003", "PL004", "PL005", "PL006", "PL007", "PL008", "PL009", "PL010", "PL011-extra", "PL011-missing",
         "PL012-text", "PL012-no-closing-pipe", "PL012-after-blank-line", "PL013"],
)
def test_each_parse_problem_at_line_column_and_end(change, expected):
    text = change(GOOD)
    assert spans(text) == expected(text)


# -- the front matter -------------------------------------------------------------------------


def test_an_indented_dashes_line_does_not_close_the_front_matter():
    text = GOOD.replace('program_title: "Alignment"\n---\n', 'program_title: "Alignment"\n ---\n')
    assert [s[0] for s in spans(text)] == ["PL004", "PL002"]
    assert spans(text)[0] == ("PL004", *on(text, 1, "---"))


def test_three_dots_close_the_front_matter_as_in_yaml():
    text = GOOD.replace('program_title: "Alignment"\n---\n', 'program_title: "Alignment"\n...\n')
    document = doc(text)
    assert spans(text) == []
    assert document.front_matter.get("program_title").value.text == "Alignment"
    assert document.heading.id.value == "1071"


def test_a_front_matter_of_one_line_is_read():
    text = GOOD.replace('id: 1071\nprogram_title: "Alignment"\n', "id: 1071\n")
    assert spans(text) == []
    assert doc(text).front_matter.get("id").value.text == "1071"


def test_nesting_deeper_than_the_limit_is_a_yaml_error_not_a_crash():
    text = GOOD.replace("id: 1071\n", "id: 1071\nx: " + "[" * 2000 + "]" * 2000 + "\n")
    (found,) = doc(text).problems
    assert (found.code, found.span.start_line) == ("PL002", 3)
    assert found.message == "invalid YAML: exceeded maximum nesting depth (while increasing flow level)"
    shallow = GOOD.replace("id: 1071\n", "id: 1071\nx: " + "[" * 50 + "]" * 50 + "\n")
    assert spans(shallow) == []


# -- the table -----------------------------------------------------------------------------------


def test_a_delimiter_row_without_dashes_is_no_delimiter():
    text = GOOD.replace(DELIMITER, "| : | : | : | : | : |")
    assert spans(text) == [("PL010", *whole(text, 9))]


def test_a_delimiter_row_with_an_extra_cell_is_reported():
    text = GOOD.replace(DELIMITER, DELIMITER + " :-- |")
    assert [(p.code, p.span.start_line, p.span.start_column, p.span.end_column, p.message) for p in doc(text).problems] == [
        ("PL010", 10, 1, len(DELIMITER + " :-- |") + 1, "the delimiter row has 6 cells but the header has 5: markdown renders no table at all"),
    ]


def test_text_before_the_first_pipe_makes_no_row():
    text = GOOD.replace("|        | 2", "x |        | 2")
    assert spans(text) == [("PL012", *whole(text, 12))]
    assert [r.number.value for r in doc(text).observations] == ["1"]


def test_a_lone_pipe_opens_a_row_that_never_closes():
    text = GOOD.replace("|        | 2", "|\n|        | 2")
    assert spans(text) == [("PL012", *point(12, 2)), ("PL011", *point(12, 2))]


def test_a_blank_cell_is_an_empty_value_inside_its_region():
    text = GOOD.replace("| a     |", "|       |")
    label = doc(text).observations[0].label
    assert label.value == ""
    assert (label.region.start_column, label.region.end_column) == (25, 32)  # between the pipes at 24 and 32


def test_a_row_on_the_last_line_of_the_file_is_read():
    text = GOOD.replace("\n## ABSTRACT\n\nText.\n", "").rstrip("\n")
    assert text.endswith(ROW2)
    assert spans(text) == []
    assert [r.number.value for r in doc(text).observations] == ["1", "2"]


def test_pl015_is_a_point_where_the_limit_is_passed():
    long_row = "| F | 3 | " + "x" * 120 + " | MIRI Imaging | (1) LMC |"
    text = GOOD.replace(ROW2, long_row)
    document = parse(Source.from_text("x.txt", text), max_line_length=100)
    assert [(p.code, p.span.start_line, p.span.start_column, p.span.end_line, p.span.end_column) for p in document.problems] == [
        ("PL015", 12, 101, 12, 101),
    ]


# -- where the front matter starts and ends, and what PL003/PL004 say ------------------------

UNTERMINATED = "the front matter opened here has no closing '---' line; add one after line {}"


def full(text: str) -> list[tuple]:
    return [(p.code, p.span.start_line, p.span.start_column, p.span.end_column, p.message) for p in doc(text).problems]


def test_pl003_message_and_the_first_line():
    text = GOOD.split("---\n", 2)[2]
    assert full(text) == [("PL003", 1, 1, len("# 1071 - Alignment") + 1,
                           "the document must start with a '---' line opening the YAML front matter")]


def test_pl004_suggests_the_line_before_the_first_heading():
    text = GOOD.replace('program_title: "Alignment"\n---\n', 'program_title: "Alignment"\n')
    assert full(text) == [("PL004", 1, 1, 4, UNTERMINATED.format(3))]


def test_pl004_without_a_heading_suggests_the_last_line_with_text():
    assert full("---\nid: 1\nx: 2\n")[0] == ("PL004", 1, 1, 4, UNTERMINATED.format(3))
    assert full("---\nid: 1\nx: 2\n\n\n")[0] == ("PL004", 1, 1, 4, UNTERMINATED.format(3))
    assert full("---")[0] == ("PL004", 1, 1, 4, UNTERMINATED.format(1))  # a lone fence is no missing front matter


def test_fences_may_have_trailing_spaces_but_not_leading_ones():
    for closing in ("---   ", "...  "):
        text = GOOD.replace('program_title: "Alignment"\n---\n', f'program_title: "Alignment"\n{closing}\n')
        closed = doc(text).front_matter.closing
        assert (full(text), closed.start_line, closed.start_column, closed.end_column) == ([], 4, 1, 4), closing
    indented = GOOD.replace('program_title: "Alignment"\n---\n', 'program_title: "Alignment"\n  ...\n')
    assert [p[0] for p in full(indented)] == ["PL004", "PL002"]


def test_an_empty_front_matter_closes_on_line_2():
    text = GOOD.replace('id: 1071\nprogram_title: "Alignment"\n', "")
    front = doc(text).front_matter
    assert full(text) == []
    assert (front.closing.start_line, len(front.root.entries)) == (2, 0)


def test_an_empty_document_lacks_front_matter_at_1_1():
    assert full("")[0] == ("PL003", 1, 1, 1, "the document must start with a '---' line opening the YAML front matter")


def nested(levels: int) -> str:
    """A front matter whose key k0 holds k1 ... k(levels-1), which holds v: 1."""
    chain = "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "v: 1\n"
    return GOOD.replace("id: 1071\n", "id: 1071\n" + chain)


def test_the_depth_limit_is_100_levels_reported_at_the_first_value_past_it():
    assert full(nested(99)) == []
    line = 3 + 100  # after "---", "id: 1071" and k0 ... k99
    assert full(nested(100)) == [
        ("PL002", line, 201, 202, "the front matter nests deeper than 100 levels, and proglint stops reading it here: "
         "program documents need a few levels at most; flatten the value"),
    ]


def test_a_control_character_is_reported_on_itself():
    text = GOOD.replace('program_title: "Alignment"', 'program_title: "Align\x07ment"')
    column = len('program_title: "Align') + 1
    assert full(text) == [
        ("PL002", 3, column, column + 1, "invalid YAML: the front matter holds the character U+0007, which YAML does not "
         "allow anywhere, not even inside quotes (control characters are not allowed); delete it"),
    ]


def test_an_alias_bomb_is_stopped_at_an_alias():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n" for previous, name in zip("abcd", "bcde")
    ) + f"f: [{', '.join(['*e'] * 10)}]\n"
    text = GOOD.replace("id: 1071\n", "id: 1071\n" + bomb)
    (problem,) = doc(text).problems
    line = text.split("\n")[problem.span.start_line - 1]
    assert problem.code == "PL002"
    assert line[problem.span.start_column - 1 : problem.span.end_column - 1] in ("*a", "*b", "*c", "*d", "*e")
    assert problem.message == (
        "the front matter has more than 20,000 YAML values once its aliases are expanded (an alias bomb, such as "
        "'billion laughs'), and proglint stops reading it here: write the values out instead of aliasing them")
    few = GOOD.replace("id: 1071\n", "id: 1071\na: &a [x, x]\nb: [*a, *a]\n")
    assert full(few) == []


def test_an_empty_front_matter_is_an_empty_mapping_at_the_opening_fence():
    front = doc(GOOD.replace('id: 1071\nprogram_title: "Alignment"\n', "")).front_matter
    assert (front.root.entries, front.root.span) == ((), front.opening)
    assert (front.opening.start_line, front.opening.start_column, front.opening.end_column) == (1, 1, 4)


def test_pl005_message():
    text = GOOD.replace('id: 1071\nprogram_title: "Alignment"\n', "- a\n- b\n")
    assert [p.message for p in doc(text).problems] == ["the front matter must be 'key: value' lines, one per field"]


def test_a_yaml_error_without_context_says_only_the_problem():
    text = GOOD.replace("id: 1071\n", "id: 1071\nx: : y\n")
    assert full(text) == [("PL002", 3, 4, 4, "invalid YAML: mapping values are not allowed in this context")]


def test_a_yaml_error_with_context_says_both():
    text = GOOD.replace('program_title: "Alignment"', "program_title: [Alignment")
    assert full(text) == [
        ("PL002", 3, 26, 26, "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"),
    ]


def test_a_front_matter_without_a_closing_fence_has_no_closing_span():
    text = GOOD.replace('program_title: "Alignment"\n---\n', 'program_title: "Alignment"\n')
    assert doc(text).front_matter.closing is None
