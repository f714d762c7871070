"""Where the shipped data lives.

``schemas/`` and ``rules/`` sit at the top of the repository and are copied
into the wheel as ``proglint/_data/``; an installed proglint finds them
there, a source checkout (editable install) next to ``src/``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)  # the installation does not move while proglint runs
def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"proglint's '{name}' folder is missing from this installation")


def schema_path(name: str) -> Path:
    return data_dir("schemas") / name
