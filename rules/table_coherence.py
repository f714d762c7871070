"""The table agreeing with itself as a whole: rows that repeat another row
exactly, and folder names that name an instrument or mode none of the
folder's rows use. Both are info: real programs repeat rows and name
folders loosely.
"""

from __future__ import annotations

from proglint.api import Finding, Related, Span, rule

from ._program import OBSERVATORY, listed, template_reach, template_rows
from ._vocabulary import normal, vocabulary
from .labels import _mode_hits, _tables


@rule(
    "PL222", "observation-duplicate", "info",
    "A row repeats another row's template, target and label exactly (off by default: real programs repeat rows).",
    enabled=False,
    fix_note="which of two identical rows is the stray, or what makes them differ, is the author's call.",
)
def observation_duplicate(document, context):
    """**What it does.** Reports a row whose Observing Template, Science
    Target and Label are exactly those of an earlier row, at its label,
    naming the earlier observation (shown as related information too).
    Templates are compared as APT does (case, spacing and aliases ignored),
    targets and labels as written (runs of spaces ignored). Rows with a
    blank label are never compared: labels are optional, and unlabelled
    repeats (1093) say nothing either way.

    **Why it matters.** A row pasted twice is an observation scheduled
    twice; when the repeat is deliberate, a label that says so (`visit 2`,
    `epoch B`) helps every reviewer after you.

    **Real data.** Off by default, because real programs repeat rows on
    purpose: 1141 runs "Apply PMSA and SMSA Corrections Producing Boresight
    Change" five times on the same star and template, one per alignment
    iteration (and 1161 does the same). Turn it on with
    `extend-select = ["PL222"]` for programs that should have none.

    Fails (when selected):

    ```
    | | 2 | Apply PMSA and SMSA Corrections | WFSC Global Alignment | (1) BD+65-1248 |
    | | 4 | Apply PMSA and SMSA Corrections | WFSC Global Alignment | (1) BD+65-1248 |
    ```

    Passes:

    ```
    | | 1 | FGS-1, GS#1 | NIRCam Imaging | (1) LMC-ASTROMETRIC |
    | | 2 | FGS-1, GS#2 | NIRCam Imaging | (1) LMC-ASTROMETRIC |
    ```
    """
    vocab = vocabulary(context)
    seen: dict[tuple, object] = {}
    for row in document.observations:
        if row.label is None or row.label.blank or row.template is None or row.target is None:
            continue
        template = vocab.template(row.template.value)
        key = (
            template.name if template is not None else normal(row.template.value),
            " ".join(row.target.cell.value.split()),
            " ".join(row.label.value.split()),
        )
        first = seen.get(key)
        if first is None:
            seen[key] = row
            continue
        number = f"observation {first.number.value}" if first.number is not None and first.number.value else "the row"
        yield Finding(
            row.label.span,
            f"this row repeats {number} on line {first.line} exactly (template, target and label); if the repeat "
            "is deliberate, say so in the label (such as 'visit 2'), otherwise remove the row",
            related=(Related(first.label.span, f"{number} has the same template, target and label"),),
        )


def _folder_words(vocab, name: str):
    """(start, end, word, instrument or None, mode or None) for each
    instrument and mode word in a folder name, first spelling of each."""
    found = []
    seen = set()
    for m in vocab.instrument_mentions(name):
        if m.key != OBSERVATORY and ("i", m.key) not in seen:
            seen.add(("i", m.key))
            found.append((m.start, m.end, m.text, m.key, None))
    for mode, start, end, word in _mode_hits(_tables(vocab), name):
        if ("m", mode.key) not in seen:
            seen.add(("m", mode.key))
            found.append((start, end, word, None, mode))
    return sorted(found, key=lambda f: f[0])


def _mode_used(vocab, mode, templates) -> bool:
    """Whether a row's template fits a mode word: one of the templates the
    word stands for, one that may run one of them in coordinated parallel,
    or an engineering template of the same instrument (engineering rows
    carry science-mode words: 4497's `NIRCam Imaging` labels)."""
    pairs = {(normal(a), normal(b)) for a, b in vocab.parallel_pairs}
    implied = {t.name for t in mode.implied}
    instruments = {t.instrument for t in mode.implied}
    for template in templates:
        if template.name in implied:
            return True
        if any((normal(template.name), normal(name)) in pairs for name in implied):
            return True
        if template.kind == "engineering" and template.instrument in instruments:
            return True
    return False


@rule(
    "PL405", "folder-instrument", "info", "A folder's name names an instrument or mode that none of its rows use.",
    fix_note="whether the folder's name or its rows are wrong is not known.",
)
def folder_instrument(document, context):
    """**What it does.** Finds instrument words (`MIRI`, `NIRCam`, `NRS` ...)
    and mode words (`MRS`, `LRS`, `SOSS`, `WFSS`, `Coron` ... the label
    vocabulary's) in each folder's name and reports a word, in the Folder
    cell that names the folder, when none of the folder's rows uses that
    instrument or mode. A row uses an instrument when its template belongs
    to it, takes its data (WFSC) or may run it in coordinated parallel; a
    mode when its template is one the word stands for, runs one of them in
    parallel, or is an engineering template of the same instrument.
    Skipped: a folder named exactly after one of the document's targets
    (`LMC-NIRSPEC-FGS-ALIGNMENT` is a name, not a description), a folder
    with a row of unknown template (PL501), and the observatory words
    (`OTE`, `WFSC`).

    **Why it matters.** Folders are how a reader finds the MIRI part or the
    SOSS part of a program; a folder called "MIRI LRS" holding only NIRSpec
    rows sends them to the wrong rows, and usually means rows were moved
    or the folder was renamed by copy.

    **Real data.** Info, and only when *none* of the rows fits: a real
    folder may name an instrument that not all its observations use (TSO
    program 7953's folder "LHS 3844 b MIRI" holds a NIRSpec observation
    beside its MIRI ones). The seeds' folders are named after targets
    (4497), steps (1141: "Initial GA Image") or science cases (1366:
    "Transmission - WASP-39b") and name no instrument.

    Fails:

    ```
    | MIRI LRS Transits | 1 | nirspec prism | NIRSpec Bright Object Time Series | (1) WASP-39 |
    ```

    Passes:

    ```
    | LHS 3844 b MIRI | 1 | miri lrs      | MIRI Low Resolution Spectroscopy  | (1) LHS-3844 |
    |                 | 2 | nirspec g395h | NIRSpec Bright Object Time Series | (1) LHS-3844 |
    ```
    """
    vocab = vocabulary(context)
    targets = {
        row.target.name.value.casefold() for row in document.observations if row.target is not None and row.target.name is not None
    }
    folders: dict[str, list] = {}
    for row in document.observations:
        if row.folder is not None and row.folder.value.strip():
            folders.setdefault(normal(row.folder.value), []).append(row)
    for rows in folders.values():
        named = rows[0].folder
        if named.value.strip().casefold() in targets or len(named.value) > 500:
            continue
        words = _folder_words(vocab, named.value)
        if not words:
            continue
        templates = []
        for row in rows:
            template = vocab.template(row.template.value) if row.template is not None and not row.template.blank else None
            if template is None:
                break
            templates.append(template)
        else:
            reach = set()
            for template in templates:
                reach |= template_reach(vocab, template)
            used = listed(list(dict.fromkeys(t.name for t in templates)))
            for start, end, word, instrument, mode in words:
                if instrument is not None and instrument in reach:
                    continue
                if mode is not None and _mode_used(vocab, mode, templates):
                    continue
                what = instrument if instrument is not None else word
                span = named.span
                verdict = (
                    f"none of its {len(rows)} observations uses {what}" if len(rows) > 1
                    else f"its one observation does not use {what}"
                )
                yield Finding(
                    Span.on_line(span.start_line, span.start_column + start, span.start_column + end),
                    f"folder '{named.value}' names {what}, but {verdict} (the folder holds {used}); "
                    "rename the folder or move the observations",
                )
