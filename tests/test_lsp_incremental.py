"""The language server's incremental re-lint (proglint.lsp.incremental), in
process: after any sequence of edits, the findings and their LSP forms are
exactly those of a fresh lint of the final text.  Also the adaptive
debounce as a function (no clock involved)."""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, seed_text

pytest.importorskip("pygls")

from proglint.lsp import convert  # noqa: E402
from proglint.lsp.incremental import LspCache, Reads, StageMemo, tracked  # noqa: E402
from proglint.lsp.server import DEBOUNCE_MAX, DEBOUNCE_MIN, debounce_for  # noqa: E402
from proglint.lsp.workspace import Buffer, Workspace  # noqa: E402
from proglint.parse import parse  # noqa: E402
from proglint.pipeline import active, lint_many  # noqa: E402
from proglint.source import Source  # noqa: E402

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate_document  # noqa: E402

BASE = seed_text()
NEIGHBOUR = generate_document(random.Random(5), 12, program_id=4497)  # same id: a cross-document finding


def lint_with(space: Workspace, path: Path, text: str, revision: int):
    buffer = Buffer(path.as_uri(), path, text, revision, revision)
    (outcome,) = space.lint([buffer], {path: buffer})
    return outcome


def lsp_form(diagnostic):
    d = diagnostic
    return (d.code, d.message, d.severity, d.range, d.related_information, d.tags, d.data)


class Session:
    """One folder with a program document on disk beside the edited one; an
    incremental workspace that sees every edit, compared after each with a
    fresh workspace that sees only the current text."""

    def __init__(self, folder: Path) -> None:
        (folder / "other.txt").write_text(NEIGHBOUR, encoding="utf-8")
        self.path = folder / "edited.txt"
        self.path.write_text(BASE, encoding="utf-8")
        self.folder = folder
        self.space = Workspace()
        self.space.folders = [folder]
        self.cache = LspCache()
        self.revision = 0

    def check(self, text: str) -> None:
        self.revision += 1
        kept = lint_with(self.space, self.path, text, self.revision)
        fresh_space = Workspace()
        fresh_space.folders = [self.folder]
        fresh = lint_with(fresh_space, self.path, text, self.revision)
        assert kept.linted == fresh.linted
        assert kept.diagnostics == fresh.diagnostics
        if kept.linted:
            assert kept.diagnostics == self.command_line(text, fresh_space)
        if kept.document is not None:
            assert kept.document == fresh.document
        uri = self.path.as_uri()
        converted = [self.cache.convert(d, kept.source, uri) for d in kept.diagnostics]
        self.cache.turn()
        assert [lsp_form(d) for d in converted] == [
            lsp_form(convert.to_lsp(d, fresh.source, uri)) for d in fresh.diagnostics
        ]

    def command_line(self, text: str, space: Workspace) -> list:
        """What a command-line run finds for the edited text beside its
        neighbour: no memo of any kind (the schema check's row memo off)."""
        from proglint.schema import stage

        saved = stage.REMEMBER_ROWS
        stage.REMEMBER_ROWS = False
        try:
            config = space.config_for(self.path)
            items = [(parse(Source.from_text(str(self.path), text)), config),
                     (parse(Source.from_text(str(self.folder / "other.txt"), NEIGHBOUR)), config)]
            return active(lint_many(items, only={str(self.path)})[str(self.path)])
        finally:
            stage.REMEMBER_ROWS = saved


# -- edits -------------------------------------------------------------------

CHARS = st.sampled_from(list("| 0123456789x(#-:\\é😀\n") + ["NONE", "4498", "| 7 |", "<!-- proglint-disable-line -->"])


@st.composite
def edit(draw, text: str):
    lines = text.split("\n")
    n = draw(st.integers(0, max(0, len(lines) - 1)))
    line = lines[n]
    kind = draw(st.sampled_from(
        ["insert", "delete", "drop-line", "copy-line", "move-line", "blank-line", "clear-line", "id", "number"]
    ))
    if kind == "insert":
        at = draw(st.integers(0, len(line)))
        lines[n] = line[:at] + draw(CHARS) + line[at:]
    elif kind == "delete" and line:
        at = draw(st.integers(0, len(line) - 1))
        lines[n] = line[:at] + line[at + 1:]
    elif kind == "drop-line" and len(lines) > 1:
        del lines[n]
    elif kind == "copy-line":  # a table row twice: duplicate observation numbers
        lines.insert(n, line)
    elif kind == "move-line" and len(lines) > 1:
        del lines[n]
        lines.insert(draw(st.integers(0, len(lines))), line)
    elif kind == "blank-line":
        lines.insert(n, "")
    elif kind == "clear-line":  # same lines, same sections: only what a rule reads of the text differs
        lines[n] = ""
    elif kind == "id":  # the program id in the front matter, heading or URL
        where = [i for i, t in enumerate(lines) if "4497" in t]
        if where:
            i = draw(st.sampled_from(where))
            lines[i] = lines[i].replace("4497", draw(st.sampled_from(["4498", "", "44 97", "abc"])), 1)
    elif kind == "number":  # an observation number, maybe to one used on another row
        rows = [i for i, t in enumerate(lines) if t.startswith("|") and t.count("|") >= 6]
        if rows:
            i = draw(st.sampled_from(rows))
            cells = lines[i].split("|")
            cells[2] = f" {draw(st.integers(0, 20))} "
            lines[i] = "|".join(cells)
    return "\n".join(lines)


@settings(max_examples=40, suppress_health_check=[HealthCheck.data_too_large])
@given(st.data())
def test_incremental_lint_equals_a_fresh_lint_after_any_edits(data):
    with tempfile.TemporaryDirectory() as tmp:
        session = Session(Path(tmp))
        text = BASE
        session.check(text)
        for _ in range(data.draw(st.integers(1, 12), label="edits")):
            text = data.draw(edit(text), label="text")
            session.check(text)


def test_named_edits_stay_exact(tmp_path: Path):
    """The edits the brief names, one after another: rows inserted and
    deleted, the id changed in the front matter, a row used by a cross-row
    rule (a duplicated observation number) changed and changed back."""
    session = Session(tmp_path)
    lines = BASE.split("\n")
    steps = []
    steps.append(lines[:22] + [lines[22]] + lines[22:])  # a row copied: duplicate number 15
    steps.append(lines[:22] + lines[23:])  # a row deleted
    steps.append(["id: 4498" if t == "id: 4497" else t for t in lines])  # the id in the front matter
    steps.append([t.replace("| 16 ", "| 15 ") for t in lines])  # PL220 by a changed number
    steps.append(lines)  # and back
    steps.append(lines[:5] + [""] + lines[5:])  # a blank line inside the front matter
    steps.append(lines + ["", "| x | 1 | MIRI Imaging | MIRI imaging | (1) GD153 |"])  # a row after the end
    abstract = [i for i, t in enumerate(lines) if i > lines.index("## ABSTRACT") and t.strip() and i < 52]
    steps.append(["" if i in abstract else t for i, t in enumerate(lines)])  # PL023: same sections, empty text
    steps.append(lines)
    session.check(BASE)
    for step in steps:
        session.check("\n".join(step))


def test_a_keystroke_in_the_prose_reuses_the_rows_and_the_table_rules(tmp_path: Path):
    session = Session(tmp_path)
    session.check(BASE)
    before = session.space.stages.computed
    session.check(BASE + " ")
    reran = session.space.stages.computed - before
    assert 0 < reran < 10, "a keystroke after the table should rerun only the stages reading that line"
    kept = session.space._buffers[session.path][3]
    assert kept.misses == len([t for t in BASE.split("\n") if t.startswith("| ") and "---" not in t]) - 1  # first parse only


def test_reads_record_lines_and_fields():
    source = Source.from_text("doc.txt", BASE)
    document = parse(source)
    reads = Reads()
    view = tracked(document, reads)
    assert view.path == "doc.txt" and view.source.line(3) == BASE.split("\n")[2]
    assert view.table is document.table
    assert set(reads.fields) == {"table"} and set(reads.lines) == {3}
    assert reads.still_true(parse(Source.from_text("doc.txt", BASE + " ")))
    assert not reads.still_true(parse(Source.from_text("doc.txt", BASE.replace('"calibration"', '"x"'))))
    reads = Reads()
    assert tracked(document, reads).source.text == BASE  # the whole text: any change reruns
    assert not reads.still_true(parse(Source.from_text("doc.txt", BASE + " ")))


def test_a_stage_that_raises_is_not_kept():
    memo = StageMemo()
    document = parse(Source.from_text("doc.txt", BASE))
    from proglint.config import Config

    config = Config()

    def boom(docs):
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        memo.run("PL999", [document], config, boom)
    assert memo.run("PL999", [document], config, lambda docs: [1]) == [1]
    assert memo.run("PL999", [document], config, boom) == [1]  # reused: nothing it read changed
    assert memo.run("PL999", [document], Config(), lambda docs: [2]) == [2]  # another configuration


# -- debounce ----------------------------------------------------------------


def test_debounce_follows_the_cost_of_the_last_lint_within_bounds():
    assert debounce_for(None, None) == DEBOUNCE_MAX  # nothing measured yet
    assert debounce_for(0.001, None) == DEBOUNCE_MIN  # cheap: published soon after the keystroke
    assert DEBOUNCE_MIN < debounce_for(0.03, None) < DEBOUNCE_MAX
    assert debounce_for(0.03, None) == pytest.approx(0.03)  # once the work: keystroke -> publish ~ twice the work
    assert debounce_for(5.0, None) == DEBOUNCE_MAX
    assert debounce_for(0.01, None) <= debounce_for(0.05, None)


def test_an_explicit_debounce_wins_over_the_measured_cost():
    for fixed in (0.0, 0.05, 0.5, 30.0):
        for cost in (None, 0.0001, 0.1, 10.0):
            assert debounce_for(cost, fixed) == fixed
