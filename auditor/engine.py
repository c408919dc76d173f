"""The pipeline: Document → segments → quantities → facts → structures → checks → Result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from . import checks
from .checks.base import Audit, fingerprint
from .extract.facts import Context, build_facts
from .extract.lexicon import Lexicon
from .extract.meta import detect_department, detect_year
from .extract.numbers import MAX_DIGITS, find_quantities, oversized
from .extract.structures import build_structures
from .model import Document, Result, Severity
from .segment import segment


@dataclass
class Options:
    """What a run may change about the audit itself (not about output)."""

    year: int | None = None
    select: list[str] = field(default_factory=list)  # codes or prefixes; empty = all
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    # unit family (money, percent, count, ...) → extra absolute slack in the family's base
    # unit, from the `tolerances` config key: each figure's interval is widened by it.
    tolerances: dict[str, Decimal] = field(default_factory=dict)


def _selected(code: str, opts: Options) -> bool:
    if opts.select and not any(code.startswith(p) for p in opts.select):
        return False
    return not any(code.startswith(p) for p in opts.ignore)


def audit(doc: Document, opts: Options | None = None) -> Result:
    opts = opts or Options()
    text = doc.text
    year = opts.year or detect_year(text)
    lex = Lexicon(opts.synonyms)
    segs = segment(text)
    quantities = find_quantities(text)
    for q in quantities:
        q.slack = opts.tolerances.get(q.family, q.slack)
    facts = build_facts(text, segs, quantities, lex, Context(year))
    st = build_structures(text, segs, facts, lex)
    department = detect_department(text)
    a = Audit(doc, segs, facts, st, lex, year, department, severity=opts.severity)
    for fn in checks.REGISTRY.values():
        if any(_selected(c, opts) for c in fn.codes):  # type: ignore[attr-defined]
            fn(a)
    findings = [f for f in a.findings if _selected(f.rule, opts)]
    findings.sort(key=lambda f: (f.span.start, f.rule))
    seen: Counter[str] = Counter()
    for f in findings:
        f.fingerprint = fingerprint(f.anchor, seen[f.anchor])
        seen[f.anchor] += 1
    result = Result(doc, facts, findings, department, year)
    n = oversized(text)
    if n:
        result.notes.append(
            f"{n} figure(s) of more than {MAX_DIGITS} digits set aside (not audited)"
        )
    return result
