"""Baselines survive row insertions, report new findings, prune stale ones."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import seed_text

BASE = seed_text("1071.txt")
ROW3 = "|            | 3            | FGS-1, GS#3  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"
ROW5 = "|            | 5            | FGS-1, GS#5  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "proglint", *args], capture_output=True, text=True, cwd=cwd)


def test_baseline_round_trip(tmp_path):
    doc = tmp_path / "p.txt"
    doc.write_text(BASE.replace(ROW3, ROW3 + " old |"))
    assert run("p.txt", cwd=tmp_path).returncode == 1
    written = run("--write-baseline", "baseline.json", "p.txt", cwd=tmp_path)
    assert written.returncode == 0 and "wrote 1 finding(s)" in written.stderr
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["entries"] == [{"path": "p.txt", "code": "PL011", "content": "old", "count": 1}]
    assert run("p.txt", "--baseline", "baseline.json", cwd=tmp_path).returncode == 0

    # a row inserted above the old finding does not resurrect it
    inserted = doc.read_text().replace("|            | 1 ", "|            | 11           | new | NIRCam Imaging | (1) LMC-ASTROMETRIC |\n|            | 1 ", 1)
    doc.write_text(inserted)
    result = run("p.txt", "--baseline", "baseline.json", "--format", "concise", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""

    # a new finding is reported
    doc.write_text(inserted.replace(ROW5, ROW5 + " fresh |"))
    result = run("p.txt", "--baseline", "baseline.json", "--format", "concise", cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(": error ")[1][:5] for line in result.stdout.splitlines()] == ["PL011"]
    assert ":26:" in result.stdout  # row 5, pushed down one line by the insertion


def test_stale_entries_are_reported_and_pruned(tmp_path):
    doc = tmp_path / "p.txt"
    doc.write_text(BASE.replace(ROW3, ROW3 + " old |"))
    run("--write-baseline", "b.json", "p.txt", cwd=tmp_path)
    doc.write_text(BASE)  # fixed
    result = run("p.txt", "--baseline", "b.json", cwd=tmp_path)
    assert result.returncode == 0
    assert "b.json has 1 stale entry (those findings are gone); --baseline-prune drops them" in result.stderr
    pruned = run("p.txt", "--baseline", "b.json", "--baseline-prune", cwd=tmp_path)
    assert "dropped 1 stale entry from b.json" in pruned.stderr
    assert json.loads((tmp_path / "b.json").read_text())["entries"] == []


def test_stale_entries_of_files_not_linted_are_kept(tmp_path):
    (tmp_path / "a.txt").write_text(BASE.replace(ROW3, ROW3 + " old |"))
    (tmp_path / "b.txt").write_text(BASE)
    run("--write-baseline", "b.json", "a.txt", cwd=tmp_path)
    result = run("b.txt", "--baseline", "b.json", "--baseline-prune", cwd=tmp_path)
    assert "stale" not in result.stderr and "dropped" not in result.stderr
    assert len(json.loads((tmp_path / "b.json").read_text())["entries"]) == 1


def test_bad_baseline_is_exit_2(tmp_path):
    (tmp_path / "p.txt").write_text(BASE)
    (tmp_path / "b.json").write_text("{not json")
    result = run("p.txt", "--baseline", "b.json", cwd=tmp_path)
    assert result.returncode == 2 and "baseline 'b.json' is not valid" in result.stderr
    missing = run("p.txt", "--baseline", "nope.json", cwd=tmp_path)
    assert missing.returncode == 2 and "does not exist; create it with --write-baseline nope.json" in missing.stderr
