"""How long an editor waits for proglint's diagnostics after a keystroke.

Starts ``proglint lsp`` over stdio with a minimal JSON-RPC client (Content-
Length framing, nothing else), opens one document in a workspace folder of
its own, then sends ``textDocument/didChange`` (full text, alternating
between the document and the document with one keystroke) and measures the
time until the ``textDocument/publishDiagnostics`` carrying that version
arrives.  Two keystrokes: one at the end of the document (in the prose) and
one inside a table row half-way down (which changes the table, so the
cross-row rules and the schema check run again).  Printed: the median (and
min/max) over ``--repeat`` changes, for generated 1,000- and 10,000-row
documents and for the seed ``seeds/000_223d96fec14c6a4f.txt``.

* **work per edit**: with the debounce set to 0
  (``initializationOptions: {"debounceMs": 0}``): reading the change,
  parsing, checking, converting positions and writing the notification;
* **keystroke -> publish**: with the server's own (adaptive) debounce, so it
  is what a user sees after they stop typing.

Then, in process (no editor, no pipe, no debounce): the **CPU time of one
edit** (``time.process_time``) as the server spends it on its lint thread
and in publishing (the buffer's new text -> parse -> checks -> LSP
diagnostics -> the JSON written), median and 95th percentile over
``--edits`` one-character edits of each kind: typing into a Science Target
cell (a table row), into a Label cell, into the front matter's
``program_title``, into the prose after the table, and a line break typed
and deleted above the table (every row moves down a line).  Process time is
the work, not the wait: on a shared machine it is the steadier figure.

    .venv/bin/python benchmarks/lsp_latency.py [--rows 1000 10000] [--repeat 11] [--edits 60] [--no-stdio]

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


def in_a_row(text: str) -> str:
    """The text with one character typed into the Label of a table row half-way down."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if line.startswith("|") and "---" not in line][1:]
    i = rows[len(rows) // 2]
    cells = lines[i].split("|")
    cells[3] = cells[3].rstrip() + "x "
    lines[i] = "|".join(cells)
    return "\n".join(lines)


def measure(text: str, edited: str, name: str, repeat: int, debounce_ms: int | None) -> dict:
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
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10000],
                        help="observations in each generated document (default: 1000 10000)")
    parser.add_argument("--repeat", type=int, default=11, help="didChange notifications per measurement (default: 11)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default: 1)")
    parser.add_argument("--edits", type=int, default=60, help="edits of each kind for the in-process CPU figures (default: 60; 0: none)")
    parser.add_argument("--no-stdio", action="store_true", help="only the in-process CPU figures")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.generate import generate_document

    documents = [
        (f"{rows:,}-row generated document", generate_document(random.Random(args.seed), rows), "generated.txt")
        for rows in args.rows
    ] + [(f"seed {SEED.name}", SEED.read_text(encoding="utf-8"), SEED.name)]
    if not args.no_stdio and stdio(documents, args.repeat):
        return 1
    if args.edits > 0:
        in_process(documents[:-1], args.edits)
    return 0


def stdio(documents: list[tuple[str, str, str]], repeat: int) -> int:
    print(f"proglint lsp: didChange -> publishDiagnostics, median of {repeat} changes (full-text sync, stdio)")
    for title, text, name in documents:
        lines = text.count("\n") + 1
        print(f"\n{title} ({lines:,} lines, {len(text.encode('utf-8')) / 1024:.0f} KiB):")
        for where, edited in (("keystroke at the end", text + " "), ("keystroke in a table row", in_a_row(text))):
            for debounce, label in ((0, "work per edit (debounce 0)"), (None, "keystroke -> publish (adaptive debounce)")):
                try:
                    r = measure(text, edited, name, repeat, debounce)
                except (TimeoutError, EOFError) as exc:
                    print(f"  {title}: the server failed: {exc}")
                    return 1
                print(
                    f"  {where:<25} {label:<42} median {r['median'] * 1000:6.1f} ms "
                    f"(min {r['min'] * 1000:.1f}, max {r['max'] * 1000:.1f}); "
                    f"{r['findings']} findings; didOpen -> first diagnostics {r['open'] * 1000:.0f} ms"
                )
    return 0


# ---------------------------------------------------------------------------
# In process: the CPU work of one edit


EDIT_KINDS = (
    ("table row", "typing in a Science Target cell"),
    ("label", "typing in a Label cell"),
    ("front matter", "typing in program_title"),
    ("prose", "typing in the abstract"),
    ("line break", "Enter typed and deleted above the table"),
)


def edit_sequence(text: str, kind: str, count: int) -> list[str]:
    """``count`` texts, each one keystroke from the one before: a word typed
    character by character at one place, or (``line break``) a newline
    typed and deleted in turn."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if line.startswith("|") and "---" not in line][1:]
    middle = rows[len(rows) // 2]

    def end_of_cell(i: int, k: int) -> int:
        cells = lines[i].split("|")
        return sum(len(c) + 1 for c in cells[:k]) + len(cells[k].rstrip())

    if kind == "line break":
        at = next(i for i, line in enumerate(lines) if line.startswith("# "))
        broken = "\n".join(lines[: at + 1] + [""] + lines[at + 1 :])
        return [broken if n % 2 == 0 else text for n in range(count)]
    line, column = {
        "table row": (middle, end_of_cell(middle, 5)),
        "label": (middle, end_of_cell(middle, 3)),
        "front matter": (next(i for i, t in enumerate(lines) if t.startswith("program_title")), None),
        "prose": (lines.index("## ABSTRACT") + 2, 20),
    }[kind]
    if column is None:
        column = len(lines[line]) - 1  # inside the closing quote
    word = "lorem ipsum dolor "
    texts = []
    for n in range(1, count + 1):
        typed = (word * (n // len(word) + 1))[:n]
        changed = list(lines)
        changed[line] = lines[line][:column] + typed + lines[line][column:]
        texts.append("\n".join(changed))
    return texts


class _Discard:
    def write(self, data) -> None:
        pass

    def close(self) -> None:
        pass


def edit_costs(text: str, kind: str, count: int) -> list[float]:
    """Seconds of CPU per edit, as the server spends them: lint the buffer
    (on its lint thread) and publish (convert, serialise, write)."""
    from proglint.lsp.server import build
    from proglint.lsp.workspace import Buffer

    with tempfile.TemporaryDirectory(prefix="proglint-lsp-work-") as tmp:
        folder = Path(tmp)
        path = folder / "generated.txt"
        path.write_text(text, encoding="utf-8")
        server = build()
        server.protocol.set_writer(_Discard())
        server.space.folders = [folder]
        uri = path.as_uri()
        revision = 0

        def one(body: str) -> None:
            nonlocal revision
            revision += 1
            buffer = Buffer(uri, path, body, revision, revision)
            server.buffers[uri] = buffer
            outcomes = server._lint_outcomes([buffer], {path: buffer})
            server._publish(revision, outcomes)

        one(text)  # didOpen
        costs = []
        for body in edit_sequence(text, kind, count):
            started = time.process_time()
            one(body)
            costs.append(time.process_time() - started)
        server.stop()
    return costs


def in_process(documents: list[tuple[str, str, str]], count: int) -> None:
    import os

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nproglint lsp: CPU time per edit, in process (lint + publish, no debounce), over {count} edits of each kind; "
          f"load average {load:.2f} on {os.cpu_count()} CPUs")
    for title, text, _ in documents:
        print(f"\n{title} (in process):")
        for kind, how in EDIT_KINDS:
            costs = edit_costs(text, kind, count)
            p95 = statistics.quantiles(costs, n=20)[18] if len(costs) > 1 else costs[0]
            print(f"  edit: {kind:<13} {how:<42} CPU median {statistics.median(costs) * 1000:7.1f} ms, "
                  f"p95 {p95 * 1000:7.1f} ms, max {max(costs) * 1000:7.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
