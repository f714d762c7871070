"""Only program documents are linted when found in folders (and by the
pre-commit hook and the editor); code fences and inline code are opaque."""

from __future__ import annotations

import subprocess
import sys

import pytest

from proglint.pipeline import active, lint
from proglint.config import Config
from proglint.recognise import is_program_document
from proglint.source import Source

from conftest import ROOT, SEED_PATHS, doc, seed_text

JEKYLL = "---\ntitle: Home\nlayout: default\n---\n# Welcome\n\nSee the [programs](programs/).\n"
MKDOCS = "---\ntitle: Setup\nhide:\n  - navigation\n---\n\n# Setup\n\n| Option | Meaning |\n| --- | --- |\n| a | b |\n"
DESCRIBES_THE_FORMAT = (
    "# Program documents\n\nEach has a table `| Folder | Observation | Label | Observing Template | Science Target |`:\n\n"
    "```markdown\n# 1071 - A program\nhttps://www.stsci.edu/jwst/science-execution/program-information?id=1071\n"
    "| Folder | Observation | Label | Observing Template | Science Target |\n```\n"
)


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name)
def test_every_seed_is_a_program_document(path):
    assert is_program_document(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        JEKYLL,
        MKDOCS,
        DESCRIBES_THE_FORMAT,
        (ROOT / "README.md").read_text(encoding="utf-8"),
        (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"),
        (ROOT / "rules" / "README.md").read_text(encoding="utf-8"),
        "",
    ],
    ids=["jekyll", "mkdocs", "format-described", "README", "docs-rules", "rules-README", "empty"],
)
def test_other_markdown_is_not(text):
    assert not is_program_document(text)


@pytest.mark.parametrize(
    "text",
    [
        "---\nproposal_typ: GO\nid: 1\n---\n",  # a typo'd key: still a program's front matter
        "---\nprogram_title: x\n---\n",
        "# 1071 - Title\nhttps://www.stsci.edu/jwst/science-execution/program-information?id=1071\n",
        "# Notes\n| Folder | Observation | Label | Observing Template | Science Target |\n",
        "# Notes\nFolder | Observation | Label | Observing Template | Science Target\n",  # no outer pipes
    ],
    ids=["front-matter-typo", "front-matter", "heading-and-url", "table-header", "pipe-less-header"],
)
def test_any_one_sign_of_a_program_document_is_enough(text):
    assert is_program_document(text)


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "proglint", *args, "--format", "concise", "--no-cache"],
        capture_output=True, text=True, cwd=cwd,
    )


def test_a_docs_site_beside_programs_is_silent(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(JEKYLL)
    (tmp_path / "docs" / "setup.md").write_text(MKDOCS)
    (tmp_path / "README.md").write_text(DESCRIBES_THE_FORMAT)
    (tmp_path / "1071.txt").write_text(seed_text("1071.txt"))
    result = run(".", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    named = run("docs/index.md", cwd=tmp_path)  # a file named on the command line is always linted
    assert named.returncode == 1 and "docs/index.md:" in named.stdout


def test_the_projects_own_tree_passes():
    """README.md and docs/rules.md describe the format in code; linting the
    repository's root finds the seeds and nothing else to report."""
    result = run(".", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


BASE = seed_text("1071.txt")
EXAMPLE = (
    "```\n## OBSERVATIONS TABLE\n| Folder | Observation | Label | Observing Template | Science Target |\n"
    "| x | 1 | y | NIRCam Imaging | (1) A |\n<!-- proglint-disable-file -->\n```\n"
)


def test_a_fenced_example_before_the_real_table_is_not_read():
    text = BASE.replace("## OBSERVATIONS TABLE", EXAMPLE + "## OBSERVATIONS TABLE", 1)
    document = doc(text)
    assert [s.title.value for s in document.sections].count("OBSERVATIONS TABLE") == 1
    real = BASE.splitlines().index(next(l for l in BASE.splitlines() if l.startswith("| Folder"))) + 1
    assert document.table.header_line == real + EXAMPLE.count("\n")
    assert len(document.observations) == len(doc(BASE).observations)


def test_suppressions_in_code_are_examples_not_directives():
    broken = BASE.replace("| 1 ", "| 2 ", 1)  # observation 2 twice: PL220
    assert [d.code for d in active(lint(Source.from_text("1071.txt", broken), Config()))].count("PL220") == 1
    fenced = broken.replace("## OBSERVATIONS TABLE", EXAMPLE + "## OBSERVATIONS TABLE", 1)
    found = active(lint(Source.from_text("1071.txt", fenced), Config()))
    assert [d.code for d in found].count("PL220") == 1  # the fenced disable-file silenced nothing
    assert not {"PL701", "PL705"} & {d.code for d in found}  # nor an unused or unknown directive
    inline = broken.replace("## OBSERVATIONS TABLE", "Write `<!-- proglint-disable-file -->` to silence a file.\n\n## OBSERVATIONS TABLE", 1)
    assert [d.code for d in active(lint(Source.from_text("1071.txt", inline), Config()))].count("PL220") == 1
