"""scripts/bench.py (`make bench`) runs, and its helpers measure what they claim to."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "bench.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_under_test", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look the module up by name
    spec.loader.exec_module(mod)
    return mod


def test_scaled_input_repeats_the_seed_and_keeps_the_year() -> None:
    bench = load_bench()
    seed = bench.SEED.read_bytes()
    x4 = bench.scaled_input(seed, 4).decode("utf-8")
    assert x4.count("乌鲁木齐县土地储备中心") == 4 * seed.decode("utf-8").count(
        "乌鲁木齐县土地储备中心"
    )
    assert 4 * len(seed) - 8 <= len(x4.encode()) <= 4 * len(seed) + 8
    from auditor.engine import audit
    from auditor.io import load_bytes

    assert audit(load_bytes(x4.encode(), "x4.txt")).year == 2023


def test_parse_importtime() -> None:
    bench = load_bench()
    text = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       120 |        120 |     click.utils\n"
        "import time:      1059 |      17304 | auditor.cli\n"
    )
    assert bench.parse_importtime(text) == [("click.utils", 120, 120), ("auditor.cli", 1059, 17304)]


def test_shapes_grow_with_n() -> None:
    bench = load_bench()
    for make in bench.SHAPES.values():
        small, big = make(10), make(40)
        assert 3 * len(small) < len(big) < 5 * len(small)
        assert len(re.findall(r"\d+(?:\.\d+)?(?:万元|%)", big)) >= 40


def test_optional_module_absent_is_none() -> None:
    assert load_bench().optional("no_such_bench_module", "bench") is None


def test_bench_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--runs", "1", "--repeats", "1", "--sizes", "1,2",
         "--unit-kb", "0", "--memory-mb", "0", "--shape-rows", "5", "--skip-optional",
         "--pdf-runs", "0", "--json", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    for heading in (
        "bare start-up",
        "import auditor.cli",
        "audit seed --format json",
        "seed audit (json) over bare start-up",
        "--html on the seed adds",
        "MB/s",
        "one regex pass",
        "growth",
        "Issue 9 goals",
    ):
        assert heading in proc.stdout
    # every goal measured is in the closing summary, marked against its baseline of this run
    summary = proc.stdout.split("Issue 9 goals")[1]
    for name in ("seed audit (json) over bare start-up", "--html added", "text: time at 2× over 1×",
                 "text throughput"):  # fmt: skip
        line = next(ln for ln in summary.splitlines() if name in ln)
        assert re.match(r"\s*(MET|MISSED)\s", line), line
        assert "baseline:" in line
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["imports"]["heavy_on_text_path"] == []
    assert set(data["scaling"]["sizes"]) == {"1", "2"}
    assert data["scaling"]["sizes"]["2"]["bytes"] > data["scaling"]["sizes"]["1"]["bytes"]
    assert all(v > 0 for v in data["startup"]["wall_s"].values())
    assert (
        data["scaling"]["sizes"]["1"]["regex_pass_mb_per_s"]
        > data["scaling"]["sizes"]["1"]["mb_per_s"]
    )
    assert {g["goal"] for g in data["goals"]} >= {"text throughput (one core)"}


def test_unit_copies_reach_the_size() -> None:
    bench = load_bench()
    seed = bench.SEED.read_bytes()
    k = bench.unit_copies(seed, 250)
    assert len(bench.scaled_input(seed, k)) >= 250_000 > len(bench.scaled_input(seed, k - 1))
    assert bench.unit_copies(seed, 0) == 1


def test_peak_memory_is_the_childs_own(tmp_path: Path) -> None:
    """The child's peak, not this process's: on Linux ru_maxrss of a child counts the pages of
    the forked parent, so a fat parent would make every child look fat."""
    bench = load_bench()
    fat = bytearray(b"x" * (128 << 20))  # 128 MiB resident here
    wall, rss, _err = bench.run_measured(
        [sys.executable, "-c", bench.MEMORY_CHILD, str(bench.SEED), "--format", "json",
         "-o", str(tmp_path / "o.json")],
        timeout=120,
    )  # fmt: skip
    assert wall > 0
    assert 5 << 20 < rss < 100 << 20
    assert json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))["files"][0]["findings"]
    del fat


def test_pdf_bench_reads_the_pdfplumber_baseline(tmp_path: Path) -> None:
    """The PDF comparison's baseline is pdfplumber's own read of every page, timed in a child."""
    import pytest

    pytest.importorskip("pdfplumber")
    pytest.importorskip("reportlab")
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from test_pdf import report
    finally:
        sys.path.remove(str(ROOT / "tests"))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(report())
    got = load_bench().pdfplumber_read(pdf)
    assert got["pages"] == 2
    assert 0 < got["read_wall"] < got["wall"]
