"""The one value every stage produces and consumes.

A :class:`Diagnostic` is immutable so that filters, formatters, the cache and
the language server can pass it around without copying or fear of change.
"""

from __future__ import annotations

import enum

from .span import Span
from .record import Record, _set, field, replace


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; lets callers compare severities."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Edit(Record):
    """Replace the characters of ``span`` with ``text``."""

    __slots__ = ("span", "text")

    def __init__(self, span: Span, text: str) -> None:
        _set(self, "span", span)
        _set(self, "text", text)


SAFE, UNSAFE = "safe", "unsafe"


class Fix(Record):
    """A rule's proposed repair: one or more non-overlapping edits.

    ``applicability`` is ``"safe"`` when the document itself determines the
    right text (``--fix`` applies it) or ``"unsafe"`` when the repair is
    a good guess that may be wrong — renumbering a duplicate, say — which
    ``--fix`` applies only with ``--unsafe-fixes`` and shows otherwise, as
    ruff does."""

    __slots__ = ("message", "edits", "applicability")

    def __init__(self, message: str, edits: tuple[Edit, ...], applicability: str = SAFE) -> None:
        _set(self, "message", message)
        _set(self, "edits", edits)
        _set(self, "applicability", applicability)

    @property
    def safe(self) -> bool:
        return self.applicability == SAFE


class Related(Record):
    """Another place that explains a finding (the first use of a duplicate)."""

    __slots__ = ("span", "message")

    def __init__(self, span: Span, message: str) -> None:
        _set(self, "span", span)
        _set(self, "message", message)


class Suppression(Record):
    """Why a finding is not reported: the inline comment that silenced it."""

    __slots__ = ("kind", "reason", "span")

    # kind: "disable-line", "disable-next-line", "disable", "disable-file"
    def __init__(self, kind: str, reason: str | None, span: Span) -> None:
        _set(self, "kind", kind)
        _set(self, "reason", reason)
        _set(self, "span", span)


class Diagnostic(Record):
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    path: str = "-"
    fix: Fix | None = None
    related: tuple[Related, ...] = field(default=())
    suppression: Suppression | None = None
    # Root cause: the regions whose other findings follow from this one
    # (a shifted row covers its row, an undecodable file the whole text).
    # The pipeline drops every other finding that lies inside one of them
    # (proglint.rootcause), so one mistake is reported once, where it is.
    covers: tuple[Span, ...] = field(default=())

    @property
    def sort_key(self) -> tuple:
        s = self.span
        return (self.path, s.start_line, s.start_column, self.code, self.message)

    def with_path(self, path: str) -> "Diagnostic":
        return replace(self, path=path)

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return replace(self, severity=severity)
