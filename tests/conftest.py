from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests must hold on a loaded machine: no per-example deadline and
# no "too slow" health check (how long an example takes says nothing about
# whether it is right).  HYPOTHESIS_PROFILE=dev keeps hypothesis' defaults
# for local profiling.
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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


@pytest.fixture(autouse=True)
def _cache_outside_the_tested_folders(tmp_path_factory, monkeypatch):
    """proglint caches results beside the configuration by default; tests
    that look at a folder's files must not find a cache there, so every
    test's runs share one cache folder of their own (the cache's tests set
    their own)."""
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "proglint-cache"))


@pytest.fixture
def seed() -> str:
    return seed_text()


def diagnostics(text: str, code: str, path: str = "doc.txt", **config):
    """The active findings of one check, with only that check selected (so
    rules that are off by default run too)."""
    from proglint.config import Config, Layer
    from proglint.pipeline import active, lint

    found = lint(Source.from_text(path, text), Config(layers=(Layer(select=(code,)),), **config))
    return [d for d in active(found) if d.code == code]


def findings(text: str, code: str, path: str = "doc.txt", **config) -> list[tuple[int, int, int, str]]:
    """(line, column, end column, message) of one check's findings: how rule
    tests assert exact places."""
    return [
        (d.span.start_line, d.span.start_column, d.span.end_column, d.message)
        for d in diagnostics(text, code, path, **config)
    ]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing ``needle``."""
    hits = [i for i, line in enumerate(text.split("\n"), start=1) if needle in line]
    return hits[nth - 1]


def column_of(text: str, line: int, needle: str) -> int:
    """1-based column of ``needle`` on ``line``."""
    return text.split("\n")[line - 1].index(needle) + 1


# A whole program document around table rows, for rule tests that only care
# about the table (the front matter and sections are valid).
DOC_HEAD = """\
---
id: 4497
proposal_type: "calibration"
cycle: ""
exclusive_access_period_months: ""
instrument_mode: ""
pi_and_co_pis: ""
prime_parallel_time_hours: ""
program_title: "Test"
type: ""
---
# 4497 - Test
https://www.stsci.edu/jwst/science-execution/program-information?id=4497
## OBSERVATIONS TABLE
### 1. List of Labels, Observing Templates, and Science Targets

**OBSERVATIONS**

| Folder | Observation | Label | Observing Template | Science Target |
| :----- | :---------- | :---- | :----------------- | :------------- |
"""
DOC_TAIL = """
---

## ABSTRACT

Text.

---

## OBSERVING DESCRIPTION

Text."""


def program_document(*rows) -> str:
    """A whole document around table rows (folder, number, label, template, target)."""
    return DOC_HEAD + "\n".join("| " + " | ".join(str(c) for c in row) + " |" for row in rows) + "\n" + DOC_TAIL


@lru_cache(maxsize=1)
def seeds_concise() -> tuple[str, ...]:
    """`proglint seeds/ --format concise`, run once per test session: every
    rule's tests assert that the real documents give none of its codes."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "proglint", "seeds/", "--format", "concise"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return tuple(result.stdout.splitlines())


def found(text: str, code: str) -> list[tuple]:
    """Every active finding of one selected code, with its related places
    (line, column, end column, message), and any crash (PL901): what the
    mutation tests of the rules assert."""
    from proglint.config import Config, Layer
    from proglint.pipeline import active, lint
    from proglint.source import Source

    config = Config(layers=(Layer(select=(code,)),), rule_time_budget=None)
    return [
        (d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message,
         tuple((r.span.start_line, r.span.start_column, r.span.end_column, r.message) for r in d.related))
        for d in active(lint(Source.from_text("doc.txt", text), config))
    ]


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    """``proglint ARGS`` in this process (so mutation runs see it): exit code, stdout, stderr."""
    from proglint.cli import main

    code = main([*args, "--color", "never"])
    out = capsys.readouterr()
    return code, out.out, out.err


def forbid_linting(monkeypatch) -> None:
    """Make any document that is linted rather than answered from the cache fail the test."""
    import proglint.pipeline

    def examine(*args, **kwargs):
        raise AssertionError("linted again")

    monkeypatch.setattr(proglint.pipeline, "examine", examine)


@pytest.fixture
def fresh_schema_validators(tmp_path, monkeypatch):
    """The fast schema validators built afresh, in an empty user cache: a
    validator kept from an earlier build would answer for the code under test."""
    from proglint.schema import fast, stage

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    for module, name, empty in ((fast, "_BUILT", {}), (fast, "_ROW_BUILT", {}), (stage, "_FAST", {}),
                                (stage, "_ROWS", {}), (stage, "_PROGRAM", [])):
        monkeypatch.setattr(module, name, empty)
