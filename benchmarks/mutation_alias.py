"""A pytest plugin for mutation runs only: the shipped ``rules/`` are
imported as the package ``rules`` instead of the private
``_proglint_rules_<checksum>`` package the plugin loader names after the
folder's path.

mutmut finds which mutant a function call belongs to by the function's
module name and expects that name to follow the file's path (``rules/folders.py``
→ ``rules.folders``); the loader's checksum name would hide every mutant in
``rules/``.  Only the package's name changes: the folder, the modules and the
order they load in stay the loader's.  ``benchmarks/mutation.py`` passes
``-p benchmarks.mutation_alias`` to pytest; the test suite never loads it.

It also empties the rules' ``functools`` caches (and ``normal()``'s dict)
before each test (see ``_clear_rule_caches``): without that, a mutant
inside a cached function is never run.
"""

from __future__ import annotations

import sys
import types

from proglint import plugins
from proglint.resources import data_dir

_SHIPPED = str(data_dir("rules"))
_original = plugins._package_for


def _package_for(folder: str) -> str:
    if folder != _SHIPPED:
        return _original(folder)
    existing = sys.modules.get("rules")
    if existing is None:
        module = types.ModuleType("rules")
        module.__path__ = [folder]  # type: ignore[attr-defined]
        module.__package__ = "rules"
        sys.modules["rules"] = module
    return "rules"


plugins._package_for = _package_for


def _clear_rule_caches() -> None:
    """Empty every ``functools`` cache in the ``rules`` package (module
    functions and methods of its classes).

    mutmut runs the tests once without mutants and then forks a worker per
    mutant from that process: a cache filled by the clean run (``_tables``,
    the ``*_verdicts`` of the label rules, the loaded vocabulary) would
    answer from the unmutated code, and every mutant behind it would
    survive whatever the tests assert.  Emptying the caches before each
    test makes each test compute what it asserts with the mutant switched
    on, and makes mutmut's record of which tests reach which function the
    same whatever order the tests run in."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "rules" or name.startswith("rules.")):
            continue
        for value in list(vars(module).values()):
            owners = [value, *vars(value).values()] if isinstance(value, type) else [value]
            for owner in owners:
                clear = getattr(owner, "cache_clear", None)
                if callable(clear):
                    clear()
    # the one memo that is a plain dict: normal()'s spellings
    memo = getattr(sys.modules.get("rules._vocabulary"), "_NORMAL", None)
    if isinstance(memo, dict):
        memo.clear()


def _forget_the_yaml_loader() -> None:
    """The front matter parser picks its PyYAML loader on first use and keeps
    it as a module global (``frontmatter._Loader``): kept by the clean run,
    the choice and the module's ``__getattr__`` behind it were never run
    with a mutant on."""
    module = sys.modules.get("proglint.parse.frontmatter")
    if module is not None:
        vars(module).pop("_Loader", None)


def pytest_runtest_setup(item) -> None:
    _clear_rule_caches()
    _forget_the_yaml_loader()
