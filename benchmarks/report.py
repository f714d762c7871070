"""Pure helpers of the benchmark report: units, ratios, targets, the markdown
table, and reading what other programs print (``proglint --help``,
``benchmarks/lsp_latency.py``).  Nothing here runs or times anything."""

from __future__ import annotations

import re
from dataclasses import dataclass

NA = "n/a"
UNSUPPORTED = "n/a (not supported by this proglint)"


@dataclass
class Row:
    figure: str
    value: str
    target: str = ""
    met: str = ""
    detail: str = ""


# ---------------------------------------------------------------------------
# Units


def seconds(value: float | None) -> str:
    if value is None:
        return NA
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def rate(count: int, elapsed: float | None) -> float | None:
    if elapsed is None or elapsed <= 0:
        return None
    return count / elapsed


def per_second(value: float | None, unit: str = "docs/s") -> str:
    if value is None:
        return NA
    return f"{value:,.0f} {unit}" if value >= 10 else f"{value:,.1f} {unit}"


def mib(value: int | None) -> str:
    return NA if value is None else f"{value / 2**20:,.1f} MiB"


def micros(value: float | None) -> str:
    return NA if value is None else f"{value * 1e6:,.1f} µs"


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def times(value: float | None) -> str:
    if value is None:
        return NA
    return f"{value:.2f}×" if value < 100 else f"{value:,.0f}×"


def percent(value: float | None) -> str:
    return NA if value is None else f"{value * 100:.1f}%"


# ---------------------------------------------------------------------------
# Targets


def verdict(value: float | None, limit: float, *, at_least: bool) -> str:
    """'yes' when ``value`` meets the target (``>= limit`` when ``at_least``,
    else ``<= limit``), 'no' when it does not, 'n/a' without a value."""
    if value is None:
        return NA
    met = value >= limit if at_least else value <= limit
    return "yes" if met else "no"


# ---------------------------------------------------------------------------
# The table


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured markdown table, columns padded to line up."""
    cells = [[_cell(c) for c in header]] + [[_cell(c) for c in row] for row in rows]
    widths = [max(3, *(len(row[i]) for row in cells)) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(cells[0], widths)) + " |"]
    lines.append("| " + " | ".join("-" * w for w in widths) + " |")
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |" for row in cells[1:]]
    return "\n".join(lines)


def rows_table(rows: list[Row]) -> str:
    return markdown_table(
        ["figure", "value", "target", "met", "detail"],
        [[r.figure, r.value, r.target, r.met, r.detail] for r in rows],
    )


# ---------------------------------------------------------------------------
# Reading other programs' output

_OPTION = re.compile(r"(?<![\w-])(--[A-Za-z][A-Za-z0-9-]*)")


def help_options(help_text: str) -> set[str]:
    """The long options (``--jobs``, ``--no-cache`` ...) an argparse help mentions."""
    return set(_OPTION.findall(help_text))


_MEDIAN = re.compile(r"median\D{0,8}?([\d][\d,]*(?:\.\d+)?)\s*ms", re.IGNORECASE)
_MIN = re.compile(r"\bmin\D{0,8}?([\d][\d,]*(?:\.\d+)?)", re.IGNORECASE)
_MAX = re.compile(r"\bmax\D{0,8}?([\d][\d,]*(?:\.\d+)?)", re.IGNORECASE)
_OPEN = re.compile(r"didOpen\D*?([\d][\d,]*(?:\.\d+)?)\s*ms", re.IGNORECASE)


def _number(match: re.Match | None) -> float | None:
    return float(match.group(1).replace(",", "")) if match else None


@dataclass
class LspFigure:
    setting: str  # "debounce" (the default debounce included) or "work" (debounce 0)
    median_ms: float
    min_ms: float | None
    max_ms: float | None
    open_ms: float | None


def parse_lsp_latency(text: str, rows: int) -> dict[str, LspFigure]:
    """Read what ``benchmarks/lsp_latency.py --rows ROWS`` printed.

    The script prints a section header per debounce setting (a line that is
    not indented and ends with ':'; 'debounce 0' names the run without the
    debounce) and one indented line per document, with 'median N ms'.  Only
    the lines of the generated ROWS-row document are read; a line that names
    no document is taken when it is the only one of its section.  Returns
    {"debounce": ..., "work": ...} with what could be read (maybe empty).
    """
    sections: dict[str, list[str]] = {}
    current = "debounce"
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line[0].isspace() and line.rstrip().endswith(":"):
            current = "work" if re.search(r"debounce\D{0,6}\b0\b", line, re.IGNORECASE) else "debounce"
            sections.setdefault(current, [])
        elif _MEDIAN.search(line):
            sections.setdefault(current, []).append(line)
    wanted = (f"{rows:,}-row", f"{rows}-row", f"{rows:,} rows", f"{rows} rows", "generated")
    found: dict[str, LspFigure] = {}
    for setting, lines in sections.items():
        chosen = next((line for line in lines if any(w in line for w in wanted)), None)
        if chosen is None and len(lines) == 1:
            chosen = lines[0]
        if chosen is None:
            continue
        # min/max are read after the median so a document description cannot match
        tail = chosen[_MEDIAN.search(chosen).end():]
        found[setting] = LspFigure(
            setting, _number(_MEDIAN.search(chosen)), _number(_MIN.search(tail)), _number(_MAX.search(tail)),
            _number(_OPEN.search(chosen)),
        )
    return found


def outcome(returncode: int, stdout: str, stderr: str) -> str:
    """'exit 0, 0 finding(s)' (concise output: one line per finding), with the
    last line of stderr when the program failed (exit 2 and up)."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    text = f"exit {returncode}, {len(lines):,} finding(s)"
    if returncode not in (0, 1):
        error = stderr.strip().splitlines()
        text += f"; stderr: {error[-1] if error else '(empty)'}"
    return text
