"""Arithmetic the report writes out ("(63.46-32)÷32=98.31%") must give the result it states."""

from __future__ import annotations

from decimal import Decimal

from ..arith import Interval, cut_off, fmt
from ..extract.formulas import Formula, find_formulas
from .base import Audit, check


@check("W001")
def written_arithmetic(a: Audit) -> None:
    if "=" not in a.text and "＝" not in a.text:
        return
    for f in find_formulas(a.text):
        readings = _readings(f)
        unit = Decimal(1).scaleb(-f.decimals)
        if any(v.overlaps(f.result) or cut_off(f.result.mid, unit, v) for v in readings):
            continue
        computed = fmt(readings[0].mid, f.decimals) + ("%" if f.percent else "")
        a.emit(
            "W001",
            f.span,
            f"所列算式的结果不符：{f.expression} = {computed}，文中写作 {f.result_raw}",
            f"the written computation does not give its result: {f.expression} = {computed}, "
            f"written {f.result_raw}",
            evidence={
                "formula": f"{f.expression} = {computed} ≠ {f.result_raw}",
                "expected": computed,
                "stated": f.result_raw,
            },
        )


def _readings(f: Formula) -> list[Interval]:
    """What the expression may mean: a percentage result is the ratio times a hundred ("÷32=
    98.31%", "×100%=82.27%") or, when the writer multiplied by 100 already ("×100=82.27%"),
    the value itself. Any reading that gives the result explains it."""
    if f.percent:
        return [f.value.scale(Decimal(100)), f.value]
    return [f.value]
