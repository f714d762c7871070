from __future__ import annotations

from pathlib import Path

import pytest

from proglint.parse import parse
from proglint.source import Source

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_PATHS = sorted(SEEDS.glob("*.txt"))
USER_SEED = SEEDS / "000_223d96fec14c6a4f.txt"


def doc(text: str, path: str = "doc.txt"):
    """Parse text as a document."""
    return parse(Source.from_text(path, text))


def seed_text(name: str = "000_223d96fec14c6a4f.txt") -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def problems(text: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of every parse problem, for compact assertions."""
    return [(d.code, d.span.start_line, d.span.start_column) for d in doc(text).problems]


@pytest.fixture
def seed() -> str:
    return seed_text()


def findings(text: str, code: str, path: str = "doc.txt", **config) -> list[tuple[int, int, int, str]]:
    """(line, column, end column, message) of every active finding of one
    check, with only that check selected: how rule tests assert exact places."""
    from proglint.config import Config, Layer
    from proglint.pipeline import active, lint

    found = lint(Source.from_text(path, text), Config(layers=(Layer(select=(code,)),), **config))
    return [
        (d.span.start_line, d.span.start_column, d.span.end_column, d.message)
        for d in active(found)
        if d.code == code
    ]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing ``needle``."""
    hits = [i for i, line in enumerate(text.split("\n"), start=1) if needle in line]
    return hits[nth - 1]


def column_of(text: str, line: int, needle: str) -> int:
    """1-based column of ``needle`` on ``line``."""
    return text.split("\n")[line - 1].index(needle) + 1
