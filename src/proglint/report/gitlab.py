"""GitLab Code Quality JSON: a merge request's widget lists the findings
it introduces and the ones it fixes, without anyone opening the job log.

Published by a job with ``artifacts: reports: codequality: FILE`` (see
``examples/ci/gitlab-ci.yml``).  Each finding is an object with
``description`` (``CODE [name] message``), ``check_name`` (the code),
``fingerprint``, ``severity`` and ``location`` (``path`` and 1-based
``lines.begin``/``lines.end``).

GitLab compares the reports of the source and target branches by
``fingerprint``, so it must not change when lines move: it is the
line-shift-proof hash of :mod:`.fingerprint`, the same one SARIF carries.

Severities (GitLab's scale is info, minor, major, critical, blocker):
error → ``major``, warning → ``minor``, info → ``info``.  ``critical``
and ``blocker`` are left for what GitLab's own scanners mean by them
(security and crashes); a broken program document fails the pipeline
through proglint's exit status, not through the widget's colour.
Suppressed findings are left out: GitLab has no notion of a silenced
finding, and listing them would show them as open.
"""

from __future__ import annotations

import json

from ..diagnostic import Severity
from .fingerprint import fingerprints

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def as_list(report) -> list[dict]:
    findings = report.diagnostics
    return [
        {
            "description": f"{d.code} [{d.name}] {d.message}",
            "check_name": d.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[d.severity],
            "location": {"path": report.location(d.path), "lines": {"begin": d.span.start_line, "end": d.span.end_line}},
        }
        for d, fingerprint in zip(findings, fingerprints(report, findings))
    ]


def render(report, options) -> str:
    return json.dumps(as_list(report), indent=2, ensure_ascii=False) + "\n"
