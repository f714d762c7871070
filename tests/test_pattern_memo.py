"""proglint.cache.patterns: a pattern rebuilt from the per-user memo is
the pattern re.compile gives; a corrupt or foreign memo is ignored."""

from __future__ import annotations

import re
import sys

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


# -- pinned where mutation testing found them loose --------------------------------------


def test_a_pattern_compiled_afresh_is_the_pattern_asked_for(memo):
    first = patterns.compile(r"(?P<word>nircam)", re.IGNORECASE)
    assert (first.pattern, first.flags, first.groupindex) == ("(?P<word>nircam)", re.IGNORECASE | re.UNICODE, {"word": 1})
    assert first.match("NIRCam").lastgroup == "word"


def test_named_groups_come_back_with_their_names_from_the_memo(memo, monkeypatch):
    patterns.compile(r"(?P<key>\w+)=(?P<value>\d+)")
    patterns._save()
    fresh_process(monkeypatch)
    match = patterns.compile(r"(?P<key>\w+)=(?P<value>\d+)").match("abc=12")
    assert (match.lastgroup, match.lastindex, match.groupdict()) == ("value", 2, {"key": "abc", "value": "12"})


def test_a_verbose_pattern_is_read_as_verbose(memo, monkeypatch):
    text = "a b  # spaces and comments are not part of a verbose pattern"
    compiled = patterns.compile(text, re.VERBOSE)
    assert compiled.fullmatch("ab") and not compiled.fullmatch("a b")
    patterns._save()
    fresh_process(monkeypatch)
    again = patterns.compile(text, re.VERBOSE)
    assert again.fullmatch("ab") and not again.fullmatch("a b") and again.flags == re.VERBOSE | re.UNICODE


def test_when_res_internals_differ_the_pattern_is_compiled_by_re_and_not_remembered(memo, monkeypatch):
    def internals_differ(*args):
        raise AttributeError("module 're._compiler' has no attribute '_code'")

    monkeypatch.setattr(patterns, "_program", internals_differ)
    compiled = patterns.compile("mi(?P<rest>ri)", re.IGNORECASE)
    assert (compiled.pattern, compiled.flags, compiled.groupindex) == ("mi(?P<rest>ri)", re.IGNORECASE | re.UNICODE, {"rest": 1})
    assert compiled.fullmatch("MIRI")["rest"] == "RI"
    assert patterns._load() == {}


def test_new_programs_are_written_back_once_at_exit(memo, monkeypatch):
    registered = []
    monkeypatch.setattr("atexit.register", registered.append)
    monkeypatch.setattr(patterns, "_dirty", False)  # a process that has added nothing yet
    patterns.compile("one")
    patterns.compile("two")
    patterns.compile("one")
    assert registered == [patterns._save]
    assert not memo.exists()  # nothing written before the exit
    registered[0]()
    fresh_process(monkeypatch)
    monkeypatch.setattr(patterns, "_program", lambda *a: pytest.fail("compiled again instead of read from the memo"))
    assert patterns.compile("two").fullmatch("two") and patterns.compile("one").fullmatch("one")


def test_past_its_limit_the_memo_starts_afresh(memo):
    assert patterns._LIMIT == 2048
    for number in range(2048):
        patterns.compile(f"p{number}")
    assert len(patterns._load()) == 2048
    patterns.compile("one more")
    assert list(patterns._load()) == [("one more", 0)]


def test_each_python_keeps_its_memo_in_a_file_of_its_own(memo, monkeypatch):
    """Two Pythons sharing a home (a system one and a virtualenv's) do not
    evict each other's memo: the file is named after the build."""
    names = set()
    for version in (sys.version, "3.12.1 (main) [GCC 13]", "3.13.0 (tags/v3.13.0) [Clang 16]"):
        monkeypatch.setattr(sys, "version", version)
        fresh_process(monkeypatch)
        patterns.compile("a+b")
        patterns._save()
        names.add(patterns._name())
    assert sorted(p.name for p in memo.iterdir()) == sorted(names) and len(names) == 3
    assert all(re.fullmatch(r"patterns-[0-9a-f]{4}\.marshal", name) for name in names)
