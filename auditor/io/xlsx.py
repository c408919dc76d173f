"""Read an Excel .xlsx workbook: every sheet's rows as text lines, every sheet as a Table.

Self-evaluation forms (自评表) often arrive as spreadsheets. Each non-empty row becomes one line
of text holding the cells that start in it, separated by a tab (a merged cell is written once, in
its top-left position), so every cell is one contiguous run of the text and a finding on a cell
points at it. Cells are shown as Excel displays them: formulas by their cached value (a formula
never calculated is empty: the tool does not recalculate), numbers with the decimals of their
number format (0.00 → 2 decimals, 0.0% → a percentage with 1), dates as 2023-12-31.

Hostile workbooks are refused in one line before openpyxl builds anything large: the declared
decompressed size, the sheet dimensions and the number of cells are capped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..errors import InputError
from ..lazy_re import cached_re
from ..model import Cell, Document, Span, Table
from .normalize import normalize
from .tables import UNIT_RE, join_parts

MAX_UNCOMPRESSED = 20 * 1024 * 1024  # bytes, all members of the ZIP together
MAX_ROWS = 10_000
MAX_COLUMNS = 256
MAX_CELLS = 200_000


def is_xlsx(data: bytes) -> bool:
    """Whether a ZIP holds an Excel workbook (and not a Word document)."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return False  # not readable as a workbook: the .docx loader says what is wrong
    return "xl/workbook.xml" in names and "word/document.xml" not in names


_MERGE = cached_re(
    rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"'
)


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _check_size(data: bytes) -> None:
    """Refuse before parsing: the declared decompressed size, and merged ranges (openpyxl
    makes one object per merged position, so one hostile range could exhaust memory)."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("damaged ZIP file: not a readable .xlsx") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            f"the .xlsx decompresses to {total // (1024 * 1024)} MB (limit "
            f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB): refused"
        )
    merged = 0
    for i in infos:
        if not i.filename.startswith("xl/worksheets/") or not i.filename.endswith(".xml"):
            continue
        try:
            xml = z.read(i)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise InputError("damaged ZIP file: not a readable .xlsx") from None
        for m in _MERGE.finditer(xml):
            c0, r0, c1, r1 = _col(m.group(1)), int(m.group(2)), _col(m.group(3)), int(m.group(4))
            if max(r0, r1) > MAX_ROWS or max(c0, c1) > MAX_COLUMNS:
                raise InputError(
                    f"a merged range reaches row {max(r0, r1)}, column {max(c0, c1)} "
                    f"(limit {MAX_ROWS} × {MAX_COLUMNS}): refused"
                )
            merged += (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)
    if merged > MAX_CELLS:
        raise InputError(f"the workbook merges more than {MAX_CELLS} cells: refused")


def load_xlsx(data: bytes, path: str, sha: str) -> Document:
    """XLSX bytes → Document with one Table per non-empty sheet; InputError when unreadable."""
    _check_size(data)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - the xlsx extra is part of the install
        raise InputError("reading .xlsx needs openpyxl: pip install 'audit-budget[xlsx]'") from None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except InputError:
        raise
    except Exception as e:  # openpyxl, zipfile and lxml raise many kinds on damaged files
        reason = str(e).strip() or type(e).__name__
        raise InputError(f"cannot read the Excel workbook (.xlsx): {reason[:120]}") from None

    sheets = []
    cells = 0
    for ws in wb.worksheets:
        rows, cols = ws.max_row or 0, ws.max_column or 0
        if rows > MAX_ROWS or cols > MAX_COLUMNS:
            raise InputError(
                f"sheet '{ws.title[:40]}' is {rows} rows × {cols} columns "
                f"(limit {MAX_ROWS} × {MAX_COLUMNS}): refused"
            )
        cells += rows * cols
        if cells > MAX_CELLS:
            raise InputError(f"the workbook has more than {MAX_CELLS} cells: refused")
        sheets.append(_sheet_grid(ws))

    parts: list[str] = []
    pos = 0
    made: list[tuple[list[list[_XCell]], list[int]]] = []
    for grid in sheets:
        kept: list[int] = []  # grid rows that hold text, in order
        for r, row in enumerate(grid):
            # every column keeps its field (a position a merged cell covers is an empty one)
            own = [c if c.r == r and c.c == i else None for i, c in enumerate(row)]
            last = max((i for i, c in enumerate(own) if c is not None and c.text), default=-1)
            if last < 0:
                continue
            own = own[: last + 1]
            if pos:
                parts.append("\n")
                pos += 1
            for i, c in enumerate(own):
                if i:
                    parts.append("\t")
                    pos += 1
                if c is None or not c.text:
                    continue
                c.span = Span(pos, pos + len(c.text))
                parts.append(c.text)
                pos += len(c.text)
            kept.append(r)
        if kept:
            made.append((grid, kept))
    original = "".join(parts)
    if not original.strip():
        raise InputError("the .xlsx has no text")
    text = normalize(original)
    tables = [t for g, kept in made if (t := _table(g, kept, text)) is not None]
    return Document(
        path=path, original=original, text=text, encoding="xlsx", sha256=sha, tables=tables
    )


class _XCell:
    def __init__(self, r: int, c: int, text: str, rs: int = 1, cs: int = 1) -> None:
        self.r, self.c, self.rs, self.cs = r, c, rs, cs
        self.text = text
        self.span: Span | None = None


def _sheet_grid(ws) -> list[list[_XCell]]:
    """The used range as a full grid (0-based); a merged range is one _XCell at every position."""
    nrows, ncols = ws.max_row or 0, ws.max_column or 0
    grid: list[list[_XCell | None]] = [[None] * ncols for _ in range(nrows)]
    for rng in ws.merged_cells.ranges:
        r0, c0 = rng.min_row - 1, rng.min_col - 1
        r1, c1 = min(rng.max_row, nrows) - 1, min(rng.max_col, ncols) - 1
        if r0 >= nrows or c0 >= ncols:
            continue
        cell = _XCell(r0, c0, display(ws.cell(rng.min_row, rng.min_col)), r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                grid[r][c] = cell
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=nrows, max_col=ncols)):
        for c, xc in enumerate(row):
            if grid[r][c] is None:
                grid[r][c] = _XCell(r, c, display(xc))
    return [[c for c in row if c is not None] for row in grid]


_DECIMALS = cached_re(r"\.([0#?]+)")


def display(cell) -> str:
    """A cell's value as Excel shows it: cached formula results, the format's decimals."""
    v = cell.value
    if v is None:
        return ""
    fmt = cell.number_format or "General"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return _date(v, fmt)
    if isinstance(v, int | float):
        return _number(v, fmt)
    s = str(v)
    if s.startswith("=") and cell.data_type == "f":  # pragma: no cover - data_only gives values
        return ""
    return join_parts(s.replace("\r", "\n").split("\n"))


def _number(v: float | int, fmt: str) -> str:
    try:
        d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    except InvalidOperation:
        return ""
    if not d.is_finite():
        return ""
    section = fmt.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", section)  # literals, colours, padding
    percent = "%" in section
    if percent:
        d *= 100
    m = _DECIMALS.search(section)
    if section.strip().lower() in ("general", "@", "") or not re.search(r"[0#?]", section):
        decimals = None
    else:
        decimals = len(m.group(1)) if m else 0
    if decimals is None:
        d = d.quantize(Decimal("1e-10"), rounding=ROUND_HALF_UP).normalize()
        s = f"{d:f}"
        if "." in s:
            s = s.rstrip("0").rstrip(".")
    else:
        s = f"{d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):f}"
        if "," in section:
            sign, s = ("-", s[1:]) if s.startswith("-") else ("", s)
            whole, _, frac = s.partition(".")
            s = sign + f"{int(whole):,}" + ("." + frac if frac else "")
    if s in ("-0", "-0.0") or re.fullmatch(r"-0\.0+", s):
        s = s[1:]
    return s + ("%" if percent else "")


def _date(v: dt.datetime | dt.date | dt.time, fmt: str) -> str:
    if isinstance(v, dt.time):
        return v.strftime("%H:%M")
    cn = "年" in fmt
    d = v.date() if isinstance(v, dt.datetime) else v
    s = f"{d.year}年{d.month}月{d.day}日" if cn else d.isoformat()
    if isinstance(v, dt.datetime) and (v.hour or v.minute or v.second):
        s += v.strftime(" %H:%M")
    return s


def _table(grid: list[list[_XCell]], kept: list[int], text: str) -> Table | None:
    """The sheet's non-empty rows as a Table; merged cells repeat over the positions they cover."""
    if not grid or not grid[0]:
        return None
    index = {r: i for i, r in enumerate(kept)}
    made: dict[int, Cell] = {}
    rows: list[list[Cell]] = []
    for r in kept:
        out = []
        for xc in grid[r]:
            cell = made.get(id(xc))
            if cell is None:
                top = index.get(xc.r)
                covered = [k for k in kept if xc.r <= k < xc.r + xc.rs]
                s = xc.span
                cell = Cell(
                    text=text[s.start : s.end] if s else "",
                    span=s,
                    row=top if top is not None else index[r],
                    col=xc.c,
                    rowspan=max(1, len(covered)),
                    colspan=xc.cs,
                )
                made[id(xc)] = cell
            out.append(cell)
        rows.append(out)
    if len(rows[0]) < 2:
        return None
    spans = [c.span for row in rows for c in row if c.span]
    if not spans:
        return None
    title = ""
    first = [c for c in rows[0] if c.text.strip()]
    if len({id(c) for c in first}) == 1 and "表" in first[0].text:
        title = first[0].text.strip()[:80]
    m = UNIT_RE.search(" ".join(c.text for row in rows[:4] for c in row))
    span = Span(min(s.start for s in spans), max(s.end for s in spans))
    return Table(rows=rows, title=title, unit=m.group(1) if m else None, span=span)
