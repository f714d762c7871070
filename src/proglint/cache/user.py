"""A small per-user cache of things that are slow to work out and never
change for the same inputs: generated schema validators, the parsed
vocabulary, the list of ``proglint.rules`` entry points.

It lives in ``$XDG_CACHE_HOME/proglint`` (``~/.cache/proglint`` without it)
and is an optimisation only: a folder that cannot be created or written, a
file that cannot be read or is corrupt, all mean "work it out again", never
an error.  Each entry stores the exact key it was computed from (not a
digest of it), so a stale or colliding entry is never used; entries are
written atomically (a temporary file, then a rename), so a reader never
sees half of one; and each kind of entry has at most 256 files.
"""

from __future__ import annotations

import marshal
import os
import zlib
from typing import Callable, TypeVar

T = TypeVar("T")


def folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "proglint")


def memo(kind: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned before for the same ``kind`` and
    ``key``.  The value must be something :mod:`marshal` can store (plain
    data, code objects); if it is not, it is simply not cached."""
    name = f"{kind}-{zlib.crc32(key.encode('utf-8', 'surrogatepass')) & 0xFF:02x}.marshal"
    data = _read(name)
    if data is not None:
        try:
            stored_key, value = marshal.loads(data)
            if stored_key == key:
                return value
        except Exception:  # noqa: BLE001 - a corrupt entry is just recomputed
            pass
    value = compute()
    try:
        data = marshal.dumps((key, value))
    except ValueError:
        return value
    _write(name, data)
    return value


def installed(package: str) -> str:
    """Which copy of a package is installed (its location and modification
    time), found without importing it: part of the key of anything that
    package computed."""
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec(package)
    if spec is None or spec.origin is None:
        return f"{package} missing"
    return stamped(spec.origin)


def stamped(path: str) -> str:
    """A source file's location and modification time: part of the key of
    anything the code in it computed (a reinstall or an edit changes it)."""
    try:
        return f"{path} {os.stat(path).st_mtime_ns}"
    except OSError:
        return path


def _read(name: str) -> bytes | None:
    try:
        with open(os.path.join(folder(), name), "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _write(name: str, data: bytes) -> None:
    where = folder()
    try:
        os.makedirs(where, exist_ok=True)
    except OSError:
        return
    replace_file(os.path.join(where, name), data)


def replace_file(path: str, data: bytes) -> bool:
    """Replace ``path`` with ``data`` atomically (a temporary file named
    after this process beside it, then a rename), for the caches: a reader
    sees the old file or the new one, two writers leave one of theirs.  No
    fsync and no :mod:`tempfile` (a cache file lost in a crash is
    recomputed; the pre-commit hook pays for every import).  False when it
    could not be written."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
