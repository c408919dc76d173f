#!/usr/bin/env python3
"""Adversarial shapes at 1×, 4×, 16× and 64×, and how the audit time grows (issue 10).

Each shape is a way to make a pairwise comparison of figures blow up: one paragraph with no line
breaks, many figures in one sentence, many year-on-year figures in one paragraph, many lists,
repeated paragraphs, a table of 25 to 1,600 rows with a 合计 row and column, one huge line.
Linear time grows 4× per step; n log n a little more. A step above GROWTH_LIMIT (8×) means a
pairing that does not go through an index.

Usage: scripts/bench_adversarial.py [--scales 1,4,16,64] [--shape NAME] [--budget SECONDS]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed-report-2023.txt"
GROWTH_LIMIT = 8.0  # per 4× step; linear is 4

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def one_paragraph(k: int) -> str:
    """The seed with its line breaks removed, repeated k times: one paragraph."""
    seed = SEED.read_text(encoding="utf-8").replace("\r", "").replace("\n", "")
    return seed * k


def year_on_year(k: int) -> str:
    """“2022年支出100万元，2023年支出110万元，增长10%，…” 40·k times in one paragraph."""
    parts = []
    for i in range(40 * k):
        a = 100 + i % 97
        parts.append(
            f"{2022 + i % 2}年支出{a}万元，{2023 + i % 2}年支出{a + 10}万元，增长{(i % 13) + 5}%"
        )
    return "一、总体情况\n" + "，".join(parts) + "。\n"


def many_figures(k: int) -> str:
    """One sentence listing 60·k figures with a stated total (no sentence end inside)."""
    items = "、".join(f"第{i}项支出{10 + i % 50}.5万元" for i in range(60 * k))
    return f"一、支出情况\n2023年支出合计9999万元，其中{items}。\n"


def many_lists(k: int) -> str:
    """30·k announced lists in one paragraph (“所属单位3个，分别是：①…②…③…”)."""
    one = "所属单位3个，分别是：①办公室负责综合；②财务科负责预算；③业务科负责项目。"
    return "一、机构情况\n" + one * (30 * k) + "\n"


def many_rates(k: int) -> str:
    """One sentence of 20·k budget, spending, execution-rate and share triples (rates compared
    with the figures of their own sentence)."""
    parts = [
        f"项目{i}预算数{100 + i % 50}万元，支出{90 + i % 40}万元，执行率{90 + i % 9}%，占比{i % 30}%"
        for i in range(20 * k)
    ]
    return "一、预算执行\n" + "，".join(parts) + "。\n"


def repeated_paragraphs(k: int) -> str:
    """The seed's paragraphs, each repeated k times in place."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return "\n".join(ln for ln in lines for _ in range(k)) + "\n"


def table_rows(k: int) -> str:
    """A pipe table of 25·k rows with a 合计 row and a 合计 column, no row summing to another."""
    rows = ["| 项目 | 合计 | 基本支出 | 项目支出 |", "| --- | --- | --- | --- |"]
    total = [0, 0, 0]
    for i in range(25 * k):
        a, b = 100 + (i * 37) % 900, 7 + (i * 53) % 400
        rows.append(f"| 支出项目{i} | {a + b}.00 | {a}.00 | {b}.00 |")
        total = [total[0] + a + b, total[1] + a, total[2] + b]
    rows.append(f"| 合计 | {total[0]}.00 | {total[1]}.00 | {total[2]}.00 |")
    return "一般公共预算支出决算表\n单位：万元\n" + "\n".join(rows) + "\n"


def respectively_run(k: int) -> str:
    """One clause with no punctuation: a comparison base, then 500·k "分别" lists (names read
    back to the clause start, a base year's reach tested for every figure)."""
    return "较2024年的10万元" + "基本支出和项目支出分别为1万元和2万元" * (500 * k) + "\n"


def huge_line(k: int) -> str:
    """One line, no sentence end, 400·k figures."""
    return "，".join(f"项目{i}完成投资{i % 90 + 1}万元" for i in range(400 * k)) + "\n"


def list_item_rates(k: int) -> str:
    """One sentence: a total, then a "其中：" list of 100·k items, each with its own completion
    rate, without a ；between them (each rate's clause is looked for once)."""
    items = "，".join(
        f"项目{i}费决算为{i % 50 + 1}万元，完成预算的{90 + i % 9}%" for i in range(100 * k)
    )
    return f"“三公”经费支出决算中，年初预算为{5000 * k}万元，支出决算为{2600 * k}万元，其中：{items}。\n"


def each_pairs(k: int) -> str:
    """One paragraph of 50·k "各" sentences: names shared out, bare numbers taking the unit of
    the next, rates paired with changes in order (each 各 reads its names back once)."""
    one = (
        "收、支总计各是{a}.50,{b}.20万元。与上年相比,收、支总计各增加20.10,15.30万元,"
        "各增长{c}%、{d}%。"
    )
    return (
        "".join(one.format(a=3000 + i, b=3100 + i, c=i % 9, d=i % 7) for i in range(50 * k)) + "\n"
    )


def nested_lists(k: int) -> str:
    """One sentence: a 三公 total, then 60·k items each with its own nested "其中：" list, and
    200·k computations written out ("(a-b)÷b=r%") one after the other."""
    items = "；".join(
        f"公务用车购置及运行费{i}.5万元，其中：公务用车购置费0万元，公务用车运行维护费{i}.5万元"
        for i in range(60 * k)
    )
    sums = "，".join(
        f"({i + 2}.50-{i + 1}.00)÷{i + 1}.00={(i + 1.5) / (i + 1):.2%}" for i in range(200 * k)
    )
    return f"2023年“三公”经费支出决算为100.00万元。其中：{items}；公务接待费1万元。{sums}。\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "one-paragraph": one_paragraph,
    "year-on-year": year_on_year,
    "many-figures": many_figures,
    "many-lists": many_lists,
    "many-rates": many_rates,
    "respectively-run": respectively_run,
    "repeated-paragraphs": repeated_paragraphs,
    "table-rows": table_rows,
    "huge-line": huge_line,
    "list-item-rates": list_item_rates,
    "each-pairs": each_pairs,
    "nested-lists": nested_lists,
}


def audit_seconds(text: str) -> float:
    """load + audit + JSON, in process (what a file costs once the interpreter runs)."""
    from auditor.engine import audit
    from auditor.io import load_bytes
    from auditor.writers.json_format import render

    data = text.encode("utf-8")
    t0 = time.perf_counter()
    result = audit(load_bytes(data, "adversarial.txt"))
    render([result], lang="en", colour=False)
    return time.perf_counter() - t0


def measure(shape: str, scales: list[int], budget: float) -> list[tuple[int, int, float]]:
    """(scale, bytes, seconds) per scale; stops once a run exceeds the budget."""
    out = []
    for k in scales:
        text = SHAPES[shape](k)
        secs = audit_seconds(text)
        if secs < 0.2:  # short runs are noisy: the best of three
            secs = min(secs, audit_seconds(text), audit_seconds(text))
        out.append((k, len(text.encode("utf-8")), secs))
        if secs > budget:
            break
    return out


def growth(rows: list[tuple[int, int, float]]) -> list[float]:
    """Time ratio of each step to the one before (floored at 5 ms: noise is not growth)."""
    return [max(b[2], 5e-3) / max(a[2], 5e-3) for a, b in zip(rows, rows[1:], strict=False)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default="1,4,16,64")
    ap.add_argument("--shape", action="append", choices=sorted(SHAPES))
    ap.add_argument("--budget", type=float, default=60.0, help="stop a shape after a run this long")
    args = ap.parse_args(argv)
    scales = [int(x) for x in args.scales.split(",")]
    worst = 0.0
    print("adversarial shapes (issue 10): seconds at each scale, growth per step (linear ≈ 4)")
    for shape in args.shape or list(SHAPES):
        rows = measure(shape, scales, args.budget)
        ratios = growth(rows)
        worst = max([worst, *ratios])
        cells = "  ".join(f"{k}×:{n / 1024:.0f}KB {s:.3f}s" for k, n, s in rows)
        print(f"  {shape:<20} {cells}")
        print(f"  {'':<20} growth " + "  ".join(f"{r:.1f}×" for r in ratios))
    ok = worst <= GROWTH_LIMIT
    print(f"  worst step {worst:.1f}× (limit {GROWTH_LIMIT:.0f}×): {'ok' if ok else 'TOO STEEP'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
