"""The one value every stage produces and consumes.

A :class:`Diagnostic` is immutable so that filters, formatters, the cache and
the language server can pass it around without copying or fear of change.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from .span import Span


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; lets callers compare severities."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the characters of ``span`` with ``text``."""

    span: Span
    text: str


SAFE, UNSAFE = "safe", "unsafe"


@dataclass(frozen=True, slots=True)
class Fix:
    """A rule's proposed repair: one or more non-overlapping edits.

    ``applicability`` is ``"safe"`` when the document itself determines the
    right text (``--fix`` applies it) or ``"unsafe"`` when the repair is
    a good guess that may be wrong — renumbering a duplicate, say — which
    ``--fix`` applies only with ``--unsafe-fixes`` and shows otherwise, as
    ruff does."""

    message: str
    edits: tuple[Edit, ...]
    applicability: str = SAFE

    @property
    def safe(self) -> bool:
        return self.applicability == SAFE


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a finding (the first use of a duplicate)."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Suppression:
    """Why a finding is not reported: the inline comment that silenced it."""

    kind: str  # "disable-line", "disable-next-line", "disable", "disable-file"
    reason: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Diagnostic:
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
