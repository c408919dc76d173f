"""Self-evaluation forms flattened into words (auditor/forms_flat.py): a converted PDF or .doc
whose rows became lines of space-separated cells, or whose whole form became one line.

Every text here is invented (names and figures); the shapes are those of converters and mirror
sites: header words then figures, labels then figures, wrapped words split by a space.
"""

from __future__ import annotations

import pytest
from util import run

from auditor.forms import read_forms
from auditor.io.tables import text_tables


def rules_of(text: str) -> list[str]:
    return sorted(f.rule for f in run(text).findings)


def forms_of(text: str):
    return read_forms(text_tables(text), text)


# --- the whole form on one line, the funds row without its label ---------------------------

ONE_LINE = (
    "2023 年度文化馆免费开放补助项目自评表 单位名称:某区文化馆 项目名称 免费开放补助 "
    "预算执行 情况(万元) (20 分) 年度财政 资金总额 项目实施单位 某区文化馆 □ "
    "预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率) 412.50 396.00 96% 19.2 "
    "三级指标 年初目标值 (A) 实际完成值 (B) 得分 开放天数 300天 306天 10 总分 备注: 1.预算执行情况口径"
)


def test_one_line_funds_figures_after_the_header_are_read() -> None:
    (form,) = forms_of(ONE_LINE)
    (row,) = form.funds
    assert row.key == ""  # the label stands elsewhere: not taken for the total
    assert {k: c.text for k, c in row.cells.items()} == {
        "budget": "412.50",
        "spent": "396.00",
        "rate": "96%",
        "score": "19.2",
        "weight": "20",  # from the score header "(20 分*执行率)"
    }
    assert rules_of(ONE_LINE) == []


def test_one_line_wrong_rate_and_score() -> None:
    assert rules_of(ONE_LINE.replace("396.00 96%", "396.00 98%")) == ["F002"]
    assert rules_of(ONE_LINE.replace("96% 19.2", "96% 18")) == ["F003"]


def test_one_line_count_mismatch_reads_nothing() -> None:
    # a figure dropped (the rate) or one too many: no cell can be placed
    assert forms_of(ONE_LINE.replace(" 96% ", " ")) == []
    assert forms_of(ONE_LINE.replace("19.2 三级", "19.2 7 三级")) == []
    assert rules_of(ONE_LINE.replace("396.00 96% 19.2", "396.00 19.2")) == []


# --- one row a line, cells separated by one space -----------------------------------------------

LINES = """项目支出绩效自评表
（2023年度）
项目名称 河道保洁经费
项目资金
（万元）
年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
年度资金总额: 640 720 684 10 95% 9.5
 其中:本年财政拨款 600 680 646
    上年结转资金 40 40 38
       其他资金 0 0 0
年度绩效指标完成情况 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分
产出指标 数量指标 保洁河道长度 ≥120公里 126公里 30 30
质量指标 水面漂浮物清理率 ≥95% 97% 30 30
效益指标 社会效益指标 群众满意度 ≥90% 93% 30 30
总分 100 99.5
"""


def test_lines_consistent_form_gives_no_finding() -> None:
    (form,) = forms_of(LINES)
    assert [r.key for r in form.funds] == ["total", "current", "carried", "other"]
    assert form.funds_total is not None
    assert form.funds_total.cells["rate"].text == "95%"
    assert [r.name.text for r in form.indicators] == [
        "保洁河道长度",
        "水面漂浮物清理率",
        "群众满意度",
    ]
    assert form.indicators_complete and form.total_score is not None
    assert rules_of(LINES) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("684 10 95% 9.5", "684 10 93% 9.5", ["F002"]),  # 684 / 720 = 95%
        ("684 10 95% 9.5", "684 10 95% 8.5", ["F003", "F005"]),  # 10 × 95% = 9.5; Σ then 98.5
        ("680 646", "680 656", ["F001"]),  # 646 + 38 = 684, not 694
        ("126公里 30 30", "116公里 30 30", ["F008"]),  # missed, full marks
        ("97% 30 30", "97% 30 25", ["F005", "F009"]),  # met, marked down, no reason
        ("总分 100 99.5", "总分 100 98", ["F005"]),
    ],
)
def test_lines_form_with_a_slip(old: str, new: str, expected: list[str]) -> None:
    assert old in LINES
    assert rules_of(LINES.replace(old, new)) == expected


def test_lines_count_mismatch_reads_nothing() -> None:
    # the total row loses its rate (6 headers, 5 figures): the funds block is not read
    text = LINES.replace("684 10 95% 9.5", "684 10 9.5")
    (form,) = forms_of(text)
    assert form.funds == []
    assert rules_of(text) == []
    # an indicator line with one figure too many (a 0 in the reason column) is not read,
    # and then no sum is checked
    text = LINES.replace("93% 30 30", "93% 30 30 0").replace("99.5", "90")
    (form,) = forms_of(text)
    assert len(form.indicators) == 2 and not form.indicators_complete
    assert rules_of(text) == []


def test_an_indicator_split_over_lines_is_not_read() -> None:
    text = LINES.replace("保洁河道长度 ≥120公里", "保洁河道长度\n≥120公里")
    (form,) = forms_of(text)
    assert "保洁河道长度" not in [r.name.text for r in form.indicators]
    assert not form.indicators_complete


# --- header, label and figures all in one run of words ----------------------------------------

RUN = (
    "预算执行情况(万元) (20分) 预算数(A) 执行数(B) 执行率(B/A) 得分 (20分*执行率) "
    "年度财政 资金总额 80 64 80% 16 年度绩效目标 (80分) 一级指标 二级指标 三级指标"
)


def test_a_label_split_by_a_wrap_is_joined() -> None:
    (form,) = forms_of(RUN)
    assert form.funds_total is not None
    assert form.funds_total.label.text == "年度财政资金总额"
    assert rules_of(RUN) == []
    assert rules_of(RUN.replace("80% 16", "80% 12")) == ["F003"]


def test_a_budget_table_flattened_is_not_a_form() -> None:
    text = "单位:万元 项目 年初预算数 调整后预算数 执行数 基本支出 600.00 620.00 610.00 项目支出 200.00 230.00 220.00\n"
    assert forms_of(text) == []


def test_words_after_the_scores_may_be_a_reason() -> None:
    """With a reason column, the words after a deduction are taken as its reason (or they are
    the next row's name): either way the deduction is not called unexplained."""
    header = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施"
    one_line = (
        f"项目支出绩效自评表 {header} 产出指标 数量指标 培训人次 ≥500人次 540人次 50 45 "
        "场地调整 效益指标 社会效益指标 结业率 ≥90% 96% 50 50 总分 100 95"
    )
    (form,) = forms_of(one_line)
    assert [r.name.text for r in form.indicators] == ["培训人次"]  # 场地调整 结业率: 4 fields
    assert rules_of(one_line) == []
    lines = (
        f"项目支出绩效自评表\n{header}\n产出指标 数量指标 培训人次 ≥500人次 540人次 50 45 场地调整\n"
        "效益指标 社会效益指标 结业率 ≥90% 96% 50 50\n总分 100 95\n"
    )
    (form,) = forms_of(lines)
    assert [r.name.text for r in form.indicators] == ["培训人次", "结业率"]
    assert form.indicators[0].cells["reason"].text == "场地调整"
    assert rules_of(lines) == []
    assert rules_of(lines.replace(" 场地调整", "")) == ["F009"]


def test_the_weight_in_the_score_header_serves_every_layout() -> None:
    """A form without a 分值 column: "得分（20分*执行率）" gives the row's 分值 in a text table too."""
    text = (
        "项目支出绩效自评表\n"
        "| 预算执行情况（万元） | 预算数（A） | 执行数（B） | 执行率（B/A） | 得分（20分*执行率） |\n"
        "| 年度财政资金总额 | 300 | 270 | 90% | 18 |\n"
    )
    assert rules_of(text) == []
    assert rules_of(text.replace("| 18 |", "| 16 |")) == ["F003"]


# --- a two-column transfer-payment form: the figures after the header head 其中 rows ----------

TRANSFER = (
    "附件2 农机购置补贴资金绩效目标自评表 (2023年度) 全年预算数(A) 全年执行数(B) 2480.50 2311.20 "
    "其中:中央财政资金 1600.00 1600.00 省级财政资金 420.50 400.00 市级财政资金 210.00 181.20 "
    "县级财政资金 150.00 80.00 其他资金 (包括以前年度结转资 金) 100.00 50.00 年度资金总额 资金投入情况"
)


def test_two_columns_then_of_which_rows() -> None:
    (form,) = forms_of(TRANSFER)
    assert form.funds_total is not None and form.funds_total.cells["budget"].text == "2480.50"
    assert [r.key for r in form.funds][1:6] == ["central", "province", "city", "county", "other"]
    assert rules_of(TRANSFER) == []
    assert rules_of(TRANSFER.replace("420.50 400.00", "420.80 400.00")) == ["F001"]


def test_two_columns_without_of_which_rows_read_nothing() -> None:
    text = "全年预算数(A) 全年执行数(B) 2480.50 2311.20 资金投入情况 分配科学性"
    assert forms_of(text) == []
    # a part row with one figure missing: the block stops there, the group is incomplete
    broken = TRANSFER.replace("210.00 181.20", "181.20").replace("420.50 400.00", "420.80 400.00")
    assert rules_of(broken) == []


def test_indicators_without_a_funds_block_are_not_summed() -> None:
    """The funds block glued beyond reading: its 分值 (10) is missing from Σ, so no sum is held
    to the 总分; the rows themselves are still checked."""
    text = LINES.replace(
        "年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分\n",
        "年初预算数全年预算数(A)全年执行数(B)分值执行率(B/A)得分\n",
    ).replace("年度资金总额: 640 720 684 10 95% 9.5", "年度资金总额:6407206841095%9.5")
    (form,) = forms_of(text)
    assert form.funds == [] and len(form.indicators) == 3 and not form.indicators_complete
    assert rules_of(text) == []
    assert rules_of(text.replace("126公里 30 30", "116公里 30 30")) == ["F008"]


@pytest.mark.parametrize(("grade", "expected"), [("优", []), ("中", ["F007"])])
def test_the_grade_after_the_total(grade: str, expected: list[str]) -> None:
    text = LINES.replace("总分 100 99.5\n", f"总分 100 99.5 自评等级 {grade}\n")
    (form,) = forms_of(text)
    assert form.grade is not None and form.grade[0] == grade
    assert rules_of(text) == expected


def test_a_percentage_out_of_place_reads_nothing() -> None:
    """The 得分 header and the first figure both lost: five headers, five figures, but the
    percentage would land under 分值: the figures have shifted, nothing is read."""
    text = LINES.replace(" 得分\n年度资金总额: 640 ", "\n")
    (form,) = forms_of(text)
    assert form.funds == []
    assert rules_of(text) == []
