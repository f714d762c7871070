"""``proglint format``: one canonical layout for a program document.

The layout is the one the documents built from APT files are written in
(``seeds/1071.txt`` and the others):

* front matter keys in the canonical order (``id`` first, then the other
  program keys alphabetically, then any other key in its own order), string
  values in double quotes; edited with ruamel.yaml's round trip, so
  comments, anchors and the style of everything else survive;
* the observations table's columns padded to one more than the widest
  cell (and to at least ten), after one space inside the opening pipe
  (``| Folder     |``), the delimiter row's dashes as wide as its column
  (its alignment colons kept);
* no trailing whitespace, exactly one final newline; the file's newline
  style and byte-order mark kept.

Formatting never changes meaning: the document's JSON form (what the
schemas check) is compared before and after, and a part whose reformatting
would change it is left as written.  A table the parser reported problems
in (a row with the wrong number of cells, no delimiter row, a second table)
is left alone too: where its cells belong is a question for the findings
and their fixes, not for layout.  So is front matter that is not a plain
mapping without duplicate keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from .source import Source

# The seeds' order: the id and the proposal type, then the others alphabetically.
ORDER = (
    "id", "proposal_type", "cycle", "exclusive_access_period_months", "instrument_mode",
    "pi_and_co_pis", "prime_parallel_time_hours", "program_title", "type",
)
MIN_WIDTH = 10
TABLE_PROBLEMS = frozenset({"PL009", "PL010", "PL011", "PL012", "PL013", "PL015"})


@dataclass(frozen=True)
class Formatted:
    source: Source  # as read
    text: str  # the canonical text (without BOM; newlines as in the source)

    @property
    def changed(self) -> bool:
        return self.text != self.source.text

    def encode(self) -> bytes:
        return self.source.encode(self.text)


def format_source(source: Source, lines_touched: tuple[int, int] | None = None) -> Formatted:
    """The canonical layout of one document; with ``lines_touched`` (first
    and last line, 1-based), only of the parts those lines touch: the front
    matter if they touch it, the table if they touch it, and the trailing
    whitespace of those lines (the end of the file when they reach it).
    This is what the language server's range formatting applies."""
    from .parse import parse
    from .schema.to_json import json_form

    document = parse(source)
    before = json_form(document)
    lines = source.text.splitlines()

    def touched(first: int, last: int) -> bool:
        return lines_touched is None or (first <= lines_touched[1] and lines_touched[0] <= last)

    # the table first: it keeps the line count, so the front matter's
    # rewrite (which may not) cannot move the table's lines under it
    table = document.table
    if table is not None and table.rows and touched(table.header_line, table.rows[-1].line):
        lines = _table(document, lines)
    count = len(lines)
    front = document.front_matter
    if front is not None and touched(front.opening.start_line, front.closing.start_line if front.closing else 1):
        _front_matter(document, lines, before)
    shift = len(lines) - count  # lines the front matter gained, for the lines below it
    if lines_touched is None:
        lines = [line.rstrip(" \t") for line in lines]
        ends = True
    else:
        first, last = lines_touched
        fence = front.closing.start_line if front is not None and front.closing is not None else 0
        for number in range(first, last + 1):
            index = number - 1 + (shift if number > fence else 0)
            if 0 <= index < len(lines):
                lines[index] = lines[index].rstrip(" \t")
        ends = last >= count
    if ends:
        while lines and not lines[-1]:
            lines.pop()
        text = source.newline.join(lines) + source.newline if lines else ""
    else:  # the end of the file is not touched: it stays as it is
        text = source.newline.join(lines) + (source.newline if source.text.endswith(("\n", "\r")) else "")
    candidate = Source(source.path, text, source.bom, source.newline)
    if json_form(parse(candidate)) != before:  # a layout change that changed meaning: keep the text
        return Formatted(source, source.text)
    return Formatted(source, text)


# --------------------------------------------------------------------------
# Front matter, through ruamel.yaml's round trip.


def _front_matter(document, lines: list[str], before: dict) -> None:
    """Rewrite the front matter lines in place when it is a clean mapping."""
    front = document.front_matter
    if front is None or front.closing is None or front.mapping is None:
        return
    keys = [entry.key_text for entry in front.entries]
    if len(keys) != len(set(keys)) or any(p.code in ("PL002", "PL003", "PL004", "PL005") for p in document.problems):
        return
    first, last = front.opening.start_line, front.closing.start_line  # the fences
    block = "\n".join(lines[first : last - 1]) + "\n"
    rewritten = _canonical_yaml(block, before.get("front_matter") or {})
    if rewritten is not None:
        lines[first : last - 1] = rewritten.rstrip("\n").split("\n")


def _canonical_yaml(block: str, values: dict) -> str | None:
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # never fold a long title
    try:
        data = yaml.load(block)
    except (YAMLError, ValueError):
        return None
    if not hasattr(data, "move_to_end"):
        return None
    for key in reversed([k for k in ORDER if k in data]):
        data.move_to_end(key, last=False)
    for key in list(data):
        value = data[key]
        # A plain scalar the JSON form reads as a string is quoted; anything
        # it reads as a number, boolean or null stays as written (quoting it
        # would change its meaning), and so do block and quoted strings.
        if isinstance(values.get(key), str) and isinstance(value, str) and not isinstance(value, ScalarString):
            data[key] = DoubleQuotedScalarString(value)
    out = io.StringIO()
    try:
        yaml.dump(data, out)
    except (YAMLError, ValueError, TypeError):
        return None
    return out.getvalue()


# --------------------------------------------------------------------------
# The observations table.


def _table(document, lines: list[str]) -> list[str]:
    from .parse.table import split_row

    table = document.table
    if table is None or not table.rows or any(p.code in TABLE_PROBLEMS for p in document.problems):
        return lines
    header = table.header_line
    delimiter = header + 1
    rows = [table.header] + [row.cells for row in table.rows]
    if any(len(cells) != len(table.header) for cells in rows):
        return lines
    marks = [cell.value for cell in split_row(lines[delimiter - 1], delimiter).cells]
    # as the documents APT produces: each column one wider than its widest
    # cell, and at least ten wide
    widths = [max(MIN_WIDTH, 1 + max(len(cells[i].value) for cells in rows)) for i in range(len(table.header))]
    out = list(lines)
    out[header - 1] = _row([c.value for c in table.header], widths)
    out[delimiter - 1] = _row([_dashes(mark, width) for mark, width in zip(marks, widths)], widths)
    for row in table.rows:
        out[row.line - 1] = _row([c.value for c in row.cells], widths)
    return out


def _dashes(mark: str, width: int) -> str:
    left, right = mark.startswith(":"), mark.endswith(":") and len(mark) > 1
    return (":" if left else "") + "-" * (width - left - right) + (":" if right else "")


def _row(values: list[str], widths: list[int]) -> str:
    return "| " + " | ".join(value.ljust(width) for value, width in zip(values, widths)) + " |"
