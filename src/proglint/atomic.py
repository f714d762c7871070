"""Writing files so that a reader never sees half of one: a temporary file
in the same folder, then an atomic rename. Used for reports, baselines and
``--fix`` (the only time proglint writes a user's document)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """A file proglint was asked to write cannot be written (exit status 2)."""


def write_bytes(path: Path, data: bytes) -> None:
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
        if target.exists():
            mode = target.stat().st_mode & 0o7777
        else:  # what open() would have given a new file
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
