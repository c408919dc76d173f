"""Browser fixtures: Debian's chromium driven by Playwright, launched once per test session.

Nothing is downloaded: Playwright's own browsers are never installed; the tests use
/usr/bin/chromium (installed by .ci/run or `make system-deps`). Without it (or without the
playwright package) the browser tests skip, except in CI (CI or AUDIT_BUDGET_REQUIRE_BROWSER set),
where a missing browser is a failure.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "seed-report-2023.txt"
if str(ROOT / "tests") not in sys.path:  # for the payload report shared with tests/test_html.py
    sys.path.insert(0, str(ROOT / "tests"))


def _missing(reason: str):
    if os.environ.get("CI") or os.environ.get("AUDIT_BUDGET_REQUIRE_BROWSER"):
        pytest.fail(f"browser tests cannot run: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    if not os.access(CHROMIUM, os.X_OK):
        _missing(f"{CHROMIUM} not found (make system-deps)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@dataclass
class Watch:
    """What a page did that it must not: console errors, uncaught errors, requests, dialogs."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests for anything but the local pages themselves (file:// HTML we wrote)."""
        return [u for u in self.requests if not (u.startswith("file://") and u.endswith(".html"))]

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []
        assert self.foreign_requests() == []


@dataclass
class Tab:
    page: object
    watch: Watch

    def open(self, path: Path) -> None:
        """Load a page we wrote and wait until its script has finished starting."""
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("html[data-ready]", state="attached")


@pytest.fixture
def tab(browser):
    """A fresh browser context (its own storage) with one page, and a Watch on it."""
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    w = Watch()
    page.on("console", lambda m: m.type == "error" and w.console_errors.append(m.text))
    page.on("pageerror", lambda e: w.page_errors.append(str(e)))
    page.on("request", lambda r: w.requests.append(r.url))

    def on_dialog(d):
        w.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    page.set_default_timeout(10_000)
    yield Tab(page, w)
    ctx.close()


@pytest.fixture(scope="session")
def seed_result():
    from auditor.engine import audit
    from auditor.io import load_path

    return audit(load_path(str(SEED)))


@pytest.fixture(scope="session")
def seed_page(tmp_path_factory, seed_result) -> Path:
    from auditor.writers.html import write_html

    out = tmp_path_factory.mktemp("html") / "seed.html"
    write_html([seed_result], str(out), lang="zh", inputs=[str(SEED)])
    return out
