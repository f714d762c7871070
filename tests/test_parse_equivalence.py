"""The linear scanners read exactly what the patterns they replace read.

The parse stage once used regular expressions that backtrack
quadratically on hostile lines (and scans that restarted from every
position); they were rewritten with string methods. Here the old patterns
are kept as the specification, and hypothesis checks on short texts, where
they are fast, that old and new agree on every input.
"""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from proglint.document import Cell
from proglint.parse.body import headings, sections
from proglint.parse.comments import blank_comments, strip_comments
from proglint.parse.table import is_delimiter_row, parse_target, split_row
from proglint.source import Source
from proglint.span import Span, Text
from proglint.suppress import HTML_DIRECTIVE, _html_directives

SETTINGS = settings(max_examples=400, deadline=None)


def texts(*pieces: str, max_size: int = 30):
    return st.lists(st.sampled_from(list(pieces)), max_size=max_size).map("".join)


# -- the old patterns, as they were -------------------------------------------------

OLD_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
OLD_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
OLD_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
OLD_COMMENT = re.compile(r"<!--.*?-->")
OLD_TARGET = re.compile(r"^\((?P<number>[^()]*)\)[ \t]*(?P<name>.*?)$")


def old_heading(line: str):
    match = OLD_ATX.match(line)
    if not match:
        return None
    content = OLD_CLOSING_HASHES.sub("", match.group(2) or "")
    start = match.start(2) + 1 if match.group(2) is not None else len(line) + 1
    return len(match.group(1)), content, start


def old_split_row(line: str, number: int):
    line = OLD_COMMENT.sub(lambda m: " " * len(m.group(0)), line)
    if "\\" in line:
        pipes = [m.start() for m in re.finditer(r"\\.|\|", line) if m.group() == "|"]
    else:
        pipes = [m.start() for m in re.finditer(r"\|", line)]
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
        cells.append(Cell(Text(content, Span(number, text_start, number, text_start + len(content))), Span(number, lo + 1, number, hi + 1)))
    return tuple(cells), opens, closes


def old_sections(found, last_line):
    result = []
    for index, (line, level, text) in enumerate(found):
        if level < 2:
            continue
        end = last_line
        for later_line, later_level, _ in found[index + 1 :]:
            if later_level <= level:
                end = later_line - 1
                break
        result.append((level, text, line, end))
    return result


# -- the tests ------------------------------------------------------------------------

HEADING_LINE = texts(" ", "\t", "#", "##", "a", "b c", "<!-- x -->", "<!--", "-->", "\u00a0", "\u2003")


@SETTINGS
@given(HEADING_LINE)
def test_headings_read_as_the_atx_pattern(line):
    found = headings(Source.from_text("x", line), 1)
    expected = old_heading(blank_comments(line))
    if expected is None:
        assert found == []
    else:
        level, content, start = expected
        assert found == [(1, level, Text(content, Span(1, start, 1, start + len(content))))]


@SETTINGS
@given(st.lists(st.integers(1, 6), max_size=40))
def test_sections_end_where_the_scan_of_later_headings_ended_them(levels):
    found = [(n + 1, level, Text("t", Span(n + 1, 1, n + 1, 2))) for n, level in enumerate(levels)]
    assert [(s.level, s.title, s.line, s.end_line) for s in sections(found, len(levels) + 3)] == old_sections(
        found, len(levels) + 3
    )


@SETTINGS
@given(texts("|", ":", "-", "--", " ", "\t", "x", "\u00a0", "\x0b", "\x1c", max_size=25))
def test_delimiter_rows_read_as_the_pattern(line):
    assert is_delimiter_row(line) == (bool(OLD_DELIMITER.match(line)) and "-" in line)


@SETTINGS
@given(texts("<!--", "-->", "<!-->", "-", "<", "!", ">", " ", "a", "\n"))
def test_comments_found_as_the_lazy_pattern(text):
    assert blank_comments(text) == re.sub(r"<!--.*?-->", lambda m: " " * len(m.group(0)), text, flags=re.DOTALL)
    assert strip_comments(text) == re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)


@SETTINGS
@given(texts("<!--", "-->", " ", "proglint-", "disable", "-line", "-", ">", "PL301", "a", "--", "<!-- proglint-disable"))
def test_directives_found_as_the_directive_pattern(line):
    expected = [(m.start(), m.end(), m.group(1), m.group(2)) for m in HTML_DIRECTIVE.finditer(line)]
    assert list(_html_directives(line)) == expected


@SETTINGS
@given(texts("|", "\\", "\\|", " ", "\t", "a", "é", "(1) X", "<!-- c -->", "<!--", "-->", "\u00a0", max_size=25))
def test_rows_split_as_before(line):
    row = split_row(line, 7)
    assert (row.cells, row.opens, row.closes) == old_split_row(line, 7)


@SETTINGS
@given(texts("(", ")", "1", "x", " ", "\t", "NONE", "\u00a0", max_size=12))
def test_targets_read_as_the_target_pattern(value):
    cell = Cell(Text(value, Span(3, 10, 3, 10 + len(value))), Span(3, 9, 3, 11 + len(value)))
    ref = parse_target(cell)
    match = OLD_TARGET.match(value)
    if match is None:
        assert (ref.number, ref.name) == (None, None)
        return
    assert ref.number == Text(match.group("number"), Span(3, 10 + match.start("number"), 3, 10 + match.end("number")))
    if match.group("name"):
        assert ref.name == Text(match.group("name"), Span(3, 10 + match.start("name"), 3, 10 + match.end("name")))
    else:
        assert ref.name is None


# -- suppressions: a sweep and per-selector stacks, as the plain loops decided --------

DIRECTIVE_LINES = st.sampled_from(
    [
        "<!-- proglint-disable PL011 -->",
        "<!-- proglint-disable PL0 -->",
        "<!-- proglint-disable -->",
        "<!-- proglint-disable PL012, PL011 -->",
        "<!-- proglint-enable PL011 -->",
        "<!-- proglint-enable -->",
        "<!-- proglint-enable PL012 -->",
        "<!-- proglint-disable-line PL011 -->",
        "<!-- proglint-disable-next-line PL012 PL999 -->",
        "<!-- proglint-disable-file PL012 -->",
        "text",
    ]
)


def old_pairing(directive_lines):
    """(first_line, last_line) of each directive, enables paired by scanning
    every open block, as the engine did."""
    from proglint.suppress import KINDS, _split

    last = len(directive_lines)
    found, open_blocks, unmatched = [], [], []
    for number, text in enumerate(directive_lines, 1):
        for m in HTML_DIRECTIVE.finditer(text):
            kind = m.group(1)
            if kind not in KINDS:
                continue
            selectors, _ = _split(m.group(2))
            if kind == "disable-line":
                found.append([kind, selectors, number, number])
            elif kind == "disable-next-line":
                found.append([kind, selectors, number + 1, number + 1])
            elif kind == "disable-file":
                found.append([kind, selectors, 1, last])
            elif kind == "disable":
                block = [kind, selectors, number, last]
                found.append(block)
                open_blocks.append(block)
            else:
                closing = next(
                    (b for b in reversed(open_blocks) if not selectors or set(selectors) & set(b[1]) or not b[1]),
                    None,
                )
                if closing is None:
                    unmatched.append(number)
                else:
                    closing[3] = number
                    open_blocks.remove(closing)
    return found, unmatched


@SETTINGS
@given(
    st.lists(DIRECTIVE_LINES, min_size=1, max_size=25),
    st.lists(st.tuples(st.sampled_from(["PL011", "PL012", "PL013", "PL999"]), st.integers(1, 26)), max_size=25),
)
def test_suppressions_pair_and_apply_as_the_plain_loops(lines, findings):
    from proglint.diagnostic import Diagnostic, Severity
    from proglint.parse import problems as parse_problems
    from proglint.suppress import apply, collect

    source = Source.from_text("x", "\n".join(lines))
    directives, problems = collect(source, range(0))
    expected, unmatched = old_pairing(lines)
    assert [[d.kind, d.selectors, d.first_line, d.last_line] for d in directives] == expected
    assert [p.span.start_line for p in problems if p.code == "PL703"] == unmatched

    infos = {i.code: i for i in parse_problems.ALL}
    found = [Diagnostic(code, "n", Severity.ERROR, "m", Span.point(line, 1), "x") for code, line in findings]
    marked = apply(found, directives, infos)[: len(found)]
    for diagnostic, result in zip(found, marked):
        info = infos.get(diagnostic.code)
        line = diagnostic.span.start_line
        first = next(
            (d for d in directives if d.first_line <= line <= d.last_line and d.matches(info, diagnostic.code) is not None),
            None,
        )
        assert (result.suppression is None) == (first is None)
        if first is not None:
            assert result.suppression.span == first.span
