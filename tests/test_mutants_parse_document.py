"""How proglint.parse puts the document together, edges mutation testing
found unpinned (benchmarks/mutation.py): PL001's two messages and what it
covers, where the table is looked for when the OBSERVATIONS TABLE section
is missing or empty, where PL008 stands, and where the URL is looked for."""

from __future__ import annotations

from proglint.parse import parse
from proglint.source import Source
from proglint.span import Span

from conftest import doc

from test_parse_problems import GOOD

NO_TABLE = ("no observations table: add '| Folder | Observation | Label | Observing Template | Science Target |' "
            "under '## OBSERVATIONS TABLE'")
LINES = len(GOOD.split("\n"))  # 17: the empty line after the final newline counts


def test_a_utf16_file_is_one_finding_covering_the_whole_file():
    document = parse(Source.from_bytes("x.txt", GOOD.encode("utf-16")))
    first = document.problems[0]
    assert (first.code, *first.span, first.message) == (
        "PL001", 1, 1, 1, 2, "the file is UTF-16 (it starts with a UTF-16 byte-order mark); re-save it as UTF-8")
    assert first.covers == (Span(1, 1, LINES + 1, 1),)


def test_a_byte_that_is_not_utf8_is_named_with_its_offset_and_covers_the_whole_file():
    data = GOOD.replace("| a     |", "| \xe9     |").encode("latin-1")
    (problem,) = parse(Source.from_bytes("x.txt", data)).problems
    offset = data.index(bytes([0xE9]))
    assert problem.message == f"byte 0xE9 at offset {offset} is not UTF-8; re-save the file as UTF-8"
    assert problem.covers == (Span(1, 1, LINES + 1, 1),)


def test_without_an_observations_table_section_the_first_table_of_the_body_is_read():
    text = GOOD.replace("## OBSERVATIONS TABLE\n", "")
    assert doc(text).problems == ()
    assert (doc(text).table.header_line, [r.line for r in doc(text).observations]) == (8, [10, 11])


def test_an_empty_observations_table_section_sends_the_search_through_the_body():
    text = GOOD.replace("## OBSERVATIONS TABLE\n", "## OBSERVATIONS TABLE\n\n## NOTES\n")
    assert doc(text).problems == ()
    assert doc(text).table.header_line == 11


def test_the_section_title_is_matched_without_regard_to_case():
    text = GOOD.replace("## OBSERVATIONS TABLE\n", "| x |\n\n## Observations Table\n")
    # the section's table is the one read, not the '| x |' line before it
    assert doc(text).table.header_line == 11


def test_pl008_stands_at_the_section_the_heading_or_the_start_of_the_body():
    without_rows = GOOD.split("| Folder")[0]
    assert [(p.code, *p.span, p.message) for p in doc(without_rows).problems] == [("PL008", 7, 1, 7, 1, NO_TABLE)]
    no_section = without_rows.replace("## OBSERVATIONS TABLE\n", "")
    assert [(p.code, *p.span) for p in doc(no_section).problems] == [("PL008", 5, 1, 5, 1)]  # the heading
    no_heading = no_section.replace("# 1071 - Alignment\n", "")
    assert [(p.code, *p.span) for p in doc(no_heading).problems] == [("PL006", 5, 1, 5, 1), ("PL008", 5, 1, 5, 1)]
    assert [(p.code, *p.span) for p in doc("---\n---").problems] == [("PL006", 2, 1, 2, 1), ("PL008", 2, 1, 2, 1)]


def test_the_url_is_looked_for_before_the_next_heading_only():
    text = GOOD.replace("https://www.stsci.edu/jwst/science-execution/program-information?id=1071\n", "")
    text = text.replace("## OBSERVATIONS TABLE\n", "## OBSERVATIONS TABLE\nhttps://example.org/?id=1\n")
    assert doc(text).url is None
