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
import re
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

    def within(self, start: int, end: int) -> list[int]:
        """The offsets of the characters in text[start:end], in order (for one-character patterns:
        their matches' starts, without a regex search of the range)."""
        places = self.places
        i = bisect.bisect_left(places, start)
        return places[i : bisect.bisect_left(places, end, i)]


_CONTEXT = ("(?=", "(?!", "(?<", "^", "$", "\\b", "\\B", "\\A", "\\Z")


class Matches:
    """A pattern's matches in the whole text, found in one pass and read back by range.

    Readers that search each sentence with the same pattern pay a regex call per sentence; one
    pass over the text costs the same characters once. For a pattern that looks at nothing
    outside its match (no lookaround, anchors or word boundaries), finditer(text, start, end)
    finds exactly the whole-text matches that lie in [start, end) whenever no whole-text match
    straddles start or end: the scan reaches start at the same place, and cutting the text at
    end can only fail paths that already failed or ran past end. A range with a straddling
    match is searched as before (within() returns None for it)."""

    def __init__(self, rx: re.Pattern[str], text: str) -> None:
        if any(c in rx.pattern for c in _CONTEXT):
            raise ValueError(f"pattern looks outside its match: {rx.pattern!r}")
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.firsts: list[str] = []  # group 1 of each match, if the pattern has one
        grouped = rx.groups > 0
        for m in rx.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
            if grouped:
                self.firsts.append(m.group(1))

    def within(self, start: int, end: int) -> tuple[int, int] | None:
        """The indices [i, j) of the matches in text[start:end], or None when one straddles
        start or end (then the range must be searched on its own)."""
        starts = self.starts
        i = bisect.bisect_left(starts, start)
        if i and self.ends[i - 1] > start:
            return None
        j = bisect.bisect_left(starts, end, i)
        if j > i and self.ends[j - 1] > end:
            return None
        return i, j


def firsts(words: Iterable[str]) -> list[str]:
    """The first characters of the words of an alternation ("" for an empty word: it matches
    everywhere)."""
    return [w[:1] for w in words]
