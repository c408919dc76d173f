"""Read a Word .docx: body paragraphs and tables in document order, tables as grids of cells.

Each paragraph becomes one line of text; each table row one line holding the cells that start
in it, separated by a space, so every cell is one contiguous run of the text and a finding on a
figure in a table points at that figure. Merged cells (horizontal gridSpan, vertical vMerge)
fill every grid position they cover, as ``Table`` expects. Headers, footers, text boxes and
tables nested inside cells are not read.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError
from ..model import Cell, Document, Span, Table
from .normalize import normalize
from .tables import UNIT_RE, caption, join_parts


class _DCell:
    def __init__(self, r: int, c: int, cs: int, text: str) -> None:
        self.r, self.c, self.rs, self.cs = r, c, 1, cs
        self.text = text
        self.span: Span | None = None


def load_docx(data: bytes, path: str, sha: str) -> Document:
    """DOCX bytes → Document with its tables; InputError for other ZIP files or damage."""
    _refuse_other_zip(data)
    try:
        import docx
        from docx.oxml.ns import qn
    except ImportError:  # pragma: no cover - the docx extra is part of the install
        raise InputError(
            "reading .docx needs python-docx: pip install 'audit-budget[docx]'"
        ) from None
    try:
        d = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(d.element.body, qn))
    except InputError:
        raise
    except Exception as e:  # python-docx and lxml raise many kinds on damaged files
        reason = str(e).strip() or type(e).__name__
        raise InputError(f"cannot read the .docx ({reason[:120]})") from None

    parts: list[str] = []
    pos = 0

    def add(s: str) -> Span:
        nonlocal pos
        if pos:
            parts.append("\n")
            pos += 1
        start = pos
        parts.append(s)
        pos += len(s)
        return Span(start, pos)

    grids: list[tuple[list[list[_DCell]], list[str]]] = []
    recent: list[str] = []
    for kind, item in blocks:
        if kind == "p":
            if item.strip():
                add(item)
                recent.append(item)
            continue
        grid = item
        for r, row in enumerate(grid):
            cells = [c for i, c in enumerate(row) if c.r == r and c.c == i and c.text]
            if not cells:
                continue
            line_start = pos + (1 if pos else 0)
            add(" ".join(c.text for c in cells))
            off = line_start
            for c in cells:
                c.span = Span(off, off + len(c.text))
                off += len(c.text) + 1
        grids.append((grid, recent[-3:]))
        recent = []
    original = "".join(parts)
    if not original.strip():
        raise InputError("the .docx has no text")
    text = normalize(original)
    tables = [_table(g, before, text) for g, before in grids if g and len(g[0]) >= 2]
    return Document(
        path=path, original=original, text=text, encoding="docx", sha256=sha, tables=tables
    )


# A .docx is a ZIP: a few KB can unpack to gigabytes. Real reports unpack to a few MB.
MAX_UNZIPPED = 200 * 1024 * 1024
# Word itself allows 63 columns; a span or gridBefore beyond this is not a table but an attack.
MAX_COLS = 512


def _refuse_other_zip(data: bytes) -> None:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except Exception:  # BadZipFile, EOFError, NotImplementedError ("zip file version 6.4")…
        raise InputError("damaged ZIP file: not a readable .docx") from None
    names = {i.filename for i in infos}
    # the declared sizes bound what zipfile will inflate (it stops there and checks the CRC)
    if sum(i.file_size for i in infos) > MAX_UNZIPPED:
        raise InputError(
            f"the .docx unpacks to more than {MAX_UNZIPPED >> 20} MiB (a ZIP bomb?): not audited"
        )
    if "word/document.xml" in names:
        return
    if "xl/workbook.xml" in names:
        raise InputError(
            "an Excel workbook (.xlsx): not supported, export it or use the .docx/.pdf"
        )
    raise InputError("a ZIP file that is not a Word .docx")


def _blocks(body, qn):
    """Body paragraphs (text) and tables (grids), in document order; content controls opened."""
    p_tag, tbl_tag, sdt_tag = qn("w:p"), qn("w:tbl"), qn("w:sdt")
    for el in body.iterchildren():
        if el.tag == p_tag:
            yield "p", _p_text(el, qn)
        elif el.tag == tbl_tag:
            yield "t", _grid(el, qn)
        elif el.tag == sdt_tag:
            content = el.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content, qn)


def _p_text(p, qn) -> str:
    """A paragraph's visible text: runs, tabs and breaks, including those inside hyperlinks."""
    out = []
    t_tag, tab_tag, br_tag = qn("w:t"), qn("w:tab"), qn("w:br")
    for el in p.iter(t_tag, tab_tag, br_tag, qn("w:cr")):
        if el.tag == t_tag:
            out.append(el.text or "")
        elif el.tag == tab_tag:
            out.append("\t")
        else:
            out.append(" ")
    return "".join(out).replace("\r", " ").replace("\n", " ")


def _grid_width(tbl, qn) -> int:
    """Columns of the table's grid (w:tblGrid), at most MAX_COLS; MAX_COLS when not stated."""
    grid = tbl.find(qn("w:tblGrid"))
    n = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
    return min(n, MAX_COLS) if n else MAX_COLS


def _int(el, qn, default: int) -> int:
    """A w:val that must be a count: bounded, so gridSpan="1000000000" cannot build a huge row."""
    v = el.get(qn("w:val"), None)
    try:
        n = int(v) if v is not None else default
    except ValueError:
        raise InputError(f"damaged .docx (w:val {str(v)[:20]!r} is not a number)") from None
    if n > MAX_COLS:
        raise InputError(f"a table cell spans {n} columns (more than {MAX_COLS}): not a real table")
    return max(0, n)


def _grid(tbl, qn) -> list[list[_DCell]]:
    tr_tag, tc_tag = qn("w:tr"), qn("w:tc")
    rows: list[list[_DCell | None]] = []
    width = _grid_width(tbl, qn)
    for r, tr in enumerate(tbl.iterchildren(tr_tag)):
        row: dict[int, _DCell] = {}
        c = min(_grid_before(tr, qn), width)
        for tc in tr.iterchildren(tc_tag):
            span, vmerge = _tc_props(tc, qn)
            span = max(1, min(span, width - c))  # a span never reaches past the grid
            above = rows[r - 1][c] if r and c < len(rows[r - 1]) else None
            if vmerge == "continue" and above is not None:
                cell = above
                cell.rs = r - cell.r + 1
            else:
                paras = [_p_text(p, qn) for p in tc.iterchildren(qn("w:p"))]
                cell = _DCell(r, c, span, join_parts(paras))
            for k in range(span):
                row[c + k] = cell
            c += span
        used = max(row) + 1 if row else 0
        rows.append([row.get(i) for i in range(used)])
    ncols = max((len(r) for r in rows), default=0)
    out: list[list[_DCell]] = []
    for r, row in enumerate(rows):
        full = row + [None] * (ncols - len(row))
        out.append([c if c is not None else _DCell(r, i, 1, "") for i, c in enumerate(full)])
    return out


def _grid_before(tr, qn) -> int:
    pr = tr.find(qn("w:trPr"))
    el = pr.find(qn("w:gridBefore")) if pr is not None else None
    return _int(el, qn, 0) if el is not None else 0


def _tc_props(tc, qn) -> tuple[int, str | None]:
    pr = tc.find(qn("w:tcPr"))
    if pr is None:
        return 1, None
    gs = pr.find(qn("w:gridSpan"))
    vm = pr.find(qn("w:vMerge"))
    span = _int(gs, qn, 1) if gs is not None else 1
    vmerge = (vm.get(qn("w:val")) or "continue") if vm is not None else None
    return max(1, span), vmerge


def _table(grid: list[list[_DCell]], before: list[str], text: str) -> Table:
    made: dict[int, Cell] = {}
    rows: list[list[Cell]] = []
    for r, row in enumerate(grid):
        out = []
        for c, dc in enumerate(row):
            cell = made.get(id(dc))
            if cell is None:
                s = dc.span
                cell = Cell(
                    text=text[s.start : s.end] if s else "",
                    span=s,
                    row=r,
                    col=c,
                    rowspan=dc.rs,
                    colspan=dc.cs,
                )
                made[id(dc)] = cell
            out.append(cell)
        rows.append(out)
    title, unit = caption(before)
    if unit is None:
        m = UNIT_RE.search(" ".join(c.text for row in rows[:4] for c in row))
        unit = m.group(1) if m else None
    spans = [c.span for row in rows for c in row if c.span]
    span = Span(min(s.start for s in spans), max(s.end for s in spans)) if spans else None
    return Table(rows=rows, title=title, unit=unit, span=span)
