"""Year roles (P001, P002): the slips are found, the legitimate uses of other years are not.

Budgets of year Y are published early in Y and compare with Y-1; final accounts and
self-evaluations of Y are published in Y+1 (GENRES.md).
"""

from __future__ import annotations

import pytest
from util import run

from auditor.extract.genre import detect_genre

BUDGET = "上海市某区2025年区级部门预算\n预算主管部门：上海市某区某局\n"
FINAL = "上海市某区某局\n2024年度部门决算\n"
SELF = "2023年度项目支出绩效自评报告\n"


def periods(text: str) -> list[str]:
    return [f.rule for f in run(text).findings if f.rule.startswith("P")]


def test_genre_from_title():
    assert detect_genre(BUDGET) == "budget"
    assert detect_genre(FINAL) == "final"
    assert detect_genre(SELF) == "selfeval"
    assert detect_genre("某局工作总结\n") is None


SLIPS = {
    "budget base is its own year": BUDGET + "财政拨款收入100.00万元，比2025年预算增加10.00万元。\n",
    "budget base is a later year": BUDGET + "财政拨款收入100.00万元，比2026年预算增加10.00万元。\n",
    "budget caption of last year": BUDGET + "2024年部门收入预算总表\n单位：元\n",
    "budget heading of last year": BUDGET + "一、2024年“三公”经费预算情况说明\n",
    "budget toc entry of last year": BUDGET + "目 录\n1. 2024年部门收入预算总表 ……… 5\n",
    "budget table header of last year": BUDGET
    + "2024年“三公”经费预算数 2024年机关运行经费预算数\n",
    "final caption of last year": FINAL + "2023年度收入支出决算表\n单位：万元\n",
    "final base is its own year": FINAL
    + "收入支出总计100.00万元。与2024年度相比，收入支出总计减少5.00万元。\n",
    "self-evaluation form of last year": SELF + "2022年度项目支出绩效自评表\n",
}


@pytest.mark.parametrize("case", SLIPS, ids=list(SLIPS))
def test_year_slip_is_found(case):
    assert periods(SLIPS[case]) == ["P002"]


LEGITIMATE = {
    "prior-year execution as base": BUDGET
    + "1. 某项支出25.77万元。2024年当年预算执行数为60.13万元，2025年预算安排25.77万元，比2024年预算执行数减少57.14%。\n",
    "prior-year execution alone": BUDGET + "2024年当年预算执行数为60.13万元。\n",
    "prior-year execution heading": BUDGET + "五、2024年预算执行情况\n",
    "prior-year budget as base": BUDGET
    + "财政拨款收入100.00万元，比2024年预算增加10.00万元。三公经费1.00万元，与2024年预算持平。\n",
    "date of a snapshot": BUDGET + "截至2024年8月31日，某局共有车辆0辆。2024年底前完成清查。\n",
    "policy name": BUDGET + "立项依据：《区政府2024年重点工作任务书》（沪商规〔2024〕3号）。\n",
    "plan period": BUDGET + "落实2021-2025年发展规划和十四五规划。\n",
    "last year's purchase": BUDGET
    + "主要原因是2025年新增1辆公务用车，但与2024年购置的车辆类型不同。\n",
    "comparison header": BUDGET + "2024年预算数 2025年预算数\n",
    "final compared with prior year": FINAL
    + "收入支出总计100.00万元。与2023年度相比，收入支出总计减少5.00万元，下降4.76%。\n",
    "final compared with own budget": FINAL
    + "支出决算100.00万元，决算数与2024年预算数相比减少5.00万元。\n",
    "final publishing date": FINAL + "2025年9月\n",
    "final snapshot date": FINAL + "截至2024年12月31日，共有车辆0辆。\n",
    "own-year self-evaluation form": SELF + "2023年度项目支出绩效自评表\n",
}


@pytest.mark.parametrize("case", LEGITIMATE, ids=list(LEGITIMATE))
def test_legitimate_other_year_is_clean(case):
    assert periods(LEGITIMATE[case]) == []


def test_budget_plan_stated_with_last_year_is_p001():
    """A Y-1 figure presented as the planned amount (安排) in the Y budget."""
    assert periods(BUDGET + "（一）某项目\n2024年预算安排25.77万元。\n") == ["P001"]
    assert periods(BUDGET + "（一）某项目\n2025年预算安排25.77万元。\n") == []


def test_self_evaluation_spending_dated_last_year_is_p001():
    text = SELF + "截至2022年12月31日，全年实际支出80万元，预算执行率100%。\n"
    assert periods(text) == ["P001"]
    assert periods(text.replace("2022年12月", "2023年12月")) == []


def test_base_wrapped_over_two_lines_is_found():
    text = BUDGET + "财政拨款收入100.00万元，比2025年预\n算增加10.00万元。\n"
    found = [f for f in run(text).findings if f.rule == "P002"]
    assert len(found) == 1
    assert run(text).document.text[found[0].span.start : found[0].span.end].startswith("2025")


def test_last_years_evaluation_results_heading_is_clean():
    assert periods(SELF + "（三）2022年度绩效评价结果整改情况\n") == []


def test_heading_with_a_figure_is_not_a_heading():
    assert periods(BUDGET + "2024年度项目总预算1170.00万\n") == []


def test_final_accounts_prior_year_spending_is_a_base_but_its_budget_is_not():
    assert periods(FINAL + "2023年度一般公共预算财政拨款支出决算数为3003.19万元。\n") == []
    assert periods(FINAL + "2023年年初预算数为3003.19万元。\n") == ["P001"]


def test_next_year_plan_in_a_self_evaluation_is_clean_but_its_spending_is_not():
    assert periods(SELF + "下一步，2024年计划安排资金80万元，继续实施。\n") == []
    assert periods(SELF + "2024年支出预算80万元，其中基本支出50万元。\n") == ["P001"]
    assert periods(SELF + "2024年全年实际支出80万元。\n") == ["P001"]


def test_genre_comes_from_title_lines_not_from_a_paragraph():
    text = " 一、基本概况\n（一）基本情况\n某中心为事业单位，纳入某局2023年度部门决算编制范围。\n"
    assert detect_genre(text) is None


def test_base_wrapped_to_the_start_of_a_line_is_not_a_heading():
    assert periods(BUDGET + "政府性基金拨款支出预算0.00万元，比\n2024年预算持平\n") == []
