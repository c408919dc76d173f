"""Names shared out over figures by 分别: "基本支出和项目支出分别为300万元和200万元".

The names stand before 分别, joined by 、和及与; the figures follow it, joined the same way and
nothing else. Only when there are as many figures as names does each figure take its name as
its label; otherwise the figures keep the label they have (and usually take part in nothing).
"""

from __future__ import annotations

import bisect

from ..lazy_re import cached_re, lazy
from ..model import Quantity
from .cues import cues

_CUE = cached_re(cues().respectively)
_JOIN = lazy(r"[、和及与,，]")
_NAME = lazy(r"^[^\d%（）()“”\"]{2,20}$")
# how far past hi a cue that starts before it may need to be read (its share name, its figure)
_REACH = 64
# how far before 分别 its names may begin (a few names of at most 20 characters each)
_NAMES_REACH = 160
_CLAUSE_END = "，,；;。：:\n"
_BETWEEN = lazy(r"^\s*(?:[、,，]\s*)?(?:和|及|与)?\s*$")  # what may join two figures
_VERB = lazy(r"^\s*(?:为|是|达到|达)?\s*$")  # what may stand between 分别 and the first


def _cues(rx, text: str, lo: int, hi: int | None):
    """The matches of rx that start between lo and hi (read a little past hi, not to the end)."""
    end = len(text) if hi is None else min(len(text), hi + _REACH)
    for m in rx.finditer(text, lo, end):
        if hi is not None and m.start() > hi:
            return
        yield m


def _joined(
    text: str, qs: list[Quantity], starts: list[int], pos: int, most: int, percent: bool = False
) -> tuple[list[Quantity], int, int]:
    """The figures from pos on, joined by 、和及与 and nothing else, at most `most` (percentages
    only if asked): the figures, where they end, and the index of the next figure."""
    j = bisect.bisect_left(starts, pos)
    figures: list[Quantity] = []
    pattern = _VERB
    while j < len(qs) and len(figures) < most and (not percent or qs[j].family == "percent"):
        if not pattern.match(text[pos : qs[j].span.start]):
            break
        figures.append(qs[j])
        pos, pattern, j = qs[j].span.end, _BETWEEN, j + 1
    return figures, pos, j


def respective_groups(
    text: str, qs: list[Quantity], lo: int = 0, hi: int | None = None
) -> list[list[tuple[Quantity, str]]]:
    """Each 分别 between lo and hi whose figures match its names one for one: (figure, name)."""
    out: list[list[tuple[Quantity, str]]] = []
    starts = [q.span.start for q in qs]
    for m in _cues(_CUE, text, lo, hi):
        floor = max(0, m.start() - _NAMES_REACH)  # names are short: never search further back
        begin = max(floor - 1, *(text.rfind(c, floor, m.start()) for c in _CLAUSE_END)) + 1
        names = [n.strip() for n in _JOIN.split(text[begin : m.start()])]
        if len(names) < 2 or not all(_NAME.match(n) for n in names):
            continue
        figures, pos, j = _joined(text, qs, starts, m.end(), len(names))
        after = text[pos : pos + 1]
        ended = j >= len(qs) or not _BETWEEN.match(text[pos : qs[j].span.start])
        if len(figures) == len(names) and ended and (not after or after in _CLAUSE_END):
            out.append(list(zip(figures, names, strict=True)))
    return out


_SHARE_CUE = cached_re(r"分别(占[^，,；;。\d%]{1,20}?的?)(?=\s*\d)")


def respective_shares(
    text: str, qs: list[Quantity], lo: int = 0, hi: int | None = None
) -> list[list[tuple[Quantity, str]]]:
    """ "分别占支出合计的60%和40%": each percentage a share of the named whole, in order."""
    out = []
    starts = [q.span.start for q in qs]
    for m in _cues(_SHARE_CUE, text, lo, hi):
        figures, _, _ = _joined(text, qs, starts, m.end(), len(qs), percent=True)
        if len(figures) >= 2:
            out.append([(q, m.group(1)) for q in figures])
    return out


def respective_names(text: str, qs: list[Quantity]) -> dict[int, str]:
    """Quantity start offset → the name 分别 gives it."""
    groups = respective_groups(text, qs) + respective_shares(text, qs)
    return {q.span.start: name for g in groups for q, name in g}
