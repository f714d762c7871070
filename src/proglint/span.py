"""Positions in a document.

Every value in the model carries a :class:`Span` so that any later stage
(schema checks, rules, formatters, the language server) can point at the
exact characters without recomputing anything.  Lines and columns are
1-based and count characters (code points); the end is exclusive, as in
SARIF regions.  The language server converts to 0-based UTF-16 at its own
edge, nowhere else.
"""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """A tuple underneath: the parser makes one per cell and value, and a
    tuple is built twice as fast as a frozen dataclass. Ordering is by
    start, then end."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> "Span":
        """A zero-width span, for things that are missing at a place."""
        return cls(line, column, line, column)

    @classmethod
    def on_line(cls, line: int, start_column: int, end_column: int) -> "Span":
        return cls(line, start_column, line, end_column)

    def cover(self, other: "Span") -> "Span":
        """The smallest span holding both, for values built from parts."""
        start = min((self.start_line, self.start_column), (other.start_line, other.start_column))
        end = max((self.end_line, self.end_column), (other.end_line, other.end_column))
        return Span(start[0], start[1], end[0], end[1])

    def contains(self, line: int, column: int) -> bool:
        return (self.start_line, self.start_column) <= (line, column) <= (self.end_line, self.end_column)


class Text(NamedTuple):
    """A piece of the document as the user wrote it, with where it stands."""

    value: str
    span: Span

    def __str__(self) -> str:
        return self.value
