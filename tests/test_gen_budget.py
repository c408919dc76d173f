"""The 部门预算 / 部门决算 generator and the paraphrase pass (tests/gen), and the auditor on them.

The generator's own interval arithmetic is the oracle: a generated report satisfies every recorded
identity, a paraphrase keeps them all, an injection breaks at least one. Where the auditor is known
to fail on a shape (docs: the report of scripts/measure_genres.py), the test is marked xfail with
the phrasing, so it turns into a pass when the tool learns it (strict=False: no noise meanwhile).
"""

from __future__ import annotations

import pytest
from gen import build_report
from gen.budget import build_budget
from gen.budget_inject import BUDGET_KINDS, inject_budget
from gen.model import Report
from gen.paraphrase import SYNONYMS, TRANSFORMS, paraphrase
from gen.scoring import found_at, reported
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from auditor.engine import audit
from auditor.io import load_bytes
from auditor.io.tables import text_tables

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
seeds = st.integers(min_value=0, max_value=2**31 - 1)
families = st.sampled_from(("budget", "final"))


def _spans_hold(rep: Report) -> None:
    text, spans, _ = rep.render()
    for key, (a, b) in spans.items():
        assert text[a:b] == rep.figs[key].raw, key


def _alarms(rep: Report) -> list[str]:
    res = audit(load_bytes(rep.encode(), "<generated>"))
    doc = res.document
    return [
        f"{f.rule} {f.message['zh'][:120]} | {doc.line_text(doc.position(f.span.start).line)[:120]}"
        for f in reported(res)
    ]


# --- the generator ---------------------------------------------------------------------------


@SETTINGS
@given(seed=seeds, family=families)
def test_budget_reports_reconcile_and_know_their_figures(seed: int, family: str) -> None:
    rep = build_budget(seed, family=family)
    assert not rep.broken()
    _spans_hold(rep)
    text = rep.text
    assert ("部门预算" if family == "budget" else "部门决算") in text.splitlines()[0]
    tables = text_tables(text)
    assert len(tables) >= 4, "the pipe tables are read as tables"
    assert all(t.unit == "元" for t in tables)
    # several 款 share the 项 name 一般行政管理事务: the trap is present
    assert text.count("一般行政管理事务（项）") >= 2 or text.count("-一般行政管理事务”") >= 2


def test_budget_item_shapes_are_the_genre_s() -> None:
    rep = build_budget(3, family="budget", item_form="paren")
    t = rep.text
    assert "（类）" in t and "（款）" in t and "（项）" in t
    assert "当年预算执行数为" in t and "预算安排" in t and "主要原因是：" in t
    assert "主要用于以下方面：" in t and "“三公”经费" in t and "机关运行经费" in t
    fin = build_budget(4, family="final").text
    assert "年初预算为" in fin and "支出决算为" in fin and "预算数" in fin
    assert "收入、支出总计各为" in fin and "年末结转和结余" in fin


@pytest.mark.parametrize("kind", BUDGET_KINDS)
def test_budget_injections_break_what_they_say(kind: str) -> None:
    made = 0
    for seed in range(16):
        rep = build_budget(seed, family=("budget", "final")[seed % 2])
        inj = inject_budget(rep, kind, seed)
        if inj is None:
            continue
        made += 1
        assert inj.text != rep.text
        assert inj.codes and inj.spans
        assert inj.report.broken(), "an injection must break an identity"
    assert made >= 6, f"{kind}: too few reports offer a place for it"


# --- the paraphrase pass ---------------------------------------------------------------------


@SETTINGS
@given(seed=seeds, family=st.sampled_from(("budget", "final", "自评")))
def test_a_paraphrase_keeps_the_arithmetic(seed: int, family: str) -> None:
    rep = build_report(seed % 5000) if family == "自评" else build_budget(seed, family=family)
    every = paraphrase(rep, seed, **dict.fromkeys(TRANSFORMS, True))
    drawn = paraphrase(rep, seed)
    for p in (every, drawn):
        assert not p.broken()
        _spans_hold(p)
        assert len(p.pieces) == len(rep.pieces)  # recorded block / clause indices stay valid
    assert every.text != rep.text


def test_a_paraphrase_rewrites_what_it_says() -> None:
    rep = build_budget(2, family="budget")
    p = paraphrase(rep, 2, **dict.fromkeys(TRANSFORMS, True)).text
    narrative = p.split("部门预算表")[0]
    assert sum(alt in narrative for _, alts in SYNONYMS for alt in alts) >= 3
    assert "０" in p or "１" in p  # full-width digits in the narrative
    assert max(len(line) for line in p.splitlines() if not line.startswith("|")) <= 60
    assert "万元" not in p.split("部门预算表")[0]  # the narrative now in 元
    assert "| 合计 |" in p or "|  | 合计 |" in p  # tables untouched


# --- the auditor: consistent reports ---------------------------------------------------------


@pytest.mark.parametrize("family", ["budget", "final"])
def test_consistent_budget_reports_raise_nothing(family: str) -> None:
    bad = {s: _alarms(build_budget(s, family=family)) for s in range(12)}
    bad = {s: a for s, a in bad.items() if a}
    assert not bad, bad


def test_consistent_budget_reports_without_the_known_traps_raise_nothing() -> None:
    """The shapes the tool reads today: a 部门预算 whose 科目 are each the only 项 of their 类."""
    clean = 0
    for seed in range(30):
        rep = build_budget(seed, family="budget")
        alarms = _alarms(rep)
        if not any(a.startswith("S001 科目") for a in alarms):
            assert not alarms, (seed, alarms)
            clean += 1
    assert clean >= 1


@pytest.mark.parametrize("transform", ["swap", "numbering", "fullwidth", "yuan", "captions"])
def test_a_paraphrase_the_tool_reads_adds_no_false_alarm(transform: str) -> None:
    """Clause order, item numbering, full-width digits, 元 in the narrative and the national
    template's table captions change nothing."""
    for seed in range(8):
        rep = build_budget(seed, family=("budget", "final")[seed % 2])
        p = paraphrase(rep, seed, **{t: t == transform for t in TRANSFORMS})
        plain, para = _alarms(rep), _alarms(p)
        assert sorted(a.split()[0] for a in para) == sorted(a.split()[0] for a in plain), (
            seed,
            set(para) - set(plain),
        )


@pytest.mark.parametrize("transform", ["numbering", "fullwidth"])
def test_self_evaluation_paraphrases_the_tool_reads_raise_nothing(transform: str) -> None:
    for seed in range(10):
        p = paraphrase(build_report(seed), seed, **{t: t == transform for t in TRANSFORMS})
        assert not _alarms(p), seed


@pytest.mark.parametrize("family", ["自评", "budget"])
def test_synonyms_add_no_false_alarm(family: str) -> None:
    for seed in range(10):
        rep = build_report(seed) if family == "自评" else build_budget(seed)
        p = paraphrase(rep, seed, **{t: t == "synonyms" for t in TRANSFORMS})
        assert sorted(a.split()[0] for a in _alarms(p)) == sorted(
            a.split()[0] for a in _alarms(rep)
        ), seed


def test_hard_wrapped_self_evaluations_raise_nothing() -> None:
    """Wrapped at 28–46 characters with page numbers, a report says what it said unwrapped."""
    for seed in range(30):
        p = paraphrase(build_report(seed), seed, **{t: t == "wrap" for t in TRANSFORMS})
        assert not _alarms(p), seed


# --- the auditor: injected errors ------------------------------------------------------------


def _recall(kind: str, n: int, variant: str = "plain") -> float:
    found = made = 0
    for seed in range(n):
        rep = build_budget(seed, family=("budget", "final")[seed % 2])
        if variant != "plain":
            rep = paraphrase(rep, seed, **{t: t == variant for t in TRANSFORMS})
        inj = inject_budget(rep, kind, seed)
        if inj is None:
            continue
        made += 1
        found += found_at(audit(load_bytes(inj.encode(), "<generated>")), inj)
    assert made >= n // 3
    return found / made


@pytest.mark.parametrize(
    ("kind", "floor"),
    [("class_sum", 0.95), ("total_row", 0.95), ("text_cell", 0.6)],
)
def test_budget_errors_the_tool_handles_are_found(kind: str, floor: float) -> None:
    assert _recall(kind, 16) >= floor


@pytest.mark.parametrize("kind", ["class_sum", "total_row"])
def test_table_errors_are_found_in_a_text_export(kind: str) -> None:
    """Hard wrapping touches the narrative only: table identities are still found."""
    assert _recall(kind, 12, "wrap") >= 0.9


@pytest.mark.parametrize("kind", ["direction", "reason", "change_rate", "share", "sangong_empty"])
def test_budget_narrative_errors_are_found(kind: str) -> None:
    assert _recall(kind, 12) >= 0.9


@pytest.mark.parametrize("family", ["自评", "budget", "final"])
def test_consistent_paraphrased_reports_raise_nothing(family: str) -> None:
    bad = {}
    for seed in range(10):
        rep = build_report(seed) if family == "自评" else build_budget(seed, family=family)
        alarms = _alarms(paraphrase(rep, seed))
        if alarms:
            bad[seed] = alarms
    assert not bad, bad
