"""Speed work changes no finding: every sample, form sample, generated report and corpus PDF gives
exactly the JSON document and facts recorded in tests/data/findings_snapshot.json before it.

When a change is meant to alter findings, re-record with tests/record_findings.py and say why in
the commit."""

from __future__ import annotations

import json

import pytest
from findings_snapshot import FIXTURE, generated_inputs, sample_inputs, snapshot
from pdf_corpus import CORPUS_PDFS

RECORDED: dict[str, dict] = json.loads(FIXTURE.read_text(encoding="utf-8"))
TEXT_INPUTS = dict([*sample_inputs(), *generated_inputs()])


@pytest.mark.parametrize("name", sorted(TEXT_INPUTS))
def test_text_findings_unchanged(name: str) -> None:
    data = TEXT_INPUTS[name]()
    if data is None:
        assert name not in RECORDED
        return
    assert name in RECORDED, f"{name}: not recorded (tests/record_findings.py)"
    assert snapshot(data, name) == RECORDED[name]


@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_corpus_findings_unchanged(path) -> None:
    key = f"corpus/{path.name}"
    if key not in RECORDED:
        pytest.skip(f"{path.name} was not in the corpus when the snapshot was recorded")
    assert snapshot(path.read_bytes(), path.name) == RECORDED[key]


def test_snapshot_covers_every_sample() -> None:
    """A sample added later must be recorded too, or this comparison would silently skip it."""
    names = {n for n, _ in sample_inputs()}
    assert names <= set(RECORDED)
    assert sum(1 for k in RECORDED if k.startswith("gen/")) >= 40
