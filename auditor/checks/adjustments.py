"""Adjustments: 年初预算数 + 调整数 = 调整后预算数, and the adjustment rate that follows."""

from __future__ import annotations

import re
from collections import defaultdict

from ..arith import Interval, ratio_percent
from ..model import Fact
from .base import Audit, Operand, check, show

INITIAL, ADJ, ADJUSTED = "budget.initial", "budget.adjustment", "budget.adjusted"
_CUT = re.compile(r"调减|减少|核减")


def signed(f: Fact) -> Interval:
    iv = f.q.interval
    return -iv if _CUT.search(f.label) else iv


def _groups(a: Audit) -> dict[tuple, dict[str, Fact]]:
    """Per sentence, scope and measure: the first initial, adjustment and adjusted figure."""
    out: dict[tuple, dict[str, Fact]] = defaultdict(dict)
    for f in a.facts:
        if f.concept in (INITIAL, ADJ, ADJUSTED, "rate.adjustment") and not f.q.operator:
            measure = f.q.unit if f.q.family == "count" else f.q.family
            out[(f.sentence, f.scope, measure)].setdefault(f.concept, f)
    return out


@check("A001")
def adjustment_identity(a: Audit) -> None:
    for g in _groups(a).values():
        if not all(k in g for k in (INITIAL, ADJ, ADJUSTED)):
            continue
        i, d, t = g[INITIAL], g[ADJ], g[ADJUSTED]
        computed = i.q.interval + signed(d)
        ops = [Operand(i, "年初预算数"), Operand(d, "调整数"), Operand(t, "调整后预算数")]
        if computed.overlaps(t.q.interval):
            a.mark("A001", i, d, t)
            continue
        sign = "-" if _CUT.search(d.label) else "+"
        exp = show(computed.mid, t)
        diff = show(abs(computed.mid - t.q.base), t)
        formula = f"{i.q.value} {sign} {d.q.value} = {exp}"
        scope = "" if t.scope == "部门整体" else f"（{t.scope}）"
        a.emit(
            "A001", t,
            f"年初预算数 + 调整数 ≠ 调整后预算数{scope}：{formula} ≠ {t.q.value}，差 {diff}",
            f"initial + adjustment ≠ adjusted budget{scope}: {formula} ≠ {t.q.value}, off by {diff}",
            ops,
            {"formula": f"{formula} ≠ {t.q.value}", "expected": exp, "stated": str(t.q.value),
             "difference": diff, "unit": t.q.unit},
        )


@check("A002")
def adjustment_rate(a: Audit) -> None:
    by_sentence: dict[tuple, dict[str, Fact]] = defaultdict(dict)
    for (si, scope, measure), g in _groups(a).items():
        if measure == "money":
            by_sentence[(si, scope)].update(g)
    rates = [f for f in a.facts if f.concept == "rate.adjustment" and f.q.family == "percent"]
    for r in rates:
        g = by_sentence.get((r.sentence, r.scope)) or next(
            (v for (si, _), v in by_sentence.items() if si == r.sentence), {}
        )
        i = g.get(INITIAL)
        if i is None:
            continue
        if ADJ in g:
            num, ops = signed(g[ADJ]), [Operand(g[ADJ], "调整数")]
            formula_num = str(g[ADJ].q.value)
        elif ADJUSTED in g:
            num = g[ADJUSTED].q.interval - i.q.interval
            ops = [Operand(g[ADJUSTED], "调整后预算数")]
            formula_num = f"({g[ADJUSTED].q.value} - {i.q.value})"
        else:
            continue
        expected = ratio_percent(num, i.q.interval)
        if expected is None:
            continue
        ops = [*ops, Operand(i, "年初预算数"), Operand(r, "预算调整率")]
        if expected.overlaps(r.q.interval):
            a.mark("A002", *(o.fact for o in ops))
            continue
        exp = show(expected.mid, r)
        formula = f"{formula_num} ÷ {i.q.value} × 100% = {exp}%"
        note_zh = note_en = ""
        if ADJUSTED in g:
            alt = ratio_percent(g[ADJUSTED].q.interval, i.q.interval)
            if alt is not None and alt.overlaps(r.q.interval):
                note_zh = f"（所述值等于 调整后÷年初 = {g[ADJUSTED].q.value} ÷ {i.q.value}，不是调整率的口径）"
                note_en = f" (the stated value is adjusted ÷ initial = {g[ADJUSTED].q.value} ÷ {i.q.value}, not the adjustment rate)"
        diff = show(abs(expected.mid - r.q.base), r)
        a.emit(
            "A002", r,
            f"预算调整率应为 调整数 ÷ 年初预算数：{formula} ≠ {r.q.raw}，差 {diff} 个百分点{note_zh}",
            f"adjustment rate = adjustment ÷ initial budget: {formula} ≠ {r.q.raw}, off by {diff} points{note_en}",
            ops,
            {"formula": f"{formula} ≠ {r.q.raw}", "expected": f"{exp}%", "stated": r.q.raw,
             "difference": diff, "unit": "%", "definition": "调整数 ÷ 年初预算数"},
        )
