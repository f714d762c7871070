"""Source -> Document.

``parse`` never raises on user text: every problem becomes a diagnostic in
``Document.problems`` and the model keeps whatever could be read.
"""

from __future__ import annotations

from .. import collector
from ..diagnostic import Diagnostic
from ..document import Document
from ..source import Source
from ..span import Span
from . import body, code, frontmatter, problems, table

__all__ = ["MAX_LINE_LENGTH", "parse", "problems"]

# Longer lines are reported (PL015) and not read: parsing stays linear in any
# case, but splitting a megabyte of '|' into cells would cost memory for nothing.
MAX_LINE_LENGTH = 100_000


def parse(source: Source, *, max_line_length: int = MAX_LINE_LENGTH, rows=None) -> Document:
    """``rows``: an optional memo of table rows (``get``/``__setitem__``,
    keyed on a row's line text, line number and what it inherits), so that an
    editor re-parsing after a keystroke reuses the rows it did not touch."""
    # The model holds no cycles: the collector would only rescan the growing
    # tree again and again (see proglint.collector).
    with collector.paused():
        return _parse(source, max_line_length, rows)


def _parse(source: Source, max_line_length: int, rows) -> Document:
    found: list[Diagnostic] = []
    if source.decode_problem is not None:
        p = source.decode_problem
        last = max(source.lines.line_count, 1)
        found.append(
            problems.INVALID_ENCODING.diagnostic(
                source.lines.span(p.offset, p.offset + 1),
                "the file is UTF-16 (it starts with a UTF-16 byte-order mark); re-save it as UTF-8"
                if p.utf16
                else f"byte 0x{p.byte:02X} at offset {p.byte_offset} is not UTF-8; re-save the file as UTF-8",
                source.path,
                # nothing read from a file in the wrong encoding can be trusted:
                # every other finding follows from this one (proglint.rootcause)
                covers=(Span(1, 1, last + 1, 1),),
            )
        )

    long_lines = source.lines.long_lines(max_line_length)
    for number in long_lines:
        length = len(source.line(number))
        found.append(
            problems.LINE_TOO_LONG.diagnostic(
                Span.point(number, max_line_length + 1),
                f"line {number} is {length:,} characters long, over the limit of {max_line_length:,}: "
                "proglint reads no heading or table row on it; break it up",
                source.path,
            )
        )
    skipped = frozenset(long_lines)

    block, issues = frontmatter.locate(source)
    found += issues
    front = None
    body_start = 1
    if block is not None:
        front, issues = frontmatter.parse(source, block)
        found += issues
        body_start = (block.closing_line or block.last_line) + 1

    last_line = source.lines.line_count
    code_lines = code.fenced_lines(source, body_start)
    opaque = skipped | code_lines  # read nothing from these lines
    heads = body.headings(source, body_start, opaque)
    heading = None
    title_line = next(((line, text) for line, level, text in heads if level == 1), None)
    if title_line is None:
        found.append(body.missing_heading(source, body_start))
    else:
        heading, issues = body.parse_heading(source, *title_line)
        found += issues

    url = None
    if heading is not None:
        next_heading = next((line for line, _, _ in heads if line > heading.line), last_line + 1)
        url = body.find_url(source, heading.line + 1, next_heading - 1, opaque)

    sections = body.sections(heads, last_line)
    table_area = next((s for s in sections if s.title.value.casefold() == "observations table"), None)
    start = None
    limit = None
    pipeless = False
    if table_area is not None:
        limit = table_area.end_line
        start = table.find_pipeless_header(source, table_area.line + 1, table_area.end_line, opaque)
        if start is not None:
            pipeless = True
            found.append(table.pipeless_problem(source, start, limit))
        else:
            start = table.find_start(source, table_area.line + 1, table_area.end_line, opaque)
    if start is None:
        start = table.find_start(source, body_start, last_line, opaque)
        if start is not None:
            limit = next((line - 1 for line, _, _ in heads if line > start), last_line)
    observations = None
    if start is None:
        where = Span.point(table_area.line, 1) if table_area is not None else Span.point(
            heading.line if heading is not None else min(body_start, max(last_line, 1)), 1
        )
        found.append(
            problems.TABLE_MISSING.diagnostic(
                where,
                "no observations table: add '| Folder | Observation | Label | Observing Template "
                "| Science Target |' under '## OBSERVATIONS TABLE'",
                source.path,
            )
        )
    else:
        observations, issues = table.parse(source, start, limit, skipped, rows=rows, pipeless=pipeless)
        found += issues

    return Document(
        source=source,
        front_matter=front,
        heading=heading,
        url=url,
        sections=sections,
        table=observations,
        problems=tuple(found),
        code_lines=code_lines,
    )
