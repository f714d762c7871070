"""The fast validator judges a document's observations property by property
(schema.fast._row_parts), remembering each value's verdict: its answer must
be exactly the whole schema's, for any observations, repeated or not."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from proglint.schema import fast

from conftest import ROOT

PROGRAM_TEXT = (ROOT / "schemas" / "program.schema.json").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(fast, "_BUILT", {})


def whole_function(text: str):
    """The unsplit validator of a schema: one fastjsonschema function."""
    return fast._function(fast._compiled(fast.prepare(json.loads(text))))


def test_the_program_schema_is_judged_property_by_property():
    entry = fast._generate(PROGRAM_TEXT, split=True)
    required, closed, parts = entry[2]
    assert set(required) == {"folder", "number", "label", "template", "target"}
    assert closed is True
    assert set(parts) == {"folder", "number", "label", "template", "target"}


def test_a_schema_with_more_than_independent_properties_is_judged_whole():
    schema = json.loads(PROGRAM_TEXT)
    schema["properties"]["observations"]["items"] = {"type": "object", "minProperties": 2}
    assert fast._generate(json.dumps(schema), split=True)[2] is None


def mostly(good: list, bad: list):
    """One of ``good`` nine times in ten, else one of ``bad``."""
    return st.one_of(*[st.sampled_from(good)] * 9, st.sampled_from(bad))


# Mostly values the schema accepts, so that whole documents are often valid
# and one bad value (or a remembered verdict answered wrongly) decides.
good_target = {"text": "(1) WASP-39", "number": "1", "name": "WASP-39"}
none_target = {"text": "NONE", "number": None, "name": None}
targets = mostly([good_target, none_target, None, {"number": "1", "name": "WASP-39", "text": "(1) WASP-39"}], [
    {"text": "(1) WASP-39", "number": "1", "name": "W"},  # name too short
    {"text": "(1) WASP-39", "number": "0", "name": "WASP-39"},  # number out of range
    {"text": "(1) WASP-39", "number": "1"},  # a name missing
    {**good_target, "extra": "x"},  # a name the schema refuses
    {"text": "WASP-39", "number": None, "name": None},  # not (N) NAME
    "(1) WASP-39",  # not an object
])
numbers = mostly(["1", "2", "12", "999", None], ["0", "1000", "01", 1])
folders = mostly(["", "WASP-39", None, "A"], [3])
labels = mostly(["", "NIRCam imaging", None, "x y"], [True, 7])
templates = mostly(["NIRCam Imaging", "MIRI Imaging", None], [" ", "", 2])
row = st.fixed_dictionaries({"folder": folders, "number": numbers, "label": labels, "template": templates, "target": targets})
rows = st.one_of(
    *[row] * 20,
    row.map(lambda r: {k: v for k, v in r.items() if k != "label"}),  # a required name missing
    row.map(lambda r: {**r, "other": "x"}),  # a name the schema refuses
    st.just("not an object"),
)
front = st.sampled_from([None, {"id": 1, "proposal_type": "GO"}])


@given(st.lists(st.lists(rows, max_size=6), min_size=1, max_size=6), front)
def test_the_split_answer_is_the_whole_schemas(documents, front_matter):
    whole = whole_function(PROGRAM_TEXT)
    split = fast.validator(PROGRAM_TEXT)
    assert split is not whole
    base = {"front_matter": front_matter, "heading": None, "url": None, "sections": []}
    for observations in documents:  # the same validator, so verdicts remembered from earlier documents are used
        instance = {**base, "observations": observations}
        assert split(instance) == whole(instance)
    # the observations not being a list, or missing
    for odd in ({**base, "observations": {}}, base, {**base, "observations": None}, [], "x"):
        assert split(odd) == whole(odd)



BASE = {"front_matter": None, "heading": None, "url": None, "sections": []}


def observation(**cells):
    return {"folder": None, "number": "1", "label": None, "template": "NIRCam Imaging", "target": good_target, **cells}


@pytest.mark.parametrize(
    "bad",
    [
        observation(target={"text": "(1) WASP-39", "number": "1", "name": "W"}),  # same keys, a bad value
        observation(target={"text": "(1) WASP-39", "number": "1", "extra": "WASP-39"}),  # a refused name
        observation(number="0"),
        observation(template=" "),
        {**observation(), "other": None},
        {k: v for k, v in observation().items() if k != "label"},
    ],
)
def test_a_remembered_good_value_does_not_answer_for_a_bad_one(bad):
    valid = fast.validator(PROGRAM_TEXT)
    assert valid({**BASE, "observations": [observation()]}) is True
    assert valid({**BASE, "observations": [observation(), bad]}) is False
    assert valid({**BASE, "observations": [bad]}) is False
    assert valid({**BASE, "observations": [observation()]}) is True  # and a bad one does not spoil a good one


def test_the_rest_of_the_document_is_still_judged():
    valid = fast.validator(PROGRAM_TEXT)
    assert valid({**BASE, "observations": [observation()]}) is True
    assert valid({**BASE, "sections": [1], "observations": [observation()]}) is False
    assert valid({**BASE, "observations": [observation()], "extra": 1}) is False
