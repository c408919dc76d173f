"""What a paragraph stands under: the scope its nearest heading names ("2. 政府性基金预算执行情况")
and the topic a paragraph's first clause names ("在41个县收支完成情况上，"). Figures under two
headings or topics that name different things are two figures, however alike their labels."""

from __future__ import annotations

import bisect

from ..catalogue import lexicon
from ..lazy_re import lazy
from ..model import Fact
from ..record import Record
from ..segment import Segments
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


class Outline(Record):
    """Headings (paragraph index → the specific scope they name, or None) and topics (paragraph
    index → the words), each in paragraph order: a paragraph's own is found by bisection."""

    heading_at: list[int]
    heading_scope: list[str | None]
    topic_at: list[int]
    topic: list[str]

    def __init__(
        self,
        heading_at: list[int],
        heading_scope: list[str | None],
        topic_at: list[int],
        topic: list[str],
    ) -> None:
        self.heading_at = heading_at
        self.heading_scope = heading_scope
        self.topic_at = topic_at
        self.topic = topic

    def scope_above(self, paragraph: int) -> str | None:
        """The specific scope the nearest heading above the paragraph names, if it names one."""
        k = bisect.bisect_left(self.heading_at, paragraph) - 1
        return self.heading_scope[k] if k >= 0 else None

    def topic_of(self, paragraph: int) -> str | None:
        """The paragraph's topic, its own or carried from the last paragraph that named one."""
        k = bisect.bisect_right(self.topic_at, paragraph) - 1
        return self.topic[k] if k >= 0 else None


def read_outline(text: str, segs: Segments, facts: list[Fact], lex: Lexicon) -> Outline:
    """One pass over the paragraphs. A heading is a short numbered line without figures; a
    topic, a first clause that names no amount ("在41个县…上，": a count may name the subject)."""
    starts = [f.span.start for f in facts]

    def families(lo: int, hi: int) -> set[str]:
        return {
            f.q.family
            for f in facts[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
        }

    out = Outline([], [], [], [])
    for pi, p in enumerate(segs.paragraphs):
        body = p.marker.end if p.marker else p.start
        if p.marker is not None and p.end - p.start <= HEADING_MAX and not families(p.start, p.end):
            m = lex.scope(text[body : p.end])
            out.heading_at.append(pi)
            out.heading_scope.append(None if m is None or lex.is_generic_scope(m.key) else m.key)
        t = _TOPIC.match(text, body, p.end)
        if t is not None and families(t.start(), t.end()) <= {"count"}:
            out.topic_at.append(pi)
            out.topic.append(t.group(1))
    return out
