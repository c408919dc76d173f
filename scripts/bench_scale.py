#!/usr/bin/env python3
"""Files per second per core, and how a batch scales: --jobs 1/2 and Dask with 1/2 workers.

The numbers of docs/scale.md are made by this script: `python scripts/bench_scale.py` (about five
minutes on 2 cores; `--quick` for a smoke run). Inputs:

- text: copies of the text reports in samples/ (about 4 KiB each, a third with findings);
- PDF: copies of the real PDFs in /work/shared/corpus (or ../shared/corpus), skipped when absent.

Each run is the real command line in a subprocess writing JSON, so start-up, discovery, the audit
and the writer are all paid. It prints wall time, CPU time (the run and all its worker processes),
files per second, files per second per core (files over CPU seconds: what a core does when it is
busy, the number to size a cluster with) and the load average before each run (the machine is
shared: other work lengthens wall times, not CPU times). Dask runs start a local cluster each time;
its fixed cost is measured on one file and shown apart. Last, a sizing table for a province.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")]
CONFIGS = [
    ("--jobs 1", ["--jobs", "1"]),
    ("--jobs 2", ["--jobs", "2"]),
    ("dask, 1 worker", ["--engine", "dask", "--jobs", "1"]),
    ("dask, 2 workers", ["--engine", "dask", "--jobs", "2"]),
]
# a province's documents per year: its departments' 预算, 决算 and 自评 (and a national review of
# several years of them)
VOLUMES = [10_000, 50_000, 200_000, 1_000_000]
CORES = [2, 8, 32, 128]


def corpus_dir() -> Path | None:
    return next((d for d in CORPUS if d.is_dir() and any(d.glob("*.pdf"))), None)


def replicate(sources: list[Path], dest: Path, n: int) -> int:
    """n files copied round-robin from sources into dest; their total size."""
    dest.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(n):
        src = sources[i % len(sources)]
        target = dest / f"{i:05d}-{src.name}"
        shutil.copyfile(src, target)
        size += target.stat().st_size
    return size


def pdf_pages(paths: list[Path]) -> int:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return 0
    return sum(len(pdfium.PdfDocument(str(p))) for p in paths)


def run(directory: Path, extra: list[str], out: Path) -> tuple[float, float, float]:
    """(wall s, CPU s of the run and its workers, 1-minute load average before it)."""
    cmd = [sys.executable, "-m", "auditor", str(directory), "--format", "json", "-o", str(out),
           "--exit-zero", *extra]  # fmt: skip
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, env=dict(os.environ, CI="true"), capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(extra)} failed ({p.returncode}): {p.stderr[-400:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, load


def measure(name: str, directory: Path, n: int, size: int, runs: int, tmp: Path) -> dict:
    out = tmp / "out.json"
    run(directory, ["--jobs", "1"], out)  # warm the page cache and bytecode
    reference = out.read_bytes()
    rows = {}
    for label, extra in CONFIGS:
        samples = [run(directory, extra, out) for _ in range(runs)]
        if out.read_bytes() != reference:
            raise RuntimeError(f"{label} wrote another JSON than --jobs 1")
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        load = max(s[2] for s in samples)
        rows[label] = {"wall": wall, "cpu": cpu, "load": load, "files_per_s": n / wall}
    one = directory.parent / f"{directory.name}-one"
    one.mkdir(exist_ok=True)
    first = sorted(directory.iterdir())[0]
    shutil.copyfile(first, one / first.name)
    fixed = {}
    for label, extra in CONFIGS:
        ones = [run(one, extra, out) for _ in range(runs)]
        fixed[label] = (
            statistics.median(o[0] for o in ones),
            statistics.median(o[1] for o in ones),
        )
    for label, r in rows.items():
        # CPU a file costs once the run is going: start-up and a cluster's launch taken out
        r["cpu_per_file"] = (r["cpu"] - fixed[label][1]) / max(1, n - 1)
    per_core = 1 / rows["--jobs 1"]["cpu_per_file"]
    print(f"\n{name}: {n} files, {size / n / 1024:.1f} KiB each on average, median of {runs} runs")
    print(
        "| run | wall s | CPU s | files/s | speed-up | one file: wall s, CPU s | CPU ms per file "
        "| load before |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, r in rows.items():
        speed = rows["--jobs 1"]["wall"] / r["wall"]
        print(f"| {label} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['files_per_s']:.1f} | "
              f"{speed:.2f}× | {fixed[label][0]:.2f}, {fixed[label][1]:.2f} | "
              f"{r['cpu_per_file'] * 1000:.0f} | {r['load']:.1f} |")  # fmt: skip
    print(f"per core (one over the CPU a file costs with --jobs 1): {per_core:.1f} files/s")
    return {"files": n, "bytes": size, "per_core": per_core, "rows": rows, "fixed": fixed}


def _hours(h: float) -> str:
    return f"{h:.1f} h" if h >= 0.1 else f"{h * 60:.0f} min" if h * 60 >= 1 else "<1 min"


def sizing(per_core: dict[str, float], efficiency: float) -> None:
    """Hours for a year's documents on a number of cores, at the measured per-core rates scaled by
    the measured parallel efficiency (speed-up over workers, from the 2-worker runs)."""
    print(f"\nsizing: hours of wall time on free cores at the measured per-core rate and a "
          f"parallel efficiency of {efficiency:.0%} (CPU per file of --jobs 1 over that of the "
          "costlier 2-worker run); every document a PDF like the corpus's, in brackets every "
          "document a text report")  # fmt: skip
    print("| documents per year | core-hours | " + " | ".join(f"{c} cores" for c in CORES) + " |")
    print("|---" * (len(CORES) + 2) + "|")
    pdf, text = per_core.get("pdf"), per_core["text"]
    for v in VOLUMES:
        rate = pdf or text
        core_h = v / rate / 3600
        cells = []
        for c in CORES:
            cell = _hours(core_h / (c * efficiency))
            if pdf:
                cell += f" ({_hours(v / text / 3600 / (c * efficiency))})"
            cells.append(cell)
        print(f"| {v:,} | {core_h:.1f} | " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--text", type=int, default=400, help="text files (default 400)")
    ap.add_argument("--pdf", type=int, default=28, help="PDF files (default 28)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="20 text files, 7 PDFs, one run")
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    a = ap.parse_args()
    if a.quick:
        a.text, a.pdf, a.runs = 20, 7, 1
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the start; "
          f"Python {sys.version.split()[0]}")  # fmt: skip
    results = {}
    with tempfile.TemporaryDirectory(prefix="audit-budget-scale-") as t:
        tmp = Path(t)
        texts = sorted(p for p in (ROOT / "samples").glob("*.txt"))
        size = replicate(texts, tmp / "text", a.text)
        results["text"] = measure("text (samples/*.txt)", tmp / "text", a.text, size, a.runs, tmp)
        corpus = corpus_dir()
        if corpus and a.pdf:
            pdfs = sorted(corpus.glob("*.pdf"))
            size = replicate(pdfs, tmp / "pdf", a.pdf)
            pages = pdf_pages(sorted((tmp / "pdf").iterdir()))
            results["pdf"] = measure(f"PDF ({corpus})", tmp / "pdf", a.pdf, size, a.runs, tmp)
            results["pdf"]["pages"] = pages
            print(f"{pages} pages: {pages / a.pdf:.1f} per file, "
                  f"{results['pdf']['per_core'] * pages / a.pdf:.1f} pages/s per core")  # fmt: skip
        else:
            print("\nPDF: no corpus found, skipped")
    kind = "pdf" if "pdf" in results else "text"
    rows = results[kind]["rows"]
    # what spreading files over workers costs in CPU per file (IPC, pickling, the scheduler): the
    # efficiency that cores free of other work would give, whatever the load was here
    efficiency = rows["--jobs 1"]["cpu_per_file"] / max(
        rows["--jobs 2"]["cpu_per_file"], rows["dask, 2 workers"]["cpu_per_file"]
    )
    efficiency = min(1.0, efficiency)
    sizing({k: v["per_core"] for k, v in results.items()}, efficiency)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    if a.json:
        a.json.write_text(json.dumps(results, indent=2), "utf-8")


if __name__ == "__main__":
    main()
