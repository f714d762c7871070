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
