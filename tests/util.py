"""Shared test helpers: audit a string as if it were a file."""

from __future__ import annotations

import re

from auditor.engine import Options, audit
from auditor.io.load import load_bytes
from auditor.model import Result


def run(text: str, **opts) -> Result:
    return audit(load_bytes(text.encode("utf-8"), "<test>"), Options(**opts))


def claim_rx(claim: str, after: str = "") -> re.Pattern:
    """The plain pattern of a claim's words (rules/lexicon.toml [claims]) with a negative
    look-behind for each negation: what structures' claim readers must find (they search the
    words alone and test the negations where one matched)."""
    from auditor.catalogue import lexicon
    from auditor.extract.cues import alt

    claims = lexicon()["claims"]
    neg = "".join(f"(?<!{re.escape(n)})" for n in claims["negations"])
    return re.compile(neg + "(?:" + alt(claims[claim]) + ")" + after)
