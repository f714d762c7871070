"""Mutation testing: how much of the behaviour of the rules, the parser, the
schema checks, the suppressions, the fixer, the cache and the job runner the
tests pin down.  One command, slow (see README's "Mutation testing"):

    nice -n 10 .venv/bin/python benchmarks/mutation.py                  # every module
    nice -n 10 .venv/bin/python benchmarks/mutation.py --only rules/folders.py
    nice -n 10 .venv/bin/python benchmarks/mutation.py --only rules/folders.py --survivors

It runs mutmut (3.x) once per module, against only the test files that cover
that module (``MODULES`` below), and prints a markdown table: mutants,
killed, survived, equivalent, and the score, killed / (mutants - equivalent).
A timeout counts as killed; a mutant no selected test reaches counts as
survived.  ``--survivors`` prints the diff of every survivor not listed as
equivalent.

**Why mutmut.** Three tools were tried on ``rules/folders.py`` with
``tests/test_rule_folders.py`` on this 2-core machine under load:

- mutmut 3.8: 153 mutants in 70 s (about 2-3 a second). It loads the code
  once and forks a worker per mutant, switching mutants on by name inside
  the copied source, and runs only the tests that reach the mutated
  function.
- cosmic-ray 8.7: 361 mutants (it makes every replacement of every operator),
  each a fresh ``pytest`` process: about 10 s a mutant here, an hour for
  this one module; the whole list would take days.
- pytest-gremlins 1.12: its batch run sat idle past 6 minutes without a
  result.

mutmut has one problem with this layout: it names a mutant after the file's
path (``rules.folders.x_folder_split__mutmut_3``) and finds which mutant a
call belongs to by the function's module name, but the plugin loader imports
``rules/`` as a private package named after a checksum of the folder.
``benchmarks/mutation_alias.py`` (a pytest plugin passed only in these runs)
imports the shipped folder as the package ``rules`` instead; nothing else
changes.  The ``src/`` layout needs nothing: mutmut puts its copy of
``src/`` first on the path, and proglint finds ``rules/`` and ``schemas/``
next to the ``src/`` it was imported from, so the mutated copies are the
ones loaded.

mutmut is not a project dependency: it is installed with the project into a
throwaway virtualenv (``~/.cache/proglint-bench/mutation-venv``, or
``--venv DIR``) on the first run.  Each module runs in a fresh copy of the
repository's files under ``--workdir`` (mutmut writes its ``mutants/``
folder and config there; the checkout is never touched).

Mutation runs turn off proglint's per-user cache (``XDG_CACHE_HOME`` points
under a file) and empty the rules' in-process memos before each test
(``mutation_alias``): a value computed by the clean run's unmutated code
would otherwise hide every mutant behind it.

**Equivalent mutants** are listed in ``benchmarks/equivalent-mutants.txt``,
one a line: the mutant's name as mutmut prints it, then a one-line reason.
An entry whose mutant no longer exists or is killed is reported as stale
(mutmut numbers mutants within a function, so editing a function renumbers
them): re-check it with ``--survivors``.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import time
import venv
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "proglint-bench"
EQUIVALENTS = ROOT / "benchmarks" / "equivalent-mutants.txt"
MUTMUT = "mutmut>=3.8,<4"

_PARSE_TESTS = (
    "tests/test_parse_problems.py", "tests/test_parse_equivalence.py", "tests/test_model.py",
    "tests/test_source.py", "tests/test_mutants_parse.py", "tests/test_mutants_parse_frontmatter.py",
    "tests/test_mutants_parse_table.py", "tests/test_mutants_parse_body.py",
    "tests/test_mutants_parse_code.py", "tests/test_mutants_parse_document.py", "tests/test_parse_short_header.py",
    "tests/test_frontmatter_simple.py",  # the simple front matter path against PyYAML's
    # not test_hostile.py: its 100,000-row run times out under mutmut
)
_SCHEMA_TESTS = (
    "tests/test_schema_fast.py", "tests/test_schema_file.py", "tests/test_schema_front_matter.py",
    "tests/test_schema_json.py", "tests/test_schema_memo.py", "tests/test_schema_observations.py",
    "tests/test_schema_properties.py", "tests/test_schema_team.py", "tests/test_mutants_schema.py",
    "tests/test_mutants_schema_validate.py",
)
_VOCABULARY_USERS = (
    "tests/test_rule_background.py", "tests/test_rule_templates.py", "tests/test_rule_labels.py",
    "tests/test_rule_observations.py", "tests/test_rule_structure.py", "tests/test_rule_coherence.py",
    "tests/test_mutants_words.py", "tests/test_mutants_vocabulary.py",
    # the vocabulary's program types, cycles and activity ids, and a team's file refused
    "tests/test_rule_program.py", "tests/test_mutants_program.py", "tests/test_config_files.py",
)

# module -> the test files that cover it (a missing file is left out)
MODULES: dict[str, tuple[str, ...]] = {
    "rules/_program.py": ("tests/test_rule_program.py", "tests/test_rule_metadata.py", "tests/test_rule_cross_document.py",
                          "tests/test_mutants_program.py", "tests/test_rule_coherence.py", "tests/test_mutants_prose.py",
                          "tests/test_mutants_table_coherence.py"),
    "rules/_vocabulary.py": _VOCABULARY_USERS,
    "rules/background.py": ("tests/test_rule_background.py", "tests/test_mutants_words.py", "tests/test_mutants_background.py"),
    "rules/cross_document.py": ("tests/test_rule_cross_document.py", "tests/test_mutants_cross_document.py"),
    "rules/folders.py": ("tests/test_rule_folders.py", "tests/test_mutants_folders.py"),
    "rules/labels.py": ("tests/test_rule_labels.py", "tests/test_mutants_words.py", "tests/test_mutants_labels.py"),
    # metadata's id helpers serve the cross-document rules too
    "rules/metadata.py": ("tests/test_rule_metadata.py", "tests/test_mutants_metadata.py", "tests/test_rule_cross_document.py",
                          "tests/test_mutants_cross_document.py", "tests/test_fix_rules.py"),  # the last: PL120-PL124's fixes
    "rules/observations.py": ("tests/test_rule_observations.py", "tests/test_mutants_words.py", "tests/test_mutants_observations.py"),
    "rules/program.py": ("tests/test_rule_program.py", "tests/test_mutants_program.py"),
    "rules/prose.py": ("tests/test_rule_coherence.py", "tests/test_mutants_prose.py"),
    "rules/structure.py": ("tests/test_rule_structure.py", "tests/test_mutants_words.py", "tests/test_mutants_structure.py"),
    "rules/table_coherence.py": ("tests/test_rule_coherence.py", "tests/test_mutants_table_coherence.py"),
    "rules/targets.py": ("tests/test_rule_targets.py", "tests/test_mutants_targets.py", "tests/test_fix_rules.py"),  # the last: PL320-PL322's fixes
    "rules/templates.py": ("tests/test_rule_templates.py", "tests/test_mutants_words.py", "tests/test_mutants_templates.py"),
    **{f"src/proglint/parse/{name}.py": _PARSE_TESTS for name in ("__init__", "body", "code", "comments", "frontmatter", "problems", "table")},
    **{f"src/proglint/schema/{name}.py": _SCHEMA_TESTS for name in ("__init__", "codes", "fast", "fixes", "messages", "refs", "stage", "to_json", "validate")},
    # the fast path and the stage: also the row-by-row split and the language server's memos, and their own tests
    "src/proglint/schema/fast.py": _SCHEMA_TESTS + ("tests/test_schema_by_row.py", "tests/test_mutants_schema_fast.py"),
    "src/proglint/schema/stage.py": _SCHEMA_TESTS + ("tests/test_schema_by_row.py", "tests/test_lsp_schema_memo.py",
                                                     "tests/test_mutants_schema_fast.py", "tests/test_mutants_schema_stage.py"),
    # the smaller schema modules: their own mutation tests too
    **{f"src/proglint/schema/{name}.py": _SCHEMA_TESTS + (f"tests/test_mutants_schema_{name.strip('_')}.py",)
       for name in ("__init__", "codes", "fixes", "messages", "refs", "to_json")},
    # validate: the full check is what every schema test ends in, the row-by-row and language-server memos included
    "src/proglint/schema/validate.py": _SCHEMA_TESTS + (
        "tests/test_schema_by_row.py", "tests/test_lsp_schema_memo.py",
        *(f"tests/test_mutants_schema_{name}.py" for name in ("codes", "fast", "fixes", "init", "messages", "refs", "stage", "to_json")),
    ),
    # to_json: also the row-by-row span index (RowSpanIndex) against the whole one
    "src/proglint/schema/to_json.py": _SCHEMA_TESTS + ("tests/test_schema_by_row.py", "tests/test_mutants_schema_to_json.py"),
    "src/proglint/suppress.py": ("tests/test_suppressions.py", "tests/test_mutants_suppress.py"),
    # fix.py: the fixer's own tests, the rules' fixes (run through --fix in-process) and the unused-suppression fixes
    "src/proglint/fix.py": ("tests/test_fix.py", "tests/test_fix_safety.py", "tests/test_fix_cli.py", "tests/test_fix_rules.py",
                            "tests/test_fix_properties.py", "tests/test_fix_apply_properties.py", "tests/test_suppressions.py",
                            "tests/test_mutants_fix.py"),
    # cache/: in-process runs use the results cache unless --no-cache (conftest points it at a folder of its own);
    # the user cache holds the schema validators (test_schema_fast) and the entry points (test_startup)
    "src/proglint/cache/__init__.py": ("tests/test_cache.py", "tests/test_mutants_cache.py"),
    "src/proglint/cache/results.py": ("tests/test_cache.py", "tests/test_progress.py", "tests/test_fix_safety.py",
                                      "tests/test_fix_rules.py", "tests/test_mutants_cache.py"),
    "src/proglint/cache/user.py": ("tests/test_cache.py", "tests/test_schema_fast.py", "tests/test_startup.py",
                                   "tests/test_mutants_cache.py"),
    "src/proglint/cache/patterns.py": ("tests/test_pattern_memo.py",),
    # runner.py: every in-process run goes through it; these files run it with --jobs, the cache, --fix and odd input
    # (not test_max_file_size.py: it runs proglint only in subprocesses, which mutmut's mutants never reach)
    "src/proglint/runner.py": ("tests/test_jobs.py", "tests/test_cache.py", "tests/test_progress.py", "tests/test_fix_safety.py",
                               "tests/test_fix_rules.py", "tests/test_input_classes.py", "tests/test_mutants_runner.py"),
}

KILLED = {"killed", "timeout"}
COUNTED = KILLED | {"survived", "no tests"}


@dataclass
class Result:
    module: str
    statuses: dict[str, str] = field(default_factory=dict)  # mutant -> mutmut's status
    equivalent: set[str] = field(default_factory=set)
    seconds: float = 0.0
    error: str = ""

    @property
    def counted(self) -> list[str]:
        return [m for m, s in self.statuses.items() if s in COUNTED]

    @property
    def killed(self) -> int:
        return sum(self.statuses[m] in KILLED for m in self.counted)

    @property
    def survivors(self) -> list[str]:
        return [m for m in self.counted if self.statuses[m] not in KILLED and m not in self.equivalent]

    @property
    def score(self) -> float | None:
        denominator = len(self.counted) - len(self.equivalent & set(self.counted))
        return self.killed / denominator if denominator else None


def read_equivalents(path: Path = EQUIVALENTS) -> dict[str, str]:
    """mutant name -> reason, from lines ``NAME  reason`` (``#`` starts a comment line)."""
    found: dict[str, str] = {}
    if not path.is_file():
        return found
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"{path}:{number}: '{name}' has no reason; write one after the mutant's name")
        found[name] = reason.strip()
    return found


def module_prefix(module: str) -> str:
    """The prefix of mutmut's names for a module's mutants."""
    dotted = module.removesuffix(".py").removeprefix("src/").replace("/", ".")
    return dotted.removesuffix(".__init__") + "."


def workfolder(module: str) -> str:
    """The name of a module's copy under ``--workdir``: its path with ``/``
    as ``-``, so ``rules/_program.py`` and ``rules/program.py`` (or any two
    modules) never share a folder, as they did when every run of
    non-alphanumerics became one ``_``."""
    return module.removesuffix(".py").replace("/", "-")


def _bin(folder: Path, name: str) -> Path:
    return folder / ("Scripts" if os.name == "nt" else "bin") / name


def ensure_mutmut(folder: Path) -> Path:
    """The mutmut executable of the throwaway virtualenv (with the project
    and its test extra, which mutmut imports in-process)."""
    executable = _bin(folder, "mutmut")
    if not executable.is_file():
        print(f"installing mutmut and proglint[test] into {folder} (throwaway virtualenv, once)", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(folder)
        subprocess.run(
            [str(_bin(folder, "python")), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]", MUTMUT], check=True
        )
    return executable


def tracked_files() -> list[str]:
    try:
        listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        return [name for name in listed.splitlines() if (ROOT / name).is_file()]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "mutants", "__pycache__", ".pytest_cache", ".hypothesis"}
        return [
            str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)
        ]


def prepare(module: str, tests: tuple[str, ...], workdir: Path, files: list[str]) -> Path:
    """A fresh copy of the repository with mutmut's configuration for one module."""
    copy = workdir / workfolder(module)
    shutil.rmtree(copy, ignore_errors=True)
    for name in files:
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    target = copy / module
    target.write_text(undecorate(target.read_text(encoding="utf-8")), encoding="utf-8")
    selected = [t for t in tests if (ROOT / t).is_file()]

    def toml_list(items):
        return "[" + ", ".join(f'"{item}"' for item in items) + "]"

    with open(copy / "pyproject.toml", "a", encoding="utf-8") as config:
        config.write(
            "\n[tool.mutmut]\n"
            f"source_paths = {toml_list([module])}\n"
            f"pytest_add_cli_args_test_selection = {toml_list(selected + ['tests/conftest.py'])}\n"
            f"also_copy = {toml_list(sorted({name.split('/')[0] for name in files} - {'pyproject.toml'}))}\n"
            f"pytest_add_cli_args = {toml_list(['-p', 'no:cacheprovider', '-p', 'benchmarks.mutation_alias'])}\n"
        )
    return copy


def undecorate(source: str) -> str:
    """The same module with each decorated function's decorators applied
    after its definition (``name = rule(...)(name)``) instead of above it.

    mutmut leaves decorated functions alone (a decorator may have side
    effects when the function is defined twice), and every rule is a
    function decorated with ``@rule``: without this, the rules' bodies would
    never be mutated.  Applying a decorator by hand after the ``def`` is what
    the ``@`` syntax does, so the module behaves the same; only the copy that
    mutmut reads is rewritten.  ``@staticmethod``/``@classmethod`` methods
    are left as they are (mutmut handles them)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits = []  # (first decorator line, def line, last line, text to add after)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list:
            applied = node.name
            for decorator in reversed(node.decorator_list):
                applied = f"({ast.get_source_segment(source, decorator)})({applied})"
            first = min(d.lineno for d in node.decorator_list)
            edits.append((first, node.lineno, node.end_lineno, f"{node.name} = {applied}\n"))
    for first, definition, last, added in reversed(edits):
        lines[last:last] = ["\n", added]
        del lines[first - 1 : definition - 1]
    return "".join(lines)


_STATUS = re.compile(r"^\s*(\S+__mutmut_\d+): (.+)$")


def run_module(module: str, mutmut: Path, workdir: Path, files: list[str], children: int, equivalents: dict) -> Result:
    result = Result(module)
    copy = prepare(module, MODULES[module], workdir, files)
    started = time.monotonic()
    # The per-user cache (proglint.cache.user: the parsed vocabulary, a team
    # file's verdict, generated validators) would answer from an earlier
    # run's unmutated code: pointed under a file, it can be neither read nor
    # written, so every run works them out (the cache treats that as a miss).
    blocked = copy / "user-cache-off"
    blocked.write_text("XDG_CACHE_HOME points here so that the user cache is off\n", encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore::UserWarning", "XDG_CACHE_HOME": str(blocked)}
    with open(copy / "mutmut-run.log", "w", encoding="utf-8") as log:
        run = subprocess.run([str(mutmut), "run", "--max-children", str(children)], cwd=copy, stdout=log, stderr=log, env=env)
    result.seconds = time.monotonic() - started
    listed = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=copy, capture_output=True, text=True, env=env)
    prefix = module_prefix(module)
    for line in listed.stdout.splitlines():
        match = _STATUS.match(line)
        if match and match.group(1).startswith(prefix):
            result.statuses[match.group(1)] = match.group(2).strip()
    if run.returncode != 0 or not result.statuses:
        tail = (copy / "mutmut-run.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        result.error = f"mutmut exited {run.returncode}: {' / '.join(tail)[-300:]}"
    result.equivalent = equivalent_survivors(result.statuses, equivalents, prefix)
    return result


def equivalent_survivors(statuses: dict[str, str], equivalents, prefix: str) -> set[str]:
    """The listed equivalent mutants of a module that survived.  A listed
    mutant that the tests kill is stale (reported by :func:`stale`), not
    equivalent: counted out of the denominator it would raise the score."""
    return {m for m in equivalents if m.startswith(prefix) and statuses.get(m) in COUNTED - KILLED}


def of_module(name: str, module: str) -> bool:
    """Whether a mutant's name is one of ``module``'s: the part before its
    last dot is the module's dotted name, so ``proglint.parse.table``'s
    mutants are not taken for ``proglint/parse/__init__.py``'s."""
    return name.rpartition(".")[0] + "." == module_prefix(module)


def stale(results: list[Result], equivalents: dict[str, str]) -> list[str]:
    notes = []
    for r in results:
        for name in equivalents:
            if not of_module(name, r.module):
                continue
            if name not in r.statuses:
                notes.append(f"{name}: listed as equivalent but no such mutant (renumbered?)")
            elif r.statuses[name] in KILLED:
                notes.append(f"{name}: listed as equivalent but the tests kill it")
    return notes


def table(results: list[Result]) -> str:
    rows = ["| module | mutants | killed | survived | equivalent | score | time |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        if r.error and not r.statuses:
            rows.append(f"| `{r.module}` | – | – | – | – | error | {r.seconds:.0f} s |")
            continue
        score = "n/a" if r.score is None else f"{100 * r.score:.1f}%"
        rows.append(
            f"| `{r.module}` | {len(r.counted)} | {r.killed} | {len(r.survivors)} | {len(r.equivalent)} | {score} | {r.seconds:.0f} s |"
        )
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", default=[], metavar="MODULE",
                        help="run one module (a path from the list, e.g. rules/folders.py); repeat or separate with commas")
    parser.add_argument("--list", action="store_true", help="print the modules and their test files, and stop")
    parser.add_argument("--survivors", action="store_true", help="print the diff of every survivor not listed as equivalent")
    parser.add_argument("--workdir", type=Path, default=CACHE / "mutation", help="where the per-module copies go")
    parser.add_argument("--venv", type=Path, default=CACHE / "mutation-venv", help="the throwaway virtualenv with mutmut")
    parser.add_argument("--max-children", type=int, default=max(1, min(2, os.cpu_count() or 1)), help="mutmut's workers")
    args = parser.parse_args(argv)

    if args.list:
        for module, tests in MODULES.items():
            print(f"{module}: {' '.join(t for t in tests if (ROOT / t).is_file())}")
        return 0
    wanted = [name.strip() for value in args.only for name in value.split(",") if name.strip()] or list(MODULES)
    unknown = [name for name in wanted if name not in MODULES]
    if unknown:
        print(f"unknown module(s): {', '.join(unknown)}; --list shows the modules", file=sys.stderr)
        return 2
    equivalents = read_equivalents()
    mutmut = ensure_mutmut(args.venv)
    files = tracked_files()
    results = []
    for module in wanted:
        print(f"{module} ...", file=sys.stderr, flush=True)
        result = run_module(module, mutmut, args.workdir, files, args.max_children, equivalents)
        print(f"{module}: {result.killed}/{len(result.counted)} killed in {result.seconds:.0f} s {result.error}", file=sys.stderr, flush=True)
        results.append(result)
        if args.survivors:
            copy = args.workdir / workfolder(module)
            for name in result.survivors:
                shown = subprocess.run([str(mutmut), "show", name], cwd=copy, capture_output=True, text=True,
                                       env={**os.environ, "PYTHONWARNINGS": "ignore"})
                print(shown.stdout.rstrip() + "\n")
    print(table(results))
    for note in stale(results, equivalents):
        print(f"- stale: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
