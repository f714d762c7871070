"""One JSON object per line, one line per finding: for streaming.

A consumer (an editor plugin, ``jq``, a log shipper) can act on each line
as it arrives and never holds the whole report; ``grep`` and ``wc -l``
work on it too.  Each object has exactly the fields of a finding in
``--format json`` (``schemas/report.schema.json``, ``$defs/diagnostic``);
there is no summary line, so every line has the same shape, and no output
at all when nothing is found.  Suppressed findings are not streamed (use
``--format json`` or ``sarif`` to see them).
"""

from __future__ import annotations

import json

from .json_format import diagnostic_dict


# characters some line readers (Python's str.splitlines, JavaScript) take as
# line ends; they can only occur inside JSON strings, where \u escapes keep them
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _line(d, report) -> str:
    text = json.dumps(diagnostic_dict(d, report), ensure_ascii=False)
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return text + "\n"


def render(report, options) -> str:
    return "".join(_line(d, report) for d in report.diagnostics)
