"""SARIF 2.1.0, the log GitHub code scanning (and most review tools) read.

Why SARIF and not only JSON: code scanning shows a SARIF result as an alert
on the exact characters of a pull request, remembers it across pushes by
its ``partialFingerprints`` and shows the rule's help beside it.  So the
log carries:

* the rule table — every check the run knew (``report.checks``), with its
  summary, documentation (as help text and markdown), default level and
  whether it is on by default, so an alert explains itself;
* results with 1-based regions whose columns count code points
  (``columnKind: unicodeCodePoints``, as proglint's spans do; the end
  column is exclusive, as SARIF's is);
* fingerprints that survive inserted lines (see :mod:`.fingerprint`);
* findings silenced by an inline comment, as results with an
  ``inSource`` suppression (its reason as the justification, the comment's
  place as its location) — SARIF consumers show them as suppressed rather
  than open, and an auditor can still see what was silenced and why;
* a rule's fix as ``fixes`` (replace a region with new text).

Paths are written relative to ``%SRCROOT%``, the repository root (the
folder holding ``.git``, else the working folder), whatever folder proglint
ran from; ``originalUriBaseIds`` says where that is on the machine that ran
(code scanning resolves ``%SRCROOT%`` to its checkout instead).  Files
outside the repository are ``file://`` URIs.  Everything is sorted
so that two runs over the same files give the same bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePath
from urllib.parse import quote

from .. import __version__
from ..diagnostic import Severity
from ..ruledocs import group_of
from .fingerprint import VERSION, fingerprints

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# proglint has no public home page yet; this placeholder (the domain the
# report schema's $id uses) is the one line to change when it has one.
INFORMATION_URI = "https://proglint.invalid/"
FINGERPRINT_KEY = f"proglintContentHash/{VERSION}"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str) -> dict:
    """``path`` is already repository-relative (:meth:`Report.location`), or absolute when outside it."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"}


def region(span) -> dict:
    return {
        "startLine": span.start_line,
        "startColumn": span.start_column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _physical(path: str, span) -> dict:
    location = {"artifactLocation": artifact_location(path)}
    if span.start_line >= 1 and span.start_column >= 1:
        location["region"] = region(span)
    return location


def _first_paragraph(text: str) -> str:
    """The documentation's opening ("**What it does.** Counts ..."), as one
    line of plain text ("Counts ...")."""
    first = text.split("\n\n", 1)[0].replace("\n", " ").strip()
    first = re.sub(r"^\*\*What it does\.\*\*\s*", "", first)
    return re.sub(r"\*\*(.+?)\*\*", r"\1", first)


def _rule(info) -> dict:
    documentation = info.documentation
    help_text = info.summary + ("\n\n" + documentation if documentation else "")
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": _first_paragraph(documentation) if documentation else info.summary},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"enabled": bool(info.enabled), "level": LEVELS[info.severity]},
        "properties": {"tags": [group_of(info.code)], "origin": info.origin, "fixable": bool(info.fixable)},
    }


def _stand_in_rule(d) -> dict:
    """A finding whose check is not in the table (it should be): still a valid rule."""
    return {
        "id": d.code,
        "name": d.name,
        "shortDescription": {"text": d.name},
        "defaultConfiguration": {"level": LEVELS[d.severity]},
    }


def _fix(d, path: str) -> dict:
    return {
        "description": {"text": d.fix.message},
        "properties": {"applicability": d.fix.applicability},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(path),
                "replacements": [
                    {"deletedRegion": region(edit.span), "insertedContent": {"text": edit.text}}
                    for edit in d.fix.edits
                ],
            }
        ],
    }


def _result(d, rule_index: int, fingerprint: str, path: str) -> dict:
    result = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": _physical(path, d.span)}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if d.related:
        result["relatedLocations"] = [
            {"id": number, "physicalLocation": _physical(path, r.span), "message": {"text": r.message}}
            for number, r in enumerate(d.related, start=1)
        ]
    if d.suppression is not None:
        s = d.suppression
        suppression = {"kind": "inSource", "status": "accepted"}
        if s.reason:
            suppression["justification"] = s.reason
        suppression["location"] = {"physicalLocation": _physical(path, s.span)}
        suppression["properties"] = {"directive": s.kind}
        result["suppressions"] = [suppression]
    if d.fix is not None:
        result["fixes"] = [_fix(d, path)]
    return result


def as_dict(report) -> dict:
    findings = sorted([*report.diagnostics, *report.suppressed], key=lambda d: d.sort_key)
    rules = {code: _rule(info) for code, info in report.checks.items()}
    for d in findings:
        rules.setdefault(d.code, _stand_in_rule(d))
    codes = sorted(rules)
    index = {code: i for i, code in enumerate(codes)}
    prints = fingerprints(report, findings)
    from ..pipeline import INTERNAL_ERROR

    crashed = any(d.code == INTERNAL_ERROR.code for d in report.diagnostics)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "proglint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rules[code] for code in codes],
                    }
                },
                "invocations": [{"executionSuccessful": not crashed}],
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, index[d.code], fp, report.location(d.path)) for d, fp in zip(findings, prints)],
            }
        ],
    }
    if report.root is not None:
        # where %SRCROOT% is on this machine; code scanning resolves the
        # relative URIs against the checkout instead
        log["runs"][0]["originalUriBaseIds"] = {
            "%SRCROOT%": {"uri": Path(report.root).as_uri().rstrip("/") + "/", "description": {"text": "The repository root."}}
        }
    return log


def render(report, options) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
