"""Metadata agreement (rules/metadata.py, PL120-PL124): the id and title in
the front matter, the heading and the URL. Positions come from the text."""

from __future__ import annotations


import pytest

from conftest import seeds_concise, SEED_PATHS, column_of, findings, line_of, seed_text

USER = "000_223d96fec14c6a4f.txt"  # program 4497, the title with a double space
URL_1071 = "https://www.stsci.edu/jwst/science-execution/program-information?id=1071"


# -- PL120 heading-id-mismatch ------------------------------------------------


def test_heading_id_differs_from_front_matter():
    text = seed_text(USER).replace("# 4497 - ", "# 4498 - ")
    line = line_of(text, "# 4498 - ")
    column = column_of(text, line, "4498")
    id_line = line_of(text, "id: 4497")
    assert findings(text, "PL120") == [
        (
            line, column, column + 4,
            f"the heading says 4498 but the front matter's id on line {id_line} is 4497 "
            f"(the URL on line {line_of(text, '?id=4497')} also says 4497); "
            "the heading, front matter and URL must name the same program",
        )
    ]


def test_heading_id_mismatch_points_back_at_the_front_matter():
    from conftest import doc
    from proglint.config import Config, Layer
    from proglint.pipeline import check

    text = seed_text("1071.txt").replace("# 1071 - ", "# 1017 - ")
    (diagnostic,) = check(doc(text), Config(layers=(Layer(select=("PL120",)),)))
    id_line = line_of(text, "id: 1071")
    (related,) = diagnostic.related
    assert (related.span.start_line, related.span.start_column) == (id_line, column_of(text, id_line, "1071"))
    assert related.message == "the front matter's id is 1071"


def test_heading_id_mismatch_without_a_url_names_only_the_two():
    text = seed_text("1071.txt").replace("# 1071 - ", "# 1017 - ").replace(URL_1071 + "\n", "")
    line = line_of(text, "# 1017 - ")
    column = column_of(text, line, "1017")
    assert findings(text, "PL120") == [
        (
            line, column, column + 4,
            f"the heading says 1017 but the front matter's id on line {line_of(text, 'id: 1071')} is 1071; "
            "the heading, front matter and URL must name the same program",
        )
    ]


def test_heading_id_zero_padded_is_the_same_program():
    # file names zero-pad program ids to five digits; 01071 is program 1071
    text = seed_text("1071.txt").replace("# 1071 - ", "# 01071 - ")
    assert findings(text, "PL120") == []


def test_heading_id_not_compared_when_front_matter_has_no_id():
    text = seed_text("1071.txt").replace("id: 1071\n", "").replace("# 1071 - ", "# 1017 - ")
    assert findings(text, "PL120") == []


def test_malformed_front_matter_id_is_left_to_the_schema():
    # the schema reports `id: "4497a"` (PL107); the heading is not compared with it
    text = seed_text(USER).replace("id: 4497", 'id: "4497a"')
    assert findings(text, "PL120") == [] and findings(text, "PL121") == []


def test_quoted_front_matter_id_is_the_same_id():
    text = seed_text("1071.txt").replace("id: 1071", 'id: "1071"')
    assert findings(text, "PL120") == []


# -- PL121 url-id-mismatch ------------------------------------------------------


def test_url_id_differs_from_front_matter():
    text = seed_text("1071.txt").replace("?id=1071", "?id=1017")
    line = line_of(text, "?id=1017")
    column = column_of(text, line, "1017")
    assert findings(text, "PL121") == [
        (
            line, column, column + 4,
            f"the URL names program 1017 but the front matter's id on line {line_of(text, 'id: 1071')} is 1071; "
            "make the URL's id 1071",
        )
    ]


def test_url_id_compared_with_heading_when_front_matter_has_no_id():
    text = seed_text("1093.txt").replace("id: 1093\n", "").replace("?id=1093", "?id=1039")
    line = line_of(text, "?id=1039")
    heading = line_of(text, "# 1093 - ")
    column = column_of(text, line, "1039")
    assert findings(text, "PL121") == [
        (line, column, column + 4, f"the URL names program 1039 but the heading on line {heading} says 1093; make the URL's id 1093")
    ]


def test_url_id_in_the_program_parameter_form():
    text = seed_text("1141.txt").replace(
        "https://www.stsci.edu/jwst/science-execution/program-information?id=1141",
        "https://www.stsci.edu/jwst-program-info/program/?program=1114",
    )
    line = line_of(text, "program=1114")
    column = column_of(text, line, "1114")
    assert findings(text, "PL121") == [
        (
            line, column, column + 4,
            f"the URL names program 1114 but the front matter's id on line {line_of(text, 'id: 1141')} is 1141; "
            "make the URL's id 1141",
        )
    ]


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
def test_real_urls_agree(path):
    text = path.read_text(encoding="utf-8")
    assert findings(text, "PL121") == [] and findings(text, "PL120") == []


# -- PL122 title-mismatch --------------------------------------------------------


def test_title_differs_by_one_space_is_an_error():
    # the real title has a double space in both places; drop it in the heading only
    text = seed_text(USER).replace("# 4497 - CAL-FLUX-202  Absolute", "# 4497 - CAL-FLUX-202 Absolute")
    line = line_of(text, "# 4497 - ")
    column = column_of(text, line, "CAL-FLUX")
    heading_title = "CAL-FLUX-202 Absolute Flux Calibration (Hot Stars)"
    title_line = line_of(text, "program_title:")
    assert findings(text, "PL122") == [
        (
            line, column, column + len(heading_title),
            f"the heading's title '{heading_title}' is not the front matter's program_title on line {title_line}, "
            "'CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)' (they differ only in spacing); copy the title exactly",
        )
    ]


def test_title_differs_in_case():
    text = seed_text("1141.txt").replace("# 1141 - OTE-07 Global Alignment 1", "# 1141 - OTE-07 global alignment 1")
    line = line_of(text, "# 1141 - ")
    column = column_of(text, line, "OTE-07")
    assert findings(text, "PL122") == [
        (
            line, column, column + len("OTE-07 global alignment 1"),
            f"the heading's title 'OTE-07 global alignment 1' is not the front matter's program_title on line "
            f"{line_of(text, 'program_title:')}, "
            "'OTE-07 Global Alignment 1' (they differ only in letter case); copy the title exactly",
        )
    ]


def test_title_differs_in_words():
    text = seed_text("1141.txt").replace("# 1141 - OTE-07 Global Alignment 1", "# 1141 - OTE-07 Global Alignment 2")
    line = line_of(text, "# 1141 - ")
    column = column_of(text, line, "OTE-07")
    assert findings(text, "PL122") == [
        (
            line, column, column + len("OTE-07 Global Alignment 2"),
            f"the heading's title 'OTE-07 Global Alignment 2' is not the front matter's program_title on line "
            f"{line_of(text, 'program_title:')}, "
            "'OTE-07 Global Alignment 1'; copy the title exactly",
        )
    ]


def test_seed_double_space_title_is_legal_when_both_agree():
    text = seed_text(USER)
    assert "CAL-FLUX-202  Absolute" in text.split("\n")[line_of(text, "# 4497") - 1]
    assert findings(text, "PL122") == []


def test_title_not_compared_when_program_title_is_empty():
    text = seed_text("1071.txt").replace('program_title: "NIRCam Absolute FGS-NIRCam Alignment"', 'program_title: ""')
    assert findings(text, "PL122") == []


# -- PL123 url-form -----------------------------------------------------------------


def test_url_of_another_form_is_a_warning():
    text = seed_text("1071.txt").replace(URL_1071, "http://www.stsci.edu/jwst/science-execution/program-information?id=1071")
    line = line_of(text, "http://")
    url = "http://www.stsci.edu/jwst/science-execution/program-information?id=1071"
    column = column_of(text, line, "http://")
    assert findings(text, "PL123") == [
        (
            line, column, column + len(url),
            f"'{url}' is not an STScI program-information URL; write {URL_1071} "
            "(or https://www.stsci.edu/jwst-program-info/program/?program=1071)",
        )
    ]


def test_url_without_a_program_id_is_a_warning():
    text = seed_text("1093.txt").replace("program-information?id=1093", "program-information")
    line = line_of(text, "program-information")
    url = "https://www.stsci.edu/jwst/science-execution/program-information"
    [(found_line, column, end, message)] = findings(text, "PL123")
    start = column_of(text, line, "https://")
    assert (found_line, column, end) == (line, start, start + len(url))
    assert message.startswith(f"'{url}' is not an STScI program-information URL; write {url}?id=1093")


def test_both_real_url_forms_pass():
    text = seed_text("1366.txt")
    assert findings(text, "PL123") == []
    other = text.replace(
        "https://www.stsci.edu/jwst/science-execution/program-information?id=1366",
        "https://www.stsci.edu/jwst-program-info/program/?program=1366",
    )
    assert findings(other, "PL123") == []


def test_a_team_vocabulary_adds_a_url_form(tmp_path):
    from pathlib import Path

    team = tmp_path / "team-vocab.yaml"
    team.write_text('urls:\n  - "https://example.org/programs/{id}"\n')
    text = seed_text("1071.txt").replace(URL_1071, "https://example.org/programs/1071")
    assert len(findings(text, "PL123")) == 1
    assert findings(text, "PL123", vocabulary=(Path(team),)) == []


# -- PL124 url-missing -------------------------------------------------------------------


def test_missing_url_reported_at_the_heading():
    text = seed_text("1071.txt").replace(URL_1071 + "\n", "")
    line = line_of(text, "# 1071 - ")
    heading = text.split("\n")[line - 1]
    assert findings(text, "PL124") == [
        (line, 1, len(heading) + 1, f"no program URL after the heading; add {URL_1071} on the line below it")
    ]


def test_text_instead_of_url_is_a_missing_url():
    text = seed_text("1071.txt").replace(URL_1071, "See the program page.")
    assert [f[0] for f in findings(text, "PL124")] == [line_of(text, "# 1071 - ")]


def test_url_after_a_blank_line_is_found():
    text = seed_text("1071.txt").replace(URL_1071, "\n" + URL_1071)
    assert findings(text, "PL124") == []


# -- the real documents -----------------------------------------------------------------


def test_seeds_report_nothing_from_the_metadata_rules():
    assert not [line for line in seeds_concise() if " PL12" in line]


def test_ids_of_thousands_of_digits_are_compared_not_crashed_on():
    """Python refuses int() of over 4,300 digits; such ids are still compared
    (as digits) and reported where they disagree, never a PL901 crash."""
    from proglint.config import Config
    from proglint.pipeline import active, lint
    from proglint.source import Source

    seed = seed_text("1071.txt")
    text = seed.replace("id: 1071", "id: " + "1" * 5000, 1).replace("# 1071 -", "# " + "2" * 5000 + " -", 1)
    found = active(lint(Source.from_text("1071.txt", text), Config()))
    assert not [d for d in found if d.code == "PL901"]
    heading = [d for d in found if d.code == "PL120"]
    assert [(d.span.start_line, d.span.start_column, d.span.end_column) for d in heading] == [(12, 3, 5003)]
    same = seed.replace("id: 1071", "id: " + "0" + "7" * 5000, 1).replace("# 1071 -", "# " + "7" * 5000 + " -", 1)
    assert not [d for d in active(lint(Source.from_text("x.txt", same), Config())) if d.code == "PL120"]
