"""Give every quantity what it measures: a label, a concept, a scope and a period."""

from __future__ import annotations

import bisect
import re

from ..catalogue import lexicon
from ..lazy_re import cached_re, lazy
from ..model import Fact, Quantity
from ..record import Record
from ..segment import CLOSE, MARKER_FIRSTS, OPEN, Segments, marker_at
from .cues import alt, cues
from .lexicon import Lexicon
from .respectively import respective_names
from .starts import Starts, firsts

BOUNDARY = set("，,；;：:。！？!?、") | set(OPEN) | set(CLOSE)
# Words that carry no meaning of their own in a label: "为", "共计", "达" ...
_FILLER = cues().empty_label_rx
_YEAR = cached_re(r"((?:19|20)\d{2})\s*年")
# "上年结转", "上年结余": carried over from the year before into this one, a figure of this year
_PRIOR = cached_re(
    "(?:" + cues().prior + ")(?!度?(?:" + alt(lexicon()["periods"]["carried_in"]) + "))"
)
# a character every 上年 word holds ("" if they share none)
_PRIOR_HELD = min(set.intersection(*(set(w) for w in lexicon()["periods"]["prior"])), default="")
_CHANGE = cues().change_rx
_BASE_BEFORE = cached_re("(?:" + alt(lexicon()["periods"]["compare_before"]) + r")\s*$")
_CLAUSE_MARK = cached_re("[，,；;。：:]")
# the text up to the last of them: its end is where the last clause begins
_LAST_CLAUSE_MARK = cached_re("(?s:.*)[，,；;。：:]")
_CLAUSE_WINDOW = 16  # characters clause_start searches back by the engine (more: bisection)
_JOINED_RUN = cues().joined_run_rx
# "占年度预算X万元的r%", "完成预算数X万元的r%": an amount between such a word and 的 + a rate
_BASE_OPENS = cues().base_opens_rx
_BASE_OF_NEXT = cached_re(r"\s*的\s*")
# in-year: monitoring, the first half, or "截至2020年6月30日" (any month before December)
MID = cached_re(cues().mid + r"|截至\s*(?:(?:19|20)\d{2}\s*年)?\s*(?:[1-9]|1[01]|0[1-9])\s*月")


_last_mids: list = [None, None]  # the text last asked about and its Starts


def mid_starts(text: str) -> Starts:
    """Where MID may match in the text: its words' first characters, and 截 (截至…). The facts
    and the indicators both ask of one text object: kept for that object only (held here, so
    its identity cannot pass to another), never for an equal text."""
    if _last_mids[0] is not text:
        _last_mids[0], _last_mids[1] = (
            text,
            Starts(text, [*firsts(lexicon()["periods"]["mid"]), "截"]),
        )
    return _last_mids[1]


# operator and approximation words just before a figure belong to the quantity, not its label
_OPS = cached_re(
    r"(?:" + alt([w for w, _ in cues().operators] + list(cues().approx_before)) + r")\s*$"
)
# words after which 项目 means "the projects" (年初安排预算项目2个), not the end of a name
_PROJECTS_CUE = cached_re(
    r"(?:^|预算|安排|追加|调整后|实施|共|开展|本部门|本单位|单位|部门|支出)\s*$"
)
YEAR_WORDS = cached_re(r"(?:19|20)\d{2}\s*年度?")  # "2024年", "2024 年度": a year as words
_ABOVE_TARGET = cached_re(
    r"[比较](?:年度)?(?:目标|预期|计划|指标)值?\S{0,4}?(?:高|低|多|少|超)(?:出|了)?$"
)
_SHARE_OF = cached_re(r"^(?:约占|占到|占)[^，,。；;]{1,12}?的?$")
_BASE = cached_re(r"[比较]\s*(?:" + cues().prior + r"|(?:19|20)\d{2}\s*年)(?:同期)?的?$")
_REASON = cues().causes_rx
_OTHER_BASIS = cached_re(alt(lexicon()["directions"]["other_basis"]))


class Context(Record):
    """What the extractor knows about the report as a whole."""

    year: int | None

    def __init__(self, year: int | None) -> None:
        self.year = year


# label_start's default: the engine runs to ``start`` and back to the last boundary before it
_LAST_BOUNDARY = cached_re("(?s:.*)[" + re.escape("".join(sorted(BOUNDARY))) + "]")


def label_start(text: str, start: int, floor: int, stops: set[str] | str = BOUNDARY) -> int:
    """Where the words before ``start`` begin: after the last of ``stops``, never before floor."""
    if stops is BOUNDARY and floor < start:  # the loop below, in the engine (a figure's label)
        m = _LAST_BOUNDARY.match(text, floor, start)
        return m.end() if m is not None else floor
    i = start - 1
    while i >= floor and text[i] not in stops:
        i -= 1
    return i + 1


_GLOSS_REACH = 8  # characters a parenthesis inside a name may hold: "（境）", "（市、区）"
_GLOSS_BREAKS = set("，,；;。：:！？!?") | set(OPEN) | set(CLOSE)


def _is_word(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def ideographs(s: str) -> bool:
    """Whether s is a word of CJK ideographs only (U+4E00–U+9FFF; not empty): no figure, mark
    or Latin letter."""
    return bool(s) and all(map(_is_word, s))


def over_gloss(text: str, ls: int, floor: int) -> int:
    """A name glossed by a short parenthesis inside it ("因公出国（境）费", "县（市、区）一般公共预算
    收入") is one label: the words before the parenthesis are part of it. A parenthesis with a
    figure, or not between two words, ends the label as any other."""
    if ls - 1 <= floor or text[ls - 1] not in CLOSE or ls >= len(text) or not _is_word(text[ls]):
        return ls
    i = ls - 2
    lo = max(floor, ls - 2 - _GLOSS_REACH)
    while i >= lo and text[i] not in OPEN:
        if text[i] in _GLOSS_BREAKS or text[i].isdigit():
            return ls
        i -= 1
    if i < lo or text[i] not in OPEN or i == ls - 2 or i <= floor or not _is_word(text[i - 1]):
        return ls
    return label_start(text, i, floor)


def item_title(text: str, a: int, b: int) -> str:
    """The name an enumerated item gives itself: up to its first ：，or figure (b)."""
    m = _ITEM_TITLE.match(text, a, b)
    return m.group(0).strip() if m else ""


_NAMED = cached_re(r"\s*([^：:，,。；;（(]{2,30}?(?:项目|资金|经费|专项|工程))[：:]")
_ITEM_TITLE = lazy(r"[^：:，,。；;]{2,60}")
_NAME_END = cached_re(r"(?:项目|资金|经费|专项|工程)$")


def _project_headings(text: str, segs: Segments, starts: list[int]) -> list[tuple[int, str | None]]:
    """Short headings without figures: "（一）土地储备项目" makes the paragraphs below it about that
    project, until the next heading. Returns (paragraph index, name or None) in order."""
    out: list[tuple[int, str | None]] = []
    for pi, p in enumerate(segs.paragraphs):
        if p.end - p.start > 30 or bisect.bisect_left(starts, p.start) < bisect.bisect_left(
            starts, p.end
        ):
            continue
        body = text[p.marker.end if p.marker else p.start : p.end].strip(" 。：:")
        if _NAME_END.search(body):
            out.append((pi, body))
        elif p.marker and p.marker.style in ("cn_comma", "paren_cn", "num_dot"):
            out.append((pi, None))
    return out


def build_facts(
    text: str, segs: Segments, qs: list[Quantity], lex: Lexicon, ctx: Context
) -> list[Fact]:
    facts: list[Fact] = []
    ends: list[int] = []  # each fact's end, in order: for looking back by bisection
    prev: Fact | None = None
    flowed: Fact | None = None  # the last figure whose words name a flow (收入, 支出)
    sentence_scope: dict[int, str] = {}
    clause_scope: dict[tuple[int, int], str] = {}  # (sentence, clause start) → scope
    bounds: dict[int, _ClauseBounds] = {}
    starts = [q.span.start for q in qs]
    marks: dict[int, _SentenceMarks] = {}
    headings = _project_headings(text, segs, starts)

    # what depends only on a label, or only on a paragraph, is read once for all its figures
    read_labels: dict[str, tuple[str | None, str | None, str | None]] = {}
    fillers: dict[str, bool] = {}  # label → whether it is filler words only (_FILLER)
    titles: dict[int, tuple[bool, str]] = {}

    def heading_of(pi: int) -> str | None:
        k = bisect.bisect_right(headings, (pi, "\uffff")) - 1
        return headings[k][1] if k >= 0 else None

    shared = respective_names(text, qs)
    # one string object for each distinct label, scope and period (and sentence number): a
    # report repeats them for figure after figure, and every Fact is kept to the end of the audit
    words: dict[str, str] = {}
    mids = mid_starts(text)
    after_firsts = lex.after_firsts
    concepts = lex.concepts
    sent_starts, sent_ends = segs.sentence_at.bounds()
    for qi, q in enumerate(qs):
        pos = q.span.start
        # segs.sentence_at[pos], without the call: the sentence the figure stands in
        k = bisect.bisect_right(sent_starts, pos) - 1
        si = k if k >= 0 and pos < sent_ends[k] else -1
        if si < 0:
            continue
        if prev is not None and prev.sentence == si:
            si = prev.sentence
        sent = segs.sentences[si]
        pi = sent.paragraph
        para = segs.paragraphs[pi]
        floor = sent.start
        if prev is not None and prev.sentence == si:
            floor = max(floor, prev.q.span.end)
        ls = label_start(text, pos, floor)
        if ls - 1 > floor and text[ls - 1] in CLOSE:  # over_gloss's first test, without the call
            ls = over_gloss(text, ls, floor)
        if (
            ls - 1 > floor
            and text[ls - 1] in "：:"
            and _FILLER.fullmatch(_OPS.sub("", text[ls:pos]))
        ):
            ls = label_start(
                text, ls - 1, floor
            )  # "实际完成值：90.09%": the name is before the colon
        c = text[ls : ls + 1]  # (marker_at's first test, without the call)
        mk = marker_at(text, ls) if c in MARKER_FIRSTS or c.isdecimal() else None
        if mk is not None and mk.end <= pos:
            ls = mk.end  # "一是项目计划总投资": the marker is not part of the label
        label = text[ls:pos]
        label = (_OPS.sub("", label) if q.operator or q.approx else label).strip()
        label = shared.get(pos, label)  # "A和B分别为X和Y": X is A's
        depth = segs.depth[pos]
        # the figure before names the flow of a bare measure after it; a comparison's measure
        # ("比上年决算数") takes it from the last figure that names one in the clause
        compared = label[:1] in "比较" and _COMPARED.match(label) is not None
        named = flowed if compared else prev
        if (
            named is not None
            and named.sentence == si
            and named.in_parens == depth
            and q.family == "money"
        ):
            label = _flow_shared(text, named, label, pos, lex)
        inherited = False
        filler = fillers.get(label)
        if filler is None:
            filler = fillers[label] = _FILLER.fullmatch(label) is not None
        if filler and prev is not None and prev.sentence == si and prev.q.span.end >= ls:
            label, inherited = prev.label, True  # "项目2个1000万元": the amount shares the label
        elif (
            q.family == "percent"
            and _JOINED_RUN.fullmatch(label)
            and prev is not None
            and prev.sentence == si
            and prev.q.family == "percent"
            and _JOINED_RUN.fullmatch(text, prev.q.span.end, pos)
        ):
            label, inherited = prev.label, True  # "占W比例为a%、b%和c%": a run shares its words
        if label not in read_labels:
            read_labels[label] = _read_label(label, lex)
        concept, override, scope = read_labels[label]
        if inherited and prev is not None and concept is None:
            concept = prev.concept
        if override is not None:
            concept = override
        # the unit decides between a change and its rate ("降低100万元", "增加5%")
        if concept == "change.rate" and q.family == "money":
            concept = "change.amount"
        elif concept == "change.amount" and q.family == "percent":
            concept = "change.rate"
        if (
            q.family != "percent"
            and qi + 1 < len(qs)
            and qs[qi + 1].family == "percent"
            and _BASE_OF_NEXT.fullmatch(text, q.span.end, qs[qi + 1].span.start)
            and _BASE_OPENS.match(label)
        ):
            concept = "rate.base"  # "完成年初预算数60999万元的40.4%": the rate's base only
        elif concept == "share" and q.family != "percent":
            concept = None  # an amount is never a share
        e = q.span.end
        after = (
            lex.concept_after(text[e : e + 4])
            if after_firsts is None or text[e : e + 1] in after_firsts
            else None  # (the test concept_after makes first, without the call)
        )
        if after:
            concept = after
        if (concept is None or concept in _CHANGES) and label[-1:] in _TO_LAST:
            concept = _change_end(prev, si, depth, label, q, lex, concept)  # ("降至", "压减至")
        if concept == "change.rate" and _AVERAGED.search(label):
            concept = None  # a rate averaged over years is checked by no change of two figures
        cb = bounds.get(si)
        if cb is None:
            cb = bounds[si] = _ClauseBounds.of(text, sent.start, sent.end)
        clause = cb.start_of(pos) if cb.semis else cb.start  # (no ；: the sentence's start)
        if scope is not None and depth == 0 and not inherited:
            clause_scope[(si, clause)] = scope
            if not (cb.parts and cb.parts_between(clause, pos)):  # (no 其中: none between)
                sentence_scope[si] = scope  # a part's scope is its clause's, not the sentence's
        # an enumerated item is about the item: its name is the scope of its first sentence, and
        # of later sentences that name no scope of their own
        item = None
        if pi not in titles:
            titles[pi] = _item_of(text, segs, pi, starts, lex)
        is_item, title = titles[pi]
        if is_item and para.sentences[0] == si:
            item = pi
            if title and depth == 0 and (scope is None or lex.is_generic_scope(scope)):
                scope = title
        # (lex.kind(concept), without the call)
        if scope is None and concept and concepts[concept]["kind"] in ("rate", "relation"):
            before = _last_amount(facts, si, depth)
            if (
                before is not None
                and (cb.start_of(before.q.span.start) if cb.semis else cb.start) == clause
            ):
                scope = before.scope  # "…，全年实际支出X，预算执行率Y%": of the figure before it
        # (_opens_with_whole's first test, without the call: a clause after ；)
        if scope is None and text[clause] in "；;" and _opens_with_whole(text, clause, pos):
            scope = title or heading_of(pi) or "部门整体"  # "…；合计年初预算A": the whole
        if scope is None:
            scope = (
                (
                    None  # (no 其中 in the sentence: no parts to be past)
                    if cb.parts and _past_parts(facts, ends, concept, cb, clause, pos)
                    else clause_scope.get((si, clause))
                )
                or sentence_scope.get(si)
                or title
                or heading_of(pi)
                or "部门整体"
            )
        sm = marks.get(si)
        if sm is None:
            sm = marks[si] = _SentenceMarks.of(text, sent.start, sent.end, mids)
        period = _period(text, sent.start, pos, ctx, sm)
        f = Fact(  # the fields in order (id, q, concept, label, scope, period, sentence, ...)
            len(facts),
            q,
            concept,
            words.setdefault(label, label),
            words.setdefault(scope, scope),
            words.setdefault(period, period),
            si,
            pi,
            depth,
            item,
        )
        facts.append(f)
        ends.append(f.q.span.end)
        prev = f
        if q.family == "money" and _FLOW_WORDS.search(f.label):
            flowed = f
    return facts


_CHANGES = ("change.amount", "change.rate")
_LABELS = lexicon()["labels"]
# "增加至", "下降到了", "减少为": a change verb and the value it came to (为 after a "from" figure only)
_TO = [*_LABELS["change_to"], "为"]
# ("增加到2023年的600万元", "减少至年末的128万元": when it came to it may be named)
_CHANGE_TO = cached_re(
    "(?:" + alt(_LABELS["change_verbs"]) + ")(" + alt(_TO) + r")了?"
    r"(?:(?:19|20)\d{2}\s*年度?的?|(?:今年|本年)度?的?|[^，,。；;：:、\d\s]{1,4}的)?$"
)
_TO_LAST = frozenset([*_TO, "了", "年", "度", "的"])  # (_CHANGE_TO's last character, tested first)
# "由", "从上年的", "由2022年度的", "由一季度末的", "由年初预算的": where a change came from (when
# or what it was may be named: a few words ending in 的)
_FROM_END = cached_re(
    "(?:"
    + alt(_LABELS["change_from"])
    + r")(?:(?:"
    + cues().prior
    + r"|(?:19|20)\d{2}\s*年度?)(?:同期)?的?|[^，,。；;：:、\d\s]{1,6}的)?$"
)
# a rate averaged over years ("年均增长17%"): not the change between two figures
_AVERAGED = cached_re(alt(_LABELS["averaged"]))


def _change_end(
    prev: Fact | None,
    si: int,
    depth: int,
    label: str,
    q: Quantity,
    lex: Lexicon,
    concept: str | None,
) -> str | None:
    """The concept of a figure that a change came to ("由500万元增加至600万元": 600): the measure
    the "from" figure just before it names, that figure becoming the change's base; no concept
    without one (the value is not the change, and what it is of is not said). 为 ("减少为") is
    read so only after a "from" figure: alone, the concept stays."""
    m = _CHANGE_TO.search(label)
    if m is None:
        return concept
    fro = (
        _FROM_END.search(prev.label)
        if prev is not None
        and prev.sentence == si
        and prev.in_parens == depth
        and prev.q.family == q.family
        else None
    )
    if fro is None:
        return None if m.group(1) != "为" else concept
    named = lex.concept(prev.label[: fro.start()])  # the measure, named before the "from" word
    prev.concept = "change.base"
    return named.key if named is not None and lex.kind(named.key) in ("amount", "rate") else None


def came_to(before: Fact, f: Fact) -> bool:
    """Whether f is the value a change came to from the figure before it ("由500万元增加至600万元",
    read so by _change_end): a comparison in its own words, prior first."""
    return (
        before.concept == "change.base"
        and before.sentence == f.sentence
        and before.q.family == f.q.family
        and f.label[-1:] in _TO_LAST
        and _FROM_END.search(before.label) is not None
        and _CHANGE_TO.search(f.label) is not None
    )


_FLOWS = tuple(_LABELS["flows"])
_FLOW_WORDS = cached_re(alt(_FLOWS))


def _flow_shared(text: str, prev: Fact, label: str, at: int, lex: Lexicon) -> str:
    """A bare measure ("决算数") after a figure whose words name a flow ("保险费收入预算数
    318.61亿元，决算数308.33亿元"): the same item's, read as "保险费收入决算数" (a revenue's outcome,
    not spending); so is the measure of a comparison after it ("收入预算数A，实际完成B，比上年决算数
    C增长r%": C is the revenue's). Only within one clause list: no ；or 。 between the two."""
    if not label or prev.q.family != "money" or any(w in label for w in _FLOWS):
        return label
    compared = _COMPARED.match(label)
    lead = compared.group(0) if compared else ""
    bare = label[len(lead) :]
    c = lex.concept(bare)
    if c is None or c.start != 0 or c.end != len(bare) or lex.kind(c.key) != "amount":
        return label  # words of its own besides the measure, or a change, a rate
    ends = [prev.label.rfind(w) + len(w) for w in _FLOWS if w in prev.label]
    if not ends or any(ch in text[prev.q.span.end : at] for ch in "；;。"):
        return label
    return lead + prev.label[: max(ends)] + bare


# the words a comparison base opens with ("比上年", "较2021年同期的")
_COMPARED = cached_re(r"[比较]\s*(?:" + cues().prior + r"|(?:19|20)\d{2}\s*年)(?:同期)?的?")


def _read_label(label: str, lex: Lexicon) -> tuple[str | None, str | None, str | None]:
    """What a label alone says: (its concept in the lexicon, a concept its shape imposes over
    that one and over an inherited one, its scope)."""
    c = lex.concept(label)
    override = None
    if _ABOVE_TARGET.search(label):
        override = "deviation"  # "比目标高6个百分点": the difference from the target
    if _SHARE_OF.match(label):
        override = "share"  # "占全年预算的96.36%": a share, of the figure it names
    if _BASE.search(label):
        override = "change.base"  # "较2022年的26121.60万元增加…": the figure compared with
    if c is not None and c.key.startswith("change.") and _OTHER_BASIS.search(label):
        override = "change.other_basis"  # "剔除留抵退税后同口径增长0.67%": a basis no figure is on
    # a reason clause ("因部分项目取消调减") names causes, not what the figure is about
    s = None if _REASON.match(label) else lex.scope(label)
    if (
        s is not None
        and s.key == "项目"
        and not _PROJECTS_CUE.search(YEAR_WORDS.sub("", label[: s.start]))
    ):
        s = None  # "养老服务体系建设项目实际支出": 项目 ends a project's name
    return (c.key if c else None), override, (s.key if s else None)


def _item_of(
    text: str, segs: Segments, pi: int, starts: list[int], lex: Lexicon
) -> tuple[bool, str]:
    """Whether paragraph pi is an enumerated or named item, and the name it gives itself."""
    para = segs.paragraphs[pi]
    title = ""
    named = _NAMED.match(text, para.marker.end if para.marker else para.start, para.end)
    # （一）/一、 number sections: what follows them is a heading, not an item's name
    listed = para.marker is not None and para.marker.style not in ("paren_cn", "cn_comma")
    if not ((listed or named) and para.sentences):
        return False, ""
    first = segs.sentences[para.sentences[0]]
    if named:  # "土地储备项目：年初预算数…": a paragraph named after its project
        title = named.group(1).strip()
    else:
        assert para.marker is not None
        k = bisect.bisect_left(starts, para.marker.end)
        first_q = starts[k] if k < len(starts) else first.end
        title = item_title(text, para.marker.end, min(first.end, first_q))
    c = lex.concept(title) if title and not named else None
    if c is not None and 2 * (c.end - c.start) >= len(title):
        title = ""  # "（二）预算调整。…": a heading that names a measure, not an item
    return True, title


_WHOLE_START = cached_re(r"[；;，,\s]*(?:" + alt(cues().whole_words) + ")")


def _opens_with_whole(text: str, clause: int, pos: int) -> bool:
    """A clause after ；that opens with 合计 is about the whole, not the last scope named."""
    return clause < pos and text[clause] in "；;" and _WHOLE_START.match(text, clause) is not None


def _last_amount(facts: list[Fact], sentence: int, depth: int) -> Fact | None:
    """The last figure of the sentence at this parenthesis depth, if it is not a percentage."""
    for f in reversed(facts):
        if f.sentence != sentence:
            return None
        if f.in_parens == depth:
            return f if f.q.family != "percent" else None
    return None


def _past_parts(
    facts: list[Fact],
    ends: list[int],
    concept: str | None,
    bounds: _ClauseBounds,
    clause: int,
    pos: int,
) -> bool:
    """An amount of another kind of measure after a 其中 list in its clause ("其中基本支出900万元，
    项目支出600万元，全年实际支出1425万元") is about the list's total, not its last part. (A rate
    is about the clause's part: "其中：基本支出预算X，支出Y，执行率Z".)"""
    last = bounds.last_part(clause, pos)
    if last is None or concept is None or concept.split(".")[0] in ("rate", "change", "share"):
        return False
    k = bisect.bisect_right(ends, last) - 1  # the last figure ending before the 其中
    while k >= 0 and facts[k].q.family == "percent":
        k -= 1
    head = facts[k] if k >= 0 else None
    if head is None or head.concept is None:
        return False
    # ("年初预算A，其中…，年中追加B": another stage of the budget is the budget's, not a part's)
    return other_stage(concept, head.concept) or concept.split(".")[0] != head.concept.split(".")[0]


# the stages of a budget: each a figure of the whole budget, none a part of another stage's list
_BUDGET_STAGES = frozenset(("budget.initial", "budget.adjustment", "budget.adjusted"))


def other_stage(concept: str | None, of: str | None) -> bool:
    """Whether two concepts are two stages of a budget ("年初预算A，其中B、C，年中追加D": D is the
    budget's adjustment, no part of the initial budget's list)."""
    return concept in _BUDGET_STAGES and of in _BUDGET_STAGES and concept != of


_SEMI = cached_re("[；;]")
# the characters a match of cues().parts_rx can start with: its words' first and 中
_PARTS_FIRSTS = tuple(dict.fromkeys([*firsts(lexicon()["lists"]["parts"]), "中"]))
# a character every match of cues().parts_rx holds (its words' and 中's), or "" if none is
# shared: one str.find of it tells a sentence without a match, where each first was looked for
_PARTS_HELD = min(
    set.intersection(*(set(w) for w in [*lexicon()["lists"]["parts"], "中"])), default=""
)


class _ClauseBounds(Record):
    """Where a sentence's clauses begin (after each ；) and where its 其中 stand, found once per
    sentence so that a long sentence is not searched again for every figure. Each 其中 belongs
    to the clause before it and ；closes it, so a part's scope ("其中基本支出B，项目支出C") is
    not the scope of "；调整后全年预算G" after it."""

    start: int
    semis: list[int]  # offsets of ；and ;
    parts: list[int]  # offsets of 其中 (and the like)

    def __init__(self, start: int, semis: list[int], parts: list[int]) -> None:
        self.start = start
        self.semis = semis
        self.parts = parts

    @classmethod
    def of(cls, text: str, start: int, end: int) -> _ClauseBounds:
        # a pattern none of whose first characters stands in the sentence is not run over it
        # (str.find, in C, against the engine's test of every character; the same lists)
        semis = (
            [m.start() for m in _SEMI.finditer(text, start, end)]
            if text.find("；", start, end) >= 0 or text.find(";", start, end) >= 0
            else []
        )
        parts = (
            [m.start() for m in cues().parts_rx.finditer(text, start, end)]
            if (
                text.find(_PARTS_HELD, start, end) >= 0
                if _PARTS_HELD
                else any(text.find(c, start, end) >= 0 for c in _PARTS_FIRSTS)
            )
            else []
        )
        return cls(start, semis, parts)

    def start_of(self, pos: int) -> int:
        k = bisect.bisect_left(self.semis, pos) - 1
        return max(self.semis[k], self.start) if k >= 0 else self.start

    def last_part(self, lo: int, hi: int) -> int | None:
        """Where the last 其中 in [lo, hi) stands."""
        k = bisect.bisect_left(self.parts, hi) - 1
        return self.parts[k] if k >= 0 and self.parts[k] >= lo else None

    def parts_between(self, lo: int, hi: int) -> bool:
        k = bisect.bisect_left(self.parts, lo)
        return k < len(self.parts) and self.parts[k] < hi


class _SentenceMarks(Record):
    """Where a sentence names years, in-year periods and change words, found once per sentence
    so that no figure searches the sentence again. The change words are found on the first
    question about them (only a figure after a comparison base or 上年 asks); a clause's start
    is looked for back from the figure (clause_start), not listed for the whole sentence."""

    mid: int  # offset of the first in-year marker (监控, 截至6月…), or a large number
    years: list[tuple[int, str, bool]]  # (end offset, year, whether it is a comparison base)
    ends: list[int]  # the years' end offsets, for bisection
    changes: list[tuple[int, int]] | None  # (start, end) of 增加, 减少 …; None: not read yet
    span: tuple[int, int]  # the sentence's (start, end)
    clauses: list[int] | None  # offsets just after each ，；。：; None: not read yet

    def __init__(
        self,
        mid: int,
        years: list[tuple[int, str, bool]],
        ends: list[int] | None = None,
        changes: list[tuple[int, int]] | None = None,
        span: tuple[int, int] = (0, 0),
        clauses: list[int] | None = None,
    ) -> None:
        self.mid = mid
        self.years = years
        self.ends = [] if ends is None else ends
        self.changes = changes
        self.span = span
        self.clauses = clauses

    @classmethod
    def of(cls, text: str, start: int, end: int, mids: Starts) -> _SentenceMarks:
        m = MID.search(text, start, end) if mids.any_in(start, end) else None
        years = [
            (
                y.end(),
                y.group(1),
                _BASE_BEFORE.search(text, max(start, y.start() - 2), y.start()) is not None,
            )
            for y in (_YEAR.finditer(text, start, end) if text.find("年", start, end) >= 0 else ())
        ]
        return cls(
            m.end() if m else 1 << 60,
            years,
            [e for e, _, _ in years],
            None,
            (start, end),
        )

    def clause_start(self, text: str, lo: int, pos: int) -> int:
        """Where the clause holding pos begins, or lo if that is later (lo in the sentence).
        A short range (a figure's 12 characters before it, the most asked) is searched back
        by the engine for its last clause mark; a longer one (from a base year to a figure far
        after it) bisects the sentence's marks, listed on the first such question, so that a
        long sentence is not searched again for each of its figures."""
        if pos - lo <= _CLAUSE_WINDOW:
            m = _LAST_CLAUSE_MARK.match(text, lo, pos)
            return m.end() if m is not None else lo
        if self.clauses is None:
            start, end = self.span
            self.clauses = [c.end() for c in _CLAUSE_MARK.finditer(text, start, end)]
        k = bisect.bisect_right(self.clauses, pos) - 1
        return max(lo, self.clauses[k]) if k >= 0 else lo

    def change_in(self, text: str, lo: int, hi: int) -> bool:
        """Whether a change word lies wholly in [lo, hi)."""
        if self.changes is None:
            start, end = self.span
            self.changes = [(c.start(), c.end()) for c in _CHANGE.finditer(text, start, end)]
        k = bisect.bisect_left(self.changes, (lo, -1))
        return k < len(self.changes) and self.changes[k][1] <= hi


def _period(text: str, sent_start: int, pos: int, ctx: Context, marks: _SentenceMarks) -> str:
    if marks.mid <= pos:
        return "mid"
    k = bisect.bisect_right(marks.ends, pos)
    # a comparison base ("较2024年的2190万元", "与2021年相比，…") dates only the figure it names:
    # past its clause, or past a change word, the figures are the year's own again
    while (
        k
        and marks.years[k - 1][2]
        and (
            marks.clause_start(text, marks.ends[k - 1], pos) > marks.ends[k - 1]
            or marks.change_in(text, marks.ends[k - 1], pos)
        )
    ):
        k -= 1
    # "2020年支出431万元，比上年累计支出433万元": 上年 after the year names the year before it;
    # "比上年增加56万元" states a change, which belongs to the year compared
    after = marks.ends[k - 1] if k else sent_start
    lo = max(after, pos - 12)
    # (every 上年 word holds _PRIOR_HELD: where it is not in [lo, pos), no match is in the
    # clause's part of it, found without the clause's start and the search)
    prior = (
        _PRIOR.search(text, marks.clause_start(text, lo, pos), pos)
        if not _PRIOR_HELD or text.find(_PRIOR_HELD, lo, pos) >= 0
        else None
    )
    # (the change word may take in the comparison: "较上年增17.1万元" is one word of change)
    if prior and not marks.change_in(text, max(0, prior.start() - 2), pos):
        base = int(marks.years[k - 1][1]) if k else ctx.year
        return str(base - 1) if base else "prior"
    if k:
        return marks.years[k - 1][1]
    return str(ctx.year) if ctx.year else "current"
