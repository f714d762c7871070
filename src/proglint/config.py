"""What the user asked for: which checks run and how loud they are.

Selectors are codes (``PL011``), code prefixes (``P0``, ``P``) or rule
names (``table-row-cells``); ``ALL`` matches everything.  When several
selectors match a check, the most specific one decides (a full code or
name beats a prefix, a longer prefix beats a shorter one), as in ruff.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostic import Severity
from .meta import CheckInfo

OFF = "off"


def specificity(selector: str, info: CheckInfo) -> int | None:
    """How closely ``selector`` names ``info``: higher is closer, None is no match."""
    if selector == "ALL":
        return 0
    if selector == info.code or selector == info.name:
        return 1000
    if info.code.startswith(selector):
        return len(selector)
    return None


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()

    def is_enabled(self, info: CheckInfo) -> bool:
        best_on = self._best(self.select + self.extend_select, info)
        best_off = self._best(self.ignore, info)
        if best_on is None and best_off is None:
            return info.enabled if not self.select else False
        if best_off is None:
            return True
        if best_on is None:
            return False
        return best_on > best_off

    def severity_of(self, info: CheckInfo) -> Severity | None:
        """The severity to report ``info``'s findings at, or None when off."""
        if not self.is_enabled(info):
            return None
        chosen = None
        best = -1
        for selector, level in self.severity.items():
            score = specificity(selector, info)
            if score is not None and score > best:
                best, chosen = score, level
        if chosen is None:
            return info.severity
        return None if chosen == OFF else Severity(chosen)

    @staticmethod
    def _best(selectors: tuple[str, ...], info: CheckInfo) -> int | None:
        scores = [s for s in (specificity(sel, info) for sel in selectors) if s is not None]
        return max(scores) if scores else None
