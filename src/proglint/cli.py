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
    add("--jobs", "-j", type=_positive, metavar="N", help="lint in N processes (default: the available cores; 1: in this process)")
    add("--no-cache", action="store_true", help="neither read nor write the cache")
    add("--cache-dir", metavar="DIR", help="the cache folder (default: .proglint_cache beside the configuration; PROGLINT_CACHE_DIR)")
    add("--debug", action="store_true", help="print tracebacks of internal errors")
    return parser


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


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
        self._default = None

    def for_file(self, path: Path):
        from .config import Config
        from .config_file import find, load

        if self._fixed is not None:
            base = self._fixed
        else:
            found = find(path.parent if str(path.parent) else Path("."))
            if found is not None:
                base = load(found)
            else:  # one default configuration for the run, not one per file
                if self._default is None:
                    self._default = Config(root=Path.cwd())
                base = self._default
        key = id(base)
        if key not in self._cache:
            self._cache[key] = (base, base.with_layer(self._layer).with_exclude(self._exclude))
        return self._cache[key][1]


def _check(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    from .discover import PathNotFound, discover, wanted
    from .pipeline import INTERNAL_ERROR, active, finish, project_findings, registry_for, select
    from .report import Options, Report, render

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
    try:
        found = discover([p for p in paths if p != "-"], tuple(args.exclude))
    except PathNotFound as exc:
        raise UsageError(f"path '{exc.path}' does not exist") from None
    plan = _Plan(args)
    if "-" in paths:
        name = args.stdin_filename or "-"
        from .reading import read_stream

        plan.add(name, configs.for_file(Path(name)), explicit=True, data=read_stream(sys.stdin.buffer))
    for item in found:
        config = configs.for_file(item.path)
        if item.error is not None:
            plan.unreadable.append((_unreadable(str(item.path), f"cannot read the folder: {item.error}"), config))
        elif wanted(item, config):
            plan.add(str(item.path), config, explicit=item.explicit)
    examined, sources, fixed = plan.run()
    extra = project_findings(examined, debug=args.debug)
    results = {result.path: finish(result, config, extra.get(result.path, ())) for result, config in examined}
    for diagnostic, config in plan.unreadable:
        results[diagnostic.path] = select([diagnostic], config, registry_for(config).infos, diagnostic.path)
    if fixed:
        print(f"proglint: fixed {sum(fixed.values())} finding(s) in {len(fixed)} file(s)", file=sys.stderr)
    items = examined
    unreadable = plan.unreadable
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
    for result, config in items:
        registry = registry_for(config)
        checks.update(registry.infos)
        ran[result.path] = _codes_that_ran(config, registry, result.path)
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


def _cacheable(outcome) -> bool:
    """A crash (PL901) is not a result: the next run tries again, and --debug
    can show its traceback."""
    from .pipeline import INTERNAL_ERROR

    examined = outcome.examined
    return (
        examined is not None and outcome.sha is not None
        and not any(d.code == INTERNAL_ERROR.code for d in examined.found)
    )


class _Plan:
    """The files of one run, each with its configuration, then the run:
    cache first, the job runner for the rest, the cache updated."""

    def __init__(self, args):
        self.args = args
        self.configs: list = []
        self._index: dict[int, int] = {}
        self.tasks: list = []
        self.unreadable: list = []  # (diagnostic, config)

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
        from .cache import results as cache
        from .pipeline import registry_for

        if self.args.no_cache:
            return [None] * len(self.configs)
        chosen = self.args.cache_dir
        return [
            cache.Cache(Path(chosen) if chosen else cache.default_folder(config), cache.key_for(config, registry_for(config)))
            for config in self.configs
        ]

    def run(self):
        """(examined, config) in task order, the excerpts by path, and the
        number of fixes applied by path."""
        from dataclasses import replace

        from . import runner

        caches = self._caches()
        import gc

        # Rules, schemas and vocabulary are loaded for good: keep the cyclic
        # collector from walking them again after every few documents.
        gc.freeze()
        settings = runner.Settings(
            tuple(self.configs), fix=self.args.fix, debug=self.args.debug,
            skip_non_documents=self.args.skip_non_documents, hashing=not self.args.no_cache,
        )
        outcomes: list = [None] * len(self.tasks)
        pending: list[int] = []
        for index, task in enumerate(self.tasks):
            store = caches[task.config]
            if store is None or task.data is not None:
                pending.append(index)
                continue
            hit, expected = store.lookup(task.path)
            if hit is not None and not (self.args.fix and any(d.fix for d in hit.examined.found)):
                outcomes[index] = runner.Outcome(task.path, hit.examined, hit.excerpt)
            else:
                pending.append(index)
                self.tasks[index] = replace(task, expected_hash=expected)
        work = [self.tasks[i] for i in pending]
        jobs = self.args.jobs if self.args.jobs is not None else runner.default_jobs()
        for index, outcome in zip(pending, runner.run(work, settings, jobs)):
            task = self.tasks[index]
            store = caches[task.config]
            if outcome.confirmed:
                hit = store.confirmed(task.path)
                outcome = runner.Outcome(task.path, hit.examined, hit.excerpt) if hit else runner.perform(
                    replace(task, expected_hash=None), settings
                )
            elif store is not None and _cacheable(outcome) and task.data is None:
                store.store(task.path, outcome.sha, outcome.stat, outcome.examined, outcome.excerpt)
            outcomes[index] = outcome
        for store in caches:
            if store is not None:
                store.save()
        examined, sources, fixed = [], {}, {}
        for task, outcome in zip(self.tasks, outcomes):
            config = self.configs[task.config]
            if outcome.unreadable is not None:
                self.unreadable.append((_unreadable(task.path, outcome.unreadable), config))
            elif outcome.examined is not None:
                examined.append((outcome.examined, config))
                sources[task.path] = outcome.excerpt
                if outcome.fixed:
                    fixed[task.path] = outcome.fixed
        return examined, sources, fixed


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
