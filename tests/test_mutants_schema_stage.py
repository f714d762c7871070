"""schema/stage.py: the schema stage the pipeline runs.  What mutation
testing (benchmarks/mutation.py) found unpinned: a valid document is
answered without jsonschema, a schema file edited (or another file of the
same size and time) is read again, a new jsonschema checks a team schema
again, and PL103's place, related place, file and fix.  Findings are
asserted at line, column, end column and message through the public check.

Every test builds the fast validators afresh in an empty user cache: a
validator built earlier (in this process or on disk) would answer from the
code that built it."""

from __future__ import annotations

import json
import os

import pytest

from proglint.cache import user as usercache
from proglint.schema import check, fast, stage, validate

from conftest import doc
from team_schema import BASE, LINES, TITLE, at, findings


pytestmark = pytest.mark.usefixtures("fresh_schema_validators")


def no_jsonschema(monkeypatch):
    """Make the full path fail loudly: a document the fast validators
    accept must not reach it."""
    def refuse(*args, **kwargs):
        raise AssertionError("validated with jsonschema")
    monkeypatch.setattr(validate, "check", refuse)


def write(path, schema: dict) -> None:
    path.write_text(json.dumps(schema), encoding="utf-8")


def places(found) -> list[tuple]:
    return [(d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message) for d in found]


SHORT_TITLE = {"properties": {"heading": {"properties": {"title": {"maxLength": 3}}}}}
TITLE_TOO_LONG = ("PL057", *at(TITLE, "# "), f'the heading\'s title must be at most 3 characters long; found "{TITLE}"')


# -- a valid document never reaches jsonschema ---------------------------------------------------


def test_a_valid_document_is_answered_by_the_fast_validators(tmp_path, monkeypatch):
    team = tmp_path / "team.schema.json"
    write(team, {"properties": {"heading": {"properties": {"title": {"maxLength": 100}}}}})
    no_jsonschema(monkeypatch)
    assert check(doc(BASE)) == []
    assert check(doc(BASE), (team,)) == []
    assert check(doc(BASE), (str(team),)) == []


def test_a_valid_document_with_a_repeated_key_gets_only_that_finding_without_jsonschema(monkeypatch):
    text = BASE.replace('cycle: "0"', 'cycle: "0"\ncycle: "0"')
    no_jsonschema(monkeypatch)
    line = LINES.index('cycle: "0"') + 1
    [found] = check(doc(text, "/p/1071.txt"))
    assert (found.code, found.span.start_line, found.span.start_column, found.span.end_column, found.message) == (
        "PL103", line + 1, 1, 6,
        "duplicate key 'cycle' in the front matter: it is first given on line 4, and only that value is checked; keep one of the two",
    )
    assert line == 4
    assert found.path == "/p/1071.txt"
    assert [(r.span.start_line, r.span.start_column, r.span.end_column, r.message) for r in found.related] == [
        (line, 1, 6, "'cycle' first given here"),
    ]
    assert found.fix.message == "remove the repeated 'cycle' (the same value as the first)"
    assert [(e.span.start_line, e.span.start_column, e.span.end_line, e.span.end_column, e.text) for e in found.fix.edits] == [
        (line + 1, 1, line + 2, 1, ""),
    ]


def test_a_repeated_key_written_as_a_list_is_named_as_written():
    text = BASE.replace('type: ""', 'type: ""\n[a, b]: 1\n[a, b]: 2')
    line = LINES.index('type: ""') + 2
    repeated = [d for d in check(doc(text)) if d.code == "PL103"]
    assert places(repeated) == [
        ("PL103", line + 1, 1, 7,
         f"duplicate key '[a, b]' in the front matter: it is first given on line {line}, and only that value is checked; keep one of the two"),
    ]
    assert [d for d in check(doc(text.replace("[a, b]: 2", "[a, c]: 2"))) if d.code == "PL103"] == []


# -- schema files read again when they change ------------------------------------------------------


def test_an_edited_team_schema_is_read_again(tmp_path):
    team = tmp_path / "team.schema.json"
    write(team, SHORT_TITLE)
    assert places(check(doc(BASE), (team,))) == [TITLE_TOO_LONG]
    write(team, {"properties": {"heading": {"properties": {"title": {"maxLength": 300}}}}})  # another size
    assert places(check(doc(BASE), (team,))) == []
    write(team, SHORT_TITLE)
    assert places(check(doc(BASE), (team,))) == [TITLE_TOO_LONG]


def test_two_team_schemas_of_the_same_size_and_time_are_told_apart(tmp_path):
    short, long = tmp_path / "short.schema.json", tmp_path / "long.schema.json"
    write(short, SHORT_TITLE)
    write(long, {"properties": {"heading": {"properties": {"title": {"maxLength": 300}}}}})
    assert short.stat().st_size + 2 == long.stat().st_size
    write(short, {"properties": {"heading": {"properties": {"title": {"maxLength": 3}}}}, "$comment": ""})
    write(long, {"properties": {"heading": {"properties": {"title": {"maxLength": 300}}}}, "$comment": ""})
    assert short.stat().st_size + 2 == long.stat().st_size
    write(short, {"properties": {"heading": {"properties": {"title": {"maxLength": 3}}}}, "$comment": "ab"})
    assert short.stat().st_size == long.stat().st_size
    stamp = long.stat().st_mtime_ns
    os.utime(short, ns=(stamp, stamp))
    assert places(check(doc(BASE), (long,))) == []
    assert places(check(doc(BASE), (short,))) == [TITLE_TOO_LONG]
    assert places(check(doc(BASE), (long,))) == []


def test_a_new_jsonschema_checks_a_team_schema_again(tmp_path, monkeypatch):
    """Whether a team schema is usable is kept per user with the jsonschema
    that judged it: another copy of jsonschema judges it again."""
    team = tmp_path / "team.schema.json"
    write(team, SHORT_TITLE)
    judged = []
    original = stage._compile
    monkeypatch.setattr(stage, "_compile", lambda path: judged.append(path) or original(path))
    version = {"jsonschema": "jsonschema 1"}
    real = usercache.installed
    monkeypatch.setattr(usercache, "installed", lambda package: version.get(package) or real(package))
    short = doc(BASE.replace(TITLE, "abc"))
    for _ in range(2):
        stage._FAST.clear()
        assert check(short, (team,)) == []
    assert judged == [team]  # the second time from the user cache
    version["jsonschema"] = "jsonschema 2"
    stage._FAST.clear()
    assert check(short, (team,)) == []
    assert judged == [team, team]


def test_a_team_schema_that_is_not_a_schema_is_refused_for_a_valid_document_too(tmp_path):
    team = tmp_path / "team.schema.json"
    write(team, {"properties": {"heading": {"properties": {"title": {"maxLength": -1}}}}})
    with pytest.raises(stage.SchemaConfigError) as raised:
        check(doc(BASE), (team,))
    assert raised.value.path == team
    assert "not a valid JSON Schema (Draft 2020-12) at properties/heading/properties/title/maxLength" in raised.value.message



# -- the language server's memo (stage.REMEMBER_ROWS) ----------------------------------------------


def test_the_memo_checks_a_document_without_a_table(monkeypatch):
    monkeypatch.setattr(stage, "REMEMBER_ROWS", True)
    monkeypatch.setattr(stage, "_KEPT_ROWS", {})
    lines = BASE.split("\n")
    table = [n for n, line in enumerate(lines) if line.startswith("|")]
    text = "\n".join(lines[: table[0]] + lines[table[-1] + 1 :]).replace('cycle: "0"', 'cycle: "x"')
    without = check(doc(text, "/p/no-table.txt"))
    monkeypatch.setattr(stage, "REMEMBER_ROWS", False)
    assert without == check(doc(text, "/p/no-table.txt"))
    assert [(d.code, d.span.start_line, d.span.start_column, d.span.end_column) for d in without] == [("PL107", 4, 8, 11)]


def test_closing_a_document_the_memo_never_saw_is_harmless(monkeypatch):
    monkeypatch.setattr(stage, "_KEPT_ROWS", {})
    stage.forget("/p/never-checked.txt")
    assert stage._KEPT_ROWS == {}


def both_ways(monkeypatch, text: str, schemas=()) -> list[tuple]:
    """The findings with the language server's memo on, checked equal to a
    command-line check's."""
    monkeypatch.setattr(stage, "REMEMBER_ROWS", True)
    monkeypatch.setattr(stage, "_KEPT_ROWS", {})
    with_memo = check(doc(text, "/p/edited.txt"), schemas)
    monkeypatch.setattr(stage, "REMEMBER_ROWS", False)
    assert with_memo == check(doc(text, "/p/edited.txt"), schemas)
    return places(with_memo)


def test_the_memo_reports_the_front_matter_when_every_row_is_valid(monkeypatch):
    found = both_ways(monkeypatch, BASE.replace('cycle: "0"', 'cycle: "x"'))
    assert [f[:4] for f in found] == [("PL107", 4, 8, 11)]


@pytest.mark.parametrize("extra", [
    {"unevaluatedProperties": True},  # a 2020-12 keyword: no fast validator at all
    {"properties": {"observations": {"maxItems": 100}}},  # the rows are not judged alone
])
def test_the_memo_with_team_schemas_the_fast_path_cannot_split(tmp_path, monkeypatch, extra):
    team = tmp_path / "team.schema.json"
    title = {"heading": {"properties": {"title": {"maxLength": 3}}}}
    write(team, {**extra, "properties": {**extra.get("properties", {}), **title}})
    assert both_ways(monkeypatch, BASE, (team,)) == [TITLE_TOO_LONG]
    write(team, {**extra, "properties": {**extra.get("properties", {})}})
    assert both_ways(monkeypatch, BASE, (team,)) == []
