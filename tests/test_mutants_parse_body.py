"""The markdown around the table, edges mutation testing found unpinned
(benchmarks/mutation.py): heading texts with closing hashes, headings after
lines that are none, the heading's spans and PL006/PL007 messages, and
where the program URL is looked for."""

from __future__ import annotations

import pytest

from proglint.span import Span

from conftest import doc

from test_parse_problems import GOOD

HEADING = "# 1071 - Alignment"  # line 5
URL = "https://www.stsci.edu/jwst/science-execution/program-information?id=1071"  # line 6


def problems(text: str) -> list[tuple]:
    return [(p.code, *p.span, p.message) for p in doc(text).problems]


@pytest.mark.parametrize("written, title", [
    ("### X-RAY BOX", "X-RAY BOX"),
    ("### AB ##", "AB"),  # a closing sequence after a space is no part of the title
    ("### ABX #", "ABX"),
    ("### ABC X#", "ABC X#"),  # a '#' right after the text is
    ("### ABX#", "ABX#"),
    ("### AB\u00a0 #", "AB\u00a0"),  # only spaces and tabs go with the closing sequence
    ("###\tTabbed\t", "Tabbed"),
])
def test_the_title_of_a_section_heading(written, title):
    text = GOOD.replace("## ABSTRACT\n", f"## ABSTRACT\n{written}\n")
    section = doc(text).sections[-1]
    assert (section.level, section.title.value, section.line) == (3, title, 15)
    start = written.index(title[:2]) + 1
    assert section.title.span == Span(15, start, 15, start + len(title))


@pytest.mark.parametrize("before", ["#hashtag", "    # indented four spaces", "```\n## in code\n```"])
def test_headings_after_a_line_that_is_no_heading_are_found(before):
    text = GOOD.replace("## ABSTRACT\n", f"{before}\n## ABSTRACT\n")
    assert [s.title.value for s in doc(text).sections] == ["OBSERVATIONS TABLE", "ABSTRACT"]


def test_the_heading_spans_its_line_and_its_text():
    heading = doc(GOOD).heading
    assert (heading.line, heading.span) == (5, Span(5, 1, 5, len(HEADING) + 1))
    assert (heading.text.value, heading.text.span) == ("1071 - Alignment", Span(5, 3, 5, len(HEADING) + 1))
    assert (heading.id.span, heading.title.span) == (Span(5, 3, 5, 7), Span(5, 10, 5, len(HEADING) + 1))


def test_a_malformed_heading_keeps_its_spans_and_says_what_it_found():
    text = GOOD.replace(HEADING, "# 1071 Alignment")
    assert problems(text) == [
        ("PL007", 5, 3, 5, 17, "the heading must read '# ID - TITLE', found '# 1071 Alignment'"),
    ]
    heading = doc(text).heading
    assert (heading.span, heading.text.value, heading.id, heading.title) == (Span(5, 1, 5, 17), "1071 Alignment", None, None)


def test_an_empty_heading_is_reported_over_its_line():
    text = GOOD.replace(HEADING, "#  ")
    assert problems(text) == [("PL007", 5, 1, 5, 4, "the heading must read '# ID - TITLE', found '# '")]


def test_pl006_message_and_where_it_stands():
    assert problems(GOOD.replace(HEADING + "\n", ""))[0] == (
        "PL006", 5, 1, 5, 1, "no '# ID - TITLE' heading follows the front matter")
    # no front matter: the first line; a lone fence: its own line, the only one
    assert [p[:3] for p in problems("text\nmore text\n")][:2] == [("PL003", 1, 1), ("PL006", 1, 1)]
    assert [p[:3] for p in problems("---")] == [("PL004", 1, 1), ("PL006", 1, 1), ("PL008", 1, 1)]


@pytest.mark.parametrize("between", ["\n", "   \n", "\n\t\n"])
def test_the_url_is_the_first_line_with_text_after_the_heading(between):
    text = GOOD.replace(HEADING + "\n", HEADING + "\n" + between)
    url = doc(text).url
    line = 6 + between.count("\n")
    assert (url.text.value, url.text.span) == (URL, Span(line, 1, line, len(URL) + 1))
    assert (url.program_id.value, url.program_id.span) == ("1071", Span(line, len(URL) - 3, line, len(URL) + 1))


def test_a_url_without_an_id_has_no_program_id():
    text = GOOD.replace(URL, "https://www.stsci.edu/jwst")
    assert (doc(text).url.text.value, doc(text).url.program_id) == ("https://www.stsci.edu/jwst", None)
