"""Faster forms of round 5 of text throughput (issue 9) against the plain forms they replace:
the same widths, table rows, clause starts, sentences and markers on the samples and on
generated text."""

from __future__ import annotations

import bisect
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import facts as F
from auditor.io import reflow
from auditor.segment import MARKER_FIRSTS, marker_at, segment

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True)


def _texts() -> list[str]:
    from auditor.io import load_path

    return [load_path(str(p)).text for p in SAMPLES]


# --- reflow ------------------------------------------------------------------------------------


def test_two_column_blocks_are_two_columns_every_one() -> None:
    """_OTHER_WIDTH counts CJK punctuation (U+3000–U+303E) and the full-width forms (U+FF01–U+FF60,
    U+FFE0–U+FFE6) as two columns without looking them up: unicodedata agrees on every one."""
    for lo, hi in ((0x3000, 0x303E), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6), (0x4E00, 0x9FFF)):
        assert all(unicodedata.east_asian_width(chr(c)) in "WF" for c in range(lo, hi + 1))
        assert reflow._OTHER_WIDTH.search(chr(lo) + chr(hi)) is None
    assert reflow._OTHER_WIDTH.search("\u303f")  # the one narrow character of its block


def _width_reference(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


@SETTINGS
@given(st.text(alphabet="年初预算，。、：（）“”—…①％１ａabc 1\u3000\u303f\uff61\u2460\U0001f600"))
def test_width_as_every_character_looked_up(s: str) -> None:
    assert reflow._width(s) == _width_reference(s)


def test_width_of_the_samples_lines() -> None:
    for text in _texts():
        for line in text.split("\n"):
            assert reflow._width(line) == _width_reference(line)


def _table_row_reference(line: str) -> bool:
    return reflow._TABLE_ROW.search(line) is not None


ROWS = st.text(alphabet="预算支出 \t\u3000|123,.-年%", max_size=40)


@SETTINGS
@given(ROWS)
def test_table_row_as_the_pattern(line: str) -> None:
    """_table_row answers lines of prose with a space or two without the pattern: the same
    answer as _TABLE_ROW.search."""
    assert reflow._table_row(line) == _table_row_reference(line)


def test_table_row_of_the_samples_lines() -> None:
    extra = ["2023 年预算", "项目  支出  合计", "201 01 行政运行", "合计 1,200.50", "１２３ 元",
             "收入 100 200 300", "基本支出 1073103.63", "说明　　如下　　见表"]  # fmt: skip
    for line in extra + [x for t in _texts() for x in t.split("\n")]:
        assert reflow._table_row(line) == _table_row_reference(line), line


# --- facts -------------------------------------------------------------------------------------


def _clause_start_reference(text: str, start: int, end: int, lo: int, pos: int) -> int:
    """clause_start as it was: the sentence's clause marks listed, the last one before pos."""
    clauses = [c.end() for c in F._CLAUSE_MARK.finditer(text, start, end)]
    k = bisect.bisect_right(clauses, pos) - 1
    return max(lo, clauses[k]) if k >= 0 else lo


@SETTINGS
@given(st.text(alphabet="年，,；;。：:预算1", max_size=30), st.data())
def test_clause_start_as_the_sentence_listed(text: str, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    pos = data.draw(st.integers(a, b))
    lo = data.draw(st.integers(a, pos))
    marks = F._SentenceMarks.of(text, a, b, F.mid_starts(text))
    assert marks.clause_start(text, lo, pos) == _clause_start_reference(text, a, b, lo, pos)


def test_clause_start_of_the_samples() -> None:
    for text in _texts():
        for s in segment(text).sentences:
            marks = F._SentenceMarks.of(text, s.start, s.end, F.mid_starts(text))
            for pos in range(s.start, s.end, 3):
                for lo in (s.start, max(s.start, pos - 12)):
                    got = marks.clause_start(text, lo, pos)
                    assert got == _clause_start_reference(text, s.start, s.end, lo, pos)


@pytest.mark.parametrize("k", range(len(SAMPLES)))
def test_sentence_bounds_as_sentence_at(k: int) -> None:
    """build_facts bisects segs.sentence_at.bounds() itself: the sentence sentence_at gives."""
    text = _texts()[k]
    segs = segment(text)
    starts, ends = segs.sentence_at.bounds()
    for i in range(len(text)):
        j = bisect.bisect_right(starts, i) - 1
        assert (j if j >= 0 and i < ends[j] else -1) == segs.sentence_at[i]


def test_marker_at_only_at_its_first_characters() -> None:
    """build_facts asks marker_at only where MARKER_FIRSTS or a decimal digit stands: everywhere
    else it finds no marker."""
    chars = {c for t in _texts() for c in t} | set("①⑩一二十（(1１")
    for c in chars:
        if c not in MARKER_FIRSTS and not c.isdecimal():
            for tail in ("、", "是", ".", "）", "1）", "、项目"):
                assert marker_at(c + tail, 0) is None
    assert marker_at("（一）项目", 0) is not None and "（" in MARKER_FIRSTS
    assert marker_at("1.项目", 0) is not None


def test_facts_of_report_like_text_unchanged_by_the_plain_forms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The facts of the samples with clause_start and sentence look-ups as they were."""
    from auditor.extract.lexicon import Lexicon
    from auditor.extract.meta import detect_year
    from auditor.extract.numbers import scan_quantities

    def run(text: str) -> list:
        segs = segment(text)
        fs = F.build_facts(
            text, segs, scan_quantities(text)[0], Lexicon(), F.Context(detect_year(text))
        )
        return [(f.q.span, f.concept, f.label, f.scope, f.period, f.sentence) for f in fs]

    texts = _texts()
    fast = [run(t) for t in texts]

    def plain_clause_start(self: F._SentenceMarks, text: str, lo: int, pos: int) -> int:
        return _clause_start_reference(text, self.span[0], self.span[1], lo, pos)

    with monkeypatch.context() as m:
        m.setattr(F._SentenceMarks, "clause_start", plain_clause_start)
        m.setattr(F, "MARKER_FIRSTS", _Everything())
        assert [run(t) for t in texts] == fast


class _Everything:
    def __contains__(self, c: object) -> bool:
        return True


def test_reference_patterns_compile() -> None:
    assert re.compile(F._CLAUSE_MARK.pattern) and reflow._TABLE_ROW.pattern


# --- numbers -----------------------------------------------------------------------------------


def _markers_reference(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    from auditor.extract import numbers as N

    return N._markers(text, start, end)


@SETTINGS
@given(st.text(alphabet="约近超过不低于以上下内左右余多 1元万%≥<年", max_size=14), st.data())
def test_quantities_ask_markers_only_next_to_their_characters(
    text: str, data: st.DataObject
) -> None:
    """_quantity skips _markers where the character before the figure ends no word (and is no
    space) and the one after starts none: the same operator and approximation as asking."""
    from auditor.extract import numbers as N

    for m in N._ARABIC_FROM_DIGIT.finditer(text):
        q = N._quantity(text, m.start(), m.end(), N.Decimal(m["num"]), 0, m["unit"], False)
        assert (q.operator, q.approx) == _markers_reference(text, m.start(), m.end())


def test_numerals_opening_with_a_multiplier_are_none() -> None:
    """scan_quantities drops a Chinese numeral opening with 百千万亿 (not 百分之) before
    cn_to_decimal: every such numeral of the numerals' characters is None to it."""
    import itertools

    from auditor.extract import numbers as N

    chars = N._CN_DIGITS
    for first in "百千万亿":
        for n in range(0, 3):
            for rest in itertools.product(chars, repeat=n):
                assert N.cn_to_decimal(first + "".join(rest)) is None


def test_quantities_of_the_samples_as_every_numeral_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.extract import numbers as N

    texts = _texts() + ["300万元，二千万元，百分之五十，两千三百亩，约100万元以上，近3年，万元"]
    fast = [N.scan_quantities(t) for t in texts]
    with monkeypatch.context() as m:
        m.setattr(N, "_MARK_BEFORE", _Everything())
        plain = [N.scan_quantities(t) for t in texts]
    assert [[(q.span, q.operator, q.approx, q.value) for q in qs] for qs, _ in fast] == [
        [(q.span, q.operator, q.approx, q.value) for q in qs] for qs, _ in plain
    ]


# --- forms_flat --------------------------------------------------------------------------------


def test_header_starts_as_each_run_found_on_its_own() -> None:
    """_read_header_starts finds the fund columns' words once for both runs: the same starts
    as _header_runs finding its own words each time."""
    from auditor import forms_flat as FF
    from auditor.forms import vocabulary

    v = vocabulary()
    funds = v["funds"]["columns"]
    for text in [
        *_texts(),
        "年初预算数 全年预算数 全年执行数 执行率 得分 偏差原因",
        "预算数执行数",
    ]:
        plain = FF._header_runs(text, funds, 3)
        plain += FF._header_runs(text, {k: funds[k] for k in sorted(FF._TWO)}, 2)
        plain += FF._header_runs(text, v["indicators"]["columns"], 4)
        assert FF._read_header_starts(text) == sorted(plain)


# --- structures --------------------------------------------------------------------------------

EXTRA = [
    "2023年支出合计500万元，其中：基本支出300万元，项目支出200万元。",
    "A项目40万元；B项目2.75万元；C项目10万元。共计下达资金52.75万元。",
    "年初预算1000万元（基本支出600万元，项目支出400万元），全年支出900万元中，基本支出500万元。",
    "执行率95%（年初预算1000万元，全年支出950万元）。",
]


def _breakdowns(text: str) -> list:
    from auditor.extract import structures as S
    from auditor.extract.lexicon import Lexicon
    from auditor.extract.meta import detect_year
    from auditor.extract.numbers import scan_quantities

    segs = segment(text)
    lex = Lexicon()
    fs = F.build_facts(text, segs, scan_quantities(text)[0], lex, F.Context(detect_year(text)))
    return [
        (
            bd.total.span,
            [p.span for p in bd.parts],
            bd.exhaustive,
            bd.cue,
            [p.scope for p in bd.parts],
        )
        for bd in S.find_breakdowns(text, segs, fs, lex)
    ]


def test_breakdowns_as_every_paragraph_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    """find_breakdowns runs _QISHI and _SUMS_WORD only over paragraphs holding 中 and 计 (a
    character every match holds): the same breakdowns as searching every paragraph."""
    from auditor.extract import structures as S

    assert S._QISHI_HELD == "中" and S._SUMS_HELD == "计"
    texts = [*_texts(), *EXTRA, "\n".join(EXTRA)]
    fast = [_breakdowns(t) for t in texts]
    assert any(fast[-1])
    with monkeypatch.context() as m:
        m.setattr(S, "_QISHI_HELD", None)
        m.setattr(S, "_SUMS_HELD", None)
        assert [_breakdowns(t) for t in texts] == fast


def test_held_by_all() -> None:
    from auditor.extract.structures import _held_by_all

    assert _held_by_all(["共计", "合计", "总计"]) == "计"
    assert _held_by_all(["其中", "中"]) == "中"
    assert _held_by_all(["甲", "乙"]) is None and _held_by_all([]) is None


# --- json --------------------------------------------------------------------------------------


def _results_for_json() -> list:
    import sys

    from auditor.engine import audit
    from auditor.io import load_bytes, load_path

    sys.path.insert(0, str(ROOT / "scripts"))
    from bench import SEED, scaled_input

    out = [audit(load_path(str(p))) for p in SAMPLES]
    out.append(audit(load_bytes(scaled_input(SEED.read_bytes(), 2), "bench.txt")))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_finding_json_as_the_encoded_dict(lang: str) -> None:
    """render_parts writes a finding key by key (finding_json): the characters json's encoder
    writes for finding_dict, on every finding of the samples and of the bench text."""
    from auditor.writers.common import Locations, finding_dict
    from auditor.writers.json_format import _encode, _Places, finding_json

    n = 0
    for r in _results_for_json():
        where, places = Locations(r.document), _Places(r.document)
        for f in r.findings:
            assert finding_json(r.document, f, lang, places) == _encode(
                finding_dict(r.document, f, lang, where)
            )
            n += 1
    assert n > 50


def test_finding_json_of_odd_evidence() -> None:
    """Evidence of shapes the key-by-key writer leaves to the encoder: the same characters."""
    from auditor.model import Finding, Related, Severity, Span
    from auditor.writers.common import Locations, finding_dict
    from auditor.writers.json_format import _encode, _Places, finding_json

    r = _results_for_json()[0]
    doc = r.document
    for ev in [
        {},
        {"operands": []},
        {"operands": [{"role": "a", "span": Span(0, 2), "fact": 3, "value": "1"}], "x": 1.5},
        {"operands": [{"role": "a", "location": 1, "span": Span(0, 2)}]},
        {"operands": [{"role": "a"}, ["odd"]], "flag": True, "none": None},
        {"values": ["1", "2"], "nested": {"span": Span(1, 3)}, "n": -3},
        {"operands": ("tuple",)},
    ]:
        f = Finding(
            rule="S001", severity=Severity.ERROR, message={"zh": "消息\n\"引号\"", "en": "m"},
            span=Span(0, 3), related=[Related(Span(1, 2), "第1项")], evidence=ev, anchor="x",
        )  # fmt: skip
        f.fingerprint = None
        for lang in ("zh", "en"):
            assert finding_json(doc, f, lang, _Places(doc)) == _encode(
                finding_dict(doc, f, lang, Locations(doc))
            ), ev


def test_location_json_with_pages() -> None:
    """_Places.json writes location()'s dict, its page too (a PDF's): the encoder's text."""
    from auditor.model import Span
    from auditor.writers.common import location
    from auditor.writers.json_format import _encode, _Places

    r = _results_for_json()[0]
    doc = r.document.shallow_copy()
    for pages in ([], [0, 40, 90]):
        doc.pages = pages
        places = _Places(doc)
        for a in range(0, min(len(doc.text), 200), 7):
            for b in (a, a + 1, a + 30):
                span = Span(a, min(b, len(doc.text)))
                assert places.json(span) == _encode(location(doc, span))


# --- text tables -------------------------------------------------------------------------------

TABLE_TEXTS = [
    "说明\n| 项目 | 金额 |\n|---|---|\n| 基本支出 | 100 |\n| 项目支出 | 200 |\n合计",
    "科目\t年初\t调整\n201\t100\t20\n202\t300\t40\n",
    "项目  年初预算  全年预算\n基本支出  100.5  120\n项目支出  200  230\n\r\n尾注",
    "单位：万元\n收入\n100\n支出\n200\n结余\n300\n合计\n600\n备注\n0\n",
    "一段文字，没有表格。  两个空格\n另一行|一根竖线\n",
]


def test_row_tables_only_of_marked_lines() -> None:
    """_row_tables tries _style only on the lines holding a bar, a tab or two spaces: the same
    tables as trying every line."""
    from auditor.io import tables as T

    def key(ts: list) -> list:
        return [(t.span, [[(c.text, c.span) for c in r] for r in t.rows]) for t in ts]

    for text in [*_texts(), *TABLE_TEXTS]:
        lines = T._lines(text)
        assert key(T._row_tables(lines, T._marked_lines(text, lines))) == key(T._row_tables(lines))
    assert T._row_tables(
        T._lines(TABLE_TEXTS[0]), T._marked_lines(TABLE_TEXTS[0], T._lines(TABLE_TEXTS[0]))
    )


# --- per text object ---------------------------------------------------------------------------


def test_newline_pieces_kept_for_one_text_object_only() -> None:
    """newline_pieces keeps the pieces of the text object last split: the same pieces as
    splitting again, for that object only (an equal text of another object is split anew), and
    a caller that changes its list changes nobody else's."""
    from auditor import segment as G

    def plain(text: str) -> list[tuple[int, int]]:
        out, pos = [], 0
        for piece in text.split("\n"):
            out.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        return out

    a = "第一行\n第二行\n\n第四行"
    first = G.newline_pieces(a)
    first.append((99, 99))
    assert G.newline_pieces(a) == plain(a)
    b = "".join(["第一行\n第二行", "\n\n第四行x"])[:-1]  # equal to a, another object
    assert b == a and b is not a
    assert G._last_pieces[0] is a
    assert G.newline_pieces(b) == plain(a) and G._last_pieces[0] is b
    for text in _texts():
        assert G.newline_pieces(text) == plain(text) == G.newline_pieces(text)


def test_mid_starts_kept_for_one_text_object_only() -> None:
    from auditor.catalogue import lexicon
    from auditor.extract.starts import Starts, firsts

    for text in [*_texts(), "截至6月，上半年"]:
        plain = Starts(text, [*firsts(lexicon()["periods"]["mid"]), "截"])
        assert F.mid_starts(text).places == plain.places
        assert F.mid_starts(text) is F.mid_starts(text)
    other = "".join(["截至6月", "，上半年"])
    assert F.mid_starts(other) is not F.mid_starts("截至6月，上半年 "[:-1])


# --- checks ------------------------------------------------------------------------------------


def _audits() -> list:
    from auditor import engine

    out = []
    for p in SAMPLES:
        from auditor.io import load_path

        captured = {}

        def to_run(a, sel, captured=captured):  # noqa: ANN001, ANN202
            captured["a"] = a
            return []

        orig = engine.checks.to_run
        engine.checks.to_run = to_run
        try:
            engine.audit(load_path(str(p)))
        finally:
            engine.checks.to_run = orig
        out.append(captured["a"])
    return out


def test_adjustment_groups_read_once_are_the_groups() -> None:
    """A001 and A002 share _groups' result: after A001 has run, the groups A002 reads are those
    read afresh (A001 adds nothing to them)."""
    from auditor.checks import adjustments as A

    def plain(g: dict) -> dict:
        return {k: {c: [f.id for f in fs] for c, fs in v.items()} for k, v in g.items()}

    n = 0
    for a in _audits():
        A.adjustment_identity(a)
        assert plain(A._groups(a)) == plain(A._read_groups(a))
        assert A._groups(a) is A._groups(a)
        n += len(A._read_groups(a))
    assert n > 0


@SETTINGS
@given(st.text(alphabet="2019年 0度上", max_size=16))
def test_year_matches_hold_nian(text: str) -> None:
    """P001 passes over sentences without 年: every match of its _YEAR holds one."""
    from auditor.checks import periods

    for m in periods._YEAR.finditer(text):
        assert "年" in m.group(0)
    if "年" not in text:
        assert periods._YEAR.search(text) is None


def _nearest_before_reference(a, r, concepts):  # noqa: ANN001, ANN202 - rates' plain form
    from auditor.checks import rates as R

    idx: dict = {}
    for f in a.by_sentence.get(r.sentence, []):
        starts, fs = idx.setdefault((f.concept, R._scope_key(f.scope)), ([], []))
        starts.append(f.span.start)
        fs.append(f)
    found = []
    for c in dict.fromkeys(concepts):
        starts, fs = idx.get((c, R._scope_key(r.scope)), ([], []))
        k = bisect.bisect_left(starts, r.span.start)
        taken = 0
        for f in reversed(fs[:k]):
            if f.q.family == "money":
                found.append(f)
                taken += 1
                if taken > R.NEAREST:
                    break
    found.sort(key=lambda f: f.span.start)
    return found[-R.NEAREST :], len(found) > R.NEAREST


def test_nearest_before_as_the_plain_index() -> None:
    """_sentence_index makes two lists only for a new key and _nearest_before passes over a
    concept the sentence lacks: the same figures as the plain form."""
    from auditor.checks import rates as R

    n = 0
    for a in _audits():
        concepts = sorted({f.concept for f in a.facts if f.concept})
        for r in a.facts:
            for cs in (concepts, concepts[:3], ["budget.adjusted", "spending.actual"]):
                assert R._nearest_before(a, r, cs) == _nearest_before_reference(a, r, cs)
                n += 1
    assert n > 100


def test_periods_as_every_window_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    """_period searches for 上年 only where 年 stands in the 12 characters before the figure
    (every 上年 word holds it): the same periods as searching every window."""
    from auditor.extract.lexicon import Lexicon
    from auditor.extract.meta import detect_year
    from auditor.extract.numbers import scan_quantities

    assert F._PRIOR_HELD == "年"
    extra = "2023年支出100万元，比上年增加10万元，上年度支出90万元，去年为80万元，较上一年多5%。"

    def periods(text: str) -> list:
        segs = segment(text)
        fs = F.build_facts(
            text, segs, scan_quantities(text)[0], Lexicon(), F.Context(detect_year(text) or 2023)
        )
        return [(f.q.span, f.period) for f in fs]

    texts = [*_texts(), extra]
    fast = [periods(t) for t in texts]
    assert "2022" in {p for _, p in fast[-1]}
    with monkeypatch.context() as m:
        m.setattr(F, "_PRIOR_HELD", "")
        assert [periods(t) for t in texts] == fast


def test_siblings_as_every_partition_asked() -> None:
    """Lexicon.siblings answers at once for a scope none of whose names is a part of a known
    whole: the same answers as asking every partition."""
    from auditor.extract.lexicon import Lexicon

    lex = Lexicon()

    def plain(a: str, b: str) -> bool:
        na, nb = set(a.split("·")), set(b.split("·"))
        for parts in lex.partitions.values():
            pa, pb = na.intersection(parts), nb.intersection(parts)
            if pa and pb and pa != pb:
                return True
        return False

    names = sorted({p for parts in lex.partitions.values() for p in parts})
    scopes = [*names, *lex.partitions, "部门整体", "项目", "某某项目", "", "·".join(names[:2])]
    scopes += [f"{x}·{y}" for x in names[:4] for y in ("财政拨款", names[-1])]
    hits = 0
    for x in scopes:
        for y in scopes:
            assert lex.siblings(x, y) == plain(x, y)
            hits += lex.siblings(x, y)
    assert hits > 0


def test_shared_units_as_the_starts_taken_first() -> None:
    """_with_shared_units makes the set of the figures' starts only when a shared list is found:
    the same quantities as making it first."""
    from auditor.extract import numbers as N

    def plain(text: str, out: list, raws: dict) -> list:
        shared = []
        taken = {q.span.start for q in out}
        for q in out:
            lo = q.span.start
            if lo == 0 or text[lo - 1] not in "、,，和及与 \t":
                continue
            m = N._JOINED_BEFORE.search(text, max(0, lo - N._SHARED_REACH), lo)
            if m is None:
                continue
            for n in N._BARE.finditer(text, m.start(1), m.end(1)):
                if n.start() not in taken:
                    num = n.group()
                    shared.append(
                        N._quantity(
                            text,
                            n.start(),
                            n.end(),
                            N.Decimal(num),
                            N._decimals(num),
                            q.unit,
                            q.words,
                            raws,
                        )  # fmt: skip
                    )
        return sorted(out + shared, key=N._START) if shared else out

    texts = [*_texts(), "分别为3、5万元，各是4125.49，4143.91万元", "分别为1、2和3个"]
    for text in texts:
        base, _ = N.scan_quantities(text)
        out = [q for q in base]
        fast = N._with_shared_units(text, out, {})
        assert [(q.span, q.value, q.unit) for q in fast] == [
            (q.span, q.value, q.unit) for q in plain(text, out, {})
        ]
    assert len(N.scan_quantities(texts[-2])[0]) == 4


def test_clause_start_without_semicolons_is_the_sentence_start() -> None:
    """build_facts takes a clause's start as the sentence's when it has no ；(start_of's answer
    then, not asked)."""
    cb = F._ClauseBounds(10, [], [])
    assert all(cb.start_of(p) == 10 for p in range(0, 40))
    cb = F._ClauseBounds(10, [15, 20], [])
    assert [cb.start_of(p) for p in (12, 16, 21)] == [10, 15, 20]


def test_clause_start_of_long_ranges_reads_the_sentence_once() -> None:
    """A range longer than _CLAUSE_WINDOW bisects the sentence's marks, listed on the first such
    question: the same starts, and one list for the sentence (a base year far before many
    figures searched the sentence again for each, the square of a long sentence)."""
    text = "较2024年的10万元" + "基本支出和项目支出分别为1万元和2万元，" * 30
    marks = F._SentenceMarks.of(text, 0, len(text), F.mid_starts(text))
    assert marks.clauses is None
    for pos in range(0, len(text), 5):
        for lo in (0, 7, max(0, pos - 12), max(0, pos - 40)):
            lo = min(lo, pos)
            got = marks.clause_start(text, lo, pos)
            assert got == _clause_start_reference(text, 0, len(text), lo, pos)
    assert marks.clauses is not None
