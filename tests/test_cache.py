"""The result cache: hits only when nothing that decides the findings has
changed, misses (never a crash, never a stale result) otherwise.

"Not linted again" is observed, not timed: on a warm run the per-document
stage (``pipeline.examine``) is made to fail, so any document it is asked
to check shows up as an internal error in the output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import proglint.pipeline
from proglint.cli import main

from conftest import ROOT, SEEDS, seed_text

FIXTURES = ROOT / "tests" / "fixtures"

SEED = seed_text("1071.txt")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "1071.txt").write_text(SEED, encoding="utf-8")
    (folder / "1093.txt").write_text(seed_text("1093.txt"), encoding="utf-8")
    # a finding with a fix, a suppression and a snippet, so all of an entry round-trips
    broken = SEED.replace("1071", "4000").replace("| 1 ", "| 2 ", 1).replace("\n## OBSERVATIONS", "<!-- proglint-disable-next-line PL301 -->\n## OBSERVATIONS", 1)
    (folder / "broken.txt").write_text(broken, encoding="utf-8")
    return folder


def lint(capsys, *args) -> tuple[int, str, str]:
    code = main([*args, "--format", "text", "--color", "never"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def forbid_linting(monkeypatch):
    def examine(*args, **kwargs):
        raise AssertionError("linted again")

    monkeypatch.setattr(proglint.pipeline, "examine", examine)


def cache_files(folder: Path) -> list[Path]:
    """The shard files of every key."""
    return sorted(folder.glob("*/*.json"))


def entries(folder: Path) -> dict:
    found = {}
    for file in cache_files(folder):
        found.update(json.loads(file.read_text(encoding="utf-8"))["entries"])
    return found


def test_a_warm_run_reads_every_result_from_the_cache(docs, cache_dir, capsys, monkeypatch):
    cold = lint(capsys, str(docs))
    assert cold[0] == 1 and "PL220" in cold[1]  # observation 2 twice: the cached findings are real ones
    assert len({file.parent for file in cache_files(cache_dir)}) == 1  # one key
    forbid_linting(monkeypatch)
    assert lint(capsys, str(docs)) == cold


def test_the_cache_folder_is_marked_and_ignored_by_git(docs, cache_dir, capsys):
    lint(capsys, str(docs))
    assert (cache_dir / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache_dir / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_default_location_is_beside_the_configuration(docs, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PROGLINT_CACHE_DIR")
    (tmp_path / "proglint.toml").write_text("ignore = ['PL602']\n", encoding="utf-8")
    monkeypatch.chdir(docs)
    lint(capsys, ".")
    assert cache_files(tmp_path / ".proglint_cache")
    assert not (docs / ".proglint_cache").exists()


def test_no_cache_neither_reads_nor_writes(docs, cache_dir, capsys, monkeypatch):
    lint(capsys, str(docs), "--no-cache")
    assert not cache_dir.exists()
    lint(capsys, str(docs))
    forbid_linting(monkeypatch)
    code, _, err = lint(capsys, str(docs), "--no-cache")
    assert code == 2 and "linted again" in err


def test_cache_dir_option_wins_over_the_environment(docs, cache_dir, tmp_path, capsys):
    lint(capsys, str(docs), "--cache-dir", str(tmp_path / "elsewhere"))
    assert cache_files(tmp_path / "elsewhere") and not cache_dir.exists()


def test_changed_content_is_linted_again(docs, cache_dir, capsys):
    lint(capsys, str(docs))
    (docs / "1093.txt").write_text(seed_text("1093.txt").replace("id: 1093", "id: 1094", 1), encoding="utf-8")
    # the front matter's id is the odd one out (heading, URL and file name say 1093)
    assert "1093.txt:2:5: error PL120" in lint(capsys, str(docs))[1]


def test_a_touched_but_unchanged_file_is_confirmed_by_its_hash(docs, cache_dir, capsys, monkeypatch):
    cold = lint(capsys, str(docs))
    path = docs / "1071.txt"
    path.write_bytes(path.read_bytes())  # new times, same content
    os.utime(path, ns=(1, 1))
    forbid_linting(monkeypatch)
    assert lint(capsys, str(docs)) == cold
    entry = entries(cache_dir)[str(path.resolve())]
    assert entry["stat"][1] == 1  # the renewed stat: next time no hash is needed


def test_other_selectors_are_another_cache(docs, cache_dir, capsys, monkeypatch):
    lint(capsys, str(docs))
    forbid_linting(monkeypatch)
    assert "linted again" in lint(capsys, str(docs), "--ignore", "PL220")[2]


def test_a_changed_rule_module_is_another_cache(docs, tmp_path, cache_dir, capsys, monkeypatch):
    rules = tmp_path / "team_rules"
    rules.mkdir()
    module = rules / "team.py"
    module.write_text(
        "from proglint.api import Finding, rule\n"
        "@rule('TM001', 'team-title', 'warning', 'x')\n"
        "def team_title(document, context):\n"
        "    '''Docs.'''\n"
        "    return ()\n",
        encoding="utf-8",
    )
    (docs / "proglint.toml").write_text(f"rule-paths = ['{rules}']\n", encoding="utf-8")
    lint(capsys, str(docs))
    module.write_text(module.read_text().replace("return ()", "return ()  # changed"), encoding="utf-8")
    forbid_linting(monkeypatch)
    assert "linted again" in lint(capsys, str(docs))[2]


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "\x00\xff garbage",  # not JSON
        lambda text: json.dumps({"format": 1, "key": "someone else's", "entries": {}}),  # foreign
        lambda text: json.dumps([1, 2, 3]),  # another shape
        # the right key, every entry's result mangled while its stat still matches
        lambda text: json.dumps(
            {**json.loads(text), "entries": {p: {**e, "result": {"found": [["PL1"]]}} for p, e in json.loads(text)["entries"].items()}}
        ),
        lambda text: json.dumps(
            {**json.loads(text), "entries": {p: {**e, "result": {**e["result"], "lines": "x"}} for p, e in json.loads(text)["entries"].items()}}
        ),
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(docs, cache_dir, capsys, damage):
    cold = lint(capsys, str(docs))
    for file in cache_files(cache_dir):
        file.write_text(damage(file.read_text(encoding="utf-8")), encoding="utf-8")
    assert lint(capsys, str(docs)) == cold
    assert len(entries(cache_dir)) == 3  # every shard rewritten whole


def test_cross_document_findings_hold_when_some_files_come_from_the_cache(docs, cache_dir, capsys, monkeypatch):
    lint(capsys, str(docs))
    copy = docs / "copy.txt"
    copy.write_text(SEED, encoding="utf-8")  # a new file with 1071's id; 1071.txt comes from the cache
    out = lint(capsys, str(docs))[1]
    assert f"{docs / '1071.txt'}:2:5: error PL601" in out
    assert f"{copy}:2:5: error PL601" in out
    copy.unlink()
    forbid_linting(monkeypatch)
    assert "PL601" not in lint(capsys, str(docs))[1]


def test_a_crash_is_not_cached(docs, cache_dir, capsys, monkeypatch):
    (docs / "proglint.toml").write_text(f"rule-paths = ['{FIXTURES / 'crashing_rules'}']\n", encoding="utf-8")
    examined = []
    original = proglint.pipeline.examine

    def counting(document, *args, **kwargs):
        examined.append(document.path)
        return original(document, *args, **kwargs)

    monkeypatch.setattr(proglint.pipeline, "examine", counting)
    assert "PL901" in lint(capsys, str(docs))[1]
    assert "PL901" in lint(capsys, str(docs))[1]
    assert len(examined) == 6  # every document, twice: nothing was taken from the cache


def test_two_processes_writing_at_once_leave_a_valid_cache(docs, cache_dir):
    for index in range(40):
        (docs / f"extra{index}.txt").write_text(SEED.replace("id: 1071", f"id: {2000 + index}", 1), encoding="utf-8")
    command = [sys.executable, "-m", "proglint", str(docs), "--format", "concise", "-j", "1"]
    env = {**os.environ, "PROGLINT_CACHE_DIR": str(cache_dir)}
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert len(set(outputs)) == 1  # the same findings and the same notes on stderr from each
    assert b"error" not in outputs[0][1] and b"Traceback" not in outputs[0][1]
    assert len(entries(cache_dir)) == 43
    again = subprocess.run(command, env=env, capture_output=True)
    assert again.stdout == outputs[0][0]


def test_the_seeds_are_the_same_cold_and_warm(cache_dir, capsys):
    cold = lint(capsys, str(SEEDS))
    assert cold == (0, "Checked 5 files: no problems found.\n", "")
    assert lint(capsys, str(SEEDS)) == cold


def test_a_run_over_a_few_files_reads_only_their_shards(docs, cache_dir, capsys, monkeypatch):
    for index in range(200):
        (docs / f"extra{index}.txt").write_text(SEED.replace("id: 1071", f"id: {2000 + index}", 1), encoding="utf-8")
    lint(capsys, str(docs))
    assert len(cache_files(cache_dir)) > 32  # the entries are spread over the shards
    read = []
    original = Path.read_bytes

    def spy(self):
        read.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    forbid_linting(monkeypatch)
    lint(capsys, str(docs / "extra7.txt"))
    assert len([p for p in read if p.suffix == ".json" and cache_dir in p.parents]) == 1
