"""The problems the parser itself reports.

They are diagnostics like any rule's, so they can be selected, ignored and
re-graded by configuration, and ``proglint explain PL008`` documents them.
"""

from __future__ import annotations

from ..diagnostic import SAFE, Severity
from ..meta import SOMETIMES, CheckInfo

E = Severity.ERROR

INVALID_ENCODING = CheckInfo(
    "PL001", "invalid-encoding", E, "The file is not valid UTF-8.",
    """
    **What it does.** Reports the first byte that is not UTF-8, or a file
    saved as UTF-16. It is then the only finding on the file: whatever was
    read from the wrong encoding (a UTF-16 file has no readable front matter,
    heading or table at all) would only produce findings that follow from
    this one, and they come back, if real, once the file is re-saved.

    **Why it matters.** Program documents are UTF-8; a stray Latin-1 byte
    (often from a copy out of a PDF) makes target names and titles differ
    from what APT holds.

    **Fix.** Re-save the file as UTF-8.
    """,
    fix_note="the bytes that are not UTF-8 could be any encoding; proglint never guesses at them or rewrites them.",
)
YAML_SYNTAX = CheckInfo(
    "PL002", "yaml-syntax", E, "The front matter is not valid YAML.",
    """
    **What it does.** Reports the YAML parser's error at the position it gives.

    **Why it matters.** Nothing in the front matter can be checked until it reads.

    Fails:

    ```
    ---
    id: 1071
    program_title: "unclosed
    ---
    ```

    Passes:

    ```
    ---
    id: 1071
    program_title: "closed"
    ---
    ```
    """,
    fix_note="which YAML was meant is not known; the message points at the first character YAML cannot read.",
)
FRONT_MATTER_MISSING = CheckInfo(
    "PL003", "front-matter-missing", E, "The document does not start with `---` front matter.",
    """
    **What it does.** Requires the first line to be `---`, opening the YAML front matter.

    **Why it matters.** The id, type, cycle and title live there; without them
    the document cannot be matched to its program.
    """,
    fix_note="the front matter's values (id, type, title ...) are the author's to write.",
)
FRONT_MATTER_UNTERMINATED = CheckInfo(
    "PL004", "front-matter-unterminated", E, "The front matter has no closing `---`.",
    """
    **What it does.** Requires a `---` line closing the front matter.

    **Why it matters.** Without it the heading and table would be read as YAML.
    proglint assumes the front matter ends before the first `#` heading so the
    rest can still be checked.
    """,
    fix_note="where the front matter was meant to end is not known.",
)
FRONT_MATTER_NOT_MAPPING = CheckInfo(
    "PL005", "front-matter-not-mapping", E, "The front matter is not a YAML mapping of keys to values.",
    """
    **What it does.** Requires the front matter to be `key: value` lines.

    **Why it matters.** A list or a bare string carries no named fields.
    """,
    fix_note="what the front matter was meant to hold is not known.",
)
HEADING_MISSING = CheckInfo(
    "PL006", "heading-missing", E, "There is no `# ID - TITLE` heading.",
    """
    **What it does.** Requires a level-1 heading after the front matter.

    **Why it matters.** The heading is what readers see first; it must name
    the program.

    Passes: `# 1071 - NIRCam Absolute FGS-NIRCam Alignment`
    """,
    fix_note="where the heading belongs among the lines that are there is the author's call.",
)
HEADING_MALFORMED = CheckInfo(
    "PL007", "heading-malformed", E, "The level-1 heading is not `# ID - TITLE`.",
    """
    **What it does.** Requires the heading to be the program id, ` - `, and the title.

    **Why it matters.** Tools and readers take the id and title from it.

    Fails: `# 1071 NIRCam Absolute FGS-NIRCam Alignment`

    Passes: `# 1071 - NIRCam Absolute FGS-NIRCam Alignment`
    """,
    fix_note="which part of the line is the id and which the title is not known.",
)
TABLE_MISSING = CheckInfo(
    "PL008", "table-missing", E, "There is no observations table.",
    """
    **What it does.** Requires a markdown table of observations (normally under
    `## OBSERVATIONS TABLE`).

    **Why it matters.** The table is the program: without it there is nothing
    to check against APT.
    """,
    fix_note="the observations are the author's; there is nothing to copy them from.",
)
TABLE_HEADER = CheckInfo(
    "PL009", "table-header", E,
    "The table header is not Folder | Observation | Label | Observing Template | Science Target.",
    """
    **What it does.** Requires exactly the five expected columns, in that order.

    **Why it matters.** Every check of the rows relies on knowing which
    column is which. When all five names are present in another order the
    rows are still read by name.
    """,
    fix_note="a header cell may name another column on purpose or by mistake; which is not known.",
)
TABLE_DELIMITER = CheckInfo(
    "PL010", "table-delimiter", E, "The table header is not followed by a `| :--- | ... |` delimiter row.",
    """
    **What it does.** Requires the delimiter row under the header.

    **Why it matters.** Without it markdown renders no table at all.
    """,
    fix_note="a header without its delimiter row is often not the header at all; add the row by hand.",
)
TABLE_ROW_CELLS = CheckInfo(
    "PL011", "table-row-cells", E, "A table row has too few or too many cells.",
    """
    **What it does.** Counts the cells of every row, honouring `\\|` escapes.

    **Why it matters.** Markdown renderers silently drop extra cells and pad
    missing ones, so a row with a stray `|` shows the wrong target or
    template without anyone noticing.

    Fails: `| | 3 | label | MIRI Imaging | (1) | X |`

    Passes: `| | 3 | label | MIRI Imaging | (1) X |`
    """,
    autofix=SOMETIMES,
    fix_note="safe: an empty Folder or Label cell is inserted where one is missing, a stray empty cell removed; "
    "unsafe: a '|' read as part of the Label is escaped as '\\|'. A missing number, template or target has no fix.",
)
TABLE_ROW_MALFORMED = CheckInfo(
    "PL012", "table-row-malformed", E, "A line inside the table is not a `| ... |` row.",
    """
    **What it does.** Requires every line of the table block to start and end
    with `|`.

    **Why it matters.** Markdown turns a stray line under a table into a row
    of its own, or merges it into the last cell.
    """,
    autofix=SAFE,
    fix_note="a row that starts with '|' gets its closing ' |' (its cells read the same); a line that is not a row "
    "has no fix: it may be a broken row or prose that lost its blank line.",
)

TABLE_EXTRA = CheckInfo(
    "PL013", "table-extra", E, "A second table follows the observations table in its section.",
    """
    **What it does.** Reports a second markdown table in the observations
    section. Its rows are read and checked with the first table's.

    **Why it matters.** Readers and tools take the first table as the
    program; observations in a second one are easily missed.

    **Fix.** Merge the rows into one table.
    """,
    fix_note="a second table may continue the first or be a stray; which is not known.",
)
UNREADABLE = CheckInfo(
    "PL014", "file-unreadable", E, "A file or folder could not be read.",
    """
    **What it does.** Reports a file or folder proglint was asked to lint (or
    found in a folder) that it could not read: no permission, a dangling
    link or a link loop, or something that is not a regular file at all (a
    FIFO, a device such as `/dev/zero`, a socket), which proglint refuses
    rather than wait on or read without end. The other files are still
    checked, and the run exits with status 1.

    **Why it matters.** A document that is never read is never checked; a
    silent skip would pass CI with an unchecked program.

    **Fix.** Give proglint read permission (`chmod u+r FILE`, `chmod u+rx
    FOLDER`), repair or remove the link, or pipe a stream's content to
    `proglint - --stdin-filename NAME`.
    """,
    fix_note="there is no text to fix.",
)
LINE_TOO_LONG = CheckInfo(
    "PL015", "line-too-long", E, "A line is longer than proglint reads (100,000 characters by default).",
    """
    **What it does.** Reports every line longer than the limit (100,000
    characters unless the caller sets another) and does not read it as
    markdown: such a line is no heading and no program URL, and in the
    observations table it is no row, so nothing on it is checked. (A long
    line inside the front matter is still read as YAML.)

    **Why it matters.** No program document has a line anywhere near that
    long; one that does is a generated or corrupted file (a table flattened
    onto one line, a pasted binary blob). Reading it cell by cell would cost
    memory in proportion to its length for nothing anyone can use, so it is
    reported instead.

    **Fix.** Break the line up: one table row per line, prose wrapped into
    paragraphs.
    """,
    fix_note="shortening a line means choosing what to cut.",
)
FILE_TOO_LARGE = CheckInfo(
    "PL016", "file-too-large", E, "A file is larger than proglint reads (64 MiB by default).",
    """
    **What it does.** Reports a file (or standard input) of more than 64 MiB
    (`max-file-size` in the configuration, in bytes, sets another limit)
    and does not read the rest of it: nothing in it is checked. A file of
    that size found in a folder is reported only when its first kilobytes
    look like a program document. The run exits with status 1.

    **Why it matters.** A program document is a few kilobytes; even a table
    of 100,000 rows is a few megabytes, and is read. A file of gigabytes
    named by mistake (a log, a disk image) would cost memory several times
    its size before anything useful could be said about it.

    **Fix.** Check that the right file is named; exclude the large one
    (`--exclude`, or `exclude` in the configuration).
    """,
    fix_note="there is no text to fix.",
)

ALL = (
    INVALID_ENCODING,
    YAML_SYNTAX,
    FRONT_MATTER_MISSING,
    FRONT_MATTER_UNTERMINATED,
    FRONT_MATTER_NOT_MAPPING,
    HEADING_MISSING,
    HEADING_MALFORMED,
    TABLE_MISSING,
    TABLE_HEADER,
    TABLE_DELIMITER,
    TABLE_ROW_CELLS,
    TABLE_ROW_MALFORMED,
    TABLE_EXTRA,
    UNREADABLE,
    LINE_TOO_LONG,
    FILE_TOO_LARGE,
)
