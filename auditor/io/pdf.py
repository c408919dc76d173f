"""Read a PDF's text layer: each page's text in reading order, and its ruled tables as grids.

The characters and ruling lines come from pdfium (``pdf_page.py``), the table grids from those
lines (``pdf_grid.py``, pdfplumber's table finder). The text is assembled here from the
characters rather than taken from a text extraction, because the audit needs three things that
plain text does not give:

- every table cell as one contiguous run of text, so a finding on a figure points at it;
- a table row on one line, even when a label wraps inside its cell or the digits' font sits on
  another baseline than the Chinese text (common in published budgets);
- paragraphs that the page width wrapped joined again, so that a sentence such as
  "比2024年预算增加 / 3,355.65万元" is one sentence for the extraction.

``Document.original`` is this assembled text (line/column refer to it) and ``Document.pages``
holds the offset where each page starts, so every location also names its page. A table that
continues on the next page (same columns, nothing between) becomes one ``Table``; header rows
that the continuation repeats are kept in the text but not in the table's grid.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from operator import itemgetter

from ..errors import InputError
from ..gcpause import paused_gc
from ..lazy_re import cached_re
from ..model import Cell, Document, Span, Table
from .normalize import normalize
from .pdf_grid import find_tables
from .pdf_page import RawPage, read_pages
from .tables import UNIT_RE, caption, is_cjk, join_parts

# A line that starts a new paragraph or list item, never the continuation of the line above.
_MARKER_PATTERN = (
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．)）](?!\d)"
    r"|[①-⑳]|第[一二三四五六七八九十百\d]+[章节部分条款项]|[-•·●▪■◆]\s*)"
)
_marker: re.Pattern | None = None


def _starts_item(text: str) -> bool:
    global _marker
    if _marker is None:  # compiled on the first PDF, not when the module is imported
        _marker = cached_re(_MARKER_PATTERN)
    return _marker.match(text) is not None


# Plain classes with __slots__ rather than dataclasses: defining a dataclass costs about a
# millisecond at import, which every PDF run paid four times over.


class _Line:
    """Free text (outside tables) on one visual line."""

    __slots__ = ("chars", "top", "bottom", "x0", "x1", "size", "text", "gap")

    def __init__(self, chars: list[dict], top: float, bottom: float, x0: float, x1: float,
                 size: float, text: str = "", gap: float = 0.0) -> None:  # fmt: skip
        self.chars = chars
        self.top = top
        self.bottom = bottom
        self.x0 = x0
        self.x1 = x1
        self.size = size
        self.text = text
        self.gap = gap  # widest gap between neighbouring characters (columns of a rule-less table)


class _PCell:
    __slots__ = ("r", "c", "rs", "cs", "chars", "text", "span")

    def __init__(self, r: int, c: int, rs: int = 1, cs: int = 1) -> None:
        self.r = r
        self.c = c
        self.rs = rs
        self.cs = cs
        self.chars: list[dict] = []
        self.text = ""
        self.span: Span | None = None


class _Frag:
    """The part of a ruled table that lies on one page."""

    __slots__ = ("page", "top", "bottom", "xs", "ys", "grid", "before")

    def __init__(self, page: int, top: float, bottom: float, xs: list[float], ys: list[float],
                 grid: list[list[_PCell]]) -> None:  # fmt: skip
        self.page = page
        self.top = top
        self.bottom = bottom
        self.xs = xs
        self.ys = ys
        self.grid = grid
        self.before: list[str] = []  # free lines just above it (caption)

    @property
    def ncols(self) -> int:
        return len(self.xs) - 1

    def row_texts(self, r: int) -> list[str]:
        return ["".join(c.text.split()) for c in self.grid[r]]


class _Page:
    __slots__ = ("number", "width", "items")

    def __init__(self, number: int, width: float, items: list[_Line | _Frag]) -> None:
        self.number = number  # 1-based
        self.width = width
        self.items = items


def load_pdf(data: bytes, path: str, sha: str, layout: bool = False) -> Document:
    """PDF bytes → Document with page offsets and tables; InputError when there is no text.
    With ``layout``, the Document also carries where each character is printed
    (``pdf_layout.TextLayout``, for the review page's page images)."""
    with paused_gc():  # a dict per character, no cycles: the collector's passes are waste
        try:
            raw = read_pages(data)
        except InputError:
            raise
        except Exception as e:  # pragma: no cover - pdfium reports through error codes
            reason = str(e).strip() or type(e).__name__
            raise InputError(f"cannot read the PDF ({reason[:120]})") from None
        pages = [_read_page(p) for p in raw]
        if not any(p.items for p in pages):
            raise InputError(
                "the PDF has no text layer (scanned pages?): run OCR first (e.g. ocrmypdf) "
                "or audit the .docx/.txt version"
            )
        if not layout:
            return _assemble(pages, path, sha)
        placed: list[tuple[int, int, _Line]] = []
        doc = _assemble(pages, path, sha, placed)
        doc.layout = _layout(pages, placed, doc.original)
        return doc


def _layout(pages: list[_Page], placed: list[tuple[int, int, _Line]], original: str):
    """The characters of every line and table cell, as the runs of a TextLayout."""
    from .pdf_layout import TextLayout, align

    out = TextLayout(len(pages))
    for start, number, ln in placed:
        boxes = align(original[start : start + len(ln.text)], ln.chars)
        if boxes is not None:
            out.add(start, number - 1, boxes)
    for p in pages:
        for it in p.items:
            if isinstance(it, _Frag):
                for cell in _unique(it.grid):
                    if cell.span is None:
                        continue
                    chars = [c for ln in _cluster(cell.chars) for c in ln]
                    boxes = align(original[cell.span.start : cell.span.end], chars)
                    if boxes is not None:
                        out.add(cell.span.start, p.number - 1, boxes)
    out.sort()
    return out


# --- reading one page -------------------------------------------------------------------------


def _read_page(pg: RawPage) -> _Page:
    number, w = pg.number, pg.width
    chars = _dedupe(pg.chars)  # pdf_page keeps only characters with text on the page
    frags = [f for f in (_fragment(t, number) for t in find_tables(pg.edges)) if f is not None]
    free: list[dict] = []
    if not frags:
        free = chars
    else:
        where = [(f.xs[0], f.xs[-1], f.ys[0], f.ys[-1], f.xs, f.ys, f.grid) for f in frags]
        after = bisect.bisect_right
        for ch in chars:
            if ch["text"].isspace():
                free.append(ch)
                continue
            cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
            for left, right, top, bottom, xs, ys, grid in where:
                if left <= cx < right and top <= cy < bottom:
                    grid[after(ys, cy) - 1][after(xs, cx) - 1].chars.append(ch)
                    break
            else:
                free.append(ch)
    for f in frags:
        for cell in _unique(f.grid):
            lines = [_line_text(ln, cell=True) for ln in _cluster(cell.chars)]
            cell.text = join_parts(lines)
    lines = []
    for group in _cluster(free):
        ln = _make_line(group)
        if ln.text:
            lines.append(ln)
    items: list[_Line | _Frag] = sorted([*lines, *frags], key=lambda it: it.top)
    pending: list[str] = []
    for it in items:
        if isinstance(it, _Frag):
            it.before = pending[-3:]
            pending = []
        else:
            pending.append(it.text)
    return _Page(number, w, items)


def _dedupe(chars: list[dict], tol: float = 1.0) -> list[dict]:
    """Drop characters drawn twice at (almost) the same place, as fake bold does: a character
    goes when an earlier one kept has its text within tol on both axes.

    Twins are rare, so a filter finds the characters that might have one first, in a few
    passes that run in C: two characters within tol share a cell in at least one of four grids
    of cells 3 tol wide (each axis cut at multiples of 3 tol, or offset by half of that: the
    two sets of cuts are 1.5 tol apart, so at most one of them falls between the two, with room
    to spare for rounding). Only characters that share a cell with one of the same text are
    then compared one by one; the others have no twin."""
    if len(chars) < 2:
        return list(chars)
    texts = [c["text"] for c in chars]
    xs = [c["x0"] for c in chars]
    ys = [c["top"] for c in chars]
    w, half = 3 * tol, 1.5 * tol
    grid_x = ([x // w for x in xs], [(x + half) // w for x in xs])
    grid_y = ([y // w for y in ys], [(y + half) // w for y in ys])
    crowded: set[int] = set()
    for gx in grid_x:
        for gy in grid_y:
            keys = list(zip(texts, gx, gy, strict=True))
            if len(set(keys)) == len(keys):
                continue
            counts = Counter(keys)
            crowded.update(i for i, k in enumerate(keys) if counts[k] > 1)
    if not crowded:
        return list(chars)
    twins = _twins(chars, sorted(crowded), tol)
    return [c for i, c in enumerate(chars) if i not in twins]


def _twins(chars: list[dict], among: list[int], tol: float) -> set[int]:
    """The indexes (of those among, ascending) of the characters that an earlier one kept has
    within tol (same text). A hash on the position keeps this linear (pdfplumber's dedupe_chars
    is far slower): buckets are two tolerances wide, so a neighbour within the tolerance is in
    the character's own bucket or in the next one on the side of the nearer bucket edge, four
    buckets in all."""
    seen: dict[tuple[str, float, float], list[tuple[float, float]]] = {}
    get = seen.get
    width = 2 * tol
    dropped: set[int] = set()
    for i in among:
        c = chars[i]
        t, x0, top = c["text"], c["x0"], c["top"]
        bx, by = x0 / width, top / width
        kx, ky = bx // 1.0, by // 1.0
        ox = kx - 1.0 if bx - kx < 0.5 else kx + 1.0
        oy = ky - 1.0 if by - ky < 0.5 else ky + 1.0
        own = get((t, kx, ky))
        twin = False
        for near in (own, get((t, ox, ky)), get((t, kx, oy)), get((t, ox, oy))):
            if near is not None:
                for x, y in near:
                    if abs(x - x0) <= tol and abs(y - top) <= tol:
                        twin = True
                        break
                if twin:
                    break
        if twin:
            dropped.add(i)
        elif own is None:
            seen[(t, kx, ky)] = [(x0, top)]
        else:
            own.append((x0, top))
    return dropped


def _fragment(boxes: list[tuple[float, float, float, float]], page: int) -> _Frag | None:
    """A table's cell boxes → a grid whose merged cells know their row and column spans."""
    if not boxes:
        return None
    xv = [v for b in boxes for v in (b[0], b[2])]
    yv = [v for b in boxes for v in (b[1], b[3])]
    xs, ys = _snap(xv), _snap(yv)
    if len(xs) < 3 or len(ys) < 2:  # one column: a text box or a list, not a table
        return None
    # The boxes share their corners: each distinct coordinate is placed on the grid once.
    col = {v: _index(xs, v) for v in set(xv)}
    row = {v: _index(ys, v) for v in set(yv)}
    grid: list[list[_PCell | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for x0, top, x1, bottom in sorted(boxes, key=lambda b: (b[1], b[0])):
        c0, c1 = col[x0], col[x1]
        r0, r1 = row[top], row[bottom]
        if c1 <= c0 or r1 <= r0 or grid[r0][c0] is not None:
            continue
        cell = _PCell(r0, c0, r1 - r0, c1 - c0)
        for r in range(r0, r1):
            for c in range(c0, c1):
                if grid[r][c] is None:
                    grid[r][c] = cell
    full = [
        [cell if cell is not None else _PCell(r, c) for c, cell in enumerate(row)]
        for r, row in enumerate(grid)
    ]
    return _Frag(page, ys[0], ys[-1], xs, ys, full)


def _snap(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    """The index of the edge nearest to v (edges ascending; a tie goes to the lower one)."""
    i = bisect.bisect_left(edges, v)
    if i == 0:
        return 0
    if i == len(edges):
        return i - 1
    return i - 1 if abs(edges[i - 1] - v) <= abs(edges[i] - v) else i


def _unique(grid: list[list[_PCell]]) -> list[_PCell]:
    seen: set[int] = set()
    out = []
    for row in grid:
        for c in row:
            if id(c) not in seen:
                seen.add(id(c))
                out.append(c)
    return out


def _cluster(chars: list[dict]) -> list[list[dict]]:
    """Characters → visual lines. Characters share a line when their heights overlap by half,
    so digits set in another font (with another ascent) stay on the line of their text. A
    character is tried against the last line first (nearly always its own), then the two
    before it."""
    if len(chars) < 2:  # most table cells: one figure or nothing
        return [list(chars)] if chars else []
    lines: list[tuple[float, float, float, list[dict]]] = []  # top, bottom, height, members
    last: list[dict] | None = None
    lt = lb = lh = 0.0
    for ch in sorted(chars, key=_BY_TOP):
        top, bottom = ch["top"], ch["bottom"]
        hgt = bottom - top
        if hgt < 0.1:
            hgt = 0.1
        if last is not None:
            overlap = (lb if lb < bottom else bottom) - (lt if lt > top else top)
            if overlap >= 0.5 * (hgt if hgt < lh else lh):
                last.append(ch)
                continue
            n = len(lines)
            for i in range(n - 2, n - 4 if n > 3 else -1, -1):
                pt, pb, ph, members = lines[i]
                overlap = (pb if pb < bottom else bottom) - (pt if pt > top else top)
                if overlap >= 0.5 * (hgt if hgt < ph else ph):
                    members.append(ch)
                    break
            else:
                last = None
            if last is not None:
                continue
        lh = bottom - top
        lt, lb, lh, last = top, bottom, (lh if lh > 0.1 else 0.1), [ch]
        lines.append((lt, lb, lh, last))
    return [sorted(m, key=_BY_X) for _, _, _, m in lines]


_BY_TOP = itemgetter("top", "x0")
_BY_X = itemgetter("x0")


def _line_text(chars: list[dict], cell: bool = False) -> str:
    """Characters of one line → text, with a space where the gap is wider than a third of a
    character (inside a table cell, never between two Chinese characters: that gap is
    justification, as in "合    计")."""
    out: list[str] = []
    started = False  # a character was written: the right edge and size below are its
    px1 = psize = 0.0
    gap_space = False
    for ch in chars:
        t = ch["text"]
        if t.isspace():
            gap_space = True
            continue
        size = ch["size"]
        if started and out:
            wide = ch["x0"] - px1 > 0.3 * (psize if psize < size else size)
            if (wide or gap_space) and not (cell and is_cjk(out[-1]) and is_cjk(t[0])):
                out.append(" ")
        out.extend(t)
        started, px1, psize = True, ch["x1"], size
        gap_space = False
    return "".join(out)


def _make_line(chars: list[dict]) -> _Line:
    ink = [c for c in chars if not c["text"].isspace()]
    text = _line_text(chars)
    if not ink:
        return _Line(chars, 0, 0, 0, 0, 0, "")
    sizes = sorted(c["size"] for c in ink)
    gaps = [b["x0"] - a["x1"] for a, b in zip(ink, ink[1:], strict=False)]
    return _Line(
        chars=ink,
        top=min(c["top"] for c in ink),
        bottom=max(c["bottom"] for c in ink),
        x0=ink[0]["x0"],
        x1=ink[-1]["x1"],
        size=sizes[len(sizes) // 2],
        text=text,
        gap=max(gaps, default=0.0),
    )


# --- the whole document ---------------------------------------------------------------------


def _margins(pages: list[_Page]) -> dict[int, tuple[float, float]]:
    """Per page width (portrait and landscape pages differ): the left and right text edges."""
    edges: dict[int, tuple[float, float]] = {}
    for p in pages:
        k = round(p.width)
        for it in p.items:
            if isinstance(it, _Line) and len(it.text) >= 6:
                lo, hi = edges.get(k, (it.x0, it.x1))
                edges[k] = (min(lo, it.x0), max(hi, it.x1))
    return edges


def _continues(prev: _Line, nxt: _Line, edges: tuple[float, float] | None, same_page: bool) -> bool:
    """Whether nxt carries on the paragraph of prev (prev was wrapped by the page width)."""
    if edges is None or abs(prev.size - nxt.size) > 1:
        return False
    left, right = edges
    if max(prev.gap, nxt.gap) > 2 * prev.size:  # spaced like the columns of a table
        return False
    if nxt.x0 > left + 0.6 * nxt.size:  # indented: a new paragraph
        return False
    full = prev.x1 >= right - 1.6 * prev.size
    # Mixed fonts make wrapped lines end short of the margin; a line a few characters short
    # that does not end a sentence is still wrapped.
    nearly = prev.x1 >= right - 4 * prev.size and prev.text[-1:] not in "。！？：；!?:;"
    if not (full or nearly):
        return False
    if same_page and nxt.top - prev.bottom > prev.size:
        return False
    return not _starts_item(nxt.text)


def _compatible(a: _Frag, b: _Frag) -> bool:
    """b (first on its page) continues a (last on the previous page): same outer edges, and
    the column edges of one are among those of the other (a row of merged cells, such as a
    lone 合计 row, shows fewer edges)."""
    if b.page != a.page + 1:
        return False
    if abs(a.xs[0] - b.xs[0]) > 3 or abs(a.xs[-1] - b.xs[-1]) > 3:
        return False

    def within(xs: list[float], ys: list[float]) -> bool:
        return all(any(abs(x - y) <= 3 for y in ys) for x in xs)

    return within(a.xs, b.xs) or within(b.xs, a.xs)


def _regrid(f: _Frag, xs: list[float]) -> list[list[_PCell]]:
    """The fragment's grid on the joined table's column edges."""
    grid: list[list[_PCell | None]] = [[None] * (len(xs) - 1) for _ in f.grid]
    for pc in _unique(f.grid):
        c0, c1 = _index(xs, f.xs[pc.c]), _index(xs, f.xs[pc.c + pc.cs])
        pc.c, pc.cs = c0, max(1, c1 - c0)
        for r in range(pc.r, pc.r + pc.rs):
            for c in range(c0, c0 + pc.cs):
                if grid[r][c] is None:
                    grid[r][c] = pc
    return [
        [pc if pc is not None else _PCell(r, c) for c, pc in enumerate(row)]
        for r, row in enumerate(grid)
    ]


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def newline(self) -> None:
        if self.pos and self.parts[-1][-1:] != "\n":
            self.add("\n")

    def add(self, s: str) -> Span:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return Span(start, self.pos)


def _assemble(pages: list[_Page], path: str, sha: str,
              placed: list[tuple[int, int, _Line]] | None = None) -> Document:  # fmt: skip
    """The pages' lines and tables as one text; ``placed`` receives (offset, page, line) of
    every free line, for the layout."""
    edges = _margins(pages)
    b = _Builder()
    page_starts: list[int] = []
    groups: list[list[_Frag]] = []
    prev: _Line | _Frag | None = None
    prev_page = 0
    for p in pages:
        page_starts.append(b.pos)
        for k, it in enumerate(p.items):
            first = k == 0
            if isinstance(it, _Line):
                joined = (
                    isinstance(prev, _Line)
                    and (prev_page == p.number or (first and prev_page == p.number - 1))
                    and _continues(prev, it, edges.get(round(p.width)), prev_page == p.number)
                )
                if not joined:
                    b.newline()
                if first:
                    page_starts[-1] = b.pos
                if placed is not None:
                    placed.append((b.pos, p.number, it))
                b.add(it.text)
            else:
                if first and isinstance(prev, _Frag) and _compatible(prev, it) and not it.before:
                    groups[-1].append(it)
                else:
                    groups.append([it])
                b.newline()
                if first:
                    page_starts[-1] = b.pos
                _emit_rows(b, it)
            prev, prev_page = it, p.number
    original = "".join(b.parts)
    text = normalize(original)
    tables = [t for t in (_table(g, text) for g in groups) if t is not None]
    return Document(
        path=path,
        original=original,
        text=text,
        encoding="pdf",
        pages=page_starts,
        sha256=sha,
        tables=tables,
    )


def _emit_rows(b: _Builder, f: _Frag) -> None:
    """Each grid row on one line: the cells that start in it, in column order."""
    for r, row in enumerate(f.grid):
        cells = [c for i, c in enumerate(row) if c.r == r and c.c == i and c.text]
        if not cells:
            continue
        b.newline()
        for i, c in enumerate(cells):
            if i:
                b.add(" ")
            c.span = b.add(c.text)


def _distinct(row: list[Cell]) -> list[Cell]:
    out: list[Cell] = []
    for c in row:
        if not out or c is not out[-1]:
            out.append(c)
    return out


def _table(frags: list[_Frag], text: str) -> Table | None:
    """Fragments of one table → a Table grid; repeated header rows of continuations dropped."""
    first = frags[0]
    if len(frags) > 1:
        xs = _snap([x for f in frags for x in f.xs], tol=3)
        for f in frags:
            if len(f.xs) != len(xs):
                f.grid = _regrid(f, xs)
                f.xs = xs
    rows: list[list[_PCell]] = list(first.grid)
    for f in frags[1:]:
        k = 0
        while k < len(f.grid) and k < len(first.grid) and f.row_texts(k) == first.row_texts(k):
            if not any(f.row_texts(k)):
                break
            k += 1
        rows.extend(f.grid[k:])
    made: dict[int, Cell] = {}
    grid: list[list[Cell]] = []
    for r, row in enumerate(rows):
        out = []
        for c, pc in enumerate(row):
            cell = made.get(id(pc))
            if cell is None:  # first seen: its top-left position in the joined grid
                span = pc.span
                cell = Cell(
                    text=text[span.start : span.end] if span else "",
                    span=span,
                    row=r,
                    col=c,
                    rowspan=pc.rs,
                    colspan=pc.cs,
                )
                made[id(pc)] = cell
            out.append(cell)
        grid.append(out)
    spans = [c.span for row in grid for c in row if c.span]
    head = " ".join(c.text for row in grid[:4] for c in row)
    title, unit = caption(first.before)
    if not title:  # a title ruled into the grid, as its first rows
        inner = [c.text for row in grid[:4] for c in _distinct(row) if c.text]
        title = caption([t for t in inner if "表" in t])[0]
    m = UNIT_RE.search(head)
    if unit is None and m:
        unit = m.group(1)
    return Table(
        rows=grid,
        page=first.page,
        title=title,
        unit=unit,
        span=Span(min(s.start for s in spans), max(s.end for s in spans)) if spans else None,
    )
