"""Self-evaluation forms: read from every layout, checked by F001–F009.

The samples in samples/forms/ are one form written five ways (.xlsx, .docx, a PDF with a ruled
table, cells separated by |, one cell per line; scripts/make_form_samples.py); each must give the
same findings, exactly those hand-written in samples/expected/forms/<stem>.toml.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from util import run

from auditor.engine import audit
from auditor.forms import read_forms
from auditor.io import load_path
from auditor.io.tables import text_tables
from auditor.model import Severity

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "samples" / "forms"
EXPECTED = ROOT / "samples" / "expected" / "forms"
STEMS = sorted(p.stem for p in EXPECTED.glob("*.toml"))
LAYOUTS = [".xlsx", ".docx", ".pdf", ".bars.txt", ".lines.txt"]


def findings(path: Path) -> list[tuple[str, int, str, str]]:
    res = audit(load_path(str(path)))
    doc = res.document
    return sorted(
        (
            f.rule,
            doc.position(f.span.start).line,
            doc.original[f.span.start : f.span.end],
            f.message["zh"],
        )
        for f in res.findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    )


def test_every_form_sample_has_its_four_layouts() -> None:
    assert {"project-consistent", "project-errors", "department-errors"} <= set(STEMS)
    for stem in STEMS:
        for layout in LAYOUTS:
            assert (FORMS / f"{stem}{layout}").exists(), f"{stem}{layout} missing"


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_form_sample_gives_exactly_the_expected_findings(stem: str, layout: str) -> None:
    with open(EXPECTED / f"{stem}.toml", "rb") as fh:
        expected = tomllib.load(fh).get("finding", [])
    got = findings(FORMS / f"{stem}{layout}")
    key = "cell_line" if layout == ".lines.txt" else "line"  # .pdf lines as .docx
    want = sorted((e["rule"], e[key], e["text"]) for e in expected)
    assert sorted((r, ln, t) for r, ln, t, _ in got) == want


@pytest.mark.parametrize("stem", STEMS)
def test_every_layout_gives_the_same_findings(stem: str) -> None:
    """Same rules, cells and messages (the recomputation) whatever the file format."""
    by_layout = {
        layout: sorted((r, t, m) for r, _, t, m in findings(FORMS / f"{stem}{layout}"))
        for layout in LAYOUTS
    }
    first = by_layout[LAYOUTS[0]]
    for layout, got in by_layout.items():
        assert got == first, f"{layout} differs from {LAYOUTS[0]}"


def test_the_department_form_is_read_whole_in_every_layout() -> None:
    """Funds by nature, the name over two merged columns, the grade inside the 总分 row."""
    for layout in LAYOUTS:
        doc = load_path(str(FORMS / f"department-consistent{layout}"))
        (form,) = read_forms(doc.tables or text_tables(doc.text), doc.text)
        assert form.kind == "department"
        assert [(r.key, r.group) for r in form.funds] == [
            ("total", None),
            ("basic", "by-nature"),
            ("project", "by-nature"),
        ]
        assert len(form.indicators) == 8 and form.indicators_complete, layout
        assert form.total_weight is not None and form.total_weight.text == "100"
        assert form.grade is not None and form.grade[0] == "优", layout


def test_the_form_is_read_whole_in_every_layout() -> None:
    """All four funds rows and nine indicators, with 总分 and the grade, in each layout."""
    for layout in LAYOUTS:
        doc = load_path(str(FORMS / f"project-consistent{layout}"))
        (form,) = read_forms(doc.tables or text_tables(doc.text))
        assert form.kind == "project"
        assert [r.key for r in form.funds] == ["total", "current", "carried", "other"]
        assert len(form.indicators) == 9 and form.indicators_complete, layout
        assert form.total_score is not None and form.total_score.text == "96.60"
        assert form.grade is not None and form.grade[0] == "优"
        water = form.indicators[3]
        assert water.name.text == "水质检测达标率"
        assert water.cells["reason"].text.startswith("汛期")


# --- layouts of text tables -----------------------------------------------------------------

HEADER = "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施"


def rules_of(text: str) -> list[str]:
    return sorted(f.rule for f in run(text).findings)


def test_markdown_pipes_with_outer_bars() -> None:
    text = (
        "项目支出绩效自评表\n"
        "| 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
        "|---|---|---|---|---|\n"
        "| 工程验收合格率 | =100% | 100% | 10 | 12 |\n"
    )
    assert rules_of(text) == ["F004"]


def test_tab_separated_rows() -> None:
    text = (
        "项目资金（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "年度资金总额\t800.00\t950.00\t912.00\t10\t94.00%\t9.40\n"
    )
    assert rules_of(text) == ["F002"]


def test_one_cell_per_line_with_blank_lines_between_cells() -> None:
    cells = [
        "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "800.00", "950.00", "912.00", "10", "94.00%", "9.40",
    ]  # fmt: skip
    assert rules_of("\n\n".join(cells) + "\n") == ["F002"]
    assert rules_of("\n".join(cells).replace("94.00%", "96.00%").replace("9.40", "9.60")) == []


def test_one_cell_per_line_each_ending_in_a_bar() -> None:
    # a web table copied one cell a line, each cell ending in " |", rows apart by a lone "|";
    # dash cells ("—— |") are cells, not a Markdown rule, and a rate under "执行率(%)" is a
    # percentage written without its sign
    cells = [
        "项目资金 (万元)", "|", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分",
        "|", "年度资金总额", "0", "5.60", "5.60", "10", "100", "10", "|",
        "其中:财政拨款", "0", "1.20", "1.20", "——", "100", "——", "|",
        "其他资金", "0", "4.40", "4.40", "——", "{r}", "——",
    ]  # fmt: skip
    text = "项目支出绩效自评表\n" + "\n".join(c if c == "|" else c + " |" for c in cells) + "\n"
    assert rules_of(text.format(r="100")) == []
    assert rules_of(text.format(r="0")) == ["F002"]


def test_prose_is_not_read_as_a_one_cell_per_line_table() -> None:
    prose = "\n".join(
        f"{i}、本年度完成各项工作任务，全年预算执行情况良好，资金使用规范。" for i in range(12)
    )
    assert [t for t in text_tables(prose) if len(t.rows[0]) == 1] == []


# --- silence where a row or column cannot be identified -------------------------------------


def funds(total: list[str], parts: list[list[str]]) -> str:
    head = "项目资金（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
    rows = [" | ".join(["年度资金总额", *total])] + [" | ".join(p) for p in parts]
    return "项目支出绩效自评表\n" + head + "\n".join(rows) + "\n"


def test_a_partial_list_of_sources_is_not_held_to_the_total() -> None:
    text = funds(
        ["800.00", "950.00", "912.00", "10", "96.00%", "9.60"],
        [["其中：当年财政拨款", "600.00", "700.00", "680.00", "—", "97.14%", "—"]],
    )
    assert rules_of(text) == []


def test_rounding_is_never_reported() -> None:
    # 912.00 / 950.00 = 96.00%; 10 × 96% = 9.6 written 9.6; parts add to 949.99..950.01
    text = funds(
        ["800.00", "950.0", "912.00", "10", "96%", "9.6"],
        [
            ["其中：当年财政拨款", "600.00", "700.04", "680.00", "—", "97.1%", "—"],
            ["上年结转资金", "200.00", "199.96", "190.00", "—", "95.0%", "—"],
            ["其他资金", "0.00", "50.00", "42.00", "—", "84%", "—"],
        ],
    )
    assert rules_of(text) == []


def test_execution_score_is_capped_at_its_weight() -> None:
    text = funds(["800.00", "950.00", "988.00", "10", "104.00%", "10"], [])
    assert rules_of(text) == []
    assert rules_of(text.replace("| 10\n", "| 9\n").replace("104.00% | 10", "104.00% | 9")) == [
        "F003"
    ]


def indicator(target: str, actual: str, weight: str, score: str, reason: str = "") -> str:
    row = f"产出指标 | 数量指标 | 某指标 | {target} | {actual} | {weight} | {score} | {reason}"
    return f"项目支出绩效自评表\n{HEADER}\n{row}\n"


@pytest.mark.parametrize(
    ("target", "actual", "score", "expected"),
    [
        ("≥45公里", "43.5公里", "10", ["F008"]),
        ("≥45公里", "43.5公里", "9", []),
        ("≥45公里", "45公里", "10", []),
        ("≤95万元", "96.5万元", "10", ["F008"]),
        ("=100%", "98%", "10", ["F008"]),
        ("≥95%", "94.96%", "10", ["F008"]),
        ("≥95%", "95.0%", "10", []),
        ("45公里", "43.5公里", "10", []),  # no operator: what counts as met is not stated
        ("≥45公里", "43.5千米", "10", []),  # other units: silence
        ("≥90%", "92%", "8", ["F009"]),
        ("≥90%", "92%", "10", []),
        ("不低于90%", "92%", "8", ["F009"]),
        ("≤5%", "3%", "8", ["F009"]),
        ("95%以上", "93%", "10", ["F008"]),
        ("5天以内", "7天", "10", ["F008"]),
        ("5处以内", "5处", "9", ["F009"]),  # counts are exact
        ("≥8所", "8所", "9", ["F009"]),
        ("≤5天", "5天", "9", []),  # 5天 may be 5.4 days: met is not certain
        ("≥90%", "达标", "8", []),
    ],
)
def test_indicator_scored_against_its_result(target, actual, score, expected) -> None:
    assert rules_of(indicator(target, actual, "10", score)) == expected


def test_a_stated_reason_explains_a_deduction() -> None:
    assert rules_of(indicator("≥90%", "92%", "10", "8", "资金拨付滞后")) == []
    assert rules_of(indicator("≥90%", "92%", "10", "8", "无")) == ["F009"]


def test_totals_are_checked_only_when_every_row_was_read() -> None:
    good = (
        f"项目支出绩效自评表\n{HEADER}\n"
        "产出指标 | 数量指标 | 指标一 | ≥10处 | 10处 | 60 | 60 | \n"
        "效益指标 | 社会效益指标 | 指标二 | ≥90% | 95% | 40 | 40 | \n"
        "总分 | 100 | 100 | \n"
    )
    assert rules_of(good) == []
    assert rules_of(good.replace("总分 | 100 | 100", "总分 | 100 | 90")) == ["F005"]
    assert rules_of(
        good.replace("| 40 | 40 |", "| 30 | 30 |").replace("100 | 100", "100 | 90")
    ) == ["F006"]
    # a row that cannot be placed (its 分值 is words): no sum is checked
    broken = good.replace("| 40 | 40 |", "| 四十 | 40 |").replace("100 | 100", "100 | 90")
    assert rules_of(broken) == []


def test_grade_uses_the_standard_scale() -> None:
    form = (
        f"项目支出绩效自评表\n{HEADER}\n"
        "产出指标 | 数量指标 | 指标一 | ≥10处 | 9处 | 100 | 85 | 进度滞后\n"
        "总分 | 100 | 85 | \n自评等级 | 良\n"
    )
    assert rules_of(form) == []
    assert rules_of(form.replace("| 良", "| 优")) == ["F007"]
    assert rules_of(form.replace("| 良", "| 良好")) == []
    assert rules_of(form.replace("自评等级 | 良", "自评等级：中")) == ["F007"]


def test_a_copy_without_its_empty_cells_places_values_by_kind() -> None:
    """The 其中 rows of a web copy lose their empty 分值/得分 cells: the rate is still found."""
    cells = [
        "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "800.00", "950.00", "912.00", "10", "96.00%", "9.60",
        "其中：当年财政拨款", "600.00", "700.00", "680.00", "95.14%",
        "上年结转资金", "200.00", "200.00", "190.00", "95.00%",
        "其他资金", "0.00", "50.00", "42.00", "84.00%",
    ]  # fmt: skip
    got = run("\n".join(cells) + "\n").findings
    assert [(f.rule, f.message["zh"].split("：")[0]) for f in got] == [
        ("F002", "“当年财政拨款”的执行率与全年执行数、全年预算数不符")
    ]


def test_numbered_funds_labels_are_read() -> None:
    text = funds(
        ["800.00", "950.00", "912.00", "10", "96.00%", "9.60"],
        [
            ["1.当年财政拨款", "600.00", "700.00", "680.00", "—", "97.14%", "—"],
            ["2.上年结转资金", "200.00", "200.00", "190.00", "—", "95.00%", "—"],
            ["3.其他资金", "10.00", "50.00", "42.00", "—", "84.00%", "—"],
        ],
    )
    assert rules_of(text) == ["F001"]


def test_a_budget_table_is_not_taken_for_a_form() -> None:
    """Columns 年初预算数/调整后预算数/执行数 and rows 基本支出/项目支出 without 年度资金总额
    or indicators: an ordinary table, still added up by T003."""
    text = (
        "单位：万元\n"
        "| 项目 | 年初预算数 | 调整后预算数 | 执行数 |\n"
        "| 基本支出 | 600.00 | 620.00 | 610.00 |\n"
        "| 项目支出 | 200.00 | 230.00 | 220.00 |\n"
        "| 合计 | 800.00 | 850.00 | 840.00 |\n"
    )
    assert read_forms(text_tables(text)) == []
    assert rules_of(text) == ["T003"]


def test_two_forms_copied_one_after_the_other_are_both_read() -> None:
    """Two projects' forms copied one cell per line into one run: each is read and checked."""
    one = (FORMS / "project-consistent.lines.txt").read_text(encoding="utf-8")
    two = (FORMS / "project-errors.lines.txt").read_text(encoding="utf-8")
    doc_forms = read_forms(text_tables(one + two), one + two)
    assert len(doc_forms) == 2 and all(f.indicators_complete for f in doc_forms)
    got = sorted(f.rule for f in run(one + two).findings)
    assert got == sorted(["F001", "F002", "F003", "F004", "F005", "F007", "F008", "F009"])


def test_a_total_without_the_execution_score_is_accepted() -> None:
    """Some provinces' forms total the indicators only (100 points of their own)."""
    text = (
        "项目支出绩效自评表\n"
        "项目资金（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
        "年度资金总额 | 800.00 | 950.00 | 912.00 | 10 | 96.00% | 9.60\n"
        f"{HEADER}\n"
        "产出指标 | 数量指标 | 指标一 | ≥10处 | 10处 | 60 | 60 | \n"
        "效益指标 | 社会效益指标 | 指标二 | ≥90% | 95% | 40 | 40 | \n"
        "总分 | 100 | 100 | \n"
    )
    assert rules_of(text) == []
    assert rules_of(text.replace("总分 | 100 | 100", "总分 | 100 | 99")) == ["F005"]


@pytest.mark.parametrize("layout", [".bars.txt", ".lines.txt"])
def test_a_consistent_form_appended_to_a_report_changes_none_of_its_findings(layout) -> None:
    """The seed report with a form copied after it: the report's 21 findings, nothing more
    (prose paragraphs separated by blank lines are not cells of the copied table)."""
    seed = (ROOT / "samples" / "seed-report-2023.txt").read_text(encoding="utf-8")
    form = (FORMS / f"project-consistent{layout}").read_text(encoding="utf-8")

    def located(text: str) -> list[tuple[str, int, int]]:
        res = run(text)
        return sorted(
            (f.rule, *(lambda p: (p.line, p.column))(res.document.position(f.span.start)))
            for f in res.findings
        )

    alone = located(seed)
    assert len(alone) == 21
    assert located(seed + "\n" + form) == alone


def test_a_long_goal_cell_splits_the_copy_but_not_the_form() -> None:
    text = (FORMS / "project-errors.lines.txt").read_text(encoding="utf-8")
    goal = "完成农村供水工程改造，提升农村人口供水保障水平。"
    longer = "完成农村供水工程改造，提升农村人口供水保障水平，" * 3 + "全面完成年度任务。"
    assert len(longer) > 80
    got = sorted(f.rule for f in run(text.replace(goal, longer)).findings)
    assert got == sorted(f.rule for f in run(text).findings) and len(got) == 8
