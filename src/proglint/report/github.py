"""GitHub Actions workflow commands: each finding becomes an annotation on
the pull request's diff, with no upload step and no token.

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::message

``error`` for errors, ``warning`` for warnings, ``notice`` for infos.  The
runner parses these lines, so text that would end a field is escaped as
the runner's own toolkit (``@actions/core``) does: in the message ``%``,
``\\r`` and ``\\n`` become ``%25``, ``%0D`` and ``%0A``; in a property value
``:`` and ``,`` also become ``%3A`` and ``%2C``.  Columns are 1-based code
points and ``endColumn`` is exclusive, as in every proglint format.

The CLI picks this format when ``GITHUB_ACTIONS=true`` and no ``--format``
is given (as yamllint does).  A plain summary line follows the commands
(unless ``--quiet``) so the job log also says how many files were checked;
the runner prints lines that are not commands as they are.

``file`` is relative to the repository root (the folder holding ``.git``),
as the runner expects, whatever folder proglint ran from.
"""

from __future__ import annotations

from ..diagnostic import Severity
from . import summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d, path: str | None = None) -> str:
    s = d.span
    properties = [
        ("file", d.path if path is None else path),
        ("line", s.start_line),
        ("col", s.start_column),
        ("endLine", s.end_line),
        ("endColumn", s.end_column),
        ("title", f"{d.code} {d.name}"),
    ]
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{COMMANDS[d.severity]} {fields}::{escape_data(d.message)}"


def render(report, options) -> str:
    lines = [command(d, report.location(d.path)) for d in report.diagnostics]
    if not options.quiet:
        lines.append(summary_line(report.summary()))
    return "\n".join(lines) + ("\n" if lines else "")
