"""Start-up: what a run imports, and the per-user cache that spares it the
slow parts (generated schema validators, parsed vocabulary, the entry-point
list).  Speed itself is measured by the benchmarks, not asserted here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap

import jsonschema
import pytest
import yaml

import proglint

from conftest import ROOT, seed_text

HEAVY = ("jsonschema", "referencing", "rpds", "fastjsonschema", "importlib.metadata", "difflib", "pygls", "decimal")

PROBE = textwrap.dedent("""
    import json, sys
    from proglint.cli import main
    code = main(sys.argv[1:])
    sys.stdout.flush()
    print(json.dumps({"exit": code, "modules": sorted(sys.modules)}))
""")


def run(tmp_path, *args, pythonpath=None):
    """Run the CLI in ``tmp_path/work`` (sys.path[0], whose changes a
    cache keyed on sys.path must see) with its user cache beside it.  Each
    run gets an empty results cache (``PROGLINT_CACHE_DIR``), so it lints
    rather than replaying an earlier run's findings."""
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PROGLINT_CACHE_DIR": tempfile.mkdtemp(prefix="results-", dir=tmp_path),
    }
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=work(tmp_path), env=env, timeout=120
    )
    *output, last = result.stdout.rstrip("\n").split("\n")
    probe = json.loads(last)
    return probe["exit"], "\n".join(output), set(probe["modules"]), result.stderr


def work(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir(exist_ok=True)
    return folder


def heavy(modules):
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_a_valid_document_imports_no_validator_library(tmp_path):
    (work(tmp_path) / "1141.txt").write_text(seed_text("1141.txt"), encoding="utf-8")
    code, out, cold, err = run(tmp_path, "1141.txt")
    assert code == 0 and "no problems found" in out, out + err
    assert not [m for m in heavy(cold) if m.split(".")[0] in ("jsonschema", "referencing")]  # cold cache: builds, never jsonschema
    code, out, warm, err = run(tmp_path, "1141.txt")
    assert code == 0 and "no problems found" in out, out + err
    assert heavy(warm) == [], "a warm run imports " + ", ".join(heavy(warm))


# What one file checked as the pre-commit hook runs it never needs once the
# user cache is warm: the scan of installed distributions (importlib.metadata
# and the email, socket, zipfile, csv it pulls in), argparse (and shutil,
# gettext, locale), hashlib's OpenSSL, the fixing and diffing machinery, the
# process pool, dataclasses and inspect (proglint.record replaces them), PyYAML
# (simple front matter is read without it: proglint.parse.frontmatter).
NOT_ON_THE_HOOK_PATH = (
    "importlib.metadata", "email", "socket", "zipfile", "csv", "tempfile", "argparse", "shutil", "gettext",
    "locale", "hashlib", "_hashlib", "difflib", "multiprocessing", "subprocess", "threading", "pickle", "random",
    "decimal", "jsonschema", "tomllib", "proglint.atomic", "dataclasses", "inspect", "yaml",
)


def test_a_hook_run_imports_only_what_it_needs(tmp_path):
    (work(tmp_path) / "1141.txt").write_text(seed_text("1141.txt"), encoding="utf-8")
    hook = ("--skip-non-documents", "--force-exclude", "1141.txt")  # .pre-commit-hooks.yaml's arguments
    run(tmp_path, *hook)  # the user cache is filled (entry points, schema validators)
    code, out, modules, err = run(tmp_path, *hook)
    assert code == 0 and "no problems found" in out, out + err
    assert sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in NOT_ON_THE_HOOK_PATH)) == []


@pytest.mark.parametrize("module, loaded", [
    ("proglint.launch", ["proglint", "proglint.launch"]),  # the console script and python -m proglint
    ("proglint.cli", ["__future__", "proglint", "proglint.check_args", "proglint.cli", "proglint.errors"]),
])
def test_version_imports_nothing_but_the_command_line(module, loaded):
    probe = (
        f"import sys; before = set(sys.modules); from {module} import main; main(['--version']); "
        "print(sorted(set(sys.modules) - before))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    version, modules = result.stdout.splitlines()
    assert version == "proglint " + proglint.__version__
    assert eval(modules) == loaded


def test_a_document_with_schema_findings_does_use_jsonschema(tmp_path):
    (work(tmp_path) / "1141.txt").write_text(seed_text("1141.txt").replace("id: 1141", "id: abc"), encoding="utf-8")
    run(tmp_path, "1141.txt")  # warm the user cache first
    code, out, modules, err = run(tmp_path, "1141.txt", "--format", "concise")
    assert code == 1 and "PL1" in out, out + err
    assert "jsonschema" in modules


def test_a_corrupt_cache_gives_the_same_report(tmp_path):
    (work(tmp_path) / "1141.txt").write_text(seed_text("1141.txt").replace("id: 1141", "id: abc"), encoding="utf-8")
    first = run(tmp_path, "1141.txt", "--format", "json")
    entries = list((tmp_path / "cache" / "proglint").iterdir())
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x80not marshal data")
    assert run(tmp_path, "1141.txt", "--format", "json")[:2] == first[:2]


def test_an_unusable_cache_folder_gives_the_same_report(tmp_path):
    (work(tmp_path) / "1141.txt").write_text(seed_text("1141.txt"), encoding="utf-8")
    (tmp_path / "cache").write_text("a file where the cache folder would be")
    code, out, _, err = run(tmp_path, "1141.txt")
    assert code == 0 and "no problems found" in out and "Traceback" not in err


# -- entry points -------------------------------------------------------------

PLUGIN = textwrap.dedent('''
    from proglint.api import Finding, rule

    @rule("DM001", "heading-id-odd", "warning", "The program id is odd.")
    def heading_id_odd(document, context):
        """Demo rule."""
        return ()
''')


def install_plugin(site):
    """What pip leaves in site-packages: the package and its dist-info."""
    (site / "proglint_demo_rules").mkdir()
    (site / "proglint_demo_rules" / "__init__.py").write_text(PLUGIN)
    info = site / "proglint_demo_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: proglint-demo-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[proglint.rules]\ndemo = proglint_demo_rules\n")


def codes(output):
    return {entry["code"]: entry for entry in json.loads(output)}


def test_a_newly_installed_plugin_is_picked_up_and_then_remembered(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    code, out, modules, err = run(tmp_path, "rules", "--format", "json", pythonpath=site)
    assert code == 0, err
    assert "DM001" not in codes(out) and "importlib.metadata" in modules  # first run: scanned
    code, out, modules, err = run(tmp_path, "rules", "--format", "json", pythonpath=site)
    assert "importlib.metadata" not in modules  # nothing changed: remembered

    install_plugin(site)
    code, out, modules, err = run(tmp_path, "rules", "--format", "json", pythonpath=site)
    assert code == 0, err
    assert codes(out)["DM001"]["source"] == "proglint-demo-rules (entry point demo)"
    assert "importlib.metadata" in modules  # the folder changed: scanned again
    code, out, modules, err = run(tmp_path, "rules", "--format", "json", pythonpath=site)
    assert "DM001" in codes(out) and "importlib.metadata" not in modules  # loaded from the memo


def test_an_uninstalled_plugin_is_forgotten(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site)
    assert "DM001" in codes(run(tmp_path, "rules", "--format", "json", pythonpath=site)[1])
    for path in sorted(site.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    code, out, _, err = run(tmp_path, "rules", "--format", "json", pythonpath=site)
    assert code == 0 and "DM001" not in codes(out), err


# -- shipped data, checked here instead of on every run ---------------------------


def test_the_builtin_vocabulary_is_valid():
    schema = json.loads((ROOT / "schemas" / "vocabulary.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((ROOT / "rules" / "vocabulary.yaml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


def test_the_program_schema_annotations_are_registered_codes():
    from proglint.schema import validate

    path = ROOT / "schemas" / "program.schema.json"
    validate._check_annotations(path, json.loads(path.read_text(encoding="utf-8")))  # raises if not


def test_a_team_schema_is_judged_once_per_content(tmp_path):
    folder = work(tmp_path)
    (folder / "1141.txt").write_text(seed_text("1141.txt"), encoding="utf-8")
    team = folder / "team.schema.json"
    team.write_text(json.dumps({"properties": {"front_matter": {"required": ["id"]}}}), encoding="utf-8")
    (folder / "proglint.toml").write_text('schemas = ["team.schema.json"]\n', encoding="utf-8")
    code, out, modules, err = run(tmp_path, "1141.txt")
    assert code == 0 and "jsonschema" in modules, out + err  # first run: checked with jsonschema
    code, out, modules, err = run(tmp_path, "1141.txt")
    assert code == 0 and heavy(modules) == [], heavy(modules)  # remembered

    team.write_text(json.dumps({"properties": {"front_matter": {"required": 5}}}), encoding="utf-8")
    for _ in range(2):  # a broken schema is never remembered as good
        code, out, modules, err = run(tmp_path, "1141.txt")
        assert code == 2 and "not a valid JSON Schema" in err, out + err


def test_a_team_vocabulary_is_judged_once_per_content(tmp_path):
    folder = work(tmp_path)
    (folder / "1141.txt").write_text(seed_text("1141.txt"), encoding="utf-8")
    vocabulary = folder / "team-vocab.yaml"
    vocabulary.write_text("templates:\n  - name: My Template\n    instrument: MIRI\n    kind: science\n", encoding="utf-8")
    (folder / "proglint.toml").write_text('vocabulary = ["team-vocab.yaml"]\n', encoding="utf-8")
    code, out, modules, err = run(tmp_path, "1141.txt")
    assert code == 0 and "jsonschema" in modules, out + err
    code, out, modules, err = run(tmp_path, "1141.txt")
    assert code == 0 and heavy(modules) == [], heavy(modules)

    vocabulary.write_text("templates:\n  - name: My Template\n    instrument: MIRI\n    kind: sciense\n", encoding="utf-8")
    for _ in range(2):  # the verdict on a bad file is remembered too, and still names its line
        code, out, modules, err = run(tmp_path, "1141.txt")
        assert code == 2 and "team-vocab.yaml:4:" in err and "sciense" in err, out + err
