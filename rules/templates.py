"""The Observing Template column names a template APT knows.

Templates are data (``vocabulary.yaml``): names are compared case-insensitively,
with runs of whitespace collapsed, and through each template's aliases, as
APT is forgiving of case. A blank template cell is the schema stage's concern
(PL2xx), not these rules'.
"""

from __future__ import annotations

from proglint.api import Edit, Finding, Fix, per_document, rule

from ._vocabulary import normal, vocabulary

# The did-you-mean compares a name with every known one (~0.5 ms); a table of
# thousands of different unknown names would spend seconds on it, so past
# this many different names in one document the finding comes without one.
SUGGESTIONS_PER_DOCUMENT = 200


@per_document
def _template_cells(document):
    for row in document.observations:
        if row.template is not None and not row.template.blank:
            yield row.template


@rule(
    "PL501", "unknown-template", "error", "The Observing Template is not a known JWST template.",
    fix_note="which template was meant is not known (PL502 fixes a known template's spelling).",
)
def unknown_template(document, context):
    """**What it does.** Looks up each Observing Template in the vocabulary,
    ignoring case and extra spaces and accepting the aliases listed there
    (`NIRSpec MOS`, `NIRCam Coron`, `MIRI MRS` ...). A name that is not found
    is reported with the closest known name as a did-you-mean.

    **Why it matters.** The template decides what the observation is: which
    instrument, which mode, whether it needs a target or takes a background.
    A misspelled template makes the row meaningless, and every label and
    target check on that row is skipped.

    A template that is genuinely new (a mode added after this vocabulary was
    written) can be added by a team in a vocabulary file named in
    `vocabulary = [...]`: one line under `templates:`.

    Fails:

    ```
    | GD153 | 1 | MIRI Imaging | MIRI Imagng | (1) GD153 |
    ```

    (`'MIRI Imagng' is not a known observing template; did you mean 'MIRI Imaging'?`)

    Passes:

    ```
    | GD153 | 1 | MIRI Imaging | MIRI Imaging | (1) GD153 |
    | GD153 | 2 | MIRI Imaging | MIRI imaging | (1) GD153 |
    ```
    """
    vocab = vocabulary(context)
    searched: set[str] = set()  # the different unknown names given a did-you-mean
    for cell in _template_cells(document):
        if vocab.template(cell.value) is not None:
            continue
        key = normal(cell.value)
        suggestion = None
        if key in searched or len(searched) < SUGGESTIONS_PER_DOCUMENT:
            searched.add(key)
            suggestion = vocab.suggest(cell.value)
        if suggestion is not None:
            message = f"'{cell.value}' is not a known observing template; did you mean '{suggestion}'?"
        else:
            message = (
                f"'{cell.value}' is not a known observing template; write the name as APT shows it "
                "(`proglint explain PL501` says how to add a new one)"
            )
        yield Finding(cell.span, message)


@rule(
    "PL502", "template-spelling", "info",
    "A known Observing Template is written in another case, spacing or through an alias.",
    autofix="safe", fix_note="writes the vocabulary's name for the template.", enabled=False,
)
def template_spelling(document, context):
    """**What it does.** Reports a template that proglint recognises but that
    is not written exactly as its canonical display name: another case
    (`MIRI imaging`), other spacing, or an alias (`NIRSpec FS`,
    `NIRSpec Multi-Object Spectroscopy`). The fix writes the canonical name.

    Off by default: real, accepted documents write `MIRI imaging` (program
    4497), and APT itself accepts the spelling. Turn it on for a house style
    that wants canonical names, e.g. for tools that match names exactly.

    **Why it matters.** Tools downstream that compare names exactly (archive
    queries on the TEMPLATE keyword, spreadsheets) miss a differently spelled
    template.

    Fails (when selected):

    ```
    | GD153 | 1 | MIRI Imaging | MIRI imaging | (1) GD153 |
    ```

    Passes:

    ```
    | GD153 | 1 | MIRI Imaging | MIRI Imaging | (1) GD153 |
    ```
    """
    vocab = vocabulary(context)
    for cell in _template_cells(document):
        template = vocab.template(cell.value)
        if template is None or cell.value == template.name:
            continue
        if " ".join(cell.value.split()).casefold() == template.name.casefold():
            how = "is written differently from"
        else:
            how = "is an alias of"
        yield Finding(
            cell.span,
            f"'{cell.value}' {how} the template '{template.name}'; write '{template.name}'",
            fix=Fix(f"write '{template.name}'", (Edit(cell.span, template.name),)),
        )
