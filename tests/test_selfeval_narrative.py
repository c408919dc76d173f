"""The 自评报告 narrative as it is really written (issue 8): clause scope, lists, shares with a
named base, changes without the prior figure, claims, synonyms. Each case is a failing example
that must give its finding and a passing twin that must give none."""

from __future__ import annotations

import pytest
from util import run

HEAD = "2023年度部门整体支出绩效自评报告\n"


def codes(text: str) -> list[str]:
    return sorted(f.rule for f in run(HEAD + text).findings)


# Clause scope: each 其中 belongs to the clause before it, and ；closes it.
CLAUSES = (
    "2023年年初预算1200万元，其中基本支出800万元，项目支出400万元；年中调整300万元，其中基本支出"
    "100万元，项目支出200万元；调整后全年预算{G}万元，其中基本支出900万元，项目支出600万元。"
    "全年实际支出1425万元，预算执行率95%。"
)


def test_clause_scope_consistent_gives_nothing():
    assert codes(CLAUSES.format(G=1500)) == []


def test_clause_scope_wrong_total_breaks_its_identities():
    # 1200 + 300 ≠ 1600; 900 + 600 ≠ 1600; 1425 ÷ 1600 ≠ 95%
    assert codes(CLAUSES.format(G=1600)) == ["A001", "R001", "T001"]


def test_clause_scope_wrong_part():
    text = CLAUSES.format(G=1500).replace("其中基本支出900万元", "其中基本支出950万元")
    # 950 + 600 ≠ 1500 (T001); 基本支出 800 + 100 ≠ 950 (A001)
    assert codes(text) == ["A001", "T001"]


def test_clause_scope_adjustment_rate():
    base = "年初预算1200万元，其中基本支出800万元，项目支出400万元；年中调整300万元，预算调整率{r}%。"
    assert codes(base.format(r=25)) == []
    assert codes(base.format(r=30)) == ["A002"]


def test_semicolon_separated_parts_stay_one_list():
    assert codes("本年支出合计860万元，其中：基本支出600万元；项目支出260万元。") == []
    assert codes("本年支出合计860万元，其中：基本支出600万元；项目支出250万元。") == ["T001"]


def test_part_clause_scope_reaches_its_rate():
    # "其中：基本支出X，执行率Y；项目支出Z，执行率W": each rate is its part's
    text = "全年预算500万元，实际支出480万元，预算执行率96%。其中：基本支出全年预算300万元，实际支出{b}万元，执行率98%；项目支出全年预算200万元，实际支出186万元，执行率93%。"
    assert codes(text.format(b=294)) == []
    assert "R001" in codes(text.format(b=284))
