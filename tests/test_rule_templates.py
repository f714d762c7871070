"""PL501 unknown-template and PL502 template-spelling: each at its exact
place, and the real spellings (the seed's `MIRI imaging`, aliases) that
must not be errors."""

from __future__ import annotations


from proglint.config import Config
from proglint.pipeline import active, lint
from proglint.source import Source

from conftest import seeds_concise, program_document as document, column_of, findings, line_of, seed_text

def place(text: str, line_needle: str, word: str) -> tuple[int, int, int]:
    line = line_of(text, line_needle)
    start = column_of(text, line, word)
    return line, start, start + len(word)


# ---------------------------------------------------------------- PL501


def test_unknown_template_with_did_you_mean():
    text = document(
        ("GD153", 1, "MIRI Imaging", "MIRI Imaging", "(1) GD153"),
        ("", 2, "MIRI Imaging F770W", "MIRI Imagng", "(1) GD153"),
    )
    line, start, end = place(text, "MIRI Imagng", "MIRI Imagng")
    assert findings(text, "PL501") == [
        (line, start, end, "'MIRI Imagng' is not a known observing template; did you mean 'MIRI Imaging'?")
    ]


def test_did_you_mean_goes_through_aliases_to_the_canonical_name():
    text = document(("", 1, "NRS FS", "NIRSpec FSS", "(1) GD153"))
    line, start, end = place(text, "NIRSpec FSS", "NIRSpec FSS")
    assert findings(text, "PL501") == [
        (line, start, end, "'NIRSpec FSS' is not a known observing template; did you mean 'NIRSpec Fixed Slit Spectroscopy'?")
    ]


def test_unknown_template_without_a_close_name():
    text = document(("", 1, "x", "Bar Baz Qux", "(1) GD153"))
    line, start, end = place(text, "Bar Baz Qux", "Bar Baz Qux")
    assert findings(text, "PL501") == [
        (
            line, start, end,
            "'Bar Baz Qux' is not a known observing template; write the name as APT shows it "
            "(`proglint explain PL501` says how to add a new one)",
        )
    ]


def test_case_spacing_and_aliases_are_known_templates():
    # Near-miss: the seed writes `MIRI imaging`; aliases and extra spaces are APT's too.
    text = document(
        ("", 1, "MIRI Imaging", "MIRI imaging", "(1) GD153"),
        ("", 2, "NIRSpec MOS", "NIRSpec Multi-Object Spectroscopy", "(1) GD153"),
        ("", 3, "NIRSpec FS", "nirspec fixed-slit spectroscopy", "(1) GD153"),
        ("", 4, "NIRCam", "NIRCam  Imaging", "(1) GD153"),
        ("", 5, "MIRI MRS", "MIRI MRS", "(1) GD153"),
    )
    assert findings(text, "PL501") == []
    assert findings(seed_text(), "PL501") == []


def test_a_blank_template_is_left_to_the_schema_stage():
    text = document(("", 1, "x", "", "(1) GD153"))
    assert findings(text, "PL501") == []


def test_a_team_vocabulary_adds_a_template(tmp_path):
    extra = tmp_path / "team-vocab.yaml"
    extra.write_text("templates:\n  - {name: NIRSpec Team Mode, instrument: NIRSpec, kind: science}\n", encoding="utf-8")
    text = document(("", 1, "x", "NIRSpec Team Mode", "(1) GD153"))
    assert findings(text, "PL501") != []
    assert findings(text, "PL501", vocabulary=(extra,)) == []


# ---------------------------------------------------------------- PL502


def test_template_spelling_is_off_by_default():
    found = active(lint(Source.from_text("s.txt", seed_text()), Config()))
    assert [d for d in found if d.code == "PL502"] == []


def test_template_spelling_reports_case_at_each_cell_when_selected():
    text = seed_text()
    expected = []
    for number in ("1", "13", "14", "2", "3", "10"):
        line = next(
            i for i, row in enumerate(text.split("\n"), start=1)
            if row.startswith("|") and row.split("|")[2].strip() == number
        )
        start = column_of(text, line, "MIRI imaging")
        expected.append(
            (line, start, start + len("MIRI imaging"),
             "'MIRI imaging' is written differently from the template 'MIRI Imaging'; write 'MIRI Imaging'")
        )
    assert findings(text, "PL502") == sorted(expected)


def test_template_spelling_names_the_alias_and_offers_the_canonical_name():
    text = document(("", 1, "NIRSpec FS prism", "NIRSpec FS", "(1) GD153"))
    line = line_of(text, "NIRSpec FS prism")
    start = column_of(text, line, "| NIRSpec FS |") + 2
    assert findings(text, "PL502") == [
        (line, start, start + len("NIRSpec FS"),
         "'NIRSpec FS' is an alias of the template 'NIRSpec Fixed Slit Spectroscopy'; write 'NIRSpec Fixed Slit Spectroscopy'")
    ]
    from proglint.config import Layer

    (diagnostic,) = [d for d in lint(Source.from_text("d.txt", text), Config(layers=(Layer(select=("PL502",)),))) if d.code == "PL502"]
    (edit,) = diagnostic.fix.edits
    assert edit.text == "NIRSpec Fixed Slit Spectroscopy"
    assert (edit.span.start_line, edit.span.start_column) == (line, start)


def test_canonical_names_are_not_reported():
    # Near-miss: 1071 writes `NIRCam Imaging` exactly as the canonical name.
    assert findings(seed_text("1071.txt"), "PL502") == []


# ---------------------------------------------------------------- the seeds


def test_seeds_have_no_template_findings():
    assert not [line for line in seeds_concise() if " PL50" in line]


def test_template_rules_document_themselves():
    from proglint.pipeline import catalog

    infos = catalog()
    for code in ("PL501", "PL502"):
        docs = infos[code].documentation
        assert "**What it does.**" in docs and "**Why it matters.**" in docs
        assert "Fails" in docs and "Passes" in docs
    assert infos["PL501"].severity.value == "error" and infos["PL501"].enabled
    assert infos["PL502"].severity.value == "info" and not infos["PL502"].enabled
