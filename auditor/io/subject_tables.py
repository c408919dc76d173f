"""The national 科目 tables as a text export writes them: "201 03 01 行政运行 12,029,501.84 …".

A PDF's text export (or a page copied to text) keeps each table row as a run of words: the
subject code in parts (类 款 项), the name, then the figures, with empty cells simply missing and
several rows sometimes run together on one line. Columns cannot be told apart when a cell is
missing, but the first figure of a row is always its 合计 (the national forms put it first and
fill it). So a table whose rows all state every column is read whole; otherwise only its 合计
column is read, which is what the text, the other tables and 类 = Σ款 = Σ项 compare with.
"""

from __future__ import annotations

import re

from ..lazy_re import cached_re, lazy
from ..model import Cell, Span, Table
from .tables import UNIT_RE, caption

_CAPTION = cached_re(r"^[^\n。，；]{2,60}?表\s*$", re.M)
_NUM = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?"
_ROW = lazy(
    rf"(?<!\S)(?P<code>\d{{3}}(?:[ \t]+\d{{1,2}}){{0,2}})[ \t]+(?P<name>[^\d\s][^\n]*?(?:\n[^\d\s][^\n]*?)?)"
    rf"(?P<nums>(?:[ \t]+{_NUM})+)(?=[ \t]+\d{{3}}[ \t]|[ \t]+合计|[ \t]*$)",
    re.M,
)
_TOTAL = lazy(rf"(?:^|[ \t])(?P<name>合计)(?P<nums>(?:[ \t]+{_NUM})+)[ \t]*$", re.M)
_NUMS = lazy(_NUM)
_CODE_LINE = lazy(r"^\d{3}(?:[ \t]+\d{1,2}){0,2}[ \t]+[^\d\s]", re.M)
_HEAD_SKIP = lazy(r"编码|名称|^项目$|^[类款项]$|^科目$")
MIN_ROWS = 3


def _columns(head: str) -> list[str]:
    """Figure columns named on the header line that holds 合计 ("…名称 合计 基本支出 项目支出")."""
    words = [w for w in head.split() if not _HEAD_SKIP.search(w)]
    return words[words.index("合计") :] if "合计" in words else []


def captions(text: str) -> list[re.Match]:
    """_CAPTION.finditer(text) ("\f" already made "\n"), tried only at the starts of lines that
    hold 表: a caption's words never run past its line, so no other line starts a match, and the
    engine is not run to every line start of the text."""
    out: list[re.Match] = []
    k = text.find("表")
    while k >= 0:
        start = text.rfind("\n", 0, k) + 1
        if not out or start >= out[-1].end():
            m = _CAPTION.match(text, start)
            if m is not None:
                out.append(m)
        nl = text.find("\n", k)
        if nl < 0:
            break
        k = text.find("表", nl)
    return out


def subject_tables(text: str) -> list[Table]:
    text = text.replace("\f", "\n")  # a page break is a line break here (same offsets)
    caps = captions(text)
    out: list[Table] = []
    for k, cap in enumerate(caps):
        end = caps[k + 1].start() if k + 1 < len(caps) else len(text)
        region_start = cap.end()
        rows = list(_ROW.finditer(text, region_start, end))
        if len(rows) < MIN_ROWS:
            continue
        starts = {m.start("code") for m in rows}
        if any(
            m.start() not in starts
            for m in _CODE_LINE.finditer(text, rows[0].start(), rows[-1].end())
        ):
            continue  # a row that could not be read: a partial table would add up wrongly
        head_line = next(
            (
                ln
                for ln in text[region_start : rows[0].start()].splitlines()
                if "合计" in ln.split()
            ),
            "",
        )
        # no header line naming the columns (an export may move it): the first figure is 合计
        columns = _columns(head_line) or ["合计"]
        total = _TOTAL.search(text, rows[-1].end(), end)
        found = rows + ([total] if total else [])
        whole = all(len(_NUMS.findall(m.group("nums"))) == len(columns) for m in found)
        width = len(columns) if whole else 1
        grid: list[list[Cell]] = [
            [Cell("科目编码", None, 0, 0), Cell("科目名称", None, 0, 1)]
            + [Cell(columns[c], None, 0, 2 + c) for c in range(width)]
        ]
        for m in found:
            r = len(grid)
            # "301 2": an export may drop a part's leading zero
            parts = (m.groupdict().get("code") or "").split()
            code = "".join(parts[:1] + [p.zfill(2) for p in parts[1:]])
            row = [
                Cell(code, Span(m.start("code"), m.end("code")) if code else None, r, 0),
                Cell(m.group("name").strip(), Span(m.start("name"), m.end("name")), r, 1),
            ]
            nums = list(_NUMS.finditer(text, m.start("nums"), m.end("nums")))
            for c in range(width):
                n = nums[c] if c < len(nums) else None
                row.append(
                    Cell(n.group(0) if n else "", Span(n.start(), n.end()) if n else None, r, 2 + c)
                )
            grid.append(row)
        before = text[max(0, cap.start() - 200) : region_start].splitlines()[-3:]
        title, unit = caption([ln for ln in before if ln.strip()])
        unit_line = UNIT_RE.search(text[region_start : rows[0].start()])
        out.append(
            Table(
                rows=grid,
                title=title or cap.group(0).strip(),
                unit=unit or (unit_line.group(1) if unit_line else None),
                span=Span(rows[0].start(), found[-1].end()),
            )
        )
    return out
