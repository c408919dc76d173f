"""Restatements: one figure (concept, scope, period) stated in several places with different values."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from itertools import combinations

from ..catalogue import lexicon
from ..extract.cues import alt, cues
from ..extract.structures import ACTUAL
from ..lazy_re import cached_re, lazy
from ..model import Fact
from .base import Audit, Operand, check, clean

_NOISE = cached_re(
    r"(?:19|20)\d{2}\s*年度?|截至|截止|此次|评价时间节点|全年|本年|年度|支出|预算|资金|经费|财政|安排"
    r"|年中|因|故|原因是|为|是|共|计|达|的|其中|总|：|:|\s"
)


MAX_VALUES = 4  # one figure stated with more values than this is several figures
_NEEDS_SUBJECT = {"rate.completion", "target.amount"}


def subject(a: Audit, f: Fact) -> str:
    """What a rate or target is of ("土地征收" in 土地征收完成率): part of its identity. It
    depends on the label alone (in one audit): read once per label."""
    memo: dict[str, str] | None = getattr(a, "_subjects", None)
    if memo is None:
        memo = a._subjects = {}  # type: ignore[attr-defined]
    got = memo.get(f.label)
    if got is None:
        got = memo[f.label] = _subject(a, f.label)
    return got


def _subject(a: Audit, label: str) -> str:
    m = a.lex.concept(label)
    if m is None:
        return ""
    head = label[: m.start] + label[m.end :]  # 土地征收完成率, 计划举办赛事活动
    if a.department:
        head = head.replace(a.department, "")
    for phrase in a.lex.scope_phrases:
        head = head.replace(phrase, "")
    return _NOISE.sub("", head)


def key(a: Audit, f: Fact) -> tuple | None:
    q = f.q
    if q.operator or q.approx or not f.concept:
        return None
    kind = a.lex.concepts[f.concept]["kind"]  # a.lex.kind(f.concept), without the call
    if kind != "amount" and kind != "rate":
        return None
    family = q.family
    if kind == "amount" and family == "percent":
        return None  # "为年初预算的87.70%": a ratio to the amount, not the amount
    if "indicator" in f.used_by:
        return None  # an indicator's target is not a statement of fact
    memo = a.__dict__.get("_subjects")  # subject(a, f) once read for the label: no call
    subj = memo.get(f.label) if memo is not None else None
    if subj is None:
        subj = subject(a, f)
    if not subj and f.concept in _NEEDS_SUBJECT:
        return None  # "完成率100%" alone is about its sentence's indicator, not one figure
    measure = q.unit if family == "count" else family
    # revenue and spending are never one figure (_flow: an amount's label alone says which)
    flow = _flow(a, f, kind) if kind == "rate" else ("收入" if "收入" in f.label else "")
    scope = "项目支出" if f.scope == "项目" else f.scope  # "调整后项目共4个…": the projects' total
    return (f.concept, measure, scope, f.period, subj + _qualifier(a, f), flow, a.subject_of(f))


def _flow(a: Audit, f: Fact, kind: str | None) -> str:
    """收入 when the figure is revenue: its label says so, or (a rate) the amount it follows in
    its sentence does ("一般公共预算收入完成56033万元，完成年初预算的45.5%"). A rate whose words
    only relate it to that amount ("完成预算的", "占…的") is that amount's: the amount's words
    are part of what it is ("大口径财政收入…完成预算的102.91%" and "公共财政预算收入…完成预算的
    106.24%" are two rates)."""
    flow = "收入" if "收入" in f.label else ""
    if kind != "rate":
        return flow
    lo = a.segs.sentences[f.sentence].start
    before = next((g for g in a.backwards(f.span.start, lo) if g.q.family == "money"), None)
    if before is None:
        return flow
    if "收入" in before.label:
        flow = "收入"
    if cues().base_opens_rx.match(f.label.lstrip()):
        flow += "·" + _NOISE.sub("", _MONTHS.sub("", before.label))
    return flow


_MONTHS = cached_re(r"\d+\s*[-—至到]\s*\d+\s*月份?|\d+\s*月份?")  # "1-5月" (_NOISE takes years)


_CLAUSE_END = "，,；;。：:\n"
_QUALIFIER_REACH = 40  # characters before a label a glossed name may take
_LIST_ENDS = cached_re(
    r"(?:" + alt(lexicon()["lists"]["parts"]) + r")[：:]\s*$"
)  # "…其中：" ends it


def _sibling_wholes(a: Audit, scopes: set[str]) -> bool:
    """Whether two of these scopes are different parts of one known partition (基本支出 and
    项目支出): figures listed under them are figures of two things."""
    return any(a.lex.siblings(x, y) for x, y in combinations(sorted(scopes), 2))


def _wholes_differ(a: Audit, facts: list[Fact]) -> bool:
    """Whether figures are listed as parts of two different wholes ("年初收入预算51587.78万元，
    其中财政拨款A…。年中调整预算64163.86万元，其中财政拨款B"): each is its own whole's part, two
    figures, however alike their words. So are wholes of one measure and year that their words
    tell apart and that state two values ("改革前收入16.16亿元，其中税收A…改革后收入12.70亿元，
    其中税收B"). Wholes of one measure, year and words (one figure restated, rightly or not, or
    the same stage of two scopes) leave their parts compared."""
    wholes = [w for f in facts if (w := _listed_under(a, f)) is not None]
    if len({(w.concept, w.period) for w in wholes}) > 1:
        return True
    first = wholes[0] if wholes else None
    return any(
        subject(a, w) != subject(a, first) and not w.q.interval.overlaps(first.q.interval)
        for w in wholes[1:]
    )


def _listed_under(a: Audit, f: Fact) -> Fact | None:
    """The whole a figure is listed under: its breakdown's, or the amount before the 其中 that
    opens its clause list in its sentence (a part of another measure, such as a carry-over in a
    revenue list, is in no breakdown but still listed under that whole)."""
    bd = a.st.part_of.get(f.id)
    if bd is not None:
        return bd.total
    lo = a.segs.sentences[f.sentence].start
    cue = None
    for m in cues().parts_rx.finditer(a.text, lo, f.span.start):
        cue = m
    if cue is None:
        return None
    return next(
        (g for g in a.backwards(cue.start(), lo) if a.lex.kind(g.concept) == "amount"), None
    )


def _whole_scope(a: Audit, f: Fact) -> str | None:
    """The scope of the whole a figure is listed under: its breakdown's, or (for the first
    figure of a paragraph after one that ends with "其中：") the last amount before that cue's."""
    bd = a.st.part_of.get(f.id)
    if bd is not None:
        return bd.total.scope
    para = a.segs.paragraphs[f.paragraph]
    if f.paragraph == 0 or a.facts_in(para.start, f.span.start):
        return None
    before = a.segs.paragraphs[f.paragraph - 1]
    m = _LIST_ENDS.search(a.text, before.start, before.end)
    if m is None:
        return None
    head = next(
        (g for g in a.backwards(m.start(), before.start) if a.lex.kind(g.concept) != "relation"),
        None,
    )
    return head.scope if head is not None else None


def _qualifier(a: Audit, f: Fact) -> str:
    """A name glossed by a parenthesis just before the label ("县（市、区）一般公共预算收入"):
    the label starts after the parenthesis, but what the figure is of starts before it."""
    i = a.text.rfind(f.label, max(0, f.span.start - len(f.label) - 4), f.span.start)
    if i < 1 or a.text[i - 1] not in ")）":
        return ""
    lo = max(0, i - _QUALIFIER_REACH)
    opened = max(a.text.rfind("(", lo, i), a.text.rfind("（", lo, i))
    if opened < 0:
        return ""
    start = max(a.text.rfind(c, lo, opened) for c in _CLAUSE_END) + 1
    return _NOISE.sub("", a.text[max(start, lo) : opened])


@check("S001")
def restated_differently(a: Audit) -> None:
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in a.facts:
        k = key(a, f)
        if k is not None:
            groups[k].append(f)
    for k, facts in groups.items():
        if len(facts) < 2:
            continue
        # "总预算2455.5万元，其中…项目支出87.5万元": a whole is never its own part restated
        wholes = {bd.total.id for f in facts if (bd := a.st.part_of.get(f.id)) is not None}
        if wholes:
            facts = [f for f in facts if f.id not in wholes]
            if len(facts) < 2:
                continue
        _compare(a, k, facts)


def _clusters(facts: list[Fact]) -> list[list[Fact]] | None:
    """The figures grouped by value (intervals that overlap the first of a group's); None for
    more than MAX_VALUES values: the key then names several things, not one figure."""
    clusters: list[list[Fact]] = []
    firsts = []  # each cluster's first interval (an interval is looked up, not free)
    for f in facts:
        iv = f.q.interval
        for c, first in zip(clusters, firsts, strict=True):
            if iv is first or first.overlaps(iv):  # (one figure's value: its interval, shared)
                c.append(f)
                break
        else:
            clusters.append([f])
            firsts.append(iv)
            if len(clusters) > MAX_VALUES:
                return None
    return clusters


def _level_of(a: Audit, f: Fact) -> str | None:
    """The level of government ("全区", "区本级") named last before f in its paragraph where a
    statement or a numbered item opens: a report of one long line runs its levels' sections on
    ("1.全区…。加…9.5亿元。2.区本级…9.1亿元"), which the outline, by paragraph, cannot tell apart."""
    # the paragraph's levels, read once for it: the paragraphs asked about, not the whole text
    memo = a.__dict__.setdefault("_level_marks", {})
    marks = memo.get(f.paragraph)
    if marks is None:
        para = a.segs.paragraphs[f.paragraph]
        found = [
            (m.start(1), m.group(1)) for m in _LEVEL_OPENS.finditer(a.text, para.start, para.end)
        ]
        marks = memo[f.paragraph] = ([p for p, _ in found], [lv for _, lv in found])
    starts, levels = marks
    k = bisect.bisect_right(starts, f.span.start) - 1
    return levels[k] if k >= 0 else None


# a level of government where a statement opens (after 。；, a blank or a line's start) or after
# an item's number ("2.区本级一般公共预算收支决算情况")
_LEVEL_OPENS = lazy(
    r"(?:(?<=[。；;\s])|^)(?:[（(]?[一二三四五六七八九十\d]{1,3}[、.．)）]\s*)?("
    + alt(lexicon()["document"]["government_levels"])
    + ")",
    re.M,
)


def _compare(a: Audit, k: tuple, facts: list[Fact], by_item: bool = True) -> None:
    """S001 over figures of one key, unless what they stand under makes them several things."""
    clusters = _clusters(facts)
    if clusters is None:
        return
    if len(clusters) == 1:
        a.mark("S001", *facts)
        return
    if len({f.sentence for f in facts}) == 1:
        return  # "追加X，调减Y": two figures of one sentence are two things, not one restated
    if _sibling_wholes(a, {w for f in facts if (w := _whole_scope(a, f))}):
        return  # 商品和服务支出 of 基本支出 and of 项目支出: parts of two wholes
    if len({h for f in facts if (h := a.outline.scope_above(f.paragraph))}) > 1:
        return  # "1. 一般公共预算…收入合计A" / "2. 政府性基金预算…收入合计B": two budgets
    if len({h for f in facts if (h := a.outline.lead_of(f.paragraph))}) > 1:
        return  # "1. 基本支出…商品和服务支出A" / "2. 项目支出…其中：商品和服务支出B"
    if len({_NOISE.sub("", t) for f in facts if (t := a.outline.topic_of(f.paragraph))}) > 1:
        return  # "在41个县…上，收入A" / "在59个区…上，收入B": two subjects
    if _wholes_differ(a, facts):
        return  # "年初预算A，其中B1…。调整预算C，其中B2…": parts of two different wholes
    if len({lv for f in facts if (lv := _level_of(a, f))}) > 1:
        return  # "1.全区…收入A…动用…9.5亿元。2.区本级…动用…9.1亿元": two levels' figures
    if by_item:
        # "一是县档案馆，下达资金A…二是县博物馆，下达资金B", "全市总投资A…4个县(市)共实施…
        # 总投资B": the figures of each item (and those outside any) are compared apart
        items: dict[str | None, list[Fact]] = defaultdict(list)
        for f in facts:
            items[a.outline.item_of(f.paragraph, f.span.start)].append(f)
        if len(items) > 1:
            for own in items.values():
                if len(own) > 1:
                    _compare(a, k, own, by_item=False)
            return
    concept, _, scope, period, subj, _flow, _subject = k
    name = a.lex.name(concept)
    name_en = a.lex.name(concept, "en")
    where = "、".join(c[0].q.raw for c in clusters)
    primary = clusters[1][0]
    period_zh = {"mid": "年中"}.get(period, f"{period}年" if period.isdigit() else period)
    counted = "，个数" if facts[0].q.family == "count" else ""
    desc = f"{subj}{name}（{scope}，{period_zh}{counted}）"
    ops = [Operand(f, f"{subj}{name}") for f in facts]
    a.emit(
        "S001",
        primary,
        f"{desc}前后不一致：{where}",
        f"{subj}{name_en} ({scope}, {period}) is stated with different values: {where.replace('、', ', ')}",
        ops,
        {
            "values": [c[0].q.raw for c in clusters],
            "formula": " ≠ ".join(c[0].q.raw for c in clusters),
        },
    )


@check("S001")
def indicator_actuals(a: Audit) -> None:
    """An indicator's actual value stated twice with two values ("实际完成值42次…实际完成44次")."""
    for ind in a.st.indicators:
        t = ind.target
        if t is None:
            continue
        sentences = dict.fromkeys([t.sentence, *ind.final_sentences])
        actuals = [
            f
            for si in sentences
            for f in a.by_sentence.get(si, [])
            if f is not t
            and f.q.unit == t.q.unit
            and f.concept is None
            and f.period != "mid"
            and (f in ind.final or ACTUAL.search(f.label))
            and not f.q.operator
        ]
        if len(actuals) < 2:
            continue
        first = actuals[0]
        other = next((f for f in actuals[1:] if not f.q.interval.overlaps(first.q.interval)), None)
        if other is None:
            a.mark("S001", *actuals)
            continue
        values = "、".join(dict.fromkeys(f.q.raw for f in actuals))
        a.emit(
            "S001",
            other,
            f"指标“{ind.name}”的实际完成值前后不一致：{values}",
            f"the actual value of the indicator '{ind.name}' is stated with different values: {values.replace('、', ', ')}",
            [Operand(f, "实际完成值") for f in actuals],
            {"values": [f.q.raw for f in actuals], "formula": f"{first.q.raw} ≠ {other.q.raw}"},
        )


_HEADING_GAP = lazy(r"^[\s”\"’'」』]*(?:科目)?[\s：:]*$")
_PLANNED = lazy(r"预算安排|安排预算|预算数|预算为|预算")


@check("S001")
def subject_amounts(a: Audit) -> None:
    """A 科目's amount stated in its heading ("…（项）”350.35万元") and again as this year's
    budget in its paragraph ("2024年预算安排352.67万元") must be one figure."""
    if a.year is None:
        return
    this = str(a.year)
    for m in a.mentions:
        after = a.facts_in(m.end, m.end + 40)
        head = next((f for f in after if f.q.family == "money"), None)
        if head is None or not _HEADING_GAP.match(a.text[m.end : head.span.start]):
            continue
        again = [
            f
            for f in a.facts_in(head.span.end, head.span.end + 2000)
            if f.q.family == "money"
            and f.period == this
            and not f.q.operator
            and not f.q.approx
            and a.subject_of(f) == m.key
            and _PLANNED.search(f.label)
            and "决算" not in f.label
            and "执行" not in f.label
        ]
        for f in again:
            if f.q.interval.overlaps(head.q.interval):
                a.mark("S001", head, f)
                continue
            name = "·".join(m.names)
            a.emit(
                "S001",
                f,
                f"科目“{name}”的本年预算前后不一致：{head.q.raw}、{f.q.raw}",
                f"the budget of 科目 '{name}' is stated with different values: {head.q.raw}, {f.q.raw}",
                [Operand(head, f"{name}（标题）"), Operand(f, clean(f.label))],
                {
                    "values": [head.q.raw, f.q.raw],
                    "formula": f"{head.q.raw} ≠ {f.q.raw}",
                    "slip": True,
                },
            )
