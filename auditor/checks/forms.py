"""Self-evaluation forms (项目支出/部门整体支出绩效自评表): the identities of the form itself.

F001  年度资金总额 ≠ Σ its 其中 rows (当年财政拨款 + 上年结转资金 + 其他资金; 基本 + 项目), per column
F002  a row's 执行率 ≠ 全年执行数 ÷ 全年预算数
F003  the execution score ≠ 分值 × 执行率 (capped at 分值)
F004  a 得分 above its 分值
F005  Σ 得分 ≠ 总分
F006  Σ 分值 ≠ 100 (or the 分值 of the 总分 row)
F007  总分 and 自评等级 disagree (the grade scale of rules/lexicon.toml, as G001)
F008  an indicator whose actual value misses its target is given full marks
F009  an indicator whose actual value meets its target is marked down without a reason

The form is read by auditor/forms.py from the document's tables; a row or column it cannot
identify takes part in no check. Every cell is an interval of its stated precision (9.60 is
[9.595, 9.605)), so rounding is never reported.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..arith import HUNDRED, Interval, fmt
from ..extract.numbers import COUNT_UNITS, UNITS
from ..forms import Form, FundsRow, IndicatorRow, member_of, read_forms, squash, vocabulary
from ..io.tables import document_text_tables
from ..lazy_re import lazy
from ..model import Cell, Related, Span
from .base import Audit, check
from .grades import band, grade_for
from .tables import BLANK, add, value

_COLUMN_ZH = {"initial": "年初预算数", "budget": "全年预算数", "spent": "全年执行数"}


def _forms(a: Audit) -> list[Form]:
    cached = getattr(a, "_forms_cache", None)
    if cached is None:
        cached = read_forms(a.doc.tables or document_text_tables(a.doc), a.doc.text)
        a._forms_cache = cached  # type: ignore[attr-defined]
    return cached


def _num(c: Cell | None) -> Interval | None:
    """A cell's figure (None for words, blanks and dashes)."""
    if c is None:
        return None
    v = value(c)
    return v if isinstance(v, Interval) else None


def _pct(c: Cell | None) -> Interval | None:
    """A rate cell as a percentage: "96.00%" → [95.995, 96.005)."""
    if c is None:
        return None
    t = squash(c.text)
    if not t.endswith("%"):
        return None
    body = t[:-1]
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", body):
        return None
    return Interval.stated(Decimal(body), len(body.split(".", 1)[1]) if "." in body else 0)


def _weight(c: Cell | None) -> Interval | None:
    """A 分值 is a definition, not a measurement: exactly the number written."""
    v = _num(c)
    return None if v is None else Interval.exact(v.mid)


def _decimals(c: Cell) -> int:
    t = squash(c.text).rstrip("%")
    return len(t.split(".", 1)[1]) if "." in t else 0


def _emit(
    a: Audit,
    code: str,
    form: Form,
    primary: Cell,
    zh: str,
    en: str,
    roles: list[tuple[Cell, str]],
    evidence: dict,
    anchor: str,
) -> None:
    related = [Related(c.span, role) for c, role in roles if c.span and c.span != primary.span]
    ev = dict(evidence)
    ev["table"] = form.name
    ev["operands"] = [
        {"role": role, "value": squash(c.text), "span": c.span} for c, role in roles if c.span
    ]
    f = a.emit(code, primary.span or Span(0, 0), zh, en, evidence=ev, extra_related=related)
    f.anchor = f"{code}|{form.name}|{anchor}|{squash(primary.text)}"


def _took_part(a: Audit, code: str, *cells: Cell | None) -> None:
    """The figures in these cells were read by a check (the coverage the summary reports)."""
    for c in cells:
        if c is not None and c.span is not None:
            a.mark(code, *a.facts_in(c.span.start, c.span.end))


def _label(row: FundsRow) -> str:
    """A row's name as a message quotes it: without 其中 before it or a colon after it."""
    return re.sub(r"^其中[：:]?|[：:]$", "", squash(row.label.text))


# --- F001: funds parts ----------------------------------------------------------------------


@check("F001")
def funds_parts(a: Audit) -> None:
    for form in _forms(a):
        total = form.funds_total
        if total is None:
            continue
        for g in vocabulary()["funds"]["groups"]:
            members = [r for r in form.funds if member_of(r.label.text, g)]
            keys = {member_of(r.label.text, g) for r in members}
            if keys != set(g["members"]) or len(members) != len(g["members"]):
                continue  # a group is held to its total only when all of it is listed
            for col, zh in _COLUMN_ZH.items():
                cell = total.cells.get(col)
                if cell is None or _num(cell) is None:
                    continue
                parts = [r.cells.get(col) for r in members]
                if any(p is None for p in parts):
                    continue
                s = add(parts)
                stated = _num(cell)
                if s is None or stated is None or not s.terms:
                    continue
                _took_part(a, "F001", cell, *parts)
                if s.iv.overlaps(stated):
                    continue
                dec = max(s.decimals, _decimals(cell))
                terms = [squash(p.text) for p in parts if p is not None and p.text.strip()]
                got, diff = fmt(s.exact, dec), fmt(abs(s.exact - stated.mid), dec)
                # one row filled in, the others blank: that row is the sum
                formula = terms[0] if len(terms) == 1 else f"{' + '.join(terms)} = {got}"
                name = _label(total)
                _emit(
                    a, "F001", form, cell,
                    f"“{name}”的{zh}不等于其中各项之和：{formula} ≠ {squash(cell.text)}，差 {diff}",
                    f"{name}, {zh}: the rows under it add up to {formula} ≠ {squash(cell.text)}, off by {diff}",
                    [(cell, f"{name}·{zh}")]
                    + [(p, f"{_label(r)}·{zh}") for r, p in zip(members, parts, strict=True) if p],
                    {"formula": f"{formula} ≠ {squash(cell.text)}", "expected": got,
                     "stated": squash(cell.text), "difference": diff},
                    f"{name}|{col}|{' + '.join(terms)}",
                )  # fmt: skip


# --- F002 / F003: execution rate and its score ----------------------------------------------


def _rate(row: FundsRow) -> Interval | None:
    spent, budget = _num(row.cells.get("spent")), _num(row.cells.get("budget"))
    if spent is None or budget is None:
        return None
    q = spent.div(budget)
    return None if q is None else q.percent()


@check("F002")
def funds_rate(a: Audit) -> None:
    for form in _forms(a):
        for row in form.funds:
            cell = row.cells.get("rate")
            stated = _pct(cell)
            expected = _rate(row)
            if cell is None or stated is None or expected is None:
                continue
            _took_part(a, "F002", cell, row.cells.get("spent"), row.cells.get("budget"))
            if expected.overlaps(stated):
                continue
            spent, budget = row.cells["spent"], row.cells["budget"]
            dec = _decimals(cell)
            got = fmt(expected.mid, dec)
            diff = fmt(abs(expected.mid - stated.mid), dec)
            name = _label(row)
            formula = f"{squash(spent.text)} ÷ {squash(budget.text)} = {got}%"
            _emit(
                a, "F002", form, cell,
                f"“{name}”的执行率与全年执行数、全年预算数不符：{formula} ≠ {squash(cell.text)}，差 {diff} 个百分点",
                f"{name}: the execution rate does not follow from spending and budget: {formula} ≠ {squash(cell.text)}, off by {diff} points",
                [(cell, f"{name}·执行率"), (spent, f"{name}·全年执行数"), (budget, f"{name}·全年预算数")],
                {"formula": f"{formula} ≠ {squash(cell.text)}", "expected": f"{got}%",
                 "stated": squash(cell.text), "difference": diff, "unit": "%"},
                name,
            )  # fmt: skip


def _score_for(weight: Interval, rate: Interval) -> Interval:
    """分值 × 执行率, capped at 分值 (an execution above 100% earns no more than full marks)."""
    product = weight * rate  # both are never below zero
    raw = Interval(
        product.lo / HUNDRED,
        product.hi / HUNDRED,
        None if product.point is None else product.point / HUNDRED,
    )
    point = None if raw.point is None else min(raw.point, weight.point or raw.point)
    return Interval(min(raw.lo, weight.lo), min(raw.hi, weight.hi), point)


@check("F003")
def funds_score(a: Audit) -> None:
    for form in _forms(a):
        for row in form.funds:
            w, s = row.cells.get("weight"), row.cells.get("score")
            weight, score = _weight(w), _num(s)
            if w is None or s is None or weight is None or score is None or weight.lo < 0:
                continue
            rates = [r for r in (_pct(row.cells.get("rate")), _rate(row)) if r is not None]
            if not rates:
                continue
            expected = [_score_for(weight, r) for r in rates]
            _took_part(a, "F003", w, s, row.cells.get("rate"))
            if any(e.overlaps(score) for e in expected):
                continue
            e = expected[0]
            dec = max(_decimals(s), 2)
            got = fmt(e.mid, dec)
            diff = fmt(abs(e.mid - score.mid), dec)
            rc = row.cells.get("rate")
            shown_rate = (
                squash(rc.text) if rc is not None and _pct(rc) else f"{fmt(rates[0].mid, 2)}%"
            )
            formula = f"{squash(w.text)} × {shown_rate} = {got}"
            name = _label(row)
            roles = [(s, f"{name}·得分"), (w, f"{name}·分值")]
            if rc is not None and _pct(rc):
                roles.append((rc, f"{name}·执行率"))
            _emit(
                a, "F003", form, s,
                f"“{name}”的预算执行得分与分值、执行率不符：{formula} ≠ {squash(s.text)}，差 {diff}",
                f"{name}: the budget-execution score does not follow from its weight and rate: {formula} ≠ {squash(s.text)}, off by {diff}",
                roles,
                {"formula": f"{formula} ≠ {squash(s.text)}", "expected": got,
                 "stated": squash(s.text), "difference": diff, "definition": "分值 × 执行率，不超过分值"},
                name,
            )  # fmt: skip


# --- F004: a score above its weight ---------------------------------------------------------


def _scored(form: Form) -> list[tuple[str, Cell | None, Cell | None]]:
    out: list[tuple[str, Cell | None, Cell | None]] = [
        (_label(r), r.cells.get("weight"), r.cells.get("score")) for r in form.funds
    ]
    out += [
        (squash(r.name.text), r.cells.get("weight"), r.cells.get("score")) for r in form.indicators
    ]
    return out


@check("F004")
def score_above_weight(a: Audit) -> None:
    for form in _forms(a):
        for name, w, s in _scored(form):
            weight, score = _weight(w), _num(s)
            if w is None or s is None or weight is None or score is None:
                continue
            _took_part(a, "F004", w, s)
            if score.lo <= weight.hi:
                continue
            _emit(
                a, "F004", form, s,
                f"“{name}”得分{squash(s.text)}超过其分值{squash(w.text)}",
                f"{name}: the score {squash(s.text)} exceeds its weight {squash(w.text)}",
                [(s, f"{name}·得分"), (w, f"{name}·分值")],
                {"formula": f"{squash(s.text)} > {squash(w.text)}", "expected": f"≤ {squash(w.text)}",
                 "stated": squash(s.text)},
                name,
            )  # fmt: skip


# --- F005 / F006: the totals of the score sheet ---------------------------------------------


def _all_rows(form: Form) -> list[tuple[str, Cell | None, Cell | None]] | None:
    """The scored rows when the whole score sheet was read: every indicator row placed, the
    总分 row found, and the funds row's 分值/得分 read where the form has those columns (then
    first: some provinces' totals leave it out, so the checks accept either reading)."""
    if not form.indicators_complete or form.total_score is None:
        return None
    rows: list[tuple[str, Cell | None, Cell | None]] = []
    total = form.funds_total
    if {"weight", "score"} & form.funds_columns:
        if total is None or _num(total.cells.get("weight")) is None:
            return None
        rows.append((_label(total), total.cells.get("weight"), total.cells.get("score")))
    rows += [
        (squash(r.name.text), r.cells.get("weight"), r.cells.get("score")) for r in form.indicators
    ]
    return rows


def _sum(cells: list[Cell]) -> Interval:
    """Σ scores: whole numbers exact, decimals as intervals of their precision."""
    acc = Interval.exact(Decimal(0))
    for c in cells:
        v = _num(c)
        if v is not None:
            acc = acc + (Interval.exact(v.mid) if "." not in c.text else v)
    return acc


def _sum_formula(cells: list[Cell]) -> str:
    vals = [squash(c.text) for c in cells]
    if len(vals) > 14:
        vals = vals[:10] + ["…"] + vals[-2:]
    return " + ".join(vals)


@check("F005")
def score_total(a: Audit) -> None:
    for form in _forms(a):
        rows = _all_rows(form)
        cell = form.total_score
        if rows is None or cell is None:
            continue
        scores = [s for _, _, s in rows]
        if any(s is None or value(s) is None for s in scores):
            continue
        s = add(scores)
        if s is not None:  # a score written as a whole number is that number (as 分值 are)
            s.iv = _sum([c for c in scores if c is not None])
        stated = _num(cell)
        if s is None or stated is None:
            continue
        _took_part(a, "F005", cell, *scores)
        funds_first = form.funds_total is not None and rows[0][2] is form.funds_total.cells.get(
            "score"
        )
        readings = [s.iv] + (
            [_sum([c for c in scores[1:] if c is not None])] if funds_first else []
        )
        if any(r.overlaps(stated) for r in readings):
            continue
        dec = max(s.decimals, _decimals(cell))
        formula = _sum_formula(s.terms)
        got, diff = fmt(s.exact, dec), fmt(abs(s.exact - stated.mid), dec)
        _emit(
            a, "F005", form, cell,
            f"总分不等于各项得分之和：{formula} = {got} ≠ {squash(cell.text)}，差 {diff}",
            f"the total score is not the sum of the scores: {formula} = {got} ≠ {squash(cell.text)}, off by {diff}",
            [(cell, "总分")] + [(c, f"{n}·得分") for n, _, c in rows if c is not None and value(c) != BLANK],
            {"formula": f"{formula} = {got} ≠ {squash(cell.text)}", "expected": got,
             "stated": squash(cell.text), "difference": diff},
            "score",
        )  # fmt: skip


@check("F006")
def weight_total(a: Audit) -> None:
    for form in _forms(a):
        rows = _all_rows(form)
        if rows is None:
            continue
        weights = [w for _, w, _ in rows]
        if any(w is None or _num(w) is None for w in weights):
            continue
        s = add(weights)
        if s is None:
            continue
        s.iv = Interval.exact(s.exact)  # weights are exact
        tw = form.total_weight
        stated = _weight(tw) if tw is not None else Interval.exact(HUNDRED)
        if stated is None:
            continue
        funds_first = form.funds_total is not None and rows[0][1] is form.funds_total.cells.get(
            "weight"
        )
        readings = [s.exact] + ([s.exact - (_num(weights[0]) or s.iv).mid] if funds_first else [])
        if any(Interval.exact(r).overlaps(stated) for r in readings):
            continue
        where = tw if tw is not None else form.total_score
        assert where is not None
        shown = squash(tw.text) if tw is not None else "100"
        dec = max(s.decimals, _decimals(tw) if tw is not None else 0)
        formula = _sum_formula(s.terms)
        got, diff = fmt(s.exact, dec), fmt(abs(s.exact - stated.mid), dec)
        _emit(
            a, "F006", form, where,
            f"各项分值之和不等于{shown}：{formula} = {got} ≠ {shown}，差 {diff}",
            f"the weights do not add up to {shown}: {formula} = {got} ≠ {shown}, off by {diff}",
            [(where, "总分·分值")] + [(c, f"{n}·分值") for n, c, _ in rows if c is not None],
            {"formula": f"{formula} = {got} ≠ {shown}", "expected": shown, "stated": got,
             "difference": diff},
            "weight",
        )  # fmt: skip


# --- F007: the grade ------------------------------------------------------------------------


@check("F007")
def grade(a: Audit) -> None:
    for form in _forms(a):
        if form.grade is None or form.total_score is None:
            continue
        word, cell = form.grade
        g = a.lex.grade_of_word(word)
        iv = _num(form.total_score)
        if g is None or iv is None:
            continue
        _took_part(a, "F007", form.total_score)
        possible = {grade_for(a, iv.lo), grade_for(a, iv.hi)}
        if g in possible:
            continue
        total = squash(form.total_score.text)
        expected = grade_for(a, iv.mid)
        _emit(
            a, "F007", form, cell,
            f"总分{total}应为“{expected}”（{band(a, expected)}），表中自评等级为“{word}”（{band(a, g)}）",
            f"a total of {total} is graded {expected} ({band(a, expected)}), not {word} ({band(a, g)})",
            [(cell, "自评等级"), (form.total_score, "总分")],
            {"formula": f"{total} → {expected}", "expected": expected, "stated": word},
            word,
        )  # fmt: skip


# --- F008 / F009: indicators scored against their results -----------------------------------

_VALUE = lazy(r"^(-?\d+(?:,\d{3})*(?:\.\d+)?)(\D{0,6})$")


def _operator(text: str) -> tuple[str, str] | None:
    """(operator, value) of a target: "≥95%" and "95%以上" → ("≥", "95%"); None without one."""
    t = squash(text)
    ops = vocabulary()["indicators"]["operators"]
    for word in sorted(ops, key=len, reverse=True):
        if t.startswith(word):
            return ops[word], t[len(word) :]
    after = vocabulary()["indicators"].get("operators_after", {})
    for word in sorted(after, key=len, reverse=True):
        if t.endswith(word):
            return after[word], t[: -len(word)]
    return None


def _quantity(text: str) -> tuple[Interval, str] | None:
    """A value and its unit: "46.5公里" → ([46.45, 46.55), "公里"); None for words."""
    m = _VALUE.match(squash(text))
    if not m:
        return None
    num = m.group(1).replace(",", "")
    dec = len(num.split(".", 1)[1]) if "." in num else 0
    if dec == 0 and m.group(2) in COUNT_UNITS:
        return Interval.exact(Decimal(num)), m.group(2)  # 8所 is exactly eight
    return Interval.stated(Decimal(num), dec), m.group(2)


def _verdict(row: IndicatorRow) -> str | None:
    """'met' or 'missed' when the numbers decide it beyond rounding; None otherwise."""
    target, actual = row.cells.get("target"), row.cells.get("actual")
    if target is None or actual is None:
        return None
    op = _operator(target.text)
    if op is None:
        return None
    t, a = _quantity(op[1]), _quantity(actual.text)
    if t is None or a is None or t[1] != a[1]:
        return None
    goal = t[0].mid
    lo, hi = a[0].lo, a[0].hi
    point = a[0].mid
    rule = op[0]
    if rule == "≥":
        return "met" if lo >= goal else "missed" if hi <= goal else None
    if rule == ">":
        return "met" if lo > goal else "missed" if hi <= goal else None
    if rule == "≤":
        return "met" if hi <= goal else "missed" if lo > goal else None
    if rule == "<":
        return "met" if hi <= goal and point < goal else "missed" if lo >= goal else None
    if rule == "=":
        return "met" if point == goal else "missed" if not (lo <= goal < hi) else None
    return None


def _no_reason(c: Cell | None) -> bool:
    return (
        c is None or squash(c.text) in vocabulary()["indicators"]["no_reason"] or not c.text.strip()
    )


def _indicator_scores(
    row: IndicatorRow,
) -> tuple[Cell, Cell, Interval, Interval] | None:
    w, s = row.cells.get("weight"), row.cells.get("score")
    weight, score = _weight(w), _num(s)
    if w is None or s is None or weight is None or score is None:
        return None
    return w, s, weight, score


@check("F008")
def missed_full_marks(a: Audit) -> None:
    for form in _forms(a):
        for row in form.indicators:
            got = _indicator_scores(row)
            if got is None or _verdict(row) is None:
                continue
            _took_part(a, "F008", row.cells.get("target"), row.cells.get("actual"))
            if _verdict(row) != "missed":
                continue
            w, s, weight, score = got
            if weight.mid != score.mid:
                continue
            name = squash(row.name.text)
            target, actual = squash(row.cells["target"].text), squash(row.cells["actual"].text)
            _emit(
                a, "F008", form, s,
                f"指标“{name}”未达到年度指标值（{target}，实际{actual}），却得满分{squash(s.text)}",
                f"indicator {name} missed its target ({target}, actual {actual}) yet has full marks ({squash(s.text)})",
                [(s, f"{name}·得分"), (row.cells["target"], f"{name}·年度指标值"),
                 (row.cells["actual"], f"{name}·实际完成值"), (w, f"{name}·分值")],
                {"formula": f"{actual} 未达 {target}，得分 {squash(s.text)} = 分值 {squash(w.text)}",
                 "expected": f"< {squash(w.text)}", "stated": squash(s.text)},
                name,
            )  # fmt: skip


@check("F009")
def met_marked_down(a: Audit) -> None:
    for form in _forms(a):
        for row in form.indicators:
            got = _indicator_scores(row)
            if got is None or _verdict(row) != "met" or not _no_reason(row.cells.get("reason")):
                continue
            w, s, weight, score = got
            if not score.mid < weight.mid:
                continue
            name = squash(row.name.text)
            target, actual = squash(row.cells["target"].text), squash(row.cells["actual"].text)
            _emit(
                a, "F009", form, s,
                f"指标“{name}”已达到年度指标值（{target}，实际{actual}），却扣分（{squash(s.text)}/{squash(w.text)}），且未说明偏差原因",
                f"indicator {name} met its target ({target}, actual {actual}) yet lost points ({squash(s.text)}/{squash(w.text)}) with no reason given",
                [(s, f"{name}·得分"), (row.cells["target"], f"{name}·年度指标值"),
                 (row.cells["actual"], f"{name}·实际完成值"), (w, f"{name}·分值")],
                {"formula": f"{actual} 达到 {target}，得分 {squash(s.text)} < 分值 {squash(w.text)}",
                 "expected": squash(w.text), "stated": squash(s.text)},
                name,
            )  # fmt: skip


# --- F010: the form against the report's text ---------------------------------------------------

_TEXT_CONCEPT = {
    "initial": "budget.initial",
    "budget": "budget.adjusted",
    "spent": "spending.actual",
    "rate": "rate.execution",
}
_MONEY_UNIT = lazy(r"[（(]\s*(万元|元|亿元)\s*[)）]")


def _form_unit(form: Form) -> str | None:
    """The money unit a form's header or caption gives ("项目资金（万元）"), if one only."""
    found = {
        m.group(1) for row in form.table.rows for c in row for m in _MONEY_UNIT.finditer(c.text)
    }
    if form.table.unit:
        found.add(form.table.unit)
    return found.pop() if len(found) == 1 else None


def _speaks_for_report(a: Audit, form: Form, forms: list[Form]) -> bool:
    """Whose figures the form's total is: the department's (部门整体表), or, in a project's own
    report holding this one form, the project's. Otherwise the text is about something else."""
    if form.kind == "department":
        return sum(f.kind == "department" for f in forms) == 1
    return (
        form.kind == "project" and len(forms) == 1 and a.genre == "selfeval" and "项目" in a.title
    )


@check("F010")
def form_against_text(a: Audit) -> None:
    forms = _forms(a)
    period = str(a.year) if a.year else "current"
    for form in forms:
        total = form.funds_total
        if total is None or not _speaks_for_report(a, form, forms):
            continue
        unit = _form_unit(form)
        for col, concept in _TEXT_CONCEPT.items():
            cell = total.cells.get(col)
            if cell is None or not cell.span:
                continue
            if col == "rate":
                stated, fact = _pct(cell), a.stated_once(concept, "部门整体", period, "percent")
                shown = squash(cell.text)
            else:
                fact = a.stated_once(concept, "部门整体", period, "money")
                num = _num(cell)
                if unit is None or num is None or fact is None:
                    continue
                scale = UNITS[unit][1]
                stated = num.scale(scale)
                shown = f"{squash(cell.text)}{unit}"
            if (
                stated is None
                or fact is None
                or fact.span.start >= (form.table.span or cell.span).start
            ):
                continue  # the text's figure, stated before the form, not a cell of it
            _took_part(a, "F010", cell)
            a.mark("F010", fact)
            if stated.overlaps(fact.q.interval):
                continue
            name = {"rate": "执行率", **_COLUMN_ZH}[col]
            _emit(
                a, "F010", form, cell,
                f"{form.name}“{_label(total)}”的{name}{shown}与报告正文所述{fact.q.raw}不符",
                f"{form.name}, {_label(total)}, {name}: the form says {shown}, the report's text {fact.q.raw}",
                [(cell, f"表·{name}"), (Cell(fact.q.raw, fact.span, -1, -1), f"正文·{name}")],
                {"formula": f"{shown} ≠ {fact.q.raw}", "expected": fact.q.raw, "stated": shown},
                f"{col}|{fact.q.raw}",
            )  # fmt: skip
