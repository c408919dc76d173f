"""Write the 自评表 samples in samples/forms/: each form in four formats that must give the same
findings (.xlsx, .docx, one cell per line, cells separated by |).

Run from the repository root: python scripts/make_form_samples.py. The forms are grids written
here once; "<" merges a cell with the one to its left, "^" with the one above. The generated
files are committed, so the tests do not depend on this script's libraries' versions.
"""

from __future__ import annotations

import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "samples" / "forms"
W = 9  # columns A–I


def row(*cells: str) -> list[str]:
    out = list(cells) + ["<"] * (W - len(cells))
    return out[:W]


def project_form(
    *,
    funds: list[list[str]],
    indicators: list[list[str]],
    total: tuple[str, str],
    grade: str,
    name: str,
    year: str = "2023",
) -> tuple[list[str], list[list[str]]]:
    """The national 项目支出绩效自评表 (财预〔2020〕10号) as a grid; funds rows are
    [label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分]; indicator rows are
    [一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因] with "^" under a merged level."""
    title = ["项目支出绩效自评表", f"（{year}年度）"]
    g: list[list[str]] = [
        row("项目名称", "<", name),
        ["主管部门", "<", "某县水利局", "<", "<", "实施单位", "<", "某县农村供水管理站", "<"],
        [
            "项目资金（万元）",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
            "<",
        ],
    ]
    for f in funds:
        g.append(["^", *f, "<"])
    g.append(["年度总体目标", "预期目标", "<", "<", "<", "实际完成情况", "<", "<", "<"])
    g.append(
        [
            "^",
            "完成农村供水工程改造，提升农村人口供水保障水平。",
            "<",
            "<",
            "<",
            "完成年度改造任务，供水保障水平明显提升。",
            "<",
            "<",
            "<",
        ]
    )
    g.append(
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
    )
    for ind in indicators:
        g.append(["^", *ind])
    g.append(["总分", "<", "<", "<", "<", "<", total[0], total[1], ""])
    g.append(["自评等级", "<", "<", "<", "<", "<", grade, "<", "<"])
    return title, g


FUNDS_OK = [
    ["年度资金总额", "800.00", "950.00", "912.00", "10", "96.00%", "9.60"],
    ["其中：当年财政拨款", "600.00", "700.00", "680.00", "—", "97.14%", "—"],
    ["上年结转资金", "200.00", "200.00", "190.00", "—", "95.00%", "—"],
    ["其他资金", "0.00", "50.00", "42.00", "—", "84.00%", "—"],
]

INDICATORS_OK = [
    ["产出指标", "数量指标", "改造供水工程数量", "≥10处", "10处", "10", "10", ""],
    ["^", "^", "新建供水管网长度", "≥45公里", "46.5公里", "10", "10", ""],
    ["^", "质量指标", "工程验收合格率", "=100%", "100%", "10", "10", ""],
    ["^", "^", "水质检测达标率", "≥95%", "93%", "10", "8", "汛期部分水源浊度超标，已增设净化设备"],
    ["^", "时效指标", "工程完工及时率", "≥90%", "92%", "10", "10", ""],
    ["^", "成本指标", "单处工程平均成本", "≤95万元", "91.2万元", "10", "10", ""],
    ["效益指标", "社会效益指标", "受益农村人口", "≥3.2万人", "3.3万人", "10", "10", ""],
    [
        "^",
        "可持续影响指标",
        "工程运行管护制度健全率",
        "=100%",
        "100%",
        "10",
        "9",
        "1处管护制度待完善",
    ],
    ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93.5%", "10", "10", ""],
]

# One error of each kind (see samples/expected/forms/project-errors.toml):
FUNDS_BAD = [
    ["年度资金总额", "800.00", "950.00", "912.00", "10", "96.00%", "10.00"],  # 10 × 96% = 9.60
    ["其中：当年财政拨款", "600.00", "700.00", "680.00", "—", "95.14%", "—"],  # 680/700 = 97.14%
    ["上年结转资金", "200.00", "200.00", "190.00", "—", "95.00%", "—"],
    ["其他资金", "20.00", "50.00", "42.00", "—", "84.00%", "—"],  # 600 + 200 + 20 ≠ 800
]

INDICATORS_BAD = [
    ["产出指标", "数量指标", "改造供水工程数量", "≥10处", "10处", "10", "10", ""],
    ["^", "^", "新建供水管网长度", "≥45公里", "43.5公里", "10", "10", ""],  # missed, full marks
    ["^", "质量指标", "工程验收合格率", "=100%", "100%", "10", "10", ""],
    ["^", "^", "水质检测达标率", "≥95%", "93%", "10", "8", "汛期部分水源浊度超标，已增设净化设备"],
    ["^", "时效指标", "工程完工及时率", "≥90%", "92%", "10", "8", ""],  # met, marked down
    ["^", "成本指标", "单处工程平均成本", "≤95万元", "91.2万元", "10", "10", ""],
    ["效益指标", "社会效益指标", "受益农村人口", "≥3.2万人", "3.3万人", "10", "10", ""],
    [
        "^",
        "可持续影响指标",
        "工程运行管护制度健全率",
        "=100%",
        "100%",
        "10",
        "9",
        "1处管护制度待完善",
    ],
    [
        "满意度指标",
        "服务对象满意度指标",
        "受益群众满意度",
        "≥90%",
        "93.5%",
        "10",
        "12",
        "",
    ],  # > 分值
]


def department_form(
    *,
    funds: list[list[str]],
    indicators: list[list[str]],
    total: tuple[str, str],
    grade: str,
    year: str = "2023",
) -> tuple[list[str], list[list[str]]]:
    """A provincial 部门整体支出绩效自评表, laid out differently from the project form: funds
    split by nature (基本支出, 项目支出), the indicator name over two merged columns, no
    绩效指标 column, and the grade in the 总分 row ("自评等级：优")."""
    title = ["部门整体支出绩效自评表", f"（{year}年度）"]
    head = ["年度预算资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率"]
    g: list[list[str]] = [row("部门名称", "<", "某县教育局"), [*head, "得分", "<"]]
    for f in funds:
        g.append(["^", *f, "<"])
    g.append(["年度总体目标", "预期目标", "<", "<", "<", "实际完成情况", "<", "<", "<"])
    goal = "保障全县中小学正常运转，落实学生资助政策，改善办学条件。"
    done = "各项目标基本完成，学生资助应助尽助。"
    g.append(["^", goal, "<", "<", "<", done, "<", "<", "<"])
    g.append(
        ["一级指标", "二级指标", "三级指标", "<", "年度指标值", "实际完成值", "分值", "得分"]
        + ["偏差原因分析及改进措施"]
    )
    for ind in indicators:
        g.append([*ind[:3], "<", *ind[3:]])
    g.append(["总分", "<", "<", "<", "<", "<", total[0], total[1], f"自评等级：{grade}"])
    return title, g


DEPT_FUNDS_OK = [
    ["年度资金总额", "8650.00", "9895.60", "9687.35", "10", "97.90%", "9.79"],
    ["其中：基本支出", "6120.00", "6300.00", "6288.12", "—", "99.81%", "—"],
    ["项目支出", "2530.00", "3595.60", "3399.23", "—", "94.54%", "—"],
]

DEPT_INDICATORS_OK = [
    ["产出指标", "数量指标", "资助家庭经济困难学生人数", "≥1200人", "1236人", "10", "10", ""],
    ["^", "^", "校舍维修改造学校数", "≥8所", "8所", "10", "10", ""],
    ["^", "质量指标", "教师培训合格率", "≥95%", "97.5%", "10", "10", ""],
    ["^", "时效指标", "资助资金发放及时率", "=100%", "100%", "10", "10", ""],
    ["^", "成本指标", "“三公”经费支出", "≤25万元", "23.6万元", "10", "10", ""],
    ["效益指标", "社会效益指标", "义务教育巩固率", "≥99%", "99.2%", "15", "15", ""],
    ["^", "可持续影响指标", "学校安全责任事故发生数", "=0起", "0起", "10", "10", ""],
    ["满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%", "88.6%", "15", "13"]
    + ["部分家长对课后服务时间安排有意见"],
]

DEPT_FUNDS_BAD = [
    DEPT_FUNDS_OK[0],
    ["其中：基本支出", "6210.00", "6300.00", "6288.12", "—", "99.81%", "—"],  # 6210 + 2530 ≠ 8650
    DEPT_FUNDS_OK[2],
]

DEPT_INDICATORS_BAD = [
    DEPT_INDICATORS_OK[0],
    ["^", "^", "校舍维修改造学校数", "≥8所", "8所", "15", "15", ""],  # weights add to 105
    *DEPT_INDICATORS_OK[2:4],
    ["^", "成本指标", "“三公”经费支出", "≤25万元", "26.8万元", "10", "10", ""],  # missed
    *DEPT_INDICATORS_OK[5:],
]


def forms() -> dict[str, tuple[list[str], list[list[str]]]]:
    name = "农村饮水安全巩固提升工程"
    return {
        # 9.60 + 10 + 10 + 10 + 8 + 10 + 10 + 10 + 9 + 10 = 96.60: 优
        "project-consistent": project_form(
            funds=FUNDS_OK, indicators=INDICATORS_OK, total=("100", "96.60"), grade="优", name=name
        ),
        # 10.00 + 10 + 10 + 10 + 8 + 8 + 10 + 10 + 9 + 12 = 97.00, stated 95.00; 95 is 优, not 良
        "project-errors": project_form(
            funds=FUNDS_BAD,
            indicators=INDICATORS_BAD,
            total=("100", "95.00"),
            grade="良",
            name=name,
        ),
        # 9.79 + 10 + 10 + 10 + 10 + 10 + 15 + 10 + 13 = 97.79: 优
        "department-consistent": department_form(
            funds=DEPT_FUNDS_OK, indicators=DEPT_INDICATORS_OK, total=("100", "97.79"), grade="优"
        ),
        # 9.79 + 10 + 15 + 10 + 10 + 10 + 15 + 10 + 13 = 102.79 (stated so); Σ分值 = 105
        "department-errors": department_form(
            funds=DEPT_FUNDS_BAD,
            indicators=DEPT_INDICATORS_BAD,
            total=("100", "102.79"),
            grade="优",
        ),
    }


# --- the grid and its own cells -------------------------------------------------------------------


def spans(grid: list[list[str]]) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) of every cell that starts at its position."""
    out = []
    for r, line in enumerate(grid):
        for c, s in enumerate(line):
            if s in ("<", "^"):
                continue
            cs = 1
            while c + cs < len(line) and line[c + cs] == "<":
                cs += 1
            rs = 1
            while r + rs < len(grid) and grid[r + rs][c] == "^":
                rs += 1
            out.append((r, c, rs, cs, s))
    return out


def own_rows(grid: list[list[str]]) -> list[list[str]]:
    """Each row's cells as a web page's table holds them: a merged cell only where it starts."""
    rows: list[list[str]] = [[] for _ in grid]
    for r, _c, _rs, _cs, s in spans(grid):
        rows[r].append(s)
    return rows


# --- writers --------------------------------------------------------------------------------------

_NUM = re.compile(r"^-?\d+(?:\.(\d+))?(%?)$")


def write_xlsx(path: Path, title: list[str], grid: list[list[str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    for i, t in enumerate(title, start=1):
        ws.cell(i, 1, t)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=W)
    off = len(title)
    for r, c, rs, cs, s in spans(grid):
        cell = ws.cell(off + r + 1, c + 1)
        m = _NUM.match(s)
        if m:  # numbers as numbers, shown with the decimals written
            decimals = len(m.group(1) or "")
            fmt = "0" + ("." + "0" * decimals if decimals else "")
            if m.group(2):
                cell.value = float(s[:-1]) / 100
                cell.number_format = fmt + "%"
            else:
                cell.value = int(s) if not decimals else float(s)
                cell.number_format = fmt
        else:
            cell.value = s
            if s.startswith("="):  # "=100%" is a target, typed as text, not a formula
                cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if rs > 1 or cs > 1:
            ws.merge_cells(
                start_row=off + r + 1,
                start_column=c + 1,
                end_row=off + r + rs,
                end_column=c + cs,
            )
    wb.properties.creator = "audit-budget samples"
    wb.properties.created = wb.properties.modified = _FIXED
    wb.save(path)


def write_docx(path: Path, title: list[str], grid: list[list[str]]) -> None:
    import docx

    d = docx.Document()
    d.core_properties.created = d.core_properties.modified = _FIXED
    for t in title:
        d.add_paragraph(t)
    table = d.add_table(rows=len(grid), cols=W)
    for r, c, rs, cs, s in spans(grid):
        cell = table.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
        cell.text = s
    d.save(path)


PDF_WIDTHS = [92, 86, 92, 124, 62, 62, 40, 40, 170]  # points, landscape A4
PDF_FONT = "STSong-Light"  # an Adobe CID font: no font file, and pdfminer maps it back


def write_pdf(path: Path, title: list[str], grid: list[list[str]]) -> None:
    """The form as a ruled table on a landscape page: each cell (merged ones as one box) drawn
    as a rectangle, its text on one line."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height), invariant=1)
    left = (width - sum(PDF_WIDTHS)) / 2
    xs = [left]
    for w in PDF_WIDTHS:
        xs.append(xs[-1] + w)
    y = height - 40
    for i, t in enumerate(title):
        size = 14 if i == 0 else 10
        c.setFont(PDF_FONT, size)
        c.drawCentredString(width / 2, y, t)
        y -= size + 8
    h = 17
    top = y - 4
    c.setFont(PDF_FONT, 8)
    for r, col, rs, cs, s in spans(grid):
        x0, x1 = xs[col], xs[col + cs]
        y1 = top - r * h
        y0 = y1 - rs * h
        c.rect(x0, y0, x1 - x0, y1 - y0)
        if s:
            assert pdfmetrics.stringWidth(s, PDF_FONT, 8) < x1 - x0 - 4, f"{s} overflows"
            c.drawString(x0 + 3, y0 + (y1 - y0) / 2 - 3, s)
    c.showPage()
    c.save()


def write_lines(path: Path, title: list[str], grid: list[list[str]]) -> None:
    cells = [s for row in own_rows(grid) for s in row if s]
    path.write_text("\n".join([*title, *cells]) + "\n", encoding="utf-8")


def write_bars(path: Path, title: list[str], grid: list[list[str]]) -> None:
    lines = [" | ".join(row) for row in own_rows(grid)]
    path.write_text("\n".join([*title, *lines]) + "\n", encoding="utf-8")


import datetime as _dt  # noqa: E402

_FIXED = _dt.datetime(2024, 3, 1, 9, 0, 0)


def _fixed_zip(path: Path) -> None:
    """Rewrite a .xlsx/.docx with fixed member times and core dates, so that running this
    script again gives the same bytes."""
    import zipfile

    src = zipfile.ZipFile(path)
    members = [(i, src.read(i.filename)) for i in src.infolist()]
    src.close()
    stamp = _FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members:
            if info.filename == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, body
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            z.writestr(fixed, body)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stem, (title, grid) in forms().items():
        write_xlsx(OUT / f"{stem}.xlsx", title, grid)
        write_docx(OUT / f"{stem}.docx", title, grid)
        _fixed_zip(OUT / f"{stem}.xlsx")
        _fixed_zip(OUT / f"{stem}.docx")
        write_pdf(OUT / f"{stem}.pdf", title, grid)
        write_lines(OUT / f"{stem}.lines.txt", title, grid)
        write_bars(OUT / f"{stem}.bars.txt", title, grid)
        print(f"wrote {stem}: .xlsx .docx .pdf .lines.txt .bars.txt")


if __name__ == "__main__":
    main()
