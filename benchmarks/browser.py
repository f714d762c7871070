"""Headless Chromium over the DevTools protocol, for the portfolio
report's browser test and its screenshot (``benchmarks/screenshot.py``).

Small on purpose: start Debian's ``chromium`` with
``--remote-debugging-port=0`` (it writes the port it chose into
``DevToolsActivePort`` in its profile folder), connect to the page's
websocket with ``websocket-client``, send commands and keep the events
that say something went wrong (exceptions, console errors, log errors).
Every wait has a time limit; the browser is ended by its process id.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

TIMEOUT = 60.0  # seconds for the browser to start, a page to load, a command to answer


def executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class BrowserError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with one page: ``with Browser() as page: ...``."""

    def __init__(self, width: int = 1280, height: int = 900):
        self.width, self.height = width, height
        self.problems: list[str] = []  # console errors, uncaught exceptions, failed loads
        self._ids = itertools.count(1)
        self._process = None
        self._socket = None
        self._profile = None

    def __enter__(self) -> "Browser":
        import websocket  # websocket-client, the test extra

        binary = executable()
        if binary is None:
            raise BrowserError("no chromium on PATH (Debian: apt-get install chromium)")
        self._profile = tempfile.mkdtemp(prefix="proglint-chromium-")
        self._process = subprocess.Popen(
            [
                binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-sync", "--hide-scrollbars",
                "--mute-audio", f"--user-data-dir={self._profile}", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", f"--window-size={self.width},{self.height}", "about:blank",
            ],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            port = self._port()
            target = self._page_target(port)
            self._socket = websocket.create_connection(target, timeout=TIMEOUT, suppress_origin=True)
            for domain in ("Page", "Runtime", "Log"):
                self.send(f"{domain}.enable")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=15)
            self._process = None
        if self._profile is not None:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    def _port(self) -> int:
        marker = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BrowserError(f"chromium exited with status {self._process.returncode}")
            try:
                first = marker.read_text(encoding="utf-8").splitlines()[0]
                return int(first)
            except (OSError, IndexError, ValueError):
                time.sleep(0.05)
        raise BrowserError("chromium did not open its DevTools port in time")

    def _page_target(self, port: int) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT) as answer:
                pages = [t for t in json.load(answer) if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
            time.sleep(0.05)
        raise BrowserError("chromium has no page to drive")

    # -- the protocol ------------------------------------------------------

    def send(self, method: str, **params):
        """Send one command and return its result (events that arrive
        meanwhile are looked at for problems)."""
        number = next(self._ids)
        self._socket.send(json.dumps({"id": number, "method": method, "params": params}))
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            message = json.loads(self._socket.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)
        raise BrowserError(f"{method}: no answer in {TIMEOUT} s")

    def _wait_for(self, event: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            message = json.loads(self._socket.recv())
            self._event(message)
            if message.get("method") == event:
                return message.get("params", {})
        raise BrowserError(f"no {event} in {TIMEOUT} s")

    def _event(self, message: dict) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.problems.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
            self.problems.append(f"console.{params['type']}: " + " ".join(str(a.get("value", a.get("description"))) for a in params.get("args", ())))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
            entry = params["entry"]
            self.problems.append(f"log {entry['level']} ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}".rstrip())

    # -- what the tests and the screenshot use --------------------------------

    def open(self, path: str | os.PathLike) -> None:
        """Load a local file and wait for its load event."""
        url = Path(path).resolve().as_uri()
        self.send("Page.navigate", url=url)
        self._wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-serialisable)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:60]}…: {result['exceptionDetails'].get('exception', {}).get('description')}")
        return result["result"].get("value")

    def color_scheme(self, scheme: str) -> None:
        """Emulate ``prefers-color-scheme: light|dark``."""
        self.send("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": scheme}])

    def screenshot(self, *, top: int = 0, height: int | None = None) -> bytes:
        """A PNG of the page from ``top`` (CSS pixels), the window's width
        and ``height`` pixels high (down to the end of the page when None)."""
        metrics = self.send("Page.getLayoutMetrics")
        full = metrics.get("cssContentSize") or metrics["contentSize"]
        rest = max(1, full["height"] - top)
        clip = {"x": 0, "y": top, "width": self.width, "height": min(rest, height or rest), "scale": 1}
        result = self.send("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)
        return base64.b64decode(result["data"])
