"""A PDF's printed pages as images for the review page: rendered by pdfium (pypdfium2), encoded
by Pillow as 16-level grey PNG, each a data: URI.

Both libraries are imported here, and this module only when a review page for a PDF with page
images is written: a plain audit, and every other output, never loads them. Only the pages the
page shows are rendered (by default those with a finding's figure on them).

Size: a budget's page is text and ruling; 16 greys keep anti-aliased text legible and make a
palettised PNG of a page 1600 pixels on its longer side 15–220 KB (measured on the Putuo corpus,
docs/html-report.md), where JPEG of the same page is larger and blurs thin rules.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from ..io.pdf_layout import TextLayout
from ..io.pdf_page import _Frame

PAGE_PIXELS = 1600  # the rendered length of a page's longer side, whatever its paper size
MIN_SCALE, MAX_SCALE = 1.0, 3.0
GREYS = 16


@dataclass
class PageImage:
    index: int  # 0-based page
    uri: str  # data:image/png;base64,…
    width: int  # pixels
    height: int
    view: tuple[
        float, float, float, float
    ]  # what it shows, in the reader's frame: x, y, w, h (points)


def pdf_bytes(layout: TextLayout, sha256: str) -> bytes | None:
    """The PDF the layout was read from, when it is still the same file (same SHA-256)."""
    data = layout.data
    if data is None and layout.path is not None:
        try:
            data = Path(layout.path).read_bytes()
        except OSError:
            return None
    if data is None or (sha256 and hashlib.sha256(data).hexdigest() != sha256):
        return None
    return data


def render_pages(layout: TextLayout, sha256: str, indexes: list[int]) -> dict[int, PageImage]:
    """The images of the given pages (0-based); {} when the PDF cannot be read again or the
    libraries are missing (the page then shows the extracted text only)."""
    if not indexes:
        return {}
    data = pdf_bytes(layout, sha256)
    if data is None:
        return {}
    try:
        import pypdfium2 as pdfium
        from PIL import Image
    except ImportError:
        return {}
    out: dict[int, PageImage] = {}
    pdf = pdfium.PdfDocument(data)
    try:
        for i in indexes:
            if 0 <= i < len(pdf):
                page = pdf[i]
                try:
                    out[i] = _render(page, i, Image)
                finally:
                    page.close()
    finally:
        pdf.close()
    return out


def _render(page, index: int, Image) -> PageImage:
    shown = page.get_bbox()  # what pdfium draws: the crop box (inherited), within the media box
    media = page.get_mediabox(fallback_ok=False) or shown
    frame = _Frame(tuple(media), page.get_rotation() // 90)
    x0, top, x1, bottom = frame.box(*shown)
    scale = min(MAX_SCALE, max(MIN_SCALE, PAGE_PIXELS / max(x1 - x0, bottom - top, 1.0)))
    img = page.render(scale=scale, grayscale=True, draw_annots=True).to_pil()
    if img.mode != "L":
        img = img.convert("L")
    levels = GREYS - 1
    grey = img.point([(v * levels + 127) // 255 for v in range(256)])
    pal = Image.frombytes("P", grey.size, grey.tobytes())
    pal.putpalette(b"".join(bytes((k * 255 // levels,) * 3) for k in range(GREYS)))
    buf = io.BytesIO()
    pal.save(buf, "PNG", bits=4, compress_level=6)  # 9: 5% smaller, 5–10× slower
    uri = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
    return PageImage(index, uri, img.width, img.height, (x0, top, x1 - x0, bottom - top))
