"""JUnit XML, for CI systems that show test reports but not lint reports
(Jenkins, GitLab's test tab, Azure Pipelines).

The mapping: one ``<testsuite name="proglint">`` and in it one
``<testcase>`` per document (``name`` its path relative to the repository
root, ``classname`` ``proglint``), so a clean document shows as one passed
test and a broken one as one failed test, however many checks ran.  A
document with errors gets one ``<failure>`` (``type="error"``, ``message``
how many errors and the first one's code and message) whose body lists every
error as ``path:line:col: severity CODE message``.

Warnings and infos are *not* failures (unless ``--strict``, where warnings
fail the run and so the test): proglint exits 0 on them, and test report
consumers fail or mark "unstable" a build on any ``<failure>`` whatever its
``type``, so reporting them as failures would make the test tab disagree
with the exit status.  They are listed in the testcase's ``<system-out>``
in the same one-line form, where the reader still sees them.

The output validates against the Jenkins xUnit plugin's ``junit-10.xsd``
(the most widely used JUnit schema); ``time`` is ``0`` and no timestamp or
host name is written, so two runs give the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..diagnostic import Severity

# XML 1.0 forbids most control characters even as references; a document
# can hold them, so they are shown as \\xNN rather than make the report unreadable.
_ALLOWED = {0x9, 0xA, 0xD}


def _clean(text: str) -> str:
    return "".join(
        c if (ord(c) >= 0x20 or ord(c) in _ALLOWED) and not 0xD800 <= ord(c) <= 0xDFFF and ord(c) not in (0xFFFE, 0xFFFF)
        else f"\\x{ord(c):02x}"
        for c in text
    )


def line(d, path: str) -> str:
    return f"{path}:{d.span.start_line}:{d.span.start_column}: {d.severity.value} {d.code} {d.message}"


def _testcase(parent, path: str, findings, strict: bool) -> bool:
    case = ET.SubElement(parent, "testcase", {"name": _clean(path), "classname": "proglint", "time": "0"})
    failing = (Severity.ERROR, Severity.WARNING) if strict else (Severity.ERROR,)
    errors = [d for d in findings if d.severity in failing]
    others = [d for d in findings if d.severity not in failing]
    if errors:
        first = errors[0]
        count = f"{len(errors)} {'error' if not strict else 'finding'}{'' if len(errors) == 1 else 's'}"
        failure = ET.SubElement(case, "failure", {"type": "error", "message": _clean(f"{count}; first: {first.code} {first.message}")})
        failure.text = _clean("\n".join(line(d, path) for d in errors) + "\n")
    if others:
        out = ET.SubElement(case, "system-out")
        out.text = _clean("\n".join(line(d, path) for d in others) + "\n")
    return bool(errors)


def as_element(report, strict: bool = False) -> ET.Element:
    by_file: dict[str, list] = {report.location(path): [] for path in report.ran}
    for d in report.diagnostics:
        by_file.setdefault(report.location(d.path), []).append(d)
    root = ET.Element("testsuites", {"name": "proglint"})
    suite = ET.SubElement(root, "testsuite", {"name": "proglint"})
    failures = 0
    for path in sorted(by_file):
        failures += _testcase(suite, path, sorted(by_file[path], key=lambda d: d.sort_key), strict)
    counts = {"tests": str(len(by_file)), "failures": str(failures), "errors": "0"}
    suite.attrib.update({**counts, "skipped": "0", "time": "0"})
    root.attrib.update({**counts, "time": "0"})
    return root


def render(report, options) -> str:
    root = as_element(report, getattr(options, "strict", False))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
