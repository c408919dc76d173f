"""The pipeline: Document → segments → quantities → facts → structures → checks → Result."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from . import checks
from .checks.base import Audit, fingerprint
from .extract.changes import find_changes
from .extract.facts import Context, build_facts
from .extract.lexicon import Lexicon
from .extract.links import link_statements
from .extract.meta import detect_department, detect_year
from .extract.numbers import MAX_DIGITS, scan_quantities
from .extract.structures import build_structures
from .extract.subjects import find_subjects
from .extract.table_body import build_table_body
from .gcpause import paused_gc
from .model import Document, Finding, Result, Severity
from .record import Record
from .segment import segment


class Options(Record):
    """What a run may change about the audit itself (not about output)."""

    year: int | None
    select: list[str]  # codes or prefixes; empty = all
    ignore: list[str]
    severity: dict[str, Severity]
    synonyms: dict[str, list[str]]
    # unit family (money, percent, count, ...) → extra absolute slack in the family's base
    # unit, from the `tolerances` config key: each figure's interval is widened by it.
    tolerances: dict[str, Decimal]

    def __init__(
        self,
        year: int | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        severity: dict[str, Severity] | None = None,
        synonyms: dict[str, list[str]] | None = None,
        tolerances: dict[str, Decimal] | None = None,
    ) -> None:
        self.year = year
        self.select = [] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.severity = {} if severity is None else severity
        self.synonyms = {} if synonyms is None else synonyms
        self.tolerances = {} if tolerances is None else tolerances


def fold_into_cells(findings: list[Finding]) -> list[Finding]:
    """One wrong figure, one finding: a figure its own table cell (S002) or its own heading
    (S001 of a 科目) contradicts is the slip, so the identities computed from it break because
    of it. They are listed in that finding's evidence (and counted in its message) instead of
    reported again."""
    wrong: dict[tuple[int, int], Finding] = {}
    for f in sorted(findings, key=lambda f: f.rule != "S002"):  # the table's word first
        if f.evidence.get("slip"):
            wrong.setdefault((f.span.start, f.span.end), f)
    if not wrong and not any(f.evidence.get("follows") for f in findings):
        return findings
    at: dict[tuple[int, int], list[int]] = {}  # primary span → indexes of its findings
    for k, g in enumerate(findings):
        at.setdefault((g.span.start, g.span.end), []).append(k)
    out: list[Finding] = []
    owners: dict[int, Finding] = {}
    for k, f in enumerate(findings):
        spans = [(f.span.start, f.span.end)] + [(r.span.start, r.span.end) for r in f.related]
        owner = next((wrong[s] for s in spans if s in wrong and wrong[s] is not f), None)
        if owner is None and f.evidence.get("follows"):
            # a consequence (C001) of a cell another finding is about: one cell, one finding
            first = min((x for s in spans for x in at.get(s, ()) if x != k), default=None)
            owner = findings[first] if first is not None else None
        if owner is not None and f.evidence.get("slip") and wrong.get(spans[0]) is f:
            owner = None  # a slip of its own figure stays
        if owner is None:
            out.append(f)
            continue
        owner.evidence.setdefault("also_breaks", []).append(
            {"rule": f.rule, "message": f.message["zh"]}
        )
        owners[id(owner)] = owner
    for owner in owners.values():
        broken = owner.evidence["also_breaks"]
        rules_ = "、".join(x["rule"] for x in broken)
        owner.message = {
            "zh": f"{owner.message['zh']}；由此另有 {len(broken)} 项核对不成立（{rules_}）",
            "en": f"{owner.message['en']}; so {len(broken)} more check(s) fail ({rules_})",
        }
    return out


def _selected(code: str, opts: Options) -> bool:
    if opts.select and not any(code.startswith(p) for p in opts.select):
        return False
    return not any(code.startswith(p) for p in opts.ignore)


def audit(doc: Document, opts: Options | None = None) -> Result:
    with paused_gc():  # many small objects, no cycles: the collector's passes are waste
        return _audit(doc, opts)


def _audit(doc: Document, opts: Options | None) -> Result:
    opts = opts or Options()
    text = doc.text
    year = opts.year or detect_year(text)
    lex = Lexicon(opts.synonyms)
    segs = segment(text)
    quantities, n_oversized = scan_quantities(text)  # one pass: the figures and the note
    for q in quantities:
        q.slack = opts.tolerances.get(q.family, q.slack)
    facts = build_facts(text, segs, quantities, lex, Context(year))
    st = build_structures(text, segs, facts, lex)
    department = detect_department(text)
    body = build_table_body(doc)
    mentions = find_subjects(text, body.names)
    statements = link_statements(text, segs, facts, body, department, year, mentions)
    a = Audit(
        doc,
        segs,
        facts,
        st,
        lex,
        year,
        department,
        body=body,
        statements=statements,
        changes=find_changes(text, segs, facts, year),
        mentions=mentions,
        severity=opts.severity,
    )
    for fn in checks.to_run(a, lambda code: _selected(code, opts)):
        fn(a)
    findings = fold_into_cells([f for f in a.findings if _selected(f.rule, opts)])
    findings.sort(key=lambda f: (f.span.start, f.rule))
    seen: Counter[str] = Counter()
    for f in findings:
        f.fingerprint = fingerprint(f.anchor, seen[f.anchor])
        seen[f.anchor] += 1
    result = Result(doc, facts, findings, department, year)
    n = n_oversized
    if n:
        result.notes.append(
            f"{n} figure(s) of more than {MAX_DIGITS} digits set aside (not audited)"
        )
    return result
