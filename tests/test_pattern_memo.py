"""proglint.cache.patterns: a pattern rebuilt from the per-user memo is
the pattern re.compile gives; a corrupt or foreign memo is ignored."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from proglint.cache import patterns


@pytest.fixture
def memo(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterns, "_memo", None)
    monkeypatch.setattr(patterns, "_dirty", True)  # no atexit hook from tests
    return tmp_path / "proglint"


def fresh_process(monkeypatch):
    """What the next run sees: the memo read back from its file."""
    monkeypatch.setattr(patterns, "_memo", None)


WORDS = ["NIRCam", "MIRI", "wide field slitless", "G395H/F290LP", "(?P<x>a)b", "ß", "K"]


def test_a_pattern_comes_back_from_the_memo_as_re_compiles_it(memo, monkeypatch):
    text = r"(?<![A-Za-z0-9])(?:" + "|".join(re.escape(w) for w in WORDS) + r")(?![A-Za-z0-9])"
    first = patterns.compile(text, re.IGNORECASE)
    patterns._save()
    assert list(memo.iterdir())
    fresh_process(monkeypatch)
    monkeypatch.setattr(patterns, "_program", lambda *a: pytest.fail("compiled again instead of read from the memo"))
    again = patterns.compile(text, re.IGNORECASE)
    expected = re.compile(text, re.IGNORECASE)
    assert (again.pattern, again.flags, again.groups, again.groupindex) == (expected.pattern, expected.flags, expected.groups, expected.groupindex)
    for sample in ["a nircam b", "MIRI-x", "WIDE  FIELD SLITLESS", "wide field slitless", "xMIRI", "g395h/f290lp", "SS", "\u212a"]:
        assert [m.span() for m in again.finditer(sample)] == [m.span() for m in expected.finditer(sample)]
        assert [m.span() for m in first.finditer(sample)] == [m.span() for m in expected.finditer(sample)]


def test_named_groups_survive(memo, monkeypatch):
    patterns.compile(r"(?P<key>\w+)=(?P<value>\d+)")
    patterns._save()
    fresh_process(monkeypatch)
    match = patterns.compile(r"(?P<key>\w+)=(?P<value>\d+)").match("abc=12")
    assert (match["key"], match["value"], match.re.groupindex) == ("abc", "12", {"key": 1, "value": 2})


@pytest.mark.parametrize("content", [b"", b"\x80garbage", b"\xe9\x02\x00\x00\x00"])
def test_a_corrupt_memo_is_ignored_and_rewritten(memo, monkeypatch, content):
    memo.mkdir()
    (memo / patterns._name()).write_bytes(content)
    assert patterns.compile("a+b").fullmatch("aab")
    patterns._save()
    fresh_process(monkeypatch)
    assert ("a+b", 0) in patterns._load()


def test_a_memo_of_another_python_is_ignored(memo, monkeypatch):
    import marshal

    memo.mkdir()
    (memo / patterns._name()).write_bytes(marshal.dumps(("patterns another python", {("a", 0): (0, [1, 2], 0, {}, ())})))
    assert patterns._load() == {}


def test_a_program_this_sre_refuses_is_compiled_afresh(memo):
    patterns._load()[("a+", 0)] = (0, [999999], 0, {}, ())
    assert patterns.compile("a+").fullmatch("aaa")


@given(st.lists(st.text(alphabet="abcAB .-/()é", min_size=1, max_size=6), min_size=1, max_size=5), st.text(alphabet="abcAB .-/()éxyz", max_size=30))
def test_any_word_list_matches_as_re_matches(words, sample):
    patterns._memo = {}
    text = "|".join(re.escape(w) for w in words)
    ours, theirs = patterns.compile(text, re.IGNORECASE), re.compile(text, re.IGNORECASE)
    assert [m.span() for m in ours.finditer(sample)] == [m.span() for m in theirs.finditer(sample)]
