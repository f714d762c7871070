"""PL540-PL543, dedicated background observations: each at its exact place,
and the seed's muCol-WBKG / muCol-BKG pairs that must not trigger them."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import seeds_concise, program_document as document, ROOT, column_of, findings, line_of, seed_text

MRS = "MIRI Medium Resolution Spectroscopy"
LRS = "MIRI Low Resolution Spectroscopy"
BOTS = "NIRSpec Bright Object Time Series"


def place(text: str, line_needle: str, word: str) -> tuple[int, int, int]:
    line = line_of(text, line_needle)
    start = column_of(text, line, word)
    return line, start, start + len(word)


SEED = seed_text()
CODES = ("PL540", "PL541", "PL542", "PL543")


@pytest.mark.parametrize("code", CODES)
def test_the_seed_pairs_are_clean(code):
    # muCol-WBKG ("with background") is labelled `MIRI MRS` / `MIRI LRS slitless`,
    # muCol-BKG `MIRI MRS BKG` / `MIRI LRS BKG`, both in folder muCol.
    assert findings(SEED, code) == []


# ---------------------------------------------------------------- PL540


def test_label_says_bkg_but_the_target_is_science():
    text = document(
        ("muCol", 4, "MIRI MRS", MRS, "(6) muCol-WBKG"),
        ("", 5, "MIRI MRS BKG", MRS, "(5) muCol"),
    )
    line, start, end = place(text, "MIRI MRS BKG", "BKG")
    assert findings(text, "PL540") == [
        (line, start, end,
         "label says BKG but the target muCol is not a background target; point a background observation at a "
         "background target (such as muCol-BKG) or drop BKG from the label")
    ]


def test_background_and_sky_are_background_words_of_their_own():
    text = document(("M31", 1, "NIRSpec IFU dedicated sky", "NIRSpec IFU Spectroscopy", "(1) M31-CORE"))
    line, start, end = place(text, "dedicated sky", "sky")
    assert [f[:3] for f in findings(text, "PL540")] == [(line, start, end)]


@pytest.mark.parametrize(
    "label, target",
    [
        ("MIRI MRS with BKG", "(6) muCol-WBKG"),  # the name itself says "with background"
        ("NIRCam sky flat", "(1) GD153"),  # a sky flat is no dedicated background
        ("FGS skyflat", "(1) GD153"),
        ("MIRI Imaging background-limited", "(1) GD153"),
        ("NIRCam sky-subtracted mosaic", "(1) GD153"),
        ("MIRI MRS WBKG", "(1) GD153"),  # WBKG does not hold the word BKG
        ("MIRI MRS BKG", "NONE"),
    ],
)
def test_background_label_near_misses(label, target):
    assert findings(document(("", 1, label, MRS, target)), "PL540") == []


# ---------------------------------------------------------------- PL541


def test_background_target_with_a_science_label():
    text = document(
        ("muCol", 4, "MIRI MRS", MRS, "(6) muCol-WBKG"),
        ("", 5, "MIRI MRS", MRS, "(7) muCol-BKG"),
    )
    line, start, end = place(text, "(7) muCol-BKG", "muCol-BKG")
    assert findings(text, "PL541") == [
        (line, start, end,
         "muCol-BKG is a background target but the label 'MIRI MRS' does not say so; write BKG in the label "
         "of a background observation, or point the row at its science target")
    ]


@pytest.mark.parametrize(
    "label, target",
    [
        ("MIRI MRS", "(6) muCol-WBKG"),  # the seed: WBKG is the science target
        ("", "(7) muCol-BKG"),  # labels are optional
        ("MIRI MRS background", "(7) Oph_BKG_A"),
        ("MIRI MRS sky", "(7) C2024E1-sky"),
        ("MIRI MRS", "(7) X-BKGnd"),  # the marker runs into more letters: not a background name
        ("MIRI MRS", "(7) Tau-skyline"),
    ],
)
def test_background_target_label_near_misses(label, target):
    assert findings(document(("muCol", 1, label, MRS, target)), "PL541") == []


# ---------------------------------------------------------------- PL542


def test_background_target_under_a_time_series_template():
    text = document(
        ("WASP-39", 3, "NIRSpec BOTS G395H", BOTS, "(1) WASP-39"),
        ("", 4, "NIRSpec BOTS BKG", BOTS, "(2) WASP-39-BKG"),
    )
    line = line_of(text, "NIRSpec BOTS BKG")
    start = column_of(text, line, BOTS)
    assert findings(text, "PL542") == [
        (line, start, start + len(BOTS),
         "WASP-39-BKG is a background target but NIRSpec Bright Object Time Series takes no dedicated background "
         "observations; those are taken with MIRI Low Resolution Spectroscopy, MIRI Medium Resolution Spectroscopy, "
         "MIRI Coronagraphic Imaging, NIRSpec MultiObject Spectroscopy, NIRSpec IFU Spectroscopy or "
         "NIRSpec Fixed Slit Spectroscopy")
    ]


@pytest.mark.parametrize(
    "template",
    [MRS, LRS, "NIRSpec IFU Spectroscopy", "NIRSpec Fixed Slit Spectroscopy", "NIRSpec MOS",
     "MIRI Coronagraphic Imaging"],  # MIRI coronagraphy requires a background for every target
)
def test_background_templates_take_background_targets(template):
    text = document(("HR8799", 1, "sci", template, "(1) HR8799"), ("", 2, "BKG", template, "(2) HR8799-BKG"))
    assert findings(text, "PL542") == []


def test_a_with_background_target_may_use_any_template():
    text = document(("muCol", 1, "MIRI Imaging", "MIRI Imaging", "(6) muCol-WBKG"))
    assert findings(text, "PL542") == []


# ---------------------------------------------------------------- PL543


def test_background_in_another_folder_than_its_science_target():
    text = document(
        ("muCol", 4, "MIRI LRS slitless", LRS, "(6) muCol-WBKG"),
        ("lamLep", 10, "MIRI Imaging", "MIRI Imaging", "(8) lamLep"),
        ("", 7, "MIRI LRS BKG", LRS, "(7) muCol-BKG"),
    )
    line, start, end = place(text, "(7) muCol-BKG", "muCol-BKG")
    science_line = line_of(text, "(6) muCol-WBKG")
    assert findings(text, "PL543") == [
        (line, start, end,
         f"background target muCol-BKG has no science target in folder 'lamLep'; muCol-WBKG is observed on "
         f"line {science_line}, in folder 'muCol': keep the pair together")
    ]


def test_background_without_any_science_target():
    text = document(("", 7, "MIRI LRS BKG", LRS, "(7) muCol-BKG"), ("", 8, "MIRI LRS BKG", LRS, "(7) muCol-BKG"))
    line, start, end = place(text, "(7) muCol-BKG", "muCol-BKG")
    assert findings(text, "PL543") == [
        (line, start, end,
         "background target muCol-BKG has no science target in the rows without a folder; observe the science "
         "target in the same folder, or name the background after it")
    ]


@pytest.mark.parametrize(
    "science, background",
    [
        ("muCol", "muCol-BKG"),
        ("muCol-WBKG", "muCol-BKG"),  # the seed: WBKG is the science partner
        ("MUCOL", "muCol-BKG"),  # any case
        ("Oph", "Oph_BKG_A"),
        ("Oph_A", "Oph_BKG_A"),
        ("SgrB2-N", "BKG_17-29-18-36"),  # a stem without letters: any science target of the folder
        ("C2024E1", "C2024E1-sky"),
    ],
)
def test_background_partner_near_misses(science, background):
    text = document(("F", 1, "sci", MRS, f"(1) {science}"), ("", 2, "BKG", MRS, f"(2) {background}"))
    assert findings(text, "PL543") == []


def test_a_stem_is_not_a_mere_prefix():
    text = document(("F", 1, "sci", MRS, "(1) HD12"), ("", 2, "BKG", MRS, "(2) HD1-BKG"))
    assert [f[0] for f in findings(text, "PL543")] == [line_of(text, "HD1-BKG")]


# ---------------------------------------------------------------- the vocabulary helpers


def _vocabulary_module():
    spec = importlib.util.spec_from_file_location("_test_vocabulary", ROOT / "rules" / "_vocabulary.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_background_names_and_stems():
    vocabulary = _vocabulary_module().load()
    for name in ("muCol-BKG", "Oph_BKG_A", "BKG_17-29-18-36", "C2024E1-sky", "GD153_sky", "muCol-bkg"):
        assert vocabulary.is_background_name(name), name
    for name in ("muCol-WBKG", "muCol", "X-BKGnd", "Tau-skyline", "BKGD"):
        assert not vocabulary.is_background_name(name), name
    assert vocabulary.is_with_background_name("muCol-WBKG")
    assert {vocabulary.target_stem(n) for n in ("muCol", "muCol-BKG", "muCol-WBKG")} == {"mucol"}
    assert vocabulary.target_stem("Oph_BKG_A") == "oph_a"


def test_find_words_reads_whole_tokens():
    module = _vocabulary_module()
    assert module.find_words("NIRCam Coronagraphy ND  square", ["ND square", "coron"]) == [(20, 30, "ND  square")]
    assert module.find_words("FGS1_cal G395H/F290LP", ["FGS1", "G395H", "F290LP"]) == [
        (0, 4, "FGS1"), (9, 14, "G395H"), (15, 21, "F290LP")
    ]
    assert module.find_words("mosaic WBKG", ["MOS", "BKG"]) == []


# ---------------------------------------------------------------- the seeds, the docs


def test_seeds_have_no_background_findings():
    assert not [line for line in seeds_concise() if " PL54" in line]


def test_background_rules_document_themselves():
    from proglint.pipeline import catalog

    infos = catalog()
    for code in CODES:
        info = infos[code]
        assert info.severity.value == "warning" and info.enabled
        assert "**What it does.**" in info.documentation and "**Why it matters.**" in info.documentation
        assert "Fails" in info.documentation and "Passes" in info.documentation
