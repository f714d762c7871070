"""Records (dataclass-like value classes) declared without :mod:`dataclasses`.

Why not dataclasses: importing :mod:`dataclasses` loads :mod:`inspect`
(and with it ``ast``, ``dis``, ``tokenize``...), ~10 ms, and each
``@dataclass(frozen=True)`` writes the source of six methods, compiles it
and (with ``slots=True``) builds the class twice: ~0.5-0.8 ms a class,
paid on every run, since no ``.pyc`` keeps it.  proglint declares a few
dozen value classes on the path of every check run, so dataclasses were a
third of a pre-commit run's start-up.  A record is declared the same way
and costs one small compiled ``__init__``::

    class Span(Record):
        line: int
        column: int
        end: int | None = None
        notes: dict = field(default_factory=dict, compare=False, repr=False)

    class Tally(Record, frozen=False):   # mutable, as @dataclass (unhashable)
        count: int = 0

What a record gets, as a dataclass would: an ``__init__`` taking the fields
in order (``field(init=False)`` ones left out, then ``__post_init__``
called if the class has one), ``__slots__``, equality and hash by the
compared fields (only between instances of one class; mutable records are
unhashable unless they set ``__hash__``), the dataclass ``repr``, no
assignment after ``__init__`` (frozen, the default), pickling by fields
(the job runner sends records between processes; unpickling does not run
``__init__`` again), :func:`replace` and :func:`field_names`.

Older records declare ``__slots__`` and write their own ``__init__``
(positional, one parameter per slot); they get the same equality, hash,
repr, pickling and :func:`replace`.
"""

from __future__ import annotations

from operator import attrgetter

_set = object.__setattr__


class FrozenRecordError(AttributeError):
    """Assigning to a field of a record (as ``dataclasses.FrozenInstanceError``)."""


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self):
        return "MISSING"


MISSING = _Missing()


class Field:
    """How one field of a record is set and used (see :func:`field`)."""

    __slots__ = ("default", "default_factory", "init", "repr", "compare")

    def __init__(self, default=MISSING, default_factory=MISSING, init=True, repr=True, compare=True):
        self.default, self.default_factory = default, default_factory
        self.init, self.repr, self.compare = init, repr, compare


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, compare=True) -> Field:
    """As :func:`dataclasses.field`: a default, a factory of defaults, or a
    field left out of ``__init__`` / ``repr`` / comparisons."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("a field has a default or a default_factory, not both")
    return Field(default, default_factory, init, repr, compare)


def _getter(names: tuple[str, ...]):
    """What equality and hash compare: a C-level attribute getter."""
    if not names:
        return lambda record: ()
    return attrgetter(*names)


class _RecordType(type):
    """Builds each record class once, when its module is imported: reads the
    annotated fields, makes them ``__slots__`` and writes ``__init__``."""

    def __new__(mcls, name, bases, namespace, frozen=None, **kwargs):
        if "__slots__" in namespace:  # written by hand: the slots are the fields
            cls = super().__new__(mcls, name, bases, namespace, **kwargs)
            names = tuple(namespace["__slots__"])
            cls._names = cls._init_names = cls._compared = cls._shown = names
            cls._key = _getter(names)
            return cls
        if "__annotations__" not in namespace and bases != (Record,):
            # A subclass that declares no fields is an ordinary subclass:
            # it keeps its base's fields and ``__init__`` and has a
            # ``__dict__`` for attributes of its own (the language server's
            # tracking views are such subclasses).
            return super().__new__(mcls, name, bases, namespace, **kwargs)
        specs: dict[str, Field] = {}
        for base in reversed(bases):
            specs.update(getattr(base, "_specs", {}))
        own = []
        for field_name in namespace.get("__annotations__", {}):
            value = namespace.pop(field_name, MISSING)
            specs[field_name] = value if isinstance(value, Field) else Field(default=value)
            own.append(field_name)
        if frozen is None:
            frozen = all(getattr(base, "_frozen", True) for base in bases)
        namespace["__slots__"] = tuple(own)
        if not frozen:
            namespace.setdefault("__setattr__", object.__setattr__)
            namespace.setdefault("__delattr__", object.__delattr__)
            namespace.setdefault("__hash__", None)
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls._frozen = frozen
        cls._specs = specs
        cls._names = tuple(specs)
        cls._init_names = tuple(n for n, s in specs.items() if s.init)
        cls._compared = tuple(n for n, s in specs.items() if s.compare)
        cls._shown = tuple(n for n, s in specs.items() if s.repr)
        cls._key = _getter(cls._compared)
        cls.__init__ = _make_init(cls, specs, frozen)
        cls.__match_args__ = cls._init_names
        return cls


def _make_init(cls, specs: dict[str, Field], frozen: bool):
    """The ``__init__`` a dataclass would write, compiled from its source."""
    scope = {"_set": _set, "MISSING": MISSING}
    parameters, body, seen_default = [], [], False
    for index, (name, spec) in enumerate(specs.items()):
        value = name
        if spec.default_factory is not MISSING:
            scope[f"_f{index}"] = spec.default_factory
            value = f"_f{index}()" if not spec.init else f"_f{index}() if {name} is MISSING else {name}"
            default = "MISSING"
        elif spec.default is not MISSING:
            scope[f"_d{index}"] = spec.default
            value = name if spec.init else f"_d{index}"
            default = f"_d{index}"
        else:
            default = None
            if not spec.init:
                continue  # set by __post_init__
        if spec.init:
            if default is None and seen_default:
                raise TypeError(f"{cls.__name__}: field {name!r} without a default follows one with a default")
            seen_default = seen_default or default is not None
            parameters.append(name if default is None else f"{name}={default}")
        body.append(f"    _set(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


def _rebuild(cls, values):
    """Unpickling: the fields as they were, without running ``__init__``."""
    record = object.__new__(cls)
    for name, value in zip(cls._names, values):
        if value is not MISSING:
            _set(record, name, value)
    return record


class Record(metaclass=_RecordType):
    __slots__ = ()

    def _fields(self) -> tuple:
        return tuple([getattr(self, name) for name in self._names])

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            key = self._key
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self, name, value):
        raise FrozenRecordError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise FrozenRecordError(f"cannot delete field {name!r}")

    def __reduce__(self):
        return (_rebuild, (self.__class__, tuple([getattr(self, name, MISSING) for name in self._names])))

    def _replace(self, **changes):
        """A copy with some fields changed (``dataclasses.replace``)."""
        return replace(self, **changes)


def replace(record: Record, /, **changes):
    """A copy of ``record`` with some fields changed, made through its
    ``__init__`` (as :func:`dataclasses.replace`: fields left out of
    ``__init__`` are set afresh, not copied)."""
    for name in record._init_names:
        if name not in changes:
            changes[name] = getattr(record, name)
    return record.__class__(**changes)


def field_names(cls) -> tuple[str, ...]:
    """Every field of a record class, in order."""
    return cls._names
