"""``proglint init``: a commented starter configuration.

A ``[tool.proglint]`` table appended to the ``pyproject.toml`` of the
working folder when there is one (the file is otherwise left as it was),
else a ``.proglint.toml``; ``--file`` names the file.  The result is loaded
with the configuration loader before anything is written, so what ``init``
writes always validates against ``schemas/config.schema.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

# {t} is the table prefix: "tool.proglint." in pyproject.toml, "" elsewhere
BODY = """\
# proglint's configuration; `proglint schema config` prints its JSON Schema
# and `proglint check --show-settings PATH` what applies to a document.
# Paths are relative to this file's folder.

# Checks are named by code (PL301), code prefix (PL3), rule name
# (target-number-conflict) or ALL; the most specific selector wins.
# select = ["ALL"]          # replace the default set (every check on by default)
extend-select = []          # add checks that are off by default, e.g. "PL324"
ignore = []                 # checks not to run, e.g. "PL4"

# Files and folders to skip when walking folders: gitignore-style patterns
# ("drafts/", "**/old/*.md"). .gitignore files are honoured too.
extend-exclude = []
respect-gitignore = true
# include = ["*.txt", "*.md"]  # the files to lint in folders (the default)

# Your own rule modules and JSON Schemas (never imported implicitly).
# rule-paths = ["lint/rules"]
# schemas = ["team.schema.json"]

# An inline suppression must say why: <!-- proglint-disable-line PL320 -- reason -->
require-suppression-reason = false

# [{t}severity]              # re-grade checks: error | warning | info | off
# PL110 = "error"

# [{t}per-file-ignores]      # glob (relative to this folder) to checks
# "legacy/*" = ["PL3"]
"""


def starter(pyproject: bool) -> str:
    """The starter text: a ``[tool.proglint]`` table, or top-level keys."""
    if pyproject:
        return "[tool.proglint]\n" + BODY.format(t="tool.proglint.")
    return BODY.format(t="")


def write_starter(folder: Path, file: Path | None = None) -> str:
    """Write the starter configuration; returns what was done, for the user.
    Refuses (UsageError) rather than touch an existing configuration."""
    from .atomic import write_text
    from .config_file import load

    target = file if file is not None else folder / "pyproject.toml"
    if file is None and not target.is_file():
        target = folder / ".proglint.toml"
    target = target if target.is_absolute() else folder / target
    pyproject = target.name == "pyproject.toml"
    if pyproject and target.is_file():
        try:
            before = target.read_text(encoding="utf-8")
            data = tomllib.loads(before)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(f"cannot add [tool.proglint] to {target}: {exc}") from None
        tool = data.get("tool", {})
        if isinstance(tool, dict) and "proglint" in tool:
            raise UsageError(f"{target} already has a [tool.proglint] table; edit it there (or remove it to start again)")
        separator = "" if not before else ("\n" if before.endswith("\n") else "\n\n")
        text = before + separator + ("\n" if before.strip() else "") + starter(True)
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:  # an inline `tool = {...}` table, say
            raise UsageError(f"cannot add [tool.proglint] to {target}: the result would not be valid TOML ({exc})") from None
        done = f"added a [tool.proglint] table to {target}"
    elif target.exists():
        raise UsageError(f"{target} already exists; edit it there (or remove it to start again)")
    else:
        if not target.parent.is_dir():
            raise UsageError(f"cannot write {target}: the folder {target.parent} does not exist")
        text = starter(pyproject)
        done = f"wrote {target}"
    write_text(target, text)
    load.cache_clear()
    load(target)  # raises ConfigError (exit 2) if the starter ever stops validating
    return f"proglint: {done}"
