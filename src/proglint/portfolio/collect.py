"""The page's figures: each document's counts (:mod:`.figures`) and the
run's findings, added up once, so the template only lays them out.

Text taken from the documents (ids, titles, source lines, template names,
paths) goes through :func:`proglint.pipeline.visible`, as findings'
messages do: a NUL, an escape sequence or a bidi override would make the
page invalid HTML or reorder what it shows, so each is written as its code
point (``\\u202e``).

Everything the page shows as a number comes from here, and the findings
are the ones ``proglint check`` reports (suppressed ones left out, after
``--baseline``), so the page and ``--format json`` agree to the finding.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

from ..diagnostic import Severity
from ..pipeline import visible

CONTEXT = 40  # characters of the source line kept either side of a span
MARK_MAX = 120  # characters of a span shown (a span may cover a whole row)
TOP = 25  # bars in the per-program and per-template charts; the rest is one "other" bar
NO_VALUE = "(none)"


@dataclass(frozen=True)
class Snippet:
    """One source line cut into the text before, in and after a finding's
    span (trimmed to a window around it: ``clipped_*`` say where)."""

    before: str
    marked: str
    after: str
    clipped_start: bool = False
    clipped_end: bool = False


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    snippet: Snippet | None
    link: str | None  # the line on the user's code host (--link-base)


@dataclass
class Program:
    """One file of the run: a program document (or a file that could not be read)."""

    path: str  # as the JSON report writes it
    anchor: str  # its section's id on the page
    program_id: str | None
    title: str | None
    proposal_type: str | None
    cycle: str | None
    observations: int
    targets: int
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    findings: list[Finding] = field(default_factory=list)
    link: str | None = None
    more: int = 0  # findings not listed (over the per-program limit)

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.infos

    @property
    def label(self) -> str:
        return self.program_id or self.path


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    severity: str  # the default severity
    summary: str
    documentation: str
    findings: int


@dataclass
class Portfolio:
    documents: int
    observations: int
    targets: int
    errors: int
    warnings: int
    infos: int
    clean: int
    programs: list[Program]
    checks: list[Check]  # the checks that gave findings, most findings first
    charts: dict[str, list[tuple[str, int]]]

    @property
    def clean_share(self) -> str:
        """Clean documents as a whole percentage (rounded down: 99.6% is not 100%)."""
        return f"{(100 * self.clean // self.documents) if self.documents else 100}%"


def collect(report, figures: dict, *, link_base: str | None = None, limit: int = 50) -> Portfolio:
    """``report`` is the run's :class:`proglint.report.Report`; ``figures``
    the :class:`~.figures.DocumentFigures` by path (absent for a file that
    could not be read); ``limit`` the findings listed per program."""
    paths = sorted(set(report.ran) | {d.path for d in report.diagnostics} | set(figures))
    programs: dict[str, Program] = {}
    for index, path in enumerate(paths):
        found = figures.get(path)
        location = visible(report.location(path))
        programs[path] = Program(
            path=location, anchor=f"p{index + 1}",
            program_id=_shown(found.program_id if found else None), title=_shown(found.title if found else None),
            proposal_type=_shown(found.proposal_type if found else None), cycle=_shown(found.cycle if found else None),
            observations=found.observations if found else 0, targets=found.targets if found else 0,
            link=_link(link_base, location, None),
        )
    per_check: Counter[str] = Counter()
    for d in report.diagnostics:
        program = programs[d.path]
        setattr(program, _field(d.severity), getattr(program, _field(d.severity)) + 1)
        per_check[d.code] += 1
        if len(program.findings) < limit:
            program.findings.append(_finding(d, report, program.path, link_base))
        else:
            program.more += 1
    rows = list(programs.values())
    checks = [_check(code, count, report) for code, count in sorted(per_check.items(), key=lambda i: (-i[1], i[0]))]
    return Portfolio(
        documents=report.files,
        observations=sum(f.observations for f in figures.values()),
        targets=sum(f.targets for f in figures.values()),
        errors=sum(p.errors for p in rows),
        warnings=sum(p.warnings for p in rows),
        infos=sum(p.infos for p in rows),
        clean=sum(1 for p in rows if p.total == 0),
        programs=rows,
        checks=checks,
        charts=_charts(rows, checks, figures),
    )


def _shown(text: str | None) -> str | None:
    return None if text is None else visible(text)


def _field(severity: Severity) -> str:
    return {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}[severity]


def _link(base: str | None, path: str, line: int | None) -> str | None:
    if not base:
        return None
    return f"{base.rstrip('/')}/{quote(path.lstrip('/'))}" + (f"#L{line}" if line is not None else "")


def _finding(d, report, path: str, link_base: str | None) -> Finding:
    s = d.span
    source = report.sources.get(d.path)
    snippet = None
    if source is not None and 1 <= s.start_line <= source.line_count:
        text = source.line(s.start_line)
        end = s.end_column if s.end_line == s.start_line else len(text) + 1
        snippet = cut(text, s.start_column, end)
    return Finding(
        d.code, d.name, d.severity.value, d.message, s.start_line, s.start_column, s.end_line, s.end_column,
        snippet, _link(link_base, path, s.start_line),
    )


def cut(text: str, start_column: int, end_column: int) -> Snippet:
    """The line around columns ``[start_column, end_column)`` (1-based,
    end exclusive): the span itself (at most :data:`MARK_MAX` characters)
    and :data:`CONTEXT` characters either side.  Long table rows would
    otherwise fill the page with padding: a 1,000-document portfolio must
    stay under a megabyte."""
    text = text.rstrip("\r\n")
    start = min(max(start_column - 1, 0), len(text))
    end = min(max(end_column - 1, start), len(text))
    marked_end = min(end, start + MARK_MAX)
    low, high = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    if marked_end < end:  # the span goes on past what is shown
        return Snippet(visible(text[low:start]), visible(text[start:marked_end]), "", clipped_start=low > 0, clipped_end=True)
    return Snippet(
        visible(text[low:start]), visible(text[start:end]), visible(text[end:high]),
        clipped_start=low > 0, clipped_end=high < len(text),
    )


def _check(code: str, count: int, report) -> Check:
    info = report.checks.get(code)
    if info is None:  # a finding of a check the run did not list (an unreadable file's PL0xx is listed)
        return Check(code, "", "", "", "", count)
    return Check(code, info.name, info.severity.value, info.summary, info.documentation, count)


def _charts(programs: list[Program], checks: list[Check], figures: dict) -> dict[str, list[tuple[str, int]]]:
    instruments: Counter[str] = Counter()
    templates: Counter[str] = Counter()
    for found in figures.values():
        instruments.update(dict(found.instruments))
        templates.update({visible(name): count for name, count in found.templates})
    worst = sorted((p for p in programs if p.total), key=lambda p: (-p.errors, -p.warnings, -p.infos, p.label))
    return {
        "checks": [(f"{c.code} {c.name}".strip(), c.findings) for c in checks],
        "severities": [
            ("error", sum(p.errors for p in programs)),
            ("warning", sum(p.warnings for p in programs)),
            ("info", sum(p.infos for p in programs)),
        ],
        "programs": [(p.label, p.total) for p in worst[:TOP]],
        "instruments": _ranked(instruments),
        "templates": _top(_ranked(templates), "templates"),
        "types": _ranked(Counter(_shown(f.proposal_type) or NO_VALUE for f in figures.values())),
        "cycles": sorted(Counter(_shown(f.cycle) or NO_VALUE for f in figures.values()).items(), key=_cycle_order),
    }


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _top(rows: list[tuple[str, int]], what: str) -> list[tuple[str, int]]:
    if len(rows) <= TOP:
        return rows
    rest = rows[TOP - 1:]
    return rows[: TOP - 1] + [(f"{len(rest)} other {what}", sum(count for _, count in rest))]


def _cycle_order(item: tuple[str, int]) -> tuple:
    """Numbers in numeric order, then any other text.  A number is ASCII
    digits (``'²'.isdigit()`` is true, but ``int`` refuses it), compared by
    length and then digit by digit: no ``int`` of a 5,000-digit cycle."""
    label = item[0]
    if label.isascii() and label.isdigit():
        digits = label.lstrip("0")
        return (0, len(digits), digits, label)
    return (1, 0, label, "")
