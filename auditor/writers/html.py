"""--html: the single-file review page auditors work in, and an index page for several reports.

The page shows what the other writers show (messages, locations and evidence come from
``finding_dict``, counts from ``counts``) and recomputes nothing. Python lays out the source with
its highlights and the findings panel (so the page reads, and prints, without scripts); the inlined
script adds filters, navigation, the facts table and review marks.

Safety: every template autoescapes; report text placed outside templates goes through
``markupsafe.escape``; data for the script is JSON with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped, inside a non-executable ``application/json`` element; a Content-Security-Policy meta tag
allows only the page's own inline script and style (by hash) and no load from anywhere.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..catalogue import data_dir, lexicon, rules
from ..digest import sha256
from ..errors import UsageError
from ..model import Document, Finding, Result, Severity, Span
from ..record import FrozenRecord, Record
from .common import counts, finding_dict, location

BLOCK_CHARS = 24  # spans longer than this (or spanning lines) are passages, not figures
QUOTE_WINDOW = 48  # characters of context either side of a figure in a finding's quote
SEVERITIES = [Severity.ERROR, Severity.WARNING, Severity.INFO]

I18N: dict[str, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN",
        "title": "预算报告审阅",
        "file": "文件",
        "department": "单位",
        "year": "年度",
        "unknown": "未识别",
        "encoding": "编码",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "findings": "问题",
        "figures_extracted": "提取数字",
        "figures_checked": "参与核对",
        "coverage": "覆盖",
        "suppressed": "基线已屏蔽",
        "reviewed": "已审阅",
        "export": "导出审阅 JSON",
        "export_all": "导出全部审阅 JSON",
        "tab_review": "审阅",
        "tab_facts": "数字表",
        "source": "原文",
        "search": "搜索问题…",
        "all_checks": "全部检查",
        "status_any": "全部状态",
        "status_none": "未审阅",
        "confirmed": "确认",
        "dismissed": "驳回",
        "follow-up": "跟进",
        "note": "备注",
        "note_ph": "审阅意见…",
        "shown": "显示",
        "no_findings": "未发现问题。",
        "none_match": "没有符合筛选条件的问题。",
        "formula": "核算",
        "expected": "应为",
        "stated": "所述",
        "difference": "差",
        "definition": "口径",
        "values": "各处数值",
        "report_year": "报告年度",
        "stated_year": "所述年度",
        "sentences": "重复句数",
        "figures": "涉及数字",
        "operands": "参与核算的数字",
        "related": "相关位置",
        "why": "依据",
        "line": "行",
        "page": "第{}页",
        "primary": "主要数字",
        "related_fig": "相关数字",
        "pp": "个百分点",
        "keys": "快捷键：j / k 下一个 / 上一个问题，/ 搜索",
        "facts_filter": "筛选数字…",
        "only_checked": "只看参与核对的",
        "col_id": "编号",
        "col_loc": "位置",
        "col_figure": "数字",
        "col_concept": "概念",
        "col_label": "标签",
        "col_scope": "范围",
        "col_period": "期间",
        "col_unit": "单位",
        "col_used_by": "使用它的检查",
        "period_mid": "年中",
        "period_prior": "上年",
        "back": "全部报告",
        "reports": "报告",
        "index_title": "预算报告审阅：报告列表",
        "total": "合计",
        "storage_off": "浏览器不允许本地存储，审阅标记在关闭页面后不会保留，请及时导出。",
        "generated": "生成于",
        "sev_label": "级别",
        "check_label": "检查",
        "pages_view": "印刷页面",
        "text_view": "提取文本",
        "pages_of": "{} / {} 页",
    },
    "en": {
        "html_lang": "en",
        "title": "Budget report review",
        "file": "File",
        "department": "Department",
        "year": "Year",
        "unknown": "not detected",
        "encoding": "Encoding",
        "error": "Errors",
        "warning": "Warnings",
        "info": "Info",
        "findings": "Findings",
        "figures_extracted": "Figures extracted",
        "figures_checked": "checked",
        "coverage": "coverage",
        "suppressed": "suppressed by the baseline",
        "reviewed": "Reviewed",
        "export": "Export review JSON",
        "export_all": "Export all reviews JSON",
        "tab_review": "Review",
        "tab_facts": "Facts",
        "source": "Source",
        "search": "Search findings…",
        "all_checks": "All checks",
        "status_any": "Any status",
        "status_none": "Not reviewed",
        "confirmed": "Confirmed",
        "dismissed": "Dismissed",
        "follow-up": "Follow-up",
        "note": "Note",
        "note_ph": "Reviewer's note…",
        "shown": "Showing",
        "no_findings": "No findings.",
        "none_match": "No finding matches the filters.",
        "formula": "Recomputed",
        "expected": "Expected",
        "stated": "Stated",
        "difference": "Difference",
        "definition": "Definition",
        "values": "Values stated",
        "report_year": "Report year",
        "stated_year": "Year stated",
        "sentences": "Sentences repeated",
        "figures": "Figures involved",
        "operands": "Figures in the recomputation",
        "related": "Related places",
        "why": "Why it matters",
        "line": "line",
        "page": "p. {}",
        "primary": "primary figure",
        "related_fig": "related figure",
        "pp": "percentage points",
        "keys": "Keys: j / k next / previous finding, / search",
        "facts_filter": "Filter figures…",
        "only_checked": "Only figures used by a check",
        "col_id": "#",
        "col_loc": "Location",
        "col_figure": "Figure",
        "col_concept": "Concept",
        "col_label": "Label",
        "col_scope": "Scope",
        "col_period": "Period",
        "col_unit": "Unit",
        "col_used_by": "Used by",
        "period_mid": "mid-year",
        "period_prior": "prior year",
        "back": "All reports",
        "reports": "Reports",
        "index_title": "Budget report review: reports",
        "total": "Total",
        "storage_off": "This browser does not allow local storage: review marks will not survive closing the page; export them.",
        "generated": "Generated",
        "sev_label": "Severity",
        "check_label": "Check",
        "pages_view": "Printed pages",
        "text_view": "Extracted text",
        "pages_of": "{} of {} pages",
    },
}

# Strings the script needs (the rest are rendered by the template).
JS_KEYS = [
    "confirmed", "dismissed", "follow-up", "shown", "primary", "related_fig", "storage_off",
    "none_match", "period_mid", "period_prior", "formula", "operands", "related", "why", "note",
    "note_ph", "html_lang",
]  # fmt: skip
PAGE_MODES = ("findings", "all", "none")


# ---------------------------------------------------------------- escaping helpers


def json_for_script(data: Any) -> str:
    """JSON that cannot end its <script> element or confuse an HTML parser."""
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        s.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _csp_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(sha256(body.encode("utf-8")).digest()).decode() + "'"


class Assets(FrozenRecord):
    """The page's stylesheet and scripts, inlined so the page is one file."""

    css: str
    js: str
    index_js: str

    def __init__(self, css: str, js: str, index_js: str) -> None:
        self.__dict__.update(css=css, js=js, index_js=index_js)


def _assets() -> Assets:
    d = data_dir("templates")
    css = (d / "report.css").read_text(encoding="utf-8")
    js = (d / "report.js").read_text(encoding="utf-8")
    index_js = (d / "index.js").read_text(encoding="utf-8")
    # The bodies are inserted verbatim; they must not be able to close their own element.
    assert "</style" not in css.lower()
    assert "</script" not in js.lower() and "</script" not in index_js.lower()
    return Assets(css, js, index_js)


_ENV = None


def _env():
    """One jinja2 environment per process (a batch compiles each template once), with its
    compiled templates kept in the user's cache directory between runs (see _bytecode_cache)."""
    global _ENV
    if _ENV is None:
        from ..gcpause import paused_gc
        from ..lazy_re import compiled_from_cache

        # jinja2's patterns (its lexer's among them) from the cache, and no collector passes
        # over the modules' objects while they are made (see gcpause.pause_startup)
        with compiled_from_cache(), paused_gc():
            import jinja2

        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
            autoescape=True,  # every template, whatever its name
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_bytecode_cache(),
        )
        env.filters["json_script"] = lambda v: __import__("markupsafe").Markup(json_for_script(v))
        _ENV = env
    return _ENV


def cache_dir() -> Path | None:
    """Where compiled templates are kept: templates/ in the user's cache directory
    (`auditor.cache.cache_dir`: $AUDIT_BUDGET_CACHE, else $XDG_CACHE_HOME or ~/.cache under
    audit-budget/). Never inside the installed package. None when it cannot be made or written."""
    from ..cache import cache_dir as user_cache_dir

    path = user_cache_dir("templates")
    return None if path is None else Path(path)


def _bytecode_cache():
    """jinja2's file bytecode cache, made quiet: the cache only ever saves time, so a file that
    cannot be read or written (full disk, read-only home, a race with another run) just means
    the template is compiled again. jinja2 checks each entry against the template's source and
    its own and Python's versions, so an edited template or an upgrade is never served stale."""
    path = cache_dir()
    if path is None:
        return None
    import jinja2

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # a truncated or foreign file: compile instead
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    return QuietCache(str(path), "audit-budget-%s.cache")


# ---------------------------------------------------------------- the source with highlights


def _line_starts(text: str) -> list[int]:
    """Line starts as Document counts them (\\r\\n, \\r and \\n end a line)."""
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


class SpanTable(Record):
    """Every distinct span a finding involves, numbered, with what each finding does with it."""

    spans: list[Span]
    ids: dict[tuple[int, int], int]
    primary: set[int]  # spans that are some finding's primary

    def __init__(
        self,
        spans: list[Span] | None = None,
        ids: dict[tuple[int, int], int] | None = None,
        primary: set[int] | None = None,
    ) -> None:
        self.spans = [] if spans is None else spans
        self.ids = {} if ids is None else ids
        self.primary = set() if primary is None else primary

    def add(self, span: Span) -> int:
        key = (span.start, span.end)
        if key not in self.ids:
            self.ids[key] = len(self.spans)
            self.spans.append(span)
        return self.ids[key]


def _is_block(s: Span, text: str) -> bool:
    """A span too long or multi-line to underline: shown as a block, not a figure."""
    return (
        s.end - s.start > BLOCK_CHARS
        or "\n" in text[s.start : s.end]
        or "\r" in text[s.start : s.end]
    )


def _finding_spans(f: Finding, table: SpanTable) -> list[tuple[int, str]]:
    """(span id, "p" | "r") for the finding's primary span, its related spans and its operands."""
    out: dict[int, str] = {}
    pid = table.add(f.span)
    table.primary.add(pid)
    out[pid] = "p"
    for r in f.related:
        out.setdefault(table.add(r.span), "r")
    for op in f.evidence.get("operands", []) or []:
        sp = op.get("span") if isinstance(op, dict) else None
        if isinstance(sp, Span):
            out.setdefault(table.add(sp), "r")
    return list(out.items())


def _source_lines(doc: Document, table: SpanTable) -> list[dict]:
    """The original text line by line, with <mark> elements where findings' spans lie."""
    from markupsafe import Markup, escape

    text = doc.original
    starts = _line_starts(text)
    page_starts = {p: i + 1 for i, p in enumerate(doc.pages)} if doc.pages else {}
    events: dict[int, list[tuple[int, int]]] = {}
    spans = [doc.original_span(s) for s in table.spans]  # table spans are offsets into doc.text
    for sid, s in enumerate(spans):
        if s.end > s.start:
            events.setdefault(s.start, []).append((1, sid))
            events.setdefault(s.end, []).append((-1, sid))
    points = sorted(events)
    blocks = {sid for sid in range(len(spans)) if _is_block(spans[sid], text)}
    active: set[int] = set()
    pi = 0
    lines = []
    for n, ls in enumerate(starts, 1):
        le = starts[n] if n < len(starts) else len(text)
        body_end = le
        while body_end > ls and text[body_end - 1] in "\r\n":
            body_end -= 1
        parts: list[str] = []
        pos = ls
        while True:
            while pi < len(points) and points[pi] <= pos:
                for delta, sid in events[points[pi]]:
                    if delta > 0:
                        active.add(sid)
                    else:
                        active.discard(sid)
                pi += 1
            nxt = points[pi] if pi < len(points) else len(text) + 1
            stop = min(nxt, body_end)
            if stop > pos:
                chunk = escape(text[pos:stop])
                if active:
                    figs = active - blocks
                    kind = "p" if figs & table.primary else ("r" if figs else "b")
                    ids = " ".join(str(s) for s in sorted(active))
                    parts.append(f'<mark class="h {kind}" data-s="{ids}">{chunk}</mark>')
                else:
                    parts.append(str(chunk))
                pos = stop
            if pos >= body_end:
                break
        # consume events inside the line break so the next line starts with the right state
        while pi < len(points) and points[pi] < le:
            for delta, sid in events[points[pi]]:
                if delta > 0:
                    active.add(sid)
                else:
                    active.discard(sid)
            pi += 1
        page = page_starts.get(ls)
        lines.append({"n": n, "html": Markup("".join(parts)), "page": page})
    return lines


def _page_views(doc: Document, table: SpanTable, mode: str) -> list[dict]:
    """For a PDF read with its layout: the printed pages to show (those with a finding's figure
    on them, or all), each an image with the boxes of the figures over it, in points. Nothing
    for other inputs, for --pages none, or when the PDF cannot be rendered again."""
    layout = doc.layout
    if mode == "none" or layout is None:
        return []
    text = doc.original
    rank = {"b": 0, "r": 1, "p": 2}  # drawn in this order: a finding's own figure on top
    on_page: dict[int, list[tuple[int, int, str, tuple]]] = {}
    for sid, span in enumerate(table.spans):
        s = doc.original_span(span)
        if s.end <= s.start:
            continue
        kind = "p" if sid in table.primary else ("b" if _is_block(s, text) else "r")
        for page, x0, top, x1, bottom in layout.boxes(s.start, s.end):
            box = (x0, top, x1 - x0, bottom - top)
            on_page.setdefault(page, []).append((rank[kind], sid, kind, box))
    wanted = list(range(layout.page_count)) if mode == "all" else sorted(on_page)
    from .pdf_pages import render_pages

    images = render_pages(layout, doc.sha256, wanted)
    views = []
    for i in wanted:
        img = images.get(i)
        if img is None:
            continue
        boxes = [
            {
                "sid": sid,
                "kind": kind,
                "x": _pt(b[0]),
                "y": _pt(b[1]),
                "w": _pt(b[2]),
                "h": _pt(b[3]),
            }
            for _, sid, kind, b in sorted(on_page.get(i, []), key=lambda x: (x[0], x[1]))
        ]
        views.append(
            {
                "n": i + 1,
                "uri": img.uri,
                "width": img.width,
                "height": img.height,
                "view": " ".join(_pt(v) for v in img.view),
                "boxes": boxes,
            }
        )
    if len(views) < len(wanted):  # a page could not be drawn: the text is the whole report
        return []
    return views


def _pt(v: float) -> str:
    """A length in points for the SVG overlay: a tenth of a point is a fraction of a pixel."""
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _quote(doc: Document, span: Span) -> dict:
    """The finding's source line around its figure, for the card and for print."""
    loc = location(doc, span)
    line = doc.line_text(loc["line"])
    a = loc["column"] - 1
    b = loc["end_column"] - 1 if loc["end_line"] == loc["line"] else len(line)
    lo, hi = max(0, a - QUOTE_WINDOW), min(len(line), b + QUOTE_WINDOW)
    body = line[a:b]
    if len(body) > 3 * QUOTE_WINDOW:
        body, hi = body[: 3 * QUOTE_WINDOW] + "…", b
    return {
        "line": loc["line"],
        "pre": ("…" if lo else "") + line[lo:a],
        "body": body,
        "post": line[b:hi] + ("…" if hi < len(line) else ""),
    }


# ---------------------------------------------------------------- page model


def _loc_text(loc: dict, t: dict) -> str:
    s = f"{loc['line']}:{loc['column']}"
    return f"{t['page'].format(loc['page'])} {s}" if "page" in loc else s


_EVIDENCE_KEYS = ["expected", "stated", "difference", "definition", "values", "report_year",
                  "stated_year", "sentences", "figures"]  # fmt: skip


def _evidence_rows(ev: dict, t: dict) -> list[tuple[str, str]]:
    """Evidence beyond the formula and operands, as (label, value) rows, in a stable order."""
    rows = []
    keys = [k for k in _EVIDENCE_KEYS if k in ev] + sorted(
        k for k in ev if k not in _EVIDENCE_KEYS and k not in ("formula", "operands", "unit")
    )
    for k in keys:
        v = ev[k]
        if isinstance(v, list) and all(isinstance(x, str | int | float) for x in v):
            v = (
                "、".join(str(x) for x in v)
                if t["html_lang"] != "en"
                else ", ".join(str(x) for x in v)
            )
        if not isinstance(v, str | int | float) or v == "" or v is None:
            continue
        v = str(v)
        if k == "difference" and ev.get("unit"):
            v += " " + (t["pp"] if ev["unit"] == "%" else ev["unit"])
        rows.append((t.get(k, k), v))
    return rows


def _concept_name(concept: str | None, lang: str) -> str:
    if not concept:
        return ""
    c = lexicon().get("concepts", {}).get(concept)
    return c.get(lang, concept) if isinstance(c, dict) else concept


def _period_name(period: str, t: dict) -> str:
    return {"mid": t["period_mid"], "prior": t["period_prior"]}.get(period, period)


def _page_model(r: Result, lang: str, index_href: str | None, generated: str,
                pages: str = "findings") -> dict:  # fmt: skip
    from .. import __version__

    t = I18N[lang]
    doc = r.document
    table = SpanTable()
    catalogue = rules()
    cards = []
    for i, f in enumerate(r.findings):
        d = finding_dict(doc, f, lang)
        spans = _finding_spans(f, table)
        ev = d["evidence"]
        op_spans = {
            (o["span"].start, o["span"].end)
            for o in f.evidence.get("operands", []) or []
            if isinstance(o, dict) and isinstance(o.get("span"), Span)
        }
        operands = []
        for raw, o in zip(
            f.evidence.get("operands", []) or [], ev.get("operands", []), strict=False
        ):
            sp = raw.get("span") if isinstance(raw, dict) else None
            operands.append(
                {
                    "role": o.get("role", ""),
                    "value": str(o.get("value", "")),
                    "loc": _loc_text(o["location"], t) if "location" in o else "",
                    "line": o["location"]["line"] if "location" in o else None,
                    "sid": table.ids.get((sp.start, sp.end)) if isinstance(sp, Span) else None,
                    "fact": o.get("fact"),
                }
            )
        related = []
        for rel, rd in zip(f.related, d["related"], strict=True):
            if (rel.span.start, rel.span.end) in op_spans:
                continue
            related.append(
                {
                    "role": rd["role"],
                    "text": rd["text"] if len(rd["text"]) <= 80 else rd["text"][:80] + "…",
                    "loc": _loc_text(rd["location"], t),
                    "line": rd["location"]["line"],
                    "sid": table.ids[(rel.span.start, rel.span.end)],
                }
            )
        cards.append(
            {
                "i": i,
                "rule": f.rule,
                "name": d["name"],
                "severity": d["severity"],
                "message": d["message"],
                "fingerprint": d["fingerprint"],
                "loc": _loc_text(d["location"], t),
                "line": d["location"]["line"],
                "quote": _quote(doc, f.span),
                "formula": ev.get("formula", ""),
                "rows": _evidence_rows(ev, t),
                "operands": operands,
                "related": related,
                "spans": spans,
            }
        )
    groups = []
    for sev in SEVERITIES:
        items = [c for c in cards if c["severity"] == sev.value]
        if not items:
            continue
        by_rule: dict[str, list[dict]] = {}
        for c in items:
            by_rule.setdefault(c["rule"], []).append(c)
        groups.append(
            {
                "severity": sev.value,
                "count": len(items),
                "checks": [
                    {
                        "rule": code,
                        "name": catalogue[code].name,
                        "summary": catalogue[code].summary[lang],
                        "items": by_rule[code],
                    }
                    for code in sorted(by_rule)
                ],
            }
        )
    c = counts([r])
    sid_of = {(s.start, s.end): k for k, s in enumerate(table.spans)}
    facts = []
    for fact in r.facts:
        loc = location(doc, fact.span)
        facts.append(
            [
                fact.id,
                loc["line"],
                loc["column"],
                doc.source(fact.span),
                _concept_name(fact.concept, lang),
                fact.label,
                fact.scope,
                _period_name(fact.period, t),
                fact.q.unit,
                " ".join(sorted(c for c in fact.used_by if c in catalogue)),  # checks, not markers
                sid_of.get((fact.span.start, fact.span.end)),
                fact.span.end - fact.span.start,
            ]
        )
    rule_codes = sorted({x["rule"] for x in cards})
    page_views = _page_views(doc, table, pages)
    data = {
        "v": 1,
        "lang": lang,
        "doc": {"path": doc.path, "sha256": doc.sha256, "name": _display_name(doc.path)},
        "findings": [_finding_data(x) for x in cards],
        "why": {code: catalogue[code].rationale[lang] for code in rule_codes},
        "facts": facts,
        "t": {k: t[k] for k in JS_KEYS},
    }
    return {
        "t": t,
        "lang": lang,
        "doc": doc,
        "name": _display_name(doc.path),
        "department": r.department,
        "year": r.year,
        "counts": c,
        "coverage": round(100 * c["figures_checked"] / c["figures_extracted"])
        if c["figures_extracted"]
        else 0,
        "groups": groups,
        "rule_counts": [(code, sum(1 for x in cards if x["rule"] == code)) for code in rule_codes],
        "sev_counts": [(s.value, c[s.value]) for s in SEVERITIES],
        "lines": _source_lines(doc, table),
        "pages": page_views,
        "page_total": len(doc.pages),
        "data": data,
        "index_href": index_href,
        "version": __version__,
        "generated": generated,
    }


def _finding_data(x: dict) -> dict:
    """What the script needs of a finding: its spans, its search text and, built into the card
    only when the finding is opened (or printed), its recomputation."""
    return {
        "fp": x["fingerprint"],
        "rule": x["rule"],
        "sev": x["severity"],
        "msg": x["message"],
        "line": x["line"],
        "s": x["spans"],
        "q": " ".join([x["rule"], x["name"], x["message"], x["quote"]["body"],
                       *(o["role"] for o in x["operands"])]),
        "d": {
            "formula": x["formula"],
            "rows": x["rows"],
            "ops": [[o["role"], o["value"], o["loc"], o["line"], o["sid"], o["fact"]]
                    for o in x["operands"]],
            "rel": [[o["role"], o["text"], o["loc"], o["line"], o["sid"]] for o in x["related"]],
        },
    }  # fmt: skip


def _display_name(path: str) -> str:
    return "stdin" if path == "-" else (Path(path).name or path)


# ---------------------------------------------------------------- rendering


def _csp(a_script: str, a_style: str, images: bool = False) -> str:
    """Only the page's own script and style; with page images, data: images and nothing else."""
    img = "data:" if images else "'none'"
    return (
        "default-src 'none'; "
        f"script-src {_csp_hash(a_script)}; style-src {_csp_hash(a_style)}; "
        f"img-src {img}; font-src 'none'; "
        "connect-src 'none'; media-src 'none'; "
        "object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")  # noqa: UP017


def render_page(r: Result, lang: str = "zh", index_href: str | None = None,
                generated: str | None = None, pages: str = "findings") -> str:  # fmt: skip
    """One report's review page, as a self-contained HTML document. ``pages`` (findings, all,
    none): which printed pages of a PDF read with its layout are shown as images."""
    if pages not in PAGE_MODES:
        raise UsageError(f"unknown --pages '{pages}' (findings, all or none)")
    a = _assets()
    env = _env()  # first: jinja2 and markupsafe imported with their patterns from the cache
    model = _page_model(r, lang, index_href, generated or _now(), pages)
    csp = _csp(a.js, a.css, images=bool(model["pages"]))
    return env.get_template("report.html.j2").render(**model, css=a.css, js=a.js, csp=csp)


def render_index(
    pages: list[tuple[str, Result]], lang: str = "zh", generated: str | None = None
) -> str:
    """The list of reports (several inputs): counts by severity, each linking to its page."""
    from .. import __version__

    a = _assets()
    t = I18N[lang]
    rows = []
    for href, r in pages:
        c = counts([r])
        rows.append(
            {
                "href": href,
                "path": r.document.path,
                "department": r.department or "",
                "year": r.year or "",
                "error": c["error"],
                "warning": c["warning"],
                "info": c["info"],
                "findings": c["findings"],
                "extracted": c["figures_extracted"],
                "checked": c["figures_checked"],
                "sha256": r.document.sha256,
            }
        )
    total = counts([r for _, r in pages])
    data = {"v": 1, "lang": lang, "reports": [
        {"path": x["path"], "sha256": x["sha256"], "href": x["href"], "findings": x["findings"]}
        for x in rows
    ]}  # fmt: skip
    return (
        _env()
        .get_template("index.html.j2")
        .render(
            t=t,
            lang=lang,
            rows=rows,
            total=total,
            data=data,
            css=a.css,
            js=a.index_js,
            csp=_csp(a.index_js, a.css),
            version=__version__,
            generated=generated or _now(),
        )
    )


def page_names(results: list[Result]) -> list[str]:
    """A file name per report: its stem, made safe, numbered when two reports share it."""
    used: set[str] = {"index"}
    names = []
    for r in results:
        stem = "stdin" if r.document.path == "-" else Path(r.document.path).stem
        stem = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "report"
        name, k = stem, 2
        while name.lower() in used:
            name, k = f"{stem}-{k}", k + 1
        used.add(name.lower())
        names.append(name + ".html")
    return names


def write_html(
    results: list[Result],
    out: str,
    lang: str = "zh",
    inputs: list[str] = (),
    pages: str = "findings",
) -> list[str]:
    """Write the page (one input, OUT a file) or pages plus index.html (OUT a directory).

    Every target is checked against the inputs before anything is written; each file is written
    atomically. Returns the paths written.
    """
    from ..io.atomic import same_file, write_atomic

    if lang not in I18N:
        raise UsageError(f"unknown language '{lang}'")
    if pages not in PAGE_MODES:
        raise UsageError(f"unknown --pages '{pages}' (findings, all or none)")
    if not results:
        return []
    out_path = Path(out)
    several = len(results) > 1 or len(list(inputs)) > 1  # even if only one of them could be read
    as_dir = several or out_path.is_dir() or out.endswith(("/", os.sep))
    if as_dir:
        if out_path.exists() and not out_path.is_dir():
            raise UsageError(f"{out}: several reports need a directory for --html, not a file")
        if not out_path.exists() and out_path.suffix.lower() in (".html", ".htm"):
            raise UsageError(f"{out}: several reports need a directory for --html (one page each)")
    generated = _now()
    if as_dir:
        names = page_names(results)
        docs = [(str(out_path / n), render_page(r, lang, "index.html", generated, pages))
                for n, r in zip(names, results, strict=True)]  # fmt: skip
        docs.append(
            (
                str(out_path / "index.html"),
                render_index(list(zip(names, results, strict=True)), lang, generated),
            )
        )
    else:
        docs = [(out, render_page(results[0], lang, None, generated, pages))]
    for target, _ in docs:
        for src in inputs:
            if src != "-" and same_file(src, target):
                raise UsageError(f"{target}: refusing to overwrite an input file")
    for target, html in docs:
        write_atomic(target, html, list(inputs))
    return [t for t, _ in docs]
