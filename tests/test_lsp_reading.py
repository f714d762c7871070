"""The language server reads the other documents of a folder (the context of
the cross-document rules) as the command line reads files: regular files
only, at most ``max-file-size`` bytes.  A FIFO beside the open document
never blocks the lint thread, and a file over the limit is left out of the
context rather than read into memory."""

from __future__ import annotations

import os
import random
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("pygls")

from proglint.lsp.workspace import Buffer, Workspace  # noqa: E402

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate_document  # noqa: E402

TEXT = generate_document(random.Random(5), 12, program_id=2468)


def lint_found(folder: Path, opened: Path) -> list:
    """The codes the server reports for ``opened`` (in a thread: a read that
    blocks shows as a thread still running, not as a hung test run)."""
    space = Workspace()
    space.folders = [folder]
    buffer = Buffer(opened.as_uri(), opened, TEXT, 1, 1)
    found: list = []
    worker = threading.Thread(target=lambda: found.extend(space.lint([buffer], {opened: buffer})), daemon=True)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), "the lint blocked on a file of the folder"
    (outcome,) = found
    return outcome.diagnostics


def lint_codes(folder: Path, opened: Path) -> list[str]:
    return [d.code for d in lint_found(folder, opened)]


def test_a_copy_with_the_same_id_is_read_under_the_limit(tmp_path):
    (tmp_path / "2468.txt").write_text(TEXT)
    (tmp_path / "copy.txt").write_text(TEXT)
    assert lint_codes(tmp_path, tmp_path / "2468.txt") == ["PL601"]


def test_a_file_over_max_file_size_is_not_read(tmp_path):
    (tmp_path / "proglint.toml").write_text(f"max-file-size = {len(TEXT.encode()) + 10}\n")
    (tmp_path / "2468.txt").write_text(TEXT)
    (tmp_path / "big.txt").write_text(TEXT + "\n" + "x" * 100)  # same id, 100 bytes over the limit
    (tmp_path / "small.txt").write_text(TEXT)  # same id, under it
    found = lint_found(tmp_path, tmp_path / "2468.txt")
    assert [d.code for d in found] == ["PL601"]
    assert "small.txt" in found[0].message and "big.txt" not in found[0].message, found[0].message


def test_a_fifo_among_the_documents_is_not_opened(tmp_path):
    (tmp_path / "2468.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would wait for a writer forever
    (tmp_path / "copy.txt").write_text(TEXT)
    assert lint_codes(tmp_path, tmp_path / "2468.txt") == ["PL601"]
