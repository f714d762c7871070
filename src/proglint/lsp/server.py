"""The language server: protocol handling, scheduling and publishing.

Life of a keystroke: ``didChange`` replaces the buffer (full-document sync)
and gives it a new *revision*; linting of the buffer's workspace folder is
(re)scheduled after a debounce delay, so a burst of keystrokes costs one
lint.  The delay adapts to what linting costs (:func:`debounce_for`): the
measured work (CPU time) of the folder's last lint and publication, between
``DEBOUNCE_MIN`` and ``DEBOUNCE_MAX``, so a cheap re-lint (the usual case,
see :mod:`.incremental`) is published about twice its work after the last
keystroke (~60 ms for a 1,000-row table) while an expensive one is not
started on every keystroke; CPU time, not wall time, because the wait a
busy machine adds to a lint is not work a shorter delay would repeat;
``initializationOptions.debounceMs`` fixes it instead.  Lints run one at a
time on a single worker thread (the protocol keeps answering hover and
code-action requests meanwhile), on a snapshot of the open buffers taken
when the lint starts; a folder whose lint is still running when its delay
is over is linted once more when it ends, never queued twice.  A result is published only if the
buffer still has the revision it was computed from and nothing newer was
published for it: the latest text wins and a stale result never overwrites
a newer one.  ``didOpen`` and ``didSave`` lint at once; ``didClose`` clears.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import json
import logging
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcException, JsonRpcInternalError, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..diagnostic import Diagnostic
from ..source import Source
from . import actions, convert, framing
from .framing import INVALID_REQUEST
from .positions import line_start, range_contains, ranges_overlap, to_range
from .incremental import LspCache
from .workspace import Buffer, Outcome, Workspace

log = logging.getLogger("proglint.lsp")

DEBOUNCE_MIN = 0.02  # seconds between the last keystroke and the lint, at least ...
DEBOUNCE_MAX = 0.2  # ... and at most, when initializationOptions.debounceMs does not fix it
DEBOUNCE_FACTOR = 1.0  # times the measured work of the folder's last lint: keystroke -> publish ~ twice the work
INTERNAL_ERROR_CODE = "PL901"  # proglint.pipeline.INTERNAL_ERROR
CONFIG_NAMES = (".proglint.toml", "proglint.toml", "pyproject.toml")
DOCUMENT_SUFFIXES = (".txt", ".md")


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, with the corrections this server needs.

    Messages arrive here from :mod:`.framing` (which has already answered
    anything that is not a JSON-RPC 2.0 message) through :meth:`handle_raw`.
    """

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        # Positions are always UTF-16 (the encoding every client supports),
        # converted in positions.py alone, whatever else a client offers.
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            general.position_encodings = None
        return (yield from super().lsp_initialize(params))

    # The server keeps its own buffers (server.Buffer): pygls's copy of each
    # document would be a second copy of a 10 MB text for nothing, and its
    # update fails on a change to a document that is not open.
    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)

    def send_json(self, body: str) -> None:
        """Write one message already serialised as JSON (ASCII only, as
        ``json.dumps`` writes it), framed as pygls frames its own: the
        server puts publishDiagnostics together from the kept JSON of each
        diagnostic (:meth:`ProglintServer._send_diagnostics`)."""
        if self.writer is None:
            log.error("cannot send: no transport")
            return
        data = body
        if self._include_headers:
            data = f"Content-Length: {len(body)}\r\nContent-Type: {self.CONTENT_TYPE}; charset={self.CHARSET}\r\n\r\n" + body
        try:
            written = self.writer.write(data.encode(self.CHARSET))
            if inspect.isawaitable(written):
                asyncio.ensure_future(written)
        except BrokenPipeError:
            log.exception("the connection to the editor is lost")
            raise
        except Exception as error:  # noqa: BLE001 - as pygls's own sending does
            log.exception("cannot send a message")
            self._server._report_server_error(error, JsonRpcInternalError)

    def _user(self, method: str, params):
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    def handle_raw(self, data: dict[str, Any]) -> None:
        """Structure and handle one message that :mod:`.framing` found to be
        a JSON-RPC 2.0 message object."""
        if "method" in data and "params" not in data:
            data = {**data, "params": None}  # pygls's generic message types want the field
        try:
            message = self.structure_message(data)
        except JsonRpcException as exc:
            cause = _why(exc)
            if "method" not in data:
                log.warning("a response that does not fit its request: %s", cause)
            elif "id" in data:
                # pygls would log it and send nothing back; JSON-RPC wants an
                # error response with the request's id.
                self._send_response(
                    data["id"], None,
                    types.ResponseError(code=JsonRpcInvalidParams.CODE, message=f"invalid params for {data['method']!r}: {cause}"),
                )
            else:  # a notification gets no answer: the client is told in its log
                self._server.report_server_error(_BadNotification(f"invalid params for {data['method']!r}: {cause}"), None)
            return
        self.handle_message(message)

    def handle_message(self, message) -> None:
        # After shutdown, requests are answered with InvalidRequest (the
        # protocol says so) rather than dropped, which leaves a client waiting.
        if self._shutdown and getattr(message, "method", types.EXIT) != types.EXIT and hasattr(message, "id"):
            self._send_response(
                message.id, None,
                types.ResponseError(code=INVALID_REQUEST, message=f"invalid request: {message.method!r} after shutdown"),
            )
            return
        super().handle_message(message)


def _why(exc: Exception) -> str:
    """What cattrs found wrong with a message's params, in a line."""
    cause = exc.__cause__ or exc
    try:
        from cattrs import transform_error

        found = transform_error(cause, path="$")
    except Exception:  # noqa: BLE001 - not a cattrs error: its own text
        found = [str(cause)]
    return "; ".join(found[:3]) + ("; ..." if len(found) > 3 else "")


class _BadNotification(Exception):
    """A notification whose params do not fit its method."""


@dataclass
class Published:
    """What was last published for a buffer, for hover and code actions."""

    revision: int
    job: int
    outcome: Outcome
    pairs: list[tuple[types.Diagnostic, Diagnostic | None]] = field(default_factory=list)


class ProglintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "proglint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full, protocol_cls=_Protocol
        )
        self.buffers: dict[str, Buffer] = {}
        self.space = Workspace()
        self.debounce: float | None = None  # seconds, when the client fixed it (debounceMs)
        self.costs: dict[Path, float] = {}  # seconds of work of each folder's last lint
        self.published: dict[str, Published] = {}
        self._conversions: dict[str, LspCache] = {}
        self._running: set[Path] = set()
        self._again: set[Path] = set()
        self._revisions = itertools.count(1)
        self._jobs = itertools.count(1)
        self._timers: dict[Path, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Future] = set()
        self._lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="proglint-lint")
        self._shown: set[str] = set()

    # -- errors outside requests -------------------------------------------

    def report_server_error(self, error: Exception, source) -> None:
        if source is FeatureRequestError:
            return  # the request already got its error response
        if isinstance(error, _BadNotification):  # the editor's mistake, not ours: a warning in its log
            log.warning("%s", error)
            self._log(f"proglint: {error}", types.MessageType.Warning)
            return
        log.error("%s: %s", type(error).__name__, error)
        self._log(f"proglint: {type(error).__name__}: {error}", types.MessageType.Error)

    def _error_response(self, msg_id, code: int, message: str) -> None:
        # JSON-RPC: when the id cannot be read, the error response has "id": null
        self.protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}})

    def start_io(self, stdin=None, stdout=None) -> None:
        """Serve over stdio, reading with :mod:`.framing` instead of pygls's
        loop (which the rest of pygls does not depend on)."""
        from pygls.io_ import StdoutWriter

        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))

        async def main() -> None:
            reader = framing.Reader(stdin or sys.stdin.buffer, asyncio.get_running_loop(), self.thread_pool)
            await framing.serve(
                reader, self.protocol.handle_raw, self._error_response,
                lambda exc: self._report_server_error(exc, None), self._stop_event.is_set,
            )

        try:
            asyncio.run(main())
        except BrokenPipeError:
            log.error("the connection to the editor is lost")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    def _log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # noqa: BLE001 - logging must never fail the server
            log.debug("cannot send a log message", exc_info=True)

    # -- buffers -------------------------------------------------------------

    def folders_changed(self) -> None:
        folders = []
        for folder in self.workspace.folders.values():
            path = to_fs_path(folder.uri)
            if path:
                folders.append(Path(path))
        if not folders and self.workspace.root_path:
            folders.append(Path(self.workspace.root_path))
        self.space.folders = folders

    def scope(self, buffer: Buffer) -> Path:
        """Buffers linted together: those of one workspace folder."""
        return self.space.folder_of(buffer.path) or buffer.path

    def open(self, uri: str, text: str, version: int | None) -> Buffer | None:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if not path:
            return None  # untitled buffers and other schemes: nothing on disk to match
        buffer = Buffer(uri, Path(path), text, next(self._revisions), version)
        self.buffers[uri] = buffer
        return buffer

    def change(self, uri: str, changes, version: int | None) -> Buffer | None:
        buffer = self.buffers.get(uri)
        if buffer is None:
            return None
        text = buffer.text
        for change in changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                text = _apply(text, change)
            else:
                text = change.text
        return self.open(uri, text, version)

    def close(self, uri: str) -> Buffer | None:
        buffer = self.buffers.pop(uri, None)
        self.published.pop(uri, None)
        self._conversions.pop(uri, None)
        if buffer is not None:
            try:  # on the lint thread, which owns the workspace's memos
                self._lint_thread.submit(self.space.forget, buffer.path)
            except RuntimeError:  # shutting down
                pass
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        return buffer

    # -- scheduling ------------------------------------------------------------

    def delay(self, key: Path) -> float:
        """How long to wait after a keystroke before linting ``key``."""
        return debounce_for(self.costs.get(key), self.debounce)

    def schedule(self, key: Path, delay: float) -> None:
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()
        self._timers[key] = loop.call_later(max(0.0, delay), self._start, key)

    def schedule_all(self, delay: float = 0.0) -> None:
        for key in {self.scope(b) for b in self.buffers.values()}:
            self.schedule(key, delay)

    def _start(self, key: Path) -> None:
        self._timers.pop(key, None)
        if key in self._running:
            self._again.add(key)  # linted once more when the running lint ends
            return
        self._running.add(key)
        task = asyncio.ensure_future(self.lint(key))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(lambda _: self._finished(key))

    def _finished(self, key: Path) -> None:
        self._running.discard(key)
        if key in self._again:
            self._again.discard(key)
            if key not in self._timers:
                self._start(key)

    async def lint(self, key: Path) -> None:
        """Lint the open buffers of one folder now, and publish what is current."""
        targets = [b for b in self.buffers.values() if self.scope(b) == key]
        if not targets:
            return
        open_buffers = {b.path: b for b in self.buffers.values()}
        job = next(self._jobs)
        loop = asyncio.get_running_loop()
        try:
            outcomes, cost = await loop.run_in_executor(self._lint_thread, self._lint_safely, targets, open_buffers)
        except RuntimeError:  # the executor is shut down: the server is stopping
            return
        started = time.thread_time()
        self._publish(job, outcomes)
        self.costs[key] = cost + time.thread_time() - started

    def _lint_safely(self, targets: list[Buffer], open_buffers: dict[Path, Buffer]) -> tuple[list[Outcome], float]:
        """The outcomes, and the CPU time the lint thread spent on them."""
        started = time.thread_time()
        outcomes = self._lint_outcomes(targets, open_buffers)
        return outcomes, time.thread_time() - started

    def _lint_outcomes(self, targets: list[Buffer], open_buffers: dict[Path, Buffer]) -> list[Outcome]:
        try:
            return self.space.lint(targets, open_buffers)
        except Exception as exc:  # noqa: BLE001 - a crash is one diagnostic, never the server's end
            log.exception("linting failed")
            message = f"proglint crashed while linting: {type(exc).__name__}: {exc} (see the server's log)"
            return [Outcome(b, Source.from_text(str(b.path), b.text), problem=message) for b in targets]

    def _publish(self, job: int, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            buffer = outcome.buffer
            uri = buffer.uri
            current = self.buffers.get(uri)
            if current is None or current.revision != buffer.revision:
                continue  # closed, or changed since: a newer lint is on its way
            previous = self.published.get(uri)
            if previous is not None and previous.job > job:
                continue
            published = Published(buffer.revision, job, outcome)
            cache = self._conversions.setdefault(uri, LspCache())
            if outcome.problem is not None:
                published.pairs = [(self._problem(outcome), None)]
            elif outcome.linted:
                published.pairs = [(cache.convert(d, outcome.source, uri), d) for d in outcome.diagnostics]
                for d in outcome.diagnostics:
                    if d.code == INTERNAL_ERROR_CODE and d.message not in self._shown:
                        self._shown.add(d.message)  # a crashing rule: in the log once, on the document always
                        log.error("%s: %s", buffer.path, d.message)
                        self._log(f"proglint: {buffer.path}: {d.message}", types.MessageType.Error)
            self.published[uri] = published
            if not published.pairs and (previous is None or not previous.pairs) and not outcome.linted:
                cache.turn()
                continue  # not a program document, and nothing to clear
            self._send_diagnostics(uri, [p[0] for p in published.pairs], buffer.version, cache)
            cache.turn()

    def _send_diagnostics(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None, cache: LspCache) -> None:
        """textDocument/publishDiagnostics, as pygls would write it, with the
        JSON of each diagnostic that was already published kept rather than
        serialised again (most of them, after a keystroke)."""
        unstructure = self.protocol._converter.unstructure
        dump = lambda lsp: json.dumps(unstructure(lsp, types.Diagnostic))  # noqa: E731
        params = json.dumps({"uri": uri, **({"version": version} if version is not None else {})})
        body = ", ".join(cache.json(lsp, dump) for lsp in diagnostics)
        self.protocol.send_json(
            f'{{"jsonrpc": "2.0", "method": "{types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS}", '
            f'"params": {params[:-1]}, "diagnostics": [{body}]}}}}'
        )

    def _problem(self, outcome: Outcome) -> types.Diagnostic:
        message = outcome.problem or ""
        related = None
        if outcome.problem_at is not None:
            file, line = outcome.problem_at
            position = line_start(line or 1)
            related = [
                types.DiagnosticRelatedInformation(
                    location=types.Location(uri=from_fs_path(file), range=types.Range(start=position, end=position)),
                    message="the configuration",
                )
            ]
        if message not in self._shown:
            self._shown.add(message)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"proglint: {message}"))
        return convert.problem(outcome.source, message, related=related)

    def configuration_changed(self) -> None:
        self._shown.clear()

    def stop(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        self._lint_thread.shutdown(wait=False, cancel_futures=True)


def debounce_for(cost: float | None, fixed: float | None) -> float:
    """Seconds from the last keystroke to the lint: ``fixed`` when the client
    set ``debounceMs``; else ``DEBOUNCE_FACTOR`` times ``cost`` (the work of
    the last lint, in seconds; unknown before the first), bounded."""
    if fixed is not None:
        return fixed
    if cost is None:
        return DEBOUNCE_MAX
    return min(DEBOUNCE_MAX, max(DEBOUNCE_MIN, DEBOUNCE_FACTOR * cost))


def _apply(text: str, change: types.TextDocumentContentChangePartial) -> str:
    """Apply a ranged change (sent only by clients that ignore our full-sync
    capability), converting its UTF-16 range in positions.py.  As the
    protocol's reference implementation (vscode-languageserver-textdocument)
    does with a range a client should never send: positions past the end of
    a line or of the text are clamped to it, and a range whose start is
    after its end is read from end to start."""
    from .positions import to_span

    source = Source.from_text("", text)
    span = to_span(source.lines, change.range)
    start = source.lines.offset(span.start_line, span.start_column)
    end = source.lines.offset(span.end_line, span.end_column)
    if start > end:
        start, end = end, start
    return text[:start] + change.text + text[end:]


# ---------------------------------------------------------------------------

def build() -> ProglintServer:
    ls = ProglintServer()

    @ls.feature(types.INITIALIZE)
    def initialize(ls: ProglintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            ls.debounce = max(0.0, options["debounceMs"] / 1000)
        ls.folders_changed()

    @ls.feature(types.INITIALIZED)
    async def initialized(ls: ProglintServer, params: types.InitializedParams) -> None:
        watched = getattr(getattr(ls.client_capabilities, "workspace", None), "did_change_watched_files", None)
        if watched is None or not watched.dynamic_registration:
            return
        watchers = [
            types.FileSystemWatcher(glob_pattern="**/{" + ",".join(CONFIG_NAMES) + "}"),
            types.FileSystemWatcher(glob_pattern="**/*.{txt,md}"),
        ]
        registration = types.Registration(
            id="proglint-watched-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception as exc:  # noqa: BLE001 - the client may refuse; config is then read at start only
            log.warning("file watching not registered: %s", exc)

    @ls.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders(ls: ProglintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        ls.folders_changed()
        ls.schedule_all()

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ProglintServer, params: types.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        buffer = ls.open(doc.uri, doc.text, doc.version)
        if buffer is not None:
            ls.schedule(ls.scope(buffer), 0)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ProglintServer, params: types.DidChangeTextDocumentParams) -> None:
        doc = params.text_document
        buffer = ls.change(doc.uri, params.content_changes, doc.version)
        if buffer is not None:
            ls.schedule(ls.scope(buffer), ls.delay(ls.scope(buffer)))

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: ProglintServer, params: types.DidSaveTextDocumentParams) -> None:
        buffer = ls.buffers.get(params.text_document.uri)
        if buffer is not None:
            if params.text is not None:
                buffer = ls.open(buffer.uri, params.text, buffer.version)
            ls.space.forget_listings()
            ls.schedule(ls.scope(buffer), 0)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ProglintServer, params: types.DidCloseTextDocumentParams) -> None:
        buffer = ls.close(params.text_document.uri)
        if buffer is not None and any(ls.scope(b) == ls.scope(buffer) for b in ls.buffers.values()):
            ls.schedule(ls.scope(buffer), ls.delay(ls.scope(buffer)))  # its disk version now stands in for it

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: ProglintServer, params: types.DidChangeWatchedFilesParams) -> None:
        names = [Path(to_fs_path(c.uri) or c.uri).name for c in params.changes]
        config = any(name in CONFIG_NAMES for name in names)
        documents = any(name.endswith(DOCUMENT_SUFFIXES) for name in names)
        if not (config or documents):
            return
        loop = asyncio.get_running_loop()
        if config:
            # on the lint thread, so that no lint sees half-cleared caches
            await loop.run_in_executor(ls._lint_thread, ls.space.reload_configuration)
            ls.configuration_changed()
        ls.space.forget_listings()
        ls.schedule_all()

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ProglintServer, params: types.HoverParams) -> types.Hover | None:
        published = ls.published.get(params.text_document.uri)
        if published is None:
            return None
        hits = [(lsp, d) for lsp, d in published.pairs if range_contains(lsp.range, params.position)]
        if not hits:
            return None
        parts = [_explain(lsp, d, published.outcome) for lsp, d in hits]
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
            range=hits[0][0].range,
        )

    @ls.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL]),
    )
    async def code_action(ls: ProglintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        buffer = ls.buffers.get(uri)
        if buffer is None:
            return None
        published = ls.published.get(uri)
        if published is None or published.revision != buffer.revision:
            await ls.lint(ls.scope(buffer))  # the client asks about text we have not linted yet
            published = ls.published.get(uri)
            if published is None or published.revision != buffer.revision:
                return None
        outcome = published.outcome
        if not outcome.linted or outcome.document is None:
            return None
        only = params.context.only

        def allowed(kind: str) -> bool:
            return not only or any(kind == k or kind.startswith(k + ".") for k in only)

        result: list[types.CodeAction] = []
        if allowed(types.CodeActionKind.QuickFix):
            for lsp, diagnostic in published.pairs:
                if diagnostic is None or not ranges_overlap(lsp.range, params.range):
                    continue
                for action in actions.for_diagnostic(outcome.document, diagnostic):
                    result.append(_code_action(ls, action, buffer, outcome, [lsp]))
        fix_all = actions.fix_all(outcome.diagnostics)
        if fix_all is not None and allowed(fix_all.kind):
            result.append(_code_action(ls, fix_all, buffer, outcome, []))
        return result

    @ls.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: ProglintServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        return _format(ls, params.text_document.uri, None)

    @ls.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
    def range_formatting(ls: ProglintServer, params: types.DocumentRangeFormattingParams) -> list[types.TextEdit] | None:
        return _format(ls, params.text_document.uri, params.range)

    @ls.feature(types.SHUTDOWN)
    def shutdown(ls: ProglintServer, *args) -> None:
        ls.stop()

    return ls


def _format(ls: ProglintServer, uri: str, range_: types.Range | None) -> list[types.TextEdit] | None:
    """The canonical layout of an open buffer (see :mod:`.formatting`), as
    LSP text edits; None for a document the server does not hold."""
    from . import formatting
    from .positions import to_span

    buffer = ls.buffers.get(uri)
    if buffer is None:
        return None
    source = Source.from_text(str(buffer.path), buffer.text)
    touched = None
    if range_ is not None:
        span = to_span(source.lines, range_)
        last = span.end_line - 1 if span.end_column == 1 and span.end_line > span.start_line else span.end_line
        touched = (span.start_line, last)
    return [types.TextEdit(range=to_range(source.lines, e.span), new_text=e.text) for e in formatting.edits(source, touched)]


def _explain(lsp: types.Diagnostic, diagnostic: Diagnostic | None, outcome: Outcome) -> str:
    if diagnostic is None:
        return f"**proglint**: {lsp.message}"
    from ..pipeline import registry_for
    from ..ruledocs import explain

    head = f"**{diagnostic.code}** `{diagnostic.name}` ({diagnostic.severity.value}): {diagnostic.message}"
    try:
        registry = registry_for(outcome.config)
        info = registry.infos.get(diagnostic.code)
        if info is None:
            return head
        return head + "\n\n" + explain(info, registry.rule(diagnostic.code)).rstrip()
    except Exception:  # noqa: BLE001 - a hover without docs beats an error
        log.exception("cannot explain %s", diagnostic.code)
        return head


def _code_action(
    ls: ProglintServer, action: actions.Action, buffer: Buffer, outcome: Outcome, diagnostics: list[types.Diagnostic]
) -> types.CodeAction:
    lines = outcome.source.lines
    edits = [types.TextEdit(range=to_range(lines, e.span), new_text=e.text) for e in action.edits]
    caps = getattr(getattr(ls.client_capabilities, "workspace", None), "workspace_edit", None)
    if caps is not None and caps.document_changes:
        edit = types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=buffer.uri, version=buffer.version
                    ),
                    edits=edits,
                )
            ]
        )
    else:
        edit = types.WorkspaceEdit(changes={buffer.uri: edits})
    return types.CodeAction(
        title=action.title,
        kind=action.kind,
        diagnostics=diagnostics or None,
        edit=edit,
        is_preferred=action.preferred or None,
    )


def serve() -> None:
    """Run the server over stdio until the client says exit."""
    debug = bool(os.environ.get("PROGLINT_DEBUG"))
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING, format="proglint-lsp %(levelname)s %(name)s: %(message)s"
    )
    if not debug:
        logging.getLogger("pygls").setLevel(logging.ERROR)
    ls = build()
    try:
        ls.start_io()
    finally:
        ls.stop()
    if not ls.protocol._shutdown:
        # 'exit' without 'shutdown', or the editor went away: status 1, as the protocol says
        raise SystemExit(1)
