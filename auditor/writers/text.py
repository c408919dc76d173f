"""Terminal formats: `full` (ruff-like, with the source line and the recomputation) and `concise`."""

from __future__ import annotations

import unicodedata

from ..display import escape
from ..model import Document, Finding, Result, Severity
from .common import counts, location, role, summary_line

WINDOW = 36  # characters of context either side of a figure on long lines
_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


class Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, s: str, code: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if self.colour else s


def _excerpt(doc: Document, f: Finding) -> tuple[str, str]:
    """The source line around the finding (shortened on long lines) and its underline."""
    loc = location(doc, f.span)
    line = doc.line_text(loc["line"]).replace("\t", " ")  # a tab's width is the terminal's
    a = loc["column"] - 1
    b = loc["end_column"] - 1 if loc["end_line"] == loc["line"] else len(line)
    lo, hi = max(0, a - WINDOW), min(len(line), b + WINDOW)
    pre = ("…" if lo else "") + escape(line[lo:a])
    body = escape(line[a:b])
    post = escape(line[b:hi]) + ("…" if hi < len(line) else "")
    return pre + body + post, " " * width(pre) + "^" * max(1, width(body))


def render_full(results: list[Result], lang: str = "zh", colour: bool = False, **_: object) -> str:
    st = Style(colour)
    out: list[str] = []
    for r in results:
        doc = r.document
        for f in r.findings:
            loc = location(doc, f.span)
            head = f"{escape(doc.path)}:{loc['line']}:{loc['column']}:"
            out.append(
                f"{st(head, '1')} {st(f.rule, '1;' + _COLOURS[f.severity])} "
                f"{escape(f.message[lang])}"
            )
            src, mark = _excerpt(doc, f)
            gutter = str(loc["line"])
            pad = " " * len(gutter)
            out.append(f"{pad} |")
            out.append(f"{st(gutter, '34')} | {src}")
            out.append(f"{pad} | {st(mark, _COLOURS[f.severity])}")
            if "page" in loc:
                out.append(f"{pad} = {'页' if lang == 'zh' else 'page'}: {loc['page']}")
            formula = f.evidence.get("formula")
            if formula:
                label = "核算" if lang == "zh" else "recomputed"
                out.append(f"{pad} = {label}: {escape(formula)}")
            for rel in f.related[:12]:
                rl = location(doc, rel.span)
                text = doc.source(rel.span)
                if "\n" in text or "\r" in text or len(text) > 40:
                    text = text.splitlines()[0][:40]
                    text = text[:40] + "…"
                label = "相关" if lang == "zh" else "related"
                out.append(
                    f"{pad} = {label}: {rl['line']}:{rl['column']} "
                    f"{escape(role(rel.role, lang))} {escape(text)}"
                )
            if len(f.related) > 12:
                out.append(f"{pad} = … {len(f.related) - 12}")
            out.append("")
    out.append(st(summary_line(counts(results), lang), "1"))
    return "\n".join(out) + "\n"


def render_concise(
    results: list[Result], lang: str = "zh", colour: bool = False, **_: object
) -> str:
    st = Style(colour)
    out = []
    for r in results:
        for f in r.findings:
            loc = location(r.document, f.span)
            out.append(
                f"{escape(r.document.path)}:{loc['line']}:{loc['column']}: "
                f"{st(f.rule, _COLOURS[f.severity])} {escape(f.message[lang])}"
            )
    out.append(summary_line(counts(results), lang))
    return "\n".join(out) + "\n"
