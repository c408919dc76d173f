"""Text against tables: a figure the narrative states equals the cell that states it (S002).

The links (rules/links.toml, read in extract/links.py) say which cells state a sentence's figure.
The text agrees when its interval meets any of them; it is held to them only when they agree
with each other (tables that disagree are the table checks' business, not a text finding).
"""

from __future__ import annotations

from ..arith import fmt
from ..extract.links import Statement
from ..extract.table_body import CellFact, agree
from ..model import Related
from .base import Audit, check


def _where(c: CellFact, body_unit: str) -> str:
    row = c.row or ""
    col = c.column.replace("/", "·")
    return f"“{c.title}”{row}{'·' if row and col else ''}{col}（{c.text}{body_unit}）"


@check("S002")
def text_against_tables(a: Audit) -> None:
    for st in a.statements:
        f = st.fact
        if any(c.iv.overlaps(f.q.interval) for c in st.cells):
            a.mark("S002", f)
            continue
        if not agree(st.cells):
            continue  # the tables disagree among themselves: no one cell to hold the text to
        _report(a, st)


def _report(a: Audit, st: Statement) -> None:
    f = st.fact
    c = st.cells[0]
    unit = a.body.unit(c.table)
    in_text_unit = c.iv.mid / f.q.scale
    shown = fmt(
        in_text_unit, max(f.q.decimals, 2 if in_text_unit != in_text_unit.to_integral() else 0)
    )
    diff = fmt(abs(in_text_unit - f.q.value), max(f.q.decimals, 2))
    where = _where(c, unit)
    related = [
        Related(x.cell.span, f"表中：{_where(x, a.body.unit(x.table))}")
        for x in st.cells
        if x.cell.span
    ]
    finding = a.emit(
        "S002",
        f,
        f"文字所述{st.name}{f.q.raw}与表中不符：{where}"
        + ("" if unit == f.q.unit else f"，即 {shown}{f.q.unit}")
        + f"，差 {diff}{f.q.unit}",
        f"the text states {st.name} as {f.q.raw}; the table gives {c.text}{unit} "
        f"(= {shown}{f.q.unit}) in {where}, off by {diff}{f.q.unit}",
        evidence={
            "formula": f"{shown} ≠ {f.q.value}",
            "expected": shown,
            "stated": str(f.q.value),
            "difference": diff,
            "unit": f.q.unit,
            "table": a.body.tables[c.table].title,
            "slip": True,  # the text figure is the slip: what it breaks is folded into this
        },
        extra_related=related,
    )
    finding.anchor = f"S002|{st.name}|{f.q.raw}|{c.text}"
