"""The schema check's memo of values (validate._memoizing_class, from which
each observation row's errors are put together) and its span index made a row at a time
(to_json.RowSpanIndex) change what the check costs, never what it finds:
over sequences of edited tables, the findings equal those of jsonschema's
own validator with the whole span index built up front."""

from __future__ import annotations

import dataclasses
import random
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from jsonschema import Draft202012Validator

from conftest import ROOT

from proglint.parse import parse
from proglint.schema import validate
from proglint.schema.to_json import RowSpanIndex, span_index
from proglint.source import Source

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate_document  # noqa: E402

BASE = generate_document(random.Random(3), 25, program_id=4321)
ROWS = [i for i, line in enumerate(BASE.split("\n")) if line.startswith("|") and "---" not in line][1:]
VALUES = ["1", "7", "0", "1000", "01", "abc", "", "NONE", "(1) X", "(0) X", "(1)", "MIRI imaging", "x" * 300, "4.5", "-3"]


def unmemoised(compiled_schema: validate.CompiledSchema) -> validate.CompiledSchema:
    plain = Draft202012Validator(
        compiled_schema.schema, registry=compiled_schema.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return dataclasses.replace(compiled_schema, validator=plain, trails={})


def check_without_memo(document, monkeypatch):
    with monkeypatch.context() as patch:
        original = validate.compiled
        patch.setattr(validate, "compiled", lambda path: unmemoised(original(path)))
        patch.setattr(validate, "RowSpanIndex", span_index)  # the whole index, a dict
        return validate.check(document)


def edited(text: str, edits) -> str:
    lines = text.split("\n")
    for row, column, value in edits:
        i = ROWS[row % len(ROWS)]
        cells = lines[i].split("|")
        cells[1 + column % 5] = f" {value} "
        lines[i] = "|".join(cells)
    return "\n".join(lines)


EDITS = st.lists(st.tuples(st.integers(0, 100), st.integers(0, 4), st.sampled_from(VALUES)), max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(EDITS, min_size=1, max_size=4))
def test_memoised_rows_and_a_lazy_index_find_what_the_plain_check_finds(monkeypatch, versions):
    text = BASE
    for edits in versions:  # a sequence, as a user types: the memo holds the rows of earlier versions
        text = edited(text, edits)
        document = parse(Source.from_text("/p/4321.txt", text))
        assert validate.check(document) == check_without_memo(document, monkeypatch)


def test_the_lazy_index_has_the_entries_of_the_whole_one():
    text = edited(BASE, [(0, 1, "0"), (3, 4, "(1)"), (5, 0, "")])
    document = parse(Source.from_text("/p/4321.txt", text))
    whole = span_index(document)
    lazy = RowSpanIndex(document)
    for path in reversed(list(whole)):  # rows asked for in any order
        assert lazy.get(path) == whole[path], path
    assert lazy.get(("observations", 10_000)) is None
    assert lazy.get(("observations", -1)) is None
    assert lazy.get(("nowhere",)) is None


# Rows are not validated one by one: each row's errors are put together from
# the errors kept for its values and those its keys earned on an earlier row
# (validate._item_verdicts, compose, _moved), and the message of a value at
# fault on many rows is made twice, not once a row (validate._Reporter.made).
# Each row's findings stay its own.


def every_row(text: str, column: int, value: str) -> str:
    return edited(text, [(row, column, value) for row in range(len(ROWS))])


def test_rows_with_the_same_bad_target_are_each_reported_at_their_own_cell(monkeypatch):
    text = every_row(BASE, 4, "(1) T")  # a one-letter name: PL310 on every row, numbers all different
    document = parse(Source.from_text("/p/4321.txt", text))
    found = validate.check(document)
    lines = text.split("\n")
    expected = []
    for i in ROWS:
        column = lines[i].index("(1) T") + 5
        expected.append(("PL310", i + 1, column, column + 1))
    assert [(d.code, d.span.start_line, d.span.start_column, d.span.end_column) for d in found] == expected
    assert len({d.message for d in found}) == 1 and '"T"' in found[0].message
    assert found == check_without_memo(document, monkeypatch)


def test_rows_sharing_verdicts_but_not_values_keep_their_own_values(monkeypatch):
    # the same bad number on every row, then different bad targets: the kept
    # errors must not carry one row's value into another's message
    text = every_row(BASE, 1, "0")
    text = edited(text, [(row, 4, f"({row + 1}) {'X' * (row % 3 + 1)}") for row in range(len(ROWS))])
    document = parse(Source.from_text("/p/4321.txt", text))
    found = validate.check(document)
    assert found == check_without_memo(document, monkeypatch)
    names = [d.message.rsplit("found ", 1)[-1] for d in found if d.code == "PL310"]
    assert names == ['"X"' for row in range(len(ROWS)) if row % 3 == 0]


def test_a_team_row_error_kept_for_one_row_is_placed_on_each_row(tmp_path, monkeypatch):
    from team_schema import BASE as SEED, ROW_LINES, findings, rows

    schema = rows({"required": ["priority"], "additionalProperties": False, "properties": {
        name: {} for name in ("folder", "number", "label", "template", "target")}})
    found = findings(tmp_path, schema, SEED)
    missing = [f for f in found if "priority" in f[4]]
    assert [f[1] for f in missing] == ROW_LINES
    assert {f[4] for f in missing} == {"missing key 'priority' in the observation row"}
    assert all(f[2] == 1 for f in missing)


def test_items_of_a_front_matter_list_with_one_bad_value_are_named_each_with_its_index(tmp_path):
    from team_schema import BASE as SEED, findings

    text = SEED.replace("\n---\n", "\nauthors:\n  - name: x\n  - name: x\n  - name: x\n---\n", 1)
    schema = {"properties": {"front_matter": {"properties": {"authors": {"items": {
        "properties": {"name": {"minLength": 2}}}}}}}}
    found = [f for f in findings(tmp_path, schema, text) if f[4].startswith("authors[")]
    lines = text.split("\n")
    where = [n for n, line in enumerate(lines, 1) if line == "  - name: x"]
    assert [(f[1], f[2], f[3]) for f in found] == [(n, 11, 12) for n in where]
    assert [f[4].split(" ")[0] for f in found] == ["authors[0].name", "authors[1].name", "authors[2].name"]


# -- team schemas of every shape the row memo meets: the memo must find what jsonschema finds -----------------------
# Each memo is keyed by the subschema and the value (and, for the errors a
# row's keys earn, by the row's keys), and rows are put together only where
# the row schema judges its properties one by one.  These schemas break each of
# those conditions in turn, on a table whose rows repeat values across rows
# and across columns, so a key missing a part, or a row memo taken where it
# does not hold, carries one row's (or one column's) verdict to another.

TEAM_TABLE = "\n".join([
    "| Folder | Observation | Label | Observing Template | Science Target |",
    "| :--- | :--- | :--- | :--- | :--- |",
    "| ABCD | 1 | ABCD | NIRCam Imaging | (1) LMC-ASTROMETRIC |",
    "| | 2 | ABCD | NIRCam Imaging | (1) LMC-ASTROMETRIC |",
    "| AB | 3 | ABCD | NIRCam Imaging | (2) LMC-2 |",
    "| ABCDEFGHIJKLMNOP | 4 | ABCD | NIRCam Imaging | (2) LMC-2 |",
    "| AB | 5 | AB | NIRCam Imaging | (3) LMC-ASTROMETRIC-THREE |",
    "| ABCD | 6 | ABCDEFGHIJKLMNOP | NIRCam Imaging | (1) LMC-ASTROMETRIC |",
    "| | 7 | ABCD | NIRCam Imaging | (3) LMC-ASTROMETRIC-THREE |",
])

SHORT = {"type": "string", "maxLength": 3}
TEAM_SCHEMAS = {
    # one subschema shared by two columns holding the same text: valid for one only through its own property
    "shared-subschema": {"$defs": {"short": SHORT}, "properties": {"observations": {"items": {"properties": {
        "folder": {"type": "string", "maxLength": 10}, "label": {"$ref": "#/$defs/short"}, "template": {"$ref": "#/$defs/short"}}}}}},
    # the same text judged by two different subschemas
    "two-subschemas": {"properties": {"observations": {"items": {"properties": {
        "folder": {"type": "string", "maxLength": 4}, "label": {"type": "string", "maxLength": 3}}}}}},
    # the other columns judged by additionalProperties: their values matter, not only their names
    "additional-schema": {"properties": {"observations": {"items": {
        "properties": {"label": {"type": "string"}}, "additionalProperties": {"type": ["string", "object"], "maxLength": 4}}}}},
    "additional-false": {"properties": {"observations": {"items": {
        "properties": {"label": SHORT, "folder": {}, "number": {}, "template": {}}, "additionalProperties": False}}}},
    # a keyword that looks at two columns at once: the row is not its properties' verdicts
    "if-then": {"properties": {"observations": {"items": {
        "properties": {"label": {"type": "string"}},
        "if": {"properties": {"label": {"const": "ABCD"}}}, "then": {"properties": {"folder": {"maxLength": 2}}}}}}},
    "dependent": {"properties": {"observations": {"items": {
        "properties": {"label": {"type": "string"}}, "dependentSchemas": {"label": {"properties": {"folder": {"maxLength": 3}}}}}}}},
    # notes and x- keys beside the keywords change nothing
    "notes": {"properties": {"observations": {"items": {
        "description": "rows", "title": "Row", "$comment": "c", "x-team": 1, "properties": {"label": SHORT}}}}},
    # the target is an object: its verdict is its number's and its name's
    "target-object": {"properties": {"observations": {"items": {"properties": {"target": {"properties": {
        "name": {"type": "string", "maxLength": 9}, "number": {"type": "string", "maxLength": 1}}}}}}}},
    # two row schemas for one table (allOf): a row's kept errors belong to the schema they came from
    "two-row-schemas": {"properties": {"observations": {"allOf": [
        {"items": {"required": ["priority"], "properties": {"label": {}}}}, {"items": {"required": ["rank"], "properties": {"label": {}}}}]}}},
    # two subschemas for one target (allOf on the row): equal targets, different verdicts
    "target-twice": {"properties": {"observations": {"items": {"allOf": [
        {"properties": {"target": {"properties": {"name": {"maxLength": 100}}}}},
        {"properties": {"target": {"properties": {"name": {"maxLength": 5}}}}}]}}}},
    # a row with more keys than the memo keeps: judged, not kept
    "wide-required": {"properties": {"observations": {"items": {
        "required": ["folder", "priority"], "properties": {"label": SHORT}}}}},
}


@pytest.mark.parametrize("name", sorted(TEAM_SCHEMAS))
def test_a_team_row_schema_of_any_shape_finds_what_jsonschema_finds(tmp_path, monkeypatch, name):
    import json

    from team_schema import BASE as SEED

    head, _, rest = SEED.partition("| Folder ")
    text = head + TEAM_TABLE + "\n" + rest.split("\n\n", 1)[1]
    path = tmp_path / "team.schema.json"
    path.write_text(json.dumps(TEAM_SCHEMAS[name]), encoding="utf-8")
    document = parse(Source.from_text("/p/1071.txt", text))
    memoised = validate.check(document, (path,))
    again = validate.check(document, (path,))  # the memos now hold this table's values
    with monkeypatch.context() as patch:
        original = validate.compiled
        patch.setattr(validate, "compiled", lambda p: unmemoised(original(p)))
        plain = validate.check(document, (path,))
    assert memoised == plain
    assert again == plain
    assert plain != validate.check(document), "each schema must find something here, or the comparison shows nothing"


def test_list_items_with_different_extra_keys_are_each_named(tmp_path):
    # items of a front-matter list differ in which keys they have: an item's kept errors
    # (its keys and their verdicts) must not be given to an item with other keys, which
    # here lacks the required one
    from team_schema import BASE as SEED, findings

    text = SEED.replace("\n---\n", "\nauthors:\n  - name: x\n    email: e\n  - name: x\n    phone: p\n---\n", 1)
    schema = {"properties": {"front_matter": {"properties": {"authors": {"items": {
        "required": ["email"], "properties": {"name": {}}, "additionalProperties": False}}}}}}
    found = [f for f in findings(tmp_path, schema, text) if "authors[" in f[4]]
    lines = text.split("\n")
    email, phone = lines.index("    email: e") + 1, lines.index("    phone: p") + 1
    assert found == [
        ("PL101", email, 5, 10, "unknown key 'email' under 'authors[0]' in the front matter; the known keys are name"),
        # the second item's mapping starts at its first key, 'name: x' (columns 5-13)
        ("PL102", phone - 1, 5, 13, "missing key 'email' under 'authors[1]' in the front matter"),
        ("PL101", phone, 5, 10, "unknown key 'phone' under 'authors[1]' in the front matter; the known keys are name"),
    ]


def test_the_same_text_under_two_columns_is_judged_by_each_column_s_own_subschema(tmp_path):
    from team_schema import BASE as SEED, findings

    head, _, rest = SEED.partition("| Folder ")
    text = head + TEAM_TABLE + "\n" + rest.split("\n\n", 1)[1]
    label = 'the label must be at most 3 characters long; found "ABCD"'
    # 'ABCD' is a valid folder (at most 4) on rows 1 and 6 and a bad label on rows 1-4 and 7
    assert findings(tmp_path, TEAM_SCHEMAS["two-subschemas"], text) == [
        ("PL207", 21, 14, 18, label), ("PL207", 22, 9, 13, label), ("PL207", 23, 12, 16, label),
        ("PL207", 24, 3, 19, 'the folder must be at most 4 characters long; found "ABCDEFGHIJKLMNOP"'),
        ("PL207", 24, 26, 30, label),
        ("PL207", 26, 14, 30, 'the label must be at most 3 characters long; found "ABCDEFGHIJKLMNOP"'),
        ("PL207", 27, 9, 13, label),
    ]



def rows_under(path, schema, text: str):
    """(compiled schema, JSON form, rows the fast row validator rejects) of
    ``text`` under ``schema`` written to ``path`` (or the program schema,
    for None)."""
    import json

    from proglint.schema.stage import failing_rows, program_schema_path
    from proglint.schema.to_json import json_form

    if schema is None:
        path = program_schema_path()
    elif not path.exists() or path.read_text(encoding="utf-8") != json.dumps(schema):  # unchanged: its memos stay
        path.write_text(json.dumps(schema), encoding="utf-8")
    instance = json_form(parse(Source.from_text("/p/4321.txt", text)))
    return validate.compiled(path), instance, failing_rows(path, instance)


# -- rows whose invalid values are each new: their errors are put together --------------------------------------------
# A row's errors are put together from its values' kept errors and those its
# keys earned on an earlier row, whether the invalid value is new on each row
# (a number past 999 on each row of a long table) or one on every row (validate._memoizing_class.compose).  They must be the errors the
# unmemoised class finds (jsonschema's keywords; a false subschema's error
# keeps the step to it): same order, paths, schema paths, keywords,
# instances and messages.

FRESH_SCHEMAS = {
    "program": None,
    "required-and-label": {"properties": {"observations": {"items": {
        "required": ["priority"], "properties": {"label": {"type": "string", "maxLength": 6}}}}}},
    "properties-first": {"properties": {"observations": {"items": {
        "properties": {"label": {"maxLength": 6}}, "required": ["priority"]}}}},
    "false-label": {"properties": {"observations": {"items": {"properties": {"label": False}}}}},
    # two values at fault on every row, each new: the memos may be emptied between the two
    "two-per-row": {"properties": {"observations": {"items": {"properties": {
        "number": {"maxLength": 3}, "label": {"maxLength": 3}}}}}},
    "closed-row": {"properties": {"observations": {"items": {
        "additionalProperties": False, "properties": {"label": {"maxLength": 6}, "number": {"maxLength": 3}}}}}},
}


def error_fields(errors):
    return [
        (list(e.absolute_path), list(e.absolute_schema_path), e.validator, repr(e.validator_value), repr(e.instance), e.message)
        for e in errors
    ]


# 20 and 30: the memos are emptied while a row is judged, before its keys' errors are known or after
@pytest.mark.parametrize("limit", [validate._MEMO_LIMIT, 20, 30])
@pytest.mark.parametrize("name", sorted(FRESH_SCHEMAS))
def test_rows_with_new_invalid_values_get_jsonschema_s_own_errors(tmp_path, monkeypatch, name, limit):
    monkeypatch.setattr(validate, "_MEMO_LIMIT", limit)
    text = BASE
    for row in range(len(ROWS)):  # every row a number of its own past 999; some a bad target name, some a long label
        edits = [(row, 1, str(1000 + row))]
        if row % 3 == 0:
            edits.append((row, 4, f"({row + 1}) T#{row}"))
        if row % 4 == 1:
            edits.append((row, 2, f"label number {row}"))
        text = edited(text, edits)
    compiled_schema, instance, failing = rows_under(tmp_path / "team.schema.json", FRESH_SCHEMAS[name], text)
    assert failing, "the fast row validator judges these schemas row by row"
    placing = validate._PLACING_CLASS(  # jsonschema's keywords, but a false subschema's error keeps its step
        compiled_schema.schema, registry=compiled_schema.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    expected = error_fields(placing.iter_errors(instance))
    assert len(expected) >= len(ROWS)
    for _ in range(2):  # the second time, every row's keys and every value are known
        assert error_fields(validate._errors(compiled_schema, instance, failing)) == expected


def _row_descents(monkeypatch, compiled_schema, instance, failing) -> int:
    """How many times jsonschema descends into a whole observation row
    while the rows at fault are validated."""
    items = compiled_schema.schema["properties"]["observations"]["items"]
    cls = type(compiled_schema.validator)
    original = cls.descend
    count = 0

    def descend(self, instance, schema, *args, **kwargs):
        nonlocal count
        count += schema is items
        return original(self, instance, schema, *args, **kwargs)

    monkeypatch.setattr(cls, "descend", descend)
    validate._errors(compiled_schema, instance, failing)
    monkeypatch.setattr(cls, "descend", original)
    return count


ROW_SCHEMAS = {
    # a key every row lacks (an error of the row's own), and a property no row has
    "required": {"required": ["priority"], "properties": {"priority": {}, "number": {"maxLength": 3}, "target": {
        "properties": {"name": {"minLength": 2}}}}},
    # nothing but the values at fault: the rows' keys earn no error
    "values-only": {"properties": {"number": {"maxLength": 3}, "target": {"properties": {"name": {"minLength": 2}}}}},
}


@pytest.mark.parametrize("shape", sorted(ROW_SCHEMAS))
@pytest.mark.parametrize("column, value", [(1, None), (4, "(1) T")])
def test_rows_at_fault_are_descended_into_once_per_shape(tmp_path, monkeypatch, column, value, shape):
    """The memo's point: a table whose rows are all at fault in the same
    way, with a new value on each row (numbers past 999) or one value on
    every row (one bad target), costs one descent into a row, not one per
    row; their errors are the kept ones, moved (the tests above compare
    them with jsonschema's)."""
    text = edited(BASE, [(row, column, value or str(1000 + row)) for row in range(len(ROWS))])
    schema = {"properties": {"observations": {"items": ROW_SCHEMAS[shape]}}}  # a file of its own: nothing kept from other tests
    compiled_schema, instance, failing = rows_under(tmp_path / "team.schema.json", schema, text)
    assert len(failing) == len(ROWS)
    assert _row_descents(monkeypatch, compiled_schema, instance, failing) == 1
    assert _row_descents(monkeypatch, compiled_schema, instance, failing) == 0  # every value and key known now


def test_one_mapping_judged_under_two_list_schemas_gets_each_one_s_verdict(tmp_path, monkeypatch):
    """The memo keys a value by the subschema judging it: the same mapping
    (an organisation) valid in one front-matter list may be invalid in
    another whose item schema is stricter."""
    from team_schema import BASE as SEED, findings

    text = SEED.replace("\n---\n", "\nauthors:\n  - org: {name: abc}\nreviewers:\n  - org: {name: abc}\n  - org: {name: abc}\n---\n", 1)
    schema = {"properties": {"front_matter": {"properties": {
        "authors": {"items": {"properties": {"org": {"properties": {"name": {"maxLength": 10}}}}}},
        "reviewers": {"items": {"properties": {"org": {"properties": {"name": {"maxLength": 2}}}}}},
    }}}}
    found = [f for f in findings(tmp_path, schema, text) if "org" in f[4]]
    assert [f[4].split(" ")[0] for f in found] == ["reviewers[0].org.name", "reviewers[1].org.name"]


def test_only_a_value_at_fault_on_several_rows_names_its_origin(tmp_path):
    """A copied error names the error it copies as its ``origin`` (the
    reporter then reuses its wording, see _Reporter.report) from its second
    copy on: a value at fault on one row only (a number past 999 on each of
    30,000 rows) would otherwise keep its wording alive for the whole run."""
    schema = {"properties": {"observations": {"items": ROW_SCHEMAS["values-only"]}}}
    for column, value, origins in [(1, None, 0), (4, "(1) T", len(ROWS) - 1)]:
        text = edited(BASE, [(row, column, value or str(1000 + row)) for row in range(len(ROWS))])
        compiled_schema, instance, failing = rows_under(tmp_path / "team.schema.json", schema, text)
        found = validate._errors(compiled_schema, instance, failing)
        assert len(found) == len(ROWS)
        # new numbers: no row copies an error twice; one bad target: the rows' keys are known from the
        # numbers' table, so the first row copies the target's kept error, and every later row names it
        assert sum(error.__dict__.get("origin") is not None for error in found) == origins


def test_a_value_at_fault_under_two_columns_is_copied_for_the_first_time_in_each(tmp_path):
    """One subschema shared by two columns (a row's number and its target's,
    through one ``$ref``) keeps one error list for a value: the target's
    kept errors hold copies of it, and those copies must not carry the
    number's mark of having been copied already (the first copy of each
    would then name an origin, and its wording be kept)."""
    schema = {"$defs": {"number": {"maxLength": 3}}, "properties": {"observations": {"items": {"properties": {
        "number": {"$ref": "#/$defs/number"}, "target": {"properties": {"number": {"$ref": "#/$defs/number"}}}}}}}}
    # each row's target carries the number of the row before it: every value at fault is met twice, once per column
    text = edited(BASE, [edit for row in range(len(ROWS)) for edit in (
        (row, 1, str(1000 + row)), (row, 4, f"({999 + row}) TARGET-{row}"))])
    compiled_schema, instance, failing = rows_under(tmp_path / "team.schema.json", schema, text)
    found = validate._errors(compiled_schema, instance, failing)
    assert len(found) == 2 * len(ROWS) - 1  # the first row's target number, 999, is not at fault
    assert sum(error.__dict__.get("origin") is not None for error in found) == 0
