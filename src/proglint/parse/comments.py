"""HTML comments inside a line.

Suppression comments may sit inside a heading or a table cell (a comment
line between table rows would end the table), and they are not part of
the value there: blanking them with spaces keeps every column in place
while the value is read without them.

A comment runs from ``<!--`` to the first ``-->`` after it, as the regular
expression ``<!--.*?-->`` would read it; the scans here find the same
comments with ``str.find`` so that a line of thousands of unclosed
``<!--`` costs one pass, not one pass per opener.
"""

from __future__ import annotations

from typing import Iterator


def comment_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every ``<!-- ... -->`` in ``text``, left to right,
    end exclusive: the matches of ``re.finditer(r"<!--.*?-->", text, re.DOTALL)``."""
    find = text.find
    start = find("<!--")
    while start >= 0:
        close = find("-->", start + 4)
        if close < 0:  # no "-->" after this opener, so none after any later one
            return
        end = close + 3
        yield start, end
        start = find("<!--", end)


def blank_comments(line: str) -> str:
    """``line`` with every comment replaced by as many spaces."""
    if "<!--" not in line:
        return line
    parts = []
    last = 0
    for start, end in comment_spans(line):
        parts.append(line[last:start])
        parts.append(" " * (end - start))
        last = end
    if not parts:
        return line
    parts.append(line[last:])
    return "".join(parts)


def strip_comments(text: str) -> str:
    """``text`` without its comments (which may span lines)."""
    if "<!--" not in text:
        return text
    parts = []
    last = 0
    for start, end in comment_spans(text):
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts)
