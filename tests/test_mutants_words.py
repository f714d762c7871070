"""Word and marker boundaries in the vocabulary rules (rules/background.py,
rules/_vocabulary.py, rules/labels.py, rules/structure.py) that mutation
testing found unpinned (benchmarks/mutation.py): each with a triggering
document and a near miss."""

from __future__ import annotations

from proglint.config import Config, Layer
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import column_of, line_of, program_document

MRS = "MIRI Medium Resolution Spectroscopy"


def found(text: str, code: str) -> list[tuple]:
    config = Config(layers=(Layer(select=(code,)),), rule_time_budget=None)
    return [(d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message)
            for d in active(lint(Source.from_text("doc.txt", text), config))]


def at(text: str, needle: str, on: str | None = None) -> tuple[int, int, int]:
    line = line_of(text, on or needle)
    column = column_of(text, line, needle)
    return line, column, column + len(needle)


def test_sky_followed_by_a_hyphen_and_a_digit_is_the_word_sky():
    text = program_document(("", 1, "MIRI sky-2", "MIRI Imaging", "(1) GD153"))
    assert found(text, "PL540") == [
        ("PL540", *at(text, "sky", "MIRI sky-2"),
         "label says sky but the target GD153 is not a background target; point a background observation at a "
         "background target (such as GD153-BKG) or drop sky from the label"),
    ]


def test_sky_followed_by_a_hyphen_and_a_word_is_something_else():
    assert found(program_document(("", 1, "MIRI sky-subtracted", "MIRI Imaging", "(1) GD153")), "PL540") == []


def test_a_marker_must_not_start_in_the_middle_of_a_word():
    science = ("", 1, "MIRI MRS", MRS, "(1) Oph")
    text = program_document(science, ("", 2, "MIRI MRS", MRS, "(2) Oph_BKG_A"))
    assert found(text, "PL541") == [
        ("PL541", *at(text, "Oph_BKG_A"),
         "Oph_BKG_A is a background target but the label 'MIRI MRS' does not say so; write BKG in the label of a "
         "background observation, or point the row at its science target"),
    ]
    assert found(program_document(science, ("", 2, "MIRI MRS", MRS, "(2) OphBKG_A")), "PL541") == []


def test_an_instrument_name_followed_by_a_digit_names_the_instrument():
    text = program_document(("", 1, "NIRCam2 image", "MIRI Imaging", "(1) GD153"))
    assert [f[:4] for f in found(text, "PL510")] == [("PL510", *at(text, "NIRCam", "NIRCam2 image"))]
    # a near miss: letters after the name make another word
    assert found(program_document(("", 1, "NIRCamera image", "MIRI Imaging", "(1) GD153")), "PL510") == []


def test_dashes_running_into_text_are_text_not_a_separator():
    base = program_document(("", 1, "MIRI", "MIRI Imaging", "(1) GD153"))
    assert found(base.replace("## ABSTRACT\n\nText.", "## ABSTRACT\n\n---text"), "PL023") == []
    separated = base.replace("## ABSTRACT\n\nText.", "## ABSTRACT\n\n- - -")
    assert found(separated, "PL023") == [
        ("PL023", *at(separated, "ABSTRACT", "## ABSTRACT"),
         "the 'ABSTRACT' section has no text (only blank lines or separators); write the program's abstract under it"),
    ]
