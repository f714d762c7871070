"""The document as JSON: what ``schemas/program.schema.json`` and team
schemas validate.

This JSON form is public API: team schemas are written against it, so it
changes only with a new major version.  ``to_json(document)`` returns::

    {
      "front_matter": {key: value, ...} | null,
      "heading": {"id": str | null, "title": str | null} | null,
      "url": {"text": str, "program_id": str | null} | null,
      "sections": [title, ...],
      "observations": [
        {"folder": str | null, "number": str | null, "label": str | null,
         "template": str | null,
         "target": {"text": str, "number": str | null, "name": str | null} | null},
        ...
      ]
    }

``front_matter``
    The YAML mapping between the ``---`` lines; ``null`` when there is none,
    it is not valid YAML, or it is not a mapping (the parser reports those,
    PL002-PL005).  Values are typed as YAML 1.2's *core schema* types them,
    and only **plain** (unquoted) scalars are typed: an empty value, ``~``,
    ``null``/``Null``/``NULL`` are ``null``; ``true``/``True``/``TRUE`` and
    ``false``/``False``/``FALSE`` are booleans; ``[-+]?[0-9]+``,
    ``0o[0-7]+`` and ``0x[0-9a-fA-F]+`` are integers (so ``012`` is 12);
    ``[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?`` are numbers.
    Everything else is a string: any quoted or block scalar (``"0"`` is the
    string ``"0"``), YAML 1.1 words such as ``no`` or ``on``, ``.inf`` and
    ``.nan`` (JSON has neither), and numbers too large for JSON.  Nested
    mappings and sequences are converted the same way.  When a key is given
    twice the **first** value is the one in the JSON (the duplicate is
    reported as PL103).  Keys are strings as written.

``heading``
    The ``# ID - TITLE`` line: ``id`` and ``title`` are ``null`` when the
    line does not have that shape (the parser reports PL007); ``heading``
    is ``null`` when there is no level-1 heading (PL006).

``url``
    The first URL after the heading: ``text`` as written, ``program_id`` the
    value of its ``id=`` or ``program=`` query parameter, or ``null``.

``sections``
    The titles of the level-2-and-deeper headings, in order, as written.

``observations``
    The rows of the observations table (``[]`` when there is none), each
    cell's text exactly as written without its padding; a blank cell is
    ``""``.  ``folder`` is the *effective* folder: a blank Folder cell
    continues the folder above, and it is ``null`` only when no row above
    named one.  ``number``, ``label``, ``template`` and ``target`` are
    ``null`` only when the row is too short to have that cell (PL011).
    ``target.text`` is the Science Target cell; ``number`` and ``name`` are
    the text inside the parentheses and the text after them when the cell
    reads ``(…) NAME`` (so ``(abc) X`` gives ``"abc"`` and ``"X"``, for the
    schema to judge), and both ``null`` for ``NONE`` and for a cell of
    another shape (``1) X``, ``(1)`` without a name, a blank cell).

Beside the JSON, :func:`to_json` returns a span index: each JSON path (a
tuple of keys and list indexes, ``()`` for the document) maps to a
:class:`Located` with the span of the key (front-matter keys only) and of
the value.  Objects map to the place that stands for them: the front matter
to its opening ``---`` line, the heading to its line, the URL to its text,
``observations`` to the table's header row, an observation to its row and a
target to its cell.  A blank table cell maps to the whole space between its
pipes, and an effective folder to the cell that named it.  Values with no
place of their own (a ``null`` part) are absent: the schema stage then uses
the nearest ancestor that has one.  :func:`json_form` and :func:`span_index`
return either half alone.
"""

from __future__ import annotations

import re
from typing import Any, Union

from ..document import Cell, Document, YamlMapping, YamlNode, YamlScalar, YamlSequence
from ..record import Record
from ..span import Span

JsonPath = tuple[Union[str, int], ...]


class Located(Record):
    """Where a JSON value came from: its key (for mapping entries written
    in the document) and its value."""

    key: Span | None
    value: Span


SpanIndex = dict[JsonPath, Located]

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema)
_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
# .inf / .nan and their variants match the core schema too, but JSON has
# neither, so they stay the strings they were written as.


def scalar_value(node: YamlScalar) -> Any:
    """A scalar typed by YAML 1.2's core schema; quoted scalars stay text."""
    text = node.text
    if node.style:
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    try:
        if _INT.fullmatch(text):
            return int(text)
        if _OCT.fullmatch(text):
            return int(text[2:], 8)
        if _HEX.fullmatch(text):
            return int(text[2:], 16)
        if _FLOAT.fullmatch(text):
            value = float(text)
            if value in (float("inf"), float("-inf")):
                return text  # too large for JSON
            return value
    except ValueError:  # more digits than Python converts: keep the text
        return text
    return text


def to_json(document: Document) -> tuple[dict, SpanIndex]:
    """The document's public JSON form and the span of every value in it."""
    index: SpanIndex = {}
    return _build(document, index), index


def json_form(document: Document) -> dict:
    """The JSON form alone (what :func:`to_json` returns first), without the
    cost of the span index: the schema stage builds that only for a document
    that has findings."""
    return _build(document, None)


def span_index(document: Document) -> SpanIndex:
    """The span index alone (what :func:`to_json` returns second)."""
    return to_json(document)[1]


class RowSpanIndex:
    """The span index of a document, with each observation's entries made
    only when a path inside that observation is looked up (``get``): a
    document whose schema findings are in three rows of a 10,000-row table
    pays for three rows.  Same entries as :func:`span_index`."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._entries: SpanIndex = {}
        source = document.source
        first = source.line(1) if source.lines.line_count else ""
        self._entries[()] = Located(None, Span.on_line(1, 1, len(first) + 1))
        for part in (_front_matter, _heading, _url, _sections):
            part(document, self._entries)
        self._rows = document.table.rows if document.table is not None else []
        if document.table is not None:
            _table_entry(document, self._entries)

    def get(self, path: JsonPath, default: Located | None = None) -> Located | None:
        if len(path) >= 2 and path[0] == "observations":
            position = path[1]
            if type(position) is int and 0 <= position < len(self._rows):
                if path not in self._entries:  # the one entry asked for, not the row's ten
                    entry = _row_entry(self._rows[position], path[2:])
                    if entry is None:
                        return default
                    self._entries[path] = entry
        return self._entries.get(path, default)


def _row_entry(row, rest: JsonPath) -> Located | None:
    """The span entry of the path ``rest`` inside one observation: what
    :func:`_row_entries` records for it, or None where it records nothing."""
    if not rest:
        return Located(None, row.span)
    name = rest[0]
    if len(rest) == 1 and name == "folder":
        if row.folder is not None:
            return Located(None, row.folder.span)
        return Located(None, row.folder_cell.region) if row.folder_cell is not None else None
    if len(rest) == 1 and name in _ROW_CELLS:
        cell = getattr(row, name)
        return Located(None, _cell_span(cell)) if cell is not None else None
    if name != "target" or row.target is None or len(rest) > 2:
        return None
    ref = row.target
    if len(rest) == 1 or rest[1] == "text":
        return Located(None, _cell_span(ref.cell))
    if rest[1] in ("number", "name") and not ref.is_none and ref.well_formed:
        return Located(None, (ref.number if rest[1] == "number" else ref.name).span)
    return None


_ROW_CELLS = ("number", "label", "template")


def _build(document: Document, index: SpanIndex | None) -> dict:
    if index is not None:
        source = document.source
        first = source.line(1) if source.lines.line_count else ""
        index[()] = Located(None, Span.on_line(1, 1, len(first) + 1))
    return {
        "front_matter": _front_matter(document, index),
        "heading": _heading(document, index),
        "url": _url(document, index),
        "sections": _sections(document, index),
        "observations": _observations(document, index),
    }


# --------------------------------------------------------------------------


def _front_matter(document: Document, index: SpanIndex | None) -> dict | None:
    front = document.front_matter
    if front is None or front.mapping is None:
        return None
    if index is None:
        index = {}  # the front matter is small: build its spans and drop them
    path: JsonPath = ("front_matter",)
    index[path] = Located(None, front.opening)
    return _mapping(front.mapping, path, index, document)


def _node(node: YamlNode, path: JsonPath, index: SpanIndex, document: Document) -> Any:
    if isinstance(node, YamlScalar):
        return scalar_value(node)
    if isinstance(node, YamlSequence):
        items = []
        for position, item in enumerate(node.items):
            item_path = path + (position,)
            index[item_path] = Located(None, item.span)
            items.append(_node(item, item_path, index, document))
        return items
    return _mapping(node, path, index, document)


def _mapping(node: YamlMapping, path: JsonPath, index: SpanIndex, document: Document) -> dict:
    result: dict = {}
    for entry in node.entries:
        key = key_text(entry.key, document)
        if key in result:
            continue  # the first occurrence wins; PL103 reports the others
        entry_path = path + (key,)
        index[entry_path] = Located(entry.key.span, entry.value.span)
        result[key] = _node(entry.value, entry_path, index, document)
    return result


def key_text(key: YamlNode, document: Document) -> str:
    """A mapping key as a JSON key: a scalar's text, or a complex key (a
    list or mapping used as a key) as written."""
    if isinstance(key, YamlScalar):
        return key.text
    return document.source.slice(key.span)


def _heading(document: Document, index: SpanIndex | None) -> dict | None:
    heading = document.heading
    if heading is None:
        return None
    if index is None:
        index = {}
    index[("heading",)] = Located(None, heading.span)
    for name, part in (("id", heading.id), ("title", heading.title)):
        if part is not None:
            index[("heading", name)] = Located(None, part.span)
    return {
        "id": heading.id.value if heading.id is not None else None,
        "title": heading.title.value if heading.title is not None else None,
    }


def _url(document: Document, index: SpanIndex | None) -> dict | None:
    url = document.url
    if url is None:
        return None
    if index is None:
        index = {}
    index[("url",)] = Located(None, url.text.span)
    index[("url", "text")] = Located(None, url.text.span)
    if url.program_id is not None:
        index[("url", "program_id")] = Located(None, url.program_id.span)
    return {"text": url.text.value, "program_id": url.program_id.value if url.program_id is not None else None}


def _sections(document: Document, index: SpanIndex | None) -> list[str]:
    if index is None:
        return [section.title.value for section in document.sections]
    titles = []
    for position, section in enumerate(document.sections):
        span = section.title.span
        if not section.title.value:  # '##' alone: point at the line
            span = Span.on_line(section.line, 1, len(document.source.line(section.line)) + 1)
        if position == 0:
            index[("sections",)] = Located(None, span)
        index[("sections", position)] = Located(None, span)
        titles.append(section.title.value)
    return titles


def _cell_span(cell: Cell) -> Span:
    """A cell's text, or the space between its pipes when it is blank."""
    return cell.region if cell.blank else cell.span


def _observations(document: Document, index: SpanIndex | None) -> list[dict]:
    table = document.table
    if table is None:
        return []
    if index is None:
        return [_row(row) for row in table.rows]
    _table_entry(document, index)
    rows = []
    for position, row in enumerate(table.rows):
        _row_entries(row, position, index)
        rows.append(_row(row))
    return rows


def _table_entry(document: Document, index: SpanIndex) -> None:
    header = document.table.header_line
    index[("observations",)] = Located(None, Span.on_line(header, 1, len(document.source.line(header)) + 1))


def _row_entries(row, position: int, index: SpanIndex) -> None:
    """The span entries of one observation (row ``position``)."""
    path: JsonPath = ("observations", position)
    index[path] = Located(None, row.span)
    if row.folder is not None:
        index[path + ("folder",)] = Located(None, row.folder.span)
    elif row.folder_cell is not None:
        index[path + ("folder",)] = Located(None, row.folder_cell.region)
    for name, cell in (("number", row.number), ("label", row.label), ("template", row.template)):
        if cell is not None:
            index[path + (name,)] = Located(None, _cell_span(cell))
    ref = row.target
    if ref is not None:
        target_path = path + ("target",)
        cell_span = _cell_span(ref.cell)
        index[target_path] = Located(None, cell_span)
        index[target_path + ("text",)] = Located(None, cell_span)
        if not ref.is_none and ref.well_formed:
            index[target_path + ("number",)] = Located(None, ref.number.span)
            index[target_path + ("name",)] = Located(None, ref.name.span)


def _row(row) -> dict:
    ref = row.target
    target = None
    if ref is not None:
        value = ref.cell.text.value
        if value != "NONE" and ref.number is not None and ref.name is not None:
            target = {"text": value, "number": ref.number.value, "name": ref.name.value}
        else:
            target = {"text": value, "number": None, "name": None}
    folder, number, label, template = row.folder, row.number, row.label, row.template
    return {
        "folder": folder.value if folder is not None else None,
        "number": number.text.value if number is not None else None,
        "label": label.text.value if label is not None else None,
        "template": template.text.value if template is not None else None,
        "target": target,
    }
