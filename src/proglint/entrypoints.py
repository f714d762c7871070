"""The installed ``proglint.rules`` entry points, without scanning every
installed distribution on every run.

``importlib.metadata.entry_points()`` imports ~30 modules and reads the
metadata of every distribution on ``sys.path``: ~15 ms, paid by each
pre-commit run to find, usually, nothing.  The answer can only change when
a distribution is installed or removed, and installing or removing one
adds or deletes a ``*.dist-info`` folder in a ``sys.path`` folder, which
changes that folder's modification time.  So the list is kept in the user
cache (:mod:`proglint.cache.user`) under a key made of the Python version
and the (path, mtime) of every ``sys.path`` entry, and the scan runs again
only when one of them changes.  (Editing an installed ``entry_points.txt``
in place is not seen; reinstalling is, as is deleting the cache folder.)

:func:`load` imports an entry point's object the way
``importlib.metadata.EntryPoint.load`` does, from the stored value.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import Any

_VALUE = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"  # importlib.metadata's


def rule_entry_points(group: str) -> list[tuple[str, str, str]]:
    """(name, value, distribution name) of each entry point in ``group``."""
    from .cache import user as usercache

    key = repr((sys.version, group, [(entry, _mtime(entry)) for entry in sys.path]))
    return [tuple(item) for item in usercache.memo("entry-points", key, lambda: _scan(group))]


def _mtime(entry: str) -> int | None:
    try:
        return os.stat(entry or ".").st_mtime_ns
    except OSError:
        return None


def _scan(group: str) -> list[tuple[str, str, str]]:
    from importlib.metadata import entry_points

    return [(e.name, e.value, e.dist.name if e.dist else "?") for e in entry_points(group=group)]


def load(value: str) -> Any:
    """The object an entry point's value (``module.sub:attr.sub``) names."""
    match = re.match(_VALUE, value)
    if match is None:
        raise ValueError(f"not an entry point reference: {value!r}")
    target: Any = importlib.import_module(match.group("module"))
    for attribute in filter(None, (match.group("attr") or "").split(".")):
        target = getattr(target, attribute)
    return target
