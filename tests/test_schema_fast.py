"""The fast schema path: a yes from fastjsonschema must be a yes from
jsonschema, schemas it cannot answer for exactly are refused, and the
findings are the same whichever path a document takes."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from jsonschema import Draft202012Validator

from proglint.schema import fast, stage, validate
from proglint.schema.to_json import json_form

from conftest import ROOT, SEED_PATHS, doc

PROGRAM = json.loads((ROOT / "schemas" / "program.schema.json").read_text(encoding="utf-8"))
FULL = Draft202012Validator(PROGRAM, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(fast, "_BUILT", {})


def fast_for(schema) -> fast.Validator | None:
    return fast.validator(json.dumps(schema))


def test_the_shipped_schemas_take_the_fast_path():
    assert fast_for(PROGRAM) is not None
    assert fast_for(json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))) is not None


@pytest.mark.parametrize(
    "schema",
    [
        {"unevaluatedProperties": False},
        {"dependentRequired": {"a": ["b"]}},
        {"prefixItems": [{"type": "string"}]},
        {"$defs": {"x": {"$dynamicAnchor": "x"}}, "$dynamicRef": "#x"},
        {"properties": {"a": {"format": "date"}}},
        {"uniqueItems": True},
        {"multipleOf": 0.1},
        {"items": [{"type": "string"}]},
        {"properties": {"a": {"$ref": "https://proglint.invalid/schemas/program.schema.json"}}},
        {"properties": {"a": {"$id": "https://example.invalid/a", "type": "string"}}},
        {"$ref": "#/$defs/missing"},
        {"pattern": "a(?!$)"},
        {"madeUpKeyword": 1},
        {"minContains": 1, "contains": {"type": "string"}},
    ],
)
def test_schemas_the_fast_path_cannot_answer_for_take_jsonschema(schema):
    assert fast.prepare(schema) is None
    assert fast_for(schema) is None


def test_annotations_are_ignored():
    valid = fast_for({"type": "string", "x-proglint-code": "PL101", "x-proglint-message": "{key}", "description": "d"})
    assert valid("a") and not valid(1)


@pytest.mark.parametrize(
    "schema, instance, expected",
    [
        ({"enum": [0, "0"]}, False, False),  # True == 1 in Python, not in JSON Schema
        ({"enum": [0, "0"]}, 0.0, True),
        ({"const": 1}, True, False),
        ({"type": "integer"}, 1.0, True),
        ({"type": "integer"}, True, False),
        ({"type": "number"}, False, False),
        ({"maxLength": 2}, "ab", True),
        ({"maxLength": 2}, "🙂🙂🙂", False),
        # a $ref's siblings apply in 2020-12 (Draft 7 would ignore them)
        ({"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "maxLength": 2}, "abc", False),
        ({"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "maxLength": 2}, "ab", True),
        ({"properties": {"a": {"default": 3}}}, {}, True),
    ],
)
def test_fast_answers_agree_with_jsonschema(schema, instance, expected):
    assert Draft202012Validator(schema).is_valid(instance) is expected
    assert fast_for(schema)(instance) is expected


def test_defaults_are_never_written_into_the_instance():
    instance: dict = {}
    assert fast_for({"properties": {"a": {"default": 3}}})(instance)
    assert instance == {}


def test_a_pattern_with_a_trailing_newline_goes_the_slow_way_and_is_still_accepted():
    """fastjsonschema reads `$` as end of text; Python's `$` also matches
    before a final newline, and jsonschema follows Python: the fast "no"
    sends the document to jsonschema, whose "yes" stands."""
    schema = {"pattern": "^abc$"}
    assert Draft202012Validator(schema).is_valid("abc\n")
    assert not fast_for(schema)("abc\n")


def test_seed_documents_agree():
    for path in SEED_PATHS:
        instance = json_form(doc(path.read_text(encoding="utf-8"), str(path)))
        assert fast_for(PROGRAM)(instance) == FULL.is_valid(instance), path


# Values a mutated document may hold: JSON scalars, chosen to sit on the
# edges of the program schema (numbers as text, bools against integer enums,
# padded and multi-line text).
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=20),
    st.sampled_from([0.0, 1.0, 1.5, -0.0, 1e300]),
    st.sampled_from(["", "0", "3", "12", "1141", " 1141", "GO", "go", "DD", "Calibration", "NONE", "(1) X", "a\n", "MIRI"]),
    st.text(max_size=8),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


_INSTANCES = [json_form(doc(path.read_text(encoding="utf-8"), str(path))) for path in SEED_PATHS]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_fast_yes_is_always_a_jsonschema_yes(data):
    instance = copy.deepcopy(data.draw(st.sampled_from(_INSTANCES)))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(list(_paths(instance))[1:]))
        parent = instance
        for part in path[:-1]:
            parent = parent[part]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = data.draw(_VALUES)
    fast_yes = fast_for(PROGRAM)(instance)
    full_yes = FULL.is_valid(instance)
    if fast_yes:
        assert full_yes
    elif "\n" not in json.dumps(instance):  # the one known, harmless difference (see above)
        assert not full_yes


SEED = (ROOT / "seeds" / "1141.txt").read_text(encoding="utf-8")
BROKEN = [
    ('cycle: "0"', 'cycle: "0"\ncycle: 1'),  # a duplicate key only: no schema error
    ('cycle: "0"', "cycle: -99"),
    ('cycle: "0"', 'cycle: "0"\nextra_key: 1'),
    ("id: 1141", "id: abc"),
    ('exclusive_access_period_months: "6"', "exclusive_access_period_months: true"),
    ('proposal_type: "COM/OTE"', "proposal_type: [1, 2]"),
    ("| (1) BD+65-1248  |", "| 1) BD+65-1248   |"),
    ("| 1            |", "| 0            |"),
]


@pytest.mark.parametrize("old, new", BROKEN)
def test_both_paths_give_the_same_findings(old, new):
    """A document the fast path rejects gets exactly the full path's findings;
    one it accepts gets the full path's (empty) schema findings too."""
    assert old in SEED
    for text in (SEED, SEED.replace(old, new, 1)):
        document = doc(text)
        assert stage.check(document) == validate.check(document)


def test_the_compiled_validator_is_reused_from_the_cache(tmp_path, monkeypatch):
    schema = json.dumps({"type": "object", "required": ["a"]})
    assert fast.validator(schema)({"a": 1})
    monkeypatch.setattr(fast, "_BUILT", {})
    monkeypatch.setattr(fast, "_generate", lambda text: pytest.fail("generated again instead of read from the cache"))
    valid = fast.validator(schema)
    assert valid({"a": 1}) and not valid({})


def test_a_corrupt_cache_entry_is_rebuilt(tmp_path, monkeypatch):
    schema = json.dumps({"type": "string"})
    fast.validator(schema)
    (entry,) = (tmp_path / "cache" / "proglint").glob("fastschema-*")
    entry.write_bytes(b"\x00garbage")
    monkeypatch.setattr(fast, "_BUILT", {})
    valid = fast.validator(schema)
    assert valid("a") and not valid(1)


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    valid = fast.validator(json.dumps({"type": "string"}))
    assert valid("a") and not valid(1)


def test_a_team_schema_verdict_kept_by_other_proglint_code_is_not_trusted(tmp_path, monkeypatch):
    # A team schema that passed is remembered per user by its text.  Another proglint (an older
    # release, or this one before an edit) may have accepted a text this one refuses: here a
    # '$schema' that is not Draft 2020-12, remembered as fine by code stamped otherwise.
    from proglint.schema import SchemaConfigError, stage

    path = tmp_path / "team.schema.json"
    text = json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schemaX"})
    path.write_text(text, encoding="utf-8")
    other = "validate.py 1 1 refs.py 1 1"
    with monkeypatch.context() as patch:
        patch.setattr(stage, "_judge", lambda: other)
        patch.setattr(stage, "_compile", lambda p: True)  # the other code's verdict
        stage._check_team_schema(path, text)
    with monkeypatch.context() as patch:  # the same code asks again: its kept verdict answers
        patch.setattr(stage, "_judge", lambda: other)
        patch.setattr(stage, "_compile", lambda p: pytest.fail("judged again"))
        stage._check_team_schema(path, text)
    with pytest.raises(SchemaConfigError, match="proglint applies JSON Schema Draft 2020-12"):
        stage._check_team_schema(path, text)


def test_the_judging_code_is_stamped_by_its_files():
    from proglint.schema import stage

    stamp = stage._judge()
    from pathlib import Path

    files = [Path(part) for part in stamp.split() if part.endswith(".py")]
    assert [f.name for f in files] == ["validate.py", "refs.py"]
    assert all(f.parent == Path(stage.__file__).parent for f in files)
