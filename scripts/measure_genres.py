#!/usr/bin/env python3
"""Measure the auditor on generated documents of two families, plain and paraphrased.

Families: 自评 (tests/gen/compose.py, the 绩效自评报告) and 预算/决算 (tests/gen/budget.py, 部门预算 and
部门决算 with text tables). Each report is audited as generated ("plain") and after the paraphrase
pass (tests/gen/paraphrase.py: synonyms, clause order, numbering, full-width digits, 元/万元, hard
wrapping with page numbers). For each injection kind one error is injected per report and counted
as found when a finding of an expected family points at the change; consistent reports give the
false alarms (errors and warnings on a report that reconciles).

    python scripts/measure_genres.py               # 60 reports per kind, family and variant
    python scripts/measure_genres.py -n 200 --show 3 --per-kind
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
from gen.budget import build_budget  # noqa: E402
from gen.budget_inject import BUDGET_KINDS, inject_budget  # noqa: E402
from gen.paraphrase import TRANSFORMS, paraphrase  # noqa: E402
from gen.scoring import found_at, line_at, reported  # noqa: E402

from auditor.engine import audit  # noqa: E402
from auditor.io import load_bytes  # noqa: E402

FAMILIES = {"自评": KINDS, "预算/决算": BUDGET_KINDS}


def build(family: str, variant: str, seed: int, only: str | None = None):
    """The report of this seed; paraphrased with every drawn transform, or with `only` one."""
    if family == "自评":
        rep = build_report(seed)
    else:
        rep = build_budget(seed, family=("budget", "final")[seed % 2])
    if variant != "paraphrased":
        return rep
    if only:
        return paraphrase(rep, seed, **{t: t == only for t in TRANSFORMS})
    return paraphrase(rep, seed)


def _alarms(rep) -> Counter[str]:
    return Counter(f.rule for f in reported(audit(load_bytes(rep.encode(), "<g>"))))


def _attribute(family: str, seed: int, done: list[str], plain: Counter) -> dict[str, list[str]]:
    """Which transform, applied alone, gives more false alarms of a rule than the plain report."""
    out = {}
    for t in done:
        rules = list((_alarms(build(family, "paraphrased", seed, only=t)) - plain).elements())
        if rules:
            out[t] = rules
    return out


def _one(job: tuple[str, str, str, int]) -> dict:
    family, variant, kind, seed = job
    rep = build(family, variant, seed)
    out: dict = {"family": family, "variant": variant, "kind": kind, "seed": seed}
    if kind == "consistent":
        res = audit(load_bytes(rep.encode(), f"<generated {seed}>"))
        doc = res.document
        bad = reported(res)
        out["rules"] = [f.rule for f in bad]
        out["examples"] = [
            (f.rule, f.message["zh"], doc.line_text(doc.position(f.span.start).line)) for f in bad
        ]
        out["transforms"] = rep.style.get("paraphrase", [])
        if bad and variant == "paraphrased":
            plain = _alarms(build(family, "plain", seed))
            out["new"] = list((Counter(f.rule for f in bad) - plain).elements())
            out["alone"] = _attribute(family, seed, out["transforms"], plain)
        return out
    inj = (inject if family == "自评" else inject_budget)(rep, kind, seed)
    if inj is None:
        return {**out, "injected": False}
    res = audit(load_bytes(inj.encode(), f"<generated {seed}>"))
    ok = found_at(res, inj)
    out |= {"injected": True, "found": ok}
    if not ok:
        out["what"] = inj.what
        out["codes"] = sorted(inj.codes)
        out["line"] = line_at(inj.text, inj.spans[0][0])
        out["got"] = [f"{f.rule}: {f.message['zh']}" for f in reported(res)][:3]
    return out


def summary(results: list[dict], per_kind: bool) -> list[str]:
    lines = [
        f"{'family':<8} {'variant':<12} {'reports':>7} {'injected':>8} {'found':>6} {'recall':>7}"
        f" {'consistent':>10} {'w/ FA':>6} {'FA':>5}  false alarms by rule"
    ]
    for family, kinds in FAMILIES.items():
        for variant in ("plain", "paraphrased"):
            rs = [r for r in results if r["family"] == family and r["variant"] == variant]
            if not rs:
                continue
            inj = [r for r in rs if r["kind"] != "consistent" and r["injected"]]
            found = sum(r["found"] for r in inj)
            cons = [r for r in rs if r["kind"] == "consistent"]
            by_rule = Counter(x for r in cons for x in r["rules"])
            lines.append(
                f"{family:<8} {variant:<12} {len(rs):>7} {len(inj):>8} {found:>6}"
                f" {found / max(len(inj), 1):>7.1%} {len(cons):>10}"
                f" {sum(bool(r['rules']) for r in cons):>6} {sum(by_rule.values()):>5}  "
                + ", ".join(f"{k} {v}" for k, v in by_rule.most_common())
            )
            if variant == "paraphrased" and cons:
                alone = Counter(t for r in cons for t in r.get("alone", {}))
                combo = sum(1 for r in cons if r.get("new") and not r.get("alone"))
                new = Counter(x for r in cons for x in r.get("new", []))
                lines.append(
                    f"{'':<8}   false alarms not in the plain report: {sum(new.values())} in "
                    f"{sum(bool(r.get('new')) for r in cons)} reports ("
                    + ", ".join(f"{k} {v}" for k, v in new.most_common())
                    + ")"
                )
                used = Counter(t for r in cons for t in r["transforms"])
                lines.append(
                    f"{'':<8}   reports with a false alarm that one transform alone reproduces: "
                    + ", ".join(f"{t} {alone[t]}/{used[t]}" for t in TRANSFORMS if used[t])
                    + f"; only in combination: {combo}"
                )
            if per_kind:
                for kind in kinds:
                    ks = [r for r in rs if r["kind"] == kind and r["injected"]]
                    if ks:
                        f = sum(r["found"] for r in ks)
                        lines.append(
                            f"{'':<8}   {kind:<14} {len(ks):>5} {f:>6} {f / len(ks):>7.1%}"
                        )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=60, help="reports per kind, family and variant")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--family", choices=list(FAMILIES), nargs="*", default=list(FAMILIES))
    ap.add_argument("--variant", choices=("plain", "paraphrased"), nargs="*",
                    default=["plain", "paraphrased"])  # fmt: skip
    ap.add_argument("--per-kind", action="store_true", help="recall of each injection kind")
    ap.add_argument("--show", type=int, default=0, help="examples of each miss / false alarm")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    seeds = range(args.seed, args.seed + args.n)
    jobs = [
        (fam, var, kind, s)
        for fam in args.family
        for var in args.variant
        for kind in [*FAMILIES[fam], "consistent"]
        for s in seeds
    ]
    with ProcessPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(_one, jobs, chunksize=4))
    print("\n".join(summary(results, args.per_kind)))
    if args.show:
        for r_key in sorted({(r["family"], r["variant"], r["kind"]) for r in results}):
            miss = [
                r
                for r in results
                if (r["family"], r["variant"], r["kind"]) == r_key
                and r.get("injected")
                and not r["found"]
            ]
            if miss:
                print(f"\n--- missed {' / '.join(r_key)} ({len(miss)}) ---")
            for r in miss[: args.show]:
                print(f"seed {r['seed']}: {r['what']} (expected {'/'.join(r['codes'])})")
                print(f"    | {r['line'][:220]}")
                for g in r["got"]:
                    print(f"    got {g[:160]}")
        for fam in args.family:
            for var in args.variant:
                seen: Counter[str] = Counter()
                cons = [
                    r for r in results
                    if (r["family"], r["variant"], r["kind"]) == (fam, var, "consistent") and r["rules"]
                ]  # fmt: skip
                if cons:
                    print(f"\n--- false alarms {fam} / {var} ---")
                for r in cons:
                    for rule, msg, line in r["examples"]:
                        if seen[rule] < args.show:
                            seen[rule] += 1
                            print(f"seed {r['seed']}: {rule} {msg[:160]}\n    | {line[:220]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
