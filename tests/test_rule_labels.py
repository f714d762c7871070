"""PL510 label-instrument, PL511 label-mode, PL512 label-optical-element:
each at the exact word, and the real labels that must not trigger them
(1071's FGS labels under NIRCam Imaging, 4497's `NIRCam Imaging ...` under
NIRCam Engineering Imaging, 1366's lower-case labels, 1141's WFSC labels)."""

from __future__ import annotations


import pytest

from conftest import seeds_concise, program_document as document, column_of, findings, line_of, seed_text

def one_row(label: str, template: str, target: str = "(1) muCol") -> str:
    return document(("muCol", 1, label, template, target))


def place(text: str, line_needle: str, word: str) -> tuple[int, int, int]:
    line = line_of(text, line_needle)
    start = column_of(text, line, word)
    return line, start, start + len(word)


SEEDS = ["000_223d96fec14c6a4f.txt", "1071.txt", "1093.txt", "1141.txt", "1366.txt"]


# ---------------------------------------------------------------- PL510


def test_label_naming_another_instrument():
    text = document(
        ("muCol", 6, "MIRI LRS slitless", "MIRI Low Resolution Spectroscopy", "(6) muCol"),
        ("", 8, "NIRSpec FS prism", "MIRI Low Resolution Spectroscopy", "(6) muCol"),
    )
    line, start, end = place(text, "NIRSpec FS prism", "NIRSpec")
    assert findings(text, "PL510") == [
        (line, start, end,
         "label names NIRSpec but the template is MIRI Low Resolution Spectroscopy, a template for MIRI; "
         "use a template for NIRSpec or correct the label")
    ]


def test_instrument_words_are_whole_tokens_in_any_case():
    text = one_row("nrs g395h", "MIRI Low Resolution Spectroscopy")
    line, start, end = place(text, "nrs g395h", "nrs")
    assert [f[:3] for f in findings(text, "PL510")] == [(line, start, end)]


def test_fgs_exception_is_only_for_the_nircam_imaging_templates():
    # The 1071/1144 exception is exact: FGS under NIRCam Coronagraphic Imaging is reported.
    text = one_row("FGS-1, GS#1", "NIRCam Coronagraphic Imaging")
    line, start, end = place(text, "FGS-1, GS#1", "FGS-1")
    assert findings(text, "PL510") == [
        (line, start, end,
         "label names FGS but the template is NIRCam Coronagraphic Imaging, a template for NIRCam; "
         "use a template for FGS or correct the label")
    ]


def test_each_other_instrument_once():
    text = one_row("NIRSpec and NIRSpec with NIRISS", "MIRI Imaging")
    line = line_of(text, "NIRSpec and NIRSpec")
    got = [(f[0], f[1]) for f in findings(text, "PL510")]
    # MIRI Imaging may run NIRISS (WFSS) in coordinated parallel: only NIRSpec, once.
    assert got == [(line, column_of(text, line, "NIRSpec"))]


PARALLEL_HOW = (
    "if {other} runs in coordinated parallel, name both instruments in the label (such as '{own} + {other} parallel'); "
    "otherwise use a template for {other}. A label kept as it is needs a suppression with its reason, "
    "or allow-parallel-only = true under [tool.proglint.rule.{rule}]"
)


@pytest.mark.parametrize(
    "label, template, word, other, own",
    [
        ("MIRI F1130W", "NIRCam Imaging", "MIRI", "MIRI", "NIRCam"),  # the blind spot
        ("NIRCam deep field", "MIRI Imaging", "NIRCam", "NIRCam", "MIRI"),
        ("NIRISS parallel", "NIRCam Imaging", "NIRISS", "NIRISS", "NIRCam"),
        ("MIRI parallel F770W", "NIRCam Wide Field Slitless Spectroscopy", "MIRI", "MIRI", "NIRCam"),
        ("FGS guider 1", "MIRI Medium Resolution Spectroscopy", "FGS", "FGS", "MIRI"),  # a pair, not an exception
        ("FGS-2, GS#5 (NIRISS)", "NIRCam Imaging", "NIRISS", "NIRISS", "NIRCam"),  # 1071's FGS stays fine, NIRISS alone does not
    ],
)
def test_label_naming_only_a_parallel_capable_instrument(label, template, word, other, own):
    text = one_row(label, template)
    line, start, end = place(text, label, word)
    assert findings(text, "PL510") == [
        (line, start, end,
         f"label names only {other}, which may run in coordinated parallel with {template}, and nothing of {own}; "
         + PARALLEL_HOW.format(other=other, own=own, rule="label-instrument"))
    ]


def test_the_setting_restores_the_lenient_reading_of_parallel_labels():
    text = one_row("MIRI F1130W", "NIRCam Imaging")
    assert findings(text, "PL510") != []
    settings = {"label-instrument": {"allow-parallel-only": True}}
    assert findings(text, "PL510", rule_settings=settings) == []
    # ... and only for parallels: another instrument is still reported
    wrong = one_row("NIRSpec G395H", "NIRCam Imaging")
    assert [f[3][:20] for f in findings(wrong, "PL510", rule_settings=settings)] == ["label names NIRSpec "]


def test_the_setting_is_validated(tmp_path):
    import subprocess
    import sys

    rows = (("Field", 1, "MIRI deep", "NIRCam Imaging", "(1) Field"), ("", 2, "F1130W", "NIRCam Imaging", "(1) Field"))
    (tmp_path / "doc.txt").write_text(document(*rows), encoding="utf-8")
    (tmp_path / "proglint.toml").write_text('[rule.label-instrument]\nallow-parallel-only = "yes"\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "proglint", "doc.txt"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2 and "allow-parallel-only" in result.stderr, result.stdout + result.stderr
    (tmp_path / "proglint.toml").write_text('[rule.label-instrument]\nallow-parallel-only = true\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "proglint", "doc.txt", "--format", "concise"], cwd=tmp_path, capture_output=True, text=True
    )
    # each rule has its own setting: PL510 is lenient now, PL512 is not
    assert " PL510 " not in result.stdout and " PL512 " in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize(
    "label, template",
    [
        ("FGS-1, GS#1", "NIRCam Imaging"),  # 1071: guide-star tests, NIRCam prime
        ("FGS1_distortion_calibration", "NIRCam Engineering Imaging"),  # 1144
        ("NIRCam+MIRI parallel", "NIRCam Imaging"),  # both instruments named: a real coordinated parallel
        ("NIRCam + NIRISS WFSS parallel", "NIRCam Imaging"),
        ("F200W with MIRI F770W in parallel", "NIRCam Imaging"),  # F200W is the prime's own
        ("WFSS, MIRI parallel", "NIRCam Wide Field Slitless Spectroscopy"),  # the prime's own mode word
        ("MIRIM_MRS_parallel", "MIRI Medium Resolution Spectroscopy"),  # APT-XML 1171: MIRI detector word
        ("NIRCam pre-imaging for NIRSpec MOS", "NIRCam Imaging"),  # names the template's instrument too
        ("Extra NIRCam Imaging (Contingency)", "WFSC Global Alignment"),  # operations template
        ("OTE alignment check", "NIRCam Engineering Imaging"),  # observatory words are no instrument
        ("", "MIRI Imaging"),  # blank labels are legal (1093)
        ("transit of WASP-39b", "NIRSpec Bright Object Time Series"),  # no instrument word
        ("nircam f322w2", "NIRCam Grism Time Series"),  # 1366, lower case
        ("x", "Not A Template"),  # unknown templates are PL501's
    ],
)
def test_label_instrument_near_misses(label, template):
    assert findings(one_row(label, template), "PL510") == []


@pytest.mark.parametrize("name", SEEDS)
def test_label_rules_are_quiet_on_the_seeds(name):
    for code in ("PL510", "PL511", "PL512"):
        assert findings(seed_text(name), code) == [], (name, code)


# ---------------------------------------------------------------- PL511


def test_mode_word_against_the_template():
    text = document(
        ("muCol", 4, "MIRI MRS", "MIRI Medium Resolution Spectroscopy", "(6) muCol-WBKG"),
        ("", 6, "MIRI MRS slitless", "MIRI Low Resolution Spectroscopy", "(6) muCol-WBKG"),
    )
    line, start, end = place(text, "MIRI MRS slitless", "MRS")
    assert findings(text, "PL511") == [
        (line, start, end,
         "label says MRS but the template is MIRI Low Resolution Spectroscopy; "
         "MRS is observed with MIRI Medium Resolution Spectroscopy")
    ]


def test_ifu_is_nirspec_ifu_or_the_miri_mrs():
    text = one_row("NIRSpec IFU G235H", "NIRSpec Fixed Slit Spectroscopy")
    line, start, end = place(text, "NIRSpec IFU G235H", "IFU")
    assert findings(text, "PL511") == [
        (line, start, end,
         "label says NIRSpec IFU but the template is NIRSpec Fixed Slit Spectroscopy; "
         "NIRSpec IFU is observed with NIRSpec IFU Spectroscopy")
    ]
    text = one_row("IFU", "MIRI Low Resolution Spectroscopy")
    line, start, end = place(text, "| IFU |", "IFU")
    assert findings(text, "PL511") == [
        (line, start, end,
         "label says IFU but the template is MIRI Low Resolution Spectroscopy; "
         "IFU is observed with NIRSpec IFU Spectroscopy or MIRI Medium Resolution Spectroscopy")
    ]
    assert findings(one_row("MIRI IFU ch1", "MIRI Medium Resolution Spectroscopy"), "PL511") == []
    assert findings(one_row("IFU", "MIRI Medium Resolution Spectroscopy"), "PL511") == []


def test_wfss_instrument_word_decides():
    text = one_row("NIRCam WFSS GRISMR", "NIRISS Wide Field Slitless Spectroscopy")
    line, start, end = place(text, "NIRCam WFSS GRISMR", "WFSS")
    got = findings(text, "PL511")
    assert got[0] == (
        line, start, end,
        "label says NIRCam WFSS but the template is NIRISS Wide Field Slitless Spectroscopy; "
        "NIRCam WFSS is observed with NIRCam Wide Field Slitless Spectroscopy",
    )


def test_engineering_template_with_another_instruments_mode():
    text = one_row("MRS lamp check", "NIRSpec Internal Lamp")
    line, start, end = place(text, "MRS lamp check", "MRS")
    assert findings(text, "PL511") == [
        (line, start, end,
         "label says MRS but the template is NIRSpec Internal Lamp; "
         "MRS is observed with MIRI Medium Resolution Spectroscopy")
    ]


def test_coronagraphy_words_want_a_coronagraphic_template():
    text = one_row("NIRCam Coronagraphy ND square SWB", "NIRCam Imaging")
    line, start, end = place(text, "NIRCam Coronagraphy ND square SWB", "Coronagraphy")
    assert findings(text, "PL511") == [
        (line, start, end,
         "label says NIRCam Coronagraphy but the template is NIRCam Imaging; "
         "NIRCam Coronagraphy is observed with NIRCam Coronagraphic Imaging")
    ]


def test_two_words_for_one_mode_are_one_finding():
    text = one_row("NIRISS AMI NRM F380M", "NIRISS Imaging")
    line, start, end = place(text, "NIRISS AMI NRM", "AMI")
    assert findings(text, "PL511") == [
        (line, start, end,
         "label says AMI but the template is NIRISS Imaging; AMI is observed with NIRISS Aperture Masking Interferometry")
    ]


@pytest.mark.parametrize(
    "label, template",
    [
        ("NIRCam Imaging Sub1 60 Module B - SW", "NIRCam Engineering Imaging"),  # 4497 (seed)
        ("Coronagraphic Flats", "NIRCam Engineering Imaging"),  # 1063
        ("MIRI MRS dark", "MIRI Dark"),  # engineering: science-mode words of its own instrument
        ("NIRISS WFSS parallel", "NIRCam Imaging"),  # the parallel's own mode
        ("NIRCam pre-imaging for NIRSpec MOS", "NIRCam Imaging"),  # another named instrument: PL510's
        ("NIRSpec MOS", "NIRCam Imaging"),  # PL510 reports the instrument, not PL511 again
        ("miri lrs phase curve", "MIRI Low Resolution Spectroscopy"),  # 1366, lower case
        ("niriss soss eclipse", "NIRISS Single-Object Slitless Spectroscopy"),  # 1366
        ("NIRCam mosaic tile 3", "NIRCam Imaging"),  # `mosaic` does not hold MOS
        ("Dark cloud L1544", "NIRCam Imaging"),  # `dark` is not decisive
        ("GA-NIFS galaxy", "NIRSpec IFU Spectroscopy"),  # `GA` (a WFSC word) is not decisive
        ("Initial GA Image", "WFSC Global Alignment"),  # 1141, operations template
        ("NIRCam Grism TSO F322W2", "NIRCam Grism Time Series"),
        ("MIRI Coron 4QPM F1065C", "MIRI Coronagraphic Imaging"),
        ("NIRISS AMI NRM F380M", "NIRISS Aperture Masking Interferometry"),
        ("MIRI WFSS P750L", "MIRI Wide Field Slitless Spectroscopy"),
    ],
)
def test_label_mode_near_misses(label, template):
    assert findings(one_row(label, template), "PL511") == []


# ---------------------------------------------------------------- PL512


def test_optical_element_of_another_instrument():
    text = one_row("MIRI LRS G395H", "MIRI Low Resolution Spectroscopy")
    line, start, end = place(text, "MIRI LRS G395H", "G395H")
    assert findings(text, "PL512") == [
        (line, start, end,
         "G395H is an optical element of NIRSpec but the template is MIRI Low Resolution Spectroscopy, "
         "a template for MIRI")
    ]


def test_a_shared_filter_names_both_instruments():
    text = one_row("FS F444W", "NIRSpec Fixed Slit Spectroscopy")
    line, start, end = place(text, "FS F444W", "F444W")
    assert findings(text, "PL512") == [
        (line, start, end,
         "F444W is an optical element of NIRCam or NIRISS but the template is NIRSpec Fixed Slit Spectroscopy, "
         "a template for NIRSpec")
    ]


@pytest.mark.parametrize(
    "label, template, word, owners, other, own",
    [
        ("F1130W", "NIRCam Imaging", "F1130W", "MIRI", "MIRI", "NIRCam"),  # the blind spot
        ("deep field F770W", "NIRCam Wide Field Slitless Spectroscopy", "F770W", "MIRI", "MIRI", "NIRCam"),
        ("F322W2 mosaic", "MIRI Imaging", "F322W2", "NIRCam", "NIRCam", "MIRI"),
        ("F444W", "MIRI Imaging", "F444W", "NIRCam or NIRISS", "NIRCam or NIRISS", "MIRI"),  # both are parallels of MIRI Imaging
    ],
)
def test_optical_element_of_only_a_parallel_capable_instrument(label, template, word, owners, other, own):
    text = one_row(label, template)
    line, start, end = place(text, label, word)
    assert findings(text, "PL512") == [
        (line, start, end,
         f"{word} is an optical element of {owners}, which may run in coordinated parallel with {template}, "
         f"and the label has nothing of {own}; " + PARALLEL_HOW.format(other=other, own=own, rule="label-optical-element"))
    ]
    assert findings(text, "PL512", rule_settings={"label-optical-element": {"allow-parallel-only": True}}) == []


def test_every_element_of_a_dispersed_pair_is_read():
    text = one_row("LRS G140M/F100LP", "MIRI Low Resolution Spectroscopy")
    line = line_of(text, "LRS G140M/F100LP")
    got = [f[1:3] for f in findings(text, "PL512")]
    g = column_of(text, line, "G140M")
    f = column_of(text, line, "F100LP")
    assert got == [(g, g + 5), (f, f + 6)]


@pytest.mark.parametrize(
    "label, template",
    [
        ("F444W", "NIRISS Imaging"),  # NIRCam and NIRISS share filter names
        ("F444W", "NIRCam Imaging"),
        ("nircam f322w2", "NIRCam Grism Time Series"),  # 1366, lower case
        ("nirspec g395h", "NIRSpec Bright Object Time Series"),  # 1366
        ("nirspec prism", "NIRSpec Bright Object Time Series"),  # 1366
        ("NIRSpec FS prism", "NIRSpec Fixed Slit Spectroscopy"),  # 4497
        ("MIRI parallel F770W", "NIRCam Imaging"),  # MIRI named: PL510's word, not this rule's
        ("NIRCam F770W parallel", "NIRCam Imaging"),  # the prime named beside the parallel's filter
        ("F200W + F770W", "NIRCam Imaging"),  # the prime's own filter beside the parallel's
        ("NIRCam+MIRI parallel F1130W", "NIRCam Imaging"),
        ("WFSS F770W", "NIRCam Wide Field Slitless Spectroscopy"),  # the prime's own mode word
        ("NIRCam short exposures, clear sky", "NIRCam Imaging"),  # SHORT, CLEAR are ordinary words
        ("GOODS-S SW field", "NIRISS Imaging"),  # SW never decides
        ("NIRCam pre-imaging F200W for NIRSpec G395H", "NIRCam Imaging"),  # NIRSpec named: PL510's
        ("F212N segment image", "WFSC Commissioning"),  # operations template
        ("F770W", "Not A Template"),  # unknown templates are PL501's
    ],
)
def test_label_optical_element_near_misses(label, template):
    assert findings(one_row(label, template), "PL512") == []


# ---------------------------------------------------------------- the seeds, the CLI, the docs


def test_seeds_have_no_label_findings():
    assert not [line for line in seeds_concise() if " PL51" in line]


def test_label_rules_document_themselves():
    from proglint.pipeline import catalog

    infos = catalog()
    for code in ("PL510", "PL511", "PL512"):
        info = infos[code]
        assert info.severity.value == "warning" and info.enabled
        assert "**What it does.**" in info.documentation and "**Why it matters.**" in info.documentation
        assert "Fails" in info.documentation and "Passes" in info.documentation


def test_a_mode_word_written_with_a_dotted_capital_i_is_not_a_mode_and_does_not_crash():
    # 'AMİ' matches the case-insensitive mode pattern letter by letter but
    # casefolds to 'ami' plus a combining dot; PL511 crashed on it (fuzz s13:949855).
    from proglint.pipeline import lint
    from proglint.source import Source

    from conftest import DOC_HEAD, DOC_TAIL

    text = DOC_HEAD + "| F | 1 | NIRCam AMİ | NIRCam Imaging | (1) ABC |\n" + DOC_TAIL
    found = lint(Source.from_text("doc.txt", text))
    assert [d for d in found if d.code in ("PL511", "PL901")] == []
