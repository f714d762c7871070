"""rules/targets.py (PL320-PL322): the behaviour mutation testing found
unpinned (benchmarks/mutation.py): the suggested free number near the
999 limit, a second number lower than the first, and a case difference
under another number."""

from __future__ import annotations

from conftest import column_of, findings, line_of, program_document


def document(*targets: str) -> str:
    return program_document(*(("", n, f"L{n}", "MIRI Imaging", t) for n, t in enumerate(targets, 1)))


def at_name(text: str, row: int, name: str) -> tuple[int, int, int]:
    line = line_of(text, f"| L{row} |")
    column = column_of(text, line, name)
    return line, column, column + len(name)


def test_the_next_number_after_the_highest_is_suggested_up_to_999():
    text = document("(1) ALPHA", "(998) BRAVO", "(1) ZULU")
    line, column, end = at_name(text, 3, "ZULU")
    first = line_of(text, "| L1 |")
    assert findings(text, "PL320") == [
        (line, column, end, f"target 1 is ALPHA on line {first}, here it names ZULU; give ZULU a number of its own (999 is free)"),
    ]


def test_with_999_used_the_lowest_free_number_is_suggested_never_1000():
    text = document("(2) ALPHA", "(999) BRAVO", "(3) CHARLIE", "(2) ZULU")
    line, column, end = at_name(text, 4, "ZULU")
    first = line_of(text, "| L1 |")
    assert findings(text, "PL320") == [
        (line, column, end, f"target 2 is ALPHA on line {first}, here it names ZULU; give ZULU a number of its own (1 is free)"),
    ]


def test_a_second_number_lower_than_the_first_is_reported_too():
    text = document("(2) ALPHA", "(2) ALPHA", "(1) ALPHA", "(3) BRAVO")
    line = line_of(text, "| L3 |")
    column = column_of(text, line, "(1)") + 1
    first = line_of(text, "| L1 |")
    assert findings(text, "PL321") == [
        (line, column, column + 1, f"ALPHA is target 2 on line {first}, here it is numbered 1; one target has one number"),
    ]


def test_a_second_number_higher_than_the_first():
    text = document("(1) ALPHA", "(1) ALPHA", "(2) ALPHA", "(3) BRAVO")
    line = line_of(text, "| L3 |")
    column = column_of(text, line, "(2)") + 1
    first = line_of(text, "| L1 |")
    assert findings(text, "PL321") == [
        (line, column, column + 1, f"ALPHA is target 1 on line {first}, here it is numbered 2; one target has one number"),
    ]


def test_a_case_difference_under_the_same_number_is_pl322():
    text = document("(1) GD153", "(1) gd153")
    line, column, end = at_name(text, 2, "gd153")
    first = line_of(text, "| L1 |")
    assert findings(text, "PL322") == [
        (line, column, end, f"target 1 is written GD153 on line {first}, here gd153; write it GD153 everywhere, as in APT's target list"),
    ]


def test_a_case_difference_under_another_number_is_not_pl322_but_pl321():
    text = document("(1) GD153", "(2) gd153")
    assert findings(text, "PL322") == []
    line = line_of(text, "| L2 |")
    column = column_of(text, line, "(2)") + 1
    assert [f[:3] for f in findings(text, "PL321")] == [(line, column, column + 1)]


def test_with_every_number_used_no_free_number_is_suggested():
    text = document(*(f"({n}) T{n}" for n in range(1, 1000)), "(1) ZULU")
    line, column, end = at_name(text, 1000, "ZULU")
    first = line_of(text, "| L1 |")
    assert findings(text, "PL320") == [(line, column, end, f"target 1 is T1 on line {first}, here it names ZULU")]
    # and no fix: --fix has no number to write (a fix that is not a Fix would break it)
    from conftest import diagnostics

    assert [d.fix for d in diagnostics(text, "PL320")] == [None]


def test_a_number_belongs_to_the_name_most_of_its_rows_write():
    text = document("(1) ZULU", "(1) ALPHA", "(1) ALPHA")
    line, column, end = at_name(text, 1, "ZULU")
    second = line_of(text, "| L2 |")
    assert findings(text, "PL320") == [
        (line, column, end, f"target 1 is ALPHA on line {second}, here it names ZULU; give ZULU a number of its own (2 is free)"),
    ]


def test_a_name_belongs_to_the_number_most_of_its_rows_carry():
    text = document("(2) ALPHA", "(1) ALPHA", "(1) ALPHA")
    line = line_of(text, "| L1 |")
    column = column_of(text, line, "(2)") + 1
    second = line_of(text, "| L2 |")
    assert findings(text, "PL321") == [
        (line, column, column + 1, f"ALPHA is target 1 on line {second}, here it is numbered 2; one target has one number"),
    ]


def did_you_mean(text: str, row: int, name: str, first: str) -> tuple:
    line, column, end = at_name(text, row, name)
    return (line, column, end, f"did you mean {first}? target 1 is {first} on line {line_of(text, '| L1 |')}, here it is written {name}")


def test_a_name_that_differs_only_in_separators_gets_did_you_mean():
    text = document("(1) WASP-39", "(1) WASP 39", "(2) BRAVO", "(2) ZULU")
    line, column, end = at_name(text, 4, "ZULU")
    assert findings(text, "PL320") == [
        did_you_mean(text, 2, "WASP 39", "WASP-39"),
        (line, column, end, f"target 2 is BRAVO on line {line_of(text, '| L3 |')}, here it names ZULU; "
         "give ZULU a number of its own (3 is free)"),
    ]


def test_did_you_mean_points_at_the_first_name_and_covers_the_misspelt_one():
    from proglint.config import Config, Layer
    from proglint.pipeline import active, lint
    from proglint.source import Source

    text = document("(1) WASP-39", "(1) WASP 39")
    found = active(lint(Source.from_text("doc.txt", text), Config(layers=(Layer(select=("PL320", "PL310")),))))
    assert [d.code for d in found] == ["PL320"]  # APT's naming rule (PL310) would report "WASP 39" again
    (related,) = found[0].related
    line, column, end = at_name(text, 1, "WASP-39")
    assert (related.span.start_line, related.span.start_column, related.span.end_column, related.message) == (
        line, column, end, "target 1 is WASP-39 here")


def test_four_characters_are_enough_for_did_you_mean():
    text = document("(1) ABCD", "(1) ABCDE")
    assert findings(text, "PL320") == [did_you_mean(text, 2, "ABCDE", "ABCD")]


def test_three_characters_are_too_few_for_did_you_mean():
    text = document("(1) ABC", "(1) ABCD")
    line, column, end = at_name(text, 2, "ABCD")
    assert findings(text, "PL320") == [
        (line, column, end, f"target 1 is ABC on line {line_of(text, '| L1 |')}, here it names ABCD; "
         "give ABCD a number of its own (2 is free)"),
    ]


def test_four_of_five_characters_in_common_is_close_enough():
    text = document("(1) ABCDE", "(1) ABCDX")  # ratio 0.8 exactly
    assert findings(text, "PL320") == [did_you_mean(text, 2, "ABCDX", "ABCDE")]


def test_names_less_alike_are_other_targets():
    text = document("(1) ABCDE", "(1) ABXYE")  # ratio 0.6
    assert [f[3].startswith("target 1 is ABCDE") for f in findings(text, "PL320")] == [True]


def test_rows_without_a_numbered_name_do_not_stop_the_checks():
    text = document("NONE", "(3)", "(1) ALPHA", "(1) ZULU")
    line, column, end = at_name(text, 4, "ZULU")
    assert findings(text, "PL320") == [
        (line, column, end, f"target 1 is ALPHA on line {line_of(text, '| L3 |')}, here it names ZULU; "
         "give ZULU a number of its own (2 is free)"),
    ]


def ordinal_in(message: str) -> str:
    return message.split(" is the ")[1].split(" target")[0]


def test_pl324_writes_english_ordinals():
    # every target numbered one more than its place: each is reported with its place
    text = document(*(f"({place + 1}) T{place}" for place in range(1, 124)))
    from conftest import findings as positioned

    ordinals = {int(f[3].split(" is the ")[0][1:]): ordinal_in(f[3]) for f in positioned(text, "PL324")}
    expected = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 10: "10th", 11: "11th", 12: "12th", 13: "13th", 20: "20th",
                21: "21st", 22: "22nd", 23: "23rd", 101: "101st", 111: "111th", 112: "112th", 113: "113th",
                120: "120th", 121: "121st", 122: "122nd", 123: "123rd"}
    assert {place: ordinals[place] for place in expected} == expected


def test_a_row_whose_number_names_another_target_does_not_stop_pl321_and_pl322():
    text = document("(1) ALPHA", "(1) ZULU", "(2) ALPHA", "(3) GD153", "(3) gd153")
    first = line_of(text, "| L1 |")
    line = line_of(text, "| L3 |")
    column = column_of(text, line, "(2)") + 1
    assert findings(text, "PL321") == [
        (line, column, column + 1, f"ALPHA is target 1 on line {first}, here it is numbered 2; one target has one number"),
    ]
    name_line, name_column, name_end = at_name(text, 5, "gd153")
    assert [f[:3] for f in findings(text, "PL322")] == [(name_line, name_column, name_end)]


def related_of(text: str, code: str) -> list:
    from proglint.config import Config, Layer
    from proglint.pipeline import active, lint
    from proglint.source import Source

    found = active(lint(Source.from_text("doc.txt", text), Config(layers=(Layer(select=(code,)),))))
    return [[(r.span.start_line, r.span.start_column, r.span.end_column, r.message) for r in d.related] for d in found]


def test_pl321_and_pl322_point_at_the_first_use():
    text = document("(1) ALPHA", "(2) ALPHA")
    line = line_of(text, "| L1 |")
    column = column_of(text, line, "(1)") + 1
    assert related_of(text, "PL321") == [[(line, column, column + 1, "ALPHA is numbered 1 here")]]
    text = document("(1) GD153", "(1) gd153")
    assert related_of(text, "PL322") == [[(*at_name(text, 1, "GD153"), "target 1 is first written GD153 here")]]


def test_a_row_without_a_target_cell_stops_no_target_rule():
    from proglint.config import Config, Layer
    from proglint.pipeline import active, lint
    from proglint.source import Source

    text = program_document(("", 1, "L1", "MIRI Imaging", "(1) ALPHA"), ("", 3, "L3", "MIRI Imaging", "(1) ZULU"))
    text = text.replace("| L3 |", "| L2 | MIRI Imaging |\n|  | 3 | L3 |", 1).replace("|  | 3 | L2 |", "|  | 2 | L2 |")
    line, column, end = at_name(text, 3, "ZULU")
    found = active(lint(Source.from_text("doc.txt", text), Config(layers=(Layer(select=("PL320", "PL321", "PL322", "PL323")),), rule_time_budget=None)))
    assert [(d.code, d.span.start_line, d.span.start_column, d.span.end_column) for d in found] == [
        ("PL320", line, column, end),
    ]


def test_none_under_a_template_that_takes_none_does_not_stop_pl323():
    text = program_document(("", 1, "L1", "MIRI Dark", "NONE"), ("", 2, "L2", "MIRI Imaging", "NONE"))
    line = line_of(text, "| L2 |")
    column = column_of(text, line, "NONE")
    assert [f[:3] for f in findings(text, "PL323")] == [(line, column, column + 4)]


def fixes(text: str, code: str) -> list[tuple]:
    """(line, column, the fix's message, its edits as (line, column, end column, new text), applicability)"""
    from conftest import diagnostics

    return [
        (d.span.start_line, d.span.start_column, d.fix.message,
         tuple((e.span.start_line, e.span.start_column, e.span.end_column, e.text) for e in d.fix.edits),
         d.fix.applicability)
        for d in diagnostics(text, code)
        if d.fix is not None
    ]


def test_each_name_without_a_number_is_offered_its_own_free_number():
    text = document("(1) ALPHA", "(1) ALPHA", "(1) ZULU", "(1) YANKEE", "(1) ZULU")
    first = line_of(text, "| L1 |")
    expected = []
    for row, name, free in ((3, "ZULU", 2), (4, "YANKEE", 3), (5, "ZULU", 2)):
        line, column, end = at_name(text, row, name)
        expected.append((line, column, end, f"target 1 is ALPHA on line {first}, here it names {name}; "
                         f"give {name} a number of its own ({free} is free)"))
    assert findings(text, "PL320") == expected
    number_column = column_of(text, line_of(text, "| L3 |"), "(1)") + 1
    assert [(f[0], f[2], f[3][0][1:], f[4]) for f in fixes(text, "PL320")] == [
        (line_of(text, "| L3 |"), "renumber it 2", (number_column, number_column + 1, "2"), "unsafe"),
        (line_of(text, "| L4 |"), "renumber it 3", (number_column, number_column + 1, "3"), "unsafe"),
        (line_of(text, "| L5 |"), "renumber it 2", (number_column, number_column + 1, "2"), "unsafe"),
    ]


def test_the_fixes_renumber_or_respell_at_the_cell_they_change():
    # PL320 with the name's own number, PL320 did-you-mean, PL321, PL322: each fix edits its own cell
    text = document("(1) ALPHA", "(1) ALPHA", "(2) BRAVO", "(1) BRAVO", "(1) ALPHAA", "(3) ALPHA", "(2) bravo")
    def number_at(row: int, written: str) -> tuple:
        line = line_of(text, f"| L{row} |")
        column = column_of(text, line, written) + 1
        return line, column

    line4, column4 = number_at(4, "(1)")
    line5 = line_of(text, "| L5 |")
    name5 = column_of(text, line5, "ALPHAA")
    line6, column6 = number_at(6, "(3)")
    line7 = line_of(text, "| L7 |")
    name7 = column_of(text, line7, "bravo")
    assert fixes(text, "PL320") == [
        (line4, column_of(text, line4, "BRAVO"), "renumber it 2", ((line4, column4, column4 + 1, "2"),), "unsafe"),
        (line5, name5, "write ALPHA", ((line5, name5, name5 + 6, "ALPHA"),), "unsafe"),
    ]
    assert fixes(text, "PL321") == [(line6, column6, "renumber it 1", ((line6, column6, column6 + 1, "1"),), "unsafe")]
    assert fixes(text, "PL322") == [(line7, name7, "write BRAVO", ((line7, name7, name7 + 5, "BRAVO"),), "safe")]


def test_pl323_goes_on_past_rows_it_does_not_judge():
    rows = [
        ("", 1, "L1", "MIRI Imaging", "(1) ALPHA"),  # a target
        ("", 2, "L2", "MIRI Dark", "NONE"),  # a template without a target
        ("", 3, "L3", "Unknown Template", "NONE"),  # no template the vocabulary knows
        ("", 4, "L4", "MIRI Imaging", "NONE"),
    ]
    text = program_document(*rows)
    line = line_of(text, "| L4 |")
    column = column_of(text, line, "NONE")
    assert findings(text, "PL323") == [
        (line, column, column + 4, "MIRI Imaging observes a target, so the Science Target cannot be NONE; write it as "
         "(N) NAME (only templates without a target, such as NIRSpec Internal Lamp, take NONE)"),
    ]
