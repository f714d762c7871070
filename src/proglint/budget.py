"""A time budget for each rule on each document.

A rule is a function anyone can write (a team's ``rule-paths``, a plugin);
one that loops forever must not hang a pre-commit hook or a CI job.  Each
rule may spend ``rule-time-budget`` seconds of CPU time on a document; one
that goes over is stopped and reported as PL901 with the time it took, and
the document's other rules go on.

Why CPU time, and why per rule: a wall-clock budget for a whole document
failed big but honest documents on a busy CI machine (a 100,000-row table
took 16 s of CPU and 60 s of wall time at a load of 11) and blamed whichever
rule happened to be running when the document's time ran out.  CPU time
does not depend on what else the machine is doing, and a rule is blamed
only for its own time.  A rule that waits instead of computing (a network
read that never returns) uses no CPU, so a wall-clock backstop stops it
too: after ``WALL_FACTOR`` times the budget of wall time, a rule that used
almost no CPU in that time (under ``WAITING_SHARE`` of it) is stopped; one
that was computing, however slowly a loaded machine let it, is left to its
CPU budget and looked at again one window later.  So a busy CI machine
never stops a rule that is within its budget.

The timers are armed once per document, not per rule (two system calls per
rule would cost more than some rules): when one fires, the handler looks at
the running rule's own time and either stops it or re-arms the timer for
what is left of that rule's budget.  They are ``setitimer`` signals
(``SIGPROF`` for CPU, ``SIGALRM`` for wall time), so they work only where
Python can deliver them: the main thread of a process on a platform that has
them (the CLI, in process or in each worker); elsewhere (the language
server's lint thread) rules run without a budget.  Python delivers a signal
between bytecodes, so a rule stuck inside one C call (a catastrophic regular
expression) is stopped only when that call returns.
"""

from __future__ import annotations

import signal
import time

DEFAULT_SECONDS = 10.0
WALL_FACTOR = 6  # a rule still running after this many budgets of wall time is stopped if it was waiting
WAITING_SHARE = 0.01  # ... that is, if it used less than this share of that wall time in CPU


class OverBudget(Exception):
    """Raised inside a rule that went over its budget, with what it used."""

    def __init__(self, cpu: float = 0.0, wall: float = 0.0):
        super().__init__(cpu, wall)
        self.cpu = cpu
        self.wall = wall


class Budget:
    """``with Budget(seconds) as budget:`` around a document's rules, and
    ``budget.start_rule()`` as each rule starts; :class:`OverBudget`
    interrupts a rule that has used its budget."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.armed = False
        self._previous: dict[int, object] = {}
        self._cpu = 0.0  # the running rule's start, in process CPU time
        self._wall = 0.0  # ... and in wall time

    def __enter__(self) -> "Budget":
        self.start_rule()
        if self.seconds is None or self.seconds <= 0 or not hasattr(signal, "setitimer"):
            return self
        try:
            for number in (signal.SIGPROF, signal.SIGALRM):
                self._previous[number] = signal.signal(number, self._expired)
        except ValueError:  # not the main thread: no budget here
            self._restore()
            return self
        self.armed = True
        signal.setitimer(signal.ITIMER_PROF, self.seconds)
        signal.setitimer(signal.ITIMER_REAL, self.seconds * WALL_FACTOR)
        return self

    def start_rule(self) -> None:
        """The next rule starts now: its time is counted from here."""
        self._cpu = time.process_time()
        self._wall = time.monotonic()
        self._window = (0.0, 0.0)  # the rule's (cpu, wall) when its current wall window began

    def used(self) -> tuple[float, float]:
        """The running rule's CPU and wall time so far."""
        return time.process_time() - self._cpu, time.monotonic() - self._wall

    def _expired(self, signum, frame) -> None:
        cpu, wall = self.used()
        limit = self.seconds or 0.0
        if signum == signal.SIGPROF or cpu >= limit:
            if cpu >= limit:
                self._stop(cpu, wall)
            # the document's CPU time ran out, not this rule's: wait for what is left of the rule's own
            signal.setitimer(signal.ITIMER_PROF, limit - cpu)
            return
        window = limit * WALL_FACTOR
        window_cpu, window_wall = self._window
        if wall - window_wall < window:  # armed for an earlier rule: wait for the rest of this one's window
            signal.setitimer(signal.ITIMER_REAL, window - (wall - window_wall))
            return
        if cpu - window_cpu < WAITING_SHARE * (wall - window_wall):
            self._stop(cpu, wall)  # waiting, not computing
        self._window = (cpu, wall)  # computing, only slowly (a loaded machine): look again one window later
        signal.setitimer(signal.ITIMER_REAL, window)

    def _stop(self, cpu: float, wall: float) -> None:
        self.start_rule()  # the next rule's time starts when this one is stopped
        signal.setitimer(signal.ITIMER_PROF, self.seconds or 0.0)
        signal.setitimer(signal.ITIMER_REAL, (self.seconds or 0.0) * WALL_FACTOR)
        raise OverBudget(cpu, wall)

    def __exit__(self, *exc) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.armed = False
        self._restore()

    def _restore(self) -> None:
        for number, previous in self._previous.items():
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)
        self._previous.clear()
