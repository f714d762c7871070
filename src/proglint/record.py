"""Immutable records declared without :func:`dataclasses.dataclass`.

A frozen dataclass writes the source of its ``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__`` and ``__delattr__`` and compiles
it when its module is imported (and ``slots=True`` builds the class a
second time): ~0.5 ms a class, paid by every run, since no ``.pyc`` keeps
it.  The records on the path of every check run (the document model, the
diagnostic's parts, the job runner's messages) are plain classes instead:
each declares its fields in ``__slots__`` and writes its ``__init__``, and
:class:`Record` gives them, once for all, what a frozen dataclass would:
equality and hash by fields (only between instances of one class), the
dataclass ``repr``, no assignment after ``__init__``, and pickling by
fields (the job runner sends them between processes).

Classes that other code treats as dataclasses (``dataclasses.replace``,
``dataclasses.fields``) stay dataclasses.
"""

from __future__ import annotations

_set = object.__setattr__


class FrozenRecordError(AttributeError):
    """Assigning to a field of a record (as ``dataclasses.FrozenInstanceError``)."""


class Record:
    __slots__ = ()

    def _fields(self) -> tuple:
        return tuple([getattr(self, name) for name in self.__slots__])

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._fields() == other._fields()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self, name, value):
        raise FrozenRecordError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenRecordError(f"cannot delete field {name!r}")

    def __reduce__(self):
        return (self.__class__, self._fields())

    def _replace(self, **changes):
        """A copy with some fields changed (``dataclasses.replace``)."""
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        return self.__class__(**values)
