"""--format json: one document, stable, described by schema/findings.schema.json.

Written on one line by json's C encoder (pipe it through `python -m json.tool` or `jq .` to read it).
"""

from __future__ import annotations

import json

from ..gcpause import paused_gc
from ..model import Result
from .common import Locations, counts, finding_dict

SCHEMA_VERSION = 1


def result_dict(r: Result, lang: str) -> dict:
    where = Locations(r.document)
    return {
        "path": r.document.path,
        "sha256": r.document.sha256,
        "encoding": r.document.encoding,
        "department": r.department,
        "year": r.year,
        "figures_extracted": r.figures_extracted,
        "figures_checked": r.figures_checked,
        "findings": [finding_dict(r.document, f, lang, where) for f in r.findings],
    }


def document(results: list[Result], lang: str = "zh") -> dict:
    """The document as Python data (the API's json_document)."""
    return {
        "version": SCHEMA_VERSION,
        "tool": "audit-budget",
        "files": [result_dict(r, lang) for r in results],
        "summary": counts(results),
    }


def render(results: list[Result], lang: str = "zh", **_: object) -> str:
    # Plain dicts and lists, no cycles: with the collector running, the first allocations after
    # an audit would have it walk every object the audit made (a tenth of the time at 4 MB).
    with paused_gc():
        doc = document(results, lang)
        # No indent: json's C encoder then does the work (with indent=2 it falls back to the
        # pure-Python one, several times slower on large reports). The document is one line.
        return json.dumps(doc, ensure_ascii=False) + "\n"
