"""Every registered code has a test that triggers it and asserts where it
is reported: a test function that names the code and checks an end column
(directly, ``end_column``, or through a helper that returns line, column and
end column, such as conftest's ``findings``).

A scan, not a proof: it cannot tell that the assertion is about that code.
It does catch a new code shipped with no positional test at all, and a
test that only checks that a code appears."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from proglint.config import Config
from proglint.pipeline import registry_for

from conftest import ROOT

# helpers whose results carry (line, column, end column, ...)
POSITIONAL = re.compile(r"\bend_column\b|\bfindings\(|\bspans\(|\bplace\(|\bfound\(|\bfolder_findings\(|\bwhere\(")
CODE = re.compile(r"PL[0-9]{3}")
# Codes about a whole file (it cannot be read, it is too large, its fixes
# were not written): reported at 1:1 with no extent, and tested through the
# CLI's "path:1:1: error CODE message" lines instead.
FILE_LEVEL = {"PL014", "PL016", "PL902"}


def registered_codes() -> set[str]:
    return set(registry_for(Config()).infos)


def positional_tests() -> dict[str, set[str]]:
    """code -> the test functions that name it and assert a position."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.split("\n")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])  # parametrize cases too
                body = "\n".join(lines[first - 1 : node.end_lineno])
                if POSITIONAL.search(body):
                    for code in set(CODE.findall(body)):
                        found.setdefault(code, set()).add(f"{path.name}::{node.name}")
    return found


def test_the_scan_finds_the_helpers_it_counts_on():
    # a near miss for the scan itself: a code named only in a test that
    # checks no position is not counted
    tests = positional_tests()
    assert "test_mutants_folders.py::test_a_first_block_stops_growing_once_another_folder_starts" in tests["PL401"]
    assert not any(name.endswith("::test_hook_definition_runs_in_one_process") for names in tests.values() for name in names)


def test_every_registered_code_has_a_test_asserting_its_position():
    tests = positional_tests()
    assert sorted(code for code in registered_codes() - FILE_LEVEL if code not in tests) == []


def test_file_level_codes_are_asserted_at_line_1_column_1():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").glob("test_*.py")))
    assert sorted(code for code in FILE_LEVEL if not re.search(rf":1:1: error {code} ", sources)) == []
