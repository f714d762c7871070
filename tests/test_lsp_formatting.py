"""``proglint lsp`` formats and fixes, over real stdio (the raw JSON-RPC
client of test_lsp_protocol): ``textDocument/formatting`` gives the text
``proglint format`` writes, ``rangeFormatting`` only the parts the range
touches, non-documents get no edits; every fix is a code action (safe ones
preferred, unsafe ones marked and never preferred) and
``source.fixAll.proglint`` applies the safe ones only — the text ``--fix``
writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, seed_text

pytest.importorskip("pygls")

from test_lsp_protocol import RawClient  # noqa: E402

EXAMPLE = (ROOT / "examples" / "fixing" / "1071.txt").read_text(encoding="utf-8")
# a non-ASCII title, so that the edits' UTF-16 columns matter
TEXT = EXAMPLE.replace("Alignment", "Alignment — café", 1)
COMPACT = "| | 5 | FGS-1, GS#5 | NIRCam Imaging | (1) LMC-ASTROMETRIC |"  # line 25
PADDED = "|            | 5            | FGS-1, GS#5  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"


@pytest.fixture
def server(tmp_path):
    client = RawClient()
    client.initialize(tmp_path)
    yield client
    client.close()


def open_doc(server: RawClient, path: Path, text: str) -> str:
    uri = path.as_uri()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    return uri


def apply(text: str, edits: list[dict]) -> str:
    """Apply LSP edits as a client does, counting UTF-16 units here."""
    lines = text.split("\n")

    def offset(position: dict) -> int:
        before = sum(len(line) + 1 for line in lines[: position["line"]])
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        units = 0
        for index, ch in enumerate(line):
            if units >= position["character"]:
                return before + index
            units += len(ch.encode("utf-16-le")) // 2
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True):
        text = text[: offset(edit["range"]["start"])] + edit["newText"] + text[offset(edit["range"]["end"]) :]
        lines = text.split("\n")
    return text


def cli_format(tmp_path: Path, text: str) -> str:
    folder = tmp_path / "cli"
    folder.mkdir(exist_ok=True)
    (folder / "1071.txt").write_text(text, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "proglint", "format", "1071.txt"], cwd=folder, capture_output=True, check=True)
    return (folder / "1071.txt").read_text(encoding="utf-8")


def formatting(server: RawClient, uri: str, range_: dict | None = None):
    options = {"tabSize": 4, "insertSpaces": True}
    if range_ is None:
        request = server.request("textDocument/formatting", {"textDocument": {"uri": uri}, "options": options})
    else:
        request = server.request("textDocument/rangeFormatting", {"textDocument": {"uri": uri}, "range": range_, "options": options})
    reply = server.response(request)
    assert "error" not in reply, reply
    return reply["result"]


def lines(first: int, last: int) -> dict:
    """0-based lines first..last, whole."""
    return {"start": {"line": first, "character": 0}, "end": {"line": last + 1, "character": 0}}


def test_formatting_gives_what_proglint_format_writes(server, tmp_path):
    uri = open_doc(server, tmp_path / "1071.txt", TEXT)
    edits = formatting(server, uri)
    expected = cli_format(tmp_path, TEXT)
    assert expected != TEXT and PADDED in expected.split("\n")
    assert apply(TEXT, edits) == expected
    # the canonical text formats to itself
    open_doc(server, tmp_path / "1071.txt", expected)
    assert formatting(server, uri) == []


def test_range_formatting_formats_the_table_the_range_touches(server, tmp_path):
    uri = open_doc(server, tmp_path / "1071.txt", TEXT)
    assert TEXT.split("\n")[24] == COMPACT
    edits = formatting(server, uri, lines(24, 24))
    assert apply(TEXT, edits) == TEXT.replace(COMPACT, PADDED)  # the front matter stays as written


def test_range_formatting_formats_the_front_matter_the_range_touches(server, tmp_path):
    uri = open_doc(server, tmp_path / "1071.txt", TEXT)
    edits = formatting(server, uri, lines(2, 2))
    after = apply(TEXT, edits)
    assert after.split("\n")[:12] == cli_format(tmp_path, TEXT).split("\n")[:12]  # id first, the unknown key last
    assert after.split("\n")[12:] == TEXT.split("\n")[12:]  # the table keeps its compact row
    assert COMPACT in after


def test_range_formatting_outside_the_parts_touches_only_its_lines(server, tmp_path):
    text = TEXT.replace("## ABSTRACT", "## ABSTRACT   ").replace("## OBSERVING DESCRIPTION", "## OBSERVING DESCRIPTION  ")
    uri = open_doc(server, tmp_path / "1071.txt", text)
    number = text.split("\n").index("## ABSTRACT   ")
    assert apply(text, formatting(server, uri, lines(number, number))) == text.replace("## ABSTRACT   ", "## ABSTRACT")


def test_a_buffer_that_is_not_a_program_document_gets_no_edits(server, tmp_path):
    uri = open_doc(server, tmp_path / "README.md", "# Notes   \n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\n")
    assert formatting(server, uri) == []
    assert formatting(server, uri, lines(0, 4)) == []


def test_a_table_the_parser_could_not_read_is_left_as_written(server, tmp_path):
    broken = "|            | 3            | FGS-1, GS#2  |"  # row 23 lost two cells
    text = TEXT.replace(TEXT.split("\n")[22], broken) + "\n\n\n"
    uri = open_doc(server, tmp_path / "1071.txt", text)
    after = apply(text, formatting(server, uri))
    assert after.split("\n")[18:32] == text.split("\n")[18:32]  # the table, compact row and all
    assert after.split("\n")[2] == "cycle: \"0\""  # the front matter is formatted
    assert after.endswith("parallel.\n")  # one final newline
    assert after == cli_format(tmp_path, text)


# -- code actions -------------------------------------------------------------------


def published(server: RawClient, uri: str) -> list[dict]:
    return server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)["params"]["diagnostics"]


def test_every_fix_is_a_code_action_and_fix_all_applies_the_safe_ones(server, tmp_path):
    uri = open_doc(server, tmp_path / "1071.txt", EXAMPLE)
    diagnostics = published(server, uri)
    assert [(d["code"], d["range"]["start"]["line"]) for d in diagnostics] == [("PL101", 2), ("PL220", 22), ("PL701", 35)]
    whole = {"start": {"line": 0, "character": 0}, "end": {"line": 42, "character": 0}}
    reply = server.response(server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": diagnostics},
    }))
    offered = reply["result"]
    fixes = [a for a in offered if a["kind"] == "quickfix" and not a["title"].startswith("Suppress")]
    assert [(a["title"], a.get("isPreferred", False)) for a in fixes] == [
        ("PL101: rename 'proposal_typ' to 'proposal_type' (unsafe)", False),
        ("PL220: renumber it 11 (unsafe)", False),
        ("PL701: remove the suppression comment", True),
    ]
    [every] = [a for a in offered if a["kind"] == "source.fixAll.proglint"]
    assert every["title"] == "Fix all auto-fixable proglint problems (1)"
    fixed = apply(EXAMPLE, every["edit"]["changes"][uri])
    # what --fix writes (safe fixes only)
    folder = tmp_path / "cli"
    folder.mkdir()
    (folder / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "proglint", "1071.txt", "--fix", "--no-cache"], cwd=folder, capture_output=True)
    assert fixed == (folder / "1071.txt").read_text(encoding="utf-8") != EXAMPLE
    # the unsafe action, applied, renumbers the duplicate
    unsafe = apply(EXAMPLE, fixes[1]["edit"]["changes"][uri])
    assert unsafe.split("\n")[22] == "|            | 11            | FGS-1, GS#3  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"
    assert seed_text("1071.txt").split("\n")[22] != unsafe.split("\n")[22]


def test_fix_all_leaves_out_a_fix_into_text_the_parser_could_not_read():
    """In process: as --fix, the editor's fix-all skips an ambiguous fix."""
    from proglint.diagnostic import Diagnostic, Edit, Fix, Severity
    from proglint.lsp import actions
    from proglint.span import Span

    row = Span(5, 1, 5, 40)
    problem = Diagnostic("PL011", "table-row-cells", Severity.ERROR, "m", Span.point(5, 40), "a.txt", covers=(row,))
    into_row = Diagnostic("TM900", "x", Severity.WARNING, "m", Span.point(2, 1), "a.txt",
                          fix=Fix("upper", (Edit(Span(5, 3, 5, 6), "ABC"),)))
    elsewhere = Diagnostic("TM901", "y", Severity.WARNING, "m", Span.point(8, 1), "a.txt",
                           fix=Fix("lower", (Edit(Span(8, 3, 8, 6), "abc"),)))
    every = actions.fix_all([problem, into_row, elsewhere])
    assert every is not None and every.diagnostics == (elsewhere,)
    assert actions.fix_all([problem, into_row]) is None
    assert actions.fix_all([into_row, elsewhere]).diagnostics == (into_row, elsewhere)  # no parse problem: both
