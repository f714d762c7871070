"""publishDiagnostics as the server writes it: put together from the kept
JSON of each diagnostic (lsp.incremental.LspCache.json), it is the message
pygls would write for the same diagnostics, framed the same way, after any
edits; an unchanged diagnostic's JSON is not written again."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402

from proglint.lsp.server import build  # noqa: E402
from proglint.lsp.workspace import Buffer  # noqa: E402

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate_document  # noqa: E402

BASE = generate_document(random.Random(1), 30)


class Capture:
    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> None:
        self.data += data

    def close(self) -> None:
        pass


def messages(data: bytes) -> list[dict]:
    """The JSON-RPC messages in what was written, checking each frame's
    Content-Length against its body."""
    found = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        fields = dict(line.split(": ", 1) for line in head.decode("ascii").split("\r\n"))
        length = int(fields["Content-Length"])
        assert fields["Content-Type"] == "application/vscode-jsonrpc; charset=utf-8"
        body, data = rest[:length], rest[length:]
        found.append(json.loads(body))
    return found


class Editor:
    def __init__(self, folder: Path) -> None:
        self.server = build()
        self.capture = Capture()
        self.server.protocol.set_writer(self.capture)
        self.server.space.folders = [folder]
        self.path = folder / "doc.txt"
        self.path.write_text(BASE, encoding="utf-8")
        self.revision = 0

    def edit(self, text: str, version: int | None = 1) -> tuple[dict, dict]:
        """(what the server wrote, what pygls writes for the same diagnostics)."""
        self.revision += 1
        uri = self.path.as_uri()
        buffer = Buffer(uri, self.path, text, self.revision, version)
        self.server.buffers[uri] = buffer
        self.capture.data = b""
        self.server._publish(self.revision, self.server._lint_outcomes([buffer], {self.path: buffer}))
        (written,) = messages(self.capture.data)
        protocol = self.server.protocol
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=[p[0] for p in self.server.published[uri].pairs], version=version)
        self.capture.data = b""
        protocol.notify(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)
        (expected,) = messages(self.capture.data)
        return written, expected


def test_the_message_is_the_one_pygls_writes(tmp_path: Path):
    editor = Editor(tmp_path)
    written, expected = editor.edit(BASE.replace("| 3 ", "| 2 ", 1) + "\n| x | 1 | A | B é😀 | NONE |\n")
    assert written == expected
    (duplicate,) = written["params"]["diagnostics"]  # the duplicated number, with where it is first used
    assert duplicate["code"] == "PL220" and len(duplicate["relatedInformation"]) == 1
    written, expected = editor.edit("", version=None)  # no diagnostics, no version
    assert written == expected == {"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                                   "params": {"uri": editor.path.as_uri(), "diagnostics": []}}


def test_an_unchanged_diagnostic_is_not_serialised_again(tmp_path: Path, monkeypatch):
    editor = Editor(tmp_path)
    text = BASE.replace("| 3 ", "| 2 ", 1)
    editor.edit(text)
    dumped = []
    original = json.dumps

    def counting(value, *args, **kwargs):
        if isinstance(value, dict) and "range" in value:
            dumped.append(value["code"])
        return original(value, *args, **kwargs)

    monkeypatch.setattr("proglint.lsp.server.json.dumps", counting)
    written, expected = editor.edit(text + " ")  # a keystroke at the end: no diagnostic moves
    assert written == expected and written["params"]["diagnostics"]
    assert dumped == []


LINES = BASE.split("\n")


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(LINES) - 1), st.sampled_from(["| 2 ", "x", "😀", "\n", "", "NONE"])), min_size=1, max_size=6))
def test_after_any_edits_the_message_is_the_one_pygls_writes(tmp_path_factory, edits):
    editor = Editor(tmp_path_factory.mktemp("publish"))
    lines = list(LINES)
    editor.edit(BASE)
    for line, typed in edits:
        lines[line] = lines[line][:3] + typed + lines[line][3:] if typed else ""
        written, expected = editor.edit("\n".join(lines))
        assert written == expected
