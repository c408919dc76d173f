"""--export x.parquet: three typed tables a warehouse loads, read back with pyarrow."""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from cli_util import CI, run_cli

pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The samples exported once, with the JSON of the same run to compare against."""
    d = tmp_path_factory.mktemp("parquet")
    from auditor.cli import main

    with pytest.raises(
        SystemExit
    ) as e:  # stdout is empty (-o), stderr has notes: pytest keeps them
        main([str(SAMPLES), "--export", str(d / "x.parquet"), "--format", "json",
              "-o", str(d / "x.json"), "--jobs", "2", "--lang", "en"])  # fmt: skip
    assert e.value.code == 1
    return d, json.loads((d / "x.json").read_text("utf-8"))


def test_findings_table_is_the_json_findings(exported):
    d, doc = exported
    t = pq.read_table(d / "x.parquet")
    rows = t.to_pylist()
    want = [(f["path"], g) for f in doc["files"] for g in f["findings"]]
    assert len(rows) == len(want) == doc["summary"]["findings"] > 20
    for row, (path, g) in zip(rows, want, strict=True):
        assert row["path"] == path and row["rule"] == g["rule"] and row["message"] == g["message"]
        assert row["fingerprint"] == g["fingerprint"] and row["text"] == g["text"]
        assert (row["line"], row["column"]) == (g["location"]["line"], g["location"]["column"])
        assert row["page"] == g["location"].get("page")
        assert row["difference"] == g["evidence"].get("difference")
        assert [r["line"] for r in row["related"]] == [r["location"]["line"] for r in g["related"]]
    assert t.schema.field("line").type == "int32" and t.schema.metadata[b"audit-budget.layout"]
    assert any(r["page"] for r in rows), "the PDF samples' findings carry their page"


def test_facts_and_files_tables(exported):
    d, doc = exported
    facts = pq.read_table(d / "x.facts.parquet").to_pylist()
    files = pq.read_table(d / "x.files.parquet").to_pylist()
    assert [f["path"] for f in files] == [f["path"] for f in doc["files"]]
    for f, j in zip(files, doc["files"], strict=True):
        assert f["figures_extracted"] == j["figures_extracted"]
        assert f["figures_checked"] == j["figures_checked"]
        assert f["findings"] == len(j["findings"]) == f["errors"] + f["warnings"] + f["infos"]
        assert sum(1 for x in facts if x["path"] == f["path"]) == f["figures_extracted"]
    money = [x for x in facts if x["unit"] == "万元"]
    assert money and all(Decimal(x["value_text"]) * 10000 == Decimal(str(x["base_value"]))
                         for x in money[:50])  # fmt: skip
    assert all(isinstance(x["checked_by"], list) for x in facts)


def test_the_layout_is_documented_column_by_column():
    import pyarrow as pa

    from auditor.writers.parquet import schemas

    page = (ROOT / "docs" / "scale.md").read_text("utf-8")
    for kind, schema in schemas(pa).items():
        section = page.split(f"`{kind}`", 1)[1]
        for name in schema.names:
            assert re.search(rf"\| `{name}` \|", section), (kind, name)


def test_parquet_is_the_same_from_jobs_1_and_2(capsys, tmp_path):
    out = {}
    for j in (1, 2):
        r = run_cli(capsys, CI, "--export", tmp_path / f"{j}.parquet", "--jobs", j)
        assert r.code == 1
        out[j] = [(tmp_path / f"{j}{s}.parquet").read_bytes() for s in ("", ".facts", ".files")]
    assert out[1] == out[2]


def test_missing_pyarrow_is_one_line_and_exit_2(capsys, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    r = run_cli(capsys, CI / "errors.txt", "--export", tmp_path / "x.parquet")
    assert r.code == 2
    assert r.out == "" and r.err == (
        "audit-budget: error: --export .parquet needs pyarrow, which is not installed: "
        "pip install 'audit-budget[parquet]'\n"
    )
    assert not (tmp_path / "x.parquet").exists()
