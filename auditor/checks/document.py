"""Document: slips a reviewer sees in the document as a whole, not in one figure.

M001  a template placeholder left in the text (XX局, 20XX年, ××单位, （单位名称）)
M002  the 目录 lists a table that the body does not contain
M003  a note "本表为空表 / 本表无数据" on a table that has figures

Vocabulary (placeholder marks and fields, 目录 headings, empty-table notes) is in the
[document] table of rules/lexicon.toml.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal, InvalidOperation
from functools import cache

from ..catalogue import lexicon
from ..extract.starts import Starts
from ..extract.toc import find_toc
from ..io.tables import UNIT_RE, is_cjk, is_number
from ..lazy_re import cached_re, lazy
from ..model import Cell, Related, Span, Table
from ..segment import line_spans
from .base import Audit, check


@cache
def _vocab() -> dict:
    return lexicon()["document"]


def _tables(a: Audit) -> list[Table]:
    return a.body.tables  # read once in the extraction stage


# --- M001: placeholders ---------------------------------------------------------------------


@cache
def _placeholder_rx() -> tuple[re.Pattern, re.Pattern]:
    v = _vocab()
    marks = "".join(re.escape(c) for c in v["placeholder_marks"])
    run = cached_re(f"[{marks}]+")
    fields = "|".join(re.escape(f) for f in v["placeholder_fields"])
    prompts = "|".join(re.escape(p) for p in v["placeholder_prompts"])
    bracketed = cached_re(
        rf"[（(【\[]\s*(?:(?:{fields})|(?:{prompts})[^）)】\]]{{0,20}})\s*[）)】\]]"
    )
    return run, bracketed


@cache
def _bracket_words() -> tuple[str, ...]:
    """The words one of which every match of _placeholder_rx()'s bracketed pattern holds."""
    v = _vocab()
    return tuple(v["placeholder_fields"]) + tuple(v["placeholder_prompts"])


def _is_placeholder(text: str, a: int, b: int) -> bool:
    """Whether the run of marks text[a:b] stands where a name or a number belongs: beside
    Chinese text (XX局, ××单位), in a year (20XX年) or before a unit (XX万元). A run inside a
    Latin word or a code (XXL, X101, Windows XP) and a lone × (a multiplication) are not."""
    run = text[a:b]
    before, after = text[a - 1 : a], text[b : b + 1]
    if (before.isascii() and before.isalnum() and not before.isdigit()) or (
        after.isascii() and after.isalnum() and not after.isdigit()
    ):
        return False  # part of a Latin word: XXL, Xbox, 'xx' in a URL
    slots = _vocab()["placeholder_number_slots"]
    in_year = bool(re.search(r"(?:19|20)\d?$", text[max(0, a - 3) : a])) and text[b:].startswith(
        "年"
    )
    if in_year:
        return True
    if after.isdigit() or before.isdigit():
        return False  # a code or a product number: X101, 3x4
    if len(run) < 2:
        return False  # a lone X (X光) or × (分值×执行率)
    if set(run) == {"*"} and is_cjk(before) and not is_cjk(text[a - 2 : a - 1] or " "):
        return False  # a masked name (张**), not a template's blank
    if set(run) == {"*"} and len(run) == 2:
        line_start = text.rfind("\n", 0, a) + 1
        line_end = text.find("\n", b)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if line.count("**") >= 2:
            return False  # **bold** in a text export
    return is_cjk(before) or is_cjk(after) or any(text.startswith(s, b) for s in slots)


def mark_runs(text: str, marks: list[str]) -> list[tuple[int, int]]:
    """The spans of the runs of placeholder marks (_placeholder_rx()'s first pattern, [marks]+):
    the marks' places found by str.find and joined where they follow each other, instead of a
    test of every character of the text by the regex engine."""
    out: list[list[int]] = []
    for k in Starts(text, "".join(marks)).places:
        if out and out[-1][1] == k:
            out[-1][1] = k + 1
        else:
            out.append([k, k + 1])
    return [(a, b) for a, b in out]


_MASKED_LINES = 4  # lines with a run of asterisks that make a text a masked copy
_BOUNDS = frozenset("≥≤><=")


@check("M001")
def placeholders(a: Audit) -> None:
    _, bracketed = _placeholder_rx()  # (the runs: mark_runs, the same spans)
    text = a.text
    flagged_lines: set[int] = set()
    hits: list[Span] = []
    runs = mark_runs(text, _vocab()["placeholder_marks"])
    masked = _vocab()["placeholder_masked"]
    # a mark the text says hides text ("****为隐藏内容") is a mask wherever it stands
    masks = {text[start] for start, end in runs if text.startswith(tuple(masked), end)}
    # asterisks on many lines: a republished copy with its names masked, not a template's blanks
    starred = {a.doc.place(s)[0] for s, e in runs if e - s >= 2 and text[s] == "*"}
    if len(starred) >= _MASKED_LINES or any(w in text for w in _vocab()["masked_notices"]):
        masks.add("*")  # (or the site says so: "点击登录查看")
    for start, end in runs:
        # (a blank after a bound, "≥**平方米", is a target left out, masked copy or not)
        hidden = text[start] in masks and text[start - 1 : start] not in _BOUNDS
        if not hidden and _is_placeholder(text, start, end):
            hits.append(Span(start, end))
    # every bracketed match holds a field name or a prompt: a text with neither is not searched
    if any(w in text for w in _bracket_words()):
        hits += [Span(m.start(), m.end()) for m in bracketed.finditer(text)]
    for sp in sorted(hits, key=lambda s: s.start):
        line = a.doc.position(sp.start).line
        if line in flagged_lines:
            continue
        flagged_lines.add(line)
        lo = max(text.rfind("\n", 0, sp.start) + 1, sp.start - 12)
        context = text[lo : sp.end + 12].split("\n")[0].strip()
        raw = a.doc.source(sp)  # (its original characters: a rebuilt line moved offsets)
        a.emit(
            "M001",
            sp,
            f"模板占位符“{raw}”未替换为实际内容（“{context}”）",
            f"template placeholder '{raw}' left in the text ('{context}')",
            evidence={"stated": raw},
        )


# --- M002: the 目录 against the tables present ----------------------------------------------

_YEARS = lazy(r"(?:19|20)\d{2}\s*年度?")
_QUOTES = lazy(r"[\s“”\"'‘’「」『』《》]")
_CAPTION_NUMBER = lazy(
    r"^\s*(?:附?表\s*(?:\d{1,2}(?!\d)|[一二三四五六七八九十]+)[、.．:：\s]*"
    r"|\d{1,2}\s*[.、．](?!\d{1,2}\b)\s*|[一二三四五六七八九十]+、)"
)
_ORG_END = lazy(r"(?:局|委|委员会|办|办公室|办事处|处|中心|院|所|站|队|政府|部门|单位|本级)$")


_CAPTION_TAIL = lazy(r"\s*(?:编制(?:部门|单位)\s*[:：]|[(（]?\s*单位\s*[:：]).*$")


def norm_title(s: str) -> str:
    """A title as compared: no years, spaces, quotes or numbering; ASCII brackets; without a
    unit or 编制部门 written on the same line."""
    s = _CAPTION_TAIL.sub("", s)
    s = _CAPTION_NUMBER.sub("", s.replace("（", "(").replace("）", ")"))
    return _QUOTES.sub("", _YEARS.sub("", s))


def _present(title: str, candidates: set[str]) -> bool:
    if title in candidates:
        return True
    for c in candidates:
        if c.startswith(title) and c[len(title) : len(title) + 1] in ("(", "续"):
            return True  # "…决算表（续）", "…预算表(单位：元)"
        if c.endswith(title) and _ORG_END.search(c[: -len(title)]):
            return True  # "上海市某某局收入决算表"
    return False


@check("M002")
def toc_tables(a: Audit) -> None:
    toc = find_toc(a.text)
    if toc is None or not toc.tables:
        return
    candidates: set[str] = set()
    body = [(s, e) for s, e in line_spans(a.text) if s >= toc.end]
    prev = ""
    for s, e in body:
        line = norm_title(a.text[s:e])
        if not line:
            continue
        candidates.add(line)
        if prev:
            candidates.add(norm_title(prev + a.text[s:e]))  # a caption wrapped over two lines
        prev = a.text[s:e]
    for t in _tables(a):
        if t.title and (t.span is None or t.span.start >= toc.end):
            candidates.add(norm_title(t.title))
    listed = [(e, norm_title(e.title)) for e in toc.tables]
    missing = [e for e, t in listed if not _present(t, candidates)]
    found = len(listed) - len(missing)
    # silence unless the body visibly carries the other listed tables (a text export that
    # lost its tables, or a 目录 this reading got wrong, gives nothing)
    if not missing or found < 2 or found * 2 < len(listed):
        return
    for e in missing:
        a.emit(
            "M002",
            e.span,
            f"目录列出的“{e.title}”在正文中找不到（目录所列其余 {found} 张表均在）",
            f"the table of contents lists '{e.title}', which the body does not contain "
            f"(the other {found} listed tables are there)",
            evidence={"table": e.title, "stated": e.title},
        )


# --- M003: an empty-table note on a filled table --------------------------------------------

_CODE_HEAD = lazy(r"编码|代码|序号|行次|栏次")
_CAPTION_LINE = lazy(r"表\s*$")
_CODE_LEAF = {"类", "款", "项"}


def _figures(t: Table) -> list:
    """The non-zero figures in a table's body: cells below the header rows, outside columns of
    codes (科目编码, 类/款/项, 序号)."""
    first = next(
        (i for i, r in enumerate(t.rows) if any(is_number(c.text) for c in r)), len(t.rows)
    )
    width = max((len(r) for r in t.rows), default=0)
    code_cols = set()
    for c in range(width):
        head = [r[c].text.strip() for r in t.rows[:first] if c < len(r)]
        if any(_CODE_HEAD.search(h) or h in _CODE_LEAF for h in head):
            code_cols.add(c)
    out = []
    for r in t.rows[first:]:
        for c in r:
            if c.col in code_cols or not is_number(c.text):
                continue
            try:
                v = Decimal(c.text.strip().rstrip("%").replace(",", ""))
            except InvalidOperation:
                continue
            if v != 0:
                out.append(c)
    return out


def _note_table(a: Audit, tables: list[Table], start: int) -> Table | None:
    """The table a note at `start` is about: the one it stands in, or the one just above it
    (at most two lines between, no other table in between)."""
    best = None
    for t in tables:
        if t.span is None:
            continue
        if t.span.start <= start < t.span.end:
            return t
        if t.span.end <= start and (best is None or t.span.end > best.span.end):
            best = t
    if best is None:
        return None
    gap = [ln for ln in a.text[best.span.end : start].splitlines() if ln.strip()]
    if len(gap) > 2 or any(_CAPTION_LINE.search(ln) or UNIT_RE.search(ln) for ln in gap):
        return None  # the note stands under the caption of another (gridless) table
    return best


_TOKEN = lazy(r"\S+")
_TEXT_TABLE_LINES = 20


def _figures_above(a: Audit, lines: list[tuple[int, int]], i: int) -> tuple[str, list[Cell]]:
    """A table the text gives as plain lines (one row a line, cells apart by spaces): the
    figures of the rows between the note at line i and the caption above it. Leading codes of
    a row (201 13 01 行政运行 …) are not figures; a row of numbers only is all figures."""
    out: list[Cell] = []
    for k in range(i - 1, max(-1, i - _TEXT_TABLE_LINES), -1):
        s, e = lines[k]
        row = a.text[s:e]
        if _CAPTION_LINE.search(row) and not any(is_number(t) for t in row.split()):
            return row.strip(), out
        toks = list(_TOKEN.finditer(row))
        words = [j for j, t in enumerate(toks) if not is_number(t.group())]
        first = words[0] + 1 if words else 0  # figures follow the row's label
        for t in toks[first:]:
            if is_number(t.group()) and _nonzero(t.group()):
                out.append(Cell(t.group(), Span(s + t.start(), s + t.end()), k, 0))
    return "", []  # no caption within reach: not a table this reading can tell


def _nonzero(text: str) -> bool:
    try:
        return Decimal(text.strip().rstrip("%").replace(",", "")) != 0
    except InvalidOperation:
        return False


def _lines_holding(text: str, lines: list[tuple[int, int]], words: list[str]) -> list[int]:
    """The indexes, in order, of the lines that may hold one of the words: where str.find finds
    one in the text (at memory speed, instead of a test of every word on every line). A superset
    of the lines that hold one (a hit may lie in a line break); the caller tests each line."""
    starts = [s for s, _ in lines]
    hit: set[int] = set()
    for w in words:
        if not w:
            return list(range(len(lines)))  # an empty word is in every line
        k = text.find(w)
        while k >= 0:
            hit.add(bisect.bisect_right(starts, k) - 1)
            k = text.find(w, k + 1)
    return sorted(hit)


@check("M003")
def empty_note_on_filled_table(a: Audit) -> None:
    cues = _vocab()["empty_table_notes"]
    tables = [t for t in _tables(a) if t.span is not None]
    seen: set[object] = set()
    lines = line_spans(a.text)
    for i in _lines_holding(a.text, lines, cues):
        s, e = lines[i]
        line = a.text[s:e]
        cue = next((c for c in cues if c in line), None)
        if cue is None:
            continue
        t = _note_table(a, tables, s)
        if t is not None:
            title, figs, key = t.title, _figures(t), id(t)
        else:
            title, figs = _figures_above(a, lines, i)
            key = title
        if not figs or key in seen:
            continue  # an empty table with its note: as it should be
        seen.add(key)
        lead = len(line) - len(line.lstrip())
        note = line.strip()
        shown = "、".join(c.text for c in figs[:3]) + ("…" if len(figs) > 3 else "")
        title = title or "上方表格"
        a.emit(
            "M003",
            Span(s + lead, s + lead + len(note)),
            f"注“{note}”与表不符：{title}列有 {len(figs)} 个非零数字（{shown}）",
            f"the note says the table is empty ('{note}'), but {title} "
            f"has {len(figs)} non-zero figures ({shown})",
            evidence={"table": title, "stated": note, "figures": len(figs)},
            extra_related=[Related(c.span, "表中数字") for c in figs[:5] if c.span],
        )
