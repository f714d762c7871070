"""The job runner (``proglint.runner``), run in-process so that mutation
testing sees it: what a task reports for a file it cannot read, one over the
size limit, one that is not a program document; the lines the report shows;
the cache's confirmation by content; ``--fix``, ``--diff`` and
``--show-fixes`` through the runner; and the same output, byte for byte,
with ``--jobs 1`` and ``--jobs 2`` (with and without ``--fix``).
"""

from __future__ import annotations

import io
import os
import sys

import pytest

from proglint import runner

from conftest import ROOT, forbid_linting, run_main, seed_text

EXAMPLE = (ROOT / "examples" / "fixing" / "1071.txt").read_text(encoding="utf-8")
SEED = seed_text()
SIZE = len(SEED.encode("utf-8"))
NOT_A_DOCUMENT = "Shopping list\n\n- eggs\n- milk\n"


lint = run_main


# -- the lines the report shows ----------------------------------------------------


def test_the_text_report_shows_the_lines_of_findings_and_unused_suppressions(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    code, out, _ = lint(capsys, "1071.txt", "--no-cache")
    assert code == 1
    assert out.split("\n\n")[0] == (
        "1071.txt:3:1: error PL101 [front-matter-unknown-key] unknown key 'proposal_typ' in the front matter; "
        "did you mean 'proposal_type', which is missing?\n"
        "  |\n"
        '3 | proposal_typ: "COM/NIRCAM"\n'
        "  | ^^^^^^^^^^^^\n"
        "1071.txt:23:16: error PL220 [observation-number-duplicate] observation 2 is already used on line 22; "
        "give this observation its own number (11 is free)\n"
        "   |\n"
        "23 | |            | 2            | FGS-1, GS#3  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |\n"
        "   |                ^\n"
        "  note: 1071.txt:22:16: observation 2 is first used here\n"
        "1071.txt:36:24: warning PL701 [unused-suppression] unused suppression: nothing here is PL220; remove it\n"
        "   |\n"
        "36 | Commissioning activity <!-- proglint-disable-line PL220 --> that determines the absolute alignment "
        "between NIRCam and the two FGS guiders.\n"
        "   |                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"
    )


def test_the_report_shows_the_line_of_a_bad_suppression_comment(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = SEED.replace("\n## ABSTRACT", "\n<!-- proglint-disable-next-line PL9999 -->\n## ABSTRACT", 1)
    assert text != SEED
    (tmp_path / "p.txt").write_text(text, encoding="utf-8")
    _, out, _ = lint(capsys, "p.txt", "--no-cache")
    line = text.split("\n").index("<!-- proglint-disable-next-line PL9999 -->") + 1
    head, snippet = out.split("\n")[0], out.split("\n")[2]
    assert head.startswith(f"p.txt:{line}:")
    assert snippet == f"{line} | <!-- proglint-disable-next-line PL9999 -->"


def test_a_cross_document_finding_shows_the_other_documents_line(tmp_path, capsys, monkeypatch):
    """The lines a cross-document finding points at come from each
    document's summary, kept with its outcome (the document itself is gone)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1071.txt").write_text(seed_text("1071.txt"), encoding="utf-8")
    (tmp_path / "a" / "copy.txt").write_text(seed_text("1071.txt"), encoding="utf-8")
    code, out, _ = lint(capsys, "a", "--no-cache", "--select", "PL601")
    assert code == 1
    id_line = seed_text("1071.txt").split("\n").index("id: 1071") + 1
    assert f"{id_line} | id: 1071" in out
    assert out.startswith("a/1071.txt:") or out.startswith("a/copy.txt:")


# -- files that cannot be read, are too large, or are not documents ---------------


def test_a_fifo_is_reported_not_read(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "f.txt")
    code, out, _ = lint(capsys, "f.txt", "--no-cache", "--format", "concise")
    assert code == 1
    assert out == (
        "f.txt:1:1: error PL014 cannot read the file: it is a FIFO (named pipe), not a regular file, and proglint "
        "reads only regular files; to lint what it holds, pipe it to 'proglint -' (with --stdin-filename NAME)\n"
    )


def test_a_file_that_vanished_says_why(tmp_path):
    """A file found, then deleted before its task ran: the reason is the
    system's, without the path twice."""
    from proglint.config import Config

    outcome = runner.perform(runner.Task(str(tmp_path / "gone.txt"), 0, True), runner.Settings((Config(),)))
    assert (outcome.path, outcome.examined, outcome.unreadable) == (
        str(tmp_path / "gone.txt"), None, "cannot read the file: No such file or directory",
    )


def too_large(tmp_path, limit: int) -> None:
    (tmp_path / "proglint.toml").write_text(f"max-file-size = {limit}\n")


def test_a_named_file_over_the_limit_is_reported(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    too_large(tmp_path, SIZE - 1)
    (tmp_path / "p.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "list.txt").write_text(NOT_A_DOCUMENT * (SIZE // len(NOT_A_DOCUMENT) + 1), encoding="utf-8")
    code, out, _ = lint(capsys, "p.txt", "list.txt", "--no-cache", "--format", "concise")
    assert code == 1
    message = (
        f"error PL016 the file is not checked: proglint reads at most {SIZE - 1:,} bytes of a file (max-file-size) "
        "and this one holds {size:,} bytes; a program document is a few kilobytes, so check that this is the "
        "right file (a table of 100,000 rows still fits)"
    )
    big = (tmp_path / "list.txt").stat().st_size
    assert out.splitlines() == [f"list.txt:1:1: {message.format(size=big)}", f"p.txt:1:1: {message.format(size=SIZE)}"]


def test_a_large_file_found_in_a_folder_is_reported_only_if_it_is_a_document(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    too_large(tmp_path, SIZE - 1)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "p.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "docs" / "list.txt").write_text(NOT_A_DOCUMENT * (SIZE // len(NOT_A_DOCUMENT) + 1), encoding="utf-8")
    code, out, _ = lint(capsys, "docs", "--no-cache", "--format", "concise")
    assert code == 1
    assert [line.split(" ")[0:3] for line in out.splitlines()] == [["docs/p.txt:1:1:", "error", "PL016"]]
    # named, but with --skip-non-documents: the same question is asked
    code, out, _ = lint(capsys, "docs/list.txt", "docs/p.txt", "--skip-non-documents", "--no-cache", "--format", "concise")
    assert [line.split(" ")[0:3] for line in out.splitlines()] == [["docs/p.txt:1:1:", "error", "PL016"]]


def test_standard_input_over_the_limit_holds_more_than_that(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    too_large(tmp_path, 2 * 2**20)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((SEED + "\n" + "x" * 2**21).encode("utf-8"))))
    code, out, _ = lint(capsys, "-", "--stdin-filename", "p.txt", "--no-cache", "--format", "concise")
    assert code == 1
    assert out == (
        "p.txt:1:1: error PL016 the file is not checked: proglint reads at most 2,097,152 bytes (2 MiB) of a file "
        "(max-file-size) and this one holds more than that; a program document is a few kilobytes, so check that "
        "this is the right file (a table of 100,000 rows still fits)\n"
    )


def test_standard_input_at_the_limit_is_linted(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    too_large(tmp_path, SIZE)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.encode("utf-8"))))
    assert lint(capsys, "-", "--stdin-filename", "p.txt", "--no-cache", "--format", "concise") == (0, "", "")


def test_a_file_that_is_not_a_document_is_linted_only_when_named(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "list.txt").write_text(NOT_A_DOCUMENT, encoding="utf-8")
    assert lint(capsys, "docs", "--no-cache", "--format", "concise")[:2] == (0, "")
    code, out, _ = lint(capsys, "docs/list.txt", "--no-cache", "--format", "concise")
    assert code == 1 and out.startswith("docs/list.txt:1:1: error ")
    assert lint(capsys, "docs/list.txt", "--skip-non-documents", "--no-cache", "--format", "concise")[:2] == (0, "")


def test_a_named_file_that_is_not_a_document_is_linted_with_the_cache_on_too(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.txt").write_text(NOT_A_DOCUMENT, encoding="utf-8")
    cold = lint(capsys, "list.txt", "--format", "concise")
    assert cold[0] == 1 and cold[1].startswith("list.txt:1:1: error ")
    os.utime(tmp_path / "list.txt", ns=(1_000_000_000, 1_000_000_000))
    assert lint(capsys, "list.txt", "--format", "concise") == cold


def test_a_too_large_file_in_the_text_report(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    too_large(tmp_path, 100)
    (tmp_path / "p.txt").write_text(SEED, encoding="utf-8")
    code, out, _ = lint(capsys, "p.txt", "--no-cache")
    assert code == 1
    assert out.split("\n")[1:5] == ["  |", "1 | ", "  | ^", ""]


def test_every_outcome_names_its_task_in_task_order(tmp_path):
    """The runner's contract, for each kind of outcome: a document, one too
    large (named, and found in a folder), one that vanished, and a file that
    is not a document."""
    from proglint.config import Config

    (tmp_path / "p.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "big.txt").write_text(SEED + "\n" * 5000, encoding="utf-8")
    (tmp_path / "list.txt").write_text(NOT_A_DOCUMENT * 1000, encoding="utf-8")
    (tmp_path / "short.txt").write_text(NOT_A_DOCUMENT, encoding="utf-8")
    tasks = [runner.Task(str(tmp_path / name), 0, explicit) for name, explicit in (
        ("p.txt", True), ("big.txt", True), ("big.txt", False), ("list.txt", False), ("gone.txt", True), ("list.txt", True),
        ("short.txt", False),
    )]
    settings = runner.Settings((Config(max_file_size=SIZE + 10),))
    outcomes = list(runner.run(tasks, settings, jobs=1))
    assert [o.path for o in outcomes] == [t.path for t in tasks]
    assert [o.examined is None for o in outcomes] == [False, False, False, True, True, False, True]
    assert (outcomes[-1].unreadable, outcomes[-1].excerpt) == (None, None)  # found in a folder, not a document: skipped
    for outcome in outcomes[1:3]:
        (problem,) = outcome.examined.found
        assert (problem.code, problem.path, problem.span) == ("PL016", outcome.path, (1, 1, 1, 1))
        assert outcome.examined.path == outcome.path and outcome.excerpt.path == outcome.path
        assert (outcome.excerpt.line_count, outcome.excerpt.kept(), outcome.excerpt.line(1)) == (1, {}, "")


def test_the_workers_entry_points_give_what_perform_gives(tmp_path):
    """A pool's workers get the settings once (``_init``) and then batches
    of tasks; mutmut cannot follow calls into the forked workers, so the two
    entry points are called here directly."""
    import gc

    from proglint.config import Config

    (tmp_path / "a.txt").write_text(EXAMPLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SEED, encoding="utf-8")
    tasks = [runner.Task(str(tmp_path / "a.txt"), 0, True), runner.Task(str(tmp_path / "b.txt"), 0, True)]
    settings = runner.Settings((Config(),), fix=True, diff=True)
    try:
        runner._init(settings)
        batch = runner._perform_batch(tasks)
    finally:
        gc.unfreeze()
        runner._WORKER_SETTINGS = None
    alone = [runner.perform(task, settings) for task in tasks]
    assert [(o.path, o.examined, o.diff, o.fixes) for o in batch] == [(o.path, o.examined, o.diff, o.fixes) for o in alone]
    assert batch[0].diff.startswith(f"--- a/{tmp_path / 'a.txt'}".replace("\\", "/")) and batch[1].diff == ""


def test_a_utf16_file_in_a_folder_is_reported_not_skipped(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "p.txt").write_bytes(SEED.encode("utf-16"))
    code, out, _ = lint(capsys, "docs", "--no-cache", "--format", "concise")
    assert code == 1
    assert out.splitlines()[0].startswith("docs/p.txt:1:1: error PL001 ")


# -- the cache: confirmed by content, renewed after --fix ----------------------------


def test_a_touched_file_is_confirmed_by_its_content_not_linted(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    cold = lint(capsys, "1071.txt", "--format", "concise")
    assert cold[0] == 1 and "PL220" in cold[1]
    os.utime(tmp_path / "1071.txt", ns=(1_000_000_000, 1_000_000_000))
    with monkeypatch.context() as patch:
        forbid_linting(patch)
        assert lint(capsys, "1071.txt", "--format", "concise") == cold
    # a change of content with the same size is linted again
    (tmp_path / "1071.txt").write_text(EXAMPLE.replace("proposal_typ:", "proposal_tyq:"), encoding="utf-8")
    code, out, _ = lint(capsys, "1071.txt", "--format", "concise")
    assert "'proposal_tyq'" in out


def test_fix_with_the_cache_lints_the_confirmed_file_and_then_caches_what_it_wrote(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "1071.txt"
    path.write_text(EXAMPLE, encoding="utf-8")
    lint(capsys, "1071.txt", "--format", "concise")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # only the stat changed: the cache would confirm it
    code, out, _ = lint(capsys, "1071.txt", "--fix", "--format", "concise")
    assert "<!-- proglint-disable-line" not in path.read_text(encoding="utf-8")
    after = (code, out)
    assert "PL701" not in out and "PL220" in out
    with monkeypatch.context() as patch:
        forbid_linting(patch)  # what --fix wrote is in the cache, with its new stat and hash
        assert lint(capsys, "1071.txt", "--format", "concise")[:2] == after
        os.utime(path, ns=(2_000_000_000, 2_000_000_000))
        assert lint(capsys, "1071.txt", "--format", "concise")[:2] == after


# -- --fix, --diff and --show-fixes ---------------------------------------------------


def test_fix_reports_the_findings_of_the_file_as_written(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    code, out, _ = lint(capsys, "1071.txt", "--fix", "--unsafe-fixes", "--no-cache", "--format", "concise")
    fixed = (tmp_path / "1071.txt").read_text(encoding="utf-8")
    assert 'proposal_type: "COM/NIRCAM"' in fixed and "<!--" not in fixed
    assert code == 0 and out == ""


def test_diff_prints_the_change_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    code, out, _ = lint(capsys, "1071.txt", "--diff", "--no-cache")
    assert code == 1
    assert (tmp_path / "1071.txt").read_text(encoding="utf-8") == EXAMPLE
    assert out == (
        "--- a/1071.txt\n+++ b/1071.txt\n@@ -33,7 +33,7 @@\n \n ## ABSTRACT\n \n"
        "-Commissioning activity <!-- proglint-disable-line PL220 --> that determines the absolute alignment "
        "between NIRCam and the two FGS guiders.\n"
        "+Commissioning activity that determines the absolute alignment between NIRCam and the two FGS guiders.\n"
        " \n ---\n \n"
    )


def test_show_fixes_without_fix_lists_and_keeps_the_findings(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    code, out, err = lint(capsys, "1071.txt", "--show-fixes", "--no-cache", "--format", "concise")
    assert code == 1
    assert (tmp_path / "1071.txt").read_text(encoding="utf-8") == EXAMPLE
    assert [line.split(" ")[0] for line in out.splitlines()] == ["1071.txt:3:1:", "1071.txt:23:16:", "1071.txt:36:24:"]
    assert "36:24  PL701 [unused-suppression] remove the suppression comment" in err + out


def test_diff_of_a_file_that_is_not_utf8_would_not_be_written(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = SEED.replace("muCol", "mu\xe9Col", 1).encode("latin-1")
    (tmp_path / "p.txt").write_bytes(data)
    code, out, _ = lint(capsys, "p.txt", "--extend-select", "PL502", "--ignore", "PL001", "--show-fixes", "--no-cache",
                        "--format", "concise")
    assert code == 1 and (tmp_path / "p.txt").read_bytes() == data
    assert ("p.txt:1:1: error PL902 the file is not valid UTF-8, so its 6 fix(es) would not be written "
            "(writing it would replace the bytes that are not); save it as UTF-8 first") in out.splitlines()


def test_an_ambiguous_fix_keeps_the_file_and_says_why(tmp_path, capsys, monkeypatch):
    """A team fix into a row the parser could not read (PL011, the team rule
    of test_fix_cli): the file is left whole, and PL902 says why."""
    from test_fix_cli import team

    monkeypatch.chdir(tmp_path)
    team(tmp_path)
    lines = seed_text("1071.txt").split("\n")
    lines[22] = "|            | 3            | FGS-1, GS#3  |"
    text = "\n".join(lines).replace("FGS-1", "fgs-1")
    (tmp_path / "1071.txt").write_text(text, encoding="utf-8")
    for flag, verb in (("--fix", "were not written"), ("--show-fixes", "would not be written")):
        code, out, _ = lint(capsys, "1071.txt", flag, "--no-cache", "--format", "concise")
        assert code == 1 and (tmp_path / "1071.txt").read_text(encoding="utf-8") == text
        assert out.splitlines()[0] == (
            f"1071.txt:1:1: error PL902 its fixes {verb}: the TM900 fix at line 12 edits line 23, which the parser "
            "could not read (PL011 at line 23, column 45); fix that problem first, then run --fix again"
        )


# -- --jobs --------------------------------------------------------------------------


@pytest.fixture
def many(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for index in range(runner.PARALLEL_THRESHOLD + 6):
        (folder / f"{1000 + index}.txt").write_text(EXAMPLE.replace("1071", str(1000 + index)), encoding="utf-8")
    return folder


def test_jobs_do_not_change_the_output_of_a_fix(many, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "copy"
    copy.mkdir()
    for file in many.iterdir():
        (copy / file.name).write_bytes(file.read_bytes())
    one = lint(capsys, "many", "--fix", "--jobs", "1", "--no-cache", "--format", "concise")
    two = lint(capsys, "copy", "--fix", "--jobs", "2", "--no-cache", "--format", "concise")
    assert one[0] == two[0] == 1
    assert one[1].replace("many/", "") == two[1].replace("copy/", "") and "PL220" in one[1] and "PL701" not in one[1]
    assert one[2].replace("many", "copy") == two[2]
    assert {f.name: f.read_bytes() for f in many.iterdir()} == {f.name: f.read_bytes() for f in copy.iterdir()}
    assert b"<!--" not in (many / "1000.txt").read_bytes()


def test_jobs_do_not_change_a_diff(many, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    one = lint(capsys, "many", "--diff", "--jobs", "1", "--no-cache")
    two = lint(capsys, "many", "--diff", "--jobs", "2", "--no-cache")
    assert one == two and one[1].count("+++ b/many/") == runner.PARALLEL_THRESHOLD + 6


# -- the portfolio's figures and --debug, through the runner ------------------------------


def test_the_figures_are_taken_only_for_the_report(tmp_path):
    """``proglint report`` asks each task for its portfolio figures, taken
    while the document is parsed; a plain run takes none."""
    from proglint.config import Config
    from proglint.portfolio.figures import DocumentFigures

    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    task = runner.Task(str(tmp_path / "1071.txt"), 0, True)
    (outcome,) = runner.run([task], runner.Settings((Config(),), figures=True), jobs=1)
    assert outcome.figures == DocumentFigures(
        path=str(tmp_path / "1071.txt"), program_id="1071", title="NIRCam Absolute FGS-NIRCam Alignment",
        proposal_type=None, cycle="0",  # 'proposal_typ' is misspelled
        observations=10, targets=1, templates=(("NIRCam Imaging", 10),), instruments=(("NIRCam", 10),),
    )
    (plain,) = runner.run([task], runner.Settings((Config(),)), jobs=1)
    assert plain.figures is None and plain.examined == outcome.examined


CRASHING_RULE = '''
from proglint.api import rule


@rule("TM901", "always-crashes", "warning", "A team rule with a bug.")
def always_crashes(document, context):
    """Divides by zero on every document."""
    return [1 / 0]
'''


def crashing_team(tmp_path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "crash.py").write_text(CRASHING_RULE, encoding="utf-8")
    (tmp_path / "proglint.toml").write_text('rule-paths = ["team"]\n', encoding="utf-8")


def test_debug_prints_the_traceback_of_a_rule_that_crashes(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    crashing_team(tmp_path)
    (tmp_path / "p.txt").write_text(SEED, encoding="utf-8")
    code, out, err = lint(capsys, "p.txt", "--no-cache", "--format", "concise")
    assert (code, err) == (2, "")  # an internal error: exit 2
    assert out == (
        f"p.txt:1:1: error PL901 rule TM901 always-crashes (from {tmp_path / 'team' / 'crash.py'}) crashed on this file: "
        "ZeroDivisionError: division by zero\n"
    )
    code, out, err = lint(capsys, "p.txt", "--no-cache", "--format", "concise", "--debug")
    assert err.count("Traceback (most recent call last):") == 1
    assert 'team/crash.py", line 8, in always_crashes' in err and err.rstrip().endswith("ZeroDivisionError: division by zero")


def test_debug_prints_a_crash_met_while_fixing_too(tmp_path, capsys, monkeypatch):
    """With --fix the document is checked again after each pass: a rule
    that crashes on the text being fixed is shown each time (the document
    as read, the two passes of fixing the unused suppression, and the file
    as written)."""
    monkeypatch.chdir(tmp_path)
    crashing_team(tmp_path)
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    code, out, err = lint(capsys, "1071.txt", "--no-cache", "--format", "concise", "--fix", "--debug")
    assert "<!--" not in (tmp_path / "1071.txt").read_text(encoding="utf-8")
    assert err.count("Traceback (most recent call last):") == 4


def test_show_fixes_alone_fixes_nothing_and_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    code, out, err = lint(capsys, "1071.txt", "--show-fixes", "--no-cache")
    assert code == 1 and (tmp_path / "1071.txt").read_text(encoding="utf-8") == EXAMPLE
    assert ("Checked 1 file: 2 errors, 1 warning. 1 fixable with --fix; 2 more have an unsafe fix "
            "(--fix --unsafe-fixes applies them).") in out.splitlines()
    assert "Would fix 1 finding in 1 file:" in (out + err).splitlines()
    code, out, err = lint(capsys, "1071.txt", "--show-fixes", "--no-cache", "--format", "concise")
    assert "fixed" not in err  # nothing was: no "proglint: fixed 1 finding(s)" line


# -- when a pool is started, and how -----------------------------------------------------


class PoolSpy:
    """Stands in for ``multiprocessing``'s contexts: records the start
    method and each pool's size, and runs the pool's work here (the
    initializer once, then each batch in order), as a forked worker would."""

    def __init__(self):
        self.methods: list = []
        self.pools: list = []
        self.batches: list = []

    def get_context(self, method=None):
        self.methods.append(method)
        return self

    def Pool(self, processes, initializer=None, initargs=()):  # noqa: N802 - multiprocessing's name
        assert isinstance(processes, int), f"multiprocessing cannot start {processes!r} processes"
        self.pools.append(processes)
        self.initializer, self.initargs = initializer, initargs
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        import gc

        gc.unfreeze()
        runner._WORKER_SETTINGS = None

    def imap(self, function, batches):
        self.initializer(*self.initargs)
        for batch in batches:
            self.batches.append(len(batch))
            yield function(batch)


@pytest.fixture
def spy(monkeypatch):
    import multiprocessing

    spy = PoolSpy()
    monkeypatch.setattr(multiprocessing, "get_context", spy.get_context)
    return spy


def documents(folder, count: int) -> list:
    """``count`` copies of the example, as tasks named on the command line."""
    folder.mkdir(exist_ok=True)
    tasks = []
    for index in range(count):
        path = folder / f"{1000 + index}.txt"
        path.write_text(EXAMPLE.replace("1071", str(1000 + index)), encoding="utf-8")
        tasks.append(runner.Task(str(path), 0, True))
    return tasks


def test_a_run_of_many_files_and_several_jobs_is_forked_into_a_pool(tmp_path, spy):
    from proglint.config import Config

    tasks = documents(tmp_path / "docs", runner.PARALLEL_THRESHOLD + 6)  # 70 files
    settings = runner.Settings((Config(),))
    pooled = list(runner.run(tasks, settings, jobs=2))
    assert (spy.methods, spy.pools) == (["fork"], [2])  # forked: the workers start with the rules loaded
    assert sum(spy.batches) == 70 and spy.batches == [part.stop - part.start for part in runner.batches(70, 2)]
    alone = [runner.perform(task, settings) for task in tasks]
    assert [(o.path, o.examined) for o in pooled] == [(o.path, o.examined) for o in alone]


def test_no_more_workers_than_batches_of_sixteen_files(tmp_path, spy):
    from proglint.config import Config

    tasks = documents(tmp_path / "docs", runner.PARALLEL_THRESHOLD)  # 64 files: four workers' worth
    assert runner.CHUNK == 16
    list(runner.run(tasks, runner.Settings((Config(),)), jobs=8))
    list(runner.run(tasks, runner.Settings((Config(),)), jobs=3))
    assert spy.pools == [4, 3]


def test_small_runs_and_one_job_stay_in_this_process(tmp_path, spy):
    from proglint.config import Config

    tasks = documents(tmp_path / "docs", runner.PARALLEL_THRESHOLD)
    settings = runner.Settings((Config(),))
    assert [o.path for o in runner.run(tasks[:-1], settings, jobs=2)] == [t.path for t in tasks[:-1]]  # 63 files
    assert [o.path for o in runner.run(tasks, settings, jobs=1)] == [t.path for t in tasks]
    assert (spy.methods, spy.pools) == ([], [])
    list(runner.run(tasks, settings, jobs=2))  # 64 files: the threshold
    assert spy.pools == [2]


def test_standard_input_over_the_limit_is_judged_from_the_same_head_as_a_file(tmp_path, capsys, monkeypatch):
    """A file over max-file-size is asked whether it is a program document
    from its first 4,096 bytes (the rest is never read); standard input
    over the limit is asked from the same bytes, so --skip-non-documents
    treats the same text the same way, however it arrives."""
    monkeypatch.chdir(tmp_path)
    too_large(tmp_path, 6000)
    header = "| Folder | Observing Template |\n"  # the observations table's header row: a program document
    last = header.index("Template") + len("Template") - 1  # the header is whole once this byte is read
    for head_ends_header in (False, True):
        before = 4096 - last - (1 if head_ends_header else 0)
        text = "." * (before - 1) + "\n" + header + "filler line\n" * 600
        assert (text.encode("utf-8")[:4096].endswith(b"Template")) is head_ends_header
        (tmp_path / "p.txt").write_text(text, encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
        piped = lint(capsys, "-", "--stdin-filename", "p.txt", "--skip-non-documents", "--no-cache", "--format", "concise")
        named = lint(capsys, "p.txt", "--skip-non-documents", "--no-cache", "--format", "concise")
        if head_ends_header:  # reported (standard input's size is not known: "more than that")
            assert named[0] == piped[0] == 1
            assert named[1].startswith("p.txt:1:1: error PL016 the file is not checked") and f"holds {len(text.encode()):,} bytes;" in named[1]
            assert piped[1].startswith("p.txt:1:1: error PL016 the file is not checked") and "holds more than that" in piped[1]
        else:  # not a program document as far as its head shows: skipped
            assert named[:2] == piped[:2] == (0, "")


def test_a_touched_file_that_is_not_utf8_is_confirmed_by_its_content_not_linted(tmp_path, capsys, monkeypatch):
    """The cache keeps the hash of the bytes read, not of the text decoded
    from them (which for a file that is not UTF-8 encodes to other bytes)."""
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.txt").write_bytes(SEED.replace("muCol", "mu\xe9Col", 1).encode("latin-1"))
    cold = lint(capsys, "p.txt", "--format", "concise")
    assert cold[0] == 1 and cold[1].startswith("p.txt:") and " PL001 " in cold[1]
    os.utime(tmp_path / "p.txt", ns=(1_000_000_000, 1_000_000_000))
    forbid_linting(monkeypatch)
    assert lint(capsys, "p.txt", "--format", "concise") == cold


def test_fix_with_show_fixes_lists_what_was_written(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    code, out, err = lint(capsys, "1071.txt", "--fix", "--show-fixes", "--no-cache", "--format", "concise")
    assert "<!--" not in (tmp_path / "1071.txt").read_text(encoding="utf-8")
    lines = (out + err).splitlines()
    assert "36:24  PL701 [unused-suppression] remove the suppression comment" in [line.strip() for line in lines]
