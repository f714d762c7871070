"""The front matter of program documents, for the benchmark's anchors.

check-jsonschema and yamllint are timed over the YAML front matter of each
document, written once (untimed) to a folder of ``.yaml`` files, and
check-jsonschema validates it against the front-matter part of proglint's own
document schema (``schemas/program.schema.json``, property ``front_matter``).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROGRAM_SCHEMA = ROOT / "schemas" / "program.schema.json"


def _is_fence(line: str) -> bool:
    return line.rstrip() == "---"


def extract_front_matter(text: str) -> str | None:
    """The YAML between the opening ``---`` line and the closing ``---`` (or
    ``...``) line, with a newline after each line; None when the document
    does not open with ``---`` or the block is never closed."""
    lines = text.splitlines()
    if not lines or not _is_fence(lines[0]):
        return None
    for index in range(1, len(lines)):
        if _is_fence(lines[index]) or lines[index].rstrip() == "...":
            return "".join(line + "\n" for line in lines[1:index])
    return None


def front_matter_schema(program_schema: dict) -> dict:
    """A stand-alone JSON Schema for the front matter: the ``front_matter``
    property of the document schema, with the document schema's dialect and
    ``$defs`` (so any ``#/$defs/...`` reference still resolves)."""
    sub = copy.deepcopy(program_schema["properties"]["front_matter"])
    schema = {"$schema": program_schema.get("$schema", "https://json-schema.org/draft/2020-12/schema")}
    parent_id = program_schema.get("$id")
    if parent_id:
        schema["$id"] = parent_id.rsplit("/", 1)[0] + "/front-matter.schema.json"
    schema.update(sub)
    if program_schema.get("$defs"):
        schema["$defs"] = copy.deepcopy(program_schema["$defs"])
    return schema


def write_front_matter_schema(destination: Path, program_schema_path: Path = PROGRAM_SCHEMA) -> Path:
    program_schema = json.loads(program_schema_path.read_text(encoding="utf-8"))
    destination.write_text(json.dumps(front_matter_schema(program_schema), indent=1), encoding="utf-8")
    return destination


def write_front_matters(documents: list[Path], folder: Path) -> tuple[list[Path], int]:
    """Write ``STEM.yaml`` for each document into ``folder``; returns the
    files written and how many documents had no front matter (skipped)."""
    folder.mkdir(parents=True, exist_ok=True)
    written, skipped = [], 0
    for document in documents:
        yaml_text = extract_front_matter(document.read_text(encoding="utf-8", errors="replace"))
        if yaml_text is None:
            skipped += 1
            continue
        target = folder / f"{document.stem}.yaml"
        target.write_text(yaml_text, encoding="utf-8", newline="\n")
        written.append(target)
    return written, skipped
