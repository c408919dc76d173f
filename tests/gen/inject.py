"""Inject one error into a consistent generated report, and say where it must be found.

Each injection returns the mutated report, the rule codes whose families may report it (those of
the identities it breaks, by the generator's own interval arithmetic), and the character spans it
touched: a finding of one of those families must point there (primary or related location).
An injection that breaks nothing beyond rounding is not an error, and is not returned.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal

from .model import GRADE_WORDS, GRADES, Fig, Identity, Ref, Report, grade_of
from .numbers import cn_small, fullwidth, natural_decimals, plain, rhu

D = Decimal
KINDS = ("digit", "swap", "count", "paste", "year", "grade", "rate", "unit")
_TO_ASCII = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_DIGITS = "0123456789０１２３４５６７８９"
_CN_VAL = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


@dataclass(repr=False)
class Injection:
    kind: str
    report: Report
    codes: frozenset[str]
    spans: list[tuple[int, int]]
    what: str  # what was changed, for the reader of a failure
    rng_seed: int | None = None  # inject(report, kind, rng_seed) rebuilds it

    def __repr__(self) -> str:
        return f"inject({self.report!r}, {self.kind!r}, {self.rng_seed})"

    @property
    def text(self) -> str:
        return self.report.text

    def encode(self) -> bytes:
        return self.report.encode()


def parse_raw(raw: str) -> tuple[Decimal, int] | None:
    s = raw.translate(_TO_ASCII).replace(",", "")
    if re.fullmatch(r"-?\d+(\.\d+)?", s):
        return D(s), len(s.split(".")[1]) if "." in s else 0
    if s and all(c in _CN_VAL or c == "十" for c in s):
        if s == "十":
            return D(10), 0
        if "十" in s:
            a, _, b = s.partition("十")
            return D((_CN_VAL[a] if a else 1) * 10 + (_CN_VAL[b] if b else 0)), 0
        if len(s) == 1:
            return D(_CN_VAL[s]), 0
    return None


def _involving(rep: Report, keys: set[str]) -> list[Identity]:
    return [i for i in rep.identities if keys & set(i.keys)]


def _result(kind: str, rep: Report, keys: set[str], what: str) -> Injection | None:
    broken = [i for i in _involving(rep, keys) if not rep.holds(i)]
    if not broken:
        return None
    _, spans, _ = rep.render()
    codes = frozenset(c for i in broken for c in i.codes)
    return Injection(kind, rep, codes, [spans[k] for k in sorted(keys)], what)


def _set(f: Fig, raw: str) -> bool:
    p = parse_raw(raw)
    if p is None:
        return False
    f.raw, (f.value, f.decimals) = raw, p
    return True


def _checked(rep: Report) -> list[Fig]:
    used = dict.fromkeys(k for i in rep.identities for k in i.keys)  # ordered: runs repeat
    return [rep.figs[k] for k in used if rep.figs[k].kind not in ("year", "grade")]


def digit(rep: Report, rng: random.Random) -> Injection | None:
    """One digit of a figure that takes part in an identity is mistyped."""
    figs = [f for f in _checked(rep) if any(c in _DIGITS for c in f.raw)]
    rng.shuffle(figs)
    for f in figs[:12]:
        m = rep.copy()
        g = m.figs[f.key]
        pos = [i for i, c in enumerate(g.raw) if c in _DIGITS]
        i = rng.choice(pos)
        full = g.raw[i] in _DIGITS[10:]
        old = int(g.raw[i].translate(_TO_ASCII))
        choices = [
            d for d in range(10) if d != old and not (d == 0 and i == pos[0] and len(pos) > 1)
        ]
        new = str(rng.choice(choices))
        raw = g.raw[:i] + (fullwidth(new) if full else new) + g.raw[i + 1 :]
        if not _set(g, raw):
            continue
        inj = _result("digit", m, {g.key}, f"{f.raw}{f.unit} → {raw}{f.unit}")
        if inj:
            return inj
    return None


def swap(rep: Report, rng: random.Random) -> Injection | None:
    """Two figures of the same kind in one paragraph trade places."""
    text, spans, _ = rep.render()
    para_of = {k: text.rfind("\n", 0, s) for k, s in ((k, v[0]) for k, v in spans.items())}
    rates = {i.params["rate"] for i in rep.identities if i.kind == "ratio"}
    # amounts with amounts, counts with counts, rates with rates (not a rate with a deviation)
    figs = [f for f in _checked(rep) if f.kind in ("money", "count", "score") or f.key in rates]
    pairs = [
        (a, b)
        for a in figs
        for b in figs
        if a.key < b.key
        and a.kind == b.kind
        and para_of[a.key] == para_of[b.key]
        and a.value != b.value
        and a.unit == b.unit
    ]
    rng.shuffle(pairs)
    for a, b in pairs[:12]:
        m = rep.copy()
        fa, fb = m.figs[a.key], m.figs[b.key]
        for attr in ("raw", "value", "decimals"):
            va, vb = getattr(fa, attr), getattr(fb, attr)
            setattr(fa, attr, vb)
            setattr(fb, attr, va)
        inj = _result("swap", m, {a.key, b.key}, f"{a.raw}{a.unit} ⇄ {b.raw}{b.unit}")
        if inj:
            return inj
    return None


def count(rep: Report, rng: random.Random) -> Injection | None:
    """A stated number of items (项目、单位、方面、编制) is off by one or two."""
    keys = dict.fromkeys(k for i in rep.identities if i.kind in ("count", "lin") for k in i.keys)
    figs = [
        rep.figs[k]
        for k in keys
        if rep.figs[k].kind == "count" and rep.figs[k].unit in ("个", "人", "名")
    ]
    rng.shuffle(figs)
    for f in figs:
        for delta in rng.sample((-2, -1, 1, 2), 4):
            n = int(f.value) + delta
            if n <= 0:
                continue
            m = rep.copy()
            g = m.figs[f.key]
            words = parse_raw(g.raw) is not None and not any(c in _DIGITS for c in g.raw)
            raw = (
                cn_small(n)
                if words
                else (fullwidth(str(n)) if g.raw[0] in _DIGITS[10:] else str(n))
            )
            _set(g, raw)
            inj = _result("count", m, {g.key}, f"{f.raw}{f.unit} → {raw}{f.unit}")
            if inj:
                return inj
    return None


def paste(rep: Report, rng: random.Random) -> Injection | None:
    """A block of sentences with figures is pasted a second time right after itself."""
    blocks = list(rep.blocks)
    rng.shuffle(blocks)
    for a, b in blocks:
        text, _, piece_spans = rep.render()
        start, end = piece_spans[a][0], piece_spans[b - 1][1]
        block = text[start:end]
        figures_by_sentence = [
            s
            for s in re.split(
                r"[。\n]", "".join("\x00" if isinstance(p, Ref) else p for p in rep.pieces[a:b])
            )
            if "\x00" in s
        ]
        if len(figures_by_sentence) < 2:
            continue
        m = rep.copy()
        m.pieces.insert(b, block.replace(rep.newline, "\n"))
        _, _, ps = m.render()
        where = ps[b]
        codes = {"D001"}
        listed = [i for i in rep.identities if i.kind == "count"]
        if any(isinstance(p, Ref) and p.key.startswith("proj") for p in rep.pieces[a:b]) and listed:
            codes |= {"E001", "E002"}
        return Injection(
            "paste", m, frozenset(codes), [where], f"lines pasted twice: {block[:40]}…"
        )
    return None


def year(rep: Report, rng: random.Random) -> Injection | None:
    """A sentence about this year's budget carries last year's (or next year's) date."""
    figs = [f for f in rep.figs.values() if f.kind == "year"]
    if not figs:
        return None
    f = rng.choice(figs)
    m = rep.copy()
    g = m.figs[f.key]
    y = int(g.value) + rng.choices((-1, 1, -2), (6, 2, 1))[0]
    raw = fullwidth(str(y)) if g.raw[0] in _DIGITS[10:] else str(y)
    _set(g, raw)
    return _result("year", m, {g.key}, f"{f.raw}年 → {raw}年")


def grade(rep: Report, rng: random.Random) -> Injection | None:
    """The grade word, or the score, no longer matches the standard scale."""
    gi = next((i for i in rep.identities if i.kind == "grade"), None)
    if gi is None:
        return None
    score_key, grade_key = gi.keys
    m = rep.copy()
    if rng.random() < 0.6:
        g = m.figs[grade_key]
        cur = GRADE_WORDS[g.raw]
        order = [x for x, _ in GRADES]
        k = order.index(cur)
        new = order[k + 1] if k == 0 or (k < 3 and rng.random() < 0.5) else order[k - 1]
        long = {"优": "优秀", "良": "良好", "中": "中等", "差": "较差"}
        g.raw = long[new] if len(g.raw) == 2 else new
        return _result("grade", m, {grade_key}, f"“{rep.figs[grade_key].raw}” → “{g.raw}”")
    s = m.figs[score_key]
    cur = grade_of(s.value)
    bands = {"优": (D(80), D(89)), "良": (D(90), D(97)), "中": (D(80), D(88)), "差": (D(60), D(75))}
    lo, hi = bands[cur]
    v = rhu(lo + (hi - lo) * D(str(rng.random())), s.decimals)
    raw = plain(v, s.decimals)
    raw = fullwidth(raw) if s.raw[0] in _DIGITS[10:] else raw
    old = s.raw
    _set(s, raw)
    return _result("grade", m, {score_key}, f"{old}分 → {raw}分")


def rate(rep: Report, rng: random.Random) -> Injection | None:
    """A rate (执行率、占比、增长率、完成率、调整率、偏差) is computed wrongly."""
    keys = [i.params["rate"] for i in rep.identities if i.kind == "ratio"]
    keys += [i.params["dev"] for i in rep.identities if i.kind == "dev"]
    rng.shuffle(keys)
    for key in keys[:10]:
        f = rep.figs[key]
        ident = next(
            (i for i in rep.identities if key in i.keys and i.kind in ("ratio", "dev")), None
        )
        v = f.value
        options = []
        s = plain(abs(v), f.decimals)
        digits = [i for i, c in enumerate(s) if c.isdigit()]
        if len(digits) >= 2:  # two neighbouring digits transposed
            i = rng.randrange(len(digits) - 1)
            a, b = digits[i], digits[i + 1]
            t = list(s)
            t[a], t[b] = t[b], t[a]
            options.append(D("".join(t)) * (1 if v >= 0 else -1))
        step = D(1).scaleb(-f.decimals)
        off = rhu(D(str(rng.uniform(0.3, 12))), f.decimals)
        options.append(v + max(off, step * 3) * rng.choice((1, -1)))
        if D(0) < v < D(100) and ident is not None and ident.kind == "ratio":
            options.append(D(100) - v)  # the complement (a share of the other part)
        if (
            ident is not None
            and ident.kind == "ratio"
            and ident.params["num"]
            and ident.params["den"]
        ):
            num = sum(
                sign * rep.figs[k].value * rep.figs[k].scale for sign, k in ident.params["num"]
            )
            den = sum(
                sign * rep.figs[k].value * rep.figs[k].scale for sign, k in ident.params["den"]
            )
            if den and num:
                # the classic slips: dividing by the wrong base
                for alt in (
                    num / (den + num),
                    (den + num) / den,
                    num / (den - num) if den != num else None,
                ):
                    if alt is not None:
                        options.append(rhu(alt * 100, f.decimals))
        rng.shuffle(options)
        for new in options:
            if new < 0 and v >= 0 or new == v:
                continue
            m = rep.copy()
            g = m.figs[key]
            dec = f.decimals if f.decimals else natural_decimals(new, 0)
            raw = plain(new, dec)
            raw = fullwidth(raw) if any(c in _DIGITS[10:] for c in f.raw) else raw
            if not _set(g, raw):
                continue
            inj = _result("rate", m, {key}, f"{f.raw}{f.unit} → {raw}{f.unit}")
            if inj:
                return inj
    return None


def unit(rep: Report, rng: random.Random) -> Injection | None:
    """An amount of a sum written in 元 where the report, and the sum, mean 万元: the number
    stays, the unit word is wrong."""
    in_sums = {k for i in rep.identities if i.kind == "lin" for k in i.keys}
    figs = [rep.figs[k] for k in sorted(in_sums) if rep.figs[k].unit == "万元"]
    rng.shuffle(figs)
    for f in figs[:12]:
        m = rep.copy()
        g = m.figs[f.key]
        g.unit, g.scale = "元", D(1)
        inj = _result("unit", m, {g.key}, f"{f.raw}万元 → {f.raw}元")
        if inj:
            return inj
    return None


INJECT = {
    "digit": digit,
    "swap": swap,
    "count": count,
    "paste": paste,
    "year": year,
    "grade": grade,
    "rate": rate,
    "unit": unit,
}


def inject(rep: Report, kind: str, rng: random.Random | int) -> Injection | None:
    """One error of the given kind; rng may be a seed, which the injection then remembers."""
    seed = rng if isinstance(rng, int) else None
    inj = INJECT[kind](rep, random.Random(rng) if isinstance(rng, int) else rng)
    if inj is not None:
        inj.rng_seed = seed
    return inj
