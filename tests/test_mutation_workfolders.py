"""benchmarks/mutation.py gives each module its own copy of the repository:
``rules/_program.py`` and ``rules/program.py`` once shared one folder, so
running both let the second run's copy and results stand for the first."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks import mutation  # noqa: E402


def test_every_module_gets_its_own_work_folder():
    names = [mutation.workfolder(m) for m in mutation.MODULES]
    assert len(set(names)) == len(names)


def test_program_and_private_program_copies_do_not_overwrite_each_other(tmp_path):
    files = ["pyproject.toml", "rules/_program.py", "rules/program.py"]
    private = mutation.prepare("rules/_program.py", (), tmp_path, files)
    public = mutation.prepare("rules/program.py", (), tmp_path, files)
    assert private != public
    assert 'source_paths = ["rules/_program.py"]' in (private / "pyproject.toml").read_text(encoding="utf-8")
    assert 'source_paths = ["rules/program.py"]' in (public / "pyproject.toml").read_text(encoding="utf-8")


def test_a_package_init_does_not_claim_its_submodules_mutants():
    # equivalents of parse/table.py were reported stale in every run of parse/__init__.py
    table = "proglint.parse.table.x__split__mutmut_3"
    init = "proglint.parse.x__parse__mutmut_3"
    run = mutation.Result("src/proglint/parse/__init__.py", statuses={init: "survived"})
    assert mutation.stale([run], {table: "a reason", init: "a reason"}) == []
    assert mutation.of_module("rules._vocabulary.xǁVocabularyǁtemplate__mutmut_3", "rules/_vocabulary.py")
