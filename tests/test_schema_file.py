"""The program schema as a file: valid Draft 2020-12, self-describing, and
satisfied by every real document; the codes it reports under."""

import json
import re

import pytest
from jsonschema import Draft202012Validator

from proglint.meta import CheckInfo
from proglint.parse import problems
from proglint.resources import schema_path
from proglint.schema import check, codes, load_program_schema, program_schema_path, program_schema_text
from proglint.schema.to_json import to_json
from proglint.source import Source

from conftest import ROOT, SEED_PATHS, doc

SCHEMA_FILE = ROOT / "schemas" / "program.schema.json"


def test_the_schema_is_valid_draft_2020_12():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_shipped_schema_is_the_one_loaded_and_printed():
    assert program_schema_path().resolve() == schema_path("program.schema.json").resolve()
    assert program_schema_text() == SCHEMA_FILE.read_text(encoding="utf-8")
    assert load_program_schema() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    mine = load_program_schema()
    mine["title"] = "changed"
    assert load_program_schema()["title"] != "changed"  # a fresh copy each time


def _subschemas(node, where="#"):
    """Every (json pointer, property schema) under `properties` and `$defs`."""
    if isinstance(node, dict):
        for keyword in ("properties", "$defs"):
            for name, sub in (node.get(keyword) or {}).items():
                yield f"{where}/{keyword}/{name}", sub
        for key, value in node.items():
            yield from _subschemas(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _subschemas(value, f"{where}/{i}")


def test_every_property_has_a_description():
    schema = load_program_schema()
    assert schema.get("description")
    missing = [where for where, sub in _subschemas(schema) if isinstance(sub, dict) and not sub.get("description")]
    assert missing == []


def test_the_description_documents_the_json_form():
    text = load_program_schema()["description"]
    for word in ("front_matter", "heading", "url", "sections", "observations", "YAML 1.2", "x-proglint-code"):
        assert word in text


def test_the_front_matter_requires_the_nine_keys_of_the_seeds():
    schema = load_program_schema()["properties"]["front_matter"]
    for path in SEED_PATHS:
        front = to_json(doc(path.read_text(encoding="utf-8")))[0]["front_matter"]
        assert sorted(front) == sorted(schema["required"]) == sorted(schema["properties"])
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
def test_every_seed_json_validates_against_the_schema(path):
    instance, _ = to_json(doc(path.read_text(encoding="utf-8")))
    validator = Draft202012Validator(load_program_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(instance)] == []
    json.dumps(instance)  # plain JSON


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
def test_seeds_give_no_schema_diagnostics(path):
    assert check(doc(path.read_text(encoding="utf-8"), str(path))) == []


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
def test_seeds_read_from_disk_give_none_either(path):
    from proglint.parse import parse

    assert check(parse(Source.read(path))) == []


def test_annotations_name_registered_codes():
    text = SCHEMA_FILE.read_text(encoding="utf-8")
    used = set(re.findall(r'"x-proglint-code": "([A-Z0-9]+)"', text))
    assert used == {"PL110", "PL310"}
    assert all(code in codes.BY_CODE for code in used)


# -- codes ----------------------------------------------------------------------


def test_codes_are_unique_and_do_not_clash_with_the_parser():
    all_codes = [info.code for info in codes.ALL]
    assert len(all_codes) == len(set(all_codes))
    assert not set(all_codes) & {info.code for info in problems.ALL}
    names = [info.name for info in codes.ALL]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("info", codes.ALL, ids=lambda i: i.code)
def test_each_code_is_documented(info):
    assert isinstance(info, CheckInfo)
    assert re.fullmatch(r"PL(0[5]|[123]\d)\d", info.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", info.name)
    assert info.summary.endswith(".")
    assert "**What it does.**" in info.documentation
    assert "**Why it matters.**" in info.documentation
    assert "Fails" in info.documentation and "Passes" in info.documentation


def test_the_area_kind_grid():
    assert codes.for_error("front_matter", 1).name == "front-matter-unknown-key"
    assert codes.for_error("front_matter", 2).code == "PL102"
    assert codes.for_error("observations", 4).code == "PL204"
    assert codes.for_error("observations", 7).name == "observation-bad-format"
    assert codes.for_error("target", 7).name == "target-bad-format"
    assert codes.for_error("target", 7).code == "PL307"
    assert codes.for_error("document", 7).code == "PL057"
    # cells are text: no numeric ranges outside the front matter
    assert codes.for_error("observations", 6).code == "PL209"
    assert "PL206" not in codes.BY_CODE and "PL306" not in codes.BY_CODE and "PL056" not in codes.BY_CODE
    assert codes.UNKNOWN_PROPOSAL_TYPE.severity.value == "warning"
    assert codes.TARGET_NAME_APT.severity.value == "warning"
    errors = [i for i in codes.ALL if i not in (codes.UNKNOWN_PROPOSAL_TYPE, codes.TARGET_NAME_APT)]
    assert {i.severity.value for i in errors} == {"error"}
