"""Parsing never raises and every span lies inside the text, for any text
and for random edits of the real documents."""

from hypothesis import HealthCheck, given, settings, strategies as st

from proglint.config import Config, Layer
from proglint.document import YamlMapping, YamlScalar, YamlSequence
from proglint.parse import parse
from proglint.pipeline import lint
from proglint.source import Source

from conftest import SEED_PATHS

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEED_PATHS]
# Characters that matter to the grammar, so random text hits the interesting paths.
TOKENS = st.sampled_from(list("|-:#()\n\r \t\\\"'`{}[]*>aAzZ09é😀\ufeff") + ["---\n", "| ", " |\n", "NONE", "(1) "])
GRAMMAR_TEXT = st.lists(TOKENS, max_size=120).map("".join)


def all_spans(document):
    yield from (p.span for p in document.problems)
    fm = document.front_matter
    if fm is not None:
        yield fm.opening
        if fm.closing is not None:
            yield fm.closing
        if fm.root is not None:
            yield from yaml_spans(fm.root)
    if document.heading is not None:
        h = document.heading
        yield h.span
        yield h.text.span
        if h.id is not None:
            yield h.id.span
            yield h.title.span
    if document.url is not None:
        yield document.url.text.span
        if document.url.program_id is not None:
            yield document.url.program_id.span
    for section in document.sections:
        yield section.title.span
    if document.table is not None:
        yield document.table.span
        for cell in document.table.header:
            yield cell.span
            yield cell.region
        for row in document.table.rows:
            yield row.span
            for cell in row.cells:
                yield cell.span
                yield cell.region
            if row.target is not None:
                for part in (row.target.number, row.target.name):
                    if part is not None:
                        yield part.span


def yaml_spans(node):
    yield node.span
    if isinstance(node, YamlMapping):
        for entry in node.entries:
            yield from yaml_spans(entry.key)
            yield from yaml_spans(entry.value)
    elif isinstance(node, YamlSequence):
        for item in node.items:
            yield from yaml_spans(item)
    else:
        assert isinstance(node, YamlScalar)


def assert_spans_inside(source, document):
    lines = source.lines
    for span in all_spans(document):
        assert 1 <= span.start_line <= span.end_line <= lines.line_count, span
        assert (span.start_line, span.start_column) <= (span.end_line, span.end_column), span
        assert 1 <= span.start_column <= len(lines.line_text(span.start_line)) + 1, span
        assert 1 <= span.end_column <= len(lines.line_text(span.end_line)) + 1, span
        source.slice(span)  # must not raise


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GRAMMAR_TEXT | st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    source = Source.from_text("x.txt", text)
    assert_spans_inside(source, parse(source))
    # A rule that raises does not raise out of lint(): it becomes a PL901
    # finding, so the property is that there is none.  Every rule runs (the
    # ones off by default too), with no time budget (a loaded machine must
    # not turn a slow example into a crash report).
    found = lint(source, Config(layers=(Layer(select=("PL",)),), rule_time_budget=None))
    assert [(d.code, d.message) for d in found if d.code == "PL901"] == []


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(data):
    source = Source.from_bytes("x.txt", data)
    assert_spans_inside(source, parse(source))


@st.composite
def edited_seed(draw):
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(st.lists(TOKENS, max_size=4).map("".join))
        if kind == "insert":
            text = text[:at] + chunk + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        else:
            text = text[:at] + chunk + text[at + len(chunk):]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_seed())
def test_random_edits_of_seeds_never_raise(text):
    source = Source.from_text("seed.txt", text)
    document = parse(source)
    assert_spans_inside(source, document)
    for row in document.observations:
        for cell in row.cells:
            assert source.slice(cell.span) == cell.value


@settings(max_examples=100)
@given(st.sampled_from(SEED_TEXTS), st.booleans(), st.booleans())
def test_crlf_and_bom_give_the_same_positions(text, crlf, bom):
    data = text.replace("\n", "\r\n") if crlf else text
    encoded = (b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8")
    plain = lint(Source.from_text("x.txt", text))
    other_source = Source.from_bytes("x.txt", encoded)
    assert lint(other_source) == plain
    a, b = parse(Source.from_text("x.txt", text)), parse(other_source)
    assert [c.span for r in a.observations for c in r.cells] == [c.span for r in b.observations for c in r.cells]
    assert [e.value.span for e in a.front_matter.entries] == [e.value.span for e in b.front_matter.entries]


def test_crlf_broken_document_reports_same_positions_as_lf():
    text = SEED_TEXTS[0].replace("| 15          |", "| 15 | x |").replace("# 4497 -", "# 4497")
    lf = lint(Source.from_text("x.txt", text))
    crlf = lint(Source.from_bytes("x.txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()))
    assert lf and lf == crlf


ROW_TOKENS = st.sampled_from(["|", "\\", "\\|", " ", "a", "é", "(1) X", "<!-- c -->", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ROW_TOKENS, max_size=30).map("".join))
def test_row_splitter_cells_tile_the_row(body):
    """Cells' regions and the splitting pipes rebuild the row exactly, and an
    escaped pipe never splits."""
    from proglint.parse.table import split_row

    line = "|" + body + "|"
    row = split_row(line, 1)
    assert row.opens
    rebuilt = "|" + "|".join(line[c.region.start_column - 1 : c.region.end_column - 1] for c in row.cells)
    if row.closes:
        rebuilt += "|"
    assert rebuilt == line or not row.closes
    expected_pipes = 0
    i = 0
    scrubbed = line.replace("<!-- c -->", " " * 10)
    while i < len(scrubbed):
        if scrubbed[i] == "\\":
            i += 2
            continue
        expected_pipes += scrubbed[i] == "|"
        i += 1
    assert len(row.cells) == (expected_pipes - 1 if row.closes else expected_pipes)
