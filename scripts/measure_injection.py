#!/usr/bin/env python3
"""Measure the auditor on generated reports: detection rate per injected error, false alarms.

For each injection kind, N consistent reports are generated (tests/gen), one error of that kind is
injected, and the audit is scored: found when a finding of an expected family points at the change
(its primary or a related location). The same N reports, audited untouched, give the false alarms
(errors and warnings on a report that reconciles).

    python scripts/measure_injection.py                 # 300 reports per kind
    python scripts/measure_injection.py -n 100 --show 5 # and 5 examples of each miss / false alarm
    python scripts/measure_injection.py --kinds digit rate --seed 1000
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from gen import KINDS, build_report, inject  # noqa: E402
from gen.scoring import found_at, line_at, reported  # noqa: E402

from auditor.engine import audit  # noqa: E402
from auditor.io import load_bytes  # noqa: E402


def _one(job: tuple[str, int]) -> dict:
    kind, seed = job
    rep = build_report(seed)
    if kind == "consistent":
        res = audit(load_bytes(rep.encode(), f"<generated {seed}>"))
        doc = res.document
        bad = reported(res)
        return {
            "kind": kind,
            "seed": seed,
            "rules": [f.rule for f in bad],
            "examples": [
                (f.rule, f.message["zh"], doc.line_text(doc.position(f.span.start).line))
                for f in bad
            ],
        }
    inj = inject(rep, kind, seed)
    if inj is None:
        return {"kind": kind, "seed": seed, "injected": False}
    res = audit(load_bytes(inj.encode(), f"<generated {seed}>"))
    ok = found_at(res, inj)
    out = {"kind": kind, "seed": seed, "injected": True, "found": ok}
    if not ok:
        out["what"] = inj.what
        out["codes"] = sorted(inj.codes)
        out["line"] = line_at(inj.text, inj.spans[0][0])
        out["got"] = [f"{f.rule}: {f.message['zh']}" for f in reported(res)][:3]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=300, help="reports per injection kind (default 300)")
    ap.add_argument("--kinds", nargs="*", default=list(KINDS), choices=KINDS)
    ap.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    ap.add_argument(
        "--show", type=int, default=0, help="print this many misses / false alarms each"
    )
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)

    seeds = range(args.seed, args.seed + args.n)
    jobs = [(k, s) for k in [*args.kinds, "consistent"] for s in seeds]
    with ProcessPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(_one, jobs, chunksize=8))

    print(f"{'injection':<10} {'injected':>8} {'found':>6} {'rate':>7}  not injectable")
    tot_inj = tot_found = 0
    for kind in args.kinds:
        rs = [r for r in results if r["kind"] == kind]
        inj = [r for r in rs if r["injected"]]
        found = sum(r["found"] for r in inj)
        tot_inj += len(inj)
        tot_found += found
        rate = found / len(inj) if inj else 0.0
        print(f"{kind:<10} {len(inj):>8} {found:>6} {rate:>7.1%}  {len(rs) - len(inj)}")
    print(f"{'all':<10} {tot_inj:>8} {tot_found:>6} {tot_found / max(tot_inj, 1):>7.1%}")

    cons = [r for r in results if r["kind"] == "consistent"]
    flagged = [r for r in cons if r["rules"]]
    by_rule = Counter(rule for r in cons for rule in r["rules"])
    print(
        f"\nconsistent reports: {len(cons)}, with false alarms: {len(flagged)}, "
        f"false-alarm findings: {sum(by_rule.values())}"
        + (f" ({', '.join(f'{k} {v}' for k, v in by_rule.most_common())})" if by_rule else "")
    )

    if args.show:
        for kind in args.kinds:
            miss = [
                r for r in results if r["kind"] == kind and r.get("injected") and not r["found"]
            ]
            if miss:
                print(f"\n--- missed {kind} ({len(miss)}) ---")
            for r in miss[: args.show]:
                print(f"seed {r['seed']}: {r['what']} (expected {'/'.join(r['codes'])})")
                print(f"    | {r['line'][:200]}")
                for g in r["got"]:
                    print(f"    got {g[:160]}")
        seen: Counter[str] = Counter()
        print("\n--- false alarms on consistent reports ---" if flagged else "")
        for r in flagged:
            for rule, msg, line in r["examples"]:
                if seen[rule] >= args.show:
                    continue
                seen[rule] += 1
                print(f"seed {r['seed']}: {rule} {msg[:160]}\n    | {line[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
