"""Rewrite a generated report without telling the tool: the same facts in other words and layouts.

The pass keeps every figure's value and every identity (the arithmetic is untouched), so a
consistent report stays consistent and an injected error stays where the injection says. What
changes is what a tool may wrongly depend on:

- synonyms from the list below (written for this pass, independent of rules/lexicon.toml and
  rules/links.toml): 执行率 → 支出进度, 实际支出 → 实际支付, 增加 → 增长 / 上升, 预算安排 → 安排预算, …
- the order of two clauses the generator marked as swappable (prior / current, 预算 / 决算);
- the numbering of items (1. / 1、 / （1） / ①);
- full-width digits in the narrative;
- the narrative's money unit (万元 → 元, from the exact amounts: a 部门预算 table is in 元);
- hard wrapping at a fixed width with page numbers between pages, as a PDF's text export.

The piece list keeps its length (wrapping writes its newlines inside text pieces), so block and
clause indices recorded by the generator stay valid and injections can run after the pass.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

from .model import Report
from .numbers import fullwidth, plain

# (what, its replacements): applied to narrative text pieces, never inside table rows
SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("执行率", ("支出进度",)),
    ("实际支出", ("实际支付",)),
    ("预算安排", ("安排预算",)),
    ("主要原因是：", ("原因主要是：", "主要原因为：")),
    ("主要用于", ("重点用于", "主要用来")),
    ("当年预算执行数为", ("预算执行数为", "实际执行数为")),
    ("年初预算为", ("年初预算数为",)),
    ("完成年初预算的", ("为年初预算的",)),
    ("完成预算的", ("为预算的",)),
    ("其中：", ("其中，", "其中包括：")),
    ("，占", ("，占比",)),
    ("收入预算", ("预算收入",)),
    ("较上年增加", ("较上年增长", "比上年上升")),
)
# direction words written as figures by the budget generator (so injections can flip them)
WORD_SYNONYMS = {
    "增加": ("增长", "上升"),
    "减少": ("下降", "降低"),
    "大于": ("高于",),
    "小于": ("低于",),
}
# a budget's table captions in 财政部's template instead of Shanghai's (longest first)
CAPTIONS = (
    ("一般公共预算基本支出经济分类预算表", "一般公共预算基本支出表"),
    ("一般公共预算支出功能分类预算表", "一般公共预算支出表"),
    ("财务收支预算总表", "部门收支总表"),
    ("收入预算总表", "部门收入总表"),
    ("支出预算总表", "部门支出总表"),
)
TRANSFORMS = ("swap", "synonyms", "captions", "numbering", "yuan", "fullwidth", "wrap")
_COMPARE = re.compile(r"比(?=(?:\d{4}|[０-９]{4})年)")
_ITEM = re.compile(r"(\d{1,2})(?:\. ?|、|．)(?=\S)")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _is_table(p: str) -> bool:
    return "|" in p


def paraphrase(rep: Report, seed: int, **force) -> Report:
    """A rewritten copy of rep; `force` pins a transform on (True) or off (False)."""
    r = random.Random(seed * 7919 + 17)
    m = rep.copy()
    done: list[str] = []

    def want(name: str, p: float) -> random.Random | None:
        """The transform's own random stream when it is on (each transform draws from its own,
        so turning one off does not change how the others rewrite)."""
        on = force.get(name, r.random() < p)
        if on:
            done.append(name)
            return random.Random(f"{seed}:{name}")
        return None

    budget = rep.style.get("genre") == "budget"
    force = {k: v for k, v in force.items() if k in TRANSFORMS}
    if (rs := want("swap", 0.6 if m.style.get("swaps") else 0)) and m.style.get("swaps"):
        _swap(m, rs)
    if rs := want("synonyms", 0.9):
        _synonyms(m, rs)
    if want("captions", 0.5 if budget else 0) and budget:
        _captions(m)
    if rs := want("numbering", 0.7):
        _numbering(m, rs.choice(("comma", "paren", "circled")))
    if want("yuan", 0.3 if budget else 0) and budget:
        _to_yuan(m)
    if want("fullwidth", 0.25):
        _fullwidth(m)
    if rs := want("wrap", 0.5):
        _wrap(m, rs.randint(28, 46), rs.randint(30, 45), rs.choice(("- {n} -", "{n}", "第{n}页")))
    m.style = {**m.style, "paraphrase": done}
    return m


def _text_pieces(m: Report) -> list[int]:
    """Indices of narrative text pieces: every piece of a table row holds a "|"."""
    return [i for i, p in enumerate(m.pieces) if isinstance(p, str) and not _is_table(p)]


def _swap(m: Report, r: random.Random) -> None:
    for i, j, k in m.style["swaps"]:
        if r.random() < 0.7:
            a, b = m.pieces[i:j], m.pieces[j + 1 : k]
            m.pieces[i:k] = [*b, m.pieces[j], *a]
            # the pieces keep their count; only their order in this sentence changed


def _synonyms(m: Report, r: random.Random) -> None:
    chosen = {w: r.choice(alts) for w, alts in SYNONYMS if r.random() < 0.8}
    compare = r.random() < 0.5
    for i in _text_pieces(m):
        p = m.pieces[i]
        for w, alt in chosen.items():
            p = p.replace(w, alt)
        if compare:
            p = _COMPARE.sub("较", p)
        m.pieces[i] = p
    words = {w: r.choice(alts) for w, alts in WORD_SYNONYMS.items() if r.random() < 0.7}
    for f in m.figs.values():
        if f.kind == "word" and f.raw in words:
            f.raw = words[f.raw]


def _captions(m: Report) -> None:
    for i in _text_pieces(m):
        p = m.pieces[i]
        for old, new in CAPTIONS:
            p = p.replace(old, new)
        m.pieces[i] = p


def _numbering(m: Report, style: str) -> None:
    """Items (numbered lines that state a figure) take another marker; headings keep theirs."""

    def mark(n: int) -> str:
        if style == "comma":
            return f"{n}、"
        if style == "circled" and n <= len(_CIRCLED):
            return _CIRCLED[n - 1]
        return f"（{n}）"

    def has_figure(i: int, pos: int) -> bool:
        """Whether the line that starts at pieces[i][pos] holds a figure before it ends."""
        rest = m.pieces[i][pos:]
        if "\n" in rest:
            return False
        for p in m.pieces[i + 1 :]:
            if not isinstance(p, str):
                return True
            if "\n" in p:
                return False
        return False

    for i in _text_pieces(m):
        p = m.pieces[i]
        prev = m.pieces[i - 1] if i else "\n"
        starts = [0] if isinstance(prev, str) and prev.endswith("\n") else []
        starts += [x.end() for x in re.finditer("\n", p)]
        for a in sorted(starts, reverse=True):
            mm = _ITEM.match(p, a)
            if mm and has_figure(i, mm.end()):
                p = p[:a] + mark(int(mm.group(1))) + p[mm.end() :]
        m.pieces[i] = p


def _to_yuan(m: Report) -> None:
    """Narrative amounts in 元 (2 decimals) from the exact amounts the 万元 were rounded from."""
    for f in m.figs.values():
        if f.kind == "money" and f.unit == "万元" and f.exact is not None:
            f.value, f.decimals, f.unit, f.scale = f.exact, 2, "元", Decimal(1)
            f.raw = plain(f.exact, 2, True)


def _fullwidth(m: Report) -> None:
    for i in _text_pieces(m):
        m.pieces[i] = fullwidth(m.pieces[i])
    for f in m.figs.values():
        narrative = f.unit != "" or f.kind in ("percent", "year", "count", "score")
        if narrative and f.kind != "word":
            f.raw = fullwidth(f.raw)
            if f.unit == "%":
                f.unit = "％"


def _word_char(ch: str) -> bool:
    return ch.isdigit() or ch in ".,．，" or (ch.isascii() and ch.isalnum())


def _breakable(a: str, b: str) -> bool:
    """Between a and b a line may break: never inside a number, never before closing punctuation
    (the line-breaking rule of Chinese typesetting)."""
    return (
        not (_word_char(a) and _word_char(b)) and b not in "，。；：、）”》％%" and a not in "（“《"
    )


def _next_text(m: Report, i: int) -> str:
    nxt = m.pieces[i + 1] if i + 1 < len(m.pieces) else ""
    return nxt if isinstance(nxt, str) else "0"


def _wrap(m: Report, width: int, page_lines: int, page_fmt: str) -> None:
    """Hard-wrap narrative lines at `width` characters; a page number every `page_lines` lines."""
    col, lines, page = 0, 0, 1
    in_table = False
    for i, p in enumerate(m.pieces):
        if not isinstance(p, str):
            f = m.figs[p.key]
            n = len(f.op + f.raw + f.unit)
            if (
                not in_table
                and col + n > width
                and col > 0
                and i
                and isinstance(m.pieces[i - 1], str)
            ):
                prev = m.pieces[i - 1]
                if prev and not prev.endswith("\n"):
                    m.pieces[i - 1] = prev + "\n"
                    col, lines = 0, lines + 1
            col += n
            continue
        out = []
        for ch_i, ch in enumerate(p):
            if ch == "\n":
                out.append(ch)
                col = 0
                lines += 1
                rest = p[ch_i + 1 :] or _next_text(m, i)
                in_table = rest.startswith("|")
                if lines >= page_lines and not in_table and not rest.startswith("\n"):
                    out.append(page_fmt.format(n=page) + "\n")
                    page += 1
                    lines = 0
                continue
            if col == 0 and ch == "|":
                in_table = True
            if not in_table and col >= width and out and _breakable(out[-1], ch):
                out.append("\n")
                col, lines = 0, lines + 1
            out.append(ch)
            col += 1
        m.pieces[i] = "".join(out)


__all__ = ["SYNONYMS", "paraphrase"]
