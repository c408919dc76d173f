"""What the auditor finds on every sample, form sample, generated report and corpus PDF, as one
hash per input: the JSON writer's document (zh and en messages) and every figure's facts row.
tests/test_findings_unchanged.py holds speed work to it: a faster path must find exactly the same.
Record with tests/record_findings.py (from the code whose findings are the reference)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from auditor.engine import audit
from auditor.io import load_bytes
from auditor.writers.export import fact_rows
from auditor.writers.json_format import result_dict

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "findings_snapshot.json"
SAMPLES = ROOT / "samples"


def body(data: bytes, name: str) -> dict:
    """Everything compared: the JSON writer's document, the English messages, the facts rows."""
    r = audit(load_bytes(data, name))
    return {
        "zh": result_dict(r, "zh"),
        "en": [f.message["en"] for f in r.findings],
        "facts": fact_rows([r]),
    }


def snapshot(data: bytes, name: str) -> dict:
    """Counts (for the reader of a failure) and one hash of everything the run produced."""
    b = body(data, name)
    blob = json.dumps(b, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    return {
        "findings": len(b["zh"]["findings"]),
        "figures": len(b["facts"]),
        "sha256": hashlib.sha256(blob).hexdigest(),
    }


def sample_inputs() -> Iterator[tuple[str, Callable[[], bytes]]]:
    for p in sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "forms").iterdir()):
        yield str(p.relative_to(SAMPLES)), p.read_bytes


def generated_inputs() -> Iterator[tuple[str, Callable[[], bytes | None]]]:
    """The seed four times over (as scripts/bench.py scales it), then consistent and injected
    reports of both generated families, a fixed set of seeds."""
    from gen import KINDS, build_report, inject
    from gen.budget import build_budget
    from gen.budget_inject import BUDGET_KINDS, inject_budget

    seed_text = (SAMPLES / "seed-report-2023.txt").read_bytes().rstrip(b"\r\n") + b"\n\n"
    yield "gen/seed-x4", lambda: seed_text * 4
    for seed in range(12):
        yield f"gen/report-{seed}", lambda s=seed: build_report(s).encode()
        for fam in ("budget", "final"):
            yield (f"gen/{fam}-{seed}", lambda s=seed, f=fam: build_budget(s, family=f).encode())
    for seed in range(3):
        for kind in KINDS:

            def one(s: int = seed, k: str = kind) -> bytes | None:
                inj = inject(build_report(s), k, s)
                return inj.encode() if inj else None

            yield f"gen/report-{seed}-{kind}", one
        for kind in BUDGET_KINDS:

            def two(s: int = seed, k: str = kind) -> bytes | None:
                inj = inject_budget(build_budget(s, family="final"), k, s)
                return inj.encode() if inj else None

            yield f"gen/final-{seed}-{kind}", two
