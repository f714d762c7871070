"""The collector pause (proglint.collector): off while a document is checked,
back on afterwards, and a document that leaves very many objects alive (one
with thousands of findings) has them collected once, into the oldest
generation, rather than walked by two young collections in turn."""

from __future__ import annotations

import gc

import pytest

from proglint import collector


@pytest.fixture(autouse=True)
def _collector_on():
    was_on = gc.isenabled()
    gc.enable()
    gc.collect()
    yield
    (gc.enable if was_on else gc.disable)()


def test_the_collector_is_off_during_a_pause_and_on_after_it():
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_inside_a_pause_leaves_the_collector_off():
    with collector.paused():
        with collector.paused():
            pass
        assert not gc.isenabled()


def test_a_pause_that_leaves_many_objects_alive_promotes_them_to_the_oldest_generation_at_once():
    with collector.paused():
        kept = [[i] for i in range(collector._BIG + 10_000)]
    assert gc.get_count()[0] < 1_000
    oldest = {id(o) for o in gc.get_objects(2)}
    assert id(kept) in oldest and id(kept[-1]) in oldest


def test_a_pause_that_leaves_few_objects_lets_the_usual_young_collection_take_them():
    with collector.paused():
        kept = [[i] for i in range(200)]
    assert gc.get_count()[0] >= 200
    assert id(kept[-1]) in {id(o) for o in gc.get_objects(0)}


def test_a_pause_that_found_the_collector_off_collects_nothing():
    gc.disable()
    with collector.paused():
        kept = [[i] for i in range(collector._BIG + 10_000)]
    assert not gc.isenabled()
    assert gc.get_count()[0] > collector._BIG
    assert len(kept) == collector._BIG + 10_000
