"""Plain classes for the records the engine defines at start-up, instead of ``@dataclass``.

``@dataclass`` writes each class's ``__init__``, ``__repr__`` and ``__eq__`` (and ``__hash__``,
``__setattr__`` and ``__delattr__`` when frozen) as source text and compiles it with ``exec``
while the module is imported: 0.3–1 ms a class, 4 ms for a frozen one of 33 fields, and about a
fifth of a text audit's whole run for the forty records on its path. A ``Record`` writes its own
``__init__`` (compiled once, into the .pyc); its annotations, in order, are its fields. Equality,
hashing, ``repr`` and frozen-ness are those the dataclass gave it, worked out from them (tests in
tests/test_record.py hold them to the dataclass's). Instances keep a ``__dict__`` as before, so
copying, pickling (--jobs) and cached properties are unchanged.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Self


class Record:
    """Equality (same class, equal fields in order) and repr by ``_fields``; unhashable, like a
    dataclass with ``eq=True`` that is not frozen."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("__annotations__")
        if own and "_fields" not in cls.__dict__:
            cls._fields = tuple(own)  # the annotated fields, in order (no second list to keep)
        f = cls._fields
        # The fields as a tuple, read in C: equality and hashing as fast as the dataclass's.
        # (An attrgetter is not a method: it is called as self._key(self).)
        cls._key = attrgetter(*f) if len(f) > 1 else lambda self: tuple(getattr(self, n) for n in f)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key(self) == other._key(other)  # type: ignore[attr-defined]
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{self.__class__.__qualname__}({fields})"

    def shallow_copy(self) -> Self:
        """``copy.copy(self)``: a new record of the same class sharing this one's attributes (all
        in its ``__dict__``), without the copy module (1.5M instructions of a json run)."""
        new = object.__new__(self.__class__)
        new.__dict__.update(self.__dict__)
        return new

    def replace(self, **changes: object) -> Record:
        """A new record of the same class with `changes` to its fields (``dataclasses.replace``:
        the other fields' values are shared, not copied)."""
        values = {f: getattr(self, f) for f in self._fields}
        values.update(changes)
        return self.__class__(**values)


class FrozenRecord(Record):
    """A ``Record`` whose fields cannot be assigned after ``__init__`` (which sets them through
    ``self.__dict__``), hashed by its fields: ``@dataclass(frozen=True)``."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._key(self))  # type: ignore[attr-defined]

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError  # here: the text path imports no dataclasses

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")
