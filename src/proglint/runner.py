"""The job runner: the per-document half of a run, in this process or in
several, fed from the cache where it can be.

Each file named or found is a :class:`Task`.  A task reads its file, parses
it, runs every per-document check (and ``--fix``), and returns an
:class:`Outcome`: the document's :class:`~proglint.pipeline.Examined` and
the lines its report will show, never the document itself, so a run over
ten thousand files holds findings, not documents.  The cross-document rules
and the final selection then run in the main process over all outcomes,
in the order of the tasks, whatever the number of jobs: output does not
depend on ``--jobs``.

With more than one job the tasks go to a pool of worker processes (forked
where the platform allows, so workers start with the rules and schemas
already loaded); small runs stay in this process, where a pool would cost
more than it saves.
"""

from __future__ import annotations

import os
from typing import Iterator, Sequence

from . import collector
from .excerpt import Excerpt, spans_in
from .record import Record, replace
from .source import Source

# Fewer files than this per extra job are linted in this process: starting
# workers costs ~10-20 ms each, a document ~0.5 ms.
PARALLEL_THRESHOLD = 64
CHUNK = 16  # tasks per worker below which no more workers are started
# Batches of tasks sent to the workers shrink as the run goes on (guided
# scheduling): large at first, so the parent handles few messages, then
# down to SMALLEST_BATCH, so the workers run out of work together.
SMALLEST_BATCH = 8


class Settings(Record):
    """What every task of a run shares (sent once to each worker)."""

    configs: tuple  # Config by index
    fix: bool = False  # work out the fixes (--fix, --fix-only, --diff, --show-fixes)
    unsafe_fixes: bool = False
    write: bool = False  # write them (--fix, --fix-only; never with --diff)
    diff: bool = False  # return the unified diff of what they change (--diff)
    debug: bool = False
    skip_non_documents: bool = False
    hashing: bool = False  # the cache is on: hash each file's content
    figures: bool = False  # `proglint report`: gather each document's portfolio figures


class Task(Record):
    path: str
    config: int  # index into Settings.configs
    explicit: bool  # named on the command line
    expected_hash: str | None = None  # the cache's hash, when only the stat changed
    data: bytes | None = None  # standard input's bytes

    def expecting(self, expected_hash: str | None) -> "Task":
        return Task(self.path, self.config, self.explicit, expected_hash, self.data)


class Outcome(Record):
    path: str
    examined: object | None = None  # pipeline.Examined; None when skipped or unreadable
    excerpt: Excerpt | None = None
    fixed: int = 0  # findings fixed in the file as written
    fixes: tuple = ()  # fix.Applied: what was (or, not writing, would be) applied
    diff: str = ""  # --diff: the unified diff of the fixes
    unreadable: str | None = None  # why the file could not be read
    sha: str | None = None
    stat: list | None = None
    confirmed: bool = False  # the content matched the cache's hash: use its entry
    figures: object | None = None  # portfolio.figures.DocumentFigures, with Settings.figures


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def run(tasks: Sequence[Task], settings: Settings, jobs: int) -> Iterator[Outcome]:
    """The outcome of each task, in task order."""
    if jobs <= 1 or len(tasks) < PARALLEL_THRESHOLD:
        for task in tasks:
            yield perform(task, settings)
        return
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    workers = min(jobs, max(1, len(tasks) // CHUNK))
    with context.Pool(workers, initializer=_init, initargs=(settings,)) as pool:
        for outcomes in pool.imap(_perform_batch, [tasks[part] for part in batches(len(tasks), workers)]):
            yield from outcomes


def batches(count: int, workers: int) -> list[slice]:
    """Consecutive slices covering ``count`` tasks: each a third of what is
    left per worker, at least SMALLEST_BATCH."""
    parts = []
    start = 0
    while start < count:
        size = max(SMALLEST_BATCH, (count - start) // (workers * 3))
        parts.append(slice(start, min(count, start + size)))
        start += size
    return parts


_WORKER_SETTINGS: Settings | None = None


def _init(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    import gc

    gc.freeze()  # what the parent loaded is never garbage; don't scan it per document


def _perform_batch(tasks: Sequence[Task]) -> list[Outcome]:
    assert _WORKER_SETTINGS is not None
    return [perform(task, _WORKER_SETTINGS) for task in tasks]


def perform(task: Task, settings: Settings) -> Outcome:
    """Read, parse, check (and fix) one document."""
    from .discover import looks_like_program_document

    from .reading import TooLarge, read_file, too_large

    data = task.data
    limit = settings.configs[task.config].max_file_size
    try:
        if data is None:
            data = read_file(task.path, limit)  # regular files only, at most max-file-size bytes
        elif too_large(data, limit):  # standard input, read up to one byte past the limit
            raise TooLarge(None, data[:4096])
    except TooLarge as exc:
        return _too_large(task, settings, exc)
    except OSError as exc:
        return Outcome(task.path, unreadable=f"cannot read the file: {exc.strerror or exc}")
    stat = sha = None
    if settings.hashing:  # the cache is on (and only then is its module imported)
        from .cache.results import content_hash, file_stat

        stat = file_stat(task.path) if task.data is None else None
        sha = content_hash(data)
    if task.expected_hash is not None and sha == task.expected_hash and not settings.fix:
        return Outcome(task.path, sha=sha, stat=stat, confirmed=True)
    source = Source.from_bytes(task.path, data)
    skip_if_foreign = not task.explicit or settings.skip_non_documents
    utf16 = source.decode_problem is not None and source.decode_problem.utf16
    if skip_if_foreign and not utf16 and not looks_like_program_document(source.text):
        return Outcome(task.path)
    config = settings.configs[task.config]
    examined, source, fixing, figures = _examine(source, config, settings, data)
    if fixing.written and settings.hashing:
        from .cache.results import content_hash, file_stat

        sha, stat = content_hash(source.encode()), file_stat(task.path)
    return Outcome(
        task.path, examined, excerpt_of(source, examined), fixing.written, fixing.fixes, fixing.diff, sha=sha, stat=stat,
        figures=figures,
    )


class _Fixing(Record):
    written: int = 0
    fixes: tuple = ()
    diff: str = ""


NO_FIXING = _Fixing()


def _too_large(task: Task, settings: Settings, exc) -> Outcome:
    """A file over the read limit is reported (PL016), not read; one found
    in a folder is first asked, from its head, whether it is a program
    document at all."""
    from .discover import looks_like_program_document
    from .parse.problems import FILE_TOO_LARGE
    from .pipeline import Examined
    from .reading import size_words
    from .span import Span

    head = Source.from_bytes(task.path, exc.head)
    if (not task.explicit or settings.skip_non_documents) and not looks_like_program_document(head.text):
        return Outcome(task.path)
    size = f"{exc.size:,} bytes" if exc.size is not None else "more than that"
    diagnostic = FILE_TOO_LARGE.diagnostic(
        Span.point(1, 1),
        f"the file is not checked: proglint reads at most {size_words(settings.configs[task.config].max_file_size)} "
        f"of a file (max-file-size) and this one holds {size}; a program document is a few kilobytes, so check "
        "that this is the right file (a table of 100,000 rows still fits)",
        task.path,
    )
    return Outcome(task.path, Examined(task.path, (diagnostic,)), Excerpt.of(Source.from_text(task.path, ""), ()))


def _examine(source: Source, config, settings: Settings, original: bytes):
    """Check one document; with fixes asked for, work them out, and then
    write them (unless that could lose a byte) and check the result, or
    (``--diff``, ``--show-fixes`` alone) only say what they would change."""
    from .parse import parse
    from .pipeline import examine, finish

    with collector.paused():  # the model is acyclic: see proglint.collector
        document = parse(source)
        figures = None
        if settings.figures:  # the portfolio's counts, taken while the document is here (it is dropped below)
            from .portfolio.figures import of_document

            figures = of_document(document, config)
        examined = examine(document, config, debug=settings.debug)
        del document  # freed before the collector is back: its first pass need not walk the model
    # the findings as reported (unused-suppression ones, with their fixes,
    # exist only once the suppressions are applied)
    if not settings.fix or not any(
        d.fix is not None and (settings.unsafe_fixes or d.fix.safe) for d in finish(examined, config)
    ):
        return examined, source, NO_FIXING, figures
    from .fix import fix_until_stable, not_written, unified_diff, write

    def relint(candidate: Source):
        return finish(examine(parse(candidate), config, debug=settings.debug), config)

    fixed = fix_until_stable(source, relint, unsafe=settings.unsafe_fixes)
    if not fixed.applied and fixed.ambiguous is None:
        return examined, source, NO_FIXING, figures
    verb = "were not written" if settings.write else "would not be written"
    problem = None
    if source.decode_problem is not None:
        problem = not_written(
            source.path,
            f"the file is not valid UTF-8, so its {fixed.applied} fix(es) {verb} "
            "(writing it would replace the bytes that are not); save it as UTF-8 first",
        )
    elif fixed.ambiguous is not None:
        problem = not_written(
            source.path,
            f"its fixes {verb}: {fixed.ambiguous}; fix that problem first, then run --fix again",
        )
    elif settings.write:
        problem = write(fixed, original)
    if problem is not None:
        return replace(examined, found=examined.found + (problem,)), source, NO_FIXING, figures
    if not settings.write:
        diff = unified_diff(source, fixed.source.text) if settings.diff else ""
        return examined, source, _Fixing(0, fixed.fixes, diff), figures
    return (
        examine(parse(fixed.source), config, debug=settings.debug), fixed.source, _Fixing(fixed.applied, fixed.fixes),
        figures,
    )


def excerpt_of(source: Source, examined) -> Excerpt:
    spans = [d.span for d in examined.found]
    spans += [d.span for d in examined.directive_problems]
    spans += [d.span for d in examined.directives]
    for value in examined.summaries.values():
        spans += list(spans_in(value))
    return Excerpt.of(source, spans)
