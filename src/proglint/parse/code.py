"""Code in Markdown: fenced blocks and inline code spans are opaque.

A README that shows a program document inside a code fence, or writes
`| Observing Template |` or `<!-- proglint-disable -->` as inline code, is
describing the format, not using it: no heading, section, table row or
suppression comment is read from code.  Fences follow CommonMark: a line of
three or more backticks or tildes indented at most three spaces opens a
block, a line of at least as many of the same character (and nothing but
spaces after them) closes it, and an unclosed block runs to the end.  Both
scans are linear (no regular-expression backtracking).
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..source import Source


def fenced_lines(source: Source, first_line: int = 1) -> frozenset[int]:
    """The lines of fenced code blocks from ``first_line`` on, fences included."""
    lines = (source.line(n) for n in range(first_line, source.lines.line_count + 1))
    return frozenset(first_line + index for index in fenced(lines))


def fenced(lines: Iterable[str]) -> Iterator[int]:
    """The 0-based indexes of the lines of fenced code blocks, fences included."""
    fence = ""  # the opening fence's characters while inside a block
    for index, line in enumerate(lines):
        if not fence:
            opened = _fence(line)
            if opened and not (opened[0] == "`" and "`" in line.lstrip(" ")[len(opened):]):
                fence = opened
                yield index
            continue
        yield index
        closing = _fence(line)
        if closing and closing[0] == fence[0] and len(closing) >= len(fence) and not line.lstrip(" ")[len(closing):].strip():
            fence = ""


def _fence(line: str) -> str:
    """The run of backticks or tildes a line starts with (after at most
    three spaces) when it is three or more long, else ''."""
    body = line.lstrip(" ")
    if len(line) - len(body) > 3 or not body or body[0] not in "`~":
        return ""
    char = body[0]
    length = len(body) - len(body.lstrip(char))
    return body[:length] if length >= 3 else ""


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span on a line: a run of backticks
    up to the next run of the same length (CommonMark; an unmatched run is
    literal text)."""
    if "`" not in line:
        return []
    runs: list[tuple[int, int]] = []  # (start, length) of each backtick run
    index, size = 0, len(line)
    while index < size:
        index = line.find("`", index)
        if index < 0:
            break
        end = index
        while end < size and line[end] == "`":
            end += 1
        runs.append((index, end - index))
        index = end
    spans: list[tuple[int, int]] = []
    waiting: dict[int, int] = {}  # run length -> index of the earliest open run
    for position, (start, length) in enumerate(runs):
        if length in waiting:
            opener = runs[waiting.pop(length)]
            spans.append((opener[0], start + length))
            # runs opened between the pair are inside it: they can no longer open
            waiting = {k: v for k, v in waiting.items() if runs[v][0] < opener[0]}
        else:
            waiting[length] = position
    return spans


def blank_code_spans(line: str) -> str:
    """The line with its inline code spans blanked (positions kept)."""
    for start, end in code_spans(line):
        line = line[:start] + " " * (end - start) + line[end:]
    return line


def in_code(spans: list[tuple[int, int]], column: int) -> bool:
    """Whether a 0-based character offset falls inside one of the spans."""
    return any(start <= column < end for start, end in spans)
