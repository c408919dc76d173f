"""Interval arithmetic: rounding is never an error, a real difference always is."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.arith import (
    Interval,
    change_of_percent,
    change_percent,
    fmt,
    ratio_percent,
    relative_percent,
    round_half_up,
    total,
)


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


_FIGURE = st.decimals(min_value=1, max_value=10**5, places=1, allow_nan=False)


@given(_FIGURE, _FIGURE, st.sampled_from([1, -1]), st.floats(0, 1), st.floats(0, 1))
def test_a_change_rate_covers_every_pair_of_values_and_no_more(c, d, sign, u, v):
    """change_of_percent is the exact range of |d| ÷ (c − d) over the two figures' roundings: any
    pair of values in them gives a rate inside it, and its ends are given by some pair."""
    ci, di = Interval.stated(c, 1), Interval.stated(d, 1).scale(D(sign))
    prior = ci - di
    if prior.lo <= 0:
        return
    got = change_of_percent(ci, di)
    assert got is not None
    x = ci.lo + (ci.hi - ci.lo) * D(u)
    y = di.lo + (di.hi - di.lo) * D(v)
    rate = abs(y) / (x - y) * 100
    assert got.lo - D("1e-20") <= rate <= got.hi + D("1e-20")
    corners = [abs(q) / (p - q) * 100 for p in (ci.lo, ci.hi) for q in (di.lo, di.hi)]
    assert min(corners) == pytest.approx(got.lo) and max(corners) == pytest.approx(got.hi)


def test_a_change_rate_is_narrower_than_intervals_used_twice():
    # "9万元，减少6万元": 5.5 ÷ (9.5 + 5.5) … 6.5 ÷ (8.5 + 6.5) = 36.7%–43.3%, not 6.5 ÷ 14.0
    got = change_of_percent(Interval.stated(D(9), 0), -Interval.stated(D(6), 0))
    assert round(got.hi, 1) == D("43.3") and round(got.lo, 1) == D("36.7")
    # |9 − 15| ÷ 15 to whole numbers: 1 − 8.5 ÷ 15.5 = 45.2% at most, not 7 ÷ 14.5 = 48.3%
    wide = change_percent(Interval.stated(D(9), 0), Interval.stated(D(15), 0))
    assert round(wide.hi, 1) == D("45.2") and round(wide.lo, 1) == D("34.5")
    assert relative_percent(Interval.exact(D(9)), Interval.exact(D(15))).lo == -40
