"""Properties over generated reports (tests/gen): consistent → silent; one injected error → found.

The generator knows every figure's place and the identities between figures, and checks them with
its own interval arithmetic; an injection is kept only when it breaks an identity beyond rounding.
A failure prints the `build_report(...)` call that rebuilds the report (run it from tests/).
"""

from __future__ import annotations

import random

import pytest
from gen import KINDS, build_report, inject
from gen.scoring import found_at, line_at, reported
from gen.strategies import injected, reports
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from auditor.engine import audit
from auditor.io import load_bytes
from auditor.model import Finding, Result

# Seeds do not shrink meaningfully: generate and report, skip the shrink and explain phases.
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _audit(data: bytes) -> Result:
    return audit(load_bytes(data, "<generated>"))


def _where(res: Result, f: Finding) -> str:
    doc = res.document
    p = doc.position(f.span.start)
    return f"{f.rule} line {p.line}: {f.message['zh']}\n    | {doc.line_text(p.line)[:160]}"


# --- the generator itself --------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_generated_reports_reconcile_and_know_their_figures(seed: int) -> None:
    """Each figure's recorded span is where its number is written, and every identity holds."""
    rep = build_report(seed)
    text, spans, _ = rep.render()
    assert not rep.broken()
    for key, (a, b) in spans.items():
        assert text[a:b] == rep.figs[key].raw, key
    doc = load_bytes(rep.encode(), "<generated>").original
    assert doc == text  # the encoding round-trips with the same offsets


@pytest.mark.parametrize("kind", KINDS)
def test_injections_change_the_text_where_they_say(kind: str) -> None:
    made = 0
    for seed in range(30):
        rep = build_report(seed)
        inj = inject(rep, kind, random.Random(seed))
        if inj is None:
            continue
        made += 1
        assert inj.text != rep.text
        assert inj.codes and inj.spans
        if kind == "paste":  # a duplicate breaks no arithmetic: the copy is what must be found
            a, b = inj.spans[0]
            assert inj.text.count(inj.text[a:b]) == 2
        else:
            assert inj.report.broken(), "an injection must break an identity"
    assert made >= 10, f"{kind}: too few reports offer a place for this injection"


def test_generation_does_not_depend_on_hash_randomisation() -> None:
    """A printed build_report(...)/inject(...) call must rebuild the same case in another process."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import hashlib, sys; sys.path.insert(0, sys.argv[1]);"
        "from gen import build_report, inject, KINDS;"
        "out = [(build_report(s).text, [getattr(inject(build_report(s), k, s), 'what', None)"
        " for k in KINDS]) for s in range(6)];"
        "print(hashlib.sha256(repr(out).encode()).hexdigest())"
    )
    tests = str(Path(__file__).resolve().parent)
    digests = {
        subprocess.run(
            [sys.executable, "-c", code, tests],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(h), "PATH": ""},
        ).stdout
        for h in (1, 2)
    }
    assert len(digests) == 1


# --- the auditor on generated reports ---------------------------------------------------------


@SETTINGS
@given(rep=reports())
def test_consistent_reports_raise_nothing(rep) -> None:
    res = _audit(rep.encode())
    bad = reported(res)
    assert not bad, f"seed {rep.seed} {rep.style}: {len(bad)} false alarm(s)\n" + "\n".join(
        _where(res, f) for f in bad
    )


@pytest.mark.parametrize("kind", KINDS)
@settings(SETTINGS, max_examples=50)
@given(data=st.data())
def test_an_injected_error_is_found_at_its_place(kind: str, data) -> None:
    inj = data.draw(injected(kind))
    assume(inj is not None)
    res = _audit(inj.encode())
    if not found_at(res, inj):
        a, _ = inj.spans[0]
        got = "\n".join(_where(res, f) for f in reported(res)) or "  (no findings)"
        pytest.fail(
            f"{kind}: {inj.what} (expected {sorted(inj.codes)}) not found in {inj!r}"
            f"\n  style: {inj.report.style}"
            f"\n  changed line: {line_at(inj.text, a)[:200]}\n  findings:\n{got}",
            pytrace=False,
        )
