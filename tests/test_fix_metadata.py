"""What a check declares about its fixes is what its findings offer.

``CheckInfo.autofix`` feeds ``proglint rules``, ``explain`` and the rule
tables; a check that declares none must never offer one, and one that
declares "safe" or "unsafe" must offer only that kind.  The corpus here is
every fault the fix tests inject, plus the fixes that live elsewhere
(suppression comments, a missing Label cell); every check that declares a
fix must be seen offering one in it, so no declaration is left untested.
"""

from __future__ import annotations

from proglint.config import Config, Layer
from proglint.meta import AUTOFIX, NO_FIX, SOMETIMES
from proglint.pipeline import catalog as all_infos, lint
from proglint.source import Source

from conftest import seed_text
from test_fix_rules import CASES, one

S1071 = seed_text("1071.txt")
ROW = "|            | 1            | FGS-1, GS#1  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |\n"

EXTRA = [
    # PL701: a suppression that silences nothing; PL702: one naming no check
    one(S1071, ROW, ROW.rstrip("\n") + " <!-- proglint-disable-line PL301 -->\n"),
    one(S1071, ROW, ROW.rstrip("\n") + " <!-- proglint-disable-line PL999 -->\n"),
    # PL011, safe: a missing Label cell is inserted empty
    one(S1071, ROW, "|            | 1            | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |\n"),
]

EVERYTHING = Config(layers=(Layer(select=("ALL",)),))


def offered() -> dict[str, set[str]]:
    """code -> the applicabilities of the fixes its findings offer in the corpus."""
    seen: dict[str, set[str]] = {}
    for text in [case.faulty for case in CASES] + EXTRA:
        for diagnostic in lint(Source.from_text("p.txt", text), EVERYTHING):
            if diagnostic.fix is not None:
                seen.setdefault(diagnostic.code, set()).add(diagnostic.fix.applicability)
    return seen


def test_every_declaration_is_one_of_the_known_kinds():
    assert {info.autofix for info in all_infos().values()} <= set(AUTOFIX)


def test_declared_fixes_match_the_fixes_offered():
    infos = all_infos()
    seen = offered()
    expected = {"safe": {"safe"}, "unsafe": {"unsafe"}, SOMETIMES: {"safe", "unsafe"}}
    for code, kinds in sorted(seen.items()):
        assert infos[code].autofix != NO_FIX, f"{code} offers a fix but declares none"
        assert kinds == expected[infos[code].autofix], (code, infos[code].autofix, kinds)
    declared = {code for code, info in infos.items() if info.fixable}
    assert declared == set(seen), "a check declares a fix the corpus never shows it offering"


def test_the_declarations_issue_13_asks_for():
    infos = all_infos()
    assert {code: infos[code].autofix for code in sorted(code for code in infos if infos[code].fixable)} == {
        "PL011": SOMETIMES,
        "PL012": "safe",
        "PL101": "unsafe",
        "PL102": "unsafe",
        "PL103": SOMETIMES,
        "PL120": "unsafe",
        "PL121": "unsafe",
        "PL122": "unsafe",
        "PL123": "safe",
        "PL124": "safe",
        "PL220": "unsafe",
        "PL320": "unsafe",
        "PL321": "unsafe",
        "PL322": "safe",
        "PL502": "safe",
        "PL701": "safe",
        "PL702": "safe",
    }


def test_every_check_says_how_it_is_fixed_or_why_not():
    """``explain`` prints one line about fixing for every check; a check
    without a fix gives its own reason, not the generic one."""
    for code, info in all_infos().items():
        line = info.fix_line
        if info.fixable:
            assert line.startswith(f"Fix: {info.autofix if info.autofix != SOMETIMES else 'safe or unsafe'} ("), line
        else:
            assert line.startswith("No automatic fix: ") and info.fix_note, code


def test_explain_and_rules_show_the_fix(capsys):
    from proglint.cli import main

    assert main(["explain", "PL322"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PL322 target-name-case (warning, safe fix)\n")
    assert "\nFix: safe (--fix applies it) — the name is written as the target's first (or most common) spelling.\n" in out
    assert main(["explain", "target-number-conflict"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PL320 target-number-conflict (error, unsafe fix)\n")
    assert "\nFix: unsafe (applied only with --fix --unsafe-fixes) — the row takes the name's own number" in out
    assert main(["explain", "PL110"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PL110 unknown-proposal-type (warning)\n")
    assert "\nNo automatic fix: which program type was meant is not known.\n" in out

    assert main(["rules", "--isolated"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["code", "name", "default", "effective", "fix", "summary"]
    column = lines[0].index("fix")
    fix_of = {line.split()[0]: line[column : column + 9].strip() for line in lines[1:]}
    assert (fix_of["PL322"], fix_of["PL220"], fix_of["PL103"], fix_of["PL110"]) == ("safe", "unsafe", "sometimes", "")


def test_generated_tables_show_the_fix():
    from proglint import ruledocs

    rows = list(ruledocs._rows(Config()))
    table = ruledocs.table(rows).splitlines()
    assert table[0] == "| code | name | severity | fix | summary |"
    by_code = {line.split(" | ")[0].split("]")[0].lstrip("| ["): line.split(" | ")[3] for line in table[2:]}
    assert (by_code["PL123"], by_code["PL121"], by_code["PL011"], by_code["PL001"]) == ("safe", "unsafe", "sometimes", "")
    markdown = ruledocs.markdown(rows)
    assert "*error, unsafe fix* — The program id in the URL differs from the document's id." in markdown
    assert "\nNo automatic fix: the bytes that are not UTF-8 could be any encoding" in markdown
