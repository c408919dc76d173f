"""Which table cells state the figure a sentence states (rules/links.toml).

A clause names a document-level figure ("财政拨款收入支出总计0.3万元") when, once the year, the
department's name, lead and trail filler are set aside, its words are exactly one of a link's
names, optionally followed by a measure word (预算数, 决算…). A clause made of a measure word alone
("…年初预算为0.95万元，支出决算为0.00万元") names the figure of the clause before it. Anything else
("财政拨款收入支出减少…", "比上年预算增加…") names no figure here: silence over guessing.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from ..cache import load_toml
from ..catalogue import data_path
from ..lazy_re import cached_re, lazy
from ..model import Fact
from ..record import FrozenRecord, Record
from ..segment import Segments
from .facts import YEAR_WORDS, label_start
from .genre import detect_genre
from .subjects import Mention
from .table_body import CellFact, TableBody, plain

CLAUSE_END = "，,；;。：:！？!?\n"  # what ends the clause naming a figure (parentheses do not)
_MARKER = lazy(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,3}[、.．](?!\d))"
)
_TOTAL_COLUMN = lazy(r"(?:^|/)(?:合计|小计|决算数|预算数|本年支出合计|支出合计)$|^$")


class Link(FrozenRecord):
    """A document-level figure rules/links.toml names, and the cells that state it."""

    name: str  # the first of its words: how a message names the figure
    words: frozenset[str]
    table: re.Pattern
    row: re.Pattern
    column: re.Pattern
    doc: str | None  # "budget" | "final" | None (either)

    def __init__(
        self,
        name: str,
        words: frozenset[str],
        table: re.Pattern,
        row: re.Pattern,
        column: re.Pattern,
        doc: str | None,
    ) -> None:
        self.__dict__.update(name=name, words=words, table=table, row=row, column=column, doc=doc)


class Vocabulary(FrozenRecord):
    """rules/links.toml read once: the links, measure words and filler words."""

    links: tuple[Link, ...]
    measures: dict[str, str]  # measure word → budget | final | any
    lead: tuple[str, ...]
    trail: tuple[str, ...]

    def __init__(
        self,
        links: tuple[Link, ...],
        measures: dict[str, str],
        lead: tuple[str, ...],
        trail: tuple[str, ...],
    ) -> None:
        self.__dict__.update(links=links, measures=measures, lead=lead, trail=trail)


@cache
def vocabulary() -> Vocabulary:
    data = load_toml(data_path("rules", "links.toml"))
    links = tuple(
        Link(
            name=lk["text"][0],
            words=frozenset(plain(w) for w in lk["text"]),
            table=cached_re(lk["table"]),
            row=cached_re(lk["row"]),
            column=cached_re(lk["column"]),
            doc=lk.get("doc"),
        )
        for lk in data["link"]
    )
    measures = {w: kind for kind, ws in data["measures"].items() for w in ws}
    return Vocabulary(
        links,
        dict(sorted(measures.items(), key=lambda kv: -len(kv[0]))),
        tuple(sorted(data["filler"]["lead"], key=len, reverse=True)),
        tuple(sorted(data["filler"]["trail"], key=len, reverse=True)),
    )


class Statement(Record):
    """A narrative figure and the table cells that state the same figure."""

    fact: Fact
    name: str  # what the figure is, for messages: the link's name or the 科目's
    cells: list[CellFact]  # of the measure its words chose (预算数, 决算数, or any)

    def __init__(self, fact: Fact, name: str, cells: list[CellFact]) -> None:
        self.fact = fact
        self.name = name
        self.cells = cells


def _strip(raw: str, voc: Vocabulary, department: str) -> str:
    """The words of a clause that name its figure: without the item's number, the year, the
    department's name, filler; compared without spaces, quotes or parentheses."""
    words = plain(_MARKER.sub("", raw.strip()))
    words = YEAR_WORDS.sub("", words)
    if department:
        words = words.replace(department, "")
    changed = True
    while changed:
        changed = False
        for w in voc.lead:
            if words.startswith(w):
                words, changed = words[len(w) :], True
        for w in voc.trail:
            if words.endswith(w) and len(words) > len(w):
                words, changed = words[: -len(w)], True
    return words


def _name(words: str, voc: Vocabulary, kind: str | None) -> tuple[tuple[Link, ...], str | None]:
    """The links the words name (one figure may be laid out several ways: the 三公 parts as
    columns or as rows) and the measure they add; ((), measure) for a measure alone."""
    if words in voc.measures:
        return (), voc.measures[words]
    found: list[Link] = []
    measure: str | None = None
    for lk in voc.links:
        if lk.doc and lk.doc != kind:
            continue
        if words in lk.words:
            mk: str | None = "any"
        else:
            mk = next(
                (
                    k
                    for m, k in voc.measures.items()
                    if words.endswith(m) and words[: -len(m)] in lk.words
                ),
                None,
            )
        if mk is not None and (measure is None or mk == measure):
            found.append(lk)
            measure = mk
    return tuple(found), measure


def _says(c: CellFact, word: str, other: str) -> bool:
    """Whether a cell states the measure ``word`` (预算 or 决算): its column says so, or its
    column names neither and its table does."""
    if word in c.column:
        return True
    return other not in c.column and word in c.title and other not in c.title


def _cells(body: TableBody, lk: Link, measure: str) -> list[CellFact]:
    out = [
        c
        for c in body.cells
        if lk.table.search(c.title) and lk.row.search(c.row) and lk.column.search(c.column)
    ]
    if measure == "budget":
        out = [c for c in out if _says(c, "预算", "决算")]
    elif measure == "final":
        out = [c for c in out if _says(c, "决算", "预算")]
    return out


def _subject_cells(body: TableBody, code: tuple[str, ...], measure: str) -> list[CellFact]:
    """A 科目's spending figure: its row's total column in the tables of spending."""
    out = [
        c
        for c in body.by_code.get(code, ())
        if "支出" in c.title and _TOTAL_COLUMN.search(c.column)
    ]
    if measure == "budget":
        out = [c for c in out if _says(c, "预算", "决算")]
    elif measure == "final":
        out = [c for c in out if _says(c, "决算", "预算")]
    return out


def link_statements(
    text: str,
    segs: Segments,
    facts: list[Fact],
    body: TableBody,
    department: str | None,
    year: int | None,
    mentions: list[Mention],
) -> list[Statement]:
    """Narrative money figures of the document's year that name a figure the tables state:
    a document-level figure (rules/links.toml) or a 科目's (extract/subjects.py)."""
    if not body.cells:
        return []
    voc = vocabulary()
    kind = detect_genre(text)
    dept = plain(department or "")
    mentions = [m for m in mentions if m.code is not None]
    starts = [m.start for m in mentions]
    out: list[Statement] = []
    found: dict[tuple[tuple[Link, ...], str], list[CellFact]] = {}
    prev: tuple[int, tuple[Link, ...]] | None = None  # (sentence, link) of the last named clause
    last_end, last_sentence = 0, -1
    for f in facts:
        # a clause ends at punctuation or at the figure before it: never scan past either
        floor = last_end if last_sentence == f.sentence else segs.sentences[f.sentence].start
        last_end, last_sentence = f.span.end, f.sentence
        if f.q.family != "money" or f.q.operator or f.q.approx:
            continue
        if year is not None and f.period != str(year):
            continue  # a prior year's figure is a comparison base, not the tables' figure
        sent = segs.sentences[f.sentence]
        para = segs.paragraphs[sent.paragraph]
        lo = label_start(text, f.span.start, floor, CLAUSE_END)
        k = bisect.bisect_right(starts, f.span.start) - 1
        mention = mentions[k] if k >= 0 else None
        if mention is not None and para.start <= mention.start and mention.end <= f.span.start:
            # a figure in a 科目's paragraph, named by nothing but a measure word
            words = _strip(text[max(lo, mention.end) : f.span.start], voc, dept)
            measure = "any" if not words else voc.measures.get(words)
            if measure in ("any", "budget", "final") and (words or mention.end >= lo):
                code = mention.code
                assert code is not None  # only mentions the tables resolve are kept above
                cells = _subject_cells(body, code, measure)
                if cells:
                    out.append(Statement(f, body.names.get(code, "".join(code)), cells))
                continue
        words = _strip(text[lo : f.span.start], voc, dept)
        links, measure = _name(words, voc, kind)
        if not links and measure is not None and prev is not None and prev[0] == f.sentence:
            links = prev[1]  # "…年初预算为0.95万元，支出决算为0.00万元": the figure named before
        if not links or measure is None:
            continue
        prev = (f.sentence, links)
        if (links, measure) not in found:  # once per link, not per figure
            found[(links, measure)] = [c for lk in links for c in _cells(body, lk, measure)]
        cells = found[(links, measure)]
        if cells:
            out.append(Statement(f, links[0].name, cells))
    return out
