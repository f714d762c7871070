"""--jobs: the same output whatever the number of processes."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from proglint import runner

from conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate_document, load_vocab  # noqa: E402

VOCAB = load_vocab(ROOT / "rules" / "vocabulary.yaml")


def proglint(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "proglint", *args, "--no-cache"], capture_output=True, text=True, cwd=cwd or ROOT
    )


@pytest.fixture(scope="module")
def faulty_corpus(tmp_path_factory):
    """More documents than the runner keeps in-process, with faults of every
    kind: per-row, per-document and cross-document (two files, one id)."""
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(7)
    for index in range(runner.PARALLEL_THRESHOLD + 30):
        text = generate_document(random.Random(index), rng.randint(3, 40), program_id=3000 + index, vocab=VOCAB)
        if index % 5 == 0:
            text = text.replace("| 2 ", "| 1 ", 1)  # duplicate observation number
        if index % 7 == 0:
            text = text.replace("Imaging", "Imagng", 1)  # unknown template
        if index % 11 == 0:
            text = text.replace(f"id: {3000 + index}", "id: 3001", 1)  # another document's id
        if index % 13 == 0:
            text = text.replace("\n---\n", "\nbogus_key: 1\n---\n", 1)
        (folder / f"{3000 + index}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "junit"])
def test_jobs_do_not_change_the_output_of_a_faulty_corpus(faulty_corpus, fmt):
    one = proglint(str(faulty_corpus), "--jobs", "1", "--format", fmt)
    two = proglint(str(faulty_corpus), "--jobs", "2", "--format", fmt)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert "PL601" in one.stdout and "PL220" in one.stdout


def test_jobs_do_not_change_the_output_of_the_seeds():
    """Five files stay in-process whatever --jobs says (the pool is for runs
    of PARALLEL_THRESHOLD files or more, tested on the corpus above): this
    pins that --jobs alone changes nothing for a small run."""
    one = proglint("seeds", "--jobs", "1", "--format", "json")
    many = proglint("seeds", "--jobs", "4", "--format", "json")
    assert one.returncode == many.returncode == 0 and one.stdout == many.stdout


def test_the_worker_pool_returns_outcomes_in_task_order(faulty_corpus):
    from proglint.config import Config

    tasks = [runner.Task(str(p), 0, True) for p in sorted(faulty_corpus.glob("*.txt"))]
    assert len(tasks) >= runner.PARALLEL_THRESHOLD  # so the pool is used
    settings = runner.Settings((Config(),))
    pooled = list(runner.run(tasks, settings, jobs=2))
    alone = list(runner.run(tasks, settings, jobs=1))
    assert [o.path for o in pooled] == [t.path for t in tasks]
    assert [o.examined for o in pooled] == [o.examined for o in alone]
    assert any(o.examined.found for o in pooled)


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(value):
    result = proglint(str(SEEDS), "--jobs", value)
    assert result.returncode == 2 and "--jobs" in result.stderr


def test_the_batches_cover_every_task_once_in_order_and_shrink():
    for count, workers in ((1000, 2), (94, 2), (64, 4), (7, 3), (1, 1), (0, 2)):
        parts = runner.batches(count, workers)
        assert [i for part in parts for i in range(count)[part]] == list(range(count))
        sizes = [part.stop - part.start for part in parts]
        assert sizes == sorted(sizes, reverse=True)
        assert all(size >= runner.SMALLEST_BATCH for size in sizes[:-1])
    assert [p.stop - p.start for p in runner.batches(1000, 2)][:3] == [166, 139, 115]  # a third of each worker's share
