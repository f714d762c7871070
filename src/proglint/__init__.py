"""proglint: a linter for JWST program documents.

Kept import-light on purpose: the pre-commit hook and ``proglint --version``
pay for every import made here, so the engine is reached through lazy
attributes rather than eager imports.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "lint", "Source", "Diagnostic", "Severity", "Span"]


def __getattr__(name):
    if name == "lint":
        from .pipeline import lint

        return lint
    if name == "Source":
        from .source import Source

        return Source
    if name in ("Diagnostic", "Severity"):
        from . import diagnostic

        return getattr(diagnostic, name)
    if name == "Span":
        from .span import Span

        return Span
    raise AttributeError(f"module 'proglint' has no attribute {name!r}")
