"""scripts/bench_scale.py (the numbers of docs/scale.md): its helpers do what they claim."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load():
    spec = importlib.util.spec_from_file_location("bench_scale_under_test",
                                                  ROOT / "scripts" / "bench_scale.py")  # fmt: skip
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_sizing_table_is_documents_over_rate_cores_and_efficiency(capsys):
    bench = load()
    bench.sizing({"text": 100.0, "pdf": 2.0}, efficiency=0.5)
    lines = capsys.readouterr().out.splitlines()
    row = next(ln for ln in lines if ln.startswith("| 10,000 |"))
    # 10,000 PDFs at 2 per core-second: 1.4 core-hours; on 2 cores at 50%: 1.4 h; text 100×faster
    assert row.split(" | ")[1:3] == ["1.4", "1.4 h (2 min)"]
    assert bench._hours(0.001) == "<1 min" and bench._hours(0.05) == "3 min"


def test_replicate_copies_round_robin(tmp_path):
    bench = load()
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("x", "utf-8")
    b.write_text("yy", "utf-8")
    assert bench.replicate([a, b], tmp_path / "out", 5) == 1 + 2 + 1 + 2 + 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir())[:2] == [
        "00000-a.txt",
        "00001-b.txt",
    ]
