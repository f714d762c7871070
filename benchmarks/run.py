"""Print proglint's speed figures.

* documents per second for ``proglint CORPUS --format concise`` over a corpus
  of generated documents (whole process, best of 3);
* the time to lint one 10,000-row document: whole process (best of 3) and
  in-process ``lint(Source.read(path))`` (best of 5);
* the wall time of ``proglint --version`` (best of 10, and the median).

The ``proglint`` executable next to ``sys.executable`` is timed, so run this
with the interpreter of the environment proglint is installed in::

    .venv/bin/python benchmarks/run.py [--count 1000] [--seed 1] [--corpus DIR]

Without ``--corpus`` the corpus is generated into a temporary folder and
removed afterwards.  With ``--corpus DIR`` an existing folder of documents is
linted as it is; a missing or empty one is filled with generated documents
and kept.  The script only reports: it makes no assertion about speed and
exits 0 whatever the figures (2 only when proglint cannot be found).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (benchmarks/generate.py, beside this file)


def find_proglint() -> Path | None:
    name = "proglint.exe" if os.name == "nt" else "proglint"
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return beside
    found = shutil.which("proglint")
    return Path(found) if found else None


def timed_runs(command: list[str], repeat: int) -> tuple[list[float], subprocess.CompletedProcess]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
    return times, result


def seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.3f} s"


def outcome(result: subprocess.CompletedProcess) -> str:
    lines = [line for line in result.stdout.decode("utf-8", "replace").splitlines() if line.strip()]
    text = f"exit {result.returncode}, {len(lines)} finding(s)"
    if result.returncode not in (0, 1):
        error = result.stderr.decode("utf-8", "replace").strip().splitlines()
        text += f"; stderr: {error[-1] if error else '(empty)'}"
    return text


def documents_in(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix in (".txt", ".md") and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def describe(paths: list[Path]) -> str:
    size = sum(p.stat().st_size for p in paths)
    rows = sum(p.read_text(encoding="utf-8", errors="replace").count("\n| ") for p in paths) - 2 * len(paths)
    return f"{len(paths):,} documents, ~{rows:,} observations, {size / 1e6:.1f} MB"


def table(rows: list[tuple[str, str, str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    out = []
    for index, row in enumerate(rows):
        out.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print proglint's speed figures (no assertions).")
    parser.add_argument("--corpus", metavar="DIR", help="lint this folder (generated into it when missing or empty)")
    parser.add_argument("--count", type=int, default=1000, help="documents to generate for the corpus (default: 1000)")
    parser.add_argument("--seed", default="1", help="generator seed (default: 1)")
    parser.add_argument("--big-rows", type=int, default=10_000, help="rows of the single large document (default: 10000)")
    args = parser.parse_args(argv)

    proglint = find_proglint()
    if proglint is None:
        print("run.py: error: no 'proglint' executable next to", sys.executable, "or on PATH", file=sys.stderr)
        return 2
    seed: int | str = int(args.seed) if args.seed.lstrip("-").isdigit() else args.seed

    with tempfile.TemporaryDirectory(prefix="proglint-bench-") as tmp:
        tmp_path = Path(tmp)
        started = time.perf_counter()
        if args.corpus:
            corpus = Path(args.corpus)
            origin = "existing folder"
            if not corpus.is_dir() or not documents_in(corpus):
                generate.generate_corpus(corpus, args.count, seed)
                origin = f"generated, seed {seed}, kept"
        else:
            corpus = tmp_path / "corpus"
            generate.generate_corpus(corpus, args.count, seed)
            origin = f"generated, seed {seed}"
        corpus_docs = documents_in(corpus)
        corpus_description = describe(corpus_docs)

        big = tmp_path / "big" / "big.txt"
        big.parent.mkdir()
        big_text = generate.generate_document(random.Random(f"{seed}:big"), args.big_rows)
        big.write_text(big_text, encoding="utf-8", newline="\n")
        generated_in = time.perf_counter() - started
        big_size = big.stat().st_size
        big_type = next(line for line in big_text.splitlines() if line.startswith("proposal_type:")).split(":", 1)[1].strip()

        # 1. corpus, whole process
        corpus_times, corpus_result = timed_runs([str(proglint), str(corpus), "--format", "concise"], 3)
        best_corpus = min(corpus_times)

        # 2. one large document: whole process, then in-process
        big_times, big_result = timed_runs([str(proglint), str(big), "--format", "concise"], 3)
        in_process = "n/a"
        in_detail = "proglint is not importable by this interpreter"
        try:
            from proglint.pipeline import lint
            from proglint.source import Source
        except ImportError as exc:
            in_detail = f"import failed: {exc}"
        else:
            lint_times, found = [], []
            for _ in range(5):
                start = time.perf_counter()
                found = lint(Source.read(big))
                lint_times.append(time.perf_counter() - start)
            in_process = seconds(min(lint_times))
            in_detail = f"best of 5 (median {seconds(statistics.median(lint_times))}, first {seconds(lint_times[0])}); {len(found)} finding(s)"

        # 3. the schema stage alone, per document, over the corpus (first pass
        # in this process, as a CLI run sees it; parse time excluded)
        schema_figure, schema_detail = "n/a", "proglint is not importable by this interpreter"
        try:
            from proglint.parse import parse
            from proglint.schema import check as schema_check
        except ImportError as exc:
            schema_detail = f"import failed: {exc}"
        else:
            parsed = [parse(Source.read(path)) for path in corpus_docs]
            passes = []
            for _ in range(3):
                start = time.perf_counter()
                for document in parsed:
                    schema_check(document)
                passes.append((time.perf_counter() - start) / len(parsed))
            schema_figure = f"{passes[0] * 1e6:,.0f} µs/doc"
            schema_detail = f"first pass over {len(parsed):,} parsed docs; later passes {passes[-1] * 1e6:,.0f} µs/doc (valid-value cache warm)"

        # 4. start-up
        version_times, version_result = timed_runs([str(proglint), "--version"], 10)
        version_text = version_result.stdout.decode("utf-8", "replace").strip() or "?"

    rows = [
        ("figure", "value", "detail"),
        (
            f"corpus: documents per second ({len(corpus_docs):,} docs)",
            f"{len(corpus_docs) / best_corpus:,.0f} docs/s",
            f"best {seconds(best_corpus)} of 3 (median {seconds(statistics.median(corpus_times))}); {outcome(corpus_result)}",
        ),
        (
            f"{args.big_rows:,}-row document, whole process",
            seconds(min(big_times)),
            f"best of 3 (median {seconds(statistics.median(big_times))}); {outcome(big_result)}",
        ),
        (f"{args.big_rows:,}-row document, in-process lint()", in_process, in_detail),
        ("schema stage per document", schema_figure, schema_detail),
        ("proglint --version, best", seconds(min(version_times)), "best of 10"),
        ("proglint --version, median", seconds(statistics.median(version_times)), f"of 10; prints '{version_text}'"),
    ]
    info = [
        ("machine", "", ""),
        ("python", platform.python_version(), f"{platform.python_implementation()}, {sys.executable}"),
        ("cpu count", str(os.cpu_count()), f"{platform.system()} {platform.release()} {platform.machine()}"),
        ("proglint", version_text, str(proglint)),
        ("corpus", str(corpus) if args.corpus else "(temporary folder)", f"{corpus_description}; {origin}"),
        ("big document", f"{args.big_rows:,} rows", f"{big_size / 1e6:.1f} MB, proposal_type {big_type}, seed '{seed}:big'"),
        ("generation", seconds(generated_in), "not included in the figures"),
    ]
    print(table(info))
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
