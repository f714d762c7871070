"""``proglint lsp`` at the JSON-RPC level, with raw bytes over real stdio:
what an editor's broken plugin (or a fuzzer) may send must get the errors
JSON-RPC prescribes and never stop the server; shutdown and exit behave as
the protocol says.  Also: the plain CLI never imports the LSP framework."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT, seed_text

pytest.importorskip("pygls")

TIMEOUT = 60.0  # a guard against a hang, not a speed requirement


class RawClient:
    """The smallest JSON-RPC client: Content-Length framing, nothing else."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "proglint", "lsp"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT,
        )
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        self.seen: list[dict] = []  # every message wait() went through, in order
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def raw(self, body: bytes) -> None:
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def send(self, message: dict) -> None:
        self.raw(json.dumps(message).encode("utf-8"))

    def request(self, method: str, params) -> int:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method: str, params) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, predicate, timeout: float = TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError("timed out waiting for the server")
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if message is None:
                raise AssertionError("the server closed its output")
            self.seen.append(message)
            if predicate(message):
                return message

    def response(self, request_id: int) -> dict:
        return self.wait(lambda m: m.get("id") == request_id and "method" not in m)

    def initialize(self, root) -> None:
        self.response(self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}))
        self.notify("initialized", {})

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)


@pytest.fixture
def server(tmp_path):
    client = RawClient()
    client.initialize(tmp_path)
    yield client
    client.close()


def serving(server: RawClient, tmp_path) -> None:
    """The server still answers and still lints."""
    path = tmp_path / "000_a.txt"
    text = seed_text().replace('"calibration"', '"calibrashun"')
    server.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "markdown", "version": 1, "text": text}})
    published = server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert [d["code"] for d in published["params"]["diagnostics"]] == ["PL110"]


def test_unknown_method_is_method_not_found(server, tmp_path):
    reply = server.response(server.request("proglint/noSuchMethod", {}))
    assert reply["error"]["code"] == -32601
    server.notify("proglint/noSuchNotification", {})  # ignored, as the spec says
    serving(server, tmp_path)


def test_bad_params_are_invalid_params_with_the_request_id(server, tmp_path):
    request = server.request("textDocument/hover", {"textDocument": 42})
    reply = server.response(request)
    assert reply["error"]["code"] == -32602 and "textDocument/hover" in reply["error"]["message"]
    serving(server, tmp_path)


def test_a_body_that_is_not_json_is_a_parse_error(server, tmp_path):
    server.raw(b'{"jsonrpc": "2.0", "id": 7, "method": ')
    reply = server.wait(lambda m: "error" in m)
    assert reply == {"jsonrpc": "2.0", "id": None, "error": reply["error"]}
    assert reply["error"]["code"] == -32700
    serving(server, tmp_path)


def test_json_that_is_not_a_message_is_an_invalid_request(server, tmp_path):
    server.raw(b"[1, 2, 3]")
    reply = server.wait(lambda m: "error" in m)
    assert reply["id"] is None and reply["error"]["code"] == -32600
    serving(server, tmp_path)


def test_shutdown_then_exit_ends_with_status_0(server):
    reply = server.response(server.request("shutdown", None))
    assert "error" not in reply and reply["result"] is None
    server.notify("exit", None)
    assert server.process.wait(TIMEOUT) == 0


def test_exit_without_shutdown_ends_with_status_1(server):
    server.notify("exit", None)
    assert server.process.wait(TIMEOUT) == 1


def test_the_server_ends_when_the_editor_goes_away(server):
    server.process.stdin.close()
    assert server.process.wait(TIMEOUT) == 1  # no shutdown first: as an exit without shutdown


# -- start-up cost of the plain CLI ------------------------------------------------


def test_the_cli_does_not_import_the_lsp_framework():
    code = (
        "import sys, proglint.cli\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs') or m.startswith('proglint.lsp'))\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_version_and_a_lint_do_not_import_the_lsp_framework(tmp_path):
    (tmp_path / "000_a.txt").write_text(seed_text(), encoding="utf-8")
    for args in (["--version"], [str(tmp_path)]):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "proglint", *args], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")]
        assert not [m for m in imported if m.split(".")[0] in ("pygls", "lsprotocol")], args
