"""``--fix``'s choices, pinned where mutation testing found them loose: which
fixes one pass takes (safe, unsafe, suppressed, overlapping, touching), when
a fix waits because the parser could not read its text, how many passes
run, what ``--show-fixes`` lists, the unified diff, and PL902.

Most cases drive :func:`proglint.fix.fix_until_stable` / :func:`apply` with
findings made by hand (the fixer only reads their spans and fixes), so each
case says exactly which edits compete; the rest run ``--fix`` in-process and
look at the file on disk and the findings printed.
"""

from __future__ import annotations

from proglint.cli import main
from proglint.diagnostic import Diagnostic, Edit, Fix, Severity, Suppression
from proglint.fix import MAX_PASSES, Fixed, apply, fix_until_stable, unified_diff, write
from proglint.source import Source
from proglint.span import Span

from conftest import seed_text

SEED = seed_text()  # six 'MIRI imaging' cells: PL502 fixes their case
FIXED = SEED.replace("| MIRI imaging   ", "| MIRI Imaging   ")


def finding(span: Span, *edits: tuple[Span, str], code: str = "PL999", safe: bool = True, suppressed: bool = False,
            covers: tuple = (), message: str = "fix it") -> Diagnostic:
    fix = Fix(message, tuple(Edit(s, t) for s, t in edits), "safe" if safe else "unsafe") if edits else None
    suppression = Suppression("disable-line", None, Span(1, 1, 1, 2)) if suppressed else None
    return Diagnostic(code, f"name-{code}", Severity.ERROR, "m", span, "p.txt", fix, (), suppression, covers)


def replace(line: int, start: int, end: int, text: str, **options) -> Diagnostic:
    span = Span(line, start, line, end)
    return finding(span, (span, text), **options)


def applied(text: str, *found: Diagnostic, unsafe: bool = False) -> tuple[str, int]:
    source = Source.from_text("p.txt", text)
    return apply(source, list(found), unsafe=True) if unsafe else apply(source, list(found))  # the default: safe only


# -- one pass: which fixes are taken -------------------------------------------


def test_a_suppressed_finding_is_not_fixed():
    assert applied("abcdef\n", replace(1, 1, 2, "X", suppressed=True), replace(1, 3, 4, "Y")) == ("abYdef\n", 1)


def test_an_unsafe_fix_needs_unsafe_fixes():
    assert applied("abcdef\n", replace(1, 1, 2, "X", safe=False), replace(1, 3, 4, "Y")) == ("abYdef\n", 1)
    assert applied("abcdef\n", replace(1, 1, 2, "X", safe=False), replace(1, 3, 4, "Y"), unsafe=True) == ("XbYdef\n", 2)


def test_a_finding_without_a_fix_is_passed_over():
    assert applied("abcdef\n", finding(Span(1, 1, 1, 2)), replace(1, 1, 2, "X")) == ("Xbcdef\n", 1)


def test_edits_that_only_meet_are_both_applied():
    # [1, 3) and [3, 5): they share an end, not a character
    assert applied("abcdef\n", replace(1, 1, 3, "XY"), replace(1, 3, 5, "Z")) == ("XYZef\n", 2)
    assert applied("abcdef\n", replace(1, 3, 5, "Z"), replace(1, 1, 3, "XY")) == ("XYZef\n", 2)


def test_overlapping_edits_keep_the_first_in_either_order():
    assert applied("abcdef\n", replace(1, 2, 4, "Z"), replace(1, 1, 3, "XY")) == ("aZdef\n", 1)
    assert applied("abcdef\n", replace(1, 1, 5, "Z"), replace(1, 2, 3, "Y")) == ("Zef\n", 1)
    assert applied("abcdef\n", replace(1, 2, 3, "Y"), replace(1, 1, 5, "Z")) == ("aYcdef\n", 1)


def test_a_fix_overlapping_any_fix_taken_before_it_waits():
    # the third overlaps the first, not the second: every fix taken so far is looked at
    assert applied("abcdef\n", replace(1, 1, 3, "X"), replace(1, 4, 5, "Y"), replace(1, 2, 3, "Z")) == ("XcYef\n", 2)


def test_two_insertions_at_one_place_wait_one_for_the_other():
    assert applied("abcdef\n", replace(1, 3, 3, "X"), replace(1, 3, 3, "Y")) == ("abXcdef\n", 1)


def test_an_insertion_at_the_start_of_a_replacement_waits_but_one_at_its_end_does_not():
    assert applied("abcdef\n", replace(1, 3, 5, "Z"), replace(1, 3, 3, "X")) == ("abZef\n", 1)
    assert applied("abcdef\n", replace(1, 3, 5, "Z"), replace(1, 5, 5, "X")) == ("abZXef\n", 2)
    assert applied("abcdef\n", replace(1, 3, 5, "Z"), replace(1, 4, 4, "X")) == ("abZef\n", 1)


def test_a_fix_of_several_edits_is_taken_whole_or_not_at_all():
    both = finding(Span(1, 1, 1, 2), (Span(1, 1, 1, 2), "X"), (Span(2, 1, 2, 2), "Y"))
    assert applied("ab\ncd\n", replace(2, 1, 3, "Z"), both) == ("ab\nZ\n", 1)
    assert applied("ab\ncd\n", both, replace(1, 2, 3, "Q")) == ("XQ\nYd\n", 2)


def test_edits_of_different_lengths_land_where_they_were_computed():
    text = "one two three\nfour\n"
    found = [replace(1, 1, 4, "1"), replace(1, 5, 8, "2222"), replace(1, 9, 14, ""), replace(2, 1, 5, "4")]
    assert applied(text, *found) == ("1 2222 \n4\n", 4)
    assert applied(text, *reversed(found)) == ("1 2222 \n4\n", 4)


def test_an_edit_across_lines():
    span = Span(1, 3, 3, 2)
    assert applied("ab\ncd\nef\n", finding(span, (span, "-"))) == ("ab-f\n", 1)


def test_edits_of_one_fix_at_one_place_land_in_the_order_the_fix_lists_them():
    """As a language server client applies the same fix (LSP: the order in
    the array is the order the inserted strings appear in) and as ruff does."""
    at = Span(1, 3, 1, 3)
    assert applied("abcdef\n", finding(at, (at, "X"), (at, "Y"))) == ("abXYcdef\n", 1)
    assert applied("abcdef\n", finding(at, (at, "Y"), (at, "X"))) == ("abYXcdef\n", 1)
    # an insertion at the start of a replacement comes before it, whichever is listed first
    cell = Span(1, 3, 1, 5)
    assert applied("abcdef\n", finding(cell, (at, "Z"), (cell, "A"))) == ("abZAef\n", 1)
    assert applied("abcdef\n", finding(cell, (cell, "A"), (at, "Z"))) == ("abZAef\n", 1)
    # ... and one at its end after it
    after = Span(1, 5, 1, 5)
    assert applied("abcdef\n", finding(cell, (after, "Z"), (cell, "A"))) == ("abAZef\n", 1)


# -- a fix into text the parser could not read waits ---------------------------


def fixes_of(*found: Diagnostic):
    """A lint that offers the same findings until their fixes are applied:
    each finding is offered while the text still holds what it replaces."""
    def lint(source: Source) -> list[Diagnostic]:
        return [d for d in found if d.fix is None or all(source.slice(e.span) != e.text for e in d.fix.edits)]
    return lint


def test_a_fix_inside_a_covered_region_waits_and_keeps_the_file():
    problem = finding(Span(2, 1, 2, 4), code="PL011", covers=(Span(2, 1, 2, 4),))
    fixed = fix_until_stable(Source.from_text("p.txt", "ab\ncd\nef\n"), fixes_of(problem, replace(2, 2, 3, "X", code="PL502")))
    assert fixed.ambiguous == (
        "the PL502 fix at line 2 edits line 2, which the parser could not read (PL011 at line 2, column 1)"
    )
    assert (fixed.source.text, fixed.applied, fixed.fixes) == ("ab\ncd\nef\n", 0, ())


def test_an_ambiguous_fix_waits_while_the_others_are_applied():
    problem = finding(Span(2, 3, 2, 4), code="PL007")  # no covers: its lines, 2 to 3
    found = [problem, replace(1, 1, 2, "A", code="PL502"), replace(3, 1, 2, "Q", code="PL101"),
             replace(2, 1, 2, "X", code="PL220")]
    fixed = fix_until_stable(Source.from_text("p.txt", "ab\ncd\nef\n"), fixes_of(*found))
    assert fixed.source.text == "Ab\ncd\nQf\n"
    assert fixed.applied == 2
    assert [(a.code, a.line, a.column) for a in fixed.fixes] == [("PL502", 1, 1), ("PL101", 3, 1)]  # what --show-fixes lists
    assert fixed.ambiguous == (
        "the PL220 fix at line 2 edits line 2, which the parser could not read (PL007 at line 2, column 3)"
    )


def test_the_first_ambiguous_fix_is_the_one_named():
    problem = finding(Span(1, 1, 2, 3), code="PL011", covers=(Span(1, 1, 1, 3), Span(2, 1, 2, 3)))
    found = [problem, replace(1, 1, 2, "X", code="PL502"), replace(2, 1, 2, "Y", code="PL503")]
    fixed = fix_until_stable(Source.from_text("p.txt", "ab\ncd\n"), fixes_of(*found))
    assert fixed.ambiguous == (
        "the PL502 fix at line 1 edits line 1, which the parser could not read (PL011 at line 1, column 1)"
    )


def test_a_parse_problems_own_fix_is_its_repair_not_ambiguous():
    problem = finding(Span(2, 1, 2, 3), (Span(2, 1, 2, 1), "| "), code="PL011", covers=(Span(2, 1, 2, 3),))

    def lint(source: Source) -> list[Diagnostic]:
        return [problem] if source.text == "ab\ncd\n" else []

    fixed = fix_until_stable(Source.from_text("p.txt", "ab\ncd\n"), lint)
    assert (fixed.source.text, fixed.applied, fixed.ambiguous) == ("ab\n| cd\n", 1, None)


def test_only_parse_problems_make_a_fix_wait():
    other = finding(Span(1, 1, 1, 3), code="PL101", covers=(Span(1, 1, 1, 3),))
    fixed = fix_until_stable(Source.from_text("p.txt", "ab\n"), fixes_of(other, replace(1, 1, 2, "X")))
    assert (fixed.source.text, fixed.ambiguous) == ("Xb\n", None)


def test_an_unsafe_or_suppressed_fix_in_unreadable_text_does_not_hold_the_file():
    problem = finding(Span(1, 1, 1, 3), code="PL011", covers=(Span(1, 1, 1, 3),))
    found = [problem, replace(1, 1, 2, "X", safe=False), replace(1, 2, 3, "Y", suppressed=True), replace(2, 1, 2, "Z")]
    fixed = fix_until_stable(Source.from_text("p.txt", "ab\ncd\n"), fixes_of(*found))
    assert (fixed.source.text, fixed.ambiguous) == ("ab\nZd\n", None)
    fixed = fix_until_stable(Source.from_text("p.txt", "ab\ncd\n"), fixes_of(*found), unsafe=True)
    assert fixed.source.text == "ab\nZd\n"
    assert fixed.ambiguous == "the PL999 fix at line 1 edits line 1, which the parser could not read (PL011 at line 1, column 1)"


def waits(region: Span, edit: Span) -> bool:
    problem = finding(region, code="PL011", covers=(region,))
    text = "abcdef\nghijkl\nmnopqr\n"
    # the fix comes before the problem in the findings: every finding is looked through
    return fix_until_stable(Source.from_text("p.txt", text), fixes_of(finding(edit, (edit, "X")), problem)).ambiguous is not None


def test_which_edits_touch_a_region():
    region = Span(2, 2, 2, 5)  # "hij"
    assert waits(region, Span(2, 2, 2, 2))  # an insertion at its start
    assert waits(region, Span(2, 4, 2, 4))  # inside
    assert not waits(region, Span(2, 5, 2, 5))  # at its end: after it
    assert not waits(region, Span(2, 1, 2, 1))  # before it
    assert waits(region, Span(2, 1, 2, 3))  # a replacement overlapping its start
    assert waits(region, Span(2, 4, 2, 7))  # ... its end
    assert not waits(region, Span(2, 1, 2, 2))  # ending where it starts
    assert not waits(region, Span(2, 5, 2, 7))  # starting where it ends
    assert waits(region, Span(1, 3, 3, 2))  # around it
    assert not waits(region, Span(1, 1, 1, 7))  # another line
    assert not waits(region, Span(3, 1, 3, 3))


def test_without_covers_a_problem_holds_its_whole_lines():
    problem = finding(Span(2, 3, 2, 4), code="PL007")
    text = "abcdef\nghijkl\nmnopqr\n"

    def ambiguous(edit: Span) -> bool:
        return fix_until_stable(Source.from_text("p.txt", text), fixes_of(problem, finding(edit, (edit, "X")))).ambiguous is not None

    assert ambiguous(Span(2, 1, 2, 1)) and ambiguous(Span(2, 7, 2, 7))
    assert not ambiguous(Span(3, 1, 3, 1)) and not ambiguous(Span(1, 6, 1, 7))


# -- passes ----------------------------------------------------------------------


def test_fixing_stops_after_max_passes():
    def endless(source: Source) -> list[Diagnostic]:  # always one more "x" to add
        end = source.lines.line_count
        return [finding(Span(end, 1, end, 1), (Span(end, 1, end, 1), "x"))]

    fixed = fix_until_stable(Source.from_text("p.txt", ""), endless)
    assert MAX_PASSES == 10
    assert (fixed.source.text, fixed.applied, len(fixed.fixes)) == ("x" * 10, 10, 10)


def test_a_fix_that_changes_nothing_ends_the_passes():
    def same(source: Source) -> list[Diagnostic]:
        return [replace(1, 1, 2, "a"), finding(Span(1, 1, 1, 2))]

    fixed = fix_until_stable(Source.from_text("p.txt", "ab\n"), same)
    assert (fixed.source.text, fixed.applied, fixed.fixes, fixed.ambiguous) == ("ab\n", 0, (), None)


def test_what_show_fixes_lists_in_order_pass_by_pass():
    def lint(source: Source) -> list[Diagnostic]:
        if source.text == "ab\ncd\n":
            return [
                replace(2, 1, 2, "C", code="PL502", message="capitalise"),
                replace(1, 2, 3, "B", code="PL220", safe=False, message="renumber"),
                replace(1, 1, 2, "A", code="PL503", message="first"),
                replace(2, 2, 3, "D", code="PL101", message="same place as"),
            ]
        if source.text == "AB\nCD\n":
            return [replace(1, 1, 3, "x", code="PL001", message="second pass")]
        return []

    fixed = fix_until_stable(Source.from_text("p.txt", "ab\ncd\n"), lint, unsafe=True)
    assert fixed.source.text == "x\nCD\n"
    assert fixed.applied == 5
    assert [(a.code, a.name, a.line, a.column, a.message, a.safe) for a in fixed.fixes] == [
        ("PL503", "name-PL503", 1, 1, "first", True),
        ("PL220", "name-PL220", 1, 2, "renumber", False),
        ("PL502", "name-PL502", 2, 1, "capitalise", True),
        ("PL101", "name-PL101", 2, 2, "same place as", True),
        ("PL001", "name-PL001", 1, 1, "second pass", True),
    ]


def test_findings_at_one_place_are_listed_by_code():
    def lint(source: Source) -> list[Diagnostic]:
        if source.text != "abc\n":
            return []
        at = Span(1, 1, 1, 1)
        return [finding(at, (Span(1, 3, 1, 4), "Z"), code="PL300"), finding(at, (Span(1, 1, 1, 2), "A"), code="PL200")]

    fixed = fix_until_stable(Source.from_text("p.txt", "abc\n"), lint)
    assert [a.code for a in fixed.fixes] == ["PL200", "PL300"]


def test_the_fixed_source_keeps_its_path_bom_and_newlines():
    source = Source.from_text("dir/p.txt", "\ufeffab\r\ncd\r\n")

    def lint(candidate: Source) -> list[Diagnostic]:
        return [replace(1, 1, 2, "A")] if candidate.text.startswith("a") else []

    fixed = fix_until_stable(source, lint).source
    assert (fixed.path, fixed.text, fixed.bom, fixed.newline) == ("dir/p.txt", "Ab\r\ncd\r\n", True, "\r\n")
    assert fixed.encode() == b"\xef\xbb\xbfAb\r\ncd\r\n"


# -- writing -----------------------------------------------------------------------


def test_write_replaces_the_file_it_read(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(b"ab\n")
    fixed = Fixed(Source.from_text(str(path), "Ab\n"), 1)
    assert write(fixed, b"ab\n") is None
    assert path.read_bytes() == b"Ab\n"


def test_write_leaves_a_file_that_changed_since_it_was_read(tmp_path):
    path = tmp_path / "p.txt"
    path.write_bytes(b"someone else's\n")
    fixed = Fixed(Source.from_text(str(path), "Ab\n"), 3)
    problem = write(fixed, b"ab\n")
    assert path.read_bytes() == b"someone else's\n"
    assert (problem.code, problem.name, problem.severity, problem.span, problem.path) == (
        "PL902", "fix-not-written", Severity.ERROR, Span(1, 1, 1, 1), str(path),
    )
    assert problem.message == (
        "the file changed on disk while proglint ran, so its 3 fix(es) were not written; run proglint --fix again"
    )


def test_fix_through_the_command_line_writes_and_reports_what_is_left(tmp_path, capsys):
    path = tmp_path / "p.txt"
    path.write_text(SEED, encoding="utf-8")
    assert main([str(path), "--extend-select", "PL502", "--fix", "--no-cache", "--format", "concise"]) == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert capsys.readouterr().out == ""


# -- the unified diff --------------------------------------------------------------


def test_the_diff_of_a_small_change():
    source = Source.from_text("dir\\p.txt", "one\ntwo\nthree\n")
    assert unified_diff(source, "one\n2\nthree\n") == (
        "--- a/dir/p.txt\n+++ b/dir/p.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n"
    )


def test_the_diff_marks_a_last_line_without_a_newline():
    source = Source.from_text("p.txt", "one\ntwo")
    assert unified_diff(source, "one\nTWO") == (
        "--- a/p.txt\n+++ b/p.txt\n@@ -1,2 +1,2 @@\n one\n-two\n\\ No newline at end of file\n"
        "+TWO\n\\ No newline at end of file\n"
    )


def test_the_diff_keeps_crlf_cr_and_the_bom():
    source = Source.from_text("p.txt", "\ufeffone\r\ntwo\rthree\n")
    assert unified_diff(source, "one\r\nTWO\rthree\n") == (
        "--- a/p.txt\n+++ b/p.txt\n@@ -1,3 +1,3 @@\n \ufeffone\r\n-two\r+TWO\r three\n"
    )


def test_the_diff_splits_lines_only_at_newlines():
    source = Source.from_text("p.txt", "a\x0cb\u2028c\nd\n")
    assert unified_diff(source, "a\x0cb\u2028c\nD\n") == (
        "--- a/p.txt\n+++ b/p.txt\n@@ -1,2 +1,2 @@\n a\x0cb\u2028c\n-d\n+D\n"
    )


def test_no_change_no_diff():
    assert unified_diff(Source.from_text("p.txt", "a\n"), "a\n") == ""
