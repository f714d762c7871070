"""Cross-document rules (rules/cross_document.py, PL601-PL602): documents
linted together, and the program id a file name carries."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, SEED_PATHS, USER_SEED, column_of, doc, findings, line_of, seed_text
from proglint.config import Config, Layer
from proglint.pipeline import active, lint_many

CROSS = ("PL601", "PL602")


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "proglint", *args], capture_output=True, text=True, cwd=cwd)


def only(*codes: str) -> Config:
    return Config(layers=(Layer(select=codes),))


def where(text: str, needle: str) -> tuple[int, int]:
    line = line_of(text, needle)
    return line, column_of(text, line, needle.split(": ")[-1])


# -- PL601 duplicate-program-id -------------------------------------------------------


def test_same_id_reported_at_both_documents_through_lint_many():
    first = seed_text("1071.txt")
    second = first.replace("Absolute FGS-NIRCam Alignment", "Absolute FGS-NIRCam Alignment (copy)")
    config = only("PL601")
    results = lint_many([(doc(first, "a/1071.txt"), config), (doc(second, "b/copy.txt"), config)])
    line, column = where(first, "id: 1071")
    found = {
        path: [(d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message) for d in active(ds)]
        for path, ds in results.items()
    }
    tail = "; one program has one document, so remove the copy or correct its id"
    assert found == {
        "a/1071.txt": [("PL601", line, column, column + 4, f"program 1071 is also the id of b/copy.txt (line {line}){tail}")],
        "b/copy.txt": [("PL601", line, column, column + 4, f"program 1071 is also the id of a/1071.txt (line {line}){tail}")],
    }


def test_three_documents_with_one_id_name_the_other_two():
    text = seed_text("1093.txt")
    config = only("PL601")
    results = lint_many([(doc(text, p), config) for p in ("x.txt", "y.txt", "z.txt")])
    messages = {path: [d.message for d in ds] for path, ds in results.items()}
    assert messages["y.txt"] == [
        "program 1093 is also the id of x.txt (line 2) and z.txt (line 2); "
        "one program has one document, so remove the copy or correct its id"
    ]
    assert all(len(m) == 1 for m in messages.values())


def test_heading_id_is_the_program_id_when_the_front_matter_has_none():
    with_id = seed_text("1141.txt")
    without = with_id.replace("id: 1141\n", "")
    config = only("PL601")
    results = lint_many([(doc(with_id, "a.txt"), config), (doc(without, "b.txt"), config)])
    (at_b,) = results["b.txt"]
    heading = line_of(without, "# 1141 - ")
    assert (at_b.span.start_line, at_b.span.start_column) == (heading, column_of(without, heading, "1141"))
    assert at_b.message.startswith(f"program 1141 is also the id of a.txt (line {line_of(with_id, 'id: 1141')})")


def test_zero_padded_heading_id_is_the_same_program():
    a = seed_text("1141.txt").replace("id: 1141\n", "")
    b = a.replace("# 1141 - ", "# 01141 - ")
    results = lint_many([(doc(a, "a.txt"), only("PL601")), (doc(b, "b.txt"), only("PL601"))])
    assert [d.code for d in results["a.txt"]] == ["PL601"] and [d.code for d in results["b.txt"]] == ["PL601"]


def test_seeds_linted_together_have_distinct_ids():
    config = only("PL601")
    results = lint_many([(doc(p.read_text(encoding="utf-8"), str(p)), config) for p in SEED_PATHS])
    assert all(ds == [] for ds in results.values())


def test_one_document_alone_is_never_a_duplicate():
    assert findings(seed_text("1071.txt"), "PL601") == []


def test_duplicate_ids_through_the_cli_on_two_files(tmp_path):
    (tmp_path / "1071.txt").write_text(seed_text("1071.txt"))
    (tmp_path / "1071_v2.txt").write_text(seed_text("1071.txt"))
    result = run(str(tmp_path / "1071.txt"), str(tmp_path / "1071_v2.txt"), "--format", "concise")
    line, column = where(seed_text("1071.txt"), "id: 1071")
    tail = "; one program has one document, so remove the copy or correct its id"
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / '1071.txt'}:{line}:{column}: error PL601 program 1071 is also the id of "
        f"{tmp_path / '1071_v2.txt'} (line {line}){tail}",
        f"{tmp_path / '1071_v2.txt'}:{line}:{column}: error PL601 program 1071 is also the id of "
        f"{tmp_path / '1071.txt'} (line {line}){tail}",
    ]


def test_duplicate_ids_through_the_cli_on_a_folder(tmp_path):
    for path in SEED_PATHS:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"))
    (tmp_path / "again.md").write_text(seed_text("1366.txt"))
    result = run(str(tmp_path), "--format", "concise")
    assert result.returncode == 1
    codes = [(line.split(":")[0], line.split()[2]) for line in result.stdout.splitlines()]
    assert sorted(codes) == [(str(tmp_path / "1366.txt"), "PL601"), (str(tmp_path / "again.md"), "PL601")]


def test_a_suppression_in_one_document_silences_only_that_one(tmp_path):
    text = seed_text("1093.txt")
    quiet = text.replace("id: 1093", "id: 1093  # proglint: disable-line PL601 -- the archived copy")
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(quiet)
    result = run(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "concise")
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{tmp_path / 'a.txt'}:") and " PL601 " in lines[0]


# -- PL602 file-name-id-mismatch -----------------------------------------------------------


def test_file_name_with_another_program_id():
    text = seed_text("1071.txt")
    line, column = where(text, "id: 1071")
    assert findings(text, "PL602", path="docs/1072.txt") == [
        (line, column, column + 4, "the file name 1072.txt says program 1072 but this document's id is 1071; "
         "rename the file to 1071.txt or correct the id")
    ]


def test_file_name_with_a_suffix_after_the_id():
    text = seed_text("1093.txt")
    line, column = where(text, "id: 1093")
    assert findings(text, "PL602", path="1039_v2.txt") == [
        (line, column, column + 4, "the file name 1039_v2.txt says program 1039 but this document's id is 1093; "
         "rename the file to 1093_v2.txt or correct the id")
    ]


def test_zero_padded_file_name_keeps_its_padding_in_the_advice():
    text = seed_text("1141.txt")
    line, column = where(text, "id: 1141")
    assert findings(text, "PL602", path="01114-draft.md") == [
        (line, column, column + 4, "the file name 01114-draft.md says program 1114 but this document's id is 1141; "
         "rename the file to 01141-draft.md or correct the id")
    ]


def test_file_name_compared_with_the_heading_when_the_front_matter_has_no_id():
    text = seed_text("1366.txt").replace("id: 1366\n", "")
    line = line_of(text, "# 1366 - ")
    column = column_of(text, line, "1366")
    assert findings(text, "PL602", path="1367.md") == [
        (line, column, column + 4, "the file name 1367.md says program 1367 but this document's id is 1366; "
         "rename the file to 1366.md or correct the id")
    ]


@pytest.mark.parametrize(
    "name",
    [
        USER_SEED.name,  # 000_...: an export's sequence number, not program 0
        "001_223d96fec14c6a4f.txt",  # a leading zero on fewer than five digits: a sequence number
        "0042.txt",
        "1071v2.txt",  # digits run into a letter
        "20240501_notes.txt",  # a date, longer than any program id
        "notes_1071.txt",  # not at the start
        "4497.txt",  # the right id
        "04497.txt",  # the right id, zero-padded to five digits as archive file names are
        "4497_v2.txt",
        "-",  # standard input
    ],
)
def test_file_names_that_carry_no_other_id(name):
    assert findings(seed_text(), "PL602", path=name) == []


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
def test_seed_file_names_agree_with_their_ids(path):
    assert findings(path.read_text(encoding="utf-8"), "PL602", path=str(path)) == []


def test_file_name_mismatch_through_the_cli(tmp_path):
    (tmp_path / "1093.txt").write_text(seed_text("1071.txt"))
    result = run(str(tmp_path / "1093.txt"), "--format", "concise")
    line, column = where(seed_text("1071.txt"), "id: 1071")
    assert result.returncode == 0  # a warning
    assert result.stdout.splitlines() == [
        f"{tmp_path / '1093.txt'}:{line}:{column}: warning PL602 the file name 1093.txt says program 1093 "
        "but this document's id is 1071; rename the file to 1071.txt or correct the id"
    ]


# -- the real documents ------------------------------------------------------------------------------


def test_seeds_report_nothing_from_the_cross_document_rules():
    result = run("seeds/", "--format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [line for line in result.stdout.splitlines() if any(f" {code} " in line for code in CROSS)]
