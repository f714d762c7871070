"""The checks that ``schemas/program.schema.json`` (and team schemas) report.

A schema error gets its code from *where* it is and *what kind* of problem it
is, so a code keeps one meaning whatever schema produced it:

========================  =====  ========================================
area (first JSON key)     codes  example
========================  =====  ========================================
``front_matter``          PL1xx  ``cycle: "two"``
``observations``          PL2xx  an observation number ``1000``
``observations/N/target`` PL3xx  a Science Target ``1) GD153``
anything else             PL05x  heading, URL, sections (team schemas)
========================  =====  ========================================

==  ==================  ======================================================
xx  kind                JSON Schema keywords
==  ==================  ======================================================
01  unknown key         additionalProperties, unevaluatedProperties, propertyNames
02  missing key         required, dependentRequired
03  duplicate key       (front matter only: found in the model, not by a schema)
04  wrong type          type
05  value not allowed   enum, const, not
06  out of range        minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf
                        (front matter only: everything else in the JSON form is text)
07  bad format          pattern, format, minLength, maxLength
08  wrong count         minItems, maxItems, uniqueItems, contains, minProperties, maxProperties
09  invalid (other)     anything else (a ``false`` schema, oneOf matching twice, ...)
==  ==================  ======================================================

A schema can give the errors under one of its subschemas a registered code of
their own with the annotation ``"x-proglint-code": "PL110"``; the program
schema does so for its two warnings, :data:`UNKNOWN_PROPOSAL_TYPE` (PL110)
and :data:`TARGET_NAME_APT` (PL310).
"""

from __future__ import annotations

from ..diagnostic import Severity
from ..diagnostic import UNSAFE
from ..meta import SOMETIMES, CheckInfo

E = Severity.ERROR
W = Severity.WARNING

# kind number -> the suffix of the check's name
KINDS = {
    1: "unknown-key",
    2: "missing-key",
    3: "duplicate-key",
    4: "wrong-type",
    5: "value-not-allowed",
    6: "out-of-range",
    7: "bad-format",
    8: "wrong-count",
    9: "invalid",
}

# area -> (code prefix, name prefix, what it is called in prose)
AREAS = {
    "front_matter": ("PL1", "front-matter", "the front matter"),
    "observations": ("PL2", "observation", "an observation row"),
    "target": ("PL3", "target", "a Science Target cell"),
    "document": ("PL05", "document", "the document's heading, URL or sections"),
}


def code_for(area: str, kind: int) -> str:
    prefix = AREAS[area][0]
    return f"{prefix}{kind:02d}" if area != "document" else f"{prefix}{kind}"


# Why a schema check has no fix, by kind: the schema says what is allowed,
# not which allowed value the author meant.
_NO_FIX = {
    1: "which field the schema means instead is not known; the message names the allowed ones.",
    2: "the field's value is the author's.",
}
_NO_FIX_VALUE = "the right value is the author's; the message says what the schema allows."


def _info(area: str, kind: int, summary: str, docs: str, severity: Severity = E, **fixing: str) -> CheckInfo:
    """``fixing``: the check's ``autofix`` and ``fix_note`` (see CheckInfo);
    without them, the kind's reason for having no fix."""
    fixing.setdefault("fix_note", _NO_FIX.get(kind, _NO_FIX_VALUE) if not fixing.get("autofix") else "")
    return CheckInfo(code_for(area, kind), f"{AREAS[area][1]}-{KINDS[kind]}", severity, summary, docs, **fixing)


_SCHEMA_NOTE = """
    The check comes from `schemas/program.schema.json` (`proglint schema
    document` prints it) or from a team schema named in the configuration
    (`schemas = [...]`); the message says which value and what is allowed.
"""

# ---------------------------------------------------------------------------
# Front matter: PL101-PL110

FRONT_MATTER_UNKNOWN_KEY = _info(
    "front_matter", 1, "The front matter has a key the program schema does not know.",
    """
    **What it does.** Reports every front-matter key that is not one of the
    nine known keys (`id`, `proposal_type`, `cycle`,
    `exclusive_access_period_months`, `instrument_mode`, `pi_and_co_pis`,
    `prime_parallel_time_hours`, `program_title`, `type`), at the key itself,
    with a did-you-mean when a known key is close.

    **Why it matters.** A misspelt key is an empty field for every tool that
    reads the document, and nobody notices the real key is missing.

    Fails: `programme_title: "OTE-07 Global Alignment 1"`

    Passes: `program_title: "OTE-07 Global Alignment 1"`
    """,
    autofix=UNSAFE,
    fix_note="a key close to a known key that is not given is renamed to it; unsafe: the closest name is a guess.",
)
FRONT_MATTER_MISSING_KEY = _info(
    "front_matter", 2, "A required front-matter key is missing.",
    """
    **What it does.** Requires the nine keys every program document carries;
    reported at the opening `---` line, naming the missing key. A key that
    may be blank is still written, as `key: ""`.

    **Why it matters.** Downstream tools read these fields by name; a missing
    key is indistinguishable from a broken export.

    Fails: a front matter without a `type:` line.

    Passes: `type: ""`
    """,
    autofix=UNSAFE,
    fix_note="adds `key: \"\"` where the schema lists the key; unsafe: the empty value is a placeholder to fill in.",
)
FRONT_MATTER_DUPLICATE_KEY = _info(
    "front_matter", 3, "A front-matter key is given twice.",
    """
    **What it does.** Reports the second (and any later) occurrence of a key,
    naming the line of the first.

    **Why it matters.** YAML readers disagree about which value wins: most
    keep the last, proglint's JSON form keeps the first. Either way one of
    the two values is silently ignored.

    Fails:

    ```
    cycle: "1"
    cycle: "2"
    ```

    Passes: `cycle: "1"`
    """,
    autofix=SOMETIMES,
    fix_note="the later entry's lines are removed: safe when its value is written as the first's, "
    "unsafe otherwise (the later value may be the one meant).",
)
FRONT_MATTER_WRONG_TYPE = _info(
    "front_matter", 4, "A front-matter value has the wrong type (text, number, list, ...).",
    """
    **What it does.** Checks each value's YAML type: `program_title` is text,
    `cycle` a whole number or a string of digits, and so on. Plain YAML values
    are typed as YAML 1.2 does (`12` is a number, `yes` is text); quoted
    values are always text.

    **Why it matters.** A list where text is expected, or `true` where a
    number is, breaks every tool that reads the field.

    Fails: `cycle: [1, 2]`

    Passes: `cycle: "1"`
    """ + _SCHEMA_NOTE,
)
FRONT_MATTER_VALUE_NOT_ALLOWED = _info(
    "front_matter", 5, "A front-matter value is not one of the allowed values.",
    """
    **What it does.** Checks fields with a fixed set of values, such as
    `exclusive_access_period_months` (0, 3, 6 or 12 months, or empty).

    **Why it matters.** STScI offers only these exclusive access periods; any
    other value is a typo or a misunderstanding of the policy.

    Fails: `exclusive_access_period_months: "9"`

    Passes: `exclusive_access_period_months: "6"`
    """ + _SCHEMA_NOTE,
)
FRONT_MATTER_OUT_OF_RANGE = _info(
    "front_matter", 6, "A numeric front-matter value is out of range.",
    """
    **What it does.** Checks number ranges: `id` is positive, `cycle` is 0
    (commissioning) or more, `prime_parallel_time_hours` is not negative.
    Which cycles exist is the vocabulary's concern (PL111, unknown-cycle), so
    `cycle: 7` and `cycle: "7"` are one finding there, not two here.

    **Why it matters.** Out-of-range numbers are typos that point the
    document at a program or cycle that does not exist.

    Fails: `cycle: -1`

    Passes: `cycle: 1`
    """ + _SCHEMA_NOTE,
)
FRONT_MATTER_BAD_FORMAT = _info(
    "front_matter", 7, "A front-matter value does not have the required form.",
    """
    **What it does.** Checks the form of text values: numbers written as text
    must be plain digits (`"0"`, not `"zero"` or `"05"`), `program_title`
    must not be empty.

    **Why it matters.** Real documents quote their numbers, so the text must
    still read as the number it stands for.

    Fails: `cycle: "two"`

    Passes: `cycle: "2"`
    """ + _SCHEMA_NOTE,
)
FRONT_MATTER_WRONG_COUNT = _info(
    "front_matter", 8, "A front-matter list or mapping has too many or too few items.",
    """
    **What it does.** Reports `minItems`, `maxItems`, `uniqueItems`,
    `contains`, `minProperties` and `maxProperties` failures, which come from
    team schemas (the program schema has none).

    **Why it matters.** A team may require, say, at least one PI in a list.

    Fails (with a team schema requiring one item): `pi_and_co_pis: []`

    Passes: `pi_and_co_pis: ["A. Astronomer"]`
    """ + _SCHEMA_NOTE,
)
FRONT_MATTER_INVALID = _info(
    "front_matter", 9, "A front-matter value breaks another schema constraint.",
    """
    **What it does.** Reports schema failures of any other kind: a value
    accepted by two alternatives of a `oneOf`, a `false` schema, an `anyOf`
    whose alternatives fail in different ways.

    **Why it matters.** The message names the value and what the schema
    expects.

    Fails (team schema `"instrument_mode": false`): any `instrument_mode:` line.

    Passes: the front matter without a rule against it.
    """ + _SCHEMA_NOTE,
)
UNKNOWN_PROPOSAL_TYPE = CheckInfo(
    "PL110", "unknown-proposal-type", W, "`proposal_type` is not a known JWST program type.",
    """
    **What it does.** Accepts the program-type codes `GO`, `GTO`, `DD`, `ERS`,
    `AR`, `ENG`, `NASA`, `SURVEY`, `CAL/<sub>` and `COM/<sub>` (sub one of
    MIRI, NIRCAM, NIRSPEC, NIRISS, FGS, CROSS, OTE, ERO; any letter case),
    the long words real documents use (`calibration`, `commissioning`,
    `engineering`, `general observer`, `guaranteed time observer`,
    `director's discretionary`, `early release science`, `archival research`,
    `survey`; any letter case), or an empty value. Anything else is a warning.

    **Why it matters.** A typo in the type breaks program classification. It
    is only a warning because STScI adds new types from time to time.

    Fails: `proposal_type: "CAL/NIRCAMM"`

    Passes: `proposal_type: "CAL/NIRCAM"`
    """,
    fix_note="which program type was meant is not known.",
)

# ---------------------------------------------------------------------------
# Observations: PL201-PL209 (no duplicate keys in a table row; cells are
# text, so no numeric ranges: x06 exists only for the front matter)

OBSERVATION_UNKNOWN_KEY = _info(
    "observations", 1, "An observation has a field a team schema does not allow.",
    """
    **What it does.** Reports `additionalProperties`/`unevaluatedProperties`
    failures on a row, at the row. Only a team schema that lists fewer
    fields than the JSON form has can cause it.

    **Why it matters.** It usually means the team schema forgot a field.

    Fails (team schema `{"properties": {"observations": {"items":
    {"properties": {"number": true}, "additionalProperties": false}}}}`):
    every row, since rows also have `folder`, `label`, `template`, `target`.

    Passes: the same schema listing all five fields.
    """ + _SCHEMA_NOTE,
)
OBSERVATION_MISSING_KEY = _info(
    "observations", 2, "An observation lacks a field a team schema requires.",
    """
    **What it does.** Reports `required`/`dependentRequired` failures on a
    row, at the row. Rows always carry the five fields of the JSON form, so
    only a team schema requiring another field can cause it.

    **Why it matters.** It usually means the team schema names a field the
    JSON form does not have (see `proglint schema document`).

    Fails (team schema requiring `"required": ["instrument"]` on rows): every row.

    Passes: `"required": ["template"]`.
    """ + _SCHEMA_NOTE,
)
OBSERVATION_WRONG_TYPE = _info(
    "observations", 4, "An observation field has the wrong type for a schema.",
    """
    **What it does.** Reports `type` failures on a row's fields. Cells are
    text and a field is `null` only when the row has no such cell (or, for
    `folder`, when no row above named a folder), so a team schema requiring
    a folder (`"folder": {"type": "string"}`) reports rows outside any folder.

    **Why it matters.** The message names the field and what is expected.

    Fails (with that team schema): a first row whose Folder cell is blank.

    Passes: `| Epoch 1    | 1  | ...` as the first row.
    """ + _SCHEMA_NOTE,
)
OBSERVATION_VALUE_NOT_ALLOWED = _info(
    "observations", 5, "An observation field has a value a team schema does not allow.",
    """
    **What it does.** Reports `enum`, `const` and `not` failures on a row's
    fields, at the cell, such as a team's list of allowed folders.

    **Why it matters.** Teams use it to hold documents to house conventions.

    Fails (team schema `"folder": {"enum": ["Science", "Calibration", null]}`):
    `| Sceince | 1 | ...`

    Passes: `| Science | 1 | ...`
    """ + _SCHEMA_NOTE,
)
OBSERVATION_BAD_FORMAT = _info(
    "observations", 7, "An Observation number or Observing Template cell has the wrong form.",
    """
    **What it does.** Requires the Observation cell to be a whole number from
    1 to 999 written in plain digits (no sign, no leading zeros, as APT shows
    it) and the Observing Template cell to be non-empty, each reported at
    its cell (a blank cell at the space between its pipes).

    **Why it matters.** Observation numbers are APT's three-digit `OBSERVTN`;
    a row without a template cannot be checked against anything.

    Fails: `|        | 1000 | MIRI Imaging | MIRI Imaging | (1) GD153 |`

    Passes: `|        | 100  | MIRI Imaging | MIRI Imaging | (1) GD153 |`
    """ + _SCHEMA_NOTE,
)
OBSERVATION_WRONG_COUNT = _info(
    "observations", 8, "The observations table has too many or too few rows for a team schema.",
    """
    **What it does.** Reports `minItems`, `maxItems`, `uniqueItems` and
    `contains` failures on the table, at its header row.

    **Why it matters.** Teams may cap the size of a program, or require a
    row of some kind (a calibration observation).

    Fails (team schema `"observations": {"maxItems": 50}`): a table of 51 rows.

    Passes: a table of 50 rows.
    """ + _SCHEMA_NOTE,
)
OBSERVATION_INVALID = _info(
    "observations", 9, "An observation breaks another schema constraint.",
    """
    **What it does.** Reports schema failures on a row of any other kind: a
    `oneOf` matched by two alternatives, a `false` schema, an `anyOf` whose
    alternatives fail in different ways.

    **Why it matters.** The message names the field and the value.

    Fails (team schema `"label": false`): any row.

    Passes: the same schema without that line.
    """ + _SCHEMA_NOTE,
)

# ---------------------------------------------------------------------------
# Science Target cells: PL301-PL310

TARGET_UNKNOWN_KEY = _info(
    "target", 1, "A target has a field a team schema does not allow.",
    """
    **What it does.** Reports `additionalProperties`/`unevaluatedProperties`
    failures on a target (`text`, `number`, `name`), at the cell.

    **Why it matters.** It usually means the team schema forgot a field.

    Fails (team schema `"target": {"properties": {"text": true},
    "additionalProperties": false}`): every target.

    Passes: the same schema listing `text`, `number` and `name`.
    """ + _SCHEMA_NOTE,
)
TARGET_MISSING_KEY = _info(
    "target", 2, "A target lacks a field a team schema requires.",
    """
    **What it does.** Reports `required`/`dependentRequired` failures on a
    target, at the cell. Targets always carry `text`, `number` and `name`.

    **Why it matters.** It usually means the team schema names a field the
    JSON form does not have.

    Fails (team schema `"target": {"required": ["ra"]}`): every target.

    Passes: `"target": {"required": ["name"]}`.
    """ + _SCHEMA_NOTE,
)
TARGET_WRONG_TYPE = _info(
    "target", 4, "A target field has the wrong type for a team schema.",
    """
    **What it does.** Reports `type` failures on a target's fields, such as a
    team schema requiring a name, which `NONE` does not have.

    **Why it matters.** The message names the field and what is expected.

    Fails (team schema `"name": {"type": "string"}`): `| ... | NONE |`

    Passes: `| ... | (1) GD153 |`
    """ + _SCHEMA_NOTE,
)
TARGET_VALUE_NOT_ALLOWED = _info(
    "target", 5, "A target field has a value a team schema does not allow.",
    """
    **What it does.** Reports `enum`, `const` and `not` failures on a target,
    at the part concerned.

    **Why it matters.** Teams use it for house rules, such as no `NONE`
    targets in a science program.

    Fails (team schema `"text": {"not": {"const": "NONE"}}`): `| ... | NONE |`

    Passes: `| ... | (1) GD153 |`
    """ + _SCHEMA_NOTE,
)
TARGET_BAD_FORMAT = _info(
    "target", 7, "A Science Target cell is not `(N) NAME` or `NONE`.",
    """
    **What it does.** Requires the Science Target cell to be `NONE` or `(N)
    NAME`, with N a whole number from 1 to 999 in plain digits and a
    non-empty name. A bad number is reported at the number, any other shape
    at the cell.

    **Why it matters.** This is APT's TargetID: the number links the row to
    the target list. A cell of another shape cannot be matched to a target.

    Fails: `| ... | NIRCam Imaging | 1) GD153 |` and `| ... | (0) GD153 |`

    Passes: `| ... | NIRCam Imaging | (1) GD153 |`
    """ + _SCHEMA_NOTE,
)
TARGET_WRONG_COUNT = _info(
    "target", 8, "A target breaks a count constraint of a team schema.",
    """
    **What it does.** Reports `minProperties`/`maxProperties` failures on a
    target (the only count keywords that apply to it), at the cell.

    **Why it matters.** Rarely useful; it exists so every schema failure on
    a target has a code.

    Fails (team schema `"target": {"maxProperties": 2}`): every target.

    Passes: `"target": {"maxProperties": 3}`.
    """ + _SCHEMA_NOTE,
)
TARGET_INVALID = _info(
    "target", 9, "A target breaks another schema constraint.",
    """
    **What it does.** Reports schema failures on a target of any other kind
    (a `oneOf` matched twice, a `false` schema, ...).

    **Why it matters.** The message names the part and the value.

    Fails (team schema `"name": {"oneOf": [{"minLength": 1}, {"maxLength": 40}]}`):
    `(1) GD153`, which both alternatives accept.

    Passes: `"name": {"anyOf": [{"minLength": 1}, {"maxLength": 40}]}`.
    """ + _SCHEMA_NOTE,
)
TARGET_NAME_APT = CheckInfo(
    "PL310", "target-name-apt", W, "A target name breaks APT's naming rule.",
    """
    **What it does.** Requires a target name of 2 to 31 characters, each a
    letter, a digit, `.`, `+`, `_` or `-` (no spaces), as APT does; reported
    at the name.

    **Why it matters.** APT rejects other names, so the document cannot
    match the program's real target list. It is a warning because the
    document itself still reads.

    Fails: `(1) LMC ASTROMETRIC`

    Passes: `(1) LMC-ASTROMETRIC`
    """,
    fix_note="APT's target list is not in the document, so the name APT uses is not known.",
)

# ---------------------------------------------------------------------------
# Everything else (heading, URL, sections, the document as a whole): PL051-PL059.
# The program schema adds no constraints there (the parser and the rules
# check the heading and URL), so these codes are for team schemas.

_DOCUMENT_NOTE = """
    **What it does.** Reports a schema failure on the heading, the program
    URL, the section titles or the document as a whole, at the heading, the
    URL, the section title or (for the document) its first line.  The
    program schema puts no constraint there (the parser and the rules check
    them), so these come from team schemas.

    **Why it matters.** Teams hold documents to house conventions this way.
""" + _SCHEMA_NOTE

DOCUMENT_UNKNOWN_KEY = _info(
    "document", 1, "A team schema does not allow a field of the document's JSON form.",
    _DOCUMENT_NOTE + """
    Fails (team schema `"url": {"properties": {"text": true},
    "additionalProperties": false}`): any document with a URL, whose JSON
    also has `program_id`.

    Passes: the same schema listing `program_id` too.
    """,
)
DOCUMENT_MISSING_KEY = _info(
    "document", 2, "A team schema requires a field the document's JSON form lacks.",
    _DOCUMENT_NOTE + """
    Fails (team schema `"heading": {"required": ["subtitle"]}`): any heading.

    Passes: `"heading": {"required": ["title"]}`.
    """,
)
DOCUMENT_WRONG_TYPE = _info(
    "document", 4, "The heading, URL or sections have the wrong type for a team schema.",
    _DOCUMENT_NOTE + """
    Fails (team schema `"url": {"type": "object"}`): a document without a
    program URL (its `url` is null).

    Passes: the document with its URL on the line after the heading.
    """,
)
DOCUMENT_VALUE_NOT_ALLOWED = _info(
    "document", 5, "The heading, URL or a section has a value a team schema does not allow.",
    _DOCUMENT_NOTE + """
    Fails (team schema `"sections": {"items": {"not": {"const": "DRAFT"}}}`):
    a `## DRAFT` section.

    Passes: the document without it.
    """,
)
DOCUMENT_BAD_FORMAT = _info(
    "document", 7, "The heading, URL or a section title does not have the form a team schema requires.",
    _DOCUMENT_NOTE + """
    Fails (team schema `"heading": {"properties": {"title": {"maxLength":
    80}}}`): a title of 81 characters.

    Passes: a title of 80 characters or fewer.
    """,
)
DOCUMENT_WRONG_COUNT = _info(
    "document", 8, "The document has too many or too few sections (or items) for a team schema.",
    _DOCUMENT_NOTE + """
    Fails (team schema `"sections": {"contains": {"const": "ABSTRACT"}}`): a
    document without `## ABSTRACT`.

    Passes: the document with it.
    """,
)
DOCUMENT_INVALID = _info(
    "document", 9, "The heading, URL or sections break another schema constraint.",
    _DOCUMENT_NOTE + """
    Fails (team schema `"heading": false`): any document.

    Passes: the same schema without that line.
    """,
)

ALL = (
    DOCUMENT_UNKNOWN_KEY,
    DOCUMENT_MISSING_KEY,
    DOCUMENT_WRONG_TYPE,
    DOCUMENT_VALUE_NOT_ALLOWED,
    DOCUMENT_BAD_FORMAT,
    DOCUMENT_WRONG_COUNT,
    DOCUMENT_INVALID,
    FRONT_MATTER_UNKNOWN_KEY,
    FRONT_MATTER_MISSING_KEY,
    FRONT_MATTER_DUPLICATE_KEY,
    FRONT_MATTER_WRONG_TYPE,
    FRONT_MATTER_VALUE_NOT_ALLOWED,
    FRONT_MATTER_OUT_OF_RANGE,
    FRONT_MATTER_BAD_FORMAT,
    FRONT_MATTER_WRONG_COUNT,
    FRONT_MATTER_INVALID,
    UNKNOWN_PROPOSAL_TYPE,
    OBSERVATION_UNKNOWN_KEY,
    OBSERVATION_MISSING_KEY,
    OBSERVATION_WRONG_TYPE,
    OBSERVATION_VALUE_NOT_ALLOWED,
    OBSERVATION_BAD_FORMAT,
    OBSERVATION_WRONG_COUNT,
    OBSERVATION_INVALID,
    TARGET_UNKNOWN_KEY,
    TARGET_MISSING_KEY,
    TARGET_WRONG_TYPE,
    TARGET_VALUE_NOT_ALLOWED,
    TARGET_BAD_FORMAT,
    TARGET_WRONG_COUNT,
    TARGET_INVALID,
    TARGET_NAME_APT,
)

BY_CODE = {info.code: info for info in ALL}


def for_error(area: str, kind: int) -> CheckInfo:
    """The check of an (area, kind) pair; see the module docstring.  Pairs
    that cannot occur (a numeric range on a table cell, which is text) fall
    back to the area's "invalid" check."""
    return BY_CODE.get(code_for(area, kind)) or BY_CODE[code_for(area, 9)]
