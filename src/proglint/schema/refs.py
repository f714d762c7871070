"""Local ``$ref`` keywords replaced by what they name, in a copy of a schema.

Both validators run on such a copy: jsonschema
(:mod:`proglint.schema.validate`) saves a lookup and a descent per table
row, and the code fastjsonschema generates (:mod:`proglint.schema.fast`)
validates a row inline instead of through a function call that formats the
row's name first, about three times faster.
"""

from __future__ import annotations

from typing import Any

_REF_ONLY = frozenset(("$ref", "description", "title", "$comment"))


def pointer(schema: Any, ref: str) -> Any:
    """What a local reference (``#/$defs/row``, ``#``) names in ``schema``,
    or None (JSON Pointer escapes ``~1`` and ``~0`` understood)."""
    node = schema
    for part in ref[2:].split("/") if ref != "#" else ():
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def inline_local_refs(schema: Any) -> Any:
    """The schema with each ``{"$ref": "#/..."}`` (and nothing but notes
    beside it) replaced by the subschema it names, which saves a lookup and a
    descent per table row.  Done only where it cannot change the meaning: no
    nested ``$id``, local JSON-pointer references, no cycles.  The file's
    dict is not modified; shared subschemas stay shared (same objects)."""
    if not isinstance(schema, dict) or _mentions_nested_id(schema):
        return schema

    done: dict[int, Any] = {}

    def rebuild(node, active: frozenset):
        if isinstance(node, list):
            return [rebuild(item, active) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and set(node) <= _REF_ONLY and ref not in active:
            named = pointer(schema, ref)
            if isinstance(named, (dict, bool)):
                if id(named) not in done:
                    done[id(named)] = rebuild(named, active | {ref})
                return done[id(named)]
        return {key: rebuild(value, active) for key, value in node.items()}

    return rebuild(schema, frozenset())


def _mentions_nested_id(schema: dict) -> bool:
    """Whether a subschema below the root declares its own ``$id``: a new
    base, against which a ``#/...`` pointer inside it is resolved.  An
    ``$anchor`` or ``$dynamicAnchor`` names a place without moving the base,
    so pointers still name the same subschemas (and are checked, see
    ``validate._check_local_refs``), and an inlined copy of an anchored
    subschema means the same as the one the anchor names."""
    return any(mentions(value, "$id") for value in schema.values())


def mentions(schema: Any, keyword: str) -> bool:
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if keyword in node:
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False
