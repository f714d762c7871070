"""Loading rules: one door for the built-in pack and everyone else's.

Rules come from (a) folders named in configuration (``rule-paths``) — the
built-in pack in ``rules/`` is simply the first such folder — and (b)
installed packages exposing a ``proglint.rules`` entry point.  Nothing is
ever imported from the current folder implicitly: a pull request must not
be able to run code in a reviewer's pre-commit hook.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
import zlib
from pathlib import Path
from typing import Iterable

from .api import Rule
from .meta import CheckInfo
from .resources import data_dir

ENTRY_POINT_GROUP = "proglint.rules"


class PluginError(Exception):
    """A rule source cannot be loaded, or two sources claim one code."""


class Registry:
    """Every check known in one run: the engine's own and the rules'."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []
        self.infos: dict[str, CheckInfo] = {}
        self._by_name: dict[str, CheckInfo] = {}  # a name is unique too: one look-up, not a scan per check

    def __repr__(self) -> str:
        return f"Registry(rules={self.rules!r}, infos={self.infos!r})"

    def add_info(self, info: CheckInfo) -> None:
        existing = self.infos.get(info.code)
        if existing is not None:
            raise PluginError(
                f"code {info.code} is defined twice: '{existing.name}' from {existing.origin} "
                f"and '{info.name}' from {info.origin}"
            )
        other = self._by_name.get(info.name)
        if other is not None:
            raise PluginError(
                f"rule name '{info.name}' is used twice: {other.code} from {other.origin} "
                f"and {info.code} from {info.origin}"
            )
        self.infos[info.code] = info
        self._by_name[info.name] = info

    def add_rule(self, rule: Rule) -> None:
        self.add_info(rule.info)
        self.rules.append(rule)

    def find(self, code_or_name: str) -> CheckInfo | None:
        if code_or_name in self.infos:
            return self.infos[code_or_name]
        return self._by_name.get(code_or_name)

    def rule(self, code_or_name: str) -> Rule | None:
        return next((r for r in self.rules if code_or_name in (r.code, r.name)), None)


def builtin_rules_dir() -> Path:
    return data_dir("rules")


def rules_in_module(module: types.ModuleType) -> list[Rule]:
    found = [value for value in vars(module).values() if isinstance(value, Rule)]
    return sorted(found, key=lambda r: r.code)


def load_folder(folder: Path, label: str | None = None) -> list[Rule]:
    """Import every ``*.py`` in ``folder`` (not starting with ``_``) as a
    module of a private package, so modules there may share helpers through
    relative imports."""
    folder = folder.resolve()
    if not folder.is_dir():
        raise PluginError(f"rule folder '{folder}' does not exist")
    package = _package_for(str(folder))
    rules: list[Rule] = []
    names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".py"))
    for path in (folder / name for name in names):
        if path.name.startswith("_"):
            continue
        try:
            module = importlib.import_module(f"{package}.{path.stem}")
        except Exception as exc:  # noqa: BLE001 - any import failure is the plugin's
            raise PluginError(f"cannot load rule module {path}: {type(exc).__name__}: {exc}") from exc
        origin = label or str(path)
        rules += [r.with_origin(f"{origin}" if label is None else f"{label}/{path.name}") for r in rules_in_module(module)]
    return rules


def _package_for(folder: str) -> str:
    """The private package a rule folder's modules are imported into, named
    after a checksum of the folder's path (the same in every run); a second
    folder with the same checksum gets the next free number."""
    base = f"_proglint_rules_{zlib.crc32(folder.encode('utf-8', 'surrogateescape')):08x}"
    package, number = base, 0
    while package in sys.modules and list(getattr(sys.modules[package], "__path__", ())) != [folder]:
        number += 1
        package = f"{base}_{number}"
    if package not in sys.modules:
        module = types.ModuleType(package)
        module.__path__ = [folder]  # type: ignore[attr-defined]
        module.__package__ = package
        sys.modules[package] = module
    return package


def load_entry_points() -> list[Rule]:
    from .entrypoints import load, rule_entry_points

    rules: list[Rule] = []
    for name, value, distribution in rule_entry_points(ENTRY_POINT_GROUP):
        origin = f"{distribution} (entry point {name})"
        try:
            target = load(value)
        except Exception as exc:  # noqa: BLE001
            raise PluginError(f"cannot load rule plugin {origin}: {type(exc).__name__}: {exc}") from exc
        rules += [r.with_origin(origin) for r in _rules_of(target)]
    return rules


def _rules_of(target) -> Iterable[Rule]:
    if isinstance(target, Rule):
        return [target]
    if isinstance(target, types.ModuleType):
        rules = rules_in_module(target)
        if hasattr(target, "__path__"):  # a package: its submodules too
            import pkgutil

            for info in pkgutil.iter_modules(target.__path__):
                if not info.name.startswith("_"):
                    rules += rules_in_module(importlib.import_module(f"{target.__name__}.{info.name}"))
        return rules
    try:
        items = list(target() if callable(target) else target)
    except TypeError:
        raise PluginError(f"entry point object {target!r} is not a module, a rule or a list of rules") from None
    if not all(isinstance(i, Rule) for i in items):
        raise PluginError(f"entry point object {target!r} yields something that is not a rule")
    return items


_CACHE: dict[tuple, Registry] = {}


def build_registry(engine_infos: Iterable[CheckInfo], rule_paths: tuple[Path, ...] = (), *, entry_points: bool = True) -> Registry:
    """The registry for one set of rule sources; cached per process."""
    key = (tuple(str(p) for p in rule_paths), entry_points)
    if key in _CACHE:
        return _CACHE[key]
    registry = Registry()
    for info in engine_infos:
        registry.add_info(info)
    for rule in load_folder(builtin_rules_dir(), label="proglint built-in rules"):
        registry.add_rule(rule)
    for folder in rule_paths:
        for rule in load_folder(folder):
            registry.add_rule(rule)
    if entry_points:
        for rule in load_entry_points():
            registry.add_rule(rule)
    _CACHE[key] = registry
    return registry
