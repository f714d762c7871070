"""rules/metadata.py (PL120-PL124): the behaviour mutation testing found
unpinned (benchmarks/mutation.py): whole-URL forms, ids compared as numbers,
titles compared exactly, which places a message says agree, and documents
missing a heading, an id or a URL (no rule may crash on them)."""

from __future__ import annotations

import pytest

from proglint.config import Config, Layer
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import column_of, line_of, seed_text

T = seed_text()  # id 4497 on line 2, heading on line 12, URL on line 13
URL = "https://www.stsci.edu/jwst/science-execution/program-information?id=4497"
OTHER_FORM = "https://www.stsci.edu/jwst-program-info/program/?program=4497"
HEADING = "# 4497 - CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)"
TITLE = "CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)"
CODES = ("PL120", "PL121", "PL122", "PL123", "PL124", "PL601", "PL602")


def found(text: str, *codes: str, path: str = "doc.txt") -> list[tuple]:
    """(code, line, column, end column, message) of the selected codes, and
    any crash (PL901, never filtered): a crash must not pass as silence."""
    config = Config(layers=(Layer(select=codes or CODES),), rule_time_budget=None)
    return [
        (d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message)
        for d in active(lint(Source.from_text(path, text), config))
    ]


def test_the_seed_is_clean():
    assert found(T) == []


# -- PL123: the whole URL has one of the forms ------------------------------------------


@pytest.mark.parametrize("tail", ["#top", "&x=1"])
def test_a_url_that_only_starts_with_a_form_is_reported(tail):
    text = T.replace(URL, URL + tail)
    assert found(text, "PL123") == [
        ("PL123", 13, 1, len(URL + tail) + 1,
         f"'{URL + tail}' is not an STScI program-information URL; write {URL} (or {OTHER_FORM})"),
    ]


def test_the_other_form_passes():
    assert found(T.replace(URL, OTHER_FORM), "PL123") == []


# -- PL121 / PL120: ids compared as numbers, messages that say who agrees -------------------


def test_a_zero_padded_url_id_is_the_same_program():
    assert found(T.replace("?id=4497", "?id=04497"), "PL121") == []


def test_a_url_id_one_off_is_reported_at_the_url_id():
    text = T.replace("?id=4497", "?id=4498")
    column = column_of(text, 13, "4498")
    assert found(text, "PL121") == [
        ("PL121", 13, column, column + 4,
         "the URL names program 4498 but the front matter's id on line 2 is 4497; make the URL's id 4497"),
    ]


def test_the_pl120_message_names_the_url_only_when_it_agrees():
    column = column_of(T, 12, "4497")
    disagreeing = T.replace("# 4497 - ", "# 4498 - ").replace("?id=4497", "?id=4499")
    assert found(disagreeing, "PL120") == [
        ("PL120", 12, column, column + 4,
         "the heading says 4498 but the front matter's id on line 2 is 4497; "
         "the heading, front matter and URL must name the same program"),
    ]
    agreeing = T.replace("# 4497 - ", "# 4498 - ")
    assert found(agreeing, "PL120") == [
        ("PL120", 12, column, column + 4,
         "the heading says 4498 but the front matter's id on line 2 is 4497 (the URL on line 13 also says 4497); "
         "the heading, front matter and URL must name the same program"),
    ]


def test_a_front_matter_id_outvoted_by_the_heading_url_and_file_name():
    text = T.replace("id: 4497", "id: 4479")
    column = column_of(text, 2, "4479")
    assert found(text, "PL120", path="4497.txt") == [
        ("PL120", 2, column, column + 4,
         "the front matter's id is 4479 but the heading, the URL and the file name say 4497; "
         "make the id 4497 (the heading, front matter and URL must name the same program)"),
    ]


def test_program_zero_written_two_ways_is_one_program():
    text = T.replace("id: 4497", "id: 0").replace("# 4497 - ", "# 00 - ").replace("?id=4497", "?id=000")
    assert found(text, "PL120", "PL121") == []


def test_the_heading_id_is_the_program_id_without_a_front_matter_id():
    text = T.replace("id: 4497\n", "")
    column = column_of(text, 11, "4497")
    assert found(text, "PL602", path="4498.txt") == [
        ("PL602", 11, column, column + 4,
         "the file name 4498.txt says program 4498 but this document's id is 4497; "
         "rename the file to 4497.txt or correct the id"),
    ]


# -- PL122: titles compared exactly -------------------------------------------------------------


def test_a_space_at_the_start_of_the_program_title_is_a_difference():
    text = T.replace(f'program_title: "{TITLE}"', f'program_title: " {TITLE}"')
    column = column_of(text, 12, TITLE)
    assert found(text, "PL122") == [
        ("PL122", 12, column, column + len(TITLE),
         f"the heading's title '{TITLE}' is not the front matter's program_title on line 9, ' {TITLE}' "
         "(they differ only in spacing); copy the title exactly"),
    ]


def test_a_title_differing_only_in_case():
    text = T.replace(f'program_title: "{TITLE}"', f'program_title: "{TITLE.upper()}"')
    column = column_of(text, 12, TITLE)
    assert found(text, "PL122") == [
        ("PL122", 12, column, column + len(TITLE),
         f"the heading's title '{TITLE}' is not the front matter's program_title on line 9, '{TITLE.upper()}' "
         "(they differ only in letter case); copy the title exactly"),
    ]


@pytest.mark.parametrize("blank", ['""', '"   "'])
def test_a_blank_program_title_is_the_schema_s_concern(blank):
    assert found(T.replace(f'program_title: "{TITLE}"', f"program_title: {blank}"), "PL122") == []


# -- PL124, and documents missing a heading, an id or a URL ----------------------------------------


def test_no_url_after_the_heading_names_the_url_to_add():
    text = T.replace(URL + "\n", "")
    assert found(text, "PL124") == [
        ("PL124", 12, 1, len(HEADING) + 1, f"no program URL after the heading; add {URL} on the line below it"),
    ]


def test_no_url_and_no_id_anywhere_says_id_placeholder():
    text = T.replace("id: 4497\n", "").replace("# 4497 - ", "# ").replace(URL + "\n", "")
    assert found(text, "PL124") == [
        ("PL124", 11, 1, len(HEADING) - 6, "no program URL after the heading; add "
         "https://www.stsci.edu/jwst/science-execution/program-information?id=<id> on the line below it"),
    ]


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace(HEADING + "\n", ""),  # no heading
        lambda t: t.replace(HEADING + "\n", "").replace(URL + "\n", ""),  # no heading, no URL: nothing to put PL124 on
        lambda t: t.replace("id: 4497\n", "").replace("# 4497 - ", "# "),  # no id but the URL's
        lambda t: t.replace("?id=4497", "?id="),  # a URL without an id
        lambda t: t.replace("id: 4497", "id: [4497]"),  # an id that is a list
        lambda t: t.replace("id: 4497", "id: {n: 4497}"),  # an id that is a mapping
    ],
)
def test_missing_pieces_crash_no_rule_and_are_left_to_the_parser_and_schema(change):
    assert [f for f in found(change(T)) if f[0] in ("PL120", "PL121", "PL124", "PL601", "PL602", "PL901")] == []


def related(text: str, code: str, path: str = "doc.txt") -> list[tuple]:
    config = Config(layers=(Layer(select=(code,)),), rule_time_budget=None)
    return [
        [(r.span.start_line, r.span.start_column, r.span.end_column, r.message) for r in d.related]
        for d in active(lint(Source.from_text(path, text), config))
    ]


def test_the_file_name_breaks_a_tie_and_a_disagreeing_url_is_not_named():
    # front matter 4479, heading 4497, URL 4498: a tie the front matter would
    # win, but the file name 4497.txt sides with the heading
    text = T.replace("id: 4497", "id: 4479").replace("?id=4497", "?id=4498")
    column = column_of(text, 2, "4479")
    head = column_of(text, 12, "4497")
    assert found(text, "PL120", path="4497.txt") == [
        ("PL120", 2, column, column + 4,
         "the front matter's id is 4479 but the heading and the file name say 4497; "
         "make the id 4497 (the heading, front matter and URL must name the same program)"),
    ]
    assert related(text, "PL120", path="4497.txt") == [[(12, head, head + 4, "the heading's id is 4497")]]
    # without the file name's vote the front matter wins the tie, and the heading is reported
    assert [f[:4] for f in found(text, "PL120", path="doc.txt")] == [("PL120", 12, head, head + 4)]


def test_pl121_points_at_the_id_it_agrees_with():
    text = T.replace("?id=4497", "?id=4498")
    column = column_of(text, 2, "4497")
    assert related(text, "PL121") == [[(2, column, column + 4, "the front matter's id is 4497")]]
    no_front_id = text.replace("id: 4497\n", "")
    head = column_of(no_front_id, 11, "4497")
    assert found(no_front_id, "PL121") == [
        ("PL121", 12, column_of(no_front_id, 12, "4498"), column_of(no_front_id, 12, "4498") + 4,
         "the URL names program 4498 but the heading on line 11 says 4497; make the URL's id 4497"),
    ]
    assert related(no_front_id, "PL121") == [[(11, head, head + 4, "the heading's id is 4497")]]


def test_pl122_points_at_the_program_title():
    text = T.replace(f"# 4497 - {TITLE}", "# 4497 - Another title")
    line = line_of(text, "program_title:")
    column = column_of(text, line, f'"{TITLE}"')
    assert related(text, "PL122") == [[(line, column, column + len(TITLE) + 2, "the front matter's program_title")]]


def test_a_malformed_url_in_a_document_without_ids_names_the_placeholder():
    text = T.replace("id: 4497\n", "").replace("# 4497 - ", "# ").replace("?id=4497", "?program=4497")
    bad = URL.replace("?id=4497", "?program=4497")
    assert found(text, "PL123") == [
        ("PL123", 12, 1, len(bad) + 1, f"'{bad}' is not an STScI program-information URL; write "
         "https://www.stsci.edu/jwst/science-execution/program-information?id=<id> "
         "(or https://www.stsci.edu/jwst-program-info/program/?program=<id>)"),
    ]


@pytest.mark.parametrize("change", [
    lambda t: t.replace(f'program_title: "{TITLE}"\n', ""),  # no program_title
    lambda t: t.replace(f'program_title: "{TITLE}"', "program_title:"),  # a null one
    lambda t: t.replace(f'program_title: "{TITLE}"', "program_title: [a, b]"),  # a list
])
def test_a_missing_or_odd_program_title_is_the_schema_s_concern(change):
    assert found(change(T), "PL122") == []


def test_a_third_url_form_is_offered_too(tmp_path):
    from conftest import findings as positioned

    team = tmp_path / "team-vocab.yaml"
    team.write_text('urls:\n  - "https://example.org/programs/{id}"\n')
    bad = URL.replace("?id=4497", "?program=4497")
    assert positioned(T.replace(URL, bad), "PL123", vocabulary=(team,)) == [
        (13, 1, len(bad) + 1, f"'{bad}' is not an STScI program-information URL; write {URL} (or {OTHER_FORM}) "
         "(or https://example.org/programs/4497)"),
    ]


def test_pl120_on_the_front_matter_covers_the_file_name_finding_on_the_same_id():
    text = T.replace("id: 4497", "id: 4479")
    assert [f[0] for f in found(text, "PL120", "PL602", path="4497.txt")] == ["PL120"]
    assert [f[0] for f in found(text, "PL602", path="4497.txt")] == ["PL602"]  # alone, PL602 reports it
