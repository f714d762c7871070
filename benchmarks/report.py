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


_EDIT_LINE = re.compile(r"^\s+keystroke (at the end|in a table row)\s+(work per edit|keystroke -> publish)", re.IGNORECASE)


def parse_lsp_latency(text: str, rows: int) -> dict[str, LspFigure]:
    """Read what ``benchmarks/lsp_latency.py --rows ROWS`` printed.

    Returns {"debounce": ..., "work": ...} for a keystroke in a table row
    (keystroke → publish with the adaptive debounce, and the work alone with
    debounce 0) and "debounce-end"/"work-end" for a keystroke at the end of
    the document, with what could be read (maybe empty).  The current script
    prints one section per document (a line that is not indented and ends
    with ':') and one indented line per edit place and setting; the older
    one printed one section per debounce setting and one line per document,
    and is still read so old and new proglints can be compared.
    """
    if any(_EDIT_LINE.match(line) for line in text.splitlines()):
        return _by_document(text, rows)
    return _by_setting(text, rows)


def _wanted(rows: int) -> tuple[str, ...]:
    return (f"{rows:,}-row", f"{rows}-row", f"{rows:,} rows", f"{rows} rows", "generated")


def _figure(setting: str, line: str) -> LspFigure:
    # min/max are read after the median so a document description cannot match
    tail = line[_MEDIAN.search(line).end():]
    return LspFigure(
        setting, _number(_MEDIAN.search(line)), _number(_MIN.search(tail)), _number(_MAX.search(tail)),
        _number(_OPEN.search(line)),
    )


def _by_document(text: str, rows: int) -> dict[str, LspFigure]:
    found: dict[str, LspFigure] = {}
    inside = False
    for line in text.splitlines():
        if line.strip() and not line[0].isspace():
            # the section of the generated document of that size ("1,000-row generated document")
            inside = line.rstrip().endswith(":") and any(w in line for w in _wanted(rows)[:-1])
            continue
        edit = _EDIT_LINE.match(line)
        if inside and edit and _MEDIAN.search(line):
            setting = "work" if edit.group(2).lower().startswith("work") else "debounce"
            if edit.group(1).lower() == "at the end":
                setting += "-end"
            found[setting] = _figure(setting.split("-")[0], line)
    return found


def _by_setting(text: str, rows: int) -> dict[str, LspFigure]:
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
    found: dict[str, LspFigure] = {}
    for setting, lines in sections.items():
        chosen = next((line for line in lines if any(w in line for w in _wanted(rows))), None)
        if chosen is None and len(lines) == 1:
            chosen = lines[0]
        if chosen is not None:
            found[setting] = _figure(setting, chosen)
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
