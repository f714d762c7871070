"""The schema check judges observations one by one where the schema allows
it (schema.fast.row_schema): jsonschema then descends only into the rows the
fast row validator rejects (schema.stage.failing_rows).  That changes what
the check costs, never what it finds: over a corpus of faulty documents,
under the program schema and under team schemas that can and cannot be
split by row, the findings equal those of jsonschema's own validator
descending into every row with the whole span index built up front."""

from __future__ import annotations

import dataclasses
import json
import random
import sys

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT

from proglint.parse import parse
from proglint.schema import fast, stage, validate
from proglint.schema.to_json import RowSpanIndex, json_form, span_index
from proglint.source import Source

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate_document  # noqa: E402
from benchmarks.mutate import mutate  # noqa: E402

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# A team schema the fast path can split by row: it only adds to the items schema.
BY_ROW = {
    "$schema": DRAFT,
    "properties": {"observations": {"items": {
        "properties": {"label": {"type": "string", "minLength": 3, "x-proglint-message": "labels need 3 characters"}},
    }}},
}
# One it cannot: minItems sits beside items, so no row can be judged alone.
WHOLE = {
    "$schema": DRAFT,
    "properties": {"observations": {"minItems": 500, "items": {"properties": {"template": {"maxLength": 20}}}}},
}


def plain(compiled_schema: validate.CompiledSchema) -> validate.CompiledSchema:
    """jsonschema's own validator: no memo, no skipped rows."""
    validator = Draft202012Validator(
        compiled_schema.schema, registry=compiled_schema.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return dataclasses.replace(compiled_schema, validator=validator, trails={})


def old_path(document, schemas, monkeypatch):
    with monkeypatch.context() as patch:
        original = validate.compiled
        patch.setattr(validate, "compiled", lambda path: plain(original(path)))
        patch.setattr(validate, "RowSpanIndex", span_index)
        return validate.check(document, schemas, by_row=False)


def faulty_corpus(count: int) -> list[str]:
    """Generated documents with table cells broken the ways schemas notice,
    then mutated at random (lines lost and repeated, cells swapped, bytes
    flipped)."""
    rng = random.Random(11)
    values = ["0", "1000", "01", "abc", "", "NONE", "(1)", "(0) X", "(1) A B", "1) X", "x" * 40, "ab", "(12) x y"]
    documents = []
    for index in range(count):
        lines = generate_document(random.Random(f"by-row:{index}"), rng.randint(3, 40)).split("\n")
        rows = [i for i, line in enumerate(lines) if line.startswith("|") and "---" not in line][1:]
        for _ in range(rng.randint(1, 6)):
            i = rng.choice(rows)
            cells = lines[i].split("|")
            cells[rng.randint(1, 5)] = f" {rng.choice(values)} "
            lines[i] = "|".join(cells)
        text = "\n".join(lines)
        if index % 2:
            text = mutate(text.encode(), rng, count=2).decode("utf-8", "replace")
        documents.append(text)
    return documents


CORPUS = faulty_corpus(60)


@pytest.fixture
def team_schemas(tmp_path):
    by_row = tmp_path / "by-row.schema.json"
    by_row.write_text(json.dumps(BY_ROW))
    whole = tmp_path / "whole.schema.json"
    whole.write_text(json.dumps(WHOLE))
    return by_row, whole


def test_only_schemas_that_judge_rows_alone_are_split(team_schemas):
    by_row, whole = team_schemas
    assert fast.row_validator(stage.program_schema_text()) is not None
    assert fast.row_validator(by_row.read_text()) is not None
    assert fast.row_validator(whole.read_text()) is None
    top_level_applicator = {"$schema": DRAFT, "allOf": [{"properties": {"observations": {"maxItems": 3}}}]}
    assert fast.row_validator(json.dumps(top_level_applicator)) is None
    outside_ref = {"$schema": DRAFT, "$defs": {"n": {"$ref": "#/$defs/n"}}, "properties": {"observations": {"items": {"$ref": "#/$defs/n"}}}}
    assert fast.row_validator(json.dumps(outside_ref)) is None


def test_the_rows_at_fault_are_the_rows_with_errors():
    text = CORPUS[0]
    document = parse(Source.from_text("/p/doc.txt", text))
    instance = json_form(document)
    failing = stage.failing_rows(stage.program_schema_path(), instance)
    with_errors = sorted({
        error.absolute_path[1]
        for error in plain(validate.compiled(stage.program_schema_path())).validator.iter_errors(instance)
        if len(error.absolute_path) >= 2 and error.absolute_path[0] == "observations"
    })
    assert failing == with_errors
    assert failing  # the corpus breaks rows


def test_a_corpus_of_faulty_documents_has_the_findings_of_the_old_path(monkeypatch, team_schemas):
    found_any = 0
    for number, text in enumerate(CORPUS):
        document = parse(Source.from_text(f"/p/{number}.txt", text))
        for schemas in ((), team_schemas[:1], team_schemas):
            new = validate.check(document, schemas)
            assert new == old_path(document, schemas, monkeypatch), (number, schemas)
            found_any += bool(new)
    assert found_any > len(CORPUS)  # the comparison is not between empty lists


def test_the_lazy_index_answers_every_path_as_the_whole_one_does():
    text = CORPUS[2]
    document = parse(Source.from_text("/p/doc.txt", text))
    whole = span_index(document)
    lazy = RowSpanIndex(document)
    names = ("folder", "number", "label", "template", "target", "bogus")
    paths = [("observations", i) for i in range(len(document.table.rows) + 1)]
    paths += [path + (name,) for path in list(paths) for name in names]
    paths += [path + (part,) for path in list(paths) if path[-1] == "target" for part in ("text", "number", "name", "x")]
    paths += [("observations", 0, "target", "name", "deeper"), ("observations", 0, "number", "deeper")]
    for path in reversed(paths):
        assert lazy.get(path) == whole.get(path), path


def test_rows_the_editor_parser_hands_back_get_the_findings_they_had(monkeypatch, team_schemas):
    """The language server re-parses with the rows of the last parse
    (RowMemo), and the schema check reuses an unchanged rejected row's
    findings: over a sequence of edits, each version's findings equal the
    old path's on a fresh parse."""
    from proglint.lsp.incremental import RowMemo

    monkeypatch.setattr(stage, "REMEMBER_ROWS", True)  # as the language server's StageMemo does
    rng = random.Random(5)
    text = CORPUS[0]
    memo = RowMemo()
    reused = 0
    for step in range(12):
        lines = text.split("\n")
        rows = [i for i, line in enumerate(lines) if line.startswith("|") and "---" not in line][1:]
        i = rng.choice(rows)
        cells = lines[i].split("|")
        if len(cells) > 3:
            cells[rng.randint(1, len(cells) - 2)] = f" {rng.choice(['1000', 'x', '7', '(1)', ''])} "
            lines[i] = "|".join(cells)
        if step % 4 == 3:
            lines.insert(rows[0], lines[rows[0]])  # a duplicated row moves every row below it
        text = "\n".join(lines)
        document = parse(Source.from_text("/p/edit.txt", text), rows=memo)
        memo.turn()
        before = dict(validate._ROW_FINDINGS)
        for schemas in ((), team_schemas):
            found = validate.check(document, schemas)
            fresh = parse(Source.from_text("/p/edit.txt", text))
            assert found == old_path(fresh, schemas, monkeypatch), step
        reused += sum(1 for key in before if key in validate._ROW_FINDINGS and before[key] is validate._ROW_FINDINGS[key])
    assert reused > 0  # the memo was used, not just filled
