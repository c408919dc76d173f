#!/usr/bin/env python3
"""Measure the forms family on generated 项目支出绩效自评表: errors found, false alarms.

Each seed draws a consistent form (random funds split over the three sources, rates and the
execution score rounded as an author rounds them, 5–10 indicators of several kinds, met or missed
and scored accordingly, 总分 and its grade), writes it in every layout (.xlsx, .docx; text with
cells separated by |, markdown pipes, tabs; one cell per line, with blank lines between cells,
or without the dash cells; .pdf with --pdf) and audits it: any error or warning is a false
alarm. Then one error of each kind is injected and must be reported, with its code, on the
changed cell.

    python scripts/measure_forms.py               # 200 forms
    python scripts/measure_forms.py -n 50 --pdf --show 3
    python scripts/measure_forms.py --only .lines.txt .nodash.txt
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import make_form_samples as M  # noqa: E402

from auditor.engine import audit  # noqa: E402
from auditor.io import load_path  # noqa: E402
from auditor.model import Severity  # noqa: E402

KINDS = ["F001", "F002", "F003", "F004", "F005", "F006", "F007", "F008", "F009"]


def write_markdown(path: Path, title: list[str], grid: list[list[str]]) -> None:
    """| a | b | rows with outer bars and a separator under the first row."""
    rows = ["| " + " | ".join(r) + " |" for r in M.own_rows(grid)]
    rows.insert(1, "|" + "---|" * len(M.own_rows(grid)[0]))
    path.write_text("\n".join([*title, *rows]) + "\n", encoding="utf-8")


def write_tabs(path: Path, title: list[str], grid: list[list[str]]) -> None:
    rows = ["\t".join(r) for r in M.own_rows(grid)]
    path.write_text("\n".join([*title, *rows]) + "\n", encoding="utf-8")


def write_spaced_lines(path: Path, title: list[str], grid: list[list[str]]) -> None:
    """One cell per line with a blank line between cells, as some browsers copy."""
    cells = [s for row in M.own_rows(grid) for s in row if s]
    path.write_text("\n\n".join([*title, *cells]) + "\n", encoding="utf-8")


def write_lines_without_dashes(path: Path, title: list[str], grid: list[list[str]]) -> None:
    """One cell per line, the cells holding only a dash dropped (empty in the web page)."""
    cells = [s for row in M.own_rows(grid) for s in row if s and s != "—"]
    path.write_text("\n".join([*title, *cells]) + "\n", encoding="utf-8")


LAYOUTS = {
    ".xlsx": M.write_xlsx,
    ".docx": M.write_docx,
    ".bars.txt": M.write_bars,
    ".lines.txt": M.write_lines,
    ".md.txt": write_markdown,
    ".tabs.txt": write_tabs,
    ".spaced.txt": write_spaced_lines,
    ".nodash.txt": write_lines_without_dashes,
}


def rhu(v: Decimal, d: int = 2) -> Decimal:
    return v.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)


def money(r: random.Random, lo: int, hi: int) -> Decimal:
    return Decimal(r.randint(lo * 100, hi * 100)) / 100


@dataclass
class Indicator:
    level1: str
    level2: str
    name: str
    op: str
    target: Decimal
    unit: str
    actual: Decimal
    decimals: int
    weight: int
    score: Decimal
    reason: str = ""

    def cells(self) -> list[str]:
        t = f"{self.op}{self.target}{self.unit}"
        a = f"{rhu(self.actual, self.decimals)}{self.unit}"
        return [self.level1, self.level2, self.name, t, a, str(self.weight), fmt_score(self.score)]


def fmt_score(v: Decimal) -> str:
    return str(int(v)) if v == v.to_integral_value() else f"{rhu(v, 2)}"


@dataclass
class Form:
    funds: list[list[str]]
    indicators: list[Indicator]
    total: Decimal
    grade: str
    extra: dict = field(default_factory=dict)  # where an injected error sits

    def grid(self) -> tuple[list[str], list[list[str]]]:
        rows = []
        prev1 = prev2 = None
        for ind in self.indicators:
            c = ind.cells()
            l1 = "^" if c[0] == prev1 else c[0]
            l2 = "^" if c[0] == prev1 and c[1] == prev2 else c[1]
            prev1, prev2 = c[0], c[1]
            rows.append([l1, l2, *c[2:], ind.reason])
        return M.project_form(
            funds=self.funds,
            indicators=rows,
            total=("100", fmt_score(self.total)),
            grade=self.grade,
            name="某某建设项目",
        )


_KINDS = [
    ("产出指标", "数量指标", "完成{}数量", "≥", "处", 0),
    ("产出指标", "质量指标", "{}验收合格率", "=", "%", 0),
    ("产出指标", "质量指标", "{}达标率", "≥", "%", 1),
    ("产出指标", "时效指标", "{}完成及时率", "≥", "%", 1),
    ("产出指标", "成本指标", "{}平均成本", "≤", "万元", 2),
    ("效益指标", "社会效益指标", "{}受益人数", "≥", "人", 0),
    ("满意度指标", "服务对象满意度指标", "{}满意度", "≥", "%", 1),
]
_THINGS = ["道路", "管网", "校舍", "站点", "设备", "渠道", "堤防", "泵站"]


def grade_of(score: Decimal) -> str:
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


def build(seed: int) -> Form:
    r = random.Random(seed)
    # funds: three sources, each with initial, full-year budget, spending
    parts = []
    for i in range(3):
        if i == 2 and r.random() < 0.4:
            parts.append((Decimal("0.00"), Decimal("0.00"), Decimal("0.00")))
            continue
        init = money(r, 50, 900)
        budget = init + money(r, 0, 200) if r.random() < 0.6 else init
        spent = rhu(budget * Decimal(r.randint(80, 100)) / 100)
        parts.append((init, budget, spent))
    tot = [sum((p[k] for p in parts), Decimal(0)) for k in range(3)]

    def rate(spent: Decimal, budget: Decimal) -> str:
        return "—" if budget == 0 else f"{rhu(spent / budget * 100)}%"

    total_rate = rhu(tot[2] / tot[1] * 100)
    funds_score = rhu(Decimal(10) * total_rate / 100)
    labels = ["其中：当年财政拨款", "上年结转资金", "其他资金"]
    funds = [["年度资金总额", f"{tot[0]}", f"{tot[1]}", f"{tot[2]}", "10", f"{total_rate}%"]]
    funds[0].append(f"{funds_score}")
    for lab, p in zip(labels, parts, strict=True):
        funds.append([lab, f"{p[0]}", f"{p[1]}", f"{p[2]}", "—", rate(p[2], p[1]), "—"])
    # indicators: weights share out 90 points
    n = r.randint(5, 10)
    cuts = sorted(r.sample(range(1, 90), n - 1))
    weights = [b - a for a, b in zip([0, *cuts], [*cuts, 90], strict=True)]
    if min(weights) < 3:
        weights = [90 // n] * (n - 1) + [90 - (90 // n) * (n - 1)]
    kinds = sorted((r.choice(_KINDS) for _ in range(n)), key=lambda k: _KINDS.index(k))
    inds = []
    for k, w in zip(kinds, weights, strict=True):
        l1, l2, name, op, unit, dec = k
        name = name.format(r.choice(_THINGS)) + ("" if r.random() < 0.5 else "（年度）")
        met = r.random() < 0.75
        if unit == "%":
            target = Decimal(100) if op == "=" else Decimal(r.choice([85, 90, 95]))
            if op == "=":
                actual = target if met else Decimal(r.randint(90, 98))
            else:
                actual = (
                    target + Decimal(r.randint(1, 40)) / 10
                    if met
                    else target - Decimal(r.randint(10, 50)) / 10
                )
                actual = min(actual, Decimal(100))
        elif op == "≤":
            target = Decimal(r.randint(50, 300))
            actual = target - money(r, 1, 20) if met else target + money(r, 1, 20)
        else:
            target = Decimal(r.randint(5, 2000))
            actual = (
                target + r.randint(0, 50)
                if met
                else target - r.randint(1, min(50, int(target) - 1) or 1)
            )
        if met or actual == target:
            score, reason = Decimal(w), ""
        else:
            score, reason = Decimal(w) - r.randint(1, max(1, min(3, w - 1))), "进度滞后，已督促整改"
        inds.append(Indicator(l1, l2, name, op, target, unit, actual, dec, w, score, reason))
    total = funds_score + sum((i.score for i in inds), Decimal(0))
    return Form(funds, inds, total, grade_of(total))


def inject(form: Form, kind: str, r: random.Random) -> tuple[Form, str]:
    """The form with one error of the kind; returns the text of the cell it must be found on."""
    import copy

    f = copy.deepcopy(form)
    if kind == "F001":
        row = r.choice([1, 2, 3])
        v = Decimal(f.funds[row][1]) + money(r, 1, 50)
        f.funds[row][1] = f"{v}"
        return f, f.funds[0][1]
    if kind == "F002":
        row = r.choice([i for i in range(4) if f.funds[i][5] != "—"])
        v = Decimal(f.funds[row][5][:-1]) + Decimal(r.choice([-3, -2, -1, 1, 2]))
        f.funds[row][5] = f"{rhu(v)}%"
        return f, f.funds[row][5]
    if kind == "F003":
        v = Decimal(f.funds[0][6]) - Decimal("0.50")
        f.funds[0][6] = f"{v}"
        f.total -= Decimal("0.50")
        f.grade = grade_of(f.total)
        return f, f.funds[0][6]
    if kind == "F004":
        ind = r.choice(f.indicators)
        ind.score = Decimal(ind.weight + r.randint(1, 3))
        return f, fmt_score(ind.score)
    if kind == "F005":
        f.total += Decimal(r.choice([-2, -1, 1, 2]))
        return f, fmt_score(f.total)
    if kind == "F006":
        ind = r.choice(f.indicators)
        ind.weight += 5
        ind.score += 5
        f.total += 5
        f.grade = grade_of(f.total)
        return f, "100"
    if kind == "F007":
        f.grade = r.choice([g for g in "优良中差" if g != f.grade])
        return f, f.grade
    if kind == "F008":
        met = [i for i in f.indicators if not i.reason and i.op != "="]
        if not met:
            return f, ""
        ind = r.choice(met)
        if ind.op == "≥":
            ind.actual = ind.target - (
                Decimal(r.randint(10, 50)) / 10 if ind.unit == "%" else r.randint(1, 5)
            )
        else:
            ind.actual = ind.target + money(r, 1, 20)
        return f, fmt_score(ind.score)
    if kind == "F009":
        met = [i for i in f.indicators if not i.reason and i.weight > 1]
        if not met:
            return f, ""
        ind = r.choice(met)
        ind.score -= 1
        f.total -= 1
        f.grade = grade_of(f.total)
        return f, fmt_score(ind.score)
    raise ValueError(kind)


def findings(form: Form, layouts: dict, tmp: Path) -> dict[str, list[tuple[str, str]]]:
    title, grid = form.grid()
    out = {}
    for suffix, write in layouts.items():
        p = tmp / f"form{suffix}"
        write(p, title, grid)
        res = audit(load_path(str(p)))
        doc = res.document
        out[suffix] = [
            (x.rule, doc.original[x.span.start : x.span.end])
            for x in res.findings
            if x.severity in (Severity.ERROR, Severity.WARNING)
        ]
    return out


def measure(
    n: int, seed: int = 0, pdf: bool = False, show: int = 0, only: list[str] | None = None
) -> dict:
    layouts = {k: v for k, v in LAYOUTS.items() if only is None or k in only}
    if pdf:
        layouts[".pdf"] = M.write_pdf
    stats: Counter = Counter()
    examples: list[str] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for s in range(seed, seed + n):
            form = build(s)
            for layout, got in findings(form, layouts, tmp).items():
                stats["consistent", layout] += 1
                if got:
                    stats["false", layout] += 1
                    if len(examples) < show:
                        examples.append(f"seed {s} {layout}: false alarm {got}")
            r = random.Random(s * 7919)
            for kind in KINDS:
                bad, cell = inject(form, kind, r)
                if not cell:
                    continue
                for layout, got in findings(bad, layouts, tmp).items():
                    stats[kind, layout] += 1
                    if (kind, cell) in got:
                        stats[kind, layout, "found"] += 1
                    elif len(examples) < show:
                        examples.append(f"seed {s} {kind} {layout}: missed {cell!r}, got {got}")
    return {"stats": stats, "layouts": list(layouts), "examples": examples}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--pdf", action="store_true", help="also the PDF layout (slower)")
    ap.add_argument("--show", type=int, default=0, help="print up to N misses or false alarms")
    ap.add_argument("--only", nargs="*", help=f"layouts among {' '.join(LAYOUTS)}")
    a = ap.parse_args()
    m = measure(a.n, a.seed, a.pdf, a.show, a.only)
    st = m["stats"]
    print(f"{'':8}" + "".join(f"{x:>14}" for x in m["layouts"]))
    row = "".join(f"{st['false', x]:>6}/{st['consistent', x]:<7}" for x in m["layouts"])
    print(f"{'false':8}{row}   (false alarms / consistent forms)")
    for k in KINDS:
        row = "".join(f"{st[k, x, 'found']:>6}/{st[k, x]:<7}" for x in m["layouts"])
        print(f"{k:8}{row}")
    for e in m["examples"]:
        print(e)


if __name__ == "__main__":
    main()
