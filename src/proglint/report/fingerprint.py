"""Fingerprints that follow a finding when lines move.

SARIF's ``partialFingerprints`` and GitLab's ``fingerprint`` let code
scanning and merge-request widgets say "this is the same finding as last
time".  A hash of the line number would call every finding below an
inserted row new, so the hash is of what the baseline keys on: the path,
the code and the text the finding points at (:func:`proglint.baseline.content_of`).
Two findings with the same path, code and text (the same misspelt template
on six rows) are told apart by their order among themselves, which an
insertion elsewhere does not change.  Active and suppressed findings are
counted together, so suppressing one finding does not renumber its twins.
"""

from __future__ import annotations

import hashlib

from ..baseline import content_of
from . import posix_path  # noqa: F401 - re-exported for older imports

VERSION = "v1"


def fingerprints(report, diagnostics) -> list[str]:
    """One fingerprint per diagnostic of ``diagnostics``, in its order.

    The occurrence number of each finding is taken among all of the
    report's findings (active and suppressed), sorted as everywhere else.
    """
    everything = sorted(
        {id(d): d for d in [*report.diagnostics, *report.suppressed, *diagnostics]}.values(),
        key=lambda d: d.sort_key,
    )
    seen: dict[tuple[str, str, str], int] = {}
    by_id: dict[int, str] = {}
    for d in everything:
        key = (report.location(d.path), d.code, content_of(d, report.sources.get(d.path)))
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        data = "\0".join((VERSION, *key, str(occurrence)))
        by_id[id(d)] = hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]
    return [by_id[id(d)] for d in diagnostics]
