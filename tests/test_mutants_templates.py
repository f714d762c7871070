"""rules/templates.py (PL501, PL502): the behaviour mutation testing found
unpinned (benchmarks/mutation.py): the did-you-mean budget of one document
(SUGGESTIONS_PER_DOCUMENT different names, a repeated name keeps its
answer), a spacing variant reported as such and not as an alias, and the
fix's title."""

from __future__ import annotations

from proglint.config import Config, Layer
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import line_of, program_document


SUGGESTIONS = 200  # rules/templates.py SUGGESTIONS_PER_DOCUMENT, restated: the test pins the number


def lint_one(text: str, code: str):
    return active(lint(Source.from_text("doc.txt", text), Config(layers=(Layer(select=(code,)),), rule_time_budget=None)))


def found(text: str, code: str) -> list[tuple]:
    return [(d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message) for d in lint_one(text, code)]


def template_cell(text: str, line: int, name: str) -> tuple[int, int, int]:
    column = text.split("\n")[line - 1].index(f"| {name} |") + 3
    return line, column, column + len(name)


def test_past_the_budget_a_new_name_has_no_did_you_mean_and_a_repeated_one_keeps_its_answer():
    names = [f"MIRI Imaging {n}" for n in range(1, SUGGESTIONS + 2)]  # one more than the budget
    rows = [("", n, "x", name, "(1) GD153") for n, name in enumerate(names, 1)]
    rows.append(("", len(names) + 1, "x", names[0], "(1) GD153"))  # the first name again, after the budget is spent
    text = program_document(*rows)
    first = line_of(text, "| MIRI Imaging 1 |")
    got = found(text, "PL501")
    assert len(got) == SUGGESTIONS + 2
    assert got[0] == ("PL501", *template_cell(text, first, names[0]),
                      "'MIRI Imaging 1' is not a known observing template; did you mean 'MIRI Imaging'?")
    assert got[SUGGESTIONS - 1][4] == (f"'MIRI Imaging {SUGGESTIONS}' is not a known observing template; "
                                       "did you mean 'MIRI Imaging'?")
    over = first + SUGGESTIONS
    assert got[SUGGESTIONS] == (
        "PL501", *template_cell(text, over, names[SUGGESTIONS]),
        f"'MIRI Imaging {SUGGESTIONS + 1}' is not a known observing template; write the name as APT shows it "
        "(`proglint explain PL501` says how to add a new one)")
    assert got[SUGGESTIONS + 1] == ("PL501", *template_cell(text, over + 1, names[0]),
                                    "'MIRI Imaging 1' is not a known observing template; did you mean 'MIRI Imaging'?")


def test_up_to_the_budget_every_different_name_gets_a_did_you_mean():
    # near miss of the test above: exactly the budget's worth of names all get a did-you-mean
    rows = [("", n, "x", f"MIRI Imaging {n}", "(1) GD153") for n in range(1, SUGGESTIONS + 1)]
    assert all("did you mean 'MIRI Imaging'?" in f[4] for f in found(program_document(*rows), "PL501"))


def test_a_spacing_variant_is_written_differently_not_an_alias():
    text = program_document(("", 1, "x", "MIRI  Imaging", "(1) GD153"), ("", 2, "x", "miri\timaging", "(1) GD153"))
    first = line_of(text, "| MIRI  Imaging |")
    assert found(text, "PL502") == [
        ("PL502", *template_cell(text, first, "MIRI  Imaging"),
         "'MIRI  Imaging' is written differently from the template 'MIRI Imaging'; write 'MIRI Imaging'"),
        ("PL502", *template_cell(text, first + 1, "miri\timaging"),
         "'miri\timaging' is written differently from the template 'MIRI Imaging'; write 'MIRI Imaging'"),
    ]


def test_the_fix_says_what_it_writes():
    text = program_document(("", 1, "x", "MIRI imaging", "(1) GD153"))
    (diagnostic,) = lint_one(text, "PL502")
    assert diagnostic.fix.message == "write 'MIRI Imaging'"
    assert diagnostic.fix.safe
    (edit,) = diagnostic.fix.edits
    line = line_of(text, "| MIRI imaging |")
    assert (edit.span.start_line, edit.span.start_column, edit.span.end_column, edit.text) == (
        *template_cell(text, line, "MIRI imaging"), "MIRI Imaging")
