"""Observation numbers: each used once; gaps and order are legal.

The schema stage already requires every Observation cell to be a whole
number from 1 to 999 without leading zeros (PL2xx); the rules here skip any
cell it rejects, so one bad cell is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from proglint.api import Edit, Finding, Fix, Related, per_document, rule
from proglint.diagnostic import UNSAFE

# What the schema accepts as an observation number; anything else is its to report.
_NUMBER = re.compile(r"[1-9][0-9]{0,2}")
_HIGHEST = 999


@per_document
def numbered_rows(document):
    """(number, row) for every row whose Observation cell the schema accepts."""
    for row in document.observations:
        if row.number is not None and _NUMBER.fullmatch(row.number.value):
            yield int(row.number.value), row


def _free_numbers(used: set[int]) -> Iterator[int]:
    """The numbers new observations would naturally take, in turn: one past
    the highest, and once the highest is 999 the lowest unused.  ``used``
    gains only what this yields, so one ascending scan serves every
    duplicate (a fresh search per duplicate made 10,000 copied rows slow)."""
    top = max(used, default=0)
    yield from range(top + 1, _HIGHEST + 1)
    yield from (n for n in range(1, top + 1) if n not in used)


@rule(
    "PL220", "observation-number-duplicate", "error",
    "An observation number is used by more than one row.",
    autofix="unsafe", fix_note="the later row gets the free number the message names.",
)
def observation_number_duplicate(document, context):
    """**What it does.** Reports every row whose observation number an earlier
    row already uses, naming the line of the first use and a number that is
    still free. The first use is shown as related information.

    **Why it matters.** APT numbers each observation of a program once, and
    the number is the observation's identity everywhere downstream: in the
    archive (`OBSERVTN`), in file names (`jw04497001...`) and in every
    conversation about the program. Two rows with one number mean a row was
    copied and not renumbered, or two observations were merged by hand.

    Numbers need not be contiguous or sorted: real programs withdraw
    observations (1366 uses 1–4, 11 and 21) and list rows by folder rather
    than by number (the hand-written seed lists 1, 15, 16, ... 8, 11, 13).
    See `observation-number-gap` for an optional report of gaps.

    Fails:

    ```
    | GD153     | 1  | MIRI Imaging    | MIRI Imaging               | (1) GD153 |
    |           | 15 | NIRCam SW       | NIRCam Engineering Imaging | (1) GD153 |
    | LDS749B   | 15 | NIRSpec FS      | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B |
    ```

    Passes:

    ```
    | GD153     | 1  | MIRI Imaging    | MIRI Imaging               | (1) GD153 |
    |           | 15 | NIRCam SW       | NIRCam Engineering Imaging | (1) GD153 |
    | LDS749B   | 8  | NIRSpec FS      | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B |
    ```

    **Fix (unsafe).** The later row gets the free number the message names
    (each duplicate its own). Unsafe: the earlier row may be the copy, and
    the number is the observation's identity in APT and the archive, so
    `--fix` renumbers only with `--unsafe-fixes`.
    """
    rows = list(numbered_rows(document))
    used = {number for number, _ in rows}
    if len(used) == len(rows):
        return  # every number once: the common table, told by a set's size
    frees = _free_numbers(used)
    first: dict[int, object] = {}
    for number, row in rows:
        earlier = first.get(number)
        if earlier is None:
            first[number] = row
            continue
        free = next(frees, None)
        hint = f"; give this observation its own number ({free} is free)" if free is not None else ""
        fix = None
        if free is not None:
            used.add(free)  # the next duplicate is offered another number
            fix = Fix(f"renumber it {free}", (Edit(row.number.span, str(free)),), UNSAFE)
        yield Finding(
            row.number.span,
            f"observation {number} is already used on line {earlier.line}{hint}",
            fix=fix,
            related=(Related(earlier.number.span, f"observation {number} is first used here"),),
        )


@rule(
    "PL221", "observation-number-gap", "info",
    "Observation numbers skip values (off by default: withdrawn observations leave gaps).",
    enabled=False,
    fix_note="gaps are legal (withdrawn observations keep their numbers); renumbering is never automatic.",
)
def observation_number_gap(document, context):
    """**What it does.** Sorts the document's observation numbers and reports
    each run of missing numbers, from 1 up to the highest number used, at the
    observation that follows the gap. Off by default; select `PL221` to use it.
    Rows out of numeric order are not reported: only numbers that appear
    nowhere in the table are.

    **Why it matters.** Gaps are legal and common: real programs withdraw
    observations and keep the numbers of the rest (program 1366 uses 1–4, 11
    and 21). A team that keeps its drafts densely numbered may still want to
    see where numbers are missing, for example after deleting rows by hand.

    Fails (with the rule selected): observations 1, 2, 3, 4, 11 — numbers
    5 to 10 are reported at observation 11.

    Passes: observations 1, 15, 16, 17, 18, 8, 11, 13, 9, 12, 14, 2, 19–25,
    3–7, 10 (every number from 1 to 25 once, in folder order).
    """
    rows = list(numbered_rows(document))
    first: dict[int, object] = {}
    for number, row in rows:
        first.setdefault(number, row)
    previous = 0
    for number in sorted(first):
        if number > previous + 1:
            low, high = previous + 1, number - 1
            missing = f"observation {low} is" if low == high else f"observations {low} to {high} are"
            jump = f"jump from {previous} to {number}" if previous else f"start at {number}"
            yield Finding(
                first[number].number.span,
                f"{missing} not in the table: the numbers {jump} "
                "(legal when observations were withdrawn)",
            )
        previous = number
