"""Text against tables (S002), tables against tables (C001), comparisons in words (R003 for a
prior / current pair, R005, R006), a 科目's restated amount (S001): each with the traps the hand
audit of real documents found (samples/expected/corpus, docs/corpus-audit.md)."""

from __future__ import annotations

import pytest

from auditor.engine import audit
from auditor.io.load import load_bytes
from auditor.model import Severity

SANGONG = (
    "2025年部门“三公”经费预算表\n单位：万元\n"
    "| 合计 | 因公出国（境）费 | 公务接待费 |\n| {total} | {abroad} | 28.50 |\n"
)
BUDGET_TABLE = (
    "2025年部门支出预算总表\n单位：元\n"
    "| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |\n"
    "| 201 | 一般公共服务支出 | 1,600,000.00 | 1,000,000.00 | 600,000.00 |\n"
    "| 20103 | 政府办公厅（室）及相关机构事务 | 1,000,000.00 | 1,000,000.00 | |\n"
    "| 2010302 | 一般行政管理事务 | 1,000,000.00 | 1,000,000.00 | |\n"
    "| 20133 | 宣传事务 | 600,000.00 | | 600,000.00 |\n"
    "| 2013302 | 一般行政管理事务 | 600,000.00 | | 600,000.00 |\n"
    "| | 合计 | 1,600,000.00 | 1,000,000.00 | 600,000.00 |\n"
)


def _run(text: str):
    res = audit(load_bytes(text.encode("utf-8"), "r.txt"))
    return [
        (f.rule, res.document.source(f.span))
        for f in res.findings
        if f.severity is not Severity.INFO
    ]


def _sangong(text: str, total: str = "867.50", abroad: str = "839.00") -> list:
    return _run("2025年部门预算\n" + SANGONG.format(total=total, abroad=abroad) + text)


# --- S002 -----------------------------------------------------------------------------------


def test_text_figure_differing_from_its_cell_is_reported() -> None:
    got = _sangong("2025年“三公”经费预算数为876.50万元。")
    assert got == [("S002", "876.50万元")]


def test_a_part_the_table_left_empty_is_reported() -> None:
    got = _sangong("（一）因公出国（境）费839万元。", total="28.50", abroad="")
    assert ("S002", "839万元") in got


def test_words_that_change_the_figure_keep_it_out() -> None:
    # a change, another year's figure, a figure the words do not name: none is the table's
    text = "“三公”经费比上年减少876.50万元。2024年“三公”经费预算数为876.50万元。三公经费中的会议费5万元。"
    assert [r for r, _ in _sangong(text) if r == "S002"] == []


def test_rounding_between_yuan_cells_and_wan_yuan_text_is_not_an_error() -> None:
    text = "2025年部门预算\n" + BUDGET_TABLE + "2025年支出预算160万元，其中基本支出100.00万元。"
    assert _run(text) == []


def test_same_item_name_under_two_kuan_is_resolved_by_its_path() -> None:
    body = (
        "1. “一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）”100.00万元。\n"
        "2. “一般公共服务支出（类）宣传事务（款）一般行政管理事务（项）”60.00万元。\n"
    )
    assert _run("2025年部门预算\n" + BUDGET_TABLE + body) == []
    wrong = body.replace("60.00万元", "66.00万元")
    assert _run("2025年部门预算\n" + BUDGET_TABLE + wrong) == [("S002", "66.00万元")]


def test_a_subject_the_tables_do_not_list_takes_part_in_nothing() -> None:
    body = "1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元。\n"
    assert _run("2025年部门预算\n" + BUDGET_TABLE + body) == []


# --- C001 -----------------------------------------------------------------------------------

SUMMARY = (
    "2025年部门财务收支预算总表\n单位：元\n"
    "| 项目 | 预算数 | 项目 | 预算数 |\n"
    "| 一、财政拨款收入 | 1,600,000.00 | 一、一般公共服务支出 | 1,600,000.00 |\n"
    "| 收入总计 | 1,600,000.00 | 支出总计 | {total} |\n"
)


# the captions of Shanghai's template, and those 财政部's template gives the same tables
TEMPLATES = {
    "shanghai": ("部门财务收支预算总表", "部门支出预算总表", "部门收入预算总表"),
    "national": ("部门收支总表", "部门支出总表", "部门收入总表"),
}


@pytest.mark.parametrize("template", TEMPLATES)
def test_tables_that_disagree_are_reported(template: str) -> None:
    summary_name, spending_name, revenue_name = TEMPLATES[template]
    summary = SUMMARY.replace("部门财务收支预算总表", summary_name)
    spending = BUDGET_TABLE.replace("部门支出预算总表", spending_name)
    ok = "2025年部门预算\n" + summary.format(total="1,600,000.00") + spending
    assert _run(ok) == []
    revenue = (
        f"2025年{revenue_name}\n单位：元\n| 科目编码 | 科目名称 | 合计 | 财政拨款收入 |\n"
        "| 201 | 一般公共服务支出 | 1,500,000.00 | 1,500,000.00 |\n| | 合计 | 1,500,000.00 | 1,500,000.00 |\n"
    )
    got = _run(ok + revenue)
    assert [r for r, _ in got] == ["C001"] * len(got) and got  # its own table adds up


def test_a_cell_wrong_inside_its_table_is_one_finding() -> None:
    bad = "2025年部门预算\n" + SUMMARY.format(total="1,700,000.00") + BUDGET_TABLE
    res = audit(load_bytes(bad.encode("utf-8"), "r.txt"))
    got = [f for f in res.findings if f.severity is not Severity.INFO]
    assert [f.rule for f in got] == ["T003"]
    assert any(x["rule"] == "C001" for x in got[0].evidence["also_breaks"])


# --- comparisons in words ---------------------------------------------------------------------

PRIOR = "2024年部门预算\n2023年当年预算执行数为{p}万元，2024年预算安排{c}万元，比2023年预算执行数{w}{r}。{why}\n"


def _change(p: str, c: str, w: str, r: str = "", why: str = "") -> list:
    return _run(PRIOR.format(p=p, c=c, w=w, r=r, why=why))


def test_change_rate_of_a_prior_current_pair() -> None:
    assert _change("60.13", "25.77", "减少", "57.14%") == []
    assert _change("60.13", "25.77", "减少", "50.14%") == [("R003", "50.14%")]


def test_direction_word_against_the_figures() -> None:
    assert _change("114.00", "110.60", "增加", "2.98%") == [("R005", "增加")]
    assert _change("10.00", "10.00", "持平") == []
    assert _change("10.00", "12.00", "持平") == [("R005", "持平")]


def test_growth_from_nothing_is_not_arithmetic() -> None:
    assert _change("0.00", "25.00", "增加", "100.00%") == []


def test_reason_naming_the_other_direction() -> None:
    got = _change("114.00", "110.60", "减少", "2.98%", "主要原因是：宣传经费增加。")
    assert got == [("R006", "增加")]
    assert _change("114.00", "110.60", "减少", "2.98%", "主要原因是：项目调整，人员增加。") == []


def test_outcome_against_budget_claim() -> None:
    text = "2024年度部门决算\n年初预算为1560.05万元，支出决算为1511.89万元。决算数{w}预算数的主要原因：人员变化。\n"
    assert _run(text.format(w="小于")) == []
    assert _run(text.format(w="大于")) == [("R005", "大于")]
    assert _run(text.replace("决算数{w}预算数", "决算数与预算数基本持平")) == []


def test_two_priors_in_one_sentence_are_not_guessed_at() -> None:
    text = "2024年部门预算\n2023年预算数为50万元，2023年执行数为40万元，2024年预算安排45万元，比2023年减少10%。\n"
    assert _run(text) == []


# --- a 科目's restated amount ------------------------------------------------------------------


def test_heading_amount_and_restated_budget_of_one_subject() -> None:
    para = "1. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于缴纳公积金。2023年当年预算执行数为348.52万元，2024年预算安排{c}万元，比2023年预算执行数增加0.53%。\n"
    assert _run("2024年部门预算\n" + para.format(c="350.35")) == []
    got = _run("2024年部门预算\n" + para.format(c="352.67"))
    assert got == [("S001", "352.67万元")]  # the rate it breaks is folded into it


def test_a_rate_of_a_whole_stated_as_zero() -> None:
    text = "2024年度部门决算\n一般公共预算财政拨款支出年初预算为{b}万元，支出决算为2940.05万元，完成年初预算的98.20%。\n"
    assert _run(text.format(b="2993.92")) == []
    assert _run(text.format(b="0")) == [("R001", "98.20%")]


def test_change_of_the_figure_the_sentence_before_states() -> None:
    text = "2022年度部门决算\n2022年度收入、支出总计各为12369.85万元。与2021年度相比，收、支总计各{w}2023.32万元，{g}{r}。\n"
    assert _run(text.format(w="增加", g="增长", r="19.56%")) == []
    assert _run(text.format(w="增加", g="增长", r="22.77%")) == [("R003", "22.77%")]
    assert _run(text.format(w="减少", g="下降", r="14.06%")) == []


def test_share_list_opening_after_the_sentence_of_its_whole() -> None:
    text = "2024年度部门决算\n一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。主要用于以下方面：一般公共服务支出（类）2106.66万元，占{p}；住房保障支出（类）833.39万元，占28.35%。\n"
    assert _run(text.format(p="71.65%")) == []
    assert _run(text.format(p="71.73%")) == [("R002", "71.73%")]


SANGONG_ROWS = (
    "2024年度部门决算\n“三公”经费财政拨款支出决算表\n单位：元\n| 项目 | 预算数 | 决算数 |\n"
    "| 合计 | 195,119.29 | 185,873.96 |\n| 因公出国（境）费 |  |  |\n"
    "| 公务用车购置及运行费 | 176,600.00 | 168,362.23 |\n| 其中：公务用车购置费 |  |  |\n"
    "| 公务用车运行费 | 176,600.00 | 168,362.23 |\n| 公务接待费 | 18,519.29 | {recv} |\n"
)


def test_sangong_parts_as_rows_with_their_qishi_siblings() -> None:
    text = SANGONG_ROWS + "其中：公务接待费支出决算为1.75万元。\n"
    assert _run(text.format(recv="17,511.73")) == []
    got = _run(SANGONG_ROWS.format(recv="") + "其中：公务接待费支出决算为1.75万元。\n")
    assert ("S002", "1.75万元") in got
