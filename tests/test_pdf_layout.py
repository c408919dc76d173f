"""Where a PDF's text is printed (io/pdf_layout.py) and the page images drawn from it
(writers/pdf_pages.py): an offset of the text → page and box in points, checked against where
reportlab drew the figure, and against the ink of the rendered page, rotated and cropped too.
"""

from __future__ import annotations

import io
import math
import pickle
from array import array

import pytest
from pdf_corpus import CORPUS_PDFS

from auditor.io.load import load_bytes, load_path
from auditor.io.pdf_layout import TextLayout, align

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from test_pdf import FONT, report  # noqa: E402  (registers the CID font)

SIZE = 12
LINE = "收入预算合计350.00万元，比上年增加12.5万元。"
X, Y = 90.0, 700.0  # where LINE's baseline starts, in PDF points from the bottom-left


def drawn(rotate: int = 0, crop: tuple | None = None) -> bytes:
    """LINE and a second line on one page; on a page turned by /Rotate (reportlab then makes the
    media box landscape), drawn turned the other way so that they read upright on screen."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    if rotate:
        c.setPageRotation(rotate)
    if crop:
        c.setCropBox(crop)
    c.setFont(FONT, SIZE)
    if rotate == 0:
        c.drawString(X, Y, LINE)
        c.drawString(X, 300, "第二段文字，没有数字。")
    else:
        c.translate(300, 100) if rotate == 90 else c.translate(300, 500)
        c.rotate(90 if rotate == 90 else -90)
        c.drawString(0, 0, LINE)
        c.drawString(0, -200, "第二段文字，没有数字。")
    c.showPage()
    c.save()
    return buf.getvalue()


def figure_box(doc, needle: str) -> list[tuple]:
    start = doc.original.index(needle)
    return doc.layout.boxes(start, start + len(needle))


def expected_box(needle: str) -> tuple[float, float, float]:
    """x0, x1 and the baseline of needle within LINE, in the reader's frame (y downwards)."""
    before = LINE[: LINE.index(needle)]
    x0 = X + pdfmetrics.stringWidth(before, FONT, SIZE)
    return x0, x0 + pdfmetrics.stringWidth(needle, FONT, SIZE), A4[1] - Y


def test_the_box_of_a_figure_is_where_it_was_drawn():
    doc = load_bytes(drawn(), "drawn.pdf", layout=True)
    for needle in ("350.00万元", "12.5万元", "收入预算"):
        ((page, x0, top, x1, bottom),) = figure_box(doc, needle)
        ex0, ex1, baseline = expected_box(needle)
        assert page == 0
        assert abs(x0 - ex0) < 1.0 and abs(x1 - ex1) < 1.0, (needle, x0, x1, ex0, ex1)
        assert top < baseline < bottom  # the box holds the baseline …
        assert 0.8 * SIZE < bottom - top < 1.6 * SIZE  # … and is one line high
    ((page, *_),) = figure_box(doc, "没有数字")
    assert page == 0


def test_table_cells_and_pages_are_mapped():
    """The report tests/test_pdf.py draws: a paragraph wrapped over three lines, a table over
    two pages. Every character of the text that is not a space has a box, on its own page."""
    doc = load_bytes(report(), "report.pdf", layout=True)
    layout = doc.layout
    covered = set()
    for start, (_, b) in zip(layout.starts, layout.runs, strict=True):
        covered.update(range(start, start + len(b) // 4))
    missing = [i for i, ch in enumerate(doc.original) if not ch.isspace() and i not in covered]
    assert missing == []
    (t,) = doc.tables
    for row in t.rows:
        for cell in row:
            if cell.span:
                boxes = layout.boxes(cell.span.start, cell.span.end)
                assert boxes, cell.text
                page = doc.position(cell.span.start).page
                assert {b[0] for b in boxes} == {page - 1}
    # the last row's 合计 total (page 2) sits right of its label, on one line
    total, label = t.rows[-1][2], t.rows[-1][0]
    ((_, tx0, ttop, _, _),) = layout.boxes(total.span.start, total.span.end)
    ((_, lx0, ltop, _, _),) = layout.boxes(label.span.start, label.span.end)
    assert tx0 > lx0 and abs(ttop - ltop) < 1


def test_a_figure_over_a_line_break_gets_a_box_per_line():
    """Characters that go back left (the text continues on the next line) start a new box;
    spaces the reader inserted have no box."""
    layout = TextLayout(1)
    nan = math.nan
    chars = [(500, 100, 510, 112), (510, 100, 520, 112), (nan, nan, nan, nan),
             (72, 118, 82, 130), (82, 118, 92, 130)]  # fmt: skip
    layout.add(40, 0, array("f", [v for c in chars for v in c]))
    boxes = layout.boxes(40, 45)
    assert [tuple(round(v) for v in b) for b in boxes] == [
        (0, 500, 100, 520, 112),
        (0, 72, 118, 92, 130),
    ]
    assert layout.boxes(0, 40) == [] and layout.boxes(45, 60) == []  # outside every run
    assert layout.boxes(42, 43) == []  # the inserted space alone


def test_alignment_refuses_text_it_cannot_explain():
    chars = [{"text": t, "x0": 0, "x1": 1, "top": 0, "bottom": 1} for t in "12.5"]
    assert align("12.5", chars) is not None
    assert len(align("12 .5", chars)) == 4 * 5  # an inserted space
    assert align("12.6", chars) is None  # another character
    assert align("12.", chars) is None  # one left over


def test_the_layout_is_kept_only_when_asked_for_and_pickles():
    data = drawn()
    assert load_bytes(data, "drawn.pdf").layout is None
    doc = load_bytes(data, "drawn.pdf", layout=True)
    assert doc.layout.data == data  # bytes (stdin) are kept to render from
    back = pickle.loads(pickle.dumps(doc))  # --jobs sends results between processes
    assert back.layout.boxes(0, 8) == doc.layout.boxes(0, 8)


def test_a_file_is_rendered_from_the_file_again(tmp_path):
    p = tmp_path / "drawn.pdf"
    p.write_bytes(drawn())
    doc = load_path(str(p), layout=True)
    assert doc.layout.data is None and doc.layout.path == str(p)
    from auditor.writers.pdf_pages import pdf_bytes, render_pages

    assert pdf_bytes(doc.layout, doc.sha256) == p.read_bytes()
    p.write_bytes(drawn(rotate=90))  # changed since it was read: no image rather than a wrong one
    assert pdf_bytes(doc.layout, doc.sha256) is None
    assert render_pages(doc.layout, doc.sha256, [0]) == {}


def ink_in(img, view, box) -> float:
    """The share of dark pixels of the rendered page inside a box given in points."""
    vx, vy, vw, vh = view
    sx, sy = img.width / vw, img.height / vh
    _, x0, top, x1, bottom = box
    crop = img.crop(
        (
            round((x0 - vx) * sx),
            round((top - vy) * sy),
            round((x1 - vx) * sx),
            round((bottom - vy) * sy),
        )
    )
    px = crop.tobytes()
    return sum(1 for v in px if v < 128) / max(1, len(px))


@pytest.mark.parametrize(
    ("rotate", "crop"),
    [(0, None), (90, None), (270, None), (0, (40, 250, 500, 760))],
    ids=["upright", "rotated-90", "rotated-270", "cropped"],
)
def test_the_box_covers_the_figures_ink_on_the_rendered_page(rotate, crop):
    pytest.importorskip("PIL")
    from PIL import Image

    from auditor.writers.pdf_pages import render_pages

    doc = load_bytes(drawn(rotate, crop), "drawn.pdf", layout=True)
    (img,) = render_pages(doc.layout, doc.sha256, [0]).values()
    assert img.uri.startswith("data:image/png;base64,")
    import base64

    png = Image.open(io.BytesIO(base64.b64decode(img.uri.split(",", 1)[1]))).convert("L")
    assert (png.width, png.height) == (img.width, img.height)
    ((_, x0, top, x1, bottom),) = figure_box(doc, "350.00")
    here = ink_in(png, img.view, (0, x0, top, x1, bottom))
    assert here > 0.08, here  # digits are there
    # the same box moved off the text (below the line, or beside it on a rotated page) is blank
    h = bottom - top
    assert ink_in(png, img.view, (0, x0, top + 2 * h, x1, bottom + 2 * h)) < 0.01
    # the image shows the page as displayed: turned (reportlab's media box is landscape then)
    w, hgt = img.view[2], img.view[3]
    assert abs(img.width / img.height - w / hgt) < 0.01
    if crop:  # the crop box is what is drawn, in the reader's frame (y downwards)
        want = (crop[0], A4[1] - crop[3], crop[2] - crop[0], crop[3] - crop[1])
    else:
        want = (0, 0, A4[0], A4[1])
    assert all(abs(a - b) < 0.5 for a, b in zip(img.view, want, strict=True)), img.view


@pytest.mark.skipif(not CORPUS_PDFS, reason="the published PDFs (../shared/corpus) are absent")
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_every_character_of_a_published_pdf_has_a_box(path):
    doc = load_path(str(path), layout=True)
    covered = bytearray(len(doc.original))
    for start, (_, b) in zip(doc.layout.starts, doc.layout.runs, strict=True):
        covered[start : start + len(b) // 4] = b"\x01" * (len(b) // 4)
    missing = [i for i, ch in enumerate(doc.original) if not ch.isspace() and not covered[i]]
    assert missing == []
