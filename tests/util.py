"""Shared test helpers: audit a string as if it were a file."""

from __future__ import annotations

from auditor.engine import Options, audit
from auditor.io.load import load_bytes
from auditor.model import Result


def run(text: str, **opts) -> Result:
    return audit(load_bytes(text.encode("utf-8"), "<test>"), Options(**opts))
