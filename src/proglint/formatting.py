"""The ``proglint format`` command: which files, and what to do with each
(write it, or with ``--check``/``--diff`` only say).  The layout itself is
:mod:`proglint.canonical`'s.

Files are found as ``proglint check`` finds them, but only program
documents are formatted, even when named (pre-commit names every changed
Markdown file, and a README is not ours to rewrite).  A file is never
written when that could
lose a byte: not valid UTF-8, or changed on disk while proglint ran
(:func:`proglint.atomic.write_bytes` compares before it replaces).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import UsageError


def format_paths(paths: list[str], *, check: bool = False, diff: bool = False) -> int:
    from .atomic import Changed, write_bytes
    from .canonical import format_source
    from .discover import PathNotFound, discover, looks_like_program_document
    from .source import Source

    try:
        found = discover(paths)
    except PathNotFound as exc:
        raise UsageError(f"path '{exc.path}' does not exist") from None
    changed = refused = 0
    for item in found:
        if item.error is not None or not (item.explicit or item.path.suffix in (".txt", ".md")):
            continue
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            print(f"{item.path}: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
            refused += 1
            continue
        source = Source.from_bytes(str(item.path), data)
        if source.decode_problem is None and not looks_like_program_document(source.text):
            continue  # a README named by pre-commit is not ours to rewrite, named or not
        if source.decode_problem is not None:
            print(f"{item.path}: not valid UTF-8; not formatted (re-save it as UTF-8 first)", file=sys.stderr)
            refused += 1
            continue
        formatted = format_source(source)
        if not formatted.changed:
            continue
        changed += 1
        if diff:
            sys.stdout.write(_diff(str(item.path), source.text, formatted.text))
        elif check:
            print(f"would reformat {item.path}")
        else:
            try:
                write_bytes(item.path, formatted.encode(), expect=data)
            except Changed:
                print(f"{item.path}: changed on disk while proglint ran; not formatted", file=sys.stderr)
                refused += 1
                changed -= 1
    if not (check or diff):
        print(f"{changed} file(s) reformatted", file=sys.stderr)
    elif changed:
        print(f"{changed} file(s) would be reformatted", file=sys.stderr)
    return 1 if refused or ((check or diff) and changed) else 0


def _diff(path: str, before: str, after: str) -> str:
    import difflib

    lines = []
    for line in difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), path, path
    ):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)
