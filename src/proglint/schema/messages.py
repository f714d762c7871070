"""Messages a program coordinator understands without knowing JSON Schema.

A schema can write its own with ``"x-proglint-message"`` (a template with
``{key}`` and ``{value}``); for the rest, :func:`generated` words each
JSON Schema keyword in plain language.
"""

from __future__ import annotations

import json
from typing import Any

from .to_json import JsonPath

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
    "object": "a mapping of keys to values",
    "array": "a list",
}

_OBSERVATION_FIELDS = {
    "folder": "the folder",
    "number": "the observation number",
    "label": "the label",
    "template": "the Observing Template",
}
_TARGET_FIELDS = {"text": "the Science Target", "number": "the target number", "name": "the target name"}
_TOP = {
    ("heading",): "the heading",
    ("heading", "id"): "the heading's program ID",
    ("heading", "title"): "the heading's title",
    ("url",): "the program URL",
    ("url", "text"): "the program URL",
    ("url", "program_id"): "the program ID in the URL",
    ("sections",): "the sections",
    ("observations",): "the observations table",
    ("front_matter",): "the front matter",
    (): "the document",
}
MAX_SHOWN = 60


def subject(path: JsonPath) -> str:
    """What a JSON path is called in a message: ``cycle``, ``the target number``."""
    path = tuple(path)
    if path in _TOP:
        return _TOP[path]
    head = path[0]
    if head == "front_matter":
        return _dotted(path[1:])
    if head == "sections" and len(path) == 2:
        return "the section title"
    if head == "observations":
        if len(path) == 2:
            return "the observation row"
        field = path[2]
        if field == "target":
            if len(path) == 3:
                return "the Science Target"
            if len(path) == 4 and path[3] in _TARGET_FIELDS:
                return _TARGET_FIELDS[path[3]]
        elif len(path) == 3 and field in _OBSERVATION_FIELDS:
            return _OBSERVATION_FIELDS[field]
    return _dotted(path)


def where(path: JsonPath) -> str:
    """``in the front matter``, ``under 'nested' in the front matter``, ..."""
    path = tuple(path)
    if len(path) > 1 and path[0] == "front_matter":
        return f"under '{_dotted(path[1:])}' in the front matter"
    return f"in {subject(path)}"


def _dotted(parts) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def show(value: Any, written: str | None = None, *, structured_as_text: bool = False) -> str:
    """A value as a message quotes it. ``written`` is the document's text for
    it: numbers and booleans are shown as written (``0x1F``, ``True``)."""
    if value is None or value == "":
        return "nothing"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, (bool, int, float)):
        if written and "\n" not in written:
            return _clip(written)
        if isinstance(value, bool):
            return "true" if value else "false"
        return repr(value)
    if structured_as_text and written is not None and "\n" not in written:
        # an object that stands for one piece of text (a target cell)
        return _quote(written.strip()) if written.strip() else "nothing"
    if isinstance(value, list):
        return "a list"
    return "a mapping of keys to values"


def _quote(text: str) -> str:
    return json.dumps(_clip(text), ensure_ascii=False)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def literal(value: Any) -> str:
    """A schema's value (from enum or const) as a message shows it."""
    if value is None:
        return "empty"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False) if value else '""'
    return json.dumps(value, ensure_ascii=False)


def fill(template: str, key: str, value: str) -> str:
    """Fill ``{key}`` and ``{value}``; any other braces stay as written."""
    return template.replace("{key}", key).replace("{value}", value)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _one_of(values) -> str:
    shown = [literal(v) for v in values]
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " or " + shown[-1]


def generated(error, name: str, shown: str) -> str:
    """A plain-language message for a validation error on a value.

    ``name`` is what the value is called (:func:`subject`), ``shown`` the
    value as the message quotes it (:func:`show`).
    """
    keyword = error.validator
    expected = error.validator_value
    instance = error.instance
    if keyword == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        words = [_TYPE_WORDS.get(t, t) for t in types]
        wanted = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
        return f"{name} must be {wanted}; found {shown}"
    if keyword == "enum":
        return f"{name} must be {_one_of(expected)}; found {shown}"
    if keyword == "const":
        return f"{name} must be {literal(expected)}; found {shown}"
    if keyword == "not":
        return f"{name} may not be {shown}"
    if keyword == "minimum":
        return f"{name} must be at least {expected}; found {shown}"
    if keyword == "maximum":
        return f"{name} must be at most {expected}; found {shown}"
    if keyword == "exclusiveMinimum":
        return f"{name} must be greater than {expected}; found {shown}"
    if keyword == "exclusiveMaximum":
        return f"{name} must be less than {expected}; found {shown}"
    if keyword == "multipleOf":
        return f"{name} must be a multiple of {expected}; found {shown}"
    if keyword == "minLength":
        if expected == 1:
            return f"{name} must not be empty"
        return f"{name} must be at least {_count(expected, 'character')} long; found {shown}"
    if keyword == "maxLength":
        if expected == 0:
            return f"{name} must be empty; found {shown}"
        return f"{name} must be at most {_count(expected, 'character')} long; found {shown}"
    if keyword == "pattern":
        return f"{name} does not have the required form (the pattern {expected}); found {shown}"
    if keyword == "format":
        return f"{name} must be a valid {expected}; found {shown}"
    if keyword == "minItems":
        return f"{name} must have at least {_count(expected, 'item')}; found {len(instance)}"
    if keyword == "maxItems":
        return f"{name} must have at most {_count(expected, 'item')}; found {len(instance)}"
    if keyword == "uniqueItems":
        return f"{name} must not repeat an item"
    if keyword == "minProperties":
        return f"{name} must have at least {_count(expected, 'key')}; found {len(instance)}"
    if keyword == "maxProperties":
        return f"{name} must have at most {_count(expected, 'key')}; found {len(instance)}"
    if keyword in ("contains", "minContains", "maxContains"):
        return f"{name} does not contain the items the schema requires"
    if keyword in ("anyOf", "oneOf"):
        branches = expected if isinstance(expected, list) else []
        described = [b.get("description") or b.get("title") for b in branches if isinstance(b, dict)]
        if keyword == "oneOf" and not error.context:
            return f"{name} matches more than one of the allowed forms; found {shown}"
        if described and all(described) and len(described) == len(branches):
            return f"{name} must be one of: " + "; ".join(d.rstrip(".") for d in described) + f"; found {shown}"
        return f"{name} matches none of the allowed forms; found {shown}"
    if keyword is None:  # a `false` schema
        return f"{name} is not allowed here"
    return f"{name}: {error.message}"
