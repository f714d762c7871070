"""The observations table, read cell by cell with exact columns.

Markdown parsers pad short rows and drop extra cells, hiding the very
errors proglint must report, so this module splits rows itself: on every
``|`` not escaped by a backslash, keeping each cell's true position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostic import Diagnostic
from ..document import COLUMNS, Cell, ObservationsTable, Observation, TargetRef
from ..source import Source
from ..span import Span, Text
from . import problems
from .comments import blank_comments

_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_TARGET = re.compile(r"^\((?P<number>[^()]*)\)[ \t]*(?P<name>.*?)$")
_BLOCK_START = re.compile(r"^ {0,3}(#|>|```|~~~|-{3,}\s*$|\*{3,}\s*$|_{3,}\s*$)")

_PIPE = re.compile(r"\|")
_PIPE_OR_ESCAPE = re.compile(r"\\.|\|")
_KEYS = ("folder", "observation", "label", "observing template", "science target")


@dataclass(frozen=True, slots=True)
class SplitRow:
    cells: tuple[Cell, ...]
    opens: bool  # starts with '|'
    closes: bool  # ends with '|'


def split_row(line: str, number: int) -> SplitRow:
    """Split one line into cells at unescaped pipes, keeping positions.

    HTML comments (suppressions) are blanked first: they are not part of a
    cell's value and a pipe inside one does not split the row.
    """
    line = blank_comments(line)
    if "\\" in line:  # an escaped character (\|) never splits
        pipes = [m.start() for m in _PIPE_OR_ESCAPE.finditer(line) if m.group() == "|"]
    else:
        pipes = [m.start() for m in _PIPE.finditer(line)]
    stripped_left = len(line) - len(line.lstrip())
    stripped_right = len(line.rstrip())
    opens = bool(pipes) and pipes[0] == stripped_left
    closes = bool(pipes) and pipes[-1] == stripped_right - 1 and (not opens or len(pipes) > 1)
    bounds = []
    start = pipes[0] + 1 if opens else stripped_left
    for pipe in pipes[1:] if opens else pipes:
        bounds.append((start, pipe))
        start = pipe + 1
    if not closes:
        bounds.append((start, stripped_right))
    cells = []
    for lo, hi in bounds:
        raw = line[lo:hi]
        left = len(raw) - len(raw.lstrip())
        content = raw.strip()
        text_start = lo + left + 1
        if not content:
            text_start = lo + 1 + min(1, len(raw))
        # Span(...) directly, not Span.on_line: this runs for every cell
        text = Text(content, Span(number, text_start, number, text_start + len(content)))
        cells.append(Cell(text, Span(number, lo + 1, number, hi + 1)))
    return SplitRow(tuple(cells), opens, closes)


def is_table_line(line: str) -> bool:
    return line.lstrip().startswith("|")


def find_start(source: Source, first_line: int, last_line: int) -> int | None:
    for number in range(first_line, last_line + 1):
        if is_table_line(source.line(number)):
            return number
    return None


def parse_target(cell: Cell) -> TargetRef:
    match = _TARGET.match(cell.value)
    if match is None:
        return TargetRef(cell, None, None)
    line, base = cell.span.start_line, cell.span.start_column
    number = Text(match.group("number"), Span(line, base + match.start("number"), line, base + match.end("number")))
    name = None
    if match.group("name"):
        name = Text(match.group("name"), Span(line, base + match.start("name"), line, base + match.end("name")))
    return TargetRef(cell, number, name)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse(source: Source, start: int, limit: int | None = None, rows=None) -> tuple[ObservationsTable, list[Diagnostic]]:
    """Read the table starting at line ``start``. ``limit`` is the last line
    of its section: rows or a second table after a blank line, up to there,
    are read too (and reported), so no observation goes unchecked."""
    path = source.path
    diagnostics: list[Diagnostic] = []
    lines = source.lines
    header_text = source.line(start)
    header = split_row(header_text, start)
    columns = _column_map(header, start, header_text, path, diagnostics)

    limit = lines.line_count if limit is None else min(limit, lines.line_count)
    number = start + 1
    if _is_delimiter(source, number):
        delimiter = split_row(source.line(number), number)
        if len(delimiter.cells) != len(header.cells):
            diagnostics.append(
                problems.TABLE_DELIMITER.diagnostic(
                    Span.on_line(number, 1, len(source.line(number)) + 1),
                    f"the delimiter row has {len(delimiter.cells)} cells but the header has {len(header.cells)}: "
                    "markdown renders no table at all",
                    path,
                )
            )
        number += 1
    else:
        diagnostics.append(
            problems.TABLE_DELIMITER.diagnostic(
                Span.on_line(start, 1, len(header_text) + 1),
                "the header row must be followed by a delimiter row such as '| :--- | :--- | ... |'",
                path,
            )
        )

    memo, rows = rows, []  # memo: (line, number, columns, folder above) -> (row, its diagnostics)
    folder: Text | None = None
    last = start
    while number <= lines.line_count:
        line = source.line(number)
        if not line.strip():
            resumed = _resume_after_blank(source, number, limit, path, diagnostics)
            if resumed is None:
                break
            number = resumed
            continue
        if not is_table_line(line) and _BLOCK_START.match(line):
            break
        last = number
        full = Span.on_line(number, 1, len(line) + 1)
        if not is_table_line(line):
            diagnostics.append(
                problems.TABLE_ROW_MALFORMED.diagnostic(
                    Span.on_line(number, 1 + len(line) - len(line.lstrip()), len(line.rstrip()) + 1),
                    "this line is inside the table but is not a row: rows start and end with '|'; "
                    "leave a blank line after the table",
                    path,
                )
            )
            number += 1
            continue
        key = (line, number, columns, folder) if memo is not None else None
        hit = memo.get(key) if key is not None else None
        if hit is not None:
            row, found = hit
            diagnostics += found
            folder = row.folder
            rows.append(row)
            number += 1
            continue
        mark = len(diagnostics)
        split = split_row(line, number)
        if not split.closes:
            end = len(line.rstrip()) + 1
            diagnostics.append(
                problems.TABLE_ROW_MALFORMED.diagnostic(
                    Span.point(number, end), "the row does not end with '|'", path
                )
            )
        cells = split.cells
        realigned = None
        if len(cells) > len(COLUMNS) and columns == tuple(range(len(COLUMNS))):
            realigned = _realign(cells, line, number)
        if realigned is not None:
            count, label = len(cells), realigned[2]
            diagnostics.append(
                problems.TABLE_ROW_CELLS.diagnostic(
                    label.span,
                    f"the row has {count} cells, expected {len(COLUMNS)}: the Label '{label.value}' seems to "
                    "contain a '|'; escape it as '\\|' (proglint reads the cells between Observation and "
                    "Observing Template as the Label)",
                    path,
                )
            )
            cells = realigned
        elif len(cells) != len(COLUMNS):
            diagnostics.append(_cell_count(cells, number, line, path))
        row = _row(cells, columns, number, full, folder)
        if key is not None:
            memo[key] = (row, diagnostics[mark:])
        folder = row.folder
        rows.append(row)
        number += 1
    span = Span(start, 1, last, len(source.line(last)) + 1)
    return ObservationsTable(start, header.cells, tuple(rows), span), diagnostics


def _is_delimiter(source: Source, number: int) -> bool:
    if number > source.lines.line_count:
        return False
    line = source.line(number)
    return bool(_DELIMITER.match(line)) and "-" in line


def _resume_after_blank(source: Source, number: int, limit: int, path: str, diagnostics: list[Diagnostic]) -> int | None:
    """After a blank line the markdown table has ended. Table rows that
    follow in the same section (a stray blank line, or a second table) would
    silently escape every check, so they are reported and read on: the line
    to go on from, or None when the table really is over."""
    following = number
    while following <= limit and not source.line(following).strip():
        following += 1
    if following > limit or not is_table_line(source.line(following)):
        return None
    if _is_delimiter(source, following + 1):
        diagnostics.append(
            problems.TABLE_EXTRA.diagnostic(
                Span.on_line(following, 1, len(source.line(following)) + 1),
                "a second table in the observations section: its rows are checked with the first table's, "
                "but markdown shows two tables; merge them into one",
                path,
            )
        )
        return following + 2
    diagnostics.append(
        problems.TABLE_ROW_MALFORMED.diagnostic(
            Span.on_line(following, 1, len(source.line(following)) + 1),
            f"this row comes after the blank line {following - 1}, which ends the table in markdown; "
            "remove the blank line so the row is part of the table",
            path,
        )
    )
    return following


def _column_map(header: SplitRow, line: int, text: str, path: str, diagnostics: list[Diagnostic]) -> tuple[int, ...]:
    """Index of each expected column in the row's cells.

    When all five names are present (in any order) rows are read by name;
    otherwise by position, so a misnamed header still yields a model.
    """
    names = [_normal(c.value) for c in header.cells]
    expected = list(_KEYS)
    if names == expected:
        return tuple(range(len(COLUMNS)))
    if sorted(names) == sorted(expected):
        diagnostics.append(
            problems.TABLE_HEADER.diagnostic(
                Span.on_line(line, 1, len(text) + 1),
                "the columns must be in the order " + " | ".join(COLUMNS),
                path,
            )
        )
        return tuple(names.index(k) for k in expected)
    for index, cell in enumerate(header.cells):
        if index >= len(COLUMNS):
            diagnostics.append(
                problems.TABLE_HEADER.diagnostic(
                    cell.region, f"unexpected column {index + 1} '{cell.value}': the table has five columns", path
                )
            )
        elif names[index] != expected[index]:
            diagnostics.append(
                problems.TABLE_HEADER.diagnostic(
                    cell.span if cell.value else cell.region,
                    f"column {index + 1} must be '{COLUMNS[index]}', found '{cell.value}'",
                    path,
                )
            )
    if len(header.cells) < len(COLUMNS):
        missing = ", ".join(f"'{c}'" for c in COLUMNS[len(header.cells):])
        diagnostics.append(
            problems.TABLE_HEADER.diagnostic(
                Span.point(line, len(text.rstrip()) + 1), f"the header lacks the column(s) {missing}", path
            )
        )
    return tuple(range(len(COLUMNS)))


def _cell_count(cells: tuple[Cell, ...], number: int, line: str, path: str) -> Diagnostic:
    count = len(cells)
    if count > len(COLUMNS):
        first, last = cells[len(COLUMNS)], cells[-1]
        span = (first.region if first.blank else first.span).cover(last.region if last.blank else last.span)
        return problems.TABLE_ROW_CELLS.diagnostic(
            span,
            f"the row has {count} cells, expected {len(COLUMNS)}: remove the extra cell(s) "
            "or escape a '|' inside a cell as '\\|'",
            path,
        )
    return problems.TABLE_ROW_CELLS.diagnostic(
        Span.point(number, len(line.rstrip()) + 1),
        f"the row has {count} cell{'s' if count != 1 else ''}, expected {len(COLUMNS)}: "
        f"missing {', '.join(COLUMNS[count:])}",
        path,
    )


def _realign(cells: tuple[Cell, ...], line: str, number: int) -> tuple[Cell, ...] | None:
    """Read a row with too many cells the way it was most likely meant.

    The usual cause is an unescaped ``|`` inside the free-text Label, so when
    the last cell is a Science Target (``(N) NAME`` or ``NONE``) the row is
    read from both ends — Folder and Observation from the left, Observing
    Template and Science Target from the right — and the cells between
    become one Label. Otherwise (a stray cell at the end) cells are read by
    position (None). Either way the row is reported (PL011); this only
    keeps the other checks from reporting the shifted cells as well.
    """
    last = cells[-1].value
    if not (last == "NONE" or _TARGET.match(last)) or _TARGET.match(cells[-2].value):
        return None
    first, final = cells[2], cells[-3]
    start = first.region.start_column
    end = final.region.end_column
    raw = line[start - 1 : end - 1]
    content = raw.strip()
    text_start = start + len(raw) - len(raw.lstrip())
    label = Cell(Text(content, Span(number, text_start, number, text_start + len(content))), Span(number, start, number, end))
    return (cells[0], cells[1], label, cells[-2], cells[-1])


def _row(cells, columns, number, full, folder_above: Text | None) -> Observation:
    def pick(i: int) -> Cell | None:
        index = columns[i]
        return cells[index] if index < len(cells) else None

    folder_cell = pick(0)
    if folder_cell is not None and not folder_cell.blank:
        folder, continues = folder_cell.text, False
    else:
        folder, continues = folder_above, True
    target_cell = pick(4)
    return Observation(
        line=number,
        span=full,
        cells=cells,
        folder_cell=folder_cell,
        number=pick(1),
        label=pick(2),
        template=pick(3),
        target=parse_target(target_cell) if target_cell is not None else None,
        folder=folder,
        continues_folder=continues,
    )
