"""Reading the YAML front matter with positions.

PyYAML's composer (the C one when available) gives nodes with start and end
marks and the scalar text exactly as written, before any YAML 1.1 type
resolution; we keep that text and the quoting style, and never construct
Python objects from the YAML, so a hostile file cannot build anything.

Most front matter is a few ``key: value`` lines of plain words and
double-quoted text without escapes, and importing PyYAML costs more than
the rest of a one-file run (~12 ms: it loads its emitter, representer and
constructors too, and compiles its reader's Unicode pattern).  So such
front matter (:func:`_simple_entries`: ASCII, one entry per line, nothing
YAML would read otherwise) is read here into the very nodes, styles and
spans the composer gives (a property test compares the two), and PyYAML is
imported (:func:`_pyyaml`) only for anything else.
"""

from __future__ import annotations

import re

from ..diagnostic import Diagnostic
from ..document import FrontMatter, YamlEntry, YamlMapping, YamlNode, YamlScalar, YamlSequence
from ..record import Record
from ..source import Source
from ..span import Span
from . import problems


def _pyyaml():
    """PyYAML and the loader to compose with (the C composer is ~10x
    faster; the pure Python one where libyaml is absent), imported on first
    use.  ``_Loader`` is a module attribute so tests can pick the loader."""
    import yaml

    loader = globals().get("_Loader")
    if loader is None:
        loader = globals()["_Loader"] = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    return yaml, loader


def __getattr__(name: str):
    if name == "_Loader":
        return _pyyaml()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# A hostile file may nest or alias without end; the model needs neither.
MAX_NODES = 20_000
MAX_DEPTH = 100


class FrontMatterBlock(Record):
    """Where the front matter lies: line numbers are 1-based."""

    opening_line: int
    closing_line: int | None
    first_line: int  # first YAML line
    last_line: int  # last YAML line (may be < first_line when empty)


def is_fence(line: str) -> bool:
    return line.rstrip() == "---"


def locate(source: Source) -> tuple[FrontMatterBlock | None, list[Diagnostic]]:
    """Find the block, or report that it is missing or unterminated."""
    lines = source.lines
    path = source.path
    if lines.line_count == 0 or not is_fence(lines.line_text(1)):
        first = lines.line_text(1) if lines.line_count else ""
        span = Span.on_line(1, 1, len(first) + 1)
        return None, [
            problems.FRONT_MATTER_MISSING.diagnostic(
                span, "the document must start with a '---' line opening the YAML front matter", path
            )
        ]
    for number in range(2, lines.line_count + 1):
        text = lines.line_text(number)
        if is_fence(text) or text.rstrip() == "...":
            return FrontMatterBlock(1, number, 2, number - 1), []
    # Unterminated: assume it ends before the first markdown heading (else
    # at the last line with text: a file's final newline starts no line).
    end = lines.line_count
    while end > 1 and not lines.line_text(end).strip():
        end -= 1
    for number in range(2, lines.line_count + 1):
        if lines.line_text(number).startswith("#"):
            end = number - 1
            break
    diagnostic = problems.FRONT_MATTER_UNTERMINATED.diagnostic(
        Span.on_line(1, 1, 4),
        "the front matter opened here has no closing '---' line; "
        f"add one after line {end}",
        path,
    )
    return FrontMatterBlock(1, None, 2, end), [diagnostic]


def parse(source: Source, block: FrontMatterBlock) -> tuple[FrontMatter, list[Diagnostic]]:
    lines = source.lines
    opening = Span.on_line(block.opening_line, 1, 4)
    closing = None
    if block.closing_line is not None:
        closing = Span.on_line(block.closing_line, 1, len(lines.line_text(block.closing_line).rstrip()) + 1)
    if block.last_line < block.first_line:
        return FrontMatter(opening, closing, YamlMapping((), opening)), []
    start = lines.line_start(block.first_line)
    end = lines.line_start(block.last_line) + len(lines.line_text(block.last_line))
    text = source.text[start:end]
    simple = _simple_entries(text)
    if simple is not None:
        return FrontMatter(opening, closing, _simple_mapping(simple, lines, start, len(text))), []
    yaml, loader = _pyyaml()
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = lines.position(min(start + mark.index, end))
        message = f"invalid YAML: {exc.problem or exc.context}"
        if exc.context and exc.problem:
            message = f"invalid YAML: {exc.problem} ({exc.context})"
        return FrontMatter(opening, closing, None), [
            problems.YAML_SYNTAX.diagnostic(Span.point(line, column), message, source.path)
        ]
    except yaml.reader.ReaderError as exc:  # a character YAML forbids (NUL, other controls, U+FFFE)
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        offset = start + _reader_offset(text, max(exc.position, 0))
        line, column = lines.position(min(offset, end))
        return FrontMatter(opening, closing, None), [
            problems.YAML_SYNTAX.diagnostic(
                Span.on_line(line, column, column + 1) if offset < end else Span.point(line, column),
                f"invalid YAML: the front matter holds the character U+{ord(character):04X}, which YAML "
                f"does not allow anywhere, not even inside quotes ({exc.reason}); delete it",
                source.path,
            )
        ]
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return FrontMatter(opening, closing, None), [
            problems.YAML_SYNTAX.diagnostic(opening, f"invalid YAML: {exc}", source.path)
        ]
    if node is None:  # only comments or blank lines
        return FrontMatter(opening, closing, YamlMapping((), opening)), []
    converter = _Converter(lines, start, _alias_marks(text) if "*" in text else [], yaml)
    try:
        root = converter.convert(node)
    except _TooLarge as exc:
        if exc.deep:
            message = (
                f"the front matter nests deeper than {MAX_DEPTH} levels, and proglint stops reading it here: "
                "program documents need a few levels at most; flatten the value"
            )
        else:
            message = (
                f"the front matter has more than {MAX_NODES:,} YAML values once its aliases are expanded "
                "(an alias bomb, such as 'billion laughs'), and proglint stops reading it here: "
                "write the values out instead of aliasing them"
            )
        return FrontMatter(opening, closing, None), [problems.YAML_SYNTAX.diagnostic(exc.span, message, source.path)]
    diagnostics = []
    if not isinstance(root, YamlMapping):
        diagnostics.append(
            problems.FRONT_MATTER_NOT_MAPPING.diagnostic(
                root.span, "the front matter must be 'key: value' lines, one per field", source.path
            )
        )
    return FrontMatter(opening, closing, root), diagnostics


def _reader_offset(text: str, position: int) -> int:
    """The character offset of a reader error.  libyaml's reader (the C
    loader) counts the bytes of the UTF-8 text it was handed, not
    characters, so a forbidden character after a multi-byte one would be
    placed too far right — past the end of its line, as the fuzz run found."""
    yaml, loader = _pyyaml()
    if loader is yaml.SafeLoader:
        return position
    return len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))


class _TooLarge(Exception):
    """The converter gave up: too deep, or too many values (aliases expanded)."""

    def __init__(self, span: Span, deep: bool):
        super().__init__(span)
        self.span, self.deep = span, deep


class _Converter:
    """Turns composer nodes into the model's YAML values with spans."""

    def __init__(self, lines, offset: int, aliases: list[tuple[int, int]], yaml):
        self.lines = lines
        self.yaml = yaml
        self.offset = offset  # where the YAML text starts in the document
        self.count = 0
        # The composer hands back the anchored node for every ``*alias``;
        # the alias events' marks, in document order, say where each alias
        # really stands, so a finding about it points at the ``*name``.
        self.aliases = list(reversed(aliases))
        self.seen: set[int] = set()

    def span(self, node) -> Span:
        # Marks' indexes count characters; YAML's own idea of lines (it
        # also breaks at U+2028 and friends) never enters our positions.
        return self.lines.span(self.offset + node.start_mark.index, self.offset + node.end_mark.index)

    def convert(self, node, depth: int = 0, alias: Span | None = None) -> YamlNode:
        """``alias``: the ``*alias`` whose anchored value this node is part
        of, if any (its nodes were converted once already, where they stand)."""
        self.count += 1
        span = self.span(node)
        if alias is None and self.aliases:
            if id(node) in self.seen:
                start, end = self.aliases.pop()
                span = alias = self.lines.span(self.offset + start, self.offset + end)
            else:
                self.seen.add(id(node))
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            # inside an alias's value, point at the *alias that blew it up
            raise _TooLarge(alias or span, depth > MAX_DEPTH)
        if isinstance(node, self.yaml.ScalarNode):
            return YamlScalar(node.value, node.style or "", span)
        if isinstance(node, self.yaml.SequenceNode):
            return YamlSequence(tuple(self.convert(n, depth + 1, alias) for n in node.value), span)
        entries = tuple(
            YamlEntry(self.convert(k, depth + 1, alias), self.convert(v, depth + 1, alias)) for k, v in node.value
        )
        return YamlMapping(entries, span)


def _alias_marks(text: str) -> list[tuple[int, int]]:
    """(start, end) character indexes of every ``*alias``, in document order."""
    yaml, loader = _pyyaml()
    try:
        return [
            (event.start_mark.index, event.end_mark.index)
            for event in yaml.parse(text, Loader=loader)
            if isinstance(event, yaml.AliasEvent)
        ]
    except yaml.YAMLError:
        return []


# One ``key: value`` line that YAML reads as a plain key and a plain or
# double-quoted scalar, exactly as written: a word key, one space, then a
# double-quoted text without escapes, or plain words (no indicator first,
# no ':' or '#', single spaces, no trailing space).
_SIMPLE_LINE = re.compile(
    r'([A-Za-z_][A-Za-z0-9_]*): (?:"([ !#-\[\]-~]*)"|([A-Za-z0-9_][A-Za-z0-9_.+/-]*(?: [A-Za-z0-9_.+/-]+)*))'
)


def _simple_entries(text: str) -> list[tuple[int, str, int, str, str]] | None:
    """(key offset, key, value offset, value as written, style) of each
    line, when every line of ``text`` is a simple ``key: value`` (see
    ``_SIMPLE_LINE``); None when anything else is there (comments, blank
    lines, nesting, flow collections, escapes, anchors, non-ASCII text...)."""
    if not text or not text.isascii() or "\r" in text:
        return None
    entries = []
    offset = 0
    match = _SIMPLE_LINE.fullmatch
    for line in text.split("\n"):
        found = match(line)
        if found is None:
            return None
        key, quoted, plain = found.groups()
        value_offset = offset + len(key) + 2
        if plain is None:
            entries.append((offset, key, value_offset, quoted, '"'))
        else:
            entries.append((offset, key, value_offset, plain, ""))
        offset += len(line) + 1
    if 2 * len(entries) + 1 > MAX_NODES:
        return None  # as large as the composer path refuses: let it say so
    return entries


def _simple_mapping(entries, lines, start: int, length: int) -> YamlMapping:
    """The nodes the composer would give for :func:`_simple_entries`' lines."""
    span = lines.span
    items = []
    for key_offset, key, value_offset, value, style in entries:
        key_start = start + key_offset
        value_start = start + value_offset
        value_end = value_start + len(value) + (2 if style else 0)
        items.append(
            YamlEntry(
                YamlScalar(key, "", span(key_start, key_start + len(key))),
                YamlScalar(value, style, span(value_start, value_end)),
            )
        )
    return YamlMapping(tuple(items), span(start, start + length))
