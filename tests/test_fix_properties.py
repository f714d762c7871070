"""Properties of ``--fix --unsafe-fixes`` over generated faulty documents.

A clean generated document (``benchmarks/generate.py``) gets a few of the
faults the fixes repair, drawn at random: a non-canonical URL, wrong ids
and title in the heading and URL, a template or target in another case, a
duplicate observation number, a target number naming two targets, a name
with two numbers, a misspelt, repeated or missing front-matter key, a '|'
inside a Label, a row without its closing '|', no URL at all.  Then:

* fixing until stable leaves no finding at all (each fixed finding is gone
  and none appears), and fixing again changes nothing;
* nothing outside the faults' own lines changes: every other line is the
  generated one, character for character; a fault that the document
  undoes exactly (a case, an id, a key's spelling) is undone exactly, and
  one it cannot (a renumbered row) changes only the number it must;
* the newline style is kept.
"""

from __future__ import annotations

import difflib
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from hypothesis import assume, given, settings, strategies as st

from proglint.config import Config, Layer
from proglint.fix import fix_until_stable
from proglint.pipeline import active, lint
from proglint.source import Source

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.generate import generate_document  # noqa: E402

CONFIG = Config(layers=(Layer(extend_select=("PL502",)),))  # template spelling is off by default

KEYS = ("proposal_type", "cycle", "exclusive_access_period_months", "instrument_mode", "pi_and_co_pis",
        "prime_parallel_time_hours", "type")  # id and program_title: an empty one is an error of its own


def run(text: str) -> list:
    return active(lint(Source.from_text("p.txt", text), CONFIG))


def fix(text: str) -> str:
    return fix_until_stable(Source.from_text("p.txt", text), lambda s: lint(s, CONFIG), unsafe=True).source.text


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")[1:-1]]


def with_cell(line: str, column: int, content: str) -> str:
    """The row with one cell's content replaced, its padding kept."""
    parts = line.split("|")
    raw = parts[column + 1]
    left = raw[: len(raw) - len(raw.lstrip())]
    parts[column + 1] = left + content + raw[len(left) + len(raw.strip()) :]
    return "|".join(parts)


def only_cell_differs(original: str, column: int) -> Callable[[str], bool]:
    """A row that is the original but for a new number in one column."""
    def check(line: str) -> bool:
        a, b = cells(original), cells(line)
        if column == 4:
            number = b[4].partition(")")[0].lstrip("(")
            return b[:4] == a[:4] and number.isdigit() and with_cell(original, 4, b[4]) == line
        return b[:1] + b[2:] == a[:1] + a[2:] and b[1].isdigit() and with_cell(original, 1, b[1]) == line
    return check


@dataclass
class Faulty:
    """The document being broken: each line with the index of the
    generated line it stands for (None for an inserted one), and what
    each generated line must be after the fixes (its own text, unless a
    fault says otherwise)."""

    original: list[str]
    lines: list[tuple[int | None, str]] = field(default_factory=list)
    expected: dict[int, str | Callable[[str], bool]] = field(default_factory=dict)
    used_rows: set[int] = field(default_factory=set)
    used_keys: set[str] = field(default_factory=set)
    faults: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.lines = list(enumerate(self.original))

    def at(self, index: int) -> int:
        return next(i for i, (o, _) in enumerate(self.lines) if o == index)

    def set(self, index: int, text: str) -> None:
        self.lines[self.at(index)] = (index, text)

    def text(self) -> str:
        return "\n".join(t for _, t in self.lines)

    def rows(self) -> list[int]:
        start = next(i for i, line in enumerate(self.original) if line.startswith("| :"))
        found = []
        for i in range(start + 1, len(self.original)):
            if not self.original[i].startswith("|"):
                break
            found.append(i)
        return found

    def key_line(self, key: str) -> int:
        return next(i for i, line in enumerate(self.original) if line.startswith(f"{key}:"))


def _url_line(doc: Faulty) -> int:
    return next(i for i, line in enumerate(doc.original) if line.startswith("https://"))


def _present(doc: Faulty, index: int) -> bool:
    return any(o == index for o, _ in doc.lines)


def fault_url_missing(draw, doc: Faulty) -> None:
    index = _url_line(doc)
    if _present(doc, index):
        del doc.lines[doc.at(index)]  # written back as the canonical URL of the document's id
        doc.faults.append("url missing")


def fault_url_form(draw, doc: Faulty) -> None:
    index = _url_line(doc)
    if not _present(doc, index):
        return
    current = doc.lines[doc.at(index)][1]  # perhaps with the id fault's id
    form = draw(st.sampled_from(["http://stsci.edu/jwst/science-execution/approved-programs?id={}",
                                 "https://www.stsci.edu/jwst-program-info/program-help/?program={}"]))
    doc.set(index, form.format(current.rpartition("=")[2]))
    doc.faults.append(f"url form {form}")


def fault_url_id(draw, doc: Faulty) -> None:
    index = _url_line(doc)
    if not _present(doc, index):
        return
    current = doc.lines[doc.at(index)][1]
    ident = doc.original[index].rpartition("=")[2]
    doc.set(index, current[: -len(ident)] + str(int(ident) + 2))  # not the heading fault's id: two wrong places never agree
    doc.faults.append("url id")


def fault_heading_id(draw, doc: Faulty) -> None:
    index = next(i for i, line in enumerate(doc.original) if line.startswith("# "))
    ident = doc.original[index][2:].split(" ")[0]
    current = doc.lines[doc.at(index)][1]  # perhaps with the title fault
    doc.set(index, current.replace(ident, str(int(ident) + 1), 1))
    doc.faults.append("heading id")


def fault_title(draw, doc: Faulty) -> None:
    index = next(i for i, line in enumerate(doc.original) if line.startswith("# "))
    current = doc.lines[doc.at(index)][1]  # perhaps with the heading fault's id
    doc.set(index, current + draw(st.sampled_from([" v2", "  (draft)", "X"])))
    doc.faults.append("title")


def fault_template_case(draw, doc: Faulty) -> None:
    free = [i for i in doc.rows() if i not in doc.used_rows]
    if not free:
        return
    index = draw(st.sampled_from(free))
    template = cells(doc.original[index])[3]
    changed = draw(st.sampled_from([template.lower(), template.upper(), template.swapcase()]))
    if changed == template:
        return
    doc.used_rows.add(index)
    doc.set(index, with_cell(doc.original[index], 3, changed))
    doc.faults.append(f"template case row {index}")


def _targets(doc: Faulty) -> dict[str, list[int]]:
    """Target name -> its rows, in order (NONE rows left out)."""
    found: dict[str, list[int]] = {}
    for i in doc.rows():
        target = cells(doc.original[i])[4]
        if target != "NONE":
            found.setdefault(target.partition(") ")[2], []).append(i)
    return found


def fault_target_case(draw, doc: Faulty) -> None:
    choices = [(name, rows[1:]) for name, rows in _targets(doc).items() if len(rows) > 1]
    choices = [(name, [r for r in rows if r not in doc.used_rows]) for name, rows in choices]
    choices = [(name, rows) for name, rows in choices if rows and name.swapcase() != name]
    if not choices:
        return
    name, rows = draw(st.sampled_from(choices))
    index = draw(st.sampled_from(rows))
    target = cells(doc.original[index])[4]
    doc.used_rows.add(index)
    doc.set(index, with_cell(doc.original[index], 4, target.replace(name, name.swapcase())))
    doc.faults.append(f"target case row {index}")


def fault_duplicate_observation(draw, doc: Faulty) -> None:
    free = [i for i in doc.rows() if i not in doc.used_rows]
    if len(free) < 2:
        return
    first, second = draw(st.lists(st.sampled_from(free), min_size=2, max_size=2, unique=True))
    number = cells(doc.original[first])[1]
    doc.used_rows |= {first, second}
    doc.set(second, with_cell(doc.original[second], 1, number))
    # one of the two rows keeps the number, the other gets a free one
    doc.expected[first] = only_cell_differs(doc.original[first], 1)
    doc.expected[second] = only_cell_differs(doc.original[second], 1)
    doc.faults.append(f"duplicate observation rows {first} {second}")


def _close(a: str, b: str) -> bool:
    """Near misses PL320 reads as a typo of the number's target (and fixes
    by renaming): the faults here are real conflicts, not typos."""
    a = "".join(c for c in a.casefold() if c not in " -_")
    b = "".join(c for c in b.casefold() if c not in " -_")
    return a == b or a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.7


def _number(line: str) -> str:
    return cells(line)[4].partition(")")[0][1:]


def _renumber(doc: Faulty, index: int, number: str, touched: list[int], kind: str) -> None:
    name = cells(doc.original[index])[4].partition(") ")[2]
    doc.used_rows |= set(touched)
    doc.set(index, with_cell(doc.original[index], 4, f"({number}) {name}"))
    for row in touched:  # a guess: the reported row, or another row of the two targets, is renumbered
        doc.expected[row] = only_cell_differs(doc.original[row], 4)
    doc.faults.append(f"target {kind} row {index}")


def fault_target_of_another(draw, doc: Faulty) -> None:
    """A row's target number changed to another target's (PL320)."""
    targets = _targets(doc)
    pairs = [(name, other) for name in targets for other in targets
             if other != name and not _close(name, other)
             and not any(r in doc.used_rows for r in targets[name] + targets[other])]
    if not pairs:
        return
    name, other = draw(st.sampled_from(pairs))
    index = draw(st.sampled_from(targets[name]))
    _renumber(doc, index, _number(doc.original[targets[other][0]]), targets[name] + targets[other], "number of another")


def fault_target_second_number(draw, doc: Faulty) -> None:
    """A row's target number changed to one no target has, while the name
    keeps its number in other rows (PL321)."""
    targets = _targets(doc)
    names = [n for n, rows in targets.items() if len(rows) > 1 and not any(r in doc.used_rows for r in rows)]
    numbers = {int(_number(doc.original[r])) for rows in targets.values() for r in rows}
    if not names or max(numbers) >= 998:
        return
    name = draw(st.sampled_from(names))
    index = draw(st.sampled_from(targets[name]))
    _renumber(doc, index, str(max(numbers) + 1), targets[name], "second number")


def _fresh_key(draw, doc: Faulty) -> str | None:
    keys = [k for k in KEYS if k not in doc.used_keys]
    if not keys:
        return None
    key = draw(st.sampled_from(keys))
    doc.used_keys.add(key)
    return key


def fault_key_typo(draw, doc: Faulty) -> None:
    if doc.used_keys & {"typo", "missing"}:
        return  # one renamed or missing key: a misspelt neighbour would move where a missing one goes
    key = _fresh_key(draw, doc)
    if key is None:
        return
    doc.used_keys.add("typo")
    index = doc.key_line(key)
    doc.set(index, key[:-1] + doc.original[index][len(key):])
    doc.faults.append(f"key typo {key}")


def fault_key_missing(draw, doc: Faulty) -> None:
    if doc.used_keys & {"typo", "missing"}:
        return
    key = _fresh_key(draw, doc)
    if key is None:
        return
    doc.used_keys.add("missing")
    index = doc.key_line(key)
    del doc.lines[doc.at(index)]
    doc.expected[index] = f'{key}: ""'  # added back empty: its value was the author's
    doc.faults.append(f"key missing {key}")


def fault_key_repeated(draw, doc: Faulty) -> None:
    key = _fresh_key(draw, doc)
    if key is None:
        return
    index = doc.key_line(key)
    repeat = doc.original[index] if draw(st.booleans()) else f'{key}: "something else"'
    doc.lines.insert(doc.at(index) + 1, (None, repeat))
    doc.faults.append(f"key repeated {key}")


def fault_label_pipe(draw, doc: Faulty) -> None:
    free = [i for i in doc.rows() if i not in doc.used_rows and " " in cells(doc.original[i])[2]]
    if not free:
        return
    index = draw(st.sampled_from(free))
    label = cells(doc.original[index])[2]
    doc.used_rows.add(index)
    doc.set(index, with_cell(doc.original[index], 2, label.replace(" ", " | ", 1)))
    doc.expected[index] = with_cell(doc.original[index], 2, label.replace(" ", " \\| ", 1))
    doc.faults.append(f"label pipe row {index}")


def fault_row_unclosed(draw, doc: Faulty) -> None:
    free = [i for i in doc.rows() if i not in doc.used_rows]
    if not free:
        return
    index = draw(st.sampled_from(free))
    doc.used_rows.add(index)
    open_row = doc.original[index][: doc.original[index].rindex("|")].rstrip()
    doc.set(index, open_row)
    doc.expected[index] = open_row + " |"  # closed again, one space inside the pipe
    doc.faults.append(f"row unclosed row {index}")


FAULTS = [fault_url_missing, fault_url_form, fault_url_id, fault_heading_id, fault_title, fault_template_case, fault_target_case,
          fault_duplicate_observation, fault_target_of_another, fault_target_second_number, fault_key_typo,
          fault_key_missing, fault_key_repeated, fault_label_pipe, fault_row_unclosed]


@st.composite
def faulty_documents(draw):
    original = generate_document(random.Random(draw(st.integers(0, 10_000))), draw(st.integers(5, 25)))
    doc = Faulty(original.split("\n"))
    for fault in draw(st.lists(st.sampled_from(FAULTS), min_size=1, max_size=5, unique=True)):
        fault(draw, doc)
    assume(doc.faults)  # every drawn fault may find nothing to break in a small document
    return original, doc


@settings(max_examples=100)
@given(faulty_documents(), st.sampled_from(["\n", "\r\n"]))
def test_fixing_repairs_every_fault_and_nothing_else(drawn, newline):
    original, doc = drawn
    assert run(original) == []  # the generator writes clean documents
    faulty = doc.text().replace("\n", newline)
    fixed = fix(faulty)

    # no finding is left, and fixing again changes nothing
    assert [(d.code, d.span.start_line, d.message) for d in run(fixed)] == [], doc.faults
    assert fix(fixed) == fixed

    # the newline style is kept
    assert fixed.count("\r\n") == (fixed.count("\n") if newline == "\r\n" else 0)

    # every line is the generated one, but for what a fault may change
    lines = fixed.split(newline)
    assert len(lines) == len(doc.original), doc.faults
    for index, (want, got) in enumerate(zip(doc.original, lines)):
        expected = doc.expected.get(index, want)
        if callable(expected):
            assert expected(got), (doc.faults, want, got)
        else:
            assert got == expected, (doc.faults, index)


@settings(max_examples=50)
@given(faulty_documents())
def test_one_pass_changes_nothing_outside_the_offered_spans(drawn):
    """A single pass of fixes changes the text only inside the spans its
    findings' edits name: what lies between them is kept, in order,
    character for character."""
    import re

    from proglint.fix import apply

    _, doc = drawn
    source = Source.from_text("p.txt", doc.text())
    found = lint(source, CONFIG)
    text, applied = apply(source, found, unsafe=True)
    offset = source.lines.offset
    spans = sorted(
        (offset(e.span.start_line, e.span.start_column), offset(e.span.end_line, e.span.end_column))
        for d in found if d.fix is not None and d.suppression is None for e in d.fix.edits
    )
    assert applied >= 1 and spans, doc.faults
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    kept, position = [], 0
    for start, end in merged:
        kept.append(source.text[position:start])
        position = end
    kept.append(source.text[position:])
    pattern = "(.*?)".join(re.escape(part) for part in kept)
    assert re.fullmatch(pattern, text, re.DOTALL), doc.faults
