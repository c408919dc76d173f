"""Periods: the years a document names must play the roles its kind gives them.

P001  another year's budget figures presented as this report's year
P002  a heading, caption or comparison base whose year contradicts the document's year

Y is the document's year (extract/meta.py), its kind (budget, final accounts, self-evaluation)
comes from the title (extract/genre.py). Legitimate other years: Y-1 as a comparison base
(上年, 比2024年预算, 2024年执行数), dates of reference (截至2024年8月31日, 2024年底), plan and
policy names (《2024年重点工作任务书》, 2021-2025年), the publishing date of final accounts.
Vocabulary is in the [periods] table of rules/lexicon.toml.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from ..catalogue import lexicon
from ..extract.genre import TITLE_LINES
from ..lazy_re import cached_re, escaped, lazy
from ..model import Span
from ..segment import line_spans, newline_pieces
from .base import Audit, Operand, check

_YEAR = cached_re(r"((?:19|20)\d{2})\s*年")
_FIGURE = lazy(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%|万)")
_LEADER = lazy(r"\s*(?:[.…·•．_\-]{3,}|…+)\s*\d*\s*$")
_HEADING_MAX = 60
BUDGET = {
    "budget.initial",
    "budget.adjustment",
    "budget.adjusted",
    "budget.generic",
    "budget.revenue",
    "spending.actual",
    "spending.initial",
    "rate.execution",
    "rate.execution.initial",
    "rate.adjustment",
}


@cache
def _vocab() -> dict:
    return lexicon()["periods"]


def _alts(words: list[str]) -> str:
    return escaped(sorted(words, key=len, reverse=True))


@cache
def _compare_rx() -> re.Pattern:
    v = _vocab()
    return cached_re(rf"比\S{{0,6}}(?:增|减|多|少|高|低)|{_alts(v['other_year_cues'])}")


@cache
def _base_rx() -> re.Pattern:
    """A comparison base named by its year: 比2025年预算增加, 与2023年度相比."""
    v = _vocab()
    return cached_re(
        rf"(?:{_alts(v['compare_before'])})\s*((?:19|20)\d{{2}})\s*年"
        rf"((?:{_alts(v['base_words'])})*)\s*(?:{_alts(v['compare_verbs'])})"
    )


def in_title(text: str, i: int) -> bool:
    """Whether offset i is inside 《…》 (a policy or plan name)."""
    return text.rfind("《", 0, i) > text.rfind("》", 0, i)


def ends_range(text: str, i: int) -> bool:
    """Whether the year at offset i closes a range of years (2021-2025年, 2021年至2025年)."""
    prev = text[max(0, i - 12) : i].rstrip()
    if not prev or prev[-1] not in _vocab()["range_before"]:
        return False
    return bool(re.search(r"(?:19|20)\d{2}\s*(?:年度?)?$", prev[:-1].rstrip()))


def year_is_reference(text: str, m: re.Match) -> bool:
    """A year that names a date (2024年8月, 2024年底) or ends a range (2021-2025年)."""
    after = text[m.end() : m.end() + 1]
    digit_month = bool(re.match(r"\s*\d{1,2}\s*月", text[m.end() : m.end() + 4]))
    return ends_range(text, m.start()) or after in _vocab()["date_after"] or digit_month


# --- P001 -----------------------------------------------------------------------------------


@check("P001")
def other_year_figure(a: Audit) -> None:
    if a.year is None or _bulletin(a):
        return
    genre = a.genre
    for si, facts in a.by_sentence.items():
        s = a.segs.sentences[si]
        if a.text.find("年", s.start, s.end) < 0:
            continue  # no year named (every _YEAR match holds 年): nothing below reads it
        text = a.text[s.start : s.end]
        years = [(m, int(m.group(1))) for m in _YEAR.finditer(text)]
        if not years or any(y == a.year for _, y in years) or _compare_rx().search(text):
            continue
        for m, y in years:
            if in_title(text, m.start()) or ends_range(text, m.start()) or y in _drafts(a):
                continue
            if genre == "budget" and year_is_reference(text, m):
                continue  # 截至2024年8月31日 in a 2025 budget: the date of a snapshot
            hit = [f for f in facts if f.period == str(y) and f.concept in BUDGET]
            future = any(w in text for w in _vocab()["future_words"])
            hit = _misplaced(hit, genre, y - a.year, future)
            if not hit:
                continue
            span = Span(s.start + m.start(), s.start + m.end())
            names = "、".join(dict.fromkeys(a.lex.name(f.concept) for f in hit))
            a.emit(
                "P001",
                span,
                f"{a.year}年度报告中以“{y}年”陈述{names}（{len(hit)} 个数字），且无对比语境",
                f"a {a.year} report states {y} figures ({names}, {len(hit)} figures) with no comparison wording",
                [Operand(f, a.lex.name(f.concept)) for f in hit],
                {"report_year": a.year, "stated_year": y},
            )
            break


_OPENING = 500  # characters of a report's opening that may name its draft budget's year


def _drafts(a: Audit) -> set[int]:
    """The years whose draft budget the report's opening names ("…和2024年预算草案的报告")."""
    memo = a.__dict__.get("_draft_years")
    if memo is None:
        rx = cached_re(
            r"((?:19|20)\d{2})\s*年[^。\n\d]{0,12}?(?:" + _alts(_vocab()["drafts"]) + ")"
        )
        memo = a.__dict__["_draft_years"] = {
            int(m.group(1)) for m in rx.finditer(a.text, 0, _OPENING)
        }
    return memo


def _bulletin(a: Audit) -> bool:
    """A statistics bulletin or monthly report ("…投资统计月报"): it follows plans of several
    years as of a date, so a year other than its own is no leftover."""
    return any(w in a.title for w in _vocab()["bulletins"])


_SPENT = {"spending.actual", "spending.initial", "rate.execution", "rate.execution.initial"}


def _misplaced(facts: list, genre: str | None, offset: int, future: bool) -> list:
    """The figures of a year `offset` away from the document's that cannot be in that role.
    A budget compares with its base year (Y-1): those figures are bases unless named as the
    plan (2024年预算安排 in the 2025 budget). Final accounts compare their spending with
    Y-1's, and final accounts and self-evaluations, published in Y+1, may speak of Y+1's plans
    (in a sentence that says it looks ahead: 计划, 下一步) but not of its spending."""
    v = _vocab()
    if genre == "budget" and offset == -1:
        return [
            f
            for f in facts
            if any(w in f.label for w in v["plan_words"])
            and not any(w in f.label for w in v["base_figure_words"])
        ]
    if genre == "final" and offset == -1:
        return [f for f in facts if f.concept not in _SPENT]
    if genre in ("final", "selfeval") and offset == 1 and future:
        return [f for f in facts if f.concept in _SPENT]
    return facts


# --- P002 -----------------------------------------------------------------------------------


class _Offsets:
    """For each character of the joined text, its offset in text: runs of kept characters,
    found by bisection (not a list as long as the document)."""

    def __init__(self, text: str) -> None:
        self.joined_at: list[int] = []  # where each run starts in the joined text
        self.text_at: list[int] = []  # where it starts in text
        n = 0
        for a, b in _runs(text):
            self.joined_at.append(n)
            self.text_at.append(a)
            n += b - a

    def __getitem__(self, j: int) -> int:
        k = bisect.bisect_right(self.joined_at, j) - 1
        return self.text_at[k] + j - self.joined_at[k]


_UNBROKEN = cached_re(r"[^\r\n]+")


def _runs(text: str) -> list[tuple[int, int]]:
    """The spans of _UNBROKEN's matches: by str.split where \n is the only break there is."""
    if "\r" in text:
        return [m.span() for m in _UNBROKEN.finditer(text)]
    return [(a, b) for a, b in newline_pieces(text) if b > a]


def _joined(text: str) -> tuple[str, _Offsets]:
    """The text without line breaks, and for each of its characters the offset in text."""
    return text.replace("\r", "").replace("\n", ""), _Offsets(text)


def _own_year(line: str, m: re.Match, genre: str) -> bool:
    """Whether the year at m names the document's own period: followed (in this heading) by the
    word of the document's kind (预算 in a budget), with no comparison or base word between."""
    v = _vocab()
    rest = line[m.end() : m.end() + 24]
    own = _alts(v["own_kind"][genre])
    k = re.search(own, rest)
    if k is None:
        return False
    between = rest[: k.start()]
    if _YEAR.search(between) or re.search(_alts(v["compare_before"]), between):
        return False
    after = rest[k.end() :].lstrip("数")
    return not any(after.startswith(w) for w in v["not_own_after"] + v["compare_verbs"])


_JOINERS = tuple(lexicon()["lists"]["joiners"])  # a title line ending with one goes on below


def _headings(a: Audit, genre: str):
    """Short lines without sentence punctuation or money figures (titles, headings, table
    captions and header rows) that name a year as the document's own."""
    text = a.text
    v = _vocab()
    title_lines = TITLE_LINES  # the title gives the year (or the user does): not a slip
    titling = False  # the last line read is the title's
    spans = list(line_spans(text))
    prev = ""  # the last line with text
    for i, (s, e) in enumerate(spans):
        line = _LEADER.sub("", text[s:e]).rstrip()
        if not line.strip():
            continue
        # a heading wrapped at a joiner ("关于…2024年预算执行情况" / "和2025年预算草案的报告"):
        # the two lines are one heading, and the year of either counts for both
        wrapped = prev.endswith(_JOINERS) or line.lstrip().startswith(_JOINERS)
        before_line, prev = prev, line
        # the first line, and the next when the first names no year or when the title is
        # wrapped at a joiner ("…2023年预算执行情况和" / "2024年预算草案的报告", or "…情况" /
        # "和2024年…")
        if title_lines > 0 or (titling and line.lstrip().startswith(_JOINERS)):
            if line.endswith(_JOINERS):
                title_lines = 1  # the title goes on below
            else:
                title_lines = max(0, title_lines - 1) if not _YEAR.search(line) else 0
            titling = True
            continue
        titling = False
        if len(line.strip()) > _HEADING_MAX:
            continue
        if re.search(r"[。；;，,]", line) or _FIGURE.search(line):
            continue
        years = list(_YEAR.finditer(line))
        years_named = years + list(_YEAR.finditer(before_line)) if wrapped else years
        if not years or any(int(m.group(1)) == a.year for m in years_named):
            continue  # a header naming both years compares them
        if line.endswith("数") and _header_cells_name(a, spans, i):
            continue  # a header row printed one cell a line names both years: it compares them
        before = text[:s].rstrip()[-1:]  # "…，比" / "2024年预算持平": a wrapped base
        for m in years:
            if in_title(line, m.start()) or year_is_reference(line, m):
                continue
            if line[: m.start()].rstrip().endswith(_JOINERS):
                continue  # "…执行情况和2025年预算草案": the second year of a two-year title
            if (
                line.endswith("报告")
                and int(m.group(1)) in _drafts(a)
                and any(w in line for w in v["drafts"])
            ):
                continue  # "关于…2024年预算执行情况" / "2025年预算草案的报告": a title wrapped
                # with its joiner lost, naming the draft the opening names
            if m.start() == len(line) - len(line.lstrip()) and before in v["compare_before"]:
                continue
            if _own_year(line, m, genre):
                yield Span(s + m.start(), s + m.end()), int(m.group(1)), line.strip()
                break


_CELL_REACH = 4  # non-blank lines either side a header cell's siblings stand on


def _header_cells_name(a: Audit, spans: list[tuple[int, int]], i: int) -> bool:
    """Whether a line near line i, a cell of the same header row printed one cell a line
    ("2022 年决算数" / "2023 年预算数" / "2023 年决算数"), names the document's year."""
    for step in (-1, 1):
        k, seen = i + step, 0
        while 0 <= k < len(spans) and seen < _CELL_REACH:
            cell = a.text[spans[k][0] : spans[k][1]].strip()
            k += step
            if not cell:
                continue
            seen += 1
            if len(cell) > _HEADING_MAX or not cell.endswith("数"):
                continue  # a cell of the row names a column of figures: 决算数, 预算数
            if any(int(m.group(1)) == a.year for m in _YEAR.finditer(cell)):
                return True
    return False


@check("P002")
def year_roles(a: Audit) -> None:
    if a.year is None:
        return
    genre = a.genre
    y0 = a.year
    if genre is not None:
        for span, y, line in _headings(a, genre):
            a.emit(
                "P002",
                span,
                f"{y0}年度文件的标题或表头写作“{y}年”：“{line}”",
                f"a heading of this {y0} document names {y} as its year: '{line}'",
                evidence={"report_year": y0, "stated_year": y, "stated": line},
            )
    joined, where = _joined(a.text)  # "比2026年预" / "算增加": a base wrapped over lines
    for m in _base_rx().finditer(joined):
        y = int(m.group(1))
        middle = m.group(2) or ""
        if in_title(joined, m.start(1)):
            continue
        if y > y0:
            why_zh, why_en = "对比基数不能是以后年度", "a comparison base cannot be a later year"
        elif y == y0 and (
            genre == "budget" or not any(w in middle for w in _vocab()["own_year_bases"])
        ):
            # a budget compares with Y-1; final accounts compare with Y-1 too, except their
            # own year's budget or outturn (决算数与2024年预算相比, 与2024年执行数相比)
            why_zh = f"对比基数应为{y0 - 1}年（上年）"
            why_en = f"the base should be {y0 - 1} (the prior year)"
        else:
            continue
        span = Span(where[m.start(1)], where[m.end(0) - 1] + 1)
        a.emit(
            "P002",
            span,
            f"{y0}年度文件以“{m.group(0)}”作比较：{why_zh}",
            f"this {y0} document compares with '{m.group(0)}': {why_en}",
            evidence={"report_year": y0, "stated_year": y, "stated": m.group(0)},
        )
