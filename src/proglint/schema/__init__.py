"""Schema checks: the document as JSON, validated by JSON Schema.

* :mod:`proglint.schema.to_json` — the public JSON form of a document
  (``to_json(document) -> (json, span_index)``) and the span of every value;
* :mod:`proglint.schema.validate` — :func:`check`, the stage the pipeline
  calls, and the loading of the program schema and team schemas;
* :mod:`proglint.schema.codes` — the checks (codes, names, severities, docs)
  schema errors are reported under;
* :mod:`proglint.schema.messages` — plain-language messages.

``proglint.schema.to_json`` is the module (its function has the same name:
``from proglint.schema.to_json import to_json``).  The other names are loaded
lazily so that ``proglint rules`` (which needs only :mod:`codes`) does not pay
for importing ``jsonschema``.
"""

from __future__ import annotations

import importlib

__all__ = [
    "check",
    "SchemaConfigError",
    "load_program_schema",
    "program_schema_text",
    "program_schema_path",
    "duplicate_keys",
    "json_form",
    "span_index",
    "Located",
]

_HOMES = {
    "check": "validate",
    "SchemaConfigError": "validate",
    "load_program_schema": "validate",
    "program_schema_text": "validate",
    "program_schema_path": "validate",
    "duplicate_keys": "validate",
    "json_form": "to_json",
    "span_index": "to_json",
    "Located": "to_json",
}


def __getattr__(name):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'proglint.schema' has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
