"""Reading JSON-RPC messages off stdio: framing and validation.

pygls's own loop (``pygls.io_.run_async``) trusts its client: a header that
is not exactly ``Content-Length: N`` is skipped silently and leaves the
stream out of step for good (the next body is read as a header line), a
body that is JSON but not a message object raises deep inside pygls, a
request without ``method`` gets no answer, and ``Content-Length`` is
allocated as given.  This loop replaces it and keeps the rest of pygls
(structuring, dispatch, responses):

- **Framing.**  A header block ends at an empty line.  ``Content-Length``
  is found case-insensitively and also at the *end* of a line, so that
  after a body shorter than announced (whose leftover bytes run into the
  next header) the following message is read again.  A header block
  without a usable length is answered with a parse error (-32700) and
  skipped.  A body larger than ``MAX_BODY`` is read and thrown away in
  chunks (never allocated), answered with -32600.
- **Validation** (:func:`problem`), before pygls sees the message, as
  JSON-RPC 2.0 says: a body that is not JSON is a parse error (-32700); JSON
  that is not a request, notification or response object (an array, a
  string, ``jsonrpc`` other than ``"2.0"``, ``method`` not a string, an
  ``id`` that is not a string, number or null, neither ``method`` nor
  ``result``/``error``) is an invalid request (-32600).  The error goes to
  the message's ``id`` when it can be read, else to ``"id": null``.
- Anything else that goes wrong while handling a message is reported by
  the server and the loop goes on: one message never ends the server.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Callable

log = logging.getLogger("proglint.lsp")

PARSE_ERROR = -32700
INVALID_REQUEST = -32600

MAX_BODY = 256 * 1024 * 1024  # bytes: a larger body is skipped, not read into memory
MAX_HEADER_LINE = 64 * 1024  # bytes: a longer header line is garbage, read in pieces
_CHUNK = 1024 * 1024

Reply = Callable[[Any, int, str], None]  # (id or None, code, message)


class Reader:
    """Blocking reads of a binary stream (stdin), run off the event loop."""

    def __init__(self, stream, loop: asyncio.AbstractEventLoop, executor) -> None:
        self._stream, self._loop, self._executor = stream, loop, executor

    async def readline(self) -> bytes:
        return await self._loop.run_in_executor(self._executor, self._stream.readline, MAX_HEADER_LINE)

    async def read(self, size: int) -> bytes:
        """``size`` bytes, fewer only at the end of the stream."""
        parts, left = [], size
        while left > 0:
            part = await self._loop.run_in_executor(self._executor, self._stream.read, min(left, _CHUNK * 64))
            if not part:
                break
            parts.append(part)
            left -= len(part)
        return b"".join(parts)

    async def skip(self, size: int) -> bool:
        """Throw ``size`` bytes away; False at the end of the stream."""
        while size > 0:
            part = await self._loop.run_in_executor(self._executor, self._stream.read, min(size, _CHUNK))
            if not part:
                return False
            size -= len(part)
        return True


def _length(line: bytes) -> int | None | bool:
    """The length a header line announces: an int, False when the line
    names Content-Length without a usable number, None when it does not
    name it.  The name is looked for anywhere in the line (its last
    occurrence), so that a header glued to the leftovers of a short body
    is still found."""
    at = line.lower().rfind(b"content-length")
    if at < 0:
        return None
    name, colon, value = line[at:].partition(b":")
    value = value.strip()
    if not colon or name.strip().lower() != b"content-length" or not value.isdigit() or len(value) > 18:
        return False
    return int(value)


async def read_message(reader: Reader, reply: Reply) -> bytes | None:
    """The next message's body, or None at the end of the stream.  Broken
    header blocks and oversized bodies are answered (``reply``) and skipped."""
    while True:
        length: int | None = None
        broken = False
        seen = False
        while True:
            line = await reader.readline()
            if not line:
                return None
            if not line.strip():
                break
            seen = True
            found = _length(line)
            if found is False:
                broken = True
            elif found is not None:
                length, broken = found, False  # the last Content-Length wins (resynchronising)
        if length is None:
            if seen:
                reply(None, PARSE_ERROR, "parse error: a message header without a valid Content-Length")
            continue  # a stray empty line between messages: nothing to say
        if broken:
            log.debug("a header line named Content-Length without a number; using %d", length)
        if length > MAX_BODY:
            reply(None, INVALID_REQUEST, f"invalid request: a body of {length} bytes (at most {MAX_BODY} are read)")
            if not await reader.skip(length):
                return None
            continue
        body = await reader.read(length)
        if len(body) < length:
            return None  # the stream ended inside the body
        return body


_ID_TYPES = (str, int)


def problem(data: Any) -> tuple[Any, str] | None:
    """Why ``data`` (a decoded body) is not a JSON-RPC 2.0 message, with
    the id to answer to; None when it is one."""
    if not isinstance(data, dict):
        return None, f"invalid request: a JSON-RPC message is an object, not {type(data).__name__}"
    raw_id = data.get("id")
    valid_id = raw_id is None or (isinstance(raw_id, _ID_TYPES) and not isinstance(raw_id, bool))
    answer_to = raw_id if valid_id else None
    if data.get("jsonrpc") != "2.0":
        return answer_to, 'invalid request: "jsonrpc" must be "2.0"'
    if not valid_id:
        return None, 'invalid request: "id" must be a string, a number or null'
    if "method" in data:
        if not isinstance(data["method"], str):
            return answer_to, 'invalid request: "method" must be a string'
        return None
    if "id" in data and ("result" in data or "error" in data):
        return None  # a response to one of our requests
    return answer_to, 'invalid request: no "method"'


async def serve(
    reader: Reader,
    handle: Callable[[dict], None],
    reply: Reply,
    report: Callable[[Exception], None],
    stopped: Callable[[], bool],
) -> None:
    """Read, check and hand on messages until the stream ends or ``stopped()``."""
    while not stopped():
        body = await read_message(reader, reply)
        if body is None:
            return
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, nested too deep
            reply(None, PARSE_ERROR, f"parse error: {exc}")
            continue
        wrong = problem(data)
        if wrong is not None:
            reply(wrong[0], INVALID_REQUEST, wrong[1])
            continue
        try:
            handle(data)
        except Exception as exc:  # noqa: BLE001 - one message never ends the server
            log.exception("cannot handle a message")
            report(exc)
