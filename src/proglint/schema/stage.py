"""The schema stage the pipeline runs: :func:`check`.

A document the fast validators (:mod:`proglint.schema.fast`) accept against
every schema has no schema findings, only duplicate front-matter keys, and
is done without importing jsonschema.  Any other document, and any schema
the fast path cannot answer for, goes to :func:`proglint.schema.validate.check`,
which finds every error with jsonschema and puts it at its exact place; so
the findings are the same either way, only their cost differs.

The shipped program schema is trusted as it is (the tests check it against
the 2020-12 meta-schema and proglint's annotations); a team schema is
checked by :func:`proglint.schema.validate.compiled` whenever it is used.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from ..cache import user as usercache
from ..diagnostic import Diagnostic, Related
from ..document import Document, YamlMapping, YamlSequence
from ..resources import schema_path
from . import codes, fast, fixes
from .to_json import JsonPath, json_form, key_text

PROGRAM_SCHEMA = "program.schema.json"


class SchemaConfigError(Exception):
    """A schema file named in the configuration cannot be used: it is
    missing, not JSON, or not a valid Draft 2020-12 schema.  The CLI
    reports it and exits with status 2."""

    def __init__(self, path: str | os.PathLike, message: str):
        self.path = Path(path)
        self.message = message
        super().__init__(f"{path}: {message}")


def program_schema_path() -> Path:
    return schema_path(PROGRAM_SCHEMA)


def program_schema_text() -> str:
    """The program schema as shipped, for ``proglint schema document``."""
    return program_schema_path().read_text(encoding="utf-8")


def load_program_schema() -> dict:
    """The program schema as a fresh dict (safe to modify)."""
    import json

    return json.loads(program_schema_text())


def check(document: Document, extra_schemas: Iterable[str | os.PathLike] = ()) -> list[Diagnostic]:
    """Schema diagnostics for one document: the program schema, then each
    extra (team) schema, on the same JSON with the same positions."""
    extra_schemas = tuple(extra_schemas)
    checks = [_fast_program()]
    checks += [_fast_file(Path(path), team=True) for path in extra_schemas]
    instance = json_form(document)
    if all(valid is not None and valid(instance) for valid in checks):
        return unique_sorted(duplicate_keys(document))
    from . import validate

    return validate.check(document, extra_schemas, instance=instance)


def failing_rows(path: str | os.PathLike, instance: dict) -> list[int] | None:
    """The positions of the observations the fast row validator of a schema
    file rejects (in order), or ``None`` when the schema cannot be judged
    row by row (:func:`proglint.schema.fast.row_schema`) and every row must
    be validated.  An accepted row has no error under that schema (the fast
    path's "yes" is never wrong), so jsonschema may skip it."""
    valid = _fast_rows(Path(path))
    rows = instance.get("observations")
    if valid is None or not isinstance(rows, list):
        return None
    return [position for position, row in enumerate(rows) if not valid(row)]


_ROWS: dict[str, tuple[tuple[int, int], Any]] = {}

# Whether the schema check keeps the findings of rejected rows for the next
# parse of the same buffer (proglint.schema.validate._ROW_FINDINGS).  Only
# the language server turns it on (lsp.incremental.StageMemo): its parser
# hands back unchanged row objects, while in a command-line run every row
# is new, so kept rows would never be asked for again, yet stay alive (a
# 1,000-column table kept 800,000 objects for the collector to walk).
REMEMBER_ROWS = False


def _fast_rows(path: Path) -> fast.Validator | None:
    """The fast row validator of a schema file, built once per (path, mtime, size)."""
    try:
        return _built_once(_ROWS, path, fast.row_validator)
    except (OSError, UnicodeDecodeError):
        return None


def _built_once(store: dict, path: Path, build, check=None) -> fast.Validator | None:
    """``build(text)`` of a schema file, kept in ``store`` per (path, mtime,
    size); None when it cannot be read or ``build`` finds it ineligible
    (ValueError).  ``check(text)`` runs first on a text not seen yet.  A
    file that cannot be read raises OSError/UnicodeDecodeError: what that
    means is the caller's to say."""
    stat = path.stat()
    key = str(path.resolve())
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = store.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    text = path.read_text(encoding="utf-8")
    if check is not None:
        check(text)
    try:
        validator = build(text)
    except ValueError:  # not eligible (or not JSON: the full path reports it)
        validator = None
    store[key] = (stamp, validator)
    return validator


def unique_sorted(found: list[Diagnostic]) -> list[Diagnostic]:
    """Identical findings (same place, message and severity) once, in order."""
    unique: dict[tuple, Diagnostic] = {}
    for diagnostic in found:
        unique.setdefault((diagnostic.span, diagnostic.message, diagnostic.severity), diagnostic)
    return sorted(unique.values(), key=lambda d: d.sort_key)


_FAST: dict[str, tuple[tuple[int, int], Any]] = {}  # two threads may both build one: harmless


_PROGRAM: list = []


def _fast_program():
    """The shipped schema does not change while proglint runs: no stat per document."""
    if not _PROGRAM:
        _PROGRAM.append(_fast_file(program_schema_path()))
    return _PROGRAM[0]


def _fast_file(path: Path, team: bool = False) -> fast.Validator | None:
    """The fast validator of a schema file, built once per (path, mtime,
    size); None when the schema is not eligible.  A team schema proglint
    cannot use raises SchemaConfigError, even for a valid document."""
    try:
        return _built_once(_FAST, path, fast.validator, (lambda text: _check_team_schema(path, text)) if team else None)
    except (OSError, UnicodeDecodeError):
        if team:
            _compile(path)  # reports why it cannot be read
        return None


def _check_team_schema(path: Path, text: str) -> None:
    """Raise SchemaConfigError for a team schema proglint cannot use.  A
    text that passed is remembered per user (with proglint's codes and the
    jsonschema that judged it), so later runs need not import jsonschema."""
    key = "\n".join(("proglint team schema 1", " ".join(sorted(codes.BY_CODE)), usercache.installed("jsonschema"), text))
    usercache.memo("team-schema", key, lambda: _compile(path))


def _compile(path: Path) -> bool:
    from . import validate

    validate.compiled(path)
    return True


def duplicate_keys(document: Document) -> list[Diagnostic]:
    """PL103 at each repeated front-matter key, naming the first's line."""
    front = document.front_matter
    if front is None or front.mapping is None:
        return []
    found: list[Diagnostic] = []
    # An explicit stack, not a recursive inner function: a nested function
    # that calls itself holds itself in its closure, a reference cycle that
    # kept the whole document alive until the cyclic collector ran (the
    # collector then had to walk a 30,000-row model to free it).
    stack: list[tuple[Any, JsonPath]] = [(front.mapping, ("front_matter",))]
    while stack:
        node, path = stack.pop()
        if isinstance(node, YamlMapping):
            first: dict[str, Any] = {}
            children = []
            for position, entry in enumerate(node.entries):
                key = key_text(entry.key, document)
                earlier = first.get(key)
                if earlier is None:
                    first[key] = entry
                else:
                    from . import messages

                    line = earlier.key.span.start_line
                    found.append(
                        codes.FRONT_MATTER_DUPLICATE_KEY.diagnostic(
                            entry.key.span,
                            f"duplicate key {key!r} {messages.where(path)}: it is first given on line {line}, "
                            "and only that value is checked; keep one of the two",
                            document.path,
                            fix=fixes.drop_duplicate(document, node, position, earlier),
                            related=(Related(earlier.key.span, f"{key!r} first given here"),),
                        )
                    )
                children.append((entry.value, path + (key,)))
            stack.extend(reversed(children))
        elif isinstance(node, YamlSequence):
            stack.extend(reversed([(item, path + (position,)) for position, item in enumerate(node.items)]))
    return found
