"""The schema check's memo of valid values (validate._memoizing_class, down
to whole observation rows) and its span index made a row at a time
(to_json.RowSpanIndex) change what the check costs, never what it finds:
over sequences of edited tables, the findings equal those of jsonschema's
own validator with the whole span index built up front."""

from __future__ import annotations

import dataclasses
import random
import sys

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


# Rows whose properties have the same verdicts share one validation: the
# errors of the first are handed to the next with their own row's index and
# instance (validate._item_verdicts / _moved), and their messages are made
# once (validate._Reporter.made).  Each row's findings stay its own.


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
