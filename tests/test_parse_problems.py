"""Each parse problem, at the exact line and column, and a model that stays
as complete as the text allows."""

import pytest

from proglint.source import Source
from proglint.parse import parse

from conftest import doc, line_of, problems


def col(text: str, line: int, needle: str, after: bool = False) -> int:
    """1-based column of ``needle`` on ``line`` of ``text`` (or just after it)."""
    line_text = text.splitlines()[line - 1]
    return line_text.index(needle) + 1 + (len(needle) if after else 0)

GOOD = """\
---
id: 1071
program_title: "Alignment"
---
# 1071 - Alignment
https://www.stsci.edu/jwst/science-execution/program-information?id=1071
## OBSERVATIONS TABLE

| Folder | Observation | Label | Observing Template | Science Target |
| :----- | :---------- | :---- | :----------------- | :------------- |
| F      | 1           | a     | NIRCam Imaging     | (1) LMC        |
|        | 2           | b     | NIRCam Imaging     | (1) LMC        |

## ABSTRACT

Text.
"""


def test_good_document_has_no_problems():
    assert problems(GOOD) == []


def test_invalid_utf8_reported_at_first_bad_byte():
    data = GOOD.replace("| a     |", "| \xe9     |").encode("latin-1")
    document = parse(Source.from_bytes("x.txt", data))
    expected = col(data.decode("latin-1"), 11, "\xe9")
    assert [(d.code, d.span.start_line, d.span.start_column) for d in document.problems] == [("PL001", 11, expected)]
    assert len(document.observations) == 2  # the rest is still read


def test_yaml_syntax_error_at_yaml_position():
    text = GOOD.replace('program_title: "Alignment"', 'program_title: "Alignment')
    found = problems(text)
    assert found[0][0] == "PL002"
    # the unclosed quote runs to the end of the block: reported at line 3, after the text
    assert found[0][1] == 3
    assert doc(text).table is not None


def test_yaml_error_on_a_line_with_bad_indentation():
    text = GOOD.replace("id: 1071\n", "id: 1071\n  bad: [\n")
    (code, line, column), *_ = problems(text)
    assert (code, line) == ("PL002", 3)


def test_front_matter_missing():
    text = GOOD.split("---\n", 2)[2]
    assert problems(text) == [("PL003", 1, 1)]
    assert doc(text).heading.id.value == "1071"


def test_front_matter_unterminated_still_reads_keys_and_body():
    text = GOOD.replace('program_title: "Alignment"\n---\n', 'program_title: "Alignment"\n')
    assert problems(text) == [("PL004", 1, 1)]
    document = doc(text)
    assert document.front_matter.get("id").value.text == "1071"
    assert document.heading is not None and len(document.observations) == 2


def test_front_matter_that_is_not_a_mapping():
    text = GOOD.replace('id: 1071\nprogram_title: "Alignment"\n', "- a\n- b\n")
    assert problems(text) == [("PL005", 2, 1)]


def test_no_heading():
    text = GOOD.replace("# 1071 - Alignment\n", "")
    assert problems(text) == [("PL006", 5, 1)]


def test_heading_without_separator():
    text = GOOD.replace("# 1071 - Alignment", "# 1071 Alignment")
    assert problems(text) == [("PL007", 5, 3)]
    assert doc(text).heading.id is None


def test_no_table():
    text = GOOD.split("| Folder")[0] + "## ABSTRACT\n"
    assert problems(text) == [("PL008", 7, 1)]


def test_header_with_a_wrong_column_name():
    text = GOOD.replace("| Label |", "| Labels |")
    assert problems(text) == [("PL009", 9, col(text, 9, "Labels"))]


def test_header_with_a_missing_column():
    text = GOOD.replace(" Science Target |", "").replace("| :------------- |", "|")
    found = problems(text)
    assert ("PL009", 9, col(text, 9, "Template |", after=True)) in found


def test_header_with_an_extra_column():
    text = GOOD.replace("Science Target |", "Science Target | Notes |")
    assert ("PL009", 9, col(text, 9, "Target |", after=True)) in problems(text)


def test_missing_delimiter_row():
    text = GOOD.replace("| :----- | :---------- | :---- | :----------------- | :------------- |\n", "")
    assert problems(text) == [("PL010", 9, 1)]
    assert len(doc(text).observations) == 2


def test_row_with_too_many_cells_points_at_the_extra_cell():
    text = GOOD.replace("| (1) LMC        |\n|        | 2", "| (1) LMC | extra |\n|        | 2")
    assert problems(text) == [("PL011", 11, col(text, 11, "extra"))]
    row = doc(text).observations[0]
    assert row.target.name.value == "LMC"


def test_row_with_too_few_cells_points_at_the_row_end():
    text = GOOD.replace("|        | 2           | b     | NIRCam Imaging     | (1) LMC        |",
                        "|        | 2           | b     |")
    assert problems(text) == [("PL011", 12, col(text, 12, "b     |", after=True))]
    row = doc(text).observations[1]
    assert row.template is None and row.target is None and row.label.value == "b"


def test_line_inside_table_that_is_not_a_row():
    text = GOOD.replace("|        | 2", "oops, a note\n|        | 2")
    assert problems(text) == [("PL012", 12, 1)]
    assert len(doc(text).observations) == 2


def test_row_without_closing_pipe():
    text = GOOD.replace("| (1) LMC        |\n|        | 2", "| (1) LMC\n|        | 2")
    assert problems(text) == [("PL012", 11, col(text, 11, "(1) LMC", after=True))]
    assert doc(text).observations[0].target.name.value == "LMC"


def test_several_problems_keep_the_rest_of_the_model():
    text = GOOD.replace("# 1071 - Alignment", "# 1071 Alignment").replace("| Label |", "| Labels |")
    document = doc(text)
    assert [p.code for p in document.problems] == ["PL007", "PL009"]
    assert document.front_matter.get("id").value.text == "1071"
    assert [r.number.value for r in document.observations] == ["1", "2"]


def test_empty_text():
    assert problems("") == [("PL003", 1, 1), ("PL006", 1, 1), ("PL008", 1, 1)]


def test_rows_after_a_blank_line_are_reported_and_still_read():
    text = GOOD.replace("|        | 2", "\n|        | 2")
    assert problems(text) == [("PL012", 13, 1)]
    assert [r.number.value for r in doc(text).observations] == ["1", "2"]


def test_a_second_table_is_reported_and_its_rows_read():
    second = (
        "\n| Folder | Observation | Label | Observing Template | Science Target |\n"
        "| :----- | :---------- | :---- | :----------------- | :------------- |\n"
        "|        | 3           | c     | NIRCam Imaging     | (1) LMC        |\n"
    )
    text = GOOD.replace("\n## ABSTRACT", second + "\n## ABSTRACT")
    header = line_of(text, "| Folder", 2)
    assert problems(text) == [("PL013", header, 1)]
    assert [r.number.value for r in doc(text).observations] == ["1", "2", "3"]


def test_a_table_in_another_section_is_not_read_as_observations():
    other = "\n| Note | Value |\n| - | - |\n| a | b |\n"
    text = GOOD + other
    assert problems(text) == []
    assert len(doc(text).observations) == 2


def test_delimiter_row_with_the_wrong_number_of_cells():
    text = GOOD.replace("| :----- | :---------- | :---- | :----------------- | :------------- |", "| :-- | :-- | :-- | :-- |")
    assert problems(text) == [("PL010", 10, 1)]


def test_a_pipe_inside_the_label_is_read_as_part_of_the_label():
    text = GOOD.replace("| a     |", "| a | b |")
    line = 11
    start = col(text, line, "a | b")
    assert [(d.code, d.span.start_line, d.span.start_column, d.span.end_column) for d in doc(text).problems] == [
        ("PL011", line, start, start + len("a | b"))
    ]
    row = doc(text).observations[0]
    assert (row.label.value, row.template.value, row.target.name.value) == ("a | b", "NIRCam Imaging", "LMC")
    assert doc(text).source.slice(row.label.span) == "a | b"


def test_a_stray_cell_at_the_end_keeps_positional_reading():
    text = GOOD.replace("| (1) LMC        |\n|        | 2", "| (1) LMC | extra |\n|        | 2")
    row = doc(text).observations[0]
    assert (row.template.value, row.target.name.value) == ("NIRCam Imaging", "LMC")


def test_line_over_the_length_limit_is_reported_and_not_read():
    long_row = "| F | 3 | " + "x" * 90 + " | MIRI Imaging | (1) LMC |"
    text = GOOD.replace("|        | 2           | b     | NIRCam Imaging     | (1) LMC        |", long_row)
    assert max(len(other) for other in GOOD.splitlines()) < 100 < len(long_row)
    document = parse(Source.from_text("x.txt", text), max_line_length=100)
    line = line_of(text, "x" * 90)
    assert [(d.code, d.span.start_line, d.span.start_column, d.message) for d in document.problems] == [
        (
            "PL015", line, 101,
            f"line {line} is {len(long_row)} characters long, over the limit of 100: proglint reads "
            "no heading or table row on it; break it up",
        )
    ]
    assert [row.line for row in document.observations] == [line - 1]  # the long row yields no row


def test_heading_over_the_length_limit_is_no_heading():
    text = GOOD.replace("# 1071 - Alignment", "# 1071 - " + "A" * 120)
    document = parse(Source.from_text("x.txt", text), max_line_length=100)
    assert [(d.code, d.span.start_line, d.span.start_column) for d in document.problems] == [
        ("PL015", 5, 101), ("PL006", 5, 1)
    ]
    assert document.heading is None


def test_lines_at_the_default_limit_are_read():
    row = "| F | 3 | " + "x" * (100_000 - 37) + " | MIRI Imaging | (1) LMC |"
    assert len(row) == 100_000
    text = GOOD.replace("|        | 2           | b     | NIRCam Imaging     | (1) LMC        |", row)
    assert problems(text) == []
    assert doc(text).observations[-1].label.value == "x" * (100_000 - 37)


@pytest.mark.parametrize("before", ["", "é", "\u200b", "日本", "\U0001f600"])
def test_forbidden_character_after_multibyte_text_at_its_own_column(before):
    """libyaml reports a forbidden character's offset in UTF-8 bytes; the
    finding must still sit on the character (found by the long fuzz run:
    a zero-width space before U+0001 put PL002 past the end of the line)."""
    text = GOOD.replace("id: 1071\n", f"id: 1071{before}\x01\n")
    document = parse(Source.from_bytes("x.txt", text.encode("utf-8")))
    [problem] = [d for d in document.problems if d.code == "PL002"]
    column = len("id: 1071") + len(before) + 1
    assert (problem.span.start_line, problem.span.start_column, problem.span.end_line, problem.span.end_column) == (2, column, 2, column + 1)
    assert "U+0001" in problem.message
