"""Rates: execution, share, change and completion rates recomputed from the figures beside them."""

from __future__ import annotations

import bisect
import heapq
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from ..arith import Interval, change_of_percent, change_percent, ratio_percent, total
from ..catalogue import lexicon
from ..extract.changes import direction_in, prior_of
from ..extract.changes import words as change_words
from ..extract.cues import alt, cues
from ..extract.facts import came_to, ideographs
from ..extract.structures import is_comparison_base
from ..lazy_re import cached_re
from ..model import Breakdown, Fact
from .base import Audit, Operand, check, clean, emit_rate, measure, show
from .directions import change_amounts, change_of_figure_before, change_rates

_SEMI = cached_re("[；;]")
_YEAR_WORDS = r"(?:19|20)\d{2}\s*年度?|[本当全]年度?"  # "2017年度", "本年": no item's name
# what may stand before a measure without naming an item (a year, quotes)
_UNNAMED = cached_re(_YEAR_WORDS + r"|[\s“”\"'，,：:]")
_NEG = cues().down  # rules/lexicon.toml [directions]


def _ratio_finding(
    a: Audit,
    code: str,
    rate: Fact,
    num: Fact,
    den: Fact,
    expected: Interval,
    what_zh: str,
    what_en: str,
    num_role: str,
    den_role: str,
) -> None:
    exp = show(expected.mid, rate)
    emit_rate(
        a,
        code,
        rate,
        expected,
        f"{num.q.value} ÷ {den.q.value} × 100% = {exp}%",
        f"{what_zh}与数字不符：{num_role} ÷ {den_role} = ",
        f"{what_en} does not follow from the figures: ",
        [Operand(num, num_role), Operand(den, den_role), Operand(rate, what_zh)],
        f"{num_role} ÷ {den_role}",
    )


def _zero_base(
    a: Audit, code: str, rate: Fact, num: Fact, den: Fact, what_zh: str, what_en: str, den_role: str
) -> None:
    """A rate of a whole stated as 0 ("年初预算为0万元……完成年初预算的98.20%"): no figure gives it."""
    a.emit(
        code,
        rate,
        f"{what_zh}{rate.q.raw}无从得出：{den_role}为 {den.q.raw}，{num.q.raw} ÷ 0 没有意义",
        f"{what_en} {rate.q.raw} cannot follow from the figures: the {den_role} is {den.q.raw}",
        [Operand(num, "分子"), Operand(den, den_role), Operand(rate, what_zh)],
        {"formula": f"{num.q.value} ÷ {den.q.value}", "expected": "—", "stated": rate.q.raw},
    )


def _check_pairs(
    a: Audit,
    code: str,
    rate: Fact,
    pairs: list[tuple[Fact, Fact]],
    what_zh: str,
    what_en: str,
    num_role: str,
    den_role: str,
    report: bool = True,
    capped: bool = False,
) -> None:
    """The rate is consistent when any candidate pair explains it; else report the nearest pair
    (unless `report` is off: the candidates were cut short, so silence over guessing). `capped`:
    a round 100% also stands for anything above it (a target exceeded is written as met; a
    100.00% states its precision, and is held to it)."""
    tried = []
    stated = rate.q.interval
    if capped and rate.q.value == 100 and rate.q.decimals == 0:
        stated = Interval(stated.lo, max(stated.hi, Decimal(10) ** 9), stated.point)
    for num, den in pairs:
        den_iv = den.q.interval
        if den_iv.contains_zero():
            if num.q.value == 0 and rate.q.value == 0:
                a.mark(code, num, den, rate)
                return
            if len(pairs) == 1 and den.q.value == 0 and num.q.value != 0 and rate.q.value != 0:
                _zero_base(a, code, rate, num, den, what_zh, what_en, den_role)
                return
            continue
        expected = ratio_percent(num.q.interval, den_iv)
        if expected is None:
            continue
        if expected.overlaps(stated):
            a.mark(code, num, den, rate)
            return
        tried.append((num, den, expected))
    if tried and report:
        num, den, expected = min(
            tried,
            key=lambda t: (
                abs(t[0].span.start - rate.span.start) + abs(t[1].span.start - rate.span.start)
            ),
        )
        _ratio_finding(a, code, rate, num, den, expected, what_zh, what_en, num_role, den_role)


_PROJECT = {"项目", "项目支出"}
_PROJECT_REPORT = tuple(lexicon()["document"]["project_report"])  # its title's words


def same_scope(x: str, y: str) -> bool:
    """Scopes one sentence may use for one thing: the listed 项目 are the 项目支出 there."""
    return x == y or {x, y} <= _PROJECT


def stated_for(a: Audit, concept: str, r: Fact) -> Fact | None:
    """The figure a rate leans on when its sentence does not give it: stated once elsewhere for
    the rate's scope (in a project report the whole report is about the project)."""
    scopes = [r.scope] + sorted(_PROJECT - {r.scope} if r.scope in _PROJECT else set())
    if "_single_project" not in a.__dict__:  # once per report, not once per rate
        a.__dict__["_single_project"] = not any(f.scope == "基本支出" for f in a.facts)
    single_project = a.__dict__["_single_project"]
    if single_project and all(
        a.stated_once(concept, sc, r.period, "money") is None for sc in scopes
    ):
        # a project's own report: its budget is the project's, whether stated with the project's
        # name ("项目年初预算") or without ("该项目年初预算安排…": the report's whole)
        if r.scope == "部门整体":
            scopes += sorted(_PROJECT)
        elif r.scope in _PROJECT and any(w in a.title for w in _PROJECT_REPORT):
            scopes.append("部门整体")
    for sc in scopes:
        if (x := a.stated_once(concept, sc, r.period, "money")) is not None:
            return x
    return None


def _ratio_check(
    a: Audit,
    code: str,
    r: Fact,
    facts: list[Fact],
    nums: list[str],
    dens: list[str],
    full: tuple[str, ...],
    names: tuple[str, str, str, str],
) -> None:
    """A rate against numerator and denominator figures of its sentence; the whole it is a rate
    of may also be the one the report states once elsewhere (any of them explaining it will do).
    A rate right after a listed part ("调整后预算G，其中…项目支出F，预算执行率P%") may be the
    part's or the list total's."""
    pairs: list[tuple[Fact, Fact]] = []
    cut = False
    for scope in _rate_scopes(a, r, facts):
        rs = r if scope == r.scope else r.replace(scope=scope)
        num_c, cut_n = _nearest_before(a, rs, nums)
        den_c, cut_d = _nearest_before(a, rs, dens)
        cut = cut or cut_n or cut_d
        if num_c:
            stated = [x for c in full if (x := stated_for(a, c, rs))][:1]
            den_c += [x for x in stated if x not in den_c]
        if den_c and not num_c and (x := stated_for(a, nums[0], rs)):
            num_c = [x]
        pairs += [(n, d) for n in reversed(num_c) for d in reversed(den_c)]
    _check_pairs(a, code, r, pairs, *names, report=not cut)


# At most this many numerators and as many denominators (the nearest before the rate) are paired
# for one rate: a sentence listing hundreds would otherwise cost their product for every rate.
NEAREST = 8


def _scope_key(scope: str) -> str:
    return "项目" if scope in _PROJECT else scope  # same_scope() as a key


def _sentence_index(a: Audit, sentence: int) -> dict[tuple, tuple[list[int], list[Fact]]]:
    """A sentence's figures by (concept, scope): their starts and the facts, in text order.
    Kept for the last sentence asked about only (the checks go sentence by sentence): an index
    of every sentence's figures, kept to the end of the audit, was a tenth of its memory."""
    last = a.__dict__.get("_rate_index")
    if last is not None and last[0] == sentence:
        return last[1]
    idx: dict[tuple, tuple[list[int], list[Fact]]] = {}
    for f in a.by_sentence.get(sentence, []):
        key = (f.concept, "项目" if f.scope in _PROJECT else f.scope)  # _scope_key, inline
        got = idx.get(key)
        if got is None:  # (two new lists only for a new key, not for every figure)
            got = idx[key] = ([], [])
        got[0].append(f.span.start)
        got[1].append(f)
    a.__dict__["_rate_index"] = (sentence, idx)
    return idx


_START = attrgetter("span.start")  # a figure's start, read in C (a sort key)


def _in_sentence(a: Audit, f: Fact) -> tuple[list[Fact], int]:
    """f's sentence's figures and f's place among them (len() when it is not there), found by
    bisection: they are in text order, and a linear search per figure costs the square of a
    long sentence."""
    facts = a.by_sentence.get(f.sentence, [])
    k = bisect.bisect_left(facts, f.span.start, key=_START)
    while k < len(facts) and facts[k] is not f:  # by identity, not field equality
        k += 1
    return facts, k


def _nearest_before(a: Audit, r: Fact, concepts: list[str]) -> tuple[list[Fact], bool]:
    """The money figures of these concepts before r in its sentence, in r's scope, in text order:
    the NEAREST nearest ones, and whether there were more."""
    idx = _sentence_index(a, r.sentence)
    found: list[Fact] = []
    scope = _scope_key(r.scope)
    for c in dict.fromkeys(concepts):
        got = idx.get((c, scope))
        if got is None:
            continue  # (no figure of the concept: nothing to take)
        starts, fs = got
        k = bisect.bisect_left(starts, r.span.start)
        taken = 0
        for f in reversed(fs[:k]):
            if f.q.family == "money":
                found.append(f)
                taken += 1
                if taken > NEAREST:
                    break
    found.sort(key=_START)
    return found[-NEAREST:], len(found) > NEAREST


def _has_concept(a: Audit, r: Fact, concepts: list[str]) -> bool:
    """Whether r's sentence states any of these concepts in r's scope."""
    idx = _sentence_index(a, r.sentence)
    return any((c, _scope_key(r.scope)) in idx for c in concepts)


def _rate_scopes(a: Audit, r: Fact, facts: list[Fact]) -> list[str]:
    """The rate's scope, and the list total's when the rate names none and follows a part."""
    out = [r.scope]
    if a.lex.scope(r.label) is not None:
        return out
    sent = a.segs.sentences[r.sentence]
    last = next(
        (
            f
            for f in a.backwards(r.span.start, sent.start)
            if f.span.end <= r.span.start and f.q.family != "percent"
        ),
        None,
    )
    bd = a.st.part_of.get(last.id) if last is not None else None
    if bd is None:
        return out
    if _in_own_clause(a, bd, last, r):
        # "其中：A决算为X，完成预算的P%；B决算为Y，完成预算的Q%": the part's (or the scope the
        # rate's clause names), never the list total's
        return list(dict.fromkeys(s for s in (last.scope, r.scope) if s != bd.total.scope))
    if bd.total.scope not in out:
        out.append(bd.total.scope)
    return out


def _in_own_clause(a: Audit, bd: Breakdown, part: Fact, r: Fact) -> bool:
    """Whether a rate is its list part's own: it stands before the next part, or after the last
    part in a clause of its own (opened by the list's colon or a ；), or the part before had a
    rate of its own too ("其中：A决算为X，完成预算的P%，B决算为Y，完成预算的Q%")."""
    order = a.__dict__.setdefault("_part_order", {})  # part id → its index in its list, once
    if not order:
        order.update((p.id, i) for b in a.st.breakdowns for i, p in enumerate(b.parts))
    i = order.get(part.id)
    if i is None or bd.parts[i] is not part or _SEMI.search(a.text, part.span.end, r.span.start):
        return False
    if i + 1 < len(bd.parts):
        return bd.parts[i + 1].span.start > r.span.start
    lo = bd.parts[i - 1].span.end if i else bd.total.span.end
    if max(a.text.rfind(c, lo, part.span.start) for c in "；;：:") >= 0:
        return True
    return i > 0 and any(f.q.family == "percent" for f in a.facts_in(lo, part.span.start))


@check("R001")
def execution_rate(a: Audit) -> None:
    for facts in a.by_sentence.values():
        for r in facts:
            if (
                r.concept not in ("rate.execution", "rate.execution.initial")
                or r.q.family != "percent"
            ):
                continue
            if r.q.operator:
                continue
            if r.concept == "rate.execution.initial":
                # against the initial budget: what was spent of it, or (决算) all that was spent
                nums, dens, full = (
                    ["spending.initial", "spending.actual"],
                    ["budget.initial"],
                    ("budget.initial",),
                )
            else:
                # a project's own report may give its budget as funds arrived or total investment
                nums, dens, full = (
                    ["spending.actual"],
                    ["budget.adjusted", "budget.generic", "funds.arrived", "investment.total"],
                    ("budget.adjusted", "investment.total"),
                )
                if not _has_concept(a, r, dens):
                    dens = ["budget.initial"]
            names = ("预算执行率", "the execution rate", "执行数", "预算数")
            _ratio_check(a, "R001", r, facts, nums, dens, full, names)


_OF = cached_re(r"占(.{2,12}?)的?(?:比重|比例)?(?:[为是]|达到?)?$")  # "占X的比重为"


def _list_whole(a: Audit, share: Fact) -> tuple[Fact, Fact] | None:
    """(part, whole) for a share in a list: the part is the amount just before the share in its
    clause; the whole is the amount just before the words that open the list (a.lex.list_opens),
    in the same paragraph, with only parts of the list between them."""
    para = a.segs.paragraphs[share.paragraph]
    part = next(
        (f for f in a.backwards(share.span.start, para.start) if f.q.family == "money"), None
    )
    if part is None:
        return None
    if any(c in a.text[part.span.end : share.span.start] for c in "。；;"):
        return None  # the share is not about the amount before it
    cue = a.list_open_before(para.start, part.span.start)
    if cue is None:
        return None
    # (at the list's depth: "本年支出A（上年B，增长r%），其中：…" is a list of A's)
    depth = a.segs.depth[cue]
    whole = next(
        (f for f in a.backwards(cue, para.start) if f.q.family == "money" and f.in_parens <= depth),
        None,
    )
    # the whole is the last amount before the list; it may close the sentence before the one
    # that opens the list ("…支出X万元，占…的99.81%。主要用于以下方面：…"), never one further back
    if whole is None or whole.span.end > cue or a.segs.sentence_at[cue] - whole.sentence > 1:
        return None
    if whole.q.operator or whole.q.approx or part.q.operator or part.q.approx:
        return None
    return part, whole


def _joined_run(a: Audit, facts: list[Fact], k: int, step: int, percent: bool) -> list[Fact]:
    """The figures from facts[k] on (step 1 forwards, -1 backwards), percentages or not, joined
    by 、 and the lexicon's joiners and nothing else: "…分别为A、B和C" or "…的a%、b%和c%"."""
    run = [facts[k]]
    j = k + step
    while 0 <= j < len(facts) and (facts[j].q.family == "percent") == percent:
        lo, hi = (run[-1], facts[j]) if step > 0 else (facts[j], run[-1])
        if not cues().joined_run_rx.fullmatch(a.text, lo.span.end, hi.span.start):
            break
        run.append(facts[j])
        j += step
    return run if step > 0 else run[::-1]


def _runs_in_order(a: Audit, facts: list[Fact], first: int) -> tuple[list[Fact], list[Fact]]:
    """The joined run of percentages that starts at facts[first], and the joined run of figures
    just before it when it has as many (else []): "分别为x、y和z，占W的a%、b%和c%", "各减少A，B万元，
    各下降a%、b%" pair in order."""
    pcts = _joined_run(a, facts, first, 1, percent=True)
    if len(pcts) < 2 or first == 0:
        return pcts, []
    before = _joined_run(a, facts, first - 1, -1, percent=False)
    return pcts, before if len(before) == len(pcts) else []


def _shares_and_parts(a: Audit, facts: list[Fact], k: int) -> list[tuple[Fact, Fact]]:
    """(share, part) for the share facts[k] and any joined to it: "A、B和C分别为x、y和z，占W的
    a%、b%和c%" pairs them in order; one share is of the amount before it, past its change ("A
    78.9亿元，同比增长17.9%，占全市…的27.8%"). Runs of unequal length pair nothing."""
    shares, parts = _runs_in_order(a, facts, k)
    if len(shares) > 1:
        if not parts or facts[k - 1].q.family != "money":
            return []
        if _SEMI.search(a.text, parts[-1].span.end, facts[k].span.start):
            return []
        return list(zip(shares, parts, strict=True))
    # "财政拨款收入X万元（其中，…Z万元），占收入合计100%": the share is of the figure at its own
    # depth, before the parenthesis
    part = next(
        (
            f
            for f in reversed(facts[:k])
            if a.lex.kind(f.concept) != "relation" and f.in_parens == facts[k].in_parens
        ),
        None,
    )
    if part is None or part.q.family == "percent":
        return []
    if _SEMI.search(a.text, part.span.end, facts[k].span.start):
        return []
    named = _share_subject(facts[k])
    if named and not _opens_or_ends(named, part):
        # "税收收入A，…非税收入B，…，税收占…的比重为r%": the share names its part, and it is A
        part = next(
            (f for f in reversed(facts[:k]) if f.q.family == "money" and _opens_or_ends(named, f)),
            part,
        )
    return [(facts[k], part)]


_SUBJECT = cached_re(r"(?:其中)?([\u4e00-\u9fff]{2,8})占")  # "税收占…的比重": what it is of


def _share_subject(s: Fact) -> str | None:
    """The part a share's own words name before 占 ("税收占…" → 税收), if any."""
    m = _SUBJECT.search(s.label)
    return m.group(1) if m and m.group(1) not in _WHOLE_WORDS else None


def _opens_or_ends(name: str, f: Fact) -> bool:
    """Whether a figure's label opens or ends with the name (税收收入 with 税收, not 非税收入)."""
    label = clean(f.label).removeprefix("其中").strip("：:，, ")
    return label.startswith(name) or label.endswith(name)


def _whole_named_first(a: Audit, share: Fact) -> tuple[Fact, Fact] | None:
    """(part, whole) for "“三公”经费支出决算中，公务接待费支出0.53万元，占31%；…": the sentence's
    first clause names a whole without stating it; the whole is that concept and scope's figure
    when the report states it once for the period."""
    sent = a.segs.sentences[share.sentence]
    m = _WITHIN.match(a.text, sent.start, share.span.start)
    if m is None or a.facts_in(sent.start, m.end()):
        return None
    part = next((f for f in a.backwards(share.span.start, m.end()) if f.q.family == "money"), None)
    if part is None or any(c in a.text[part.span.end : share.span.start] for c in "。；;"):
        return None
    words = m.group(1)
    c, sc = a.lex.concept(words), a.lex.scope(words)
    if c is None or sc is None or a.lex.kind(c.key) != "amount" or c.end != len(words):
        return None
    whole = a.stated_once(c.key, sc.key, share.period, measure(part))
    if whole is None or whole is part or whole.span.start > sent.start:
        return None
    return part, whole


_WITHIN = cues().within_rx
# one level of government within an area (县级, 市本级 …): "全市", "全县" name the whole area
_ONE_LEVEL = cached_re(
    alt([w for w in lexicon()["document"]["government_levels"] if not w.startswith("全")])
)
_WHOLE_WORDS = cues().whole_words


def _base_name(s: Fact) -> str | None:
    """The base a share names ("占政府采购支出总额的17.36%" → 政府采购支出总额), if any."""
    m = _OF.search(s.label)
    return m.group(1).rstrip("的") if m else None


def _names(name: str, f: Fact) -> bool:
    """Whether a figure's label names the base a share names: it contains the name, or the name
    adds to it only words that qualify no figure ("占全年预算的" of a 预算 figure)."""
    label = clean(f.label).removeprefix("其中").strip("：: ")
    if len(label) < 2 or not _UNQUALIFIED.sub("", name):
        return False  # a bare measure ("占预算的") names the part's own, not a label it is in
    if _joined_with(label, name):
        return False  # "税收返还和转移支付": two things, one of which the share names
    return name in label or (
        len(label) >= 3 and label in name and not _UNQUALIFIED.sub("", name.replace(label, ""))
    )


_JOINERS = tuple(lexicon()["lists"]["joiners"]) + ("、",)


def _joined_with(label: str, name: str) -> bool:
    """Whether the name stands in the label joined to another thing ("税收返还和转移支付")."""
    i = label.find(name)
    if i < 0:
        return False
    return label[:i].endswith(_JOINERS) or label[i + len(name) :].startswith(_JOINERS)


# words a share's base may add to a figure's label without naming another figure: years, the
# measure ("占项目支出预算的" of a 项目支出 figure)
_UNQUALIFIED = cached_re(_YEAR_WORDS + r"|年度|的|预算|决算|执行|数|额|\s")
LOOK_BACK = 3  # paragraphs before a share's own where the whole it names may stand


def _named_whole(a: Audit, s: Fact, part: Fact, name: str) -> Fact | None:
    """The figure the share's own words name as its base: the last one before the part in the
    paragraph whose label names it, the one figure of the named concept and the part's scope, or
    the last one a few paragraphs back whose label is the name itself."""
    p = a.segs.paragraphs[s.paragraph]
    for f in reversed(a.facts_in(p.start, part.span.start)):
        if f is not part and measure(f) == measure(part) and _names(name, f):
            if any(lv not in name for lv in _ONE_LEVEL.findall(f.label)):
                continue  # "县级一般公共预算收入": one level's, not the whole the share names
            if _shared_of(a, f, name):
                continue  # "税收收入A，占收入的a%；非税收入B，占收入的b%": a sibling, not the base
            if f.concept == "change.base":
                # "资产总额由上年末的A增加到B，其中…，占资产总额的r%": the figure it came to
                after = a.facts[f.id + 1] if f.id + 1 < len(a.facts) else None
                if after is not None and after is not part and came_to(f, after):
                    return after
                continue
            return f
    c = a.lex.concept(name)
    if c is not None:
        sc = a.lex.scope(name)  # "占项目支出预算的": the name's own scope, else the part's
        w = a.stated_once(c.key, sc.key if sc else part.scope, part.period, measure(part))
        if w is not None and w is not part:
            return w
    # asked once per name, paragraph and measure: the paragraphs before do not change
    memo = a.__dict__.setdefault("_named_before", {})
    key = (name, s.paragraph, measure(part))
    if key not in memo:
        first = a.segs.paragraphs[max(0, s.paragraph - LOOK_BACK)]
        exact = _UNQUALIFIED.sub("", name)
        memo[key] = (
            next(
                (
                    f
                    for f in reversed(a.facts_in(first.start, p.start))
                    if measure(f) == key[2] and _UNQUALIFIED.sub("", clean(f.label)) == exact
                ),
                None,
            )
            if exact
            else None
        )  # (a bare measure names no figure by its words)
    return memo[key]


def _shared_of(a: Audit, f: Fact, name: str) -> bool:
    """Whether f states its own share of the base named ("税收收入A，占收入的a%"), before the next
    amount of its sentence: f is then a part of that base, never the base."""
    facts, k = _in_sentence(a, f)
    for g in facts[k + 1 : k + 6]:  # (its share stands beside it: a few figures at most)
        if g.concept == "share" and _base_name(g) == name:
            return True
        if g.q.family != "percent" and a.lex.kind(g.concept) != "relation":
            return False
    return False


def _base_of(a: Audit, s: Fact, part: Fact, head: Fact) -> Fact | None:
    """A breakdown share's base: the breakdown's total, unless the share names another one
    (then that one, or nothing when it cannot be found: never the nearest amount)."""
    name = _base_name(s)
    if name is None or name in _WHOLE_WORDS or _names(name, head):
        return head
    c = a.lex.concept(name)
    if c is not None and c.key == head.concept:
        return head  # "占全年预算的" under a 全年预算 total
    return _named_whole(a, s, part, name)


@check("R002")
def shares(a: Audit) -> None:
    attached = set()
    for bd in a.st.breakdowns:
        for part in bd.parts:
            s = bd.shares.get(part.id)
            if s is None:
                continue
            attached.add(s.id)
            base = _base_of(a, s, part, bd.total)
            if base is None:
                continue
            role = "合计" if base is bd.total else a.name_of(base)
            _check_pairs(a, "R002", s, [(part, base)], "占比", "the share", part.scope, role)
    # "实际支出X万元，占全年预算的Y%": the whole is named by its concept
    for facts in a.by_sentence.values():
        for k, s in enumerate(facts):
            if s.concept != "share" or s.id in attached or k == 0 or s.q.family != "percent":
                continue
            name = _base_name(s)
            if name is None:
                continue
            pairs = _shares_and_parts(a, facts, k)
            whole = _named_whole(a, s, pairs[0][1], name) if pairs else None
            if whole is None:
                continue
            c = a.lex.concept(name)
            for share, part in pairs:
                attached.add(share.id)
                if whole is part:
                    continue
                _check_pairs(
                    a,
                    "R002",
                    share,
                    [(part, whole)],
                    "占比",
                    "the share",
                    clean(part.label),
                    a.lex.name(c.key) if c is not None else name,
                )
    # "支出X万元，主要用于以下方面：A Y万元，占P%；…": a share that names no base is a share of
    # the figure the list opens with, or of the whole its sentence opens by naming
    for s in a.facts:
        if s.concept != "share" or s.id in attached or s.q.family != "percent":
            continue
        if _OF.search(s.label):
            continue  # it names its base: only the named base is its whole
        pair = _list_whole(a, s) or _whole_named_first(a, s)
        if pair is not None:
            part, whole = pair
            _check_pairs(
                a,
                "R002",
                s,
                [(part, whole)],
                "占比",
                "the share",
                a.name_of(part),
                a.name_of(whole),
            )


@check("R003")
def change_rate(a: Audit) -> None:
    change_rates(a)  # prior / current / rate statements
    change_amounts(a)  # a from-to pair and its amount
    change_of_figure_before(a)  # the change of the figure the sentence before states
    for facts in a.by_sentence.values():
        for k, r in enumerate(facts):
            if r.concept != "change.rate" or r.q.family != "percent" or k < 1:
                continue
            if "R003" in r.used_by:
                continue  # already read as the change of a prior / current pair
            if "百分点" in r.q.unit:
                continue  # a change of a rate in points is not a relative change
            # "各减少A，B万元，各下降a%、b%": a run of rates after a run of changes, in order;
            # else "减少X万元，下降Y%" or "下降Y%，减少X万元"
            j = _change_in_order(a, facts, k)
            if j is not None:
                delta, before = facts[j], facts[:j]
            elif facts[k - 1].concept == "change.amount":
                delta, before = facts[k - 1], facts[: k - 1]
            elif (
                k + 1 < len(facts)
                and facts[k + 1].concept == "change.amount"
                and not _past_semicolon(a, r, facts[k + 1])
            ):
                delta, before = facts[k + 1], facts[:k]
            else:
                continue
            currents = [
                f
                for f in reversed(before)
                if f.q.family == delta.q.family
                and a.lex.kind(f.concept) != "relation"
                and f.q.family != "percent"
                and not _earlier(f, delta)  # "…，2014年为B，较2014年增加C": B is the base
                and not f.label.startswith(("比", "较"))  # "比预算数58万元减少…": a base
            ]
            # "；项目支出X，比上年减少Y，下降Z%": the change is of its own clause's figure
            own = [f for f in currents if not _SEMI.search(a.text, f.span.end, delta.span.start)]
            # (a clause after ；that names another item states that item's change: "用车…A，增长
            # r%；接待费增加B，增长s%" gives 接待费 no current)
            currents = own or [f for f in currents if f.scope == delta.scope]
            currents = currents or _named_current(a, delta)
            if not currents:
                continue
            # of the figure just before it, or of another of its kind: a spending change is not
            # explained by the budget ("预算3万元，决算1.71万元，…较上年减少1.29万元，下降43%")
            kind = _measure_kind(currents[0])
            currents = [f for f in currents if _measure_kind(f) in (kind, None)]
            # "收入总计A，支出总计B，收入、支出总计各增加C、D": C is named 收入总计's change
            currents.sort(key=lambda f: not _names_figure(a, delta, f))
            neg_d = any(w in delta.label for w in _NEG)
            neg_r = any(w in r.label for w in _NEG)
            d_iv = -delta.q.interval if neg_d else delta.q.interval
            current = currents[0]
            ops = [Operand(current, "本年数"), Operand(delta, "增减额"), Operand(r, "增减率")]
            if neg_d != neg_r and delta.q.value != 0 and r.q.value != 0:
                a.emit(
                    "R003",
                    r,
                    f"增减方向矛盾：增减额写作“{delta.label}”，增减率写作“{r.label}”",
                    f"the change and its rate point in opposite directions ({delta.label} / {r.label})",
                    ops,
                    {"formula": f"{delta.label}{delta.q.raw}，{r.label}{r.q.raw}"},
                )
                continue
            # the figure compared with, right before the change ("比上年决算数53.20万元减少3.84万元")
            base = (
                before[-1]
                if before
                and (before[-1].concept == "change.base" or is_comparison_base(before[-1]))
                else None
            )
            if base is not None and _base_mismatch(a, base, delta, d_iv, currents):
                continue
            # the change may be of the figure just before it or of the sentence's total: any fits
            tried = []
            for cur in currents:
                prior = base.q.interval if base is not None else cur.q.interval - d_iv
                if prior.lo <= 0:
                    continue
                expected = (
                    ratio_percent(abs(d_iv), prior)
                    if base is not None
                    else change_of_percent(cur.q.interval, d_iv)
                )
                if expected is not None:
                    tried.append((cur, prior, expected))
            if not tried:
                continue
            if any(e.overlaps(r.q.interval) for _, _, e in tried):
                cur = next(c for c, _, e in tried if e.overlaps(r.q.interval))
                a.mark("R003", cur, delta, r)
                continue
            current, prior, expected = tried[0]
            sign = "+" if neg_d else "-"
            p = show(prior.mid, current)
            exp = show(expected.mid, r)
            d = show(delta.q.base, current)  # the change in the unit of the figure it changes
            if base is not None:  # "较上年9040万元，增收3463万元，增幅33.8%": the base is stated
                ops[0] = Operand(base, "上年数")
                formula = f"{d} ÷ {p} × 100% = {exp}%"
            else:
                ops[0] = Operand(current, "本年数")
                formula = f"{d} ÷ ({current.q.value} {sign} {d}) × 100% = {d} ÷ {p} × 100% = {exp}%"
            emit_rate(
                a,
                "R003",
                r,
                expected,
                formula,
                "增减率与增减额不符：",
                "the rate of change does not follow from the change: ",
                ops,
                "增减额 ÷ 上年数",
            )


_BASE_YEAR = cached_re(r"[比较与]\s*((?:19|20)\d{2})\s*年")


def _earlier(f: Fact, change: Fact) -> bool:
    """Whether f is a figure of the year the change compares with ("较2014年增加" names it), or
    of a year before the change's own: the change's base, never the figure that changed."""
    m = _BASE_YEAR.search(change.label)
    if m is not None and f.period == m.group(1):
        return True
    return f.period.isdigit() and change.period.isdigit() and f.period < change.period


def _past_semicolon(a: Audit, f: Fact, g: Fact) -> bool:
    """A ；between f and a later g that names another item: g's clause is that item's."""
    return f.scope != g.scope and _SEMI.search(a.text, f.span.end, g.span.start) is not None


def _names_figure(a: Audit, change: Fact, f: Fact) -> bool:
    """Whether the change's label names the measure f's label names ("收入总计增加", 收入总计)."""
    c = a.lex.concept(f.label)
    return c is not None and f.label[c.start : c.end] in change.label


def _change_in_order(a: Audit, facts: list[Fact], k: int) -> int | None:
    """Where in facts the change stands that a rate in a joined run of rates stands for, when the
    run follows a joined run of as many changes ("各减少A，B万元，各下降a%、b%": b is B's); None
    for a rate alone. Each run is read once, for all its rates."""
    partner = a.__dict__.setdefault("_change_in_order", {})  # rate id → its change's index
    if facts[k].id in partner:
        return partner[facts[k].id]
    first = k
    while first > 0 and facts[first - 1].q.family == "percent":
        first -= 1
    rates, changes = _runs_in_order(a, facts, first)
    paired = bool(changes) and all(c.concept == "change.amount" for c in changes)
    for f in facts[first : k + 1]:
        partner.setdefault(f.id, None)  # percentages before the run's end that are not in it
    for i, r in enumerate(rates):
        partner[r.id] = first - len(rates) + i if paired else None
    return partner.get(facts[k].id)


def _measure_kind(f: Fact) -> str | None:
    """budget, spending, revenue…: the first part of a figure's concept, if it has one."""
    return f.concept.split(".")[0] if f.concept else None


def _named_current(a: Audit, delta: Fact) -> list[Fact]:
    """ "与上年相比，收入总计增加X万元": the figure that changed is named in the change's own
    words, and stated once elsewhere."""
    m = a.lex.concept(delta.label)
    if m is None:
        return []
    c = a.lex.concept(delta.label[: m.start])
    if c is None or a.lex.kind(c.key) != "amount":
        return []
    s = a.lex.scope(delta.label[: m.start])
    if s is None and _UNNAMED.sub("", delta.label[: c.start]):
        return []  # "公务接待费支出决算减少…": an item the lexicon does not know, not the scope's
    scope = s.key if s else delta.scope
    # "与上年相比" marks the words as last year's, but what changed is this year's figure
    for period in dict.fromkeys([str(a.year) if a.year else delta.period, delta.period]):
        f = a.stated_once(c.key, scope, period, measure(delta))
        if f is not None and f.span.start < delta.span.start:
            return [f]
    return []


def _base_mismatch(a: Audit, base: Fact, delta: Fact, d_iv: Interval, currents: list[Fact]) -> bool:
    """ "较上年的X万元增加Y万元": Y must be this year's figure minus X (for some candidate)."""
    for cur in currents:
        if (cur.q.interval - base.q.interval).overlaps(d_iv):
            a.mark("R003", cur, base, delta)
            return False
    cur = currents[0]
    exp = show((cur.q.interval - base.q.interval).mid, delta)
    diff = show(abs((cur.q.interval - base.q.interval).mid - d_iv.mid), delta)
    formula = f"{cur.q.value} - {base.q.value} = {exp}"
    a.emit(
        "R003",
        delta,
        f"增减额与两年数字不符：{formula} ≠ {delta.label}{delta.q.raw}，差 {diff}",
        f"the change does not follow from the two years' figures: {formula} ≠ {delta.q.raw}, off by {diff}",
        [Operand(cur, "本年数"), Operand(base, "上年数"), Operand(delta, "增减额")],
        {
            "formula": f"{formula} ≠ {delta.q.raw}",
            "expected": exp,
            "stated": delta.q.raw,
            "difference": diff,
            "unit": delta.q.unit,
            "definition": "本年数 − 上年数",
        },
    )
    return True


# At most this many (this year, the year before) pairs are tried for one growth rate. Beyond it
# the rate is left alone (silence over guessing): no report states more pairs in one sentence.
PAIR_CAP = 64


def _year_index(
    a: Audit, paragraph: int
) -> tuple[list[Fact], dict[tuple, list[int]], dict[int, list[int]]]:
    """A paragraph's named figures that have a year, in order, and their positions by (year,
    unit, concept):
    built once per paragraph, so pairing goes through the index and never over all pairs."""
    cache = a.__dict__.setdefault("_year_index", {})
    if paragraph not in cache:
        p = a.segs.paragraphs[paragraph]
        para = [
            f
            for f in a.facts_in(p.start, p.end)
            if f.paragraph == paragraph
            and f.q.family not in ("percent",)
            and a.lex.kind(f.concept) != "relation"
            and f.period.isdigit()
            and f.label.strip()  # a figure nothing names is compared with nothing
        ]
        by_key: dict[tuple, list[int]] = {}
        by_sentence: dict[int, list[int]] = {}
        for k, f in enumerate(para):
            by_key.setdefault((int(f.period), f.q.unit, f.concept), []).append(k)
            by_sentence.setdefault(f.sentence, []).append(k)
        cache[paragraph] = (para, by_key, by_sentence)
    return cache[paragraph]


def _alike(f: Fact, g: Fact) -> bool:
    """Two figures of one thing in two years: of one known measure, or (of none known) named by
    words one of which ends the other ("面积", "2022年储备土地面积"; not "确定重点建设项目" and
    "由去年的")."""
    if f.concept is not None:
        # (one known measure, but revenue's and spending's are two things: "收入…比上年决算数A
        # 增长r%；…实际支出B")
        x, y = _flows_named(f.label), _flows_named(g.label)
        return not (x and y and x.isdisjoint(y))
    x, y = _named(f.label), _named(g.label)
    return bool(x) and bool(y) and (x.endswith(y) or y.endswith(x))


@lru_cache(maxsize=4096)
def _flows_named(label: str) -> frozenset[str]:
    """The flows (收入, 支出) a label's words name."""
    return frozenset(w for w in _FLOWS if w in label)


_FLOWS = tuple(lexicon()["labels"]["flows"])


@lru_cache(maxsize=4096)
def _named(label: str) -> str:
    """A label without its years, spaces and punctuation (a paragraph's pairs ask for each
    label a hundred times)."""
    return _UNNAMED.sub("", label)


def _year_pairs(a: Audit, r: Fact) -> tuple[list[tuple[Fact, Fact]], bool]:
    """(this year, the year before) figures in r's paragraph that a growth rate can compare, one
    of them in r's sentence, in paragraph order; and whether that list is complete (at most
    PAIR_CAP pairs are listed). Cached per sentence: the pairs do not depend on the rate."""
    cache = a.__dict__.setdefault("_year_pairs", {})
    if r.sentence in cache:
        return cache[r.sentence]
    para, by_key, by_sentence = _year_index(a, r.paragraph)
    found: set[tuple[int, int]] = set()
    for k in by_sentence.get(r.sentence, []):
        f = para[k]
        # r's sentence holds this year's figure: any figure of the year before
        for j in by_key.get((int(f.period) - 1, f.q.unit, f.concept), [])[: PAIR_CAP + 1]:
            if _alike(f, para[j]):
                found.add((k, j))
        # r's sentence holds the year before: any later year's figure
        for j in by_key.get((int(f.period) + 1, f.q.unit, f.concept), [])[: PAIR_CAP + 1]:
            if _alike(f, para[j]):
                found.add((j, k))
    order = heapq.nsmallest(PAIR_CAP + 1, found)
    complete = len(order) <= PAIR_CAP
    out = [(para[i], para[j]) for i, j in order[:PAIR_CAP]]
    cache[r.sentence] = (out, complete)
    return out, complete


def _own_amount(a: Audit, r: Fact) -> Fact | None:
    """The amount a growth rate follows in its statement: the nearest before it in its sentence
    with no ；, and no other rate of change, between."""
    lo = a.segs.sentences[r.sentence].start
    for g in a.backwards(r.span.start, lo):
        if g.concept == "change.rate" or any(c in a.text[g.span.end : r.span.start] for c in "；;"):
            return None
        if g.q.family != "percent" and a.lex.kind(g.concept) != "relation":
            return g
    return None


@check("R003")
def growth_between_years(a: Audit) -> None:
    """A growth rate with no stated change: compare the year's figure with the year before's."""
    for facts in a.by_sentence.values():
        for k, r in enumerate(facts):
            if r.concept != "change.rate" or r.q.family != "percent" or r.q.operator:
                continue
            if "R003" in r.used_by:
                continue  # read already as the change of a prior / current pair
            if "百分点" in r.q.unit:
                continue  # a change of a rate in points is not a growth rate
            if (k and facts[k - 1].concept == "change.amount") or (
                k + 1 < len(facts) and facts[k + 1].concept == "change.amount"
            ):
                continue  # change_rate() checks it against the stated change
            tried = []
            pairs, complete = _year_pairs(a, r)
            own = _own_amount(a, r)
            if own is not None:
                # "收入1,179,747万元，为预算的97.73%，增长5.95%；加上…上年结转512,099万元…":
                # the rate is its own amount's, compared with no pair the amount is not in
                pairs = [(c, p) for c, p in pairs if own is c or own is p]
            for cur, prev in pairs:
                if prev.q.interval.contains_zero():
                    continue
                expected = change_percent(cur.q.interval, prev.q.interval)
                if expected is None:
                    continue
                if expected.overlaps(r.q.interval):
                    a.mark("R003", cur, prev, r)
                    break
                tried.append((cur, prev, expected))
            else:
                if tried and complete:
                    cur, prev, expected = tried[0]
                    exp = show(expected.mid, r)
                    emit_rate(
                        a,
                        "R003",
                        r,
                        expected,
                        f"({cur.q.value} - {prev.q.value}) ÷ {prev.q.value} × 100% = {exp}%",
                        "增长率与两年数字不符：",
                        "the growth rate does not follow from the two years' figures: ",
                        [
                            Operand(cur, f"{cur.period}年"),
                            Operand(prev, f"{prev.period}年"),
                            Operand(r, "增长率"),
                        ],
                        "(本年 − 上年) ÷ 上年",
                    )


@check("R004")
def completion_rate(a: Audit) -> None:
    for facts in a.by_sentence.values():
        for r in facts:
            if r.q.family != "percent" or r.q.operator:
                continue
            if r.concept != "rate.completion" and not _named_completion(r, facts):
                continue
            targets = [f for f in facts if _is_target(f)] or _target_before(a, r)
            pairs = []
            cut = len(targets) > NEAREST  # a sentence of many targets: the first ones only
            for t in targets[:NEAREST]:
                done = [
                    f
                    for f in facts
                    if f is not t
                    and f.q.family == t.q.family
                    and f.q.family != "percent"
                    and f.concept not in ("target.amount",)
                    and a.lex.kind(f.concept) != "relation"
                    and (f.q.family != "count" or f.q.unit == t.q.unit)
                ]
                # the nearest to the rate first; beyond NEAREST the rate is left alone if unmet
                done = heapq.nsmallest(
                    NEAREST + 1, done, key=lambda f: abs(f.span.start - r.span.start)
                )
                cut = cut or len(done) > NEAREST
                pairs += [(d, t) for d in done[:NEAREST]]
            _check_pairs(
                a,
                "R004",
                r,
                pairs,
                "完成率",
                "the completion rate",
                "完成数",
                "目标数",
                report=not cut,
                capped=True,  # "计划5期，实际完成6期，完成率100%": exceeded, written as met
            )
        for r in facts:  # 资金到位率, 资金拨付进度 = funds arrived, disbursed ÷ the budget
            if r.concept not in _FUNDS_RATES or r.q.family != "percent" or r.q.operator:
                continue
            num, names = _FUNDS_RATES[r.concept]
            dens = ["budget.adjusted", "budget.generic", "investment.total"]
            if not _has_concept(a, r, dens):
                dens = ["budget.initial"]  # "年初预算200万元…拨付资金66.86万元，拨付进度…"
            full = ("budget.adjusted", "investment.total")
            _ratio_check(a, "R004", r, facts, [num], dens, full, names)


_OF_TARGET = cached_re(alt(lexicon()["concepts"]["target.amount"]["phrases"]))


def _target_before(a: Audit, r: Fact) -> list[Fact]:
    """The target a rate named only by its words ("完成计划的105%") is of, when its sentence states
    none: the one figure the sentence before it in its paragraph states, when that is a target
    ("计划养护120公里。全年完成126公里，完成计划的105%")."""
    m = a.lex.concept(r.label)
    if m is None or (m.start, m.end) != (0, len(r.label)) or r.sentence == 0:
        return []  # words besides the rate's own ("完成上半年计划的"): another plan, maybe
    if not _OF_TARGET.search(r.label):
        return []
    sents = a.segs.sentences
    if sents[r.sentence - 1].paragraph != sents[r.sentence].paragraph:
        return []
    before = [f for f in a.by_sentence.get(r.sentence - 1, ()) if f.q.family != "percent"]
    # one figure, a target of the rate's period: not one of several ("计划养护县道40公里、乡道80
    # 公里"), nor a year's plan for what a half year did
    if len(before) != 1:
        return []
    return before if _is_target(before[0]) and before[0].period == r.period else []


def _is_target(f: Fact) -> bool:
    """A target a completion rate is of: at least or exactly the figure, not a ceiling."""
    return f.concept == "target.amount" and f.q.operator in (None, "≥", "=")


def _named_completion(r: Fact, facts: list[Fact]) -> bool:
    """A rate named after what was done ("计划新开工项目270项，实际已开工129项，开工率达47%"): a
    rate of no known measure whose name's last two characters before 率 stand in the words of a
    figure before it, in a sentence that states a target: done ÷ target, as 完成率."""
    if r.concept is not None:
        return False
    i = r.label.rfind("率")
    stem = r.label[max(0, i - 2) : i] if i >= 2 else ""
    if len(stem) < 2 or not ideographs(stem):
        return False
    words = _DONE if stem in _DONE else (stem,)
    before = [f for f in facts if f.span.end <= r.span.start]
    return any(f.concept == "target.amount" for f in before) and any(
        f.concept != "target.amount" and any(w in f.label for w in words) for f in before
    )


_DONE = tuple(lexicon()["labels"]["done"])


_FUNDS_RATES = {
    "rate.arrival": (
        "funds.arrived",
        ("资金到位率", "the funds arrival rate", "到位资金", "全年预算数"),
    ),
    "rate.disbursement": (
        "funds.disbursed",
        ("资金拨付进度", "the disbursement rate", "拨付资金", "预算数"),
    ),
}


@check("R007")
def shares_of_one_base(a: Audit) -> None:
    """Shares of one named whole that the text states nowhere ("基本支出X元，占一般公共预算支出的
    84.06%…项目支出Y元，占一般公共预算支出的19.62%"): each part ÷ its share is that whole, so the
    wholes they imply must agree. Only a whole that names a scope of its own, not the part's
    ("占全年预算的" is each item's own budget), and only under one heading, topic and item."""
    implied: dict[tuple, list[tuple[Fact, Fact, Interval]]] = {}
    for facts in a.by_sentence.values():
        for k, s in enumerate(facts):
            if s.concept != "share" or s.q.family != "percent" or k == 0:
                continue
            name = _base_name(s)
            sc = a.lex.scope(name) if name else None
            if name is None or sc is None or a.lex.is_generic_scope(sc.key):
                continue
            for share, part in _shares_and_parts(a, facts, k):
                if (
                    part.q.family != "money"
                    or part.q.operator
                    or part.q.approx
                    or share.q.operator
                    or share.q.approx
                    or sc.key in part.scope.split("·")
                    or _named_whole(a, share, part, name) is not None  # R002 checks it
                ):
                    continue
                ratio = part.q.interval.div(share.q.interval)
                if ratio is None:
                    continue
                base = ratio.percent()  # part ÷ share%
                key = (
                    _UNQUALIFIED.sub("", name),
                    part.period,
                    a.outline.scope_above(s.paragraph),
                    a.outline.topic_of(s.paragraph),
                    a.outline.item_of(s.paragraph, s.span.start),
                )
                implied.setdefault(key, []).append((share, part, base))
    for found in implied.values():
        first_share, first_part, common = found[0]
        name = _base_name(first_share)
        for share, part, base in found[1:]:
            if part is first_part or share.paragraph - first_share.paragraph > LOOK_BACK:
                break
            if base.overlaps(common):
                common = Interval(max(common.lo, base.lo), min(common.hi, base.hi))
                continue
            one = f"{first_part.q.value} ÷ {first_share.q.raw} ≈ {show(common.mid, first_part)}"
            two = f"{part.q.value} ÷ {share.q.raw} ≈ {show(base.mid, part)}"
            a.emit(
                "R007",
                share,
                f"两个占比所指的{name}不一致：{one}，{two}",
                f"two shares imply two different {name}: {one}, {two}",
                [
                    Operand(first_part, clean(first_part.label)),
                    Operand(first_share, "占比"),
                    Operand(part, clean(part.label)),
                    Operand(share, "占比"),
                ],
                {"formula": f"{one}；{two}"},
            )
            break


_CLAUSE_MARKS = "，,；;。：:"


@check("R002", "R004")
def rates_of_a_stated_base(a: Audit) -> None:
    """ "收入累计完成24627万元，完成年初预算数60999万元的40.4%", "收入完成12503万元，占年度预算
    10443万元的119.7%": the rate is the figure before ÷ the amount its own words name. The figure
    before stands in the clause just before, with no other figure between; words naming a share
    make it one (R002), any others a completion (R004)."""
    for facts in a.by_sentence.values():
        for k, base in enumerate(facts):
            if base.concept != "rate.base" or k == 0 or k + 1 >= len(facts):
                continue
            rate, subject = facts[k + 1], facts[k - 1]
            if (
                rate.q.family != "percent"
                or rate.q.operator
                or subject.q.family != base.q.family
                or a.lex.kind(subject.concept) == "relation"
                or subject.in_parens != base.in_parens
                or subject.q.operator
                or subject.q.approx
                or sum(a.text.count(c, subject.span.end, base.span.start) for c in _CLAUSE_MARKS)
                != 1
            ):
                continue
            words = base.label.lstrip()  # "占年度预算…的": a share's words open the label
            share = words.startswith(tuple(a.lex.concepts["share"]["phrases"]))
            _check_pairs(
                a,
                "R002" if share else "R004",
                rate,
                [(subject, base)],
                "占比" if share else "完成率",
                "the share" if share else "the completion rate",
                clean(subject.label),
                clean(base.label),
            )


_HUNDRED = Interval.exact(Decimal(100))


def _prior_figure(a: Audit, f: Fact) -> Interval | None:
    """Last year's figure of an amount from the change its clause states right after it: the
    change amount ("比上年减少A万元", current ∓ A), else the rate ("下降r%", current ÷ (1 ∓ r)).
    Up to the next amount or ；: a clause that states no change, or a change in points, gives
    none."""
    facts, k = _in_sentence(a, f)
    end = a.segs.sentences[f.sentence].end
    semi = _SEMI.search(a.text, f.span.end, end)  # (to its sentence's end: never the whole text)
    stop = semi.start() if semi else end
    amount = rate = None
    for i in range(k + 1, len(facts)):
        g = facts[i]
        if stop < g.span.start:
            break
        if g.concept == "change.amount" and g.q.family == f.q.family:
            amount = g
            break  # (an amount is what is taken: a rate after it is not read)
        elif g.concept == "change.rate" and g.q.family == "percent" and rate is None:
            rate = g
        elif a.lex.kind(g.concept) != "relation" and g.q.family != "percent":
            break  # the next figure: its changes are its own
    if amount is not None:
        got = prior_of(f, amount)
        return got[1] if got is not None else None
    if rate is None or rate.q.operator or "百分点" in rate.q.unit:
        return None
    said = direction_in(change_words(), rate.label)
    if said is None or said[0] not in ("up", "down"):
        return None
    step = rate.q.interval.div(_HUNDRED)
    if step is None:
        return None
    one = Interval.exact(Decimal(1))
    return f.q.interval.div(one + step if said[0] == "up" else one - step)


@check("R008")
def changes_of_parts(a: Audit) -> None:
    """A whole and every one of its parts stated with last year's change ("三公经费3.1亿元，下降
    27.2%，其中：因公出国费1287万元，下降38.3%；…"): the parts' last-year figures, each rebuilt
    from its own change, add up to the whole's, within rounding."""
    for bd in a.st.breakdowns:
        if not bd.exhaustive or len(bd.parts) < 2 or bd.total.q.family != "money":
            continue
        whole = _prior_figure(a, bd.total)
        if whole is None:
            continue
        priors = [_prior_figure(a, p) for p in bd.parts]
        if any(p is None for p in priors):
            continue
        computed = total([p for p in priors if p is not None])
        if computed.overlaps(whole):
            a.mark("R008", bd.total, *bd.parts)
            continue
        unit = bd.total
        parts = " + ".join(show(p.mid, unit) for p in priors if p is not None)
        got, said = show(computed.mid, unit), show(whole.mid, unit)
        names = "、".join(p.scope for p in bd.parts)
        a.emit(
            "R008",
            bd.total,
            f"由各自增减推出的上年数不相加：分项（{names}）上年 {parts} = {got}，"
            f"而{clean(bd.total.label) or '合计'}上年为 {said}",
            f"last year's figures rebuilt from each change do not add up: parts ({names}) "
            f"{parts} = {got}, the whole {said}",
            [Operand(bd.total, "合计")] + [Operand(p, p.scope) for p in bd.parts],
            {
                "formula": f"{parts} = {got} ≠ {said}",
                "expected": said,
                "stated": got,
                "difference": show(abs(computed.mid - whole.mid), unit),
                "unit": unit.q.unit,
            },
        )
