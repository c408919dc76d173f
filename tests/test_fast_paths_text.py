"""More faster forms (issue 9, text throughput) against the plain forms they replaced: the same
matches, the same values, the same digests, on report-like, corpus and random text."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import digest
from auditor.extract import numbers

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True)
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def _corpus_texts() -> list[str]:
    """The samples' texts (decoded as the tool reads them), for matches on real reports."""
    from auditor.io import load_path

    return [load_path(str(p)).text for p in SAMPLES]


def _arabic_reference(text: str) -> list[tuple]:
    """scan_quantities' Arabic figures as _ARABIC finds them: (start, end, num, unit, signed)."""
    return [
        (m.start(), m.end(), m["num"], m["unit"], m["neg"] is not None)
        for m in numbers._ARABIC.finditer(text)
    ]


def _arabic_fast(text: str) -> list[tuple]:
    out = []
    for m in numbers._ARABIC_FROM_DIGIT.finditer(text):
        signed = numbers._signed(text, m.start())
        out.append((m.start() - signed, m.end(), m["num"], m["unit"], signed))
    return out


def _cn_reference(text: str) -> list[tuple]:
    """(start, end, percent?, pnum, numeral, unit) as _CN finds them."""
    return [
        (m.start(), m.end(), m["pct"] is not None, m["pnum"], m["num"], m["unit"])
        for m in numbers._CN.finditer(text)
    ]


def _cn_fast(text: str) -> list[tuple]:
    out = []
    for m in numbers._CN_FROM_NUMERAL.finditer(text):
        pct = m["pnum"] is not None
        num = None if pct else text[m.start() : m.start("unit")]
        out.append((m.start(), m.end(), pct, m["pnum"], num, m["unit"] if not pct else None))
    return out


ARABIC_ALPHABET = "-.,，0123456789٣ 万元%个分第a约为"
CN_ALPHABET = "第百分之一二两十千万亿点零〇个项人分元万元%钟\n 3-"


@SETTINGS
@given(st.text(alphabet=ARABIC_ALPHABET, max_size=60))
def test_arabic_figures_from_the_digit_as_the_reference(text: str) -> None:
    assert _arabic_fast(text) == _arabic_reference(text)


@SETTINGS
@given(st.text(max_size=60))
def test_arabic_figures_on_any_text(text: str) -> None:
    assert _arabic_fast(text) == _arabic_reference(text)


@SETTINGS
@given(st.text(alphabet=CN_ALPHABET, max_size=60))
def test_chinese_figures_from_the_numeral_as_the_reference(text: str) -> None:
    assert _cn_fast(text) == _cn_reference(text)


def test_figures_of_the_samples_as_the_reference() -> None:
    texts = _corpus_texts()
    assert texts
    for text in texts:
        assert _arabic_fast(text) == _arabic_reference(text)
        assert _cn_fast(text) == _cn_reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "-5万元",
        "3-5万元",
        "1.-5万元",
        "a-1,234.5万元",
        "--2%",
        "-",
        "百分之五十",
        "第一百分之二",
        "十百分之三",
    ],
)
def test_signs_and_percentages_at_the_edges(text: str) -> None:
    assert _arabic_fast(text) == _arabic_reference(text)
    assert _cn_fast(text) == _cn_reference(text)


def test_scan_quantities_reads_negative_figures() -> None:
    qs = numbers.find_quantities("比上年减少-5万元，3-5万元，百分之二十。")
    assert [(q.raw, q.value) for q in qs] == [("-5万元", -5), ("5万元", 5), ("百分之二十", 20)]


@pytest.mark.parametrize("size", [0, 1, 1000, (1 << 20) + 3])
def test_digest_is_sha256_with_and_without_hashlib_loaded(size: int) -> None:
    """auditor.digest.sha256 picks CPython's own implementation or OpenSSL's (when hashlib is
    loaded anyway, or the input is large): the digests are hashlib's either way."""
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    want = hashlib.sha256(data).hexdigest()
    assert "hashlib" in sys.modules
    assert digest.sha256(data).hexdigest() == want
    # in a process that has not loaded hashlib: CPython's own for small inputs
    code = (
        "import sys; from auditor import digest; "
        f"d = digest.sha256(bytes(range(256)) * {size // 256} + b'x' * {size % 256}); "
        "print(d.hexdigest(), 'hashlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [want, str(size >= 1 << 20)]


def _width_reference(s: str) -> int:
    """reflow._width as it was: every character's width looked up."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def test_the_ideograph_block_is_all_wide() -> None:
    """reflow._width counts U+4E00–U+9FFF as two columns each without looking them up."""
    import unicodedata

    assert all(unicodedata.east_asian_width(chr(c)) in "WF" for c in range(0x4E00, 0xA000))


@SETTINGS
@given(st.text(max_size=80))
def test_width_as_every_character_looked_up(s: str) -> None:
    from auditor.io.reflow import _width

    assert _width(s) == _width_reference(s)


@SETTINGS
@given(st.text(alphabet="一般公共预算支出ab 1，。“”—…、：（）\u3000ｱＡ😀\u4dff\ua000", max_size=80))
def test_width_of_report_like_lines(s: str) -> None:
    from auditor.io.reflow import _width

    assert _width(s) == _width_reference(s)


def test_width_of_the_sample_lines() -> None:
    from auditor.io.reflow import _width

    for text in _corpus_texts():
        for line in text.splitlines():
            assert _width(line) == _width_reference(line)


def _label_start_reference(text: str, start: int, floor: int, stops) -> int:
    i = start - 1
    while i >= floor and text[i] not in stops:
        i -= 1
    return i + 1


@SETTINGS
@given(st.text(alphabet="预算，,；;：:。！？!?、（(【[）)】]5万元 a", max_size=40), st.data())
def test_label_start_as_the_loop(text: str, data: st.DataObject) -> None:
    from auditor.extract.facts import BOUNDARY, label_start

    start = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, len(text)))
    want = _label_start_reference(text, start, floor, BOUNDARY)
    assert label_start(text, start, floor) == want
    assert label_start(text, start, floor, set(BOUNDARY)) == want  # the loop itself


@SETTINGS
@given(
    st.text(alphabet="本表无数据空\n\r 甲", max_size=80),
    st.lists(st.sampled_from(["本表无数据", "空表", "无", "表\n", "甲 ", ""]), max_size=4),
)
def test_lines_holding_the_notes_as_every_line_tested(text: str, words: list[str]) -> None:
    """M003 reads only the lines str.find finds a note word in; the lines it used to test
    every word on are the same (the ones with a word)."""
    from auditor.checks.document import _lines_holding
    from auditor.segment import line_spans

    lines = line_spans(text)
    got = _lines_holding(text, lines, words)
    assert got == sorted(set(got))
    want = [i for i, (s, e) in enumerate(lines) if any(w in text[s:e] for w in words)]
    assert [i for i in got if any(w in text[lines[i][0] : lines[i][1]] for w in words)] == want


def test_interval_read_once_and_again_after_the_slack() -> None:
    from decimal import Decimal

    from auditor.model import Quantity, Span, _interval

    q = Quantity(Span(0, 6), "1.50万元", Decimal("1.50"), 2, "万元", "money", Decimal(10000))
    first = q.interval
    assert first is q.interval  # read once
    assert first == _interval(Decimal("1.50"), 2, "money", None, Decimal(10000), Decimal(0))
    q.slack = Decimal(100)  # as the engine sets a configured tolerance
    assert q.interval == _interval(Decimal("1.50"), 2, "money", None, Decimal(10000), Decimal(100))
    assert q.interval != first


@SETTINGS
@given(st.text(alphabet="甲\n\r 1", max_size=60))
def test_unbroken_runs_as_the_pattern(text: str) -> None:
    from auditor.checks.periods import _UNBROKEN, _runs

    assert _runs(text) == [m.span() for m in _UNBROKEN.finditer(text)]


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["基本支出", "项目支出", "人员经费", "公用经费", "其他"]),
            st.integers(0, 3),
        ),
        max_size=8,
    )  # fmt: skip
)
def test_first_figure_of_each_scope_as_next_found_it(rows: list[tuple[str, int]]) -> None:
    """named_partitions takes each scope's first loose figure from a dict, not by next(...)."""
    facts = [type("F", (), {"scope": s, "n": n})() for s, n in rows]
    first: dict = {}
    for f in facts:
        first.setdefault(f.scope, f)
    for name in ["基本支出", "项目支出", "人员经费", "公用经费", "其他", "无"]:
        assert first.get(name) is next((f for f in facts if f.scope == name), None)


@SETTINGS
@given(st.text(alphabet="的偏差率完成值目标增长占比 5%", max_size=6))
def test_concept_after_as_every_length_looked_up(following: str) -> None:
    """Lexicon.concept_after rejects by the first character before its look-ups."""
    from auditor.extract.lexicon import Lexicon

    lex = Lexicon({})
    lengths, phrases, _ = lex._after
    want = next(
        (
            phrases[following[:n]]
            for n in lengths
            if following[:n] in phrases and len(following) >= n
        ),
        None,
    )
    assert lex.concept_after(following) == want
    assert all(lex.concept_after(p) is not None for p in phrases)  # the reject lets them through


@SETTINGS
@given(
    st.text(alphabet="甲\n\r 1", max_size=40), st.lists(st.integers(0, 40), max_size=3), st.data()
)
def test_place_as_position(text: str, pages: list[int], data: st.DataObject) -> None:
    """The writers read Document.place (a tuple) where they read Document.position."""
    from auditor.model import Document, Span
    from auditor.writers.common import location

    doc = Document(path="p", original=text, text=text, pages=sorted(pages))
    k = data.draw(st.integers(0, max(0, len(text) - 1)))
    p = doc.position(k)
    assert doc.place(k) == (p.line, p.column, p.page)
    a, b = doc.position(k), doc.position(max(k, len(text) - 1))
    want = {"line": a.line, "column": a.column, "end_line": b.line, "end_column": b.column + 1}
    if a.page is not None:
        want["page"] = a.page
    assert location(doc, Span(k, max(k + 1, len(text)))) == want
