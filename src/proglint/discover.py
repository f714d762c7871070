"""Which files a command line names.

Folders are walked recursively in sorted order (so output is the same on
every machine), hidden folders are skipped, and only ``.txt`` and ``.md``
files are taken from folders.  A file named explicitly is always linted,
whatever its extension, unless an exclude pattern matches it.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

EXTENSIONS = (".txt", ".md")


class PathNotFound(Exception):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path


@dataclass(frozen=True)
class Found:
    path: Path
    explicit: bool  # named on the command line, not found in a folder
    error: str | None = None  # why a folder under it could not be read


def excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    posix = path.as_posix()
    for pattern in patterns:
        if fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(path.name, pattern):
            return True
        if any(fnmatch.fnmatch(part, pattern) for part in path.parts[:-1]):
            return True
        if fnmatch.fnmatch(posix, f"*/{pattern}") or fnmatch.fnmatch(posix, f"{pattern}/*"):
            return True
    return False


def discover(paths: list[str], exclude: tuple[str, ...] = ()) -> list[Found]:
    """Files named or found under folders: every non-hidden file, since the
    caller decides by each file's configuration (:func:`wanted`: ``include``,
    by default .txt and .md)."""
    found: list[Found] = []
    seen: set[str] = set()  # real paths: one file named two ways is linted once

    def add(item: Found) -> None:
        real = os.path.realpath(item.path)
        if real not in seen:
            seen.add(real)
            found.append(item)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for item in _walk(path, exclude):
                add(item) if item.error is None else found.append(item)
        elif path.exists() or path.is_symlink():
            if not excluded(path, exclude):
                add(Found(path, explicit=True))
        else:
            raise PathNotFound(raw)
    return found


def _walk(root: Path, exclude: tuple[str, ...]):
    unreadable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable.append):
        while unreadable:  # a folder os.walk could not list: say so, never skip silently
            error = unreadable.pop()
            yield Found(Path(error.filename or dirpath), explicit=False, error=error.strerror or str(error))
        base = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not excluded(base / d, exclude)
        )
        for name in sorted(filenames):
            file = base / name
            if not name.startswith(".") and not excluded(file, exclude):
                yield Found(file, explicit=False)
    while unreadable:
        error = unreadable.pop()
        yield Found(Path(error.filename or root), explicit=False, error=error.strerror or str(error))


def wanted(item: Found, config) -> bool:
    """Is a file found on disk one to lint under its configuration?
    ``exclude`` always applies; a named file is otherwise always linted; a
    file found in a folder must match ``include`` (default: .txt and .md)."""
    relative = Path(config.relative(str(item.path)))
    if config.exclude and (excluded(relative, config.exclude) or excluded(item.path, config.exclude)):
        return False
    if item.explicit:
        return True
    if config.include:
        return any(fnmatch.fnmatch(relative.as_posix(), g) or fnmatch.fnmatch(item.path.name, g) for g in config.include)
    return item.path.name.endswith(EXTENSIONS)


def looks_like_program_document(text: str) -> bool:
    """Whether a file found in a folder is a program document (recognise.py)."""
    from .recognise import is_program_document

    return is_program_document(text)
