"""A fast yes/no answer to "is this JSON valid against this schema?".

Most documents are valid, and for them jsonschema's error machinery (and
the import of jsonschema itself) is pure cost.  This module turns a schema
into a plain Python function with ``fastjsonschema``, which answers yes or
no many times faster; the schema stage asks it first and runs the full
jsonschema validation, with its precise errors, only for a "no".

A "yes" must never be wrong, and fastjsonschema implements drafts 4 to 7,
not the Draft 2020-12 proglint applies.  So :func:`prepare` accepts only
schemas written with keywords whose meaning is the same in Draft 7 and
2020-12 for JSON values (type, enum, const, properties, required,
additionalProperties, patternProperties, propertyNames, allOf/anyOf/oneOf,
not, if/then/else, items as one schema, contains, numeric and length
bounds, pattern, local ``$ref``) plus annotations (``x-…``, description,
…), and returns ``None`` for anything else: 2020-12-only keywords
(unevaluatedProperties, dependentRequired, prefixItems, $dynamicRef, …),
``format`` (jsonschema's format checks depend on what is installed),
``uniqueItems`` and ``multipleOf`` (numeric equality differs), nested
``$id``/``$anchor``, remote references, and regular expressions that
fastjsonschema would rewrite into a weaker one.  Such a schema always takes
the jsonschema path.  A "no" that jsonschema would answer "yes" (say,
``"abc\\n"`` against ``^abc$``, which fastjsonschema reads as ``\\Z``) only
costs the slow path, never a finding.

Generating and compiling the function costs ~15 ms and importing
fastjsonschema ~10 ms, too much for a pre-commit hook's start-up; the
compiled code is therefore kept in the user cache (:mod:`proglint.cache.user`),
keyed by the exact schema text and the Python, fastjsonschema and format
versions, and loaded with ``marshal`` in well under a millisecond, without
importing fastjsonschema at all.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Callable

from ..cache import user as usercache
from .refs import pointer

FORMAT = 2  # bump when prepare() or the cached form changes
DRAFT_7 = "http://json-schema.org/draft-07/schema#"

_TYPES = frozenset(("null", "boolean", "number", "integer", "string", "array", "object"))
_ANNOTATIONS = frozenset((
    "$schema", "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
))
_SCHEMA_MAPS = frozenset(("properties", "patternProperties", "$defs", "definitions"))
_SCHEMA_LISTS = frozenset(("allOf", "anyOf", "oneOf"))
_SCHEMA_ONE = frozenset(("not", "if", "then", "else", "additionalProperties", "propertyNames", "contains", "items"))
_NUMBERS = frozenset(("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"))
_COUNTS = frozenset(("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"))
_NEGATIVE_LOOKAROUND = re.compile(r"\(\?<?!")


class Unsupported(Exception):
    """The schema uses something the fast path cannot answer for exactly."""


Validator = Callable[[Any], bool]


def prepare(schema: Any) -> Any:
    """The schema as fastjsonschema should see it (local references inlined
    where that cannot change the meaning, annotations dropped, a ``$ref``
    with sibling keywords turned into the ``allOf`` it means in 2020-12,
    declared Draft 7), or ``None`` when it is not eligible."""
    from .refs import inline_local_refs

    try:
        prepared = _node(inline_local_refs(schema), root=True)
    except Unsupported:
        return None
    if isinstance(prepared, dict):
        prepared["$schema"] = DRAFT_7
        if not _references_resolve(prepared):
            return None
    return prepared


def _node(node: Any, root: bool = False) -> Any:
    if isinstance(node, bool):
        return node
    if not isinstance(node, dict):
        raise Unsupported("a schema must be an object or a boolean")
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _ANNOTATIONS or key.startswith("x-") or (root and key == "$id"):
            continue
        if key in _SCHEMA_MAPS:
            if not isinstance(value, dict):
                raise Unsupported(key)
            if key == "patternProperties":
                for pattern in value:
                    _check_pattern(pattern)
            out[key] = {name: _node(sub) for name, sub in value.items()}
        elif key in _SCHEMA_LISTS:
            if not isinstance(value, list) or not value:
                raise Unsupported(key)
            out[key] = [_node(sub) for sub in value]
        elif key in _SCHEMA_ONE:
            out[key] = _node(value)  # items as a list (Draft 7 tuples) is not a schema: Unsupported
        elif key == "type":
            names = value if isinstance(value, list) else [value]
            if not names or not all(isinstance(n, str) and n in _TYPES for n in names):
                raise Unsupported(key)
            out[key] = value
        elif key in ("enum", "const"):
            values = value if key == "enum" else [value]
            if not isinstance(values, list) or not all(_plain_json(v) for v in values):
                raise Unsupported(key)
            out[key] = value
        elif key == "required":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise Unsupported(key)
            out[key] = value
        elif key in _NUMBERS:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise Unsupported(key)
            out[key] = value
        elif key in _COUNTS:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise Unsupported(key)
            out[key] = value
        elif key == "pattern":
            _check_pattern(value)
            out[key] = value
        elif key == "$ref":
            if not isinstance(value, str) or not (value == "#" or value.startswith("#/")):
                raise Unsupported("only local JSON-pointer references")
            out[key] = value
        else:
            raise Unsupported(key)
    siblings = {k: v for k, v in out.items() if k not in ("$ref", "$defs", "definitions")}
    if "$ref" in out and siblings:  # Draft 7 ignores a $ref's siblings; 2020-12 applies them
        kept = {k: v for k, v in out.items() if k in ("$defs", "definitions")}  # where pointers expect them
        return {**kept, "allOf": [{"$ref": out["$ref"]}, siblings]}
    return out


def _plain_json(value: Any) -> bool:
    if value is None or isinstance(value, (str, bool, int, float)):
        return True
    if isinstance(value, list):
        return all(_plain_json(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_json(v) for k, v in value.items())
    return False


def _check_pattern(pattern: Any) -> None:
    """fastjsonschema rewrites every unescaped ``$`` as ``\\Z`` (which
    matches less): safe, except inside a negative lookaround, where matching
    less accepts more."""
    if not isinstance(pattern, str):
        raise Unsupported("pattern")
    if "$" in pattern and _NEGATIVE_LOOKAROUND.search(pattern):
        raise Unsupported("pattern with $ in a negative lookaround")
    try:
        re.compile(pattern)
    except re.error:
        raise Unsupported("pattern") from None


def _references_resolve(schema: dict) -> bool:
    """Every ``$ref`` points at a schema inside the prepared copy."""
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not isinstance(pointer(schema, ref), (dict, bool)):
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return True


# --------------------------------------------------------------------------
# Building, and the cache of built validators.

_BUILT: dict[str, Validator | None] = {}


def validator(text: str) -> Validator | None:
    """The fast validator for a schema given as its JSON text, or ``None``
    when the schema is not eligible.  Built once per process, and once per
    user while the text and the versions stay the same."""
    key = "\n".join((f"proglint fast schema {FORMAT}", sys.version, usercache.installed("fastjsonschema"), text))
    if key not in _BUILT:
        entry = usercache.memo("fastschema", key, lambda: _generate(text))
        _BUILT[key] = _function(entry) if isinstance(entry, tuple) and len(entry) == 2 else None
    return _BUILT[key]


_ROW_BUILT: dict[str, Validator | None] = {}


def row_validator(text: str) -> Validator | None:
    """The fast validator of one observation under a schema given as its
    JSON text, when the schema judges the observations one by one (see
    :func:`row_schema`); else ``None``.  Built and kept like :func:`validator`.

    The schema stage asks it which rows of a document that failed the
    whole-document check are at fault, so that jsonschema (and the mapping
    of its errors to places) descends only into those: a 10,000-row table
    with three bad rows pays for three rows."""
    key = "\n".join((f"proglint fast row schema {FORMAT}", sys.version, usercache.installed("fastjsonschema"), text))
    if key not in _ROW_BUILT:
        entry = usercache.memo("fastschema", key, lambda: _generate(text, rows=True))
        _ROW_BUILT[key] = _function(entry) if isinstance(entry, tuple) and len(entry) == 2 else None
    return _ROW_BUILT[key]


# Top-level keywords that cannot look at the observations list (beside
# ``properties``, which holds it): with only these, a document is valid
# exactly when it is valid with no observations and each observation is
# valid under the ``items`` schema.
_ROW_SAFE_TOP = frozenset(("$schema", "type", "required", "additionalProperties", "properties", "propertyNames",
                           "minProperties", "maxProperties", "$defs", "definitions"))


def row_schema(prepared: Any) -> Any:
    """The schema of one observation in a prepared schema, or ``None`` when
    the schema does not judge observations one by one: the top level uses a
    keyword that could see the list (``allOf``, ``if``, ``patternProperties``
    ...), ``observations`` has a keyword beside ``type`` and ``items``
    (``minItems``, ``contains``), or the item schema still holds a ``$ref``
    into the rest of the schema."""
    from .refs import mentions

    if not isinstance(prepared, dict) or not set(prepared) <= _ROW_SAFE_TOP:
        return None
    properties = prepared.get("properties")
    observations = properties.get("observations") if isinstance(properties, dict) else None
    if not isinstance(observations, dict) or not set(observations) <= {"type", "items"}:
        return None
    kinds = observations.get("type", "array")
    if "array" not in (kinds if isinstance(kinds, list) else [kinds]):
        return None
    items = observations.get("items")
    if not isinstance(items, dict) or mentions(items, "$ref"):
        return None
    return {**items, "$schema": DRAFT_7}


def _generate(text: str, rows: bool = False):
    """(compiled module code, name of its entry function), or False;
    ``rows``: the validator of one observation (:func:`row_schema`)."""
    import json

    prepared = prepare(json.loads(text))
    if prepared is not None and rows:
        prepared = row_schema(prepared)
    if prepared is None:
        return False
    options = dict(use_default=False, use_formats=False)
    try:
        import fastjsonschema

        name = fastjsonschema.compile(prepared, handlers=_NO_REMOTE, **options).__name__
        source = fastjsonschema.compile_to_code(prepared, handlers=_NO_REMOTE, **options)
    except Exception:  # noqa: BLE001 - whatever fastjsonschema cannot build takes the jsonschema path
        return False
    return compile(source, "<proglint fast schema validator>", "exec"), name


def _refuse_remote(uri: str):
    raise Unsupported(f"remote reference {uri}")


_NO_REMOTE = {"http": _refuse_remote, "https": _refuse_remote, "file": _refuse_remote}


class _Invalid(Exception):
    """Stands in for fastjsonschema's exceptions in cached code."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args)


class _NoDecimal:
    """Stands in for ``decimal.Decimal``, which generated code names only in
    ``isinstance`` checks for numbers: JSON values are never Decimals, and
    importing decimal costs a millisecond."""


class _StandIn:
    JsonSchemaValueException = _Invalid
    JsonSchemaValuesException = _Invalid
    Decimal = _NoDecimal


class _Re:
    """Stands in for ``re``: the generated code compiles the schema's
    ``pattern`` keywords when it is loaded, on every run, so they come from
    the per-user pattern memo (:mod:`proglint.cache.patterns`)."""

    def __init__(self):
        from ..cache.patterns import compile

        self.compile = compile

    def __getattr__(self, name):
        import re

        return getattr(re, name)


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    if name in ("fastjsonschema", "decimal"):
        return _StandIn
    if name == "re":
        return _Re()
    return __import__(name, globals, locals, fromlist, level)


def _function(entry: tuple) -> Validator | None:
    code, name = entry
    builtins = dict(__builtins__ if isinstance(__builtins__, dict) else vars(__builtins__))
    builtins["__import__"] = _import
    namespace: dict[str, Any] = {"__builtins__": builtins, "__name__": "proglint_fast_schema"}
    try:
        exec(code, namespace)  # noqa: S102 - code generated from the schema, by us
        check = namespace[name]
    except Exception:  # noqa: BLE001
        return None

    def valid(instance: Any) -> bool:
        try:
            check(instance)
        except Exception:  # noqa: BLE001 - any doubt means "ask jsonschema"
            return False
        return True

    return valid
