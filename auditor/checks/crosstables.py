"""Between tables: the same figure stated by two national tables must agree (C001).

The identities are data (rules/crosstables.toml): each side is a sum of cells named by table
caption, row and column. A side whose cells are missing, or match several cells that disagree,
is not judged. A cell that already breaks an identity inside its own table is reported there;
what it breaks between tables is folded into that finding (one wrong cell, one finding).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ..arith import Interval, fmt
from ..cache import load_toml
from ..catalogue import data_path
from ..extract.table_body import SCALE, CellFact, TableBody, agree
from ..lazy_re import cached_re
from ..model import Related
from ..record import FrozenRecord
from .base import Audit, check


class Selector(FrozenRecord):
    """Which cells one side of an identity takes: by table title, row and column."""

    table: re.Pattern
    row: re.Pattern
    column: re.Pattern

    def __init__(self, table: re.Pattern, row: re.Pattern, column: re.Pattern) -> None:
        self.__dict__.update(table=table, row=row, column=column)

    def cells(self, body: TableBody, code: tuple[str, ...] | None = None) -> list[CellFact]:
        pool = body.by_code.get(code, []) if code is not None else body.cells
        return [
            c
            for c in pool
            if self.table.search(c.title)
            and self.column.search(c.column)
            and (code is not None or self.row.search(c.row))
        ]


class Identity(FrozenRecord):
    """Two sums of cells that must agree (rules/crosstables.toml), per 科目 or whole."""

    name: str
    left: tuple[Selector, ...]
    right: tuple[Selector, ...]
    per_code: bool

    def __init__(
        self, name: str, left: tuple[Selector, ...], right: tuple[Selector, ...], per_code: bool
    ) -> None:
        self.__dict__.update(name=name, left=left, right=right, per_code=per_code)


@cache
def identities() -> tuple[Identity, ...]:
    data = load_toml(data_path("rules", "crosstables.toml"))

    def sel(d: dict) -> Selector:
        return Selector(cached_re(d["table"]), cached_re(d.get("row", "")), cached_re(d["column"]))

    return tuple(
        Identity(
            i["name"],
            tuple(sel(x) for x in i["left"]),
            tuple(sel(x) for x in i["right"]),
            bool(i.get("per_code")),
        )
        for i in data["identity"]
    )


def _one(cells: list[CellFact]) -> CellFact | None:
    """The cell a selector names, when the cells it matches state one value."""
    if not cells or not agree(cells):
        return None
    return next((c for c in cells if not c.blank), cells[0])


def _side(body: TableBody, sels: tuple[Selector, ...], code=None) -> list[CellFact] | None:
    out = []
    for s in sels:
        c = _one(s.cells(body, code))
        if c is None:
            return None
        out.append(c)
    return out


def _sum(cells: list[CellFact]) -> Interval:
    total = Interval.exact(Decimal(0))
    for c in cells:
        total = total + c.iv
    return total


def _codes(body: TableBody, sels: tuple[Selector, ...]) -> set[tuple[str, ...]]:
    return {
        code
        for code, cells in body.by_code.items()
        if any(s.table.search(c.title) for s in sels for c in cells)
    }


@check("C001")
def between_tables(a: Audit) -> None:
    body = a.body
    if not body.cells:
        return
    for ident in identities():
        codes = (
            sorted(_codes(body, ident.left) & _codes(body, ident.right))
            if ident.per_code
            else [None]
        )
        for code in codes:
            left = _side(body, ident.left, code)
            right = _side(body, ident.right, code)
            if not left or not right or {id(c) for c in left} & {id(c) for c in right}:
                continue
            lv, rv = _sum(left), _sum(right)
            if lv.overlaps(rv):
                continue
            _report(a, ident, code, left, right, lv, rv)


def _report(a: Audit, ident: Identity, code, left, right, lv: Interval, rv: Interval) -> None:
    body = a.body
    primary = right[0]
    unit = body.unit(primary.table)
    scale = SCALE.get(unit, Decimal(1))
    dec = max((len(c.text.split(".", 1)[1]) if "." in c.text else 0) for c in left + right)

    def show(v: Decimal) -> str:
        return fmt(v / scale, dec)

    def where(c: CellFact) -> str:
        row = c.row or "".join(c.code or ())
        return f"“{c.title}”{row}·{c.column.replace('/', '·')}"

    terms = " + ".join(c.text or "0" for c in left)
    name = ident.name + (f"（科目 {''.join(code)}）" if code else "")
    diff = show(abs(lv.mid - rv.mid))
    zh = f"{name}不成立：{terms} = {show(lv.mid)} ≠ {primary.text or '0'}（{where(primary)}），差 {diff}{unit}"
    en = f"{name} does not hold: {terms} = {show(lv.mid)} ≠ {primary.text or '0'} ({where(primary)}), off by {diff} {unit}"
    related = [Related(c.cell.span, f"{where(c)}") for c in left + right[1:] if c.cell.span]
    f = a.emit(
        "C001",
        primary.cell.span or left[0].cell.span,  # type: ignore[arg-type]
        zh,
        en,
        evidence={
            "formula": f"{terms} = {show(lv.mid)} ≠ {primary.text or '0'}",
            "expected": show(lv.mid),
            "stated": primary.text or "0",
            "difference": diff,
            "unit": unit,
            "table": body.tables[primary.table].title,
            "follows": True,  # folded into a finding on one of its cells, if there is one
        },
        extra_related=related,
    )
    f.anchor = f"C001|{ident.name}|{''.join(code or ())}|{terms}|{primary.text}"
