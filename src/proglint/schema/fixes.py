"""The repairs the front-matter checks offer (PL101-PL103).

They are line edits on the YAML as written, never a re-dump of it: a key
is renamed in place, a repeated entry loses exactly its own lines, a
missing key gets a line of its own where the schema lists it.  Each one
is offered only when the front matter is laid out so that the edit cannot
touch anything else: a block mapping whose entries each start a line (a
flow mapping such as ``{id: 1}``, or two entries on one line, gets no
fix).  Inserted lines use the file's newline style.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagnostic import SAFE, UNSAFE, Edit, Fix
from ..document import Document, YamlEntry, YamlMapping
from ..span import Span


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")  # a key YAML reads as written, without quotes


def rename_key(key: str, close: str, key_span: Span) -> Fix | None:
    """An unknown key renamed to the known one it is close to.  Unsafe:
    the closest known name is a guess (``program_titel`` may be meant as
    a key of the author's own)."""
    if not _PLAIN_KEY.fullmatch(close):
        return None
    return Fix(f"rename '{key}' to '{close}'", (Edit(key_span, close),), UNSAFE)


def _last_line(entry: YamlEntry) -> int:
    """The entry's last line: a block value's span ends at column 1 of the
    line after it."""
    end = entry.value.span
    if end.end_column == 1 and end.end_line > entry.key.span.start_line:
        return end.end_line - 1
    return end.end_line


def _owns_its_lines(document: Document, mapping: YamlMapping, position: int) -> bool:
    """Whether the entry at ``position`` holds its lines alone (perhaps
    with a trailing comment): the key starts its line and no other entry
    of the mapping shares a line with it.  Entries come in the order they
    are written, each ending before the next begins, so only the two
    neighbours can share a line: looking at every other entry made 3,000
    repeated keys take seconds."""
    source = document.source
    entries = mapping.entries
    entry = entries[position]
    key = entry.key.span
    if source.line(key.start_line)[: key.start_column - 1].strip():
        return False
    last = _last_line(entry)
    value = entry.value.span
    if value.end_line == last:
        after = source.line(last)[value.end_column - 1 :].strip()
        if after and not after.startswith("#"):
            return False
    if position > 0 and _last_line(entries[position - 1]) >= key.start_line:
        return False
    return position + 1 == len(entries) or entries[position + 1].key.span.start_line > last


def drop_duplicate(document: Document, mapping: YamlMapping, position: int, first: YamlEntry) -> Fix | None:
    """Remove a repeated key's lines.  Safe when its value is written
    exactly as the first one's (nothing is lost); unsafe otherwise (the
    later value may be the one meant, and YAML readers that keep the last
    value read it today)."""
    front = document.front_matter
    if front is None or front.closing is None or not _owns_its_lines(document, mapping, position):
        return None
    entry = mapping.entries[position]
    source = document.source
    same = source.slice(entry.value.span).rstrip() == source.slice(first.value.span).rstrip()
    last = _last_line(entry)
    edit = Edit(Span(entry.key.span.start_line, 1, last + 1, 1), "")
    if same:
        return Fix(f"remove the repeated '{entry.key_text}' (the same value as the first)", (edit,), SAFE)
    return Fix(f"remove the later '{entry.key_text}' and its value", (edit,), UNSAFE)


def add_missing(document: Document, key: str, schema: Any) -> Fix | None:
    """A ``key: ""`` line for a missing top-level key, before the first key
    the schema lists after it (at the end when none is present).  Unsafe:
    an empty value is only a placeholder, which the author fills in (and
    which a required value such as ``id`` still fails)."""
    front = document.front_matter
    mapping = front.mapping if front is not None else None
    if not _PLAIN_KEY.fullmatch(key) or mapping is None or front.closing is None or not mapping.entries:
        return None
    if any(e.key.span.start_column != 1 or not _owns_its_lines(document, mapping, i) for i, e in enumerate(mapping.entries)):
        return None
    order = [str(name) for name in (schema.get("properties", {}) if isinstance(schema, dict) else {})]
    line = front.closing.start_line
    if key in order:
        later = set(order[order.index(key) + 1 :])
        after = next((e for e in mapping.entries if e.key_text in later), None)
        if after is not None:
            line = after.key.span.start_line
    text = f'{key}: ""{document.source.newline}'
    return Fix(f"add '{key}: \"\"'", (Edit(Span.point(line, 1), text),), UNSAFE)
