"""How long an editor waits for proglint's diagnostics after a keystroke.

Starts ``proglint lsp`` over stdio with a minimal JSON-RPC client (Content-
Length framing, nothing else), opens one document in a workspace folder of
its own, then sends ``textDocument/didChange`` (full text, alternating
between two versions of the document) and measures the time until the
``textDocument/publishDiagnostics`` carrying that version arrives.  Printed:
the median (and min/max) over ``--repeat`` changes, for a generated
1,000-row document and for the seed ``seeds/000_223d96fec14c6a4f.txt``.

The figure includes the server's debounce delay (200 ms by default: a burst
of keystrokes is linted once, 200 ms after the last one), so it is what a
user sees after they stop typing.  The same run is repeated with the
debounce set to 0 (``initializationOptions: {"debounceMs": 0}``) to show the
work itself: reading the change, parsing, checking, converting positions and
writing the notification.

    .venv/bin/python benchmarks/lsp_latency.py [--rows 1000] [--repeat 15]

Asserts nothing about speed and exits 0 (1 if the server misbehaves).
"""

from __future__ import annotations

import argparse
import json
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "seeds" / "000_223d96fec14c6a4f.txt"
DEFAULT_DEBOUNCE_MS = 200  # proglint.lsp.server.DEBOUNCE, not imported: the benchmark stays a client


class Client:
    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = stream.read(length)
            self.inbox.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict) -> float:
        body = json.dumps(message).encode("utf-8")
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()
        return sent

    def request(self, method: str, params) -> int:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method: str, params) -> float:
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, predicate, timeout: float = 120.0) -> tuple[float, dict]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                item = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise TimeoutError("no answer from the server") from None
                continue
            if item is None:
                raise EOFError("the server closed its output")
            arrived, message = item
            if message.get("method") == "client/registerCapability":
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            if predicate(message):
                return arrived, message

    def stop(self) -> None:
        try:
            reply = self.request("shutdown", None)
            self.wait(lambda m: m.get("id") == reply, 30)
            self.notify("exit", None)
            self.process.wait(30)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def measure(text: str, name: str, repeat: int, debounce_ms: int | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="proglint-lsp-bench-") as tmp:
        folder = Path(tmp)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        client = Client([sys.executable, "-m", "proglint", "lsp"], cwd=folder)
        try:
            options = {"debounceMs": debounce_ms} if debounce_ms is not None else None
            init = client.request(
                "initialize",
                {
                    "processId": None, "rootUri": folder.as_uri(), "capabilities": {},
                    "workspaceFolders": [{"uri": folder.as_uri(), "name": "bench"}],
                    "initializationOptions": options,
                },
            )
            client.wait(lambda m: m.get("id") == init)
            client.notify("initialized", {})

            def published(version: int):
                return lambda m: (
                    m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                    and m["params"].get("version") == version
                )

            sent = client.notify(
                "textDocument/didOpen",
                {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
            )
            arrived, first = client.wait(published(1))
            opened = arrived - sent
            findings = len(first["params"]["diagnostics"])
            edited = text + " "  # a keystroke at the end of the document
            times = []
            for version in range(2, repeat + 2):
                body = edited if version % 2 == 0 else text
                sent = client.notify(
                    "textDocument/didChange",
                    {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"text": body}],
                    },
                )
                arrived, _ = client.wait(published(version))
                times.append(arrived - sent)
                time.sleep(0.05)
        finally:
            client.stop()
    return {
        "open": opened, "median": statistics.median(times), "min": min(times), "max": max(times),
        "findings": findings, "lines": text.count("\n") + 1, "kib": len(text.encode("utf-8")) / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time from didChange to publishDiagnostics in proglint's language server.")
    parser.add_argument("--rows", type=int, default=1000, help="observations in the generated document (default: 1000)")
    parser.add_argument("--repeat", type=int, default=15, help="didChange notifications per document (default: 15)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default: 1)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.generate import generate_document

    documents = [
        (f"{args.rows:,}-row generated document", generate_document(random.Random(args.seed), args.rows), "generated.txt"),
        (f"seed {SEED.name}", SEED.read_text(encoding="utf-8"), SEED.name),
    ]
    print(f"proglint lsp: didChange -> publishDiagnostics, median of {args.repeat} changes (full-text sync, stdio)")
    for debounce in (None, 0):
        label = f"default debounce ({DEFAULT_DEBOUNCE_MS} ms, included)" if debounce is None else "debounce 0 (the work alone)"
        print(f"\n{label}:")
        for title, text, name in documents:
            try:
                r = measure(text, name, args.repeat, debounce)
            except (TimeoutError, EOFError) as exc:
                print(f"  {title}: the server failed: {exc}")
                return 1
            print(
                f"  {title} ({r['lines']:,} lines, {r['kib']:.0f} KiB, {r['findings']} findings): "
                f"median {r['median'] * 1000:.0f} ms (min {r['min'] * 1000:.0f}, max {r['max'] * 1000:.0f}); "
                f"didOpen -> first diagnostics {r['open'] * 1000:.0f} ms"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
