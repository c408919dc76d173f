"""Faster forms of round 3 of text throughput (issue 9) against the plain forms they replace."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import structures
from auditor.writers import json_format

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)


@SETTINGS
@given(st.text(alphabet="ab年 ", max_size=30), st.text(alphabet="ab年", min_size=1, max_size=3),
       st.integers(0, 30), st.integers(0, 30))  # fmt: skip
def test_occurrences_in_a_range_as_in_its_slice(text: str, name: str, a: int, b: int) -> None:
    assert structures._occurrences_in(name, text, a, b) == structures._occurrences(name, text[a:b])


def test_occurrences_in_overlapping_runs() -> None:
    for text in ("aaaa", "aaaaa", "xaaax", "年年年"):
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                for name in ("a", "aa", "年年"):
                    got = structures._occurrences_in(name, text, a, b)
                    assert got == structures._occurrences(name, text[a:b]), (text, a, b, name)


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
    from auditor.extract.cues import cues

    rx, negations = structures._met_words()
    got = [m.span() for m in structures._unnegated(rx, negations, text, 0, len(text))]
    assert got == [m.span() for m in cues().met_rx.finditer(text)]


def test_met_words_negated_and_not() -> None:
    from auditor.catalogue import lexicon
    from auditor.extract.cues import cues

    claims = lexicon()["claims"]
    for word in claims["met"]:
        for neg in ["", *claims["negations"]]:
            text = f"各项{neg}{word}，{word}率，{word}"
            rx, negations = structures._met_words()
            got = [m.span() for m in structures._unnegated(rx, negations, text, 0, len(text))]
            assert got == [m.span() for m in cues().met_rx.finditer(text)], text
