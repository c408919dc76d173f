"""Compose a consistent 部门预算 or 部门决算 (narrative and text tables) from a seed.

Tables are pipe rows in 元 with two decimals; the narrative states the same amounts in 万元, rounded
half up to two decimals from the exact 元. Every relation a reviewer checks is recorded as an
Identity with the rule codes that should report its breach: text = cell (S002), heading = restated
amount (S001), 类 = Σ款 = Σ项 (T005), 合计 = Σ rows (T003), 合计 = 基本 + 项目 (T004), shares (R002),
change rates (R003), completion (R004), direction words (R005) and reasons (R006).
The arithmetic here is the generator's own (tests/gen/numbers.py), never the auditor's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from . import budget_vocab as bv
from .compose import Composer
from .model import Fig, Ref, Report
from .numbers import plain, rhu

D = Decimal
W = D(10000)


@dataclass
class Item:
    """One 项 with its place in the 类/款 path and its amounts (exact, in 元)."""

    lei: bv.Lei
    kuan: bv.Kuan
    x: bv.Xiang
    total: D  # all funds (budget: 预算数; final: 决算数)
    fiscal: D  # 一般公共预算 part
    basic: D  # fiscal 基本支出
    prior: D = D(0)  # budget: Y-1 当年预算执行数; final: 年初预算数
    other: D = D(0)  # non-fiscal (事业收入)

    @property
    def project(self) -> D:
        return self.fiscal - self.basic


@dataclass
class Row:
    code: str
    name: str
    level: int  # 0 合计, 1 类, 2 款, 3 项
    cells: list[D] = field(default_factory=list)


class BudgetComposer(Composer):
    def __init__(self, seed: int, **style) -> None:
        super().__init__(seed, unit="万元", fullwidth=False, encoding="utf-8", newline="\n")
        r = self.rng
        self.family = style.get("family") or r.choice(("budget", "final"))
        self.year = style.get("year") or r.randint(2021, 2026)
        dept, self.what = r.choice(bv.DEPTS)
        self.place = r.choice(bv.PLACES)
        self.dept = self.place + dept
        self.cell_sep = r.random() < 0.7  # 1,234.56 in cells
        self.blank_zero = r.random() < 0.5  # a zero cell left blank
        self.item_form = style.get("item_form") or r.choice(("paren", "dash", "mixed"))
        self.cell_keys: dict[tuple[str, str, str], str] = {}  # (table, code, column) → fig key

        self.swaps: list[tuple[int, int, int]] = []  # clause pieces [i:j] "，" [j+1:k]

    def clauses(self, a: str, b: str, **refs) -> None:
        """Two clauses joined by "，" whose order a paraphrase may swap."""
        i = len(self.pieces)
        self.say(a, **refs)
        j = len(self.pieces)
        self.pieces.append("，")
        self.say(b, **refs)
        self.swaps.append((i, j, len(self.pieces)))

    # --- figures ----------------------------------------------------------------------------

    def wan(self, name: str, yuan: D, qty: str | None = None) -> Ref:
        """An amount in the narrative: 万元, two decimals, half up, from the exact 元."""
        v = rhu(yuan / W, 2)
        f = Fig(self._key(name), "money", v, 2, plain(v, 2), "万元", W, exact=yuan)
        return self._add(f, qty)

    def cell(self, name: str, yuan: D) -> Ref:
        """A table cell in 元 with two decimals (blank for a zero in some documents)."""
        raw = plain(yuan, 2, self.cell_sep)
        if yuan == 0 and self.blank_zero:
            raw = ""
        f = Fig(self._key(name), "money", rhu(yuan, 2), 2, raw, "", D(1), exact=yuan)
        return self._add(f, None)

    def rate(self, name: str, exact: D) -> Ref:
        return self.pct(name, exact, dec=2)

    def word(self, name: str, w: str) -> Ref:
        return self._add(Fig(self._key(name), "word", D(0), 0, w), None)

    def eq(self, codes: tuple[str, ...], a: Ref, b: Ref, note: str = "") -> None:
        self.ident("eq", codes, [a, b], note)

    def share(self, part: Ref, whole: Ref, note: str = "") -> Ref:
        p, w_ = self.figs[part.key].exact, self.figs[whole.key].exact
        r = self.rate("share", p / w_ * 100)
        self.ratio("R002", r, [(1, part)], [(1, whole)], note=note)
        return r

    def dirword(self, code: str, base: Ref, cur: Ref, up: str, down: str, eq: str) -> Ref:
        b, c = self.figs[base.key].exact, self.figs[cur.key].exact
        w = self.word("dir", up if c > b else down if c < b else eq)
        self.ident("dir", (code,), [w, base, cur])
        return w

    # --- tables -----------------------------------------------------------------------------

    def tree_identities(self, tid: str, rows: list[Row], refs: dict, ncols: int) -> None:
        """类 = Σ款, 款 = Σ项 (T005), 合计 = Σ类 (T003) in every column."""
        for row in rows:
            kids = [
                r
                for r in rows
                if r.level == row.level + 1 and (row.level == 0 or r.code.startswith(row.code))
            ]
            if not kids:
                continue
            code = "T003" if row.level == 0 else "T005"
            for j in range(ncols):
                self.lin(
                    (code,),
                    refs[(row.code, j)],
                    [(1, refs[(k.code, j)]) for k in kids],
                    note=f"{tid} {row.name} col {j}",
                )

    def columns_identity(self, tid: str, rows: list[Row], refs: dict, total: int, parts: list[int]):
        for row in rows:
            self.lin(
                ("T004",),
                refs[(row.code, total)],
                [(1, refs[(row.code, j)]) for j in parts],
                note=f"{tid} {row.name} 合计列",
            )


def build_budget(seed: int, **style) -> Report:
    """A consistent 部门预算 (family="budget") or 部门决算 (family="final") drawn from the seed."""
    c = BudgetComposer(seed, **style)
    BudgetWriter(c).write()
    rep = Report(
        year=c.year,
        dept=c.dept,
        pieces=c.pieces,
        figs=c.figs,
        identities=c.ids,
        blocks=c.blocks,
        seed=seed,
        args=dict(style),
        style={
            "family": c.family,
            "item_form": c.item_form,
            "dept": c.dept,
            "genre": "budget",
            "swaps": c.swaps,
        },  # fmt: skip
    )
    bad = rep.broken()
    assert not bad, f"seed {seed}: generated budget breaks {bad}"
    return rep


class BudgetWriter:
    def __init__(self, c: BudgetComposer) -> None:
        self.c = c
        r = c.rng
        self.items: list[Item] = []
        leis = [bv.LEIS[0]] + [
            lei for lei in bv.LEIS[1:] if lei.code in ("208", "210", "221") or r.random() < 0.5
        ]
        for lei in leis:
            kuans = list(lei.kuans)
            if lei.code == "201":  # several 款 whose 项 is 一般行政管理事务
                kuans = [k for k in kuans if r.random() < 0.7] or kuans[:2]
            for k in kuans:
                for x in k.items:
                    self.items.append(self._item(lei, k, x))

    def _yuan(self, lo: float, hi: float) -> D:
        return D(self.c.rng.randint(int(lo * 100), int(hi * 100))) / 100

    def _item(self, lei: bv.Lei, k: bv.Kuan, x: bv.Xiang) -> Item:
        r = self.c.rng
        big = x.name in ("行政运行", "事业运行") or x.basic == 1
        fiscal = self._yuan(3e5, 2e7) if big else self._yuan(2e4, 3e6)
        basic = fiscal if x.basic == 1 else D(0) if x.basic == 0 else rhu(fiscal * D("0.6"), 2)
        other = self._yuan(1e4, 5e5) if x.name == "事业运行" else D(0)
        if self.c.family == "budget":  # Y-1 当年预算执行数, stated in 万元
            prior = rhu(fiscal * D(str(r.uniform(0.7, 1.4))) / W, 2) * W
            if abs(prior - fiscal) < fiscal * D("0.005"):
                prior += W
        else:  # 年初预算数 (元): spending is often a little below, sometimes equal, sometimes above
            mode = r.choices(("below", "equal", "above"), (6, 2, 2))[0]
            f = {"below": r.uniform(1.01, 1.3), "equal": 1, "above": r.uniform(0.8, 0.99)}[mode]
            prior = rhu(fiscal * D(str(f)), 2)
        return Item(lei, k, x, fiscal + other, fiscal, basic, prior, other)

    # --- the shared pieces --------------------------------------------------------------------

    def rows(self, value) -> list[Row]:
        """合计, then each 类, its 款 and their 项, with cells value(items) summed."""
        out = [Row("", "合计", 0, value(self.items))]
        seen: set[str] = set()
        for it in self.items:
            if it.lei.code not in seen:
                seen.add(it.lei.code)
                sub = [i for i in self.items if i.lei.code == it.lei.code]
                out.append(Row(it.lei.code, it.lei.name, 1, value(sub)))
            if it.kuan.code not in seen:
                seen.add(it.kuan.code)
                sub = [i for i in self.items if i.kuan.code == it.kuan.code]
                out.append(Row(it.kuan.code, it.kuan.name, 2, value(sub)))
            out.append(Row(it.x.code, it.x.name, 3, value([it])))
        return out

    def heading(self, level: int, title: str) -> None:
        self.c.heading(level, title)

    def write(self) -> None:
        c = self.c
        kind = "部门预算" if c.family == "budget" else "部门决算"
        c.para(f"{c.dept}{c.y()}年度{kind}")
        c.heading(0, "部门概况")
        c.para(f"{c.dept}主要负责{c.what}相关工作，贯彻落实上级决策部署。")
        if c.family == "budget":
            BudgetText(self).write()
        else:
            FinalText(self).write()


def _sum(key):
    return lambda items: [sum((key(i) for i in items), D(0))]


class BudgetText:
    """部门预算: narrative first (totals, shares, one paragraph per 科目, 基本支出, 三公), then tables."""

    def __init__(self, w: BudgetWriter) -> None:
        self.w, self.c = w, w.c

    def write(self) -> None:
        c, w = self.c, self.w
        items = w.items
        fiscal = sum((i.fiscal for i in items), D(0))
        other = sum((i.other for i in items), D(0))
        total = fiscal + other
        basic = sum((i.basic for i in items), D(0))
        # tables first in memory (their refs are needed by the text), written after the text:
        # build the text into a separate piece list, then swap
        text_pieces = c.pieces
        c.pieces = []
        t_all = w.rows(lambda its: [sum((i.total for i in its), D(0)), sum((i.basic for i in its), D(0)),
                                     sum((i.total - i.basic for i in its), D(0))])  # fmt: skip
        c.para(f"{c.y()}年部门预算表", blank=True)
        # 1 财务收支预算总表 (two sides)
        leis = [row for row in t_all if row.level == 1]
        inc = [("一、财政拨款收入", fiscal), ("二、事业收入", other)]
        c.para("表1 财务收支预算总表", blank=False)
        c.para("单位：元", blank=False)
        c.para("| 收入项目 | 预算数 | 支出项目 | 预算数 |", blank=False)
        n = max(len(inc), len(leis))
        t1: dict[str, Ref] = {}
        for k in range(n):
            cells: list[str | Ref] = []
            for side, lst in ((0, inc), (1, [(x.name, x.cells[0]) for x in leis])):
                if k < len(lst):
                    name, v = lst[k]
                    ref = c.cell(f"t1.{name}", v)
                    t1[f"{side}.{name}"] = ref
                    cells += [f" {name} | ", ref, " |"]
                else:
                    cells += ["  |  |"]
            c.pieces += ["|", *cells, "\n"]
        ti, te = c.cell("t1.收入总计", total), c.cell("t1.支出总计", total)
        c.pieces += ["| 收入总计 | ", ti, " | 支出总计 | ", te, " |\n\n"]
        c.lin(("T003",), ti, [(1, t1[f"0.{n_}"]) for n_, _ in inc], note="收入总计")
        c.lin(("T003",), te, [(1, t1[f"1.{x.name}"]) for x in leis], note="支出总计")
        # 2 支出预算总表 (all funds)
        c.para("表2 支出预算总表", blank=False)
        refs2 = self._table("t2", ["合计", "基本支出", "项目支出"], t_all)
        # 3 一般公共预算支出功能分类预算表 (fiscal)
        t_f = w.rows(lambda its: [sum((i.fiscal for i in its), D(0)), sum((i.basic for i in its), D(0)),
                                   sum((i.project for i in its), D(0))])  # fmt: skip
        c.para("表3 一般公共预算支出功能分类预算表", blank=False)
        refs3 = self._table("t3", ["合计", "基本支出", "项目支出"], t_f)
        # 4 基本支出经济分类
        econ_rows, pe, pu = self._econ(basic)
        c.para("表4 一般公共预算基本支出经济分类预算表", blank=False)
        refs4 = self._table(
            "t4", ["合计", "人员经费", "公用经费"], econ_rows, tree=True, cols=(0, [1, 2])
        )
        # 5 三公
        san = self._sangong_amounts()
        c.para("表5 “三公”经费和机关运行经费预算表", blank=False)
        c.para("单位：元", blank=False)
        head = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置及运行费",
                "公务用车购置及运行费", "公务接待费", "机关运行经费"]  # fmt: skip
        c.para("| " + " | ".join(head) + " |", blank=False)
        c.para(
            "| 合计 | 因公出国（境）费 | 小计 | 购置费 | 运行费 | 公务接待费 | 机关运行经费 |",
            blank=False,
        )
        order = ("total", "abroad", "car", "buy", "run", "recv", "office")
        t5 = {k: c.cell(f"t5.{k}", san[k]) for k in order}
        c.pieces.append("|")
        for k in order:
            c.pieces += [" ", t5[k], " |"]
        c.pieces.append("\n\n")
        c.lin(("T004",), t5["total"], [(1, t5["abroad"]), (1, t5["car"]), (1, t5["recv"])])
        c.lin(("T004",), t5["car"], [(1, t5["buy"]), (1, t5["run"])])
        tables = c.pieces
        c.pieces = text_pieces

        # --- the narrative ---
        c.heading(0, f"{c.y()}年部门预算编制说明")
        c.heading(1, "收支预算总体情况")
        tot_t = c.wan("收入预算", total)
        c.eq(("S002",), tot_t, ti)
        f_t = c.wan("财政拨款收入", fiscal)
        c.eq(("S002",), f_t, t1["0.一、财政拨款收入"])
        s1 = c.share(f_t, tot_t)
        c.say("按照全口径预算的原则，{Y}年{d}收入预算{a}，其中：财政拨款收入{f}，占{s1}",
              Y=c.y(), d=c.dept, a=tot_t, f=f_t, s1=s1)  # fmt: skip
        if other:
            o_t = c.wan("事业收入", other)
            c.eq(("S002",), o_t, t1["0.二、事业收入"])
            c.say("；事业收入{o}，占{s2}", o=o_t, s2=c.share(o_t, tot_t))
        c.say("。")
        e_t = c.wan("支出预算", total)
        c.eq(("S002",), e_t, refs2[("", 0)])
        # 基本 and 项目 of all funds (table 2's 合计 row)
        b_all, p_all = refs2[("", 1)], refs2[("", 2)]
        b_t = c.wan("基本支出", c.figs[b_all.key].exact)
        p_t = c.wan("项目支出", c.figs[p_all.key].exact)
        c.eq(("S002",), b_t, b_all)
        c.eq(("S002",), p_t, p_all)
        c.para("支出预算{e}，其中：基本支出{b}，占{s1}；项目支出{p}，占{s2}。", e=e_t, b=b_t,
               s1=c.share(b_t, e_t), p=p_t, s2=c.share(p_t, e_t))  # fmt: skip

        c.heading(1, "一般公共预算支出预算情况")
        g_t = c.wan("一般公共预算支出", fiscal)
        c.eq(("S002",), g_t, refs3[("", 0)])
        c.say("{Y}年一般公共预算支出{g}，主要用于以下方面：", Y=c.y(), g=g_t)
        leis3 = [row for row in self._rows3 if row.level == 1]
        for k, row in enumerate(leis3):
            a = c.wan("类", row.cells[0])
            c.eq(("S002",), a, refs3[(row.code, 0)])
            c.say(("；" if k else "") + row.name + "（类）{a}，占{p}", a=a, p=c.share(a, g_t))
        c.para("。")
        c.para("具体安排情况如下：", blank=False)
        for n_, it in enumerate(items, 1):
            self._item(n_, it, refs3)
        c.para("")

        c.heading(1, "一般公共预算基本支出预算情况")
        bg = c.wan("基本支出", basic)
        c.eq(("S002",), bg, refs3[("", 1)])
        pe_t, pu_t = c.wan("人员经费", pe), c.wan("公用经费", pu)
        c.eq(("S002",), pe_t, refs4[("", 1)])
        c.eq(("S002",), pu_t, refs4[("", 2)])
        c.lin(("T001",), bg, [(1, pe_t), (1, pu_t)])
        c.para("{Y}年一般公共预算基本支出{b}，其中：人员经费{pe}，主要包括基本工资、津贴补贴、社会保障缴费、"
               "住房公积金等；公用经费{pu}，主要包括办公费、差旅费、公务接待费等。",
               Y=c.y(), b=bg, pe=pe_t, pu=pu_t)  # fmt: skip

        c.heading(1, "“三公”经费和机关运行经费预算情况")
        tx = {k: c.wan(k, san[k]) for k in order}
        for k in order:
            c.eq(("S002",), tx[k], t5[k])
        c.lin(("T001",), tx["total"], [(1, tx["abroad"]), (1, tx["car"]), (1, tx["recv"])])
        c.lin(("T001",), tx["car"], [(1, tx["buy"]), (1, tx["run"])])
        c.para("{Y}年“三公”经费预算数为{t}，其中：因公出国（境）费{a}，公务用车购置及运行费{car}"
               "（其中：公务用车购置费{b}，公务用车运行费{r}），公务接待费{v}。",
               Y=c.y(), t=tx["total"], a=tx["abroad"], car=tx["car"], b=tx["buy"], r=tx["run"],
               v=tx["recv"])  # fmt: skip
        c.para("{Y}年机关运行经费预算为{m}，主要用于机关日常运转所需的办公费、水电费、差旅费等。",
               Y=c.y(), m=tx["office"])  # fmt: skip
        c.pieces += tables

    def _table(self, tid, head, rows, tree=True, cols=(0, [1, 2]), head2=None) -> dict:
        """A 科目 table; head2 is a second header row (a merged header as text exports write it)."""
        c = self.c
        c.para("单位：元", blank=False)
        c.para("| 科目编码 | 科目名称 | " + " | ".join(head) + " |", blank=False)
        if head2:
            c.para("|  |  | " + " | ".join(head2) + " |", blank=False)
        refs: dict = {}
        for row in rows:
            lead = ["", "合计"] if row.level == 0 else [row.code, row.name]
            c.pieces.append("| " + " | ".join(lead) + " |")
            for j, v in enumerate(row.cells):
                ref = c.cell(f"{tid}.{row.code or '合计'}.{j}", v)
                refs[(row.code, j)] = ref
                c.pieces += [" ", ref, " |"]
            c.pieces.append("\n")
        c.pieces.append("\n")
        if tid == "t3":
            self._rows3 = rows
        if tree:
            c.tree_identities(tid, rows, refs, len(head))
        total, parts = cols
        c.columns_identity(tid, rows, refs, total, parts)
        return refs

    def _econ(self, basic: D) -> tuple[list[Row], D, D]:
        """经济分类 rows of the fiscal 基本支出: 301 and 303 are 人员经费, 302 公用经费."""
        c = self.c
        r = c.rng
        shares = {"301": r.uniform(0.6, 0.75), "302": r.uniform(0.1, 0.25)}
        shares["303"] = 1 - shares["301"] - shares["302"]
        leaves: list[tuple[str, str, str, D]] = []
        remaining = basic
        allk = [(cls, code, name) for cls, _, ks in bv.ECON for code, name in ks]
        for idx, (cls, code, name) in enumerate(allk):
            if idx == len(allk) - 1:
                v = remaining
            else:
                n_in = len([1 for k in allk if k[0] == cls])
                v = rhu(basic * D(str(shares[cls])) / n_in * D(str(r.uniform(0.7, 1.3))), 2)
                v = min(v, remaining)
            remaining -= v
            leaves.append((cls, code, name, v))
        rows = [Row("", "合计", 0, [])]
        for cls, cname, _ in bv.ECON:
            ls = [lf for lf in leaves if lf[0] == cls]
            rows.append(Row(cls, cname, 1, []))
            for _, code, name, _v in ls:
                rows.append(Row(code, name, 2, []))
        vals = {lf[1]: lf[3] for lf in leaves}
        for row in rows:
            sub = [v for code, v in vals.items() if code.startswith(row.code)]
            s = sum(sub, D(0))
            person = row.code[:3] != "302" if row.code else None
            if row.level == 0:
                pe = sum((v for code, v in vals.items() if code[:3] != "302"), D(0))
                row.cells = [s, pe, s - pe]
            else:
                row.cells = [s, s if person else D(0), D(0) if person else s]
        return rows, rows[0].cells[1], rows[0].cells[2]

    def _sangong_amounts(self) -> dict[str, D]:
        c = self.c
        abroad = c.rng.choice((D(0), self.w._yuan(5e3, 1e5)))
        buy = c.rng.choice((D(0), D(0), self.w._yuan(1e5, 3e5)))
        run = self.w._yuan(1e4, 2e5)
        recv = self.w._yuan(5e3, 1e5)
        return {"abroad": abroad, "buy": buy, "run": run, "car": buy + run, "recv": recv,
                "total": abroad + buy + run + recv, "office": self.w._yuan(2e5, 5e6)}  # fmt: skip

    def _item(self, n: int, it: Item, refs3: dict) -> None:
        c = self.c
        r = c.rng
        a = c.wan("科目", it.fiscal)
        c.eq(("S002",), a, refs3[(it.x.code, 0)], note=it.x.code)
        form = c.item_form if c.item_form != "mixed" else r.choice(("paren", "dash"))
        if form == "paren":
            head = f"{n}. “{it.lei.name}（类）{it.kuan.name}（款）{it.x.name}（项）”"
        else:
            head = f"{n}. “{it.lei.name}-{it.kuan.name}-{it.x.name}”科目"
        c.say(head + "{a}，主要用于{use}。", a=a, use=it.x.use)
        p = c.wan("上年执行数", it.prior)
        a2 = c.wan("预算安排", it.fiscal)
        c.eq(("S001",), a, a2, note="restated")
        c.eq(("S002",), a2, refs3[(it.x.code, 0)], note=it.x.code)
        up = it.fiscal > it.prior
        dword = c.dirword("R005", p, a2, "增加", "减少", "持平")
        rate = c.rate("变动率", abs(it.fiscal - it.prior) / it.prior * 100)
        num = [(1, a2), (-1, p)] if up else [(1, p), (-1, a2)]
        c.ratio("R003", rate, num, [(1, p)], note="change rate")
        c.clauses("{Y1}年当年预算执行数为{p}", "{Y}年预算安排{a2}", Y1=c.y(-1), Y=c.y(), p=p, a2=a2)
        c.say("，比{Y1}年预算执行数{w}{rt}。", Y1=c.y(-1), w=dword, rt=rate)
        reason = r.choice(bv.UP_REASONS if up else bv.DOWN_REASONS)
        body, _, _ = reason.partition("{w}")
        rw = c.dirword("R006", p, a2, "增加", "减少", "持平")
        what = (
            it.kuan.name.removesuffix("事务")
            if it.x.name == "一般行政管理事务"
            else it.x.name.removesuffix("支出")
        )
        text = reason.format(what=what)
        stem = text[:-2]
        c.para("主要原因是：" + stem + "{rw}。", blank=False, rw=rw)


class FinalText:
    """部门决算: totals against Y-1, income / spending with shares, 科目 items, 三公, 机关运行经费."""

    def __init__(self, w: BudgetWriter) -> None:
        self.w, self.c = w, w.c

    def write(self) -> None:
        c, w = self.c, self.w
        r = c.rng
        items = w.items
        fiscal = sum((i.fiscal for i in items), D(0))
        other = sum((i.other for i in items), D(0))
        inc_year = fiscal + other + w._yuan(0, 2e5)  # 其他收入 left over goes to 年末结转
        spend_year = fiscal + other
        carry0 = w._yuan(0, 5e5)
        total = inc_year + carry0
        carry1 = total - spend_year

        text_pieces = c.pieces
        c.pieces = []
        c.para(f"{c.y()}年度部门决算表", blank=True)
        c.para("表1 收入支出决算总表", blank=False)
        c.para("单位：元", blank=False)
        c.para("| 收入 | 决算数 | 支出 | 决算数 |", blank=False)
        leis = [row for row in w.rows(_sum(lambda i: i.total)) if row.level == 1]
        left = [("一、财政拨款收入", fiscal), ("二、其他收入", inc_year - fiscal)]
        t1: dict[str, Ref] = {}
        n = max(len(left), len(leis))
        for k in range(n):
            cells: list[str | Ref] = []
            for side, lst in ((0, left), (1, [(x.name, x.cells[0]) for x in leis])):
                if k < len(lst):
                    name, v = lst[k]
                    ref = c.cell(f"t1.{name}", v)
                    t1[f"{side}.{name}"] = ref
                    cells += [f" {name} | ", ref, " |"]
                else:
                    cells += ["  |  |"]
            c.pieces += ["|", *cells, "\n"]
        ri, re_ = c.cell("本年收入合计", inc_year), c.cell("本年支出合计", spend_year)
        c0, c1 = c.cell("年初结转和结余", carry0), c.cell("年末结转和结余", carry1)
        ti, te = c.cell("收入总计", total), c.cell("支出总计", total)
        c.pieces += ["| 本年收入合计 | ", ri, " | 本年支出合计 | ", re_, " |\n"]
        c.pieces += ["| 年初结转和结余 | ", c0, " | 年末结转和结余 | ", c1, " |\n"]
        c.pieces += ["| 收入总计 | ", ti, " | 支出总计 | ", te, " |\n\n"]
        c.lin(("T003",), ri, [(1, t1[f"0.{n_}"]) for n_, _ in left])
        c.lin(("T003",), re_, [(1, t1[f"1.{x.name}"]) for x in leis])
        c.lin(("T003",), ti, [(1, ri), (1, c0)])
        c.lin(("T003",), te, [(1, re_), (1, c1)])

        t_all = w.rows(lambda its: [sum((i.total for i in its), D(0)), sum((i.basic for i in its), D(0)),
                                     sum((i.total - i.basic for i in its), D(0))])  # fmt: skip
        c.para("表2 支出决算表", blank=False)
        refs2 = BudgetText._table(self, "t2", ["合计", "基本支出", "项目支出"], t_all)
        t_f = w.rows(lambda its: [sum((i.prior for i in its), D(0)), sum((i.fiscal for i in its), D(0)),
                                   sum((i.basic for i in its), D(0)),
                                   sum((i.project for i in its), D(0))])  # fmt: skip
        c.para("表3 一般公共预算财政拨款支出决算表", blank=False)
        refs3 = BudgetText._table(
            self,
            "t3",
            ["年初预算数", "决算数", "决算数", "决算数"],
            t_f,
            cols=(1, [2, 3]),
            head2=["", "合计", "基本支出", "项目支出"],
        )
        san_b = BudgetText._sangong_amounts(self)
        san = {k: rhu(v * D(str(r.uniform(0.6, 1))), 2) for k, v in san_b.items()}
        san["car"] = san["buy"] + san["run"]
        san["total"] = san["abroad"] + san["car"] + san["recv"]
        c.para("表4 “三公”经费财政拨款支出决算表", blank=False)
        c.para("单位：元", blank=False)
        c.para("| 项目 | 预算数 | 决算数 |", blank=False)
        if r.random() < 0.5:
            names = {"total": "合计", "abroad": "因公出国（境）费", "car": "公务用车购置及运行费",
                     "buy": "其中：公务用车购置费", "run": "公务用车运行费", "recv": "公务接待费"}  # fmt: skip
        else:
            names = {"total": "合计", "abroad": "1.因公出国（境）费", "car": "2.公务用车购置及运行费",
                     "buy": "（1）公务用车购置费", "run": "（2）公务用车运行费", "recv": "3.公务接待费"}  # fmt: skip
        t4: dict[tuple[str, int], Ref] = {}
        for k, name in names.items():
            rb, rx = c.cell(f"t4.{k}.b", san_b[k]), c.cell(f"t4.{k}.x", san[k])
            t4[(k, 0)], t4[(k, 1)] = rb, rx
            c.pieces += [f"| {name} | ", rb, " | ", rx, " |\n"]
        c.pieces.append("\n")
        for j in (0, 1):
            c.lin(("T003",), t4[("total", j)], [(1, t4[(k, j)]) for k in ("abroad", "car", "recv")])
            c.lin(("T005",), t4[("car", j)], [(1, t4[("buy", j)]), (1, t4[("run", j)])])
        tables = c.pieces
        c.pieces = text_pieces

        # --- narrative ---
        c.heading(0, f"{c.y()}年度部门决算情况说明")
        c.heading(1, "收入支出决算总体情况说明")
        prior_total = rhu(total * D(str(r.uniform(0.8, 1.25))), 2)
        if prior_total == total:
            prior_total -= 1
        tt = c.wan("总计", total)
        c.eq(("S002",), tt, ti)
        up = total > prior_total
        diff = c.wan("变动额", abs(total - prior_total))
        rate = c.rate("变动率", abs(total - prior_total) / prior_total * 100)
        # the base is the prior total: A − B for an increase, A + B for a decrease
        c.ratio("R003", rate, [(1, diff)], [(1, tt), (-1 if up else 1, diff)])
        w1, w2 = c.word("dir", "增加" if up else "减少"), c.word("dir", "增长" if up else "下降")
        c.ident("agree", ("R005",), [w1, w2])
        reason = r.choice(bv.UP_REASONS if up else bv.DOWN_REASONS).format(what=c.what)[:-2]
        rw = c.word("reason", "增加" if up else "减少")
        c.ident("agree", ("R006",), [rw, w1])
        c.para("{Y}年度收入、支出总计各为{t}。与{Y1}年度相比，收、支总计各{w1}{d}，{w2}{rt}。"
               "主要原因是：{rs}{rw}。", Y=c.y(), Y1=c.y(-1), t=tt, w1=w1, d=diff, w2=w2, rt=rate,
               rs=reason, rw=rw)  # fmt: skip

        c.heading(1, "收入决算情况说明")
        rit = c.wan("本年收入合计", inc_year)
        c.eq(("S002",), rit, ri)
        ft = c.wan("财政拨款收入", fiscal)
        c.eq(("S002",), ft, t1["0.一、财政拨款收入"])
        ot = c.wan("其他收入", inc_year - fiscal)
        c.eq(("S002",), ot, t1["0.二、其他收入"])
        c.para("{Y}年度本年收入合计{a}，其中：财政拨款收入{f}，占{p1}；其他收入{o}，占{p2}。",
               Y=c.y(), a=rit, f=ft, p1=c.share(ft, rit), o=ot, p2=c.share(ot, rit))  # fmt: skip

        c.heading(1, "支出决算情况说明")
        ret = c.wan("本年支出合计", spend_year)
        c.eq(("S002",), ret, re_)
        bt, pt = (
            c.wan("基本支出", c.figs[refs2[("", 1)].key].exact),
            c.wan("项目支出", c.figs[refs2[("", 2)].key].exact),
        )
        c.eq(("S002",), bt, refs2[("", 1)])
        c.eq(("S002",), pt, refs2[("", 2)])
        c.para("{Y}年度本年支出合计{a}，其中：基本支出{b}，占{p1}；项目支出{p}，占{p2}。",
               Y=c.y(), a=ret, b=bt, p1=c.share(bt, ret), p=pt, p2=c.share(pt, ret))  # fmt: skip

        c.heading(1, "一般公共预算财政拨款支出决算情况说明")
        gt = c.wan("一般公共预算财政拨款支出", fiscal)
        c.eq(("S002",), gt, refs3[("", 1)])
        q = c.rate("share", fiscal / spend_year * 100)
        c.ratio("R002", q, [(1, gt)], [(1, ret)], note="占本年支出合计")
        c.say("{Y}年度一般公共预算财政拨款支出{g}，占本年支出合计的{q}。主要用于以下方面：",
              Y=c.y(), g=gt, q=q)  # fmt: skip
        leis3 = [row for row in self._rows3 if row.level == 1]
        for k, row in enumerate(leis3):
            a = c.wan("类", row.cells[1])
            c.eq(("S002",), a, refs3[(row.code, 1)])
            c.say(("；" if k else "") + row.name + "（类）{a}，占{p}", a=a, p=c.share(a, gt))
        c.para("。")
        c.para("其中：", blank=False)
        for n_, it in enumerate(items, 1):
            self._item(n_, it, refs3)
        c.para("")

        c.heading(1, "“三公”经费财政拨款支出决算情况说明")
        sb, sx = c.wan("三公预算", san_b["total"]), c.wan("三公决算", san["total"])
        c.eq(("S002",), sb, t4[("total", 0)])
        c.eq(("S002",), sx, t4[("total", 1)])
        z = c.rate("completion", san["total"] / san_b["total"] * 100)
        c.ratio("R004", z, [(1, sx)], [(1, sb)])
        parts = {k: c.wan(k, san[k]) for k in ("abroad", "car", "recv")}
        for k, ref in parts.items():
            c.eq(("S002",), ref, t4[(k, 1)])
        c.lin(("T001",), sx, [(1, parts[k]) for k in ("abroad", "car", "recv")])
        c.para("{Y}年度“三公”经费财政拨款支出预算为{b}，支出决算为{x}，完成预算的{z}。其中：因公出国（境）费"
               "支出决算为{a}；公务用车购置及运行费支出决算为{car}；公务接待费支出决算为{v}。",
               Y=c.y(), b=sb, x=sx, z=z, a=parts["abroad"], car=parts["car"], v=parts["recv"])  # fmt: skip

        c.heading(1, "机关运行经费支出情况说明")
        m = w._yuan(2e5, 5e6)
        mp = rhu(m * D(str(r.uniform(0.8, 1.2))), 2)
        mt, md = c.wan("机关运行经费", m), c.wan("变动额", abs(m - mp))
        up = m > mp
        mr = c.rate("变动率", abs(m - mp) / mp * 100)
        c.ratio("R003", mr, [(1, md)], [(1, mt), (-1 if up else 1, md)])
        ww = c.word("dir", "增加" if up else "减少")
        c.para("{Y}年度机关运行经费支出{m}，比{Y1}年度{w}{d}，{w2}{r}。", Y=c.y(), Y1=c.y(-1), m=mt,
               w=ww, d=md, w2="增长" if up else "下降", r=mr)  # fmt: skip
        c.pieces += tables

    def _item(self, n: int, it: Item, refs3: dict) -> None:
        c = self.c
        r = c.rng
        sep = r.choice(("、", "."))
        c.say(
            f"{n}{sep}{it.lei.name}（类）{it.kuan.name}（款）{it.x.name}（项）。主要用于{it.x.use}。"
        )
        x = c.wan("年初预算", it.prior)
        y = c.wan("支出决算", it.fiscal)
        c.eq(("S002",), x, refs3[(it.x.code, 0)])
        c.eq(("S002",), y, refs3[(it.x.code, 1)])
        z = c.rate("completion", it.fiscal / it.prior * 100)
        c.ratio("R004", z, [(1, y)], [(1, x)])
        wd = c.dirword("R005", x, y, "大于", "小于", "等于")
        c.clauses("年初预算为{x}", "支出决算为{y}", x=x, y=y)
        c.say("，完成年初预算的{z}。决算数{w}预算数", z=z, w=wd)
        if it.fiscal == it.prior:
            c.para("。", blank=False)
            return
        up = it.fiscal > it.prior
        what = (
            it.kuan.name.removesuffix("事务")
            if it.x.name == "一般行政管理事务"
            else it.x.name.removesuffix("支出")
        )
        reason = r.choice(bv.UP_REASONS if up else bv.DOWN_REASONS).format(what=what)[:-2]
        rw = c.dirword("R006", x, y, "增加", "减少", "持平")
        c.para("的主要原因：{rs}{rw}。", blank=False, rs=reason, rw=rw)


__all__ = ["build_budget", "random"]
