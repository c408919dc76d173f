"""Batches: input order whatever the parallelism, failures kept per file, a progress bar only for people."""

from __future__ import annotations

import io
import shutil

import pytest
from cli_util import CI

from auditor import batch
from auditor.engine import Options


def make_tree(root, n: int) -> list[str]:
    paths = []
    for i in range(n):
        src = CI / ("errors.txt", "clean.txt", "warning.txt")[i % 3]
        p = root / f"r{i:02d}.txt"
        shutil.copy(src, p)
        paths.append(str(p))
    return paths


def test_parallel_outcomes_come_back_in_input_order(tmp_path):
    paths = make_tree(tmp_path, 20)
    paths.reverse()  # not sorted: the order given is the order returned
    tasks = [batch.Task(p, Options()) for p in paths]
    seen = []
    one = batch.run(tasks, jobs=1)
    two = batch.run(tasks, jobs=2, progress=seen.append)
    assert [o.path for o in two] == paths == [o.path for o in one]
    assert [[f.fingerprint for f in o.result.findings] for o in two] == [
        [f.fingerprint for f in o.result.findings] for o in one
    ]
    assert len(seen) == 20  # progress heard about every file


def test_an_unreadable_file_does_not_lose_the_others(tmp_path):
    paths = make_tree(tmp_path, 4)
    (tmp_path / "bad.txt").write_bytes(b"\x00" * 10)
    paths.insert(2, str(tmp_path / "bad.txt"))
    paths.append(str(tmp_path / "missing.txt"))
    out = batch.run([batch.Task(p, Options()) for p in paths], jobs=2)
    assert [o.result is None for o in out] == [False, False, True, False, False, True]
    assert "binary" in out[2].error and "no such file" in out[5].error


def test_a_bug_in_one_file_is_reported_not_raised(tmp_path, monkeypatch):
    paths = make_tree(tmp_path, 3)
    real = batch.audit

    def flaky(doc, opts):
        if doc.path.endswith("r01.txt"):
            raise ValueError("boom")
        return real(doc, opts)

    monkeypatch.setattr(batch, "audit", flaky)
    out = batch.run([batch.Task(p, Options()) for p in paths], jobs=1)
    assert out[0].result and out[2].result
    assert "internal error (ValueError: boom)" in out[1].error


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    stream = FakeTTY()
    bar = batch.ProgressBar(3, stream=stream, lang="en")
    assert bar.enabled
    for n in (2, 0, 1):
        r = type("R", (), {"findings": [object()] * n})()
        bar(batch.Outcome("x", result=r))
    assert "3/3 files, 3 findings" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[2K")


@pytest.mark.parametrize("env", [{"CI": "true"}, {"TERM": "dumb"}])
def test_no_progress_bar_in_ci_or_dumb_terminals(monkeypatch, env):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert not batch.ProgressBar(5, stream=FakeTTY()).enabled


def test_no_progress_bar_off_a_terminal_or_for_one_file(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert not batch.ProgressBar(5, stream=io.StringIO()).enabled
    assert not batch.ProgressBar(1, stream=FakeTTY()).enabled


def test_chunks_cover_every_file_once():
    for n in (1, 7, 100, 1000):
        for jobs in (2, 4):
            covered = [i for r in batch._chunks(n, jobs) for i in r]
            assert covered == list(range(n))


def test_discover_skips_hidden_dependency_and_virtualenv_directories(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for rel in ("r/b.txt", "r/a/x.pdf", "r/a-b/y.docx", "r/notes.csv", "r/.git/HEAD.txt",
                "r/.venv/LICENSE.txt", "r/env/pyvenv.cfg", "r/env/lib/LICENSE.txt",
                "r/node_modules/p/README.txt", "r/__pycache__/x.txt", ".hidden/c.txt"):  # fmt: skip
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", "utf-8")
    found = batch.discover(["r", "r/b.txt", ".hidden"])
    assert found == ["r/a/x.pdf", "r/a-b/y.docx", "r/b.txt", ".hidden/c.txt"]
    assert batch.discover(["r/*.txt", "-"]) == ["r/b.txt", "-"]


def _bench_module():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "bench_batch.py"
    spec = importlib.util.spec_from_file_location("bench_batch_under_test", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generated_bench_reports_are_flagged_exactly_where_flawed(tmp_path):
    """The bench's generated reports: consistent ones give no finding, each flaw its finding."""
    bench = _bench_module()
    bench.generate(tmp_path, 40)
    expected = {1: "A001", 2: "E001", 3: "T002"}
    for i, path in enumerate(sorted(tmp_path.rglob("*.txt"))):
        (out,) = batch.run([batch.Task(str(path), Options())])
        rules = {f.rule for f in out.result.findings}
        flaw = i % 5 == 0 and (i // 5) % 4
        if flaw:
            assert expected[flaw] in rules, (path.name, rules)
        else:
            assert rules == set(), (path.name, [f.message["en"] for f in out.result.findings])


def test_bench_batch_runs(capsys):
    out = _bench_module().bench_batch(n=12, runs=1)
    assert out["files"] == 12 and out["files_per_s_jobs1"] > 0 and out["speedup_jobs2"] > 0
    assert "--jobs 2:" in capsys.readouterr().out


def test_bench_payload_shows_the_trimmed_payload_smaller(capsys):
    out = _bench_module().bench_payload(repeat=1)
    whole, json_ = out["whole Result (before)"], out["json, sarif, full"]
    assert json_["kib"] * 3 < whole["kib"]
    assert out["concise, github, junit"]["kib"] < json_["kib"]
    assert "unpickled in" in capsys.readouterr().out
