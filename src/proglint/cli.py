"""The ``proglint`` command: a thin shell around :func:`proglint.pipeline.lint`.

Start-up matters (the pre-commit hook pays it on every commit), so only
``argparse`` is imported before the arguments are read; the engine and the
chosen formatter are imported after.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import UsageError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("check", "rules", "explain", "schema", "lsp")
FORMAT_NAMES = ("text", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab")
SCHEMAS = {"document": "program.schema.json", "config": "config.schema.json", "report": "report.schema.json"}


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
        epilog="Other commands: 'proglint rules' lists the checks, 'proglint explain CODE' documents one, "
        "'proglint schema document|config|report' prints a JSON Schema.",
    )
    add = parser.add_argument
    add("--version", action="version", version=f"proglint {__version__}")
    add("paths", nargs="*", metavar="PATH", help="files or folders to lint ('-' for stdin); default: .")
    add("--format", choices=FORMAT_NAMES, help="output format (default: text; github when GITHUB_ACTIONS=true)")
    add("--output-file", metavar="PATH", help="write the report (in --format) to PATH; the terminal still shows text")
    add("--statistics", action="store_true", help="print how many findings each check gave")
    add("--exclude", action="append", default=[], metavar="GLOB", help="skip matching files and folders (repeatable)")
    add("--stdin-filename", metavar="NAME", help="the path to report for text read from '-'")
    add("--config", metavar="PATH", help="use this configuration file for every document")
    add("--isolated", action="store_true", help="ignore all configuration files")
    add("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output (default: auto; NO_COLOR is honoured)")
    add("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    add("-q", "--quiet", action="store_true", help="print only the findings, no summary")
    add("--show-source", dest="show_source", action="store_true", default=True, help="show the source line under each finding (default)")
    add("--no-show-source", dest="show_source", action="store_false", help="do not show source lines")
    add("--select", type=_csv, action="extend", default=None, metavar="CODES", help="run only these checks (codes, prefixes or names, comma-separated)")
    add("--extend-select", type=_csv, action="extend", default=None, metavar="CODES", help="run these checks in addition")
    add("--ignore", type=_csv, action="extend", default=None, metavar="CODES", help="skip these checks")
    add("--fix", action="store_true", help="apply the fixes rules offer (writes the documents, atomically), then report what is left")
    add("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    add("--baseline-prune", action="store_true", help="with --baseline: drop the entries whose findings are gone")
    add("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")
    add("--skip-non-documents", action="store_true", help="also skip named files that do not look like program documents (for pre-commit, where every changed .md is named)")
    add("--debug", action="store_true", help="print tracebacks of internal errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in argv or bool(os.environ.get("PROGLINT_DEBUG"))
    if argv == ["--version"]:  # hook managers probe this: answer without building the parser
        print(f"proglint {__version__}")
        return EXIT_OK
    try:
        if argv and argv[0] in COMMANDS:
            command, rest = argv[0], argv[1:]
        else:
            command, rest = "check", argv
        return {"check": _check, "rules": _rules, "explain": _explain, "schema": _schema, "lsp": _lsp}[command](rest)
    except UsageError as exc:
        print(f"proglint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        from .errors import user_error_message

        message = user_error_message(exc)
        if message is not None:
            print(f"proglint: error: {message}", file=sys.stderr)
            return EXIT_USAGE
        if debug:
            import traceback

            traceback.print_exc()
        print(
            f"proglint: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in proglint; run with --debug for the traceback and please report it.",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


class Configs:
    """The configuration of each document: ``--config``, ``--isolated``, or
    the nearest file above it; the command line's selectors on top."""

    def __init__(self, args):
        from .config import Config, Layer
        from .config_file import load

        self._layer = Layer(
            select=tuple(args.select) if args.select is not None else None,
            extend_select=tuple(args.extend_select or ()),
            ignore=tuple(args.ignore or ()),
        )
        self._exclude = tuple(args.exclude)
        self._isolated = args.isolated
        self._fixed = None
        if args.config:
            path = Path(args.config)
            if not path.is_file():
                raise UsageError(f"configuration file '{args.config}' does not exist")
            self._fixed = load(path)
        elif args.isolated:
            self._fixed = Config(root=Path.cwd())
        self._cache: dict = {}

    def for_file(self, path: Path):
        from .config import Config
        from .config_file import find, load

        if self._fixed is not None:
            base = self._fixed
        else:
            found = find(path.parent if str(path.parent) else Path("."))
            base = load(found) if found is not None else Config(root=Path.cwd())
        key = id(base)
        if key not in self._cache:
            self._cache[key] = (base, base.with_layer(self._layer).with_exclude(self._exclude))
        return self._cache[key][1]


def _check(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    from .config_file import check_selectors
    from .discover import PathNotFound, discover, looks_like_program_document, wanted
    from .parse import parse
    from .pipeline import INTERNAL_ERROR, active, lint_many, registry_for, select
    from .report import Options, Report, render
    from .source import Source

    if args.fix and "-" in (args.paths or []):
        raise UsageError("--fix rewrites files; it cannot be used with '-' (editors get fixes from 'proglint lsp')")
    for option, value in (("--output-file", args.output_file), ("--write-baseline", args.write_baseline), ("--baseline", args.baseline)):
        if value == "-":
            raise UsageError(f"{option} needs a file path, not '-' (to print a format, use --format alone)")
    for option, value in (("--select", args.select), ("--extend-select", args.extend_select), ("--ignore", args.ignore)):
        if value is not None and not value:
            raise UsageError(f"{option} needs at least one code, prefix or rule name")
    if args.baseline_prune and not args.baseline:
        raise UsageError("--baseline-prune needs --baseline FILE")
    if args.write_baseline and args.baseline:
        raise UsageError("use either --write-baseline or --baseline, not both")
    configs = Configs(args)
    paths = args.paths or ["."]
    if args.stdin_filename and "-" not in paths:
        raise UsageError("--stdin-filename is only used with '-' (read the document from standard input)")
    sources: dict[str, Source] = {}
    items = []
    try:
        found = discover([p for p in paths if p != "-"], tuple(args.exclude))
    except PathNotFound as exc:
        raise UsageError(f"path '{exc.path}' does not exist") from None
    checked_selectors: set[int] = set()

    def run(source: Source, config) -> None:
        if id(config) not in checked_selectors:
            checked_selectors.add(id(config))
            check_selectors(config, registry_for(config))
            _check_cli_selectors(registry_for(config), args)
        sources[source.path] = source
        items.append((parse(source), config))

    if "-" in paths:
        name = args.stdin_filename or "-"
        run(Source.from_bytes(name, sys.stdin.buffer.read()), configs.for_file(Path(name)))
    unreadable: list = []  # (diagnostic, config) for files that could not be read
    for item in found:
        config = configs.for_file(item.path)
        path = str(item.path)
        if item.error is not None:
            unreadable.append((_unreadable(path, f"cannot read the folder: {item.error}"), config))
            continue
        if not wanted(item, config):
            continue
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            unreadable.append((_unreadable(path, f"cannot read the file: {exc.strerror or exc}"), config))
            continue
        source = Source.from_bytes(path, data)
        skip_if_foreign = not item.explicit or args.skip_non_documents
        utf16 = source.decode_problem is not None and source.decode_problem.utf16
        if skip_if_foreign and not utf16 and not looks_like_program_document(source.text):
            continue
        run(source, config)

    results = lint_many(items, debug=args.debug)
    for diagnostic, config in unreadable:
        results[diagnostic.path] = select([diagnostic], config, registry_for(config).infos, diagnostic.path)
    if args.fix:
        items, results = _fix(items, results, sources, args)
    diagnostics = [d for path in sorted(results) for d in results[path]]
    files = len(items) + len(unreadable)
    shown = active(diagnostics)
    if args.write_baseline:
        from . import baseline

        count = baseline.write(Path(args.write_baseline), shown, sources)
        print(f"proglint: wrote {count} finding(s) of {files} file(s) to {args.write_baseline}", file=sys.stderr)
        return EXIT_OK
    if args.baseline:
        from . import baseline

        file = Path(args.baseline)
        filtered = baseline.apply(file, baseline.load(file), shown, sources)
        shown = filtered.new
        stale = sum(filtered.stale.values())
        if stale and args.baseline_prune:
            baseline.prune(file, filtered)
            print(f"proglint: dropped {stale} stale entr{'y' if stale == 1 else 'ies'} from {file}", file=sys.stderr)
        elif stale:
            print(
                f"proglint: {file} has {stale} stale entr{'y' if stale == 1 else 'ies'} (those findings are gone); "
                "--baseline-prune drops them",
                file=sys.stderr,
            )

    checks: dict = {}
    ran: dict[str, tuple[str, ...]] = {}
    for document, config in items:
        registry = registry_for(config)
        checks.update(registry.infos)
        ran[document.path] = tuple(
            code for code, info in sorted(registry.infos.items()) if config.severity_of(info, document.path) is not None
        )
    report = Report(
        shown, sources, files, suppressed=[d for d in diagnostics if d.suppression is not None], checks=checks, ran=ran
    )
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" and not args.output_file else "text")
    if args.output_file:
        from .atomic import write_text

        write_text(Path(args.output_file), render(fmt, report, Options(show_source=args.show_source)))
        fmt = "text"
    options = Options(color=_use_color(args.color) and fmt == "text", show_source=args.show_source, quiet=args.quiet)
    sys.stdout.write(render(fmt, report, options))
    if args.statistics:
        from .report import statistics

        # machine formats stay parseable: the counts go to stderr beside them
        (sys.stdout if fmt in ("text", "concise") else sys.stderr).write(statistics(report))
    sys.stdout.flush()
    if any(d.code == INTERNAL_ERROR.code for d in shown):
        return EXIT_USAGE
    if report.summary().errors and not args.exit_zero:
        return EXIT_ERRORS
    return EXIT_OK


def _unreadable(path: str, message: str):
    from .parse.problems import UNREADABLE
    from .span import Span

    return UNREADABLE.diagnostic(Span.point(1, 1), message, path)


def _fix(items, results, sources, args):
    """Apply fixes file by file, write the changed ones, and lint again so the
    report shows what is left."""
    from .fix import fix_until_stable, write
    from .parse import parse
    from .pipeline import lint_many

    fixed_items, findings, files = [], 0, 0
    for document, config in items:
        if any(d.fix is not None and d.suppression is None for d in results[document.path]):

            def relint(source, config=config):
                return lint_many([(parse(source), config)], debug=args.debug)[source.path]

            fixed = fix_until_stable(document.source, relint)
            if fixed.applied:
                write(fixed)
                findings += fixed.applied
                files += 1
                sources[document.path] = fixed.source
                document = parse(fixed.source)
        fixed_items.append((document, config))
    if findings:
        print(f"proglint: fixed {findings} finding(s) in {files} file(s)", file=sys.stderr)
        return fixed_items, lint_many(fixed_items, debug=args.debug)
    return fixed_items, results


def _check_cli_selectors(registry, args) -> None:
    """A selector that names no check is a mistake, not a silent no-op."""
    from .config_file import unknown_selectors

    given = (args.select or []) + (args.extend_select or []) + (args.ignore or [])
    for selector in unknown_selectors(given, registry):
        raise UsageError(f"--select/--extend-select/--ignore: '{selector}' is not a known code, prefix or rule name; 'proglint rules' lists them")


def _rules(argv: list[str]) -> int:
    parser = _Parser(prog="proglint rules", description="List every check proglint knows.")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.add_argument("--config", metavar="PATH", help="show effective severities under this configuration")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")
    args = parser.parse_args(argv)
    from . import ruledocs

    config = _config_here(args)
    sys.stdout.write(ruledocs.render(args.format, config))
    return EXIT_OK


def _config_here(args):
    from .config import Config
    from .config_file import find, load

    if getattr(args, "config", None):
        return load(Path(args.config))
    if getattr(args, "isolated", False):
        return Config()
    found = find(Path.cwd())
    return load(found) if found else Config()


def _explain(argv: list[str]) -> int:
    parser = _Parser(prog="proglint explain", description="Print the documentation of one check.")
    parser.add_argument("code", metavar="CODE", help="a code (PL011) or a name (table-row-cells)")
    args = parser.parse_args(argv)
    from . import ruledocs
    from .config import Config
    from .pipeline import registry_for

    registry = registry_for(Config())
    info = registry.find(args.code)
    if info is None:
        raise UsageError(f"unknown check '{args.code}'; 'proglint rules' lists them")
    sys.stdout.write(ruledocs.explain(info, registry.rule(info.code)))
    return EXIT_OK


def _schema(argv: list[str]) -> int:
    parser = _Parser(prog="proglint schema", description="Print one of proglint's JSON Schemas.")
    parser.add_argument("which", choices=tuple(SCHEMAS), help="document: the program document's JSON form; config: the configuration; report: --format json")
    args = parser.parse_args(argv)
    from .resources import schema_path

    sys.stdout.write(schema_path(SCHEMAS[args.which]).read_text(encoding="utf-8"))
    return EXIT_OK


def _lsp(argv: list[str]) -> int:
    parser = _Parser(prog="proglint lsp", description="Run the language server over stdio (for editors).")
    parser.parse_args(argv)
    from .lsp import serve  # the LSP framework is imported only here

    serve()
    return EXIT_OK
