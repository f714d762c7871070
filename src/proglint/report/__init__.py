"""Output formats: each is one small module with a ``render(report, options)``.

Formats are imported only when chosen, so the pre-commit hook does not pay
for JSON or XML machinery it never uses.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path, PurePath

from ..diagnostic import Diagnostic, Severity
from ..record import Record, field
from ..source import Source

FORMATS = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "json-lines": "json_lines",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
}


# the rule reference, relative to the repository (docs/rules.md is generated
# from the rules' metadata by `proglint rules --format markdown`)
DOCS = "docs/rules.md"


def posix_path(path: str) -> str:
    """The path as given, with ``/`` separators and no leading ``./``."""
    text = PurePath(path).as_posix()
    while text.startswith("./"):
        text = text[2:]
    return text


class Summary(Record):
    files: int
    errors: int
    warnings: int
    infos: int


class Report(Record, frozen=False):
    """Everything a formatter may show: the findings, and the sources they
    point into (for snippets)."""

    diagnostics: list[Diagnostic]
    sources: dict[str, Source] = field(default_factory=dict)
    files: int = 0
    suppressed: list[Diagnostic] = field(default_factory=list)
    # every check known in the run, by code (for SARIF's rule table), and the
    # codes that ran on each file (for JUnit's test cases)
    checks: dict = field(default_factory=dict)
    ran: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the repository root (the folder holding .git, else the working folder):
    # machine formats give paths relative to it, so code scanning and CI
    # place them whatever folder proglint ran from; None keeps them as given
    root: str | None = None
    # the fixes of the run (report.fixes.FixCounts), for the text summary line
    fixes: object | None = None

    def location(self, path: str) -> str:
        """``path`` as machine formats write it: relative to :attr:`root`
        (POSIX separators), absolute when outside it, ``-`` for stdin."""
        if self.root is None or path == "-":
            return posix_path(path)
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()

    def documentation(self, code: str) -> str | None:
        """Where a check is documented: the anchor in docs/rules.md for
        proglint's own checks, None for a team's or a plugin's."""
        info = self.checks.get(code)
        if info is None or not str(info.origin).startswith("proglint"):
            return None
        return f"{DOCS}#{info.code.lower()}-{info.name}"

    def summary(self) -> Summary:
        counts = {s: 0 for s in Severity}
        for diagnostic in self.diagnostics:
            counts[diagnostic.severity] += 1
        return Summary(self.files, counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO])


class Options(Record):
    color: bool = False
    show_source: bool = True
    quiet: bool = False
    strict: bool = False  # warnings fail the run too (JUnit: warnings are failures)


def statistics(report: Report) -> str:
    """``--statistics``: how many findings each check gave, most first;
    ``[*] fixable`` when some of them offer a fix (a check that can fix
    some findings, such as PL011, may have none among these)."""
    counts: dict[str, int] = {}
    names: dict[str, tuple[str, bool]] = {}
    for d in report.diagnostics:
        counts[d.code] = counts.get(d.code, 0) + 1
        names[d.code] = (d.name, (d.code in names and names[d.code][1]) or d.fix is not None)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not rows:
        return ""
    width = max(len(names[code][0]) for code, _ in rows)
    lines = [f"{count:>6}  {code:<6} {names[code][0]:<{width}}  {'[*] fixable' if names[code][1] else ''}".rstrip() for code, count in rows]
    return "\n".join(lines) + "\n"


def render(name: str, report: Report, options: Options) -> str:
    module = importlib.import_module(f".{FORMATS[name]}", __name__)
    return module.render(report, options)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(summary: Summary) -> str:
    files = plural(summary.files, "file")
    if not (summary.errors or summary.warnings or summary.infos):
        return f"Checked {files}: no problems found."
    parts = [plural(summary.errors, "error"), plural(summary.warnings, "warning")]
    if summary.infos:
        parts.append(plural(summary.infos, "info"))
    return f"Checked {files}: " + ", ".join(parts) + "."
