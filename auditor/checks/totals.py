"""Totals: a figure and the parts it is broken into must add up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..arith import Interval, total
from ..catalogue import lexicon
from ..extract.changes import prior_of
from ..extract.cues import alt
from ..extract.structures import PEOPLE_UNITS
from ..lazy_re import cached_re
from ..model import Fact
from .base import Audit, Operand, check, clean, emit_sum, emit_unit_slip, show, sum_formula


@check("T001", "T002", "U001")
def breakdown_sums(a: Audit) -> None:
    for bd in a.st.breakdowns:
        head = bd.total
        parts = bd.parts
        if not bd.exhaustive:
            # a 其中 list may be partial: only parts stated in one sentence can be too many
            parts = [p for p in parts if p.sentence == parts[0].sentence]
        computed = total([p.q.interval for p in parts])
        stated = head.q.interval
        ops = [Operand(head, "合计")] + [Operand(p, p.scope) for p in parts]
        if computed.overlaps(stated) or (not bd.exhaustive and computed.lo <= stated.hi):
            if computed.overlaps(stated) or not emit_unit_slip(a, head, parts, ops):
                a.mark("T001" if bd.exhaustive else "T002", head, *parts)
            continue  # (a 其中 list short as written may be whole in the document's unit)
        # the parts by their scopes, or by their words where scopes do not tell them apart
        # ("项目决策15分，项目过程19分": both of 项目)
        distinct = len({p.scope for p in parts}) == len(parts)
        names = "、".join(p.scope if distinct else clean(p.label) or p.scope for p in parts)
        if bd.cue == "其中" and _wholes_before(a, head, computed):
            continue  # "采购金额A，采购预算B。其中…" adds up to A; "…B。…C。其中…" to B + C
        if bd.exhaustive:
            emit_sum(  # (a unit slip first: emit_sum asks emit_unit_slip)
                a,
                "T001",
                head,
                head,
                parts,
                computed,
                f"{clean(head.label) or '合计'}{head.q.raw}不等于分项（{names}）之和",
                f"{head.q.raw} is not the sum of its parts ({names})",
                ops,
            )
            continue
        if emit_unit_slip(a, head, parts, ops):
            continue
        if _names_outside_staff(head, parts):
            continue  # "教职工62人，其中…，退休职工28人": the others make the 62
        if bd.cue == "其中" and _fits_an_earlier_figure(a, head, computed):
            continue  # "收到资金10.53亿元，支出9.4亿元。其中…": the list may be of the 10.53
        formula, s_sum = sum_formula(parts, computed, head)
        diff = show(abs(computed.mid - head.q.base), head)
        a.emit(
            "T002",
            head,
            f"“其中”所列分项之和超过总数：{formula} > {head.q.value}，超出 {diff}",
            f"the parts listed under 其中 exceed the total: {formula} > {head.q.value}, by {diff}",
            ops,
            {
                "formula": f"{formula} > {head.q.value}",
                "expected": f"≤ {head.q.value}",
                "stated": s_sum,
                "difference": diff,
                "unit": head.q.unit,
            },
        )


_OUTSIDE = tuple(lexicon()["lists"]["outside_staff"])


def _names_outside_staff(head: Fact, parts: list[Fact]) -> bool:
    """A list of people whose parts its words put outside the staff counted (退休, 编外 …) are
    all that exceeds the total: the others add up to it exactly ("教职工62人，其中…，退休职工
    28人"). Where the retired are counted in ("实有人数52人，其中在职41人，退休11人"), the
    others fall short, and an excess stays a slip."""
    if head.q.unit not in PEOPLE_UNITS:
        return False
    inside = [p for p in parts if not any(w in p.label for w in _OUTSIDE)]
    return len(inside) < len(parts) and total([p.q.interval for p in inside]).overlaps(
        head.q.interval
    )


def _amounts_before(a: Audit, head: Fact, lo: int) -> Iterator[Fact]:
    """The amounts stated before the head from lo on, nearest first, that could be a whole as
    the head is: of its family and depth, neither a relation nor approximate nor a bound."""
    for g in a.backwards(head.span.start, lo):
        if (
            g.q.family == head.q.family
            and g.in_parens == head.in_parens
            and a.lex.kind(g.concept) != "relation"
            and not g.q.approx
            and not g.q.operator
        ):
            yield g


def _wholes_before(a: Audit, head: Fact, computed: Interval) -> bool:
    """Whether the parts as written add up to another amount just before the head (the one before
    it in its sentence, or in the sentence before), or to that amount and the head together:
    a 其中 list after two wholes may be of the other, or of both."""
    lo = a.segs.sentences[max(0, head.sentence - 1)].start
    point = Interval.exact(computed.mid)  # as written: wide roundings of many parts match by chance
    for g in _amounts_before(a, head, lo):
        if g.paragraph != head.paragraph:
            break
        if g.q.unit == head.q.unit and (
            point.overlaps(g.q.interval) or point.overlaps(g.q.interval + head.q.interval)
        ):
            return True
    return False


def _fits_an_earlier_figure(a: Audit, head: Fact, computed: Interval) -> bool:
    """Whether an amount of another measure stated before the head in its sentence could hold
    the parts: a 其中 list after "收到A，支出B" may be of A, and then its parts exceeding B are no
    slip (a parenthesis right after the head is the head's own)."""
    if head.concept is None:
        return False  # "484个项目开复工358个，其中…": counts of one kind of thing, the nearer
    lo = a.segs.sentences[head.sentence].start
    return any(
        g.concept != head.concept and computed.lo <= g.q.interval.hi
        for g in _amounts_before(a, head, lo)
    )


# the concepts a known partition's whole and parts are figures of: budgets, spending, revenue
_MEASURED = ("budget.", "spending.", "revenue.")


@check("T001", "U001")
def partition_sums(a: Audit) -> None:
    """基本支出 + 项目支出 = the whole, for each budget concept, wherever each is stated once.

    Reports state the parts in one section and the whole in another ("调整后，基本支出全年预算…，
    项目支出全年预算…"); a breakdown in parentheses is already checked by breakdown_sums."""
    periods = {f.period for f in a.facts}
    concepts = {f.concept for f in a.facts if f.concept and f.concept.startswith(_MEASURED)}
    for whole_name, names in a.lex.partitions.items():
        whole_scope = "部门整体" if whole_name == "支出" else whole_name
        for concept in sorted(concepts):
            for period in sorted(periods):
                whole = a.stated_once(concept, whole_scope, period, "money")
                parts = [a.stated_once(concept, n, period, "money") for n in names]
                if whole is None or any(p is None for p in parts):
                    continue
                parts = [p for p in parts if p is not None]
                if any(a.st.part_of.get(p.id) for p in parts):
                    continue  # stated as a breakdown: breakdown_sums speaks for it
                computed = total([p.q.interval for p in parts])
                if computed.overlaps(whole.q.interval):
                    a.mark("T001", whole, *parts)
                    continue
                emit_sum(
                    a,
                    "T001",
                    whole,
                    whole,
                    parts,
                    computed,
                    f"{a.lex.name(concept)}{whole.q.raw}不等于{'与'.join(names)}之和",
                    f"{a.lex.name(concept, 'en')} {whole.q.raw} is not {' + '.join(names)}",
                    [Operand(whole, "合计")]
                    + [Operand(p, n) for p, n in zip(parts, names, strict=True)],
                )


@check("T001")
def score_sums(a: Audit) -> None:
    """百分制: item scores given with their maxima ("决策（20分）得分18分") add up to the overall
    score, when the maxima add up to 100."""
    for facts in a.by_sentence.values():
        overall = next((f for f in facts if f.concept == "score" and f.q.unit == "分"), None)
        if overall is None:
            continue
        items = [
            f
            for f in facts
            if f.concept == "score.item"
            and f.q.unit == "分"
            and not f.in_parens
            and "满分" not in f.label
        ]
        maxima = [f for f in facts if f.q.unit == "分" and f.in_parens]
        if not maxima:
            items = _score_run(a, facts, overall)
            if len(items) < 3:
                continue
        elif (
            len(items) < 2
            or len(maxima) != len(items)
            or not total([m.q.interval for m in maxima]).overlaps(Interval.exact(Decimal(100)))
        ):
            continue
        computed = total([f.q.interval for f in items])
        ops = [Operand(overall, "综合得分")] + [Operand(f, clean(f.label)) for f in items]
        if computed.overlaps(overall.q.interval):
            a.mark("T001", overall, *items)
            continue
        emit_sum(
            a,
            "T001",
            overall,
            overall,
            items,
            computed,
            f"综合得分{overall.q.raw}不等于各项得分之和",
            f"the overall score {overall.q.raw} is not the sum of the item scores",
            ops,
        )


_DEDUCTIONS = tuple(lexicon()["lists"]["deductions"])


def _score_run(a: Audit, facts: list[Fact], overall: Fact) -> list[Fact]:
    """ "项目立项6分，项目管理20分，产出指标45分，效益指标15分，总得分86分": item scores in a run,
    one to each clause, closed by the overall score; whether they are scores or their maxima,
    they add up to the figure that closes them. Empty when the figures do not make such a run
    (a score after the overall, a deduction, a parenthesis, two in a clause)."""
    run = [f for f in facts if f.q.unit == "分"]
    if not run or run[-1] is not overall or any(f.in_parens for f in run):
        return []
    items = run[:-1]
    if any(f.concept not in (None, "score.item") or f.label.startswith(_DEDUCTIONS) for f in items):
        return []
    pairs = zip(items, run[1:], strict=False)
    if not all(
        sum(a.text.count(c, x.span.end, y.span.start) for c in "，,、；;") == 1 for x, y in pairs
    ):
        return []
    return items


@check("T001")
def named_partitions(a: Audit) -> None:
    """ "基本支出包括人员经费X和日常公用经费Y": parts that name no measure add up to one of the
    whole's stated figures (its initial, adjusted or actual amount, whichever they are)."""
    measures: list[str] | None = None  # the report's budget and spending concepts, read once
    for facts in a.by_sentence.values():
        loose = [
            f for f in facts if f.concept is None and f.q.family == "money" and not f.in_parens
        ]
        if not loose:
            continue  # no part could be found: every partition below would be passed over
        first: dict[str, Fact] = {}  # each scope's first loose figure, as next(...) found it
        for f in loose:
            first.setdefault(f.scope, f)
        for whole_name, names in a.lex.partitions.items():
            parts = [first.get(n) for n in names]
            if any(p is None for p in parts) or whole_name == "支出":
                continue
            parts = [p for p in parts if p is not None]
            period = parts[0].period
            if measures is None:
                measures = sorted(
                    {f.concept for f in a.facts if f.concept and f.concept.startswith(_MEASURED)}
                )
            wholes = [
                w
                for c in measures
                if (w := a.stated_once(c, whole_name, period, "money")) is not None
            ]
            if not wholes:
                continue
            computed = total([p.q.interval for p in parts])
            if any(computed.overlaps(w.q.interval) for w in wholes):
                a.mark("T001", *parts, *(w for w in wholes if computed.overlaps(w.q.interval)))
                continue
            if _stated_elsewhere(a, whole_name, period, parts, computed):
                continue  # "完成政府采购A" names no known measure, yet A is the sum
            whole = min(wholes, key=lambda w: abs(w.q.base - computed.mid))
            formula, s_sum = sum_formula(parts, computed, whole)
            diff = show(abs(computed.mid - whole.q.base), whole)
            a.emit(
                "T001",
                parts[0],
                f"{'与'.join(names)}之和不等于{whole_name}的任何一个已述数字：{formula}，最接近的{a.lex.name(whole.concept)}为{whole.q.raw}，差 {diff}",
                f"{' + '.join(names)} matches none of the stated {whole_name} figures: {formula}; the nearest, {whole.q.raw}, is off by {diff}",
                [Operand(p, n) for p, n in zip(parts, names, strict=True)]
                + [Operand(w, whole_name) for w in wholes],
                {
                    "formula": f"{formula} ≠ {whole.q.value}",
                    "expected": s_sum,
                    "stated": str(whole.q.value),
                    "difference": diff,
                    "unit": whole.q.unit,
                },
            )


def _stated_elsewhere(
    a: Audit, whole: str, period: str, parts: list[Fact], computed: Interval
) -> bool:
    """Whether some amount of the parts' period, under whatever name ("完成政府采购24617.99万元",
    "本级收入45.19亿元"), is the parts' sum: the whole is stated after all, and the one the report
    states once elsewhere is another's. Looked for in the parts' paragraph and the one before
    (where a whole is stated with its parts; the whole text, for each sentence whose parts fit no
    whole, would cost its square)."""
    paragraphs = a.segs.paragraphs
    lo = paragraphs[max(0, parts[0].paragraph - 1)].start
    # as written (see _wholes_before), but a sum of a known partition's two or three parts
    # carries their rounding ("71.45 + 21.72" is 93.18 to the cent)
    point = computed if len(parts) <= 3 else Interval.exact(computed.mid)
    return any(
        # (of any name and measure: "太原财政收入为93.18亿…。其中税收收入71.45亿元…", "本级收入
        # 45.19亿元" a paragraph before "税收收入25.39亿元…非税收入19.8亿元": the whole is stated)
        f.period == period
        and f.q.family == "money"
        and a.lex.kind(f.concept) != "relation"
        and f not in parts
        and point.overlaps(f.q.interval)
        # (not a figure of another fund, nor of money from elsewhere: "政府性基金预算收入A",
        # "转移支付资金A" that happen to equal the parts' sum are not their whole)
        and a.lex.fund_of(f.label) in (None, a.lex.fund_of(whole))
        and not _FROM_ELSEWHERE.search(f.label)
        for f in a.facts_in(lo, paragraphs[parts[-1].paragraph].end)
    )


_FROM_ELSEWHERE = cached_re(alt(lexicon()["labels"]["from_elsewhere"]))


@check("T006")
def grand_totals_balance(a: Audit) -> None:
    """收入总计 = 支出总计 in a budget or final account, where the report shows that its two 总计
    are the 收支总表's: the changes it states rebuild last year's two totals as one figure.
    (Templates that give the year's own revenue and spending as "收、支总计" differ every year.)"""
    if a.genre not in ("budget", "final"):
        return
    for rev in a.facts:
        if rev.concept != "total.revenue.grand":
            continue
        if a.stated_once(rev.concept, rev.scope, rev.period, "money") is not rev:
            continue
        exp = a.stated_once("total.expenditure.grand", rev.scope, rev.period, "money")
        if exp is None or rev.q.interval.overlaps(exp.q.interval):
            continue
        priors = _priors_balance(a, rev, exp)
        if priors is None:
            continue
        diff = show(abs(rev.q.base - exp.q.base), rev)
        a.emit(
            "T006",
            exp,
            f"收入总计{rev.q.raw}与支出总计{exp.q.raw}不相等，差 {diff}（上年两者均为{priors}）",
            f"grand total revenue {rev.q.raw} and grand total expenditure {exp.q.raw} differ by "
            f"{diff} (last year both were {priors})",
            [Operand(rev, "收入总计"), Operand(exp, "支出总计")],
            {
                "formula": f"{rev.q.value} ≠ {exp.q.value}",
                "expected": f"= {rev.q.value}",
                "stated": str(exp.q.value),
                "difference": diff,
                "unit": exp.q.unit,
            },
        )


def _priors_balance(a: Audit, rev: Fact, exp: Fact) -> str | None:
    """Last year's 收入总计 and 支出总计 rebuilt from the one change of each stated from the
    totals' paragraph to the one after 支出总计's ("收入较上年减少A万元…支出较上年减少B万元"),
    when they are one figure."""
    para = a.segs.paragraphs[rev.paragraph]
    changes = [
        f
        for f in a.facts_in(
            para.start, a.segs.paragraphs[min(exp.paragraph + 1, len(a.segs.paragraphs) - 1)].end
        )
        if f.concept == "change.amount" and f.q.family == "money"
    ]
    priors = []
    for total_, flow, other in ((rev, "收入", "支出"), (exp, "支出", "收入")):
        own = [f for f in changes if flow in f.label and other not in f.label]
        prior = prior_of(total_, own[0]) if len(own) == 1 else None
        if prior is None:
            return None
        priors.append(prior[1])
    if not priors[0].overlaps(priors[1]):
        return None
    return show(priors[0].mid, rev)


_BALANCES = cached_re(r"\s*(?:" + alt(lexicon()["lists"]["balances"]) + ")")
_BALANCE_REACH = 2  # paragraphs before the balance the two built-up totals may stand in


@check("T007")
def balance_of_built_totals(a: Audit) -> None:
    """ "…加上…，收入总量T1。…加上…，支出总量T2。收支相抵，年终结转R": what is left is the
    revenue so built up less the spending so built up. Only totals read as the sum of a build-up
    (cue 加上) take part: their words are the report's own statement of the two totals."""
    built = [bd.total for bd in a.st.breakdowns if bd.cue == "加上"]
    if len(built) < 2:
        return
    for si, facts in a.by_sentence.items():
        sent = a.segs.sentences[si]
        if not _BALANCES.match(a.text, sent.start):
            continue
        left = [f for f in facts if f.q.family == "money" and not f.in_parens]
        if len(left) != 1 or left[0].q.operator or left[0].q.approx:
            continue
        r = left[0]
        near = [
            t
            for t in built
            if r.paragraph - _BALANCE_REACH <= t.paragraph <= r.paragraph
            and t.span.end <= r.span.start
            and t.q.unit == r.q.unit
        ]
        rev = next((t for t in reversed(near) if "收入" in t.label), None)
        exp = next((t for t in reversed(near) if "支出" in t.label), None)
        if rev is None or exp is None or "支出" in rev.label or "收入" in exp.label:
            continue
        expected = rev.q.interval - exp.q.interval
        if expected.overlaps(r.q.interval):
            a.mark("T007", r, rev, exp)
            continue
        exp_v = show(expected.mid, r)
        diff = show(abs(expected.mid - r.q.base), r)
        formula = f"{rev.q.value} − {exp.q.value} = {exp_v} ≠ {r.q.value}"
        a.emit(
            "T007",
            r,
            f"收支相抵后应为{clean(rev.label)}减{clean(exp.label)}：{formula}，差 {diff}",
            f"the balance should be {rev.q.raw} less {exp.q.raw}: {formula}, off by {diff}",
            [
                Operand(rev, clean(rev.label)),
                Operand(exp, clean(exp.label)),
                Operand(r, "收支相抵"),
            ],
            {
                "formula": formula,
                "expected": exp_v,
                "stated": str(r.q.value),
                "difference": diff,
                "unit": r.q.unit,
            },
        )
