"""The single entry point: ``lint(source, config) -> list[Diagnostic]``.

The CLI, the pre-commit hook, the language server and ``--fix`` all call
this (or :func:`lint_many`, its form for several documents, which also runs
the cross-document rules); nothing else parses or checks a document.
Stages::

    parse -> schema checks -> rules (each isolated) -> selection & severity
          -> root causes (findings that follow from another are dropped)
          -> inline suppressions -> sorted diagnostics

Suppressed findings stay in the list, marked with ``suppression``, so
formats such as SARIF can carry them; :func:`active` drops them.
"""

from __future__ import annotations

from typing import Any, Collection, Iterable, Mapping, Sequence

from . import collector, rootcause, suppress
from .api import PROJECT, Context, DocumentSummary, Rule
from .config import Config
from .config_file import ConfigError
from .diagnostic import Diagnostic, Severity
from .document import Document
from .meta import CheckInfo
from .parse import parse, problems
from .plugins import Registry, build_registry
from .record import Record, field, replace
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
    fix_note="the crash is proglint's; report it.",
)


def engine_checks() -> tuple[CheckInfo, ...]:
    """The checks the engine itself reports (not loaded from rule folders)."""
    from .schema import codes as schema_codes

    from . import fix

    return problems.ALL + schema_codes.ALL + suppress.ALL + (INTERNAL_ERROR,) + fix.ALL


_ENGINE_CHECKS: list[tuple[CheckInfo, ...]] = []  # engine_checks(), worked out once


def registry_for(config: Config) -> Registry:
    """The registry of a configuration (cached by :func:`build_registry`).
    Asked for several times per document, so the engine's checks, which
    never change, are gathered once (the imports in engine_checks cost
    more than the registry lookup itself)."""
    if not _ENGINE_CHECKS:
        _ENGINE_CHECKS.append(engine_checks())
    return build_registry(_ENGINE_CHECKS[0], config.rule_paths)


def lint(source: Source, config: Config | None = None, *, debug: bool = False) -> list[Diagnostic]:
    with collector.paused():
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
    :class:`proglint.lsp.incremental.StageMemo`) may answer a per-document
    stage from an earlier run: ``memo.run(key, documents, config, compute)``
    (cross-document rules run over summaries, which cost next to nothing)."""

    def wanted(path: str) -> bool:
        return only is None or path in only

    with collector.paused():  # the models are acyclic: see proglint.collector
        return _lint_many(items, wanted, debug, memo)


def _lint_many(items, wanted, debug, memo) -> dict[str, list[Diagnostic]]:
    examined = [
        (examine(document, config, debug=debug, checks=wanted(document.path), memo=memo), config)
        for document, config in items
    ]
    extra = project_findings(examined, debug=debug)
    return {
        result.path: finish(result, config, extra.get(result.path, ()))
        for result, config in examined
        if wanted(result.path)
    }


class Examined(Record):
    """One document after every per-document check: all the cross-document
    stage and the report need, and nothing that holds on to the document,
    so a run over thousands of files keeps only these (and the cache and
    the job runner can carry them between processes).

    ``found`` is raw: before the configuration's selection and the inline
    suppressions, which :func:`finish` applies once the cross-document
    findings are known (a suppression comment may silence one of those).
    """

    path: str
    found: tuple[Diagnostic, ...]
    directives: tuple[suppress.Directive, ...] = ()
    directive_problems: tuple[Diagnostic, ...] = ()
    summaries: Mapping[str, Any] = field(default_factory=dict)  # project rule code -> what it collected


def examine(document: Document, config: Config, *, debug: bool = False, checks: bool = True, memo=None) -> Examined:
    """Every per-document check of one document, and what each
    cross-document rule collects from it.  With ``checks=False`` only the
    collecting is done (a document that is context, not checked); ``memo``
    is :func:`lint_many`'s."""
    registry = registry_for(config)
    summaries = {
        rule.code: _summarize(rule, document, debug)
        for rule in registry.rules
        if rule.scope == PROJECT and rule.summarize is not None
    }
    if not checks:
        return Examined(document.path, (), summaries=summaries)
    directives, directive_problems = suppress.collect(document.source, front_matter_lines(document), document.code_lines)
    return Examined(
        document.path,
        tuple(_document_findings(document, config, debug, memo)),
        tuple(directives),
        tuple(directive_problems),
        summaries,
    )


def project_findings(examined: Sequence[tuple[Examined, Config]], *, debug: bool = False) -> dict[str, list[Diagnostic]]:
    """The cross-document rules' findings, by path, over every document's summary."""
    found: dict[str, list[Diagnostic]] = {}
    for rule, config in _project_rules(examined):
        summaries = [DocumentSummary(result.path, result.summaries.get(rule.code)) for result, _ in examined]
        for path, diagnostic in _run_project_rule(rule, summaries, config, debug):
            found.setdefault(path, []).append(diagnostic)
    return found


def active(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings to report: those no inline comment suppressed."""
    return [d for d in diagnostics if d.suppression is None]


def _document_findings(document: Document, config: Config, debug: bool, memo=None) -> list[Diagnostic]:
    from .budget import Budget, OverBudget

    found = list(document.problems)
    found += _stage(memo, "schema", [document], config, lambda docs: _schema(docs[0], config))
    with Budget(config.rule_time_budget) as budget:
        for rule, context in _document_rules(config, document.path):
            run = lambda docs, rule=rule, context=context: _run_rule(rule, docs[0], context, debug, budget)  # noqa: E731
            try:
                found += _stage(memo, rule.code, [document], config, run)
            except OverBudget:  # the last rule's time ran out as it returned: this one starts afresh
                found += _stage(memo, rule.code, [document], config, run)
    return found


_RULES: dict[tuple, tuple] = {}


def _document_rules(config: Config, path: str) -> list[tuple[Rule, Context]]:
    """The per-document rules enabled for a file, with their contexts: the
    same for every file of a configuration without per-file ignores, so
    worked out once (the config object is kept in the memo so its id
    cannot be reused by another)."""
    key = (id(config), path if config.per_file_ignores else None)
    cached = _RULES.get(key)
    if cached is None or cached[0] is not config:
        registry = registry_for(config)
        settings = _settings(config, registry)
        data = _shared_data(config)
        rules = [
            (rule, Context(settings.get(rule.code, rule.defaults()), data))
            for rule in registry.rules
            if rule.scope != PROJECT and config.severity_of(rule.info, path) is not None
        ]
        if len(_RULES) > 1024:  # the language server lints many files with per-file ignores
            _RULES.clear()
        cached = _RULES[key] = (config, rules)
    return cached[1]


def _stage(memo, key: str, documents: list[Document], config: Config, run):
    """One stage's findings: computed, or reused by the memo from a run whose inputs were the same."""
    return run(documents) if memo is None else memo.run(key, documents, config, run)


def _project_rules(examined):
    """Each project rule once, under the first configuration that has it."""
    seen: set[str] = set()
    configs: dict[int, Config] = {}
    for _, config in examined:
        configs.setdefault(id(config), config)
    for config in configs.values():
        for rule in registry_for(config).rules:
            if rule.scope == PROJECT and rule.code not in seen:
                seen.add(rule.code)
                yield rule, config


def finish(result: Examined, config: Config, extra: Iterable[Diagnostic] = ()) -> list[Diagnostic]:
    """Selection, severities and inline suppressions over one document's
    findings (its own and the cross-document ones), sorted."""
    infos = registry_for(config).infos
    path = result.path
    kept = rootcause.prune(select(list(result.found) + list(extra), config, infos, path))
    directives = [replace(d, used=set()) for d in result.directives]  # finishing twice starts afresh
    marked = suppress.apply(
        kept + list(result.directive_problems), directives, infos,
        require_reason=config.require_suppression_reason, path=path,
    )
    own = {info.code for info in suppress.ALL}
    result_list = [d for d in marked if d.code not in own] + select([d for d in marked if d.code in own], config, infos, path)
    result_list = [d if d.message.isprintable() else replace(d, message=visible(d.message)) for d in result_list]
    result_list.sort(key=lambda d: d.sort_key)
    return result_list


def visible(message: str) -> str:
    """A message with every invisible character written as its code point
    (``\\u202e``): a finding quotes the user's text, and a bidi override, a
    zero-width space, a NUL or an escape sequence quoted as is would hide
    what is wrong, reorder the rest of the line on the terminal (the
    "Trojan Source" trick) or drive the terminal."""
    return "".join(ch if ch.isprintable() or ch in " \t\r\n" else _escape(ch) for ch in message)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_UNASKED = object()


def select(found: list[Diagnostic], config: Config, infos: dict[str, CheckInfo], path: str) -> list[Diagnostic]:
    """Apply the configuration's selection and severities."""
    kept = []
    severities: dict[str, Severity | None] = {}  # per check: ten thousand findings of one check ask once
    for diagnostic in found:
        info = infos.get(diagnostic.code)
        if info is not None and diagnostic.code != INTERNAL_ERROR.code:
            severity = severities.get(diagnostic.code, _UNASKED)
            if severity is _UNASKED:
                severity = severities[diagnostic.code] = config.severity_of(info, path)
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
        import traceback  # only for --debug: it loads linecache and tokenize

        traceback.print_exc()
    return INTERNAL_ERROR.diagnostic(
        Span.point(1, 1),
        f"rule {rule.code} {rule.name} (from {rule.info.origin}) crashed on this file: {type(exc).__name__}: {exc}",
        path,
    )


def _run_rule(rule: Rule, document: Document, context: Context, debug: bool, budget=None) -> list[Diagnostic]:
    from .budget import OverBudget

    try:
        if budget is not None:
            budget.start_rule()
        return [
            rule.info.diagnostic(f.span, f.message, document.path, fix=f.fix, related=f.related, covers=f.covers)
            for f in rule.check(document, context)
        ]
    except ConfigError:
        raise  # the user's configuration (e.g. a team vocabulary) is wrong: exit 2, not a crash
    except OverBudget as over:
        return [INTERNAL_ERROR.diagnostic(Span.point(1, 1), _over_budget(rule, over, budget.seconds), document.path)]
    except Exception as exc:  # noqa: BLE001 - isolation is the point
        return [_crash(rule, document.path, exc, debug)]


def _over_budget(rule: Rule, over, seconds: float) -> str:
    from .budget import WALL_FACTOR

    stopped = f"rule {rule.code} {rule.name} (from {rule.info.origin}) was stopped"
    if over.cpu >= seconds:
        return (f"{stopped} after {over.cpu:.1f} s of CPU time on this file, over the time budget of {seconds:g} s "
                "(rule-time-budget); the other rules still ran")
    return (f"{stopped} after {over.wall:.1f} s on this file, waiting rather than computing ({over.cpu:.1f} s of CPU "
            f"time), over {WALL_FACTOR} times the time budget of {seconds:g} s (rule-time-budget); the other rules still ran")


def _summarize(rule: Rule, document: Document, debug: bool):
    try:
        return rule.summarize(document)
    except Exception:  # noqa: BLE001 - the rule's crash is reported when it runs
        if debug:
            import traceback

            traceback.print_exc()
        return None


def _run_project_rule(rule: Rule, summaries: list[DocumentSummary], config: Config, debug: bool):
    registry = registry_for(config)
    context = Context(_settings(config, registry).get(rule.code, rule.defaults()), _shared_data(config))
    try:
        return [
            (summary.path, rule.info.diagnostic(f.span, f.message, summary.path, fix=f.fix, related=f.related, covers=f.covers))
            for summary, f in rule.check(summaries, context)
        ]
    except ConfigError:
        raise
    except Exception as exc:  # noqa: BLE001
        return [(s.path, _crash(rule, s.path, exc, debug)) for s in summaries]


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
