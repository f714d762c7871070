"""Generate realistic JWST program documents for benchmarks and tests.

The documents follow the seeds in ``seeds/`` exactly: the nine-key YAML front
matter, the ``# ID - TITLE`` heading, the STScI program-information URL, the
``## OBSERVATIONS TABLE`` section with its five-column table (padded like the
APT-derived seeds), then ``## ABSTRACT`` and ``## OBSERVING DESCRIPTION``
separated by ``---`` lines, and no newline after the last line.

What the generator varies, the way real programs do:

* program families (GO, GTO, ERS, DD, SURVEY, ``calibration``, ``CAL/<SI>``,
  ``COM/<SI>``, ``ENG``) with matching cycles, exclusive access periods,
  titles and templates (science programs use science templates only;
  calibration, commissioning and engineering programs also use engineering
  and operations templates of their instrument);
* folders: none at all, one folder per target (named after the target, like
  the hand-written seed), named steps (``Epoch 1``, ``Calibrators`` ...) or one
  folder per template; a blank Folder cell continues the folder above, and a
  folder name is used for one contiguous block only;
* observation numbers are always unique, with gaps and out-of-order rows
  (rows grouped by folder keep the numbers they were created with);
* targets ``(N) NAME``: the same name always has the same number and the same
  number the same name; names are 2-31 characters of ``[A-Za-z0-9.+_-]`` and
  unique ignoring case; numbers are 1-999, mostly in first-appearance order,
  sometimes with gaps or shuffled; dedicated background targets ``NAME-BKG``
  sit next to their science observation, with the same template and folder,
  only for templates with ``background_obs: true``;
* ``NONE`` targets only for templates with ``needs_target: false`` in the
  vocabulary;
* templates are canonical names from ``jwst-vocab.yaml``; labels are blank or
  start with the template's instrument name (``NIRCam Imaging F200W``) and use
  only mode words and optical elements of that template (WFSC labels start
  with ``WFSC``; other observatory templates get blank labels).

Every generated document of at most 999 rows is meant to be clean for
proglint.  ``--rows N`` with ``N`` above 999 (the 10,000-row speed test)
needs observation numbers beyond 999, which real programs cannot have; such a
document is for timing only and may draw findings from a check of the
number range.  Target numbers stay within 1-999 whatever the size.

Randomness comes only from ``random.Random`` instances: the same ``--seed``
gives byte-identical files on every machine, and document ``i`` does not
depend on ``--count`` (each document has its own generator seeded with
``"SEED:i"``).

Usage::

    python benchmarks/generate.py OUTDIR --count 1000 --seed 1 [--min-rows 5 --max-rows 200]
    python benchmarks/generate.py OUTDIR --rows 10000 --count 1

From Python::

    from benchmarks.generate import generate_document
    text = generate_document(random.Random(7), 25)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

# The vocabulary proglint ships (a copy of ../shared/domain/jwst-vocab.yaml), so the generator needs only the repository.
DEFAULT_VOCAB = Path(__file__).resolve().parents[1] / "rules" / "vocabulary.yaml"
URL = "https://www.stsci.edu/jwst/science-execution/program-information?id={id}"
COLUMNS = ("Folder", "Observation", "Label", "Observing Template", "Science Target")
NAME_RE = re.compile(r"^[A-Za-z0-9.+_-]{2,31}$")
MAX_TARGET_NUMBER = 999
MAX_SCIENCE_TARGETS = 450  # plus at most as many backgrounds: numbers stay <= 999

# ---------------------------------------------------------------------------
# Vocabulary


@dataclass(frozen=True)
class Template:
    name: str
    instrument: str
    kind: str
    needs_target: bool
    background_obs: bool
    time_series: str
    verified: bool


@dataclass(frozen=True)
class Vocab:
    templates: tuple[Template, ...]

    def pick(self, *, instruments=None, kinds=None) -> list[Template]:
        return [
            t
            for t in self.templates
            if (instruments is None or t.instrument in instruments) and (kinds is None or t.kind in kinds)
        ]


_VOCAB_CACHE: dict[str, Vocab] = {}


def load_vocab(path: str | Path | None = None) -> Vocab:
    """Read the templates of ``jwst-vocab.yaml`` (cached per path)."""
    path = Path(path) if path is not None else DEFAULT_VOCAB
    key = str(path.resolve())
    if key not in _VOCAB_CACHE:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        templates = []
        for entry in data.get("templates") or ():
            templates.append(
                Template(
                    name=str(entry["name"]),
                    instrument=str(entry.get("instrument") or ""),
                    kind=str(entry.get("kind") or "science"),
                    # "optional" (Realtime Commanding) is given a real target
                    needs_target=entry.get("needs_target", True) is not False,
                    background_obs=bool(entry.get("background_obs", False)),
                    time_series=str(entry.get("time_series") or "never"),
                    verified=bool(entry.get("verified", True)),
                )
            )
        if not templates:
            raise ValueError(f"{path}: no templates")
        _VOCAB_CACHE[key] = Vocab(tuple(templates))
    return _VOCAB_CACHE[key]


# ---------------------------------------------------------------------------
# Label vocabulary: each template's labels use only words and optical elements
# that agree with it (see jwst-vocab.yaml `abbreviations` / `optical_elements`).

ELEMENTS = {
    "MIRI_IMG": ["F560W", "F770W", "F1000W", "F1130W", "F1280W", "F1500W", "F1800W", "F2100W", "F2550W"],
    "MIRI_4QPM": ["F1065C", "F1140C", "F1550C"],
    "MRS_BAND": ["SHORT", "MEDIUM", "LONG"],
    "NRC_SW": ["F070W", "F090W", "F115W", "F150W", "F200W", "F140M", "F162M", "F182M", "F210M", "F187N", "F212N", "F150W2"],
    "NRC_LW": ["F277W", "F356W", "F444W", "F322W2", "F250M", "F300M", "F335M", "F360M", "F410M", "F460M", "F470N"],
    "NRC_MASK": ["MASK335R F444W", "MASK430R F444W", "MASK210R F210M", "MASKLWB F444W", "MASKSWB F182M", "MASK335R F356W"],
    "AB": ["A", "B"],
    "NRS_PAIR": ["PRISM/CLEAR", "G140M/F100LP", "G140H/F100LP", "G140M/F070LP", "G235M/F170LP", "G235H/F170LP", "G395M/F290LP", "G395H/F290LP"],
    "NIS_FILT": ["F158M", "F380M"],
    "NIS_GR": ["GR150R", "GR150C"],
    "GUIDER": ["GUIDER1", "GUIDER2"],
}

LABELS: dict[str, list[str]] = {
    # MIRI
    "MIRI Imaging": ["MIRI Imaging {MIRI_IMG}", "MIRI Imaging {MIRI_IMG} mosaic", "MIRI imaging {MIRI_IMG}"],
    "MIRI Low Resolution Spectroscopy": ["MIRI LRS slit P750L", "MIRI LRS slitless P750L", "MIRI LRS slit"],
    "MIRI Medium Resolution Spectroscopy": ["MIRI MRS", "MIRI MRS {MRS_BAND}", "MIRI MRS all channels"],
    "MIRI Coronagraphic Imaging": ["MIRI Coron 4QPM {MIRI_4QPM}", "MIRI Coron Lyot F2300C", "MIRI coronagraphy 4QPM {MIRI_4QPM}"],
    "MIRI Wide Field Slitless Spectroscopy": ["MIRI WFSS P750L"],
    "MIRI Dark": ["MIRI Dark"],
    "MIRI Anneal": ["MIRI Anneal"],
    "MIRI External Flat": ["MIRI External Flat {MIRI_IMG}"],
    "MIRI Coronagraphic Photometric Calibration": ["MIRI Coron photometric calibration {MIRI_4QPM}"],
    "MIRI MRS Cross Grating Engineering": ["MIRI cross grating engineering"],
    "MIRI MIMF": ["MIRI focus field mapping"],
    "MIRI MRS Flat": ["MIRI flat field"],
    # NIRCam
    "NIRCam Imaging": ["NIRCam Imaging {NRC_SW}", "NIRCam Imaging {NRC_SW}+{NRC_LW}", "NIRCam Imaging {NRC_LW}", "NIRCam imaging {NRC_SW} mosaic"],
    "NIRCam Coronagraphic Imaging": ["NIRCam Coronagraphy {NRC_MASK}", "NIRCam Coron {NRC_MASK}"],
    "NIRCam Wide Field Slitless Spectroscopy": ["NIRCam WFSS GRISMR {NRC_LW}", "NIRCam WFSS GRISMC {NRC_LW}"],
    "NIRCam Grism Time Series": ["NIRCam Grism TSO F322W2", "NIRCam GTS F444W transit", "NIRCam grism time series F322W2 eclipse"],
    "NIRCam Time Series": ["NIRCam Time Series {NRC_SW} transit", "NIRCam TSO imaging {NRC_SW}"],
    "NIRCam Engineering Imaging": [
        "NIRCam Imaging Sub160 Module {AB} - SW",
        "NIRCam Imaging Sub160P Module {AB} - LW",
        "NIRCam Engineering Imaging {NRC_SW}",
        "NIRCam Imaging FULL Module {AB} {NRC_LW}",
    ],
    "NIRCam Dark": ["NIRCam Dark"],
    "NIRCam Internal Flat": ["NIRCam Internal Flat {NRC_SW}"],
    "NIRCam External Flat": ["NIRCam External Flat {NRC_LW}"],
    "NIRCam Focus": ["NIRCam Focus sweep {NRC_SW}"],
    "NIRCam IPR Imaging": ["NIRCam IPR Imaging"],
    "NIRCam PIL Imaging": ["NIRCam PIL Imaging"],
    "NIRCam Wheel Exercise": ["NIRCam Wheel Exercise"],
    # NIRSpec
    "NIRSpec MultiObject Spectroscopy": ["NIRSpec MOS {NRS_PAIR}", "NIRSpec MOS {NRS_PAIR} deep"],
    "NIRSpec IFU Spectroscopy": ["NIRSpec IFU {NRS_PAIR}"],
    "NIRSpec Fixed Slit Spectroscopy": ["NIRSpec FS {NRS_PAIR}", "NIRSpec FS S200A1 {NRS_PAIR}", "NIRSpec fixed slit {NRS_PAIR}"],
    "NIRSpec Bright Object Time Series": ["NIRSpec BOTS {NRS_PAIR} transit", "NIRSpec BOTS PRISM/CLEAR eclipse"],
    "NIRSpec Imaging": ["NIRSpec Imaging F110W", "NIRSpec Imaging CLEAR"],
    "NIRSpec Internal Lamp": ["NIRSpec Internal Lamp {NRS_PAIR}"],
    "NIRSpec Dark": ["NIRSpec Dark"],
    "NIRSpec Focus": ["NIRSpec Focus"],
    "NIRSpec Focus Reference": ["NIRSpec Focus Reference"],
    "NIRSpec MSA Anneal": ["NIRSpec MSA Anneal"],
    "NIRSpec MSA Masking": ["NIRSpec MSA Masking"],
    "NIRSpec MSA Short Detect": ["NIRSpec short detect"],
    "NIRSpec Filter Grating Wheel Test": ["NIRSpec Filter Grating Wheel Test"],
    "NIRSpec MIMF": ["NIRSpec field mapping"],
    # NIRISS
    "NIRISS Imaging": ["NIRISS Imaging {NIS_FILT}"],
    "NIRISS Wide Field Slitless Spectroscopy": ["NIRISS WFSS {NIS_GR} {NIS_FILT}"],
    "NIRISS Single-Object Slitless Spectroscopy": ["NIRISS SOSS GR700XD SUBSTRIP256 transit", "NIRISS SOSS SUBSTRIP96 eclipse", "NIRISS SOSS"],
    "NIRISS Aperture Masking Interferometry": ["NIRISS AMI NRM {NIS_FILT}", "NIRISS AMI calibrator {NIS_FILT}"],
    "NIRISS External Calibration": ["NIRISS Ext Cal {NIS_FILT}", "NIRISS External Calibration {NIS_FILT}"],
    "NIRISS Dark": ["NIRISS Dark"],
    "NIRISS Internal Flat": ["NIRISS Internal Flat {NIS_FILT}"],
    "NIRISS Focus": ["NIRISS Focus"],
    "NIRISS Flat Suite": ["NIRISS Flat Suite"],
    # FGS
    "FGS External Calibration": ["FGS External Calibration {GUIDER}", "FGS Ext Cal {GUIDER}"],
    "FGS Internal Flat": ["FGS Internal Flat {GUIDER}"],
    "FGS Focus": ["FGS Focus {GUIDER}"],
    # Observatory level: WFSC labels start with WFSC, the others stay blank
    "WFSC Commissioning": ["WFSC Segment image stacking", "WFSC Segment alignment"],
    "WFSC Global Alignment": ["WFSC Global Alignment"],
    "WFSC NIRCam Coarse Phasing": ["WFSC Coarse Phasing"],
    "WFSC NIRCam Fine Phasing": ["WFSC Fine Phasing"],
    "WFSC Commissioning Control Only": [""],
    "Station Keeping": [""],
    "Realtime Commanding": [""],
    "Safe Mode Recovery": [""],
    "ISIM ASIC Tuning": ["ISIM ASIC tuning"],
    "ISIM Dictionary File Update": ["ISIM dictionary update"],
    "Pointing Only": [""],
}

# The science label of a background pair must not say "slitless" (a TSO mode).
BACKGROUND_LABELS = {
    "MIRI Low Resolution Spectroscopy": ["MIRI LRS slit P750L", "MIRI LRS slit"],
}

SUFFIX_WORDS = ["visit", "epoch", "tile", "pointing", "part", "repeat", "dither set"]

# ---------------------------------------------------------------------------
# Target names

_GREEK = ["alf", "bet", "gam", "del", "eps", "zet", "eta", "the", "iot", "kap", "lam", "mu", "nu", "xi", "omi", "pi", "rho", "sig", "ups", "phi", "chi", "psi", "ome"]
_CONST = ["And", "Aql", "Aqr", "Ari", "Aur", "Boo", "Cam", "Cap", "Car", "Cas", "Cen", "Cep", "Cet", "Col", "CrA", "Cyg", "Dor", "Dra", "Eri", "Gem", "Her", "Hya", "Lac", "Leo", "Lep", "Lib", "Lyr", "Mon", "Oph", "Ori", "Peg", "Per", "Phe", "Psc", "Pup", "Sco", "Sgr", "Tau", "Tri", "UMa", "UMi", "Vel", "Vir", "Vol"]
_FIELDS = ["ASTROMETRIC", "CALFIELD", "DEEP", "NORTH", "SOUTH", "CLUSTER", "FLANKING", "CORE", "HALO", "BAR"]
_SURVEYS = ["GOODS-S", "GOODS-N", "COSMOS", "UDS", "EGS", "ABELL", "MACS-J", "SMACS", "HUDF", "SXDF"]


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(10 ** (n - 1), 10**n - 1))


def target_name(rng: random.Random) -> str:
    """One plausible APT target name (2-31 characters of [A-Za-z0-9.+_-])."""
    kind = rng.randrange(16)
    if kind == 0:
        return f"HD-{_digits(rng, rng.randint(4, 6))}"
    if kind == 1:
        return f"HD{_digits(rng, rng.randint(4, 6))}"
    if kind == 2:
        return f"HIP-{_digits(rng, rng.randint(4, 6))}"
    if kind == 3:
        return f"{rng.choice(['WASP', 'TOI', 'GJ', 'K2', 'HAT-P', 'KELT', 'XO', 'TrES', 'LTT'])}-{rng.randint(1, 5999)}"
    if kind == 4:
        return f"GD{rng.randint(2, 999)}"
    if kind == 5:
        return f"LDS{rng.randint(100, 999)}{rng.choice('AB')}"
    if kind == 6:
        return f"WD{_digits(rng, 4)}{rng.choice('+-')}{_digits(rng, 3)}"
    if kind == 7:
        return f"BD{rng.choice('+-')}{rng.randint(10, 89)}-{rng.randint(100, 3999)}"
    if kind == 8:
        return f"{rng.choice(['NGC', 'NGC-', 'IC', 'M'])}{rng.randint(1, 7999)}"
    if kind == 9:
        return f"{rng.choice(_GREEK)}{rng.choice(_CONST)}"
    if kind == 10:
        return f"{rng.randint(1, 99)}{rng.choice(_CONST)}"
    if kind == 11:
        return f"2MASS-J{_digits(rng, 4)}{rng.choice('+-')}{_digits(rng, 4)}"
    if kind == 12:
        return f"{rng.choice(['LMC', 'SMC', 'M31', 'M33'])}-{rng.choice(_FIELDS)}{rng.choice(['', '-' + str(rng.randint(1, 20))])}"
    if kind == 13:
        return f"{rng.choice(_SURVEYS)}-{rng.randint(1, 9999)}"
    if kind == 14:
        return f"C{rng.randint(2019, 2025)}{rng.choice('ABCDEFGHJKLMNOPQRSTUVWXY')}{rng.randint(1, 9)}"
    return f"{rng.choice(['TRAPPIST', 'Kepler', 'LHS', 'LP', 'Ross', 'Wolf', 'GJ'])}-{rng.randint(1, 1999)}{rng.choice(['', 'A', 'B'])}"


_RESERVED = re.compile(r"bkg|sky|background", re.IGNORECASE)


class Names:
    """Target names of one document, unique ignoring case."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def add(self, name: str) -> bool:
        key = name.casefold()
        if key in self.used or not NAME_RE.match(name):
            return False
        self.used.add(key)
        return True

    def new(self) -> str:
        while True:
            name = target_name(self.rng)
            if not _RESERVED.search(name) and self.add(name):
                return name


# ---------------------------------------------------------------------------
# Program families


INSTRUMENT_CODES = {"MIRI": "MIRI", "NIRCam": "NIRCAM", "NIRSpec": "NIRSPEC", "NIRISS": "NIRISS", "FGS": "FGS", "OBSERVATORY": "OTE"}
SCIENCE_INSTRUMENTS = ["MIRI", "NIRCam", "NIRSpec", "NIRISS"]


@dataclass
class Program:
    proposal_type: str
    cycle: str
    eap: str
    title: str
    templates: list[Template]
    topic: str = ""  # what the prose says the program is about


_SCIENCE_TOPICS = [
    "Protoplanetary Disks in Orion", "the Circumgalactic Medium at Cosmic Noon", "Temperate Sub-Neptune Atmospheres",
    "Ices in Dense Molecular Cores", "the First Quiescent Galaxies", "Dust Formation in Wolf-Rayet Binaries",
    "Brown Dwarf Weather", "Resolved Stellar Populations in Nearby Galaxies", "Supernova 1987A",
    "Comets in the Outer Solar System", "Lensed Galaxies behind Massive Clusters", "Hot Jupiter Phase Curves",
    "Debris Disks around Nearby Stars", "Star Formation in the Galactic Center", "Feedback in Active Galactic Nuclei",
    "Trans-Neptunian Objects", "Rocky Planets around M Dwarfs", "Planetary Nebulae", "Young Stellar Jets",
    "Reionization-Era Galaxies", "Globular Cluster White Dwarfs", "Polycyclic Aromatic Hydrocarbons in Starbursts",
]
_SCIENCE_PREFIXES = [
    "A JWST Survey of", "Mapping", "Characterizing", "Probing", "Resolving", "A Census of", "Spectroscopy of",
    "Unveiling", "Tracing", "Deep Imaging of", "The Chemistry of", "Time-Resolved Observations of",
]
_SCIENCE_SUFFIXES = ["", "", "", ": A Pilot Program", ": The Full Sample", " (Part 2)", " in the Mid-Infrared", " with Multiple Epochs"]
_CAL_AREAS = {
    "FLUX": ["Absolute Flux Calibration (Hot Stars)", "Absolute Flux Calibration (A Dwarfs)", "Absolute Flux Calibration (Solar Analogs)"],
    "FLAT": ["Flat Field Stability", "Sky Flat Construction"],
    "DARK": ["Detector Dark Monitoring", "Dark Current and Hot Pixels"],
    "PHOT": ["Photometric Stability Monitor", "Photometric Zero Points"],
    "WAVE": ["Wavelength Calibration", "Spectral Resolution Verification"],
    "DIST": ["Distortion Solution", "Astrometric Calibration"],
    "PSF": ["PSF Characterization", "PSF Wings and Stability"],
    "PERS": ["Persistence Characterization", "Linearity and Saturation"],
}
_COM_TOPICS = ["Absolute Alignment", "Detector Readout Verification", "Mode Performance", "Target Acquisition Verification",
               "Throughput Verification", "Focus Verification", "Pupil Alignment", "Internal Calibration Checkout"]
_OTE_TOPICS = ["Global Alignment {n}", "Coarse Phasing {n}", "Fine Phasing {n}", "Segment Image Array", "Image Stacking",
               "Multi-Instrument Multi-Field Alignment", "Thermal Slew Stability"]
_ENG_TOPICS = ["Flight Software Update Checkout", "Mechanism Health Check", "Detector Tuning", "Calibration Lamp Monitoring"]


def _choose_program(rng: random.Random, vocab: Vocab) -> Program:
    roll = rng.random()
    science = vocab.pick(kinds={"science"})
    if roll < 0.55 and science:
        ptype = rng.choices(["GO", "GTO", "ERS", "DD", "SURVEY"], weights=[60, 15, 5, 10, 10])[0]
        cycle = "1" if ptype == "ERS" else rng.choice(["1", "2", "3", "4"])
        eap = {"GO": "12", "GTO": "12", "ERS": "0", "DD": "0", "SURVEY": "12"}[ptype]
        instruments = sorted({t.instrument for t in science})
        chosen = rng.sample(instruments, k=min(len(instruments), rng.choice([1, 1, 1, 2, 2, 3])))
        pool = [t for t in science if t.instrument in chosen]
        topic = rng.choice(_SCIENCE_TOPICS)
        title = f"{rng.choice(_SCIENCE_PREFIXES)} {topic}{rng.choice(_SCIENCE_SUFFIXES)}"
        return Program(ptype, cycle, eap, title, _subset(rng, pool, 1, 4), topic)
    if roll < 0.77:  # calibration
        area = rng.choice(sorted(_CAL_AREAS))
        desc = rng.choice(_CAL_AREAS[area])
        instruments = [i for i in SCIENCE_INSTRUMENTS + ["FGS"] if vocab.pick(instruments={i}, kinds={"science", "engineering"})]
        style = rng.random()
        if style < 0.35 or not instruments:
            ptype = "calibration" if style < 0.25 else "CAL/CROSS"
            chosen = rng.sample(instruments, k=min(len(instruments), rng.randint(2, 4))) if instruments else None
            space = rng.choice([" ", " ", "  "])  # the seed's title has a double space
            title = f"CAL-{area}-{rng.randint(100, 399)}{space}{desc}"
        else:
            instrument = rng.choice(instruments)
            ptype = f"CAL/{INSTRUMENT_CODES[instrument]}"
            chosen = [instrument]
            title = f"{instrument} {desc}" if rng.random() < 0.6 else f"CAL-{area}-{rng.randint(100, 399)} {instrument} {desc}"
        pool = vocab.pick(instruments=chosen, kinds={"science", "engineering"}) or list(vocab.templates)
        cycle = rng.choice(["", "1", "2", "3", "4"])
        eap = rng.choice(["", "0"])
        return Program(ptype, cycle, eap, title, _subset(rng, pool, 1, 5), desc.lower())
    if roll < 0.92:  # commissioning
        instruments = [i for i in INSTRUMENT_CODES if vocab.pick(instruments={i})]
        instrument = rng.choice(instruments)
        if instrument == "OBSERVATORY":
            pool = [t for t in vocab.pick(instruments={"OBSERVATORY"}) if t.name.startswith("WFSC")] or vocab.pick(instruments={"OBSERVATORY"})
            topic = rng.choice(_OTE_TOPICS).format(n=rng.randint(1, 3))
            title = f"OTE-{rng.randint(1, 40):02d} {topic}"
        else:
            pool = vocab.pick(instruments={instrument}, kinds={"science", "engineering"}) or vocab.pick(instruments={instrument})
            topic = rng.choice(_COM_TOPICS)
            title = f"{instrument} {topic}" if rng.random() < 0.6 else f"CAR {instrument}-{rng.randint(1, 120):03d} {topic}"
        eap = rng.choice(["0", "0", "0", "6", "12"])
        return Program(f"COM/{INSTRUMENT_CODES[instrument]}", "0", eap, title, _subset(rng, pool, 1, 4), topic.lower())
    # engineering
    instruments = [i for i in INSTRUMENT_CODES if vocab.pick(instruments={i}, kinds={"engineering", "operations"})]
    instrument = rng.choice(instruments) if instruments else None
    pool = vocab.pick(instruments={instrument}, kinds={"engineering", "operations"}) if instrument else list(vocab.templates)
    label = "Observatory" if instrument in (None, "OBSERVATORY") else instrument
    topic = rng.choice(_ENG_TOPICS)
    title = f"{label} {topic}"
    return Program("ENG", rng.choice(["1", "2", "3", "4"]), "0", title, _subset(rng, pool, 1, 4), topic.lower())


def _subset(rng: random.Random, pool: list[Template], low: int, high: int) -> list[Template]:
    weights = [3.0 if t.verified else 1.0 for t in pool]
    k = min(len(pool), rng.randint(low, high))
    chosen: list[Template] = []
    candidates = list(zip(pool, weights))
    for _ in range(k):
        pick = rng.choices(candidates, weights=[w for _, w in candidates])[0]
        chosen.append(pick[0])
        candidates.remove(pick)
    return chosen


# ---------------------------------------------------------------------------
# Rows


@dataclass
class Row:
    template: Template
    target: str | None  # None: NONE
    label: str
    background: bool = False
    folder: str = ""
    number: int = 0


def _fill(rng: random.Random, pattern: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: rng.choice(ELEMENTS[m.group(1)]), pattern)


def _label_styles(rng: random.Random, templates: list[Template]) -> dict[str, list[str]]:
    """The one or two label patterns a document uses for each template (a
    proposer labels the observations of one mode alike)."""
    styles = {}
    for template in templates:
        options = LABELS.get(template.name)
        if options is None:  # a template added to the vocabulary later
            first = template.name.split()[0]
            options = [template.name if first == template.instrument else ""]
        styles[template.name] = rng.sample(options, k=min(len(options), rng.choice([1, 1, 2])))
    return styles


def _base_label(rng: random.Random, template: Template, styles: dict[str, list[str]], background_pair: bool = False) -> str:
    options = BACKGROUND_LABELS.get(template.name) if background_pair else None
    if options:
        options = [o for o in options if o in styles[template.name]] or options[:1]
    else:
        options = styles[template.name]
    return _fill(rng, rng.choice(options))


class Labeller:
    """Makes (template, target, label) unique where a label is given, the
    way proposers number repeated visits."""

    def __init__(self, rng: random.Random):
        self.word = rng.choice(SUFFIX_WORDS)
        self.seen: set[tuple[str, str | None, str]] = set()
        # the last number each label got: every one below it is taken (seen
        # only grows), so the search resumes there rather than at 1, which
        # made a 100,000-row document take minutes to write
        self.last: dict[tuple[str, str | None, str], int] = {}

    def unique(self, template: Template, target: str | None, label: str) -> str:
        if not label:
            return label
        k = self.last.get((template.name, target, label), 1)
        candidate = label if k == 1 else f"{label} {self.word} {k}"
        while (template.name, target, candidate) in self.seen:
            k += 1
            candidate = f"{label} {self.word} {k}"
        self.seen.add((template.name, target, candidate))
        self.last[(template.name, target, label)] = k
        return candidate


def _make_units(rng: random.Random, program: Program, rows: int) -> tuple[list[list[Row]], list[str]]:
    """Observations in creation order, as units (a science + background pair
    is one unit so it is never split between folders)."""
    templates = program.templates
    # internal (NONE-target) templates are the occasional extra, not the bulk
    weights = [(rng.random() + 0.15) * (1.0 if t.needs_target else 0.3) for t in templates]
    names = Names(rng)
    science: list[str] = []
    backgrounds: dict[str, str] = {}
    labeller = Labeller(rng)
    styles = _label_styles(rng, templates)
    blank_rate = rng.choices([0.0, 0.15, 1.0], weights=[60, 25, 15])[0]
    bkg_rate = 0.0 if blank_rate == 1.0 else rng.choices([0.0, 0.25, 0.5], weights=[60, 25, 15])[0]
    new_rate = rng.choice([1.0, 0.6, 0.3, 0.15, 0.05, 0.0])
    stay_rate = rng.choice([0.3, 0.6, 0.85])

    def pick_target() -> str:
        if not science or (len(science) < MAX_SCIENCE_TARGETS and rng.random() < new_rate):
            science.append(names.new())
            return science[-1]
        if rng.random() < stay_rate:
            return science[-1]
        return rng.choice(science)

    def label_for(template: Template, target: str | None, pair: bool = False) -> str:
        if not pair and rng.random() < blank_rate:
            return ""
        return labeller.unique(template, target, _base_label(rng, template, styles, pair))

    units: list[list[Row]] = []
    remaining = rows
    while remaining > 0:
        template = rng.choices(templates, weights=weights)[0]
        if not template.needs_target:
            units.append([Row(template, None, label_for(template, None))])
            remaining -= 1
            continue
        target = pick_target()
        if template.background_obs and remaining >= 2 and rng.random() < bkg_rate and len(target) <= 27:
            bkg = backgrounds.get(target)
            if bkg is None and names.add(f"{target}-BKG"):
                bkg = backgrounds[target] = f"{target}-BKG"
            if bkg is not None:
                base = _base_label(rng, template, styles, background_pair=True)
                if base:
                    units.append(
                        [
                            Row(template, target, labeller.unique(template, target, base)),
                            Row(template, bkg, labeller.unique(template, bkg, f"{base} BKG"), background=True),
                        ]
                    )
                    remaining -= 2
                    continue
        units.append([Row(template, target, label_for(template, target))])
        remaining -= 1
    return units, science


_STEP_STYLES = ["Visit {k}", "Epoch {k}", "Iteration {k}", "Part {k}", "Block {k}", "Sequence {k}", "Observation set {k}"]
_STEP_NAMES = ["Initial setup", "Main survey", "Calibrators", "Follow-up", "Deep field", "Wide field", "Reference stars",
               "Monitoring", "Rehearsal", "Pilot", "Primary targets", "Secondary targets", "Mosaic", "Contingency"]
_INTERNAL_FOLDERS = ["Internal calibrations", "Calibration exposures", "Internal exposures"]


def _arrange(rng: random.Random, units: list[list[Row]]) -> list[list[Row]]:
    """Give observation numbers and folders; return the units in table order."""
    count = sum(len(u) for u in units)
    # numbers: unique, contiguous or with gaps (withdrawn observations), never
    # inside a unit, ascending in creation order; <= 999 when count allows
    order = list(units)
    if rng.random() < 0.15:  # numbered in another order than listed
        rng.shuffle(order)
    room = max(0, 999 - count) if count <= 999 else count
    start, gaps = 1, [0] * len(order)
    if rng.random() < 0.5:
        budget = min(room, rng.randint(1, max(1, count // 3)))
        for _ in range(budget):
            gaps[rng.randrange(len(order))] += 1
    elif rng.random() < 0.2 and room:
        start += rng.randint(0, min(room, 200))
    number = start
    for gap, unit in zip(gaps, order):
        number += gap
        for row in unit:
            row.number = number
            number += 1

    style = rng.choices(["none", "target", "step", "template"], weights=[30, 30, 25, 15])[0]
    if style == "none":
        return units
    if style == "target":
        groups: dict[str, list[list[Row]]] = {}
        internal = rng.choice(_INTERNAL_FOLDERS)
        for unit in units:
            key = unit[0].target if unit[0].target is not None else internal
            groups.setdefault(key, []).append(unit)
        form = rng.choice(["{t}", "{t}", "{t}", "{t} field", "Observations of {t}"])
        result = []
        for key, members in groups.items():
            name = key if key == internal else form.format(t=key)
            members[0][0].folder = name
            result += members
        return result
    if style == "template":
        groups = {}
        for unit in units:
            groups.setdefault(unit[0].template.name, []).append(unit)
        suffix = rng.choice(["", "", " observations", " sequence"])
        result = []
        for key, members in groups.items():
            members[0][0].folder = key + suffix
            result += members
        return result
    # named steps: consecutive chunks of units, never splitting a unit
    chunks = rng.randint(1, max(1, min(len(units), max(2, count // 4), 60)))
    cuts = sorted(rng.sample(range(1, len(units)), chunks - 1)) if chunks > 1 else []
    if chunks <= len(_STEP_NAMES) and rng.random() < 0.4:
        names = rng.sample(_STEP_NAMES, chunks)
    else:
        pattern = rng.choice(_STEP_STYLES)
        names = [pattern.format(k=k) for k in range(1, chunks + 1)]
    for name, start in zip(names, [0] + cuts):
        units[start][0].folder = name
    return units


# ---------------------------------------------------------------------------
# Prose

_INSTRUMENT_PROSE = {
    "MIRI": "MIRI", "NIRCam": "NIRCam", "NIRSpec": "NIRSpec", "NIRISS": "NIRISS", "FGS": "FGS",
    "OBSERVATORY": "wavefront sensing and control",
}


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _prose(rng: random.Random, program: Program, rows: list[Row]) -> tuple[str, str]:
    used_templates = list(dict.fromkeys(r.template.name for r in rows))
    instruments = list(dict.fromkeys(_INSTRUMENT_PROSE.get(r.template.instrument, r.template.instrument) for r in rows))
    targets = list(dict.fromkeys(r.target for r in rows if r.target is not None and not r.background))
    has_bkg = any(r.background for r in rows)
    subject = program.topic or program.title
    ptype = program.proposal_type
    if ptype in ("GO", "GTO", "ERS", "DD", "SURVEY"):
        opening = rng.choice([
            f"This program uses {_join(instruments)} to study {subject}.",
            f"We propose {_join(instruments)} observations aimed at {subject}.",
            f"This {ptype} program obtains {_join(instruments)} data for a study of {subject}.",
        ])
        middle = rng.choice([
            "The observations measure the spectral energy distributions and resolve the structure of each source.",
            "The data will constrain physical conditions, composition and variability on the relevant time scales.",
            "Together the modes cover the full near- and mid-infrared range needed to separate the competing models.",
        ])
        closing = rng.choice([
            "All data will be made available to the community through MAST.",
            "The program is designed to be efficient and to leave a legacy data set for future studies.",
            "",
        ])
    elif ptype.startswith("COM"):
        opening = f"Commissioning activity that verifies {_join(instruments)} performance for {subject}."
        middle = "The results feed the operations and calibration plans for the first science cycle."
        closing = ""
    elif ptype == "ENG":
        opening = f"Engineering program that exercises {_join(instruments)} for {subject}."
        middle = "It checks that the hardware and flight software behave as expected after the last update."
        closing = ""
    else:
        opening = f"This calibration program obtains {_join(instruments)} observations for {subject}."
        middle = "The results update the reference files used by the calibration pipeline for the affected modes."
        closing = rng.choice(["", "This calibration program may change in response to system developments."])
    abstract = " ".join(s for s in (opening, middle, closing) if s)

    n = len(targets)
    target_words = "no external target" if n == 0 else (f"one target ({targets[0]})" if n == 1 else f"{n} targets")
    description = (
        f"{len(rows)} observations of {target_words} with {_join(used_templates)}."
    )
    if has_bkg:
        description += " Dedicated background observations follow the science observations they belong to."
    if any(r.target is None for r in rows):
        description += " Internal exposures are taken without a target."
    description += " " + rng.choice([
        "Observations are grouped so that related visits are scheduled together.",
        "No special scheduling requirements are needed.",
        "Timing constraints are set where the science requires them.",
    ])
    return abstract, description


# ---------------------------------------------------------------------------
# Assembly


def _number_targets(rng: random.Random, rows: list[Row]) -> dict[str, int]:
    names = list(dict.fromkeys(r.target for r in rows if r.target is not None))
    count = len(names)
    if count > MAX_TARGET_NUMBER:  # cannot happen with MAX_SCIENCE_TARGETS
        raise ValueError(f"{count} targets cannot be numbered 1-{MAX_TARGET_NUMBER}")
    style = rng.random()
    if style < 0.6:
        numbers = list(range(1, count + 1))
    else:
        upper = min(MAX_TARGET_NUMBER, count + rng.randint(1, max(2, count)))
        numbers = rng.sample(range(1, upper + 1), count)
        if style < 0.85:
            numbers.sort()
    return dict(zip(names, numbers))


def _table(rows: list[Row], numbers: dict[str, int]) -> list[str]:
    cells = [list(COLUMNS)]
    for row in rows:
        target = "NONE" if row.target is None else f"({numbers[row.target]}) {row.target}"
        cells.append([row.folder, str(row.number), row.label, row.template.name, target])
    widths = [max(10, max(len(line[i]) for line in cells) + 1) for i in range(len(COLUMNS))]

    def render(values: list[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths)) + " |"

    lines = [render(cells[0]), "| " + " | ".join(":" + "-" * (w - 1) for w in widths) + " |"]
    lines += [render(values) for values in cells[1:]]
    return lines


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def generate_document(rng: random.Random, rows: int, *, program_id: int | None = None, vocab: Vocab | None = None) -> str:
    """One program document with exactly ``rows`` observations.

    Only ``rng`` supplies randomness.  ``program_id`` defaults to a 4-digit
    id drawn from ``rng``; ``vocab`` defaults to ``jwst-vocab.yaml``.
    """
    if rows < 1:
        raise ValueError("a document needs at least one observation")
    vocab = vocab or load_vocab()
    if program_id is None:
        program_id = rng.randint(1000, 9999)
    program = _choose_program(rng, vocab)
    units, _ = _make_units(rng, program, rows)
    table_rows = [row for unit in _arrange(rng, units) for row in unit]
    numbers = _number_targets(rng, table_rows)
    abstract, description = _prose(rng, program, table_rows)

    lines = [
        "---",
        f"id: {program_id}",
        f"proposal_type: {_quoted(program.proposal_type)}",
        f"cycle: {_quoted(program.cycle)}",
        f"exclusive_access_period_months: {_quoted(program.eap)}",
        'instrument_mode: ""',
        'pi_and_co_pis: ""',
        'prime_parallel_time_hours: ""',
        f"program_title: {_quoted(program.title)}",
        'type: ""',
        "---",
        f"# {program_id} - {program.title}",
        URL.format(id=program_id),
        "## OBSERVATIONS TABLE",
        "### 1. List of Labels, Observing Templates, and Science Targets",
        "",
        "**OBSERVATIONS**",
        "",
        *_table(table_rows, numbers),
        "",
        "---",
        "",
        "## ABSTRACT",
        "",
        abstract,
        "",
        "---",
        "",
        "## OBSERVING DESCRIPTION",
        "",
        description,
    ]
    return "\n".join(lines)  # the seeds have no newline after the last line


def last_rows(text: str, count: int) -> str:
    """The document ``text`` (as :func:`generate_document` writes it) with
    only the last ``count`` rows of its table: the same kind of rows, with
    the same share of findings, in a smaller table (the scaling benchmark
    compares the per-row cost of a long table with that of its own tail).
    The first row kept names its folder, as the first row of a table must."""
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("| Folder "))
    end = header + 2
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    rows = lines[header + 2:end]
    if count < 1 or count > len(rows):
        raise ValueError(f"the table has {len(rows)} rows; cannot keep {count}")
    kept = rows[len(rows) - count:]
    folder = ""
    for row in rows[: len(rows) - count + 1]:
        named = row.split("|")[1].strip()
        folder = named or folder
    cells = kept[0].split("|")
    cells[1] = f" {folder} "
    kept[0] = "|".join(cells)
    return "\n".join(lines[: header + 2] + kept + lines[end:])


def document_rng(seed: int | str, index: int) -> random.Random:
    """The generator of document ``index`` of a corpus (independent of its size)."""
    return random.Random(f"{seed}:{index}")


def generate_corpus(
    outdir: str | Path,
    count: int,
    seed: int | str = 1,
    min_rows: int = 5,
    max_rows: int = 200,
    rows: int | None = None,
    vocab: Vocab | None = None,
) -> list[Path]:
    """Write ``count`` documents named ``ID.txt`` into ``outdir``.

    Row counts are drawn from a triangular distribution between ``min_rows``
    and ``max_rows`` with its mode at ``min_rows`` (most real programs are
    small), unless ``rows`` fixes them.  Program ids are unique in a corpus.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    if rows is None and not 1 <= min_rows <= max_rows:
        raise ValueError("need 1 <= min-rows <= max-rows")
    vocab = vocab or load_vocab()
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    master = random.Random(seed)
    id_space = range(1000, 10000) if count <= 9000 else range(1000, 100000)
    ids = master.sample(id_space, count)
    paths = []
    for index, program_id in enumerate(ids):
        rng = document_rng(seed, index)
        n = rows if rows is not None else round(rng.triangular(min_rows, max_rows, min_rows))
        path = out / f"{program_id}.txt"
        path.write_text(generate_document(rng, n, program_id=program_id, vocab=vocab), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate realistic JWST program documents (deterministic).")
    parser.add_argument("outdir", help="folder to write ID.txt files into (created if missing)")
    parser.add_argument("--count", type=int, default=1000, help="number of documents (default: 1000)")
    parser.add_argument("--seed", default="1", help="seed (default: 1); the same seed gives the same files")
    parser.add_argument("--min-rows", type=int, default=5, help="fewest observations per document (default: 5)")
    parser.add_argument("--max-rows", type=int, default=200, help="most observations per document (default: 200)")
    parser.add_argument("--rows", type=int, help="exactly this many observations in every document (above 999 for speed tests only)")
    parser.add_argument("--vocab", default=str(DEFAULT_VOCAB), help=f"jwst-vocab.yaml to take templates from (default: {DEFAULT_VOCAB})")
    args = parser.parse_args(argv)
    if args.rows is not None and args.rows < 1:
        parser.error("--rows must be at least 1")
    seed: int | str = int(args.seed) if args.seed.lstrip("-").isdigit() else args.seed
    try:
        vocab = load_vocab(args.vocab)
        paths = generate_corpus(args.outdir, args.count, seed, args.min_rows, args.max_rows, args.rows, vocab)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"generate.py: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(paths)} document(s) to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
