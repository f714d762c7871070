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
    for diagnostic in found:
        if diagnostic.covers and not _covered(diagnostic, roots):
            roots.append(diagnostic)
    if not roots:
        return list(found)
    kept_roots = {id(r) for r in roots}
    return [d for d in found if id(d) in kept_roots or (not d.covers and not _covered(d, roots))]


def _covered(diagnostic: Diagnostic, roots: Sequence[Diagnostic]) -> bool:
    span = diagnostic.span
    return any(root is not diagnostic and any(inside(span, region) for region in root.covers) for root in roots)
