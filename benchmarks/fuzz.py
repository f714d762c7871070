"""The long fuzz run: ≥ 10⁶ mutated program documents through proglint.

The same mutators and properties as ``tests/test_fuzz.py``
(:mod:`benchmarks.mutate`), driven by ``random`` directly: hypothesis's
bookkeeping would cost more than the lint itself.  Every input is linted
in process (no exception, no PL901, every span inside the document); every
``--twice-every``-th is linted again (deterministic), every
``--fix-every``-th is fixed as ``--fix`` does (edits stay in their spans,
a second fix changes nothing), every ``--lsp-every``-th is opened in the
language server's workspace and edited (incremental equals fresh).

Input ``i`` of a run depends only on ``--seed`` and ``i``, so a crash is
replayed with ``--replay SEED:I``.  Prints inputs/s, crashes and the
distinct crash sites (exception type and the innermost proglint frame, or
the property broken), and writes the first input of each site to
``--save DIR``.

    python benchmarks/fuzz.py --inputs 1000000 --jobs 2
    python benchmarks/fuzz.py --replay 1:4711
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import mutate  # noqa: E402


def rng_for(seed: str, index: int) -> random.Random:
    return random.Random(f"{seed}:{index}")


BASE_REUSE = 8  # inputs mutated from one generated document (generating costs a lint's fifth)


def make_input(seed: str, index: int) -> tuple[bytes, random.Random]:
    base = mutate.base_document(rng_for(f"{seed}:base", index // BASE_REUSE))
    rng = rng_for(seed, index)
    return mutate.mutate(base, rng), rng


def site(exc: BaseException) -> str:
    """Where it broke: the property, or the exception type and the
    innermost frame inside proglint."""
    if isinstance(exc, mutate.PropertyFailed):
        return f"property: {exc.kind}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "proglint" in f.filename.replace("\\", "/")]
    where = f"{frames[-1].filename.split('src/')[-1]}:{frames[-1].lineno} in {frames[-1].name}" if frames else "?"
    return f"{type(exc).__name__} at {where}"


def run_one(seed: str, index: int, options, folder: Path) -> None:
    data, rng = make_input(seed, index)
    mutate.check_lint(data, twice=index % options.twice_every == 0)
    if index % options.fix_every == 0:
        mutate.check_fix(data)
    if index % options.lsp_every == 0:
        mutate.check_lsp(data.decode("utf-8", "replace"), rng.randint(1, 6), rng, folder)


def worker(args) -> dict:
    seed, start, stop, options = args
    folder = Path(tempfile.mkdtemp(prefix="proglint-fuzz-"))
    (folder / "proglint.toml").write_text('select = ["ALL"]\n')
    sites: dict[str, tuple[int, str]] = {}
    crashes = 0
    for index in range(start, stop):
        try:
            run_one(seed, index, options, folder)
        except Exception as exc:  # noqa: BLE001 - what we are here to find
            crashes += 1
            key = site(exc)
            if key not in sites:
                sites[key] = (index, f"{type(exc).__name__}: {exc}"[:400])
                if options.save:
                    Path(options.save).mkdir(parents=True, exist_ok=True)
                    Path(options.save, f"{seed}_{index}.bin").write_bytes(make_input(seed, index)[0])
    return {"inputs": stop - start, "crashes": crashes, "sites": sites}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--seed", default="1")
    parser.add_argument("--start", type=int, default=0, help="first input index")
    parser.add_argument("--twice-every", type=int, default=10)
    parser.add_argument("--fix-every", type=int, default=25)
    parser.add_argument("--lsp-every", type=int, default=200)
    parser.add_argument("--chunk", type=int, default=2000)
    parser.add_argument("--save", metavar="DIR", help="write the first input of each crash site here")
    parser.add_argument("--replay", metavar="SEED:INDEX", help="run one input with the traceback shown")
    options = parser.parse_args(argv)
    if options.replay:
        seed, index = options.replay.rsplit(":", 1)
        folder = Path(tempfile.mkdtemp(prefix="proglint-fuzz-"))
        (folder / "proglint.toml").write_text('select = ["ALL"]\n')
        print(repr(make_input(seed, int(index))[0][:2000]))
        run_one(seed, int(index), options, folder)
        print("no crash")
        return 0
    chunks = [
        (options.seed, i, min(i + options.chunk, options.start + options.inputs), options)
        for i in range(options.start, options.start + options.inputs, options.chunk)
    ]
    started = time.perf_counter()
    total = crashes = 0
    sites: dict[str, tuple[int, str]] = {}
    if options.jobs > 1:
        import multiprocessing

        # load everything before forking: workers share it, and an edit to
        # the sources during a long run does not change what it tests
        import proglint.fix, proglint.lsp.server, proglint.lsp.workspace, proglint.pipeline  # noqa: F401, E401

        mutate.check_lint(make_input(options.seed, 0)[0])

        pool = multiprocessing.get_context("fork").Pool(options.jobs)
        results = pool.imap_unordered(worker, chunks)
    else:
        results = map(worker, chunks)
    for result in results:
        total += result["inputs"]
        crashes += result["crashes"]
        for key, value in result["sites"].items():
            if key not in sites:
                sites[key] = value
                print(f"new crash site: {key}\n    first input {options.seed}:{value[0]}: {value[1]}", flush=True)
        elapsed = time.perf_counter() - started
        print(f"{total} inputs, {total / elapsed:.0f} inputs/s, {crashes} crashes, {len(sites)} sites", flush=True)
    elapsed = time.perf_counter() - started
    print(f"\ninputs: {total}\nseconds: {elapsed:.0f}\ninputs/s: {total / elapsed:.0f}\ncrashes: {crashes}")
    print(f"distinct crash sites: {len(sites)}")
    for key, (index, message) in sorted(sites.items()):
        print(f"  {key}\n    first input {options.seed}:{index}: {message}")
    return 1 if crashes else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
