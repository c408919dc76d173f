"""The Python API (auditor.api, docs/api.md): every documented call, and the page's examples run."""

from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

import auditor
from auditor import api

ROOT = Path(__file__).resolve().parents[1]
CI = ROOT / "tests" / "data" / "ci"
SEED = ROOT / "samples" / "seed-report-2023.txt"


def test_the_examples_in_docs_api_md_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    res = doctest.testfile(
        str(ROOT / "docs" / "api.md"), module_relative=False, optionflags=flags, verbose=False
    )
    assert res.attempted >= 20 and res.failed == 0


def test_every_name_of_the_api_is_documented_and_re_exported():
    page = (ROOT / "docs" / "api.md").read_text("utf-8")
    for name in api.__all__:
        assert getattr(auditor, name) is getattr(api, name)
        if name[0].islower() or name in ("Coverage", "Options", "Outcome", "InputError"):
            assert re.search(rf"`(auditor\.)?{name}\b", page), name
    assert set(auditor._API) == set(api.__all__)
    with pytest.raises(AttributeError):
        _ = auditor.no_such_name


def test_import_auditor_stays_light():
    code = "import sys, auditor; print(sorted(m for m in sys.modules if m.startswith('auditor')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert json.loads(out.stdout.replace("'", '"')) == ["auditor"]


def test_path_bytes_and_text_give_the_same_findings():
    by_path = auditor.audit_path(str(SEED))
    by_bytes = auditor.audit_bytes(SEED.read_bytes(), str(SEED))
    by_text = auditor.audit_text(SEED.read_text("utf-8"), str(SEED))
    fps = [f.fingerprint for f in by_path.findings]
    assert fps and fps == [f.fingerprint for f in by_bytes.findings]
    assert fps == [f.fingerprint for f in by_text.findings]
    assert by_bytes.document.sha256 == by_path.document.sha256 == by_text.document.sha256
    assert auditor.json_document(by_bytes) == auditor.json_document(by_path)


def test_typed_objects():
    r = auditor.audit_path(str(CI / "errors.txt"))
    assert isinstance(r, auditor.Result) and isinstance(r.document, auditor.Document)
    assert all(isinstance(f, auditor.Finding) for f in r.findings)
    assert all(isinstance(f.severity, auditor.Severity) for f in r.findings)
    assert all(isinstance(x, auditor.Related) for f in r.findings for x in f.related)
    assert all(isinstance(x, auditor.Fact) and isinstance(x.q, auditor.Quantity) for x in r.facts)
    assert isinstance(r.findings[0].span, auditor.Span)
    assert r.year == 2023 and isinstance(r.facts[0].q.value, Decimal)


def test_options_and_options_for(tmp_path):
    (tmp_path / "audit-budget.toml").write_text('ignore = ["A"]\nyear = 2022\n', "utf-8")
    report = tmp_path / "r.txt"
    report.write_bytes((CI / "errors.txt").read_bytes())
    opts = auditor.options_for(str(report))
    assert opts.ignore == ["A"] and opts.year == 2022
    assert [f.rule for f in auditor.audit_path(str(report), opts).findings] == ["T002"]
    assert auditor.options_for(str(report), isolated=True) == auditor.Options()
    other = tmp_path / "other.toml"
    other.write_text('select = ["A"]\n', "utf-8")
    assert auditor.options_for(str(report), config=str(other)).select == ["A"]
    with pytest.raises(auditor.UsageError):
        bad = tmp_path / "bad.toml"
        bad.write_text("nonsense = 1\n", "utf-8")
        auditor.options_for(str(report), config=str(bad))


def test_coverage():
    r = auditor.audit_path(str(SEED))
    c = auditor.coverage(r)
    assert c == auditor.Coverage(len(r.facts), r.figures_checked)
    assert 0 < c.checked <= c.extracted and c.share == c.checked / c.extracted
    assert auditor.Coverage(0, 0).share == 0.0


def test_json_document_is_the_command_lines_and_valid(capsys):
    from auditor.cli import main

    r = auditor.audit_path(str(CI / "errors.txt"))
    doc = auditor.json_document([r], lang="en")
    schema = json.loads((ROOT / "schema" / "findings.schema.json").read_text("utf-8"))
    jsonschema.validate(doc, schema)
    with pytest.raises(SystemExit):
        main([str(CI / "errors.txt"), "--format", "json", "--lang", "en"])
    assert capsys.readouterr().out == json.dumps(doc, ensure_ascii=False) + "\n"
    assert auditor.json_document(r, "en") == doc  # one Result or a list


def test_input_errors_raise():
    with pytest.raises(auditor.InputError, match="empty"):
        auditor.audit_text("   ")
    with pytest.raises(auditor.InputError, match="no such file"):
        auditor.audit_path(str(CI / "missing.txt"))


def test_audit_files_keeps_order_and_failures(tmp_path):
    (tmp_path / "a.txt").write_bytes((CI / "errors.txt").read_bytes())
    (tmp_path / "b.txt").write_bytes(b"\x00\x01" * 40)
    (tmp_path / "c.txt").write_bytes((CI / "warning.txt").read_bytes())
    outs = auditor.audit_files([str(tmp_path)], auditor.Options(select=["A"]), jobs=2)
    assert [Path(o.path).name for o in outs] == ["a.txt", "b.txt", "c.txt"]
    assert [f.rule for f in outs[0].result.findings] == ["A001"]
    assert outs[1].result is None and "binary" in outs[1].error
    assert outs[2].result.findings == []  # P001 is not selected
