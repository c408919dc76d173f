"""Shared by writers: locations, plain data for a finding, summaries, messages in two languages."""

from __future__ import annotations

from collections import Counter

from ..catalogue import rules
from ..lazy_re import lazy
from ..model import Document, Finding, Result, Span

_ROLES_EN = {
    "合计": "total",
    "年初预算数": "initial budget",
    "调整数": "adjustment",
    "调整后预算数": "adjusted budget",
    "执行数": "actual spending",
    "预算数": "budget",
    "本年数": "this year",
    "上年数": "prior year",
    "增减额": "change",
    "增减率": "rate of change",
    "增长率": "growth rate",
    "完成数": "achieved",
    "目标数": "target",
    "目标值": "target",
    "实际值": "actual",
    "实际完成值": "actual value",
    "偏差": "deviation",
    "所述合计": "stated total",
    "所述数量": "stated count",
    "综合得分": "overall score",
    "首次出现": "first occurrence",
    "完成率": "completion rate",
    "预算执行率": "execution rate",
    "预算调整率": "adjustment rate",
    "占比": "share",
    "到位资金": "funds arrived",
    "全年预算数": "full-year budget",
}
_ITEM = lazy(r"^第(\d+)项$")


def role(text: str, lang: str) -> str:
    """A related figure's role in the message language (names from the report stay as written)."""
    if lang != "en":
        return text
    m = _ITEM.match(text)
    return f"item {m.group(1)}" if m else _ROLES_EN.get(text, text)


_LEAVES = frozenset((str, int, float, bool, type(None)))


def location(doc: Document, span: Span) -> dict:
    line, column, page = doc.place(span.start)
    end_line, end_column, _ = doc.place(max(span.start, span.end - 1))
    loc = {"line": line, "column": column, "end_line": end_line, "end_column": end_column + 1}
    if page is not None:
        loc["page"] = page
    return loc


class Locations:
    """location() of one document's spans, each worked out once: a figure is the operand of
    several findings, and a writer asks for its place in each (a fresh dict every time)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._seen: dict[tuple[int, int], dict] = {}

    def __call__(self, span: Span) -> dict:
        key = (span.start, span.end)
        loc = self._seen.get(key)
        if loc is None:
            loc = self._seen[key] = location(self.doc, span)
        return dict(loc)


def _plain(doc: Document, v, where: Locations | None = None):
    t = type(v)
    if t in _LEAVES:  # most of the evidence: returned as is, without the tests below
        return v
    # plain dicts and lists (most of the rest) take their leaves as they are, without a call each
    if t is dict:
        return {k: x if type(x) in _LEAVES else _plain(doc, x, where) for k, x in v.items()}
    if t is list:
        return [x if type(x) in _LEAVES else _plain(doc, x, where) for x in v]
    if isinstance(v, Span):
        return where(v) if where is not None else location(doc, v)
    if isinstance(v, dict):
        return {k: _plain(doc, x, where) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(doc, x, where) for x in v]
    return v


def finding_dict(
    doc: Document, f: Finding, lang: str = "zh", where: Locations | None = None
) -> dict:
    """A finding as plain data. ``where``: the document's Locations, for a writer that turns
    many findings of it (the same dicts as location() gives)."""
    where = where or Locations(doc)
    ev = _plain(doc, f.evidence, where)
    for op in ev.get("operands", []):
        if "span" in op:
            op["location"] = op.pop("span")
    return {
        "rule": f.rule,
        "name": rules()[f.rule].name,
        "severity": f.severity.value,
        "message": f.message[lang],
        "location": where(f.span),
        "text": doc.source(f.span),
        "related": [
            {
                "role": role(r.role, lang),
                "location": where(r.span),
                "text": doc.source(r.span)[:200],
            }
            for r in f.related
        ],
        "evidence": ev,
        "fingerprint": f.fingerprint,
    }


def counts(results: list[Result]) -> dict:
    sev = Counter(f.severity.value for r in results for f in r.findings)
    return {
        "files": len(results),
        "findings": sum(sev.values()),
        "error": sev.get("error", 0),
        "warning": sev.get("warning", 0),
        "info": sev.get("info", 0),
        "figures_extracted": sum(r.figures_extracted for r in results),
        "figures_checked": sum(r.figures_checked for r in results),
        "suppressed": sum(r.suppressed for r in results),
    }


def summary_line(c: dict, lang: str) -> str:
    if lang == "en":
        return (
            f"{c['findings']} findings ({c['error']} errors, {c['warning']} warnings, {c['info']} info) "
            f"in {c['files']} file{'s' if c['files'] != 1 else ''}; {c['figures_extracted']} figures "
            f"extracted, {c['figures_checked']} checked"
            + (f"; {c['suppressed']} suppressed by the baseline" if c["suppressed"] else "")
        )
    return (
        f"共 {c['findings']} 个问题（错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}），"
        f"{c['files']} 个文件；提取数字 {c['figures_extracted']} 个，参与核对 {c['figures_checked']} 个"
        + (f"；基线已屏蔽 {c['suppressed']} 个" if c["suppressed"] else "")
    )
