"""rules/background.py (PL540-PL543): the behaviour mutation testing found
unpinned (benchmarks/mutation.py): the related places, every row judged (a
row skipped early must not stop the ones after it), what may follow `sky`
(`sky-a1`, `sky - flat`, `sky (flat)`), NONE targets, and PL543's pairing
across folders and rows without a folder."""

from __future__ import annotations

from conftest import found, program_document

MRS = "MIRI Medium Resolution Spectroscopy"


def place(text: str, number: int, word: str, after: str = "") -> tuple[int, int, int]:
    """(line, column, end column) of ``word`` on the row of observation
    ``number`` (searched from the first ``after`` on that row)."""
    lines = text.split("\n")
    line = next(i for i, row in enumerate(lines, 1) if row.startswith("|") and row.split("|")[2].strip() == str(number))
    start = lines[line - 1].index(word, lines[line - 1].index(after) if after else 0)
    return line, start + 1, start + 1 + len(word)


def says_bkg(text, number, word, target):
    return ("PL540", *place(text, number, word),
            f"label says {word} but the target {target} is not a background target; point a background observation "
            f"at a background target (such as {target}-BKG) or drop {word} from the label",
            ((*place(text, number, target, "("), "the Science Target of this row"),))


# -- PL540 ---------------------------------------------------------------------------


def test_rows_skipped_on_the_way_do_not_stop_the_label_check():
    text = program_document(
        ("", 1, "", MRS, "(1) muCol"),  # no label
        ("", 2, "MIRI MRS BKG", MRS, "(2) muCol-BKG"),  # a background target
        ("", 3, "MIRI MRS", MRS, "(1) muCol"),  # no background word
        ("", 4, "MIRI MRS BKG", MRS, "(1) muCol"),
    )
    assert found(text, "PL540") == [says_bkg(text, 4, "BKG", "muCol")]


def test_a_sky_that_describes_something_else_does_not_hide_a_later_bkg():
    text = program_document(("", 1, "sky-subtracted BKG", MRS, "(1) GD153"), ("", 2, "sky flat BKG", MRS, "(1) GD153"))
    assert found(text, "PL540") == [says_bkg(text, 1, "BKG", "GD153"), says_bkg(text, 2, "BKG", "GD153")]


def test_sky_followed_by_a_hyphen_and_one_letter_is_another_word():
    assert found(program_document(("", 1, "MIRI sky-a1 offset", MRS, "(1) GD153")), "PL540") == []


def test_sky_before_a_spaced_hyphen_or_a_bracket_and_flat_is_a_sky_flat():
    text = program_document(("", 1, "MIRI sky - flat field", MRS, "(1) GD153"), ("", 2, "MIRI sky (flat)", MRS, "(1) GD153"))
    assert found(text, "PL540") == []
    # near miss: the same punctuation before another word leaves sky a background word
    text = program_document(("", 1, "MIRI sky - field", MRS, "(1) GD153"))
    assert found(text, "PL540") == [says_bkg(text, 1, "sky", "GD153")]


def test_a_none_target_is_not_judged():
    assert found(program_document(("", 1, "MIRI MRS BKG", MRS, "NONE")), "PL540") == []


# -- PL541, PL542 --------------------------------------------------------------------


def test_a_background_label_does_not_stop_the_next_rows_check():
    text = program_document(("", 1, "MIRI MRS BKG", MRS, "(2) muCol-BKG"), ("", 2, "MIRI MRS", MRS, "(2) muCol-BKG"))
    assert found(text, "PL541") == [(
        "PL541", *place(text, 2, "muCol-BKG"),
        "muCol-BKG is a background target but the label 'MIRI MRS' does not say so; write BKG in the label of a "
        "background observation, or point the row at its science target",
        ((*place(text, 2, "MIRI MRS"), "the label of this row"),),
    )]


def test_a_template_that_takes_backgrounds_does_not_stop_the_next_rows_check():
    text = program_document(("", 1, "x", "NIRCam Imaging", "(1) muCol"), ("", 2, "BKG", MRS, "(2) muCol-BKG"),
                            ("", 3, "BKG", "NIRCam Imaging", "(2) muCol-BKG"))
    assert found(text, "PL542") == [(
        "PL542", *place(text, 3, "NIRCam Imaging"),
        "muCol-BKG is a background target but NIRCam Imaging takes no dedicated background observations; those are "
        "taken with MIRI Low Resolution Spectroscopy, MIRI Medium Resolution Spectroscopy, MIRI Coronagraphic "
        "Imaging, NIRSpec MultiObject Spectroscopy, NIRSpec IFU Spectroscopy or NIRSpec Fixed Slit Spectroscopy",
        ((*place(text, 3, "muCol-BKG"), "the background target"),),
    )]


# -- PL543 ---------------------------------------------------------------------------


def no_partner(text, number, name, folder):
    return ("PL543", *place(text, number, name),
            f"background target {name} has no science target in folder '{folder}'; observe the science target in "
            "the same folder, or name the background after it", ())


def test_paired_repeated_and_numbered_backgrounds_do_not_stop_the_next():
    text = program_document(
        ("A", 1, "x", MRS, "(1) muCol"),
        ("", 2, "BKG", MRS, "(2) muCol-BKG"),  # paired
        ("", 3, "BKG", MRS, "(3) BKG_1"),  # no stem of letters: any science target of the folder
        ("", 4, "BKG", MRS, "(2) muCol-BKG"),  # again: judged once
        ("", 5, "BKG", MRS, "(4) Zeta-BKG"),
        ("", 6, "BKG", MRS, "(5) Yota-BKG"),
    )
    assert found(text, "PL543") == [no_partner(text, 5, "Zeta-BKG", "A"), no_partner(text, 6, "Yota-BKG", "A")]


def test_a_science_target_in_the_rows_without_a_folder_is_named_as_such():
    text = program_document(("", 1, "x", MRS, "(1) muCol"), ("F", 2, "BKG", MRS, "(2) muCol-BKG"))
    assert found(text, "PL543") == [(
        "PL543", *place(text, 2, "muCol-BKG"),
        "background target muCol-BKG has no science target in folder 'F'; muCol is observed on line "
        f"{place(text, 1, 'muCol')[0]}, in the rows without a folder: keep the pair together",
        ((*place(text, 1, "muCol", "("), "the science target"),),
    )]


def test_a_science_target_without_a_stem_pairs_with_nothing():
    text = program_document(("F", 1, "x", MRS, "(1) -WBKG"), ("", 2, "BKG", MRS, "(2) Foo-BKG"))
    assert found(text, "PL543") == [no_partner(text, 2, "Foo-BKG", "F")]


def test_a_numbered_background_is_not_paired_with_a_science_target_elsewhere():
    text = program_document(("F", 1, "x", MRS, "(1) 1"), ("G", 2, "BKG", MRS, "(2) BKG-1"))
    assert found(text, "PL543") == [no_partner(text, 2, "BKG-1", "G")]


def test_rows_without_a_label_column_or_a_target_cell_are_skipped():
    text = program_document(("", 1, "MIRI MRS BKG", MRS, "(1) muCol"))
    short = text.replace(f"| MIRI MRS BKG | {MRS} | (1) muCol |", "| MIRI MRS BKG |")  # no template or target cell
    no_label = text.replace("| Folder | Observation | Label | Observing Template | Science Target |\n"
                            "| :----- | :---------- | :---- | :----------------- | :------------- |\n"
                            f"|  | 1 | MIRI MRS BKG | {MRS} | (1) muCol |",
                            "| Folder | Observation | Observing Template | Science Target |\n| :-- | :-- | :-- | :-- |\n"
                            f"|  | 1 | {MRS} | (1) muCol-BKG |")
    assert short != text and "| Label |" not in no_label
    for code in ("PL540", "PL541", "PL542", "PL543"):
        assert found(short, code) == [], code
    assert found(no_label, "PL540") == []
    assert found(no_label, "PL541") == []
