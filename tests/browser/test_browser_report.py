"""The review page in a real browser (headless chromium): navigation, filters, the facts table,
review marks that survive a reload and export as a baseline the CLI accepts, and safety."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from auditor.writers.common import counts

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "seed-report-2023.txt"

VISIBLE = "article.f:not([hidden])"


def visible_rules(page) -> list[str]:
    return page.eval_on_selector_all(VISIBLE, "els => els.map(e => e.dataset.rule)")


def in_view(page, selector: str, container: str) -> bool:
    """Is the element inside the visible part of its scrolling container?"""
    return page.evaluate(
        """([s, c]) => {
            const a = document.querySelector(s).getBoundingClientRect();
            const b = document.querySelector(c).getBoundingClientRect();
            return a.bottom > b.top && a.top < b.bottom && a.height > 0;
        }""",
        [selector, container],
    )


# ------------------------------------------------------------------------------ navigation


def test_click_scrolls_the_source_to_the_figures_and_highlights_them(tab, seed_page, seed_result):
    page = tab.page
    tab.open(seed_page)
    # the last finding in the text: far below the first screen of the source
    last = max(range(len(seed_result.findings)), key=lambda i: seed_result.findings[i].span.start)
    assert page.eval_on_selector("#source", "e => e.scrollTop") == 0
    assert page.locator("mark.sel-p").count() == 0
    page.click(f"#f{last} .msg")
    assert page.eval_on_selector("#source", "e => e.scrollTop") > 0
    primary = page.locator("mark.sel-p")
    assert primary.count() >= 1
    assert in_view(page, "mark.sel-p", "#source")
    # the highlighted figure is the finding's own text
    f = seed_result.findings[last]
    want = seed_result.document.original[f.span.start : f.span.end].replace("\n", "")
    assert "".join(primary.all_text_contents()) == want
    # related figures get their own style, and only this finding's figures are lit
    assert page.locator("mark.sel-r").count() >= (1 if f.related else 0)
    assert page.locator(f"#f{last}.sel").count() == 1
    assert page.locator("article.f.sel").count() == 1
    # its recomputation is shown, with the check's rationale
    assert page.locator(f"#f{last} .detail").is_visible()
    assert page.locator(f"#f{last} .why").is_visible()
    tab.watch.assert_clean()


def test_operand_links_jump_to_their_figure(tab, seed_page, seed_result):
    page = tab.page
    tab.open(seed_page)
    i = next(
        i for i, f in enumerate(seed_result.findings) if len(f.evidence.get("operands", [])) >= 2
    )
    page.click(f"#f{i} .msg")
    link = page.locator(f"#f{i} a.op").last
    sid = link.get_attribute("data-s")
    page.eval_on_selector("#source", "e => e.scrollTo(0, e.scrollHeight)")
    link.click()
    assert in_view(page, f'mark.h[data-s~="{sid}"]', "#source")
    assert page.locator(f'mark.h.flash[data-s~="{sid}"]').count() >= 1
    tab.watch.assert_clean()


def test_hovering_a_highlight_names_its_finding(tab, seed_page, seed_result):
    page = tab.page
    tab.open(seed_page)
    f = seed_result.findings[0]
    sid = page.evaluate(
        "() => JSON.parse(document.getElementById('data').textContent).findings[0].s[0][0]"
    )
    mark = page.locator(f'mark.h[data-s~="{sid}"]').first
    mark.hover()
    title = mark.get_attribute("title")
    assert title and f.rule in title and f.message["zh"] in title


def test_clicking_a_highlight_selects_its_finding(tab, seed_page):
    page = tab.page
    tab.open(seed_page)
    sid = page.evaluate(
        "() => JSON.parse(document.getElementById('data').textContent).findings[0].s[0][0]"
    )
    page.locator(f'mark.h[data-s~="{sid}"]').first.click()
    selected = page.locator("article.f.sel")
    assert selected.count() == 1
    assert sid in [
        s[0]
        for s in page.evaluate(
            "i => JSON.parse(document.getElementById('data').textContent).findings[i].s",
            int(selected.get_attribute("data-i")),
        )
    ]


def test_j_and_k_walk_the_findings_in_panel_order(tab, seed_page):
    page = tab.page
    tab.open(seed_page)
    order = page.eval_on_selector_all(VISIBLE, "els => els.map(e => e.id)")
    assert len(order) >= 3
    page.keyboard.press("j")
    assert page.locator("article.f.sel").get_attribute("id") == order[0]
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.locator("article.f.sel").get_attribute("id") == order[2]
    page.keyboard.press("k")
    assert page.locator("article.f.sel").get_attribute("id") == order[1]
    assert in_view(page, "mark.sel-p, mark.sel-r", "#source")
    # typing in the search box is not navigation
    page.click("#search")
    page.keyboard.type("jk")
    assert page.locator("article.f.sel").get_attribute("id") == order[1]
    tab.watch.assert_clean()


# ------------------------------------------------------------------------------ filters


def test_filters_and_search_narrow_the_list(tab, seed_page, seed_result):
    page = tab.page
    tab.open(seed_page)
    by_sev = Counter(f.severity.value for f in seed_result.findings)
    by_rule = Counter(f.rule for f in seed_result.findings)
    total = len(seed_result.findings)
    assert page.locator(VISIBLE).count() == total
    assert page.inner_text("#shown").endswith(f"{total} / {total}")

    page.uncheck(".sev-filter[value=error]")
    assert page.locator(VISIBLE).count() == total - by_sev["error"]
    assert {
        page.locator(VISIBLE).nth(k).get_attribute("data-sev")
        for k in range(total - by_sev["error"])
    } <= {"warning", "info"}
    assert page.locator("section.sevgroup.error").is_hidden()
    page.check(".sev-filter[value=error]")

    rule = by_rule.most_common(1)[0][0]
    page.click(f".chip[data-rule={rule}]")
    assert visible_rules(page) == [rule] * by_rule[rule]
    sev = next(f.severity.value for f in seed_result.findings if f.rule == rule)
    shown = f"{by_rule[rule]} / {by_sev[sev]}" if by_rule[rule] != by_sev[sev] else str(by_sev[sev])
    assert page.text_content(f"section.sevgroup.{sev} > h2 .n") == shown
    other = next(r for r in by_rule if r != rule)
    page.click(f".chip[data-rule={other}]")
    assert sorted(visible_rules(page)) == sorted([rule] * by_rule[rule] + [other] * by_rule[other])
    page.click(f".chip[data-rule={rule}]")
    page.click(f".chip[data-rule={other}]")
    assert page.locator(VISIBLE).count() == total

    term = seed_result.findings[0].evidence["stated"]  # a figure as stated in the report
    page.fill("#search", term)
    n = page.locator(VISIBLE).count()
    assert 0 < n < total
    for text in page.eval_on_selector_all(VISIBLE, "els => els.map(e => e.textContent)"):
        assert term in text
    page.fill("#search", "no finding says this 不存在的词")
    assert page.locator(VISIBLE).count() == 0
    assert page.locator("#none-match").is_visible()
    page.fill("#search", "")
    assert page.locator(VISIBLE).count() == total
    tab.watch.assert_clean()


# ------------------------------------------------------------------------------ facts table


def test_facts_table_lists_every_figure_sortable_and_filterable(tab, seed_page, seed_result):
    page = tab.page
    tab.open(seed_page)
    page.click("#tab-facts")
    rows = page.locator("#facts-table tbody tr")
    assert rows.count() == len(seed_result.facts)
    assert page.locator("#source").is_hidden()

    used = counts([seed_result])["figures_checked"]  # the header's coverage
    page.check("#facts-checked")
    assert page.locator("#facts-table tbody tr:not([hidden])").count() == used
    page.uncheck("#facts-checked")

    concept = next(f for f in seed_result.facts if f.scope not in ("部门整体",)).scope
    page.fill("#facts-filter", concept)
    n = page.locator("#facts-table tbody tr:not([hidden])").count()
    assert 0 < n < len(seed_result.facts)
    assert n >= sum(1 for f in seed_result.facts if f.scope == concept)
    page.fill("#facts-filter", "")

    page.click("#facts-table th[data-col='0'] button")  # ascending
    page.click("#facts-table th[data-col='0'] button")  # descending
    first = page.locator("#facts-table tbody tr").first.locator("td").first.inner_text()
    assert int(first) == max(f.id for f in seed_result.facts)
    assert page.get_attribute("#facts-table th[data-col='0']", "aria-sort") == "descending"

    # a row leads back to its place in the source
    fid = seed_result.facts[-1].id
    page.click(f"#fact-{fid}")
    assert page.locator("#source").is_visible()
    assert in_view(
        page, f"#L{seed_result.document.position(seed_result.facts[-1].span.start).line}", "#source"
    )
    tab.watch.assert_clean()


def test_operand_fact_link_opens_its_row(tab, seed_page, seed_result):
    page = tab.page
    tab.open(seed_page)
    i = next(i for i, f in enumerate(seed_result.findings) if f.evidence.get("operands"))
    assert page.locator(f"#f{i} a.fact").count() == 0  # built when the finding is opened
    page.click(f"#f{i} .msg")
    link = page.locator(f"#f{i} a.fact").first
    fid = link.get_attribute("data-fact")
    assert int(fid) == seed_result.findings[i].evidence["operands"][0]["fact"]
    link.click()
    assert page.locator("#facts").is_visible()
    assert in_view(page, f"#fact-{fid}", "#facts")


# ------------------------------------------------------------------------------ review


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _export(page, dest: Path) -> dict:
    with page.expect_download() as d:
        page.click("#export")
    d.value.save_as(dest)
    return json.loads(dest.read_text(encoding="utf-8"))


def test_review_marks_survive_a_reload_and_export_as_a_baseline(
    tab, seed_page, seed_result, tmp_path
):
    page = tab.page
    tab.open(seed_page)
    failing = [
        i for i, f in enumerate(seed_result.findings) if f.severity.value in ("error", "warning")
    ]
    assert len(failing) >= 3
    keep, confirm, dismiss = failing[0], failing[1], failing[2:]
    for i in dismiss:
        page.click(f"#f{i} .rv[data-status=dismissed]")
    page.click(f"#f{confirm} .rv[data-status=confirmed]")
    page.click(f"#f{keep} .rv[data-status=follow-up]")
    page.click(f"#f{keep} .msg")
    page.fill(f"#f{keep} .note", "问财政局核实 <b>不是标签</b>")
    assert page.inner_text("#reviewed-n") == str(len(failing))

    page.reload()
    page.wait_for_selector("html[data-ready]", state="attached")
    for i in dismiss:
        assert page.get_attribute(f"#f{i} .rv[data-status=dismissed]", "aria-pressed") == "true"
    assert page.get_attribute(f"#f{confirm} .rv[data-status=confirmed]", "aria-pressed") == "true"
    assert page.input_value(f"#f{keep} .note") == "问财政局核实 <b>不是标签</b>"
    assert page.inner_text("#reviewed-n") == str(len(failing))
    page.select_option("#status-filter", "dismissed")
    assert page.locator(VISIBLE).count() == len(dismiss)
    page.select_option("#status-filter", "any")

    exported = _export(page, tmp_path / "review.json")
    assert exported["version"] == 1 and exported["tool"] == "audit-budget"
    status = {e["fingerprint"]: e["status"] for e in exported["entries"]}
    fps = [f.fingerprint for f in seed_result.findings]
    assert status == {
        **{fps[i]: "dismissed" for i in dismiss},
        fps[confirm]: "confirmed",
        fps[keep]: "follow-up",
    }
    for e in exported["entries"]:
        assert set(e) == {
            "fingerprint",
            "rule",
            "path",
            "status",
            "note",
            "message",
            "document_sha256",
        }
        assert e["document_sha256"] == seed_result.document.sha256

    # the export is a baseline: dismissed findings stop failing; confirmed and follow-up do not
    proc = _cli(
        str(SEED), "--baseline", str(tmp_path / "review.json"), "--format", "json", cwd=tmp_path
    )
    assert proc.returncode == 1, proc.stderr
    left = {f["fingerprint"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert {fps[keep], fps[confirm]} <= left
    assert not left & {fps[i] for i in dismiss}

    page.click(f"#f{keep} .rv[data-status=dismissed]")
    page.click(f"#f{confirm} .rv[data-status=dismissed]")
    _export(page, tmp_path / "review2.json")
    proc = _cli(str(SEED), "--baseline", str(tmp_path / "review2.json"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    tab.watch.assert_clean()


def test_review_marks_are_per_document(tab, seed_page, tmp_path, seed_result):
    """Another report's page in the same browser starts with no marks."""
    from auditor.engine import audit
    from auditor.io import load_path
    from auditor.writers.html import write_html

    page = tab.page
    tab.open(seed_page)
    page.click("#f0 .rv[data-status=dismissed]")
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    r = audit(load_path(str(other)))
    write_html([r], str(tmp_path / "other.html"), inputs=[str(other)])
    tab.open(tmp_path / "other.html")
    assert page.inner_text("#reviewed-n") == "0"
    assert page.locator('.rv[aria-pressed="true"]').count() == 0


# ------------------------------------------------------------------------------ safety


def test_no_console_error_and_no_request_while_working(tab, seed_page, seed_result, tmp_path):
    page = tab.page
    tab.open(seed_page)
    for _ in seed_result.findings:
        page.keyboard.press("j")
    page.locator("mark.h").first.hover()
    page.click("#f0 .rv[data-status=confirmed]")
    page.click("#tab-facts")
    page.click("#facts-table th[data-col='4'] button")
    page.locator("#facts-table tbody tr").nth(3).click()
    _export(page, tmp_path / "r.json")
    page.emulate_media(media="print")
    page.emulate_media(media="screen")
    assert tab.watch.requests == [seed_page.resolve().as_uri()]
    tab.watch.assert_clean()


def test_payloads_render_as_text_and_run_nothing(tab, tmp_path):
    from test_html import PAYLOADS, payload_result

    from auditor.writers.html import write_html

    r = payload_result(tmp_path)
    out = tmp_path / "payload.html"
    write_html([r], str(out))
    page = tab.page
    tab.open(out)
    page.evaluate("() => 0")  # let anything that was going to run, run
    assert tab.watch.dialogs == []
    source = page.inner_text("#source")
    for p in PAYLOADS:
        assert p in source
    assert page.inner_text("#doc-department") == PAYLOADS[2]
    assert page.inner_text("#doc-name") == PAYLOADS[1] + ".txt"
    assert PAYLOADS[2] in page.inner_text("#f0 .msg")
    assert page.locator("img").count() == 0
    # every finding's card rendered: the data block was not cut short by the payloads
    assert page.locator("article.f").count() == len(r.findings)
    page.click("#f0 .msg")
    page.click("#tab-facts")
    assert page.locator("#facts-table tbody tr").first.inner_text().count(PAYLOADS[2]) == 1
    assert page.locator("img").count() == 0
    page.keyboard.press("j")
    tab.watch.assert_clean()


# ------------------------------------------------------------------------------ language, print, index


def test_english_page(tab, seed_result, tmp_path):
    from auditor.writers.html import write_html

    out = tmp_path / "en.html"
    write_html([seed_result], str(out), lang="en")
    page = tab.page
    tab.open(out)
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("#tab-facts").startswith("Facts")
    assert seed_result.findings[0].message["en"] in page.text_content("#f0 .msg")
    tab.watch.assert_clean()


def test_print_shows_the_findings_with_their_quoted_lines(tab, seed_page, seed_result):
    from playwright.sync_api import expect

    page = tab.page
    tab.open(seed_page)
    page.emulate_media(media="print")
    assert page.locator("#source").is_hidden()
    assert page.locator("#filters").is_hidden()
    assert page.locator("article.f .quote").first.is_visible()
    # (the assertion retries until the page has laid out every finding for print: a count read
    # once, right after the media switch, may come before the articles are shown)
    expect(page.locator("article.f .detail:visible")).to_have_count(len(seed_result.findings))
    assert page.locator(".review button:visible").count() == 0
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000


def test_index_lists_reports_sortable_and_linked(tab, tmp_path):
    from auditor.engine import audit
    from auditor.io import load_path
    from auditor.writers.html import write_html

    others = [p for p in sorted((ROOT / "samples").glob("*.txt")) if p != SEED][:3]
    if not others:
        pytest.skip("needs a second sample report")
    sources = [*others, SEED]  # the seed has findings to review
    results = [audit(load_path(str(p))) for p in sources]
    write_html(results, str(tmp_path / "site"), inputs=[str(p) for p in sources])
    page = tab.page
    tab.open(tmp_path / "site" / "index.html")
    rows = page.locator("#reports tbody tr")
    assert rows.count() == len(results)
    page.click("#reports th:nth-child(4) button")  # errors, ascending
    page.click("#reports th:nth-child(4) button")  # descending
    errs = [
        int(x)
        for x in page.eval_on_selector_all(
            "#reports tbody td.e", "els => els.map(e => e.textContent)"
        )
    ]
    assert errs == sorted((counts([r])["error"] for r in results), reverse=True)
    with_findings = next(k for k, r in enumerate(results) if r.findings)
    href = page.eval_on_selector_all(
        "#reports tbody tr",
        "(rows, sha) => rows.find(r => r.dataset.sha === sha).querySelector('a').getAttribute('href')",
        results[with_findings].document.sha256,
    )
    page.click(f"#reports a[href='{href}']")
    page.wait_for_selector("html[data-ready]", state="attached")
    assert page.locator("#source").is_visible()
    page.click("#f0 .rv[data-status=dismissed]")
    page.click("a.back")
    page.wait_for_selector("html[data-ready]", state="attached")
    reviewed = page.eval_on_selector_all(
        "#reports tbody tr",
        "rows => rows.map(r => [r.dataset.sha, r.querySelector('.reviewed').textContent])",
    )
    assert sorted(n for _, n in reviewed) == ["0"] * (len(results) - 1) + ["1"]
    with page.expect_download() as d:
        page.click("#export-all")
    d.value.save_as(tmp_path / "all.json")
    entries = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["entries"]
    f = results[with_findings].findings[0]
    assert [(e["fingerprint"], e["rule"], e["status"]) for e in entries] == [
        (f.fingerprint, f.rule, "dismissed")
    ]
    assert entries[0]["path"] == results[with_findings].document.path
    tab.watch.assert_clean()
