"""The portfolio counts of one document, taken in the job runner's task.

The runner keeps findings, not documents (a run over ten thousand files
must not hold ten thousand models), so whatever the portfolio page shows
about a document's content is counted here, while the task still has it,
and travels back in the task's outcome (pickled from a worker process:
plain values only).  Templates are named as the vocabulary names them
(``nircam imaging`` counts as ``NIRCam Imaging``), and each template's
instrument comes from the same vocabulary the rules read, the team's
``vocabulary = [...]`` files included.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass

UNKNOWN_INSTRUMENT = "unknown template"


@dataclass(frozen=True)
class DocumentFigures:
    path: str
    program_id: str | None
    title: str | None
    proposal_type: str | None
    cycle: str | None
    observations: int  # rows of the observations table
    targets: int  # distinct science targets the table names (NONE is not a target)
    templates: tuple[tuple[str, int], ...]  # (template, rows), most rows first
    instruments: tuple[tuple[str, int], ...]  # (instrument, rows), most rows first


def of_document(document, config) -> DocumentFigures:
    """Count what the portfolio shows of one parsed document."""
    vocabulary = _vocabulary(config)
    templates: Counter[str] = Counter()
    instruments: Counter[str] = Counter()
    for row in document.observations:
        if row.template is None or row.template.blank:
            continue
        known = vocabulary.template(row.template.value) if vocabulary is not None else None
        templates[known.name if known else " ".join(row.template.value.split())] += 1
        instruments[known.instrument if known else UNKNOWN_INSTRUMENT] += 1
    targets = set()
    for target in document.targets():
        if target.is_none or not target.well_formed:
            continue
        targets.add(target.number.value.strip())
    heading = document.heading
    return DocumentFigures(
        path=document.path,
        program_id=_front(document, "id") or (heading.id.value if heading and heading.id else None),
        title=_front(document, "program_title") or (heading.title.value if heading and heading.title else None),
        proposal_type=_front(document, "proposal_type"),
        cycle=_front(document, "cycle"),
        observations=len(document.observations),
        targets=len(targets),
        templates=_ranked(templates),
        instruments=_ranked(instruments),
    )


def _front(document, key: str) -> str | None:
    """A front-matter scalar as written, or None (absent, blank, or not a scalar)."""
    if document.front_matter is None:
        return None
    entry = document.front_matter.get(key)
    text = getattr(entry.value, "text", None) if entry is not None else None
    return text.strip() or None if isinstance(text, str) else None


def _ranked(counter: Counter) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _vocabulary(config):
    """The vocabulary the built-in rules read (built-in plus the team's
    files).  It lives with the rules, in the rule folder the plugin loader
    imports as a private package, so it is reached through that package;
    None when the rule pack has no vocabulary (a stripped-down install)."""
    from ..plugins import _package_for, builtin_rules_dir

    try:
        module = importlib.import_module(_package_for(str(builtin_rules_dir().resolve())) + "._vocabulary")
    except ImportError:
        return None
    return module.load(tuple(config.vocabulary))
