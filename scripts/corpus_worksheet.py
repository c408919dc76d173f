"""Independent worksheet for the hand audit of the real corpus PDFs (issue 7).

It does NOT import the project's `auditor` package: it reads each PDF with pypdfium2, parses the
tables and the narrative with plain regular expressions written for these seven documents, and
recomputes every identity the reviewer checked by hand, printing the arithmetic and OK / MISMATCH.
It is an audit trail, not a product: the patterns are specific on purpose.

Conventions (GENRES.md, "Conventions reviewers apply"):
- Decimal arithmetic, rounding half up.
- A figure printed with d decimals stands for the interval [x - 0.5·10^-d, x + 0.5·10^-d].
  A text figure agrees with a table cell when the cell (元 → 万元) rounded half up to the text's
  decimals equals it. Sums, rates and shares of rounded figures agree when the stated figure lies
  within the range the rounded operands allow ("OK~" = consistent only thanks to rounding).
- 元 cells printed with cents are exact; 元 cells printed as whole 元 (万里) were rounded to 1 元;
  万元 cells (the 决算, the 三公 tables) were rounded to 0.01 万元. A printed "0" is an exact zero.

Usage: python scripts/corpus_worksheet.py [stem ...]   (default: all seven PDFs and the cross-document checks)
       python scripts/corpus_worksheet.py --check-expected   (every expectation's page and text are in the PDF)
"""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIRS = [
    ROOT.parent / "shared" / "corpus",
    ROOT.parent.parent / "shared" / "corpus",
    Path("/work/shared/corpus"),
]
WAN = Decimal(10000)
NUM = r"-?\d[\d,]*(?:\.\d+)?"


# ---------------------------------------------------------------- numbers and rounding


def D(s: str) -> Decimal:
    """Parse a printed figure ("1,234.56", "47.91", "0") exactly."""
    return Decimal(s.replace(",", "").replace("%", "").strip())


def decimals(s: str) -> int:
    s = s.replace("%", "").strip()
    return len(s.split(".")[1]) if "." in s else 0


def rnd(v: Decimal, d: int) -> Decimal:
    return v.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)


def half(s: str) -> Decimal:
    """Half a unit of the last printed digit: the rounding radius of a printed figure."""
    return (
        Decimal(0) if D(s) == 0 else Decimal(5).scaleb(-decimals(s) - 1)
    )  # "0万元" means nothing, exactly


def wan(yuan: Decimal) -> Decimal:
    return yuan / WAN


# ---------------------------------------------------------------- the sheet


@dataclass
class Sheet:
    """Collects the checks of one document and prints them as they are made."""

    name: str
    ok: int = 0
    bad: list[str] = field(default_factory=list)

    def _out(self, good: bool | None, label: str, arith: str, page: int | str = "") -> None:
        tag = {True: "OK      ", False: "MISMATCH", None: "OK~     "}[good]
        where = f"p.{page} " if page != "" else ""
        line = f"  {tag} {where}{label}: {arith}"
        print(line)
        if good is False:
            self.bad.append(line.strip())
        else:
            self.ok += 1

    def note(self, text: str) -> None:
        print(f"  NOTE     {text}")

    # a printed figure against an exact value
    def value(self, label: str, shown: str, exact: Decimal, how: str, page: int | str = "") -> bool:
        d = decimals(shown)
        got = rnd(exact, d)
        good = got == D(shown)
        self._out(
            good,
            label,
            f"{how} = {exact.normalize():f} → {got} {'=' if good else '≠'} {shown}",
            page,
        )
        return good

    # exact equality of two exact figures (table cells in 元)
    def same(self, label: str, a: Decimal, b: Decimal, how: str, page: int | str = "") -> bool:
        good = a == b
        self._out(good, label, f"{how}: {a:f} {'=' if good else '≠'} {b:f}", page)
        return good

    # a stated figure against a function of printed figures, with rounding intervals
    def derived(
        self,
        label: str,
        shown: str,
        f,
        operands: list[str],
        how: str,
        page: int | str = "",
        exact_ops: bool = False,
    ) -> bool:
        vals = [D(o) for o in operands]
        exact = f(*vals)
        d = decimals(shown)
        if rnd(exact, d) == D(shown):
            self._out(True, label, f"{how} = {exact:.4f} → {rnd(exact, d)} = {shown}", page)
            return True
        lo, hi = exact, exact
        if not exact_ops:
            boxes = [(v - half(o), v + half(o)) for v, o in zip(vals, operands, strict=True)]
            for corner in itertools.product(*boxes):
                try:
                    y = f(*corner)
                except (ArithmeticError, ZeroDivisionError):
                    continue
                lo, hi = min(lo, y), max(hi, y)
        s, h = D(shown), half(shown)
        if lo <= s + h and s - h <= hi:
            self._out(
                None,
                label,
                f"{how} = {exact:.4f} (range {lo:.4f}…{hi:.4f} from rounded operands) ∋ {shown}",
                page,
            )
            return True
        self._out(False, label, f"{how} = {exact:.4f} → {rnd(exact, d)} ≠ {shown}", page)
        return False

    def total(
        self,
        label: str,
        shown: str,
        parts: list[str],
        page: int | str = "",
        exact_ops: bool = False,
    ) -> bool:
        """shown = Σ parts, each part as printed (rounding intervals unless exact_ops)."""
        exact = sum((D(p) for p in parts), Decimal(0))
        how = " + ".join(parts)
        if exact == D(shown):
            self._out(True, label, f"{how} = {exact:f} = {shown}", page)
            return True
        slack = Decimal(0) if exact_ops else sum((half(p) for p in parts), half(shown))
        good = abs(exact - D(shown)) <= slack
        self._out(
            None if good else False,
            label,
            f"{how} = {exact:f} {'≈' if good else '≠'} {shown}"
            + (f" (rounding slack {slack})" if good else ""),
            page,
        )
        return good

    def word(self, label: str, word: str, expected: str, how: str, page: int | str = "") -> bool:
        good = word == expected
        self._out(good, label, f"{how} → expects '{expected}', text says '{word}'", page)
        return good

    def fact(self, label: str, good: bool, how: str, page: int | str = "") -> bool:
        self._out(good, label, how, page)
        return good


def pct(a: Decimal, b: Decimal) -> Decimal:
    return a / b * 100


def change(new: Decimal, old: Decimal) -> Decimal:
    return (new - old) / old * 100


def direction(new: Decimal, old: Decimal) -> str:
    return "增加" if new > old else "减少" if new < old else "持平"


# ---------------------------------------------------------------- the PDF


class Doc:
    """The pages of one PDF, as text; a flat (line-joined) narrative with its page map."""

    def __init__(self, stem: str) -> None:
        path = next((d / f"{stem}.pdf" for d in CORPUS_DIRS if (d / f"{stem}.pdf").exists()), None)
        if path is None:
            raise FileNotFoundError(f"{stem}.pdf not found in {CORPUS_DIRS}")
        pdf = pdfium.PdfDocument(str(path))
        self.pages = [
            pdf[i].get_textpage().get_text_range().replace("\r", "") for i in range(len(pdf))
        ]
        self.stem = stem

    def page(self, n: int) -> str:
        return self.pages[n - 1]

    def flat(self, first: int, last: int) -> tuple[str, list[int]]:
        """Pages first..last joined with all whitespace removed (hard wraps, "为 1560.05 万元"); page of each char."""
        text, where = [], []
        for n in range(first, last + 1):
            t = re.sub(r"\s+", "", self.page(n))
            text.append(t)
            where.extend([n] * len(t))
        return "".join(text), where

    def find(self, pattern: str, first: int, last: int) -> list[tuple[re.Match, int]]:
        text, where = self.flat(first, last)
        return [(m, where[m.start()]) for m in re.finditer(pattern, text)]

    def one(self, pattern: str, first: int, last: int | None = None) -> tuple[re.Match, int]:
        hits = self.find(pattern, first, last or first)
        if not hits:
            raise LookupError(f"{self.stem}: pattern not found on p.{first}-{last}: {pattern}")
        return hits[0]

    def cell(
        self, label: str, first: int, last: int | None = None, nth: int = 0
    ) -> tuple[str, int]:
        """The figure printed right after a table label (line breaks read as spaces) and its page."""
        for n in range(first, (last or first) + 1):
            hits = re.findall(label + r"\s*(" + NUM + ")", re.sub(r"\s+", " ", self.page(n)))
            if len(hits) > nth:
                return hits[nth], n
            nth -= len(hits)
        raise LookupError(f"{self.stem}: no figure after {label!r} on p.{first}-{last}")

    def cells(self, label: str, page: int) -> list[str]:
        """All the figures printed in a run right after a table label (up to the next 科目 code)."""
        text = re.sub(r"\s+", " ", self.page(page))
        for at in [m.end() for m in re.finditer(re.escape(label), text)]:
            toks = text[at:].split()
            out = []
            for i, t in enumerate(toks):
                if not is_num(t) or (
                    re.fullmatch(r"[23]\d\d", t) and i + 1 < len(toks) and not is_num(toks[i + 1])
                ):
                    break
                out.append(t)
            if out:  # a header "合计 基本支出 …" has no figures: take the first occurrence that has
                return out
        raise LookupError(f"{self.stem}: no figures after {label!r} on p.{page}")

    def rows(self, first: int, last: int) -> list[Row]:
        toks = " ".join(self.page(n) for n in range(first, last + 1)).split()
        return parse_rows(toks)


# ---------------------------------------------------------------- 科目 rows


@dataclass
class Row:
    code: str  # "201", "20106", "2010601"
    name: str
    nums: list[str]

    @property
    def level(self) -> int:
        return {3: 1, 5: 2, 7: 3}[len(self.code)]

    def v(self, i: int = 0) -> Decimal:
        return D(self.nums[i])


def is_num(t: str) -> bool:
    return re.fullmatch(NUM, t) is not None and not re.fullmatch(r"\d{4}", t)


def parse_rows(toks: list[str]) -> list[Row]:
    """Rows "201 06 01 行政运行 1,511.90 1,511.89 0.01" from a token stream (rows may share a line).

    A row starts at a 3-digit 类 code followed by 1-2 digit sub-codes or by a name; its name runs to
    the first number; its numbers run to the next row start or the next word.
    """
    rows: list[Row] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if (
            re.fullmatch(r"[23]\d\d", t)
            and (re.fullmatch(r"\d{1,2}", nxt) or not is_num(nxt))
            and nxt
        ):
            code, j = t, i + 1
            while j < len(toks) and re.fullmatch(r"\d{1,2}", toks[j]) and len(code) < 7:
                code += toks[j].zfill(2)
                j += 1
            name = []
            while j < len(toks) and not is_num(toks[j]):
                if re.fullmatch(r"[23]\d\d", toks[j]) or "合计" in toks[j]:
                    break
                name.append(toks[j])
                j += 1
            nums = []
            while j < len(toks) and is_num(toks[j]):
                if (
                    re.fullmatch(r"[23]\d\d", toks[j])
                    and j + 1 < len(toks)
                    and (re.fullmatch(r"\d{1,2}", toks[j + 1]) or not is_num(toks[j + 1]))
                ):
                    break
                nums.append(toks[j])
                j += 1
            rows.append(Row(code, "".join(name), nums))
            i = j
        else:
            i += 1
    return rows


def norm(name: str) -> str:
    return name.replace("(", "（").replace(")", "）").replace(" ", "")


def keyed(rows: list[Row]) -> dict[tuple[str, str, str], Row]:
    """(类 name, 款 name, 项 name) → 项 row, walking the rows in order."""
    out: dict[tuple[str, str, str], Row] = {}
    lei = kuan = ""
    for r in rows:
        if r.level == 1:
            lei = norm(r.name)
        elif r.level == 2:
            kuan = norm(r.name)
        else:
            out[(lei, kuan, norm(r.name))] = r
    return out


def hierarchy(
    sheet: Sheet, label: str, rows: list[Row], total: list[str] | None, page: int | str, exact: bool
) -> None:
    """类 = Σ款, 款 = Σ项 (first column, the 合计), and the 合计 row = Σ类, column by column."""
    for r in rows:
        kids = [k for k in rows if len(k.code) == len(r.code) + 2 and k.code.startswith(r.code)]
        if kids:
            sheet.total(
                f"{label} {r.code} {r.name} = Σ children",
                r.nums[0],
                [k.nums[0] for k in kids],
                page,
                exact,
            )
    if total:
        leis = [r for r in rows if r.level == 1]
        sheet.total(f"{label} 合计 = Σ类", total[0], [r.nums[0] for r in leis], page, exact)


def row_columns(sheet: Sheet, label: str, rows: list[Row], page: int | str, exact: bool) -> None:
    """合计 = sum of the other printed cells of the row (blank cells are zero, whichever column)."""
    for r in rows:
        if len(r.nums) > 1:
            sheet.total(
                f"{label} {r.code} {r.name} 合计 = Σ columns", r.nums[0], r.nums[1:], page, exact
            )


PAIRS = (  # 经济分类 款 and the 功能分类 科目 that carries the same employer contribution
    ("30108", "2080505", "机关事业单位基本养老保险缴费"),
    ("30109", "2080506", "职业年金缴费"),
    ("30110", "21011", "职工基本医疗保险缴费 = 行政事业单位医疗（款）"),
    ("30113", "2210201", "住房公积金"),
)


def eco_vs_function(
    s: Sheet, by_eco: dict[str, Row], by_fn: dict[str, Row], page: int, exact: bool
) -> None:
    """A convention of these templates, not a law: the contribution lines appear once in each classification."""
    for e, f, label in PAIRS:
        if e in by_eco and f in by_fn and by_eco[e].nums:
            s.total(
                f"经济分类 {e} = 功能分类 {f} ({label})",
                by_eco[e].nums[0],
                [by_fn[f].nums[0]],
                page,
                exact,
            )


# ================================================================ 区财政局 2024 部门决算 (tables in 万元)


def audit_finance_final(s: Sheet) -> None:
    d = Doc("shpt_finance_2024_dept_final")
    print("\n## 收入支出决算总表 (p.6-7, 万元)")
    inc = d.cell("一般公共预算财政拨款收入", 6)[0]
    other = d.cell("八、其他收入", 6)[0]
    inc_total = d.cell("本年收入合计", 6)[0]
    exp_total = d.cell("本年支出合计", 6)[0]
    lei = {
        k: d.cell(k, 6)[0]
        for k in ("一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出")
    }
    carry_in, carry_out = d.cell("年初结转和结余", 7)[0], d.cell("年末结转和结余", 7)[0]
    grand = d.cell("总计", 7)[0]
    s.total("本年收入合计 = 财政拨款 + 其他收入", inc_total, [inc, other], 6)
    s.total("本年支出合计 = Σ类", exp_total, list(lei.values()), 6)
    s.total("收入总计 = 本年收入合计 + 年初结转和结余", grand, [inc_total, carry_in], 7)
    s.total(
        "支出总计 = 本年支出合计 + 年末结转和结余",
        d.cell("总计", 7, nth=1)[0],
        [exp_total, carry_out],
        7,
    )

    print("\n## 收入决算表 (p.8-9) and 支出决算表 (p.10-11)")
    rin = d.rows(8, 9)
    rout = d.rows(10, 11)
    rgp = d.rows(15, 15)
    hierarchy(s, "收入决算表", rin, [d.cell("类 款 项 合计", 8)[0]], 8, exact=False)
    row_columns(s, "收入决算表", rin, 8, exact=False)
    hierarchy(s, "支出决算表", rout, [d.cell("类 款 项 合计", 10)[0]], 10, exact=False)
    row_columns(s, "支出决算表", rout, 10, exact=False)
    hierarchy(s, "一般公共预算财政拨款支出决算表", rgp, [d.cell("合计", 15)[0]], 15, exact=False)
    row_columns(s, "一般公共预算财政拨款支出决算表", rgp, 15, exact=False)
    tot10 = d.cells("类 款 项 合计", 10)
    s.total("支出决算表 合计 = 基本 + 项目", tot10[0], tot10[1:], 10)
    gp = {r.code: r for r in rgp}
    for r in rout:
        s.value(
            f"支出决算表 {r.code} {r.name} = 财政拨款支出决算表",
            r.nums[0],
            gp[r.code].v(),
            "p.15 cell",
            10,
        )
    for k, v in lei.items():
        code = {
            "一般公共服务支出": "201",
            "社会保障和就业支出": "208",
            "卫生健康支出": "210",
            "住房保障支出": "221",
        }[k]
        s.derived(
            f"收支决算总表 {k} = 支出决算表 {code}",
            v,
            lambda x: x,
            [gp[code].nums[0]],
            f"{code} on p.15 ({gp[code].nums[0]})",
            6,
        )

    print("\n## 财政拨款收入支出决算总表 (p.12-13)")
    fin_in = d.cell("一、一般公共预算财政拨款", 12)[0]
    fin_carry = d.cell("年初财政拨款结转和结余", 13)[0]
    fin_total = d.cell("总计", 13)[0]
    s.total("财政拨款 总计 = 本年收入 + 年初结转和结余", fin_total, [fin_in, fin_carry], 13)
    s.total(
        "财政拨款 总计 = 本年支出 + 年末结转和结余",
        fin_total,
        [d.cell("本年支出合计", 13)[0], d.cell("年末财政拨款结转和结余", 13)[0]],
        13,
    )

    print("\n## 一般公共预算财政拨款基本支出决算表 (p.16-17)")
    eco = [r for r in d.rows(16, 17) if r.code[:3] in ("301", "302", "303", "310")]
    by = {r.code: r for r in eco}
    eco_vs_function(s, by, gp, 16, exact=False)
    for c in ("301", "302", "303", "310"):
        kids = [r.nums[0] for r in eco if len(r.code) == 5 and r.code.startswith(c) and r.nums]
        s.total(f"经济分类 {c} {by[c].name} = Σ款", by[c].nums[0], kids, 16)
    people, public = d.cell("人员经费合计", 17)[0], d.cell("公用经费合计", 17)[0]
    s.total("人员经费合计 = 301 + 303", people, [by["301"].nums[0], by["303"].nums[0]], 17)
    s.total("公用经费合计 = 302 + 310", public, [by["302"].nums[0], by["310"].nums[0]], 17)
    s.total("人员 + 公用 = 基本支出 (p.15 合计 基本)", "2,336.91", [people, public], 17)

    print("\n## narrative (p.21-24)")
    m, pg = d.one(
        r"收入支出总计("
        + NUM
        + r")万元。与2023年度相比，收入支出总计(减少|增加)("
        + NUM
        + r")万元，(下降|增长)("
        + NUM
        + ")%",
        21,
    )
    s.value("收入支出总计 (text) = 收支决算总表 总计", m[1], D(grand), f"table 总计 {grand}", pg)
    s.derived(
        "收入支出总计 降幅",
        m[5],
        lambda a, b: b / (a + b) * 100,
        [m[1], m[3]],
        f"{m[3]} ÷ ({m[1]} + {m[3]}) × 100",
        pg,
    )
    m, pg = d.one(
        r"本年收入合计("
        + NUM
        + r")万元，其中：财政拨款收入("
        + NUM
        + r")万元，占("
        + NUM
        + r")%；其他收入("
        + NUM
        + r")万元，占("
        + NUM
        + r")%",
        21,
    )
    s.value("本年收入合计 (text)", m[1], D(inc_total), "table", pg)
    s.value("财政拨款收入 (text)", m[2], D(inc), "table", pg)
    s.value("其他收入 (text, 6.2 = 6.20)", m[4], D(other), "table", pg)
    s.derived("财政拨款收入 share", m[3], pct, [inc, inc_total], f"{inc} ÷ {inc_total}", pg)
    s.derived("其他收入 share", m[5], pct, [other, inc_total], f"{other} ÷ {inc_total}", pg)
    m, pg = d.one(
        r"本年支出合计("
        + NUM
        + r")万元，其中：基本支出("
        + NUM
        + r")万元，占("
        + NUM
        + r")%；\s*项目支出("
        + NUM
        + r")万元，占("
        + NUM
        + r")%",
        21,
    )
    basic, proj = tot10[1], tot10[2]
    s.value("本年支出合计 (text)", m[1], D(exp_total), "table", pg)
    s.value("基本支出 (text)", m[2], D(basic), "支出决算表 基本支出 合计", pg)
    s.value("项目支出 (text)", m[4], D(proj), "支出决算表 项目支出 合计", pg)
    s.derived("基本支出 share", m[3], pct, [basic, exp_total], f"{basic} ÷ {exp_total}", pg)
    s.derived("项目支出 share", m[5], pct, [proj, exp_total], f"{proj} ÷ {exp_total}", pg)
    m, pg = d.one(
        r"财政拨款收入支出总计("
        + NUM
        + r")万元。与2023年度相比，财政拨款收入支出总计(持平|增加|减少)",
        21,
    )
    s.value(
        "财政拨款收入支出总计 (text) = 财政拨款收支决算总表 总计",
        m[1],
        D(fin_total),
        f"table p.13 总计 {fin_total}",
        pg,
    )
    m2, _ = d.one(r"一般公共预算财政拨款支出减少(" + NUM + r")万元", 21)
    prior_min = D(fin_in) + D(m2[1])
    s.fact(
        "财政拨款收入支出总计 '持平' with 2023",
        False,
        f"2023 一般公共预算财政拨款支出 = {fin_in} + {m2[1]} = {prior_min} (same page); 2023 总计 ≥ 2023 支出 ≥ {prior_min} > 2024 总计 {fin_total}, so not 持平; the reason given describes 减少支付",
        pg,
    )
    m, pg = d.one(
        r"一般公共预算财政拨款支出("
        + NUM
        + r")万元，占本年支出合计的("
        + NUM
        + r")%。与2023年度相比，一般公共预算财政拨款支出减少("
        + NUM
        + r")万元，下降("
        + NUM
        + ")%",
        21,
    )
    s.value(
        "一般公共预算财政拨款支出 (text)",
        m[1],
        D(gp_total := d.cell("合计", 15)[0]),
        f"p.15 合计 {gp_total}",
        pg,
    )
    s.derived("占本年支出合计", m[2], pct, [m[1], exp_total], f"{m[1]} ÷ {exp_total}", pg)
    s.derived(
        "一般公共预算财政拨款支出 降幅",
        m[4],
        lambda a, b: b / (a + b) * 100,
        [m[1], m[3]],
        f"{m[3]} ÷ ({m[1]} + {m[3]})",
        pg,
    )
    shares = d.find(r"([\u4e00-\u9fa5]+支出)（类）(" + NUM + r")万元，占(" + NUM + r")%", 21, 21)
    for m, pg in shares:
        code = {
            "一般公共服务支出": "201",
            "社会保障和就业支出": "208",
            "卫生健康支出": "210",
            "住房保障支出": "221",
        }[m[1]]
        s.value(f"{m[1]}（类）(text) = p.15 {code}", m[2], gp[code].v(), "p.15 cell", pg)
        s.derived(
            f"{m[1]}（类） share of 2940.05",
            m[3],
            pct,
            [m[2], gp_total],
            f"{m[2]} ÷ {gp_total}",
            pg,
        )
    s.total("Σ 类 shares = 100%", "100.00", [m[3] for m, _ in shares], 21)
    m, pg = d.one(
        r"年初预算为("
        + NUM
        + r")万元，支出决算为("
        + NUM
        + r")万元，完成年初预算的("
        + NUM
        + r")%。\s*决算数(小于|大于|等于)",
        21,
    )
    s.derived("完成年初预算", m[3], pct, [m[2], m[1]], f"{m[2]} ÷ {m[1]}", pg)
    s.word(
        "决算数与年初预算 (总)",
        m[4],
        {"增加": "大于", "减少": "小于", "持平": "等于"}[direction(D(m[2]), D(m[1]))],
        f"{m[2]} vs {m[1]}",
        pg,
    )
    total_budget = m[1]
    items = d.find(
        r"[（(]类[）)](.+?)[（(]款[）)](.+?)[（(]项[）)]。主要用于：.+?年初预算为\s*("
        + NUM
        + r")\s*万元，支出决算为("
        + NUM
        + r")万元。\s*决算数(小于预算数|大于预算数|与预算数基本持平|等于预算数)",
        22,
        22,
    )
    names = {(norm(r.name)): r for r in rgp if r.level == 3}
    budgets = []
    for m, pg in items:
        r = names[norm(m[2])]
        budgets.append(m[3])
        s.value(f"{m[1]}/{m[2]} 支出决算 (text) = p.15 {r.code}", m[4], r.v(), "p.15 cell", pg)
        want = {"增加": "大于预算数", "减少": "小于预算数", "持平": "与预算数基本持平"}[
            direction(D(m[4]), D(m[3]))
        ]
        s.word(f"{m[2]} 决算 vs 年初预算 direction", m[5], want, f"决算 {m[4]} vs 年初 {m[3]}", pg)
    s.total("年初预算 total = Σ 项 年初预算 (p.22)", total_budget, budgets, 22)
    m, pg = d.one(
        r"基本支出("
        + NUM
        + r")万元。其中：人员经费("
        + NUM
        + r")万元.+?公用经费("
        + NUM
        + r")万元",
        23,
    )
    s.value("基本支出 (text)", m[1], D("2336.91"), "p.15 合计 基本", pg)
    s.value("人员经费 (text)", m[2], D(people), "p.17 人员经费合计", pg)
    s.value("公用经费 (text)", m[3], D(public), "p.17 公用经费合计", pg)
    # the items the text says each part "主要包括" against the 经济分类 rows that carry a figure
    listed = dict(
        re.findall(r"(人员经费|公用经费)" + NUM + r"万元，主要包括：([^；。]+)", d.flat(23, 23)[0])
    )
    for part, classes in (("人员经费", ("301", "303")), ("公用经费", ("302", "310"))):
        names = {norm(x) for x in listed[part].split("、")}
        filled = {
            norm(r.name) for r in eco if len(r.code) == 5 and r.code[:3] in classes and r.nums
        }
        s.fact(
            f"{part} 主要包括 = its 经济分类 rows with a figure",
            names == filled,
            f"listed, no figure: {sorted(names - filled) or '—'}; figure, not listed: {sorted(filled - names) or '—'}",
            23,
        )
    m, pg = d.one(
        r"“三公”经费财政拨款支出年初预算为("
        + NUM
        + r")万元，支出决算为("
        + NUM
        + r")万元，完成预算的("
        + NUM
        + ")%",
        23,
    )
    s.fact(
        "三公 table p.18 shows only 0.95 (预算数) and no 决算数",
        re.findall(NUM, d.page(18).split("决算数")[-1]) == ["0.95", "0.95"],
        "numbers after the header: " + " ".join(re.findall(NUM, d.page(18).split("决算数")[-1])),
        18,
    )
    s.value("三公 年初预算 (text) = table 合计 预算数", m[1], D("0.95"), "p.18", pg)
    s.derived("三公 完成预算", m[3], pct, [m[2], m[1]], f"{m[2]} ÷ {m[1]}", pg)
    m, pg = d.one(
        r"机关运行经费支出(" + NUM + r")万元，比2023年度增加(" + NUM + r")万元，增长(" + NUM + ")%",
        24,
    )
    s.value(
        "机关运行经费 (text) = 公用经费合计",
        m[1],
        D(public),
        "p.17 (a 财政局 is a 行政单位: all its 公用经费)",
        pg,
    )
    s.derived(
        "机关运行经费 增幅",
        m[3],
        lambda a, b: b / (a - b) * 100,
        [m[1], m[2]],
        f"{m[2]} ÷ ({m[1]} − {m[2]})",
        pg,
    )
    m, pg = d.one(
        r"政府采购金额（以合同签订为准）为("
        + NUM
        + r")万元，其中：货物采购金额("
        + NUM
        + r")万元、工程采购金额("
        + NUM
        + r")万元、服务采购金额("
        + NUM
        + r")万元",
        24,
    )
    s.total("政府采购 = 货物 + 工程 + 服务", m[1], [m[2], m[3], m[4]], pg)
    m2, _ = d.one(r"面向中小企业预留政府采购项目预算金额(" + NUM + r")万元", 24)
    s.fact("面向中小企业预留 ≤ 政府采购总额", D(m2[1]) <= D(m[1]), f"{m2[1]} ≤ {m[1]}", 24)
    m, pg = d.one(r"共有车辆(\d+)辆，其中：(.+?)。", 24)
    s.total("车辆 = Σ kinds", m[1], re.findall(r"(\d+)辆", m[2]), pg, exact_ops=True)
    m, pg = d.one(
        r"绩效自评的2024年度项目(\d+)个.+?绩效评级为“优”的项目(\d+)个；绩效评级为“良”的项目(\d+)个；绩效评级为“合格”的项目(\d+)个；绩效评级为“不合格”的项目(\d+)个",
        23,
    )
    s.total(
        "绩效自评 projects = 优 + 良 + 合格 + 不合格",
        m[1],
        [m[2], m[3], m[4], m[5]],
        pg,
        exact_ops=True,
    )
    s.fact(
        "目录 lists 9 tables; all 9 titles are in the body",
        all(
            any(t in p for p in d.pages[5:20])
            for t in (
                "收入支出决算总表",
                "收入决算表",
                "支出决算表",
                "财政拨款收入支出决算总表",
                "一般公共预算财政拨款支出决算表",
                "一般公共预算财政拨款基本支出决算表",
                "“三公”经费支出决算表",
                "政府性基金预算财政拨款收入支出决算表",
                "国有资本经营预算财政拨款收入支出决算表",
            )
        ),
        "p.6-20",
    )
    s.fact(
        "政府性基金 / 国有资本 tables empty with their notes",
        all("本表无数据" in d.page(n) and not re.search(r"\d\.\d\d", d.page(n)) for n in (19, 20)),
        "p.19, p.20",
    )


# ================================================================ 部门预算 / 单位预算 (tables in 元, text in 万元)

TITLES = [  # (kind, words that open the table's title), most specific first
    ("fin", "财政拨款收支预算总表"),
    ("summary", "财务收支预算总表"),
    ("income", "收入预算总表"),
    ("expense", "支出预算总表"),
    ("gp", "一般公共预算支出功能分类预算表"),
    ("fund", "政府性基金预算支出功能分类预算表"),
    ("soe", "国有资本经营预算支出功能分类预算表"),
    ("eco", "经济分类预算表"),
    ("sangong", "经费和机关运行经费预算表"),
    ("other", "其他相关情况说明"),
    ("project", "经费情况说明"),
    ("narrative", "预算编制说明"),
]
LEI_CODE = {
    "一般公共服务支出": "201",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "卫生健康支出": "210",
    "城乡社区支出": "212",
    "资源勘探工业信息等支出": "215",
    "商业服务业等支出": "216",
    "住房保障支出": "221",
}


def sections(d: Doc) -> dict[str, list[int]]:
    """Which pages each table / part occupies: a title in the first lines opens it; untitled pages continue it."""
    out: dict[str, list[int]] = {}
    cur = None
    for n, text in enumerate(d.pages, start=1):
        head = "".join(text.split("\n")[:3]).replace(" ", "")
        if "目录" in head:
            cur = None
            continue
        for kind, title in TITLES:
            if title in head:
                cur = kind
                break
        if cur:
            out.setdefault(cur, []).append(n)
    return out


def audit_budget(stem: str, s: Sheet) -> None:
    d = Doc(stem)
    sec = sections(d)
    first = lambda k: sec[k][0]  # noqa: E731
    last = lambda k: sec[k][-1]  # noqa: E731
    print("  sections: " + ", ".join(f"{k} p.{v[0]}-{v[-1]}" for k, v in sec.items()))

    print("\n## 机构设置: counts against the lists")
    org = next(n for n, p in enumerate(d.pages, 1) if "机构设置" in p.split("\n")[0])
    m = re.search(
        r"行政单位\s*(\d+)\s*家，(?:参公单位\s*(\d+)\s*家，)?事业单位\s*(\d+)\s*家", d.page(org)
    )
    if m:
        listed = re.findall(r"^\d+[.．]", d.page(org), flags=re.M)
        s.total(
            "单位 kinds = units listed",
            str(len(listed)),
            [x for x in m.groups() if x],
            org,
            exact_ops=True,
        )
        sub = re.search(r"本部以及下属\s*(\d+)\s*家", d.page(org))
        if sub:
            s.total(
                "本部 + 下属 = units listed", str(len(listed)), ["1", sub[1]], org, exact_ops=True
            )
    m = re.search(r"设(\d+)个内设机构，包括：(.+?)。", re.sub(r"\s+", "", d.page(org)))
    if m:
        n_listed = len(re.findall(r"（[一二三四五六七八九十]+）", d.page(org))) or len(
            m[2].split("、")
        )
        s.total("内设机构 count = items listed", m[1], [str(n_listed)], org, exact_ops=True)

    print("\n## 目录 against the body")
    toc = next(n for n, p in enumerate(d.pages, 1) if "目 录" in p or "目录" in p[:20])

    def tnorm(x: str) -> str:
        return re.sub(r"部门|单位|“三公”|预算|20\d\d年|\s", "", x)

    heads = [tnorm("".join(d.page(n).split("\n")[:3])) for n in range(toc + 1, len(d.pages) + 1)]
    for t in re.findall(r"\d[.．]\s*(.+?表)", d.page(toc)):
        present = any(tnorm(t) in h for h in heads)
        s.fact(
            f"目录 lists '{t.strip()}'",
            present,
            "title found at the head of a body page"
            if present
            else "no body page carries this title",
            toc,
        )
    for part in ("其他相关情况说明", "项目经费情况说明"):
        if part in d.page(toc):
            s.fact(
                f"目录 lists '{part}'",
                part.replace("项目", "") in "".join(d.pages[toc:]),
                "present in the body",
                toc,
            )

    tab = {k: d.rows(first(k), last(k)) for k in ("income", "expense", "gp")}
    tot = {k: d.cells("合计", last(k)) for k in ("income", "expense", "gp")}
    # 元 cells printed with cents are exact; 元 cells printed as integers were rounded to 1 元
    exact = "." in tot["gp"][0]
    print(f"\n## 科目 tables (元, {'exact cents' if exact else 'whole 元, each cell ±0.5 元'})")
    for k, label in (
        ("income", "收入预算总表"),
        ("expense", "支出预算总表"),
        ("gp", "一般公共预算支出功能分类预算表"),
    ):
        hierarchy(s, label, tab[k], tot[k], first(k), exact=exact)
        row_columns(s, label, tab[k], first(k), exact=exact)
        s.total(
            f"{label} 合计 row = Σ columns",
            tot[k][0],
            [x for x in tot[k][1:]],
            last(k),
            exact_ops=exact,
        )
    gp = {r.code: r for r in tab["gp"]}
    for k, label in (("income", "收入预算总表"), ("expense", "支出预算总表")):
        mism = [r.code for r in tab[k] if r.code not in gp or gp[r.code].nums[0] != r.nums[0]]
        s.fact(
            f"{label} 合计 column = 功能分类表, all {len(tab[k])} 科目 rows",
            not mism,
            f"differing: {mism}" if mism else "same codes, same amounts",
            first(k),
        )
    ex = {r.code: r for r in tab["expense"]}
    mism = [c for c, r in ex.items() if r.nums != gp[c].nums]
    s.fact(
        "支出预算总表 rows = 功能分类表 rows (合计, 基本, 项目)",
        not mism,
        f"differing: {mism}" if mism else "identical",
        first("expense"),
    )

    for k, label in (("summary", "财务收支预算总表"), ("fin", "财政拨款收支预算总表")):
        text = re.sub(r"\s+", " ", " ".join(d.page(n) for n in sec[k]))
        leis = re.findall(r"[一二三四五六七八九十]+、(\S+?支出) (" + NUM + ")", text)
        inc_total = re.search(r"收入总计 (" + NUM + ")", text)[1]
        exp_total = re.search(r"支出总计 (" + NUM + ")", text)[1]
        s.same(f"{label} 收入总计 = 支出总计", D(inc_total), D(exp_total), "", first(k))
        s.total(
            f"{label} 支出总计 = Σ类", exp_total, [v for _, v in leis], first(k), exact_ops=exact
        )
        s.same(f"{label} 收入总计 = 功能分类表 合计", D(inc_total), D(tot["gp"][0]), "", first(k))
        for name, v in leis:
            s.same(
                f"{label} {name} = 功能分类表 {LEI_CODE[name]}",
                D(v),
                gp[LEI_CODE[name]].v(),
                "",
                first(k),
            )
        if (
            k == "summary" and "人员经费" in text
        ):  # 单位 summary tables also split 基本 into 人员 / 公用
            run = r"((?: " + NUM + r"(?=\s|$))+)"
            for m in re.finditer(r"[一二三四五六七八九十]+、(\S+?支出)" + run, text):
                nums = m[2].split()
                s.total(
                    f"{label} {m[1]} = 人员 + 公用 + 项目",
                    nums[0],
                    nums[1:],
                    first(k),
                    exact_ops=exact,
                )
            nums = re.search(r"支出总计" + run, text)[1].split()
            s.total(
                f"{label} 支出总计 = 人员 + 公用 + 项目",
                nums[0],
                nums[1:],
                first(k),
                exact_ops=exact,
            )

    print("\n## 一般公共预算基本支出经济分类表")
    eco = [
        r for r in d.rows(first("eco"), last("eco")) if r.code[:3] in ("301", "302", "303", "310")
    ]
    eco_tot = d.cells("合计", last("eco"))
    hierarchy(s, "经济分类表", eco, eco_tot, first("eco"), exact=exact)
    row_columns(s, "经济分类表", eco, first("eco"), exact=exact)
    s.total(
        "经济分类表 合计 = 人员经费 + 公用经费",
        eco_tot[0],
        eco_tot[1:],
        last("eco"),
        exact_ops=exact,
    )
    s.same(
        "经济分类表 合计 = 功能分类表 基本支出 合计",
        D(eco_tot[0]),
        D(tot["gp"][1]),
        "",
        last("eco"),
    )
    by_eco = {r.code: r for r in eco}
    eco_vs_function(s, by_eco, gp, first("eco"), exact)

    print("\n## 政府性基金 / 国有资本经营 tables and their notes")
    for k in ("fund", "soe"):
        text = " ".join(d.page(n) for n in sec[k])
        has_nums = bool(re.search(r"\d{1,3}(,\d{3})+|\d+\.\d\d", text))
        s.fact(
            f"{k} table: note '本表为空表' and no figures",
            ("空表" in text) and not has_nums,
            "note present, no figures" if not has_nums else "figures present",
            first(k),
        )

    print("\n## 三公 and 机关运行经费 table (万元)")
    sg_text = " ".join(d.page(n) for n in sec["sangong"])
    after = sg_text.split("运行费")[-1]
    sg = re.findall(NUM, after.split("注")[0])
    s.note(f"p.{first('sangong')} figures in the row: {' '.join(sg)}")
    note_empty = "本表为空表" in sg_text
    s.fact(
        "三公 table: an empty-table note only under a table without figures",
        not (note_empty and sg),
        ("note '本表为空表' under figures " + " ".join(sg))
        if note_empty and sg
        else "no contradiction",
        first("sangong"),
    )
    m, pg = d.one(r"“三公”经费预算数为(" + NUM + r")万元", first("other"), last("other"))
    total3 = m[1]
    parts = {}
    for label, pat in (
        ("出国", r"因公出国（境）费(" + NUM + r")万元"),
        ("用车", r"公务用车购置及运行费(" + NUM + r")万元"),
        ("购置", r"公务用车购置费(" + NUM + r")万元"),
        ("运行", r"公务用车运行费(" + NUM + r")万元"),
        ("接待", r"公务接待费(" + NUM + r")万元"),
    ):
        parts[label] = d.one(pat, first("other"), last("other"))[0][1]
    s.total(
        "三公 (text) = 出国 + 用车 + 接待",
        total3,
        [parts["出国"], parts["用车"], parts["接待"]],
        pg,
    )
    s.total("用车 (text) = 购置 + 运行", parts["用车"], [parts["购置"], parts["运行"]], pg)
    if len(sg) == 7:  # 合计, 出国, 接待, 用车小计, 购置, 运行, 机关运行经费
        for i, (label, v) in enumerate(
            (
                ("合计", total3),
                ("出国", parts["出国"]),
                ("接待", parts["接待"]),
                ("用车", parts["用车"]),
                ("购置", parts["购置"]),
                ("运行", parts["运行"]),
            )
        ):
            s.same(f"三公 {label} text = table", D(v), D(sg[i]), "", pg)
        s.total(
            "三公 table 合计 = 出国 + 接待 + 用车", sg[0], [sg[1], sg[2], sg[3]], first("sangong")
        )
        s.total("三公 table 用车 = 购置 + 运行", sg[3], [sg[4], sg[5]], first("sangong"))
    else:  # blank cells: the printed figures must be exactly the non-zero text figures + 机关运行经费
        nz = [
            v
            for v in (
                total3,
                parts["出国"],
                parts["接待"],
                parts["用车"],
                parts["购置"],
                parts["运行"],
            )
            if D(v) != 0
        ]
        s.fact(
            "三公 table figures = non-zero text figures (blank cells = 0)",
            sorted(D(x) for x in sg[:-1]) == sorted(D(x) for x in nz),
            f"table {sg[:-1]} vs text {nz}",
            first("sangong"),
        )
    jg = d.one(r"机关运行经费预算为(" + NUM + r")万元", first("other"), last("other"))
    s.same("机关运行经费 text = table", D(jg[0][1]), D(sg[-1]), "", jg[1])
    if "30217" in by_eco:  # 三公 also covers 项目支出: not an identity, shown for the reader
        s.note(
            f"公务接待费 (text) {parts['接待']} 万元; 经济分类 30217 (基本支出 only) {by_eco['30217'].nums[0]} 元 = {wan(by_eco['30217'].v())} 万元"
        )
    if "30231" in by_eco:
        s.value(
            "公务用车运行费 (text) = 经济分类 30231",
            parts["运行"],
            wan(by_eco["30231"].v()),
            f"30231 {by_eco['30231'].nums[0]} 元 ÷ 10000",
            pg,
        )
    s.note(
        f"机关运行经费 {jg[0][1]} 万元; 公用经费合计 {eco_tot[2]} 元 = {wan(D(eco_tot[2]))} 万元 (equal only when every unit is 机关/参公)"
    )

    print("\n## 政府采购, 中小企业, 车辆")
    m, pg = d.one(
        r"政府采购预算("
        + NUM
        + r")万元，其中：政府采购货物预算("
        + NUM
        + r")万元、政府采购工程预算("
        + NUM
        + r")万元、政府采购服务预算("
        + NUM
        + r")万元",
        first("other"),
        last("other"),
    )
    s.total("政府采购 = 货物 + 工程 + 服务", m[1], [m[2], m[3], m[4]], pg)
    sme = d.find(
        r"面向中小企业预留政府采购项目预算金额("
        + NUM
        + r")万元，其中，预留给小型和微型企业的政府采购项目预算为("
        + NUM
        + r")万元",
        first("other"),
        last("other"),
    )
    for m2, pg2 in sme:
        s.fact(
            "小微 ≤ 中小企业预留 ≤ 政府采购",
            D(m2[2]) <= D(m2[1]) <= D(m[1]),
            f"{m2[2]} ≤ {m2[1]} ≤ {m[1]}",
            pg2,
        )
    for m2, pg2 in d.find(
        r"(?:共有车辆|购置车辆)(\d+)辆，其中：(.+?)；", first("other"), last("other")
    ):
        s.total("车辆 = Σ kinds", m2[1], re.findall(r"(\d+)辆", m2[2]), pg2, exact_ops=True)

    print("\n## narrative: totals")
    nar_first, nar_last = first("narrative"), last("narrative")
    total_wan = wan(D(tot["gp"][0]))
    for label, pat in (
        ("收入预算", r"收入预算(" + NUM + r")万元"),
        ("财政拨款收入", r"财政拨款收入(" + NUM + r")万元"),
        ("支出预算", r"。支出预算(" + NUM + r")万元"),
        ("财政拨款支出预算", r"财政拨款支出预算(" + NUM + r")万元"),
        ("一般公共预算拨款支出预算", r"一般公共预算拨款支出预算(" + NUM + r")万元"),
    ):
        m, pg = d.one(pat, nar_first, nar_last)
        s.value(f"{label} (text) = 合计", m[1], total_wan, f"{tot['gp'][0]} 元 ÷ 10000", pg)
    for m, pg in d.find(
        r"比(\d{4})年预算(执行数)?(增加|减少|持平)(" + NUM + r")?万元?", nar_first, nar_last
    ):
        s.fact(
            f"comparison base year {m[1]} is Y-1",
            int(m[1]) == int(re.search(r"(\d{4})年", d.page(1))[1]) - 1,
            f"'{m[0]}'",
            pg,
        )

    print("\n## narrative: one paragraph per 科目 (text 万元 vs 功能分类表 元)")
    key = keyed(tab["gp"])
    flat, where = d.flat(nar_first, nar_last)
    shape_a = (
        r"“([^“”（]+?)[（(]类[）)]([^“”]+?)[（(]款[）)]([^“”]+?)[（(]项[）)]”(?:科目)?("
        + NUM
        + r")万元"
    )
    shape_b = r"“([^“”\-]+?)-([^“”]+?)-([^“”\-]+?)”科目(" + NUM + r")万元"
    paras = list(re.finditer(shape_a, flat)) + list(re.finditer(shape_b, flat))
    s.note(f"{len(paras)} 科目 paragraphs; 功能分类表 has {len(key)} 项 rows")
    for m in sorted(paras, key=lambda m: m.start()):
        pg = where[m.start(4)]
        k = (norm(m[1]), norm(m[2]), norm(m[3]))
        r = key.get(k)
        if r is None:
            s.fact(
                f"科目 '{m[1]}/{m[2]}/{m[3]}' exists in 功能分类表",
                False,
                "no 类/款/项 row with these names (label slip)",
                pg,
            )
            cand = [r for kk, r in key.items() if kk[0] == k[0] and wan(r.v()) == D(m[4])]
            if cand:
                s.value(
                    f"  … its amount matches {cand[0].code} {cand[0].name}",
                    m[4],
                    wan(cand[0].v()),
                    f"{cand[0].nums[0]} 元 ÷ 10000",
                    pg,
                )
            continue
        s.value(f"{r.code} {m[3]} (text)", m[4], wan(r.v()), f"{r.nums[0]} 元 ÷ 10000", pg)
        tail = flat[m.end() : m.end() + 220]
        rate = re.match(
            r".*?当年预算执行数为("
            + NUM
            + r")万元，(\d{4})年预算安排("
            + NUM
            + r")万元，比(\d{4})年预算执行数(增加|减少|持平)(?:("
            + NUM
            + r")%)?。主要原因是：([^。]*)",
            tail,
        )
        if rate:
            prev, plan, word, p = rate[1], rate[3], rate[5], rate[6]
            rp = where[m.end() + rate.start(3)]
            s.value(
                f"{r.code} 预算安排 restated = table",
                plan,
                wan(r.v()),
                f"{r.nums[0]} 元 ÷ 10000 (heading says {m[4]})",
                rp,
            )
            s.word(
                f"{r.code} direction",
                word,
                direction(D(plan), D(prev)),
                f"{plan} vs 上年执行数 {prev}",
                rp,
            )
            if p and D(prev) != 0:
                s.derived(
                    f"{r.code} change rate",
                    p,
                    lambda a, b: abs(change(a, b)),
                    [plan, prev],
                    f"|{plan} − {prev}| ÷ {prev}",
                    rp,
                )
                if rnd(wan(r.v()), decimals(plan)) != D(plan):
                    s.derived(
                        f"{r.code} change rate from the table's {m[4]}",
                        p,
                        lambda a, b: abs(change(a, b)),
                        [m[4], prev],
                        f"|{m[4]} − {prev}| ÷ {prev}",
                        rp,
                    )
            elif p:
                s.note(
                    f"p.{rp} {r.code}: 增加{p}% from a zero base (上年执行数 {prev}): a habit, not an error"
                )
            reason = rate[7]
            opposite = {"增加": "减少", "减少": "增加"}.get(word)
            if opposite:
                s.fact(
                    f"{r.code} reason agrees with '{word}'",
                    opposite not in reason,
                    f"主要原因是：{reason}",
                    where[m.end() + rate.start(7)],
                )
    s.fact(
        "every 项 of 功能分类表 has its paragraph",
        len(paras) == len(key),
        f"{len(paras)} paragraphs, {len(key)} 项 rows",
        nar_first,
    )


def audit_projects(stem: str, s: Sheet) -> None:
    """项目经费情况说明: amounts that add up, and the 万里 building areas."""
    d = Doc(stem)
    sec = sections(d)
    if "project" not in sec:
        s.note("no 项目经费情况说明 in this document")
        return
    a, b = sec["project"][0], sec["project"][-1]
    for m, pg in d.find(
        r"项目总预算(" + NUM + r")万，其中(.+?)(?:，合计(" + NUM + r")万)?。", a, b
    ):
        parts = re.findall(r"(" + NUM + r")万", m[2])
        if m[3]:
            s.total("项目总预算 = Σ 其中", m[1], parts, pg)
            s.same("合计 = 项目总预算", D(m[3]), D(m[1]), "", pg)
        else:
            s.total("项目总预算 = Σ 其中", m[1], parts, pg)
    for m, pg in d.find(
        r"建筑面积约为(\d+)平方米，其中地上建筑面积为(\d+)平方米（其中计容面积(\d+)平方米，不计容面积(\d+)平方米），地下建筑面积为(\d+)平方米",
        a,
        b,
    ):
        s.total("地上建筑面积 = 计容 + 不计容", m[2], [m[3], m[4]], pg, exact_ops=True)
        s.total("总建筑面积 = 地上 + 地下", m[1], [m[2], m[5]], pg, exact_ops=True)
        s.total("总建筑面积 = 计容 + 不计容 + 地下", m[1], [m[3], m[4], m[5]], pg, exact_ops=True)
    for m, pg in d.find(
        r"第一季度用款计划("
        + NUM
        + r")万元，第二季度用款计划("
        + NUM
        + r")万元，第三季度用款计划("
        + NUM
        + r")万元，第四季度用款计划("
        + NUM
        + r")万元",
        a,
        b,
    ):
        s.note(
            f"p.{pg} 用款计划 {m[1]} + {m[2]} + {m[3]} + {m[4]} = {sum(D(x) for x in m.groups())} 万元 (no stated total to compare)"
        )


# ================================================================ across documents


def audit_across(s: Sheet) -> None:
    """部门 vs 单位 of the same single-unit department; 万里 2025 against its own 2024 budget."""
    for dept, unit in (
        ("shpt_govoffice_2025_dept_budget", "shpt_govoffice_2025_unit_budget"),
        ("shpt_commerce_2025_dept_budget", "shpt_commerce_2025_unit_budget"),
    ):
        a, b = Doc(dept), Doc(unit)
        ra = a.rows(sections(a)["gp"][0], sections(a)["gp"][-1])
        rb = b.rows(sections(b)["gp"][0], sections(b)["gp"][-1])
        s.fact(
            f"{dept} 功能分类表 = {unit} 功能分类表",
            [(r.code, r.nums) for r in ra] == [(r.code, r.nums) for r in rb],
            f"{len(ra)} rows compared",
        )
    w4, w5 = Doc("shpt_wanli_2024_dept_budget"), Doc("shpt_wanli_2025_dept_budget")
    t4 = w4.one(r"收入预算(" + NUM + r")万元", 6)[0][1]
    m, pg = w5.one(
        r"收入预算("
        + NUM
        + r")万元，其中：财政拨款收入"
        + NUM
        + r"万元，比2024年预算增加("
        + NUM
        + r")万元",
        6,
    )
    s.total("万里 2025 收入 = 2024 收入 (2024 document) + 增加", m[1], [t4, m[2]], pg)
    s4 = w4.one(r"“三公”经费预算数为(" + NUM + r")万元", 32)[0][1]
    m, pg = w5.one(r"“三公”经费预算数为(" + NUM + r")万元，比2024年预算减少(" + NUM + r")万元", 30)
    s.derived(
        "万里 2025 三公 decrease against the 2024 document",
        m[2],
        lambda a, b: a - b,
        [s4, m[1]],
        f"{s4} − {m[1]}",
        pg,
    )
    c4 = w4.one(r"公务用车购置费(" + NUM + r")万元", 32)[0][1]
    m, pg = w5.one(r"公务用车购置费(" + NUM + r")万元，比2024年预算减少(" + NUM + r")万元", 30)
    s.derived(
        "万里 2025 购置费 decrease against the 2024 document",
        m[2],
        lambda a, b: a - b,
        [c4, m[1]],
        f"{c4} − {m[1]}",
        pg,
    )
    v4 = w4.one(r"共有车辆(\d+)辆", 32)[0][1]
    b4 = w4.one(r"购置车辆(\d+)辆", 32)[0][1]
    v5, pg = w5.one(r"共有车辆(\d+)辆", 30)
    s.total(
        "万里 车辆 2024-08 (2025 doc) = 2023-08 (2024 doc) + 2024 purchases",
        v5[1],
        [v4, b4],
        pg,
        exact_ops=True,
    )


RUNS = {
    "shpt_finance_2024_dept_final": lambda s: audit_finance_final(s),
    "shpt_wanli_2024_dept_budget": lambda s: (
        audit_budget("shpt_wanli_2024_dept_budget", s),
        audit_projects("shpt_wanli_2024_dept_budget", s),
    ),
    "shpt_wanli_2025_dept_budget": lambda s: (
        audit_budget("shpt_wanli_2025_dept_budget", s),
        audit_projects("shpt_wanli_2025_dept_budget", s),
    ),
    "shpt_govoffice_2025_dept_budget": lambda s: (
        audit_budget("shpt_govoffice_2025_dept_budget", s),
        audit_projects("shpt_govoffice_2025_dept_budget", s),
    ),
    "shpt_govoffice_2025_unit_budget": lambda s: (
        audit_budget("shpt_govoffice_2025_unit_budget", s),
        audit_projects("shpt_govoffice_2025_unit_budget", s),
    ),
    "shpt_commerce_2025_dept_budget": lambda s: (
        audit_budget("shpt_commerce_2025_dept_budget", s),
        audit_projects("shpt_commerce_2025_dept_budget", s),
    ),
    "shpt_commerce_2025_unit_budget": lambda s: (
        audit_budget("shpt_commerce_2025_unit_budget", s),
        audit_projects("shpt_commerce_2025_unit_budget", s),
    ),
    "across": lambda s: audit_across(s),
}


def check_expectations() -> int:
    """Each entry of samples/expected/corpus/*.toml names a page and a text printed on it: verify both.

    Prints how often the text occurs on the page as printed (lines kept) and with lines joined, so an
    ambiguous locator is visible.
    """
    import tomllib

    bad = 0
    for f in sorted((ROOT / "samples" / "expected" / "corpus").glob("*.toml")):
        d = Doc(f.stem)
        exp = tomllib.loads(f.read_text(encoding="utf-8"))
        print(
            f"\n# {f.name}: {len(exp.get('finding', []))} findings, {len(exp.get('consistent', []))} consistent"
        )
        for kind in ("finding", "consistent"):
            for e in exp.get(kind, []):
                raw = d.page(e["page"])
                n_raw = raw.count(e["text"])
                n_joined = re.sub(r"\s+", "", raw).count(re.sub(r"\s+", "", e["text"]))
                tag = "ok" if n_raw >= 1 else "MISSING"
                bad += n_raw == 0
                amb = "" if n_raw == 1 else f" (×{n_raw} as printed)"
                amb += "" if n_joined == n_raw else f" (×{n_joined} with lines joined)"
                print(f"  {tag:7} {kind:10} p.{e['page']:<3} {e['text']!r}{amb}")
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    if argv == ["--check-expected"]:
        return check_expectations()
    wanted = argv or list(RUNS)
    sheets = []
    for stem in wanted:
        print(f"\n# {stem}")
        sheet = Sheet(stem)
        RUNS[stem](sheet)
        sheets.append(sheet)
    print("\n# Summary")
    for sh in sheets:
        print(f"{sh.name}: {sh.ok} consistent, {len(sh.bad)} mismatches")
        for line in sh.bad:
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
