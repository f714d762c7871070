"""Team extension schemas: applied on top of the program schema, with the
same exact positions; broken schema files are a configuration error."""

import json

import pytest

from proglint.diagnostic import Severity
from proglint.schema import SchemaConfigError, check
from proglint.schema.validate import compiled

from conftest import SEEDS, doc

BASE = (SEEDS / "1071.txt").read_text(encoding="utf-8")
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def write(tmp_path, schema, name="team.schema.json"):
    path = tmp_path / name
    path.write_text(schema if isinstance(schema, str) else json.dumps(schema), encoding="utf-8")
    return path


def line_of(text, start):
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def place(d):
    return d.span.start_line, d.span.start_column, d.span.end_column


def test_team_requires_pi_and_co_pis_reported_at_the_value(tmp_path):
    team = write(tmp_path, {
        "$schema": DRAFT,
        "properties": {"front_matter": {"properties": {"pi_and_co_pis": {"type": "string", "minLength": 1}}}},
    })
    assert check(doc(BASE)) == []  # the program schema alone is satisfied
    result = check(doc(BASE), (team,))
    assert len(result) == 1
    d = result[0]
    line = line_of(BASE, "pi_and_co_pis:")
    text = BASE.split("\n")[line - 1]
    column = text.index('""') + 1
    assert place(d) == (line, column, column + 2)
    assert (d.code, d.name, d.severity) == ("PL107", "front-matter-bad-format", Severity.ERROR)
    assert d.message == "pi_and_co_pis must not be empty"
    filled = BASE.replace('pi_and_co_pis: ""', 'pi_and_co_pis: "A. Astronomer"')
    assert check(doc(filled), (team,)) == []


def test_team_message_and_code_annotations(tmp_path):
    team = write(tmp_path, {
        "properties": {"front_matter": {"properties": {"pi_and_co_pis": {
            "minLength": 1,
            "x-proglint-code": "PL110",
            "x-proglint-message": "{key} must name the PI for our team; found {value}",
        }}}},
    })
    (d,) = check(doc(BASE), (team,))
    assert (d.code, d.severity) == ("PL110", Severity.WARNING)
    assert d.message == "pi_and_co_pis must name the PI for our team; found nothing"


def test_team_schema_requiring_a_missing_key_reports_at_the_opening_line(tmp_path):
    team = write(tmp_path, {"properties": {"front_matter": {"required": ["pi_and_co_pis"]}}})
    text = BASE.replace('pi_and_co_pis: ""\n', "")
    result = check(doc(text), (team,))
    # the program schema and the team schema both want it: one finding, not two
    assert [(d.code, place(d), d.message) for d in result] == [
        ("PL102", (1, 1, 4), "missing key 'pi_and_co_pis' in the front matter")
    ]


def test_oneof_gives_the_most_relevant_alternative_only(tmp_path):
    team = write(tmp_path, {
        "properties": {"heading": {"properties": {"title": {"oneOf": [
            {"type": "string", "maxLength": 20},
            {"type": "null"},
        ]}}}},
    })
    result = check(doc(BASE), (team,))
    assert len(result) == 1
    d = result[0]
    heading = BASE.split("\n")[line_of(BASE, "# ") - 1]
    title = heading.split(" - ", 1)[1]
    column = heading.index(title) + 1
    assert place(d) == (line_of(BASE, "# "), column, column + len(title))
    assert (d.code, d.name) == ("PL057", "document-bad-format")
    assert d.message == f'the heading\'s title must be at most 20 characters long; found "{title}"'


def test_anyof_where_every_alternative_fails_on_type(tmp_path):
    team = write(tmp_path, {
        "properties": {"url": {"properties": {"program_id": {"anyOf": [
            {"type": "integer", "description": "A number."},
            {"type": "array", "description": "A list of numbers."},
        ]}}}},
    })
    (d,) = check(doc(BASE), (team,))
    url = BASE.split("\n")[line_of(BASE, "https://") - 1]
    column = url.index("id=1071") + 4
    assert place(d) == (line_of(BASE, "https://"), column, column + 4)
    assert (d.code, d.name) == ("PL054", "document-wrong-type")
    assert d.message == 'the program ID in the URL must be one of: A number; A list of numbers; found "1071"'


def test_team_property_names_each_offending_key(tmp_path):
    team = write(tmp_path, {"properties": {"front_matter": {"propertyNames": {"pattern": "^[a-z_]+$"}}}})
    text = BASE.replace('type: ""', 'type: ""\nNotes: x')
    result = check(doc(text), (team,))
    line = line_of(text, "Notes:")
    assert {(d.code, place(d)) for d in result} == {("PL101", (line, 1, 6))}
    messages = sorted(d.message for d in result)
    assert messages[0].startswith("key 'Notes' is not allowed in the front matter")
    assert messages[1].startswith("unknown key 'Notes' in the front matter")


def test_team_rule_on_rows_points_at_each_cell(tmp_path):
    team = write(tmp_path, {
        "properties": {"observations": {"items": {"properties": {"label": {"pattern": "^FGS-1"}}}}},
    })
    result = check(doc(BASE), (team,))
    lines = [n for n, l in enumerate(BASE.split("\n"), 1) if "FGS-2, GS#" in l]
    assert [(d.code, d.span.start_line) for d in result] == [("PL207", n) for n in lines]
    row = BASE.split("\n")[lines[0] - 1]
    assert place(result[0])[1:] == (row.index("FGS-2, GS#1") + 1, row.index("FGS-2, GS#1") + len("FGS-2, GS#1") + 1)


def test_team_rule_on_targets_uses_the_target_codes(tmp_path):
    team = write(tmp_path, {
        "properties": {"observations": {"items": {"properties": {"target": {"properties": {"name": {"not": {"const": "LMC-ASTROMETRIC"}}}}}}}},
    })
    result = check(doc(BASE), (team,))
    assert len(result) == 10
    assert {d.code for d in result} == {"PL305"}
    assert result[0].message == 'the target name may not be "LMC-ASTROMETRIC"'


def test_team_schema_may_refer_to_the_program_schema(tmp_path):
    team = write(tmp_path, {
        "properties": {"url": {"properties": {"program_id": {
            "$ref": "https://proglint.invalid/schemas/program.schema.json#/$defs/target/properties/number"
        }}}},
    })
    (d,) = check(doc(BASE), (team,))  # 1071 is more than 3 digits
    assert d.code == "PL057"


def test_folder_findings_are_reported_once_at_the_cell_that_names_it(tmp_path):
    team = write(tmp_path, {
        "properties": {"observations": {"items": {"properties": {"folder": {"pattern": "^[A-Z]"}}}}},
    })
    text = (SEEDS / "1366.txt").read_text(encoding="utf-8").replace("| Phase Curve - WASP-43b ", "| phase Curve - WASP-43b ")
    result = check(doc(text), (team,))
    assert len(result) == 1
    line = line_of(text, "| phase Curve")
    assert place(result[0]) == (line, 3, 3 + len("phase Curve - WASP-43b"))


# -- broken team schemas -------------------------------------------------------


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"properties": ', "not valid JSON: Expecting value at line 1, column 16"),
        ('{"type": 5}', "not a valid JSON Schema (Draft 2020-12) at type"),
        ("[1, 2]", "a JSON Schema must be a JSON object (or true/false)"),
        ('{"$schema": "http://json-schema.org/draft-07/schema#"}', "proglint applies JSON Schema Draft 2020-12"),
        ('{"x-proglint-code": "TEAM1"}', "'x-proglint-code' at / is 'TEAM1', which is not a registered proglint code"),
        ('{"properties": {"a": {"x-proglint-message": 3}}}', "'x-proglint-message' at /properties/a must be a string"),
    ],
)
def test_broken_team_schema_is_a_configuration_error(tmp_path, content, message):
    team = write(tmp_path, content)
    with pytest.raises(SchemaConfigError) as caught:
        check(doc(BASE), (team,))
    assert caught.value.path == team
    assert caught.value.message.startswith(message)
    assert str(caught.value) == f"{team}: {caught.value.message}"


def test_missing_team_schema_is_a_configuration_error(tmp_path):
    with pytest.raises(SchemaConfigError) as caught:
        check(doc(BASE), (tmp_path / "nope.json",))
    assert "cannot read the schema" in str(caught.value)


def test_unresolvable_reference_is_a_configuration_error(tmp_path):
    team = write(tmp_path, {"properties": {"front_matter": {"$ref": "https://example.invalid/other.json"}}})
    with pytest.raises(SchemaConfigError) as caught:
        check(doc(BASE), (team,))
    assert "cannot be resolved" in caught.value.message


def test_validators_are_built_once_and_rebuilt_when_the_file_changes(tmp_path):
    import os

    team = write(tmp_path, {"properties": {}})
    first = compiled(team)
    assert compiled(team) is first
    team.write_text(json.dumps({"properties": {"front_matter": {"minProperties": 100}}}), encoding="utf-8")
    stat = team.stat()
    os.utime(team, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    second = compiled(team)
    assert second is not first
    (d,) = check(doc(BASE), (team,))
    assert (d.code, d.message) == ("PL108", "the front matter must have at least 100 keys; found 9")


def test_an_edited_team_schema_applies_from_the_next_check(tmp_path):
    # as in an editor's session: the fast validator built for the file's first text must not answer
    # for its next one (same path, another time and size)
    import os

    team = write(tmp_path, {"properties": {}})
    assert check(doc(BASE), (team,)) == []
    team.write_text(json.dumps({"properties": {"front_matter": {"minProperties": 100}}}), encoding="utf-8")
    stat = team.stat()
    os.utime(team, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    (d,) = check(doc(BASE), (team,))
    assert (d.code, d.span.start_line, d.span.start_column, d.message) == (
        "PL108", 1, 1, "the front matter must have at least 100 keys; found 9")


def test_unevaluated_properties_each_key_with_the_team_message(tmp_path):
    team = write(tmp_path, {
        "properties": {"front_matter": {"$ref": "#/$defs/ours"}},
        "$defs": {"ours": {
            "properties": {"id": True, "program_title": True},
            "unevaluatedProperties": False,
            "x-proglint-message": "{key} is not a key our team uses",
        }},
    })
    result = check(doc(BASE), (team,))
    keys = [line.split(":")[0] for line in BASE.split("---\n")[1].splitlines()]
    expected = [k for k in keys if k not in ("id", "program_title")]
    assert [d.message for d in result] == [f"{k} is not a key our team uses" for k in expected]
    assert [place(d) for d in result] == [(line_of(BASE, k + ":"), 1, len(k) + 1) for k in expected]
    assert {d.code for d in result} == {"PL101"}


def test_dependent_required_names_the_key_that_needs_it(tmp_path):
    team = write(tmp_path, {"properties": {"front_matter": {"dependentRequired": {"cycle": ["pi_email"]}}}})
    (d,) = check(doc(BASE), (team,))
    assert (d.code, place(d)) == ("PL102", (1, 1, 4))
    assert d.message == "missing key 'pi_email' in the front matter, needed because 'cycle' is given"


def test_property_names_with_a_team_message(tmp_path):
    team = write(tmp_path, {"properties": {"front_matter": {
        "propertyNames": {"maxLength": 20, "x-proglint-message": "key {key} is too long for our database"},
    }}})
    result = check(doc(BASE), (team,))
    long_keys = [k for k in (line.split(":")[0] for line in BASE.split("---\n")[1].splitlines()) if len(k) > 20]
    assert [d.message for d in result] == [f"key {k} is too long for our database" for k in long_keys]
    assert [place(d) for d in result] == [(line_of(BASE, k + ":"), 1, len(k) + 1) for k in long_keys]


def test_recursive_team_schema(tmp_path):
    # a self-referencing schema is not inlined; it validates nested front matter
    team = write(tmp_path, {
        "properties": {"front_matter": {"properties": {"notes": {"$ref": "#/$defs/tree"}}}},
        "$defs": {"tree": {"type": ["object", "string"], "additionalProperties": {"$ref": "#/$defs/tree"}}},
    })
    text = BASE.replace('type: ""', 'type: ""\nnotes:\n  a:\n    b: 3')
    result = check(doc(text), (team,))
    program = [d for d in result if d.code == "PL101"]  # 'notes' is not a program key
    nested = [d for d in result if d.code == "PL104"]
    line = text.split("\n").index("    b: 3") + 1
    assert len(program) == 1 and len(nested) == 1
    assert place(nested[0]) == (line, 8, 9)
    assert nested[0].message == "notes.a.b must be a mapping of keys to values or text; found 3"


def test_memo_keeps_equal_values_of_different_types_apart():
    for value, expected in [("1", []), ("true", ["PL104"]), ("1", []), ("1.0", []), ("true", ["PL104"])]:
        text = BASE.replace('cycle: "0"', f"cycle: {value}")
        assert [d.code for d in check(doc(text))] == expected, value


def test_results_do_not_depend_on_what_was_checked_before():
    broken = BASE.replace("| 3            |", "| 3000         |").replace('cycle: "0"', "cycle: -9")
    first = check(doc(broken))
    for _ in range(3):
        check(doc(BASE))
        assert check(doc(broken)) == first
    assert [d.code for d in first] == ["PL106", "PL207"]


def test_team_schema_named_in_config_applies_through_the_cli(tmp_path):
    import json
    import subprocess
    import sys

    (tmp_path / "team.schema.json").write_text(json.dumps({
        "$schema": DRAFT,
        "properties": {"front_matter": {"properties": {"pi_and_co_pis": {
            "type": "string", "minLength": 1, "x-proglint-message": "name the PI and co-PIs in {key}"}}}},
    }))
    (tmp_path / "pyproject.toml").write_text('[tool.proglint]\nschemas = ["team.schema.json"]\n')
    (tmp_path / "docs").mkdir()
    document = tmp_path / "docs" / "p.txt"
    document.write_text(BASE)
    result = subprocess.run(
        [sys.executable, "-m", "proglint", str(document), "--format", "concise"], capture_output=True, text=True
    )
    line = line_of(BASE, "pi_and_co_pis:")
    column = BASE.split("\n")[line - 1].index('""') + 1
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{document}:{line}:{column}: error PL107 name the PI and co-PIs in pi_and_co_pis"
    ]
    isolated = subprocess.run([sys.executable, "-m", "proglint", str(document), "--isolated"], capture_output=True, text=True)
    assert isolated.returncode == 0


def test_broken_team_schema_is_exit_2(tmp_path):
    import subprocess
    import sys

    (tmp_path / "team.schema.json").write_text("{not json")
    (tmp_path / "proglint.toml").write_text('schemas = ["team.schema.json"]\n')
    document = tmp_path / "p.txt"
    document.write_text(BASE)
    result = subprocess.run([sys.executable, "-m", "proglint", str(document)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "team.schema.json" in result.stderr and "Traceback" not in result.stderr


def test_two_keys_sharing_one_subschema_are_each_reported_at_their_own_value(tmp_path):
    # the schema check remembers a value's errors per (subschema, value):
    # two keys whose subschema is one '$defs' entry, with the same bad
    # value, must each get a finding at their own value, not two at one
    team = write(tmp_path, {
        "$schema": DRAFT,
        "$defs": {"filled": {"type": "string", "minLength": 1}},
        "properties": {"front_matter": {"properties": {
            "pi_and_co_pis": {"$ref": "#/$defs/filled"},
            "type": {"$ref": "#/$defs/filled"},
        }}},
    })
    found = check(doc(BASE), (team,))
    lines = [line_of(BASE, "pi_and_co_pis:"), line_of(BASE, "type:")]
    columns = [BASE.split("\n")[line - 1].index('""') + 1 for line in lines]
    assert [(place(d), d.code, d.message) for d in found] == [
        ((lines[0], columns[0], columns[0] + 2), "PL107", "pi_and_co_pis must not be empty"),
        ((lines[1], columns[1], columns[1] + 2), "PL107", "type must not be empty"),
    ]


def test_an_any_of_error_repeated_on_every_row_is_placed_on_each_row(tmp_path):
    # an anyOf's error carries its alternatives' errors (its context), and
    # the finding is placed at the alternative that came closest (a string,
    # where the other wants an object); a remembered error handed to row
    # after row must bring its own context, or every row's finding is
    # placed through the first row's error (and they collapse into one)
    team = write(tmp_path, {
        "$schema": DRAFT,
        "properties": {"observations": {"items": {"properties": {"template": {
            "anyOf": [{"type": "string", "pattern": "^A"}, {"type": "object"}],
        }}}}},
    })
    rows = [n for n, line in enumerate(BASE.split("\n"), 1) if "| NIRCam Imaging " in line]
    column = BASE.split("\n")[rows[0] - 1].index("NIRCam Imaging") + 1
    found = check(doc(BASE), (team,))
    assert len(rows) == 10
    assert [(d.code, *place(d), d.message) for d in found] == [
        ("PL207", row, column, column + 14,
         'the Observing Template does not have the required form (the pattern ^A); found "NIRCam Imaging"')
        for row in rows
    ]
