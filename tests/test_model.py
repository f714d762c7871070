"""The document model of the real seeds, checked value by value."""

import pytest

from proglint.document import COLUMNS, YamlMapping, YamlScalar
from proglint.parse import parse
from proglint.source import Source

from conftest import SEED_PATHS, USER_SEED, doc

# Read off the user's document by eye: (folder, number, label, template, target number, target name)
USER_ROWS = [
    ("GD153", "1", "MIRI Imaging", "MIRI imaging", "1", "GD153"),
    ("GD153", "15", "NIRCam Imaging Sub1 60 Module B - SW", "NIRCam Engineering Imaging", "1", "GD153"),
    ("GD153", "16", "NIRCam Imaging Sub1 60P Module B - LW", "NIRCam Engineering Imaging", "1", "GD153"),
    ("GD153", "17", "NIRCam Imaging Sub1 60 Module A - SW", "NIRCam Engineering Imaging", "1", "GD153"),
    ("GD153", "18", "NIRCam Imaging Sub1 60P Module A - LW", "NIRCam Engineering Imaging", "1", "GD153"),
    ("LDS749B", "8", "NIRSpec FS prism", "NIRSpec Fixed Slit Spectroscopy", "2", "LDS749B"),
    ("LDS749B", "11", "NIRCam Imaging Sub1 60P Module A", "NIRCam Engineering Imaging", "2", "LDS749B"),
    ("LDS749B", "13", "MIRI Imaging", "MIRI imaging", "2", "LDS749B"),
    ("WD1057+719", "9", "NIRSpec FS prism", "NIRSpec Fixed Slit Spectroscopy", "3", "WD1057+719"),
    ("WD1057+719", "12", "NIRCam Imaging Sub1 60P Module A", "NIRCam Engineering Imaging", "3", "WD1057+719"),
    ("WD1057+719", "14", "MIRI Imaging", "MIRI imaging", "3", "WD1057+719"),
    ("10Lac", "2", "MIRI Imaging", "MIRI imaging", "4", "10Lac"),
    ("10Lac", "19", "NIRCam Coronagraphy ND square SWB", "NIRCam Coronagraphic Imaging", "4", "10Lac"),
    ("10Lac", "20", "NIRCam Coronagraphy ND square SWBS", "NIRCam Coronagraphic Imaging", "4", "10Lac"),
    ("10Lac", "21", "NIRCam Coronagraphy ND square 210R", "NIRCam Coronagraphic Imaging", "4", "10Lac"),
    ("10Lac", "22", "NIRCam Coronagraphy ND square LWB", "NIRCam Coronagraphic Imaging", "4", "10Lac"),
    ("10Lac", "23", "NIRCam Coronagraphy ND square LWBL", "NIRCam Coronagraphic Imaging", "4", "10Lac"),
    ("10Lac", "24", "NIRCam Coronagraphy ND square 335R", "NIRCam Coronagraphic Imaging", "4", "10Lac"),
    ("10Lac", "25", "NIRCam Coronagraphy ND square 430R", "NIRCam Coronagraphic Imaging", "4", "10Lac"),
    ("muCol", "3", "MIRI Imaging", "MIRI imaging", "5", "muCol"),
    ("muCol", "4", "MIRI MRS", "MIRI Medium Resolution Spectroscopy", "6", "muCol-WBKG"),
    ("muCol", "5", "MIRI MRS BKG", "MIRI Medium Resolution Spectroscopy", "7", "muCol-BKG"),
    ("muCol", "6", "MIRI LRS slitless", "MIRI Low Resolution Spectroscopy", "6", "muCol-WBKG"),
    ("muCol", "7", "MIRI LRS BKG", "MIRI Low Resolution Spectroscopy", "7", "muCol-BKG"),
    ("lamLep", "10", "MIRI Imaging", "MIRI imaging", "8", "lamLep"),
]
FOLDER_STARTS = {"GD153": 21, "LDS749B": 26, "WD1057+719": 29, "10Lac": 32, "muCol": 40, "lamLep": 45}


@pytest.fixture(scope="module")
def user():
    return parse(Source.read(USER_SEED))


def test_user_seed_parses_without_problems(user):
    assert user.problems == ()


def test_user_seed_front_matter_keys_values_and_positions(user):
    fm = user.front_matter
    assert fm.opening.start_line == 1 and fm.closing.start_line == 11
    keys = [e.key_text for e in fm.entries]
    assert keys == [
        "id", "proposal_type", "cycle", "exclusive_access_period_months", "instrument_mode",
        "pi_and_co_pis", "prime_parallel_time_hours", "program_title", "type",
    ]
    entry = fm.get("id")
    assert (entry.value.text, entry.value.style) == ("4497", "")
    assert (entry.key.span.start_line, entry.key.span.start_column, entry.key.span.end_column) == (2, 1, 3)
    assert (entry.value.span.start_column, entry.value.span.end_column) == (5, 9)
    title = fm.get("program_title").value
    assert title.text == "CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)"
    assert title.style == '"'
    # the span of a quoted scalar covers its quotes
    assert user.source.slice(title.span) == '"CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)"'
    assert fm.get("cycle").value.text == "" and fm.get("cycle").value.style == '"'


def test_user_seed_heading_and_url(user):
    h = user.heading
    assert h.line == 12
    assert (h.id.value, h.id.span.start_column, h.id.span.end_column) == ("4497", 3, 7)
    assert h.title.value == "CAL-FLUX-202  Absolute Flux Calibration (Hot Stars)"
    assert h.title.span.start_column == 10
    assert user.source.slice(h.title.span) == h.title.value
    assert user.url.text.value == "https://www.stsci.edu/jwst/science-execution/program-information?id=4497"
    assert user.url.program_id.value == "4497"
    assert user.source.slice(user.url.program_id.span) == "4497"
    assert user.url.program_id.span.start_line == 13


def test_user_seed_sections(user):
    assert [(s.level, s.title.value, s.line) for s in user.sections] == [
        (2, "OBSERVATIONS TABLE", 14),
        (3, "1. List of Labels, Observing Templates, and Science Targets", 15),
        (2, "ABSTRACT", 49),
        (2, "OBSERVING DESCRIPTION", 55),
    ]


def test_user_seed_table_rows_cell_by_cell(user):
    table = user.table
    assert table.header_line == 19
    assert [c.value for c in table.header] == list(COLUMNS)
    got = [
        (r.folder.value, r.number.value, r.label.value, r.template.value, r.target.number.value, r.target.name.value)
        for r in table.rows
    ]
    assert got == USER_ROWS
    for index, row in enumerate(table.rows):
        assert row.line == 21 + index
        assert row.continues_folder == (row.line not in FOLDER_STARTS.values())
        assert row.folder.span.start_line == FOLDER_STARTS[row.folder.value]


def test_user_seed_cell_columns_are_exact(user):
    row = user.table.rows[0]  # | GD153     | 1           | MIRI Imaging ...
    assert (row.folder_cell.span.start_column, row.folder_cell.span.end_column) == (3, 8)
    assert (row.number.span.start_column, row.number.span.end_column) == (15, 16)
    assert row.label.span.start_column == 29
    wd = user.table.rows[8]  # the folder cell 'WD1057+719' is one character wider than the padding
    assert wd.folder_cell.value == "WD1057+719"
    assert (wd.folder_cell.span.start_column, wd.folder_cell.span.end_column) == (3, 13)


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
def test_every_span_slices_back_to_its_value(path):
    document = parse(Source.read(path))
    source = document.source
    assert document.problems == ()
    for entry in document.front_matter.entries:
        assert source.slice(entry.key.span) == entry.key.text
        value = entry.value
        expected = value.text if not value.quoted else value.style + value.text + value.style
        assert source.slice(value.span) == expected
    for text in (document.heading.id, document.heading.title, document.url.text, document.url.program_id):
        assert source.slice(text.span) == text.value
    for section in document.sections:
        assert source.slice(section.title.span) == section.title.value
    for row in document.observations:
        assert len(row.cells) == 5
        for cell in row.cells:
            assert source.slice(cell.span) == cell.value
            assert source.slice(cell.region).strip() == cell.value
        assert row.target.well_formed
        assert source.slice(row.target.number.span) == row.target.number.value
        assert source.slice(row.target.name.span) == row.target.name.value


def test_blank_first_folder_means_no_folder():
    document = parse(Source.read(USER_SEED.with_name("1071.txt")))
    assert all(r.folder is None and r.continues_folder for r in document.observations)


def test_none_target_is_legal_and_recognised():
    text = (
        "| Folder | Observation | Label | Observing Template | Science Target |\n"
        "| :-- | :-- | :-- | :-- | :-- |\n"
        "| | 1 | lamp | NIRSpec Internal Lamp | NONE |\n"
    )
    row = doc(text).observations[0]
    assert row.target.is_none and row.target.well_formed
    assert row.target.number is None and row.target.name is None


def test_yaml_11_surprises_stay_text():
    document = doc("---\nflag: no\ncode: 012\nwhen: 2024-01-01\n---\n# 1 - t\n")
    values = {e.key_text: (e.value.text, e.value.style) for e in document.front_matter.entries}
    assert values == {"flag": ("no", ""), "code": ("012", ""), "when": ("2024-01-01", "")}


def test_duplicate_keys_are_kept_with_their_own_positions():
    document = doc("---\nid: 1\ntitle: a\nid: 2\n---\n")
    ids = document.front_matter.mapping.all("id")
    assert [(e.value.text, e.key.span.start_line) for e in ids] == [("1", 2), ("2", 4)]


def test_nested_yaml_values_keep_spans():
    document = doc("---\nlist: [a, 'b']\nmap:\n  k: v\n---\n")
    mapping = document.front_matter.mapping
    seq = mapping.first("list").value
    assert [(i.text, i.span.start_column) for i in seq.items] == [("a", 8), ("b", 11)]
    inner = mapping.first("map").value
    assert isinstance(inner, YamlMapping)
    assert isinstance(inner.entries[0].value, YamlScalar)
    assert (inner.entries[0].value.span.start_line, inner.entries[0].value.span.start_column) == (4, 6)


def test_escaped_pipe_stays_inside_a_cell():
    text = (
        "| Folder | Observation | Label | Observing Template | Science Target |\n"
        "| - | - | - | - | - |\n"
        "| | 1 | a \\| b | MIRI Imaging | (1) X1 |\n"
    )
    document = doc(text)
    assert [p.code for p in document.problems if p.code.startswith("PL01")] == []
    assert document.observations[0].label.value == "a \\| b"


def test_header_in_other_order_reads_rows_by_name():
    text = (
        "| Observation | Folder | Label | Observing Template | Science Target |\n"
        "| - | - | - | - | - |\n"
        "| 7 | F | a | MIRI Imaging | (1) X1 |\n"
    )
    document = doc(text)
    row = document.observations[0]
    assert (row.number.value, row.folder.value) == ("7", "F")
    assert [p.code for p in document.problems] == ["PL003", "PL006", "PL009"]


def test_an_alias_points_at_itself_not_at_its_anchor():
    document = doc('---\ncycle: &c "1"\nexclusive_access_period_months: *c\nlist: [*c, x]\n---\n')
    mapping = document.front_matter.mapping
    alias = mapping.first("exclusive_access_period_months").value
    assert (alias.text, document.source.slice(alias.span)) == ("1", "*c")
    assert alias.span.start_line == 3
    first, second = mapping.first("list").value.items
    assert document.source.slice(first.span) == "*c" and document.source.slice(second.span) == "x"
