"""Reading a plain ``proglint check`` command line without argparse.

The pre-commit hook and editors start ``proglint FILE...`` (with a few
long options) once per commit or save, and argparse is a large share of
that start-up: importing it (and the ``shutil``, ``gettext`` and ``locale``
it pulls in) and building the whole command tree costs ~10 ms of a run
whose budget is 60.  This reader accepts only the unambiguous shapes of a
check command line: the check options spelled out in full (``--opt
VALUE`` or ``--opt=VALUE``; no abbreviations, no ``-jN``), valid values,
and the paths in one run.  For anything else (``--help``, a typo, a bad
value, ``--``, a path that starts with ``-``, paths on both sides of an
option) it answers ``None`` and argparse reads the line as before, with
its messages.  ``tests/test_check_args.py`` holds the two readers to the
same namespace for every line this one accepts.
"""

from __future__ import annotations

FORMAT_NAMES = ("text", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab")

# option -> (attribute, value) for options that take no value
FLAGS = {
    "--statistics": ("statistics", True),
    "--respect-gitignore": ("respect_gitignore", True),
    "--no-respect-gitignore": ("respect_gitignore", False),
    "--force-exclude": ("force_exclude", True),
    "--isolated": ("isolated", True),
    "--show-files": ("show_files", True),
    "--show-settings": ("show_settings", True),
    "--exit-zero": ("exit_zero", True),
    "--strict": ("strict", True),
    "-q": ("quiet", True),
    "--quiet": ("quiet", True),
    "--show-source": ("show_source", True),
    "--no-show-source": ("show_source", False),
    "--fix": ("fix", True),
    "--unsafe-fixes": ("unsafe_fixes", True),
    "--diff": ("diff", True),
    "--fix-only": ("fix_only", True),
    "--show-fixes": ("show_fixes", True),
    "--baseline-prune": ("baseline_prune", True),
    "--skip-non-documents": ("skip_non_documents", True),
    "--no-cache": ("no_cache", True),
    "--no-progress": ("progress", False),
    "--debug": ("debug", True),
}

# option -> (attribute, how the value is kept)
STORE, APPEND, CODES, JOBS = "store", "append", "codes", "jobs"
VALUES = {
    "--format": ("format", FORMAT_NAMES),
    "--color": ("color", ("auto", "always", "never")),
    "--output-file": ("output_file", STORE),
    "--stdin-filename": ("stdin_filename", STORE),
    "--config": ("config", STORE),
    "--baseline": ("baseline", STORE),
    "--write-baseline": ("write_baseline", STORE),
    "--cache-dir": ("cache_dir", STORE),
    "--exclude": ("exclude", APPEND),
    "--extend-exclude": ("extend_exclude", APPEND),
    "--select": ("select", CODES),
    "--extend-select": ("extend_select", CODES),
    "--ignore": ("ignore", CODES),
    "--jobs": ("jobs", JOBS),
    "-j": ("jobs", JOBS),
}


def defaults() -> dict:
    """What argparse gives ``check`` for an option that is not given."""
    return {
        "paths": [], "format": None, "output_file": None, "statistics": False, "exclude": None,
        "extend_exclude": [], "respect_gitignore": None, "force_exclude": False, "stdin_filename": None,
        "config": None, "isolated": False, "show_files": False, "show_settings": False, "color": "auto",
        "exit_zero": False, "strict": False, "quiet": False, "show_source": True, "select": None,
        "extend_select": None, "ignore": None, "fix": False, "unsafe_fixes": False, "diff": False,
        "fix_only": False, "show_fixes": False, "baseline": None, "baseline_prune": False,
        "write_baseline": None, "skip_non_documents": False, "jobs": None, "no_cache": False, "cache_dir": None,
        "progress": True, "debug": False, "figures": False,
    }


def read(words: list[str]):
    """The namespace of ``check`` for ``words`` (what follows ``check``), or
    None when argparse must read them."""
    values = defaults()
    paths: list[str] = []
    ended = False  # the run of paths is over once an option follows it
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if word == "-" or not word.startswith("-"):
            if ended:
                return None
            paths.append(word)
            continue
        if paths:
            ended = True
        if word in FLAGS:
            name, value = FLAGS[word]
            values[name] = value
            continue
        option, equals, value = word.partition("=")
        if option not in VALUES:
            return None
        if not equals:
            if index == len(words) or words[index].startswith("-"):
                return None
            value = words[index]
            index += 1
        if not _take(values, *VALUES[option], value):
            return None
    values["paths"] = paths
    from types import SimpleNamespace

    return SimpleNamespace(command="check", **values)


def _take(values: dict, name: str, kind, value: str) -> bool:
    if isinstance(kind, tuple):  # choices
        if value not in kind:
            return False
        values[name] = value
    elif kind == STORE:
        values[name] = value
    elif kind == APPEND:
        values[name] = [*(values[name] or ()), value]
    elif kind == CODES:
        values[name] = [*(values[name] or ()), *(part.strip() for part in value.split(",") if part.strip())]
    else:  # JOBS: a whole number of at least 1, as cli._positive
        try:
            number = int(value)
        except ValueError:
            return False
        if number < 1:
            return False
        values[name] = number
    return True
