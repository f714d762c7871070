"""Science targets across the table: one number names one target, one name
has one number, ``NONE`` only where a template takes no target, and (off by
default) the house style of numbering targets 1, 2, 3 ... by first appearance.

Names are compared ignoring case, as APT does: APT refuses two targets whose
names differ only in case, so ``LDS749B`` and ``lds749b`` are the same target
to it.  The schema stage already checks each cell's shape (``(N) NAME`` or
``NONE``, N from 1 to 999: PL301-PL309) and APT's naming rule (PL310); the
rules here skip cells whose number it rejects, so one bad cell is reported once.
"""

from __future__ import annotations

from typing import NamedTuple

from proglint.api import Edit, Finding, Fix, Related, per_document, rule
from proglint.diagnostic import SAFE, UNSAFE
from proglint.document import Observation
from proglint.span import Text

from ._vocabulary import vocabulary

# What the schema accepts as a target number (``[1-9][0-9]{0,2}``, 1 to 999
# without leading zeros), as the 999 strings it matches: a set lookup per
# row.  Anything else is the schema's to report.
_ACCEPTED = frozenset(str(n) for n in range(1, 1000))


class Use(NamedTuple):
    """One row's ``(N) NAME``."""

    row: Observation
    number: Text
    name: Text


@per_document
def named_targets(document):
    """A :class:`Use` for every ``(N) NAME`` cell whose number the schema
    accepts, in document order."""
    new = tuple.__new__  # Use's own __new__ is a Python call per row
    for row in document.observations:
        ref = row.target
        # a NONE cell has no number (it does not start with '(')
        if ref is None or ref.number is None or ref.name is None:
            continue
        if ref.number.value in _ACCEPTED:
            yield new(Use, (row, ref.number, ref.name))


def _key(name) -> str:
    return name.value.casefold()


class _Index(NamedTuple):
    """What the target rules judge every row against (see :func:`_index`),
    with each rule's rows picked out in the same pass: a table whose
    targets agree costs the rules nothing more."""

    owner: dict  # number -> the Use whose name owns it
    home: dict  # case-folded name -> the Use with the name's own number
    number_conflicts: tuple  # (Use, key) where the number belongs to another name: PL320's
    name_conflicts: tuple  # Use whose name carries another number: PL321's
    case_slips: tuple  # Use whose name is spelt otherwise than its home row: PL322's


@per_document
def _index(document):
    """Which target each number belongs to, and each name's own number, by
    majority: the odd row out is reported, not whichever row came first.

    ``owner[n]`` is a use of number ``n`` with the name most rows give it
    (on a tie, the name of its first use): the number belongs to that
    target.  ``home[name]`` is a use of the name with the number most of its
    rows carry among the numbers that belong to it (on a tie, the first);
    when every number it carries belongs to another target, its first use.
    Every row is judged against these two, so a row that mixes two known
    targets is reported once, by PL320, and a first row that slipped is
    reported instead of every correct row after it.

    Each use's number and case-folded name are worked out once here, for
    every rule: the rules read the verdicts, not the rows.
    """
    uses = named_targets(document)
    numbers = [int(use.number.value) for use in uses]
    keys = [use.name.value.casefold() for use in uses]
    pairs = len(set(zip(numbers, keys)))
    if pairs == len(set(numbers)) == len(set(keys)) == len({use.name.value for use in uses}):
        # The common table: each number has one name, spelt one way, and each
        # name one number.  Nothing conflicts, and each first use owns its
        # number and is its name's home (what the general path finds too).
        first = dict(zip(reversed(numbers), reversed(uses)))
        return _Index(first, {use.name.value.casefold(): use for use in first.values()}, (), (), ())
    by_number: dict[int, list[int]] = {}  # number -> positions in uses
    by_name: dict[str, list[int]] = {}
    for position, (number, key) in enumerate(zip(numbers, keys)):
        by_number.setdefault(number, []).append(position)
        by_name.setdefault(key, []).append(position)
    owner_at = {number: _most_common(group, keys) for number, group in by_number.items()}
    owner_key = {number: keys[position] for number, position in owner_at.items()}
    home_at: dict[str, int] = {}
    for key, group in by_name.items():
        own = [position for position in group if owner_key[numbers[position]] == key]
        home_at[key] = _most_common(own, numbers) if own else group[0]
    number_conflicts, name_conflicts, case_slips = [], [], []
    for use, number, key in zip(uses, numbers, keys):
        if owner_key[number] != key:
            number_conflicts.append((use, key))
            continue
        home = home_at[key]
        if numbers[home] != number:
            name_conflicts.append(use)
        elif use.name.value != uses[home].name.value:
            case_slips.append(use)
    return _Index(
        {number: uses[position] for number, position in owner_at.items()},
        {key: uses[position] for key, position in home_at.items()},
        tuple(number_conflicts), tuple(name_conflicts), tuple(case_slips),
    )


def _most_common(group: list[int], values: list) -> int:
    """The first position in ``group`` whose value is the most frequent."""
    if len(group) == 1:
        return group[0]
    counts: dict = {}
    for position in group:
        value = values[position]
        counts[value] = counts.get(value, 0) + 1
    top = max(counts.values())
    return next(position for position in group if counts[values[position]] == top)


def _close_to(name: str, other: str) -> bool:
    """Whether two target names differ by a typo: a few characters apart,
    ignoring case, spaces, '-' and '_' (``WASP 39`` and ``WASP-39``).  The
    cost is bounded by the names, which are short: longer ones are compared
    on their first 64 characters."""
    a = "".join(ch for ch in name.casefold() if ch not in " -_")[:64]
    b = "".join(ch for ch in other.casefold() if ch not in " -_")[:64]
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    import difflib  # only for a conflict: a clean document's lint never imports it

    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _free_number(by_number) -> int | None:
    """One past the highest number in use, or the lowest unused when that is 999."""
    top = max(by_number, default=0)
    if top < 999:
        return top + 1
    return next((n for n in range(1, 1000) if n not in by_number), None)


@rule(
    "PL320", "target-number-conflict", "error",
    "One target number names two different targets.",
    autofix=UNSAFE,
    fix_note="the row takes the name's own number, or a free number when the name has none "
    "(or, for a near-miss of the number's target, that target's name); unsafe: the other row may be the wrong one.",
)
def target_number_conflict(document, context):
    """**What it does.** Gives each target number to the name most of its
    rows write with it (on a tie, the name of its first row) and reports
    every row where the number names another target, at the name, saying
    which target the number belongs to and on which line (shown as related
    information too). So when the first row slipped, that row is reported,
    not every correct row after it. When the other name differs from the
    number's target by a typo (`(1) WASP 39` where target 1 is `WASP-39`;
    a few characters apart, ignoring case, spaces, `-` and `_`) the message
    asks "did you mean WASP-39?"; when it has a number of its own elsewhere,
    the message says so; otherwise it suggests a free number.

    Names are compared ignoring case, as APT does: `(2) LDS749B` and
    `(2) lds749b` are one target written two ways, which
    `target-name-case` (PL322) reports instead.

    **Why it matters.** `(N) NAME` is APT's TargetID: the number is the
    target's entry in the program's target list, so one number can only ever
    name one target. A row whose number names another target usually comes
    from a copied row where only the name was edited, and the observation
    would point at the wrong coordinates.

    Fails:

    ```
    | LDS749B    | 8  | NIRSpec FS prism | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B    |
    | WD1057+719 | 9  | NIRSpec FS prism | NIRSpec Fixed Slit Spectroscopy | (2) WD1057+719 |
    ```

    Passes:

    ```
    | LDS749B    | 8  | NIRSpec FS prism | NIRSpec Fixed Slit Spectroscopy | (2) LDS749B    |
    | WD1057+719 | 9  | NIRSpec FS prism | NIRSpec Fixed Slit Spectroscopy | (3) WD1057+719 |
    ```
    """
    index = _index(document)
    owner, home = index.owner, index.home
    taken = set(owner)
    given: dict[str, int | None] = {}  # a name without a number of its own: the free number offered to all its rows
    for (row, number, name), key in index.number_conflicts:  # rows whose number belongs to another name
        first_row, _, first_name = owner[int(number.value)]
        own = home[key]
        covers = ()
        fix = None
        if _key(owner[int(own.number.value)].name) == key:
            right = f"; {own.name.value} is target {own.number.value} on line {own.row.line}"
            fix = Fix(f"renumber it {own.number.value}", (Edit(number.span, own.number.value),), UNSAFE)
        elif _close_to(name.value, first_name.value):
            # a typo of the number's own target: one finding, covering the
            # name (APT's naming rule, PL310, and the folder checks would
            # report the misspelt name again)
            yield Finding(
                name.span,
                f"did you mean {first_name.value}? target {number.value} is {first_name.value} on line "
                f"{first_row.line}, here it is written {name.value}",
                fix=Fix(f"write {first_name.value}", (Edit(name.span, first_name.value),), UNSAFE),
                related=(Related(first_name.span, f"target {number.value} is {first_name.value} here"),),
                covers=(name.span,),
            )
            continue
        else:
            if key not in given:
                given[key] = free = _free_number(taken)
                if free is not None:
                    taken.add(free)  # the next name without a number is offered another one
            free = given[key]
            right = f"; give {name.value} a number of its own ({free} is free)" if free is not None else ""
            if free is not None:
                fix = Fix(f"renumber it {free}", (Edit(number.span, str(free)),), UNSAFE)
        yield Finding(
            name.span,
            f"target {number.value} is {first_name.value} on line {first_row.line}, here it names {name.value}{right}",
            fix=fix,
            related=(Related(first_name.span, f"target {number.value} is {first_name.value} here"),),
            covers=covers,
        )


@rule(
    "PL321", "target-name-conflict", "error",
    "One target name (ignoring case) carries two different numbers.",
    autofix=UNSAFE,
    fix_note="the row takes the number the name carries elsewhere; unsafe: two targets may share a name by mistake.",
)
def target_name_conflict(document, context):
    """**What it does.** Gives each target name the number most of its rows
    carry (on a tie, the number of its first row) and reports every row
    where the same name — compared ignoring case, as APT does — has another
    number, at the number, naming a line where the name has its own number
    (shown as related information too). So a renumbered first row is the one
    reported, not the correct rows after it. A row whose number already
    belongs to another target is left to `target-number-conflict` (PL320),
    so a row that mixes two targets is reported once.

    **Why it matters.** A target has one entry, and so one number, in APT's
    target list. Two numbers for one name mean either a typo in the number
    or two target-list entries with one name, and APT refuses two targets
    whose names differ only in case (`muCol` and `MUCOL`), so a case-only
    difference with two numbers is reported too.

    Rows that repeat a target, with or without folders, are fine: 1093
    observes `(1) AB-DOR` in observations 1, 2 and 9.

    Fails:

    ```
    |        | 1 | | NIRISS Aperture Masking Interferometry | (1) AB-DOR |
    |        | 9 | | NIRISS External Calibration            | (6) AB-DOR |
    ```

    Passes:

    ```
    |        | 1 | | NIRISS Aperture Masking Interferometry | (1) AB-DOR |
    |        | 9 | | NIRISS External Calibration            | (1) AB-DOR |
    ```
    """
    index = _index(document)
    # rows whose number is their name's, and not the number the name has
    # elsewhere (a row whose number belongs to another target is PL320's)
    for row, number, name in index.name_conflicts:
        first_row, first_number, first_name = index.home[_key(name)]
        if name.value == first_name.value:
            message = (
                f"{name.value} is target {first_number.value} on line {first_row.line}, here it is numbered "
                f"{number.value}; one target has one number"
            )
        else:
            message = (
                f"{name.value} is numbered {number.value} here, but target {first_number.value} on line "
                f"{first_row.line} is {first_name.value}; APT does not allow two targets whose names differ "
                "only in case, so use one number and one spelling, or rename one of them"
            )
        yield Finding(
            number.span,
            message,
            fix=Fix(f"renumber it {first_number.value}", (Edit(number.span, first_number.value),), UNSAFE),
            related=(Related(first_number.span, f"{first_name.value} is numbered {first_number.value} here"),),
        )


@rule(
    "PL322", "target-name-case", "warning",
    "One target is written with different capitalisation in different rows.",
    autofix=SAFE,
    fix_note="the name is written as the target's first (or most common) spelling.",
)
def target_name_case(document, context):
    """**What it does.** Reports a row whose target has the same number as an
    earlier row and the same name except for capitalisation, naming the
    spelling and line of the first use.

    **Why it matters.** APT compares target names ignoring case, so
    `(2) LDS749B` and `(2) lds749b` are one target and not a conflict; but
    APT stores one spelling, the one in the program's target list, and the
    document should show that spelling everywhere. A second spelling means
    the row was typed by hand and may not match the archive's `TARGPROP`.
    A case-only difference with two *numbers* is an error reported by
    `target-name-conflict` (PL321).

    Fails:

    ```
    | muCol | 3 | MIRI Imaging | MIRI Imaging                        | (5) muCol |
    |       | 4 | MIRI MRS     | MIRI Medium Resolution Spectroscopy | (5) MuCol |
    ```

    Passes:

    ```
    | muCol | 3 | MIRI Imaging | MIRI Imaging                        | (5) muCol |
    |       | 4 | MIRI MRS     | MIRI Medium Resolution Spectroscopy | (5) muCol |
    ```
    """
    index = _index(document)
    # rows with their name's own number whose spelling differs from the
    # name's home row (a row whose number belongs to another target is PL320's)
    for row, number, name in index.case_slips:
        first_row, first_number, first_name = index.home[_key(name)]
        yield Finding(
            name.span,
            f"target {number.value} is written {first_name.value} on line {first_row.line}, here {name.value}; "
            f"write it {first_name.value} everywhere, as in APT's target list",
            fix=Fix(f"write {first_name.value}", (Edit(name.span, first_name.value),), SAFE),
            related=(Related(first_name.span, f"target {number.value} is first written {first_name.value} here"),),
        )


@rule(
    "PL323", "target-none-not-allowed", "warning",
    "A template that observes a target has `NONE` as its Science Target.",
    fix_note="which target the row observes is not in the row.",
)
def target_none_not_allowed(document, context):
    """**What it does.** Reports a `NONE` Science Target under a known
    template that points at a target (`needs_target: true` in the
    vocabulary, the default), at the target cell. Templates whose vocabulary
    entry says `needs_target: false` (NIRSpec Internal Lamp, the darks,
    internal flats, anneals, Station Keeping, ...) or `optional` (Realtime
    Commanding) accept `NONE`; an unknown template is skipped (the template
    rules report it).

    The issue's two phrasings — "`NONE` only with templates that need no
    target" and "a template that needs a target must not have `NONE`" — say
    the same thing (each is the other's contrapositive), so this is one rule.
    The converse, a real target under a `needs_target: false` template, is
    not reported: the vocabulary's `false` means APT *allows* `NONE`, not
    that it forbids a target (NIRISS Internal Flat takes a target unless it
    runs in parallel).

    **Why it matters.** APT writes `NONE` only for internal exposures; an
    external template without a target cannot be scheduled, and `NONE` in
    such a row usually means the target was lost when the row was copied.
    It is a warning because a team vocabulary may lag behind APT.

    Fails:

    ```
    |  | 5 | NIRCam imaging | NIRCam Imaging        | NONE |
    ```

    Passes:

    ```
    |  | 5 | lamp flat      | NIRSpec Internal Lamp | NONE |
    ```
    """
    words = vocabulary(context)
    for row in document.observations:
        if row.target is None or not row.target.is_none or row.template is None:
            continue
        template = words.template(row.template.value)
        if template is None or template.needs_target is not True:
            continue
        yield Finding(
            row.target.cell.span,
            f"{template.name} observes a target, so the Science Target cannot be NONE; write it as (N) NAME "
            "(only templates without a target, such as NIRSpec Internal Lamp, take NONE)",
        )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@rule(
    "PL324", "target-numbering-order", "info",
    "Targets are not numbered 1, 2, 3 ... in order of first appearance (house style; off by default).",
    enabled=False,
    fix_note="renumbering targets changes their identity in APT; a house style is applied by hand.",
)
def target_numbering_order(document, context):
    """**What it does.** A house style some teams keep: the first target to
    appear in the table is number 1, the next new one number 2, and so on.
    Reports, at its first appearance, every target whose number is not its
    place in that order. Off by default; select `PL324` to use it.

    **Why it matters.** Numbers in first-appearance order make a table easy
    to check by eye against APT's target list. They are not required: APT
    lets users change target numbers, and real programs number 9, 10, 11
    (1063), list 3 before 2 (1144) or use only 2 (1164), so the default
    configuration never reports this.

    Fails (with the rule selected): `(9) A`, `(10) B`, `(11) C` in that order.

    Passes: `(1) A`, `(2) B`, `(1) A`, `(3) C`.
    """
    seen: set[str] = set()
    for _, number, name in named_targets(document):
        key = _key(name)
        if key in seen:
            continue
        seen.add(key)
        place = len(seen)
        if int(number.value) != place:
            yield Finding(
                number.span,
                f"{name.value} is the {_ordinal(place)} target to appear but is numbered {number.value}; "
                f"house style numbers targets 1, 2, 3 ... in order of first appearance, which makes it {place}",
            )
