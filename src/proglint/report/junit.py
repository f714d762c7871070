"""JUnit XML, for CI systems that show test reports but not lint reports
(Jenkins, GitLab's test tab, Azure Pipelines).

The mapping: one ``<testsuite>`` per document (named by its path), one
``<testcase>`` per check that ran on it (``report.ran``; named
``CODE name``, with the path as ``classname``), so a clean document shows
as every check passed.  A check that found errors gets one ``<failure>``
(``type="error"``, ``message`` the first finding's message and how many
there were) whose body lists every finding as
``path:line:col: severity CODE message``.

Warnings and infos are *not* failures: proglint exits 0 on them, and test
report consumers fail or mark "unstable" a build on any ``<failure>``
whatever its ``type``, so reporting them as failures would make the test
tab disagree with the exit status.  They are listed in the testcase's
``<system-out>`` in the same one-line form, where the reader still sees
them.  A finding from a check missing from ``report.ran`` (a suppression
problem, an internal error) still gets its testcase, so nothing is lost.

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


def line(d) -> str:
    return f"{d.path}:{d.span.start_line}:{d.span.start_column}: {d.severity.value} {d.code} {d.message}"


def _testcase(parent, path: str, code: str, name: str, findings) -> bool:
    case = ET.SubElement(parent, "testcase", {"name": _clean(f"{code} {name}".strip()), "classname": _clean(path), "time": "0"})
    errors = [d for d in findings if d.severity is Severity.ERROR]
    others = [d for d in findings if d.severity is not Severity.ERROR]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        failure = ET.SubElement(case, "failure", {"type": "error", "message": _clean(errors[0].message + more)})
        failure.text = _clean("\n".join(line(d) for d in errors) + "\n")
    if others:
        out = ET.SubElement(case, "system-out")
        out.text = _clean("\n".join(line(d) for d in others) + "\n")
    return bool(errors)


def as_element(report) -> ET.Element:
    by_file: dict[str, dict[str, list]] = {}
    names: dict[str, str] = {code: info.name for code, info in report.checks.items()}
    for path, codes in report.ran.items():
        by_file.setdefault(path, {}).update({code: [] for code in codes})
    for d in report.diagnostics:
        by_file.setdefault(d.path, {}).setdefault(d.code, []).append(d)
        names.setdefault(d.code, d.name)
    root = ET.Element("testsuites", {"name": "proglint"})
    total_tests = total_failures = 0
    for path in sorted(by_file):
        suite = ET.SubElement(root, "testsuite", {"name": _clean(path)})
        tests = failures = 0
        for code in sorted(by_file[path]):
            findings = sorted(by_file[path][code], key=lambda d: d.sort_key)
            failures += _testcase(suite, path, code, names.get(code, ""), findings)
            tests += 1
        suite.attrib.update({"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": "0", "time": "0"})
        total_tests += tests
        total_failures += failures
    root.attrib.update({"tests": str(total_tests), "failures": str(total_failures), "errors": "0", "time": "0"})
    return root


def render(report, options) -> str:
    root = as_element(report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
