"""Table checks T003 (合计 rows), T004 (合计 columns), T005 (类 = Σ款 = Σ项, 一、 = Σ1.).

Tables come from text (pipe rows, tab or multi-space columns) or are built here as grids with
merged cells, the shape PDF and DOCX loaders produce. Each case states what an auditor expects;
each consistent case is also a layout that an over-eager reading would flag.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from util import run

from auditor.engine import Options, audit
from auditor.extract import table_view as T
from auditor.io.normalize import normalize
from auditor.io.tables import join_parts, text_tables
from auditor.model import Cell, Document, Span, Table
from auditor.writers.common import finding_dict


def rules(result, prefix: str = "T00") -> list[str]:
    return [f.rule for f in result.findings if f.rule.startswith(prefix)]


def pipe(rows: list[list[str]], unit: str = "万元", before: str = "") -> str:
    body = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    return f"{before}单位：{unit}\n{body}\n"


def grid_doc(grid: list[list[str]], title: str = "测试表", unit: str = "万元") -> Document:
    """A Document holding one table built from a grid: "<" merges with the cell to the left,
    "^" with the cell above. Each row is one line of text, as the loaders write it."""
    text = f"{title}\n单位：{unit}\n"
    rows: list[list[Cell]] = []
    for r, line in enumerate(grid):
        out: list[Cell] = []
        new: list[Cell] = []
        for c, s in enumerate(line):
            if s == "<":
                cell = out[c - 1]
                if cell.row == r:
                    cell.colspan += 1
            elif s == "^":
                cell = rows[r - 1][c]
                if cell.col == c:
                    cell.rowspan += 1
            else:
                cell = Cell(s, None, r, c)
                new.append(cell)
            out.append(cell)
        for cell in new:
            if cell.text:
                cell.span = Span(len(text), len(text) + len(cell.text))
                text += cell.text + " "
        text = text.rstrip(" ") + "\n"
        rows.append(out)
    table = Table(rows=rows, title=title, unit=unit)
    return Document(path="<grid>", original=text, text=normalize(text), tables=[table])


def audit_tables(doc: Document):
    return audit(doc, Options(select=["T003", "T004", "T005"]))


# --- reading text tables ----------------------------------------------------------------------


def test_pipe_table_cells_keep_their_offsets():
    text = pipe(
        [["项目", "预算数"], ["一、基本支出", "600.00"], ["合计", "600.00"]], before="表一\n"
    )
    (t,) = text_tables(text)
    assert t.unit == "万元" and t.title == "表一"
    assert [c.text for c in t.rows[1]] == ["一、基本支出", "600.00"]
    for row in t.rows:
        for c in row:
            assert text[c.span.start : c.span.end] == c.text


def test_tab_and_space_separated_tables():
    text = "项目\t合计\t基本支出\n人员\t12.00\t12.00\n\n项目    合计    基本支出\n公用    3.00    3.00\n"
    tabs, spaces = text_tables(text)
    assert [c.text for c in tabs.rows[1]] == ["人员", "12.00", "12.00"]
    assert [c.text for c in spaces.rows[1]] == ["公用", "3.00", "3.00"]


def test_tab_table_keeps_empty_cells():
    text = "单位：万元\n项目\t合计\t基本支出\t项目支出\n一、人员经费\t100.00\t\t100.00\n合计\t100.00\t\t100.00\t\n"
    (t,) = text_tables(text)
    assert [c.text for c in t.rows[1]] == ["一、人员经费", "100.00", "", "100.00", ""]
    assert rules(run(text)) == []
    assert sorted(rules(run(text.replace("经费\t100.00", "经费\t110.00")))) == ["T003", "T004"]


def test_lines_of_a_cell_are_joined_as_written():
    assert join_parts(["本年收入合", "计"]) == "本年收入合计"  # Chinese wraps without a space
    assert join_parts(["1,234,", "567.00"]) == "1,234,567.00"  # a figure in a narrow column
    assert join_parts(["Times New", "Roman"]) == "Times New Roman"


def test_prose_is_not_a_table():
    assert text_tables("一、总体情况\n本年收入合计2946.25万元。\n支出合计2940.05万元。\n") == []


def test_space_table_is_checked():
    text = "单位：万元\n项目            合计      基本支出    项目支出\n一般公共服务支出  500.00    300.00      150.00\n"
    assert rules(run(text)) == ["T004"]


# --- T003: total rows ----------------------------------------------------------------------


def test_total_row_wrong_and_right():
    rows = [["项目", "预算数"], ["一、基本支出", "600.00"], ["二、项目支出", "300.00"]]
    assert rules(run(pipe([*rows, ["合计", "1000.00"]]))) == ["T003"]
    assert rules(run(pipe([*rows, ["合计", "900.00"]]))) == []


def test_running_total_includes_the_subtotal_above_it():
    """收入支出决算总表: 总计 = 本年收入合计 + 使用结余 + 年初结转和结余."""
    rows = [
        ["项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "2,940.05"],
        ["二、政府性基金预算财政拨款收入", ""],
        ["三、其他收入", "6.20"],
        ["本年收入合计", "2,946.25"],
        ["使用非财政拨款结余（含专用结余）", ""],
        ["年初结转和结余", "49.14"],
        ["总计", "2,995.39"],
    ]
    assert rules(run(pipe(rows))) == []
    rows[-1] = ["总计", "2,995.49"]
    assert rules(run(pipe(rows))) == ["T003"]


def test_unnumbered_row_heading_numbered_rows():
    """财政拨款收支总表: 年初结转和结余 heads 一、二、 rows that repeat its amount."""
    rows = [
        ["项目", "决算数"],
        ["一、一般公共预算财政拨款", "2,940.05"],
        ["二、政府性基金预算财政拨款", ""],
        ["本年收入合计", "2,940.05"],
        ["年初财政拨款结转和结余", "21.63"],
        ["一、一般公共预算财政拨款", "21.63"],
        ["二、政府性基金预算财政拨款", ""],
        ["总计", "2,961.68"],
    ]
    assert rules(run(pipe(rows))) == []
    rows[5] = ["一、一般公共预算财政拨款", "20.63"]
    assert rules(run(pipe(rows))) == ["T005"]


def test_side_by_side_blocks_are_summed_separately():
    rows = [
        ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款收入", "1,000", "一、一般公共服务支出", "700"],
        ["二、事业收入", "", "二、教育支出", "300"],
        ["收入总计", "1,000", "支出总计", "1,000"],
    ]
    assert rules(run(pipe(rows, unit="元"))) == []
    rows[2][3] = "200"
    assert rules(run(pipe(rows, unit="元"))) == ["T003"]


def test_total_of_classification_table_is_sum_of_its_classes():
    rows = [
        ["类", "款", "项", "科目名称", "金额"],
        ["201", "", "", "一般公共服务支出", "300"],
        ["201", "01", "", "人大事务", "300"],
        ["201", "01", "01", "行政运行", "300"],
        ["208", "", "", "社会保障和就业支出", "50"],
        ["208", "05", "", "行政事业单位养老支出", "50"],
        ["208", "05", "01", "行政单位离退休", "50"],
        ["合计", "", "", "", "350"],
    ]
    assert rules(run(pipe(rows, unit="元"))) == []
    rows[-1][-1] = "360"
    assert rules(run(pipe(rows, unit="元"))) == ["T003"]


def test_total_above_its_rows():
    rows = [
        ["类", "款", "项", "科目名称", "本年支出合计", "基本支出", "项目支出"],
        ["", "", "", "合计", "2,940.05", "2,336.91", "603.14"],
        ["201", "", "", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
        ["208", "", "", "社会保障和就业支出", "833.39", "833.39", ""],
    ]
    assert rules(run(pipe(rows))) == []
    rows[1][4] = "2,950.05"
    assert sorted(rules(run(pipe(rows)))) == ["T003", "T004"]


def test_rounding_is_never_an_error():
    """Twelve figures rounded to 0.01 may miss their rounded total by up to 0.06."""
    rows = [["项目", "金额"]] + [[f"{i}. 项目{i}", "1.01"] for i in range(1, 13)]
    assert rules(run(pipe([*rows, ["合计", "12.15"]]))) == []  # 12.12 ± 0.06 holds 12.15
    assert rules(run(pipe([*rows, ["合计", "12.20"]]))) == ["T003"]


def test_rates_and_words_are_not_added():
    rows = [
        ["项目", "金额", "占比(%)", "增长率"],
        ["一、基本支出", "600.00", "66.67", "5.00%"],
        ["二、项目支出", "300.00", "33.33", "-2.00%"],
        ["合计", "900.00", "100.00", "3.10%"],
    ]
    assert rules(run(pipe(rows))) == []
    rows[2][1] = "不适用"
    assert rules(run(pipe(rows))) == []


def test_blank_total_is_not_read_as_zero():
    rows = [["项目", "金额"], ["一、基本支出", "600.00"], ["合计", ""]]
    assert rules(run(pipe(rows))) == []


def test_column_number_row_is_a_header():
    rows = [
        ["项目", "合计", "基本支出", "项目支出"],
        ["栏次", "1", "2", "3"],
        ["一、一般公共服务支出", "10.00", "4.00", "6.00"],
    ]
    assert rules(run(pipe(rows))) == []


def test_nesting_shown_only_by_indentation():
    """基本支出 is the sum of the two rows under it; the total counts it once."""
    rows = [
        ["项目", "金额"],
        ["基本支出", "100.00"],
        ["人员经费", "80.00"],
        ["公用经费", "20.00"],
        ["项目支出", "50.00"],
        ["合计", "150.00"],
    ]
    assert rules(run(pipe(rows))) == []
    rows[-1][1] = "160.00"
    assert rules(run(pipe(rows))) == ["T003"]


def test_line_numbers_are_not_added():
    rows = [
        ["项目", "行次", "金额"],
        ["一、财政拨款收入", "1", "100.00"],
        ["二、其他收入", "2", "20.00"],
        ["本年收入合计", "9", "120.00"],
    ]
    assert rules(run(pipe(rows))) == []


# --- T005: parent rows -------------------------------------------------------------------------


def test_class_is_sum_of_its_items_with_location():
    text = pipe(
        [
            ["科目编码", "科目名称", "金额"],
            ["201", "一般公共服务支出", "1,000"],
            ["20101", "人大事务", "400"],
            ["2010101", "行政运行", "400"],
            ["20103", "政府办公厅（室）及相关机构事务", "500"],
        ],
        unit="元",
    )
    res = run(text)
    assert rules(res) == ["T005"]
    f = res.findings[0]
    d = finding_dict(res.document, f)
    line = text.splitlines().index(next(ln for ln in text.splitlines() if "1,000" in ln)) + 1
    assert d["location"]["line"] == line
    assert d["text"] == "1,000"
    assert d["evidence"]["formula"] == "400 + 500 = 900 ≠ 1,000"
    assert {r["text"] for r in d["related"]} == {"400", "500"}


def test_item_wrong_inside_its_section():
    text = pipe(
        [
            ["类", "款", "项", "科目名称", "金额"],
            ["201", "", "", "一般公共服务支出", "900"],
            ["201", "01", "", "人大事务", "400"],
            ["201", "01", "01", "行政运行", "300"],
            ["201", "01", "02", "一般行政管理事务", "90"],
            ["201", "03", "", "政府办公厅（室）及相关机构事务", "500"],
        ],
        unit="元",
    )
    res = run(text)
    assert rules(res) == ["T005"]
    assert "人大事务" in res.findings[0].message["zh"]


def test_numbered_parent_and_children():
    rows = [
        ["项目", "预算数"],
        ["一、财政拨款收入", "1,000"],
        ["1. 一般公共预算资金", "800"],
        ["2. 政府性基金", "100"],
        ["二、事业收入", ""],
        ["收入总计", "1,000"],
    ]
    assert rules(run(pipe(rows, unit="元"))) == ["T005"]
    rows[3][1] = "200"
    assert rules(run(pipe(rows, unit="元"))) == []


def test_a_single_numbered_child_is_not_read_as_complete():
    rows = [
        ["项目", "金额"],
        ["一、项目支出", "500.00"],
        ["1. 重点项目", "200.00"],
        ["合计", "500.00"],
    ]
    assert rules(run(pipe(rows))) == []


# --- T004: total columns, read from the header tree ------------------------------------------


SANGONG = [
    ["“三公”经费预算数", "<", "<", "<", "<", "<", "机关运行经费预算数"],
    ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "<", "<", "^"],
    ["^", "^", "^", "小计", "购置费", "运行费", "^"],
    ["37.91", "0", "1.35", "36.56", "15", "21.56", "464.64"],
]


def test_nested_header_totals():
    assert rules(audit_tables(grid_doc(SANGONG))) == []
    bad = [row[:] for row in SANGONG]
    bad[3][5] = "22.56"  # 小计 36.56 ≠ 15 + 22.56; 合计 still = 0 + 1.35 + 36.56
    res = audit_tables(grid_doc(bad))
    assert rules(res) == ["T004"]
    assert "小计" in res.findings[0].message["zh"]


def test_paired_budget_and_actual_columns():
    grid = [
        ["合计", "<", "因公出国（境）费", "<", "公务接待费", "<"],
        ["预算数", "决算数", "预算数", "决算数", "预算数", "决算数"],
        ["0.95", "0.50", "", "", "0.95", "0.50"],
    ]
    assert rules(audit_tables(grid_doc(grid))) == []
    grid[2][1] = "0.60"
    assert rules(audit_tables(grid_doc(grid))) == ["T004"]


def test_two_totals_side_by_side_are_not_summed_into_each_other():
    grid = [["项目", "上年合计", "本年合计", "增减"], ["一、基本支出", "100.00", "120.00", "20.00"]]
    assert rules(audit_tables(grid_doc(grid))) == []


def test_partial_columns_only_bound_the_total():
    grid = [
        ["项目", "合计", "其中：财政拨款", "<"],
        ["^", "^", "一般公共预算", "政府性基金"],
        ["一、基本支出", "100.00", "60.00", "30.00"],
    ]
    assert rules(audit_tables(grid_doc(grid))) == []
    grid[2][2] = "80.00"
    assert rules(audit_tables(grid_doc(grid))) == ["T004"]


def test_of_which_column_beside_its_parent_is_left_out():
    grid = [
        ["项目", "合计", "财政拨款", "其中：一般公共预算", "事业收入"],
        ["一、基本支出", "100.00", "90.00", "60.00", "10.00"],
    ]
    assert rules(audit_tables(grid_doc(grid))) == []
    grid[1][4] = "20.00"
    assert rules(audit_tables(grid_doc(grid))) == ["T004"]


def test_caption_rows_ruled_into_the_grid_are_not_headings():
    grid = [
        ["2025年预算单位财政拨款收支预算总表", "<", "<", "<"],
        ["编制单位：某委员会", "<", "<", "单位：元"],
        ["项目", "合计", "一般公共预算", "政府性基金预算"],
        ["一、一般公共服务支出", "21,601,733.00", "21,601,733.00", ""],
    ]
    assert rules(audit_tables(grid_doc(grid))) == []
    grid[3][1] = "21,601,737.00"
    assert rules(audit_tables(grid_doc(grid))) == ["T004"]


# --- findings: stable, located, no false alarms outside tables ---------------------------------


def test_fingerprint_survives_moving_the_table():
    rows = [
        ["项目", "预算数"],
        ["一、基本支出", "600.00"],
        ["二、项目支出", "300.00"],
        ["合计", "1000.00"],
    ]
    a = run(pipe(rows)).findings
    b = run("一、部门概况\n本部门为行政单位。\n" + pipe(rows)).findings
    assert [f.fingerprint for f in a] == [f.fingerprint for f in b]
    assert finding_dict(run(pipe(rows)).document, a[0])["location"]["line"] == 5


def test_read_classifies_columns_and_blocks():
    doc = grid_doc(
        [
            ["经济分类", "<", "科目名称", "决算数", "经济分类", "<", "科目名称", "决算数"],
            ["类", "款", "^", "^", "类", "款", "^", "^"],
            ["301", "", "工资福利支出", "10.00", "302", "", "商品和服务支出", "5.00"],
            ["301", "01", "基本工资", "10.00", "302", "01", "办公费", "5.00"],
            ["人员经费合计", "<", "<", "10.00", "公用经费合计", "<", "<", "5.00"],
        ]
    )
    v = T.read(doc.tables[0])
    assert v is not None and v.header == 2
    assert [c.kind for c in v.columns] == ["code", "code", "label", "num"] * 2
    assert len(v.blocks) == 2
    assert [r.code for r in v.blocks[1].rows] == [("302",), ("302", "01"), None]
    assert rules(audit_tables(doc)) == []


# --- robustness: odd grids never break the audit -----------------------------------------------

_WORDS = ["", "合计", "小计", "其中：A", "一、A", "1. B", "201", "20101", "05", "类", "科目编码",
          "项目", "预算数", "1,000", "12.5", "-3", "—", "12%", "栏次", "1", "2024", "<", "^"]  # fmt: skip


@given(
    st.integers(1, 6).flatmap(
        lambda n: st.lists(
            st.lists(st.sampled_from(_WORDS), min_size=n, max_size=n), min_size=1, max_size=6
        )
    )
)
@settings(max_examples=200, deadline=None)
def test_any_grid_is_read_without_error(grid):
    for r, row in enumerate(grid):
        for c, s in enumerate(row):
            if (s == "<" and c == 0) or (s == "^" and r == 0):
                row[c] = ""
    res = audit_tables(grid_doc(grid))
    for f in res.findings:  # whatever is reported points at a figure of the table
        assert T.value(Cell(res.document.text[f.span.start : f.span.end], None, 0, 0)) is not None
