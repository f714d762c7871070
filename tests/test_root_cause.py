"""One mistake, one finding: every single-slip mutation of the seeds yields
exactly one finding, at the place to edit.

Each mutation below is a function ``(text, path) -> (text, path) | None``
(None: the slip does not apply to that seed, such as a folder typo in a
table without folders).  The corpus test applies every mutation to every
seed where it applies and lints the result with the default configuration;
``EXCEPTIONS`` lists the (mutation, seed) pairs that are allowed a count
other than one, with the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from proglint.config import Config, Layer
from proglint.pipeline import active, lint
from proglint.source import Source

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

_ROW = re.compile(r"^\|.*\|\s*$")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _table_rows(lines: list[str]) -> list[int]:
    """Indexes of the observation rows (after the header and delimiter)."""
    rows = []
    header = next(i for i, line in enumerate(lines) if line.startswith("| Folder"))
    for i in range(header + 2, len(lines)):
        if not _ROW.match(lines[i]):
            break
        rows.append(i)
    return rows


def _cells(line: str) -> list[str]:
    return line.strip()[1:-1].split("|")


def _join(cells: list[str]) -> str:
    return "|" + "|".join(cells) + "|"


def _with_cells(text, index, change):
    lines = _lines(text)
    cells = _cells(lines[index])
    new = change(cells)
    if new is None:
        return None
    lines[index] = _join(new)
    return "\n".join(lines)


def _continuation(lines):
    """The first row whose Folder cell is blank and that has a row above it."""
    rows = _table_rows(lines)
    return next((i for i in rows[1:] if not _cells(lines[i])[0].strip()), None)


def _block_head(lines):
    """The first row, not the table's first, that names a folder and is followed by continuation rows."""
    rows = _table_rows(lines)
    for i in rows[1:]:
        if _cells(lines[i])[0].strip():
            return i
    return None


def _middle_row(lines):
    rows = _table_rows(lines)
    return rows[len(rows) // 2]


# -- the slips ----------------------------------------------------------------


def continuation_without_folder_cell(text, path):
    """A continuation row that forgot its blank Folder cell (issue 12)."""
    i = _continuation(_lines(text))
    return None if i is None else (_with_cells(text, i, lambda c: c[1:]), path)


def blank_folder_at_block_head(text, path):
    """The folder name left blank on the first row of a block (issue 12)."""
    i = _block_head(_lines(text))
    return None if i is None else (_with_cells(text, i, lambda c: [" " * len(c[0])] + c[1:]), path)


def key_typo(text, path):
    """``proposal_type`` written ``proposal_typ`` (issue 12)."""
    return text.replace("proposal_type:", "proposal_typ:", 1), path


def table_without_outer_pipes(text, path):
    """The table written without its outer pipes, as GitHub renders it (issue 12)."""
    lines = _lines(text)
    header = next(i for i, line in enumerate(lines) if line.startswith("| Folder"))
    for i in [header, header + 1] + _table_rows(lines):
        lines[i] = lines[i].strip()[1:-1].strip()
    return "\n".join(lines), path


def utf16(text, path):
    """The file saved as UTF-16 (issue 12); returned as bytes."""
    return text.encode("utf-16"), path


def front_matter_id_typo(text, path):
    """A typo in the front matter's id only (issue 12)."""
    ident = re.search(r"^id: (\d+)$", text, re.M).group(1)
    return text.replace(f"id: {ident}\n", f"id: {_typo_digits(ident)}\n", 1), path


def heading_id_typo(text, path):
    ident = re.search(r"^id: (\d+)$", text, re.M).group(1)
    return text.replace(f"\n# {ident} - ", f"\n# {_typo_digits(ident)} - ", 1), path


def url_id_typo(text, path):
    ident = re.search(r"^id: (\d+)$", text, re.M).group(1)
    return text.replace(f"?id={ident}\n", f"?id={_typo_digits(ident)}\n", 1), path


def _typo_digits(ident: str) -> str:
    return ident[:-2] + str((int(ident[-2]) + 1) % 10) + ident[-1]


def first_row_target_slip(text, path):
    """The first row of a target renumbered (its slip comes before the correct rows)."""
    return _renumber(text, first=True)


def target_renumbered(text, path):
    """A target renumbered on one (later) row."""
    return _renumber(text, first=False)


def _renumber(text, first):
    lines = _lines(text)
    rows = _table_rows(lines)
    counts = {}
    for i in rows:
        m = re.match(r"\s*\((\d+)\) (.*?)\s*$", _cells(lines[i])[4])
        if m:
            counts.setdefault(m.groups(), []).append(i)
    numbers = {int(n) for n, _ in counts}
    for (number, name), where in counts.items():
        if len(where) >= 3:
            i = where[0] if first else where[len(where) // 2]
            free = max(numbers) + 1
            return _with_cells(text, i, lambda c: c[:4] + [c[4].replace(f"({number})", f"({free})")]), None
    return None


def target_name_typo(text, path):
    """A target name typo on one row (``WASP-39`` -> ``WASP 39``)."""
    lines = _lines(text)
    rows = _table_rows(lines)
    seen = {}
    for i in rows:
        m = re.match(r"\s*\((\d+)\) (.*?)\s*$", _cells(lines[i])[4])
        if m:
            seen.setdefault(m.group(2), []).append(i)
    for name, where in seen.items():
        if len(where) >= 2 and len(name) >= 4:
            typo = name.replace("-", " ", 1) if "-" in name else name[:-1]
            i = where[-1]
            return _with_cells(text, i, lambda c: c[:4] + [c[4].replace(name, typo, 1)]), path
    return None


def duplicated_observation_number(text, path):
    lines = _lines(text)
    rows = _table_rows(lines)
    first = _cells(lines[rows[0]])[1].strip()
    return _with_cells(text, rows[-1], lambda c: [c[0], c[1].replace(c[1].strip(), first, 1)] + c[2:]), path


def wrong_template_case(text, path):
    lines = _lines(text)
    i = _middle_row(lines)
    return _with_cells(text, i, lambda c: c[:3] + [c[3].upper()] + c[4:]), path


def deleted_observation_cell(text, path):
    lines = _lines(text)
    return _with_cells(text, _middle_row(lines), lambda c: c[:1] + c[2:]), path


def deleted_label_cell(text, path):
    lines = _lines(text)
    return _with_cells(text, _middle_row(lines), lambda c: c[:2] + c[3:]), path


def deleted_target_cell(text, path):
    lines = _lines(text)
    return _with_cells(text, _middle_row(lines), lambda c: c[:4]), path


def stray_extra_cell(text, path):
    """An extra empty cell after the Observation cell."""
    lines = _lines(text)
    return _with_cells(text, _middle_row(lines), lambda c: c[:2] + ["  "] + c[2:]), path


def stray_extra_cell_at_end(text, path):
    lines = _lines(text)
    return _with_cells(text, _middle_row(lines), lambda c: c + [" extra "]), path


def deleted_delimiter_row(text, path):
    lines = _lines(text)
    header = next(i for i, line in enumerate(lines) if line.startswith("| Folder"))
    del lines[header + 1]
    return "\n".join(lines), path


def removed_required_key(text, path):
    return re.sub(r"^cycle: .*\n", "", text, count=1, flags=re.M), path


def folder_typo_on_continuation(text, path):
    """A continuation row names the folder above with a typo."""
    lines = _lines(text)
    i = _continuation(lines)
    if i is None:
        return None
    rows = _table_rows(lines)
    above = next((_cells(lines[j])[0].strip() for j in reversed(rows) if j < i and _cells(lines[j])[0].strip()), "")
    if not above:
        return None
    typo = above[:1] + above[2] + above[1] + above[3:] if len(above) > 3 else above + "x"
    width = len(_cells(lines[i])[0])
    return _with_cells(text, i, lambda c: [f" {typo}".ljust(width)] + c[1:]), path


MUTATIONS = [
    continuation_without_folder_cell,
    blank_folder_at_block_head,
    key_typo,
    table_without_outer_pipes,
    utf16,
    front_matter_id_typo,
    heading_id_typo,
    url_id_typo,
    first_row_target_slip,
    target_renumbered,
    target_name_typo,
    duplicated_observation_number,
    wrong_template_case,
    deleted_observation_cell,
    deleted_label_cell,
    deleted_target_cell,
    stray_extra_cell,
    stray_extra_cell_at_end,
    deleted_delimiter_row,
    removed_required_key,
    folder_typo_on_continuation,
]

# Checks that are off by default and are the one finding for a slip: the
# mutation is linted with them selected.
SELECT = {
    "wrong_template_case": ("PL502",),  # template-spelling: the seed 000 writes 'MIRI imaging' on purpose
    "folder_typo_on_continuation": ("PL404",),  # folder-name-typo is off by default (target-named folders)
}

# The check that is the one finding for each slip.
EXPECTED = {
    "continuation_without_folder_cell": "PL011",
    "blank_folder_at_block_head": "PL403",
    "key_typo": "PL101",
    "table_without_outer_pipes": "PL009",
    "utf16": "PL001",
    "front_matter_id_typo": "PL120",
    "heading_id_typo": "PL120",
    "url_id_typo": "PL121",
    "first_row_target_slip": "PL321",
    "target_renumbered": "PL321",
    "target_name_typo": "PL320",
    "duplicated_observation_number": "PL220",
    "wrong_template_case": "PL502",
    "deleted_observation_cell": "PL011",
    "deleted_label_cell": "PL011",
    "deleted_target_cell": "PL011",
    "stray_extra_cell": "PL011",
    "stray_extra_cell_at_end": "PL011",
    "deleted_delimiter_row": "PL010",
    "removed_required_key": "PL102",
    "folder_typo_on_continuation": "PL404",
}

# (mutation name, seed file name) -> why the count is not one.
# (mutation, seed) -> (the number of findings it gives instead of one, why)
EXCEPTIONS: dict[tuple[str, str], tuple[int, str]] = {
    ("blank_folder_at_block_head", "1141.txt"): (
        0,
        "1141's folders are steps ('Iteration with bore sight change') of one target: a row whose folder name "
        "was left blank reads exactly as a row that continues the step above, so no check can tell",
    ),
}


def _config(mutation) -> Config:
    config = Config()
    if mutation.__name__ in SELECT:
        config = config.with_layer(Layer(extend_select=SELECT[mutation.__name__]))
    return config


def mutate(mutation, seed: Path):
    """The findings the slip adds to the seed's own (none under the default
    configuration; a check selected for the slip may have some), or None
    when the slip does not apply to the seed."""
    text = seed.read_text(encoding="utf-8")
    result = mutation(text, seed.name)
    if result is None or result[0] is None:
        return None
    data, path = result
    path = path or seed.name
    source = Source.from_bytes(path, data) if isinstance(data, bytes) else Source.from_text(path, data)
    config = _config(mutation)
    before = {(d.code, d.span, d.message) for d in active(lint(Source.from_text(seed.name, text), config))}
    found = active(lint(source, config))
    assert len(found) >= len(before)
    return [d for d in found if (d.code, d.span, d.message) not in before]


def cases():
    for mutation in MUTATIONS:
        for seed in SEEDS:
            text = seed.read_text(encoding="utf-8")
            if mutation(text, seed.name) is not None:
                yield pytest.param(mutation, seed, id=f"{mutation.__name__}-{seed.stem}")


@pytest.mark.parametrize("mutation, seed", list(cases()))
def test_one_slip_one_finding(mutation, seed):
    found = mutate(mutation, seed)
    exception = EXCEPTIONS.get((mutation.__name__, seed.name))
    if exception is not None:  # asserted as it is, so a change in either direction is noticed
        assert len(found) == exception[0], exception[1]
        return
    if mutation.__name__ not in SELECT:
        assert not active(lint(Source.from_text(seed.name, seed.read_text(encoding="utf-8")), Config()))
    assert len(found) == 1, "\n".join(f"{d.span.start_line}:{d.span.start_column} {d.code} {d.message}" for d in found)
    assert found[0].code == EXPECTED[mutation.__name__], found[0].message


if __name__ == "__main__":  # a table of the counts: python tests/test_root_cause.py
    for mutation in MUTATIONS:
        for seed in SEEDS:
            found = mutate(mutation, seed)
            if found is None:
                continue
            print(f"{mutation.__name__:36} {seed.stem:22} {len(found):3}  " + ", ".join(sorted({d.code for d in found})))
            for d in found:
                print(f"      {d.span.start_line}:{d.span.start_column} {d.code} {d.message[:150]}")


# -- the slips, at line, column and message ---------------------------

SEED_1366 = next(s for s in SEEDS if s.name == "1366.txt")


def _lint_text(text: str, path: str = "1366.txt", config: Config | None = None):
    return active(lint(Source.from_text(path, text), config or Config()))


def test_a_continuation_row_without_its_folder_cell_is_one_finding_at_the_row_start_with_a_fix():
    from proglint.fix import apply

    text, _ = continuation_without_folder_cell(SEED_1366.read_text(encoding="utf-8"), "1366.txt")
    [found] = _lint_text(text)
    assert (found.code, found.span.start_line, found.span.start_column) == ("PL011", 22, 1)
    assert "the Folder cell is missing ('2' stands in the Folder column" in found.message
    assert found.fix is not None
    fixed, applied = apply(Source.from_text("1366.txt", text), [found])
    assert applied == 1
    assert _lint_text(fixed) == []


def test_a_front_matter_id_typo_is_reported_in_the_front_matter_not_the_heading_or_url():
    text, _ = front_matter_id_typo(SEED_1366.read_text(encoding="utf-8"), "1366.txt")
    [found] = _lint_text(text)
    assert (found.code, found.span.start_line, found.span.start_column) == ("PL120", 2, 5)
    assert found.message.startswith("the front matter's id is 1376 but the heading, the URL and the file name say 1366")
    assert "1376" not in found.message.split(";")[1]  # never advises copying the typo


def test_a_target_name_typo_gets_did_you_mean():
    text = SEED_1366.read_text(encoding="utf-8").replace(
        "| 4            | nirspec prism         | NIRSpec Bright Object Time Series           | (1) WASP-39     |",
        "| 4            | nirspec prism         | NIRSpec Bright Object Time Series           | (1) WASP 39     |",
    )
    [found] = _lint_text(text)
    assert (found.code, found.span.start_line) == ("PL320", 24)
    assert found.message.startswith("did you mean WASP-39? target 1 is WASP-39 on line 21")
    assert "number of its own" not in found.message


def test_a_key_typo_is_one_finding_with_a_rename():
    text, _ = key_typo(SEED_1366.read_text(encoding="utf-8"), "1366.txt")
    [found] = _lint_text(text)
    assert (found.code, found.span.start_line, found.span.start_column) == ("PL101", 3, 1)
    assert found.message.endswith("did you mean 'proposal_type', which is missing?")
    assert [e.text for e in found.fix.edits] == ["proposal_type"]


def test_a_table_without_outer_pipes_is_reported_once_at_its_header():
    text, _ = table_without_outer_pipes(SEED_1366.read_text(encoding="utf-8"), "1366.txt")
    [found] = _lint_text(text)
    assert (found.code, found.span.start_line, found.span.start_column) == ("PL009", 19, 1)
    assert "has no outer pipes" in found.message


def test_a_root_whose_check_is_off_hides_nothing():
    """The mechanism: a root cause turned off by configuration does not
    silence its consequences (no finding disappears unexplained)."""
    data, _ = utf16(SEED_1366.read_text(encoding="utf-8"), "1366.txt")
    found = active(lint(Source.from_bytes("1366.txt", data), Config().with_layer(Layer(ignore=("PL001",)))))
    assert {"PL003", "PL006"} <= {d.code for d in found}


def test_prune_keeps_roots_and_drops_what_they_cover():
    from proglint.diagnostic import Diagnostic, Severity
    from proglint.rootcause import prune
    from proglint.span import Span

    row = Span(5, 1, 5, 40)
    root = Diagnostic("PL011", "table-row-cells", Severity.ERROR, "root", Span.point(5, 1), covers=(row,))
    inner = Diagnostic("PL501", "unknown-template", Severity.ERROR, "follows", Span(5, 10, 5, 20))
    outside = Diagnostic("PL501", "unknown-template", Severity.ERROR, "other row", Span(6, 10, 6, 20))
    nested = Diagnostic("PL402", "x", Severity.WARNING, "nested root", Span(5, 2, 5, 3), covers=(Span(5, 2, 5, 3),))
    assert prune([root, inner, outside, nested]) == [root, outside]
