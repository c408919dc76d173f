"""Interval arithmetic: rounding is never an error, a real difference always is."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from auditor.arith import Interval, fmt, ratio_percent, round_half_up, total


def test_stated_zero_is_never_below_zero():
    assert Interval.stated(D(0), 0).lo == 0 and Interval.stated(D(0), 0).hi == D("0.5")
    assert Interval.stated(D("-0.0"), 1).lo == D("-0.05")  # written with its sign: as written


def test_stated_interval_is_half_a_unit_of_the_last_place():
    iv = Interval.stated(D("9405.50"), 2)
    assert (iv.lo, iv.hi) == (D("9405.495"), D("9405.505"))


def test_half_open_ends_do_not_meet():
    # 1000 stands for [999.5, 1000.5) and 1001 for [1000.5, 1001.5): different figures
    assert not Interval.stated(D(1000), 0).overlaps(Interval.stated(D(1001), 0))
    assert Interval.stated(D(1000), 0).overlaps(Interval.exact(D("1000.4")))


def test_sum_of_rounded_parts_matches_rounded_total():
    parts = [Interval.stated(D("33.33"), 2)] * 3
    assert total(parts).overlaps(Interval.stated(D("100.00"), 2))
    assert not total(parts).overlaps(Interval.stated(D("100.10"), 2))


def test_ratio_undefined_for_zero_divisor():
    assert ratio_percent(Interval.exact(D(1)), Interval.stated(D(0), 0)) is None


def test_round_half_up_not_bankers():
    assert round_half_up(D("2.5"), 0) == D(3)
    assert round_half_up(D("0.125"), 2) == D("0.13")
    assert fmt(D("840.550"), 2) == "840.55"


@given(
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False),
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False),
)
def test_any_correctly_rounded_sum_is_consistent(a, b):
    exact = a + b
    stated = round_half_up(exact, 1)
    computed = Interval.exact(a) + Interval.exact(b)
    assert computed.overlaps(Interval.stated(stated, 1))


@given(st.decimals(min_value=1, max_value=10**6, places=2, allow_nan=False))
def test_a_change_in_the_last_digit_is_caught(v):
    assert not Interval.stated(v, 2).overlaps(Interval.stated(v + D("0.01"), 2))


def test_product_of_intervals_takes_every_corner():
    p = Interval(D(-2), D(3), D(1)) * Interval(D(4), D(5), D(4))
    assert (p.lo, p.hi, p.point) == (D(-10), D(15), D(4))
