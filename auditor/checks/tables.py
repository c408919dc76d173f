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

import bisect
from decimal import Decimal, localcontext

from ..arith import Interval, fmt
from ..extract.table_view import (
    BLANK,
    TOTAL,
    Block,
    Column,
    Row,
    View,
    own,
    squash,
    value,
)
from ..forms import read_form
from ..model import Cell, Related, Span, Table
from ..record import Record
from .base import Audit, check

_MAX_TERMS = 16

# --- arithmetic and reporting ---------------------------------------------------------------


class Sum(Record):
    """Cells added up: the interval they allow, the plain sum and what was added."""

    iv: Interval
    exact: Decimal
    decimals: int
    terms: list[Cell]  # the non-blank cells added

    def __init__(self, iv: Interval, exact: Decimal, decimals: int, terms: list[Cell]) -> None:
        self.iv = iv
        self.exact = exact
        self.decimals = decimals
        self.terms = terms


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
    s = squash(s)
    return len(s.split(".", 1)[1]) if "." in s else 0


def _show(v: Decimal, decimals: int, like: str) -> str:
    s = fmt(v, decimals)
    if "," in like:
        sign, s = ("-", s[1:]) if s.startswith("-") else ("", s)
        whole, _, frac = s.partition(".")
        s = sign + f"{int(whole):,}" + ("." + frac if frac else "")
    return s


def _formula(terms: list[Cell]) -> str:
    vals = [squash(c.text) for c in terms] or ["0"]
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
    stated = squash(stated_cell.text)
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
            {"role": role, "value": squash(c.text), "span": c.span} for c, role in roles if c.span
        ],
    }
    f = a.emit(
        code, stated_cell.span or Span(0, 0), zh, en, evidence=evidence, extra_related=related
    )
    parts = ",".join(squash(c.text) for c in s.terms)
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
    cached = getattr(a, "_sum_views", None)
    if cached is None:  # three checks ask; a table is read as a form once
        pairs = zip(a.body.tables, a.body.views, strict=True)  # read in the extraction stage
        cached = [v for t, v in pairs if v is not None and not read_form(t)]
        a._sum_views = cached  # type: ignore[attr-defined]
    return list(cached)


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
    or more rows that add up to it is read as their parent, and they are left out.

    For each row, the first run of rows below it whose sum overlaps it is found through prefix
    sums (n log n in the rows); summing every run afresh was cubic, and real 决算 tables run to
    hundreds of rows. The result is exactly that of the plain definition (_implicit_plain)."""
    vals = [value(r.cells[col]) if col in r.cells else None for r in seg]
    words = [col in r.cells and v is None for r, v in zip(seg, vals, strict=True)]
    ivs = [v if isinstance(v, Interval) else None for v in vals]
    if not _prefix_safe(ivs):
        return _implicit_plain(seg, col)
    n = len(seg)
    with localcontext() as ctx:
        ctx.prec = 60  # exact: every figure has at most 18 digits (_prefix_safe)
        p_lo, p_hi = [Decimal(0)], [Decimal(0)]
        for v in ivs:
            p_lo.append(p_lo[-1] + (v.lo if v else 0))
            p_hi.append(p_hi[-1] + (v.hi if v else 0))
    next_words, next_num = [n] * (n + 1), [n] * (n + 1)
    for k in range(n - 1, -1, -1):
        next_words[k] = k if words[k] else next_words[k + 1]
        next_num[k] = k if ivs[k] is not None else next_num[k + 1]
    low = _RangeMin(p_lo)
    out: list[Row] = []
    i = 0
    while i < n:
        out.append(seg[i])
        v = ivs[i] if col in seg[i].cells else None
        nxt = i + 1
        if v is not None:
            last = min(n, next_words[i + 1] if i + 1 < n else n) - 1  # a sum with words is None
            with localcontext() as ctx:
                ctx.prec = 60
                hi_needed = v.lo + p_hi[i + 1]  # the run's hi must exceed v.lo
                lo_needed = v.hi + p_lo[i + 1]  # the run's lo must stay below v.hi
            # hi grows with j (no negative figure): the first j where it exceeds v.lo
            ja = bisect.bisect_right(p_hi, hi_needed, i + 2) - 1
            start = max(i + 2, next_num[i + 1], ja)
            if start <= last:
                j = low.first_below(start + 1, last + 2, lo_needed)
                if j is not None:
                    nxt = j  # prefix index j + 1 is row j; the run ends there: next row is j
        i = nxt
    return out


def _prefix_safe(ivs: list[Interval | None]) -> bool:
    """Prefix sums give the same answer as adding each run when the figures are not negative (a
    run's upper end then only grows) and short enough for exact Decimal arithmetic."""
    for v in ivs:
        if v is None:
            continue
        if v.hi < 0 or v.point is None or len(v.point.as_tuple().digits) > 18:
            return False
        if v.point.as_tuple().exponent < -12:
            return False
    return True


class _RangeMin:
    """Sparse table over a list: the first index in [a, b) whose value is below a threshold, in
    O(log n) after O(n log n) preparation."""

    def __init__(self, xs: list[Decimal]) -> None:
        self.xs = xs
        self.table = [xs]
        k = 1
        while 2 * k <= len(xs):
            prev = self.table[-1]
            self.table.append([min(prev[i], prev[i + k]) for i in range(len(xs) - 2 * k + 1)])
            k *= 2

    def min(self, a: int, b: int) -> Decimal:
        """min of xs[a:b], b > a."""
        k = (b - a).bit_length() - 1
        row = self.table[k]
        return min(row[a], row[b - (1 << k)])

    def first_below(self, a: int, b: int, limit: Decimal) -> int | None:
        if a >= b or self.min(a, b) >= limit:
            return None
        lo, hi = a, b  # the answer is in [lo, hi)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.min(lo, mid) < limit:
                hi = mid
            else:
                lo = mid
        return lo


def _implicit_plain(seg: list[Row], col: int) -> list[Row]:
    """The definition, with running sums (quadratic): for figures prefix sums cannot take."""
    out: list[Row] = []
    i = 0
    while i < len(seg):
        out.append(seg[i])
        head = seg[i].cells.get(col)
        v = value(head) if head is not None else None
        nxt = i + 1
        if isinstance(v, Interval):
            iv, terms = Interval.exact(Decimal(0)), 0
            for j in range(i + 1, len(seg)):
                c = seg[j].cells.get(col)
                x = value(c) if c is not None else BLANK
                if x is None:
                    break
                if x != BLANK:
                    iv, terms = iv + x, terms + 1
                if j >= i + 2 and terms and iv.overlaps(v):
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
        texts = [squash(p.text) for p in t.path]
        js = [j for j, s in enumerate(texts) if TOTAL.match(s) and not s.startswith("其中")]
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
            head = squash(heads[key].text)
            if TOTAL.match(head):
                ok = False  # 上年合计 | 本年合计: totals of different things
                break
            match = [
                c
                for c in cols
                if not suffix or [squash(p.text) for p in c.path][-len(suffix) :] == suffix
            ]
            if not match or not all(c.summable for c in match):
                ok = False
                break
            if len(match) > 1:
                sub = [
                    c
                    for c in match
                    if len(c.path) > j + 1 and TOTAL.match(squash(c.path[j + 1].text))
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
                    cell = own(v.table, r, t.index)
                    if cell is None:
                        continue
                    others = [own(v.table, r, c.index) for c in cols]
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
