"""``--fix``: apply the repairs rules offer, and nothing else.

Edits come from the findings' :class:`~proglint.diagnostic.Fix` values and
are applied to the text exactly as read (newline style and byte-order mark
are kept, since :meth:`Source.encode` writes them back).  Overlapping edits
are not guessed at: the later one waits for the next pass, and passes repeat
(re-linting in between) until nothing more can be fixed, as ruff does.
This is the only code in proglint that writes a user's document, and it
writes atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .diagnostic import Diagnostic, Severity
from .meta import CheckInfo
from .source import Source
from .span import Span

MAX_PASSES = 10

NOT_WRITTEN = CheckInfo(
    "PL902", "fix-not-written", Severity.ERROR, "--fix had fixes for this file but did not write them.",
    """
    **What it does.** Reports a file `--fix` would have changed but left as
    it was, and why: the file is not valid UTF-8 (writing the decoded text
    back would replace the bytes that are not, and they are the user's), or
    it changed on disk between proglint reading it and writing it (another
    editor, or a second `proglint --fix` on the same file, wrote it first).

    **Why it matters.** `--fix` never loses a byte: it writes only the
    exact text it read plus its fixes, atomically.

    **Fix.** Save the file as UTF-8 (PL001 points at the first byte that
    is not), or run `proglint --fix` again on the file as it is now.
    """,
    fix_note="nothing was written; run --fix again, or save the file as UTF-8 first.",
)
ALL = (NOT_WRITTEN,)


@dataclass(frozen=True)
class Fixed:
    source: Source  # the document after the fixes
    applied: int  # how many findings were fixed


def apply(source: Source, diagnostics: list[Diagnostic], *, unsafe: bool = False) -> tuple[str, int]:
    """The text with every non-overlapping fix of the active findings
    applied (unsafe ones only when asked)."""
    chosen: list[tuple[int, int, str]] = []
    applied = 0
    taken: list[tuple[int, int]] = []
    for diagnostic in diagnostics:
        if diagnostic.fix is None or diagnostic.suppression is not None:
            continue
        if not (unsafe or diagnostic.fix.safe):
            continue
        edits = [
            (source.lines.offset(e.span.start_line, e.span.start_column), source.lines.offset(e.span.end_line, e.span.end_column), e.text)
            for e in diagnostic.fix.edits
        ]
        if any(_overlaps(start, end, taken) for start, end, _ in edits):
            continue
        taken += [(start, end) for start, end, _ in edits]
        chosen += edits
        applied += 1
    text = source.text
    for start, end, replacement in sorted(chosen, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, applied


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end or start == end == other_start for other_start, other_end in taken)


def fix_until_stable(source: Source, lint: Callable[[Source], list[Diagnostic]], *, unsafe: bool = False) -> Fixed:
    """Fix, re-lint, and fix again until no fix applies (at most MAX_PASSES)."""
    total = 0
    for _ in range(MAX_PASSES):
        text, applied = apply(source, lint(source), unsafe=unsafe)
        if not applied or text == source.text:
            break
        total += applied
        source = Source(path=source.path, text=text, bom=source.bom, newline=source.newline)
    return Fixed(source, total)


def write(fixed: Fixed, original: bytes) -> Diagnostic | None:
    """Write the fixed document, unless the file no longer holds the bytes
    it was read from; then the file is left alone and the reason returned."""
    from .atomic import Changed, write_bytes

    try:
        write_bytes(Path(fixed.source.path), fixed.source.encode(), expect=original)
    except Changed:
        return not_written(
            fixed.source.path,
            f"the file changed on disk while proglint ran, so its {fixed.applied} fix(es) were not written; "
            "run proglint --fix again",
        )
    return None


def not_written(path: str, message: str) -> Diagnostic:
    return NOT_WRITTEN.diagnostic(Span.point(1, 1), message, path)
