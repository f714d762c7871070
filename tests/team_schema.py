"""What the team-schema mutation tests share: seed 1071, where a needle
stands in it, and its findings under a team schema written to a file."""

from __future__ import annotations

import json

from proglint.schema import check

from conftest import SEEDS, doc

BASE = (SEEDS / "1071.txt").read_text(encoding="utf-8")
LINES = BASE.split("\n")
ROW = "|            | "
ROW_LINES = [n for n, line in enumerate(LINES, 1) if line.startswith(ROW)]  # the 10 observations
TITLE = "NIRCam Absolute FGS-NIRCam Alignment"
HEADING = f"# 1071 - {TITLE}"


def at(needle: str, start: str | None = None, nth: int = 1) -> tuple[int, int, int]:
    """(line, column, end column) of ``needle`` on the nth line starting with ``start`` (or containing needle)."""
    lines = [n for n, line in enumerate(LINES, 1) if (line.startswith(start) if start else needle in line)]
    line = lines[nth - 1]
    column = LINES[line - 1].index(needle) + 1
    return line, column, column + len(needle)


def findings(tmp_path, schema: dict, text: str = BASE) -> list[tuple]:
    path = tmp_path / "team.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return [(d.code, d.span.start_line, d.span.start_column, d.span.end_column, d.message) for d in check(doc(text), (path,))]


def rows(schema: dict) -> dict:
    return {"properties": {"observations": {"items": schema}}}


def targets(schema: dict) -> dict:
    return rows({"properties": {"target": schema}})
