"""proglint's :class:`~proglint.diagnostic.Diagnostic` as an LSP diagnostic.

Each carries its code, ``source: proglint``, the severity mapped one to one
(error, warning, info → Error, Warning, Information), and the related
places a rule names (the first use of a duplicated observation number, the
first naming of a folder, ...) as ``relatedInformation`` in the same
document.

``codeDescription`` is left out on purpose: it must be a URL, and
proglint has no published documentation site, while ``docs/rules.md``
lives in the repository, not in an installed wheel, so any link would be
dead for most users.  The documentation comes from the rule's own metadata
instead, in the hover on the diagnostic's range (the same text as
``proglint explain CODE``), so it always matches the installed version and
the user's own rules.
"""

from __future__ import annotations

from lsprotocol import types

from ..diagnostic import Diagnostic, Severity
from ..source import Source
from ..span import Span
from .positions import to_range

SOURCE = "proglint"

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

# Findings about text that can simply go: editors grey it out.
UNNECESSARY = {"PL701"}


def to_lsp(diagnostic: Diagnostic, source: Source, uri: str) -> types.Diagnostic:
    lines = source.lines
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=to_range(lines, r.span)), message=r.message
        )
        for r in diagnostic.related
    ]
    return types.Diagnostic(
        range=to_range(lines, diagnostic.span),
        message=diagnostic.message,
        severity=SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
        related_information=related or None,
        tags=[types.DiagnosticTag.Unnecessary] if diagnostic.code in UNNECESSARY else None,
        data={"name": diagnostic.name, "fixable": diagnostic.fix is not None},
    )


def problem(source: Source, message: str, *, related: list[types.DiagnosticRelatedInformation] | None = None) -> types.Diagnostic:
    """A problem that is not a finding about the document (a bad
    configuration, a crash of proglint itself), shown on its first line."""
    first = source.lines.line_text(1) if source.lines.line_count else ""
    return types.Diagnostic(
        range=to_range(source.lines, Span.on_line(1, 1, len(first) + 1)),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
        related_information=related or None,
    )

