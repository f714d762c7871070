"""Metadata agreement: the program id and title are written three times (the
front matter, the ``# ID - TITLE`` heading and the program URL) and must say
the same thing everywhere.

Each comparison is skipped when one side is missing: the parser (PL003-PL007)
and the program schema (PL102, PL107) already report a missing or malformed
front matter, heading or id, and one problem should be reported once.
"""

from __future__ import annotations

import re

from urllib.parse import urlsplit

from proglint.api import Edit, Finding, Fix, Related, per_document, rule
from proglint.diagnostic import SAFE, UNSAFE
from proglint.span import Span, Text

from ._vocabulary import vocabulary

_DIGITS = re.compile(r"[0-9]+")


# --------------------------------------------------------------------------
# Helpers shared with the cross-document rules.


def front_matter_id(document) -> Text | None:
    """The front matter's ``id`` value as written, or ``None`` when there is
    none (no front matter, no ``id`` key, a blank or null value, a list) or
    it is not a number: the program schema reports a malformed id (PL104,
    PL107), and comparing it would report the same mistake twice."""
    if document.front_matter is None:
        return None
    entry = document.front_matter.get("id")
    value = entry.value if entry is not None else None
    if value is None or not hasattr(value, "text") or not hasattr(value, "style"):
        return None
    if not _DIGITS.fullmatch(value.text):
        return None
    return Text(value.text, value.span)


def heading_id(document) -> Text | None:
    heading = document.heading
    if heading is None or heading.id is None or not heading.id.value:
        return None
    return heading.id


def url_id(document) -> Text | None:
    url = document.url
    if url is None or url.program_id is None or not url.program_id.value:
        return None
    return url.program_id


def program_id(document) -> Text | None:
    """The document's program id: the front matter's, else the heading's."""
    return front_matter_id(document) or heading_id(document)


def id_key(text: str) -> int | str:
    """What makes two ids the same program: the number for digits (so
    ``04497`` and ``4497`` agree, as in zero-padded file names), otherwise
    the text exactly."""
    if not _DIGITS.fullmatch(text):
        return text
    digits = text.lstrip("0") or "0"
    # Python refuses to convert thousands of digits to an int (and a hostile
    # id could be that long); such an id is compared as its digits.
    return int(digits) if len(digits) <= 18 else digits


def same_id(a: str, b: str) -> bool:
    return id_key(a) == id_key(b)


def _front_matter_id_fix(document, ident: str) -> Fix | None:
    """Write ``ident`` as the front matter's id, in the quotes it has now
    (an id is digits, so no quoting rule changes what it means)."""
    entry = document.front_matter.get("id")
    style = entry.value.style
    if style not in ("", '"', "'"):
        return None
    return Fix(f"make the front matter's id {ident}", (Edit(entry.value.span, f"{style}{ident}{style}"),), UNSAFE)


def _program_urls(context, known: str | None) -> list[str]:
    forms = vocabulary(context).urls
    return [form.replace("{id}", known if known else "<id>") for form in forms]


# --------------------------------------------------------------------------


def _file_name_id(document) -> int | None:
    from .cross_document import id_in_file_name

    return id_in_file_name(document.path)


@per_document
def id_consensus(document) -> int | str | None:
    """The program id most of the places that carry one agree on: the front
    matter's `id`, the heading's id, the URL's id and the file name's id
    (when it carries one), as :func:`id_key` values.  On a tie the front
    matter's id wins, then the heading's: the odd one out is reported, not
    whichever place came first, and no message advises copying a value the
    majority contradicts."""
    places = [front_matter_id(document), heading_id(document), url_id(document)]
    votes = [id_key(p.value) for p in places if p is not None]
    named = _file_name_id(document)
    if named is not None:
        votes.append(named)
    if not votes:
        return None
    counts: dict = {}
    for vote in votes:
        counts[vote] = counts.get(vote, 0) + 1
    top = max(counts.values())
    return next(vote for vote in votes if counts[vote] == top)  # votes are in front-matter-first order


def _agreeing(document, ident) -> str:
    """Which places other than the front matter say ``ident`` ("the heading,
    the URL and the file name").  Called only when the front matter is the
    odd one out against the heading's id: the front matter never agrees, and
    beating it (it wins ties) takes at least two places."""
    says = []
    if heading_id(document) is not None and id_key(heading_id(document).value) == ident:
        says.append("the heading")
    if url_id(document) is not None and id_key(url_id(document).value) == ident:
        says.append("the URL")
    if _file_name_id(document) == ident:
        says.append("the file name")
    return ", ".join(says[:-1]) + " and " + says[-1]


@rule(
    "PL120", "heading-id-mismatch", "error", "The heading's program id and the front matter's `id` differ.",
    autofix=UNSAFE,
    fix_note="the place reported takes the id of the others (the front matter's, unless it is the odd one out); "
    "unsafe: the front matter may be the wrong one.",
)
def heading_id_mismatch(document, context):
    """**What it does.** Compares the id in the `# ID - TITLE` heading with
    the front matter's `id` and, when they name different programs, reports
    the one that is the odd one out: the URL's id and the file name's id
    (`1366.txt`) vote too, so a typo in the front matter alone is reported in
    the front matter, not in the heading that is right. On a tie the front
    matter wins and the heading is reported. Ids are compared as numbers, so
    a zero-padded `04497` is the same program as `4497`.

    **Why it matters.** The heading is what a reader sees, the front matter is
    what tools read: when they disagree, one of them points at another
    program, and a reviewer cannot tell which.

    Fails:

    ```
    ---
    id: 4497
    ---
    # 4498 - CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)
    https://www.stsci.edu/jwst/science-execution/program-information?id=4497
    ```

    (the heading is reported: the front matter and the URL say 4497), and

    ```
    ---
    id: 4498
    ---
    # 4497 - CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)
    https://www.stsci.edu/jwst/science-execution/program-information?id=4497
    ```

    (the front matter is reported).

    Passes:

    ```
    ---
    id: 4497
    ---
    # 4497 - CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)
    ```
    """
    front, head = front_matter_id(document), heading_id(document)
    if front is None or head is None or same_id(front.value, head.value):
        return
    consensus = id_consensus(document)
    if id_key(head.value) != consensus or id_key(front.value) == consensus:
        message = (
            f"the heading says {head.value} but the front matter's id on line {front.span.start_line} "
            f"is {front.value}"
        )
        url = url_id(document)
        if url is not None and same_id(url.value, front.value):
            message += f" (the URL on line {url.span.start_line} also says {url.value})"
        message += "; the heading, front matter and URL must name the same program"
        yield Finding(
            head.span,
            message,
            fix=Fix(f"make the heading's id {front.value}", (Edit(head.span, front.value),), UNSAFE),
            related=(Related(front.span, f"the front matter's id is {front.value}"),),
        )
        return
    # the front matter is the odd one out; covering its id keeps the file
    # name check (PL602), which compares the name with it, from saying so again
    yield Finding(
        front.span,
        f"the front matter's id is {front.value} but {_agreeing(document, consensus)} say {head.value}; "
        f"make the id {head.value} (the heading, front matter and URL must name the same program)",
        fix=_front_matter_id_fix(document, head.value),
        related=(Related(head.span, f"the heading's id is {head.value}"),),
        covers=(front.span,),
    )


@rule(
    "PL121", "url-id-mismatch", "error", "The program id in the URL differs from the document's id.",
    autofix=UNSAFE,
    fix_note="the URL takes the id the front matter (or the heading) gives; unsafe: the URL may be the right one.",
)
def url_id_mismatch(document, context):
    """**What it does.** Compares the program id in the URL (its `id=` or
    `program=` parameter) with the id most of the document agrees on (the
    front matter's `id`, the heading's id and the file name's id; on a tie,
    the front matter's, else the heading's) and reports the URL's id when it
    is the odd one out. When the URL agrees with the others and only the
    front matter differs, `heading-id-mismatch` (PL120) reports the front
    matter instead: the URL is never advised to copy a typo.

    **Why it matters.** The URL is how readers reach the program's page at
    STScI; a wrong id sends them to another program's page, usually a real
    one, so nobody notices.

    Fails:

    ```
    ---
    id: 1071
    ---
    # 1071 - NIRCam Absolute FGS-NIRCam Alignment
    https://www.stsci.edu/jwst/science-execution/program-information?id=1017
    ```

    Passes:

    ```
    ---
    id: 1071
    ---
    # 1071 - NIRCam Absolute FGS-NIRCam Alignment
    https://www.stsci.edu/jwst/science-execution/program-information?id=1071
    ```
    """
    url = url_id(document)
    if url is None:
        return
    consensus = id_consensus(document)
    if consensus is None or id_key(url.value) == consensus:
        return
    front, head = front_matter_id(document), heading_id(document)
    reference = next((p for p in (front, head) if p is not None and id_key(p.value) == consensus), None)
    if reference is None:
        return  # only the file name disagrees with the URL: PL602 reports the name
    if reference is front:
        where = f"the front matter's id on line {front.span.start_line} is {front.value}"
        note = f"the front matter's id is {front.value}"
    else:
        where = f"the heading on line {head.span.start_line} says {head.value}"
        note = f"the heading's id is {head.value}"
    yield Finding(
        url.span,
        f"the URL names program {url.value} but {where}; make the URL's id {reference.value}",
        fix=Fix(f"make the URL's id {reference.value}", (Edit(url.span, reference.value),), UNSAFE)
        if _DIGITS.fullmatch(reference.value) else None,  # a heading's id may hold '&' or '#', which end a URL's id
        related=(Related(reference.span, note),),
    )


def _how_titles_differ(a: str, b: str) -> str:
    if " ".join(a.split()) == " ".join(b.split()):
        return " (they differ only in spacing)"
    if a.casefold() == b.casefold():
        return " (they differ only in letter case)"
    return ""


@rule(
    "PL122", "title-mismatch", "error", "The heading's title is not exactly the front matter's `program_title`.",
    autofix=UNSAFE,
    fix_note="the heading takes the front matter's program_title; unsafe: the heading may be the newer title.",
)
def title_mismatch(document, context):
    """**What it does.** Compares the title in the `# ID - TITLE` heading with
    the front matter's `program_title`, character for character, and reports
    the heading's title when they differ. Nothing is normalised: a double
    space is legal when both places have it (real titles such as
    `CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)` do), and is an
    error when only one has it.

    **Why it matters.** The title is the proposal title in APT; the two copies
    drift apart when one is edited by hand, and search or cross-referencing
    by title then finds only one of them.

    Fails:

    ```
    ---
    program_title: "OTE-07 Global Alignment 1"
    ---
    # 1141 - OTE-07 Global Alignment
    ```

    Passes:

    ```
    ---
    program_title: "OTE-07 Global Alignment 1"
    ---
    # 1141 - OTE-07 Global Alignment 1
    ```
    """
    heading = document.heading
    if heading is None or heading.title is None or document.front_matter is None:
        return
    entry = document.front_matter.get("program_title")
    value = entry.value if entry is not None else None
    if value is None or not hasattr(value, "text") or not value.text.strip():
        return
    title, wanted = heading.title.value, value.text
    if title == wanted:
        return
    yield Finding(
        heading.title.span,
        f"the heading's title '{title}' is not the front matter's program_title on line "
        f"{value.span.start_line}, '{wanted}'{_how_titles_differ(title, wanted)}; copy the title exactly",
        fix=_title_fix(heading, wanted),
        related=(Related(value.span, "the front matter's program_title"),),
    )


def _title_fix(heading, wanted: str) -> Fix | None:
    """The heading's title written as the front matter's, when a heading
    line can hold it exactly: one line, no padding (the heading's own
    spaces are not part of its title), no closing ``#`` (read as the
    heading's closing sequence) and no HTML comment (not part of a title)."""
    if wanted != wanted.strip(" \t") or any(c in wanted for c in "\r\n") or wanted.endswith("#") or "<!--" in wanted:
        return None
    return Fix("copy the front matter's program_title", (Edit(heading.title.span, wanted),), UNSAFE)


def _canonical_url_fix(url, forms) -> Fix | None:
    """The vocabulary's first URL form with the URL's own id, for an STScI
    link that carries an id: the document then decides every character
    (which program the link names is PL121's concern, and stays as it was).
    A link without an id, or to another site, may be meant: no fix."""
    if not forms or url.program_id is None or not _DIGITS.fullmatch(url.program_id.value):
        return None
    host = (urlsplit(url.text.value).hostname or "").casefold()
    if host != "stsci.edu" and not host.endswith(".stsci.edu"):
        return None
    canonical = forms[0].replace("{id}", url.program_id.value)
    return Fix(f"write {canonical}", (Edit(url.text.span, canonical),), SAFE)


@rule(
    "PL123", "url-form", "warning", "The program URL is not one of the STScI program-information forms.",
    autofix=SAFE,
    fix_note="an stsci.edu link that carries the program's id is rewritten to the first form, with the same id.",
)
def url_form(document, context):
    """**What it does.** Requires the URL after the heading to have one of the
    STScI program-information forms listed under `urls` in the vocabulary:

    - `https://www.stsci.edu/jwst/science-execution/program-information?id=ID`
    - `https://www.stsci.edu/jwst-program-info/program/?program=ID`

    A team adds a form with `urls: [...]` in its own vocabulary file
    (`vocabulary = ["team-vocab.yaml"]`). Whether the id in the URL is the
    document's id is PL121's concern.

    **Why it matters.** Tools and readers follow the link to the program's
    page; a search result, an `http://` link or a link to another site goes
    stale or nowhere.

    Fails: `https://www.stsci.edu/jwst/science-execution/approved-programs?id=1071`

    Passes: `https://www.stsci.edu/jwst/science-execution/program-information?id=1071`
    """
    url = document.url
    if url is None:
        return
    forms = vocabulary(context).urls
    for form in forms:
        pattern = re.escape(form).replace(re.escape("{id}"), r"[^&#\s]+")
        if re.fullmatch(pattern, url.text.value):
            return
    known = program_id(document)
    expected = _program_urls(context, known.value if known else None)
    if not expected:
        return
    others = "".join(f" (or {e})" for e in expected[1:])
    yield Finding(
        url.text.span,
        f"'{url.text.value}' is not an STScI program-information URL; write {expected[0]}{others}",
        fix=_canonical_url_fix(url, forms),
    )


@rule(
    "PL124", "url-missing", "warning", "No program URL follows the heading.",
    autofix=SAFE,
    fix_note="the URL is written on a line of its own below the heading, with the id the front matter and "
    "heading agree on (none when they disagree: PL120 first).",
)
def url_missing(document, context):
    """**What it does.** Requires the first non-blank line after the
    `# ID - TITLE` heading to hold the program's STScI URL, and reports the
    heading when it does not.

    **Why it matters.** The URL links the document to the program's page at
    STScI, where readers check status, targets and data; without it they
    have to search by id.

    Fails:

    ```
    # 1071 - NIRCam Absolute FGS-NIRCam Alignment
    ## OBSERVATIONS TABLE
    ```

    Passes:

    ```
    # 1071 - NIRCam Absolute FGS-NIRCam Alignment
    https://www.stsci.edu/jwst/science-execution/program-information?id=1071
    ## OBSERVATIONS TABLE
    ```
    """
    heading = document.heading
    if heading is None or document.url is not None:
        return
    known = program_id(document)
    expected = _program_urls(context, known.value if known else None)
    yield Finding(
        heading.span,
        "no program URL after the heading; add "
        + (expected[0] if expected else "the program's STScI URL")
        + " on the line below it",
        fix=_url_line_fix(document, expected[0]) if expected and _agreed_id(document) else None,
    )


def _agreed_id(document) -> bool:
    """Whether the document names its program with one id: the front
    matter's and the heading's, where both are given, are the same."""
    front, head = front_matter_id(document), heading_id(document)
    if front is None and head is None:
        return False
    return front is None or head is None or front.value == head.value


def _url_line_fix(document, url: str) -> Fix:
    """The URL on a line of its own right below the heading."""
    source = document.source
    line = document.heading.line
    if line == source.line_count:  # the heading ends the file: no line below it yet
        edit = Edit(Span.point(line, len(source.line(line)) + 1), source.newline + url)
    else:
        edit = Edit(Span.point(line + 1, 1), url + source.newline)
    return Fix(f"add {url} below the heading", (edit,), SAFE)
