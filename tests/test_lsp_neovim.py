"""``proglint lsp`` in a real editor: Debian's neovim (0.7.x), headless.

Neovim opens a copy of the seed document with an injected error, starts the
server with ``vim.lsp.start_client`` and attaches it to the buffer, then
records what it received — the raw ``publishDiagnostics`` and its own
``vim.diagnostic.get`` view (line, byte column, code), which neovim computes
from our UTF-16 positions — into a JSON file.  It then edits the buffer
the way a user would to fix the error, and records that the diagnostics
clear.  Every wait is bounded.  Skipped only where ``nvim`` is absent
(``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import seed_text
from neovim import NVIM, run_script

pytest.importorskip("pygls")

pytestmark = pytest.mark.skipif(NVIM is None, reason="neovim is not installed (.ci/run installs it)")

SCRIPT = r"""
local out = os.getenv("PROGLINT_NVIM_OUT")
local result = { raw = {}, before = {}, after = {}, phase = "start" }

local function save()
  local file = io.open(out, "w")
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function view(bufnr)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
    table.insert(items, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      code = code, source = d.source, severity = d.severity, message = d.message,
    })
  end
  return items
end

local ok, err = pcall(function()
  local doc = os.getenv("PROGLINT_NVIM_DOC")
  local cmd = vim.fn.json_decode(os.getenv("PROGLINT_NVIM_CMD"))
  local client_id = vim.lsp.start_client({
    name = "proglint",
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(doc, ":h"),
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, params, ctx, config)
        table.insert(result.raw, params)
        return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
    },
  })
  assert(client_id, "vim.lsp.start_client failed")
  vim.cmd("edit " .. vim.fn.fnameescape(doc))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.lsp.buf_attach_client(bufnr, client_id), "buf_attach_client failed")

  result.phase = "waiting for diagnostics"
  assert(vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50), "no diagnostics arrived")
  result.before = view(bufnr)

  -- the user deletes the stray cell: the line as it was before the injection
  result.phase = "waiting for the diagnostics to clear"
  local line = tonumber(os.getenv("PROGLINT_NVIM_LINE"))
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, { os.getenv("PROGLINT_NVIM_FIXED") })
  assert(vim.wait(30000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50), "the diagnostics did not clear")
  result.after = view(bufnr)

  result.phase = "stopping"
  vim.lsp.stop_client(client_id)
  vim.wait(10000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  result.phase = "done"
end)
if not ok then result.error = tostring(err) end
save()
vim.cmd("qa!")
"""


def nvim_version() -> tuple[int, ...]:
    first = subprocess.run([NVIM, "--version"], capture_output=True, text=True, timeout=30).stdout.splitlines()[0]
    return tuple(int(part) for part in first.split("v", 1)[1].split("-")[0].split(".")[:2])


def test_neovim_receives_exact_diagnostics_and_sees_them_clear(tmp_path: Path):
    assert nvim_version() >= (0, 7)
    lines = seed_text().split("\n")
    number = 21  # 0-based: the row of observation 15
    fixed = lines[number]
    lines[number] = fixed + " café extra |"  # PL011: a sixth cell, with a non-ASCII character in it
    folder = tmp_path / "programs"
    folder.mkdir()
    doc = folder / "000_223d96fec14c6a4f.txt"
    doc.write_text("\n".join(lines), encoding="utf-8")
    (folder / "README.md").write_text("# Programs\n", encoding="utf-8")
    result = run_script(tmp_path, SCRIPT, doc, line=str(number), fixed=fixed)

    # what neovim shows: line, byte column and code of the one finding
    row = lines[number]
    cell = row.index("café extra")
    [shown] = result["before"]
    assert (shown["lnum"], shown["col"], shown["code"]) == (number, len(row[:cell].encode("utf-8")), "PL011")
    assert shown["end_lnum"] == number
    assert shown["end_col"] == len(row[: cell + len("café extra")].encode("utf-8"))  # 'é' is 2 bytes, 1 UTF-16 unit
    assert shown["source"] == "proglint" and shown["severity"] == 1  # vim.diagnostic.severity.ERROR

    # what the server sent: UTF-16 columns
    first = result["raw"][0]
    assert first["uri"] == doc.as_uri()
    [sent] = first["diagnostics"]
    assert sent["range"]["start"] == {"line": number, "character": cell}
    assert sent["range"]["end"] == {"line": number, "character": cell + len("café extra")}

    # after the edit, the last thing published for the document is empty
    assert result["after"] == []
    assert result["raw"][-1]["diagnostics"] == []
    assert all(p["uri"] == doc.as_uri() for p in result["raw"]), "the README must stay quiet"
