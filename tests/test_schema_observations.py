"""Observation and Science Target schema checks, at exact cells."""

import pytest

from proglint.diagnostic import Severity
from proglint.schema import check

from conftest import SEEDS, USER_SEED, doc

BASE = (SEEDS / "1071.txt").read_text(encoding="utf-8")
ROW = "|            | 3            | FGS-1, GS#3  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"
assert ROW in BASE

TARGET_MESSAGE = (
    "the Science Target must read '(N) NAME', with N a whole number from 1 to 999, or 'NONE'; found {}"
)
APT_MESSAGE = (
    "APT accepts target names of 2 to 31 characters, each a letter, digit, '.', '+', '_' or '-' "
    "(no spaces); found {}"
)
NUMBER_MESSAGE = "the observation number must be a whole number from 1 to 999, written without leading zeros; found {}"


def row_with(number="3", label="FGS-1, GS#3", template="NIRCam Imaging", target="(1) LMC-ASTROMETRIC", folder=""):
    return f"| {folder} | {number} | {label} | {template} | {target} |"


def replaced(row: str) -> tuple[str, int, str]:
    """The real document with row 3 replaced; returns (text, line number, row)."""
    text = BASE.replace(ROW, row)
    return text, text.split("\n").index(row) + 1, row


def cell_of(row: str, position: int) -> tuple[int, int]:
    """(column, end column) of the stripped text of cell ``position`` (0-based)."""
    pipes = [i for i, c in enumerate(row) if c == "|"]
    lo, hi = pipes[position] + 1, pipes[position + 1]
    raw = row[lo:hi]
    start = lo + len(raw) - len(raw.lstrip())
    return start + 1, start + 1 + len(raw.strip())


def region_of(row: str, position: int) -> tuple[int, int]:
    """(column, end column) of everything between the pipes of a cell."""
    pipes = [i for i, c in enumerate(row) if c == "|"]
    return pipes[position] + 2, pipes[position + 1] + 1


def found(text, *extra):
    return check(doc(text), tuple(extra))


def one(text):
    result = found(text)
    assert len(result) == 1, [(d.code, d.message) for d in result]
    return result[0]


def place(d):
    assert d.span.start_line == d.span.end_line
    return d.span.start_line, d.span.start_column, d.span.end_column


# -- observation number ----------------------------------------------------------


@pytest.mark.parametrize("number", ["0", "1000", "007", "-3", "3a", "three", "+3", "3.0"])
def test_observation_number_is_1_to_999_in_plain_digits(number):
    text, line, row = replaced(row_with(number=number))
    d = one(text)
    assert (d.code, d.name, d.severity) == ("PL207", "observation-bad-format", Severity.ERROR)
    assert place(d) == (line, *cell_of(row, 1))
    assert d.message == NUMBER_MESSAGE.format(f'"{number}"')


@pytest.mark.parametrize("number", ["1", "9", "10", "999", "500"])
def test_observation_numbers_allowed(number):
    assert found(replaced(row_with(number=number))[0]) == []


def test_blank_observation_number_points_at_the_empty_cell():
    text, line, row = replaced("|            |              | FGS-1, GS#3  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |")
    d = one(text)
    assert d.code == "PL207"
    assert place(d) == (line, *region_of(row, 1))
    assert d.message == NUMBER_MESSAGE.format("nothing")


# -- template -------------------------------------------------------------------


def test_blank_template_points_at_the_empty_cell():
    text, line, row = replaced("|            | 3            | FGS-1, GS#3  |                     | (1) LMC-ASTROMETRIC  |")
    d = one(text)
    assert (d.code, d.name) == ("PL207", "observation-bad-format")
    assert place(d) == (line, *region_of(row, 3))
    assert d.message == 'the Observing Template cell is empty; name the APT template, such as "NIRCam Imaging"'


def test_any_non_empty_template_passes_the_schema():
    # whether the template is known is a rule's business, not the schema's
    assert found(replaced(row_with(template="Some Future Template"))[0]) == []


# -- target ---------------------------------------------------------------------


@pytest.mark.parametrize("target", ["1) GD153", "GD153", "(1)", "()", "(1 GD153", "none"])
def test_target_not_n_name_is_reported_at_the_cell(target):
    text, line, row = replaced(row_with(target=target))
    d = one(text)
    assert (d.code, d.name, d.severity) == ("PL307", "target-bad-format", Severity.ERROR)
    assert place(d) == (line, *cell_of(row, 4))
    assert d.message == TARGET_MESSAGE.format(f'"{target}"')


@pytest.mark.parametrize("number", ["0", "1000", "01", "x", "", "-1"])
def test_target_number_out_of_range_is_reported_at_the_number(number):
    target = f"({number}) GD153"
    text, line, row = replaced(row_with(target=target))
    d = one(text)
    assert d.code == "PL307"
    column = row.index(target) + 2  # just inside the parenthesis
    assert place(d) == (line, column, column + len(number))
    assert d.message == TARGET_MESSAGE.format(f'"{target}"')


def test_blank_target_cell():
    text, line, row = replaced("|            | 3            | FGS-1, GS#3  | NIRCam Imaging      |                      |")
    d = one(text)
    assert d.code == "PL307"
    assert place(d) == (line, *region_of(row, 4))
    assert d.message == TARGET_MESSAGE.format("nothing")


@pytest.mark.parametrize("target", ["NONE", "(1) GD153", "(999) BD+65-1248", "(12)WD1057+719", "(7) muCol-BKG"])
def test_targets_allowed(target):
    assert found(replaced(row_with(target=target))[0]) == []


@pytest.mark.parametrize("name", ["LMC ASTROMETRIC", "X", "A" * 32, "GD153*", "Ç-star"])
def test_target_name_breaking_apt_rules_is_a_warning_at_the_name(name):
    target = f"(1) {name}"
    text, line, row = replaced(row_with(target=target))
    d = one(text)
    assert (d.code, d.name, d.severity) == ("PL310", "target-name-apt", Severity.WARNING)
    column = row.index(name) + 1
    assert place(d) == (line, column, column + len(name))
    assert d.message == APT_MESSAGE.format(f'"{name}"')


def test_bad_number_and_bad_name_are_two_findings():
    target = "(0) LMC ASTRO"
    text, line, row = replaced(row_with(target=target))
    result = found(text)
    assert [(d.code, d.severity) for d in result] == [("PL307", Severity.ERROR), ("PL310", Severity.WARNING)]
    assert place(result[0])[1] == row.index("(0)") + 2
    assert place(result[1])[1] == row.index("LMC ASTRO") + 1


# -- rows -----------------------------------------------------------------------


def test_short_row_gives_no_schema_finding():
    # the parser reports the missing cells (PL011); null fields are allowed
    text, _, _ = replaced("|            | 3            | FGS-1, GS#3  |")
    assert found(text) == []


def test_each_bad_row_is_reported():
    text = BASE.replace("| 4            |", "| 4000         |").replace("| 6            |", "| six          |")
    result = found(text)
    lines = text.split("\n")
    assert [(d.code, d.span.start_line) for d in result] == [
        ("PL207", next(n for n, l in enumerate(lines, 1) if "| 4000 " in l)),
        ("PL207", next(n for n, l in enumerate(lines, 1) if "| six " in l)),
    ]


def test_the_user_seed_is_clean():
    assert found(USER_SEED.read_text(encoding="utf-8")) == []
