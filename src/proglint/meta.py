"""What every check declares about itself.

Parse problems, schema checks and rule modules all describe themselves with
one :class:`CheckInfo`, so ``proglint rules``, ``proglint explain``, the
configuration's selectors and the SARIF rule table treat them alike.
"""

from __future__ import annotations

from .diagnostic import SAFE, UNSAFE, Diagnostic, Fix, Related, Severity
from .record import Record
from .span import Span

# What a check declares about its fixes, as ruff's rule table does: none
# (""), always safe, always unsafe, or SOMETIMES safe — safe where the
# document itself decides the text (a duplicate front-matter key with the
# same value), unsafe where the repair is a guess (one with another value).
NO_FIX, SOMETIMES = "", "sometimes"
AUTOFIX = (NO_FIX, SAFE, UNSAFE, SOMETIMES)

DEFAULT_NO_FIX_REASON = "the right text is not in the document; only its author knows it."


class CheckInfo(Record):
    code: str
    name: str
    severity: Severity
    summary: str
    docs: str = ""
    # Which fixes the check's findings offer (one of AUTOFIX; the findings'
    # Fix values carry the same applicability, a test holds them to it) and
    # one line for `proglint explain`: what the fix writes, or why there is
    # none.
    autofix: str = NO_FIX
    enabled: bool = True
    origin: str = "proglint"
    fix_note: str = ""

    def __post_init__(self) -> None:
        if self.autofix not in AUTOFIX:
            raise ValueError(f"check {self.code}: autofix must be one of {AUTOFIX}, not {self.autofix!r}")

    @property
    def fixable(self) -> bool:
        return self.autofix != NO_FIX

    @property
    def fix_line(self) -> str:
        """What ``proglint explain`` says about fixing: ``Fix: safe — ...``
        or ``No automatic fix: <why>``."""
        if not self.fixable:
            return f"No automatic fix: {self.fix_note or DEFAULT_NO_FIX_REASON}"
        kind = {SAFE: "safe (--fix applies it)", UNSAFE: "unsafe (applied only with --fix --unsafe-fixes)",
                SOMETIMES: "safe or unsafe (--fix applies the safe ones; --unsafe-fixes the rest)"}[self.autofix]
        return f"Fix: {kind}" + (f" — {self.fix_note}" if self.fix_note else "")

    def diagnostic(
        self,
        span: Span,
        message: str,
        path: str = "-",
        *,
        fix: Fix | None = None,
        related: tuple[Related, ...] = (),
        covers: tuple[Span, ...] = (),
    ) -> Diagnostic:
        return Diagnostic(self.code, self.name, self.severity, message, span, path, fix, related, covers=covers)

    @property
    def documentation(self) -> str:
        import textwrap  # only for documentation (its import compiles regular expressions)

        return textwrap.dedent(self.docs).strip()
