"""How a table reads: header rows, kinds of columns (codes, labels, figures), blocks of rows
(收入 | 支出 side by side), each row's subject code (类/款/项) and label, each cell's value.

Built once per table in the extraction stage; the table checks and the text-to-table links read
the same View.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..arith import Interval
from ..io.tables import is_number
from ..lazy_re import cached_re, lazy
from ..model import Cell, Table
from ..record import Record

TOTAL = lazy(r"^(?:合计|总计|小计|共计|总合计)$|^.{1,10}(?:合计|总计|小计)$")
_DASHES = {"", "-", "--", "---", "—", "——", "/", "无", "…", "……", "*"}
_CODE_HEAD = lazy(r"编码|代码|科目号")
_CODE_LEAF = {"类", "款", "项", "类款项"}
_LABEL_HEAD = lazy(r"(?:项目|科目|内容|说明|备注|类别|用途|依据|序号|摘要)|.*名称")
_NOT_SUMMABLE = lazy(
    r"率|%|比例|占比|比重|百分|平均|人均|单价|标准|系数|得分|分值|权重|年份|排名|序号|编码|代码|增幅|指数"
    r"|行次|栏次|编号"
)
_CAPTION = lazy(r"表$|单位\s*[：:]|^编制(?:部门|单位)")
_EMBEDDED_CODE = lazy(r"^\[?([235]\d{2}(?:\d{2}){0,2})\]?(?:\s+|(?=[\u4e00-\u9fff]))")
_STYLES = [
    ("cn", lazy(r"^[一二三四五六七八九十]+[、.]")),
    ("paren_cn", lazy(r"^[（(][一二三四五六七八九十]+[）)]")),
    ("num", lazy(r"^\d{1,2}(?:[.、](?!\d)|[)）])")),
    ("paren_num", lazy(r"^[（(]\d{1,2}[）)]")),
    ("circled", lazy(r"^[①-⑳]")),
]
BLANK = "blank"


# --- reading a table ------------------------------------------------------------------------


class Column(Record):
    """One column of a table as read: its kind and the header cells naming it."""

    index: int
    kind: str  # code | label | num | empty
    path: list[Cell]  # header cells above it, top to bottom (captions and blanks left out)
    summable: bool

    def __init__(self, index: int, kind: str, path: list[Cell], summable: bool = False) -> None:
        self.index = index
        self.kind = kind
        self.path = path
        self.summable = summable

    @property
    def name(self) -> str:
        return squash(self.path[-1].text) if self.path else ""


class Row(Record):
    """One body row: its 科目 code, label, numbering style and figure cells."""

    r: int
    code: tuple[str, ...] | None
    label: str
    style: str | None
    total: bool
    partial: bool
    cells: dict[int, Cell]  # num column → the cell that starts there in this row

    def __init__(
        self,
        r: int,
        code: tuple[str, ...] | None,
        label: str,
        style: str | None,
        total: bool,
        partial: bool,
        cells: dict[int, Cell],
    ) -> None:
        self.r = r
        self.code = code
        self.label = label
        self.style = style
        self.total = total
        self.partial = partial
        self.cells = cells

    @property
    def name(self) -> str:
        code = "".join(self.code) if self.code else ""
        return f"{code} {self.label}".strip() or f"第{self.r + 1}行"


class Block(Record):
    """Columns read together (a table may set blocks side by side) and their rows."""

    codes: list[Column]
    labels: list[Column]
    nums: list[Column]
    rows: list[Row]

    def __init__(
        self,
        codes: list[Column] | None = None,
        labels: list[Column] | None = None,
        nums: list[Column] | None = None,
        rows: list[Row] | None = None,
    ) -> None:
        self.codes = [] if codes is None else codes
        self.labels = [] if labels is None else labels
        self.nums = [] if nums is None else nums
        self.rows = [] if rows is None else rows


class View(Record):
    """How a table reads: header rows, columns and blocks, found once per table."""

    table: Table
    header: int  # number of header rows
    columns: list[Column]
    blocks: list[Block]

    def __init__(
        self, table: Table, header: int, columns: list[Column], blocks: list[Block]
    ) -> None:
        self.table = table
        self.header = header
        self.columns = columns
        self.blocks = blocks


_SPACES = cached_re(r"\s+")


def squash(s: str) -> str:
    return _SPACES.sub("", s)


def _distinct(row: list[Cell]) -> list[Cell]:
    out: list[Cell] = []
    for c in row:
        if not any(c is o for o in out):
            out.append(c)
    return out


def own(t: Table, r: int, c: int) -> Cell | None:
    """The cell at (r, c) if it starts there (not covered by a merged cell from above/left)."""
    cell = t.rows[r][c]
    return cell if cell.row == r and cell.col == c else None


def _is_body(row: list[Cell], r: int) -> bool:
    cells = [c for c in _distinct(row) if c.row == r]
    texts = [squash(c.text) for c in cells if c.text.strip()]
    nums = [t for t in texts if is_number(t)]
    if not nums or any(t in ("栏次", "行次") for t in texts):
        return False
    if all(re.fullmatch(r"(?:19|20)\d\d", t) for t in nums):
        return False  # years as column headings
    counting = (
        [str(i) for i in range(int(nums[0]), int(nums[0]) + len(nums))] if nums[0].isdigit() else []
    )
    return not (len(nums) >= 3 and nums == counting)  # column numbers (栏次 1 2 3 …)


def value(cell: Cell) -> Interval | str | None:
    """A cell's figure as an interval of its stated precision; BLANK for empty or dash; None
    when the cell holds words. Read once per text: the table checks ask for a cell many times."""
    text = cell.text
    got = _VALUES.get(text, _UNREAD)
    if got is _UNREAD:
        if len(_VALUES) >= 1 << 15:
            _VALUES.clear()
        got = _VALUES[text] = _value(text)
    return got  # type: ignore[return-value]


_UNREAD = object()
_VALUES: dict[str, Interval | str | None] = {}


def _value(text: str) -> Interval | str | None:
    t = squash(text)
    if t in _DASHES:
        return BLANK
    if not is_number(t) or t.endswith("%"):
        return None
    num = t.replace(",", "").lstrip("+")
    return Interval.stated(Decimal(num), len(num.split(".", 1)[1]) if "." in num else 0)


def _style(label: str) -> str | None:
    for name, rx in _STYLES:
        if rx.match(label):
            return name
    return None


def _split_code(code: str) -> tuple[str, ...] | None:
    if len(code) in (3, 5, 7):
        return tuple(code[i : i + (3 if i == 0 else 2)] for i in (0, 3, 5) if i < len(code))
    return None


def read(t: Table) -> View | None:
    """The structure of a table: header rows, kinds of columns, blocks of rows."""
    if not t.rows or len(t.rows[0]) < 2:
        return None
    h = next((r for r, row in enumerate(t.rows) if _is_body(row, r)), None)
    if h is None:
        return None
    ncols = len(t.rows[0])
    columns: list[Column] = []
    for c in range(ncols):
        path: list[Cell] = []
        for r in range(h):
            cell = t.rows[r][c]
            caption = _CAPTION.search(squash(cell.text))
            if cell.text.strip() and not caption and (not path or path[-1] is not cell):
                path.append(cell)
        texts = [squash(p.text) for p in path]
        mine = [x for r in range(h, len(t.rows)) if (x := own(t, r, c)) is not None]
        n_num = sum(1 for x in mine if is_number(squash(x.text)))
        n_text = sum(
            1 for x in mine if squash(x.text) not in _DASHES and not is_number(squash(x.text))
        )
        if any(_CODE_HEAD.search(p) for p in texts) or (texts and texts[-1] in _CODE_LEAF):
            kind = "code"
        elif n_text > n_num or (n_num == 0 and texts and _LABEL_HEAD.fullmatch(texts[-1])):
            kind = "label"
        elif n_num == 0 and n_text == 0 and not texts:
            kind = "empty"
        else:
            kind = "num"
        col = Column(c, kind, path)
        if kind == "num":
            pct = any("%" in x.text for x in mine)
            col.summable = not pct and not any(_NOT_SUMMABLE.search(p) for p in texts)
        columns.append(col)

    blocks: list[Block] = []
    cur: Block | None = None
    for col in columns:
        if col.kind in ("code", "label"):
            if cur is None or cur.nums:
                cur = Block()
                blocks.append(cur)
            (cur.codes if col.kind == "code" else cur.labels).append(col)
        elif col.kind == "num":
            if cur is None:
                cur = Block()
                blocks.append(cur)
            cur.nums.append(col)
    for b in blocks:
        for r in range(h, len(t.rows)):
            row = _row(t, b, r)
            if row is not None:
                b.rows.append(row)
        _extend_qishi(b)
    return View(t, h, columns, blocks)


def _extend_qishi(b: Block) -> None:
    """A "其中：X" row may be followed by X's siblings without the word ("其中：公务用车购置费 /
    公务用车运行费" under 公务用车购置及运行费): the rows after it that, with it, add up to the row
    above it in every figure column are parts of that row too, not rows of the table's total."""
    rows = b.rows
    for k in range(1, len(rows)):
        if not rows[k].partial or rows[k - 1].partial:
            continue
        parent = rows[k - 1]
        cols = [c for c in parent.cells if isinstance(value(parent.cells[c]), Interval)]
        if not cols:
            continue
        sums = dict.fromkeys(cols, Interval.exact(Decimal(0)))
        for j in range(k, min(len(rows), k + 12)):  # a 其中 group is short
            for c in cols:
                v = value(rows[j].cells[c]) if c in rows[j].cells else BLANK
                if isinstance(v, Interval):
                    sums[c] = sums[c] + v
            if j > k and all(sums[c].overlaps(value(parent.cells[c])) for c in cols):
                for x in rows[k + 1 : j + 1]:
                    x.partial = True
                break


def _row(t: Table, b: Block, r: int) -> Row | None:
    label = ""
    for col in b.labels:
        s = squash(t.rows[r][col.index].text)
        if s:
            label = s
            break
    parts: list[str] = []
    for col in b.codes:
        cell = own(t, r, col.index)
        s = squash(cell.text) if cell else ""
        if s.isdigit():
            parts.append(s)
        elif s and not label and cell is not None:
            label = s
        elif not s:
            parts.append("")
    code: tuple[str, ...] | None = None
    digits = [p for p in parts if p]
    if digits:
        if len(b.codes) == 1:
            code = _split_code(digits[0])
        elif all(parts[: len(digits)]) and not any(parts[len(digits) :]):
            code = tuple(digits)
    if not b.codes and label:
        m = _EMBEDDED_CODE.match(label)
        if m:
            code = _split_code(m.group(1))
            label = label[m.end() :]
    cells = {}
    for col in b.nums:
        cell = own(t, r, col.index)
        if cell is not None:
            cells[col.index] = cell
    if not label and code is None and not any(c.text.strip() for c in cells.values()):
        return None
    total = bool(TOTAL.match(label)) and not label.startswith("其中")
    return Row(r, code, label, _style(label), total, label.startswith("其中"), cells)
