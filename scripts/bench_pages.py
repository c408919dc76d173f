#!/usr/bin/env python3
"""The review page of each published PDF (../shared/corpus) with its printed pages: how many
pages it shows, its size, what drawing the pages adds to writing it, and how long chromium takes
to open it (navigation → the script ready and every page image decoded), for --pages findings
(the default) and --pages all. The budget (issue 11): a 30-page PDF with findings on 5 pages
stays under 1.5 MB and opens in under 1 s.

    python scripts/bench_pages.py [--runs 3] [--json FILE]
    python scripts/bench_pages.py --screenshot docs/screenshot-pdf-pages.png

--screenshot saves the picture the README shows instead: the page of the 2024 万里街道 budget with
its S002 finding open and the table cell it contradicts in view.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench import corpus_pdfs  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
MAX_BYTES = 1_500_000
MAX_OPEN_S = 1.0


def open_times(browser, path: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        tab = ctx.new_page()
        t = time.perf_counter()
        tab.goto(path.resolve().as_uri(), wait_until="commit")
        tab.wait_for_selector("html[data-ready]", state="attached")
        tab.wait_for_function("() => Array.from(document.images).every(i => i.complete)")
        out.append(time.perf_counter() - t)
        ctx.close()
    return out


SHOT_PDF = "shpt_wanli_2024_dept_budget.pdf"


def screenshot(dest: str) -> None:
    """The S002 finding opened, then its related table cell shown on its printed page."""
    from playwright.sync_api import sync_playwright

    from auditor.engine import audit
    from auditor.io import load_path
    from auditor.writers.html import write_html

    pdf = next(p for p in corpus_pdfs() if p.name == SHOT_PDF)
    r = audit(load_path(str(pdf), layout=True))
    page_file = Path(tempfile.mkdtemp(prefix="shot-")) / "wanli.html"
    write_html([r], str(page_file), lang="zh", inputs=[str(pdf)])
    i = next(k for k, f in enumerate(r.findings) if f.rule == "S002")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        tab.goto(page_file.resolve().as_uri())
        tab.wait_for_selector("html[data-ready]", state="attached")
        tab.click(f"#f{i} .msg")
        tab.locator(f"#f{i} .detail a.op").first.click()
        tab.wait_for_timeout(1500)  # let the boxes' flash fade
        tab.screenshot(path=dest)
        browser.close()
    print(f"wrote {dest}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="chromium openings per page (median)")
    ap.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    ap.add_argument("--screenshot", metavar="PNG", help="save the README's screenshot instead")
    args = ap.parse_args(argv)
    if args.screenshot:
        screenshot(args.screenshot)
        return 0
    pdfs = corpus_pdfs()
    if not pdfs:
        print("the published PDFs (../shared/corpus) are absent: nothing to measure")
        return 0
    from auditor.engine import audit
    from auditor.io import load_path
    from auditor.writers.html import render_page

    browser = None
    pw = None
    if os.access(CHROMIUM, os.X_OK):
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
    rows = {}
    tmp = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    print(
        f"{'file':<34} {'pages':>5} {'mode':<8} {'shown':>5} {'size':>9} {'render':>8} {'open':>7}"
    )
    for pdf in pdfs:
        t = time.perf_counter()
        plain = load_path(str(pdf))
        t_plain = time.perf_counter() - t
        t = time.perf_counter()
        r = audit(load_path(str(pdf), layout=True))
        t_layout = time.perf_counter() - t - 0  # load with layout + audit
        audit(plain)
        n = r.document.layout.page_count
        for mode in ("none", "findings", "all"):
            t = time.perf_counter()
            html = render_page(r, "zh", pages=mode)
            t_render = time.perf_counter() - t
            path = tmp / f"{pdf.stem}.{mode}.html"
            path.write_text(html, encoding="utf-8")
            shown = html.count('<figure class="pp"')
            opened = statistics.median(open_times(browser, path, args.runs)) if browser else None
            rows[f"{pdf.name}:{mode}"] = {
                "pages": n, "shown": shown, "bytes": len(html.encode("utf-8")),
                "render_s": t_render, "open_s": opened, "load_plain_s": t_plain,
                "load_layout_audit_s": t_layout,
            }  # fmt: skip
            print(f"{pdf.name[:34]:<34} {n:5d} {mode:<8} {shown:5d} {len(html.encode()) / 1e6:7.2f}MB "
                  f"{t_render * 1000:6.0f}ms {opened if opened is None else f'{opened:.2f}s':>7}")  # fmt: skip
    if browser:
        browser.close()
        pw.stop()
    worst = max((v for k, v in rows.items() if k.endswith(":findings")), key=lambda v: v["bytes"])
    print(f"largest page with --pages findings: {worst['bytes'] / 1e6:.2f} MB "
          f"({worst['shown']} of {worst['pages']} pages; budget {MAX_BYTES / 1e6:.1f} MB)")  # fmt: skip
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
