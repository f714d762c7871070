"""The JSON report described by ``schemas/report.schema.json``.

Lines and columns are 1-based; ``end_column`` is exclusive (the column just
after the last character), as in SARIF.
"""

from __future__ import annotations

import json

from .. import __version__


def diagnostic_dict(d) -> dict:
    return {
        "path": d.path,
        "line": d.span.start_line,
        "column": d.span.start_column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
    }


def suppressed_dict(d) -> dict:
    s = d.suppression
    return {
        **diagnostic_dict(d),
        "suppression": {"kind": s.kind, "reason": s.reason, "line": s.span.start_line, "column": s.span.start_column},
    }


def as_dict(report) -> dict:
    summary = report.summary()
    return {
        "version": __version__,
        "diagnostics": [diagnostic_dict(d) for d in report.diagnostics],
        "suppressed": [suppressed_dict(d) for d in report.suppressed],
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
    }


def render(report, options) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
