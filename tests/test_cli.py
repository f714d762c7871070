"""The command line: exit codes, formats and the JSON report's schema."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import jsonschema
import pytest

from proglint.cli import main
from proglint.resources import schema_path

from conftest import ROOT, SEEDS, seed_text

_LINES = seed_text().split("\n")
_LINES[21] = _LINES[21].rstrip() + " extra |"  # observation 15 gets a sixth cell
BROKEN = "\n".join(_LINES)
EXTRA = _LINES[21].index("extra") + 1
# the same with an unknown proposal type on line 3 too: a warning beside the error
_TWO = list(_LINES)
_TWO[2] = 'proposal_type: "calibrashun"'
TWO = "\n".join(_TWO)
TYPE = _TWO[2].index('"') + 1


def run(*args: str, stdin: str | None = None, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "proglint", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_text(BROKEN, encoding="utf-8")
    return path


@pytest.fixture
def two(tmp_path):
    path = tmp_path / "two.txt"
    path.write_text(TWO, encoding="utf-8")
    return path


def places(result: subprocess.CompletedProcess) -> list[tuple[int, int, str]]:
    """(line, column, code) of each finding of a concise report."""
    out = []
    for line in result.stdout.splitlines():
        where, _, rest = line.partition(": ")
        out.append((int(where.split(":")[-2]), int(where.split(":")[-1]), rest.split()[1]))
    return out


def test_seeds_pass_with_exit_zero():
    result = run("seeds/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "Checked 5 files: no problems found."


def test_errors_exit_one_with_source_and_caret(broken):
    result = run(str(broken), "--color", "never")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    line_text = BROKEN.splitlines()[21]
    column = line_text.index("extra") + 1
    assert lines[0] == (
        f"{broken}:22:{column}: error PL011 [table-row-cells] the row has 6 cells, expected 5: "
        "remove the extra cell(s) or escape a '|' inside a cell as '\\|'"
    )
    assert lines[2] == f"22 | {line_text}"
    assert lines[3] == "   | " + " " * (column - 1) + "^" * len("extra")
    assert lines[-1] == "Checked 1 file: 1 error, 0 warnings."


def test_exit_zero_flag(two):
    result = run(str(two), "--exit-zero", "--format", "concise")
    assert result.returncode == 0
    assert places(result) == [(3, TYPE, "PL110"), (22, EXTRA, "PL011")]  # still reported, only the status changes
    assert run(str(two), "--format", "concise").returncode == 1


def test_concise_format(broken):
    result = run(str(broken), "--format", "concise")
    column = BROKEN.splitlines()[21].index("extra") + 1
    assert result.stdout.splitlines() == [
        f"{broken}:22:{column}: error PL011 the row has 6 cells, expected 5: "
        "remove the extra cell(s) or escape a '|' inside a cell as '\\|'"
    ]


def test_json_format_validates_against_the_report_schema(broken):
    result = run(str(broken), "seeds/1071.txt", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    schema = json.loads(schema_path("report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(report)
    assert report["summary"] == {"files": 2, "errors": 1, "warnings": 0, "infos": 0}
    (d,) = report["diagnostics"]
    column = BROKEN.splitlines()[21].index("extra") + 1
    assert (d["path"], d["line"], d["column"], d["end_line"], d["end_column"], d["code"], d["name"], d["severity"]) == (
        str(broken), 22, column, 22, column + len("extra"), "PL011", "table-row-cells", "error",
    )


def test_report_schema_rejects_a_wrong_report():
    schema = json.loads(schema_path("report.schema.json").read_text())
    bad = {"version": "0.1.0", "diagnostics": [{"path": "x", "line": 0}], "summary": {}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


def test_missing_path_is_a_usage_error():
    result = run("no/such/file.txt")
    assert result.returncode == 2
    assert "path 'no/such/file.txt' does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error():
    result = run("--frobnicate")
    assert result.returncode == 2
    assert "unrecognized arguments: --frobnicate" in result.stderr


def test_version():
    from proglint import __version__

    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"proglint {__version__}"


def test_stdin_with_filename():
    result = run("-", "--stdin-filename", "docs/p.txt", "--format", "concise", stdin=BROKEN)
    assert result.returncode == 1
    assert result.stdout.startswith("docs/p.txt:22:")


def test_stdin_filename_without_dash_is_usage_error():
    assert run("seeds", "--stdin-filename", "x.txt").returncode == 2


def test_folders_are_walked_in_order_skipping_hidden_and_other_extensions(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    for folder in ("a", "b", ".hidden"):
        (tmp_path / folder / "p.txt").write_text(BROKEN)
    (tmp_path / "a" / "p.yaml").write_text(BROKEN)
    (tmp_path / "a" / "q.md").write_text(BROKEN)
    result = run(str(tmp_path), "--format", "concise")
    paths = list(dict.fromkeys(line.split(":")[0] for line in result.stdout.splitlines()))
    assert paths == [str(tmp_path / "a" / "p.txt"), str(tmp_path / "a" / "q.md"), str(tmp_path / "b" / "p.txt")]


def test_exclude_glob_is_repeatable(tmp_path):
    for name in ("keep.txt", "drop.txt", "skip.md"):
        (tmp_path / name).write_text(BROKEN)
    result = run(str(tmp_path), "--exclude", "drop.*", "--exclude", "*.md", "--format", "concise")
    assert set(line.split(":")[0] for line in result.stdout.splitlines()) == {str(tmp_path / "keep.txt")}


def test_readme_in_a_folder_of_documents_is_not_linted(tmp_path):
    (tmp_path / "README.md").write_text("# Our programs\n\nNotes for the team.\n")
    (tmp_path / "p.txt").write_text(seed_text())
    result = run(str(tmp_path))
    assert result.returncode == 0
    assert "Checked 1 file" in result.stdout


def test_a_file_named_explicitly_is_always_linted(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n")
    result = run(str(path), "--format", "concise")
    assert result.returncode == 1
    assert f"{path}:1:1: error PL003" in result.stdout


def test_invalid_utf8_is_a_diagnostic_not_a_traceback(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(seed_text().replace("GD153 ", "GD\xe953").encode("latin-1"))
    result = run(str(path), "--format", "concise")
    assert result.returncode == 1
    assert f"{path}:21:5: error PL001 byte 0xE9" in result.stdout
    assert "Traceback" not in result.stderr


def test_select_and_ignore_flags(two):
    def check(*args):
        result = run(str(two), "--format", "concise", *args)
        return result.returncode, places(result)

    assert check() == (1, [(3, TYPE, "PL110"), (22, EXTRA, "PL011")])
    assert check("--ignore", "PL011") == (0, [(3, TYPE, "PL110")])  # a warning alone exits 0
    assert check("--ignore", "PL1") == (1, [(22, EXTRA, "PL011")])
    assert check("--ignore", "PL0", "--extend-select", "table-row-cells") == (1, [(3, TYPE, "PL110"), (22, EXTRA, "PL011")])
    assert check("--select", "PL00") == (0, [])
    assert check("--select", "PL1") == (0, [(3, TYPE, "PL110")])
    assert check("--select", "table-row-cells") == (1, [(22, EXTRA, "PL011")])


def test_color(broken):
    assert "\x1b[" in run(str(broken), "--color", "always").stdout
    assert "\x1b[" not in run(str(broken)).stdout  # not a terminal
    assert "\x1b[" not in run(str(broken), env={"NO_COLOR": "1"}).stdout


def test_quiet_and_no_show_source(two):
    result = run(str(two), "--quiet", "--no-show-source")
    lines = result.stdout.splitlines()
    assert [line.split(" [")[0] for line in lines] == [  # the findings only: no source, no summary
        f"{two}:3:{TYPE}: warning PL110", f"{two}:22:{EXTRA}: error PL011"
    ]
    assert lines[1].endswith("the row has 6 cells, expected 5: remove the extra cell(s) or escape a '|' inside a cell as '\\|'")
    assert result.returncode == 1
    loud = run(str(two)).stdout.splitlines()
    assert f"22 | {_TWO[21]}" in loud and loud[-1] == "Checked 1 file: 1 error, 1 warning."


def test_rules_and_explain():
    listing = run("rules").stdout
    assert "PL011  table-row-cells" in listing
    explained = run("explain", "table-row-cells")
    assert explained.returncode == 0 and "Markdown renderers silently drop" in explained.stdout
    assert run("explain", "NOPE").returncode == 2


def test_internal_error_is_exit_two_without_traceback(monkeypatch, capsys):
    import proglint.pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(proglint.pipeline, "project_findings", boom)
    code = main([str(SEEDS / "1071.txt")])
    err = capsys.readouterr().err
    assert code == 2
    assert "internal error: RuntimeError: kaput" in err and "Traceback" not in err


def test_main_in_process_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_text().encode())))
    assert main(["-", "--stdin-filename", "s.txt"]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_skip_non_documents_leaves_out_a_named_readme(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Our programs\n\nNotes.\n")
    program = tmp_path / "p.txt"
    program.write_text(BROKEN)
    result = run(str(readme), str(program), "--skip-non-documents", "--format", "concise")
    assert result.returncode == 1
    assert str(readme) not in result.stdout and str(program) in result.stdout


def test_an_unreadable_file_in_a_folder_is_reported_and_the_rest_still_checked(tmp_path):
    (tmp_path / "good.txt").write_text(seed_text())
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    result = run(str(tmp_path), "--format", "concise")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'dangling.txt'}:1:1: error PL014 cannot read the file: No such file or directory"
    ]
    assert "Traceback" not in result.stderr


def test_one_file_named_two_ways_is_linted_once(tmp_path):
    (tmp_path / "p.txt").write_text(seed_text())
    (tmp_path / "link.txt").symlink_to(tmp_path / "p.txt")
    result = run(str(tmp_path / "p.txt"), str(tmp_path.resolve() / "p.txt"), str(tmp_path / "link.txt"))
    assert result.returncode == 0, result.stdout
    assert "Checked 1 file" in result.stdout


def test_a_utf16_document_in_a_folder_is_not_skipped(tmp_path):
    (tmp_path / "p.txt").write_bytes(seed_text().encode("utf-16"))
    result = run(str(tmp_path), "--format", "concise", "--select", "PL001")
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'p.txt'}:1:1: error PL001 the file is UTF-16 (it starts with a UTF-16 byte-order mark); re-save it as UTF-8"
    ]


def test_output_file_problems_are_usage_errors(tmp_path, broken):
    missing = run(str(broken), "--output-file", str(tmp_path / "no" / "r.json"), "--format", "json")
    assert missing.returncode == 2 and "the folder" in missing.stderr and "does not exist" in missing.stderr
    assert "internal error" not in missing.stderr
    folder = run(str(broken), "--output-file", str(tmp_path), "--format", "json")
    assert folder.returncode == 2 and "it is a folder" in folder.stderr
    dash = run(str(broken), "--output-file", "-", "--format", "json")
    assert dash.returncode == 2 and "needs a file path" in dash.stderr
    assert run(str(broken), "--select", "").returncode == 2


def test_reports_get_the_usual_file_mode(tmp_path, broken):
    import os
    import stat

    out = tmp_path / "r.sarif"
    subprocess.run([sys.executable, "-m", "proglint", str(broken), "--output-file", str(out), "--format", "sarif"],
                   capture_output=True, cwd=ROOT, preexec_fn=lambda: os.umask(0o022))
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_fix_writes_through_a_symbolic_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(seed_text())
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    run(str(link), "--extend-select", "PL502", "--fix")
    assert link.is_symlink()
    assert "| MIRI Imaging   " in real.read_text() and "| MIRI imaging   " not in real.read_text()


def test_carets_stay_under_wide_characters(tmp_path):
    text = seed_text().replace("| 15          |", "| 15 | 観測😀 |")
    path = tmp_path / "w.txt"
    path.write_text(text)
    lines = run(str(path), "--select", "PL011", "--color", "never").stdout.splitlines()
    source_line, caret_line = lines[2], lines[3]
    # the caret starts in the terminal column where the flagged text starts
    import unicodedata

    def cells(s):
        return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)

    flagged_at = source_line.index("| 観測😀 |") + 2
    assert caret_line.index("^") == cells(source_line[:flagged_at])
