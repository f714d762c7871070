"""The text of one document exactly as read.

A :class:`Source` owns the decoding (UTF-8, with or without a byte-order
mark), the newline style and the line index.  Nothing downstream re-reads a
file: the parser, the formatters (for snippets) and ``--fix`` (to write the
file back with the same BOM and newlines) all work from this one value.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from pathlib import Path

from .record import Record, field
from .span import Span

BOM = "\ufeff"


class DecodeProblem(Record):
    """Where the first byte that is not UTF-8 sits, reported by the parser."""

    offset: int  # character offset in the decoded text
    byte_offset: int
    byte: int
    utf16: bool = False  # the bytes start with a UTF-16 byte-order mark


class LineIndex:
    """Maps character offsets in a text to 1-based (line, column) and back.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as in CommonMark and
    YAML, so a CRLF file and its LF twin give the same positions and no
    stage disagrees with another about what a line is.
    """

    __slots__ = ("_text", "_starts", "_ends", "_lines")

    def __init__(self, text: str):
        self._text = text
        if "\r" not in text:
            # The usual file: lines end at '\n' only, so one split gives
            # every line, and the offsets follow from their lengths.
            lines = text.split("\n")
            after = list(accumulate(map(_PLUS_ONE, map(len, lines))))  # offset just past each line's '\n'
            starts = [0]
            starts += after[:-1]
            ends = list(map(_MINUS_ONE, after))
        else:
            starts = [0]
            ends = []
            for match in _LINE_END.finditer(text):
                ends.append(match.start())
                starts.append(match.end())
            ends.append(len(text))
            lines = [text[start:end] for start, end in zip(starts, ends)]
        self._starts = starts
        self._ends = ends
        self._lines = lines  # the parser and the rules ask for lines hundreds of times per document

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset just after the line's last character (before its newline)."""
        return self._ends[line - 1]

    def line_text(self, line: int) -> str:
        """The line's content without its line ending."""
        return self._lines[line - 1]

    def long_lines(self, limit: int) -> list[int]:
        """The lines longer than ``limit`` characters (line endings not counted)."""
        if len(self._text) <= limit:  # no line can be
            return []
        return [number for number, (start, end) in enumerate(zip(self._starts, self._ends), 1) if end - start > limit]

    def position(self, offset: int) -> tuple[int, int]:
        if offset < 0 or offset > len(self._text):
            raise ValueError(f"offset {offset} outside the text (length {len(self._text)})")
        line = bisect.bisect_right(self._starts, offset)
        # an offset inside a CRLF pair belongs to the end of its line
        column = min(offset, self._ends[line - 1]) - self._starts[line - 1] + 1
        return line, column

    def offset(self, line: int, column: int) -> int:
        if line < 1 or line > len(self._starts):
            raise ValueError(f"line {line} outside the text ({len(self._starts)} lines)")
        return self._starts[line - 1] + column - 1

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))


_LINE_END = re.compile(r"\r\n|\r|\n")
_PLUS_ONE = (1).__add__
_MINUS_ONE = (-1).__add__


class Source(Record):
    """One document: its path, its decoded text, and how it was stored."""

    path: str
    text: str
    bom: bool = False
    newline: str = "\n"
    decode_problem: DecodeProblem | None = None
    lines: LineIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", LineIndex(self.text))

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> "Source":
        problem = None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            # Everything before the bad byte decodes as is, so its length
            # in characters is the bad byte's offset in the replaced text.
            offset = len(data[: exc.start].decode("utf-8"))
            problem = DecodeProblem(offset, exc.start, data[exc.start], data[:2] in (b"\xff\xfe", b"\xfe\xff"))
            text = data.decode("utf-8", errors="replace")
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
            if problem is not None:
                problem = DecodeProblem(problem.offset - 1, problem.byte_offset, problem.byte, problem.utf16)
        return cls(path=path, text=text, bom=bom, newline=_newline_style(text), decode_problem=problem)

    @classmethod
    def from_text(cls, path: str, text: str) -> "Source":
        """For editors and tests that already hold the text (no bytes read)."""
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
        return cls(path=path, text=text, bom=bom, newline=_newline_style(text))

    @classmethod
    def read(cls, path: str | Path) -> "Source":
        return cls.from_bytes(str(path), Path(path).read_bytes())

    def slice(self, span: Span) -> str:
        """The characters a span covers: the inverse of the parser's spans."""
        start = self.lines.offset(span.start_line, span.start_column)
        end = self.lines.offset(span.end_line, span.end_column)
        return self.text[start:end]

    def line(self, number: int) -> str:
        return self.lines.line_text(number)

    @property
    def line_count(self) -> int:
        return self.lines.line_count

    def encode(self, text: str | None = None) -> bytes:
        """Bytes for writing ``text`` back the way this file was stored."""
        body = self.text if text is None else text
        return ((BOM if self.bom else "") + body).encode("utf-8")


def _newline_style(text: str) -> str:
    first = text.find("\n")
    if first > 0 and text[first - 1] == "\r":
        return "\r\n"
    return "\n"
