"""No input crashes proglint: every class of hostile or unlucky input
(issue 11, item 3) gets a diagnostic at its place and exit status 1.

Content classes are linted through the command line in process; the ones
about what a path names (FIFOs, devices, link loops, permissions, sizes)
run ``python -m proglint`` in a subprocess, under a generous timeout that
only keeps a regression from hanging the suite.  Unreadable files are
tested as an unprivileged user (``setpriv``; the suite runs as root, which
reads anything).
"""

from __future__ import annotations

import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from proglint.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.generate import generate_document  # noqa: E402

BASE = generate_document(random.Random(1), 8, program_id=1234)
LINES = BASE.split("\n")
FENCE = LINES.index("---", 1)  # the closing fence of the front matter
HEADER = next(i for i, line in enumerate(LINES) if line.startswith("| Folder"))


def with_front_matter(extra: str) -> str:
    return "\n".join(LINES[:FENCE] + extra.split("\n") + LINES[FENCE:])


def lint(tmp_path: Path, content, capsys, name: str = "doc.txt") -> tuple[int, list[str]]:
    file = tmp_path / name
    file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    status = main([str(file), "--isolated", "--no-cache", "--format", "concise"])
    out = capsys.readouterr().out
    return status, [line.replace(str(tmp_path) + os.sep, "") for line in out.splitlines()]


def cli(*args: str, cwd: Path, user: bool = False, stdin=None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "proglint", "--isolated", "--no-cache", "--format", "concise", *args]
    preexec = None
    if user and shutil.which("setpriv"):
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    elif user:  # drop to "nobody" in the child

        def preexec():
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)

    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, stdin=stdin, preexec_fn=preexec)


def test_numbers_of_any_length(tmp_path, capsys):
    digits = "9" * 90_000
    text = BASE.replace("id: 1234", f"id: {digits}").replace("cycle: \"1\"", "cycle: 1e99999")
    status, lines = lint(tmp_path, text, capsys)
    assert status == 1
    # heading, URL and file name say 1234: the front matter's id is the odd one out (majority blame)
    assert any(line.startswith("doc.txt:2:5: error PL120 the front matter's id is 999") for line in lines), lines
    assert not any("PL901" in line for line in lines)


def test_bidi_zero_width_and_nul_are_shown_escaped(tmp_path, capsys):
    row = HEADER + 2
    text = "\n".join(LINES[:row] + [LINES[row].replace("| (1)", "| (1\u200d)\u202e\x00", 1)] + LINES[row + 1 :])
    status, lines = lint(tmp_path, text, capsys)
    assert status == 1
    found = [line for line in lines if " PL307 " in line]
    assert len(found) == 1 and found[0].startswith(f"doc.txt:{row + 1}:"), lines
    # the finding quotes the cell with its invisible characters spelled out, never raw
    assert '(1\\u200d)\\u202e\\u0000' in found[0] and "\u202e" not in "\n".join(lines)


def test_utf16_with_a_lone_surrogate(tmp_path, capsys):
    data = b"\xff\xfe" + BASE[:100].encode("utf-16-le") + b"\x00\xd8A\x00" + BASE[100:].encode("utf-16-le")
    status, lines = lint(tmp_path, data, capsys)
    assert status == 1
    assert "doc.txt:1:1: error PL001 the file is UTF-16 (it starts with a UTF-16 byte-order mark); re-save it as UTF-8" in lines


def test_yaml_python_tags_construct_nothing(tmp_path, capsys):
    marker = tmp_path / "PWNED"
    text = BASE.replace(
        'program_title: "', f"program_title: !!python/object/apply:os.system ['touch {marker}']\nold_title: \""
    )
    status, lines = lint(tmp_path, text, capsys)
    assert status == 1 and not marker.exists()
    assert any(line.startswith("doc.txt:9:16: error PL104") for line in lines), lines


def test_merge_keys_are_keys(tmp_path, capsys):
    status, lines = lint(tmp_path, with_front_matter("base: &b {a: 1}\n<<: *b"), capsys)
    assert status == 1
    assert any(line.startswith("doc.txt:12:1: error PL101 unknown key '<<' in the front matter") for line in lines), lines


def test_alias_bomb_is_reported_not_expanded(tmp_path, capsys):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
    for previous, name in zip("abcdefgh", "bcdefghi"):
        bomb += f"\n{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]"
    status, lines = lint(tmp_path, with_front_matter(bomb), capsys)
    assert status == 1
    bombs = [line for line in lines if " PL002 " in line]
    # e's second *d (column 11) is the alias whose value passes 20,000: 8,309 values before it, 7,381 in each *d
    assert len(bombs) == 1 and bombs[0].startswith("doc.txt:15:11: error PL002 the front matter has more than 20,000"), lines
    assert "alias bomb" in bombs[0]


@pytest.mark.parametrize(
    "value, where, what",
    [
        ("[" * 10_000 + "]" * 10_000, "11:1006", "exceeded maximum nesting depth"),
        ("{a: " * 10_000 + "}" * 10_000, "11:4003", "exceeded maximum nesting depth"),
        ("\n" + "- " * 10_000 + "x", "12:1999", "exceeded maximum nesting depth"),
    ],
    ids=["flow-sequence", "flow-mapping", "block-sequence"],
)
def test_ten_thousand_deep_nesting(tmp_path, capsys, value, where, what):
    status, lines = lint(tmp_path, with_front_matter(f"deep: {value}"), capsys)
    assert status == 1
    assert any(line.startswith(f"doc.txt:{where}: error PL002 invalid YAML: {what}") for line in lines), lines


def test_duplicate_keys_by_the_thousand(tmp_path, capsys):
    status, lines = lint(tmp_path, with_front_matter("\n".join(f"id: {i}" for i in range(3000))), capsys)
    assert status == 1
    duplicates = [line for line in lines if " PL103 " in line]
    assert len(duplicates) == 3000
    assert duplicates[0].startswith("doc.txt:11:1: error PL103 duplicate key 'id' in the front matter: it is first given on line 2")


def test_a_table_of_a_thousand_columns(tmp_path, capsys):
    row = "| " + " | ".join("x" for _ in range(1000)) + " |"
    text = "\n".join(LINES[: HEADER + 2] + [row] * 20 + LINES[HEADER + 2 :])
    status, lines = lint(tmp_path, text, capsys)
    assert status == 1
    cells = [line for line in lines if " PL011 " in line]
    assert len(cells) == 20
    assert cells[0].startswith(f"doc.txt:{HEADER + 3}:23: error PL011 the row has 1000 cells, expected 5")


@pytest.mark.parametrize(
    "data, first",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(2).randbytes(3000), "doc.txt:1:1: error PL001 byte 0x89 at offset 0 is not UTF-8"),
        # an encoding error is the root cause: nothing else is reported (proglint.rootcause)
        (b"ab" + random.Random(3).randbytes(200_000), "doc.txt:1:3: error PL001 byte 0xFD at offset 2 is not UTF-8"),
    ],
    ids=["png", "random-bytes"],
)
def test_binary_files(tmp_path, capsys, data, first):
    status, lines = lint(tmp_path, data, capsys)
    assert status == 1
    assert any(line.startswith(first) for line in lines), lines[:5]
    assert not any("PL901" in line for line in lines)


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    result = cli("pipe.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(
        "pipe.txt:1:1: error PL014 cannot read the file: it is a FIFO (named pipe), not a regular file"
    )


def test_dev_zero_is_refused_not_read_forever(tmp_path):
    result = cli("/dev/zero", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("/dev/zero:1:1: error PL014 cannot read the file: it is a character device")


def test_endless_standard_input_is_cut_at_the_limit(tmp_path):
    with open("/dev/zero", "rb") as zero:
        result = cli("-", "--stdin-filename", "p.txt", cwd=tmp_path, stdin=zero)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("p.txt:1:1: error PL016 the file is not checked: proglint reads at most 67,108,864 bytes")


def test_a_huge_file_is_reported_not_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("---\nid: 1\n")
    os.truncate(big, 100 * 2**20)  # sparse: 100 MiB that cost no disk
    (tmp_path / "folder").mkdir()
    shutil.copy(big, tmp_path / "folder" / "doc.txt")
    (tmp_path / "folder" / "noise.txt").write_bytes(b"")
    os.truncate(tmp_path / "folder" / "noise.txt", 100 * 2**20)  # no front matter: not a program document
    result = cli("big.txt", "folder", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("big.txt:1:1: error PL016 the file is not checked")
    assert "this one holds 104,857,600 bytes" in lines[0]
    assert lines[1].startswith(f"folder{os.sep}doc.txt:1:1: error PL016")
    assert len(lines) == 2  # noise.txt, found in a folder, is no program document


def test_symlink_loops(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ok.txt").write_text(BASE)
    (folder / "self").symlink_to(".")  # a folder holding a link to itself
    (folder / "loop.txt").symlink_to("loop.txt")  # a link to itself
    result = cli("docs", "docs/loop.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "docs/loop.txt:1:1: error PL014 cannot read the file: Too many levels of symbolic links"
    ]
    assert cli("docs", "--format", "text", cwd=tmp_path).stdout.endswith("Checked 2 files: 1 error, 0 warnings.\n")


def test_unreadable_files_and_folders(tmp_path):
    root = Path(tempfile.mkdtemp())  # pytest's tmp_path is private to root
    try:
        root.chmod(0o755)
        (root / "ok.txt").write_text(BASE.replace("1234", "1111"))
        secret = root / "secret.txt"
        secret.write_text(BASE)
        secret.chmod(0)
        locked = root / "locked"
        locked.mkdir()
        (locked / "doc.txt").write_text(BASE)
        locked.chmod(0)
        result = cli(".", cwd=root, user=os.geteuid() == 0)
        assert result.returncode == 1, result.stderr
        assert result.stdout.splitlines() == [
            "locked:1:1: error PL014 cannot read the folder: Permission denied",
            "secret.txt:1:1: error PL014 cannot read the file: Permission denied",
        ]
    finally:
        (root / "locked").chmod(0o755)
        shutil.rmtree(root)
