"""Labels against templates: the instrument, the mode and the optical
elements a label names must fit the row's Observing Template.

Labels are optional free text (JPPOM), so these rules only look at words
they recognise, as whole tokens in any case (`nircam f322w2`, `FGS1_cal`,
`G395H/F290LP`); a blank label, a label without vocabulary words and a
lower-case label are all fine. Rows whose template is unknown are left to
PL501. Every finding points at the word in the label and names the template
it conflicts with.
"""

from __future__ import annotations

from functools import lru_cache

from proglint.api import Finding, Related, Setting, Span, per_document, rule
from proglint.record import Record

from ._vocabulary import normal, vocabulary, word_pattern

OBSERVATORY = "OBSERVATORY"


class _Mode(Record):
    key: str
    implied: tuple  # the templates the word stands for
    instrument_required: bool


class _Tables(Record):
    """What the label rules derive from one vocabulary, computed once."""

    modes: dict  # case-folded spelling -> _Mode
    mode_pattern: object
    pairs: frozenset  # (normal prime, normal parallel)
    owners: dict  # case-folded optical element -> instruments
    element_pattern: object


@lru_cache(maxsize=8)
def _tables(vocab) -> _Tables:
    modes: dict[str, _Mode] = {}
    for key, entry in vocab.abbreviations.items():
        if entry.get("role") or entry.get("decisive") is False:
            continue
        implied = tuple(t for t in (vocab.template(n) for n in entry.get("templates") or ()) if t is not None)
        if not implied:
            continue
        mode = _Mode(key, implied, bool(entry.get("instrument_required")))
        for word in vocab.abbreviation_words(key):
            modes.setdefault(" ".join(word.split()).casefold(), mode)
    owners = {e: i for e, i in vocab.element_instruments().items() if e not in modes}
    return _Tables(
        modes=modes,
        mode_pattern=word_pattern(modes),
        pairs=frozenset((normal(a), normal(b)) for a, b in vocab.parallel_pairs),
        owners=owners,
        element_pattern=word_pattern(owners),
    )


def _mode_hits(tables: _Tables, label: str):
    """(mode, start, end, word) for the first spelling of each mode word in a label."""
    seen = set()
    for m in tables.mode_pattern.finditer(label):
        # The pattern ignores case as `re` does, letter by letter: 'AMİ'
        # (a dotted capital I) matches, but casefolds to 'ami' and a combining
        # dot, which is no mode's spelling: not a mode word (found by fuzzing).
        mode = tables.modes.get(" ".join(m.group(0).split()).casefold())
        if mode is not None and mode.key not in seen:
            seen.add(mode.key)
            yield mode, m.start(), m.end(), m.group(0)


@per_document
def _labelled_rows(document, vocab):
    """(row, template) for each row with a non-blank label and a known template."""
    for row in document.observations:
        if row.label is None or row.label.blank or row.template is None:
            continue
        template = vocab.template(row.template.value)
        if template is not None:
            yield row, template


def _word_span(cell, start: int, end: int) -> Span:
    span = cell.span
    return Span.on_line(span.start_line, span.start_column + start, span.start_column + end)


def _template_note(row):
    return (Related(row.template.span, "the Observing Template of this row"),)


@lru_cache(maxsize=1024)
def _other_allowed(vocab, template) -> frozenset[str]:
    """Instruments a label may name under ``template`` besides its own: its
    coordinated parallels and the vocabulary's label_instrument_exceptions."""
    return frozenset(vocab.parallel_instruments(template.name)) | _exceptions(vocab, template)


@lru_cache(maxsize=1024)
def _exceptions(vocab, template) -> frozenset[str]:
    """The vocabulary's label_instrument_exceptions for ``template``: real
    programs that label an observation after another instrument alone (1071
    and 1144 name the FGS they test while NIRCam is prime)."""
    return frozenset(i for t, i in vocab.label_instrument_exceptions if normal(t) == normal(template.name))


# A label that names only an instrument that may run in coordinated parallel
# (or only its optical elements) and nothing of the template's own is
# reported unless this setting restores the older, lenient reading.
PARALLEL_ONLY = Setting(
    "allow-parallel-only", False, {"type": "boolean"},
    "accept a label that names only an instrument that may run in coordinated parallel with the template "
    "(or only that instrument's optical elements) and nothing of the template's own instrument",
)


def _parallel_only_allowed(context) -> bool:
    return bool(context.settings.get(PARALLEL_ONLY.name, PARALLEL_ONLY.default))


def _names_own(vocab, label: str, template) -> bool:
    """Whether a label says anything of the template's own instrument: its
    instrument word, one of its optical elements, or a mode word of it
    (`WFSS F770W` under NIRCam Wide Field Slitless Spectroscopy)."""
    own = template.instrument
    if any(m.key == own for m in vocab.instrument_mentions(label)):
        return True
    tables = _tables(vocab)
    if any(own in tables.owners[m.group(0).casefold()] for m in tables.element_pattern.finditer(label)):
        return True
    return any(
        t.name == template.name or t.instrument == own for mode, _, _, _ in _mode_hits(tables, label) for t in mode.implied
    )


def _how_to_say_parallel(template, other: str, rule_name: str) -> str:
    return (
        f"if {other} runs in coordinated parallel, name both instruments in the label "
        f"(such as '{template.instrument} + {other} parallel'); otherwise use a template for {other}. "
        f"A label kept as it is needs a suppression with its reason, or allow-parallel-only = true "
        f"under [tool.proglint.rule.{rule_name}]"
    )


def _named(vocab, label: str) -> set[str]:
    return {m.key for m in vocab.instrument_mentions(label)} - {OBSERVATORY}


def _either(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


@rule(
    "PL510", "label-instrument", "warning", "The instrument a label names is not the template's instrument.",
    settings=(PARALLEL_ONLY,),
    fix_note="whether the label or the template is wrong is not known.",
)
def label_instrument(document, context):
    """**What it does.** Finds the instrument words in each label (`MIRI`,
    `NIRCam`/`NRC`, `NIRSpec`/`NRS`, `NIRISS`/`NIS`, `FGS`/`FGS1`/`Guider`,
    as whole tokens in any case) and warns when the label names other
    instruments only, none of them the template's own.

    An instrument that may run in coordinated parallel with the template
    (`coordinated_parallel_pairs` in the vocabulary: MIRI or NIRISS under
    NIRCam Imaging, FGS under MIRI MRS, ...) is fine beside something of the
    template's own instrument (`NIRCam + MIRI parallel`, `F200W, MIRI
    parallel`), and reported when the label names the parallel instrument
    alone: the table shows only the prime template, so such a label reads
    as a row whose template is wrong. The message says how to write a real
    parallel (name both instruments), and the setting
    `allow-parallel-only = true` restores the lenient reading.

    Not reported:

    - a label that also names the template's instrument, one of its
      optical elements or one of its modes
      (`NIRCam pre-imaging for NIRSpec MOS` under NIRCam Imaging);
    - the vocabulary's `label_instrument_exceptions`: FGS named under
      NIRCam Imaging (program 1071 labels its guide-star tests `FGS-1, GS#1`
      with NIRCam prime) and under NIRCam Engineering Imaging (1144
      `FGS1_distortion_calibration`);
    - wavefront-sensing and operations templates (instrument OBSERVATORY:
      WFSC labels talk about NIRCam and FGS images and mirror moves), and the
      observatory words `WFSC`, `OTE`, `ISIM` in any label.

    **Why it matters.** A label naming another instrument is most often a
    row copied from another observation whose template or label was not
    updated: the program then observes in a mode nobody asked for.

    Fails:

    ```
    | muCol | 6 | NIRSpec FS prism | MIRI Low Resolution Spectroscopy | (6) muCol |
    ```

    (`label names NIRSpec but the template is MIRI Low Resolution Spectroscopy, a template for MIRI; ...`)

    and (`label names only MIRI, which may run in coordinated parallel with
    NIRCam Imaging, ...`):

    ```
    | Field | 3 | MIRI F770W | NIRCam Imaging | (1) Field |
    ```

    Passes:

    ```
    |       | 1 | FGS-1, GS#1           | NIRCam Imaging                   | (1) LMC-ASTROMETRIC |
    | muCol | 6 | MIRI LRS slitless     | MIRI Low Resolution Spectroscopy | (6) muCol           |
    | Field | 3 | NIRCam+MIRI parallel  | NIRCam Imaging                   | (1) Field           |
    ```

    **Real data.** No shipped real document labels an observation after its
    parallel instrument alone; the two real labels that name another
    instrument only are FGS ones (1071 `FGS-1, GS#1` under NIRCam Imaging,
    1144 `FGS1_distortion_calibration` under NIRCam Engineering Imaging),
    kept as `label_instrument_exceptions`. Labels naming the parallel's
    detector beside the prime's (APT-XML 1171 `MIRIM_...` in MRS labels)
    name the template's instrument too and pass.
    """
    vocab = vocabulary(context)
    lenient = _parallel_only_allowed(context)
    for row, template in _labelled_rows(document, vocab):
        for start, end, message in _instrument_verdicts(vocab, row.label.value, template, lenient):
            yield Finding(_word_span(row.label, start, end), message, related=_template_note(row))


@lru_cache(maxsize=8192)
def _instrument_verdicts(vocab, label: str, template, lenient: bool = False) -> tuple[tuple[int, int, str], ...]:
    """PL510's findings for one label under one template, as (start, end,
    message): labels repeat within and across documents, so each distinct
    pair is judged once.  ``lenient``: the allow-parallel-only setting."""
    if template.instrument == OBSERVATORY:
        return ()
    mentions = [m for m in vocab.instrument_mentions(label) if m.key != OBSERVATORY]
    if not mentions or any(m.key == template.instrument for m in mentions):
        return ()
    exceptions = _exceptions(vocab, template)
    parallels = vocab.parallel_instruments(template.name)
    others = {m.key for m in mentions} - exceptions
    # The blind spot: a label naming only parallel-capable instruments.
    parallel_only = bool(others) and others <= parallels and not lenient and not _names_own(vocab, label, template)
    reported: set[str] = set()
    found = []
    for mention in mentions:
        if mention.key in exceptions or mention.key in reported:
            continue
        if mention.key in parallels:
            if not parallel_only:
                continue
            message = (
                f"label names only {mention.key}, which may run in coordinated parallel with {template.name}, "
                f"and nothing of {template.instrument}; " + _how_to_say_parallel(template, mention.key, "label-instrument")
            )
        else:
            message = (
                f"label names {mention.key} but the template is {template.name}, a template for {template.instrument}; "
                f"use a template for {mention.key} or correct the label"
            )
        reported.add(mention.key)
        found.append((mention.start, mention.end, message))
    return tuple(found)


@rule(
    "PL511", "label-mode", "warning", "A mode abbreviation in a label does not fit the template.",
    fix_note="whether the label or the template is wrong is not known.",
)
def label_mode(document, context):
    """**What it does.** Finds mode abbreviations in each label (the
    vocabulary's `abbreviations`: MRS, LRS, FS, IFU, MOS, MSA, BOTS, SOSS,
    AMI, NRM, GTS, WFSS, TSO, GRISMR, Coron/Coronagraphy/4QPM/Lyot ...) and
    warns when the row's template is not one of the templates the word
    stands for:

    - MRS under MIRI Medium Resolution Spectroscopy, LRS under MIRI Low
      Resolution Spectroscopy, FS under NIRSpec Fixed Slit, MOS/MSA under
      NIRSpec MOS (MSA also under the other NIRSpec modes that use the
      assembly), BOTS, SOSS, AMI/NRM, GTS under their templates;
    - IFU under NIRSpec IFU Spectroscopy or MIRI MRS (the MIRI MRS is an IFU);
    - WFSS, Coron and the other words marked `instrument_required`: the
      instrument word in the label decides (`NIRCam WFSS` wants NIRCam Wide
      Field Slitless Spectroscopy, not the NIRISS one);
    - a mode of an instrument that runs in coordinated parallel is fine
      (`NIRCam + NIRISS WFSS` under NIRCam Imaging; a label naming the
      parallel alone, `NIRISS WFSS`, is PL510's finding).

    Not reported: engineering templates, which often carry science-mode
    words (program 4497 labels `NIRCam Imaging Sub1 60 Module B - SW` under
    NIRCam Engineering Imaging; 1063 runs `Coronagraphic Flats` under it),
    unless the word belongs to another instrument altogether (`MRS` under
    NIRSpec Internal Lamp); operations and wavefront-sensing templates; a
    mode word of another instrument the label names explicitly (PL510 judges
    the instrument; `NIRCam pre-imaging for NIRSpec MOS` is fine); words the
    vocabulary marks `decisive: false` (dark, lamp, anneal, Ext Cal, KPI, the
    WFSC words) and role words (BKG, TA).

    **Why it matters.** The mode word and the template are written
    separately; a copied row with one of them changed is the most common
    real inconsistency, and it means the wrong instrument configuration.

    Fails:

    ```
    | muCol | 6 | MIRI MRS slitless | MIRI Low Resolution Spectroscopy | (6) muCol |
    ```

    (`label says MRS but the template is MIRI Low Resolution Spectroscopy; MRS is observed with MIRI Medium Resolution Spectroscopy`)

    Passes:

    ```
    | muCol | 6 | MIRI LRS slitless                     | MIRI Low Resolution Spectroscopy | (6) muCol |
    | GD153 | 7 | NIRCam Imaging Sub1 60 Module B - SW  | NIRCam Engineering Imaging       | (1) GD153 |
    ```
    """
    vocab = vocabulary(context)
    for row, template in _labelled_rows(document, vocab):
        for start, end, message in _mode_verdicts(vocab, row.label.value, template):
            yield Finding(_word_span(row.label, start, end), message, related=_template_note(row))


@lru_cache(maxsize=8192)
def _mode_verdicts(vocab, label: str, template) -> tuple[tuple[int, int, str], ...]:
    """PL511's findings for one label under one template (see _instrument_verdicts)."""
    tables = _tables(vocab)
    if template.instrument == OBSERVATORY or template.kind == "operations":
        return ()
    hits = list(_mode_hits(tables, label))
    if not hits:
        return ()
    named = _named(vocab, label)
    allowed = _other_allowed(vocab, template)
    reported: set[tuple[str, ...]] = set()
    found = []
    for mode, start, end, word in hits:
        implied = list(mode.implied)
        narrowed = False
        if mode.instrument_required and named:
            chosen = [t for t in implied if t.instrument in named]
            if chosen and len(chosen) < len(implied):
                implied, narrowed = chosen, True
        if any(t.name == template.name for t in implied):
            continue
        if any((normal(template.name), normal(t.name)) in tables.pairs for t in implied):
            continue  # the mode of a coordinated parallel
        instruments = {t.instrument for t in implied}
        if template.instrument not in instruments and instruments <= named:
            # The word is about another instrument the label names itself.
            if template.instrument in named or not (instruments & allowed):
                continue  # a mention beside the template's instrument, or PL510's finding
        if template.kind == "engineering" and (template.instrument in instruments or instruments & allowed):
            continue
        science = [t.name for t in implied if t.kind == "science"] or [t.name for t in implied]
        if tuple(science) in reported:
            continue  # `AMI NRM`: two words, one conflict
        reported.add(tuple(science))
        said = f"{_either(sorted(instruments))} {word}" if narrowed else word
        found.append((start, end, f"label says {said} but the template is {template.name}; {said} is observed with {_either(science)}"))
    return tuple(found)


@rule(
    "PL512", "label-optical-element", "warning", "A label names an optical element of another instrument.",
    settings=(PARALLEL_ONLY,),
    fix_note="whether the label or the template is wrong is not known.",
)
def label_optical_element(document, context):
    """**What it does.** Finds filter, grating, prism and mask names in each
    label (the vocabulary's `optical_elements`: NIRSpec PRISM/G395H/F290LP,
    NIRCam F444W/F322W2/GRISMR/WLP8, MIRI F770W/P750L, NIRISS GR700XD ...)
    and warns when none of the instruments that have the element is the
    template's instrument.

    NIRCam and NIRISS share many filter names (F090W, F150W, F444W ...): a
    filter belongs to every instrument that has it, so `F444W` is fine under
    either and is reported only under a MIRI or NIRSpec template. Names that
    are also ordinary words (SHORT, MEDIUM, LONG, CLEAR, SW, LW) and words
    that are mode abbreviations (NRM, GRISMR: PL511's) never decide.

    An element of an instrument that may run in coordinated parallel with
    the template is fine beside something of the template's own instrument
    (`F200W + F770W` or `NIRCam F770W parallel` under NIRCam Imaging) and
    reported when the label has nothing of the template's instrument (`F770W`
    alone under NIRCam Imaging); the message says how to write a real
    parallel, and the setting `allow-parallel-only = true` restores the
    lenient reading.

    Not reported: an element of an instrument the label names itself
    (PL510 judges that word); an element of an instrument in the
    vocabulary's `label_instrument_exceptions`; wavefront-sensing and
    operations templates.

    **Why it matters.** Optical elements are instrument hardware: a NIRSpec
    grating in a label under a MIRI template means the label or the template
    came from another observation.

    Fails:

    ```
    | muCol | 6 | MIRI LRS G395H | MIRI Low Resolution Spectroscopy | (6) muCol |
    ```

    (`G395H is an optical element of NIRSpec but the template is MIRI Low Resolution Spectroscopy, a template for MIRI`)

    Passes:

    ```
    | Transmission | 2 | nircam f322w2 | NIRCam Grism Time Series          | (1) WASP-39 |
    | Transmission | 3 | nirspec g395h | NIRSpec Bright Object Time Series | (1) WASP-39 |
    | Field        | 4 | F200W + F770W | NIRCam Imaging                    | (1) Field   |
    ```

    **Real data.** The real labels name their own instrument's elements
    (1366 `nircam f322w2`, `nirspec g395h`, 4497 `NIRSpec FS prism`); none
    carries a parallel instrument's filter alone. NIRCam and NIRISS share
    most filter names, so a shared filter under either is never reported.
    """
    vocab = vocabulary(context)
    lenient = _parallel_only_allowed(context)
    for row, template in _labelled_rows(document, vocab):
        for start, end, message in _element_verdicts(vocab, row.label.value, template, lenient):
            yield Finding(_word_span(row.label, start, end), message, related=_template_note(row))


@lru_cache(maxsize=8192)
def _element_verdicts(vocab, label: str, template, lenient: bool = False) -> tuple[tuple[int, int, str], ...]:
    """PL512's findings for one label under one template (see _instrument_verdicts)."""
    if template.instrument == OBSERVATORY:
        return ()
    tables = _tables(vocab)
    hits = [(m.start(), m.end(), m.group(0)) for m in tables.element_pattern.finditer(label)]
    if not hits:
        return ()
    named = _named(vocab, label)
    exceptions = _exceptions(vocab, template)
    parallels = vocab.parallel_instruments(template.name)
    parallel_only = (
        not lenient and (named - exceptions) <= parallels and not _names_own(vocab, label, template)
    )
    found = []
    for start, end, word in hits:
        owners = tables.owners[word.casefold()]
        if template.instrument in owners or owners & exceptions or owners & named:
            continue
        if owners & parallels:
            if not parallel_only:
                continue
            found.append((
                start, end,
                f"{word} is an optical element of {_either(sorted(owners))}, which may run in coordinated parallel "
                f"with {template.name}, and the label has nothing of {template.instrument}; "
                + _how_to_say_parallel(template, _either(sorted(owners & parallels)), "label-optical-element"),
            ))
            continue
        found.append((
            start, end,
            f"{word} is an optical element of {_either(sorted(owners))} but the template is {template.name}, "
            f"a template for {template.instrument}",
        ))
    return tuple(found)
