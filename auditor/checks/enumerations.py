"""Enumerations: "N个" followed by the items it announces."""

from __future__ import annotations

from ..arith import total
from ..model import Fact, Related
from .base import Audit, Operand, check, show, sum_formula


@check("E001")
def enumeration_count(a: Audit) -> None:
    for en in a.st.enumerations:
        n = len(en.items)
        claimed = en.count.q.value
        related = [Related(s, f"第{i + 1}项") for i, s in enumerate(en.items)]
        if claimed == n:
            a.mark("E001", en.count)
            continue
        a.emit(
            "E001", en.count,
            f"称“{en.count.q.raw}{en.noun}”，随后列出 {n} 项",
            f"says {en.count.q.raw} {en.noun} but lists {n} items",
            [Operand(en.count, "所述数量")],
            {"formula": f"{n} ≠ {claimed}", "expected": str(n), "stated": str(claimed),
             "difference": str(abs(n - claimed))},
            related,
        )


def _item_amount(a: Audit, span_start: int, span_end: int, concept: str | None) -> Fact | None:
    money = [
        f for f in a.facts
        if span_start <= f.span.start < span_end and f.q.family == "money" and not f.in_parens
    ]
    if concept:
        same = [f for f in money if f.concept == concept]
        if len(same) == 1:
            return same[0]
    return money[0] if len(money) == 1 else None


@check("E002")
def enumeration_sum(a: Audit) -> None:
    for en in a.st.enumerations:
        if len(en.items) != en.count.q.value:
            continue  # E001 already speaks for this list
        amount = next(
            (f for f in a.facts if f.sentence == en.count.sentence and f.q.family == "money"
             and f.span.start > en.count.span.start and not f.in_parens),
            None,
        )
        if amount is None:
            continue
        paras = a.segs.paragraphs
        bounds = []
        for i, s in enumerate(en.items):
            end = en.items[i + 1].start if i + 1 < len(en.items) else None
            if end is None:  # to the end of the item's paragraph (or first sentence)
                p = next(p for p in paras if p.start <= s.start < p.end)
                end = a.segs.sentences[p.sentences[0]].end if s.start == p.start else p.end
            bounds.append((s.start, end))
        amounts = [_item_amount(a, lo, hi, amount.concept) for lo, hi in bounds]
        if any(x is None for x in amounts):
            continue
        parts = [x for x in amounts if x is not None]
        computed = total([p.q.interval for p in parts])
        if computed.overlaps(amount.q.interval):
            a.mark("E002", amount, *parts)
            continue
        formula, s = sum_formula(parts, computed, amount)
        diff = show(abs(computed.mid - amount.q.base), amount)
        a.emit(
            "E002", amount,
            f"所列 {len(parts)} 项金额之和与所述合计不符：{formula} ≠ {amount.q.value}，差 {diff}",
            f"the {len(parts)} listed amounts do not add up to the stated total: {formula} ≠ {amount.q.value}, off by {diff}",
            [Operand(amount, "所述合计")] + [Operand(p, f"第{i + 1}项") for i, p in enumerate(parts)],
            {"formula": f"{formula} ≠ {amount.q.value}", "expected": s, "stated": str(amount.q.value),
             "difference": diff, "unit": amount.q.unit},
        )
