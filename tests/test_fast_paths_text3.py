"""Faster forms of round 4 of text throughput (issue 9) against the plain forms they replace:
the same structures and facts on the samples and on report-like text."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.extract import structures
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
