"""Where the published PDFs are (../shared/corpus from the repository root, or /work/shared/corpus)
and the compact summary of a PDF Document the equivalence test compares."""

from __future__ import annotations

import hashlib
from pathlib import Path

from auditor.model import Document

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "pdf_tables.json"


def corpus_dir() -> Path | None:
    for d in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus")):
        if d.is_dir() and any(d.glob("*.pdf")):
            return d
    return None


CORPUS = corpus_dir()
CORPUS_PDFS = sorted(CORPUS.glob("*.pdf")) if CORPUS else []


def summary(doc: Document) -> dict:
    """The text (as a hash), the page offsets and every table: per cell that starts at a grid
    position, [row, col, rowspan, colspan, start, text] (start: where its span starts, which with
    the page offsets gives its page; its span ends after its text). Empty single cells are left
    out: the table's shape implies them."""
    tables = []
    for t in doc.tables:
        cells = []
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row):
                if cell.row != r or cell.col != c:
                    continue  # a merged cell is listed once, at its top-left position
                span = cell.span
                if span is None and cell.rowspan == cell.colspan == 1 and not cell.text:
                    continue
                start = span.start if span else None
                cells.append([r, c, cell.rowspan, cell.colspan, start, cell.text])
        tables.append(
            {
                "page": t.page,
                "title": t.title,
                "unit": t.unit,
                "shape": [len(t.rows), len(t.rows[0]) if t.rows else 0],
                "cells": cells,
            }
        )
    return {
        "text_sha256": hashlib.sha256(doc.original.encode("utf-8")).hexdigest(),
        "pages": doc.pages,
        "tables": tables,
    }
