"""Golden tests for samples/: each report's errors and warnings are exactly the expected ones.

samples/expected/<stem>.toml lists, for samples/<stem>.txt:
  [[finding]]     rule, line (of the primary figure), optional text (a substring of the primary
                  text), why (the arithmetic, for the reader);
  [[consistent]]  line and text of a figure verified by hand: no error or warning may point at it.
Info findings (rounding notes) are not compared.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from auditor.engine import audit
from auditor.io import load_path
from auditor.model import Document, Finding, Result, Severity

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXPECTED = SAMPLES / "expected"
STEMS = sorted(p.stem for p in EXPECTED.glob("*.toml") if (SAMPLES / f"{p.stem}.txt").exists())


@dataclass(frozen=True)
class Got:
    rule: str
    line: int
    text: str
    message: str


def _expected(stem: str) -> dict:
    with open(EXPECTED / f"{stem}.toml", "rb") as fh:
        return tomllib.load(fh)


_RESULTS: dict[str, Result] = {}


def _result(stem: str) -> Result:
    if stem not in _RESULTS:
        _RESULTS[stem] = audit(load_path(str(SAMPLES / f"{stem}.txt")))
    return _RESULTS[stem]


def _reported(res: Result) -> list[Finding]:
    return [f for f in res.findings if f.severity in (Severity.ERROR, Severity.WARNING)]


def _got(doc: Document, f: Finding) -> Got:
    return Got(
        f.rule,
        doc.position(f.span.start).line,
        doc.original[f.span.start : f.span.end],
        f.message["zh"],
    )


def _matches(exp: dict, got: Got) -> bool:
    return (
        exp["rule"] == got.rule
        and exp["line"] == got.line
        and ("text" not in exp or exp["text"] in got.text)
    )


def test_every_sample_has_expectations() -> None:
    """A report in samples/ without an expected file would be tested by nothing."""
    missing = [p.name for p in SAMPLES.glob("*.txt") if not (EXPECTED / f"{p.stem}.toml").exists()]
    assert not missing, f"samples without samples/expected/<stem>.toml: {missing}"
    assert len(STEMS) >= 10


@pytest.mark.parametrize("stem", STEMS)
def test_findings_are_exactly_the_expected_ones(stem: str) -> None:
    res = _result(stem)
    got = [_got(res.document, f) for f in _reported(res)]
    expected = _expected(stem).get("finding", [])
    # expectations with a text are the most specific: match them first
    order = sorted(range(len(expected)), key=lambda i: "text" not in expected[i])
    unmatched_got = list(got)
    missed = []
    for i in order:
        exp = expected[i]
        hit = next((g for g in unmatched_got if _matches(exp, g)), None)
        if hit is None:
            missed.append(exp)
        else:
            unmatched_got.remove(hit)
    lines = []
    for exp in missed:
        lines.append(
            f"  missed   {exp['rule']} line {exp['line']} {exp.get('text', '')!r}: {exp.get('why', '')}"
        )
    for g in unmatched_got:
        lines.append(f"  spurious {g.rule} line {g.line} {g.text[:40]!r}: {g.message}")
    if lines:
        pytest.fail(f"{stem}.txt:\n" + "\n".join(lines), pytrace=False)


@pytest.mark.parametrize("stem", STEMS)
def test_consistent_figures_are_not_flagged(stem: str) -> None:
    res = _result(stem)
    doc = res.document
    bad = []
    for c in _expected(stem).get("consistent", []):
        line_text = doc.line_text(c["line"])
        col = line_text.find(c["text"])
        assert col >= 0, f"{stem}: {c['text']!r} not on line {c['line']}: {line_text[:60]}"
        start = doc._line_starts[c["line"] - 1] + col
        end = start + len(c["text"])
        for f in _reported(res):
            if f.span.start < end and start < f.span.end:
                bad.append(
                    f"  line {c['line']} {c['text']!r} ({c.get('why', '')}) flagged by "
                    f"{f.rule}: {f.message['zh']}"
                )
    if bad:
        pytest.fail(
            f"{stem}.txt: figures verified by hand were reported:\n" + "\n".join(bad), pytrace=False
        )
