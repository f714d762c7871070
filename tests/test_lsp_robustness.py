"""``proglint lsp`` against a broken or hostile client, over real stdio with
raw JSON-RPC framing: malformed messages, params that do not fit, edits
outside the document, a burst of 1,000 edits, a 10 MB document and
requests after shutdown.  After each, the server has answered as JSON-RPC
and the protocol say (or, for a notification, said nothing back), and it
still serves: a following request is answered and a document is linted.
Timeouts are generous and only there to turn a hang into a failure."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from conftest import ROOT, seed_text
from test_lsp_protocol import TIMEOUT, RawClient

pytest.importorskip("pygls")

from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402

from proglint.lsp import convert  # noqa: E402
from proglint.lsp.workspace import Buffer, Workspace  # noqa: E402

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate_document  # noqa: E402

BROKEN = seed_text().replace('"calibration"', '"calibrashun"')  # one PL110, on line 3
ALIVE = BROKEN.replace("4497", "7777")  # another program: no duplicate id beside BROKEN
GiB = 1024 ** 3


@pytest.fixture
def server(tmp_path):
    client = RawClient()
    client.initialize(tmp_path)
    yield client
    client.close()


def answered(server: RawClient) -> None:
    """A request made now is answered (hover over a document not open: null)."""
    request = server.request("textDocument/hover", {
        "textDocument": {"uri": "file:///nowhere/x.txt"}, "position": {"line": 0, "character": 0},
    })
    reply = server.response(request)
    assert reply == {"jsonrpc": "2.0", "id": request, "result": None}


def lints(server: RawClient, folder: Path) -> None:
    """A document opened now is linted and its findings published."""
    uri = (folder / "alive.txt").as_uri()
    open_document(server, uri, ALIVE)
    published = published_for(server, uri, 1)
    assert [d["code"] for d in published["params"]["diagnostics"]] == ["PL110"]


def still_serving(server: RawClient, folder: Path) -> None:
    answered(server)
    lints(server, folder)
    assert server.process.poll() is None


def open_document(server: RawClient, uri: str, text: str, version: int = 1) -> None:
    server.notify("textDocument/didOpen", {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text},
    })


def published_for(server: RawClient, uri: str, version: int, timeout: float = TIMEOUT) -> dict:
    return server.wait(
        lambda m: m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri and m["params"].get("version") == version,
        timeout,
    )


def error_reply(server: RawClient) -> dict:
    return server.wait(lambda m: "error" in m and "method" not in m)


def fresh_diagnostics(folder: Path, path: Path, text: str) -> list[dict]:
    """The LSP diagnostics of ``text`` linted afresh, in process, as JSON."""
    space = Workspace()
    space.folders = [folder]
    buffer = Buffer(path.as_uri(), path, text, 1, 1)
    (outcome,) = space.lint([buffer], {path: buffer})
    converter = default_converter()
    return [converter.unstructure(convert.to_lsp(d, outcome.source, path.as_uri())) for d in outcome.diagnostics]


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in bytes."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) * 1024
    return found


# -- malformed JSON-RPC --------------------------------------------------------

# (body, the error code, the id it is answered to)
MALFORMED = {
    "not JSON": (b'{"jsonrpc": "2.0", "id": 7, "method": ', -32700, None),
    "not UTF-8": (b'{"jsonrpc": "2.0", "id": 7, "method": "\xff\xfe"}', -32700, None),
    "an array (a batch)": (b'[{"jsonrpc": "2.0", "id": 7, "method": "shutdown"}]', -32600, None),
    "a string": (b'"hello"', -32600, None),
    "a number": (b"42", -32600, None),
    "null": (b"null", -32600, None),
    "no jsonrpc member": (b'{"id": 7, "method": "shutdown"}', -32600, 7),
    "jsonrpc 1.0": (b'{"jsonrpc": "1.0", "id": 7, "method": "shutdown"}', -32600, 7),
    "a request without method": (b'{"jsonrpc": "2.0", "id": 7, "params": {}}', -32600, 7),
    "method not a string": (b'{"jsonrpc": "2.0", "id": 7, "method": 5, "params": {}}', -32600, 7),
    "id an object": (b'{"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}', -32600, None),
    "id a boolean": (b'{"jsonrpc": "2.0", "id": true, "method": "shutdown"}', -32600, None),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_message_is_answered_and_the_server_goes_on(server, tmp_path, name):
    body, code, answer_to = MALFORMED[name]
    server.raw(body)
    reply = error_reply(server)
    assert reply["id"] == answer_to and reply["error"]["code"] == code, reply
    still_serving(server, tmp_path)


def test_a_content_length_shorter_than_the_body(server, tmp_path):
    body = b'{"jsonrpc": "2.0", "id": 7, "method": "shutdown"}'
    server.process.stdin.write(b"Content-Length: 10\r\n\r\n" + body)
    server.process.stdin.flush()
    assert error_reply(server)["error"]["code"] == -32700  # the first 10 bytes are not JSON
    # the leftover runs into the next header; the next message is still read
    still_serving(server, tmp_path)


def test_a_content_length_longer_than_the_body(server, tmp_path):
    server.process.stdin.write(b'Content-Length: 60\r\n\r\n{"jsonrpc": "2.0", "method": "initialized", "params": {}}')
    server.notify("$/proglint/filler", {})  # its first bytes complete the body above
    assert error_reply(server)["error"]["code"] == -32700
    still_serving(server, tmp_path)


@pytest.mark.parametrize("header", [
    b"Content-Length: abc\r\n", b"Content-Length: -5\r\n", b"Content-Length:\r\n",
    b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n",  # no length at all
])
def test_a_header_without_a_usable_length(server, tmp_path, header):
    server.process.stdin.write(header + b"\r\n" + b'{"jsonrpc": "2.0", "id": 7, "method": "shutdown"}')
    server.process.stdin.flush()
    reply = error_reply(server)
    assert reply["id"] is None and reply["error"]["code"] == -32700
    still_serving(server, tmp_path)


def test_headers_are_read_as_the_base_protocol_allows(server, tmp_path):
    body = json.dumps({"jsonrpc": "2.0", "id": 70, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///nowhere/x.txt"}, "position": {"line": 0, "character": 0}}}).encode()
    header = b"content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: %d\r\n\r\n" % len(body)
    server.process.stdin.write(b"\r\n" + header + body)  # a stray empty line first, lower-case names
    server.process.stdin.flush()
    assert server.response(70) == {"jsonrpc": "2.0", "id": 70, "result": None}
    still_serving(server, tmp_path)


def test_a_huge_content_length_is_refused_not_allocated(server):
    server.process.stdin.write(b"Content-Length: 999999999999999\r\n\r\n")
    server.process.stdin.flush()
    reply = error_reply(server)
    assert reply["id"] is None and reply["error"]["code"] == -32600
    assert memory(server.process.pid)["VmHWM"] < GiB
    server.process.stdin.close()  # what follows would be skipped: the editor gives up
    assert server.process.wait(TIMEOUT) == 1


def test_unknown_requests_are_method_not_found_unknown_notifications_are_ignored(server, tmp_path):
    for method in ("proglint/noSuchMethod", "$/proglint/noSuchMethod"):
        request = server.request(method, {})
        reply = server.response(request)
        assert reply["error"]["code"] == -32601 and reply["id"] == request
    before = len(server.seen)
    for method in ("proglint/noSuchNotification", "$/proglint/noSuchNotification", "$/cancelRequest"):
        server.notify(method, {"id": 12345})
    answered(server)  # nothing came back for the notifications before this answer
    assert not [m for m in server.seen[before:] if "error" in m or m.get("method") == "window/logMessage"]
    still_serving(server, tmp_path)


# -- params that do not fit ---------------------------------------------------


def test_a_request_with_bad_params_is_invalid_params(server, tmp_path):
    uri = (tmp_path / "000_a.txt").as_uri()
    open_document(server, uri, BROKEN)
    published_for(server, uri, 1)
    bad = [
        ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}}),
        ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": -4}}),
        ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": "two", "character": 0}}),
        ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": None, "character": 0}}),
        ("textDocument/hover", {"textDocument": {"uri": uri}}),
        ("textDocument/hover", "not an object"),
        ("textDocument/codeAction", {"textDocument": {"uri": uri}, "context": {"diagnostics": []},
                                     "range": {"start": {"line": -3, "character": 0}, "end": {"line": 1, "character": 0}}}),
        ("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": "everything", "context": {"diagnostics": []}}),
    ]
    for method, params in bad:
        request = server.request(method, params)
        reply = server.response(request)
        assert reply["error"]["code"] == -32602, (params, reply)
        assert method in reply["error"]["message"]
    still_serving(server, tmp_path)


@pytest.mark.parametrize("params", [
    {},  # no textDocument
    None,
    {"textDocument": {"uri": "file:///x.txt", "languageId": "markdown", "version": 1}},  # no text
    {"textDocument": {"uri": "file:///x.txt", "languageId": "markdown", "version": "one", "text": "x"}},
])
def test_a_did_open_that_does_not_fit_is_logged_and_not_answered(server, tmp_path, params):
    server.notify("textDocument/didOpen", params)
    logged = server.wait(lambda m: m.get("method") == "window/logMessage")
    assert "textDocument/didOpen" in logged["params"]["message"]
    assert logged["params"]["type"] == types.MessageType.Warning
    answered(server)
    assert not [m for m in server.seen if "error" in m]  # a notification gets no response
    still_serving(server, tmp_path)


@pytest.mark.parametrize("changes", [
    "not a list",
    [42],
    [{"range": {"start": {"line": -1, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}],
    [{"range": {"start": {"line": 0, "character": "one"}, "end": {"line": 0, "character": 0}}, "text": "x"}],
])
def test_a_did_change_that_does_not_fit_is_logged_and_leaves_the_buffer_alone(server, tmp_path, changes):
    uri = (tmp_path / "000_a.txt").as_uri()
    open_document(server, uri, BROKEN)
    first = published_for(server, uri, 1)
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": changes})
    logged = server.wait(lambda m: m.get("method") == "window/logMessage")
    assert "textDocument/didChange" in logged["params"]["message"]
    # the buffer still holds version 1: a code action request lints it as it was
    request = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": first["params"]["diagnostics"][0]["range"],
        "context": {"diagnostics": first["params"]["diagnostics"]},
    })
    assert [a["title"] for a in server.response(request)["result"]]
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": seed_text()}]})
    assert published_for(server, uri, 3)["params"]["diagnostics"] == []
    still_serving(server, tmp_path)


def test_a_change_to_a_document_that_is_not_open_is_ignored(server, tmp_path):
    uri = (tmp_path / "000_never_opened.txt").as_uri()
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": BROKEN}]})
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    answered(server)
    assert not [m for m in server.seen if "error" in m or m.get("method") == "window/logMessage"]
    still_serving(server, tmp_path)


# -- edits outside the document ---------------------------------------------------


def _ranged(start: tuple[int, int], end: tuple[int, int], text: str) -> dict:
    return {"range": {"start": {"line": start[0], "character": start[1]}, "end": {"line": end[0], "character": end[1]}},
            "text": text}


def _offset(text: str, line: int, character: int) -> int:
    """Where an LSP position falls in ``text`` (ASCII here), clamped as the
    protocol's reference implementation clamps it."""
    lines = text.split("\n")
    if line >= len(lines):
        return len(text)
    return sum(len(t) + 1 for t in lines[:line]) + min(character, len(lines[line]))


def _apply(text: str, change: dict) -> str:
    r = change["range"]
    a = _offset(text, r["start"]["line"], r["start"]["character"])
    b = _offset(text, r["end"]["line"], r["end"]["character"])
    a, b = min(a, b), max(a, b)
    return text[:a] + change["text"] + text[b:]


OUT_OF_RANGE = {
    "a range past the end of the document": _ranged((9999, 0), (9999, 5), "\n<!-- appended -->\n"),
    "a line beyond the last, to the end": _ranged((40, 0), (10**6, 10**6), ""),
    "characters past the end of a line": _ranged((2, 500), (3, 900), "\n"),
    "start after end": _ranged((5, 0), (2, 0), ""),
    "start after end on one line": _ranged((2, 20), (2, 16), "calibration"),
}


@pytest.mark.parametrize("name", list(OUT_OF_RANGE))
def test_an_edit_outside_the_document_is_clamped_as_the_reference_client_library_does(server, tmp_path, name):
    change = OUT_OF_RANGE[name]
    path = tmp_path / "000_a.txt"
    open_document(server, path.as_uri(), BROKEN)
    published_for(server, path.as_uri(), 1)
    server.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": 2}, "contentChanges": [change]})
    published = published_for(server, path.as_uri(), 2)
    expected = _apply(BROKEN, change)
    assert published["params"]["diagnostics"] == fresh_diagnostics(tmp_path, path, expected)
    still_serving(server, tmp_path)


def test_start_after_end_does_not_duplicate_text(server, tmp_path):
    path = tmp_path / "000_a.txt"
    open_document(server, path.as_uri(), BROKEN)
    published_for(server, path.as_uri(), 1)
    # lines 3..5 swapped around: deleting them must not copy them
    server.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": 2},
                                             "contentChanges": [_ranged((5, 0), (2, 0), "")]})
    codes = [d["code"] for d in published_for(server, path.as_uri(), 2)["params"]["diagnostics"]]
    assert "PL110" not in codes and "PL101" not in codes  # line 3 went; nothing was duplicated


# -- a burst of edits ------------------------------------------------------------


def test_a_thousand_rapid_edits_end_with_the_diagnostics_of_the_final_text(server, tmp_path):
    rng = random.Random(11)
    path = tmp_path / "000_a.txt"
    text = generate_document(rng, 60, program_id=4321)
    open_document(server, path.as_uri(), text)
    published_for(server, path.as_uri(), 1)
    alphabet = "| 0123456789abcNIRCam-\n"
    for version in range(2, 1002):
        lines = text.split("\n")
        # keystrokes in the table: the front matter and heading stay, so the
        # buffer stays a program document (recognise.py) and is linted throughout
        rows = [i for i, l in enumerate(lines) if l.startswith("|")] or [len(lines) - 1]
        line = rng.choice(rows)
        column = rng.randint(0, len(lines[line]))
        if rng.random() < 0.3 and column < len(lines[line]):
            change = _ranged((line, column), (line, column + 1), "")  # a deletion
        else:
            change = _ranged((line, column), (line, column), rng.choice(alphabet))
        if version % 5 == 0:
            text = _apply(text, change)
            change = {"text": text}  # a full-text change now and then
        else:
            text = _apply(text, change)
        server.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": version}, "contentChanges": [change]})
    final = published_for(server, path.as_uri(), 1001, timeout=120)
    assert final["params"]["diagnostics"] == fresh_diagnostics(tmp_path, path, text)
    assert memory(server.process.pid)["VmHWM"] < GiB
    still_serving(server, tmp_path)


# -- a 10 MB document ------------------------------------------------------------


def test_a_ten_megabyte_document_is_opened_edited_and_closed_in_bounded_memory(server, tmp_path):
    prose = "The flux calibration uses hot white dwarfs observed with every instrument mode.\n"
    text = BROKEN.rstrip("\n") + "\n\n" + prose * (10_000_000 // len(prose))
    assert len(text.encode()) >= 10_000_000
    path = tmp_path / "000_big.txt"
    uri = path.as_uri()
    open_document(server, uri, text)
    assert [d["code"] for d in published_for(server, uri, 1, timeout=300)["params"]["diagnostics"]] == ["PL110"]
    # a keystroke in the front matter (fixing the finding), then one in the prose
    fixed = text.replace('"calibrashun"', '"calibration"', 1)
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]})
    assert published_for(server, uri, 2, timeout=300)["params"]["diagnostics"] == []
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
        _ranged((70_000, 4), (70_000, 4), "very ")]})
    assert published_for(server, uri, 3, timeout=300)["params"]["diagnostics"] == []
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    cleared = server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
    assert cleared["params"]["diagnostics"] == []
    used = memory(server.process.pid)
    assert used["VmHWM"] < GiB, used
    still_serving(server, tmp_path)


# -- after shutdown ----------------------------------------------------------------


def test_requests_after_shutdown_are_invalid_requests_and_exit_then_ends_with_0(server, tmp_path):
    uri = (tmp_path / "000_a.txt").as_uri()
    reply = server.response(server.request("shutdown", None))
    assert reply == {"jsonrpc": "2.0", "id": reply["id"], "result": None}
    for method, params in [
        ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
        ("shutdown", None),
        ("proglint/noSuchMethod", {}),
    ]:
        request = server.request(method, params)
        reply = server.response(request)
        assert reply["id"] == request and reply["error"]["code"] == -32600, reply
    open_document(server, uri, BROKEN)  # a notification after shutdown: ignored
    server.notify("exit", None)
    assert server.process.wait(TIMEOUT) == 0
    assert not [m for m in server.seen if m.get("method") == "textDocument/publishDiagnostics"]
