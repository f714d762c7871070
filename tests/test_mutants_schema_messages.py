"""schema/messages.py: the plain-language message of each JSON Schema
keyword, how a value is quoted, and what each part of the document is called,
for the edges mutation testing (benchmarks/mutation.py) found unpinned.
Each test is a team schema with a triggering document and a near miss,
asserted at line, column, end column and message through the public check."""

from __future__ import annotations

from team_schema import BASE, HEADING, ROW_LINES, TITLE, at, findings, rows, targets

ID = at("1071", "id:")  # id: 1071, a plain integer
TITLE_VALUE = at(f'"{TITLE}"', "program_title:")  # 36 characters
MODE = at('""', "instrument_mode:")  # instrument_mode: ""


def front(key: str, rule) -> dict:
    return {"properties": {"front_matter": {"properties": {key: rule}}}}


# -- numbers: PL106 ------------------------------------------------------------------------


def test_minimum_and_exclusive_minimum(tmp_path):
    assert findings(tmp_path, front("id", {"minimum": 1072})) == [("PL106", *ID, "id must be at least 1072; found 1071")]
    assert findings(tmp_path, front("id", {"minimum": 1071})) == []
    assert findings(tmp_path, front("id", {"exclusiveMinimum": 1071})) == [
        ("PL106", *ID, "id must be greater than 1071; found 1071"),
    ]
    assert findings(tmp_path, front("id", {"exclusiveMinimum": 1070})) == []


def test_maximum_and_exclusive_maximum(tmp_path):
    assert findings(tmp_path, front("id", {"maximum": 1070})) == [("PL106", *ID, "id must be at most 1070; found 1071")]
    assert findings(tmp_path, front("id", {"maximum": 1071})) == []
    assert findings(tmp_path, front("id", {"exclusiveMaximum": 1071})) == [
        ("PL106", *ID, "id must be less than 1071; found 1071"),
    ]
    assert findings(tmp_path, front("id", {"exclusiveMaximum": 1072})) == []


def test_multiple_of(tmp_path):
    assert findings(tmp_path, front("id", {"multipleOf": 2})) == [("PL106", *ID, "id must be a multiple of 2; found 1071")]
    assert findings(tmp_path, front("id", {"multipleOf": 3})) == []  # 1071 = 3 x 357


def test_a_number_is_quoted_as_written(tmp_path):
    text = BASE.replace("id: 1071", "id: 0x42F")  # 1071 in hexadecimal
    assert findings(tmp_path, front("id", {"maximum": 1070}), text) == [
        ("PL106", 2, 5, 10, "id must be at most 1070; found 0x42F"),
    ]
    assert findings(tmp_path, front("id", {"maximum": 1071}), text) == []


# -- lengths and forms: PL107 ----------------------------------------------------------------


def test_min_length(tmp_path):
    assert findings(tmp_path, front("program_title", {"minLength": 37})) == [
        ("PL107", *TITLE_VALUE, f'program_title must be at least 37 characters long; found "{TITLE}"'),
    ]
    assert findings(tmp_path, front("program_title", {"minLength": 36})) == []
    assert findings(tmp_path, front("instrument_mode", {"minLength": 1})) == [
        ("PL107", *MODE, "instrument_mode must not be empty"),
    ]
    assert findings(tmp_path, front("instrument_mode", {"minLength": 2})) == [
        ("PL107", *MODE, "instrument_mode must be at least 2 characters long; found nothing"),
    ]
    assert findings(tmp_path, front("instrument_mode", {"minLength": 0})) == []


def test_max_length(tmp_path):
    assert findings(tmp_path, front("program_title", {"maxLength": 35})) == [
        ("PL107", *TITLE_VALUE, f'program_title must be at most 35 characters long; found "{TITLE}"'),
    ]
    assert findings(tmp_path, front("program_title", {"maxLength": 36})) == []
    cycle = at('"0"', "cycle:")
    assert findings(tmp_path, front("cycle", {"maxLength": 0})) == [("PL107", *cycle, 'cycle must be empty; found "0"')]
    assert findings(tmp_path, front("cycle", {"maxLength": 1})) == []
    longer = BASE.replace('cycle: "0"', 'cycle: "10"')
    assert findings(tmp_path, front("cycle", {"maxLength": 1}), longer) == [
        ("PL107", 4, 8, 12, 'cycle must be at most 1 character long; found "10"'),
    ]


def test_pattern_and_format(tmp_path):
    cycle = at('"0"', "cycle:")
    assert findings(tmp_path, front("cycle", {"pattern": "^[1-9]"})) == [
        ("PL107", *cycle, 'cycle does not have the required form (the pattern ^[1-9]); found "0"'),
    ]
    assert findings(tmp_path, front("cycle", {"pattern": "^[0-9]"})) == []
    title = f'program_title: "{TITLE}"'
    assert findings(tmp_path, front("program_title", {"format": "email"})) == [
        ("PL107", *TITLE_VALUE, f'program_title must be a valid email; found "{TITLE}"'),
    ]
    mail = BASE.replace(title, 'program_title: "pi@example.org"')
    assert findings(tmp_path, front("program_title", {"format": "email"}), mail) == []


def test_a_long_value_is_clipped_to_sixty_characters(tmp_path):
    long_title = "A" * 61
    text = BASE.replace(f'"{TITLE}"', f'"{long_title}"')
    assert findings(tmp_path, front("program_title", {"maxLength": 10}), text) == [
        ("PL107", 9, 16, 16 + 63, f'program_title must be at most 10 characters long; found "{"A" * 59}…"'),
    ]
    sixty = "A" * 60
    text = BASE.replace(f'"{TITLE}"', f'"{sixty}"')
    assert findings(tmp_path, front("program_title", {"maxLength": 10}), text) == [
        ("PL107", 9, 16, 16 + 62, f'program_title must be at most 10 characters long; found "{sixty}"'),
    ]


def test_a_long_number_is_clipped_as_written(tmp_path):
    digits = "1" * 61
    text = BASE.replace("id: 1071", f"id: {digits}")
    # the shipped schema's own bound (1 to 99999) clips it the same way (same place and code: ordered by message)
    assert findings(tmp_path, front("id", {"maximum": 1}), text) == [
        ("PL106", 2, 5, 5 + 61, f"id must be at most 1; found {'1' * 59}…"),
        ("PL106", 2, 5, 5 + 61, f"id must be the program ID, a whole number from 1 to 99999 (such as 1071); found {'1' * 59}…"),
    ]


# -- types and values: PL104, PL105 ------------------------------------------------------------


def test_one_type_and_several_types(tmp_path):
    assert findings(tmp_path, front("id", {"type": "string"})) == [("PL104", *ID, "id must be text; found 1071")]
    assert findings(tmp_path, front("id", {"type": ["string", "boolean", "null"]})) == [
        ("PL104", *ID, "id must be text, true or false or empty; found 1071"),
    ]
    assert findings(tmp_path, front("id", {"type": ["array", "object"]})) == [
        ("PL104", *ID, "id must be a list or a mapping of keys to values; found 1071"),
    ]
    assert findings(tmp_path, front("id", {"type": ["string", "integer"]})) == []


def test_enum_const_and_not(tmp_path):
    cycle = at('"0"', "cycle:")
    assert findings(tmp_path, front("cycle", {"enum": ["1"]})) == [("PL105", *cycle, 'cycle must be "1"; found "0"')]
    assert findings(tmp_path, front("cycle", {"enum": ["1", 2, None]})) == [
        ("PL105", *cycle, 'cycle must be "1", 2 or empty; found "0"'),
    ]
    assert findings(tmp_path, front("cycle", {"enum": ["", True]})) == [
        ("PL105", *cycle, 'cycle must be "" or true; found "0"'),
    ]
    assert findings(tmp_path, front("cycle", {"enum": ["1", "0"]})) == []
    assert findings(tmp_path, front("cycle", {"const": "é"})) == [("PL105", *cycle, 'cycle must be "é"; found "0"')]
    assert findings(tmp_path, front("cycle", {"const": ["é"]})) == [("PL105", *cycle, 'cycle must be ["é"]; found "0"')]
    assert findings(tmp_path, front("cycle", {"const": "0"})) == []
    assert findings(tmp_path, front("cycle", {"not": {"const": "0"}})) == [("PL105", *cycle, 'cycle may not be "0"')]
    assert findings(tmp_path, front("cycle", {"not": {"const": "1"}})) == []


def test_true_false_lists_and_mappings_as_values(tmp_path):
    # the program schema reports the same values (text or empty): both findings quote them alike
    program = "instrument_mode must be text, or empty; found "
    for written, end, shown in (("TRUE", 22, "TRUE"), ("[a, b]", 24, "a list"), ("{a: b}", 24, "a mapping of keys to values")):
        text = BASE.replace('instrument_mode: ""', f"instrument_mode: {written}")
        assert findings(tmp_path, front("instrument_mode", {"type": "string"}), text) == [
            ("PL104", 6, 18, end, program + shown),
            ("PL104", 6, 18, end, "instrument_mode must be text; found " + shown),
        ]


# -- counts: PL058, PL108 --------------------------------------------------------------------------

LAST_SECTION = at("OBSERVATIONS TABLE", "## ")  # the sections are reported at the first title


def test_item_counts(tmp_path):
    assert findings(tmp_path, {"properties": {"sections": {"minItems": 5}}}) == [
        ("PL058", *LAST_SECTION, "the sections must have at least 5 items; found 4"),
    ]
    assert findings(tmp_path, {"properties": {"sections": {"minItems": 4}}}) == []
    assert findings(tmp_path, {"properties": {"sections": {"maxItems": 1}}}) == [
        ("PL058", *LAST_SECTION, "the sections must have at most 1 item; found 4"),
    ]


def test_repeated_items(tmp_path):
    text = BASE.replace("## ABSTRACT", "## OBSERVATIONS TABLE")
    rule = {"properties": {"sections": {"uniqueItems": True}}}
    assert findings(tmp_path, rule, text) == [("PL058", *LAST_SECTION, "the sections must not repeat an item")]
    assert findings(tmp_path, rule) == []


def test_key_counts(tmp_path):
    heading = at(HEADING)
    assert findings(tmp_path, {"properties": {"heading": {"maxProperties": 1}}}) == [
        ("PL058", *heading, "the heading must have at most 1 key; found 2"),
    ]
    assert findings(tmp_path, {"properties": {"heading": {"minProperties": 3}}}) == [
        ("PL058", *heading, "the heading must have at least 3 keys; found 2"),
    ]
    assert findings(tmp_path, {"properties": {"heading": {"minProperties": 2, "maxProperties": 2}}}) == []


def test_contains(tmp_path):
    for rule in ({"contains": {"const": "SUMMARY"}}, {"contains": {"const": "ABSTRACT"}, "minContains": 2}):
        assert findings(tmp_path, {"properties": {"sections": rule}}) == [
            ("PL058", *LAST_SECTION, "the sections does not contain the items the schema requires"),
        ]
    assert findings(tmp_path, {"properties": {"sections": {"contains": {"const": "ABSTRACT"}, "maxContains": 0}}}) == [
        ("PL058", *LAST_SECTION, "the sections does not contain the items the schema requires"),
    ]
    assert findings(tmp_path, {"properties": {"sections": {"contains": {"const": "ABSTRACT"}}}}) == []


# -- alternatives and everything else: PL059, PL109, PL209, PL309 -----------------------------------


def test_any_of_whose_branches_all_have_descriptions(tmp_path):
    cycle = at('"0"', "cycle:")
    described = {"anyOf": [{"const": "1", "description": "one."}, {"const": "2", "title": "two"}]}
    assert findings(tmp_path, front("cycle", described)) == [
        ("PL105", *cycle, 'cycle must be one of: one; two; found "0"'),
    ]
    # only a closing full stop is dropped
    ending = {"anyOf": [{"const": "1", "description": "one X."}, {"const": "2", "title": "two X"}]}
    assert findings(tmp_path, front("cycle", ending)) == [
        ("PL105", *cycle, 'cycle must be one of: one X; two X; found "0"'),
    ]
    half = {"anyOf": [{"const": "1", "description": "one"}, {"const": "2"}]}
    assert findings(tmp_path, front("cycle", half)) == [
        ("PL105", *cycle, 'cycle matches none of the allowed forms; found "0"'),
    ]
    both = {"anyOf": [{"const": "1", "description": "one"}, True]}
    assert findings(tmp_path, front("cycle", both)) == []


def test_one_of_whose_branches_all_fail(tmp_path):
    cycle = at('"0"', "cycle:")
    described = {"oneOf": [{"const": "1", "description": "one"}, {"const": "2", "description": "two"}]}
    assert findings(tmp_path, front("cycle", described)) == [
        ("PL105", *cycle, 'cycle must be one of: one; two; found "0"'),
    ]


def test_any_other_keyword_is_worded_by_jsonschema(tmp_path):
    rule = {"properties": {"sections": {"prefixItems": [True, True, True], "unevaluatedItems": False}}}
    assert findings(tmp_path, rule) == [
        ("PL059", *LAST_SECTION, "the sections: Unevaluated items are not allowed ('OBSERVING DESCRIPTION' was unexpected)"),
    ]
    four = {"properties": {"sections": {"prefixItems": [True] * 4, "unevaluatedItems": False}}}
    assert findings(tmp_path, four) == []


# -- what each part is called --------------------------------------------------------------------


def test_the_parts_of_a_row_and_its_target(tmp_path):
    row, cell, end = at("(1) LMC-ASTROMETRIC", "|            | 1  ")
    not_one = {"not": {"const": "1"}}
    assert findings(tmp_path, rows({"properties": {"number": not_one}}), _first_row_only()) == [
        ("PL205", *at("1", "|            | 1  "), 'the observation number may not be "1"'),
    ]
    assert findings(tmp_path, targets({"properties": {"number": not_one}}), _first_row_only()) == [
        ("PL305", row, cell + 1, cell + 2, 'the target number may not be "1"'),
    ]
    named = {"properties": {"name": {"not": {"const": "LMC-ASTROMETRIC"}}}}
    assert findings(tmp_path, targets(named), _first_row_only()) == [
        ("PL305", row, cell + 4, end, 'the target name may not be "LMC-ASTROMETRIC"'),
    ]
    assert findings(tmp_path, targets({"not": {"required": ["text"]}}), _first_row_only()) == [
        ("PL305", row, cell, end, 'the Science Target may not be "(1) LMC-ASTROMETRIC"'),
    ]


def _first_row_only() -> str:
    lines = BASE.split("\n")
    return "\n".join(line for n, line in enumerate(lines, 1) if n not in ROW_LINES[1:])


NESTED = BASE.replace('type: ""', 'type: ""\nnotes:\n  - a\n  - {b: 2}')
ITEM = (NESTED.split("\n").index("  - {b: 2}") + 1, 5, 11)


def team_only(found: list[tuple], code: str) -> list[tuple]:
    """The findings of one code (the program schema reports the unknown key 'notes' as PL101)."""
    return [f for f in found if f[0] == code]


def test_a_list_item_and_a_key_inside_it_are_named_by_index_and_dots(tmp_path):
    rule = front("notes", {"items": {"type": "string"}})
    assert team_only(findings(tmp_path, rule, NESTED), "PL104") == [
        ("PL104", *ITEM, "notes[1] must be text; found a mapping of keys to values"),
    ]
    rule = front("notes", {"prefixItems": [True, {"properties": {"b": {"maximum": 1}}}]})
    line, column, _ = ITEM
    assert team_only(findings(tmp_path, rule, NESTED), "PL106") == [
        ("PL106", line, column + 4, column + 5, "notes[1].b must be at most 1; found 2"),
    ]
    rule = front("notes", {"prefixItems": [True, {"properties": {"b": {"maximum": 2}}}]})
    assert team_only(findings(tmp_path, rule, NESTED), "PL106") == []


def test_where_a_missing_key_is_missing(tmp_path):
    rule = front("notes", {"prefixItems": [True, {"required": ["c"]}]})
    assert team_only(findings(tmp_path, rule, NESTED), "PL102") == [
        ("PL102", *ITEM, "missing key 'c' under 'notes[1]' in the front matter"),
    ]
    top = {"properties": {"front_matter": {"required": ["c"]}}}
    assert findings(tmp_path, top) == [("PL102", 1, 1, 4, "missing key 'c' in the front matter")]
    heading = {"properties": {"heading": {"required": ["c"]}}}
    assert findings(tmp_path, heading) == [("PL052", *at(HEADING), "missing key 'c' in the heading")]


def test_a_blank_target_cell_is_shown_as_nothing(tmp_path):
    row, cell, end = at("(1) LMC-ASTROMETRIC", "|            | 1  ")
    text = _first_row_only().replace("(1) LMC-ASTROMETRIC  |", "                     |")
    rule = targets({"not": {"required": ["text"]}})
    assert team_only(findings(tmp_path, rule, text), "PL305") == [
        ("PL305", row, cell - 1, end + 2, "the Science Target may not be nothing"),  # the space between the pipes
    ]
