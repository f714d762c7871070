"""The caches, pinned where mutation testing found them loose.

The results cache (``proglint.cache.results``): a warm run gives the same
report as a cold one for every kind of finding (fixes, related places,
suppressions, covers, summaries); the shard files are valid and a damaged
entry is a miss, never a crash; where the folder goes and what marks it.
The user cache (``proglint.cache.user``): where it lives, that an entry is
used only for its exact key, what it cannot store, and that writing it
never fails a run.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import zlib
from pathlib import Path

import pytest

import proglint.pipeline
from proglint.cache import results, user
from proglint.config import Config
from proglint.diagnostic import Diagnostic, Edit, Fix, Related, Severity, Suppression
from proglint.excerpt import Excerpt
from proglint.pipeline import Examined
from proglint.source import Source
from proglint.span import Span, Text
from proglint.suppress import Directive

from conftest import ROOT, forbid_linting, run_main, seed_text

EXAMPLE = (ROOT / "examples" / "fixing" / "1071.txt").read_text(encoding="utf-8")


lint = run_main


def shards(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.json"))


# -- warm runs report what cold runs did ------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_warm_run_of_every_kind_of_finding_is_the_cold_one(tmp_path, capsys, monkeypatch, fmt):
    """Fixes (safe and unsafe), related places, a used and an unused
    suppression with and without a reason, a parse problem's covers and a
    cross-document finding, through the cache."""
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    lines = seed_text("1071.txt").split("\n")
    lines[22] = "|            | 3            | FGS-1, GS#3  |"  # PL011 covers the row
    text = "\n".join(lines).replace("\n## ABSTRACT", "\n<!-- proglint-disable-next-line PL502 -- the team's name -->\n## ABSTRACT", 1)
    (tmp_path / "docs" / "copy.txt").write_text(text, encoding="utf-8")  # 1071's id again: PL601
    cold = lint(capsys, "docs", "--format", fmt, "--extend-select", "PL502")
    assert cold[0] == 1 and all(code in cold[1] for code in ("PL101", "PL220", "PL701", "PL011", "PL601"))
    with monkeypatch.context() as patch:
        forbid_linting(patch)
        assert lint(capsys, "docs", "--format", fmt, "--extend-select", "PL502") == cold
    # and --fix on the warm cache finds the same fixes (they come from the entries)
    fixed = lint(capsys, "docs/1071.txt", "--fix", "--unsafe-fixes", "--format", "concise", "--extend-select", "PL502")
    assert fixed[0] == 0 and 'proposal_type: "COM/NIRCAM"' in (tmp_path / "docs" / "1071.txt").read_text(encoding="utf-8")


def examined_with_everything(path: str) -> tuple[Examined, Excerpt]:
    span = Span(2, 3, 2, 7)
    found = (
        Diagnostic("PL101", "front-matter-unknown-key", Severity.ERROR, "m1", span, path,
                   Fix("rename", (Edit(Span(2, 3, 2, 5), "ab"), Edit(Span(3, 1, 3, 1), "")), "unsafe"),
                   (Related(Span(1, 1, 1, 4), "first here"),), Suppression("disable-line", "why", Span(2, 9, 2, 30)),
                   (Span(2, 1, 3, 1), Span(4, 1, 4, 2))),
        Diagnostic("PL502", "template", Severity.WARNING, "m2", Span(3, 1, 3, 2), path,
                   Fix("case", (Edit(Span(3, 1, 3, 2), "X"),)), (), Suppression("disable-file", None, Span(1, 1, 1, 9))),
    )
    directives = (Directive("disable-line", ("PL101", "PL2"), "why", Span(2, 9, 2, 30), 2, 2, removal=Span(2, 8, 2, 30)),
                  Directive("disable-file", (), None, Span(1, 1, 1, 9), 1, 4))
    problems = (Diagnostic("PL703", "bad", Severity.WARNING, "m3", Span(1, 1, 1, 9), path),)
    summaries = {
        "PL601": {"id": Text("1071", Span(2, 5, 2, 9)), "where": [Span(1, 1, 1, 2), 3, None, 1.5, True, "s"],
                  "nested": {"x": [{"y": Text("z", Span(4, 1, 4, 2))}]}},
        "PL602": [1, "two"],
        "PL603": None,
    }
    examined = Examined(path, found, directives, problems, summaries)
    excerpt = Excerpt(path, 4, {1: "line one", 2: "line two", 4: "four"})
    return examined, excerpt


def test_an_entry_decodes_to_what_was_encoded(tmp_path):
    path = str(tmp_path / "p.txt")
    examined, excerpt = examined_with_everything(path)
    encoded = json.loads(json.dumps(results.encode(examined, excerpt)))  # as stored: JSON
    hit = results.decode(encoded, path)
    assert hit.examined == examined
    assert hit.examined.summaries == examined.summaries
    assert [(d.kind, d.selectors, d.reason, d.span, d.first_line, d.last_line, d.removal) for d in hit.examined.directives] == [
        (d.kind, d.selectors, d.reason, d.span, d.first_line, d.last_line, d.removal) for d in examined.directives
    ]
    assert (hit.excerpt.path, hit.excerpt.line_count, hit.excerpt.kept()) == (path, 4, excerpt.kept())
    assert type(hit.examined.summaries["PL601"]["id"]) is Text
    assert type(hit.examined.summaries["PL601"]["where"][0]) is Span


def test_a_diagnostic_without_covers_is_stored_without_them(tmp_path):
    examined, excerpt = examined_with_everything("p.txt")
    encoded = results.encode(examined, excerpt)
    assert len(encoded["found"][0]) == 9 and len(encoded["found"][1]) == 8


BAD_PIECES = [
    ("found", 0, 4, [1, 2, 3]),  # a span of three numbers
    ("found", 0, 4, [1, 2, 3, "4"]),  # ... with a string
    ("found", 0, 4, [1, 2, 3, True]),  # ... with a boolean
    ("found", 0, 4, "1:2"),
    ("found", 0, 0, 7),  # a code that is not a string
    ("found", 0, 3, None),  # no message
    ("found", 0, 2, "fatal"),  # no such severity
    ("found", 0, 5, ["m", [], "maybe"]),  # no such applicability
    ("found", 0, 5, [7, [], "safe"]),
    ("found", 0, 5, ["m", [[[1, 1, 1, 1], 5]], "safe"]),  # an edit's text not a string
    ("found", 0, 6, [[[1, 1, 1, 1], None]]),  # a related message not a string
    ("found", 0, 7, ["disable-line", 5, [1, 1, 1, 1]]),  # a reason not a string
    ("found", 0, 7, [None, None, [1, 1, 1, 1]]),  # no kind
    ("found", 0, 8, [[1, 1, 1]]),  # a bad covered span
    ("directive_problems", 0, 1, None),
    ("summaries", None, None, {"PL601": {"$text": 5, "$span": [1, 1, 1, 1]}}),
    ("summaries", None, None, {"PL601": {"$span": [1, 1]}}),
    ("summaries", None, None, {"PL601": {"$dict": [[5, 1]]}}),
    ("summaries", None, None, {"PL601": {"other": 1}}),
    ("summaries", None, None, {"PL601": [{"$span": "x"}]}),
    ("summaries", None, None, {5: 1}),
    ("lines", None, None, [2, [[1, 5]]]),  # a line that is not text
    ("lines", None, None, [2, [["one", "x"]]]),
    ("lines", None, None, ["two", []]),
    ("lines", None, None, [2]),
    ("directives", 0, 0, 5),  # a kind that is not a string
    ("directives", 0, 1, [5]),
    ("directives", 0, 2, 5),
    ("directives", 0, 3, [1, 1]),
    ("directives", 0, 4, "x"),
    ("directives", 0, 6, [1]),
    ("directives", 0, None, ["disable-line"]),
]


@pytest.mark.parametrize("key, index, field, value", BAD_PIECES)
def test_a_damaged_piece_of_an_entry_is_a_miss_not_a_crash(key, index, field, value):
    examined, excerpt = examined_with_everything("p.txt")
    encoded = json.loads(json.dumps(results.encode(examined, excerpt)))
    if index is None:
        encoded[key] = value
    elif field is None:
        encoded[key][index] = value
    else:
        encoded[key][index][field] = value
    assert results.decode(encoded, "p.txt") is None


@pytest.mark.parametrize("result", [None, 5, [], {}, {"found": []}, "text"])
def test_an_entry_of_another_shape_is_a_miss(result):
    assert results.decode(result, "p.txt") is None


def test_a_summary_nested_past_the_recursion_limit_is_a_miss():
    examined, excerpt = examined_with_everything("p.txt")
    encoded = results.encode(examined, excerpt)
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    encoded["summaries"] = {"PL601": deep}
    assert results.decode(encoded, "p.txt") is None


# -- the shard files -------------------------------------------------------------------


def test_the_shard_files_are_named_and_filled_as_documented(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    lint(capsys, str(tmp_path / "1071.txt"))
    (file,) = shards(tmp_path / "cache")
    absolute = os.path.abspath(tmp_path / "1071.txt")
    assert file.name == f"{zlib.crc32(absolute.encode()) % 64:02x}.json"
    data = json.loads(file.read_bytes())
    assert data["format"] == results.FORMAT == 2 and data["key"] == file.parent.name
    (entry,) = data["entries"].values()
    assert list(data["entries"]) == [absolute]
    stat = os.stat(absolute)
    assert entry["stat"] == [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
    assert entry["sha"] == hashlib.blake2b(EXAMPLE.encode(), digest_size=16).hexdigest()


@pytest.mark.parametrize("damage", [
    lambda data: {**data, "format": 1},
    lambda data: {**data, "key": "another"},
    lambda data: {**data, "entries": [1]},
    lambda data: {k: v for k, v in data.items() if k != "entries"},
    lambda data: {**data, "entries": {p: "not an entry" for p in data["entries"]}},
    lambda data: {**data, "entries": {p: {**e, "stat": None, "sha": 5} for p, e in data["entries"].items()}},
])
def test_a_shard_that_does_not_hold_is_linted_again_and_rewritten(tmp_path, capsys, monkeypatch, damage):
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    cold = lint(capsys, str(tmp_path / "1071.txt"))
    (file,) = shards(tmp_path / "cache")
    good = file.read_bytes()
    file.write_text(json.dumps(damage(json.loads(good))), encoding="utf-8")
    linted = []
    original = proglint.pipeline.examine
    monkeypatch.setattr(proglint.pipeline, "examine", lambda *a, **k: linted.append(1) or original(*a, **k))
    assert lint(capsys, str(tmp_path / "1071.txt")) == cold
    assert linted == [1]
    assert json.loads(file.read_bytes())["entries"] == json.loads(good)["entries"]


def test_a_changed_file_of_the_same_size_and_hash_entry_is_linted(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "1071.txt"
    path.write_text(EXAMPLE, encoding="utf-8")
    lint(capsys, str(path))
    path.write_text(EXAMPLE.replace("proposal_typ:", "proposal_tyq:"), encoding="utf-8")
    out = lint(capsys, str(path), "--format", "concise")[1]
    assert "unknown key 'proposal_tyq'" in out


def test_a_confirmed_entry_is_saved_with_its_new_stat(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "1071.txt"
    path.write_text(EXAMPLE, encoding="utf-8")
    cold = lint(capsys, str(path))
    os.utime(path, ns=(5_000_000_000, 5_000_000_000))
    forbid_linting(monkeypatch)
    assert lint(capsys, str(path)) == cold
    (file,) = shards(tmp_path / "cache")
    (entry,) = json.loads(file.read_bytes())["entries"].values()
    assert entry["stat"][1] == 5_000_000_000
    # a warm run with nothing new leaves the file as it was
    before = file.read_bytes()
    os.utime(file, ns=(1_000_000_000, 1_000_000_000))
    assert lint(capsys, str(path)) == cold
    assert file.read_bytes() == before and file.stat().st_mtime_ns == 1_000_000_000


def test_a_fix_that_was_not_written_is_not_cached(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    seed = seed_text()
    data = seed.replace("muCol", "mu\xe9Col", 1).encode("latin-1")
    path = tmp_path / "p.txt"
    path.write_bytes(data)
    args = (str(path), "--extend-select", "PL502", "--ignore", "PL001", "--format", "concise")
    assert "PL902" in lint(capsys, *args, "--fix")[1]
    assert "PL902" not in lint(capsys, *args)[1]  # the plain run is linted, not served the --fix run's PL902


def test_the_cache_is_kept_beside_the_configuration_or_here(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PROGLINT_CACHE_DIR")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    lint(capsys, "1071.txt", "--isolated")
    assert shards(tmp_path / ".proglint_cache")
    folder = tmp_path / ".proglint_cache"
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "# Automatically created by proglint.\n*\n"
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8") == (
        "Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by proglint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n"
    )
    assert results.default_folder(Config()) == tmp_path / ".proglint_cache"
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert results.default_folder(Config()) == tmp_path / "elsewhere"


def test_markers_a_user_edited_are_kept(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / ".gitignore").write_text("mine\n", encoding="utf-8")
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    lint(capsys, str(tmp_path / "1071.txt"))
    assert (tmp_path / "cache" / ".gitignore").read_text(encoding="utf-8") == "mine\n"
    assert (tmp_path / "cache" / "CACHEDIR.TAG").is_file()


def test_a_cache_folder_that_cannot_be_made_is_no_error(tmp_path, capsys, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "file" / "cache"))
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    code, out, err = lint(capsys, str(tmp_path / "1071.txt"), "--format", "concise")
    assert code == 1 and "PL220" in out and "Traceback" not in err
    assert lint(capsys, str(tmp_path / "1071.txt"), "--format", "concise") == (code, out, err)


# -- the key --------------------------------------------------------------------------


def key(config: Config) -> str:
    from proglint.pipeline import registry_for

    return results.key_for(config, registry_for(config))


def test_the_key_follows_the_team_schemas_and_vocabulary(tmp_path):
    schema = tmp_path / "team.json"
    schema.write_text('{"type": "object"}', encoding="utf-8")
    vocabulary = tmp_path / "team.yaml"
    vocabulary.write_text("instruments: {}\n", encoding="utf-8")
    base = key(Config())
    assert key(Config()) == base and len(base) == 32
    with_files = key(Config(schemas=(schema,), vocabulary=(vocabulary,)))
    assert with_files != base
    schema.write_text('{"type": "object", "required": []}', encoding="utf-8")
    changed_schema = key(Config(schemas=(schema,), vocabulary=(vocabulary,)))
    assert changed_schema != with_files
    vocabulary.write_text("instruments: {nircam: {}}\n", encoding="utf-8")
    assert key(Config(schemas=(schema,), vocabulary=(vocabulary,))) != changed_schema
    vocabulary.unlink()  # unreadable: still a key, another one
    assert key(Config(schemas=(schema,), vocabulary=(vocabulary,))) not in (base, with_files, changed_schema)


def test_the_key_follows_every_data_file_of_a_rule_folder(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "team.py").write_text("", encoding="utf-8")
    keys = {key(Config(rule_paths=(rules,)))}
    for name in ("words.yaml", "more.yml", "schema.json", "team.py"):
        (rules / name).write_text(f"# {name}\n", encoding="utf-8")
        keys.add(key(Config(rule_paths=(rules,))))
    (rules / "notes.txt").write_text("not read", encoding="utf-8")
    (rules / "sub.yaml").mkdir()
    keys.add(key(Config(rule_paths=(rules,))))
    assert len(keys) == 5


def test_the_key_follows_the_configuration_values():
    from proglint.config import Layer

    keys = {
        key(Config()),
        key(Config(layers=(Layer(select=("PL1",)),))),
        key(Config(layers=(Layer(select=("PL2",)),))),
        key(Config(max_file_size=10)),
        key(Config(path=Path("/a/proglint.toml"))),
        key(Config(path=Path("/b/proglint.toml"))),
    }
    assert len(keys) == 6


def test_the_key_follows_nested_settings():
    keys = {
        key(Config(severity={"PL101": "warning"})),
        key(Config(severity={"PL101": "error"})),
        key(Config(severity={"PL102": "warning"})),
        key(Config(rule_settings={"labels": {"allowed": ["A"]}})),
        key(Config(rule_settings={"labels": {"allowed": ["B"]}})),
        key(Config(per_file_ignores=(("a/*.txt", ("PL101",)),))),
        key(Config(per_file_ignores=(("b/*.txt", ("PL101",)),))),
    }
    assert len(keys) == 7
    # the same settings written in another order are the same key
    assert key(Config(severity={"PL101": "warning", "PL102": "error"})) == key(Config(severity={"PL102": "error", "PL101": "warning"}))


def test_the_key_follows_proglints_own_modules(tmp_path, monkeypatch):
    """An edited development checkout (a module's modification time) is
    another key, without a new version number.  Shown on a copy of the
    package, so the checkout's own files are never touched."""
    import shutil

    package = Path(results.__file__).resolve().parents[1]
    copy = tmp_path / "proglint"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(results, "__file__", str(copy / "cache" / "results.py"))
    before = key(Config())
    module = copy / "span.py"
    status = module.stat()
    os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    assert key(Config()) != before
    os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert key(Config()) == before


# -- the user cache ---------------------------------------------------------------------


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "proglint"


def test_the_user_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user.folder() == str(tmp_path / "xdg" / "proglint")
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user.folder() == str(tmp_path / "home" / ".cache" / "proglint")


def test_memo_computes_once_per_key_into_a_named_file(home):
    calls = []
    assert user.memo("kind", "key one", lambda: calls.append(1) or {"a": [1, 2]}) == {"a": [1, 2]}
    assert user.memo("kind", "key one", lambda: calls.append(2) or "other") == {"a": [1, 2]}
    assert calls == [1]
    name = f"kind-{zlib.crc32(b'key one') & 0xFF:02x}.marshal"
    assert os.listdir(home) == [name]
    assert marshal.loads((home / name).read_bytes()) == ("key one", {"a": [1, 2]})


def test_an_entry_is_used_only_for_its_exact_key(home):
    # two keys that share a file (the same last byte of their CRC): the second replaces the first
    first = "a"
    second = next(f"b{n}" for n in range(10_000) if zlib.crc32(f"b{n}".encode()) & 0xFF == zlib.crc32(b"a") & 0xFF)
    assert user.memo("k", first, lambda: 1) == 1
    assert user.memo("k", second, lambda: 2) == 2
    assert len(os.listdir(home)) == 1
    assert user.memo("k", first, lambda: 3) == 3
    assert user.memo("other", first, lambda: 4) == 4  # another kind, another file
    assert len(os.listdir(home)) == 2


def test_a_key_with_a_lone_surrogate_is_a_key(home):
    assert user.memo("k", "\udc80", lambda: 5) == 5
    assert user.memo("k", "\udc80", lambda: 6) == 5


@pytest.mark.parametrize("data", [b"", b"\x00garbage", marshal.dumps(5), marshal.dumps(("k",)), marshal.dumps((1, 2, 3))])
def test_a_corrupt_entry_is_computed_again_and_replaced(home, data):
    user.memo("kind", "k", lambda: "first")
    (entry,) = home.iterdir()
    entry.write_bytes(data)
    assert user.memo("kind", "k", lambda: "again") == "again"
    assert marshal.loads(entry.read_bytes()) == ("k", "again")


def test_a_value_marshal_cannot_store_is_returned_not_cached(home):
    value = object()
    assert user.memo("kind", "k", lambda: value) is value
    assert not home.exists() or os.listdir(home) == []


def test_an_unwritable_user_cache_only_costs_time(tmp_path, monkeypatch):
    (tmp_path / "blocker").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocker"))
    assert user.memo("kind", "k", lambda: [1]) == [1]
    assert user.memo("kind", "k", lambda: [2]) == [2]


def test_replace_file(tmp_path):
    path = tmp_path / "f"
    assert user.replace_file(str(path), b"one") is True and path.read_bytes() == b"one"
    assert user.replace_file(str(path), b"two") is True and path.read_bytes() == b"two"
    assert os.listdir(tmp_path) == ["f"]
    assert user.replace_file(str(tmp_path / "missing" / "f"), b"x") is False
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "inside").write_text("")
    assert user.replace_file(str(tmp_path / "folder"), b"x") is False  # a folder is not replaced...
    assert sorted(os.listdir(tmp_path)) == ["f", "folder"]  # ...and the temporary file is gone


def test_installed_names_the_copy_of_a_package():
    origin = Path(json.__file__)
    assert user.installed("json") == f"{origin} {os.stat(origin).st_mtime_ns}"
    assert user.installed("no_such_package_here") == "no_such_package_here missing"


# -- pinned where the second mutation round found them loose ---------------------------


def test_the_key_does_not_depend_on_the_working_folder(tmp_path, monkeypatch):
    """The same configuration run from two folders (a pre-commit hook runs
    from the repository's top, an editor from the document's folder) shares
    its cache entries."""
    monkeypatch.chdir(tmp_path)
    here = key(Config())
    (tmp_path / "deeper").mkdir()
    monkeypatch.chdir(tmp_path / "deeper")
    assert key(Config()) == here
    monkeypatch.chdir(ROOT)
    assert key(Config()) == here


def copied_package(tmp_path, monkeypatch) -> Path:
    """A copy of the proglint package in ``tmp_path/site``, taken for the one
    the key stamps (the checkout's own files are never touched)."""
    import shutil

    package = Path(results.__file__).resolve().parents[1]
    copy = tmp_path / "site" / "proglint"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(results, "__file__", str(copy / "cache" / "results.py"))
    return copy


def test_a_module_installed_beside_proglint_is_not_part_of_the_key(tmp_path, monkeypatch):
    copy = copied_package(tmp_path, monkeypatch)
    beside = copy.parent / "another_package.py"
    beside.write_text("x = 1\n", encoding="utf-8")
    before = key(Config())
    beside.write_text("x = 22\n", encoding="utf-8")
    os.utime(beside, ns=(1_000_000_000, 1_000_000_000))
    assert key(Config()) == before


def test_a_renamed_module_of_proglint_is_another_key(tmp_path, monkeypatch):
    """Same size, same modification time (a rename keeps both), another name."""
    copy = copied_package(tmp_path, monkeypatch)
    before = key(Config())
    os.rename(copy / "span.py", copy / "span_.py")
    assert key(Config()) != before


def test_a_setting_of_another_type_is_another_key():
    """A team rule may read ``1`` and ``"1"`` differently: their findings
    must not share an entry."""
    keys = {
        key(Config(rule_settings={"labels": {"limit": 1}})),
        key(Config(rule_settings={"labels": {"limit": "1"}})),
        key(Config(rule_settings={"labels": {"limit": True}})),
        key(Config(rule_settings={"labels": {"limit": "True"}})),
        key(Config(rule_settings={"labels": {"limit": None}})),
        key(Config(rule_settings={"labels": {"limit": "None"}})),
    }
    assert len(keys) == 6


PLUGIN = '''
from proglint.api import rule


@rule("DM001", "demo-rule", "warning", "A demo rule.")
def demo_rule(document, context):
    """Demo rule."""
    return ()
'''


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A rule plugin installed as pip leaves it (a package and its
    dist-info with a ``proglint.rules`` entry point) on ``sys.path``."""
    import sys

    from proglint import plugins

    site = tmp_path / "site-packages"
    (site / "proglint_memo_demo").mkdir(parents=True)
    (site / "proglint_memo_demo" / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "proglint_memo_demo-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: proglint-memo-demo\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[proglint.rules]\ndemo = proglint_memo_demo\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(plugins, "_CACHE", {})  # registries built without the plugin
    try:
        yield site / "proglint_memo_demo" / "__init__.py"
    finally:
        sys.modules.pop("proglint_memo_demo", None)


def test_the_key_follows_an_installed_plugins_module(installed_plugin):
    from proglint.pipeline import registry_for

    assert "DM001" in {r.info.code for r in registry_for(Config()).rules}
    before = key(Config())
    installed_plugin.write_text(PLUGIN.replace("return ()", "return []"), encoding="utf-8")
    assert key(Config()) != before


def test_the_cache_folder_and_its_parents_are_made(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "not" / "yet" / "cache"))
    (tmp_path / "1071.txt").write_text(EXAMPLE, encoding="utf-8")
    cold = lint(capsys, str(tmp_path / "1071.txt"))
    assert len(shards(tmp_path / "not" / "yet" / "cache")) == 1
    forbid_linting(monkeypatch)
    assert lint(capsys, str(tmp_path / "1071.txt")) == cold


def test_a_file_whose_name_is_not_utf8_is_cached(tmp_path, capsys, monkeypatch):
    """On Linux a file name is bytes; one that is not UTF-8 reaches Python
    with lone surrogates (``os.fsdecode``), and its entry is still kept."""
    monkeypatch.setenv("PROGLINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "docs").mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / "docs" / name).write_text(seed_text(), encoding="utf-8")
    cold = lint(capsys, str(tmp_path / "docs"), "--format", "concise")
    assert cold == (0, "", "")
    (file,) = shards(tmp_path / "cache")
    absolute = os.path.join(str(tmp_path / "docs"), name)
    assert file.name == f"{zlib.crc32(absolute.encode('utf-8', 'surrogatepass')) % 64:02x}.json"
    forbid_linting(monkeypatch)
    assert lint(capsys, str(tmp_path / "docs"), "--format", "concise") == cold
