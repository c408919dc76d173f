"""Structures built on facts: breakdowns, enumerations, indicators and grade claims."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from functools import cache

from .. import arith
from ..catalogue import lexicon
from ..lazy_re import cached_re, lazy
from ..model import Breakdown, Enumeration, Fact, GradeClaim, Indicator, Span
from ..record import Record
from ..segment import CIRCLED, CLOSE, CN_ORD, OPEN, Segments, marker_at
from .cues import alt, cues
from .facts import MID, ideographs, mid_starts, other_stage
from .lexicon import Lexicon
from .meta import opens_with_org
from .numbers import find_quantities
from .respectively import respective_groups, respective_shares
from .starts import Starts, firsts, held

_QISHI = cues().parts_rx  # "其中", "全年实际支出2.1885亿元中，基本支出…"


def _held_by_all(words: list[str]) -> str | None:
    """A character every word holds (None if they share none): a range in which str.find
    does not find it holds no match of their alternation (a pattern is then not run over it)."""
    shared = set.intersection(*(set(w) for w in words)) if words else set()
    return min(shared) if shared else None


# the characters every match of _QISHI (its words and 中) and of _SUMS_WORD holds
_QISHI_HELD = _held_by_all([*lexicon()["lists"]["parts"], "中"])
_CLOSED = cues().none_occurred_rx
_CLOSED_REACH = 40  # characters after a list's last part its "未发生…" may stand
# A list is announced by cue words (", 具体如下：") or by a colon right after the counted noun.
# what after a count announces its items: a colon after its noun ("3个项目："), an announcing
# word before a colon or the sentence's end ("…，具体如下："), or a word that names them at once
# after the noun's comma ("直属单位3个，即A、B和C")
_LIST_CUE = cached_re(
    r"^[^，,。；;！？]{0,10}?[：:]|(?:" + cues().announces + r")\s*(?:[：:]|$)"
    r"|^[^，,。；;！？：:]{0,10}?[，,]\s*" + cues().namely + r"(?![：:])"
)
_TARGET = cached_re(r"(" + cues().target_labels + r")\s*(?:为|是|：|:)?\s*")
_OP_ONLY = cached_re(
    r"\s*(?:" + alt([w for w, _ in cues().operators] + list(cues().target_fillers)) + r")?\s*$"
)
ACTUAL = cues().actual_rx
_UNMET = cues().unmet_rx
_NO_DEVIATION = cues().no_deviation_rx
_GRADE = cues().grade_rx
_BASE = cues().base_rx  # grade words from rules/lexicon.toml [[grades]]


def is_relation(f: Fact, lex: Lexicon) -> bool:
    return lex.kind(f.concept) in ("relation", "rate") or f.q.family == "percent"


def same_measure(a: Fact, b: Fact) -> bool:
    """Figures that can be added: same family, and for counts the same unit (人 is not 个)."""
    if a.q.family != b.q.family:
        return False
    return a.q.family != "count" or a.q.unit == b.q.unit


class Structures(Record):
    """What the narrative's figures form together: breakdowns, lists, indicators, grades."""

    breakdowns: list[Breakdown]
    enumerations: list[Enumeration]
    indicators: list[Indicator]
    grades: list[GradeClaim]
    part_of: dict[int, Breakdown]  # fact id → its breakdown
    overall_claims: list[Span]  # "各项指标均已完成"

    def __init__(
        self,
        breakdowns: list[Breakdown] | None = None,
        enumerations: list[Enumeration] | None = None,
        indicators: list[Indicator] | None = None,
        grades: list[GradeClaim] | None = None,
        part_of: dict[int, Breakdown] | None = None,
        overall_claims: list[Span] | None = None,
    ) -> None:
        self.breakdowns = [] if breakdowns is None else breakdowns
        self.enumerations = [] if enumerations is None else enumerations
        self.indicators = [] if indicators is None else indicators
        self.grades = [] if grades is None else grades
        self.part_of = {} if part_of is None else part_of
        self.overall_claims = [] if overall_claims is None else overall_claims


_CLAUSE_NAME = lazy(r"[^\d，,、；;。：:（(]+")
# Patterns of single steps below, compiled on first use (from the cache) rather than by `re` each run
_LEADING_PARTS = lazy(r"^(其中|包括|含)[：:]?")
_LEADING_PARTS_WORD = lazy(r"^\s*(其中|包括|含)")
_NOUN = lazy(r"[^\s，,：:；;。具分主包]{0,6}")
_AND = lazy(r"、|和|及")
_CLAUSE_SEP = lazy(r"[，,；;]")
_INDICATOR_HEAD = lazy(r"^.*?(指标名称|指标)[：:]")


def _part_scope(f: Fact, head: Fact, lex: Lexicon, text: str = "") -> str:
    """A part's name: a scope its label names, the name its clause opens with, the scope its
    sentence gave it, or the label."""
    label = _LEADING_PARTS.sub("", f.label).strip()
    s = lex.scope(label)
    if s:
        return s.key
    c = lex.concept(label)
    if c is not None and not (label[: c.start] + label[c.end :]).strip():
        # the label only names the measure ("…；公务接待费预算3.60万元，支出2.12万元"): the
        # clause names the part, else the sentence does
        name = _clause_name(text, f, lex) if text else ""
        if not name and c.key == head.concept and label != clean_measure(head.label, lex):
            return label  # "实有人数52人，其中在职人员41人": a part is not its total
        return name or f.scope
    return label or f.scope


def clean_measure(label: str, lex: Lexicon) -> str:
    """The phrase of a label that names its measure ("2023年全年执行数" → 执行数)."""
    c = lex.concept(label)
    return label[c.start : c.end] if c else label


def _clause_name(text: str, f: Fact, lex: Lexicon) -> str:
    """The name a clause opens with, without its measure ("公务接待费预算…" → 公务接待费)."""
    start = max(text.rfind(c, 0, f.span.start) for c in "；;。：:") + 1
    for m in _QISHI.finditer(text, start, f.span.start):
        start = m.end()  # the parts begin after 其中
    seg = _LEADING_PARTS_WORD.sub("", text[start : f.span.start])
    m = _CLAUSE_NAME.match(seg)
    if m is None or m.end() >= len(seg):
        return ""  # the clause has no figure before this one: its label is all there is
    name = m.group(0).strip()
    s = lex.scope(name)
    if s:
        return s.key
    c = lex.concept(name)
    if c is not None:
        name = (name[: c.start] + name[c.end :]).strip()
    return name if 2 <= len(name) <= 15 else ""


def _is_part(f: Fact, head: Fact, lex: Lexicon) -> bool:
    """Adds into head: same measure and period, and not a rate, share or change ("其中公务接待
    支出124万元，比上年148万元": last year's figure is not a part of this year's total), nor an
    amount per head ("其中：城市低保对象每人每月补助标准为780元，发放312.60万元")."""
    return (
        same_measure(f, head)
        and _same_period(f, head)
        and not is_relation(f, lex)
        and not _PER_HEAD.search(f.label)
    )


# a per-unit word ending a label, or before its period or copula ("补助标准为780元", "按每人每月
# 100元…"; not "生均公用经费A", a fund's name, nor "…标准发放A", the amount paid at that rate)
_PER_HEAD = cached_re("(?:" + alt(lexicon()["lists"]["per_unit"]) + r")(?:每[年月日天]|[为是达])*$")


def _same_period(f: Fact, head: Fact) -> bool:
    """One period: the same, or the sentence after an in-year head ("上半年，全市收入X。其中：税收
    收入A…": the in-year words of the head's sentence date the list that follows it)."""
    return f.period == head.period or (
        head.period == "mid"
        and f.sentence == head.sentence + 1
        and (f.period.isdigit() or f.period == "current")
    )


def is_comparison_base(f: Fact) -> bool:
    """ "比上年累计支出433万元", "较2024年的2190万元": the figure a change is measured from."""
    return _BASE.match(f.label) is not None


def _of_head_concept(parts: list[Fact], head: Fact) -> list[Fact]:
    """When a list mixes measures ("其中：基本支出全年预算…，支出…" under a spending total),
    only the figures of the total's own concept are its parts; a figure of another kind of
    measure (spending after budget parts: "…项目支出600万元，全年实际支出1425万元") never is."""
    if head.concept and any(p.concept == head.concept for p in parts):
        return [p for p in parts if p.concept in (None, head.concept)]
    if head.concept:
        kind = head.concept.split(".")[0]
        return [p for p in parts if p.concept is None or p.concept.split(".")[0] == kind]
    return parts


class _HeadParts:
    """The parts of a list that _of_head_concept would keep, kept as they come: a list of n
    parts is read in n steps, not n² (each step used to filter all the parts so far)."""

    def __init__(self, head: Fact) -> None:
        self.concept = head.concept
        self.kind = head.concept.split(".")[0] if head.concept else None
        self.every: list[Fact] = []
        self.same: list[Fact] = []  # of the head's concept, or of none
        self.alike: list[Fact] = []  # of the head's kind of measure, or of none
        self.any_same = False

    def add(self, p: Fact) -> None:
        self.every.append(p)
        if self.concept is None:
            return
        if p.concept in (None, self.concept):
            self.same.append(p)
        if p.concept is None or p.concept.split(".")[0] == self.kind:
            self.alike.append(p)
        self.any_same = self.any_same or p.concept == self.concept

    @property
    def parts(self) -> list[Fact]:
        if self.concept is None:
            return self.every
        return self.same if self.any_same else self.alike


def _closers(text: str, segs: Segments, start: int, end: int) -> dict[int, int]:
    """Each opening parenthesis in [start, end) → its closing one (the first closer at the same
    depth after it), in one pass: looking each one up by scanning forward was quadratic in a
    paragraph full of unclosed parentheses."""
    out: dict[int, int] = {}
    pending: dict[int, list[int]] = {}
    for m in _PARENS.finditer(text, start, end):
        i = m.start()
        if text[i] in OPEN:
            pending.setdefault(segs.depth[i], []).append(i)
        else:
            for o in pending.pop(segs.depth[i], []):
                out[o] = i
    return out


_PARENS = cached_re("[" + re.escape(OPEN + CLOSE) + "]")


def _attach_shares(bd: Breakdown, facts: list[Fact], lo: int, hi: int, lex: Lexicon) -> None:
    """Each share in the list is of the part just before it; a run of shares after a run of as
    many parts ("A、B和C分别为x、y和z，占W比例为a%、b%和c%") pairs with them in order."""
    part_ids = {p.id for p in bd.parts}
    runs: list[tuple[bool, list[Fact]]] = []  # (is a run of parts, its figures), in order
    for f in facts:
        if f.span.start < lo or f.span.start >= hi:
            continue
        is_part = f.id in part_ids
        if not is_part and f.concept != "share":
            continue
        if runs and runs[-1][0] == is_part:
            runs[-1][1].append(f)
        else:
            runs.append((is_part, [f]))
    for (was_parts, parts), (is_parts, shares) in itertools.pairwise(runs):
        if not was_parts or is_parts:
            continue
        if len(shares) == len(parts) > 1 and all(s.sentence == parts[-1].sentence for s in shares):
            bd.shares.update((p.id, s) for p, s in zip(parts, shares, strict=True))
            continue
        last, share = parts[-1], shares[0]
        if not _names_own_subject(share, lex):
            bd.shares[last.id] = share
            continue
        # "…；非税收入Y万元；税收收入占…的比重为71.1%": the part the share's words name
        named = _named_scope(share, lex)
        if named is not None:
            own = [p for p in parts if p.scope == named]
            if own:
                bd.shares[own[-1].id] = share
            continue
        if share.sentence == last.sentence:
            bd.shares[last.id] = share


def _names_own_subject(f: Fact, lex: Lexicon) -> bool:
    """A label that names what it is of besides its measure ("税收比重" names 税收)."""
    c = lex.concept(f.label)
    rest = f.label[: c.start] + f.label[c.end :] if c else f.label
    return len(cues().connectives_rx.sub("", rest)) >= 2


def _named_scope(f: Fact, lex: Lexicon) -> str | None:
    """The scope a share's label names before its measure ("税收收入占…比重" → 税收收入)."""
    c = lex.concept(f.label)
    sc = lex.scope(f.label[: c.start]) if c else None
    return sc.key if sc else None


def _exhaustive_by_shares(bd: Breakdown) -> bool:
    """Every part has a share and the shares, as rounded, can add up to 100%: nothing is left
    out (81.45% + 17.99% cannot: a third part is missing). One part "占100%" says no more than
    that it rounds to the whole ("收入合计1047.60万元，其中：财政拨款收入1047.41万元，占100%"):
    R002 holds it to that, not T001 to the cent."""
    if not bd.shares or len(bd.shares) != len(bd.parts) or len(bd.parts) < 2:
        return False
    ivs = [f.q.interval for f in bd.shares.values()]
    return sum(iv.lo for iv in ivs) <= 100 <= sum(iv.hi for iv in ivs)


def _is_partition(parts: list[Fact], lex: Lexicon, head: Fact | None = None) -> bool:
    """The parts are all of a known whole: 基本支出 + 项目支出 of 支出 (a department's), 人员经费 +
    公用经费 of 基本支出, not of 支出 (then 项目支出 is missing)."""
    whole = lex.whole_of([p.scope for p in parts])
    # 人员经费 + 公用经费 under a department's (or 财政拨款) total: 项目支出 is not listed
    return whole is not None and (head is None or whole == "支出" or whole in head.scope.split("·"))


def _heads_before(
    text: str, plist: list[Fact], end: int, m: re.Match, here: int, d: int, lex: Lexicon
) -> list[Fact]:
    """The figure a 其中 list is of: the last before 其中 at its depth, at most a sentence back
    (rates, shares and comparison bases skipped); then the earlier ones of the same measure,
    concept and period in its clauses ("直达资金45.66亿元，未分配0.32亿元。其中：…"), which the
    list may be of as well. A ；or another 其中 ends that reach. Read from plist[end - 1]
    backwards, in place (a copy of what comes before each 其中 costs the square of a paragraph)."""
    heads: list[Fact] = []
    for k in range(end - 1, -1, -1):
        f = plist[k]
        if f.sentence < here - 1:
            break
        if heads and _SEPARATED.search(text, f.span.end, heads[-1].span.start):
            break
        if (
            f.span.end <= m.start()
            and f.in_parens == d
            and not is_relation(f, lex)
            and not is_comparison_base(f)
            and (not heads or _rival(f, heads[0]))
        ):
            heads.append(f)
    return heads


_LIST_STOP = cached_re("[。；;]")  # where a 其中 list's own sentence or clause ends
_SEPARATED = cached_re(r"[；;]|" + alt(lexicon()["lists"]["parts"]))
# an outline's section number inside a line ("…目标是保证学校的正常运转二、项目资金…"), not an
# enumeration of numerals ("一、二级指标")
_SECTION_MARK = cached_re(rf"(?<![{CN_ORD}])[{CN_ORD}]{{1,3}}、(?![{CN_ORD}])")


_PER_UNIT = cached_re("(?:" + alt(lexicon()["lists"]["per_unit"]) + ")$")


def _rival(f: Fact, head: Fact) -> bool:
    """Amounts of money only: counts before 其中 are read nearest first ("一级指标3个，二级指标8个，
    三级指标21个。其中产出指标12个…" lists the last); a rate per head is no total ("按生均1000元")."""
    return (
        f.q.family == "money"
        and not _PER_UNIT.search(f.label)
        and f.concept == head.concept
        and f.period == head.period
        and same_measure(f, head)
    )


def _names_partition(parts: list[Fact], head: Fact, lex: Lexicon) -> bool:
    """The parts are the known partition of what the head's own scope names."""
    return lex.whole_of([_part_scope(p, head, lex) for p in parts]) in head.scope.split("·")


def _names_whole(parts: list[Fact], head: Fact, lex: Lexicon) -> bool:
    """The head's words name a whole the parts are all known parts of ("…财政拨款支出A，…。
    其中：基本支出B" under 支出, not under the 收入 beside it)."""
    scopes = {_part_scope(p, head, lex) for p in parts}
    return any(
        scopes <= set(members) and whole in head.label for whole, members in lex.partitions.items()
    )


def find_breakdowns(text: str, segs: Segments, facts: list[Fact], lex: Lexicon) -> list[Breakdown]:
    out: list[Breakdown] = []
    listed: set[int] = set()  # ids of the parts of the 其中 lists read so far
    by_para: dict[int, list[Fact]] = {}
    for f in facts:
        by_para.setdefault(f.paragraph, []).append(f)
    shared_out = respectively_starts(text)  # where a 分别 list may stand
    for plist in by_para.values():
        para = segs.paragraphs[plist[0].paragraph]
        starts = [f.span.start for f in plist]  # facts are in text order: found by bisection
        closers: dict[int, int] | None = None
        for i, head in enumerate(plist):
            j = head.span.end
            while j < para.end and text[j] == " ":
                j += 1
            # (a) parentheses right after the figure (of a figure that is no relation: asked
            # after the parenthesis, both tests being of the figure alone)
            if j < para.end and text[j] in OPEN and not is_relation(head, lex):
                if closers is None:
                    closers = _closers(text, segs, para.start, para.end)
                close = closers.get(j, para.end)
                lo = max(i + 1, bisect.bisect_right(starts, j))
                inner = [
                    f
                    for f in plist[lo : bisect.bisect_left(starts, close)]
                    if j < f.span.start < close and f.in_parens == head.in_parens + 1
                ]
                parts = _of_head_concept([f for f in inner if _is_part(f, head, lex)], head)
                parts = _closed_before_comma(text, parts, head)
                if (
                    len(parts) >= 2
                    and all(len(_part_scope(p, head, lex, text)) <= 15 for p in parts)
                    and not _levels(parts)
                    and not _terms_of_identity(parts, head)
                ):
                    partial = text[j + 1 : j + 4].lstrip().startswith(cues().partial)
                    for p in parts:
                        p.scope = _part_scope(p, head, lex, text)
                        p.concept = p.concept or head.concept
                    bd = Breakdown(head, parts, exhaustive=not partial, cue="parens")
                    _attach_shares(bd, inner, j, close, lex)
                    if partial and (_exhaustive_by_shares(bd) or _is_partition(parts, lex, head)):
                        bd.exhaustive = True
                    out.append(bd)
        # (b) "其中" lists: the total is the last figure before 其中 (rates and shares skipped)
        held = _QISHI_HELD is None or text.find(_QISHI_HELD, para.start, para.end) >= 0
        for m in _QISHI.finditer(text, para.start, para.end) if held else ():
            d = segs.depth[m.start()]
            if text[max(para.start, m.start() - 1)] in OPEN:
                continue  # "（其中…）" belongs to the parenthesis case
            # the last figure before 其中 at its depth; one more than a sentence back is too far
            here = segs.sentence_at[m.start()]
            heads = _heads_before(
                text, plist, bisect.bisect_left(starts, m.start()), m, here, d, lex
            )
            if len(heads) > 1 and id(heads[0]) not in listed:
                # "限额A，其中B、C，余额D，其中…": a part of a list read before is no rival of
                # a head that is none ("…支出合计T，其中基本支出A，项目支出B。其中：…" keeps both)
                heads = [heads[0], *(h for h in heads[1:] if id(h) not in listed)]
            if not heads:
                continue
            head = heads[0]
            if _QISHI.search(text, head.span.end, m.start()):
                continue
            parts, members = [], []
            own = _HeadParts(head)  # _of_head_concept(parts, head), kept as parts come
            nxt = _QISHI.search(text, m.end(), para.end)  # where another 其中 list may begin
            end = _LIST_STOP.search(text, m.end(), para.end)  # (one scan, not one a mark)
            stop = end.start() if end else para.end
            # "其中：A；B；C": a colon opens a list whose parts ；may separate
            colon = text[m.end() : m.end() + 1] in "：:"
            # the figures after 其中, read in place (a copy of the rest of a paragraph for each
            # of its lists would cost the square of a paragraph of many lists)
            after = (plist[k] for k in range(bisect.bisect_right(starts, m.end()), len(plist)))
            candidates: Iterable[Fact] = after
            open_ended = False
            if colon:
                more, open_ended = _continued_list(
                    text, segs, by_para, plist[0].paragraph, head, lex
                )
                candidates = itertools.chain(after, more)
            list_end = para.end
            known = lex.parts_of(head.scope)  # the head's known parts, if any
            nested: Fact | None = None  # a part whose own 其中 list is being passed over
            lists_on = False  # whether the list names amounts past its known parts
            reason_stop: int | None = None  # the end of a part's reason, whose figures are its
            for f in candidates:
                if f.span.start <= m.end() or f.in_parens != d:
                    continue
                if nested is not None:
                    if not lex.siblings(f.scope, nested.scope):
                        continue
                    nested = None  # the next part of this list: it carries on
                    nxt = _QISHI.search(text, f.span.end, para.end)
                elif nxt is not None and nxt.start() < f.span.start:
                    # another 其中 list begins: a known part's own parts ("；公务用车购置及运行费
                    # X万元，其中：购置费…，运行费…；公务接待费…") are passed over to its sibling
                    last = parts[-1] if parts else None
                    if last is not None and last.scope in known:
                        nested = last
                        continue
                    break
                if lex.siblings(f.scope, head.scope):
                    break  # a sibling of the total is never one of its parts
                if (
                    nxt is not None
                    and text[f.span.end : nxt.start()].strip() in ("，", ",")
                    and f.scope not in known
                ):
                    break  # "…，余额为B，其中…": B opens a list of its own, past this one's end
                gap_from = members[-1].span.end if members else m.end()
                if _SECTION_MARK.search(text, gap_from, f.span.start):
                    break  # "…二、项目资金使用…三、…": a section of the outline begins
                if _ADDS.search(text, gap_from, f.span.start):
                    break  # "…；加上上级补助收入B…，收入合计T": a build-up begins
                if parts and _MOVES_ON.search(text, gap_from, f.span.start):
                    break  # "…部门整体评价2个，涉及部门单位7个": a figure of another thing
                if _another_org(text, head, f, stop, gap_from):
                    break  # "…其中A 0元；B委员会“三公”经费决算数为C": another body's statement
                # "A 0.61亿元，调整的原因：…调减0.17亿元，…调增0.78亿元；": A's own, to the ；or 。
                if reason_stop is None and members:
                    why = _last(_REASON, text, gap_from, f.span.start)
                    if why is not None:
                        close = _LIST_STOP.search(text, why, para.end)  # 。or ；ends it
                        reason_stop = close.start() if close else para.end
                if reason_stop is not None:
                    if f.span.start < reason_stop:
                        continue
                    reason_stop = None
                # "其中行政编制36名、事业编制22名；年末实有人员55名": a figure of another concept
                # after a full stop or semicolon starts a new statement
                # (a figure that names a part's scope, "；项目支出全年预算…", stays in the list)
                new_statement = (
                    head.concept is not None
                    and lex.kind(f.concept) == "amount"
                    and f.concept != head.concept
                    and stop < f.span.start  # a 。；; between 其中 and the figure
                    and lex.scope(f.label) is None
                    and not _clause_has(text, plist, f, head.concept, para.end)
                )
                # a list of the head's known parts ends, past a 。or ；, at a figure that is none
                # (by the name its clause gives it: "…；非税收入B，增长r%；上级补助C" does not
                # carry 非税收入 on to C)
                beyond = (
                    bool(parts)
                    and stop < f.span.start
                    and all(p.scope in known for p in parts)
                    and _is_part(f, head, lex)
                    and (f.scope not in known or _part_scope(f, head, lex, text) not in known)
                )
                # "…；非税收入B；上级补助C": the sentence lists on past the known parts (not
                # "…；政府性基金预算收入C": another fund's figure, a statement of its own)
                lists_on = lists_on or (
                    beyond
                    and f.sentence == parts[-1].sentence
                    and lex.fund_of(f.label) in (None, lex.fund_of(head.label))
                )
                if new_statement or beyond or other_stage(f.concept, head.concept):
                    break
                if _list_closed(text, segs, own.parts, f, d, floor=1 if colon else 0) and not (
                    # "其中：出国A、接待B。公务用车购置及运行费C…": a known part of the head after
                    # the 。 goes on with the list of its siblings
                    colon
                    and parts
                    and all(_part_scope(p, head, lex, text) in known for p in parts)
                    and _part_scope(f, head, lex, text) in known
                ):
                    break
                members.append(f)
                list_end = max(list_end, segs.paragraphs[f.paragraph].end)
                if _is_part(f, head, lex):
                    parts.append(f)
                    own.add(f)
                    if not colon and _OPENS_OWN.match(text, f.span.end):
                        break  # "其中，A资金7560万元：B 2739万元，…": A's own parts follow
            parts = _of_head_concept(parts, head)
            if (
                not parts
                or _other_counts_named(text, plist, head, m.start(), parts)
                or _levels(parts)
                or _terms_of_identity(parts, head)
                or (head.concept is None and len({p.concept for p in parts}) > 1)
            ):
                # the last: "差值为0.9万元。其中：A支出0万元，年初预算为0万元，差值为0万元；…":
                # items of several measures under a figure of none known; which are its parts?
                continue
            if len(heads) > 1:
                # "直达资金45.66亿元，未分配0.32亿元。其中：…": two figures of one measure before
                # 其中; the list is of the one whose known parts it names, else of neither
                named = [h for h in heads if _names_partition(parts, h, lex)]
                if len(named) != 1:
                    named = [h for h in heads if _names_whole(parts, h, lex)]
                if len(named) != 1:
                    continue
                head = named[0]
            for p in parts:
                p.scope = _part_scope(p, head, lex, text)
                p.concept = p.concept or head.concept
            bd = Breakdown(head, parts, exhaustive=False, cue="其中")
            _attach_shares(bd, members, m.end(), list_end, lex)
            # "其中A费73万元，B费161万元，未发生C费": naming what did not occur closes the list
            q_end = segs.sentences[segs.sentence_at[m.start()]].end
            closed = (
                len(parts) >= 2
                and _CLOSED.search(text, m.end(), min(q_end, parts[-1].span.end + _CLOSED_REACH))
                is not None
            )
            partition = _is_partition(parts, lex, head) and not open_ended and not lists_on
            bd.exhaustive = (
                _exhaustive_by_shares(bd)
                or partition
                or closed
                or _ends_with_rest(parts)
                or _scores_by_dimension(head, parts)
            )
            out.append(bd)
            listed.update(id(p) for p in parts)
        # (c) "A和B分别为X和Y": only where a 分别 cue may start (most paragraphs have none)
        if shared_out.any_in(plist[0].span.start, plist[-1].span.end + 1):
            out.extend(_respective_breakdowns(text, plist, starts, lex))
        out.extend(_totals_after(text, segs, plist, lex))
        out.extend(_built_up(text, segs, plist))
    return out


_DIMENSIONS = [tuple(d) for d in lexicon()["lists"]["score_dimensions"]]


def _scores_by_dimension(head: Fact, parts: list[Fact]) -> bool:
    """Whether the parts are the scores of every first-level indicator of one set, each named
    once ("自评得分92分，其中：项目决策15分，项目过程19分，项目产出38分，项目效益20分")."""
    if head.q.unit != "分" or any(p.q.unit != "分" for p in parts):
        return False
    for dims in _DIMENSIONS:
        if len(parts) != len(dims):
            continue
        named = [[d for d in dims if d in p.label] for p in parts]
        if all(len(n) == 1 for n in named) and {n[0] for n in named} == set(dims):
            return True
    return False


def respectively_starts(text: str) -> Starts:
    """Where a 分别 cue (cues().respectively) may start: its words' first characters. A
    paragraph none of them stands in between its first figure and its last has no 分别 group
    for _respective_breakdowns to read (whose cues start at most at the last figure's end)."""
    return Starts(text, firsts(lexicon()["lists"]["respectively"]))


_SUMS_WORD = cached_re(alt(lexicon()["lists"]["sums_after"]))
_SUMS_HELD = _held_by_all(lexicon()["lists"]["sums_after"])
_SUMS_AFTER = cached_re(
    r"\s*(?:(?:" + alt(lexicon()["lists"]["sums_of_above"]) + r")[^，,。；;\d]{0,8}?)?"
    r"(?:" + _SUMS_WORD.pattern + r")"
)  # "共计下达…", "以上资金合计…"


def _totals_after(text: str, segs: Segments, plist: list[Fact], lex: Lexicon) -> list[Breakdown]:
    """ "A项目40万元；B项目2.75万元；…。共计下达资金3580.69万元": a sentence that opens with 共计
    (or "以上资金合计") and states one amount after a sentence that lists amounts, one to each ；-clause, states
    their sum. Any other figure in either sentence, a 其中, or a parenthesis: no such list."""
    out: list[Breakdown] = []
    para = segs.paragraphs[plist[0].paragraph]
    if (
        _SUMS_HELD is not None and text.find(_SUMS_HELD, para.start, para.end) < 0
    ) or _SUMS_WORD.search(text, para.start, para.end) is None:
        return out  # no 共计 in the paragraph (most have none; most have no 计 either)
    by_sentence: dict[int, list[Fact]] = {}
    for f in plist:
        by_sentence.setdefault(f.sentence, []).append(f)
    for si, fs in by_sentence.items():
        listed = by_sentence.get(si - 1)
        sent = segs.sentences[si]
        if (
            len(fs) != 1
            or not listed
            or len(listed) < 3
            or not _SUMS_AFTER.match(text, sent.start)
            or not all(_plain_amount(f) for f in [fs[0], *listed])
            or len({f.q.unit for f in [fs[0], *listed]}) > 1
        ):
            continue
        prev = segs.sentences[si - 1]
        if _QISHI.search(text, prev.start, prev.end) or not all(
            _one_mark(text, a.span.end, b.span.start)
            for a, b in itertools.pairwise([*listed, fs[0]])
        ):
            continue
        head = fs[0]
        for p in listed:
            name = _part_scope(p, head, lex, text)
            # "…慈善会项目40万元": an item named by its own words, not by a generic scope
            p.scope = p.label if lex.is_generic_scope(name) or name == "项目" else name
        out.append(Breakdown(head, listed, exhaustive=True, cue="共计"))
    return out


# 加上, or a bare 加 right before a level of government ("…增长11%。加市级财政税收返还和补助收入
# B…，收入总量为T", "加省补助收入B…")
_ADDS = cached_re(
    "(?<!["
    + "".join(lexicon()["lists"]["adds_not_after"])
    + "])(?:"
    + alt(lexicon()["lists"]["adds"])
    + "|加(?="
    + alt(["中央", *lexicon()["document"]["government_levels"]])
    + "|[省市县区](?:财政|补助))"  # "加省补助收入…", "加市财政补助收入…"
    + ")"
)
# words that take an amount away inside a build-up (not 减少, 减收, 减免: a change or a relief)
_SUBTRACTS = cached_re(r"减(?![少收支免税负])|扣除")
_ADD_WORDS = sorted([*lexicon()["lists"]["adds"], "加"], key=len, reverse=True)
# a character every add word holds ("" if they share none): a paragraph without it adds nothing
_ADDS_HELD = min(set.intersection(*(set(w) for w in _ADD_WORDS)), default="")
_ADD_ITEMS = tuple(lexicon()["lists"]["adds_items"])
_MOVES_ON = cached_re(alt(lexicon()["lists"]["moves_on"]))
_REASON = cached_re(alt(lexicon()["directions"]["reasons"]))


def _another_org(text: str, head: Fact, f: Fact, stop: int, gap_from: int) -> bool:
    """Whether f, past the list's first 。or ；, states the head's own measure of a body its
    clause opens by naming: a parallel statement of another organisation, not a part."""
    if stop > f.span.start or f.concept != head.concept or f.scope != head.scope:
        return False
    clause = _last(_LIST_STOP, text, gap_from, f.span.start)
    return clause is not None and opens_with_org(text, clause, f.span.start)


def _last(rx: re.Pattern, text: str, lo: int, hi: int) -> int | None:
    """Where the last match of rx in text[lo:hi] ends, if any."""
    end = None
    for m in rx.finditer(text, lo, hi):
        end = m.end()
    return end


def _added_item(label: str) -> str:
    """A build-up part's name: its label without the add word, keeping the 上 of an item the
    word runs into ("加上级补助收入" is 加 + 上级补助收入)."""
    for w in _ADD_WORDS:
        if label.startswith(w):
            rest = label[len(w) :]
            if w.endswith("上") and ("上" + rest).startswith(_ADD_ITEMS):
                rest = "上" + rest
            return rest.strip()
    return label


_BUILD_TOTAL = cached_re(alt(lexicon()["lists"]["build_totals"]))


def _built_up(text: str, segs: Segments, plist: list[Fact]) -> list[Breakdown]:
    """ "一般公共预算收入A，增长r%；加上上级补助收入B、上年结转C（其中…），收入总量T": the amount
    added to and those after 加上, up to the first one whose words name a total, add up to it.
    The amount added to is the one amount of the statement 加上 goes on (its sentence, or the
    sentence before when 加上 opens one), rates and changes aside; the amounts are plain money of
    one unit outside parentheses. Anything else (a count, two amounts before 加上, a 其中 list
    there) and there is no such sum."""
    out: list[Breakdown] = []
    para = segs.paragraphs[plist[0].paragraph]
    if _ADDS_HELD and text.find(_ADDS_HELD, para.start, para.end) < 0:
        return out  # no add word can stand in the paragraph (most have none)
    starts = [f.span.start for f in plist]
    for m in _ADDS.finditer(text, para.start, para.end):
        k = bisect.bisect_left(starts, m.start())
        si = segs.sentence_at[m.start()]
        lo = segs.sentences[si].start
        if not text[lo : m.start()].strip() and si > 0:
            lo = segs.sentences[si - 1].start  # "…收入282.18亿元，同比增长3%。加上…"
        lo = max(lo, para.start)
        if _QISHI.search(text, lo, m.start()):
            continue
        before = [
            f
            for f in plist[bisect.bisect_left(starts, lo) : k]
            if not f.in_parens and f.q.family != "percent" and f.concept != "change.amount"
        ]
        if len(before) != 1 or not _plain_amount(before[0]):
            continue
        first = before[0]
        parts, whole = [first], None
        for f in plist[k:]:
            if f.in_parens or f.q.family == "percent":
                continue
            if not _plain_amount(f) or f.q.unit != first.q.unit:
                break
            if len(parts) > 1 and _opens_sublist(text, segs, parts[-1], f):
                break  # "加上B，其中：B1…，C…": where B's parts end and the run goes on is unsaid
            if _SUBTRACTS.search(text, max(parts[-1].span.end, m.end()), f.span.start):
                break  # "…，减上解支出C，收入总计T": a run that takes away is no sum of parts
            if _BUILD_TOTAL.search(f.label):
                whole = f
                break
            parts.append(f)
        if whole is None or len(parts) < 2:
            continue
        if segs.sentence_at[whole.span.start] != segs.sentence_at[parts[-1].span.start]:
            continue
        for p in parts:
            p.scope = _added_item(p.label) or p.scope
        out.append(Breakdown(whole, parts, exhaustive=True, cue="加上"))
    return out


def _opens_sublist(text: str, segs: Segments, a: Fact, b: Fact) -> bool:
    """Whether a 其中 outside parentheses stands between a and b: b opens a's own list."""
    return any(
        segs.depth[m.start()] == segs.depth[a.span.start]
        for m in _QISHI.finditer(text, a.span.end, b.span.start)
    )


def _plain_amount(f: Fact) -> bool:
    """An amount stated as it is: money, outside parentheses, without 约 or 超过."""
    return f.q.family == "money" and not f.in_parens and not f.q.operator and not f.q.approx


def _one_mark(text: str, lo: int, hi: int) -> bool:
    """Exactly one ；or 。 between two figures: the next clause of the list."""
    return sum(text.count(c, lo, hi) for c in "；;。") == 1


# what a partition of spending (基本支出 + 项目支出, 人员经费 + 公用经费) is a partition of: a budget
# or a spending figure, or 本年支出合计 — not revenue, nor 支出总计 (which holds the carry-over)
_SPENDING_WHOLES = frozenset(
    {
        "budget.initial",
        "budget.adjustment",
        "budget.adjusted",
        "budget.generic",
        "spending.actual",
        "spending.initial",
        "total.expenditure",
    }
)


def _respective_breakdowns(
    text: str, plist: list[Fact], starts: list[int], lex: Lexicon
) -> list[Breakdown]:
    """ "支出合计500万元，基本支出和项目支出分别为300万元和200万元": a known partition of the
    whole stated just before it, in the same sentence, adds up to that whole."""
    out = []
    lo, hi = plist[0].span.start, plist[-1].span.end
    qs = [f.q for f in plist]
    for group in respective_groups(text, qs, lo, hi):
        k = bisect.bisect_left(starts, group[0][0].span.start)
        parts = plist[k : k + len(group)]
        if not _is_partition(parts, lex):
            continue
        names_at = text.rfind(group[0][1], 0, parts[0].span.start)
        head = next(
            (
                f
                for f in reversed(plist[:k])
                if f.sentence == parts[0].sentence
                and f.span.end <= names_at
                and f.in_parens == parts[0].in_parens
                and same_measure(f, parts[0])
                and not is_relation(f, lex)
                and not is_comparison_base(f)
            ),
            None,
        )
        if head is None or head.concept not in _SPENDING_WHOLES:
            continue  # "收入合计A，基本支出和项目支出分别为…": revenue is not what is split
        if not _is_partition(parts, lex, head):
            continue
        for p in parts:
            p.concept = p.concept or head.concept
        bd = Breakdown(head, parts, exhaustive=True, cue="分别")
        # "…，分别占支出合计的60%和40%" right after: the parts' shares, in order
        end = parts[-1].span.end
        for shares in respective_shares(text, qs, end, end + 4):
            at = {q.span.start for q, _ in shares}
            found = [f for f in plist if f.span.start in at]
            if len(found) == len(parts) and all(f.concept == "share" for f in found):
                bd.shares = {p.id: f for p, f in zip(parts, found, strict=True)}
        out.append(bd)
    return out


_REST = tuple(lexicon()["lists"]["rest"])


def _ends_with_rest(parts: list[Fact]) -> bool:
    """ "其中：…特种专业技术用车1辆、其他用车0辆": a list of counted things whose last part is
    "the others" names all of them."""
    last = parts[-1].label.lstrip("，,、；;：:和及与 ")
    return len(parts) >= 2 and all(p.q.family == "count" for p in parts) and last.startswith(_REST)


def _continued_list(
    text: str, segs: Segments, by_para: dict[int, list[Fact]], pi: int, head: Fact, lex: Lexicon
) -> tuple[list[Fact], bool]:
    """The figures of the paragraphs that carry on a "其中：" list past its own paragraph, one
    part a line as PDFs print them ("其中：\n人员经费X元，主要包括…。\n公用经费Y元，…"): each
    unnumbered paragraph that opens with a part of the head's known partition and holds no list
    of its own. Also whether the list may go on unread: it stopped at a paragraph that opens with
    a part-like figure of another name ("对个人和家庭的补助…")."""
    members = lex.parts_of(head.scope)
    out: list[Fact] = []
    k = pi + 1
    while members and k < len(segs.paragraphs):
        nxt = segs.paragraphs[k]
        facts = by_para.get(k, [])
        if nxt.marker is not None or not facts or _QISHI.search(text, nxt.start, nxt.end):
            break
        first = facts[0]
        if any(c in text[nxt.start : first.span.start] for c in "，,；;。：:"):
            break
        if not _is_part(first, head, lex):
            break
        scope = lex.scope(first.label)
        if scope is None or scope.key not in members:
            return out, scope is None
        out.extend(facts)
        k += 1
    return out, False


def _clause_has(text: str, facts: list[Fact], f: Fact, concept: str | None, limit: int) -> bool:
    """Whether f's clause (to the next ；or 。, within limit) states a figure of the concept
    after f: "；公务用车运行维护费预算15.00万元，支出13.30万元" is still part of a spending list."""
    ends = [i for c in "；;。" if (i := text.find(c, f.span.end, limit)) >= 0]
    end = min(ends) if ends else limit
    return any(f.span.end <= g.span.start < end and g.concept == concept for g in facts)


def _closed_before_comma(text: str, parts: list[Fact], head: Fact) -> list[Fact]:
    """ "A1478万元（含B166万元、C968万元、D132万元、E212万元，F406万元）": when the parts named one
    after another by 、 add up to the figure exactly and a comma then brings more, those are the
    figure's siblings, written inside its parenthesis (the bracket closed one item late)."""
    gaps = [text[a.span.end : b.span.start] for a, b in itertools.pairwise(parts)]
    k = next((i + 1 for i, gap in enumerate(gaps) if _COMMA.search(gap)), 0)
    closes = (
        k >= 2
        and all("、" in gap for gap in gaps[: k - 1])
        and arith.total([p.q.interval for p in parts[:k]]).overlaps(head.q.interval)
    )
    return parts[:k] if closes else parts


_COMMA = cached_re(r"[，,]")


def _terms_of_identity(parts: list[Fact], head: Fact) -> bool:
    """ "调整后预算G（年初预算A，年中追加D）": parts that each name a different measure, none
    the total's, are the terms of another identity (A001 speaks for them), not parts of it."""
    concepts = [p.concept for p in parts]
    return (
        len(parts) >= 2
        and all(concepts)
        and head.concept not in concepts
        and len(set(concepts)) == len(concepts)
    )


def _levels(parts: list[Fact]) -> bool:
    """ "一级指标3个，二级指标7个，三级指标10个": levels of one tree, not parts of a total."""
    words = {m.group(0) for p in parts for m in [cues().levels_rx.search(p.label)] if m}
    return len(words) >= 2


def _list_closed(
    text: str, segs: Segments, members: list[Fact], f: Fact, depth: int, floor: int = 0
) -> bool:
    # members: the list's parts so far (its shares and rates do not separate parts)
    """Whether f is past the end of a 其中 list: a close word (另外, 此外…) before it, or a mark
    stronger than the one between the list's own parts: a ；after parts separated by ，or 、
    (each 其中 belongs to the clause before it, and ；closes that clause), a 。after parts
    separated by ；. `floor`: a mark no stronger than this never closes it (after "其中：" a
    ；may separate parts, so only a 。 ends a list of parts separated by ，or 、 or ；)."""
    if not members:
        return False
    gap_start = members[-1].span.end
    if cues().closes_rx.search(text, gap_start, f.span.start):
        return True
    gap = _strongest_mark(text, segs, gap_start, f.span.start, depth)
    if not gap:
        return False
    if len(members) < 2:
        return False  # "其中：基本支出600万元；项目支出250万元": ；may separate the parts
    first_gap = text[members[0].span.end : members[1].span.start]
    return gap > max([floor, *(_STRENGTH.get(c, 0) for c in first_gap)])


# a colon right after a part, or a comma and words that share it out over figures before the
# clause ends: its own list follows
_OPENS_OWN = cached_re(
    r"[ \t]*(?:[：:]|[，,]\s*(?:"
    + alt(lexicon()["lists"]["distributes"])
    + r")[^，,。；;\d]{0,20}\d)"
)
_STRENGTH = {"；": 1, ";": 1, "。": 2}  # how much of a statement a mark ends


def _strongest_mark(text: str, segs: Segments, lo: int, hi: int, depth: int) -> int:
    """The greatest _STRENGTH of a mark in [lo, hi) at the given depth, 0 for none: the marks
    found by str.find, not a look at every character of the gap."""
    gap = 0
    for mark, strength in _STRENGTH.items():
        i = text.find(mark, lo, hi) if strength > gap else -1
        while i >= 0:
            if segs.depth[i] == depth:
                gap = strength
                break
            i = text.find(mark, i + 1, hi)
    return gap


def _named_items(body: str) -> list[tuple[int, int]]:
    """Spans of the names in "A、B和C": split at 、 outside parentheses, and the last at 和/及."""
    cuts, depth = [], 0
    for i, c in enumerate(body):
        depth += c in OPEN
        depth -= c in CLOSE
        if c == "、" and depth == 0:
            cuts.append(i)
    spans, start = [], 0
    for c in cuts + [len(body)]:
        spans.append((start, c))
        start = c + 1
    last_a, last_b = spans[-1]
    last = body[last_a:last_b]
    # the conjunction before the last name: not inside parentheses, not a name's first character;
    # when names share a prefix ("和平县…和和平县…"), the one before that prefix
    cands = [
        m
        for m in re.finditer(r"以及|和|及", last)
        if m.start() >= 2
        and len(last) - m.end() >= 2
        and last[: m.start()].count("（") == last[: m.start()].count("）")
    ]
    prefix = body[spans[0][0] : spans[0][0] + 2] if len(spans) > 1 else None
    pick = next((m for m in cands if prefix and last[m.end() :].startswith(prefix)), None)
    pick = pick or (cands[-1] if cands else None)
    if pick:
        spans[-1:] = [(last_a, last_a + pick.start()), (last_a + pick.end(), last_b)]
    return [(a, b) for a, b in spans if body[a:b].strip()]


# The markers of a list written inline (①… ②…, 一是… 二是…, (1)… (2)…) and where one can start;
# the first three styles marker_at tries, so a position either starts one of them or none.
_INLINE_STYLES = ("circled", "cn_shi", "paren_num")
_INLINE_START = cached_re(r"[" + CIRCLED + r"]|[" + CN_ORD + r"]{1,3}是|[（(]\d{1,3}[）)]")


# counts of people and visits: what a list after them names is kinds, not the people
PEOPLE_UNITS = frozenset(lexicon()["lists"]["people_units"])


def find_enumerations(text: str, segs: Segments, facts: list[Fact]) -> list[Enumeration]:
    out: list[Enumeration] = []
    tail = _tail(text)
    by_sentence: dict[int, list[Fact]] = {}
    for f in facts:
        if f.q.family == "count" and not f.in_parens:
            by_sentence.setdefault(f.sentence, []).append(f)
    for si, counts in by_sentence.items():
        f = counts[-1]  # the count nearest the cue announces the list
        sent = segs.sentences[si]
        rest = text[f.span.end : sent.end].rstrip("。")
        cue = _LIST_CUE.search(rest)
        if not cue:
            continue
        if f.q.unit in PEOPLE_UNITS:
            continue  # "接待221批次，1768人，…包括：…": kinds of work, not the people counted
        # "行政单位1家，参公单位1家，事业单位4家，具体包括：" announces 1 + 1 + 4 items
        parallel = [c for c in counts if c.q.unit == f.q.unit]
        since = text[parallel[0].span.start : f.span.start]
        total = (
            sum(c.q.value for c in parallel) if len(parallel) > 1 and "其中" not in since else None
        )
        noun = _NOUN.match(rest).group(0)
        para = segs.paragraphs[f.paragraph]
        after = f.span.end + cue.end()
        items: list[Span] = []
        titles: list[str] = []
        if not text[after : sent.end].strip(" 。") and sent.end >= para.end - 1:
            style = None  # the list follows in the next paragraphs
            # read in place by index: a copy (or an islice, which steps over the ones before)
            # of the paragraphs after each count costs the square of a long document
            for pj in range(f.paragraph + 1, len(segs.paragraphs)):
                p = segs.paragraphs[pj]
                mk = p.marker
                if mk is None or (style and mk.style != style) or mk.ordinal != len(items) + 1:
                    break
                style = mk.style
                items.append(Span(p.start, p.end))
                titles.append(text[mk.end : p.end][:30])
        elif not marker_at(text, after) and _AND.search(text, after, sent.end):
            # "所属事业单位3个，分别是：A、B和C。": items named in one (finished) sentence
            body = text[after : sent.end]
            # (names split by commas as well as 、 cannot be told apart: "A分中心，B实验室、C…")
            if body.rstrip()[-1:] in "。；;！？!?" and not re.search(r"\d|[，,]|等[。；;]?$", body):
                for a, b in _named_items(body.rstrip("。；;！？!? ")):
                    items.append(Span(after + a, after + b))
                    titles.append(body[a:b][:20])
        else:  # inline: ①… ②… or 一是… 二是… right after the cue, within the paragraph
            pos, style = after, None
            while pos < para.end:
                # jump to the next place an inline marker can start, not one character at a time
                # (a paragraph of many lists would cost its length once per list)
                hit = _INLINE_START.search(text, pos, min(len(text), para.end + 8))
                if hit is None or hit.start() >= para.end:
                    break
                pos = hit.start()
                if not items and pos > after + 2:
                    break  # the list must start right after the cue
                mk = marker_at(text, pos)
                if (
                    mk
                    and mk.style in _INLINE_STYLES
                    and (style in (None, mk.style))
                    and mk.ordinal == len(items) + 1
                ):
                    style = mk.style
                    items.append(Span(mk.start, mk.end))
                    titles.append(text[mk.end : mk.end + 20])
                    pos = mk.end
                elif mk and mk.style == style and mk.ordinal <= len(items):
                    break  # the numbering starts again: another list, not this one's items
                else:
                    pos += 1
        if items and not _cut_off(items[-1], tail):
            out.append(Enumeration(f, noun, items, titles, total))
    return out


_FINISHED = '。！？!?；;）)”"'  # what an item that runs to the end of the text ends with


def _other_counts_named(
    text: str, plist: list[Fact], head: Fact, cue: int, parts: list[Fact]
) -> bool:
    """Whether the parts name what another count before the 其中 counts ("对5个部门、5个镇乡街道
    开展…，15个专项开展…，其中：良好部门5个；优秀镇乡街道3个…；良好专项14个"): the list then
    splits several counts, not only the last one."""
    if head.q.family != "count":
        return False
    for g in plist:
        if g.span.start >= cue:
            break
        if g is head or g.sentence != head.sentence or g.q.unit != head.q.unit:
            continue
        noun = text[g.span.end : g.span.end + 2]  # what it counts: its first two characters
        if len(noun) == 2 and ideographs(noun) and any(noun in p.label for p in parts):
            return True
    return False


def _cut_off(last: Span, tail: tuple[int, str]) -> bool:
    """Whether the last item runs to the end of the text unfinished ("一是…主要用于重点建"): a
    passage or page that stops there may have cut off the items after it. An inline item is its
    marker: the line it opens then runs to the end ("（1）投资类。共4户企业，总资产")."""
    last_line, final = tail
    return last.end > last_line and final not in _FINISHED


def _tail(text: str) -> tuple[int, str]:
    """The newline before the text's last line with content, and its last character: found once
    per text, not once per list (a copy of the rest of the text for each list is quadratic)."""
    content = text.rstrip()
    return text.rfind("\n", 0, len(content)), content[-1:]


# outline levels of the numbering styles, outermost first: a list under a heading ends at a
# number of the heading's level or above
_RANK = {"cn_comma": 0, "paren_cn": 1, "num_dot": 2, "paren_num": 3, "circled": 4, "cn_shi": 5}


def heading_counts(text: str, segs: Segments, facts: list[Fact]) -> list[Enumeration]:
    """ "（二）重点项目（共3个）": a count in parentheses closing a heading counts the numbered
    items under it, until a number of the heading's own level or above."""
    out: list[Enumeration] = []
    for f in facts:
        if f.q.family != "count" or f.in_parens != 1 or f.q.operator or f.q.approx:
            continue
        para = segs.paragraphs[f.paragraph]
        if para.end - para.start > 40 or not cues().heading_count_rx.search(
            text, para.start, f.span.start
        ):
            continue
        if not re.fullmatch(r"[^）)\d\s]{0,6}[）)][：:。]?\s*", text[f.span.end : para.end]):
            continue  # the count (and its noun: "（共5个项目）") must close the heading
        own = _RANK.get(para.marker.style, -1) if para.marker else -1
        items: list[Span] = []
        titles: list[str] = []
        style = None
        for p in segs.paragraphs[f.paragraph + 1 :]:
            mk = p.marker
            if mk is None:
                if style is None:
                    break  # the list must start right under the heading
                continue
            rank = _RANK.get(mk.style, 9)
            if rank <= own:
                break
            if style is None:
                if mk.ordinal != 1:
                    break
                style = mk.style
            if mk.style != style:
                if rank < _RANK.get(style, 9):
                    break  # a number of a level above the items: a new section
                continue  # a sub-item of an item
            if mk.ordinal != len(items) + 1:
                break
            items.append(Span(p.start, p.end))
            titles.append(text[mk.end : p.end][:30])
        if items:
            head = text[para.marker.end if para.marker else para.start : f.span.start]
            noun = re.sub(r"[（(]\s*\S*$", "", head).strip()
            inside = re.match(r"[^）)\d\s]{1,6}", text[f.span.end : para.end])
            counted = inside.group(0) if inside else noun
            if not _names_items(counted, titles):
                continue  # the items under the heading are not what it counts
            out.append(Enumeration(f, counted[-8:], items, titles, None))
    return out


def _names_items(noun: str, titles: list[str]) -> bool:
    """Whether every item title shares a (non-generic) two-character word with the noun the
    heading counts: "重点项目（共3个）" over "道路养护项目…", not "…情况（共5个）" over sections."""
    words = {noun[i : i + 2] for i in range(len(noun) - 1)} - cues().heading_generic
    return any(all(w in t for t in titles) for w in words)


# "已完成16.33公顷", "已完成年度目标的95%": the words report how much, not that a target was met
_AMOUNT_NEXT = lazy(
    r"\s*(?:了|：|:|为|约|近|[^，,。；;\d]{0,8}的)?\s*[\d一二两三四五六七八九十百千万零〇]"
)


def _met_claim(s: str) -> re.Match | None:
    """The first met word that claims a target was met: "已完成16.33公顷" reports an amount
    (the word is followed by the figure), not a claim."""
    rx, negations = _met_words()
    for m in _unnegated(rx, negations, s, 0, len(s)):
        if not _AMOUNT_NEXT.match(s, m.end()):
            return m
    return None


# a clause that only counts the statements ("第三，", "其二，", "三是，")
_ORDINAL_CLAUSE = cached_re(rf"(?:第|其)[{CN_ORD}]{{1,3}}|[{CN_ORD}]{{1,3}}是")


def find_indicators(text: str, segs: Segments, facts: list[Fact]) -> list[Indicator]:
    by_sentence: dict[int, list[Fact]] = {}
    for f in facts:
        by_sentence.setdefault(f.sentence, []).append(f)
    out: list[Indicator] = []
    current: Indicator | None = None
    # where _TARGET may match (searched in the sentence: a match lies wholly inside it)
    targets = held(text, lexicon()["indicators"]["target"])
    # targets.any_in(sent.start, sent.end) for the sentences in order, without a call each: the
    # first place at or after the sentence's start, stepped forward sentence by sentence
    places, tp, everywhere = targets.places, 0, targets.everywhere
    mids = mid_starts(text)
    # where the current indicator's name next occurs at or after `hit_from` (-1: nowhere more):
    # a sentence none starts in before its end holds none, without a search of each sentence
    hit_name, hit_from, hit_at = None, 0, -1
    for si, sent in enumerate(segs.sentences):
        # the sentence's own string only where something reads it: most sentences are neither
        # a target's nor a current indicator's (tests/test_fast_paths_text2.py)
        s_text = ""
        m = None
        while tp < len(places) and places[tp] < sent.start:
            tp += 1
        if everywhere or (tp < len(places) and places[tp] < sent.end):
            s_text = text[sent.start : sent.end]
            m = _TARGET.search(s_text)
        if m:
            pos = sent.start + m.end()
            target = next(
                (
                    f
                    for f in by_sentence.get(si, [])
                    if pos <= f.span.start <= pos + 5 and _OP_ONLY.match(text, pos, f.span.start)
                ),
                None,
            )
            clauses = _CLAUSE_SEP.split(s_text[: m.start()])
            last = clauses[-1].strip()
            if (
                last.endswith(("：", ":")) and len(last) > 2
            ):  # "1、部门整体预算执行率：年度指标值≥85%"
                name = last.rstrip("：: ")
                mk = marker_at(name, 0)
                name = name[mk.end :] if mk else name
            elif last and len(clauses) >= 2 and _ORDINAL_CLAUSE.fullmatch(clauses[-2].strip()):
                name = last  # "第三，发放…人次数年初指标值为…": the clause before only counts
            else:
                name = clauses[-2].strip() if len(clauses) >= 2 else ""
            if not name.strip("：: ") and si and segs.sentences[si - 1].paragraph == sent.paragraph:
                prev = segs.sentences[si - 1]  # "群众满意度。年度目标值为≥85%"
                if prev.end - prev.start <= 40 and not by_sentence.get(si - 1):
                    name = text[prev.start : prev.end].rstrip("。：: ")
                    mk = marker_at(text, prev.start)  # "（3）质量指标：学生满意度。"
                    if mk is not None:
                        name = text[mk.end : prev.end].rstrip("。：: ")
            name = _INDICATOR_HEAD.sub("", name).strip()
            name = _INDICATOR_HEAD.sub("", name).strip()
            mk = marker_at(name, 0)
            name = name[mk.end :].strip() if mk else name  # "1.新增粮食产能"
            # a name holds no figure ("闲置土地处置任务完成率144%，预期指标值≥60%" restates a target)
            fresh = (
                bool(name)
                and not find_quantities(name)
                and (current is None or name != current.name)
            )
            if target is not None and fresh:
                nstart = sent.start + s_text.find(name)
                current = Indicator(name, Span(nstart, nstart + len(name)), target)
                target.use("indicator")
                out.append(current)
                # "年度指标值≥25条，实际完成26条": the result may follow in the same sentence
                for f in by_sentence.get(si, []):
                    if (
                        f.span.start > target.span.end
                        and f.q.family == target.q.family
                        and ACTUAL.search(f.label)
                        and f.concept != "rate.completion"
                    ):
                        current.final.append(f)
                        current.final_sentences.append(si)
                        break
                if not current.final:
                    continue
        if current is None:
            continue
        if current.name != hit_name or (0 <= hit_at < sent.start) or sent.start < hit_from:
            hit_name, hit_from = current.name, sent.start
            hit_at = text.find(hit_name, sent.start)
        held_here = hit_at >= 0 and hit_at + len(hit_name) <= sent.end
        hits = _occurrences_in(current.name, text, sent.start, sent.end) if held_here else []
        if not hits and not (current.final_sentences and si - current.final_sentences[0] <= 2):
            continue  # neither the name nor a sentence near its result: nothing below reads it
        if not s_text:
            s_text = text[sent.start : sent.end]
        mid = mids.any_in(sent.start, sent.end) and MID.search(s_text) is not None
        for h in hits:
            after = sent.start + h + len(current.name)
            val = next(
                (
                    f
                    for f in by_sentence.get(si, [])
                    if after <= f.span.start <= after + 12
                    and f.q.family == current.target.q.family
                    and f is not current.target
                ),
                None,
            )
            if val is None:
                continue
            if mid:
                current.mid.append(val)
            else:
                current.final.append(val)
                if si not in current.final_sentences:
                    current.final_sentences.append(si)
        if not mid and current.final_sentences and si - current.final_sentences[0] <= 2:
            same_para = sent.paragraph == segs.sentences[current.final_sentences[0]].paragraph
            if not same_para:
                continue
            if si not in current.final_sentences:
                current.final_sentences.append(si)
            for f in by_sentence.get(si, []):
                if f.concept == "deviation" and current.deviation is None:
                    current.deviation = f
            nd = _NO_DEVIATION.search(s_text)
            if nd and current.no_deviation_span is None:
                current.no_deviation_span = Span(sent.start + nd.start(), sent.start + nd.end())
            if current.claim is None:
                um = _UNMET.search(s_text)
                mm = _met_claim(s_text)
                if um:
                    current.claim = ("unmet", Span(sent.start + um.start(), sent.start + um.end()))
                elif mm and "监控" not in s_text[max(0, mm.start() - 2) : mm.end() + 6]:
                    current.claim = ("met", Span(sent.start + mm.start(), sent.start + mm.end()))
    return out


def _occurrences_in(name: str, text: str, start: int, end: int) -> list[int]:
    """Where name occurs in text[start:end], left to right, not overlapping (re.finditer of the
    escaped name in the slice, without compiling a pattern per indicator or making the slice)."""
    out: list[int] = []
    k = text.find(name, start, end)
    while k >= 0:
        out.append(k - start)
        k = text.find(name, k + max(1, len(name)), end)
    return out


@cache
def _claim_words(claim: str, after: str = "") -> tuple[re.Pattern, tuple[str, ...]]:
    """cues()' pattern of a claim's words without its leading negative look-behinds, and the
    negations: a pattern that opens with look-behinds is tried at every character (ten times
    the phrases' search); the phrases alone are found by a scan for their first characters, and
    the negations are then tested where one matched (_unnegated)."""
    claims = lexicon()["claims"]
    return cached_re("(?:" + alt(claims[claim]) + ")" + after), tuple(claims["negations"])


def _overall_words() -> tuple[re.Pattern, tuple[str, ...]]:
    """The overall-met claim words and the negations ([claims] overall_met, negations)."""
    return _claim_words("overall_met")


def _met_words() -> tuple[re.Pattern, tuple[str, ...]]:
    """The met claim words and the negations (a met word followed by 率 names a rate, "达标率")."""
    return _claim_words("met", "(?!率)")


def _overall_met(text: str, start: int, end: int) -> Iterator[re.Match]:
    """The unnegated overall-met claims in text[start:end], in order."""
    rx, negations = _overall_words()
    return _unnegated(rx, negations, text, start, end)


def _unnegated(
    rx: re.Pattern, negations: tuple[str, ...], text: str, start: int, end: int
) -> Iterator[re.Match]:
    """The matches of rx with a negative look-behind for each negation before it, in order
    (finditer's: a place where one negation stands before is passed over for every phrase)."""
    pos = start
    while True:
        m = rx.search(text, pos, end)
        if m is None:
            return
        if any(text.endswith(n, 0, m.start()) for n in negations):
            pos = m.start() + 1  # the negated pattern fails here; it is tried on from the next
            continue
        yield m
        pos = m.end()


def sentences_holding(segs: Segments, places: Starts) -> Iterator[int]:
    """The indexes of the sentences one of the places stands in, in order: the sentences for
    which places.any_in(sentence.start, sentence.end), found from the places (few) instead of
    asking for every sentence (sentences are in text order and do not overlap)."""
    if places.everywhere:
        yield from range(len(segs.sentences))
        return
    last = -1
    for p in places.places:
        si = segs.sentence_at[p]
        if si > last:
            last = si
            yield si


def find_overall_claims(text: str, segs: Segments) -> list[Span]:
    """Claims that every target was met ("已按计划完成全部目标", "各项指标均已完成"); a claim
    about one group ("产出指标均已完成") is not one of them."""
    out: list[Span] = []
    claims = held(text, lexicon()["claims"]["overall_met"])  # where one may lie in a sentence
    for si in sentences_holding(segs, claims):
        sent = segs.sentences[si]
        for m in _overall_met(text, sent.start, sent.end):
            clause = max(
                [sent.start] + [text.rfind(c, sent.start, m.start()) + 1 for c in "，,；;：:"]
            )
            c = cues()
            if (
                c.categories_rx.search(text, clause, m.end())
                or c.unmet_rx.search(text, clause, m.end())
                or c.intentions_rx.search(text, clause, m.start())
            ):
                continue  # about one group, negated, or an intention
            out.append(Span(m.start(), m.end()))
    return out


def find_grades(
    text: str, segs: Segments, facts: list[Fact], lex: Lexicon, part_of: dict[int, Breakdown]
) -> list[GradeClaim]:
    """A grade word (优/良/中/差) and the score it grades: the overall score nearest before it,
    never a part listed under one ("自评得分92.5分，其中：…效益21分。自评等级为优")."""
    by_sentence: dict[int, list[Fact]] = {}
    for f in facts:
        if f.q.unit == "分" and f.concept in ("score", "score.item") and not f.in_parens:
            by_sentence.setdefault(f.sentence, []).append(f)
    out: list[GradeClaim] = []
    labels = Starts(text, firsts(lexicon()["claims"]["grade_labels"]))  # where _GRADE may match
    for si in sentences_holding(segs, labels):
        sent = segs.sentences[si]
        m = _GRADE.search(text, sent.start, sent.end)
        if not m:
            continue
        cands = [f for f in by_sentence.get(si, []) if f.span.end <= m.start()]
        if not cands and si and segs.sentences[si - 1].paragraph == sent.paragraph:
            cands = by_sentence.get(si - 1, [])
        cands = [f for f in cands if f.id not in part_of]
        overall = [f for f in cands if f.concept == "score"]
        score = (overall or cands or [None])[-1]
        grade = lex.grade_of_word(m.group(1))
        if score is not None and grade:
            out.append(GradeClaim(score, grade, Span(m.start(1), m.end(1))))
    return out


def build_structures(text: str, segs: Segments, facts: list[Fact], lex: Lexicon) -> Structures:
    st = Structures()
    st.breakdowns = find_breakdowns(text, segs, facts, lex)
    for bd in st.breakdowns:
        for p in bd.parts:
            st.part_of.setdefault(p.id, bd)
    st.enumerations = find_enumerations(text, segs, facts)
    st.enumerations += heading_counts(text, segs, facts)
    st.indicators = find_indicators(text, segs, facts)
    for ind in st.indicators:  # "部门整体预算执行率：…实际完成值89.38%" is that rate
        c = lex.concept(ind.name)
        if c is None or lex.kind(c.key) not in ("rate", "amount") or c.key == "target.amount":
            continue
        s = lex.scope(ind.name)
        for f in ind.final:
            if f.concept is None and f.q.family == ind.target.q.family:
                f.concept = c.key
                f.label = ind.name
                f.scope = s.key if s else f.scope
    st.grades = find_grades(text, segs, facts, lex, st.part_of)
    st.overall_claims = find_overall_claims(text, segs)
    return st
