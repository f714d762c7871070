"""Inline suppressions, in the syntax a document's readers already know and
that disappears when the markdown is rendered.

In the markdown body, HTML comments::

    <!-- proglint-disable-line PL301 -- reason -->    (anywhere on the line, even in a cell)
    <!-- proglint-disable-next-line PL301 -->          (on its own line, outside tables)
    <!-- proglint-disable PL301 --> ... <!-- proglint-enable PL301 -->
    <!-- proglint-disable-file PL301 -->

In the front matter, YAML comments: ``# proglint: disable-line PL101``
(also ``disable-next-line`` and ``disable-file``).

Codes, code prefixes and rule names are accepted; no code at all means
every check.  Suppressed findings are kept, marked with their
:class:`~proglint.diagnostic.Suppression`, so SARIF can carry them; unused
suppressions, unknown codes and an enable without its disable are
reported, as ruff's RUF100 does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .config import best
from .diagnostic import Diagnostic, Severity, Suppression
from .meta import CheckInfo
from .source import Source
from .span import Span

HTML_DIRECTIVE = re.compile(r"<!--\s*proglint-([a-z-]+)(.*?)-->")
YAML_DIRECTIVE = re.compile(r"#\s*proglint:\s*([a-z-]+)(.*)$")
KINDS = ("disable-line", "disable-next-line", "disable", "enable", "disable-file")

W = Severity.WARNING
UNUSED = CheckInfo(
    "PL701", "unused-suppression", W, "A suppression comment silences nothing.",
    """
    **What it does.** Reports suppression comments (or codes within one) that
    matched no finding.

    **Why it matters.** Stale suppressions hide the next real problem on that
    line; removing them keeps the document honest.

    Fails: `| | 1 | a | MIRI Imaging | (1) X <!-- proglint-disable-line PL301 --> |` when
    nothing on that row is PL301.
    """,
)
UNKNOWN_CODE = CheckInfo(
    "PL702", "unknown-suppression-code", W, "A suppression comment names a code or rule that does not exist.",
    """
    **What it does.** Checks every code, prefix and name in a suppression
    comment against the known checks.

    **Why it matters.** A typo in a suppression silences nothing and says so nowhere.
    """,
)
UNMATCHED_ENABLE = CheckInfo(
    "PL703", "unmatched-enable", W, "A `proglint-enable` comment has no `proglint-disable` before it.",
    """
    **What it does.** Pairs `proglint-enable` with an earlier `proglint-disable`.

    **Why it matters.** An enable alone usually means its disable was deleted
    or misspelled, so the block it meant to cover is not covered.
    """,
)
NO_REASON = CheckInfo(
    "PL704", "suppression-without-reason", W, "A suppression comment gives no reason.",
    """
    **What it does.** With `require-suppression-reason = true`, requires
    `-- reason` after the codes of every suppression.

    Passes: `<!-- proglint-disable-line PL301 -- target renumbered in APT, see ticket 42 -->`
    """,
)
UNKNOWN_DIRECTIVE = CheckInfo(
    "PL705", "unknown-suppression-directive", W, "A `proglint-` comment is not a known directive.",
    """
    **What it does.** Recognises `proglint-disable-line`, `proglint-disable-next-line`,
    `proglint-disable`, `proglint-enable` and `proglint-disable-file`.

    **Why it matters.** `proglint-disabel-line` silences nothing.
    """,
)
ALL = (UNUSED, UNKNOWN_CODE, UNMATCHED_ENABLE, NO_REASON, UNKNOWN_DIRECTIVE)


@dataclass
class Directive:
    kind: str
    selectors: tuple[str, ...]
    reason: str | None
    span: Span
    first_line: int  # lines it covers
    last_line: int
    used: set[str] = field(default_factory=set)  # selectors that silenced something ("" for all)

    def matches(self, info: CheckInfo | None, code: str) -> str | None:
        """The selector that covers this finding, or None."""
        if not self.selectors:
            return ""
        for selector in self.selectors:
            if info is not None and best((selector,), info) is not None:
                return selector
            if info is None and selector == code:
                return selector
        return None


def _split(args: str) -> tuple[tuple[str, ...], str | None]:
    reason = None
    if "--" in args:
        args, reason = args.split("--", 1)
        reason = reason.strip() or None
    selectors = tuple(s for s in re.split(r"[\s,]+", args.strip()) if s)
    return selectors, reason


def collect(source: Source, front_matter_lines: range) -> tuple[list[Directive], list[Diagnostic]]:
    """Read every suppression comment; malformed ones become diagnostics."""
    lines = source.lines
    directives: list[Directive] = []
    problems: list[Diagnostic] = []
    last = lines.line_count
    open_blocks: list[Directive] = []
    for number in range(1, last + 1):
        text = lines.line_text(number)
        if "proglint" not in text:
            continue
        in_yaml = number in front_matter_lines
        pattern = YAML_DIRECTIVE if in_yaml else HTML_DIRECTIVE
        for match in pattern.finditer(text):
            span = Span.on_line(number, match.start() + 1, match.end() + 1)
            kind = match.group(1)
            if kind not in KINDS or (in_yaml and kind in ("disable", "enable")):
                problems.append(
                    UNKNOWN_DIRECTIVE.diagnostic(
                        span,
                        f"'proglint-{kind}' is not a suppression directive; use one of "
                        + ", ".join(f"proglint-{k}" for k in KINDS),
                        source.path,
                    )
                )
                continue
            selectors, reason = _split(match.group(2))
            if kind == "disable-line":
                directives.append(Directive(kind, selectors, reason, span, number, number))
            elif kind == "disable-next-line":
                directives.append(Directive(kind, selectors, reason, span, number + 1, number + 1))
            elif kind == "disable-file":
                directives.append(Directive(kind, selectors, reason, span, 1, last))
            elif kind == "disable":
                block = Directive(kind, selectors, reason, span, number, last)
                directives.append(block)
                open_blocks.append(block)
            else:  # enable: closes the latest open block it matches
                closing = next(
                    (b for b in reversed(open_blocks) if not selectors or set(selectors) & set(b.selectors) or not b.selectors),
                    None,
                )
                if closing is None:
                    problems.append(
                        UNMATCHED_ENABLE.diagnostic(
                            span, "this 'proglint-enable' has no 'proglint-disable' before it", source.path
                        )
                    )
                else:
                    closing.last_line = number
                    open_blocks.remove(closing)
    return directives, problems


def apply(
    found: list[Diagnostic],
    directives: list[Directive],
    infos: dict[str, CheckInfo],
    *,
    require_reason: bool = False,
    path: str = "-",
) -> list[Diagnostic]:
    """Mark suppressed findings and add the reports about the directives."""
    names = {i.name: i for i in infos.values()}
    result: list[Diagnostic] = []
    for diagnostic in found:
        info = infos.get(diagnostic.code)
        line = diagnostic.span.start_line
        for directive in directives:
            if not (directive.first_line <= line <= directive.last_line):
                continue
            selector = directive.matches(info, diagnostic.code)
            if selector is not None:
                directive.used.add(selector)
                diagnostic = replace(
                    diagnostic, suppression=Suppression(directive.kind, directive.reason, directive.span)
                )
                break
        result.append(diagnostic)

    for directive in directives:
        for selector in directive.selectors:
            known = selector == "ALL" or selector in names or any(code.startswith(selector) for code in infos)
            if not known:
                result.append(
                    UNKNOWN_CODE.diagnostic(
                        directive.span, f"'{selector}' is not a known code or rule name; 'proglint rules' lists them", path
                    )
                )
            elif selector not in directive.used:
                result.append(
                    UNUSED.diagnostic(directive.span, f"unused suppression: nothing here is {selector}; remove it", path)
                )
        if not directive.selectors and not directive.used:
            result.append(UNUSED.diagnostic(directive.span, "unused suppression: it silences nothing; remove it", path))
        if require_reason and directive.reason is None:
            result.append(
                NO_REASON.diagnostic(
                    directive.span, "give a reason after '--', e.g. '<!-- proglint-disable-line PL301 -- why -->'", path
                )
            )
    return result
