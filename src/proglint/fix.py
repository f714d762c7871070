"""``--fix``: apply the repairs rules offer, and nothing else.

Edits come from the findings' :class:`~proglint.diagnostic.Fix` values and
are applied to the text exactly as read (newline style and byte-order mark
are kept, since :meth:`Source.encode` writes them back).  Overlapping edits
are not guessed at: the later one waits for the next pass, and passes repeat
(re-linting in between) until nothing more can be fixed, as ruff does.  A
fix into text the parser could not read waits too (:func:`ambiguity`), and
keeps the file unwritten if it is still waiting at the end.
This is the only code in proglint that writes a user's document, and it
writes atomically; ``--diff`` and ``--show-fixes`` see the same result
(:func:`unified_diff`, :class:`Applied`) without writing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from .diagnostic import Diagnostic, Severity
from .meta import CheckInfo
from .record import Record, _set
from .source import Source
from .span import Span

MAX_PASSES = 10

NOT_WRITTEN = CheckInfo(
    "PL902", "fix-not-written", Severity.ERROR, "--fix had fixes for this file but did not write them.",
    """
    **What it does.** Reports a file `--fix` would have changed but left as
    it was (with `--diff` or `--show-fixes` alone: would leave), and why:
    the file is not valid UTF-8 (writing the decoded text back would
    replace the bytes that are not, and they are the user's); it changed on
    disk between proglint reading it and writing it (another editor, or a
    second `proglint --fix` on the same file, wrote it first); or a fix
    would edit text the parser could not read (a table row whose cells do
    not fit the columns, a pipe-less table, the line of a YAML error),
    where the cells the fix was computed from may not be the cells it
    would land on.

    **Why it matters.** `--fix` never loses a byte: it writes only the
    exact text it read plus its fixes, atomically, and only fixes whose
    place is certain.

    **Fix.** Save the file as UTF-8 (PL001 points at the first byte that
    is not), repair the parse problem the message names (its own fix, when
    it has one, is applied first), or run `proglint --fix` again on the
    file as it is now.
    """,
    fix_note="nothing was written; run --fix again, or save the file as UTF-8 first.",
)
ALL = (NOT_WRITTEN,)


class Applied(Record):
    """One fix ``--fix`` applied (or, for ``--diff`` and ``--show-fixes``
    without ``--fix``, would apply): what ``--show-fixes`` lists.  The
    position is the finding's, in the text as that pass saw it (the file as
    read, for the first pass)."""

    __slots__ = ("code", "name", "line", "column", "message", "safe")

    def __init__(self, code: str, name: str, line: int, column: int, message: str, safe: bool) -> None:
        _set(self, "code", code)
        _set(self, "name", name)
        _set(self, "line", line)
        _set(self, "column", column)
        _set(self, "message", message)
        _set(self, "safe", safe)


class Fixed(Record):
    __slots__ = ("source", "applied", "fixes", "ambiguous")

    def __init__(
        self,
        source: Source,  # the document after the fixes
        applied: int,  # how many findings were fixed
        fixes: tuple[Applied, ...] = (),
        # Why the fixes must not be written, when one of them edits text the
        # parser could not read (see ambiguity()); None when they may be.
        ambiguous: str | None = None,
    ) -> None:
        _set(self, "source", source)
        _set(self, "applied", applied)
        _set(self, "fixes", fixes)
        _set(self, "ambiguous", ambiguous)


def choose(source: Source, diagnostics: list[Diagnostic], *, unsafe: bool = False):
    """The findings whose fixes one pass applies, and their edits as
    (start, end, text) offsets: every active finding's fix (unsafe ones only
    when asked) that does not overlap a fix chosen before it."""
    chosen: list[Diagnostic] = []
    edits_chosen: list[tuple[int, int, str]] = []
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
        edits_chosen += edits
        chosen.append(diagnostic)
    return chosen, edits_chosen


def apply(source: Source, diagnostics: list[Diagnostic], *, unsafe: bool = False) -> tuple[str, int]:
    """The text with every non-overlapping fix of the active findings
    applied (unsafe ones only when asked)."""
    chosen, edits = choose(source, diagnostics, unsafe=unsafe)
    return _edited(source.text, edits), len(chosen)


def _edited(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with the (non-overlapping) edits made, built front to back.
    Edits at one place keep the order their fix lists them in, as the
    language server's clients apply the same fix (LSP: "the order in the
    array defines the order in which the inserted strings appear") and as
    ruff does; an insertion at the start of a replacement comes before it."""
    parts = []
    done = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        parts += (text[done:start], replacement)
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end or start == end == other_start for other_start, other_end in taken)


def ambiguity(diagnostics: list[Diagnostic], diagnostic: Diagnostic) -> str | None:
    """Why ``diagnostic``'s fix must not be applied yet, or None.

    A fix is *ambiguous* when one of its edits touches a region the parser
    could not read: what a parse problem (PL001-PL016) covers (a row whose
    cells do not fit the columns, a pipe-less table, an undecodable file),
    else the whole lines of the problem itself (the line a YAML error is
    on).  There the model's spans may point at the wrong characters (a
    shifted row's "Label" cell holds the template), so an edit computed
    from them could land on text it was not meant for.  A parse problem's
    own fix (PL011's "insert an empty Folder cell") is exempt: it is the
    repair of that region."""
    from .parse.problems import ALL as PARSE_PROBLEMS

    codes = {info.code for info in PARSE_PROBLEMS}
    for problem in diagnostics:
        if problem.code not in codes or problem is diagnostic:
            continue
        for region in problem.covers or (Span(problem.span.start_line, 1, problem.span.end_line + 1, 1),):
            for edit in diagnostic.fix.edits:
                if _touches(edit.span, region):
                    return (
                        f"the {diagnostic.code} fix at line {diagnostic.span.start_line} edits line {edit.span.start_line}, "
                        f"which the parser could not read ({problem.code} at line {problem.span.start_line}, "
                        f"column {problem.span.start_column})"
                    )
    return None


def _touches(edit: Span, region: Span) -> bool:
    a0, a1 = (edit.start_line, edit.start_column), (edit.end_line, edit.end_column)
    b0, b1 = (region.start_line, region.start_column), (region.end_line, region.end_column)
    if a0 == a1:  # an insertion: inside the region, its start included
        return b0 <= a0 < b1
    return a0 < b1 and b0 < a1


def fix_until_stable(source: Source, lint: Callable[[Source], list[Diagnostic]], *, unsafe: bool = False) -> Fixed:
    """Fix, re-lint, and fix again until no fix applies (at most
    MAX_PASSES).  An ambiguous fix (see :func:`ambiguity`) waits, as an
    overlapping one does: the pass's other fixes (a parse problem's own
    repair among them) may make it clear.  One still waiting when nothing
    else applies keeps the whole file as it is: the result says why, and
    the user fixes the parse problem first."""
    total = 0
    fixes: list[Applied] = []
    for _ in range(MAX_PASSES):
        found = lint(source)
        waiting = None
        candidates = []
        for diagnostic in found:
            if diagnostic.fix is not None and diagnostic.suppression is None and (unsafe or diagnostic.fix.safe):
                reason = ambiguity(found, diagnostic)
                if reason is not None:
                    waiting = waiting or reason
                    continue
            candidates.append(diagnostic)
        chosen, edits = choose(source, candidates, unsafe=unsafe)
        text = _edited(source.text, edits)
        if not chosen or text == source.text:
            if waiting is not None:
                return Fixed(source, total, tuple(fixes), ambiguous=waiting)
            break
        total += len(chosen)
        fixes += sorted(
            (Applied(d.code, d.name, d.span.start_line, d.span.start_column, d.fix.message, d.fix.safe) for d in chosen),
            key=lambda a: (a.line, a.column, a.code),
        )
        source = Source(path=source.path, text=text, bom=source.bom, newline=source.newline)
    return Fixed(source, total, tuple(fixes))


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


def unified_diff(source: Source, after: str) -> str:
    """What the fixes change in ``source``, as a unified diff with
    ``a/PATH`` and ``b/PATH`` headers (as ruff and git write them, so
    ``patch -p1`` and ``git apply`` take it).  Lines keep their own endings
    (a CRLF file's diff has CRLF lines, so it applies to the file as it is)
    and the byte-order mark is part of the first line; a last line without
    a newline is marked as diff marks it."""
    import difflib

    bom = "\ufeff" if source.bom else ""
    name = source.path.replace("\\", "/")
    out = []
    for line in difflib.unified_diff(_lines(bom + source.text), _lines(bom + after), f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines with their endings, split only where proglint ends a line
    (str.splitlines would also split at form feeds and U+2028)."""
    return [m.group() for m in _LINE.finditer(text) if m.group()]


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def not_written(path: str, message: str) -> Diagnostic:
    return NOT_WRITTEN.diagnostic(Span.point(1, 1), message, path)
