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

from .atomic import write_bytes
from .diagnostic import Diagnostic
from .source import Source

MAX_PASSES = 10


@dataclass(frozen=True)
class Fixed:
    source: Source  # the document after the fixes
    applied: int  # how many findings were fixed


def apply(source: Source, diagnostics: list[Diagnostic]) -> tuple[str, int]:
    """The text with every non-overlapping fix of the active findings applied."""
    chosen: list[tuple[int, int, str]] = []
    applied = 0
    taken: list[tuple[int, int]] = []
    for diagnostic in diagnostics:
        if diagnostic.fix is None or diagnostic.suppression is not None:
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


def fix_until_stable(source: Source, lint: Callable[[Source], list[Diagnostic]]) -> Fixed:
    """Fix, re-lint, and fix again until no fix applies (at most MAX_PASSES)."""
    total = 0
    for _ in range(MAX_PASSES):
        text, applied = apply(source, lint(source))
        if not applied or text == source.text:
            break
        total += applied
        source = Source(path=source.path, text=text, bom=source.bom, newline=source.newline)
    return Fixed(source, total)


def write(fixed: Fixed) -> None:
    write_bytes(Path(fixed.source.path), fixed.source.encode())
