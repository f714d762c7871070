"""Is this text a program document, or some other Markdown page?

Program documents sit beside READMEs, docs-site pages (Jekyll, MkDocs:
``---\\ntitle: Home\\nlayout: default\\n---``) and notes.  Linting those as
broken program documents floods a hook with findings nobody can act on, so
a file found by walking a folder, a buffer in an editor, and every file the
pre-commit hook names are linted only when they *are* program documents;
a file named on the command line is always linted.

A text is a program document when any of these holds, read outside code
(fenced blocks and inline code spans are examples, not content):

* its front matter has a key only program documents have
  (``proposal_type``, ``program_title``, ...; ``id`` too, with another of
  them or alone, since a docs page has no use for a bare id);
* it has a ``# ID - TITLE`` heading and a program URL
  (``program-information?id=``);
* it has the observations table's header row (a ``Folder`` cell and an
  ``Observing Template`` cell on one table line, outer pipes or not).

A UTF-16 file (which reads as noise) is decided by the caller: it is
reported as such, since it is most likely a program document saved wrongly.
The check reads the first 64 KiB and costs a few microseconds.
"""

from __future__ import annotations

import re

HEAD = 65536
PROGRAM_KEYS = frozenset({
    "id", "proposal_type", "program_title", "cycle", "exclusive_access_period_months",
    "pi_and_co_pis", "prime_parallel_time_hours", "instrument_mode",
})
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*:")
_ID_HEADING = re.compile(r"# +[0-9]+ +- ")


def is_program_document(text: str) -> bool:
    from .parse.code import blank_code_spans, fenced

    head = text[:HEAD].lstrip("\ufeff")
    lines = head.splitlines()
    body_start = 0
    if lines and lines[0].rstrip() == "---":
        keys = set()
        for index, line in enumerate(lines[1:], start=1):
            if line.rstrip() in ("---", "..."):
                body_start = index + 1
                break
            match = _KEY.match(line)
            if match:
                keys.add(match.group(1))
        if keys & PROGRAM_KEYS:
            return True
    body = lines[body_start:]
    code = set(fenced(body))
    heading = url = False
    for index, line in enumerate(body):
        if index in code:
            continue
        if "`" in line:
            line = blank_code_spans(line)
        if _ID_HEADING.match(line):
            heading = True
        if "program-information" in line and "id=" in line:
            url = True
        if heading and url:
            return True
        if "|" in line and _is_table_header(line):
            return True
    return False


def _is_table_header(line: str) -> bool:
    """A table line with a ``Folder`` cell and an ``Observing Template``
    cell (outer pipes optional, as GitHub renders either)."""
    cells = {" ".join(cell.split()).casefold() for cell in line.split("|")}
    return "folder" in cells and "observing template" in cells
