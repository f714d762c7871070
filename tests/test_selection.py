"""Selector precedence, table-driven as flake8 tests its decision engine."""

import pytest

from proglint.config import Config, Layer
from proglint.diagnostic import Severity
from proglint.meta import CheckInfo

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
TARGET = CheckInfo("PL301", "target-number-conflict", E, "s")
HOUSE = CheckInfo("PL311", "target-numbering-order", I, "s", enabled=False)


@pytest.mark.parametrize(
    "layers, info, expected",
    [
        ((), TARGET, True),  # default on
        ((), HOUSE, False),  # default off
        ((Layer(ignore=("PL3",)),), TARGET, False),
        ((Layer(ignore=("PL3",), extend_select=("PL301",)),), TARGET, True),  # code beats prefix
        ((Layer(ignore=("PL301",), extend_select=("PL3",)),), TARGET, False),
        ((Layer(ignore=("PL30",), extend_select=("PL3",)),), TARGET, False),  # longer prefix wins
        ((Layer(ignore=("PL3",), extend_select=("PL30",)),), TARGET, True),
        ((Layer(ignore=("PL301",), extend_select=("target-number-conflict",)),), TARGET, False),  # tie: ignore wins
        ((Layer(select=("PL2",)),), TARGET, False),  # select replaces the default set
        ((Layer(select=("PL3",)),), HOUSE, True),  # selecting a group turns on its off-by-default rules
        ((Layer(select=("ALL",)),), HOUSE, True),
        ((Layer(select=("ALL",), ignore=("PL",)),), TARGET, False),
        ((Layer(extend_select=("target-numbering-order",)),), HOUSE, True),
        # a later layer (the command line) overrides the config file
        ((Layer(ignore=("PL301",)), Layer(select=("PL301",))), TARGET, True),
        ((Layer(select=("PL301",)), Layer(ignore=("PL3",))), TARGET, False),
        ((Layer(ignore=("PL3",)), Layer(extend_select=("PL2",))), TARGET, False),  # untouched by the later layer
    ],
)
def test_selection(layers, info, expected):
    assert Config(layers=layers).is_enabled(info) is expected


@pytest.mark.parametrize(
    "severity, expected",
    [
        ({}, E),
        ({"PL3": "warning"}, W),
        ({"PL3": "warning", "PL301": "info"}, I),
        ({"PL301": "info", "PL3": "warning"}, I),
        ({"target-number-conflict": "off"}, None),
        ({"ALL": "info", "PL30": "error"}, E),
    ],
)
def test_severity_most_specific_wins(severity, expected):
    assert Config(severity=severity).severity_of(TARGET) is expected


def test_per_file_ignores_match_relative_paths_and_names(tmp_path):
    config = Config(root=tmp_path, per_file_ignores=(("drafts/*", ("PL3",)), ("legacy.txt", ("PL301",))))
    assert config.severity_of(TARGET, str(tmp_path / "drafts" / "a.txt")) is None
    assert config.severity_of(TARGET, str(tmp_path / "other" / "legacy.txt")) is None
    assert config.severity_of(TARGET, str(tmp_path / "final" / "a.txt")) is E
