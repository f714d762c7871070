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

import heapq
import re

from .config import best
from .diagnostic import SAFE, Diagnostic, Edit, Fix, Severity, Suppression
from .meta import CheckInfo
from .record import Record, field, replace
from .source import Source
from .span import Span

# A directive reads as ``<!--\s*proglint-([a-z-]+)(.*?)-->``; that pattern is
# applied through _html_directives, which finds the same matches without
# rescanning the rest of the line from every unclosed ``<!--``.
HTML_DIRECTIVE = re.compile(r"<!--\s*proglint-([a-z-]+)(.*?)-->")
_HTML_HEAD = re.compile(r"<!--\s*proglint-([a-z-]+)")
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

    **Fix (safe).** When nothing in the comment is of use, `--fix` removes
    it (its whole line when it stands alone); a comment with another code
    that still silences something is left for you to edit.
    """,
    autofix=SAFE,
)
UNKNOWN_CODE = CheckInfo(
    "PL702", "unknown-suppression-code", W, "A suppression comment names a code or rule that does not exist.",
    """
    **What it does.** Checks every code, prefix and name in a suppression
    comment against the known checks.

    **Why it matters.** A typo in a suppression silences nothing and says so nowhere.

    **Fix (safe).** When nothing in the comment is of use, `--fix` removes
    it (its whole line when it stands alone).
    """,
    autofix=SAFE,
)
UNMATCHED_ENABLE = CheckInfo(
    "PL703", "unmatched-enable", W, "A `proglint-enable` comment has no `proglint-disable` before it.",
    """
    **What it does.** Pairs `proglint-enable` with an earlier `proglint-disable`.

    **Why it matters.** An enable alone usually means its disable was deleted
    or misspelled, so the block it meant to cover is not covered.
    """,
    fix_note="where the matching disable comment belongs is not known.",
)
NO_REASON = CheckInfo(
    "PL704", "suppression-without-reason", W, "A suppression comment gives no reason.",
    """
    **What it does.** With `require-suppression-reason = true`, requires
    `-- reason` after the codes of every suppression.

    Passes: `<!-- proglint-disable-line PL301 -- target renumbered in APT, see ticket 42 -->`
    """,
    fix_note="the reason is the author's to give.",
)
UNKNOWN_DIRECTIVE = CheckInfo(
    "PL705", "unknown-suppression-directive", W, "A `proglint-` comment is not a known directive.",
    """
    **What it does.** Recognises `proglint-disable-line`, `proglint-disable-next-line`,
    `proglint-disable`, `proglint-enable` and `proglint-disable-file`.

    **Why it matters.** `proglint-disabel-line` silences nothing.
    """,
    fix_note="which directive was meant is not known.",
)
ALL = (UNUSED, UNKNOWN_CODE, UNMATCHED_ENABLE, NO_REASON, UNKNOWN_DIRECTIVE)


class Directive(Record, frozen=False):
    kind: str
    selectors: tuple[str, ...]
    reason: str | None
    span: Span
    first_line: int  # lines it covers
    last_line: int
    used: set[str] = field(default_factory=set)  # selectors that silenced something ("" for all)
    removal: Span | None = None  # what deleting the comment deletes: its line when alone on it

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


def _html_directives(text: str):
    """(start, end, kind, arguments) of each match of :data:`HTML_DIRECTIVE`
    in one line, left to right, in time linear in the line's length.

    At an opener the pattern takes the longest ``[a-z-]+`` run after which a
    ``-->`` still follows, then the arguments up to the first ``-->``. When no
    ``-->`` follows the name, no later opener can match either."""
    last_close = text.rfind("-->")
    find = text.find
    head = _HTML_HEAD.match
    start = find("<!--")
    while start >= 0:
        match = head(text, start)
        if match is None:
            start = find("<!--", start + 1)
            continue
        name_start, name_end = match.span(1)
        if last_close <= name_start:
            return
        name_end = min(name_end, last_close)
        close = find("-->", name_end)
        yield start, close + 3, text[name_start:name_end], text[name_end:close]
        start = find("<!--", close + 3)


def _yaml_directives(text: str):
    for match in YAML_DIRECTIVE.finditer(text):
        yield match.start(), match.end(), match.group(1), match.group(2)


class _OpenBlocks:
    """The ``proglint-disable`` blocks not yet closed, so that an enable
    finds the latest one it closes without scanning them all: one stack per
    selector (and one for blocks without selectors), closed entries dropped
    when they reach the top."""

    def __init__(self) -> None:
        self.count = 0
        self.everything: list[tuple[int, Directive]] = []
        self.unselective: list[tuple[int, Directive]] = []
        self.by_selector: dict[str, list[tuple[int, Directive]]] = {}
        self.closed: set[int] = set()

    def open(self, block: Directive) -> None:
        entry = (self.count, block)
        self.count += 1
        self.everything.append(entry)
        if not block.selectors:
            self.unselective.append(entry)
        for selector in set(block.selectors):
            self.by_selector.setdefault(selector, []).append(entry)

    def _top(self, stack: list[tuple[int, Directive]] | None) -> tuple[int, Directive] | None:
        while stack and stack[-1][0] in self.closed:
            stack.pop()
        return stack[-1] if stack else None

    def close(self, selectors: tuple[str, ...]) -> Directive | None:
        """Close and return the latest open block an enable with these
        selectors ends: any block when it names none, else one that shares a
        selector with it or has none itself."""
        if not selectors:
            candidates = [self._top(self.everything)]
        else:
            candidates = [self._top(self.unselective)]
            candidates += [self._top(self.by_selector.get(s)) for s in set(selectors)]
        found = max((c for c in candidates if c is not None), default=None, key=lambda c: c[0])
        if found is None:
            return None
        self.closed.add(found[0])
        return found[1]


def collect(
    source: Source, front_matter_lines: range, code_lines: frozenset[int] = frozenset()
) -> tuple[list[Directive], list[Diagnostic]]:
    """Read every suppression comment; malformed ones become diagnostics.
    Comments in code (fenced blocks, ``code_lines``, and inline code spans)
    are examples, not directives."""
    from .parse.code import code_spans, in_code

    lines = source.lines
    directives: list[Directive] = []
    problems: list[Diagnostic] = []
    last = lines.line_count
    open_blocks = _OpenBlocks()
    for number in range(1, last + 1):
        text = lines.line_text(number)
        if "proglint" not in text or number in code_lines:
            continue
        in_yaml = number in front_matter_lines
        scan = _yaml_directives if in_yaml else _html_directives
        spans = [] if in_yaml else code_spans(text)
        for start, end, kind, arguments in scan(text):
            if spans and in_code(spans, start):
                continue
            span = Span.on_line(number, start + 1, end + 1)
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
            selectors, reason = _split(arguments)
            removal = _removal(text, number, last, start, end)
            if kind == "disable-line":
                directives.append(Directive(kind, selectors, reason, span, number, number, removal=removal))
            elif kind == "disable-next-line":
                directives.append(Directive(kind, selectors, reason, span, number + 1, number + 1, removal=removal))
            elif kind == "disable-file":
                directives.append(Directive(kind, selectors, reason, span, 1, last, removal=removal))
            elif kind == "disable":
                block = Directive(kind, selectors, reason, span, number, last, removal=removal)
                directives.append(block)
                open_blocks.open(block)
            else:  # enable: closes the latest open block it matches
                closing = open_blocks.close(selectors)
                if closing is None:
                    problems.append(
                        UNMATCHED_ENABLE.diagnostic(
                            span, "this 'proglint-enable' has no 'proglint-disable' before it", source.path
                        )
                    )
                else:
                    closing.last_line = number
    return directives, problems


def _removal(text: str, number: int, last: int, start: int, end: int) -> Span:
    """The characters to delete to remove a comment: its whole line when
    nothing else is on it, else the comment and the spaces before it."""
    if not text[:start].strip() and not text[end:].strip():
        return Span(number, 1, number + 1, 1) if number < last else Span(number, 1, number, len(text) + 1)
    left = len(text[:start].rstrip(" \t"))
    return Span.on_line(number, left + 1, end + 1)


def _remove(directive: Directive) -> Fix | None:
    if directive.removal is None:
        return None
    return Fix("remove the suppression comment", (Edit(directive.removal, ""),))


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
    chosen = _covering(found, directives, infos)
    result: list[Diagnostic] = []
    for diagnostic, hit in zip(found, chosen):
        if hit is not None:
            directive, selector = hit
            directive.used.add(selector)
            diagnostic = replace(
                diagnostic, suppression=Suppression(directive.kind, directive.reason, directive.span)
            )
        result.append(diagnostic)

    known_selectors: dict[str, bool] = {}
    for directive in directives:
        for selector in directive.selectors:
            if selector not in known_selectors:
                known_selectors[selector] = _known(selector, names, infos)
        useless = [s for s in directive.selectors if s not in directive.used or not known_selectors[s]]
        # the comment is removed only when nothing of it is of use
        fix = _remove(directive) if len(useless) == len(directive.selectors) else None
        for selector in directive.selectors:
            if not known_selectors[selector]:
                result.append(
                    UNKNOWN_CODE.diagnostic(
                        directive.span, f"'{selector}' is not a known code or rule name; 'proglint rules' lists them", path,
                        fix=fix,
                    )
                )
            elif selector not in directive.used:
                result.append(
                    UNUSED.diagnostic(
                        directive.span, f"unused suppression: nothing here is {selector}; remove it", path, fix=fix
                    )
                )
        if not directive.selectors and not directive.used:
            result.append(
                UNUSED.diagnostic(directive.span, "unused suppression: it silences nothing; remove it", path, fix=_remove(directive))
            )
        if require_reason and directive.reason is None:
            result.append(
                NO_REASON.diagnostic(
                    directive.span, "give a reason after '--', e.g. '<!-- proglint-disable-line PL301 -- why -->'", path
                )
            )
    return result


def _covering(
    found: list[Diagnostic], directives: list[Directive], infos: dict[str, CheckInfo]
) -> list[tuple[Directive, str] | None]:
    """For each finding, the first directive (in document order) whose lines
    hold the finding's line and whose selectors cover its code, with the
    selector that does.

    A sweep over the lines instead of every directive for every finding:
    per code, the directives that have begun by the current line wait in a
    heap ordered by their place in the document, and those that ended
    before it are dropped from its top as the sweep moves down."""
    chosen: list[tuple[Directive, str] | None] = [None] * len(found)
    if not directives or not found:
        return chosen
    by_start = sorted(range(len(directives)), key=lambda i: directives[i].first_line)
    selector_of: dict[tuple[tuple[str, ...], str], str | None] = {}
    heaps: dict[str, list[tuple[int, int]]] = {}  # code -> (index, last line)
    taken: dict[str, int] = {}  # code -> how many of by_start were considered
    order = sorted(range(len(found)), key=lambda i: found[i].span.start_line)
    for position in order:
        diagnostic = found[position]
        code = diagnostic.code
        line = diagnostic.span.start_line
        info = infos.get(code)
        heap = heaps.setdefault(code, [])
        next_index = taken.get(code, 0)
        while next_index < len(by_start) and directives[by_start[next_index]].first_line <= line:
            index = by_start[next_index]
            directive = directives[index]
            key = (directive.selectors, code)
            if key not in selector_of:
                selector_of[key] = directive.matches(info, code)
            if selector_of[key] is not None:
                heapq.heappush(heap, (index, directive.last_line))
            next_index += 1
        taken[code] = next_index
        while heap and heap[0][1] < line:
            heapq.heappop(heap)
        if heap:
            directive = directives[heap[0][0]]
            chosen[position] = (directive, selector_of[(directive.selectors, code)])
    return chosen


def _known(selector: str, names, infos) -> bool:
    return selector == "ALL" or selector in names or any(code.startswith(selector) for code in infos)
