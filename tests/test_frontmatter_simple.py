"""The front matter read without PyYAML (proglint.parse.frontmatter's
simple path) gives the very model PyYAML's composer gives: same nodes,
styles and spans, for any text, whichever path reads it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from proglint.parse import frontmatter
from proglint.source import Source

from conftest import ROOT

WORDS = st.text(alphabet="abcXYZ019_.+/-:#'\"\\&*!|>[]{},%@`~? \té", min_size=0, max_size=12)
KEYS = st.one_of(st.sampled_from(["id", "program_title", "cycle", "_x", "A1"]), WORDS)
VALUES = st.one_of(
    st.from_regex(r'"[ !#-\[\]-~]{0,10}"', fullmatch=True),  # quoted, as the simple path reads it
    st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.+/-]{0,6}( [A-Za-z0-9_.+/-]{1,4}){0,2}", fullmatch=True),  # plain words
    WORDS.map(lambda w: f'"{w}"'),
    WORDS,
)
SEPARATORS = st.sampled_from([": ", ":  ", ":", " : ", ":\t"])
LINES = st.one_of(
    st.tuples(KEYS, SEPARATORS, VALUES).map("".join),
    st.sampled_from(["", "# comment", "  nested: 1", "- item", "x: [1, 2]", "x: &a 1", "y: *a"]),
)


def read(text: str, simple: bool):
    source = Source.from_text("x.txt", f"---\n{text}\n---\n# 1 - T\n")
    block, problems = frontmatter.locate(source)
    assert problems == []
    return frontmatter.parse(source, block)


def both(text: str):
    fast = read(text, True)
    real = frontmatter._simple_entries
    frontmatter._simple_entries = lambda text: None
    try:
        slow = read(text, False)
    finally:
        frontmatter._simple_entries = real
    return fast, slow


@settings(max_examples=400)
@given(st.lists(LINES, min_size=1, max_size=6))
def test_the_simple_path_reads_what_pyyaml_reads(lines):
    text = "\n".join(lines)
    if text.strip("\n") != text or "---" in text or "..." in text:
        return  # the fences are found first; nothing to compare
    fast, slow = both(text)
    assert fast == slow


@pytest.mark.parametrize("text, simple", [
    ('id: 4497\nproposal_type: "calibration"\ncycle: ""', True),
    ("program_title: CAL-FLUX-202 Absolute Flux", True),
    ("a: b  c", False),  # two spaces inside a plain scalar: PyYAML decides
    ('a: "x\\"y"', False),  # an escape
    ("a: b # c", False),  # a comment
    ("a: 1\n\nb: 2", False),  # a blank line
    ("a: é", False),  # not ASCII
    ("a: -1", False),  # an indicator first
])
def test_which_front_matter_is_simple(text, simple):
    assert (frontmatter._simple_entries(text) is not None) is simple
    fast, slow = both(text)
    assert fast == slow


def test_the_simple_path_spans_keys_values_and_the_mapping():
    (front, problems) = read('id: 4497\nt: "A b"', True)
    mapping = front.root
    assert problems == []
    assert [(e.key.text, e.key.span, e.value.text, e.value.style, e.value.span) for e in mapping.entries] == [
        ("id", (2, 1, 2, 3), "4497", "", (2, 5, 2, 9)),
        ("t", (3, 1, 3, 2), "A b", '"', (3, 4, 3, 9)),
    ]
    assert tuple(mapping.span) == (2, 1, 3, 9)


def test_every_seed_front_matter_is_read_alike():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        source = Source.from_text(str(path), path.read_text(encoding="utf-8"))
        block, _ = frontmatter.locate(source)
        if block is None:
            continue
        fast = frontmatter.parse(source, block)
        real = frontmatter._simple_entries
        frontmatter._simple_entries = lambda text: None
        try:
            slow = frontmatter.parse(source, block)
        finally:
            frontmatter._simple_entries = real
        assert fast == slow, path


@pytest.mark.parametrize("count", [9_999, 10_000])
def test_the_simple_path_stops_where_the_composer_s_node_limit_does(count):
    # 10,000 lines are 20,001 values with their mapping, one over frontmatter.MAX_NODES: the simple
    # path must hand them to the composer, which reports them; one line fewer is read either way
    text = "\n".join(f"k{i}: v" for i in range(count))
    assert (frontmatter._simple_entries(text) is None) is (count == 10_000)
    fast, slow = both(text)
    assert fast == slow
    (front, problems) = fast
    assert [p.code for p in problems] == (["PL002"] if count == 10_000 else [])
    assert (front.root is None) is (count == 10_000)
