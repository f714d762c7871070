"""Team schemas: one triggering document per code of the heading/URL/section
area (PL051-PL059), the observation rows (PL2xx) and the Science Target
cells (PL3xx) that no other test triggered, each asserted at line, column,
end column and message; and the anyOf / `$schema` edges mutation testing
found unpinned (benchmarks/mutation.py)."""

from __future__ import annotations

from team_schema import BASE, HEADING, LINES, ROW, ROW_LINES, TITLE, at, findings, rows, targets

TWO_MATCH = {"oneOf": [{"type": "string"}, {"minLength": 1}]}  # a string matches both: "invalid (other)"


def test_the_program_schema_alone_reports_nothing_here(tmp_path):
    assert findings(tmp_path, {}) == []


# -- the heading, URL and sections: PL05x -------------------------------------------------


def test_pl051_a_key_the_team_schema_does_not_allow(tmp_path):
    schema = {"properties": {"url": {"properties": {"text": {}}, "additionalProperties": False}}}
    assert findings(tmp_path, schema) == [
        ("PL051", *at("1071", "https://"), "unknown key 'program_id' in the program URL; the known keys are text"),
    ]
    allowed = {"properties": {"url": {"properties": {"text": {}, "program_id": {}}, "additionalProperties": False}}}
    assert findings(tmp_path, allowed) == []


def test_pl052_a_key_the_team_schema_requires(tmp_path):
    assert findings(tmp_path, {"properties": {"heading": {"required": ["subtitle"]}}}) == [
        ("PL052", *at(HEADING), "missing key 'subtitle' in the heading"),
    ]
    assert findings(tmp_path, {"properties": {"heading": {"required": ["title"]}}}) == []


def test_pl055_a_value_the_team_schema_does_not_allow(tmp_path):
    schema = {"properties": {"heading": {"properties": {"title": {"enum": ["Other"]}}}}}
    assert findings(tmp_path, schema) == [
        ("PL055", *at(TITLE, "# "), f'the heading\'s title must be "Other"; found "{TITLE}"'),
    ]
    assert findings(tmp_path, {"properties": {"heading": {"properties": {"title": {"enum": [TITLE]}}}}}) == []


def test_pl058_too_many_sections(tmp_path):
    assert findings(tmp_path, {"properties": {"sections": {"maxItems": 3}}}) == [
        ("PL058", *at("OBSERVATIONS TABLE", "## "), "the sections must have at most 3 items; found 4"),
    ]
    assert findings(tmp_path, {"properties": {"sections": {"maxItems": 4}}}) == []


def test_pl059_a_value_matching_two_alternatives_of_one_of(tmp_path):
    schema = {"properties": {"heading": {"properties": {"title": TWO_MATCH}}}}
    assert findings(tmp_path, schema) == [
        ("PL059", *at(TITLE, "# "), f'the heading\'s title matches more than one of the allowed forms; found "{TITLE}"'),
    ]


def test_an_any_of_whose_alternatives_fail_in_different_ways_is_invalid_not_bad_format(tmp_path):
    # one alternative fails on type (PL054's kind), the other on a pattern
    # (PL057's): neither kind describes the error, so it is PL059
    schema = {"properties": {"url": {"properties": {"program_id": {"anyOf": [{"type": "integer"}, {"pattern": "^[0-9]{5}$"}]}}}}}
    assert findings(tmp_path, schema) == [
        ("PL059", *at("1071", "https://"), 'the program ID in the URL matches none of the allowed forms; found "1071"'),
    ]
    padded = BASE.replace("?id=1071", "?id=01071")
    assert findings(tmp_path, schema, padded) == []


def test_a_schema_uri_with_an_empty_fragment_is_the_same_draft(tmp_path):
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema#", "properties": {"heading": {"required": ["subtitle"]}}}
    assert findings(tmp_path, schema) == [("PL052", *at(HEADING), "missing key 'subtitle' in the heading")]


# -- the front matter: PL109 -------------------------------------------------------------------


def test_pl109_a_front_matter_value_matching_two_alternatives(tmp_path):
    line, column, _ = at('"0"', "cycle:")
    assert findings(tmp_path, {"properties": {"front_matter": {"properties": {"cycle": TWO_MATCH}}}}) == [
        ("PL109", line, column, column + 3, 'cycle matches more than one of the allowed forms; found "0"'),
    ]


# -- observation rows: PL2xx -------------------------------------------------------------------


def test_pl201_a_row_field_the_team_schema_does_not_allow_is_reported_at_its_cell(tmp_path):
    schema = rows({"properties": {"folder": {}, "number": {}, "label": {}, "template": {}}, "additionalProperties": False})
    found = findings(tmp_path, schema)
    message = "unknown key 'target' in the observation row; the known keys are folder, number, label, template"
    assert found == [("PL201", *at("(1) LMC-ASTROMETRIC", ROW, n), message) for n in range(1, 11)]
    assert [f[1] for f in found] == ROW_LINES


def test_pl202_a_row_field_the_team_schema_requires(tmp_path):
    found = findings(tmp_path, rows({"required": ["notes"]}))
    assert found == [("PL202", n, 1, len(LINES[n - 1]) + 1, "missing key 'notes' in the observation row") for n in ROW_LINES]


def test_pl205_a_template_the_team_schema_does_not_allow(tmp_path):
    found = findings(tmp_path, rows({"properties": {"template": {"enum": ["MIRI Imaging"]}}}))
    message = 'the Observing Template must be "MIRI Imaging"; found "NIRCam Imaging"'
    assert found == [("PL205", *at("NIRCam Imaging", ROW, n), message) for n in range(1, 11)]
    assert findings(tmp_path, rows({"properties": {"template": {"enum": ["MIRI Imaging", "NIRCam Imaging"]}}})) == []


def test_pl208_too_many_rows_reported_at_the_table_header(tmp_path):
    header = next(n for n, line in enumerate(LINES, 1) if line.startswith("| Folder"))
    assert findings(tmp_path, {"properties": {"observations": {"maxItems": 9}}}) == [
        ("PL208", header, 1, len(LINES[header - 1]) + 1, "the observations table must have at most 9 items; found 10"),
    ]
    assert findings(tmp_path, {"properties": {"observations": {"maxItems": 10}}}) == []


# -- Science Target cells: PL3xx ---------------------------------------------------------------


def test_pl302_a_target_field_the_team_schema_requires(tmp_path):
    found = findings(tmp_path, targets({"required": ["coordinates"]}))
    assert found == [
        ("PL302", *at("(1) LMC-ASTROMETRIC", ROW, n), "missing key 'coordinates' in the Science Target") for n in range(1, 11)
    ]


def test_pl304_a_target_number_of_the_wrong_type(tmp_path):
    found = findings(tmp_path, targets({"properties": {"number": {"type": "integer"}}}))
    line = LINES[ROW_LINES[0] - 1]
    column = line.index("(1)") + 2  # the digit inside the parentheses
    message = 'the target number must be a whole number; found "1"'
    assert found == [("PL304", n, column, column + 1, message) for n in ROW_LINES]


def test_pl308_a_target_with_more_keys_than_the_team_schema_allows(tmp_path):
    found = findings(tmp_path, targets({"maxProperties": 2}))
    message = "the Science Target must have at most 2 keys; found 3"
    assert found == [("PL308", *at("(1) LMC-ASTROMETRIC", ROW, n), message) for n in range(1, 11)]
    assert findings(tmp_path, targets({"maxProperties": 3})) == []


def test_pl309_a_target_name_matching_two_alternatives(tmp_path):
    found = findings(tmp_path, targets({"properties": {"name": TWO_MATCH}}))
    message = 'the target name matches more than one of the allowed forms; found "LMC-ASTROMETRIC"'
    assert found == [("PL309", *at("LMC-ASTROMETRIC", ROW, n), message) for n in range(1, 11)]


def test_pl108_too_many_front_matter_keys_at_the_opening_line(tmp_path):
    assert findings(tmp_path, {"properties": {"front_matter": {"maxProperties": 3}}}) == [
        ("PL108", 1, 1, 4, "the front matter must have at most 3 keys; found 9"),
    ]
    assert findings(tmp_path, {"properties": {"front_matter": {"maxProperties": 9}}}) == []


def test_pl204_a_row_field_of_the_wrong_type(tmp_path):
    found = findings(tmp_path, rows({"properties": {"label": {"type": "integer"}}}))
    labels = [LINES[n - 1].split("|")[3].strip() for n in ROW_LINES]
    assert found == [
        ("PL204", *at(label, ROW, i), f'the label must be a whole number; found "{label}"') for i, label in enumerate(labels, 1)
    ]


def test_pl209_a_row_field_matching_two_alternatives(tmp_path):
    found = findings(tmp_path, rows({"properties": {"label": TWO_MATCH}}))
    labels = [LINES[n - 1].split("|")[3].strip() for n in ROW_LINES]
    assert found == [
        ("PL209", *at(label, ROW, i), f'the label matches more than one of the allowed forms; found "{label}"')
        for i, label in enumerate(labels, 1)
    ]


def test_pl305_a_target_name_the_team_schema_does_not_allow(tmp_path):
    found = findings(tmp_path, targets({"properties": {"name": {"enum": ["GD153"]}}}))
    message = 'the target name must be "GD153"; found "LMC-ASTROMETRIC"'
    assert found == [("PL305", *at("LMC-ASTROMETRIC", ROW, n), message) for n in range(1, 11)]
    assert findings(tmp_path, targets({"properties": {"name": {"enum": ["GD153", "LMC-ASTROMETRIC"]}}})) == []
