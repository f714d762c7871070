"""Each check's fix, through ``--fix`` as users run it: the exact text it
writes, that an unsafe fix waits for ``--unsafe-fixes`` (and a safe one
does not), that a second run changes nothing, and that the file's newline
style is kept.

Every expected text is written here from the seed by hand (what the fix
must produce), not taken from proglint's output."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from proglint.cli import main
from proglint.config import Config, Layer
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import seed_text

S1071 = seed_text("1071.txt")
S1093 = seed_text("1093.txt")
S4497 = seed_text()

URL_1071 = "https://www.stsci.edu/jwst/science-execution/program-information?id=1071"
HEADING_1071 = "# 1071 - NIRCam Absolute FGS-NIRCam Alignment\n"


def one(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced (the test's own
    guard that a mutation hits exactly what it means to)."""
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)


def nth(text: str, old: str, new: str, n: int) -> str:
    """``text`` with the n-th (1-based) occurrence of ``old`` replaced."""
    at = -1
    for _ in range(n):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old) :]


@dataclass(frozen=True)
class Case:
    id: str
    code: str
    faulty: str  # the document with the fault
    fixed: str  # what --fix (--unsafe-fixes) must write
    unsafe: bool
    select: tuple[str, ...] = ()  # default: the code alone

    @property
    def options(self) -> list[str]:
        return ["--select", ",".join(self.select or (self.code,))]


ROW_1093 = "|            | 2            |            | NIRISS Aperture Masking Interferometry  | (1) AB-DOR      |\n"
ROW_1093_TARGET3 = "|            | 5            |            | NIRISS Aperture Masking Interferometry  | (3) HD-39567    |\n"
ROW_1093_OBS9 = "|            | 9            |            | NIRISS External Calibration             | (1) AB-DOR      |\n"
ROW_1071_1 = "|            | 1            | FGS-1, GS#1  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |\n"

CASES = [
    # PL123: an stsci.edu link with the program's id, in another form -> the first form (safe)
    Case("PL123-http-and-path", "PL123",
         one(S1071, URL_1071, "http://stsci.edu/jwst/science-execution/approved-programs?id=1071"), S1071, unsafe=False),
    Case("PL123-program-help", "PL123",
         one(S1071, URL_1071, "https://www.stsci.edu/jwst-program-info/program-help/?program=1071"), S1071, unsafe=False),
    # PL124: no URL -> the canonical URL of the document's id, below the heading (safe)
    Case("PL124", "PL124", one(S1071, URL_1071 + "\n", ""), S1071, unsafe=False),
    Case("PL124-last-line", "PL124", S1071[: S1071.index(URL_1071) - 1], S1071[: S1071.index(URL_1071) + len(URL_1071)],
         unsafe=False),
    # PL502: case, spacing and alias -> the vocabulary's name (safe; the check is off by default)
    Case("PL502-case", "PL502", one(S1093, ROW_1093, ROW_1093.replace("Aperture Masking", "aperture masking")),
         S1093, unsafe=False),
    Case("PL502-spacing", "PL502",
         one(S1093, ROW_1093, ROW_1093.replace("NIRISS Aperture Masking Interferometry  ", "NIRISS  Aperture Masking Interferometry ")),
         one(S1093, ROW_1093, ROW_1093.replace("NIRISS Aperture Masking Interferometry  ", "NIRISS Aperture Masking Interferometry ")),
         unsafe=False),
    # (the seed's six 'MIRI imaging' cells are fixed too)
    Case("PL502-alias", "PL502", nth(S4497, "| NIRSpec Fixed Slit Spectroscopy ", "| NIRSpec FS ", 1),
         S4497.replace("| MIRI imaging   ", "| MIRI Imaging   "), unsafe=False),
    # PL322: a target written with another capitalisation -> its first spelling (safe)
    Case("PL322", "PL322", one(S1093, ROW_1093, ROW_1093.replace("(1) AB-DOR", "(1) ab-dor")), S1093, unsafe=False),
    # PL120: the heading's id takes the front matter's; the odd front matter takes the others' (unsafe)
    Case("PL120-heading", "PL120", one(S1071, HEADING_1071, HEADING_1071.replace("1071", "1017")), S1071, unsafe=True),
    Case("PL120-front-matter", "PL120", one(S1071, "id: 1071\n", "id: 1017\n"), S1071, unsafe=True),
    Case("PL120-quoted-front-matter", "PL120", one(S1071, "id: 1071\n", "id: '1017'\n"),
         one(S1071, "id: 1071\n", "id: '1071'\n"), unsafe=True),
    # PL121: the URL's id takes the front matter's (unsafe)
    Case("PL121", "PL121", one(S1071, URL_1071, URL_1071.replace("1071", "1017")), S1071, unsafe=True),
    # PL122: the heading's title takes the front matter's program_title (unsafe)
    Case("PL122", "PL122", one(S1071, HEADING_1071, "# 1071 - NIRCam absolute FGS-NIRCam  Alignment 2\n"), S1071, unsafe=True),
    # a title with an 'X' at each end and a '#' inside: a heading line holds it exactly
    Case("PL122-x-and-hash", "PL122",
         one(one(S1071, 'program_title: "NIRCam Absolute FGS-NIRCam Alignment"', 'program_title: "X# Alignment X"'),
             HEADING_1071, "# 1071 - X Alignment\n"),
         one(one(S1071, 'program_title: "NIRCam Absolute FGS-NIRCam Alignment"', 'program_title: "X# Alignment X"'),
             HEADING_1071, "# 1071 - X# Alignment X\n"), unsafe=True),
    # PL220: a duplicate observation number -> one past the highest (unsafe)
    Case("PL220", "PL220", one(S1071, "|            | 2            | FGS-1, GS#2", "|            | 7            | FGS-1, GS#2"),
         one(one(S1071, "|            | 2            | FGS-1, GS#2", "|            | 7            | FGS-1, GS#2"),
             "|            | 7            | FGS-2, GS#2", "|            | 11            | FGS-2, GS#2"), unsafe=True),
    # PL320: a number naming another target -> the name's own number (unsafe) ...
    Case("PL320-own-number", "PL320", one(S1093, ROW_1093_TARGET3, ROW_1093_TARGET3.replace("(3)", "(2)")), S1093, unsafe=True),
    # ... or, for a name with no number of its own, one past the highest (1093 uses 1 to 5)
    Case("PL320-free-number", "PL320", one(S1093, ROW_1093, ROW_1093.replace("(1) AB-DOR", "(1) HD-99999")),
         one(S1093, ROW_1093, ROW_1093.replace("(1) AB-DOR", "(6) HD-99999")), unsafe=True),
    # ... or, for a near miss of the number's own target, its name
    Case("PL320-typo", "PL320", one(S1093, ROW_1093, ROW_1093.replace("(1) AB-DOR", "(1) AB-D0R")), S1093, unsafe=True),
    # PL321: a name with another number -> the name's own number (unsafe)
    Case("PL321", "PL321", one(S1093, ROW_1093_OBS9, ROW_1093_OBS9.replace("(1) AB-DOR", "(6) AB-DOR")), S1093, unsafe=True),
    # PL101: an unknown key close to a known one that is not given -> renamed (unsafe)
    Case("PL101", "PL101", one(S1071, "program_title:", "programme_title:"), S1071, unsafe=True),
    # PL103: a repeated key with the same value -> dropped (safe) ...
    Case("PL103-same", "PL103", one(S1071, 'cycle: "0"\n', 'cycle: "0"\ncycle: "0"  # again\n'), S1071, unsafe=False),
    # ... with another value -> dropped too, but only with --unsafe-fixes
    Case("PL103-other", "PL103", one(S1071, 'type: ""\n', 'type: ""\ntype:\n  - a\n  - b\n'), S1071, unsafe=True),
    # PL102: a missing key -> added empty where the schema lists it (unsafe)
    Case("PL102-middle", "PL102", one(S1071, 'cycle: "0"\n', ""), one(S1071, 'cycle: "0"\n', 'cycle: ""\n'), unsafe=True),
    Case("PL102-last", "PL102", one(S1071, 'type: ""\n', ""), S1071, unsafe=True),
    Case("PL102-two", "PL102", one(one(S1071, 'type: ""\n', ""), 'pi_and_co_pis: ""\n', ""),
         S1071, unsafe=True),
    # PL012: a row without its closing '|' -> closed (safe); the cells read the same
    Case("PL012", "PL012", one(S1071, ROW_1071_1, ROW_1071_1.replace("LMC-ASTROMETRIC  |", "LMC-ASTROMETRIC")),
         one(S1071, ROW_1071_1, ROW_1071_1.replace("LMC-ASTROMETRIC  |", "LMC-ASTROMETRIC |")), unsafe=False),
    # PL011: a '|' inside the Label -> escaped (unsafe)
    Case("PL011", "PL011", one(S1071, ROW_1071_1, ROW_1071_1.replace("FGS-1, GS#1", "FGS-1 | GS#1")),
         one(S1071, ROW_1071_1, ROW_1071_1.replace("FGS-1, GS#1", "FGS-1 \\| GS#1")), unsafe=True),
]


def fix(path, case: Case, *extra: str) -> int:
    return main([str(path), "--fix", "--no-cache", "--format", "concise", *case.options, *extra])


def findings_of(text: str, case: Case):
    config = Config(layers=(Layer(select=case.select or (case.code,)),))
    return [d for d in active(lint(Source.from_text("p.txt", text), config)) if d.code == case.code]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_fault_is_reported_with_its_fix(case):
    found = findings_of(case.faulty, case)
    assert found and all(d.fix is not None for d in found)
    assert {d.fix.applicability for d in found} == {"unsafe" if case.unsafe else "safe"}
    assert findings_of(case.fixed, case) == []


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fix_writes_exactly_the_repair(tmp_path, capsys, case, newline):
    path = tmp_path / "p.txt"  # a name without an id: the file name takes no part in PL120's vote
    faulty, fixed = case.faulty.replace("\n", newline), case.fixed.replace("\n", newline)
    path.write_bytes(faulty.encode())
    fix(path, case)
    # a safe fix is applied by --fix alone; an unsafe one waits for --unsafe-fixes
    assert path.read_bytes().decode() == (faulty if case.unsafe else fixed)
    assert fix(path, case, "--unsafe-fixes") == 0
    assert path.read_bytes().decode() == fixed
    assert fix(path, case, "--unsafe-fixes") == 0  # nothing left to fix: a second run changes nothing
    assert path.read_bytes().decode() == fixed
    capsys.readouterr()


NO_FIX: list[tuple[str, str, str]] = [
    # a link to another site, or without an id, may be meant: reported, not rewritten
    ("PL123", "other-site", one(S1071, URL_1071, "https://example.org/program-information?id=1071")),
    ("PL123", "no-id", one(S1071, URL_1071, "https://www.stsci.edu/jwst/science-execution/approved-programs")),
    # the front matter and the heading name two programs: which id the URL takes is PL120's question
    ("PL124", "ids-disagree", one(one(S1071, URL_1071 + "\n", ""), HEADING_1071, HEADING_1071.replace("1071", "1017"))),
    # the close key is already given: renaming would repeat it
    ("PL101", "close-key-given", one(S1071, 'type: ""\n', 'type: ""\ntyp: ""\n')),
    # a flow mapping: no line of its own to add or drop
    ("PL102", "flow-mapping", one(S1071, S1071[4 : S1071.index("---", 3)],
                                   '{id: 1071, proposal_type: "COM/NIRCAM", cycle: "0", '
                                   'exclusive_access_period_months: "0", instrument_mode: "", pi_and_co_pis: "", '
                                   'prime_parallel_time_hours: "", program_title: "NIRCam Absolute FGS-NIRCam Alignment"}\n')),
    ("PL103", "same-line", one(S1071, 'type: ""\n', 'type: {a: 1, a: 1}\n')),
    # a title a heading line cannot hold exactly
    ("PL122", "padded-title", one(S1071, 'program_title: "NIRCam Absolute FGS-NIRCam Alignment"',
                                  'program_title: "NIRCam Absolute FGS-NIRCam Alignment "')),
    # a closing '#' (read as the heading's closing sequence), an HTML comment, a line break
    *(("PL122", why, one(S1071, 'program_title: "NIRCam Absolute FGS-NIRCam Alignment"', f'program_title: "{title}"'))
      for why, title in (("closing-hash", "Alignment #"), ("html-comment", "Alignment <!-- x -->"),
                         ("line-break", "Alignment\\nsecond line"))),
]


@pytest.mark.parametrize("code, why, text", NO_FIX, ids=[f"{c}-{w}" for c, w, _ in NO_FIX])
def test_no_fix_where_the_document_does_not_decide(tmp_path, capsys, code, why, text):
    found = [d for d in active(lint(Source.from_text("p.txt", text), Config(layers=(Layer(select=(code,)),)))) if d.code == code]
    assert found and all(d.fix is None for d in found)
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    warning_only = code in ("PL123", "PL124")  # the one warning here: it does not fail the run
    assert main([str(path), "--fix", "--unsafe-fixes", "--no-cache", "--select", code]) == (0 if warning_only else 1)
    assert path.read_text(encoding="utf-8") == text
    assert "fixed" not in capsys.readouterr().err


def test_the_fixes_messages_name_what_they_write():
    """What ``--show-fixes`` and editors show: the fix's own message."""
    def message(case_id):
        case = next(c for c in CASES if c.id == case_id)
        return [d.fix.message for d in findings_of(case.faulty, case)]

    assert message("PL123-http-and-path") == [f"write {URL_1071}"]
    assert message("PL124") == [f"add {URL_1071} below the heading"]
    assert message("PL120-heading") == ["make the heading's id 1071"]
    assert message("PL120-front-matter") == ["make the front matter's id 1071"]
    assert message("PL121") == ["make the URL's id 1071"]
    assert message("PL122") == ["copy the front matter's program_title"]
    assert message("PL320-own-number") == ["renumber it 3"]
    assert message("PL320-free-number") == ["renumber it 6"]
    assert message("PL320-typo") == ["write AB-DOR"]
    assert message("PL321") == ["renumber it 1"]
    assert message("PL322") == ["write AB-DOR"]
    assert message("PL101") == ["rename 'programme_title' to 'program_title'"]
    assert message("PL103-same") == ["remove the repeated 'cycle' (the same value as the first)"]
    assert message("PL103-other") == ["remove the later 'type' and its value"]
    assert message("PL102-two") == ["add 'pi_and_co_pis: \"\"'", "add 'type: \"\"'"]
    assert message("PL011") == ["escape the '|' in the Label as '\\|'"]


def test_a_missing_id_is_added_empty_and_then_reported_as_empty(tmp_path, capsys):
    """The one fix that leaves a finding of another check: an empty id is a
    placeholder the author fills in, and PL107 says so at it."""
    path = tmp_path / "p.txt"
    path.write_text(one(S1071, "id: 1071\n", ""), encoding="utf-8")
    assert main([str(path), "--fix", "--unsafe-fixes", "--no-cache", "--format", "concise"]) == 1
    assert path.read_text(encoding="utf-8") == one(S1071, "id: 1071\n", 'id: ""\n')
    out = capsys.readouterr().out
    assert f"{path}:2:5: error PL107 id must be the program ID, a whole number from 1 to 99999 (such as 1071); found nothing" in out
