"""Baselines: adopt a strict linter without fixing every old finding first.

``--write-baseline FILE`` records today's findings; ``--baseline FILE``
then reports only new ones.  Entries are keyed by path, code and the text
the finding points at — never by line number — so inserting a row above an
old finding does not bring it back.  Entries whose findings are gone are
"stale"; ``--baseline-prune`` rewrites the file without them.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_text
from .diagnostic import Diagnostic
from .source import Source

VERSION = 1


class BaselineError(Exception):
    pass


@dataclass(frozen=True, order=True)
class Entry:
    path: str
    code: str
    content: str


def content_of(diagnostic: Diagnostic, source: Source | None) -> str:
    """What a finding points at: the characters of its span, or its whole
    line when the span is empty or spans lines."""
    if source is None:
        return diagnostic.message
    span = diagnostic.span
    try:
        if span.start_line == span.end_line and span.end_column > span.start_column:
            return source.slice(span).strip()
        return source.line(span.start_line).strip()
    except (ValueError, IndexError):
        return diagnostic.message


def _relative(path: str, base: Path) -> str:
    try:
        return Path(path).resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, RuntimeError, OSError):  # outside base, or a link in a loop
        return Path(path).as_posix()


def entries_for(diagnostics, sources: dict[str, Source], base: Path) -> Counter:
    return Counter(
        Entry(_relative(d.path, base), d.code, content_of(d, sources.get(d.path))) for d in diagnostics
    )


def write(file: Path, diagnostics, sources: dict[str, Source]) -> int:
    counts = entries_for(diagnostics, sources, file.parent)
    _write(file, counts)
    return sum(counts.values())


def _write(file: Path, counts: Counter) -> None:
    data = {
        "version": VERSION,
        "tool": "proglint",
        "entries": [
            {"path": e.path, "code": e.code, "content": e.content, "count": n} for e, n in sorted(counts.items())
        ],
    }
    write_text(file, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def load(file: Path) -> Counter:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"baseline '{file}' does not exist; create it with --write-baseline {file}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read baseline '{file}': {exc}") from None
    except ValueError as exc:
        raise BaselineError(f"baseline '{file}' is not valid: not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        raise BaselineError(
            f"baseline '{file}' is not valid: expected an object with \"version\": {VERSION} and an \"entries\" list "
            f"(written by --write-baseline)"
        )
    counts: Counter = Counter()
    for index, entry in enumerate(data["entries"]):
        fields = entry if isinstance(entry, dict) else {}
        values = [fields.get(key) for key in ("path", "code", "content")]
        count = fields.get("count", 1)
        if not all(isinstance(v, str) for v in values) or not isinstance(count, int) or count < 1:
            raise BaselineError(
                f"baseline '{file}' is not valid: entry {index + 1} needs string path, code and content "
                "and a positive count"
            )
        counts[Entry(*values)] += count
    return counts


@dataclass
class Filtered:
    new: list[Diagnostic]
    stale: Counter  # entries of linted files whose findings are gone
    remaining: Counter  # the baseline without the stale entries


def apply(file: Path, baseline: Counter, diagnostics, sources: dict[str, Source]) -> Filtered:
    left = Counter(baseline)
    new = []
    for d in diagnostics:
        entry = Entry(_relative(d.path, file.parent), d.code, content_of(d, sources.get(d.path)))
        if left[entry] > 0:
            left[entry] -= 1
        else:
            new.append(d)
    linted = {_relative(p, file.parent) for p in sources}
    stale = Counter({e: n for e, n in left.items() if n > 0 and e.path in linted})
    return Filtered(new, stale, baseline - stale)


def prune(file: Path, filtered: Filtered) -> None:
    _write(file, filtered.remaining)
