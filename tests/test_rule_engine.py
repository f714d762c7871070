"""Rule loading through one door, settings, isolation and the rule docs."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from proglint.config import Config
from proglint.pipeline import lint
from proglint.plugins import PluginError, load_folder
from proglint.source import Source

from conftest import ROOT, SEEDS, seed_text

FIXTURES = Path(__file__).parent / "fixtures"
NO_LABELS = SEEDS / "1093.txt"  # a real document whose labels are all blank


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "proglint", *args], capture_output=True, text=True, cwd=cwd)


def test_rule_folder_named_in_config_fires(tmp_path):
    (tmp_path / "proglint.toml").write_text(f'rule-paths = ["{FIXTURES / "team_rules"}"]\n')
    doc = tmp_path / "1093.txt"
    doc.write_text(NO_LABELS.read_text())
    result = run(str(doc), "--format", "concise")
    lines = result.stdout.splitlines()
    assert result.returncode == 0  # warnings only
    assert len(lines) == 10 and all(" warning TM001 observation " in line for line in lines)
    first = NO_LABELS.read_text().splitlines()[20]
    column = first.index("|", first.index("| 1 ") + 2) + 2  # the blank label cell's region
    assert lines[0].startswith(f"{doc}:21:{column}: warning TM001 observation 1 has no label")


def test_rule_folders_are_never_imported_implicitly(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "evil.py").write_text("raise SystemExit('imported!')\n")
    doc = tmp_path / "p.txt"
    doc.write_text(seed_text())
    result = run(str(doc), cwd=tmp_path)
    assert result.returncode == 0 and "imported" not in result.stderr


def test_rule_settings_from_config_with_validation(tmp_path):
    doc = tmp_path / "p.txt"
    doc.write_text(seed_text("1141.txt"))
    config = tmp_path / "proglint.toml"
    config.write_text(f'rule-paths = ["{FIXTURES / "team_rules"}"]\n[rule.label-required]\nmin-length = 60\n')
    result = run(str(doc), "--format", "concise")
    assert "TM001 label 'Initial GA Image' is shorter than 60" in result.stdout
    config.write_text(f'rule-paths = ["{FIXTURES / "team_rules"}"]\n[rule.label-required]\nmin-length = 0\n')
    bad = run(str(doc))
    assert bad.returncode == 2
    assert f"{config.resolve()}:3: 'rule.label-required.min-length': 0 is less than the minimum of 1" in bad.stderr
    config.write_text(f'rule-paths = ["{FIXTURES / "team_rules"}"]\n[rule.label-required]\nmax = 3\n')
    unknown = run(str(doc))
    assert unknown.returncode == 2 and "rule 'label-required' has no setting 'max'; its settings: min-length" in unknown.stderr


def test_duplicate_codes_across_plugins_name_both_sources(tmp_path):
    (tmp_path / "proglint.toml").write_text(
        f'rule-paths = ["{FIXTURES / "team_rules"}", "{FIXTURES / "duplicate_rules"}"]\n'
    )
    doc = tmp_path / "p.txt"
    doc.write_text(seed_text())
    result = run(str(doc))
    assert result.returncode == 2
    assert "code TM001 is defined twice" in result.stderr
    assert "labels.py" in result.stderr and "dup.py" in result.stderr


def test_a_crashing_rule_is_isolated(tmp_path, capsys):
    config = Config(rule_paths=((FIXTURES / "crashing_rules").resolve(),))
    found = lint(Source.from_text("p.txt", seed_text()), config)
    codes = [d.code for d in found]
    assert "TM901" in codes  # the other rule still ran
    (crash,) = [d for d in found if d.code == "PL901"]
    assert "rule TM900 always-crashes" in crash.message
    assert "crash.py" in crash.message and "ZeroDivisionError: division by zero in a team rule" in crash.message
    assert "Traceback" not in capsys.readouterr().err


def test_a_crashing_rule_makes_the_cli_exit_2_and_other_files_still_run(tmp_path):
    (tmp_path / "proglint.toml").write_text(f'rule-paths = ["{FIXTURES / "crashing_rules"}"]\n')
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(seed_text())
    result = run(str(tmp_path), "--format", "concise")
    assert result.returncode == 2
    assert result.stdout.count("PL901") == 2 and result.stdout.count("TM901") == 2
    assert "Traceback" not in result.stderr
    debug = run(str(tmp_path), "--debug")
    assert "Traceback" in debug.stderr


def test_unknown_selector_is_a_usage_error():
    result = run("seeds", "--select", "PL999")
    assert result.returncode == 2 and "'PL999' is not a known code" in result.stderr


def test_rules_command_lists_effective_severity_and_source(tmp_path):
    (tmp_path / "proglint.toml").write_text(
        f'rule-paths = ["{FIXTURES / "team_rules"}"]\n[severity]\nTM001 = "error"\n'
    )
    listing = json.loads(run("rules", "--format", "json", cwd=tmp_path).stdout)
    entry = next(r for r in listing if r["code"] == "TM001")
    assert entry["default_severity"] == "warning" and entry["effective_severity"] == "error"
    assert entry["source"].endswith("labels.py")
    assert any(r["code"] == "PL011" for r in listing)


def test_explain_prints_the_rule_docs_and_settings(tmp_path):
    result = run("explain", "PL011")
    assert result.returncode == 0
    assert result.stdout.startswith("PL011 table-row-cells (error, safe or unsafe fix)")
    assert "Markdown renderers silently drop" in result.stdout


def test_docs_rules_md_is_generated_and_current():
    from proglint import ruledocs

    expected = ruledocs.render("markdown", Config())
    actual = (ROOT / "docs" / "rules.md").read_text()
    assert actual == expected, "docs/rules.md is stale: run `proglint rules --format markdown --isolated > docs/rules.md`"


def test_readme_rule_table_is_current():
    from proglint import ruledocs

    rows = list(ruledocs._rows(Config()))
    readme = (ROOT / "README.md").read_text()
    start, end = "<!-- rules:start -->\n", "<!-- rules:end -->"
    table = readme[readme.index(start) + len(start) : readme.index(end)]
    assert table == ruledocs.table(rows), "README rule table is stale: run `python -m proglint.ruledocs`"


def test_load_folder_reports_import_errors_clearly(tmp_path):
    (tmp_path / "broken.py").write_text("import no_such_module_here\n")
    with pytest.raises(PluginError, match="cannot load rule module .*broken.py: ModuleNotFoundError"):
        load_folder(tmp_path)


def test_entry_point_plugin_in_a_fresh_venv(tmp_path):
    """A tiny third-party rule package, built and installed with real
    entry-point metadata, is loaded and fires."""
    package = tmp_path / "plugin"
    (package / "proglint_demo_rules").mkdir(parents=True)
    (package / "pyproject.toml").write_text(textwrap.dedent("""
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "proglint-demo-rules"
        version = "1.0"

        [project.entry-points."proglint.rules"]
        demo = "proglint_demo_rules"
    """))
    (package / "proglint_demo_rules" / "__init__.py").write_text(textwrap.dedent('''
        from proglint.api import Finding, rule

        @rule("DM001", "heading-id-odd", "warning", "The program id is odd.")
        def heading_id_odd(document, context):
            """Demo rule."""
            h = document.heading
            if h is not None and h.id is not None and h.id.value.isdigit() and int(h.id.value) % 2:
                yield Finding(h.id.span, f"program id {h.id.value} is odd")
    '''))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = str(venv / "bin" / "pip")
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    subprocess.run([pip, "install", "-q", *map(str, wheels.glob("*.whl")), str(package)], check=True, capture_output=True)
    doc = tmp_path / "4497.txt"
    doc.write_text(seed_text())
    result = subprocess.run([str(venv / "bin" / "proglint"), str(doc), "--format", "concise"], capture_output=True, text=True)
    assert f"{doc}:12:3: warning DM001 program id 4497 is odd" in result.stdout, result.stdout + result.stderr
    listing = json.loads(
        subprocess.run([str(venv / "bin" / "proglint"), "rules", "--format", "json"], capture_output=True, text=True).stdout
    )
    (entry,) = [r for r in listing if r["code"] == "DM001"]
    assert entry["source"] == "proglint-demo-rules (entry point demo)"
