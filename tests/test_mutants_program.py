"""rules/program.py (PL111-PL114, PL520-PL522) and rules/_program.py: the
behaviour mutation testing found unpinned (benchmarks/mutation.py): the
related place naming proposal_type, front-matter keys that are missing,
cycles written with 18, 19 or more digits, a team's cycle list that is not
a run, the title taken from the front matter (plain, quoted, indented),
a team's activity id of two types, one finding per template with its row
count, the templates PL522 lists, and a type padded to 200 characters."""

from __future__ import annotations

from pathlib import Path

from proglint.config import Config, Layer
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import line_of, program_document, seed_text

HEADING = "# 1366 - The Transiting Exoplanet Community Early Release Science Program"


def found(text: str, code: str, vocabulary: tuple[Path, ...] = ()) -> list[tuple]:
    """Every active finding of one selected code with its related places,
    and any crash (PL901)."""
    config = Config(layers=(Layer(select=(code,)),), rule_time_budget=None, vocabulary=vocabulary)
    return [
        (d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message,
         tuple((r.span.start_line, r.span.start_column, r.span.end_column, r.message) for r in d.related))
        for d in active(lint(Source.from_text("doc.txt", text), config))
    ]


def seed(**values: str) -> str:
    """Seed 1366 with front-matter values replaced; a value of None drops the key."""
    lines = seed_text("1366.txt").split("\n")
    for key, value in values.items():
        index = next(i for i, text in enumerate(lines) if text.startswith(key + ":"))
        if value is None:
            del lines[index]
        else:
            lines[index] = f"{key}: {value}"
    return "\n".join(lines)


def value_of(text: str, key: str) -> tuple[int, int, int]:
    line = line_of(text, key + ":")
    start = len(key) + 3
    return line, start, start + len(text.split("\n")[line - 1]) - start + 1


def type_note(text: str, shown: str) -> tuple:
    return ((*value_of(text, "proposal_type"), f"proposal_type is {shown}"),)


def table(kind: str, *templates: str) -> str:
    text = program_document(*(("", n, "x", t, "(1) GD153") for n, t in enumerate(templates, 1)))
    return text.replace('proposal_type: "calibration"', f"proposal_type: {kind}")


def template_cell(text: str, number: int, template: str) -> tuple[int, int, int]:
    line = next(i for i, row in enumerate(text.split("\n"), 1) if row.startswith(f"|  | {number} |"))
    column = text.split("\n")[line - 1].index(template) + 1
    return line, column, column + len(template)


# -- missing front-matter keys -------------------------------------------------------------


def test_a_document_without_proposal_type_cycle_or_period_is_skipped():
    no_type = seed(proposal_type=None, cycle='"0"', exclusive_access_period_months='"12"').replace(
        HEADING, "# 1366 - CAL-FLUX-202 Test")
    for code in ("PL112", "PL113", "PL114", "PL520", "PL521", "PL522"):
        assert found(no_type, code) == [], code
    go = seed(proposal_type='"GO"', cycle=None, exclusive_access_period_months=None)
    assert found(go, "PL112") == []
    assert found(go, "PL113") == []


# -- PL111 --------------------------------------------------------------------------------


def test_eighteen_digits_are_a_number_and_nineteen_are_too_many():
    text = seed(cycle='"123456789012345678"')
    assert [f[4] for f in found(text, "PL111")] == [
        "cycle 123456789012345678 is not a cycle proglint knows (0 to 5; 0 is commissioning); correct it, or if "
        "cycle 123456789012345678 has begun, add it to a team vocabulary file: cycles: {allowed: [123456789012345678]}"]
    text = seed(cycle='"1234567890123456789"')
    assert found(text, "PL111") == [
        ("PL111", *value_of(text, "cycle"), "cycle 1234567890123456789... is not a cycle proglint knows (0 to 5)", ())]
    text = seed(cycle='"12345678901234567890123"')
    assert found(text, "PL111") == [
        ("PL111", *value_of(text, "cycle"), "cycle 12345678901234567890... is not a cycle proglint knows (0 to 5)", ())]


def test_a_cycle_that_is_no_number_is_the_schemas():
    assert found(seed(cycle='"two"'), "PL111") == []


def test_a_team_cycle_list_with_a_gap_is_listed_with_or(tmp_path):
    team = tmp_path / "team-vocab.yaml"
    team.write_text("cycles: {allowed: [7]}\n", encoding="utf-8")
    assert [f[4] for f in found(seed(cycle='"6"'), "PL111", (team,))] == [
        "cycle 6 is not a cycle proglint knows (0, 1, 2, 3, 4, 5 or 7; 0 is commissioning); correct it, or if "
        "cycle 6 has begun, add it to a team vocabulary file: cycles: {allowed: [6]}"]


# -- PL112, PL113: the related place ---------------------------------------------------------


def test_cycle_zero_names_the_type_as_related():
    text = seed(proposal_type='"GO"', cycle='"0"')
    assert found(text, "PL112") == [(
        "PL112", *value_of(text, "cycle"),
        "cycle 0 is the commissioning cycle, but proposal_type says GO, which is not a COM or ENG program; "
        "correct the cycle (or the type)", type_note(text, "GO"))]


def test_a_period_for_a_lower_case_subtyped_type_shows_the_type_as_written():
    text = seed(proposal_type='"cal/nircam"', exclusive_access_period_months='"12"')
    assert found(text, "PL113") == [(
        "PL113", *value_of(text, "exclusive_access_period_months"),
        "exclusive_access_period_months is 12, but proposal_type says cal/nircam: CAL data have no exclusive access "
        "period; write 0 (or correct the type)", type_note(text, "cal/nircam"))]


def test_a_type_padded_to_200_characters_is_read_and_one_of_201_is_not():
    text = seed(proposal_type='"GO' + " " * 198 + '"', cycle='"0"')
    assert [f[1] for f in found(text, "PL112")] == [line_of(text, "cycle:")]
    assert found(seed(proposal_type='"GO' + " " * 199 + '"', cycle='"0"'), "PL112") == []


# -- PL114: the title from the front matter ------------------------------------------------


def activity(text, column, types="CAL", activity_id="CAL-FLUX-202"):
    line = line_of(text, "program_title:")
    return ("PL114", line, column, column + len(activity_id),
            f"the title starts with the activity id {activity_id}, which {types} programs carry, but proposal_type "
            "says GO; check the program type (or the title)", type_note(text, "GO"))


def test_without_a_heading_title_the_front_matters_title_is_read_where_its_text_starts():
    start = len("program_title: ") + 1
    for written, column in (("CAL-FLUX-202 Test", start), ("'CAL-FLUX-202 Test'", start + 1),
                            ('"  CAL-FLUX-202 Test"', start + 3)):
        text = seed(program_title=written, proposal_type='"GO"').replace(HEADING, "# 1366")
        assert found(text, "PL114") == [activity(text, column)], written


def test_a_title_over_two_lines_and_no_title_at_all_are_not_read():
    text = seed(program_title="CAL-FLUX-202\n  continued", proposal_type='"GO"').replace(HEADING, "# 1366")
    assert found(text, "PL114") == []
    assert found(seed(program_title=None, proposal_type='"GO"').replace(HEADING, "# 1366"), "PL114") == []


def test_a_team_activity_id_of_two_types_lists_both(tmp_path):
    team = tmp_path / "team-vocab.yaml"
    team.write_text('activity_ids:\n  - {pattern: "XYZ-[0-9]+", types: [CAL, COM]}\n', encoding="utf-8")
    text = seed(program_title="XYZ-12 Test", proposal_type='"GO"').replace(HEADING, "# 1366")
    assert found(text, "PL114", (team,)) == [activity(text, len("program_title: ") + 1, "CAL or COM", "XYZ-12")]


# -- PL520, PL521: one finding per template ----------------------------------------------------


def test_each_operations_template_once_with_its_row_count():
    text = table('"GO"', "WFSC Global Alignment", "Station Keeping", "WFSC Global Alignment")
    note = type_note(text, "GO")
    assert found(text, "PL520") == [
        ("PL520", *template_cell(text, 1, "WFSC Global Alignment"),
         "WFSC Global Alignment is an observatory-operations template, used by CAL, COM or ENG programs, but "
         "proposal_type says GO (2 rows use it; this is the first); check the program type or the template", note),
        ("PL520", *template_cell(text, 2, "Station Keeping"),
         "Station Keeping is an observatory-operations template, used by CAL, COM or ENG programs, but "
         "proposal_type says GO; check the program type or the template", note),
    ]


def test_an_engineering_template_names_the_type_as_related_after_a_blank_template():
    text = table('"GO"', "", "NIRCam Engineering Imaging")
    assert found(text, "PL521") == [(
        "PL521", *template_cell(text, 2, "NIRCam Engineering Imaging"),
        "NIRCam Engineering Imaging is an engineering (limited-access) template, but proposal_type says GO; science "
        "programs use it only with STScI's approval: check the template or the type, or suppress this line with "
        "the reason", type_note(text, "GO"))]


# -- PL522: the templates listed ---------------------------------------------------------------------

# none of them may run NIRISS in parallel (MIRI Imaging and NIRCam Imaging may)
FIVE = ("MIRI Medium Resolution Spectroscopy", "NIRCam Coronagraphic Imaging", "NIRSpec Fixed Slit Spectroscopy",
        "MIRI Low Resolution Spectroscopy", "NIRSpec IFU Spectroscopy")


def unused_niriss(text, shown):
    return ("PL522", *value_of(text, "proposal_type"),
            f"proposal_type COM/NIRISS names NIRISS, but no observation in the table uses NIRISS (its templates: "
            f"{shown}); correct the type's instrument, or the table",
            ((*template_cell(text, 1, FIVE[0]), "the table's first template"),))


def test_five_templates_are_four_and_one_more():
    text = table('"COM/NIRISS"', *FIVE)
    assert found(text, "PL522") == [unused_niriss(text, ", ".join(FIVE[:3]) + " and " + FIVE[3] + " and 1 more")]


def test_four_templates_are_all_listed():
    text = table('"COM/NIRISS"', *FIVE[:4])
    assert found(text, "PL522") == [unused_niriss(text, ", ".join(FIVE[:3]) + " and " + FIVE[3])]


# -- rules/_program.py: the instruments a template reaches ------------------------------------------


def test_a_label_exception_belongs_to_its_own_template_only():
    assert found(program_document(("FGS tests", 1, "x", "NIRCam Imaging", "(1) GD153")), "PL405") == []
    text = program_document(("FGS tests", 1, "x", "MIRI Imaging", "(1) GD153"))
    line = line_of(text, "| FGS tests |")
    assert found(text, "PL405") == [(
        "PL405", line, 3, 6,
        "folder 'FGS tests' names FGS, but its one observation does not use FGS (the folder holds MIRI Imaging); "
        "rename the folder or move the observations", ())]


def test_a_row_without_its_template_cell_does_not_stop_the_template_checks():
    # row 1 lacks its Observing Template cell (PL011 reads it as missing, covering row 1 only)
    text = table('"GO"', "MIRI Imaging", "NIRCam Engineering Imaging")
    text = text.replace("|  | 1 | x | MIRI Imaging | (1) GD153 |", "|  | 1 |  | (1) GD153 |")
    assert "|  | 1 |  | (1) GD153 |" in text
    assert found(text, "PL521") == [(
        "PL521", *template_cell(text, 2, "NIRCam Engineering Imaging"),
        "NIRCam Engineering Imaging is an engineering (limited-access) template, but proposal_type says GO; science "
        "programs use it only with STScI's approval: check the template or the type, or suppress this line with "
        "the reason", type_note(text, "GO"))]


def test_the_activity_id_is_read_from_the_first_200_characters_of_the_title():
    # 'OTE-' and 196 digits fill the 200 characters read; the 'A' after them is not read,
    # so it does not join the id into a longer word
    long_id = "OTE-" + "0" * 196
    text = seed(program_title=long_id + "A Test", proposal_type='"GO"').replace(HEADING, "# 1366")
    assert found(text, "PL114") == [activity(text, len("program_title: ") + 1, "COM", long_id)]
    # one digit fewer: the 'A' is inside the 200 characters read (the near miss)
    shorter = "OTE-" + "0" * 195
    text = seed(program_title=shorter + "A Test", proposal_type='"GO"').replace(HEADING, "# 1366")
    assert found(text, "PL114") == []  # 'A' follows inside the window: the id runs into a word
