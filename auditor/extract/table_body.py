"""Table cells as facts: each figure of a table with its table, row (科目 code and label) and
column (the header path), and its value in the base unit (元).

Built once per document from the loader's tables (or the tables written in a text report), so
the table checks, the text-to-table links and the cross-table checks read the same cells.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from ..arith import Interval
from ..io.subject_tables import subject_tables
from ..io.tables import document_text_tables
from ..lazy_re import lazy
from ..model import Cell, Document, Table
from ..record import Record
from .facts import YEAR_WORDS
from .numbers import UNITS
from .table_view import BLANK, View, read, squash, value

# a table's stated unit → its scale to 元: the money units the narrative's figures use
SCALE = {unit: scale for unit, (family, scale) in UNITS.items() if family == "money"}
_NUMBERING = lazy(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.、．](?!\d))"
)
_PLAIN = lazy(r"[\s“”\"'‘’「」『』（）()【】\[\]]")


def plain(s: str) -> str:
    """Words as compared: no spaces, quotes or parentheses ("因公出国（境）费" = "因公出国境费")."""
    return _PLAIN.sub("", s)


def row_name(label: str) -> str:
    """A row's label without its numbering ("一、财政拨款收入" → "财政拨款收入")."""
    return _NUMBERING.sub("", plain(label))


class CellFact(Record):
    """One figure of a table and what it states."""

    table: int  # index into TableBody.tables
    title: str  # caption, plain, without its year
    code: tuple[str, ...] | None  # 科目 code of the row (类, 款, 项)
    row: str  # row label, plain, numbering removed
    column: str  # header path, plain, joined by "/"
    cell: Cell
    iv: Interval  # in the base unit (元); a blank cell is an exact zero
    blank: bool

    def __init__(
        self,
        table: int,
        title: str,
        code: tuple[str, ...] | None,
        row: str,
        column: str,
        cell: Cell,
        iv: Interval,
        blank: bool,
    ) -> None:
        self.table = table
        self.title = title
        self.code = code
        self.row = row
        self.column = column
        self.cell = cell
        self.iv = iv
        self.blank = blank

    @property
    def text(self) -> str:
        return squash(self.cell.text)


def agree(cells: list[CellFact]) -> bool:
    """Whether cells that state one figure give it one value (within their precision)."""
    return all(c.iv.overlaps(cells[0].iv) for c in cells[1:])


class TableBody(Record):
    """Every table of a document as read once, with its cells as facts."""

    tables: list[Table]
    views: list[View | None]
    cells: list[CellFact]
    names: dict[tuple[str, ...], str]  # 科目 code → its name

    def __init__(
        self,
        tables: list[Table],
        views: list[View | None],
        cells: list[CellFact] | None = None,
        names: dict[tuple[str, ...], str] | None = None,
    ) -> None:
        self.tables = tables
        self.views = views
        self.cells = [] if cells is None else cells
        self.names = {} if names is None else names

    def unit(self, k: int) -> str:
        return self.tables[k].unit or ""

    @cached_property
    def by_code(self) -> dict[tuple[str, ...], list[CellFact]]:
        """The cells of each 科目 row: a subject's figures are looked up, never searched for."""
        out: dict[tuple[str, ...], list[CellFact]] = {}
        for c in self.cells:
            if c.code:
                out.setdefault(c.code, []).append(c)
        return out


def _text_tables(doc: Document) -> list[Table]:
    """Tables written in a text report: ruled or aligned ones, and 科目 tables as a text export
    writes them (where they do not overlap the first kind)."""
    text = doc.text
    tables = document_text_tables(doc)
    taken = [t.span for t in tables if t.span]
    for t in subject_tables(text):
        if t.span and not any(t.span.start < s.end and s.start < t.span.end for s in taken):
            tables.append(t)
    return tables


def build_table_body(doc: Document) -> TableBody:
    tables = doc.tables or _text_tables(doc)
    views = [read(t) for t in tables]
    body = TableBody(tables, views)
    for k, (t, v) in enumerate(zip(tables, views, strict=True)):
        if v is None:
            continue
        scale = SCALE.get(t.unit or "")
        title = YEAR_WORDS.sub("", plain(t.title or ""))
        for b in v.blocks:
            for r in b.rows:
                if r.code and r.label:
                    body.names.setdefault(r.code, row_name(r.label))
                if scale is None:
                    continue  # a table in no stated unit states no amount we can compare
                cols = {c.index: c for c in b.nums}
                for ci, cell in r.cells.items():
                    val = value(cell)
                    if val is None:
                        continue
                    blank = val == BLANK
                    iv = Interval.exact(Decimal(0)) if blank else val.scale(scale)
                    col = "/".join(plain(p.text) for p in cols[ci].path)
                    body.cells.append(
                        CellFact(k, title, r.code, row_name(r.label), col, cell, iv, blank)
                    )
    return body
