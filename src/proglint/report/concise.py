"""``path:line:col: severity CODE message`` — one line per finding.

The shape editors already parse: vim's default errorformat, Emacs
compilation mode and VS Code problem matchers read it unchanged.
"""

from __future__ import annotations


def render(report, options) -> str:
    lines = [
        f"{d.path}:{d.span.start_line}:{d.span.start_column}: {d.severity.value} {d.code} {d.message}"
        for d in report.diagnostics
    ]
    return "\n".join(lines) + ("\n" if lines else "")
