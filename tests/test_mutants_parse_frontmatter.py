"""The front matter's edges mutation testing found unpinned
(benchmarks/mutation.py): where an unterminated block is taken to end, the
opening and closing fences the model keeps whatever went wrong, the limits
on values and depth at their exact boundaries, which ``*alias`` a finding
points at, both PyYAML builds, and the path every parse problem names."""

from __future__ import annotations

import pytest
import yaml

from proglint.document import YamlMapping, YamlSequence
from proglint.parse import frontmatter, parse
from proglint.source import Source
from proglint.span import Span

from conftest import doc

from test_parse_problems import GOOD

OPENING, CLOSING = Span(1, 1, 1, 4), Span(4, 1, 4, 4)  # GOOD's fences
UNTERMINATED = "the front matter opened here has no closing '---' line; add one after line {}"
TOO_MANY = ("the front matter has more than 20,000 YAML values once its aliases are expanded (an alias bomb, such as "
            "'billion laughs'), and proglint stops reading it here: write the values out instead of aliasing them")
TOO_DEEP = ("the front matter nests deeper than 100 levels, and proglint stops reading it here: "
            "program documents need a few levels at most; flatten the value")
# PyYAML's pure-Python loader, and its C one where the build has it: both must read alike
LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


def found(text: str) -> list[tuple]:
    return [(p.code, *p.span, p.message) for p in doc(text).problems]


def with_entries(text: str) -> str:
    """GOOD with ``text`` (YAML lines) added after its last entry, on line 4 on."""
    return GOOD.replace('program_title: "Alignment"\n', 'program_title: "Alignment"\n' + text)


# -- where an unterminated front matter is taken to end -------------------------------------


def test_an_unterminated_front_matter_of_blank_lines_ends_at_the_fence():
    assert found("---\n\n\n")[0] == ("PL004", 1, 1, 1, 4, UNTERMINATED.format(1))
    assert doc("---\n\n\n").front_matter.root == YamlMapping((), OPENING)


def test_a_heading_right_after_the_opening_fence_ends_it_there():
    assert found("---\n# 1 - T\n")[0] == ("PL004", 1, 1, 1, 4, UNTERMINATED.format(1))


def test_a_heading_on_the_last_line_ends_it_before_that_line():
    # no final newline: the heading is the last line, and the only one
    assert found("---\nid: 1\n# 1 - T")[0] == ("PL004", 1, 1, 1, 4, UNTERMINATED.format(2))
    front = doc("---\nid: 1\n# 1 - T").front_matter
    assert (front.opening, front.closing, [e.key_text for e in front.entries]) == (OPENING, None, ["id"])


# -- the fences are kept whatever the YAML holds ----------------------------------------------


@pytest.mark.parametrize("change, code", [
    (lambda t: t.replace("id: 1071", "id: [1071"), "PL002"),  # a syntax error with a mark
    (lambda t: t.replace("id: 1071", "id: 10\x0771"), "PL002"),  # a character YAML forbids
    (lambda t: t.replace("id: 1071\n", "id: 1071\nx: " + "[" * 101 + "]" * 101 + "\n"), "PL002"),  # too deep
    (lambda t: t.replace('id: 1071\nprogram_title: "Alignment"\n', "- a\n"), "PL005"),
    (lambda t: t, None),
])
def test_the_model_keeps_both_fences(change, code):
    text = change(GOOD)
    document = doc(text)
    closing = text.split("\n").index("---", 1) + 1
    assert [p.code for p in document.problems] == ([code] if code else [])
    assert (document.front_matter.opening, document.front_matter.closing) == (OPENING, Span(closing, 1, closing, 4))


@pytest.mark.parametrize("loader", LOADERS, ids=lambda l: l.__name__)
def test_a_character_no_encoding_can_write_keeps_both_fences(monkeypatch, loader):
    # a lone surrogate (an editor may send one): the C loader cannot even encode it, the Python one reads it as forbidden
    monkeypatch.setattr(frontmatter, "_Loader", loader)
    document = parse(Source.from_text("x.txt", GOOD.replace("id: 1071", "id: \udc80")))
    (problem,) = document.problems
    if loader is yaml.SafeLoader:
        assert (problem.code, *problem.span, problem.message) == (
            "PL002", 2, 5, 2, 6, "invalid YAML: the front matter holds the character U+DC80, which YAML does not allow "
            "anywhere, not even inside quotes (special characters are not allowed); delete it")
    else:
        assert (problem.code, problem.span, problem.message) == (
            "PL002", OPENING, "invalid YAML: 'utf-8' codec can't encode character '\\udc80' in position 4: surrogates not allowed")
    assert (document.front_matter.opening, document.front_matter.closing, document.front_matter.root) == (OPENING, CLOSING, None)


@pytest.mark.parametrize("loader", LOADERS, ids=lambda l: l.__name__)
def test_a_forbidden_first_character_is_reported_on_itself(monkeypatch, loader):
    monkeypatch.setattr(frontmatter, "_Loader", loader)
    reason = "control characters are not allowed" if loader is not yaml.SafeLoader else "special characters are not allowed"
    assert found(GOOD.replace("id: 1071", "\x07id: 1071")) == [
        ("PL002", 2, 1, 2, 2, "invalid YAML: the front matter holds the character U+0007, which YAML does not allow "
         f"anywhere, not even inside quotes ({reason}); delete it"),
    ]


def test_a_front_matter_of_comments_only_is_an_empty_mapping_at_the_opening_fence():
    text = GOOD.replace('id: 1071\nprogram_title: "Alignment"\n', "# filled in later\n")
    front = doc(text).front_matter
    assert found(text) == []
    assert (front.opening, front.closing, front.root) == (OPENING, Span(3, 1, 3, 4), YamlMapping((), OPENING))


def test_a_nested_mapping_spans_its_entries():
    front = doc(with_entries("map:\n  k: v\n  l: w\n")).front_matter
    inner = front.get("map").value
    assert isinstance(inner, YamlMapping)
    assert (inner.span.start_line, inner.span.start_column) == (5, 3)  # from 'k' ...
    assert doc(with_entries("map:\n  k: v\n  l: w\n")).source.slice(inner.span).rstrip() == "k: v\n  l: w"
    assert (front.root.span.start_line, front.root.span.start_column) == (2, 1)


# -- the limits, at their boundaries ---------------------------------------------------------


def test_20000_values_are_read_and_the_20001st_is_reported_on_itself():
    # GOOD's front matter has 5 values (the mapping, two keys, two values); 'l' and its list add 2 + n
    def values(n):
        return with_entries("l: [" + ", ".join(["x"] * n) + "]\n")

    assert found(values(19993)) == []
    assert len(doc(values(19993)).front_matter.get("l").value.items) == 19993
    last = 5 + 3 * (19994 - 1)  # 'l: [' then one 'x, ' per item
    assert found(values(19994)) == [("PL002", 4, last, 4, last + 1, TOO_MANY)]


def test_a_plain_value_past_the_limit_is_reported_where_it_stands_though_aliases_follow():
    text = with_entries("l: [" + ", ".join(["x"] * 19994) + "]\nb: &b y\nc: *b\n")
    last = 5 + 3 * (19994 - 1)
    assert found(text) == [("PL002", 4, last, 4, last + 1, TOO_MANY)]


def test_too_many_values_at_depth_100_are_too_many_not_too_deep():
    # 98 nested keys, then 'v' (depth 99) holding a list whose items stand at depth 100, the deepest allowed
    chain = "".join("  " * i + f"k{i}:\n" for i in range(98)) + "  " * 98 + "v: [" + ", ".join(["x"] * 20000) + "]\n"
    text = GOOD.replace("id: 1071\n", "id: 1071\n" + chain)
    # values before the items: mapping, id and its value, 98 keys and their mappings, 'v' and its list: 201
    column = 98 * 2 + len("v: [") + 1 + 3 * (20000 - 201)  # the item counted 20,001st
    assert found(text) == [("PL002", 3 + 98, column, 3 + 98, column + 1, TOO_MANY)]


def test_lists_count_towards_the_depth_limit():
    assert found(GOOD.replace("id: 1071\n", "id: 1071\nx: " + "[" * 100 + "]" * 100 + "\n")) == []
    # the 101st list opens at column 104 ('x: ' and 100 '['), and holds nothing: '[]'
    assert found(GOOD.replace("id: 1071\n", "id: 1071\nx: " + "[" * 101 + "]" * 101 + "\n")) == [
        ("PL002", 3, 104, 3, 106, TOO_DEEP),
    ]


# -- which *alias a value or a finding points at ----------------------------------------------

BOMB = ("a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n" for previous, name in zip("abc", "bcd")))


@pytest.mark.parametrize("aliases", [1, 3])
def test_an_alias_bomb_is_reported_at_the_alias_whose_value_overflows(aliases):
    # a, b, c and d hold 10, 100, 1,000 and 10,000 x's: 12,349 values; expanding the first *d in f
    # adds 11,111 and passes 20,000 inside it, so that *d (column 5), not a later one, is the place
    text = with_entries(BOMB + "f: [" + ", ".join(["*d"] * aliases) + "]\n")
    assert found(text) == [("PL002", 8, 5, 8, 7, TOO_MANY)]


def test_a_mapping_aliased_twice_points_at_each_alias():
    document = doc(with_entries("a: &a {k: v}\nb: *a\nc: *a\n"))
    mapping = document.front_matter.mapping
    spans = [mapping.first(key).value.span for key in "bc"]
    assert [(document.source.slice(s), s.start_line) for s in spans] == [("*a", 5), ("*a", 6)]
    assert [e.key_text for e in mapping.first("c").value.entries] == ["k"]


def test_an_alias_in_yaml_only_libyaml_reads_still_points_at_itself():
    # a tab after an anchor: the C composer reads it, PyYAML's own parser would not
    if frontmatter._Loader is yaml.SafeLoader:  # without libyaml the tab is an error, reported as such
        assert [p.code for p in doc(with_entries("a: &a\t1\nb: *a\n")).problems] == ["PL002"]
        return
    document = doc(with_entries("a: &a\t1\nb: *a\n"))
    alias = document.front_matter.mapping.first("b").value
    assert (alias.text, document.source.slice(alias.span), alias.span.start_line) == ("1", "*a", 5)


def test_a_sequence_aliased_keeps_its_items():
    document = doc(with_entries("a: &a [x, y]\nb: *a\n"))
    value = document.front_matter.mapping.first("b").value
    assert isinstance(value, YamlSequence)
    assert ([i.text for i in value.items], document.source.slice(value.span)) == (["x", "y"], "*a")


# -- every parse problem names the document it is in ----------------------------------------

DELIMITER = "| :----- | :---------- | :---- | :----------------- | :------------- |"


@pytest.mark.parametrize("change", [
    lambda t: t.split("---\n", 2)[2],  # PL003
    lambda t: t.replace('program_title: "Alignment"\n---\n', 'program_title: "Alignment"\n'),  # PL004
    lambda t: t.replace("id: 1071", "id: [1071"),  # PL002, marked
    lambda t: t.replace("id: 1071", "id: 10\x0771"),  # PL002, a forbidden character
    lambda t: t.replace("id: 1071", "id: \udc80"),  # PL002 from the C loader's encoding error
    lambda t: t.replace("id: 1071\n", "id: 1071\nx: " + "[" * 101 + "]" * 101 + "\n"),  # PL002, too deep
    lambda t: t.replace('id: 1071\nprogram_title: "Alignment"\n', "- a\n"),  # PL005
    lambda t: t.replace("# 1071 - Alignment\n", ""),  # PL006
    lambda t: t.replace("# 1071 - Alignment", "# 1071 Alignment"),  # PL007
    lambda t: t.split("| Folder")[0],  # PL008
    lambda t: t.replace("| Label |", "| Labels |").replace("Science Target |", "Science Target | x |"),  # PL009
    lambda t: t.replace("| Observation | Label |", "| Label | Observation |"),  # PL009, the order
    lambda t: t.replace(" Science Target |", "").replace("| :------------- |", "|"),  # PL009, a column lacking
    lambda t: t.replace(DELIMITER + "\n", ""),  # PL010
    lambda t: t.replace(DELIMITER, DELIMITER + " :-- |"),  # PL010, the cells
    lambda t: t.replace("| a     |", "| a | b |"),  # PL011
    lambda t: t.replace("| a     |", "| a | b | c |"),  # PL011
    lambda t: t.replace("| F      | 1           | a     |", "| F | 1 |"),  # PL011, the Label missing
    lambda t: t.replace("| F      | 1           | a     |", "| | F | 1 | a |"),  # PL011, an empty cell too many
    lambda t: t.replace("| F      | 1           | a     |", "| F | 1 | 1 | a |"),  # PL011, a cell too many
    lambda t: t.replace("| F      | 1           | a     | NIRCam Imaging     | (1) LMC        |", "| F | 1 | a |"),  # PL011
    lambda t: t.replace("| (1) LMC        |\n|        | 2", "| (1) LMC | x | y |\n|        | 2"),  # PL011, two too many
    lambda t: t.replace("| (1) LMC        |\n|        | 2", "| (1) LMC\n|        | 2"),  # PL012
    lambda t: t.replace("|        | 2", "\n|        | 2"),  # PL012, after a blank line
    lambda t: t.replace("|        | 2", "note\n|        | 2"),  # PL012, not a row
    lambda t: t.replace("\n## ABSTRACT", f"\n| Folder | Observation | Label | Observing Template | Science Target |\n{DELIMITER}\n\n## ABSTRACT"),  # PL013
    lambda t: t.replace("## OBSERVATIONS TABLE\n\n| Folder | Observation | Label | Observing Template | Science Target |",
                        "## OBSERVATIONS TABLE\n\nFolder | Observation | Label | Observing Template | Science Target"),  # PL009, pipeless
])
def test_every_parse_problem_names_the_document(change):
    document = parse(Source.from_text("docs/1071.txt", change(GOOD)))
    assert document.problems
    assert [p.path for p in document.problems] == ["docs/1071.txt"] * len(document.problems)


def test_pl001_and_pl015_name_the_document():
    data = GOOD.replace("| a     |", "| \xe9     |").encode("latin-1")
    document = parse(Source.from_bytes("docs/1071.txt", data), max_line_length=40)
    assert [(p.code, p.path) for p in document.problems][:2] == [("PL001", "docs/1071.txt"), ("PL015", "docs/1071.txt")]
