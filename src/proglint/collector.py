"""The cyclic garbage collector, paused while one document is parsed and checked.

A document's model is a tree of tuples (~30 objects per table row) and holds
no reference cycles: reference counting frees it once checked.  While it is
alive, though, every collection of the oldest generation walks all of it
again, and a 30,000-row table triggers a dozen of them: measured, a third to
a half of the time of a findings-heavy document went to the collector, and
its share grew with the table (the per-row cost tripled from 1,000 to 30,000
rows).  So parsing and checking run with the collector off; the few cycles
they leave (jsonschema's errors point at their parents) are collected once it
is back on, one document's worth at a time.

Not ``gc.freeze()``: frozen garbage is never collected.  Nesting is free
(an inner pause finds the collector off and leaves it so), and the pause
only ever restores what it found, so a caller that runs with the collector
off keeps it off.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    was_on = gc.isenabled()
    if was_on:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
