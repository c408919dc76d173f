"""Inject one error into a generated 部门预算 / 部门决算, and say where it must be found.

Each kind is one slip a reviewer meets in real documents (docs/corpus-audit.md): a text figure that
differs from its table cell, a 科目 heading that differs from its restated amount, a wrong change
rate or share, a direction word or a reason pointing the wrong way, a 三公 part emptied in the table
while the text states it, a 类 row that is not the sum of its 款, a 合计 row that is off. As in
inject.py, an injection is kept only when it breaks an identity by the generator's own arithmetic.
"""

from __future__ import annotations

import random
from decimal import Decimal

from .inject import Injection, _result, _set
from .model import Report, direction
from .numbers import fullwidth, plain

D = Decimal
BUDGET_KINDS = (
    "text_cell",
    "heading",
    "change_rate",
    "direction",
    "reason",
    "share",
    "sangong_empty",
    "class_sum",
    "total_row",
)
FLIP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "上升": "下降",
        "大于": "小于", "小于": "大于", "高于": "低于", "低于": "高于", "降低": "提高"}  # fmt: skip


_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _like(old: str, new: str) -> str:
    """new written in the digits old was written in (full-width after a paraphrase)."""
    return fullwidth(new) if any("０" <= ch <= "９" for ch in old) else new


def _base(key: str) -> str:
    return key.rsplit("#", 1)[0]


def _digit(rep: Report, key: str, rng: random.Random, what: str) -> Injection | None:
    """One digit of a figure mistyped (never the leading digit to 0)."""
    for _ in range(6):
        m = rep.copy()
        g = m.figs[key]
        pos = [i for i, ch in enumerate(g.raw) if ch.isdigit()]
        if not pos:
            return None
        i = rng.choice(pos)
        old_d = g.raw[i].translate(_ASCII)
        opts = [d for d in "0123456789" if d != old_d and not (d == "0" and i == pos[0])]
        raw = g.raw[:i] + _like(g.raw, rng.choice(opts)) + g.raw[i + 1 :]
        old = g.raw
        if not _set(g, raw):
            continue
        inj = _result(what, m, {key}, f"{old}{g.unit} → {raw}{g.unit}")
        if inj:
            return inj
    return None


def _keys(rep: Report, base: str, code: str | None = None) -> list[str]:
    keys = [k for k in rep.figs if _base(k) == base]
    if code:
        tied = {k for i in rep.identities if code in i.codes for k in i.keys}
        keys = [k for k in keys if k in tied]
    return keys


def text_cell(rep: Report, rng: random.Random) -> Injection | None:
    """A narrative amount (万元) that differs from the table cell it restates."""
    tied = [
        i.keys[0]
        for i in rep.identities
        if i.kind == "eq" and "S002" in i.codes and rep.figs[i.keys[0]].unit == "万元"
    ]
    tied = [k for k in dict.fromkeys(tied) if _base(k) not in ("科目", "预算安排")]
    rng.shuffle(tied)
    for k in tied[:8]:
        inj = _digit(rep, k, rng, "text_cell")
        if inj:
            return inj
    return None


def heading(rep: Report, rng: random.Random) -> Injection | None:
    """A 科目 paragraph's heading amount no longer equals its restated 'Y年预算安排'."""
    keys = _keys(rep, "科目")
    rng.shuffle(keys)
    for k in keys[:6]:
        inj = _digit(rep, k, rng, "heading")
        if inj:
            return inj
    return None


def _rate(rep: Report, rng: random.Random, base: str, code: str, kind: str) -> Injection | None:
    keys = _keys(rep, base, code)
    rng.shuffle(keys)
    for k in keys[:6]:
        f = rep.figs[k]
        for off in rng.sample((D("0.7"), D("1.3"), D("3.21"), D("-0.9"), D("-2.5")), 5):
            new = f.value + off
            if new <= 0:
                continue
            m = rep.copy()
            _set(m.figs[k], _like(f.raw, plain(new, f.decimals)))
            inj = _result(kind, m, {k}, f"{f.raw}% → {m.figs[k].raw}%")
            if inj:
                return inj
    return None


def change_rate(rep: Report, rng: random.Random) -> Injection | None:
    """A change rate R% that is not (A − P) ÷ P."""
    return _rate(rep, rng, "变动率", "R003", "change_rate")


def share(rep: Report, rng: random.Random) -> Injection | None:
    """A share 占P% in a list that is not part ÷ whole."""
    return _rate(rep, rng, "share", "R002", "share")


def _flip(rep: Report, rng: random.Random, code: str, kind: str) -> Injection | None:
    keys = [
        i.keys[0]
        for i in rep.identities
        if i.kind in ("dir", "agree") and code in i.codes and rep.figs[i.keys[0]].raw in FLIP
    ]
    keys = list(dict.fromkeys(keys))
    rng.shuffle(keys)
    for k in keys[:6]:
        m = rep.copy()
        g = m.figs[k]
        old = g.raw
        g.raw = FLIP[old]
        inj = _result(kind, m, {k}, f"“{old}” → “{g.raw}”")
        if inj:
            return inj
    return None


def direction_word(rep: Report, rng: random.Random) -> Injection | None:
    """增加 written under a decrease (or 大于 for 小于)."""
    return _flip(rep, rng, "R005", "direction")


def reason(rep: Report, rng: random.Random) -> Injection | None:
    """A reason naming the opposite direction ('…经费增加' under a decrease)."""
    return _flip(rep, rng, "R006", "reason")


def _cell_raw(old: str, v: Decimal) -> str:
    return plain(v, 2, "," in old)


def sangong_empty(rep: Report, rng: random.Random) -> Injection | None:
    """A 三公 part emptied in the table (its total re-added) while the text still states it."""
    parts = [k for k in rep.figs if _base(k) in ("t5.abroad", "t5.recv", "t5.run", "t4.abroad.x",
                                                   "t4.recv.x", "t4.run.x")]  # fmt: skip
    parts = [k for k in parts if rep.figs[k].value > 0]
    rng.shuffle(parts)
    for k in parts:
        m = rep.copy()
        f = m.figs[k]
        v = f.value
        prefix = _base(k).split(".")[0]
        suffix = ".x" if prefix == "t4" else ""
        name = _base(k).split(".")[1]
        ups = ["total"] + (["car"] if name == "run" else [])
        changed = {k}
        for u in ups:
            uk = next(x for x in m.figs if _base(x) == f"{prefix}.{u}{suffix}")
            g = m.figs[uk]
            g.raw = _cell_raw(g.raw, g.value - v)
            g.value -= v
            changed.add(uk)
        f.raw, f.value = "", D(0)
        # the place to find it: the text figure that still states the emptied part
        text = [i.keys[0] for i in m.identities if i.kind == "eq" and i.keys[1] == k]
        inj = _result("sangong_empty", m, changed, f"{name} cell {v} → blank (total adjusted)")
        if inj:
            _, spans, _ = m.render()
            inj.spans = [spans[t] for t in text] + inj.spans
            return inj
    return None


def _table_cell(rep: Report, rng: random.Random, want: str, kind: str) -> Injection | None:
    keys = []
    for k in rep.figs:
        b = _base(k).split(".")
        if len(b) == 3 and b[0] in ("t2", "t3") and b[2] in ("0", "1"):
            code = b[1]
            if (want == "lei" and len(code) == 3) or (want == "total" and code == "合计"):
                keys.append(k)
    rng.shuffle(keys)
    for k in keys[:6]:
        f = rep.figs[k]
        delta = D(rng.choice((100, 1000, 10000, 90000, -1000, -10000)))
        if f.value + delta <= 0:
            continue
        m = rep.copy()
        g = m.figs[k]
        g.raw = _cell_raw(g.raw, g.value + delta)
        g.value += delta
        inj = _result(kind, m, {k}, f"{f.raw} → {g.raw}")
        if inj:
            return inj
    return None


def class_sum(rep: Report, rng: random.Random) -> Injection | None:
    """A 类 row of a 科目 table that is not the sum of its 款."""
    return _table_cell(rep, rng, "lei", "class_sum")


def total_row(rep: Report, rng: random.Random) -> Injection | None:
    """A 合计 row that is not the sum of the 类 rows."""
    return _table_cell(rep, rng, "total", "total_row")


INJECT_BUDGET = {
    "text_cell": text_cell,
    "heading": heading,
    "change_rate": change_rate,
    "direction": direction_word,
    "reason": reason,
    "share": share,
    "sangong_empty": sangong_empty,
    "class_sum": class_sum,
    "total_row": total_row,
}


def inject_budget(rep: Report, kind: str, rng: random.Random | int) -> Injection | None:
    seed = rng if isinstance(rng, int) else None
    inj = INJECT_BUDGET[kind](rep, random.Random(rng) if isinstance(rng, int) else rng)
    if inj is not None:
        inj.rng_seed = seed
    return inj


__all__ = ["BUDGET_KINDS", "INJECT_BUDGET", "direction", "inject_budget"]
