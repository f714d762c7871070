"""schema/refs.py: a team schema's local ``$ref`` is replaced by what it
names only where that cannot change the meaning, for the edges mutation
testing (benchmarks/mutation.py) found unpinned.  Each test is a team schema
whose reference, resolved wrongly, would give other findings: asserted at
line, column, end column and message through the public check, with a near
miss."""

from __future__ import annotations

import pytest

from proglint.schema import SchemaConfigError

from team_schema import TITLE, at, findings

TITLE_AT = at(TITLE, "# ")
LONG = "the heading's title must be at most {} characters long; found \"" + TITLE + '"'


def title(rule) -> dict:
    return {"properties": {"heading": {"properties": {"title": rule}}}}


def test_a_reference_with_an_escaped_slash_names_that_key_not_its_spelling(tmp_path):
    # '#/$defs/a~1b' names the key 'a/b'; a key spelt 'a~1b' is another schema
    schema = {"$defs": {"a/b": {"maxLength": 3}, "a~1b": {"maxLength": 100}}, **title({"$ref": "#/$defs/a~1b"})}
    assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, LONG.format(3))]
    schema["$defs"]["a/b"] = {"maxLength": 36}
    assert findings(tmp_path, schema) == []


def test_a_reference_with_an_escaped_tilde_names_that_key_not_its_spelling(tmp_path):
    schema = {"$defs": {"a~b": {"maxLength": 4}, "a~0b": {"maxLength": 100}}, **title({"$ref": "#/$defs/a~0b"})}
    assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, LONG.format(4))]
    # '~01' is '~1' written with an escaped tilde: the key 'a~1b', not 'a/b'
    schema = {"$defs": {"a~1b": {"maxLength": 5}, "a/b": {"maxLength": 100}}, **title({"$ref": "#/$defs/a~01b"})}
    assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, LONG.format(5))]


def test_a_reference_into_a_list_names_that_item(tmp_path):
    rules = {"anyOf": [{"maxLength": 100}, {"maxLength": 6}, {"maxLength": 200}]}
    schema = {"$defs": {"rules": rules}, **title({"$ref": "#/$defs/rules/anyOf/1"})}
    assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, LONG.format(6))]
    schema = {"$defs": {"rules": rules}, **title({"$ref": "#/$defs/rules/anyOf/0"})}
    assert findings(tmp_path, schema) == []


@pytest.mark.parametrize("ref", ["#/$defs/rules/anyOf/2", "#/$defs/none", "#/$defs/rules/anyOf/x", "#/$defs/rules/anyOf/1/maxLength/1"])
def test_a_reference_to_nothing_is_a_configuration_error(tmp_path, ref):
    schema = {"$defs": {"rules": {"anyOf": [{"maxLength": 100}, {"maxLength": 6}]}}, **title({"$ref": ref})}
    with pytest.raises(SchemaConfigError, match="a '\\$ref' cannot be resolved"):
        findings(tmp_path, schema)


def test_a_reference_beside_a_keyword_of_its_own_keeps_both(tmp_path):
    schema = {"$defs": {"long": {"maxLength": 100}}, **title({"$ref": "#/$defs/long", "maxLength": 7})}
    assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, LONG.format(7))]
    noted = {"$defs": {"short": {"maxLength": 8}},
             **title({"$ref": "#/$defs/short", "description": "d", "title": "t", "$comment": "c"})}
    assert findings(tmp_path, noted) == [("PL057", *TITLE_AT, LONG.format(8))]


def test_a_reference_inside_a_nested_resource_is_that_resource_s(tmp_path):
    # '#/$defs/short' under a nested $id is the nested schema's $defs, not the file's
    schema = {
        "$defs": {"short": {"maxLength": 100}},
        "properties": {"heading": {"$id": "https://example.com/heading", "$defs": {"short": {"maxLength": 9}},
                                   "properties": {"title": {"$ref": "#/$defs/short"}}}},
    }
    assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, LONG.format(9))]
    deeper = {
        "$defs": {"short": {"maxLength": 100}},
        "properties": {"heading": {"properties": {"title": {"allOf": [
            {"$id": "https://example.com/title", "$defs": {"short": {"maxLength": 10}}, "$ref": "#/$defs/short"},
        ]}}}},
    }
    assert findings(tmp_path, deeper) == [("PL057", *TITLE_AT, LONG.format(10))]


def test_a_schema_that_refers_to_itself(tmp_path):
    # a list of lists of any depth whose texts are short: the reference is followed, not copied forever
    nested = {"$defs": {"tree": {"anyOf": [{"type": "string", "maxLength": 2}, {"type": "array", "items": {"$ref": "#/$defs/tree"}}]}},
              "properties": {"front_matter": {"properties": {"pi_and_co_pis": {"$ref": "#/$defs/tree"}}}}}
    assert findings(tmp_path, nested) == []  # pi_and_co_pis: "" is short
    chained = {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/c"}, "c": {"maxLength": 11}},
               **title({"$ref": "#/$defs/a"})}
    assert findings(tmp_path, chained) == [("PL057", *TITLE_AT, LONG.format(11))]


# -- an $anchor or $dynamicAnchor names a place without moving the base of a '#/...' pointer --------------------------


@pytest.mark.parametrize("keyword", ["$anchor", "$dynamicAnchor"])
@pytest.mark.parametrize("ref", ["#/$defs/rules/anyOf/x", "#/$defs/rules/anyOf/0/maxLength/1", "#/$defs/none"])
def test_a_reference_to_nothing_beside_an_anchor_is_a_configuration_error(tmp_path, keyword, ref):
    # a pointer into a list by a name, or into a number, made jsonschema's resolver raise ValueError or
    # TypeError: an internal error, not this message, when the schema held an anchor anywhere
    schema = {"$defs": {"rules": {keyword: "rules", "anyOf": [{"maxLength": 100}]}}, **title({"$ref": ref})}
    with pytest.raises(SchemaConfigError) as caught:
        findings(tmp_path, schema)
    assert caught.value.message == f"a '$ref' cannot be resolved: {ref!r} at /properties/heading/properties/title names nothing in the schema"


def test_an_anchored_subschema_means_the_same_by_its_pointer_and_by_its_anchor(tmp_path):
    ID_AT = at("1071", "# ")
    schema = {"$defs": {"short": {"$anchor": "short", "maxLength": 3}},
              "properties": {"heading": {"properties": {"title": {"$ref": "#/$defs/short"}, "id": {"$ref": "#short"}}}}}
    assert findings(tmp_path, schema) == [
        ("PL057", *ID_AT, "the heading's program ID must be at most 3 characters long; found \"1071\""),
        ("PL057", *TITLE_AT, LONG.format(3)),
    ]
    schema["$defs"]["short"]["maxLength"] = 36
    assert findings(tmp_path, schema) == []


def test_a_dynamic_anchor_reached_through_a_pointer_and_a_dynamic_reference(tmp_path):
    # a list of lists of any depth whose texts are short, its recursion written with $dynamicRef
    tree = {"$dynamicAnchor": "node", "anyOf": [{"type": "string", "maxLength": 2}, {"type": "array", "items": {"$dynamicRef": "#node"}}]}
    schema = {"$defs": {"tree": tree},
              "properties": {"heading": {"properties": {"title": {"$ref": "#/$defs/tree"}, "id": {"$dynamicRef": "#node"}}}}}
    assert findings(tmp_path, schema) == [
        ("PL057", *at("1071", "# "), "the heading's program ID must be at most 2 characters long; found \"1071\""),
        ("PL057", *TITLE_AT, LONG.format(2)),
    ]
    tree["anyOf"][0]["maxLength"] = 36
    assert findings(tmp_path, schema) == []


# -- a subschema with its own $id is a resource: its '#/...' pointers are read from it ---------------------------------


@pytest.mark.parametrize("ref", ["#/$defs/rules/anyOf/x", "#/$defs/rules/anyOf/0/maxLength/1", "#/$defs/none", "#/$defs/rules/anyOf/1"])
def test_a_reference_to_nothing_inside_a_nested_resource_is_a_configuration_error(tmp_path, ref):
    # a pointer into a list by a name, or into a number, was an internal error (ValueError, TypeError) there
    heading = {"$id": "https://example.com/heading", "$defs": {"rules": {"anyOf": [{"maxLength": 100}]}},
               "properties": {"title": {"$ref": ref}}}
    with pytest.raises(SchemaConfigError) as caught:
        findings(tmp_path, {"properties": {"heading": heading}})
    assert caught.value.message == (f"a '$ref' cannot be resolved: {ref!r} at /properties/heading/properties/title"
                                    " names nothing in the schema resource 'https://example.com/heading'")


def test_a_pointer_inside_a_nested_resource_is_not_read_from_the_file_s_root(tmp_path):
    # the root has $defs/short, the nested resource has not: an error, though the root would resolve it
    heading = {"$id": "https://example.com/heading", "properties": {"title": {"$ref": "#/$defs/short"}}}
    schema = {"$defs": {"short": {"maxLength": 3}}, "properties": {"heading": heading}}
    with pytest.raises(SchemaConfigError, match="names nothing in the schema resource 'https://example.com/heading'"):
        findings(tmp_path, schema)
    # and one the nested resource has, the root has not, is no error
    heading["$defs"] = {"short": {"maxLength": 12}}
    del schema["$defs"]
    assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, LONG.format(12))]
