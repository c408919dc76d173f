#!/usr/bin/env python3
"""Batch throughput: 1,000 generated small reports through the command line, --jobs 1 and 2.

Called by scripts/bench.py (`make bench`), or run alone. Each run is the real console entry point
in a subprocess (start-up, discovery, audit, JSON written to a file), so the numbers are what a CI
job auditing a directory pays. Reports are generated deterministically: a header, staff counts,
budget and execution figures, an enumerated project list and a score; about one in five carries a
deliberate inconsistency, so findings are produced and written too.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPTS = [
    "教育局",
    "卫生健康委员会",
    "水务局",
    "街道办事处",
    "土地储备中心",
    "农业农村局",
    "文化旅游局",
]
PROJECTS = ["校舍维修", "设备购置", "人员培训", "信息化建设", "环境整治", "课题研究", "应急保障"]


def _pct(a: Decimal, b: Decimal) -> Decimal:
    return (a / b * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def report(i: int, rng: random.Random) -> str:
    """One small report (about 1 KB); every fifth has an inconsistency of some kind."""
    year = 2020 + i % 5
    dept = DEPTS[i % len(DEPTS)]
    admin, inst = rng.randint(3, 30), rng.randint(0, 40)
    initial = Decimal(rng.randint(100, 9000)) + Decimal(rng.randint(0, 99)) / 100
    adjust = Decimal(rng.randint(0, 2000)) + Decimal(rng.randint(0, 9)) / 10
    adjusted = initial + adjust
    spent = (adjusted * Decimal(rng.randint(80, 100)) / 100).quantize(Decimal("0.01"))
    rate = _pct(spent, adjusted)
    k = rng.randint(2, 4)
    items = rng.sample(PROJECTS, k)
    amounts = [Decimal(rng.randint(5, 200)) for _ in items]
    score = Decimal(rng.randint(6000, 9900)) / 100
    grade = "优" if score >= 90 else "良" if score >= 80 else "中"
    flaw = i % 5 == 0 and (i // 5) % 4
    if flaw == 1:
        adjusted += 100  # adjustment identity broken
    elif flaw == 2:
        k += 1  # the count claim disagrees with the list
    total = admin + inst
    inst_stated = inst + 2 if flaw == 3 else inst  # parts exceed the total
    staff = f"共有编制人数{total}人，其中：行政编制{admin}人，事业编制{inst_stated}人。"
    lines = [
        f"{dept}{year}年度部门整体支出绩效自评报告",
        "",
        "一、部门基本情况",
        f"本部门主要负责本行政区域内的相关工作。{staff}",
        "",
        "二、预算执行情况",
        f"{year}年部门整体支出年初预算数为{initial}万元，调整数{adjust}万元，调整后预算数{adjusted}万元。"
        f"全年实际支出{spent}万元，预算执行率{rate}%。",
        "",
        "三、项目实施情况",
        f"{k}个项目开展，具体如下：",
        *(
            f"{'①②③④⑤'[j]}{name}项目：全年执行{amt}万元。"
            for j, (name, amt) in enumerate(zip(items, amounts, strict=True))
        ),
        "",
        "四、绩效自评结论",
        f"{year}年度部门整体支出绩效自评综合得分{score}分，评价结果为“{grade}”。",
    ]
    return "\n".join(lines) + "\n"


def generate(directory: Path, n: int, seed: int = 20231) -> int:
    rng = random.Random(seed)
    size = 0
    for i in range(n):
        sub = directory / f"batch{i // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = report(i, rng).encode("utf-8")
        (sub / f"report-{i:04d}.txt").write_bytes(data)
        size += len(data)
    return size


# The console entry point, and on the way out the CPU time of this process alone (the parent: its
# workers are not counted), so the parent's share of the work is measured, not guessed.
HARNESS = """
import atexit, resource, sys
def said():
    u = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write(f"\\nPARENT-CPU {u.ru_utime + u.ru_stime}\\n")
atexit.register(said)
from auditor.cli import main
main(sys.argv[1:])
"""


def copy_samples(directory: Path, n: int) -> int:
    """n copies of the text samples (about 4 KiB each, their findings included), round-robin."""
    sources = sorted((ROOT / "samples").glob("*.txt"))
    size = 0
    for i in range(n):
        sub = directory / f"batch{i // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = sources[i % len(sources)].read_bytes()
        (sub / f"report-{i:04d}.txt").write_bytes(data)
        size += len(data)
    return size


def _run(directory: Path, jobs: int, out: Path, extra: tuple[str, ...] = ()) -> tuple[float, ...]:
    """(wall seconds, CPU seconds of the run and its worker processes, of the parent alone)."""
    cmd = [sys.executable, "-c", HARNESS, str(directory), "--format", "json", "-o", str(out),
           "--exit-zero", "--jobs", str(jobs), *extra]  # fmt: skip
    env = dict(os.environ, CI="true")  # no progress bar
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise RuntimeError(f"audit-budget failed ({p.returncode}): {p.stderr[-300:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    parent = float(p.stderr.rsplit("PARENT-CPU ", 1)[1].split()[0])
    return dt, cpu, parent


def bench_batch(n: int = 1000, runs: int = 3, samples: bool = False) -> dict:
    """Files per second with --jobs 1 and --jobs 2 (median of `runs`), and the speed-up.

    Wall time is what a job waits; CPU time (the run and its workers) shows what parallelism
    costs, and does not depend on other work on the machine as the wall time does.
    """
    with tempfile.TemporaryDirectory(prefix="audit-budget-bench-") as tmp:
        d = Path(tmp) / "reports"
        size = copy_samples(d, n) if samples else generate(d, n)
        out = Path(tmp) / "out.json"
        _run(d, 1, out)  # warm the page cache and .pyc files
        summary = json.loads(out.read_text("utf-8"))["summary"]
        measured = {j: [_run(d, j, out) for _ in range(runs)] for j in (1, 2)}
    times = {j: statistics.median(w for w, _, _ in v) for j, v in measured.items()}
    cpu = {j: statistics.median(c for _, c, _ in v) for j, v in measured.items()}
    parent = {j: statistics.median(p for _, _, p in v) for j, v in measured.items()}
    rate = {j: n / t for j, t in times.items()}
    speedup = times[1] / times[2]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"  {n} {'copied samples' if samples else 'generated reports'} ({size / 1024:.0f} KiB), {summary['findings']} findings, "
        f"{summary['figures_extracted']} figures; {os.cpu_count()} CPUs, load average {load:.1f} "
        f"(other work on the machine skews the speed-up); median of {runs} runs"
    )
    for j in (1, 2):
        print(
            f"  --jobs {j}: {times[j]:6.2f} s  {rate[j]:7.1f} files/s  ({cpu[j]:5.2f} s of CPU, "
            f"{parent[j]:5.2f} s in the parent)"
        )
    print(f"  speed-up of --jobs 2 over --jobs 1: {speedup:.2f}×")
    return {
        "files": n,
        "findings": summary["findings"],
        "seconds_jobs1": round(times[1], 3),
        "seconds_jobs2": round(times[2], 3),
        "cpu_seconds_jobs1": round(cpu[1], 3),
        "cpu_seconds_jobs2": round(cpu[2], 3),
        "parent_cpu_seconds_jobs2": round(parent[2], 3),
        "files_per_s_jobs1": round(rate[1], 1),
        "files_per_s_jobs2": round(rate[2], 1),
        "speedup_jobs2": round(speedup, 2),
    }


def bench_payload(repeat: int = 20) -> dict:
    """What a worker sends back per file of samples/*.txt (about 4 KiB each), whole and trimmed to
    what each output reads (auditor/payload.py): pickled bytes and the parent's unpickling time."""
    import pickle

    sys.path.insert(0, str(ROOT))
    from auditor.batch import Task, run_one
    from auditor.engine import Options
    from auditor.payload import Keep

    files = sorted(str(p) for p in (ROOT / "samples").glob("*.txt"))
    size = sum(os.path.getsize(p) for p in files) / len(files)
    keeps = {
        "whole Result (before)": Keep(),
        "json, sarif, full": Keep.for_outputs("json"),
        "concise, github, junit": Keep.for_outputs("junit"),
        "--export": Keep.for_outputs("concise", export=True),
    }
    print(f"  payload per file of samples/*.txt ({size / 1024:.1f} KiB each on average):")
    out = {}
    for name, keep in keeps.items():
        blobs = [pickle.dumps(run_one(Task(p, Options(), None, keep))) for p in files]
        t = time.perf_counter()
        for _ in range(repeat):
            for b in blobs:
                pickle.loads(b)
        us = (time.perf_counter() - t) / repeat / len(blobs) * 1e6
        kib = sum(map(len, blobs)) / len(blobs) / 1024
        print(f"    {name:<24} {kib:5.1f} KiB, unpickled in {us:4.0f} µs")
        out[name] = {"kib": round(kib, 2), "unpickle_us": round(us, 1)}
    return out


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000, help="files (default 1000)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--samples", action="store_true", help="copies of samples/*.txt (4 KiB each)")
    ap.add_argument("--payload", action="store_true", help="only the per-file payload sizes")
    a = ap.parse_args()
    if a.payload:
        bench_payload()
    else:
        bench_batch(a.n, a.runs, a.samples)
