"""Names shared out over figures by 分别 or 各: "基本支出和项目支出分别为300万元和200万元",
"收、支总计各是4125.49，4143.91万元。与上年相比，收、支总计各减少…万元，各下降…%、…%".

The names stand before 分别 (各), joined by 、和及与; the figures follow it, joined the same way and
nothing else. Only when there are as many figures as names does each figure take its name as
its label; otherwise the figures keep the label they have (and usually take part in nothing).
"""

from __future__ import annotations

import bisect

from ..catalogue import lexicon
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


def _clause_before(text: str, at: int) -> str:
    """The words from the start of the clause up to `at`, where the names shared out stand
    (names are short: never read further back than _NAMES_REACH)."""
    floor = max(0, at - _NAMES_REACH)
    begin = max(floor - 1, *(text.rfind(c, floor, at) for c in _CLAUSE_END)) + 1
    return text[begin:at]


def respective_groups(
    text: str, qs: list[Quantity], lo: int = 0, hi: int | None = None
) -> list[list[tuple[Quantity, str]]]:
    """Each 分别 between lo and hi whose figures match its names one for one: (figure, name)."""
    out: list[list[tuple[Quantity, str]]] = []
    starts = [q.span.start for q in qs]
    for m in _cues(_CUE, text, lo, hi):
        names = [n.strip() for n in _JOIN.split(_clause_before(text, m.start()))]
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


# 各 and the verb it shares out: "各是", "各为", or a change ("各减少", "各下降")
_EACH = cached_re(r"各(?:(?:是|为)|(?P<change>" + cues().change_rx.pattern + r"))")
_ABBREVIATED = lexicon()["lists"]["abbreviations"]
_ABBREVIATIONS_LONGEST_FIRST = sorted(_ABBREVIATED, key=len, reverse=True)
_SHORT_NAME = lazy(r"^[^\d%（）()“”\"]{1,20}$")
_LEADING_YEAR = lazy(r"^\s*(?:19|20)\d{2}\s*年度?")


def _expanded(names: list[str]) -> list[str] | None:
    """ "收、支总计" → 收入总计, 支出总计: the last name carries the words the others leave out
    (an abbreviated flow word ends each other name and opens the last one; what stands before
    the first and after the last is shared). Names of another shape stay as they are when none
    is a single character; else None."""
    last = names[-1]
    head = next((w for w in _ABBREVIATIONS_LONGEST_FIRST if last.startswith(w)), None)
    ends = [
        next((w for w in _ABBREVIATIONS_LONGEST_FIRST if n.endswith(w)), None) for n in names[:-1]
    ]
    if head is not None and len(last) > len(head) and None not in ends:
        prefix = names[0][: len(names[0]) - len(ends[0])]  # type: ignore[arg-type]
        suffix = last[len(head) :]
        return [prefix + _ABBREVIATED[w] + suffix for w in [*ends, head]]  # type: ignore[index]
    return names if all(len(n) >= 2 for n in names) else None


def distributed_groups(text: str, qs: list[Quantity]) -> list[list[tuple[Quantity, str]]]:
    """Each 各 whose figures match the names before it one for one: (figure, label), the label
    the expanded name and the change the verb names ("收入总计减少"). A 各 with no names of its
    own in its sentence shares out over the names of the 各 before it ("…各减少A，B万元，各下降
    a%、b%")."""
    out: list[list[tuple[Quantity, str]]] = []
    starts = [q.span.start for q in qs]
    last: tuple[int, list[str]] | None = None  # (sentence start, names) of the last 各 read
    for m in _EACH.finditer(text):
        floor = max(0, m.start() - _NAMES_REACH)
        sentence = max(floor - 1, text.rfind("。", floor, m.start())) + 1
        # "2022年度收、支总计"
        words = _LEADING_YEAR.sub("", _clause_before(text, m.start())).strip()
        names = [n.strip() for n in _JOIN.split(words)] if words else []
        if len(names) >= 2 and all(_SHORT_NAME.match(n) for n in names):
            full = _expanded(names)
        elif not words and last is not None and last[0] == sentence:
            full = last[1]
        else:
            full = None
        if full is None:
            continue
        last = (sentence, full)
        figures, _, _ = _joined(text, qs, starts, m.end(), len(full))
        if len(figures) == len(full):
            verb = m.group("change") or ""
            out.append([(q, name + verb) for q, name in zip(figures, full, strict=True)])
    return out


def respective_names(text: str, qs: list[Quantity]) -> dict[int, str]:
    """Quantity start offset → the name 分别 (各) gives it."""
    groups = (
        respective_groups(text, qs) + respective_shares(text, qs) + distributed_groups(text, qs)
    )
    return {q.span.start: name for g in groups for q, name in g}
