"""The rule API: what a rule module imports.

A rule is a small pure function of the :class:`~proglint.document.Document`
that yields :class:`Finding` values pointing at spans of the model.  It is
registered with its metadata by the :func:`rule` decorator, and its
documentation is its docstring — kept in the rule, as yamllint and ruff do::

    from proglint.api import Finding, rule

    @rule("PL999", "no-empty-title", "error", "The title must not be empty.")
    def no_empty_title(document, context):
        '''**What it does.** ...'''
        if document.heading and document.heading.title and not document.heading.title.value:
            yield Finding(document.heading.title.span, "the title is empty")

A rule never reads files, prints or formats: the engine does that, so the
same rule serves the CLI, the language server and ``--fix``.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Iterable, Mapping

from .diagnostic import Fix, Related, Severity
from .meta import CheckInfo
from .record import Record, field, replace
from .span import Span

__all__ = ["Context", "DocumentSummary", "Finding", "Rule", "Setting", "per_document", "rule", "Fix", "Edit", "Related", "Span"]

from .diagnostic import Edit  # noqa: E402  (re-exported for rule authors)


class Finding(Record):
    """What a rule reports: where, what, and optionally how to repair it.

    ``covers`` makes the finding a root cause: the regions (rows, cells)
    whose other findings follow from this one and are not reported while it
    is (see :mod:`proglint.rootcause`)."""

    span: Span
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    covers: tuple[Span, ...] = ()


class Setting(Record):
    """A setting a rule declares for itself; users set it under
    ``[tool.proglint.rule.<rule-name>]`` and it is validated against
    ``schema`` (a JSON Schema fragment) before any rule runs."""

    name: str
    default: Any
    schema: Mapping[str, Any]
    description: str


class Context(Record):
    """What a rule may know besides the document: its settings and the
    shared data the engine loaded for it (such as the vocabulary)."""

    settings: Mapping[str, Any] = field(default_factory=dict)
    data: Mapping[str, Any] = field(default_factory=dict)


DOCUMENT, PROJECT = "document", "project"


def per_document(function: Callable) -> Callable:
    """Make a helper that derives a fact from a document (the rows with a
    known template, which target owns each number) compute it once per
    document, however many rules ask: rules share one pass over the rows
    instead of each re-walking them.  The fact is kept on the document
    (keyed by the helper and its other arguments, which must be hashable);
    a generator's items are kept as a tuple.  The helper must be a pure
    function of its arguments, as rules are."""
    generator = _is_generator_function(function)

    @functools.wraps(function)
    def shared(document, *args):
        memo = document.derived
        key = (shared, args)
        try:
            return memo[key]
        except KeyError:
            value = function(document, *args)
            memo[key] = value = tuple(value) if generator else value
            return value

    return shared


# Two things rule registration needs from :mod:`inspect`, written out here:
# importing inspect loads ast, dis, tokenize and more (~8 ms), and every run
# registers the built-in rules.  They do what ``inspect.isgeneratorfunction``
# and ``inspect.getdoc`` do for a plain function (a test holds them to it).


def _is_generator_function(function) -> bool:
    while isinstance(function, functools.partial):
        function = function.func
    code = getattr(getattr(function, "__func__", function), "__code__", None)
    return code is not None and bool(code.co_flags & 0x20)  # CO_GENERATOR


def _docstring(function) -> str:
    """The docstring with its indentation removed (``inspect.cleandoc``)."""
    doc = getattr(function, "__doc__", None)
    if not isinstance(doc, str):
        return ""
    lines = doc.expandtabs().split("\n")
    margins = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    margin = min(margins, default=0)
    lines = [lines[0].lstrip()] + [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


class DocumentSummary(Record):
    """What a cross-document rule sees of one document: its path and what
    the rule's ``summarize`` function collected from it.  Cross-document
    rules never see whole documents, so a run over thousands of files keeps
    a few bytes per file instead of every parsed document, and the job
    runner and the cache can carry summaries between processes and runs.

    A summary is made of plain values (str, int, float, bool, None, lists,
    dicts with string keys) and :class:`~proglint.span.Text` /
    :class:`~proglint.span.Span`, so the cache can store it as JSON."""

    path: str
    data: Any


class Rule(Record):
    """A registered rule.

    ``scope`` is ``"document"`` (``check(document, context)`` yields
    :class:`Finding`) or ``"project"`` for cross-document rules:
    ``summarize(document)`` collects what the rule needs from each
    document, and ``check(summaries, context)`` sees the
    :class:`DocumentSummary` of every document linted together and yields
    ``(summary, Finding)`` pairs.
    """

    info: CheckInfo
    check: Callable[[Any, Context], Iterable[Any]]
    settings: tuple[Setting, ...] = ()
    scope: str = DOCUMENT
    summarize: Callable[[Any], Any] | None = None

    @property
    def code(self) -> str:
        return self.info.code

    @property
    def name(self) -> str:
        return self.info.name

    def defaults(self) -> dict[str, Any]:
        return {s.name: s.default for s in self.settings}

    def with_origin(self, origin: str) -> "Rule":
        return replace(self, info=replace(self.info, origin=origin))

    def __call__(self, document, context: Context | None = None):
        """Rules stay plain functions for their own tests (a cross-document
        rule is called with a list of documents, summarised here)."""
        if self.scope == PROJECT:
            document = [DocumentSummary(d.path, self.summarize(d) if self.summarize else None) for d in document]
        return list(self.check(document, context or Context(self.defaults())))


def rule(
    code: str,
    name: str,
    severity: str | Severity,
    summary: str,
    *,
    autofix: str = "",
    fix_note: str = "",
    fixable: bool = False,
    enabled: bool = True,
    settings: tuple[Setting, ...] = (),
    scope: str = DOCUMENT,
    summarize: Callable[[Any], Any] | None = None,
) -> Callable[[Callable], Rule]:
    """Register a function as a rule; its docstring is its documentation.
    A cross-document rule (``scope="project"``) names the ``summarize``
    function that collects what it needs from each document.

    ``autofix`` declares the fixes its findings offer: ``"safe"``,
    ``"unsafe"``, ``"sometimes"`` (safe in some cases, unsafe in others) or
    ``""`` (none); ``fix_note`` is one line for ``proglint explain`` saying
    what the fix writes, or why there is none.  ``fixable=True`` is the
    older spelling of ``autofix="safe"``."""

    def wrap(function: Callable) -> Rule:
        docs = _docstring(function)
        info = CheckInfo(
            code=code,
            name=name,
            severity=Severity(severity),
            summary=summary,
            docs=docs,
            autofix=autofix or ("safe" if fixable else ""),
            enabled=enabled,
            origin=getattr(function, "__module__", "?"),
            fix_note=fix_note,
        )
        if scope not in (DOCUMENT, PROJECT):
            raise ValueError(f"rule {code}: scope must be '{DOCUMENT}' or '{PROJECT}', not {scope!r}")
        if scope == PROJECT and summarize is None:
            raise ValueError(f"rule {code}: a cross-document rule needs summarize=, the function that collects what it needs from a document")
        return Rule(info, function, tuple(settings), scope, summarize)

    return wrap
