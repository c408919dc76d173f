"""What a paragraph stands under: the scope its nearest heading names ("2. 政府性基金预算执行情况"),
the topic a paragraph's first clause names ("在41个县收支完成情况上，"), and the item it is
about: the unit, place or project an enumerated item opens with ("一是县档案馆，下达资金300万元…
二是县博物馆，…"), a counted group ("省级6项，…", "4个县(市)共实施…"), the part a paragraph
opening with 其中 names. Figures under two headings, topics or items that name different things
are two figures, however alike their labels."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from ..catalogue import lexicon
from ..lazy_re import lazy
from ..model import Fact
from ..record import Record
from ..segment import Paragraph, Segments, marker_at
from .cues import alt
from .lexicon import Lexicon

HEADING_MAX = 30  # characters of a numbered line that is a heading, not a statement
_TOPIC = lazy(
    r"\s*(?:"
    + alt(lexicon()["document"]["topic_opens"])
    + r")?([^，,。；;：:]{2,20}?)(?:"
    + alt(lexicon()["document"]["topic_closes"])
    + r")[，,：:]"
)

# after an enumeration marker (一是, ①, （2）), a first clause that is a name ending in a unit's,
# a place's or a project's word: "二是县博物馆，", "（2）城关镇："
_NAMED = lazy(
    r"\s*([^，,。；;：:\s\d]{1,30}?(?:"
    + alt(lexicon()["document"]["org_suffixes"] + lexicon()["document"]["item_subjects"])
    + r"))[，,：:]"
)
_ITEM_MARKS = frozenset({"cn_shi", "circled", "paren_num", "paren_cn"})
# a group named with its count, then what it states ("省级6项,当年计划投资19亿元", "其中亿元以上
# 项目46个,总投资…"): the figures after it are the group's
_COUNTED = lazy(
    r"(?:" + alt(lexicon()["lists"]["parts"]) + r")?[：:，,]?\s*"
    r"([^，,。；;：:\s\d（）()]{2,12}?)\d+\s*(?:"
    + alt(lexicon()["document"]["item_counts"])
    + r")[，,]"
)
# a group counted first ("4个县(市)共实施项目197个，…"): the figures after it are the group's
_COUNTED_FIRST = lazy(
    r"(\d+\s*(?:"
    + alt(lexicon()["document"]["item_counts"])
    + r")[^，,。；;：:\s\d]{0,4}?(?:"
    + alt(lexicon()["document"]["item_subjects"])
    + r")(?:[（(][^）)\d]{1,6}[）)])?)"
)
# a paragraph that opens with 其中 is about the part it names first ("其中，中心城区谋划实施项目
# 189个，概算总投资…"): the words up to its first figure or clause end
_PART_OPENS = lazy(
    r"(?:"
    + alt(lexicon()["lists"]["parts"])
    + r")[，,：:]?\s*([^，,。；;：:\d\s]{2,30}?)(?=\d|[，,；;：:])"
)
_LEVEL = lazy(
    r"\s*(?:[^，,。；;\n\d]{0,40}?(?:"
    + alt(lexicon()["document"]["lead_openers"])
    + r")\s*[，,]\s*)?(?:((?:19|20)\d{2})\s*年度?\s*[，,]?\s*)?("
    + alt(lexicon()["document"]["government_levels"])
    + ")"
)
_CLAUSE_END = lazy("[。；;：:]")  # an item opens a paragraph or follows the end of a clause


class Outline(Record):
    """Headings (paragraph index → the specific scope they name, or None), topics (paragraph
    index → the words) and leads, each in paragraph order (a paragraph's own is found by
    bisection), and each paragraph's named items, read when first asked for."""

    heading_at: list[int]
    heading_scope: list[str | None]
    topic_at: list[int]
    topic: list[str]
    lead_at: list[int]  # numbered statements that open with a scope's name
    lead_scope: list[str]
    read_items: Callable[[int], list[tuple[int, str]]]  # a paragraph's (start, name) items

    def __init__(
        self,
        heading_at: list[int],
        heading_scope: list[str | None],
        topic_at: list[int],
        topic: list[str],
        lead_at: list[int],
        lead_scope: list[str],
        read_items: Callable[[int], list[tuple[int, str]]],
    ) -> None:
        self.heading_at = heading_at
        self.heading_scope = heading_scope
        self.topic_at = topic_at
        self.topic = topic
        self.lead_at = lead_at
        self.lead_scope = lead_scope
        self.read_items = read_items
        self._items: dict[int, list[tuple[int, str]]] = {}  # read so far, by paragraph

    def scope_above(self, paragraph: int) -> str | None:
        """The specific scope the nearest heading above the paragraph names, if it names one."""
        k = bisect.bisect_left(self.heading_at, paragraph) - 1
        return self.heading_scope[k] if k >= 0 else None

    def topic_of(self, paragraph: int) -> str | None:
        """The paragraph's topic, its own or carried from the last paragraph that named one."""
        k = bisect.bisect_right(self.topic_at, paragraph) - 1
        return self.topic[k] if k >= 0 else None

    def lead_of(self, paragraph: int) -> str | None:
        """The scope the numbered statement the paragraph is in, or follows, opens with; none
        past a heading."""
        k = bisect.bisect_right(self.lead_at, paragraph) - 1
        if k < 0:
            return None
        h = bisect.bisect_right(self.heading_at, paragraph) - 1
        return None if h >= 0 and self.heading_at[h] > self.lead_at[k] else self.lead_scope[k]

    def item_of(self, paragraph: int, pos: int) -> str | None:
        """The name of the enumerated item of the paragraph the position is in, if it is in one
        that names one: the items run from one to the next, the last to the paragraph's end.
        A paragraph's items are read when first asked for (few are: S001 asks only of figures
        stated with two values)."""
        items = self._items.get(paragraph)
        if items is None:
            items = self._items[paragraph] = self.read_items(paragraph)
        k = bisect.bisect_right(items, (pos, "\uffff")) - 1
        return items[k][1] if k >= 0 else None


def read_outline(
    text: str, segs: Segments, facts: list[Fact], lex: Lexicon, year: int | None = None
) -> Outline:
    """One pass over the paragraphs. A heading is a short numbered line without figures; a lead,
    a numbered statement that opens with a scope's name, or a paragraph that opens with a level
    of government (and a year); a topic, a first clause that names no amount ("在41个县…上，":
    a count may name the subject)."""
    starts = [f.span.start for f in facts]

    def families(lo: int, hi: int) -> set[str]:
        return {
            f.q.family
            for f in facts[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
        }

    out = Outline(
        [], [], [], [], [], [], lambda pi: _read_items(text, segs.paragraphs[pi], families)
    )
    for pi, p in enumerate(segs.paragraphs):
        body = p.marker.end if p.marker else p.start
        if p.marker is not None and p.end - p.start <= HEADING_MAX and not families(p.start, p.end):
            m = lex.scope(text[body : p.end])
            out.heading_at.append(pi)
            out.heading_scope.append(None if m is None or lex.is_generic_scope(m.key) else m.key)
        elif p.marker is not None:
            # "2.项目支出 0元，同比减少…。其中：…": a numbered statement that opens by naming a
            # scope leads what follows it, up to the next such statement or heading
            k = bisect.bisect_left(starts, body)
            first = min(starts[k] if k < len(starts) else p.end, p.end)
            m = lex.scope(text[body:first].lstrip())
            if m is not None and m.start == 0 and not lex.is_generic_scope(m.key):
                out.lead_at.append(pi)
                out.lead_scope.append(m.key)
        g = _LEVEL.match(text, body, p.end)
        if g is not None:
            # "2023年，市级一般公共预算总收入…", "2024年，全市…收入安排…": a level of government,
            # and a year other than the report's, a paragraph of a 预算执行 report opens with
            other_year = g.group(1) if g.group(1) and int(g.group(1)) != year else ""
            out.lead_at.append(pi)
            out.lead_scope.append(other_year + g.group(2))
        t = _TOPIC.match(text, body, p.end)
        if t is not None and families(t.start(), t.end()) <= {"count"}:
            out.topic_at.append(pi)
            out.topic.append(t.group(1))
    return out


def _read_items(text: str, p: Paragraph, families) -> list[tuple[int, str]]:
    """The paragraph's items that open with a name and no figure, with a group's name and count
    (or its count first: "4个县(市)"), or, for the paragraph's start, with 其中 and the part it
    names, as (start, name). An item opens the paragraph or follows the end of a clause: the
    patterns are tried there only."""
    out: list[tuple[int, str]] = []
    for pos in [p.start, *(m.end() for m in _CLAUSE_END.finditer(text, p.start, p.end))]:
        while pos < p.end and text[pos].isspace():
            pos += 1
        mk = marker_at(text, pos)
        m = _NAMED.match(text, mk.end, p.end) if mk and mk.style in _ITEM_MARKS else None
        if m is None or families(pos, m.end()):
            m = _COUNTED.match(text, pos, p.end) or _COUNTED_FIRST.match(text, pos, p.end)
            if m is None or not families(pos, m.end()) <= {"count"}:
                m = _PART_OPENS.match(text, pos, p.end) if pos == p.start else None
                if m is None or families(pos, m.end()):
                    continue
        out.append((pos, m.group(1)))
    return out
