"""rules/_vocabulary.py: a team's vocabulary file as the checks see it (new
templates and aliases, a template redefined, a template that takes NONE)
and a bad team file refused at its line, which mutation testing found
unpinned (benchmarks/mutation.py).  Each with the built-in vocabulary as
the near miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from proglint.config import Config
from proglint.config_file import ConfigError
from proglint.pipeline import lint
from proglint.source import Source

from conftest import DOC_HEAD, findings, line_of, program_document, seed_text

TEAM = """\
templates:
  - name: My Template
    instrument: MIRI
    kind: science
    aliases: [My Alias]
    needs_target: false
  - name: NIRSpec MultiObject Spectroscopy
    instrument: NIRSpec
    kind: science
"""
ROWS = (
    ("", 1, "a", "My Template", "NONE"),
    ("", 2, "b", "My Alias", "(1) X"),
    ("", 3, "c", "my  template", "(1) X"),
    ("", 4, "d", "NIRSpec MOS", "(1) X"),
)
UNKNOWN = "is not a known observing template; write the name as APT shows it (`proglint explain PL501` says how to add a new one)"


@pytest.fixture
def team(tmp_path) -> tuple[Path, ...]:
    path = tmp_path / "team.yaml"
    path.write_text(TEAM, encoding="utf-8")
    return (path,)


def at(text: str, row: int, template: str) -> tuple[int, int, int]:
    line = line_of(text, f"| {row} |")
    column = text.split("\n")[line - 1].index(template) + 1
    return line, column, column + len(template)


def test_a_team_template_and_its_alias_are_known(team):
    text = program_document(*ROWS)
    assert findings(text, "PL501", vocabulary=team) == [
        (*at(text, 4, "NIRSpec MOS"), "'NIRSpec MOS' is not a known observing template; did you mean "
         "'NIRSpec Bright Object Time Series'?"),
    ]
    assert findings(text, "PL502", vocabulary=team) == [
        (*at(text, 2, "My Alias"), "'My Alias' is an alias of the template 'My Template'; write 'My Template'"),
        (*at(text, 3, "my  template"), "'my  template' is written differently from the template 'My Template'; "
         "write 'My Template'"),
    ]


def test_without_the_team_file_they_are_unknown_and_the_builtin_alias_stands():
    text = program_document(*ROWS)
    assert findings(text, "PL501") == [
        (*at(text, 1, "My Template"), f"'My Template' {UNKNOWN}"),
        (*at(text, 2, "My Alias"), f"'My Alias' {UNKNOWN}"),
        (*at(text, 3, "my  template"), f"'my  template' {UNKNOWN}"),
    ]
    assert findings(text, "PL502") == [
        (*at(text, 4, "NIRSpec MOS"), "'NIRSpec MOS' is an alias of the template 'NIRSpec MultiObject Spectroscopy'; "
         "write 'NIRSpec MultiObject Spectroscopy'"),
    ]


def test_a_team_template_that_needs_no_target_takes_none(team, tmp_path):
    text = program_document(("", 1, "a", "My Template", "NONE"))
    assert findings(text, "PL323", vocabulary=team) == []
    needing = tmp_path / "needing.yaml"
    needing.write_text(TEAM.replace("    needs_target: false\n", ""), encoding="utf-8")
    line, column, _ = at(text, 1, "NONE")
    assert findings(text, "PL323", vocabulary=(needing,)) == [
        (line, column, column + 4, "My Template observes a target, so the Science Target cannot be NONE; write it as "
         "(N) NAME (only templates without a target, such as NIRSpec Internal Lamp, take NONE)"),
    ]


def refusal(tmp_path, content: str | None) -> tuple:
    path = tmp_path / "bad.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        lint(Source.from_text("doc.txt", program_document(("", 1, "a", "MIRI Imaging", "(1) X"))), Config(vocabulary=(path,)))
    return Path(caught.value.path).name, caught.value.line, caught.value.message


def test_a_missing_team_file_is_refused(tmp_path):
    assert refusal(tmp_path, None) == ("bad.yaml", None, "the vocabulary file does not exist")


def test_a_team_file_that_is_not_yaml_is_refused_at_its_line(tmp_path):
    name, line, message = refusal(tmp_path, "cycles:\n  allowed: [\n")
    assert (name, line) == ("bad.yaml", 3)
    assert message.startswith("invalid YAML: while parsing a flow node")


def test_a_team_file_the_schema_rejects_is_refused_at_the_bad_value(tmp_path):
    bad = "templates:\n  - name: A\n    instrument: MIRI\n    kind: sciense\n"
    assert refusal(tmp_path, bad) == (
        "bad.yaml", 4, "templates/0/kind: 'sciense' is not one of ['science', 'engineering', 'operations']")


def test_a_bad_item_of_a_block_list_is_found_at_its_own_line(tmp_path):
    bad = "cycles:\n  allowed:\n    - 1\n    - 2\n    - x\n"
    assert refusal(tmp_path, bad) == ("bad.yaml", 5, "cycles/allowed/2: 'x' is not of type 'integer'")


def test_a_team_file_that_is_an_empty_mapping_adds_nothing(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    text = program_document(*ROWS)
    assert findings(text, "PL502", vocabulary=(empty,)) == findings(text, "PL502")


@pytest.mark.parametrize(("cell", "advice"), [
    # 9 of 12 characters in common: 0.75, the cutoff, is close enough
    ("MIRI Imagxxx", "did you mean 'MIRI Imaging'?"),
    # 8 of 12 (0.67) is not: difflib's own default cutoff, 0.6, would take it
    ("MIRI Imaxxxx", "write the name as APT shows it (`proglint explain PL501` says how to add a new one)"),
    # six characters against the ten of the alias 'NIRSpec FS': lengths exactly as far apart as the cutoff allows
    ("NIRSpe", "did you mean 'NIRSpec Fixed Slit Spectroscopy'?"),
    # a cell longer than the remembered ones is still compared, just not remembered
    ("MIRI Imaging" + "x" * 250, "write the name as APT shows it (`proglint explain PL501` says how to add a new one)"),
])
def test_did_you_mean_takes_names_up_to_the_cutoff(cell, advice):
    text = program_document(("", 1, "a", cell, "(1) X"))
    assert findings(text, "PL501") == [(*at(text, 1, cell), f"'{cell}' is not a known observing template; {advice}")]


# -- background-name markers (find_marker), seen through PL541 ----------------------------------


def pl541(name: str) -> list[tuple]:
    text = program_document(("", 1, "MIRI obs", "MIRI Imaging", f"(1) {name}"))
    line = line_of(text, "| MIRI obs |")
    column = text.split("\n")[line - 1].index(name) + 1
    return findings(text, "PL541"), [
        (line, column, column + len(name), f"{name} is a background target but the label 'MIRI obs' does not say so; "
         "write BKG in the label of a background observation, or point the row at its science target"),
    ]


@pytest.mark.parametrize("name", [
    "BKG_A",  # 'BKG_' at the very start, a letter after its '_'
    "1BKG_A",  # 'BKG_' after a digit
    "A_SKY_SKYX",  # '_sky' twice: the first stands alone, the second runs into 'X'
    "A_SKYX_SKY_SKYX",  # three times: only the middle one stands alone
])
def test_a_marker_that_stands_apart_makes_a_background_name(name):
    got, expected = pl541(name)
    assert got == expected


@pytest.mark.parametrize("name", [
    "XBKG_A",  # 'BKG_' runs on from a letter
    "A_SKYX",  # '_sky' runs into a letter
])
def test_a_marker_inside_a_word_does_not(name):
    got, _ = pl541(name)
    assert got == []


def test_of_several_schema_errors_the_first_by_path_is_reported(tmp_path):
    bad = "templates:\n  - name: A\n    instrument: MIRI\n    kind: sciense\ncycles:\n  allowed: [x]\n"
    assert refusal(tmp_path, bad) == ("bad.yaml", 6, "cycles/allowed/0: 'x' is not of type 'integer'")
    swapped = "cycles:\n  allowed: [x]\ntemplates:\n  - name: A\n    instrument: MIRI\n    kind: sciense\n"
    assert refusal(tmp_path, swapped) == ("bad.yaml", 2, "cycles/allowed/0: 'x' is not of type 'integer'")


# -- a team file's other sections, merged over the built-in ones (_merge), seen through the label checks -------------

FS = "NIRSpec Fixed Slit Spectroscopy"


def team_file(tmp_path, content: str) -> tuple[Path, ...]:
    path = tmp_path / "team.yaml"
    path.write_text(content, encoding="utf-8")
    return (path,)


def label_rows(*labels: str) -> str:
    return program_document(*(("", n, label, FS, "(1) X") for n, label in enumerate(labels, 1)))


def label_at(text: str, row: int, word: str) -> tuple[int, int, int]:
    line = line_of(text, f"| {row} |")
    column = text.split("\n")[line - 1].index(word) + 1
    return line, column, column + len(word)


def names_miri(text: str, row: int, word: str) -> tuple:
    return (*label_at(text, row, word), f"label names MIRI but the template is {FS}, a template for NIRSpec; "
            "use a template for MIRI or correct the label")


def test_a_team_instrument_word_is_added_to_the_built_in_ones(tmp_path):
    text = label_rows("Mirage look", "MIRI look")
    team = team_file(tmp_path, "instruments:\n  MIRI:\n    words: [Mirage]\n")
    assert findings(text, "PL510", vocabulary=team) == [names_miri(text, 1, "Mirage"), names_miri(text, 2, "MIRI")]
    assert findings(text, "PL510") == [names_miri(text, 2, "MIRI")]


def test_a_team_label_exception_is_added_to_the_built_in_ones(tmp_path):
    text = label_rows("MIRI look")
    team = team_file(tmp_path, f"label_instrument_exceptions:\n  - {{template: {FS}, instrument: MIRI}}\n")
    assert findings(text, "PL510", vocabulary=team) == []
    assert findings(text, "PL510") == [names_miri(text, 1, "MIRI")]
    # the built-in exception stays: FGS named under NIRCam Imaging
    fgs = program_document(("", 1, "FGS-1 test", "NIRCam Imaging", "(1) X"))
    assert findings(fgs, "PL510", vocabulary=team) == []


def test_a_team_parallel_pair_makes_a_label_naming_the_parallel_alone_read_as_one(tmp_path):
    text = label_rows("MIRI look")
    team = team_file(tmp_path, f"coordinated_parallel_pairs:\n  - [{FS}, MIRI Imaging]\n")
    assert findings(text, "PL510", vocabulary=team) == [(
        *label_at(text, 1, "MIRI"),
        f"label names only MIRI, which may run in coordinated parallel with {FS}, and nothing of NIRSpec; if MIRI runs "
        "in coordinated parallel, name both instruments in the label (such as 'NIRSpec + MIRI parallel'); otherwise "
        "use a template for MIRI. A label kept as it is needs a suppression with its reason, or allow-parallel-only = "
        "true under [tool.proglint.rule.label-instrument]",
    )]
    assert findings(text, "PL510") == [names_miri(text, 1, "MIRI")]


def element_of_miri(text: str, row: int, word: str) -> tuple:
    return (*label_at(text, row, word), f"{word} is an optical element of MIRI but the template is {FS}, a template for NIRSpec")


def test_a_team_optical_element_is_added_to_the_built_in_ones(tmp_path):
    text = label_rows("F9999W", "F560W")
    team = team_file(tmp_path, "optical_elements:\n  MIRI: [F9999W]\n")
    assert findings(text, "PL512", vocabulary=team) == [element_of_miri(text, 1, "F9999W"), element_of_miri(text, 2, "F560W")]
    assert findings(text, "PL512") == [element_of_miri(text, 2, "F560W")]


def test_a_team_common_word_no_longer_decides_and_a_note_is_no_element(tmp_path):
    # the note is text, not a list of elements: read as one, its letters 'a' and 'x' would be elements of 'note'
    text = label_rows("F560W", "F770W", "a", "x")
    team = team_file(tmp_path, "optical_elements:\n  common_words: [F560W]\n  note: a x\n")
    assert findings(text, "PL512", vocabulary=team) == [element_of_miri(text, 2, "F770W")]
    # the built-in common words stay common: SHORT is MIRI's, but never decides
    assert findings(label_rows("SHORT", "F560W"), "PL512", vocabulary=team) == []


def background(name: str) -> str:
    return (f"{name} is a background target but the label 'MIRI obs' does not say so; write BKG in the label of a "
            "background observation, or point the row at its science target")


def test_team_background_markers_are_added_to_the_built_in_ones(tmp_path):
    text = program_document(*(("", n, "MIRI obs", "MIRI Imaging", f"({n}) {name}") for n, name in
                              enumerate(("X-OFF", "Y-BKG", "Z-WOFF", "W-WBKG"), 1)))

    def place(name):
        line = line_of(text, f") {name} |")
        column = text.split("\n")[line - 1].index(name) + 1
        return line, column, column + len(name)

    assert findings(text, "PL541") == [(*place("Y-BKG"), background("Y-BKG"))]
    team = team_file(tmp_path, "targets:\n  background_name_markers: [-OFF, -WOFF]\n  with_background_markers: [-WOFF]\n")
    # '-WOFF' is a with-background marker: the science target, as the built-in '-WBKG' is
    assert findings(text, "PL541", vocabulary=team) == [(*place("X-OFF"), background("X-OFF")), (*place("Y-BKG"), background("Y-BKG"))]


# -- ... and through the prose checks (PL530, PL531) and the program checks (PL113) ---------------------------------

NIRISS_ONLY = [("", 1, "", "NIRISS Aperture Masking Interferometry", "(1) AB-DOR")]
FLUX = [("GD153", 1, "MIRI Imaging", "MIRI Imaging", "(1) GD153"),
        ("", 2, "NIRCam Imaging Sub1 60 Module B - SW", "NIRCam Engineering Imaging", "(1) GD153")]


def with_prose(rows, abstract: str = "Text.", description: str = "Text.") -> str:
    table = "\n".join("| " + " | ".join(str(c) for c in row) + " |" for row in rows)
    return DOC_HEAD + table + "\n\n---\n\n## ABSTRACT\n\n" + abstract + "\n\n---\n\n## OBSERVING DESCRIPTION\n\n" + description


def unused(text: str, word: str, instrument: str) -> tuple:
    line = line_of(text, word)
    column = text.split("\n")[line - 1].index(word) + 1
    return (line, column, column + len(word), f"the OBSERVING DESCRIPTION names {instrument} ('{word}'), but no observation in "
            f"the table uses {instrument} (the table's templates are for NIRISS); describe the program the table lists, "
            "or add the missing observations")


def test_team_prose_words_and_guiding_instruments_are_added_to_the_built_in_ones(tmp_path):
    team = team_file(tmp_path, "prose:\n  guiding_instruments: [MIRI]\n  instrument_words:\n    NIRSpec: [the spectrograph]\n")
    text = with_prose(NIRISS_ONLY, description="With MIRI, FGS and the spectrograph.")
    # MIRI now guides, as FGS still does; the spectrograph is NIRSpec's
    assert findings(text, "PL530", vocabulary=team) == [unused(text, "the spectrograph", "NIRSpec")]
    assert findings(text, "PL530") == [unused(text, "MIRI", "MIRI")]
    builtin = with_prose(NIRISS_ONLY, description="With NIRSpec.")
    assert findings(builtin, "PL530", vocabulary=team) == [unused(builtin, "NIRSpec", "NIRSpec")]


def test_a_team_all_instruments_phrase_is_added_to_the_built_in_ones(tmp_path):
    team = team_file(tmp_path, "prose:\n  all_instruments: [the whole fleet]\n")
    text = with_prose(FLUX, abstract="Flux calibration of the whole fleet, with MIRI.")
    line = line_of(text, "NIRCam Engineering Imaging")
    column = text.split("\n")[line - 1].index("NIRCam Engineering Imaging") + 1
    assert findings(text, "PL531") == [(
        line, column, column + len("NIRCam Engineering Imaging"),
        "the table observes with NIRCam (NIRCam Engineering Imaging, 1 row) but neither the ABSTRACT nor the OBSERVING "
        "DESCRIPTION mentions NIRCam, while the prose names MIRI; say what the NIRCam observations are for",
    )]
    assert findings(text, "PL531", vocabulary=team) == []
    builtin = with_prose(FLUX, abstract="Flux calibration of all JWST instruments, with MIRI.")
    assert findings(builtin, "PL531", vocabulary=team) == []


def access(kind: str, months: int) -> str:
    return program_document(("", 1, "a", "MIRI Imaging", "(1) X")).replace(
        'proposal_type: "calibration"', f'proposal_type: "{kind}"').replace(
        'exclusive_access_period_months: ""', f"exclusive_access_period_months: {months}")


@pytest.mark.parametrize(("kind", "months", "shown", "alone"), [
    ("calibration", 12, "'calibration' (CAL)", True),  # the built-in period and word stay
    ("calibration", 24, "'calibration' (CAL)", False),  # the team's period: the built-in ones leave 24 to the schema
    ("calibration run", 12, "'calibration run' (CAL)", False),  # the team's word for CAL
    ("CAL/MIRI", 24, "CAL/MIRI", False),
])
def test_team_access_periods_and_type_words_are_added_to_the_built_in_ones(tmp_path, kind, months, shown, alone):
    team = team_file(tmp_path, "exclusive_access_period_months: {allowed: [24]}\nprogram_types:\n  seed_style_words: {calibration run: CAL}\n")
    text = access(kind, months)
    line = line_of(text, "exclusive_access_period_months:")
    column = text.split("\n")[line - 1].index(str(months)) + 1
    expected = [(line, column, column + len(str(months)), f"exclusive_access_period_months is {months}, but proposal_type says "
                 f"{shown}: CAL data have no exclusive access period; write 0 (or correct the type)")]
    assert findings(text, "PL113", vocabulary=team) == expected
    assert findings(text, "PL113") == (expected if alone else [])


def test_a_team_abbreviation_is_added_to_the_built_in_ones(tmp_path):
    text = label_rows("X-MODE", "MRS")
    team = team_file(tmp_path, "abbreviations:\n  XMODE: {templates: [MIRI Imaging], instrument: MIRI, match: [XMODE, X-MODE]}\n")

    def says(row, word, template):
        return (*label_at(text, row, word), f"label says {word} but the template is {FS}; {word} is observed with {template}")

    assert findings(text, "PL511", vocabulary=team) == [says(1, "X-MODE", "MIRI Imaging"),
                                                       says(2, "MRS", "MIRI Medium Resolution Spectroscopy")]
    assert findings(text, "PL511") == [says(2, "MRS", "MIRI Medium Resolution Spectroscopy")]


def test_a_team_url_form_is_added_to_the_built_in_ones(tmp_path):
    team = team_file(tmp_path, 'urls:\n  - "https://example.org/programs/{id}"\n')
    builtin = "https://www.stsci.edu/jwst/science-execution/program-information?id=1071"
    seed = seed_text("1071.txt")
    assert builtin in seed
    text = seed.replace(builtin, "https://example.org/programs/1071")
    line = line_of(text, "https://example.org/programs/1071")
    assert findings(text, "PL123") == [(
        line, 1, 34, "'https://example.org/programs/1071' is not an STScI program-information URL; write "
        f"{builtin} (or https://www.stsci.edu/jwst-program-info/program/?program=1071)",
    )]
    assert findings(text, "PL123", vocabulary=team) == []
    assert findings(seed, "PL123", vocabulary=team) == []


def test_the_longest_team_phrase_is_the_one_found_and_an_empty_word_list_finds_nothing(tmp_path):
    # 'the spectrograph' also stands at the start of 'The Spectrograph unit', before a space: the longer phrase is
    # tried first, whatever its case; an instrument with no prose words yet names nothing (and breaks nothing)
    team = team_file(tmp_path, "prose:\n  instrument_words:\n    NIRSpec: [the spectrograph, The Spectrograph unit]\n    Telescope: []\n")
    text = with_prose(NIRISS_ONLY, description="With The Spectrograph unit and MIRI.")
    line = line_of(text, "With The Spectrograph")

    def named(word, instrument):
        column = text.split("\n")[line - 1].index(word) + 1
        return (line, column, column + len(word), f"the OBSERVING DESCRIPTION names {instrument} ('{word}'), but no "
                f"observation in the table uses {instrument} (the table's templates are for NIRISS); describe the "
                "program the table lists, or add the missing observations")

    assert findings(text, "PL530", vocabulary=team) == [named("The Spectrograph unit", "NIRSpec"), named("MIRI", "MIRI")]


def test_a_blank_team_phrase_is_no_phrase(tmp_path):
    # ' ' passes the schema's minLength; read as a phrase it would match between any two non-letters
    team = team_file(tmp_path, 'prose:\n  all_instruments: [" "]\n')
    text = with_prose(FLUX, abstract="Flux calibration, with MIRI.")
    line = line_of(text, "NIRCam Engineering Imaging")
    column = text.split("\n")[line - 1].index("NIRCam Engineering Imaging") + 1
    assert findings(text, "PL531", vocabulary=team) == [(
        line, column, column + len("NIRCam Engineering Imaging"),
        "the table observes with NIRCam (NIRCam Engineering Imaging, 1 row) but neither the ABSTRACT nor the OBSERVING "
        "DESCRIPTION mentions NIRCam, while the prose names MIRI; say what the NIRCam observations are for",
    )]


# -- a bad team file, refused with libyaml's own words (the C loader proglint reads YAML with) ----------------------


def test_a_team_file_that_is_not_a_mapping_is_refused_as_a_whole(tmp_path):
    assert refusal(tmp_path, "- a\n") == ("bad.yaml", 1, "the file: ['a'] is not of type 'object'")


def test_a_control_character_is_refused_without_a_line(tmp_path):
    # the reader has no line for it, only a position; PyYAML's pure-Python reader words it "special characters"
    assert refusal(tmp_path, "a: \x07\n") == (
        "bad.yaml", None, 'invalid YAML: unacceptable character #x0007: control characters are not allowed\n'
        '  in "<unicode string>", position 3')


def test_a_team_file_that_is_not_yaml_is_refused_in_libyaml_s_words(tmp_path):
    assert refusal(tmp_path, "cycles:\n  allowed: [\n") == (
        "bad.yaml", 3, 'invalid YAML: while parsing a flow node\ndid not find expected node content\n'
        '  in "<unicode string>", line 3, column 1')


def test_a_rule_called_as_a_plain_function_uses_the_built_in_vocabulary():
    # Rule.__call__ gives a context with no shared data: no team files, not an error
    from proglint.config import Config
    from proglint.pipeline import registry_for

    from conftest import doc

    check = next(r for r in registry_for(Config()).rules if r.info.code == "PL501")
    text = program_document(("", 1, "a", "MIRI Imagxxx", "(1) X"))
    found = [(f.span.start_line, f.span.start_column, f.span.end_column, f.message) for f in check(doc(text))]
    assert found == [(*at(text, 1, "MIRI Imagxxx"), "'MIRI Imagxxx' is not a known observing template; did you mean 'MIRI Imaging'?")]
