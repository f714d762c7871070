"""How fast could any pure-Python linter of these documents be?

Issue 10 asks for 2,500 documents/s on one core, whole process, on the
1,000-document generated corpus: 0.4 s for the corpus, ~6 µs per table
row for everything.  This script times the least work any checker that
points at exact characters must do, written as plain loops with no model,
no schema and no rules, so the figure is a floor that proglint's design
cannot go under in CPython:

1. read and decode every file, split it into lines and each table row into
   stripped cells (no positions);
2. the same, keeping each cell's value and two spans as tuples of ints
   (what a finding needs to point at the cell);
3. 36 passes over those rows (proglint runs 36 per-document rules), each
   doing one dictionary lookup per row: less than any real rule does;
4. the program schema's check alone: each document's JSON form (built
   beforehand, untimed) validated by the code fastjsonschema generates for
   ``schemas/program.schema.json``, the fastest validator proglint has.

The cyclic garbage collector is off while timing, as it is while proglint
checks a document (``proglint.collector``).

    python benchmarks/floor.py [CORPUS] [--repeat 3]

CORPUS defaults to a fresh 1,000-document corpus (seed 1) in a temporary
folder.  It prints CPU seconds (best of ``--repeat``) and documents/s per
step.  Nothing here is proglint's code: it is the yardstick the closing
note of issue 10 measures the target against.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate_corpus  # noqa: E402

RULES = 36


def read(paths: list[Path]) -> list[str]:
    return [path.read_bytes().decode("utf-8") for path in paths]


def cells_only(paths: list[Path]) -> int:
    count = 0
    for text in read(paths):
        for line in text.split("\n"):
            if line[:1] == "|":
                count += len([cell.strip() for cell in line.split("|")[1:-1]])
    return count


def cells_with_spans(paths: list[Path]) -> list[list[tuple]]:
    documents = []
    for text in read(paths):
        rows = []
        for number, line in enumerate(text.split("\n"), 1):
            if line[:1] != "|":
                continue
            cells = []
            low = 2  # the column of the cell's first character
            for raw in line.split("|")[1:-1]:
                value = raw.strip()
                if value:
                    start = low + len(raw) - len(raw.lstrip())
                else:  # a blank cell: one column in, as proglint points at it
                    start = low + 1 if raw else low
                cells.append((value, (number, start, number, start + len(value)), (number, low, number, low + len(raw))))
                low += len(raw) + 1
            rows.append(tuple(cells))
        documents.append(rows)
    return documents


def trivial_rules(documents: list[list[tuple]]) -> int:
    seen: dict[str, int] = {}
    hits = 0
    for rows in documents:
        for rule in range(RULES):
            column = rule % 5
            for row in rows:
                if len(row) == 5 and seen.get(row[column][0]) is not None:
                    hits += 1
    return hits


def schema_check(paths: list[Path]):
    """A call validating each document's JSON form with the fast validator
    of the program schema (the forms are built here, untimed)."""
    from proglint.parse import parse
    from proglint.schema import fast
    from proglint.schema.stage import program_schema_text
    from proglint.schema.to_json import json_form
    from proglint.source import Source

    forms = [json_form(parse(Source.read(str(path)))) for path in paths]
    valid = fast.validator(program_schema_text())
    return lambda: sum(1 for form in forms if valid(form))


def best(call, repeat: int) -> tuple[float, object]:
    spent, result = [], None
    for _ in range(max(1, repeat)):
        gc.disable()
        start = time.process_time()
        try:
            result = call()
        finally:
            spent.append(time.process_time() - start)
            gc.enable()
    return min(spent), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.corpus or Path(scratch)
        if args.corpus is None:
            generate_corpus(corpus, 1000, 1)
        paths = sorted(corpus.glob("*.txt"))
        documents = cells_with_spans(paths)
        rows = sum(len(rows) for rows in documents)
        print(f"{len(paths):,} documents, {rows:,} table lines; CPU seconds, best of {args.repeat}")
        steps = (
            ("read, split lines and cells", lambda: cells_only(paths), False),
            ("... keeping each cell's value and spans", lambda: cells_with_spans(paths), True),
            (f"{RULES} passes of one lookup per row", lambda: trivial_rules(documents), True),
            ("the program schema's fast check of each document", schema_check(paths), True),
        )
        floor = 0.0
        for title, call, counted in steps:
            seconds, _ = best(call, args.repeat)
            floor += seconds if counted else 0.0
            print(f"| {title} | {seconds:.3f} s | {len(paths) / seconds:,.0f} documents/s |")
        print(f"| spans + {RULES} trivial passes + schema (the floor) | {floor:.3f} s | {len(paths) / floor:,.0f} documents/s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
