"""What the fixes did, for people: the words the text summary line adds
(how many findings were fixed, how many more a fix is offered for) and
the ``--show-fixes`` list.

Machine formats never carry these words: the JSON report's findings carry
their ``fix`` already, and a parser of stdout must not meet a sentence.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from ..record import Record
from . import plural


class FixCounts(Record):
    """The fix half of a run, counted for its summary line."""

    fixed: int = 0  # findings whose fixes were written
    safe: int = 0  # findings still reported that --fix would fix
    unsafe: int = 0  # findings still reported whose only fix is unsafe (not asked for)
    fix: bool = False  # --fix was given
    unsafe_fixes: bool = False  # --unsafe-fixes was given
    only: bool = False  # --fix-only: the findings left are not reported


def counts(shown: Sequence, *, fixed: int, fix: bool, unsafe_fixes: bool, only: bool = False) -> FixCounts:
    """Count the fixes of the findings a run reports (suppressed ones are not reported)."""
    if only:
        return FixCounts(fixed, 0, 0, True, unsafe_fixes, only=True)
    offered = [d.fix for d in shown if d.fix is not None and d.fix.edits and d.suppression is None]
    safe = sum(1 for f in offered if f.safe or unsafe_fixes)
    return FixCounts(fixed, safe, len(offered) - safe, fix, unsafe_fixes)


def summary_words(summary, fixes: FixCounts | None) -> str:
    """The text summary line: what was checked and found, then what was
    fixed and what more can be."""
    from . import summary_line

    line = summary_line(summary)
    if fixes is None:
        return line
    remaining = summary.errors + summary.warnings + summary.infos
    if fixes.only:  # only what stopped a fix is reported
        done = f"{plural(fixes.fixed, 'finding')} fixed"
        return f"{line[:-1]} ({done})." if remaining else f"Checked {plural(summary.files, 'file')}: {done}."
    if fixes.fixed and remaining:
        line = line[:-1] + f" ({fixes.fixed} fixed, {remaining} remaining)."
    elif fixes.fixed:
        line = f"Checked {plural(summary.files, 'file')}: no problems left ({fixes.fixed} fixed)."
    hints = []
    if fixes.safe and not fixes.fix:
        hints.append(f"{fixes.safe} fixable with --fix" + (" --unsafe-fixes" if fixes.unsafe_fixes else ""))
    if fixes.unsafe:
        more = "more " if hints else ""
        option = "--unsafe-fixes" if fixes.fix else "--fix --unsafe-fixes"
        it = "it" if fixes.unsafe == 1 else "them"
        hints.append(f"{fixes.unsafe} {more}{'has' if fixes.unsafe == 1 else 'have'} an unsafe fix ({option} applies {it})")
    return line + ("" if not hints else " " + "; ".join(hints) + ".")


def show_fixes(fixes: Mapping[str, Sequence], *, applied: bool) -> str:
    """``--show-fixes``: per file, each fix applied (or, without --fix,
    that would be): where its finding was, its code and name, and the fix's
    own message; unsafe ones are marked."""
    total = sum(len(found) for found in fixes.values())
    if not total:
        return ("No fixes applied." if applied else "No fixes to apply.") + "\n"
    files = sum(1 for found in fixes.values() if found)
    verb = "Fixed" if applied else "Would fix"
    lines = [f"{verb} {plural(total, 'finding')} in {plural(files, 'file')}:"]
    for path, found in fixes.items():
        if not found:
            continue
        lines.append(f"  {path}:")
        width = max(len(f"{a.line}:{a.column}") for a in found)
        for a in found:
            unsafe = "" if a.safe else " (unsafe)"
            lines.append(f"    {f'{a.line}:{a.column}':<{width}}  {a.code} [{a.name}] {a.message}{unsafe}")
    return "\n".join(lines) + "\n"
