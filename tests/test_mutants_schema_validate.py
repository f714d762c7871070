"""schema/validate.py: where and how a team schema's findings are reported,
for the edges mutation testing (benchmarks/mutation.py) found unpinned.
Each test is a triggering document and a near miss, asserted at line,
column, end column and message through the public check."""

from __future__ import annotations

import json

from proglint.schema import check

from conftest import SEEDS, doc

BASE = (SEEDS / "1071.txt").read_text(encoding="utf-8")
LINES = BASE.split("\n")
ROW = "|            | "
ROW_LINES = [n for n, line in enumerate(LINES, 1) if line.startswith(ROW)]  # the 10 observations
TITLE = "NIRCam Absolute FGS-NIRCam Alignment"


def at(needle: str, start: str | None = None, nth: int = 1) -> tuple[int, int, int]:
    """(line, column, end column) of ``needle`` on the nth line starting with ``start`` (or containing needle)."""
    lines = [n for n, line in enumerate(LINES, 1) if (line.startswith(start) if start else needle in line)]
    line = lines[nth - 1]
    column = LINES[line - 1].index(needle) + 1
    return line, column, column + len(needle)


def findings(tmp_path, schema: dict, text: str = BASE) -> list[tuple]:
    path = tmp_path / "team.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return [(d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message) for d in check(doc(text), (path,))]


def rows(schema: dict) -> dict:
    return {"properties": {"observations": {"items": schema}}}


def targets(schema: dict) -> dict:
    return rows({"properties": {"target": schema}})


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
