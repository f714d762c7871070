"""Front-matter schema checks: each constraint broken once, asserted at the
exact line, columns, code and message.  Expected columns are read off the
document text, never off proglint's output."""

import pytest

from proglint.diagnostic import Severity
from proglint.schema import check
from proglint.schema import codes

from conftest import SEEDS, doc

BASE = (SEEDS / "1071.txt").read_text(encoding="utf-8")
FRONT = BASE.split("---\n")[1]  # the nine key lines of the real document


def with_line(key: str, line: str | None) -> str:
    """The real document with the front-matter line of ``key`` replaced
    (``None`` removes it)."""
    lines = BASE.split("\n")
    index = next(i for i, text in enumerate(lines) if text.startswith(key + ":"))
    if line is None:
        del lines[index]
    else:
        lines[index] = line
    return "\n".join(lines)


def with_extra(*extra: str) -> str:
    """The real document with lines added at the end of the front matter."""
    lines = BASE.split("\n")
    closing = lines.index("---", 1)
    return "\n".join(lines[:closing] + list(extra) + lines[closing:])


def where(text: str, line_start: str, needle: str, occurrence: int = 0) -> tuple[int, int, int]:
    """(line, column, end column) of ``needle`` on the ``occurrence``-th line
    starting with ``line_start``."""
    numbered = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.startswith(line_start)]
    number, line = numbered[occurrence]
    column = line.index(needle, 0 if line_start.startswith(needle) else len(line_start)) + 1
    return number, column, column + len(needle)


def found(text: str, *extra):
    return check(doc(text), tuple(extra))


def one(text: str):
    result = found(text)
    assert len(result) == 1, [(d.code, d.message) for d in result]
    return result[0]


def place(d) -> tuple[int, int, int]:
    assert d.span.start_line == d.span.end_line
    return d.span.start_line, d.span.start_column, d.span.end_column


# --------------------------------------------------------------------------


def test_the_real_front_matter_is_clean():
    assert found(BASE) == []


def test_cycle_as_a_word_is_a_bad_format_at_the_value():
    text = with_line("cycle", 'cycle: "two"')
    d = one(text)
    assert (d.code, d.name, d.severity) == ("PL107", "front-matter-bad-format", Severity.ERROR)
    assert place(d) == where(text, "cycle:", '"two"')
    assert d.message == 'cycle must be a whole number (0 for commissioning, 1 and up for later cycles), or empty; found "two"'
    assert d.path == "doc.txt"


@pytest.mark.parametrize(
    "value, code",
    [
        ("-1", "PL106"),  # a YAML integer below 0: the minimum of the integer branch
        ('"-1"', "PL107"),  # digit strings have no sign
        ('"05"', "PL107"),  # digit strings are written without leading zeros
        ('"1.0"', "PL107"),
        ("true", "PL104"),  # every alternative fails on the type: wrong type
        ("[1, 2]", "PL104"),
        ("2.5", "PL104"),
    ],
)
def test_cycle_out_of_range_or_of_the_wrong_type(value, code):
    text = with_line("cycle", f"cycle: {value}")
    d = one(text)
    assert d.code == code
    assert place(d) == where(text, "cycle:", value)
    shown = value if not value.startswith("[") else "a list"
    assert d.message == f"cycle must be a whole number (0 for commissioning, 1 and up for later cycles), or empty; found {shown}"


@pytest.mark.parametrize("value", ["", ' ""', " ~", " null", " 0", " 5", ' "3"', " 012", " 6", ' "6"', " 99", ' "12"', " 1.0"])
def test_the_schema_fixes_no_largest_cycle(value):
    # Which cycles exist is the vocabulary's (PL111, unknown-cycle), so 6 and "6"
    # get the same code there and none here; 1.0 is a JSON whole number, and PL111's
    assert found(with_line("cycle", f"cycle:{value}")) == []


@pytest.mark.parametrize(
    "value, code",
    [("0", "PL106"), ("-5", "PL106"), ('"0"', "PL107"), ('"01071"', "PL107"), ("abc", "PL107"), ("1.5", "PL104"),
     # program ids have 1 to 5 digits (the domain's NAMES; file names zero-pad them to 5)
     # a number of more digits than Python converts (4,300) is kept as its text, so it is judged as a string
     ("100000", "PL106"), ('"100000"', "PL107"), ("9" * 5_000, "PL107"), ('"' + "9" * 5_000 + '"', "PL107")],
)
def test_id_must_be_a_positive_whole_number(value, code):
    text = with_line("id", f"id: {value}")
    d = one(text)
    assert d.code == code
    assert place(d) == where(text, "id:", value)
    shown = f'"{value}"' if value == "abc" else value
    if len(value) > 60:  # shown as text, clipped to 60 characters (messages.MAX_SHOWN)
        shown = '"' + "9" * 59 + '…"'
    assert d.message == f"id must be the program ID, a whole number from 1 to 99999 (such as 1071); found {shown}"


@pytest.mark.parametrize("value", ["1071", '"1071"', "'1071'", "0x42F", "1", '"1"', "99999", '"99999"'])
def test_id_as_integer_or_digit_string(value):
    assert found(with_line("id", f"id: {value}")) == []


def test_id_left_empty_is_the_wrong_type_at_the_point_after_the_colon():
    text = with_line("id", "id:")
    d = one(text)
    assert d.code == "PL104"
    line = where(text, "id:", "id:")[0]
    assert place(d) == (line, len("id:") + 1, len("id:") + 1)
    assert d.message == "id must be the program ID, a whole number from 1 to 99999 (such as 1071); found nothing"


@pytest.mark.parametrize("value", ['"9"', "24", '"twelve"', "-3"])
def test_exclusive_access_period_is_0_3_6_or_12(value):
    text = with_line("exclusive_access_period_months", f"exclusive_access_period_months: {value}")
    d = one(text)
    assert (d.code, d.name) == ("PL105", "front-matter-value-not-allowed")
    assert place(d) == where(text, "exclusive_access_period_months:", value)
    assert d.message == f"exclusive_access_period_months must be 0, 3, 6 or 12 (months), or empty; found {value}"


@pytest.mark.parametrize("value", ['""', "", "0", '"3"', "6", '"12"'])
def test_exclusive_access_period_allowed(value):
    assert found(with_line("exclusive_access_period_months", f"exclusive_access_period_months: {value}".rstrip())) == []


@pytest.mark.parametrize("value, code", [("-1", "PL106"), ('"-1"', "PL107"), ('"about 3"', "PL107"), ("no", "PL107")])
def test_prime_parallel_time_is_a_non_negative_number(value, code):
    text = with_line("prime_parallel_time_hours", f"prime_parallel_time_hours: {value}")
    d = one(text)
    assert d.code == code
    assert place(d) == where(text, "prime_parallel_time_hours:", value)
    shown = '"no"' if value == "no" else value  # plain `no` is text under YAML 1.2
    assert d.message == (
        "prime_parallel_time_hours must be a number of hours, 0 or more (such as 12.5), or empty; found " + shown
    )


@pytest.mark.parametrize("value", ['""', "0", "12.5", '"12.5"', '"0.5"', '".5"', "1e2", '"3"'])
def test_prime_parallel_time_allowed(value):
    assert found(with_line("prime_parallel_time_hours", f"prime_parallel_time_hours: {value}")) == []


@pytest.mark.parametrize("value, code, shown", [('""', "PL107", "nothing"), ('"   "', "PL107", '"   "'), ("", "PL104", "nothing")])
def test_program_title_must_not_be_empty(value, code, shown):
    text = with_line("program_title", f"program_title: {value}".rstrip())
    d = one(text)
    assert d.code == code
    line = where(text, "program_title:", "program_title:")[0]
    if value:
        assert place(d) == where(text, "program_title:", value)
    else:  # a blank value is a point just after the colon
        assert place(d) == (line, len("program_title:") + 1, len("program_title:") + 1)
    assert d.message == f"program_title must be the program's title, not empty; found {shown}"


@pytest.mark.parametrize("key", ["instrument_mode", "pi_and_co_pis", "type"])
def test_free_text_keys_must_be_text(key):
    text = with_line(key, f"{key}: [a, b]")
    d = one(text)
    assert d.code == "PL104"
    assert place(d) == where(text, f"{key}:", "[a, b]")
    assert d.message == f"{key} must be text, or empty; found a list"


@pytest.mark.parametrize("key", ["instrument_mode", "pi_and_co_pis", "type"])
def test_free_text_keys_take_any_text_or_nothing(key):
    assert found(with_line(key, f"{key}: NIRCam imaging; yes")) == []
    assert found(with_line(key, f"{key}:")) == []


def test_a_number_where_text_is_expected_is_shown_as_written():
    text = with_line("type", "type: 0x1F")
    d = one(text)
    assert d.message == "type must be text, or empty; found 0x1F"


# -- proposal_type ------------------------------------------------------------

KNOWN_TYPES = [
    "GO", "GTO", "DD", "ERS", "AR", "ENG", "NASA", "SURVEY", "go", "Gto",
    "CAL/NIRCAM", "COM/NIRCAM", "COM/NIRCam", "cal/miri", "CAL/NIRSPEC", "CAL/NIRISS", "CAL/FGS",
    "CAL/CROSS", "COM/OTE", "COM/ERO", "calibration", "Calibration", "COMMISSIONING", "engineering",
    "general observer", "guaranteed time observer", "director's discretionary", "Director’s Discretionary",
    "early release science", "archival research", "survey",
]


@pytest.mark.parametrize("value", KNOWN_TYPES)
def test_known_proposal_types(value):
    quoted = '"' + value + '"' if "'" in value else "'" + value + "'"
    assert found(with_line("proposal_type", f"proposal_type: {quoted}")) == []


@pytest.mark.parametrize("value", ['""', "", "~"])
def test_proposal_type_may_be_empty(value):
    assert found(with_line("proposal_type", f"proposal_type: {value}".rstrip())) == []


@pytest.mark.parametrize("value", ['"CAL/NIRCAMM"', '"CAL"', '"GO "', '"CAL/"', '"Calibrations"', "Treasury"])
def test_unknown_proposal_type_is_a_warning(value):
    text = with_line("proposal_type", f"proposal_type: {value}")
    d = one(text)
    assert (d.code, d.name, d.severity) == ("PL110", "unknown-proposal-type", Severity.WARNING)
    assert place(d) == where(text, "proposal_type:", value)
    shown = value if value.startswith('"') else f'"{value}"'
    assert d.message == (
        f"unknown proposal type {shown}: known types are GO, GTO, DD, ERS, AR, ENG, NASA, SURVEY, "
        'CAL/<instrument>, COM/<instrument> and words such as "calibration" or "commissioning"; check the spelling'
    )


def test_proposal_type_of_the_wrong_type_is_an_error_not_the_warning():
    text = with_line("proposal_type", "proposal_type: 5")
    d = one(text)
    assert (d.code, d.severity) == ("PL104", Severity.ERROR)
    assert place(d) == where(text, "proposal_type:", "5")
    assert d.message == 'proposal_type must be text such as "GO" or "CAL/NIRCAM", or empty; found 5'


# -- keys ---------------------------------------------------------------------


def test_unknown_key_at_the_key_with_did_you_mean():
    text = with_line("program_title", 'programme_title: "NIRCam Absolute FGS-NIRCam Alignment"')
    result = found(text)
    unknown = [d for d in result if d.code == "PL101"]
    # one mistake, one finding: the misspelt key names the missing key it
    # stands for (no separate PL102 'missing key' for program_title)
    assert len(result) == 1
    assert unknown[0].name == "front-matter-unknown-key"
    assert place(unknown[0]) == where(text, "programme_title:", "programme_title")
    assert unknown[0].message == (
        "unknown key 'programme_title' in the front matter; did you mean 'program_title', which is missing?"
    )
    assert [(e.span, e.text) for e in unknown[0].fix.edits] == [(unknown[0].span, "program_title")]


def test_each_unknown_key_is_reported_at_its_own_key():
    text = with_extra("Cycle: 1", "zzz_notes: hello", "typ: x")
    result = found(text)
    assert [d.code for d in result] == ["PL101"] * 3
    assert [place(d) for d in result] == [
        where(text, "Cycle:", "Cycle"),
        where(text, "zzz_notes:", "zzz_notes"),
        where(text, "typ:", "typ"),
    ]
    assert result[0].message == "unknown key 'Cycle' in the front matter; did you mean 'cycle'?"
    assert result[1].message == (
        "unknown key 'zzz_notes' in the front matter; the known keys are id, proposal_type, cycle, "
        "exclusive_access_period_months, instrument_mode, pi_and_co_pis, prime_parallel_time_hours, program_title, type"
    )
    assert result[2].message == "unknown key 'typ' in the front matter; did you mean 'type'?"


def test_missing_keys_at_the_opening_line_one_each():
    text = with_line("type", None)
    text = text.replace('cycle: "0"\n', "")
    result = found(text)
    assert [(d.code, d.name) for d in result] == [("PL102", "front-matter-missing-key")] * 2
    assert {place(d) for d in result} == {(1, 1, 4)}
    assert sorted(d.message for d in result) == [
        "missing key 'cycle' in the front matter",
        "missing key 'type' in the front matter",
    ]


def test_an_empty_front_matter_lacks_all_nine_keys():
    text = "---\n---" + BASE.split("---", 2)[2]
    result = found(text)
    assert len(result) == 9
    assert {(d.code, place(d)) for d in result} == {("PL102", (1, 1, 4))}


def test_duplicate_key_at_the_second_occurrence_naming_the_first_line():
    text = with_extra('cycle: "1"')
    d = one(text)
    first_line = where(text, "cycle:", "cycle")[0]
    assert (d.code, d.name) == ("PL103", "front-matter-duplicate-key")
    assert place(d) == where(text, "cycle:", "cycle", occurrence=1)
    assert d.message == (
        f"duplicate key 'cycle' in the front matter: it is first given on line {first_line}, "
        "and only that value is checked; keep one of the two"
    )
    assert d.related[0].span.start_line == first_line


def test_the_first_of_two_values_is_the_one_checked():
    text = with_extra('cycle: "two"')
    assert [d.code for d in found(text)] == ["PL103"]
    text = with_line("cycle", 'cycle: "two"') .replace('type: ""', 'type: ""\ncycle: "1"')
    assert sorted(d.code for d in found(text)) == ["PL103", "PL107"]


def test_duplicates_in_nested_mappings():
    text = with_line("type", 'type: ""\nnotes:\n  a: 1\n  a: 2')
    result = found(text)
    duplicate = [d for d in result if d.code == "PL103"]
    assert len(duplicate) == 1
    line = text.split("\n").index("  a: 2") + 1
    assert place(duplicate[0]) == (line, 3, 4)
    assert duplicate[0].message.startswith("duplicate key 'a' under 'notes' in the front matter: it is first given on line")


def test_no_schema_findings_when_the_front_matter_cannot_be_read():
    # the parser reports these; the schema stage adds nothing about them
    assert found(BASE.replace('cycle: "0"', 'cycle: "0')) == []  # invalid YAML
    assert found("# 1071 - T\n" + BASE.split("---\n", 2)[2]) == []  # no front matter
    assert found(BASE.replace(FRONT, "- a\n- b\n")) == []  # not a mapping


def test_codes_of_front_matter_findings_are_registered():
    text = with_line("cycle", 'cycle: "two"')
    for d in found(text):
        info = codes.BY_CODE[d.code]
        assert (info.name, info.severity) == (d.name, d.severity)
