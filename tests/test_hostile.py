"""Hostile and broken input (issue 10): outputs never replace a device, a FIFO or a symbolic
link; bounded time and memory; one line and exit status 2 instead of a traceback; nothing from a
report reaches the terminal unescaped."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from auditor.errors import UsageError
from auditor.io import atomic

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed-report-2023.txt"


def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *map(str, args)],
        input=b"",
        capture_output=True,
        cwd=cwd or ROOT,
        timeout=timeout,
    )


def one_error_line(proc: subprocess.CompletedProcess, *needles: str) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("audit-budget: error:"), err
    assert "Traceback" not in err
    for n in needles:
        assert n in lines[0], (n, err)
    return lines[0]


# --- outputs: temp file + rename only for regular or absent targets -------------------------


def test_a_device_is_written_through_never_renamed_over(monkeypatch) -> None:
    """`-o /dev/null` as root used to replace the device node with a regular file. The rename is
    made to fail here, so a regression fails the test instead of breaking the machine."""

    def no_rename(*_a, **_k):
        raise AssertionError("a device must never be replaced by a rename")

    monkeypatch.setattr(atomic.os, "replace", no_rename)
    atomic.write_atomic("/dev/null", "x" * 10000)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def null_device(tmp_path: Path) -> Path:
    """A null device of the test's own (as root, a node in tmp_path, so a regression cannot
    break the machine's /dev/null); otherwise /dev/null, which a user cannot replace anyway."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:
        pytest.skip("cannot make a device node here")
    return node


@pytest.mark.parametrize("flag", ["-o", "--html", "--write-baseline"])
def test_a_null_device_stays_a_device(tmp_path: Path, flag: str) -> None:
    dev = null_device(tmp_path)
    proc = run(SEED, flag, dev)
    assert proc.returncode in (0, 1), proc.stderr
    assert stat.S_ISCHR(os.stat(dev).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ([dev.name] if dev.parent == tmp_path else [])


def test_dev_stdout_is_standard_output() -> None:
    proc = run(SEED, "--format", "json", "-o", "/dev/stdout")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["files"]


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = run(SEED, "--format", "json", "-o", fifo)
    reader.join(timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(got[0])["files"]


def test_a_symlinked_output_is_followed_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real" / "findings.json"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run(SEED, "--format", "json", "-o", link).returncode == 1
    assert link.is_symlink() and link.resolve() == real
    assert json.loads(real.read_text(encoding="utf-8"))["files"]


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    one_error_line(run(SEED, "-o", a), "a.json")
    assert a.is_symlink() and b.is_symlink()


def test_write_atomic_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="directory"):
        atomic.write_atomic(str(tmp_path), "x")


# --- output collisions, refused before any audit ---------------------------------------------


@pytest.mark.parametrize(
    "second", [["--html", "x.out"], ["--write-baseline", "x.out"], ["--export", "x.out.csv"]]
)
def test_two_outputs_on_one_file_are_refused(tmp_path: Path, second: list[str]) -> None:
    if second[0] == "--export":
        first = ["-o", "x.out.csv"]
    else:
        first = ["-o", "x.out"]
    shutil.copyfile(SEED, tmp_path / "r.txt")
    one_error_line(run("r.txt", *first, *second, cwd=tmp_path), "the same file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


def test_an_output_inside_the_audited_directory_is_refused(tmp_path: Path) -> None:
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copyfile(SEED, d / "a.txt")
    one_error_line(run(d, "-o", d / "findings.txt"), "inside the audited directory")
    assert sorted(p.name for p in d.iterdir()) == ["a.txt"]
    # a format that is never found as a report may go there
    assert run(d, "--format", "json", "-o", d / "findings.json").returncode == 1
    assert sorted(p.name for p in d.iterdir()) == ["a.txt", "findings.json"]
    assert run(d, "--format", "json").returncode == 1  # the output is not audited next time
