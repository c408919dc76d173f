"""Configuration: discovery by walking up, validation (exit 2 naming the key), precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_util import copy_fixtures, run_cli

from auditor import config
from auditor.errors import UsageError


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config.clear_cache()


def rules_found(capsys, *args) -> list[str]:
    r = run_cli(capsys, *args, "--format", "json", "-j", "1")
    assert r.code in (0, 1), r.err
    return [f["rule"] for file in json.loads(r.out)["files"] for f in file["findings"]]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


# --- discovery -------------------------------------------------------------------------------


def test_pyproject_found_by_walking_up_from_the_input(capsys, tmp_path):
    write(tmp_path / "proj" / "pyproject.toml", '[tool.audit-budget]\nignore = ["T002"]\n')
    (src,) = copy_fixtures(tmp_path / "proj" / "reports" / "2023", "errors.txt")
    assert rules_found(capsys, src) == ["A001"]


def test_pyproject_without_our_table_is_passed_over(capsys, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.audit-budget]\nignore = ["A001"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    (src,) = copy_fixtures(tmp_path / "sub", "errors.txt")
    assert rules_found(capsys, src) == ["T002"]


def test_audit_budget_toml_wins_over_pyproject_in_the_same_directory(capsys, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.audit-budget]\nignore = ["A001"]\n')
    write(tmp_path / "audit-budget.toml", 'ignore = ["T002"]\n')
    (src,) = copy_fixtures(tmp_path, "errors.txt")
    assert rules_found(capsys, src) == ["A001"]


def test_each_file_gets_its_closest_configuration(capsys, tmp_path):
    write(tmp_path / "a" / "audit-budget.toml", 'ignore = ["A001"]\n')
    write(tmp_path / "b" / "audit-budget.toml", 'ignore = ["T002"]\n')
    copy_fixtures(tmp_path / "a", "errors.txt")
    copy_fixtures(tmp_path / "b", "errors.txt")
    assert rules_found(capsys, "a", "b") == ["T002", "A001"]


def test_config_option_overrides_the_search(capsys, tmp_path):
    write(tmp_path / "audit-budget.toml", 'ignore = ["T002"]\n')
    write(tmp_path / "ci" / "strict.toml", 'select = ["T"]\n')
    (src,) = copy_fixtures(tmp_path, "errors.txt")
    assert rules_found(capsys, src, "--config", "ci/strict.toml") == ["T002"]
    write(tmp_path / "other" / "pyproject.toml", '[tool.audit-budget]\nselect = ["A"]\n')
    assert rules_found(capsys, src, "--config", "other/pyproject.toml") == ["A001"]
    assert rules_found(capsys, src, "--isolated") == ["A001", "T002"]


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "toml, named",
    [
        ('selct = ["T"]\n', "'selct'"),
        ('select = "T001"\n', "'select'"),
        ('select = ["X1"]\n', "'X1'"),
        ("ignore = [1]\n", "'ignore'"),
        ('fail-on = "fatal"\n', "'fail-on'"),
        ('year = "2023"\n', "'year'"),
        ("year = 23\n", "'year'"),
        ('[severity]\nT001 = "critical"\n', "'severity.T001'"),
        ('[severity]\nY001 = "info"\n', "'Y001'"),
        ('[per-file-ignores]\n"*.txt" = ["NOPE"]\n', "'NOPE'"),
        ('per-file-ignores = ["T001"]\n', "'per-file-ignores'"),
        ("[tolerances]\nmoney = -1\n", "'tolerances.money'"),
        ('[tolerances]\nmoney = "lots"\n', "'tolerances.money'"),
        ("[tolerances]\nfurlongs = 1\n", "'tolerances.furlongs'"),
        ('[synonyms]\n"budget.nope" = ["x"]\n', "'synonyms.budget.nope'"),
        ('[synonyms]\n"budget.initial" = "年初核定数"\n', "'synonyms.budget.initial'"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_unknown_key_or_bad_value_is_exit_2_naming_the_key(capsys, tmp_path, toml, named):
    write(tmp_path / "audit-budget.toml", toml)
    (src,) = copy_fixtures(tmp_path, "clean.txt")
    r = run_cli(capsys, src)
    assert r.code == 2
    assert r.err.count("\n") == 1 and r.err.startswith("audit-budget: error: ")
    assert named in r.err and "audit-budget.toml" in r.err


def test_broken_config_also_stops_show_config(capsys, tmp_path):
    write(tmp_path / "audit-budget.toml", 'colour = "yes"\n')
    r = run_cli(capsys, "--show-config")
    assert r.code == 2 and "'colour'" in r.err


def test_pyproject_given_with_config_must_have_our_table(capsys, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    r = run_cli(capsys, "--config", "pyproject.toml", "--show-config")
    assert r.code == 2 and "[tool.audit-budget]" in r.err


# --- what the keys do, and precedence ---------------------------------------------------------


def test_per_file_ignores(capsys, tmp_path):
    write(
        tmp_path / "audit-budget.toml",
        '[per-file-ignores]\n"legacy/**" = ["A"]\n"warning.txt" = ["P001"]\n',
    )
    copy_fixtures(tmp_path / "legacy" / "old", "errors.txt")
    copy_fixtures(tmp_path / "new", "errors.txt", "warning.txt")
    assert rules_found(capsys, "legacy", "new") == ["T002", "A001", "T002"]


def test_severity_override_and_fail_on_from_the_file(capsys, tmp_path):
    (src,) = copy_fixtures(tmp_path, "warning.txt")
    write(tmp_path / "audit-budget.toml", '[severity]\nP = "info"\n')
    r = run_cli(capsys, src, "--format", "json")
    assert r.code == 0
    assert json.loads(r.out)["files"][0]["findings"][0]["severity"] == "info"
    write(tmp_path / "audit-budget.toml", 'fail-on = "error"\n')
    assert run_cli(capsys, src).code == 0
    assert run_cli(capsys, src, "--fail-on", "warning").code == 1  # the flag wins


def test_command_line_select_replaces_the_file_selection_and_ignore_adds(capsys, tmp_path):
    write(tmp_path / "audit-budget.toml", 'select = ["A"]\nignore = ["T002"]\n')
    (src,) = copy_fixtures(tmp_path, "errors.txt")
    assert rules_found(capsys, src) == ["A001"]
    assert rules_found(capsys, src, "--select", "T002") == ["T002"]
    assert rules_found(capsys, src, "--ignore", "A001") == []


def test_cli_severity_beats_the_file(capsys, tmp_path):
    write(tmp_path / "audit-budget.toml", '[severity]\nP001 = "info"\n')
    (src,) = copy_fixtures(tmp_path, "warning.txt")
    assert run_cli(capsys, src).code == 0
    assert run_cli(capsys, src, "--severity", "P001=error").code == 1


def test_year_and_synonyms_reach_the_audit(capsys, tmp_path):
    (src,) = copy_fixtures(tmp_path, "warning.txt")  # a 2023 report stating 2022 figures
    assert rules_found(capsys, src) == ["P001"]
    write(tmp_path / "audit-budget.toml", "year = 2022\n")
    assert rules_found(capsys, src) == []
    assert rules_found(capsys, src, "--year", "2023") == ["P001"]  # the flag wins

    text = "部门整体支出年初核定数为1000万元，调整数8405.5万元，调整后预算数7405.5万元。\n"
    write(tmp_path / "syn.txt", text)
    write(tmp_path / "audit-budget.toml", '[synonyms]\n"budget.initial" = ["年初核定数"]\n')
    assert "A001" in rules_found(capsys, "syn.txt")
    assert "A001" not in rules_found(capsys, "syn.txt", "--isolated")


def test_tolerances_are_passed_to_the_engine(tmp_path):
    write(tmp_path / "audit-budget.toml", '[tolerances]\nmoney = 0.5\npercent = "0.01"\n')
    s = config.for_path(str(tmp_path / "r.txt"))
    opts = config.options(s, str(tmp_path / "r.txt"))
    assert {k: str(v) for k, v in opts.tolerances.items()} == {"money": "0.5", "percent": "0.01"}


def test_show_config(capsys, tmp_path):
    write(tmp_path / "pyproject.toml",
          '[tool.audit-budget]\nignore = ["D"]\nfail-on = "error"\n[tool.audit-budget.severity]\nS001 = "warning"\n')  # fmt: skip
    r = run_cli(capsys, "--show-config", "--select", "S,D,T001")
    assert r.code == 0
    assert f"# configuration file: {tmp_path / 'pyproject.toml'}" in r.out
    assert "# checks enabled: D001 S001 S002 T001" in r.out  # the flag's select replaced the file's
    assert 'fail-on = "error"' in r.out and 'S001 = "warning"' in r.out
    # what it prints is itself a valid configuration
    import tomllib

    shown = tomllib.loads(r.out)["tool"]["audit-budget"]
    config.parse(shown, "shown", ".")


def test_glob_matching():
    m = config.glob_match
    assert m("*.txt", "a/b/c.txt", ".")
    assert m("legacy/*.txt", "legacy/x.txt", ".") and not m("legacy/*.txt", "a/legacy/x.txt", ".")
    assert m("**/legacy/*.txt", "a/legacy/x.txt", ".")
    # .gitignore semantics (pathspec): a directory pattern with no other slash matches anywhere;
    # a leading slash anchors it to the configuration's directory
    assert m("legacy/", "legacy/a/b.txt", ".") and m("legacy/", "x/legacy/b.txt", ".")
    assert m("/legacy/", "legacy/a/b.txt", ".") and not m("/legacy/", "x/legacy/b.txt", ".")
    assert m("r[0-9].txt", "r1.txt", ".") and not m("r[!0-9].txt", "r1.txt", ".")
    assert not m("*.txt", "-", ".")


@pytest.mark.parametrize("pattern", ["[z-a]*.txt", "a/[b-a].txt"])
def test_a_bad_glob_is_one_line_naming_the_key(tmp_path: Path, pattern: str) -> None:
    cfg = tmp_path / "audit-budget.toml"
    cfg.write_text(f'[per-file-ignores]\n"{pattern}" = ["A001"]\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"per-file-ignores\..*not a valid glob"):
        config.for_path("-", str(cfg))


def test_codes_must_exist():
    assert config.check_codes(["t", "a001"], "x") == ["T", "A001"]
    with pytest.raises(UsageError, match="'B'"):
        config.check_codes(["B"], "x")


def test_the_documented_configuration_is_valid():
    """docs/ci.md shows a full configuration: it must pass the same validation users get."""
    import re
    import tomllib

    doc = (Path(__file__).resolve().parents[1] / "docs" / "ci.md").read_text("utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", doc, re.S)
    assert blocks
    for block in blocks:
        s = config.parse(tomllib.loads(block)["tool"]["audit-budget"], "docs/ci.md", ".")
        assert s.select and s.per_file_ignores and s.severity and s.tolerances and s.synonyms


def test_show_config_for_a_directory_without_reports(capsys, tmp_path):
    write(tmp_path / "proj" / "audit-budget.toml", 'fail-on = "never"\n')
    (tmp_path / "proj" / "empty").mkdir()
    r = run_cli(capsys, "--show-config", "proj/empty")
    assert r.code == 0 and 'fail-on = "never"' in r.out
