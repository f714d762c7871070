"""The JSON report described by ``schemas/report.schema.json``.

Lines and columns are 1-based; ``end_column`` is exclusive (the column just
after the last character), as in SARIF.  Paths are relative to the
repository root (the folder holding ``.git``, else the working folder);
each finding carries what SARIF carries: its related places, its fix (with
its applicability, ``safe`` or ``unsafe``) and where its check is
documented.
"""

from __future__ import annotations

import json

from .. import __version__


def _region(span) -> dict:
    return {"line": span.start_line, "column": span.start_column, "end_line": span.end_line, "end_column": span.end_column}


def fix_dict(fix) -> dict:
    return {
        "message": fix.message,
        "applicability": getattr(fix, "applicability", "safe"),
        "edits": [{**_region(edit.span), "content": edit.text} for edit in fix.edits],
    }


def diagnostic_dict(d, report=None) -> dict:
    """One finding; ``report`` (for its root and its checks) makes the path
    repository-relative and adds the documentation reference."""
    path = report.location(d.path) if report is not None else d.path
    return {
        "path": path,
        **_region(d.span),
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "documentation": report.documentation(d.code) if report is not None else None,
        "related": [{"path": path, **_region(r.span), "message": r.message} for r in d.related],
        "fix": fix_dict(d.fix) if d.fix is not None else None,
    }


def suppressed_dict(d, report=None) -> dict:
    s = d.suppression
    return {
        **diagnostic_dict(d, report),
        "suppression": {"kind": s.kind, "reason": s.reason, "line": s.span.start_line, "column": s.span.start_column},
    }


def as_dict(report) -> dict:
    summary = report.summary()
    return {
        "version": __version__,
        "diagnostics": [diagnostic_dict(d, report) for d in report.diagnostics],
        "suppressed": [suppressed_dict(d, report) for d in report.suppressed],
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
    }


def render(report, options) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
