"""DOCX input: paragraphs and tables in body order, merged cells, findings on table figures.

The documents are built here with python-docx, as a department would write them in Word:
a heading, a paragraph with figures, a table whose header has merged cells (gridSpan and
vMerge) and a 合计 row.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from auditor.engine import audit
from auditor.errors import InputError
from auditor.io.load import load_bytes
from auditor.writers.common import finding_dict

docx = pytest.importorskip("docx")

ROOT = Path(__file__).resolve().parents[1]

ROWS = [
    ["一、一般公共服务支出", "300.00", "100.00", "200.00"],
    ["二、社会保障和就业支出", "50.00", "50.00", "0.00"],
    ["合计", "350.00", "150.00", "200.00"],
]


def build(
    rows=ROWS,
    intro: str = "2025年支出预算350.00万元，其中：基本支出150.00万元，项目支出200.00万元。",
) -> bytes:
    d = docx.Document()
    d.add_heading("某某街道2025年部门预算", level=1)
    d.add_paragraph(intro)
    d.add_paragraph("部门支出预算表")
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=2 + len(rows), cols=4)
    t.style = "Table Grid"
    t.cell(0, 0).text = "项目"
    t.cell(0, 0).merge(t.cell(1, 0))  # vMerge
    t.cell(0, 1).text = "支出预算"
    t.cell(0, 1).merge(t.cell(0, 3))  # gridSpan
    for k, s in enumerate(["合计", "基本支出", "项目支出"], start=1):
        t.cell(1, k).text = s
    for r, row in enumerate(rows, start=2):
        for k, s in enumerate(row):
            t.cell(r, k).text = s
    d.add_paragraph("以上为本部门预算情况。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_text_in_body_order_with_table_rows_as_lines():
    doc = load_bytes(build(), "r.docx")
    lines = doc.original.split("\n")
    assert lines[0] == "某某街道2025年部门预算"
    assert "项目 支出预算" in lines
    assert "一、一般公共服务支出 300.00 100.00 200.00" in lines
    assert lines[-1] == "以上为本部门预算情况。"
    assert doc.pages == [] and len(doc.text) == len(doc.original)


def test_merged_header_cells_fill_the_grid():
    (t,) = load_bytes(build(), "r.docx").tables
    assert t.title == "部门支出预算表" and t.unit == "万元"
    head, sub = t.rows[0], t.rows[1]
    assert head[0] is sub[0] and head[0].rowspan == 2  # 项目 over two header rows
    assert head[1] is head[2] is head[3] and head[1].colspan == 3  # 支出预算 over three columns
    assert [c.text for c in sub[1:]] == ["合计", "基本支出", "项目支出"]


def test_cells_point_at_their_text():
    doc = load_bytes(build(), "r.docx")
    for row in doc.tables[0].rows:
        for cell in row:
            if cell.span:
                assert doc.text[cell.span.start : cell.span.end] == cell.text


def test_consistent_document_has_no_findings():
    assert audit(load_bytes(build(), "r.docx")).findings == []


def test_wrong_total_cell_is_located():
    rows = [r[:] for r in ROWS]
    rows[2][2] = "160.00"  # 合计 row, 基本支出 column: 100 + 50 ≠ 160, and 350 ≠ 160 + 200
    doc = load_bytes(build(rows), "bad.docx")
    res = audit(doc)
    assert {f.rule for f in res.findings} == {"T003", "T004"}
    for f in res.findings:
        d = finding_dict(doc, f)
        assert d["text"] in ("160.00", "350.00")
        loc = d["location"]
        assert doc.line_text(loc["line"])[loc["column"] - 1 : loc["end_column"] - 1] == d["text"]
        assert "page" not in loc


def test_full_width_digits_in_a_cell_are_read():
    rows = [r[:] for r in ROWS]
    rows[0] = ["一、一般公共服务支出", "３００．００", "１００．００", "２００．００"]
    assert audit(load_bytes(build(rows), "fw.docx")).findings == []
    rows[0][3] = "２１０．００"
    assert {f.rule for f in audit(load_bytes(build(rows), "fw.docx")).findings} >= {"T004"}


def zip_bytes(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (zip_bytes({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<x/>"}), "Excel workbook"),
        (zip_bytes({"hello.txt": "hi"}), "not a Word .docx"),
        (
            zip_bytes({"[Content_Types].xml": "<x/>", "word/document.xml": "<broken"}),
            "cannot read the .docx",
        ),
        (b"PK\x03\x04" + b"\x00" * 40, "damaged ZIP"),
    ],
)
def test_other_zip_files_are_refused(data, message):
    with pytest.raises(InputError, match=message):
        load_bytes(data, "x.docx")


def test_empty_document_is_an_input_error():
    d = docx.Document()
    buf = io.BytesIO()
    d.save(buf)
    with pytest.raises(InputError, match="no text"):
        load_bytes(buf.getvalue(), "empty.docx")


def test_cli_reports_a_bad_docx_in_one_line(tmp_path):
    path = tmp_path / "book.docx"
    path.write_bytes(zip_bytes({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<x/>"}))
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("audit-budget: error:")
    assert "Excel" in proc.stderr


def test_cli_audits_a_docx(tmp_path):
    rows = [r[:] for r in ROWS]
    rows[0][1] = "310.00"
    path = tmp_path / "bad.docx"
    path.write_bytes(build(rows))
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", str(path), "--format", "concise"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "T004" in proc.stdout and "T003" in proc.stdout
