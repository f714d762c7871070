"""``proglint lsp`` formats and fixes in a real editor: Debian's neovim
(0.7.x), headless, as in test_lsp_neovim.

Neovim opens the faulty example (examples/fixing/1071.txt), asks the
server for the ``source.fixAll.proglint`` code action and applies its
workspace edit, then sends ``textDocument/formatting`` and applies the
edits it gets back, recording the buffer after each step.  The buffer must
then hold exactly what ``proglint --fix`` and ``proglint format`` write.
Every wait is bounded.  Skipped only where ``nvim`` is absent (``.ci/run``
installs it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from neovim import NVIM, run_script

pytest.importorskip("pygls")

pytestmark = pytest.mark.skipif(NVIM is None, reason="neovim is not installed (.ci/run installs it)")
EXAMPLE = ROOT / "examples" / "fixing" / "1071.txt"

SCRIPT = r"""
local out = os.getenv("PROGLINT_NVIM_OUT")
local result = { phase = "start" }

local function save()
  local file = io.open(out, "w")
  file:write(vim.fn.json_encode(result))
  file:close()
end

local ok, err = pcall(function()
  local doc = os.getenv("PROGLINT_NVIM_DOC")
  local cmd = vim.fn.json_decode(os.getenv("PROGLINT_NVIM_CMD"))
  local client_id = vim.lsp.start_client({ name = "proglint", cmd = cmd, root_dir = vim.fn.fnamemodify(doc, ":h") })
  assert(client_id, "vim.lsp.start_client failed")
  vim.cmd("edit " .. vim.fn.fnameescape(doc))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.lsp.buf_attach_client(bufnr, client_id), "buf_attach_client failed")
  result.phase = "waiting for diagnostics"
  assert(vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50), "no diagnostics arrived")
  result.before = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  result.phase = "fix all"
  local last = vim.api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = 0, character = 0 }, ["end"] = { line = last, character = 0 } },
    context = { diagnostics = {}, only = { "source.fixAll.proglint" } },
  }
  local replies = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 30000)
  assert(replies and replies[client_id], "no reply to codeAction")
  local offered = replies[client_id].result or {}
  result.titles = {}
  for _, action in ipairs(offered) do table.insert(result.titles, action.title) end
  assert(#offered == 1, "expected one fix-all action")
  vim.lsp.util.apply_workspace_edit(offered[1].edit, "utf-16")
  result.fixed = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  result.phase = "format"
  local formatting = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    options = { tabSize = 4, insertSpaces = true },
  }
  local formatted = vim.lsp.buf_request_sync(bufnr, "textDocument/formatting", formatting, 30000)
  assert(formatted and formatted[client_id], "no reply to formatting")
  local edits = formatted[client_id].result
  assert(edits and #edits > 0, "no formatting edits")
  vim.lsp.util.apply_text_edits(edits, bufnr, "utf-16")
  result.formatted = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  result.eol = vim.api.nvim_buf_get_option(bufnr, "eol")

  result.phase = "stopping"
  vim.lsp.stop_client(client_id)
  vim.wait(10000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  result.phase = "done"
end)
if not ok then result.error = tostring(err) end
save()
vim.cmd("qa!")
"""


def cli(folder: Path, *args: str) -> str:
    subprocess.run([sys.executable, "-m", "proglint", *args], cwd=folder, capture_output=True)
    return (folder / "1071.txt").read_text(encoding="utf-8")


def test_neovim_applies_fix_all_and_formats_the_buffer(tmp_path: Path):
    text = EXAMPLE.read_text(encoding="utf-8")
    # the expected texts, from the command line
    expected = tmp_path / "expected"
    expected.mkdir()
    (expected / "1071.txt").write_text(text, encoding="utf-8")
    fixed = cli(expected, "1071.txt", "--fix", "--no-cache")
    formatted = cli(expected, "format", "1071.txt")
    assert text != fixed != formatted

    folder = tmp_path / "programs"
    folder.mkdir()
    doc = folder / "1071.txt"
    doc.write_text(text, encoding="utf-8")
    result = run_script(tmp_path, SCRIPT, doc)
    assert result["before"] == text.split("\n")  # the example has no final newline
    assert result["titles"] == ["Fix all auto-fixable proglint problems (1)"]
    assert result["fixed"] == fixed.split("\n")
    # the buffer as neovim would write it: its lines, and a newline after the
    # last one when 'eol' is set (the example had none, so it is not)
    written = "\n".join(result["formatted"]) + ("\n" if result["eol"] else "")
    assert written == formatted and formatted.endswith("parallel.\n")
    assert doc.read_text(encoding="utf-8") == text  # the editor's buffer changed, the file did not
