"""Code actions, as text edits in proglint's own coordinates.

For a finding the server offers, in this order:

- the rule's fix, where it has one (PL502 template-spelling, say);
- "suppress on this line": the inline comment syntax of
  :mod:`proglint.suppress`, placed where the parser reads it and where it
  changes nothing else — inside the last cell, before its closing ``|``,
  for a table row (a comment line between rows would end the table); a
  YAML comment (``# proglint: disable-line CODE``) in the front matter,
  or a ``disable-next-line`` comment line above the closing ``---``; an
  HTML comment at the end of the line elsewhere.  Where no comment can go
  on the line without changing the document (the opening ``---``, the
  table's delimiter row, a line inside a multi-line YAML string) only the
  file-wide suppression is offered.  A code is added to an existing
  comment of the same kind on that line rather than writing a second one;
- "suppress in this file": ``# proglint: disable-file CODE`` as the first
  line of the front matter (invisible when rendered, and it does not move
  the heading), or ``<!-- proglint-disable-file CODE -->`` at the end of a
  document without front matter.

Nothing here knows about the protocol: the server turns these edits into
LSP ones through :mod:`proglint.lsp.positions`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import suppress
from ..diagnostic import Diagnostic, Edit
from ..document import Document, YamlMapping, YamlNode, YamlScalar, YamlSequence
from ..parse.table import split_row
from ..pipeline import front_matter_lines
from ..span import Span

QUICKFIX = "quickfix"
FIX_ALL = "source.fixAll.proglint"

# Reports about suppression comments themselves, made after the comments
# are applied: a comment cannot silence them, so none is offered.
NOT_SUPPRESSIBLE = {"PL701", "PL702", "PL704"}


@dataclass(frozen=True)
class Action:
    title: str
    kind: str
    edits: tuple[Edit, ...]
    diagnostics: tuple[Diagnostic, ...]
    preferred: bool = False


def for_diagnostic(document: Document, diagnostic: Diagnostic) -> list[Action]:
    actions: list[Action] = []
    code = diagnostic.code
    fix = diagnostic.fix
    if fix is not None and fix.edits:
        # a safe fix is the preferred action; an unsafe one is offered, marked, never preferred
        title = f"{code}: {fix.message}" + ("" if fix.safe else " (unsafe)")
        actions.append(Action(title, QUICKFIX, fix.edits, (diagnostic,), preferred=fix.safe))
    if code in NOT_SUPPRESSIBLE:
        return actions
    line_edit = suppress_line(document, diagnostic)
    if line_edit is not None:
        actions.append(Action(f"Suppress {code} on this line", QUICKFIX, (line_edit,), (diagnostic,)))
    actions.append(Action(f"Suppress {code} in this file", QUICKFIX, (suppress_file(document, code),), (diagnostic,)))
    return actions


def fix_all(diagnostics: list[Diagnostic]) -> Action | None:
    """Every safe fix of the document that does not overlap an earlier one
    (as `--fix` without `--unsafe-fixes`), leaving out, as `--fix` does,
    a fix into text the parser could not read (:func:`proglint.fix.ambiguity`;
    its own quick fix is still offered, for the user to judge)."""
    from ..fix import ambiguity

    chosen: list[Diagnostic] = []
    taken: list[Span] = []
    fixable = (
        d for d in diagnostics
        if d.fix is not None and d.fix.edits and d.fix.safe and d.suppression is None and ambiguity(diagnostics, d) is None
    )
    for diagnostic in sorted(fixable, key=lambda d: d.sort_key):
        spans = [e.span for e in diagnostic.fix.edits]
        if any(_overlap(a, b) for a in spans for b in taken):
            continue
        chosen.append(diagnostic)
        taken += spans
    if not chosen:
        return None
    edits = tuple(e for d in chosen for e in d.fix.edits)
    return Action(f"Fix all auto-fixable proglint problems ({len(chosen)})", FIX_ALL, edits, tuple(chosen))


def _overlap(a: Span, b: Span) -> bool:
    a0, a1 = (a.start_line, a.start_column), (a.end_line, a.end_column)
    b0, b1 = (b.start_line, b.start_column), (b.end_line, b.end_column)
    return a0 < b1 and b0 < a1 or a0 == b0


# ---------------------------------------------------------------------------


def _directives(document: Document):
    directives, _ = suppress.collect(document.source, front_matter_lines(document), document.code_lines)
    return directives


def _add_to(document: Document, directive, code: str) -> Edit:
    """Add ``code`` after the last code of an existing comment (before its
    ``-- reason``)."""
    line = directive.span.start_line
    text = document.source.line(line)
    in_yaml = line in front_matter_lines(document)
    pattern = suppress.YAML_DIRECTIVE if in_yaml else suppress.HTML_DIRECTIVE
    match = pattern.match(text, directive.span.start_column - 1)
    args = match.group(2)
    head = args.split("--", 1)[0]
    at = match.start(2) + len(head.rstrip())
    return Edit(Span.point(line, at + 1), f", {code}")


def _existing(document: Document, kinds: tuple[str, ...], line: int):
    for directive in _directives(document):
        if directive.kind in kinds and directive.selectors and directive.span.start_line == line:
            return directive
    return None


def suppress_line(document: Document, diagnostic: Diagnostic) -> Edit | None:
    source = document.source
    lines = source.lines
    code = diagnostic.code
    number = min(max(diagnostic.span.start_line, 1), lines.line_count)
    text = lines.line_text(number)
    front = document.front_matter
    yaml_lines = front_matter_lines(document)

    if front is not None and number == front.opening.start_line:
        return None  # '---' must stay alone on the first line
    if front is not None and front.closing is not None and number == front.closing.start_line:
        existing = _existing(document, ("disable-next-line",), number - 1)
        if existing is not None:
            return _add_to(document, existing, code)
        return Edit(Span.point(number, 1), f"# proglint: disable-next-line {code}{source.newline}")
    if number in yaml_lines:
        if front is not None and _inside_multiline_scalar(front.root, number):
            return None
        existing = _existing(document, ("disable-line",), number)
        if existing is not None:
            return _add_to(document, existing, code)
        separator = " " if text.endswith((" ", "\t")) else ("  " if text else "")
        return Edit(Span.point(number, len(text) + 1), f"{separator}# proglint: disable-line {code}")

    existing = _existing(document, ("disable-line",), number)
    if existing is not None:
        return _add_to(document, existing, code)
    comment = f"<!-- proglint-disable-line {code} -->"
    table = document.table
    if table is not None and table.header_line <= number <= table.span.end_line:
        row_lines = {row.line for row in table.rows} | {table.header_line}
        if number not in row_lines and number == table.header_line + 1:
            return None  # the delimiter row must stay only dashes and pipes
        row = split_row(text, number)
        if row.closes and row.cells:
            pipe = row.cells[-1].region.end_column  # the closing '|'
            before = text[: pipe - 1]
            insert = comment + " " if before.endswith((" ", "\t")) else " " + comment + " "
            return Edit(Span.point(number, pipe), insert)
    separator = "" if not text or text.endswith((" ", "\t")) else " "
    return Edit(Span.point(number, len(text) + 1), separator + comment)


def suppress_file(document: Document, code: str) -> Edit:
    source = document.source
    newline = source.newline
    for directive in _directives(document):
        if directive.kind == "disable-file" and directive.selectors:
            return _add_to(document, directive, code)
    front = document.front_matter
    if front is not None and front.closing is not None:
        return Edit(Span.point(front.opening.start_line + 1, 1), f"# proglint: disable-file {code}{newline}")
    lines = source.lines
    last = lines.line_count
    end = Span.point(last, len(lines.line_text(last)) + 1)
    comment = f"<!-- proglint-disable-file {code} -->"
    if lines.line_text(last) == "":
        return Edit(end, comment + newline)
    return Edit(end, newline + comment + newline)


def _inside_multiline_scalar(node: YamlNode | None, line: int) -> bool:
    """Is ``line`` one where a ``#`` would be part of a string's text (inside
    quotes spanning lines, or a block scalar's content)?"""
    if node is None:
        return False
    if isinstance(node, YamlMapping):
        return any(_inside_multiline_scalar(e.key, line) or _inside_multiline_scalar(e.value, line) for e in node.entries)
    if isinstance(node, YamlSequence):
        return any(_inside_multiline_scalar(item, line) for item in node.items)
    if isinstance(node, YamlScalar):
        span = node.span
        last = span.end_line if span.end_column > 1 else span.end_line - 1
        if last <= span.start_line:
            return False
        if node.style in ("|", ">"):
            return span.start_line < line <= last
        return span.start_line <= line < last
    return False
