"""What the server knows beyond one buffer: configuration and the folder.

- **Configuration** is found exactly as the command line finds it (the
  nearest ``.proglint.toml``, ``proglint.toml`` or ``pyproject.toml`` with a
  ``[tool.proglint]`` table above the document, through
  :mod:`proglint.config_file`), and checked as the command line checks it
  (unknown selectors, rule settings, rule folders, schemas), so the editor
  and CI never disagree.  A configuration that the command line would
  refuse (exit status 2) is not used: the document gets one diagnostic on
  its first line saying what is wrong and where.  :meth:`reload_configuration`
  forgets every cached file after ``workspace/didChangeWatchedFiles``.
- **Which buffers are linted** follows ``proglint DIR``: ``.txt``/``.md``
  (or the configuration's ``include``), not ``exclude``d, and looking like a
  program document, so a README beside the documents stays quiet.
- **Cross-document rules** see every program document of the workspace
  folder holding the buffer, read from disk (parsed once per modification
  time) with the open buffers laid over them; only the open documents are
  checked (:func:`proglint.pipeline.lint_many`'s ``only``).
- **Incremental**: each buffer keeps its last parse and its table rows, and
  the stages keep their findings with what they read
  (:mod:`proglint.lsp.incremental`), so a keystroke re-reads one row and
  reruns only the stages whose inputs changed.

Everything here runs on the server's single lint thread.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..diagnostic import Diagnostic
from ..document import Document
from ..parse import parse
from ..pipeline import active, lint_many
from ..source import Source
from .incremental import RowMemo, StageMemo

log = logging.getLogger("proglint.lsp")

LISTING_TTL = 5.0  # seconds a folder's file list is trusted without a file-watch event
MAX_FOLDER_FILES = 20_000  # bound what one keystroke may cost in a huge folder


@dataclass
class Buffer:
    """An open document: its text as the editor has it."""

    uri: str
    path: Path
    text: str
    revision: int  # ours, increasing on every open and change; never reused
    version: int | None = None  # the client's


@dataclass
class Outcome:
    """What one lint pass says about one open document."""

    buffer: Buffer
    source: Source
    linted: bool = False  # False: not a program document, or not selected
    document: Document | None = None
    config: Config | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)  # the active ones
    problem: str | None = None  # a configuration or internal error instead of findings
    problem_at: tuple[str, int | None] | None = None  # (file, line) of a configuration error


class Workspace:
    def __init__(self) -> None:
        self.folders: list[Path] = []
        self._checked: dict[int, tuple[Config, str | None]] = {}
        self._listings: dict[Path, tuple[float, list]] = {}
        self._parsed: dict[Path, tuple[tuple[int, int], Document | None]] = {}
        self._defaults: dict[Path, Config] = {}
        self._buffers: dict[Path, tuple[str, Source, Document | None, RowMemo]] = {}  # each open buffer's last parse
        self.stages = StageMemo()

    # -- folders -------------------------------------------------------------

    def folder_of(self, path: Path) -> Path | None:
        """The innermost workspace folder holding ``path``."""
        best = None
        for folder in self.folders:
            if path == folder or folder in path.parents:
                if best is None or len(folder.parts) > len(best.parts):
                    best = folder
        return best

    def forget_listings(self) -> None:
        self._listings.clear()

    def _listing(self, folder: Path) -> list:
        from ..discover import discover

        cached = self._listings.get(folder)
        now = time.monotonic()
        if cached is not None and now - cached[0] < LISTING_TTL:
            return cached[1]
        try:
            found = discover([str(folder)], ())[:MAX_FOLDER_FILES]
        except Exception:  # noqa: BLE001 - a folder that vanished, permissions
            log.exception("cannot list %s", folder)
            found = []
        self._listings[folder] = (now, found)
        return found

    # -- configuration -------------------------------------------------------

    def config_for(self, path: Path) -> Config:
        """The configuration the command line would use for ``path``
        (raises :class:`~proglint.config_file.ConfigError`)."""
        from ..config_file import find, load

        found = find(path.parent)
        if found is not None:
            return load(found)
        root = self.folder_of(path) or path.parent
        # one object per root: the engine caches rule settings by config identity
        return self._defaults.setdefault(root, Config(root=root))

    def reload_configuration(self) -> None:
        from .. import config_file

        config_file._find.cache_clear()
        config_file.load.cache_clear()
        self._checked.clear()
        self._parsed.clear()
        self.stages.clear()

    def forget(self, path: Path) -> None:
        """A buffer was closed: drop what was kept for re-linting it."""
        self._buffers.pop(path, None)
        self.stages.forget(str(path))

    def source_of(self, path: Path, text: str) -> Source:
        kept = self._buffers.get(path)
        if kept is not None and kept[0] == text:
            return kept[1]
        source = Source.from_text(str(path), text)
        self._buffers[path] = (text, source, None, kept[3] if kept is not None else RowMemo())
        return source

    def document_of(self, path: Path, text: str) -> Document:
        """A buffer's text parsed, reusing the last parse of that buffer: all
        of it when the text is the same, its table rows otherwise."""
        source = self.source_of(path, text)
        _, _, document, rows = self._buffers[path]
        if document is None:
            document = parse(source, rows=rows)
            rows.turn()
            self._buffers[path] = (text, source, document, rows)
        return document

    def config_problem(self, config: Config, probe: Path) -> str | None:
        """Why the command line would refuse this configuration, or None."""
        cached = self._checked.get(id(config))
        if cached is not None and cached[0] is config:
            return cached[1]
        message = None
        try:
            from ..config_file import check_selectors
            from ..pipeline import registry_for

            check_selectors(config, registry_for(config))
            # rule settings, rule folders and schemas are read on first use
            lint_many([(parse(Source.from_text(str(probe), "")), config)])
        except Exception as exc:  # noqa: BLE001
            message = known_error(exc)
            if message is None:
                raise
        self._checked[id(config)] = (config, message)
        return message

    # -- linting -------------------------------------------------------------

    def wanted(self, path: Path, text: str, config: Config) -> bool:
        from ..discover import Found, looks_like_program_document, wanted

        return wanted(Found(path, explicit=False), config) and looks_like_program_document(text)

    def lint(self, targets: list[Buffer], open_buffers: dict[Path, Buffer]) -> list[Outcome]:
        """Lint the open documents ``targets`` (all in one workspace folder,
        or one document outside any) against the rest of their folder."""
        outcomes: list[Outcome] = []
        items: list[tuple[Document, Config]] = []
        checked: dict[str, Outcome] = {}
        for buffer in targets:
            source = self.source_of(buffer.path, buffer.text)
            outcome = Outcome(buffer, source)
            outcomes.append(outcome)
            try:
                config = self.config_for(buffer.path)
                outcome.problem = self.config_problem(config, buffer.path)
            except Exception as exc:  # noqa: BLE001
                outcome.problem = known_error(exc)
                if outcome.problem is None:
                    raise
                if getattr(exc, "path", None):
                    outcome.problem_at = (exc.path, getattr(exc, "line", None))
                continue
            if outcome.problem is not None:
                outcome.problem_at = (str(config.path), None) if config.path else None
                continue
            if not self.wanted(buffer.path, buffer.text, config):
                continue
            outcome.linted, outcome.config = True, config
            outcome.document = self.document_of(buffer.path, buffer.text)
            items.append((outcome.document, config))
            checked[source.path] = outcome
        if not items:
            return outcomes
        folder = self.folder_of(targets[0].path)
        if folder is not None:
            items += self._context(folder, open_buffers, set(checked))
        results = lint_many(items, only=set(checked), memo=self.stages)
        for path, outcome in checked.items():
            outcome.diagnostics = active(results.get(path, []))
        return outcomes

    def _context(self, folder: Path, open_buffers: dict[Path, Buffer], skip: set[str]) -> list[tuple[Document, Config]]:
        """The folder's other program documents, as the cross-document rules see them."""
        items = []
        for found in self._listing(folder):
            path = found.path
            if str(path) in skip:
                continue
            try:
                config = self.config_for(path)
                if self.config_problem(config, path) is not None:
                    continue
                buffer = open_buffers.get(path)
                if buffer is not None:
                    if not self.wanted(path, buffer.text, config):
                        continue
                    document = self.document_of(path, buffer.text)
                else:
                    document = self._read(path, config)
                    if document is None:
                        continue
            except Exception:  # noqa: BLE001 - another file's trouble is not this one's
                log.debug("skipping %s", path, exc_info=True)
                continue
            items.append((document, config))
        return items

    def _read(self, path: Path, config: Config) -> Document | None:
        from ..discover import wanted
        from ..discover import Found, looks_like_program_document

        if not wanted(Found(path, explicit=False), config):
            return None
        try:
            stat = path.stat()
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._parsed.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        from ..reading import TooLarge, read_file

        try:  # as the command line reads: regular files only, at most max-file-size bytes
            source = Source.from_bytes(str(path), read_file(str(path), config.max_file_size))
        except (OSError, TooLarge):
            return None
        document = parse(source) if looks_like_program_document(source.text) else None
        self._parsed[path] = (stamp, document)
        return document


def known_error(exc: Exception) -> str | None:
    """The message of a configuration, plugin or schema problem (the ones the
    command line reports with exit status 2), or None for anything else."""
    from ..errors import user_error_message

    return user_error_message(exc)
