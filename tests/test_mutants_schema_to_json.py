"""schema/to_json.py: the public JSON form and the place of each value, for
the edges mutation testing (benchmarks/mutation.py) found unpinned.  The
index a schema finding is placed by (``RowSpanIndex``, built row by row as
findings ask) must hold what the whole span index holds, for documents of
every shape; the places are also asserted through team-schema findings at
line, column, end column and message."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proglint.schema.to_json import Located, RowSpanIndex, json_form, span_index, to_json
from proglint.span import Span

from conftest import SEED_PATHS, doc
from team_schema import BASE, ROW_LINES, TITLE, at, findings, rows, targets

FIRST_ROW = "|            | 1            | FGS-1, GS#1  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"


def first_row(new: str) -> str:
    assert BASE.count(FIRST_ROW) == 1
    return BASE.replace(FIRST_ROW, new)


SHAPES = [
    BASE,
    first_row("| Science | 1 | L | T | NONE |"),
    first_row("| Science | 1 | L | T | 1) X |"),
    first_row("| Science | 1 | L | T | (1) |"),
    first_row("| Science | 1 | L | T | (abc) X |"),
    first_row("| Science | 1 | L | T |  |"),
    first_row("| Science | 1 | L |"),
    first_row("| Science |"),
    first_row("|  |  |  |  |  |"),
    BASE.replace("## ABSTRACT", "##"),
    BASE.replace("?id=1071", ""),
    BASE.replace("# 1071 - ", "# "),
    BASE.replace('type: ""', 'type: ""\n? [a, b]\n: 1\nnotes:\n  - a\n  - {b: [1, 2]}'),
    "---\n---\n# 1 - T\n",
    "plain text\n",
    "",
]


def check_lazy_index(text: str) -> None:
    document = doc(text)
    whole = span_index(document)
    for order in (list(whole), list(reversed(whole))):
        lazy = RowSpanIndex(document)
        for path in order:
            assert lazy.get(path) == whole[path], path
    lazy = RowSpanIndex(document)
    count = len(document.table.rows) if document.table is not None else 0
    missing = Located(None, Span.point(9, 9))
    for position in range(count):
        for rest in (("nope",), ("target", "ra"), ("target", "text", "more"), ("number", "more"), ("folder", "x"),
                     ("target", "number"), ("target", "name"), ("folder",), ("template",), ("target",)):
            path = ("observations", position, *rest)
            if path not in whole:
                assert lazy.get(path) is None, path
                assert lazy.get(path, missing) is missing, path
    for path in (("observations", count), ("observations", -1), ("observations", "0"), ("observations", count, "number")):
        assert lazy.get(path) is None and lazy.get(path, missing) is missing, path


@pytest.mark.parametrize("text", SHAPES + [p.read_text(encoding="utf-8") for p in SEED_PATHS[:12]])
def test_the_index_made_row_by_row_holds_the_whole_index(text):
    check_lazy_index(text)
    assert to_json(doc(text)) == (json_form(doc(text)), span_index(doc(text)))


CELLS = st.sampled_from(["", " ", "1", "(1) X", "NONE", "1) X", "(x)", "Science", "(2)WASP-39", "a b"])


@given(st.lists(st.lists(CELLS, min_size=0, max_size=6), min_size=1, max_size=4))
def test_the_index_made_row_by_row_holds_the_whole_index_for_any_table(table):
    lines = ["| " + " | ".join(cells) + " |" if cells else "|" for cells in table]
    check_lazy_index(first_row("\n".join(lines)))


# -- the places, through findings -------------------------------------------------------


def test_a_blank_folder_cell_is_the_space_between_its_pipes(tmp_path):
    line = ROW_LINES[0]
    assert findings(tmp_path, rows({"properties": {"folder": {"type": "string"}}}), first_row("|  | 1 | L | T | NONE |"))[:1] == [
        ("PL204", line, 2, 4, "the folder must be text; found nothing"),
    ]


def test_an_effective_folder_is_the_cell_that_named_it(tmp_path):
    text = first_row("| Sci | 1 | L | T | NONE |")
    line = ROW_LINES[0]
    got = findings(tmp_path, rows({"properties": {"folder": {"const": "Science"}}}), text)
    # every row is in the folder the first row named: each finding is at that cell, so they are one
    assert got == [("PL205", line, 3, 6, 'the folder must be "Science"; found "Sci"')]
    named = findings(tmp_path, rows({"properties": {"folder": {"const": "Science"}}}), first_row("| Science | 1 | L | T | NONE |"))
    assert named == []


def test_a_blank_target_cell_and_a_short_row(tmp_path):
    line = ROW_LINES[0]
    text = first_row("| S | 1 | L | T |   |")
    assert findings(tmp_path, targets({"properties": {"text": {"minLength": 1}}}), text) == [
        ("PL307", line, 18, 21, "the Science Target must not be empty"),
        ("PL307", line, 18, 21, "the Science Target must read '(N) NAME', with N a whole number from 1 to 999, "
                                "or 'NONE'; found nothing"),  # the program schema's
    ]
    short = first_row("| S | 1 | L |")
    assert findings(tmp_path, rows({"required": ["folder"], "properties": {"template": {"type": "string"}}}), short) == [
        ("PL204", line, 1, 14, "the Observing Template must be text; found nothing"),
    ]


def test_the_number_and_name_of_a_target(tmp_path):
    line = ROW_LINES[0]
    text = first_row("| S | 1 | L | T | (12) AB |")
    rule = targets({"properties": {"number": {"not": {"const": "12"}}, "name": {"not": {"const": "AB"}}}})
    assert findings(tmp_path, rule, text) == [
        ("PL305", line, 20, 22, 'the target number may not be "12"'),
        ("PL305", line, 24, 26, 'the target name may not be "AB"'),
    ]
    assert findings(tmp_path, rule) == []


def test_a_section_title_and_a_bare_section_line(tmp_path):
    rule = {"properties": {"sections": {"items": {"minLength": 2}}}}
    text = BASE.replace("## ABSTRACT", "##")
    line, _, _ = at("OBSERVING DESCRIPTION")
    bare = text.split("\n").index("##") + 1
    assert findings(tmp_path, rule, text) == [("PL057", bare, 1, 3, "the section title must be at least 2 characters long; found nothing")]
    assert findings(tmp_path, rule) == []


def test_the_url_without_an_id_and_the_heading_without_one(tmp_path):
    url_line, url_start, url_end = at("https://")[0], 1, len(BASE.split("\n")[at("https://")[0] - 1]) + 1
    rule = {"properties": {"url": {"properties": {"program_id": {"type": "string"}}}}}
    text = BASE.replace("?id=1071", "")
    assert findings(tmp_path, rule, text) == [
        ("PL054", url_line, url_start, url_end - len("?id=1071"), "the program ID in the URL must be text; found nothing"),
    ]
    assert findings(tmp_path, rule) == []
    heading = {"properties": {"heading": {"properties": {"id": {"type": "string"}}}}}
    no_id = BASE.replace("# 1071 - ", "# ")
    line = no_id.split("\n").index("# NIRCam Absolute FGS-NIRCam Alignment") + 1
    assert findings(tmp_path, heading, no_id)[-1:] == [
        ("PL054", line, 1, 1 + len("# NIRCam Absolute FGS-NIRCam Alignment"), "the heading's program ID must be text; found nothing"),
    ]


def test_a_complex_key_is_its_text_as_written(tmp_path):
    text = BASE.replace('type: ""', 'type: ""\n? [a, b]\n: 1')
    assert json_form(doc(text))["front_matter"]["[a, b]"] == 1
    rule = {"properties": {"front_matter": {"properties": {"[a, b]": {"maximum": 0}}}}}
    line = text.split("\n").index(": 1") + 1
    assert [f for f in findings(tmp_path, rule, text) if f[0] == "PL106"] == [
        ("PL106", line, 3, 4, "[a, b] must be at most 0; found 1"),
    ]


def test_an_item_of_a_front_matter_list_is_its_own_place(tmp_path):
    text = BASE.replace('type: ""', 'type: ""\nnotes:\n  - a\n  - bb\nflow: [c, dd]')
    rule = {"properties": {"front_matter": {"properties": {"notes": {"items": {"maxLength": 1}}, "flow": {"items": {"maxLength": 1}}}}}}
    block, flow = text.split("\n").index("  - bb") + 1, text.split("\n").index("flow: [c, dd]") + 1
    assert [f for f in findings(tmp_path, rule, text) if f[0] == "PL107"] == [
        ("PL107", block, 5, 7, 'notes[1] must be at most 1 character long; found "bb"'),
        ("PL107", flow, 11, 13, 'flow[1] must be at most 1 character long; found "dd"'),
    ]
    assert [f for f in findings(tmp_path, rule, text.replace("bb", "b").replace("dd", "d")) if f[0] == "PL107"] == []


def test_a_complex_key_inside_a_nested_mapping_or_a_list_is_its_text_as_written():
    text = BASE.replace('type: ""', 'type: ""\nnested:\n  ? [a, b]\n  : 1\nlisted:\n  - {[c]: 2}')
    front = json_form(doc(text))["front_matter"]
    assert (front["nested"], front["listed"]) == ({"[a, b]": 1}, [{"[c]": 2}])


def test_the_keys_after_a_repeated_key_are_kept(tmp_path):
    # the first 'id' wins (PL103 reports the second); the keys after it are read as usual
    text = BASE.replace('type: ""', 'type: ""\nid: 9\nlast: 3')
    front = json_form(doc(text))["front_matter"]
    assert (front["id"], front["last"], list(front)[-1]) == (1071, 3, "last")
    rule = {"properties": {"front_matter": {"properties": {"last": {"maximum": 2}}}}}
    line = text.split("\n").index("last: 3") + 1
    assert [f for f in findings(tmp_path, rule, text) if f[0] == "PL106"] == [("PL106", line, 7, 8, "last must be at most 2; found 3")]


OUTSIDE_ROWS = [(), ("front_matter",), ("front_matter", "id"), ("heading",), ("heading", "id"), ("heading", "title"),
                ("url",), ("url", "text"), ("url", "program_id"), ("sections",), ("sections", 0), ("observations",)]


@pytest.mark.parametrize("text", SHAPES)
def test_the_whole_index_and_the_row_by_row_one_agree_outside_the_rows(text):
    document = doc(text)
    whole, lazy = span_index(document), RowSpanIndex(document)
    assert [whole.get(path) for path in OUTSIDE_ROWS] == [lazy.get(path) for path in OUTSIDE_ROWS]


def test_the_whole_index_holds_the_heading_and_its_parts():
    line, column, end = at(TITLE, "# ")
    whole = span_index(doc(BASE))
    assert (whole[("heading",)], whole[("heading", "id")], whole[("heading", "title")]) == (
        Located(None, Span.on_line(line, 1, end)), Located(None, Span.on_line(line, 3, 7)),
        Located(None, Span.on_line(line, column, end)))


def test_the_whole_index_holds_the_url_its_text_and_its_program_id():
    line = at("https://")[0]
    url = BASE.split("\n")[line - 1]
    whole = span_index(doc(BASE))
    assert (whole[("url",)], whole[("url", "text")], whole[("url", "program_id")]) == (
        Located(None, Span.on_line(line, 1, len(url) + 1)), Located(None, Span.on_line(line, 1, len(url) + 1)),
        Located(None, Span.on_line(line, url.index("1071") + 1, url.index("1071") + 5)))
