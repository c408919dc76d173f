"""Grades: the overall score against the grade it is given, on the standard scale."""

from __future__ import annotations

from decimal import Decimal

from .base import Audit, Operand, check


def grade_for(a: Audit, score: Decimal) -> str:
    for g in a.lex.grades:  # highest threshold first
        if score >= g["min"]:
            return g["grade"]
    return a.lex.grades[-1]["grade"]


def band(a: Audit, grade: str) -> str:
    gs = a.lex.grades
    for i, g in enumerate(gs):
        if g["grade"] == grade:
            hi = gs[i - 1]["min"] if i else 100
            return f"{g['min']}–{hi}分"
    return ""


@check("G001")
def grade_scale(a: Audit) -> None:
    for gc in a.st.grades:
        iv = gc.score.q.interval
        possible = {grade_for(a, iv.lo), grade_for(a, iv.hi)}
        if gc.grade in possible:
            a.mark("G001", gc.score)
            continue
        expected = grade_for(a, gc.score.q.value)
        a.emit(
            "G001",
            gc.span,
            f"综合得分{gc.score.q.raw}应为“{expected}”（{band(a, expected)}），报告评为“{gc.grade}”（{band(a, gc.grade)}）",
            f"a score of {gc.score.q.raw} is graded {expected} ({band(a, expected)}), not {gc.grade} ({band(a, gc.grade)})",
            [Operand(gc.score, "综合得分")],
            {
                "formula": f"{gc.score.q.value} → {expected}",
                "expected": expected,
                "stated": gc.grade,
            },
        )
