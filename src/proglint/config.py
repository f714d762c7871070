"""What the user asked for: which checks run, how loud they are, and the
settings of each rule.

Selectors are codes (``PL301``), code prefixes (``PL3``) or rule names
(``target-number-conflict``); ``ALL`` matches everything.  Selection is
decided in layers — the configuration file, then the command line — and
within a layer the most specific matching selector wins (a full code or
name beats a prefix, a longer prefix a shorter one; on a tie, ``ignore``
wins).  A layer with ``select`` replaces the choice of the layers below it,
as in ruff.  ``per-file-ignores`` removes checks for matching paths last.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

from .diagnostic import Severity
from .meta import CheckInfo
from .record import Record, _set

OFF = "off"
MAX_FILE_SIZE = 64 * 1024 * 1024  # bytes read of a file or standard input by default (reading.py); more is PL016
LEVELS = ("error", "warning", "info", OFF)


def specificity(selector: str, info: CheckInfo) -> int | None:
    """How closely ``selector`` names ``info``: higher is closer, None is no match."""
    if selector == "ALL":
        return 0
    if selector == info.code or selector == info.name:
        return 1000
    if info.code.startswith(selector):
        return len(selector)
    return None


def best(selectors, info: CheckInfo) -> int | None:
    scores = [s for s in (specificity(sel, info) for sel in selectors) if s is not None]
    return max(scores) if scores else None


class Layer(Record):
    """One source of selection: a config file or the command line."""

    __slots__ = ("select", "extend_select", "ignore")

    def __init__(
        self, select: tuple[str, ...] | None = None, extend_select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
    ) -> None:
        _set(self, "select", select)
        _set(self, "extend_select", extend_select)
        _set(self, "ignore", ignore)

    def decide(self, info: CheckInfo, current: bool) -> bool:
        on = best((self.select or ()) + self.extend_select, info)
        off = best(self.ignore, info)
        if on is None and off is None:
            return False if self.select is not None else current
        if off is None:
            return True
        if on is None:
            return False
        return on > off


class Config(Record):
    __slots__ = (
        "path", "root", "layers", "per_file_ignores", "severity", "rule_paths", "include", "exclude", "extend_exclude",
        "respect_gitignore", "schemas", "vocabulary", "require_suppression_reason", "rule_time_budget",
        "max_file_size", "rule_settings",
    )

    def __init__(
        self,
        path: Path | None = None,  # the file it came from, None for defaults
        root: Path | None = None,  # paths in the file are relative to this folder
        layers: tuple[Layer, ...] = (),
        per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
        severity: dict[str, str] | None = None,  # None: {}
        rule_paths: tuple[Path, ...] = (),
        include: tuple[str, ...] = (),
        exclude: tuple[str, ...] | None = None,  # None: discover.DEFAULT_EXCLUDE
        extend_exclude: tuple[str, ...] = (),
        respect_gitignore: bool = True,
        schemas: tuple[Path, ...] = (),
        vocabulary: tuple[Path, ...] = (),
        require_suppression_reason: bool = False,
        rule_time_budget: float | None = 10.0,  # CPU seconds per rule per document (budget.py); None: no budget
        max_file_size: int = MAX_FILE_SIZE,
        rule_settings: dict[str, dict[str, Any]] | None = None,  # None: {}
    ) -> None:
        _set(self, "path", path)
        _set(self, "root", root)
        _set(self, "layers", layers)
        _set(self, "per_file_ignores", per_file_ignores)
        _set(self, "severity", {} if severity is None else severity)
        _set(self, "rule_paths", rule_paths)
        _set(self, "include", include)
        _set(self, "exclude", exclude)
        _set(self, "extend_exclude", extend_exclude)
        _set(self, "respect_gitignore", respect_gitignore)
        _set(self, "schemas", schemas)
        _set(self, "vocabulary", vocabulary)
        _set(self, "require_suppression_reason", require_suppression_reason)
        _set(self, "rule_time_budget", rule_time_budget)
        _set(self, "max_file_size", max_file_size)
        _set(self, "rule_settings", {} if rule_settings is None else rule_settings)

    def with_layer(self, layer: Layer) -> "Config":
        if layer.select is None and not layer.extend_select and not layer.ignore:
            return self
        return self._replace(layers=self.layers + (layer,))

    def with_exclude(self, patterns: tuple[str, ...]) -> "Config":
        """Add exclusion patterns (as ``extend-exclude`` does)."""
        return self._replace(extend_exclude=self.extend_exclude + tuple(patterns)) if patterns else self

    def is_enabled(self, info: CheckInfo) -> bool:
        state = info.enabled
        for layer in self.layers:
            state = layer.decide(info, state)
        return state

    def severity_of(self, info: CheckInfo, path: str | None = None) -> Severity | None:
        """The severity to report ``info``'s findings at, or None when off."""
        if not self.is_enabled(info):
            return None
        if path is not None and self._ignored_for(info, path):
            return None
        chosen, score = None, -1
        for selector, level in self.severity.items():
            s = specificity(selector, info)
            if s is not None and s > score:
                score, chosen = s, level
        if chosen is None:
            return info.severity
        return None if chosen == OFF else Severity(chosen)

    def relative(self, path: str) -> str:
        """A linted path as seen from the config's folder, for globs."""
        candidate = Path(path)
        if self.root is not None:
            try:
                return _resolved(candidate).relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return candidate.as_posix()

    def _ignored_for(self, info: CheckInfo, path: str) -> bool:
        if not self.per_file_ignores:
            return False
        relative = self.relative(path)
        name = Path(path).name
        for pattern, selectors in self.per_file_ignores:
            if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern):
                if best(selectors, info) is not None:
                    return True
        return False


def _resolved(path: Path) -> Path:
    """``path.resolve()``, except that a link in a loop (a link to itself)
    stays as named under its resolved folder: resolving it raises, and it
    is reported as unreadable when read, not as a crash here."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path.parent.resolve() / path.name
