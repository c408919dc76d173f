"""Record what the pdfplumber-based reader (tests/pdfplumber_reader.py) read from the corpus PDFs
into tests/data/pdf_tables.json: per PDF, the text's SHA-256, the page offsets and every table
cell (grid position, spans, page and text). tests/test_pdf_equivalence.py holds the pdfium reader
to it. Run once, from the repository root: .venv/bin/python tests/record_pdf_tables.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pdf_corpus import CORPUS_PDFS, FIXTURE, summary  # noqa: E402
from pdfplumber_reader import load_pdf  # noqa: E402


def main() -> None:
    out = {}
    for path in CORPUS_PDFS:
        data = path.read_bytes()
        doc = load_pdf(data, str(path), "")
        out[path.name] = {"pdf_sha256": hashlib.sha256(data).hexdigest(), **summary(doc)}
    FIXTURE.write_text(
        json.dumps(out, ensure_ascii=False, separators=(",", ":"))
        .replace('"tables"', '\n"tables"')
        .replace('{"page"', '\n{"page"')
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes, {len(out)} PDFs)")


if __name__ == "__main__":
    main()
