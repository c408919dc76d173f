"""The check index (auditor/checks/index.py) against the check modules themselves.

The engine imports a check module only when the index says a document can use it, so the index
must name every check function, in the order the engine has always run them, and a module's need
must never skip checks that would report (or read) a figure: a lazily audited document gives
exactly what an audit with every check module gives."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from findings_snapshot import body, sample_inputs

import auditor.checks
from auditor.catalogue import rules
from auditor.checks import index

ROOT = Path(__file__).resolve().parents[1]
NOT_CHECKS = {"base", "index"}  # the package's helpers, not families of checks


def _modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.iter_modules(auditor.checks.__path__) if m.name not in NOT_CHECKS
    )


def test_index_lists_every_check_in_registration_order():
    """Importing every module by name (as the package once did) registers exactly the index's
    checks, in its order; a fresh interpreter, so nothing is registered beforehand."""
    code = (
        "import importlib, json, sys\n"
        "from auditor.checks.base import REGISTRY\n"
        "for m in sys.argv[1:]: importlib.import_module('auditor.checks.' + m)\n"
        "print(json.dumps([[f.__module__.rsplit('.', 1)[1], f.__name__, list(f.codes)]"
        " for f in REGISTRY.values()]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *_modules()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    registered = [(m, f, tuple(c)) for m, f, c in json.loads(out)]
    expected = "\n".join(f"    {row!r}," for row in registered)
    assert registered == list(index.CHECKS), f"index.CHECKS should be:\n{expected}"


def test_index_names_every_module_and_code():
    assert {m for m, _, _ in index.CHECKS} == set(_modules())
    assert set(index.NEEDS) <= set(_modules())
    assert {c for _, _, codes in index.CHECKS for c in codes} == set(rules())


def test_load_all_is_the_whole_index():
    registry = auditor.checks.load_all()
    for module, name, codes in index.CHECKS:
        fn = registry[f"auditor.checks.{module}.{name}"]
        assert fn.codes == codes


def _inputs() -> list[tuple[str, bytes]]:
    """Every sample and form sample, and every catalogue example (bad and good)."""
    out = [(name, read()) for name, read in sample_inputs()]
    for r in rules().values():
        out += [(f"{r.code}.bad", r.bad.encode()), (f"{r.code}.good", r.good.encode())]
    return out


INPUTS = _inputs()


@pytest.mark.parametrize("name,data", INPUTS, ids=[n for n, _ in INPUTS])
def test_lazy_audit_equals_audit_with_every_module(name, data, monkeypatch):
    """What the audit gives, findings and every figure's facts (which checks read it), is the
    same when every module's checks run: a need that skips a module wrongly fails here."""
    lazy = body(data, name)
    monkeypatch.setattr(index, "NEEDS", {})
    every = body(data, name)
    assert lazy == every


def test_needs_are_exercised():
    """Each need is met by some input and unmet by another, so the comparison above tests it."""
    from auditor.checks import base

    seen: dict[str, set[bool]] = {m: set() for m in index.NEEDS}
    audits: list[base.Audit] = []
    real = auditor.checks.to_run

    def spy(a, selected):
        audits.append(a)
        return real(a, selected)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(auditor.checks, "to_run", spy)
        for name, data in INPUTS:
            body(data, name)
            for module, need in index.NEEDS.items():
                seen[module].add(need(audits[-1]))
    assert all(v == {True, False} for v in seen.values()), seen


def test_seed_imports_no_table_checks():
    """The seed has no tables: its audit imports neither the table nor the form checks."""
    code = (
        "import sys\n"
        "from findings_snapshot import body\n"
        "body(open('samples/seed-report-2023.txt', 'rb').read(), 'seed')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('auditor.checks.'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'tests'}"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    loaded = {m.rsplit(".", 1)[1] for m in out}
    assert not loaded & {"tables", "forms", "crosstables"}, loaded
    assert "totals" in loaded
