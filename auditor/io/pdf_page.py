"""What pdfium gives of each PDF page: its characters with boxes, and its ruling lines as edges.

pdfium (the library pypdfium2 ships, Apache-2.0/BSD; bound in ``pdfium_lib.py``) reads a page's text layer and drawing
in a few milliseconds, where pdfminer takes about a tenth of a second. Coordinates are turned
into pdfplumber's frame (points from the top-left corner of the page as displayed, y growing
downwards) and each character's box into pdfminer's (from the font's descent to one font size
above it, one advance wide), so that the layout rules in ``pdf.py`` and the table finder in
``pdf_grid.py`` see the figures they were written for.
"""

from __future__ import annotations

import ctypes
import math
import struct

from ..errors import InputError
from .pdf_grid import Edge, segment_edges
from .pdfium_lib import PAGEOBJ_FORM, PAGEOBJ_PATH, SEGMENT_MOVETO, Matrix, Pdfium, RectF, pdfium

_ERRORS = {
    1: "unknown error",
    2: "file not found or not readable",
    3: "not a PDF or damaged",
    4: "password-protected, password required: remove the password first",
    5: "unsupported security scheme",
    6: "page not found or damaged",
}


class RawPage:
    __slots__ = ("number", "width", "height", "chars", "edges")

    def __init__(self, number: int, width: float, height: float, chars: list[dict],
                 edges: list[Edge]) -> None:  # fmt: skip
        self.number = number  # 1-based
        self.width = width
        self.height = height
        self.chars = chars  # on the page; text, x0, x1, top, bottom, size as pdfplumber names them
        self.edges = edges


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
    lib = pdfium()
    buf = ctypes.create_string_buffer(data, len(data))
    doc = lib.FPDF_LoadMemDocument64(buf, len(data), None)
    if not doc:
        code = lib.FPDF_GetLastError()
        raise InputError(f"cannot read the PDF ({_ERRORS.get(code, f'pdfium error {code}')})")
    try:
        return [_read(lib, doc, i) for i in range(lib.FPDF_GetPageCount(doc))]
    finally:
        lib.FPDF_CloseDocument(doc)


def _read(lib: Pdfium, doc: int, index: int) -> RawPage:
    page = lib.FPDF_LoadPage(doc, index)
    if not page:
        raise InputError(f"cannot read the PDF (page {index + 1} is damaged)")
    try:
        frame = _Frame(_media_box(lib, page), lib.FPDFPage_GetRotation(page))
        texts: set[int] = set()
        chars = _chars(lib, page, frame, texts)
        edges = _edges(lib, page, frame, texts)
        return RawPage(index + 1, frame.width, frame.height, chars, edges)
    finally:
        lib.FPDF_ClosePage(page)


def _media_box(lib: Pdfium, page: int) -> tuple[float, float, float, float]:
    """pdfplumber measures from the media box (the crop box only limits what is shown); pdfium
    reads it from the page itself, and when the page inherits it, the crop box stands in."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = [ctypes.addressof(v) for v in (left, bottom, right, top)]
    if lib.FPDFPage_GetMediaBox(page, *refs):
        return left.value, bottom.value, right.value, top.value
    box = RectF()
    if lib.FPDF_GetPageBoundingBox(page, ctypes.addressof(box)):
        return box.left, box.bottom, box.right, box.top
    return 0.0, 0.0, lib.FPDF_GetPageWidthF(page), lib.FPDF_GetPageHeightF(page)


def _chars(lib: Pdfium, page: int, frame: _Frame, texts: set[int]) -> list[dict]:
    """The page's characters; texts receives the handles of the text objects they belong to.
    Two pdfium calls per character (its box, its text object) are the floor: the text comes in
    one call for the page, and the font size once per text object."""
    tp = lib.FPDFText_LoadPage(page)
    if not tp:
        return []
    try:
        n = lib.FPDFText_CountChars(tp)
        text = _page_text(lib, tp, n)
        raw = lib.raw  # no argument conversions: handles and pointers passed as ctypes objects
        t = ctypes.c_void_p(tp)
        rect, m = RectF(), Matrix()
        rp, mp = ctypes.byref(rect), ctypes.byref(m)
        box = _RECT.unpack_from  # one call for the four floats (left, top, right, bottom)
        unicode, generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
        loose, text_object = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetTextObject
        matrix, font_size = raw.FPDFText_GetMatrix, raw.FPDFText_GetFontSize
        sizes: dict[int | None, float] = {}
        out: list[dict] = []
        append = out.append
        upright = frame.rot == 0
        left0, top0 = frame.x0, frame.y1
        width, height = frame.width, frame.height
        skip = _SKIP
        hypot = math.hypot
        for i in range(n):
            ch = text[i] if text is not None else chr(unicode(t, i))
            if ch in skip or (ch == " " and generated(t, i)):
                continue  # pdfium's own line breaks and word spaces are not in the PDF
            if not loose(t, i, rp):
                continue
            obj = text_object(t, i)
            size = sizes.get(obj)
            if size is None:  # one font size and matrix per text object
                matrix(t, i, mp)
                size = sizes[obj] = font_size(t, i) * hypot(m.c, m.d)
            left, rtop, right, rbottom = box(rect)
            if upright:
                x0, x1, bottom = left - left0, right - left0, top0 - rbottom
                top = bottom - size if size > 0 else top0 - rtop
            else:
                x0, top, x1, bottom = frame.box(left, rbottom, right, rtop)
            if x1 <= 0 or x0 >= width or bottom <= 0 or top >= height:
                continue  # off the page (outside the media box as displayed)
            append(
                {
                    "text": ch,
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "size": size or (bottom - top),
                }
            )
        texts.update(k for k in sizes if k)
        return out
    finally:
        lib.FPDFText_ClosePage(tp)


_RECT = struct.Struct("4f")  # FS_RECTF as pdfium fills it
_SKIP = frozenset("\x00\n\r\ufffe\uffff")


def _page_text(lib: Pdfium, tp: int, n: int) -> str | None:
    """All of a page's characters in one call; None when they are not one UTF-16 unit each
    (characters outside the BMP), and each is then asked for on its own."""
    if n <= 0:
        return ""
    buf = (ctypes.c_ushort * (n + 1))()
    got = lib.FPDFText_GetText(tp, 0, n, ctypes.addressof(buf))
    text = bytes(buf)[: 2 * max(got - 1, 0)].decode("utf-16-le", "replace")
    return text if len(text) == n and not any("\ud800" <= c <= "\udfff" for c in text) else None


def _edges(lib: Pdfium, page: int, frame: _Frame, texts: set[int]) -> list[Edge]:
    """Every side of every drawn path (lines, rectangles, polygons), in forms too. The text
    objects the characters came from are known already, and are passed over unasked."""
    out: list[Edge] = []
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    raw = lib.raw  # no argument conversions: handles and pointers passed as ctypes objects
    get_object, object_type = raw.FPDFPage_GetObject, raw.FPDFPageObj_GetType
    pg = ctypes.c_void_p(page)
    objs = [
        (ctypes.c_void_p(o), identity)
        for o in [get_object(pg, i) for i in range(lib.FPDFPage_CountObjects(page))]
        if o not in texts
    ]
    m = Matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    mp, xp, yp = ctypes.byref(m), ctypes.byref(x), ctypes.byref(y)
    fp, sp = ctypes.byref(fill), ctypes.byref(stroke)
    get_matrix = raw.FPDFPageObj_GetMatrix
    segment, point = raw.FPDFPath_GetPathSegment, raw.FPDFPathSegment_GetPoint
    segment_type, segment_close = raw.FPDFPathSegment_GetType, raw.FPDFPathSegment_GetClose
    while objs:
        obj, outer = objs.pop()
        kind = object_type(obj)
        if kind == PAGEOBJ_FORM:
            get_matrix(obj, mp)
            inner = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            handle = obj.value
            objs.extend(
                (ctypes.c_void_p(lib.FPDFFormObj_GetObject(handle, k)), inner)
                for k in range(lib.FPDFFormObj_CountObjects(handle))
            )
            continue
        if kind != PAGEOBJ_PATH:
            continue
        if raw.FPDFPath_GetDrawMode(obj, fp, sp) and not fill.value and not stroke.value:
            continue  # neither filled nor stroked: nothing is drawn
        get_matrix(obj, mp)
        a, b, c, d, e, f = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        sub: list[tuple[float, float]] = []
        closed = False
        for k in range(raw.FPDFPath_CountSegments(obj)):
            seg = segment(obj, k)
            point(seg, xp, yp)
            px, py = x.value, y.value
            pt = frame.point(a * px + c * py + e, b * px + d * py + f)
            if segment_type(seg) == SEGMENT_MOVETO:
                if len(sub) > 1:
                    out.extend(segment_edges(sub, closed))
                sub, closed = [pt], False
            else:
                sub.append(pt)
                closed = closed or bool(segment_close(seg))
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
