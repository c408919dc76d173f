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
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        [dev.name] if dev.parent == tmp_path else []
    )


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
    first = ["-o", "x.out.csv"] if second[0] == "--export" else ["-o", "x.out"]
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


def test_an_output_matched_by_an_audited_pattern_is_refused(tmp_path: Path) -> None:
    """fnmatch is imported only for a pattern among the arguments (io.outputs._fnmatch)."""
    from auditor.errors import UsageError
    from auditor.io.outputs import check_outputs

    out = str(tmp_path / "findings.txt")
    pattern = str(tmp_path / "*.txt")
    with pytest.raises(UsageError, match="matched by the audited pattern"):
        check_outputs([("-o", out)], [pattern], [])
    check_outputs([("-o", out)], [str(tmp_path / "*.md")], [])  # another pattern: allowed


# --- bounded time: every pairing of figures through an index --------------------------------


def _bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_adv", ROOT / "scripts" / "bench_adversarial.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    "shape",
    [
        "one-paragraph",
        "year-on-year",
        "many-figures",
        "many-lists",
        "many-rates",
        "respectively-run",
        "table-rows",
        "huge-line",
    ],
)
def test_adversarial_shapes_grow_linearly(shape: str) -> None:
    """4× the input in well under 16× the time (the quadratic and cubic pairings took 16–60×).
    Small scales keep this fast; `make bench` runs 1× to 64×."""
    bench = _bench()
    rows = bench.measure(shape, [4, 16], budget=60)
    small, big = rows[0][2], rows[1][2]
    assert big <= max(12 * small, 0.5), (shape, small, big)


def test_implicit_nesting_through_prefix_sums_is_the_definition() -> None:
    """tables._implicit (prefix sums, n log n) picks exactly the rows the plain definition does:
    random columns with blanks, words, zeros, negative figures and several precisions."""
    import random

    from auditor.checks import tables as T
    from auditor.model import Cell

    def plain(seg, col):  # the definition as first written: add() over every run
        out, i = [], 0
        while i < len(seg):
            out.append(seg[i])
            head = seg[i].cells.get(col)
            v = T.value(head) if head is not None else None
            nxt = i + 1
            if isinstance(v, T.Interval):
                for j in range(i + 2, len(seg)):
                    s = T.add([r.cells.get(col) for r in seg[i + 1 : j + 1]])
                    if s is None:
                        break
                    if s.terms and s.iv.overlaps(v):
                        nxt = j + 1
                        break
            i = nxt
        return out

    rnd = random.Random(10)
    for _ in range(1500):
        seg = []
        for k in range(rnd.randint(0, 14)):
            r, cells = rnd.random(), {}
            if r < 0.1:
                pass
            elif r < 0.2:
                cells[0] = Cell(rnd.choice(["", "-", "—"]), None, k, 0)
            elif r < 0.25:
                cells[0] = Cell("小计说明", None, k, 0)
            else:
                x = rnd.choice([0, 0, 1, 2, 3, 5, 10, rnd.randint(0, 50)])
                x = -x if rnd.random() < 0.05 else x
                d = rnd.choice([0, 1, 2])
                cells[0] = Cell(
                    f"{x}.{rnd.randint(0, 10**d - 1):0{d}d}" if d else str(x), None, k, 0
                )
            seg.append(T.Row(k, None, f"r{k}", None, False, False, cells))
        want = [r.r for r in plain(seg, 0)]
        assert [r.r for r in T._implicit(seg, 0)] == want
        assert [r.r for r in T._implicit_plain(seg, 0)] == want


# --- broken .docx --------------------------------------------------------------------------


def _docx_with(tmp_path: Path, span: str = "", before: str = "") -> Path:
    import io
    import re
    import zipfile

    import docx

    d = docx.Document()
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "项目", "金额"
    t.cell(1, 0).text, t.cell(1, 1).text = "合计", "100.00"
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = tmp_path / "bomb.docx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                if span:
                    xml = xml.replace("<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{span}"/>', 1)
                if before:
                    xml = re.sub(
                        r"<w:tr( [^>]*)?>",
                        lambda m: m.group(0) + f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>',
                        xml,
                        count=1,
                    )
                data = xml.encode("utf-8")
            z.writestr(info, data)
    return out


@pytest.mark.parametrize(("span", "before"), [("1000000000", ""), ("", "10000000"), ("70", "3")])
def test_docx_spans_are_bounded_by_the_grid(tmp_path: Path, span: str, before: str) -> None:
    path = _docx_with(tmp_path, span, before)
    proc = run(path, "--format", "json", timeout=60)
    if int(span or 0) > 512 or int(before or 0) > 512:
        one_error_line(proc, "columns")
    else:  # within reason: clamped to the table's grid and audited
        assert proc.returncode in (0, 1), proc.stderr
        doc = json.loads(proc.stdout)
        assert doc["files"]


def test_docx_unpacking_to_too_much_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("word/document.xml", "<x/>")
        z.writestr("word/media/zeros.bin", b"\0" * (201 * 1024 * 1024))
    assert path.stat().st_size < 2 * 1024 * 1024
    one_error_line(run(path), "MiB")


# --- files that are not files, names that are not text ---------------------------------------


@pytest.mark.parametrize("dev", ["/dev/zero", "/dev/urandom"])
def test_a_device_given_is_refused_at_once(dev: str) -> None:
    one_error_line(run(dev, timeout=30), "a device")


def test_a_fifo_given_or_found_is_skipped(tmp_path: Path) -> None:
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copyfile(SEED, d / "a.txt")
    os.mkfifo(d / "pipe.txt")
    (d / "zero.txt").symlink_to("/dev/zero")
    proc = run(d, "--format", "json", timeout=60)  # used to hang on the FIFO
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "pipe.txt: a FIFO" in err and "zero.txt: a device" in err, err
    assert len(json.loads(proc.stdout)["files"]) == 1  # the report was still audited


def test_a_non_utf8_file_name_in_a_batch(tmp_path: Path) -> None:
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copyfile(SEED, d / "a.txt")
    shutil.copyfile(SEED, os.path.join(os.fsencode(d), b"b\xff\xfe.txt"))
    proc = run(d, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    paths = [f["path"] for f in json.loads(proc.stdout)["files"]]
    assert len(paths) == 2 and any("\\xff\\xfe" in p for p in paths), paths
    full = run(d)
    assert full.returncode == 1 and b"b\\xff\\xfe.txt:" in full.stdout


def test_a_newline_in_a_file_name_stays_on_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "two\nlines.txt"
    bad.write_bytes(b"\x00" * 10)
    line = one_error_line(run(bad))
    assert "two\\nlines.txt" in line


def test_an_unreadable_directory_is_said_and_fails(tmp_path: Path, capsys, monkeypatch) -> None:
    """Root reads everything, so the permission error is made here."""
    from cli_util import run_cli

    d = tmp_path / "reports"
    (d / "locked").mkdir(parents=True)
    shutil.copyfile(SEED, d / "a.txt")
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r = run_cli(capsys, d, "--format", "json")
    assert r.code == 2
    assert "locked: cannot read the directory (Permission denied)" in r.err
    assert len(json.loads(r.out)["files"]) == 1


# --- settings ----------------------------------------------------------------------------------


def test_a_deeply_nested_baseline_is_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    one_error_line(run(SEED, "--baseline", deep), "nested too deeply")


@pytest.mark.parametrize("year", ["0", "-1", "99999", "1948", "2101"])
def test_year_outside_1949_2100_is_refused(year: str) -> None:
    one_error_line(run(SEED, f"--year={year}"), "--year")


def test_jobs_are_clamped_to_the_cpus(monkeypatch) -> None:
    from auditor import batch, cli

    seen = []

    def fake_run(tasks, jobs, progress=None):
        seen.append(jobs)
        raise UsageError("stop here")

    monkeypatch.setattr(batch, "run", fake_run)
    with pytest.raises(SystemExit):
        cli.main([str(SEED), "--jobs", "10000"])
    assert seen == [batch.default_jobs()]


def test_huge_tolerance_is_refused(tmp_path: Path) -> None:
    cfg = tmp_path / "audit-budget.toml"
    cfg.write_text('[tolerances]\nmoney = "1e999999999"\n', encoding="utf-8")
    one_error_line(run(SEED, "--config", cfg), "tolerances.money")


def test_a_figure_of_29_digits_is_set_aside_and_the_rest_audited(tmp_path: Path) -> None:
    text = (
        "一、预算情况\n年初预算数为1000万元，调整数8405.5万元，调整后预算数7405.5万元。\n"
        "上年支出12345678901234567890123456789万元，本年支出1"
        + "0" * 40
        + "万元，增长999999999999999999999999999999%。\n"
    )
    p = tmp_path / "big.txt"
    p.write_text(text, encoding="utf-8")
    proc = run(p, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    rules = [f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]]
    assert "A001" in rules  # the rest of the file is audited
    err = proc.stderr.decode()
    assert "set aside" in err and "internal error" not in err


# --- nothing reaches the terminal unescaped ----------------------------------------------------

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b]8;;http://x\x1b\\\u202e\x9b"


def test_controls_are_escaped_in_every_text_format(tmp_path: Path) -> None:
    p = tmp_path / f"r{HOSTILE[:3]}.txt"
    p.write_text(
        f"一、预算情况{HOSTILE}\n年初预算数为1000万元，调整数8405.5万元，调整后预算数7405.5万元。{HOSTILE}\n"
        + SEED.read_text(encoding="utf-8"),  # enough text that a few controls are not "binary"
        encoding="utf-8",
    )
    for fmt in ("full", "concise", "github"):
        proc = run(p, "--format", fmt, "--color")
        assert proc.returncode == 1, proc.stderr
        out = proc.stdout.decode("utf-8")
        visible = out.replace("\x1b[0m", "").replace("\x1b[1m", "")
        import re as _re

        visible = _re.sub(r"\x1b\[[0-9;]*m", "", visible)  # our own colours only
        assert not any(c in visible for c in "\x1b\x07\x9b\u202e"), (fmt, visible)
        assert "\\x1b" in out
    err = one_error_line(run(p, "--year=1"))
    assert "\x1b" not in err


def test_error_lines_escape_the_file_name(tmp_path: Path) -> None:
    p = tmp_path / "a\x1b[2Jb.txt"
    p.write_bytes(b"")
    line = one_error_line(run(p))
    assert "\x1b" not in line and "a\\x1b[2Jb.txt" in line


def test_a_password_protected_pdf_says_so(tmp_path: Path) -> None:
    pdfencrypt = pytest.importorskip("reportlab.lib.pdfencrypt")
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret"))
    c.drawString(100, 750, "年初预算数1000万元")
    c.save()
    one_error_line(run(path), "password-protected")


def test_a_zip_of_an_unsupported_version_is_one_line(tmp_path: Path) -> None:
    """Found by the fuzz harness: zipfile raises NotImplementedError("zip file version 6.4")."""
    data = _docx_with(tmp_path).read_bytes()
    k = data.index(b"PK\x01\x02")  # the first central directory entry: version needed at +6
    path = tmp_path / "v64.docx"
    path.write_bytes(data[: k + 6] + b"\x40\x00" + data[k + 8 :])
    one_error_line(run(path), "damaged ZIP")


def test_pdfminer_warnings_do_not_reach_stderr(tmp_path: Path) -> None:
    """Found by the fuzz harness: a damaged font descriptor made pdfminer log warnings onto
    stderr, so status 2 came with many lines."""
    import test_pdf

    data = test_pdf.report().replace(b"/FontBBox [ -25 -254 1000 880 ]", b"/FontBBox null")
    path = tmp_path / "font.pdf"
    path.write_bytes(data)
    proc = run(path, "--format", "json")
    assert proc.returncode in (0, 1, 2)
    assert b"FontBBox" not in proc.stderr, proc.stderr
    if proc.returncode == 2:
        one_error_line(proc)
