"""``proglint report`` (issue 15): the figures of a small crafted portfolio
to the number, the page as a conforming HTML parser reads it, escaping,
links, the snippet's mark, the command's exit statuses and refusals, and
that the linter's start-up never imports Jinja2.  The browser half is
tests/test_portfolio_browser.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from hypothesis import given, strategies as st

from conftest import ROOT, program_document

from proglint import cli
from proglint.config import Config
from proglint.parse import parse
from proglint.portfolio.collect import Snippet, collect, cut
from proglint.portfolio.figures import UNKNOWN_INSTRUMENT, DocumentFigures, of_document
from proglint.source import Source

CLEAN = program_document(  # 4497, calibration, no cycle: clean
    ("Deep", 1, "NIRCam deep field", "NIRCam Imaging", "(1) HUDF"),
    ("", 2, "NIRCam deep field", "nircam  imaging", "(1) HUDF"),
    ("Spectra", 3, "MIRI spectra", "MIRI MRS", "(2) NGC-1"),
    ("", 4, "MIRI dark", "MIRI Dark", "NONE"),
)
FAULTY = program_document(  # 1200, GO, cycle 2: two errors on line 22
    ("Cal", 1, "NIRISS flat", "NIRISS Imaging", "(1) P330-E"),
    ("", 1, "NIRISS flat", "Frobnicator", "(2) GD-153"),
).replace("4497", "1200").replace('proposal_type: "calibration"', 'proposal_type: "GO"').replace('cycle: ""', 'cycle: "2"')
NOT_A_DOCUMENT = "Notes for the team.\nNothing here is a program.\n"


def portfolio_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "4497.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "1200.txt").write_text(FAULTY, encoding="utf-8")
    (folder / "notes.txt").write_text(NOT_A_DOCUMENT, encoding="utf-8")  # found in a folder, not a document: skipped
    return folder


def lint(*argv: str):
    """The report command's linting, in this process: (Report, figures by path)."""
    args = cli.build_parser().parse_args(["report", *argv, "-o", "unused.html", "--isolated", "--jobs", "1"])
    args.implicit = False
    report, plan = cli._lint(args)
    return report, plan.figures


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "proglint", *args], capture_output=True, text=True, cwd=cwd,
        env={**os.environ, **(env or {})}, timeout=600,
    )


# -- the figures of one document -------------------------------------------


def test_the_figures_of_one_document_count_rows_targets_templates_and_instruments():
    figures = of_document(parse(Source.from_text("programs/4497.txt", CLEAN)), Config())
    assert figures == DocumentFigures(
        path="programs/4497.txt", program_id="4497", title="Test", proposal_type="calibration", cycle=None,
        observations=4, targets=2,  # HUDF twice and NGC-1; NONE is no target
        # a spelling the vocabulary knows counts under the template's name, an alias too
        templates=(("NIRCam Imaging", 2), ("MIRI Dark", 1), ("MIRI Medium Resolution Spectroscopy", 1)),
        instruments=(("MIRI", 2), ("NIRCam", 2)),
    )


def test_an_unknown_template_counts_as_written_under_no_instrument():
    figures = of_document(parse(Source.from_text("1200.txt", FAULTY)), Config())
    assert (figures.program_id, figures.proposal_type, figures.cycle) == ("1200", "GO", "2")
    assert figures.templates == (("Frobnicator", 1), ("NIRISS Imaging", 1))
    assert figures.instruments == (("NIRISS", 1), (UNKNOWN_INSTRUMENT, 1))


def test_a_document_without_front_matter_takes_id_and_title_from_its_heading():
    text = CLEAN.split("---\n", 2)[2]  # from the heading on
    figures = of_document(parse(Source.from_text("x.txt", text)), Config())
    assert (figures.program_id, figures.title, figures.proposal_type, figures.cycle) == ("4497", "Test", None, None)
    assert figures.observations == 4


# -- the portfolio's figures ------------------------------------------------


def test_the_portfolio_adds_up_documents_findings_and_charts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    portfolio_folder(tmp_path)
    report, figures = lint("programs")
    p = collect(report, figures)
    assert (p.documents, p.observations, p.targets) == (2, 6, 4)
    assert (p.errors, p.warnings, p.infos, p.clean, p.clean_share) == (2, 0, 0, 1, "50%")
    rows = [(g.path, g.program_id, g.title, g.proposal_type, g.cycle, g.observations, g.targets, g.errors, g.warnings, g.infos)
            for g in p.programs]
    assert rows == [
        ("programs/1200.txt", "1200", "Test", "GO", "2", 2, 2, 2, 0, 0),
        ("programs/4497.txt", "4497", "Test", "calibration", None, 4, 2, 0, 0, 0),
    ]
    assert [(f.code, f.line, f.column, f.end_column) for f in p.programs[0].findings] == [("PL220", 22, 6, 7), ("PL501", 22, 24, 35)]
    assert p.programs[0].findings[1].snippet == Snippet("|  | 1 | NIRISS flat | ", "Frobnicator", " | (2) GD-153 |")
    assert [c.code for c in p.checks] == ["PL220", "PL501"]
    assert "**What it does.**" in p.checks[1].documentation  # the check's own documentation, as `proglint explain` prints it
    assert p.charts == {
        "checks": [("PL220 observation-number-duplicate", 1), ("PL501 unknown-template", 1)],
        "severities": [("error", 2), ("warning", 0), ("info", 0)],
        "programs": [("1200", 2)],
        "instruments": [("MIRI", 2), ("NIRCam", 2), ("NIRISS", 1), (UNKNOWN_INSTRUMENT, 1)],
        "templates": [("NIRCam Imaging", 2), ("Frobnicator", 1), ("MIRI Dark", 1), ("MIRI Medium Resolution Spectroscopy", 1), ("NIRISS Imaging", 1)],
        "types": [("GO", 1), ("calibration", 1)],
        "cycles": [("2", 1), ("(none)", 1)],
    }


def test_cycles_are_charted_in_numeric_order_then_as_text_whatever_they_hold():
    from proglint.report import Report

    cycles = ["10", "9", "\u00b2", "0" + "9" * 5_000, "4", "x", "04"]
    figures = {f"{i}.txt": DocumentFigures(f"{i}.txt", str(i), "t", "GO", cycle, 0, 0, (), ())
               for i, cycle in enumerate(cycles)}
    report = Report([], {}, files=len(cycles), ran={path: () for path in figures})
    charted = [label for label, _ in collect(report, figures).charts["cycles"]]
    assert charted == ["04", "4", "9", "10", "0" + "9" * 5_000, "x", "\u00b2"]


def test_the_findings_listed_per_program_stop_at_the_limit_and_say_how_many_more(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    portfolio_folder(tmp_path)
    report, figures = lint("programs")
    program = collect(report, figures, limit=1).programs[0]
    assert ([f.code for f in program.findings], program.more, program.errors) == (["PL220"], 1, 2)


def test_link_base_makes_each_path_and_line_a_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    portfolio_folder(tmp_path)
    report, figures = lint("programs")
    program = collect(report, figures, link_base="https://example.org/org/repo/blob/main/").programs[0]
    assert program.link == "https://example.org/org/repo/blob/main/programs/1200.txt"
    assert [f.link for f in program.findings] == ["https://example.org/org/repo/blob/main/programs/1200.txt#L22"] * 2


@pytest.mark.parametrize(
    ("line", "start", "end", "expected"),
    [
        ("abc", 2, 3, Snippet("a", "b", "c")),
        ("abc", 4, 4, Snippet("abc", "", "")),  # a point at the end of the line
        ("abc", 2, 9, Snippet("a", "bc", "")),  # a span past the line (to its end)
        ("x" * 50 + "MARK" + "y" * 50, 51, 55, Snippet("x" * 40, "MARK", "y" * 40, clipped_start=True, clipped_end=True)),
        ("a" + "z" * 200, 2, 202, Snippet("a", "z" * 120, "", clipped_end=True)),
    ],
)
def test_a_snippet_marks_the_exact_span_in_a_window_of_the_line(line, start, end, expected):
    assert cut(line, start, end) == expected


@given(st.text(max_size=300), st.integers(1, 320), st.integers(0, 80))
def test_a_snippet_is_always_a_piece_of_the_line_around_the_span(line, start, width):
    from proglint.pipeline import visible

    line = line.replace("\n", " ").replace("\r", " ")
    snippet = cut(line, start, start + width)
    begin = min(start - 1, len(line))
    end = min(begin + width, len(line))
    assert snippet.before == visible(line[max(0, begin - 40): begin])
    assert snippet.marked == visible(line[begin:end])
    assert snippet.after == visible(line[end: end + 40])
    assert (snippet.clipped_start, snippet.clipped_end) == (begin > 40, end + 40 < len(line))


# -- the page -----------------------------------------------------------------


def parse_strictly(page: str):
    """The page through html5lib's conforming parser: any parse error raises."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def write_report(tmp_path: Path, *extra: str) -> tuple[subprocess.CompletedProcess, Path]:
    portfolio_folder(tmp_path)
    result = run("report", "programs", "-o", "report.html", "--isolated", *extra, cwd=tmp_path)
    return result, tmp_path / "report.html"


def test_the_page_is_conforming_html_with_the_numbers_the_table_and_the_marked_span(tmp_path):
    result, page = write_report(tmp_path, "--link-base", "https://example.org/r/blob/main")
    assert result.returncode == 0, result.stderr  # findings do not change the status unless asked
    assert result.stdout == ""
    assert result.stderr == "proglint: wrote report.html (2 documents, 2 error(s), 0 warning(s), 0 info(s))\n"
    text = page.read_text(encoding="utf-8")
    tree = parse_strictly(text)
    overview = {dd.get("data-key"): dd.text for dd in tree.iter("dd")}
    assert overview == {
        "documents": "2", "observations": "6", "targets": "4", "errors": "2", "warnings": "0", "infos": "0",
        "clean": "1", "clean-share": "50%",
    }
    table = tree.find(".//table[@id='programs-table']")
    assert [th.get("scope") for th in table.find("thead").iter("th")] == ["col"] * 9
    rows = [["".join(cell.itertext()) for cell in tr] for tr in table.find("tbody")]
    assert rows == [
        ["1200", "Test", "GO", "2", "2", "2", "2", "0", "0"],
        ["4497", "Test", "calibration", "", "4", "2", "0", "0", "0"],
    ]
    assert table.find("tbody/tr/th/a").get("href") == "#p1"  # to the program's findings
    section = tree.find(".//section[@id='p1']")
    finding = section.find(".//li")
    links = [a.get("href") for a in finding.iter("a")]
    assert links == ["#check-PL220", "https://example.org/r/blob/main/programs/1200.txt#L22"]
    assert tree.find(".//article[@id='check-PL220']") is not None
    marks = [m.text for m in section.iter("mark")]
    assert marks == ["1", "Frobnicator"]
    assert "<script src" not in text and "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in text.replace("https://example.org/r/blob/main/programs/1200.txt", "").replace(
        "https://www.stsci.edu/", "")  # no network: the only URLs are the links asked for and the documents' own


def test_every_chart_is_an_svg_image_with_a_title_and_a_description(tmp_path):
    _, page = write_report(tmp_path)
    tree = parse_strictly(page.read_text(encoding="utf-8"))
    charts = list(tree.iter("{http://www.w3.org/2000/svg}svg"))
    assert [c.get("id") for c in charts] == [
        "chart-checks", "chart-severities", "chart-programs", "chart-instruments", "chart-templates", "chart-types", "chart-cycles",
    ]
    for chart in charts:
        assert chart.get("role") == "img"
        title = chart.find("{http://www.w3.org/2000/svg}title")
        desc = chart.find("{http://www.w3.org/2000/svg}desc")
        assert chart.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    severities = charts[1].find("{http://www.w3.org/2000/svg}desc").text
    assert severities == "error: 2; warning: 0; info: 0"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=40))
def test_text_from_a_document_is_never_markup(title):
    from proglint.portfolio import page
    from proglint.portfolio.collect import Portfolio, Program

    program = Program("a.txt", "p1", title, title, title, title, 1, 0)
    portfolio = Portfolio(1, 1, 0, 0, 0, 0, 1, [program], [], {key: [(title, 1)] for key in (
        "checks", "severities", "programs", "instruments", "templates", "types", "cycles")})
    tree = parse_strictly(page.render(portfolio, title=title))
    assert "".join(tree.find("head/title").itertext()) == title
    cells = ["".join(td.itertext()) for td in tree.find(".//table[@id='programs-table']/tbody/tr")]
    assert cells[:4] == [title] * 4
    assert not [e for e in tree.iter() if e.tag in ("img", "iframe", "object")]
    assert len(list(tree.iter("script"))) == 1


def test_the_report_exits_1_on_errors_only_when_asked(tmp_path):
    result, _ = write_report(tmp_path, "--exit-nonzero-on-findings")
    assert result.returncode == 1, result.stderr


def test_the_page_never_replaces_a_file_that_is_not_an_html_page(tmp_path):
    portfolio_folder(tmp_path)
    notes = tmp_path / "notes.md"
    notes.write_text("# my notes\n", encoding="utf-8")
    result = run("report", "programs", "-o", "notes.md", "--isolated", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "proglint: error: -o notes.md: the file exists and is not an HTML page; remove it or choose another name\n"
    assert notes.read_text(encoding="utf-8") == "# my notes\n"
    old = tmp_path / "old.html"
    old.write_text("<!DOCTYPE html><title>old</title>", encoding="utf-8")
    assert run("report", "programs", "-o", "old.html", "--isolated", cwd=tmp_path).returncode == 0
    assert "proglint portfolio report" in old.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("missing/r.html", "-o missing/r.html: the folder 'missing' does not exist"),
        ("programs", "-o programs: it is a folder; name the page to write (e.g. programs/report.html)"),
    ],
)
def test_a_page_that_cannot_be_written_is_refused_before_linting(tmp_path, output, message):
    portfolio_folder(tmp_path)
    result = run("report", "programs", "-o", output, "--isolated", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"proglint: error: {message}\n")


def test_standard_input_is_refused(tmp_path):
    result = run("report", "-", "-o", "r.html", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "proglint: error: 'proglint report' reads files and folders, not standard input ('-')\n")


def test_without_the_extra_the_command_says_how_to_get_it(tmp_path):
    """Jinja2 made unimportable (a module named jinja2 that raises on
    import, first on the path), as on an install without proglint[report]."""
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "jinja2.py").write_text("raise ModuleNotFoundError(\"No module named 'jinja2'\", name='jinja2')\n", encoding="utf-8")
    portfolio_folder(tmp_path)
    result = run("report", "programs", "-o", "r.html", cwd=tmp_path, env={"PYTHONPATH": str(blocker)})
    assert result.returncode == 2
    assert result.stderr == (
        "proglint: error: 'proglint report' needs Jinja2, which the optional extra brings: pip install 'proglint[report]'\n"
    )
    assert not (tmp_path / "r.html").exists()


def test_a_check_run_imports_neither_jinja2_nor_the_portfolio(tmp_path):
    portfolio_folder(tmp_path)
    probe = "import json, sys; from proglint.cli import main; main(sys.argv[1:]); print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe, "programs", "--format", "json", "--no-cache"], capture_output=True, text=True,
        cwd=tmp_path, timeout=120,
    )
    modules = json.loads(result.stdout.rstrip("\n").rsplit("\n", 1)[-1])
    assert [m for m in modules if m.split(".")[0] in ("jinja2", "markupsafe") or m.startswith("proglint.portfolio")] == []
    assert "proglint.cli" in modules


def test_the_template_and_stylesheet_ship_inside_the_package():
    folder = ROOT / "src" / "proglint" / "portfolio" / "templates"
    assert sorted(p.name for p in folder.iterdir()) == ["report.css", "report.html.j2", "report.js"]


def test_a_checks_documentation_becomes_paragraphs_lists_and_examples_with_its_text_escaped():
    from proglint.portfolio.docs import to_html

    text = (
        "**What it does.** Reports a <b> in `a|b`\nacross two lines.\n\n"
        "- one `x`\n- two\n\nFails:\n\n```\n| <x> | **not bold** |\n```\n\n**Fix.** None."
    )
    assert to_html(text) == (
        "<p><strong>What it does.</strong> Reports a &lt;b&gt; in <code>a|b</code> across two lines.</p>"
        "<ul><li>one <code>x</code></li><li>two</li></ul>"
        "<p>Fails:</p>"
        "<pre><code>| &lt;x&gt; | **not bold** |</code></pre>"
        "<p><strong>Fix.</strong> None.</p>"
    )


def test_the_checks_section_holds_the_documentation_of_each_code_with_a_finding(tmp_path):
    _, page = write_report(tmp_path)
    tree = parse_strictly(page.read_text(encoding="utf-8"))
    articles = tree.findall(".//section[@id='checks']/article")
    assert [a.get("id") for a in articles] == ["check-PL220", "check-PL501"]
    assert articles[0].find("h3").text == "PL220 observation-number-duplicate"
    assert articles[0].find("div/p/strong").text == "What it does."


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=80),
    st.integers(1, 90), st.integers(0, 10),
)
def test_any_source_line_and_front_matter_text_give_a_conforming_page(line, start, width):
    """NULs, escape sequences, bidi overrides, noncharacters: whatever a
    document holds, the page parses strictly and shows it as code points."""
    from proglint.diagnostic import Diagnostic, Severity
    from proglint.excerpt import Excerpt
    from proglint.pipeline import visible
    from proglint.portfolio import page
    from proglint.report import Report
    from proglint.span import Span

    finding = Diagnostic("PL011", "table-row-cells", Severity.ERROR, "m", Span(1, start, 1, start + width), "a.txt")
    report = Report([finding], {"a.txt": Excerpt("a.txt", 1, {1: line})}, files=1, ran={"a.txt": ()})
    figures = {"a.txt": DocumentFigures("a.txt", line, line, line, line, 1, 0, ((line, 1),), (("MIRI", 1),))}
    tree = parse_strictly(page.render(collect(report, figures)))
    begin = min(start - 1, len(line))
    assert "".join(tree.find(".//mark").itertext()) == visible(line[begin: begin + width])
    cells = ["".join(cell.itertext()) for cell in tree.find(".//table[@id='programs-table']/tbody/tr")][:4]
    assert cells == [visible(line) or "a.txt", visible(line), visible(line), visible(line)]
