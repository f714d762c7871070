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
