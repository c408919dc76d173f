"""科目 tables as a text export writes them: rows of code parts, name and figures, empty cells
missing, rows sometimes run together; read whole when every row states every column, else only
their 合计 column."""

from __future__ import annotations

from auditor.engine import audit
from auditor.io.load import load_bytes
from auditor.io.subject_tables import subject_tables
from auditor.model import Severity

EXPORT = """2025年部门支出预算总表
编制部门：某某局 单位：元
项目 支出预算
功能分类科目名称 合计 基本支出 项目支出
类 款 项
201 一般公共服务支出 1,600,000.00 1,000,000.00 600,000.00
201 03 政府办公厅（室）及相关机构事务 1,000,000.00 1,000,000.00
201 03 02 一般行政管理事务 1,000,000.00 1,000,000.00 201 33 宣传事务 600,000.00 600,000.00
201 33 02 一般行政管理事务 600,000.00 600,000.00
合计 1,600,000.00 1,000,000.00 600,000.00
"""


def test_rows_with_missing_cells_keep_only_their_total() -> None:
    (t,) = subject_tables(EXPORT)
    assert t.title.endswith("支出预算总表") and t.unit == "元"
    assert [c.text for c in t.rows[0]] == ["科目编码", "科目名称", "合计"]
    assert [[c.text for c in r] for r in t.rows[1:4]] == [
        ["201", "一般公共服务支出", "1,600,000.00"],
        ["20103", "政府办公厅（室）及相关机构事务", "1,000,000.00"],
        ["2010302", "一般行政管理事务", "1,000,000.00"],
    ]
    assert [c.text for c in t.rows[-1]] == ["", "合计", "1,600,000.00"]


def test_rows_stating_every_column_are_read_whole() -> None:
    full = EXPORT.replace(" 1,000,000.00 1,000,000.00\n", " 1,000,000.00 1,000,000.00 0.00\n")
    full = full.replace("600,000.00 600,000.00\n", "600,000.00 0.00 600,000.00\n")
    full = full.replace(" 1,000,000.00 1,000,000.00 201", " 1,000,000.00 1,000,000.00 0.00 201")
    full = full.replace("宣传事务 600,000.00 600,000.00", "宣传事务 600,000.00 0.00 600,000.00")
    (t,) = subject_tables(full)
    assert [c.text for c in t.rows[0]][2:] == ["合计", "基本支出", "项目支出"]


def _findings(text: str) -> list[tuple[str, str]]:
    res = audit(load_bytes(text.encode("utf-8"), "export.txt"))
    return [
        (f.rule, res.document.source(f.span))
        for f in res.findings
        if f.severity is not Severity.INFO
    ]


def test_text_is_held_to_an_exported_table() -> None:
    text = (
        "2025年部门预算\n"
        + EXPORT
        + "2. “一般公共服务支出（类）宣传事务（款）一般行政管理事务（项）”{v}万元。\n"
    )
    assert _findings(text.format(v="60.00")) == []
    assert _findings(text.format(v="66.00")) == [("S002", "66.00万元")]


def test_a_wrong_row_in_an_exported_table_is_found() -> None:
    bad = EXPORT.replace(
        "201 33 02 一般行政管理事务 600,000.00", "201 33 02 一般行政管理事务 650,000.00"
    )
    assert [r for r, _ in _findings("2025年部门预算\n" + bad)] == ["T005"]
