#!/usr/bin/env python3
"""Where the time of an audit goes, for speed work (issue 9); not part of `make bench`.

  profile_throughput.py text [--k 4]          cProfile of load + audit + JSON on the seed k times over
  profile_throughput.py pdf FILE.pdf          cProfile of load + audit + JSON of one PDF
  profile_throughput.py stages [--k 4] [FILE] time per stage: load, audit, JSON (best of 3)
  profile_throughput.py compare               the text sizes and the corpus PDFs against pdfplumber,
                                              as scripts/bench.py measures them (sections 2b and 3)
  profile_throughput.py instructions [--units 4]  instructions of load + audit + JSON on bench.py's
                                              text of that many units (1× = 12 seeds), under
                                              callgrind: a run that warms up minus one that warms
                                              up and audits (needs valgrind; about a minute a unit)

cProfile is in the standard library; for instruction counts that other load on the machine does
not move, run a mode under `valgrind --tool=callgrind`.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def _input(k: int, file: str | None) -> tuple[bytes, str]:
    if file:
        return Path(file).read_bytes(), Path(file).name
    from bench import SEED, scaled_input

    return scaled_input(SEED.read_bytes(), k), "bench.txt"


def run_once(data: bytes, name: str) -> dict[str, float]:
    from auditor.engine import audit
    from auditor.io import load_bytes
    from auditor.writers.json_format import render

    t0 = time.perf_counter()
    doc = load_bytes(data, name)
    t1 = time.perf_counter()
    r = audit(doc)
    t2 = time.perf_counter()
    render([r], "zh")
    t3 = time.perf_counter()
    return {"load": t1 - t0, "audit": t2 - t1, "json": t3 - t2, "total": t3 - t0}


def profile(data: bytes, name: str, top: int, sort: str) -> None:
    run_once(data, name)  # warm: lexicon, catalogue, regexes
    pr = cProfile.Profile()
    pr.enable()
    run_once(data, name)
    pr.disable()
    st = pstats.Stats(pr).strip_dirs().sort_stats(sort)
    st.print_stats(top)


def stages(data: bytes, name: str) -> None:
    run_once(data, name)
    best: dict[str, float] = {}
    for _ in range(3):
        for key, v in run_once(data, name).items():
            best[key] = min(best.get(key, v), v)
    mb = len(data) / 1e6
    print(
        " ".join(f"{k} {v * 1000:.1f} ms" for k, v in best.items()),
        f"{mb / best['total']:.2f} MB/s",
    )


def instructions(units: int) -> int:
    """Instructions of one load + audit + JSON of `units` × bench.py's 1×, counted by callgrind
    as the difference of two runs (warm-up only; warm-up and the audit). Deterministic to about
    0.1%: no regex cache (AUDIT_BUDGET_CACHE empty), fixed string hashing, and the package's
    bytecode compiled first (a module compiled in one run and not the other is noise)."""
    import compileall
    import os
    import re
    import subprocess

    from bench import SEED, UNIT_KB, unit_copies

    compileall.compile_dir(str(ROOT / "auditor"), quiet=1)
    env = {**os.environ, "AUDIT_BUDGET_CACHE": "", "PYTHONHASHSEED": "0"}
    k = units * unit_copies(SEED.read_bytes(), UNIT_KB)
    counts = []
    for n in (0, k):
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
               __file__, "_child", "--k", str(n)]  # fmt: skip
        err = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True).stderr
        counts.append(int(re.search(r"Collected : (\d+)", err).group(1)))
    return counts[1] - counts[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("text", "pdf", "stages", "compare", "instructions", "_child"))
    ap.add_argument("--units", type=int, default=1)
    ap.add_argument("file", nargs="?")
    ap.add_argument("--k", type=int, default=4)
    ap.add_argument("--top", type=int, default=45)
    ap.add_argument("--sort", default="tottime")
    a = ap.parse_args()
    if a.mode == "compare":
        import bench

        bench.bench_pdf(3)
        bench.bench_scaling([1, 4, 16], 3)
        return 0
    if a.mode == "instructions":
        print(f"{a.units}×: {instructions(a.units) / 1e6:,.1f}M instructions")
        return 0
    if a.mode == "_child":  # the process instructions() counts: warm up, then audit if --k
        from bench import SEED

        run_once(SEED.read_bytes(), "bench.txt")
        if a.k:
            run_once(*_input(a.k, None))
        return 0
    data, name = _input(a.k, a.file)
    if a.mode == "stages":
        stages(data, name)
    else:
        profile(data, name, a.top, a.sort)
    return 0


if __name__ == "__main__":
    sys.exit(main())
