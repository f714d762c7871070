"""Formatting in the editor: ``textDocument/formatting`` and
``textDocument/rangeFormatting`` apply ``proglint format``'s canonical
layout (:mod:`proglint.canonical`) to the buffer.

- Only program documents are formatted (as ``proglint format`` decides,
  :mod:`proglint.recognise`); any other buffer gets no edits.
- A document with parse problems gets the same minimal safe set as
  ``proglint format`` gives it: a part the parser could not read (a table
  with a row of the wrong width, front matter that is not a plain mapping)
  is left as written, the rest is laid out, and a layout that would change
  the document's JSON form is not applied at all.
- Range formatting formats the parts the range touches: the whole front
  matter if the range touches a line of it (keys are reordered, so a part
  of it cannot be), the whole table if it touches a row of it (a column's
  width depends on every row), and the trailing whitespace of the lines
  in the range; the end of the file (blank last lines, the final newline)
  only when the range reaches it.

The edits are one replacement of the smallest stretch of text that
changes, so the cursor and the undo history outside it are untouched.
Nothing here knows the protocol's positions: the server converts.
"""

from __future__ import annotations

from ..diagnostic import Edit
from ..source import Source


def edits(source: Source, lines_touched: tuple[int, int] | None = None) -> list[Edit]:
    """The edits that give ``source`` its canonical layout (within the
    lines touched, when given); none for a buffer that is not a program
    document or that is already canonical."""
    from ..canonical import format_source
    from ..discover import looks_like_program_document

    if not looks_like_program_document(source.text):
        return []
    formatted = format_source(source, lines_touched)
    if not formatted.changed:
        return []
    return [smallest_edit(source, formatted.text)]


def smallest_edit(source: Source, after: str) -> Edit:
    """One edit turning ``source.text`` into ``after``: the stretch between
    their common start and their common end, never splitting a CRLF."""
    before = source.text
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0  # characters in common at the end, after ``start``
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    old_end = len(before) - end
    if 0 < start < len(before) and before[start - 1] == "\r" and before[start] == "\n":
        start -= 1
    if 0 < old_end < len(before) and before[old_end - 1] == "\r" and before[old_end] == "\n":
        old_end += 1
        end -= 1
    new_end = len(after) - end
    return Edit(source.lines.span(start, old_end), after[start:new_end])
