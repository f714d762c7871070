"""Run a command as a child process and measure its wall time, CPU time and peak RSS.

The child is reaped with ``os.wait4``, which returns the resource usage of
that one child: ``ru_maxrss`` is the peak resident set of the child (or of
the largest of its own waited-for children, such as worker processes; Linux
takes the maximum, not the sum).  Where ``os.wait4`` is missing (Windows) the
peak RSS is None.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass
class Run:
    seconds: float
    peak_rss: int | None  # bytes
    returncode: int
    stdout: str
    stderr: str
    cpu: float | None = None  # user + system seconds of the child (and its waited-for children)


@dataclass
class Timing:
    runs: list[Run] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [run.seconds for run in self.runs]

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def best_cpu(self) -> float | None:
        """The least user + system CPU time of the runs: on a shared machine
        the steadiest figure of how much work a run is (wall time there
        measures the neighbours too)."""
        values = [run.cpu for run in self.runs if run.cpu is not None]
        return min(values) if values else None

    @property
    def peak_rss(self) -> int | None:
        values = [run.peak_rss for run in self.runs if run.peak_rss is not None]
        return max(values) if values else None

    @property
    def last(self) -> Run:
        return self.runs[-1]


def _rss_bytes(ru_maxrss: int) -> int:
    return ru_maxrss if sys.platform == "darwin" else ru_maxrss * 1024


def run_once(command: list[str], cwd: Path | None = None, timeout: float | None = None) -> Run:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd)
        peak = cpu = None
        if hasattr(os, "wait4") and timeout is None:
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            peak = _rss_bytes(usage.ru_maxrss)
            cpu = usage.ru_utime + usage.ru_stime
        else:
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return Run(
            elapsed, peak, process.returncode,
            out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), cpu,
        )


def best_of(
    command: list[str],
    repeat: int,
    budget: float = float("inf"),
    cwd: Path | None = None,
    prepare: Callable[[], None] | None = None,
) -> Timing:
    """Run ``command`` up to ``repeat`` times, stopping early once the runs
    so far took more than ``budget`` seconds (always at least once).
    ``prepare`` is called (untimed) before each run."""
    timing = Timing()
    spent = 0.0
    for _ in range(max(1, repeat)):
        if prepare is not None:
            prepare()
        run = run_once(command, cwd)
        timing.runs.append(run)
        spent += run.seconds
        if spent > budget:
            break
    return timing
