"""Finding, reading and validating configuration files.

The nearest ``.proglint.toml``, ``proglint.toml`` or ``pyproject.toml``
with a ``[tool.proglint]`` table above a document applies to it (in that
order within one folder), so a monorepo can hold several.  A bad file is a
:class:`ConfigError` naming the file, the line and what is allowed; the CLI
turns it into exit status 2.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import MAX_FILE_SIZE, Config, Layer
from .resources import schema_path

NAMES = (".proglint.toml", "proglint.toml", "pyproject.toml")


class ConfigError(Exception):
    def __init__(self, path: Path | str, line: int | None, message: str):
        super().__init__(message)
        self.path = str(path)
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def find(start: Path) -> Path | None:
    """The config file that applies to documents in ``start``."""
    return _find(start.resolve())


@lru_cache(maxsize=None)
def _find(folder: Path) -> Path | None:
    for name in NAMES:
        candidate = folder / name
        if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
            return candidate
    if folder.parent == folder:
        return None
    return _find(folder.parent)


def _toml():
    """The TOML parser, imported only when a configuration file is read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def _has_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return False
    if "tool.proglint" not in text:
        return False
    tomllib = _toml()
    try:
        return "proglint" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return True  # let load() report the syntax error


@lru_cache(maxsize=None)
def load(path: Path) -> Config:
    path = path.resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, f"cannot read the configuration: {exc}") from None
    tomllib = _toml()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise ConfigError(path, int(match.group(1)) if match else None, f"invalid TOML: {exc}") from None
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        prefix = ("tool", "proglint")
        table = data.get("tool", {}).get("proglint", {})
    else:
        table = data
    validate(table, path, text, prefix)
    config = from_table(table, path)
    for index, folder in enumerate(config.rule_paths):
        if not folder.is_dir():
            raise ConfigError(
                path, locate(text, prefix, ("rule-paths",)),
                f"rule-paths: '{table['rule-paths'][index]}' is not a folder (paths are relative to {path.parent})",
            )
    return config


def from_table(table: dict[str, Any], path: Path | None) -> Config:
    root = path.parent if path is not None else Path.cwd()

    def paths(key: str) -> tuple[Path, ...]:
        return tuple((root / p).resolve() for p in table.get(key, ()))

    layer = Layer(
        select=tuple(table["select"]) if "select" in table else None,
        extend_select=tuple(table.get("extend-select", ())),
        ignore=tuple(table.get("ignore", ())),
    )
    return Config(
        path=path,
        root=root,
        layers=(layer,),
        per_file_ignores=tuple((glob, tuple(codes)) for glob, codes in table.get("per-file-ignores", {}).items()),
        severity=dict(table.get("severity", {})),
        rule_paths=paths("rule-paths"),
        include=tuple(table.get("include", ())),
        exclude=tuple(table["exclude"]) if "exclude" in table else None,
        extend_exclude=tuple(table.get("extend-exclude", ())),
        respect_gitignore=bool(table.get("respect-gitignore", True)),
        schemas=paths("schemas"),
        vocabulary=paths("vocabulary"),
        require_suppression_reason=bool(table.get("require-suppression-reason", False)),
        rule_time_budget=float(table.get("rule-time-budget", 10.0)) or None,
        max_file_size=int(table.get("max-file-size", MAX_FILE_SIZE)),
        rule_settings={name: dict(values) for name, values in table.get("rule", {}).items()},
    )


@lru_cache(maxsize=1)
def _validator():
    import json

    import jsonschema

    schema = json.loads(schema_path("config.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@lru_cache(maxsize=1)
def _fast_validator():
    from .schema import fast

    return fast.validator(schema_path("config.schema.json").read_text(encoding="utf-8"))


def validate(table: dict[str, Any], path: Path, text: str, prefix: tuple[str, ...]) -> None:
    """Raise a ConfigError for the first problem in a configuration table.
    A valid table is recognised by the fast validator, without jsonschema."""
    fast_validator = _fast_validator()
    if fast_validator is not None and fast_validator(table):
        return
    errors = sorted(_validator().iter_errors(table), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return
    error = errors[0]
    where = [str(p) for p in error.absolute_path]
    schema_props = _validator().schema["properties"]
    if error.validator == "additionalProperties" and not where:
        unknown = sorted(set(error.instance) - set(schema_props))
        key = unknown[0]
        import difflib

        close = difflib.get_close_matches(key, list(schema_props), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        table_name = "[tool.proglint]" if prefix else "the configuration"
        if not prefix and key == "tool":
            hint = f"; in {path.name} the keys stand at the top level, without a [tool.proglint] header"
        raise ConfigError(
            path,
            locate(text, prefix, (key,)) or _header_line(text, key),
            f"unknown key '{key}' in {table_name}{hint}. Allowed keys: {', '.join(sorted(schema_props))}",
        )
    dotted = ".".join(where) or "the table"
    if error.validator == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        message = f"'{dotted}' must be one of {allowed}; found {error.instance!r}"
    elif error.validator == "pattern":
        message = (
            f"'{dotted}' must be a code (PL301), a code prefix (PL3), a rule name "
            f"(target-number-conflict) or ALL; found {error.instance!r}"
        )
    elif error.validator == "type":
        message = f"'{dotted}' must be of type {error.validator_value}; found {error.instance!r}"
    else:
        message = f"'{dotted}': {error.message}"
    raise ConfigError(path, locate(text, prefix, tuple(where)), message)


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\-"' ]+?)\s*=""")


def _header_line(text: str, key: str) -> int | None:
    """The first table header that starts with ``key`` ([tool.proglint] in a proglint.toml)."""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and _split_key(header.group(1))[:1] == (key,):
            return number
    return None


def _split_key(raw: str) -> tuple[str, ...]:
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([^.\s]+)', raw)
    return tuple(a or b or c for a, b, c in parts)


def locate(text: str, prefix: tuple[str, ...], where: tuple[str, ...]) -> int | None:
    """Best-effort line of ``prefix + where`` in a TOML text (tomllib keeps
    no positions): the deepest key or table header on the way to it."""
    wanted = prefix + tuple(where)
    table: tuple[str, ...] = ()
    best_depth, best_line = -1, None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split_key(header.group(1))
            if table == wanted[: len(table)] and len(table) >= len(prefix) and len(table) > best_depth:
                best_depth, best_line = len(table), number
            continue
        key = _KEY.match(line)
        if key and table == wanted[: len(table)] and len(table) >= len(prefix):
            full = table + _split_key(key.group(1))
            depth = _common(full, wanted)
            if depth > len(table) and depth > best_depth:
                best_depth, best_line = depth, number
    return best_line


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    depth = 0
    for x, y in zip(a, b):
        if x != y:
            break
        depth += 1
    return depth


def settings_for(config: Config, registry) -> dict[str, dict[str, Any]]:
    """Each rule's settings (defaults overlaid with the config's), validated."""
    result: dict[str, dict[str, Any]] = {}
    for name, values in config.rule_settings.items():
        rule = registry.rule(name)
        if rule is None:
            known = registry.find(name)
            message = (
                f"'{name}' ({known.code}) declares no settings"
                if known is not None
                else f"'rule.{name}' names no rule; 'proglint rules' lists them"
            )
            raise ConfigError(config.path or "config", _line(config, ("rule", name)), message)
        declared = {s.name: s for s in rule.settings}
        for key, value in values.items():
            setting = declared.get(key)
            if setting is None:
                allowed = ", ".join(sorted(declared)) or "none"
                raise ConfigError(
                    config.path or "config", _line(config, ("rule", name, key)),
                    f"rule '{rule.name}' has no setting '{key}'; its settings: {allowed}",
                )
            import jsonschema

            try:
                jsonschema.validate(value, setting.schema)
            except jsonschema.ValidationError as exc:
                raise ConfigError(
                    config.path or "config", _line(config, ("rule", name, key)),
                    f"'rule.{name}.{key}': {exc.message} ({setting.description})",
                ) from None
        result[rule.code] = {**rule.defaults(), **values}
    return result


def _line(config: Config, where: tuple[str, ...]) -> int | None:
    if config.path is None:
        return None
    prefix = ("tool", "proglint") if config.path.name == "pyproject.toml" else ()
    return locate(config.path.read_text(encoding="utf-8"), prefix, where)


def unknown_selectors(selectors, registry) -> list[str]:
    from .config import specificity

    infos = list(registry.infos.values())
    return [s for s in selectors if not any(specificity(s, info) is not None for info in infos)]


def check_selectors(config: Config, registry) -> None:
    """Selectors in a config file that name no check are a mistake, not a
    silent no-op: a ConfigError at the line that holds them."""
    if config.path is None:
        return
    layer = config.layers[0] if config.layers else None
    groups = []
    if layer is not None:
        groups += [("select", s) for s in layer.select or ()]
        groups += [("extend-select", s) for s in layer.extend_select]
        groups += [("ignore", s) for s in layer.ignore]
    groups += [("severity", s) for s in config.severity]
    groups += [("per-file-ignores", s) for _, codes in config.per_file_ignores for s in codes]
    for key, selector in groups:
        if unknown_selectors([selector], registry):
            raise ConfigError(
                config.path, _line(config, (key,)),
                f"'{selector}' in '{key}' is not a known code, prefix or rule name; 'proglint rules' lists them",
            )
