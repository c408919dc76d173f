"""The table of contents (目录): its entries, their level, and which of them name a table.

A 目录 is the block of short lines after a line that reads 目录 alone: each entry carries a
numbering marker (第一部分, 一、, （一）, 1.) or a leader and page number ("…… 12"). An entry
that is followed by deeper entries heads a group ("五、部门预算表" over "1. …预算总表"); the
others are leaves, and a leaf whose title ends in 表 lists a table the body should contain.
"""

from __future__ import annotations

import re

from ..catalogue import lexicon
from ..lazy_re import cached_re, lazy
from ..model import Span
from ..record import Record

_LEADER = lazy(r"\s*(?:[.…·•．_\-]{3,}|…+)\s*\d*\s*$|\s+\d{1,3}\s*$")
_MARKERS = [
    (0, lazy(r"^第[一二三四五六七八九十\d]+(?:部分|章|篇)\s*")),
    (1, lazy(r"^[一二三四五六七八九十]+[、.．]\s*")),
    (2, lazy(r"^[（(][一二三四五六七八九十]+[）)]\s*")),
    (3, lazy(r"^\d{1,2}(?:[.、．](?!\d)|[.．](?=\s*(?:19|20)\d{2})|[)）])\s*")),
    (4, lazy(r"^[（(]\d{1,2}[）)]\s*")),
]
_SENTENCE = lazy(r"[。；;，,]")
_MAX_ENTRY = 60
_MAX_LINES = 80


class TocEntry(Record):
    """One line of a 目录, its numbering level, and whether it names a table."""

    title: str  # without marker, leader and page number
    level: int  # 0 第一部分 … 4 (1); 5 unnumbered
    span: Span  # the entry's line in Document.text
    leaf: bool

    def __init__(self, title: str, level: int, span: Span, leaf: bool = True) -> None:
        self.title = title
        self.level = level
        self.span = span
        self.leaf = leaf

    @property
    def is_table(self) -> bool:
        return self.leaf and self.title.endswith("表")


class Toc(Record):
    """A document's 目录: its heading, its entries and where the body starts."""

    heading: Span
    entries: list[TocEntry]
    end: int  # offset where the body starts

    def __init__(self, heading: Span, entries: list[TocEntry], end: int) -> None:
        self.heading = heading
        self.entries = entries
        self.end = end

    @property
    def tables(self) -> list[TocEntry]:
        return [e for e in self.entries if e.is_table]


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in re.finditer(r"\r\n|\r|\n", text[start:]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
        if len(out) > _MAX_LINES:
            break
    else:
        out.append((pos, len(text)))
    return out


def _entry(line: str) -> tuple[int, str, bool] | None:
    """(level, title, has leader) of a line shaped like a 目录 entry, else None."""
    s = line.strip()
    leader = _LEADER.search(s)
    if leader:
        s = s[: leader.start()].strip()
    level = 5
    for lv, rx in _MARKERS:
        m = rx.match(s)
        if m:
            level, s = lv, s[m.end() :].strip()
            break
    if not s or len(s) > _MAX_ENTRY or _SENTENCE.search(s):
        return None
    if level == 5 and not leader:
        return None
    return level, s, bool(leader)


def find_toc(text: str) -> Toc | None:
    """The document's 目录, or None when it has none (or none this reading can parse)."""
    heads = {re.sub(r"\s+", "", h) for h in lexicon()["document"]["toc_headings"]}
    alts = "|".join(r"\s*".join(h) for h in sorted(heads))  # the same text in every run
    head_rx = cached_re(r"^[ \t\u3000]*(" + alts + r")[ \t\u3000]*$", re.M)
    m = head_rx.search(text[:20000])
    if m is None:
        return None
    entries: list[TocEntry] = []
    seen: set[str] = set()
    last_leader = True
    end = m.end()
    for a, b in _lines(text, m.end() + 1 if m.end() < len(text) else m.end()):
        line = text[a:b]
        if not line.strip():
            continue
        e = _entry(line)
        if e is None:
            break
        level, title, leader = e
        if level == 5 and entries and not last_leader:  # "…经济分类预" / "算表 …… 12"
            prev = entries[-1]
            prev.title += title
            prev.span = Span(prev.span.start, b)
            last_leader, end = leader, b
            continue
        last_leader = leader
        key = re.sub(r"\s+", "", title)
        if key in seen:  # the body's first heading repeats an entry: the 目录 has ended
            break
        seen.add(key)
        entries.append(TocEntry(title, level, Span(a, b)))
        end = b
    if len(entries) < 2:
        return None
    for i, e in enumerate(entries[:-1]):
        e.leaf = entries[i + 1].level <= e.level
    return Toc(Span(m.start(1), m.end(1)), entries, end)
