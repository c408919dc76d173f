"""Baselines: fingerprints that survive moved text, suppression, stale entries, review exports."""

from __future__ import annotations

import json

import pytest
from cli_util import CI, copy_fixtures, run_cli

from auditor import baseline as bl
from auditor.engine import audit
from auditor.io.load import load_bytes

ERRORS = (CI / "errors.txt").read_text("utf-8")


def fingerprints(text: str) -> dict[str, str]:
    r = audit(load_bytes(text.encode("utf-8"), "r.txt"))
    return {f.rule: f.fingerprint for f in r.findings}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


# --- fingerprints ----------------------------------------------------------------------------


def test_fingerprints_survive_text_that_moves():
    before = fingerprints(ERRORS)
    assert set(before) == {"A001", "T002"}
    moved = ERRORS.replace(
        "一、预算情况\n",
        "说明：本报告依据有关规定编制，内容如下。\n\n一、预算情况\n本部分说明预算执行情况。\n",
    ).replace("二、人员情况\n", "二、人员情况\n（本节按年末实有数填列。）\n\n")
    assert moved != ERRORS
    after = audit(load_bytes(moved.encode("utf-8"), "r.txt"))
    assert {f.rule: f.fingerprint for f in after.findings} == before
    # the findings did move
    lines = {f.rule: after.document.position(f.span.start).line for f in after.findings}
    assert lines != {"A001": 4, "T002": 7}


def test_fingerprints_change_when_a_figure_involved_changes():
    before = fingerprints(ERRORS)
    after = fingerprints(ERRORS.replace("调整后预算数7405.5万元", "调整后预算数7405.6万元"))
    assert after["A001"] != before["A001"]
    assert after["T002"] == before["T002"]  # a figure it does not involve
    after = fingerprints(ERRORS.replace("事业编制7人", "事业编制8人"))
    assert after["T002"] != before["T002"] and after["A001"] == before["A001"]


# --- write, suppress, stale ------------------------------------------------------------------


def test_write_then_suppress(capsys, tmp_path):
    copy_fixtures(tmp_path, "errors.txt", "warning.txt")
    w = run_cli(capsys, "errors.txt", "warning.txt", "--write-baseline", "baseline.json", "-j", "1")
    assert w.code == 0 and "wrote 3 finding" in w.err
    doc = json.loads((tmp_path / "baseline.json").read_text("utf-8"))
    assert doc["version"] == 1 and doc["tool"] == "audit-budget"
    assert [(e["rule"], e["path"], e["status"]) for e in doc["entries"]] == [
        ("A001", "errors.txt", "accepted"), ("T002", "errors.txt", "accepted"),
        ("P001", "warning.txt", "accepted"),
    ]  # fmt: skip
    assert all(len(e["fingerprint"]) == 16 and e["document_sha256"] for e in doc["entries"])

    r = run_cli(capsys, "errors.txt", "warning.txt", "--baseline", "baseline.json",
                "--format", "json", "-j", "1")  # fmt: skip
    assert r.code == 0 and r.err == ""
    out = json.loads(r.out)
    assert out["summary"]["findings"] == 0 and out["summary"]["suppressed"] == 3
    text = run_cli(capsys, "errors.txt", "--baseline", "baseline.json", "--lang", "en").out
    assert "2 suppressed by the baseline" in text


def test_new_findings_still_fail_and_stale_entries_are_listed(capsys, tmp_path):
    (src,) = copy_fixtures(tmp_path, "errors.txt")
    assert run_cli(capsys, src, "--write-baseline", "b.json").code == 0
    # fix T002, break A001 differently: one stale entry, one new finding
    src.write_text(ERRORS.replace("事业编制7人", "事业编制5人").replace("7405.5", "7400"), "utf-8")
    r = run_cli(capsys, src, "--baseline", "b.json", "--format", "concise")
    assert r.code == 1
    assert " A001 " in r.out and " T002 " not in r.out
    assert "2 baseline entries no longer match" in r.err
    assert r.err.count("\n  A001 ") == 1 and r.err.count("\n  T002 ") == 1


def test_entries_for_files_outside_the_run_are_not_stale(capsys, tmp_path):
    copy_fixtures(tmp_path, "errors.txt", "warning.txt")
    run_cli(capsys, "errors.txt", "warning.txt", "--write-baseline", "b.json", "-j", "1")
    r = run_cli(capsys, "warning.txt", "--baseline", "b.json")
    assert r.code == 0 and r.err == ""
    # nor entries of checks this run did not select
    r = run_cli(capsys, "errors.txt", "--baseline", "b.json", "--select", "A")
    assert r.code == 0 and r.err == ""


def test_suppression_ignores_the_path(capsys, tmp_path):
    copy_fixtures(tmp_path, "errors.txt")
    run_cli(capsys, "errors.txt", "--write-baseline", "b.json")
    copy_fixtures(tmp_path / "moved", "errors.txt")
    r = run_cli(capsys, "moved/errors.txt", "--baseline", "b.json")
    assert r.code == 0


def review_export(entries: list[dict]) -> dict:
    return {"version": 1, "tool": "audit-budget", "entries": entries}


def test_html_review_export_is_a_baseline(capsys, tmp_path):
    (src,) = copy_fixtures(tmp_path, "errors.txt")
    fps = fingerprints(ERRORS)
    entries = [
        {"fingerprint": fps["A001"], "rule": "A001", "path": "elsewhere/errors.txt",
         "status": "dismissed", "note": "调整后预算数以批复为准", "message": "…"},
        {"fingerprint": fps["T002"], "rule": "T002", "path": "errors.txt",
         "status": "confirmed", "note": "", "message": "…", "document_sha256": "ab" * 32},
    ]  # fmt: skip
    (tmp_path / "review.json").write_text(json.dumps(review_export(entries)), "utf-8")
    r = run_cli(capsys, src, "--baseline", "review.json", "--format", "json")
    assert r.code == 1  # the confirmed finding is still a failure
    out = json.loads(r.out)
    assert [f["rule"] for f in out["files"][0]["findings"]] == ["T002"]
    assert out["summary"]["suppressed"] == 1
    for status in ("follow-up", "accepted"):
        entries[1]["status"] = status
        (tmp_path / "review.json").write_text(json.dumps(review_export(entries)), "utf-8")
        code = run_cli(capsys, src, "--baseline", "review.json").code
        assert code == (1 if status == "follow-up" else 0)


def test_rewriting_a_baseline_keeps_review_notes(capsys, tmp_path):
    (src,) = copy_fixtures(tmp_path, "errors.txt")
    fps = fingerprints(ERRORS)
    old = review_export([
        {"fingerprint": fps["A001"], "rule": "A001", "path": "errors.txt", "status": "dismissed",
         "note": "已核实", "message": ""},
        {"fingerprint": "0" * 16, "rule": "T001", "path": "errors.txt", "status": "accepted",
         "note": "", "message": ""},
    ])  # fmt: skip
    (tmp_path / "b.json").write_text(json.dumps(old), "utf-8")
    r = run_cli(capsys, src, "--baseline", "b.json", "--write-baseline", "b.json")
    assert r.code == 0
    new = {e["rule"]: e for e in json.loads((tmp_path / "b.json").read_text("utf-8"))["entries"]}
    assert set(new) == {"A001", "T002"}  # the entry matching nothing is dropped
    assert new["A001"]["status"] == "dismissed" and new["A001"]["note"] == "已核实"
    assert new["T002"]["status"] == "accepted"


@pytest.mark.parametrize(
    "content, words",
    [
        ("{", "invalid JSON"),
        ("[]", "'entries'"),
        ('{"tool": "eslint", "entries": []}', "not an audit-budget baseline"),
        ('{"version": 2, "entries": []}', "version 2"),
        ('{"entries": [{"fingerprint": "xyz", "rule": "A001"}]}', "entries[0]: 'fingerprint'"),
        ('{"entries": [{"fingerprint": "0123456789abcdef"}]}', "entries[0]: 'rule'"),
        (
            '{"entries": [{"fingerprint": "0123456789abcdef", "rule": "A001", "status": "ok"}]}',
            "entries[0]: 'status'",
        ),
        (
            '{"entries": [{"fingerprint": "0123456789abcdef", "rule": "A001", "note": 3}]}',
            "entries[0]: 'note'",
        ),
    ],
)
def test_bad_baseline_is_exit_2(capsys, tmp_path, content, words):
    copy_fixtures(tmp_path, "clean.txt")
    (tmp_path / "b.json").write_text(content, "utf-8")
    r = run_cli(capsys, "clean.txt", "--baseline", "b.json")
    assert r.code == 2 and words in r.err and r.err.count("\n") == 1


def test_apply_counts_per_result():
    r = audit(load_bytes(ERRORS.encode("utf-8"), "r.txt"))
    b = bl.Baseline("b", [bl.Entry(r.findings[0].fingerprint, r.findings[0].rule)])
    applied = bl.apply(b, [r])
    assert applied.suppressed == r.suppressed == 1 and len(r.findings) == 1 and not applied.stale
    # same fingerprint under another rule does not match
    r2 = audit(load_bytes(ERRORS.encode("utf-8"), "r.txt"))
    b = bl.Baseline("b", [bl.Entry(r2.findings[0].fingerprint, "Z999")])
    assert bl.apply(b, [r2]).suppressed == 0


def test_in_scope_by_path_or_by_content():
    r = audit(load_bytes(ERRORS.encode("utf-8"), "reports/a.txt"))
    judged = bl.in_scope([r], [{"A001", "T002"}])
    assert judged(bl.Entry("0" * 16, "A001", path="reports/../reports/a.txt"))
    assert judged(bl.Entry("0" * 16, "A001", path="moved.txt", document_sha256=r.document.sha256))
    assert not judged(bl.Entry("0" * 16, "A001", path="other.txt", document_sha256="ab" * 32))
    assert not judged(bl.Entry("0" * 16, "G001", path="reports/a.txt"))  # check not enabled
