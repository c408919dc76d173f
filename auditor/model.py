"""The data model shared by every stage: documents, quantities, facts, structures, findings.

Offsets are character indices into ``Document.text``. Loading keeps the text the same length as
the decoded original (normalisation is one character for one character), so an offset is also a
position in the original, and line/column come straight from it.

The classes made once per figure or place (Span, Quantity, Fact, Related) have slots: no
instance dict, about a third less memory each on a report of a hundred thousand figures; they
take no attributes beyond their fields.
"""

from __future__ import annotations

import bisect
from decimal import Decimal
from enum import StrEnum

from .arith import Interval
from .lazy_re import cached_re
from .record import FrozenRecord, Record

_LINE_BREAK = cached_re(r"\r\n|\r|\n")  # what ends a line of the original
_ONE, _ZERO = Decimal(1), Decimal(0)  # Quantity's defaults
_set = object.__setattr__  # how a frozen record with slots sets its fields in __init__


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Position(FrozenRecord):
    """Where a character is, as a reader counts: line, column and page."""

    line: int  # 1-based
    column: int  # 1-based, in characters
    page: int | None

    def __init__(self, line: int, column: int, page: int | None = None) -> None:
        self.__dict__.update(line=line, column=column, page=page)


class Document(Record):
    """A report's text (original characters, decoded) and its normalised twin of equal length."""

    path: str
    original: str
    text: str
    encoding: str
    pages: list[int]  # offsets where each PDF page starts
    sha256: str
    tables: list[Table]  # ruled tables (PDF, DOCX)
    # Where rebuilding wrapped lines left characters of the original out of ``text``: sorted
    # (offset in text, characters of the original removed just before it). Empty: ``text`` has
    # the original's length and an offset into one is an offset into the other.
    cuts: list[tuple[int, int]]
    # PDF only, and only when asked for (--html with page images): where each character of
    # ``original`` is printed (io.pdf_layout.TextLayout); None otherwise. Not compared.
    layout: object | None

    def __init__(
        self,
        path: str,
        original: str,
        text: str,
        encoding: str = "utf-8",
        pages: list[int] | None = None,
        sha256: str = "",
        tables: list[Table] | None = None,
        cuts: list[tuple[int, int]] | None = None,
        layout: object | None = None,
    ) -> None:
        self.path = path
        self.original = original
        self.text = text
        self.encoding = encoding
        self.pages = [] if pages is None else pages
        self.sha256 = sha256
        self.tables = [] if tables is None else tables
        self.cuts = [] if cuts is None else cuts
        self.layout = layout
        # derived from the fields: where each cut is, with the characters removed up to it, and
        # where each line of the original starts
        self._cut_at: list[int] = []
        self._cut_sum: list[int] = []
        total = 0
        for at, n in self.cuts:
            total += n
            self._cut_at.append(at)
            self._cut_sum.append(total)
        assert len(original) == len(text) + total, "normalisation must keep offsets"
        starts = [0]
        if "\r" in original:
            starts.extend(m.end() for m in _LINE_BREAK.finditer(original))
        else:  # \n the only break: its pieces' lengths, without a regex pass over the text
            at = 0
            for piece in original.split("\n")[:-1]:
                at += len(piece) + 1
                starts.append(at)
        self._line_starts = starts

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._key(self)[:-1] == other._key(other)[:-1]  # type: ignore[attr-defined]
        return NotImplemented

    def __repr__(self) -> str:
        fields = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields[:-1])
        return f"{self.__class__.__qualname__}({fields})"

    def to_original(self, offset: int) -> int:
        """The offset in ``original`` of the character at ``offset`` in ``text``."""
        if not self._cut_at:
            return offset
        k = bisect.bisect_right(self._cut_at, offset)
        return offset + (self._cut_sum[k - 1] if k else 0)

    def original_span(self, span: Span) -> Span:
        """A span of ``text`` as the characters of ``original`` it covers."""
        if not self._cut_at or span.end <= span.start:
            return span
        return Span(self.to_original(span.start), self.to_original(span.end - 1) + 1)

    def source(self, span: Span) -> str:
        """The characters of the original a span of ``text`` stands for."""
        s = self.original_span(span)
        return self.original[s.start : s.end]

    def position(self, offset: int) -> Position:
        return Position(*self.place(offset))

    def place(self, offset: int) -> tuple[int, int, int | None]:
        """position() as a tuple (line, column, page), without making a Position (the writers
        turn every finding's places into dicts)."""
        offset = self.to_original(offset)
        line = bisect.bisect_right(self._line_starts, offset) - 1
        page = bisect.bisect_right(self.pages, offset) if self.pages else None
        return line + 1, offset - self._line_starts[line] + 1, page

    def line_text(self, line: int) -> str:
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.original)
        return self.original[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._line_starts)


class Span(FrozenRecord):
    """A range of character offsets in Document.text; Document.position maps it back."""

    __slots__ = ("start", "end")
    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        _set(self, "start", start)
        _set(self, "end", end)

    def __reduce__(self) -> tuple:  # slots, frozen: rebuilt through __init__ (pickle, copy)
        return (Span, (self.start, self.end))


class Cell(Record):
    """One table cell: its text and where its characters are in Document.text (None: empty)."""

    text: str
    span: Span | None
    row: int  # top-left grid position of the cell
    col: int
    rowspan: int
    colspan: int

    def __init__(
        self, text: str, span: Span | None, row: int, col: int, rowspan: int = 1, colspan: int = 1
    ) -> None:
        self.text = text
        self.span = span
        self.row = row
        self.col = col
        self.rowspan = rowspan
        self.colspan = colspan


class Table(Record):
    """A table as a full grid: rows[r][c] is the cell covering (r, c); a merged cell repeats.

    A table that a PDF splits over pages is one Table; its cells keep their own spans (and so
    their pages). title and unit come from the lines just above it (单位：元).
    """

    rows: list[list[Cell]]
    page: int | None  # 1-based page where it starts
    title: str
    unit: str | None
    span: Span | None

    def __init__(
        self,
        rows: list[list[Cell]],
        page: int | None = None,
        title: str = "",
        unit: str | None = None,
        span: Span | None = None,
    ) -> None:
        self.rows = rows
        self.page = page
        self.title = title
        self.unit = unit
        self.span = span


class Quantity(Record):
    """A number as written: value, stated precision, unit and the markers around it."""

    # _interval, _interval_slack: the interval once read, and the slack it was read with (the
    # checks ask for a figure's interval again and again, and each look-up in _INTERVALS formats
    # its Decimals for the key; only the slack is ever set after a Quantity is made, by the
    # engine, before any check). Slots, not fields: no part of equality or repr.
    __slots__ = ("span", "raw", "value", "decimals", "unit", "family", "scale", "approx",
                 "operator", "words", "slack", "_interval", "_interval_slack")  # fmt: skip
    span: Span
    raw: str
    value: Decimal  # in the stated unit
    decimals: int  # digits after the point as written (precision)
    unit: str  # canonical unit: 万元, 元, 亿元, %, 个, 人, 宗, 亩, 公顷, 分 ...
    family: str  # money | percent | count | area | score | other
    scale: Decimal  # factor to the family's base unit (元 for money)
    approx: str | None  # 约, 近, 超过 ...
    operator: str | None  # ≥ ≤ > < =
    words: bool  # written in Chinese numerals
    slack: Decimal  # configured tolerance, in the family's base unit

    def __init__(
        self,
        span: Span,
        raw: str,
        value: Decimal,
        decimals: int,
        unit: str,
        family: str,
        scale: Decimal = _ONE,
        approx: str | None = None,
        operator: str | None = None,
        words: bool = False,
        slack: Decimal = _ZERO,
    ) -> None:
        self.span = span
        self.raw = raw
        self.value = value
        self.decimals = decimals
        self.unit = unit
        self.family = family
        self.scale = scale
        self.approx = approx
        self.operator = operator
        self.words = words
        self.slack = slack
        self._interval: Interval | None = None
        self._interval_slack: Decimal | None = None

    @property
    def interval(self) -> Interval:
        """Stated value with its rounding interval, in the family's base unit."""
        if self._interval_slack is self.slack and self._interval is not None:
            return self._interval
        key = (str(self.value), self.decimals, self.family, self.approx, str(self.scale),
               str(self.slack))  # fmt: skip
        iv = _INTERVALS.get(key)
        if iv is None:
            if len(_INTERVALS) >= _INTERVALS_MAX:
                _INTERVALS.clear()
            iv = _INTERVALS[key] = _interval(
                self.value, self.decimals, self.family, self.approx, self.scale, self.slack
            )
        self._interval, self._interval_slack = iv, self.slack
        return iv

    @property
    def base(self) -> Decimal:
        return self.value * self.scale


# Quantity.interval by what determines it, the Decimals as written (1.0 and 1.00 are two keys:
# their intervals print differently): the checks ask for the same figure's interval many times.
_INTERVALS: dict[tuple, Interval] = {}
_INTERVALS_MAX = 1 << 15


def _interval(
    value: Decimal, decimals: int, family: str, approx: str | None, scale: Decimal, slack: Decimal
) -> Interval:
    """Quantity.interval, computed once per distinct figure. The arithmetic is exact at the default
    precision (figures have at most 18 digits), so the result does not depend on the caller's
    decimal context."""
    if family == "count" and decimals == 0 and not approx:
        iv = Interval.exact(value).scale(scale)  # 3个 is exactly three
    else:
        iv = Interval.stated(value, decimals)
        if approx:
            iv = iv.widen_relative(Decimal("0.05"))
        iv = iv.scale(scale)
    return Interval(iv.lo - slack, iv.hi + slack, iv.point) if slack else iv


class Fact(Record):
    """A quantity with what it measures."""

    # span: q.span, kept as a slot of its own (not a field): the checks read a figure's span ten
    # times a figure, and a property cost a call each time (a fiftieth of an audit)
    __slots__ = ("id", "q", "concept", "label", "scope", "period", "sentence", "paragraph",
                 "in_parens", "item", "used_by", "span")  # fmt: skip
    id: int
    q: Quantity
    concept: str | None  # canonical concept from the lexicon, e.g. budget.adjusted
    label: str  # the words that named it
    scope: str  # 部门整体, 基本支出, a project name ...
    period: str  # a year like "2023", "mid" for 年中, "prior" for 上年
    sentence: int  # index into Segments.sentences
    paragraph: int
    in_parens: int  # nesting depth of parentheses around it
    item: int | None  # index of the enumerated item it belongs to
    # codes of checks that read it, added through use(): a tuple, as a figure is read by a few
    # checks at most, and a set cost 216 bytes a figure (the most a figure kept, a sixth of all)
    used_by: tuple[str, ...]

    def __init__(
        self,
        id: int,  # noqa: A002 - the field's name
        q: Quantity,
        concept: str | None,
        label: str,
        scope: str,
        period: str,
        sentence: int,
        paragraph: int,
        in_parens: int = 0,
        item: int | None = None,
        used_by: tuple[str, ...] = (),
    ) -> None:
        self.id = id
        self.q = q
        self.concept = concept
        self.label = label
        self.scope = scope
        self.period = period
        self.sentence = sentence
        self.paragraph = paragraph
        self.in_parens = in_parens
        self.item = item
        self.used_by = used_by
        self.span = q.span

    def use(self, code: str) -> None:
        """Record that the check `code` read this figure."""
        if code not in self.used_by:
            self.used_by += (code,)


class Breakdown(Record):
    """A total and the parts it is split into (parentheses, 其中 lists)."""

    total: Fact
    parts: list[Fact]
    exhaustive: bool  # the parts claim to cover the whole total
    cue: str  # "parens" | "其中"
    shares: dict[int, Fact]  # part fact id → its 占比 fact

    def __init__(
        self,
        total: Fact,
        parts: list[Fact],
        exhaustive: bool,
        cue: str,
        shares: dict[int, Fact] | None = None,
    ) -> None:
        self.total = total
        self.parts = parts
        self.exhaustive = exhaustive
        self.cue = cue
        self.shares = {} if shares is None else shares


class Enumeration(Record):
    """A count claim ("2个项目…具体如下") and the items listed under it."""

    count: Fact
    noun: str
    items: list[Span]
    item_titles: list[str]
    parallel_total: Decimal | None  # "1家，1家，4家，具体包括" announces their sum

    def __init__(
        self,
        count: Fact,
        noun: str,
        items: list[Span],
        item_titles: list[str],
        parallel_total: Decimal | None = None,
    ) -> None:
        self.count = count
        self.noun = noun
        self.items = items
        self.item_titles = item_titles
        self.parallel_total = parallel_total

    def matches(self) -> bool:
        return len(self.items) in (self.count.q.value, self.parallel_total)


class Indicator(Record):
    """A performance indicator: its target and the values reported for it."""

    name: str
    name_span: Span
    target: Fact | None
    mid: list[Fact]
    final: list[Fact]
    final_sentences: list[int]
    deviation: Fact | None
    no_deviation_span: Span | None  # "无偏差"
    claim: tuple[str, Span] | None  # ("met"|"unmet", where)

    def __init__(
        self,
        name: str,
        name_span: Span,
        target: Fact | None,
        mid: list[Fact] | None = None,
        final: list[Fact] | None = None,
        final_sentences: list[int] | None = None,
        deviation: Fact | None = None,
        no_deviation_span: Span | None = None,
        claim: tuple[str, Span] | None = None,
    ) -> None:
        self.name = name
        self.name_span = name_span
        self.target = target
        self.mid = [] if mid is None else mid
        self.final = [] if final is None else final
        self.final_sentences = [] if final_sentences is None else final_sentences
        self.deviation = deviation
        self.no_deviation_span = no_deviation_span
        self.claim = claim


class GradeClaim(Record):
    """A stated grade (优/良/中/差) and the score it is claimed for."""

    score: Fact
    grade: str  # canonical 优/良/中/差
    span: Span

    def __init__(self, score: Fact, grade: str, span: Span) -> None:
        self.score = score
        self.grade = grade
        self.span = span


class Related(Record):
    """Another place a finding involves, with why it is involved."""

    __slots__ = ("span", "role")
    span: Span
    role: str  # short description of why it is involved

    def __init__(self, span: Span, role: str) -> None:
        self.span = span
        self.role = role


class Finding(Record):
    """One mismatch, with its messages, places and the arithmetic that proves it."""

    rule: str
    severity: Severity
    message: dict[str, str]  # lang → text
    span: Span
    related: list[Related]
    evidence: dict
    anchor: str  # stable content the fingerprint hashes (figures, concepts)
    fingerprint: str

    def __init__(
        self,
        rule: str,
        severity: Severity,
        message: dict[str, str],
        span: Span,
        related: list[Related] | None = None,
        evidence: dict | None = None,
        anchor: str = "",
        fingerprint: str = "",
    ) -> None:
        self.rule = rule
        self.severity = severity
        self.message = message
        self.span = span
        self.related = [] if related is None else related
        self.evidence = {} if evidence is None else evidence
        self.anchor = anchor
        self.fingerprint = fingerprint


class Result(Record):
    """Everything one audit produced for one document."""

    document: Document
    facts: list[Fact]
    findings: list[Finding]
    department: str | None
    year: int | None
    suppressed: int
    notes: list[str]  # what was set aside, said on stderr
    # (extracted, checked) when the facts were left in a batch worker (see auditor/payload.py)
    figure_counts: tuple[int, int] | None

    def __init__(
        self,
        document: Document,
        facts: list[Fact],
        findings: list[Finding],
        department: str | None = None,
        year: int | None = None,
        suppressed: int = 0,
        notes: list[str] | None = None,
        figure_counts: tuple[int, int] | None = None,
    ) -> None:
        self.document = document
        self.facts = facts
        self.findings = findings
        self.department = department
        self.year = year
        self.suppressed = suppressed
        self.notes = [] if notes is None else notes
        self.figure_counts = figure_counts

    @property
    def figures_extracted(self) -> int:
        """Figures found (every Fact), the coverage's denominator."""
        return self.figure_counts[0] if self.figure_counts else len(self.facts)

    @property
    def figures_checked(self) -> int:
        """Figures that took part in a check (an indicator's bookkeeping is not a check)."""
        if self.figure_counts:
            return self.figure_counts[1]
        return sum(
            1
            for f in self.facts
            if len(f.used_by) > 1 or (f.used_by and "indicator" not in f.used_by)
        )
