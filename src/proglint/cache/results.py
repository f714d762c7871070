"""Results of earlier runs, so an unchanged document is not linted again.

As in ruff: one cache folder per *key*, the key a hash of everything that
decides a document's findings besides its text — proglint's version, the
effective configuration (command-line selectors included) and the content
of every rule module, schema and vocabulary in use (the built-in pack, team
``rule-paths``, ``schemas`` and ``vocabulary`` files, and installed rule
plugins' modules).  Change any of them and the old folder simply stops being
read.  Inside, each document's entry is keyed on its path and validated by
its ``stat`` (size, modification and change times, inode); when the stat
differs the file is read and its content hash confirms whether the entry
still holds (a ``git checkout`` touches times, not content).

What an entry holds is the per-document half of a run
(:class:`~proglint.pipeline.Examined` and the lines the report shows), as
JSON: never pickle, since a cache folder is a file anyone can commit, and
loading it must not run code.  A cache file that is corrupt, truncated,
foreign or of another format is ignored (and rewritten at the end of the
run), never trusted: every entry is decoded defensively.  The file is
written atomically (a temporary file, then a rename), so two processes
writing at once leave one of their files whole.

Cross-document findings are never cached: the cross-document rules run on
every run over the summaries, fresh or cached.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from .. import __version__
from ..diagnostic import Diagnostic, Edit, Fix, Related, Severity, Suppression
from ..excerpt import Excerpt
from ..record import Record
from ..span import Span, Text

try:  # hashlib.blake2b is this very function; importing hashlib loads OpenSSL too (~3 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the built-in module
    from hashlib import blake2b

FORMAT = 2
FOLDER_NAME = ".proglint_cache"
ENVIRONMENT = "PROGLINT_CACHE_DIR"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by proglint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def content_hash(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def file_stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


# --------------------------------------------------------------------------
# The key: everything but the document that decides its findings.


def key_for(config, registry) -> str:
    """The cache key of one effective configuration and the checks it loads."""
    digest = blake2b(digest_size=16)
    digest.update(f"proglint {__version__} cache {FORMAT}\n".encode())
    digest.update(repr(_config_fields(config)).encode())
    digest.update(repr(_engine_stamp()).encode())  # an editable install changes without a new version
    for file in sorted(set(_files_in_use(config, registry))):
        digest.update(file.encode() + b"\0")
        try:
            digest.update(Path(file).read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def _engine_stamp() -> tuple:
    """proglint's own modules by size and modification time: cheap (a stat
    each), and enough to notice an edited development checkout."""
    package = Path(__file__).resolve().parents[1]
    stamp = []
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                stamp.append((os.path.relpath(os.path.join(folder, name), package), status.st_size, status.st_mtime_ns))
    return tuple(stamp)


def _config_fields(config) -> tuple:
    """The configuration as plain, ordered values (its file's path and root
    matter: relative globs and rule-path resolution depend on them)."""
    from ..record import Record

    def plain(value):
        if isinstance(value, dict):
            return tuple(sorted((str(k), plain(v)) for k, v in value.items()))
        if isinstance(value, (list, tuple)):
            return tuple(plain(v) for v in value)
        if isinstance(value, Record):  # a selection Layer
            return _config_fields(value)
        return str(value) if isinstance(value, Path) else value

    return tuple((name, plain(getattr(config, name))) for name in config.__slots__)


def _files_in_use(config, registry) -> Iterable[str]:
    """Rule modules (every file of a rule folder, helpers and vocabulary
    included), schemas and vocabularies the run reads."""
    import sys

    from ..resources import data_dir

    folders = {data_dir("rules"), data_dir("schemas"), *config.rule_paths}
    for folder in folders:
        for file in Path(folder).iterdir():
            if file.is_file() and file.suffix in (".py", ".yaml", ".yml", ".json"):
                yield str(file)
    yield from (str(p) for p in config.schemas)
    yield from (str(p) for p in config.vocabulary)
    for rule in registry.rules:  # plugins from entry points: their modules
        module = sys.modules.get(getattr(rule.check, "__module__", "") or "")
        file = getattr(module, "__file__", None)
        if file:
            yield file


# --------------------------------------------------------------------------
# Where: .proglint_cache beside the nearest configuration.


def default_folder(config) -> Path:
    env = os.environ.get(ENVIRONMENT)
    if env:
        return Path(env)
    base = config.path.parent if config.path is not None else Path.cwd()
    return base / FOLDER_NAME


def _prepare(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", "# Automatically created by proglint.\n*\n"), ("CACHEDIR.TAG", _TAG)):
        marker = folder / name
        if not marker.exists():
            marker.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# One key's entries.


class Hit(Record, frozen=False):
    examined: Any  # pipeline.Examined
    excerpt: Excerpt


SHARDS = 64


class Cache:
    """The entries of one key, in ``SHARDS`` files by a hash of each path
    (``<key>/<shard>.json``), so a pre-commit run over two files of a
    repository of ten thousand reads two small files, not one big one.
    A shard is loaded when one of its paths is first looked up and written
    at the end of the run if it changed."""

    def __init__(self, folder: Path, key: str):
        self.folder = folder
        self.key = key
        self.files = folder / key
        self._shards: dict[int, dict[str, dict]] = {}
        self._dirty: set[int] = set()

    def _shard(self, path: str) -> tuple[int, dict[str, dict]]:
        import zlib

        number = zlib.crc32(path.encode("utf-8", "surrogatepass")) % SHARDS
        if number not in self._shards:
            self._shards[number] = self._load(number)
        return number, self._shards[number]

    def _file(self, number: int) -> Path:
        return self.files / f"{number:02x}.json"

    def _load(self, number: int) -> dict[str, dict]:
        try:
            data = json.loads(self._file(number).read_bytes())
        except (OSError, ValueError, RecursionError):
            return {}
        if isinstance(data, dict) and data.get("format") == FORMAT and data.get("key") == self.key:
            entries = data.get("entries")
            if isinstance(entries, dict):
                return entries
        return {}

    def entry(self, path: str) -> dict | None:
        absolute = os.path.abspath(path)
        entry = self._shard(absolute)[1].get(absolute)
        return entry if isinstance(entry, dict) else None

    def lookup(self, path: str) -> tuple[Hit | None, str | None]:
        """A hit when the stat is unchanged; else the hash the content must
        have for the entry to hold (or None when there is no entry)."""
        entry = self.entry(path)
        if entry is None:
            return None, None
        if entry.get("stat") == file_stat(path):
            hit = decode(entry.get("result"), path)
            if hit is not None:
                return hit, None
            return None, None
        sha = entry.get("sha")
        return None, sha if isinstance(sha, str) else None

    def confirmed(self, path: str) -> Hit | None:
        """The entry of a file whose content hash matched: its stat is renewed."""
        entry = self.entry(path)
        hit = decode(entry.get("result"), path) if entry else None
        if hit is not None:
            entry["stat"] = file_stat(path)
            self._dirty.add(self._shard(os.path.abspath(path))[0])
        return hit

    def store(self, path: str, sha: str, stat: list[int] | None, examined, excerpt: Excerpt) -> None:
        """Keep one document's result; a crash (PL901) is not a result: the
        next run tries again, and --debug can show its traceback.  Nor is a
        fix that was not written (PL902): it belongs to the --fix run."""
        from ..fix import NOT_WRITTEN
        from ..pipeline import INTERNAL_ERROR

        if stat is None or any(d.code in (INTERNAL_ERROR.code, NOT_WRITTEN.code) for d in examined.found):
            return
        absolute = os.path.abspath(path)
        number, entries = self._shard(absolute)
        entries[absolute] = {"stat": stat, "sha": sha, "result": encode(examined, excerpt)}
        self._dirty.add(number)

    def save(self) -> None:
        """Write the changed shards atomically; a cache that cannot be
        written is no error."""
        if not self._dirty:
            return
        from .user import replace_file

        try:
            _prepare(self.folder)
            self.files.mkdir(exist_ok=True)
        except OSError:
            self._dirty.clear()
            return
        for number in sorted(self._dirty):
            data = json.dumps({"format": FORMAT, "key": self.key, "entries": self._shards[number]}, separators=(",", ":"))
            replace_file(str(self._file(number)), data.encode("utf-8"))
        self._dirty.clear()


# --------------------------------------------------------------------------
# JSON forms.  Decoding trusts nothing: any surprise is a miss.


def _span(s: Span) -> list[int]:
    return list(s)


def _diag(d: Diagnostic) -> list:
    fix = None if d.fix is None else [d.fix.message, [[_span(e.span), e.text] for e in d.fix.edits], d.fix.applicability]
    related = [[_span(r.span), r.message] for r in d.related]
    suppression = None if d.suppression is None else [d.suppression.kind, d.suppression.reason, _span(d.suppression.span)]
    row = [d.code, d.name, d.severity.value, d.message, _span(d.span), fix, related, suppression]
    if d.covers:
        row.append([_span(c) for c in d.covers])
    return row


def _summary(value: Any) -> Any:
    if isinstance(value, Span):
        return {"$span": list(value)}
    if isinstance(value, Text):
        return {"$text": value.value, "$span": list(value.span)}
    if isinstance(value, (list, tuple)):
        return [_summary(v) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[k, _summary(v)] for k, v in value.items()]}
    return value


def encode(examined, excerpt: Excerpt) -> dict:
    return {
        "found": [_diag(d) for d in examined.found],
        "directives": [
            [d.kind, list(d.selectors), d.reason, _span(d.span), d.first_line, d.last_line, d.removal and _span(d.removal)]
            for d in examined.directives
        ],
        "directive_problems": [_diag(d) for d in examined.directive_problems],
        "summaries": {code: _summary(v) for code, v in examined.summaries.items()},
        "lines": [excerpt.line_count, [[n, t] for n, t in excerpt.kept().items()]],
    }


def _to_span(value) -> Span:
    if not (isinstance(value, list) and len(value) == 4 and all(type(v) is int for v in value)):
        raise ValueError("span")
    return Span(*value)


def _to_str(value, optional: bool = False):
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError("str")
    return value


def _to_diag(value, path: str) -> Diagnostic:
    code, name, severity, message, span, fix, related, suppression = value[:8]
    covers = tuple(_to_span(c) for c in value[8]) if len(value) > 8 else ()
    if fix is not None:
        fix_message, edits, applicability = fix
        if applicability not in ("safe", "unsafe"):
            raise ValueError("applicability")
        fix = Fix(_to_str(fix_message), tuple(Edit(_to_span(s), _to_str(t)) for s, t in edits), applicability)
    return Diagnostic(
        _to_str(code), _to_str(name), Severity(severity), _to_str(message), _to_span(span), path, fix,
        tuple(Related(_to_span(s), _to_str(m)) for s, m in related),
        None if suppression is None else Suppression(_to_str(suppression[0]), _to_str(suppression[1], True), _to_span(suppression[2])),
        covers,
    )


def _from_summary(value: Any) -> Any:
    if isinstance(value, dict):
        if "$text" in value:
            return Text(_to_str(value["$text"]), _to_span(value["$span"]))
        if "$span" in value:
            return _to_span(value["$span"])
        return {_to_str(k): _from_summary(v) for k, v in value["$dict"]}
    if isinstance(value, list):
        return [_from_summary(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise ValueError("summary")


def decode(result, path: str) -> Hit | None:
    from ..pipeline import Examined
    from ..suppress import Directive

    try:
        directives = tuple(
            Directive(
                _to_str(kind), tuple(_to_str(s) for s in selectors), _to_str(reason, True), _to_span(span),
                int(first), int(last), removal=None if removal is None else _to_span(removal),
            )
            for kind, selectors, reason, span, first, last, removal in result["directives"]
        )
        examined = Examined(
            path,
            tuple(_to_diag(d, path) for d in result["found"]),
            directives,
            tuple(_to_diag(d, path) for d in result["directive_problems"]),
            {_to_str(code): _from_summary(v) for code, v in result["summaries"].items()},
        )
        count, lines = result["lines"]
        excerpt = Excerpt(path, int(count), {int(n): _to_str(t) for n, t in lines})
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
        return None
    return Hit(examined, excerpt)
