from hypothesis import given, strategies as st

from proglint.source import LineIndex, Source


def test_line_index_round_trips_offsets():
    text = "ab\ncdé\n\nlast"
    index = LineIndex(text)
    assert index.line_count == 4
    assert index.position(0) == (1, 1)
    assert index.position(3) == (2, 1)
    assert index.position(5) == (2, 3)  # 'é' is one character
    assert index.position(len(text)) == (4, 5)
    for offset in range(len(text) + 1):
        assert index.offset(*index.position(offset)) == offset


@given(st.text())
def test_line_index_positions_invert(text):
    index = LineIndex(text)
    for offset in range(0, len(text) + 1, max(1, len(text) // 20)):
        if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
            continue  # between the two characters of one line ending: not a position
        line, column = index.position(offset)
        assert 1 <= line <= index.line_count
        assert index.offset(line, column) == offset


def test_lone_carriage_return_ends_a_line_as_in_commonmark_and_yaml():
    index = LineIndex("a\rb\r\nc")
    assert [index.line_text(n) for n in (1, 2, 3)] == ["a", "b", "c"]
    assert index.position(2) == (2, 1)


def test_crlf_lines_exclude_carriage_return():
    source = Source.from_bytes("x", b"one\r\ntwo\r\n")
    assert source.newline == "\r\n"
    assert source.line(1) == "one"
    assert source.line(2) == "two"


def test_lf_newline_style_detected():
    assert Source.from_bytes("x", b"a\nb").newline == "\n"


def test_bom_is_stripped_and_remembered():
    source = Source.from_bytes("x", b"\xef\xbb\xbfhello\n")
    assert source.bom is True
    assert source.text == "hello\n"
    assert source.encode() == b"\xef\xbb\xbfhello\n"


def test_invalid_utf8_is_located_not_raised():
    data = "ok\nsecond é\nthird \xff\n".encode("latin-1")
    source = Source.from_bytes("x", data)
    problem = source.decode_problem
    assert problem is not None
    # 'é' in latin-1 is 0xE9, an invalid start byte on line 2, column 8
    assert source.lines.position(problem.offset) == (2, 8)
    assert problem.byte == 0xE9
    assert "\ufffd" in source.text


def test_invalid_utf8_after_bom_counts_columns_without_bom():
    source = Source.from_bytes("x", b"\xef\xbb\xbfab\xff")
    assert source.lines.position(source.decode_problem.offset) == (1, 3)
