"""How a finding is matched to an injected error (shared by the property tests and the script)."""

from __future__ import annotations

from auditor.catalogue import rules
from auditor.model import Finding, Result, Severity

from .inject import Injection


def reported(res: Result) -> list[Finding]:
    """Errors and warnings: what a consistent report must not have."""
    return [f for f in res.findings if f.severity in (Severity.ERROR, Severity.WARNING)]


def found_at(res: Result, inj: Injection) -> bool:
    """A finding of an expected family whose primary or related location overlaps the change.

    Finding spans are in the document's reflowed text; the injection's are in the original (a
    hard-wrapped export loses its line breaks and page numbers in between), so map them back.
    """
    families = {rules()[c].family for c in inj.codes}
    doc = res.document
    for f in reported(res):
        if rules()[f.rule].family not in families:
            continue
        spans = [doc.original_span(s) for s in (f.span, *(r.span for r in f.related))]
        if any(s.start < b and a < s.end for s in spans for a, b in inj.spans):
            return True
    return False


def line_at(text: str, pos: int) -> str:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return text[a : b if b >= 0 else len(text)].rstrip("\r")
