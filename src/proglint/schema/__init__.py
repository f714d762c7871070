"""Schema checks: the document as JSON, validated by JSON Schema.

* :mod:`proglint.schema.to_json` — the public JSON form of a document
  (``to_json(document) -> (json, span_index)``) and the span of every value;
* :mod:`proglint.schema.stage` — :func:`check`, the stage the pipeline
  calls: a fast yes/no first (:mod:`proglint.schema.fast`), then, only for
  documents that fail it, :mod:`proglint.schema.validate`, which validates
  with jsonschema and puts every error at its exact place;
* :mod:`proglint.schema.codes` — the checks (codes, names, severities, docs)
  schema errors are reported under;
* :mod:`proglint.schema.messages` — plain-language messages.

``proglint.schema.to_json`` is the module (its function has the same name:
``from proglint.schema.to_json import to_json``).  The other names are loaded
lazily so that ``proglint rules`` (which needs only :mod:`codes`) does not pay
for the engine, and ``jsonschema`` is imported only for a document with
schema findings.
"""

from __future__ import annotations

import importlib

_HOMES = {
    "check": "stage",
    "SchemaConfigError": "stage",
    "load_program_schema": "stage",
    "program_schema_text": "stage",
    "program_schema_path": "stage",
    "duplicate_keys": "stage",
    "json_form": "to_json",
    "span_index": "to_json",
    "Located": "to_json",
}
__all__ = list(_HOMES)


def __getattr__(name):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'proglint.schema' has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
