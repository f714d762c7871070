"""The JWST vocabulary as the rules see it: loaded once from
``vocabulary.yaml`` beside this file, merged with a team's files named in
``vocabulary = [...]``.

A team's file is validated by ``schemas/vocabulary.schema.json`` when it is
loaded (once per content, see :func:`_first_error`); the built-in file is
validated by the tests, not on every run.  Parsing 27 kB of YAML costs more than the rest of a one-file
run, so the parsed data is kept in the user cache, keyed by the file's exact
text (:mod:`proglint.cache.user`).

Names are compared case-insensitively with runs of whitespace collapsed,
and through each template's aliases, as APT itself is forgiving of case.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from proglint.cache import user as usercache
from proglint.cache.patterns import compile as compile_pattern  # compiled once per user: see there
from proglint.config_file import ConfigError
from proglint.record import Record, field
from proglint.resources import schema_path

BUILTIN = Path(__file__).with_name("vocabulary.yaml")
_CUTOFF = 0.75  # how close a name must be for a did-you-mean


_NORMAL: dict[str, str] = {}


def normal(text: str) -> str:
    """``text`` case-folded with runs of whitespace collapsed.  Folder
    names, templates and labels repeat down a table and across a
    portfolio, and several rules ask for the same ones, so each spelling is
    worked out once per run (a bounded memo: a hostile table of unique
    cells only refills it)."""
    found = _NORMAL.get(text)
    if found is None:
        found = " ".join(text.split()).casefold()
        if len(text) <= 256:
            if len(_NORMAL) >= 16384:
                _NORMAL.clear()
            _NORMAL[text] = found
    return found


class Template(Record):
    name: str
    instrument: str  # MIRI, NIRCam, NIRSpec, NIRISS, FGS or OBSERVATORY
    kind: str  # science, engineering or operations
    aliases: tuple[str, ...] = ()
    needs_target: object = True  # True, False or "optional"
    background_obs: bool = False
    time_series: object = None
    data_from: tuple[str, ...] = ()

    # Hashed by identity: the label rules' memos hash the row's template on
    # every row, and the generated hash of eight fields is a Python call
    # each time.  One vocabulary holds one Template per name, so identity
    # and equality pick out the same template there.
    __hash__ = object.__hash__


class Vocabulary(Record, frozen=False):
    templates: dict[str, Template] = field(default_factory=dict)  # by canonical name
    lookup: dict[str, Template] = field(default_factory=dict)  # normalised name or alias -> template
    instrument_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    abbreviations: dict[str, dict] = field(default_factory=dict)
    optical_elements: dict[str, tuple[str, ...]] = field(default_factory=dict)
    program_types: dict = field(default_factory=dict)
    parallel_pairs: set[tuple[str, str]] = field(default_factory=set)
    urls: tuple[str, ...] = ()
    background_markers: tuple[str, ...] = ()
    with_background_markers: tuple[str, ...] = ()  # "-WBKG": a science target observed with its background
    common_element_words: tuple[str, ...] = ()  # optical-element names that are also ordinary words
    label_instrument_exceptions: set[tuple[str, str]] = field(default_factory=set)  # (template, instrument)
    cycles: tuple[int, ...] = ()  # the cycles `cycle` may name
    access_periods: tuple[int, ...] = ()  # exclusive access periods STScI offers, in months
    activity_ids: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (title pattern, program type codes)
    prose_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # instrument -> words in prose
    all_instruments_phrases: tuple[str, ...] = ()  # "all JWST instruments"
    guiding_instruments: tuple[str, ...] = ()  # the guider: used by every pointed observation
    _templates_by_text: dict = field(default_factory=dict, repr=False, compare=False)

    def template(self, text: str | None) -> Template | None:
        if not text:
            return None
        try:  # every rule asks for every row's template: normalise each spelling once
            return self._templates_by_text[text]
        except KeyError:
            if len(self._templates_by_text) > 4096:  # a hostile table of unique spellings
                self._templates_by_text.clear()
            found = self._templates_by_text[text] = self.lookup.get(normal(text))
            return found

    def suggest(self, text: str) -> str | None:
        """The closest known template name, for a did-you-mean."""
        key = normal(text)
        # a misspelling repeats down a table: remember the answers for names
        # of a sensible length (a hostile cell is not worth keeping)
        return self._suggest_cached(key) if len(key) <= 256 else self._suggest(key)

    @lru_cache(maxsize=4096)  # noqa: B019 - one Vocabulary per process
    def _suggest_cached(self, key: str) -> str | None:
        return self._suggest(key)

    def _suggest(self, key: str) -> str | None:
        # difflib.get_close_matches(key, self.lookup, n=1, cutoff=0.75),
        # given only the names long enough or short enough to pass its first
        # test (real_quick_ratio, 2*min/(sum) of the lengths, >= the cutoff):
        # the answer is the same and a long or odd cell skips the search.
        size = len(key)
        names = [
            name
            for length, group in self._names_by_length().items()
            if not size + length or 2.0 * min(size, length) / (size + length) >= _CUTOFF
            for name in group
        ]
        import difflib

        match = difflib.get_close_matches(key, names, n=1, cutoff=_CUTOFF) if names else []
        return self.lookup[match[0]].name if match else None

    @lru_cache(maxsize=None)  # noqa: B019 - one Vocabulary per process
    def _names_by_length(self) -> dict[int, list[str]]:
        groups: dict[int, list[str]] = {}
        for name in self.lookup:
            groups.setdefault(len(name), []).append(name)
        return groups

    @lru_cache(maxsize=None)  # noqa: B019 - one Vocabulary per process
    def _word_patterns(self) -> dict[str, re.Pattern]:
        return {
            instrument: compile_pattern(
                r"(?<![A-Za-z0-9])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![A-Za-z])",
                re.IGNORECASE,
            )
            for instrument, words in self.instrument_words.items()
            if words
        }

    # lets lru_cache key on the instance, by identity; object's own hash is
    # a C call, and the rules' memos hash the vocabulary on every row
    __hash__ = object.__hash__

    @lru_cache(maxsize=8192)  # noqa: B019 - labels repeat within and across documents
    def instrument_mentions(self, label: str) -> tuple[Mention, ...]:
        """Every instrument word in a label, in order, with where it stands
        (0-based character offsets, end exclusive)."""
        found = [
            Mention(instrument, m.group(0), m.start(), m.end())
            for instrument, pattern in self._word_patterns().items()
            for m in pattern.finditer(label)
        ]
        return tuple(sorted(found, key=lambda m: (m.start, -m.end)))

    def abbreviation_words(self, key: str) -> tuple[str, ...]:
        """The spellings that count as one label abbreviation (its ``match``
        list, or the key itself)."""
        entry = self.abbreviations.get(key) or {}
        return tuple(entry.get("match") or (key,))

    def element_instruments(self) -> dict[str, frozenset[str]]:
        """Optical element (case-folded) -> the instruments that have it,
        without the names that are also ordinary words (``SHORT``, ``CLEAR``)."""
        common = {w.casefold() for w in self.common_element_words}
        table: dict[str, set[str]] = {}
        for instrument, elements in self.optical_elements.items():
            for element in elements:
                if element.casefold() not in common:
                    table.setdefault(element.casefold(), set()).add(instrument)
        return {k: frozenset(v) for k, v in table.items()}

    @lru_cache(maxsize=None)  # noqa: B019 - one Vocabulary per process
    def parallel_instruments(self, prime: str) -> frozenset[str]:
        """Instruments that may run in coordinated parallel with a template."""
        found = set()
        for a, b in self.parallel_pairs:
            if normal(a) == normal(prime):
                other = self.template(b)
                if other is not None:
                    found.add(other.instrument)
        return frozenset(found)

    @lru_cache(maxsize=4096)  # noqa: B019
    def is_background_name(self, name: str) -> bool:
        """Whether a target name marks a dedicated background (``muCol-BKG``,
        ``Oph_BKG_A``, ``BKG_17-29``, ``C2024E1-sky``).  A name marked as a
        science target observed *with* its background (``muCol-WBKG``) is not."""
        if self.is_with_background_name(name):
            return False
        folded = name.casefold()
        return any(find_marker(name, m) for m in self.background_markers if m and m.casefold() in folded)

    @lru_cache(maxsize=4096)  # noqa: B019
    def is_with_background_name(self, name: str) -> bool:
        folded = name.casefold()  # most names hold no marker at all: find_marker only where one occurs
        return any(find_marker(name, m) for m in self.with_background_markers if m and m.casefold() in folded)

    @lru_cache(maxsize=4096)  # noqa: B019
    def target_stem(self, name: str) -> str:
        """A target name without its background or with-background marker,
        case-folded: ``muCol-BKG``, ``muCol-WBKG`` and ``muCol`` all give
        ``mucol``; ``Oph_BKG_A`` gives ``oph_a``."""
        text = name.casefold()
        for marker in sorted(self.with_background_markers + self.background_markers, key=len, reverse=True):
            span = find_marker(text, marker)
            if span is not None:
                text = text[: span[0]] + text[span[1]:]
                break
        return text.strip("-_.+")

    def type_list(self, key: str) -> frozenset[str]:
        """A list of program type codes under ``program_types`` (upper case)."""
        return frozenset(str(c).upper() for c in self.program_types.get(key) or ())

    @lru_cache(maxsize=256)  # noqa: B019 - one Vocabulary per process
    def program_type(self, text: str) -> tuple[str, str | None] | None:
        """``proposal_type`` as (code, subtype), both upper case: ``COM/NIRCAM``
        gives ``("COM", "NIRCAM")``, the seed's ``calibration`` gives
        ``("CAL", None)``.  ``None`` for empty or unknown text (PL110's)."""
        key = " ".join(text.split()).casefold().replace("'", "").replace("\u2019", "")
        if not key:
            return None
        words = {
            " ".join(str(w).split()).casefold().replace("'", "").replace("\u2019", ""): str(c).upper()
            for w, c in (self.program_types.get("seed_style_words") or {}).items()
        }
        if key in words:
            return words[key], None
        codes = {str(c).upper() for c in self.program_types.get("codes") or {}}
        code, _, subtype = key.upper().partition("/")
        if code not in codes:
            return None
        return code, (subtype or None)

    @lru_cache(maxsize=1024)  # noqa: B019
    def activity_id(self, title: str) -> tuple[int, int, frozenset[str]] | None:
        """The activity id a title starts with (``CAL-FLUX-202``, ``OTE-07``):
        (start, end, the program types it belongs to), or ``None``."""
        stripped = len(title) - len(title.lstrip())
        for pattern, types in self._activity_patterns():
            m = pattern.match(title, stripped)
            if m is not None and (m.end() == len(title) or not title[m.end()].isalnum()):
                return m.start(), m.end(), frozenset(types)
        return None

    @lru_cache(maxsize=None)  # noqa: B019
    def _activity_patterns(self) -> tuple:
        return tuple((compile_pattern(p), tuple(c.upper() for c in types)) for p, types in self.activity_ids)


class Mention(Record):
    """A vocabulary word found in a label: what it names and where."""

    key: str  # the instrument (or abbreviation key) it names
    text: str  # as written
    start: int
    end: int


@lru_cache(maxsize=4096)
def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern:
    if not words:
        return compile_pattern(r"(?!)")  # matches nothing
    parts = ["\\s+".join(re.escape(piece) for piece in w.split()) for w in sorted(words, key=len, reverse=True)]
    return compile_pattern(r"(?<![A-Za-z0-9])(?:" + "|".join(parts) + r")(?![A-Za-z0-9])", re.IGNORECASE)


def word_pattern(words) -> re.Pattern:
    """The compiled pattern :func:`find_words` uses, for callers that search
    many texts for one word list."""
    return _phrase_pattern(tuple(w for w in words if w and w.strip()))


def find_words(text: str, words) -> list[tuple[int, int, str]]:
    """Where any of ``words`` occurs in ``text`` as whole tokens, any case,
    a phrase's spaces matching any run of whitespace: (start, end, as written).

    A token is bounded by anything but a letter or digit, so ``FGS1_cal``
    holds ``FGS1`` and ``G395H/F290LP`` holds both names, while ``WBKG`` does
    not hold ``BKG`` and ``mosaic`` does not hold ``MOS``."""
    words = tuple(w for w in words if w and w.strip())
    if not words:
        return []
    return [(m.start(), m.end(), m.group(0)) for m in _phrase_pattern(words).finditer(text)]


def find_marker(name: str, marker: str) -> tuple[int, int] | None:
    """Where a target-name marker (``-BKG``, ``BKG_``, ``-sky``) occurs in a
    name, any case, without running into more letters: ``-BKG`` is in
    ``muCol-BKG`` and ``Oph-BKG_A`` but not in ``X-BKGnd``; ``-sky`` is not in
    ``Tau-skyline``."""
    if not marker:
        return None
    folded, wanted = name.casefold(), marker.casefold()
    start = folded.find(wanted)
    while start >= 0:
        end = start + len(wanted)
        before_ok = not wanted[0].isalpha() or start == 0 or not folded[start - 1].isalpha()
        after_ok = not wanted[-1].isalpha() or end == len(folded) or not folded[end].isalpha()
        if before_ok and after_ok:
            return start, end
        start = folded.find(wanted, start + 1)
    return None


class VocabularyError(ConfigError):
    """A vocabulary file that cannot be used: exit status 2, like a bad config."""


@lru_cache(maxsize=1)
def _validator():
    import json

    import jsonschema

    schema = json.loads(schema_path("vocabulary.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VocabularyError(path, None, "the vocabulary file does not exist") from None
    parsed = _parsed(text)
    if parsed[0] == "error":
        raise VocabularyError(path, parsed[2], parsed[1])
    if path != BUILTIN:
        error = _first_error(text)
        if error is not None:
            message, where = error
            shown = "/".join(str(p) for p in where) or "the file"
            raise VocabularyError(path, _line_of(text, where), f"{shown}: {message}")
    return parsed[1]


def _parsed(text: str) -> tuple:
    """``("data", data)`` or ``("error", message, line)`` for a file's text."""
    return usercache.memo("vocabulary", "proglint vocabulary 1\n" + text, lambda: _parse(text))


def _parse(text: str) -> tuple:
    import yaml

    try:
        return ("data", yaml.load(text, Loader=_loader()) or {})
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return ("error", f"invalid YAML: {exc}", mark.line + 1 if mark else None)


@lru_cache(maxsize=None)
def _first_error(text: str) -> tuple[str, list] | None:
    """The first schema error of a team file (message, JSON path).  Worked
    out once per content, and remembered per user with the schema and the
    jsonschema that judged it, so a good file costs no jsonschema import."""
    schema = schema_path("vocabulary.schema.json").read_text(encoding="utf-8")
    key = "\n".join(("proglint vocabulary check 1", usercache.installed("jsonschema"), schema, text))
    return usercache.memo("vocabulary-check", key, lambda: _validate(_parsed(text)[1]))


def _validate(data) -> tuple[str, list] | None:
    error = next(iter(sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))), None)
    return None if error is None else (error.message, list(error.absolute_path))


def _line_of(text: str, path: list) -> int | None:
    """The line of a value inside a YAML text, from the composer's marks."""
    import yaml

    try:
        node = yaml.compose(text, Loader=_loader())
    except yaml.YAMLError:
        return None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
        if node is None:
            return None
    return node.start_mark.line + 1 if node is not None else None


@lru_cache(maxsize=None)
def load(extra: tuple[Path, ...] = ()) -> Vocabulary:
    vocabulary = Vocabulary()
    for path in (BUILTIN, *extra):
        _merge(vocabulary, _read(path))
    return vocabulary


def _merge(v: Vocabulary, data: dict) -> None:
    for name, spec in (data.get("instruments") or {}).items():
        v.instrument_words[name] = tuple(dict.fromkeys(v.instrument_words.get(name, ()) + tuple(spec.get("words", ()))))
    for spec in data.get("templates") or ():
        template = Template(
            name=spec["name"],
            instrument=spec["instrument"],
            kind=spec["kind"],
            aliases=tuple(spec.get("aliases") or ()),
            needs_target=spec.get("needs_target", True),
            background_obs=bool(spec.get("background_obs", False)),
            time_series=spec.get("time_series"),
            data_from=tuple(spec.get("data_from") or ()),
        )
        old = v.templates.pop(template.name, None)
        if old is not None:
            for key in [k for k, t in v.lookup.items() if t is old]:
                del v.lookup[key]
        v.templates[template.name] = template
        for key in (template.name, *template.aliases):
            v.lookup[normal(key)] = template
    v.abbreviations.update(data.get("abbreviations") or {})
    for instrument, elements in (data.get("optical_elements") or {}).items():
        if instrument == "common_words":
            v.common_element_words = tuple(dict.fromkeys(v.common_element_words + tuple(elements)))
        elif instrument != "note":
            v.optical_elements[instrument] = tuple(dict.fromkeys(v.optical_elements.get(instrument, ()) + tuple(elements)))
    if data.get("program_types"):
        v.program_types = _merged(v.program_types, data["program_types"])
    for pair in data.get("coordinated_parallel_pairs") or ():
        v.parallel_pairs.add((pair[0], pair[1]))
    v.urls = tuple(dict.fromkeys(v.urls + tuple(data.get("urls") or ())))
    markers = (data.get("targets") or {}).get("background_name_markers") or ()
    v.background_markers = tuple(dict.fromkeys(v.background_markers + tuple(markers)))
    markers = (data.get("targets") or {}).get("with_background_markers") or ()
    v.with_background_markers = tuple(dict.fromkeys(v.with_background_markers + tuple(markers)))
    for entry in data.get("label_instrument_exceptions") or ():
        v.label_instrument_exceptions.add((entry["template"], entry["instrument"]))
    periods = (data.get("exclusive_access_period_months") or {}).get("allowed") or ()
    v.access_periods = tuple(sorted(set(v.access_periods) | {int(p) for p in periods}))
    cycles = (data.get("cycles") or {}).get("allowed") or ()
    v.cycles = tuple(sorted(set(v.cycles) | {int(c) for c in cycles}))
    for entry in data.get("activity_ids") or ():
        v.activity_ids += ((entry["pattern"], tuple(entry["types"])),)
    prose = data.get("prose") or {}
    for instrument, words in (prose.get("instrument_words") or {}).items():
        v.prose_words[instrument] = tuple(dict.fromkeys(v.prose_words.get(instrument, ()) + tuple(words)))
    v.all_instruments_phrases = tuple(dict.fromkeys(v.all_instruments_phrases + tuple(prose.get("all_instruments") or ())))
    v.guiding_instruments = tuple(dict.fromkeys(v.guiding_instruments + tuple(prose.get("guiding_instruments") or ())))


def _merged(old: dict, new: dict) -> dict:
    """A team's ``program_types`` over the built-in one: mappings are
    merged, lists extended, anything else replaced."""
    result = dict(old)
    for key, value in new.items():
        before = result.get(key)
        if isinstance(before, dict) and isinstance(value, dict):
            result[key] = {**before, **value}
        elif isinstance(before, list) and isinstance(value, list):
            result[key] = list(dict.fromkeys(before + value))
        else:
            result[key] = value
    return result


def vocabulary(context) -> Vocabulary:
    """The vocabulary for a rule's context (built-in plus the team's files)."""
    return load(tuple(context.data.get("vocabulary_paths", ())))
