"""rules/structure.py (PL020-PL023): the behaviour mutation testing found
unpinned (benchmarks/mutation.py): a document without a heading, one with
no sections at all, the related places of PL021 and PL022, PL021 with a
section missing, and text on the line right under a heading."""

from __future__ import annotations

from conftest import found, line_of, program_document

BASE = program_document(("", 1, "MIRI", "MIRI Imaging", "(1) GD153"))


def title(text: str, heading: str, nth: int = 1) -> tuple[int, int, int]:
    """The span of a section's title (after the hashes)."""
    line = line_of(text, heading, nth)
    column = text.split("\n")[line - 1].index(heading.lstrip("# ")) + 1
    return line, column, column + len(heading.lstrip("# "))


def test_without_a_heading_a_missing_section_is_reported_at_the_first_character():
    text = BASE.replace("# 4497 - Test\n", "").replace("## ABSTRACT", "## ABSTRAKT")
    assert found(text, "PL020") == [
        ("PL020", 1, 1, 1,
         f"the document has no '## ABSTRACT' section; add one after the OBSERVATIONS TABLE section "
         f"(line {line_of(text, '## OBSERVATIONS TABLE')})", ()),
    ]


def test_a_document_without_sections_is_told_to_add_them_below_the_heading():
    text = BASE[: BASE.index("## OBSERVATIONS TABLE")]
    heading = (line_of(text, "# 4497 - Test"), 1, len("# 4497 - Test") + 1)
    assert found(text, "PL020") == [
        ("PL020", *heading, f"the document has no '## {name}' section; add one below the heading", ())
        for name in ("ABSTRACT", "OBSERVATIONS TABLE", "OBSERVING DESCRIPTION")
    ]


def test_a_missing_section_is_not_a_duplicate():
    assert found(BASE.replace("## ABSTRACT", "## ABSTRAKT"), "PL021") == []


def test_a_duplicate_points_at_the_first_section():
    text = BASE + "\n## ABSTRACT\n\nAgain."
    first = title(text, "## ABSTRACT")
    assert found(text, "PL021") == [
        ("PL021", *title(text, "## ABSTRACT", 2),
         f"'ABSTRACT' is already a section on line {first[0]}; merge the two into one section",
         ((*first, "the first 'ABSTRACT' section"),)),
    ]


def test_a_section_out_of_order_points_at_the_one_it_should_precede():
    text = BASE.replace("## ABSTRACT", "## OBSERVING DESCRIPTION\n\nx\n\n## ABSTRACT", 1)
    description = title(text, "## OBSERVING DESCRIPTION")
    assert found(text, "PL022") == [
        ("PL022", *title(text, "## ABSTRACT"),
         f"'ABSTRACT' must come before 'OBSERVING DESCRIPTION' on line {description[0]}; the sections go in the "
         "order OBSERVATIONS TABLE, ABSTRACT, OBSERVING DESCRIPTION",
         ((*description, "'OBSERVING DESCRIPTION' should come after 'ABSTRACT'"),)),
    ]


def test_text_on_the_line_right_under_the_heading_is_text():
    assert found(BASE.replace("## ABSTRACT\n\nText.", "## ABSTRACT\nText."), "PL023") == []
    # near miss: the same line holding a separator only
    text = BASE.replace("## ABSTRACT\n\nText.", "## ABSTRACT\n***")
    assert found(text, "PL023") == [
        ("PL023", *title(text, "## ABSTRACT"),
         "the 'ABSTRACT' section has no text (only blank lines or separators); write the program's abstract under it", ()),
    ]
