"""Which files a command line names.

Folders are walked recursively in sorted order (so output is the same on
every machine), hidden files and folders are skipped, and the caller keeps
the files its configuration includes (:func:`wanted`; by default ``.txt``
and ``.md``).

Exclusion is gitignore-style (the ``pathspec`` library), as in ruff:

* ``exclude`` / ``extend-exclude`` patterns are relative to the folder of the
  configuration file that names them, ``--exclude`` / ``--extend-exclude``
  relative to the working folder.  ``drafts/``, ``drafts``, ``./drafts/*``,
  ``**/drafts``, ``/drafts`` (anchored at that folder) and an absolute path
  (``/home/me/repo/drafts``) all work; a pattern without a slash matches a
  name at any depth.
* ``.gitignore`` files (the repository's, nested ones, and
  ``.git/info/exclude``) are honoured while walking folders inside a git
  repository, unless ``respect-gitignore = false`` / ``--no-respect-gitignore``.
* A file named on the command line is linted even when a pattern or a
  ``.gitignore`` excludes it; with ``--force-exclude`` (what the pre-commit
  hook passes, since pre-commit names every changed file) the patterns
  apply to it too (.gitignore does not: git itself ignores it for the
  tracked files pre-commit names).
"""

from __future__ import annotations

import fnmatch
import os
from functools import lru_cache
from pathlib import Path
from .record import Record, _set

EXTENSIONS = (".txt", ".md")
# Excluded unless ``exclude`` is set (``extend-exclude`` keeps them): folders
# of installed packages, never a team's program documents.  Hidden files and
# folders (.git, .venv, .proglint_cache) are always skipped when walking.
DEFAULT_EXCLUDE = ("node_modules", "site-packages", "__pypackages__")


class PathNotFound(Exception):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path


class Found(Record):
    __slots__ = ("path", "explicit", "error")

    # explicit: named on the command line, not found in a folder; error: why
    # a folder under it could not be read
    def __init__(self, path: Path, explicit: bool, error: str | None = None) -> None:
        _set(self, "path", path)
        _set(self, "explicit", explicit)
        _set(self, "error", error)


# -- gitignore-style patterns -------------------------------------------------

_GLOBBY = set("*?[]!\\/#")
_GLOB_SPECIALS = {"*": "[*]", "?": "[?]", "[": "[[]", "!": "[!]", "#": "[#]", "\\": "[\\\\]"}


def _escape(text: str) -> str:
    """A literal folder path inside a gitignore pattern."""
    return "".join(_GLOB_SPECIALS.get(c, c) for c in text)


def _absolute(path: Path | str) -> str:
    """``path`` made absolute (symbolic links kept, as typed), POSIX form."""
    return Path(os.path.abspath(path)).as_posix()


def rooted(pattern: str, base: Path, anywhere: bool = True) -> str | None:
    """``pattern`` (gitignore syntax, relative to ``base``) rewritten to be
    matched against absolute paths without their leading ``/``.  A pattern
    without a slash (a name, ``*.md``) matches at any depth: anywhere when
    ``anywhere`` (exclude patterns, as ruff's), else below ``base``
    (.gitignore files)."""
    text = pattern.strip() if not pattern.endswith("\\ ") else pattern.lstrip()
    if not text or text.startswith("#"):
        return None
    negate = text.startswith("!")
    if negate:
        text = text[1:]
    base_posix = _absolute(base).strip("/")
    while text.startswith("./"):
        text = text[2:]
    if text in ("", "."):
        text = "/"
    if os.path.isabs(text) and (os.path.exists(text) or _absolute(text).startswith("/" + base_posix + "/")):
        body = _escape(_absolute(text).strip("/")) + ("/" if text.endswith("/") and text != "/" else "")
    elif text == "/":
        body = _escape(base_posix) + "/"
    elif "/" not in text.rstrip("/"):
        body = text if anywhere or not base_posix else f"{_escape(base_posix)}/**/{text}"
    else:
        body = f"{_escape(base_posix)}/{text.lstrip('/')}" if base_posix else text.lstrip("/")
    return ("!" if negate else "") + body


class Patterns:
    """Gitignore-style patterns relative to one folder (``base``); the last
    matching pattern decides (``!`` re-includes)."""

    def __init__(self, base: Path | str, patterns=(), anywhere: bool = True):
        self.base = Path(_absolute(base))
        patterns = [p.strip() for p in patterns if p.strip() and not p.strip().startswith("#")]
        # plain names ("node_modules", "drafts") need no glob engine: pathspec
        # (tens of milliseconds to import) is loaded only for real patterns
        self._names = frozenset(p for p in patterns if anywhere and not (set(p) & _GLOBBY))
        lines = [line for line in (rooted(p, self.base, anywhere) for p in patterns if p not in self._names) if line]
        self._patterns = []
        if lines:
            from pathspec import GitIgnoreSpec

            self._patterns = [p for p in GitIgnoreSpec.from_lines(lines).patterns if p.include is not None]

    def __bool__(self) -> bool:
        return bool(self._patterns or self._names)

    def decide(self, path: Path | str, is_dir: bool = False) -> bool | None:
        """True: excluded; False: re-included by a ``!`` pattern; None: no pattern matched."""
        if self._names and Path(path).name in self._names:
            if not self._patterns:
                return True
        if not self._patterns:
            return None
        if self._names and Path(path).name in self._names:
            verdict = True  # names first: a later "!" pattern may re-include
        else:
            verdict = None
        text = _absolute(path).lstrip("/") + ("/" if is_dir else "")
        for pattern in self._patterns:
            if pattern.match_file(text) is not None:
                verdict = pattern.include
        return verdict

    def excludes(self, path: Path | str, is_dir: bool = False, parents: bool = False) -> bool:
        """Is ``path`` excluded (with ``parents``: or a folder above it, below ``base``)?"""
        if self.decide(path, is_dir):
            return True
        if parents and self._patterns:
            for parent in Path(_absolute(path)).parents:
                if parent == self.base or self.base not in parent.parents:
                    break
                if self.decide(parent, True):
                    return True
        return False


def excluded(path: Path, patterns: tuple[str, ...], base: Path | None = None) -> bool:
    """Is ``path`` (or a folder above it, below ``base``) matched by ``patterns``
    (relative to ``base``, default the working folder)?"""
    return bool(patterns) and _patterns(tuple(patterns), _absolute(base or Path.cwd())).excludes(path, parents=True)


@lru_cache(maxsize=256)
def _patterns(patterns: tuple[str, ...], base: str) -> Patterns:
    return Patterns(base, patterns)


def config_patterns(config) -> Patterns:
    """The exclusion patterns of a configuration, relative to its folder."""
    exclude = DEFAULT_EXCLUDE if config.exclude is None else config.exclude
    base = _absolute(config.root or Path.cwd())
    return _patterns(tuple(exclude) + tuple(config.extend_exclude), base)


# -- .gitignore ---------------------------------------------------------------


def repository_root(start: Path) -> Path | None:
    """The folder holding ``.git`` (a folder, or a file in a worktree) at or above ``start``."""
    return _repository_root(_absolute(start))


@lru_cache(maxsize=None)
def _repository_root(start: str) -> Path | None:
    folder = Path(start)
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


@lru_cache(maxsize=None)
def _gitignore_of(folder: str) -> Patterns | None:
    """The patterns of ``folder/.gitignore`` (and ``.git/info/exclude`` at a repository root)."""
    lines: list[str] = []
    for name in (".gitignore", ".git/info/exclude"):
        try:
            lines += Path(folder, name).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            pass
    lines = [line for line in lines if line.strip() and not line.startswith("#")]
    return Patterns(folder, lines, anywhere=False) if lines else None


def gitignored(path: Path, is_dir: bool, chain: tuple[Patterns, ...]) -> bool:
    """Deeper .gitignore files override shallower ones."""
    for patterns in reversed(chain):
        verdict = patterns.decide(path, is_dir)
        if verdict is not None:
            return verdict
    return False


def _chain_to(folder: Path) -> tuple[Patterns, ...]:
    """The .gitignore files from the repository root down to ``folder``, or
    None outside a repository."""
    root = repository_root(folder)
    if root is None:
        return None
    absolute = Path(_absolute(folder))
    folders = [absolute, *absolute.parents]
    folders = folders[: folders.index(root) + 1] if root in folders else [absolute]
    return tuple(p for p in (_gitignore_of(str(f)) for f in reversed(folders)) if p is not None)


class Filter:
    """What walking a folder skips: the exclusion patterns of the folder's
    configuration (``config_for(folder)``), the command line's, and the
    repository's .gitignore files.

    ``exclude`` replaces the configuration's ``exclude`` (as ruff's does),
    ``extend_exclude`` adds to it; ``respect_gitignore`` None defers to the
    configuration."""

    def __init__(self, config_for=None, exclude=None, extend_exclude=(), respect_gitignore=None, cwd: Path | None = None):
        self.config_for = config_for
        cwd = Path(_absolute(cwd or Path.cwd()))
        self.exclude = None if exclude is None else Patterns(cwd, tuple(exclude))
        self.extend = Patterns(cwd, tuple(extend_exclude))
        self.respect_gitignore = respect_gitignore
        self._configs: dict[str, object] = {}
        self._patterns: dict[int, Patterns] = {}  # by id of a configuration in self._configs

    def _config(self, folder: Path):
        if self.config_for is None:
            return None
        key = str(folder)
        if key not in self._configs:  # one look-up per folder, not per file
            self._configs[key] = self.config_for(folder)
        return self._configs[key]

    def excludes(self, path: Path, is_dir: bool, folder: Path | None = None, parents: bool = False) -> bool:
        """Is ``path`` excluded by patterns (the configuration's of ``folder``, default its own folder's)?"""
        if self.extend.excludes(path, is_dir, parents):
            return True
        if self.exclude is not None:
            return self.exclude.excludes(path, is_dir, parents)
        config = self._config(folder or (path if is_dir else path.parent))
        if config is None:
            return False
        patterns = self._patterns.get(id(config))
        if patterns is None:
            patterns = self._patterns[id(config)] = config_patterns(config)
        return patterns.excludes(path, is_dir, parents)

    def gitignore(self, folder: Path) -> bool:
        if self.respect_gitignore is not None:
            return self.respect_gitignore
        config = self._config(folder)
        return True if config is None else getattr(config, "respect_gitignore", True)

    def ignored_explicitly(self, path: Path) -> bool:
        """``--force-exclude``: is a file named on the command line excluded
        by the exclusion patterns?  .gitignore is not consulted for named
        files (as ruff does; as git does for a tracked file, which is what
        pre-commit names)."""
        return self.excludes(path, False, parents=True)


def discover(paths: list[str], exclude: tuple[str, ...] = (), *, filter: Filter | None = None,
             force_exclude: bool = False) -> list[Found]:
    """Files named or found under folders: every non-hidden file not
    excluded, since the caller decides by each file's configuration
    (:func:`wanted`: ``include``, by default .txt and .md).

    ``exclude``: patterns relative to the working folder (the language
    server's call; the command line passes a :class:`Filter`)."""
    if filter is None:
        filter = Filter(extend_exclude=exclude, respect_gitignore=False)
    found: list[Found] = []
    seen: set[str] = set()  # real paths: one file named two ways is linted once
    real_folders: dict[str, str] = {}

    def real_path(path: Path) -> str:
        """``os.path.realpath``, resolving each folder once, not once per file in it."""
        text = str(path)
        folder, name = os.path.split(text)
        if name in ("", ".", "..") or os.path.islink(text):
            return os.path.realpath(text)
        real = real_folders.get(folder)
        if real is None:
            real = real_folders[folder] = os.path.realpath(folder or ".")
        return os.path.join(real, name)

    def add(item: Found) -> None:
        real = real_path(item.path)
        if real not in seen:
            seen.add(real)
            found.append(item)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if force_exclude and filter.excludes(path, True, path, parents=True):
                continue
            for item in _walk(path, filter):
                add(item) if item.error is None else found.append(item)
        elif path.exists() or path.is_symlink():
            if not (force_exclude and filter.ignored_explicitly(path)):
                add(Found(path, explicit=True))
        else:
            raise PathNotFound(raw)
    return found


def _walk(root: Path, filter: Filter):
    unreadable: list[OSError] = []
    chains: dict[str, tuple] = {}
    use_git = filter.gitignore(root)
    if use_git:
        chains[os.path.normpath(root)] = _chain_to(root)
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable.append):
        while unreadable:  # a folder os.walk could not list: say so, never skip silently
            error = unreadable.pop()
            yield Found(Path(error.filename or dirpath), explicit=False, error=error.strerror or str(error))
        base = Path(dirpath)
        chain = chains.pop(os.path.normpath(dirpath), None) if use_git else None
        if chain is not None and base != root:
            own = _gitignore_of(_absolute(base))
            chain = chain + (own,) if own is not None else chain
        keep = []
        for d in sorted(dirnames):
            folder = base / d
            if d.startswith(".") or filter.excludes(folder, True, base):
                continue
            if chain and gitignored(folder, True, chain):
                continue
            keep.append(d)
            if chain is not None:
                chains[os.path.normpath(folder)] = chain
        dirnames[:] = keep
        for name in sorted(filenames):
            file = base / name
            if name.startswith(".") or filter.excludes(file, False, base):
                continue
            if chain and gitignored(file, False, chain):
                continue
            yield Found(file, explicit=False)
    while unreadable:
        error = unreadable.pop()
        yield Found(Path(error.filename or root), explicit=False, error=error.strerror or str(error))


def wanted(item: Found, config, *, patterns: bool = True) -> bool:
    """Is a file found on disk one to lint under its configuration?  The
    configuration's exclusions apply to files found in folders (``patterns``
    False: the caller's :class:`Filter` has applied them); a named file is
    otherwise always linted; a file found in a folder must match ``include``
    (default: .txt and .md)."""
    if patterns and not item.explicit and config_patterns(config).excludes(item.path, parents=True):
        return False
    if item.explicit:
        return True
    if config.include:
        relative = Path(config.relative(str(item.path)))
        return any(fnmatch.fnmatch(relative.as_posix(), g) or fnmatch.fnmatch(item.path.name, g) for g in config.include)
    return item.path.name.endswith(EXTENSIONS)


def looks_like_program_document(text: str) -> bool:
    """Whether a file found in a folder is a program document (recognise.py)."""
    from .recognise import is_program_document

    return is_program_document(text)
