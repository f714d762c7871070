"""Headless neovim driving ``proglint lsp``: the one way the editor tests
start it, so each test says only what it types and what it expects.

A test's Lua script reads its inputs from ``PROGLINT_NVIM_*`` variables and
writes its observations as JSON to ``PROGLINT_NVIM_OUT``; neovim runs with
no user configuration and private XDG folders, from the repository root.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

NVIM = shutil.which("nvim")


def run_script(tmp_path: Path, script: str, doc: Path, **variables: str) -> dict:
    """Run ``script`` with ``doc`` as ``PROGLINT_NVIM_DOC`` (and each
    keyword as ``PROGLINT_NVIM_<NAME>``); return what it wrote, after
    checking it finished without a Lua error."""
    path = tmp_path / "proglint_test.lua"
    path.write_text(script, encoding="utf-8")
    out = tmp_path / "result.json"
    env = dict(
        os.environ,
        PROGLINT_NVIM_OUT=str(out),
        PROGLINT_NVIM_DOC=str(doc),
        PROGLINT_NVIM_CMD=json.dumps([sys.executable, "-m", "proglint", "lsp"]),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        **{f"PROGLINT_NVIM_{name.upper()}": value for name, value in variables.items()},
    )
    completed = subprocess.run(
        [NVIM, "--headless", "--clean", "-u", "NONE", "-n", "-c", f"luafile {path}"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )
    assert out.exists(), f"neovim wrote no result (exit {completed.returncode}): {completed.stderr[-2000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in result, result
    assert result["phase"] == "done"
    return result
