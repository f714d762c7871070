"""Program-level coherence of the front matter with the table: PL111
unknown-cycle, PL112 cycle-program-type, PL113 exclusive-access-program-type,
PL114 title-activity-id, PL520 operations-template-program-type, PL521
engineering-template-program-type and PL522 program-instrument-unused.
Each at its exact place, with the real documents that must not trigger it
(the seeds: 1071/1093/1141 cycle 0 COM, 1141's 6 months, 4497's empty
cycle and CAL- title, 1093's engineering template in a COM program)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import column_of, findings, line_of, seed_text

SEEDS = ["000_223d96fec14c6a4f.txt", "1071.txt", "1093.txt", "1141.txt", "1366.txt"]
CODES = ("PL111", "PL112", "PL113", "PL114", "PL520", "PL521", "PL522")


def with_front(name: str, **values: str) -> str:
    """A seed with front-matter lines replaced (``cycle='"6"'``)."""
    lines = seed_text(name).split("\n")
    for key, value in values.items():
        index = next(i for i, text in enumerate(lines) if text.startswith(key + ":"))
        lines[index] = f"{key}: {value}"
    return "\n".join(lines)


def value_place(text: str, key: str) -> tuple[int, int, int]:
    line = line_of(text, key + ":")
    value = text.split("\n")[line - 1][len(key) + 2:]
    start = len(key) + 3
    return line, start, start + len(value)


@pytest.mark.parametrize("name", SEEDS)
def test_the_real_documents_are_quiet(name):
    for code in CODES:
        assert findings(seed_text(name), code) == [], (name, code)


# ---------------------------------------------------------------- PL111


@pytest.mark.parametrize("written", ["6", '"6"', "012", '"12"'])
def test_a_cycle_the_vocabulary_does_not_know(written):
    text = with_front("1366.txt", cycle=written)
    number = int(written.strip('"'))
    assert findings(text, "PL111") == [
        (*value_place(text, "cycle"),
         f"cycle {written.strip(chr(34))} is not a cycle proglint knows (0 to 5; 0 is commissioning); correct it, "
         f"or if cycle {number} has begun, add it to a team vocabulary file: cycles: {{allowed: [{number}]}}")
    ]


def test_six_and_quoted_six_get_the_same_code_and_nothing_else():
    for written in ("6", '"6"'):
        text = with_front("1366.txt", cycle=written)
        codes = [f[3].split()[0] for f in findings(text, "PL111")]
        assert codes == ["cycle"]
        # and no schema finding beside it
        from proglint.config import Config, Layer
        from proglint.pipeline import active, lint
        from proglint.source import Source

        found = active(lint(Source.from_text("doc.txt", text), Config(layers=(Layer(select=("PL1",)),))))
        assert [d.code for d in found] == ["PL111"], written


@pytest.mark.parametrize("written, whole", [("1.0", 1), ("0.0", 0), ("1e0", 1)])
def test_a_cycle_written_as_a_decimal_number(written, whole):
    text = with_front("1366.txt", cycle=written)
    assert findings(text, "PL111") == [
        (*value_place(text, "cycle"), f"cycle {written} is a decimal number; write the cycle as a whole number, {whole}")
    ]


@pytest.mark.parametrize("written", ['""', "", "~", "0", '"0"', "5", '"1"', '"two"', "-1", '"05"', "2.5", "true"])
def test_known_empty_or_schema_cycles_are_not_this_rules(written):
    # empty and 0..5 are fine; words, negatives, leading zeros and 2.5 are the schema's
    assert findings(with_front("1366.txt", cycle=written), "PL111") == []


def test_a_team_vocabulary_adds_a_cycle_in_one_line(tmp_path):
    extra = tmp_path / "team-vocab.yaml"
    extra.write_text("cycles: {allowed: [6]}\n", encoding="utf-8")
    for written in ("6", '"6"'):
        text = with_front("1366.txt", cycle=written)
        assert findings(text, "PL111") != []
        assert findings(text, "PL111", vocabulary=(extra,)) == []
    # the built-in cycles stay: a team file extends the list
    assert findings(with_front("1366.txt", cycle='"3"'), "PL111", vocabulary=(extra,)) == []
    seven = findings(with_front("1366.txt", cycle="7"), "PL111", vocabulary=(extra,))
    assert "(0 to 6; 0 is commissioning)" in seven[0][3]


def test_a_team_vocabulary_with_a_bad_cycle_is_refused(tmp_path):
    import subprocess
    import sys

    (tmp_path / "doc.txt").write_text(seed_text("1366.txt"), encoding="utf-8")
    (tmp_path / "team-vocab.yaml").write_text('cycles: {allowed: ["six"]}\n', encoding="utf-8")
    (tmp_path / "proglint.toml").write_text('vocabulary = ["team-vocab.yaml"]\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "proglint", "doc.txt"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2 and "cycles/allowed/0" in result.stderr, result.stdout + result.stderr


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10**6))
def test_plain_and_quoted_cycles_are_judged_alike(number):
    plain = findings(with_front("1366.txt", cycle=str(number)), "PL111")
    quoted = findings(with_front("1366.txt", cycle=f'"{number}"'), "PL111")
    assert [f[3] for f in plain] == [f[3] for f in quoted]
    assert (plain == []) == (number <= 5)


# ---------------------------------------------------------------- PL112


def test_cycle_zero_outside_commissioning():
    text = with_front("1366.txt", cycle='"0"')  # ERS
    assert findings(text, "PL112") == [
        (*value_place(text, "cycle"),
         "cycle 0 is the commissioning cycle, but proposal_type says ERS, which is not a COM or ENG program; "
         "correct the cycle (or the type)")
    ]
    text = with_front("000_223d96fec14c6a4f.txt", cycle="0")  # the seed's long word
    assert [f[3][:80] for f in findings(text, "PL112")] == [
        "cycle 0 is the commissioning cycle, but proposal_type says 'calibration' (CAL), "
    ]


@pytest.mark.parametrize(
    "name, values",
    [
        ("1071.txt", {}),  # COM/NIRCAM, cycle "0"
        ("1141.txt", {"proposal_type": '"ENG"'}),  # engineering (APT-XML 1144) may be cycle 0
        ("1366.txt", {}),  # ERS, cycle "1"
        ("000_223d96fec14c6a4f.txt", {}),  # calibration leaves cycle empty
        ("1366.txt", {"proposal_type": '""', "cycle": '"0"'}),  # no type: nothing to compare
        ("1366.txt", {"proposal_type": '"EXPLORATORY"', "cycle": '"0"'}),  # unknown type: PL110's
        ("1093.txt", {"cycle": '"3"'}),  # a COM program with a later cycle is not reported
    ],
)
def test_cycle_program_type_near_misses(name, values):
    assert findings(with_front(name, **values), "PL112") == []


# ---------------------------------------------------------------- PL113


@pytest.mark.parametrize("name, kind", [("1366.txt", "ERS"), ("000_223d96fec14c6a4f.txt", "'calibration' (CAL)")])
def test_exclusive_access_for_public_data(name, kind):
    text = with_front(name, exclusive_access_period_months='"12"')
    code = kind.split("(")[-1].rstrip(")") if "(" in kind else kind
    assert findings(text, "PL113") == [
        (*value_place(text, "exclusive_access_period_months"),
         f"exclusive_access_period_months is 12, but proposal_type says {kind}: {code} data have no exclusive "
         "access period; write 0 (or correct the type)")
    ]


@pytest.mark.parametrize(
    "name, values",
    [
        ("1141.txt", {}),  # COM/OTE with 6 months: real COM APT files carry 6 or 12
        ("1071.txt", {"exclusive_access_period_months": "12"}),
        ("1366.txt", {}),  # ERS with 0
        ("1366.txt", {"proposal_type": '"DD"', "exclusive_access_period_months": '"12"'}),  # DD: "generally" none
        ("1366.txt", {"proposal_type": '"GO"', "exclusive_access_period_months": '"12"'}),
        ("000_223d96fec14c6a4f.txt", {}),  # calibration, empty period
        ("1366.txt", {"exclusive_access_period_months": '"9"'}),  # not a period at all: the schema's
    ],
)
def test_exclusive_access_near_misses(name, values):
    assert findings(with_front(name, **values), "PL113") == []


# ---------------------------------------------------------------- PL114


def test_a_calibration_activity_id_in_a_go_program():
    text = with_front("000_223d96fec14c6a4f.txt", proposal_type='"GO"')
    line = line_of(text, "# 4497 - ")
    start = column_of(text, line, "CAL-FLUX-202")
    assert findings(text, "PL114") == [
        (line, start, start + len("CAL-FLUX-202"),
         "the title starts with the activity id CAL-FLUX-202, which CAL programs carry, but proposal_type says GO; "
         "check the program type (or the title)")
    ]


def test_a_commissioning_activity_id_in_a_calibration_program():
    text = with_front("1141.txt", proposal_type='"CAL/CROSS"')
    line = line_of(text, "# 1141 - ")
    start = column_of(text, line, "OTE-07")
    assert [f[:3] for f in findings(text, "PL114")] == [(line, start, start + 6)]


def test_without_a_heading_the_front_matter_title_is_read():
    text = with_front("000_223d96fec14c6a4f.txt", proposal_type='"GO"')
    text = text.replace("# 4497 - CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)\n", "")
    line = line_of(text, "program_title:")
    start = column_of(text, line, "CAL-FLUX-202")
    assert [f[:3] for f in findings(text, "PL114")] == [(line, start, start + len("CAL-FLUX-202"))]


@pytest.mark.parametrize(
    "name, values",
    [
        ("000_223d96fec14c6a4f.txt", {}),  # CAL-FLUX-202, calibration
        ("1141.txt", {}),  # OTE-07, COM/OTE
        ("1071.txt", {"proposal_type": '"GO"'}),  # a title without an activity id
        ("1366.txt", {}),
        ("000_223d96fec14c6a4f.txt", {"proposal_type": '"CAL/MIRI"'}),
    ],
)
def test_title_activity_id_near_misses(name, values):
    assert findings(with_front(name, **values), "PL114") == []


def test_an_activity_id_must_end_at_a_word_boundary():
    text = with_front("1141.txt", proposal_type='"GO"')
    text = text.replace("OTE-07 Global", "OTE-07b Global")
    assert findings(text, "PL114") == []


def test_a_team_vocabulary_adds_an_activity_id(tmp_path):
    extra = tmp_path / "team-vocab.yaml"
    extra.write_text('activity_ids:\n  - {pattern: "Global Alignment", types: [COM]}\n', encoding="utf-8")
    text = with_front("1071.txt", proposal_type='"GO"').replace(
        "NIRCam Absolute FGS-NIRCam Alignment", "Global Alignment of NIRCam"
    )
    assert findings(text, "PL114") == []
    assert [f[3][:50] for f in findings(text, "PL114", vocabulary=(extra,))] == [
        "the title starts with the activity id Global Align"
    ]


# ---------------------------------------------------------------- PL520 / PL521


def test_operations_template_outside_commissioning():
    text = with_front("1141.txt", proposal_type='"GO"')
    line = line_of(text, "| Initial GA Image")
    start = column_of(text, line, "WFSC Global Alignment")
    assert findings(text, "PL520") == [
        (line, start, start + len("WFSC Global Alignment"),
         "WFSC Global Alignment is an observatory-operations template, used by CAL, COM or ENG programs, but "
         "proposal_type says GO (22 rows use it; this is the first); check the program type or the template")
    ]


@pytest.mark.parametrize("kind", ['"COM/OTE"', '"ENG"', '"CAL/CROSS"', '"calibration"', '""'])
def test_operations_template_near_misses(kind):
    assert findings(with_front("1141.txt", proposal_type=kind), "PL520") == []


def test_engineering_templates_in_a_science_program():
    text = with_front("1093.txt", proposal_type='"GO"')
    line = line_of(text, "| 9            |")
    start = column_of(text, line, "NIRISS External Calibration")
    assert findings(text, "PL521") == [
        (line, start, start + len("NIRISS External Calibration"),
         "NIRISS External Calibration is an engineering (limited-access) template, but proposal_type says GO "
         "(2 rows use it; this is the first); science programs use it only with STScI's approval: check the "
         "template or the type, or suppress this line with the reason")
    ]


def test_engineering_template_once_per_template_and_suppressible():
    text = with_front("000_223d96fec14c6a4f.txt", proposal_type='"GTO"')
    got = findings(text, "PL521")
    assert [f[0] for f in got] == [line_of(text, "| 15          |")]  # NIRCam Engineering Imaging, first of 6
    suppressed = text.replace(
        "| NIRCam Engineering Imaging             | (1) GD153",
        "| NIRCam Engineering Imaging <!-- proglint-disable-line PL521 -- approved by STScI --> | (1) GD153",
        1,
    )
    assert findings(suppressed, "PL521") == []


@pytest.mark.parametrize(
    "name, kind",
    [
        ("000_223d96fec14c6a4f.txt", None),  # calibration with NIRCam Engineering Imaging (real)
        ("1093.txt", None),  # COM/NIRISS with NIRISS External Calibration (real)
        ("1093.txt", '"DD"'),  # DD is not in engineering_template_unexpected
        ("1366.txt", '"GO"'),  # science templates only
    ],
)
def test_engineering_template_near_misses(name, kind):
    text = with_front(name, proposal_type=kind) if kind else seed_text(name)
    assert findings(text, "PL521") == []


def test_a_team_vocabulary_extends_the_type_lists(tmp_path):
    extra = tmp_path / "team-vocab.yaml"
    extra.write_text("program_types:\n  engineering_template_unexpected: [DD]\n", encoding="utf-8")
    text = with_front("1093.txt", proposal_type='"DD"')
    assert findings(text, "PL521") == []
    assert len(findings(text, "PL521", vocabulary=(extra,))) == 1
    # the built-in list is extended, not replaced
    assert len(findings(with_front("1093.txt", proposal_type='"GO"'), "PL521", vocabulary=(extra,))) == 1


# ---------------------------------------------------------------- PL522


def test_an_instrument_program_without_its_instrument():
    text = with_front("1093.txt", proposal_type='"COM/NIRSPEC"')
    assert findings(text, "PL522") == [
        (*value_place(text, "proposal_type"),
         "proposal_type COM/NIRSPEC names NIRSpec, but no observation in the table uses NIRSpec (its templates: "
         "NIRISS Aperture Masking Interferometry and NIRISS External Calibration); correct the type's instrument, "
         "or the table")
    ]


@pytest.mark.parametrize(
    "name, kind",
    [
        ("1071.txt", '"COM/NIRCAM"'),  # real
        ("1071.txt", '"COM/FGS"'),  # FGS labels under NIRCam Imaging: the 1071 exception
        ("1071.txt", '"COM/NIRISS"'),  # NIRISS may run beside NIRCam Imaging
        ("1141.txt", '"COM/NIRCAM"'),  # WFSC takes NIRCam data
        ("1141.txt", '"COM/OTE"'),  # OTE is no instrument
        ("000_223d96fec14c6a4f.txt", '"CAL/CROSS"'),
        ("000_223d96fec14c6a4f.txt", '"CAL/NIRSPEC"'),  # a mixed table is never reported
        ("1366.txt", '"ERS"'),
    ],
)
def test_program_instrument_near_misses(name, kind):
    assert findings(with_front(name, proposal_type=kind), "PL522") == []


def test_unknown_templates_leave_the_instruments_unknown():
    text = with_front("1093.txt", proposal_type='"COM/NIRSPEC"').replace(
        "| 10           |            | NIRISS External Calibration    ",
        "| 10           |            | NIRSpec Fixd Slit Spectroscopy ",
    )
    assert "NIRSpec Fixd" in text
    assert findings(text, "PL522") == []


# ---------------------------------------------------------------- docs


def test_explain_shows_each_rules_real_data_caveat():
    import subprocess
    import sys

    from conftest import ROOT

    for code in CODES + ("PL222", "PL405", "PL510", "PL512", "PL530", "PL531"):
        result = subprocess.run(
            [sys.executable, "-m", "proglint", "explain", code], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert "**Real data.**" in result.stdout, code
        assert "Fails" in result.stdout and "Passes" in result.stdout, code
