"""Human output: each finding with its source line and a caret line under
the exact characters, then a one-line summary.

Colour is decided by the CLI (terminal, ``NO_COLOR``, ``--color``); this
module only applies it.
"""

from __future__ import annotations

import unicodedata

from ..diagnostic import Severity
from .fixes import summary_words

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def render(report, options) -> str:
    out: list[str] = []
    color = options.color
    # per severity and per source line, not per finding: a file with tens of
    # thousands of findings spent most of its output time repainting these
    levels = {severity: _paint(severity.value, _COLORS[severity], color) for severity in _COLORS}
    lines: dict[tuple[str, int], tuple[str, str] | None] = {}
    for d in report.diagnostics:
        s = d.span
        where = _paint(f"{d.path}:{s.start_line}:{s.start_column}:", "1", color)
        out.append(f"{where} {levels[d.severity]} {_paint(d.code, '1', color)} [{d.name}] {d.message}")
        if options.show_source:
            place = (d.path, s.start_line)
            line = lines.get(place, False)
            if line is False:
                source = report.sources.get(d.path)
                line = lines[place] = (
                    (source.line(s.start_line).replace("\t", " "), " " * len(str(s.start_line)))
                    if source is not None and 1 <= s.start_line <= source.line_count else None
                )
            if line is not None:
                out.extend(_snippet(line[0], line[1], d, color))
        for related in d.related:
            out.append(f"  note: {d.path}:{related.span.start_line}:{related.span.start_column}: {related.message}")
    if not options.quiet:
        if out:
            out.append("")
        out.append(summary_words(report.summary(), report.fixes))
    return "\n".join(out) + ("\n" if out else "")


def _cells(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters and most
    emoji take two, so carets stay under the characters they mean."""
    if text.isascii():  # the common case, without a lookup per character
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _snippet(line: str, gutter: str, d, color: bool) -> list[str]:
    """The source line (tabs shown as spaces) and a caret line under the span."""
    s = d.span
    end = s.end_column if s.end_line == s.start_line else len(line) + 1
    before = _cells(line[: s.start_column - 1])
    width = max(1, _cells(line[s.start_column - 1 : end - 1]))
    caret = " " * before + _paint("^" * width, _COLORS[d.severity], color)
    return [
        f"{gutter} |",
        f"{s.start_line} | {line}",
        f"{gutter} | {caret}",
    ]
