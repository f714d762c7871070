"""Shuffling the rows of a valid table never creates an error, and the only
warnings it may create are folder-contiguity ones (PL401 folder-split).

Row order carries no meaning in a program document except through the
Folder column, where a blank cell continues the folder above. So before
shuffling, every row is made to name its folder explicitly (the table means
the same), and then the rows are permuted. Rows in no folder (a blank
first Folder cell) cannot be written below a folder's row without joining
it, so they stay in front, shuffled among themselves.

The documents are the seeds and the benchmark generator's documents, checked
by the full default rule set.
"""

from __future__ import annotations

import random
import sys
from collections import Counter

from hypothesis import example, given, settings, strategies as st

from proglint.config import Config
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import ROOT, SEED_PATHS, doc

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate_document, load_vocab  # noqa: E402

# The generator's templates from the vocabulary proglint itself uses, so the
# test needs nothing outside the repository.
VOCAB = load_vocab(ROOT / "rules" / "vocabulary.yaml")
SEEDS = {path.name: path.read_text(encoding="utf-8") for path in SEED_PATHS}
CONTIGUITY = {"PL401"}


def generated(seed: int, rows: int) -> str:
    return generate_document(random.Random(seed), rows, vocab=VOCAB)


def explicit_folders(text: str) -> str:
    """The same table with every row naming its folder in its own cell."""
    document = doc(text)
    lines = text.split("\n")
    for row in document.observations:
        cell = row.folder_cell
        if row.folder is None or cell is None or not row.continues_folder:
            continue
        region = cell.region
        line = lines[row.line - 1]
        lines[row.line - 1] = line[: region.start_column - 1] + f" {row.folder.value} " + line[region.end_column - 1:]
    return "\n".join(lines)


def shuffle_rows(text: str, draw_permutation) -> str:
    """Permute the table's rows; rows in no folder keep the front."""
    document = doc(text)
    rows = document.observations
    lines = text.split("\n")
    numbers = [row.line for row in rows]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), "table rows are consecutive lines"
    loose = [row.line for row in rows if row.folder is None]
    filed = [row.line for row in rows if row.folder is not None]
    order = [loose[i] for i in draw_permutation(len(loose))] + [filed[i] for i in draw_permutation(len(filed))]
    originals = {n: lines[n - 1] for n in numbers}
    for target, source in zip(numbers, order):
        lines[target - 1] = originals[source]
    return "\n".join(lines)


def graded(text: str) -> tuple[Counter, Counter]:
    """Error and warning counts by code under the default configuration."""
    found = active(lint(Source.from_text("doc.txt", text), Config()))
    errors = Counter(d.code for d in found if d.severity.value == "error")
    warnings = Counter(d.code for d in found if d.severity.value == "warning")
    return errors, warnings


def assert_shuffle_is_harmless(text: str, draw_permutation) -> str:
    base_errors, base_warnings = graded(text)
    explicit = explicit_folders(text)
    assert graded(explicit) == (base_errors, base_warnings), "naming every row's folder changed the findings"
    shuffled = shuffle_rows(explicit, draw_permutation)
    errors, warnings = graded(shuffled)
    assert errors - base_errors == Counter(), f"shuffling created errors:\n{shuffled}"
    extra = warnings - base_warnings
    assert set(extra) <= CONTIGUITY, f"shuffling created warnings {dict(extra)}:\n{shuffled}"
    return shuffled


DOCUMENTS = st.one_of(
    st.sampled_from(sorted(SEEDS)).map(SEEDS.__getitem__),
    st.builds(generated, st.integers(0, 2**32 - 1), st.integers(1, 60)),
)


@settings(max_examples=80)
@given(text=DOCUMENTS, data=st.data())
@example(text=SEEDS["000_223d96fec14c6a4f.txt"], data=None)
def test_shuffling_rows_creates_no_error_and_only_folder_contiguity_warnings(text, data):
    if data is None:  # the explicit example: reverse the rows
        permutation = lambda n: list(range(n - 1, -1, -1))  # noqa: E731
    else:
        permutation = lambda n: data.draw(st.permutations(range(n)))  # noqa: E731
    assert_shuffle_is_harmless(text, permutation)


def test_the_seeds_are_clean_before_shuffling():
    for name, text in SEEDS.items():
        assert graded(text) == (Counter(), Counter()), name


def test_a_reversed_seed_table_draws_only_folder_split_warnings():
    text = SEEDS["000_223d96fec14c6a4f.txt"]
    shuffled = assert_shuffle_is_harmless(text, lambda n: list(range(n - 1, -1, -1)))
    errors, warnings = graded(shuffled)
    # reversing keeps each folder's rows together, so nothing at all is reported
    assert (errors, warnings) == (Counter(), Counter())
    interleaved = assert_shuffle_is_harmless(text, lambda n: list(range(0, n, 2)) + list(range(1, n, 2)))
    errors, warnings = graded(interleaved)
    assert errors == Counter() and set(warnings) == {"PL401"} and warnings["PL401"] > 0


def test_rows_in_no_folder_stay_in_front():
    text = SEEDS["1141.txt"]
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if "| Initial GA Image" in line)
    lines[first] = lines[first].replace("| Initial GA Image                     |", "|                                      |")
    loose = "\n".join(lines)
    shuffled = shuffle_rows(explicit_folders(loose), lambda n: list(range(n - 1, -1, -1)))
    rows = doc(shuffled).observations
    assert rows[0].folder is None and rows[0].number.value == "1"
    assert all(row.folder is not None for row in rows[1:])
