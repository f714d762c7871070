"""Observation folders: one block per folder, and folders named after a
target hold that target's observations.

Folders only organise a program (APT's observation folders, archived as
``OBSFOLDR``); they are optional.  A blank Folder cell continues the folder
of the row above, and a blank cell on the first row means "no folder": those
rows belong to no folder and are never reported here.  Folder names are
compared ignoring case and runs of spaces.
"""

from __future__ import annotations

from proglint.api import Finding, Related, rule
from proglint.span import Span

from ._vocabulary import normal


def _lines(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


@rule(
    "PL401", "folder-split", "warning",
    "A folder name reappears after another folder instead of forming one block.",
    fix_note="moving rows to join a folder reorders the table; the author decides the order.",
)
def folder_split(document, context):
    """**What it does.** Follows the Folder column down the table (a blank cell
    continues the folder above) and reports a row that names a folder again
    after rows of another folder came in between, at its Folder cell, naming
    the lines of the folder's first block (shown as related information
    too). Names are compared ignoring case and runs of spaces; naming the
    same folder again on the next row, instead of leaving the cell blank, is
    the same block and fine.

    Rows before the first named folder (a blank first Folder cell) are in no
    folder and never reported; so is a table without folders (1093). Folders
    named after steps rather than targets (1141) are blocks like any other.

    **Why it matters.** In APT a folder holds its observations together, and
    the document lists them as one block. A name that comes back further
    down means rows were sorted wrongly (a blank Folder cell after the move
    now continues the wrong folder) or two folders share one name, which
    makes the table ambiguous to readers and to tools that group by
    `OBSFOLDR`.

    Fails:

    ```
    | GD153   | 1  | MIRI Imaging     | MIRI Imaging                    | (1) GD153   |
    | LDS749B | 8  | NIRSpec FS prism | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B |
    | GD153   | 15 | NIRCam SW        | NIRCam Engineering Imaging      | (1) GD153   |
    ```

    Passes:

    ```
    | GD153   | 1  | MIRI Imaging     | MIRI Imaging                    | (1) GD153   |
    |         | 15 | NIRCam SW        | NIRCam Engineering Imaging      | (1) GD153   |
    | LDS749B | 8  | NIRSpec FS prism | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B |
    ```
    """
    first: dict[str, tuple] = {}  # name -> (folder Text, first line, last line) of its first block
    closed: set[str] = set()  # names whose first block is over
    current = None
    for row in document.observations:
        if row.folder is None:
            continue
        key = normal(row.folder.value)
        if key == current:
            if key not in closed:
                named, start, _ = first[key]
                first[key] = (named, start, row.line)
            continue
        if current is not None:
            closed.add(current)
        current = key
        if key not in first:
            first[key] = (row.folder, row.line, row.line)
            continue
        named, start, end = first[key]
        yield Finding(
            row.folder.span,
            f"folder '{row.folder.value}' already holds the rows on {_lines(start, end)}, before other folders; "
            "keep a folder's rows in one block (move these rows there) or give this folder another name",
            related=(Related(named.span, f"folder '{named.value}' is first named here"),),
        )


def _observes(target: str, folder: str) -> bool:
    """Is ``target`` the folder's target or a variant of it (the name followed
    by a ``-`` or ``_`` suffix, such as ``muCol-BKG`` for ``muCol``)?"""
    target, folder = target.casefold(), folder.casefold()
    return target == folder or (target.startswith(folder) and target[len(folder)] in "-_")


@rule(
    "PL402", "folder-target-mismatch", "warning",
    "A folder named after a target holds an observation of another target.",
    fix_note="whether the folder or the target is wrong is not known.",
)
def folder_target_mismatch(document, context):
    """**What it does.** When a folder's name is exactly the name of a target
    of the document (ignoring case), requires every row in that folder to
    observe that target or one of its variants, and reports the others at
    the target name, naming the folder (related information points at the
    cell that named it) and, when there is one, the folder named after the
    row's own target.

    A variant is the target's name followed by a `-` or `_` and anything
    else: in folder `muCol`, the targets `muCol`, `muCol-WBKG` and
    `muCol-BKG` (and `muCol_BKG_A`) all belong. Rows with `NONE` (internal
    exposures taken alongside) are not reported. Folders whose names are
    not target names — steps such as 1141's `Initial GA Image`, or 1366's
    `Transmission - WASP-39b`, which only mentions its target — are skipped,
    since real folders are named after many things.

    **Why it matters.** Naming folders after targets is a common convention
    (the hand-written seed does it for every folder); a row of another target
    inside such a folder was usually moved or copied into the wrong block,
    and a blank Folder cell hides the mistake.

    Fails:

    ```
    | GD153   | 1  | MIRI Imaging     | MIRI Imaging                    | (1) GD153   |
    |         | 8  | NIRSpec FS prism | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B |
    |         | 15 | NIRCam SW        | NIRCam Engineering Imaging      | (1) GD153   |
    ```

    (When the other target's rows run to the end of the block instead, the
    Folder cell of their first row most likely lost its name:
    `folder-name-missing`, PL403, reports that cell once.)

    Passes:

    ```
    | muCol   | 3  | MIRI Imaging     | MIRI Imaging                        | (5) muCol      |
    |         | 4  | MIRI MRS         | MIRI Medium Resolution Spectroscopy | (6) muCol-WBKG |
    |         | 5  | MIRI MRS BKG     | MIRI Medium Resolution Spectroscopy | (7) muCol-BKG  |
    ```
    """
    targets: dict[str, str] = {}
    for ref in document.targets():
        if ref.name is not None and not ref.is_none:
            targets.setdefault(ref.name.value.casefold(), ref.name.value)
    if not targets:
        return
    folders: dict[str, object] = {}  # target-named folder -> the row that first named it
    for row in document.observations:
        if row.folder is not None and not row.continues_folder:
            folders.setdefault(row.folder.value.casefold(), row)
    for row in document.observations:
        folder = row.folder
        if folder is None or folder.value.casefold() not in targets:
            continue
        ref = row.target
        if ref is None or ref.is_none or ref.name is None or _observes(ref.name.value, folder.value):
            continue
        target = targets[folder.value.casefold()]
        name = ref.name.value
        own = folders.get(name.casefold()) or next(
            (r for key, r in folders.items() if key in targets and _observes(name, r.folder.value)), None
        )
        where = (
            f"move it to folder '{own.folder.value}' (line {own.line})" if own is not None
            else "move it to another folder"
        )
        yield Finding(
            ref.name.span,
            f"this row observes {name} but sits in folder '{folder.value}', which is named after target {target}; "
            f"{where}, or observe {target} or a variant such as {target}-BKG",
            related=(Related(folder.span, f"folder '{folder.value}' is named here"),),
        )


def _mentions(folder: str, target: str) -> bool:
    """Whether a folder's name names a target (``Transmission - WASP-39b``
    names ``WASP-39``), ignoring case."""
    return bool(target) and target.casefold() in folder.casefold()


@rule(
    "PL403", "folder-name-missing", "warning",
    "A row that starts another target's rows has a blank Folder cell, so it continues a folder named after another target.",
    fix_note="which folder name the row starts is the author's choice.",
)
def folder_name_missing(document, context):
    """**What it does.** Follows each folder down its rows (a blank Folder
    cell continues the folder above). When a folder's name names its target
    (`GD153`, or `Phase Curve - WASP-43b` for `WASP-43`) and a row with a
    blank Folder cell brings a target the folder's name does not name (nor a
    variant of it, such as `muCol-BKG` for `muCol`), that blank cell is
    reported once: it is most likely the first row of a block whose folder
    name was left out, so it and the rows after it fell into the folder
    above. The finding covers those rows, so `folder-target-mismatch`
    (PL402) does not report each of them again. When the folder's own
    target comes back further down the block, or the other target has a
    folder of its own, the rows were misplaced instead, and PL402 reports
    them.

    Folders whose names name no target of theirs (1141's steps) are
    skipped: there a missing name cannot be told from a continued folder.

    **Why it matters.** A missing folder name silently moves a whole block
    into the folder above; the observations are grouped under the wrong
    `OBSFOLDR`.

    Fails:

    ```
    | GD153   | 1  | MIRI Imaging     | MIRI Imaging                    | (1) GD153   |
    |         | 8  | NIRSpec FS prism | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B |
    |         | 11 | NIRCam Imaging   | NIRCam Engineering Imaging      | (2) LDS749B |
    ```

    Passes:

    ```
    | GD153   | 1  | MIRI Imaging     | MIRI Imaging                    | (1) GD153   |
    | LDS749B | 8  | NIRSpec FS prism | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B |
    |         | 11 | NIRCam Imaging   | NIRCam Engineering Imaging      | (2) LDS749B |
    ```
    """
    rows = list(document.observations)
    # what the rows of the current folder block so far name, kept as the
    # block grows (a 10,000-row block must not be re-read for every row)
    folded: set[str] = set()  # target names, case-folded
    numbers: set[str] = set()
    named: list[str] = []  # the names the block's folder mentions
    block_folder = ""

    def start(row) -> None:
        nonlocal block_folder
        folded.clear(), numbers.clear(), named.clear()
        block_folder = row.folder.value if row.folder is not None else ""
        add(row)

    def add(row) -> None:
        ref = row.target
        if ref is None:
            return
        if ref.number is not None:
            numbers.add(ref.number.value)
        if ref.name is not None and not ref.is_none:
            folded.add(ref.name.value.casefold())
            if _mentions(block_folder, ref.name.value):
                named.append(ref.name.value)

    for index, row in enumerate(rows):
        if not row.continues_folder or row.folder is None:
            start(row)
            continue
        finding = _missing_name(rows, index, row, named, folded, numbers)
        if finding is None:
            add(row)
        else:
            yield finding
            start(row)  # the rows from here on are taken as the unnamed folder's


def _missing_name(rows, index, row, named, folded, numbers) -> Finding | None:
    """PL403's finding for one continuation row, or None."""
    ref = row.target
    if ref is None or ref.is_none or ref.name is None or row.folder_cell is None:
        return None
    name = ref.name.value
    folder = row.folder.value
    if not named or _mentions(folder, name) or name.casefold() in folded:
        return None
    if any(_observes(name, t) for t in named):
        return None
    if ref.number is not None and ref.number.value in numbers:
        return None  # the same target number as a row above: a misspelt name (PL320), not another target
    run = [row]
    for later in rows[index + 1 :]:
        if not later.continues_folder:
            break
        run.append(later)
    if any(_back_to(later, named) for later in run[1:]) or any(
        _mentions(r.folder.value, name) for r in rows if r.folder is not None and not r.continues_folder
    ):
        return None  # the folder's target comes back, or this target has a folder: a misplaced row (PL402)
    return Finding(
        row.folder_cell.region,
        f"the Folder cell is blank, so this row{' and the ' + str(len(run) - 1) + ' below it' if len(run) > 1 else ''} "
        f"continue{'' if len(run) > 1 else 's'} folder '{folder}', which names {named[0]}, but {name} is observed here; "
        "write the name of this block's folder in this cell",
        related=(Related(row.folder.span, f"folder '{folder}' is named here"),),
        covers=tuple(r.span for r in run),
    )


def _back_to(row, named) -> bool:
    ref = row.target
    return ref is not None and ref.name is not None and any(_observes(ref.name.value, t) for t in named)


def _one_edit_apart(a: str, b: str) -> bool:
    """One character inserted, removed, replaced or two neighbours swapped
    (Damerau-Levenshtein distance 1); a replaced digit alone does not count,
    since ``Iteration 1`` and ``Iteration 2`` are different folders."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return not (a[diff[0]].isdigit() and b[diff[0]].isdigit())
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long[i]), len(short))
    return short[i:] == long[i + 1 :]


@rule(
    "PL404", "folder-name-typo", "warning",
    "A row names a folder one typo away from the folder above, starting a new folder (off by default).",
    enabled=False,
    fix_note="a folder one typo away may still be a new folder; which is not known.",
)
def folder_name_typo(document, context):
    """**What it does.** Reports a Folder cell whose name is one character
    away (a letter added, dropped, replaced, or two swapped; ignoring case
    and runs of spaces) from the folder of the row above, at that cell,
    asking "did you mean" the folder above. A name that differs only by one
    digit (`Iteration 1`, `Iteration 2`) is a different folder and fine.

    **Why it matters.** A continuation row whose cell repeats the folder's
    name with a typo starts a new folder of its own, and every blank cell
    below it continues the misspelt one: the block is split in two in APT's
    `OBSFOLDR`, and nothing else notices.

    **Off by default.** Folders are often named after targets, and distinct
    targets are often one character apart (`GD203` and `GD230`, `LMC-HALO`
    and `SMC-HALO` in a corpus generated from the real vocabulary): on by
    default it reported correct documents. Select it where folder names are
    step or block names.

    Fails:

    ```
    | GD153 | 1  | MIRI Imaging | MIRI Imaging               | (1) GD153 |
    | G1D53 | 15 | NIRCam SW    | NIRCam Engineering Imaging | (1) GD153 |
    ```

    Passes:

    ```
    | GD153 | 1  | MIRI Imaging | MIRI Imaging               | (1) GD153 |
    |       | 15 | NIRCam SW    | NIRCam Engineering Imaging | (1) GD153 |
    ```
    """
    above = None
    for row in document.observations:
        if row.folder is not None and not row.continues_folder and above is not None:
            name, previous = normal(row.folder.value), normal(above.value)
            if len(previous) >= 4 and _one_edit_apart(name, previous):
                yield Finding(
                    row.folder.span,
                    f"did you mean '{above.value}', the folder above (line {above.span.start_line})? "
                    f"'{row.folder.value}' starts a new folder; leave the cell blank to continue '{above.value}'",
                    related=(Related(above.span, f"folder '{above.value}' is named here"),),
                )
        if row.folder is not None:
            above = row.folder
