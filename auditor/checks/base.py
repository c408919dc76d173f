"""What every check needs: the audit context, a registry, and one way to report a finding."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import cached_property

from ..arith import Interval, cut_off, fmt, total
from ..catalogue import rules
from ..digest import sha256
from ..extract.changes import Change
from ..extract.facts import label_start
from ..extract.genre import detect_genre
from ..extract.genre import title as read_title
from ..extract.lexicon import Lexicon
from ..extract.links import CLAUSE_END, Statement
from ..extract.outline import Outline, read_outline
from ..extract.structures import Structures
from ..extract.subjects import Mention
from ..extract.table_body import TableBody, plain
from ..lazy_re import cached_re
from ..model import Document, Fact, Finding, Related, Severity, Span
from ..record import Record
from ..segment import Segments

CheckFn = Callable[["Audit"], None]
REGISTRY: dict[str, CheckFn] = {}


def check(*codes: str) -> Callable[[CheckFn], CheckFn]:
    """Register a function that emits findings for the given catalogue codes."""

    def deco(fn: CheckFn) -> CheckFn:
        for code in codes:
            assert code in rules(), f"{code} missing from rules/checks"
        REGISTRY[fn.__module__ + "." + fn.__name__] = fn
        fn.codes = codes  # type: ignore[attr-defined]
        return fn

    return deco


class Operand(Record):
    """A figure taking part in a finding, with the role the message gives it."""

    fact: Fact
    role: str

    def __init__(self, fact: Fact, role: str) -> None:
        self.fact = fact
        self.role = role


class Audit(Record):
    """Everything the checks read about one document, and the findings they emit."""

    doc: Document
    segs: Segments
    facts: list[Fact]
    st: Structures
    lex: Lexicon
    year: int | None
    department: str | None
    body: TableBody  # tables' cells as facts
    statements: list[Statement]  # text figures with their cells
    changes: list[Change]  # comparisons in words
    mentions: list[Mention]  # 科目 the text names
    findings: list[Finding]
    severity: dict[str, Severity]  # overrides

    def __init__(
        self,
        doc: Document,
        segs: Segments,
        facts: list[Fact],
        st: Structures,
        lex: Lexicon,
        year: int | None,
        department: str | None = None,
        body: TableBody | None = None,
        statements: list[Statement] | None = None,
        changes: list[Change] | None = None,
        mentions: list[Mention] | None = None,
        findings: list[Finding] | None = None,
        severity: dict[str, Severity] | None = None,
    ) -> None:
        self.doc = doc
        # doc.text, read by the checks at every turn: an attribute, not a property (a call each)
        self.text = doc.text
        self.segs = segs
        self.facts = facts
        self.st = st
        self.lex = lex
        self.year = year
        self.department = department
        self.body = TableBody([], []) if body is None else body
        self.statements = [] if statements is None else statements
        self.changes = [] if changes is None else changes
        self.mentions = [] if mentions is None else mentions
        self.findings = [] if findings is None else findings
        self.severity = {} if severity is None else severity

    @cached_property
    def by_sentence(self) -> dict[int, list[Fact]]:
        out: dict[int, list[Fact]] = {}
        for f in self.facts:
            out.setdefault(f.sentence, []).append(f)
        return out

    @cached_property
    def main_money(self) -> Fact | None:
        """A figure in the unit most of the document's amounts are written in (万元 in most
        reports), when at least four in five of six or more are: the unit a stray 元 was meant
        to be (U001)."""
        units = Counter(f.q.unit for f in self.facts if f.q.family == "money")
        if not units:
            return None
        unit, n = units.most_common(1)[0]
        if n < 6 or n * 5 < units.total() * 4:
            return None
        return next(f for f in self.facts if f.q.family == "money" and f.q.unit == unit)

    @cached_property
    def _starts(self) -> list[int]:
        return [f.span.start for f in self.facts]

    @cached_property
    def _by_key(self) -> dict[tuple, list[Fact]]:
        out: dict[tuple, list[Fact]] = {}
        for f in self.facts:
            if f.concept and f.item is None and not f.q.operator and not f.q.approx:
                out.setdefault((f.concept, f.scope, f.period, measure(f)), []).append(f)
        return out

    def stated_once(self, concept: str, scope: str, period: str, measure_: str) -> Fact | None:
        """The figure of this concept, scope and period when the report gives it one value only
        (wherever it is stated): a sentence may lean on a figure stated elsewhere."""
        key = (concept, scope, period, measure_)
        memo = self._stated_once
        if key not in memo:  # asked for every rate of the key: its group is read once
            fs = self._by_key.get(key)
            first = fs[0].q.interval if fs else None
            ok = fs and all(x.q.interval.overlaps(first) for x in fs)
            memo[key] = fs[0] if ok else None
        return memo[key]

    @cached_property
    def _stated_once(self) -> dict[tuple, Fact | None]:
        return {}

    @cached_property
    def statement_of(self) -> dict[int, Statement]:
        """Fact id → what the tables say the figure is (its link or 科目)."""
        return {st.fact.id: st for st in self.statements}

    def name_of(self, f: Fact) -> str:
        """How a message names a figure: its 科目 or table figure if linked, else its label."""
        st = self.statement_of.get(f.id)
        if st:
            return st.name
        label = clean(f.label).strip('（）()“”"')
        if label:
            return label
        sent = self.segs.sentences[f.sentence]
        floor = max(sent.start, f.span.start - 60)  # a name is short: never scan a whole line
        start = label_start(self.text, f.span.start, floor, CLAUSE_END)
        return plain(self.text[start : f.span.start])

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @cached_property
    def _item_starts(self) -> list[int]:
        return [p.start for p in self.segs.paragraphs if p.marker is not None]

    def subject_of(self, f: Fact) -> tuple[str, ...] | None:
        """The 科目 a figure is about: the last one named before it, unless a new numbered item
        began in between (a paragraph per 科目 is how the templates explain them)."""
        k = bisect.bisect_right(self._mention_starts, f.span.start) - 1
        if k < 0:
            return None
        m = self.mentions[k]
        j = bisect.bisect_right(self._item_starts, m.start)
        if j < len(self._item_starts) and self._item_starts[j] <= f.span.start:
            return None
        return m.key

    def backwards(self, pos: int, lo: int) -> Iterator[Fact]:
        """Facts starting in [lo, pos), the nearest first, without copying a range: a caller
        that stops at the first one it wants costs what it reads, not the paragraph."""
        k = bisect.bisect_left(self._starts, pos) - 1
        while k >= 0 and self.facts[k].span.start >= lo:
            yield self.facts[k]
            k -= 1

    @cached_property
    def title(self) -> str:
        """The document's title (extract/genre.py), read once for the checks that ask."""
        return read_title(self.text)

    @cached_property
    def genre(self) -> str | None:
        """'budget', 'final' or 'selfeval' from the title, or None when it does not say."""
        return detect_genre(self.text)

    @cached_property
    def outline(self) -> Outline:
        """The headings and paragraph topics the figures stand under, read when first asked."""
        return read_outline(self.text, self.segs, self.facts, self.lex, self.year)

    @cached_property
    def _list_opens(self) -> list[int]:
        """Where the words that open a list of parts stand (after them), found once."""
        return [m.start() for m in self.lex.list_opens_rx.finditer(self.text)]

    def list_open_before(self, lo: int, hi: int) -> int | None:
        """The last list-opening words starting in [lo, hi)."""
        k = bisect.bisect_left(self._list_opens, hi) - 1
        return self._list_opens[k] if k >= 0 and self._list_opens[k] >= lo else None

    def facts_in(self, lo: int, hi: int) -> list[Fact]:
        """Facts starting in [lo, hi), found by bisection (facts are in text order)."""
        return self.facts[
            bisect.bisect_left(self._starts, lo) : bisect.bisect_left(self._starts, hi)
        ]

    def emit(
        self,
        code: str,
        primary: Fact | Span,
        zh: str,
        en: str,
        operands: Iterable[Operand] = (),
        evidence: dict | None = None,
        extra_related: Iterable[Related] = (),
    ) -> Finding:
        span = primary.span if isinstance(primary, Fact) else primary
        ops = list(operands)
        related = [Related(o.fact.span, o.role) for o in ops if o.fact.span != span]
        related += list(extra_related)
        self.mark(code, *(o.fact for o in ops))
        if isinstance(primary, Fact):
            self.mark(code, primary)
        ev = dict(evidence or {})
        ev.setdefault(
            "operands",
            [
                {"role": o.role, "value": o.fact.q.raw, "span": o.fact.span, "fact": o.fact.id}
                for o in ops
            ],
        )
        anchor = "|".join(
            [code] + sorted(f"{o.fact.label}={o.fact.q.raw}" for o in ops)
            or [self.text[span.start : span.end]]
        )
        if not ops:
            anchor += "|" + self.text[span.start : span.end]
        f = Finding(
            rule=code,
            severity=self.severity.get(code, rules()[code].severity),
            message={"zh": zh, "en": en},
            span=span,
            related=related,
            evidence=ev,
            anchor=anchor,
        )
        self.findings.append(f)
        return f

    def mark(self, code: str, *facts: Fact) -> None:
        """Record that a check read these figures and found them consistent."""
        for f in facts:
            used = f.used_by  # Fact.use, inline: checks mark figures by the thousand
            if code not in used:
                f.used_by = used + (code,)


_LEAD = cached_re(r"^(?:(?:19|20)\d{2}\s*年度?|因|故|其中|原因是|截至\S*?时|[：:，,\s])+")
_TRAIL = cached_re(r"(?:为|是|共计|共|(?<![合总小])计|达到|达|约|[：:\s])+$")  # not 合计


def clean(label: str) -> str:
    """A label as a name in a message: without leading years/connectors and trailing 为/是/共."""
    return _TRAIL.sub("", _LEAD.sub("", label)) or label


def measure(f: Fact) -> str:
    """What a figure can be added to: its family, and for counts its unit (人 is not 个)."""
    return f.q.unit if f.q.family == "count" else f.q.family


def fingerprint(anchor: str, occurrence: int) -> str:
    return sha256(f"{anchor}#{occurrence}".encode()).hexdigest()[:16]


def show(base: Decimal, like: Fact) -> str:
    """A base-unit value in the unit and precision of the figure it is compared with."""
    v = base / like.q.scale
    return fmt(v, max(like.q.decimals, _natural_decimals(v)))


def _natural_decimals(v: Decimal, cap: int = 2) -> int:
    t = v.normalize()
    exp = -t.as_tuple().exponent if isinstance(t.as_tuple().exponent, int) else 0
    return max(0, min(cap, exp))


def term(f: Fact, like: Fact) -> str:
    """How an operand is written in a formula: its number, with its unit when units differ."""
    return str(f.q.value) if f.q.unit == like.q.unit else f.q.raw


def sum_formula(parts: list[Fact], computed: Interval, like: Fact) -> tuple[str, str]:
    terms = []
    for i, p in enumerate(parts):
        t = term(p, like)
        if i and t.startswith("-"):
            terms.append(f"- {t[1:]}")
        else:
            terms.append(f"+ {t}" if i else t)
    s = show(computed.mid, like)
    if len(terms) == 1:
        return terms[0], s  # one part: "768.93 > 629.31", not "768.93 = 768.93 > 629.31"
    return f"{' '.join(terms)} = {s}", s


def emit_sum(
    a: Audit,
    code: str,
    primary: Fact,
    whole: Fact,
    parts: list[Fact],
    computed: Interval,
    zh: str,
    en: str,
    operands: list[Operand],
) -> None:
    """Report a total its parts do not add up to: the message head, then the recomputation.
    A total that is the sum cut off at its decimals is a slip of convention (Q001, info), one
    that adds up with an amount's unit read as the document's is a slip of that unit (U001)."""
    if emit_unit_slip(a, whole, parts, operands):
        return
    formula, expected = sum_formula(parts, computed, whole)
    if truncated(whole, computed):
        emit_truncated(a, whole, computed, f"{formula} → {whole.q.value}", operands)
        return
    diff = show(abs(computed.mid - whole.q.base), whole)
    a.emit(
        code,
        primary,
        f"{zh}：{formula} ≠ {whole.q.value}，差 {diff}",
        f"{en}: {formula} ≠ {whole.q.value}, off by {diff}",
        operands,
        {
            "formula": f"{formula} ≠ {whole.q.value}",
            "expected": expected,
            "stated": str(whole.q.value),
            "difference": diff,
            "unit": whole.q.unit,
        },
    )


def emit_unit_slip(a: Audit, whole: Fact, parts: list[Fact], operands: list[Operand]) -> bool:
    """U001: amounts of a sum written in another unit than the document's own ("一般公共预算收入
    88435元…其中：税收收入39029元，非税收入49406万元"): when, read in the document's unit, they add
    up exactly where as written they do not, the unit is the slip, not the figures. (Exactly: a
    total read 10 000 times larger would hold any short list.)"""
    main = a.main_money
    members = [whole, *parts]
    if main is None or any(f.q.family != "money" for f in members):
        return False
    odd = [f for f in members if f.q.unit != main.q.unit]
    if not odd or len(odd) == len(members):
        return False

    def read(f: Fact) -> Interval:
        return f.q.interval.scale(main.q.scale / f.q.scale) if f in odd else f.q.interval

    computed = total([read(p) for p in parts])
    if not computed.overlaps(read(whole)):
        return False
    unit = main.q.unit
    shown = "、".join(f.q.raw for f in odd)
    formula = " + ".join(str(p.q.value) for p in parts) + f" = {show(computed.mid, main)}"
    a.emit(
        "U001",
        odd[0],
        f"{shown}的单位疑为{unit}：按{unit}计，{formula}，与合计相符",
        f"{shown}: the unit looks like {unit}; read in {unit}, {formula}, which is the total",
        operands,
        {
            "formula": f"{formula} = {whole.q.value}",
            "expected": unit,
            "stated": "、".join(f.q.unit for f in odd),
            "unit": unit,
        },
    )
    return True


def emit_rate(
    a: Audit,
    code: str,
    rate: Fact,
    expected: Interval,
    formula: str,
    zh: str,
    en: str,
    operands: list[Operand],
    definition: str,
    note: tuple[str, str] = ("", ""),
) -> None:
    """Report a rate its figures do not give: the message head, the recomputation, the gap.
    A rate that is the computed one cut off at its decimals is a slip of convention (Q001)."""
    if truncated(rate, expected):
        emit_truncated(a, rate, expected, formula, operands)
        return
    diff = show(abs(expected.mid - rate.q.base), rate)
    a.emit(
        code,
        rate,
        f"{zh}{formula} ≠ {rate.q.raw}，差 {diff} 个百分点{note[0]}",
        f"{en}{formula} ≠ {rate.q.raw}, off by {diff} points{note[1]}",
        operands,
        {
            "formula": f"{formula} ≠ {rate.q.raw}",
            "expected": f"{show(expected.mid, rate)}%",
            "stated": rate.q.raw,
            "difference": diff,
            "unit": "%",
            "definition": definition,
        },
    )


def truncated(stated: Fact, computed: Interval) -> bool:
    """Whether the stated figure is the computed value cut off (not rounded) at its decimals
    (arith.cut_off); an approximate, bounded or tolerant figure never is."""
    q = stated.q
    if q.approx or q.operator or stated.q.slack:
        return False
    return cut_off(q.base, Decimal(1).scaleb(-q.decimals) * q.scale, computed)


def emit_truncated(
    a: Audit, stated: Fact, computed: Interval, formula: str, operands: list[Operand]
) -> None:
    """Q001: the figure follows from its operands when cut off at its decimals, not when
    rounded half up (四舍五入): worth a note, never an error."""
    digits = stated.q.decimals
    value = computed.mid / stated.q.scale
    exact = fmt(value, digits + 3)
    rounded = fmt(value, digits)
    unit = stated.q.unit
    a.emit(
        "Q001",
        stated,
        f"{stated.q.raw}是截断而非四舍五入的结果：{formula}（计算值 {exact}{unit}），"
        f"四舍五入应为 {rounded}{unit}",
        f"{stated.q.raw} is truncated, not rounded half up: {formula} (computed {exact}{unit}); "
        f"rounded half up it is {rounded}{unit}",
        operands,
        {
            "formula": formula,
            "expected": f"{rounded}{unit}",
            "stated": stated.q.raw,
            "unit": unit,
            "definition": f"truncated: {exact}{unit} cut off at {digits} decimals",
        },
    )
