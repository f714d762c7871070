"""Put the mistakes people make into a generated corpus: for the portfolio
report's size figure, its screenshot and its browser test, which need a
portfolio with findings (``generate.py`` writes lint-clean documents).

``python benchmarks/faults.py DIR [--share 0.3] [--seed 1]`` edits a share
of the ``*.txt`` files in DIR in place, each with one to three of the local
edits of :mod:`benchmarks.mutate` (a line deleted or doubled, cells swapped
or dropped, a word respelt, a span replaced); the same seed gives the same
files.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python benchmarks/faults.py` from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks import mutate  # noqa: E402

# Edits a person makes by hand; not the encoding breakers of the fuzz suite.
EDITS = (mutate.delete_line, mutate.duplicate_line, mutate.swap_cells, mutate.drop_or_add_cell, mutate.respell, mutate.replace_span)


def add_faults(folder: str | Path, share: float = 0.3, seed: int | str = 1) -> list[Path]:
    """Edit ``share`` of the documents in ``folder`` (sorted by name); the edited paths."""
    rng = random.Random(f"faults:{seed}")
    paths = sorted(Path(folder).glob("*.txt"))
    chosen = sorted(rng.sample(paths, round(len(paths) * share)))
    for path in chosen:
        data = path.read_bytes()
        for _ in range(rng.randint(1, 3)):
            data = rng.choice(EDITS)(data, rng)
        path.write_bytes(data)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Put mistakes into a share of a generated corpus (in place).")
    parser.add_argument("folder")
    parser.add_argument("--share", type=float, default=0.3, help="the share of documents to edit (default: 0.3)")
    parser.add_argument("--seed", default="1", help="seed (default: 1)")
    args = parser.parse_args(argv)
    if not 0 <= args.share <= 1:
        parser.error("--share is between 0 and 1")
    edited = add_faults(args.folder, args.share, args.seed)
    print(f"edited {len(edited)} document(s) in {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
