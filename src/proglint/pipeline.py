"""The single entry point: ``lint(source, config) -> list[Diagnostic]``.

The CLI, the pre-commit hook, the language server and ``--fix`` all call
this (or :func:`lint_many`, its form for several documents, which also runs
the cross-document rules); nothing else parses or checks a document.
Stages::

    parse -> schema checks -> rules (each isolated) -> selection & severity
          -> inline suppressions -> sorted diagnostics

Suppressed findings stay in the list, marked with ``suppression``, so
formats such as SARIF can carry them; :func:`active` drops them.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from typing import Collection, Iterable, Sequence

from . import suppress
from .api import PROJECT, Context, Rule
from .config import Config
from .config_file import ConfigError
from .diagnostic import Diagnostic, Severity
from .document import Document
from .meta import CheckInfo
from .parse import parse, problems
from .plugins import Registry, build_registry
from .source import Source
from .span import Span

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
    from .schema import codes as schema_codes

    return problems.ALL + schema_codes.ALL + suppress.ALL + (INTERNAL_ERROR,)


def registry_for(config: Config) -> Registry:
    return build_registry(engine_checks(), config.rule_paths)


def lint(source: Source, config: Config | None = None, *, debug: bool = False) -> list[Diagnostic]:
    return check(parse(source), config, debug=debug)


def check(document: Document, config: Config | None = None, *, debug: bool = False) -> list[Diagnostic]:
    """Run every enabled check on one parsed document (cross-document rules
    see just this one)."""
    return lint_many([(document, config or Config())], debug=debug)[document.path]


def lint_many(
    items: Sequence[tuple[Document, Config]], *, debug: bool = False, only: Collection[str] | None = None,
    memo=None,
) -> dict[str, list[Diagnostic]]:
    """Check documents linted together, each under its own configuration;
    cross-document rules see them all.  With ``only``, just the documents
    with those paths are checked and returned; the others are context for
    the cross-document rules (the language server lints the open documents
    of a folder against the rest of it).  ``memo`` (the language server's
    :class:`proglint.lsp.incremental.StageMemo`) may answer a stage from an
    earlier run: ``memo.run(key, documents, config, compute)``."""

    def wanted(path: str) -> bool:
        return only is None or path in only

    raw: dict[str, list[Diagnostic]] = {}
    for document, config in items:
        if wanted(document.path):
            raw[document.path] = _document_findings(document, config, debug, memo)
    for rule, documents, config in _project_rules(items):
        run = lambda docs, rule=rule, config=config: _run_project_rule(rule, docs, config, debug)  # noqa: E731
        for path, diagnostic in _stage(memo, rule.code, documents, config, run):
            if wanted(path):
                raw.setdefault(path, []).append(diagnostic)
    return {
        document.path: _finish(document, config, raw[document.path])
        for document, config in items
        if wanted(document.path)
    }


def active(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings to report: those no inline comment suppressed."""
    return [d for d in diagnostics if d.suppression is None]


def _document_findings(document: Document, config: Config, debug: bool, memo=None) -> list[Diagnostic]:
    registry = registry_for(config)
    found = list(document.problems)
    found += _stage(memo, "schema", [document], config, lambda docs: _schema(docs[0], config))
    settings = _settings(config, registry)
    for rule in registry.rules:
        if rule.scope == PROJECT or config.severity_of(rule.info, document.path) is None:
            continue
        context = Context(settings.get(rule.code, rule.defaults()), _shared_data(config))
        run = lambda docs, rule=rule, context=context: _run_rule(rule, docs[0], context, debug)  # noqa: E731
        found += _stage(memo, rule.code, [document], config, run)
    return found


def _stage(memo, key: str, documents: list[Document], config: Config, run):
    """One stage's findings: computed, or reused by the memo from a run whose inputs were the same."""
    return run(documents) if memo is None else memo.run(key, documents, config, run)


def _project_rules(items):
    """Each project rule once per configuration, over the documents it governs."""
    groups: dict[int, tuple[Config, list[Document]]] = {}
    for document, config in items:
        groups.setdefault(id(config), (config, []))[1].append(document)
    everything = [document for document, _ in items]
    seen: set[str] = set()
    for config, _ in groups.values():
        for rule in registry_for(config).rules:
            if rule.scope == PROJECT and rule.code not in seen:
                seen.add(rule.code)
                yield rule, everything, config


def _finish(document: Document, config: Config, found: list[Diagnostic]) -> list[Diagnostic]:
    infos = registry_for(config).infos
    path = document.path
    kept = select(found, config, infos, path)
    directives, directive_problems = suppress.collect(document.source, front_matter_lines(document))
    marked = suppress.apply(
        kept + directive_problems, directives, infos,
        require_reason=config.require_suppression_reason, path=path,
    )
    own = {info.code for info in suppress.ALL}
    result = [d for d in marked if d.code not in own] + select([d for d in marked if d.code in own], config, infos, path)
    result.sort(key=lambda d: d.sort_key)
    return result


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


def _crash(rule: Rule, path: str, exc: Exception, debug: bool) -> Diagnostic:
    if debug:
        traceback.print_exc()
    return INTERNAL_ERROR.diagnostic(
        Span.point(1, 1),
        f"rule {rule.code} {rule.name} (from {rule.info.origin}) crashed on this file: {type(exc).__name__}: {exc}",
        path,
    )


def _run_rule(rule: Rule, document: Document, context: Context, debug: bool) -> list[Diagnostic]:
    try:
        return [
            rule.info.diagnostic(f.span, f.message, document.path, fix=f.fix, related=f.related)
            for f in rule.check(document, context)
        ]
    except ConfigError:
        raise  # the user's configuration (e.g. a team vocabulary) is wrong: exit 2, not a crash
    except Exception as exc:  # noqa: BLE001 - isolation is the point
        return [_crash(rule, document.path, exc, debug)]


def _run_project_rule(rule: Rule, documents: list[Document], config: Config, debug: bool):
    registry = registry_for(config)
    context = Context(_settings(config, registry).get(rule.code, rule.defaults()), _shared_data(config))
    try:
        return [
            (document.path, rule.info.diagnostic(f.span, f.message, document.path, fix=f.fix, related=f.related))
            for document, f in rule.check(documents, context)
        ]
    except ConfigError:
        raise
    except Exception as exc:  # noqa: BLE001
        return [(d.path, _crash(rule, d.path, exc, debug)) for d in documents]


def _schema(document: Document, config: Config) -> list[Diagnostic]:
    from . import schema

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


def front_matter_lines(document: Document) -> range:
    """The lines where YAML comments (not HTML ones) carry suppressions."""
    fm = document.front_matter
    if fm is None:
        return range(0)
    end = fm.closing.start_line if fm.closing is not None else fm.opening.start_line + 1
    return range(fm.opening.start_line, end)


def catalog(config: Config | None = None) -> dict[str, CheckInfo]:
    """Every known check by code, for ``proglint rules`` and formatters."""
    return dict(registry_for(config or Config()).infos)
