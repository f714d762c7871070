"""The JSON report described by ``schemas/report.schema.json``.

Lines and columns are 1-based; ``end_column`` is exclusive (the column just
after the last character), as in SARIF.
"""

from __future__ import annotations

import json

from .. import __version__


def as_dict(report) -> dict:
    summary = report.summary()
    return {
        "version": __version__,
        "diagnostics": [
            {
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
            for d in report.diagnostics
        ],
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
    }


def render(report, options) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
