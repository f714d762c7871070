"""Structure: the sections every program document has, once each, in order.

A program document has three sections below its heading, in this order:
``## OBSERVATIONS TABLE``, ``## ABSTRACT`` and ``## OBSERVING DESCRIPTION``.
Section titles are matched ignoring letter case and runs of spaces, as the
document model's ``section()`` does, so ``## Abstract`` is the abstract; any
heading level from ``##`` down counts.
"""

from __future__ import annotations

import re

from proglint.api import Finding, Related, rule
from proglint.parse.comments import strip_comments
from proglint.span import Span

REQUIRED = ("OBSERVATIONS TABLE", "ABSTRACT", "OBSERVING DESCRIPTION")
MUST_HAVE_TEXT = ("ABSTRACT", "OBSERVING DESCRIPTION")

_THEMATIC_BREAK = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")


def _key(title: str) -> str:
    return " ".join(title.split()).casefold()


def _occurrences(document) -> dict[str, list]:
    """The sections of each required title, in document order."""
    wanted = {_key(name): name for name in REQUIRED}
    found: dict[str, list] = {name: [] for name in REQUIRED}
    for section in document.sections:
        name = wanted.get(_key(section.title.value))
        if name is not None:
            found[name].append(section)
    return found


def _where_missing(document) -> Span:
    if document.heading is not None:
        return document.heading.span
    return Span.point(1, 1)


@rule(
    "PL020", "section-missing", "error", "A required section (OBSERVATIONS TABLE, ABSTRACT, OBSERVING DESCRIPTION) is missing.",
    fix_note="a missing section's text is the author's.",
)
def section_missing(document, context):
    """**What it does.** Requires the three sections of a program document,
    `## OBSERVATIONS TABLE`, `## ABSTRACT` and `## OBSERVING DESCRIPTION`.
    A missing one is reported at the `# ID - TITLE` heading (the document as
    a whole), and the message says where it belongs. Letter case and extra
    spaces in the title do not matter.

    **Why it matters.** Readers and tools look for the abstract and the
    observing description by their titles; a misspelt or forgotten heading
    hides the text or leaves it out altogether.

    Fails:

    ```
    ## OBSERVATIONS TABLE
    ...
    ## OBSERVING DESCRIPTION
    ```

    Passes:

    ```
    ## OBSERVATIONS TABLE
    ...
    ## ABSTRACT
    ...
    ## OBSERVING DESCRIPTION
    ```
    """
    found = _occurrences(document)
    for index, name in enumerate(REQUIRED):
        if found[name]:
            continue
        before = next((found[n][0] for n in reversed(REQUIRED[:index]) if found[n]), None)
        after = next((found[n][0] for n in REQUIRED[index + 1 :] if found[n]), None)
        if before is not None:
            where = f"after the {before.title.value} section (line {before.line})"
        elif after is not None:
            where = f"before the {after.title.value} section (line {after.line})"
        else:
            where = "below the heading"
        yield Finding(_where_missing(document), f"the document has no '## {name}' section; add one {where}")


@rule(
    "PL021", "section-duplicate", "error", "A required section appears more than once.",
    fix_note="which of the two sections to keep, or how to merge them, is the author's call.",
)
def section_duplicate(document, context):
    """**What it does.** Reports the second and later headings of a required
    section (`OBSERVATIONS TABLE`, `ABSTRACT`, `OBSERVING DESCRIPTION`),
    naming the line of the first.

    **Why it matters.** Tools that read a section by its title take one of the
    two and silently drop the other; usually one is a stale copy left behind
    by an edit.

    Fails:

    ```
    ## ABSTRACT
    First version.
    ## ABSTRACT
    Second version.
    ```

    Passes:

    ```
    ## ABSTRACT
    One abstract.
    ```
    """
    for name, sections in _occurrences(document).items():
        first = sections[0] if sections else None
        for again in sections[1:]:
            yield Finding(
                again.title.span,
                f"'{name}' is already a section on line {first.line}; merge the two into one section",
                related=(Related(first.title.span, f"the first '{name}' section"),),
            )


@rule(
    "PL022", "section-order", "error", "The required sections are not in the order OBSERVATIONS TABLE, ABSTRACT, OBSERVING DESCRIPTION.",
    fix_note="reordering sections moves the author's prose; proglint does not move it.",
)
def section_order(document, context):
    """**What it does.** Requires the first `OBSERVATIONS TABLE`, `ABSTRACT`
    and `OBSERVING DESCRIPTION` headings to come in that order, and reports a
    section that comes after one it should precede. Other sections may sit
    anywhere; a missing section is PL020's concern.

    **Why it matters.** Every program document reads the same way: the table,
    then what the program is for, then how it observes. Tools that split a
    document at its headings rely on that order.

    Fails:

    ```
    ## OBSERVATIONS TABLE
    ## OBSERVING DESCRIPTION
    ## ABSTRACT
    ```

    Passes:

    ```
    ## OBSERVATIONS TABLE
    ## ABSTRACT
    ## OBSERVING DESCRIPTION
    ```
    """
    firsts = sorted(
        ((sections[0], REQUIRED.index(name)) for name, sections in _occurrences(document).items() if sections),
        key=lambda item: item[0].line,
    )
    order = ", ".join(REQUIRED)
    for position, (section, rank) in enumerate(firsts):
        later = next((s for s, r in firsts[:position] if r > rank), None)
        if later is None:
            continue
        yield Finding(
            section.title.span,
            f"'{REQUIRED[rank]}' must come before '{_title(later)}' "
            f"on line {later.line}; the sections go in the order {order}",
            related=(Related(later.title.span, f"'{_title(later)}' should come after '{REQUIRED[rank]}'"),),
        )


def _title(section) -> str:
    return next(name for name in REQUIRED if _key(name) == _key(section.title.value))


def _has_text(document, section) -> bool:
    lines = [document.source.line(n) for n in range(section.line + 1, section.end_line + 1)]
    body = strip_comments("\n".join(lines))
    return any(line.strip() and not _THEMATIC_BREAK.fullmatch(line) for line in body.split("\n"))


@rule(
    "PL023", "section-empty", "warning", "The ABSTRACT or OBSERVING DESCRIPTION section has no text.",
    fix_note="the section's text is the author's.",
)
def section_empty(document, context):
    """**What it does.** Reports an `ABSTRACT` or `OBSERVING DESCRIPTION`
    heading with no text under it. Blank lines, `---` separators and HTML
    comments are not text.

    **Why it matters.** An empty section is usually a paste that went wrong;
    the document then says nothing about what the program is for or how it
    observes.

    Fails:

    ```
    ## ABSTRACT

    ---

    ## OBSERVING DESCRIPTION
    ```

    Passes:

    ```
    ## ABSTRACT

    Commissioning activity that verifies the NIRISS non-redundant mask.

    ---

    ## OBSERVING DESCRIPTION
    ```
    """
    found = _occurrences(document)
    for name in MUST_HAVE_TEXT:
        for section in found[name]:
            if not _has_text(document, section):
                what = "the program's abstract" if name == "ABSTRACT" else "how the program observes"
                yield Finding(
                    section.title.span,
                    f"the '{name}' section has no text (only blank lines or separators); write {what} under it",
                )
