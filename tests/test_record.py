"""auditor.record: the plain classes that replaced dataclasses on the start-up path behave as the
dataclasses did (equality, hashing, frozen-ness, repr, pickling and copying), and every record
lists exactly the fields its annotations and its __init__ name."""

from __future__ import annotations

import copy
import importlib
import inspect
import pickle
import pkgutil
from dataclasses import FrozenInstanceError, dataclass, field
from decimal import Decimal

import pytest

import auditor
from auditor.arith import Interval
from auditor.record import FrozenRecord, Record


class Pair(Record):
    """A record as the package writes one."""

    a: int
    b: list[int]

    _fields = ("a", "b")

    def __init__(self, a: int, b: list[int] | None = None) -> None:
        self.a = a
        self.b = [] if b is None else b


@dataclass
class PairDC:
    """The dataclass it stands for."""

    a: int
    b: list[int] = field(default_factory=list)


class Point(FrozenRecord):
    """A frozen record."""

    x: Decimal
    y: Decimal | None

    _fields = ("x", "y")

    def __init__(self, x: Decimal, y: Decimal | None = None) -> None:
        self.__dict__.update(x=x, y=y)


@dataclass(frozen=True)
class PointDC:
    """The frozen dataclass it stands for."""

    x: Decimal
    y: Decimal | None = None


def test_equality_and_hashing_are_the_dataclasses() -> None:
    nan = Decimal("NaN")
    for rec, dc in ((Pair, PairDC), (Point, PointDC)):
        assert (rec(1) == rec(1)) is (dc(1) == dc(1)) is True
        assert (rec(1) == rec(2)) is (dc(1) == dc(2)) is False
        assert (rec(1) != rec(2)) is (dc(1) != dc(2)) is True
        assert (rec(1) == (1,)) is (dc(1) == (1,)) is False  # another class is never equal
        assert (rec(nan) == rec(nan)) is (dc(nan) == dc(nan))  # fields compared as tuples
    with pytest.raises(TypeError):
        hash(Pair(1))  # eq without frozen: unhashable, as the dataclass
    with pytest.raises(TypeError):
        hash(PairDC(1))
    assert hash(Point(Decimal(1), None)) == hash(PointDC(Decimal(1), None))
    assert len({Point(Decimal(1)), Point(Decimal(1)), Point(Decimal(2))}) == 2


def test_frozen_records_refuse_assignment() -> None:
    p = Point(Decimal(1))
    with pytest.raises(FrozenInstanceError):
        p.x = Decimal(2)  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del p.y
    with pytest.raises(FrozenInstanceError):
        Interval.exact(Decimal(1)).lo = Decimal(0)  # type: ignore[misc]
    assert p.x == Decimal(1)


def test_repr_is_the_dataclasses_with_the_class_name() -> None:
    assert repr(Pair(1, [2])).replace("Pair(", "PairDC(") == repr(PairDC(1, [2]))
    assert repr(Point(Decimal("1.5"))).replace("Point(", "PointDC(") == repr(
        PointDC(Decimal("1.5"))
    )


def test_pickling_and_copying_keep_the_fields() -> None:
    for obj in (Pair(1, [2]), Point(Decimal("1.5"), Decimal(2)), Interval.stated(Decimal(3), 1)):
        for clone in (pickle.loads(pickle.dumps(obj)), copy.copy(obj), copy.deepcopy(obj)):
            assert clone == obj and clone is not obj
            assert type(clone) is type(obj)


def _records() -> list[type[Record]]:
    for m in pkgutil.walk_packages(auditor.__path__, "auditor."):
        if m.name == "auditor.__main__":  # runs the command line
            continue
        try:
            importlib.import_module(m.name)
        except ImportError:  # an optional extra that is not installed
            continue
    seen: list[type[Record]] = []
    todo = [Record]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("auditor.") and sub is not FrozenRecord:
                seen.append(sub)
    return seen


def test_every_record_lists_its_annotated_fields_and_takes_them_in_order() -> None:
    """A field added to a record's annotations but not to its __init__ (or the reverse) would
    not be set, or not compare: the annotations and the __init__ must name the same fields."""
    records = _records()
    assert len(records) >= 30, [r.__name__ for r in records]
    for cls in records:
        annotated = tuple(cls.__dict__.get("__annotations__", {}))
        params = tuple(inspect.signature(cls.__init__).parameters)[1:]
        assert cls._fields == annotated == params, cls.__qualname__


def test_shallow_copy_is_copy_copy() -> None:
    """Record.shallow_copy (config.merge, payload.trim) is copy.copy without the copy module: a
    new record of the class, its attributes (extra ones too) shared, not copied."""
    import copy

    from auditor.config import Settings
    from auditor.model import Document

    s = Settings()
    s.extra = ["x"]  # an attribute beyond the fields
    for r in (s, Document("a.txt", "原文", "原文")):
        c, ref = r.shallow_copy(), copy.copy(r)
        assert type(c) is type(r) and c is not r
        assert c == ref == r and vars(c) == vars(ref)
        assert all(vars(c)[k] is v for k, v in vars(r).items())
    c = s.shallow_copy()
    c.select = ["T001"]
    assert s.select == [] and c.extra is s.extra
