"""The public JSON form of a document and its span index."""

import json

import pytest

from proglint.document import YamlScalar
from proglint.schema.to_json import Located, scalar_value, to_json
from proglint.span import Span

from conftest import SEEDS, USER_SEED, doc

BASE = (SEEDS / "1071.txt").read_text(encoding="utf-8")


def scalar(text, style=""):
    return scalar_value(YamlScalar(text, style, Span.point(1, 1)))


@pytest.mark.parametrize(
    "text, value",
    [
        ("", None), ("~", None), ("null", None), ("Null", None), ("NULL", None),
        ("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False),
        ("0", 0), ("12", 12), ("012", 12), ("-3", -3), ("+7", 7), ("0o17", 15), ("0x1F", 31),
        ("1.5", 1.5), (".5", 0.5), ("1e3", 1000.0), ("-2.5E-1", -0.25), ("5.", 5.0),
        # YAML 1.1 words and everything else stay text
        ("no", "no"), ("yes", "yes"), ("on", "on"), ("nULL", "nULL"), ("tRue", "tRue"),
        ("0b101", "0b101"), ("1_000", "1_000"), ("0x", "0x"), ("two", "two"), ("1e999", "1e999"),
        # JSON has no infinity and no NaN
        (".inf", ".inf"), ("-.Inf", "-.Inf"), (".NaN", ".NaN"),
    ],
)
def test_plain_scalars_are_typed_by_the_yaml_1_2_core_schema(text, value):
    result = scalar(text)
    assert result == value and type(result) is type(value)


@pytest.mark.parametrize("style", ['"', "'", "|", ">"])
@pytest.mark.parametrize("text", ["0", "true", "null", "", "1.5"])
def test_quoted_and_block_scalars_stay_text(style, text):
    assert scalar(text, style) == text


def test_huge_integers_stay_text():
    digits = "9" * 5000
    assert scalar(digits) == digits


def test_the_user_seed_as_json():
    instance, index = to_json(doc(USER_SEED.read_text(encoding="utf-8")))
    assert list(instance) == ["front_matter", "heading", "url", "sections", "observations"]
    assert instance["front_matter"]["id"] == 4497
    assert instance["front_matter"]["cycle"] == ""
    assert instance["front_matter"]["program_title"] == "CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)"
    assert instance["heading"] == {"id": "4497", "title": "CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)"}
    assert instance["url"] == {
        "text": "https://www.stsci.edu/jwst/science-execution/program-information?id=4497",
        "program_id": "4497",
    }
    assert instance["sections"][0] == "OBSERVATIONS TABLE"
    first, second = instance["observations"][:2]
    assert first == {
        "folder": "GD153", "number": "1", "label": "MIRI Imaging", "template": "MIRI imaging",
        "target": {"text": "(1) GD153", "number": "1", "name": "GD153"},
    }
    assert second["folder"] == "GD153"  # a blank Folder cell continues the folder above
    json.dumps(instance)


def test_span_index_of_the_front_matter():
    text = BASE
    instance, index = to_json(doc(text))
    lines = text.split("\n")
    assert index[("front_matter",)] == Located(None, Span(1, 1, 1, 4))
    line = lines.index('cycle: "0"') + 1
    assert index[("front_matter", "cycle")] == Located(Span(line, 1, line, 6), Span(line, 8, line, 11))
    assert instance["front_matter"]["cycle"] == "0"


def test_span_index_of_rows_cells_and_targets():
    text = BASE
    instance, index = to_json(doc(text))
    lines = text.split("\n")
    line = next(n for n, l in enumerate(lines, 1) if "| 3  " in l)
    row = lines[line - 1]
    position = line - next(n for n, l in enumerate(lines, 1) if "| 1  " in l)
    path = ("observations", position)
    assert index[path].value == Span(line, 1, line, len(row) + 1)
    assert instance["observations"][position]["number"] == "3"
    column = row.index("| 3 ") + 3
    assert index[path + ("number",)].value == Span(line, column, line, column + 1)
    target = row.index("(1) LMC-ASTROMETRIC") + 1
    assert index[path + ("target",)].value == Span(line, target, line, target + len("(1) LMC-ASTROMETRIC"))
    assert index[path + ("target", "number")].value == Span(line, target + 1, line, target + 2)
    assert index[path + ("target", "name")].value == Span(line, target + 4, line, target + 4 + len("LMC-ASTROMETRIC"))
    # no folder at all: null, pointing at the blank cell between the pipes
    assert instance["observations"][position]["folder"] is None
    assert index[path + ("folder",)].value == Span(line, 2, line, row.index("|", 1) + 1)


@pytest.mark.parametrize(
    "cell, number, name",
    [("NONE", None, None), ("1) X", None, None), ("(1)", None, None), ("(abc) X", "abc", "X"), ("(2)WASP-39", "2", "WASP-39")],
)
def test_targets_as_json(cell, number, name):
    text = BASE.replace("(1) LMC-ASTROMETRIC  |\n|            | 2", f"{cell}  |\n|            | 2", 1)
    instance, _ = to_json(doc(text))
    assert instance["observations"][0]["target"] == {"text": cell, "number": number, "name": name}


def test_short_rows_have_null_cells():
    text = BASE.replace("| FGS-1, GS#1  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |", "| FGS-1, GS#1  |", 1)
    instance, _ = to_json(doc(text))
    row = instance["observations"][0]
    assert row == {"folder": None, "number": "1", "label": "FGS-1, GS#1", "template": None, "target": None}


def test_duplicate_keys_keep_the_first_value_and_its_span():
    text = BASE.replace('type: ""', 'type: ""\ncycle: "4"')
    instance, index = to_json(doc(text))
    assert instance["front_matter"]["cycle"] == "0"
    assert index[("front_matter", "cycle")].key.start_line == text.split("\n").index('cycle: "0"') + 1


def test_nested_values_and_their_spans():
    text = BASE.replace('type: ""', 'type: ""\nnotes:\n  - a\n  - {b: 2}')
    instance, index = to_json(doc(text))
    assert instance["front_matter"]["notes"] == ["a", {"b": 2}]
    line = text.split("\n").index("  - {b: 2}") + 1
    assert index[("front_matter", "notes", 1, "b")].value == Span(line, 9, line, 10)


def test_no_front_matter_heading_url_or_table():
    instance, index = to_json(doc("just text\n"))
    assert instance == {"front_matter": None, "heading": None, "url": None, "sections": [], "observations": []}
    assert index[()] == Located(None, Span(1, 1, 1, 10))


@pytest.mark.parametrize(
    "text",
    [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    + [
        BASE.replace("(1) LMC-ASTROMETRIC  |\n|            | 2", "NONE |\n|            | 2", 1),
        BASE.replace("| FGS-1, GS#1  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |", "| FGS-1, GS#1  |", 1),
        BASE.replace("(1) LMC-ASTROMETRIC  |\n|            | 2", "(1) |\n|            | 2", 1),
        "just text\n",
    ],
)
def test_the_json_form_alone_is_the_same_json(text):
    from proglint.schema.to_json import json_form, span_index

    document = doc(text)
    assert json_form(document) == to_json(document)[0]
    assert span_index(document) == to_json(document)[1]
