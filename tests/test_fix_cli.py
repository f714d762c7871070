"""``check --diff``, ``--fix-only``, ``--show-fixes`` and the summary line's
fix counts, on the faulty example the README shows (examples/fixing/1071.txt):

- line 3: ``proposal_typ`` (PL101; its fix renames the key: unsafe, the key may be a team's own),
- line 23: observation 2 a second time (PL220; renumbered 11: unsafe),
- line 36: a suppression comment with nothing to suppress (PL701; removed: safe),
- line 25: a row not padded like the others (only ``proglint format`` cares).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st

from conftest import ROOT, seed_text

EXAMPLE = ROOT / "examples" / "fixing" / "1071.txt"
TEXT = EXAMPLE.read_text(encoding="utf-8")
LINE_3 = 'proposal_typ: "COM/NIRCAM"'
LINE_23 = "|            | 2            | FGS-1, GS#3  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"
LINE_36 = "Commissioning activity <!-- proglint-disable-line PL220 --> that determines the absolute alignment between NIRCam and the two FGS guiders."
SAFE = TEXT.replace("activity <!-- proglint-disable-line PL220 --> that", "activity that")
ALL = SAFE.replace(LINE_3, 'proposal_type: "COM/NIRCAM"').replace(
    LINE_23, LINE_23.replace("| 2            |", "| 11            |")
)


def run(*args, cwd, input=None):
    return subprocess.run(
        [sys.executable, "-m", "proglint", *args], capture_output=True, text=True, cwd=cwd, input=input
    )


def copy(folder: Path, text: str = TEXT, name: str = "1071.txt") -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_the_example_is_what_the_module_docstring_says():
    lines = TEXT.split("\n")
    assert (lines[2], lines[22], lines[35]) == (LINE_3, LINE_23, LINE_36)
    assert SAFE != TEXT and ALL != SAFE


# -- --diff -------------------------------------------------------------------


def test_diff_writes_nothing_and_exits_1(tmp_path):
    path = copy(tmp_path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    result = run("1071.txt", "--diff", "--no-cache", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert path.read_bytes() == TEXT.encode() and path.stat().st_mtime_ns == 1_000_000_000
    assert result.stdout == (
        "--- a/1071.txt\n"
        "+++ b/1071.txt\n"
        "@@ -33,7 +33,7 @@\n"
        " \n"
        " ## ABSTRACT\n"
        " \n"
        f"-{LINE_36}\n"
        "+Commissioning activity that determines the absolute alignment between NIRCam and the two FGS guiders.\n"
        " \n"
        " ---\n"
        " \n"
    )
    assert result.stderr == "proglint: would fix 1 finding in 1 file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1071.txt"]


def patched(tmp_path: Path, diff: str, text: str) -> bytes:
    """Apply ``diff`` with patch(1) to a copy holding ``text``."""
    work = tmp_path / "patched"
    work.mkdir(exist_ok=True)
    copy(work, text)
    done = subprocess.run(["patch", "-p1", "--binary", "--quiet"], input=diff.encode("utf-8"), cwd=work, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return (work / "1071.txt").read_bytes()


def test_the_diff_applies_with_patch_and_equals_the_fix(tmp_path):
    for extra in ([], ["--unsafe-fixes"]):
        path = copy(tmp_path)
        diff = run("1071.txt", "--diff", "--no-cache", *extra, cwd=tmp_path).stdout
        assert run("1071.txt", "--fix", "--no-cache", *extra, cwd=tmp_path).returncode == (1 if not extra else 0)
        assert path.read_bytes() == (ALL if extra else SAFE).encode()
        assert patched(tmp_path, diff, TEXT) == path.read_bytes()
        shutil.rmtree(tmp_path / "patched")


def test_the_diff_of_a_crlf_file_with_a_bom_applies_to_its_bytes(tmp_path):
    data = b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode()
    (tmp_path / "1071.txt").write_bytes(data)
    # bytes: text mode would turn the diff's CRLF lines into LF ones
    diff = subprocess.run([sys.executable, "-m", "proglint", "1071.txt", "--diff", "--no-cache"], capture_output=True, cwd=tmp_path).stdout
    assert f"\r\n-{LINE_36}\r\n+Commissioning activity that determines".encode() in diff
    assert run("1071.txt", "--fix", "--no-cache", cwd=tmp_path).returncode == 1
    fixed = (tmp_path / "1071.txt").read_bytes()
    assert fixed == b"\xef\xbb\xbf" + SAFE.replace("\n", "\r\n").encode()
    work = tmp_path / "patched"
    work.mkdir()
    (work / "1071.txt").write_bytes(data)
    done = subprocess.run(["patch", "-p1", "--binary", "--quiet"], input=diff, cwd=work, capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (work / "1071.txt").read_bytes() == fixed


def test_nothing_to_change_is_an_empty_diff_and_exit_0(tmp_path):
    path = copy(tmp_path, seed_text("1071.txt"))
    result = run("1071.txt", "--diff", "--no-cache", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "proglint: no fixes to apply\n")
    assert path.read_text(encoding="utf-8") == seed_text("1071.txt")


def test_diff_of_stdin(tmp_path):
    result = run("-", "--stdin-filename", "programs/1071.txt", "--diff", "--no-cache", cwd=tmp_path, input=TEXT)
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/programs/1071.txt\n+++ b/programs/1071.txt\n@@ -33,7 +33,7 @@\n")
    assert patched(tmp_path, result.stdout.replace("programs/1071.txt", "1071.txt"), TEXT) == SAFE.encode()
    assert list(tmp_path.iterdir()) == [tmp_path / "patched"]


def test_diff_with_jobs_is_byte_identical_to_one_job(tmp_path):
    # enough files for the pool to start (runner.PARALLEL_THRESHOLD)
    for index in range(80):
        text = TEXT if index % 3 else seed_text("1071.txt")
        copy(tmp_path, text.replace("1071", str(1000 + index)), f"{1000 + index}.txt")
    one = run(".", "--diff", "--no-cache", "--jobs", "1", cwd=tmp_path)
    two = run(".", "--diff", "--no-cache", "--jobs", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert one.stdout.count("+++ b/") == 53  # the 80 files less the 27 clean ones
    assert one.stderr == "proglint: would fix 53 findings in 53 files\n"


def test_diff_of_a_file_that_is_not_utf8_says_it_would_not_be_written(tmp_path):
    data = TEXT.replace("astrometric", "astrom\xe9tric", 1).encode("latin-1")
    (tmp_path / "1071.txt").write_bytes(data)
    result = run("1071.txt", "--diff", "--ignore", "PL001", "--no-cache", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "1071.txt:1:1: error PL902 the file is not valid UTF-8, so its 1 fix(es) would not be written "
        "(writing it would replace the bytes that are not); save it as UTF-8 first"
    )
    assert (tmp_path / "1071.txt").read_bytes() == data


def test_diff_cannot_write_a_baseline(tmp_path):
    copy(tmp_path)
    result = run("1071.txt", "--diff", "--write-baseline", "b.json", cwd=tmp_path)
    assert result.returncode == 2 and "--diff writes nothing" in result.stderr


@settings(max_examples=40)
@given(
    st.lists(st.text(st.sampled_from("ab \t\u00e9\u2028\x0c"), max_size=6), min_size=1, max_size=8),
    st.sampled_from(["\n", "\r\n"]),  # (a file of lone CRs is one line to patch(1))
    st.booleans(),
    st.booleans(),
    st.data(),
)
def test_unified_diff_applies_to_any_text(lines, newline, bom, final, data):
    """The diff of any text to any edit of it, applied by patch(1) to the
    bytes, gives the edited bytes: line endings, a BOM, a missing final
    newline and the characters str.splitlines would split at included."""
    import tempfile

    from proglint.fix import unified_diff
    from proglint.source import Source

    before = newline.join(lines) + (newline if final else "")
    index = data.draw(st.integers(0, len(lines) - 1))
    edited = list(lines)
    edited[index] = data.draw(st.text(st.sampled_from("xyz \u00e9"), max_size=5))
    after = newline.join(edited) + (newline if data.draw(st.booleans()) else "")
    source = Source.from_text("p.txt", ("\ufeff" if bom else "") + before)
    diff = unified_diff(source, after)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.txt"
        path.write_bytes(source.encode())
        if diff:
            done = subprocess.run(["patch", "-p1", "--binary", "--quiet"], input=diff.encode(), cwd=folder, capture_output=True)
            assert done.returncode == 0, (diff, done.stdout)
        assert path.read_bytes() == source.encode(after)


# -- --show-fixes -------------------------------------------------------------


def test_show_fixes_lists_what_fix_applied(tmp_path):
    copy(tmp_path)
    result = run("1071.txt", "--fix", "--show-fixes", "--no-cache", "--no-show-source", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout == (
        "1071.txt:3:1: error PL101 [front-matter-unknown-key] unknown key 'proposal_typ' in the front matter; "
        "did you mean 'proposal_type', which is missing?\n"
        "1071.txt:23:16: error PL220 [observation-number-duplicate] observation 2 is already used on line 22; "
        "give this observation its own number (11 is free)\n"
        "  note: 1071.txt:22:16: observation 2 is first used here\n"
        "\n"
        "Checked 1 file: 2 errors, 0 warnings (1 fixed, 2 remaining). 2 have an unsafe fix (--unsafe-fixes applies them).\n"
        "Fixed 1 finding in 1 file:\n"
        "  1071.txt:\n"
        "    36:24  PL701 [unused-suppression] remove the suppression comment\n"
    )
    assert (tmp_path / "1071.txt").read_text(encoding="utf-8") == SAFE


def test_show_fixes_without_fix_lists_what_would_be_applied_and_writes_nothing(tmp_path):
    path = copy(tmp_path)
    result = run("1071.txt", "--show-fixes", "--unsafe-fixes", "--no-cache", "--format", "concise", cwd=tmp_path)
    assert result.returncode == 1 and path.read_text(encoding="utf-8") == TEXT
    assert result.stderr.splitlines() == [
        "Would fix 3 findings in 1 file:",
        "  1071.txt:",
        "    3:1    PL101 [front-matter-unknown-key] rename 'proposal_typ' to 'proposal_type' (unsafe)",
        "    23:16  PL220 [observation-number-duplicate] renumber it 11 (unsafe)",
        "    36:24  PL701 [unused-suppression] remove the suppression comment",
    ]
    # stdout holds the concise lines and nothing else
    assert [line.split(" ")[2] for line in result.stdout.splitlines()] == ["PL101", "PL220", "PL701"]


def test_show_fixes_keeps_machine_output_clean(tmp_path):
    copy(tmp_path)
    result = run("1071.txt", "--fix", "--show-fixes", "--format", "json", "--no-cache", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert [d["code"] for d in report["diagnostics"]] == ["PL101", "PL220"]
    assert result.stderr == (
        "proglint: fixed 1 finding(s) in 1 file(s)\n"
        "Fixed 1 finding in 1 file:\n"
        "  1071.txt:\n"
        "    36:24  PL701 [unused-suppression] remove the suppression comment\n"
    )


def test_show_fixes_with_nothing_to_fix(tmp_path):
    copy(tmp_path, seed_text("1071.txt"))
    result = run("1071.txt", "--fix", "--show-fixes", "--no-cache", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "Checked 1 file: no problems found.\nNo fixes applied.\n")


# -- --fix-only and the summary line --------------------------------------------


def test_fix_only_reports_only_what_was_fixed(tmp_path):
    path = copy(tmp_path)
    result = run("1071.txt", "--fix-only", "--no-cache", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "Checked 1 file: 1 finding fixed.\n", "")
    assert path.read_text(encoding="utf-8") == SAFE
    again = run("1071.txt", "--fix-only", "--unsafe-fixes", "--no-cache", cwd=tmp_path)
    assert (again.returncode, again.stdout) == (0, "Checked 1 file: 2 findings fixed.\n")
    assert path.read_text(encoding="utf-8") == ALL


def test_fix_only_exits_1_when_a_fix_could_not_be_written(tmp_path):
    data = TEXT.replace("astrometric", "astrom\xe9tric", 1).encode("latin-1")
    (tmp_path / "1071.txt").write_bytes(data)
    result = run("1071.txt", "--fix-only", "--ignore", "PL001", "--no-cache", "--format", "concise", cwd=tmp_path)
    assert result.returncode == 1 and (tmp_path / "1071.txt").read_bytes() == data
    assert result.stdout.splitlines() == [
        "1071.txt:1:1: error PL902 the file is not valid UTF-8, so its 1 fix(es) were not written "
        "(writing it would replace the bytes that are not); save it as UTF-8 first"
    ]


def test_fix_only_refuses_stdin():
    result = run("-", "--fix-only", cwd=ROOT, input=TEXT)
    assert result.returncode == 2 and "--fix-only rewrites files" in result.stderr


def test_the_summary_line_counts_fixes(tmp_path):
    copy(tmp_path)
    last = lambda *args: run("1071.txt", "--no-cache", *args, cwd=tmp_path).stdout.splitlines()[-1]  # noqa: E731
    assert last() == "Checked 1 file: 2 errors, 1 warning. 1 fixable with --fix; 2 more have an unsafe fix (--fix --unsafe-fixes applies them)."
    assert last("--unsafe-fixes") == "Checked 1 file: 2 errors, 1 warning. 3 fixable with --fix --unsafe-fixes."
    assert last("--fix") == "Checked 1 file: 2 errors, 0 warnings (1 fixed, 2 remaining). 2 have an unsafe fix (--unsafe-fixes applies them)."
    assert last("--fix", "--unsafe-fixes") == "Checked 1 file: no problems left (2 fixed)."
    copy(tmp_path)
    assert last("--fix", "--unsafe-fixes") == "Checked 1 file: no problems left (3 fixed)."


# -- parse problems: a fix whose edits land in text the parser could not read ------

AMBIGUOUS_RULE = '''
from proglint.api import Edit, Finding, Fix, rule


@rule("TM900", "labels-upper", "warning", "Labels are upper case.")
def labels_upper(document, context):
    """A team rule with one fix for the whole table: every label upper case."""
    rows = [row for row in document.observations if row.label is not None and row.label.value != row.label.value.upper()]
    if rows:
        edits = tuple(Edit(row.label.span, row.label.value.upper()) for row in rows)
        yield Finding(document.heading.span, "labels are not upper case", fix=Fix("upper-case the labels", edits))
'''


def team(tmp_path: Path) -> None:
    rules = tmp_path / "team"
    rules.mkdir()
    (rules / "upper.py").write_text(AMBIGUOUS_RULE, encoding="utf-8")
    (tmp_path / "proglint.toml").write_text('rule-paths = ["team"]\n', encoding="utf-8")


def test_a_fix_into_a_row_the_parser_could_not_read_is_not_written(tmp_path):
    team(tmp_path)
    lines = seed_text("1071.txt").split("\n")
    lines[22] = "|            | 3            | FGS-1, GS#3  |"  # row 23 lost two cells: PL011 covers the row
    text = "\n".join(lines).replace("FGS-1", "fgs-1")
    path = copy(tmp_path, text)
    result = run("1071.txt", "--fix", "--no-cache", "--format", "concise", cwd=tmp_path)
    assert result.returncode == 1 and path.read_text(encoding="utf-8") == text
    assert result.stdout.splitlines()[0] == (
        "1071.txt:1:1: error PL902 its fixes were not written: the TM900 fix at line 12 edits line 23, "
        "which the parser could not read (PL011 at line 23, column 45); fix that problem first, then run --fix again"
    )
    diff = run("1071.txt", "--diff", "--no-cache", cwd=tmp_path)
    assert diff.returncode == 1 and diff.stdout == ""
    assert "its fixes would not be written: the TM900 fix at line 12 edits line 23" in diff.stderr
    # with the row repaired, the same fix is written
    path.write_text(seed_text("1071.txt").replace("FGS-1", "fgs-1"), encoding="utf-8")
    assert run("1071.txt", "--fix", "--no-cache", cwd=tmp_path).returncode == 0
    assert path.read_text(encoding="utf-8") == seed_text("1071.txt")


def test_an_ambiguous_fix_waits_for_the_parse_problems_own_fix(tmp_path):
    """A row without its Folder cell: PL011 inserts it (its own fix, in its
    own region); the team fix into that row waits a pass, then applies."""
    team(tmp_path)
    lines = seed_text("1071.txt").split("\n")
    lines[22] = lines[22].replace("|            | 3 ", "| 3 ", 1)
    text = "\n".join(lines).replace("FGS-1", "fgs-1")
    path = copy(tmp_path, text)
    result = run("1071.txt", "--fix", "--show-fixes", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[1:] == [
        "Fixed 2 findings in 1 file:",
        "  1071.txt:",
        "    23:1  PL011 [table-row-cells] insert an empty Folder cell",  # in the order applied: pass 1
        "    12:1  TM900 [labels-upper] upper-case the labels",  # pass 2
    ]
    assert path.read_text(encoding="utf-8") == seed_text("1071.txt")


def test_a_parse_problems_own_fix_is_not_ambiguous():
    from proglint.config import Config
    from proglint.fix import fix_until_stable
    from proglint.pipeline import lint
    from proglint.source import Source

    lines = seed_text("1071.txt").split("\n")
    lines[22] = lines[22].replace("|            | 3 ", "| 3 ", 1)  # no Folder cell: PL011 offers to insert it
    source = Source.from_text("1071.txt", "\n".join(lines))
    assert [d.code for d in lint(source, Config()) if d.fix is not None] == ["PL011"]
    fixed = fix_until_stable(source, lambda s: lint(s, Config()))
    assert fixed.ambiguous is None and fixed.applied == 1
    assert fixed.source.text == seed_text("1071.txt")


def test_diff_names_a_file_it_could_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    copy(tmp_path, seed_text("1071.txt"))
    result = run("pipe.txt", "1071.txt", "--diff", "--no-cache", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines()[0].startswith("pipe.txt:1:1: error PL014 cannot read the file: it is a FIFO")
    assert result.stderr.splitlines()[1:] == ["proglint: no fixes to apply"]


def test_a_fix_that_was_not_written_is_not_cached(tmp_path):
    """PL902 belongs to the run that tried to write: the next plain run
    (from the cache) does not report it."""
    data = TEXT.replace("astrometric", "astrom\xe9tric", 1).encode("latin-1")
    (tmp_path / "1071.txt").write_bytes(data)
    cache = ["--cache-dir", str(tmp_path / "cache"), "--ignore", "PL001", "--format", "concise"]
    first = run("1071.txt", "--fix", *cache, cwd=tmp_path)
    assert "PL902" in first.stdout
    second = run("1071.txt", *cache, cwd=tmp_path)
    assert [line.split(" ")[2] for line in second.stdout.splitlines()] == ["PL101", "PL220", "PL701"]
