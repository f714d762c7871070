"""Prose against the table: the instruments the ABSTRACT and OBSERVING
DESCRIPTION name, and the instruments of the table's templates.

Prose is free text, so both rules are info and read only the vocabulary's
`prose: instrument_words` (instrument names and their spelled-out forms,
whole tokens in any case; not the label abbreviations: "MIR" is
mid-infrared in prose). Prose that describes every instrument at once
(`prose: all_instruments`, "all JWST instruments") names none in
particular. HTML comments are not prose.
"""

from __future__ import annotations

from proglint.api import Finding, Related, Span, per_document, rule
from proglint.parse.comments import blank_comments

from ._program import listed, reachable_instruments, table_instruments, template_rows, unknown_templates
from ._vocabulary import normal, vocabulary, word_pattern

SECTIONS = ("ABSTRACT", "OBSERVING DESCRIPTION")


@per_document
def _prose(document, vocab):
    """(mentions, says_all, sections): the first mention of each instrument
    as (instrument, Span, word, section title) in document order, whether
    the prose describes all instruments at once, and the sections read."""
    wanted = {normal(s) for s in SECTIONS}
    sections = [s for s in document.sections if normal(s.title.value) in wanted]
    patterns = {i: word_pattern(words) for i, words in vocab.prose_words.items()}
    everything = word_pattern(vocab.all_instruments_phrases)
    first: dict[str, tuple] = {}
    says_all = False
    for section in sections:
        for number in range(section.line + 1, section.end_line + 1):
            line = blank_comments(document.source.line(number))
            if not line.strip():
                continue
            says_all = says_all or everything.search(line) is not None
            for instrument, pattern in patterns.items():
                if instrument in first:
                    continue
                m = pattern.search(line)
                if m is not None:
                    span = Span.on_line(number, m.start() + 1, m.end() + 1)
                    first[instrument] = (instrument, span, m.group(0), section.title.value)
    mentions = sorted(first.values(), key=lambda m: (m[1].start_line, m[1].start_column))
    return tuple(mentions), says_all, tuple(sections)


@rule(
    "PL530", "prose-instrument-unused", "info", "The ABSTRACT or OBSERVING DESCRIPTION names an instrument the table never uses.",
    fix_note="whether the prose or the table is wrong is not known.",
)
def prose_instrument_unused(document, context):
    """**What it does.** Finds the first mention of each instrument in the
    ABSTRACT and the OBSERVING DESCRIPTION (`MIRI`, `NIRCam`, `NIRSpec`,
    `NIRISS`, `FGS` and their spelled-out names, as whole words in any
    case) and reports it when no row of the table involves that
    instrument: no template of it, no WFSC template taking its data, no
    template it may run beside in coordinated parallel (the table shows
    only the prime), and no label naming it. Skipped when the table has no
    rows or has rows with unknown templates (PL501).

    **Why it matters.** The prose and the table describe one program; prose
    naming an instrument the table never uses was copied from another
    program, or the table lost that instrument's rows.

    **Real data.** Info only: prose says more than the table shows. 1071's
    description reads "with NIRISS imaging in parallel" over a table of
    NIRCam Imaging only (NIRISS may run beside NIRCam Imaging, so it is not
    reported), and names the two FGS guiders, which every pointed
    observation uses: the guider (`prose: guiding_instruments`) is never
    reported.

    Fails:

    ```
    | | 1 | | NIRISS Aperture Masking Interferometry | (1) AB-DOR |
    ## OBSERVING DESCRIPTION
    Aperture masking interferometry with NIRSpec of AB Dor.
    ```

    Passes:

    ```
    | | 1 | FGS-1, GS#1 | NIRCam Imaging | (1) LMC-ASTROMETRIC |
    ## OBSERVING DESCRIPTION
    NIRCam imaging while guiding with each FGS guider, with NIRISS imaging in parallel.
    ```
    """
    vocab = vocabulary(context)
    rows = template_rows(document, vocab)
    if not rows or unknown_templates(document, vocab):
        return
    mentions, _, _ = _prose(document, vocab)
    if not mentions:
        return
    used = set(reachable_instruments(document, vocab)) | set(vocab.guiding_instruments)
    unexplained = {m[0] for m in mentions} - used
    for row, _ in rows:  # the labels are read only while a mention is unexplained
        if not unexplained:
            return
        if row.label is not None and not row.label.blank:
            named = {m.key for m in vocab.instrument_mentions(row.label.value)}
            used |= named
            unexplained -= named
    own = sorted(table_instruments(document, vocab))
    for instrument, span, word, section in mentions:
        if instrument in used:
            continue
        table = f"the table's templates are for {listed(own)}" if own else "the table has observatory templates only"
        yield Finding(
            span,
            f"the {section} names {instrument} ('{word}'), but no observation in the table uses {instrument} "
            f"({table}); describe the program the table lists, or add the missing observations",
        )


@rule(
    "PL531", "table-instrument-undescribed", "info", "The table uses an instrument that neither the ABSTRACT nor the OBSERVING DESCRIPTION mentions.",
    fix_note="the description is the author's prose.",
)
def table_instrument_undescribed(document, context):
    """**What it does.** When the ABSTRACT or OBSERVING DESCRIPTION name
    instruments, reports each instrument of the table's templates that
    neither section names, at the first row using it. Prose that names no
    instrument at all, or that describes all instruments at once ("all JWST
    instruments"), is not compared. Observatory templates (WFSC, Station
    Keeping ...) belong to no instrument and are not reported.

    **Why it matters.** A reviewer reads the prose to learn what the rows
    are for; an instrument the prose is silent about, while it describes
    the others, is a part of the program nobody explained, or rows pasted
    from another program.

    **Real data.** Info only. The calibration seed 4497 uses MIRI, NIRCam
    and NIRSpec templates while its prose says "all JWST instruments" and
    names none: not compared. 1366 names all four instruments; 1141 names
    NIRCam for its contingency rows, and its WFSC rows are observatory
    templates.

    Fails:

    ```
    | | 1 | | MIRI Imaging               | (1) GD153 |
    | | 2 | | NIRCam Engineering Imaging | (1) GD153 |
    ## ABSTRACT
    MIRI imaging of the white dwarf GD153.
    ```

    Passes:

    ```
    | | 1 | | MIRI Imaging               | (1) GD153 |
    | | 2 | | NIRCam Engineering Imaging | (1) GD153 |
    ## ABSTRACT
    Flux calibration of all JWST instruments on the white dwarf GD153.
    ```
    """
    vocab = vocabulary(context)
    mentions, says_all, sections = _prose(document, vocab)
    if not mentions or says_all:
        return
    named = {m[0] for m in mentions}
    titles = " nor the ".join(s.title.value for s in sections)
    where = f"neither the {titles}" if len(sections) > 1 else f"the {sections[0].title.value} does not"
    for instrument, uses in table_instruments(document, vocab).items():
        if instrument in named:
            continue
        row, template = uses[0]
        templates = listed(list(dict.fromkeys(t.name for _, t in uses)))
        count = f"{len(uses)} rows" if len(uses) > 1 else "1 row"
        verb = "mentions" if len(sections) > 1 else "mention"
        yield Finding(
            row.template.span,
            f"the table observes with {instrument} ({templates}, {count}) but {where} {verb} {instrument}, "
            f"while the prose names {listed(sorted(named))}; say what the {instrument} observations are for",
            related=(Related(sections[-1].title.span, f"the {sections[-1].title.value} section"),),
        )
