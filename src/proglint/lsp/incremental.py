"""Re-linting after a keystroke: reuse what the edit did not touch.

The one home of the language server's incremental machinery.  Nothing here
knows what a stage computes: every reuse rests on a stage being a pure
function of what it read, and on recording what it read.

* **Rows** (:class:`RowMemo`): the table parser asks for a row by its line
  text, line number, column map and the folder it inherits
  (:func:`proglint.parse.parse`'s ``rows``); rows of the previous parse of
  the buffer are handed back as they were, objects and all.  So a keystroke
  re-splits one row, and the unchanged rows of the new table are the very
  objects of the old one (which makes comparing the two tables cheap below).
* **Stages** (:class:`StageMemo`): the schema check and each rule
  (:func:`proglint.pipeline.lint_many`'s ``memo``) run on a
  :class:`Tracked` view of the document that records which of its fields
  the stage read (``front_matter``, ``table``, ``sections``, ...) and, for
  the text itself, which *lines* (``source.line(n)``, ``source.slice(span)``,
  ``source.lines.line_text(n)``; anything else of the text counts as all of
  it).  Next time, if every field read is equal to the one read before and
  every line read has the same text, the stage's findings are reused;
  otherwise it runs whole, with its reads recorded afresh.  Cross-row rules
  thus rerun when the table changes and are skipped when a keystroke lands
  in the prose; cross-document rules are memoised the same way over all the
  documents they see.  Keys also hold the configuration (by identity: a
  reloaded configuration is a new object) and, for the schema check, the
  compiled schemas (rebuilt by :mod:`proglint.schema.validate` when a schema
  file changes on disk).
* **Positions** (:class:`LspCache`): an LSP diagnostic depends on the
  proglint diagnostic and the text of the lines its spans touch (UTF-16
  columns); unchanged ones are not converted again.

A stage that raises is not memoised (the exception goes on as before).
Everything here runs on the server's single lint thread.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from ..config import Config
from ..diagnostic import Diagnostic
from ..document import Document
from ..record import field_names
from ..source import LineIndex, Source

# --------------------------------------------------------------------------
# Rows


class RowMemo:
    """Table rows of the last parse of one buffer (and of the current one),
    for :func:`proglint.parse.parse`'s ``rows`` hook.  Bounded: only rows of
    the two latest parses are kept."""

    def __init__(self) -> None:
        self._previous: dict = {}
        self._current: dict = {}
        self.hits = self.misses = 0

    def get(self, key):
        found = self._current.get(key)
        if found is None:
            found = self._previous.get(key)
            if found is not None:
                self._current[key] = found
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def __setitem__(self, key, value) -> None:
        self._current[key] = value

    def turn(self) -> None:
        """A parse is over: its rows are the ones to reuse next time."""
        if self._current:
            self._previous, self._current = self._current, {}


# --------------------------------------------------------------------------
# What a stage read


_FIELDS = field_names(Document)
_FIELD_SET = frozenset(_FIELDS)
# Document's own properties and methods: they read fields through self,
# which records them; ``path`` is the memo's key already.
_DOCUMENT_API = frozenset(name for name in vars(Document) if not name.startswith("_")) - _FIELD_SET
_SOURCE_META = ("path", "bom", "newline", "decode_problem")


class Reads:
    """What one stage read of one document."""

    __slots__ = ("fields", "lines", "count", "meta", "all")

    def everything(self, source: Source) -> None:
        if self.all is None:
            self.all = _whole(source)

    def __init__(self) -> None:
        self.fields: dict[str, Any] = {}
        self.lines: dict[int, str | None] = {}
        self.count: int | None = None
        self.meta: tuple | None = None
        self.all: tuple | None = None  # (meta, text) when the whole text was read

    def copy(self) -> "Reads":
        other = Reads()
        other.fields, other.lines = dict(self.fields), dict(self.lines)
        other.count, other.meta, other.all = self.count, self.meta, self.all
        return other

    def merge(self, other: "Reads") -> None:
        """Count what ``other`` read as read here too."""
        self.fields.update(other.fields)
        self.lines.update(other.lines)
        for name in ("count", "meta", "all"):
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))

    def still_true(self, document: Document) -> bool:
        """Would the stage read the same things from ``document``?"""
        for name, value in self.fields.items():
            now = getattr(document, name)
            if now is not value and now != value:
                return False
        if not self.lines and self.all is None and self.count is None and self.meta is None:
            return True
        source = document.source
        if self.all is not None and _whole(source) != self.all:
            return False
        if self.meta is not None and _meta(source) != self.meta:
            return False
        index = source.lines
        if self.count is not None and index.line_count != self.count:
            return False
        count = index.line_count
        for number, text in self.lines.items():
            if (index.line_text(number) if 1 <= number <= count else None) != text:
                return False
        return True


def _meta(source: Source) -> tuple:
    return tuple(getattr(source, name) for name in _SOURCE_META)


def _whole(source: Source):
    return (_meta(source), source.text)


class _TrackedLines(LineIndex):
    """A line index that records which lines are read (and, for offsets,
    that everything was)."""

    __slots__ = ("_reads", "_original")

    def __init__(self, source: Source, reads: Reads) -> None:  # noqa: D107 - shares the index's lists
        index = source.lines
        for name in LineIndex.__slots__:
            object.__setattr__(self, name, getattr(index, name))
        self._reads = reads
        self._original = source

    @property
    def line_count(self) -> int:
        count = LineIndex.line_count.fget(self)
        self._reads.count = count
        return count

    def line_text(self, line: int) -> str:
        if not 1 <= line <= LineIndex.line_count.fget(self):
            self.everything()  # an odd line number: whatever the answer, it depends on all
        else:
            self._reads.lines[line] = LineIndex.line_text(self, line)
        return LineIndex.line_text(self, line)

    def everything(self) -> None:
        self._reads.everything(self._original)

    def line_start(self, line: int) -> int:
        self.everything()
        return LineIndex.line_start(self, line)

    def line_end(self, line: int) -> int:
        self.everything()
        return LineIndex.line_end(self, line)

    def position(self, offset: int):
        self.everything()
        return LineIndex.position(self, offset)

    def offset(self, line: int, column: int) -> int:
        self.everything()
        return LineIndex.offset(self, line, column)

    def span(self, start: int, end: int):
        self.everything()
        return LineIndex.span(self, start, end)


class _TrackedSource(Source):
    """A source that records what is read of its text: lines when asked
    for lines or spans, everything when asked for the text or offsets."""

    def __getattribute__(self, name: str):
        if name in _SOURCE_META:
            reads = object.__getattribute__(self, "_reads")
            if reads.meta is None:
                reads.meta = _meta(object.__getattribute__(self, "_original"))
        elif name == "text":
            reads = object.__getattribute__(self, "_reads")
            reads.everything(object.__getattribute__(self, "_original"))
        return object.__getattribute__(self, name)

    def line(self, number: int) -> str:
        return self.lines.line_text(number)

    def slice(self, span) -> str:
        lines = self.lines
        for number in range(span.start_line, span.end_line + 1):
            lines.line_text(number)
        return object.__getattribute__(self, "_original").slice(span)


def _tracked_source(source: Source, reads: Reads) -> Source:
    tracked = object.__new__(_TrackedSource)
    for name in field_names(Source):  # the source's fields are slots, shared by the view
        object.__setattr__(tracked, name, getattr(source, name))
    object.__setattr__(tracked, "lines", _TrackedLines(source, reads))
    object.__setattr__(tracked, "__dict__", {"_reads": reads, "_original": source})
    return tracked


class _Facts:
    """``document.derived`` as a stage sees it through :class:`Tracked`:
    facts rules share (:func:`proglint.api.per_document`) are derived once
    per document for all the stages, not once per stage.  A fact is kept
    with what the stage deriving it had read by then (all it read, and
    more); a stage that uses it counts those reads as its own, so its memo
    entry is never kept when the fact would come out differently."""

    __slots__ = ("_store", "_reads")

    def __init__(self, store: dict, reads: Reads) -> None:
        self._store, self._reads = store, reads

    def __getitem__(self, key):
        value, read = self._store[(_Facts, key)]
        self._reads.merge(read)
        return value

    def __setitem__(self, key, value) -> None:
        self._store[(_Facts, key)] = (value, self._reads.copy())


class Tracked(Document):
    """A view of a document that records, in a :class:`Reads`, which of its
    fields (and which lines of its text) are read.  An attribute it cannot
    account for (``__dict__``, say) counts as reading everything."""

    def __getattribute__(self, name: str):
        if name == "derived":
            # Facts rules share (api.per_document): see _Facts.
            return object.__getattribute__(self, "_derived")
        if name in _FIELD_SET:
            reads = object.__getattribute__(self, "_reads")
            original = object.__getattribute__(self, "_original")
            if name == "source":
                return object.__getattribute__(self, "_source")
            value = getattr(original, name)
            reads.fields[name] = value
            return value
        if name == "path":
            return object.__getattribute__(self, "_original").path
        if name in _DOCUMENT_API or name in ("__class__", "__eq__", "__hash__", "__repr__", "__ne__"):
            return object.__getattribute__(self, name)
        reads = object.__getattribute__(self, "_reads")
        original = object.__getattribute__(self, "_original")
        reads.everything(original.source)
        for field_name in _FIELDS:
            if field_name != "source":
                reads.fields[field_name] = getattr(original, field_name)
        return getattr(original, name)


def tracked(document: Document, reads: Reads) -> Document:
    view = object.__new__(Tracked)
    state = {
        "_original": document, "_reads": reads,
        "_source": _tracked_source(document.source, reads),
        "_derived": _Facts(document.derived, reads),
    }
    object.__setattr__(view, "__dict__", state)
    return view


# --------------------------------------------------------------------------
# Stages


class _Entry:
    __slots__ = ("config", "extra", "paths", "reads", "result")

    def __init__(self, config, extra, paths, reads, result) -> None:
        self.config, self.extra, self.paths, self.reads, self.result = config, extra, paths, reads, result


class StageMemo:
    """The findings of each stage (schema check, rule) for each document or
    set of documents, with what the stage read; for
    :func:`proglint.pipeline.lint_many`'s ``memo``."""

    def __init__(self) -> None:
        from ..schema import stage

        self._entries: dict[tuple, _Entry] = {}
        self.reused = self.computed = 0
        stage.REMEMBER_ROWS = True  # rejected rows' schema findings, by row object (schema.validate)

    def clear(self) -> None:
        self._entries.clear()

    def forget(self, path: str) -> None:
        """Drop what was learnt about a document (closed, or gone)."""
        from ..schema import stage

        stage.forget(path)
        for slot in [s for s, e in self._entries.items() if path in e.paths]:
            del self._entries[slot]

    def run(self, key: str, documents: Sequence[Document], config: Config, compute: Callable[[list], Any]):
        paths = tuple(d.path for d in documents)
        extra = _schemas(config) if key == "schema" else None
        slot = (key, paths[0] if len(paths) == 1 else None)  # one entry per document-stage, one per project rule
        entry = self._entries.get(slot)
        if (
            entry is not None and entry.config is config and entry.paths == paths and entry.extra == extra
            and all(r.still_true(d) for r, d in zip(entry.reads, documents))
        ):
            self.reused += 1
            return entry.result
        self.computed += 1
        reads = [Reads() for _ in documents]
        result = compute([tracked(d, r) for d, r in zip(documents, reads)])
        if not isinstance(result, list):
            result = list(result)
        self._entries[slot] = _Entry(config, extra, paths, reads, result)
        return result


def _schemas(config: Config) -> tuple:
    """The compiled schemas a schema check uses (new objects when a schema
    file changed on disk)."""
    from ..schema.validate import compiled, program_schema_path

    return tuple(compiled(p) for p in (program_schema_path(), *config.schemas))


# --------------------------------------------------------------------------
# Positions


class LspCache:
    """LSP diagnostics of one buffer by (diagnostic, text of the lines its
    spans touch): a diagnostic that did not move is not converted again,
    nor serialised again (:meth:`json`)."""

    def __init__(self) -> None:
        self._previous: dict = {}
        self._current: dict = {}
        self._texts_previous: dict[int, tuple[Any, str]] = {}
        self._texts_current: dict[int, tuple[Any, str]] = {}

    def json(self, lsp, dump: Callable[[Any], str]) -> str:
        """``dump(lsp)``, the JSON text of an LSP diagnostic, kept with it
        (by identity: :meth:`convert` hands back the same object for a
        diagnostic that did not move)."""
        kept = self._texts_current.get(id(lsp))
        if kept is None or kept[0] is not lsp:
            kept = self._texts_previous.get(id(lsp))
            if kept is None or kept[0] is not lsp:
                kept = (lsp, dump(lsp))
            self._texts_current[id(lsp)] = kept
        return kept[1]

    def convert(self, diagnostic: Diagnostic, source: Source, uri: str):
        from . import convert

        lines = source.lines
        count = lines.line_count
        spans = [diagnostic.span, *(r.span for r in diagnostic.related)]
        touched = []
        for span in spans:
            for number in (span.start_line, span.end_line):
                touched.append(lines.line_text(number) if 1 <= number <= count else (count, lines.line_text(count)))
        try:
            key = (diagnostic, uri, tuple(touched))
            hash(key)
        except TypeError:  # a fix or related value that cannot be hashed: just convert
            return convert.to_lsp(diagnostic, source, uri)
        found = self._current.get(key)
        if found is None:
            found = self._previous.get(key)
            if found is None:
                found = convert.to_lsp(diagnostic, source, uri)
            self._current[key] = found
        return found

    def turn(self) -> None:
        """A publication is over: what it used is what to reuse next time."""
        self._previous, self._current = self._current, {}
        self._texts_previous, self._texts_current = self._texts_current, {}
