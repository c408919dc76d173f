"""Record tests/data/findings_snapshot.json: per input (samples, form samples, generated reports,
corpus PDFs when present) the counts and hash tests/findings_snapshot.py computes. Run from the
repository root on the reference code: .venv/bin/python tests/record_findings.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from findings_snapshot import FIXTURE, generated_inputs, sample_inputs, snapshot  # noqa: E402
from pdf_corpus import CORPUS_PDFS  # noqa: E402


def main() -> None:
    out: dict[str, dict] = {}
    for name, read in [*sample_inputs(), *generated_inputs()]:
        data = read()
        if data is not None:
            out[name] = snapshot(data, name)
    for path in CORPUS_PDFS:
        out[f"corpus/{path.name}"] = snapshot(path.read_bytes(), path.name)
    text = json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True)
    FIXTURE.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE} ({len(out)} inputs)")


if __name__ == "__main__":
    main()
