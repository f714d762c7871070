"""Problems that are the user's to fix, not bugs: every front end (the
CLI's exit status 2, the language server's message) reports them the same
way, with the file and line where the fix belongs."""

from __future__ import annotations


class UsageError(Exception):
    """A problem with how proglint was called."""


def user_error_message(exc: BaseException) -> str | None:
    """The message for a configuration, plugin, schema, baseline or usage
    problem, or None when ``exc`` is a bug."""
    from .atomic import OutputError
    from .baseline import BaselineError
    from .config_file import ConfigError
    from .plugins import PluginError
    from .schema import SchemaConfigError

    if isinstance(exc, (UsageError, ConfigError, PluginError, BaselineError, SchemaConfigError, OutputError)):
        return str(exc)
    return None
