"""A time budget for the rules on each document.

A rule is a function anyone can write (a team's ``rule-paths``, a plugin);
one that loops forever must not hang a pre-commit hook or a CI job.  While
the rules run on a document, a timer is armed for the budget
(``rule-time-budget`` in the configuration, seconds); when it fires, the
rule running at that moment is stopped and reported as PL901 with the time
it took, and the document's other rules go on, with the budget armed again.

The timer is ``SIGALRM`` (``setitimer``), so it is armed only where Python
can deliver it: the main thread of a process on a platform that has it (the
CLI, in process or in each worker); elsewhere (the language server's lint
thread) rules run without a budget.  Python delivers the signal between
bytecodes, so a rule stuck inside one C call (a catastrophic regular
expression) is stopped only when that call returns.
"""

from __future__ import annotations

import signal
import time

DEFAULT_SECONDS = 10.0


class OverBudget(Exception):
    """Raised inside a rule whose document ran out of time."""


class Budget:
    """``with Budget(seconds) as budget: ... budget.rearm()`` around a
    document's rules; :class:`OverBudget` interrupts the rule running when
    the time is up."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.armed = False
        self._previous = None
        self.started = 0.0

    def __enter__(self) -> "Budget":
        if self.seconds is not None and self.seconds > 0 and hasattr(signal, "setitimer"):
            try:
                self._previous = signal.signal(signal.SIGALRM, _expire)
            except ValueError:  # not the main thread: no budget here
                return self
            self.armed = True
            self.rearm()
        return self

    def rearm(self) -> None:
        """Start the budget afresh (after a rule was stopped)."""
        self.started = time.monotonic()
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def __exit__(self, *exc) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous or signal.SIG_DFL)
            self.armed = False


def _expire(signum, frame) -> None:
    raise OverBudget()
