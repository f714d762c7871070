"""The ``proglint`` command: a thin shell around :func:`proglint.pipeline.lint`.

Start-up matters (the pre-commit hook pays it on every commit), so nothing
but ``os`` and ``sys`` is imported before the arguments are read:
``--version`` answers without ``argparse``, and the engine and the chosen
formatter are imported after the command is known.
"""

from __future__ import annotations

import os
import sys

from . import __version__
from .check_args import FORMAT_NAMES
from .errors import UsageError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
# a first word that is one of these is the command, anything else is a path for "check"
COMMANDS = ("check", "report", "rules", "explain", "schema", "lsp", "format", "init", "completion")
SCHEMAS = {"document": "program.schema.json", "config": "config.schema.json", "report": "report.schema.json"}
SHELLS = ("bash", "zsh", "fish")


def _parser_class():
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message):  # argparse exits 2 too; keep one message style
            self.print_usage(sys.stderr)
            raise UsageError(message)

    return _Parser


def _csv(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _positive(value: str) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def build_parser():
    """The whole command tree (``proglint completion`` reads it too)."""
    _Parser = _parser_class()
    parser = _Parser(
        prog="proglint",
        description="Lint JWST program documents: front matter, heading, URL and observations table.",
        epilog="'proglint PATH...' is short for 'proglint check PATH...' (a first word that is a command is the "
        "command: to lint a folder named like one, write 'proglint check rules/' or 'proglint ./rules'). "
        "'proglint COMMAND --help' describes a command.",
    )
    parser.add_argument("--version", action="version", version=f"proglint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", parser_class=_Parser)

    def command(name: str, summary: str, handler, description: str | None = None):
        sub = commands.add_parser(name, help=summary, description=description or summary)
        sub.set_defaults(handler=handler)
        return sub

    _check_options(command("check", "lint files and folders (the default command)", _check,
                           "Lint program documents: files, folders (walked recursively) or '-' for stdin."))

    report = command("report", "write the portfolio's HTML report (charts, programs, findings)", _report,
                     "Lint program documents and write one self-contained HTML page about the whole portfolio: "
                     "overview, charts, a sortable table of programs and every finding with its source line "
                     "(needs the extra: pip install 'proglint[report]'). Exit status 0 once the page is written, "
                     "whatever it shows (--exit-nonzero-on-findings: 1 when there are errors, as 'check' does).")
    _report_options(report)

    rules = command("rules", "list every check, with its code and severity", _rules,
                    "List every check proglint knows, with the severities the configuration gives them.")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format (default: text)")
    _config_options(rules)

    explain = command("explain", "print the documentation of one check", _explain,
                      "Print the documentation of one check (a team's rules from rule-paths too).")
    explain.add_argument("code", metavar="CODE", help="a code (PL011) or a name (table-row-cells)")
    _config_options(explain)

    schema = command("schema", "print one of proglint's JSON Schemas", _schema)
    schema.add_argument("which", choices=tuple(SCHEMAS), help="document: the program document's JSON form; config: the configuration; report: --format json")

    lsp = command("lsp", "run the language server (for editors)", _lsp,
                  "Run the Language Server Protocol server over stdio (for editors).")
    lsp.add_argument("--stdio", action="store_true", help="accepted for editor clients that send it; stdio is the only transport")

    fmt = command("format", "rewrite program documents in the canonical layout", _format,
                  "Rewrite program documents in the canonical layout (front matter order and quoting, table padding, "
                  "whitespace); the meaning never changes, and only program documents are touched.")
    fmt.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: .)")
    fmt.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    fmt.add_argument("--diff", action="store_true", help="write nothing; print a unified diff; exit 1 if a file would change")

    init = command("init", "write a starter configuration", _init,
                   "Write a commented starter configuration: a [tool.proglint] table appended to pyproject.toml "
                   "when there is one, else .proglint.toml.")
    init.add_argument("--file", metavar="PATH", help="the file to write (pyproject.toml gets a [tool.proglint] table; any other name the keys at the top level)")

    completion = command("completion", "print a shell completion script", _completion,
                         "Print a completion script: eval \"$(proglint completion bash)\" in ~/.bashrc; "
                         "proglint completion zsh > ~/.zfunc/_proglint; "
                         "proglint completion fish > ~/.config/fish/completions/proglint.fish.")
    completion.add_argument("shell", choices=SHELLS)
    return parser


def _report_options(parser) -> None:
    """``proglint report``: the selection and discovery options of ``check``;
    the output options of ``check`` get fixed values (there is one output)."""
    add = parser.add_argument
    add("paths", nargs="*", metavar="PATH", help="files or folders to report on; default: .")
    add("-o", "--output", required=True, metavar="FILE.html",
        help="the page to write (replaced atomically; an existing file is replaced only if it is an HTML page)")
    add("--link-base", metavar="URL",
        help="make paths links to your code host: URL/PATH#L<line> (e.g. https://github.com/ORG/REPO/blob/main)")
    add("--title", default="proglint portfolio report", help="the page's title")
    add("--exit-nonzero-on-findings", action="store_true", help="exit 1 when the page shows errors (--strict: warnings too)")
    add("--strict", action="store_true", help="with --exit-nonzero-on-findings: warnings count too")
    add("--no-progress", dest="progress", action="store_false", help="no progress line on the terminal")
    add("--exclude", action="append", default=None, metavar="PATTERN", help="as for check")
    add("--extend-exclude", action="append", default=[], metavar="PATTERN", help="as for check")
    add("--respect-gitignore", dest="respect_gitignore", action="store_true", default=None, help="as for check")
    add("--no-respect-gitignore", dest="respect_gitignore", action="store_false", help="as for check")
    add("--force-exclude", action="store_true", help="as for check")
    _config_options(parser)
    add("--select", type=_csv, action="extend", default=None, metavar="CODES", help="run only these checks")
    add("--extend-select", type=_csv, action="extend", default=None, metavar="CODES", help="run these checks in addition")
    add("--ignore", type=_csv, action="extend", default=None, metavar="CODES", help="skip these checks")
    add("--baseline", metavar="FILE", help="show only findings that are not in this baseline")
    add("--skip-non-documents", action="store_true", help="skip named files that do not look like program documents")
    add("--jobs", "-j", type=_positive, metavar="N", help="lint in N processes (default: the available cores)")
    add("--debug", action="store_true", help="print tracebacks of internal errors")
    # what check's other options would be; the report reads every document
    # afresh (the cache holds findings, not the counts the page shows)
    parser.set_defaults(
        format=None, output_file=None, statistics=False, stdin_filename=None, show_files=False, show_settings=False,
        color="never", exit_zero=False, quiet=True, show_source=True, fix=False, unsafe_fixes=False,
        baseline_prune=False, write_baseline=None, no_cache=True, cache_dir=None, figures=True,
        diff=False, fix_only=False, show_fixes=False,
    )


def _config_options(parser) -> None:
    parser.add_argument("--config", metavar="PATH", help="use this configuration file")
    parser.add_argument("--isolated", action="store_true", help="ignore all configuration files")


def _check_options(parser) -> None:
    add = parser.add_argument
    add("paths", nargs="*", metavar="PATH", help="files or folders to lint ('-' for stdin); default: .")
    add("--format", choices=FORMAT_NAMES, help="output format (default: text; github when GITHUB_ACTIONS=true)")
    add("--output-file", metavar="PATH", help="write the report (in --format) to PATH; the terminal still shows text")
    add("--statistics", action="store_true", help="print how many findings each check gave")
    add("--exclude", action="append", default=None, metavar="PATTERN",
        help="gitignore-style pattern of files and folders to skip, relative to the working folder; replaces the configuration's exclude (repeatable)")
    add("--extend-exclude", action="append", default=[], metavar="PATTERN",
        help="like --exclude, in addition to the configuration's exclude (repeatable)")
    add("--respect-gitignore", dest="respect_gitignore", action="store_true", default=None,
        help="skip files that .gitignore files ignore (default, unless the configuration says respect-gitignore = false)")
    add("--no-respect-gitignore", dest="respect_gitignore", action="store_false", help="do not read .gitignore files")
    add("--force-exclude", action="store_true",
        help="apply the exclusions (and .gitignore) to files named on the command line too (for pre-commit)")
    add("--stdin-filename", metavar="NAME", help="the path to report for text read from '-'")
    _config_options(parser)
    add("--show-files", action="store_true", help="print the files that would be linted, one per line, and exit")
    add("--show-settings", action="store_true", help="print the configuration that applies to the first PATH (JSON) and exit")
    add("--color", choices=("auto", "always", "never"), default="auto",
        help="colour the text output (default: auto: on a terminal; FORCE_COLOR forces it, NO_COLOR turns it off and wins over FORCE_COLOR)")
    add("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    add("--strict", action="store_true", help="exit 1 on warnings too, not only on errors")
    add("-q", "--quiet", action="store_true", help="print only the findings, no summary")
    add("--show-source", dest="show_source", action="store_true", default=True, help="show the source line under each finding (default)")
    add("--no-show-source", dest="show_source", action="store_false", help="do not show source lines")
    add("--select", type=_csv, action="extend", default=None, metavar="CODES", help="run only these checks (codes, prefixes or names, comma-separated)")
    add("--extend-select", type=_csv, action="extend", default=None, metavar="CODES", help="run these checks in addition")
    add("--ignore", type=_csv, action="extend", default=None, metavar="CODES", help="skip these checks")
    add("--fix", action="store_true", help="apply the safe fixes rules offer (writes the documents, atomically), then report what is left")
    add("--unsafe-fixes", action="store_true", help="with --fix (--diff, --fix-only, --show-fixes): the unsafe fixes too (a good guess that may be wrong, such as renumbering a duplicate)")
    add("--diff", action="store_true", help="write nothing; print a unified diff of what --fix would change; exit 1 if it would change a file")
    add("--fix-only", action="store_true", help="apply the fixes as --fix does, report only what was fixed; exit 0 unless a fix could not be written")
    add("--show-fixes", action="store_true", help="list, per file, the fixes applied (with --fix) or that --fix would apply")
    add("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    add("--baseline-prune", action="store_true", help="with --baseline: drop the entries whose findings are gone")
    add("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")
    add("--skip-non-documents", action="store_true", help="also skip named files that do not look like program documents (for pre-commit, where every changed .md is named)")
    add("--jobs", "-j", type=_positive, metavar="N", help="lint in N processes (default: the available cores; 1: in this process)")
    add("--no-cache", action="store_true", help="neither read nor write the cache")
    add("--cache-dir", metavar="DIR", help="the cache folder (default: .proglint_cache beside the configuration; PROGLINT_CACHE_DIR)")
    add("--no-progress", dest="progress", action="store_false", help="no progress line on the terminal (shown only there, for runs over a second)")
    add("--debug", action="store_true", help="print tracebacks of internal errors")
    parser.set_defaults(figures=False)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv in (["--version"], ["-V"]):  # the hot path of tools that probe the version: no argparse
        sys.stdout.write(f"proglint {__version__}\n")
        return EXIT_OK
    debug = "--debug" in argv or bool(os.environ.get("PROGLINT_DEBUG"))
    implicit = False
    if not argv:
        argv, implicit = ["check"], True
    elif argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv, implicit = ["check", *argv], True
    try:
        args = _read_arguments(argv)
        if args.command is None:  # "proglint" with options only, handled above; kept for safety
            args = build_parser().parse_args(["check", *argv])
        args.implicit = implicit
        return args.handler(args)
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


def _read_arguments(argv: list[str]):
    """The command line's namespace: a plain ``check`` line (what the
    pre-commit hook and editors run) without argparse, anything else with
    it (see :mod:`proglint.check_args`)."""
    if argv[0] == "check":
        from . import check_args

        args = check_args.read(argv[1:])
        if args is not None:
            args.handler = _check
            return args
    return build_parser().parse_args(argv)


def _use_color(choice: str) -> bool:
    """--color always|never, else NO_COLOR (no-color.org) then FORCE_COLOR
    (force-color.org): any non-empty value counts; NO_COLOR wins when both
    are set (as CPython's own colouring decides), else a terminal."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


class Configs:
    """The configuration of each document: ``--config``, ``--isolated``, or
    the nearest file above it; the command line's selectors on top."""

    def __init__(self, args):
        from pathlib import Path

        from .config import Config, Layer
        from .config_file import load

        self._layer = Layer(
            select=tuple(args.select) if args.select is not None else None,
            extend_select=tuple(args.extend_select or ()),
            ignore=tuple(args.ignore or ()),
        )
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
        self._by_folder: dict[str, object] = {}
        self._loaded: dict = {}  # configuration file -> Config
        self._default = None

    def for_file(self, path: Path):
        folder = str(path.parent)  # the same for every file of a folder: looked up once
        config = self._by_folder.get(folder)
        if config is None:
            config = self._by_folder[folder] = self._for_folder_of(path)
        return config

    def _for_folder_of(self, path: Path):
        from pathlib import Path

        from .config import Config
        from .config_file import find, load

        if self._fixed is not None:
            base = self._fixed
        else:
            found = find(path.parent if str(path.parent) else Path("."))
            if found is not None:  # read once per run, whatever the number of folders it governs
                base = self._loaded.get(found)
                if base is None:
                    base = self._loaded[found] = load(found)
            else:  # one default configuration for the run, not one per file
                if self._default is None:
                    self._default = Config(root=Path.cwd())
                base = self._default
        key = id(base)
        if key not in self._cache:
            self._cache[key] = (base, base.with_layer(self._layer))
        return self._cache[key][1]

    def for_folder(self, folder: Path):
        return self.for_file(folder / "_")


def _check(args) -> int:
    linted = _lint(args)
    if isinstance(linted, int):
        return linted
    report, plan = linted
    from .pipeline import INTERNAL_ERROR
    from .report import Options, render
    from .report.fixes import show_fixes

    shown = report.diagnostics
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" and not args.output_file else "text")
    if args.output_file:
        from pathlib import Path

        from .atomic import write_text

        write_text(Path(args.output_file), render(fmt, report, Options(show_source=args.show_source, strict=args.strict)))
        fmt = "text"
    options = Options(color=_use_color(args.color) and fmt == "text", show_source=args.show_source, quiet=args.quiet, strict=args.strict)
    sys.stdout.write(render(fmt, report, options))
    if args.statistics:
        from .report import statistics

        # machine formats stay parseable: the counts go to stderr beside them
        (sys.stdout if fmt in ("text", "concise") else sys.stderr).write(statistics(report))
    if args.show_fixes:  # for people: beside the text format, else on stderr (concise lines are parsed too)
        (sys.stdout if fmt == "text" else sys.stderr).write(
            show_fixes(plan.fixes, applied=args.fix or args.fix_only)
        )
    sys.stdout.flush()
    if any(d.code == INTERNAL_ERROR.code for d in shown):
        return EXIT_USAGE
    if args.fix_only:
        return EXIT_ERRORS if shown and not args.exit_zero else EXIT_OK
    summary = report.summary()
    if (summary.errors or (args.strict and summary.warnings)) and not args.exit_zero:
        return EXIT_ERRORS
    return EXIT_OK


def _report(args) -> int:
    """``proglint report``: lint as ``check`` does, then write the page."""
    from pathlib import Path

    if "-" in (args.paths or []):
        raise UsageError("'proglint report' reads files and folders, not standard input ('-')")
    try:
        from .portfolio import page
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("jinja2", "markupsafe"):
            raise
        raise UsageError(
            "'proglint report' needs Jinja2, which the optional extra brings: pip install 'proglint[report]'"
        ) from None
    from .atomic import write_text
    from .pipeline import INTERNAL_ERROR
    from .portfolio.collect import collect

    output = Path(args.output)
    _refuse_to_replace(output)
    linted = _lint(args)
    if isinstance(linted, int):
        return linted
    report, plan = linted
    write_text(output, page.render(collect(report, plan.figures, link_base=args.link_base), title=args.title))
    summary = report.summary()
    print(
        f"proglint: wrote {output} ({summary.files} document{'' if summary.files == 1 else 's'}, "
        f"{summary.errors} error(s), {summary.warnings} warning(s), {summary.infos} info(s))",
        file=sys.stderr,
    )
    if any(d.code == INTERNAL_ERROR.code for d in report.diagnostics):
        return EXIT_USAGE
    if args.exit_nonzero_on_findings and (summary.errors or (args.strict and summary.warnings)):
        return EXIT_ERRORS
    return EXIT_OK


def _refuse_to_replace(output) -> None:
    """The page may replace an earlier page, never another kind of file
    (``-o README.md`` is a slip of the keyboard, not a wish)."""
    if output.is_dir():
        raise UsageError(f"-o {output}: it is a folder; name the page to write (e.g. {output}/report.html)")
    if not output.exists():
        if not output.absolute().parent.is_dir():
            raise UsageError(f"-o {output}: the folder '{output.parent}' does not exist")
        return
    try:
        with open(output, "rb") as handle:
            head = handle.read(256).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    except OSError as exc:
        raise UsageError(f"-o {output}: cannot read the existing file: {exc.strerror or exc}") from None
    if not (head.startswith(b"<!doctype html") or head.startswith(b"<html")):
        raise UsageError(f"-o {output}: the file exists and is not an HTML page; remove it or choose another name")


def _lint(args):
    """Lint the paths of ``check`` or ``report``: the report and the run's
    plan (what was fixed or would be, ``--diff``'s diffs, the documents'
    portfolio figures by path when ``args.figures``), or an exit status
    when the command ends early (--show-files, --diff …)."""
    from pathlib import Path

    from .discover import Filter, PathNotFound, discover, wanted
    from .fix import NOT_WRITTEN
    from .pipeline import INTERNAL_ERROR, active, finish, project_findings, registry_for, select
    from .report import Report
    from .report.fixes import counts

    for option, given in (("--fix", args.fix), ("--fix-only", args.fix_only)):
        if given and not args.diff and "-" in (args.paths or []):
            raise UsageError(f"{option} rewrites files; it cannot be used with '-' (--diff shows the fixes; editors get them from 'proglint lsp')")
    if args.diff and args.write_baseline:
        raise UsageError("--diff writes nothing; it cannot be used with --write-baseline")
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
    if args.show_settings:
        return _show_settings(args, configs, paths)
    filter = Filter(configs.for_folder, args.exclude, args.extend_exclude, args.respect_gitignore)
    try:
        found = discover([p for p in paths if p != "-"], filter=filter, force_exclude=args.force_exclude)
    except PathNotFound as exc:
        if args.implicit and args.paths and exc.path == args.paths[0] and "/" not in exc.path and os.sep not in exc.path:
            import difflib

            close = difflib.get_close_matches(exc.path, COMMANDS, n=1)
            hint = f" (did you mean 'proglint {close[0]}'?)" if close else "; 'proglint --help' lists the commands"
            raise UsageError(f"no such file or command: {exc.path}{hint}") from None
        raise UsageError(f"path '{exc.path}' does not exist") from None
    if args.show_files:
        for item in found:
            if item.error is None and wanted(item, configs.for_file(item.path), patterns=False):
                print(item.path)
        return EXIT_OK
    plan = _Plan(args)
    if "-" in paths:
        name = args.stdin_filename or "-"
        from .reading import read_stream

        config = configs.for_file(Path(name))
        plan.add(name, config, explicit=True, data=read_stream(sys.stdin.buffer, config.max_file_size))
    for item in found:
        config = configs.for_file(item.path)
        if item.error is not None:
            plan.unreadable.append((_unreadable(str(item.path), f"cannot read the folder: {item.error}"), config))
        elif wanted(item, config, patterns=False):
            plan.add(str(item.path), config, explicit=item.explicit)
    examined, sources, fixed = plan.run()
    if args.diff:
        return _diff_only(args, plan)
    extra = project_findings(examined, debug=args.debug)
    results = {result.path: finish(result, config, extra.get(result.path, ())) for result, config in examined}
    for diagnostic, config in plan.unreadable:
        results[diagnostic.path] = select([diagnostic], config, registry_for(config).infos, diagnostic.path)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" and not args.output_file else "text")
    if fixed and (args.quiet or fmt != "text" or args.output_file):  # else the text summary line says it
        print(f"proglint: fixed {sum(fixed.values())} finding(s) in {len(fixed)} file(s)", file=sys.stderr)
    items = examined
    unreadable = plan.unreadable
    diagnostics = [d for path in sorted(results) for d in results[path]]
    files = len(items) + len(unreadable)
    shown = active(diagnostics)
    if args.fix_only:  # what was fixed is the report; only what stopped a fix is a finding
        shown = [d for d in shown if d.code in (NOT_WRITTEN.code, INTERNAL_ERROR.code)]
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
    registries: dict[int, object] = {}  # one per configuration, not one look-up per file
    for result, config in items:
        registry = registries.get(id(config))
        if registry is None:
            registry = registries[id(config)] = registry_for(config)
            checks.update(registry.infos)
        ran[result.path] = _codes_that_ran(config, registry, result.path)
    from .discover import repository_root

    report = Report(
        shown, sources, files, suppressed=[d for d in diagnostics if d.suppression is not None], checks=checks, ran=ran,
        root=str(repository_root(Path.cwd()) or Path(os.path.abspath("."))),
        fixes=counts(shown, fixed=sum(fixed.values()), fix=args.fix, unsafe_fixes=args.unsafe_fixes, only=args.fix_only),
    )
    return report, plan


def _diff_only(args, plan) -> int:
    """``--diff``: the unified diff of every file --fix would change, in
    the order the files were named and found (whatever ``--jobs``), on
    stdout and nothing else; what would stop a write (PL902) and the counts
    on stderr, with the files that could not be read.  Exit 1 when there is
    something to change or a file whose fixes could not be written (or that
    could not be read), 2 on an internal error, else 0."""
    from .fix import NOT_WRITTEN
    from .parse.problems import UNREADABLE
    from .pipeline import INTERNAL_ERROR
    from .report import plural
    from .report.fixes import show_fixes

    for diff in plan.diffs:
        sys.stdout.write(diff)
    sys.stdout.flush()
    stopped = crashed = 0
    found = [d for result, _ in plan.examined for d in result.found] + [d for d, _ in plan.unreadable]
    for d in found:
        if d.code in (NOT_WRITTEN.code, INTERNAL_ERROR.code, UNREADABLE.code):
            print(f"{d.path}:{d.span.start_line}:{d.span.start_column}: {d.severity.value} {d.code} {d.message}", file=sys.stderr)
            stopped += d.code != INTERNAL_ERROR.code
            crashed += d.code == INTERNAL_ERROR.code
    would = sum(len(applied) for applied in plan.fixes.values())
    if args.show_fixes:
        sys.stderr.write(show_fixes(plan.fixes, applied=False))
    if not args.quiet:
        files = sum(1 for diff in plan.diffs if diff)
        print(f"proglint: would fix {plural(would, 'finding')} in {plural(files, 'file')}" if would
              else "proglint: no fixes to apply", file=sys.stderr)
    if crashed:
        return EXIT_USAGE
    return EXIT_ERRORS if (would or stopped) and not args.exit_zero else EXIT_OK


def _show_settings(args, configs, paths) -> int:
    """``--show-settings``: the configuration that applies to the first path, as JSON."""
    from pathlib import Path

    import json

    from .discover import DEFAULT_EXCLUDE
    from .pipeline import registry_for

    first = Path(next((p for p in paths if p != "-"), args.stdin_filename or "."))
    config = configs.for_folder(first) if first.is_dir() else configs.for_file(first)
    registry = registry_for(config)
    relative = None if first.is_dir() else str(first)
    layers = [
        {"select": list(layer.select) if layer.select is not None else None,
         "extend-select": list(layer.extend_select), "ignore": list(layer.ignore)}
        for layer in config.layers
    ]
    settings = {
        "path": str(first),
        "config-file": str(config.path) if config.path else None,
        "root": str(config.root) if config.root else None,
        "selection": layers,
        "severity": dict(config.severity),
        "per-file-ignores": {glob: list(codes) for glob, codes in config.per_file_ignores},
        "include": list(config.include) or ["*.txt", "*.md"],
        "exclude": list(args.exclude) if args.exclude is not None else list(DEFAULT_EXCLUDE if config.exclude is None else config.exclude),
        "extend-exclude": list(config.extend_exclude) + list(args.extend_exclude),
        "respect-gitignore": config.respect_gitignore if args.respect_gitignore is None else args.respect_gitignore,
        "force-exclude": args.force_exclude,
        "rule-paths": [str(p) for p in config.rule_paths],
        "schemas": [str(p) for p in config.schemas],
        "vocabulary": [str(p) for p in config.vocabulary],
        "require-suppression-reason": config.require_suppression_reason,
        "rule-time-budget": config.rule_time_budget or 0,
        "max-file-size": config.max_file_size,
        "rule": config.rule_settings,
        "enabled": {
            code: severity.value
            for code, info in sorted(registry.infos.items())
            if (severity := config.severity_of(info, relative)) is not None
        },
    }
    sys.stdout.write(json.dumps(settings, indent=2) + "\n")
    return EXIT_OK


def _unreadable(path: str, message: str):
    from .parse.problems import UNREADABLE
    from .span import Span

    return UNREADABLE.diagnostic(Span.point(1, 1), message, path)


_RAN: dict = {}


def _codes_that_ran(config, registry, path: str) -> tuple[str, ...]:
    """The codes enabled for one file (JUnit's test cases); the same for
    every file of a configuration without per-file ignores."""
    key = (id(config), None if not config.per_file_ignores else path)
    if key not in _RAN:
        _RAN[key] = (config, tuple(
            code for code, info in sorted(registry.infos.items()) if config.severity_of(info, path) is not None
        ))
    return _RAN[key][1]


class _Plan:
    """The files of one run, each with its configuration, then the run:
    cache first, the job runner for the rest, the cache updated."""

    def __init__(self, args):
        self.args = args
        self.configs: list = []
        self._index: dict[int, int] = {}
        self.tasks: list = []
        self.unreadable: list = []  # (diagnostic, config)
        self.fixes: dict = {}  # path -> fix.Applied applied (or that would be), in task order
        self.diffs: list[str] = []  # --diff: each changed file's diff, in task order
        self.examined: list = []
        self.figures: dict = {}  # path -> portfolio.figures.DocumentFigures (proglint report)

    def add(self, path: str, config, *, explicit: bool, data: bytes | None = None) -> None:
        from .runner import Task

        self.tasks.append(Task(path, self._config_index(config), explicit, data=data))

    def _config_index(self, config) -> int:
        if id(config) not in self._index:
            from .config_file import check_selectors
            from .pipeline import registry_for

            registry = registry_for(config)
            check_selectors(config, registry)
            _check_cli_selectors(registry, self.args)
            self._index[id(config)] = len(self.configs)
            self.configs.append(config)
        return self._index[id(config)]

    def _caches(self) -> list:
        from pathlib import Path

        if self.args.no_cache:
            return [None] * len(self.configs)
        from .cache import results as cache
        from .pipeline import registry_for

        chosen = self.args.cache_dir
        return [
            cache.Cache(Path(chosen) if chosen else cache.default_folder(config), cache.key_for(config, registry_for(config)))
            for config in self.configs
        ]

    def run(self):
        """(examined, config) in task order, the excerpts by path, and the
        number of fixes applied by path."""
        from . import runner
        from .progress import Progress

        caches = self._caches()
        import gc

        # Rules, schemas and vocabulary are loaded for good: keep the cyclic
        # collector from walking them again after every few documents.
        gc.freeze()
        args = self.args
        settings = runner.Settings(
            tuple(self.configs), fix=args.fix or args.fix_only or args.diff or args.show_fixes,
            unsafe_fixes=args.unsafe_fixes, write=(args.fix or args.fix_only) and not args.diff, diff=args.diff,
            debug=args.debug, skip_non_documents=args.skip_non_documents, hashing=not args.no_cache, figures=args.figures,
        )
        outcomes = self.outcomes = [None] * len(self.tasks)
        pending: list[int] = []
        for index, task in enumerate(self.tasks):
            store = caches[task.config]
            if store is None or task.data is not None:
                pending.append(index)
                continue
            hit, expected = store.lookup(task.path)
            if hit is not None and not (settings.fix and any(d.fix for d in hit.examined.found)):
                outcomes[index] = runner.Outcome(task.path, hit.examined, hit.excerpt)
            else:
                pending.append(index)
                self.tasks[index] = task.expecting(expected)
        work = [self.tasks[i] for i in pending]
        jobs = self.args.jobs if self.args.jobs is not None else runner.default_jobs()
        with Progress(len(self.tasks), sys.stderr, enabled=self.args.progress) as progress:
            progress.advance(len(self.tasks) - len(work))  # the cache's answers
            for index, outcome in zip(pending, runner.run(work, settings, jobs)):
                self._settle(index, outcome, caches, settings)
                progress.advance()
        for store in caches:
            if store is not None:
                store.save()
        return self._results()

    def _settle(self, index: int, outcome, caches, settings) -> None:
        """Take one task's outcome (and keep it in the cache)."""
        from . import runner

        task = self.tasks[index]
        store = caches[task.config]
        if outcome.confirmed:
            hit = store.confirmed(task.path)
            outcome = runner.Outcome(task.path, hit.examined, hit.excerpt) if hit else runner.perform(
                task.expecting(None), settings
            )
        elif store is not None and outcome.examined is not None and outcome.sha is not None and task.data is None:
            store.store(task.path, outcome.sha, outcome.stat, outcome.examined, outcome.excerpt)
        self.outcomes[index] = outcome
        if outcome.figures is not None:
            self.figures[task.path] = outcome.figures

    def _results(self):
        examined, sources, fixed = [], {}, {}
        for task, outcome in zip(self.tasks, self.outcomes):
            config = self.configs[task.config]
            if outcome.unreadable is not None:
                self.unreadable.append((_unreadable(task.path, outcome.unreadable), config))
            elif outcome.examined is not None:
                examined.append((outcome.examined, config))
                sources[task.path] = outcome.excerpt
                if outcome.fixed:
                    fixed[task.path] = outcome.fixed
                if outcome.fixes:
                    self.fixes[task.path] = outcome.fixes
                if outcome.diff:
                    self.diffs.append(outcome.diff)
        self.examined = examined
        return examined, sources, fixed


def _check_cli_selectors(registry, args) -> None:
    """A selector that names no check is a mistake, not a silent no-op."""
    from .config_file import unknown_selectors

    given = (args.select or []) + (args.extend_select or []) + (args.ignore or [])
    for selector in unknown_selectors(given, registry):
        raise UsageError(f"--select/--extend-select/--ignore: '{selector}' is not a known code, prefix or rule name; 'proglint rules' lists them")


def _rules(args) -> int:
    from . import ruledocs

    sys.stdout.write(ruledocs.render(args.format, _config_here(args)))
    return EXIT_OK


def _config_here(args):
    """``--config``, ``--isolated``, or the configuration of the working folder."""
    from pathlib import Path

    from .config import Config
    from .config_file import find, load

    if getattr(args, "config", None):
        path = Path(args.config)
        if not path.is_file():
            raise UsageError(f"configuration file '{args.config}' does not exist")
        return load(path)
    if getattr(args, "isolated", False):
        return Config(root=Path.cwd())
    found = find(Path.cwd())
    return load(found) if found else Config(root=Path.cwd())


def _explain(args) -> int:
    from . import ruledocs
    from .pipeline import registry_for

    registry = registry_for(_config_here(args))
    info = registry.find(args.code)
    if info is None:
        raise UsageError(f"unknown check '{args.code}'; 'proglint rules' lists them")
    sys.stdout.write(ruledocs.explain(info, registry.rule(info.code)))
    return EXIT_OK


def _schema(args) -> int:
    from .resources import schema_path

    sys.stdout.write(schema_path(SCHEMAS[args.which]).read_text(encoding="utf-8"))
    return EXIT_OK


def _lsp(args) -> int:
    from .lsp import serve  # the LSP framework is imported only here

    serve()
    return EXIT_OK


def _format(args) -> int:
    from .formatting import format_paths

    return format_paths(args.paths or ["."], check=args.check, diff=args.diff)


def _init(args) -> int:
    from pathlib import Path

    from .init import write_starter

    print(write_starter(Path("."), Path(args.file) if args.file else None))
    return EXIT_OK


def _completion(args) -> int:
    from .completion import script

    sys.stdout.write(script(args.shell, build_parser()))
    return EXIT_OK
