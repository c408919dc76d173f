"""Comparisons in words against their figures: the direction word (R005), the reason given for
the change (R006), and the change rate of a prior / current pair (R003, with the rates)."""

from __future__ import annotations

from ..arith import Interval, change_of_percent, change_percent, ratio_percent
from ..extract.changes import Change, prior_of, words
from ..extract.cues import cues
from ..lazy_re import cached_re
from ..model import Fact
from .base import Audit, Operand, check, emit_rate, show

_ZH = {"up": "增加", "down": "减少", "flat": "持平"}
_EN = {"up": "an increase", "down": "a decrease", "flat": "no change"}


def actual(c: Change) -> str | None:
    """What the figures say: up, down or flat (equal within their precision); None if unknown."""
    p, q = c.prior.q.interval, c.current.q.interval
    if p.overlaps(q):
        return "flat"
    return "up" if q.lo >= p.hi else "down"


def _operands(a: Audit, c: Change) -> list[Operand]:
    return [
        Operand(c.prior, f"比较基数 {a.name_of(c.prior)}"),
        Operand(c.current, a.name_of(c.current)),
    ]


@check("R005")
def direction_word(a: Audit) -> None:
    for c in a.changes:
        fig = actual(c)
        if fig is None:
            continue
        word = a.text[c.word.start : c.word.end]
        equal_stated = c.prior.q.base == c.current.q.base
        wrong = fig != c.direction and not (fig == "flat" and not equal_stated)
        if not wrong:
            a.mark("R005", c.prior, c.current)
            continue
        p, q = c.prior.q.raw, c.current.q.raw
        a.emit(
            "R005",
            c.word,
            f"称“{word}”，但所比较的两个数字为 {p} → {q}，是{_ZH[fig]}",
            f"says “{word}” but the figures compared, {p} → {q}, show {_EN[fig]}",
            _operands(a, c),
            {"formula": f"{p} → {q}", "expected": _ZH[fig], "stated": word},
        )


@check("R006")
def reason_direction(a: Audit) -> None:
    for c in a.changes:
        if c.reason is None or c.direction == "flat" or actual(c) != c.direction:
            continue
        kind, span = c.reason
        if kind in (c.direction, "flat"):
            continue
        said = a.text[c.word.start : c.word.end]
        reason = a.text[span.start : span.end]
        a.emit(
            "R006",
            span,
            f"变动为“{said}”（{c.prior.q.raw} → {c.current.q.raw}），所述原因却是“…{reason}”",
            f"the change is {_EN[c.direction]} ({c.prior.q.raw} → {c.current.q.raw}) but the reason given says “{reason}”",
            _operands(a, c),
            {
                "formula": f"{c.prior.q.raw} → {c.current.q.raw}",
                "expected": _ZH[c.direction],
                "stated": reason,
            },
        )


def _hold(
    a: Audit, r: Fact, expected: Interval, formula: str, ops: list[Operand], definition: str
) -> None:
    """A change rate held to what its figures give: marked when it agrees, else R003."""
    if expected.overlaps(r.q.interval):
        a.mark("R003", *(o.fact for o in ops))
        return
    emit_rate(
        a,
        "R003",
        r,
        expected,
        formula,
        "增减率与数字不符：",
        "the change rate does not follow from the figures: ",
        ops,
        definition,
    )


def change_rates(a: Audit) -> None:
    """R003 for a prior / current pair with its rate: |current − prior| ÷ prior."""
    for c in a.changes:
        r = c.rate
        if r is None or c.prior.q.interval.contains_zero() or r.q.value < 0:
            continue  # growth from nothing is a habit of words, not arithmetic
        expected = change_percent(c.current.q.interval, c.prior.q.interval)
        if expected is None:
            continue
        p, q = c.prior, c.current
        _hold(
            a,
            r,
            expected,
            f"|{q.q.value} - {p.q.value}| ÷ {p.q.value} × 100% = {show(expected.mid, r)}%",
            [*_operands(a, c), Operand(r, "增减率")],
            "|本年 − 上年| ÷ 上年",
        )


def change_amounts(a: Audit) -> None:
    """R003 for a from-to pair and the amount stated after it: |current − prior|."""
    for c in a.changes:
        d = c.amount
        if d is None:
            continue
        expected = abs(c.current.q.interval - c.prior.q.interval)
        if expected.overlaps(abs(d.q.interval)):
            a.mark("R003", c.prior, c.current, d)
            continue
        p, q = c.prior, c.current
        want = show(expected.mid, d)
        a.emit(
            "R003",
            d,
            f"增减额与数字不符：|{q.q.value} - {p.q.value}| = {want} ≠ {d.q.value}",
            f"the change does not follow from the figures: |{q.q.value} - {p.q.value}| = {want} ≠ {d.q.value}",
            [*_operands(a, c), Operand(d, "增减额")],
            {
                "formula": f"|{q.q.value} - {p.q.value}| = {want} ≠ {d.q.value}",
                "expected": want,
                "stated": str(d.q.value),
            },
        )


def change_of_figure_before(a: Audit) -> None:
    """R003 for "Y年度收入、支出总计各为A万元。与Y-1年度相比，收、支总计各增加B万元，增长C%": the
    change and its rate in one sentence, the figure they are of alone in the sentence before (or
    stated twice there, as the equal totals of revenue and spending). The base is A − B for an
    increase, A + B for a decrease."""
    if a.year is None:
        return
    reason_rx = words().reason_rx
    for si, fs in a.by_sentence.items():
        money = [f for f in fs if f.q.family == "money"]
        if len(money) > 1:
            sent = a.segs.sentences[si]
            why = reason_rx.search(a.text, sent.start, sent.end)
            if why is not None:  # "…下降29.2%，主要原因：…下拨了…74.31万元": the reason's own
                fs = [f for f in fs if f.span.start < why.start()]
                money = [f for f in fs if f.q.family == "money"]
        rates = [f for f in fs if f.q.family == "percent"]
        if len(money) != 1 or len(rates) != 1 or "R003" in rates[0].used_by or si == 0:
            continue
        d, r = money[0], rates[0]
        if d.concept != "change.amount" or r.q.operator or d.q.approx:
            continue
        para = a.segs.sentences[si].paragraph
        if a.segs.sentences[si - 1].paragraph != para:
            continue
        before = [f for f in a.by_sentence.get(si - 1, []) if f.q.family != "percent"]
        # (or its figures all state one value: "收入总计A，支出总计A。收支较上年增加B，增长r%")
        if (
            not before
            or any(f.q.value != before[0].q.value or f.q.unit != before[0].q.unit for f in before)
            or before[0].q.family != "money"
            or any(f.period != str(a.year) for f in before)
            or any(a.lex.kind(f.concept) == "relation" for f in before)  # a change is no whole
        ):
            continue
        whole = before[0]
        if _names_another(a, d, before):
            continue  # "收入总计A，支出总计A。年末结转和结余较上年减少B": another item's change
        prior = prior_of(whole, d)
        if prior is None:
            continue
        found, base = prior
        if base.contains_zero():
            continue
        signed = d.q.interval if found == "up" else -d.q.interval
        expected = change_of_percent(whole.q.interval, signed)
        if expected is None:
            continue
        sign = "-" if found == "up" else "+"
        _hold(
            a,
            r,
            expected,
            f"{d.q.value} ÷ ({whole.q.value} {sign} {d.q.value}) × 100% = {show(expected.mid, r)}%",
            [Operand(whole, a.name_of(whole)), Operand(d, "增减额"), Operand(r, "增减率")],
            "增减额 ÷ 上年数",
        )


def _names_another(a: Audit, change: Fact, wholes: list[Fact]) -> bool:
    """Whether a change's own words, its comparison aside ("较上年决算数"), name a measure or a
    scope none of the figures before states: "其中财政拨款收入较上年增加B", "本年收入合计较上年
    增加B" after "收入总计A" are changes of other figures (收支, 收入、支出总计 name theirs)."""
    named = words().direction_rx.sub("", _COMPARISON.sub("", change.label))
    c = a.lex.concept(named)
    if c is not None and a.lex.kind(c.key) == "amount" and all(f.concept != c.key for f in wholes):
        return True
    s = a.lex.scope(named)
    return (
        s is not None
        and not a.lex.is_generic_scope(s.key)
        and all(s.key not in f.scope.split("·") for f in wholes)
    )


# the words of a comparison in a change's label: what it is compared with, and how it moved
_COMPARISON = cached_re(
    r"[比较与]\s*(?:"
    + cues().prior
    + r"|(?:19|20)\d{2}\s*年)度?(?:决算数|预算数|同期)?(?:相比)?|同比"
)


# "支出总计1741.75万元…完成年初预算100%，决算数大于预算数55.93万元": the budget is the outcome less
# (or plus) the stated difference, and the completion rate is the outcome over it.
_COMPLETED = cached_re(r"完成(?:年初|全年|调整后)?预算(?:数)?的?$")
_SPENT = ("spending.actual", "total.expenditure", "total.expenditure.grand")


@check("R001")
def completion_against_difference(a: Audit) -> None:
    claim_rx = words().claim_rx
    for facts in a.by_sentence.values():
        for k, rate in enumerate(facts):
            if rate.q.family != "percent" or not _COMPLETED.search(rate.label):
                continue
            spent = next(
                (f for f in reversed(facts[:k]) if f.concept in _SPENT and f.q.family == "money"),
                None,
            )
            diff = facts[k + 1] if k + 1 < len(facts) else None
            if spent is None or diff is None or diff.q.family != "money":
                continue
            m = claim_rx.search(diff.label)
            if m is None or diff.q.unit != spent.q.unit:
                continue
            said = words().direction[m.group("w")]
            if said not in ("up", "down"):
                continue
            up = said == "up"  # 决算数大于预算数: the budget is the outcome less the difference
            budget = (
                spent.q.interval - diff.q.interval if up else spent.q.interval + diff.q.interval
            )
            expected = ratio_percent(spent.q.interval, budget)
            if expected is None:
                continue
            ops = [
                Operand(spent, "决算数"),
                Operand(diff, "决算数与预算数之差"),
                Operand(rate, "完成率"),
            ]
            if expected.overlaps(rate.q.interval):
                a.mark("R001", spent, diff, rate)
                continue
            op = "−" if up else "+"
            emit_rate(
                a,
                "R001",
                rate,
                expected,
                f"{spent.q.value} ÷ ({spent.q.value} {op} {diff.q.value}) × 100% = "
                f"{show(expected.mid, rate)}%",
                "完成预算的比例与决算数、预算差额不符：",
                "the share of the budget completed does not follow from the outcome and the "
                "stated difference: ",
                ops,
                "决算数 ÷ 预算数 × 100%，预算数 = 决算数 ∓ 差额",
            )
