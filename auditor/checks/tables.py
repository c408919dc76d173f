"""Tables: 合计 rows and columns, and 类 = Σ款 = Σ项, must add up.

T003  a 合计/总计/小计 row ≠ the sum of the rows it totals
T004  a 合计/小计 column ≠ the sum of the columns it totals (read from the header tree)
T005  a parent row ≠ the sum of its children: 类 = Σ款, 款 = Σ项 by subject code, or
      "一、…" = Σ "1. …" by the rows' numbering

Tables come from the loader (PDF, DOCX) or, for text reports, from tables written as text.
A table is read the way an auditor reads it: header rows until the first row with figures;
columns of subject codes (科目编码, 类/款/项), of labels and of figures; side-by-side blocks
(收入 | 支出) each with their own labels. Only columns of amounts are added up (not rates,
averages or codes). Blank cells and dashes count as zero. Every sum is interval arithmetic
on the stated precision, and where a table's layout allows several readings of what a total
covers (a running total that includes the subtotal above it, unnumbered rows that head a
group …) a finding is made only when no reading adds up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..arith import Interval, fmt
from ..forms import read_form
from ..io.tables import is_number, text_tables
from ..model import Cell, Related, Span, Table
from .base import Audit, check

_TOTAL = re.compile(r"^(?:合计|总计|小计|共计|总合计)$|^.{1,10}(?:合计|总计|小计)$")
_DASHES = {"", "-", "--", "---", "—", "——", "/", "无", "…", "……", "*"}
_CODE_HEAD = re.compile(r"编码|代码|科目号")
_CODE_LEAF = {"类", "款", "项", "类款项"}
_LABEL_HEAD = re.compile(r"(?:项目|科目|内容|说明|备注|类别|用途|依据|序号|摘要)|.*名称")
_NOT_SUMMABLE = re.compile(
    r"率|%|比例|占比|比重|百分|平均|人均|单价|标准|系数|得分|分值|权重|年份|排名|序号|编码|代码|增幅|指数"
    r"|行次|栏次|编号"
)
_CAPTION = re.compile(r"表$|单位\s*[：:]|^编制(?:部门|单位)")
_EMBEDDED_CODE = re.compile(r"^\[?([235]\d{2}(?:\d{2}){0,2})\]?(?:\s+|(?=[\u4e00-\u9fff]))")
_STYLES = [
    ("cn", re.compile(r"^[一二三四五六七八九十]+[、.]")),
    ("paren_cn", re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    ("num", re.compile(r"^\d{1,2}(?:[.、](?!\d)|[)）])")),
    ("paren_num", re.compile(r"^[（(]\d{1,2}[）)]")),
    ("circled", re.compile(r"^[①-⑳]")),
]
_MAX_TERMS = 16
BLANK = "blank"


# --- reading a table ------------------------------------------------------------------------


@dataclass
class Column:
    index: int
    kind: str  # code | label | num | empty
    path: list[Cell]  # header cells above it, top to bottom (captions and blanks left out)
    summable: bool = False

    @property
    def name(self) -> str:
        return _squash(self.path[-1].text) if self.path else ""


@dataclass
class Row:
    r: int
    code: tuple[str, ...] | None
    label: str
    style: str | None
    total: bool
    partial: bool
    cells: dict[int, Cell]  # num column → the cell that starts there in this row

    @property
    def name(self) -> str:
        code = "".join(self.code) if self.code else ""
        return f"{code} {self.label}".strip() or f"第{self.r + 1}行"


@dataclass
class Block:
    codes: list[Column] = field(default_factory=list)
    labels: list[Column] = field(default_factory=list)
    nums: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


@dataclass
class View:
    table: Table
    header: int  # number of header rows
    columns: list[Column]
    blocks: list[Block]


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _distinct(row: list[Cell]) -> list[Cell]:
    out: list[Cell] = []
    for c in row:
        if not any(c is o for o in out):
            out.append(c)
    return out


def _own(t: Table, r: int, c: int) -> Cell | None:
    """The cell at (r, c) if it starts there (not covered by a merged cell from above/left)."""
    cell = t.rows[r][c]
    return cell if cell.row == r and cell.col == c else None


def _is_body(row: list[Cell], r: int) -> bool:
    cells = [c for c in _distinct(row) if c.row == r]
    texts = [_squash(c.text) for c in cells if c.text.strip()]
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
    when the cell holds words."""
    t = _squash(cell.text)
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
            caption = _CAPTION.search(_squash(cell.text))
            if cell.text.strip() and not caption and (not path or path[-1] is not cell):
                path.append(cell)
        texts = [_squash(p.text) for p in path]
        own = [x for r in range(h, len(t.rows)) if (x := _own(t, r, c)) is not None]
        n_num = sum(1 for x in own if is_number(_squash(x.text)))
        n_text = sum(
            1 for x in own if _squash(x.text) not in _DASHES and not is_number(_squash(x.text))
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
            pct = any("%" in x.text for x in own)
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
    return View(t, h, columns, blocks)


def _row(t: Table, b: Block, r: int) -> Row | None:
    label = ""
    for col in b.labels:
        s = _squash(t.rows[r][col.index].text)
        if s:
            label = s
            break
    parts: list[str] = []
    for col in b.codes:
        cell = _own(t, r, col.index)
        s = _squash(cell.text) if cell else ""
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
        cell = _own(t, r, col.index)
        if cell is not None:
            cells[col.index] = cell
    if not label and code is None and not any(c.text.strip() for c in cells.values()):
        return None
    total = bool(_TOTAL.match(label)) and not label.startswith("其中")
    return Row(r, code, label, _style(label), total, label.startswith("其中"), cells)


# --- arithmetic and reporting ---------------------------------------------------------------


@dataclass
class Sum:
    iv: Interval
    exact: Decimal
    decimals: int
    terms: list[Cell]  # the non-blank cells added


def add(cells: list[Cell | None]) -> Sum | None:
    """Sum of cells (None or blank: zero); None when a cell holds words."""
    iv = Interval.exact(Decimal(0))
    exact = Decimal(0)
    dec = 0
    terms: list[Cell] = []
    for c in cells:
        if c is None:
            continue
        v = value(c)
        if v is None:
            return None
        if v == BLANK:
            continue
        iv = iv + v
        exact += v.mid
        dec = max(dec, _decimals(c.text))
        terms.append(c)
    return Sum(iv, exact, dec, terms)


def _decimals(s: str) -> int:
    s = _squash(s)
    return len(s.split(".", 1)[1]) if "." in s else 0


def _show(v: Decimal, decimals: int, like: str) -> str:
    s = fmt(v, decimals)
    if "," in like:
        sign, s = ("-", s[1:]) if s.startswith("-") else ("", s)
        whole, _, frac = s.partition(".")
        s = sign + f"{int(whole):,}" + ("." + frac if frac else "")
    return s


def _formula(terms: list[Cell]) -> str:
    vals = [_squash(c.text) for c in terms] or ["0"]
    if len(vals) > _MAX_TERMS:
        vals = vals[:12] + ["…"] + vals[-2:]
    out = vals[0]
    for v in vals[1:]:
        out += f" - {v[1:]}" if v.startswith("-") else f" + {v}"
    return out


def _where(t: Table) -> tuple[str, str]:
    title = t.title or ""
    return (f"“{title}”" if title else "表中", f'"{title}"' if title else "the table")


def _report(
    a: Audit,
    code: str,
    t: Table,
    stated_cell: Cell,
    s: Sum,
    zh_what: str,
    en_what: str,
    roles: list[tuple[Cell, str]],
    anchor: str,
    partial: bool = False,
) -> None:
    stated_iv = value(stated_cell)
    assert isinstance(stated_iv, Interval)
    stated = _squash(stated_cell.text)
    dec = max(s.decimals, _decimals(stated))
    total_s = _show(s.exact, dec, stated)
    diff = _show(abs(s.exact - stated_iv.mid), dec, stated)
    formula = f"{_formula(s.terms)} = {total_s}"
    unit = t.unit or ""
    where_zh, where_en = _where(t)
    op = ">" if partial else "≠"
    if partial:
        zh = f"{where_zh}{zh_what}：其中各项之和超过总数，{formula} > {stated}，超出 {diff}{unit}"
        en = f"{where_en}: {en_what}: the parts listed under 其中 exceed it, {formula} > {stated}, by {diff}{unit and ' ' + unit}"
    else:
        zh = f"{where_zh}{zh_what}：{formula} ≠ {stated}，差 {diff}{unit}"
        en = f"{where_en}: {en_what}: {formula} ≠ {stated}, off by {diff}{unit and ' ' + unit}"
    related = [Related(c.span, role) for c, role in roles if c.span and c.span != stated_cell.span]
    evidence = {
        "formula": f"{formula} {op} {stated}",
        "expected": f"≤ {stated}" if partial else total_s,
        "stated": stated,
        "difference": diff,
        "unit": unit,
        "table": t.title,
        "operands": [
            {"role": role, "value": _squash(c.text), "span": c.span} for c, role in roles if c.span
        ],
    }
    f = a.emit(
        code, stated_cell.span or Span(0, 0), zh, en, evidence=evidence, extra_related=related
    )
    parts = ",".join(_squash(c.text) for c in s.terms)
    f.anchor = f"{code}|{t.title}|{anchor}|{stated}|{parts}"


def _fits(total: Cell, s: Sum | None, partial: bool = False) -> bool | None:
    """Whether the stated total agrees with the sum; None when it cannot be judged."""
    if s is None:
        return None
    v = value(total)
    if v is None:
        return None
    if v == BLANK:
        return None if s.terms else True  # an empty total is not read as a zero
    if partial:
        return s.iv.lo <= v.hi
    return s.iv.overlaps(v)


def _tables(a: Audit) -> list[View]:
    """The tables to add up, without self-evaluation forms: their identities are the forms
    family's (F001…), read by their header words rather than by position."""
    tables = a.doc.tables or text_tables(a.doc.text)
    return [v for v in (read(t) for t in tables if not read_form(t)) if v is not None]


# --- T003: total rows -----------------------------------------------------------------------


def _depths(seg: list[Row]) -> list[int]:
    """Nesting depth of each row by its numbering (一、 > 1. > (1) …, in order of first use);
    an unnumbered row after numbered ones starts again at the top."""
    stack: list[str | None] = []
    out = []
    for row in seg:
        st = row.style
        if st in stack:
            del stack[stack.index(st) + 1 :]
        elif st is None:
            stack = [None]
        else:
            stack.append(st)
        out.append(len(stack))
    return out


def _readings(seg: list[Row], prev: Row | None, subtotals: list[Row]) -> list[list[Row]]:
    """The sets of rows a total may add up: the top level, the leaves, the first numbering with
    the unnumbered rows; each with and without the running total above; or the subtotals."""
    seg = [r for r in seg if not r.partial]
    out: list[list[Row]] = []
    if seg:
        d = _depths(seg)
        top = [r for r, k in zip(seg, d, strict=True) if k == 1]
        leaves = [r for i, r in enumerate(seg) if i + 1 == len(seg) or d[i + 1] <= d[i]]
        first = next((r.style for r in seg if r.style), None)
        flat = [r for r in seg if r.style is None or r.style == first]
        for sel in (top, leaves, flat):
            if prev is not None:
                out.append([prev, *sel])
            out.append(sel)
    elif prev is not None:
        out.append([prev])
    if len(subtotals) >= 2:
        out.append(subtotals)
    return out


def _implicit(seg: list[Row], col: int) -> list[Row]:
    """Rows whose nesting is shown only by indentation (lost in the text): a row followed by two
    or more rows that add up to it is read as their parent, and they are left out."""
    out: list[Row] = []
    i = 0
    while i < len(seg):
        out.append(seg[i])
        head = seg[i].cells.get(col)
        v = value(head) if head is not None else None
        nxt = i + 1
        if isinstance(v, Interval):
            for j in range(i + 2, len(seg)):
                s = add([r.cells.get(col) for r in seg[i + 1 : j + 1]])
                if s is None:
                    break
                if s.terms and s.iv.overlaps(v):
                    nxt = j + 1
                    break
        i = nxt
    return out


@check("T003")
def total_rows(a: Audit) -> None:
    for v in _tables(a):
        for b in v.blocks:
            rows = b.rows
            totals = [i for i, r in enumerate(rows) if r.total]
            coded = [r for r in rows if r.code and not r.total]
            top = min((len(r.code) for r in coded if r.code), default=0)
            for n, i in enumerate(totals):
                tot = rows[i]
                lo = totals[n - 1] + 1 if n else 0
                prev = rows[totals[n - 1]] if n else None
                seg = rows[lo:i]
                implicit: list[Row] = []
                if coded and len(totals) == 1:
                    readings = [[r for r in coded if r.code and len(r.code) == top]]
                elif coded and any(r.code for r in seg):
                    level = min(len(r.code) for r in seg if r.code)
                    readings = [[r for r in seg if r.code and len(r.code) == level]]
                else:
                    if not seg and prev is None:  # a total above its rows
                        nxt = totals[n + 1] if n + 1 < len(totals) else len(rows)
                        seg = rows[i + 1 : nxt]
                    subs = [rows[k] for k in totals[:n] if "小计" in rows[k].label]
                    readings = _readings(seg, prev, subs)
                    implicit = [r for r in seg if not r.partial]
                if not readings:
                    continue
                for col in b.nums:
                    if not col.summable or col.index not in tot.cells:
                        continue
                    cell = tot.cells[col.index]
                    extra = []
                    if implicit:
                        nested = _implicit(implicit, col.index)
                        extra = [nested] + ([[prev, *nested]] if prev is not None else [])
                    sums = [add([r.cells.get(col.index) for r in rd]) for rd in readings + extra]
                    verdicts = [_fits(cell, s) for s in sums]
                    if any(x is None or x for x in verdicts):
                        continue
                    s0, rd = sums[0], readings[0]
                    assert s0 is not None
                    names = [r.name for r in rd]
                    what = (
                        "、".join(f"“{x}”" for x in names)
                        if len(names) <= 4
                        else f"“{names[0]}”等{len(names)}行"
                    )
                    colname = f"“{col.name}”" if col.name and len(b.nums) > 1 else ""
                    roles = [(cell, tot.label)] + [
                        (r.cells[col.index], r.name) for r in rd if col.index in r.cells
                    ]
                    _report(
                        a, "T003", v.table, cell, s0,
                        f"“{tot.label}”行{colname}不等于{what}之和",
                        f"the {tot.label} row{', column ' + col.name if colname else ''} is not the sum of the {len(rd)} rows it totals",
                        [(c, role) for c, role in roles if value(c) not in (None, BLANK)],
                        f"{tot.label}|{col.name}",
                    )  # fmt: skip


# --- T005: parent rows ----------------------------------------------------------------------


def _code_families(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    out = []
    for i, p in enumerate(rows):
        if not p.code or p.total:
            continue
        k = len(p.code)
        kids: list[Row] = []
        ok = True
        for q in rows[i + 1 :]:
            if q.total or not q.code or len(q.code) <= k:
                break
            if q.code[:k] != p.code:
                ok = False
                break
            if len(q.code) == k + 1:
                kids.append(q)
        if ok and kids:
            out.append((p, kids))
    return out


def _label_families(rows: list[Row]) -> list[tuple[Row, list[Row]]]:
    """ "一、X" followed by deeper-numbered "1. …" rows: X is their sum. Depths restart after
    each total row. An unnumbered row heads the numbered rows after it only when it opens its
    group (first after a total, or first in the table)."""
    out = []
    seg: list[Row] = []
    for row in [*rows, None]:
        if row is not None and not row.total and not row.code:
            if not row.partial:
                seg.append(row)
            continue
        d = _depths(seg)
        for i, p in enumerate(seg):
            if p.partial or (p.style is None and i):
                continue
            kids: list[Row] = []
            for q, k in zip(seg[i + 1 :], d[i + 1 :], strict=True):
                if k <= d[i]:
                    break
                if k == d[i] + 1:
                    kids.append(q)
            if len(kids) >= 2 and all(q.style is not None for q in kids):
                out.append((p, kids))
        seg = []
    return out


@check("T005")
def parent_rows(a: Audit) -> None:
    for v in _tables(a):
        for b in v.blocks:
            fams = _code_families(b.rows) if any(r.code for r in b.rows) else []
            fams += _label_families(b.rows)
            for p, kids in fams:
                partial = kids[0].partial
                for col in b.nums:
                    if not col.summable or col.index not in p.cells:
                        continue
                    cell = p.cells[col.index]
                    s = add([k.cells.get(col.index) for k in kids])
                    if _fits(cell, s, partial) in (None, True):
                        continue
                    assert s is not None
                    level = {1: "类", 2: "款", 3: "项"}
                    if p.code:
                        zh_kids = f"所属各{level.get(len(p.code) + 1, '子项')}"
                    else:
                        zh_kids = "所列各分项"
                    colname = f"“{col.name}”" if col.name and len(b.nums) > 1 else ""
                    roles = [(cell, p.name)] + [
                        (k.cells[col.index], k.name) for k in kids if col.index in k.cells
                    ]
                    _report(
                        a, "T005", v.table, cell, s,
                        f"“{p.name}”{colname}不等于{zh_kids}之和",
                        f"{p.name}{', column ' + col.name if colname else ''} is not the sum of the {len(kids)} rows under it",
                        [(c, role) for c, role in roles if value(c) not in (None, BLANK)],
                        f"{p.name}|{col.name}",
                        partial=partial,
                    )  # fmt: skip


# --- T004: total columns --------------------------------------------------------------------


def _column_sums(v: View, b: Block) -> list[tuple[Column, list[list[Column]], bool]]:
    """Each total column with the columns it adds up: one list per sibling heading (a heading
    over several columns counts once, by its own 小计, or else as the sum of its columns)."""
    out = []
    nums = [c for c in b.nums]
    for t in nums:
        texts = [_squash(p.text) for p in t.path]
        js = [j for j, s in enumerate(texts) if _TOTAL.match(s) and not s.startswith("其中")]
        if not js or not t.summable:
            continue
        j = js[-1]
        node = t.path[j]
        parent = t.path[j - 1] if j else None
        suffix = texts[j + 1 :]
        groups: dict[int, list[Column]] = {}
        heads: dict[int, Cell] = {}
        for s in nums:
            if s is t or len(s.path) <= j:
                continue
            if parent is not None and s.path[j - 1] is not parent:
                continue
            if j and any(s.path[k] is not t.path[k] for k in range(j)):
                continue
            if s.path[j] is node:
                continue
            groups.setdefault(id(s.path[j]), []).append(s)
            heads[id(s.path[j])] = s.path[j]
        if not groups:
            continue
        parts: list[list[Column]] = []
        of_which: list[list[Column]] = []
        ok = True
        for key, cols in groups.items():
            head = _squash(heads[key].text)
            if _TOTAL.match(head):
                ok = False  # 上年合计 | 本年合计: totals of different things
                break
            match = [
                c
                for c in cols
                if not suffix or [_squash(p.text) for p in c.path][-len(suffix) :] == suffix
            ]
            if not match or not all(c.summable for c in match):
                ok = False
                break
            if len(match) > 1:
                sub = [
                    c
                    for c in match
                    if len(c.path) > j + 1 and _TOTAL.match(_squash(c.path[j + 1].text))
                ]
                if len(sub) == 1:
                    match = sub
            (of_which if head.startswith("其中") else parts).append(match)
        # 其中 columns detail the column before them: they count only when nothing else does,
        # and then only as a bound
        if ok and (parts or of_which):
            out.append((t, parts or of_which, not parts))
    return out


@check("T004")
def total_columns(a: Audit) -> None:
    for v in _tables(a):
        for b in v.blocks:
            for t, parts, partial in _column_sums(v, b):
                cols = [c for group in parts for c in group]
                for r in range(v.header, len(v.table.rows)):
                    cell = _own(v.table, r, t.index)
                    if cell is None:
                        continue
                    others = [_own(v.table, r, c.index) for c in cols]
                    s = add(others)
                    if _fits(cell, s, partial) in (None, True):
                        continue
                    assert s is not None
                    row = next((x for x in b.rows if x.r == r), None)
                    rowname = f"“{row.name}”行" if row and row.label else f"第{r + 1}行"
                    names = "、".join(c.name for c in cols)
                    roles = [(cell, t.name)] + [
                        (c, col.name) for c, col in zip(others, cols, strict=True) if c is not None
                    ]
                    _report(
                        a, "T004", v.table, cell, s,
                        f"{rowname}“{t.name}”列不等于{names}之和",
                        f"row {row.name if row else r + 1}: the {t.name} column is not the sum of {', '.join(c.name for c in cols)}",
                        [(c, role) for c, role in roles if value(c) not in (None, BLANK)],
                        f"{row.name if row else r}|{t.name}",
                        partial=partial,
                    )  # fmt: skip
