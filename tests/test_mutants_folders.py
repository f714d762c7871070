"""rules/folders.py (PL401-PL404): the behaviour mutation testing found
unpinned (benchmarks/mutation.py): blocks that close, the singular message,
the related place, the rows PL403 leaves alone, and PL404's edit distance."""

from __future__ import annotations

import pytest

from proglint.config import Config, Layer
from proglint.pipeline import active, lint
from proglint.source import Source

HEAD = """---
id: 4497
---
# 4497 - T
https://www.stsci.edu/jwst/science-execution/program-information?id=4497
## OBSERVATIONS TABLE

| Folder | Observation | Label | Observing Template | Science Target |
| :-- | :-- | :-- | :-- | :-- |
"""
FIRST = 10  # the line of the first row


def table(*rows: tuple[str, str]) -> str:
    """Rows of (folder, target); observation n on line FIRST + n - 1."""
    return HEAD + "".join(f"| {folder} | {n} | L{n} | MIRI Imaging | {target} |\n" for n, (folder, target) in enumerate(rows, 1))


def found(text: str, code: str) -> list[tuple]:
    """Every active finding of one selected code, and any crash (PL901): a
    rule that raises must not pass as one that found nothing."""
    diagnostics = lint(Source.from_text("doc.txt", text), Config(layers=(Layer(select=(code,)),), rule_time_budget=None))
    return [
        (d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message,
         tuple((r.span.start_line, r.span.start_column, r.span.end_column, r.message) for r in d.related))
        for d in active(diagnostics)
    ]


def folder_cell(line: int, text: str) -> tuple[int, int, int]:
    row = text.split("\n")[line - 1]
    name = row.split("|")[1].strip()
    column = row.index(name) + 1
    return line, column, column + len(name)


# -- PL401: a block is over once another folder starts -----------------------------


def test_a_first_block_stops_growing_once_another_folder_starts():
    text = table(
        ("Alpha", "(1) A"), ("", "(1) A"), ("Beta", "(2) B"),
        ("Alpha", "(1) A"), ("", "(1) A"),  # the second Alpha block: reported, and not part of the first
        ("Gamma", "(3) C"), ("Alpha", "(1) A"),  # a third: still "lines 10-11"
    )
    message = ("folder 'Alpha' already holds the rows on lines 10-11, before other folders; "
               "keep a folder's rows in one block (move these rows there) or give this folder another name")
    related = ((10, 3, 8, "folder 'Alpha' is first named here"),)
    assert found(text, "PL401") == [
        ("PL401", *folder_cell(13, text)[0:3], message, related),
        ("PL401", *folder_cell(16, text)[0:3], message, related),
    ]


def test_a_block_of_one_row_is_named_as_one_line():
    text = table(("Alpha", "(1) A"), ("Beta", "(2) B"), ("alpha", "(1) A"))
    assert [f[4].split(",")[0] for f in found(text, "PL401")] == ["folder 'alpha' already holds the rows on line 10"]


def test_a_folder_named_again_on_the_next_row_is_one_block():
    assert found(table(("Alpha", "(1) A"), ("Alpha", "(1) A"), ("Beta", "(2) B")), "PL401") == []


# -- PL402: what counts as a variant of the folder's target ---------------------------


def test_a_target_whose_name_only_starts_with_the_folder_is_another_target():
    text = table(("GD153", "(1) GD153"), ("", "(2) GD153X"))
    line, column = FIRST + 1, text.split("\n")[FIRST].index("GD153X") + 1
    assert [f[:5] for f in found(text, "PL402")] == [
        ("PL402", line, column, column + 6,
         "this row observes GD153X but sits in folder 'GD153', which is named after target GD153; "
         "move it to another folder, or observe GD153 or a variant such as GD153-BKG"),
    ]
    assert found(table(("GD153", "(1) GD153"), ("", "(2) GD153-BKG"), ("", "(3) GD153_A")), "PL402") == []


# -- PL403: the message, its related place and the rows it leaves alone -----------------


def test_a_single_row_block_that_lost_its_name_is_reported_in_the_singular():
    text = table(("GD153", "(1) GD153"), ("", "(2) LDS749B"), ("Later", "(3) OTHER"))
    line = FIRST + 1
    assert found(text, "PL403") == [
        ("PL403", line, 2, 4,  # the blank cell: the two spaces between its pipes
         "the Folder cell is blank, so this row continues folder 'GD153', which names GD153, but LDS749B is "
         "observed here; write the name of this block's folder in this cell",
         ((FIRST, 3, 8, "folder 'GD153' is named here"),)),
    ]


def test_two_rows_that_lost_their_name_are_reported_in_the_plural_with_the_related_folder():
    text = table(("GD153", "(1) GD153"), ("", "(2) LDS749B"), ("", "(2) LDS749B"), ("Later", "(3) OTHER"))
    assert found(text, "PL403") == [
        ("PL403", FIRST + 1, 2, 4,
         "the Folder cell is blank, so this row and the 1 below it continue folder 'GD153', which names GD153, "
         "but LDS749B is observed here; write the name of this block's folder in this cell",
         ((FIRST, 3, 8, "folder 'GD153' is named here"),)),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [("GD153", "(1) GD153"), ("", "NONE")],  # an internal exposure
        [("GD153", "(1) GD153"), ("", "")],  # no target at all
        [("GD153", "(1) GD153"), ("", "(2)")],  # a number without a name
        [("GD153", "(1) GD153"), ("", "(1) GD135")],  # the same number: a misspelt name (PL320)
        [("GD153", "(1) GD153"), ("", "(2) LDS749B"), ("LDS749B", "(2) LDS749B")],  # the target has its own folder
        [("GD153", "(2) LDS749B"), ("", "(1) GD153"), ("", "(3) LDS749B")],  # the block started with that target
        [("", "(9) FIRST"), ("GD153", "(1) GD153"), ("", "(1) GD153")],  # rows before any folder
    ],
)
def test_rows_that_are_not_a_block_that_lost_its_name(rows):
    assert found(table(*rows), "PL403") == []


# -- PL404: one edit apart, and not more -------------------------------------------------------


@pytest.mark.parametrize(
    "above, name",
    [
        ("Calib", "Callib"),  # a letter added in the middle
        ("Callib", "Calib"),  # and dropped
        ("Calib", "Calibs"),  # added at the end
        ("Calibs", "Calib"),  # dropped at the end
        ("Calib", "Xalib"),  # replaced at the start
        ("GD153", "GD15A"),  # a digit replaced by a letter is a typo, not another number
        ("Calib", "Caiib"),
        ("Calib", "Clib"),  # dropped at the start
    ],
)
def test_one_edit_away_from_the_folder_above_is_reported(above, name):
    text = table((above, "(1) A"), (name, "(1) A"))
    assert found(text, "PL404") == [
        ("PL404", *folder_cell(FIRST + 1, text),
         f"did you mean '{above}', the folder above (line {FIRST})? '{name}' starts a new folder; "
         f"leave the cell blank to continue '{above}'",
         ((FIRST, 3, 3 + len(above), f"folder '{above}' is named here"),)),
    ]


@pytest.mark.parametrize(
    "above, name",
    [
        ("Calib", "Callibb"),  # two letters added
        ("Calibbb", "Calib"),  # two dropped
        ("Calib", "Caxlic"),  # one added and one replaced
        ("ABCDE", "ACXDE"),  # two neighbours changed, not swapped
        ("ABCDE", "ADCBE"),  # two letters swapped that are not neighbours
        ("ABCDE", "AXCYE"),  # two replaced
        ("Iteration 1", "Iteration 2"),  # one digit for another: another folder
        ("Abc", "Abd"),  # too short to guess
    ],
)
def test_more_than_one_edit_away_or_a_new_number_is_not_reported(above, name):
    assert found(table((above, "(1) A"), (name, "(1) A")), "PL404") == []


# -- rows the rules must walk past ------------------------------------------------------------


def test_rows_before_the_first_folder_do_not_stop_pl401():
    text = table(("", "(9) FIRST"), ("Alpha", "(1) A"), ("Beta", "(2) B"), ("Alpha", "(1) A"))
    assert [f[:4] for f in found(text, "PL401")] == [("PL401", *folder_cell(FIRST + 3, text))]


def test_a_folder_not_named_after_a_target_does_not_stop_pl402():
    text = table(("Step", "(9) FIRST"), ("GD153", "(1) GD153"), ("", "(2) LDS749B"))
    line = FIRST + 2
    column = text.split("\n")[line - 1].index("LDS749B") + 1
    assert [f[:4] for f in found(text, "PL402")] == [("PL402", line, column, column + 7)]


@pytest.mark.parametrize(
    "row",
    [
        "|  | 2 | L2 | MIRI Imaging | (2) |",  # a number without a name
        "|  | 2 | L2 | MIRI Imaging |",  # no Science Target cell at all
    ],
)
def test_rows_without_a_target_name_crash_no_folder_rule(row):
    text = table(("GD153", "(1) GD153")) + row + "\n" + "|  | 3 | L3 | MIRI Imaging | (3) LDS749B |\n"
    for code in ("PL401", "PL402", "PL403", "PL404"):
        assert [f[0] for f in found(text, code)] in ([], [code]), code


def test_without_a_target_cell_the_next_row_is_still_reported():
    text = table(("GD153", "(1) GD153")) + "|  | 2 | L2 | MIRI Imaging |\n" + "|  | 3 | L3 | MIRI Imaging | (3) LDS749B |\n"
    assert [f[:4] for f in found(text, "PL403")] == [("PL403", FIRST + 2, 2, 4)]


def test_rows_before_any_folder_do_not_break_pl403():
    text = table(("", "(9) FIRST"), ("GD153", "(1) GD153"), ("", "(2) LDS749B"))
    assert [f[:4] for f in found(text, "PL403")] == [("PL403", FIRST + 2, 2, 4)]


def test_pl402_points_at_the_folder_named_exactly_after_the_row_s_target():
    # folder LDS would also take LDS_B as a variant; the exact name wins
    text = table(("GD153", "(1) GD153"), ("", "(3) LDS_B"), ("", "(1) GD153"), ("LDS", "(2) LDS"), ("LDS_B", "(3) LDS_B"))
    messages = [f[4] for f in found(text, "PL402")]
    assert messages == [
        f"this row observes LDS_B but sits in folder 'GD153', which is named after target GD153; move it to folder "
        f"'LDS_B' (line {FIRST + 4}), or observe GD153 or a variant such as GD153-BKG",
    ]


def test_pl404_needs_four_characters_above_and_four_are_enough():
    text = table(("Abcd", "(1) A"), ("Abce", "(1) A"))
    assert [f[:4] for f in found(text, "PL404")] == [("PL404", *folder_cell(FIRST + 1, text))]
