"""Where a pattern can match at all: the places of the characters its matches start with.

Several readers search every sentence with a pattern of cue words (目标值, 等级, 全部完成…).
On Chinese text the regex engine costs tens of nanoseconds a character even where nothing
matches: it tests each character against the pattern's first characters. Those characters
are few and mostly rare; str.find locates them at memory speed, once for the document, and a
sentence in which none of them stands is passed over without a search. A pattern every match
of which starts with one of the characters finds nothing there, so the result is the same.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class Starts:
    """The offsets in a text of a set of characters, for asking whether a range holds one."""

    def __init__(self, text: str, firsts: Iterable[str]) -> None:
        chars = set(firsts)
        # an empty word (or none at all) could match anywhere: then every range may hold one
        self.everywhere = not chars or any(len(c) != 1 for c in chars)
        places: list[int] = []
        if not self.everywhere:
            for c in chars:
                k = text.find(c)
                while k >= 0:
                    places.append(k)
                    k = text.find(c, k + 1)
        places.sort()
        self.places = places

    def any_in(self, start: int, end: int) -> bool:
        """Whether one of the characters stands in text[start:end]."""
        if self.everywhere:
            return True
        k = bisect.bisect_left(self.places, start)
        return k < len(self.places) and self.places[k] < end


def held(text: str, words: Iterable[str]) -> Starts:
    """Where a match of an alternation of ``words`` may lie wholly inside a range: the places
    of one character that every word holds (the rarest in the text of those they share: 值 of
    目标值/指标值/预期值 stands in far fewer sentences than their first characters 年/预/指/目).
    A range none of them stands in holds no whole match. Words that share no character: their
    first characters, as Starts(text, firsts(words)), where a match may start."""
    words = list(words)
    shared = set.intersection(*(set(w) for w in words)) if words else set()
    if not shared:
        return Starts(text, firsts(words))
    return Starts(text, [min(sorted(shared), key=text.count)])


def firsts(words: Iterable[str]) -> list[str]:
    """The first characters of the words of an alternation ("" for an empty word: it matches
    everywhere)."""
    return [w[:1] for w in words]
