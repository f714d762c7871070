"""Hostile variations of valid program documents, and the properties every
input must keep: the shared half of the fuzz suite.

Both drivers use this module: ``tests/test_fuzz.py`` (hypothesis, a few
hundred examples on every ``pytest``, many more with ``PROGLINT_FUZZ=long``)
and ``benchmarks/fuzz.py`` (``random`` directly, for the ≥ 10⁶-input run).
A mutator is a function ``(bytes, random.Random) -> bytes``: it works on
bytes, so that it can also break the encoding, and draws every choice from
the generator it is given, so a seed replays an input exactly.

The properties (:func:`check_lint`, :func:`check_fix`, :func:`check_lsp`)
raise :class:`PropertyFailed` (or whatever proglint raised) on the first
input that breaks one; the drivers record where.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python benchmarks/fuzz.py` from anywhere
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate_document, load_vocab  # noqa: E402

# Tokens that matter to one of the grammars (YAML, markdown, the table, the
# suppression comments, the line index), so that random splices reach the
# interesting paths instead of dying in the first check.
TOKENS = (
    "|", "\\|", "||", "| |", "<!--", "-->", "<!-- proglint-disable PL0 -->", "<!-- proglint-disable-line -->",
    "<!-- proglint-enable PL5 -->", "<!-- proglint-disable-file PL3 --", "<!-- proglint-bogus -->",
    "---", "...", "#", "# ", "## ", "## OBSERVATIONS TABLE", "## ABSTRACT", ": ", "- ", "&a ", "*a", "<<: ",
    "!!python/object/apply:os.system ['true']", "!!binary", "[", "]", "{", "}", "? ", "'", '"', "\\",
    "\t", "\r", "\r\n", "\n", "\u2028", "\u2029", "\x85", "\ufeff", "\x00", "\u202e", "\u2066", "\u200b",
    "\u200d", "\U0001f52d", "é", "ǅ", "İ", "ß", "\ufffd", "9" * 40, "9" * 5000, "-1", "0x1F", "1e9999", ".nan",
    "(1) ", "(0) ", "(999999999999) ", "NONE", "BKG", "-BKG", "NIRCam Imaging", "nircam  imaging", "MIRI MRS",
    "https://www.stsci.edu/jwst/science-execution/program-information?id=", "?id=12&", " " * 200,
)
# Code points to sprinkle: controls, bidi overrides, zero-width, line
# separators, surrogates (as bytes they are not UTF-8), astral characters.
CODE_POINTS = (
    0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x7F, 0x85, 0xA0, 0xAD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
    0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF,
    0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x10FFFF, 0x1F600, 0x0301, 0x0130,
)

_VOCAB = None


def vocab():
    global _VOCAB
    if _VOCAB is None:
        _VOCAB = load_vocab()
    return _VOCAB


def base_document(rng: random.Random, max_rows: int = 4) -> bytes:
    """A valid document from the benchmark generator (the shipped vocabulary)."""
    return generate_document(rng, rng.randint(1, max_rows), vocab=vocab()).encode("utf-8")


# -- mutators ----------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def byte_flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    i = rng.randrange(len(data))
    value = data[i] ^ (1 << rng.randrange(8)) if rng.random() < 0.5 else rng.randrange(256)
    return data[:i] + bytes([value]) + data[i + 1 :]


def delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines[i:i] = [lines[i]] * rng.choice((1, 1, 2, 50))
    return b"\n".join(lines)


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def swap_cells(data: bytes, rng: random.Random) -> bytes:
    """Two cells of one table row (or of two rows) trade places."""
    lines = _lines(data)
    rows = [i for i, line in enumerate(lines) if line.startswith(b"|")]
    if not rows:
        return data
    a, b = rng.choice(rows), rng.choice(rows)
    cells_a, cells_b = lines[a].split(b"|"), lines[b].split(b"|")
    i, j = rng.randrange(len(cells_a)), rng.randrange(len(cells_b))
    if a == b:
        cells_a[i], cells_a[j] = cells_a[j], cells_a[i]
        lines[a] = b"|".join(cells_a)
    else:
        cells_a[i], cells_b[j] = cells_b[j], cells_a[i]
        lines[a], lines[b] = b"|".join(cells_a), b"|".join(cells_b)
    return b"\n".join(lines)


def drop_or_add_cell(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    rows = [i for i, line in enumerate(lines) if line.startswith(b"|")]
    if not rows:
        return data
    r = rng.choice(rows)
    cells = lines[r].split(b"|")
    i = rng.randrange(len(cells))
    if rng.random() < 0.5 and len(cells) > 1:
        del cells[i]
    else:
        cells.insert(i, rng.choice((b" ", b"", b" x ", b"\\")))
    lines[r] = b"|".join(cells)
    return b"\n".join(lines)


def random_unicode(data: bytes, rng: random.Random) -> bytes:
    """Code points that are hard on a parser, inserted anywhere; surrogates
    go in as the bytes UTF-8 forbids (``surrogatepass``)."""
    i = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        text = "".join(chr(rng.choice(CODE_POINTS)) for _ in range(rng.randint(1, 4)))
    else:
        text = "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(1, 8)))
    return data[:i] + text.encode("utf-8", "surrogatepass") + data[i:]


def insert_token(data: bytes, rng: random.Random) -> bytes:
    i = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:  # at the start of a line, where the grammars look first
        i = data.rfind(b"\n", 0, i) + 1
    return data[:i] + rng.choice(TOKENS).encode("utf-8") + data[i:]


def replace_span(data: bytes, rng: random.Random) -> bytes:
    """A piece of the document replaced by another piece of it (a sloppy paste)."""
    if not data:
        return data
    i = rng.randrange(len(data))
    j = min(len(data), i + rng.randint(0, 40))
    k = rng.randrange(len(data))
    return data[:i] + data[k : k + rng.randint(0, 60)] + data[j:]


def delete_span(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, 30) :]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def respell(data: bytes, rng: random.Random) -> bytes:
    """Change case or spacing of a word (what the template-spelling fix repairs)."""
    words = [i for i in range(1, len(data)) if data[i - 1 : i] == b" " and data[i : i + 1].isalpha()]
    if not words:
        return data
    i = rng.choice(words)
    j = data.find(b" ", i)
    j = len(data) if j < 0 else j
    word = data[i:j]
    word = rng.choice((word.lower(), word.upper(), word.swapcase(), b" " + word, word + b"  "))
    return data[:i] + word + data[j:]


def newline_style(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\n", rng.choice((b"\r\n", b"\r", b"\n\n")))


def bom(data: bytes, rng: random.Random) -> bytes:
    return rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) + data


MUTATORS = (
    byte_flip, delete_line, duplicate_line, swap_lines, swap_cells, drop_or_add_cell, random_unicode,
    insert_token, replace_span, delete_span, truncate, respell, newline_style, bom,
)
# How often each is drawn: the cheap local ones most, the wholesale ones rarely.
WEIGHTS = (6, 4, 3, 3, 4, 3, 5, 8, 4, 3, 1, 4, 1, 1)


def mutate(data: bytes, rng: random.Random, count: int | None = None) -> bytes:
    for _ in range(rng.randint(1, 4) if count is None else count):
        data = rng.choices(MUTATORS, WEIGHTS)[0](data, rng)
    return data


# -- properties --------------------------------------------------------------


class PropertyFailed(AssertionError):
    """An input broke a property (not an exception inside proglint)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


def everything():
    """Every check on, the off-by-default ones (and their fixes) too."""
    from proglint.config import Config, Layer

    return Config(layers=(Layer(select=("ALL",)),))


def check_spans(source, diagnostics) -> None:
    """Every span (the finding's, its related places', its fix's edits) lies
    inside the document: a line of it, a column up to one past the line's end,
    and a start no later than its end."""
    count = source.line_count
    for d in diagnostics:
        spans = [("span", d.span)] + [("related", r.span) for r in d.related]
        if d.fix is not None:
            spans += [("edit", e.span) for e in d.fix.edits]
        for what, span in spans:
            sl, sc, el, ec = span
            ok = 1 <= sl <= count and 1 <= el <= count and (sl, sc) <= (el, ec)
            ok = ok and 1 <= sc <= len(source.line(sl)) + 1 and 1 <= ec <= len(source.line(el)) + 1
            if not ok:
                raise PropertyFailed(f"{what} outside the document", f"{d.code} {span} ({count} lines): {d.message[:120]}")


def check_no_internal_error(diagnostics) -> None:
    for d in diagnostics:
        if d.code == "PL901":
            raise PropertyFailed("PL901", d.message[:300])


def check_lint(data: bytes, config=None, *, twice: bool = True):
    """Lint ``data`` in process: no exception, no PL901, spans inside, and
    (with ``twice``) the same findings a second time.  Returns the source
    and the findings."""
    from proglint.pipeline import lint
    from proglint.source import Source

    config = config or everything()
    source = Source.from_bytes("fuzz.txt", data)
    first = lint(source, config)
    check_no_internal_error(first)
    check_spans(source, first)
    if twice:
        again = lint(Source.from_bytes("fuzz.txt", data), config)
        if again != first:
            raise PropertyFailed("not deterministic", f"{len(first)} findings, then {len(again)}")
    return source, first


def check_fix(data: bytes, config=None) -> None:
    """``--fix`` as the runner does it (fix, relint, fix again until stable):
    every pass changes only the text inside the spans of the edits it
    applied, and fixing the result again changes nothing."""
    from proglint.fix import apply, fix_until_stable
    from proglint.pipeline import lint
    from proglint.source import Source

    config = config or everything()

    def relint(candidate):
        diagnostics = lint(candidate, config)
        check_no_internal_error(diagnostics)
        check_spans(candidate, diagnostics)
        _check_pass(candidate, diagnostics, apply)
        return diagnostics

    fixed = fix_until_stable(Source.from_bytes("fuzz.txt", data), relint)
    again = fix_until_stable(fixed.source, relint)
    if again.applied or again.source.text != fixed.source.text:
        raise PropertyFailed("fix not idempotent", f"{fixed.applied} fixes, then {again.applied} more")


def _check_pass(source, diagnostics, apply) -> None:
    """The text one pass produces differs from the old one only between
    the first and the last character its edits cover."""
    text, applied = apply(source, diagnostics)
    if not applied:
        return
    edits = [e for d in diagnostics if d.fix is not None and d.suppression is None for e in d.fix.edits]
    low = min(source.lines.offset(e.span.start_line, e.span.start_column) for e in edits)
    high = max(source.lines.offset(e.span.end_line, e.span.end_column) for e in edits)
    old = source.text
    if text[:low] != old[:low] or text[len(text) - (len(old) - high) :] != old[high:]:
        raise PropertyFailed("fix touched text outside its spans", f"edits within [{low}, {high})")


def random_edit(text: str, rng: random.Random):
    """An LSP ``contentChanges`` entry: a range (0-based lines, UTF-16
    characters, sometimes past the end, as careless clients send) and its
    new text."""
    from lsprotocol import types

    lines = text.split("\n")

    def position():
        line = rng.randrange(len(lines) + 1)
        width = len(lines[line]) if line < len(lines) else 0
        return types.Position(line=line, character=rng.randint(0, width + 2))

    a, b = sorted((position(), position()), key=lambda p: (p.line, p.character))
    new = rng.choice(("", "|", "\n", "x", " ", "-->", "<!--", "---", "# 1 - T", "\U0001f52d", "\ud800", "é\r\n"))
    if rng.random() < 0.3:
        new = "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 3)))
    return types.TextDocumentContentChangePartial(range=types.Range(start=a, end=b), text=new)


def check_lsp(text: str, edits: int, rng: random.Random, folder: Path) -> None:
    """The language server's change handling, in process: the buffer's
    incremental re-lints after each random edit end with the findings a
    fresh workspace gives for the final text."""
    from proglint.lsp.server import _apply
    from proglint.lsp.workspace import Buffer, Workspace

    path = folder / "fuzz.txt"
    workspace = Workspace()
    buffer = Buffer("file://" + str(path), path, text, 0)
    outcome = workspace.lint([buffer], {path: buffer})[0]
    for revision in range(1, edits + 1):
        buffer = Buffer(buffer.uri, path, _apply(buffer.text, random_edit(buffer.text, rng)), revision)
        outcome = workspace.lint([buffer], {path: buffer})[0]
        check_no_internal_error(outcome.diagnostics)
        check_spans(outcome.source, outcome.diagnostics)
    fresh = Buffer(buffer.uri, path, buffer.text, 0)
    expected = Workspace().lint([fresh], {path: fresh})[0]
    if [_key(d) for d in outcome.diagnostics] != [_key(d) for d in expected.diagnostics]:
        raise PropertyFailed(
            "incremental differs from fresh",
            f"{len(outcome.diagnostics)} findings incrementally, {len(expected.diagnostics)} fresh",
        )


def _key(d) -> tuple:
    return (d.code, d.span, d.message, d.severity, d.fix, d.related)
