"""The ``proglint`` command: a thin shell around :func:`proglint.pipeline.lint`.

Start-up matters (the pre-commit hook pays it on every commit), so only
``argparse`` is imported before the arguments are read; the engine and the
chosen formatter are imported after.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("check", "rules", "explain")


class UsageError(Exception):
    """A problem with how proglint was called: exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 too; keep one message style
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="proglint",
        description="Lint JWST program documents: front matter, heading, URL and observations table.",
        epilog="Other commands: 'proglint rules' lists the checks, 'proglint explain CODE' documents one.",
    )
    parser.add_argument("--version", action="version", version=f"proglint {__version__}")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to lint ('-' for stdin); default: .")
    parser.add_argument("--format", choices=("text", "concise", "json"), help="output format (default: text)")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="skip matching files and folders (repeatable)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the path to report for text read from '-'")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output (default: auto; NO_COLOR is honoured)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the findings, no summary")
    parser.add_argument("--show-source", dest="show_source", action="store_true", default=True, help="show the source line under each finding (default)")
    parser.add_argument("--no-show-source", dest="show_source", action="store_false", help="do not show source lines")
    parser.add_argument("--select", type=_csv, action="extend", default=None, metavar="CODES", help="run only these checks (codes, prefixes or names, comma-separated)")
    parser.add_argument("--extend-select", type=_csv, action="extend", default=None, metavar="CODES", help="run these checks in addition")
    parser.add_argument("--ignore", type=_csv, action="extend", default=None, metavar="CODES", help="skip these checks")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if argv and argv[0] in COMMANDS:
            command, rest = argv[0], argv[1:]
        else:
            command, rest = "check", argv
        if command == "rules":
            return _rules(rest)
        if command == "explain":
            return _explain(rest)
        return _check(rest)
    except UsageError as exc:
        print(f"proglint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        import traceback

        if os.environ.get("PROGLINT_DEBUG"):
            traceback.print_exc()
        print(
            f"proglint: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in proglint; set PROGLINT_DEBUG=1 for the traceback and please report it.",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _check(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    from .config import Config
    from .discover import PathNotFound, discover, looks_like_program_document
    from .pipeline import lint
    from .report import Options, Report, render
    from .source import Source

    config = Config(
        select=tuple(args.select or ()),
        extend_select=tuple(args.extend_select or ()),
        ignore=tuple(args.ignore or ()),
        exclude=tuple(args.exclude),
    )
    paths = args.paths or ["."]
    if args.stdin_filename and "-" not in paths:
        raise UsageError("--stdin-filename is only used with '-' (read the document from standard input)")
    sources: dict[str, Source] = {}
    diagnostics = []
    files = 0
    on_disk = [p for p in paths if p != "-"]
    try:
        found = discover(on_disk, config.exclude)
    except PathNotFound as exc:
        raise UsageError(f"path '{exc.path}' does not exist") from None
    if "-" in paths:
        name = args.stdin_filename or "-"
        source = Source.from_bytes(name, sys.stdin.buffer.read())
        sources[name] = source
        diagnostics += lint(source, config)
        files += 1
    for item in found:
        path = str(item.path)
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read '{path}': {exc.strerror or exc}") from None
        source = Source.from_bytes(path, data)
        if not item.explicit and not looks_like_program_document(source.text):
            continue
        sources[path] = source
        diagnostics += lint(source, config)
        files += 1

    report = Report(diagnostics, sources, files)
    fmt = args.format or "text"
    options = Options(color=_use_color(args.color) and fmt == "text", show_source=args.show_source, quiet=args.quiet)
    sys.stdout.write(render(fmt, report, options))
    sys.stdout.flush()
    if report.summary().errors and not args.exit_zero:
        return EXIT_ERRORS
    return EXIT_OK


def _rules(argv: list[str]) -> int:
    parser = _Parser(prog="proglint rules", description="List every check proglint knows.")
    parser.parse_args(argv)
    from .pipeline import catalog

    for info in sorted(catalog().values(), key=lambda i: i.code):
        state = "" if info.enabled else "  (off by default)"
        print(f"{info.code}  {info.name:<28} {info.severity.value:<8} {info.summary}{state}")
    return EXIT_OK


def _explain(argv: list[str]) -> int:
    parser = _Parser(prog="proglint explain", description="Print the documentation of one check.")
    parser.add_argument("code", metavar="CODE", help="a code (PL011) or a name (table-row-cells)")
    args = parser.parse_args(argv)
    from .pipeline import catalog

    for info in catalog().values():
        if args.code in (info.code, info.name):
            print(f"{info.code} {info.name} ({info.severity.value})\n\n{info.summary}\n\n{info.documentation}")
            return EXIT_OK
    raise UsageError(f"unknown check '{args.code}'; 'proglint rules' lists them")
