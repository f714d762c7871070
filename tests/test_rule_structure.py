"""Structure (rules/structure.py, PL020-PL023): the three sections, once
each, in order, and the two prose sections not empty."""

from __future__ import annotations


import pytest

from conftest import seeds_concise, SEED_PATHS, column_of, doc, findings, line_of, seed_text

ABSTRACT_1093 = (
    "Commissioning activity that verifies the performance of the NIRISS non-redundant mask "
    "for aperture masking interferometry."
)


def heading_line(text: str) -> tuple[int, int]:
    """(line, end column) of the # ID - TITLE heading."""
    line = next(i for i, t in enumerate(text.split("\n"), start=1) if t.startswith("# "))
    return line, len(text.split("\n")[line - 1]) + 1


# -- PL020 section-missing ---------------------------------------------------------


def test_missing_abstract_reported_at_the_heading():
    text = seed_text("1093.txt").replace("## ABSTRACT\n\n" + ABSTRACT_1093 + "\n", "")
    line, end = heading_line(text)
    table = line_of(text, "## OBSERVATIONS TABLE")
    assert findings(text, "PL020") == [
        (line, 1, end, f"the document has no '## ABSTRACT' section; add one after the OBSERVATIONS TABLE section (line {table})")
    ]


def test_missing_observations_table_heading_says_where_it_belongs():
    text = seed_text("1071.txt").replace("## OBSERVATIONS TABLE\n", "")
    line, end = heading_line(text)
    abstract = line_of(text, "## ABSTRACT")
    assert findings(text, "PL020") == [
        (line, 1, end, f"the document has no '## OBSERVATIONS TABLE' section; add one before the ABSTRACT section (line {abstract})")
    ]


def test_missing_everything_after_the_table():
    text = seed_text("1366.txt")
    text = text[: text.index("\n---\n\n## ABSTRACT") + 1]
    line, end = heading_line(text)
    table = line_of(text, "## OBSERVATIONS TABLE")
    assert findings(text, "PL020") == [
        (line, 1, end, f"the document has no '## ABSTRACT' section; add one after the OBSERVATIONS TABLE section (line {table})"),
        (line, 1, end, f"the document has no '## OBSERVING DESCRIPTION' section; add one after the OBSERVATIONS TABLE section (line {table})"),
    ]


def test_section_titles_match_ignoring_case_and_spacing():
    text = seed_text("1093.txt").replace("## ABSTRACT", "## Abstract").replace("## OBSERVING DESCRIPTION", "##  Observing  Description")
    assert findings(text, "PL020") == []


def test_misspelt_section_is_missing():
    text = seed_text("1093.txt").replace("## OBSERVING DESCRIPTION", "## OBSERVATION DESCRIPTION")
    line, end = heading_line(text)
    abstract = line_of(text, "## ABSTRACT")
    assert findings(text, "PL020") == [
        (line, 1, end, f"the document has no '## OBSERVING DESCRIPTION' section; add one after the ABSTRACT section (line {abstract})")
    ]


def test_the_level3_list_heading_is_not_a_required_section():
    # the real table sits under '### 1. List of Labels, ...': a deeper heading is fine
    document = doc(seed_text())
    assert any(s.level == 3 for s in document.sections)
    assert findings(seed_text(), "PL020") == []


# -- PL021 section-duplicate --------------------------------------------------------------


def test_second_abstract_names_the_first():
    text = seed_text("1071.txt") + "\n## ABSTRACT\n\nA stale copy.\n"
    first = line_of(text, "## ABSTRACT")
    second = line_of(text, "## ABSTRACT", 2)
    column = column_of(text, second, "ABSTRACT")
    assert findings(text, "PL021") == [
        (second, column, column + len("ABSTRACT"), f"'ABSTRACT' is already a section on line {first}; merge the two into one section")
    ]


def test_duplicate_in_other_case_is_still_a_duplicate():
    text = seed_text("1141.txt") + "\n## Observing Description\n\nMore.\n"
    first = line_of(text, "## OBSERVING DESCRIPTION")
    second = line_of(text, "## Observing Description")
    column = column_of(text, second, "Observing")
    assert findings(text, "PL021") == [
        (second, column, column + len("Observing Description"),
         f"'OBSERVING DESCRIPTION' is already a section on line {first}; merge the two into one section")
    ]


def test_other_repeated_headings_are_not_duplicates():
    text = seed_text("1071.txt") + "\n### Notes\n\nOne.\n\n### Notes\n\nTwo.\n"
    assert findings(text, "PL021") == []


# -- PL022 section-order ---------------------------------------------------------------------


def swap_prose(text: str) -> str:
    """Swap the ABSTRACT and OBSERVING DESCRIPTION headings of a seed."""
    return text.replace("## ABSTRACT", "## @@").replace("## OBSERVING DESCRIPTION", "## ABSTRACT").replace("## @@", "## OBSERVING DESCRIPTION")


def test_abstract_after_observing_description():
    text = swap_prose(seed_text("1093.txt"))
    description = line_of(text, "## OBSERVING DESCRIPTION")
    abstract = line_of(text, "## ABSTRACT")
    column = column_of(text, abstract, "ABSTRACT")
    assert findings(text, "PL022") == [
        (
            abstract, column, column + len("ABSTRACT"),
            f"'ABSTRACT' must come before 'OBSERVING DESCRIPTION' on line {description}; "
            "the sections go in the order OBSERVATIONS TABLE, ABSTRACT, OBSERVING DESCRIPTION",
        )
    ]


def test_table_after_the_prose():
    text = seed_text("1366.txt")
    table_start = text.index("## OBSERVATIONS TABLE")
    table_end = text.index("---\n\n## ABSTRACT")
    table = text[table_start:table_end]
    text = text[:table_start] + text[table_end:] + "\n" + table
    abstract = line_of(text, "## ABSTRACT")
    line = line_of(text, "## OBSERVATIONS TABLE")
    column = column_of(text, line, "OBSERVATIONS")
    assert findings(text, "PL022") == [
        (
            line, column, column + len("OBSERVATIONS TABLE"),
            f"'OBSERVATIONS TABLE' must come before 'ABSTRACT' on line {abstract}; "
            "the sections go in the order OBSERVATIONS TABLE, ABSTRACT, OBSERVING DESCRIPTION",
        )
    ]


def test_extra_sections_between_required_ones_are_in_order():
    text = seed_text("1093.txt").replace("## ABSTRACT", "## NOTES\n\nSee APT.\n\n## ABSTRACT")
    assert findings(text, "PL022") == []


def test_a_missing_section_is_not_an_order_problem():
    text = seed_text("1093.txt").replace("## ABSTRACT\n\n" + ABSTRACT_1093 + "\n", "")
    assert findings(text, "PL022") == []


# -- PL023 section-empty ------------------------------------------------------------------------


def test_abstract_with_only_a_separator_is_empty():
    text = seed_text("1093.txt").replace(ABSTRACT_1093 + "\n", "")
    line = line_of(text, "## ABSTRACT")
    column = column_of(text, line, "ABSTRACT")
    assert findings(text, "PL023") == [
        (
            line, column, column + len("ABSTRACT"),
            "the 'ABSTRACT' section has no text (only blank lines or separators); write the program's abstract under it",
        )
    ]


def test_observing_description_at_the_end_of_the_file_is_empty():
    text = seed_text("1366.txt")
    text = text[: text.index("## OBSERVING DESCRIPTION") + len("## OBSERVING DESCRIPTION")] + "\n\n\n"
    line = line_of(text, "## OBSERVING DESCRIPTION")
    column = column_of(text, line, "OBSERVING")
    assert findings(text, "PL023") == [
        (
            line, column, column + len("OBSERVING DESCRIPTION"),
            "the 'OBSERVING DESCRIPTION' section has no text (only blank lines or separators); "
            "write how the program observes under it",
        )
    ]


def test_a_comment_is_not_text():
    text = seed_text("1093.txt").replace(ABSTRACT_1093, "<!-- to do:\nwrite this -->\n***")
    assert [f[0] for f in findings(text, "PL023")] == [line_of(text, "## ABSTRACT")]


def test_one_short_line_is_text():
    # the seeds' prose sections are one line each, followed by a '---' separator
    text = seed_text("1093.txt").replace(ABSTRACT_1093, "TBD.")
    assert findings(text, "PL023") == []


def test_a_dash_list_item_is_text_not_a_separator():
    text = seed_text("1093.txt").replace(ABSTRACT_1093, "- -")
    assert findings(text, "PL023") == []


# -- the real documents ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
@pytest.mark.parametrize("code", ["PL020", "PL021", "PL022", "PL023"])
def test_seeds_pass(path, code):
    assert findings(path.read_text(encoding="utf-8"), code) == []


def test_seeds_report_nothing_from_the_structure_rules():
    assert not [line for line in seeds_concise() if " PL02" in line]
