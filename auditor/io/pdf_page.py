"""What pdfium gives of each PDF page: its characters with boxes, and its ruling lines as edges.

pdfium (through pypdfium2's raw bindings, Apache-2.0/BSD) reads a page's text layer and drawing
in a few milliseconds, where pdfminer takes about a tenth of a second. Coordinates are turned
into pdfplumber's frame (points from the top-left corner of the page as displayed, y growing
downwards) and each character's box into pdfminer's (from the font's descent to one font size
above it, one advance wide), so that the layout rules in ``pdf.py`` and the table finder in
``pdf_grid.py`` see the figures they were written for.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass

from ..errors import InputError
from .pdf_grid import Edge, segment_edges

_ERRORS = {
    1: "unknown error",
    2: "file not found or not readable",
    3: "not a PDF or damaged",
    4: "password required",
    5: "unsupported security scheme",
    6: "page not found or damaged",
}


@dataclass
class RawPage:
    number: int  # 1-based
    width: float
    height: float
    chars: list[dict]  # text, x0, x1, top, bottom, size: the keys of pdfplumber's chars
    edges: list[Edge]


_lib = None


def _pdfium():
    """The raw bindings, loaded (and the library initialised) on the first PDF only."""
    global _lib
    if _lib is None:
        try:
            import pypdfium2_raw as raw
        except ImportError:  # pragma: no cover - the pdf extra is part of the install
            raise InputError(
                "reading PDF needs pypdfium2: pip install 'audit-budget[pdf]'"
            ) from None
        raw.FPDF_InitLibrary()  # a no-op when pypdfium2's helpers initialised it already
        _lib = raw
    return _lib


class _Frame:
    """User space → the displayed page (rotation applied), y downwards from the top-left."""

    def __init__(self, box: tuple[float, float, float, float], rotation: int) -> None:
        self.x0, self.y0, self.x1, self.y1 = box
        self.rot = rotation % 4
        w, h = self.x1 - self.x0, self.y1 - self.y0
        self.width, self.height = (h, w) if self.rot % 2 else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rot == 0:
            return x - self.x0, self.y1 - y
        if self.rot == 1:  # 90° clockwise: the left edge is on top
            return y - self.y0, x - self.x0
        if self.rot == 2:
            return self.x1 - x, y - self.y0
        return self.y1 - y, self.x1 - x

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, ...]:
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def read_pages(data: bytes) -> list[RawPage]:
    """PDF bytes → each page's characters and edges; InputError when pdfium cannot open it."""
    raw = _pdfium()
    buf = ctypes.create_string_buffer(data, len(data))
    doc = raw.FPDF_LoadMemDocument64(buf, len(data), None)
    if not doc:
        code = raw.FPDF_GetLastError()
        raise InputError(f"cannot read the PDF ({_ERRORS.get(code, f'pdfium error {code}')})")
    try:
        return [_read(raw, doc, i) for i in range(raw.FPDF_GetPageCount(doc))]
    finally:
        raw.FPDF_CloseDocument(doc)


def _read(raw, doc, index: int) -> RawPage:
    page = raw.FPDF_LoadPage(doc, index)
    if not page:
        raise InputError(f"cannot read the PDF (page {index + 1} is damaged)")
    try:
        box = raw.FS_RECTF()
        if not raw.FPDF_GetPageBoundingBox(page, box):  # the crop box, as displayed
            w, h = raw.FPDF_GetPageWidthF(page), raw.FPDF_GetPageHeightF(page)
            box.left, box.bottom, box.right, box.top = 0.0, 0.0, w, h
        frame = _Frame(_media_box(raw, page, box), raw.FPDFPage_GetRotation(page))
        chars = _chars(raw, page, frame)
        edges = _edges(raw, page, frame)
        return RawPage(index + 1, frame.width, frame.height, chars, edges)
    finally:
        raw.FPDF_ClosePage(page)


def _media_box(raw, page, crop) -> tuple[float, float, float, float]:
    """pdfplumber measures from the media box (the crop box only limits what is shown)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if raw.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return left.value, bottom.value, right.value, top.value
    return crop.left, crop.bottom, crop.right, crop.top


def _chars(raw, page, frame: _Frame) -> list[dict]:
    tp = raw.FPDFText_LoadPage(page)
    if not tp:
        return []
    try:
        n = raw.FPDFText_CountChars(tp)
        rect = raw.FS_RECTF()
        m = raw.FS_MATRIX()
        get_unicode, is_generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
        loose, matrix, font_size = (
            raw.FPDFText_GetLooseCharBox,
            raw.FPDFText_GetMatrix,
            raw.FPDFText_GetFontSize,
        )
        out: list[dict] = []
        upright = frame.rot == 0
        for i in range(n):
            u = get_unicode(tp, i)
            if u in (0, 10, 13, 0xFFFE, 0xFFFF) or (u == 32 and is_generated(tp, i)):
                continue  # pdfium's own line breaks and word spaces are not in the PDF
            if not loose(tp, i, rect):
                continue
            matrix(tp, i, m)
            size = font_size(tp, i) * math.hypot(m.c, m.d)
            x0, top, x1, bottom = frame.box(rect.left, rect.bottom, rect.right, rect.top)
            if upright and size > 0:
                top = bottom - size  # pdfminer's box: one font size above the descent
            out.append(
                {
                    "text": chr(u),
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "size": size or (bottom - top),
                }
            )
        return out
    finally:
        raw.FPDFText_ClosePage(tp)


def _edges(raw, page, frame: _Frame) -> list[Edge]:
    out: list[Edge] = []
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    objs = [
        (raw.FPDFPage_GetObject(page, i), identity) for i in range(raw.FPDFPage_CountObjects(page))
    ]
    m = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    while objs:
        obj, outer = objs.pop()
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            raw.FPDFPageObj_GetMatrix(obj, m)
            inner = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            objs.extend(
                (raw.FPDFFormObj_GetObject(obj, k), inner)
                for k in range(raw.FPDFFormObj_CountObjects(obj))
            )
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        if raw.FPDFPath_GetDrawMode(obj, fill, stroke) and not fill.value and not stroke.value:
            continue  # neither filled nor stroked: nothing is drawn
        raw.FPDFPageObj_GetMatrix(obj, m)
        a, b, c, d, e, f = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        sub: list[tuple[float, float]] = []
        closed = False
        for k in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = x.value, y.value
            pt = frame.point(a * px + c * py + e, b * px + d * py + f)
            if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO:
                if len(sub) > 1:
                    out.extend(segment_edges(sub, closed))
                sub, closed = [pt], False
            else:
                sub.append(pt)
                closed = closed or bool(raw.FPDFPathSegment_GetClose(seg))
        if len(sub) > 1:
            out.extend(segment_edges(sub, closed))
    return out


def _compose(inner: tuple, outer: tuple) -> tuple:
    """The matrix that applies inner, then outer (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )
