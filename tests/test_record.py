"""proglint.record: declared records behave as the dataclasses they replace;
proglint.api's stand-ins for inspect agree with inspect."""

from __future__ import annotations

import copy
import functools
import inspect
import pickle

import pytest
from hypothesis import given, strategies as st

from proglint.api import _docstring, _is_generator_function
from proglint.record import FrozenRecordError, Record, field, field_names, replace


class Point(Record):
    x: int
    y: int = 0
    tags: tuple = field(default=())
    notes: dict = field(default_factory=dict, compare=False, repr=False)


class Derived(Record):
    text: str
    length: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "length", len(self.text))


class Tally(Record, frozen=False):
    count: int = 0
    seen: set = field(default_factory=set)


class View(Point):
    """Declares no fields: an ordinary subclass with a __dict__."""


def test_init_defaults_and_factories():
    p = Point(1)
    assert (p.x, p.y, p.tags, p.notes) == (1, 0, (), {})
    assert Point(1).notes is not p.notes  # a fresh dict each time
    assert Point(2, y=3, tags=("a",)).y == 3
    with pytest.raises(TypeError):
        Point()
    with pytest.raises(TypeError):
        Point(1, notes={}, bogus=1)


def test_equality_hash_and_repr_use_the_compared_and_shown_fields():
    assert Point(1, 2) == Point(1, 2, notes={"a": 1})
    assert Point(1, 2) != Point(1, 3)
    assert hash(Point(1, 2)) == hash(Point(1, 2, notes={"b": 2}))
    assert Point(1, 2).__eq__((1, 2)) is NotImplemented
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=())"
    assert repr(Derived("abc")) == "Derived(text='abc')"


def test_frozen_records_refuse_assignment_and_mutable_ones_are_unhashable():
    p = Point(1)
    with pytest.raises(FrozenRecordError):
        p.x = 2
    with pytest.raises(FrozenRecordError):
        del p.x
    t = Tally()
    t.count += 1
    t.seen.add("a")
    assert (t.count, t.seen) == (1, {"a"})
    assert Tally(1, {"a"}) == t
    with pytest.raises(TypeError):
        hash(t)
    assert not hasattr(p, "__dict__")


def test_init_false_fields_come_from_post_init_and_replace_sets_them_afresh():
    d = Derived("abc")
    assert d.length == 3
    assert replace(d, text="hello").length == 5
    with pytest.raises(TypeError):
        Derived("abc", 3)


def test_replace_copy_and_pickle_keep_every_field():
    p = Point(1, 2, ("t",), {"k": 1})
    assert replace(p, y=5) == Point(1, 5, ("t",))
    assert replace(p, y=5).notes == {"k": 1}
    for clone in (copy.copy(p), pickle.loads(pickle.dumps(p))):
        assert clone == p and clone.notes == {"k": 1}
    d = pickle.loads(pickle.dumps(Derived("abcd")))
    assert (d.text, d.length) == ("abcd", 4)


def test_field_names_and_a_field_without_default_after_one_with_is_refused():
    assert field_names(Point) == ("x", "y", "tags", "notes")
    assert field_names(Derived) == ("text", "length")
    with pytest.raises(TypeError, match="without a default follows"):
        class Bad(Record):
            a: int = 1
            b: int


def test_a_subclass_without_fields_is_ordinary():
    v = View(1, 2)
    v.__dict__["extra"] = 1
    assert v.extra == 1 and v.y == 2 and field_names(View) == field_names(Point)


def example(a, b):
    """  First line.

        Indented more.
      Less.

    """
    yield a


def no_doc():
    pass


def one_line():
    "Only this."
    return 1


@pytest.mark.parametrize("function", [example, no_doc, one_line, functools.partial(example, 1), functools.partial(one_line)])
def test_rule_registration_reads_functions_as_inspect_does(function):
    assert _is_generator_function(function) == inspect.isgeneratorfunction(function)
    assert _docstring(function) == (inspect.getdoc(function) or "")


@given(st.text(alphabet=" \t\nab", max_size=40))
def test_docstrings_are_cleaned_as_inspect_cleans_them(text):
    def function():
        pass

    function.__doc__ = text
    assert _docstring(function) == inspect.cleandoc(text)
