"""The language server's pure parts, in process: position conversion (the
one place 1-based code-point columns become 0-based UTF-16 ones) and the
code actions' edits, applied and re-linted: each suppression must silence
exactly its finding and add nothing, wherever the finding sits."""

from __future__ import annotations

import pytest

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402

from conftest import seed_text  # noqa: E402
from proglint.config import Config, Layer  # noqa: E402
from proglint.diagnostic import Diagnostic, Edit, Severity  # noqa: E402
from proglint.lsp import actions, positions  # noqa: E402
from proglint.parse import parse  # noqa: E402
from proglint.pipeline import active, lint  # noqa: E402
from proglint.source import Source  # noqa: E402
from proglint.span import Span  # noqa: E402

ALL = Config(layers=(Layer(select=("ALL",)),))


# -- positions -------------------------------------------------------------


def test_positions_count_utf16_units():
    text = "a\n| (1) Café | 🔭 label | x |\n"
    lines = Source.from_text("t.txt", text).lines
    # 'x' is column 19 in code points; the emoji takes two UTF-16 units
    line = lines.line_text(2)
    column = line.index("x") + 1
    assert positions.to_position(lines, 2, column) == types.Position(line=1, character=column)
    after_emoji = line.index("label") + 1
    assert positions.to_position(lines, 2, after_emoji).character == after_emoji  # 🔭 is 1 char, 2 units
    assert positions.to_position(lines, 2, line.index("🔭") + 1).character == line.index("🔭")
    assert positions.utf16_length("🔭") == 2 and positions.utf16_length("é") == 1
    # and back, for every column of the line
    for col in range(1, len(line) + 2):
        assert positions.from_position(lines, positions.to_position(lines, 2, col)) == (2, col)


def test_positions_clamp_past_the_end():
    lines = Source.from_text("t.txt", "ab\ncd").lines
    assert positions.to_position(lines, 9, 1) == types.Position(line=1, character=2)
    assert positions.to_position(lines, 1, 99) == types.Position(line=0, character=2)
    assert positions.from_position(lines, types.Position(line=0, character=99)) == (1, 3)
    assert positions.from_position(lines, types.Position(line=7, character=0)) == (2, 3)


def test_positions_inside_a_surrogate_pair_round_up():
    lines = Source.from_text("t.txt", "🔭x").lines
    assert positions.from_position(lines, types.Position(line=0, character=1)) == (1, 2)


# -- actions ---------------------------------------------------------------


def apply(text: str, edits) -> str:
    lines = Source.from_text("t", text).lines
    for edit in sorted(edits, key=lambda e: (e.span.start_line, e.span.start_column), reverse=True):
        start = lines.offset(edit.span.start_line, edit.span.start_column)
        end = lines.offset(edit.span.end_line, edit.span.end_column)
        text = text[:start] + edit.text + text[end:]
    return text


def broken() -> str:
    lines = seed_text().split("\n")
    lines[2] = 'proposal_type: "calibrashun"'  # PL110, front matter
    lines[11] = lines[11].replace("4497", "4498")  # PL120, heading (related: the id)
    lines[18] = lines[18].replace("| Folder   ", "| Folders  ")  # PL009, header row
    lines[21] = lines[21] + " extra |"  # PL011, a row
    lines[22] = lines[22].replace("| 16 ", "| 15 ")  # PL220, a row (related: first use)
    return "\n".join(lines)


def fake(line: int, column: int = 1, code: str = "PL110") -> Diagnostic:
    return Diagnostic(code, "x", Severity.WARNING, "m", Span.point(line, column), "a.txt")


def found(text: str):
    return active(lint(Source.from_text("dir/000_a.txt", text), ALL))


def key(d):
    return (d.code, d.span.start_line, d.message)


def findings_and_documents():
    text = broken()
    document = parse(Source.from_text("dir/000_a.txt", text))
    return text, document, found(text)


def test_the_broken_document_has_findings_everywhere():
    _, _, diagnostics = findings_and_documents()
    codes = {d.code for d in diagnostics}
    assert {"PL110", "PL120", "PL009", "PL011", "PL220", "PL502"} <= codes


@pytest.mark.parametrize("code", ["PL110", "PL120", "PL009", "PL011", "PL220", "PL502"])
def test_suppress_on_this_line_silences_only_that_finding(code):
    text, document, diagnostics = findings_and_documents()
    target = next(d for d in diagnostics if d.code == code)
    edit = actions.suppress_line(document, target)
    assert edit is not None
    after = found(apply(text, [edit]))
    # the line count may not change, so findings keep their lines
    assert {key(d) for d in after} == {key(d) for d in diagnostics} - {key(target)}


@pytest.mark.parametrize("code", ["PL110", "PL011", "PL502"])
def test_suppress_in_this_file(code):
    text, document, diagnostics = findings_and_documents()
    edit = actions.suppress_file(document, code)
    after = found(apply(text, [edit]))
    assert not [d for d in after if d.code == code]
    assert {d.code for d in after} == {d.code for d in diagnostics} - {code}


def test_a_second_code_joins_the_existing_comment():
    text, document, diagnostics = findings_and_documents()
    first = next(d for d in diagnostics if d.code == "PL011")
    text = apply(text, [actions.suppress_line(document, first)])
    document = parse(Source.from_text("dir/000_a.txt", text))
    line = document.source.line(first.span.start_line)
    assert "<!-- proglint-disable-line PL011 --> |" in line
    # a made-up second finding on the same row joins the comment
    second = fake(first.span.start_line, first.span.start_column, "PL999")
    edit = actions.suppress_line(document, second)
    assert "<!-- proglint-disable-line PL011, PL999 -->" in apply(text, [edit])
    assert apply(text, [edit]).count("<!--") == text.count("<!--")


def test_the_rule_fix_is_offered_first_and_fix_all_takes_every_fix():
    text, document, diagnostics = findings_and_documents()
    spelling = [d for d in diagnostics if d.code == "PL502"]
    offered = actions.for_diagnostic(document, spelling[0])
    assert [a.title.split(" ")[0] for a in offered] == ["PL502:", "Suppress", "Suppress"]
    assert offered[0].preferred and offered[0].edits == spelling[0].fix.edits
    every = actions.fix_all(diagnostics)
    assert every is not None and len(every.diagnostics) == len(spelling)
    assert not [d for d in found(apply(text, every.edits)) if d.code == "PL502"]


def test_no_line_comment_where_it_would_change_the_document():
    text = seed_text()
    document = parse(Source.from_text("a.txt", text))
    opening = document.front_matter.opening.start_line
    assert actions.suppress_line(document, fake(opening)) is None
    delimiter = document.table.header_line + 1
    assert actions.suppress_line(document, fake(delimiter)) is None
    # the closing '---' gets a comment line above it, inside the YAML
    closing = document.front_matter.closing.start_line
    edit = actions.suppress_line(document, fake(closing))
    assert edit == Edit(Span.point(closing, 1), "# proglint: disable-next-line PL110\n")


def test_no_line_comment_inside_a_multiline_yaml_string():
    text = seed_text().replace('type: ""', 'type: |\n  first\n  second', 1)
    document = parse(Source.from_text("a.txt", text))
    first = text.split("\n").index("  first") + 1
    assert actions.suppress_line(document, fake(first, 3)) is None
    assert actions.suppress_line(document, fake(first + 1, 3)) is None
    assert actions.suppress_line(document, fake(first - 2, 1)) is not None  # an ordinary key above


def test_suppressions_own_reports_are_not_suppressible():
    text = seed_text().replace("| GD153     | 1 ", "| GD153 <!-- proglint-disable-line PL301 --> | 1 ", 1)
    diagnostics = found(text)
    unused = [d for d in diagnostics if d.code == "PL701"]
    assert unused
    document = parse(Source.from_text("dir/000_a.txt", text))
    # no "Suppress" action; only the comment's own removal (PL701's safe fix)
    offered = actions.for_diagnostic(document, unused[0])
    assert [(a.title, a.preferred) for a in offered] == [("PL701: remove the suppression comment", True)]


def test_an_unsafe_fix_is_offered_but_not_preferred_and_not_in_fix_all():
    text = seed_text("1071.txt").replace("| 2            |", "| 1            |", 1)
    document = parse(Source.from_text("1071.txt", text))
    duplicate = [d for d in found(text) if d.code == "PL220"]
    assert len(duplicate) == 1 and not duplicate[0].fix.safe
    offered = actions.for_diagnostic(document, duplicate[0])
    assert offered[0].title == "PL220: renumber it 11 (unsafe)" and not offered[0].preferred
    assert actions.fix_all(duplicate) is None
