"""The observations table, read cell by cell with exact columns.

Markdown parsers pad short rows and drop extra cells, hiding the very
errors proglint must report, so this module splits rows itself: on every
``|`` not escaped by a backslash, keeping each cell's true position.
"""

from __future__ import annotations

import re

from ..diagnostic import Diagnostic
from ..document import COLUMNS, Cell, ObservationsTable, Observation, TargetRef
from ..record import Record
from ..source import Source
from ..span import Span, Text
from . import problems
from .comments import blank_comments

_BLOCK_START = re.compile(r"^ {0,3}(#|>|```|~~~|-{3,}\s*$|\*{3,}\s*$|_{3,}\s*$)")
_DELIMITER_CELL = re.compile(r":?-+:?")

_PIPE_OR_ESCAPE = re.compile(r"\\.|\|")
_KEYS = ("folder", "observation", "label", "observing template", "science target")

# The model's values are NamedTuples; building them through the class's
# Python-level ``__new__`` (keyword arguments, a frame per call) is most of
# what a row costs, so the hot paths call ``tuple.__new__`` directly with the
# fields in their declared order.
_new = tuple.__new__


class SplitRow(Record):
    cells: tuple[Cell, ...]
    opens: bool  # starts with '|'
    closes: bool  # ends with '|'


def split_row(line: str, number: int) -> SplitRow:
    """Split one line into cells at unescaped pipes, keeping positions.

    HTML comments (suppressions) are blanked first: they are not part of a
    cell's value and a pipe inside one does not split the row.
    """
    return SplitRow(*_split(line, number))


def _split(line: str, number: int) -> tuple[tuple[Cell, ...], bool, bool]:
    """(cells, opens, closes) of one line: :func:`split_row` without the wrapper."""
    if "<!--" in line:
        line = blank_comments(line)
    if "\\" in line:  # an escaped character (\|) never splits
        return _split_at(line, number, [m.start() for m in _PIPE_OR_ESCAPE.finditer(line) if m.group() == "|"])
    parts = line.split("|")
    count = len(parts)
    first = parts[0]
    tail = parts[-1]
    if count < 3 or (first and not first.isspace()) or (tail and not tail.isspace()):
        # not a plain '| a | b |' row: the general path, from the pipes' offsets
        pipes = []
        offset = -1
        for part in parts[:-1]:
            offset += len(part) + 1
            pipes.append(offset)
        return _split_at(line, number, pipes)
    # The common row: opens and closes, no escapes. parts[1:-1] are the
    # cells' raw text, one after the other with a pipe between.
    cells = []
    append = cells.append
    new = _new
    lo = len(first) + 1  # 0-based offset of the cell's first character
    for raw in parts[1:-1]:
        size = len(raw)
        content = raw.strip()
        if content:
            start = lo + size - len(raw.lstrip()) + 1
        else:
            start = lo + 2 if size else lo + 1
        hi = lo + size
        append(
            new(Cell, (
                new(Text, (content, new(Span, (number, start, number, start + len(content))))),
                new(Span, (number, lo + 1, number, hi + 1)),
            ))
        )
        lo = hi + 1
    return tuple(cells), True, True


def _split_at(line: str, number: int, pipes: list[int]) -> tuple[tuple[Cell, ...], bool, bool]:
    """Cells between the given pipe offsets, for any row shape."""
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
    new = _new
    for lo, hi in bounds:
        raw = line[lo:hi]
        left = len(raw) - len(raw.lstrip())
        content = raw.strip()
        text_start = lo + left + 1
        if not content:
            text_start = lo + 1 + min(1, len(raw))
        text = new(Text, (content, new(Span, (number, text_start, number, text_start + len(content)))))
        cells.append(new(Cell, (text, new(Span, (number, lo + 1, number, hi + 1)))))
    return tuple(cells), opens, closes


def is_table_line(line: str) -> bool:
    return line.lstrip().startswith("|")


def find_pipeless_header(source: Source, first_line: int, last_line: int, skipped=frozenset()) -> int | None:
    """The line of an observations table header written without outer pipes
    (``Folder | Observation | Label | Observing Template | Science Target``,
    which GitHub renders as a table) when it comes before any ``|``-led line
    of the section, else None."""
    for number in range(first_line, last_line + 1):
        if number in skipped:
            continue
        line = source.line(number)
        if is_table_line(line):
            return None
        if "|" in line and [_normal(part) for part in line.strip().strip("|").split("|")] == list(_KEYS):
            return number
    return None


def pipeless_problem(source: Source, start: int, limit: int) -> Diagnostic:
    """The one finding on a table without outer pipes: at its header,
    covering the table's lines (each would otherwise be reported as not a
    row, proglint.rootcause)."""
    end = start
    while end + 1 <= min(limit, source.lines.line_count) and "|" in source.line(end + 1):
        end += 1
    header = source.line(start)
    return problems.TABLE_HEADER.diagnostic(
        Span.on_line(start, 1 + len(header) - len(header.lstrip()), len(header.rstrip()) + 1),
        f"the observations table (lines {start}-{end}) has no outer pipes; markdown may render it, but a "
        "row must start and end with '|' so that an empty Folder cell can open it: write "
        "'| Folder | Observation | Label | Observing Template | Science Target |' and add a '|' at both ends "
        "of the delimiter row and of every row",
        source.path,
        covers=(Span(start, 1, end, len(source.line(end)) + 1),),
    )


def find_start(source: Source, first_line: int, last_line: int, skipped: frozenset[int] = frozenset()) -> int | None:
    """The first table line in a range; lines in ``skipped`` (code) are not."""
    for number in range(first_line, last_line + 1):
        if number not in skipped and is_table_line(source.line(number)):
            return number
    return None


def parse_target(cell: Cell) -> TargetRef:
    """``(N) NAME`` read from a Science Target cell: the reading of
    ``^\\((?P<number>[^()]*)\\)[ \\t]*(?P<name>.*?)$``, with string methods."""
    text = cell[0]
    value = text[0]
    if value[:1] != "(":
        return _new(TargetRef, (cell, None, None))
    close = value.find(")")
    if close < 0 or value.find("(", 1, close) >= 0:
        return _new(TargetRef, (cell, None, None))
    new = _new
    span = text[1]
    line = span[0]
    base = span[1]
    number = new(Text, (value[1:close], new(Span, (line, base + 1, line, base + close))))
    size = len(value)
    after = close + 1
    if after == size:
        return new(TargetRef, (cell, number, None))
    name = value[after:]
    if name[0] in " \t":
        name = name.lstrip(" \t")
        if not name:
            return new(TargetRef, (cell, number, None))
    start = base + size - len(name)
    return new(TargetRef, (cell, number, new(Text, (name, new(Span, (line, start, line, base + size))))))


def _target_close(value: str) -> int:
    """The offset of the ')' closing a leading '(N)', or -1 when the value
    does not start with one."""
    if value[:1] != "(":
        return -1
    close = value.find(")")
    if close < 0 or value.find("(", 1, close) >= 0:
        return -1
    return close


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse(
    source: Source, start: int, limit: int | None = None, long_lines: frozenset[int] = frozenset(), rows=None,
    pipeless: bool = False,
) -> tuple[ObservationsTable, list[Diagnostic]]:
    """Read the table starting at line ``start``. ``limit`` is the last line
    of its section: rows or a second table after a blank line, up to there,
    are read too (and reported), so no observation goes unchecked.

    Lines in ``long_lines`` (over the length limit, reported by the caller)
    are not read: they belong to the table but yield no row.

    ``pipeless``: the table is written without outer pipes (reported once
    by the caller, :func:`pipeless_problem`); every line with a '|' is
    read as a row, so the model is as complete as the text allows."""
    path = source.path
    diagnostics: list[Diagnostic] = []
    lines = source.lines
    line_text = lines.line_text
    line_count = lines.line_count
    header_text = line_text(start)
    if start in long_lines:
        header = SplitRow((), True, True)
        columns = _IDENTITY
    else:
        header = split_row(header_text, start)
        columns = _column_map(header, start, header_text, path, diagnostics)

    limit = line_count if limit is None else min(limit, line_count)
    number = start + 1
    if number in long_lines:
        number += 1
    elif _is_delimiter(source, number):
        delimiter = split_row(line_text(number), number)
        if len(delimiter.cells) != len(header.cells) and start not in long_lines:
            diagnostics.append(
                problems.TABLE_DELIMITER.diagnostic(
                    Span.on_line(number, 1, len(line_text(number)) + 1),
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
    append = rows.append
    new = _new
    by_position = columns == _IDENTITY
    short_header = None in columns  # known names, some left out: rows in its shape are read by name
    width = len(COLUMNS)
    folder: Text | None = None
    last = start
    while number <= line_count:
        line = line_text(number)
        if not line or line.isspace():
            resumed = _resume_after_blank(source, number, limit, path, diagnostics)
            if resumed is None:
                break
            number = resumed
            continue
        table_line = line[0] == "|" or is_table_line(line) or (pipeless and "|" in line)
        if not table_line and _BLOCK_START.match(line):
            break
        last = number
        if number in long_lines:
            number += 1
            continue
        if not table_line:
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
        if key is not None:
            hit = memo.get(key)
            if hit is not None:  # the editor's memo: this row as it was read last time
                row, found = hit
                diagnostics += found
                folder = row.folder
                append(row)
                number += 1
                continue
            mark = len(diagnostics)
        full = new(Span, (number, 1, number, len(line) + 1))
        cells, opens, closes = _split(line, number)
        if not closes:
            end = len(line.rstrip()) + 1
            diagnostics.append(
                problems.TABLE_ROW_MALFORMED.diagnostic(
                    Span.point(number, end), "the row does not end with '|'", path,
                    # the row's cells stay as they are read now; a row that does
                    # not open either is a pipeless table's, reported as a whole
                    fix=_closing_pipe(number, end) if opens else None,
                )
            )
        if len(cells) == width and by_position:
            # the common row: five cells read by position
            folder_cell = cells[0]
            if folder_cell[0][0]:
                folder = folder_cell[0]
                continues = False
            else:
                continues = True
            row = new(Observation, (
                number, full, cells, folder_cell, cells[1], cells[2], cells[3],
                parse_target(cells[4]), folder, continues,
            ))
            if key is not None:
                memo[key] = (row, diagnostics[mark:])
            append(row)
            number += 1
            continue
        row_columns, row_by_position = columns, by_position
        if short_header and len(cells) != len(header.cells):
            # not the header's shape (a full row of five, a slip): read by position
            row_columns, row_by_position = _IDENTITY, True
        aligned = None
        if row_by_position:
            aligned = _align(cells, header.cells, line, number, path, bool(rows))
        if aligned is not None:
            cells, found = aligned
            diagnostics.append(found)
        elif row_columns is not columns or not short_header:
            # (a row in the short header's shape is read by its names: the
            # header's finding says which column it and every row lack)
            realigned = None
            if len(cells) > width and row_by_position:
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
                        fix=_escape_label_pipes(cells, line, number),
                        covers=(full,),
                    )
                )
                cells = realigned
            elif len(cells) != width:
                diagnostics.append(_cell_count(cells, number, line, path, full))
        row = _row(cells, row_columns, number, full, folder)
        if key is not None:
            memo[key] = (row, diagnostics[mark:])
        folder = row.folder
        append(row)
        number += 1
    span = Span(start, 1, last, len(line_text(last)) + 1)
    return ObservationsTable(start, header.cells, tuple(rows), span), diagnostics


_IDENTITY = tuple(range(len(COLUMNS)))


def _is_delimiter(source: Source, number: int) -> bool:
    if number > source.lines.line_count:
        return False
    return is_delimiter_row(source.line(number))


def is_delimiter_row(line: str) -> bool:
    """Whether a line is a table's delimiter row (``| :--- | ---: |``): cells
    of ``:?-+:?`` between optional outer pipes. Read cell by cell, as the
    pattern ``^\\s*\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?\\s*$`` would, without
    its backtracking on long runs of spaces."""
    if "-" not in line:
        return False
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    cell = _DELIMITER_CELL.fullmatch
    return all(cell(part.strip()) for part in body.split("|"))


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
    so are rows under a header that only leaves columns out
    (:func:`_short_header_map`); otherwise by position, so a misnamed
    header still yields a model.
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
    if names and len(set(names)) == len(names) and set(names) < set(expected):
        return _short_header_map(header, names, line, text, path, diagnostics)
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


def _short_header_map(
    header: SplitRow, names: list[str], line: int, text: str, path: str, diagnostics: list[Diagnostic]
) -> tuple[int | None, ...]:
    """Columns of a header that names some of the five and leaves the others
    out (``Folder | Observation | Label | Science Target``): each named
    column is read from its cell, the others are None.

    Read by position instead, the rows' Label would stand in the Observing
    Template column and their Science Target in the Label's.  Each run of
    missing columns is one finding, at the '|' where they belong (after
    the header's end when they are the last)."""
    expected = list(_KEYS)
    if names != [k for k in expected if k in names]:
        diagnostics.append(
            problems.TABLE_HEADER.diagnostic(
                Span.on_line(line, 1, len(text) + 1), "the columns must be in the order " + " | ".join(COLUMNS), path
            )
        )
    gaps: list[list[int]] = []  # runs of adjacent missing columns
    for index, key in enumerate(expected):
        if key in names:
            continue
        if gaps and gaps[-1][-1] == index - 1:
            gaps[-1].append(index)
        else:
            gaps.append([index])
    for run in gaps:
        following = next((k for k in expected[run[-1] + 1 :] if k in names), None)
        if following is None:
            where = Span.point(line, len(text.rstrip()) + 1)
        else:
            pipe = header.cells[names.index(following)].region.start_column - 1
            where = Span(line, pipe, line, pipe + 1)
        missing = ", ".join(f"'{COLUMNS[i]}'" for i in run)
        diagnostics.append(problems.TABLE_HEADER.diagnostic(where, f"the header lacks the column(s) {missing}", path))
    return tuple(names.index(k) if k in names else None for k in expected)


def _cell_count(cells: tuple[Cell, ...], number: int, line: str, path: str, full: Span) -> Diagnostic:
    """A row with the wrong number of cells that :func:`_align` could not
    read: reported once, covering the row, whose cells are read by position
    and would otherwise be reported column by column (proglint.rootcause)."""
    count = len(cells)
    if count > len(COLUMNS):
        first, last = cells[len(COLUMNS)], cells[-1]
        span = (first.region if first.blank else first.span).cover(last.region if last.blank else last.span)
        return problems.TABLE_ROW_CELLS.diagnostic(
            span,
            f"the row has {count} cells, expected {len(COLUMNS)}: remove the extra cell(s) "
            "or escape a '|' inside a cell as '\\|'",
            path,
            # the five columns are read by position: only the extra cells are this finding's
            covers=(first.region.cover(last.region),),
        )
    return problems.TABLE_ROW_CELLS.diagnostic(
        Span.point(number, len(line.rstrip()) + 1),
        f"the row has {count} cell{'s' if count != 1 else ''}, expected {len(COLUMNS)}: "
        f"missing {', '.join(COLUMNS[count:])}",
        path,
        covers=(full,),
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
    if not (last == "NONE" or _target_close(last) >= 0) or _target_close(cells[-2].value) >= 0:
        return None
    first, final = cells[2], cells[-3]
    start = first.region.start_column
    end = final.region.end_column
    raw = line[start - 1 : end - 1]
    content = raw.strip()
    text_start = start + len(raw) - len(raw.lstrip())
    label = Cell(Text(content, Span(number, text_start, number, text_start + len(content))), Span(number, start, number, end))
    return (cells[0], cells[1], label, cells[-2], cells[-1])


def _closing_pipe(number: int, end: int):
    """`` |`` after the row's last character: the cells read are the same."""
    from ..diagnostic import Edit, Fix

    return Fix("end the row with '|'", (Edit(Span.point(number, end), " |"),))


def _escape_label_pipes(cells: tuple[Cell, ...], line: str, number: int):
    """``\\|`` for each pipe :func:`_realign` reads as part of the Label:
    the pipes between the Label's first and last cells.  Unsafe: the extra
    cell may be a stray one rather than part of the Label.  None when one
    of those pipes is inside an HTML comment (a suppression), which the
    split does not see."""
    from ..diagnostic import UNSAFE, Edit, Fix

    pipes = [cell.region.end_column for cell in cells[2:-3]]  # the column of the '|' closing each inner cell
    if not pipes or any(line[column - 1] != "|" for column in pipes):
        return None
    edits = tuple(Edit(Span(number, column, number, column + 1), "\\|") for column in pipes)
    return Fix("escape the '|' in the Label as '\\|'", edits, UNSAFE)


def _row(cells, columns, number, full, folder_above: Text | None) -> Observation:
    def pick(i: int) -> Cell | None:
        index = columns[i]
        if index is None:  # a column the header leaves out
            return None
        return cells[index] if index < len(cells) else None  # None also where _align found a cell missing

    folder_cell = pick(0)
    if folder_cell is not None and not folder_cell.blank:
        folder, continues = folder_cell.text, False
    else:
        folder, continues = folder_above, True
    target_cell = pick(4)
    return Observation(
        line=number,
        span=full,
        cells=tuple(c for c in cells if c is not None),
        folder_cell=folder_cell,
        number=pick(1),
        label=pick(2),
        template=pick(3),
        target=parse_target(target_cell) if target_cell is not None else None,
        folder=folder,
        continues_folder=continues,
    )


# --------------------------------------------------------------------------
# A row with one cell too few or too many: which cell is missing or extra.

_INSTRUMENTS = ("miri", "nircam", "nirspec", "niriss", "fgs", "wfsc", "station keeping", "realtime commanding")
_CONTRADICTS = -3  # a cell that cannot be in the column (a target in Observation)
_ROLES = ("folder", "number", "label", "template", "target")


def _shape(value: str) -> str:
    """What a cell's text looks like: blank, number, target, template or text."""
    if not value:
        return "blank"
    if value.isdigit():
        return "number"
    if value == "NONE" or _target_close(value) >= 0:
        return "target"
    if value.casefold().startswith(_INSTRUMENTS):
        return "template"
    return "text"


# How well a cell of each shape fits each column: +2 is evidence for the
# reading (a number in Observation), 0 is neutral (any text is a Label),
# -3 a contradiction (a target in Observing Template).  Labels are free text
# and often look like templates ('MIRI Imaging'), so they are neutral there.
_FIT = {
    "folder": {"blank": 0, "number": _CONTRADICTS, "target": _CONTRADICTS, "template": 0, "text": 0},
    "number": {"blank": _CONTRADICTS, "number": 2, "target": _CONTRADICTS, "template": _CONTRADICTS, "text": _CONTRADICTS},
    "label": {"blank": 0, "number": _CONTRADICTS, "target": _CONTRADICTS, "template": 0, "text": 0},
    "template": {"blank": -2, "number": _CONTRADICTS, "target": _CONTRADICTS, "template": 2, "text": -1},
    "target": {"blank": -2, "number": _CONTRADICTS, "target": 2, "template": _CONTRADICTS, "text": -1},
}
# A column left out: Folder and Label may be blank, the others are required.
_MISSING = {"folder": 0, "number": -1, "label": 0, "template": -1, "target": -1}


def _score(readings):
    """(total fit, contradictions) of cells read as the given columns."""
    total = bad = 0
    for role, cell in readings:
        fit = _MISSING[role] if cell is None else _FIT[role][_shape(cell[0][0])]
        total += fit
        bad += fit == _CONTRADICTS
    return total, bad


def _align(cells, header, line: str, number: int, path: str, after_first: bool):
    """Read a row with one cell too few or too many by matching its cells to
    the columns they fit — a number in Observation, a template (a name that
    starts with an instrument) in Observing Template, ``(N) NAME`` in Science
    Target — not by counting: the one column whose absence (or the one cell
    whose removal) makes every cell fit is the slip.

    Returns the five cells (``None`` for the missing one) and the finding,
    at the place to edit, covering the row (its shifted cells would
    otherwise be reported column by column); or None when no single reading
    fits better than every other (the caller then reports the count)."""
    width = len(COLUMNS)
    count = len(cells)
    candidates = []  # (score, bad, the reading's cells, missing column or extra cell index)
    if count == width - 1:
        for gap in range(width):
            reading = list(cells[:gap]) + [None] + list(cells[gap:])
            total, bad = _score(zip(_ROLES, reading))
            candidates.append((total, bad, reading, gap))
    elif count == width + 1:
        for extra in range(count):
            reading = list(cells[:extra]) + list(cells[extra + 1 :])
            total, bad = _score(zip(_ROLES, reading))
            if not cells[extra].blank:
                total -= 1  # a cell with text is less likely to be the stray one
            candidates.append((total, bad, reading, extra))
    else:
        return None
    candidates.sort(key=lambda c: (c[1], -c[0]))
    best = candidates[0]
    if best[1]:
        return None  # no reading where every cell fits
    rivals = [c for c in candidates[1:] if c[1] == 0 and c[0] == best[0] and _values(c[2]) != _values(best[2])]
    if rivals:
        return None  # two readings fit equally well: the caller reports the count
    if count == width + 1 and best[3] == count - 1 and not cells[-1].blank:
        return None  # text after the last column: the caller's count message says it at the extra cell
    full = Span(number, 1, number, len(line) + 1)
    if count == width - 1:
        return best[2], _missing_cell(cells, best[3], header, line, number, path, full, after_first)
    return best[2], _extra_cell(cells, best[3], line, number, path, full)


def _values(reading) -> tuple:
    return tuple(None if c is None else c[0][0] for c in reading)


def _missing_cell(cells, gap: int, header, line: str, number: int, path: str, full: Span, after_first: bool):
    from ..diagnostic import Edit, Fix

    name = COLUMNS[gap]
    width = header[gap].region.end_column - header[gap].region.start_column if gap < len(header) else 3
    if gap < len(cells):
        pipe = cells[gap].region.start_column - 1  # the '|' before the cell that slid into this column
        where = Span(number, pipe, number, pipe + 1)
        edit = Edit(Span.point(number, pipe), "|" + " " * max(width, 1))
        shown = cells[gap].value or "an empty cell"
        slid = f"'{shown}' stands in the {name} column" if cells[gap].value else f"an empty cell stands in the {name} column"
        detail = f"{slid} and every cell after it is one column to the left"
    else:
        end = len(line.rstrip()) + 1
        where = Span.point(number, end)
        edit = Edit(Span.point(number, end), " " * max(width, 1) + "|")
        detail = "the row ends after the " + COLUMNS[gap - 1]
    if gap == 0:
        advice = (
            "a row that continues the folder above starts with an empty Folder cell: '|   | "
            + (cells[0].value or " ")
            + " | ...'"
        )
        if not after_first:
            advice = "start the row with an empty Folder cell (no folder) or the folder's name"
    elif name == "Label":
        advice = "add the Label cell (it may be empty)"
    else:
        advice = f"add the {name} cell"
    fix = None
    if gap == 0 and after_first or name == "Label":
        # An empty Folder cell (continue the folder above) or Label (optional)
        # is a complete row again; a missing number, template or target needs
        # a value only the author knows, so no fix is offered for those.
        fix = Fix(f"insert an empty {name} cell", (edit,))
    return problems.TABLE_ROW_CELLS.diagnostic(
        where,
        f"the row has {len(cells)} cells, expected {len(COLUMNS)}: the {name} cell is missing ({detail}); {advice}",
        path,
        fix=fix,
        covers=(full,),
    )


def _extra_cell(cells, extra: int, line: str, number: int, path: str, full: Span):
    from ..diagnostic import Edit, Fix

    cell = cells[extra]
    after = COLUMNS[extra - 1] if extra >= 1 else None
    place = f"after the {after} cell" if after is not None else "before the Folder cell"
    if extra == len(cells) - 1:
        place = "after the Science Target cell"
    fix = None
    if cell.blank:
        what = "an empty cell " + place + " fits no column"
        region = cell.region
        # the cell and the '|' that closes it
        fix = Fix("remove the empty cell", (Edit(Span(number, region.start_column, number, region.end_column + 1), ""),))
        span = region
    else:
        what = f"the cell '{cell.value}' {place} fits no column"
        span = cell.span
    return problems.TABLE_ROW_CELLS.diagnostic(
        span,
        f"the row has {len(cells)} cells, expected {len(COLUMNS)}: {what}; remove it"
        + ("" if cell.blank else ", or escape a '|' inside a cell as '\\|'"),
        path,
        fix=fix,
        covers=(full,),
    )
