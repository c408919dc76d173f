"""A generated report: text pieces, figures that know their place, and the identities they obey.

The generator's own arithmetic (intervals of the stated precision) is independent of the
auditor's, so it can serve as an oracle: an injected change is expected to be found only when it
breaks an identity beyond rounding.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import Iv, stated

GRADES = (("优", 90), ("良", 80), ("中", 60), ("差", 0))
GRADE_WORDS = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中",
               "合格": "中", "差": "差", "较差": "差", "不合格": "差"}  # fmt: skip


def grade_of(score: Decimal) -> str:
    return next(g for g, lo in GRADES if score >= lo)


@dataclass
class Fig:
    """One figure as written: the number (raw), its unit, and what it is worth."""

    key: str
    kind: str  # money | percent | count | score | area | year | grade
    value: Decimal  # in the written unit (0 for grade words, whose raw is the word)
    decimals: int
    raw: str  # the number as written (full-width, separators, Chinese numerals)
    unit: str = ""  # written after the number
    scale: Decimal = Decimal(1)  # written unit → base unit (元 for money)
    op: str = ""  # written before the number (≥, 不低于 …)
    exact: Decimal | None = None  # the exact amount in 元 it was rounded from (budget family)

    @property
    def iv(self) -> Iv:
        return stated(self.value, self.decimals).scale(self.scale)


@dataclass(frozen=True)
class Ref:
    key: str


Terms = tuple[tuple[int, str], ...]  # (sign, figure key)


@dataclass
class Identity:
    """A relation between figures that a consistent report satisfies.

    kind: lin (result = Σ terms; exact or ≤), ratio (rate = num ÷ den × 100), dev (deviation of
    actual from target, in points or relative), claim (met/unmet against target), eq (restated),
    count (the number of listed items), grade (score → grade word), year (the report's year).
    """

    kind: str
    codes: tuple[str, ...]
    keys: tuple[str, ...]
    params: dict = field(default_factory=dict)
    note: str = ""


@dataclass(repr=False)
class Report:
    year: int
    dept: str
    pieces: list[str | Ref]
    figs: dict[str, Fig]
    identities: list[Identity]
    encoding: str = "utf-8"
    newline: str = "\n"
    bom: bool = False
    blocks: list[tuple[int, int]] = field(default_factory=list)  # pasteable piece ranges
    style: dict = field(default_factory=dict)  # how it was written (for diagnostics)
    seed: int | None = None
    args: dict = field(default_factory=dict)  # the style keywords it was built with

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.args.items())
        return f"build_report({self.seed}{args})"

    def copy(self) -> Report:
        return copy.deepcopy(self)

    def render(self) -> tuple[str, dict[str, tuple[int, int]], list[tuple[int, int]]]:
        """The text, the span of each figure's number, and the span of each piece."""
        out: list[str] = []
        pos = 0
        spans: dict[str, tuple[int, int]] = {}
        piece_spans: list[tuple[int, int]] = []
        for p in self.pieces:
            start = pos
            if isinstance(p, Ref):
                f = self.figs[p.key]
                s = f.op + f.raw + f.unit
                a = pos + len(f.op)
                spans[p.key] = (a, a + len(f.raw))
            else:
                s = p.replace("\n", self.newline) if self.newline != "\n" else p
            out.append(s)
            pos += len(s)
            piece_spans.append((start, pos))
        return "".join(out), spans, piece_spans

    @property
    def text(self) -> str:
        return self.render()[0]

    def encode(self) -> bytes:
        data = self.text.encode(self.encoding)
        if self.bom:
            data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe"}[self.encoding] + data
        return data

    # --- the oracle -------------------------------------------------------------------------

    def holds(self, ident: Identity) -> bool:
        f = self.figs
        p = ident.params
        k = ident.kind
        if k == "lin":
            total = _lin(f, p["terms"])
            res = f[p["result"]].iv
            return total.overlaps(res) if p.get("exact", True) else total.lo <= res.hi
        if k == "ratio":
            num, den = _lin(f, p["num"]), _lin(f, p["den"])
            q = num.div(den)
            if q is None:
                return True  # undefined: nothing to check
            return q.scale(Decimal(100)).overlaps(f[p["rate"]].iv)
        if k == "dev":
            a, t, d = f[p["actual"]].iv, f[p["target"]].iv, f[p["dev"]].iv
            gap = abs(a - t)
            defs = [gap] if p.get("points", True) else []
            rel = gap.div(t)
            if rel is not None and p.get("relative", True):
                defs.append(rel.scale(Decimal(100)))
            return any(x.overlaps(abs(d)) for x in defs)
        if k == "claim":
            ok = satisfies(f[p["actual"]].iv, p["op"], f[p["target"]].iv)
            return ok is None or ok == p["met"]
        if k == "eq":
            a, b = ident.keys
            return f[a].iv.overlaps(f[b].iv)
        if k == "count":
            return f[ident.keys[0]].value == p["n"]
        if k == "grade":
            s, g = f[ident.keys[0]], f[ident.keys[1]]
            iv = stated(s.value, s.decimals)
            return GRADE_WORDS[g.raw] in {grade_of(iv.lo), grade_of(iv.hi)}
        if k == "year":
            return f[ident.keys[0]].value == self.year
        if k == "dir":  # a direction word against the sign of cur − base
            word, base, cur = ident.keys
            got = direction(f[word].raw)
            d = f[cur].iv - f[base].iv
            want = "up" if d.lo > 0 else "down" if d.hi < 0 else None
            if want is None:  # equal within rounding: 持平 / 等于, or a word rounding allows
                return got in ("eq", "up" if d.hi > 0 else "eq", "down" if d.lo < 0 else "eq")
            return got == want
        if k == "agree":  # two direction words that must point the same way
            return direction(f[ident.keys[0]].raw) == direction(f[ident.keys[1]].raw)
        raise ValueError(k)

    def broken(self) -> list[Identity]:
        return [i for i in self.identities if not self.holds(i)]


UP_WORDS = ("增加", "增长", "上升", "大于", "高于", "多于", "提高")
DOWN_WORDS = ("减少", "下降", "降低", "小于", "低于", "少于", "减")
EQ_WORDS = ("持平", "等于", "相等", "一致")


def direction(word: str) -> str | None:
    """up / down / eq for a direction word (the generator's own list, not the tool's)."""
    for name, words in (("up", UP_WORDS), ("down", DOWN_WORDS), ("eq", EQ_WORDS)):
        if word in words:
            return name
    return None


def _lin(figs: dict[str, Fig], terms: Terms) -> Iv:
    acc = Iv(Decimal(0), Decimal(0))
    for sign, key in terms:
        iv = figs[key].iv
        acc = acc + iv if sign > 0 else acc - iv
    return acc


def satisfies(actual: Iv, op: str, target: Iv) -> bool | None:
    """Whether the actual value meets the target; None when rounding leaves it open."""
    if op in ("≥", ">"):
        if actual.lo >= target.hi:
            return True
        if actual.hi < target.lo:
            return False
    elif op in ("≤", "<"):
        if actual.hi <= target.lo:
            return True
        if actual.lo > target.hi:
            return False
    elif op == "=":
        return actual.overlaps(target)
    return None
