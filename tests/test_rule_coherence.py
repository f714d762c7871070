"""The document agreeing with itself: PL530 prose-instrument-unused, PL531
table-instrument-undescribed, PL222 observation-duplicate (off by default)
and PL405 folder-instrument.  Each at its exact place, with the real
quirks that must not trigger them: 1071's prose naming NIRISS (parallel)
and the FGS guiders, 4497's "all JWST instruments", 1141's repeated rows,
1093's blank labels, TSO 7953's folder "LHS 3844 b MIRI" holding a NIRSpec
observation beside MIRI ones."""

from __future__ import annotations

import pytest

from conftest import DOC_HEAD, column_of, findings, line_of, seed_text

SEEDS = ["000_223d96fec14c6a4f.txt", "1071.txt", "1093.txt", "1141.txt", "1366.txt"]


def program(rows, abstract: str = "Text.", description: str = "Text.") -> str:
    table = "\n".join("| " + " | ".join(str(c) for c in row) + " |" for row in rows)
    return (
        DOC_HEAD + table + "\n\n---\n\n## ABSTRACT\n\n" + abstract + "\n\n---\n\n## OBSERVING DESCRIPTION\n\n" + description
    )


def place(text: str, line_needle: str, word: str) -> tuple[int, int, int]:
    line = line_of(text, line_needle)
    start = column_of(text, line, word)
    return line, start, start + len(word)


@pytest.mark.parametrize("name", SEEDS)
def test_the_real_documents_are_quiet(name):
    for code in ("PL530", "PL531", "PL405"):
        assert findings(seed_text(name), code) == [], (name, code)


# ---------------------------------------------------------------- PL530


AMI = [("", 1, "", "NIRISS Aperture Masking Interferometry", "(1) AB-DOR")]


def test_prose_naming_an_instrument_the_table_never_uses():
    text = program(AMI, description="Aperture masking interferometry of AB Dor, then\nNIRSpec spectra of the companion.")
    assert findings(text, "PL530") == [
        (*place(text, "NIRSpec spectra", "NIRSpec"),
         "the OBSERVING DESCRIPTION names NIRSpec ('NIRSpec'), but no observation in the table uses NIRSpec "
         "(the table's templates are for NIRISS); describe the program the table lists, or add the missing observations")
    ]


def test_spelled_out_names_count_and_each_instrument_once():
    text = program(
        AMI,
        abstract="Uses the Mid-Infrared Instrument.",
        description="MIRI again, and MIRI once more.",
    )
    got = findings(text, "PL530")
    assert [f[:3] for f in got] == [place(text, "Uses the Mid", "Mid-Infrared Instrument")]
    assert got[0][3].startswith("the ABSTRACT names MIRI ('Mid-Infrared Instrument')")


@pytest.mark.parametrize(
    "rows, prose",
    [
        # 1071: NIRISS in parallel with NIRCam Imaging, the FGS guiders
        ([("", 1, "FGS-1, GS#1", "NIRCam Imaging", "(1) LMC-ASTROMETRIC")],
         "NIRCam imaging while guiding with each FGS guider, with NIRISS imaging in parallel."),
        # WFSC templates take NIRCam data
        ([("", 1, "Initial GA Image", "WFSC Global Alignment", "(1) BD+65-1248")], "NIRCam images of one star."),
        # a label naming the instrument
        ([("", 1, "NIRSpec pointing check", "WFSC Global Alignment", "(1) BD+65-1248")], "A NIRSpec check."),
        # "MIR" is mid-infrared in prose, not MIRI
        (AMI, "Near-IR and MIR photometry from the literature."),
        # an HTML comment is not prose
        (AMI, "AMI of AB Dor. <!-- TODO: NIRSpec follow-up? -->"),
        # rows with unknown templates: the table's instruments are not known
        ([("", 1, "", "NIRSpec Fixd Slit", "(1) AB-DOR")], "NIRSpec spectra."),
    ],
)
def test_prose_instrument_near_misses(rows, prose):
    assert findings(program(rows, description=prose), "PL530") == []


# ---------------------------------------------------------------- PL531


FLUX = [
    ("GD153", 1, "MIRI Imaging", "MIRI Imaging", "(1) GD153"),
    ("", 15, "NIRCam Imaging Sub1 60 Module B - SW", "NIRCam Engineering Imaging", "(1) GD153"),
    ("", 16, "NIRCam Imaging Sub1 60P Module B - LW", "NIRCam Engineering Imaging", "(1) GD153"),
]


def test_a_table_instrument_the_prose_never_mentions():
    text = program(FLUX, abstract="MIRI imaging of the white dwarf GD153.", description="Imaging of GD153.")
    line, start, end = place(text, "| 15 |", "NIRCam Engineering Imaging")
    assert findings(text, "PL531") == [
        (line, start, end,
         "the table observes with NIRCam (NIRCam Engineering Imaging, 2 rows) but neither the ABSTRACT nor the "
         "OBSERVING DESCRIPTION mentions NIRCam, while the prose names MIRI; say what the NIRCam observations are for")
    ]


@pytest.mark.parametrize(
    "rows, abstract, description",
    [
        (FLUX, "Absolute flux calibration.", "Imaging of hot stars."),  # 4497: no instrument named at all
        (FLUX, "This effort uses all JWST instruments; MIRI first.", "Text."),  # 4497's phrase
        (FLUX, "MIRI and NIRCam imaging.", "Text."),
        (FLUX, "MIRI imaging.", "Near Infrared Camera imaging."),  # the spelled-out name
        ([("", 1, "Initial GA Image", "WFSC Global Alignment", "(1) BD+65-1248")], "MIRI is warm.", "Text."),  # observatory rows
    ],
)
def test_table_instrument_near_misses(rows, abstract, description):
    assert findings(program(rows, abstract=abstract, description=description), "PL531") == []


def test_a_team_vocabulary_adds_prose_words(tmp_path):
    extra = tmp_path / "team-vocab.yaml"
    extra.write_text("prose:\n  instrument_words:\n    NIRSpec: [the spectrograph]\n", encoding="utf-8")
    text = program(AMI, description="Then the spectrograph looks at AB Dor.")
    assert findings(text, "PL530") == []
    got = findings(text, "PL530", vocabulary=(extra,))
    assert [f[:3] for f in got] == [place(text, "Then the spectrograph", "the spectrograph")]


# ---------------------------------------------------------------- PL222


def test_duplicate_rows_are_off_by_default():
    from proglint.config import Config
    from proglint.pipeline import active, lint
    from proglint.source import Source

    found = active(lint(Source.from_text("1141.txt", seed_text("1141.txt")), Config()))
    assert [d for d in found if d.code == "PL222"] == []


def test_a_row_repeating_another_exactly_when_selected():
    rows = [
        ("", 2, "Apply PMSA Corrections", "WFSC Global Alignment", "(1) BD+65-1248"),
        ("", 3, "Take Images", "WFSC Global Alignment", "(1) BD+65-1248"),
        ("", 4, "Apply  PMSA Corrections", "wfsc global alignment", "(1) BD+65-1248"),
    ]
    text = program(rows)
    line, start, end = place(text, "| 4 |", "Apply  PMSA Corrections")
    first = line_of(text, "| 2 |")
    assert findings(text, "PL222") == [
        (line, start, end,
         f"this row repeats observation 2 on line {first} exactly (template, target and label); if the repeat is "
         "deliberate, say so in the label (such as 'visit 2'), otherwise remove the row")
    ]


def test_the_real_repeats_of_1141_are_what_the_rule_is_off_for():
    got = findings(seed_text("1141.txt"), "PL222")
    # 4-11 repeat 2 and 3 (alignment iterations), 13-21 repeat 12, 24 repeats 23 and 26 repeats 25
    assert len(got) == 8 + 9 + 2
    assert got[0][3].startswith("this row repeats observation 2 on line ")


@pytest.mark.parametrize(
    "rows",
    [
        [("", 1, "FGS-1, GS#1", "NIRCam Imaging", "(1) LMC"), ("", 2, "FGS-1, GS#2", "NIRCam Imaging", "(1) LMC")],  # 1071
        [("", 1, "", "NIRISS Aperture Masking Interferometry", "(1) AB-DOR"),
         ("", 2, "", "NIRISS Aperture Masking Interferometry", "(1) AB-DOR")],  # 1093: blank labels
        [("", 1, "MIRI Imaging", "MIRI Imaging", "(1) GD153"), ("", 2, "MIRI Imaging", "MIRI Imaging", "(2) LDS749B")],
        [("", 1, "x", "MIRI Imaging", "(1) GD153"), ("", 2, "x", "MIRI Medium Resolution Spectroscopy", "(1) GD153")],
    ],
)
def test_duplicate_near_misses(rows):
    assert findings(program(rows), "PL222") == []


# ---------------------------------------------------------------- PL405


def test_a_folder_naming_an_instrument_and_mode_none_of_its_rows_use():
    rows = [
        ("MIRI LRS Transits", 1, "nirspec prism", "NIRSpec Bright Object Time Series", "(1) WASP-39"),
        ("", 2, "niriss soss", "NIRISS Single-Object Slitless Spectroscopy", "(1) WASP-39"),
    ]
    text = program(rows)
    held = "NIRSpec Bright Object Time Series and NIRISS Single-Object Slitless Spectroscopy"
    assert findings(text, "PL405") == [
        (*place(text, "MIRI LRS Transits", "MIRI"),
         f"folder 'MIRI LRS Transits' names MIRI, but none of its 2 observations uses MIRI (the folder holds {held}); "
         "rename the folder or move the observations"),
        (*place(text, "MIRI LRS Transits", "LRS"),
         f"folder 'MIRI LRS Transits' names LRS, but none of its 2 observations uses LRS (the folder holds {held}); "
         "rename the folder or move the observations"),
    ]


def test_one_row_folder_and_only_the_unused_word():
    text = program([("NIRSpec MOS deep field", 1, "", "NIRSpec IFU Spectroscopy", "(1) GN-z11")])
    assert findings(text, "PL405") == [
        (*place(text, "NIRSpec MOS deep", "MOS"),
         "folder 'NIRSpec MOS deep field' names MOS, but its one observation does not use MOS (the folder holds "
         "NIRSpec IFU Spectroscopy); rename the folder or move the observations")
    ]


@pytest.mark.parametrize(
    "rows",
    [
        # TSO 7953: a folder naming MIRI holds a NIRSpec observation beside MIRI ones
        [("LHS 3844 b MIRI", 1, "miri lrs", "MIRI Low Resolution Spectroscopy", "(1) LHS-3844"),
         ("", 2, "nirspec g395h", "NIRSpec Bright Object Time Series", "(1) LHS-3844")],
        # a folder named after a target is a name, not a description
        [("LMC-NIRSPEC-FGS-ALIGNMENT", 1, "", "NIRCam Imaging", "(1) LMC-NIRSPEC-FGS-ALIGNMENT")],
        # the parallel instrument of the folder's template
        [("NIRCam with MIRI parallels", 1, "NIRCam + MIRI", "NIRCam Imaging", "(1) Field")],
        # engineering rows carry science-mode words (4497)
        [("NIRCam Coronagraphy checks", 1, "", "NIRCam Engineering Imaging", "(1) 10Lac")],
        # 1141: step names, GA is no decisive mode word; WFSC takes NIRCam data
        [("Initial GA Image", 1, "Initial GA Image", "WFSC Global Alignment", "(1) BD+65-1248")],
        [("NIRCam WFSC images", 1, "", "WFSC Global Alignment", "(1) BD+65-1248")],
        # observatory words are no instrument
        [("OTE-07 step 1", 1, "", "NIRCam Engineering Imaging", "(1) BD+65-1248")],
        # unknown templates: PL501's
        [("MIRI", 1, "", "NIRSpec Fixd Slit", "(1) X")],
        # rows before the first named folder are in no folder
        [("", 1, "", "NIRSpec IFU Spectroscopy", "(1) X")],
    ],
)
def test_folder_instrument_near_misses(rows):
    assert findings(program(rows), "PL405") == []


def test_every_row_of_a_split_folder_counts():
    rows = [
        ("MIRI", 1, "", "NIRSpec IFU Spectroscopy", "(1) X"),
        ("Other", 2, "", "NIRCam Imaging", "(1) X"),
        ("MIRI", 3, "", "MIRI Imaging", "(1) X"),
    ]
    assert findings(program(rows), "PL405") == []
