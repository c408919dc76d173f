"""Faster forms of round 3 of text throughput (issue 9) against the plain forms they replace."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from util import claim_rx

from auditor.extract import structures
from auditor.writers import json_format

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)


def _occurrences(name: str, s: str) -> list[int]:
    """The plain form: re.finditer of the escaped name in the slice."""
    return [m.start() for m in re.finditer(re.escape(name), s)]


@SETTINGS
@given(st.text(alphabet="ab年 ", max_size=30), st.text(alphabet="ab年", min_size=1, max_size=3),
       st.integers(0, 30), st.integers(0, 30))  # fmt: skip
def test_occurrences_in_a_range_as_in_its_slice(text: str, name: str, a: int, b: int) -> None:
    assert structures._occurrences_in(name, text, a, b) == _occurrences(name, text[a:b])


def test_occurrences_in_overlapping_runs() -> None:
    for text in ("aaaa", "aaaaa", "xaaax", "年年年"):
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                for name in ("a", "aa", "年年"):
                    got = structures._occurrences_in(name, text, a, b)
                    assert got == _occurrences(name, text[a:b]), (text, a, b, name)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(_VALUES)
def test_encode_as_json_dumps(value: object) -> None:
    """One shared encoder without the circular check: json.dumps' text, call after call."""
    assert json_format._encode(value) == json.dumps(value, ensure_ascii=False)
    assert json_format._encode([value, value]) == json.dumps([value, value], ensure_ascii=False)


def _met_alphabet() -> str:
    from auditor.catalogue import lexicon

    claims = lexicon()["claims"]
    return "".join(sorted(set("".join(claims["met"]) + "".join(claims["negations"]) + "率 1")))


@SETTINGS
@given(st.text(alphabet=_met_alphabet(), max_size=30), st.data())
def test_met_words_as_the_pattern(text: str, data: st.DataObject) -> None:
    """The met words found by their phrases, negations tested where one matched: met_rx's."""

    rx, negations = structures._met_words()
    got = [m.span() for m in structures._unnegated(rx, negations, text, 0, len(text))]
    assert got == [m.span() for m in claim_rx("met", "(?!率)").finditer(text)]


def test_met_words_negated_and_not() -> None:
    from auditor.catalogue import lexicon

    claims = lexicon()["claims"]
    for word in claims["met"]:
        for neg in ["", *claims["negations"]]:
            text = f"各项{neg}{word}，{word}率，{word}"
            rx, negations = structures._met_words()
            got = [m.span() for m in structures._unnegated(rx, negations, text, 0, len(text))]
            assert got == [m.span() for m in claim_rx("met", "(?!率)").finditer(text)], text


def _bounds_reference(text: str, a: int, b: int) -> tuple[list[int], list[int], list]:
    """_ClauseBounds.of's lists and _SentenceMarks.of's years, every pattern run over the range."""
    from auditor.extract import facts as F
    from auditor.extract.cues import cues

    return (
        [m.start() for m in F._SEMI.finditer(text, a, b)],
        [m.start() for m in cues().parts_rx.finditer(text, a, b)],
        [(y.end(), y.group(1)) for y in F._YEAR.finditer(text, a, b)],
    )


def _bounds_fast(text: str, a: int, b: int) -> tuple[list[int], list[int], list]:
    from auditor.extract import facts as F

    cb = F._ClauseBounds.of(text, a, b)
    marks = F._SentenceMarks.of(text, a, b, F.mid_starts(text))
    return cb.semis, cb.parts, [(e, y) for e, y, _ in marks.years]


@SETTINGS
@given(st.text(alphabet="2023年 ；;，其中元人个：1", max_size=30), st.data())
def test_clause_bounds_and_years_as_every_pattern_run(text: str, data: st.DataObject) -> None:
    """Sentences without ；, 其/中 or 年 skip those patterns: the same lists."""
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert _bounds_fast(text, a, b) == _bounds_reference(text, a, b)


def test_clause_bounds_and_years_of_the_samples() -> None:
    from pathlib import Path

    from auditor.io import load_path
    from auditor.segment import segment

    for p in sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt")):
        text = load_path(str(p)).text
        for s in segment(text).sentences:
            assert _bounds_fast(text, s.start, s.end) == _bounds_reference(text, s.start, s.end)
