"""Indicators: deviations, met/missed claims and growth rates checked against targets."""

from __future__ import annotations

from ..arith import HUNDRED, Interval
from ..lazy_re import cached_re
from ..model import Fact, Indicator
from .base import Audit, Operand, check, show

_GROWTH = cached_re(r"增长|增幅|同比")


def satisfies(actual: Interval, op: str | None, target: Interval) -> bool | None:
    """True/False when the comparison is certain at the stated precision, None when it is not."""
    op = op or "≥"
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


def candidates(a: Audit, ind: Indicator) -> list[Fact]:
    t = ind.target
    out = list(ind.final)
    for f in (f for si in dict.fromkeys(ind.final_sentences) for f in a.by_sentence.get(si, [])):
        if (
            f not in out
            and f is not t
            and f is not ind.deviation
            and f.q.family == t.q.family
            and f.concept != "share"
            and (f.q.family != "count" or f.q.unit == t.q.unit)
        ):
            out.append(f)
    return out


def definitions(
    actual: Interval, target: Interval, percent: bool, points: bool = False
) -> list[tuple[str, str, Interval]]:
    """The accepted definitions of a deviation; a deviation in 个百分点 has only the first."""
    gap = abs(actual - target)
    out = []
    if percent:
        out.append(("百分点（实际值 − 目标值）", "percentage points (actual − target)", gap))
    rel = None if points else gap.div(target)
    if rel is not None:
        out.append(
            (
                "相对偏差（(实际值 − 目标值) ÷ 目标值）",
                "relative ((actual − target) ÷ target)",
                rel.scale(HUNDRED),
            )
        )
    return out


@check("I001")
def indicator_deviation(a: Audit) -> None:
    for ind in a.st.indicators:
        d, t = ind.deviation, ind.target
        if d is None or t is None or not ind.final:
            continue
        cands = candidates(a, ind)
        percent = t.q.family == "percent"
        points = percent and "百分点" in d.q.unit
        for c in cands:
            for _zh, _en, iv in definitions(c.q.interval, t.q.interval, percent, points):
                if iv.overlaps(abs(d.q.interval)):
                    a.mark("I001", t, c, d)
                    break
            else:
                continue
            break
        else:
            actual = ind.final[0]
            defs = definitions(actual.q.interval, t.q.interval, percent, points)
            shown = "；".join(f"{zh} = {show(iv.mid, d)}" for zh, _en, iv in defs)
            shown_en = "; ".join(f"{en} = {show(iv.mid, d)}" for _zh, en, iv in defs)
            a.emit(
                "I001",
                d,
                f"“{ind.name}”目标{t.q.operator or ''}{t.q.raw}、实际{actual.q.raw}，所述偏差{d.q.raw}对不上任何口径：{shown}",
                f"'{ind.name}': target {t.q.operator or ''}{t.q.raw}, actual {actual.q.raw}; the stated deviation {d.q.raw} matches no definition: {shown_en}",
                [Operand(t, "目标值"), Operand(actual, "实际值"), Operand(d, "偏差")],
                {
                    "formula": shown,
                    "stated": d.q.raw,
                    "definitions": [{"name": zh, "value": show(iv.mid, d)} for zh, _en, iv in defs],
                },
            )


@check("I002")
def indicator_claim(a: Audit) -> None:
    for ind in a.st.indicators:
        t = ind.target
        if t is None or not ind.final:
            continue
        actual = ind.final[0]
        claims = []
        if ind.claim:
            claims.append((ind.claim[0], ind.claim[1], t.q.operator))
        if ind.no_deviation_span:  # "无偏差" under a plain target (目标值为100%) means "equal"
            claims.append(("met", ind.no_deviation_span, t.q.operator or "="))
        for kind, span, op in claims:
            ok = satisfies(actual.q.interval, op, t.q.interval)
            words = a.text[span.start : span.end]
            op = op or "≥"
            if (kind == "met" and ok is False) or (kind == "unmet" and ok is True):
                verdict = "满足" if ok else "不满足"
                a.emit(
                    "I002",
                    span,
                    f"“{ind.name}”称“{words}”，但实际值{actual.q.raw}{verdict}目标{op}{t.q.raw}",
                    f"'{ind.name}' says '{words}', but the actual {actual.q.raw} {'meets' if ok else 'misses'} the target {op}{t.q.raw}",
                    [Operand(t, "目标值"), Operand(actual, "实际值")],
                    {"formula": f"{actual.q.value} {op} {t.q.value} → {ok}", "stated": words},
                )
                break
            a.mark("I002", t, actual)


@check("I003")
def growth_from_completion(a: Audit) -> None:
    for ind in a.st.indicators:
        if not _GROWTH.search(ind.name) or not ind.final:
            continue
        actual = ind.final[0]
        for f in (
            f for si in dict.fromkeys(ind.final_sentences) for f in a.by_sentence.get(si, [])
        ):
            if (
                f.concept == "rate.completion"
                and f is not actual
                and f.q.interval.overlaps(actual.q.interval)
            ):
                a.emit(
                    "I003",
                    actual,
                    f"增长率指标“{ind.name}”的实际值{actual.q.raw}取自完成率（{f.label}{f.q.raw}），不是与上年相比的增长",
                    f"the growth indicator '{ind.name}' reports {actual.q.raw}, which is a completion ratio, not growth over last year",
                    [Operand(actual, "增长率"), Operand(f, "完成率")],
                    {"formula": f"{actual.q.raw} = 完成率 {f.q.raw}"},
                )
                break


@check("I004")
def overall_claim(a: Audit) -> None:
    """ "各项指标均已完成" while an indicator's own figures show it missed: the general claim
    overstates the result (a warning: the report may weigh the miss as minor)."""
    missed = []
    for ind in a.st.indicators:
        t = ind.target
        if t is None or not ind.final:
            continue
        actual = ind.final[0]
        if satisfies(actual.q.interval, t.q.operator, t.q.interval) is False:
            missed.append((ind, actual))
    for span in a.st.overall_claims:
        words = a.text[span.start : span.end]
        if not missed:
            continue
        names = "、".join(
            f"“{ind.name}”实际{actual.q.raw}（目标{ind.target.q.operator or '≥'}{ind.target.q.raw}）"
            for ind, actual in missed
        )
        names_en = "; ".join(
            f"'{ind.name}' {actual.q.raw} (target {ind.target.q.operator or '≥'}{ind.target.q.raw})"
            for ind, actual in missed
        )
        ops = []
        for ind, actual in missed:
            ops += [Operand(ind.target, f"{ind.name}目标值"), Operand(actual, f"{ind.name}实际值")]
        a.emit(
            "I004",
            span,
            f"称“{words}”，但{len(missed)}项指标未达到目标：{names}",
            f"says '{words}', but {len(missed)} indicator(s) missed the target: {names_en}",
            ops,
            {"formula": names, "stated": words},
        )
