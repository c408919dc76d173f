"""Tables shared by the loaders: captions (title, 单位), cell text, and plain-text tables.

PDF and DOCX loaders build ``Table`` grids from the file's own structure. A .txt report has no
such structure, so tables written as text are recognised here: pipe tables (``| 项目 | 合计 |``)
and columns separated by tabs or by two or more spaces. Every cell keeps its span in the text,
so a finding on a figure in a text table points at that figure.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Callable
from itertools import accumulate

from ..lazy_re import cached_re, lazy
from ..model import Cell, Document, Span, Table
from ..segment import newline_pieces

UNIT_RE = lazy(r"单位\s*[：:]\s*(亿元|万元|千元|元)")
_NUMBER_RE = lazy(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
# a Markdown rule under a header: two dash groups or more, or one within outer bars; "-- |" alone
# is a dash cell of a table copied one cell per line
_SEPARATOR_RE = lazy(r"^(?:\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?|\|\s*:?-{2,}:?\s*\|)\s*$")
# r" {2,}|\t+" written so that both alternatives open with their character: the engine then
# skips to the next space or tab instead of trying both repeats at every character
_SPLIT_RE = cached_re(r"  +|\t\t*")


def is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\uf900" <= ch <= "\ufaff"


def join_parts(parts: list[str]) -> str:
    """Lines of one cell (or one paragraph) joined: no space where Chinese text wraps."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        a, b = out[-1:], p[0]
        glued = is_cjk(a) or is_cjk(b) or a in ",.(-/" or b in ",.)%/" or (a + b).isdigit()
        if out and not glued:  # a figure wrapped in a narrow column stays one figure
            out += " "
        out += p
    return out


def caption(lines: list[str]) -> tuple[str, str | None]:
    """The title and the money unit (单位：元/万元) stated in the lines just above a table."""
    unit = None
    title = ""
    for ln in lines:
        m = UNIT_RE.search(ln)
        if m:
            unit = m.group(1)
    for ln in reversed(lines):  # the nearest line naming a table (…总表, …预算表)
        s = UNIT_RE.sub("", ln).strip()
        s = re.sub(r"^编制(?:部门|单位)\s*[：:].*$", "", s).strip()
        if "表" in s:
            title = s[:80]
            break
    return title, unit


def is_number(s: str) -> bool:
    return bool(_NUMBER_RE.match(s.strip()))


_READ: dict[int, tuple[str, list[Table]]] = {}  # id(document) → (its text, its text tables)


def document_text_tables(doc: Document) -> list[Table]:
    """text_tables() of a document's text, read once per document: the table body, the forms
    and the duplicate check all ask for them. A new list each time; the tables are shared.
    Kept aside (not on the document, which workers send back) until the document is freed."""
    key = id(doc)
    got = _READ.get(key)
    if got is None or got[0] is not doc.text:
        got = _READ[key] = (doc.text, text_tables(doc.text))
        weakref.finalize(doc, _READ.pop, key, None)
    return list(got[1])


def text_tables(text: str) -> list[Table]:
    """Tables written as text: runs of pipe rows, or of rows with the same number of columns;
    then, among the other lines, runs of one cell per line (a web table copied as text)."""
    lines = _lines(text)
    # a row table's lines hold a bar, a tab or two spaces (_style): a text with none has none
    tables = _row_tables(lines, _marked_lines(text, lines))
    used = [t.span for t in tables if t.span]
    tables += _column_tables(lines, used)
    tables.sort(key=lambda t: t.span.start if t.span else 0)
    return tables


_CELL_MAX = 24  # characters: most cells of a copied table are shorter than a sentence
_MIN_CELLS = 8
_MIN_NUMBERS = 4
_PARAGRAPH = 80  # characters: a longer line is prose (a long cell splits the table in two)


def _meeting(spans: list[Span]) -> Callable[[int, int], bool]:
    """Whether [a, b] meets one of the spans (some u with u.start <= b and a <= u.end): among
    the spans starting at or before b, the furthest end, found by bisection instead of a scan
    of every span for every line."""
    spans = sorted(spans, key=lambda u: u.start)
    starts = [u.start for u in spans]
    reach = list(accumulate((u.end for u in spans), max))

    def meets(a: int, b: int) -> bool:
        k = bisect.bisect_right(starts, b)
        return k > 0 and reach[k - 1] >= a

    return meets


def _column_tables(lines: list[tuple[int, str]], used: list[Span]) -> list[Table]:
    """Runs of one cell per line: at least 8 lines, 4 of them figures, most of them short.
    Single blank lines inside a run are the empty lines some copies put between cells; two
    blank lines, a line of another table, or a paragraph (a line over 80 characters) end it. Each line becomes a row of one cell, so
    that a reader that knows the table's layout (a 自评表) can put the cells back in rows."""
    out: list[Table] = []
    run: list[tuple[int, str]] = []
    blanks = 0

    def flush() -> None:
        cells = [(s, ln) for s, ln in run if ln.strip()]
        if len(cells) >= _MIN_CELLS:
            texts = [ln.strip() for _, ln in cells]
            numbers = sum(1 for t in texts if is_number(t.replace(" ", "")))
            short = sum(1 for t in texts if len(t) <= _CELL_MAX)
            if numbers >= _MIN_NUMBERS and short * 3 >= len(texts) * 2:
                rows = []
                for r, (s, ln) in enumerate(cells):
                    lead = len(ln) - len(ln.lstrip())
                    t = ln.strip()
                    rows.append([Cell(t, Span(s + lead, s + lead + len(t)), r, 0)])
                first, last = rows[0][0].span, rows[-1][0].span
                assert first and last
                out.append(Table(rows=rows, span=Span(first.start, last.end)))
        run.clear()

    meets = _meeting(used) if used else None  # (no table read yet: no line meets one)
    for s, ln in lines:
        stripped = ln.strip()
        inside = meets is not None and meets(s, s + len(ln)) and stripped
        if inside:
            flush()
            blanks = 0
            continue
        if not stripped:
            blanks += 1
            if blanks >= 2:
                flush()
            continue
        blanks = 0
        if len(stripped) > _PARAGRAPH:
            flush()  # a paragraph of prose, not a cell: it ends the run
            continue
        run.append((s, ln))
    flush()
    return out


def _marked_lines(text: str, lines: list[tuple[int, str]]) -> set[int]:
    """The lines holding a bar, a tab or two spaces: the only ones _style gives a style (found
    by str.find in the text, not by a test of every line)."""
    starts = [s for s, _ in lines]
    out: set[int] = set()
    for mark in ("|", "\t", "  "):
        k = text.find(mark)
        while k >= 0:
            out.add(bisect.bisect_right(starts, k) - 1)
            k = text.find(mark, k + 1)
    return out


def _row_tables(lines: list[tuple[int, str]], marked: set[int] | None = None) -> list[Table]:
    """Runs of rows of one style. ``marked``: the lines that may have one (_marked_lines), the
    others passed over without _style's tests."""
    tables: list[Table] = []
    i, n, last_end = 0, len(lines), 0
    while i < n:
        start, line = lines[i]
        style = _style(line) if marked is None or i in marked else None
        if style is None:
            i += 1
            continue
        rows: list[list[Cell]] = []
        j = i
        width = None
        while j < n:
            s, ln = lines[j]
            if _style(ln) != style:
                break
            if style == "pipe" and _SEPARATOR_RE.match(ln.strip()):
                j += 1
                continue
            cells = _cells(s, ln, style, len(rows))
            if style == "space" and width is not None and len(cells) != width:
                break
            width = width or len(cells)
            rows.append(cells)
            j += 1
        if len(rows) >= 2 and any(is_number(c.text) for r in rows for c in r):
            w = max(len(r) for r in rows)
            for r_i, r in enumerate(rows):
                r.extend(Cell("", None, r_i, c) for c in range(len(r), w))
            before = [ln for _, ln in lines[max(0, i - 3, last_end) : i] if ln.strip()]
            title, unit = caption(before)
            spans = [c.span for r in rows for c in r if c.span]
            span = Span(spans[0].start, spans[-1].end) if spans else None
            tables.append(Table(rows=rows, title=title, unit=unit, span=span))
            last_end = j
        i = max(j, i + 1)
    return tables


def _lines(text: str) -> list[tuple[int, str]]:
    if "\r" not in text:  # \n the only break: split, no regex pass
        return [(a, text[a:b]) for a, b in newline_pieces(text)]
    out, pos = [], 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out


def _style(line: str) -> str | None:
    s = line.strip()
    if s == "|":
        return "pipe"  # an empty cell of a table copied one cell per line, each ending in " |"
    if s.startswith("|") and s.count("|") >= 3:
        return "pipe"
    if "|" in s and not s.startswith("|") and s != "|":
        return "pipe"  # cells separated by |, without the outer bars (a web page copied)
    if "\t" in s:
        return "tab"  # one tab per column: empty cells are kept
    if "  " in s:  # _SPLIT_RE splits s in two or more (a tab was tested above)
        return "space"
    return None


def _cells(offset: int, line: str, style: str, row: int) -> list[Cell]:
    out: list[Cell] = []
    if style == "pipe":
        bounds = [m.start() for m in re.finditer(r"\|", line)]
        outer = line.lstrip().startswith("|")
        if not outer:  # every bar separates: a bar at the end leaves an empty last cell
            bounds.insert(0, len(line) - len(line.lstrip()) - 1)
        pieces = [(a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False)]
        if not outer or line.rstrip()[-1:] != "|":
            pieces.append((bounds[-1] + 1, len(line)))
    elif style == "tab":
        body = line.rstrip("\r\n")
        bounds = [-1] + [m.start() for m in re.finditer(r"\t", body)] + [len(body)]
        pieces = [(a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    else:
        lead = len(line) - len(line.lstrip())
        pieces, pos = [], lead
        body = line.rstrip()
        for m in _SPLIT_RE.finditer(body, lead):
            pieces.append((pos, m.start()))
            pos = m.end()
        pieces.append((pos, len(body)))
    for col, (a, b) in enumerate(pieces):
        raw = line[a:b]
        la = a + len(raw) - len(raw.lstrip())
        lb = b - (len(raw) - len(raw.rstrip()))
        text = line[la:lb]
        span = Span(offset + la, offset + lb) if text else None
        out.append(Cell(text, span, row, col))
    return out
