"""Each family on wordings other than the catalogue's: the error is found, the consistent twin is not.

Every case is a pair (bad, good) that differ only in the injected error.
"""

from __future__ import annotations

import pytest
from util import run

CASES = {
    "T001": (
        "2024年支出预算1,200.00万元（基本支出800.00万元、项目支出450.00万元）。",
        "2024年支出预算1,250.00万元（基本支出800.00万元、项目支出450.00万元）。",
    ),
    "T001-shares": (
        "全年预算数为500万元（其中人员经费300万元，占比60%；公用经费100万元，占比20%；项目经费50万元，占比20%）。",
        "全年预算数为500万元（其中人员经费300万元，占比60%；公用经费100万元，占比20%；项目经费100万元，占比20%）。",
    ),
    "T001-partition": (
        "本年支出合计860万元，其中：基本支出600万元；项目支出250万元。",
        "本年支出合计860万元，其中：基本支出600万元；项目支出260万元。",
    ),
    "T002": (
        "单位共有在编人员20人，其中：行政编制12人，事业编制9人。",
        "单位共有在编人员20人，其中：行政编制12人，事业编制8人。",
    ),
    "A001": (
        "项目年初预算500万元，年中追加预算120万元，调整后预算数为600万元。",
        "项目年初预算500万元，年中追加预算120万元，调整后预算数为620万元。",
    ),
    "A001-cut": (
        "年初预算数300万元，调减50万元，全年预算数260万元。",
        "年初预算数300万元，调减50万元，全年预算数250万元。",
    ),
    "A001-heading": (
        "（二）预算调整。年初预算3,256万元，年内追加560万元，调减会议经费26万元，调整后预算3,800万元。",
        "（二）预算调整。年初预算3,256万元，年内追加560万元，调减会议经费16万元，调整后预算3,800万元。",
    ),
    "A002": (
        "年初预算数2000万元，调整数500万元，调整后预算数2500万元，预算调整率20%。",
        "年初预算数2000万元，调整数500万元，调整后预算数2500万元，预算调整率25%。",
    ),
    "R001": (
        "全年预算数为80万元，实际支出72万元，预算执行率为92%。",
        "全年预算数为80万元，实际支出72万元，预算执行率为90%。",
    ),
    "R001-yuan": (
        "调整后预算数1,250,000.00元，全年执行1,000,000.00元，执行率85.00%。",
        "调整后预算数1,250,000.00元，全年执行1,000,000.00元，执行率80.00%。",
    ),
    "R002": (
        "2024年收入预算2000万元，其中：财政拨款收入1500万元，占80%；其他收入500万元，占25%。",
        "2024年收入预算2000万元，其中：财政拨款收入1500万元，占75%；其他收入500万元，占25%。",
    ),
    "R003": (
        "2024年部门预算支出总计3300万元，比上年增加300万元，增长15%。",
        "2024年部门预算支出总计3300万元，比上年增加300万元，增长10%。",
    ),
    "R003-direction": (
        "项目支出900万元，比上年减少100万元，增长10%。",
        "项目支出900万元，比上年减少100万元，下降10%。",
    ),
    "R004": (
        "全年招商目标任务50家，实际完成40家，完成率90%。",
        "全年招商目标任务50家，实际完成40家，完成率80%。",
    ),
    "S001": (
        "一、总体情况\n2024年调整后预算数为880万元。\n二、执行情况\n调整后预算数890万元，实际支出880万元，预算执行率98.88%。",
        "一、总体情况\n2024年调整后预算数为890万元。\n二、执行情况\n调整后预算数890万元，实际支出880万元，预算执行率98.88%。",
    ),
    "E001": (
        "本年度共实施3个项目，具体如下：\n（1）道路养护项目，执行50万元。\n（2）绿化提升项目，执行30万元。",
        "本年度共实施2个项目，具体如下：\n（1）道路养护项目，执行50万元。\n（2）绿化提升项目，执行30万元。",
    ),
    "E001-inline": (
        "主要完成了四项工作：一是修订制度；二是开展培训；三是完成审计。",
        "主要完成了三项工作，具体是：一是修订制度；二是开展培训；三是完成审计。",
    ),
    "P001": (
        "2024年度项目支出绩效自评报告\n项目资金：2023年年初预算数80万元，全年预算数80万元，全年执行80万元。",
        "2024年度项目支出绩效自评报告\n项目资金：2024年年初预算数80万元，全年预算数80万元，全年执行80万元。",
    ),
    "G001": (
        "经综合评价，本项目自评总分为89.6分，绩效评价等级为“优”。",
        "经综合评价，本项目自评总分为91.6分，绩效评价等级为“优”。",
    ),
    "I001": (
        "效益指标，群众满意度，预期指标值≥90%。\n截至评价时，群众满意度95%，与年度预期值相比，有10%的偏差。",
        "效益指标，群众满意度，预期指标值≥90%。\n截至评价时，群众满意度95%，与年度预期值相比，有5.56%的偏差。",
    ),
    "I002": (
        "产出指标，完成培训人次，预期指标值≥500人次。\n截至评价时，完成培训人次420人次，已达到预期目标。",
        "产出指标，完成培训人次，预期指标值≥500人次。\n截至评价时，完成培训人次420人次，未达到预期目标。",
    ),
}


def codes(text: str) -> list[str]:
    return [f.rule for f in run(text).findings]


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_is_found(case):
    code = case.split("-")[0]
    assert code in codes(CASES[case][0])


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_good_is_clean(case):
    assert codes(CASES[case][1]) == []


def test_duplicated_block_in_other_words():
    block = "（1）培训项目：年初预算数12万元，全年执行11万元。\n（2）宣传项目：年初预算数8万元，全年执行8万元。\n"
    bad = "项目情况如下：\n" + block + "其他说明。\n" + block
    good = "项目情况如下：\n" + block + "其他说明。\n"
    assert "D001" in codes(bad)
    assert codes(good) == []


def test_heading_and_sentence_pasted_right_after_themselves():
    block = "二、预算执行\n全年实际支出733.38万元（基本支出427.71万元、项目支出305.67万元），执行率90.74%。\n"
    assert "D001" in codes("一、概况\n本单位下设3个科室。\n" + block + block + "三、其他\n")
    # the same sentence restated later, not in place, with one sentence of figures: no paste
    text = "一、概况\n" + block + "三、绩效\n说明如下。\n" + block.replace("二、预算执行\n", "")
    assert "D001" not in codes(text)


def test_repeated_boilerplate_without_figures_is_not_a_duplicate():
    boiler = (
        "此项工作为经常性工作，单位将继续贯彻落实有关政策和文件精神。下一步将进一步加强管理。\n"
    )
    assert codes("一、情况\n" + boiler + "二、情况\n" + boiler) == []


def test_year_in_comparison_is_not_a_period_error():
    text = "2024年度部门整体支出绩效自评报告\n2023年预算执行率为95%，较上年有所提高。2024年预算执行率98%。"
    assert "P001" not in codes(text)


def test_tolerance_widens_comparisons():
    from decimal import Decimal

    from auditor.engine import Options, audit
    from auditor.io.load import load_bytes

    text = "全年预算数为80.00万元，实际支出72.00万元，预算执行率为90.02%。"
    doc = load_bytes(text.encode(), "<t>")
    assert [f.rule for f in audit(doc).findings] == ["R001"]
    relaxed = audit(
        load_bytes(text.encode(), "<t>"), Options(tolerances={"percent": Decimal("0.05")})
    )
    assert relaxed.findings == []
