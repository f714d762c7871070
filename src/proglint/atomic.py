"""Writing files so that a reader never sees half of one: a temporary file
in the same folder, then an atomic rename. Used for reports, baselines and
``--fix`` (the only time proglint writes a user's document)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """A file proglint was asked to write cannot be written (exit status 2)."""


class Changed(Exception):
    """The file is no longer what was read: someone else wrote it meanwhile."""


def write_bytes(path: Path, data: bytes, *, expect: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` atomically: a reader, or a crash at
    any moment (kill -9 included), sees the old file or the new one, never
    a part of either.  Mode and owner are kept.  With ``expect``, the file
    is replaced only if it still holds exactly those bytes (else
    :class:`Changed`): the check and the rename happen under a lock on the
    folder, so two writers that read the same file cannot both write it."""
    # Write through a symbolic link to the file it names, never over the link.
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write '{path}': the folder '{folder}' does not exist")
    if target.is_dir():
        raise OutputError(f"cannot write '{path}': it is a folder")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write '{path}': {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            status = target.stat()
            mode = status.st_mode & 0o7777
            try:
                os.chown(temporary, status.st_uid, status.st_gid)
            except OSError:
                pass  # only root may give a file away; the owner is then ours, as with any editor
        else:  # what open() would have given a new file
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        with _folder_lock(folder, expect is not None):
            if expect is not None and _current(target) != expect:
                raise Changed(str(path))
            os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


class _folder_lock:
    """An exclusive lock on a folder (flock), where the platform has one."""

    def __init__(self, folder: Path, wanted: bool):
        self.folder, self.wanted, self.fd = folder, wanted, None

    def __enter__(self):
        if self.wanted:
            try:
                import fcntl

                self.fd = os.open(self.folder, os.O_RDONLY)
                fcntl.flock(self.fd, fcntl.LOCK_EX)
            except (ImportError, OSError):
                self._close()
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock
            self.fd = None
