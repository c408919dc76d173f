"""Faster forms of round 4 of text throughput (issue 9) against the plain forms they replace:
the same structures and facts on the samples and on report-like text."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import starts, structures
from auditor.extract.facts import Context, build_facts
from auditor.extract.lexicon import Lexicon
from auditor.extract.meta import detect_year
from auditor.extract.numbers import scan_quantities
from auditor.extract.starts import Starts
from auditor.segment import segment

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))

# report-like sentences with the shapes the fast paths pass over or must keep
EXTRA = [
    "2023年支出合计500万元，基本支出和项目支出分别为300万元和200万元，分别占支出合计的60%和40%。",
    "支出合计500万元。基本支出和项目支出分别为300万元和200万元。\n其中：人员经费80万元，公用经费20万元。",
    "收入合计500万元，基本支出和项目支出分别为300万元和200万元。部分项目分值10分。",
    "年初预算1000万元（基本支出600万元，项目支出400万元），调整后预算1200万元，执行率95%。",
]


def _texts() -> list[str]:
    from auditor.io import load_path

    return [load_path(str(p)).text for p in SAMPLES] + EXTRA + ["\n".join(EXTRA)]


def _facts(text: str):  # noqa: ANN202
    segs = segment(text)
    lex = Lexicon()
    facts = build_facts(text, segs, scan_quantities(text)[0], lex, Context(detect_year(text)))
    return segs, facts, lex


@pytest.mark.parametrize("k", range(len(SAMPLES) + len(EXTRA) + 1))
def test_breakdowns_read_only_where_a_respectively_cue_stands(
    k: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """find_breakdowns passes over _respective_breakdowns in paragraphs without a 分别 cue's
    first character: the same breakdowns as reading every paragraph."""
    text = _texts()[k]
    segs, facts, lex = _facts(text)
    fast = structures.find_breakdowns(text, segs, facts, lex)
    segs, facts, lex = _facts(text)
    with monkeypatch.context() as m:
        m.setattr(structures, "respectively_starts", lambda t: Starts(t, [""]))  # everywhere
        plain = structures.find_breakdowns(text, segs, facts, lex)
    assert fast == plain


def test_respectively_breakdowns_are_found() -> None:
    """The comparison above is not vacuous: the report-like text has 分别 breakdowns."""
    text = "\n".join(EXTRA)
    segs, facts, lex = _facts(text)
    assert any(bd.cue == "分别" for bd in structures.find_breakdowns(text, segs, facts, lex))


@pytest.mark.parametrize("k", range(len(SAMPLES) + len(EXTRA) + 1))
def test_indicators_and_claims_read_where_a_held_character_stands(
    k: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """find_indicators and find_overall_claims search only sentences holding a character every
    cue word holds (值, 标): the same indicators and claims as with the cue words' first
    characters, the plain form."""
    text = _texts()[k] + "\n" + "\n".join(TARGETS)
    segs, facts, lex = _facts(text)
    fast = (structures.find_indicators(text, segs, facts),
            structures.find_overall_claims(text, segs))  # fmt: skip
    segs, facts, lex = _facts(text)
    with monkeypatch.context() as m:
        m.setattr(structures, "held", lambda t, words: Starts(t, starts.firsts(words)))
        plain = (structures.find_indicators(text, segs, facts),
                 structures.find_overall_claims(text, segs))  # fmt: skip
    assert fast == plain


TARGETS = [
    "1、部门整体预算执行率：年度指标值≥85%，实际完成值96%。",
    "（3）质量指标：学生满意度。预期目标值为≥90%，实际完成92%，未发生偏差。",
    "各项指标均已完成，全面完成年度目标。部分绩效目标均已完成。",
]


def test_indicator_texts_are_read() -> None:
    """The comparison above is not vacuous: there are indicators and claims to find."""
    text = "\n".join(TARGETS)
    segs, facts, _ = _facts(text)
    assert structures.find_indicators(text, segs, facts)
    assert structures.find_overall_claims(text, segs)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet="值目标年预a ", max_size=30),
       st.lists(st.text(alphabet="值目标年预", min_size=1, max_size=4), min_size=1, max_size=4),
       st.integers(0, 30), st.integers(0, 30))  # fmt: skip
def test_held_finds_every_whole_match(text: str, words: list[str], a: int, b: int) -> None:
    """A match of the words wholly inside [a, b) is never passed over by held()."""
    rx = re.compile("|".join(map(re.escape, words)))
    if rx.search(text, a, b) is not None:
        assert starts.held(text, words).any_in(a, b)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="增加减少上年2023，。为", max_size=30), st.data())
def test_change_words_read_on_the_first_question(text: str, data: st.DataObject) -> None:
    """_SentenceMarks finds a sentence's change words when change_in is first asked: the same
    answers as the list made with the other marks (the plain form)."""
    from auditor.extract import facts as F

    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    marks = F._SentenceMarks.of(text, a, b, F.mid_starts(text))
    assert marks.changes is None
    eager = [(c.start(), c.end()) for c in F._CHANGE.finditer(text, a, b)]
    for lo in range(a, b + 1):
        for hi in range(lo, b + 1):
            k = bisect.bisect_left(eager, (lo, -1))
            assert marks.change_in(text, lo, hi) == (k < len(eager) and eager[k][1] <= hi)
    assert marks.changes == eager


def _plain_reference(doc, v, where=None):  # noqa: ANN001, ANN202 - common._plain as it was
    from auditor.model import Span
    from auditor.writers.common import _LEAVES, location

    if type(v) in _LEAVES:
        return v
    if isinstance(v, Span):
        return where(v) if where is not None else location(doc, v)
    if isinstance(v, dict):
        return {k: _plain_reference(doc, x, where) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain_reference(doc, x, where) for x in v]
    return v


def _evidence():  # noqa: ANN202
    from collections import OrderedDict

    from auditor.model import Span

    leaf = (st.none() | st.booleans() | st.integers() | st.text(max_size=3)
            | st.builds(Span, st.integers(0, 5), st.integers(5, 9)))  # fmt: skip
    return st.recursive(
        leaf,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.lists(inner, max_size=3).map(tuple)
            | st.dictionaries(st.text(max_size=3), inner, max_size=3)
            | st.dictionaries(st.text(max_size=3), inner, max_size=3).map(OrderedDict)
        ),
        max_leaves=12,
    )


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_evidence())
def test_plain_evidence_as_the_call_per_value(v: object) -> None:
    """common._plain takes a plain dict's or list's leaves without a call each: the same data
    (and the same types) as the call per value it replaced."""
    from auditor.model import Document
    from auditor.writers.common import Locations, _plain

    doc = Document("x.txt", "0123456789", "0123456789")
    got, want = _plain(doc, v, Locations(doc)), _plain_reference(doc, v, Locations(doc))
    assert got == want and repr(got) == repr(want)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet="Xx×*ab年 \n", max_size=30))
def test_mark_runs_as_the_pattern(text: str) -> None:
    """document.mark_runs: the spans of _placeholder_rx()'s run pattern ([marks]+)."""
    from auditor.checks import document
    from auditor.checks.document import _placeholder_rx, _vocab, mark_runs

    run, _ = _placeholder_rx()
    assert mark_runs(text, _vocab()["placeholder_marks"]) == [m.span() for m in run.finditer(text)]
    assert document  # the module the check lives in


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet="表a收 \n\r\t。，", max_size=40))
def test_captions_as_the_pattern(text: str) -> None:
    """subject_tables.captions: _CAPTION.finditer's matches, tried at lines holding 表 only."""
    from auditor.io.subject_tables import _CAPTION, captions

    assert [m.span() for m in captions(text)] == [m.span() for m in _CAPTION.finditer(text)]


def test_captions_of_the_samples() -> None:
    from auditor.io.subject_tables import _CAPTION, captions

    for text in _texts():
        text = text.replace("\f", "\n")
        assert [m.span() for m in captions(text)] == [m.span() for m in _CAPTION.finditer(text)]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet="12.,-|a年 \t\u3000\u000b\x1c\xa0\u2028\u200b\u180e", max_size=20))
def test_table_row_without_whitespace_as_the_pattern(line: str) -> None:
    """reflow._table_row tells a line without bar or whitespace by str.split: the same as
    _SPACE_OR_BAR's search (the engine's \\s), and the same answer as _TABLE_ROW."""
    from auditor.io.reflow import _SPACE_OR_BAR, _TABLE_ROW, _table_row

    no_space = "|" not in line and (not line or line.split(None, 1) == [line])
    assert no_space == (_SPACE_OR_BAR.search(line) is None)
    assert _table_row(line) == (_TABLE_ROW.search(line) is not None)


PLACEHOLDERS = [
    "XX局2023年部门预算，（单位名称）负责，请（请填写项目名称）。××单位支出100万元。",
    "“一般公共服务支出-财政事务-行政运行”科目支出100万元。“教育支出 / 普通教育”  科目50万元。",
]


@pytest.mark.parametrize("k", range(len(SAMPLES) + len(PLACEHOLDERS)))
def test_word_guards_as_searching_everywhere(k: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """find_subjects skips the quoted-path search in a text without 科目, M001 the bracketed
    search in one without a field name or prompt: the same mentions and findings as searching
    every text."""
    from auditor.checks import document
    from auditor.engine import Options, audit
    from auditor.extract import subjects
    from auditor.io import load_bytes, load_path

    doc = load_path(str(SAMPLES[k])) if k < len(SAMPLES) else load_bytes(
        PLACEHOLDERS[k - len(SAMPLES)].encode(), "x.txt"
    )  # fmt: skip

    def run() -> tuple:
        found = subjects.find_subjects(doc.text, {})
        r = audit(doc, Options(select=["M001"]))
        return found, [(f.rule, f.span, f.message["zh"]) for f in r.findings]

    fast = run()
    with monkeypatch.context() as m:
        m.setattr(subjects, "_PATH_WORD", "")
        m.setattr(document, "_bracket_words", lambda: ("",))
        plain = run()
    assert fast == plain
    if k >= len(SAMPLES):
        assert fast[0] or fast[1]  # the report-like texts have what the guards let through


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet="（(【[）)】]。！？!?a年\n", max_size=30))
def test_punct_places_as_the_pattern(text: str) -> None:
    """segment visits the places punct_places finds: _PUNCT's matches (one character each), so
    the places in a block are the matches of _PUNCT.finditer over the block."""
    from auditor.segment import _PUNCT, punct_places

    assert punct_places(text) == [m.start() for m in _PUNCT.finditer(text)]


def test_punct_places_of_the_samples() -> None:
    from auditor.segment import _PUNCT, punct_places

    for text in _texts():
        assert punct_places(text) == [m.start() for m in _PUNCT.finditer(text)]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.text(alphabet="\x00\x08\x09\x0a\x0b\x0c\x0d\x0e\x1f\x20\x7f\x85年a", max_size=30))
def test_control_count_as_the_pattern(text: str) -> None:
    from auditor.io.load import _CONTROL, control_count

    assert control_count(text) == len(_CONTROL.findall(text))


def _formulas_reference(text: str) -> list:
    """find_formulas with re.finditer(r"[=＝]", text), as it was."""
    from auditor.extract import formulas

    places = [m.start() for m in re.finditer(r"[=＝]", text)]
    assert Starts(text, formulas.EQUALS).places == places
    return places


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="=＝1.2+×÷%a年 ", max_size=30))
def test_formula_signs_as_the_pattern(text: str) -> None:
    """find_formulas reads the = and ＝ that str.find finds: re.finditer(r"[=＝]")'s places."""
    _formulas_reference(text)


def test_formulas_of_report_like_text() -> None:
    from auditor.extract.formulas import find_formulas

    text = "执行率=(63.46-32.00)÷32.00=98.31%，合计：100+200＝300万元。"
    _formulas_reference(text)
    assert [f.result_raw for f in find_formulas(text)]


def _fact_rows(text: str) -> list[tuple]:
    return [(f.span, f.label, f.concept, f.scope, f.period, f.item) for f in _facts(text)[1]]


@pytest.mark.parametrize("k", range(len(SAMPLES) + len(EXTRA) + 1))
def test_facts_ask_concept_after_only_where_a_phrase_may_start(
    k: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build_facts asks lex.concept_after only when the character after the figure starts one
    of its phrases: the same facts as asking for every figure."""
    text = _texts()[k] + "\n偏差5.2%的偏差，完成率95%。"
    fast = _fact_rows(text)
    with monkeypatch.context() as m:
        m.setattr(Lexicon, "after_firsts", property(lambda self: None))
        plain = _fact_rows(text)
    assert fast == plain


@pytest.mark.parametrize("k", range(len(SAMPLES) + len(EXTRA) + 1))
def test_sentences_holding_as_asking_every_sentence(k: int) -> None:
    """structures.sentences_holding: the sentences for which any_in holds, in order."""
    text = _texts()[k] + "\n" + "\n".join(TARGETS) + "\n总体评价为优，得分95分。"
    segs = segment(text)
    for chars in (["标"], ["定", "等", "级", "结", "评"], ["。"], [""], ["\n"]):
        places = Starts(text, chars)
        want = [si for si, s in enumerate(segs.sentences) if places.any_in(s.start, s.end)]
        assert list(structures.sentences_holding(segs, places)) == want
