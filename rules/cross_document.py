"""Cross-document checks: facts about the set of documents linted together
(a folder, a pre-commit run, a CI job) and about where a document is filed.

A document's program id is its front matter's ``id``, or, when the front
matter has none, the id in its ``# ID - TITLE`` heading (PL120 reports the
two disagreeing). Ids are compared as numbers, so ``04497`` is ``4497``.
"""

from __future__ import annotations

import posixpath
import re

from proglint.api import Finding, rule

from .metadata import id_consensus, id_key, program_id

# A file name carries a program id when it starts with one, followed by the
# end of the name or by ``.``, ``_`` or ``-``:  ``1071.txt``, ``1071_v2.txt``,
# ``01071-draft.md``.  See file_name_id_mismatch's docs for why ``000_...``
# and ``001_...`` do not.
_LEADING_ID = re.compile(r"(?P<digits>[0-9]+)(?=[._-]|$)")


def _name(path: str) -> str:
    return posixpath.basename(path.replace("\\", "/"))


def id_in_file_name(path: str) -> int | None:
    """The program id a file name carries, or ``None``.

    The leading digits are an id when they are a program id as written on
    STScI pages (1 to 5 digits, no leading zero: ``1071``) or the archive's
    zero-padded five-digit form (``01071``, NAMES in the domain notes). A
    shorter run with a leading zero (``000``, ``001``, ``0042``) is a
    sequence number, and all zeros is never an id: program ids start at 1.
    """
    match = _LEADING_ID.match(_name(path))
    if match is None:
        return None
    digits = match.group("digits")
    if len(digits) > 5:
        return None
    if digits.startswith("0") and len(digits) != 5:
        return None
    number = int(digits)
    return number if number >= 1 else None


@rule(
    "PL601", "duplicate-program-id", "error",
    "Two documents linted together have the same program id.",
    scope="project", summarize=program_id,
    fix_note="which of the two documents has the wrong id is not known.",
)
def duplicate_program_id(summaries, context):
    """**What it does.** When several documents are linted together (a folder,
    a list of files, a pre-commit run), reports every document whose program
    id (the front matter's `id`, or the heading's when the front matter has
    none) is also another document's. Each document is reported at its own
    id, naming the other file and the line of its id, so both show up in an
    editor or a review.

    **Why it matters.** One program has one document. Two documents with one
    id are a copy that was never renumbered, or two versions of the same
    program that will drift apart; either way one of them is wrong.

    Fails: `a.txt` and `b.txt` both with `id: 1071`.

    Passes: `a.txt` with `id: 1071` and `b.txt` with `id: 1093`.

    The pre-commit hook runs proglint in one process (`require_serial: true`)
    so that this rule sees every staged document at once.
    """
    by_id: dict[int | str, list] = {}
    seen_paths: set[str] = set()
    for document in summaries:
        path = posixpath.normpath(document.path.replace("\\", "/"))
        if path in seen_paths:
            continue
        seen_paths.add(path)
        ident = document.data
        if ident is not None:
            by_id.setdefault(id_key(ident.value), []).append((document, ident))
    for group in by_id.values():
        if len(group) < 2:
            continue
        for document, ident in group:
            others = [f"{other.path} (line {other_id.span.start_line})" for other, other_id in group if other is not document]
            also = others[0] if len(others) == 1 else ", ".join(others[:-1]) + " and " + others[-1]
            yield document, Finding(
                ident.span,
                f"program {ident.value} is also the id of {also}; one program has one document, "
                "so remove the copy or correct its id",
            )


@rule(
    "PL602", "file-name-id-mismatch", "warning",
    "The program id in the file name differs from the document's id.",
    fix_note="the file's name is not its text; rename the file or change the id by hand.",
)
def file_name_id_mismatch(document, context):
    """**What it does.** When a file's name carries a program id, requires it
    to be the document's id (the front matter's `id`, or the heading's when
    the front matter has none), and reports that id otherwise.

    A name carries an id when it starts with digits followed by the end of
    the name, `.`, `_` or `-` (`1071.txt`, `1071_v2.txt`, `1071-draft.md`)
    and those digits are a program id: 1 to 5 digits without a leading zero
    (`1071`), or exactly five digits, the archive's zero-padded form
    (`01071.txt` is program 1071). Shorter runs with a leading zero are
    export sequence numbers, not ids: `000_223d96fec14c6a4f.txt` and
    `001_...` carry no id (program ids start at 1, so all zeros never is
    one). Digits followed by a letter (`1071v2.txt`) or longer than five
    digits (`20240501_notes.md`, a date) carry no id either.

    When the name agrees with the URL (or heading) and only the id differs,
    the id is the odd one out and the message says to correct it, never to
    rename the file after it; when the heading agrees too,
    `heading-id-mismatch` (PL120) reports the front matter's id instead.

    The rule sees one document and its name, so it also runs in an editor
    and on standard input given `--stdin-filename`.

    **Why it matters.** People find a program's document by its file name;
    a document filed under another program's number is found for the wrong
    program and missed for its own.

    Fails: `1072.txt` whose front matter says `id: 1071`.

    Passes: `1071.txt`, `1071_v2.txt` or `000_223d96fec14c6a4f.txt` with
    `id: 1071`.
    """
    named = id_in_file_name(document.path)
    ident = program_id(document)
    if named is None or ident is None or id_key(ident.value) == named:
        return
    name = _name(document.path)
    digits = _LEADING_ID.match(name).group("digits")
    renamed = None
    if re.fullmatch(r"[0-9]+", ident.value):
        width = 5 if len(digits) == 5 else 0  # keep the archive's zero padding
        renamed = (ident.value.lstrip("0") or "0").zfill(width) + name[len(digits):]
    advice = f"rename the file to {renamed} or correct the id" if renamed else "rename the file or correct the id"
    if id_consensus(document) == named:  # the URL (or heading) agrees with the name: the id is the odd one out
        advice = f"correct the id to {named}, as the URL and the file name say"
    yield Finding(
        ident.span,
        f"the file name {name} says program {named} but this document's id is {ident.value}; {advice}",
    )
