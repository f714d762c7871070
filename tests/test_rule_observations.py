"""rules/observations.py: PL220 observation-number-duplicate, PL221 observation-number-gap."""


from proglint.config import Config
from proglint.pipeline import lint
from proglint.source import Source

from conftest import diagnostics, seeds_concise, column_of, findings, line_of, seed_text

SEED = seed_text()
CODES = ("PL220", "PL221")


def edit(text: str, line: int, old: str, new: str) -> str:
    """Replace the first ``old`` on one line only."""
    lines = text.split("\n")
    assert old in lines[line - 1], (old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


# --------------------------------------------------------------------------
# PL220 observation-number-duplicate


def test_a_reused_observation_number_is_reported_at_the_second_use():
    first = line_of(SEED, "| 15          |")
    row = line_of(SEED, "| LDS749B   | 8 ")
    text = edit(SEED, row, "| 8           |", "| 15          |")
    column = column_of(text, row, "15")
    assert findings(text, "PL220") == [
        (row, column, column + 2,
         f"observation 15 is already used on line {first}; give this observation its own number (26 is free)"),
    ]


def test_the_first_use_is_related_information():
    first = line_of(SEED, "| 15          |")
    row = line_of(SEED, "| LDS749B   | 8 ")
    text = edit(SEED, row, "| 8           |", "| 15          |")
    (diagnostic,) = diagnostics(text, "PL220")
    (related,) = diagnostic.related
    column = column_of(text, first, "15")
    assert (related.span.start_line, related.span.start_column, related.span.end_column) == (first, column, column + 2)
    assert related.message == "observation 15 is first used here"
    assert diagnostic.severity.value == "error"


def test_every_later_use_names_the_first():
    first = line_of(SEED, "| 15          |")
    second = line_of(SEED, "| 16          |")
    third = line_of(SEED, "| 17          |")
    text = edit(edit(SEED, second, "16", "15"), third, "17", "15")
    assert [(line, message.split(";")[0]) for line, _, _, message in findings(text, "PL220")] == [
        (second, f"observation 15 is already used on line {first}"),
        (third, f"observation 15 is already used on line {first}"),
    ]


def test_a_free_number_below_the_highest_is_offered_when_999_is_taken():
    first = line_of(SEED, "| 24          |")
    second = line_of(SEED, "| 25          |")
    text = edit(edit(SEED, first, "| 24          |", "| 999         |"), second, "| 25          |", "| 999         |")
    column = column_of(text, second, "999")
    assert findings(text, "PL220") == [
        (second, column, column + 3,
         f"observation 999 is already used on line {first}; give this observation its own number (24 is free)"),
    ]


def test_each_duplicate_is_offered_its_own_free_number_past_999():
    # one past the highest while that is below 1000, then the lowest unused
    rows = [line_of(SEED, f"| {n}          |") for n in (23, 24, 25)]
    text = SEED
    for row, number in zip(rows, (23, 24, 25)):
        text = edit(text, row, f"| {number}          |", "| 998         |")
    assert [(line, message) for line, _, _, message in findings(text, "PL220")] == [
        (rows[1], f"observation 998 is already used on line {rows[0]}; give this observation its own number (999 is free)"),
        (rows[2], f"observation 998 is already used on line {rows[0]}; give this observation its own number (23 is free)"),
    ]


def test_near_miss_numbers_out_of_order_and_with_gaps_are_not_duplicates():
    # seed 000 lists 1, 15, 16, ... 8, 11, 13 (rows grouped by folder);
    # 1366 uses 1-4, 11 and 21 (withdrawn observations).
    assert findings(SEED, "PL220") == []
    assert findings(seed_text("1366.txt"), "PL220") == []


def test_near_miss_numbers_the_schema_rejects_are_left_to_it():
    one = line_of(SEED, "| 15          |")
    two = line_of(SEED, "| 16          |")
    three = line_of(SEED, "| 17          |")
    four = line_of(SEED, "| 18          |")
    text = edit(edit(SEED, one, "15", "1000"), two, "16", "1000")
    text = edit(edit(text, three, "17", "x"), four, "18", "x")
    text = edit(text, line_of(text, "| LDS749B   | 8 "), "| 8 ", "| 01")  # 01 is not 1
    assert findings(text, "PL220") == []


# --------------------------------------------------------------------------
# PL221 observation-number-gap (info, off by default)


def test_gaps_are_reported_at_the_observation_after_them_when_selected():
    text = seed_text("1366.txt")
    eleven, twenty_one = line_of(text, "| 11 "), line_of(text, "| 21 ")
    c11, c21 = column_of(text, eleven, "11"), column_of(text, twenty_one, "21")
    assert findings(text, "PL221") == [
        (eleven, c11, c11 + 2,
         "observations 5 to 10 are not in the table: the numbers jump from 4 to 11 "
         "(legal when observations were withdrawn)"),
        (twenty_one, c21, c21 + 2,
         "observations 12 to 20 are not in the table: the numbers jump from 11 to 21 "
         "(legal when observations were withdrawn)"),
    ]
    (diagnostic, _) = diagnostics(text, "PL221")
    assert diagnostic.severity.value == "info"


def test_a_table_that_does_not_start_at_1_and_a_single_missing_number():
    text = seed_text("1071.txt")
    row1 = line_of(text, "FGS-1, GS#1")
    text = edit(text, row1, "| 1  ", "| 12 ")  # numbers now 12, 2, 3, ... 10
    row2 = line_of(text, "FGS-1, GS#2")
    c2, c12 = column_of(text, row2, "2"), column_of(text, row1, "12")
    assert findings(text, "PL221") == [
        (row1, c12, c12 + 2, "observation 11 is not in the table: the numbers jump from 10 to 12 (legal when observations were withdrawn)"),
        (row2, c2, c2 + 1, "observation 1 is not in the table: the numbers start at 2 (legal when observations were withdrawn)"),
    ]


def test_near_miss_gap_rule_is_off_by_default():
    # 1366 withdrew observations 5-10 and 12-20: the default configuration says nothing.
    found = lint(Source.from_text("1366.txt", seed_text("1366.txt")), Config())
    assert [d for d in found if d.code in CODES] == []


def test_near_miss_rows_out_of_numeric_order_are_not_gaps():
    # seed 000 uses every number from 1 to 25 once, listed by folder.
    assert findings(SEED, "PL221") == []


# --------------------------------------------------------------------------


def test_proglint_seeds_reports_nothing_from_these_rules():
    assert not [line for line in seeds_concise() if any(code in line for code in CODES)]
