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

import json
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
    if REMEMBER_ROWS:
        instance = _kept_json_form(document)
        paths = (program_schema_path(), *map(Path, extra_schemas))
        if all(_valid_by_parts(valid, path, instance) for valid, path in zip(checks, paths)):
            return unique_sorted(duplicate_keys(document))
    else:
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
    if REMEMBER_ROWS:
        return [position for position, row in enumerate(rows) if not _row_verdict(valid, row)]
    return [position for position, row in enumerate(rows) if not valid(row)]


_ROWS: dict[str, tuple[tuple[int, int], Any]] = {}

# Whether the schema check keeps the findings of rejected rows for the next
# parse of the same buffer (proglint.schema.validate._ROW_FINDINGS).  Only
# the language server turns it on (lsp.incremental.StageMemo): its parser
# hands back unchanged row objects, while in a command-line run every row
# is new, so kept rows would never be asked for again, yet stay alive (a
# 1,000-column table kept 800,000 objects for the collector to walk).
REMEMBER_ROWS = False


# --------------------------------------------------------------------------
# The language server's row memo (on with REMEMBER_ROWS).
#
# After a keystroke the parser hands back the very row objects of the last
# parse for the rows it did not touch (lsp.incremental.RowMemo), so a row's
# JSON form is kept by row object, and a row validator's verdict by the
# row's JSON *value* (a row moved down by an inserted line has a new object
# and the same value: its verdict stands).  With those, a keystroke in a
# 1,000-row table validates one row and the small rest of the document,
# not the 1,000 rows again.  A schema whose rows are not judged one by one
# (no row validator) is validated whole, as in a command-line run.


class _RowJson(dict):
    """A row's JSON form (a plain dict to the validators), with the hashable
    ``key`` its verdicts are kept under."""

    __slots__ = ("key",)


class _WithoutRows:
    """A document as :func:`json_form` sees it with no table: the JSON form
    of everything but the observations (they are built row by row)."""

    __slots__ = ("_document",)
    table = None

    def __init__(self, document: Document) -> None:
        self._document = document

    def __getattr__(self, name: str):
        return getattr(self._document, name)


_KEPT_ROWS: dict[str, dict[int, tuple[Any, _RowJson]]] = {}  # path -> id(row) -> (row, its JSON)
_VERDICTS: dict[int, tuple[fast.Validator, dict]] = {}  # id(row validator) -> (it, {row key: valid})
_VERDICTS_LIMIT = 200_000


def _kept_json_form(document: Document) -> dict:
    """:func:`json_form` of the document (equal to it), with the JSON of each
    row the last check of this path saw reused (the rows of this check are
    kept for the next: bounded by one table per open document)."""
    from .to_json import _row

    instance = json_form(_WithoutRows(document))  # type: ignore[arg-type] - duck-typed: no table
    table = document.table
    rows = table.rows if table is not None else ()
    before = _KEPT_ROWS.get(document.path, {})
    now: dict[int, tuple[Any, _RowJson]] = {}
    forms = []
    for row in rows:
        kept = before.get(id(row))
        if kept is None or kept[0] is not row:
            form = _RowJson(_row(row))
            form.key = _key(form)
            kept = (row, form)
        now[id(row)] = kept
        forms.append(kept[1])
    _KEPT_ROWS[document.path] = now
    instance["observations"] = forms
    return instance


def forget(path: str) -> None:
    """A document was closed: drop its kept rows."""
    _KEPT_ROWS.pop(path, None)


def _key(form: dict) -> str:
    """The row's JSON text: equal texts are equal values (1, 1.0, true and
    "1" are written apart), and a string is one object for the collector
    to skip, not a tree of tuples for it to walk."""
    return json.dumps(form, ensure_ascii=False, allow_nan=True)


def _row_verdict(valid: fast.Validator, row: Any) -> bool:
    """``valid(row)``, remembered by the row's value (a row not made by
    :func:`_kept_json_form` is just validated)."""
    if not isinstance(row, _RowJson):
        return valid(row)
    kept = _VERDICTS.get(id(valid))
    if kept is None or kept[0] is not valid:
        kept = _VERDICTS[id(valid)] = (valid, {})
    verdicts = kept[1]
    key = row.key
    verdict = verdicts.get(key)
    if verdict is None:
        if len(verdicts) >= _VERDICTS_LIMIT:
            verdicts.clear()
        verdict = verdicts[key] = valid(row)
    return verdict


def _valid_by_parts(valid: fast.Validator | None, path: Path, instance: dict) -> bool:
    """The fast verdict on the whole instance, from the instance without its
    rows and each row's remembered verdict when the schema judges rows one
    by one (:func:`proglint.schema.fast.row_schema`: then the two are the
    same); else from the whole instance."""
    if valid is None:
        return False
    rows_valid = _fast_rows(path)
    rows = instance.get("observations")
    if rows_valid is None or not isinstance(rows, list):
        return valid(instance)
    if not valid({**instance, "observations": []}):
        return False
    return all(_row_verdict(rows_valid, row) for row in rows)


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
    text that passed is remembered per user (with proglint's codes, the
    jsonschema and the proglint code that judged it), so later runs need not
    import jsonschema."""
    key = "\n".join(("proglint team schema 1", " ".join(sorted(codes.BY_CODE)), usercache.installed("jsonschema"),
                     _judge(), text))
    usercache.memo("team-schema", key, lambda: _compile(path))


_JUDGES = ("validate.py", "refs.py")


def _judge() -> str:
    """Which copy of the code that judges a team schema: a verdict remembered
    by another proglint, one that accepted a schema this one refuses, must
    not stand (two stats, no import)."""
    here = Path(__file__).parent
    return " ".join(usercache.stamped(str(here / name)) for name in _JUDGES)


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
