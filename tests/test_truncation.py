"""Q001: a rate or total cut off at its decimals is a note at info, never an error."""

from __future__ import annotations

from decimal import Decimal

from util import run

from auditor.arith import Interval
from auditor.checks.base import truncated


def found(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in run(text).findings]


RATE = "调整后预算数3000.00万元，实际支出2000.00万元，预算执行率{}%。"


def test_truncated_rate_is_info_not_error():
    assert found(RATE.format("66.66")) == [("Q001", "info")]


def test_rounded_rate_is_clean():
    assert found(RATE.format("66.67")) == []


def test_wrong_rate_stays_an_error():
    assert found(RATE.format("66.65")) == [("R001", "error")]
    assert found(RATE.format("65.66")) == [("R001", "error")]


def test_truncated_change_rate():
    text = "项目支出1000.00万元，比上年增加200.00万元，增长{}%。"  # 200 / 800 = 25%: exact
    assert found(text.format("25.00")) == []
    text = "项目支出3000.00万元，比上年增加1000.00万元，增长{}%。"  # 1000 / 2000 = 50%
    assert found(text.format("50.00")) == []
    text = "项目支出2600.00万元，比上年增加600.00万元，增长{}%。"  # 600 / 2000 = 30%
    assert found(text.format("29.99")) == [("R003", "error")]  # 30.00 cut off is 30.00
    text = "项目支出10000.00万元，比上年增加4000.00万元，增长{}%。"  # 4000 / 6000 = 66.666…%
    assert found(text.format("66.66")) == [("Q001", "info")]
    assert found(text.format("66.67")) == []


def test_truncated_total_is_info():
    text = "支出预算{}万元，其中：基本支出500.28万元，项目支出500.29万元。"
    assert found(text.format("1000.5")) == [("Q001", "info")]
    assert found(text.format("1000.6")) == []
    assert found(text.format("1000.4")) == [("T001", "error")]


def test_ignoring_q001_gives_no_finding_at_all():
    assert [f.rule for f in run(RATE.format("66.66"), ignore=["Q001"]).findings] == []


class _Q:
    def __init__(self, value: str, decimals: int, scale: str = "1"):
        self.value = Decimal(value)
        self.decimals = decimals
        self.scale = Decimal(scale)
        self.approx = None
        self.operator = None
        self.slack = Decimal(0)

    @property
    def base(self) -> Decimal:
        return self.value * self.scale


class _F:
    def __init__(self, q: _Q):
        self.q = q


def test_truncation_band():
    stated = _F(_Q("95.45", 2))
    assert truncated(stated, Interval(Decimal("95.457"), Decimal("95.4571")))
    assert truncated(stated, Interval(Decimal("95.44"), Decimal("95.47"), Decimal("95.457")))
    assert not truncated(stated, Interval(Decimal("95.44"), Decimal("95.47"), Decimal("95.46")))
    assert not truncated(stated, Interval(Decimal("95.461"), Decimal("95.462")))
    assert not truncated(stated, Interval(Decimal("95.449"), Decimal("95.4495")))
    negative = _F(_Q("-3.12", 2))
    assert truncated(negative, Interval(Decimal("-3.128"), Decimal("-3.127")))
