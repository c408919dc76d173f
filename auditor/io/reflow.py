"""Rebuild paragraphs that a fixed line width broke (text exported from a PDF, copied from a page).

Chinese has no spaces, so a wrap can fall inside a word or a number ("年" / "初预算为",
"2,389.52万" / "元"). A text is taken as hard-wrapped when many of its lines fill the same width
without ending a sentence; then a line that fills the width is joined to the next one unless it
ends a sentence or a clause list, or the next one starts a numbered item, is indented, or is a
table row. Page numbers and running headers between the two halves of a sentence are left out.

Nothing is rewritten in place: the result is the joined text and the cuts (where characters of
the original were left out), so every location still points at the original line and column.
A text that is not hard-wrapped comes back unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..lazy_re import cached_re, lazy
from ..record import Record
from ..segment import Marker, marker_at, newline_pieces

_SENTENCE_END = "。！？!?：:"
# a table row: cells ruled or spaced apart, several figures, a figure standing alone at the end,
# or a subject code (类 款 项) opening the line
_TABLE_ROW = cached_re(
    r"\||\t|(?<!\S)(?:\S++\s{2,}){2,}\S|(?:[\d,.]++\s+){2,}[\d,.]++\s*$|(?:^|\s)-?[\d,]++\.\d++\s*$"
    r"|^\s*\d{3}(?:\s+\d{2}){0,2}\s+[^\d\s]"
)
# Every way _TABLE_ROW matches needs a bar, a tab or a space, except a line that is one decimal
# figure: a line with none of them (most prose) is told by that test alone.
_SPACE_OR_BAR = cached_re(r"[\s|]")  # what _table_row tests first, without it (tests compare)
_FIGURE_LINE = cached_re(r"-?[\d,]++\.\d++$")


def _table_row(line: str) -> bool:
    """Whether _TABLE_ROW.search(line) finds a match (line: one line, without its break)."""
    # no bar and no whitespace (_SPACE_OR_BAR.search(line) is None): str.split's whitespace is
    # the engine's \s, and a line without any comes back whole, tested in C without the engine
    if "|" not in line and (not line or line.split(None, 1) == [line]):
        # (_FIGURE_LINE opens with -, a digit or a comma)
        return (line[:1] in "-," or line[:1].isdecimal()) and _FIGURE_LINE.match(line) is not None
    if "|" in line or "\t" in line:
        return True
    # The other ways need: two runs of two spaces (four whitespace characters), a line that
    # opens with a digit (a subject code), or one that ends with a figure's digit, comma or
    # point; a line of prose with a space or two has none of them, and is told without the
    # engine's attempt at its every character (str's whitespace is the engine's \s, its
    # isdecimal the engine's \d).
    last = line.rstrip()[-1:]
    if (
        not (last in ",." or last.isdecimal())
        and not line.lstrip()[:1].isdecimal()
        and len(line) - len("".join(line.split())) < 4
    ):
        return False
    return _TABLE_ROW.search(line) is not None


_PAGE_NUMBER = lazy(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_BARE_NUMBER = lazy(r"^\s*\d{1,4}\s*$")
_LEAD = lazy(r"[\d,.．，%％A-Za-z０-９]+(?:万元|亿元|元|万|个|人|项)?")
_INDENT = lazy(r"^(?:\s{2,}|\u3000)")
MIN_WIDTH = 30  # display columns (half as many characters): narrower is a column of figures
MIN_LINES = 6
FULL = 0.8  # a line this close to the wrap width was wrapped (a number or word moved down)


class _Line(Record):
    """A physical line of the original text, offsets included, as reflow judges it."""

    __slots__ = ("start", "end", "brk", "body")  # one per line of the text: no __dict__ each
    start: int  # offset of the first character
    end: int  # offset after the last character (before the line break)
    brk: int  # offset after the line break
    body: str

    def __init__(self, start: int, end: int, brk: int, body: str) -> None:
        self.start = start
        self.end = end
        self.brk = brk
        self.body = body

    @property
    def blank(self) -> bool:
        return not self.body.strip()


def _latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


class _CharWidths(dict):
    """Display columns per character, looked up once per distinct character (a line is
    measured by a C-level map over this dict instead of a Unicode database call per character)."""

    def __missing__(self, c: str) -> int:
        w = self[c] = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        return w


_WIDTHS = _CharWidths()


# Neither ASCII (one column each) nor a CJK Unified Ideograph (U+4E00–U+9FFF), CJK punctuation
# (U+3000–U+303E) or a full-width form (U+FF01–U+FF60, U+FFE0–U+FFE6), two columns each, every
# one of them (tests/test_fast_paths_text*.py check unicodedata agrees): the characters of a line
# whose widths are looked up one by one. Chinese punctuation (，。、：（）) is of the two-column
# blocks: a match each cost more than the rest of the line.
_OTHER_WIDTH = cached_re(r"[^\x00-\x7f\u4e00-\u9fff\u3000-\u303e\uff01-\uff60\uffe0-\uffe6]")


def _width(s: str) -> int:
    """sum(map(_WIDTHS.__getitem__, s)), its ASCII characters and ideographs counted in C."""
    if s.isascii():
        return len(s)
    others = _OTHER_WIDTH.findall(s)
    narrow = len(s.encode("ascii", "ignore"))  # the ASCII characters
    wide = len(s) - narrow - len(others)  # the ideographs
    return narrow + 2 * wide + sum(map(_WIDTHS.__getitem__, others))


def _lines(text: str) -> list[_Line]:
    if "\r" not in text and "\f" not in text:  # \n the only break: split, no regex pass
        pieces = newline_pieces(text)
        out = [_Line(a, b, b + 1, text[a:b]) for a, b in pieces[:-1]]
        a, b = pieces[-1]
        if a < b:
            out.append(_Line(a, b, b, text[a:b]))
        return out
    out = []
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n|\f", text):
        out.append(_Line(pos, m.start(), m.end(), text[pos : m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append(_Line(pos, len(text), len(text), text[pos:]))
    return out


def _wrap_width(measured: list[int], prose: list[bool], min_width: int) -> int | None:
    """The width most lines were broken at, if the text was broken at a fixed width at all."""
    # table rows have widths of their own: the page width is read from the prose
    widths = [w for w, keep in zip(measured, prose, strict=True) if keep]
    wide = sorted(w for w in widths if w >= min_width)
    if len(wide) < MIN_LINES:
        return None
    top = wide[int(len(wide) * 0.9)]
    near = sum(1 for w in wide if w >= top * FULL)
    # a hard-wrapped text has many lines at nearly the same width; one paragraph per line has
    # lengths spread over everything
    return top if near >= max(MIN_LINES // 2, len(widths) // 5) else None


def _full_lines(lines: list[_Line], shown: str) -> tuple[set[int], set[int]]:
    """Lines that reach the wrap width, in display columns (a CJK character is two) or, for
    tools that wrapped by characters, in characters: (near it, at it within a character).
    Widths are those of the text as written (``shown``: full-width digits are two columns)."""
    near: set[int] = set()
    exact: set[int] = set()
    bodies = [shown[ln.start : ln.end].rstrip() for ln in lines]  # widths as written
    prose = [not ln.blank and not _table_row(ln.body) for ln in lines]
    for measure, min_width in ((_width, MIN_WIDTH), (len, MIN_WIDTH // 2)):
        measured = [measure(b) for b in bodies]
        width = _wrap_width(measured, prose, min_width)
        if width is None:
            continue
        for i, w in enumerate(measured):
            if w >= width * FULL:
                near.add(i)
            if w >= width - 2:
                exact.add(i)
            elif (
                i + 1 < len(lines)
                and w + measure(_lead(shown[lines[i + 1].start : lines[i + 1].end])) >= width * 0.95
            ):
                near.add(i)  # the figure that starts the next line did not fit on this one
    return near, exact


def _lead(body: str) -> str:
    """The figure or Latin word a line starts with (a wrap moves it down whole)."""
    m = _LEAD.match(body)
    return m.group(0) if m else ""


def _furniture(lines: list[_Line]) -> tuple[set[int], set[int]]:
    """Lines that belong to the page, not the text: (sure, possible). Sure: "- 3 -", "第3页",
    "3/21", and short lines repeated on many pages (running headers). Possible: a bare number,
    which is a page number only where it splits a sentence (it may be a table cell elsewhere)."""
    counts = Counter(ln.body.strip() for ln in lines if 0 < len(ln.body.strip()) <= 40)
    sure, possible = set(), set()
    for i, ln in enumerate(lines):
        s = ln.body.strip()
        if not s:
            continue
        if _BARE_NUMBER.match(s):
            possible.add(i)
        elif _PAGE_NUMBER.match(s) or (counts[s] >= 3 and not re.search(r"[。，；：\d]", s)):
            sure.add(i)
    return sure, possible


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


# "同 比 增 加": a PDF that spaces its letters puts a space between every two characters; a run
# of three or more characters so spaced is one word. Single spaces only (a table's columns are
# wider), between ideographs only.
# The run is matched from its first space, the ideograph before it checked by a look-behind: a
# pattern that opens with a space lets the engine skip to the next space (most of a Chinese text is
# ideographs, each of which would otherwise start an attempt). The same runs as
# r"[\u3400-\u9fff](?: [\u3400-\u9fff]){2,}", one character later (tests/test_fast_paths.py).
_SPACED_RUN = cached_re(r" (?<=[\u3400-\u9fff] )[\u3400-\u9fff](?: [\u3400-\u9fff])+")


def letter_spacing(text: str) -> list[tuple[int, int]]:
    """The spaces of letter-spaced runs, as ranges to leave out."""
    return [
        (m.start() + k, m.start() + k + 1)
        for m in _SPACED_RUN.finditer(text)
        for k in range(0, m.end() - m.start(), 2)
    ]


def _own_line(text: str, ln: _Line, item: Marker | None, cut_at_width: bool) -> bool:
    """Whether the numbered item the next line starts (``item``) stands on a line of its own. It
    does unless the line before was cut at the very width (an inline list "（1）…；（2）…" wrapped
    just before a number); even then when that line announces it ("具体如下：") or starts the
    item before it ("（4）…；" / "（5）…": one item per line, an item happening to fill the width)."""
    if item is None:
        return False
    if not cut_at_width or ln.body.rstrip()[-1:] in ("：", ":"):
        return True
    lead = len(ln.body) - len(ln.body.lstrip(" \t\u3000"))
    cur = marker_at(text, ln.start + lead)
    return cur is not None and cur.style == item.style and item.ordinal == cur.ordinal + 1


# a line that starts with a figure's unit ("元，项目支出…") carries on the figure that ends the line
# before ("基本支出 1073103.63"), wherever the wrap width lies; the pattern opens with the break
_UNIT_AFTER_BREAK = lazy(r"\n[ \t\u3000]*(?=(?:万元|亿元|元|%|％)[,，。；;、])")


# a line that starts with a comma or a closing mark carries on the line before: no sentence or
# paragraph opens with one (a wrap that broke before "，预算执行率100%")
_MARK_AFTER_BREAK = lazy(r"\n[ \t\u3000]*(?=[，,、；;。）)])")


# a figure written in groups of three digits with spaces, in running text ("支出70 443万元"):
# after a Chinese character (tested on each match: a look-behind first would have the engine try
# every character of the text), and before its unit
_GROUPED = lazy(r"\d{1,3}(?: \d{3})+(?:\.\d+)?(?=万元|亿元|元)")


def _split_figures(text: str) -> list[tuple[int, int]]:
    """The breaks between a figure and its unit, before a line's leading comma or closing mark
    ([end of the line before, start of what carries it on)), and the spaces between a figure's
    groups of digits."""
    out = []
    for rx, joins in ((_UNIT_AFTER_BREAK, str.isdigit), (_MARK_AFTER_BREAK, _continues)):
        for m in rx.finditer(text):
            a = m.start()
            while a > 0 and text[a - 1] in " \t\r":
                a -= 1
            if a > 0 and joins(text[a - 1]):
                out.append((a, m.end()))
    out.extend(_group_spaces(text))
    return sorted(out)


# a space before three digits, which every grouped figure holds: found by the engine's scan for
# the space, where _GROUPED, opening with a digit, would be tried at every character
_GROUP_GAP = lazy(r" \d{3}")


def _run_of_digits(c: str) -> bool:
    return c == " " or c == "." or c.isdecimal()  # (the engine's \d is str.isdecimal)


def _group_spaces(text: str) -> list[tuple[int, int]]:
    """The spaces between the groups of digits of _GROUPED's figures after a Chinese character:
    _GROUPED run over each whole run of digits, spaces and points that holds a _GROUP_GAP (no
    match reaches past one), with the unit after it in reach."""
    out: list[tuple[int, int]] = []
    done = 0
    n = len(text)
    for g in _GROUP_GAP.finditer(text):
        if g.start() < done:
            continue
        lo, hi = g.start(), g.end()
        while lo and _run_of_digits(text[lo - 1]):
            lo -= 1
        while hi < n and _run_of_digits(text[hi]):
            hi += 1
        done = hi
        for m in _GROUPED.finditer(text, lo, hi + 2):
            # (tested here, not by a look-behind: no match that one would reject holds one it
            # would take, its digits and spaces being preceded by a digit or a space)
            if m.start() and 0x4E00 <= ord(text[m.start() - 1]) <= 0x9FFF:
                out.extend((k, k + 1) for k in range(m.start(), m.end()) if text[k] == " ")
    return out


def _continues(c: str) -> bool:
    """Whether a line ending in c may be carried on by the next (not a blank line, not a table
    row's bar)."""
    return c not in "\n|"


def reflow(text: str, shown: str | None = None) -> tuple[str, list[tuple[int, int]]]:
    """The text with wrapped lines joined, and the cuts: (offset in the result, characters left
    out just before it). ``text`` is the normalised text, ``shown`` the text as written (the
    same length; it gives the widths); the cuts apply to the original too."""
    lines = _lines(text)
    full, exact = _full_lines(lines, text if shown is None else shown)
    removed = letter_spacing(text)
    spaced: list[int] = []  # line breaks between two Latin words: kept, read as a space
    if not full:
        lines = []  # not hard-wrapped: nothing to join
    sure, possible = _furniture(lines) if lines else (set(), set())
    furniture = sure | possible
    removed += [(lines[k].start, lines[k].brk) for k in sorted(sure)]
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        body = ln.body.rstrip()
        # a colon ends a line that stops short ("具体如下："), not one that fills the width
        ends = _SENTENCE_END if i not in exact else _SENTENCE_END.rstrip("：:")
        if i not in full or not body or body[-1] in ends or _table_row(body):
            i += 1
            continue
        j = i + 1
        while j < n and (j in furniture or lines[j].blank):
            j += 1
        if j >= n or (j > i + 1 and not any(k in furniture for k in range(i + 1, j))):
            i += 1  # a blank line alone is a paragraph break, not a page break
            continue
        nxt = lines[j]
        lead = len(nxt.body) - len(nxt.body.lstrip(" \t\u3000"))
        head = nxt.body[lead:]
        if (
            _INDENT.match(nxt.body)
            or _table_row(nxt.body)
            or _own_line(text, ln, marker_at(text, nxt.start + lead), i in exact)
        ):
            i += 1
            continue
        a, b = ln.start + len(body), nxt.start + lead  # leave out [a, b): spaces, breaks, pages
        if _latin(body[-1]) and _latin(head[:1]):
            spaced.append(a)  # "total" / "income": keep one character, read as a space
            a += 1
        if b > a:
            removed.append((a, b))
        i = j
    removed += _split_figures(text)
    removed = _merged(removed)
    if not removed and not spaced:
        return text, []
    chars = list(text)
    for k in spaced:
        chars[k] = " "
    out: list[str] = []
    cuts: list[tuple[int, int]] = []
    pos = 0
    kept = 0
    for a, b in removed:
        out.append("".join(chars[pos:a]))
        kept += a - pos
        cuts.append((kept, b - a))
        pos = b
    out.append("".join(chars[pos:]))
    return "".join(out), cuts
