"""schema/codes.py: each schema check as ``proglint rules`` and
``proglint explain`` show it (code, name, severity, fix, the reason there is
no fix), pinned against the committed ``docs/rules.md``.

The checks are made by ``_info`` when the module is imported, which under
mutation testing (benchmarks/mutation.py) happens before a mutant is
switched on: the test imports the module again inside itself, so a mutated
``_info`` makes the checks the test reads, and puts the module back after."""

from __future__ import annotations

import importlib

import pytest

from proglint.ruledocs import markdown

from conftest import ROOT

RULES_MD = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")

NO_FIX_KEY = "No automatic fix: which field the schema means instead is not known; the message names the allowed ones."
NO_FIX_MISSING = "No automatic fix: the field's value is the author's."
NO_FIX_VALUE = "No automatic fix: the right value is the author's; the message says what the schema allows."

# code -> (name, severity, the fix line), as docs/rules.md lists them
EXPECTED = {
    "PL051": ("document-unknown-key", "error", NO_FIX_KEY),
    "PL052": ("document-missing-key", "error", NO_FIX_MISSING),
    "PL054": ("document-wrong-type", "error", NO_FIX_VALUE),
    "PL055": ("document-value-not-allowed", "error", NO_FIX_VALUE),
    "PL057": ("document-bad-format", "error", NO_FIX_VALUE),
    "PL058": ("document-wrong-count", "error", NO_FIX_VALUE),
    "PL059": ("document-invalid", "error", NO_FIX_VALUE),
    "PL101": ("front-matter-unknown-key", "error", "Fix: unsafe (applied only with --fix --unsafe-fixes) — a key close "
              "to a known key that is not given is renamed to it; unsafe: the closest name is a guess."),
    "PL102": ("front-matter-missing-key", "error", "Fix: unsafe (applied only with --fix --unsafe-fixes) — adds "
              '`key: ""` where the schema lists the key; unsafe: the empty value is a placeholder to fill in.'),
    "PL103": ("front-matter-duplicate-key", "error", "Fix: safe or unsafe (--fix applies the safe ones; --unsafe-fixes "
              "the rest) — the later entry's lines are removed: safe when its value is written as the first's, "
              "unsafe otherwise (the later value may be the one meant)."),
    "PL104": ("front-matter-wrong-type", "error", NO_FIX_VALUE),
    "PL105": ("front-matter-value-not-allowed", "error", NO_FIX_VALUE),
    "PL106": ("front-matter-out-of-range", "error", NO_FIX_VALUE),
    "PL107": ("front-matter-bad-format", "error", NO_FIX_VALUE),
    "PL108": ("front-matter-wrong-count", "error", NO_FIX_VALUE),
    "PL109": ("front-matter-invalid", "error", NO_FIX_VALUE),
    "PL110": ("unknown-proposal-type", "warning", "No automatic fix: which program type was meant is not known."),
    "PL201": ("observation-unknown-key", "error", NO_FIX_KEY),
    "PL202": ("observation-missing-key", "error", NO_FIX_MISSING),
    "PL204": ("observation-wrong-type", "error", NO_FIX_VALUE),
    "PL205": ("observation-value-not-allowed", "error", NO_FIX_VALUE),
    "PL207": ("observation-bad-format", "error", NO_FIX_VALUE),
    "PL208": ("observation-wrong-count", "error", NO_FIX_VALUE),
    "PL209": ("observation-invalid", "error", NO_FIX_VALUE),
    "PL301": ("target-unknown-key", "error", NO_FIX_KEY),
    "PL302": ("target-missing-key", "error", NO_FIX_MISSING),
    "PL304": ("target-wrong-type", "error", NO_FIX_VALUE),
    "PL305": ("target-value-not-allowed", "error", NO_FIX_VALUE),
    "PL307": ("target-bad-format", "error", NO_FIX_VALUE),
    "PL308": ("target-wrong-count", "error", NO_FIX_VALUE),
    "PL309": ("target-invalid", "error", NO_FIX_VALUE),
    "PL310": ("target-name-apt", "warning", "No automatic fix: APT's target list is not in the document, so the name "
              "APT uses is not known."),
}


@pytest.fixture
def codes():
    """The module imported again (its checks made anew), then put back as it was."""
    module = importlib.import_module("proglint.schema.codes")
    saved = dict(vars(module))
    try:
        yield importlib.reload(module), saved
    finally:
        vars(module).clear()
        vars(module).update(saved)


def test_each_check_has_its_code_name_severity_and_fix_line(codes):
    module, _ = codes
    shown = {info.code: (info.name, info.severity.value, info.fix_line) for info in module.ALL}
    assert shown == EXPECTED


def test_each_check_reads_as_docs_rules_md_lists_it(codes):
    module, saved = codes
    assert module.ALL == saved["ALL"]  # the same checks as the first import made
    for info in module.ALL:
        section = markdown([(info, None, None)])
        section = section[section.index("### ") :]
        assert section in RULES_MD, info.code


def test_the_check_of_each_area_and_kind(codes):
    module, _ = codes
    assert [module.for_error(area, kind).code for area in ("front_matter", "observations", "target", "document")
            for kind in (1, 2, 4, 9)] == [
        "PL101", "PL102", "PL104", "PL109", "PL201", "PL202", "PL204", "PL209",
        "PL301", "PL302", "PL304", "PL309", "PL051", "PL052", "PL054", "PL059",
    ]
    # pairs that cannot occur fall back to the area's "invalid" check
    assert module.for_error("observations", 6).code == "PL209"
    assert module.for_error("target", 3).code == "PL309"
