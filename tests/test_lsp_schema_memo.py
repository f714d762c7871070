"""The language server's schema memo (schema.stage with REMEMBER_ROWS): each
row's JSON kept by row object and each row validator's verdict by the row's
value, so a keystroke validates the edited row and the rest of the document,
not the whole table.  Over any sequence of edits (cells made valid and
invalid, rows repeated, moved and dropped, the front matter changed), with
the parser handing back unchanged rows as the server's does, the findings
equal those of a command-line check of a fresh parse, under the program
schema and under team schemas that can and cannot be judged row by row."""

from __future__ import annotations

import json
import random
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT

from proglint.lsp.incremental import RowMemo
from proglint.parse import parse
from proglint.schema import stage
from proglint.source import Source

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate_document  # noqa: E402

BASE = generate_document(random.Random(3), 40)
DRAFT = "https://json-schema.org/draft/2020-12/schema"
BY_ROW = {"$schema": DRAFT, "properties": {"observations": {"items": {
    "properties": {"label": {"type": "string", "minLength": 3}}}}}}
WHOLE = {"$schema": DRAFT, "properties": {"observations": {"minItems": 45, "items": {
    "properties": {"template": {"maxLength": 20}}}}}}
VALUES = ["0", "1000", "01", "abc", "", "NONE", "(1)", "(0) X", "(1) A B", "1) X", "x" * 40, "ab", "7", "(2) HD 1"]


@pytest.fixture(scope="module")
def team_schemas(tmp_path_factory):
    folder = tmp_path_factory.mktemp("schemas")
    paths = []
    for name, schema in (("by_row.json", BY_ROW), ("whole.json", WHOLE)):
        (folder / name).write_text(json.dumps(schema), encoding="utf-8")
        paths.append(str(folder / name))
    return paths


@st.composite
def edited(draw, text: str) -> str:
    lines = text.split("\n")
    rows = [i for i, t in enumerate(lines) if t.startswith("|") and "---" not in t][1:]
    kind = draw(st.sampled_from(["cell", "cell", "repeat", "drop", "move", "blank", "front"]))
    i = draw(st.sampled_from([rows[0], rows[-1], *rows])) if rows else 0  # the ends of the table too
    if kind == "cell" and rows:
        cells = lines[i].split("|")
        if len(cells) > 2:
            cells[draw(st.integers(1, len(cells) - 2))] = f" {draw(st.sampled_from(VALUES))} "
            lines[i] = "|".join(cells)
    elif kind == "repeat" and rows:
        lines.insert(i, lines[i])
    elif kind == "drop" and rows:
        del lines[i]
    elif kind == "move" and rows:
        line = lines.pop(i)
        lines.insert(draw(st.sampled_from(rows)), line)
    elif kind == "blank":
        lines.insert(draw(st.integers(0, len(lines))), "")
    elif kind == "front":
        where = [n for n, t in enumerate(lines[:12]) if ":" in t]
        if where:
            n = draw(st.sampled_from(where))
            lines[n] = lines[n] + draw(st.sampled_from(["x", " 1", '"', ""]))
    return "\n".join(lines)


def command_line_check(text: str, schemas) -> list:
    saved = stage.REMEMBER_ROWS
    stage.REMEMBER_ROWS = False
    try:
        return stage.check(parse(Source.from_text("/p/edited.txt", text)), schemas)
    finally:
        stage.REMEMBER_ROWS = saved


@settings(max_examples=30, suppress_health_check=[HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_the_memo_finds_what_a_command_line_check_finds(monkeypatch, team_schemas, data):
    monkeypatch.setattr(stage, "REMEMBER_ROWS", True)  # as the language server's StageMemo does
    monkeypatch.setattr(stage, "_KEPT_ROWS", {})
    schemas = data.draw(st.sampled_from([(), team_schemas[:1], team_schemas]), label="schemas")
    rows = RowMemo()
    text = BASE
    for step in range(data.draw(st.integers(1, 8), label="edits") + 1):
        if step:
            text = data.draw(edited(text), label="text")
        document = parse(Source.from_text("/p/edited.txt", text), rows=rows)
        rows.turn()
        assert stage.check(document, schemas) == command_line_check(text, schemas)


def test_an_unchanged_row_is_not_validated_again(monkeypatch):
    """After a keystroke in one row, the row validator sees that row only
    (the others' verdicts are kept by value), and a row moved down by an
    inserted line keeps its verdict too."""
    monkeypatch.setattr(stage, "REMEMBER_ROWS", True)
    monkeypatch.setattr(stage, "_KEPT_ROWS", {})
    monkeypatch.setattr(stage, "_VERDICTS", {})
    seen = []
    original = stage._fast_rows

    def counting(path):
        valid = original(path)
        if valid is None:
            return None
        counting.cache = getattr(counting, "cache", {})
        if valid not in counting.cache:
            def spy(row, valid=valid):
                seen.append(row["label"])
                return valid(row)
            counting.cache[valid] = spy
        return counting.cache[valid]

    monkeypatch.setattr(stage, "_fast_rows", counting)
    rows = RowMemo()
    lines = BASE.split("\n")
    table = [i for i, t in enumerate(lines) if t.startswith("|") and "---" not in t][1:]
    stage.check(parse(Source.from_text("/p/a.txt", BASE), rows=rows))
    rows.turn()
    assert len(seen) == len(table)  # the first check judges every row once
    seen.clear()
    cells = lines[table[5]].split("|")
    cells[3] = " Edited label "
    lines[table[5]] = "|".join(cells)
    stage.check(parse(Source.from_text("/p/a.txt", "\n".join(lines)), rows=rows))
    rows.turn()
    assert seen == ["Edited label"]
    seen.clear()
    lines.insert(table[0], "")  # every row moves down a line: new objects, same values
    text = "\n".join(lines)
    assert stage.check(parse(Source.from_text("/p/a.txt", text), rows=rows)) == command_line_check(text, ())
    assert seen == []


def test_a_closed_document_drops_its_rows(monkeypatch):
    monkeypatch.setattr(stage, "REMEMBER_ROWS", True)
    monkeypatch.setattr(stage, "_KEPT_ROWS", {})
    stage.check(parse(Source.from_text("/p/a.txt", BASE)))
    assert "/p/a.txt" in stage._KEPT_ROWS
    stage.forget("/p/a.txt")
    assert stage._KEPT_ROWS == {}


def test_row_keys_keep_json_values_apart():
    """A verdict is kept by the row's JSON text: values that differ, in type
    alone too, never share one."""
    forms = [{"a": 1}, {"a": 1.0}, {"a": True}, {"a": "1"}, {"a": None}, {"a": "None"}, {"a": [1]}, {"a": {"b": 1}}]
    assert len({stage._key(form) for form in forms}) == len(forms)
    assert stage._key({"a": [1, None], "b": "é"}) == stage._key({"a": [1, None], "b": "é"})


def test_a_kept_row_keeps_every_finding_of_that_row(monkeypatch, tmp_path):
    """A row's kept findings are all of them: the error on the row itself (a
    missing key, at ``observations/N``) and each error in its cells, so a
    keystroke in another row shows the untouched rows' findings unchanged."""
    monkeypatch.setattr(stage, "REMEMBER_ROWS", True)
    monkeypatch.setattr(stage, "_KEPT_ROWS", {})
    schema = tmp_path / "rows.schema.json"
    schema.write_text(json.dumps({"$schema": DRAFT, "properties": {"observations": {"items": {
        "required": ["priority"], "properties": {"label": {"type": "string", "minLength": 3}}}}}}), encoding="utf-8")
    lines = BASE.split("\n")
    table = [i for i, t in enumerate(lines) if t.startswith("|") and "---" not in t][1:]
    for i in table[::3]:  # every third row: a short label too, so two findings on one row
        cells = lines[i].split("|")
        cells[3] = " ab "
        lines[i] = "|".join(cells)
    rows = RowMemo()
    text = "\n".join(lines)
    first = stage.check(parse(Source.from_text("/p/edited.txt", text), rows=rows), (str(schema),))
    rows.turn()
    assert first == command_line_check(text, (str(schema),))
    missing = [d for d in first if "priority" in d.message]
    short = [d for d in first if d.message.startswith("the label must be at least 3 characters")]
    assert [d.span.start_line for d in missing] == [i + 1 for i in table]
    assert [d.span.start_line for d in short] == [i + 1 for i in table[::3]]
    cells = lines[table[1]].split("|")
    cells[3] = " Edited label "
    lines[table[1]] = "|".join(cells)
    text = "\n".join(lines)
    second = stage.check(parse(Source.from_text("/p/edited.txt", text), rows=rows), (str(schema),))
    assert second == command_line_check(text, (str(schema),))
    assert len([d for d in second if "priority" in d.message]) == len(table)
    assert [d for d in second if d.span.start_line != table[1] + 1] == [d for d in first if d.span.start_line != table[1] + 1]
