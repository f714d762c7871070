"""The CPU time of one document's first ``lint()`` in a process that has
already linted another document.

Why not time ``lint()`` on the same document three times in one process:
the second run answers from the memos the first one filled (the
vocabulary's label caches, the schema's verdicts for each cell value), so
a 1,000-row document, whose labels all fit in those memos, looked four
times cheaper per row than a 30,000-row one, whose labels do not.  The
command line lints each document once, so that is what this measures: a
fresh process, warmed up on a different generated document (imports, the
compiled schemas, the vocabulary, jsonschema's error path: the warm-up
document has an observation number past 999), then one ``lint()`` of
DOC, timed with ``time.process_time``.

    python benchmarks/first_lint.py DOC [--warm-rows 1000]

prints one JSON object: ``{"cpu": seconds, "wall": seconds, "findings": n}``.
``benchmarks/run.py`` runs it once per repeat and keeps the least CPU time.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate_document  # noqa: E402

WARM_SEED = "first-lint warm-up"  # not the seed of any measured document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", type=Path)
    parser.add_argument("--warm-rows", type=int, default=1000)
    args = parser.parse_args(argv)

    from proglint.pipeline import lint
    from proglint.source import Source

    lint(Source.from_text("warm-up.txt", generate_document(random.Random(WARM_SEED), args.warm_rows)))
    source = Source.read(str(args.document))
    cpu, wall = time.process_time(), time.perf_counter()
    found = lint(source)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(json.dumps({"cpu": cpu, "wall": wall, "findings": len(found)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
