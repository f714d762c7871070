"""rules/targets.py (PL320-PL322): the behaviour mutation testing found
unpinned (benchmarks/mutation.py): the suggested free number near the
999 limit, a second number lower than the first, and a case difference
under another number."""

from __future__ import annotations

from conftest import column_of, findings, line_of, program_document


def document(*targets: str) -> str:
    return program_document(*(("", n, f"L{n}", "MIRI Imaging", t) for n, t in enumerate(targets, 1)))


def at_name(text: str, row: int, name: str) -> tuple[int, int, int]:
    line = line_of(text, f"| L{row} |")
    column = column_of(text, line, name)
    return line, column, column + len(name)


def test_the_next_number_after_the_highest_is_suggested_up_to_999():
    text = document("(1) ALPHA", "(998) BRAVO", "(1) ZULU")
    line, column, end = at_name(text, 3, "ZULU")
    first = line_of(text, "| L1 |")
    assert findings(text, "PL320") == [
        (line, column, end, f"target 1 is ALPHA on line {first}, here it names ZULU; give ZULU a number of its own (999 is free)"),
    ]


def test_with_999_used_the_lowest_free_number_is_suggested_never_1000():
    text = document("(1) ALPHA", "(999) BRAVO", "(2) CHARLIE", "(1) ZULU")
    line, column, end = at_name(text, 4, "ZULU")
    first = line_of(text, "| L1 |")
    assert findings(text, "PL320") == [
        (line, column, end, f"target 1 is ALPHA on line {first}, here it names ZULU; give ZULU a number of its own (3 is free)"),
    ]


def test_a_second_number_lower_than_the_first_is_reported_too():
    text = document("(2) ALPHA", "(2) ALPHA", "(1) ALPHA", "(3) BRAVO")
    line = line_of(text, "| L3 |")
    column = column_of(text, line, "(1)") + 1
    first = line_of(text, "| L1 |")
    assert findings(text, "PL321") == [
        (line, column, column + 1, f"ALPHA is target 2 on line {first}, here it is numbered 1; one target has one number"),
    ]


def test_a_second_number_higher_than_the_first():
    text = document("(1) ALPHA", "(1) ALPHA", "(2) ALPHA", "(3) BRAVO")
    line = line_of(text, "| L3 |")
    column = column_of(text, line, "(2)") + 1
    first = line_of(text, "| L1 |")
    assert findings(text, "PL321") == [
        (line, column, column + 1, f"ALPHA is target 1 on line {first}, here it is numbered 2; one target has one number"),
    ]


def test_a_case_difference_under_the_same_number_is_pl322():
    text = document("(1) GD153", "(1) gd153")
    line, column, end = at_name(text, 2, "gd153")
    first = line_of(text, "| L1 |")
    assert findings(text, "PL322") == [
        (line, column, end, f"target 1 is written GD153 on line {first}, here gd153; write it GD153 everywhere, as in APT's target list"),
    ]


def test_a_case_difference_under_another_number_is_not_pl322_but_pl321():
    text = document("(1) GD153", "(2) gd153")
    assert findings(text, "PL322") == []
    line = line_of(text, "| L2 |")
    column = column_of(text, line, "(2)") + 1
    assert [f[:3] for f in findings(text, "PL321")] == [(line, column, column + 1)]
