"""A header that names some of the five columns and leaves others out
(``Folder | Observation | Label | Science Target``, no Observing Template):
rows in the header's shape are read by the header's names, and the header is
reported once, at the place the missing column belongs.

Read by position, as before, each row's Label stood in the Observing
Template column: 'MIRI Imaging' became the template, the Science Target was
reported missing, and ``--fix`` inserted an empty Label cell that moved the
Label into the template column."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from proglint.config import Config
from proglint.pipeline import active, lint
from proglint.source import Source
from proglint.span import Span

from conftest import DOC_HEAD, DOC_TAIL, doc

FULL_HEADER = "| Folder | Observation | Label | Observing Template | Science Target |\n| :----- | :---------- | :---- | :----------------- | :------------- |\n"
SHORT_HEADER = "| Folder | Observation | Label | Science Target |\n| :----- | :---------- | :---- | :------------- |\n"
HEAD = DOC_HEAD.replace(FULL_HEADER, SHORT_HEADER)
assert HEAD != DOC_HEAD
HEADER_LINE = 19  # DOC_HEAD's header line


def every_finding(text: str) -> list[tuple]:
    """(code, line, column, end column, message) of every active finding, all checks on."""
    return [
        (d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message)
        for d in active(lint(Source.from_text("04497.txt", text), Config()))
    ]


def test_a_header_without_the_template_column_is_one_finding_at_the_pipe_where_it_belongs():
    rows = "| GD153 | 1 | MIRI Imaging | (1) GD153 |\n|  | 2 | bright star | (1) GD153 |\n"
    text = HEAD + rows + DOC_TAIL
    assert text.split("\n")[HEADER_LINE - 1] == "| Folder | Observation | Label | Science Target |"
    # column 32 is the '|' before 'Science Target': the Observing Template goes there
    assert every_finding(text) == [
        ("PL009", HEADER_LINE, 32, 33, "the header lacks the column(s) 'Observing Template'"),
    ]
    (problem,) = doc(text, "04497.txt").problems
    assert (problem.span, problem.path) == (Span(HEADER_LINE, 32, HEADER_LINE, 33), "04497.txt")
    first, second = doc(text).observations
    assert (first.label.value, first.template, first.target.number.value, first.target.name.value) == (
        "MIRI Imaging", None, "1", "GD153")
    assert (second.label.value, second.template, second.folder.value) == ("bright star", None, "GD153")


def test_the_near_miss_with_all_five_columns_has_no_findings():
    rows = "| GD153 | 1 | MIRI Imaging | MIRI Imaging | (1) GD153 |\n|  | 2 | bright star | MIRI Imaging | (1) GD153 |\n"
    assert every_finding(DOC_HEAD + rows + DOC_TAIL) == []


def test_a_full_row_under_the_short_header_is_read_by_position():
    rows = "| GD153 | 1 | MIRI Imaging | MIRI Imaging | (1) GD153 |\n"
    text = HEAD + rows + DOC_TAIL
    assert every_finding(text) == [
        ("PL009", HEADER_LINE, 32, 33, "the header lacks the column(s) 'Observing Template'"),
    ]
    (row,) = doc(text).observations
    assert (row.label.value, row.template.value, row.target.name.value) == ("MIRI Imaging", "MIRI Imaging", "GD153")


def test_a_row_one_cell_short_of_the_short_header_is_read_by_what_its_cells_look_like():
    # three cells under a four-column header: neither the header's shape nor five
    row = "| GD153 | 1 | (1) GD153 |"
    text = HEAD + row + "\n" + DOC_TAIL
    line = HEADER_LINE + 2
    assert [f for f in every_finding(text) if f[0] != "PL009"] == [
        ("PL011", line, len(row) + 1, len(row) + 1, "the row has 3 cells, expected 5: missing Observing Template, Science Target"),
    ]


def test_a_header_without_its_folder_column_is_reported_at_its_first_pipe():
    head = DOC_HEAD.replace(FULL_HEADER, "| Observation | Label | Observing Template | Science Target |\n| :- | :- | :- | :- |\n")
    text = head + "| 1 | a | MIRI Imaging | (1) GD153 |\n" + DOC_TAIL
    assert [f for f in every_finding(text) if f[0] in ("PL009", "PL011")] == [
        ("PL009", HEADER_LINE, 1, 2, "the header lacks the column(s) 'Folder'"),
    ]
    (row,) = doc(text).observations
    assert (row.folder_cell, row.number.value, row.label.value, row.template.value) == (None, "1", "a", "MIRI Imaging")


def test_columns_missing_apart_are_one_finding_each_and_the_last_after_the_header():
    header = "| Folder | Label | Observing Template |"
    head = DOC_HEAD.replace(FULL_HEADER, header + "\n| :- | :- | :- |\n")
    text = head + "| F | a | MIRI Imaging |\n" + DOC_TAIL
    assert [f for f in every_finding(text) if f[0] == "PL009"] == [
        ("PL009", HEADER_LINE, 10, 11, "the header lacks the column(s) 'Observation'"),
        ("PL009", HEADER_LINE, len(header) + 1, len(header) + 1, "the header lacks the column(s) 'Science Target'"),
    ]


def test_a_misnamed_column_is_still_read_by_position():
    # 'Template' is no column's name: the header is misnamed, not short
    head = DOC_HEAD.replace(FULL_HEADER, "| Folder | Observation | Label | Template |\n| :- | :- | :- | :- |\n")
    text = head + "| F | 1 | a | MIRI Imaging |\n" + DOC_TAIL
    assert [f for f in every_finding(text) if f[0] == "PL009"] == [
        ("PL009", HEADER_LINE, 34, 42, "column 4 must be 'Observing Template', found 'Template'"),
        ("PL009", HEADER_LINE, 44, 44, "the header lacks the column(s) 'Science Target'"),
    ]


_NAMES = ("Folder", "Observation", "Label", "Observing Template", "Science Target")
_FIELDS = ("folder_cell", "number", "label", "template", "target")


def _runs(missing: list[int]) -> int:
    """How many runs of adjacent indexes ``missing`` holds."""
    return sum(1 for i, index in enumerate(missing) if i == 0 or missing[i - 1] != index - 1)


@given(
    kept=st.lists(st.sampled_from(range(5)), min_size=1, max_size=4, unique=True).map(sorted),
    values=st.lists(st.text(alphabet="abcXYZ019 .-", min_size=1, max_size=12).map(str.strip).filter(bool),
                    min_size=4, max_size=4),
)
def test_any_short_header_reads_each_named_column_from_its_cell(kept, values):
    header = "| " + " | ".join(_NAMES[i] for i in kept) + " |"
    delimiter = "|" + " --- |" * len(kept)
    row = "| " + " | ".join(values[: len(kept)]) + " |"
    text = DOC_HEAD.replace(FULL_HEADER, header + "\n" + delimiter + "\n") + row + "\n" + DOC_TAIL
    document = doc(text)
    missing = [i for i in range(5) if i not in kept]
    header_findings = [p for p in document.problems if p.code == "PL009"]
    assert len(header_findings) == _runs(missing)
    assert all(p.message.startswith("the header lacks the column(s) ") for p in header_findings)
    assert [p for p in document.problems if p.code == "PL011"] == []
    (observation,) = document.observations
    for index, field in enumerate(_FIELDS):
        read = getattr(observation, field)
        if index not in kept:
            assert read is None, field
            continue
        value = values[kept.index(index)]
        cell = read.cell if field == "target" else read
        assert cell.value == value, field
        assert row[cell.span.start_column - 1 : cell.span.end_column - 1] == value


def test_a_short_header_in_another_order_is_also_reported_over_the_header():
    header = "| Observation | Folder | Label | Science Target |"
    head = DOC_HEAD.replace(FULL_HEADER, header + "\n| :- | :- | :- | :- |\n")
    text = head + "| 1 | F | a | (1) GD153 |\n" + DOC_TAIL
    assert [f for f in every_finding(text) if f[0] == "PL009"] == [
        ("PL009", HEADER_LINE, 1, len(header) + 1,
         "the columns must be in the order Folder | Observation | Label | Observing Template | Science Target"),
        ("PL009", HEADER_LINE, 32, 33, "the header lacks the column(s) 'Observing Template'"),
    ]
    assert [(p.span, p.path) for p in doc(text, "04497.txt").problems] == [
        (Span(HEADER_LINE, 1, HEADER_LINE, len(header) + 1), "04497.txt"),
        (Span(HEADER_LINE, 32, HEADER_LINE, 33), "04497.txt"),
    ]
    (row,) = doc(text).observations
    assert (row.folder.value, row.number.value, row.label.value, row.target.name.value) == ("F", "1", "a", "GD153")
