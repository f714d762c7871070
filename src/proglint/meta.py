"""What every check declares about itself.

Parse problems, schema checks and rule modules all describe themselves with
one :class:`CheckInfo`, so ``proglint rules``, ``proglint explain``, the
configuration's selectors and the SARIF rule table treat them alike.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .diagnostic import Diagnostic, Fix, Related, Severity
from .span import Span


@dataclass(frozen=True, slots=True)
class CheckInfo:
    code: str
    name: str
    severity: Severity
    summary: str
    docs: str = ""
    fixable: bool = False
    enabled: bool = True
    origin: str = "proglint"

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
        return textwrap.dedent(self.docs).strip()
