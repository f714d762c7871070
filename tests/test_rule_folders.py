"""rules/folders.py: PL401 folder-split, PL402 folder-target-mismatch."""


from proglint.config import Config, Layer
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import diagnostics, seeds_concise, column_of, findings, line_of, seed_text

SEED = seed_text()
CODES = ("PL401", "PL402")
SEED_NAMES = ("000_223d96fec14c6a4f.txt", "1071.txt", "1093.txt", "1141.txt", "1366.txt")


def move_row(text: str, needle: str, after: str, folder: str | None = None) -> str:
    """Move the row containing ``needle`` to just after the row containing
    ``after``, optionally writing ``folder`` into its Folder cell."""
    lines = text.split("\n")
    row = lines.pop(line_of(text, needle) - 1)
    if folder is not None:
        cells = row.split("|")
        cells[1] = f" {folder}".ljust(len(cells[1]))
        row = "|".join(cells)
    lines.insert(lines.index(next(line for line in lines if after in line)) + 1, row)
    return "\n".join(lines)


def codes_of(text: str):
    found = lint(Source.from_text("doc.txt", text), Config(layers=(Layer(select=CODES),)))
    return [(d.code, d.span.start_line) for d in active(found) if d.code in CODES]


def explicit_folders(text: str) -> str:
    """Write every row's folder into its own Folder cell (no blank continuation)."""
    lines = text.split("\n")
    current = None
    for index, line in enumerate(lines):
        if not line.startswith("| ") or line.startswith("| Folder") or line.startswith("| :"):
            continue
        cells = line.split("|")
        if cells[1].strip():
            current = cells[1].strip()
        elif current is not None:
            cells[1] = f" {current}".ljust(len(cells[1]))
            lines[index] = "|".join(cells)
    return "\n".join(lines)


# --------------------------------------------------------------------------
# PL401 folder-split


def test_a_folder_named_again_after_another_folder_is_reported():
    # observation 13 (LDS749B) moved to the end of the table, still filed under LDS749B
    text = move_row(SEED, "| 13          |", "| lamLep", folder="LDS749B")
    start, end = line_of(text, "| LDS749B   | 8 "), line_of(text, "| 11          |")
    row = line_of(text, "| 13          |")
    column = column_of(text, row, "LDS749B")
    assert findings(text, "PL401") == [
        (row, column, column + 7,
         f"folder 'LDS749B' already holds the rows on lines {start}-{end}, before other folders; "
         "keep a folder's rows in one block (move these rows there) or give this folder another name"),
    ]
    (diagnostic,) = diagnostics(text, "PL401")
    assert diagnostic.severity.value == "warning"
    (related,) = diagnostic.related
    first = column_of(text, start, "LDS749B")
    assert (related.span.start_line, related.span.start_column, related.span.end_column) == (start, first, first + 7)
    assert related.message == "folder 'LDS749B' is first named here"


def test_names_are_compared_ignoring_case_and_runs_of_spaces():
    ga = seed_text("1141.txt")
    # observation 3 moved below observation 22, its folder retyped
    text = move_row(ga, "| 3            |", "| 22           |", folder="iteration with  bore sight change")
    start, end = line_of(text, "| 2            |"), line_of(text, "| 11           |")
    row = line_of(text, "| 3            |")
    column = column_of(text, row, "iteration")
    assert findings(text, "PL401") == [
        (row, column, column + len("iteration with  bore sight change"),
         f"folder 'iteration with  bore sight change' already holds the rows on lines {start}-{end}, "
         "before other folders; keep a folder's rows in one block (move these rows there) "
         "or give this folder another name"),
    ]
    (diagnostic,) = diagnostics(text, "PL401")
    assert diagnostic.related[0].message == "folder 'Iteration with bore sight change' is first named here"


def test_a_one_row_first_block_is_named_by_its_line_and_every_reappearance_is_reported():
    ga = seed_text("1141.txt")
    text = move_row(ga, "| 26           |", "| 22           |", folder="Initial GA Image")
    text = move_row(text, "| 25           |", "| 26           |", folder="Put the SM Back to Nominal")
    text = move_row(text, "| 24           |", "| 25           |", folder="Initial GA Image")
    first, sm = line_of(text, "| 1            |"), line_of(text, "| 22           |")
    assert [(line, message.split(", before")[0]) for line, _, _, message in findings(text, "PL401")] == [
        (line_of(text, "| 26           |"), f"folder 'Initial GA Image' already holds the rows on line {first}"),
        (line_of(text, "| 25           |"), f"folder 'Put the SM Back to Nominal' already holds the rows on line {sm}"),
        (line_of(text, "| 24           |"), f"folder 'Initial GA Image' already holds the rows on line {first}"),
    ]


def test_near_miss_seeds_blank_continuation_step_folders_and_no_folders():
    # 000: one block per target, continued by blank cells; 1141: step-named
    # folders; 1093 and 1071: no folders at all (blank first row).
    for name in SEED_NAMES:
        assert findings(seed_text(name), "PL401") == [], name


def test_near_miss_naming_the_folder_again_on_every_row_is_one_block():
    for name in SEED_NAMES:
        assert findings(explicit_folders(seed_text(name)), "PL401") == [], name


def test_near_miss_rows_before_the_first_folder_belong_to_no_folder():
    text = seed_text("1141.txt")
    row = line_of(text, "| Initial GA Image")
    lines = text.split("\n")
    lines[row - 1] = lines[row - 1].replace("| Initial GA Image                     |", "|                                      |")
    assert findings("\n".join(lines), "PL401") == []


# --------------------------------------------------------------------------
# PL402 folder-target-mismatch


def test_a_row_of_another_target_in_a_target_named_folder_is_reported():
    # observation 13 (LDS749B) moved into the GD153 block, with a blank Folder cell
    text = move_row(SEED, "| 13          |", "| 18          |")
    row = line_of(text, "| 13          |")
    gd153 = line_of(text, "| GD153     | 1 ")
    lds = line_of(text, "| LDS749B   | 8 ")
    column = column_of(text, row, "LDS749B")
    assert findings(text, "PL402") == [
        (row, column, column + 7,
         "this row observes LDS749B but sits in folder 'GD153', which is named after target GD153; "
         f"move it to folder 'LDS749B' (line {lds}), or observe GD153 or a variant such as GD153-BKG"),
    ]
    (diagnostic,) = diagnostics(text, "PL402")
    assert diagnostic.severity.value == "warning"
    (related,) = diagnostic.related
    folder = column_of(text, gd153, "GD153")
    assert (related.span.start_line, related.span.start_column, related.span.end_column) == (gd153, folder, folder + 5)
    assert related.message == "folder 'GD153' is named here"


def test_a_variant_in_another_targets_folder_is_pointed_to_its_own_folder():
    text = move_row(SEED, "| 5           |", "| 10          |")  # muCol-BKG under lamLep
    row = line_of(text, "| 5           |")
    mu = line_of(text, "| muCol ")
    column = column_of(text, row, "muCol-BKG")
    assert findings(text, "PL402") == [
        (row, column, column + 9,
         "this row observes muCol-BKG but sits in folder 'lamLep', which is named after target lamLep; "
         f"move it to folder 'muCol' (line {mu}), or observe lamLep or a variant such as lamLep-BKG"),
    ]


def test_a_folder_matching_a_target_in_another_case_still_counts():
    text = SEED.replace("| GD153     |", "| gd153     |")
    text = move_row(text, "| 13          |", "| 18          |")
    row = line_of(text, "| 13          |")
    assert [(line, message.split(";")[0]) for line, _, _, message in findings(text, "PL402")] == [
        (row, "this row observes LDS749B but sits in folder 'gd153', which is named after target GD153"),
    ]


def test_without_a_folder_for_the_target_the_message_does_not_invent_one():
    # LDS749B's folder renamed to a step name: observation 13, moved into GD153,
    # has no folder of its own to go back to.
    text = move_row(SEED, "| 13          |", "| 18          |")
    text = text.replace("| LDS749B   | 8 ", "| Part 2    | 8 ")
    row = line_of(text, "| 13          |")
    column = column_of(text, row, "LDS749B")
    assert findings(text, "PL402") == [
        (row, column, column + 7,
         "this row observes LDS749B but sits in folder 'GD153', which is named after target GD153; "
         "move it to another folder, or observe GD153 or a variant such as GD153-BKG"),
    ]


def test_near_miss_a_folder_named_after_a_name_that_is_no_longer_a_target():
    # lamLep's only row now observes LDS749B: 'lamLep' is just a folder name.
    assert findings(SEED.replace("(8) lamLep", "(2) LDS749B"), "PL402") == []


def test_near_miss_target_variants_step_folders_and_folders_mentioning_targets():
    # 000: folder muCol holds muCol, muCol-WBKG and muCol-BKG; 1141: folders are
    # steps, not targets; 1366: 'Transmission - WASP-39b' mentions WASP-39 but is
    # not its name; 1093: no folders.
    for name in SEED_NAMES:
        assert findings(seed_text(name), "PL402") == [], name
        assert findings(explicit_folders(seed_text(name)), "PL402") == [], name


def test_near_miss_underscore_variants_and_none_rows():
    text = SEED.replace("(7) muCol-BKG", "(7) muCol_BKG_A").replace("(6) muCol-WBKG", "NONE")
    assert findings(text, "PL402") == []


# --------------------------------------------------------------------------


def test_proglint_seeds_reports_nothing_from_these_rules():
    assert not [line for line in seeds_concise() if any(code in line for code in CODES)]


# -- PL403 folder-name-missing, PL404 folder-name-typo --------------------------

HEAD = """---
id: 4497
---
# 4497 - T
https://www.stsci.edu/jwst/science-execution/program-information?id=4497
## OBSERVATIONS TABLE

| Folder | Observation | Label | Observing Template | Science Target |
| :-- | :-- | :-- | :-- | :-- |
"""


def folder_findings(rows: str):
    found = lint(Source.from_text("doc.txt", HEAD + rows), Config(layers=(Layer(select=("PL4",)),)))
    return [(d.code, d.span.start_line, d.span.start_column, d.message) for d in active(found)]


def test_a_blank_folder_name_at_the_head_of_a_block_is_reported_once_on_that_cell():
    found = folder_findings(
        "| GD153 | 1 | MIRI | MIRI Imaging | (1) GD153 |\n"
        "|       | 8 | NRS  | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B |\n"
        "|       | 9 | NRC  | NIRCam Imaging | (2) LDS749B |\n"
    )
    assert found == [
        ("PL403", 11, 2,
         "the Folder cell is blank, so this row and the 1 below it continue folder 'GD153', which names GD153, "
         "but LDS749B is observed here; write the name of this block's folder in this cell"),
    ]


def test_a_misplaced_row_inside_a_block_is_still_folder_target_mismatch():
    found = folder_findings(
        "| GD153 | 1 | MIRI | MIRI Imaging | (1) GD153 |\n"
        "|       | 8 | NRS  | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B |\n"
        "|       | 9 | NRC  | NIRCam Imaging | (1) GD153 |\n"
    )
    assert [f[:2] for f in found] == [("PL402", 11)]


def test_a_folder_named_after_a_step_hides_a_missing_name():
    assert folder_findings(
        "| Initial | 1 | a | WFSC Global Alignment | (1) BD+65-1248 |\n"
        "|         | 2 | b | WFSC Global Alignment | (2) OTHER |\n"
    ) == []


def test_a_folder_typo_on_a_continuation_row_gets_did_you_mean():
    found = folder_findings(
        "| GD153 | 1  | MIRI | MIRI Imaging | (1) GD153 |\n"
        "| GD135 | 15 | NRC  | NIRCam Imaging | (1) GD153 |\n"
    )
    assert found == [
        ("PL404", 11, 3,
         "did you mean 'GD153', the folder above (line 10)? 'GD135' starts a new folder; "
         "leave the cell blank to continue 'GD153'"),
    ]


def test_folders_one_digit_apart_are_different_folders():
    assert folder_findings(
        "| Iteration 1 | 1 | a | WFSC Global Alignment | (1) BD+65-1248 |\n"
        "| Iteration 2 | 2 | b | WFSC Global Alignment | (1) BD+65-1248 |\n"
    ) == []
