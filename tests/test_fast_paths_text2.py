"""Faster forms of round 3 of text throughput (issue 9) against the plain forms they replace:
the same marks, the same matches, on the samples' sentences and on random text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import facts as F
from auditor.extract.starts import Matches, Starts
from auditor.segment import segment

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
# characters the marks are made of: years, 年, clause marks, change words, 其中, line breaks
ALPHABET = "20192023年 \n，,；;。：:增加减少于上升长幅其中元万比较上年月截至监控1."


def _texts() -> list[str]:
    from auditor.io import load_path

    return [load_path(str(p)).text for p in SAMPLES]


def _marks(m: F._SentenceMarks) -> tuple:
    return (m.mid, m.years, m.ends, m.clauses, m.changes)


def _same_marks(text: str, ranges: list[tuple[int, int]]) -> None:
    scans, mids = F._Scans(text), F.mid_starts(text)
    for a, b in ranges:
        plain = F._SentenceMarks.of(text, a, b, mids)
        fast = F._SentenceMarks.scanned(text, a, b, mids, scans)
        assert _marks(fast) == _marks(plain), (a, b, text[a:b])
        pb, fb = F._ClauseBounds.of(text, a, b), F._ClauseBounds.scanned(text, a, b, scans)
        assert (fb.start, fb.semis, fb.parts) == (pb.start, pb.semis, pb.parts)


def test_sentence_marks_of_the_samples_as_searched_per_sentence() -> None:
    for text in _texts():
        _same_marks(text, [(s.start, s.end) for s in segment(text).sentences])


@SETTINGS
@given(st.text(alphabet=ALPHABET, max_size=80), st.data())
def test_sentence_marks_of_any_range_as_searched(text: str, data: st.DataObject) -> None:
    """Any range, also one that cuts a year or a change word in two (then searched on its own)."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=8)))
    _same_marks(text, list(zip(cuts, cuts[1:], strict=False)))


def test_matches_within_as_finditer() -> None:
    """Every range of every short text over a few characters: ranges that cut a match in two
    (then within() says so) and ranges where another match begins inside a cut one ("aba")."""
    rx = re.compile(r"((?:19|20)\d{2})\s*年|ab|ba")
    texts = [""]
    for _ in range(5):
        texts += [t + c for t in texts if len(t) == max(map(len, texts)) for c in "ab年"]
    texts += ["2019年", "a2020 年b", "ab2023年ba"]
    for text in texts:
        got = Matches(rx, text)
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1):
                span = got.within(a, b)
                want = [m.span() for m in rx.finditer(text, a, b)]
                if span is None:
                    continue
                i, j = span
                assert list(zip(got.starts[i:j], got.ends[i:j], strict=True)) == want, (text, a, b)


def test_sentence_marks_where_a_change_word_is_cut() -> None:
    """"减少于": the document's pass finds 减少, a sentence from 少 finds 少于."""
    text = "较上年减少于2023年，增加10万元；上升下降。"
    _same_marks(text, [(a, b) for a in range(len(text)) for b in range(a, len(text) + 1)])


def test_matches_refuses_a_pattern_that_looks_outside_its_match() -> None:
    for p in ("中(?=，)", "(?<=元)中", "^年", "年$", r"\b年"):
        with pytest.raises(ValueError):
            Matches(re.compile(p), "")


@SETTINGS
@given(st.text(alphabet="ab，；。 ", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_starts_within_as_the_characters_found(text: str, a: int, b: int) -> None:
    assert Starts(text, "，；").within(a, b) == [
        i for i in range(a, min(b, len(text))) if text[i] in "，；"
    ]
