"""Property tests: for random front matter, every schema finding lies inside
the front matter, carries a registered code, and checking never raises."""

import json

from hypothesis import given, settings, strategies as st

from proglint.schema import check, codes
from proglint.schema.to_json import to_json

from conftest import SEEDS, doc

BODY = (SEEDS / "1071.txt").read_text(encoding="utf-8").split("---\n", 2)[2]
KNOWN = [
    "id", "proposal_type", "cycle", "exclusive_access_period_months", "instrument_mode",
    "pi_and_co_pis", "prime_parallel_time_hours", "program_title", "type",
]
JUNK = ["programme_title", "Cycle", "ID", "typ", "notes", "x", "pi", "cycle_", "a b"]

KEYS = st.one_of(st.sampled_from(KNOWN), st.sampled_from(JUNK), st.from_regex(r"[a-z_]{1,12}", fullmatch=True))
INTERESTING = st.sampled_from(
    ["", "0", "1", "5", "6", "12", "-1", "012", "0x1F", "0o7", "1.5", ".5", "1e3", "true", "False", "~", "null",
     "no", "yes", ".inf", ".NaN", "two", "GO", "CAL/NIRCAM", "calibration", "COM/NIRCAMM", "1071", "[1, 2]",
     "{a: 1}", "[]"]
)
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20)


@st.composite
def values(draw):
    style = draw(st.sampled_from(["plain", "single", "double"]))
    raw = draw(st.one_of(INTERESTING, TEXT))
    if style == "single":
        return "'" + raw.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(raw, ensure_ascii=False)
    return raw


ENTRIES = st.lists(st.tuples(KEYS, values()), max_size=14)


def front_matter_text(entries) -> str:
    lines = [f"{key}: {value}".rstrip() for key, value in entries]
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n" + BODY


@settings(max_examples=200)
@given(ENTRIES)
def test_every_span_lies_inside_the_front_matter(entries):
    text = front_matter_text(entries)
    document = doc(text)
    closing = len(entries) + 2
    for d in check(document):
        assert d.code in codes.BY_CODE
        assert 1 <= d.span.start_line <= d.span.end_line <= closing, (d, text)
        line = text.split("\n")[d.span.start_line - 1]
        assert 1 <= d.span.start_column <= len(line) + 1
        if d.span.end_line == d.span.start_line:
            assert d.span.start_column <= d.span.end_column <= len(line) + 1
        assert d.message and "{value}" not in d.message and "{key}" not in d.message


@settings(max_examples=100)
@given(ENTRIES)
def test_the_json_form_is_plain_json(entries):
    instance, index = to_json(doc(front_matter_text(entries)))
    json.loads(json.dumps(instance, allow_nan=False))
    front = instance["front_matter"]
    if front is not None:
        for key in front:
            assert index[("front_matter", key)].key is not None


@settings(max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(KNOWN), values()), min_size=1, max_size=12))
def test_known_keys_only_never_give_an_unknown_key(entries):
    found = check(doc(front_matter_text(entries)))
    assert "PL101" not in {d.code for d in found}
    keys = [k for k, _ in entries]
    duplicates = sum(1 for i, k in enumerate(keys) if k in keys[:i])
    assert sum(d.code == "PL103" for d in found) in (0, duplicates)  # 0 when the YAML does not read
