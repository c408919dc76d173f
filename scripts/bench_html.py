#!/usr/bin/env python3
"""The HTML review page at scale: a ~1 MB report, rendered, opened in headless chromium.

bench_html() (called by scripts/bench.py, or run this file) prints:
1. the generated report (the seed repeated to ~1 MB: its size, findings and figures) and the time
   to audit it and to render its page, with the page's size;
2. for `runs` fresh browser contexts: the time from navigation to the page's script being ready
   (in-page, from the navigation start) and the wall time from `goto` to ready; then a click on
   the finding furthest down the text: the time its handler takes, and the time until the next
   frame is painted with the source scrolled and its figures highlighted.

Target (issue 3): the page opens and responds in under 2 s (ready + first click to paint).
This reports; it does not gate.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed-report-2023.txt"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TARGET_S = 2.0

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CLICK_JS = """async (sel) => {
  const el = document.querySelector(sel);
  const t0 = performance.now();
  el.click();
  const t1 = performance.now();
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const lit = document.querySelectorAll("mark.sel-p, mark.sel-r").length;
  return [t1 - t0, performance.now() - t0, lit, document.getElementById("source").scrollTop];
}"""


def generate(target_bytes: int = 1_000_000) -> str:
    """The seed repeated until the report is about target_bytes of UTF-8, each copy a section."""
    seed = SEED.read_text(encoding="utf-8")
    n = max(1, round(target_bytes / len(seed.encode("utf-8"))))
    return "\n".join(f"第{k + 1}部分\n\n{seed}" for k in range(n))


def bench_html(target_bytes: int = 1_000_000, runs: int = 5) -> dict:
    from auditor.engine import audit
    from auditor.io import load_path
    from auditor.writers.html import write_html

    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="audit-budget-bench-html-") as tmp:
        report = Path(tmp) / "big-report.txt"
        report.write_text(generate(target_bytes), encoding="utf-8")
        size = report.stat().st_size
        t = time.perf_counter()
        r = audit(load_path(str(report)))
        t_audit = time.perf_counter() - t
        page = Path(tmp) / "big-report.html"
        t = time.perf_counter()
        write_html([r], str(page), inputs=[str(report)])
        t_render = time.perf_counter() - t
        psize = page.stat().st_size
        print(f"  report {size / 1e6:.2f} MB, {r.document.line_count} lines, {len(r.findings)} findings, "
              f"{len(r.facts)} figures; audit {t_audit:.2f} s")  # fmt: skip
        print(f"  page {psize / 1e6:.2f} MB, rendered in {t_render:.2f} s")
        out.update(report_mb=size / 1e6, findings=len(r.findings), facts=len(r.facts),
                   audit_s=t_audit, render_s=t_render, page_mb=psize / 1e6)  # fmt: skip

        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            print("  browser: skipped (playwright not installed)")
            return {**out, "browser": "skipped"}
        if not os.access(CHROMIUM, os.X_OK):
            print(f"  browser: skipped ({CHROMIUM} not found; make system-deps)")
            return {**out, "browser": "skipped"}

        last = max(range(len(r.findings)), key=lambda i: r.findings[i].span.start)
        ready, wall, handler, paint = [], [], [], []
        errors: list[str] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                for _ in range(runs):
                    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
                    tab = ctx.new_page()
                    tab.on("pageerror", lambda e: errors.append(str(e)))
                    t = time.perf_counter()
                    tab.goto(page.as_uri(), wait_until="commit")
                    tab.wait_for_selector("html[data-ready]", state="attached", timeout=60_000)
                    wall.append(time.perf_counter() - t)
                    ready.append(tab.evaluate("() => window.__auditReady") / 1000)
                    h, f, lit, top = tab.evaluate(CLICK_JS, f"#f{last} .msg")
                    if not lit or not top:
                        errors.append("the click did not highlight and scroll")
                    handler.append(h / 1000)
                    paint.append(f / 1000)
                    ctx.close()
            finally:
                browser.close()
    med = statistics.median
    total = [a + b for a, b in zip(ready, paint, strict=True)]
    print(f"  chromium {runs} runs (median / worst):")
    print(f"    navigation → ready        {med(ready):.2f} / {max(ready):.2f} s  "
          f"(wall from goto {med(wall):.2f} / {max(wall):.2f} s)")  # fmt: skip
    print(f"    click on a finding → paint {med(paint) * 1000:.0f} / {max(paint) * 1000:.0f} ms  "
          f"(handler {med(handler) * 1000:.0f} ms)")  # fmt: skip
    verdict = "meets" if max(total) < TARGET_S else "MISSES"
    print(f"    open + first response      {med(total):.2f} / {max(total):.2f} s  "
          f"({verdict} the {TARGET_S:.0f} s target)")  # fmt: skip
    if errors:
        print(f"    errors: {errors[:3]}")
    out.update(ready_s=med(ready), ready_worst_s=max(ready), goto_wall_s=med(wall),
               click_paint_ms=med(paint) * 1000, click_handler_ms=med(handler) * 1000,
               open_and_respond_s=med(total), open_and_respond_worst_s=max(total),
               target_met=max(total) < TARGET_S, errors=errors)  # fmt: skip
    return out


if __name__ == "__main__":
    bench_html()
