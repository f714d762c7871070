"""rules/table_coherence.py (PL222, PL405): the behaviour mutation testing
found unpinned (benchmarks/mutation.py): PL222 comparing templates as APT
does (aliases, case and spacing, unknown names too), the row without a
number, the related place; PL405 naming a word once, every folder judged
(a folder skipped early must not stop the next), the 500-character limit,
engineering and parallel templates that use a mode, and the instrument
named by its vocabulary key."""

from __future__ import annotations

from conftest import found, program_document

LRS = "MIRI Low Resolution Spectroscopy"
FS = "NIRSpec Fixed Slit Spectroscopy"


def cell(text: str, line: int, column: int) -> tuple[int, int, int]:
    """The span of the text of cell ``column`` (1 = Folder) on ``line``."""
    row = text.split("\n")[line - 1]
    bars = [i for i, ch in enumerate(row) if ch == "|"]
    value = row[bars[column - 1] + 1 : bars[column]]
    start = bars[column - 1] + 1 + (len(value) - len(value.lstrip())) + 1
    return line, start, start + len(value.strip())


FIRST = program_document(("", 1, "x", "MIRI Imaging", "(1) GD153")).split("\n").index("|  | 1 | x | MIRI Imaging | (1) GD153 |") + 1


# -- PL222 -------------------------------------------------------------------------------


def repeat(text, line, first_line, number):
    return ("PL222", *cell(text, line, 3),
            f"this row repeats {number} on line {first_line} exactly (template, target and label); if the repeat is "
            "deliberate, say so in the label (such as 'visit 2'), otherwise remove the row",
            ((*cell(text, first_line, 3), f"{number} has the same template, target and label"),))


def test_templates_are_compared_as_apt_does_even_unknown_ones():
    text = program_document(
        ("", 1, "", "MIRI Imaging", "(1) GD153"),  # no label: never compared
        ("", 2, "A", "NIRSpec FS", "(1) GD153"),
        ("", 3, "A", FS, "(1)  GD153"),  # the alias's template, the target with more spaces
        ("", 4, "B", "MIRI Imagng", "(1) GD153"),
        ("", 5, "B", "miri  imagng", "(1) GD153"),  # the same unknown name in another case and spacing
    )
    assert found(text, "PL222") == [
        repeat(text, FIRST + 2, FIRST + 1, "observation 2"),
        repeat(text, FIRST + 4, FIRST + 3, "observation 4"),
    ]


def test_a_first_row_without_a_number_is_the_row():
    text = program_document(("", "", "A b", "MIRI Imaging", "(1) GD153"), ("", 2, "A  b", "MIRI Imaging", "(1) GD153"))
    assert found(text, "PL222") == [repeat(text, FIRST + 1, FIRST, "the row")]


# -- PL405 -------------------------------------------------------------------------------


def names(text, line, word, what, rows, holds):
    folder = cell(text, line, 1)
    start = text.split("\n")[line - 1].index(word) + 1
    verdict = f"none of its {rows} observations uses {what}" if rows > 1 else f"its one observation does not use {what}"
    name = text.split("\n")[line - 1][folder[1] - 1 : folder[2] - 1]
    return ("PL405", line, start, start + len(word),
            f"folder '{name}' names {what}, but {verdict} (the folder holds {holds}); rename the folder or move the observations",
            ())


def test_each_word_once_and_every_folder_judged():
    text = program_document(
        ("GD153", 1, "x", FS, "(1) GD153"),  # named after a target: skipped
        ("Plain", 2, "x", FS, "(1) GD153"),  # no instrument or mode word
        ("MIRI odd", 3, "x", "MIRI Imagng", "(1) GD153"),  # an unknown template: PL501's
        ("MIRI LRS MRS, MIRI LRS", 4, "x", LRS, "(1) GD153"),  # MIRI and LRS are used, MRS is not
        ("NRS NIRSpec MRS MRS", 5, "x", "MIRI Imaging", "(1) GD153"),
    )
    assert found(text, "PL405") == [
        names(text, FIRST + 3, "MRS", "MRS", 1, LRS),
        names(text, FIRST + 4, "NRS", "NIRSpec", 1, "MIRI Imaging"),
        names(text, FIRST + 4, "MRS", "MRS", 1, "MIRI Imaging"),
    ]


def test_folders_are_judged_one_by_one():
    text = program_document(("MIRI", 1, "x", "MIRI Imaging", "(1) GD153"), ("LRS", 2, "x", FS, "(2) HD1"),
                            ("", 3, "x", FS, ""))  # a row without a target
    assert found(text, "PL405") == [names(text, FIRST + 1, "LRS", "LRS", 2, FS)]


def test_a_folder_name_of_500_characters_is_read_and_one_of_501_is_not():
    text = program_document(("MIRI " + "x" * 495, 1, "x", FS, "(1) GD153"), ("MIRI " + "y" * 496, 2, "x", FS, "(1) GD153"))
    assert [f[:4] for f in found(text, "PL405")] == [("PL405", FIRST, 3, 7)]


def test_an_engineering_template_of_the_modes_instrument_uses_the_mode():
    text = program_document(("GTS checks", 1, "x", "NIRCam Engineering Imaging", "(1) GD153"),
                            ("MRS checks", 2, "x", "NIRCam Engineering Imaging", "(1) GD153"))
    assert found(text, "PL405") == [names(text, FIRST + 1, "MRS", "MRS", 1, "NIRCam Engineering Imaging")]


def test_a_template_that_runs_the_mode_in_parallel_uses_it():
    assert found(program_document(("WFSS parallels", 1, "x", "NIRCam Imaging", "(1) GD153")), "PL405") == []
    # near miss: a template with no parallel for it
    text = program_document(("WFSS parallels", 1, "x", FS, "(1) GD153"))
    assert found(text, "PL405") == [names(text, FIRST, "WFSS", "WFSS", 1, FS)]


def test_a_row_without_a_template_cell_and_a_table_without_folders_are_skipped():
    text = program_document(("MIRI LRS", 1, "x", FS, "(1) GD153"))
    short = text.replace(f"| MIRI LRS | 1 | x | {FS} | (1) GD153 |", "| MIRI LRS | 1 | x |")
    assert short != text
    assert found(short, "PL405") == []
    no_folder = text.replace("| Folder | Observation | Label | Observing Template | Science Target |\n"
                             "| :----- | :---------- | :---- | :----------------- | :------------- |\n"
                             f"| MIRI LRS | 1 | x | {FS} | (1) GD153 |",
                             "| Observation | Label | Observing Template | Science Target |\n| :-- | :-- | :-- | :-- |\n"
                             f"| 1 | x | {FS} | (1) GD153 |")
    assert "| Folder |" not in no_folder
    assert found(no_folder, "PL405") == []
    # near miss: the full row in its folder is reported
    assert [f[4][:31] for f in found(text, "PL405")] == ["folder 'MIRI LRS' names MIRI, b", "folder 'MIRI LRS' names LRS, bu"]
