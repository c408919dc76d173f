"""Quantities as authors write them: units, separators, full-width digits, Chinese numerals."""

from decimal import Decimal as D

import pytest

from auditor.extract.numbers import cn_to_decimal, find_quantities
from auditor.io.normalize import normalize


def one(text: str):
    qs = find_quantities(normalize(text))
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    "text,value,unit,decimals",
    [
        ("调整后预算数9405.50万元", D("9405.50"), "万元", 2),
        ("支出1,412,500.00元", D("1412500.00"), "元", 2),
        ("支出１２３４．５万元", D("1234.5"), "万元", 1),
        ("支出１，２３４．５万元", D("1234.5"), "万元", 1),
        ("共计一千二百万元", D(1200), "万元", 0),
        ("完成百分之二十", D(20), "%", 0),
        ("执行率98.78％", D("98.78"), "%", 2),
        ("两个项目", D(2), "个", 0),
        ("综合得分76.36分", D("76.36"), "分", 2),
        ("面积480.75公顷", D("480.75"), "公顷", 2),
        ("预算3.5亿元", D("3.5"), "亿元", 1),
        ("偏差2个百分点", D(2), "个百分点", 0),
    ],
)
def test_quantities(text, value, unit, decimals):
    q = one(text)
    assert (q.value, q.unit, q.decimals) == (value, unit, decimals)


def test_money_scales_to_yuan():
    assert one("1.5万元").base == D(15000)
    assert one("2亿元").base == D(200000000)


@pytest.mark.parametrize(
    "text",
    ["2023年度", "第3分钟", "部分单位", "三公经费", "一是加强管理", "63762部队", "1.基本情况"],
)
def test_not_quantities(text):
    assert find_quantities(normalize(text)) == []


@pytest.mark.parametrize(
    "text,op,approx",
    [
        ("预期指标值≥90%", "≥", None),
        ("不低于95%", "≥", None),
        ("90%以上", "≥", None),
        ("面积约1412亩", None, "约"),
        ("100人左右", None, "左右"),
        ("≤5%", "≤", None),
    ],
)
def test_markers(text, op, approx):
    q = one(text)
    assert (q.operator, q.approx) == (op, approx)


@pytest.mark.parametrize(
    "cn,value",
    [
        ("一千二百", 1200),
        ("十五", 15),
        ("两", 2),
        ("三亿五千万", 350000000),
        ("一万零五", 10005),
        ("二十点五", D("20.5")),
    ],
)
def test_chinese_numerals(cn, value):
    assert cn_to_decimal(cn) == D(value)


def test_normalisation_keeps_length():
    s = "１２３４．５６万元，ＡＢＣ　％"
    assert len(normalize(s)) == len(s)
