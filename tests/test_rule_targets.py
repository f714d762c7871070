"""rules/targets.py: PL320 target-number-conflict, PL321 target-name-conflict,
PL322 target-name-case, PL323 target-none-not-allowed, PL324 target-numbering-order."""


from proglint.config import Config, Layer
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import diagnostics, seeds_concise, column_of, findings, line_of, seed_text

SEED = seed_text()
NRM = seed_text("1093.txt")
CODES = ("PL320", "PL321", "PL322", "PL323", "PL324")


def edit(text: str, line: int, old: str, new: str) -> str:
    """Replace the first ``old`` on one line only."""
    lines = text.split("\n")
    assert old in lines[line - 1], (old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def last_column_of(text: str, line: int, needle: str) -> int:
    """1-based column of the last ``needle`` on ``line`` (the target, not the folder)."""
    return text.split("\n")[line - 1].rindex(needle) + 1


def all_codes(text: str, config: Config | None = None):
    found = lint(Source.from_text("doc.txt", text), config or Config())
    return [(d.code, d.span.start_line) for d in active(found) if d.code in CODES]


def select_all() -> Config:
    return Config(layers=(Layer(select=CODES),))


def select_consistency() -> Config:
    """Every target rule except the numbering house style."""
    return Config(layers=(Layer(select=CODES[:4]),))


# --------------------------------------------------------------------------
# PL320 target-number-conflict


def test_a_number_naming_another_target_is_reported_at_the_name():
    lds = line_of(SEED, "| LDS749B   | 8 ")
    row = line_of(SEED, "| WD1057+719 | 9 ")
    home = line_of(SEED, "| 12          |")
    text = edit(SEED, row, "(3) WD1057+719", "(2) WD1057+719")
    column = last_column_of(text, row, "WD1057+719")
    assert findings(text, "PL320") == [
        (row, column, column + len("WD1057+719"),
         f"target 2 is LDS749B on line {lds}, here it names WD1057+719; WD1057+719 is target 3 on line {home}"),
    ]
    (diagnostic,) = diagnostics(text, "PL320")
    assert diagnostic.severity.value == "error"
    (related,) = diagnostic.related
    first = last_column_of(text, lds, "LDS749B")
    assert (related.span.start_line, related.span.start_column, related.span.end_column) == (lds, first, first + 7)
    assert related.message == "target 2 is LDS749B here"  # the number's target, by majority


def test_a_mixed_row_is_reported_once_by_the_number_rule():
    # (2) WD1057+719 mixes LDS749B's number with WD1057+719's name: PL320
    # reports it; PL321 leaves the row alone rather than report it twice.
    row = line_of(SEED, "| WD1057+719 | 9 ")
    text = edit(SEED, row, "(3) WD1057+719", "(2) WD1057+719")
    assert all_codes(text, select_consistency()) == [("PL320", row)]


def test_a_new_name_under_a_used_number_gets_a_free_number_suggested():
    lds = line_of(SEED, "| LDS749B   | 8 ")
    row = line_of(SEED, "| 13          |")
    text = edit(SEED, row, "(2) LDS749B", "(2) HD-37093")
    column = text.split("\n")[row - 1].index("HD-37093") + 1
    assert findings(text, "PL320") == [
        (row, column, column + len("HD-37093"),
         f"target 2 is LDS749B on line {lds}, here it names HD-37093; give HD-37093 a number of its own (9 is free)"),
    ]


def test_near_miss_repeated_targets_and_variants_do_not_conflict():
    # 1093 repeats (1) AB-DOR and (2) HD-37093 on rows without folders;
    # seed 000 has muCol, muCol-WBKG and muCol-BKG, three targets, three numbers.
    assert findings(NRM, "PL320") == []
    assert findings(SEED, "PL320") == []


def test_near_miss_a_case_only_difference_under_one_number_is_not_a_conflict():
    row = line_of(SEED, "| 13          |")
    text = edit(SEED, row, "(2) LDS749B", "(2) lds749b")
    assert findings(text, "PL320") == []


def test_near_miss_numbers_the_schema_rejects_are_left_to_it():
    row = line_of(SEED, "| 13          |")
    text = edit(SEED, row, "(2) LDS749B", "(02) WD1057+719")
    assert all_codes(text, select_all()) == []


# --------------------------------------------------------------------------
# PL321 target-name-conflict


def test_a_name_with_a_second_number_is_reported_at_the_number():
    first = line_of(NRM, "| 1            |")
    row = line_of(NRM, "| 9            |")
    text = edit(NRM, row, "(1) AB-DOR", "(6) AB-DOR")
    column = column_of(text, row, "(6)") + 1
    assert findings(text, "PL321") == [
        (row, column, column + 1, f"AB-DOR is target 1 on line {first}, here it is numbered 6; one target has one number"),
    ]
    (diagnostic,) = diagnostics(text, "PL321")
    assert diagnostic.severity.value == "error"
    (related,) = diagnostic.related
    number = column_of(text, first, "(1)") + 1
    assert (related.span.start_line, related.span.start_column, related.span.end_column) == (first, number, number + 1)
    assert all_codes(text, select_all()) == [("PL321", row)]


def test_names_differing_only_in_case_with_two_numbers_are_an_error():
    first = line_of(NRM, "| 1            |")
    row = line_of(NRM, "| 9            |")
    text = edit(NRM, row, "(1) AB-DOR", "(6) ab-dor")
    column = column_of(text, row, "(6)") + 1
    assert findings(text, "PL321") == [
        (row, column, column + 1,
         f"ab-dor is numbered 6 here, but target 1 on line {first} is AB-DOR; APT does not allow two targets "
         "whose names differ only in case, so use one number and one spelling, or rename one of them"),
    ]


def test_near_miss_1093_repeats_targets_without_folders():
    assert findings(NRM, "PL321") == []
    assert all_codes(NRM, select_all()) == []


def test_near_miss_numbers_out_of_first_appearance_order_are_consistent():
    # 1144 lists (3) before (2); 1063 uses (9), (10), (11): one name, one number each.
    text = NRM.replace("(1) AB-DOR", "(9) AB-DOR").replace("(2) HD-37093", "(11) HD-37093")
    text = text.replace("(3) HD-39567", "(10) HD-39567")
    assert all_codes(text) == []
    assert [c for c, _ in all_codes(text, select_all())] == ["PL324"] * 3


# --------------------------------------------------------------------------
# PL322 target-name-case


def test_a_second_spelling_of_one_target_is_a_warning():
    first = line_of(SEED, "| GD153     | 1 ")
    row = line_of(SEED, "| 16          |")
    text = edit(SEED, row, "(1) GD153", "(1) gd153")
    column = column_of(text, row, "gd153")
    assert findings(text, "PL322") == [
        (row, column, column + 5,
         f"target 1 is written GD153 on line {first}, here gd153; write it GD153 everywhere, as in APT's target list"),
    ]
    (diagnostic,) = diagnostics(text, "PL322")
    assert diagnostic.severity.value == "warning"


def test_near_miss_variants_are_other_targets_not_other_spellings():
    # muCol, muCol-WBKG and muCol-BKG are three targets (5), (6), (7).
    assert findings(SEED, "PL322") == []


# --------------------------------------------------------------------------
# PL323 target-none-not-allowed

NONE_DOC = """\
---
id: 1164
proposal_type: "COM/NIRSPEC"
cycle: "0"
exclusive_access_period_months: "0"
instrument_mode: ""
pi_and_co_pis: ""
prime_parallel_time_hours: ""
program_title: "NIRSpec Internal Lamps"
type: ""
---
# 1164 - NIRSpec Internal Lamps
https://www.stsci.edu/jwst/science-execution/program-information?id=1164
## OBSERVATIONS TABLE

| Folder | Observation | Label           | Observing Template     | Science Target |
| :----- | :---------- | :-------------- | :--------------------- | :------------- |
|        | 1           | lamp flat       | NIRSpec Internal Lamp  | NONE           |
|        | 2           | lamp flat       | NIRSpec Internal Lamp  | NONE           |
|        | 3           | commanding      | Realtime Commanding    | NONE           |
|        | 4           | dark            | NIRSpec Dark           | NONE           |
|        | 5           | ref             | NIRSpec Imaging        | (2) HD-37093   |
|        | 6           | typo            | NIRSpec Internl Lamp   | NONE           |

---

## ABSTRACT

Internal lamp exposures.

---

## OBSERVING DESCRIPTION

Lamps.
"""


def test_none_under_a_template_that_observes_a_target_is_a_warning():
    row = line_of(NONE_DOC, "| 5           |")
    text = edit(NONE_DOC, row, "(2) HD-37093", "NONE        ")
    column = column_of(text, row, "NONE")
    assert findings(text, "PL323") == [
        (row, column, column + 4,
         "NIRSpec Imaging observes a target, so the Science Target cannot be NONE; write it as (N) NAME "
         "(only templates without a target, such as NIRSpec Internal Lamp, take NONE)"),
    ]
    (diagnostic,) = diagnostics(text, "PL323")
    assert diagnostic.severity.value == "warning"


def test_templates_are_recognised_through_case_and_aliases():
    text = edit(NONE_DOC, line_of(NONE_DOC, "| 5           |"), "(2) HD-37093", "NONE        ")
    row = line_of(text, "| 5           |")
    text = edit(text, row, "NIRSpec Imaging", "nirspec  imaging")
    assert [line for line, *_ in findings(text, "PL323")] == [row]
    assert findings(SEED.replace("(1) GD153", "NONE", 1), "PL323")[0][3].startswith("MIRI Imaging observes a target")


def test_near_miss_none_with_internal_optional_and_unknown_templates():
    # NIRSpec Internal Lamp and NIRSpec Dark take no target, Realtime
    # Commanding an optional one; an unknown template is the template rules' to report.
    assert findings(NONE_DOC, "PL323") == []
    assert all_codes(NONE_DOC, select_consistency()) == []
    # like 1164, the only target is (2): fine unless the house style is selected
    assert all_codes(NONE_DOC) == []


def test_near_miss_a_real_target_under_a_template_that_allows_none_is_not_reported():
    row = line_of(NONE_DOC, "| 1           |")
    text = edit(NONE_DOC, row, "NONE          ", "(2) HD-37093  ")
    assert findings(text, "PL323") == []


# --------------------------------------------------------------------------
# PL324 target-numbering-order (info, off by default)


def test_numbering_out_of_first_appearance_order_when_selected():
    text = NRM.replace("(1) AB-DOR", "(9) AB-DOR").replace("(2) HD-37093", "(10) HD-37093")
    text = text.replace("(3) HD-39567", "(11) HD-39567")
    a, b, c = line_of(text, "(9) AB-DOR"), line_of(text, "(10) HD-37093"), line_of(text, "(11) HD-39567")
    ca, cb, cc = column_of(text, a, "9)"), column_of(text, b, "10)"), column_of(text, c, "11)")
    rule = "house style numbers targets 1, 2, 3 ... in order of first appearance, which makes it"
    assert findings(text, "PL324") == [
        (a, ca, ca + 1, f"AB-DOR is the 1st target to appear but is numbered 9; {rule} 1"),
        (b, cb, cb + 2, f"HD-37093 is the 2nd target to appear but is numbered 10; {rule} 2"),
        (c, cc, cc + 2, f"HD-39567 is the 3rd target to appear but is numbered 11; {rule} 3"),
    ]
    assert {d.severity.value for d in diagnostics(text, "PL324")} == {"info"}


def test_three_listed_before_two_when_selected():
    text = NRM.replace("(2) HD-37093", "(X) HD-37093").replace("(3) HD-39567", "(2) HD-39567")
    text = text.replace("(X) HD-37093", "(3) HD-37093")
    b, c = line_of(text, "(3) HD-37093"), line_of(text, "(2) HD-39567")
    assert [(line, message.split(";")[0]) for line, _, _, message in findings(text, "PL324")] == [
        (b, "HD-37093 is the 2nd target to appear but is numbered 3"),
        (c, "HD-39567 is the 3rd target to appear but is numbered 2"),
    ]


def test_near_miss_default_config_accepts_real_numbering():
    # Real programs number 9, 10, 11 (1063) or list 3 before 2 (1144):
    # with the default configuration, nothing is reported.
    nine = NRM.replace("(1) AB-DOR", "(9) AB-DOR").replace("(2) HD-37093", "(10) HD-37093")
    nine = nine.replace("(3) HD-39567", "(11) HD-39567")
    swapped = NRM.replace("(2) HD-37093", "(X) HD-37093").replace("(3) HD-39567", "(2) HD-39567")
    swapped = swapped.replace("(X) HD-37093", "(3) HD-37093")
    for text in (nine, swapped):
        assert all_codes(text) == []


def test_near_miss_seeds_and_repeats_follow_the_house_style():
    # seed 000 numbers 1-8 by first appearance; 1093 repeats targets in later rows.
    assert findings(SEED, "PL324") == []
    assert findings(NRM, "PL324") == []


# --------------------------------------------------------------------------


def test_proglint_seeds_reports_nothing_from_these_rules():
    assert not [line for line in seeds_concise() if any(code in line for code in CODES)]


def test_seeds_are_clean_even_with_every_target_rule_selected():
    for name in ("000_223d96fec14c6a4f.txt", "1071.txt", "1093.txt", "1141.txt", "1366.txt"):
        assert all_codes(seed_text(name), select_all()) == [], name
