"""schema/fixes.py: the repairs of PL101 (rename an unknown key), PL102 (add
a missing key) and PL103 (drop a repeated key), for the edges mutation
testing (benchmarks/mutation.py) found unpinned.  Each test lints a
triggering document, asserts the finding's place, the fix's message and
whether it is safe, and the text ``--fix --unsafe-fixes`` writes; a near
miss gets no fix and keeps its text."""

from __future__ import annotations

import json

from proglint.config import Config, Layer
from proglint.fix import apply
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import seed_text

BASE = seed_text("1071.txt")


def one(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def repaired(text: str, code: str, schemas=()) -> tuple[list[tuple], str]:
    """(line, column, end column, fix message or None, applicability) of each
    finding of ``code``, and the text with every fix applied."""
    source = Source.from_text("p.txt", text)
    found = [d for d in active(lint(source, Config(layers=(Layer(select=(code,)),), schemas=tuple(schemas)))) if d.code == code]
    places = [
        (d.span.start_line, d.span.start_column, d.span.end_column,
         d.fix.message if d.fix else None, d.fix.applicability if d.fix else None)
        for d in found
    ]
    return places, apply(source, found, unsafe=True)[0]


# -- PL103: a repeated key loses exactly its own lines ------------------------------------------


def test_a_repeated_key_with_the_same_value_is_removed_safely():
    text = one(BASE, 'type: ""\n', 'type: ""\ncycle: "0"\n')
    assert repaired(text, "PL103") == (
        [(11, 1, 6, "remove the repeated 'cycle' (the same value as the first)", "safe")], BASE,
    )


def test_a_repeated_key_with_trailing_spaces_has_the_same_value():
    text = one(BASE, 'type: ""\n', 'type: ""\ncycle: "0"   \n')
    assert repaired(text, "PL103")[0] == [(11, 1, 6, "remove the repeated 'cycle' (the same value as the first)", "safe")]


def test_a_repeated_key_with_another_value_is_removed_unsafely():
    text = one(BASE, 'type: ""\n', 'type: ""\ncycle: "1"\n')
    assert repaired(text, "PL103") == ([(11, 1, 6, "remove the later 'cycle' and its value", "unsafe")], BASE)


def test_a_repeated_block_value_loses_all_its_lines_and_no_more():
    head = 'type: ""\nnotes:\n  - a\n  - b\n'
    text = one(BASE, 'type: ""\n', head + "notes:\n  - a\n  - b\n")
    assert repaired(text, "PL103") == (
        [(14, 1, 6, "remove the repeated 'notes' (the same value as the first)", "safe")],
        one(BASE, 'type: ""\n', head),
    )
    other = one(BASE, 'type: ""\n', head + "notes:\n  - a\n  - c\n")
    assert repaired(other, "PL103") == ([(14, 1, 6, "remove the later 'notes' and its value", "unsafe")],
                                        one(BASE, 'type: ""\n', head))


def test_a_repeated_key_followed_by_a_comment_is_removed_with_it():
    text = one(BASE, 'type: ""\n', 'type: ""\ncycle: "0"  # again\n')
    assert repaired(text, "PL103") == (
        [(11, 1, 6, "remove the repeated 'cycle' (the same value as the first)", "safe")], BASE,
    )


def test_a_repeated_key_after_other_text_on_its_line_gets_no_fix():
    # an explicit key: '? ' stands before it
    text = one(BASE, 'type: ""\n', 'type: ""\n? cycle\n: "0"\n')
    assert repaired(text, "PL103") == ([(11, 3, 8, None, None)], text)


def test_a_repeated_key_with_more_entries_after_its_value_gets_no_fix():
    block = 'type: ""\nnotes: {\n  a: 1,\n  a: 1,\n  b: 2 }\n'
    text = one(BASE, 'type: ""\n', block)
    assert repaired(text, "PL103") == ([(13, 3, 4, None, None)], text)
    commented = 'type: ""\nnotes:\n  a: 1\n  a: 1  # b: 2\n'
    text = one(BASE, 'type: ""\n', commented)
    assert repaired(text, "PL103") == (
        [(13, 3, 4, "remove the repeated 'a' (the same value as the first)", "safe")],
        one(BASE, 'type: ""\n', 'type: ""\nnotes:\n  a: 1\n'),
    )


def test_a_repeated_key_sharing_its_line_with_the_next_entry_gets_no_fix():
    text = one(BASE, 'type: ""\n', 'type: ""\nnotes: {\n  a: 1,\n  a: [1,\n  2], b: 2 }\n')
    assert repaired(text, "PL103") == ([(13, 3, 4, None, None)], text)


def test_a_repeated_key_in_crlf_text():
    text = one(BASE, 'type: ""\n', 'type: ""\ncycle: "1"\n').replace("\n", "\r\n")
    assert repaired(text, "PL103") == (
        [(11, 1, 6, "remove the later 'cycle' and its value", "unsafe")], BASE.replace("\n", "\r\n"),
    )


# -- PL101: an unknown key renamed to the known one it is close to ----------------------------------


def test_an_unknown_key_close_to_a_missing_one_is_renamed():
    text = one(BASE, "program_title:", "programme_title:")
    assert repaired(text, "PL101") == (
        [(9, 1, 16, "rename 'programme_title' to 'program_title'", "unsafe")], BASE,
    )


KEYS = ["id", "proposal_type", "cycle", "exclusive_access_period_months", "instrument_mode", "pi_and_co_pis",
        "prime_parallel_time_hours", "program_title", "type"]
KNOWN = "the known keys are " + ", ".join(KEYS)


def team(tmp_path, key: str):
    """A team schema knowing the nine keys and requiring one more, ``key``, listed first."""
    front = {"properties": {key: {}, **{k: {} for k in KEYS}}, "required": [key], "additionalProperties": False}
    path = tmp_path / "team.schema.json"
    path.write_text(json.dumps({"properties": {"front_matter": front}}), encoding="utf-8")
    return [path]


def test_no_rename_to_a_key_yaml_would_read_otherwise(tmp_path):
    # the program schema's finding (no close key) and the team's (close to its missing key)
    text = one(BASE, 'type: ""\n', 'type: ""\npi_name: x\n')
    assert repaired(text, "PL101", team(tmp_path, "pi name")) == ([(11, 1, 8, None, None), (11, 1, 8, None, None)], text)
    assert repaired(text, "PL101", team(tmp_path, "pi-name")) == (
        [(11, 1, 8, "rename 'pi_name' to 'pi-name'", "unsafe"), (11, 1, 8, None, None)],
        one(BASE, 'type: ""\n', 'type: ""\npi-name: x\n'),
    )


def test_no_added_line_for_a_key_yaml_would_read_otherwise(tmp_path):
    assert repaired(BASE, "PL102", team(tmp_path, "pi name")) == ([(1, 1, 4, None, None)], BASE)
    # the schema lists the key first: its line goes before the first key it lists after it
    assert repaired(BASE, "PL102", team(tmp_path, "pi-name")) == (
        [(1, 1, 4, "add 'pi-name: \"\"'", "unsafe")], one(BASE, "---\nid:", '---\npi-name: ""\nid:'),
    )


# -- PL102: a missing key gets a line of its own --------------------------------------------------


def test_a_missing_key_is_added_before_the_next_key_the_schema_lists():
    text = one(BASE, 'cycle: "0"\n', "")
    assert repaired(text, "PL102") == (
        [(1, 1, 4, "add 'cycle: \"\"'", "unsafe")], one(BASE, 'cycle: "0"\n', 'cycle: ""\n'),
    )


def test_the_last_missing_key_is_added_before_the_closing_line():
    text = one(BASE, 'type: ""\n', "")
    assert repaired(text, "PL102") == ([(1, 1, 4, "add 'type: \"\"'", "unsafe")], BASE)


def test_a_missing_key_is_added_before_the_closing_line_when_no_later_key_is_given():
    text = one(one(BASE, 'program_title: "NIRCam Absolute FGS-NIRCam Alignment"\n', ""), 'type: ""\n', "")
    assert repaired(text, "PL102") == (
        [(1, 1, 4, "add 'program_title: \"\"'", "unsafe"), (1, 1, 4, "add 'type: \"\"'", "unsafe")],
        one(text, "---\n#", 'program_title: ""\n---\n#'),  # both go before '---': one pass applies the first
    )


def test_a_missing_key_in_crlf_text_gets_a_crlf_line():
    text = one(BASE, 'cycle: "0"\n', "").replace("\n", "\r\n")
    assert repaired(text, "PL102")[1] == one(BASE, 'cycle: "0"\n', 'cycle: ""\n').replace("\n", "\r\n")


def test_no_added_line_in_an_indented_front_matter():
    body = BASE.split("---\n")[1]
    indented = "".join("  " + line + "\n" for line in body.splitlines() if not line.startswith("cycle"))
    text = one(BASE, body, indented)
    assert repaired(text, "PL102") == ([(1, 1, 4, None, None)], text)


def test_a_comment_after_an_entry_does_not_stop_the_added_line():
    text = one(one(BASE, 'cycle: "0"\n', ""), 'type: ""\n', 'type: ""  # fine\n')
    assert repaired(text, "PL102") == (
        [(1, 1, 4, "add 'cycle: \"\"'", "unsafe")], one(one(BASE, 'cycle: "0"\n', 'cycle: ""\n'), 'type: ""\n', 'type: ""  # fine\n'),
    )


def test_no_fix_in_a_front_matter_that_is_never_closed():
    # without its closing line the end of the front matter is a guess: nothing is removed or added
    entries = 'id: 1071\ncycle: "0"\ncycle: "0"\n'
    unclosed = "---\n" + entries
    assert repaired(unclosed, "PL103") == ([(4, 1, 6, None, None)], unclosed)
    places, after = repaired(unclosed, "PL102")
    assert len(places) == 7 and {p[3] for p in places} == {None} and after == unclosed
    closed = "---\n" + entries + "...\n# 1071 - T\n"  # '...' closes it too
    assert repaired(closed, "PL103") == (
        [(4, 1, 6, "remove the repeated 'cycle' (the same value as the first)", "safe")], "---\nid: 1071\ncycle: \"0\"\n...\n# 1071 - T\n",
    )
    assert repaired(closed, "PL102")[0][0] == (1, 1, 4, "add 'exclusive_access_period_months: \"\"'", "unsafe")


def test_a_repeated_value_followed_by_a_blank_line_loses_its_lines_not_the_blank():
    # a block value before a blank line ends at the start of the line after it
    head = 'type: ""\nnotes: |\n  a\n\n'
    text = one(BASE, 'type: ""\n', head + "notes: |\n  a\n\n")
    assert repaired(text, "PL103") == (
        [(14, 1, 6, "remove the repeated 'notes' (the same value as the first)", "safe")],
        one(BASE, 'type: ""\n', head + "\n"),
    )
