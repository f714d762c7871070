"""Every output format, from real runs of the command line on seed documents
with injected problems, read back by a real consumer: the official SARIF
schema, a JUnit XSD and a JUnit reader, JSON parsers; each result compared
field by field with the findings of the JSON report of the same run (whose
own shape ``test_cli`` checks against the report schema).

The documents (in a temporary folder, linted with relative paths):

* ``broken.txt``: seed 000 with a sixth cell on line 22 (PL011, error) and an
  unknown proposal type on line 3 (PL110, warning); its six ``MIRI imaging``
  cells give PL502 (info, fixable) when that check is selected;
* ``clean.txt``: seed 1071, clean under the selected checks.

``--select`` keeps the set of findings exact whatever other rules exist.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from jsonschema.validators import validator_for

from conftest import ROOT, seed_text

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"  # vendored; provenance in tests/data/README.md
JUNIT_XSD = ROOT / "tests" / "data" / "junit-10.xsd"
SELECT = ("--select", "PL011,PL110,PL502")
FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab")


def _broken_text() -> str:
    lines = seed_text().split("\n")
    assert lines[2] == 'proposal_type: "calibration"'
    lines[2] = 'proposal_type: "calibrashun"'
    lines[21] = lines[21].rstrip() + " extra |"
    return "\n".join(lines)


BROKEN = _broken_text()
BROKEN_LINES = BROKEN.split("\n")
EXTRA_COLUMN = BROKEN_LINES[21].index("extra") + 1  # 1-based, code points
MIRI_LINES = [n for n, line in enumerate(BROKEN_LINES, start=1) if "| MIRI imaging " in line]


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, "-m", "proglint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**environment, **(env or {})},
    )


@pytest.fixture
def docs(tmp_path) -> Path:
    (tmp_path / "broken.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(seed_text("1071.txt"), encoding="utf-8")
    return tmp_path


def json_report(*args: str, cwd: Path) -> dict:
    result = run(*args, "--format", "json", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


# -- SARIF ---------------------------------------------------------------


def sarif_validator():
    assert SARIF_SCHEMA.is_file(), f"the official SARIF schema is expected at {SARIF_SCHEMA}"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def valid_sarif(text: str) -> dict:
    log = json.loads(text)
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return log


def sarif(*args: str, cwd: Path) -> dict:
    result = run(*args, "--format", "sarif", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return valid_sarif(result.stdout)


LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def test_the_sarif_schema_is_the_official_offline_copy():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert validator_for(schema) is jsonschema.Draft4Validator
    with pytest.raises(jsonschema.ValidationError):  # it does reject a wrong log
        sarif_validator().validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})


def test_sarif_results_match_the_findings_field_by_field(docs):
    args = ("broken.txt", "clean.txt", *SELECT)
    log = sarif(*args, cwd=docs)
    expected = json_report(*args, cwd=docs)["diagnostics"]
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert len(results) == len(expected) == 8
    for result, d in zip(results, expected):
        assert result["ruleId"] == d["code"]
        assert rules[result["ruleIndex"]]["id"] == d["code"]
        assert rules[result["ruleIndex"]]["name"] == d["name"]
        assert result["level"] == LEVEL[d["severity"]]
        assert result["message"]["text"] == d["message"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == d["path"]
        assert physical["region"] == {
            "startLine": d["line"],
            "startColumn": d["column"],
            "endLine": d["end_line"],
            "endColumn": d["end_column"],
        }
        assert "suppressions" not in result
    error = next(r for r in results if r["ruleId"] == "PL011")
    assert error["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 22, "startColumn": EXTRA_COLUMN, "endLine": 22, "endColumn": EXTRA_COLUMN + len("extra"),
    }
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results if r["ruleId"] == "PL502"] == MIRI_LINES


def test_sarif_rule_table_lists_every_check_with_its_documentation(docs):
    driver = sarif("broken.txt", *SELECT, cwd=docs)["runs"][0]["tool"]["driver"]
    from proglint import __version__

    assert (driver["name"], driver["version"]) == ("proglint", __version__)
    assert driver["informationUri"].startswith("https://")
    listing = json.loads(run("rules", "--format", "json", "--isolated", cwd=docs).stdout)
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert [rule["id"] for rule in driver["rules"]] == sorted(rules)
    assert set(rules) == {check["code"] for check in listing}
    for check in listing:
        rule = rules[check["code"]]
        assert rule["name"] == check["name"]
        assert rule["shortDescription"]["text"] == check["summary"]
        assert rule["defaultConfiguration"] == {
            "enabled": check["enabled_by_default"],
            "level": LEVEL[check["default_severity"]],
        }
        assert rule["properties"]["fixable"] == check["fixable"]
        assert rule["fullDescription"]["text"]
    # the help is the rule's documentation, as `proglint explain` prints it
    explained = run("explain", "PL011", cwd=docs).stdout
    help_ = rules["PL011"]["help"]
    assert "Markdown renderers silently drop" in help_["markdown"] and "Markdown renderers silently drop" in explained
    assert help_["text"].startswith(rules["PL011"]["shortDescription"]["text"])
    (what,) = [p for p in explained.split("\n\n") if p.startswith("**What it does.** ")]
    assert rules["PL011"]["fullDescription"]["text"] == " ".join(what.removeprefix("**What it does.** ").split())
    levels = {(r["defaultConfiguration"]["level"], r["defaultConfiguration"]["enabled"]) for r in rules.values()}
    assert {"error", "warning", "note"} <= {level for level, _ in levels} and (False in {on for _, on in levels})


SUPPRESSED_ROW = "|            | 3            | FGS-1, GS#3  | NIRCam Imaging      | (1) LMC-ASTROMETRIC  |"


def test_sarif_carries_suppressed_findings_with_their_reason(tmp_path):
    base = seed_text("1071.txt")
    assert SUPPRESSED_ROW in base
    row = SUPPRESSED_ROW.replace("FGS-1, GS#3 ", "FGS-1, GS#3 <!-- proglint-disable-line PL011 -- APT export quirk -->") + " x |"
    text = base.replace(SUPPRESSED_ROW, row)
    (tmp_path / "p.txt").write_text(text, encoding="utf-8")
    result = run("p.txt", "--format", "sarif", cwd=tmp_path)
    assert result.returncode == 0  # a silenced finding does not fail the run
    (finding,) = valid_sarif(result.stdout)["runs"][0]["results"]
    report = json_report("p.txt", cwd=tmp_path)
    assert report["diagnostics"] == []
    (silenced,) = report["suppressed"]
    line = text.split("\n").index(row) + 1
    assert finding["ruleId"] == silenced["code"] == "PL011"
    assert finding["locations"][0]["physicalLocation"]["region"]["startLine"] == silenced["line"] == line
    (suppression,) = finding["suppressions"]
    assert suppression["kind"] == "inSource"
    assert suppression["justification"] == silenced["suppression"]["reason"] == "APT export quirk"
    comment = suppression["location"]["physicalLocation"]["region"]
    assert (comment["startLine"], comment["startColumn"]) == (line, row.index("<!--") + 1)


def test_sarif_fix_replaces_the_region_with_the_rules_text(docs):
    log = sarif("broken.txt", "--select", "PL502", cwd=docs)
    results = log["runs"][0]["results"]
    assert len(results) == len(MIRI_LINES)
    lines = BROKEN.split("\n")
    for result in results:
        (fix,) = result["fixes"]
        assert fix["description"]["text"] == "write 'MIRI Imaging'"
        (change,) = fix["artifactChanges"]
        assert change["artifactLocation"]["uri"] == "broken.txt"
        (replacement,) = change["replacements"]
        region = replacement["deletedRegion"]
        assert region == result["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "MIRI imaging"
        assert replacement["insertedContent"]["text"] == "MIRI Imaging"


def test_sarif_of_a_constructed_report_with_multi_edit_fix_and_related_place():
    """Shapes no current rule produces (several edits, a note elsewhere,
    an empty region, a path that needs escaping) are still valid SARIF."""
    from proglint.diagnostic import Diagnostic, Edit, Fix, Related, Severity, Suppression
    from proglint.report import Options, Report, render
    from proglint.span import Span

    fix = Fix("rewrite both", (Edit(Span(2, 1, 2, 4), "abc"), Edit(Span(3, 1, 4, 1), "")))
    d = Diagnostic(
        "PL999", "made-up", Severity.WARNING, "two edits", Span(2, 1, 2, 4), "docs/my doc.txt",
        fix=fix, related=(Related(Span(1, 1, 1, 1), "first here"),),
    )
    s = Diagnostic(
        "PL998", "also-made-up", Severity.INFO, "silenced", Span(1, 1, 1, 1), "/abs/p.txt",
        suppression=Suppression("disable-file", None, Span(1, 1, 1, 30)),
    )
    log = valid_sarif(render("sarif", Report([d], {}, 1, suppressed=[s]), Options()))
    first, second = log["runs"][0]["results"]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "file:///abs/p.txt"
    assert second["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/my%20doc.txt"
    assert [r["insertedContent"]["text"] for r in second["fixes"][0]["artifactChanges"][0]["replacements"]] == ["abc", ""]
    assert second["relatedLocations"][0]["message"]["text"] == "first here"
    (suppression,) = first["suppressions"]
    assert suppression["kind"] == "inSource" and "justification" not in suppression  # no reason given
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} == {"PL998", "PL999"}


def fingerprints_of(log: dict) -> list[tuple[str, int, str]]:
    key = "proglintContentHash/v1"
    return [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"], r["partialFingerprints"][key])
        for r in log["runs"][0]["results"]
    ]


def test_sarif_fingerprints_survive_a_line_inserted_above(docs):
    args = ("broken.txt", *SELECT)
    before = fingerprints_of(sarif(*args, cwd=docs))
    lines = BROKEN.split("\n")
    lines.insert(1, "# a YAML comment: every finding moves down one line")
    (docs / "broken.txt").write_text("\n".join(lines), encoding="utf-8")
    after = fingerprints_of(sarif(*args, cwd=docs))
    assert [(code, line + 1) for code, line, _ in before] == [(code, line) for code, line, _ in after]
    assert [fp for *_, fp in before] == [fp for *_, fp in after]
    # six identical misspellings are still six different findings
    assert len({fp for *_, fp in before}) == len(before) == 8


def test_sarif_counts_columns_in_code_points(tmp_path):
    lines = BROKEN.split("\n")
    lines[21] = lines[21].replace("NIRCam Imaging Sub1", "NIRCam Imaging S\u00fcb1 \U0001d6fc").rstrip()
    (tmp_path / "u.txt").write_text("\n".join(lines), encoding="utf-8")
    log = sarif("u.txt", "--select", "PL011", cwd=tmp_path)
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"
    (result,) = log["runs"][0]["results"]
    prefix = lines[21][: lines[21].index("extra")]
    # 'ü' is two UTF-8 bytes, the mathematical alpha two UTF-16 units: only code points give this column
    assert len(prefix.encode("utf-8")) > len(prefix.encode("utf-16-le")) // 2 > len(prefix)
    assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] == len(prefix) + 1


def test_sarif_output_is_deterministic(docs):
    args = ("broken.txt", "clean.txt", *SELECT, "--format", "sarif")
    assert run(*args, cwd=docs).stdout == run(*args, cwd=docs).stdout


# -- GitHub Actions --------------------------------------------------------


def gh_data(text: str) -> str:
    """GitHub's escaping, written from its documentation, not from proglint."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(text: str) -> str:
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")


def test_github_exact_lines(docs):
    result = run("broken.txt", "--select", "PL011,PL110", "--format", "github", cwd=docs)
    assert result.returncode == 1
    warning = json_report("broken.txt", "--select", "PL110", cwd=docs)["diagnostics"][0]
    assert result.stdout.splitlines() == [
        f"::warning file=broken.txt,line=3,col={warning['column']},endLine=3,endColumn={warning['end_column']},"
        f"title=PL110 unknown-proposal-type::{warning['message']}",
        f"::error file=broken.txt,line=22,col={EXTRA_COLUMN},endLine=22,endColumn={EXTRA_COLUMN + 5},"
        "title=PL011 table-row-cells::the row has 6 cells, expected 5: remove the extra cell(s) or escape a '|' inside a cell as '\\|'",
        "Checked 1 file: 1 error, 1 warning.",
    ]
    assert warning["column"] == BROKEN_LINES[2].index('"calibrashun"') + 1


def test_github_infos_are_notices_and_quiet_drops_the_summary(docs):
    result = run("broken.txt", "--select", "PL502", "--format", "github", "--quiet", cwd=docs)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::notice"] * len(MIRI_LINES)
    assert [int(re.search(r",line=(\d+),", line).group(1)) for line in lines] == MIRI_LINES


def test_github_escapes_percent_cr_lf_colon_and_comma(tmp_path):
    # a YAML escape puts CR LF into the title; the heading then mismatches it
    lines = seed_text().split("\n")
    assert lines[8].startswith('program_title: "CAL-FLUX-202 ')
    lines[8] = lines[8].replace('"CAL-FLUX-202 ', '"CAL-FLUX-202 100%, a:b\\r\\nc ')
    name = "we%ird,na:me.txt"
    (tmp_path / name).write_text("\n".join(lines), encoding="utf-8")
    result = run(name, "--select", "PL122", "--format", "github", "--quiet", cwd=tmp_path)
    (d,) = json_report(name, "--select", "PL122", cwd=tmp_path)["diagnostics"]
    assert "100%, a:b\r\nc" in d["message"]  # the real message holds all five
    (line,) = result.stdout.splitlines()
    assert line == (
        f"::error file=we%25ird%2Cna%3Ame.txt,line={d['line']},col={d['column']},endLine={d['end_line']},"
        f"endColumn={d['end_column']},title=PL122 title-mismatch::{gh_data(d['message'])}"
    )
    assert "100%25, a:b%0D%0Ac" in line  # data keeps ':' and ','


def test_github_property_escaping_in_process():
    from proglint.report.github import escape_data, escape_property

    for text in ("50% a:b,c\r\nd", "%0A", "plain", ""):
        assert escape_data(text) == gh_data(text)
        assert escape_property(text) == gh_property(text)
    assert escape_property("%3A:") == "%253A%3A"  # '%' first, so escapes are not re-escaped


def test_github_is_chosen_under_github_actions(docs):
    auto = run("broken.txt", "--select", "PL011", cwd=docs, env={"GITHUB_ACTIONS": "true"})
    explicit = run("broken.txt", "--select", "PL011", "--format", "github", cwd=docs)
    assert auto.returncode == 1 and auto.stdout == explicit.stdout and auto.stdout.startswith("::error ")
    text = run("broken.txt", "--select", "PL011", "--format", "text", cwd=docs, env={"GITHUB_ACTIONS": "true"})
    assert text.stdout.startswith("broken.txt:22:")
    elsewhere = run("broken.txt", "--select", "PL011", cwd=docs, env={"GITHUB_ACTIONS": "false"})
    assert elsewhere.stdout.startswith("broken.txt:22:")


# -- JUnit -----------------------------------------------------------------


def test_junit_validates_against_the_xsd_and_reads_back(docs):
    """One test case per document: a clean one passes, a broken one fails
    with its errors listed; warnings and infos are its output, not failures."""
    import xmlschema
    from junitparser import Failure, JUnitXml

    args = ("broken.txt", "clean.txt", *SELECT)
    result = run(*args, "--format", "junit", cwd=docs)
    assert result.returncode == 1
    xmlschema.XMLSchema(str(JUNIT_XSD)).validate(result.stdout)
    findings = json_report(*args, cwd=docs)["diagnostics"]

    xml = JUnitXml.fromstring(result.stdout)
    (suite,) = xml
    assert suite.name == "proglint"
    assert (xml.tests, xml.failures, xml.errors) == (2, 1, 0)
    cases = {case.name: case for case in suite}
    assert set(cases) == {"broken.txt", "clean.txt"}
    assert all(case.classname == "proglint" for case in cases.values())
    assert cases["clean.txt"].result == [] and not cases["clean.txt"].system_out

    (failure,) = cases["broken.txt"].result
    (error,) = [d for d in findings if d["severity"] == "error"]
    assert isinstance(failure, Failure)
    assert (failure.type, failure.message) == ("error", f"1 error; first: PL011 {error['message']}")
    assert failure.text.strip() == f"broken.txt:22:{EXTRA_COLUMN}: error PL011 {error['message']}"
    # warnings and infos do not fail the test case; they are in its output, in order
    assert cases["broken.txt"].system_out.strip().split("\n") == [
        f"{d['path']}:{d['line']}:{d['column']}: {d['severity']} {d['code']} {d['message']}"
        for d in findings
        if d["severity"] != "error"
    ]


def test_junit_strict_makes_warnings_failures(docs):
    import xmlschema
    from junitparser import JUnitXml

    result = run("broken.txt", "clean.txt", "--select", "PL110", "--format", "junit", cwd=docs)
    assert result.returncode == 0 and JUnitXml.fromstring(result.stdout).failures == 0
    strict = run("broken.txt", "clean.txt", "--select", "PL110", "--format", "junit", "--strict", cwd=docs)
    assert strict.returncode == 1
    xmlschema.XMLSchema(str(JUNIT_XSD)).validate(strict.stdout)
    (suite,) = JUnitXml.fromstring(strict.stdout)
    cases = {case.name: case for case in suite}
    (failure,) = cases["broken.txt"].result
    assert failure.message.startswith("1 finding; first: PL110 ")


def test_junit_several_errors_of_one_document_share_one_failure(tmp_path):
    import xmlschema
    from junitparser import JUnitXml

    lines = seed_text().split("\n")
    for index in (21, 22):
        lines[index] = lines[index].rstrip() + " extra |"
    (tmp_path / "two.txt").write_text("\n".join(lines), encoding="utf-8")
    result = run("two.txt", "--select", "PL011", "--format", "junit", cwd=tmp_path)
    xmlschema.XMLSchema(str(JUNIT_XSD)).validate(result.stdout)
    (suite,) = JUnitXml.fromstring(result.stdout)
    (case,) = suite
    (failure,) = case.result
    assert failure.message.startswith("2 errors; first: PL011 ")
    assert [line.split(": ", 1)[0] for line in failure.text.strip().split("\n")] == [
        f"two.txt:22:{lines[21].index('extra') + 1}",
        f"two.txt:23:{lines[22].index('extra') + 1}",
    ]


def test_junit_escapes_markup_and_control_characters():
    import xmlschema
    from junitparser import JUnitXml

    from proglint.diagnostic import Diagnostic, Severity
    from proglint.report import Options, Report, render
    from proglint.span import Span

    message = "a <b> & \"c\" \x1b[31m\x00 \u00e9"
    d = Diagnostic("PL999", "made-up", Severity.ERROR, message, Span(1, 1, 1, 2), "p&q.txt")
    text = render("junit", Report([d], ran={"p&q.txt": ("PL999",)}), Options())
    xmlschema.XMLSchema(str(JUNIT_XSD)).validate(text)
    (suite,) = JUnitXml.fromstring(text)
    (case,) = suite
    assert case.name == "p&q.txt"
    assert case.result[0].message == '1 error; first: PL999 a <b> & "c" \\x1b[31m\\x00 \u00e9'


def test_junit_xsd_rejects_what_it_should():
    import xmlschema

    schema = xmlschema.XMLSchema(str(JUNIT_XSD))
    assert not schema.is_valid('<testsuites><testsuite tests="1"><testcase/></testsuite></testsuites>')


# -- GitLab Code Quality ---------------------------------------------------

GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def gitlab(*args: str, cwd: Path) -> list:
    result = run(*args, "--format", "gitlab", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_gitlab_shape_and_severities(docs):
    args = ("broken.txt", "clean.txt", *SELECT)
    issues = gitlab(*args, cwd=docs)
    findings = json_report(*args, cwd=docs)["diagnostics"]
    assert len(issues) == len(findings) == 8
    for issue, d in zip(issues, findings):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == d["code"]
        assert issue["description"] == f"{d['code']} [{d['name']}] {d['message']}"
        assert issue["severity"] == GITLAB_SEVERITY[d["severity"]]
        assert issue["location"] == {"path": d["path"], "lines": {"begin": d["line"], "end": d["end_line"]}}
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
    assert {i["severity"] for i in issues} == {"major", "minor", "info"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # GitLab drops duplicates


def test_gitlab_fingerprints_survive_a_line_inserted_above_and_match_sarif(docs):
    args = ("broken.txt", *SELECT)
    before = gitlab(*args, cwd=docs)
    sarif_prints = [fp for *_, fp in fingerprints_of(sarif(*args, cwd=docs))]
    assert [i["fingerprint"] for i in before] == sarif_prints
    (docs / "broken.txt").write_text(BROKEN.replace("## OBSERVATIONS TABLE", "Inserted line.\n\n## OBSERVATIONS TABLE"), encoding="utf-8")
    after = gitlab(*args, cwd=docs)
    moved = [i for i in after if i["check_name"] != "PL110"]
    assert all(a["location"]["lines"]["begin"] == b["location"]["lines"]["begin"] + 2 for a, b in zip(moved, [i for i in before if i["check_name"] != "PL110"]))
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_gitlab_empty_report_is_an_empty_list(docs):
    assert gitlab("clean.txt", cwd=docs) == []


# -- JSON Lines ------------------------------------------------------------


def test_json_lines_one_object_per_finding(docs):
    from proglint.resources import schema_path

    args = ("broken.txt", "clean.txt", *SELECT)
    result = run(*args, "--format", "json-lines", cwd=docs)
    assert result.returncode == 1
    assert result.stdout.endswith("\n")
    objects = [json.loads(line) for line in result.stdout.split("\n")[:-1]]
    assert objects == json_report(*args, cwd=docs)["diagnostics"]
    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    one = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/diagnostic"}
    for obj in objects:
        jsonschema.Draft202012Validator(one).validate(obj)
    assert run("clean.txt", "--format", "json-lines", cwd=docs).stdout == ""


def test_json_lines_keeps_unicode_line_separators_inside_their_line():
    from proglint.diagnostic import Diagnostic, Severity
    from proglint.report import Options, Report, render
    from proglint.span import Span

    d = Diagnostic("PL999", "x", Severity.ERROR, "a\u2028b\x85c\nd", Span(1, 1, 1, 2), "p.txt")
    text = render("json-lines", Report([d, d]), Options())
    assert len(text.splitlines()) == 2  # str.splitlines splits on U+2028 and U+0085 too
    assert [json.loads(line)["message"] for line in text.splitlines()] == ["a\u2028b\x85c\nd"] * 2


# -- text: summary, statistics, quiet, source -------------------------------


def test_text_ends_with_a_one_line_summary(docs):
    result = run("broken.txt", "clean.txt", *SELECT, "--no-show-source", cwd=docs)
    lines = result.stdout.splitlines()
    assert lines[-1] == "Checked 2 files: 1 error, 1 warning, 6 infos. 6 fixable with --fix."  # PL502's six
    assert lines[-2] == ""
    assert len(lines) == 8 + 2
    assert run("clean.txt", cwd=docs).stdout == "Checked 1 file: no problems found.\n"


def test_statistics_count_per_check_with_name_and_fixable(docs):
    result = run("broken.txt", "clean.txt", *SELECT, "--statistics", "--quiet", "--no-show-source", cwd=docs)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    findings, table = lines[:8], lines[8:]
    assert all(line.startswith("broken.txt:") for line in findings)
    rows = [re.fullmatch(r"\s*(\d+)\s+(\S+)\s+(\S+)(?:\s+(\[\*\] fixable))?", line) for line in table]
    assert all(rows), table
    assert [row.groups() for row in rows] == [
        ("6", "PL502", "template-spelling", "[*] fixable"),
        ("1", "PL011", "table-row-cells", None),
        ("1", "PL110", "unknown-proposal-type", None),
    ]
    assert run("clean.txt", "--statistics", "--quiet", cwd=docs).stdout == ""


def test_quiet_prints_only_the_findings(docs):
    quiet = run("broken.txt", *SELECT, "--quiet", "--no-show-source", cwd=docs)
    assert quiet.stdout.splitlines() == run("broken.txt", *SELECT, "--format", "text", "--no-show-source", cwd=docs).stdout.splitlines()[:8]
    assert len(quiet.stdout.splitlines()) == 8
    assert run("clean.txt", "--quiet", cwd=docs).stdout == ""


def test_show_source_and_no_show_source(docs):
    shown = run("broken.txt", "--select", "PL011", "--quiet", cwd=docs).stdout.splitlines()
    assert shown[0].startswith(f"broken.txt:22:{EXTRA_COLUMN}: error PL011 [table-row-cells] ")
    assert shown[1:] == ["   |", f"22 | {BROKEN_LINES[21]}", "   | " + " " * (EXTRA_COLUMN - 1) + "^^^^^"]
    assert run("broken.txt", "--select", "PL011", "--quiet", "--show-source", cwd=docs).stdout.splitlines() == shown
    hidden = run("broken.txt", "--select", "PL011", "--quiet", "--no-show-source", cwd=docs).stdout.splitlines()
    assert hidden == shown[:1]


# -- --output-file, exit status --------------------------------------------


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "text"])
def test_output_file_holds_the_format_while_the_terminal_shows_text(docs, fmt):
    args = ("broken.txt", "clean.txt", *SELECT)
    (docs / "out").mkdir()
    result = run(*args, "--format", fmt, "--output-file", "out/report", cwd=docs)
    assert result.returncode == 1
    assert result.stdout == run(*args, "--format", "text", cwd=docs).stdout
    written = (docs / "out" / "report").read_text(encoding="utf-8")
    assert written == run(*args, "--format", fmt, cwd=docs).stdout
    assert [p.name for p in (docs / "out").iterdir()] == ["report"]  # no temporary file left behind
    if fmt == "sarif":
        valid_sarif(written)


def test_output_file_is_replaced_atomically(docs, monkeypatch, capsys):
    """A crash while writing leaves the previous report whole and no stray file."""
    import proglint.atomic
    from proglint.cli import main

    report = docs / "report.sarif"
    report.write_text("previous report\n", encoding="utf-8")

    real_replace = proglint.atomic.os.replace

    def crash(src, dst):
        if Path(dst) != report:  # proglint's own caches may be written meanwhile
            return real_replace(src, dst)
        assert Path(src).parent == report.parent and Path(src).read_text(encoding="utf-8").startswith("{")
        raise OSError("disk full")

    monkeypatch.chdir(docs)
    monkeypatch.setattr(proglint.atomic.os, "replace", crash)
    assert main(["broken.txt", *SELECT, "--no-cache", "--format", "sarif", "--output-file", str(report)]) == 2
    assert "disk full" in capsys.readouterr().err
    assert report.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in docs.iterdir()) == ["broken.txt", "clean.txt", "report.sarif"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_status_is_the_same_in_every_format(docs, fmt):
    assert run("broken.txt", *SELECT, "--format", fmt, cwd=docs).returncode == 1
    assert run("broken.txt", *SELECT, "--format", fmt, "--exit-zero", cwd=docs).returncode == 0
    assert run("broken.txt", "--select", "PL110,PL502", "--format", fmt, cwd=docs).returncode == 0  # no errors
    assert run("missing.txt", "--format", fmt, cwd=docs).returncode == 2
