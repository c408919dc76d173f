"""Compose a consistent 部门整体支出绩效自评报告 (or 项目支出绩效自评报告) from a seed.

Every figure is rounded from exact values that satisfy the report's identities, so the report
reconciles at the stated precision; every identity is recorded, so an injected change knows which
checks it should trip.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

from . import vocab
from .model import Fig, Identity, Ref, Report, grade_of
from .numbers import cn_amount, cn_small, fullwidth, natural_decimals, plain, rhu

D = Decimal
CN = "零一二三四五六七八九十"
SCALE = {"元": D(1), "万元": D(10000), "亿元": D(100000000)}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w.]*)\}")

# Wording that makes another year legitimate (a comparison): such sentences are not P001 targets.
COMPARISON = re.compile(r"上年|同比|较|比\S{0,8}(增|减)|增长|下降|增加|减少|持平|结转")


class Composer:
    def __init__(self, seed: int, **style) -> None:
        self.seed = seed
        r = self.rng = random.Random(seed)
        self.year = style.get("year") or r.randint(2019, 2025)
        self.dt: vocab.DeptType = style.get("dept_type") or r.choice(vocab.DEPTS)
        place = r.choice(vocab.PLACES)
        if self.dt.suffix == "街道办事处":
            place = (
                place
                if place.endswith("区")
                else r.choice(("青山区", "东湖区", "南山区", "白云区"))
            )
            self.dept = place + r.choice(vocab.STREETS) + "街道办事处"
        else:
            self.dept = place + self.dt.suffix
        self.place = place
        self.kind = style.get("kind") or r.choices(("dept", "project"), (4, 1))[0]
        self.unit = style.get("unit") or r.choices(("万元", "元", "亿元"), (6, 3, 1))[0]
        self.fw = style.get("fullwidth", r.random() < 0.25)
        self.money_style = style.get("money_style") or (
            "fixed" if self.unit != "万元" else r.choices(("fixed", "natural"), (7, 3))[0]
        )
        self.money_dec = {"元": 2, "万元": 2, "亿元": 4}[self.unit]
        self.budget_grain = self._budget_grain()
        self.sep = not self.fw and (self.unit == "元" and r.random() < 0.85 or r.random() < 0.25)
        self.pct_dec = style.get("pct_dec", r.choices((2, 1, 0, None), (6, 2, 1, 2))[0])
        self.numbering = style.get("numbering") or r.choice(("cn", "part", "mixed"))
        self.item_marker = style.get("item_marker") or r.choice(
            ("circled", "paren", "dot", "comma")
        )
        self.encoding = (
            style.get("encoding") or r.choices(("utf-8", "gb18030", "utf-8-bom"), (6, 3, 1))[0]
        )
        self.newline = style.get("newline") or r.choices(("\n", "\r\n"), (3, 1))[0]
        self.pieces: list[str | Ref] = []
        self.figs: dict[str, Fig] = {}
        self.ids: list[Identity] = []
        self.blocks: list[tuple[int, int]] = []
        self.qty: dict[str, str] = {}  # quantity name → first figure key stating it
        self._n = 0
        self._sec = [0, 0]

    # --- figures ----------------------------------------------------------------------------

    def _key(self, name: str) -> str:
        self._n += 1
        return f"{name}#{self._n}"

    def _num(self, s: str) -> str:
        return fullwidth(s) if self.fw else s

    def _add(self, f: Fig, qty: str | None) -> Ref:
        self.figs[f.key] = f
        if qty is not None:
            first = self.qty.setdefault(qty, f.key)
            if first != f.key:
                self.ids.append(Identity("eq", ("S001",), (first, f.key), note=qty))
        return Ref(f.key)

    def money(self, name: str, yuan: D, qty: str | None = None) -> Ref:
        """An amount of money in the report's unit; `qty` names what it is, to tie restatements."""
        unit = self.unit
        if unit == "亿元" and abs(yuan) < SCALE["亿元"]:
            unit = "万元"  # small amounts in a 亿元 report are written in 万元
        sc = SCALE[unit]
        v = yuan / sc
        dec = {"亿元": 4, "万元": 2, "元": 2}[unit]
        if self.money_style != "fixed":
            dec = natural_decimals(v, dec)
        raw = ("-" if v < 0 else "") + plain(abs(v), dec, self.sep)
        value = rhu(v, dec)
        assert value == v, (yuan, self.unit, dec)  # amounts are generated on the written grain
        return self._add(Fig(self._key(name), "money", value, dec, self._num(raw), unit, sc), qty)

    def pct(
        self,
        name: str,
        exact: D,
        qty: str | None = None,
        dec: int | None = None,
        op: str = "",
        unit: str = "%",
    ) -> Ref:
        d = self.pct_dec if dec is None else dec
        if d is None:
            d = natural_decimals(exact, 2)
        value = rhu(exact, d)
        raw = plain(value, d)
        u = unit if unit != "%" else ("％" if self.fw else "%")
        return self._add(Fig(self._key(name), "percent", value, d, self._num(raw), u, op=op), qty)

    def count(
        self,
        name: str,
        n: int,
        unit: str,
        qty: str | None = None,
        words: bool = False,
        op: str = "",
    ) -> Ref:
        raw = cn_small(n) if words and 0 < n < 100 else self._num(str(n))
        return self._add(Fig(self._key(name), "count", D(n), 0, raw, unit, op=op), qty)

    def score(self, name: str, v: D, dec: int, qty: str | None = None) -> Ref:
        return self._add(Fig(self._key(name), "score", v, dec, self._num(plain(v, dec)), "分"), qty)

    def year_fig(self, name: str, year: int | None = None) -> Ref:
        y = year or self.year
        f = Fig(self._key(name), "year", D(y), 0, self._num(str(y)))  # the template writes 年
        self.ids.append(Identity("year", ("P001",), (f.key,)))
        return self._add(f, None)

    def grade(self, name: str, word: str) -> Ref:
        return self._add(Fig(self._key(name), "grade", D(0), 0, word), None)

    def ident(
        self, kind: str, codes: tuple[str, ...], keys: list[Ref], note: str = "", **params
    ) -> None:
        self.ids.append(Identity(kind, codes, tuple(k.key for k in keys), params, note))

    def lin(
        self,
        codes: tuple[str, ...],
        result: Ref,
        terms: list[tuple[int, Ref]],
        exact: bool = True,
        note: str = "",
    ) -> None:
        self.ident(
            "lin",
            codes,
            [result, *[t for _, t in terms]],
            note,
            result=result.key,
            terms=tuple((s, t.key) for s, t in terms),
            exact=exact,
        )

    def ratio(
        self,
        code: str,
        rate: Ref,
        num: list[tuple[int, Ref]],
        den: list[tuple[int, Ref]],
        note: str = "",
    ) -> None:
        keys = [rate, *[t for _, t in num], *[t for _, t in den]]
        self.ident(
            "ratio",
            (code,),
            keys,
            note,
            rate=rate.key,
            num=tuple((s, t.key) for s, t in num),
            den=tuple((s, t.key) for s, t in den),
        )

    # --- text -------------------------------------------------------------------------------

    def y(self, delta: int = 0) -> str:
        return self._num(str(self.year + delta))

    def say(self, template: str, **refs: str | Ref) -> None:
        """Append text; {name} is a figure (Ref) or a string given as a keyword."""
        pos = 0
        for m in _PLACEHOLDER.finditer(template):
            if m.start() > pos:
                self.pieces.append(template[pos : m.start()])
            v = refs[m.group(1)]
            self.pieces.append(v)
            pos = m.end()
        if pos < len(template):
            self.pieces.append(template[pos:])

    def para(self, template: str = "", blank: bool = True, **refs: str | Ref) -> tuple[int, int]:
        start = len(self.pieces)
        self.say(template, **refs)
        self.pieces.append("\n\n" if blank else "\n")
        return start, len(self.pieces)

    def heading(self, level: int, title: str) -> None:
        self._sec[level] += 1
        if level == 0:
            self._sec[1] = 0
        i = self._sec[level]
        styles = {
            "cn": (f"{CN[i]}、", f"（{CN[i]}）"),
            "part": (f"第{CN[i]}部分 ", f"{CN[i]}、"),
            "mixed": (f"{CN[i]}、", self._num(f"{i}.")),
        }
        self.para(styles[self.numbering][level] + title)

    def marker(self, i: int, style: str | None = None) -> str:
        style = style or self.item_marker
        return {
            "circled": "①②③④⑤⑥⑦⑧⑨⑩"[i - 1],
            "paren": f"（{self._num(str(i))}）",
            "dot": self._num(f"{i}."),
            "comma": self._num(str(i)) + "、",
        }[style]

    def pick(self, *options):
        return self.rng.choice(options)

    # --- amounts ----------------------------------------------------------------------------

    def _budget_grain(self) -> D:
        if self.money_style == "natural":
            return self.rng.choice((D(10000), D(1000)))
        return {
            "元": D(100),
            "万元": self.rng.choice((D(10000), D(1000), D(100))),
            "亿元": D(10000),
        }[self.unit]

    def grain(self, kind: str) -> D:
        """Budgets are round, spending is not; both are exact on the written precision."""
        if kind == "budget":
            return self.budget_grain
        step = SCALE[self.unit] * D(1).scaleb(-self.money_dec)
        return max({"元": D("0.01"), "万元": D(100), "亿元": D(10000)}[self.unit], step)

    def amount(self, lo: D, hi: D, kind: str = "budget") -> D:
        g = self.grain(kind)
        n = self.rng.randint(int(lo / g) + 1, max(int(lo / g) + 1, int(hi / g)))
        return n * g

    def split(self, total: D, n: int, kind: str = "budget", min_share: float = 0.08) -> list[D]:
        """n positive parts on the grain that add up exactly to total."""
        g = self.grain(kind)
        units = int(total / g)
        assert units * g == total and units >= n
        w = [self.rng.uniform(min_share, 1) for _ in range(n)]
        parts = [max(1, int(units * x / sum(w))) for x in w]
        parts[-1] = units - sum(parts[:-1])
        if parts[-1] <= 0:
            parts = [units // n] * (n - 1) + [units - (units // n) * (n - 1)]
        return [p * g for p in parts]

    def spend(self, budget: D, lo: float, hi: float) -> D:
        g = self.grain("spend")
        x = (budget * D(str(round(self.rng.uniform(lo, hi), 4))) / g).to_integral_value() * g
        return x if hi > 1 else min(x, budget)


def build_report(seed: int, **style) -> Report:
    """A consistent report drawn from the seed; style keywords pin choices (unit, fullwidth …)."""
    c = Composer(seed, **style)
    Writer(c).write()
    enc = c.encoding
    rep = Report(
        year=c.year,
        dept=c.dept,
        pieces=c.pieces,
        figs=c.figs,
        identities=c.ids,
        encoding="utf-8" if enc == "utf-8-bom" else enc,
        bom=enc == "utf-8-bom",
        newline=c.newline,
        blocks=c.blocks,
        seed=seed,
        args=dict(style),
        style={
            "kind": c.kind,
            "unit": c.unit,
            "fullwidth": c.fw,
            "money_style": c.money_style,
            "pct_dec": c.pct_dec,
            "numbering": c.numbering,
            "item_marker": c.item_marker,
            "encoding": enc,
            "crlf": c.newline == "\r\n",
            "dept": c.dept,
        },
    )
    bad = rep.broken()
    assert not bad, f"seed {seed}: generated report breaks {bad}"
    return rep


class Writer:
    """The sections of the report, each in one of several wordings."""

    def __init__(self, c: Composer) -> None:
        self.c = c
        r = c.rng
        total = (
            D(r.choice((3, 8, 20, 60, 150, 400)))
            * D(r.uniform(1, 3)).quantize(D("0.01"))
            * D(10**6)
        )
        if c.unit == "亿元":
            total = max(total, D(3 * 10**8))
        self.I = c.amount(total * D("0.9"), total)
        self.Ib = c.amount(self.I * D("0.3"), self.I * D("0.8"))
        self.Ip = self.I - self.Ib
        self.Db = c.amount(D(0), self.Ib * D("0.05")) if r.random() < 0.5 else D(0)
        mode = r.choices(("up", "down", "zero"), (7, 2, 1))[0]
        if mode == "up":
            self.Dp = c.amount(self.Ip * D("0.05"), self.Ip * D("0.6"))
        elif mode == "down":
            self.Dp = -c.amount(self.Ip * D("0.02"), self.Ip * D("0.2"))
        else:
            self.Dp = D(0)
        self.D = self.Db + self.Dp
        self.A, self.Ab, self.Ap = self.I + self.D, self.Ib + self.Db, self.Ip + self.Dp
        self.Xb = c.spend(self.Ab, 0.95, 1.0)
        self.Xp = c.spend(self.Ap, 0.6, 1.0)
        self.X = self.Xb + self.Xp
        self.pending_rate: Ref | None = None
        self.n_projects = r.randint(2, min(5, len(c.dt.projects)))
        self.projects = r.sample(c.dt.projects, self.n_projects)

    # --- the report ---------------------------------------------------------------------------

    def write(self) -> None:
        c = self.c
        kind = "部门整体支出绩效自评报告" if c.kind == "dept" else "项目支出绩效自评报告"
        if c.kind == "project":
            self.project_name = self.projects[0]
            title = c.pick(
                f"{c.dept}{c.y()}年度{self.project_name}{kind}",
                f"{c.y()}年度{self.project_name}{kind}",
            )
        else:
            title = c.pick(
                f"{c.dept}{c.y()}年度{kind}",
                f"{c.dept}关于{c.y()}年度部门整体支出绩效自评情况的报告",
                f"{c.y()}年度{c.dept}{kind}",
            )
        c.para(title)
        if c.kind == "project":
            self.project_report()
        else:
            self.dept_report()

    def dept_report(self) -> None:
        c = self.c
        c.heading(0, c.pick("部门基本情况", "部门概况", "基本情况"))
        c.heading(1, c.pick("部门职能", "主要职能"))
        duties = "；".join(c.rng.sample(c.dt.duties, 3)).replace("全县", "全" + c.place[-1])
        c.para(f"{c.dept}的主要职责是：{duties}。")
        c.heading(1, c.pick("机构设置及人员情况", "机构和人员", "人员构成"))
        if c.rng.random() < 0.7:
            self.units()
        self.staff()
        if c.dt.revenue_task:
            self.revenue_task()
        elif c.rng.random() < 0.5:
            self.work_summary()
        c.heading(
            0, c.pick("部门预算收支及执行情况", "部门整体预算安排及执行情况", "预算安排及执行情况")
        )
        blocks = [self.revenue, self.expenditure]
        c.rng.shuffle(blocks) if c.rng.random() < 0.2 else None
        for b in blocks:
            if c.rng.random() < 0.85:
                b()
        if c.rng.random() < 0.8:
            self.adjustment()
            self.execution()
        else:  # execution first, then how the budget changed
            self.execution()
            self.adjustment()
        if self.pending_rate is not None:  # the rate came before the budget it divides by
            c.ratio(
                "R001",
                self.pending_rate,
                [(1, Ref(c.qty["X"]))],
                [(1, Ref(c.qty["A"]))],
                note="执行 ÷ 调整后",
            )
        if c.rng.random() < 0.5:
            self.sangong()
        if c.rng.random() < 0.3:
            self.procurement()
        c.heading(0, c.pick("项目支出情况", "项目支出管理及使用情况", "项目实施情况"))
        self.project_list()
        c.heading(
            0, c.pick("部门整体支出绩效目标完成情况", "绩效目标实现情况", "部门整体支出绩效分析")
        )
        self.indicators()
        c.heading(0, c.pick("评价结论", "自评结论", "综合评价结论"))
        self.conclusion()
        c.heading(0, c.pick("存在的主要问题", "存在的问题及原因分析"))
        self.problems()
        c.heading(0, c.pick("改进措施和建议", "下一步改进措施"))
        ms = sorted(c.rng.sample(vocab.MEASURES, 3), key=vocab.MEASURES.index)
        c.para("；".join(f"{CN[i]}是{m}" for i, m in enumerate(ms, 1)) + "。")

    # --- 基本情况 ------------------------------------------------------------------------------

    def units(self) -> None:
        c = self.c
        k = c.rng.randint(2, min(5, len(c.dt.units)))
        names = [c.place + u for u in c.rng.sample(c.dt.units, k)]
        words = c.rng.random() < 0.3
        style = c.pick("lines", "lines", "inline")
        if style == "lines":
            n = c.count("units.n", k, "个", words=words)
            c.para(
                c.pick(
                    "{dept}下属预算单位{n}，具体如下：",
                    "本部门预算由{n}所属单位的预算组成，具体包括：",
                ),
                blank=False,
                dept=c.dept,
                n=n,
            )
            mk = c.pick("dot", "paren", "circled")
            for i, name in enumerate(names, 1):
                c.para(c.marker(i, mk) + name + ("。" if i == k else "；"), blank=i == k)
        else:
            n = c.count("units.n", k, "个", words=words)
            c.para(
                "{dept}所属事业单位{n}，分别是：" + "、".join(names[:-1]) + "和" + names[-1] + "。",
                dept=c.dept,
                n=n,
            )
        c.ident("count", ("E001",), [n], n=k)

    def staff(self) -> None:
        c = self.c
        a = c.rng.randint(3, 40)
        b = c.rng.randint(0, 60)
        N = a + b
        M = N - c.rng.randint(0, min(5, N))
        u = c.pick("人", "名")
        style = c.pick("qizhong", "parens", "semicolon")
        r = {
            "N": c.count("staff.N", N, u),
            "a": c.count("staff.a", a, u),
            "b": c.count("staff.b", b, u),
        }
        r["M"] = c.count("staff.M", M, u)
        if style == "qizhong":
            c.para(
                "{dept}核定编制{N}，其中：行政编制{a}，事业编制{b}。截至{Y}年底，实有在职人员{M}。",
                dept=c.dept,
                Y=c.y(),
                **r,
            )
        elif style == "parens":
            c.para("编制人数{N}（行政编制{a}、事业编制{b}），实有人数{M}。", **r)
        else:
            c.para("核定编制{N}，其中行政编制{a}、事业编制{b}；年末实有人员{M}。", **r)
        c.lin(
            ("T001", "T002"),
            r["N"],
            [(1, r["a"]), (1, r["b"])],
            exact=style == "parens",
            note="编制",
        )

    def work_summary(self) -> None:
        """Figures that take part in no identity (meetings, inspections, visits): must stay silent."""
        c = self.c
        c.heading(1, c.pick("年度主要工作完成情况", "年度重点工作"))
        items = [
            ("召开专题工作会议{x}", c.rng.randint(4, 30), "次"),
            ("开展专项督查检查{x}", c.rng.randint(3, 40), "次"),
            ("接待群众来访{x}", c.rng.randint(50, 3000), "人次"),
            ("印发制度文件{x}", c.rng.randint(3, 25), "份"),
            ("办理人大代表建议和政协委员提案{x}", c.rng.randint(5, 60), "件"),
        ]
        chosen = c.rng.sample(items, 3)
        refs, parts = {}, []
        for k, (tmpl, n, unit) in enumerate(chosen):
            if n > 100 and c.rng.random() < 0.4:  # "1800余人次": a round number, approximately
                n, unit = n // 100 * 100, "余" + unit
            refs[f"x{k}"] = c.count(f"work{k}", n, unit)
            parts.append(tmpl.replace("{x}", f"{{x{k}}}"))
        c.para(f"{c.y()}年，{c.dt.short}" + "，".join(parts) + "，各项工作有序推进。", **refs)

    def revenue_task(self) -> None:
        """ "全年非税收入目标任务T，共计收取A，完成全年任务的c" (the seed's 完成率 in money)."""
        c = self.c
        task = c.dt.revenue_task
        c.heading(1, c.pick("年度重点工作完成情况", "部门单位年度重点工作"))
        target = c.amount(self.I * 2, self.I * 40)
        done = c.spend(target, 0.3, 1.3) if c.rng.random() < 0.8 else target
        t = c.money("task.T", target)
        a = c.money("task.A", done)
        r = c.pct("task.rate", done / target * 100)
        tmpl = c.pick(
            f"完成{task}收缴工作。全年{task}目标任务{{t}}，截至{{Y}}年底，共计收取{{a}}，完成全年任务的{{r}}。",
            f"全年下达{task}任务{{t}}，实际完成{{a}}，完成率{{r}}。",
        )
        c.para(tmpl, t=t, a=a, r=r, Y=c.y())
        c.ratio("R004", r, [(1, a)], [(1, t)], note="完成 ÷ 任务")

    # --- 预算 -----------------------------------------------------------------------------------

    def change(self, cur_key: Ref, cur: D, prefix: str = "比上年") -> tuple[str, dict]:
        """ ", 比上年增加{d}，增长{g}" for a figure whose prior-year value is drawn here."""
        c = self.c
        g = D(str(round(c.rng.uniform(-0.18, 0.25), 4)))
        prior = (cur / (1 + g) / c.grain("budget")).to_integral_value() * c.grain("budget")
        d = cur - prior
        if d == 0 or prior <= 0:
            return "，与上年持平", {}
        up = d > 0
        inc, grow = ("增加", "增长") if up else ("减少", "下降")
        sign = 1 if up else -1
        if c.rng.random() < 0.25:  # the prior-year figure written out: 较上年的P增加d，增长g
            pr = c.money("chg.p", prior)
            dr = c.money("chg.d", abs(d))
            gr = c.pct("chg.g", abs(d) / prior * 100)
            c.ratio("R003", gr, [(1, dr)], [(1, pr)], note="增减率")
            c.lin(("R003",), cur_key, [(1, pr), (sign, dr)], note="本年 = 上年 ± 增减额")
            word = c.pick(
                f"较{c.y(-1)}年的{{p}}{inc}{{d}}，{grow}{{g}}",
                f"比上年的{{p}}{inc}{{d}}，{grow}{{g}}",
            )
            return "，" + word, {"p": pr, "d": dr, "g": gr}
        dr = c.money("chg.d", abs(d))
        gr = c.pct("chg.g", abs(d) / prior * 100)
        c.ratio("R003", gr, [(1, dr)], [(1, cur_key), (-sign, dr)], note="增减率")
        word = c.pick(
            f"{prefix}{inc}{{d}}，{grow}{{g}}",
            f"{prefix}预算{inc}{{d}}，{grow}{{g}}",
            f"较上年{inc}{{d}}，{'增幅' if up else '降幅'}{{g}}",
            f"比{c.y(-1)}年{inc}{{d}}，{grow}{{g}}",
        )
        return "，" + word, {"d": dr, "g": gr}

    def revenue(self) -> None:
        c = self.c
        total = self.I
        other = c.amount(D(0), total * D("0.1")) if c.rng.random() < 0.6 else D(0)
        fin = total - other
        style = c.pick("shares", "plain", "all") if other else "all"
        R = c.money("rev.total", total, qty="R")
        if style == "all":
            year = c.year_fig("rev.year")
            c.para("{Y}年度部门收入预算{R}，全部为一般公共预算财政拨款收入。", Y=year, R=R)
            return
        src = c.pick("事业收入", "其他收入", "政府性基金预算拨款收入")
        r1, r2 = c.money("rev.fin", fin, qty="R.fin"), c.money("rev.other", other, qty="R.other")
        growth, refs = ("", {})
        if c.rng.random() < 0.4:
            growth, refs = self.change(R, total)
        if style == "shares":
            s1, s2 = c.pct("rev.s1", fin / total * 100), c.pct("rev.s2", other / total * 100)
            c.para(
                "{Y}年部门收入预算{R}"
                + growth
                + "。其中：一般公共预算财政拨款收入{r1}，占{s1}；"
                + src
                + "{r2}，占{s2}。",
                Y=c.y(),
                R=R,
                r1=r1,
                r2=r2,
                s1=s1,
                s2=s2,
                **refs,
            )
            c.ratio("R002", s1, [(1, r1)], [(1, R)], note="占比")
            c.ratio("R002", s2, [(1, r2)], [(1, R)], note="占比")
            c.lin(("T001", "T002"), R, [(1, r1), (1, r2)], note="收入构成（占比合计100%）")
        else:
            c.para(
                "{Y}年收入预算{R}" + growth + "，其中一般公共预算拨款{r1}，" + src + "{r2}。",
                Y=c.y(),
                R=R,
                r1=r1,
                r2=r2,
                **refs,
            )
            c.lin(("T001", "T002"), R, [(1, r1), (1, r2)], exact=False, note="收入其中")

    def expenditure(self) -> None:
        c = self.c
        style = c.pick("seed", "parens", "qizhong")
        E = c.money("exp.total", self.I, qty="I")
        b, p = c.money("exp.b", self.Ib, qty="Ib"), c.money("exp.p", self.Ip, qty="Ip")
        if style == "seed":
            sb, sp = (
                c.pct("exp.sb", self.Ib / self.I * 100),
                c.pct("exp.sp", self.Ip / self.I * 100),
            )
            gb, rb = self.change(b, self.Ib)
            gp, rp = self.change(p, self.Ip)
            c.say("{Y}年部门支出预算{E}，其中：基本支出{b}，占{sb}", Y=c.y(), E=E, b=b, sb=sb)
            c.say(gb, **rb)
            c.say("；项目支出{p}，占{sp}", p=p, sp=sp)
            c.say(gp, **rp)
            c.para("。")
            c.ratio("R002", sb, [(1, b)], [(1, E)], note="占比")
            c.ratio("R002", sp, [(1, p)], [(1, E)], note="占比")
        elif style == "parens":
            c.para("{Y}年支出预算{E}（基本支出{b}、项目支出{p}）。", Y=c.y(), E=E, b=b, p=p)
        else:
            year = c.year_fig("exp.year")
            c.para("{Y}年支出预算{E}，其中基本支出{b}，项目支出{p}。", Y=year, E=E, b=b, p=p)
        c.lin(("T001", "T002"), E, [(1, b), (1, p)], note="基本支出 + 项目支出")
        if (
            c.rng.random() < 0.35
        ):  # 基本支出 = 人员经费 + 公用经费 (a partition), in its own sentence
            staff = c.amount(self.Ib * D("0.6"), self.Ib * D("0.9"))
            r1, r2 = c.money("exp.staff", staff), c.money("exp.office", self.Ib - staff)
            c.para(
                c.pick(
                    "基本支出中，人员经费{r1}，公用经费{r2}。",
                    "基本支出包括人员经费{r1}和日常公用经费{r2}。",
                ),
                r1=r1,
                r2=r2,
            )
            c.lin(("T001", "T002"), b, [(1, r1), (1, r2)], note="人员经费 + 公用经费 = 基本支出")

    def adjustment(self) -> None:
        c = self.c
        c.heading(1, c.pick("预算调整情况", "预算调整"))
        I0, D_, A = self.I, self.D, self.A
        styles = ["seed", "simple", "split", "plain"]
        if D_ > 0:
            styles += ["whole_first"]
        if self.Dp != 0 and D_ > 0 and self.Db == 0 and c.rng.random() < 0.3:
            styles = ["two"]
        style = c.pick(*styles)
        rate = c.rng.random() < 0.6
        adj = "追加" if D_ >= 0 else "调减"
        if style == "seed":
            i, ib, ip = (
                c.money("adj.I", I0, "I"),
                c.money("adj.Ib", self.Ib, "Ib"),
                c.money("adj.Ip", self.Ip, "Ip"),
            )
            if (
                D_ < 0 and self.Db == 0 and c.rng.random() < 0.6
            ):  # 调减 written as a positive amount
                d, db, dp = (
                    c.money("adj.D", -D_, "D-"),
                    c.money("adj.Db", D(0)),
                    c.money("adj.Dp", -self.Dp, "Dp-"),
                )
                dword, sgn = "调减", -1
            else:  # a signed 调整数 (negative when the budget was cut)
                d, db, dp = (
                    c.money("adj.D", D_, "D"),
                    c.money("adj.Db", self.Db, "Db"),
                    c.money("adj.Dp", self.Dp, "Dp"),
                )
                dword, sgn = "调整数", 1
            a, ab, ap = (
                c.money("adj.A", A, "A"),
                c.money("adj.Ab", self.Ab, "Ab"),
                c.money("adj.Ap", self.Ap, "Ap"),
            )
            c.say(
                "部门整体支出年初预算数为{i}（基本支出{ib}、项目支出{ip}），"
                + dword
                + "{d}（基本支出{db}、项目支出{dp}），"
                "调整后预算数{a}（基本支出{ab}、项目支出{ap}）",
                i=i,
                ib=ib,
                ip=ip,
                d=d,
                db=db,
                dp=dp,
                a=a,
                ab=ab,
                ap=ap,
            )
            for tot, parts in ((i, (ib, ip)), (d, (db, dp)), (a, (ab, ap))):
                c.lin(("T001",), tot, [(1, x) for x in parts], note="括号内分项")
            c.lin(("A001",), a, [(1, i), (sgn, d)], note="年初 + 调整 = 调整后")
            c.lin(("A001",), ab, [(1, ib), (sgn, db)], note="基本支出 年初 + 调整 = 调整后")
            c.lin(("A001",), ap, [(1, ip), (sgn, dp)], note="项目支出 年初 + 调整 = 调整后")
            if rate and D_ > 0:
                ar = c.pct("adj.rate", D_ / I0 * 100)
                c.say("，预算调整率{ar}", ar=ar)
                c.ratio("A002", ar, [(1, d)], [(1, i)], note="调整数 ÷ 年初")
            c.para("。")
            return
        if style == "two":
            up = c.amount(abs(self.Dp) * D("1.1"), abs(self.Dp) * D("1.6")) if self.Dp > 0 else D(0)
            down = up - self.Dp
            i, a = c.money("adj.I", I0, "I"), c.money("adj.A", A, "A")
            u, dn = c.money("adj.up", up, "D.up"), c.money("adj.down", down, "D.down")
            tmpl = c.pick(
                "年初批复预算{i}，年度执行中追加预算{u}、调减预算{dn}，调整后预算{a}",
                "{Y}年年初预算安排{i}，年中追加{u}，因部分项目取消调减{dn}，调整后全年预算{a}",
            )
            c.say(tmpl, i=i, u=u, dn=dn, a=a, Y=c.y())
            c.lin(("A001",), a, [(1, i), (1, u), (-1, dn)], note="年初 + 追加 − 调减 = 调整后")
            if rate:
                ar = c.pct("adj.rate", D_ / I0 * 100)
                c.say("，预算调整率{ar}", ar=ar)
                c.ratio("A002", ar, [(1, a), (-1, i)], [(1, i)], note="(调整后 − 年初) ÷ 年初")
            c.para("。")
            self.sub_adjusted()
            return
        i, a = c.money("adj.I", I0, "I"), c.money("adj.A", A, "A")
        d = c.money("adj.D", abs(D_), "D") if style != "plain" else None
        if style == "simple":
            year = c.year_fig("adj.year")
            tmpl = c.pick(
                "{Y}年年初预算安排{i}，年中" + adj + "预算{d}，全年预算数{a}",
                "{Y}年年初批复预算{i}，年中" + adj + "{d}，调整后预算数为{a}",
            )
            c.say(tmpl, Y=year, i=i, d=d, a=a)
        elif style == "split":
            c.say(
                c.pick(
                    "年初预算数{i}，年中" + adj + "{d}，调整后预算数{a}",
                    "本年度年初预算{i}，年度中" + adj + "预算{d}，调整后全年预算{a}",
                ),
                i=i,
                d=d,
                a=a,
            )
        elif style == "whole_first":
            c.say(
                c.pick(
                    "{Y}年{short}全年预算数为{a}，其中年初预算{i}，年中追加{d}",
                    "全年预算数{a}，其中：年初预算{i}，年中追加预算{d}",
                ),
                Y=c.y(),
                short=c.dt.short,
                a=a,
                i=i,
                d=d,
            )
        else:
            c.say("年初预算数{i}，调整后预算数{a}", i=i, a=a)
        if d is not None:
            # "全年预算数A，其中年初预算I，年中追加D" is an adjustment written as a breakdown too
            codes = ("A001", "T001", "T002") if style == "whole_first" else ("A001",)
            c.lin(codes, a, [(1, i), (1 if D_ >= 0 else -1, d)], note="年初 + 调整 = 调整后")
        if rate and (D_ != 0):
            # a cut: "调减X…调整率r" states the size; with no 调减 word the rate carries the sign
            ar = c.pct("adj.rate", (abs(D_) if d is not None else D_) / I0 * 100)
            c.say("，预算调整率{ar}" if style != "whole_first" else "，预算调整率为{ar}", ar=ar)
            if d is not None:
                c.ratio("A002", ar, [(1, d)], [(1, i)], note="调整数 ÷ 年初")
            else:
                c.ratio("A002", ar, [(1, a), (-1, i)], [(1, i)], note="(调整后 − 年初) ÷ 年初")
        c.para("。")
        self.sub_adjusted()

    def sub_adjusted(self) -> None:
        """ "调整后，基本支出全年预算X，项目支出全年预算Y" (sometimes)."""
        c = self.c
        if c.rng.random() < 0.5:
            return
        ab, ap = c.money("adj2.Ab", self.Ab, "Ab"), c.money("adj2.Ap", self.Ap, "Ap")
        c.para("调整后，基本支出全年预算{ab}，项目支出全年预算{ap}。", ab=ab, ap=ap)
        first_a = c.qty["A"]
        c.ident(
            "lin",
            ("T001",),
            [Ref(first_a), ab, ap],
            note="调整后 = 基本 + 项目",
            result=first_a,
            terms=((1, ab.key), (1, ap.key)),
            exact=True,
        )

    def structure(self) -> None:
        """决算-style: "从支出结构看，支出合计X，其中基本支出a，占s1；项目支出b，占s2"."""
        c = self.c
        x = c.money("st.X", self.X, "X")
        xb, xp = c.money("st.Xb", self.Xb, "Xb"), c.money("st.Xp", self.Xp, "Xp")
        s1, s2 = c.pct("st.s1", self.Xb / self.X * 100), c.pct("st.s2", self.Xp / self.X * 100)
        c.para(
            c.pick(
                "从支出结构看，{Y}年度本部门实际支出合计{x}，其中：基本支出{xb}，占{s1}；项目支出{xp}，占{s2}。",
                "按支出性质分，全年实际支出{x}中，基本支出{xb}，占比{s1}；项目支出{xp}，占比{s2}。",
            ),
            Y=c.y(),
            x=x,
            xb=xb,
            xp=xp,
            s1=s1,
            s2=s2,
        )
        c.lin(("T001", "T002"), x, [(1, xb), (1, xp)], note="基本支出 + 项目支出")
        c.ratio("R002", s1, [(1, xb)], [(1, x)], note="占比")
        c.ratio("R002", s2, [(1, xp)], [(1, x)], note="占比")

    def execution(self) -> None:
        c = self.c
        start = len(c.pieces)
        c.heading(1, c.pick("预算执行情况", "预算执行"))
        X, A = self.X, self.A
        styles = ["parens", "qizhong", "restate", "share_of"]
        style = c.pick(*styles)
        x = c.money("exe.X", X, "X")
        if style == "parens":
            xb, xp = c.money("exe.Xb", self.Xb, "Xb"), c.money("exe.Xp", self.Xp, "Xp")
            xr = c.pct("exe.rate", X / A * 100, qty="xr")
            c.para(
                c.pick(
                    "全年实际支出{x}（基本支出{xb}、项目支出{xp}），预算执行率{xr}。",
                    "{Y}年度部门实际支出{x}（基本支出{xb}、项目支出{xp}），部门整体预算执行率{xr}。",
                ),
                Y=c.y(),
                x=x,
                xb=xb,
                xp=xp,
                xr=xr,
            )
            c.lin(("T001",), x, [(1, xb), (1, xp)], note="执行 = 基本 + 项目")
            a = Ref(c.qty["A"]) if "A" in c.qty else None
            if a is None:  # the adjusted budget comes later: the rate is tied to it there
                self.pending_rate = xr
            else:
                c.ratio("R001", xr, [(1, x)], [(1, a)], note="执行 ÷ 调整后")
        elif style == "qizhong":
            year = c.year_fig("exe.year")
            xr = c.pct("exe.rate", X / A * 100, qty="xr")
            xb, xp = c.money("exe.Xb", self.Xb, "Xb"), c.money("exe.Xp", self.Xp, "Xp")
            xbr = c.pct("exe.rb", self.Xb / self.Ab * 100)
            xpr = c.pct("exe.rp", self.Xp / self.Ap * 100, qty="xpr")
            lead = c.pick(
                "截至{Y}年12月31日，部门预算执行数{x}，预算执行率为{xr}。",
                "{Y}年部门全年预算执行{x}，预算执行率{xr}。",
            )
            if "Ab" not in c.qty or "Ap" not in c.qty or c.rng.random() < 0.3:
                ab = c.money("exe.Ab", self.Ab, "Ab")
                ap = c.money("exe.Ap", self.Ap, "Ap")
                c.para(
                    lead
                    + "其中：基本支出全年预算{ab}，支出{xb}，执行率{xbr}；项目支出全年预算{ap}，支出{xp}，执行率{xpr}。",
                    Y=year,
                    x=x,
                    xr=xr,
                    ab=ab,
                    xb=xb,
                    xbr=xbr,
                    ap=ap,
                    xp=xp,
                    xpr=xpr,
                )
            else:
                ab, ap = Ref(c.qty["Ab"]), Ref(c.qty["Ap"])
                c.para(
                    lead + "其中基本支出执行{xb}，执行率{xbr}；项目支出执行{xp}，执行率{xpr}。",
                    Y=year,
                    x=x,
                    xr=xr,
                    xb=xb,
                    xbr=xbr,
                    xp=xp,
                    xpr=xpr,
                )
            c.lin(("T001",), x, [(1, xb), (1, xp)], note="执行 = 基本 + 项目")
            c.ratio("R001", xbr, [(1, xb)], [(1, ab)], note="基本支出执行率")
            c.ratio("R001", xpr, [(1, xp)], [(1, ap)], note="项目支出执行率")
            a = Ref(c.qty["A"]) if "A" in c.qty else None
            if a is None:
                self.pending_rate = xr
            else:
                c.ratio("R001", xr, [(1, x)], [(1, a)], note="执行 ÷ 调整后")
        elif style == "restate":
            a = c.money("exe.A", A, "A")
            xr = c.pct("exe.rate", X / A * 100, qty="xr")
            c.para(
                c.pick(
                    "调整后预算数{a}，预算执行{x}，预算执行率{xr}。",
                    "全年预算数{a}，实际支出{x}，预算执行率为{xr}。",
                ),
                a=a,
                x=x,
                xr=xr,
            )
            c.ratio("R001", xr, [(1, x)], [(1, a)], note="执行 ÷ 调整后")
        else:
            xr = c.pct("exe.rate", X / A * 100, qty="xr")
            c.para(
                c.pick("全年实际支出{x}，占全年预算的{xr}。", "全年共支出{x}，预算执行率{xr}。"),
                x=x,
                xr=xr,
            )
            a = Ref(c.qty["A"]) if "A" in c.qty else None
            if a is None:
                self.pending_rate = xr
            else:
                c.ratio("R001", xr, [(1, x)], [(1, a)], note="执行 ÷ 调整后")
        if c.rng.random() < 0.25:
            self.structure()
        c.blocks.append((start, len(c.pieces)))

    def sangong(self) -> None:
        c = self.c
        S = c.amount(self.Ib * D("0.002"), self.Ib * D("0.02"))
        if c.grain("budget") * 3 > S:
            return
        s1 = c.spend(S * D("0.4"), 0.3, 1.0)
        s2 = c.spend(S * D("0.6"), 0.5, 1.0)
        s = s1 + s2
        rS, rs = c.money("sg.S", S), c.money("sg.s", s)
        r1, r2 = c.money("sg.s1", s1), c.money("sg.s2", s2)
        year = c.year_fig("sg.year")
        if c.rng.random() < 0.5:
            sr = c.pct("sg.rate", s / S * 100)
            c.para(
                "{Y}年“三公”经费预算{S}，实际支出{s}，执行率{sr}，其中公务接待费{s1}，公务用车运行维护费{s2}，"
                "未发生因公出国（境）费用。",
                Y=year,
                S=rS,
                s=rs,
                sr=sr,
                s1=r1,
                s2=r2,
            )
            c.ratio("R001", sr, [(1, rs)], [(1, rS)], note="三公经费执行率")
        else:
            c.para(
                "{Y}年“三公”经费预算{S}，实际支出{s}，其中公务接待费{s1}，公务用车运行维护费{s2}，"
                "未发生因公出国（境）费用。",
                Y=year,
                S=rS,
                s=rs,
                s1=r1,
                s2=r2,
            )
        c.lin(("T001", "T002"), rs, [(1, r1), (1, r2)], note="三公经费（因公出国为零）")

    def procurement(self) -> None:
        c = self.c
        G = c.amount(self.I * D("0.01"), self.I * D("0.1"))
        parts = c.split(G, 3)
        got = c.spend(G, 0.85, 1.0)
        g = c.money("gp.G", G)
        g1, g2, g3 = (c.money(f"gp.{i}", v) for i, v in enumerate(parts))
        c.heading(1, "政府采购情况")
        c.para(
            "{Y}年政府采购预算{G}（货物类{g1}、服务类{g2}、工程类{g3}），实际采购金额{got}。",
            Y=c.y(),
            G=g,
            g1=g1,
            g2=g2,
            g3=g3,
            got=c.money("gp.got", got),
        )
        c.lin(("T001",), g, [(1, g1), (1, g2), (1, g3)], note="采购分类")

    # --- 项目 -------------------------------------------------------------------------------

    def project_list(self) -> None:
        c = self.c
        n = self.n_projects
        budgets = c.split(self.Ap, n)
        initial = c.split(self.Ip, n) if self.Ip >= c.grain("budget") * n else None
        if initial is not None and n >= 3 and c.rng.random() < 0.2:
            # one project was not carried out (未开展): its budget went to the others (the seed has two)
            k = c.rng.randrange(n)
            moved, budgets[k] = budgets[k], D(0)
            budgets[(k + 1) % n] += moved
        spent = self.distribute(self.Xp, budgets)
        if self.Dp > 0 and n >= 2 and c.rng.random() < 0.35:
            self.project_counts(n)
        words = c.rng.random() < 0.15
        lead = c.pick("L1", "L2", "L3", "L4")
        cnt = c.count("proj.n", n, "个", words=words, qty="proj.n")
        refs: dict = {"Y": c.y(), "n": cnt}
        if lead == "L1":
            refs["ap"] = c.money("proj.Ap", self.Ap, "Ap")
            tmpl = "{Y}年本部门共实施项目{n}，调整后预算{ap}，具体如下："
        elif lead == "L2":
            tmpl = c.pick("本年度共实施项目{n}，具体情况如下：", "{Y}年共实施{n}项目，具体如下：")
        elif lead == "L3":
            refs["ap"] = c.money("proj.Ap", self.Ap, "Ap")
            refs["xp"] = c.money("proj.Xp", self.Xp, "Xp")
            tmpl = "{Y}年共安排项目支出项目{n}，全年预算数{ap}，实际支出{xp}，具体如下："
        else:
            tmpl = "纳入本次自评范围的项目共{n}，分别是："
        c.para(tmpl, blank=False, **refs)
        c.ident("count", ("E001",), [cnt], n=n)
        start = len(c.pieces)
        item_style = c.pick("I1", "I2", "I3", "I4")
        if item_style == "I3" and initial is None:
            item_style = "I1"
        if not all(budgets):
            item_style = "I3"
        a_refs, x_refs, i_refs = [], [], []
        for k in range(n):
            name = self.projects[k]
            ai, xi = c.money(f"proj{k}.A", budgets[k]), c.money(f"proj{k}.X", spent[k])
            # a project not carried out: 全年预算数0，全年执行0，执行率0% (0 ÷ 0 is written as 0%)
            ri = c.pct(f"proj{k}.r", spent[k] / budgets[k] * 100 if budgets[k] else D(0))
            last = k == n - 1
            m = c.marker(k + 1)
            if item_style == "I1":
                c.say(m + name + "：全年预算数{ai}，实际支出{xi}", ai=ai, xi=xi)
            elif item_style == "I2":
                c.say(m + name + "，全年预算{ai}，执行{xi}", ai=ai, xi=xi)
            elif item_style == "I3":
                ii = c.money(f"proj{k}.I", initial[k])
                i_refs.append(ii)
                c.say(
                    m + name + "：年初预算数{ii}，全年预算数{ai}，全年执行{xi}", ii=ii, ai=ai, xi=xi
                )
            else:
                c.say(m + name + "，预算{ai}，已支出{xi}", ai=ai, xi=xi)
            if ri is not None:
                c.say("，" + ("预算执行率" if item_style == "I4" else "执行率") + "{ri}", ri=ri)
                c.ratio("R001", ri, [(1, xi)], [(1, ai)], note=name + "执行率")
            if not budgets[k]:
                c.say("，该项目本年度未开展")
            c.para("。" if last or item_style != "I2" else "；", blank=last)
            a_refs.append(ai)
            x_refs.append(xi)
        c.blocks.append((start, len(c.pieces)))
        for qty, refs_, note in (
            ("Ap", a_refs, "项目全年预算之和"),
            ("Xp", x_refs, "项目支出之和"),
            ("Ip", i_refs, "项目年初预算之和"),
        ):
            if not refs_:
                continue
            # the items add up to the total stated elsewhere, and to the one heading the list
            lead_ref = refs.get({"Ap": "ap", "Xp": "xp"}.get(qty, ""))
            keys = {c.qty.get(qty), lead_ref.key if lead_ref is not None else None} - {None}
            for key in sorted(keys):
                c.ident(
                    "lin",
                    ("E002", "T001"),
                    [Ref(key), *refs_],
                    note=note,
                    result=key,
                    terms=tuple((1, r.key) for r in refs_),
                    exact=True,
                )
        if c.rng.random() < 0.4:
            self.uses(self.projects[0], spent[0])

    def project_counts(self, n: int) -> None:
        """The seed's 年初安排预算项目N0个…年中追加预算项目N1个…调整后项目共N个… sentence."""
        c = self.c
        n0 = c.rng.randint(1, n - 1)
        r = {
            "n0": c.count("pc.n0", n0, "个"),
            "n1": c.count("pc.n1", n - n0, "个"),
            "n": c.count("pc.n", n, "个", qty="proj.n"),
            "ip": c.money("pc.Ip", self.Ip, "Ip"),
            "dp": c.money("pc.Dp", self.Dp, "Dp"),
            "ap": c.money("pc.Ap", self.Ap, "Ap"),
            "xp": c.money("pc.Xp", self.Xp, "Xp"),
            "xpr": c.pct("pc.xpr", self.Xp / self.Ap * 100, qty="xpr"),
        }
        c.para(
            "{Y}年本单位年初安排预算项目{n0}{ip}，年中追加预算项目{n1}{dp}，调整后项目共{n}{ap}，"
            "执行{xp}，项目支出预算执行率{xpr}。",
            Y=c.y(),
            **r,
        )
        c.lin(("A001", "T001"), r["n"], [(1, r["n0"]), (1, r["n1"])], note="项目个数")
        c.lin(("A001",), r["ap"], [(1, r["ip"]), (1, r["dp"])], note="项目 年初 + 追加 = 调整后")
        c.ratio("R001", r["xpr"], [(1, r["xp"])], [(1, r["ap"])], note="项目支出执行率")

    def distribute(self, total: D, caps: list[D]) -> list[D]:
        """Split spending over projects: near-proportional, each within its budget, exact sum."""
        c = self.c
        g = c.grain("spend")
        units, cap_u = int(total / g), [int(b / g) for b in caps]
        whole = sum(cap_u)
        out = [min(cu, int(units * cu / whole * c.rng.uniform(0.9, 1.1))) for cu in cap_u]
        diff = units - sum(out)
        order = list(range(len(out)))
        while diff:
            c.rng.shuffle(order)
            for k in order:
                if diff > 0 and out[k] < cap_u[k]:
                    step = min(diff, cap_u[k] - out[k])
                    out[k] += step
                    diff -= step
                elif diff < 0 and out[k] > 0:
                    step = min(-diff, out[k])
                    out[k] -= step
                    diff += step
        return [u * g for u in out]

    def uses(self, name: str, total: D) -> None:
        c = self.c
        if total < c.grain("spend") * 10:
            return
        k = c.rng.randint(2, 4)
        labels = c.rng.sample(
            (
                "工程建设",
                "设备购置",
                "专家咨询及评审",
                "宣传培训",
                "信息化运维",
                "劳务费",
                "物资采购",
                "第三方服务",
            ),
            k,
        )
        parts = c.split(total, k, kind="spend")
        t = c.money("use.total", total)
        n = c.count("use.n", k, "个")
        c.say(name + "实际支出{t}，主要用于以下{n}方面：", t=t, n=n)
        refs = []
        for i, (lab, v) in enumerate(zip(labels, parts, strict=True), 1):
            r = c.money(f"use.{i}", v)
            refs.append(r)
            c.say(f"（{c._num(str(i))}）{lab}{{r}}" + ("。" if i == k else "；"), r=r)
        c.para("")
        c.ident("count", ("E001",), [n], n=k)
        c.ident(
            "lin",
            ("E002", "T001"),
            [t, *refs],
            note="用途之和",
            result=t.key,
            terms=tuple((1, r.key) for r in refs),
            exact=True,
        )

    # --- 绩效指标 ------------------------------------------------------------------------------

    def indicators(self) -> None:
        c = self.c
        layout = c.pick("A", "B", "C", "D")
        specs = []
        if c.kind == "dept" and c.rng.random() < 0.7 and "xr" in c.qty:
            specs.append(("execution", None))
        for ci in c.rng.sample(c.dt.counts, c.rng.randint(1, 2)):
            specs.append(("count", ci))
        for ri in c.rng.sample(c.dt.rates, c.rng.randint(1, 2)):
            specs.append(("rate", ri))
        names = {s.name for _, s in specs if s is not None}
        if c.rng.random() < 0.5 and vocab.SATISFACTION.name not in names:
            specs.append(("satisfaction", vocab.SATISFACTION))
        for i, (kind, spec) in enumerate(specs, 1):
            start = len(c.pieces)
            self.indicator(i, kind, spec, layout)
            c.blocks.append((start, len(c.pieces)))

    def target_op(self, sem: str) -> str:
        c = self.c
        if sem == "≥":
            return c.pick("≥", "≥", "≥", "不低于", "大于等于")
        if sem == "≤":
            return c.pick("≤", "≤", "不高于")
        return c.pick("=", "")

    def indicator(self, i: int, kind: str, spec, layout: str) -> None:
        c = self.c
        cat = c.pick(*vocab.INDICATOR_CATEGORIES[kind])
        pct_dec = c.pick(0, 1, 2) if c.pct_dec is None else c.pct_dec
        if kind == "count":
            T = c.rng.randint(spec.lo, spec.hi)
            A = max(1, round(T * c.rng.uniform(0.85, 1.25)))
            if c.rng.random() < 0.3:
                A = T
            sem = "≥"
            name, unit = spec.name, spec.unit
            t = c.count(f"ind{i}.t", T, unit, op=self.target_op(sem))
            a = c.count(f"ind{i}.a", A, unit, qty=f"ind{i}.actual")
            met = A >= T
            dev_exact = abs(D(A - T)) / T * 100
            dev_points = False
        else:
            if kind == "execution":
                name, target = "部门整体预算执行率", f"≥{c.pick(85, 90, 95)}"
            else:
                name, target = spec.name, c.pick(*spec.targets)
            sem, tv = target[0], D(target[1:])
            t = c.pct(f"ind{i}.t", tv, dec=natural_decimals(tv, 2), op=self.target_op(sem))
            if kind == "execution":
                key = c.qty["xr"]
                av = c.figs[key].value
                a = c.pct(f"ind{i}.a", av, qty="xr", dec=c.figs[key].decimals)
            elif sem == "=":
                av = tv
                a = c.pct(f"ind{i}.a", av, dec=natural_decimals(tv, 2))
            else:
                d = c.pick(1, 2)
                off = D(
                    str(round(c.rng.uniform(-3, 6) if sem == "≥" else c.rng.uniform(-0.5, 1.5), d))
                )
                av = tv + off if sem == "≥" else tv - off
                av = min(av, D(100))
                a = c.pct(f"ind{i}.a", av, dec=natural_decimals(av, 2))
            av = c.figs[a.key].value
            met = av >= tv if sem == "≥" else (av <= tv if sem == "≤" else av == tv)
            dev_exact = abs(av - tv)
            dev_points = True
        # deviation
        dev_ref, dev_text = None, ""
        if dev_exact == 0:
            dev_text = c.pick("无偏差", "与年度预期值相比，无偏差")
            c.ident("claim", ("I001", "I002"), [a, t], actual=a.key, target=t.key, op="=", met=True)
        elif c.rng.random() < 0.7:
            if dev_points and c.rng.random() < 0.4:
                higher = c.figs[a.key].value > c.figs[t.key].value
                word = "高出" if higher else "低于"
                dev_ref = c.pct(
                    f"ind{i}.dev",
                    dev_exact,
                    dec=max(c.figs[a.key].decimals, c.figs[t.key].decimals),
                    unit="个百分点",
                )
                dev_text = c.pick(f"比预期指标值{word}{{dev}}", f"较目标值{word}{{dev}}")
            else:
                if dev_points and c.rng.random() < 0.3:  # relative deviation of a rate
                    dev_exact = dev_exact / c.figs[t.key].value * 100
                dev_ref = c.pct(f"ind{i}.dev", dev_exact, dec=pct_dec if kind == "count" else None)
                dev_text = c.pick("与年度预期值相比，有{dev}的偏差", "偏差{dev}", "偏差率{dev}")
            c.ident(
                "dev",
                ("I001",),
                [dev_ref, a, t],
                actual=a.key,
                target=t.key,
                dev=dev_ref.key,
                points=dev_points,
            )
        claim_text = ""
        if c.rng.random() < 0.75:
            claim_text = (
                c.pick("已达到预期目标", "完成年度目标", "已完成年度目标", "达到预期目标")
                if met
                else c.pick("未达到预期目标", "未完成年度目标")
            )
            c.ident("claim", ("I002",), [a, t], actual=a.key, target=t.key, op=sem, met=met)
        refs = {"t": t, "a": a, "dev": dev_ref} if dev_ref else {"t": t, "a": a}
        completion = ""
        if kind == "count" and c.rng.random() < 0.5:
            tt = c.count(f"ind{i}.plan", T, unit)
            aa = c.count(f"ind{i}.done", A, unit, qty=f"ind{i}.actual")
            rr = c.pct(f"ind{i}.rate", D(A) / T * 100)
            refs.update(tt=tt, aa=aa, rr=rr)
            completion = f"全年计划{spec.plan}{{tt}}，实际完成{{aa}}，完成率{{rr}}"
            c.ratio("R004", rr, [(1, aa)], [(1, tt)], note="完成率")
        basis = c.pick(
            "根据年度工作计划设置", "基于上年执行情况和单位工作要求设置", "依据年度目标任务设置"
        )
        tail = "，".join(x for x in (dev_text, claim_text) if x)
        if layout == "A":
            c.para(f"{cat}，{name}，预期指标值{{t}}，{basis}。", blank=False, **refs)
            if c.rng.random() < 0.4 and kind in ("execution", "rate"):
                mv = c.pct(f"ind{i}.mid", D(str(round(c.rng.uniform(30, 70), 2))), dec=2)
                mid = c.pick(
                    "年中绩效运行监控时，{name}{mid}，符合序时进度要求。",
                    "年中监控时，{name}{mid}，已达到监控节点比率。",
                    "截至" + c.y() + "年6月30日，{name}{mid}，完成序时进度。",
                )
                c.para(mid.replace("{name}", name), blank=False, mid=mv)
            body = f"截至此次评价时间节点，{name}{{a}}"
            if completion:
                body += "，" + completion
            c.para(body + ("，" + tail if tail else "") + "。", **refs)
        elif layout == "B":
            n = c._num(str(i)) + "."
            body = f"{n}{name}。年度目标值为{{t}}，实际完成{{a}}"
            if completion:
                body += "。" + completion
            c.para(body + ("，" + tail if tail else "") + "。", **refs)
        elif layout == "C":
            n = c._num(str(i)) + "、"
            body = f"{n}{name}：年度指标值{{t}}，实际完成值{{a}}"
            if completion:
                body += "，" + completion
            c.para(body + ("，" + tail if tail else "") + "。", **refs)
        else:
            n = f"（{c._num(str(i))}）"
            sub = cat.split("-")[-1]
            body = f"{n}{sub}：{name}。指标值：{{t}}；实际完成值：{{a}}"
            if completion:
                body += "。" + completion
            if dev_ref is not None:
                body += "；偏差：{dev}"
            elif dev_exact == 0:
                body += "；偏差：无"
            if claim_text:
                body += "；" + claim_text
            c.para(body + "。", **refs)

    # --- 结论 -------------------------------------------------------------------------------

    def conclusion(self) -> None:
        c = self.c
        dec = c.pick(0, 1, 1, 2)
        band = c.rng.choices(((90, 99), (80, 89.9), (62, 79.9)), (4, 5, 2))[0]
        s_val = D(str(round(c.rng.uniform(*band), dec)))
        g = grade_of(s_val)
        word = c.pick(
            *{"优": ("优", "优秀"), "良": ("良", "良好"), "中": ("中", "中等"), "差": ("差",)}[g]
        )
        style = c.pick("G1", "G2", "G3", "G4")
        if style == "G4":
            weights = c.pick((20, 20, 30, 30), (10, 20, 40, 30), (15, 25, 30, 30))
            cats = c.pick(
                ("决策", "过程", "产出", "效益"), ("预算编制", "预算执行", "履职效能", "运行成本")
            )
            lost = s_val - 100
            # spread the lost points over the categories
            losses = [D(0)] * 4
            remaining = -lost
            step = D(1).scaleb(-dec)
            while remaining > 0:
                k = c.rng.choices(range(4), weights)[0]
                if losses[k] + step <= D(weights[k]) / 2:
                    losses[k] += step
                    remaining -= step
            parts = []
            refs: dict = {}
            for k in range(4):
                w = c.score(f"sc.w{k}", D(weights[k]), 0)
                s = c.score(f"sc.s{k}", D(weights[k]) - losses[k], dec)
                refs[f"w{k}"], refs[f"s{k}"] = w, s
                parts.append(f"{cats[k]}（{{w{k}}}）得分{{s{k}}}")
            S = c.score("sc.total", s_val, dec)
            G = c.grade("sc.grade", word)
            c.para(
                "本次自评采用百分制，" + "，".join(parts) + "，综合得分{S}，自评等级为“{G}”。",
                S=S,
                G=G,
                **refs,
            )
            c.lin(("T001",), S, [(1, refs[f"s{k}"]) for k in range(4)], note="分项得分之和")
        else:
            S = c.score("sc.total", s_val, dec)
            G = c.grade("sc.grade", word)
            tmpl = {
                "G1": "{Y}年度部门整体支出绩效自评综合得分{S}，评价结果为“{G}”。",
                "G2": "经综合评价，{dept}{Y}年度部门整体支出绩效自评得分{S}，自评等级为“{G}”。",
                "G3": "自评结论：综合得分{S}，评价等级为{G}。",
            }[style]
            if c.kind == "project":
                tmpl = tmpl.replace("部门整体支出", "项目支出")
            c.para(tmpl, Y=c.y(), dept=c.dept, S=S, G=G)
        c.ident("grade", ("G001",), [S, G])

    def problems(self) -> None:
        c = self.c
        ps = c.rng.sample(c.dt.problems, 2)
        c.para(f"一是{ps[0]}；二是{ps[1]}。")
        if c.rng.random() < 0.4:
            c.para(
                f"针对{c.y(-1)}年度绩效评价发现的问题，{c.dt.short}已于{c.y()}年上半年完成整改。"
            )

    # --- 项目支出绩效自评报告 --------------------------------------------------------------------

    def project_report(self) -> None:
        c = self.c
        name = self.project_name
        total = self.Ap if self.Ap > 0 else self.Ip
        c.heading(0, "项目基本情况")
        c.heading(1, "项目概况")
        c.para(
            f"{name}由{c.dept}负责组织实施，是{c.y()}年度重点民生项目。"
            + c.pick("", f"项目涉及{cn_small(c.rng.randint(3, 9))}个乡镇。")
        )
        c.heading(1, "项目资金情况")
        k = c.rng.randint(2, 3)
        parts = c.split(total, k)
        srcs = (
            ("中央补助资金", "省级补助资金", "县级配套资金")[:k]
            if k == 3
            else ("上级补助资金", "本级财政资金")
        )
        tot = c.money("pj.total", total, qty="P")
        refs = {"tot": tot}
        bits = []
        for i, (s, v) in enumerate(zip(srcs, parts, strict=True)):
            refs[f"p{i}"] = c.money(f"pj.src{i}", v)
            bits.append(f"{s}{{p{i}}}")
        c.para(
            c.pick("项目总投资{tot}，其中：", "项目资金总额{tot}，其中") + "，".join(bits) + "。",
            **refs,
        )
        c.lin(
            ("T001", "T002"),
            tot,
            [(1, refs[f"p{i}"]) for i in range(k)],
            exact=False,
            note="资金来源（其中）",
        )
        # adjustment at project level: initial = first source, adjustment = the rest
        init = parts[0]
        adj = total - init
        i_r, d_r = c.money("pj.I", init), c.money("pj.D", adj)
        a_r = c.money("pj.A", total)  # a multi-year 总投资 need not equal the year's budget
        ar = c.pct("pj.ar", adj / init * 100)
        c.para(
            "项目年初预算{i}，年中追加{d}，调整后预算{a}，预算调整率{ar}。",
            i=i_r,
            d=d_r,
            a=a_r,
            ar=ar,
        )
        c.lin(("A001",), a_r, [(1, i_r), (1, d_r)], note="年初 + 追加 = 调整后")
        c.ratio("A002", ar, [(1, d_r)], [(1, i_r)], note="追加 ÷ 年初")
        year = c.year_fig("pj.year")
        if c.rng.random() < 0.5:
            x = c.spend(total, 0.7, 1.0)
            xr, xr_ = c.pct("pj.xr", x / total * 100), c.money("pj.X", x)
            c.para(
                "截至{Y}年12月31日，项目资金全部到位，实际支出{x}，预算执行率{xr}。",
                Y=year,
                x=xr_,
                xr=xr,
            )
        else:
            got = c.spend(total, 0.8, 1.0)
            x = c.spend(got, 0.7, 1.0)
            gr, grr = c.money("pj.got", got), c.pct("pj.gotr", got / total * 100)
            xr, xr_ = c.pct("pj.xr", x / total * 100), c.money("pj.X", x)
            c.para(
                "截至{Y}年12月31日，项目资金到位{g}，资金到位率{gr}，实际支出{x}，预算执行率{xr}。",
                Y=year,
                g=gr,
                gr=grr,
                x=xr_,
                xr=xr,
            )
            c.ratio("R004", grr, [(1, gr)], [(1, a_r)], note="到位 ÷ 预算")
        c.ratio("R001", xr, [(1, xr_)], [(1, a_r)], note="执行 ÷ 调整后")
        if c.rng.random() < 0.5 and total < 10**8 and c.unit == "万元" and total % 10000 == 0:
            w = c._add(
                Fig(
                    c._key("pj.words"),
                    "money",
                    total / 10000,
                    0,
                    cn_amount(int(total / 10000)),
                    "万元",
                    D(10000),
                ),
                "P",
            )
            c.para("项目计划总投资{w}，已按计划全部完工。", w=w)
        c.heading(0, "绩效目标完成情况")
        self.indicators()
        c.heading(0, "自评结论")
        self.conclusion()
        c.heading(0, "存在的问题及改进措施")
        self.problems()
