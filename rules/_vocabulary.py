"""The JWST vocabulary as the rules see it: loaded once from
``vocabulary.yaml`` beside this file, merged with a team's files named in
``vocabulary = [...]``, validated by ``schemas/vocabulary.schema.json``.

Names are compared case-insensitively with runs of whitespace collapsed,
and through each template's aliases, as APT itself is forgiving of case.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from proglint.config_file import ConfigError
from proglint.resources import schema_path

BUILTIN = Path(__file__).with_name("vocabulary.yaml")


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Template:
    name: str
    instrument: str  # MIRI, NIRCam, NIRSpec, NIRISS, FGS or OBSERVATORY
    kind: str  # science, engineering or operations
    aliases: tuple[str, ...] = ()
    needs_target: object = True  # True, False or "optional"
    background_obs: bool = False
    time_series: object = None
    data_from: tuple[str, ...] = ()


@dataclass
class Vocabulary:
    templates: dict[str, Template] = field(default_factory=dict)  # by canonical name
    lookup: dict[str, Template] = field(default_factory=dict)  # normalised name or alias -> template
    instrument_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    abbreviations: dict[str, dict] = field(default_factory=dict)
    optical_elements: dict[str, tuple[str, ...]] = field(default_factory=dict)
    program_types: dict = field(default_factory=dict)
    parallel_pairs: set[tuple[str, str]] = field(default_factory=set)
    urls: tuple[str, ...] = ()
    background_markers: tuple[str, ...] = ()

    def template(self, text: str | None) -> Template | None:
        if not text:
            return None
        return self.lookup.get(normal(text))

    def suggest(self, text: str) -> str | None:
        """The closest known template name, for a did-you-mean."""
        names = list(self.lookup)
        match = difflib.get_close_matches(normal(text), names, n=1, cutoff=0.75)
        return self.lookup[match[0]].name if match else None

    def instruments_named(self, label: str) -> set[str]:
        """Instruments whose words appear in a label as whole tokens."""
        found = set()
        for instrument, pattern in self._word_patterns().items():
            if pattern.search(label):
                found.add(instrument)
        return found

    @lru_cache(maxsize=None)  # noqa: B019 - one Vocabulary per process
    def _word_patterns(self) -> dict[str, re.Pattern]:
        return {
            instrument: re.compile(
                r"(?<![A-Za-z0-9])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![A-Za-z])",
                re.IGNORECASE,
            )
            for instrument, words in self.instrument_words.items()
            if words
        }

    def __hash__(self) -> int:  # lets lru_cache key on the instance
        return id(self)

    def parallel_allowed(self, prime: str, parallel_instrument: str) -> bool:
        """Can a template run with ``parallel_instrument`` in coordinated parallel?"""
        for a, b in self.parallel_pairs:
            if normal(a) == normal(prime):
                other = self.templates.get(b)
                if other is not None and other.instrument == parallel_instrument:
                    return True
        return False


class VocabularyError(ConfigError):
    """A vocabulary file that cannot be used: exit status 2, like a bad config."""


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads(schema_path("vocabulary.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _read(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except FileNotFoundError:
        raise VocabularyError(path, None, "the vocabulary file does not exist") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise VocabularyError(path, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    error = next(iter(sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the file"
        raise VocabularyError(path, _line_of(text, list(error.absolute_path)), f"{where}: {error.message}")
    return data


def _line_of(text: str, path: list) -> int | None:
    """The line of a value inside a YAML text, from the composer's marks."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
        if instrument != "note":
            v.optical_elements[instrument] = tuple(dict.fromkeys(v.optical_elements.get(instrument, ()) + tuple(elements)))
    if data.get("program_types"):
        v.program_types = {**v.program_types, **data["program_types"]}
    for pair in data.get("coordinated_parallel_pairs") or ():
        v.parallel_pairs.add((pair[0], pair[1]))
    v.urls = tuple(dict.fromkeys(v.urls + tuple(data.get("urls") or ())))
    markers = (data.get("targets") or {}).get("background_name_markers") or ()
    v.background_markers = tuple(dict.fromkeys(v.background_markers + tuple(markers)))


def vocabulary(context) -> Vocabulary:
    """The vocabulary for a rule's context (built-in plus the team's files)."""
    return load(tuple(context.data.get("vocabulary_paths", ())))
