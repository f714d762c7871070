"""A check's documentation as HTML for the page.

The rules write their docs in a small part of markdown (paragraphs,
``**bold**`` lead-ins, ```` `code` ````, ``- `` lists and fenced
examples), the same text ``proglint explain`` prints and ``docs/rules.md``
holds.  That part is all this turns into HTML, escaping the text first, so
nothing in a (team's) rule's docs becomes markup of its own.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def to_html(text: str) -> Markup:
    blocks: list[str] = []
    for kind, lines in _blocks(text):
        if kind == "code":
            blocks.append(f"<pre><code>{escape(chr(10).join(lines))}</code></pre>")
        elif all(line.startswith("- ") for line in lines):
            blocks.append("<ul>" + "".join(f"<li>{_inline(line[2:])}</li>" for line in lines) + "</ul>")
        else:
            blocks.append(f"<p>{_inline(' '.join(line.strip() for line in lines))}</p>")
    return Markup("".join(blocks))


def _inline(text: str) -> str:
    html = str(escape(text))  # escaped first: the patterns below see no markup of the text's own
    html = _CODE.sub(r"<code>\1</code>", html)
    return _BOLD.sub(r"<strong>\1</strong>", html)


def _blocks(text: str):
    """("code" | "text", lines) in order: fenced blocks, and paragraphs between blank lines."""
    current: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            if fenced:
                yield "code", current
            elif current:
                yield "text", current
            current, fenced = [], not fenced
        elif fenced:
            current.append(line)
        elif not line.strip():
            if current:
                yield "text", current
            current = []
        else:
            current.append(line)
    if current:
        yield ("code" if fenced else "text"), current
