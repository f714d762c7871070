"""rules/cross_document.py (PL601, PL602): the edges mutation testing found
unpinned (benchmarks/mutation.py): which file names carry an id, and which
documents count as two."""

from __future__ import annotations

import pytest

from conftest import column_of, doc, findings, line_of, seed_text
from proglint.config import Config, Layer
from proglint.pipeline import active, lint_many

TEXT = seed_text()  # id: 4497
LINE = line_of(TEXT, "id: 4497")
COLUMN = column_of(TEXT, LINE, "4497")


def pl602(name: str) -> list:
    return findings(TEXT, "PL602", path=name)


@pytest.mark.parametrize(
    "name",
    [
        "00000.txt",  # all zeros, five digits: program ids start at 1
        "449700.txt",  # six digits: longer than any program id
        "004497.txt",  # six digits even though the number is 4497
        "04497.txt",  # the id zero-padded: compared as a number, the same program
    ],
)
def test_file_names_that_carry_no_other_id(name):
    assert pl602(name) == []


@pytest.mark.parametrize(
    "name, named, renamed",
    [
        ("00001.txt", 1, "04497.txt"),  # the smallest id, zero-padded
        ("1.txt", 1, "4497.txt"),  # the smallest id as written on STScI pages
        ("99999.txt", 99999, "04497.txt"),  # five digits, the largest
        ("44970.txt", 44970, "04497.txt"),  # the id's digits, but another number
    ],
)
def test_near_misses_that_do_carry_another_id(name, named, renamed):
    assert pl602(name) == [
        (LINE, COLUMN, COLUMN + 4, f"the file name {name} says program {named} but this document's id is 4497; "
         f"rename the file to {renamed} or correct the id"),
    ]


def test_the_same_file_given_twice_is_one_document():
    config = Config(layers=(Layer(select=("PL601",)),))
    results = lint_many([(doc(TEXT, "a/4497.txt"), config), (doc(TEXT, "a/./4497.txt"), config)])
    assert {path: [d.code for d in active(found)] for path, found in results.items()} == {"a/4497.txt": [], "a/./4497.txt": []}


def test_a_zero_padded_id_duplicates_the_plain_one():
    padded = TEXT.replace("id: 4497", "id: 04497", 1)
    config = Config(layers=(Layer(select=("PL601",)),))
    results = lint_many([(doc(TEXT, "a.txt"), config), (doc(padded, "b.txt"), config)])
    found = {path: [(d.span.start_line, d.span.start_column, d.span.end_column, d.message) for d in active(ds)]
             for path, ds in results.items()}
    tail = "; one program has one document, so remove the copy or correct its id"
    assert found == {
        "a.txt": [(LINE, COLUMN, COLUMN + 4, f"program 4497 is also the id of b.txt (line {LINE}){tail}")],
        "b.txt": [(LINE, COLUMN, COLUMN + 5, f"program 04497 is also the id of a.txt (line {LINE}){tail}")],
    }


def lint_together(*documents: tuple[str, str]) -> dict[str, list[tuple]]:
    config = Config(layers=(Layer(select=("PL601",)),))
    results = lint_many([(doc(text, path), config) for path, text in documents])
    return {path: [(d.span.start_line, d.span.start_column, d.span.end_column, d.message) for d in active(found)]
            for path, found in results.items()}


TAIL = "; one program has one document, so remove the copy or correct its id"


def test_a_file_given_twice_does_not_hide_a_real_duplicate_after_it():
    found = lint_together(("a/4497.txt", TEXT), ("a/./4497.txt", TEXT), ("b.txt", TEXT))
    assert found == {
        "a/4497.txt": [(LINE, COLUMN, COLUMN + 4, f"program 4497 is also the id of b.txt (line {LINE}){TAIL}")],
        "a/./4497.txt": [],
        "b.txt": [(LINE, COLUMN, COLUMN + 4, f"program 4497 is also the id of a/4497.txt (line {LINE}){TAIL}")],
    }


def test_windows_separators_name_the_same_file():
    assert lint_together(("a\\4497.txt", TEXT), ("a/4497.txt", TEXT)) == {"a\\4497.txt": [], "a/4497.txt": []}


def test_a_program_alone_before_a_duplicated_one_does_not_stop_the_check():
    other = seed_text("1071.txt")
    found = lint_together(("x.txt", other), ("y.txt", TEXT), ("z.txt", TEXT))
    assert found["x.txt"] == []
    assert [f[3] for f in found["y.txt"]] == [f"program 4497 is also the id of z.txt (line {LINE}){TAIL}"]


def test_three_other_documents_are_listed_with_commas_and_and():
    found = lint_together(*((f"{name}.txt", TEXT) for name in "abcd"))
    assert found["a.txt"] == [
        (LINE, COLUMN, COLUMN + 4,
         f"program 4497 is also the id of b.txt (line {LINE}), c.txt (line {LINE}) and d.txt (line {LINE}){TAIL}"),
    ]


def test_a_windows_path_is_judged_by_its_file_name():
    assert pl602("docs\\4498.txt") == [
        (LINE, COLUMN, COLUMN + 4, "the file name 4498.txt says program 4498 but this document's id is 4497; "
         "rename the file to 4497.txt or correct the id"),
    ]


def test_the_advice_strips_the_id_s_zero_padding_for_an_unpadded_name():
    text = TEXT.replace("id: 4497", "id: 04497").replace("# 4497 - ", "# 04497 - ").replace("?id=4497", "?id=04497")
    assert findings(text, "PL602", path="1234.txt") == [
        (LINE, COLUMN, COLUMN + 5, "the file name 1234.txt says program 1234 but this document's id is 04497; "
         "rename the file to 4497.txt or correct the id"),
    ]


def test_the_advice_for_program_zero_keeps_one_zero():
    text = TEXT.replace("id: 4497", "id: 00").replace("# 4497 - ", "# 00 - ").replace("?id=4497", "?id=00")
    assert findings(text, "PL602", path="4497.txt") == [
        (LINE, COLUMN, COLUMN + 2, "the file name 4497.txt says program 4497 but this document's id is 00; "
         "rename the file to 0.txt or correct the id"),
    ]


def test_when_the_url_agrees_with_the_name_the_id_is_to_be_corrected():
    text = TEXT.replace("id: 4497", "id: 4479")
    assert findings(text, "PL602", path="4497.txt") == [
        (LINE, COLUMN, COLUMN + 4, "the file name 4497.txt says program 4497 but this document's id is 4479; "
         "correct the id to 4497, as the URL and the file name say"),
    ]


def test_an_id_that_is_no_number_gets_no_new_file_name():
    text = TEXT.replace("id: 4497\n", "").replace("# 4497 - ", "# ABC - ").replace("?id=4497", "?id=4498")
    line = line_of(text, "# ABC - ")
    assert findings(text, "PL602", path="4497.txt") == [
        (line, 3, 6, "the file name 4497.txt says program 4497 but this document's id is ABC; rename the file or correct the id"),
    ]
