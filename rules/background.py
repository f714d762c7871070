"""Dedicated background observations: label, target name, template and
science partner agree.

A background target is recognised by its name only, as APT has no flag for
it in the document: the vocabulary's `background_name_markers` (`-BKG`,
`_BKG`, `BKG_`, `BKG-`, `-sky`, `_sky`), any case, not running into more
letters (`X-BKGnd` and `Tau-skyline` are not backgrounds).

`WBKG` ("with background", the seed's `muCol-WBKG`) marks the *science*
target whose observation has a dedicated background: the vocabulary lists it
under `with_background_markers`. Such a target is a science target here: its
label need not say BKG (the seed labels it `MIRI MRS` and `MIRI LRS
slitless`), a label that does say BKG is accepted on it (the name itself
says "with background"), it may use any template, and it is the science
partner of `muCol-BKG`.
"""

from __future__ import annotations

from functools import lru_cache

from proglint.api import Finding, Related, Span, per_document, rule

from ._vocabulary import vocabulary, word_pattern

SEPARATORS = "-_.+"
ENGLISH_WORDS = {"sky", "background"}  # BKG itself is never an English word
NOT_A_BACKGROUND_NEXT = {"flat", "flats", "flatfield", "flat-field"}


def _word_span(cell_span: Span, start: int, end: int) -> Span:
    return Span.on_line(cell_span.start_line, cell_span.start_column + start, cell_span.start_column + end)


@lru_cache(maxsize=8)
def _background_pattern(vocab):
    return word_pattern(
        w for key, entry in vocab.abbreviations.items() if entry.get("role") == "background"
        for w in vocab.abbreviation_words(key)
    )


@lru_cache(maxsize=8192)  # labels repeat within and across documents
def label_background_word(vocab, label: str):
    """The first word saying this is a background observation, as
    (start, end, word), or None.  `sky` and `background` count as words of
    their own only: `sky flat`, `skyflat`, `background-limited` and
    `sky-subtracted` describe something else."""
    for match in _background_pattern(vocab).finditer(label):
        start, end, word = match.start(), match.end(), match.group(0)
        if word.casefold() in ENGLISH_WORDS:
            rest = label[end:]
            if rest[:1] == "-" and rest[1:2].isalpha():
                continue
            following = rest.replace("-", " ").split()
            if following and following[0].casefold().strip(".,;:()") in NOT_A_BACKGROUND_NEXT:
                continue
        return start, end, word
    return None


@per_document
def _targets(document):
    """(row, name Text) for each row with a named target."""
    for row in document.observations:
        target = row.target
        if target is not None and target.name is not None and not target.is_none:
            yield row, target.name


@rule(
    "PL540", "background-label-target", "warning", "A label says BKG but the target is not a background target.",
    fix_note="whether the label or the target is wrong is not known.",
)
def background_label_target(document, context):
    """**What it does.** Warns when a label says the observation is a
    background (`BKG`, `bkg`, `background`, `sky` as words of their own) but
    its Science Target is not named as a background (`muCol-BKG`,
    `Oph_BKG_A`, `BKG_17-29-18-36`, `C2024E1-sky`).

    Not reported: targets marked "with background" (`muCol-WBKG`, see the
    module note), `NONE`, and `sky flat`, `skyflat`, `background-limited`,
    `sky-subtracted`, which describe something other than a dedicated
    background.

    **Why it matters.** A background observation pointed at the science
    target (or science and background targets swapped between two rows)
    subtracts the source from itself.

    Fails:

    ```
    | muCol | 5 | MIRI MRS BKG | MIRI Medium Resolution Spectroscopy | (5) muCol |
    ```

    (`label says BKG but the target muCol is not a background target; ...`)

    Passes:

    ```
    | muCol | 4 | MIRI MRS     | MIRI Medium Resolution Spectroscopy | (6) muCol-WBKG |
    | muCol | 5 | MIRI MRS BKG | MIRI Medium Resolution Spectroscopy | (7) muCol-BKG  |
    ```
    """
    vocab = vocabulary(context)
    for row, name in _targets(document):
        if row.label is None or row.label.blank:
            continue
        if vocab.is_background_name(name.value) or vocab.is_with_background_name(name.value):
            continue
        hit = label_background_word(vocab, row.label.value)
        if hit is None:
            continue
        start, end, word = hit
        yield Finding(
            _word_span(row.label.span, start, end),
            f"label says {word} but the target {name.value} is not a background target; point a background "
            f"observation at a background target (such as {name.value}-BKG) or drop {word} from the label",
            related=(Related(name.span, "the Science Target of this row"),),
        )


@rule(
    "PL541", "background-target-label", "warning", "A background target's label does not say BKG.",
    fix_note="the label's wording is the author's.",
)
def background_target_label(document, context):
    """**What it does.** Warns when the Science Target is named as a
    background (`muCol-BKG`, `Oph_BKG_A`, `C2024E1-sky`) but the row's label
    does not say so (`BKG`, `bkg`, `background` or `sky` as a word of its
    own). A blank label is not reported: labels are optional.

    `WBKG` ("with background") targets are science targets and are not
    reported (the seed's `muCol-WBKG` labelled `MIRI MRS`).

    **Why it matters.** Science and background targets swapped between two
    rows are found by reading label and target together; a background
    observation whose label reads like a science one is the other half of
    that mistake (PL540 reports the first half).

    Fails:

    ```
    | muCol | 5 | MIRI MRS | MIRI Medium Resolution Spectroscopy | (7) muCol-BKG |
    ```

    Passes:

    ```
    | muCol | 4 | MIRI MRS     | MIRI Medium Resolution Spectroscopy | (6) muCol-WBKG |
    | muCol | 5 | MIRI MRS BKG | MIRI Medium Resolution Spectroscopy | (7) muCol-BKG  |
    ```
    """
    vocab = vocabulary(context)
    for row, name in _targets(document):
        if row.label is None or row.label.blank or not vocab.is_background_name(name.value):
            continue
        if label_background_word(vocab, row.label.value) is not None:
            continue
        yield Finding(
            name.span,
            f"{name.value} is a background target but the label '{row.label.value}' does not say so; "
            f"write BKG in the label of a background observation, or point the row at its science target",
            related=(Related(row.label.span, "the label of this row"),),
        )


@rule(
    "PL542", "background-template", "warning",
    "A background target is observed with a template that takes no dedicated backgrounds.",
    fix_note="whether the target or the template is wrong is not known.",
)
def background_template(document, context):
    """**What it does.** Warns when a background target (named `-BKG`,
    `_BKG`, `BKG_`, `-sky` ...) is observed with a template that does not
    take dedicated background observations. The templates that do are those
    with `background_obs: true` in the vocabulary: MIRI Medium and Low
    Resolution Spectroscopy, MIRI Coronagraphic Imaging (which requires a
    background for every target), NIRSpec IFU, Fixed Slit and MultiObject
    Spectroscopy. Unknown templates are left to PL501.

    **Why it matters.** Dedicated backgrounds are part of the spectroscopic
    and coronagraphic modes; a background target under a time-series or
    imaging template usually means the target was picked from the wrong row,
    or the template was.

    Fails:

    ```
    | WASP-39 | 4 | NIRSpec BOTS BKG | NIRSpec Bright Object Time Series | (2) WASP-39-BKG |
    ```

    Passes:

    ```
    | muCol | 7 | MIRI LRS BKG | MIRI Low Resolution Spectroscopy | (7) muCol-BKG |
    ```
    """
    vocab = vocabulary(context)
    takers = [t.name for t in vocab.templates.values() if t.background_obs]
    for row, name in _targets(document):
        if row.template is None or not vocab.is_background_name(name.value):
            continue
        template = vocab.template(row.template.value)
        if template is None or template.background_obs:
            continue
        yield Finding(
            row.template.span,
            f"{name.value} is a background target but {template.name} takes no dedicated background "
            f"observations; those are taken with {', '.join(takers[:-1])} or {takers[-1]}",
            related=(Related(name.span, "the background target"),),
        )


def _same_stem(background_stem: str, science_stem: str) -> bool:
    if not background_stem or not science_stem:
        return False
    if background_stem == science_stem:
        return True
    for longer, shorter in ((background_stem, science_stem), (science_stem, background_stem)):
        if longer.startswith(shorter) and longer[len(shorter)] in SEPARATORS:
            return True
    return False


@rule(
    "PL543", "background-partner", "warning", "A background target has no science target in its folder.",
    fix_note="which science target the background belongs to is not known.",
)
def background_partner(document, context):
    """**What it does.** For each background target (`muCol-BKG`), looks in
    the same folder for an observation of its science target: a target that
    is not a background and whose name shares the stem, marker removed, any
    case (`muCol`, `muCol-WBKG`; `Oph_BKG_A` pairs with `Oph_A` or `Oph`).
    A background whose name has no stem of letters (`BKG_17-29-18-36`,
    `BKG-1`) is paired with any science target of its folder. Rows before
    the first folder name form one group. Reported once per background
    target and folder, at its first row; when the science target is observed
    in another folder, the message says where.

    **Why it matters.** APT links a dedicated background to its science
    observation (a non-interruptible sequence, same template and folder);
    a background alone in its folder belongs to a science observation that
    was moved, renamed or withdrawn.

    Fails:

    ```
    | lamLep | 7 | MIRI LRS BKG | MIRI Low Resolution Spectroscopy | (7) muCol-BKG |
    ```

    Passes:

    ```
    | muCol | 6 | MIRI LRS slitless | MIRI Low Resolution Spectroscopy | (6) muCol-WBKG |
    |       | 7 | MIRI LRS BKG      | MIRI Low Resolution Spectroscopy | (7) muCol-BKG  |
    ```
    """
    vocab = vocabulary(context)
    rows = list(_targets(document))
    science: dict[object, list] = {}
    for row, name in rows:
        if not vocab.is_background_name(name.value):
            science.setdefault(_folder(row), []).append((row, name))
    seen: set[tuple] = set()
    for row, name in rows:
        if not vocab.is_background_name(name.value):
            continue
        folder = _folder(row)
        key = (folder, name.value.casefold())
        if key in seen:
            continue
        seen.add(key)
        stem = vocab.target_stem(name.value)
        candidates = science.get(folder, [])
        if not any(ch.isalpha() for ch in stem):
            if candidates:
                continue
        elif any(_same_stem(stem, vocab.target_stem(n.value)) for _, n in candidates):
            continue
        where = f"folder '{folder}'" if folder is not None else "the rows without a folder"
        elsewhere = next(
            (
                (r, n) for f, items in science.items() if f != folder for r, n in items
                if any(ch.isalpha() for ch in stem) and _same_stem(stem, vocab.target_stem(n.value))
            ),
            None,
        )
        if elsewhere is not None:
            other_row, other_name = elsewhere
            other = f"folder '{_folder(other_row)}'" if _folder(other_row) is not None else "the rows without a folder"
            hint = f"; {other_name.value} is observed on line {other_row.line}, in {other}: keep the pair together"
            related = (Related(other_name.span, "the science target"),)
        else:
            hint = "; observe the science target in the same folder, or name the background after it"
            related = ()
        yield Finding(
            name.span,
            f"background target {name.value} has no science target in {where}{hint}",
            related=related,
        )


def _folder(row):
    return row.folder.value if row.folder is not None and row.folder.value else None
