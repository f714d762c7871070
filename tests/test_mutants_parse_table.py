"""The table's edges mutation testing found unpinned (benchmarks/mutation.py):
a row one cell short or one cell long read by what its cells look like (the
missing or extra cell named, at the place to edit, with its fix), a table
without outer pipes, and rows read under a header in another order.  Every
finding at line, column, end column and message, as the parser reports it."""

from __future__ import annotations

import pytest

from proglint.diagnostic import Edit
from proglint.span import Span

from conftest import doc

from test_parse_problems import GOOD

ROW1 = "| F      | 1           | a     | NIRCam Imaging     | (1) LMC        |"  # line 11
ROW2 = "|        | 2           | b     | NIRCam Imaging     | (1) LMC        |"  # line 12
SHIFTED = "and every cell after it is one column to the left"


def problems(text: str) -> list[tuple]:
    return [(p.code, *p.span, p.message) for p in doc(text).problems]


def fix_of(text: str):
    (problem,) = doc(text).problems
    return None if problem.fix is None else (problem.fix.message, problem.fix.edits)


def covers(text: str) -> list[tuple]:
    return [p.covers for p in doc(text).problems]


# -- a row one cell short: which cell is missing -----------------------------------------------


def test_a_continuation_row_without_its_folder_cell():
    text = GOOD.replace(ROW2, "| 2 | b | NIRCam Imaging | (1) LMC |")
    assert problems(text) == [
        ("PL011", 12, 1, 12, 2, f"the row has 4 cells, expected 5: the Folder cell is missing ('2' stands in the Folder "
         f"column {SHIFTED}); a row that continues the folder above starts with an empty Folder cell: '|   | 2 | ...'"),
    ]
    # the header's Folder cell is 8 wide: the inserted cell is as wide
    assert fix_of(text) == ("insert an empty Folder cell", (Edit(Span.point(12, 1), "|" + " " * 8),))
    assert covers(text) == [(Span(12, 1, 12, len("| 2 | b | NIRCam Imaging | (1) LMC |") + 1),)]
    assert [r.number.value for r in doc(text).observations] == ["1", "2"]


def test_a_first_row_without_its_folder_cell_has_no_folder_above_to_continue():
    text = GOOD.replace(ROW1, "| 1 | a | NIRCam Imaging | (1) LMC |")
    assert problems(text) == [
        ("PL011", 11, 1, 11, 2, f"the row has 4 cells, expected 5: the Folder cell is missing ('1' stands in the Folder "
         f"column {SHIFTED}); start the row with an empty Folder cell (no folder) or the folder's name"),
    ]
    assert fix_of(text) is None  # no folder, or which one: the author's to say


def test_a_row_without_its_label_cell():
    text = GOOD.replace(ROW1, "| F | 1 | NIRCam Imaging | (1) LMC |")
    assert problems(text) == [
        ("PL011", 11, 9, 11, 10, "the row has 4 cells, expected 5: the Label cell is missing ('NIRCam Imaging' stands in "
         f"the Label column {SHIFTED}); add the Label cell (it may be empty)"),
    ]
    assert fix_of(text) == ("insert an empty Label cell", (Edit(Span.point(11, 9), "|" + " " * 7),))
    row = doc(text).observations[0]
    assert (row.label, row.template.value, row.target.name.value) == (None, "NIRCam Imaging", "LMC")


def test_a_row_without_its_observation_number():
    text = GOOD.replace(ROW1, "| F | a | NIRCam Imaging | (1) LMC |")
    assert problems(text) == [
        ("PL011", 11, 5, 11, 6, "the row has 4 cells, expected 5: the Observation cell is missing ('a' stands in the "
         f"Observation column {SHIFTED}); add the Observation cell"),
    ]
    assert fix_of(text) is None  # the number is the author's


def test_an_empty_cell_sliding_into_the_observation_column():
    text = GOOD.replace(ROW1, "| F |  | NIRCam Imaging | (1) LMC |")
    assert problems(text) == [
        ("PL011", 11, 5, 11, 6, "the row has 4 cells, expected 5: the Observation cell is missing (an empty cell stands "
         f"in the Observation column {SHIFTED}); add the Observation cell"),
    ]


def test_a_row_that_ends_before_its_science_target():
    row = "| F | 1 | a | NIRCam Imaging |"
    text = GOOD.replace(ROW1, row)
    assert problems(text) == [
        ("PL011", 11, 31, 11, 31, "the row has 4 cells, expected 5: the Science Target cell is missing (the row ends after "
         "the Observing Template); add the Science Target cell"),
    ]
    assert fix_of(text) is None
    assert covers(text) == [(Span(11, 1, 11, len(row) + 1),)]


# -- a row one cell long: which cell is extra ------------------------------------------------


def test_an_empty_cell_before_the_folder():
    text = GOOD.replace(ROW1, "| | F | 1 | a | NIRCam Imaging | (1) LMC |")
    assert problems(text) == [
        ("PL011", 11, 2, 11, 3, "the row has 6 cells, expected 5: an empty cell before the Folder cell fits no column; remove it"),
    ]
    # the cell and the '|' closing it
    assert fix_of(text) == ("remove the empty cell", (Edit(Span(11, 2, 11, 4), ""),))
    assert doc(text).observations[0].folder.value == "F"


def test_an_empty_cell_after_the_observation():
    text = GOOD.replace(ROW1, "| F | 1 | | a | NIRCam Imaging | (1) LMC |")
    assert problems(text) == [
        ("PL011", 11, 10, 11, 11, "the row has 6 cells, expected 5: an empty cell after the Observation cell fits no column; "
         "remove it"),
    ]
    assert fix_of(text) == ("remove the empty cell", (Edit(Span(11, 10, 11, 12), ""),))
    assert doc(text).observations[0].label.value == "a"


def test_an_empty_cell_after_the_science_target():
    row = "| F | 1 | a | NIRCam Imaging | (1) LMC | |"
    text = GOOD.replace(ROW1, row)
    assert problems(text) == [
        ("PL011", 11, 41, 11, 42, "the row has 6 cells, expected 5: an empty cell after the Science Target cell fits no "
         "column; remove it"),
    ]
    assert fix_of(text) == ("remove the empty cell", (Edit(Span(11, 41, 11, 43), ""),))
    assert covers(text) == [(Span(11, 1, 11, len(row) + 1),)]


def test_a_repeated_number_cell():
    text = GOOD.replace(ROW1, "| F | 1 | 1 | a | NIRCam Imaging | (1) LMC |")
    assert problems(text) == [
        ("PL011", 11, 7, 11, 8, "the row has 6 cells, expected 5: the cell '1' after the Folder cell fits no column; "
         "remove it, or escape a '|' inside a cell as '\\|'"),
    ]
    assert fix_of(text) is None
    row = doc(text).observations[0]
    assert (row.number.value, row.label.value) == ("1", "a")


# -- a table without outer pipes ----------------------------------------------------------------

PIPELESS = (
    "Folder | Observation | Label | Observing Template | Science Target\n"
    ":----- | :---------- | :---- | :----------------- | :-------------\n"
    "F      | 1           | a     | NIRCam Imaging     | (1) LMC\n"
    "F      | 2           | b     | NIRCam Imaging     | (1) LMC\n"
)
PIPELESS_MESSAGE = (
    "the observations table (lines 9-{}) has no outer pipes; markdown may render it, but a row must start and end with "
    "'|' so that an empty Folder cell can open it: write '| Folder | Observation | Label | Observing Template | Science "
    "Target |' and add a '|' at both ends of the delimiter row and of every row"
)


def pipeless(after: str = "\n## ABSTRACT") -> str:
    return GOOD.split("| Folder")[0] + PIPELESS.rstrip("\n") + after + GOOD.split("\n## ABSTRACT")[1]


def test_a_table_without_outer_pipes_is_one_finding_at_its_header_covering_its_lines():
    text = pipeless()
    (header, *rows) = doc(text).problems
    assert (header.code, *header.span, header.message) == (
        "PL009", 9, 1, 9, len("Folder | Observation | Label | Observing Template | Science Target") + 1,
        PIPELESS_MESSAGE.format(12))
    assert header.covers == (Span(9, 1, 12, len("F      | 2           | b     | NIRCam Imaging     | (1) LMC") + 1),)
    # each row is also read, and reported, as one that does not end with '|': the header's finding covers them
    assert [(p.code, p.span.start_line) for p in rows] == [("PL012", 11), ("PL012", 12)]
    assert [p.fix for p in rows] == [None, None]
    assert [(r.folder.value, r.number.value) for r in doc(text).observations] == [("F", "1"), ("F", "2")]


def test_a_pipeless_table_ends_with_its_section():
    # the next heading has a '|' but is not part of the table
    text = pipeless("\n## ABSTRACT | notes")
    assert doc(text).problems[0].message == PIPELESS_MESSAGE.format(12)
    assert doc(text).problems[0].covers == (Span(9, 1, 12, len("F      | 2           | b     | NIRCam Imaging     | (1) LMC") + 1),)


def test_an_indented_pipeless_header_is_reported_from_its_first_character():
    text = pipeless().replace("Folder | Observation", "  Folder | Observation")
    header = doc(text).problems[0]
    assert (header.code, *header.span) == ("PL009", 9, 3, 9, len("  Folder | Observation | Label | Observing Template | Science Target") + 1)


# -- a header in another order ------------------------------------------------------------------


def test_a_row_with_an_extra_cell_under_a_reordered_header_is_counted_not_realigned():
    header = "| Observation | Folder | Label | Observing Template | Science Target |"
    row = "| 1 | F | a | b | NIRCam Imaging | (1) LMC |"  # a '|' in the Label, but the columns are read by name
    text = GOOD.replace("| Folder | Observation | Label | Observing Template | Science Target |", header).replace(ROW1, row)
    x = row.index("(1) LMC")
    assert problems(text)[1:] == [
        ("PL011", 11, x + 1, 11, x + 8, "the row has 6 cells, expected 5: remove the extra cell(s) or escape a '|' inside "
         "a cell as '\\|'"),
    ]
    observation = doc(text).observations[0]
    assert (observation.number.value, observation.folder.value, observation.template.value) == ("1", "F", "b")


# -- rows whose cells cannot be read one slip away: the count, where it is wrong ---------------


def test_two_or_more_extra_cells_are_one_finding_over_them():
    row = "| F | 1 | a | NIRCam Imaging | (1) LMC | x | y |"
    text = GOOD.replace(ROW1, row)
    x, y = row.index(" x ") + 2, row.index(" y ") + 2
    assert problems(text) == [
        ("PL011", 11, x, 11, y + 1, "the row has 7 cells, expected 5: remove the extra cell(s) or escape a '|' inside a "
         "cell as '\\|'"),
    ]
    assert covers(text) == [(Span(11, x - 1, 11, y + 2),)]  # the extra cells' regions: after the '|' before x to the closing '|'


def test_empty_extra_cells_are_reported_by_their_regions():
    row = "| F | 1 | a | NIRCam Imaging | (1) LMC |   |  |"
    text = GOOD.replace(ROW1, row)
    first = row.index("(1) LMC |") + len("(1) LMC |") + 1
    assert problems(text)[0][:5] == ("PL011", 11, first, 11, len(row))
    assert covers(text) == [(Span(11, first, 11, len(row)),)]


@pytest.mark.parametrize("row, message", [
    ("| F |", "the row has 1 cell, expected 5: missing Observation, Label, Observing Template, Science Target"),
    ("| F | 1 | a |", "the row has 3 cells, expected 5: missing Observing Template, Science Target"),
])
def test_a_row_two_or_more_cells_short_names_the_missing_columns(row, message):
    text = GOOD.replace(ROW1, row)
    assert problems(text) == [("PL011", 11, len(row) + 1, 11, len(row) + 1, message)]
    assert covers(text) == [(Span(11, 1, 11, len(row) + 1),)]


# -- the fixes ----------------------------------------------------------------------------------


def test_a_row_without_its_closing_pipe_gets_one():
    text = GOOD.replace(ROW1, ROW1[:-1].rstrip())
    end = len(ROW1[:-1].rstrip()) + 1
    assert problems(text) == [("PL012", 11, end, 11, end, "the row does not end with '|'")]
    assert fix_of(text) == ("end the row with '|'", (Edit(Span.point(11, end), " |"),))


@pytest.mark.parametrize("label", ["a | b", "a | b | c"])
def test_pipes_read_as_part_of_the_label_are_escaped_by_an_unsafe_fix(label):
    row = f"| F | 1 | {label} | NIRCam Imaging | (1) LMC |"
    text = GOOD.replace(ROW1, row)
    start = row.index(label) + 1
    assert problems(text) == [
        ("PL011", 11, start, 11, start + len(label), f"the row has {5 + label.count('|')} cells, expected 5: the Label "
         f"'{label}' seems to contain a '|'; escape it as '\\|' (proglint reads the cells between Observation and "
         "Observing Template as the Label)"),
    ]
    (problem,) = doc(text).problems
    pipes = [i + 1 for i, ch in enumerate(row) if ch == "|" and row.index(label) < i < row.index(label) + len(label)]
    assert (problem.fix.message, problem.fix.applicability) == ("escape the '|' in the Label as '\\|'", "unsafe")
    assert problem.fix.edits == tuple(Edit(Span(11, c, 11, c + 1), "\\|") for c in pipes)
    assert problem.covers == (Span(11, 1, 11, len(row) + 1),)
    row_read = doc(text).observations[0]
    assert (row_read.label.value, row_read.label.region) == (label, Span(11, 10, 11, 10 + len(label) + 2))


# -- where the table and its rows are found ------------------------------------------------


def test_a_pipeless_header_is_found_however_its_names_are_spaced_and_cased():
    text = pipeless().replace("Folder | Observation | Label | Observing Template | Science Target",
                              "folder|observation | LABEL | Observing   Template | Science Target")
    assert [(p.code, p.span.start_line) for p in doc(text).problems][:1] == [("PL009", 9)]
    assert doc(text).problems[0].message == PIPELESS_MESSAGE.format(12)


def test_a_pipeless_header_is_looked_for_in_its_section_only():
    # a '|' line at the very end of the document (another section) changes nothing
    text = pipeless() + "\n| x |"
    assert doc(text).problems[0].message == PIPELESS_MESSAGE.format(12)
    assert doc(text).table.header_line == 9


def test_a_line_that_only_has_pipes_is_no_pipeless_header():
    text = pipeless().replace("Folder | Observation | Label | Observing Template | Science Target", "Folder | Observation")
    assert [p.code for p in doc(text).problems][:1] == ["PL008"]


def test_a_row_after_a_blank_line_on_the_last_line_of_the_section_is_read():
    text = GOOD.replace("(1) LMC        |\n\n## ABSTRACT", "(1) LMC        |\n## ABSTRACT").replace(ROW2, "\n" + ROW2)
    assert text.split("\n")[12] == ROW2 and text.split("\n")[13] == "## ABSTRACT"  # line 13, the section's last
    assert problems(text) == [
        ("PL012", 13, 1, 13, len(ROW2) + 1, "this row comes after the blank line 12, which ends the table in markdown; "
         "remove the blank line so the row is part of the table"),
    ]
    assert [r.line for r in doc(text).observations] == [11, 13]


def test_a_second_table_is_reported_with_its_message():
    header = "| Folder | Observation | Label | Observing Template | Science Target |"
    text = GOOD.replace("\n## ABSTRACT", f"\n{header}\n| - | - | - | - | - |\n| | 3 | c | NIRCam Imaging | (1) LMC |\n\n## ABSTRACT")
    assert problems(text) == [
        ("PL013", 14, 1, 14, len(header) + 1, "a second table in the observations section: its rows are checked with the "
         "first table's, but markdown shows two tables; merge them into one"),
    ]
    assert [r.number.value for r in doc(text).observations] == ["1", "2", "3"]


def test_a_row_read_cell_by_cell_keeps_its_span_and_its_cells():
    row = "| F | 1 | NIRCam Imaging | (1) LMC |"  # the Label missing: read by what the cells look like
    observation = doc(GOOD.replace(ROW1, row)).observations[0]
    assert observation.span == Span(11, 1, 11, len(row) + 1)
    assert [c.value for c in observation.cells] == ["F", "1", "NIRCam Imaging", "(1) LMC"]
    assert observation.folder_cell.value == "F"


# -- what a Science Target looks like ---------------------------------------------------------


def test_a_target_name_with_parentheses_is_still_a_target():
    # '(1) NGC 346 (north)': the number is the first '(...)', the rest is the name
    row = "| F | 1 | a | b | NIRCam Imaging | (1) NGC 346 (north) |"
    text = GOOD.replace(ROW1, row)
    assert [p.message for p in doc(text).problems] == [
        "the row has 6 cells, expected 5: the Label 'a | b' seems to contain a '|'; escape it as '\\|' (proglint reads "
        "the cells between Observation and Observing Template as the Label)",
    ]
    assert doc(text).observations[0].target.name.value == "NGC 346 (north)"


def test_a_number_with_a_parenthesis_inside_is_no_target():
    # '(1(2) X' opens a second '(' before the first ')': not '(N) NAME', so the row is not realigned
    row = "| F | 1 | a | b | NIRCam Imaging | (1(2) X |"
    text = GOOD.replace(ROW1, row)
    x = row.index("(1(2) X")
    assert problems(text) == [
        ("PL011", 11, x + 1, 11, x + 8, "the row has 6 cells, expected 5: remove the extra cell(s) or escape a '|' inside "
         "a cell as '\\|'"),
    ]


# -- the model of the table, field by field ----------------------------------------------------

HEADER = "| Folder | Observation | Label | Observing Template | Science Target |"
DELIMITER = "| :----- | :---------- | :---- | :----------------- | :------------- |"


def test_the_model_of_a_plain_table():
    table = doc(GOOD).table
    assert (table.header_line, table.span) == (9, Span(9, 1, 12, len(ROW2) + 1))
    assert [(c.value, c.region) for c in table.header] == [
        ("Folder", Span(9, 2, 9, 10)), ("Observation", Span(9, 11, 9, 24)), ("Label", Span(9, 25, 9, 32)),
        ("Observing Template", Span(9, 33, 9, 53)), ("Science Target", Span(9, 54, 9, 70)),
    ]
    first, second = table.rows
    assert [(r.line, r.span, r.folder_cell.value, r.number.value, r.label.value, r.template.value, r.target.number.value,
             r.target.name.value) for r in table.rows] == [
        (11, Span(11, 1, 11, len(ROW1) + 1), "F", "1", "a", "NIRCam Imaging", "1", "LMC"),
        (12, Span(12, 1, 12, len(ROW2) + 1), "", "2", "b", "NIRCam Imaging", "1", "LMC"),
    ]
    # the first row names the folder, the second continues it: both carry the first row's Folder text
    assert (first.folder, first.continues_folder) == (first.folder_cell.text, False)
    assert (second.folder, second.continues_folder) == (first.folder_cell.text, True)
    assert first.folder.span == Span(11, 3, 11, 4)
    assert [c.value for c in first.cells] == ["F", "1", "a", "NIRCam Imaging", "(1) LMC"]
    assert (first.template.span, first.target.cell.span) == (Span(11, 34, 11, 48), Span(11, 55, 11, 62))


def test_a_table_of_a_header_and_a_delimiter_at_the_end_of_the_file():
    text = GOOD.split("\n| F ")[0]
    assert text.endswith(DELIMITER)
    assert problems(text) == []
    assert (doc(text).table.span, doc(text).table.rows) == (Span(9, 1, 9, len(HEADER) + 1), ())


def test_a_row_with_a_cell_missing_takes_its_folder_from_the_row_above_and_passes_its_own_on():
    row = "| 2 | b | NIRCam Imaging | (1) LMC |"  # no Folder cell: read as a continuation of F
    third = "| G | 3 | c | NIRCam Imaging |"  # a folder of its own, the Science Target missing
    fourth = "|   | 4 | d | NIRCam Imaging | (1) LMC |"  # continues G
    text = GOOD.replace(ROW2, f"{row}\n{third}\n{fourth}")
    rows = doc(text).observations
    assert [(r.line, r.folder.value, r.continues_folder) for r in rows] == [(11, "F", False), (12, "F", True),
                                                                              (13, "G", False), (14, "G", True)]
    assert [(r.line, r.span) for r in rows[1:3]] == [(12, Span(12, 1, 12, len(row) + 1)), (13, Span(13, 1, 13, len(third) + 1))]
    assert (rows[2].target, rows[2].template.value) == (None, "NIRCam Imaging")


def test_an_indented_row_is_a_row():
    text = GOOD.replace(ROW2, "  " + ROW2)
    assert problems(text) == []
    assert [r.number.value for r in doc(text).observations] == ["1", "2"]


@pytest.mark.parametrize("block", ["> a quote", "# A heading", "```", "~~~", "---", "***", "___"])
def test_a_markdown_block_right_after_the_rows_ends_the_table(block):
    text = GOOD.replace(ROW2, ROW2 + "\n" + block)
    assert [p.code for p in doc(text).problems if p.code in ("PL011", "PL012")] == []
    assert doc(text).table.span == Span(9, 1, 12, len(ROW2) + 1)


def test_a_line_in_the_table_that_is_not_a_row_is_reported_and_the_table_goes_on():
    text = GOOD.replace(ROW2, "a note\n" + ROW2)
    assert problems(text) == [
        ("PL012", 12, 1, 12, 7, "this line is inside the table but is not a row: rows start and end with '|'; "
         "leave a blank line after the table"),
    ]
    assert doc(text).table.span == Span(9, 1, 13, len(ROW2) + 1)


def test_a_table_ending_with_a_line_that_is_not_a_row_spans_it():
    text = GOOD.replace(ROW2, ROW2 + "\n  a note  ")
    assert problems(text)[0][:5] == ("PL012", 13, 3, 13, 9)
    assert doc(text).table.span == Span(9, 1, 13, len("  a note  ") + 1)


def test_the_header_must_be_followed_by_a_delimiter_row():
    text = GOOD.replace(DELIMITER + "\n", "")
    assert problems(text) == [
        ("PL010", 9, 1, 9, len(HEADER) + 1, "the header row must be followed by a delimiter row such as "
         "'| :--- | :--- | ... |'"),
    ]
    assert [r.line for r in doc(text).observations] == [10, 11]  # the rows are read from the line after the header


# -- the header's findings --------------------------------------------------------------------


def test_columns_in_another_order_are_one_finding_over_the_header():
    header = "| Observation | Folder | Label | Observing Template | Science Target |"
    text = GOOD.replace(HEADER, header)
    assert problems(text)[0] == (
        "PL009", 9, 1, 9, len(header) + 1,
        "the columns must be in the order Folder | Observation | Label | Observing Template | Science Target")


def test_an_unexpected_sixth_column_is_reported_on_its_cell():
    header = HEADER + " Notes |"
    text = GOOD.replace(HEADER, header)
    assert problems(text)[0] == ("PL009", 9, 71, 9, 78, "unexpected column 6 'Notes': the table has five columns")


def test_a_misnamed_column_and_an_empty_one():
    header = "| Folder | Observation |  | Template | Science Target |"
    text = GOOD.replace(HEADER, header)
    assert problems(text)[:2] == [
        ("PL009", 9, 25, 9, 27, "column 3 must be 'Label', found ''"),  # the empty cell: its region
        ("PL009", 9, 29, 9, 37, "column 4 must be 'Observing Template', found 'Template'"),
    ]


def test_a_header_short_of_columns_names_the_missing_ones_after_its_end():
    header = "| Folder | Observation | Label |"
    text = GOOD.replace(HEADER, header)
    assert problems(text)[0] == (
        "PL009", 9, len(header) + 1, 9, len(header) + 1,
        "the header lacks the column(s) 'Observing Template', 'Science Target'")


# -- lines too long to read inside the table ------------------------------------------------


def parse_with_limit(text: str, limit: int):
    from proglint.parse import parse
    from proglint.source import Source

    return parse(Source.from_text("x.txt", text), max_line_length=limit)


def test_a_delimiter_too_long_to_read_is_passed_over():
    text = GOOD.replace(DELIMITER, DELIMITER + " " * 40)
    document = parse_with_limit(text, len(DELIMITER) + 10)
    assert [(p.code, p.span.start_line) for p in document.problems] == [("PL015", 10)]
    assert [r.line for r in document.observations] == [11, 12]


def test_a_row_too_long_to_read_in_the_middle_of_the_table():
    long_row = "| F | 3 | " + "x" * 120 + " | MIRI Imaging | (1) LMC |"
    document = parse_with_limit(GOOD.replace(ROW2, long_row + "\n" + ROW2), 100)
    assert [(p.code, p.span.start_line) for p in document.problems] == [("PL015", 12)]
    assert [r.line for r in document.observations] == [11, 13]
    assert document.table.span == Span(9, 1, 13, len(ROW2) + 1)


# -- the editor's memo of rows gives the same model ------------------------------------------


def test_a_memo_of_rows_reads_the_same_table_and_findings():
    from proglint.parse import parse
    from proglint.source import Source

    rows = [ROW1, "| 2 | b | NIRCam Imaging | (1) LMC |", "|   | 3 | c | NIRCam Imaging | (1) LMC", ROW2.replace("| 2 ", "| 4 ")]
    text = GOOD.replace(ROW1 + "\n" + ROW2, "\n".join(rows))

    def read(memo):
        document = parse(Source.from_text("x.txt", text), rows=memo)
        return ([(p.code, *p.span, p.message, p.fix) for p in document.problems],
                [(r.line, r.span, r.cells, r.folder, r.continues_folder, r.target) for r in document.observations])

    fresh = read(None)
    memo: dict = {}
    assert read(memo) == fresh
    assert len(memo) == 4
    assert read(memo) == fresh  # every row from the memo this time
    assert [f[0] for f in fresh[0]] == ["PL011", "PL012"]
    edited = text.replace("| c |", "| e |")
    assert parse(Source.from_text("x.txt", edited), rows=memo).observations[2].label.value == "e"


# -- what a target cell holds ----------------------------------------------------------------


@pytest.mark.parametrize("value, number, name", [
    ("(1) XMM-13", "1", "XMM-13"),
    ("(1)\tLMC", "1", "LMC"),
    ("(1)LMC", "1", "LMC"),
    ("(1) \u00a0LMC", "1", "\u00a0LMC"),  # only spaces and tabs separate the number from the name
    ("(12)", "12", None),
])
def test_the_number_and_name_of_a_target(value, number, name):
    text = GOOD.replace("| (1) LMC        |\n|        | 2", f"| {value} |\n|        | 2")
    target = doc(text).observations[0].target
    assert (target.number.value, target.name.value if target.name else None) == (number, name)
    line = text.split("\n")[10]
    assert line[target.number.span.start_column - 1:target.number.span.end_column - 1] == number
    if name is not None:
        assert line[target.name.span.start_column - 1:target.name.span.end_column - 1] == name


# -- more readings of a row one cell off --------------------------------------------------------


def test_a_missing_label_under_a_header_of_two_columns_gets_a_cell_three_wide():
    text = GOOD.replace(HEADER, "| Folder | Observation |").replace(ROW1, "| F | 1 | NIRCam Imaging | (1) LMC |")
    (problem,) = [p for p in doc(text).problems if p.code == "PL011"]
    assert (problem.span, problem.fix.edits) == (Span(11, 9, 11, 10), (Edit(Span.point(11, 9), "|   "),))


def test_a_missing_label_under_a_one_character_header_cell_gets_a_cell_one_wide():
    text = GOOD.replace("| Label |", "|L|").replace(ROW1, "| F | 1 | NIRCam Imaging | (1) LMC |")
    (problem,) = [p for p in doc(text).problems if p.code == "PL011"]
    assert problem.fix.edits == (Edit(Span.point(11, 9), "| "),)


def test_a_missing_target_under_a_misnamed_header_without_that_column():
    # a misnamed header ('Template') is read by position; one that only
    # leaves columns out is read by name (tests/test_parse_short_header.py)
    row = "| F | 1 | a | NIRCam Imaging |"
    text = GOOD.replace(" Observing Template | Science Target |", " Template |").replace(ROW1, row)
    assert [p for p in problems(text) if p[0] == "PL011"] == [
        ("PL011", 11, len(row) + 1, 11, len(row) + 1, "the row has 4 cells, expected 5: the Science Target cell is missing "
         "(the row ends after the Observing Template); add the Science Target cell"),
    ]


def test_a_row_where_every_reading_contradicts_a_column_is_counted():
    row = "| (1) LMC | 1 | a | NIRCam Imaging |"  # a target in the Folder column whatever is missing
    assert problems(GOOD.replace(ROW1, row)) == [
        ("PL011", 11, len(row) + 1, 11, len(row) + 1, "the row has 4 cells, expected 5: missing Science Target"),
    ]


def test_a_label_with_a_pipe_before_a_none_target():
    row = "| F | 1 | a | b | NIRSpec Internal Lamp | NONE |"
    text = GOOD.replace(ROW1, row)
    assert [p.message.split(":")[1] for p in doc(text).problems] == [" the Label 'a | b' seems to contain a '|'; escape it as '\\|' (proglint reads the cells between Observation and Observing Template as the Label)"]
    observation = doc(text).observations[0]
    assert (observation.folder_cell.value, observation.number.value, observation.target.is_none) == ("F", "1", True)


def test_two_targets_at_the_end_are_a_stray_cell_not_a_label_with_a_pipe():
    row = "| F | 1 | a | NIRCam Imaging | (1) LMC | (2) SMC |"
    x = row.index("(2) SMC") + 1
    assert problems(GOOD.replace(ROW1, row)) == [
        ("PL011", 11, x, 11, x + 7, "the row has 6 cells, expected 5: remove the extra cell(s) or escape a '|' inside a "
         "cell as '\\|'"),
    ]


def test_a_compact_row_with_a_pipe_in_the_label():
    row = "|F|1|a|b|NIRCam Imaging|(1) LMC|"
    observation = doc(GOOD.replace(ROW1, row)).observations[0]
    assert (observation.folder_cell.value, observation.label.value, observation.label.span) == ("F", "a|b", Span(11, 6, 11, 9))


def test_a_row_without_its_template_whose_label_is_empty():
    row = "| F | 1 |  | (1) LMC |"
    pipe = row.index("| (1) LMC") + 1
    assert problems(GOOD.replace(ROW1, row)) == [
        ("PL011", 11, pipe, 11, pipe + 1, "the row has 4 cells, expected 5: the Observing Template cell is missing "
         f"('(1) LMC' stands in the Observing Template column {SHIFTED}); add the Observing Template cell"),
    ]


def test_text_after_the_last_column_is_counted_at_the_extra_cell():
    row = "| F | 1 | a | NIRCam Imaging | (1) LMC | extra |"
    x = row.index("extra") + 1
    assert problems(GOOD.replace(ROW1, row)) == [
        ("PL011", 11, x, 11, x + 5, "the row has 6 cells, expected 5: remove the extra cell(s) or escape a '|' inside a "
         "cell as '\\|'"),
    ]


def test_an_empty_cell_after_the_template():
    row = "| F | 1 | a | NIRCam Imaging | | (1) LMC |"
    assert problems(GOOD.replace(ROW1, row))[0][5] == (
        "the row has 6 cells, expected 5: an empty cell after the Observing Template cell fits no column; remove it")


@pytest.mark.parametrize("last", ["none", "((1) X"])
def test_a_last_cell_that_is_no_target_keeps_a_six_cell_row_counted(last):
    row = f"| F | 1 | a | b | NIRSpec Internal Lamp | {last} |"
    assert doc(GOOD.replace(ROW1, row)).problems[0].message == (
        "the row has 6 cells, expected 5: remove the extra cell(s) or escape a '|' inside a cell as '\\|'")


# -- the last survivors' edges ---------------------------------------------------------------------


def test_an_empty_cell_is_an_empty_value_one_column_into_its_region():
    label = doc(GOOD.replace("| a     |", "|       |")).observations[0].label
    assert (label.span, label.region) == (Span(11, 26, 11, 26), Span(11, 25, 11, 32))


def test_a_compact_delimiter_row_is_a_delimiter():
    assert problems(GOOD.replace(DELIMITER, "|-|-|-|-|-|")) == []


def test_a_header_on_the_last_line_of_the_file_lacks_its_delimiter():
    text = GOOD.split("\n" + DELIMITER)[0]
    assert problems(text) == [("PL010", 9, 1, 9, len(HEADER) + 1, "the header row must be followed by a delimiter row "
                               "such as '| :--- | :--- | ... |'")]


def test_a_row_with_two_equally_good_readings_is_counted():
    # 'a' may be the Label (the template missing) or a template (the Label missing): the count is reported
    row = "| F | 1 | a | (1) LMC |"
    assert problems(GOOD.replace(ROW1, row)) == [
        ("PL011", 11, len(row) + 1, 11, len(row) + 1, "the row has 4 cells, expected 5: missing Science Target"),
    ]


def test_a_short_row_under_a_reordered_header_is_counted_by_position():
    header = "| Observation | Folder | Label | Observing Template | Science Target |"
    row = "| 1 | F | NIRCam Imaging | (1) LMC |"
    found = problems(GOOD.replace(HEADER, header).replace(ROW1, row))
    assert found[1:] == [("PL011", 11, len(row) + 1, 11, len(row) + 1, "the row has 4 cells, expected 5: missing Science Target")]
    observation = doc(GOOD.replace(HEADER, header).replace(ROW1, row)).observations[0]
    assert (observation.folder_cell.value, observation.number.value) == ("F", "1")


def test_a_target_with_two_opening_parentheses_has_no_number():
    text = GOOD.replace("| (1) LMC        |\n|        | 2", "| ((1) X |\n|        | 2")
    target = doc(text).observations[0].target
    assert (target.number, target.name, target.well_formed) == (None, None, False)


@pytest.mark.parametrize("header", [
    "Folder | Observation | Label | Observing Template | Science Target |",  # a closing pipe only
])
def test_a_header_with_a_closing_pipe_only_is_a_pipeless_header(header):
    text = pipeless().replace("Folder | Observation | Label | Observing Template | Science Target", header)
    assert [(p.code, p.span.start_line) for p in doc(text).problems][:1] == [("PL009", 9)]
    assert doc(text).problems[0].message.startswith("the observations table (lines 9-12) has no outer pipes")


def test_a_pipeless_header_after_a_code_block_or_just_before_the_next_section():
    after_code = pipeless().replace("## OBSERVATIONS TABLE\n\n", "## OBSERVATIONS TABLE\n```\nx\n```\n")
    assert doc(after_code).problems[0].message.startswith("the observations table (lines 11-14) has no outer pipes")
    last = GOOD.split("| Folder")[0] + PIPELESS.split("\n")[0] + "\n" + PIPELESS.split("\n")[1] + "\n## ABSTRACT\n"
    assert doc(last).problems[0].message.startswith("the observations table (lines 9-10) has no outer pipes")


def test_none_in_the_label_column_is_a_target_so_no_reading_fits_a_row_without_its_target():
    # NONE is a target's value: it cannot stand in the Label column, so the
    # row is counted rather than read as one that only lacks its Science Target
    row = "| F | 1 | NONE | MIRI Dark |"
    assert problems(GOOD.replace(ROW1, row)) == [
        ("PL011", 11, len(row) + 1, 11, len(row) + 1, "the row has 4 cells, expected 5: missing Science Target"),
    ]


def test_text_in_the_label_column_reads_the_row_as_lacking_its_target():
    row = "| F | 1 | a | MIRI Dark |"
    assert problems(GOOD.replace(ROW1, row)) == [
        ("PL011", 11, len(row) + 1, 11, len(row) + 1, "the row has 4 cells, expected 5: the Science Target cell is "
         "missing (the row ends after the Observing Template); add the Science Target cell"),
    ]


# -- second round (h-mut-parse): the survivors of a full run -------------------------------------


def test_a_stray_note_between_the_template_and_the_target_is_the_extra_cell():
    # removing 'note' reads every other cell in its column: that reading beats
    # removing any other cell, though a cell with text is less likely to be stray
    row = "| F | 1 | a | NIRCam Imaging | note | (1) LMC |"
    x = row.index("note") + 1
    text = GOOD.replace(ROW1, row)
    assert problems(text) == [
        ("PL011", 11, x, 11, x + 4, "the row has 6 cells, expected 5: the cell 'note' after the Observing Template cell "
         "fits no column; remove it, or escape a '|' inside a cell as '\\|'"),
    ]
    observation = doc(text).observations[0]
    assert (observation.label.value, observation.template.value, observation.target.name.value) == ("a", "NIRCam Imaging", "LMC")


def test_a_row_of_one_cell_with_a_backslash_opens_and_closes():
    # a backslash sends the row through the general split: two pipes, one cell
    row = "| F\\G |"
    assert problems(GOOD.replace(ROW1, row)) == [
        ("PL011", 11, len(row) + 1, 11, len(row) + 1,
         "the row has 1 cell, expected 5: missing Observation, Label, Observing Template, Science Target"),
    ]


def test_a_pipeless_header_must_name_the_five_columns_exactly():
    text = pipeless().replace("Science Target\n:---", "Science Target X\n:---")
    assert problems(text) == [
        ("PL008", 7, 1, 7, 1, "no observations table: add '| Folder | Observation | Label | Observing Template | Science "
         "Target |' under '## OBSERVATIONS TABLE'"),
    ]


def test_a_short_header_with_a_misnamed_column_names_each_slip_in_the_documents_file():
    header = "| Folder | Obs | Label |"
    text = GOOD.replace(HEADER, header)
    assert [(p.code, *p.span, p.message, p.path) for p in doc(text, "programs/1071.txt").problems] == [
        ("PL009", 9, 12, 9, 15, "column 2 must be 'Observation', found 'Obs'", "programs/1071.txt"),
        ("PL009", 9, len(header) + 1, 9, len(header) + 1,
         "the header lacks the column(s) 'Observing Template', 'Science Target'", "programs/1071.txt"),
        ("PL010", 10, 1, 10, len(DELIMITER) + 1,
         "the delimiter row has 5 cells but the header has 3: markdown renders no table at all", "programs/1071.txt"),
    ]


@pytest.mark.parametrize("value", ["(1) ", "(1)\t", "(1) \t "])
def test_a_target_read_on_its_own_with_only_blanks_after_the_number_has_no_name(value):
    # the parser strips every cell, but parse_target is public and reads any
    # value the way the pattern in its docstring does (test_parse_equivalence
    # checks that on random values, which find this case only by chance)
    from proglint.document import Cell, TargetRef
    from proglint.parse.table import parse_target
    from proglint.span import Text

    cell = Cell(Text(value, Span(3, 10, 3, 10 + len(value))), Span(3, 9, 3, 11 + len(value)))
    ref = parse_target(cell)
    assert type(ref) is TargetRef
    assert (ref.cell, ref.number, ref.name) == (cell, Text("1", Span(3, 11, 3, 12)), None)


@pytest.mark.parametrize("line", ["| a |   | c", "| a |   | c\\| |", "  | a |   | c"])
def test_a_blank_cell_of_any_row_shape_is_placed_as_in_a_plain_row(line):
    # a blank cell's (empty) text sits right after its opening pipe's space, whether the row
    # closes, holds an escaped pipe or is indented (the general path) or not (the plain one)
    from proglint.parse.table import split_row

    plain = split_row("| a |   | c |", 7).cells[1]
    shift = len(line) - len(line.lstrip())
    blank = split_row(line, 7).cells[1]
    assert (blank.text.value, blank.text.span) == ("", Span(7, 7 + shift, 7, 7 + shift))
    assert plain.text.span == Span(7, 7, 7, 7)
