"""The pdfium reader reads what the pdfplumber-based reader read, so moving to pdfium (8× faster)
changed no table, no location and no finding.

- On the published PDFs (../shared/corpus or /work/shared/corpus; skipped when absent): every
  table has the cells, values, grid positions, spans and pages recorded from the old reader in
  tests/data/pdf_tables.json (tests/record_pdf_tables.py), and the text is the same text (its
  hash), so every location is the same.
- Where pdfplumber is installed (the test extra), the old reader (tests/pdfplumber_reader.py, the
  reader as it was) runs side by side: the same Document on the PDFs tests/test_pdf.py draws, and
  the same findings on the corpus.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from pdf_corpus import CORPUS_PDFS, FIXTURE, summary

from auditor.engine import audit
from auditor.io.load import load_bytes
from auditor.model import Document
from auditor.writers.common import finding_dict

needs_corpus = pytest.mark.skipif(not CORPUS_PDFS, reason="the corpus of published PDFs is absent")
RECORDED = json.loads(FIXTURE.read_text(encoding="utf-8"))


def _reference():
    pytest.importorskip("pdfplumber")
    from pdfplumber_reader import load_pdf

    return load_pdf


def _same_document(a: Document, b: Document) -> None:
    assert a.original == b.original
    assert a.text == b.text
    assert a.pages == b.pages
    assert summary(a) == summary(b)


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_corpus_tables_are_the_recorded_ones(path) -> None:
    data = path.read_bytes()
    want = RECORDED.get(path.name)
    if want is None or want["pdf_sha256"] != hashlib.sha256(data).hexdigest():
        pytest.skip(f"{path.name} is not the PDF recorded in {FIXTURE.name}")
    doc = load_bytes(data, str(path))
    got = summary(doc)
    assert got["pages"] == want["pages"]
    assert len(got["tables"]) == len(want["tables"])
    for g, w in zip(got["tables"], want["tables"], strict=True):
        assert (g["page"], g["title"], g["unit"], g["shape"]) == (
            w["page"],
            w["title"],
            w["unit"],
            w["shape"],
        )
        assert g["cells"] == w["cells"], w["title"]
    assert got["text_sha256"] == want["text_sha256"]
    assert sum(len(t["cells"]) for t in got["tables"]) > 500  # the comparison has substance


@needs_corpus
def test_a_changed_cell_fails_the_comparison() -> None:
    """Control: one digit changed in one cell of a table read from the corpus no longer matches."""
    path = CORPUS_PDFS[0]
    want = RECORDED.get(path.name)
    if want is None:
        pytest.skip(f"{path.name} is not recorded")
    doc = load_bytes(path.read_bytes(), str(path))
    cell = next(c for row in doc.tables[0].rows for c in row if any(ch.isdigit() for ch in c.text))
    i = next(j for j, ch in enumerate(cell.text) if ch.isdigit())
    cell.text = cell.text[:i] + str((int(cell.text[i]) + 1) % 10) + cell.text[i + 1 :]
    assert summary(doc)["tables"][0]["cells"] != want["tables"][0]["cells"]
    assert summary(doc)["tables"][1:] == want["tables"][1:]


def test_drawn_pdfs_read_the_same_as_with_pdfplumber() -> None:
    load_reference = _reference()
    import test_pdf as drawn

    page1 = [row[:] for row in drawn.PAGE1]
    page1[1][2] = "160.00"
    pdfs = [drawn.report(), drawn.report(page1=page1)]
    pdfs += [_rotated(drawn, rotation) for rotation in (0, 90, 180, 270)]
    for data in pdfs:
        _same_document(load_bytes(data, "x.pdf"), load_reference(data, "x.pdf", ""))


def _rotated(drawn, rotation: int) -> bytes:
    """A page shown turned (/Rotate): pdfminer reads it in the turned frame, and so must we."""
    import io

    buf = io.BytesIO()
    c = drawn.canvas.Canvas(buf, pagesize=drawn.A4)
    c.setPageRotation(rotation)
    c.setFont(drawn.FONT, 12)
    c.drawString(100, 700, "2025年部门预算，支出预算350.00万元。")
    drawn.draw_table(c, 650, [drawn.HEAD, *drawn.PAGE1])
    c.showPage()
    c.save()
    return buf.getvalue()


def _findings(doc: Document) -> list[dict]:
    return [finding_dict(doc, f) for f in audit(doc).findings]


@needs_corpus
def test_corpus_findings_are_the_same_as_with_pdfplumber() -> None:
    load_reference = _reference()
    total = 0
    for path in CORPUS_PDFS:
        data = path.read_bytes()
        new = load_bytes(data, str(path))
        old = load_reference(data, str(path), new.sha256)
        _same_document(new, old)
        got, want = _findings(new), _findings(old)
        assert got == want, path.name
        total += len(got)
    assert total > 0  # the corpus does raise findings, so the comparison compares something


def test_pypdfium2s_own_bindings_read_the_same(monkeypatch) -> None:
    """Where pdfium's library is not beside pypdfium2_raw (a build against a system pdfium),
    the functions are taken from pypdfium2's bindings instead: the same Document."""
    pytest.importorskip("pypdfium2_raw")
    import test_pdf as drawn

    from auditor.io import pdfium_lib

    data = drawn.report()
    direct = load_bytes(data, "x.pdf")
    monkeypatch.setattr(pdfium_lib, "_library_file", lambda: None)
    monkeypatch.setattr(pdfium_lib, "_lib", None)
    fallback = load_bytes(data, "x.pdf")
    assert pdfium_lib._lib is not None
    _same_document(direct, fallback)
