"""The portfolio page in a real browser (issue 15): Debian's headless
Chromium, driven over the DevTools protocol (benchmarks/browser.py), opens
the report of the repository's seeds plus a generated corpus with faults;
the page raises no console error, shows the numbers the JSON report gives,
sorts and filters its table, follows the dark scheme, and is screenshot."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, SEED_PATHS

sys.path.insert(0, str(ROOT))
from benchmarks.browser import Browser  # noqa: E402 - needs Debian's chromium (.ci/run installs it); no skip without
from benchmarks.faults import add_faults  # noqa: E402
from benchmarks.generate import generate_corpus  # noqa: E402


def proglint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "proglint", *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    """The report and the JSON report of one portfolio: the seeds and 40
    generated documents, half of them with faults."""
    folder = tmp_path_factory.mktemp("portfolio")
    (folder / "seeds").mkdir()
    for path in SEED_PATHS:
        shutil.copy(path, folder / "seeds" / path.name)
    generate_corpus(folder / "generated", 40, seed=7, max_rows=30)
    assert len(add_faults(folder / "generated", 0.5, seed=7)) == 20
    page = proglint("report", "seeds", "generated", "-o", "report.html", "--isolated", "--jobs", "1", cwd=folder)
    assert page.returncode == 0, page.stderr
    check = proglint("check", "seeds", "generated", "--format", "json", "--isolated", "--no-cache", "--jobs", "1", cwd=folder)
    assert check.returncode == 1, check.stderr  # the faults give errors
    return folder / "report.html", json.loads(check.stdout)


@pytest.fixture(scope="module")
def browser():
    with Browser(width=1280, height=900) as page:
        yield page


def test_the_page_loads_without_a_console_error_and_is_screenshot(portfolio, browser, tmp_path):
    page, _ = portfolio
    browser.open(page)
    assert browser.evaluate("document.title") == "proglint portfolio report"
    assert browser.problems == []
    png = browser.screenshot(height=1600)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 1600)


def test_the_overview_shows_the_json_reports_numbers(portfolio, browser):
    page, data = portfolio
    browser.open(page)
    shown = dict(browser.evaluate("[...document.querySelectorAll('#overview dd')].map(e => [e.dataset.key, e.textContent])"))
    summary = data["summary"]
    assert summary["errors"] > 0
    assert {k: int(shown[k]) for k in ("documents", "errors", "warnings", "infos")} == {
        "documents": summary["files"], "errors": summary["errors"], "warnings": summary["warnings"], "infos": summary["infos"],
    }
    clean = summary["files"] - len({d["path"] for d in data["diagnostics"]})
    assert int(shown["clean"]) == clean
    assert shown["clean-share"] == f"{100 * clean // summary['files']}%"


def table(browser) -> list[dict]:
    return browser.evaluate("""[...document.querySelectorAll('#programs-table tbody tr')].filter(r => !r.hidden).map(r => ({
        path: r.dataset.path, id: r.cells[0].textContent,
        errors: Number(r.cells[6].textContent), warnings: Number(r.cells[7].textContent), infos: Number(r.cells[8].textContent)}))""")


def test_every_programs_row_shows_its_findings_as_the_json_report_counts_them(portfolio, browser):
    page, data = portfolio
    browser.open(page)
    rows = table(browser)
    expected = {sev: Counter(d["path"] for d in data["diagnostics"] if d["severity"] == sev) for sev in ("error", "warning", "info")}
    assert len(rows) == data["summary"]["files"] == 45
    for row in rows:
        assert (row["errors"], row["warnings"], row["infos"]) == tuple(expected[s][row["path"]] for s in ("error", "warning", "info")), row
    # every finding of the JSON report is on the page, at its place, under its program
    listed = browser.evaluate("""[...document.querySelectorAll('#findings li.finding')].map(li => [
        document.querySelector('#programs-table tr th a[href="#' + li.closest('section').id + '"]').closest('tr').dataset.path,
        li.querySelector('a').textContent, li.querySelector('p').textContent.split(' ')[2]])""")
    assert sorted(map(tuple, listed)) == sorted((d["path"], d["code"], f"{d['line']}:{d['column']}") for d in data["diagnostics"])


def test_clicking_a_heading_sorts_and_typing_filters(portfolio, browser):
    page, _ = portfolio
    browser.open(page)
    before = table(browser)
    browser.evaluate("document.querySelectorAll('#programs-table thead th button')[6].click()")  # Errors: ascending
    browser.evaluate("document.querySelectorAll('#programs-table thead th button')[6].click()")  # then descending
    errors = [row["errors"] for row in table(browser)]
    assert errors == sorted((row["errors"] for row in before), reverse=True) and errors[0] > errors[-1]
    assert browser.evaluate("document.querySelectorAll('#programs-table thead th')[6].getAttribute('aria-sort')") == "descending"
    browser.evaluate("document.querySelectorAll('#programs-table thead th button')[0].click()")  # Id: ascending
    ids = [row["id"] for row in table(browser)]
    assert ids == sorted(ids, key=str.lower)
    wanted = before[3]["path"]
    browser.evaluate(f"""(() => {{ const box = document.getElementById('programs-filter');
        box.value = {json.dumps(wanted)}; box.dispatchEvent(new Event('input')); }})()""")
    assert [row["path"] for row in table(browser)] == [wanted]
    assert browser.evaluate("document.getElementById('programs-status').textContent") == "1 of 45 programs shown"
    assert browser.problems == []


def test_the_page_follows_the_dark_scheme(portfolio, browser):
    page, _ = portfolio
    browser.color_scheme("light")
    browser.open(page)
    light = browser.evaluate("getComputedStyle(document.body).backgroundColor")
    browser.color_scheme("dark")
    dark = browser.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (light, dark) == ("rgb(255, 255, 255)", "rgb(13, 17, 23)")
    browser.color_scheme("light")


def test_without_javascript_the_table_and_findings_are_all_there(portfolio, browser):
    page, data = portfolio
    browser.send("Emulation.setScriptExecutionDisabled", value=True)
    try:
        browser.open(page)
        # the protocol's own evaluation still runs while the page's scripts do not
        assert browser.evaluate("document.getElementById('programs-filter')") is None  # the script did not run
        assert browser.evaluate("document.querySelectorAll('#programs-table tbody tr').length") == 45
        assert browser.evaluate("document.querySelectorAll('#findings li.finding').length") == len(data["diagnostics"])
    finally:
        browser.send("Emulation.setScriptExecutionDisabled", value=False)
