"""Every check's documented examples are tests: the bad one gives that finding, the good one none."""

from __future__ import annotations

import pytest
from util import run

from auditor.catalogue import rules
from auditor.checks import load_all

RULES = list(rules().values())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_bad_example_is_reported(rule):
    found = [f.rule for f in run(rule.bad).findings]
    assert rule.code in found, f"{rule.code} bad example gave {found}"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_good_example_is_clean(rule):
    found = [(f.rule, f.message["zh"]) for f in run(rule.good).findings]
    assert found == []


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented(rule):
    for lang in ("zh", "en"):
        assert rule.summary[lang].strip() and rule.rationale[lang].strip()
    assert rule.severity.value in ("error", "warning", "info")


def test_every_code_has_an_implementation():
    implemented = {c for fn in load_all().values() for c in fn.codes}
    assert implemented == set(rules())
