"""Typing into ``proglint lsp`` over real stdio (pytest-lsp): after bursts of
edits the published diagnostics are those of a fresh lint of the final text
(the incremental path never goes stale), and an explicit ``debounceMs``
still fixes the delay.  No assertion depends on how long anything takes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

import pytest_lsp  # noqa: E402
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from conftest import seed_text  # noqa: E402
from test_lsp import change_doc, eventually, make_client, open_doc  # noqa: E402

pytestmark = pytest.mark.asyncio


def fresh(folder: Path, path: Path, text: str) -> list[tuple]:
    """A full lint of ``text`` by a workspace that has seen nothing before."""
    from proglint.lsp import convert
    from proglint.lsp.workspace import Buffer, Workspace

    space = Workspace()
    space.folders = [folder]
    buffer = Buffer(path.as_uri(), path, text, 1, 1)
    (outcome,) = space.lint([buffer], {path: buffer})
    return sorted(key(convert.to_lsp(d, outcome.source, buffer.uri)) for d in outcome.diagnostics)


def key(d: types.Diagnostic) -> tuple:
    r = d.range
    related = tuple(
        (x.location.range.start.line, x.location.range.start.character, x.message) for x in d.related_information or ()
    )
    return (r.start.line, r.start.character, r.end.line, r.end.character, str(d.code), d.message, related)


def latest(client: LanguageClient, uri: str):
    found = [p for p in client.published if p.uri == uri]
    return found[-1] if found else None


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "programs"
    root.mkdir()
    return root


def session(options):
    @pytest_lsp.fixture(
        config=ClientServerConfig(server_command=[sys.executable, "-m", "proglint", "lsp"], client_factory=make_client)
    )
    async def client(lsp_client: LanguageClient, folder: Path):
        await lsp_client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"),
                root_uri=folder.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="programs")],
                initialization_options=options,
            )
        )
        yield
        if lsp_client._server is not None and lsp_client._server.returncode is None:
            await lsp_client.shutdown_session()

    return client


client = session(None)  # the adaptive debounce
patient = session({"debounceMs": 600_000})  # ten minutes: nothing is linted until a save


def edits(text: str) -> list[str]:
    """Texts a user passes through: rows added and removed, the id changed in
    the front matter, an observation number made a duplicate and back."""
    lines = text.split("\n")
    row = lines[22]
    steps = [
        lines[:22] + [row] + lines[22:],  # a row pasted twice: PL220
        lines[:22] + [row + " x"] + lines[22:],  # ... and typed into
        lines[:22] + lines[23:],  # a row deleted
        ["id: 4498" if t == "id: 4497" else t for t in lines],  # the front matter's id: PL0xx heading/URL mismatch
        ["id: 4498" if t == "id: 4497" else t.replace("| 16 ", "| 15 ") for t in lines],  # and a duplicate number
        lines[:3] + lines[4:],  # a front-matter line removed
        lines[:13] + ["", "text before the table"] + lines[13:],  # lines inserted above the table
        [t.replace("| 16 ", "| 15 ") for t in lines],
    ]
    return ["\n".join(s) for s in steps]


async def test_published_diagnostics_equal_a_fresh_lint_after_each_edit(client: LanguageClient, folder: Path):
    (folder / "neighbour.txt").write_text(seed_text().replace("4497", "4501"), encoding="utf-8")
    path = folder / "000_typed.txt"
    text = seed_text()
    uri = open_doc(client, path, text)
    await eventually(lambda: latest(client, uri))
    for version, text in enumerate(edits(text), start=2):
        change_doc(client, uri, text, version)
        published = await eventually(lambda v=version: (p := latest(client, uri)) and p.version == v and p)
        assert sorted(key(d) for d in published.diagnostics) == fresh(folder, path, text), f"stale after edit {version}"


async def test_after_a_burst_the_last_text_is_linted_exactly(client: LanguageClient, folder: Path):
    path = folder / "000_burst.txt"
    base = seed_text()
    uri = open_doc(client, path, base)
    await eventually(lambda: latest(client, uri))
    texts = edits(base) * 3
    for version, text in enumerate(texts, start=2):
        change_doc(client, uri, text, version)  # no waiting: one burst
    final = len(texts) + 1
    published = await eventually(lambda: (p := latest(client, uri)) and p.version == final and p)
    assert sorted(key(d) for d in published.diagnostics) == fresh(folder, path, texts[-1])
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions == sorted(versions), "a stale result was published over a newer one"


async def test_an_explicit_debounce_is_honoured(patient: LanguageClient, folder: Path):
    client = patient
    path = folder / "000_patient.txt"
    clean = seed_text()
    uri = open_doc(client, path, clean)
    await eventually(lambda: latest(client, uri))  # didOpen lints at once
    broken = clean.replace("| 16 ", "| 15 ")
    change_doc(client, uri, broken, 2)
    # A request answered after the change was read: with a ten-minute
    # debounce no lint of version 2 can have been published by then.
    await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0))
    )
    assert latest(client, uri).version == 1
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    published = await eventually(lambda: (p := latest(client, uri)) and p.version == 2 and p)
    assert "PL220" in {str(d.code) for d in published.diagnostics}
