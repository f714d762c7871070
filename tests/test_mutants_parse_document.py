"""How proglint.parse puts the document together, edges mutation testing
found unpinned (benchmarks/mutation.py): PL001's two messages and what it
covers, where the table is looked for when the OBSERVATIONS TABLE section
is missing or empty (and where it, or a header without outer pipes, is not:
in code, before the section), where PL008 stands, where the URL is looked
for, and the None the model holds for a part the document lacks."""

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


# -- what the model holds when a part is missing, and where the URL and a pipeless header are looked for --

URL = "https://www.stsci.edu/jwst/science-execution/program-information?id=1071"
PIPELESS_HEADER = "Folder | Observation | Label | Observing Template | Science Target"


def test_a_document_without_front_matter_or_heading_has_none_of_them():
    text = GOOD.split("---\n", 2)[2].replace("# 1071 - Alignment\n", "")
    document = doc(text)
    assert (document.front_matter, document.heading, document.url) == (None, None, None)
    assert [(p.code, *p.span) for p in document.problems] == [("PL003", 1, 1, 1, len(URL) + 1), ("PL006", 1, 1, 1, 1)]


def test_the_url_on_the_last_line_of_the_file_is_read():
    # the title is the last heading: the URL is looked for up to the end of the file
    text = "---\nid: 1071\n---\n# 1071 - Alignment\n" + URL
    url = doc(text).url
    assert (url.text.value, *url.text.span) == (URL, 5, 1, 5, len(URL) + 1)
    assert (url.program_id.value, *url.program_id.span) == ("1071", 5, len(URL) - 3, 5, len(URL) + 1)


def test_a_url_on_a_line_too_long_to_read_is_not_the_programs_url():
    long_url = URL + "&x=" + "y" * 200
    text = GOOD.replace(URL, long_url)
    document = parse(Source.from_text("x.txt", text), max_line_length=100)
    assert document.url is None
    assert [(p.code, *p.span) for p in document.problems] == [("PL015", 6, 101, 6, 101)]
    assert parse(Source.from_text("x.txt", text), max_line_length=300).url.text.value == long_url  # the near miss


def test_a_pipeless_header_in_a_code_block_of_the_section_is_not_the_table():
    text = GOOD.replace("## OBSERVATIONS TABLE\n\n", f"## OBSERVATIONS TABLE\n```\n{PIPELESS_HEADER}\n```\n")
    document = doc(text)
    assert document.problems == ()
    assert (document.table.header_line, [r.line for r in document.observations]) == (11, [13, 14])


def test_a_pipeless_header_before_the_observations_heading_is_not_the_table():
    text = GOOD.replace("## OBSERVATIONS TABLE\n", f"{PIPELESS_HEADER}\n## OBSERVATIONS TABLE\n")
    document = doc(text)
    assert document.problems == ()
    assert (document.table.header_line, [r.line for r in document.observations]) == (10, [12, 13])


def test_a_pipeless_header_right_under_the_observations_heading_is_found():
    text = GOOD.split("| Folder")[0].replace("## OBSERVATIONS TABLE\n\n", "## OBSERVATIONS TABLE\n") + (
        f"{PIPELESS_HEADER}\n:--- | :--- | :--- | :--- | :---\nF | 1 | a | NIRCam Imaging | (1) LMC\n\n## ABSTRACT\n")
    (header, row) = doc(text).problems
    assert (header.code, *header.span) == ("PL009", 8, 1, 8, len(PIPELESS_HEADER) + 1)
    assert header.message.startswith("the observations table (lines 8-10) has no outer pipes")
    assert (row.code, *row.span) == ("PL012", 10, len("F | 1 | a | NIRCam Imaging | (1) LMC") + 1,
                                     10, len("F | 1 | a | NIRCam Imaging | (1) LMC") + 1)


def test_a_pipe_line_in_a_code_block_of_the_section_is_not_the_table():
    text = GOOD.replace("## OBSERVATIONS TABLE\n\n", "## OBSERVATIONS TABLE\n```\n| x |\n```\n")
    document = doc(text)
    assert document.problems == ()
    assert (document.table.header_line, [r.line for r in document.observations]) == (11, [13, 14])


def test_a_pipe_line_just_before_the_observations_heading_is_not_the_table():
    text = GOOD.replace("## OBSERVATIONS TABLE\n", "| x |\n## OBSERVATIONS TABLE\n")
    document = doc(text)
    assert document.problems == ()
    assert (document.table.header_line, [r.line for r in document.observations]) == (10, [12, 13])


def test_a_table_right_under_the_observations_heading_is_read_from_its_header():
    text = GOOD.replace("## OBSERVATIONS TABLE\n\n", "## OBSERVATIONS TABLE\n")
    document = doc(text)
    assert document.problems == ()
    assert (document.table.header_line, [r.line for r in document.observations]) == (8, [10, 11])


def test_without_the_section_a_pipe_line_in_a_code_block_is_not_the_table():
    text = GOOD.replace("## OBSERVATIONS TABLE\n", "```\n| x |\n```\n")
    document = doc(text)
    assert document.problems == ()
    assert (document.table.header_line, [r.line for r in document.observations]) == (11, [13, 14])


def test_without_the_section_a_row_after_a_blank_line_just_before_the_next_heading_is_read():
    row3 = "|        | 3           | c     | NIRCam Imaging     | (1) LMC        |"
    text = GOOD.replace("## OBSERVATIONS TABLE\n", "").replace("\n\n## ABSTRACT", f"\n\n{row3}\n## ABSTRACT")
    document = doc(text)
    assert [(p.code, *p.span, p.message) for p in document.problems] == [
        ("PL012", 13, 1, 13, len(row3) + 1, "this row comes after the blank line 12, which ends the table in markdown; "
         "remove the blank line so the row is part of the table"),
    ]
    assert [r.number.value for r in document.observations] == ["1", "2", "3"]


def test_a_document_without_a_table_has_none():
    text = GOOD.split("| Folder")[0]
    assert doc(text).table is None


def test_pl008_without_a_section_stands_at_the_heading_even_after_a_blank_line():
    text = GOOD.split("| Folder")[0].replace("## OBSERVATIONS TABLE\n", "").replace("---\n# 1071", "---\n\n# 1071")
    assert [(p.code, *p.span, p.message) for p in doc(text).problems] == [("PL008", 6, 1, 6, 1, NO_TABLE)]
