"""Issue 11's table: every class of hostile or unlucky input → what proglint does.

Each input is built here (nothing is downloaded), written to a temporary
folder and checked by the installed ``proglint`` as a user would run it
(``proglint check --no-cache --jobs 1 --format concise FILE``, or
``--fix`` for the writing cases), one process per input, killed after
``--timeout`` seconds.  The table gives the input's size, the wall time and
peak RSS of that process (``os.wait4``), the exit status, how many findings
it printed and the one that matters for the class (the first line with the
class's code, else the first line, else stderr's last line).  CPU time
(user + system, from the same ``wait4``) is printed beside the wall time:
on a shared machine it is the steadier figure.  Each input runs ``--repeat``
times (3 by default) and the table gives the fastest run, as ``timeit``
does: what the other runs add is the machine's, not the input's.

    .venv/bin/python benchmarks/hostile.py > hostile.md
    .venv/bin/python benchmarks/hostile.py --only bidi,fifo

The script asserts nothing (the tests in ``tests/test_hostile.py`` and
``tests/test_input_classes.py`` do, without timing); it prints figures for
a closing note.  Issue 11's bound: an input under 1 MB takes ≤ 1 s and
≤ 200 MB.  Running as root, a file without read permission is still
readable, so that class is shown as such rather than faked.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate_document  # noqa: E402

SEED = (ROOT / "seeds" / "1141.txt").read_text(encoding="utf-8")
HEAD, _, REST = SEED.partition("\n## OBSERVATIONS TABLE\n")
TABLE_HEAD = (
    "| Folder | Observation | Label | Observing Template | Science Target |\n"
    "| :--- | :--- | :--- | :--- | :--- |\n"
)
TAIL = "\n## ABSTRACT\n\nText.\n\n## OBSERVING DESCRIPTION\n\nText.\n"


def document(rows: str, head: str = HEAD) -> str:
    return f"{head}\n## OBSERVATIONS TABLE\n\n{TABLE_HEAD}{rows}{TAIL}"


def front(extra: str) -> str:
    """The seed with ``extra`` lines added to its front matter."""
    return SEED.replace("\n---\n", f"\n{extra}\n---\n", 1)


def table_rows(count: int, template: str = "NIRCam Imaging") -> str:
    return "".join(f"| F | {i % 999 + 1} | L | {template} | (1) T |\n" for i in range(count))


@dataclass
class Case:
    name: str
    what: str
    code: str  # the finding that matters for this class ("" for none expected)
    build: Callable[[Path], Path]  # writes the input under the folder, returns the path to check
    fix: bool = False


def text_case(name: str, what: str, code: str, text: Callable[[], str | bytes], fix: bool = False) -> Case:
    def build(folder: Path) -> Path:
        path = folder / f"{name}.txt"
        value = text()
        path.write_bytes(value if isinstance(value, bytes) else value.encode("utf-8"))
        return path

    return Case(name, what, code, build, fix)


def _fifo(folder: Path) -> Path:
    path = folder / "fifo.txt"
    os.mkfifo(path)
    return path


def _symlink_loop(folder: Path) -> Path:
    loop = folder / "loop"
    loop.mkdir()
    (loop / "self").symlink_to(loop, target_is_directory=True)
    (loop / "a.txt").symlink_to(loop / "b.txt")
    (loop / "b.txt").symlink_to(loop / "a.txt")
    return loop


def _unreadable(folder: Path) -> Path:
    path = folder / "unreadable.txt"
    path.write_text(SEED, encoding="utf-8")
    path.chmod(0)
    return path


def _big(rows: int) -> Callable[[], str]:
    import random

    return lambda: generate_document(random.Random(1), rows)


def _fifty_megabytes() -> str:
    line = "Prose that goes on. " * 50 + "\n"
    return SEED + line * (50 * 1024 * 1024 // len(line))


CASES = [
    text_case("heading-spaces", "'#' + 90,000 spaces + the heading's text", "", lambda: SEED.replace("# 1141 -", "#" + " " * 90_000 + "1141 -", 1)),
    text_case("heading-hashes", "a heading closed by 90,000 '#'", "", lambda: SEED.replace(
        "\nhttps://", " " + "#" * 90_000 + "\nhttps://", 1)),
    text_case("heading-long", "a heading line of 150,000 spaces (over the default line limit)", "PL015", lambda: SEED.replace("# 1141 -", "#" + " " * 150_000 + "1141 -", 1)),
    text_case("delimiter-spaces", "a table delimiter row with 200,000 spaces", "PL010", lambda: document(
        table_rows(3)).replace("| :--- | :--- |", "| :---" + " " * 200_000 + "| :--- |", 1)),
    text_case("unclosed-comments", "20,000 unclosed '<!--' on one line", "", lambda: SEED + "<!--" * 20_000 + "\n"),
    text_case("unclosed-comments-row", "20,000 '<!--' inside a table row", "PL011", lambda: document(
        "| F | 1 | " + "<!--" * 20_000 + " | NIRCam Imaging | (1) T |\n")),
    text_case("disable-directives", "10,000 unclosed '<!-- proglint-disable' directives", "PL705", lambda: SEED + "<!-- proglint-disable PL501\n" * 10_000),
    text_case("disable-comments", "10,000 closed 'proglint-disable' comments", "PL701", lambda: SEED + "<!-- proglint-disable PL501 -->\n" * 10_000),
    text_case("pipes-line", "a 1 MB line of '|' (over the default line limit)", "PL015", lambda: document("|" * 1_000_000 + "\n")),
    text_case("pipes-line-short", "a 90,000-character line of '|' in the table", "PL011", lambda: document("|" * 90_000 + "\n")),
    text_case("unknown-templates", "10,000 rows of unknown templates", "PL501", lambda: document(table_rows(10_000, "NIRCam Imagingg"))),
    text_case("columns", "a table of 1,000 columns", "PL011", lambda: document("|" + " x |" * 1_000 + "\n")),
    text_case("id-digits", "a front-matter id and heading id of 5,000 digits", "PL107", lambda: SEED.replace("1141", "9" * 5_000)),
    text_case("bidi", "bidi overrides, zero-width characters and NUL in cells and front matter", "PL002", lambda: SEED.replace(
        "NIRCam", "NIR\u202eCam\u200b", 3).replace("cycle:", "cycle\x00:", 1)),
    text_case("utf16-surrogate", "UTF-16 with a lone surrogate", "PL001", lambda: b"\xff\xfe" + SEED.encode("utf-16-le")[:200] + b"\x00\xd8" + SEED.encode("utf-16-le")[200:]),
    text_case("latin1-fix", "Latin-1 bytes, run with --fix --extend-select PL502", "PL902", lambda: (SEED.replace(
        "| WFSC Global Alignment", "| wfsc global alignment", 1) + "Caf\xe9\n").encode("latin-1"), fix=True),
    text_case("python-tag", "'!!python/object/apply:os.system' in the front matter", "PL002", lambda: front("x: !!python/object/apply:os.system ['touch /tmp/pwned']")),
    text_case("merge-keys", "merge keys and anchors in the front matter", "PL101", lambda: front("base: &b {a: 1}\nmerged:\n  <<: *b\n  c: 2")),
    text_case("alias-bomb", "a 'billion laughs' alias bomb", "PL002", lambda: front(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)).rstrip("\n"))),
    text_case("deep-nesting", "10,000-deep flow nesting", "PL002", lambda: front("deep: " + "[" * 10_000 + "]" * 10_000)),
    text_case("duplicate-keys", "3,000 duplicate front-matter keys", "PL103", lambda: front("\n".join(f"id: {i}" for i in range(3_000)))),
    text_case("binary", "1 MB of random bytes", "PL001", lambda: os.urandom(1 << 20)),
    Case("fifo", "a FIFO named on the command line", "PL014", _fifo),
    Case("dev-zero", "/dev/zero named on the command line", "PL014", lambda folder: Path("/dev/zero")),
    Case("symlink-loop", "a folder with a symlink loop and two links pointing at each other", "PL014", _symlink_loop),
    Case("unreadable", "a file without read permission", "PL014", _unreadable),
    text_case("rows-30000", "a 30,000-row generated document (observation numbers past 999)", "PL207", _big(30_000)),
    text_case("rows-100000", "a 100,000-row generated document", "PL207", _big(100_000)),
    text_case("fifty-mb", "a 50 MB document (prose)", "", _fifty_megabytes),
]


@dataclass
class Outcome:
    seconds: float
    cpu: float  # user + system seconds: what the input cost, whatever else the machine was doing
    peak_rss: int | None
    status: int | None  # None: killed at the timeout
    stdout: str
    stderr: str


def run(command: list[str], timeout: float, cwd: Path) -> Outcome:
    """Run ``command`` to completion (or kill it at ``timeout``), with its
    peak RSS from ``os.wait4``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Outcome(
            elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, None if killed.is_set() else process.returncode,
            out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
        )


def size_of(path: Path) -> str:
    if path.is_dir():
        return "folder"
    if not path.is_file():
        return "special"
    size = path.stat().st_size
    return f"{size / (1 << 20):,.1f} MB" if size >= 1 << 20 else f"{size / 1024:,.0f} KB"


def finding(case: Case, outcome: Outcome) -> str:
    lines = [line for line in outcome.stdout.splitlines() if line.strip()]
    chosen = next((line for line in lines if case.code and f" {case.code} " in line), None)
    if chosen is None and lines:
        chosen = lines[0]
    if chosen is None:
        error = outcome.stderr.strip().splitlines()
        chosen = f"stderr: {error[-1]}" if error else "(none)"
    chosen = chosen.replace("|", "\\|")
    return chosen if len(chosen) <= 150 else chosen[:147] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated case names")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is killed (default 120)")
    parser.add_argument("--proglint", default=str(Path(sys.executable).with_name("proglint")))
    parser.add_argument("--repeat", type=int, default=3, help="runs per input; the table gives the fastest (default 3)")
    options = parser.parse_args(argv)
    wanted = set(options.only.split(",")) if options.only else None
    cases = [case for case in CASES if wanted is None or case.name in wanted]
    print(f"- proglint: {options.proglint}; commit {_commit()}; load average {os.getloadavg()[0]:.2f} at the start")
    print(f"- {len(cases)} input classes, {options.repeat} run(s) each, one process a run, killed after {options.timeout:.0f} s")
    print("- time and CPU: the fastest run (as timeit reports: the others were slowed by the machine, not the input);")
    print("  peak RSS: the largest; exit and findings: the last run's (a run that differs is flagged)\n")
    print("| input class | size | time | CPU | peak RSS | exit | findings | the finding that matters |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for case in cases:
        print(f"[hostile] {case.name}", file=sys.stderr)
        outcomes, size, folder_name = [], "", ""
        for _ in range(max(1, options.repeat)):
            folder = Path(tempfile.mkdtemp(prefix="proglint-hostile-"))
            try:
                path = case.build(folder)  # afresh each run: a --fix run rewrites it
                command = [options.proglint, "check", "--no-cache", "--jobs", "1", "--format", "concise", str(path)]
                if case.fix:
                    command[2:2] = ["--fix", "--extend-select", "PL502"]
                outcomes.append(run(command, options.timeout, folder))
                size, folder_name = size_of(path), str(folder) + "/"
            finally:
                for child in folder.rglob("*"):
                    if not child.is_symlink():
                        child.chmod(0o700) if child.is_dir() else child.chmod(0o600)
                shutil.rmtree(folder, ignore_errors=True)
            if outcomes[-1].status is None:
                break  # killed at the timeout: once is enough
        last = outcomes[-1]
        status = "killed" if last.status is None else str(last.status)
        if len({o.status for o in outcomes}) > 1:
            status += " (runs differ: " + ", ".join("killed" if o.status is None else str(o.status) for o in outcomes) + ")"
        peak = max((o.peak_rss or 0) for o in outcomes)
        rss = f"{peak / (1 << 20):,.0f} MiB" if peak else "n/a"
        count = sum(1 for line in last.stdout.splitlines() if line.strip())
        seconds = min(o.seconds for o in outcomes)
        cpu = min(o.cpu for o in outcomes)
        print(f"| {case.what} | {size} | {seconds:,.2f} s | {cpu:,.2f} s | {rss} | {status} | {count:,} | "
              f"{finding(case, last).replace(folder_name, '')} |", flush=True)
    return 0


def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
