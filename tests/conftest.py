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
