"""Recognise the national self-evaluation forms (项目支出/部门整体支出绩效自评表) in tables.

A form is found by its header words (rules/forms.toml), never by its position on a page: the
funds block by a header row naming 年初预算数, 全年预算数, 全年执行数 (and 分值, 执行率, 得分), the
indicator block by one naming 三级指标, 年度指标值, 实际完成值, 分值, 得分. What comes back is the
cells of each identified row and column; a row or column that cannot be identified is left out
(and the block marked incomplete), so the checks stay silent rather than guess.

Tables arrive in three shapes, read three ways:

- a loader's grid (.xlsx, .docx, PDF), where merged cells repeat: a body cell is the one in its
  header's column;
- a text table (cells separated by | or tabs), where a cell merged over several rows appears only
  in its first row, so rows are shorter than the header: funds values are read left to right
  after their row's label, indicator values right-aligned with the header;
- one cell per line (a web page copied): no rows at all. They are put back from the layout the
  words announce: a funds label and the values after it; an indicator is a name, a target, an
  actual value and two plain numbers (分值, 得分), then an optional reason.

A fourth shape, a form flattened into space-separated words by a converter (a row one line, or
the whole form one line), is read from the document's text by forms_flat.py, outside the
tables read here.
"""

from __future__ import annotations

from functools import cache

from .cache import load_toml
from .catalogue import data_path
from .io.tables import is_number
from .lazy_re import cached_re, lazy
from .model import Cell, Span, Table
from .record import Record


@cache
def vocabulary() -> dict:
    return load_toml(data_path("rules", "forms.toml"))


_SPACES = cached_re(r"\s+")


def squash(s: str) -> str:
    return _SPACES.sub("", s)


_PAREN = lazy(r"[（(][^（）()]*[)）]$")
_OF_WHICH = lazy(r"^其中[：:]?")
_NUMBERING = lazy(
    r"^(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十\d]{1,2}[、.])"
)


def _head(s: str) -> str:
    """A header or label as compared with the vocabulary: no spaces, no trailing (万元) or colon
    ("年度资金总额(万元):" as the national form prints "年度资金总额：")."""
    return _PAREN.sub("", squash(s).rstrip("：:")).rstrip("：:")


def _lookup(table: dict[str, list[str]], text: str) -> str | None:
    """The first key of the table (in its order) whose words hold the text, as a header."""
    head = _HEADS.get(text)
    if head is None:
        if len(_HEADS) >= 1 << 14:
            _HEADS.clear()
        head = _HEADS[text] = _head(text)
    return _index(id(table), table).get(head)


_HEADS: dict[str, str] = {}  # cell text → _head(text): a table is read as a form several times


_INDEXES: dict[int, tuple[dict, dict[str, str]]] = {}


def _index(key: int, table: dict[str, list[str]]) -> dict[str, str]:
    """word → the first key listing it: one look-up per cell instead of a scan of every list."""
    got = _INDEXES.get(key)
    if got is None or got[0] is not table:
        index: dict[str, str] = {}
        for k, words in table.items():
            for w in words:
                index.setdefault(w, k)
        got = _INDEXES[key] = (table, index)
    return got[1]


class FundsRow(Record):
    """A row of a self-evaluation form's funds part, cells keyed by column meaning."""

    label: Cell
    key: str  # "total" or a group member ("current", "basic" ...)
    group: str | None  # the group the member belongs to
    cells: dict[str, Cell]  # column key (initial, budget, spent, weight, rate, score) → cell

    def __init__(self, label: Cell, key: str, group: str | None, cells: dict[str, Cell]) -> None:
        self.label = label
        self.key = key
        self.group = group
        self.cells = cells


class IndicatorRow(Record):
    """A row of a self-evaluation form's indicator part, cells keyed by meaning."""

    name: Cell
    cells: dict[str, Cell]  # target, actual, weight, score, reason → cell

    def __init__(self, name: Cell, cells: dict[str, Cell]) -> None:
        self.name = name
        self.cells = cells


class Form(Record):
    """A self-evaluation form read from a table by its header words (rules/forms.toml)."""

    kind: str  # project | department | unknown
    table: Table
    funds: list[FundsRow]
    funds_columns: set[str]
    indicators: list[IndicatorRow]
    indicators_complete: bool
    total_weight: Cell | None
    total_score: Cell | None
    grade: tuple[str, Cell] | None  # the grade as written, and its cell

    def __init__(
        self,
        kind: str,
        table: Table,
        funds: list[FundsRow] | None = None,
        funds_columns: set[str] | None = None,
        indicators: list[IndicatorRow] | None = None,
        indicators_complete: bool = False,
        total_weight: Cell | None = None,
        total_score: Cell | None = None,
        grade: tuple[str, Cell] | None = None,
    ) -> None:
        self.kind = kind
        self.table = table
        self.funds = [] if funds is None else funds
        self.funds_columns = set() if funds_columns is None else funds_columns
        self.indicators = [] if indicators is None else indicators
        self.indicators_complete = indicators_complete
        self.total_weight = total_weight
        self.total_score = total_score
        self.grade = grade

    @property
    def funds_total(self) -> FundsRow | None:
        return next((r for r in self.funds if r.key == "total"), None)

    @property
    def name(self) -> str:
        return {"project": "项目支出绩效自评表", "department": "部门整体支出绩效自评表"}.get(
            self.kind, "绩效自评表"
        )


# --- vocabulary lookups -----------------------------------------------------------------------


def funds_column(text: str) -> str | None:
    return _lookup(vocabulary()["funds"]["columns"], text)


def indicator_column(text: str) -> str | None:
    return _lookup(vocabulary()["indicators"]["columns"], text)


def _row_words(text: str) -> str:
    return _NUMBERING.sub("", _OF_WHICH.sub("", _head(text)))


def funds_label(text: str) -> tuple[str, str | None] | None:
    """("total", None) or (member, group) for a funds row label; None for other text."""
    t = _row_words(text)
    v = vocabulary()["funds"]
    if t in v["rows"]["total"]:
        return "total", None
    for g in v["groups"]:
        for key, words in g["members"].items():
            if t in words:
                return key, g["name"]
    return None


def member_of(text: str, group: dict) -> str | None:
    """The member of a group a row label names ("其他资金" is one in several groups)."""
    t = _row_words(text)
    return next((key for key, words in group["members"].items() if t in words), None)


def weight_in_header(header: Cell) -> Cell | None:
    """The 分值 a score header announces when the form has no 分值 column: "得分（20分*执行率）"
    → a cell "20" (with its own span when the header's text is the document's, spaces and all)."""
    pattern = vocabulary().get("score_header", {}).get("weight")
    m = cached_re(pattern).search(header.text) if pattern else None
    if m is None:
        return None
    span = None
    if header.span is not None and header.span.end - header.span.start == len(header.text):
        a = header.span.start + m.start(1)
        span = Span(a, a + len(m.group(1)))
    return Cell(m.group(1), span, header.row, header.col)


def is_level(text: str) -> bool:
    return _head(text) in vocabulary()["indicators"]["levels"]


def summary_label(text: str) -> str | None:
    """'total' (总分), 'grade' (自评等级), or None. A grade cell may carry its value (自评等级：优)."""
    t = squash(text)
    s = vocabulary()["summary"]
    if _head(t) in s["total"]:
        return "total"
    if any(t.startswith(w) for w in s["grade"]):
        return "grade"
    return None


def grade_value(text: str) -> str:
    """The grade written in a 自评等级 cell after its label ("自评等级：优" → "优")."""
    t = squash(text)
    for w in vocabulary()["summary"]["grade"]:
        if t.startswith(w):
            return t[len(w) :].lstrip("：:")
    return t


def _kind(t: Table, rows: list[list[Cell]]) -> str:
    titles = vocabulary()["titles"]
    texts = [t.title] + [c.text for row in rows[:8] for c in row]
    for kind, words in titles.items():
        if any(w in squash(x) for x in texts for w in words):
            return kind
    return "unknown"


def _plain(c: Cell | None) -> bool:
    """A plain number (分值, 得分): digits without a unit or %."""
    return c is not None and is_number(squash(c.text)) and not c.text.strip().endswith("%")


_DASH = {"", "-", "--", "—", "——", "/", "无", "*"}


def _value_like(c: Cell) -> bool:
    t = squash(c.text)
    return t in _DASH or is_number(t)


# --- reading -----------------------------------------------------------------------------------


def read_forms(tables: list[Table], text: str = "") -> list[Form]:
    """Every self-evaluation form in the tables. A form split over two tables (funds in one,
    indicators in the next) is read as one; a grade written on a line just below a table
    ("自评等级：良") is its last form's."""
    out: list[Form] = []
    for t in tables:
        found = read_form(t)
        if found and found[-1].grade is None and text and t.span is not None:
            found[-1].grade = _grade_below(text, t.span.end)
        for f in found:
            prev = out[-1] if out else None
            if prev is not None and prev.funds and not prev.indicators and not f.funds:
                prev.indicators = f.indicators
                prev.indicators_complete = f.indicators_complete
                prev.total_weight, prev.total_score = f.total_weight, f.total_score
                prev.grade = f.grade or prev.grade
                continue
            out.append(f)
    if text:
        from .forms_flat import flat_forms  # a module beside this one that imports from it

        out += flat_forms(text, [t.span for t in tables if t.span is not None])
    return out


_GRADE_LINE = lazy(r"[ \t]*(\S+?)[ \t]*[：:][ \t]*(\S{1,4})[ \t]*(?:\r?\n|$)")


def _grade_below(text: str, end: int) -> tuple[str, Cell] | None:
    """ "自评等级：良" on one of the three lines after a table."""
    pos = text.find("\n", end)
    for _ in range(3):
        if pos < 0:
            return None
        m = _GRADE_LINE.match(text, pos + 1)
        if m and summary_label(m.group(1)) == "grade":
            word = m.group(2)
            return word, Cell(word, Span(m.start(2), m.end(2)), -1, -1)
        pos = text.find("\n", pos + 1)
    return None


def read_form(t: Table) -> list[Form]:
    """The forms in one table: usually one, several when forms are stacked in one sheet or
    copied one after another (a new form starts at each funds header after a read block)."""
    if not t.rows:
        return []
    if all(not any(c.text.strip() for c in row[1:]) for row in t.rows):
        # one cell per line ("cell |" lines of a copied page leave an empty second column)
        rows = reflow([row[0] for row in t.rows if row[0].text.strip()])
        grid = False
    else:
        rows = [
            [c for i, c in enumerate(row) if c.row == r and c.col == i]
            for r, row in enumerate(t.rows)
        ]
        grid = any(c.rowspan > 1 or c.colspan > 1 for row in t.rows for c in row)
    out = []
    for a, b in _segments(rows):
        part = rows[a:b]
        form = Form(_kind(t, rows[max(0, a - 4) : b]), t)
        _read_funds(form, t, part, grid)
        _read_indicators(form, t, part, grid)
        if form.funds_total is None and not form.indicators:
            continue  # rows named 基本支出/项目支出 alone do not make a budget table a form
        out.append(form)
    return out


def _is_funds_header(cols: dict[str, int]) -> bool:
    return len(cols) >= 3 and "spent" in cols and bool({"initial", "budget"} & cols.keys())


def _is_indicator_header(cols: dict[str, int]) -> bool:
    return all(k in cols for k in _IND_KEYS)


def _segments(rows: list[list[Cell]]) -> list[tuple[int, int]]:
    """Row ranges of one form each: a funds header after a funds or indicator header, or an
    indicator header after another, starts the next form."""
    starts = [0]
    seen_funds = seen_ind = False
    for r, row in enumerate(rows):
        f = _is_funds_header(_cols(row, funds_column))
        i = not f and _is_indicator_header(_cols(row, indicator_column))
        if (f and (seen_funds or seen_ind)) or (i and seen_ind):
            starts.append(r)
            seen_funds = seen_ind = False
        seen_funds |= f
        seen_ind |= i
    return list(zip(starts, [*starts[1:], len(rows)], strict=True))


def _cols(row: list[Cell], which) -> dict[str, int]:
    """Column key → index in the row, for the cells of a header row the vocabulary names.
    Read once per row text: every table is read as a form by the table checks and the forms."""
    key = (which, tuple(c.text for c in row))
    got = _COLS.get(key)
    if got is None:
        if len(_COLS) >= 1 << 14:
            _COLS.clear()
        got = {}
        for i, c in enumerate(row):
            k = which(c.text)
            if k is not None and k not in got:
                got[k] = i
        _COLS[key] = got
    return dict(got)


_COLS: dict[tuple, dict[str, int]] = {}


def _header(rows: list[list[Cell]], which, ok) -> tuple[int, dict[str, int]] | None:
    """The first row whose vocabulary words satisfy ok(columns), with those columns."""
    for h, row in enumerate(rows):
        cols = _cols(row, which)
        if ok(cols):
            return h, cols
    return None


def _read_funds(form: Form, t: Table, rows: list[list[Cell]], grid: bool) -> None:
    found = _header(rows, funds_column, _is_funds_header)
    if found is None:
        return
    h, cols = found
    form.funds_columns = set(cols)
    first = min(cols.values())
    weight = None
    if "score" in cols and "weight" not in cols:
        weight = weight_in_header(rows[h][cols["score"]])
        if weight is not None:
            form.funds_columns.add("weight")
    for r in range(h + 1, len(rows)):
        row = rows[r]
        at = next((i for i, c in enumerate(row) if funds_label(c.text)), None)
        if at is None:
            if any(c.text.strip() for c in row) and not all(
                _OF_WHICH.fullmatch(squash(c.text)) or not c.text.strip() for c in row
            ):
                break
            continue
        key, group = funds_label(row[at].text) or ("", None)
        cells: dict[str, Cell] = {}
        for k, i in cols.items():
            if grid:
                c = _at(t, row[at], rows[h][i])
            else:
                j = at + 1 + (i - first)
                c = row[j] if j < len(row) else None
            if c is not None:
                cells[k] = c
        if weight is not None and _plain(cells.get("score")):
            cells["weight"] = weight
        if "rate" in cols:
            rate_in_percent(cells, rows[h][cols["rate"]].text)
        form.funds.append(FundsRow(row[at], key, group, cells))


def rate_in_percent(cells: dict[str, Cell], header: str) -> None:
    """A 执行率 written as a bare number under a header that gives its unit ("执行率(%)" over
    "100"): the cell read as the percentage it is (its text with the %, its place unchanged)."""
    c = cells.get("rate")
    if c is not None and "%" in header and is_number(squash(c.text)) and "%" not in c.text:
        cells["rate"] = Cell(squash(c.text) + "%", c.span, c.row, c.col, c.rowspan, c.colspan)


def _at(t: Table, label: Cell, header: Cell) -> Cell | None:
    """The cell of a grid in the label's row under the header's column (its own, not one merged
    down from a row above)."""
    r, c = label.row, header.col
    if r >= len(t.rows) or c >= len(t.rows[r]):
        return None
    cell = t.rows[r][c]
    return cell if cell.row == r else None


_IND_KEYS = ("name", "target", "actual", "weight", "score")
_LEVELS = ("level1", "level2")


def _read_indicators(form: Form, t: Table, rows: list[list[Cell]], grid: bool) -> None:
    found = _header(rows, indicator_column, _is_indicator_header)
    if found is None:
        return
    h, cols = found
    header = rows[h]
    complete = True
    for r in range(h + 1, len(rows)):
        row = rows[r]
        texts = [c for c in row if c.text.strip()]
        if not texts:
            continue
        kinds = [summary_label(c.text) for c in row]
        if "total" in kinds or "grade" in kinds:
            _read_summary(form, t, rows, r, header, cols, grid)
            break
        cells: dict[str, Cell] = {}
        if grid:
            for k, i in cols.items():
                c = _at(t, texts[0], header[i])
                if c is not None:
                    cells[k] = c
        else:
            # a text row lacks the cells merged down from above (一级, 二级): skip the level
            # words it has, then the fields come in the header's order
            at = 0
            while at < len(row) and (not row[at].text.strip() or is_level(row[at].text)):
                at += 1
            keys = [k for k, _ in sorted(cols.items(), key=lambda kv: kv[1]) if k not in _LEVELS]
            cells = dict(zip(keys, row[at:], strict=False))
        name = cells.get("name")
        if (
            name is None
            or not name.text.strip()
            or is_level(name.text)
            or not _plain(cells.get("weight"))
        ):
            complete = False  # a row whose cells cannot be placed: no sum is checked
            continue
        form.indicators.append(IndicatorRow(name, _with_operator_and_unit(cells)))
    form.indicators_complete = complete and bool(form.indicators)
    if form.total_score is None:
        form.indicators_complete = False


def _with_operator_and_unit(cells: dict[str, Cell]) -> dict[str, Cell]:
    """Forms that give the operator (指标性质) and the unit (度量单位) columns of their own: the
    target reads as written in one cell ("≥" "95" "%" → "≥95%"), the actual value with the unit."""
    op, unit = cells.pop("operator", None), cells.pop("unit", None)
    if op is None and unit is None:
        return cells
    op_text = squash(op.text) if op is not None else ""
    unit_text = squash(unit.text) if unit is not None else ""
    for key, prefix in (("target", op_text), ("actual", "")):
        c = cells.get(key)
        if c is not None and is_number(squash(c.text)):
            cells[key] = Cell(prefix + squash(c.text) + unit_text, c.span, c.row, c.col)
    return cells


def _read_summary(
    form: Form,
    t: Table,
    rows: list[list[Cell]],
    r0: int,
    header: list[Cell],
    cols: dict[str, int],
    grid: bool,
) -> None:
    for r in range(r0, len(rows)):
        row = rows[r]
        for i, c in enumerate(row):
            kind = summary_label(c.text)
            if kind == "total" and form.total_score is None:
                nums = [x for x in row[i + 1 :] if _plain(x)]
                if grid:
                    w = _at(t, c, header[cols["weight"]])
                    s = _at(t, c, header[cols["score"]])
                    form.total_weight = w if _plain(w) else None
                    form.total_score = s if _plain(s) else None
                elif len(nums) == 2:
                    form.total_weight, form.total_score = nums
            elif kind == "grade" and form.grade is None:
                g = grade_value(c.text)
                cell = c
                if not g:
                    cell = next((x for x in row[i + 1 :] if x.text.strip()), None)
                    if cell is None and r + 1 < len(rows):
                        cell = next((x for x in rows[r + 1] if x.text.strip()), None)
                    g = squash(cell.text) if cell is not None else ""
                if g and cell is not None:
                    form.grade = (g, cell)


# --- one cell per line --------------------------------------------------------------------------


def _run(cells: list[Cell], i: int, which) -> int:
    """Length of the run of header words starting at i (each key once)."""
    seen: set[str] = set()
    j = i
    while j < len(cells):
        k = which(cells[j].text)
        if k is None or k in seen:
            break
        seen.add(k)
        j += 1
    return j - i


def _starts_indicator(cells: list[Cell], k: int) -> bool:
    """An indicator starts at k: a name, target, actual, then two plain numbers (分值, 得分)."""
    if k + 4 >= len(cells):
        return False
    name = cells[k]
    return (
        not _plain(name)
        and not is_level(name.text)
        and summary_label(name.text) is None
        and _plain(cells[k + 3])
        and _plain(cells[k + 4])
    )


def _known(text: str) -> bool:
    return bool(funds_column(text) or indicator_column(text) or is_level(text))


def join_split_words(cells: list[Cell]) -> list[Cell]:
    """A header cell that wrapped inside its box comes as two lines ("年初" / "预算数", "经济效益"
    / "指标"): two cells that together make a word of the form, when the first alone is none,
    are one cell."""
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        c = cells[k]
        if k + 1 < len(cells) and not _known(c.text) and _known(c.text + cells[k + 1].text):
            nxt = cells[k + 1]
            span = Span(c.span.start, nxt.span.end) if c.span and nxt.span else c.span
            out.append(Cell(c.text + nxt.text, span, c.row, c.col))
            k += 2
            continue
        out.append(c)
        k += 1
    return out


def reflow(cells: list[Cell]) -> list[list[Cell]]:
    """Cells copied one per line → rows, by the layout the header words announce. Rows are
    written the way a text table would hold them: funds rows as label + values, indicator rows
    aligned with their header (levels left blank), the summary as 总分 + 分值 + 得分."""
    cells = join_split_words(cells)
    rows: list[list[Cell]] = []
    n = len(cells)
    k = 0
    while k < n:
        c = cells[k]
        run = _run(cells, k, funds_column)
        if run >= 3:
            header = cells[k : k + run]
            rows.append(header)
            k += run
            while k < n:
                label = funds_label(cells[k].text)
                if label is None and _OF_WHICH.fullmatch(squash(cells[k].text)):
                    k += 1
                    continue
                if label is None:
                    break
                j = k + 1
                while j < n and _value_like(cells[j]) and funds_label(cells[j].text) is None:
                    j += 1
                rows.append([cells[k], *_place_funds(header, cells[k + 1 : j])])
                k = j
            continue
        run = _run(cells, k, indicator_column)
        if run >= 4:
            header = cells[k : k + run]
            cols = _cols(header, indicator_column)
            rows.append(header)
            k += run
            if not all(key in cols for key in _IND_KEYS) or {"operator", "unit"} & cols.keys():
                continue  # cells cannot be placed by the five-field pattern: left unread
            k = _reflow_indicators(cells, k, header, cols, rows)
            continue
        if summary_label(c.text) == "total":
            nums = []
            j = k + 1
            while j < n and _plain(cells[j]) and len(nums) < 2:
                nums.append(cells[j])
                j += 1
            rows.append([c, *nums])
            k = j
            continue
        if summary_label(c.text) == "grade":
            row = [c]
            if not grade_value(c.text) and k + 1 < n:
                row.append(cells[k + 1])
                k += 1
            rows.append(row)
            k += 1
            continue
        rows.append([c])
        k += 1
    return rows


def _blank() -> Cell:
    return Cell("", None, -1, -1)


def _place_funds(header: list[Cell], values: list[Cell]) -> list[Cell]:
    """A funds row's values under its header's columns. A copy drops empty cells, so when the
    count differs from the header's, the values are placed by kind: a percentage is the 执行率,
    plain numbers fill the other columns in order when there are exactly as many of them (or
    exactly three: 年初预算数, 全年预算数, 全年执行数). Otherwise nothing is placed."""
    if len(values) == len(header):
        return values
    keys = [funds_column(h.text) for h in header]
    if any(squash(v.text) in _DASH for v in values):
        return []  # a dash could stand in any column
    pct = [v for v in values if v.text.strip().endswith("%")]
    plain = [v for v in values if not v.text.strip().endswith("%")]
    others = [k for k in keys if k not in ("rate", "reason")]  # a reason is words, not a number
    if len(pct) > 1:
        return []
    if len(plain) == len(others):
        fill = dict(zip(others, plain, strict=True))
    elif len(plain) == 3 and others[:3] and set(others[:3]) == {"initial", "budget", "spent"}:
        fill = dict(zip(others[:3], plain, strict=True))
    else:
        return []
    if pct:
        fill["rate"] = pct[0]
    return [fill.get(k or "", _blank()) for k in keys]


def _reflow_indicators(
    cells: list[Cell], k: int, header: list[Cell], cols: dict[str, int], rows: list[list[Cell]]
) -> int:
    n = len(cells)
    has_reason = "reason" in cols
    while k < n:
        c = cells[k]
        if summary_label(c.text) is not None:
            return k
        if is_level(c.text):
            k += 1
            continue
        if not _starts_indicator(cells, k):
            rows.append([c])  # a cell that cannot be placed: the block is incomplete
            k += 1
            continue
        got = dict(zip(_IND_KEYS, cells[k : k + 5], strict=True))
        k += 5
        if (
            has_reason
            and k < n
            and not is_level(cells[k].text)
            and summary_label(cells[k].text) is None
            and (not _starts_indicator(cells, k) or _starts_indicator(cells, k + 1))
        ):
            got["reason"] = cells[k]
            k += 1
        row = []
        for h in header:
            key = indicator_column(h.text)
            row.append(got.get(key or "", _blank()))
        rows.append(row)
    return k
