"""The one place where proglint's positions meet the protocol's.

proglint counts 1-based lines and 1-based columns in characters (code
points), with exclusive ends; the Language Server Protocol counts 0-based
lines and 0-based columns in UTF-16 code units (the encoding every server
must support, and the only one this server announces).  A character outside
the Basic Multilingual Plane (an emoji) is one column for proglint and two
units for the protocol; ``é`` is one of each.  Nothing else in the server
converts positions: every other module hands :class:`~proglint.span.Span`
values here.
"""

from __future__ import annotations

from lsprotocol import types

from ..source import LineIndex
from ..span import Span


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` takes."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def to_position(lines: LineIndex, line: int, column: int) -> types.Position:
    """A 1-based (line, code-point column) as an LSP position; positions past
    the end of a line or of the text are clamped to it, as the protocol does."""
    count = lines.line_count
    if line < 1:
        return types.Position(line=0, character=0)
    if line > count:
        line, column = count, len(lines.line_text(count)) + 1
    text = lines.line_text(line)
    prefix = text[: max(0, min(column - 1, len(text)))]
    return types.Position(line=line - 1, character=utf16_length(prefix))


def line_start(line: int) -> types.Position:
    """The start of a 1-based line of a file the server does not hold (a
    configuration file named in an error)."""
    return types.Position(line=max(0, line - 1), character=0)


def to_range(lines: LineIndex, span: Span) -> types.Range:
    return types.Range(
        start=to_position(lines, span.start_line, span.start_column),
        end=to_position(lines, span.end_line, span.end_column),
    )


def from_position(lines: LineIndex, position: types.Position) -> tuple[int, int]:
    """An LSP position as a 1-based (line, code-point column).  A position
    inside a surrogate pair (which a client should never send) rounds up to
    the character after it; one past the end of a line clamps to it."""
    count = lines.line_count
    line = position.line + 1
    if line > count:
        return count, len(lines.line_text(count)) + 1
    if line < 1:
        return 1, 1
    text = lines.line_text(line)
    wanted = max(0, position.character)
    if text.isascii():
        return line, min(wanted, len(text)) + 1
    units = 0
    for index, ch in enumerate(text):
        if units >= wanted:
            return line, index + 1
        units += 2 if ord(ch) > 0xFFFF else 1
    return line, len(text) + 1


def to_span(lines: LineIndex, range_: types.Range) -> Span:
    return Span(*from_position(lines, range_.start), *from_position(lines, range_.end))


def _key(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def range_contains(range_: types.Range, position: types.Position) -> bool:
    """Is ``position`` inside ``range_`` (both ends included, so that a
    zero-width range and the character after a range still count)?"""
    return _key(range_.start) <= _key(position) <= _key(range_.end)


def ranges_overlap(a: types.Range, b: types.Range) -> bool:
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)
