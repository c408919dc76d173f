"""`--format json` output validates against schema/findings.schema.json, and the schema is strict.

The CLI runs as a subprocess (the real entry point), on the seed, on every catalogue example, on
stdin and on a GB18030 file, so each check's evidence shape and each input path reach the schema.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from pdf_corpus import corpus_dir

from auditor.catalogue import rules

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "schema" / "findings.schema.json"
SEED = ROOT / "samples" / "seed-report-2023.txt"
CORPUS = corpus_dir() or ROOT.parent / "shared" / "corpus"


def run_json(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "auditor", "--format", "json", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd or ROOT,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    return json.loads(proc.stdout.decode("utf-8"))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def assert_valid(validator: Draft202012Validator, doc: dict) -> None:
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors[:10])


def assert_consistent(doc: dict, originals: dict[str, str] | None = None) -> None:
    """What the schema cannot say: counts add up, rules are catalogued, text matches location."""
    cat = rules()
    s = doc["summary"]
    all_findings = [f for file in doc["files"] for f in file["findings"]]
    assert s["files"] == len(doc["files"])
    assert s["findings"] == len(all_findings) == s["error"] + s["warning"] + s["info"]
    for sev in ("error", "warning", "info"):
        assert s[sev] == sum(f["severity"] == sev for f in all_findings)
    assert s["figures_extracted"] == sum(f["figures_extracted"] for f in doc["files"])
    assert s["figures_checked"] == sum(f["figures_checked"] for f in doc["files"])
    for file in doc["files"]:
        assert file["figures_checked"] <= file["figures_extracted"]
        fps = [f["fingerprint"] for f in file["findings"]]
        assert len(fps) == len(set(fps)), "fingerprints must be unique within a file"
        lines = (originals or {}).get(file["path"])
        for f in file["findings"]:
            assert f["rule"] in cat, f["rule"]
            assert f["name"] == cat[f["rule"]].name
            loc = f["location"]
            assert (loc["line"], loc["column"]) < (loc["end_line"], loc["end_column"])
            if lines is not None and loc["line"] == loc["end_line"]:
                line = lines.splitlines()[loc["line"] - 1]
                assert line[loc["column"] - 1 : loc["end_column"] - 1] == f["text"]


def test_schema_is_valid_draft_2020_12(validator: Draft202012Validator) -> None:
    assert validator.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_seed_validates(validator: Draft202012Validator) -> None:
    doc = run_json(str(SEED.relative_to(ROOT)))
    assert_valid(validator, doc)
    assert_consistent(doc, {"samples/seed-report-2023.txt": SEED.read_text(encoding="utf-8")})
    assert doc["files"][0]["findings"], "the seed holds inconsistencies"
    assert doc["files"][0]["year"] == 2023


def test_seed_english_validates(validator: Draft202012Validator) -> None:
    doc = run_json(str(SEED), "--lang", "en")
    assert_valid(validator, doc)
    zh = run_json(str(SEED))
    en_msgs = [f["message"] for f in doc["files"][0]["findings"]]
    zh_msgs = [f["message"] for f in zh["files"][0]["findings"]]
    assert len(en_msgs) == len(zh_msgs) > 0
    assert all(e != z for e, z in zip(en_msgs, zh_msgs, strict=True))
    # fingerprints do not depend on the message language (baselines survive --lang)
    assert [f["fingerprint"] for f in doc["files"][0]["findings"]] == [
        f["fingerprint"] for f in zh["files"][0]["findings"]
    ]


def test_every_catalogue_example_validates(validator: Draft202012Validator, tmp_path: Path) -> None:
    """All bad and good examples in one run: several files, every check's evidence shape."""
    originals = {}
    for code, rule in rules().items():
        for kind in ("bad", "good"):
            p = tmp_path / f"{code}-{kind}.txt"
            p.write_text(rule.bad if kind == "bad" else rule.good, encoding="utf-8")
            originals[str(p)] = p.read_text(encoding="utf-8")
    doc = run_json(str(tmp_path))
    assert_valid(validator, doc)
    assert_consistent(doc, originals)
    assert len(doc["files"]) == 2 * len(rules())
    fired = {f["rule"] for file in doc["files"] for f in file["findings"]}
    assert len(fired) >= len(rules()) // 2, f"too few checks exercised: {sorted(fired)}"


def test_stdin_and_gb18030_validate(validator: Draft202012Validator, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = run_json("-", stdin=text.encode("utf-8"))
    assert_valid(validator, doc)
    assert doc["files"][0]["path"] == "<stdin>"
    gbk = tmp_path / "seed-gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    doc = run_json(str(gbk))
    assert_valid(validator, doc)
    assert doc["files"][0]["encoding"] == "gb18030"
    assert_consistent(doc, {str(gbk): text})


def test_clean_input_has_empty_findings(validator: Draft202012Validator, tmp_path: Path) -> None:
    p = tmp_path / "clean.txt"
    p.write_text("2023年部门整体支出绩效自评报告\n本单位无其他需要说明的事项。\n", encoding="utf-8")
    doc = run_json(str(p))
    assert_valid(validator, doc)
    assert doc["files"][0]["findings"] == []
    assert doc["summary"]["findings"] == 0


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_pdf_with_pages_validates(validator: Draft202012Validator) -> None:
    pytest.importorskip("pypdfium2_raw")  # the PDF extra
    pytest.importorskip("auditor.io.pdf")
    pdf = min(CORPUS.glob("*.pdf"), key=lambda p: p.stat().st_size)
    doc = run_json(str(pdf))
    assert_valid(validator, doc)
    for f in doc["files"][0]["findings"]:
        assert "page" in f["location"]


def test_docx_table_findings_validate(validator: Draft202012Validator, tmp_path: Path) -> None:
    """Table checks have their own evidence shape (a table title, operands that are cells)."""
    docx = pytest.importorskip("docx")
    pytest.importorskip("auditor.io.docx")
    d = docx.Document()
    d.add_paragraph("2023年部门预算表")
    d.add_paragraph("单位：万元")
    rows = [("项目", "年初预算数", "调整后预算数"), ("基本支出", "100.00", "110.00"),
            ("项目支出", "200.00", "210.00"), ("合计", "300.00", "330.00")]  # fmt: skip
    table = d.add_table(rows=len(rows), cols=3)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, v in zip(row.cells, values, strict=True):
            cell.text = v
    p = tmp_path / "budget.docx"
    d.save(str(p))
    doc = run_json(str(p))
    assert_valid(validator, doc)
    assert_consistent(doc)
    table_findings = [f for f in doc["files"][0]["findings"] if "table" in f["evidence"]]
    assert table_findings, doc["files"][0]["findings"]
    assert any("fact" not in op for f in table_findings for op in f["evidence"]["operands"])


# The schema must be strict: each of these mutations of a valid document is rejected.
def _mutations() -> list[tuple[str, callable]]:
    def finding(d):
        return d["files"][0]["findings"][0]

    def setter(path_fn, key, value):
        return lambda d: path_fn(d).__setitem__(key, value)

    def deleter(path_fn, key):
        return lambda d: path_fn(d).pop(key)

    return [
        ("extra top-level key", setter(lambda d: d, "extra", 1)),
        ("wrong version", setter(lambda d: d, "version", 2)),
        ("extra key in a file", setter(lambda d: d["files"][0], "notes", "")),
        ("extra key in a finding", setter(finding, "confidence", 0.9)),
        ("unknown severity", setter(finding, "severity", "fatal")),
        ("lower-case rule code", setter(finding, "rule", "t001")),
        ("rule code without digits", setter(finding, "rule", "TOTAL")),
        ("short fingerprint", setter(finding, "fingerprint", "abc")),
        ("missing location", deleter(finding, "location")),
        ("line 0", setter(lambda d: finding(d)["location"], "line", 0)),
        ("column as string", setter(lambda d: finding(d)["location"], "column", "3")),
        ("extra key in a location", setter(lambda d: finding(d)["location"], "offset", 5)),
        ("extra key in evidence", setter(lambda d: finding(d)["evidence"], "score", 1)),
        (
            "operand without location",
            deleter(lambda d: finding(d)["evidence"]["operands"][0], "location"),
        ),
        ("expected as a number", setter(lambda d: finding(d)["evidence"], "expected", 1000)),
        ("extra key in summary", setter(lambda d: d["summary"], "time", 0.1)),
        ("negative count", setter(lambda d: d["summary"], "error", -1)),
        ("missing summary field", deleter(lambda d: d["summary"], "suppressed")),
        ("bad sha256", setter(lambda d: d["files"][0], "sha256", "xyz")),
    ]


@pytest.fixture(scope="module")
def seed_doc() -> dict:
    doc = run_json(str(SEED))
    assert doc["files"][0]["findings"][0]["evidence"]["operands"]
    return doc


@pytest.mark.parametrize(("name", "mutate"), _mutations(), ids=[m[0] for m in _mutations()])
def test_schema_rejects(validator: Draft202012Validator, seed_doc: dict, name: str, mutate) -> None:
    doc = copy.deepcopy(seed_doc)
    assert validator.is_valid(doc)
    mutate(doc)
    assert not validator.is_valid(doc), f"schema accepted: {name}"
