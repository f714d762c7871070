"""Regular expressions compiled once per user, not once per run.

The vocabulary's word patterns (every instrument's words, every label
abbreviation, as case-insensitive alternations) take ~7 ms to compile: more
than linting a document, paid by every pre-commit run, and always the same
patterns.  :func:`compile` keeps what :mod:`re` compiles them to (the
``_sre`` program: a list of integers, the flags and the group names) in the
per-user cache folder (:mod:`proglint.cache.user`), and builds the pattern
object from it next time, which costs microseconds.

The program is CPython's own, so the memo is keyed by the exact Python
build and ``_sre.MAGIC`` and stores each pattern's exact text and flags;
whenever anything is unexpected (another Python, a corrupt file, an
``_sre`` that refuses the program) the pattern is compiled by :mod:`re` as
usual.  New programs are written back once, when the process exits (a
temporary file and a rename: two runs writing at once leave one of their
files whole, and the other's patterns are simply compiled again).
"""

from __future__ import annotations

import re
import sys

_LIMIT = 2048  # programs kept; past it the memo starts afresh
_memo: dict | None = None  # (pattern, flags) -> (flags, code, groups, groupindex, indexgroup)
_dirty = False


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the memo when it holds it."""
    global _dirty
    memo = _load()
    key = (pattern, int(flags))
    stored = memo.get(key)
    if stored is not None:
        try:
            import _sre

            return _sre.compile(pattern, stored[0], stored[1], stored[2], stored[3], stored[4])
        except Exception:  # noqa: BLE001 - a program this _sre refuses: compile it afresh
            del memo[key]
    try:
        program = _program(pattern, int(flags))
    except Exception:  # noqa: BLE001 - re's internals differ: plain compile, not remembered
        return re.compile(pattern, flags)
    if len(memo) >= _LIMIT:
        memo.clear()
    memo[key] = program
    if not _dirty:
        _dirty = True
        import atexit

        atexit.register(_save)
    import _sre

    return _sre.compile(pattern, *program)


def _program(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile``."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = list(map(int, _compiler._code(parsed, flags)))  # its opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _key() -> str:
    import _sre

    return f"patterns {sys.version} {_sre.MAGIC}"


def _name() -> str:
    import zlib

    return f"patterns-{zlib.crc32(_key().encode()) & 0xFFFF:04x}.marshal"


def _load() -> dict:
    global _memo
    if _memo is None:
        _memo = {}
        from . import user

        data = user._read(_name())
        if data is not None:
            try:
                import marshal

                key, entries = marshal.loads(data)
                if key == _key() and isinstance(entries, dict):
                    _memo = entries
            except Exception:  # noqa: BLE001 - a corrupt file is ignored and rewritten
                pass
    return _memo


def _save() -> None:
    """Write the memo back (at exit, once, if anything was added)."""
    import marshal

    from . import user

    try:
        data = marshal.dumps((_key(), _memo))
    except ValueError:  # pragma: no cover - only plain data goes in
        return
    user._write(_name(), data)
