"""Program-level facts several coherence rules derive from one document,
each computed once per document (:func:`proglint.api.per_document`): the
program type the front matter declares, the rows whose template is known,
and the instruments the table uses.

"Uses" has two strengths.  :func:`table_instruments` is what the rows'
templates belong to (an OBSERVATORY template belongs to none).
:func:`reachable_instruments` adds what a reader may fairly expect the
program to involve without a row of its own: the instruments an
observatory template takes data from (WFSC with NIRCam and FGS), the
instruments that may run in coordinated parallel with a used template
(MIRI or NIRISS beside NIRCam Imaging), and the vocabulary's
``label_instrument_exceptions`` (FGS beside NIRCam Imaging, program 1071).
"""

from __future__ import annotations

from typing import NamedTuple

from proglint.api import per_document

from ._vocabulary import normal

OBSERVATORY = "OBSERVATORY"


class ProgramType(NamedTuple):
    code: str  # CAL, COM, GO ... (upper case)
    subtype: str | None  # NIRCAM, CROSS ... for CAL/<sub> and COM/<sub>
    text: str  # as written
    span: object  # of the front matter's value


def scalar(document, key: str):
    """The front matter's scalar value for ``key`` (the first one when the
    key is repeated, as the schema reads it), or ``None``."""
    if document.front_matter is None:
        return None
    entry = document.front_matter.get(key)
    value = entry.value if entry is not None else None
    if value is None or not hasattr(value, "style") or not hasattr(value, "text"):
        return None
    return value


@per_document
def program_type(document, vocab) -> ProgramType | None:
    """The declared program type, or ``None`` when it is empty or not a
    known type (PL110 reports that)."""
    value = scalar(document, "proposal_type")
    if value is None or len(value.text) > 200:
        return None
    found = vocab.program_type(value.text)
    if found is None:
        return None
    return ProgramType(found[0], found[1], value.text, value.span)


def type_name(kind: ProgramType) -> str:
    """How a message names the program type: ``GO``, ``'calibration' (CAL)``."""
    shown = kind.text.strip()
    return shown if shown.upper() == kind.code or "/" in shown else f"'{shown}' ({kind.code})"


@per_document
def _templates(document, vocab) -> tuple[tuple, bool]:
    """One pass over the rows for :func:`template_rows` and
    :func:`unknown_templates`: the rows with a known template, and whether
    a non-blank template is unknown."""
    known = []
    unknown = False
    lookup = vocab.template
    for row in document.observations:
        cell = row.template
        if cell is None:
            continue
        value = cell.text.value
        if not value:
            continue
        template = lookup(value)
        if template is not None:
            known.append((row, template))
        else:
            unknown = True
    return tuple(known), unknown


def template_rows(document, vocab) -> tuple:
    """(row, template) for each row with a known template."""
    return _templates(document, vocab)[0]


def unknown_templates(document, vocab) -> bool:
    """Whether any row has a template the vocabulary does not know (PL501's):
    the table's instruments are then not known for sure."""
    return _templates(document, vocab)[1]


@per_document
def table_instruments(document, vocab) -> dict:
    """Instrument -> the rows whose template belongs to it, in table order."""
    found: dict[str, list] = {}
    for row, template in template_rows(document, vocab):
        if template.instrument != OBSERVATORY:
            found.setdefault(template.instrument, []).append((row, template))
    return found


def template_reach(vocab, template) -> frozenset[str]:
    """The instruments one template involves: its own, the ones an
    observatory template takes data from, its coordinated parallels and the
    label exceptions."""
    reach = set(template.data_from) | set(vocab.parallel_instruments(template.name))
    if template.instrument != OBSERVATORY:
        reach.add(template.instrument)
    reach |= {i for t, i in vocab.label_instrument_exceptions if normal(t) == normal(template.name)}
    return frozenset(reach)


@per_document
def reachable_instruments(document, vocab) -> frozenset[str]:
    found: set[str] = set()
    for template in {t.name: t for _, t in template_rows(document, vocab)}.values():
        found |= template_reach(vocab, template)
    return frozenset(found)


def listed(names, last: str = "and") -> str:
    names = list(names)
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {last} " + names[-1]
