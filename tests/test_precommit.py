"""The pre-commit hook, run by the real ``pre-commit try-repo``.

pre-commit installs proglint from a git repository into an environment of
its own (``pip install .``, which needs PyPI for the build backend) and runs
the hook in a second repository holding program documents.  The hook
repository is a committed copy of this working tree (tracked and untracked
files, without ignored ones): ``try-repo`` on the working tree itself would
only carry changes to files git already tracks, so a new rule module would
be missing.  The copy, and PRE_COMMIT_HOME, are shared by the module so the
environment is built once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEED_PATHS, column_of, line_of, seed_text

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
UNSERIALIZED = "proglint-unserialized"  # a control hook added to the copy only

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None, reason="needs pre-commit (the test extra) and git"
)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git("init", "-q", cwd=path)
    git("config", "user.email", "test@proglint.invalid", cwd=path)
    git("config", "user.name", "proglint tests", cwd=path)
    git("config", "commit.gpgsign", "false", cwd=path)
    return path


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A committed copy of the working tree, plus a control hook identical to
    ``proglint`` but without ``require_serial``."""
    repo = git_repo(tmp_path_factory.mktemp("hook") / "proglint")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = repo / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    hooks = yaml.safe_load((repo / ".pre-commit-hooks.yaml").read_text())
    control = dict(next(h for h in hooks if h["id"] == "proglint"), id=UNSERIALIZED, require_serial=False)
    (repo / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump(hooks + [control], sort_keys=False))
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "proglint under test", cwd=repo)
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def documents(tmp_path) -> Path:
    return git_repo(tmp_path / "documents")


def try_repo(hook_repo: Path, home: Path, documents: Path, files: list[str], hook: str = "proglint"):
    for name in files:
        git("add", "--", name, cwd=documents)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1", PRE_COMMIT_COLOR="never")
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(hook_repo), hook, "--color", "never", "--files", *files],
        cwd=documents, env=env, capture_output=True, text=True, timeout=900,
    )


def copy_seeds(documents: Path) -> list[str]:
    for path in SEED_PATHS:
        shutil.copy2(path, documents / path.name)
    return [path.name for path in SEED_PATHS]


def renumbered(text: str, old: str, new: str) -> str:
    """A seed under another program id (front matter, heading and URL)."""
    return text.replace(f"id: {old}", f"id: {new}").replace(f"# {old} - ", f"# {new} - ").replace(f"?id={old}", f"?id={new}")


def test_hook_definition_runs_in_one_process():
    (hook,) = [h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "proglint"]
    assert hook["entry"] == "proglint" and hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "text"]
    assert hook["require_serial"] is True


def test_clean_seeds_pass(hook_repo, pre_commit_home, documents):
    result = try_repo(hook_repo, pre_commit_home, documents, copy_seeds(documents))
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^proglint\.+Passed$", result.stdout, re.MULTILINE), result.stdout


def test_a_broken_document_fails_with_its_position(hook_repo, pre_commit_home, documents):
    names = copy_seeds(documents)
    text = renumbered(seed_text("1093.txt"), "1093", "1999").replace("# 1999 - ", "# 1039 - ")
    (documents / "broken.txt").write_text(text)
    result = try_repo(hook_repo, pre_commit_home, documents, names + ["broken.txt"])
    line = line_of(text, "# 1039 - ")
    column = column_of(text, line, "1039")
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^proglint\.+Failed$", result.stdout, re.MULTILINE), result.stdout
    assert f"broken.txt:{line}:{column}: error PL120" in result.stdout
    assert [line.split(":")[0] for line in result.stdout.splitlines() if re.match(r"\S+:\d+:\d+: ", line)] == [
        "broken.txt"
    ]  # one finding, and the real documents stay clean


def test_other_files_are_not_given_to_proglint(hook_repo, pre_commit_home, documents):
    (documents / "notes.yaml").write_text("not: a program document\n")
    (documents / "1071.txt").write_text(seed_text("1071.txt"))
    result = try_repo(hook_repo, pre_commit_home, documents, ["notes.yaml", "1071.txt"])
    assert result.returncode == 0, result.stdout + result.stderr


def duplicated_programs(documents: Path, pairs: int) -> list[str]:
    """``pairs`` programs, each in two documents: 2 * pairs files."""
    base = seed_text("1071.txt")
    names = []
    for index in range(pairs):
        text = renumbered(base, "1071", str(2001 + index))
        for copy in ("a", "b"):
            name = f"doc_{index:02d}{copy}.txt"
            (documents / name).write_text(text)
            names.append(name)
    return names


def reported_duplicates(output: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^(doc_\d\d[ab]\.txt):\d+:\d+: error PL601 ", output, re.MULTILINE)}


def test_same_id_given_together_is_reported_at_both(hook_repo, pre_commit_home, documents):
    names = copy_seeds(documents)
    (documents / "copy_of_1366.md").write_text(seed_text("1366.txt"))
    result = try_repo(hook_repo, pre_commit_home, documents, names + ["copy_of_1366.md"])
    text = seed_text("1366.txt")
    line = line_of(text, "id: 1366")
    column = column_of(text, line, "1366")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"1366.txt:{line}:{column}: error PL601 [duplicate-program-id] program 1366 is also the id of copy_of_1366.md (line {line})" in result.stdout
    assert f"copy_of_1366.md:{line}:{column}: error PL601 [duplicate-program-id] program 1366 is also the id of 1366.txt (line {line})" in result.stdout


def test_require_serial_keeps_every_file_in_one_process(hook_repo, pre_commit_home, documents):
    """Forty files, twenty programs each in two: pre-commit would split a
    list this long across processes, but with ``require_serial`` the hook
    gets all forty and reports every one of them."""
    names = duplicated_programs(documents, 20)
    result = try_repo(hook_repo, pre_commit_home, documents, names)
    assert result.returncode == 1, result.stdout + result.stderr
    assert reported_duplicates(result.stdout) == set(names)


def test_without_require_serial_duplicates_are_missed(hook_repo, pre_commit_home, documents):
    """The control: the same hook without ``require_serial`` runs in several
    processes and misses pairs split between them, which is why the hook
    sets it."""
    from pre_commit import xargs

    if xargs.cpu_count() < 2:
        pytest.skip("pre-commit runs one process on a single CPU")
    names = duplicated_programs(documents, 20)
    result = try_repo(hook_repo, pre_commit_home, documents, names, hook=UNSERIALIZED)
    assert reported_duplicates(result.stdout) < set(names), result.stdout


def test_fix_hook_rewrites_the_document(hook_repo, pre_commit_home, documents):
    (documents / "proglint.toml").write_text('extend-select = ["PL502"]\n')
    seed = seed_text()
    (documents / "4497.txt").write_text(seed)
    result = try_repo(hook_repo, pre_commit_home, documents, ["4497.txt"], hook="proglint-fix")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    fixed = (documents / "4497.txt").read_text()
    assert fixed == seed.replace("| MIRI imaging   ", "| MIRI Imaging   ")
    again = try_repo(hook_repo, pre_commit_home, documents, ["4497.txt"], hook="proglint-fix")
    assert again.returncode == 0, again.stdout + again.stderr


def test_format_hook_rewrites_a_document_and_leaves_a_readme(hook_repo, pre_commit_home, documents):
    seed = seed_text("1071.txt")
    (documents / "1071.txt").write_text(seed)  # canonical but for its final newline
    readme = "# Notes   \n\n| a | b |\n|---|---|\n"
    (documents / "README.md").write_text(readme)
    result = try_repo(hook_repo, pre_commit_home, documents, ["1071.txt", "README.md"], hook="proglint-format")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert (documents / "1071.txt").read_text() == seed + "\n"
    assert (documents / "README.md").read_text() == readme  # not a program document: not ours to rewrite
    again = try_repo(hook_repo, pre_commit_home, documents, ["1071.txt", "README.md"], hook="proglint-format")
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_markdown_file_that_is_no_program_document_is_skipped(hook_repo, pre_commit_home, documents):
    # notes.md matches the hook's `files` (.md), so pre-commit passes it to
    # proglint; only --skip-non-documents in the hook's args keeps it quiet
    notes = "# Meeting notes\n\nNothing about any program here.\n"
    (documents / "notes.md").write_text(notes)
    (documents / "1071.txt").write_text(seed_text("1071.txt"))
    result = try_repo(hook_repo, pre_commit_home, documents, ["notes.md", "1071.txt"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^proglint\.+Passed$", result.stdout, re.MULTILINE), result.stdout
    # the near miss: the same file named to proglint without the flag is reported
    direct = subprocess.run(
        [sys.executable, "-m", "proglint", "notes.md", "--format", "concise"],
        cwd=documents, capture_output=True, text=True,
    )
    assert direct.returncode == 1, direct.stdout + direct.stderr
    assert direct.stdout.startswith("notes.md:1:1: error PL003 "), direct.stdout
