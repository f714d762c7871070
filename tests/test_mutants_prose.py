"""rules/prose.py (PL530, PL531): the behaviour mutation testing found
unpinned (benchmarks/mutation.py): which lines of a section are prose (from
the line right under the heading, never the line above it), a table of
observatory templates only, unknown templates and labels, a second
mention after a used one, and PL531's wording and related place with one
section or two."""

from __future__ import annotations

from conftest import found, line_of, program_document

MIRI_ROW = ("", 1, "x", "MIRI Imaging", "(1) GD153")


def document(*rows, abstract: str = "Text.", description: str = "Text.") -> str:
    text = program_document(*rows).replace("## ABSTRACT\n\nText.", "## ABSTRACT\n\n" + abstract)
    return text.replace("## OBSERVING DESCRIPTION\n\nText.", "## OBSERVING DESCRIPTION\n\n" + description)


def at(text: str, needle: str, word: str) -> tuple[int, int, int]:
    line = line_of(text, needle)
    column = text.split("\n")[line - 1].index(word) + 1
    return line, column, column + len(word)


def unused(text, needle, word, table="the table's templates are for MIRI"):
    return ("PL530", *at(text, needle, word),
            f"the ABSTRACT names {word} ('{word}'), but no observation in the table uses {word} ({table}); "
            "describe the program the table lists, or add the missing observations", ())


# -- PL530 ---------------------------------------------------------------------------


def test_the_line_right_under_the_heading_is_prose():
    text = document(MIRI_ROW).replace("## ABSTRACT\n\nText.", "## ABSTRACT\nNIRSpec first.")
    assert found(text, "PL530") == [unused(text, "NIRSpec first.", "NIRSpec")]


def test_the_line_above_the_heading_is_not_the_sections():
    text = document(MIRI_ROW, abstract="MIRI imaging.").replace("---\n\n## ABSTRACT", "Note: NIRSpec.\n## ABSTRACT")
    assert found(text, "PL530") == []


def test_a_table_of_observatory_templates_only_is_said_so():
    text = document(("", 1, "x", "WFSC Global Alignment", "(1) GD153"), abstract="MIRI imaging.")
    assert found(text, "PL530") == [unused(text, "MIRI imaging.", "MIRI", "the table has observatory templates only")]


def test_a_mention_after_a_used_one_is_still_judged():
    text = document(MIRI_ROW, abstract="MIRI and NIRSpec.")
    assert found(text, "PL530") == [unused(text, "MIRI and NIRSpec.", "NIRSpec")]


def test_an_unknown_template_beside_known_ones_stops_the_comparison():
    assert found(document(MIRI_ROW, ("", 2, "x", "MIRI Imagng", "(1) GD153"), abstract="MIRI and NIRSpec."), "PL530") == []


def test_an_instrument_a_label_names_is_used():
    assert found(document(("", 1, "NIRSpec too", "MIRI Imaging", "(1) GD153"), abstract="MIRI and NIRSpec."), "PL530") == []


def test_a_table_without_a_label_column_still_compares():
    text = document(MIRI_ROW, abstract="MIRI and NIRSpec.")
    text = text.replace("| Folder | Observation | Label | Observing Template | Science Target |\n"
                        "| :----- | :---------- | :---- | :----------------- | :------------- |\n"
                        "|  | 1 | x | MIRI Imaging | (1) GD153 |",
                        "| Folder | Observation | Observing Template | Science Target |\n| :-- | :-- | :-- | :-- |\n"
                        "|  | 1 | MIRI Imaging | (1) GD153 |")
    assert "| Label |" not in text
    assert found(text, "PL530") == [unused(text, "MIRI and NIRSpec.", "NIRSpec")]


# -- PL531 ---------------------------------------------------------------------------


def test_with_both_sections_neither_mentions_and_the_description_is_related():
    text = document(MIRI_ROW, ("", 2, "x", "NIRCam Imaging", "(1) GD153"), ("", 3, "x", "NIRCam Imaging", "(1) GD153"),
                    abstract="MIRI imaging.")
    assert found(text, "PL531") == [(
        "PL531", *at(text, "| 2 |", "NIRCam Imaging"),
        "the table observes with NIRCam (NIRCam Imaging, 2 rows) but neither the ABSTRACT nor the OBSERVING "
        "DESCRIPTION mentions NIRCam, while the prose names MIRI; say what the NIRCam observations are for",
        ((*at(text, "## OBSERVING DESCRIPTION", "OBSERVING DESCRIPTION"), "the OBSERVING DESCRIPTION section"),),
    )]


def test_with_one_section_it_does_not_mention_and_one_row_is_one_row():
    text = document(MIRI_ROW, ("", 2, "x", "NIRSpec Fixed Slit Spectroscopy", "(1) GD153"), abstract="MIRI imaging.")
    text = text[: text.index("\n---\n\n## OBSERVING DESCRIPTION")]
    assert found(text, "PL531") == [(
        "PL531", *at(text, "| 2 |", "NIRSpec Fixed Slit Spectroscopy"),
        "the table observes with NIRSpec (NIRSpec Fixed Slit Spectroscopy, 1 row) but the ABSTRACT does not "
        "mention NIRSpec, while the prose names MIRI; say what the NIRSpec observations are for",
        ((*at(text, "## ABSTRACT", "ABSTRACT"), "the ABSTRACT section"),),
    )]


def test_every_label_is_read_while_a_mention_is_unexplained():
    # neither label names an instrument: reading the second one must not stop the check
    text = document(MIRI_ROW, ("", 2, "y", "MIRI Imaging", "(1) GD153"), abstract="MIRI and NIRSpec.")
    assert found(text, "PL530") == [unused(text, "MIRI and NIRSpec.", "NIRSpec")]
