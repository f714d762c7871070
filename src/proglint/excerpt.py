"""The few lines of a document a report shows.

A run over thousands of files must not hold every file's text until the
report is written, yet the text format shows the line under each finding
and baselines fingerprint the characters a finding points at.  An
:class:`Excerpt` keeps just those lines (the start line of every finding,
suppression comment and cross-document summary), and answers the same
``line``/``slice``/``line_count`` questions a :class:`~proglint.source.Source`
does, so formatters take either.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .source import Source
from .span import Span, Text


class Excerpt:
    __slots__ = ("path", "line_count", "_lines")

    def __init__(self, path: str, line_count: int, lines: Mapping[int, str]):
        self.path = path
        self.line_count = line_count
        self._lines = dict(lines)

    @classmethod
    def of(cls, source: Source, spans: Iterable[Span]) -> "Excerpt":
        count = source.line_count
        wanted = {s.start_line for s in spans if 1 <= s.start_line <= count}
        return cls(source.path, count, {n: source.line(n) for n in wanted})

    def line(self, number: int) -> str:
        return self._lines.get(number, "")

    def slice(self, span: Span) -> str:
        if span.start_line != span.end_line or span.start_line not in self._lines:
            raise ValueError("an excerpt slices within one kept line")
        return self._lines[span.start_line][span.start_column - 1 : span.end_column - 1]

    def kept(self) -> dict[int, str]:
        """The kept lines, for the cache."""
        return dict(self._lines)


def spans_in(value: Any) -> Iterable[Span]:
    """Every span inside a cross-document summary (plain values, Text, Span)."""
    if isinstance(value, Span):
        yield value
    elif isinstance(value, Text):
        yield value.span
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from spans_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from spans_in(item)
