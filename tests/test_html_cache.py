"""--html keeps jinja2's compiled templates in the user's cache directory, never in the package,
and works the same (same page) when that directory is absent, unwritable or turned off."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from auditor.engine import audit
from auditor.io import load_path
from auditor.writers import html as H

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed-report-2023.txt"
pytest.importorskip("jinja2")


@pytest.fixture(scope="module")
def seed():
    return audit(load_path(str(SEED)))


def page(seed, monkeypatch, cache: str | None) -> str:
    if cache is None:
        monkeypatch.delenv("AUDIT_BUDGET_CACHE", raising=False)
    else:
        monkeypatch.setenv("AUDIT_BUDGET_CACHE", cache)
    monkeypatch.setattr(H, "_ENV", None)  # a fresh run: the environment is made again
    return H.render_page(seed, "zh", generated="2024-01-01T00:00:00+00:00")


def test_templates_are_cached_in_the_cache_dir(seed, monkeypatch, tmp_path):
    first = page(seed, monkeypatch, str(tmp_path))
    cached = list((tmp_path / "templates").glob("audit-budget-*.cache"))
    assert len(cached) == 1  # report.html.j2, compiled once
    stamp = cached[0].stat().st_mtime_ns
    assert page(seed, monkeypatch, str(tmp_path)) == first  # read back, not rewritten
    assert cached[0].stat().st_mtime_ns == stamp
    assert not list((ROOT / "auditor").rglob("*.cache"))  # nothing inside the package


def test_xdg_cache_home_is_the_default(seed, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    page(seed, monkeypatch, None)
    if os.name != "nt":
        assert list((tmp_path / "audit-budget" / "templates").glob("*.cache"))


def test_same_page_without_a_cache(seed, monkeypatch, tmp_path):
    cached = page(seed, monkeypatch, str(tmp_path))
    assert page(seed, monkeypatch, "") == cached  # AUDIT_BUDGET_CACHE= turns it off
    assert H.cache_dir() is None


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_cache_dir_is_skipped(seed, monkeypatch, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert page(seed, monkeypatch, str(ro / "cache")) == page(seed, monkeypatch, "")
    finally:
        ro.chmod(stat.S_IRWXU)


def test_a_cache_path_that_is_a_file_is_skipped(seed, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert page(seed, monkeypatch, str(blocker)) == page(seed, monkeypatch, "")


def test_a_damaged_cache_entry_is_compiled_again(seed, monkeypatch, tmp_path):
    good = page(seed, monkeypatch, str(tmp_path))
    (entry,) = (tmp_path / "templates").glob("*.cache")
    entry.write_bytes(b"\x00garbage")
    assert page(seed, monkeypatch, str(tmp_path)) == good
    entry.chmod(0)  # unreadable (for anyone but root)
    try:
        assert page(seed, monkeypatch, str(tmp_path)) == good
    finally:
        entry.chmod(stat.S_IRUSR | stat.S_IWUSR)
