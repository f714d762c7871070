"""The pure helpers of benchmarks/run.py (no timing is asserted anywhere)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, SEED_PATHS
from proglint.parse.frontmatter import locate
from proglint.source import Source

sys.path.insert(0, str(ROOT))
from benchmarks import run as bench_run  # noqa: E402
from benchmarks.frontmatter import (  # noqa: E402
    PROGRAM_SCHEMA, extract_front_matter, front_matter_schema, write_front_matter_schema, write_front_matters,
)
from benchmarks.generate import generate_document  # noqa: E402
from benchmarks.measure import run_once  # noqa: E402
from benchmarks.report import (  # noqa: E402
    UNSUPPORTED, Row, help_options, markdown_table, outcome, parse_lsp_latency, per_second, ratio, rows_table,
    times, verdict,
)


def proglint_block(text: str) -> str:
    """The YAML lines proglint's own parser takes as the front matter."""
    source = Source.from_text("doc.txt", text)
    block, _ = locate(source)
    return "".join(source.lines.line_text(n) + "\n" for n in range(block.first_line, block.last_line + 1))


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
def test_front_matter_is_the_block_proglint_parses(path):
    text = path.read_text(encoding="utf-8")
    assert extract_front_matter(text) == proglint_block(text)


def test_front_matter_of_generated_documents():
    for seed in range(5):
        text = generate_document(random.Random(seed), 12)
        extracted = extract_front_matter(text)
        assert extracted == proglint_block(text)
        assert extracted.startswith("id: ")
        assert "---" not in extracted


@pytest.mark.parametrize("text", ["", "# 1 - T\n", "id: 1\n---\n", "---\nid: 1\n# 1 - T\n"])
def test_no_front_matter(text):
    assert extract_front_matter(text) is None


def test_front_matter_with_crlf_and_dots():
    assert extract_front_matter("---\r\nid: 1\r\n...\r\n# 1 - T") == "id: 1\n"
    assert extract_front_matter("---\n---\n# 1 - T") == ""


def test_front_matter_schema_is_the_documents_sub_schema():
    program = json.loads(PROGRAM_SCHEMA.read_text(encoding="utf-8"))
    schema = front_matter_schema(program)
    assert schema["$schema"] == program["$schema"]
    assert schema["required"] == program["properties"]["front_matter"]["required"]
    assert schema["$defs"] == program["$defs"]
    assert schema["$id"] != program["$id"]
    jsonschema.Draft202012Validator.check_schema(schema)
    program["properties"]["front_matter"]["required"].append("changed")
    assert "changed" not in schema["required"]  # a copy, not a view


def test_front_matter_schema_accepts_the_seeds_and_rejects_a_missing_key(tmp_path):
    schema = json.loads(write_front_matter_schema(tmp_path / "fm.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in SEED_PATHS:
        value = yaml.safe_load(extract_front_matter(path.read_text(encoding="utf-8")))
        assert list(validator.iter_errors(value)) == [], path.name
    value.pop("cycle")
    assert list(validator.iter_errors(value))


def test_write_front_matters(tmp_path):
    good = tmp_path / "docs" / "1141.txt"
    good.parent.mkdir()
    good.write_text("---\nid: 1141\n---\n# 1141 - T", encoding="utf-8")
    bad = tmp_path / "docs" / "2.txt"
    bad.write_text("# 2 - T", encoding="utf-8")
    written, skipped = write_front_matters([good, bad], tmp_path / "out")
    assert [p.name for p in written] == ["1141.yaml"]
    assert skipped == 1
    assert written[0].read_text(encoding="utf-8") == "id: 1141\n"


def test_targets_and_ratios():
    assert verdict(2600, 2500, at_least=True) == "yes"
    assert verdict(2500, 2500, at_least=True) == "yes"
    assert verdict(2400, 2500, at_least=True) == "no"
    assert verdict(0.05, 0.06, at_least=False) == "yes"
    assert verdict(0.07, 0.06, at_least=False) == "no"
    assert verdict(None, 1, at_least=True) == "n/a"
    assert ratio(3.0, 2.0) == 1.5
    assert ratio(None, 2.0) is None and ratio(1.0, 0) is None
    assert times(1.5) == "1.50×"
    assert times(None) == "n/a"
    assert per_second(2512.4) == "2,512 docs/s"
    assert per_second(None) == "n/a"


def test_markdown_table():
    text = rows_table([Row("a | b", "1 ms", "≤ 2 ms", "yes", "detail")])
    lines = text.splitlines()
    assert lines[0].startswith("| figure")
    assert set(lines[1].replace("|", "").replace(" ", "")) == {"-"}
    assert "a \\| b" in lines[2]
    assert len({len(line) for line in lines}) == 1  # columns line up
    assert markdown_table(["x"], []).count("\n") == 1


def test_help_options():
    text = "usage: proglint [-h] [--jobs N] [--no-cache]\n  --cache-dir DIR  where\n  -q, --quiet  quiet"
    assert help_options(text) >= {"--jobs", "--no-cache", "--cache-dir", "--quiet"}
    assert "--jobs" not in help_options("usage: proglint [--format F]")


LSP_OUTPUT = """proglint lsp: didChange -> publishDiagnostics, median of 9 changes (full-text sync, stdio)

default debounce (200 ms, included):
  1,000-row generated document (1,012 lines, 140 KiB, 56 findings): median 418 ms (min 288, max 516); didOpen -> first diagnostics 383 ms
  seed 000_223d96fec14c6a4f.txt (20 lines, 3 KiB, 0 findings): median 230 ms (min 210, max 250); didOpen -> first diagnostics 40 ms

debounce 0 (the work alone):
  1,000-row generated document (1,012 lines, 140 KiB, 56 findings): median 250 ms (min 162, max 327); didOpen -> first diagnostics 614 ms
  seed 000_223d96fec14c6a4f.txt (20 lines, 3 KiB, 0 findings): median 12 ms (min 10, max 15); didOpen -> first diagnostics 30 ms
"""


def test_parse_lsp_latency():
    found = parse_lsp_latency(LSP_OUTPUT, 1000)
    assert set(found) == {"debounce", "work"}
    assert (found["debounce"].median_ms, found["debounce"].min_ms, found["debounce"].max_ms) == (418, 288, 516)
    assert found["debounce"].open_ms == 383
    assert (found["work"].median_ms, found["work"].open_ms) == (250, 614)


LSP_OUTPUT_BY_DOCUMENT = """proglint lsp: didChange -> publishDiagnostics, median of 5 changes (full-text sync, stdio)

1,000-row generated document (1,032 lines, 141 KiB):
  keystroke at the end      work per edit (debounce 0)                 median   11.3 ms (min 10.0, max 29.5); 102 findings; didOpen -> first diagnostics 441 ms
  keystroke at the end      keystroke -> publish (adaptive debounce)   median   59.3 ms (min 30.6, max 225.5); 102 findings; didOpen -> first diagnostics 431 ms
  keystroke in a table row  work per edit (debounce 0)                 median   56.8 ms (min 40.9, max 59.5); 102 findings; didOpen -> first diagnostics 219 ms
  keystroke in a table row  keystroke -> publish (adaptive debounce)   median  114.8 ms (min 97.7, max 240.9); 102 findings; didOpen -> first diagnostics 249 ms

seed 000_223d96fec14c6a4f.txt (57 lines, 5 KiB):
  keystroke at the end      work per edit (debounce 0)                 median    2.8 ms (min 2.6, max 5.5); 0 findings; didOpen -> first diagnostics 137 ms
  keystroke in a table row  work per edit (debounce 0)                 median   12.0 ms (min 6.0, max 14.5); 0 findings; didOpen -> first diagnostics 264 ms
"""


def test_parse_lsp_latency_by_document():
    found = parse_lsp_latency(LSP_OUTPUT_BY_DOCUMENT, 1000)
    assert set(found) == {"work", "debounce", "work-end", "debounce-end"}
    # the table-row lines of the generated document, not the seed's
    assert (found["work"].median_ms, found["work"].min_ms, found["work"].max_ms) == (56.8, 40.9, 59.5)
    assert (found["debounce"].median_ms, found["debounce"].open_ms) == (114.8, 249)
    assert (found["work-end"].median_ms, found["debounce-end"].median_ms) == (11.3, 59.3)
    assert found["work"].setting == "work" and found["debounce-end"].setting == "debounce"
    assert parse_lsp_latency(LSP_OUTPUT_BY_DOCUMENT, 10_000) == {}


def test_parse_lsp_latency_tolerates_other_shapes():
    assert parse_lsp_latency("", 1000) == {}
    assert parse_lsp_latency("Traceback (most recent call last):\n  boom\n", 1000) == {}
    lone = parse_lsp_latency("results:\n  something new: median 12.5 ms\n", 10000)
    assert lone["debounce"].median_ms == 12.5 and lone["debounce"].min_ms is None


def test_outcome():
    assert outcome(0, "", "") == "exit 0, 0 finding(s)"
    assert outcome(1, "a.txt:1:1: PL001 x\n\nb.txt:2:1: PL002 y\n", "") == "exit 1, 2 finding(s)"
    assert outcome(2, "", "warning\nerror: bad flag\n").endswith("stderr: error: bad flag")


def test_run_once_reports_the_exit_and_output():
    run = run_once([sys.executable, "-c", "import sys; print('out'); sys.exit(3)"])
    assert (run.returncode, run.stdout.strip()) == (3, "out")
    assert run.peak_rss is None or run.peak_rss > 0


def bench(tmp_path, options):
    return bench_run.Bench(
        proglint=Path("proglint"), options=set(options), work=tmp_path, cwd=tmp_path, seed=1,
        sizes=bench_run.Sizes.quick(), repeat=1, budget=1.0, jobs=2, anchors_home=tmp_path / "venv",
    )


def test_lint_command_on_a_proglint_without_the_new_flags(tmp_path):
    b = bench(tmp_path, {"--format", "--quiet"})
    command, note = bench_run.lint_command(b, [Path("corpus")], jobs=1)
    assert command == ["proglint", "corpus", "--format", "concise", "--quiet"]
    assert "one process" in note and "no cache flags" in note
    assert bench_run.lint_command(b, [Path("corpus")], jobs=2) == (None, "")
    assert bench_run.lint_command(b, [Path("corpus")], jobs=1, warm=True, cache_dir=tmp_path) == (None, "")


def test_lint_command_with_the_new_flags(tmp_path):
    b = bench(tmp_path, {"--format", "--jobs", "--no-cache", "--cache-dir"})
    command, note = bench_run.lint_command(b, [Path("corpus")], jobs=2, cache_dir=tmp_path / "c")
    assert command[-3:] == ["--jobs", "2", "--no-cache"] and note == ""
    command, _ = bench_run.lint_command(b, [Path("corpus")], jobs=1, warm=True, cache_dir=tmp_path / "c")
    assert command[-4:] == ["--jobs", "1", "--cache-dir", str(tmp_path / "c")]
    only_dir = bench(tmp_path, {"--cache-dir"})
    command, note = bench_run.lint_command(only_dir, [Path("doc.txt")], jobs=None, cache_dir=tmp_path / "c")
    assert command[-2:] == ["--cache-dir", str(tmp_path / "c")] and "fresh" in note


def test_unsupported_wording():
    assert UNSUPPORTED == "n/a (not supported by this proglint)"


def test_hostile_table_picks_the_finding_of_the_class(tmp_path):
    from benchmarks import hostile

    case = next(c for c in hostile.CASES if c.name == "pipes-line")
    path = case.build(tmp_path)
    assert path.stat().st_size > 1_000_000 and path.read_text().count("\n" + "|" * 1_000_000 + "\n") == 1
    outcome = hostile.Outcome(0.1, 0.1, None, 1, "a.txt:1:1: error PL011 x\na.txt:20:100001: error PL015 line | long\n", "")
    assert hostile.finding(case, outcome) == "a.txt:20:100001: error PL015 line \\| long"
    assert hostile.finding(case, hostile.Outcome(0.1, 0.1, None, 2, "", "boom\nproglint: error: bad\n")) == "stderr: proglint: error: bad"


def test_hostile_cases_build_what_they_say(tmp_path):
    from benchmarks import hostile

    built = {c.name: c.build(tmp_path) for c in hostile.CASES if c.name in {"latin1-fix", "utf16-surrogate", "columns", "fifo"}}
    data = built["latin1-fix"].read_bytes()
    assert b"Caf\xe9\n" in data and b"| wfsc global alignment" in data
    assert built["utf16-surrogate"].read_bytes().startswith(b"\xff\xfe")
    assert built["columns"].read_text().count(" x |") == 1_000
    assert built["fifo"].is_fifo()


def test_start_up_rows_name_the_least_cpu_time_of_their_runs():
    from benchmarks.measure import Run, Timing

    runs = [Run(0.09, None, 0, "", "", cpu) for cpu in (0.0712, 0.0651, None, 0.0804)]
    assert bench_run.cpu_detail(Timing(runs)) == "; best CPU (user+sys) 65.1 ms"
    assert bench_run.cpu_detail(Timing([Run(0.09, None, 0, "", "")])) == ""


def test_a_child_s_cpu_time_is_measured():
    run = run_once([sys.executable, "-c", "sum(range(10**6))"])
    assert run.returncode == 0 and 0 < run.cpu


def _fake_proglint(tmp_path, body: str) -> str:
    """A stand-in ``proglint`` for the hostile table's bookkeeping (the real
    one's timings are the script's business, not a test's)."""
    script = tmp_path / "fake-proglint"
    script.write_text(f"#!{sys.executable}\nimport sys, pathlib\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_hostile_table_runs_each_input_repeat_times_and_reports_the_last_run(tmp_path, capsys):
    from benchmarks import hostile

    runs = tmp_path / "runs"
    fake = _fake_proglint(tmp_path, (
        f"log = pathlib.Path({str(runs)!r}); log.write_text(log.read_text() + sys.argv[-1] + '\\n' if log.exists() else sys.argv[-1] + '\\n')\n"
        "print(sys.argv[-1] + ':4:6: error PL002 bad'); sys.exit(1)"
    ))
    assert hostile.main(["--only", "bidi", "--repeat", "3", "--proglint", fake]) == 0
    out = capsys.readouterr().out
    assert len(runs.read_text().splitlines()) == 3 and len(set(runs.read_text().splitlines())) == 3  # a fresh file each run
    row = next(line for line in out.splitlines() if line.startswith("| bidi"))
    assert row.endswith("| 1 | 1 | bidi.txt:4:6: error PL002 bad |"), row
    assert "3 run(s) each" in out


def test_hostile_table_flags_runs_that_end_differently(tmp_path, capsys):
    from benchmarks import hostile

    count = tmp_path / "count"
    fake = _fake_proglint(tmp_path, (
        f"c = pathlib.Path({str(count)!r}); n = int(c.read_text()) if c.exists() else 0; c.write_text(str(n + 1))\n"
        "sys.exit(n)"
    ))
    hostile.main(["--only", "bidi", "--repeat", "2", "--proglint", fake])
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("| bidi"))
    assert "| 1 (runs differ: 0, 1) |" in row, row


def test_last_rows_keeps_the_tail_of_the_table_and_names_its_folder():
    from benchmarks.generate import last_rows
    from proglint.parse import parse

    text = generate_document(random.Random("tail"), 40)
    whole = parse(Source.from_text("whole.txt", text)).table.rows
    tail = parse(Source.from_text("tail.txt", last_rows(text, 7))).table.rows
    assert [row.number.value for row in tail] == [row.number.value for row in whole[-7:]]
    assert [row.label.value for row in tail] == [row.label.value for row in whole[-7:]]
    assert [row.folder.value for row in tail] == [row.folder.value for row in whole[-7:]]
    assert not tail[0].continues_folder
    assert last_rows(text, 40).split("\n")[-5:] == text.split("\n")[-5:]
    with pytest.raises(ValueError):
        last_rows(text, 41)


def test_first_lint_prints_the_cost_of_one_lint(tmp_path):
    path = tmp_path / "doc.txt"
    lines = generate_document(random.Random("first"), 12).split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("| :")) + 1
    path.write_text("\n".join(lines[: row + 1] + lines[row:]), encoding="utf-8")  # a row twice: one number used twice
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "first_lint.py"), str(path), "--warm-rows", "5"],
        capture_output=True, text=True, check=True,
    )
    figures = json.loads(done.stdout)
    assert set(figures) == {"cpu", "wall", "findings"}
    assert figures["findings"] >= 1 and figures["cpu"] >= 0 and figures["wall"] > 0


def test_the_floor_script_reads_cells_and_their_spans_as_the_parser_does(tmp_path):
    from benchmarks import floor
    from proglint.parse import parse

    path = tmp_path / "doc.txt"
    text = generate_document(random.Random("floor"), 9)
    path.write_text(text, encoding="utf-8")
    [rows] = floor.cells_with_spans([path])
    table = parse(Source.from_text(str(path), text)).table
    parsed = [table.header] + [row.cells for row in table.rows]
    assert len(rows) == len(parsed) + 1  # and the delimiter row
    del rows[1]
    for mine, cells in zip(rows, parsed):
        assert [(value, span, region) for value, span, region in mine] == [
            (cell.value, tuple(cell.span), tuple(cell.region)) for cell in cells
        ]
    assert floor.cells_only([path]) == 5 * len(rows) + 5
    assert floor.trivial_rules([rows]) == 0
