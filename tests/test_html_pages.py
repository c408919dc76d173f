"""The review page of a PDF with its printed pages (--pages): which pages are drawn, the boxes
over them, the content security policy, and that other inputs keep today's page. The browser
tests (tests/browser/test_browser_pages.py) drive the same pages in chromium."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from cli_util import run_cli

from auditor.engine import audit
from auditor.errors import UsageError
from auditor.io import load_path
from auditor.io.load import load_bytes
from auditor.writers.html import render_page

pytest.importorskip("reportlab")
pytest.importorskip("PIL")
from test_pdf import PAGE1, PAGE2, report  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed-report-2023.txt"
TIME = "2000-01-01T00:00:00+00:00"


def bad_pdf() -> bytes:
    """The drawn two-page report with 20103's 合计 wrong (page 1): T004 and T005 there."""
    page1 = [row[:] for row in PAGE1]
    page1[2][2] = "210.00"
    return report(page1, PAGE2)


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    p = tmp_path_factory.mktemp("pdf") / "bad.pdf"
    p.write_bytes(bad_pdf())
    return p


@pytest.fixture(scope="module")
def bad_result(bad):
    return audit(load_path(str(bad), layout=True))


def csp(html: str) -> dict[str, str]:
    m = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    content = unescape(m.group(1))
    return dict(d.strip().split(" ", 1) for d in content.split(";") if d.strip())


def images(html: str) -> list[str]:
    return re.findall(r'<img src="([^"]*)"', html)


def test_pages_with_findings_are_drawn_with_their_boxes(bad_result):
    r = bad_result
    assert {f.rule for f in r.findings} == {"T004", "T005"}
    html = render_page(r, "zh", generated=TIME)
    assert len(images(html)) == 1  # every figure involved is on page 1
    assert all(u.startswith("data:image/png;base64,") for u in images(html))
    assert 'id="P1"' in html and 'id="P2"' not in html
    # a box for the primary figure of each finding, in the primary colour
    table_sids = {}
    for m in re.finditer(r'<rect class="h (\w)" data-s="(\d+)" x="([\d.]+)" y="([\d.]+)"', html):
        table_sids[int(m.group(2))] = m.group(1)
    assert table_sids and "p" in table_sids.values() and "r" in table_sids.values()
    # the extracted text is still on the page, hidden behind a button
    assert '<div class="source" id="source" aria-label="原文" hidden>' in html
    assert 'data-pv="source"' in html


def test_csp_allows_data_images_and_nothing_else(bad_result):
    with_pages = csp(render_page(bad_result, "zh", generated=TIME))
    without = csp(render_page(bad_result, "zh", generated=TIME, pages="none"))
    assert with_pages["img-src"] == "data:"
    assert without["img-src"] == "'none'"
    assert {k: v for k, v in with_pages.items() if k != "img-src"} == {
        k: v for k, v in without.items() if k != "img-src"
    }


def test_pages_none_and_all(bad_result):
    none = render_page(bad_result, "zh", generated=TIME, pages="none")
    assert images(none) == [] and 'id="pages"' not in none and "<svg" not in none
    every = render_page(bad_result, "zh", generated=TIME, pages="all")
    assert len(images(every)) == 2
    assert 'id="P2"' in every and "2 / 2 页" in every
    with pytest.raises(UsageError):
        render_page(bad_result, "zh", generated=TIME, pages="some")


def test_a_pdf_read_without_its_layout_keeps_the_text_view():
    r = audit(load_bytes(bad_pdf(), "bad.pdf"))
    assert r.findings and r.document.layout is None
    html = render_page(r, "zh", generated=TIME)
    assert images(html) == [] and csp(html)["img-src"] == "'none'"


def test_text_input_keeps_todays_page():
    r = audit(load_path(str(SEED), layout=True))
    assert r.document.layout is None
    pages = {
        mode: render_page(r, "zh", generated=TIME, pages=mode)
        for mode in ("findings", "all", "none")
    }
    assert pages["findings"] == pages["all"] == pages["none"]
    assert "<img" not in pages["findings"] and 'id="pages"' not in pages["findings"]


def test_cli_pages_option(capsys, bad, tmp_path):
    out = tmp_path / "bad.html"
    r = run_cli(capsys, bad, "--html", out, "--format", "concise")
    assert r.code == 1 and len(images(out.read_text(encoding="utf-8"))) == 1
    r = run_cli(capsys, bad, "--html", out, "--format", "concise", "--pages", "all")
    assert r.code == 1 and len(images(out.read_text(encoding="utf-8"))) == 2
    r = run_cli(capsys, bad, "--html", out, "--format", "concise", "--pages", "none")
    assert r.code == 1 and images(out.read_text(encoding="utf-8")) == []
    r = run_cli(capsys, bad, "--html", out, "--pages", "some")
    assert r.code == 2 and "--pages" in r.err


def test_cli_pages_from_stdin(capsys, monkeypatch, tmp_path):
    out = tmp_path / "stdin.html"
    r = run_cli(capsys, "-", "--html", out, "--format", "concise", stdin=bad_pdf(),
                monkeypatch=monkeypatch)  # fmt: skip
    assert r.code == 1 and len(images(out.read_text(encoding="utf-8"))) == 1


def test_cli_pages_with_jobs(capsys, bad, tmp_path):
    """Two PDFs audited in two processes: the layout travels back with each result."""
    (tmp_path / "in").mkdir()
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / "in" / name).write_bytes(bad.read_bytes())
    site = tmp_path / "site"
    r = run_cli(capsys, tmp_path / "in", "--html", site, "--format", "concise", "--jobs", "2")
    assert r.code == 1
    for name in ("a.html", "b.html"):
        assert len(images((site / name).read_text(encoding="utf-8"))) == 1
