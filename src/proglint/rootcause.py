"""One mistake, one finding: root causes and the findings that follow.

A single slip often breaks several checks at once: a row that lost its
blank Folder cell shifts every cell one column to the left, so the Label
column holds a template and the Observing Template column a target.  The
check that understands the slip (here the parser, which matches the cells
to the columns they fit) reports it once, at the place to edit, and names
the regions whose other findings follow from it in the diagnostic's
``covers``.  This module is the one place that acts on that:

- a finding that lies inside a region another reported finding covers is
  dropped: it follows from that root cause and disappears when the root is
  fixed;
- roots are taken in the order the stages produced them (parse problems,
  then schema findings, then rules in registry order); a root inside an
  earlier root's covered region is itself a consequence and is dropped;
- it runs after the configuration's selection: a root cause whose check is
  turned off hides nothing, so its consequences are reported instead (no
  finding disappears without another one saying why).  A root silenced by
  an inline suppression still hides its consequences: the user saw it.

Checks never test for each other's findings; they only say what they
cover.  The encoding error covers the whole text, a shifted row its row,
a missing folder name the rows that fell into the folder above, a
pipe-less table the lines of the table.
"""

from __future__ import annotations

from typing import Sequence

from .diagnostic import Diagnostic
from .span import Span


def inside(span: Span, region: Span) -> bool:
    """Whether ``span`` lies within ``region`` (both ends included)."""
    return (region.start_line, region.start_column) <= (span.start_line, span.start_column) and (
        span.end_line,
        span.end_column,
    ) <= (region.end_line, region.end_column)


def prune(found: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``found`` without the findings that follow from a root cause in it."""
    roots: list[Diagnostic] = []
    regions = _Regions()
    for diagnostic in found:
        if diagnostic.covers and not regions.cover(diagnostic):
            roots.append(diagnostic)
            regions.add(diagnostic)
    if not roots:
        return list(found)
    kept_roots = {id(r) for r in roots}
    return [d for d in found if id(d) in kept_roots or (not d.covers and not regions.cover(d))]


# A region over more lines than this is kept in a short list every finding
# is compared with (the encoding error's whole text, a folder's rows), the
# others under each line they span.
_WIDE = 64


class _Regions:
    """The covered regions of the roots found so far, by line: a finding is
    compared only with the regions over its first line, so a 10,000-row table
    with a shifted row in every row costs 10,000 comparisons, not 10⁸."""

    def __init__(self) -> None:
        self.by_line: dict[int, list[tuple[Span, Diagnostic]]] = {}
        self.wide: list[tuple[Span, Diagnostic]] = []

    def add(self, root: Diagnostic) -> None:
        for region in root.covers:
            if region.end_line - region.start_line > _WIDE:
                self.wide.append((region, root))
            else:
                for line in range(region.start_line, region.end_line + 1):
                    self.by_line.setdefault(line, []).append((region, root))

    def cover(self, diagnostic: Diagnostic) -> bool:
        """Whether a region of another root holds the finding's span."""
        span = diagnostic.span
        for candidates in (self.by_line.get(span.start_line, ()), self.wide):
            for region, root in candidates:
                if root is not diagnostic and inside(span, region):
                    return True
        return False
