"""Reading a document's bytes, with bounds a hostile path cannot get round.

A path on the command line (or found in a folder) may name something that
is not a file at all: a FIFO (opening it waits for a writer that never
comes), ``/dev/zero`` (reading it never ends), ``/dev/urandom``, a
terminal.  Only regular files are read: the file is opened without
blocking and checked on the open descriptor (no window between a check and
the read for a swap), and anything else is refused with its kind named.
What is read is capped at :data:`MAX_BYTES` (standard input too; the
configuration's ``max-file-size`` moves the cap): a program
document is a few kilobytes, and a file of gigabytes would otherwise cost
its size in memory several times over before anything could be said about
it.  Linear parsing keeps anything under the cap (a 50 MB file) bounded.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

MAX_BYTES = 64 * 1024 * 1024  # 64 MiB: far beyond any program document, well within memory
HEAD = 4096  # what is kept of a file over the limit (discover.looks_like_program_document reads 4000)

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegular(OSError):
    """The path names something other than a regular file."""

    def __init__(self, kind: str):
        super().__init__(
            f"it is {kind}, not a regular file, and proglint reads only regular files; "
            "to lint what it holds, pipe it to 'proglint -' (with --stdin-filename NAME)"
        )
        self.kind = kind


class TooLarge(Exception):
    """More than ``MAX_BYTES``: ``head`` holds the first few kilobytes (to
    tell a program document from another file), ``size`` the size when known."""

    def __init__(self, size: int | None, head: bytes):
        super().__init__(size)
        self.size, self.head = size, head


def read_file(path: str, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes; :class:`TooLarge` past ``limit`` bytes,
    :class:`NotRegular` (an ``OSError``) for a FIFO, a device, a folder or
    a socket, ``OSError`` for the rest (permissions, a symlink loop)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise NotRegular(kind)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            size = os.fstat(fd).st_size
            if size > limit:
                raise TooLarge(size, handle.read(HEAD))
            data = read_stream(handle, limit)  # st_size may lie (/proc) or the file may grow
            if too_large(data, limit):
                raise TooLarge(None, data[:HEAD])
            return data
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, limit: int = MAX_BYTES) -> bytes:
    """At most ``limit + 1`` bytes of a stream (standard input)."""
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def too_large(data: bytes, limit: int = MAX_BYTES) -> bool:
    return len(data) > limit


def size_words(limit: int) -> str:
    """A limit as a message gives it: ``67,108,864 bytes (64 MiB)``."""
    if limit >= 2**20 and limit % 2**20 == 0:
        return f"{limit:,} bytes ({limit // 2**20} MiB)"
    return f"{limit:,} bytes"
