"""Inline suppressions: every form, the reasons, and the reports about them."""

from __future__ import annotations

from proglint.config import Config
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import seed_text

BASE = seed_text("1071.txt")
ROW3 = "|            | 3            | FGS-1, GS#3  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"
ROW4 = "|            | 4            | FGS-1, GS#4  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"
EXTRA3 = ROW3 + " x |"  # a sixth cell: PL011 on row 3 (line 23)
EXTRA4 = ROW4 + " y |"


def check(text: str, config: Config | None = None):
    return lint(Source.from_text("p.txt", text), config)


def shown(found):
    return [(d.code, d.span.start_line) for d in active(found)]


def test_the_unsuppressed_document_has_the_errors():
    assert shown(check(BASE.replace(ROW3, EXTRA3).replace(ROW4, EXTRA4))) == [("PL011", 23), ("PL011", 24)]


def test_disable_line_inside_a_cell_keeps_the_value_and_the_table():
    row = ROW3.replace("FGS-1, GS#3 ", "FGS-1, GS#3 <!-- proglint-disable-line PL011 -- APT export quirk -->") + " x |"
    found = check(BASE.replace(ROW3, row))
    assert shown(found) == []
    (silenced,) = [d for d in found if d.suppression is not None]
    assert (silenced.code, silenced.suppression.kind, silenced.suppression.reason) == ("PL011", "disable-line", "APT export quirk")
    from proglint.parse import parse

    document = parse(Source.from_text("p.txt", BASE.replace(ROW3, row)))
    assert document.observations[2].label.value == "FGS-1, GS#3"
    assert len(document.observations) == 10


def test_rule_names_are_accepted():
    row = EXTRA3 + " <!-- proglint-disable-line table-row-cells -->"
    assert shown(check(BASE.replace(ROW3, row))) == []


def test_disable_next_line_outside_tables():
    text = BASE.replace("# 1071 - NIRCam", "<!-- proglint-disable-next-line PL007 -->\n# 1071 NIRCam")
    assert shown(check(text)) == []
    assert shown(check(BASE.replace("# 1071 - NIRCam", "# 1071 NIRCam"))) == [("PL007", 12)]


def test_block_disable_and_enable_around_a_table():
    text = BASE.replace(ROW3, EXTRA3).replace(ROW4, EXTRA4)
    text = text.replace("**OBSERVATIONS**", "**OBSERVATIONS**\n<!-- proglint-disable PL011 -->")
    text = text.replace("## ABSTRACT", "<!-- proglint-enable PL011 -->\n## ABSTRACT")
    assert shown(check(text)) == []
    # the block ends at its enable: closed at the end of row 3 (line 24),
    # row 4's extra cell (line 25) is reported again
    closed_early = text.replace("<!-- proglint-enable PL011 -->\n## ABSTRACT", "## ABSTRACT")
    closed_early = closed_early.replace(EXTRA3, EXTRA3 + " <!-- proglint-enable PL011 -->")
    assert shown(check(closed_early)) == [("PL011", 25)]


def test_block_without_enable_runs_to_the_end():
    text = BASE.replace("**OBSERVATIONS**", "**OBSERVATIONS**\n<!-- proglint-disable PL011 -->")
    text = text.replace(ROW3, EXTRA3).replace(ROW4, EXTRA4)
    assert shown(check(text)) == []


def test_disable_file():
    text = BASE.replace(ROW3, EXTRA3) + "\n<!-- proglint-disable-file PL011 -->\n"
    assert shown(check(text)) == []


def test_yaml_comment_in_front_matter():
    text = BASE.replace("# 1071 - NIRCam", "# 1071 NIRCam").replace(
        "id: 1071\n", "id: 1071  # proglint: disable-file heading-malformed\n"
    )
    assert shown(check(text)) == []


def test_unused_suppression_is_reported_at_the_comment():
    comment = "<!-- proglint-disable-line PL011 -->"
    text = BASE.replace(ROW3, ROW3 + " " + comment)
    found = active(check(text))
    (unused,) = found
    assert (unused.code, unused.span.start_line, unused.span.start_column) == ("PL701", 23, len(ROW3) + 2)
    assert unused.message == "unused suppression: nothing here is PL011; remove it"
    assert unused.severity.value == "warning"


def test_unknown_code_in_a_suppression():
    text = BASE.replace(ROW3, EXTRA3 + " <!-- proglint-disable-line PL011 PL999 -->")
    assert [(d.code, d.message) for d in active(check(text))] == [
        ("PL702", "'PL999' is not a known code or rule name; 'proglint rules' lists them")
    ]


def test_enable_without_disable():
    text = BASE.replace("## ABSTRACT", "<!-- proglint-enable PL011 -->\n## ABSTRACT")
    (d,) = active(check(text))
    line = BASE.splitlines().index("## ABSTRACT") + 1
    assert (d.code, d.span.start_line, d.span.start_column) == ("PL703", line, 1)


def test_misspelled_directive():
    text = BASE.replace(ROW3, EXTRA3 + " <!-- proglint-disabel-line PL011 -->")
    assert sorted(d.code for d in active(check(text))) == ["PL011", "PL705"]


def test_reason_required_by_config():
    text = BASE.replace(ROW3, EXTRA3 + " <!-- proglint-disable-line PL011 -->")
    config = Config(require_suppression_reason=True)
    assert [d.code for d in active(check(text, config))] == ["PL704"]
    with_reason = BASE.replace(ROW3, EXTRA3 + " <!-- proglint-disable-line PL011 -- known -->")
    assert active(check(with_reason, config)) == []


def test_suppressed_findings_and_reasons_are_in_the_json_report(tmp_path):
    import json
    import subprocess
    import sys

    path = tmp_path / "p.txt"
    path.write_text(BASE.replace(ROW3, EXTRA3 + " <!-- proglint-disable-line PL011 -- waiting for APT -->"))
    out = subprocess.run([sys.executable, "-m", "proglint", str(path), "--format", "json"], capture_output=True, text=True)
    report = json.loads(out.stdout)
    assert out.returncode == 0 and report["diagnostics"] == []
    (s,) = report["suppressed"]
    assert s["code"] == "PL011" and s["suppression"]["reason"] == "waiting for APT"
    assert s["suppression"]["kind"] == "disable-line" and s["suppression"]["line"] == 23


# --- PL701/PL702 fixes: a comment of no use at all is removed ------------------

def _fixed(text: str) -> tuple[str, list]:
    from proglint.config import Config
    from proglint.fix import fix_until_stable
    from proglint.pipeline import active, lint
    from proglint.source import Source

    def relint(source):
        return lint(source, Config())

    source = Source.from_text("1071.txt", text)
    found = [(d.code, d.span.start_line, d.span.start_column, d.fix is not None) for d in active(lint(source, Config()))]
    return fix_until_stable(source, relint).source.text, found


FIX_SEED = seed_text("1071.txt")


def test_an_unused_comment_alone_on_its_line_is_removed_with_its_line():
    text = FIX_SEED.replace("## ABSTRACT", "<!-- proglint-disable-next-line PL301 -- stale -->\n## ABSTRACT", 1)
    fixed, found = _fixed(text)
    line = text.splitlines().index("<!-- proglint-disable-next-line PL301 -- stale -->") + 1
    assert found == [("PL701", line, 1, True)]
    assert fixed == FIX_SEED


def test_an_unknown_code_at_the_end_of_a_row_is_removed_with_the_spaces_before_it():
    row = next(l for l in FIX_SEED.splitlines() if l.startswith("|            | 2 "))
    text = FIX_SEED.replace(row, row + "  <!-- proglint-disable-line PL9999 -->", 1)
    fixed, found = _fixed(text)
    line = text.splitlines().index(row + "  <!-- proglint-disable-line PL9999 -->") + 1
    assert found == [("PL702", line, len(row) + 3, True)]
    assert fixed == FIX_SEED


def test_a_comment_that_still_silences_something_is_not_removed():
    row = next(l for l in FIX_SEED.splitlines() if l.startswith("|            | 2 "))
    broken = row.replace("| 2 ", "| 1 ", 1)  # observation 1 twice: PL220 on this row
    text = FIX_SEED.replace(row, broken + " <!-- proglint-disable-line PL220 PL301 -- known -->", 1)
    fixed, found = _fixed(text)
    assert [(code, has_fix) for code, _, _, has_fix in found] == [("PL701", False)]  # PL301 unused, PL220 used
    assert fixed == text
