"""Exact interval arithmetic on Decimal, so that rounding is never mistaken for an error.

A figure written "9405.50" stands for every value that rounds to it: [9405.495, 9405.505].
Sums and ratios are computed on intervals; an identity holds when the computed interval and the
stated interval overlap (the approach of XBRL Calculations 1.1).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from .record import FrozenRecord

HUNDRED = Decimal(100)


class Interval(FrozenRecord):
    """[lo, hi], plus the point value computed from the figures as written (what messages show)."""

    lo: Decimal
    hi: Decimal
    point: Decimal | None

    def __init__(self, lo: Decimal, hi: Decimal, point: Decimal | None = None) -> None:
        self.__dict__.update(lo=lo, hi=hi, point=point)

    @classmethod
    def exact(cls, v: Decimal) -> Interval:
        return cls(v, v, v)

    @classmethod
    def stated(cls, v: Decimal, decimals: int) -> Interval:
        half = Decimal(5).scaleb(-(decimals + 1))
        lo = v - half
        if lo < 0 and not v.is_signed():
            lo = Decimal(0)  # a figure written without a minus sign is never below zero ("0万元")
        return cls(lo, v + half, v)

    @property
    def mid(self) -> Decimal:
        return self.point if self.point is not None else (self.lo + self.hi) / 2

    def scale(self, k: Decimal) -> Interval:
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b), None if self.point is None else self.point * k)

    def widen_relative(self, r: Decimal) -> Interval:
        d = max(abs(self.lo), abs(self.hi)) * r
        return Interval(self.lo - d, self.hi + d, self.point)

    def __add__(self, o: Interval) -> Interval:
        return Interval(
            self.lo + o.lo, self.hi + o.hi, _op(self.point, o.point, lambda a, b: a + b)
        )

    def __sub__(self, o: Interval) -> Interval:
        return Interval(
            self.lo - o.hi, self.hi - o.lo, _op(self.point, o.point, lambda a, b: a - b)
        )

    def __mul__(self, o: Interval) -> Interval:
        c = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return Interval(min(c), max(c), _op(self.point, o.point, lambda a, b: a * b))

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, None if self.point is None else -self.point)

    def __abs__(self) -> Interval:
        p = None if self.point is None else abs(self.point)
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(Decimal(0), max(-self.lo, self.hi), p)

    def contains_zero(self) -> bool:
        return self.lo <= 0 <= self.hi

    def div(self, o: Interval) -> Interval | None:
        """Quotient, or None when the divisor may be zero (the ratio is undefined)."""
        if o.contains_zero():
            return None
        with localcontext() as ctx:
            ctx.prec = 34
            c = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi]
            p = None if self.point is None or not o.point else self.point / o.point
        return Interval(min(c), max(c), p)

    def percent(self) -> Interval:
        return self.scale(HUNDRED)

    def overlaps(self, o: Interval) -> bool:
        """Whether some value lies in both. A stated interval is half-open (round half up:
        9405.50 covers [9405.495, 9405.505)), so touching ends only count for exact values."""
        lo, hi = max(self.lo, o.lo), min(self.hi, o.hi)
        return lo < hi or (lo == hi and (self.lo == self.hi or o.lo == o.hi))

    def gap(self, o: Interval) -> Decimal:
        """Distance between the intervals (0 when they overlap)."""
        if self.overlaps(o):
            return Decimal(0)
        return o.lo - self.hi if self.hi < o.lo else self.lo - o.hi


def cut_off(v: Decimal, unit: Decimal, computed: Interval) -> bool:
    """Whether v, written to one `unit` of its last digit, is the computed value cut off (not
    rounded): 95.457% written 95.45%. Truncation keeps the digits, so v (≥ 0) covers
    [v, v + unit), and (v − unit, v] for a negative v. The computed value is the one the figures
    give as written (the interval only when there is none)."""
    band = Interval(v, v + unit, v) if v >= 0 else Interval(v - unit, v, v)
    if computed.point is not None:  # the value the figures as written give, cut off
        p = computed.point
        return band.lo <= p < band.hi if v >= 0 else band.lo < p <= band.hi
    lo, hi = max(band.lo, computed.lo), min(band.hi, computed.hi)
    # half-open band: its far end is the next written value, not this one
    return lo < hi or (lo == hi and lo == v)


def _op(a: Decimal | None, b: Decimal | None, f) -> Decimal | None:
    return None if a is None or b is None else f(a, b)


def total(ivs: list[Interval]) -> Interval:
    acc = Interval.exact(Decimal(0))
    for iv in ivs:
        acc = acc + iv
    return acc


def round_half_up(v: Decimal, decimals: int) -> Decimal:
    # enough precision for the result, however large v is (a ratio of extreme figures)
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, (v.adjusted() if v.is_finite() and v else 0) + decimals + 3)
        return v.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def fmt(v: Decimal, decimals: int | None = None) -> str:
    """A number as an auditor writes it: no exponent, no trailing zeros unless asked."""
    if decimals is not None:
        v = round_half_up(v, decimals)
        return f"{v:f}"
    s = f"{v.normalize():f}"
    return s


def ratio_percent(num: Interval, den: Interval) -> Interval | None:
    q = num.div(den)
    return None if q is None else q.percent()


_ONE = Interval.exact(Decimal(1))


def relative_percent(current: Interval, prior: Interval) -> Interval | None:
    """(current − prior) ÷ prior × 100%, written (current ÷ prior − 1) so that each figure is
    used once: as a difference over the prior, interval arithmetic lets the prior take two
    values at once and accepts rates no pair of values gives."""
    q = current.div(prior)
    return None if q is None else (q - _ONE).percent()


def change_percent(current: Interval, prior: Interval) -> Interval | None:
    """|current − prior| ÷ prior × 100%, each figure used once (relative_percent)."""
    q = relative_percent(current, prior)
    return None if q is None else abs(q)


def change_of_percent(current: Interval, change: Interval) -> Interval | None:
    """|change| ÷ (current − change) × 100%, the rate a change gives when only this year's figure
    is stated, written 1 ÷ |current ÷ change − 1| so that each figure is used once ("9万元，减少
    6万元" to whole 万元 gives 36.7%–43.3%; as intervals, 6.5 ÷ (8.5 + 5.5) = 46.4% would pass).
    A change that may be nil ("减少0.00万元") is read as intervals: it cannot divide."""
    q = current.div(change)
    if q is None:
        return ratio_percent(abs(change), current - change)
    inverse = _ONE.div(q - _ONE)
    return None if inverse is None else abs(inverse).percent()
