"""benchmarks/mutation.py's helpers (the mutation run itself is slow and
is not a test): the module list, the equivalent-mutants file, the names
mutmut gives, and the rewrite that lets mutmut mutate decorated rules."""

from __future__ import annotations

import ast
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks import mutation  # noqa: E402


def test_every_module_and_the_test_files_it_names_exist():
    assert [m for m in mutation.MODULES if not (ROOT / m).is_file()] == []
    named = {t for tests in mutation.MODULES.values() for t in tests}
    assert sorted(t for t in named if not (ROOT / t).is_file()) == []


def test_the_modules_cover_the_folders_the_issue_names():
    modules = set(mutation.MODULES)
    for folder in ("rules", "src/proglint/parse", "src/proglint/schema", "src/proglint/cache"):
        assert {str(p.relative_to(ROOT)) for p in (ROOT / folder).glob("*.py")} <= modules, folder
    assert {"src/proglint/suppress.py", "src/proglint/fix.py", "src/proglint/runner.py"} <= modules


def test_mutmut_names_follow_the_module_path():
    assert mutation.module_prefix("rules/folders.py") == "rules.folders."
    assert mutation.module_prefix("src/proglint/parse/table.py") == "proglint.parse.table."
    assert mutation.module_prefix("src/proglint/cache/__init__.py") == "proglint.cache."


def test_each_equivalent_mutant_has_a_reason_and_a_known_module():
    found = mutation.read_equivalents()
    assert found  # the file is read
    prefixes = [mutation.module_prefix(m) for m in mutation.MODULES]
    assert [name for name in found if not any(name.startswith(p) for p in prefixes)] == []
    assert all(len(reason.split()) >= 4 for reason in found.values())


def test_an_equivalent_mutant_without_a_reason_is_refused(tmp_path):
    path = tmp_path / "equivalent.txt"
    path.write_text("# a comment\n\nrules.folders.x__lines__mutmut_1 a reason here\nrules.folders.x__lines__mutmut_2\n")
    with pytest.raises(SystemExit, match=r"equivalent.txt:4: 'rules.folders.x__lines__mutmut_2' has no reason"):
        mutation.read_equivalents(path)


SOURCE = '''\
from x import rule


@rule("PL1", "one", "warning",
      "two lines")
def first(document, context):
    """Doc."""
    return 1


def helper():
    return 2


@a
@b(1)
def second():
    return 3
'''


def test_undecorate_applies_decorators_after_the_definition_in_the_same_order():
    rewritten = mutation.undecorate(SOURCE)
    tree = ast.parse(rewritten)
    assert [n.name for n in tree.body if isinstance(n, ast.FunctionDef)] == ["first", "helper", "second"]
    assert all(not n.decorator_list for n in tree.body if isinstance(n, ast.FunctionDef))
    assert 'first = (rule("PL1", "one", "warning",\n      "two lines"))(first)' in rewritten
    assert "second = (a)((b(1))(second))" in rewritten  # @a @b(1): a(b(1)(second))
    assert rewritten.index("def second") < rewritten.index("second = ")


def test_undecorate_keeps_behaviour():
    calls = []
    namespace = {"a": lambda f: (calls.append("a"), f)[1], "b": lambda n: lambda f: (calls.append(f"b{n}"), f)[1],
                 "rule": lambda *args: lambda f: (calls.append("rule"), f)[1]}
    exec(compile(mutation.undecorate(SOURCE.replace("from x import rule\n", "")), "m", "exec"), namespace)
    assert calls == ["rule", "b1", "a"]
    assert (namespace["first"](None, None), namespace["second"]()) == (1, 3)


def test_a_listed_mutant_counts_as_equivalent_only_while_it_survives():
    statuses = {"proglint.parse.table.x_a__mutmut_1": "survived", "proglint.parse.table.x_a__mutmut_2": "killed",
                "proglint.parse.table.x_a__mutmut_3": "timeout", "proglint.parse.table.x_a__mutmut_4": "no tests",
                "proglint.parse.table.x_a__mutmut_5": "not checked"}
    listed = {f"proglint.parse.table.x_a__mutmut_{n}": "a reason of four words" for n in range(1, 7)}
    listed["proglint.parse.body.x_b__mutmut_1"] = "another module's mutant here"
    found = mutation.equivalent_survivors(statuses, listed, "proglint.parse.table.")
    assert found == {"proglint.parse.table.x_a__mutmut_1", "proglint.parse.table.x_a__mutmut_4"}
    result = mutation.Result("src/proglint/parse/table.py", statuses, found)
    # 4 counted (survived, killed, timeout, no tests), 2 of them equivalent: 2 killed of 2
    assert (result.killed, result.survivors, result.score) == (2, [], 1.0)
