"""--engine dask: the outputs of --jobs, byte for byte, from a 2-worker local Dask cluster.

One cluster (two worker processes, one thread each) serves the module's tests through --scheduler;
one test lets the command line start its own. A file that kills its worker is that file's error
line (exit 2), not a lost batch. Skipped when the dask extra is not installed.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from cli_util import CI, run_cli

distributed = pytest.importorskip("distributed")

from auditor import batch, batch_dask  # noqa: E402
from auditor.engine import Options  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Path:
    """A directory of samples of every kind (text with and without findings, PDF, DOCX, XLSX),
    small enough to keep the module under half a minute on a busy 2-core machine."""
    d = tmp_path_factory.mktemp("samples")
    texts = sorted(SAMPLES.glob("*.txt"))
    picked = texts[:3] + texts[8:13] + [SAMPLES / "seed-report-2023.txt"]
    picked += [SAMPLES / "forms" / f"department-errors.{x}" for x in ("pdf", "docx", "xlsx")]
    picked += [SAMPLES / "forms" / "project-consistent.pdf"]
    for p in picked:
        (d / p.parent.name).mkdir(exist_ok=True)
        shutil.copy(p, d / p.parent.name / p.name)
    return d


@pytest.fixture(scope="module")
def scheduler():
    import dask

    # the default (3) would kill the crashing test's worker 4 times before giving up on it
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
    ):
        yield cluster.scheduler_address


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_dask_writes_what_jobs_1_writes(capsys, tmp_path, samples, scheduler, fmt):
    outs = {}
    for name, extra in (("jobs1", ["--jobs", "1"]), ("dask", ["--engine", "dask", "--scheduler",
                                                                scheduler])):  # fmt: skip
        out = tmp_path / name
        r = run_cli(capsys, samples, "--format", fmt, "-o", out, "--exit-zero", *extra)
        assert r.code == 0, r.err
        outs[name] = out.read_bytes()
    assert outs["dask"] == outs["jobs1"]
    assert outs["dask"].count(b"seed-report-2023.txt") >= 1


def test_an_unreadable_file_is_its_own_exit_2_line(capsys, tmp_path, scheduler):
    for n in ("errors.txt", "warning.txt", "clean.txt"):
        shutil.copy(CI / n, tmp_path / n)
    (tmp_path / "d-binary.txt").write_bytes(b"\x00\x01" * 50)
    runs = {}
    for name, extra in (("jobs1", ["--jobs", "1"]), ("dask", ["--engine", "dask", "--scheduler",
                                                                scheduler])):  # fmt: skip
        runs[name] = run_cli(capsys, tmp_path, "--format", "concise", *extra)
    assert runs["dask"].code == runs["jobs1"].code == 2
    assert runs["dask"].out == runs["jobs1"].out  # the other files' findings are all there
    assert runs["dask"].err == runs["jobs1"].err
    assert (
        runs["dask"].err.count("audit-budget: error:") == 1 and "d-binary.txt" in runs["dask"].err
    )


def crash_on_b(task: batch.Task) -> batch.Outcome:
    """A worker process that dies on one file, as one out of memory would."""
    if task.path.endswith("b.txt"):
        os._exit(3)
    return batch.run_one(task)


def test_a_file_that_kills_its_worker_is_that_files_error(tmp_path, scheduler):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    sources = ("errors.txt", "warning.txt", "clean.txt")
    paths = []
    for i in range(40):  # files go out two per Dask task: the crash takes a neighbour with it
        p = tmp_path / (f"r{i:02d}.txt" if i != 17 else "b.txt")
        shutil.copy(CI / sources[i % 3], p)
        paths.append(str(p))
    assert len(batch._chunks(40, 2)[0]) == 2
    seen = []
    out = batch_dask.run(
        [batch.Task(p, Options()) for p in paths], scheduler, progress=seen.append, fn=crash_on_b
    )
    assert [o.path for o in out] == paths and len(seen) == 40
    assert out[17].result is None and "b.txt: worker failed (KilledWorker" in out[17].error
    found = [len(o.result.findings) for k, o in enumerate(out) if k != 17]
    assert found == [(2, 1, 0)[k % 3] for k in range(40) if k != 17]


def test_through_the_command_line_a_killed_worker_is_one_exit_2_line(
    capsys, tmp_path, scheduler, monkeypatch
):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    monkeypatch.setattr(batch_dask, "run_one", crash_on_b)
    for n, src in (("a.txt", "errors.txt"), ("b.txt", "errors.txt"), ("c.txt", "warning.txt")):
        shutil.copy(CI / src, tmp_path / n)
    r = run_cli(capsys, tmp_path, "--format", "concise", "--lang", "en", "--engine", "dask",
                "--scheduler", scheduler)  # fmt: skip
    (tmp_path / "b.txt").unlink()
    want = run_cli(capsys, tmp_path, "--format", "concise", "--lang", "en", "--jobs", "1")
    assert r.code == 2 and r.out == want.out  # a.txt's and c.txt's findings, in order
    assert r.err.count("\n") == 1 and r.err.startswith("audit-budget: error: ")
    assert "b.txt: worker failed (KilledWorker" in r.err


def test_the_api_runs_a_batch_on_dask(tmp_path, scheduler):
    import auditor

    for n in ("errors.txt", "warning.txt", "clean.txt"):
        shutil.copy(CI / n, tmp_path / n)
    (tmp_path / "z.txt").write_bytes(b"")
    local = auditor.audit_files([str(tmp_path)], jobs=1)
    remote = auditor.audit_files([str(tmp_path)], engine="dask", scheduler=scheduler)
    assert [o.path for o in remote] == [o.path for o in local]
    assert [o.error for o in remote] == [o.error for o in local]
    assert [auditor.json_document(o.result) for o in remote if o.result] == [
        auditor.json_document(o.result) for o in local if o.result
    ]
    assert remote[3].result is None and "empty" in remote[3].error
    with pytest.raises(auditor.UsageError):
        auditor.audit_files([str(tmp_path)], scheduler=scheduler)


def test_a_local_cluster_when_no_scheduler_is_given(capsys, tmp_path):
    for n in ("errors.txt", "clean.txt"):
        shutil.copy(CI / n, tmp_path / n)
    a = run_cli(capsys, tmp_path, "--format", "json", "--jobs", "1")
    b = run_cli(capsys, tmp_path, "--format", "json", "--engine", "dask", "--jobs", "1")
    assert a.code == b.code == 1 and a.out == b.out and b.err == ""


def test_missing_dask_is_one_line_and_exit_2(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    r = run_cli(capsys, CI / "errors.txt", "--engine", "dask")
    assert r.code == 2 and r.out == ""
    assert r.err == (
        "audit-budget: error: --engine dask needs Dask, which is not installed: "
        "pip install 'audit-budget[dask]'\n"
    )


def test_scheduler_needs_the_dask_engine(capsys):
    r = run_cli(capsys, CI / "errors.txt", "--scheduler", "tcp://127.0.0.1:1")
    assert r.code == 2 and "--scheduler is for --engine dask" in r.err


def test_an_unreachable_scheduler_is_a_usage_error(capsys, monkeypatch):
    monkeypatch.setattr(batch_dask, "CONNECT_TIMEOUT", "1s")
    r = run_cli(capsys, CI / "errors.txt", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert r.code == 2 and "--scheduler tcp://127.0.0.1:9: cannot connect" in r.err
