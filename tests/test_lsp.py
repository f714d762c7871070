"""``proglint lsp`` end to end, over real stdio, driven by pytest-lsp: the
server runs as ``python -m proglint lsp`` in a subprocess and a client with
VS Code's capabilities talks to it the way an editor does."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

import pytest_lsp  # noqa: E402
from lsprotocol import types  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

from conftest import ROOT, seed_text  # noqa: E402

pytestmark = pytest.mark.asyncio
TIMEOUT = 60.0  # a guard against a hang, not a speed requirement


def make_client() -> LanguageClient:
    """pytest-lsp's client, also recording every publishDiagnostics (with
    its version) and the server's capability registrations."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    def register(client: LanguageClient, params: types.RegistrationParams):
        client.registrations.extend(params.registrations)

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    register_lsp_features(client, features)
    return client


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "programs"
    root.mkdir()
    return root


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "proglint", "lsp"], client_factory=make_client)
)
async def client(lsp_client: LanguageClient, folder: Path):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="programs")],
        )
    )
    yield
    if lsp_client._server is not None and lsp_client._server.returncode is None:
        await lsp_client.shutdown_session()


# -- helpers ---------------------------------------------------------------


def broken() -> str:
    lines = seed_text().split("\n")
    lines[2] = 'proposal_type: "calibrashun"'  # PL110 (warning), line 3
    lines[21] = lines[21] + " extra |"  # PL011 (error), line 22
    lines[22] = lines[22].replace("| 16 ", "| 15 ")  # PL220 (error), line 23, first use on line 22
    return "\n".join(lines)


async def eventually(predicate, timeout: float = TIMEOUT):
    """Poll until ``predicate()`` is truthy; return its value."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.02)


def codes(client: LanguageClient, uri: str) -> list[str]:
    return sorted(str(d.code) for d in client.diagnostics.get(uri, []))


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)
        )
    )
    return uri


def change_doc(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def apply_edits(text: str, edits) -> str:
    """Apply LSP TextEdits the way a client does: UTF-16 columns, counted
    here independently of the server's positions module."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line]
        units = 0
        for index, ch in enumerate(line):
            if units >= position.character:
                return before + index
            units += utf16(ch)
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
        lines = text.split("\n")
    return text


def edits_of(action: types.CodeAction, uri: str):
    if action.edit.document_changes:
        return [e for change in action.edit.document_changes for e in change.edits]
    return action.edit.changes[uri]


async def actions_at(client: LanguageClient, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )


# -- diagnostics -----------------------------------------------------------


async def test_open_publishes_exact_diagnostics(client: LanguageClient, folder: Path):
    text = broken()
    uri = open_doc(client, folder / "000_broken.txt", text)
    await eventually(lambda: codes(client, uri))
    found = {str(d.code): d for d in client.diagnostics[uri]}
    assert sorted(found) == ["PL011", "PL110", "PL220"]
    lines = text.split("\n")
    extra = found["PL011"]
    cell = lines[21].index("extra")  # ASCII line: UTF-16 units are characters
    assert extra.range == types.Range(
        start=types.Position(line=21, character=cell), end=types.Position(line=21, character=cell + len("extra"))
    )
    assert extra.severity == types.DiagnosticSeverity.Error
    assert found["PL110"].severity == types.DiagnosticSeverity.Warning
    assert {d.source for d in found.values()} == {"proglint"}
    duplicate = found["PL220"]
    assert duplicate.range.start.line == 22
    [related] = duplicate.related_information
    assert related.location.uri == uri and related.location.range.start.line == 21
    assert "first used" in related.message


async def test_a_readme_beside_the_documents_stays_quiet(client: LanguageClient, folder: Path):
    readme = open_doc(client, folder / "README.md", "# Programs\n\nThese are our program documents.\n")
    uri = open_doc(client, folder / "000_broken.txt", broken())
    await eventually(lambda: codes(client, uri))
    await asyncio.sleep(0.5)
    assert readme not in client.diagnostics
    assert all(p.uri != readme for p in client.published)


async def test_a_document_that_does_not_parse_gets_its_parse_diagnostics(client: LanguageClient, folder: Path):
    text = seed_text().replace('cycle: ""', "cycle: [unclosed", 1)
    uri = open_doc(client, folder / "000_yaml.txt", text)
    assert "PL002" in await eventually(lambda: codes(client, uri))


async def test_change_is_debounced_and_the_latest_text_wins(client: LanguageClient, folder: Path):
    clean, bad = seed_text(), broken()
    uri = open_doc(client, folder / "000_a.txt", clean)
    await eventually(lambda: any(p.uri == uri for p in client.published))
    assert codes(client, uri) == []
    before = len(client.published)
    for version in range(2, 22):  # a burst of keystrokes, ending on the broken text
        change_doc(client, uri, bad if version % 2 else clean, version)
    await eventually(lambda: codes(client, uri) == ["PL011", "PL110", "PL220"])
    await asyncio.sleep(1.0)  # nothing older may arrive afterwards
    burst = client.published[before:]
    assert codes(client, uri) == ["PL011", "PL110", "PL220"]
    # 20 changes written at once reach the server before any debounce delay
    # can end, however slow the machine: fewer publications than changes
    # shows they were coalesced, without counting on how many
    assert len(burst) < 20, "the burst should have been debounced"
    assert burst[-1].version == 21
    versions = [p.version for p in burst]
    assert versions == sorted(versions), "a stale result was published over a newer one"


async def test_save_relints_and_close_clears(client: LanguageClient, folder: Path):
    path = folder / "000_a.txt"
    path.write_text(broken(), encoding="utf-8")
    uri = open_doc(client, path, broken())
    await eventually(lambda: codes(client, uri))
    before = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await eventually(lambda: len(client.published) > before)
    assert codes(client, uri) == ["PL011", "PL110", "PL220"]
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await eventually(lambda: client.published[-1].uri == uri and not client.published[-1].diagnostics)
    assert client.published[-1].version is None


async def test_non_ascii_positions_are_utf16(client: LanguageClient, folder: Path):
    lines = seed_text().split("\n")
    row = lines[20]  # | GD153 | 1 | MIRI Imaging | MIRI imaging | (1) GD153 |
    row = row.replace("MIRI Imaging      ", "MIRI Imaging 🔭 é ", 1).replace("(1) GD153  ", "(1) Café ", 1)
    lines[20] = row + " extra |"
    text = "\n".join(lines)
    uri = open_doc(client, folder / "000_unicode.txt", text)
    await eventually(lambda: "PL011" in codes(client, uri))
    found = {str(d.code): d for d in client.diagnostics[uri]}
    line = lines[20]
    # the target 'Café' (number 1, named GD153 on every other row): its exact
    # UTF-16 range (the odd one out by majority is reported, at the name)
    start = line.index("Café")
    assert found["PL320"].range == types.Range(
        start=types.Position(line=20, character=utf16(line[:start])),
        end=types.Position(line=20, character=utf16(line[: start + len("Café")])),
    )
    assert utf16(line[:start]) == start + 1  # the emoji before it counts twice
    # the extra cell after the emoji: one more UTF-16 unit than code points
    extra = found["PL011"]
    cell = line.index("extra")
    assert utf16(line[:cell]) == cell + 1
    assert extra.range == types.Range(
        start=types.Position(line=20, character=utf16(line[:cell])),
        end=types.Position(line=20, character=utf16(line[:cell]) + len("extra")),
    )


# -- hover and code actions --------------------------------------------------


async def test_hover_shows_the_rule_documentation(client: LanguageClient, folder: Path):
    uri = open_doc(client, folder / "000_broken.txt", broken())
    await eventually(lambda: codes(client, uri))
    extra = next(d for d in client.diagnostics[uri] if d.code == "PL011")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=extra.range.start)
    )
    assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
    assert "PL011" in hover.contents.value and "table-row-cells" in hover.contents.value
    assert "**What it does.**" in hover.contents.value and "Fails:" in hover.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=13, character=2))
    )
    assert nothing is None


async def test_code_action_suppresses_on_the_line(client: LanguageClient, folder: Path):
    text = broken()
    uri = open_doc(client, folder / "000_broken.txt", text)
    await eventually(lambda: codes(client, uri))
    extra = next(d for d in client.diagnostics[uri] if d.code == "PL011")
    offered = await actions_at(client, uri, extra)
    titles = [a.title for a in offered]
    assert "Suppress PL011 on this line" in titles and "Suppress PL011 in this file" in titles
    action = next(a for a in offered if a.title == "Suppress PL011 on this line")
    assert action.kind == types.CodeActionKind.QuickFix
    fixed = apply_edits(text, edits_of(action, uri))
    assert "<!-- proglint-disable-line PL011 --> |" in fixed.split("\n")[21]
    change_doc(client, uri, fixed, 2)
    await eventually(lambda: codes(client, uri) == ["PL110", "PL220"])


async def test_code_action_suppresses_in_the_file(client: LanguageClient, folder: Path):
    text = broken()
    uri = open_doc(client, folder / "000_broken.txt", text)
    await eventually(lambda: codes(client, uri))
    warning = next(d for d in client.diagnostics[uri] if d.code == "PL110")
    action = next(a for a in await actions_at(client, uri, warning) if a.title == "Suppress PL110 in this file")
    change_doc(client, uri, apply_edits(text, edits_of(action, uri)), 2)
    await eventually(lambda: codes(client, uri) == ["PL011", "PL220"])


async def test_code_action_applies_the_rule_fix(client: LanguageClient, folder: Path):
    (folder / "proglint.toml").write_text('extend-select = ["PL502"]\n', encoding="utf-8")
    text = seed_text()
    uri = open_doc(client, folder / "000_a.txt", text)
    await eventually(lambda: "PL502" in codes(client, uri))
    spelling = next(d for d in client.diagnostics[uri] if d.code == "PL502")
    offered = await actions_at(client, uri, spelling)
    fix = offered[0]
    assert fix.title.startswith("PL502: ") and fix.is_preferred
    every = [a for a in offered if a.kind == "source.fixAll.proglint"]
    assert every, [a.title for a in offered]
    once = apply_edits(text, edits_of(fix, uri))
    change_doc(client, uri, once, 2)
    await eventually(lambda: codes(client, uri).count("PL502") == codes_count(text) - 1)
    change_doc(client, uri, apply_edits(text, edits_of(every[0], uri)), 3)
    await eventually(lambda: "PL502" not in codes(client, uri) and any(p.version == 3 for p in client.published))


def codes_count(text: str) -> int:
    return text.count("| MIRI imaging ")


# -- configuration and the folder ----------------------------------------------


async def test_configuration_change_is_picked_up(client: LanguageClient, folder: Path):
    assert any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in await eventually(lambda: client.registrations))
    uri = open_doc(client, folder / "000_broken.txt", broken())
    await eventually(lambda: codes(client, uri) == ["PL011", "PL110", "PL220"])
    config = folder / "proglint.toml"
    config.write_text('ignore = ["PL110"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)])
    )
    await eventually(lambda: codes(client, uri) == ["PL011", "PL220"])


async def test_a_bad_configuration_is_shown_not_fatal(client: LanguageClient, folder: Path):
    config = folder / "proglint.toml"
    config.write_text('selct = ["PL1"]\n', encoding="utf-8")
    uri = open_doc(client, folder / "000_broken.txt", broken())
    [problem] = await eventually(lambda: client.diagnostics.get(uri))
    assert problem.range.start.line == 0 and problem.severity == types.DiagnosticSeverity.Error
    assert "unknown key 'selct'" in problem.message and "proglint.toml:1" in problem.message
    assert problem.related_information[0].location.uri == config.as_uri()
    assert any("selct" in m.message for m in client.messages)
    # fixed on disk: the findings come back
    config.write_text('select = ["PL0"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)])
    )
    await eventually(lambda: codes(client, uri) == ["PL011"])


async def test_a_crashing_rule_is_one_diagnostic(client: LanguageClient, folder: Path):
    rules = (ROOT / "tests" / "fixtures" / "crashing_rules").as_posix()
    (folder / "proglint.toml").write_text(f'rule-paths = ["{rules}"]\n', encoding="utf-8")
    uri = open_doc(client, folder / "000_a.txt", seed_text())
    found = await eventually(lambda: client.diagnostics.get(uri))
    assert [d.code for d in found].count("PL901") == 1
    assert "TM900" in next(d.message for d in found if d.code == "PL901")
    assert "TM901" in [d.code for d in found]  # the other rules still ran
    assert any("TM900" in m.message for m in client.log_messages)  # and the crash is in the log


async def test_cross_document_rules_see_the_folder(client: LanguageClient, folder: Path):
    (folder / "000_other.txt").write_text(seed_text(), encoding="utf-8")  # on disk only, same id 4497
    (folder / "README.md").write_text("# not a program\n", encoding="utf-8")
    uri = open_doc(client, folder / "000_mine.txt", seed_text())
    await eventually(lambda: codes(client, uri) == ["PL601"])
    assert "000_other.txt" in client.diagnostics[uri][0].message
    # a second open buffer with the same id: both report; correcting one clears both
    other = open_doc(client, folder / "000_other.txt", seed_text())
    await eventually(lambda: codes(client, other) == ["PL601"])
    renumbered = seed_text().replace("4497", "4498")
    change_doc(client, other, renumbered, 2)
    await eventually(lambda: codes(client, uri) == [] and codes(client, other) == [])


# -- shutdown ----------------------------------------------------------------------


async def test_shutdown_and_exit(client: LanguageClient):
    await client.shutdown_session()
    assert client._server.returncode == 0
