"""Linting leaves no reference cycles behind: the model (a tree of tuples,
~30 objects per table row) is freed by reference counting the moment a
document is done, which is what lets proglint.collector pause the cyclic
collector while a document is parsed and checked.  A cycle through the
model (a recursive inner function holding the document in its closure did
it once) kept every document alive until a full collection, which then had
to walk all of it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from conftest import DOC_HEAD, DOC_TAIL

from proglint.pipeline import lint
from proglint.source import Source

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[:5]
FAULTY = DOC_HEAD + "\n".join([
    "| F | 1000 | NIRCam | NIRCam Imaging | (1) X |",  # schema findings (number past 999, short name)
    "| G | 2 | x | Not A Template | (2) AB | extra |",  # a root cause and a rule finding
    "| | 3 | | | NONE |",
]) + "\n" + DOC_TAIL.replace("Text.", "Text.\n\n<!-- proglint-disable PL5 -->", 1)
DUPLICATE_KEYS = FAULTY.replace("cycle: \"\"\n", "cycle: \"\"\ncycle: 3\nnested:\n  a: 1\n  a: 2\n", 1)


def garbage_of(text: str) -> list:
    lint(Source.from_text("doc.txt", text))  # imports, caches and compiled schemas: not the document's
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        found = lint(Source.from_text("doc.txt", text))
        gc.collect()
        left = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert found is not None
    return left


@pytest.mark.parametrize("name", [seed.name for seed in SEEDS] + ["faulty", "duplicate keys"])
def test_a_document_is_freed_without_the_cyclic_collector(name):
    text = {"faulty": FAULTY, "duplicate keys": DUPLICATE_KEYS}.get(name)
    if text is None:
        text = (SEEDS[0].parent / name).read_text(encoding="utf-8")
    assert [type(o).__name__ for o in garbage_of(text)] == []
