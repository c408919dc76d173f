"""--export x.parquet: findings, facts and files as typed Parquet tables for a warehouse.

Three files, one table per kind (docs/scale.md gives the layout): ``x.parquet`` (findings),
``x.facts.parquet`` and ``x.files.parquet`` (one row per audited document, so a document without
findings is counted too). The column names and types are part of the stable interface: columns
may be added at the end, never renamed or retyped. Exact figures stay exact: the recomputation's
expected, stated and difference are decimal strings as the JSON gives them; a fact's value is also
a float for sums. pyarrow is imported here only.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..catalogue import rules
from ..errors import UsageError
from ..model import Result
from .common import location

LAYOUT_VERSION = 1


def paths(path: str) -> dict[str, str]:
    """{kind: file} for an export to `path` (x.parquet → x.facts.parquet, x.files.parquet)."""
    p = Path(path)
    return {
        "findings": path,
        "facts": str(p.with_name(p.stem + ".facts.parquet")),
        "files": str(p.with_name(p.stem + ".files.parquet")),
    }


def require() -> None:
    _pa()


def _pa():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            "--export .parquet needs pyarrow, which is not installed: "
            "pip install 'audit-budget[parquet]'"
        ) from None
    return pa, pq


def schemas(pa) -> dict:
    s, i32, f64 = pa.string(), pa.int32(), pa.float64()
    related = pa.list_(
        pa.struct([("role", s), ("line", i32), ("column", i32), ("page", i32), ("text", s)])
    )
    return {
        "findings": pa.schema([
            ("path", s), ("sha256", s), ("rule", s), ("name", s), ("severity", s), ("message", s),
            ("line", i32), ("column", i32), ("end_line", i32), ("end_column", i32), ("page", i32),
            ("text", s), ("formula", s), ("expected", s), ("stated", s), ("difference", s),
            ("unit", s), ("related", related), ("fingerprint", s),
        ]),
        "facts": pa.schema([
            ("path", s), ("sha256", s), ("fact", i32), ("raw", s), ("value", f64),
            ("value_text", s), ("decimals", i32), ("unit", s), ("family", s), ("base_value", f64),
            ("approx", s), ("operator", s), ("concept", s), ("label", s), ("scope", s),
            ("period", s), ("line", i32), ("column", i32), ("page", i32),
            ("checked_by", pa.list_(s)),
        ]),
        "files": pa.schema([
            ("path", s), ("sha256", s), ("encoding", s), ("department", s), ("year", i32),
            ("figures_extracted", i32), ("figures_checked", i32), ("findings", i32),
            ("errors", i32), ("warnings", i32), ("infos", i32), ("suppressed", i32),
        ]),
    }  # fmt: skip


def _s(v) -> str | None:
    return None if v is None else str(v)


def _rows(results: list[Result], lang: str) -> dict[str, list[dict]]:
    catalogue = rules()
    findings, facts, files = [], [], []
    for r in results:
        doc = r.document
        for f in r.findings:
            loc, ev = location(doc, f.span), f.evidence
            related = []
            for rel in f.related:
                rl = location(doc, rel.span)
                related.append(
                    {"role": rel.role, "line": rl["line"], "column": rl["column"],
                     "page": rl.get("page"), "text": doc.source(rel.span)[:200]}
                )  # fmt: skip
            findings.append(
                {
                    "path": doc.path, "sha256": doc.sha256, "rule": f.rule,
                    "name": catalogue[f.rule].name, "severity": f.severity.value,
                    "message": f.message[lang], "line": loc["line"], "column": loc["column"],
                    "end_line": loc["end_line"], "end_column": loc["end_column"],
                    "page": loc.get("page"), "text": doc.source(f.span),
                    "formula": _s(ev.get("formula")), "expected": _s(ev.get("expected")),
                    "stated": _s(ev.get("stated")), "difference": _s(ev.get("difference")),
                    "unit": _s(ev.get("unit")), "related": related, "fingerprint": f.fingerprint,
                }
            )  # fmt: skip
        for fact in r.facts:
            q, loc = fact.q, location(doc, fact.span)
            facts.append(
                {
                    "path": doc.path, "sha256": doc.sha256, "fact": fact.id, "raw": q.raw,
                    "value": float(q.value), "value_text": str(q.value), "decimals": q.decimals,
                    "unit": q.unit, "family": q.family, "base_value": float(q.base),
                    "approx": q.approx, "operator": q.operator, "concept": fact.concept,
                    "label": fact.label, "scope": fact.scope, "period": fact.period,
                    "line": loc["line"], "column": loc["column"], "page": loc.get("page"),
                    "checked_by": sorted(fact.used_by),
                }
            )  # fmt: skip
        sev = [f.severity.value for f in r.findings]
        files.append(
            {
                "path": doc.path, "sha256": doc.sha256, "encoding": doc.encoding,
                "department": r.department, "year": r.year,
                "figures_extracted": r.figures_extracted, "figures_checked": r.figures_checked,
                "findings": len(sev), "errors": sev.count("error"),
                "warnings": sev.count("warning"), "infos": sev.count("info"),
                "suppressed": r.suppressed,
            }
        )  # fmt: skip
    return {"findings": findings, "facts": facts, "files": files}


def render(results: list[Result], path: str, lang: str = "zh") -> dict[str, bytes]:
    """{file to write: its bytes} for the three tables; the caller writes them atomically."""
    pa, pq = _pa()
    tables = schemas(pa)
    meta = {
        b"audit-budget.layout": str(LAYOUT_VERSION).encode(),
        b"audit-budget.lang": lang.encode(),
    }
    out = {}
    for kind, rows in _rows(results, lang).items():
        table = pa.Table.from_pylist(rows, schema=tables[kind].with_metadata(meta))
        buf = io.BytesIO()
        pq.write_table(table, buf, compression="zstd")
        out[paths(path)[kind]] = buf.getvalue()
    return out
