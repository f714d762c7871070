"""Horizontal bar charts as inline SVG, written by hand.

Why not a charting library: pygal (the maintained pure-Python SVG one) was
weighed and left out.  Its charts get their tooltips and interactivity from
pygal.js, loaded from a CDN by default (the page must work offline; without
it the charts are static anyway); each chart carries its own stylesheet
with fixed colours, which fights the page's light and dark schemes; and
its ids are random, so the same run would not give the same page.  What
the page needs is one shape, labelled bars with their numbers, which is
this short module: deterministic, styled by the page's CSS (``.bar``,
``.bar-error`` …), and accessible (``role="img"``, a ``<title>`` and a
``<desc>`` reading out every value; the numbers are text beside the bars,
so colour is never the only signal).
"""

from __future__ import annotations

from html import escape

WIDTH = 640
LABEL = 230  # the label column
VALUE = 60  # room for the number after the longest bar
ROW = 22
BAR = 15
LABEL_CHARS = 30  # longer labels are cut with an ellipsis (the full text is in the bar's <title>)


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], *, classes: dict[str, str] | None = None) -> str:
    """One horizontal bar per (label, value), in the order given.
    ``classes`` maps a label to an extra CSS class for its bar (severities)."""
    classes = classes or {}
    height = max(1, len(rows)) * ROW + 8
    largest = max((value for _, value in rows), default=0) or 1
    span = WIDTH - LABEL - VALUE
    summary = "; ".join(f"{label}: {value}" for label, value in rows) or "nothing to show"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
    ]
    if not rows:
        parts.append(f'<text class="label" x="{LABEL}" y="{ROW - 6}">none</text>')
    for index, (label, value) in enumerate(rows):
        y = 4 + index * ROW
        length = round(span * value / largest, 1) if value else 0
        shown = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        extra = f" {classes[label]}" if label in classes else ""
        parts.append(
            f'<g><title>{escape(label)}: {value}</title>'
            f'<text class="label" x="{LABEL - 8}" y="{y + BAR - 3}" text-anchor="end">{escape(shown)}</text>'
            f'<rect class="bar{extra}" x="{LABEL}" y="{y}" width="{length}" height="{BAR}"/>'
            f'<text class="value" x="{LABEL + length + 6}" y="{y + BAR - 3}">{value}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
