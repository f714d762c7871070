"""Code in markdown, edges mutation testing found unpinned
(benchmarks/mutation.py): which lines a fenced block holds (the model's
``code_lines``: nothing is read from them) under CommonMark's rules for
opening and closing fences, and the inline code spans the suppressions and
the document recogniser read past."""

from __future__ import annotations

import pytest

from proglint.parse.code import blank_code_spans, code_spans, in_code

from conftest import doc

from test_parse_problems import GOOD

# GOOD's last lines: 14 '## ABSTRACT', 15 '', 16 'Text.'; the block goes after them, from line 17 (a block
# left open runs to the last line: the empty one after the final newline)
def code_lines(block: str) -> list[int]:
    return sorted(doc(GOOD + block).code_lines)


@pytest.mark.parametrize("block, lines", [
    ("```\n## X\n```\n", [17, 18, 19]),
    ("~~~\n## X\n~~~\n", [17, 18, 19]),
    ("```python\nx\n```\nafter\n", [17, 18, 19]),  # an info string after the fence
    ("~~~ a`b\nx\n~~~\n", [17, 18, 19]),  # a tilde fence's info string may hold a backtick
    ("``` a`b\nx\n```\n", [19, 20]),  # a backtick fence's may not: no fence, the second ``` opens one (to the end)
    ("``\nx\n``\n", []),  # two backticks open nothing
    ("   ```\nx\n```\n", [17, 18, 19]),  # three spaces before a fence
    ("    ```\nx\n```\nafter\n", [19, 20, 21]),  # four: no fence; the second ``` opens one, unclosed
    ("```\nx\n   ```\nafter\n", [17, 18, 19]),  # a closing fence may be indented too
    ("```\nx\n```   \nafter\n", [17, 18, 19]),  # and followed by spaces
    ("```\nx\n``` y\nafter\n", [17, 18, 19, 20, 21]),  # not by text: still inside, to the end
    ("```\nx\n~~~\nafter\n", [17, 18, 19, 20, 21]),  # the other character closes nothing
    ("````\nx\n```\nafter\n````\nz\n", [17, 18, 19, 20, 21]),  # a shorter fence closes nothing, a longer one would
    ("```\nx\n`````\nafter\n", [17, 18, 19]),
    ("```\nx", [17, 18]),  # unclosed: to the last line of the file
    ("```\nx\n```\n```\ny\n```\n", [17, 18, 19, 20, 21, 22]),  # a second block after the first
])
def test_the_lines_of_a_fenced_block(block, lines):
    assert code_lines(block) == lines


def test_a_heading_in_a_fenced_block_is_no_section():
    text = GOOD + "```\n## NOT A SECTION\n```\n## AFTER\n"
    assert [s.title.value for s in doc(text).sections] == ["OBSERVATIONS TABLE", "ABSTRACT", "AFTER"]


def test_the_front_matter_is_not_scanned_for_fences():
    # a '```' line in the front matter is bad YAML (PL002), not the start of a block that hides the body
    text = GOOD.replace("id: 1071\n", "id: 1071\n```\n")
    document = doc(text)
    assert [p.code for p in document.problems] == ["PL002"]
    assert (document.code_lines, document.heading.id.value, len(document.observations)) == (frozenset(), "1071", 2)


# -- inline code spans --------------------------------------------------------------------------


@pytest.mark.parametrize("line, spans", [
    ("no code", []),
    ("a `b` c", [(2, 5)]),
    ("`a` `b`", [(0, 3), (4, 7)]),
    ("a `b", []),  # an unmatched run is text
    ("``a`b``", [(0, 7)]),  # a run closes only at a run of its own length
    ("``a`b``c`d", [(0, 7)]),  # the single backtick inside the pair can no longer open: the one after it is text
    ("`a``b`", [(0, 6)]),
    ("`a`b`", [(0, 3)]),  # the earliest open run is the one closed
    ("x ``` y ``` z", [(2, 11)]),
])
def test_inline_code_spans(line, spans):
    assert code_spans(line) == spans


def test_blanking_code_spans_keeps_every_column():
    assert blank_code_spans("a `b` c `d`") == "a     c    "
    assert blank_code_spans("no code") == "no code"


def test_in_code_counts_the_opening_backtick_but_not_what_follows_the_closing_one():
    spans = code_spans("a `b` c")
    assert [in_code(spans, column) for column in range(7)] == [False, False, True, True, True, False, False]
    assert in_code([], 0) is False


@pytest.mark.parametrize("line", ["~", "`", "XXXX", "\t```", "X```", "\t~~~", "X~~~"])
def test_lines_that_open_no_fence(line):
    # a lone fence character, another character, a tab before the fence, text before it
    assert code_lines(f"{line}\nx\n```\ny\n```\n") == [19, 20, 21]


@pytest.mark.parametrize("line, spans", [
    ("xx ``a`b`` c`d", [(3, 10)]),  # the backtick inside the pair stays closed though others come before it
    ("ab `c ``d`` e`", [(6, 11), (3, 14)]),  # a run opened before the pair still closes after it
])
def test_inline_code_spans_around_a_pair(line, spans):
    assert code_spans(line) == spans
