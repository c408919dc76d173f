"""Document checks (M001–M003): each slip is found, and the legitimate twin is not."""

from __future__ import annotations

import pytest
from util import run

from auditor.engine import audit
from auditor.extract.toc import find_toc
from auditor.io.load import load_bytes
from auditor.model import Cell, Document, Span, Table


def codes(text: str, prefix: str = "M") -> list[str]:
    return [f.rule for f in run(text).findings if f.rule.startswith(prefix)]


HEAD = "2023年度部门整体支出绩效自评报告\n"

# --- M001 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "XX局2023年度部门预算安排50.00万元。",
        "本单位预算安排XX万元，用于日常运转。",
        "20XX年度部门预算编制说明",
        "××单位负责实施本项目。",
        "（单位名称）2023年度部门整体支出情况如下。",
        "实施主体：【项目名称】",
        "根据＊＊文件要求开展工作。",
        "项目负责人：（请填写负责人姓名）",
    ],
)
def test_placeholder_is_found(line):
    assert codes(HEAD + line + "\n") == ["M001"]


@pytest.mark.parametrize(
    "line",
    [
        "采购XXL号工作服20套。",
        "真如城市副中心X101、X102、X103街坊。",
        "执行得分 = 分值×执行率。",
        "配备X光机1台，X射线防护用品若干。",
        "上海市普陀区人民政府万里街道办事处（部门）下属1家机关。",
        "审核批复部门（单位）的年度预决算。",
        "采购Windows XP升级服务。",
        "**重点工作**：完成**全部**任务。",
    ],
)
def test_ordinary_words_are_not_placeholders(line):
    assert codes(HEAD + line + "\n") == []


def test_one_finding_per_line():
    assert codes(HEAD + "XX局与XX中心共同实施，预算XX万元。\n") == ["M001"]


# --- M002 -----------------------------------------------------------------------------------

TOC = (
    "上海市某区2025年区级部门预算\n"
    "目 录\n"
    "一、部门主要职能 …………………… 3\n"
    "二、部门预算表\n"
    "1. 2025年部门收入预算总表 …………… 5\n"
    "2. 2025年部门支出预算总表 …………… 6\n"
    "3. 2025年部门“三公”经费预算表 ……… 7\n"
    "三、其他相关情况说明\n"
)
BODY = {
    "收入": "2025年部门收入预算总表\n单位：万元\n| 项目 | 金额 |\n| 合计 | 100.00 |\n",
    "支出": "2025年部门支出预算总表\n单位：万元\n| 项目 | 金额 |\n| 合计 | 100.00 |\n",
    "三公": "2025年部门“三公”经费预算表\n单位：万元\n| 项目 | 金额 |\n| 合计 | 1.00 |\n",
}
INTRO = "部门主要职能\n负责本区某项工作，具体如下。\n"


def test_toc_is_read_with_levels():
    toc = find_toc(TOC + INTRO)
    assert toc is not None
    assert [e.title for e in toc.tables] == [
        "2025年部门收入预算总表",
        "2025年部门支出预算总表",
        "2025年部门“三公”经费预算表",
    ]
    assert not next(e for e in toc.entries if e.title == "部门预算表").leaf


def test_listed_table_missing_from_body_is_found():
    text = TOC + INTRO + BODY["收入"] + BODY["支出"]
    found = [f for f in run(text).findings if f.rule == "M002"]
    assert len(found) == 1 and "三公" in found[0].message["zh"]


def test_all_listed_tables_present_is_clean():
    assert codes(TOC + INTRO + "".join(BODY.values())) == []


def test_caption_differing_in_year_spacing_quotes_and_numbering_still_matches():
    body = (
        "表1 2025年度部门收入预算总表\n单位：万元\n| 项目 | 金额 |\n| 合计 | 100.00 |\n"
        "2025年 部门支出预算总表\n单位：万元\n| 项目 | 金额 |\n| 合计 | 100.00 |\n"
        '2025年部门"三公"经费预算表\n单位：万元\n| 项目 | 金额 |\n| 合计 | 1.00 |\n'
    )
    assert codes(TOC + INTRO + body) == []


def test_text_export_without_tables_is_silent():
    assert codes(TOC + INTRO + "其他相关情况说明\n本部门2025年无政府采购。\n") == []


def test_only_one_other_table_present_is_silent():
    toc = TOC.replace("3. 2025年部门“三公”经费预算表 ……… 7\n", "")
    assert codes(toc + INTRO + BODY["收入"]) == []


def test_group_heading_ending_in_table_is_not_a_table():
    # "二、部门预算表" heads the numbered tables: it is no table of its own
    assert "部门预算表" not in [e.title for e in find_toc(TOC + INTRO).tables]


def test_no_toc_is_silent():
    assert codes(INTRO + BODY["收入"]) == []


# --- M003 -----------------------------------------------------------------------------------

NOTE = "注：本部门2024年无“三公”经费预算，故本表为空表。\n"
HEAD24 = "2024年部门预算\n"


def test_note_under_filled_pipe_table_is_found():
    table = "“三公”经费预算表\n单位：万元\n| 合计 | 因公出国(境)费 | 公务接待费 |\n| 2.35 | 1.00 | 1.35 |\n"
    assert codes(HEAD24 + table + NOTE) == ["M003"]


def test_note_under_filled_plain_text_table_is_found():
    table = (
        "部门“三公”经费和机关运行经费预算表\n编制部门：某街道办事处 单位:万元\n"
        "合计 因公出国(境)费 公务接待费\n47.91 0 1.35\n"
    )
    assert codes(HEAD24 + table + NOTE) == ["M003"]


def test_note_under_empty_table_is_clean():
    table = (
        "2024年部门政府性基金预算支出功能分类预算表\n编制部门：某局 单位：元\n"
        "项目 政府性基金预算支出\n功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出\n"
        "类 款 项\n合计\n"
    )
    assert (
        codes(
            HEAD24 + table + "注:本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。\n"
        )
        == []
    )


def test_codes_and_zeros_are_not_figures():
    table = "支出功能分类预算表\n单位：元\n| 类 | 款 | 项 | 科目名称 | 合计 |\n| 208 | 05 | 01 | 行政单位离退休 | 0.00 |\n"
    assert codes(HEAD24 + table + "注：本表无数据。\n") == []


def test_filled_table_without_note_is_clean():
    table = "“三公”经费预算表\n单位：万元\n| 合计 | 因公出国(境)费 | 公务接待费 |\n| 2.35 | 1.00 | 1.35 |\n"
    assert codes(HEAD24 + table) == []


def _doc_with_grid(rows: list[list[str]], note: str) -> Document:
    """A PDF-like document: the table as a grid of cells with spans, the note under it."""
    text = "2024年部门预算\n某某预算表\n"
    grid, spans = [], []
    for r, row in enumerate(rows):
        cells = []
        for c, t in enumerate(row):
            start = len(text)
            text += t + " "
            cells.append(Cell(t, Span(start, start + len(t)) if t else None, r, c))
        text += "\n"
        grid.append(cells)
    end = len(text)
    text += note
    spans = Span(grid[0][0].span.start, end)
    doc = load_bytes(text.encode("utf-8"), "<grid>")
    doc.tables = [Table(rows=grid, page=1, title="某某预算表", unit="元", span=spans)]
    return doc


def test_note_on_a_loader_table_grid():
    rows = [["功能分类科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "1,000.00"]]
    found = audit(_doc_with_grid(rows, "注：本表为空表。\n")).findings
    assert [f.rule for f in found if f.rule == "M003"] == ["M003"]
    rows[1][2] = ""
    found = audit(_doc_with_grid(rows, "注：本表为空表。\n")).findings
    assert [f.rule for f in found if f.rule == "M003"] == []


def test_masked_name_is_not_a_placeholder():
    assert codes(HEAD + "联系人：张**，电话021-5256****。\n") == []


def test_note_under_the_caption_of_a_gridless_empty_table_is_clean():
    filled = "“三公”经费预算表\n单位：万元\n| 合计 | 因公出国(境)费 | 公务接待费 |\n| 2.35 | 1.00 | 1.35 |\n"
    empty = "2024年部门政府性基金预算支出功能分类预算表\n"
    assert codes(HEAD24 + filled + empty + NOTE) == []


def test_caption_with_unit_on_the_same_line_matches_its_entry():
    body = (
        BODY["收入"]
        + BODY["支出"]
        + "2025年部门“三公”经费预算表 单位：万元\n| 项目 | 金额 |\n| 合计 | 1.00 |\n"
    )
    assert codes(TOC + INTRO + body) == []


def test_toc_entry_wrapped_over_two_lines_is_one_entry():
    toc = TOC.replace(
        "3. 2025年部门“三公”经费预算表 ……… 7\n", "3. 2025年部门“三公”经费预\n算表 ……… 7\n"
    )
    parsed = find_toc(toc + INTRO)
    assert parsed.tables[-1].title == "2025年部门“三公”经费预算表"
    assert codes(toc + INTRO + "".join(BODY.values())) == []
