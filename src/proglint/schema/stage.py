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

from ..diagnostic import Diagnostic, Related
from ..document import Document, YamlMapping, YamlSequence
from ..resources import schema_path
from . import codes, fast
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
    if extra_schemas:
        from . import validate

        for path in extra_schemas:
            validate.compiled(path)  # a broken team schema is an error even for a valid document
            checks.append(_fast_file(Path(path)))
    instance = json_form(document)
    if all(valid is not None and valid(instance) for valid in checks):
        return unique_sorted(duplicate_keys(document))
    from . import validate

    return validate.check(document, extra_schemas)


def unique_sorted(found: list[Diagnostic]) -> list[Diagnostic]:
    """Identical findings (same place, message and severity) once, in order."""
    unique: dict[tuple, Diagnostic] = {}
    for diagnostic in found:
        unique.setdefault((diagnostic.span, diagnostic.message, diagnostic.severity), diagnostic)
    return sorted(unique.values(), key=lambda d: d.sort_key)


_FAST: dict[str, tuple[tuple[int, int], Any]] = {}  # two threads may both build one: harmless


def _fast_program():
    return _fast_file(program_schema_path())


def _fast_file(path: Path) -> fast.Validator | None:
    """The fast validator of a schema file, built once per (path, mtime,
    size); None when the file cannot be read or the schema is not eligible."""
    try:
        stat = path.stat()
        key = str(path.resolve())
    except OSError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _FAST.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        validator = fast.validator(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        validator = None
    _FAST[key] = (stamp, validator)
    return validator


def duplicate_keys(document: Document) -> list[Diagnostic]:
    """PL103 at each repeated front-matter key, naming the first's line."""
    front = document.front_matter
    if front is None or front.mapping is None:
        return []
    found: list[Diagnostic] = []

    def walk(node, path: JsonPath) -> None:
        if isinstance(node, YamlMapping):
            first: dict[str, Any] = {}
            for entry in node.entries:
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
                            related=(Related(earlier.key.span, f"{key!r} first given here"),),
                        )
                    )
                walk(entry.value, path + (key,))
        elif isinstance(node, YamlSequence):
            for position, item in enumerate(node.items):
                walk(item, path + (position,))

    walk(front.mapping, ("front_matter",))
    return found
