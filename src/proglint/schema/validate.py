"""Validate a document's JSON form and put every error at its exact place.

:func:`check` is the full path of the schema stage: the pipeline's
:func:`proglint.schema.stage.check` calls it for the documents the fast
validators did not accept (so this module, and jsonschema, are imported only
then).  It validates the JSON form
(:mod:`proglint.schema.to_json`) against ``schemas/program.schema.json`` and
any team schemas, each with a ``Draft202012Validator`` built once per process
(cached by path and modification time) with format checking on.

Every error is turned into a :class:`~proglint.diagnostic.Diagnostic`
generically, for any schema over the JSON form:

* **Where.**  The error's JSON path is looked up in the span index; a path
  with no span of its own (a ``null`` part) falls back to its deepest
  ancestor that has one.  An unknown key (``additionalProperties``,
  ``unevaluatedProperties``, ``propertyNames``) is reported at *each*
  offending key; a missing key (``required``, ``dependentRequired``) at the
  object that lacks it, one diagnostic per key; a failed ``anyOf``/``oneOf``
  at the place of its most relevant sub-error
  (:func:`jsonschema.exceptions.best_match`).
* **Which code.**  The innermost ``"x-proglint-code"`` annotation on the
  schemas the error passed through, else the (area, kind) grid of
  :mod:`proglint.schema.codes`.
* **What message.**  The innermost ``"x-proglint-message"`` template (inside
  the subschema that set the code, if one did), with ``{key}`` the name of
  the value the annotation sits on and ``{value}`` that value as written;
  otherwise a message generated from the keyword
  (:mod:`proglint.schema.messages`).

Duplicate front-matter keys are not a schema matter (the JSON form keeps the
first) and are found in the model: PL103 at the second occurrence's key.

Identical findings (same place, message and severity: a team schema
repeating a program-schema rule, or a folder named once and continued on
many rows) are reported once.

Speed: validators are Draft 2020-12 with jsonschema's own keywords, except
that ``properties`` remembers which (subschema, value) pairs were valid, and
local ``$ref`` keywords are inlined in the validator's copy of a schema (see
:func:`inline_local_refs`); the span index is built only for documents that
have findings.  About 25 µs per table row, paid only by documents the fast
validators (:mod:`proglint.schema.fast`, a few µs per row) did not accept,
and only by the rows they rejected; a row's errors are put together from
those kept for its values and its keys (:func:`_item_verdicts`), and a
value at fault on many rows is worded twice, however many rows have it.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from jsonschema import Draft202012Validator, _keywords, validators
from jsonschema.exceptions import SchemaError, ValidationError, best_match
from referencing import Registry
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from ..diagnostic import Diagnostic
from ..document import Document
from ..span import Span
from . import codes, fixes, messages
from .refs import inline_local_refs, mentions
from . import stage
from .stage import SchemaConfigError, duplicate_keys, failing_rows, program_schema_path, unique_sorted
from .to_json import JsonPath, Located, RowSpanIndex, SpanIndex, json_form

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
CODE_ANNOTATION = "x-proglint-code"
MESSAGE_ANNOTATION = "x-proglint-message"


# --------------------------------------------------------------------------
# Loading, once per process.


@dataclass(frozen=True)
class CompiledSchema:
    path: Path
    schema: Any
    validator: Draft202012Validator
    registry: Registry
    resolver: Any  # a referencing.Resolver rooted at the schema
    trails: dict = field(default_factory=dict, compare=False, repr=False)  # see schema_trail


_CACHE: dict[str, tuple[tuple[int, int], CompiledSchema]] = {}
_LOCK = threading.Lock()


def compiled(path: str | os.PathLike) -> CompiledSchema:
    """The validator for a schema file, built once per (path, mtime, size)."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise SchemaConfigError(path, f"cannot read the schema: {exc.strerror or exc}") from None
    key = str(path.resolve())
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    result = _compile(path)
    with _LOCK:
        _CACHE[key] = (stamp, result)
    return result


def _compile(path: Path) -> CompiledSchema:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaConfigError(path, f"cannot read the schema: {exc}") from None
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaConfigError(path, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(schema, (dict, bool)):
        raise SchemaConfigError(path, "a JSON Schema must be a JSON object (or true/false)")
    if isinstance(schema, dict):
        declared = schema.get("$schema")
        if declared is not None and str(declared).rstrip("#") != DRAFT_2020_12:
            raise SchemaConfigError(
                path, f"proglint applies JSON Schema Draft 2020-12; '$schema' must be '{DRAFT_2020_12}', found {declared!r}"
            )
    try:
        if not _shipped(path):  # the shipped schema is checked by the tests (test_schema_file), not on every run
            Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "the top level"
        raise SchemaConfigError(path, f"not a valid JSON Schema (Draft 2020-12) at {where}: {exc.message}") from None
    _check_annotations(path, schema)
    _check_local_refs(path, schema)
    registry = _base_registry(path)
    schema = inline_local_refs(schema)
    cls = _PLACING_CLASS if mentions(schema, "$dynamicRef") else _memoizing_class()
    validator = cls(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
    resolver = registry.resolver_with_root(DRAFT202012.create_resource(schema))
    return CompiledSchema(path, schema, validator, registry, resolver)


# Validating a 100-row table descends into ~1,300 subschemas, most of them on
# values seen before (the same template, label, target on many rows).  The
# `properties` and `items` keywords below are jsonschema's own, except that
# they remember which (subschema, value) pairs were valid and skip them next
# time: the result of a subschema on a value depends on nothing else
# (`$dynamicRef`, whose result depends on how it was reached, turns the memo
# off).  Only scalars, flat objects of scalars (a target) and objects of
# those (an observation row) are remembered.  So re-checking a table after
# one cell changed descends only into that row and the rows that have
# errors (the language server's keystroke in a table row).  The errors of
# a property's value are remembered too, as pristine copies handed out
# afresh each time (jsonschema prefixes every error's path in place as it
# climbs, so one error object cannot serve two rows): 10,000 rows of one
# unknown template were 10,000 descents into the template's subschema.
_MEMO_LIMIT = 50_000
# The observations list of the instance being validated and the positions of
# its rows the fast row validator rejected (set by _errors, per thread).
_ONLY_ROWS = threading.local()
# The scalar types, tested exactly: a key is built per row, and a set lookup
# is a third of the cost of isinstance against five types.  A subclass (none
# comes out of json_form) only goes unremembered.
_SCALAR_TYPES = frozenset((str, int, float, bool, type(None)))


def _flat_key(value: dict):
    items = []
    for k, v in value.items():
        kind = type(v)
        if kind not in _SCALAR_TYPES:
            return None
        items.append((k, kind, v))
    return tuple(items)


def _memo_key(subschema: Any, value: Any):
    kind = type(value)
    if kind is str:
        return (id(subschema), value)
    if kind in _SCALAR_TYPES:  # 1, 1.0 and True are equal: keep their types apart
        return (id(subschema), kind, value)
    if isinstance(value, dict) and len(value) <= 8:
        items = []
        for k, v in value.items():
            inner = type(v)
            if inner in _SCALAR_TYPES:
                items.append((k, inner, v))
            elif isinstance(v, dict) and len(v) <= 8:  # one level down: a row's target
                flat = _flat_key(v)
                if flat is None:
                    return None
                items.append((k, dict, flat))
            else:
                return None
        return (id(subschema), dict, tuple(items))
    return None


def _twin(error: ValidationError) -> ValidationError:
    """A copy of ``error`` whose paths (and whose context errors' paths and
    parent) are its own, so that climbing with it changes no other copy."""
    twin = ValidationError.__new__(ValidationError)
    twin.__dict__.update(error.__dict__)
    twin.__dict__.pop("copied", None)  # a mark of the kept error itself (see compose), not of its copies
    twin.args = error.args
    twin.path = twin.relative_path = deque(error.relative_path)
    twin.schema_path = twin.relative_schema_path = deque(error.relative_schema_path)
    twin.context = [_twin(inner) for inner in error.context]
    for inner in twin.context:
        inner.parent = twin
    return twin


# jsonschema's ``descend`` reports a ``false`` subschema without the step
# that led to it (the property name, the pattern's key, the item's index),
# so ``{"properties": {"title": false}}`` would be reported at the object
# holding ``title``.  These keywords are jsonschema's own, except that they
# make that error themselves, with its path.


def _descend(validator, value, subschema, path, schema_path):
    if subschema is False:
        yield ValidationError(
            f"False schema does not allow {value!r}", validator=None, validator_value=None, instance=value,
            schema=False, path=[path], schema_path=[schema_path],
        )
        return
    yield from validator.descend(value, subschema, path=path, schema_path=schema_path)


def _pattern_properties(validator, patterns, instance, schema):
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if re.search(pattern, key):
                yield from _descend(validator, value, subschema, key, pattern)


def _prefix_items(validator, prefix, instance, schema):
    if not validator.is_type(instance, "array"):
        return
    for (index, item), subschema in zip(enumerate(instance), prefix):
        yield from _descend(validator, item, subschema, index, index)


def _properties(validator, properties, instance, schema):
    if not validator.is_type(instance, "object"):
        return
    for name, subschema in properties.items():
        if name in instance:
            yield from _descend(validator, instance[name], subschema, name, name)


_PLACING_CLASS = validators.extend(
    Draft202012Validator,
    {"properties": _properties, "patternProperties": _pattern_properties, "prefixItems": _prefix_items},
)


def _memoizing_class():
    valid: set = set()
    invalid: dict = {}

    def remember(key) -> None:
        if len(valid) >= _MEMO_LIMIT:
            valid.clear()
        valid.add(key)

    def remember_errors(key, errors: list) -> None:
        if len(invalid) >= _MEMO_LIMIT // 10:
            invalid.clear()
        invalid[key] = [_twin(error) for error in errors]

    def properties(validator, properties, instance, schema):
        if not validator.is_type(instance, "object"):
            return
        for name, subschema in properties.items():
            if name in instance:
                value = instance[name]
                key = _memo_key(subschema, value)
                if key is not None:
                    if key in valid:
                        continue
                    known = invalid.get((name, key))  # two properties may share one subschema
                    if known is not None:
                        yield from (_twin(error) for error in known)
                        continue
                errors = list(_descend(validator, value, subschema, name, name))
                if not errors:
                    if key is not None:
                        remember(key)
                    continue
                if key is not None:
                    remember_errors((name, key), errors)
                yield from errors

    def items(validator, items, instance, schema):
        if items is False or not validator.is_type(instance, "array"):
            yield from _keywords.items(validator, items, instance, schema)
            return
        only = getattr(_ONLY_ROWS, "value", None)
        if only is not None and instance is only[0]:  # the observations: only the rows at fault
            found = [error for index in only[1] for error in item_errors(validator, items, instance[index], index)]
            if found:
                yield _RowErrors(found)  # see _RowErrors
            return
        for index in range(len(schema.get("prefixItems", [])), len(instance)):
            value = instance[index]
            key = _memo_key(items, value)
            if key is not None and key in valid:
                continue
            errors = item_errors(validator, items, value, index)
            if errors:
                yield from errors
            elif key is not None:
                remember(key)

    def judge(validator, name, value, subschema):
        """The memo key of one property's verdict: True when valid, else the
        key its errors are kept under (``(name, key)`` in ``invalid``);
        None when it cannot be kept."""
        key = (id(subschema), value) if type(value) is str else _memo_key(subschema, value)  # most cells are text
        if key is None:
            return None
        if key in valid:
            return True
        if (name, key) in invalid:
            return key
        errors = list(_descend(validator, value, subschema, name, name))
        if not errors:
            remember(key)
            return True
        remember_errors((name, key), errors)
        return key

    def item_errors(validator, items, value, index) -> list:
        """The errors of one item: put together from its properties' kept
        errors and those its keys earned on an earlier item (see
        :func:`_item_verdicts` and ``compose``), or found by descending
        into it, which teaches the memo its keys' errors."""
        parts = _item_verdicts(items, value, validator, judge, valid)
        if parts is not None:
            composed = compose(items, value, index, parts)
            if composed is not None:
                return composed
        errors = list(validator.descend(instance=value, schema=items, path=index))
        if parts is not None:
            # the item's own errors (its keys, not its values) are all compose needs: keep no more
            own = [error for error in errors if len(error.path) == 1]
            if own:
                remember_errors(_all_valid(parts), own)
            else:
                remember(_all_valid(parts))
        return errors

    def compose(items, value, index, parts):
        """The errors jsonschema gives an item (same order, paths and
        fields), from the kept errors of each invalid property and those the
        item's keys earned on an earlier item (the item with every property
        valid: see :func:`_all_valid`), or None when those are not known.
        From its second copy on, a property's error keeps the error it
        copies as its ``origin``, so the reporter words it for that copy and
        then reuses the wording (see _Reporter.report); the first copy does
        not, or the reporter would keep the wording of every row's own value
        (a number past 999 on each of 30,000 rows) until the document is
        done."""
        base = _all_valid(parts)
        if base in valid:
            own = ()
        else:
            own = invalid.get(base)
            if own is None:
                return None
        verdicts = dict(part for part in parts[1:] if len(part) == 2)
        found = []
        for keyword, rule in items.items():
            if keyword != "properties":
                found += [_moved(error, index, value) for error in own if error.relative_schema_path[0] == keyword]
                continue
            for name in rule:
                verdict = verdicts.get(name, True)
                if verdict is True:
                    continue
                known = invalid.get((name, verdict))
                if known is None:
                    return None
                for error in known:  # its keyword, value and schema were set when it was found
                    twin = _twin(error)
                    twin.schema_path.appendleft(keyword)
                    twin.path.appendleft(index)
                    if error.__dict__.get("copied"):
                        twin.origin = error
                    else:  # the first copy: most values at fault are one row's own, worded once anyway
                        error.copied = True
                    found.append(twin)
        return found

    return validators.extend(_PLACING_CLASS, {"properties": properties, "items": items})


# An observation row's errors under the program schema depend on which keys
# it has and on each property's verdict, not on the values that passed: ten
# thousand rows of one unknown template differ only in their (valid)
# observation numbers, and were ten thousand descents through jsonschema;
# thirty thousand rows each numbered past 999 were thirty thousand.  When
# the item schema judges each property on its own (nothing but the keywords
# below besides annotations), each property is judged alone (which fills
# the memo of values), and an item's errors are put together: its
# properties' kept errors, and the errors its keys earned (a key missing or
# not allowed) on the first item with those keys, the one item descended
# into.  They come out as jsonschema's own, in its order (the tests compare
# them field by field).
_ITEM_KEYWORDS = frozenset(("type", "required", "additionalProperties", "properties"))
_ITEM_SHAPES: dict[int, tuple] = {}


def _item_properties(items: Any) -> dict | None:
    """The ``properties`` of an item schema whose errors are a function of
    the item's keys and each property's own verdict, else None."""
    kept = _ITEM_SHAPES.get(id(items))
    if kept is not None and kept[0] is items:
        return kept[1]
    shape = None
    if isinstance(items, dict) and isinstance(items.get("properties"), dict) and items.get("additionalProperties", False) in (True, False):
        if all(k in _ITEM_KEYWORDS or k in _NOTES or k.startswith("x-") for k in items):
            shape = items["properties"]
    if len(_ITEM_SHAPES) > 64:
        _ITEM_SHAPES.clear()
    _ITEM_SHAPES[id(items)] = (items, shape)
    return shape


_NOTES = frozenset(("description", "title", "$comment", "examples", "default", "deprecated", "readOnly", "writeOnly"))


def _item_verdicts(items: Any, value: Any, validator, judge, valid: set):
    """An item's keys with each property's verdict, ``(id(items), (name,
    verdict) or (extra name,) ...)`` (``judge(validator, name, value,
    subschema)``; a text value already in ``valid``, the memo of valid
    values, is valid without asking), or None when the item schema does not
    judge properties one by one or a verdict cannot be kept."""
    properties = _item_properties(items)
    if properties is None or type(value) is not dict:
        return None
    parts = [id(items)]
    for name, part in value.items():
        subschema = properties.get(name)
        if subschema is None:
            parts.append((name,))  # an extra key: judged by its name only
            continue
        if type(part) is str and (id(subschema), part) in valid:  # most cells: a value seen valid before
            parts.append((name, True))
            continue
        verdict = judge(validator, name, part, subschema)
        if verdict is None:
            return None
        parts.append((name, verdict))
    return tuple(parts)


def _all_valid(parts: tuple):
    """The key of an item with the same keys as the item of ``parts`` (see
    :func:`_item_verdicts`) and every property valid: its errors are the
    item's own (a key missing or not allowed), which depend on its keys
    alone under the item schemas :func:`_item_properties` accepts."""
    return ("item", tuple(part if type(part) is int or len(part) == 1 else (part[0], True) for part in parts))


def _moved(error: ValidationError, index: int, item: Any) -> ValidationError:
    """A twin of an error an earlier item earned by its keys (a key missing
    or not allowed), about the item at ``index`` instead."""
    twin = _twin(error)
    twin.path[0] = index
    twin.instance = item
    return twin


def _shipped(path: Path) -> bool:
    """Whether ``path`` is the program schema proglint ships: checking it
    against the metaschema took ~20 ms of every run that met a schema error."""
    return path.resolve() == program_schema_path().resolve()


def _base_registry(path: Path) -> Registry:
    """Team schemas may ``$ref`` the program schema by its ``$id``."""
    program = program_schema_path()
    if path.resolve() == program.resolve():
        return Registry()
    base = compiled(program).schema
    return Registry().with_resource(base["$id"], DRAFT202012.create_resource(base))


def _check_local_refs(path: Path, schema: Any) -> None:
    """Every ``$ref`` to a JSON pointer in the file must name something in it.
    jsonschema finds out only while validating, and a pointer into a list by
    a name, or into a number, makes ``referencing`` raise ValueError or
    TypeError rather than Unresolvable.  A subschema with its own ``$id`` is
    a resource of its own: a pointer inside it is read from it, not from the
    file's root, as jsonschema reads it."""
    from .refs import pointer

    if not isinstance(schema, dict):
        return
    stack = [(schema, "", schema)]
    while stack:
        node, where, resource = stack.pop()
        if isinstance(node, dict):
            if node is not schema and isinstance(node.get("$id"), str):
                resource = node
            ref = node.get("$ref")
            if isinstance(ref, str) and (ref == "#" or ref.startswith("#/")) and pointer(resource, ref) is None:
                within = "the schema" if resource is schema else f"the schema resource {resource['$id']!r}"
                raise SchemaConfigError(path, f"a '$ref' cannot be resolved: {ref!r} at {where or '/'} names nothing in {within}")
            stack.extend((value, f"{where}/{key}", resource) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, f"{where}/{i}", resource) for i, value in enumerate(node))


def _check_annotations(path: Path, schema: Any) -> None:
    stack = [(schema, "")]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            code = node.get(CODE_ANNOTATION)
            if code is not None and code not in codes.BY_CODE:
                raise SchemaConfigError(
                    path, f"'{CODE_ANNOTATION}' at {where or '/'} is {code!r}, which is not a registered proglint "
                    "code; use one of " + ", ".join(sorted(codes.BY_CODE))
                )
            message = node.get(MESSAGE_ANNOTATION)
            if message is not None and not isinstance(message, str):
                raise SchemaConfigError(path, f"'{MESSAGE_ANNOTATION}' at {where or '/'} must be a string")
            stack.extend((value, f"{where}/{key}") for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, f"{where}/{i}") for i, value in enumerate(node))


# --------------------------------------------------------------------------
# The check.


def check(
    document: Document, extra_schemas: Iterable[str | os.PathLike] = (), *, instance: dict | None = None,
    by_row: bool = True,
) -> list[Diagnostic]:
    """Schema diagnostics for one document: the program schema, then each
    extra (team) schema, on the same JSON with the same positions.
    ``instance``: the document's :func:`json_form`, when the caller has it.
    ``by_row``: let jsonschema skip the observations the fast row validator
    accepts (:func:`proglint.schema.stage.failing_rows`); the findings are
    the same without it (the tests compare both), only slower."""
    schemas = [compiled(program_schema_path())] + [compiled(p) for p in extra_schemas]
    if instance is None:
        instance = json_form(document)
    rows = document.table.rows if document.table is not None else ()
    remember = stage.REMEMBER_ROWS
    found = duplicate_keys(document)
    index = None
    for schema in schemas:
        failing = failing_rows(schema.path, instance) if by_row else None
        fresh = failing
        if failing is not None:  # rows judged alone: reuse what an unchanged row got last time
            fresh = [] if remember else failing
            for position in failing if remember else ():
                kept = _ROW_FINDINGS.get((id(schema), document.path, position, id(rows[position])))
                if kept is not None and kept[0] is schema and kept[1] is rows[position]:
                    found += kept[2]
                else:
                    fresh.append(position)
        raised = _errors(schema, instance, fresh)
        if not raised and not fresh:
            continue
        if index is None:
            index = RowSpanIndex(document)  # only documents with findings pay for it, and only for their rows
        reporter = _Reporter(schema, instance, index, document)
        by_position: dict[int, list[Diagnostic]] = {position: [] for position in fresh or ()}
        for error in raised:
            reported = reporter.report(error)
            found += reported
            where = error.absolute_path
            if failing is not None and len(where) >= 2 and where[0] == "observations" and where[1] in by_position:
                by_position[where[1]] += reported
        if remember:
            for position, reported in by_position.items():
                _remember_row(schema, document.path, position, rows[position], reported)
    return unique_sorted(found)


# The findings of the observations a row-judging schema rejected, by
# (schema, document path, position, row object): the language server's
# parser hands back the very row objects of the last parse for the rows a
# keystroke did not touch (lsp.incremental.RowMemo), and under such a schema
# a row's findings depend on that row alone (its values, spans and line),
# so they are reused instead of validated and placed again.  The entry holds
# the schema and the row, so neither id can be reused by another object
# while it is kept.  Bounded, and on only in the language server
# (stage.REMEMBER_ROWS): a command-line run would never hit it.
_ROW_FINDINGS: dict[tuple, tuple] = {}
# Room for every rejected row of a 10,000-row table and then some: with 4,096
# a table with more rejected rows than that cleared the memo on every
# keystroke and revalidated them all (1.5 s per edit of the generated
# 10,000-row document, whose ~8,000 rows the program schema rejects).
_ROW_FINDINGS_LIMIT = 32_768


def _remember_row(schema: CompiledSchema, path: str, position: int, row, reported: list[Diagnostic]) -> None:
    if len(_ROW_FINDINGS) >= _ROW_FINDINGS_LIMIT:
        _ROW_FINDINGS.clear()
    _ROW_FINDINGS[(id(schema), path, position, id(row))] = (schema, row, list(reported))


_KINDS = {
    "additionalProperties": 1, "unevaluatedProperties": 1, "propertyNames": 1,
    "required": 2, "dependentRequired": 2,
    "type": 4,
    "enum": 5, "const": 5, "not": 5,
    "minimum": 6, "maximum": 6, "exclusiveMinimum": 6, "exclusiveMaximum": 6, "multipleOf": 6,
    "pattern": 7, "format": 7, "minLength": 7, "maxLength": 7,
    "minItems": 8, "maxItems": 8, "uniqueItems": 8, "contains": 8, "minContains": 8, "maxContains": 8,
    "minProperties": 8, "maxProperties": 8,
}


def kind_of(error: ValidationError) -> int:
    """The kind number (see :mod:`codes`) of an error; a failed anyOf/oneOf
    whose alternatives all failed the same way has that kind."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        kinds = {kind_of(sub) for sub in error.context}
        return kinds.pop() if len(kinds) == 1 else 9
    return _KINDS.get(error.validator, 9)


def area_of(path: JsonPath) -> str:
    if not path:
        return "document"
    if path[0] == "front_matter":
        return "front_matter"
    if path[0] == "observations":
        return "target" if len(path) >= 3 and path[2] == "target" else "observations"
    return "document"


@dataclass(frozen=True, slots=True)
class _Step:
    """One schema an error passed through, and how much of the instance
    path had been consumed there."""

    schema: Any
    depth: int
    key_mode: bool  # inside propertyNames: the instance is a key


# keyword -> does entering it consume one element of the instance path?
_MAP_KEYWORDS = {"properties": True, "patternProperties": True, "dependentSchemas": False, "$defs": False}
_LIST_KEYWORDS = {"allOf": False, "anyOf": False, "oneOf": False, "prefixItems": True}
_ONE_KEYWORDS = {
    "items": True, "additionalItems": True, "unevaluatedItems": True, "contains": True,
    "additionalProperties": True, "unevaluatedProperties": True,
    "not": False, "then": False, "else": False, "propertyNames": False, "contentSchema": False,
}
_REFS = ("$ref", "$dynamicRef")


def schema_trail(compiled_schema: CompiledSchema, error: ValidationError) -> list[_Step] | None:
    """The schemas from the root to the one holding the failing keyword.

    ``error.absolute_schema_path`` omits ``$ref`` jumps, so the walk follows
    a reference whenever the path continues inside its target, backtracking
    when a guess leads nowhere; it ends at ``error.schema`` itself.
    """
    tokens = list(error.absolute_schema_path)
    target = error.schema
    validator = error.validator
    memo_key = (tuple(tokens), id(target), validator)
    if memo_key in compiled_schema.trails:
        return compiled_schema.trails[memo_key]

    def visit(node, resolver, i, depth, key_mode, trail, hops):
        if isinstance(node, dict) and "$id" in node and isinstance(node["$id"], str):
            try:
                resolver = resolver.in_subresource(DRAFT202012.create_resource(node))
            except Exception:  # noqa: BLE001 - an odd $id only loses annotations
                pass
        trail = trail + [_Step(node, depth, key_mode)]
        rest = len(tokens) - i
        if node is target and (rest == 0 or (rest == 1 and tokens[i] == validator)):
            return trail
        if not isinstance(node, dict):
            return None
        if i < len(tokens):
            token = tokens[i]
            child = None
            if token in _MAP_KEYWORDS and i + 1 < len(tokens):
                group = node.get(token)
                if isinstance(group, dict) and tokens[i + 1] in group:
                    child = (group[tokens[i + 1]], i + 2, _MAP_KEYWORDS[token])
            elif token in _LIST_KEYWORDS and i + 1 < len(tokens):
                group = node.get(token)
                position = tokens[i + 1]
                if isinstance(group, list) and isinstance(position, int) and 0 <= position < len(group):
                    child = (group[position], i + 2, _LIST_KEYWORDS[token])
            elif token in _ONE_KEYWORDS and token in node:
                child = (node[token], i + 1, _ONE_KEYWORDS[token])
            if child is not None:
                found = visit(child[0], resolver, child[1], depth + child[2], key_mode or token == "propertyNames", trail, hops)
                if found is not None:
                    return found
        for keyword in _REFS:
            if keyword in node and hops < 32:
                try:
                    resolved = resolver.lookup(node[keyword])
                except Unresolvable:
                    continue
                found = visit(resolved.contents, resolved.resolver, i, depth, key_mode, trail, hops + 1)
                if found is not None:
                    return found
        return None

    trail = visit(compiled_schema.schema, compiled_schema.resolver, 0, 0, False, [], 0)
    if len(compiled_schema.trails) < 10_000:
        compiled_schema.trails[memo_key] = trail
    return trail


def _value_at(instance: Any, path: JsonPath) -> Any:
    for part in path:
        try:
            instance = instance[part]
        except (KeyError, IndexError, TypeError):
            return None
    return instance


def _unpacked(errors: Iterable[ValidationError]) -> list[ValidationError]:
    """``errors`` with each :class:`_RowErrors` replaced by the row errors it
    carries, each given the path it climbed.  Only the top level holds
    them: rows are judged alone (``_ONLY_ROWS``) only under a schema that
    reaches the observations by ``properties`` from its top level and
    nothing else (:func:`proglint.schema.fast.row_schema`), so no ``anyOf``
    can hold one."""
    found = []
    for error in errors:
        if type(error) is not _RowErrors:
            found.append(error)
            continue
        path, schema_path = list(error.path), list(error.schema_path)
        for row_error in error.context:
            row_error.parent = None  # the carrier is gone: no cycle is left for the collector
            row_error.path.extendleft(reversed(path))
            row_error.schema_path.extendleft(reversed(schema_path))
            found.append(row_error)
    return found


class _RowErrors(ValidationError):
    """The errors of the rejected observations, carried up to the root as
    one error.  jsonschema prefixes each error's path in place at every
    level it climbs through, in Python; ten thousand rejected rows climbing
    one by one were a third of the validation.  This one climbs instead, and
    :func:`_errors` gives its path to each row error at once: the paths come
    out as if each had climbed."""

    def __init__(self, found: list[ValidationError]):
        super().__init__("the rejected observations", context=found)


def _errors(schema: CompiledSchema, instance: dict, failing: list[int] | None = None) -> list[ValidationError]:
    """Every error of the instance; with ``failing`` (the observations the
    fast row validator rejected), the other observations are known valid and
    not descended into (see ``items`` in :func:`_memoizing_class`)."""
    rows = instance.get("observations") if failing is not None else None
    _ONLY_ROWS.value = (rows, failing) if isinstance(rows, list) else None
    try:
        return _unpacked(schema.validator.iter_errors(instance))
    except Unresolvable as exc:
        raise SchemaConfigError(schema.path, f"a '$ref' cannot be resolved: {exc}") from None
    finally:
        _ONLY_ROWS.value = None


class _Reporter:
    def __init__(self, compiled_schema: CompiledSchema, instance: dict, index: SpanIndex | RowSpanIndex, document: Document):
        self.schema = compiled_schema
        self.instance = instance
        self.index = index
        self.document = document
        self.seen: set[tuple] = set()
        # The check and message of the errors twinned from one kept property
        # error (``origin``, see compose): ten thousand rows of one bad target
        # name make one message, not ten thousand, and walk the schema once.
        # Only the row differs between such errors (so the schema trail, the
        # check and the area are the same), and a message about a value
        # inside an observation row (not an item of any other list: a
        # front-matter list's items are named with their index) reads
        # neither the row's index (messages.subject names row fields
        # without it) nor anything but that value (a cell's text is shown
        # as its value; the target cell's text is part of the target's).
        self.made: dict[int, tuple] = {}

    # -- places ------------------------------------------------------------

    def located(self, path: JsonPath) -> tuple[Located, bool]:
        """The span entry of a path, or of its deepest ancestor (exact=False)."""
        path = tuple(path)
        for cut in range(len(path), -1, -1):
            entry = self.index.get(path[:cut])
            if entry is not None:
                return entry, cut == len(path)
        return Located(None, Span.point(1, 1)), False

    def key_span(self, object_path: JsonPath, key: str) -> Span:
        entry, exact = self.located(tuple(object_path) + (key,))
        if exact and entry.key is not None:
            return entry.key
        return entry.value

    def shown(self, path: JsonPath, value: Any, located: tuple[Located, bool] | None = None) -> str:
        """``value`` as a message quotes it; ``located``: the path's entry, when the caller has it."""
        entry, exact = located or self.located(path)
        written = self.document.source.slice(entry.value) if exact else None
        return messages.show(value, written, structured_as_text=bool(path) and path[0] != "front_matter")

    # -- one error ---------------------------------------------------------

    def report(self, error: ValidationError) -> list[Diagnostic]:
        origin = error.__dict__.get("origin")
        if origin is not None:  # a twin of a kept row error already reported once: only its place is new
            kept = self.made.get(id(origin))
            if kept is not None and kept[0] is origin:
                return [kept[1].diagnostic(self.located(tuple(error.absolute_path))[0].value, kept[2], self.document.path)]
        leaf = best_match([error]) if error.context else error
        trail = schema_trail(self.schema, leaf) or []
        code_at = message_at = None
        for position, step in enumerate(trail):
            if isinstance(step.schema, dict):
                if CODE_ANNOTATION in step.schema:
                    code_at = position
                if MESSAGE_ANNOTATION in step.schema:
                    message_at = position
        if code_at is not None and message_at is not None and message_at < code_at:
            message_at = None  # a code marks a check of its own: not the outer message
        path = tuple(leaf.absolute_path)
        key_mode = trail[-1].key_mode if trail else "propertyNames" in leaf.absolute_schema_path
        kind = 1 if key_mode else kind_of(leaf)
        info = self.info(path, kind, trail[code_at].schema[CODE_ANNOTATION] if code_at is not None else None)
        own_message = trail[message_at].schema[MESSAGE_ANNOTATION] if message_at == len(trail) - 1 and trail else None
        report = lambda span, message, **kw: info.diagnostic(span, message, self.document.path, **kw)  # noqa: E731

        if key_mode:
            key = leaf.instance
            message = (
                messages.fill(own_message, str(key), messages.show(key)) if own_message
                else f"key {key!r} is not allowed {messages.where(path)}: "
                + messages.generated(leaf, "the key", messages.show(key))
            )
            return [report(self.key_span(path, key), message)]

        if leaf.validator in ("additionalProperties", "unevaluatedProperties"):
            return [
                report(
                    self.key_span(path, key),
                    messages.fill(own_message, key, messages.show(key)) if own_message else self.unknown(path, key, leaf),
                    fix=self.rename(path, key, leaf),
                )
                for key in self.extra_keys(leaf)
            ] or [report(self.located(path)[0].value, f"{messages.subject(path)}: {leaf.message}")]

        if leaf.validator in ("required", "dependentRequired"):
            marker = (id(leaf.schema), leaf.validator, path)
            if marker in self.seen:
                return []  # one error per missing key, all reported at the first
            self.seen.add(marker)
            span = self.located(path)[0].value
            found = []
            misspelt = self.misspelt(leaf)
            for key, because in self.missing_keys(leaf):
                if key in misspelt:
                    continue  # one mistake, one finding: the misspelt key's (unknown) finding names this key
                if own_message:
                    message = messages.fill(own_message, key, "nothing")
                else:
                    message = f"missing key {key!r} {messages.where(path)}"
                    if because is not None:
                        message += f", needed because {because!r} is given"
                fix = fixes.add_missing(self.document, key, leaf.schema) if path == ("front_matter",) and because is None else None
                found.append(report(span, message, fix=fix))
            return found

        located = self.located(path)
        at = path[: trail[message_at].depth] if message_at is not None else path
        if not (leaf is error and len(at) > 2 and path[0] == "observations"):
            origin = None
        if message_at is not None:
            step = trail[message_at]
            value = leaf.instance if step.key_mode else _value_at(self.instance, at)
            shown = self.shown(at, value, located if at == path else None)
            message = messages.fill(step.schema[MESSAGE_ANNOTATION], messages.subject(at), shown)
        else:
            message = messages.generated(leaf, messages.subject(path), self.shown(path, leaf.instance, located))
        if origin is not None:
            self.made[id(origin)] = (origin, info, message)
        return [report(located[0].value, message)]

    def info(self, path: JsonPath, kind: int, code: str | None):
        if code is not None:
            return codes.BY_CODE[code]
        area = area_of(path)
        if kind == 3:  # pragma: no cover - duplicate keys never come from a schema
            kind = 9
        return codes.for_error(area, kind)

    # -- keys --------------------------------------------------------------

    def extra_keys(self, error: ValidationError) -> list[str]:
        instance = error.instance if isinstance(error.instance, dict) else {}
        if error.validator == "additionalProperties":
            schema = error.schema if isinstance(error.schema, dict) else {}
            known = schema.get("properties", {})
            patterns = list(schema.get("patternProperties", {}))
            return [k for k in instance if k not in known and not any(re.search(p, k) for p in patterns)]
        # unevaluatedProperties lists the keys in its message
        return [k for k in instance if repr(k) in error.message]

    @staticmethod
    def _close(key: str, schema: Any) -> str | None:
        """The known key an unknown one is probably a misspelling of."""
        names = [str(n) for n in (schema.get("properties", {}) if isinstance(schema, dict) else {})]
        close = difflib.get_close_matches(key, names, n=1) if len(key) <= 100 else []
        return close[0] if close else None

    def misspelt(self, error: ValidationError) -> dict[str, str]:
        """Missing required keys that an unknown key of the same object is a
        misspelling of (``proposal_typ`` for ``proposal_type``): the unknown
        key's finding says "did you mean" and is the one finding for both."""
        instance = error.instance if isinstance(error.instance, dict) else {}
        schema = error.schema if isinstance(error.schema, dict) else {}
        known = schema.get("properties", {})
        found: dict[str, str] = {}
        for key in instance:
            if isinstance(key, str) and key not in known:
                close = self._close(key, schema)
                if close is not None and close not in instance:
                    found.setdefault(close, key)
        return found

    def rename(self, path: JsonPath, key: str, error: ValidationError):
        """Renaming an unknown front-matter key to the known key it is close
        to, when that key is not given (it may be the required key the
        misspelling stands for: then this is the fix of the one finding for
        both)."""
        schema = error.schema if isinstance(error.schema, dict) else {}
        instance = error.instance if isinstance(error.instance, dict) else {}
        close = self._close(key, schema)
        if tuple(path) != ("front_matter",) or close is None or close in instance:
            return None
        entry, exact = self.located(tuple(path) + (key,))
        if not exact or entry.key is None:
            return None
        return fixes.rename_key(key, close, entry.key)

    def unknown(self, path: JsonPath, key: str, error: ValidationError) -> str:
        message = f"unknown key {key!r} {messages.where(path)}"
        schema = error.schema if isinstance(error.schema, dict) else {}
        names = [str(n) for n in schema.get("properties", {})]
        close = [self._close(key, schema)] if self._close(key, schema) else []
        instance = error.instance if isinstance(error.instance, dict) else {}
        if close and close[0] not in instance and close[0] in schema.get("required", ()):
            message += f"; did you mean {close[0]!r}, which is missing?"
        elif close:
            message += f"; did you mean {close[0]!r}?"
        elif names and len(names) <= 12:
            message += "; the known keys are " + ", ".join(names)
        return message

    def missing_keys(self, error: ValidationError) -> list[tuple[str, str | None]]:
        instance = error.instance if isinstance(error.instance, dict) else {}
        if error.validator == "required":
            return [(k, None) for k in error.validator_value if k not in instance]
        missing = []
        for given, needed in error.validator_value.items():
            if given in instance:
                missing += [(k, given) for k in needed if k not in instance]
        return missing
