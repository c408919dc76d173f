"""Adjustments: 年初预算数 + 调整数 = 调整后预算数, and the adjustment rate that follows."""

from __future__ import annotations

from collections import defaultdict

from ..arith import Interval, ratio_percent, relative_percent
from ..catalogue import lexicon
from ..extract.cues import cues
from ..model import Fact
from .base import Audit, Operand, check, emit_rate, measure, show

INITIAL, ADJ, ADJUSTED = "budget.initial", "budget.adjustment", "budget.adjusted"
_CUT = cues().cuts_rx
_SHARED_OUT = tuple(lexicon()["lists"]["respectively"])  # 分别: figures shared out over items


def cut(a: Audit, f: Fact) -> bool:
    """调减: said of the figure, or of the total it is a part of ("调减76万元（项目支出76万元）")."""
    bd = a.st.part_of.get(f.id)
    return bool(_CUT.search(f.label) or (bd is not None and _CUT.search(bd.total.label)))


def signed(a: Audit, f: Fact) -> Interval:
    iv = f.q.interval
    return -iv if cut(a, f) and f.q.value > 0 else iv


def _groups(a: Audit) -> dict[tuple, dict[str, list[Fact]]]:
    """Per sentence, scope and measure: the initial, adjustment, adjusted figures and rates.
    Read once an audit: A001 and A002 both ask (neither adds to the groups: they look up
    with get, and index only the lists get found)."""
    memo = a.__dict__.get("_adjustment_groups")
    if memo is None:
        memo = a.__dict__["_adjustment_groups"] = _read_groups(a)
    return memo


def _read_groups(a: Audit) -> dict[tuple, dict[str, list[Fact]]]:
    out: dict[tuple, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for f in a.facts:
        if f.concept in (INITIAL, ADJ, ADJUSTED, "rate.adjustment") and not f.q.operator:
            out[(f.sentence, f.scope, measure(f))][f.concept].append(f)
    return out


def _initial_for(a: Audit, g: dict[str, list[Fact]], like: Fact) -> Fact | None:
    if g.get(INITIAL):
        return g[INITIAL][0]
    return a.stated_once(INITIAL, like.scope, like.period, measure(like))


def _adjustment(a: Audit, adjs: list[Fact]) -> tuple[Interval, str]:
    """The adjustments of one sentence added up (追加 +, 调减 −) and how to write that sum."""
    iv = signed(a, adjs[0])
    terms = [show(iv.mid, adjs[0])]
    for d in adjs[1:]:
        s = signed(a, d)
        iv = iv + s
        terms.append(f"- {show(-s.mid, d)}" if s.mid < 0 else f"+ {show(s.mid, d)}")
    return iv, " ".join(terms)


def _by_clause(a: Audit, g: dict[str, list[Fact]]) -> list[dict[str, list[Fact]]]:
    """The group, or, where it holds two initial budgets, each ；clause's part of it: two items'
    figures ("A年初预算100万元，调减为80万元；B年初预算50万元，追加至70万元"). A clause that
    still holds two is none."""
    if any(w in f.label for fs in g.values() for f in fs for w in _SHARED_OUT):
        return []  # "分别调整为A和B，分别调增C、调减D": whose is which is not read
    if len(g.get(INITIAL, ())) < 2:
        return [g]
    parts: dict[int, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for concept, facts in g.items():
        for f in facts:
            start = a.segs.sentences[f.sentence].start
            parts[sum(a.text.count(c, start, f.span.start) for c in "；;")][concept].append(f)
    # a clause of two initial budgets ("A和B年初预算分别为…，分别调整为…"): which is whose is
    # not read, and the clause is left alone
    return [p for p in parts.values() if len(p.get(INITIAL, ())) < 2]


@check("A001")
def adjustment_identity(a: Audit) -> None:
    for g in (c for whole in _groups(a).values() for c in _by_clause(a, whole)):
        if not g.get(ADJ) or not g.get(ADJUSTED):
            continue
        t = g[ADJUSTED][0]
        i = _initial_for(a, g, t)
        if i is None:
            continue
        adjs = g[ADJ]
        d_iv, d_terms = _adjustment(a, adjs)
        computed = i.q.interval + d_iv
        ops = (
            [Operand(i, "年初预算数")]
            + [Operand(d, "调整数") for d in adjs]
            + [Operand(t, "调整后预算数")]
        )
        if computed.overlaps(t.q.interval):
            a.mark("A001", i, *adjs, t)
            continue
        exp = show(computed.mid, t)
        diff = show(abs(computed.mid - t.q.base), t)
        sign = f"- {d_terms[1:]}" if d_terms.startswith("-") else f"+ {d_terms}"
        formula = f"{i.q.value} {sign} = {exp}"
        scope = "" if t.scope == "部门整体" else f"（{t.scope}）"
        a.emit(
            "A001",
            t,
            f"年初预算数 + 调整数 ≠ 调整后预算数{scope}：{formula} ≠ {t.q.value}，差 {diff}",
            f"initial + adjustment ≠ adjusted budget{scope}: {formula} ≠ {t.q.value}, off by {diff}",
            ops,
            {
                "formula": f"{formula} ≠ {t.q.value}",
                "expected": exp,
                "stated": str(t.q.value),
                "difference": diff,
                "unit": t.q.unit,
            },
        )


def _rate_tries(a: Audit, money: dict[str, list[Fact]], r: Fact) -> tuple[list, Fact | None]:
    """The adjustment rates one scope's figures give: (expected, operands, formula numerator)."""
    i = _initial_for(a, money, r)
    if i is None:
        return [], None
    # 调整数 as stated, or as 调整后 − 年初: the rate is consistent with either (when they
    # disagree, A001 reports the figures themselves)
    options = []
    if money.get(ADJ):
        num, terms = _adjustment(a, money[ADJ])
        formula_num = f"({terms})" if len(money[ADJ]) > 1 else terms
        options.append(
            (
                ratio_percent(num, i.q.interval),
                [Operand(d, "调整数") for d in money[ADJ]],
                formula_num,
            )
        )
    if money.get(ADJUSTED):
        c = money[ADJUSTED][0]
        options.append(
            (
                relative_percent(c.q.interval, i.q.interval),  # (the 年初 figure used once)
                [Operand(c, "调整后预算数")],
                f"({c.q.value} - {i.q.value})",
            )
        )
    tried = []
    for expected, ops, formula_num in options:
        if expected is not None:
            tried.append(
                (expected, [*ops, Operand(i, "年初预算数"), Operand(r, "预算调整率")], formula_num)
            )
    return tried, i


@check("A002")
def adjustment_rate(a: Audit) -> None:
    groups = _groups(a)
    money_scopes: dict[int, list[str]] = defaultdict(list)  # sentence → its money groups' scopes
    for s2i, s2, m2 in groups:
        if m2 == "money":
            money_scopes[s2i].append(s2)
    for (si, scope, _), g in groups.items():
        for r in g.get("rate.adjustment", []):
            if r.q.family != "percent":
                continue
            # "…；调整后G，其中…项目支出F，预算调整率P%": the rate may be the part's or the whole's;
            # either explaining it will do, and a finding names the rate's own scope
            scopes = [scope] + [s2 for s2 in money_scopes.get(si, ()) if s2 != scope]
            own = [f for fs in groups.get((si, scope, "money"), {}).values() for f in fs]
            heads = [bd.total.scope for f in own if (bd := a.st.part_of.get(f.id)) is not None]
            if heads and heads[0] in scopes:  # the scope of a listed part: the whole's first
                scopes.remove(heads[0])
                scopes.insert(0, heads[0])
            hit = None
            first: tuple[list, Fact | None, dict] | None = None
            for sc in scopes:
                money = groups.get((si, sc, "money"), {})
                tried_, i_ = _rate_tries(a, money, r)
                if not tried_:
                    continue
                first = first or (tried_, i_, money)
                hit = next((t for t in tried_ if abs(t[0]).overlaps(abs(r.q.interval))), None)
                if hit is not None:
                    break
            if hit is not None:
                a.mark("A002", *(o.fact for o in hit[1]))
                continue
            if first is None:
                continue
            tried, i, money = first
            if i is None:
                continue
            expected, ops, formula_num = tried[0]
            exp = show(expected.mid, r)
            formula = f"{formula_num} ÷ {i.q.value} × 100% = {exp}%"
            note_zh = note_en = ""
            if money.get(ADJUSTED):
                c = money[ADJUSTED][0]
                alt = ratio_percent(c.q.interval, i.q.interval)
                if alt is not None and alt.overlaps(r.q.interval):
                    note_zh = (
                        f"（所述值等于 调整后÷年初 = {c.q.value} ÷ {i.q.value}，不是调整率的口径）"
                    )
                    note_en = f" (the stated value is adjusted ÷ initial = {c.q.value} ÷ {i.q.value}, not the adjustment rate)"
            emit_rate(
                a,
                "A002",
                r,
                expected,
                formula,
                "预算调整率应为 调整数 ÷ 年初预算数：",
                "adjustment rate = adjustment ÷ initial budget: ",
                ops,
                "调整数 ÷ 年初预算数",
                (note_zh, note_en),
            )
