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
