"""The cyclic garbage collector, paused while one document is parsed and checked.

A document's model is a tree of tuples (~30 objects per table row) and holds
no reference cycles: reference counting frees it once checked.  While it is
alive, though, every collection of the oldest generation walks all of it
again, and a 30,000-row table triggers a dozen of them: measured, a third to
a half of the time of a findings-heavy document went to the collector, and
its share grew with the table (the per-row cost tripled from 1,000 to 30,000
rows).  So parsing and checking run with the collector off; the few cycles
they leave (jsonschema's errors point at their parents) are collected once it
is back on, one document's worth at a time (in one walk when that is
large: see ``_BIG``).

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
            if gc.get_count()[0] > _BIG:
                gc.collect(1)  # what the pause left alive goes to the oldest generation in one walk, not two
            gc.enable()


# A pause that ends with more young objects than this (a document with
# thousands of findings: each finding is a handful of objects) collects the
# two young generations at once.  Left to itself, the collector would walk
# those objects in the next young collection, promote them, and walk them
# again in the middle generation's next collection: 10,000 rows with three
# findings each spent ~0.1 s of a 1 s run there.  A small document leaves
# fewer, and its objects go the usual way.
_BIG = 50_000
