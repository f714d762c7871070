"""``max-file-size`` in the configuration moves the read limit (64 MiB by
default): a larger file, or standard input, is reported as PL016 with the
limit in the message and nothing else; a file at the limit is linted.  A
value that is not a positive whole number stops the run (exit 2) with the
file and line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import seed_text

from proglint.config_file import ConfigError, load

TEXT = seed_text()
SIZE = len(TEXT.encode("utf-8"))


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "proglint", "--no-cache", "--format", "concise", *args],
        cwd=cwd, capture_output=True, text=True, input=stdin, timeout=120,
    )


def test_the_default_is_64_mib(tmp_path):
    (tmp_path / "proglint.toml").write_text("select = ['ALL']\n")
    assert load(tmp_path / "proglint.toml").max_file_size == 64 * 2**20


def test_a_file_over_the_configured_limit_is_reported_not_read(tmp_path):
    (tmp_path / "proglint.toml").write_text(f"max-file-size = {SIZE - 1}\n")
    (tmp_path / "p.txt").write_text(TEXT)
    result = run("p.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"p.txt:1:1: error PL016 the file is not checked: proglint reads at most {SIZE - 1:,} bytes of a file "
        f"(max-file-size) and this one holds {SIZE:,} bytes; a program document is a few kilobytes, so check "
        "that this is the right file (a table of 100,000 rows still fits)"
    ]


def test_standard_input_over_the_limit_too(tmp_path):
    (tmp_path / "proglint.toml").write_text(f"max-file-size = {SIZE - 1}\n")
    result = run("-", "--stdin-filename", "p.txt", cwd=tmp_path, stdin=TEXT)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(
        f"p.txt:1:1: error PL016 the file is not checked: proglint reads at most {SIZE - 1:,} bytes of a file "
        "(max-file-size) and this one holds more than that;"
    )


def test_a_file_at_the_limit_is_linted(tmp_path):
    (tmp_path / "proglint.toml").write_text(f"max-file-size = {SIZE}\n")
    (tmp_path / "p.txt").write_text(TEXT)
    result = run("p.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_a_limit_in_whole_mebibytes_says_so(tmp_path):
    (tmp_path / "proglint.toml").write_text(f"max-file-size = {2 * 2**20}\n")
    big = tmp_path / "big.txt"
    big.write_text(TEXT)
    with big.open("a") as handle:
        handle.write("\n" + "x" * (2 * 2**20))
    result = run("big.txt", cwd=tmp_path)
    assert "proglint reads at most 2,097,152 bytes (2 MiB) of a file (max-file-size)" in result.stdout


def test_show_settings_names_the_limit(tmp_path):
    (tmp_path / "proglint.toml").write_text("max-file-size = 1000\n")
    (tmp_path / "p.txt").write_text(TEXT)
    result = subprocess.run([sys.executable, "-m", "proglint", "--show-settings", "p.txt"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert json.loads(result.stdout)["max-file-size"] == 1000


@pytest.mark.parametrize("value, needle", [
    ("0", "'max-file-size': 0 is less than the minimum of 1"),
    ("'64MiB'", "'max-file-size' must be of type integer; found '64MiB'"),
    ("1.5", "'max-file-size' must be of type integer; found 1.5"),
])
def test_a_bad_limit_names_the_file_and_line(tmp_path, value, needle):
    path = tmp_path / "proglint.toml"
    path.write_text(f"select = ['ALL']\nmax-file-size = {value}\n")
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert caught.value.line == 2
    assert needle in caught.value.message, caught.value.message
