"""The portfolio page: Jinja2 (autoescaping on, so no text of a document
can become markup) over :mod:`.collect`'s figures, with :mod:`.svg`'s
charts, the stylesheet and the small sorting/filtering script inline, so
the one file works offline and from anywhere.

Importing this module imports Jinja2 (the ``proglint[report]`` extra):
only ``proglint report`` does.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from .. import __version__
from . import docs, svg
from .collect import Portfolio

SEVERITY_CLASSES = {"error": "bar-error", "warning": "bar-warning", "info": "bar-info"}

CHARTS = (  # (key in Portfolio.charts, id, heading)
    ("checks", "chart-checks", "Findings per check"),
    ("severities", "chart-severities", "Findings per severity"),
    ("programs", "chart-programs", "Findings per program, the worst first"),
    ("instruments", "chart-instruments", "Observations per instrument"),
    ("templates", "chart-templates", "Observations per observing template"),
    ("types", "chart-types", "Programs per proposal type"),
    ("cycles", "chart-cycles", "Programs per cycle"),
)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("proglint.portfolio", "templates"),
        autoescape=True,  # every value is text from the user's documents
        undefined=jinja2.StrictUndefined,  # a misspelt name is a bug, not an empty cell
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["docs"] = docs.to_html
    return env


def render(portfolio: Portfolio, *, title: str = "proglint portfolio report") -> str:
    charts = [
        (chart_id, heading, Markup(svg.bar_chart(
            chart_id, heading, portfolio.charts[key], classes=SEVERITY_CLASSES if key == "severities" else None,
        )))
        for key, chart_id, heading in CHARTS
    ]
    template = environment().get_template("report.html.j2")
    return template.render(p=portfolio, charts=charts, title=title, version=__version__)
