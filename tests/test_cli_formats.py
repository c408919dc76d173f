"""The github and junit writers in detail: escaping, and what lands where."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cli_util import CI

from auditor.engine import audit
from auditor.io.load import load_bytes
from auditor.writers import github, junit


def test_github_escapes_data_and_properties():
    assert github.escape_data("50% a\r\nb:c,d") == "50%25 a%0D%0Ab:c,d"
    assert github.escape_property("50% a\r\nb:c,d") == "50%25 a%0D%0Ab%3Ac%2Cd"
    # % first, so an escape is never escaped twice
    assert github.escape_data("%0A") == "%250A"


def test_github_annotation_of_a_file_with_separators_in_its_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b:c.txt").write_bytes((CI / "errors.txt").read_bytes())
    r = audit(load_bytes((tmp_path / "a,b:c.txt").read_bytes(), "a,b:c.txt"))
    r.findings[0].message["zh"] = "第一行\n第二行 100%"
    lines = github.render([r]).splitlines()
    assert lines[0].startswith("::error file=a%2Cb%3Ac.txt,line=4,")
    head, message = lines[0].split("::", 2)[1:]
    assert message.startswith("第一行%0A第二行 100%25")
    assert "\n" not in lines[0] and len(lines) == 3  # two annotations and the summary


def test_github_levels():
    r = audit(load_bytes((CI / "warning.txt").read_bytes(), "w.txt"))
    assert github.render([r]).startswith("::warning file=w.txt")
    from auditor.engine import Options
    from auditor.model import Severity

    r = audit(load_bytes((CI / "warning.txt").read_bytes(), "w.txt"),
              Options(severity={"P001": Severity.INFO}))  # fmt: skip
    assert github.render([r]).startswith("::notice file=w.txt")


def test_github_reports_unreadable_files():
    out = github.render([], errors=["x.txt: binary file, not a report"])
    assert out.splitlines()[0] == "::error title=audit-budget::x.txt: binary file, not a report"


def test_junit_is_well_formed_with_control_characters_in_the_text():
    r = audit(load_bytes((CI / "errors.txt").read_bytes(), "e.txt"))
    r.findings[0].message["zh"] = '表\x0c格 <b> & "q"'
    root = ET.fromstring(junit.render([r]))
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message").startswith('表格 <b> & "q"')
    assert failure.get("type") == "A001"
    suite = root.find("testsuite")
    assert suite.get("tests") == str(len(suite.findall("testcase")))
    assert suite.get("failures") == "2" and root.get("tests") == suite.get("tests")
