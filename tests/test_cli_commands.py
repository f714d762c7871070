"""The command line as ruff users expect it (issue 12): subcommands with
their own help, init, gitignore-style exclusion and .gitignore, --show-files,
--show-settings, --strict, FORCE_COLOR, explain/rules with the
configuration, lsp --stdio, shell completion, repository-relative paths in
machine formats.  Every behaviour is checked on a real run of the command
(and real ``git init`` repositories for .gitignore)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, seed_text

BROKEN = seed_text().replace('proposal_type: "calibration"', 'proposal_type: "calibrashun"')  # PL110, a warning


def run(*args: str, cwd: Path, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "proglint", *args],
        capture_output=True, text=True, cwd=cwd, env={**environment, **(env or {})}, input=stdin, timeout=600,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def files(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def git_init(folder: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(folder)], check=True, capture_output=True)


@pytest.fixture
def tree(tmp_path) -> Path:
    """keep.txt, drafts/d.txt, sub/drafts/e.txt, sub/f.md"""
    for name in ("keep.txt", "drafts/d.txt", "sub/drafts/e.txt", "sub/f.md"):
        write(tmp_path / name, seed_text())
    return tmp_path


# -- subcommands -----------------------------------------------------------


def test_help_lists_every_command(tmp_path):
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: proglint ")
    for command in ("check", "report", "rules", "explain", "schema", "lsp", "init", "completion"):
        assert f"\n    {command}" in result.stdout, command


@pytest.mark.parametrize("command", ["check", "report", "rules", "explain", "schema", "lsp", "init", "completion"])
def test_each_command_has_its_own_help(tmp_path, command):
    result = run(command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: proglint {command} ")


def test_check_help_lists_the_new_options(tmp_path):
    text = run("check", "--help", cwd=tmp_path).stdout
    for option in ("--extend-exclude", "--no-respect-gitignore", "--force-exclude", "--show-files", "--show-settings", "--strict"):
        assert option in text


def test_paths_without_a_command_are_checked(tmp_path):
    write(tmp_path / "p.txt", seed_text())
    assert run("p.txt", cwd=tmp_path).stdout == "Checked 1 file: no problems found.\n"
    assert run(cwd=tmp_path).stdout == "Checked 1 file: no problems found.\n"  # default: .
    assert run("--quiet", "p.txt", cwd=tmp_path).returncode == 0  # options first


def test_a_folder_named_like_a_command(tmp_path):
    write(tmp_path / "rules" / "p.txt", BROKEN)
    by_check = run("check", "rules/", "--format", "concise", cwd=tmp_path)
    by_dot = run("./rules", "--format", "concise", cwd=tmp_path)
    assert by_check.returncode == by_dot.returncode == 0  # a warning
    assert "rules/p.txt:3:" in by_check.stdout and "rules/p.txt:3:" in by_dot.stdout
    listing = run("rules", cwd=tmp_path)  # the command, not the folder
    assert listing.stdout.startswith("code ") and "PL011" in listing.stdout


def test_an_unknown_word_is_neither_file_nor_command(tmp_path):
    result = run("chekc", cwd=tmp_path)
    assert result.returncode == 2
    assert "no such file or command: chekc" in result.stderr and "did you mean 'proglint check'" in result.stderr
    other = run("frobnicate", cwd=tmp_path)
    assert other.returncode == 2 and "no such file or command: frobnicate" in other.stderr
    path = run("no/such.txt", cwd=tmp_path)
    assert path.returncode == 2 and "path 'no/such.txt' does not exist" in path.stderr


def test_version_is_printed(tmp_path):
    from proglint import __version__

    assert run("--version", cwd=tmp_path).stdout == f"proglint {__version__}\n"


# -- init --------------------------------------------------------------------


def _load(path: Path):
    from proglint.config_file import load

    load.cache_clear()
    return load(path)


def test_init_writes_a_proglint_toml_that_loads(tmp_path):
    result = run("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    target = tmp_path / ".proglint.toml"
    assert result.stdout == "proglint: wrote .proglint.toml\n"
    text = target.read_text()
    assert "[tool.proglint]" not in text and text.count("\n# ") > 5  # commented
    config = _load(target)  # validates against schemas/config.schema.json
    assert config.respect_gitignore is True and config.extend_exclude == ()
    assert run("init", cwd=tmp_path).returncode == 2  # never overwrites


def test_init_appends_a_table_to_pyproject_and_refuses_a_second(tmp_path):
    before = '[project]\nname = "x"\n'
    write(tmp_path / "pyproject.toml", before)
    result = run("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(before) and "\n[tool.proglint]\n" in text
    assert result.stdout == "proglint: added a [tool.proglint] table to pyproject.toml\n"
    assert not (tmp_path / ".proglint.toml").exists()
    _load(tmp_path / "pyproject.toml")
    again = run("init", cwd=tmp_path)
    assert again.returncode == 2 and "already has a [tool.proglint] table" in again.stderr
    assert (tmp_path / "pyproject.toml").read_text() == text
    # the starter is a working configuration for a run
    write(tmp_path / "p.txt", seed_text())
    assert run("p.txt", cwd=tmp_path).returncode == 0


def test_init_file_option_and_the_schema(tmp_path):
    import jsonschema

    from proglint.init import starter

    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    result = run("init", "--file", "proglint.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[tool.proglint]" not in (tmp_path / "pyproject.toml").read_text()
    _load(tmp_path / "proglint.toml")
    schema = json.loads((ROOT / "schemas" / "config.schema.json").read_text())
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    jsonschema.Draft202012Validator(schema).validate(tomllib.loads(starter(False)))
    jsonschema.Draft202012Validator(schema).validate(tomllib.loads(starter(True))["tool"]["proglint"])
    # every commented-out key is a real one: uncommented, it still validates
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") and "=" in line.split("#")[1] and not line.startswith("# proglint") else line
        for line in starter(False).splitlines()
    )
    table = tomllib.loads(uncommented.replace("# [", "[").replace('"PL110"', "PL110"))
    assert {"select", "include", "rule-paths", "schemas"} <= set(table)
    jsonschema.Draft202012Validator(schema).validate({k: v for k, v in table.items() if k not in ("severity", "per-file-ignores")})


# -- exclusion ------------------------------------------------------------------


@pytest.mark.parametrize("pattern", ["drafts/", "./drafts/*", "**/drafts", "drafts", "ABSOLUTE"])
def test_exclude_patterns_on_the_command_line(tree, pattern):
    if pattern == "ABSOLUTE":
        pattern = str(tree / "drafts")
    shown = files(run(".", "--exclude", pattern, "--show-files", cwd=tree))
    assert "drafts/d.txt" not in shown and "keep.txt" in shown
    # a name-only pattern matches at any depth; an anchored one only at the top
    assert ("sub/drafts/e.txt" in shown) == (pattern.startswith("./") or pattern.startswith("/"))


def test_extend_exclude_in_config_is_relative_to_the_config_folder(tree):
    write(tree / "sub" / "proglint.toml", 'extend-exclude = ["/drafts/"]\n')
    shown = files(run(".", "--show-files", cwd=tree))
    assert sorted(shown) == ["drafts/d.txt", "keep.txt", "sub/f.md"]  # sub/drafts only
    # run from elsewhere: the pattern still means sub/drafts
    shown = files(run(str(tree), "--show-files", cwd=tree.parent))
    assert str(tree / "sub" / "drafts" / "e.txt") not in shown and str(tree / "drafts" / "d.txt") in shown


def test_exclude_replaces_the_default_list_and_extend_exclude_keeps_it(tmp_path):
    write(tmp_path / "node_modules" / "p.txt", seed_text())
    write(tmp_path / "a.txt", seed_text())
    assert files(run(".", "--show-files", cwd=tmp_path)) == ["a.txt"]
    write(tmp_path / "proglint.toml", 'extend-exclude = ["a.txt"]\n')
    assert files(run(".", "--show-files", cwd=tmp_path)) == []
    write(tmp_path / "proglint.toml", 'exclude = ["a.txt"]\n')
    assert files(run(".", "--show-files", cwd=tmp_path)) == ["node_modules/p.txt"]


def test_negated_pattern_re_includes(tree):
    shown = files(run(".", "--exclude", "*.txt", "--exclude", "!keep.txt", "--show-files", cwd=tree))
    assert sorted(shown) == ["keep.txt", "sub/f.md"]


def test_a_named_file_is_linted_unless_force_exclude(tree):
    args = ("drafts/d.txt", "keep.txt", "--exclude", "drafts/", "--show-files")
    assert files(run(*args, cwd=tree)) == ["drafts/d.txt", "keep.txt"]
    assert files(run(*args, "--force-exclude", cwd=tree)) == ["keep.txt"]
    write(tree / "proglint.toml", 'extend-exclude = ["drafts/"]\n')
    assert files(run("drafts/d.txt", "--force-exclude", "--show-files", cwd=tree)) == []
    assert files(run("drafts/d.txt", "--show-files", cwd=tree)) == ["drafts/d.txt"]


def test_precommit_hooks_pass_force_exclude():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    linting = [hook for hook in hooks if not hook["entry"].startswith("proglint format")]
    assert len(linting) == 2 and all("--force-exclude" in hook["args"] for hook in linting)


# -- .gitignore --------------------------------------------------------------------


def test_gitignore_is_honoured_in_a_repository(tree):
    git_init(tree)
    write(tree / ".gitignore", "drafts/\n")
    write(tree / "sub" / ".gitignore", "*.md\n")
    assert sorted(files(run(".", "--show-files", cwd=tree))) == ["keep.txt"]
    # from a subfolder, the repository's .gitignore above still applies
    assert files(run(".", "--show-files", cwd=tree / "sub")) == []
    everything = sorted(files(run(".", "--show-files", "--no-respect-gitignore", cwd=tree)))
    assert everything == ["drafts/d.txt", "keep.txt", "sub/drafts/e.txt", "sub/f.md"]
    write(tree / "proglint.toml", "respect-gitignore = false\n")
    assert sorted(files(run(".", "--show-files", cwd=tree))) == everything
    assert sorted(files(run(".", "--show-files", "--respect-gitignore", cwd=tree))) == ["keep.txt"]


def test_nested_gitignore_negation_and_named_files(tree):
    git_init(tree)
    write(tree / ".gitignore", "*.txt\n")
    write(tree / "sub" / ".gitignore", "!*.txt\n")  # a deeper file overrides
    assert sorted(files(run(".", "--show-files", cwd=tree))) == ["sub/drafts/e.txt", "sub/f.md"]
    assert files(run("keep.txt", "--show-files", cwd=tree)) == ["keep.txt"]  # named: linted
    # as git does for a tracked file (what pre-commit names), .gitignore is not read for named files
    assert files(run("keep.txt", "--show-files", "--force-exclude", cwd=tree)) == ["keep.txt"]


def test_gitignore_outside_a_repository_is_not_read(tree):
    write(tree / ".gitignore", "drafts/\n")
    assert "drafts/d.txt" in files(run(".", "--show-files", cwd=tree))


def test_show_files_counts_what_check_lints(tree):
    git_init(tree)
    write(tree / ".gitignore", "drafts/\n")
    shown = files(run(".", "--show-files", cwd=tree))
    result = run(".", "--ignore", "PL601", cwd=tree)  # the copies share a program id
    assert result.stdout.strip() == f"Checked {len(shown)} files: no problems found."


# -- --show-settings, --strict, colour --------------------------------------------


def test_show_settings_is_the_effective_configuration(tmp_path):
    write(tmp_path / "proglint.toml", 'extend-exclude = ["old/"]\nignore = ["PL4"]\n[severity]\nPL110 = "error"\n')
    write(tmp_path / "p.txt", seed_text())
    result = run("p.txt", "--show-settings", "--ignore", "PL5", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["config-file"] == str((tmp_path / "proglint.toml").resolve())
    assert settings["extend-exclude"] == ["old/"] and settings["respect-gitignore"] is True
    assert [layer["ignore"] for layer in settings["selection"]] == [["PL4"], ["PL5"]]
    assert settings["enabled"]["PL110"] == "error" and "PL401" not in settings["enabled"] and "PL501" not in settings["enabled"]
    assert json.loads(run("p.txt", "--show-settings", "--isolated", cwd=tmp_path).stdout)["config-file"] is None


def test_strict_fails_on_warnings(tmp_path):
    write(tmp_path / "p.txt", BROKEN)
    assert run("p.txt", cwd=tmp_path).returncode == 0
    assert run("p.txt", "--strict", cwd=tmp_path).returncode == 1
    assert run("p.txt", "--strict", "--exit-zero", cwd=tmp_path).returncode == 0
    write(tmp_path / "p.txt", seed_text())
    assert run("p.txt", "--strict", cwd=tmp_path).returncode == 0


def test_force_color_and_no_color(tmp_path):
    write(tmp_path / "p.txt", BROKEN)
    assert "\x1b[" not in run("p.txt", cwd=tmp_path).stdout  # not a terminal
    assert "\x1b[" in run("p.txt", cwd=tmp_path, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run("p.txt", cwd=tmp_path, env={"FORCE_COLOR": ""}).stdout  # empty: not set
    assert "\x1b[" not in run("p.txt", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout  # NO_COLOR wins
    assert "\x1b[" not in run("p.txt", "--color", "never", cwd=tmp_path, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in run("p.txt", "--color", "always", cwd=tmp_path, env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" not in run("p.txt", "--format", "concise", cwd=tmp_path, env={"FORCE_COLOR": "1"}).stdout


# -- explain / rules read the configuration -----------------------------------------

TEAM_RULE = '''
from proglint.api import Finding, rule

@rule("TM001", "label-required", "warning", "Every observation has a label.")
def label_required(document, context):
    """**What it does.** Reports an observation without a label. Team rule text."""
    return ()
'''


def test_explain_and_rules_know_team_rules(tmp_path, tmp_path_factory):
    write(tmp_path / "lint" / "rules" / "labels.py", TEAM_RULE)
    write(tmp_path / "proglint.toml", 'rule-paths = ["lint/rules"]\n')
    assert "TM001" in run("rules", cwd=tmp_path).stdout
    explained = run("explain", "TM001", cwd=tmp_path)
    assert explained.returncode == 0, explained.stderr
    assert "Team rule text." in explained.stdout
    assert run("explain", "label-required", cwd=tmp_path).returncode == 0
    isolated = run("explain", "TM001", "--isolated", cwd=tmp_path)
    assert isolated.returncode == 2 and "unknown check 'TM001'" in isolated.stderr
    assert "TM001" not in run("rules", "--isolated", cwd=tmp_path).stdout
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # no configuration above it
    assert run("explain", "TM001", cwd=elsewhere).returncode == 2
    assert run("explain", "TM001", "--config", str(tmp_path / "proglint.toml"), cwd=elsewhere).returncode == 0


# -- lsp --stdio ---------------------------------------------------------------------


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


@pytest.mark.parametrize("extra", [[], ["--stdio"]])
def test_lsp_accepts_stdio(tmp_path, extra):
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    result = subprocess.run(
        [sys.executable, "-m", "proglint", "lsp", *extra], input=b"".join(map(_frame, messages)),
        capture_output=True, cwd=tmp_path, timeout=600,
    )
    assert b'"capabilities"' in result.stdout, result.stderr.decode()
    assert b"unrecognized arguments" not in result.stderr


# -- completion ------------------------------------------------------------------------


def completion(shell: str, cwd: Path) -> str:
    result = run("completion", shell, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bash_completion_is_valid_and_completes_commands_and_options(tmp_path):
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = write(tmp_path / "proglint.bash", completion("bash", tmp_path))
    assert subprocess.run([bash, "-n", str(script)], capture_output=True).returncode == 0
    write(tmp_path / "checkme.txt", "")

    def complete(*words: str) -> list[str]:
        words_ = " ".join(f"'{w}'" for w in ("proglint", *words))
        program = (
            f"source {script}; COMP_WORDS=({words_}); COMP_CWORD={len(words)}; "
            "_proglint; printf '%s\\n' \"${COMPREPLY[@]}\""
        )
        done = subprocess.run([bash, "-c", program], capture_output=True, text=True, cwd=tmp_path, timeout=600)
        assert done.returncode == 0, done.stderr
        return [line for line in done.stdout.splitlines() if line]

    assert complete("ch") == ["check", "checkme.txt"]  # a command, or a file to check
    assert set(complete("")) >= {"check", "rules", "explain", "schema", "lsp", "init", "completion"}
    assert complete("check", "--form") == ["--format"]
    assert complete("--show-fi") == ["--show-files", "--show-fixes"]  # check's options without the word check
    assert complete("check", "--format", "json") == ["json", "json-lines"]
    assert complete("schema", "") == ["document", "config", "report"]
    assert complete("completion", "") == ["bash", "zsh", "fish"]
    assert complete("lsp", "--st") == ["--stdio"]
    assert complete("rules", "--format", "") == ["text", "json", "markdown"]


def test_zsh_completion_parses(tmp_path):
    script = write(tmp_path / "_proglint", completion("zsh", tmp_path))
    assert script.read_text().startswith("#compdef proglint\n")
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.skip("zsh is not installed (the script was generated; not parsed)")
    assert subprocess.run([zsh, "-n", str(script)], capture_output=True).returncode == 0


def test_fish_completion_parses(tmp_path):
    script = write(tmp_path / "proglint.fish", completion("fish", tmp_path))
    assert "complete -c proglint -n __fish_use_subcommand -a check" in script.read_text()
    fish = shutil.which("fish")
    if fish is None:
        pytest.skip("fish is not installed (the script was generated; not parsed)")
    assert subprocess.run([fish, "--no-execute", str(script)], capture_output=True).returncode == 0


# -- repository-relative paths in machine formats --------------------------------------


@pytest.fixture
def repo(tmp_path) -> Path:
    git_init(tmp_path)
    write(tmp_path / "docs" / "programs" / "p.txt", BROKEN.replace("| 15          |", "| 15 | x |", 1))
    return tmp_path


def test_machine_formats_are_repository_relative_from_a_subfolder(repo):
    from test_formats import valid_sarif

    sub = repo / "docs"
    expected = "docs/programs/p.txt"
    args = ("programs/p.txt", "--select", "PL011,PL110")
    report = json.loads(run(*args, "--format", "json", cwd=sub).stdout)
    assert {d["path"] for d in report["diagnostics"]} == {expected}
    lines = [json.loads(line) for line in run(*args, "--format", "json-lines", cwd=sub).stdout.splitlines()]
    assert {d["path"] for d in lines} == {expected}
    log = valid_sarif(run(*args, "--format", "sarif", cwd=sub).stdout)
    (run_,) = log["runs"]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    for result in run_["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": expected, "uriBaseId": "%SRCROOT%"}
    github = run(*args, "--format", "github", cwd=sub).stdout.splitlines()
    assert all(f"file={expected}," in line for line in github[:-1]) and len(github) == 3
    gitlab = json.loads(run(*args, "--format", "gitlab", cwd=sub).stdout)
    assert {issue["location"]["path"] for issue in gitlab} == {expected}
    from junitparser import JUnitXml

    (suite,) = JUnitXml.fromstring(run(*args, "--format", "junit", cwd=sub).stdout)
    assert [case.name for case in suite] == [expected]
    # text and concise keep the path as typed
    assert run(*args, "--format", "concise", cwd=sub).stdout.startswith("programs/p.txt:")
    assert run(*args, cwd=sub).stdout.startswith("programs/p.txt:")


def test_fingerprints_do_not_depend_on_the_working_folder(repo):
    args = ("--select", "PL011,PL110", "--format", "gitlab")
    from_root = json.loads(run("docs/programs/p.txt", *args, cwd=repo).stdout)
    from_sub = json.loads(run("p.txt", *args, cwd=repo / "docs" / "programs").stdout)
    assert from_root == from_sub


def test_outside_the_repository_paths_are_absolute(repo, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    write(outside / "q.txt", BROKEN)
    report = json.loads(run(str(outside / "q.txt"), "--format", "json", cwd=repo).stdout)
    assert {d["path"] for d in report["diagnostics"]} == {(outside / "q.txt").as_posix()}


# -- what JSON carries ------------------------------------------------------------------


def test_json_carries_fix_documentation_and_related(tmp_path):
    import jsonschema

    from proglint.resources import schema_path

    lines = seed_text().split("\n")
    lines[22] = lines[22].replace("| 16 ", "| 15 ")  # PL220: a duplicated number, first used on line 22
    write(tmp_path / "p.txt", "\n".join(lines))
    result = run("p.txt", "--select", "PL220,PL502", "--format", "json", cwd=tmp_path)
    report = json.loads(result.stdout)
    schema = json.loads(schema_path("report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(report)
    by_code = {}
    for d in report["diagnostics"]:
        by_code.setdefault(d["code"], []).append(d)
    (duplicate,) = by_code["PL220"]
    assert duplicate["documentation"] == "docs/rules.md#pl220-observation-number-duplicate"
    assert (ROOT / "docs" / "rules.md").read_text().count("\n## PL220") + (ROOT / "docs" / "rules.md").read_text().count("\n### PL220") >= 1
    (related,) = duplicate["related"]
    assert (related["path"], related["line"]) == ("p.txt", 22) and related["message"]
    # the seed uses 1 to 25: the duplicate is offered 26, as a guess (unsafe)
    assert duplicate["fix"]["applicability"] == "unsafe" and duplicate["fix"]["message"] == "renumber it 26"
    assert [(e["line"], e["content"]) for e in duplicate["fix"]["edits"]] == [(23, "26")]
    spelled = by_code["PL502"][0]
    fix = spelled["fix"]
    assert fix["applicability"] == "safe" and fix["message"] == "write 'MIRI Imaging'"
    (edit,) = fix["edits"]
    line = lines[edit["line"] - 1]
    assert line[edit["column"] - 1: edit["end_column"] - 1] == "MIRI imaging" and edit["content"] == "MIRI Imaging"
    streamed = [json.loads(x) for x in run("p.txt", "--select", "PL220,PL502", "--format", "json-lines", cwd=tmp_path).stdout.splitlines()]
    assert streamed == report["diagnostics"]


def test_fix_applicability_reaches_json_and_sarif():
    from proglint.diagnostic import Diagnostic, Edit, Fix, Severity
    from proglint.report import Options, Report, render
    from proglint.span import Span

    assert Fix("m", ()).applicability == "safe"
    d = Diagnostic("PL999", "made-up", Severity.WARNING, "x", Span(1, 1, 1, 2), "p.txt",
                   fix=Fix("rewrite", (Edit(Span(1, 1, 1, 2), "y"),), applicability="unsafe"))
    report = Report([d], {}, 1)
    (item,) = json.loads(render("json", report, Options()))["diagnostics"]
    assert item["fix"]["applicability"] == "unsafe" and item["documentation"] is None  # not a known built-in check
    (result,) = json.loads(render("sarif", report, Options()))["runs"][0]["results"]
    assert result["fixes"][0]["properties"]["applicability"] == "unsafe"
