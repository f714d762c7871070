"""Program-level coherence: the front matter's `cycle`,
`exclusive_access_period_months` and title against its `proposal_type`,
and the program type against the templates the table uses.

Every rule here is skipped when a side is missing: an empty, unknown
(PL110) or malformed `proposal_type`, `cycle` or exclusive access period
is reported by the schema once, not again here.  Which types may do what
is data, under `program_types` in the vocabulary (`cycle_zero_types`,
`no_exclusive_access_types`, `operations_template_types`,
`engineering_template_unexpected`, `subtype_instruments`), and so are the
allowed cycles (`cycles`) and the title activity ids (`activity_ids`): a
team's vocabulary file extends them.
"""

from __future__ import annotations

import re

from proglint.api import Finding, Related, Span, rule

from ._program import listed, program_type, reachable_instruments, scalar, template_rows, type_name, unknown_templates
from ._vocabulary import vocabulary

_DIGITS = re.compile(r"0|[1-9][0-9]*")


def _typed(value):
    """A front-matter scalar typed as the schema types it (YAML 1.2 core)."""
    from proglint.schema.to_json import scalar_value

    return scalar_value(value)


def _whole_number(value) -> int | None:
    """The value as a whole number of 0 or more when the schema accepts it as
    one (a YAML integer or a string of digits), else ``None``."""
    typed = _typed(value)
    if isinstance(typed, bool):
        return None
    if isinstance(typed, int):
        return typed if typed >= 0 else None
    if isinstance(typed, str) and len(typed) <= 18 and _DIGITS.fullmatch(typed):
        return int(typed)
    return None


def _known_cycles(cycles) -> str:
    cycles = sorted(cycles)
    if len(cycles) > 2 and cycles == list(range(cycles[0], cycles[-1] + 1)):
        return f"{cycles[0]} to {cycles[-1]}"
    return listed([str(c) for c in cycles], "or")


def _type_note(kind) -> tuple[Related, ...]:
    return (Related(kind.span, f"proposal_type is {kind.text.strip()}"),)


# --------------------------------------------------------------------------


@rule(
    "PL111", "unknown-cycle", "error", "`cycle` is not a whole number naming a cycle the vocabulary knows.",
    fix_note="which cycle was meant is not known.",
)
def unknown_cycle(document, context):
    """**What it does.** Reads `cycle` (a YAML number or a string of
    digits, as the program schema accepts it) and reports it when it is not
    one of the cycles listed under `cycles: allowed` in the vocabulary (0,
    the commissioning cycle, to 5), or when it is written as a decimal
    number (`cycle: 1.0`, which JSON Schema counts as a whole number).
    `cycle: 6` and `cycle: "6"` are the same finding. An empty cycle is
    fine (calibration programs leave it blank), and a value that is no
    number at all (`cycle: "two"`, `cycle: -1`, `cycle: "05"`) is the
    schema's (PL104, PL106, PL107).

    The allowed cycles are data, not a number fixed in the schema: when a
    new cycle starts, a team adds it with one line in its own vocabulary
    file (`vocabulary = ["team-vocab.yaml"]` in the configuration):

    ```yaml
    cycles: {allowed: [6]}
    ```

    **Why it matters.** The cycle ties the program to a call for proposals;
    a cycle that does not exist yet is a typo (`12` for `1`, `"6"` for
    `"0"`), and a program filed under it is lost to every search by cycle.
    It is an error, as the schema's range check it replaces was, because the
    fix for a genuinely new cycle is one line of vocabulary.

    **Real data.** APT writes 0 for commissioning programs (1071, 1093,
    1141); 1 to 4 are in real TSO data; the seed's calibration program 4497
    leaves `cycle` empty. Cycle 5 is allowed although not yet seen in the
    stored sources.

    Fails: `cycle: 6`, `cycle: "6"`, `cycle: 1.0`

    Passes: `cycle: "0"`, `cycle: 1`, `cycle: ""`
    """
    value = scalar(document, "cycle")
    if value is None:
        return
    typed = _typed(value)
    if isinstance(typed, float):
        if typed.is_integer() and typed >= 0:
            yield Finding(
                value.span,
                f"cycle {value.text} is a decimal number; write the cycle as a whole number, {int(typed)}",
            )
        return  # other decimals are the schema's (PL104)
    number = _whole_number(value)
    if number is None and not (isinstance(typed, str) and _DIGITS.fullmatch(typed)):
        return  # empty, or the schema's
    cycles = vocabulary(context).cycles
    if number is not None and number in cycles:
        return
    if number is None:  # more digits than any cycle will have
        yield Finding(value.span, f"cycle {value.text[:20]}... is not a cycle proglint knows ({_known_cycles(cycles)})")
        return
    yield Finding(
        value.span,
        f"cycle {value.text} is not a cycle proglint knows ({_known_cycles(cycles)}; 0 is commissioning); "
        f"correct it, or if cycle {number} has begun, add it to a team vocabulary file: cycles: {{allowed: [{number}]}}",
    )


@rule(
    "PL112", "cycle-program-type", "warning", "Cycle 0 (commissioning) for a program that is not commissioning or engineering.",
    fix_note="whether the cycle or the program type is wrong is not known.",
)
def cycle_program_type(document, context):
    """**What it does.** Reports `cycle: 0` when `proposal_type` is a type
    outside `program_types: cycle_zero_types` in the vocabulary
    (commissioning, `COM/...`, and engineering, `ENG`): cycle 0 is the
    commissioning period. Reported at the cycle, with the type as related
    information. An empty or unknown type, and an empty cycle, are skipped.

    **Why it matters.** A GO, GTO or calibration program marked cycle 0 is
    filed with the commissioning programs; usually the cycle was copied
    from a commissioning document or a default of 0 was never changed.

    **Real data.** Every commissioning APT file has cycle 0 (1071
    COM/NIRCAM, 1093 COM/NIRISS, 1141 COM/OTE), and the calibration seed
    4497 leaves the cycle empty rather than 0. The opposite, a commissioning
    program with a later cycle, is not reported: commissioning programs with
    other cycle values have not been ruled out by the stored sources.

    Fails:

    ```yaml
    proposal_type: "GO"
    cycle: "0"
    ```

    Passes:

    ```yaml
    proposal_type: "COM/NIRCAM"
    cycle: "0"
    ```
    """
    vocab = vocabulary(context)
    value = scalar(document, "cycle")
    kind = program_type(document, vocab)
    if value is None or kind is None or _whole_number(value) != 0:
        return
    allowed = vocab.type_list("cycle_zero_types")
    if kind.code in allowed:
        return
    yield Finding(
        value.span,
        f"cycle 0 is the commissioning cycle, but proposal_type says {type_name(kind)}, which is not a "
        f"{listed(sorted(allowed), 'or')} program; correct the cycle (or the type)",
        related=_type_note(kind),
    )


@rule(
    "PL113", "exclusive-access-program-type", "warning",
    "An exclusive access period for a program type whose data have none (calibration, ERS).",
    fix_note="whether the period or the program type is wrong is not known.",
)
def exclusive_access_program_type(document, context):
    """**What it does.** Reports an `exclusive_access_period_months` of more
    than 0 when `proposal_type` is one of `program_types:
    no_exclusive_access_types` in the vocabulary: calibration (`CAL/...`,
    `calibration`) and Early Release Science (`ERS`). Reported at the
    period, with the type as related information. An empty period or type
    is skipped, and so is a period the schema rejects.

    **Why it matters.** STScI makes calibration and ERS data public at once
    (JWST data-rights policy); a document claiming months of exclusive
    access for them has the wrong type or a period copied from a GO
    program.

    **Real data.** Not applied to commissioning programs: real COM APT files
    carry 6 or 12 months (seed 1141, COM/OTE, has 6). Not applied to DD
    programs either: their data are "generally" public at once, with
    exceptions. The ERS seed 1366 has 0 and the calibration seed 4497
    leaves the period empty.

    Fails:

    ```yaml
    proposal_type: "ERS"
    exclusive_access_period_months: "12"
    ```

    Passes:

    ```yaml
    proposal_type: "COM/OTE"
    exclusive_access_period_months: "6"
    ```
    """
    vocab = vocabulary(context)
    value = scalar(document, "exclusive_access_period_months")
    kind = program_type(document, vocab)
    if value is None or kind is None:
        return
    months = _whole_number(value)
    if not months or months not in vocab.access_periods or kind.code not in vocab.type_list("no_exclusive_access_types"):
        return  # none, or a period STScI does not offer: the schema's (PL105)
    yield Finding(
        value.span,
        f"exclusive_access_period_months is {months}, but proposal_type says {type_name(kind)}: "
        f"{kind.code} data have no exclusive access period; write 0 (or correct the type)",
        related=_type_note(kind),
    )


def _title(document):
    """(text, where the text starts) of the title: the heading's, else the
    front matter's program_title when it is a one-line value."""
    heading = document.heading
    if heading is not None and heading.title is not None and heading.title.value:
        span = heading.title.span
        return heading.title.value, span.start_line, span.start_column
    value = scalar(document, "program_title")
    if value is None or value.style not in ("", '"', "'") or value.span.start_line != value.span.end_line:
        return None
    return value.text, value.span.start_line, value.span.start_column + (1 if value.style else 0)


@rule(
    "PL114", "title-activity-id", "info", "The title's activity id (CAL-..., OTE-..., CAR ...) belongs to another program type.",
    fix_note="whether the title or the program type is wrong is not known.",
)
def title_activity_id(document, context):
    """**What it does.** Reads the activity id a calibration or commissioning
    title starts with (the vocabulary's `activity_ids`: `CAL-FLUX-202` for
    calibration, `OTE-07` and `CAR NIRCam-010` for commissioning) and
    reports it, in the heading's title, when `proposal_type` is not one of
    the types that id belongs to. Titles without an activity id, and an
    empty or unknown type, are skipped.

    **Why it matters.** STScI gives activity ids to calibration and
    commissioning activities only; a GO program titled `CAL-FLUX-202 ...`
    or a calibration program titled `OTE-07 ...` has the wrong type, or a
    title copied from another program.

    **Real data.** Info only: the activity-id families are read from a few
    real titles (4497 `CAL-FLUX-202` is calibration, 1141 `OTE-07` is
    COM/OTE, APT commissioning files `CAR NIRCam-010`), and later
    maintenance programs might reuse a family under another type. Most
    real titles carry no activity id at all (1071, 1093, 1366) and are
    never reported.

    Fails:

    ```
    proposal_type: "GO"
    # 4497 - CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)
    ```

    Passes:

    ```
    proposal_type: "calibration"
    # 4497 - CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)
    ```
    """
    vocab = vocabulary(context)
    kind = program_type(document, vocab)
    title = _title(document)
    if kind is None or title is None:
        return
    text, line, column = title
    found = vocab.activity_id(text[:200])
    if found is None:
        return
    start, end, types = found
    if kind.code in types:
        return
    activity = text[start:end]
    yield Finding(
        Span.on_line(line, column + start, column + end),
        f"the title starts with the activity id {activity}, which {listed(sorted(types), 'or')} programs carry, "
        f"but proposal_type says {type_name(kind)}; check the program type (or the title)",
        related=_type_note(kind),
    )


# --------------------------------------------------------------------------
# The program type against the table's templates.


def _first_rows(document, vocab, wanted):
    """(template, first row, how many rows) for each template ``wanted``
    accepts, in table order."""
    seen: dict[str, list] = {}
    for row, template in template_rows(document, vocab):
        if wanted(template):
            entry = seen.setdefault(template.name, [template, row, 0])
            entry[2] += 1
    return [tuple(e) for e in seen.values()]


def _rows_note(count: int) -> str:
    return "" if count == 1 else f" ({count} rows use it; this is the first)"


@rule(
    "PL520", "operations-template-program-type", "warning",
    "An observatory-operations template (WFSC, Station Keeping ...) outside a COM, ENG or CAL program.",
    fix_note="whether the template or the program type is wrong is not known.",
)
def operations_template_program_type(document, context):
    """**What it does.** Reports the first row of each observatory-operations
    template (kind `operations` in the vocabulary: the WFSC templates,
    Station Keeping, Realtime Commanding, Safe Mode Recovery, the ISIM
    templates, Pointing Only) when `proposal_type` is not one of
    `program_types: operations_template_types` (COM, ENG, CAL). The
    finding is at the template cell, with the type as related information;
    the message counts the other rows. An empty or unknown type is skipped.

    **Why it matters.** Observatory operations are not offered to science
    programs: a GO or GTO document with WFSC Global Alignment rows has the
    wrong type or rows pasted from a commissioning program.

    **Real data.** The commissioning seed 1141 (COM/OTE) runs 22 WFSC
    Global Alignment observations and is not reported. Wavefront
    maintenance after commissioning runs as calibration, so CAL is allowed
    too.

    Fails:

    ```
    proposal_type: "GO"
    | Initial GA Image | 1 | Initial GA Image | WFSC Global Alignment | (1) BD+65-1248 |
    ```

    Passes:

    ```
    proposal_type: "COM/OTE"
    | Initial GA Image | 1 | Initial GA Image | WFSC Global Alignment | (1) BD+65-1248 |
    ```
    """
    vocab = vocabulary(context)
    kind = program_type(document, vocab)
    if kind is None:
        return
    allowed = vocab.type_list("operations_template_types")
    if kind.code in allowed:
        return
    for template, row, count in _first_rows(document, vocab, lambda t: t.kind == "operations"):
        yield Finding(
            row.template.span,
            f"{template.name} is an observatory-operations template, used by {listed(sorted(allowed), 'or')} "
            f"programs, but proposal_type says {type_name(kind)}{_rows_note(count)}; check the program type "
            "or the template",
            related=_type_note(kind),
        )


@rule(
    "PL521", "engineering-template-program-type", "warning",
    "An engineering (limited-access) template in a GO, GTO, ERS or SURVEY program.",
    fix_note="whether the template or the program type is wrong is not known.",
)
def engineering_template_program_type(document, context):
    """**What it does.** Reports the first row of each engineering template
    (kind `engineering` in the vocabulary: NIRCam Engineering Imaging, the
    External Calibration, Dark, Internal Flat, Lamp and Anneal templates
    ...) when `proposal_type` is one of `program_types:
    engineering_template_unexpected` (GO, GTO, ERS, SURVEY). The finding is
    at the template cell, with the type as related information; the
    message counts the other rows. An empty or unknown type is skipped, and
    so are calibration, commissioning, engineering and DD programs.

    **Why it matters.** Engineering templates are "Limited Access" in APT:
    calibration, commissioning and engineering programs use them, science
    programs normally do not. A GO document with NIRISS External
    Calibration rows has the wrong type or rows copied from a calibration
    program.

    **Real data.** A warning, not an error: JPPOM says NIRCam Engineering
    Imaging "will also likely be useful for planning unusual science
    observations", so a science program can carry it with STScI's approval;
    suppress the line with the reason
    (`<!-- proglint-disable-line PL521 -- approved by STScI -->`). The
    calibration seed 4497 runs NIRCam Engineering Imaging, 1093
    (COM/NIRISS) NIRISS External Calibration, and neither is reported; the
    ERS seed 1366 uses science templates only.

    Fails:

    ```
    proposal_type: "GO"
    | | 9 | | NIRISS External Calibration | (1) AB-DOR |
    ```

    Passes:

    ```
    proposal_type: "COM/NIRISS"
    | | 9 | | NIRISS External Calibration | (1) AB-DOR |
    ```
    """
    vocab = vocabulary(context)
    kind = program_type(document, vocab)
    if kind is None or kind.code not in vocab.type_list("engineering_template_unexpected"):
        return
    for template, row, count in _first_rows(document, vocab, lambda t: t.kind == "engineering"):
        yield Finding(
            row.template.span,
            f"{template.name} is an engineering (limited-access) template, but proposal_type says "
            f"{type_name(kind)}{_rows_note(count)}; science programs use it only with STScI's approval: "
            "check the template or the type, or suppress this line with the reason",
            related=_type_note(kind),
        )


@rule(
    "PL522", "program-instrument-unused", "warning",
    "A CAL/<instrument> or COM/<instrument> program whose table uses none of that instrument's templates.",
    fix_note="whether the program type or the table is wrong is not known.",
)
def program_instrument_unused(document, context):
    """**What it does.** For a `proposal_type` whose subtype names an
    instrument (`CAL/NIRSPEC`, `COM/MIRI`: the vocabulary's
    `program_types: subtype_instruments`), reports the type when no row of
    the table involves that instrument. A row involves an instrument when
    its template belongs to it, takes data from it (WFSC templates take
    NIRCam and FGS images), may run it in coordinated parallel (NIRISS
    beside NIRCam Imaging) or is a known exception (FGS beside NIRCam
    Imaging, program 1071). Subtypes that are no instrument (CROSS, OTE,
    ERO), tables without rows, and tables with unknown templates (PL501)
    are skipped.

    **Why it matters.** The subtype says which instrument team owns the
    program; a COM/NIRSPEC program without a single NIRSpec observation has
    the wrong subtype, or its table belongs to another program.

    **Real data.** A program's rows need not all be of its instrument: 1071
    (COM/NIRCAM) tests FGS alignment with NIRCam Imaging, 4497 is a
    cross-instrument calibration, and 1093 (COM/NIRISS) adds NIRISS
    External Calibration to its AMI rows. So only a table with none of the
    instrument is reported, never a mixed one.

    Fails:

    ```
    proposal_type: "COM/NIRSPEC"
    | | 1 | | NIRISS Aperture Masking Interferometry | (1) AB-DOR |
    ```

    Passes:

    ```
    proposal_type: "COM/NIRISS"
    | | 1 | | NIRISS Aperture Masking Interferometry | (1) AB-DOR |
    ```
    """
    vocab = vocabulary(context)
    kind = program_type(document, vocab)
    if kind is None or kind.subtype is None:
        return
    subtypes = {str(k).upper(): v for k, v in (vocab.program_types.get("subtype_instruments") or {}).items()}
    instrument = subtypes.get(kind.subtype)
    if instrument is None:
        return
    rows = template_rows(document, vocab)
    if not rows or unknown_templates(document, vocab) or instrument in reachable_instruments(document, vocab):
        return
    used = list(dict.fromkeys(t.name for _, t in rows))
    shown = listed(used[:4]) + (f" and {len(used) - 4} more" if len(used) > 4 else "")
    yield Finding(
        kind.span,
        f"proposal_type {kind.text.strip()} names {instrument}, but no observation in the table uses {instrument} "
        f"(its templates: {shown}); correct the type's instrument, or the table",
        related=(Related(rows[0][0].template.span, "the table's first template"),),
    )
