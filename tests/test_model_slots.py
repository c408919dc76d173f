"""The per-figure classes have slots (memory, issue 9): they must still compare, hash, freeze,
pickle (--jobs), copy and replace as the plain dataclasses did."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from decimal import Decimal

import pytest

from auditor.model import Fact, Quantity, Related, Span
from auditor.segment import Marker, Paragraph, Sentence


def _fact() -> Fact:
    q = Quantity(Span(3, 8), "12.5万元", Decimal("12.5"), 1, "万元", "money", Decimal(10000))
    return Fact(7, q, "budget.adjusted", "调整后预算", "部门整体", "2023", 2, 1)


def test_no_instance_dict() -> None:
    for obj in (Span(1, 2), _fact(), _fact().q, Related(Span(1, 2), "合计"), Sentence(0, 1, 0),
                Paragraph(0, 1), Marker("circled", 1, 0, 1)):  # fmt: skip
        assert not hasattr(obj, "__dict__"), type(obj)


def test_span_is_frozen_and_hashable() -> None:
    s = Span(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.start = 5  # type: ignore[misc]
    assert s == Span(1, 2) and hash(s) == hash(Span(1, 2)) and {s: 1}[Span(1, 2)] == 1


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(protocol: int) -> None:
    f = _fact()
    f.use("S001")
    g = pickle.loads(pickle.dumps(f, protocol))
    assert g == f and g.used_by == ("S001",) and g.q.interval == f.q.interval
    s = pickle.loads(pickle.dumps(Span(4, 9), protocol))
    assert s == Span(4, 9) and hash(s) == hash(Span(4, 9))


def test_copy_and_replace() -> None:
    f = _fact()
    r = f.replace(scope="项目")
    assert r.scope == "项目" and r.q is f.q and r.used_by is f.used_by  # as dataclasses.replace
    assert copy.copy(f) == f and copy.deepcopy(f) == f
    assert copy.deepcopy(f).q.span == Span(3, 8) and copy.copy(Span(3, 8)) == Span(3, 8)
    a, b = _fact(), _fact()
    a.use("S001")
    a.use("T001")
    a.use("S001")
    assert a.used_by == ("S001", "T001") and not b.used_by  # a use is the figure's own
    assert f != f.replace(id=8)
