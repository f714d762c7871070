"""The markdown around the table: the title heading, the program URL and
the sections.

A line scanner is enough here and keeps exact columns; fenced code blocks
are skipped so a ``#`` inside one is not taken for a heading.
"""

from __future__ import annotations

import re

from ..diagnostic import Diagnostic
from ..document import Heading, ProgramUrl, Section
from ..source import Source
from ..span import Span, Text
from . import problems
from .comments import blank_comments

# The opening of an ATX heading; the rest of the line is read with string
# methods (a pattern such as ``[ \t]+(.*?)[ \t]*$`` backtracks quadratically
# on a long run of spaces followed by text).
_ATX_OPEN = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_ID_TITLE = re.compile(r"^(?P<id>[^ \t]+)[ \t]+-[ \t]+(?P<title>.*)$")
_URL = re.compile(r"https?://[^\s<>()\[\]]+")
_URL_PROGRAM = re.compile(r"[?&](?:id|program)=([^&#\s]*)")


def headings(source: Source, first_line: int, skipped: frozenset[int] = frozenset()) -> list[tuple[int, int, Text]]:
    """(line, level, text) of every ATX heading from ``first_line`` on;
    lines in ``skipped`` (too long to read, or code: parse.code) are none."""
    found = []
    lines = source.lines
    line_text = lines.line_text
    for number in range(first_line, lines.line_count + 1):
        if skipped and number in skipped:
            continue
        line = blank_comments(line_text(number))
        if "#" not in line[:4]:
            continue
        match = _ATX_OPEN.match(line)
        if not match:
            continue
        after = match.end()
        rest = line[after:]
        content = rest.lstrip(" \t")
        start = after + len(rest) - len(content) + 1
        content = _without_closing_hashes(content.rstrip(" \t"))
        found.append((number, len(match.group(1)), Text(content, Span.on_line(number, start, start + len(content)))))
    return found


def _without_closing_hashes(content: str) -> str:
    """The heading text without an optional closing sequence of ``#``
    preceded by spaces or tabs (``## Title ##``)."""
    if not content.endswith("#"):
        return content
    kept = content.rstrip("#")
    if kept and kept[-1] in " \t":
        return kept.rstrip(" \t")
    return content


def parse_heading(source: Source, line: int, text: Text) -> tuple[Heading, list[Diagnostic]]:
    span = Span.on_line(line, 1, len(source.line(line)) + 1)
    match = _ID_TITLE.match(text.value)
    if match is None:
        return Heading(line, span, text, None, None), [
            problems.HEADING_MALFORMED.diagnostic(
                text.span if text.value else span,
                f"the heading must read '# ID - TITLE', found '# {text.value}'",
                source.path,
            )
        ]
    base = text.span.start_column
    id_text = Text(match.group("id"), Span.on_line(line, base + match.start("id"), base + match.end("id")))
    title_text = Text(
        match.group("title"), Span.on_line(line, base + match.start("title"), base + match.end("title"))
    )
    return Heading(line, span, text, id_text, title_text), []


def find_url(
    source: Source, first_line: int, last_line: int, skipped: frozenset[int] = frozenset()
) -> ProgramUrl | None:
    """The program URL: the first URL on the first non-blank line after the
    heading (none when that line is in ``skipped``, too long to read)."""
    for number in range(first_line, last_line + 1):
        line = source.line(number)
        if not line or line.isspace():
            continue
        if number in skipped:
            return None
        match = _URL.search(line)
        if match is None:
            return None
        url = match.group(0)
        text = Text(url, Span.on_line(number, match.start() + 1, match.end() + 1))
        program = _URL_PROGRAM.search(url)
        program_id = None
        if program is not None:
            col = match.start() + program.start(1) + 1
            program_id = Text(program.group(1), Span.on_line(number, col, col + len(program.group(1))))
        return ProgramUrl(text, program_id)
    return None


def sections(found: list[tuple[int, int, Text]], last_line: int) -> tuple[Section, ...]:
    """Sections of level 2 and deeper; each ends before the next heading of
    the same or a higher level."""
    ends = [last_line] * len(found)
    open_: list[int] = []  # indexes of headings whose end is not known yet, levels increasing
    for index, (line, level, _) in enumerate(found):
        while open_ and found[open_[-1]][1] >= level:
            ends[open_.pop()] = line - 1
        open_.append(index)
    return tuple(
        Section(level, text, line, ends[index]) for index, (line, level, text) in enumerate(found) if level >= 2
    )


def missing_heading(source: Source, line: int) -> Diagnostic:
    line = min(max(line, 1), max(source.lines.line_count, 1))
    return problems.HEADING_MISSING.diagnostic(
        Span.point(line, 1), "no '# ID - TITLE' heading follows the front matter", source.path
    )
