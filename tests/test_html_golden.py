"""Golden files of the rendered review pages for samples/ (as coverage.py does for its HTML).

What varies from run to run or release to release is scrubbed: the generation time, the version,
the CSP hashes and the bodies of the inlined stylesheet and script (static assets, which the
browser tests exercise). The JSON data block is re-indented so a diff shows what changed.

After an intended change (a new sample, a new message, a template edit), regenerate and review:

    AUDIT_BUDGET_REGEN_GOLDEN=1 python -m pytest tests/test_html_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path

import pytest

from auditor.engine import audit
from auditor.io import load_path
from auditor.writers.html import page_names, render_index, render_page

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
REGEN = os.environ.get("AUDIT_BUDGET_REGEN_GOLDEN") == "1"
FIXED_TIME = "2000-01-01T00:00:00+00:00"


def scrub(html: str) -> str:
    html = re.sub(r'(<meta name="generator" content="audit-budget )[^"]*"', r'\1VERSION"', html)
    html = re.sub(r'(<span id="version">)[^<]*', r"\1VERSION", html)
    html = re.sub(r'(<time id="generated">)[^<]*', r"\1TIME", html)
    html = re.sub(r"sha256-[A-Za-z0-9+/=]+(?=&#39;|')", "sha256-HASH", html)
    html = re.sub(
        r"<style>.*?</style>", "<style>/* templates/report.css */</style>", html, flags=re.S
    )
    html = re.sub(
        r"<script>.*?</script>", "<script>/* templates/*.js */</script>", html, flags=re.S
    )

    def pretty(m: re.Match) -> str:
        data = json.loads(m.group(2))
        return (
            m.group(1) + "\n" + json.dumps(data, ensure_ascii=False, indent=1) + "\n" + m.group(3)
        )

    return re.sub(
        r'(<script type="application/json" id="data">)(.*?)(</script>)', pretty, html, flags=re.S
    )


def check(name: str, html: str) -> None:
    path = GOLDEN / name
    got = scrub(html)
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8", newline="\n")
        return
    assert path.exists(), (
        f"no golden file {path.relative_to(ROOT)}; create it with "
        "AUDIT_BUDGET_REGEN_GOLDEN=1 python -m pytest tests/test_html_golden.py"
    )
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = difflib.unified_diff(
            want.splitlines(), got.splitlines(), "golden", "rendered", n=1, lineterm=""
        )
        excerpt = "\n".join(line[:200] for line in list(diff)[:40])
        pytest.fail(
            f"{name} differs from its golden file; if the change is intended, regenerate with "
            "AUDIT_BUDGET_REGEN_GOLDEN=1 python -m pytest tests/test_html_golden.py and review "
            f"the diff.\n{excerpt}",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def results(request):
    """Audits of every sample, by its path relative to the repository (as a user would type it)."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        return {p.name: audit(load_path(str(p.relative_to(ROOT)))) for p in SAMPLES}
    finally:
        os.chdir(here)


@pytest.mark.parametrize("sample", [p.name for p in SAMPLES])
def test_sample_page(results, sample):
    check(Path(sample).stem + ".zh.html", render_page(results[sample], "zh", generated=FIXED_TIME))


def test_seed_page_in_english(results):
    r = results["seed-report-2023.txt"]
    check("seed-report-2023.en.html", render_page(r, "en", generated=FIXED_TIME))


def test_index_of_the_samples(results):
    rs = list(results.values())
    pages = list(zip(page_names(rs), rs, strict=True))
    check("index.zh.html", render_index(pages, "zh", generated=FIXED_TIME))


def test_scrub_removes_only_volatile_parts():
    page = (
        '<meta name="generator" content="audit-budget 9.9"><style>a{}</style>'
        '<meta content="script-src &#39;sha256-abc+/=&#39;">'
        '<time id="generated">2031-01-01</time><script>x()</script>'
        '<script type="application/json" id="data">{"a":1}</script><p>keep 2031</p>'
    )
    s = scrub(page)
    assert (
        "9.9" not in s
        and "2031-01-01" not in s
        and "abc+/=" not in s
        and "x()" not in s
        and "a{}" not in s
    )
    assert "<p>keep 2031</p>" in s and '"a": 1' in s
    golden_files = {p.name for p in GOLDEN.glob("*.html")}
    expected = {p.stem + ".zh.html" for p in SAMPLES} | {
        "seed-report-2023.en.html",
        "index.zh.html",
    }
    if not REGEN:
        assert golden_files <= expected, f"stale golden files: {sorted(golden_files - expected)}"
