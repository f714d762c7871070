"""rules/labels.py (PL510-PL512): the behaviour mutation testing found
unpinned (benchmarks/mutation.py): every word of a label is judged (a word
skipped early must not stop the ones after it), the related place, a mode
word narrowed only when the label names some but not all of its
instruments, a did-you-mean list of three or more templates, multi-word
mode spellings, and role words and operations templates from a team
vocabulary."""

from __future__ import annotations

from pathlib import Path

from proglint.config import Config, Layer
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import line_of, program_document

TEMPLATE_NOTE = "the Observing Template of this row"


def found(text: str, code: str, vocabulary: tuple[Path, ...] = ()) -> list[tuple]:
    """Every active finding of one selected code with its related places,
    and any crash (PL901): a rule that raises must not pass as one that
    found nothing."""
    config = Config(layers=(Layer(select=(code,)),), rule_time_budget=None, vocabulary=vocabulary)
    return [
        (d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message,
         tuple((r.span.start_line, r.span.start_column, r.span.end_column, r.message) for r in d.related))
        for d in active(lint(Source.from_text("doc.txt", text), config))
    ]


def row(label: str, template: str, number: int = 1) -> tuple:
    return ("", number, label, template, "(1) GD153")


def cell(text: str, label: str, word: str, nth: int = 1) -> tuple[int, int, int]:
    """(line, column, end column) of the nth ``word`` inside the Label cell ``label``."""
    line = line_of(text, f"| {label} |")
    row_text = text.split("\n")[line - 1]
    start = row_text.index(f"| {label} |") + 2
    at = -1
    for _ in range(nth):
        at = label.index(word, at + 1)
    return line, start + at + 1, start + at + 1 + len(word)


def note(text: str, label: str, template: str) -> tuple:
    line = line_of(text, f"| {label} |")
    column = text.split("\n")[line - 1].index(f"| {template} |") + 3
    return ((line, column, column + len(template), TEMPLATE_NOTE),)


def mode_finding(text, label, word, template, observed, nth=1, said=None):
    said = said or word
    return ("PL511", *cell(text, label, word, nth),
            f"label says {said} but the template is {template}; {said} is observed with {observed}",
            note(text, label, template))


def instrument_finding(text, label, word, template, instrument):
    return ("PL510", *cell(text, label, word),
            f"label names {word} but the template is {template}, a template for {instrument}; "
            f"use a template for {word} or correct the label",
            note(text, label, template))


def element_finding(text, label, word, owner, template, instrument):
    return ("PL512", *cell(text, label, word),
            f"{word} is an optical element of {owner} but the template is {template}, a template for {instrument}",
            note(text, label, template))


# -- PL511: each mode word judged on its own ----------------------------------------


def test_a_mode_list_of_three_or_more_templates_is_written_out_in_full_after_an_unlabelled_row():
    # TSO is not instrument_required: MIRI in the label does not narrow it to MIRI's templates
    fs = "NIRSpec Fixed Slit Spectroscopy"
    text = program_document(row("", "MIRI Imaging"), row("MIRI TSO", fs, 2))
    assert found(text, "PL511") == [mode_finding(
        text, "MIRI TSO", "TSO", fs,
        "NIRSpec Bright Object Time Series, NIRISS Single-Object Slitless Spectroscopy, NIRCam Grism Time Series, "
        "NIRCam Time Series, MIRI Low Resolution Spectroscopy, MIRI Imaging or MIRI Medium Resolution Spectroscopy")]


def test_a_mode_after_a_skipped_vocabulary_word_is_still_known():
    # GTS comes after KPI (decisive: false) in the vocabulary
    text = program_document(row("GTS", "MIRI Imaging"))
    assert found(text, "PL511") == [mode_finding(text, "GTS", "GTS", "MIRI Imaging", "NIRCam Grism Time Series")]


def test_a_required_instrument_that_has_none_of_the_modes_templates_does_not_narrow_it():
    fs = "NIRSpec Fixed Slit Spectroscopy"
    text = program_document(row("NIRSpec Coron", fs))
    assert found(text, "PL511") == [mode_finding(
        text, "NIRSpec Coron", "Coron", fs, "NIRCam Coronagraphic Imaging or MIRI Coronagraphic Imaging")]


def test_a_label_naming_every_instrument_of_a_mode_does_not_narrow_it():
    text = program_document(row("NIRSpec MIRI IFU", "NIRCam Imaging"))
    assert found(text, "PL511") == [mode_finding(
        text, "NIRSpec MIRI IFU", "IFU", "NIRCam Imaging", "NIRSpec IFU Spectroscopy or MIRI Medium Resolution Spectroscopy")]


def test_a_narrowed_mode_names_its_instrument():
    # near miss of the two above: MIRI narrows WFSS to MIRI's template
    text = program_document(row("MIRI WFSS", "MIRI Imaging"))
    assert found(text, "PL511") == [mode_finding(
        text, "MIRI WFSS", "WFSS", "MIRI Imaging", "MIRI Wide Field Slitless Spectroscopy", said="MIRI WFSS")]


def test_a_multi_word_mode_spelling_is_a_mode_word():
    fs = "NIRSpec Fixed Slit Spectroscopy"
    text = program_document(row("ND square", fs))
    assert found(text, "PL511") == [mode_finding(
        text, "ND square", "ND square", fs, "NIRCam Coronagraphic Imaging or MIRI Coronagraphic Imaging")]


def test_a_word_that_fits_the_template_does_not_stop_the_next():
    mrs = "MIRI Medium Resolution Spectroscopy"
    text = program_document(row("MRS LRS", mrs))
    assert found(text, "PL511") == [mode_finding(text, "MRS LRS", "LRS", mrs, "MIRI Low Resolution Spectroscopy")]


def test_a_parallel_mode_does_not_stop_the_next_word():
    text = program_document(row("NIRISS WFSS MRS", "NIRCam Imaging"))
    assert found(text, "PL511") == [mode_finding(
        text, "NIRISS WFSS MRS", "MRS", "NIRCam Imaging", "MIRI Medium Resolution Spectroscopy")]


def test_a_mode_of_another_named_instrument_does_not_stop_the_next_word():
    text = program_document(row("NIRCam NIRSpec MOS MRS", "NIRCam Imaging"))
    assert found(text, "PL511") == [mode_finding(
        text, "NIRCam NIRSpec MOS MRS", "MRS", "NIRCam Imaging", "MIRI Medium Resolution Spectroscopy")]


def test_an_engineering_template_skips_its_own_instruments_mode_but_not_the_next_word():
    eng = "NIRCam Engineering Imaging"
    text = program_document(row("GTS MRS", eng))
    assert found(text, "PL511") == [mode_finding(text, "GTS MRS", "MRS", eng, "MIRI Medium Resolution Spectroscopy")]


def test_two_words_of_one_conflict_are_one_finding_and_the_next_conflict_another():
    fs = "NIRSpec Fixed Slit Spectroscopy"
    text = program_document(row("AMI NRM MRS", fs))
    assert found(text, "PL511") == [
        mode_finding(text, "AMI NRM MRS", "AMI", fs, "NIRISS Aperture Masking Interferometry"),
        mode_finding(text, "AMI NRM MRS", "MRS", fs, "MIRI Medium Resolution Spectroscopy"),
    ]


def test_team_role_words_and_operations_templates(tmp_path):
    team = tmp_path / "team-vocab.yaml"
    team.write_text(
        "templates:\n"
        "  - {name: NIRCam Ops Test, instrument: NIRCam, kind: operations}\n"
        "  - {name: NIRCam Science Test, instrument: NIRCam, kind: science}\n"
        "abbreviations:\n"
        "  SKYX: {role: background, templates: [MIRI Imaging], match: [SKYX]}\n"
        "  GHOST: {templates: [No Such Template], match: [GHOST]}\n"  # no known template: skipped, not the end
        "  MODEX: {templates: [MIRI Imaging], match: [MODEX]}\n",
        encoding="utf-8",
    )
    fs = "NIRSpec Fixed Slit Spectroscopy"
    # an operations template is never judged, whatever its instrument; a role word is never a mode
    quiet = program_document(row("MRS", "NIRCam Ops Test"), row("SKYX", fs, 2))
    assert found(quiet, "PL511", (team,)) == []
    # near misses: the same words through a science template and a word without a role
    loud = program_document(row("MRS", "NIRCam Science Test"), row("MODEX", fs, 2))
    assert found(loud, "PL511", (team,)) == [
        mode_finding(loud, "MRS", "MRS", "NIRCam Science Test", "MIRI Medium Resolution Spectroscopy"),
        mode_finding(loud, "MODEX", "MODEX", fs, "MIRI Imaging"),
    ]


# -- PL510 -------------------------------------------------------------------------------


def test_a_parallel_instruments_mode_alone_is_parallel_only():
    text = program_document(row("MIRI MRS", "NIRCam Imaging"))
    assert found(text, "PL510") == [(
        "PL510", *cell(text, "MIRI MRS", "MIRI"),
        "label names only MIRI, which may run in coordinated parallel with NIRCam Imaging, and nothing of NIRCam; "
        "if MIRI runs in coordinated parallel, name both instruments in the label (such as 'NIRCam + MIRI parallel'); "
        "otherwise use a template for MIRI. A label kept as it is needs a suppression with its reason, or "
        "allow-parallel-only = true under [tool.proglint.rule.label-instrument]",
        note(text, "MIRI MRS", "NIRCam Imaging"),
    )]


def test_a_mode_word_of_the_templates_instrument_is_something_of_its_own():
    # near miss: GTS is NIRCam's (another NIRCam template), so the label names NIRCam after all
    assert found(program_document(row("MIRI GTS", "NIRCam Imaging")), "PL510") == []


def test_an_exception_a_parallel_and_a_repeat_do_not_stop_the_next_instrument():
    text = program_document(row("FGS NIRSpec", "NIRCam Imaging"), row("MIRI NIRSpec", "NIRCam Imaging", 2),
                            row("NIRSpec NRS FGS", "MIRI Imaging", 3))
    assert found(text, "PL510") == [
        instrument_finding(text, "FGS NIRSpec", "NIRSpec", "NIRCam Imaging", "NIRCam"),
        instrument_finding(text, "MIRI NIRSpec", "NIRSpec", "NIRCam Imaging", "NIRCam"),
        instrument_finding(text, "NIRSpec NRS FGS", "NIRSpec", "MIRI Imaging", "MIRI"),
        instrument_finding(text, "NIRSpec NRS FGS", "FGS", "MIRI Imaging", "MIRI"),
    ]


def test_rows_without_a_label_or_a_template_cell_are_skipped():
    head, _, tail = program_document(row("NIRSpec", "MIRI Imaging")).partition("| Folder |")
    _, _, rest = tail.partition("\n\n")
    no_label = (head + "| Folder | Observation | Observing Template | Science Target |\n| :-- | :-- | :-- | :-- |\n"
                "| | 1 | MIRI Imaging | (1) GD153 |\n\n" + rest)
    # a row cut short after its label has no template cell at all
    short = program_document(row("NIRSpec", "MIRI Imaging")).replace("| NIRSpec | MIRI Imaging | (1) GD153 |", "| NIRSpec |")
    for code in ("PL510", "PL511", "PL512"):
        assert found(no_label, code) == []
        assert found(short, code) == []


# -- PL512 -------------------------------------------------------------------------------


def test_an_own_element_does_not_stop_the_next_element():
    text = program_document(row("F770W G395H", "MIRI Imaging"))
    assert found(text, "PL512") == [element_finding(text, "F770W G395H", "G395H", "NIRSpec", "MIRI Imaging", "MIRI")]


def test_a_parallel_element_beside_an_own_one_does_not_stop_the_next_element():
    text = program_document(row("F200W F770W G395H", "NIRCam Imaging"))
    assert found(text, "PL512") == [
        element_finding(text, "F200W F770W G395H", "G395H", "NIRSpec", "NIRCam Imaging", "NIRCam")]


def test_a_parallel_only_element_does_not_stop_the_next_element():
    text = program_document(row("F770W G395H", "NIRCam Imaging"))
    assert found(text, "PL512") == [
        ("PL512", *cell(text, "F770W G395H", "F770W"),
         "F770W is an optical element of MIRI, which may run in coordinated parallel with NIRCam Imaging, and the "
         "label has nothing of NIRCam; if MIRI runs in coordinated parallel, name both instruments in the label "
         "(such as 'NIRCam + MIRI parallel'); otherwise use a template for MIRI. A label kept as it is needs a "
         "suppression with its reason, or allow-parallel-only = true under [tool.proglint.rule.label-optical-element]",
         note(text, "F770W G395H", "NIRCam Imaging")),
        element_finding(text, "F770W G395H", "G395H", "NIRSpec", "NIRCam Imaging", "NIRCam"),
    ]


def test_a_label_naming_the_templates_instrument_is_never_parallel_only(tmp_path):
    # a team pairs a template with another of its own instrument: NIRCam is then
    # one of NIRCam Imaging's parallels, and only naming NIRCam itself says so
    team = tmp_path / "team-vocab.yaml"
    team.write_text("coordinated_parallel_pairs:\n  - [NIRCam Imaging, NIRCam Wide Field Slitless Spectroscopy]\n",
                    encoding="utf-8")
    assert found(program_document(row("NIRCam F770W", "NIRCam Imaging")), "PL512", (team,)) == []
    # near miss: without NIRCam the MIRI filter is a parallel's alone
    text = program_document(row("F770W", "NIRCam Imaging"))
    assert [f[1:4] for f in found(text, "PL512", (team,))] == [cell(text, "F770W", "F770W")]
