"""``proglint lsp``: a Language Server Protocol server over stdio.

Built on pygls (and lsprotocol); imported only by the ``lsp`` command, so the
plain CLI never pays for it.  Modules:

- :mod:`.server` — protocol handlers, debounced scheduling, publishing;
- :mod:`.framing` — reading messages off stdio: Content-Length framing and
  the JSON-RPC errors for whatever is not a message;
- :mod:`.workspace` — configuration (as the CLI finds it) and the folder's
  documents for the cross-document rules;
- :mod:`.convert` — a proglint Diagnostic as an LSP diagnostic;
- :mod:`.actions` — fixes and suppression comments as text edits;
- :mod:`.positions` — the only place where 1-based code-point columns become
  0-based UTF-16 ones and back.
"""

from __future__ import annotations


def serve() -> None:
    from .server import serve as _serve

    _serve()


__all__ = ["serve"]
