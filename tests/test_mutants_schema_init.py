"""schema/__init__.py: the names ``proglint.schema`` loads lazily (so that
``proglint rules`` does not import the engine) are the engine's own, and an
unknown name is an ordinary AttributeError.  The look-ups are made inside
the tests (not at import), so mutation testing (benchmarks/mutation.py)
sees the module's ``__getattr__`` run."""

from __future__ import annotations

import importlib

import pytest

HOMES = {
    "check": "stage",
    "SchemaConfigError": "stage",
    "load_program_schema": "stage",
    "program_schema_text": "stage",
    "program_schema_path": "stage",
    "duplicate_keys": "stage",
    "json_form": "to_json",
    "span_index": "to_json",
    "Located": "to_json",
}


@pytest.mark.parametrize("name", sorted(HOMES))
def test_each_lazy_name_is_the_one_of_its_home_module(name):
    package = importlib.import_module("proglint.schema")
    home = importlib.import_module(f"proglint.schema.{HOMES[name]}")
    assert getattr(package, name) is getattr(home, name)
    assert name in package.__all__


def test_every_listed_name_loads():
    package = importlib.import_module("proglint.schema")
    assert sorted(package.__all__) == sorted(HOMES)


@pytest.mark.parametrize("name", ["nope", "codes_of", "validate_document"])
def test_an_unknown_name_is_an_attribute_error_naming_it(name):
    package = importlib.import_module("proglint.schema")
    with pytest.raises(AttributeError, match=rf"^module 'proglint.schema' has no attribute '{name}'$"):
        getattr(package, name)
    assert not hasattr(package, name)
