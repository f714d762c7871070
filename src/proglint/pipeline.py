"""The single entry point: ``lint(source, config) -> list[Diagnostic]``.

The CLI, the pre-commit hook, the language server and ``--fix`` all call
this; nothing else parses or checks a document.  Stages::

    parse -> schema checks -> rules (each isolated) -> selection & severity
          -> inline suppressions -> sorted diagnostics

Suppressed findings stay in the list, marked with ``suppression``, so
formats such as SARIF can carry them; :func:`active` drops them.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from typing import Iterable

from . import suppress
from .api import Context
from .config import Config
from .diagnostic import Diagnostic, Severity
from .document import Document
from .meta import CheckInfo
from .parse import parse, problems
from .plugins import Registry, build_registry
from .source import Source

INTERNAL_ERROR = CheckInfo(
    "PL901", "internal-error", Severity.ERROR, "A rule crashed on this document.",
    """
    **What it does.** Reports a rule that raised an exception, naming the rule,
    where it was loaded from, and the exception. The other rules still run,
    and proglint exits with status 2 so CI notices.

    **Fix.** Report it to the rule's authors; `--debug` prints the traceback.
    """,
)


def engine_checks() -> tuple[CheckInfo, ...]:
    """The checks the engine itself reports (not loaded from rule folders)."""
    try:  # TEMPORARY until the schema stage lands
        from .schema import codes as schema_codes
        schema_all = schema_codes.ALL
    except (ImportError, AttributeError):
        schema_all = ()
    return problems.ALL + schema_all + suppress.ALL + (INTERNAL_ERROR,)


def registry_for(config: Config) -> Registry:
    return build_registry(engine_checks(), config.rule_paths)


def lint(source: Source, config: Config | None = None, *, debug: bool = False) -> list[Diagnostic]:
    return check(parse(source), config, debug=debug)


def check(document: Document, config: Config | None = None, *, debug: bool = False) -> list[Diagnostic]:
    """Run every enabled check on an already parsed document."""
    config = config or Config()
    registry = registry_for(config)
    infos = registry.infos
    path = document.path
    found = list(document.problems)
    found += _schema(document, config, registry)
    settings = _settings(config, registry)
    for rule in registry.rules:
        if config.severity_of(rule.info, path) is None:
            continue
        context = Context(settings.get(rule.code, rule.defaults()), _shared_data(config))
        found += _run_rule(rule, document, context, debug)
    kept = select(found, config, infos, path)
    directives, directive_problems = suppress.collect(document.source, _front_matter_lines(document))
    marked = suppress.apply(
        kept + directive_problems, directives, infos,
        require_reason=config.require_suppression_reason, path=path,
    )
    own = [d for d in marked if d.code.startswith("PL70")]
    rest = [d for d in marked if not d.code.startswith("PL70")]
    result = rest + select(own, config, infos, path)
    result.sort(key=lambda d: d.sort_key)
    return result


def active(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings to report: those no inline comment suppressed."""
    return [d for d in diagnostics if d.suppression is None]


def select(found: list[Diagnostic], config: Config, infos: dict[str, CheckInfo], path: str) -> list[Diagnostic]:
    """Apply the configuration's selection and severities."""
    kept = []
    for diagnostic in found:
        info = infos.get(diagnostic.code)
        if info is not None and diagnostic.code != INTERNAL_ERROR.code:
            severity = config.severity_of(info, path)
            if severity is None:
                continue
            if severity is not diagnostic.severity:
                diagnostic = diagnostic.with_severity(severity)
        if diagnostic.path != path:
            diagnostic = replace(diagnostic, path=path)
        kept.append(diagnostic)
    return kept


def _run_rule(rule, document: Document, context: Context, debug: bool) -> list[Diagnostic]:
    try:
        return [
            rule.info.diagnostic(f.span, f.message, document.path, fix=f.fix, related=f.related)
            for f in rule.check(document, context)
        ]
    except Exception as exc:  # noqa: BLE001 - isolation is the point
        if debug:
            traceback.print_exc()
        from .span import Span

        return [
            INTERNAL_ERROR.diagnostic(
                Span.point(1, 1),
                f"rule {rule.code} {rule.name} (from {rule.info.origin}) crashed on this file: "
                f"{type(exc).__name__}: {exc}",
                document.path,
            )
        ]


def _schema(document: Document, config: Config, registry: Registry) -> list[Diagnostic]:
    try:  # TEMPORARY until the schema stage lands
        from . import schema
    except ImportError:
        return []
    if not hasattr(schema, "check"):
        return []
    return schema.check(document, config.schemas)


_SETTINGS: dict[int, tuple[Config, dict]] = {}


def _settings(config: Config, registry: Registry) -> dict:
    """Rule settings, validated once per configuration (the config object is
    kept in the cache so its id cannot be reused by another)."""
    cached = _SETTINGS.get(id(config))
    if cached is None or cached[0] is not config:
        from .config_file import settings_for

        cached = (config, settings_for(config, registry))
        _SETTINGS[id(config)] = cached
    return cached[1]


def _shared_data(config: Config) -> dict:
    return {"vocabulary_paths": config.vocabulary}


def _front_matter_lines(document: Document) -> range:
    fm = document.front_matter
    if fm is None:
        return range(0)
    end = fm.closing.start_line if fm.closing is not None else fm.opening.start_line + 1
    return range(fm.opening.start_line, end)


def catalog(config: Config | None = None) -> dict[str, CheckInfo]:
    """Every known check by code, for ``proglint rules`` and formatters."""
    return dict(registry_for(config or Config()).infos)
