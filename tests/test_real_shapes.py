"""Statement shapes met in published reports of other provinces, rewritten with other figures
and names. Each shape once gave a false alarm or a miss; the consistent text must give nothing,
and where the shape carries an identity, a slip in it must give that finding."""

from __future__ import annotations

from util import run


def codes(text: str) -> list[str]:
    return sorted(f.rule for f in run(text).findings)


# A comparison base after the year's figure ("比上年支出530万元") is last year's: it is neither the
# whole of the 其中 list that follows nor one of its parts.
SANGONG = (
    "2021年“三公”经费支出{T}万元，比上年支出530万元减少10万元，下降1.89%，减少的主要原因是"
    "落实中央八项规定精神。其中，公务用车运行维护费支出{P}万元，比上年支出320万元减少20万元，"
    "下降6.25%；公务接待费支出220万元，比上年支出210万元增加10万元，增长4.76%。"
)


def test_prior_year_base_is_not_a_part_or_the_whole():
    assert codes(SANGONG.format(T=520, P=300)) == []


def test_parts_of_this_year_still_checked():
    # 400 + 220 = 620 > 520: the parts of this year's total exceed it
    assert "T002" in codes(
        SANGONG.format(T=520, P=400).replace("减少20万元，下降6.25%", "增加80万元")
    )


def test_numeral_in_a_policy_name_is_no_figure():
    r = run("严格落实中央八项规定精神，公务接待费支出12.5万元。")
    assert [f.q.value for f in r.facts] == [12.5]


# "收入、支出总计各是A，B万元 … 各增加C，D万元，各增长c%、d%": figures shared out over two
# subjects by 各 (the Sichuan 决算 template), the first number taking the unit of the second.
DISTRIBUTIVE = (
    "二〇二二年度单位决算情况说明\n"
    "一、收入支出决算总体情况说明\n"
    "2022年度收入、支出总计各是3000.50，3100.20万元。与2021年相比，收入、支出总计各增加200.10，"
    "150.30万元，各增长7.15%、5.10%。主要原因是新增项目。\n"
)


def test_distributive_pairs_stay_silent():
    assert codes(DISTRIBUTIVE) == []


def test_distributive_pairs_are_paired_in_order():
    r = run(DISTRIBUTIVE)
    labels = {f.q.raw: f.label for f in r.facts}
    assert labels["3000.50"] == "收入总计" and labels["3100.20万元"] == "支出总计"
    assert labels["5.10%"] == "支出总计增长"
    # 150.30 ÷ 2949.90 = 5.095%: 5.20% is a slip of the second pair, 7.15% stays right
    assert codes(DISTRIBUTIVE.replace("5.10%", "5.20%")) == ["R003"]


def test_abbreviated_distributive_names():
    # "收、支总计" abbreviates 收入总计 and 支出总计; 2570.97 ÷ 6714.88 = 38.2877%: 38.28% is cut off
    text = (
        "2022年度收、支总计各是4125.49,4143.91万元。与2021年相比,收、支总计各减少1267.86,"
        "2570.97万元,各下降23.51%、{R}%。主要变动原因是项目收入减少。"
    )
    assert codes(text.format(R="38.29")) == []
    assert codes(text.format(R="38.28")) == ["Q001"]
    assert codes(text.format(R="32.28")) == ["R003"]


# A text whose first line is a numbered item has no title: its kind cannot be read from the
# words of a later heading ("二、2021年…决算情况" in a budget's text is last year's accounts).
NO_TITLE = (
    "一、2022年“三公”经费预算安排情况\n"
    "2022年度“三公”经费预算总计21.8万元，其中：因公出国（境）经费0万元，公务接待11.8万元，"
    "公务用车运行费用10万元。\n"
    "二、2021年“三公”经费决算情况\n"
    "2021年度“三公”经费合计支出20.12万元，其中：因公出国（境）经费0万元，公务接待12.39万元，"
    "公务用车运行费用7.73万元。\n"
)


def test_numbered_first_line_is_no_title():
    assert codes(NO_TITLE) == []


def test_wrong_sum_under_numbered_first_line_is_found():
    # 0 + 11.8 + 10 = 21.8 > 19.8 (beyond rounding: 10 may stand for 10.4)
    assert codes(NO_TITLE.replace("预算总计21.8万元", "预算总计19.8万元")) == ["T002"]


# A 自评表 copied from a web page, one cell per line, where header cells wrapped inside their
# boxes ("年初" / "预算数") and blank lines stand between the cells.
_FORM_CELLS = [
    "项目支出绩效自评表",
    "项目名称",
    "档案数字化加工",
    "项目资金",
    "（万元）",
    "年初",
    "预算数",
    "全年",
    "预算数",
    "全年",
    "执行数",
    "分值",
    "执行率",
    "得分",
    "年度资金总额",
    "58.5",
    "58.5",
    "52.65",
    "10",
    "{R}",
    "9",
    "其中：当年财政拨款",
    "58.5",
    "58.5",
    "52.65",
]
SPLIT_HEADER_FORM = "\n\n".join(_FORM_CELLS) + "\n"


def test_form_with_wrapped_header_cells_is_read():
    assert codes(SPLIT_HEADER_FORM.format(R="90%")) == []
    # 52.65 ÷ 58.5 = 90%, not 80%
    assert codes(SPLIT_HEADER_FORM.format(R="80%")) == ["F002"]


# The form some provinces use: funds by account (财政资金, 财政专户管理资金, 单位资金, 其他资金)
# under 总额, and a target split into 指标性质 | 指标值 | 度量单位.
ACCOUNT_FORM = (
    "部门预算项目支出绩效自评表（2024年度） | | |\n"
    "项目名称 | 社区矫正设备购置 | |\n"
    "预算执行情况（10分） | 年度预算数（万元） | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率"
    " | 权重 | 得分 | 原因 |\n"
    "总额 | 12.00 | 15.50 | {S} | 96.77% | 10 | 10 | 按计划执行 |\n"
    "其中：财政资金 | 12.00 | 15.50 | 15.00 | 96.77% | / | / | |\n"
    "财政专户管理资金 | 0.00 | 0.00 | 0.00 | 0.00% | / | / | |\n"
    "单位资金 | 0.00 | 0.00 | 0.00 | 0.00% | / | / | |\n"
    "其他资金 | / | / | | | | |\n"
    "绩效指标（90分） | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重"
    " | 得分 | 未完成原因分析 |\n"
    "产出指标 | 数量指标 | 购置设备数量 | ≥ | 20 | 台 | {A} | 50 | 50 | |\n"
    "效益指标 | 社会效益指标 | 矫正对象监管覆盖率 | = | 100 | % | 100 | 40 | 40 | |\n"
    "合计 | 100 | |\n"
)


def test_account_form_consistent():
    assert codes(ACCOUNT_FORM.format(S="15.00", A="22")) == []


def test_account_form_total_not_its_rows():
    # 15.00 + 0.00 + 0.00 ≠ 14.00, and 14.00 ÷ 15.50 ≠ 96.77%
    assert codes(ACCOUNT_FORM.format(S="14.00", A="22")) == ["F001", "F002"]


def test_account_form_target_with_its_own_operator_and_unit():
    # 18台 does not reach ≥20台, yet full marks
    assert codes(ACCOUNT_FORM.format(S="15.00", A="18")) == ["F008"]


# The same form copied one cell per line, each line ending in " |" (empty cells are lone bars).
def _cell_lines(table: str) -> str:
    cells = [c.strip() for line in table.splitlines() for c in line.split("|")[:-1]]
    return "".join(f"{c} |\n" if c else "|\n" for c in cells)


def test_account_form_one_cell_per_line():
    assert codes(_cell_lines(ACCOUNT_FORM.format(S="15.00", A="22"))) == []
    assert "F002" in codes(_cell_lines(ACCOUNT_FORM.format(S="14.00", A="22")))


# A comparison base named by its year ("较2024年的2190万元") dates that figure only; the parts
# after it are the year's own, and "较上年持平；" does not date the figure after its semicolon.
BASE_YEAR = (
    "2025年全市使用财政拨款安排“三公”经费预算总额为{T}万元，较2024年的1850万元减少120万元，"
    "下降6.5%；其中：因公出国（境）经费30万元，较上年持平；公务接待费210万元，较上年减少10万元，"
    "下降4.5%；公务用车购置及运行维护费1490万元，较上年减少110万元，下降6.9%。"
)


def test_comparison_base_year_dates_one_figure():
    assert codes(BASE_YEAR.format(T=1730)) == []


def test_parts_after_a_comparison_base_are_this_years():
    # 30 + 210 + 1490 = 1730 ≠ 1700 (and 1850 − 1700 ≠ 120): the three items are all of 三公经费
    assert "T001" in codes(BASE_YEAR.format(T=1700))


# "A和B分别为X和Y，分别占…的a%和b%": names and shares handed out in order.
RESPECTIVELY = (
    "2023年度单位决算\n二、支出决算情况说明\n"
    "2023年本年支出合计{T}万元，基本支出和项目支出分别为360.5万元和139.5万元，"
    "分别占本年支出合计的{S}%和27.9%。\n"
)


def test_respectively_consistent():
    assert codes(RESPECTIVELY.format(T="500", S="72.1")) == []


def test_respectively_parts_do_not_add_up():
    assert codes(RESPECTIVELY.format(T="520", S="69.33")) == ["R002", "T001"]


def test_respectively_share_is_of_its_own_name():
    # 360.5 ÷ 500 = 72.1%, not 62.1%
    assert codes(RESPECTIVELY.format(T="500", S="62.1")) == ["R002"]


def test_respectively_is_not_split_out_of_revenue():
    # the figure before the names is revenue: spending parts are not its parts
    text = "2023年本年收入合计500万元，基本支出和项目支出分别为300万元和250万元。"
    assert codes(text) == []
    text = (
        "2023年本年收入合计500万元，本年支出合计560万元，基本支出和项目支出分别为300万元和250万元。"
    )
    assert codes(text) == ["T001"]


def test_respectively_with_names_and_figures_that_do_not_match_stays_silent():
    text = "2023年本年支出合计500万元，基本支出、项目支出和经营支出分别为300万元和250万元。"
    assert codes(text) == []


# A PDF that spaces its letters: "同 比 增 加" is one word (the cuts keep every location right).
LETTER_SPACED = (
    "二、政府采购预算安排情况说明\n"
    "2025 年 政 府 采 购 预 算 {T} 元 , 同 比 增 加 400000 元 , 增 长 25.00% 。其中 : 政府"
    "集中采购预算 1200000 元 , 占政府采购预算的 60.00% ; 分散采购 800000 元 , 占政府采购预算"
    "的 40.00% 。\n"
)


def test_letter_spaced_words_are_read():
    assert codes(LETTER_SPACED.format(T="2000000")) == []


def test_letter_spaced_slip_is_found_where_it_is_written():
    r = run(LETTER_SPACED.format(T="2100000"))
    assert sorted(f.rule for f in r.findings) == ["R002", "R002", "T001"]
    t = next(f for f in r.findings if f.rule == "T001")
    assert r.document.source(t.span) == "2100000 元"


# "…支出总计S万元，完成年初预算P%，决算数大于预算数D万元": the budget is S − D, and P is S over it.
COMPLETION = (
    "2022年度部门决算\n三、一般公共预算财政拨款支出决算情况\n"
    "2022年度，本单位一般公共预算财政拨款支出总计1205.60万元，完成年初预算{P}%，决算数{W}预算数"
    "45.60万元，主要原因是年中追加人员经费。\n"
)


def test_completion_with_stated_difference_consistent():
    # 1205.60 ÷ (1205.60 − 45.60) = 103.93%; ÷ (1205.60 + 45.60) = 96.36%
    assert codes(COMPLETION.format(P="103.93", W="大于")) == []
    assert codes(COMPLETION.format(P="96.36", W="小于")) == []


def test_completion_of_one_hundred_with_a_difference():
    assert codes(COMPLETION.format(P="100", W="大于")) == ["R001"]


# Each item of a list with its own completion rate ("其中：A决算为X万元，完成预算的P%；B…"): the
# rate is the item's, whose budget the text does not state, never the list total's.
ITEM_COMPLETION = (
    "2024年度“三公”经费财政拨款支出年初预算为{B}万元，支出决算为15.60万元，完成预算的{R}%，"
    "其中：因公出国（境）费决算为0万元，完成预算的0%；公务用车购置及运行维护费支出决算为"
    "12.40万元，完成预算的82.67%；公务接待费支出决算为3.20万元，完成预算的64.00%。\n"
    "2024年度“三公”经费财政拨款支出决算数比2023年度减少1.10万元，降低6.59%，其中：公务用车"
    "购置及运行维护费支出决算减少1.30万元，降低9.49%；公务接待费支出决算增加0.20万元，"
    "增长6.67%。\n"
)


def test_item_completion_rates_are_the_items():
    assert codes(ITEM_COMPLETION.format(B="20.00", R="78.00")) == []


def test_list_total_completion_still_checked():
    assert codes(ITEM_COMPLETION.format(B="20.00", R="87.00")) == ["R001"]


# "…“三公”经费支出决算中，A支出X万元，占a%；B支出Y万元，占b%": the shares are of the whole the
# sentence opens by naming, stated once before.
WITHIN = (
    "2024年度一般公共预算财政拨款“三公”经费支出预算为5万元，支出决算为2.40万元。\n"
    "2024年度一般公共预算财政拨款“三公”经费支出决算中，公务接待费支出决算0.60万元，占{A}%；"
    "公务用车购置及运行维护费支出决算1.80万元，占{B}%。\n"
)


def test_shares_of_a_whole_named_first_consistent():
    assert codes(WITHIN.format(A=25, B=75)) == []


def test_shares_of_a_whole_named_first_swapped():
    assert codes(WITHIN.format(A=75, B=25)) == ["R002", "R002"]


# Revenue by level of government: "县（市、区）一般公共预算收入" is another figure than the
# city's; 增收/减收 are changes, never the whole of the 其中 list after them; a share that names
# its base with 比重 is checked against the figure so named, past its growth rate.
LEVELS = (
    "2024年，全市一般公共预算收入150.0亿元，同比减收3.0亿元，下降1.96%。其中：税收收入96.0亿元，"
    "占一般公共预算收入比重为{T}%。\n"
    "分级次看，市级（市本级、开发区）一般公共预算收入40.0亿元，同比增长5%，县（市、区）一般"
    "公共预算收入110.0亿元，同比下降4%。中心城区（市级、城关区）一般公共预算收入60.0亿元，"
    "同比增长12%，占全市一般公共预算收入比重为{C}%。\n"
)


def test_levels_of_government_consistent():
    assert codes(LEVELS.format(T=64, C=40)) == []


def test_levels_of_government_shares_checked():
    assert codes(LEVELS.format(T=46, C=40)) == ["R002"]
    assert codes(LEVELS.format(T=64, C=60)) == ["R002"]


# "A、B和C规模分别为x、y和z，占W的比例为a%、b%和c%": each share is of its own amount, in order.
RUN = (
    "2023年全省政府采购规模为800.0亿元，较上年减少20.0亿元，下降2.44%。\n"
    "从结构来看，货物、工程、服务采购规模分别为200.0亿元、360.0亿元和240.0亿元，占全省政府采购"
    "规模比例为{A}%、45.0%和30.0%。\n"
)


def test_joined_shares_pair_in_order():
    assert codes(RUN.format(A="25.0")) == []
    assert codes(RUN.format(A="52.0")) == ["R002"]


def test_comparison_years_do_not_date_the_report():
    # no title: the comparison base years (较2023年度…) must not outvote the report's own year
    text = (
        "1.上年结转8.00万元，较2023年度决算数增加0.80万元，增长11.1%。\n"
        "2.其他收入0万元，较2023年度决算数增加0万元，增长0%。\n"
        "3.本单位2024年度总支出125.00万元，较2023年度决算数增加10.00万元，增长8.7%。\n"
    )
    assert run(text).year == 2024


# A PDF prints a "其中：" list one part a line, each line its own paragraph; the parts are still the
# parts of the figure before 其中 (人员经费 + 公用经费 make up 基本支出).
ONE_PART_A_LINE = (
    "六、一般公共预算基本支出情况说明\n"
    "2024 年本年一般公共预算基本支出 {T} 元,其中:\n"
    "人员经费 612500.40 元,主要包括:基本工资、津贴补贴、绩效工资、住房公积金。\n"
    "公用经费 88200.60 元,主要包括:办公费、工会经费、其他商品和服务支出。\n"
    "七、一般公共预算“三公”经费情况说明\n"
)


def test_list_one_part_a_line_consistent():
    assert codes(ONE_PART_A_LINE.format(T="700701.00")) == []


def test_list_one_part_a_line_does_not_add_up():
    assert codes(ONE_PART_A_LINE.format(T="730001.00")) == ["T001"]


# By economic class a list may go on with a part the lexicon has no scope for ("对个人和家庭的补
# 助"): the list is then not known to be complete, and 81.45% + 17.99% cannot be all of it.
ECONOMIC_CLASSES = (
    "1. 基本支出预算 2000000.00 元,占一般公共预算支出的 80.00%。其中:\n"
    "工资福利支出预算 1629000.00 元,占基本支出预算 81.45%,同比增加 29000.00 元,增长 1.81%。\n"
    "商品和服务支出预算 359800.00 元,占基本支出预算 17.99%,同比减少 20200.00 元,下降 5.32%。\n"
    "对个人和家庭补助支出预算 11200 元,占基本支出预算 0.56%,同比减少 800 元,下降 6.67%。\n"
    "2. 项目支出 500000 元,占一般公共预算支出的 20.00%。其中:\n"
    "商品和服务支出预算 500000 元,占项目支出预算 100%。\n"
)


def test_list_with_an_unnamed_part_is_not_complete():
    assert codes(ECONOMIC_CLASSES) == []


def test_increase_and_decrease_of_revenue_words():
    # 增收/减收 are changes: "同比减收3.0亿元，下降1.96%" is checked, and is no list's whole
    text = (
        "2024年，全市一般公共预算收入150.0亿元，同比减收3.0亿元，下降{R}%。其中：税收收入96.0亿元。"
    )
    assert codes(text.format(R="1.96")) == []
    assert codes(text.format(R="2.96")) == ["R003"]


def test_change_of_spending_is_not_explained_by_the_budget():
    # 1.29 ÷ (1.71 + 1.29) = 43%; "下降34%" fits only 3万元 (the budget) taken as this year's
    text = (
        "2023年度“三公”经费支出预算为3万元，支出决算为1.71万元，完成预算的57%，"
        "较上年减少1.29万元，下降{R}%。"
    )
    assert codes(text.format(R=43)) == []
    assert codes(text.format(R=34)) == ["R003"]


# Reports copied from web pages converted to traditional characters read as their originals:
# the vocabulary's characters are mapped one for one (rules/variants.txt), so locations hold.
TRADITIONAL = (
    "2019年，本部門機關運行經費安排312.23萬元，比上年增加15.18萬元，增長{R}%，主要原因是公用經費"
    "標準有所增加。"
)


def test_traditional_characters_read():
    assert codes(TRADITIONAL.format(R="5.11")) == []
    found = run(TRADITIONAL.format(R="5.71")).findings
    assert [f.rule for f in found] == ["R003"]
    text = TRADITIONAL.format(R="5.71")
    assert text[found[0].span.start : found[0].span.end] == "5.71%"


def test_item_completion_rates_without_semicolons():
    # the same list with commas between the items: each rate still stands before the next item
    text = ITEM_COMPLETION.format(B="20.00", R="78.00").replace("；", "，")
    assert codes(text) == []


# The template's vehicles: "共有车辆N辆，其中：…、其他用车0辆" lists all of them (the last part is
# "the others"); for money, 其他收入 is a category of its own and proves nothing.
VEHICLES = (
    "截至2024年12月31日，本部门共有车辆{N}辆，其中：主要负责人用车0辆、应急保障用车1辆、"
    "执法执勤用车2辆、特种专业技术用车1辆、其他用车0辆。"
)


def test_counted_list_ending_with_the_others_adds_up():
    assert codes(VEHICLES.format(N=4)) == []
    assert codes(VEHICLES.format(N=5)) == ["T001"]


def test_money_list_ending_with_other_revenue_is_not_complete():
    text = "本年收入合计100.00万元，其中：财政拨款收入80.00万元，其他收入15.00万元。"
    assert codes(text) == []


# The 三公 template of 决算 notes: the three items are all of 三公经费, and 公务用车购置及运行费 has
# its own 其中 list inside the outer one, separated by ；. The nested list ends at the next
# sibling item; the outer list carries on past it.
SANGONG_NESTED = (
    "2023年度“三公”经费财政拨款支出决算为{T}万元，完成预算的91.2%。其中：因公出国（境）费支出"
    "决算为0万元，与上年持平；公务用车购置及运行费支出决算为24.06万元，完成预算的94.4%，其中："
    "公务用车购置支出0万元，公务用车运行维护费支出{R}万元；公务接待费支出决算为{J}万元，完成"
    "预算的82.3%。"
)


def test_nested_sangong_list_consistent():
    assert codes(SANGONG_NESTED.format(T="31.36", R="24.06", J="7.3")) == []


def test_sangong_items_must_add_up_to_the_whole():
    # 0 + 24.06 + 7.7 = 31.76: a stated 0 is never below zero, so nothing takes up the 0.40
    assert codes(SANGONG_NESTED.format(T="31.36", R="24.06", J="7.7")) == ["T001"]


def test_nested_vehicle_list_must_add_up():
    assert codes(SANGONG_NESTED.format(T="31.36", R="25.06", J="7.3")) == ["T001"]


def test_tax_and_non_tax_revenue_make_up_general_revenue():
    text = "2023年全县一般公共预算收入完成{T}亿元，其中税收收入8.62亿元，非税收入3.14亿元。"
    assert codes(text.format(T="11.76")) == []
    assert codes(text.format(T="12.76")) == ["T001"]


# Two figures of one measure before 其中 ("资金总额A亿元，未分配B亿元。其中：…"): the list is of
# one of them, and the words do not say which; the nearer one is not taken for granted.
RIVAL_HEADS = (
    "截至8月底，本级专项资金{T}亿元，未分配0.41亿元，分配率99.1%。其中：中央安排资金38.25亿元，"
    "分配率99.0%；地方安排资金{L}亿元，分配率99.6%。"
)


def test_two_figures_before_a_list_give_no_head():
    assert codes(RIVAL_HEADS.format(T="44.58", L="6.33")) == []
    assert codes(RIVAL_HEADS.format(T="44.58", L="6.93")) == []  # silence, not a guess


def test_list_of_a_known_partition_picks_its_whole():
    # 基本支出 and 项目支出 are both 支出; the 人员经费/公用经费 list is 基本支出's
    text = (
        "2023年支出合计1000万元，其中基本支出600万元，项目支出400万元。"
        "其中：人员经费{P}万元，公用经费100万元。"
    )
    assert codes(text.format(P=500)) == []
    assert codes(text.format(P=520)) == ["T001"]


def test_share_naming_its_own_subject_is_not_the_last_parts():
    text = (
        "1月，全市一般公共预算收入累计完成58.3亿元。其中：税收收入53.4亿元，非税收入4.9亿元。"
        "税收比重91.6%。"
    )
    assert codes(text) == []


def test_share_after_a_parenthesis_is_of_the_figure_before_it():
    text = (
        "本年收入合计2176.24万元，包括财政拨款收入2176.24万元（其中，一般公共预算2176.24万元，"
        "政府性基金预算0万元），占收入合计{S}%；其他收入0万元，占收入合计0%。"
    )
    assert codes(text.format(S=100)) == []
    assert codes(text.format(S=90)) == ["R002"]


def test_figures_under_headings_of_two_budgets_are_two_figures():
    text = (
        "（一）预算收支总体概况\n1. 一般公共预算执行情况\n"
        "2023年全区一般公共预算收入完成88.4亿元。加上转移性收入30.1亿元，收入合计118.5亿元。\n"
        "2. 政府性基金预算执行情况\n"
        "2023年全区政府性基金预算收入完成70.2亿元。加上转移性收入12.3亿元，收入合计82.5亿元。\n"
    )
    assert codes(text) == []


def test_paragraph_topics_name_two_subjects():
    text = (
        "在32个县收支完成情况上，一般公共预算收入完成121亿元，同比增加11亿元，增长10.0%。\n"
        "在47个区收支完成情况上，一般公共预算收入完成262.4亿元，同比增加22.4亿元，增长9.3%。\n"
    )
    assert codes(text) == []


def test_a_bulletin_of_no_known_kind_dates_no_figure():
    text = (
        "2012年水利建设投资统计月报\n截至2012年7月31日统计：\n"
        "2011年中央预算内水利投资663.1亿元，已下达项目单位中央投资计划657.0亿元。\n"
    )
    assert "P001" not in codes(text)
    assert "P001" in codes(text.replace("统计月报", "部门决算"))


# 收入总计 = 支出总计 when the report's own changes show last year's two were one figure; a
# template that calls the year's own revenue and spending "收、支总计" is left alone.
GRAND_TOTALS = (
    "2024年度部门决算公开说明\n1. 收入支出总体情况。2024年度收入总计{R}万元，支出总计8612.40万元。"
    "收入较上年减少{D}万元，降低4.61%。支出较上年减少416.30万元，降低4.61%。\n"
)


def test_grand_totals_that_balanced_last_year_balance():
    assert codes(GRAND_TOTALS.format(R="8612.40", D="416.30")) == []
    assert codes(GRAND_TOTALS.format(R="8652.40", D="376.30")) == ["T006"]


def test_year_totals_called_grand_totals_are_not_compared():
    text = GRAND_TOTALS.format(R="8652.40", D="316.30").replace("降低4.61%。支", "降低3.53%。支")
    assert codes(text) == []


def test_a_change_is_never_what_the_next_change_is_of():
    # "收入较上年减少X…。支出较上年减少Y…": X is a change of this year, never the figure Y changed
    text = GRAND_TOTALS.format(R="8612.40", D="416.30").replace(
        "支出较上年减少416", "支出较上年减少516"
    )
    assert codes(text) == []


# 政府采购 is 货物 + 工程 + 服务; the list ends at the first figure past a 。 that is none of them.
PROCUREMENT = (
    "2023年度本部门政府采购支出总额{T}万元，其中：政府采购货物支出40.2万元、政府采购工程支出30万元、"
    "政府采购服务支出20.3万元。主要用于采购办公设备。授予中小企业合同金额72.4万元，占政府采购支出"
    "总额的80%，其中授予小微企业合同金额60万元，占授予中小企业合同金额的82.87%。"
)


def test_procurement_kinds_consistent():
    assert codes(PROCUREMENT.format(T="90.5")) == []


def test_procurement_kinds_make_up_the_total():
    assert codes(PROCUREMENT.format(T="100.5")) == ["R002", "T001"]  # 72.4 ÷ 100.5 is 72%


# 拨付 (paid out to the implementer) against the budget: "资金拨付进度" is disbursed ÷ budget.
DISBURSED = "区级年初预算200万元专项资金，已按合同约定和施工进度拨付资金{D}万元，资金拨付进度{R}%。"


def test_disbursement_rate_consistent():
    assert codes(DISBURSED.format(D="66.86", R="33.43")) == []


def test_disbursement_rate_against_the_budget():
    assert codes(DISBURSED.format(D="66.86", R="100")) == ["R004"]


def test_people_counted_before_a_list_of_kinds():
    text = (
        "其中：国内公务接待221批次，1768人，共计支出9.95万元，具体开支内容包括：党政常规接待、"
        "招商引资及安全社区建设等工作。"
    )
    assert codes(text) == []


def test_header_row_one_cell_a_line_compares_years():
    text = (
        "某乡人民政府2023年度部门决算\n单位名称：某乡人民政府\n经费控制情况（万元）\n\n"
        "2022 年决算数\n\n2023 年预算数\n\n2023 年决算数\n\n三公经费：\n"
    )
    assert "P002" not in codes(text)
    assert "P002" in codes(text.replace("2023 年预算数\n\n2023 年决算数", "合计"))


def test_a_whole_and_its_part_are_never_one_figure_restated():
    text = (
        "本局有部门预算项目支出、专项预算支出二类支出，项目资金总预算为2455.5万元，其中部门预算"
        "项目支出87.5万元，专项预算支出2368万元。\n2021年部门预算项目支出87.5万元。\n"
    )
    assert codes(text) == []


def test_a_run_of_shares_pairs_with_a_run_of_parts_in_order():
    text = (
        "2025年一季度全市政府采购规模为1.32亿元。其中，货物、工程、服务政府采购规模分别为0.72亿元、"
        "0.02亿元和0.58亿元，占全市政府采购规模比例为{A}%、1.52%和43.94%。"
    )
    assert codes(text.format(A="54.55")) == []
    assert codes(text.format(A="45.55")) == ["R002"]


# Arithmetic written out is recomputed from its figures as written (W001).
WRITTEN = (
    "三公经费变动率=(本年度预算数-上年度预算数)÷上年度预算数=(63.46-32.00)÷32.00={R}%。"
    "预算执行率=实际支出÷调整后预算×100%=1234.56÷1500.00×100%={E}%。得分=20×95%=19分。"
)


def test_written_arithmetic_consistent():
    assert codes(WRITTEN.format(R="98.31", E="82.30")) == []
    assert codes("变动率=(63.46-32)÷32=96.31%。") == []  # 32 may be 31.5 to 32.5: rounding


def test_written_arithmetic_slips():
    assert codes(WRITTEN.format(R="96.31", E="82.30")) == ["W001"]
    assert codes(WRITTEN.format(R="98.31", E="82.40")) == ["W001"]


def test_written_arithmetic_does_not_start_inside_a_number():
    assert codes("合计=1,234.5+2=1236.5万元。") == []


# A report flattened into one line: the outline's "二、" inside the line ends a 其中 list, and a
# rate per head before the total ("按生均1000元安排，共计239万元") is no rival total.
FLATTENED = (
    "一、基本情况我校2022年按生均1000元安排，共计239万元，其中上级资金{P}万元，本级59.75万元，"
    "项目绩效目标是保证学校的正常运转二、预算支出组织实施情况我校2022年财政安排支出共计87.06万元"
)


def test_flattened_outline_ends_a_list():
    assert codes(FLATTENED.format(P="179.25")) == []


def test_flattened_list_still_checked():
    assert codes(FLATTENED.format(P="197.25")) == ["T002"]


# "较上年增/减" is a change of this year's figure, never last year's budget.
ONE_CHARACTER_CHANGE = "2018年基本支出预算116.63万元，较上年增17.1万元，增幅{R}%。"


def test_one_character_change_after_the_comparison():
    r = run(ONE_CHARACTER_CHANGE.format(R="17.18"))
    change = next(f for f in r.facts if f.q.raw == "17.1万元")
    assert (change.concept, change.period) == ("change.amount", "2018")
    assert codes(ONE_CHARACTER_CHANGE.format(R="17.18")) == []
    assert codes(ONE_CHARACTER_CHANGE.format(R="14.66")) == ["R003"]


# Round five. Items of one enumeration that each open with a unit, a place or a project
# ("一是县档案馆，下达资金A…二是县博物馆，下达资金B") state the same measure of two things.
ITEMS = (
    "某县文化广电旅游局2023年度项目支出绩效自评报告\n"
    "全县下达专项资金{T}万元。区直单位项目有：一是县档案馆，下达预算资金300万元，具体是："
    "修缮工程120万元，消防工程180万元。二是县博物馆，下达预算资金260万元，用于展陈。"
    "三是城关镇，下达预算资金{C}万元。\n"
)


def test_items_naming_their_subjects_are_two_figures():
    assert codes(ITEMS.format(T=700, C=140)) == []


def test_items_that_name_actions_restate_one_figure():
    # "一是加强预算管理" names an action, not a subject: the rate is the department's, twice
    text = (
        "某县民政局2023年度部门整体支出绩效自评报告\n"
        "主要做法：一是加强预算管理，部门整体预算执行率95.2%。二是完善内控制度，部门整体预算执行率"
        "97.3%。\n"
    )
    assert codes(text) == ["S001"]


# A 其中 list whose items state several measures ("支出A，年初预算为B，差值为C") under a figure
# whose measure is not known: which of them are its parts cannot be told.
MEASURES = (  # as a web page gives it, with ASCII commas and a stray quote
    "二、“三公”经费财政拨款支出与年初预算对比情况。\n"
    '2023年度本部门一般公共预算财政拨款安排的“三公"经费支出2.40万元,年初预算为3.10万元,差值为'
    "0.70万元。其中:因公出国(境)支出0万元,年初预算为0万元,差值为0万元,原因为压缩开支;公务用车"
    "购置支出0万元,年初预算为0万元,差值为0万元;公务用车运行维护费支出0.80万元,年初预算为1.60万元,"
    "差值为0.80万元;公务接待费支出1.60万元,年初预算为1.50万元,差值为0.10万元,原因为接待增加。\n"
)


def test_items_of_several_measures_are_no_parts_of_an_unknown_figure():
    assert codes(MEASURES) == []


# "收入完成A万元,占年度预算B万元的r%": the amount between 占 and 的 is what the share is of.
BUDGET_SHARES = (
    "2023年全县财政总收入完成23000万元,占年度预算21000万元的109.5%,较上年21500万元,增收1500万元,"
    "增幅7.0%。其中:上划中、省、市收入完成12000万元,占年度预算10000万元的120.0%,较上年11000万元,"
    "增收1000万元,增幅{r}%。2023年,我县完成地方财政收入11000万元,占年度预算11500万元的95.7%,"
    "较上年10500万元,增收500万元,增幅4.8%。\n"
)


def test_an_amount_inside_a_share_is_its_base():
    assert codes(BUDGET_SHARES.format(r="9.1")) == []
    # 1000 ÷ 11000 = 9.09%: 10.1% is a slip, shown against the stated base
    r = run(BUDGET_SHARES.format(r="10.1"))
    assert [f.rule for f in r.findings] == ["R003"]
    assert "1000 ÷ 11000 × 100%" in r.findings[0].message["zh"]


def test_a_full_stop_ends_a_list_whose_parts_a_semicolon_separates():
    # the list "其中A；B。" ends at 。: the amounts of the items announced after it are no parts
    text = (
        "全年下达专项资金共5000万元，其中下达乡镇{P}万元；县直单位2000万元。县直单位项目有："
        "一是县档案馆，下达预算资金1200万元。二是县博物馆，下达预算资金800万元。\n"
    )
    assert codes(text.format(P=3000)) == []
    assert codes(text.format(P=3100)) == ["T002"]


# Two shares of one whole the text states nowhere (it stood on the PDF's page before): each part
# ÷ its share is that whole, and both must be the same whole.
IMPLIED = (
    "（二）按支出结构分类，分为基本支出预算和项目支出预算。\n"
    "1. 基本支出预算 1850400.20 元,占一般公共预算支出的{a}%,同比减少 3200.00 元,下降 0.17%。\n"
    "2. 项目支出 {p} 元,占一般公共预算支出的 {b}%,同比增加 51000 元 ,增长 17.40%。\n"
)


def test_shares_of_one_unstated_whole_agree():
    # 1850400.20 ÷ 85.00% = 2176941; 344100 ÷ 15.81% = 2176470 (within the rounding of 15.81%)
    assert codes(IMPLIED.format(a="85.00", p=344100, b="15.81")) == []


def test_shares_of_one_unstated_whole_that_disagree():
    # 344100 ÷ 19.62% = 1753823: not the 2176941 that the first share implies
    assert codes(IMPLIED.format(a="85.00", p=344100, b="19.62")) == ["R007"]


def test_each_items_own_budget_is_no_common_whole():
    # "占全年预算的" is each project's own budget: nothing is implied in common
    text = "项目一支出80万元，占全年预算的80%。项目二支出45万元，占全年预算的90%。\n"
    assert codes(text) == []


def test_a_change_is_paired_with_the_figure_its_words_name():
    # "收入、支出总计各增加A、B": A is 收入总计's change, shown against 收入总计 (7000 − 900 = 6100)
    text = (
        "2024年度收入总计7000.00万元,支出总计6500.00万元,与2023年度相比,收入、支出总计各增加"
        "900.00万元、1000.00万元,增长20.00%、18.18%。\n"
    )
    r = run(text)
    assert [f.rule for f in r.findings] == ["R003"]
    assert "900.00 ÷ (7000.00 - 900.00)" in r.findings[0].message["zh"]


# Round six.
def test_negative_growth_is_a_decrease():
    text = "上划中央收入完成40.00亿元,减少0.50亿元,负增长{r}%。\n"
    assert codes(text.format(r="1.23")) == []  # 0.50 ÷ 40.50 = 1.23%
    assert codes(text.format(r="2.23")) == ["R003"]


def test_a_share_that_reaches_its_value():
    text = (
        "全区一般公共预算支出1200.00亿元,同比增长8.0%;其中民生支出完成960.00亿元,同比增长5.0%,"
        "民生支出占一般公共预算支出的比重达{r}%。\n"
    )
    assert codes(text.format(r="80.0")) == []
    assert codes(text.format(r="78.0")) == ["R002"]


def test_a_part_followed_by_a_colon_opens_its_own_list():
    # 3000 is a part of 4200; 1000 + 2000 after its colon are 3000's own parts
    text = (
        "下达我市专项补助资金4200万元,其中,贫困县统筹整合资金3000万元:第一批道路项目资金1000万元,"
        "第二批道路项目资金2000万元。\n"
    )
    assert codes(text) == []


# "累计完成A万元,完成年初预算数B万元的r%": B is the rate's base: neither the 其中 list's total,
# nor this year's figure of the change after it, nor a budget restated by another sentence.
STATED_BASE = (
    "4月,一般公共预算收入累计完成20000万元,完成年初预算数50000万元的{r}%,比上年减收1000万元,"
    "下降4.8%。其中:税收收入8000万元,比上年增收1000万元,增长14.3%;非税收入12000万元,比上年减收"
    "2000万元,下降14.3%。\n"
    "4月,政府性基金预算收入累计完成2000万元,完成年初预算数20000万元的10.0%。\n"
    "4月,政府性基金支出累计完成5000万元,完成年初预算数25000万元的20.0%。\n"
)


def test_an_amount_before_its_rate_is_that_rates_base():
    assert codes(STATED_BASE.format(r="40.0")) == []
    # 20000 ÷ 50000 = 40%: 44.0% is a slip of the rate
    assert codes(STATED_BASE.format(r="44.0")) == ["R004"]


def test_groups_named_with_their_counts_are_two_subjects():
    text = (
        "2023年,全县重点工程项目共20项,总投资300.00亿元,当年计划投资40.00亿元。全年完成投资50.00"
        "亿元,投资完成率125.00%。其中:\n"
        "省级5项,概算投资100.00亿元,当年计划投资15.00亿元。全年完成投资21.00亿元,投资完成率140.00%。\n"
        "县级15项,概算投资200.00亿元,当年计划投资25.00亿元。全年完成投资29.00亿元,投资完成率116.00%。\n"
    )
    assert codes(text) == []


# "A项目40万元；B项目2.75万元；…。共计下达资金X万元": the sum of the list before it.
SUMS_AFTER = (
    "2024年度,上级下达慈善会项目30万元;临时救助项目12.5万元;福利院运行经费项目20万元;"
    "社工服务项目{p}万元。共计下达转移支付资金107.5万元。\n"
)


def test_a_total_after_a_list_is_its_sum():
    assert codes(SUMS_AFTER.format(p=45)) == []
    assert codes(SUMS_AFTER.format(p=54)) == ["T001"]


# Round seven.
def test_revenue_and_spending_rates_are_two_figures():
    # the rates name no flow; the amounts they follow do
    text = (
        "（一）收入方面\n1-5月，全区一般公共预算收入完成50000万元，完成年初预算的45.5%，同比增长8.1%。\n"
        "（二）支出方面\n1-5月，全区一般公共预算支出90000万元，完成年初预算的48.9%。\n"
    )
    assert codes(text) == []


def test_a_share_is_of_the_part_its_words_name():
    text = (
        "地方一般公共预算收入100000万元，较上年增加5000万元，增长5.3%，其中税收收入70000万元，较上年"
        "增加3000万元，增长4.5%；非税收入30000万元，较上年增加2000万元，增长7.1%；税收收入占地方一般"
        "公共预算收入的比重为{r}%。\n"
    )
    assert codes(text.format(r="70.0")) == []
    assert codes(text.format(r="72.0")) == ["R002"]


def test_a_list_that_may_be_of_an_earlier_figure():
    # the parts add to the 12.50 received, not the 11.00 spent: the list is not the spending's
    text = (
        "1-6月，全区共收到中央直达资金12.50亿元，支出11.00亿元，支出进度88.0%。其中专项转移支付"
        "10.00亿元，已支出95%，奖补资金0.50亿元已全部支出，共同财政事权转移支付资金2.00亿元，"
        "已全部分配。\n"
    )
    assert codes(text) == []
    # counts of one kind: the list is of the nearer count, and exceeding it is a slip
    counts = (
        "全市400个重点项目开复工300个，开复工率为75%，其中新建项目开工100个，续建项目复工{n}个。\n"
    )
    assert codes(counts.format(n=200)) == []
    assert codes(counts.format(n=210)) == ["T002"]


def test_numbered_statements_lead_their_scopes():
    # 商品和服务支出 under "1. 基本支出…" and under "2.项目支出…" are two figures (PDF text)
    text = (
        "1. 基本支出预算 900000.00 元,占一般公共预算支出的 100%,同比增加 80000.00 元,增长 9.76%。其中:\n"
        "工资福利支出预算 800000.00 元,占基本支出预算 88.89%,\n"
        "同比增加 20000.00 元,增长 2.56%,增长原因是调整社保基数。\n"
        "商品和服务支出预算 100000.00 元,占基本支出预算 11.11%,同比增加\n"
        "60000.00 元,增长 150%,增长原因是编外人员经费列入基本支出。\n"
        "2.项目支出 0元,同比减少 40000 元,下降 100%。下降原\n"
        "因是编外人员经费支出列入基本支出。其中:\n"
        "商品和服务支出预算 0元,同比减少 40000 元,下降 100%。\n"
    )
    assert codes(text) == []


def test_growth_pairs_figures_of_one_name():
    # "重点建设项目500个" is not last year's "52个"'s figure of this year
    text = (
        "2013年我市确定重点建设项目500个，总投资2500.0亿元。一是亿元以上项目增多，数量达430个，"
        "比去年增长56.4%；二是城区项目数量由去年的52个增至92个，比去年增长76.9%。\n"
    )
    assert "R003" not in codes(text)


def test_a_total_of_the_list_above_is_its_sum():
    text = SUMS_AFTER.replace("共计下达转移支付资金", "以上资金合计")
    assert codes(text.format(p=45)) == []
    assert codes(text.format(p=54)) == ["T001"]


# Round eight.
BLOCKS_BY_LEVEL = (
    "关于某市2023年预算执行情况和2024年预算草案的报告\n"
    "2023年，全市一般公共预算总收入600.00亿元，其中：当年收入300.00亿元，完成预算的101.7%；"
    "转移支付收入200.00亿元，上年结转收入100.00亿元。\n"
    "全市一般公共预算总支出570.00亿元，其中：当年支出500.00亿元；上解支出70.00亿元。收支相抵，"
    "结转下年30.00亿元。\n"
    "2023年，市级一般公共预算总收入330.00亿元，其中：当年收入20.00亿元，完成预算的132.4%；"
    "转移支付收入290.00亿元，上年结转收入20.00亿元。\n"
    "市级一般公共预算总支出320.00亿元，其中：当年支出90.00亿元；上解支出230.00亿元。收支相抵，"
    "结转下年10.00亿元。\n"
)


def test_levels_of_government_are_two_subjects():
    assert "S001" not in codes(BLOCKS_BY_LEVEL)


def test_rates_of_two_amounts_are_two_rates():
    text = (
        "2012年全省大口径财政收入1000.00亿元，完成预算的102.9%，增长20.1%。其中，公共财政预算收入"
        "500.00亿元，完成预算的106.2%，增长24.3%。\n"
    )
    assert "S001" not in codes(text)


def test_retired_staff_listed_after_those_counted():
    text = "实际正式教职工50人，其中：高级职称5人，中级职称20人，初级职称25人，退休职工18人。\n"
    assert codes(text) == []
    # the retired counted in: the others fall short of the total, and an excess is a slip
    assert codes("实有人数50人，其中在职人员41人，退休人员11人。\n") == ["T002"]


def test_a_report_with_next_years_draft_states_its_figures():
    text = (
        "关于某市2023年部门预算执行情况和2024年预算草案的报告\n"
        "2023年全市一般公共预算收入300.00万元。\n"
        "2024年一般公共预算收入预算310.00万元。\n"
    )
    assert "P001" not in codes(text)
    # a report on its own year alone: a next year's budget figure is out of place
    assert "P001" in codes(text.replace("和2024年预算草案", ""))


# Round 9 (docs/real-text-audit.md): shapes of Shandong, Guangdong, Shanghai, Gansu, Fujian,
# Henan and Zhejiang texts.


def test_a_count_named_at_once_after_its_comma():
    # "直属事业单位N个，即A、B…": 即 names all the items, without a colon
    text = "局下设直属单位{n}个，即信息中心、培训中心和结算中心。\n"
    assert codes(text.format(n=3)) == []
    assert codes(text.format(n=4)) == ["E001"]
    assert codes("局下设科室3个，分别是办公室、财务科、法规科和审批科。\n") == ["E001"]
    # 即将 only starts like 即: no list
    assert codes("今年共计划3个项目，即将开工的有甲项目、乙项目。\n") == []


def test_items_cut_off_at_the_end_of_the_text():
    # the passage (or PDF page) stops inside the first item: the others may be cut off
    text = "涉及政策任务3个，具体如下：\n一是医疗设备购置项目，安排资金1200.00万元，主要用于购置设"
    assert codes(text) == []
    assert codes(text + "备。\n") == ["E001"]


STAGE_LISTS = (
    "2023年初单位收入预算8000.00万元，其中一般公共预算财政拨款收入5000.00万元、事业收入2000.00万元、"
    "使用非财政拨款结余1000.00万元。年中调整预算9500.00万元，其中一般公共预算财政拨款收入{a}万元、"
    "事业收入2300.00万元、使用非财政拨款结余700.00万元。\n"
)


def test_parts_of_two_stages_are_two_figures():
    # the 年初 and the 调整 budget each listed with its parts: no part is restated
    assert "S001" not in codes(STAGE_LISTS.format(a="6500.00"))


def test_non_fiscal_funds_are_not_fiscal_funds():
    r = run("使用非财政拨款结余300.00万元，财政拨款结转200.00万元。\n")
    scopes = {f.q.raw: f.scope for f in r.facts}
    assert scopes["300.00万元"] == "非财政拨款" and scopes["200.00万元"] == "财政拨款"


def test_a_wrapped_title_names_the_draft_year():
    text = (
        "某区2023年预算执行情况和\n2024年预算草案的报告\n"
        "2023年全区一般公共预算收入100.00亿元，增长3%。\n"
    )
    assert "P002" not in codes(text)
    assert "P002" not in codes(text.replace("情况和\n2024", "情况\n\n和2024"))


def test_a_shortfall_is_no_whole():
    text = (
        "1-5月，一般预算收入完成5000万元，占年预算15000万元的33.33%，短收250万元，比上年同期增长4.2%。"
        "其中：税务部门完成{a}万元，比上年同期下降10.1%；财政部门完成2600万元，比上年同期增长20.5%。\n"
    )
    assert "T002" not in codes(text.format(a=2400))
    # the parts against the 完成 figure: 2500 + 2600 > 5000
    assert "T002" in codes(text.format(a=2500))


def test_carry_over_from_last_year_is_this_years_figure():
    # 上年结转 is revenue of the year; the growth rate is its own amount's, whose prior year
    # is not stated
    text = (
        "全市一般公共预算收入800,000万元，为调整预算数的97.5%，增长5.2%；加上上级补助收入"
        "300,000万元、上年结转120,000万元，收入总量1,220,000万元。收支相抵，年终结转150,000万元。\n"
    )
    assert codes(text) == []
    carried = [f for f in run(text).facts if f.q.raw.startswith("120,000")]
    assert carried and all(f.period != "prior" for f in carried)


def test_one_list_under_several_counts():
    text = (
        "2023年对4个部门、6个乡镇开展整体支出绩效评价，12个专项开展重点评价，其中：良好部门4个；"
        "优秀乡镇2个，良好乡镇4个；良好专项11个，中等专项1个。\n"
    )
    assert codes(text) == []


def test_a_change_on_another_basis():
    text = "2022年全区一般公共预算收入900,000万元，比2021年减收30,000万元，剔除留抵退税后同口径增长0.8%。\n"
    assert codes(text) == []
    # on the stated basis, a rate is still checked: 30000 ÷ 930000 = 3.23%
    assert codes(text.replace("剔除留抵退税后同口径增长0.8%", "下降4.3%")) == ["R003"]


def test_a_part_area_and_a_counted_group_are_not_the_whole():
    text = (
        "2023年，全市谋划实施城建项目300个，概算总投资2000.0亿元，年度计划投资500.0亿元。\n\n"
        "其中，中心城区谋划实施城建项目180个，概算总投资1500.0亿元，年度计划投资380.0亿元。\n\n"
        "3个县（市）共实施城建项目120个，概算总投资500.0亿元，年度计划投资120.0亿元。\n"
    )
    assert "S001" not in codes(text)
    # the whole restated outside the items with another value is still one figure twice
    assert "S001" in codes(text + "\n全年概算总投资2100.0亿元。\n")


BUILD_UP = (
    "2023年全县一般公共预算收入{a}万元，为调整预算数的98.2%，增长4.1%；加上上级补助收入96,400万元、"
    "上年结转8,150万元（其中专项结转3,020万元）、调入资金12,300万元，收入总量181,050万元。"
    "一般公共预算支出150,220万元，增长2.7%；加上上解上级支出2,410万元、债务还本支出9,800万元，"
    "支出总量162,430万元。收支相抵，年终结转{r}万元。\n"
)


def test_a_build_up_adds_to_its_total():
    # 64,200 + 96,400 + 8,150 + 12,300 = 181,050; 181,050 − 162,430 = 18,620
    assert codes(BUILD_UP.format(a="64,200", r="18,620")) == []
    assert codes(BUILD_UP.format(a="64,800", r="18,620")) == ["T001"]
    assert codes(BUILD_UP.format(a="64,200", r="18,260")) == ["T007"]


def test_a_build_up_after_a_list_is_not_read():
    # the amount added to is not the one before 加上 (a 其中 list stands between): no sum
    text = (
        "全区一般公共预算收入100,000万元。其中：税收收入70,000万元，非税收入30,000万元。"
        "加上上级补助收入50,000万元，收入总量150,000万元。\n"
    )
    assert codes(text) == []
    assert codes(text.replace("收入总量150,000", "收入总量160,000")) == []


def test_a_partition_given_by_a_parts_own_parts():
    # 公务用车购置及运行费 given as 购置费 and 运行费: the four make 三公经费 whole
    text = (
        "2023年“三公”经费支出{t}万元，其中：因公出国（境）费10.00万元，公务用车购置费15.00万元，"
        "公务用车运行维护费12.00万元，公务接待费8.00万元。\n"
    )
    assert codes(text.format(t="45.00")) == []
    assert codes(text.format(t="50.00")) == ["T001"]


def test_a_gloss_names_the_whole_listed_before_it():
    text = (
        "本局2023年开支的出国（境）经费、车辆购置及运行费、公务接待费（简称“三公”经费）支出合计"
        "30.50万元。\n"
    )
    assert [f.scope for f in run(text).facts] == ["三公经费"]


def test_parts_changes_against_the_wholes_change():
    # rates only, the whole in 亿元 and its parts in 万元: 1300 ÷ 0.617 + 23700 ÷ 0.749 +
    # 6300 ÷ 0.638 = 43624 last year, so the whole fell 28.25%, not 26.2%
    text = (
        "全省“三公”经费支出3.13亿元，比上年下降{r}%，其中：因公出国（境）费1300万元，下降38.3%；"
        "公务用车购置及运行费2.37亿元，下降25.1%；公务接待费6300万元，下降36.2%。\n"
    )
    assert codes(text.format(r="28.2")) == []
    assert codes(text.format(r="26.2")) == ["R008"]


def test_a_bare_outcome_after_a_revenue_budget_is_that_revenues():
    # "X收入预算数A，决算数B": B is the revenue's outcome, not spending restated
    text = (
        "2023年，基金收入预算数600.00亿元，决算数550.00亿元，完成预算的91.7%。其中，保险费收入预算数"
        "300.00亿元，决算数290.00亿元，完成预算的96.7%。本年支出预算数500.00亿元，决算数420.00亿元，"
        "完成预算的84.0%。\n"
    )
    assert codes(text) == []
    labels = {f.q.raw: f.label for f in run(text).facts}
    assert labels["290.00亿元"] == "保险费收入决算数" and labels["420.00亿元"] == "本年支出决算数"


def test_a_half_year_head_dates_its_list():
    text = "上半年，全市一般公共预算收入1144.4亿元，同比增长6.3%。其中：税收收入865.4亿元；非税收入{n}亿元。\n"
    assert codes(text.format(n="279")) == []
    assert codes(text.format(n="297")) == ["T001"]


def test_a_build_up_ends_a_list_of_parts():
    # the added amounts are not parts of the 总收入 before them (上级补助 is often the larger)
    text = (
        "全区一般公共预算总收入410338万元，其中地方一般公共预算收入271630万元；加上级补助收入420846万元，"
        "上年结余收入42690万元，收入合计735166万元。\n"
    )
    assert "T002" not in codes(text)


def test_an_increase_is_no_build_up():
    text = "2023年全县收入100万元，比上年增加上级补助收入20万元、上年结转5万元，收入合计130万元。\n"
    assert codes(text) == []


def test_a_change_sentence_after_its_figures_sentence_with_a_reason():
    # the figure alone in its sentence, its change and rate in the next, whose reason names an
    # amount of its own: 150 ÷ (380 + 150) = 28.30%
    text = (
        "2021年度部门决算说明\n1.一般公共预算财政拨款收入380.00万元，为市本级财政当年拨付的资金。"
        "较2020年度决算数减少150.00万元，下降{r}%，主要原因：2020年下拨了抚恤金70.00万元。\n"
    )
    assert codes(text.format(r="28.3")) == []
    assert codes(text.format(r="26.3")) == ["R003"]


def test_a_rate_named_after_what_was_done():
    # "计划…N项，实际已开工M项，开工率r%": r = M ÷ N, like a 完成率
    text = "2023年全市计划新开工项目280项，实际已开工140项，开工率达{r}%。\n"
    assert codes(text.format(r="50")) == []
    assert codes(text.format(r="45")) == ["R004"]
    # a rate whose name no figure's words hold is no such rate
    assert codes("2023年全市计划新开工项目280项，实际已开工140项，合格率达45%。\n") == []


def test_scores_in_a_run_closed_by_the_overall_score():
    text = "2023年度项目支出绩效自评报告\n经自评，项目立项6分，项目管理18分，产出指标45分，效益指标{e}分，总得分84分。\n"
    assert codes(text.format(e="15")) == []
    assert codes(text.format(e="19")) == ["T001"]
    # a deduction in the run, or a score after the overall: no such sum
    assert codes(text.format(e="15").replace("项目管理18分", "扣减管理分18分")) == []
    assert codes(text.format(e="19").replace("总得分84分。", "总得分84分，加分2分。")) == []


def test_a_target_exceeded_written_as_met():
    # "完成率100%" of 6 done against 5 planned: over-achievement is written as met
    text = "2023年度项目支出绩效自评报告\n计划完成培训5期，实际完成培训{n}期，完成率100%。\n"
    assert codes(text.format(n=6)) == []
    assert codes(text.format(n=4)) == ["R004"]


# Round 12 (county and district 决算, 预算执行 reports, 自评 on mirror sites)


def test_a_rate_after_a_semicolon_is_its_own_items():
    # "A…B元，增长r%；C增加D元，增长s%": r is A's (no change stated), s is C's change over a
    # current that is not stated; neither is compared across the ；
    text = (
        "2022年度“三公”经费支出决算数比2021年增加182,400.00元，增长96.30%。其中：公务用车运行"
        "维护费支出决算214,300.00元，增长150.20%；公务接待费支出决算增加41,200.00元，增长{s}%。\n"
    )
    assert codes(text.format(s="88.00")) == []
    assert codes(text.format(s="78.00")) == []  # no current stated for 接待费: nothing to hold


def test_a_same_clause_change_is_still_checked():
    text = "2022年度公务接待费支出决算98,600.00元，比上年增加41,200.00元，增长{s}%。\n"
    assert codes(text.format(s="71.78")) == []  # 41200 ÷ 57400
    assert codes(text.format(s="81.78")) == ["R003"]


def test_a_rate_of_change_uses_each_figure_once():
    # 7 and a decrease of 5, whole 万元: the rate is 4.5 ÷ 12.5 … 5.5 ÷ 12.0 = 36.0%–45.8%; as
    # intervals 5.5 ÷ (6.5 + 4.5) = 50% would have passed
    text = "2023年某单位“三公”经费预算数7万元，较2022年预算减少5万元，下降{r}%。\n"
    assert codes(text.format(r="42")) == []
    assert codes(text.format(r="48")) == ["R003"]


def test_a_share_of_its_own_budget_is_no_share_of_the_total():
    # "占预算的r%" after a part: the part's own budget (a completion rate), not the total
    text = (
        "2023年全县决算\n2023年，全县地方一般公共预算收入完成86420万元，增长2%，占预算的100%，"
        "其中税收收入60210万元，占预算的103.4%，非税收入26210万元，占预算的94.1%，"
        "税收占地方一般公共预算收入的比重为{r}%。\n"
    )
    assert codes(text.format(r="69.7")) == []  # 60210 ÷ 86420 = 69.67%
    assert codes(text.format(r="72.7")) == ["R002"]


def test_a_final_account_compared_with_its_own_years_outturn():
    text = (
        "某区人民政府关于2021年财政决算的报告\n"
        "2021年全区一般公共预算支出531,200万元。在支出决算方面，债务付息支出与2021年执行数相比"
        "减少86万元。\n"
    )
    assert codes(text) == []
    assert codes(text.replace("与2021年执行数相比", "与2021年决算数相比")) == ["P002"]


def test_an_inline_list_cut_off_by_the_end_of_the_text():
    text = "截至2023年底，区属企业主要分布于四个行业：（1）城市建设类。共6户企业，总资产"
    assert codes(text) == []
    # finished, it is one item of four
    assert codes(text + "120亿元。\n") == ["E001"]


def test_a_mask_the_text_explains_is_no_template_blank():
    text = (
        "项目详情\n下文中****为隐藏内容，仅对会员开放\n****2023年度农业发展资金绩效评价表\n"
        "年度资金总额500万元。\n"
    )
    assert codes(text) == []
    assert codes(text.replace("为隐藏内容，仅对会员开放", "")) == ["M001"]


def test_met_as_planned_with_an_indicator_named_after_an_ordinal():
    # "已按照计划完成目标" claims every target; "第二，…年初指标值为不低于X" names the indicator after
    # the ordinal's clause
    text = (
        "2023年度项目支出绩效自评报告\n对照总体绩效目标，该项目已按照计划完成目标。\n"
        "1、产出数量指标：第一，培训基层人员人次数年初指标值为不低于120人，全年实际完成值131人。"
        "第二，发放助学补贴人次数年初指标值为不低于260人，全年实际完成值{n}人。\n"
    )
    assert codes(text.format(n=264)) == []
    r = run(text.format(n=241))
    assert [f.rule for f in r.findings] == ["I004"]
    assert "发放助学补贴人次数”" in r.findings[0].message["zh"]


def test_a_form_row_label_with_a_colon():
    text = (
        "就业补助资金绩效自评表\n"
        "资金投入情况 (万元) |\n"
        "全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||\n"
        "年度资金总额: | 640.5 | 598.22 | {r} | ||||\n"
        "其中:中央财政资金 | 640.5 | 598.22 | 93% | ||||\n"
    )
    assert codes(text.format(r="93%")) == []
    assert codes(text.format(r="83%")) == ["F002"]


def test_a_fund_named_after_its_budget_is_a_part_like_any_other():
    # "一般公共预算资金" is the fund's amount, not a budget figure: the list under an amount of no
    # known measure stays one list
    text = "现将2023年补助资金{t}万元下达给你们，其中：一般公共预算资金42.10万元、彩票公益金61.8万元。\n"
    assert codes(text.format(t="103.90")) == []
    assert codes(text.format(t="93.90")) == ["T002"]


# Round 13 (county and city 预算执行 and 决算 reports, procurement and evaluation notices)


def test_fund_revenue_is_revenue_not_a_revenue_budget():
    r = run("2023年，全县一般公共预算收入完成52310万元，完成预算的101.2%。\n")
    assert [f.concept for f in r.facts if f.q.family == "money"] == ["revenue.actual"]


def test_a_bare_base_names_the_whole_not_a_sibling_part():
    text = (
        "1-3月，全县实现财政收入21480万元，完成预算的24.10%。从收入结构看：税收收入18260万元，"
        "占收入的85.01%，同比增收1210万元；非税收入3220万元，占收入的{r}%，同比增收410万元。\n"
    )
    assert codes(text.format(r="14.99")) == []
    assert codes(text.format(r="16.99")) == ["R002"]


def test_a_share_of_the_area_is_not_of_one_level():
    # "占一般公共预算收入的" after the 县级 figure: the share is of the whole area's, stated a
    # paragraph before; no figure of this paragraph is that whole
    text = (
        "去年全市一般公共预算收入累计完成402310万元，同比增长6.2%。\n"
        "市本级一般公共预算收入累计完成51210万元；县级一般公共预算收入累计完成351100万元。"
        "全市一般公共预算收入中，税收收入累计完成281620万元，占一般公共预算收入的70.0%。\n"
    )
    assert codes(text) == []


def test_a_figure_opening_its_own_list_ends_the_list_before():
    text = (
        "截至年底，上级下达我市政府债务限额820.5亿元，其中一般债务510.5亿元、专项债务310亿元，"
        "全市政府债务余额为790.20亿元，其中一般债务492.10亿元、专项债务{s}亿元。\n"
    )
    assert codes(text.format(s="298.10")) == []
    assert codes(text.format(s="308.10")) == ["T002"]


def test_a_list_past_the_known_parts_is_not_only_those_parts():
    text = (
        "2022年，区本级一般公共预算收入实际完成61.20亿元，其中：税收收入完成12.10亿元，下降3.5%；"
        "非税收入完成16.40亿元，增长9%；上级转移支付补助收入20.30亿元；债务转贷收入8.20亿元；"
        "上年结转4.20亿元。\n"
    )
    assert codes(text) == []
    # the known parts alone, with nothing after them, are the whole
    alone = "2022年，区本级一般公共预算收入实际完成61.20亿元，其中：税收收入完成12.10亿元；非税收入完成16.40亿元。\n"
    assert codes(alone) == ["T001"]


def test_parts_under_two_wholes_told_apart_by_their_words():
    text = (
        "财政体制改革前一般公共预算收入完成14.20亿元，其中：税收收入完成9.10亿元，"
        "非税收入完成5.10亿元。\n财政体制改革后一般公共预算收入完成11.60亿元，其中：税收收入"
        "完成6.40亿元，非税收入完成5.20亿元。\n"
    )
    assert codes(text) == []


def test_a_title_wrapped_before_its_joiner_anywhere_near_the_top():
    text = (
        "目录\n第一部分\n关于某区2024年预算执行情况\n和2025年预算草案的报告\n各位代表：\n"
        "一般公共预算收入完成16.16亿元，完成年初预算的95.30%。\n"
    )
    assert codes(text) == []
    # a heading of its own that names the next year is still another draft's
    assert codes("关于某区2024年预算执行情况的报告\n2025年预算草案\n") == ["P002"]


def test_a_count_of_another_thing_after_a_list():
    text = "2023年共对{n}个项目开展重点评价，其中项目支出评价5个、政策评价2个，涉及部门单位9个。\n"
    assert codes(text.format(n=7)) == []
    assert codes(text.format(n=6)) == ["T002"]


def test_a_parts_reason_holds_its_own_figures():
    text = (
        "调增一般公共预算支出{t}亿元，其中：调增刚性支出0.52亿元，调整的原因：按最新口径，"
        "“三保”支出调减0.21亿元，其他刚性支出调增0.73亿元；调增重点项目支出4.10亿元。\n"
    )
    assert codes(text.format(t="4.62")) == []
    assert codes(text.format(t="4.42")) == ["T002"]


def test_a_list_after_two_wholes_may_be_of_the_other():
    text = (
        "2020年1-6月，某市政府采购金额18204.50万元，采购预算19210.00万元。其中，货物采购"
        "4120.20万元；工程采购7084.10万元；服务采购{s}万元。\n"
    )
    assert codes(text.format(s="7000.20")) == []
    assert codes(text.format(s="7100.20")) == ["T001"]  # of neither


def test_a_final_level_after_an_opener_scopes_its_paragraph():
    text = (
        "2024年，全市政府采购规模为28.40亿元，较采购计划节约资金4.10亿元。\n"
        "据悉，{level}政府采购规模为9.30亿元，较采购计划节约资金1.20亿元。\n"
    )
    assert codes(text.format(level="市本级")) == []
    assert "S001" in codes(text.format(level="全市"))  # the same level's figure, restated
    # a news item's opening clause ("记者从市财政局获悉，") before the year and the level
    news = "本报讯 记者从市财政局获悉，" + text.format(level="市本级")
    assert codes(news) == []


# Round 14 (provincial and city 决算 notes, sector 自评 texts)


def test_digits_grouped_by_spaces_are_one_figure():
    text = "1996年，教育事业费支出61 250万元，比上年增加7 310万元，增长{r}%。\n"
    assert codes(text.format(r="13.55")) == []  # 7310 ÷ 53940
    assert codes(text.format(r="15.55")) == ["R003"]


def test_a_figure_of_the_changes_base_year_is_not_the_current():
    text = "机关运行经费支出情况。2015年决算支出合计128.40万元，2014年为96.20万元，较2014年增加32.20万元，增加{r}%。\n"
    assert codes(text.format(r="33")) == []  # 32.20 ÷ 96.20 = 33.5%
    assert codes(text.format(r="38")) == ["R003"]


def test_a_base_joined_to_another_thing_is_not_named_by_half_of_it():
    text = (
        "对市县税收返还和转移支付3980.10亿元，占总支出的61%（包括一般性转移支付2840.20亿元，"
        "占转移支付比重达80%；专项转移支付710.05亿元）。\n"
    )
    assert "R002" not in codes(text)


def test_a_part_shared_out_opens_its_own_list():
    text = (
        "我市获得2023年度专项资金{t}万元，其中第一批资金8620万元，分别支持甲项目2500万元、"
        "乙项目3120万元、丙项目3000万元；第二批资金6150万元，分别支持丁项目6150万元。\n"
    )
    assert codes(text.format(t="14770")) == []
    assert codes(text.format(t="7620")) == ["T002"]  # the first part alone exceeds it


def test_another_bodys_statement_after_a_semicolon_ends_the_list():
    text = (
        "2015年度决算\n某市生态环境局“三公”经费财政拨款决算数为{t}万元，其中公车购置费为0元；"
        "某市教育委员会“三公”经费财政拨款决算数为5120.40万元。\n"
    )
    assert codes(text.format(t="386.20")) == []
    assert codes(text.format(t="386.20").replace("公车购置费为0元", "公车购置费为400万元")) == [
        "T002"
    ]


# Round 15 (department budget notes, 部门整体 自评 of cities and counties)


def test_each_fund_levels_execution_rate_is_its_own():
    text = (
        "2023年度项目支出绩效自评报告\n截至年底，中央资金完成512.40万元，预算执行率84.20%，"
        "省级资金完成210.30万元，预算执行率{r}%；地方资金完成96.00万元，预算执行率100%。\n"
    )
    assert codes(text.format(r="97.50")) == []
    # the same level's rate stated twice with two values is still a slip
    twice = text.format(r="97.50") + "中央资金预算执行率为88.20%。\n"
    assert "S001" in codes(twice)


def test_asterisks_on_many_lines_are_a_masked_copy():
    lines = [
        "2024年度****部门整体支出绩效自评报告",
        "部门（单位）名称：****",
        "****内设机构包括办公室、权益部。",
        "承办区委、****政府交办的其他事项。",
    ]
    assert codes("\n".join(lines) + "\n") == []
    # one blank left in a template is still one
    assert codes("2024年度****部门整体支出绩效自评报告\n年度预算500万元。\n") == ["M001"]
    # a site that says its text needs a login masks it, on however few lines
    site = "主管部门：点击登录查看\n项目开工日期为****，预计竣工日期为****。\n联系电话：****\n"
    assert codes(site) == []


# Round 16 (决算 of schools, institutes and towns; 项目 自评 of provinces and cities)


def test_a_change_against_an_earlier_years_figure_named_in_the_comparison():
    # "…为A，比2013年度决算数P减少C，下降r%": P is last year's, A this year's; r = C ÷ P (a
    # gloss "数(shù)", as some sites print, leaves P with no words: its year still tells)
    text = (
        "2014年度部门决算\n其中：因公出国（境）费2014年财政拨款支出决算数为6410.20万元，比2014年度"
        "预算数减少1210.50万元，比2013年度决算数(shù)7120.40万元减少710.20万元，下降{r}%。\n"
    )
    assert codes(text.format(r="9.97")) == []
    assert codes(text.format(r="10.97")) == ["R003"]


def test_names_split_by_commas_and_enumeration_commas_are_not_counted():
    text = (
        "拥有1个中心、2个实验室、2个试验站，分别为国家甲改良分中心，乙品质检测实验室、丙种质实验室、"
        "丁试验站和戊试验站。\n"
    )
    assert codes(text) == []


def test_a_title_broken_inside_a_word_before_its_joiner():
    # "…2024年预算执行" / "情况和2025年预算草案的报告": the break falls inside 执行情况, not at 和
    text = (
        "关于某县2024年预算执行\n情况和2025年预算草案的报告\n一、2024年预算执行情况\n"
        "全县一般公共预算收入完成16.16亿元，完成预算的95.30%。\n"
    )
    assert codes(text) == []


# Round 18 (town and county 决算 and 预算执行, school 预算, 转移支付 and sector 自评 forms)


def test_a_parenthesis_closed_one_item_late():
    # "A（含B、C、D，E）": B + C + D make A exactly and E follows a comma: E is A's sibling,
    # written inside A's parenthesis; parts run on by 、 that exceed A are still A's
    text = (
        "上级补助收入2500万元，其中：一般转移支付收入1980万元（含均衡性转移支付收入300万元、"
        "基本财力保障机制奖补资金收入{B}万元、其他一般转移支付收入280万元，"
        "专项转移支付收入520万元）。\n"
    )
    assert codes(text.format(B=1400)) == []
    # 300 + 1500 + 280 = 2080 > 1980: the parts before the comma do not close it
    assert codes(text.format(B=1500)) == ["T002"]


def test_a_build_up_that_lists_one_parts_own_parts_is_not_read():
    # "A，加B，其中：B1（…），C，D，合计T": where B's list ends and the run goes on is unsaid
    text = (
        "全镇一般公共预算收入5100万元，加上级补助收入{B}万元，其中：一般转移支付收入1600万元"
        "（含均衡性转移支付收入300万元、结算补助收入1300万元），上年结转结余70万元，"
        "调入资金130万元，收入合计为7400万元。\n"
    )
    assert codes(text.format(B=2100)) == []
    # without the inner list the run is read and checked: 5100 + 2200 + 70 + 130 = 7500
    plain = text.format(B=2200).replace(
        "，其中：一般转移支付收入1600万元（含均衡性转移支付收入300万元、结算补助收入1300万元）", ""
    )
    assert codes(plain) == ["T001"]


def test_a_part_named_past_the_known_partition_by_its_own_clause():
    # "其中：税收A，下降r%；非税B，增长s%；上级补助C，其中：…": C's clause names it, and it is
    # none of the known parts, so it is no part of the revenue
    text = (
        "一般公共预算收入{T}万元，完成调整预算的99.5%，其中：税收收入41200万元，下降8%；"
        "非税收入30500万元，增长15.2%；上级补助385000万元，其中：返还性收入2100万元、"
        "一般性转移支付收入320000万元、专项转移支付收入62900万元。\n"
    )
    assert codes(text.format(T=71700)) == []
    assert codes(text.format(T=70700)) == ["T002"]


def test_of_two_heads_the_list_is_the_one_its_words_name_the_whole_of():
    # "…拨款收入A，…拨款支出A，比上年减少C。其中：基本支出B…": 基本支出 is of the 支出
    text = (
        "2025年一般公共预算财政拨款收入540.20万元，一般公共预算财政拨款支出540.20万元，"
        "比2024年减少61.30万元。其中：基本支出{B}万元，比2024年减少40.10万元，主要原因是人员减少。\n"
    )
    assert codes(text.format(B="402.60")) == []
    found = run(text.format(B="602.60")).findings
    assert [f.rule for f in found] == ["T002"]
    assert "：602.60 > 540.20，" in found[0].message["zh"]  # one part: no "= 602.60"


def test_a_transfer_form_splits_its_funds_into_central_and_local():
    # 中央 + 地方 + 其他资金 = 年度资金总额; the blank rows add nothing
    form = (
        "中央转移支付某县体育中心项目绩效自评表 | |||||||\n"
        "资金投入情况 （万元） |\n"
        "全年预算数（A） | 全年执行数（B） | 预算执行率（B/A×100%） | ||||\n"
        "年度资金总额： | 1800 | 1102.05 | 61.23% | ||||\n"
        "其中：中央财政资金 | 1800 | {S} | 61.23% | ||||\n"
        "地方财政资金 | |||||||\n"
        "其他资金 | |||||||\n"
    )
    assert codes(form.format(S="1102.05")) == []
    found = run(form.format(S="1101.8")).findings
    assert [f.rule for f in found] == ["F001"]
    assert "“年度资金总额”的全年执行数" in found[0].message["zh"]
    assert "：1101.8 ≠ 1102.05，" in found[0].message["zh"]  # one row filled in: no "= 1101.80"


def test_a_rate_named_after_work_done_by_another_done_word():
    # "实际完成X…，完工率r": 完工 and 完成 both name what was done
    text = "2022年，计划实施乡村道路养护工程420公里，实际完成{X}公里，完工率为100%。\n"
    assert codes(text.format(X="420")) == []
    assert codes(text.format(X="230.5")) == ["R004"]


def test_an_amount_in_yuan_among_ten_thousands_that_closes_its_list():
    # a report in 万元 gives one item in 元: as written the items fall short of (or exceed)
    # their total; read in 万元 they make it exactly, so the unit is the slip (U001, not T00x)
    text = (
        "一、支出决算情况\n2023年一般公共预算财政拨款支出52400万元，比上年增加1200万元。"
        "其中：教育支出{E}，卫生健康支出15230万元，农林水支出8066万元。\n"
        "二、收入决算情况\n2023年收入合计53100万元，其中：财政拨款收入52400万元，其他收入700万元。\n"
        "三、结转情况\n年末结转和结余300万元。\n"
    )
    assert codes(text.format(E="29104万元")) == []
    found = run(text.format(E="29104元")).findings
    assert [f.rule for f in found] == ["U001"]
    assert "29104元的单位疑为万元" in found[0].message["zh"]
    # a slip of the figure itself, not of its unit, stays a slip of the sum
    assert codes(text.format(E="39104万元")) == ["T002"]
    # amounts of several units that add up as written are no slip
    mixed = text.format(E="29104万元").replace("52400万元，比上年", "5.24亿元，比上年")
    assert codes(mixed) == []


# Round 19 (department 决算 of a province's units, long 预算执行 and 审计 reports, 自评 forms)


def test_one_part_of_a_hundred_percent_is_the_whole_only_to_its_rounding():
    # "收入合计A，其中：财政拨款收入B，占100%": B ÷ A = 99.98% rounds to 100%
    text = "收入合计{A}万元，其中：财政拨款收入986.52万元，占100%；年初结转和结余0万元。\n"
    assert codes(text.format(A="986.71")) == []
    assert codes(text.format(A="1016.71")) == ["R002"]  # 97.03% is no 100%


def test_a_comparison_base_in_a_revenue_clause_is_the_revenue():
    # "收入预算数A，实际完成B，比上年决算数C增长r%；…实际支出D，比上年决算数E下降s%": C is
    # the revenue's outcome, never compared with the spending D
    text = (
        "2023年，全县一般公共预算收入预算数为8.62亿元，实际完成8.62亿元，比上年决算数8.05亿元"
        "增长{r}%；一般公共预算支出预算数为19.40亿元，实际支出18.77亿元，比上年决算数18.95亿元"
        "下降{s}%。\n"
    )
    assert codes(text.format(r="7.1", s="0.9")) == []
    two = text.replace("；一般", "。一般")  # two sentences: 8.05 and 18.95 are not one figure
    assert codes(two.format(r="7.1", s="0.9")) == []
    assert codes(text.format(r="7.1", s="5.9")) == ["R003"]  # 18.77 ÷ 18.95 − 1 = −0.95%


def test_a_title_wrapped_with_its_joiner_lost_names_the_draft_year():
    text = (
        "关于某县2023年预算执行情况\n\n2024年预算草案的报告\n\n一、2023年预算执行情况\n"
        "全县一般公共预算收入完成6.20亿元，完成预算的101.2%。\n"
    )
    assert codes(text) == []


def test_two_levels_sections_run_on_in_one_line_are_two_figures():
    # "1.全县…动用预算稳定调节基金A…。2.县本级…动用预算稳定调节基金B": one item of two levels
    text = (
        "一、2023年决算情况 1.全县一般公共预算收支决算情况 全县一般公共预算收入85.2亿元，增长6%。"
        "加上级补助收入30.1亿元、动用预算稳定调节基金{A}亿元，收入总量为118.7亿元。"
        "2.县本级一般公共预算收支决算情况 县本级一般公共预算财力60.4亿元，加上年结转收入2.1亿元、"
        "动用预算稳定调节基金3.1亿元，收入总量为65.6亿元。\n"
    )
    assert codes(text.format(A="3.4")) == []
    assert codes(text.format(A="3.9")) == ["T001"]  # 85.2 + 30.1 + 3.9 = 119.2


def test_a_colon_list_of_comma_parts_ends_at_the_full_stop():
    # "其中：A、B。支出D。": the 。 after parts separated by 、 ends the list, so the next
    # sentence's total of another measure neither joins nor voids it
    text = "2022年收入{T}万元，其中：财政拨款收入360.5万元、事业收入95.2万元。支出440.8万元。\n"
    assert codes(text.format(T="455.7")) == []
    assert codes(text.format(T="445.7")) == ["T002"]


def test_a_change_of_revenue_and_spending_stated_as_one_total():
    # "收入总计A，支出总计A。收支较上年增加B，增长r%": the change is of A, which both state
    text = (
        "2021年度部门决算\n2021年度收入总计1085.40万元，支出总计1085.40万元。"
        "收支较上年决算数增加{B}万元，增长{r}%，主要原因是人员经费增加。\n"
    )
    assert codes(text.format(B="95.40", r="9.64")) == []
    assert codes(text.format(B="95.40", r="8.64")) == ["R003"]  # 95.40 ÷ 990.00 = 9.64%
    # two totals of two values: which one changed is unsaid, and nothing is checked
    two = text.replace("支出总计1085.40", "支出总计1075.40")
    assert codes(two.format(B="95.40", r="8.64")) == []


def test_a_build_up_opened_by_a_bare_add_before_a_level_of_government():
    # "收入A，增长r%。加市级…补助收入B、上年结转C…，收入总量为T": 加 + 市级…
    text = (
        "全区一般公共预算收入218.4亿元，增长7%。加市级财政税收返还和补助收入76.3亿元、"
        "上年结转收入5.2亿元、调入资金{C}亿元，收入总量为302.1亿元。\n"
    )
    assert codes(text.format(C="2.2")) == []
    assert codes(text.format(C="2.9")) == ["T001"]
    # 加 inside a word opens nothing ("加强市级…管理")
    assert codes("加强市级资金管理，下达资金3.2亿元、安排1.1亿元，总计5.0亿元。\n") == []


# Round 20 (regions least read before: news pages of monthly revenue, 兵团, 盟市)


def test_a_citys_partition_is_of_the_whole_its_own_paragraph_states():
    # the province's total first; a city's paragraph states its own (with a bare 亿) and the
    # parts after a sentence of words: they add up to the city's, not the province's
    text = (
        "2023年1-2月全省一般公共预算收入完成702亿元，同比下降0.5%。其中税收收入完成560.3亿元；"
        "非税收入完成141.7亿元。\n\n"
        "甲市1-2月财政收入为{T}亿，增长4.1%。甲市财政总量依然领先。其中税收收入64.25亿元，"
        "下降3.1%；非税收入19.63亿元，增长52.2%。\n"
    )
    assert codes(text.format(T="83.88")) == []
    r = run(text.format(T="83.88"))
    assert any(f.q.raw == "83.88亿" and f.q.unit == "亿元" for f in r.facts)
    # a bare 亿 with no money word before it is no figure
    assert [f.q.raw for f in run("全年接待游客1.2亿，同比增长8%。\n").facts] == ["8%"]


def test_a_change_that_names_another_item_is_not_the_totals_change():
    # after "收入总计A，支出总计A。", a change whose words name another item is that item's
    head = "2023年度部门决算\n2023年度收入总计642.18万元，支出总计642.18万元。"
    for words in (
        "其中财政拨款收入较上年增加",
        "年末结转和结余较上年增加",
        "本年收入合计较上年增加",
    ):
        assert codes(head + words + "58.30万元，增长11.36%。\n") == []
    # the totals' own change is still checked: 58.30 ÷ 583.88 = 9.98%
    assert codes(head + "收支较上年增加58.30万元，增长11.36%。\n") == ["R003"]


def test_a_known_part_after_the_full_stop_goes_on_with_its_siblings():
    # "其中：出国A、接待B。公务用车购置及运行维护费C，其中：…": C is the third 三公 part
    text = (
        "“三公”经费预算{T}万元，其中：因公出国（境）费0万元、公务接待费3.20万元。"
        "公务用车购置及运行维护费12.00万元，其中：公务用车购置费0万元，公务用车运行维护费12.00万元。\n"
    )
    assert codes(text.format(T="15.20")) == []
    assert codes(text.format(T="13.20")) == ["T001"]


def test_economic_classes_are_not_the_staff_and_office_costs():
    # 工资福利支出 + 商品和服务支出 is not all of 基本支出: 对个人和家庭的补助 is the third class
    text = (
        "2024年一般公共预算基本支出{T}万元，其中：工资福利支出612.30万元、商品和服务支出98.40万元。"
        "对个人和家庭的补助支出41.50万元，主要用于退休人员生活补助。\n"
    )
    assert codes(text.format(T="752.20")) == []
    assert codes(text.format(T="702.20")) == ["T002"]  # 612.30 + 98.40 > 702.20


def test_an_amount_per_head_in_a_list_is_no_part():
    text = (
        "全年发放城乡低保金{T}万元，其中：城市低保对象每人每月补助标准为760元，发放298.40万元；"
        "农村低保对象每人每年补助标准为6200元，发放705.20万元。\n"
    )
    assert codes(text.format(T="1003.60")) == []
    assert codes(text.format(T="993.60")) == ["T002"]


def test_a_partition_whose_sum_the_paragraph_before_states_under_another_name():
    # "实际完成收入A，其中：本级收入B…" then "税收收入C…；非税收入D…": C + D is B, stated
    text = (
        "区本级一般公共预算实际完成收入78.32亿元，其中：本级收入41.06亿元，转移性收入37.26亿元。\n"
        "2021年收入完成情况：税收收入完成{C}亿元，增长2.4%；非税收入完成17.95亿元，增长3%。\n"
    )
    assert codes(text.format(C="23.11")) == []


# Round 21 (a hunt on the readings above, mostly on rewordings)


def test_a_bare_yi_reads_grouped_digits_and_not_counts_named_after_money():
    text = "全省一般公共预算收入3,121.5亿，其中税收收入2,201.3亿，非税收入{N}亿。\n"
    assert codes(text.format(N="920.2")) == []
    assert codes(text.format(N="990.2")) == ["T001"]  # 税收 + 非税 is the whole revenue
    # invoices counted in 亿 after 增值税 are no amount
    assert codes("开具增值税发票2.35亿，其中专用发票0.85亿。全年税收收入120.4亿元。\n") == []


def test_a_build_up_opened_by_a_bare_add_before_a_province_or_citys_funds():
    text = (
        "2023年全县一般公共预算收入64.30亿元，增长4%。加省补助收入{B}亿元、上年结转收入3.10亿元，"
        "收入总量为101.60亿元。\n"
    )
    assert codes(text.format(B="34.20")) == []
    assert codes(text.format(B="35.20")) == ["T001"]


def test_a_build_up_that_takes_an_amount_away_is_not_read():
    text = (
        "全县一般公共预算收入86520万元，加中央补助收入152340万元、上年结转11200万元，"
        "减上解支出3500万元，收入总计246560万元。\n"
    )
    assert codes(text) == []


def test_a_partition_sum_equal_to_money_from_elsewhere_is_still_a_slip():
    # 5.11 + 3.15 = 8.26 is the transfers' figure, not the revenue's 8.62
    text = (
        "全县一般公共预算收入8.62亿元，全市下达我县转移支付资金8.26亿元。"
        "其中税收收入5.11亿元，非税收入3.15亿元。\n"
    )
    assert codes(text) == ["T001"]


def test_a_per_head_word_inside_a_funds_name_is_a_part():
    text = "资金{T}万元，其中：生均公用经费350.2万元，免费教科书经费45.6万元，寄宿生生活补助241万元。\n"
    assert codes(text.format(T="636.8")) == []
    assert codes(text.format(T="536.8")) == ["T002"]
    # the amount paid at a rate per head stays a part; the rate does not
    paid = (
        "资金210万元，其中：城市对象按每人每月100元标准发放120万元，"
        "农村对象按每人每月200元标准发放110万元。\n"
    )
    found = run(paid).findings
    assert [f.rule for f in found] == ["T002"] and "120 + 110 = 230" in found[0].message["zh"]


# "由A调整为B", "调减为B", "追加至B": B is the budget after the change (调减 before 为 is the
# change's word, not the figure's); read as an amount of change, B made A001 add it to A.
def test_a_budget_adjusted_to_a_figure_is_the_adjusted_budget():
    text = (
        "本单位年初预算数由{A}万元调整为1200万元，调增200万元。全年实际支出1150万元，"
        "预算执行率{R}%。\n"
    )
    assert codes(text.format(A="1000", R="95.83")) == []
    assert codes(text.format(A="1100", R="95.83")) == ["A001"]
    assert codes(text.format(A="1000", R="93.83")) == ["R001"]


def test_a_budget_cut_to_a_figure_is_not_a_cut_of_that_figure():
    text = "该项目年初预算300万元，年中调减至{B}万元，调整后预算{B}万元，全年支出240万元，预算执行率{R}%。\n"
    assert codes(text.format(B="250", R="96")) == []
    assert codes(text.format(B="250", R="86")) == ["R001"]


# "由A增加至B", "从上年的A减少到B", "由A下降为B": A is where the measure came from, B the value it
# came to; neither is the amount of the change, and A is no statement of this year's figure.
FROM_TO = "2023年度部门决算说明\n2023年本部门支出合计由500万元{W}600万元，{D}增长{R}%。{S}\n"


def test_a_change_from_one_figure_to_another():
    assert codes(FROM_TO.format(W="增加至", D="增加100万元，", R="20", S="")) == []
    assert codes(FROM_TO.format(W="增加到", D="", R="20", S="")) == []
    assert codes(FROM_TO.format(W="增加至", D="增加100万元，", R="25", S="")) == ["R003"]
    assert codes(FROM_TO.format(W="增加到", D="", R="25", S="")) == ["R003"]
    # the years may be named on both sides
    years = "2023年度部门决算说明\n本部门支出由2022年的500万元增加到2023年的600万元，增长{R}%。\n"
    assert codes(years.format(R="20")) == []
    assert codes(years.format(R="25")) == ["R003"]
    # the figure it came from is last year's: no restatement of this year's total
    again = "其中基本支出400万元，项目支出200万元。支出合计600万元。"
    assert codes(FROM_TO.format(W="增加至", D="", R="20", S=again)) == []


def test_a_change_from_last_years_figure_in_its_own_words():
    text = "2023年度部门决算说明\n“三公”经费支出由上年的50万元{W}40万元，下降{R}%。\n"
    assert codes(text.format(W="减少到", R="20")) == []
    assert codes(text.format(W="减少到", R="25")) == ["R003"]
    assert codes(text.format(W="增加到", R="20")) == ["R005"]


def test_a_rate_of_growth_stated_with_a_to_word_is_still_the_change():
    text = "2023年度部门决算说明\n2023年本部门收入总计600万元，比上年增加100万元，增长为{R}%。\n"
    assert codes(text.format(R="20")) == []
    assert codes(text.format(R="25")) == ["R003"]


# A project's report states its budget without a scope ("该项目年初预算…") and its spending and
# rate with the project's ("项目实际支出…，预算执行率…"): one whole. A department's report that
# gives a project's rate without its budget leaves the rate unchecked.
PROJECT_RATE = (
    "{T}\n一、项目基本情况\n该项目年初预算安排资金150万元，年中追加预算50万元，全年预算数为200万元。\n"
    "二、项目资金使用情况\n截至2023年12月31日，项目实际支出190万元，预算执行率为{R}%。\n"
)


def test_a_project_reports_rate_leans_on_the_budget_stated_without_a_scope():
    title = "某某县2023年度农村公路养护项目支出绩效自评报告"
    assert codes(PROJECT_RATE.format(T=title, R="95")) == []
    assert codes(PROJECT_RATE.format(T=title, R="96")) == ["R001"]


def test_a_department_reports_project_rate_is_not_set_against_its_whole_budget():
    title = "某某局2023年度部门整体支出绩效自评报告"
    assert codes(PROJECT_RATE.format(T=title, R="96")) == []


# The overall score over the scores of the first-level indicators (决策、过程、产出、效益): all four
# named make the list whole; two of them may be a partial list. Integer scores may be rounded:
# four of them are ±2 off their sum at most.
SCORES = "某某县2023年度农村公路养护项目支出绩效自评报告\n经综合评价，该项目自评得分为{T}分。其中：{L}。\n"
ALL_FOUR = "项目决策15分，项目过程19分，项目产出38分，项目效益20分"


def test_the_scores_of_every_first_level_indicator_add_up_to_the_overall():
    assert codes(SCORES.format(T="92", L=ALL_FOUR)) == []
    assert codes(SCORES.format(T="93", L=ALL_FOUR)) == []  # within the rounding of four
    assert codes(SCORES.format(T="96", L=ALL_FOUR)) == ["T001"]
    assert codes(SCORES.format(T="96", L="产出指标得分38分，效益指标得分20分")) == []


# "完成计划的r%" / "完成年度计划的r%": a rate named only by its words is of the target the sentence
# before states, when that is its only one; a rate of another plan ("完成上半年计划的") is not.
PLAN = (
    "某某县2023年度农村公路养护项目支出绩效自评报告\n{P}养护农村公路120公里。{D}，完成{W}的{R}%。\n"
)


def test_a_completion_rate_of_the_plan_stated_in_the_sentence_before():
    done = "全年完成养护里程126公里"
    assert codes(PLAN.format(P="计划", D=done, W="计划", R="105")) == []
    assert codes(PLAN.format(P="计划", D=done, W="计划", R="108")) == ["R004"]
    assert codes(PLAN.format(P="计划", D=done, W="年度计划", R="108")) == ["R004"]
    half = "上半年完成养护60公里"
    assert codes(PLAN.format(P="计划全年", D=half, W="上半年计划", R="100")) == []
    assert codes(PLAN.format(P="计划全年", D=half, W="计划", R="100")) == []


# Round 22's hunt on its own readings (rewordings of the shapes above).
def test_a_change_to_a_value_by_other_verbs_and_from_words():
    text = "2023年度部门决算说明\n公用经费由{F}240万元{W}180万元，下降{R}%。\n"
    for w in ("降至", "压减至", "缩减为", "减少到"):
        assert codes(text.format(F="", W=w, R="25")) == [], w
        assert codes(text.format(F="", W=w, R="30")) == ["R003"], w
    assert codes(text.format(F="2022年度的", W="降至", R="25")) == []
    # 由 and words ending in 的: the figure it came from is no statement of the spending
    mid = "截至6月底，累计支出由一季度末的120万元增加至300万元，支出进度为{R}%，全年预算600万元。\n"
    assert codes("2023年度部门决算说明\n" + mid.format(R="50")) == []
    assert codes("2023年度部门决算说明\n" + mid.format(R="60")) == ["R001"]


def test_a_rate_averaged_over_years_is_no_change_of_two_figures():
    text = "2023年度部门决算说明\n近三年来，全县家庭农场数量由100个增加到160个，年均增长17%。\n"
    assert codes(text) == []


def test_a_share_of_the_total_a_change_came_to():
    text = (
        "2023年度部门决算说明\n单位资产总额由上年末的3,500万元增加到4,200万元，"
        "其中固定资产原值2,100万元，占资产总额的{R}%。\n"
    )
    assert codes(text.format(R="50")) == []
    assert codes(text.format(R="60")) == ["R002"]


def test_two_items_adjusted_in_one_sentence_are_held_apart():
    text = (
        "某某县2023年度农村公路养护项目支出绩效自评报告\n项目年初预算100万元，年中调减为80万元，"
        "调减20万元；另一子项年初预算50万元，追加至70万元，追加{D}万元。\n"
    )
    assert codes(text.format(D="20")) == []
    assert codes(text.format(D="30")) == ["A001"]


def test_a_plan_of_several_figures_is_no_target_of_a_rate_after_it():
    text = (
        "某某县2023年度农村公路养护项目支出绩效自评报告\n计划养护县道40公里、乡道80公里。"
        "全年完成126公里，完成计划的105%。\n"
    )
    assert codes(text) == []


def test_a_grade_grades_the_overall_score_not_the_last_part_listed_under_it():
    text = (
        "某某县2023年度农村公路养护项目支出绩效自评报告\n自评得分92.5分，其中：决策15分、过程18.5分、"
        "产出38分、效益21分。自评等级为{G}。\n"
    )
    assert codes(text.format(G="优")) == []
    assert codes(text.format(G="良")) == ["G001"]


def test_another_stage_of_the_budget_ends_a_list_of_its_funds():
    text = (
        "某某县2023年度农村公路养护项目支出绩效自评报告\n该项目年初预算150万元，其中中央资金100万元、"
        "县级配套{B}万元，年中追加50万元。\n"
    )
    assert codes(text.format(B="50")) == []
    assert codes(text.format(B="70")) == ["T002"]
    # the stages after the list are the whole budget's: its identity and its rate are checked
    whole = text.format(B="50").replace(
        "。\n", "，全年预算数为{A}万元。项目实际支出190万元，预算执行率95%。\n"
    )
    assert codes(whole.format(A="200")) == []
    assert codes(whole.format(A="210")) == ["A001", "R001"]


def test_the_amount_of_a_change_from_one_figure_to_another():
    text = "2023年度部门决算说明\n公务用车由15辆减少至12辆，减少{D}辆；经费由500万元增加至600万元，增加{M}万元。\n"
    assert codes(text.format(D="3", M="100")) == []
    assert codes(text.format(D="4", M="100")) == ["R003"]
    assert codes(text.format(D="3", M="120")) == ["R003"]


def test_a_target_named_as_the_years_goal():
    text = "某某县2023年度农村危房改造项目支出绩效自评报告\n年度目标为改造农村危房80户，实际完成改造76户，完成率{R}%。\n"
    assert codes(text.format(R="95")) == []
    assert codes(text.format(R="98")) == ["R004"]


# A second hunt (112 passages in other provinces' wording): three older false alarms.
def test_a_change_measured_from_a_comparison_base_not_from_the_budget_before_it():
    text = (
        "2023年度部门决算说明\n2023年度“三公”经费决算数为49.36万元，比预算数58.00万元减少8.64万元，"
        "比上年决算数53.20万元减少3.84万元，下降{R}%。\n"
    )
    assert codes(text.format(R="7.22")) == []
    assert codes(text.format(R="8.22")) == ["R003"]


def test_adjustments_shared_out_over_two_items_are_not_added_up():
    text = (
        "2023年度部门决算说明\n基本支出和项目支出年初预算分别为2100.00万元和1500.00万元，年中分别"
        "调整为2180.00万元和1320.00万元，分别调增80.00万元、调减180.00万元，调整后预算合计3500.00万元。\n"
    )
    assert codes(text) == []


def test_a_change_from_the_start_of_the_year_to_its_end():
    text = "2023年度部门决算说明\n财政拨款结转结余由年初的356.42万元减少至年末的128.06万元，减少228.36万元，下降{R}%。\n"
    assert codes(text.format(R="64.1")) == []
    assert codes(text.format(R="60.1")) == ["R003"]


def test_a_list_of_a_total_with_last_years_figure_in_parentheses_after_it():
    text = (
        "2023年度部门决算说明\n本年支出2800.00万元（上年2500.00万元，增长12%），其中：人员经费1680.00万元"
        "（占{R}%），公用经费420.00万元（占15%），项目支出700.00万元（占25%）。\n"
    )
    assert codes(text.format(R="60")) == []
    assert codes(text.format(R="65")) == ["R002"]
