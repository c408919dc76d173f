"""Periods: another year's budget figures presented as this report's year."""

from __future__ import annotations

import re

from ..model import Span
from .base import Audit, Operand, check

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# Wording that makes another year legitimate: comparisons, arrears, carry-overs, history.
_COMPARE = re.compile(
    r"上年|上一年|去年|同比|比\S{0,6}(增|减|多|少|高|低)|较|增长|下降|增加|减少|欠缴|欠|结转|结余|以前年度|历年|往年|分别于|累计|以来|至今|此前|曾"
)
BUDGET = {
    "budget.initial",
    "budget.adjustment",
    "budget.adjusted",
    "budget.generic",
    "budget.revenue",
    "spending.actual",
    "spending.initial",
    "rate.execution",
    "rate.execution.initial",
    "rate.adjustment",
}


@check("P001")
def other_year_figure(a: Audit) -> None:
    if a.year is None:
        return
    by_sentence: dict[int, list] = {}
    for f in a.facts:
        by_sentence.setdefault(f.sentence, []).append(f)
    for si, facts in by_sentence.items():
        s = a.segs.sentences[si]
        text = a.text[s.start : s.end]
        years = [(m, int(m.group(1))) for m in _YEAR.finditer(text)]
        if not years or any(y == a.year for _, y in years) or _COMPARE.search(text):
            continue
        for m, y in years:
            inside_title = text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start())
            hit = [f for f in facts if f.period == str(y) and f.concept in BUDGET]
            if inside_title or not hit:
                continue
            span = Span(s.start + m.start(), s.start + m.end())
            names = "、".join(dict.fromkeys(a.lex.name(f.concept) for f in hit))
            a.emit(
                "P001",
                span,
                f"{a.year}年度报告中以“{y}年”陈述{names}（{len(hit)} 个数字），且无对比语境",
                f"a {a.year} report states {y} figures ({names}, {len(hit)} figures) with no comparison wording",
                [Operand(f, a.lex.name(f.concept)) for f in hit],
                {"report_year": a.year, "stated_year": y},
            )
            break
