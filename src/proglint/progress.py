"""A progress line on a terminal for long runs: ``proglint: 412/1000 files, 3.2 s``.

Shown only when the stream (stderr) is a terminal and the run has taken
more than :data:`DELAY` seconds, so short runs, pipes, CI logs and editors
never see it; redrawn in place with ``\\r`` at most every :data:`EVERY`
seconds, and wiped when the run ends, so the report that follows (on
stdout, or stderr's own messages) starts on a clean line.  The clock is
injected, so tests drive it without waiting.
"""

from __future__ import annotations

import time
from typing import Callable, TextIO

DELAY = 1.0  # seconds before the line first appears
EVERY = 0.1  # seconds between redraws


class Progress:
    def __init__(self, total: int, stream: TextIO, *, enabled: bool = True, clock: Callable[[], float] = time.monotonic):
        self.total = total
        self.done = 0
        self.stream = stream
        self.clock = clock
        self.enabled = enabled and _is_terminal(stream)
        self.started = clock()
        self._drawn = 0.0  # when the line was last drawn
        self._width = 0  # the length of the line on screen (0: nothing shown)

    def advance(self, count: int = 1) -> None:
        """``count`` more files are done."""
        self.done += count
        if not self.enabled or not count:
            return
        now = self.clock()
        elapsed = now - self.started
        if elapsed < DELAY or (self._width and now - self._drawn < EVERY and self.done < self.total):
            return
        self._draw(f"proglint: {self.done}/{self.total} files, {elapsed:.1f} s")
        self._drawn = now

    def close(self) -> None:
        """Wipe the line (if one was drawn)."""
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _draw(self, line: str) -> None:
        padding = " " * max(0, self._width - len(line))  # cover a longer line drawn before
        self.stream.write("\r" + line + padding)
        self.stream.flush()
        self._width = len(line) + len(padding)


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or stand-in stream
        return False
