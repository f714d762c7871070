"""rootcause.prune compares a finding only with the covered regions over its
first line: the same findings are kept as when every finding is compared with
every root (the reference below, the algorithm it replaced), and a table with
a root cause on each of 20,000 rows finishes (compared pairwise, that is
~10⁸ comparisons: minutes)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from hypothesis import given, settings, strategies as st

from conftest import DOC_HEAD, DOC_TAIL

from proglint.diagnostic import Diagnostic, Severity
from proglint.rootcause import inside, prune
from proglint.span import Span


def reference(found):
    roots = []
    for diagnostic in found:
        if diagnostic.covers and not covered(diagnostic, roots):
            roots.append(diagnostic)
    if not roots:
        return list(found)
    kept = {id(r) for r in roots}
    return [d for d in found if id(d) in kept or (not d.covers and not covered(d, roots))]


def covered(diagnostic, roots):
    return any(r is not diagnostic and any(inside(diagnostic.span, region) for region in r.covers) for r in roots)


def spans(max_lines: int = 200):
    """Spans over one line or many (some wider than the per-line index keeps)."""

    @st.composite
    def build(draw):
        line = draw(st.integers(1, max_lines))
        column = draw(st.integers(1, 30))
        end_line = line + draw(st.sampled_from([0, 0, 0, 1, 3, 70, 150]))
        end_column = draw(st.integers(1, 40)) if end_line > line else column + draw(st.integers(0, 10))
        return Span(line, column, end_line, end_column)

    return build()


diagnostics = st.builds(
    lambda span, covers, n: Diagnostic(f"PL{n:03d}", "x", Severity.ERROR, "m", span, "d.txt", covers=tuple(covers)),
    spans(), st.lists(spans(), max_size=2), st.integers(1, 999),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(diagnostics, max_size=40))
def test_the_same_findings_are_kept_as_when_every_pair_is_compared(found):
    assert [id(d) for d in prune(found)] == [id(d) for d in reference(found)]


def test_a_root_over_many_lines_still_covers_what_lies_inside_it():
    wide = Diagnostic("PL001", "x", Severity.ERROR, "m", Span(1, 1, 1, 2), "d.txt", covers=(Span(1, 1, 500, 1),))
    inner = Diagnostic("PL011", "x", Severity.ERROR, "m", Span(300, 4, 300, 9), "d.txt", covers=(Span(300, 1, 300, 20),))
    plain = Diagnostic("PL501", "x", Severity.ERROR, "m", Span(300, 5, 300, 6), "d.txt")
    outside = Diagnostic("PL501", "x", Severity.ERROR, "m", Span(500, 2, 500, 3), "d.txt")
    assert prune([wide, inner, plain, outside]) == [wide, outside]  # the region ends at 500:1
    assert prune([inner, plain, outside]) == [inner, outside]


RUNNER = textwrap.dedent(
    """
    import json, sys
    from proglint.pipeline import lint
    from proglint.source import Source
    found = lint(Source.read(sys.argv[1]))
    print(json.dumps([[d.code, d.span.start_line, d.span.start_column, d.span.end_column] for d in found if d.code == "PL011"]))
    """
)


def test_a_root_cause_on_every_one_of_20000_rows(tmp_path):
    rows = [f"| F | {i % 999 + 1} | NIRCam | NIRCam Imaging | (1) XY | extra |" for i in range(20_000)]
    path = tmp_path / "roots.txt"
    path.write_text(DOC_HEAD + "\n".join(rows) + "\n" + DOC_TAIL, encoding="utf-8")
    first = DOC_HEAD.count("\n") + 1
    done = subprocess.run([sys.executable, "-c", RUNNER, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    assert len(found) == 20_000
    for found_row, row, line in ((found[0], rows[0], first), (found[-1], rows[-1], first + 19_999)):
        column = row.index("extra") + 1
        assert found_row == ["PL011", line, column, column + len("extra")]
