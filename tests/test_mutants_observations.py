"""rules/observations.py (PL220, PL221): the behaviour mutation testing
found unpinned (benchmarks/mutation.py): PL220's unsafe fix, the free
number once 999 is taken (the lowest unused, or none at all), PL221 at the
first use of a repeated number, and a table without an Observation
column."""

from __future__ import annotations

from proglint.config import Config, Layer
from proglint.diagnostic import UNSAFE
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import line_of, program_document


def lint_one(text: str, code: str):
    return active(lint(Source.from_text("doc.txt", text), Config(layers=(Layer(select=(code,)),), rule_time_budget=None)))


def found(text: str, code: str) -> list[tuple]:
    return [(d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message) for d in lint_one(text, code)]


def rows(*numbers: int) -> str:
    return program_document(*(("", n, f"L{i}", "MIRI Imaging", "(1) GD153") for i, n in enumerate(numbers)))


def number_cell(text: str, label: str, number: int) -> tuple[int, int, int]:
    line = line_of(text, f"| {label} |")
    column = text.split("\n")[line - 1].index(f"| {number} |") + 3
    return line, column, column + len(str(number))


def test_the_duplicate_is_renumbered_by_an_unsafe_fix():
    text = rows(1, 2, 2)
    (diagnostic,) = lint_one(text, "PL220")
    assert diagnostic.fix.message == "renumber it 3"
    assert diagnostic.fix.applicability == UNSAFE
    (edit,) = diagnostic.fix.edits
    assert (edit.span.start_line, edit.span.start_column, edit.span.end_column, edit.text) == (*number_cell(text, "L2", 2), "3")


def test_once_999_is_taken_the_lowest_unused_number_is_offered():
    text = rows(999, 999)
    assert found(text, "PL220") == [
        ("PL220", *number_cell(text, "L1", 999),
         f"observation 999 is already used on line {line_of(text, '| L0 |')}; give this observation its own number (1 is free)"),
    ]
    (diagnostic,) = lint_one(text, "PL220")
    assert diagnostic.fix.message == "renumber it 1"


def test_the_last_free_number_below_999_is_found():
    text = rows(*range(1, 998), 999, 999)  # 998 is the only number left
    (diagnostic,) = lint_one(text, "PL220")
    assert diagnostic.message.endswith("give this observation its own number (998 is free)")
    assert diagnostic.fix.edits[0].text == "998"


def test_with_every_number_taken_there_is_no_hint_and_no_fix():
    text = rows(*range(1, 1000), 7)
    (diagnostic,) = lint_one(text, "PL220")
    assert (diagnostic.span.start_line, diagnostic.message) == (
        line_of(text, "| L999 |"), f"observation 7 is already used on line {line_of(text, '| L6 |')}")
    assert diagnostic.fix is None


def test_a_gap_is_reported_at_the_first_use_of_a_repeated_number():
    text = rows(1, 3, 3, 5, 5)
    assert found(text, "PL221") == [
        ("PL221", *number_cell(text, "L1", 3),
         "observation 2 is not in the table: the numbers jump from 1 to 3 (legal when observations were withdrawn)"),
        ("PL221", *number_cell(text, "L3", 5),
         "observation 4 is not in the table: the numbers jump from 3 to 5 (legal when observations were withdrawn)"),
    ]


def test_a_table_without_an_observation_column_has_no_numbers_to_compare():
    text = rows(1)
    head, _, tail = text.partition("| Folder |")
    _, _, rest = tail.partition("\n\n")
    no_numbers = (head + "| Folder | Label | Observing Template | Science Target |\n| :-- | :-- | :-- | :-- |\n"
                  "| | a | MIRI Imaging | (1) GD153 |\n| | b | MIRI Imaging | (1) GD153 |\n\n" + rest)
    assert found(no_numbers, "PL220") == []
    assert found(no_numbers, "PL221") == []
