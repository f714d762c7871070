"""The editor recipes in examples/editors/ read real ``--format concise``
output: each recipe's pattern is taken from the recipe file itself,
translated to a Python regular expression, and must capture the file, line,
column, severity, code and message of every finding — compared with the
JSON report of the same run.  Where the editor is installed (vim or neovim,
Emacs), the recipe is also loaded into the real editor and the editor's own
parse is compared; otherwise those tests are skipped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, seed_text

EDITORS = ROOT / "examples" / "editors"
SELECT = ("--select", "PL011,PL110,PL502")
BIN = str(Path(sys.executable).parent)


def _broken() -> str:
    lines = seed_text().split("\n")
    lines[2] = 'proposal_type: "calibrashun"'  # PL110, a warning
    lines[21] = lines[21].rstrip() + " extra |"  # PL011, an error; PL502 infos elsewhere
    return "\n".join(lines)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "proglint", *args], cwd=cwd, capture_output=True, text=True,
        env={k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"},
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    (root / "docs").mkdir()
    (root / "docs" / "broken program.txt").write_text(_broken(), encoding="utf-8")
    (root / "docs" / "clean.txt").write_text(seed_text("1071.txt"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def concise(workspace) -> str:
    result = run("docs", *SELECT, "--format", "concise", cwd=workspace)
    assert result.returncode == 1, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def expected(workspace) -> list[dict]:
    """What each line must yield: the findings of the JSON report of the same run."""
    report = json.loads(run("docs", *SELECT, "--format", "json", cwd=workspace).stdout)
    found = [
        {"file": d["path"], "line": d["line"], "column": d["column"], "severity": d["severity"], "code": d["code"], "message": d["message"]}
        for d in report["diagnostics"]
    ]
    assert {d["severity"] for d in found} == {"error", "warning", "info"}
    assert {d["file"] for d in found} == {"docs/broken program.txt"}
    return found


# -- vim / neovim ------------------------------------------------------------

VIM_FILE = EDITORS / "vim.vim"
VIM_TYPES = {"e": "error", "w": "warning", "i": "info"}


def vim_option(name: str) -> str:
    """The value of ``CompilerSet NAME=...``, with :set's backslash escapes undone."""
    (line,) = [l for l in VIM_FILE.read_text(encoding="utf-8").splitlines() if l.startswith(f"CompilerSet {name}=")]
    raw = line.split("=", 1)[1]
    return re.sub(r"\\(.)", r"\1", raw)


def errorformat_regexes(errorformat: str) -> list[re.Pattern]:
    """Vim's errorformat items, as Python regexes (the subset the recipe uses)."""
    items = re.split(r"(?<!\\),", errorformat)
    out = []
    for item in items:
        pattern, i = "^", 0
        while i < len(item):
            char = item[i]
            if char == "%":
                spec = item[i + 1]
                pattern += {
                    "f": r"(?P<file>.+?)",
                    "l": r"(?P<line>\d+)",
                    "c": r"(?P<column>\d+)",
                    "t": r"(?P<type>.)",
                    "m": r"(?P<message>.*)",
                    "%": "%",
                }[spec]  # anything else: the translation must be extended
                i += 2
            else:
                pattern += re.escape(char)
                i += 1
        out.append(re.compile(pattern + "$"))
    return out


def vim_parse(line: str) -> dict | None:
    for regex in errorformat_regexes(vim_option("errorformat")):
        m = regex.match(line)
        if m:
            code, message = m["message"].split(" ", 1)
            return {
                "file": m["file"], "line": int(m["line"]), "column": int(m["column"]),
                "severity": VIM_TYPES[m["type"].lower()], "code": code, "message": message,
            }
    return None


def test_vim_errorformat_captures_every_field(concise, expected):
    assert vim_option("makeprg").split() == ["proglint", "--format", "concise"]
    assert [vim_parse(line) for line in concise.splitlines()] == expected
    assert vim_parse("proglint: error: path 'x' does not exist") is None


def _vim() -> list[str] | None:
    if shutil.which("vim"):
        return ["vim", "-N", "-u", "NONE", "-i", "NONE", "-n", "-es"]
    if shutil.which("nvim"):
        return ["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n", "-es"]
    return None


@pytest.mark.skipif(_vim() is None, reason="neither vim nor neovim is installed")
def test_real_vim_reads_concise_output_with_the_recipe(workspace, concise, expected, tmp_path):
    (tmp_path / "rtp" / "compiler").mkdir(parents=True)
    shutil.copy(VIM_FILE, tmp_path / "rtp" / "compiler" / "proglint.vim")
    (tmp_path / "concise.txt").write_text(concise, encoding="utf-8")
    dump = "call writefile([json_encode(map(getqflist(), {_, e -> extend(e, {'filename': bufname(e.bufnr)})}))], 'OUT')"
    commands = [
        "compiler proglint",
        f"cgetfile {tmp_path / 'concise.txt'}",
        dump.replace("OUT", str(tmp_path / "qf.json")),
        "make " + " ".join(SELECT) + " docs",  # the recipe's makeprg, run by vim itself
        dump.replace("OUT", str(tmp_path / "make.json")),
        "qa!",
    ]
    argv = [*_vim(), "--cmd", f"set rtp^={tmp_path / 'rtp'}"]
    for command in commands:
        argv += ["-c", command]
    env = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(argv, cwd=workspace, env=env, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)

    def entries(name: str) -> list[dict]:
        parsed = []
        for e in json.loads((tmp_path / name).read_text(encoding="utf-8")):
            code, message = e["text"].split(" ", 1)
            parsed.append({
                "file": e["filename"], "line": e["lnum"], "column": e["col"],
                "severity": VIM_TYPES[e["type"]], "code": code, "message": message,
            })
        return parsed

    assert entries("qf.json") == expected
    if shutil.which("proglint", path=env["PATH"]):
        assert entries("make.json") == expected


# -- Emacs ---------------------------------------------------------------------

EMACS_FILE = EDITORS / "emacs.el"


def elisp_string(name: str) -> str:
    """The string a ``(defconst NAME "...")`` in the recipe holds."""
    text = EMACS_FILE.read_text(encoding="utf-8")
    m = re.search(r"\(defconst " + re.escape(name) + r'\s+"((?:[^"\\]|\\.)*)"', text)
    assert m, name
    return re.sub(r"\\(.)", lambda e: {"n": "\n", "t": "\t"}.get(e[1], e[1]), m[1], flags=re.S)


def emacs_to_python(regexp: str) -> str:
    """Emacs regexp syntax (backslashed groups and alternation) to Python's."""
    out, i = "", 0
    while i < len(regexp):
        char = regexp[i]
        if char == "\\":
            nxt = regexp[i + 1]
            if nxt == "(" and regexp.startswith("?:", i + 2):
                out, i = out + "(?:", i + 4
                continue
            if nxt == "(" and regexp[i + 2] == "?":
                raise AssertionError("explicitly numbered groups: extend the translation")
            out += {"(": "(", ")": ")", "|": "|", "{": "{", "}": "}"}.get(nxt) or ("\\" + nxt)
            i += 2
        elif char in "(){}|":
            out, i = out + "\\" + char, i + 1
        else:
            out, i = out + char, i + 1
    return out


def compile_entry() -> tuple[int, int, int, int, int]:
    """The recipe's `compilation-error-regexp-alist-alist' entry: file, line,
    column groups and the (WARNING . INFO) groups."""
    text = EMACS_FILE.read_text(encoding="utf-8")
    m = re.search(r"`\(proglint ,proglint-concise-regexp (\d+) (\d+) (\d+) \((\d+) \. (\d+)\)\)", text)
    assert m
    return tuple(int(g) for g in m.groups())


def emacs_parse(line: str) -> dict | None:
    m = re.match(emacs_to_python(elisp_string("proglint-concise-regexp")), line)
    if not m:
        return None
    file, line_no, column, warning, info = compile_entry()
    return {
        "file": m[file], "line": int(m[line_no]), "column": int(m[column]),
        "severity": "warning" if m[warning] else "info" if m[info] else "error",
        "code": m[6], "message": m[7],  # the groups the Flymake backend reads
    }


def test_emacs_regexp_captures_every_field(concise, expected):
    assert [emacs_parse(line) for line in concise.splitlines()] == expected
    assert emacs_parse("proglint: error: path 'x' does not exist") is None
    text = EMACS_FILE.read_text(encoding="utf-8")
    assert '(list proglint-program "--format" "concise"' in text  # Flymake runs the concise format
    assert "(match-string 6)" in text and "(match-string 7)" in text


EMACS_COMPILE_PROBE = r"""
(setq byte-compile-error-on-warn t)
(unless (byte-compile-file "proglint.el") (kill-emacs 3))
(load (expand-file-name "proglint.elc") nil t)
(require 'json)
(let (out (pos 1))
  (with-current-buffer (find-file-noselect "concise.txt")
    (compilation-mode)
    (compilation--ensure-parse (point-max))
    (while pos
      (let ((msg (get-text-property pos 'compilation-message)))
        (when msg
          (let ((loc (compilation--message->loc msg)))
            (push (vector (caar (compilation--loc->file-struct loc))
                          (compilation--loc->line loc)
                          (compilation--loc->col loc)
                          (compilation--message->type msg))
                  out))))
      (setq pos (next-single-property-change pos 'compilation-message))))
  (with-temp-file "compile.json" (insert (json-encode (nreverse out)))))
"""

EMACS_FLYMAKE_PROBE = r"""
(require 'proglint)
(require 'json)
(let ((done nil) (result nil) (here default-directory))
  (with-current-buffer (find-file-noselect (expand-file-name "docs/broken program.txt" here))
    (proglint-flymake (lambda (diags &rest _) (setq result diags done t)))
    (with-timeout (60 (kill-emacs 4))
      (while (not done) (accept-process-output nil 0.1)))
    (let ((rows (mapcar (lambda (d)
                          (let ((beg (flymake-diagnostic-beg d)))
                            (vector (line-number-at-pos beg)
                                    (save-excursion (goto-char beg) (1+ (current-column)))
                                    (symbol-name (flymake-diagnostic-type d))
                                    (flymake-diagnostic-text d))))
                        result)))
      (with-temp-file (expand-file-name "flymake.json" here)
        (insert (json-encode rows))))))
"""


@pytest.mark.skipif(shutil.which("emacs") is None, reason="Emacs is not installed")
def test_real_emacs_compile_mode_and_flymake(workspace, concise, expected, tmp_path):
    env = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", "")}
    env.pop("GITHUB_ACTIONS", None)
    shutil.copy(EMACS_FILE, tmp_path / "proglint.el")
    (tmp_path / "concise.txt").write_text(concise, encoding="utf-8")
    (tmp_path / "compile-probe.el").write_text(EMACS_COMPILE_PROBE, encoding="utf-8")
    done = subprocess.run(["emacs", "--batch", "-Q", "-L", ".", "-l", "compile-probe.el"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr  # 3: the recipe byte-compiles with warnings
    types = {2: "error", 1: "warning", 0: "info"}
    compiled = [
        {"file": f, "line": line, "column": column, "severity": types[t]}
        for f, line, column, t in json.loads((tmp_path / "compile.json").read_text(encoding="utf-8"))
    ]
    assert compiled == [{k: d[k] for k in ("file", "line", "column", "severity")} for d in expected]

    if not shutil.which("proglint", path=env["PATH"]):
        pytest.skip("no proglint executable beside this Python for Flymake to run")
    (tmp_path / "flymake-probe.el").write_text(EMACS_FLYMAKE_PROBE, encoding="utf-8")
    # Flymake lints the buffer under the project's configuration: PL011 and PL110 only
    workspace_copy = tmp_path / "ws"
    shutil.copytree(workspace, workspace_copy)
    done = subprocess.run(["emacs", "--batch", "-Q", "-L", str(tmp_path), "-l", str(tmp_path / "flymake-probe.el")], cwd=workspace_copy,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = json.loads((workspace_copy / "flymake.json").read_text(encoding="utf-8"))
    kinds = {":error": "error", ":warning": "warning", ":note": "info"}
    default = json.loads(run("docs/broken program.txt", "--format", "json", cwd=workspace_copy).stdout)["diagnostics"]
    assert sorted(rows) == sorted(
        [d["line"], d["column"], {v: k for k, v in kinds.items()}[d["severity"]], f"{d['code']} {d['message']}"]
        for d in default
    )
    assert default  # the document is broken under the default checks too


# -- VS Code ---------------------------------------------------------------------

VSCODE_FILE = EDITORS / "vscode-tasks.json"


def vscode_tasks() -> list[dict]:
    tasks = json.loads(VSCODE_FILE.read_text(encoding="utf-8"))
    assert tasks["version"] == "2.0.0"
    return tasks["tasks"]


def test_vscode_tasks_run_concise_output():
    for task in vscode_tasks():
        assert task["command"] == "proglint"
        args = task["args"]
        assert args[args.index("--format") + 1] == "concise"
        matcher = task["problemMatcher"]
        assert matcher["owner"] == "proglint"
        assert matcher["fileLocation"][0] == "autoDetect"  # relative and absolute paths


def test_vscode_problem_matcher_captures_every_field(concise, expected):
    for task in vscode_tasks():
        pattern = task["problemMatcher"]["pattern"]
        regex = re.compile(pattern["regexp"])  # JavaScript syntax; this subset reads the same in Python
        parsed = []
        for line in concise.splitlines():
            m = regex.search(line)
            assert m, line
            parsed.append({
                "file": m[pattern["file"]], "line": int(m[pattern["line"]]), "column": int(m[pattern["column"]]),
                "severity": m[pattern["severity"]], "code": m[pattern["code"]], "message": m[pattern["message"]],
            })
        assert parsed == expected
        assert regex.search("proglint: error: path 'x' does not exist") is None
