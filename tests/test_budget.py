"""rule-time-budget: a rule that never finishes is stopped and reported as
PL901 on that document; every other rule and document is still checked."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, seed_text

SLOW_RULES = ROOT / "tests" / "fixtures" / "slow_rules"
SEED = seed_text("1071.txt")


def run(folder, *args):
    return subprocess.run(
        [sys.executable, "-m", "proglint", str(folder), "--format", "concise", "--no-cache", *args],
        capture_output=True, text=True, timeout=300,
    )


def write_docs(folder, budget: str, title: str = "loop forever"):
    (folder / "proglint.toml").write_text(f'rule-paths = ["{SLOW_RULES}"]\nrule-time-budget = {budget}\n')
    written = SEED.split("\n# 1071 - ", 1)[1].split("\n", 1)[0]
    (folder / "1071.txt").write_text(SEED.replace(f"# 1071 - {written}", f"# 1071 - {title}"))
    (folder / "1093.txt").write_text(seed_text("1093.txt"))


def stopped_once(folder, rule: str) -> tuple[str, list[str]]:
    """Lint ``folder`` in one process, which must end as for a crash (exit 2)
    with one PL901, on 1071.txt, naming ``rule``: that line, and all lines."""
    result = run(folder, "-j", "1")
    assert result.returncode == 2  # PL901, as for a crash
    lines = result.stdout.splitlines()
    stopped = [line for line in lines if " PL901 " in line]
    assert len(stopped) == 1 and stopped[0].startswith(f"{folder / '1071.txt'}:1:1: error PL901 rule {rule}")
    return stopped[0], lines


def test_a_rule_that_never_finishes_is_stopped_and_reported(tmp_path):
    write_docs(tmp_path, "0.5")
    stopped, lines = stopped_once(tmp_path, "TM950 never-finishes")
    assert "of CPU time on this file, over the time budget of 0.5 s (rule-time-budget)" in stopped
    assert any(line.startswith(f"{tmp_path / '1093.txt'}:12:10: warning TM950 checked in time") for line in lines)
    # the rules after TM950 still ran on the stopped document: its title disagrees with the front matter
    assert any(line.startswith(f"{tmp_path / '1071.txt'}:12:10: error PL122") for line in lines)


def test_a_rule_that_waits_forever_is_stopped_by_the_wall_clock_backstop(tmp_path):
    # it uses no CPU, so the CPU budget never runs out: six budgets of wall time spent waiting do
    write_docs(tmp_path, "0.2", title="wait forever")
    stopped, _ = stopped_once(tmp_path, "TM951 waits-forever")
    assert "waiting rather than computing" in stopped
    assert "over 6 times the time budget of 0.2 s (rule-time-budget)" in stopped


def test_a_rule_computing_slowly_is_not_taken_for_a_waiting_one(tmp_path):
    # over six budgets of wall time, but computing all along (as on a loaded
    # machine) and within its CPU budget: the backstop leaves it alone
    write_docs(tmp_path, "0.2", title="slow but busy")
    result = run(tmp_path, "-j", "1")
    assert " PL901 " not in result.stdout
    assert any(line.startswith(f"{tmp_path / '1071.txt'}:12:10: warning TM955 finished within its CPU budget")
               for line in result.stdout.splitlines())


def test_the_budget_is_each_rule_s_own(tmp_path):
    # three rules each compute 0.3 s on one document: 0.9 s in all, over a
    # budget of 0.5 s, but no rule went over its own, so none is stopped
    write_docs(tmp_path, "0.5", title="busy")
    result = run(tmp_path, "-j", "1")
    assert " PL901 " not in result.stdout
    assert any(line.startswith(f"{tmp_path / '1093.txt'}:12:10: warning TM950 checked in time")
               for line in result.stdout.splitlines())


def test_the_budget_applies_in_worker_processes(tmp_path):
    write_docs(tmp_path, "0.5")
    for index in range(70):  # enough files for the worker pool
        (tmp_path / f"{5000 + index}.txt").write_text(SEED.replace("1071", str(5000 + index)))
    result = run(tmp_path, "-j", "2")
    assert result.returncode == 2
    assert sum(" PL901 " in line for line in result.stdout.splitlines()) == 1


def test_a_negative_budget_is_a_configuration_error(tmp_path):
    write_docs(tmp_path, "-1")
    result = run(tmp_path)
    assert result.returncode == 2 and "rule-time-budget" in result.stderr


def test_a_rule_that_allocates_without_bound_is_stopped_and_its_memory_freed(tmp_path):
    # memory grows only as fast as the rule computes, so its CPU budget bounds it too; once the
    # rule is stopped what it kept is garbage and the run goes on with the next document
    write_docs(tmp_path, "0.3", title="hoard forever")
    stopped, lines = stopped_once(tmp_path, "TM956 hoards-forever")
    assert "over the time budget of 0.3 s (rule-time-budget)" in stopped
    assert any(line.startswith(f"{tmp_path / '1093.txt'}:12:10: warning TM956 kept 0 texts") for line in lines)
