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


class _Fast:
    """The few pdfium calls made per character or per drawing object, with plain pointer and
    integer arguments: ctypes then converts less, and handles come back as ints to cache on."""

    def __init__(self, raw) -> None:
        ptr, num = ctypes.c_void_p, ctypes.c_int

        def bind(name: str, restype, *argtypes):
            address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        self.unicode = bind("FPDFText_GetUnicode", ctypes.c_uint, ptr, num)
        self.generated = bind("FPDFText_IsGenerated", num, ptr, num)
        self.loose = bind("FPDFText_GetLooseCharBox", num, ptr, num, ptr)
        self.text_object = bind("FPDFText_GetTextObject", ptr, ptr, num)
        self.matrix = bind("FPDFText_GetMatrix", num, ptr, num, ptr)
        self.font_size = bind("FPDFText_GetFontSize", ctypes.c_double, ptr, num)
        self.count_objects = bind("FPDFPage_CountObjects", num, ptr)
        self.get_object = bind("FPDFPage_GetObject", ptr, ptr, num)
        self.object_type = bind("FPDFPageObj_GetType", num, ptr)
        self.object_matrix = bind("FPDFPageObj_GetMatrix", num, ptr, ptr)
        self.form_count = bind("FPDFFormObj_CountObjects", num, ptr)
        self.form_object = bind("FPDFFormObj_GetObject", ptr, ptr, ctypes.c_ulong)
        self.draw_mode = bind("FPDFPath_GetDrawMode", num, ptr, ptr, ptr)
        self.count_segments = bind("FPDFPath_CountSegments", num, ptr)
        self.segment = bind("FPDFPath_GetPathSegment", ptr, ptr, num)
        self.point = bind("FPDFPathSegment_GetPoint", num, ptr, ptr, ptr)
        self.segment_type = bind("FPDFPathSegment_GetType", num, ptr)
        self.segment_close = bind("FPDFPathSegment_GetClose", num, ptr)
        self.path = raw.FPDF_PAGEOBJ_PATH
        self.form = raw.FPDF_PAGEOBJ_FORM
        self.moveto = raw.FPDF_SEGMENT_MOVETO


def _api(raw) -> _Fast:
    global _fast
    if _fast is None:
        _fast = _Fast(raw)
    return _fast


_fast: _Fast | None = None


def _chars(raw, page, frame: _Frame) -> list[dict]:
    f = _api(raw)
    tp_handle = raw.FPDFText_LoadPage(page)
    if not tp_handle:
        return []
    try:
        tp = ctypes.cast(tp_handle, ctypes.c_void_p).value
        n = raw.FPDFText_CountChars(tp_handle)
        rect, m = raw.FS_RECTF(), raw.FS_MATRIX()
        rp, mp = ctypes.addressof(rect), ctypes.addressof(m)
        text = _page_text(raw, tp_handle, n)
        unicode, generated, loose, text_object = f.unicode, f.generated, f.loose, f.text_object
        sizes: dict[int | None, float] = {}
        out: list[dict] = []
        upright = frame.rot == 0
        left0, top0 = frame.x0, frame.y1
        for i in range(n):
            ch = text[i] if text is not None else chr(unicode(tp, i))
            if ch in _SKIP or (ch == " " and generated(tp, i)):
                continue  # pdfium's own line breaks and word spaces are not in the PDF
            if not loose(tp, i, rp):
                continue
            obj = text_object(tp, i)
            size = sizes.get(obj)
            if size is None:  # one font size and matrix per text object
                f.matrix(tp, i, mp)
                size = sizes[obj] = f.font_size(tp, i) * math.hypot(m.c, m.d)
            if upright:
                x0, x1, bottom = rect.left - left0, rect.right - left0, top0 - rect.bottom
                top = bottom - size if size > 0 else top0 - rect.top
            else:
                x0, top, x1, bottom = frame.box(rect.left, rect.bottom, rect.right, rect.top)
            out.append(
                {
                    "text": ch,
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "size": size or (bottom - top),
                }
            )
        return out
    finally:
        raw.FPDFText_ClosePage(tp_handle)


_SKIP = frozenset("\x00\n\r\ufffe\uffff")


def _page_text(raw, tp, n: int) -> str | None:
    """All of a page's characters in one call; None when they are not one UTF-16 unit each
    (characters outside the BMP), and each is then asked for on its own."""
    if n <= 0:
        return ""
    buf = (ctypes.c_ushort * (n + 1))()
    got = raw.FPDFText_GetText(tp, 0, n, buf)
    text = bytes(buf)[: 2 * max(got - 1, 0)].decode("utf-16-le", "replace")
    return text if len(text) == n and not any("\ud800" <= c <= "\udfff" for c in text) else None


def _edges(raw, page, frame: _Frame) -> list[Edge]:
    """Every side of every drawn path (lines, rectangles, polygons), in forms too."""
    api = _api(raw)
    handle = ctypes.cast(page, ctypes.c_void_p).value
    out: list[Edge] = []
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    get_object, object_type = api.get_object, api.object_type
    objs = [(get_object(handle, i), identity) for i in range(api.count_objects(handle))]
    m = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    mp, xp, yp = ctypes.addressof(m), ctypes.addressof(x), ctypes.addressof(y)
    fp, sp = ctypes.addressof(fill), ctypes.addressof(stroke)
    path, form = api.path, api.form
    while objs:
        obj, outer = objs.pop()
        kind = object_type(obj)
        if kind == form:
            api.object_matrix(obj, mp)
            inner = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
            objs.extend((api.form_object(obj, k), inner) for k in range(api.form_count(obj)))
            continue
        if kind != path:
            continue
        if api.draw_mode(obj, fp, sp) and not fill.value and not stroke.value:
            continue  # neither filled nor stroked: nothing is drawn
        api.object_matrix(obj, mp)
        a, b, c, d, e, f = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        sub: list[tuple[float, float]] = []
        closed = False
        for k in range(api.count_segments(obj)):
            seg = api.segment(obj, k)
            api.point(seg, xp, yp)
            px, py = x.value, y.value
            pt = frame.point(a * px + c * py + e, b * px + d * py + f)
            if api.segment_type(seg) == api.moveto:
                if len(sub) > 1:
                    out.extend(segment_edges(sub, closed))
                sub, closed = [pt], False
            else:
                sub.append(pt)
                closed = closed or bool(api.segment_close(seg))
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
