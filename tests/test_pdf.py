"""PDF input: text layer in reading order, pages, ruled tables across pages, findings located.

Self-contained PDFs are drawn here with reportlab (test extra) in the Adobe CID font
STSong-Light, which needs no font file and which pdfium maps back to Unicode. The published
reports in ../shared/corpus (or /work/shared/corpus), when present, must load, give every table cell its own offsets,
and raise no table finding (they reconcile up to rounding); a digit changed in any of their
amount cells must be found.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pdf_corpus import CORPUS_PDFS

from auditor.engine import Options, audit
from auditor.errors import InputError
from auditor.extract import table_view as T
from auditor.io.load import load_bytes
from auditor.io.pdf import load_pdf
from auditor.writers.common import finding_dict

ROOT = Path(__file__).resolve().parents[1]
FONT = "STSong-Light"

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

pdfmetrics.registerFont(UnicodeCIDFont(FONT))
LEFT, RIGHT = 72.0, A4[0] - 72.0

PARAGRAPH = (
    "2025年，某某街道办事处收入预算350.00万元，其中：财政拨款收入350.00万元，比2024年预算"
    "增加20.00万元；支出预算350.00万元，其中：基本支出150.00万元，项目支出200.00万元。"
)
HEAD = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
PAGE1 = [
    ["201", "一般公共服务支出", "300.00", "100.00", "200.00"],
    ["20101", "人大事务", "100.00", "100.00", "0.00"],
    ["20103", "政府办公厅", "200.00", "0.00", "200.00"],
]
PAGE2 = [
    ["208", "社会保障和就业支出", "50.00", "50.00", ""],
    ["20805", "行政事业单位养老支出", "50.00", "50.00", ""],
    ["合计", "<", "350.00", "150.00", "200.00"],
]
WIDTHS = [60, 140, 70, 70, 70]


def wrap(text: str, first: float, rest: float, size: float = 12) -> list[str]:
    """Break text into lines as a typesetter does: as many characters as fit."""
    lines, cur = [], ""
    for ch in text:
        width = first if not lines else rest
        if pdfmetrics.stringWidth(cur + ch, FONT, size) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return [*lines, cur]


def draw_table(c, top: float, rows: list[list[str]], h: float = 20) -> None:
    xs = [LEFT]
    for w in WIDTHS:
        xs.append(xs[-1] + w)
    for i, row in enumerate(rows):
        y = top - i * h
        c.line(xs[0], y, xs[-1], y)
        c.line(xs[0], y - h, xs[-1], y - h)
        for k, x in enumerate(xs):
            if 0 < k < len(xs) - 1 and row[k] == "<":
                continue  # merged with the cell to the left: no rule between them
            c.line(x, y, x, y - h)
        for k, s in enumerate(row):
            if s and s != "<":
                c.drawString(xs[k] + 3, y - h + 6, s)


def report(page1=PAGE1, page2=PAGE2, tail: str = "基本支出１５０．００万元。") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont(FONT, 16)
    c.drawString(200, 780, "2025年部门预算")
    c.setFont(FONT, 12)
    y = 740
    for i, line in enumerate(wrap(PARAGRAPH, RIGHT - LEFT - 24, RIGHT - LEFT)):
        c.drawString(LEFT + (24 if i == 0 else 0), y, line)
        y -= 18
    c.drawString(200, y - 10, "部门支出预算表")
    c.drawString(400, y - 28, "单位：万元")
    draw_table(c, y - 36, [HEAD, *page1])
    c.showPage()
    c.setFont(FONT, 12)
    draw_table(c, 780, page2)
    c.drawString(LEFT + 24, 700, tail)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def good():
    return load_bytes(report(), "good.pdf")


def line_of(doc, needle: str) -> str:
    off = doc.text.index(needle)
    return doc.line_text(doc.position(off).line)


def test_text_pages_and_normalisation(good):
    assert len(good.text) == len(good.original)
    assert good.pages[0] == 0 and len(good.pages) == 2
    assert good.position(good.text.index("2025年部门预算")).page == 1
    assert good.position(good.text.index("社会保障和就业支出")).page == 2
    off = good.original.index("１５０．００万元")  # full-width in the PDF, ASCII for the checks
    assert good.text[off : off + 8] == "150.00万元"


def test_wrapped_paragraph_is_one_line(good):
    assert len(wrap(PARAGRAPH, RIGHT - LEFT - 24, RIGHT - LEFT)) >= 2  # the PDF does wrap it
    assert line_of(good, "比2024年预算") == PARAGRAPH


def test_table_rows_are_lines_and_cells_have_offsets(good):
    assert line_of(good, "人大事务") == "20101 人大事务 100.00 100.00 0.00"
    (t,) = good.tables
    assert t.title == "部门支出预算表" and t.unit == "万元" and t.page == 1
    assert [c.text for c in t.rows[0]] == HEAD
    assert len(t.rows) == 1 + len(PAGE1) + len(PAGE2)  # one table across the page break
    total = t.rows[-1]
    assert total[0] is total[1] and total[0].colspan == 2 and total[0].text == "合计"
    for row in t.rows:
        for cell in row:
            if cell.span:
                assert good.text[cell.span.start : cell.span.end] == cell.text
    assert good.position(total[2].span.start).page == 2


def test_consistent_pdf_has_no_findings(good):
    assert audit(good).findings == []


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        ((2, 2), "210.00", {"T004", "T005"}),  # 20103 合计 ≠ 0 + 200; 201 ≠ 100 + 210
        ((-1, 3), "160.00", {"T003", "T004"}),  # 合计 row on page 2
    ],
)
def test_a_wrong_figure_is_found_where_it_stands(where, value, expected):
    r, c = where
    page1 = [row[:] for row in PAGE1]
    page2 = [row[:] for row in PAGE2]
    (page1 if r >= 0 else page2)[r][c] = value
    doc = load_bytes(report(page1, page2), "bad.pdf")
    res = audit(doc)
    assert {f.rule for f in res.findings} == expected
    for f in res.findings:
        d = finding_dict(doc, f)
        if d["text"] == value:
            loc = d["location"]
            assert loc["page"] == (1 if r >= 0 else 2)
            assert doc.line_text(loc["line"])[loc["column"] - 1 : loc["end_column"] - 1] == value
    assert any(finding_dict(doc, f)["text"] == value for f in res.findings)


def test_rows_of_a_table_without_rules_are_not_joined():
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont(FONT, 12)
    lines = wrap(PARAGRAPH, RIGHT - LEFT, RIGHT - LEFT)
    for i, line in enumerate(lines):
        c.drawString(LEFT, 760 - 18 * i, line)
    for i, (label, amount) in enumerate(
        [("一般公共服务支出", "3,296,600"), ("公共安全支出", "2,878,025")]
    ):
        c.drawString(LEFT, 600 - 18 * i, label)
        c.drawRightString(RIGHT, 600 - 18 * i, amount)
    c.showPage()
    c.save()
    doc = load_bytes(buf.getvalue(), "plain.pdf")
    assert line_of(doc, "比2024年预算") == PARAGRAPH
    assert line_of(doc, "一般公共服务支出") == "一般公共服务支出 3,296,600"
    assert line_of(doc, "公共安全支出") == "公共安全支出 2,878,025"


def test_scanned_pdf_is_refused_clearly(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(Image.new("L", (200, 280), 255)), 72, 72, 400, 560)
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="no text layer"):
        load_bytes(buf.getvalue(), "scan.pdf")
    path = tmp_path / "scan.pdf"
    path.write_bytes(buf.getvalue())
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("audit-budget: error:")
    assert "no text layer" in proc.stderr and "Traceback" not in proc.stderr


def test_damaged_pdf_is_an_input_error():
    with pytest.raises(InputError, match="cannot read the PDF"):
        load_pdf(b"%PDF-1.4\n%garbage that is no PDF at all\n", "x.pdf", "")


# --- the published reports ------------------------------------------------------------------

needs_corpus = pytest.mark.skipif(not CORPUS_PDFS, reason="../shared/corpus is absent")


@pytest.fixture(scope="module")
def corpus():
    return {p.name: load_bytes(p.read_bytes(), str(p)) for p in CORPUS_PDFS}


@needs_corpus
def test_corpus_loads_with_tables_and_offsets(corpus):
    for name, doc in corpus.items():
        assert len(doc.text) == len(doc.original), name
        assert len(doc.tables) >= 9, name
        for t in doc.tables:
            assert t.unit in ("元", "万元") or not t.title.endswith("决算表"), (name, t.title)
            for row in t.rows:
                for cell in row:
                    if cell.span:
                        assert doc.text[cell.span.start : cell.span.end] == cell.text, name


@needs_corpus
def test_corpus_tables_reconcile(corpus):
    """Real published tables: no table finding (zero false alarms), yet many sums checked."""
    for name, doc in corpus.items():
        res = audit(doc, Options(select=["T003", "T004", "T005"]))
        assert [f.message["zh"] for f in res.findings] == [], name


@needs_corpus
def test_corpus_changed_digit_is_found(corpus):
    rng = random.Random(7)
    for name, doc in corpus.items():
        cells = []
        for t in doc.tables:
            v = T.read(t)
            if v is None:
                continue
            amounts = {c.index for c in v.columns if c.kind == "num" and c.summable}
            for r in range(v.header, len(t.rows)):
                for c in amounts:
                    cell = t.rows[r][c]
                    val = T.value(cell)
                    if cell.row == r and cell.col == c and val not in (None, T.BLANK):
                        cells.append(cell)
        for cell in rng.sample(cells, 5):
            old = cell.text
            digits = [i for i, ch in enumerate(old) if ch.isdigit()]
            i = digits[-4] if len(digits) >= 4 else digits[0]  # well above rounding
            cell.text = old[:i] + str((int(old[i]) + 5) % 10) + old[i + 1 :]
            try:
                res = audit(doc, Options(select=["T003", "T004", "T005"]))
            finally:
                cell.text = old
            assert res.findings, (name, old, cell.text)


@needs_corpus
def test_corpus_sentences_are_whole(corpus):
    doc = corpus["shpt_wanli_2025_dept_budget.pdf"]
    line = line_of(doc, "财政拨款收入18,976.76万元")
    assert "比2024年预算增加3,355.65万元；事业收入0.00万元" in line
    fin = corpus["shpt_finance_2024_dept_final.pdf"]
    assert "2024年度部门决算编制范围的单位包括" in fin.text  # a year set on another baseline


@needs_corpus
def test_corpus_load_time():
    start = time.perf_counter()
    load_bytes(CORPUS_PDFS[0].read_bytes(), "x.pdf")
    assert time.perf_counter() - start < 15


def _dedupe_by_every_pair(chars: list[dict], tol: float = 1.0) -> list[dict]:
    """The reference for _dedupe: each character against every one kept before it."""
    out: list[dict] = []
    for c in chars:
        if not any(
            o["text"] == c["text"]
            and abs(o["x0"] - c["x0"]) <= tol
            and abs(o["top"] - c["top"]) <= tol
            for o in out
        ):
            out.append(c)
    return out


def test_dedupe_drops_exactly_the_twins_within_the_tolerance():
    """Fake bold draws a character twice, a fraction of a point apart: the second drawing goes,
    whatever bucket edges lie between them; the same letter a little further away stays."""
    from auditor.io.pdf import _dedupe

    rng = random.Random(3)
    for _ in range(300):
        chars = [
            {
                "text": rng.choice("ab"),
                "x0": rng.uniform(-3, 6)
                if rng.random() < 0.5
                else rng.choice([-1.0, 0.0, 1.0, 2.0]),
                "top": rng.uniform(-3, 6) if rng.random() < 0.5 else rng.choice([0.0, 1.0, 3.0]),
            }
            for _ in range(rng.randint(1, 30))
        ]
        assert _dedupe(chars) == _dedupe_by_every_pair(chars)
    bold = [{"text": "合", "x0": 10.0, "top": 5.0}, {"text": "合", "x0": 10.4, "top": 5.2}]
    assert _dedupe(bold) == bold[:1]
    apart = [{"text": "0", "x0": 10.0, "top": 5.0}, {"text": "0", "x0": 11.5, "top": 5.0}]
    assert _dedupe(apart) == apart


def test_dedupe_filter_misses_no_twin_across_its_grid_cuts():
    """The filter that lets most characters through unexamined must still catch every twin:
    pairs up to exactly the tolerance apart, placed on and around the cuts of its grids
    (multiples of 1.5), among characters spread over a page, give what comparing every pair
    gives."""
    from auditor.io.pdf import _dedupe

    rng = random.Random(11)
    offsets = [-1.0, -0.999, -0.5, 0.0, 0.5, 0.999, 1.0, 1.001]
    for _ in range(300):
        chars = []
        for _ in range(rng.randint(2, 40)):
            x = rng.choice([rng.uniform(0, 500), 1.5 * rng.randint(0, 300)])
            y = rng.choice([rng.uniform(0, 700), 1.5 * rng.randint(0, 400)])
            t = rng.choice("0合计")
            chars.append({"text": t, "x0": x, "top": y})
            if rng.random() < 0.5:  # a twin, or a near miss
                chars.append(
                    {"text": t, "x0": x + rng.choice(offsets), "top": y + rng.choice(offsets)}
                )
        rng.shuffle(chars)
        assert _dedupe(chars) == _dedupe_by_every_pair(chars)


def test_password_protected_pdf_is_an_input_error():
    from reportlab.lib import pdfencrypt

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="o"))
    c.setFont(FONT, 12)
    c.drawString(100, 700, PARAGRAPH[:20])
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="password required"):
        load_bytes(buf.getvalue(), "locked.pdf")
