"""Duplicates: consecutive sentences with figures pasted twice, found by hashing sentences once."""

from __future__ import annotations

import bisect
from collections import Counter
from itertools import accumulate

from ..io.tables import document_text_tables
from ..model import Related, Span
from .base import Audit, check


def _squeezed(s: str) -> str:
    """s without whitespace: re.sub(r"\\s+", "", s), by str.split (which splits at the same
    characters), several times faster on a sentence of Chinese."""
    return "".join(s.split())


MIN_SENTENCES = 2
MIN_FIGURES = 2


def _table_spans(a: Audit) -> list[Span]:
    """Tables copied one cell per line: equal cells in two rows are not a pasted block."""
    return [t.span for t in document_text_tables(a.doc) if t.span and len(t.rows[0]) == 1]


@check("D001")
def duplicated_block(a: Audit) -> None:
    sents = a.segs.sentences
    figures = Counter(f.sentence for f in a.facts)
    first: dict[str, int] = {}
    anchors: dict[str, str] = {}
    source: list[int | None] = []  # for each sentence, the earlier sentence it repeats
    # a sentence inside a table: among the tables starting at or before it, the furthest end
    # (by bisection, not a scan of every table for every sentence)
    cells = sorted(_table_spans(a), key=lambda t: t.start)
    starts = [t.start for t in cells]
    reach = list(accumulate((t.end for t in cells), max))
    text = a.text
    for i, s in enumerate(sents):
        k = "".join(text[s.start : s.end].split())  # _squeezed, without the call
        j = first.setdefault(k, i)
        if j == i or len(k) < 4:
            source.append(None)  # (a first sentence, or too short: whether in a table or not)
            continue
        t = bisect.bisect_right(starts, s.start)
        in_table = t > 0 and reach[t - 1] >= s.end
        source.append(j if not in_table else None)
    i = 0
    while i < len(sents):
        if source[i] is None:
            i += 1
            continue
        start, src = i, source[i]
        while (
            i + 1 < len(sents)
            and source[i + 1] is not None
            and source[i + 1] == source[i] + 1
            and source[i + 1] < start
        ):
            i += 1
        run = range(start, i + 1)
        # (get, not Counter's [] : a sentence without figures is no call to __missing__)
        n_fig = sum(figures.get(k, 0) for k in run)
        with_fig = sum(1 for k in run if figures.get(k, 0))
        # a block right after its own copy ("二、预算执行 / 全年实际支出A（B、C），执行率D。" twice)
        # is a paste even when one sentence carries all its figures
        in_place = src + len(run) == start and n_fig >= MIN_FIGURES + 1
        if len(run) >= MIN_SENTENCES and n_fig >= MIN_FIGURES and (with_fig >= 2 or in_place):
            here = Span(sents[start].start, sents[i].end)
            there = Span(sents[src].start, sents[src + len(run) - 1].end)
            p_here = a.doc.position(here.start).line, a.doc.position(here.end - 1).line
            p_there = a.doc.position(there.start).line, a.doc.position(there.end - 1).line
            a.mark("D001", *a.facts_in(here.start, here.end))
            f = a.emit(
                "D001",
                here,
                f"第{p_here[0]}–{p_here[1]}行的 {len(run)} 句（含 {n_fig} 个数字）与第{p_there[0]}–{p_there[1]}行完全重复",
                f"lines {p_here[0]}–{p_here[1]} ({len(run)} sentences, {n_fig} figures) repeat lines {p_there[0]}–{p_there[1]} verbatim",
                extra_related=[Related(there, "首次出现")],
                evidence={"sentences": len(run), "figures": n_fig},
            )
            anchor = f.anchor + "|" + _squeezed(a.text[here.start : here.end])
            f.anchor = anchors.setdefault(anchor, anchor)  # a block pasted again and again: once
        i += 1
