"""schema/fast.py: the fast validators' "yes" must never be wrong (a wrong
yes loses a finding), the schemas both drafts read alike must get one (else
every document pays for jsonschema), and the row validator must judge a row
exactly as the document's schema does.  Found unpinned by mutation testing
(benchmarks/mutation.py).  Findings are asserted at line, column, end
column and message through the public check; which schemas the fast path
answers for is asserted on its own function, with jsonschema's verdict
beside it.

Every test builds the fast validators afresh in an empty user cache: a
validator built earlier (in this process or on disk) would answer from the
code that built it."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from proglint.cache import user as usercache
from proglint.schema import fast, stage

from team_schema import ROW, TITLE, at, findings, rows, targets

DRAFT = "https://json-schema.org/draft/2020-12/schema"


pytestmark = pytest.mark.usefixtures("fresh_schema_validators")


def fast_answer(schema):
    return fast.validator(json.dumps(schema))


# -- a wrong "yes" is a lost finding ---------------------------------------------------------------


def test_a_reference_with_keywords_beside_it_is_followed_on_the_fast_path(tmp_path):
    # {"$ref", "minLength"} is not inlined: the fast path rewrites it as the allOf it means in 2020-12
    schema = {"$defs": {"short": {"maxLength": 3}},
              "properties": {"heading": {"properties": {"title": {"$ref": "#/$defs/short", "minLength": 0}}}}}
    assert fast_answer(schema) is not None
    assert findings(tmp_path, schema) == [
        ("PL057", *at(TITLE, "# "), f'the heading\'s title must be at most 3 characters long; found "{TITLE}"'),
    ]
    schema["$defs"]["short"]["maxLength"] = len(TITLE)
    assert findings(tmp_path, schema) == []


def test_rows_a_top_level_keyword_also_judges_are_checked_whole(tmp_path):
    # the allOf also holds a rule for the rows: a row cannot be judged by `items` alone
    label = "FGS-2, GS#3"
    schema = {**rows({"properties": {"label": {"maxLength": 20}}}),
              "allOf": [rows({"properties": {"label": {"not": {"const": label}}}})]}
    assert fast.row_validator(json.dumps(schema)) is None
    assert findings(tmp_path, schema) == [("PL205", *at(label, ROW, 8), f'the label may not be "{label}"')]
    assert findings(tmp_path, {**schema, "allOf": [rows({"properties": {"label": {"not": {"const": "x"}}}})]}) == []


# -- schemas the fast path answers for -------------------------------------------------------------


@pytest.mark.parametrize(
    "schema, valid, invalid",
    [
        ({"patternProperties": {"^x": {"type": "string"}}}, {"xa": "s", "y": 1}, {"xa": 1}),
        ({"properties": {"a(": {"type": "string"}}}, {"a(": "s"}, {"a(": 1}),  # a property's name is not a pattern
        ({"type": "object", "properties": {"child": {"$ref": "#"}}}, {"child": {"child": {}}}, {"child": {"child": 1}}),
        ({"definitions": {"s": {"type": "string"}}, "$ref": "#/definitions/s", "maxLength": 2}, "ab", "abc"),
        ({"definitions": {"s": {"type": "string"}}, "$ref": "#/definitions/s", "maxLength": 2}, "ab", 1),
        ({"enum": ["a", 1, None, [1], {"k": "v"}]}, {"k": "v"}, {"k": "w"}),
        ({"type": ["string", "null"]}, None, 1),
        ({"required": ["a"], "minProperties": 1, "maximum": 3}, {"a": 1}, {}),
        ({"allOf": [{"minLength": 1}], "anyOf": [{"maxLength": 2}], "oneOf": [{"pattern": "^a"}]}, "ab", "abc"),
    ],
)
def test_schemas_both_drafts_read_alike_take_the_fast_path(schema, valid, invalid):
    checked = Draft202012Validator(schema)
    assert checked.is_valid(valid) and not checked.is_valid(invalid)
    answer = fast_answer(schema)
    assert answer is not None
    assert answer(valid) and not answer(invalid)


def test_a_new_fastjsonschema_builds_the_validators_again(monkeypatch):
    """The generated code is kept per user with the fastjsonschema that
    wrote it: another copy of fastjsonschema writes it again."""
    built = []
    original = fast._generate
    monkeypatch.setattr(fast, "_generate", lambda text, rows=False: built.append(rows) or original(text, rows=rows))
    version = {"fastjsonschema": "fastjsonschema 1"}
    real = usercache.installed
    monkeypatch.setattr(usercache, "installed", lambda package: version.get(package) or real(package))
    text = stage.program_schema_text()
    for _ in range(2):
        for build in (fast.validator, fast.row_validator):
            assert build(text) is not None
        monkeypatch.setattr(fast, "_BUILT", {})
        monkeypatch.setattr(fast, "_ROW_BUILT", {})
    assert built == [False, True]  # the second time from the user cache
    version["fastjsonschema"] = "fastjsonschema 2"
    assert fast.validator(text) is not None and fast.row_validator(text) is not None
    assert built == [False, True, False, True]


def test_the_row_validator_judges_a_row_as_the_document_schema_does():
    text = json.dumps({"$schema": DRAFT, **rows({"properties": {"label": {"maxLength": 5}}, "required": ["label"]})})
    row = fast.row_validator(text)
    assert row is not None
    assert row({"label": "short"}) and not row({"label": "longer"}) and not row({})
    assert row({"label": "short", "other": 1})
    document = fast.validator(text)
    assert document({"observations": [{"label": "short"}]}) and not document({"observations": [{"label": "longer"}]})


@pytest.mark.parametrize(
    "schema",
    [
        # only `type` and `items` beside the rows' schema; the top level only keywords that cannot see the rows
        {"type": "object", "required": ["observations"], "additionalProperties": True, "propertyNames": {"minLength": 1},
         "minProperties": 1, "maxProperties": 9, "$defs": {}, "definitions": {},
         "properties": {"observations": {"type": "array", "items": {"properties": {"label": {"maxLength": 5}}}}}},
        {"properties": {"observations": {"type": ["array", "null"], "items": {"properties": {"label": {"maxLength": 5}}}}}},
    ],
)
def test_schemas_that_judge_rows_alone_get_a_row_validator(schema):
    row = fast.row_validator(json.dumps({"$schema": DRAFT, **schema}))
    assert row is not None
    assert row({"label": "short"}) and not row({"label": "longer"})


@pytest.mark.parametrize(
    "observations",
    [
        {"type": "object", "items": {}},  # never a list: no rows to judge
        {"items": True},
        {"minItems": 2, "items": {"properties": {"label": {"maxLength": 5}}}},
    ],
)
def test_schemas_whose_rows_are_not_judged_alone_get_none(observations):
    assert fast.row_validator(json.dumps({"$schema": DRAFT, "properties": {"observations": observations}})) is None


def test_a_schema_without_properties_has_no_row_validator():
    assert fast.row_validator(json.dumps({"$schema": DRAFT, "required": ["heading"]})) is None


def test_a_reference_to_the_whole_schema_inside_the_rows_keeps_its_meaning(tmp_path):
    # "#" is the document's schema: every row's target must have a heading, which none has.
    # Judged alone, the rows' schema would read "#" as itself, and accept every row.
    schema = {"required": ["heading"], **targets({"$ref": "#", "minProperties": 0})}
    assert fast.row_validator(json.dumps({"$schema": DRAFT, **schema})) is None
    assert findings(tmp_path, schema) == [
        ("PL302", *at("(1) LMC-ASTROMETRIC", ROW, n), "missing key 'heading' in the Science Target") for n in range(1, 11)
    ]
    assert findings(tmp_path, targets({"$ref": "#", "minProperties": 0})) == []  # no key required: every row passes


def test_a_validator_from_the_user_cache_runs_without_importing_fastjsonschema(monkeypatch):
    """The point of keeping the generated code per user: a pre-commit run
    pays neither for generating it nor for importing fastjsonschema (or
    decimal, which its code names)."""
    import sys

    text = json.dumps({"properties": {"a": {"type": "integer"}, "b": {"type": "number"}}})
    assert fast.validator(text) is not None  # generated, and kept in the user cache
    monkeypatch.setattr(fast, "_BUILT", {})
    for name in ("fastjsonschema", "decimal"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    valid = fast.validator(text)
    assert valid({"a": 1, "b": 1.5}) and not valid({"a": "x"}) and not valid({"b": "1"})
    assert "fastjsonschema" not in sys.modules and "decimal" not in sys.modules
