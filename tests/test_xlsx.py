"""XLSX input: sheets as tab-separated lines and Tables, shown as Excel shows them; hostile
workbooks refused in one line.

Workbooks are built here with openpyxl. openpyxl writes formulas without a cached value (it does
not calculate), so a cached value is added to the sheet XML by hand, as Excel would store it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from auditor.engine import audit
from auditor.errors import InputError
from auditor.io import xlsx as X
from auditor.io.files import discover
from auditor.io.load import load_bytes

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[1]


def book(fill) -> bytes:
    wb = openpyxl.Workbook()
    fill(wb.active)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def with_cached(data: bytes, cell: str, cached: str) -> bytes:
    """The workbook with a cached value for the formula in `cell`, as Excel saves it."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = body.decode()
                xml, n = re.subn(
                    rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v>[^<]*</v>)?',
                    rf"\1<v>{cached}</v>",
                    xml,
                )
                assert n == 1, xml
                body = xml.encode()
            z.writestr(info, body)
    return out.getvalue()


def test_rows_as_tab_separated_lines_and_a_table_with_spans() -> None:
    def fill(ws):
        ws.append(["项目", "年初预算数", "执行数"])
        ws.append(["合计", 300, 290])
        ws.append(["一、基本支出", 100, 95])
        ws.append([None, None, None])  # an empty row leaves no line
        ws.append(["二、项目支出", 200, 195])

    doc = load_bytes(book(fill), "b.xlsx")
    assert doc.original.split("\n") == [
        "项目\t年初预算数\t执行数",
        "合计\t300\t290",
        "一、基本支出\t100\t95",
        "二、项目支出\t200\t195",
    ]
    (t,) = doc.tables
    assert [[c.text for c in row] for row in t.rows][1] == ["合计", "300", "290"]
    for row in t.rows:
        for c in row:
            if c.span:
                assert doc.text[c.span.start : c.span.end] == c.text
    assert doc.encoding == "xlsx"


def test_merged_cells_cover_their_grid_and_are_written_once() -> None:
    def fill(ws):
        ws["A1"] = "项目"
        ws.merge_cells("A1:A2")
        ws["B1"] = "支出"
        ws.merge_cells("B1:C1")
        ws["B2"], ws["C2"] = "基本支出", "项目支出"
        ws.append(["合计", 100, 200])

    doc = load_bytes(book(fill), "m.xlsx")
    assert doc.original.split("\n")[:2] == ["项目\t支出", "\t基本支出\t项目支出"]
    (t,) = doc.tables
    assert t.rows[1][0] is t.rows[0][0] and t.rows[0][0].rowspan == 2
    assert t.rows[0][2] is t.rows[0][1] and t.rows[0][1].colspan == 2


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (912.0, "0.00", "912.00"),
        (96.004, "0.00", "96.00"),
        (0.96, "0.00%", "96.00%"),
        (0.9714, "0.0%", "97.1%"),
        (1412.5, "#,##0.00", "1,412.50"),
        (0.1 + 0.2, "General", "0.3"),
        (10, "General", "10"),
        (9.6, "General", "9.6"),
        (2.675, "0.00", "2.68"),  # half up, as Excel shows it (repr 2.675, not 2.67499…)
        (-0.001, "0.00", "0.00"),
        (1234.5, '"¥"#,##0.0;[Red]-#,##0.0', "1,234.5"),
    ],
)
def test_numbers_with_their_displayed_precision(value, fmt, shown) -> None:
    def fill(ws):
        ws["A1"], ws["B1"] = "执行数", value
        ws["B1"].number_format = fmt

    doc = load_bytes(book(fill), "n.xlsx")
    assert doc.original == f"执行数\t{shown}"


def test_dates_as_dates() -> None:
    def fill(ws):
        ws["A1"], ws["B1"], ws["C1"] = "日期", dt.datetime(2023, 12, 31), dt.date(2024, 3, 1)
        ws["C1"].number_format = 'yyyy"年"m"月"d"日"'

    doc = load_bytes(book(fill), "d.xlsx")
    assert doc.original == "日期\t2023-12-31\t2024年3月1日"


def test_formulas_show_their_cached_value_or_nothing() -> None:
    def fill(ws):
        ws.append(["一", 100])
        ws.append(["二", 200])
        ws.append(["合计", "=SUM(B1:B2)"])
        ws["B3"].number_format = "0.00"

    data = book(fill)
    assert load_bytes(data, "f.xlsx").original.split("\n")[2] == "合计"  # never calculated
    cached = load_bytes(with_cached(data, "B3", "310"), "f.xlsx")
    assert cached.original.split("\n")[2] == "合计\t310.00"
    res = audit(cached)
    assert [f.rule for f in res.findings] == ["T003"]  # 100 + 200 ≠ 310.00


def test_a_finding_points_at_the_cell() -> None:
    def fill(ws):
        ws.append(["项目", "金额"])
        ws.append(["一、基本支出", 100])
        ws.append(["二、项目支出", 200])
        ws.append(["合计", 310])

    doc = load_bytes(book(fill), "c.xlsx")
    (f,) = audit(doc).findings
    pos = doc.position(f.span.start)
    assert (pos.line, pos.column) == (4, 4) and doc.original[f.span.start : f.span.end] == "310"


def test_several_sheets_are_read_in_order() -> None:
    def fill(ws):
        ws.title = "表一"
        ws.append(["项目", "金额"])
        ws.append(["合计", 1])
        ws2 = ws.parent.create_sheet("表二")
        ws2.append(["项目", "金额"])
        ws2.append(["合计", 2])

    doc = load_bytes(book(fill), "s.xlsx")
    assert len(doc.tables) == 2
    assert doc.original.split("\n") == ["项目\t金额", "合计\t1", "项目\t金额", "合计\t2"]


# --- hostile and damaged workbooks ----------------------------------------------------------


def test_a_far_away_cell_is_refused_before_the_grid_is_built() -> None:
    def fill(ws):
        ws["A1"] = "项目"
        ws.cell(row=X.MAX_ROWS + 1, column=2, value=1)

    with pytest.raises(InputError, match=r"rows × .* columns .*refused"):
        load_bytes(book(fill), "far.xlsx")


def test_too_many_columns_are_refused() -> None:
    def fill(ws):
        ws.cell(row=1, column=X.MAX_COLUMNS + 1, value="x")

    with pytest.raises(InputError, match="refused"):
        load_bytes(book(fill), "wide.xlsx")


def test_decompressed_size_is_capped(monkeypatch) -> None:
    data = book(lambda ws: ws.append(["项目", 1]))
    monkeypatch.setattr(X, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(InputError, match="decompresses to .* refused"):
        load_bytes(data, "bomb.xlsx")


def test_a_damaged_workbook_is_an_input_error() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("xl/workbook.xml", "<broken")
    with pytest.raises(InputError, match="cannot read the Excel workbook"):
        load_bytes(buf.getvalue(), "broken.xlsx")


def test_an_empty_workbook_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no text"):
        load_bytes(book(lambda ws: None), "empty.xlsx")


def test_cli_refuses_a_hostile_workbook_in_one_line(tmp_path) -> None:
    def fill(ws):
        ws.cell(row=X.MAX_ROWS + 5, column=1, value=1)

    path = tmp_path / "far.xlsx"
    path.write_bytes(book(fill))
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("audit-budget: error:")
    assert "refused" in proc.stderr


def test_directories_include_workbooks(tmp_path) -> None:
    (tmp_path / "a.xlsx").write_bytes(book(lambda ws: ws.append(["项目", 1])))
    (tmp_path / "b.csv").write_text("x")
    assert [Path(p).name for p in discover([str(tmp_path)])] == ["a.xlsx"]


def test_a_huge_merged_range_is_refused_before_openpyxl_expands_it() -> None:
    data = book(lambda ws: ws.append(["项目", 1]))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(
                    b"</sheetData>",
                    b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
                )
            z.writestr(info, body)
    with pytest.raises(InputError, match="merged range .* refused"):
        load_bytes(out.getvalue(), "merge.xlsx")
