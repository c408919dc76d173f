"""Split a document into paragraphs, sentences and enumerated items, and track parentheses.

Everything here works on offsets into the normalised text, in one pass over it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from .extract.starts import Starts
from .lazy_re import cached_re
from .record import Record

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CN_ORD = "一二三四五六七八九十"
SENTENCE_END = "。！？!?"
OPEN, CLOSE = "（(【[", "）)】]"

_MARKERS = [
    ("circled", cached_re(r"[" + CIRCLED + "]")),
    ("cn_shi", cached_re(r"(?:[" + CN_ORD + r"]{1,3})是")),
    ("paren_num", cached_re(r"[（(]\d{1,3}[）)]")),
    ("paren_cn", cached_re(r"[（(][" + CN_ORD + r"]{1,3}[）)]")),
    ("num_dot", cached_re(r"\d{1,3}(?:[.、．](?!\d)|[)）])")),
    ("cn_comma", cached_re(r"[" + CN_ORD + r"]{1,3}、")),
]


class Marker(Record):
    """An enumeration marker (①, 一是, (1), 1., 一、): its style and ordinal."""

    __slots__ = ("style", "ordinal", "start", "end")
    style: str
    ordinal: int
    start: int
    end: int

    def __init__(self, style: str, ordinal: int, start: int, end: int) -> None:
        self.style = style
        self.ordinal = ordinal
        self.start = start
        self.end = end


class Paragraph(Record):
    """A paragraph's range, its numbered-item marker and its sentences."""

    __slots__ = ("start", "end", "marker", "sentences")
    start: int
    end: int
    marker: Marker | None
    sentences: list[int]

    def __init__(
        self, start: int, end: int, marker: Marker | None = None, sentences: list[int] | None = None
    ) -> None:
        self.start = start
        self.end = end
        self.marker = marker
        self.sentences = [] if sentences is None else sentences


class Sentence(Record):
    """A sentence's range and the paragraph it belongs to."""

    __slots__ = ("start", "end", "paragraph")
    start: int
    end: int
    paragraph: int

    def __init__(self, start: int, end: int, paragraph: int) -> None:
        self.start = start
        self.end = end
        self.paragraph = paragraph


class Segments(Record):
    """The document's paragraphs and sentences, and per-character look-ups into them."""

    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    # the parenthesis depth at each character (0 outside any): one byte a character (a list,
    # 8 bytes a character, only when a report nests deeper than 255)
    depth: bytearray | list[int]
    sentence_at: SentenceAt  # sentence index at each character (-1 outside any)

    def __init__(
        self,
        paragraphs: list[Paragraph],
        sentences: list[Sentence],
        depth: bytearray | list[int],
        sentence_at: SentenceAt,
    ) -> None:
        self.paragraphs = paragraphs
        self.sentences = sentences
        self.depth = depth
        self.sentence_at = sentence_at


class SentenceAt:
    """segs.sentence_at[i]: the index of the sentence holding character i, or -1 outside any.
    Looked up by bisection over the sentences' starts (they are in order and do not overlap):
    two list slots a sentence, sharing the Sentences' ints, where a per-character list took 8
    bytes a character (a sixth of a 16 MB report's peak memory, with the depths)."""

    __slots__ = ("_starts", "_ends", "_n")

    def __init__(self, sentences: list[Sentence], n: int) -> None:
        self._starts = [s.start for s in sentences]
        self._ends = [s.end for s in sentences]
        self._n = n  # characters in the text

    def __len__(self) -> int:
        return self._n

    def bounds(self) -> tuple[list[int], list[int]]:
        """The sentences' starts and ends, in order: a caller that looks up every figure
        bisects them itself (``__getitem__`` is a call each, a twentieth of build_facts)."""
        return self._starts, self._ends

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("sentence_at index out of range")
        k = bisect_right(self._starts, i) - 1
        return k if k >= 0 and i < self._ends[k] else -1

    def __iter__(self) -> Iterator[int]:
        pos = 0
        for k, (a, b) in enumerate(zip(self._starts, self._ends, strict=True)):
            yield from [-1] * (a - pos)
            yield from [k] * (b - a)
            pos = b
        yield from [-1] * (self._n - pos)


def _ordinal(style: str, token: str) -> int:
    if style == "circled":
        return CIRCLED.index(token[0]) + 1
    digits = "".join(filter(str.isdecimal, token))  # what re.sub(r"\D", "", token) keeps
    if digits:
        return int(digits)
    cn = "".join(c for c in token if c in CN_ORD)
    if cn == "十":
        return 10
    if len(cn) == 2 and cn[0] == "十":
        return 10 + CN_ORD.index(cn[1]) + 1
    if len(cn) >= 2 and cn[1] == "十":
        return (CN_ORD.index(cn[0]) + 1) * 10 + (CN_ORD.index(cn[2]) + 1 if len(cn) == 3 else 0)
    return CN_ORD.index(cn[0]) + 1 if cn else 0


# the characters a marker of each style can start with (num_dot: a decimal digit, tested apart)
_FIRSTS = {"circled": CIRCLED, "cn_shi": CN_ORD, "paren_num": "（(", "paren_cn": "（(",
           "num_dot": "", "cn_comma": CN_ORD}  # fmt: skip
# for each such character, the styles that can start with it, in _MARKERS' order: a position
# is tried against those alone (marker_at runs for every figure and every paragraph)
_BY_FIRST = {
    c: [(style, rx) for style, rx in _MARKERS if c in _FIRSTS[style]]
    for c in CIRCLED + CN_ORD + "（("
}
_BY_DIGIT = [(style, rx) for style, rx in _MARKERS if style == "num_dot"]
# the characters other than decimal digits a marker can start with: marker_at returns None at
# once for any other, and a caller asking at every figure tests them first, without the call
MARKER_FIRSTS = frozenset(_BY_FIRST)


def marker_at(text: str, pos: int) -> Marker | None:
    """The enumeration marker (①, 一是, (1), 1., 一、) starting at pos, if any."""
    c = text[pos : pos + 1]
    tries = _BY_FIRST.get(c)
    if tries is None:
        if not c or not c.isdecimal():
            return None
        tries = _BY_DIGIT
    for style, rx in tries:
        m = rx.match(text, pos)
        if m:
            return Marker(style, _ordinal(style, m.group(0)), m.start(), m.end())
    return None


# A numbered item that starts right after a full stop on the same line ("…经费减少。7. “公共安全
# 支出…”"): text exported from a page often runs items together; each is a paragraph of its own.
# "一是…。二是…。" runs on by design and is left to the enumeration reader. The match includes
# the full stop (the cut starts after it): a pattern that opens with a character class lets the
# engine skip to the next full stop instead of trying a look-behind at every character.
_RUN_ON_ITEM = cached_re(
    r"[。！？][ \t\u3000]*(?=(?:\d{1,3}[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|[一二三四五六七八九十]{1,3}、)\s*\S)"
)


_last_pieces: list = [None, []]  # the text last split and its pieces


def newline_pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of text between its \n, by str.split: the lines, when \n is
    the only line break the text has (a regex pass over the text costs ten times more).
    Reflow, segment, the text tables and two checks each ask of one text object: its pieces
    are kept for that object only (held here, so its identity cannot pass to another), never
    for an equal text, and each caller gets a list of its own."""
    if _last_pieces[0] is text:
        return list(_last_pieces[1])
    out, pos = [], 0
    for piece in text.split("\n"):
        end = pos + len(piece)
        out.append((pos, end))
        pos = end + 1
    _last_pieces[0], _last_pieces[1] = text, out
    return list(out)


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, line breaks excluded."""
    if "\r" not in text:
        return newline_pieces(text)
    out, pos = [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _runs(text: str) -> list[tuple[int, int]]:
    """The runs of characters between line and page breaks (re.finditer(r"[^\r\n\f\v]+")),
    by str.split when \n is the only one the text has."""
    if "\r" in text or "\f" in text or "\v" in text:
        return [m.span() for m in re.finditer(r"[^\r\n\f\v]+", text)]
    return [(a, b) for a, b in newline_pieces(text) if b > a]


def _blocks(text: str) -> list[tuple[int, int]]:
    """Lines, each split where a numbered item runs on after a full stop."""
    out: list[tuple[int, int]] = []
    for start, end in _runs(text):
        a = start
        for cut in _RUN_ON_ITEM.finditer(text, start, end):
            if cut.start() + 1 > a:
                out.append((a, cut.start() + 1))
            a = cut.end()
        out.append((a, end))
    return out


# the characters that change the parenthesis depth or end a sentence: segment() visits only these
# (their places found once by str.find, punct_places(): the places of _PUNCT's matches)
_PUNCT = cached_re("[" + re.escape(OPEN + CLOSE + SENTENCE_END) + "]")


def punct_places(text: str) -> list[int]:
    """Where _PUNCT matches, in order: str.find of each of its characters, at memory speed,
    instead of the engine's test of every character of every line."""
    return Starts(text, OPEN + CLOSE + SENTENCE_END).places


class _TooDeep(Exception):
    """Parentheses nested deeper than a byte holds: the depths are kept in a list instead."""


def segment(text: str) -> Segments:
    try:
        return _segment(text, bytearray(len(text)), 255)
    except _TooDeep:
        return _segment(text, [0] * len(text), len(text))


def _segment(text: str, depth: bytearray | list[int], deepest: int) -> Segments:
    n = len(text)
    ints = isinstance(depth, list)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    puncts = punct_places(text)
    for a, b in _blocks(text):
        while a < b and text[a] in " \t\u3000":
            a += 1
        while b > a and text[b - 1] in " \t\u3000":
            b -= 1
        if a >= b:
            continue
        pi = len(paragraphs)
        para = Paragraph(a, b, marker_at(text, a))
        paragraphs.append(para)
        d = 0
        s_start = a
        pos = a  # depth[a:pos] is set
        run: bytes | list[int] = [0] if ints else bytes(1)  # depth d, as depth's items
        for i in puncts[bisect_left(puncts, a) : bisect_left(puncts, b)]:
            c = text[i]
            if d and i > pos:
                depth[pos:i] = run * (i - pos)
            if c in OPEN:
                d += 1
                if d > deepest:
                    raise _TooDeep
                run = [d] if ints else bytes((d,))
                depth[i] = d
            else:
                depth[i] = d
                if c in CLOSE and d:
                    d -= 1
                    run = [d] if ints else bytes((d,))
            pos = i + 1
            if (c in SENTENCE_END and d == 0) or i == b - 1:
                si = len(sentences)
                end = i + 1  # one int for this sentence's end and the next one's start
                sentences.append(Sentence(s_start, end, pi))
                para.sentences.append(si)
                s_start = end
        if d and b > pos:
            depth[pos:b] = run * (b - pos)
        if s_start < b:  # the paragraph's last sentence runs to its end
            si = len(sentences)
            sentences.append(Sentence(s_start, b, pi))
            para.sentences.append(si)
    return Segments(paragraphs, sentences, depth, SentenceAt(sentences, n))
