"""The single entry point: ``lint(source, config) -> list[Diagnostic]``.

The CLI, the pre-commit hook, the language server and ``--fix`` all call
this; nothing else parses or checks a document.
"""

from __future__ import annotations

from dataclasses import replace

from .config import Config
from .diagnostic import Diagnostic
from .document import Document
from .parse import parse, problems
from .source import Source

_CATALOG = {info.code: info for info in problems.ALL}


def lint(source: Source, config: Config | None = None) -> list[Diagnostic]:
    return check(parse(source), config)


def check(document: Document, config: Config | None = None) -> list[Diagnostic]:
    """Run every enabled check on an already parsed document."""
    config = config or Config()
    found = list(document.problems)
    return finish(found, config, document.path)


def finish(found: list[Diagnostic], config: Config, path: str) -> list[Diagnostic]:
    """Apply the configuration's selection and severities, then sort."""
    kept = []
    for diagnostic in found:
        info = _CATALOG.get(diagnostic.code)
        if info is not None:
            severity = config.severity_of(info)
            if severity is None:
                continue
            if severity is not diagnostic.severity:
                diagnostic = diagnostic.with_severity(severity)
        if diagnostic.path != path:
            diagnostic = replace(diagnostic, path=path)
        kept.append(diagnostic)
    kept.sort(key=lambda d: d.sort_key)
    return kept


def catalog() -> dict:
    """Every known check by code, for ``proglint rules`` and formatters."""
    return dict(_CATALOG)
