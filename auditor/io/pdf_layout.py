"""Where a PDF's text is printed: an offset in ``Document.original`` → its page and box in points.

The review page draws the figures a finding involves over the rendered page, so it needs, for a
span of the text, the boxes its characters occupy. The reader (``pdf.py``) knows each
character's box while it assembles the text and forgets it afterwards; when the caller asks for
a layout (``--html`` with page images), the characters of every emitted line and table cell are
kept here instead, compactly: one run per line or cell (its start offset, its page, and four
floats per character of its text), built after the text is assembled and only then, so a plain
audit pays nothing.

Boxes are in PDF points in the reader's frame: from the top-left corner of the media box as
displayed (rotation applied), y downwards, as pdfplumber measures.
"""

from __future__ import annotations

import bisect
import math
from array import array

NAN = math.nan


class TextLayout:
    """Runs of text with their page and each character's box; plus where to re-read the PDF."""

    __slots__ = ("starts", "runs", "page_count", "path", "data")

    def __init__(self, page_count: int) -> None:
        self.starts: list[int] = []  # offset in Document.original where each run starts, ascending
        self.runs: list[tuple[int, array]] = []  # (0-based page, x0 top x1 bottom per character)
        self.page_count = page_count
        self.path: str | None = None  # the file to render the pages from (None: data, or nothing)
        self.data: bytes | None = None  # the PDF itself, when it came from stdin

    def add(self, start: int, page: int, boxes: array) -> None:
        self.starts.append(start)
        self.runs.append((page, boxes))

    def sort(self) -> None:
        order = sorted(range(len(self.starts)), key=self.starts.__getitem__)
        self.starts = [self.starts[i] for i in order]
        self.runs = [self.runs[i] for i in order]

    def boxes(self, start: int, end: int) -> list[tuple[int, float, float, float, float]]:
        """The boxes (page, x0, top, x1, bottom) that the characters of original[start:end]
        occupy: one per visual line they fall on (a figure wrapped at the line's end, or inside a
        narrow cell, gets two). Characters the reader added (spaces, line ends) have none; an
        offset outside every run (a page without text layer) gives nothing: silence, not a
        guess."""
        out: list[tuple[int, float, float, float, float]] = []
        k = bisect.bisect_right(self.starts, start) - 1
        if k < 0:
            k = 0
        while k < len(self.starts) and self.starts[k] < end:
            at = self.starts[k]
            page, b = self.runs[k]
            lo, hi = max(start, at) - at, min(end - at, len(b) // 4)
            cur: list[float] | None = None
            last = 0.0  # x0 of the previous character
            for i in range(lo, hi):
                x0, top, x1, bottom = b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]
                if top != top:  # NaN: a space the reader inserted
                    continue
                if cur is not None and (x0 < last or top >= cur[3] or bottom <= cur[1]):
                    out.append((page, *cur))  # the text went on on another line: a new box
                    cur = None
                last = x0
                if cur is None:
                    cur = [x0, top, x1, bottom]
                else:
                    cur[0], cur[1] = min(cur[0], x0), min(cur[1], top)
                    cur[2], cur[3] = max(cur[2], x1), max(cur[3], bottom)
            if cur is not None:
                out.append((page, *cur))
            k += 1
        return out

    def __getstate__(self) -> dict:  # __slots__ without __dict__: pickled for --jobs
        return {k: getattr(self, k) for k in self.__slots__}

    def __setstate__(self, state: dict) -> None:
        for k, v in state.items():
            setattr(self, k, v)


def align(text: str, chars: list[dict]) -> array | None:
    """Per character of ``text``, the box of the PDF character it came from; NaN for a space the
    reader inserted. The reader writes every character that is not whitespace, in order, and
    adds only spaces; anything else (a reader change this does not know) gives None."""
    out = array("f")
    ink = [c for c in chars if not c["text"].isspace()]
    k, n = 0, len(ink)
    for ch in text:
        if ch == " ":
            out.extend((NAN, NAN, NAN, NAN))
            continue
        if k >= n or ink[k]["text"] != ch:
            return None
        c = ink[k]
        k += 1
        out.extend((c["x0"], c["top"], c["x1"], c["bottom"]))
    return out if k == n else None
