"""Enumerations: "N个" followed by the items it announces."""

from __future__ import annotations

import bisect

from ..arith import total
from ..extract.cues import cues
from ..model import Fact, Related
from ..record import Record
from .base import Audit, Operand, check, emit_sum


@check("E001")
def enumeration_count(a: Audit) -> None:
    for en in a.st.enumerations:
        n = len(en.items)
        claimed = en.count.q.value
        related = [Related(s, f"第{i + 1}项") for i, s in enumerate(en.items)]
        if en.matches():
            a.mark("E001", en.count)
            continue
        a.emit(
            "E001",
            en.count,
            f"称“{en.count.q.raw}{en.noun}”，随后列出 {n} 项",
            f"says {en.count.q.raw} {en.noun} but lists {n} items",
            [Operand(en.count, "所述数量")],
            {
                "formula": f"{n} ≠ {claimed}",
                "expected": str(n),
                "stated": str(claimed),
                "difference": str(abs(n - claimed)),
            },
            related,
        )


def _item_amount(a: Audit, span_start: int, span_end: int, concept: str | None) -> Fact | None:
    """The one amount of an item that corresponds to the stated total."""
    money = [
        f for f in a.facts_in(span_start, span_end) if f.q.family == "money" and not f.in_parens
    ]
    if concept:
        same = [f for f in money if f.concept == concept]
        if not same and concept == "budget.adjusted":  # an item's "预算X万元" is its full year's
            same = [f for f in money if f.concept == "budget.generic"]
        if len(same) == 1:
            return same[0]
        if any(f.concept for f in money):
            return None
    return money[0] if len(money) == 1 else None


_PARTIAL = cues().some_rx  # "其中/部分/等" before a count: its items may be a part


def _claim_amounts(a: Audit, count: Fact) -> tuple[list[Fact], bool]:
    """The amounts a count's items add up to, and whether they may cover only part of them.

    "3个项目共计300万元" and "共安排项目2个，全年预算数X，实际支出Y，具体如下" state them with
    the count; "实际支出1320.43万元，主要用于以下3个方面" states it before (the N aspects cover
    it); "其中/部分" allow a part."""
    sentence = a.by_sentence[count.sentence]
    starts = _starts(a, count.sentence)  # the sentence's facts by bisection, not by scanning it
    after = []
    for f in sentence[bisect.bisect_right(starts, count.span.start) :]:
        if not f.in_parens:
            if f.q.family != "money":
                break
            gap = a.text[(after[-1] if after else count).span.end : f.span.start]
            if len(gap) > 12 or any(c in gap for c in "；;。：:（(①"):
                break
            after.append(f)
    if after:
        return after, False
    # the last figure before the count (outside parentheses) must be the amount
    last = None
    for f in reversed(sentence[: bisect.bisect_left(starts, count.span.start)]):
        if f.span.end <= count.span.start and not f.in_parens:
            last = f
            break
    if last is None or last.q.family != "money" or a.lex.kind(last.concept) == "relation":
        return [], False
    gap = a.text[last.span.end : count.span.start]
    return [last], bool(_PARTIAL.search(gap))


def _starts(a: Audit, sentence: int) -> list[int]:
    cache = a.__dict__.setdefault("_sentence_starts", {})
    if sentence not in cache:
        cache[sentence] = [f.span.start for f in a.by_sentence[sentence]]
    return cache[sentence]


class _Lists(Record):
    """The enumerations looked up by their count, and where to start reading them after a
    paragraph: found once, instead of every count scanning every list."""

    own: dict[int, list]  # id() of a count → its lists, in order
    paragraphs: list[int] | None  # each list's count paragraph, when they are in that order

    def __init__(self, own: dict[int, list], paragraphs: list[int] | None) -> None:
        self.own = own
        self.paragraphs = paragraphs

    @classmethod
    def of(cls, a: Audit) -> _Lists:
        cache = a.__dict__.get("_enumeration_lists")
        if cache is None:
            own: dict[int, list] = {}
            for en in a.st.enumerations:
                own.setdefault(id(en.count), []).append(en)
            paras = [en.count.paragraph for en in a.st.enumerations]
            ordered = all(x <= y for x, y in zip(paras, paras[1:], strict=False))
            cache = a.__dict__["_enumeration_lists"] = cls(own, paras if ordered else None)
        return cache

    def after(self, a: Audit, paragraph: int) -> list:
        """The lists in order without those whose count stands at or before the paragraph
        (all of them but a tail, when they are in paragraph order)."""
        if self.paragraphs is None:
            return [en for en in a.st.enumerations if en.count.paragraph > paragraph]
        return a.st.enumerations[bisect.bisect_right(self.paragraphs, paragraph) :]


def _lists_after(a: Audit, count: Fact) -> list:
    """The lists that spell out a count: its own, or the next lists whose sizes add up to it."""
    lists = _Lists.of(a)
    own = lists.own.get(id(count), [])
    if own:
        return own
    chain, size, last_para = [], 0, count.paragraph
    for en in lists.after(a, count.paragraph):
        if en.count.paragraph - last_para > 2 or size >= count.q.value:
            break
        chain.append(en)
        size += len(en.items)
        item_paras = [a.segs.sentences[a.segs.sentence_at[s.start]].paragraph for s in en.items]
        last_para = max(item_paras + [en.count.paragraph])
    return chain if size == count.q.value else []


def _item_bounds(a: Audit, en) -> list[tuple[int, int]]:
    out = []
    for i, s in enumerate(en.items):
        p = a.segs.paragraphs[a.segs.sentences[a.segs.sentence_at[s.start]].paragraph]
        if i + 1 < len(en.items) and en.items[i + 1].start < p.end:
            end = en.items[i + 1].start  # inline items share a paragraph
        else:
            end = a.segs.sentences[p.sentences[0]].end if s.start == p.start else p.end
        out.append((s.start, end))
    return out


def _common_first_concept(a: Audit, bounds: list[tuple[int, int]]) -> str | None:
    """For "共计X万元" with no concept: the concept every item states first, if they agree."""
    firsts = set()
    for lo, hi in bounds:
        first = next((f for f in a.facts_in(lo, hi) if f.q.family == "money"), None)
        firsts.add(first.concept if first else None)
    return firsts.pop() if len(firsts) == 1 else None


@check("E002", "U001")
def enumeration_sum(a: Audit) -> None:
    for count in a.facts:
        if count.q.family != "count" or count.in_parens:
            continue
        amounts_, partial = _claim_amounts(a, count)
        if not amounts_:
            continue
        lists = _lists_after(a, count)
        if not lists or not all(en.matches() for en in lists):
            continue  # E001 speaks for a list of the wrong length
        bounds = [b for en in lists for b in _item_bounds(a, en)]
        for amount in amounts_:
            _check_items_total(a, amount, bounds, partial)


def _columns(a: Audit, bounds: list[tuple[int, int]]) -> list[list[Fact]]:
    """The items' amounts, concept by concept: one column per concept every item states once."""
    per_item = []
    for lo, hi in bounds:
        money = [f for f in a.facts_in(lo, hi) if f.q.family == "money" and not f.in_parens]
        per_item.append(money)
    if not per_item or any(not m for m in per_item):
        return []
    concepts = [f.concept for f in per_item[0]]
    cols = []
    for c in dict.fromkeys(concepts):
        col = [[f for f in m if f.concept == c] for m in per_item]
        if all(len(x) == 1 for x in col):
            cols.append([x[0] for x in col])
    return cols


def _check_items_total(
    a: Audit, amount: Fact, bounds: list[tuple[int, int]], partial: bool
) -> None:
    if amount.concept is None:
        # a total that names no concept ("共计180万元"): any column of the items may be what it
        # adds up; it is held to one only when the items state a single amount each
        cols = _columns(a, bounds)
        for col in cols:
            iv = total([p.q.interval for p in col])
            if iv.overlaps(amount.q.interval) or (partial and iv.hi < amount.q.interval.lo):
                a.mark("E002", amount, *col)
                return
        single = all(
            len([f for f in a.facts_in(lo, hi) if f.q.family == "money" and not f.in_parens]) == 1
            for lo, hi in bounds
        )
        if len(cols) != 1 or not single:
            return  # silence over guessing which column it is
    concept = amount.concept or _common_first_concept(a, bounds)
    amounts = [_item_amount(a, lo, hi, concept) for lo, hi in bounds]
    if not amounts or any(x is None for x in amounts):
        return
    parts = [x for x in amounts if x is not None]
    computed = total([p.q.interval for p in parts])
    if computed.overlaps(amount.q.interval) or (partial and computed.hi < amount.q.interval.lo):
        a.mark("E002", amount, *parts)
        return
    what = a.lex.name(amount.concept) if amount.concept else "金额"
    emit_sum(
        a,
        "E002",
        amount,
        amount,
        parts,
        computed,
        f"所列 {len(parts)} 项的{what}之和与所述合计不符",
        f"the {len(parts)} listed items do not add up to the stated total",
        [Operand(amount, "所述合计")] + [Operand(p, f"第{i + 1}项") for i, p in enumerate(parts)],
    )


_SUBSET = cues().selection_rx
_PROJECT_TOTALS = ("budget.initial", "budget.adjusted", "spending.actual")


@check("E002", "U001")
def project_list_totals(a: Audit) -> None:
    """A list of all the projects ("共实施项目4个，具体如下": 共, and no 重点/部分) adds up to
    项目支出, concept by concept."""
    for en in a.st.enumerations:
        claim = a.segs.sentences[en.count.sentence]
        claim_text = a.text[claim.start : claim.end]
        complete = "共" in claim_text and "项目" in claim_text and not _SUBSET.search(claim_text)
        if not en.matches() or not complete:
            continue
        bounds = _item_bounds(a, en)
        for concept in _PROJECT_TOTALS:
            whole = a.stated_once(concept, "项目支出", en.count.period, "money") or a.stated_once(
                concept, "项目", en.count.period, "money"
            )
            if whole is None:
                continue
            parts = []
            for lo, hi in bounds:
                own = _item_amount(a, lo, hi, concept)
                if own is None or own.concept not in (concept, "budget.generic"):
                    break
                parts.append(own)
            if len(parts) != len(bounds) or whole in parts or "E002" in whole.used_by:
                continue  # (a total the count's own sentence states is checked once, above)
            computed = total([p.q.interval for p in parts])
            if computed.overlaps(whole.q.interval):
                a.mark("E002", whole, *parts)
                continue
            name = a.lex.name(concept)
            emit_sum(
                a,
                "E002",
                parts[-1],
                whole,
                parts,
                computed,
                f"所列 {len(parts)} 个项目的{name}之和与项目支出{name}{whole.q.raw}不符",
                f"the {len(parts)} listed projects' {a.lex.name(concept, 'en')} do not add up to the stated {whole.q.raw}",
                [Operand(whole, f"项目支出{name}")]
                + [Operand(p, f"第{i + 1}项") for i, p in enumerate(parts)],
            )
