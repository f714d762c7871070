"""Properties of fixing, over generated faulty documents: seed 1071 with a
random choice of slips, each on its own line, each of which a fix undoes:

- the ``proposal_type`` key misspelt (PL101: renamed back),
- a suppression comment with nothing to suppress in the abstract (PL701),
- a row but the first without its Folder cell (PL011: an empty cell inserted),
- a row with an empty extra cell (PL011: removed),
- a template written in another case (PL502: its canonical spelling),
- an observation number used twice (PL220: renumbered; unsafe).

Fixing as ``--fix`` does (passes until stable): the slips with a safe fix
are undone exactly, every other line stays as it was, a duplicate is
renumbered only with unsafe fixes, fixing again changes nothing, and no
finding appears that was not there before.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings, strategies as st

from conftest import seed_text
from proglint.config import Config, Layer
from proglint.fix import fix_until_stable
from proglint.pipeline import active, lint
from proglint.source import Source

SEED = seed_text("1071.txt")
LINES = SEED.split("\n")
ROWS = list(range(20, 30))  # 0-based: the ten observation rows
CONFIG = Config(layers=(Layer(extend_select=("PL502",)),))


def without_folder(line: str) -> str:
    return line.replace("|            | ", "| ", 1)


def extra_empty_cell(line: str) -> str:
    return line.replace("|            | ", "|            || ", 1)


def template_case(line: str) -> str:
    return line.replace("NIRCam Imaging", "nircam imaging", 1)


ROW_SLIPS = {"folder": without_folder, "extra": extra_empty_cell, "case": template_case}


@st.composite
def faulty(draw):
    lines = list(LINES)
    slips: dict[int, str] = {}
    if draw(st.booleans()):
        lines[2] = lines[2].replace("proposal_type", "proposal_typ")
        slips[2] = "key"
    if draw(st.booleans()):
        index = lines.index("Commissioning activity that determines the absolute alignment between NIRCam and the two FGS guiders.")
        lines[index] = lines[index].replace("activity that", "activity <!-- proglint-disable-line PL220 --> that")
        slips[index] = "suppression"
    rows = draw(st.lists(st.sampled_from(ROWS), unique=True, max_size=5))
    duplicate = draw(st.booleans()) and len(rows) >= 1
    for position, row in enumerate(rows):
        if duplicate and position == 0:
            if row == ROWS[0]:
                continue
            # the number of the row above: observation n-1 twice
            lines[row] = lines[row].replace(f"| {row - 19} ", f"| {row - 20} ", 1)
            slips[row] = "duplicate"
            continue
        # the first row's lost Folder cell has no fix: no folder above it to continue
        kind = draw(st.sampled_from(sorted(ROW_SLIPS) if row != ROWS[0] else ["case", "extra"]))
        lines[row] = ROW_SLIPS[kind](lines[row])
        slips[row] = kind
    return "\n".join(lines), slips


def found(source: Source):
    return active(lint(source, CONFIG))


def key(d) -> tuple:
    return (d.code, d.span.start_line, d.message)


@settings(max_examples=100)
@given(faulty(), st.booleans())
def test_fixing_undoes_the_slips_and_only_them(case, unsafe):
    text, slips = case
    source = Source.from_text("1071.txt", text)
    before = found(source)
    fixed = fix_until_stable(source, found, unsafe=unsafe)
    assert fixed.ambiguous is None
    after_lines = fixed.source.text.split("\n")
    assert len(after_lines) == len(LINES)
    for index, line in enumerate(after_lines):
        if slips.get(index) == "duplicate":
            if unsafe:  # renumbered to a number no other row uses
                assert line != text.split("\n")[index]
                numbers = [after_lines[row].split("|")[2].strip() for row in ROWS]
                assert len(set(numbers)) == len(numbers), numbers
            else:
                assert line == text.split("\n")[index]
        elif slips.get(index) == "extra":
            # which of two adjacent empty cells goes is not the document's to
            # say (the Folder cell or the extra one): the cells are the seed's
            assert [c.strip() for c in line.split("|")] == [c.strip() for c in LINES[index].split("|")]
        elif slips.get(index) == "key" and not unsafe:
            # renaming an unknown key to the close known one is unsafe (the
            # key may be a team's own): left alone without --unsafe-fixes
            assert line == text.split("\n")[index]
        else:  # a slip with a fix is undone exactly; a line without a slip is untouched
            assert line == LINES[index], (slips.get(index), index)
    # fixing again changes nothing
    again = fix_until_stable(fixed.source, found, unsafe=unsafe)
    assert (again.applied, again.source.text) == (0, fixed.source.text)
    # no finding appears that was not there before (same code, line and message)
    after = found(fixed.source)
    assert not Counter(map(key, after)) - Counter(map(key, before))
    # and none is left that --fix (with these options) would fix
    assert [d.code for d in after if d.fix is not None and (unsafe or d.fix.safe)] == []
    # the fixes listed are the ones applied
    assert fixed.applied == len(fixed.fixes)
