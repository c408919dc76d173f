"""The command line: every exit status, every format, -o, stdin, --export, --jobs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from cli_util import CI, copy_fixtures, run_cli

ERRORS, WARNING, CLEAN = CI / "errors.txt", CI / "warning.txt", CI / "clean.txt"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no configuration file above a pytest tmp dir
    monkeypatch.delenv("CI", raising=False)


# --- exit statuses ---------------------------------------------------------------------------


def test_exit_0_when_clean(capsys):
    r = run_cli(capsys, CLEAN)
    assert r.code == 0, r.err
    assert r.err == ""


def test_exit_1_on_errors(capsys):
    r = run_cli(capsys, ERRORS, "--format", "concise")
    assert r.code == 1
    assert " A001 " in r.out and " T002 " in r.out


def test_warnings_fail_by_default_and_fail_on_moves_the_threshold(capsys):
    assert run_cli(capsys, WARNING).code == 1
    assert run_cli(capsys, WARNING, "--fail-on", "error").code == 0
    assert run_cli(capsys, WARNING, "--fail-on", "info").code == 1
    assert run_cli(capsys, ERRORS, "--fail-on", "never").code == 0
    assert run_cli(capsys, ERRORS, "--fail-on", "error").code == 1


def test_exit_zero(capsys):
    r = run_cli(capsys, ERRORS, "--exit-zero", "--format", "concise")
    assert r.code == 0
    assert "A001" in r.out


def test_info_findings_pass_unless_fail_on_info(capsys):
    assert run_cli(capsys, WARNING, "--severity", "P001=info").code == 0
    assert run_cli(capsys, WARNING, "--severity", "P001=info", "--fail-on", "info").code == 1


@pytest.mark.parametrize(
    "args, words",
    [
        ([], "no input"),
        (["missing.txt"], "missing.txt: no such file"),
        ([str(CLEAN), "--format", "xml"], "--format"),
        ([str(CLEAN), "--no-such-option"], "no-such-option"),
        ([str(CLEAN), "--select", "Z9"], "'Z9'"),
        ([str(CLEAN), "--ignore", "T001,Y"], "'Y'"),
        ([str(CLEAN), "--severity", "T001=fatal"], "T001"),
        ([str(CLEAN), "--severity", "T001"], "CODE=LEVEL"),
        ([str(CLEAN), "--jobs", "0"], "--jobs"),
        (["nothing-here-*.txt"], "no file matches"),
        (["--explain", "Z999"], "Z999"),
        ([str(CLEAN), "--export", "out.json"], ".csv, .xlsx or .parquet"),
        ([str(CLEAN), "--baseline", "missing.json"], "missing.json"),
        ([str(CLEAN), "--config", "missing.toml"], "missing.toml"),
    ],
)
def test_exit_2_one_line_no_traceback(capsys, args, words):
    r = run_cli(capsys, *args)
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("audit-budget: error: ")
    assert words in lines[0]
    assert "Traceback" not in r.err


def test_unreadable_file_reported_at_the_end_without_losing_the_others(capsys, tmp_path):
    good = copy_fixtures(tmp_path, "errors.txt")[0]
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02 not a report")
    r = run_cli(capsys, good, bad, "missing.txt", "--format", "json", "-j", "1")
    assert r.code == 2
    doc = json.loads(r.out)
    assert [f["path"] for f in doc["files"]] == [str(good)]
    assert {f["rule"] for f in doc["files"][0]["findings"]} == {"A001", "T002"}
    assert "binary.txt" in r.err and "missing.txt" in r.err


def test_real_process_exit_statuses(tmp_path):
    """The console script itself, once: statuses survive the process boundary, no traceback."""
    cmd = [sys.executable, "-m", "auditor"]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    codes = []
    for path in (CLEAN, ERRORS, tmp_path / "missing.txt"):
        p = subprocess.run([*cmd, str(path)], capture_output=True, text=True, env=env, cwd=tmp_path)
        codes.append(p.returncode)
        assert "Traceback" not in p.stderr
    assert codes == [0, 1, 2]


# --- formats -----------------------------------------------------------------------------------


def test_full_and_concise(capsys):
    full = run_cli(capsys, ERRORS).out
    assert "年初预算数 + 调整数" in full and "^" in full and "核算" in full
    concise = run_cli(capsys, ERRORS, "--format", "concise", "--lang", "en").out.splitlines()
    assert concise[0].startswith(f"{ERRORS}:4:")
    assert concise[-1].startswith("2 findings (2 errors")


def test_json(capsys):
    doc = json.loads(run_cli(capsys, ERRORS, WARNING, "--format", "json", "-j", "1").out)
    assert [f["path"] for f in doc["files"]] == [str(ERRORS), str(WARNING)]
    assert doc["summary"]["error"] == 2 and doc["summary"]["warning"] == 1


def test_sarif_format(capsys):
    log = json.loads(run_cli(capsys, ERRORS, "--format", "sarif").out)
    assert log["version"] == "2.1.0"
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"A001", "T002"}


def test_github_format(capsys, tmp_path):
    src = copy_fixtures(tmp_path, "errors.txt")[0]
    out = run_cli(capsys, "errors.txt", "--format", "github").out.splitlines()
    ann = [line for line in out if line.startswith("::")]
    assert len(ann) == 2
    assert ann[0].startswith("::error file=errors.txt,line=4,col=38,endLine=4,endColumn=")
    assert ",title=A001 adjustment-identity::" in ann[0]
    assert src.exists()


def test_junit_format(capsys):
    xml = run_cli(capsys, ERRORS, WARNING, "--format", "junit", "--fail-on", "error", "-j", "1").out
    root = ET.fromstring(xml)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(ERRORS), str(WARNING)]
    cases = {c.get("name").split()[0]: c for c in suites[0].findall("testcase")}
    assert cases["A001"].find("failure") is not None
    assert cases["T002"].find("failure") is not None
    assert cases["R001"].find("failure") is None
    # below --fail-on: the warning is reported but does not fail its testcase
    p001 = {c.get("name").split()[0]: c for c in suites[1].findall("testcase")}["P001"]
    assert p001.find("failure") is None
    assert "warning" in p001.findtext("system-out") and "2022" in p001.findtext("system-out")
    assert root.get("failures") == "2"


def test_junit_marks_unselected_checks_skipped_and_unreadable_files_as_errors(capsys, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    r = run_cli(capsys, ERRORS, "bad.txt", "--format", "junit", "--select", "A", "-j", "1")
    assert r.code == 2
    root = ET.fromstring(r.out)
    first = root.findall("testsuite")[0]
    skipped = [
        c.get("name").split()[0] for c in first.findall("testcase") if c.find("skipped") is not None
    ]
    assert "T002" in skipped and "A001" not in skipped
    assert root.get("errors") == "1"
    assert "bad.txt" in root.findall("testsuite")[1].find("testcase/error").get("message")


# --- output files ------------------------------------------------------------------------------


def test_output_file_written_atomically(capsys, tmp_path):
    r = run_cli(capsys, ERRORS, "--format", "json", "-o", "out/findings.json")
    assert r.code == 1 and r.out == ""
    assert json.loads((tmp_path / "out" / "findings.json").read_text("utf-8"))["files"]
    assert sorted(os.listdir(tmp_path / "out")) == ["findings.json"]  # no temporary left behind


def test_output_refuses_to_overwrite_an_input(capsys, tmp_path):
    src = copy_fixtures(tmp_path, "errors.txt")[0]
    before = src.read_bytes()
    r = run_cli(capsys, src, "-o", src)
    assert r.code == 2 and "input" in r.err
    assert src.read_bytes() == before


def test_stdin(capsys, monkeypatch):
    r = run_cli(
        capsys, "-", "--format", "concise", stdin=ERRORS.read_bytes(), monkeypatch=monkeypatch
    )
    assert r.code == 1
    assert r.out.startswith("<stdin>:4:")


def test_list_rules_and_explain(capsys):
    r = run_cli(capsys, "--list-rules")
    assert r.code == 0 and r.out.startswith("A001")
    r = run_cli(capsys, "--explain", "t001", "--lang", "en")
    assert r.code == 0 and "breakdown-sum" in r.out


def test_export_csv_with_facts(capsys, tmp_path):
    import csv

    r = run_cli(capsys, ERRORS, "--export", "x/findings.csv")
    assert r.code == 1
    raw = (tmp_path / "x" / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to show Chinese
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [row["rule"] for row in rows] == ["A001", "T002"]
    assert rows[0]["line"] == "4" and rows[0]["formula"]
    facts = list(
        csv.DictReader((tmp_path / "x" / "findings.facts.csv").read_text("utf-8-sig").splitlines())
    )
    assert len(facts) == 6
    assert {f["raw"] for f in facts} >= {"1000万元", "7405.5万元"}
    assert any("A001" in f["checked_by"] for f in facts)


def test_export_xlsx(capsys, tmp_path):
    import openpyxl

    assert run_cli(capsys, ERRORS, WARNING, "--export", "findings.xlsx", "-j", "1").code == 1
    wb = openpyxl.load_workbook(tmp_path / "findings.xlsx")
    assert wb.sheetnames == ["findings", "facts"]
    rules = [row[1] for row in wb["findings"].iter_rows(min_row=2, values_only=True)]
    assert rules == ["A001", "T002", "P001"]
    assert wb["facts"].max_row == 1 + 6 + 2


def test_export_neutralises_formulas_from_report_text(tmp_path):
    """Report text is untrusted: a cell must never become a spreadsheet formula."""
    import csv

    import openpyxl

    from auditor.engine import audit
    from auditor.io.load import load_bytes
    from auditor.writers.export import render

    r = audit(load_bytes(ERRORS.read_bytes(), str(ERRORS)))
    r.findings[0].message["zh"] = '=HYPERLINK("http://x")'
    files = render([r], str(tmp_path / "f.xlsx")) | render([r], str(tmp_path / "f.csv"))
    for path, data in files.items():
        (tmp_path / path).write_bytes(data)
    cell = openpyxl.load_workbook(tmp_path / "f.xlsx")["findings"]["E2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    row = next(csv.DictReader((tmp_path / "f.csv").read_text("utf-8-sig").splitlines()))
    assert row["message"].startswith("'=")


# --- batches -----------------------------------------------------------------------------------


def test_jobs_do_not_change_the_output(capsys, tmp_path):
    for i in range(6):
        d = tmp_path / "reports" / f"d{i % 2}"
        d.mkdir(parents=True, exist_ok=True)
        shutil.copy(ERRORS, d / f"{i}-errors.txt")
        shutil.copy(CLEAN, d / f"{i}-clean.txt")
    one = run_cli(capsys, "reports", "--format", "json", "-j", "1")
    two = run_cli(capsys, "reports", "--format", "json", "-j", "2")
    assert one.code == two.code == 1
    assert one.out == two.out
    paths = [f["path"] for f in json.loads(one.out)["files"]]
    assert paths == sorted(paths) and len(paths) == 12


def test_directories_and_globs(capsys, tmp_path):
    copy_fixtures(tmp_path / "a", "errors.txt", "clean.txt")
    copy_fixtures(tmp_path / "b", "warning.txt")
    (tmp_path / "a" / "notes.csv").write_text("x", "utf-8")
    doc = json.loads(run_cli(capsys, "b", "a/*.txt", "--format", "json", "-j", "1").out)
    assert [f["path"] for f in doc["files"]] == [
        os.path.join("b", "warning.txt"),
        "a/clean.txt",
        "a/errors.txt",
    ]


def test_no_progress_bar_when_stderr_is_not_a_tty(capsys, tmp_path):
    copy_fixtures(tmp_path)
    r = run_cli(capsys, ".", "--format", "concise", "-j", "1")
    assert r.err == ""


def test_export_without_pandas_is_a_usage_error(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas → ImportError
    r = run_cli(capsys, ERRORS, "--export", "f.csv")
    assert r.code == 2
    assert "pip install 'audit-budget[export]'" in r.err and "Traceback" not in r.err


def test_output_dash_is_stdout(tmp_path, monkeypatch):
    """`-o -` writes to standard output, not to a file named '-'."""
    import subprocess
    import sys

    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.txt").write_text(
        "年初预算数100万元，调整数20万元，调整后预算数130万元。", encoding="utf-8"
    )
    r = subprocess.run(
        [sys.executable, "-m", "auditor", "r.txt", "--format", "concise", "-o", "-"],
        capture_output=True,
        text=True,
    )
    assert "A001" in r.stdout and r.returncode == 1
    assert not (tmp_path / "-").exists()


def test_path_options_convert_as_click_path(tmp_path):
    """The path options' type (cli._Path, which makes its click.Path on first use) converts,
    fails and names itself in the help as the click.Path it stands for."""
    import click

    from auditor.cli import _Path, command

    typed = [p for p in command.params if isinstance(p.type, _Path)]
    assert {p.name for p in typed} == {
        "output", "html_out", "export_out", "config_file", "baseline_file", "write_baseline",
    }  # fmt: skip
    f = tmp_path / "out.json"
    for p in typed:
        ref = click.Path(**p.type._kwargs)
        assert p.type.name == ref.name
        assert p.type.convert(str(f), p, None) == ref.convert(str(f), p, None)
    f.write_text("{}", encoding="utf-8")
    locked = tmp_path / "locked.json"
    locked.write_text("{}", encoding="utf-8")
    locked.chmod(0)
    for p in typed:
        ref = click.Path(**p.type._kwargs)
        for value in (str(tmp_path), "-", str(f), str(locked), str(tmp_path / "none" / "x")):
            try:
                want = ref.convert(value, p, None)
            except click.BadParameter as e:
                with pytest.raises(click.BadParameter) as got:
                    p.type.convert(value, p, None)
                assert got.value.format_message() == e.format_message()
            else:
                assert p.type.convert(value, p, None) == want
    with click.Context(command) as ctx:
        help_text = command.get_help(ctx)
    assert "-o, --output FILE" in help_text and "--html PATH" in help_text
