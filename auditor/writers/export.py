"""--export findings.csv|findings.xlsx: findings and the facts table for spreadsheet users.

(findings.parquet, for a warehouse, is writers/parquet.py.)

XLSX gets two sheets (findings, facts). CSV is one table per file, so the facts go beside it:
findings.csv and findings.facts.csv. CSV is UTF-8 with a BOM so Excel shows the Chinese.

Report text is untrusted: a cell that starts with = + - @ would run as a formula in a spreadsheet
(CSV injection), so such text cells are prefixed with an apostrophe in CSV and stored as plain
strings in XLSX. pandas is imported here only, on this path.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..catalogue import rules
from ..errors import UsageError
from ..model import Result
from .common import location

SUFFIXES = (".csv", ".xlsx", ".parquet")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The header is written even when there are no rows.
FINDING_COLUMNS = [
    "path", "rule", "name", "severity", "message", "line", "column", "end_line", "end_column",
    "page", "text", "formula", "expected", "stated", "difference", "unit", "related", "fingerprint",
]  # fmt: skip
FACT_COLUMNS = [
    "path", "fact", "raw", "value", "decimals", "unit", "family", "approx", "operator", "concept",
    "label", "scope", "period", "line", "column", "page", "checked_by",
]  # fmt: skip


def finding_rows(results: list[Result], lang: str) -> list[dict]:
    rows = []
    for r in results:
        doc = r.document
        for f in r.findings:
            loc = location(doc, f.span)
            ev = f.evidence
            rows.append(
                {
                    "path": doc.path,
                    "rule": f.rule,
                    "name": rules()[f.rule].name,
                    "severity": f.severity.value,
                    "message": f.message[lang],
                    "line": loc["line"],
                    "column": loc["column"],
                    "end_line": loc["end_line"],
                    "end_column": loc["end_column"],
                    "page": loc.get("page"),
                    "text": doc.source(f.span),
                    "formula": ev.get("formula"),
                    "expected": _s(ev.get("expected")),
                    "stated": _s(ev.get("stated")),
                    "difference": _s(ev.get("difference")),
                    "unit": ev.get("unit"),
                    "related": "; ".join(
                        f"{rel.role} {location(doc, rel.span)['line']}:"
                        f"{location(doc, rel.span)['column']}"
                        for rel in f.related
                    ),
                    "fingerprint": f.fingerprint,
                }
            )
    return rows


def fact_rows(results: list[Result]) -> list[dict]:
    rows = []
    for r in results:
        doc = r.document
        for fact in r.facts:
            q = fact.q
            loc = location(doc, fact.span)
            rows.append(
                {
                    "path": doc.path,
                    "fact": fact.id,
                    "raw": q.raw,
                    "value": float(q.value),
                    "decimals": q.decimals,
                    "unit": q.unit,
                    "family": q.family,
                    "approx": q.approx,
                    "operator": q.operator,
                    "concept": fact.concept,
                    "label": fact.label,
                    "scope": fact.scope,
                    "period": fact.period,
                    "line": loc["line"],
                    "column": loc["column"],
                    "page": loc.get("page"),
                    "checked_by": " ".join(sorted(fact.used_by)),
                }
            )
    return rows


def _s(v) -> str | None:
    return None if v is None else str(v)


def _defuse(v):
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return v


def check_path(path: str) -> str:
    """The export's suffix, or a usage error (checked before any audit runs)."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"--export {path}: use a .csv, .xlsx or .parquet file name")
    return suffix


def targets(path: str) -> list[str]:
    """Every file an export to `path` writes (CSV and Parquet put the facts beside it)."""
    suffix = check_path(path)
    if suffix == ".csv":
        return [path, facts_csv_path(path)]
    if suffix == ".parquet":
        from .parquet import paths

        return list(paths(path).values())
    return [path]


def facts_csv_path(path: str) -> str:
    p = Path(path)
    return str(p.with_name(p.stem + ".facts.csv"))


def render(results: list[Result], path: str, lang: str = "zh") -> dict[str, bytes]:
    """{file to write: its bytes}; the caller writes them atomically."""
    suffix = check_path(path)
    if suffix == ".parquet":  # typed tables for a warehouse: pyarrow, not pandas
        from .parquet import render as parquet

        return parquet(results, path, lang)
    try:
        import pandas as pd

        if suffix == ".xlsx":
            import openpyxl  # noqa: F401
    except ImportError as e:
        raise UsageError(
            f"--export needs pandas and openpyxl ({e.name} is missing): "
            "pip install 'audit-budget[export]'"
        ) from None
    findings = pd.DataFrame(finding_rows(results, lang), columns=FINDING_COLUMNS)
    facts = pd.DataFrame(fact_rows(results), columns=FACT_COLUMNS)
    if suffix == ".csv":
        out = {}
        for target, df in ((path, findings), (facts_csv_path(path), facts)):
            text = df.map(_defuse).to_csv(index=False, lineterminator="\r\n")
            out[target] = text.encode("utf-8-sig")
        return out
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        findings.to_excel(xl, sheet_name="findings", index=False)
        facts.to_excel(xl, sheet_name="facts", index=False)
        for ws in xl.book.worksheets:
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if cell.data_type == "f":  # text that openpyxl took for a formula
                        cell.data_type = "s"
            ws.freeze_panes = "A2"
    return {path: buf.getvalue()}
