"""--format sarif validates against the official SARIF 2.1.0 schema and carries what dashboards use."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from cli_util import CI, DATA, copy_fixtures, run_cli
from pdf_corpus import corpus_dir

from auditor.catalogue import rules
from auditor.engine import audit
from auditor.io.load import load_bytes
from auditor.model import Finding, Severity
from auditor.writers import sarif

SCHEMA = json.loads((DATA / "sarif-2.1.0.json").read_text("utf-8"))
SEED = Path(__file__).resolve().parents[1] / "samples" / "seed-report-2023.txt"


def validate(log: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


@pytest.fixture
def log(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    copy_fixtures(tmp_path / "reports", "errors.txt", "warning.txt")
    r = run_cli(capsys, "reports", "--format", "sarif", "-j", "1")
    assert r.code == 1
    return json.loads(r.out)


def test_valid_against_the_official_schema(log):
    validate(log)


def test_the_schema_check_can_fail(log):
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate(log)


def test_seed_report_and_an_input_error_validate(tmp_path):
    doc = audit(load_bytes(SEED.read_bytes(), str(SEED)))
    out = json.loads(sarif.render([doc], lang="en", errors=["x.txt: no such file"]))
    validate(out)
    inv = out["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["message"]["text"] == "x.txt: no such file"


def test_rules_are_the_catalogue(log):
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == list(rules())
    t001 = next(r for r in driver["rules"] if r["id"] == "T001")
    assert t001["name"] == "breakdown-sum"
    assert t001["shortDescription"]["text"] == rules()["T001"].summary["zh"]
    assert t001["fullDescription"]["text"] == rules()["T001"].rationale["zh"]
    assert rules()["T001"].bad in t001["help"]["text"]
    assert t001["defaultConfiguration"]["level"] == "error"
    for res in log["runs"][0]["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]


def test_results_locations_levels_fingerprints(log, capsys):
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert by_rule["A001"]["level"] == "error" and by_rule["P001"]["level"] == "warning"
    loc = by_rule["A001"]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {
        "uri": "reports/errors.txt",
        "uriBaseId": "%SRCROOT%",
        "index": 0,
    }
    assert loc["region"]["startLine"] == 4 and loc["region"]["startColumn"] == 38
    assert loc["region"]["snippet"]["text"] == "7405.5万元"
    # every other figure involved is a related location, named by its role
    related = by_rule["A001"]["relatedLocations"]
    assert {x["physicalLocation"]["region"]["snippet"]["text"] for x in related} == {
        "1000万元",
        "8405.5万元",
    }
    assert all(x["message"]["text"] for x in related)
    assert len({x["id"] for x in related}) == len(related)
    json_out = json.loads(run_cli(capsys, "reports/errors.txt", "--format", "json").out)
    fps = {f["rule"]: f["fingerprint"] for f in json_out["files"][0]["findings"]}
    assert by_rule["A001"]["partialFingerprints"] == {"auditBudget/v1": fps["A001"]}


def test_info_maps_to_note(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run_cli(capsys, CI / "warning.txt", "--format", "sarif", "--severity", "P001=info")
    assert json.loads(r.out)["runs"][0]["results"][0]["level"] == "note"


def test_paths_are_relative_and_percent_encoded(tmp_path):
    (tmp_path / "预算 报告").mkdir()
    assert sarif.artifact_location(str(tmp_path / "预算 报告" / "a#1.txt"), str(tmp_path)) == {
        "uri": "%E9%A2%84%E7%AE%97%20%E6%8A%A5%E5%91%8A/a%231.txt",
        "uriBaseId": "%SRCROOT%",
    }
    outside = sarif.artifact_location("/elsewhere/a.txt", str(tmp_path))
    assert outside == {"uri": "file:///elsewhere/a.txt"}


CORPUS = corpus_dir() or Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_pdf_findings_validate_with_pages(tmp_path, monkeypatch):
    pytest.importorskip("pypdfium2_raw")  # the PDF extra
    from auditor.io import load_path

    monkeypatch.chdir(tmp_path)
    pdf = min(CORPUS.glob("*.pdf"), key=lambda p: p.stat().st_size)
    r = audit(load_path(str(pdf)))
    # whatever the checks find in it, one finding on a figure of the last page
    fact = r.facts[-1]
    r.findings.append(
        Finding("T001", Severity.ERROR, {"zh": "x", "en": "x"}, fact.span, fingerprint="0" * 16)
    )
    log = json.loads(sarif.render([r]))
    validate(log)
    art = log["runs"][0]["artifacts"][0]
    assert art["mimeType"] == "application/pdf" and "encoding" not in art
    assert art["location"]["uri"].startswith("file:///")  # outside the working directory
    pages = [res["properties"]["page"] for res in log["runs"][0]["results"]]
    assert pages and pages[-1] == r.document.position(fact.span.start).page > 1
