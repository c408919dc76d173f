"""Workers send back only what the writers read: every output is byte-identical to the whole Result's.

Issue 9: the parent spent about a tenth of a batch unpickling whole Results (22 KiB per 4 KiB of
input). auditor/payload.py trims them per requested output; these tests hold every format, the
export and the baseline to the bytes the untrimmed Results give, in-process and through --jobs 2.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from cli_util import run_cli

from auditor import batch
from auditor.cli import FORMATS, render
from auditor.engine import Options
from auditor.payload import Keep, trim

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def whole() -> list:
    files = batch.discover([str(SAMPLES)])
    assert len(files) > 40  # text, PDF, DOCX and XLSX samples
    outcomes = batch.run([batch.Task(p, Options()) for p in files])
    return [o.result for o in outcomes if o.result is not None]


def _trimmed(results: list, keep: Keep) -> list:
    # through pickle, as a worker sends them: nothing may depend on what stayed behind
    return pickle.loads(pickle.dumps([trim(r, keep) for r in results]))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_the_same_from_trimmed_results(whole, fmt):
    keep = Keep.for_outputs(fmt)
    extra = {"errors": [], "fail_on": ["warning"] * len(whole), "enabled": None}
    assert render(fmt, _trimmed(whole, keep), "en", False, **extra) == render(
        fmt, whole, "en", False, **extra
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_export_is_the_same_from_trimmed_results(whole, suffix, tmp_path):
    from auditor.writers.export import render as export

    keep = Keep.for_outputs("concise", export=True)
    target = str(tmp_path / f"x{suffix}")
    a, b = export(_trimmed(whole, keep), target, "zh"), export(whole, target, "zh")
    if suffix == ".xlsx":  # a zip's timestamps differ between two writes: compare the cells
        import openpyxl

        def cells(data: bytes) -> list:
            import io

            book = openpyxl.load_workbook(io.BytesIO(data))
            return [[c.value for row in ws.iter_rows() for c in row] for ws in book.worksheets]

        assert cells(a[target]) == cells(b[target])
    else:
        assert a == b


def test_the_baseline_is_the_same_from_trimmed_results(whole):
    from auditor import baseline

    keep = Keep.for_outputs("junit")
    assert baseline.build(_trimmed(whole, keep)) == baseline.build(whole)


def test_trimmed_results_are_much_smaller_and_keep_their_counts(whole):
    keep = Keep.for_outputs("json")
    small = _trimmed(whole, keep)
    assert len(pickle.dumps(small)) * 3 < len(pickle.dumps(whole))
    for a, b in zip(small, whole, strict=True):
        assert (a.figures_extracted, a.figures_checked) == (b.figures_extracted, b.figures_checked)
        assert a.facts == [] and a.document.text == "" and a.document.tables == []
        assert bool(a.document.original) == bool(b.findings)  # quoted only when there is a finding
    assert all(r.document.original == "" for r in _trimmed(whole, Keep.for_outputs("junit")))


def test_html_and_export_keep_what_they_read():
    assert Keep.for_outputs("json", html=True) == Keep()
    assert Keep.for_outputs("github", export=True) == Keep(document=False, source=True, facts=True)


def test_trimming_leaves_the_result_itself_alone(whole):
    r = whole[0]
    before = (len(r.facts), r.document.text, len(r.document.tables))
    trim(r, Keep.for_outputs("junit"))
    assert (len(r.facts), r.document.text, len(r.document.tables)) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_jobs_2_writes_what_jobs_1_writes(capsys, tmp_path, fmt):
    outs = {}
    for jobs in (1, 2):
        out, export = tmp_path / f"{jobs}.out", tmp_path / f"{jobs}.csv"
        args = [SAMPLES, "--format", fmt, "-o", out, "--jobs", jobs, "--exit-zero"]
        if fmt == "concise":  # the export keeps the facts: one run with it
            args += ["--export", export]
        r = run_cli(capsys, *args)
        assert r.code == 0, r.err
        outs[jobs] = [out.read_bytes()]
        if fmt == "concise":
            outs[jobs] += [export.read_bytes(), (tmp_path / f"{jobs}.facts.csv").read_bytes()]
    assert outs[1] == outs[2]
