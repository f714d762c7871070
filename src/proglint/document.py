"""The typed model of one program document.

Every value carries the :class:`~proglint.span.Span` it came from, so schema
checks and rules point at exact characters and never compute positions of
their own.  The model is built by :mod:`proglint.parse` and is complete as
far as the text allows: a broken row or bad YAML leaves a hole, not an
exception, and the problems found on the way are kept in ``problems``.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple, Union

from .diagnostic import Diagnostic
from .record import Record, _set, field
from .source import Source
from .span import Span, Text

# --------------------------------------------------------------------------
# Front matter: a small YAML tree that keeps what the user wrote.


class YamlScalar(Record):
    """A scalar as written: ``text`` is never converted by YAML 1.1 rules
    (``no`` stays ``"no"``, ``012`` stays ``"012"``); ``style`` is the quote
    or block indicator (``""`` when plain) so later typing can follow YAML
    1.2's core schema, where only plain scalars are numbers or booleans."""

    __slots__ = ("text", "style", "span")

    def __init__(self, text: str, style: str, span: Span) -> None:
        _set(self, "text", text)
        _set(self, "style", style)
        _set(self, "span", span)

    @property
    def quoted(self) -> bool:
        return self.style != ""


class YamlSequence(Record):
    __slots__ = ("items", "span")

    def __init__(self, items: tuple["YamlNode", ...], span: Span) -> None:
        _set(self, "items", items)
        _set(self, "span", span)


class YamlEntry(Record):
    __slots__ = ("key", "value")

    def __init__(self, key: "YamlNode", value: "YamlNode") -> None:
        _set(self, "key", key)
        _set(self, "value", value)

    @property
    def key_text(self) -> str:
        return self.key.text if isinstance(self.key, YamlScalar) else ""


class YamlMapping(Record):
    """Entries in document order; duplicate keys are kept, each with its span."""

    __slots__ = ("entries", "span")

    def __init__(self, entries: tuple[YamlEntry, ...], span: Span) -> None:
        _set(self, "entries", entries)
        _set(self, "span", span)

    def first(self, key: str) -> YamlEntry | None:
        for entry in self.entries:
            if entry.key_text == key:
                return entry
        return None

    def all(self, key: str) -> list[YamlEntry]:
        return [e for e in self.entries if e.key_text == key]


YamlNode = Union[YamlScalar, YamlSequence, YamlMapping]


class FrontMatter(Record):
    """The YAML block between the opening ``---`` and the closing ``---``.

    ``root`` is ``None`` when the YAML could not be read; ``closing`` is
    ``None`` when the block is not terminated.
    """

    __slots__ = ("opening", "closing", "root")

    def __init__(self, opening: Span, closing: Span | None, root: YamlNode | None) -> None:
        _set(self, "opening", opening)
        _set(self, "closing", closing)
        _set(self, "root", root)

    @property
    def mapping(self) -> YamlMapping | None:
        return self.root if isinstance(self.root, YamlMapping) else None

    @property
    def entries(self) -> tuple[YamlEntry, ...]:
        mapping = self.mapping
        return mapping.entries if mapping is not None else ()

    def get(self, key: str) -> YamlEntry | None:
        mapping = self.mapping
        return mapping.first(key) if mapping is not None else None


# --------------------------------------------------------------------------
# The markdown body.


class Heading(Record):
    """The ``# ID - TITLE`` line. ``id``/``title`` are ``None`` when the line
    does not have that shape; ``text`` is everything after ``# ``."""

    __slots__ = ("line", "span", "text", "id", "title")

    def __init__(self, line: int, span: Span, text: Text, id: Text | None, title: Text | None) -> None:
        _set(self, "line", line)
        _set(self, "span", span)
        _set(self, "text", text)
        _set(self, "id", id)
        _set(self, "title", title)


class ProgramUrl(Record):
    __slots__ = ("text", "program_id")

    def __init__(self, text: Text, program_id: Text | None) -> None:
        _set(self, "text", text)
        _set(self, "program_id", program_id)


class Section(Record):
    """A heading of level 2 or deeper and the lines it governs."""

    __slots__ = ("level", "title", "line", "end_line")

    def __init__(self, level: int, title: Text, line: int, end_line: int) -> None:
        _set(self, "level", level)
        _set(self, "title", title)
        _set(self, "line", line)
        _set(self, "end_line", end_line)


class Cell(NamedTuple):
    """One table cell (a tuple underneath, like Observation and TargetRef:
    the parser makes one per cell, and tuples are cheap to build). ``text`` is the content without its padding (a blank
    cell has an empty, zero-width text); ``region`` is everything between
    the two pipes, for pointing at a blank cell."""

    text: Text
    region: Span

    @property
    def value(self) -> str:
        return self.text.value

    @property
    def span(self) -> Span:
        return self.text.span

    @property
    def blank(self) -> bool:
        return self.text.value == ""


class TargetRef(NamedTuple):
    """A Science Target cell read as ``(N) NAME`` or ``NONE``.

    ``number`` and ``name`` are ``None`` when the cell has another shape;
    the cell itself stays available for the checks that report it.
    """

    cell: Cell
    number: Text | None
    name: Text | None

    @property
    def is_none(self) -> bool:
        return self.cell.value == "NONE"

    @property
    def well_formed(self) -> bool:
        return self.is_none or (self.number is not None and self.name is not None)


class Observation(NamedTuple):
    """One row of the observations table.

    ``folder`` is the folder the row belongs to (the Text of the cell that
    named it, possibly on an earlier row) and ``continues_folder`` records
    that this row's own Folder cell was blank.  Cells missing from a short
    row are ``None``.
    """

    line: int
    span: Span
    cells: tuple[Cell, ...]
    folder_cell: Cell | None
    number: Cell | None
    label: Cell | None
    template: Cell | None
    target: TargetRef | None
    folder: Text | None
    continues_folder: bool


COLUMNS = ("Folder", "Observation", "Label", "Observing Template", "Science Target")


class ObservationsTable(Record):
    __slots__ = ("header_line", "header", "rows", "span")

    def __init__(self, header_line: int, header: tuple[Cell, ...], rows: tuple[Observation, ...], span: Span) -> None:
        _set(self, "header_line", header_line)
        _set(self, "header", header)
        _set(self, "rows", rows)
        _set(self, "span", span)


# --------------------------------------------------------------------------


class Document(Record):
    source: Source
    front_matter: FrontMatter | None
    heading: Heading | None
    url: ProgramUrl | None
    sections: tuple[Section, ...]
    table: ObservationsTable | None
    problems: tuple[Diagnostic, ...] = field(default=())
    code_lines: frozenset[int] = frozenset()  # lines of fenced code: nothing is read from them
    # facts several rules derive from the document, computed once (api.per_document)
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def observations(self) -> tuple[Observation, ...]:
        return self.table.rows if self.table is not None else ()

    def section(self, title: str) -> Section | None:
        wanted = title.casefold()
        for section in self.sections:
            if section.title.value.casefold() == wanted:
                return section
        return None

    def targets(self) -> Iterator[TargetRef]:
        for row in self.observations:
            if row.target is not None:
                yield row.target
