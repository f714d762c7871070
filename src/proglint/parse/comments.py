"""HTML comments inside a line.

Suppression comments may sit inside a heading or a table cell (a comment
line between table rows would end the table), and they are not part of
the value there: blanking them with spaces keeps every column in place
while the value is read without them.
"""

from __future__ import annotations

import re

COMMENT = re.compile(r"<!--.*?-->")


def blank_comments(line: str) -> str:
    if "<!--" not in line:
        return line
    return COMMENT.sub(lambda m: " " * len(m.group(0)), line)
