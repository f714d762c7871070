"""schema/validate.py: where and how a team schema's findings are reported,
for the edges mutation testing (benchmarks/mutation.py) found unpinned.
Each test is a triggering document and a near miss, asserted at line,
column, end column and message through the public check."""

from __future__ import annotations

import json
import os

import pytest

from proglint.schema import SchemaConfigError, check

from conftest import doc
from team_schema import BASE, HEADING, LINES, ROW, ROW_LINES, TITLE, at, findings, rows, targets


# A `false` subschema forbids the value it names.  jsonschema reports it
# without the step that led there (the property name, the pattern's key, the
# item's index); the finding used to land on the object holding the value.

DYNAMIC = {"$dynamicAnchor": "top", "$defs": {"unused": {"$dynamicRef": "#top"}}}  # jsonschema's own keywords, no memo


def test_a_false_property_subschema_is_reported_at_the_value(tmp_path):
    schema = {"properties": {"heading": {"properties": {"title": False}}}}
    expected = [("PL059", *at(TITLE, "# "), "the heading's title is not allowed here")]
    assert findings(tmp_path, schema) == expected
    assert findings(tmp_path, {**schema, **DYNAMIC}) == expected
    assert findings(tmp_path, {"properties": {"heading": {"properties": {"subtitle": False}}}}) == []
    assert findings(tmp_path, {"properties": {"heading": {"properties": {"title": True}}}}) == []


def test_a_false_front_matter_key_is_reported_at_its_value(tmp_path):
    expected = [("PL109", *at('"0"', "cycle:"), "cycle is not allowed here")]
    assert findings(tmp_path, {"properties": {"front_matter": {"properties": {"cycle": False}}}}) == expected
    assert findings(tmp_path, {"properties": {"front_matter": {"patternProperties": {"^cyc": False}}}}) == expected
    patterns = {"properties": {"front_matter": {"patternProperties": {"^cyc": False}}}, **DYNAMIC}
    assert findings(tmp_path, patterns) == expected
    assert findings(tmp_path, {"properties": {"front_matter": {"patternProperties": {"^cyx": False}}}}) == []


def test_a_false_row_field_is_reported_at_each_cell(tmp_path):
    labels = [LINES[n - 1].split("|")[3].strip() for n in ROW_LINES]
    expected = [("PL209", *at(label, ROW, i), "the label is not allowed here") for i, label in enumerate(labels, 1)]
    assert findings(tmp_path, rows({"properties": {"label": False}})) == expected
    assert findings(tmp_path, {**rows({"properties": {"label": False}}), **DYNAMIC}) == expected


def test_a_false_target_field_is_reported_at_the_name(tmp_path):
    expected = [("PL309", *at("LMC-ASTROMETRIC", ROW, n), "the target name is not allowed here") for n in range(1, 11)]
    assert findings(tmp_path, targets({"properties": {"name": False}})) == expected


def test_a_false_prefix_item_is_reported_at_that_item(tmp_path):
    first = next(line for line in LINES if line.startswith("## "))[3:]
    second = "1. List of Labels, Observing Templates, and Science Targets"  # a ### heading is a section too
    assert findings(tmp_path, {"properties": {"sections": {"prefixItems": [False]}}}) == [
        ("PL059", *at(first, "## "), "the section title is not allowed here"),
    ]
    assert findings(tmp_path, {"properties": {"sections": {"prefixItems": [True, False]}}, **DYNAMIC}) == [
        ("PL059", *at(second, "### "), "the section title is not allowed here"),
    ]


# -- unknown keys: which keys, and what the message offers --------------------------------------

URL_LINE = next(n for n, line in enumerate(LINES, 1) if line.startswith("https://"))
URL = LINES[URL_LINE - 1]


def test_a_key_matching_a_pattern_is_known_even_when_the_message_quotes_it(tmp_path):
    # jsonschema's message for additionalProperties beside patternProperties
    # quotes the patterns ('text'): the key 'text' matches one, so it is known
    schema = {"properties": {"url": {"patternProperties": {"text": {}}, "additionalProperties": False}}}
    assert findings(tmp_path, schema) == [("PL051", *at("1071", "https://"), "unknown key 'program_id' in the program URL")]
    allowed = {"properties": {"url": {"patternProperties": {"text": {}, "_id$": {}}, "additionalProperties": False}}}
    assert findings(tmp_path, allowed) == []


def test_keys_no_schema_lists_are_unknown_without_a_list_of_known_keys(tmp_path):
    assert findings(tmp_path, {"properties": {"url": {"additionalProperties": False}}}) == [
        ("PL051", URL_LINE, 1, len(URL) + 1, "unknown key 'text' in the program URL"),
        ("PL051", *at("1071", "https://"), "unknown key 'program_id' in the program URL"),
    ]


def test_keys_evaluated_elsewhere_are_not_unevaluated(tmp_path):
    schema = {"properties": {"url": {"allOf": [{"properties": {"text": {}}}], "unevaluatedProperties": False}}}
    assert findings(tmp_path, schema) == [("PL051", *at("1071", "https://"), "unknown key 'program_id' in the program URL")]


def test_the_known_keys_are_listed_up_to_twelve(tmp_path):
    twelve = ["text"] + [f"a{i}" for i in range(1, 12)]
    schema = {"properties": {"url": {"properties": {name: {} for name in twelve}, "additionalProperties": False}}}
    assert findings(tmp_path, schema) == [
        ("PL051", *at("1071", "https://"), "unknown key 'program_id' in the program URL; the known keys are " + ", ".join(twelve)),
    ]
    thirteen = twelve + ["a12"]
    schema = {"properties": {"url": {"properties": {name: {} for name in thirteen}, "additionalProperties": False}}}
    assert findings(tmp_path, schema) == [("PL051", *at("1071", "https://"), "unknown key 'program_id' in the program URL")]


def front_matter(unknown: str, known: list[str], **more) -> dict:
    return {"properties": {"front_matter": {
        "properties": {name: {} for name in known}, "patternProperties": {f"^(?!{unknown}$)": {}},
        "additionalProperties": False, **more,
    }}}


def test_a_did_you_mean_for_keys_up_to_a_hundred_characters(tmp_path):
    line = LINES.index("cycle: \"0\"") + 1
    for length, suggested in ((100, True), (101, False)):
        key, name = "k" * length, "k" * (length - 1) + "j"
        text = BASE.replace('cycle: "0"', f'{key}: "0"')
        offer = f"; did you mean {name!r}?" if suggested else f"; the known keys are {name}"
        found = [f for f in findings(tmp_path, front_matter(key, [name]), text) if f[0] == "PL101" and name in f[4]]  # not the program schema's finding
        assert found == [("PL101", line, 1, length + 1, f"unknown key {key!r} in the front matter{offer}")]


def test_a_did_you_mean_names_a_missing_key_only_when_it_is_required(tmp_path):
    text = BASE.replace('cycle: "0"', 'cycl: "0"')
    line = LINES.index("cycle: \"0\"") + 1
    program = ("PL101", line, 1, 5, "unknown key 'cycl' in the front matter; did you mean 'cycle', which is missing?")
    assert findings(tmp_path, front_matter("cycl", ["cycle"]), text) == [
        program, ("PL101", line, 1, 5, "unknown key 'cycl' in the front matter; did you mean 'cycle'?"),
    ]
    assert findings(tmp_path, front_matter("cycl", ["cycle"], required=["cycle"]), text) == [program]


def test_a_misspelt_key_beside_the_key_it_resembles_is_not_renamed(tmp_path):
    both = BASE.replace('cycle: "0"', 'cycle: "0"\ncycl: "0"')
    [found] = check(doc(both))
    assert (found.code, found.span.start_line, found.span.start_column, found.span.end_column, found.message) == (
        "PL101", 5, 1, 5, "unknown key 'cycl' in the front matter; did you mean 'cycle'?",
    )
    assert found.fix is None  # 'cycle' is there already: renaming would repeat it
    [alone] = check(doc(BASE.replace('cycle: "0"', 'cycl: "0"')))
    assert alone.fix is not None and alone.fix.message == "rename 'cycl' to 'cycle'"


def test_each_key_a_given_key_needs_is_reported(tmp_path):
    schema = {"properties": {"heading": {"dependentRequired": {"id": ["subtitle"], "title": ["author"]}}}}
    assert findings(tmp_path, schema) == [
        ("PL052", *at(HEADING), "missing key 'author' in the heading, needed because 'title' is given"),
        ("PL052", *at(HEADING), "missing key 'subtitle' in the heading, needed because 'id' is given"),
    ]


# -- the document as a whole (the empty path): at the opening `---` -----------------------------


def test_a_finding_on_the_whole_document(tmp_path):
    assert findings(tmp_path, {"required": ["appendix"]}) == [("PL052", 1, 1, 4, "missing key 'appendix' in the document")]
    assert findings(tmp_path, {"maxProperties": 4}) == [("PL058", 1, 1, 4, "the document must have at most 4 keys; found 5")]
    assert findings(tmp_path, {"maxProperties": 5}) == []


# -- anyOf/oneOf whose alternatives all fail the same way ----------------------------------------


def test_a_one_of_whose_alternatives_all_fail_on_type_is_a_type_finding(tmp_path):
    schema = {"properties": {"heading": {"properties": {"title": {"oneOf": [{"type": "integer"}, {"type": "boolean"}]}}}}}
    assert findings(tmp_path, schema) == [
        ("PL054", *at(TITLE, "# "), f'the heading\'s title matches none of the allowed forms; found "{TITLE}"'),
    ]


# -- what is remembered valid stays valid only for the same value under the same subschema ------
# (a second check with the same schema file reuses the validator and what it remembered)

SECTIONS = [line.lstrip("#").strip() for line in LINES if line.startswith("##")]
LONG_SECTION = "1. List of Labels, Observing Templates, and Science Targets"


def same_schema(tmp_path, schema: dict):
    path = tmp_path / "team.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return lambda text=BASE: [
        (d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message) for d in check(doc(text), (path,))
    ]


def test_section_titles_are_each_checked_on_every_run(tmp_path):
    assert SECTIONS[1] == LONG_SECTION and all(len(title) <= 25 for i, title in enumerate(SECTIONS) if i != 1)
    run = same_schema(tmp_path, {"properties": {"sections": {"items": {"maxLength": 25}}}})
    expected = [("PL057", *at(LONG_SECTION, "### "),
                 f'the section title must be at most 25 characters long; found "{LONG_SECTION}"')]
    assert run() == expected
    assert run() == expected  # "OBSERVATIONS TABLE", first, is remembered valid now


def test_items_beyond_the_prefix_only_are_checked_against_items(tmp_path):
    schema = {"properties": {"sections": {"prefixItems": [{}, {}], "items": {"maxLength": 20}}}}
    assert findings(tmp_path, schema) == [
        ("PL057", *at("OBSERVING DESCRIPTION", "## OBSERVING"),
         'the section title must be at most 20 characters long; found "OBSERVING DESCRIPTION"'),
    ]


def test_no_items_beyond_the_prefix(tmp_path):
    line, column, _ = at("OBSERVATIONS TABLE", "## ")
    found = findings(tmp_path, {"properties": {"sections": {"prefixItems": [{}, {}], "items": False}}})
    assert found == [("PL059", 14, 4, 22, f"the sections: Expected at most 2 items but found 2 extra: {SECTIONS[2:]!r}")]
    assert (line, column) == (14, 4)  # the sections are placed at the first one
    assert findings(tmp_path, {"properties": {"sections": {"prefixItems": [{}, {}, {}, {}], "items": False}}}) == []


def test_items_says_nothing_about_a_value_that_is_not_a_list(tmp_path):
    assert findings(tmp_path, {"properties": {"front_matter": {"properties": {"cycle": {"items": {"type": "integer"}}}}}}) == []


def test_a_value_remembered_under_one_list_is_checked_again_under_another(tmp_path):
    text = BASE.replace('type: ""', 'type: ""\ntags: [ABSTRACT]')
    schema = {"properties": {
        "front_matter": {"properties": {"tags": {"items": {}}}},
        "sections": {"items": {"not": {"const": "ABSTRACT"}}},
    }}
    found = [f for f in findings(tmp_path, schema, text) if f[0] != "PL101"]  # not the program schema's unknown 'tags'
    line, column, end = at("ABSTRACT", "## ABSTRACT")
    assert found == [("PL055", line + 1, column, end, 'the section title may not be "ABSTRACT"')]  # one line added above


def test_a_value_remembered_under_one_key_is_checked_again_under_another(tmp_path):
    # cycle and exclusive_access_period_months are both "0"; cycle's schema accepts it
    schema = {"properties": {"front_matter": {"properties": {"cycle": {}, "exclusive_access_period_months": {"const": "1"}}}}}
    assert findings(tmp_path, schema) == [
        ("PL105", *at('"0"', "exclusive_access"), 'exclusive_access_period_months must be "1"; found "0"'),
    ]


def test_a_changed_value_is_checked_again_after_the_old_one_was_remembered(tmp_path):
    # an unknown front-matter key makes the program schema fail, so jsonschema
    # runs (and remembers) on the first document too
    run = same_schema(tmp_path, {"properties": {"heading": {"properties": {"id": {}, "title": {"maxLength": 40}}}}})
    first = BASE.replace('type: ""', 'type: ""\nextra: 1')
    assert [f[0] for f in run(first)] == ["PL101"]
    longer = TITLE + " and more"
    line, column, _ = at(TITLE, "# ")
    assert [f for f in run(first.replace(f"- {TITLE}", f"- {longer}")) if f[0] != "PL101"] == [
        ("PL057", line + 1, column, column + len(longer), f'the heading\'s title must be at most 40 characters long; found "{longer}"'),
    ]


def test_nested_mappings_are_remembered_by_value_and_type(tmp_path):
    run = same_schema(tmp_path, {"properties": {"front_matter": {"properties": {
        "extra": {"properties": {"inner": {"properties": {"n": {"type": "integer"}}}}},
    }}}})
    with_value = lambda value: BASE.replace('type: ""', f'type: ""\nextra: {{inner: {{n: {value}}}}}')  # noqa: E731
    line = LINES.index('type: ""') + 2
    column = len("extra: {inner: {n: ") + 1
    assert [f for f in run(with_value("1")) if f[0] != "PL101"] == []
    for value, shown in (("true", "true"), ('"x"', '"x"')):
        assert [f for f in run(with_value(value)) if f[0] != "PL101"] == [
            ("PL104", line, column, column + len(value), f"extra.inner.n must be a whole number; found {shown}"),
        ]


# -- annotations found through $ref, nested $id, anyOf branches and `false` ------------------------
# (x-proglint-code / x-proglint-message are read on the way from the root to
# the failing keyword; jsonschema's schema path leaves the $ref jumps out)

TITLE_AT = at(TITLE, "# ")


def test_messages_behind_a_ref_beside_keywords_of_its_own(tmp_path):
    # both maxLength keywords fail with the same schema path: each keeps its own message
    schema = {
        "$defs": {"short": {"properties": {"title": {"maxLength": 3, "x-proglint-message": "B: {key} is over 3"}}}},
        "properties": {"heading": {
            "properties": {"title": {"maxLength": 5, "x-proglint-message": "A: {key} is over 5"}}, "$ref": "#/$defs/short",
        }},
    }
    assert findings(tmp_path, schema) == [
        ("PL057", *TITLE_AT, "A: the heading's title is over 5"), ("PL057", *TITLE_AT, "B: the heading's title is over 3"),
    ]


def chain(hops: int) -> dict:
    """The heading's title checked at the end of `hops` references (each
    with a keyword of its own, so none is inlined)."""
    defs = {f"d{i}": {"$ref": f"#/$defs/d{i + 1}", "minLength": 0} for i in range(hops - 1)}
    defs[f"d{hops - 1}"] = {"maxLength": 3, "x-proglint-message": "{key}: at most 3 characters"}
    defs["h"] = {"properties": {"title": {"$ref": "#/$defs/d0", "minLength": 0}}}
    return {"$defs": defs, "properties": {"heading": {"$ref": "#/$defs/h", "minProperties": 0}}}


def test_messages_are_found_up_to_thirty_two_references_deep(tmp_path):
    # heading -> h, then title -> d0 -> ... : 33 references to d31 is one too many
    generated = f'the heading\'s title must be at most 3 characters long; found "{TITLE}"'
    assert findings(tmp_path, chain(2)) == [("PL057", *TITLE_AT, "the heading's title: at most 3 characters")]
    assert findings(tmp_path, chain(31)) == [("PL057", *TITLE_AT, "the heading's title: at most 3 characters")]
    assert findings(tmp_path, chain(32)) == [("PL057", *TITLE_AT, generated)]


def test_a_reference_relative_to_a_nested_id(tmp_path):
    schema = {"properties": {"heading": {
        "$id": "https://example.com/heading",
        "$defs": {"short": {"maxLength": 3, "x-proglint-message": "{key} is too long for the team"}},
        "properties": {"title": {"$ref": "#/$defs/short", "minLength": 0}},
    }}}
    assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, "the heading's title is too long for the team")]


def test_a_key_rule_behind_a_reference_is_about_the_key(tmp_path):
    schema = {"$defs": {"lower": {"pattern": "^[a-z_]+$"}},
              "properties": {"front_matter": {"propertyNames": {"$ref": "#/$defs/lower", "minLength": 1}}}}
    text = BASE.replace("cycle:", "Cycle:")
    line = LINES.index('cycle: "0"') + 1
    assert findings(tmp_path, schema, text) == [
        ("PL101", line, 1, 6, "key 'Cycle' is not allowed in the front matter: "
                              'the key does not have the required form (the pattern ^[a-z_]+$); found "Cycle"'),
        ("PL101", line, 1, 6, "unknown key 'Cycle' in the front matter; did you mean 'cycle', which is missing?"),
    ]


def test_messages_in_any_of_branches_behind_a_reference(tmp_path):
    # jsonschema's best match is the branch of the value's type: its message is used, wherever it stands
    text = {"type": "string", "maxLength": 3, "x-proglint-message": "{key}: the text branch"}
    for branches in ([text, {"type": "integer"}], [{"type": "integer"}, text], [{"type": "null"}, {"type": "integer"}, text]):
        schema = {"$defs": {"t": {"anyOf": branches}},
                  "properties": {"heading": {"properties": {"title": {"$ref": "#/$defs/t", "minLength": 0}}}}}
        assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, "the heading's title: the text branch")]


def test_a_code_on_the_schema_holding_a_false_subschema(tmp_path):
    schema = {"properties": {"heading": {"x-proglint-code": "PL055", "properties": {"title": False}}}}
    assert findings(tmp_path, schema) == [("PL055", *TITLE_AT, "the heading's title is not allowed here")]
    sections = {"properties": {"sections": {"x-proglint-code": "PL055", "prefixItems": [False]}}}
    assert findings(tmp_path, sections) == [("PL055", *at("OBSERVATIONS TABLE", "## "), "the section title is not allowed here")]


def test_false_behind_a_reference_dependent_schema_and_all_of(tmp_path):
    behind = {"$defs": {"no": False}, "properties": {"heading": {"properties": {"title": {"$ref": "#/$defs/no", "minLength": 0}}}}}
    assert findings(tmp_path, behind) == [("PL059", *TITLE_AT, "the heading's title is not allowed here")]
    heading = ("PL059", *at(f"# 1071 - {TITLE}"), "the heading is not allowed here")
    assert findings(tmp_path, {"properties": {"heading": {"dependentSchemas": {"id": False}}}}) == [heading]
    assert findings(tmp_path, {"properties": {"heading": {"dependentSchemas": {"subtitle": False}}}}) == []
    assert findings(tmp_path, {"properties": {"heading": {"allOf": [True, False]}}}) == [heading]


# -- messages a schema writes, and fixes for missing keys ------------------------------------------


def test_a_schema_message_for_a_missing_key_and_for_an_unknown_key(tmp_path):
    schema = {"properties": {"heading": {"required": ["subtitle"], "x-proglint-message": "the heading needs {key} (found {value})"}}}
    assert findings(tmp_path, schema) == [("PL052", *at(HEADING), "the heading needs subtitle (found nothing)")]
    unknown = {"properties": {"url": {"properties": {"text": {}}, "additionalProperties": False,
                                      "x-proglint-message": "no {key} ({value}) in our URLs"}}}
    assert findings(tmp_path, unknown) == [("PL051", *at("1071", "https://"), 'no program_id ("program_id") in our URLs')]


def test_a_schema_message_for_a_key_rule(tmp_path):
    schema = {"properties": {"front_matter": {"propertyNames": {"pattern": "^[a-z_]+$", "x-proglint-message": "{value} is not lower case"}}}}
    line = LINES.index('cycle: "0"') + 1
    assert [f for f in findings(tmp_path, schema, BASE.replace("cycle:", "Cycle:")) if "lower" in f[4]] == [
        ("PL101", line, 1, 6, '"Cycle" is not lower case'),
    ]


def test_a_code_inside_an_outer_message_keeps_its_own_message(tmp_path):
    schema = {"properties": {"heading": {"x-proglint-message": "outer: {key}",
                                         "properties": {"title": {"x-proglint-code": "PL055", "maxLength": 3}}}}}
    assert findings(tmp_path, schema) == [
        ("PL055", *TITLE_AT, f'the heading\'s title must be at most 3 characters long; found "{TITLE}"'),
    ]


def test_two_required_keywords_on_one_object_each_report_their_key(tmp_path):
    schema = {"properties": {"heading": {"allOf": [{"required": ["subtitle"]}, {"required": ["author"]}]}}}
    assert findings(tmp_path, schema) == [
        ("PL052", *at(HEADING), "missing key 'author' in the heading"), ("PL052", *at(HEADING), "missing key 'subtitle' in the heading"),
    ]


def test_a_misspelt_key_stands_for_its_missing_key_only(tmp_path):
    text = BASE.replace('cycle: "0"', 'cycl: "0"').replace('type: ""\n', "")
    cycle_line = LINES.index('cycle: "0"') + 1
    assert [(d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message) for d in check(doc(text))] == [
        ("PL102", 1, 1, 4, "missing key 'type' in the front matter"),
        ("PL101", cycle_line, 1, 5, "unknown key 'cycl' in the front matter; did you mean 'cycle', which is missing?"),
    ]


def test_a_missing_front_matter_key_is_added_before_the_next_key_the_schema_lists(tmp_path):
    [found] = check(doc(BASE.replace('cycle: "0"\n', "")))
    assert (found.code, found.span.start_line, found.span.start_column, found.span.end_column, found.message) == (
        "PL102", 1, 1, 4, "missing key 'cycle' in the front matter",
    )
    assert found.fix.message == "add 'cycle: \"\"'"
    assert [(e.span.start_line, e.span.start_column, e.text) for e in found.fix.edits] == [(4, 1, 'cycle: ""\n')]


def test_only_a_required_front_matter_key_gets_the_added_line(tmp_path):
    heading = check(doc(BASE), [write(tmp_path, {"properties": {"heading": {"required": ["subtitle"]}}})])
    assert [(d.code, d.fix) for d in heading] == [("PL052", None)]
    needed = {"properties": {"front_matter": {"dependentRequired": {"cycle": ["extra"]}}}}
    [found] = check(doc(BASE), [write(tmp_path, needed)])
    assert (found.code, found.message, found.fix) == (
        "PL102", "missing key 'extra' in the front matter, needed because 'cycle' is given", None,
    )


def write(tmp_path, schema: dict):
    path = tmp_path / "team.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


def test_a_key_named_like_a_keyword_is_a_value_not_a_key_rule(tmp_path):
    text = BASE.replace('type: ""', 'type: ""\npropertyNames: "x"')
    schema = {"properties": {"front_matter": {"properties": {"propertyNames": {"type": "integer"}}}}}
    line = LINES.index('type: ""') + 2
    assert [f for f in findings(tmp_path, schema, text) if f[0] != "PL101"] == [
        ("PL104", line, 16, 19, 'propertyNames must be a whole number; found "x"'),
    ]


def test_a_target_without_a_number_is_reported_at_its_cell(tmp_path):
    line = ROW_LINES[0]
    text = "\n".join(LINES[: line - 1] + [LINES[line - 1].replace("(1) LMC-ASTROMETRIC", "LMC-ASTROMETRIC")] + LINES[line:])
    cell = text.split("\n")[line - 1].index("LMC-ASTROMETRIC") + 1
    found = [f for f in findings(tmp_path, targets({"properties": {"number": {"type": "integer"}}}), text) if f[0] == "PL304" and f[1] == line]  # the other rows: "1" is text
    assert found == [("PL304", line, cell, cell + len("LMC-ASTROMETRIC"), "the target number must be a whole number; found nothing")]


def test_a_branch_behind_a_reference_whose_holder_has_fewer_branches(tmp_path):
    text = {"type": "string", "maxLength": 3, "x-proglint-message": "{key}: the text branch"}
    schema = {"$defs": {"t": {"anyOf": [{"type": "integer"}, text]}},
              "properties": {"heading": {"properties": {"title": {"anyOf": [{"minLength": 0}], "$ref": "#/$defs/t"}}}}}
    assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, "the heading's title: the text branch")]


# -- the keywords jsonschema runs for a document the fast path rejected ---------------------------
# (a document valid for the fast validators never reaches jsonschema: the
# program schema's unknown key `extra` sends these to it; its PL101 is left out)

EXTRA = BASE.replace('type: ""', 'type: ""\nextra: 1')
CYCLE_AT = at('"0"', "cycle:")


def slow(tmp_path, schema: dict, text: str = EXTRA) -> list[tuple]:
    return [f for f in findings(tmp_path, schema, text) if f[0] != "PL101"]


def test_pattern_properties_check_each_matching_value(tmp_path):
    assert slow(tmp_path, {"properties": {"front_matter": {"patternProperties": {"^cyc": {"const": "0"}}}}}) == []
    assert slow(tmp_path, {"properties": {"front_matter": {"patternProperties": {"^cyc": {"const": "1"}}}}}) == [
        ("PL105", *CYCLE_AT, 'cycle must be "1"; found "0"'),
    ]


def test_a_message_inside_pattern_properties_and_properties_of_any_schema(tmp_path):
    message = {"const": "1", "x-proglint-message": "{key} must be one, not {value}"}
    expected = [("PL105", *CYCLE_AT, 'cycle must be one, not "0"')]
    assert slow(tmp_path, {"properties": {"front_matter": {"patternProperties": {"^cyc": message}}}}) == expected
    assert slow(tmp_path, {"properties": {"front_matter": {"patternProperties": {"^cyc": message}}}, **DYNAMIC}) == expected
    assert slow(tmp_path, {"properties": {"front_matter": {"properties": {"cycle": message}}}, **DYNAMIC}) == expected


def test_prefix_items_check_each_item_as_it_is(tmp_path):
    first = next(line for line in LINES if line.startswith("## "))[3:]
    assert slow(tmp_path, {"properties": {"sections": {"prefixItems": [{"const": first}]}}}) == []
    assert slow(tmp_path, {"properties": {"sections": {"prefixItems": [{"const": first}]}}, **DYNAMIC}) == []


def test_items_of_a_value_that_is_not_a_list_are_not_checked(tmp_path):
    assert slow(tmp_path, {"properties": {"front_matter": {"properties": {"cycle": {"items": {"type": "integer"}}}}}}) == []


def test_other_lists_are_checked_whole_when_rows_are_judged_alone(tmp_path):
    # the team schema judges rows one by one (no row is at fault): the sections are still all checked
    schema = {"properties": {"observations": {"items": {"properties": {"label": {"maxLength": 50}}}},
                             "sections": {"items": {"maxLength": 25}}}}
    line, column, end = at(LONG_SECTION, "### ")
    message = f'the section title must be at most 25 characters long; found "{LONG_SECTION}"'
    assert slow(tmp_path, schema) == [("PL057", line + 1, column, end, message)]  # `extra` is one line above
    assert slow(tmp_path, schema, BASE) == [("PL057", line, column, end, message)]


def test_every_property_is_reported_again_after_one_remembered_invalid(tmp_path):
    run = same_schema(tmp_path, {"properties": {
        "heading": {"properties": {"title": {"maxLength": 3}}},
        "front_matter": {"properties": {"cycle": {"const": "1"}}},
    }})
    expected = [
        ("PL105", *CYCLE_AT, 'cycle must be "1"; found "0"'),
        ("PL057", *TITLE_AT, f'the heading\'s title must be at most 3 characters long; found "{TITLE}"'),
    ]
    assert run() == expected
    assert run() == expected  # the heading's errors are remembered now: the front matter is still checked


def test_an_outer_message_names_the_value_it_sits_on(tmp_path):
    schema = {"properties": {"heading": {"x-proglint-message": "{key} is not in the team's form",
                                         "properties": {"title": {"maxLength": 3}}}}}
    assert findings(tmp_path, schema) == [("PL057", *TITLE_AT, "the heading is not in the team's form")]
    inner = {"properties": {"heading": {"properties": {"title": {"maxLength": 3, "x-proglint-message": "{key} is not in the team's form"}}}}}
    assert findings(tmp_path, inner) == [("PL057", *TITLE_AT, "the heading's title is not in the team's form")]


# -- a schema file that cannot be used: the configuration error names the file and says why ----------------------


def test_a_missing_schema_file(tmp_path):

    missing = tmp_path / "gone.schema.json"
    with pytest.raises(SchemaConfigError) as caught:
        check(doc(BASE), (missing,))
    assert (caught.value.path, caught.value.message) == (missing, "cannot read the schema: No such file or directory")


def test_a_schema_path_that_is_a_folder(tmp_path):

    folder = tmp_path / "schemas"
    folder.mkdir()
    with pytest.raises(SchemaConfigError) as caught:
        check(doc(BASE), (folder,))
    assert caught.value.path == folder
    assert caught.value.message == f"cannot read the schema: [Errno 21] Is a directory: '{folder}'"


def test_a_dollar_schema_is_the_2020_12_draft_with_or_without_its_trailing_hash(tmp_path):

    draft = "https://json-schema.org/draft/2020-12/schema"
    for declared in (draft, draft + "#"):
        assert findings(tmp_path, {"$schema": declared, "properties": {"heading": {"properties": {"title": {"maxLength": 3}}}}}) == [
            ("PL057", *at(TITLE, "# "), f'the heading\'s title must be at most 3 characters long; found "{TITLE}"')]
    for declared in (draft + "X", draft + "/", "https://json-schema.org/draft/2019-09/schema"):
        with pytest.raises(SchemaConfigError, match="proglint applies JSON Schema Draft 2020-12"):
            findings(tmp_path, {"$schema": declared})


def test_two_team_schemas_of_one_size_and_time_are_each_applied(tmp_path):
    # the compiled schemas are kept by path, and told apart from an edited file by (mtime, size):
    # two files alike in both are still two schemas
    first, second = tmp_path / "a.schema.json", tmp_path / "b.schema.json"
    first.write_text(json.dumps({"properties": {"heading": {"properties": {"title": {"maxLength": 3}}}}}), encoding="utf-8")
    second.write_text(json.dumps({"properties": {"heading": {"properties": {"title": {"maxLength": 4}}}}}), encoding="utf-8")
    assert first.stat().st_size == second.stat().st_size
    os.utime(second, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns))
    found = [(d.code, d.message) for d in check(doc(BASE), (first, second))]
    assert found == [
        ("PL057", f'the heading\'s title must be at most 3 characters long; found "{TITLE}"'),
        ("PL057", f'the heading\'s title must be at most 4 characters long; found "{TITLE}"'),
    ]


def test_an_annotation_that_is_not_a_code_or_not_text_is_a_configuration_error(tmp_path):
    from proglint.schema.codes import BY_CODE

    with pytest.raises(SchemaConfigError) as caught:
        findings(tmp_path, {"x-proglint-code": "PL999"})
    assert caught.value.message == (
        "'x-proglint-code' at / is 'PL999', which is not a registered proglint code; use one of " + ", ".join(sorted(BY_CODE)))
    assert "PL051, PL052" in caught.value.message
    with pytest.raises(SchemaConfigError) as caught:
        findings(tmp_path, {"x-proglint-message": 7})
    assert caught.value.message == "'x-proglint-message' at / must be a string"
    with pytest.raises(SchemaConfigError) as caught:
        findings(tmp_path, {"$ref": "#/$defs/none"})
    assert caught.value.message == "a '$ref' cannot be resolved: '#/$defs/none' at / names nothing in the schema"


# -- $dynamicRef: one subschema means different things in different dynamic scopes: nothing is remembered -----------


def test_a_dynamic_reference_is_resolved_in_each_scope(tmp_path):
    # the tree's items are "#node": a tree's node when reached as a tree, a strict node when reached
    # through the strict schema; the same item under the same subschema is valid in one and not the other
    schema = {"$defs": {
        "tree": {"$id": "https://example.com/tree", "$dynamicAnchor": "node", "type": ["string", "array"],
                 "items": {"$dynamicRef": "#node"}},
        "strict": {"$id": "https://example.com/strict", "$dynamicAnchor": "node", "$ref": "tree", "maxLength": 2}},
        "properties": {"front_matter": {"properties": {
            "a": {"$ref": "https://example.com/tree"}, "b": {"$ref": "https://example.com/strict"}}}}}
    text = BASE.replace("\n---\n", "\na: [xyz]\nb: [xyz]\n---\n", 1)
    line = text.split("\n").index("b: [xyz]") + 1
    assert [f for f in findings(tmp_path, schema, text) if f[0] != "PL101"] == [
        ("PL107", line, 5, 8, 'b[0] must be at most 2 characters long; found "xyz"')]
    near = text.replace("b: [xyz]", "b: [xy]")
    assert [f for f in findings(tmp_path, schema, near) if f[0] != "PL101"] == []


# -- nested mappings: a value is remembered only when all of it is in its key ------------------------------------


def test_a_mapping_holding_a_list_two_levels_down_is_checked_each_time(tmp_path):
    # the second item differs from the first only in a list inside a mapping inside the item's value
    text = BASE.replace("\n---\n", "\nitems:\n  - info: {x: {tags: [1]}}\n  - info: {x: {tags: [1, 2]}}\n---\n", 1)
    schema = {"properties": {"front_matter": {"properties": {"items": {"items": {"properties": {
        "info": {"properties": {"x": {"properties": {"tags": {"maxItems": 1}}}}}}}}}}}}
    line = text.split("\n").index("  - info: {x: {tags: [1, 2]}}") + 1
    found = [f for f in findings(tmp_path, schema, text) if f[0] != "PL101"]
    assert found == [("PL108", line, 22, 28, "items[1].info.x.tags must have at most 1 item; found 2")]


# -- items of a front-matter list: each finding names its own item, however many items share one verdict ----------


def test_every_item_of_a_list_with_one_bad_value_is_named_with_its_own_index(tmp_path):
    # the first item is judged alone, the second kept, the third and later are its twins: the fourth
    # must not get the third's message (a message about a row cell reads no index; an item's does)
    text = BASE.replace("\n---\n", "\nauthors:\n  - name: x\n  - name: x\n  - name: x\n  - name: x\n---\n", 1)
    first = text.split("\n").index("  - name: x") + 1
    for rule, says in (({"minLength": 2}, "must be at least 2 characters long"),
                       ({"anyOf": [{"minLength": 2}, {"type": "integer"}]}, "matches none of the allowed forms")):
        schema = {"properties": {"front_matter": {"properties": {"authors": {"items": {"properties": {"name": rule}}}}}}}
        code = "PL107" if "minLength" in rule else "PL109"
        assert [f for f in findings(tmp_path, schema, text) if f[0] != "PL101"] == [
            (code, first + i, 11, 12, f'authors[{i}].name {says}; found "x"') for i in range(4)]


def test_list_items_are_judged_by_their_own_subschema_and_value(tmp_path):
    # a: 5 is valid under a's items, b: 5 is not under b's (and b's 2 is); c's second number differs
    # from its first; d's third item has the first's (valid) list, not the second's (too long)
    text = BASE.replace("\n---\n", "\na: [{n: 5}]\nb: [{n: 5}, {n: 2}]\nc: [{n: 1}, {n: 50}]\nd: [{t: [1]}, {t: [1, 2]}, {t: [1]}]\n---\n", 1)
    schema = {"properties": {"front_matter": {"properties": {
        "a": {"items": {"properties": {"n": {"maximum": 10}}}}, "b": {"items": {"properties": {"n": {"maximum": 3}}}},
        "c": {"items": {"properties": {"n": {"maximum": 10}}}}, "d": {"items": {"properties": {"t": {"maxItems": 1}}}}}}}}
    line = text.split("\n").index("a: [{n: 5}]") + 1
    assert [f for f in findings(tmp_path, schema, text) if f[0] != "PL101"] == [
        ("PL106", line + 1, 9, 10, "b[0].n must be at most 3; found 5"),
        ("PL106", line + 2, 17, 19, "c[1].n must be at most 10; found 50"),
        ("PL108", line + 3, 19, 25, "d[1].t must have at most 1 item; found 2"),
    ]


def test_a_key_rule_behind_more_references_than_are_followed_is_still_about_the_key(tmp_path):
    # the trail to the failing keyword is followed through 32 references at most; past that the
    # error's own schema path still says it is a key's (propertyNames), not the front matter's
    chain = {f"d{i}": {"$ref": f"#/$defs/d{i + 1}"} for i in range(40)}
    chain["d40"] = {"propertyNames": {"maxLength": 25}}
    chain["elsewhere"] = {"$id": "https://example.com/elsewhere"}  # a nested $id: the references are not inlined
    schema = {"$defs": chain, "properties": {"front_matter": {"$ref": "#/$defs/d0"}}}
    key = "exclusive_access_period_months"
    assert findings(tmp_path, schema) == [("PL101", *at(key, key), (
        f"key '{key}' is not allowed in the front matter: the key must be at most 25 characters long; found \"{key}\""))]


def test_a_list_of_texts_under_an_item_schema_for_mappings(tmp_path):
    # 'properties' says nothing about an item that is not a mapping: the texts are fine, the list too long
    text = BASE.replace("\n---\n", "\ntags: [a, b]\n---\n", 1)
    schema = {"properties": {"front_matter": {"properties": {"tags": {"items": {"properties": {"x": {"type": "integer"}}}}}}}}
    assert [f for f in findings(tmp_path, schema, text) if f[0] != "PL101"] == []
    schema["properties"]["front_matter"]["properties"]["tags"]["maxItems"] = 1
    line = text.split("\n").index("tags: [a, b]") + 1
    assert [f for f in findings(tmp_path, schema, text) if f[0] != "PL101"] == [
        ("PL108", line, 7, 13, "tags must have at most 1 item; found 2")]
