"""Comparisons the narrative makes, and the figures they compare.

Two statement shapes of the national templates (GENRES.md):

- prior / current / change: "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算
  执行数减少57.14%" — a figure of the year before, one of this year, and the change in words (增加,
  减少, 持平) and often as a rate. Only a sentence with exactly one figure of each year is read:
  with more, which is compared with which is a guess.
- budget against outcome: "年初预算为X万元，支出决算为Y万元。决算数小于预算数的主要原因…" — the claim
  compares the last budget and outcome figures of its paragraph.

Each comparison keeps the reason given after it ("主要原因是：…经费增加"), when the reason itself
names a direction of money.
"""

from __future__ import annotations

import re
from functools import cache

from ..arith import Interval
from ..catalogue import lexicon
from ..lazy_re import cached_re, lazy
from ..model import Fact, Span
from ..record import FrozenRecord, Record
from ..segment import Segments
from .facts import came_to

_COMPARED = lazy(r"[比较与]")  # a comparison in words after two figures


class Words(FrozenRecord):
    """The lexicon's direction and reason words, compiled once for find_changes."""

    direction: dict[str, str]  # word → up | down | flat
    direction_rx: re.Pattern
    reason_rx: re.Pattern
    money_direction_rx: re.Pattern
    claim_rx: re.Pattern  # 决算数大于预算数

    def __init__(
        self,
        direction: dict[str, str],
        direction_rx: re.Pattern,
        reason_rx: re.Pattern,
        money_direction_rx: re.Pattern,
        claim_rx: re.Pattern,
    ) -> None:
        self.__dict__.update(
            direction=direction,
            direction_rx=direction_rx,
            reason_rx=reason_rx,
            money_direction_rx=money_direction_rx,
            claim_rx=claim_rx,
        )


@cache
def words() -> Words:
    d = lexicon()["directions"]
    direction = {w: k for k in ("up", "down", "flat") for w in d[k]}
    alt = "|".join(sorted(map(re.escape, direction), key=len, reverse=True))
    nouns = "|".join(map(re.escape, d["money_nouns"]))
    reasons = "|".join(sorted(map(re.escape, d["reasons"]), key=len, reverse=True))
    return Words(
        direction,
        cached_re(alt),
        cached_re(rf"(?:{reasons})\s*[：:是为]?"),
        cached_re(rf"(?:{nouns})(?P<w>{alt})"),
        cached_re(rf"决算数?\s*(?:与预算数?)?\s*(?P<w>{alt})\s*(?:了)?\s*(?:年初)?预算数?"),
    )


class Change(Record):
    """A comparison in words: what it says happened, and the figures it compares."""

    direction: str  # up | down | flat
    word: Span  # where the direction word is
    prior: Fact  # the base: last year's figure, or the budget
    current: Fact  # this year's figure, or the outcome
    rate: Fact | None  # the change as a percentage, when stated
    reason: tuple[str, Span] | None  # the direction a reason names, and where
    amount: Fact | None  # the change as an amount, stated alone after a from-to pair

    def __init__(
        self,
        direction: str,
        word: Span,
        prior: Fact,
        current: Fact,
        rate: Fact | None = None,
        reason: tuple[str, Span] | None = None,
        amount: Fact | None = None,
    ) -> None:
        self.direction = direction
        self.word = word
        self.prior = prior
        self.current = current
        self.rate = rate
        self.reason = reason
        self.amount = amount


def direction_in(w: Words, text: str) -> tuple[str, int, int] | None:
    """The last direction word in text: (direction, start, end) relative to text."""
    last = None
    for m in w.direction_rx.finditer(text):
        last = (w.direction[m.group(0)], m.start(), m.end())
    return last


def prior_of(current: Fact, change: Fact) -> tuple[str, Interval] | None:
    """Last year's figure from this year's and its change in words ("较上年减少A万元"): current
    − A for an increase, current + A for a decrease, with the direction ("up" or "down"); None
    when the change's words name neither."""
    said = direction_in(words(), change.label)
    if said is None or said[0] not in ("up", "down"):
        return None
    iv = change.q.interval
    return said[0], current.q.interval - iv if said[0] == "up" else current.q.interval + iv


def _reason(w: Words, text: str, segs: Segments, sentence: int) -> tuple[str, Span] | None:
    """The direction of money the reason right after a comparison names ("…经费增加")."""
    para = segs.sentences[sentence].paragraph
    for si in (sentence, sentence + 1):
        if si >= len(segs.sentences) or segs.sentences[si].paragraph != para:
            return None
        s = segs.sentences[si]
        m = w.reason_rx.search(text, s.start, s.end)
        if m is None:
            continue
        found = [
            (w.direction[x.group("w")], Span(x.start("w"), x.end("w")))
            for x in w.money_direction_rx.finditer(text, m.end(), s.end)
        ]
        kinds = {k for k, _ in found}
        if len(kinds) == 1:
            return found[-1]
        return None
    return None


def find_changes(text: str, segs: Segments, facts: list[Fact], year: int | None) -> list[Change]:
    if year is None:
        return []
    w = words()
    by_sentence: dict[int, list[Fact]] = {}
    for f in facts:
        by_sentence.setdefault(f.sentence, []).append(f)
    out: list[Change] = []
    this, before = str(year), str(year - 1)
    for si, fs in by_sentence.items():
        money = [f for f in fs if f.q.family == "money" and not f.q.operator and not f.q.approx]
        priors = [f for f in money if f.period == before]
        currents = [f for f in money if f.period == this]
        if len(priors) != 1 or len(currents) != 1:
            continue
        prior, current = priors[0], currents[0]
        after = max(prior.span.end, current.span.end)  # either may be stated first
        rates = [f for f in fs if f.q.family == "percent" and f.span.start > after]
        end = rates[0].span.start if rates else segs.sentences[si].end
        tail = text[after:end]
        found = direction_in(w, tail)
        if found is None or not _COMPARED.search(tail):
            continue  # no comparison in words after the two figures
        kind, a, b = found
        base = after
        rate = rates[0] if len(rates) == 1 else None
        out.append(
            Change(kind, Span(base + a, base + b), prior, current, rate, _reason(w, text, segs, si))
        )
    out += _budget_claims(w, text, segs, facts)
    out += _from_to(w, text, facts)
    return out


def _from_to(w: Words, text: str, facts: list[Fact]) -> list[Change]:
    """ "由500万元增加至600万元（，增长20%）": the figure it came from, the one it came to, the
    direction its verb says, and the rate or the amount alone right after, whatever years the two
    figures are of."""
    out: list[Change] = []
    for k in range(1, len(facts)):
        prior, current = facts[k - 1], facts[k]
        if not came_to(prior, current):
            continue
        start = prior.span.end
        said = direction_in(w, text[start : current.span.start])
        if said is None:
            continue
        kind, a, b = said
        nxt = facts[k + 1] if k + 1 < len(facts) else None
        if nxt is not None and nxt.sentence != current.sentence:
            nxt = None
        rate = (
            nxt
            if nxt is not None and nxt.concept == "change.rate" and current.q.family != "percent"
            else None
        )
        # "由15辆减少至12辆，减少3辆": the amount alone (with a rate after it, R003 holds the two)
        after = facts[k + 2] if k + 2 < len(facts) else None
        amount = (
            nxt
            if nxt is not None
            and nxt.concept == "change.amount"
            and nxt.q.family == current.q.family
            and nxt.q.unit == current.q.unit
            and not (
                after is not None
                and after.sentence == nxt.sentence
                and after.concept == "change.rate"
            )
            else None
        )
        out.append(Change(kind, Span(start + a, start + b), prior, current, rate, None, amount))
    return out


def _budget_claims(w: Words, text: str, segs: Segments, facts: list[Fact]) -> list[Change]:
    """ "决算数大于/小于/等于预算数": the outcome and budget figures its paragraph states last."""
    out: list[Change] = []
    by_para: dict[int, list[Fact]] = {}
    for f in facts:
        if f.q.family == "money" and not f.q.operator and not f.q.approx:
            by_para.setdefault(f.paragraph, []).append(f)
    for pi, fs in by_para.items():
        p = segs.paragraphs[pi]
        for m in w.claim_rx.finditer(text, p.start, p.end):
            before = [f for f in fs if f.span.end <= m.start()]
            outcome = next((f for f in reversed(before) if "决算" in f.label), None)
            budget = next(
                (f for f in reversed(before) if "预算" in f.label and "决算" not in f.label), None
            )
            if outcome is None or budget is None or outcome.sentence != budget.sentence:
                continue
            if "基本" in text[m.start("w") - 2 : m.start("w")]:
                continue  # "基本持平" allows a difference: not held to equality
            si = segs.sentence_at[m.start()]
            out.append(
                Change(
                    w.direction[m.group("w")],
                    Span(m.start("w"), m.end("w")),
                    budget,
                    outcome,
                    None,
                    _reason(w, text, segs, si),
                )
            )
    return out
