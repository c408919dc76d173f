"""Fuzz the command line with mutated samples (tests/fuzz_harness.py). `make test` runs
AUDIT_FUZZ_CASES=300 by default (derandomized: the same cases every run); `make fuzz` runs
5,000 random ones and prints the summary."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from fuzz_harness import SUMMARY, binary_cases, cases, check_case, report
from hypothesis import HealthCheck, given, settings

N = int(os.environ.get("AUDIT_FUZZ_CASES", "300"))
N_BINARY = max(20, N // 10)  # damaged .docx and .pdf files: slower to parse
RANDOM = os.environ.get("AUDIT_FUZZ_RANDOM") == "1"


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    report()


@settings(
    max_examples=N,
    deadline=None,
    derandomize=not RANDOM,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(cases())
def test_mutated_samples_hold_the_properties(case) -> None:
    data, fmt, lang = case
    with tempfile.TemporaryDirectory() as d:
        check_case(data, fmt, lang, Path(d), twice=SUMMARY.cases % 5 == 0)


@settings(
    max_examples=N_BINARY,
    deadline=None,
    derandomize=not RANDOM,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(binary_cases())
def test_damaged_docx_and_pdf_hold_the_properties(case) -> None:
    data, suffix = case
    with tempfile.TemporaryDirectory() as d:
        check_case(data, "json", "en", Path(d), twice=SUMMARY.cases % 5 == 0, suffix=suffix)
