"""Numbers as authors write them, and the intervals they stand for."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

_FW = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
_CN = "零一二三四五六七八九"


@dataclass(frozen=True)
class Iv:
    lo: Decimal
    hi: Decimal

    def __add__(self, o: Iv) -> Iv:
        return Iv(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: Iv) -> Iv:
        return Iv(self.lo - o.hi, self.hi - o.lo)

    def __abs__(self) -> Iv:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return Iv(-self.hi, -self.lo)
        return Iv(Decimal(0), max(-self.lo, self.hi))

    def scale(self, k: Decimal) -> Iv:
        a, b = self.lo * k, self.hi * k
        return Iv(min(a, b), max(a, b))

    def div(self, o: Iv) -> Iv | None:
        if o.lo <= 0 <= o.hi:
            return None
        with localcontext() as ctx:
            ctx.prec = 40
            c = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi]
        return Iv(min(c), max(c))

    def overlaps(self, o: Iv) -> bool:
        return self.lo <= o.hi and o.lo <= self.hi


def stated(v: Decimal, decimals: int) -> Iv:
    """What a figure written with `decimals` digits after the point stands for."""
    half = Decimal(5).scaleb(-(decimals + 1))
    return Iv(v - half, v + half)


def rhu(v: Decimal, decimals: int) -> Decimal:
    """Round half up (四舍五入)."""
    return v.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def plain(v: Decimal, decimals: int, sep: bool = False) -> str:
    v = rhu(v, decimals)
    return format(v, f",.{decimals}f") if sep else format(v, f".{decimals}f")


def natural_decimals(v: Decimal, cap: int = 2) -> int:
    """Digits after the point once trailing zeros are dropped (8405.50 → 1)."""
    v = rhu(v, cap).normalize()
    exp = v.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def fullwidth(s: str) -> str:
    return s.translate(_FW)


def cn_small(n: int) -> str:
    """1..99 in Chinese numerals, as written in running text (两 for a bare 2)."""
    if n == 2:
        return "两"
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def cn_amount(n: int) -> str:
    """An integer below 10**8 in Chinese numerals (一千八百六十)."""
    if n == 0:
        return "零"
    units = ["", "十", "百", "千"]

    def four(x: int) -> str:
        s, zero = "", False
        for i in (3, 2, 1, 0):
            d = x // 10**i % 10
            if d:
                if zero and s:
                    s += "零"
                s += _CN[d] + units[i]
                zero = False
            else:
                zero = True
        return s

    hi, lo = divmod(n, 10000)
    if not hi:
        out = four(lo)
    else:
        out = four(hi) + "万" + (("零" if lo < 1000 else "") + four(lo) if lo else "")
    return out[1:] if out.startswith("一十") else out
