"""Input handling end to end: encodings, line endings, number notations, bad input, -o.

Every location is checked against positions computed here independently of the tool
(characters, 1-based, lines split at CRLF, CR and LF). Bad input must give exactly one line on
stderr starting with "audit-budget: error:", exit status 2 and no traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.errors import UsageError
from auditor.io import atomic, load_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "seed-report-2023.txt"

# One adjustment error (1000 + 8405.5 = 9405.5, stated 7405.5) after a heading line, so the
# finding is on line 2, preceded by Chinese characters (columns in characters, not bytes).
HEADING = "一、部门整体支出情况"
A001_BAD = "部门整体支出年初预算数为1000万元，调整数8405.5万元，调整后预算数7405.5万元。"
A001_GOOD = "部门整体支出年初预算数为1000万元，调整数8405.5万元，调整后预算数9405.5万元。"


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd or ROOT,
        timeout=120,
    )


def run_json(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> dict:
    proc = run("--format", "json", *args, stdin=stdin, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    assert not proc.stderr, proc.stderr.decode("utf-8", "replace")
    return json.loads(proc.stdout.decode("utf-8"))


def expected_location(text: str, needle: str, nth: int = 0) -> dict:
    """Where ``needle`` starts and ends in ``text``: 1-based line/column in characters."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle) - 1  # last character, inclusive

    def pos(offset: int) -> tuple[int, int]:
        breaks = [m.end() for m in re.finditer(r"\r\n|\r|\n", text[:offset])]
        return len(breaks) + 1, offset - (breaks[-1] if breaks else 0) + 1

    (line, col), (end_line, end_col) = pos(start), pos(end)
    return {"line": line, "column": col, "end_line": end_line, "end_column": end_col + 1}


def only_findings(doc: dict) -> list[dict]:
    assert len(doc["files"]) == 1
    return doc["files"][0]["findings"]


def assert_one_error_line(proc: subprocess.CompletedProcess, *fragments: str) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("audit-budget: error:"), err
    for frag in fragments:
        assert frag in lines[0], (frag, lines[0])
    return lines[0]


# --- encodings -----------------------------------------------------------------------------

ENCODINGS = [
    # (id, bytes for a text, the encoding the tool must report)
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
    ("utf-8-bom", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
    ("gb18030", lambda t: t.encode("gb18030"), "gb18030"),
    ("gbk", lambda t: t.encode("gbk"), "gb18030"),
    ("utf-16-le-bom", lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be-bom", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16-be"),
    ("utf-32-le-bom", lambda t: b"\xff\xfe\x00\x00" + t.encode("utf-32-le"), "utf-32-le"),
]


@pytest.mark.parametrize(
    ("encode", "reported"), [e[1:] for e in ENCODINGS], ids=[e[0] for e in ENCODINGS]
)
def test_encodings_are_detected_and_locations_are_in_characters(
    tmp_path: Path, encode, reported
) -> None:
    text = f"{HEADING}\n{A001_BAD}\n"
    p = tmp_path / "report.txt"
    p.write_bytes(encode(text))
    doc = run_json(str(p))
    assert doc["files"][0]["encoding"] == reported
    (f,) = only_findings(doc)
    assert f["rule"] == "A001"
    assert f["text"] == "7405.5万元"
    assert f["location"] == expected_location(text, "7405.5万元")
    ops = {o["value"]: o["location"] for o in f["evidence"]["operands"]}
    assert ops["1000万元"] == expected_location(text, "1000万元")
    assert ops["8405.5万元"] == expected_location(text, "8405.5万元")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf" + f"{A001_BAD}\n".encode(), "utf-8"),
        (f"{A001_BAD}\n".encode("gbk"), "gbk"),
        (b"\xff\xfe" + f"{A001_BAD}\n".encode("utf-16-le"), "utf-16-le"),
        (f"{A001_BAD}\n".encode("utf-16"), "utf-16"),
    ],
    ids=["utf-8-on-bom", "gbk", "utf-16-le-on-bom", "utf-16"],
)
def test_encoding_override(tmp_path: Path, data: bytes, encoding: str) -> None:
    """--encoding is used as given; a BOM it leaves in the text is not counted as a column."""
    p = tmp_path / "report.txt"
    p.write_bytes(data)
    doc = run_json(str(p), "--encoding", encoding)
    assert doc["files"][0]["encoding"] == encoding
    (f,) = only_findings(doc)
    assert f["location"] == expected_location(A001_BAD, "7405.5万元")


def test_encoding_override_changes_the_decoding(tmp_path: Path) -> None:
    """Proof that --encoding is obeyed, not ignored: GBK bytes forced through GB2312 work,
    forced through UTF-16 they do not."""
    p = tmp_path / "report.txt"
    p.write_bytes(f"{A001_BAD}\n".encode("gbk"))
    assert only_findings(run_json(str(p), "--encoding", "gb2312"))[0]["rule"] == "A001"
    assert_one_error_line(run(str(p), "--encoding", "utf-16"), "utf-16")


def test_stdin(tmp_path: Path) -> None:
    text = f"{HEADING}\r\n{A001_BAD}\r\n"
    doc = run_json("-", stdin=text.encode("gb18030"))
    assert doc["files"][0]["path"] == "<stdin>"
    assert doc["files"][0]["encoding"] == "gb18030"
    (f,) = only_findings(doc)
    assert f["location"] == expected_location(text, "7405.5万元")


def test_stdin_with_encoding_override() -> None:
    data = f"{A001_BAD}\n".encode("utf-16-le")
    doc = run_json("-", "--encoding", "utf-16-le", stdin=data)
    assert only_findings(doc)[0]["location"] == expected_location(A001_BAD, "7405.5万元")


def test_seed_in_gb18030_gives_the_same_findings(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    p = tmp_path / "seed.txt"
    p.write_bytes(text.encode("gb18030"))
    a, b = run_json(str(SEED)), run_json(str(p))
    strip = [(f["rule"], f["location"], f["text"], f["fingerprint"]) for f in only_findings(a)]
    assert strip == [
        (f["rule"], f["location"], f["text"], f["fingerprint"]) for f in only_findings(b)
    ]
    assert strip, "the seed has findings"


# --- line endings --------------------------------------------------------------------------


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_line_endings(tmp_path: Path, eol: str) -> None:
    # The error sits on line 4, after an empty line and a line of full-width text.
    text = eol.join([HEADING, "", "（一）年度预算：", A001_BAD, "以上。"]) + eol
    p = tmp_path / "report.txt"
    p.write_bytes(text.encode("utf-8"))
    (f,) = only_findings(run_json(str(p)))
    loc = f["location"]
    assert loc == expected_location(text, "7405.5万元")
    assert loc["line"] == 4
    assert loc["column"] == A001_BAD.index("7405.5") + 1


def test_mixed_line_endings(tmp_path: Path) -> None:
    text = f"{HEADING}\r\n第二行\r第三行\n{A001_BAD}\r\n"
    p = tmp_path / "report.txt"
    p.write_bytes(text.encode("utf-8"))
    (f,) = only_findings(run_json(str(p)))
    assert f["location"] == expected_location(text, "7405.5万元")
    assert f["location"]["line"] == 4


def test_text_output_shows_the_source_line_without_carriage_return(tmp_path: Path) -> None:
    p = tmp_path / "report.txt"
    p.write_bytes(f"{HEADING}\r\n{A001_BAD}\r\n".encode())
    proc = run(str(p), "--format", "full", "--no-color")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1
    assert f"{p}:2:{A001_BAD.index('7405.5') + 1}:" in out
    assert "\r" not in out


# --- how numbers are written ---------------------------------------------------------------


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c in "0123456789.%" else c for c in s)


def test_fullwidth_digits_and_punctuation(tmp_path: Path) -> None:
    text = f"{HEADING}\n{fullwidth(A001_BAD)}\n"
    assert "７４０５．５" in text
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    (f,) = only_findings(run_json(str(p)))
    assert f["rule"] == "A001"
    assert f["text"] == "７４０５．５万元"  # the original characters, not the normalised ones
    assert f["location"] == expected_location(text, "７４０５．５万元")
    assert "9405.5" in f["evidence"]["formula"]
    assert f["evidence"]["difference"].startswith("2000")


@pytest.mark.parametrize(
    "text", [A001_GOOD, "调整后预算数800万元，实际支出600万元，预算执行率75%。"]
)
def test_fullwidth_consistent_figures_give_no_finding(tmp_path: Path, text: str) -> None:
    p = tmp_path / "report.txt"
    p.write_text(f"{HEADING}\n{fullwidth(text)}\n", encoding="utf-8")
    assert only_findings(run_json(str(p))) == []
    p.write_text(
        f"{HEADING}\n{fullwidth(text.replace('75%', '80%').replace('9405.5万元。', '7405.5万元。'))}\n",
        encoding="utf-8",
    )
    assert len(only_findings(run_json(str(p)))) == 1


def test_thousands_separators(tmp_path: Path) -> None:
    bad = "部门整体支出年初预算数为1,000.00万元，调整数8,405.50万元，调整后预算数7,405.50万元。"
    good = "部门整体支出年初预算数为1,000.00万元，调整数8,405.50万元，调整后预算数9,405.50万元。"
    p = tmp_path / "bad.txt"
    p.write_text(bad, encoding="utf-8")
    (f,) = only_findings(run_json(str(p)))
    assert f["text"] == "7,405.50万元"
    assert f["location"] == expected_location(bad, "7,405.50万元")
    assert f["evidence"]["stated"] == "7405.50"
    q = tmp_path / "good.txt"
    q.write_text(good, encoding="utf-8")
    assert only_findings(run_json(str(q))) == []


def test_thousands_separators_in_yuan(tmp_path: Path) -> None:
    text = "调整后预算数12,000,000元，实际支出6,000,000元，预算执行率80%。"
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    (f,) = only_findings(run_json(str(p)))
    assert f["rule"] == "R001"
    assert f["evidence"]["expected"].startswith("50")


def test_chinese_numerals(tmp_path: Path) -> None:
    bad = "调整后预算数一千二百万元，实际支出六百万元，预算执行率百分之二十。"
    p = tmp_path / "bad.txt"
    p.write_text(bad, encoding="utf-8")
    (f,) = only_findings(run_json(str(p)))
    assert f["rule"] == "R001"
    assert f["text"] == "百分之二十"
    assert f["location"] == expected_location(bad, "百分之二十")
    assert "600 ÷ 1200" in f["evidence"]["formula"]
    assert f["evidence"]["expected"].startswith("50")
    good = tmp_path / "good.txt"
    good.write_text(bad.replace("百分之二十", "百分之五十"), encoding="utf-8")
    assert only_findings(run_json(str(good))) == []


def test_chinese_numerals_in_an_adjustment(tmp_path: Path) -> None:
    text = "部门整体支出年初预算数为一千万元，调整数八千四百零五点五万元，调整后预算数七千四百零五点五万元。"
    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    (f,) = only_findings(run_json(str(p)))
    assert f["rule"] == "A001"
    assert f["text"] == "七千四百零五点五万元"
    assert "9405.5" in f["evidence"]["formula"]


# --- bad input -----------------------------------------------------------------------------


@pytest.fixture
def bad_inputs(tmp_path: Path) -> Path:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes("  \r\n\t\n\u3000\n".encode())
    (tmp_path / "blank-bom.txt").write_bytes(b"\xef\xbb\xbf \n")
    (tmp_path / "blank-utf16.txt").write_bytes(b"\xff\xfe" + " \n".encode("utf-16-le"))
    (tmp_path / "nul.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    (tmp_path / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(512))
    (tmp_path / "ctrl.txt").write_bytes(bytes(range(1, 9)) * 40)
    (tmp_path / "gbk.txt").write_bytes(f"{A001_BAD}\n".encode("gbk"))
    (tmp_path / "bad-utf16.txt").write_bytes(b"\xff\xfe" + "报告".encode("utf-16-le") + b"\x00\xd8")
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "otherdir").mkdir()
    (tmp_path / "otherdir" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return tmp_path


BAD_CASES = [
    # (id, arguments, fragments the one line must contain)
    ("missing", ["nope.txt"], ["nope.txt", "no such file"]),
    ("missing-glob", ["nope-*.txt"], ["nope-*.txt"]),
    ("empty-dir", ["emptydir"], []),
    ("dir-without-reports", ["otherdir"], []),
    ("empty", ["empty.txt"], ["empty.txt", "empty"]),
    ("whitespace", ["blank.txt"], ["blank.txt", "empty"]),
    ("whitespace-bom", ["blank-bom.txt"], ["blank-bom.txt", "empty"]),
    ("whitespace-utf16", ["blank-utf16.txt"], ["blank-utf16.txt", "empty"]),
    ("binary-elf", ["nul.txt"], ["nul.txt", "binary"]),
    ("binary-png", ["png.txt"], ["png.txt", "binary"]),
    ("control-chars", ["ctrl.txt"], ["ctrl.txt", "binary"]),
    ("wrong-encoding", ["gbk.txt", "--encoding", "utf-8"], ["gbk.txt", "utf-8"]),
    ("wrong-encoding-ascii", ["gbk.txt", "--encoding", "ascii"], ["gbk.txt", "ascii"]),
    ("invalid-utf16", ["bad-utf16.txt"], ["bad-utf16.txt", "utf-16"]),
    ("unknown-encoding", ["gbk.txt", "--encoding", "no-such-codec"], ["no-such-codec"]),
    ("not-a-text-codec", ["gbk.txt", "--encoding", "rot13"], ["rot13"]),
    ("no-input", [], []),
    ("bad-option", ["gbk.txt", "--no-such-option"], ["--no-such-option"]),
]


@pytest.mark.parametrize(
    ("args", "fragments"), [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES]
)
@pytest.mark.parametrize("fmt", ["full", "json"])
def test_bad_input_one_line_exit_2(
    bad_inputs: Path, args: list[str], fragments: list[str], fmt: str
) -> None:
    assert_one_error_line(run(*args, "--format", fmt, cwd=bad_inputs), *fragments)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [(b"", "empty"), (b" \r\n", "empty"), (b"\x00\x01\x02" * 50, "binary")],
    ids=["empty", "whitespace", "binary"],
)
def test_bad_stdin(data: bytes, fragment: str) -> None:
    assert_one_error_line(run("-", stdin=data), "<stdin>", fragment)


def test_one_bad_file_among_good_ones(bad_inputs: Path) -> None:
    """The good file is still audited and reported; the bad one gives its line; exit 2."""
    good = bad_inputs / "good.txt"
    good.write_text(A001_BAD, encoding="utf-8")
    proc = run("--format", "json", "good.txt", "empty.txt", cwd=bad_inputs)
    assert_one_error_line(proc, "empty.txt")
    doc = json.loads(proc.stdout)
    assert [f["path"] for f in doc["files"]] == ["good.txt"]
    assert only_findings(doc)[0]["rule"] == "A001"


def test_load_bytes_rejects_before_auditing() -> None:
    """The loader itself refuses: the CLI is not the only guard."""
    from auditor.errors import InputError

    for data in (b"", b" \n\t", b"\x00" * 100):
        with pytest.raises(InputError):
            load_bytes(data, "x.txt")


# --- inputs are never modified; outputs are atomic -----------------------------------------


def snapshot(p: Path) -> tuple[bytes, int, int]:
    st = p.stat()
    return p.read_bytes(), st.st_mtime_ns, st.st_mode


@pytest.mark.parametrize("fmt", ["full", "concise", "json"])
def test_input_is_never_modified(tmp_path: Path, fmt: str) -> None:
    crlf_gbk = tmp_path / "report-gbk.txt"
    crlf_gbk.write_bytes(SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    bom = tmp_path / "report-bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + fullwidth(SEED.read_text(encoding="utf-8")).encode())
    os.utime(crlf_gbk, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = {p: snapshot(p) for p in (crlf_gbk, bom)}
    proc = run(str(crlf_gbk), str(bom), "--format", fmt, "-o", str(tmp_path / "out" / "result"))
    assert proc.returncode == 1, proc.stderr
    assert {p: snapshot(p) for p in before} == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["out", "report-bom.txt", "report-gbk.txt"]


def test_output_file_matches_stdout_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "findings.json"
    proc = run(str(SEED), "--format", "json", "-o", str(out))
    assert proc.returncode == 1
    assert proc.stdout == b"", "with -o nothing goes to stdout"
    assert out.read_bytes() == run(str(SEED), "--format", "json").stdout
    assert [p.name for p in tmp_path.iterdir()] == ["findings.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_output_replaces_an_existing_file_by_rename(tmp_path: Path) -> None:
    out = tmp_path / "findings.json"
    out.write_text("old content that is longer than nothing\n" * 1000, encoding="utf-8")
    inode = out.stat().st_ino
    keep = tmp_path / "hardlink.json"
    os.link(out, keep)  # a reader holding the old file sees the old file, whole
    assert run(str(SEED), "--format", "json", "-o", str(out)).returncode == 1
    json.loads(out.read_text(encoding="utf-8"))
    assert out.stat().st_ino != inode
    assert keep.read_text(encoding="utf-8").startswith("old content")


def test_output_into_a_new_directory(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "findings.json"
    assert run(str(SEED), "--format", "json", "-o", str(out)).returncode == 1
    assert json.loads(out.read_text(encoding="utf-8"))["files"]


@pytest.mark.parametrize("spelling", ["same", "dot-dot", "absolute", "symlink"])
def test_output_refuses_an_input_path(tmp_path: Path, spelling: str) -> None:
    (tmp_path / "sub").mkdir()
    src = tmp_path / "report.txt"
    shutil.copyfile(SEED, src)
    before = snapshot(src)
    link = tmp_path / "link.txt"
    link.symlink_to(src)
    target = {
        "same": "report.txt",
        "dot-dot": "sub/../report.txt",
        "absolute": str(src),
        "symlink": "link.txt",
    }[spelling]
    proc = run("report.txt", "--format", "json", "-o", target, cwd=tmp_path)
    assert_one_error_line(proc, "input")
    assert snapshot(src) == before
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "report.txt", "sub"]


def test_output_refuses_an_input_found_in_a_directory(tmp_path: Path) -> None:
    d = tmp_path / "reports"
    d.mkdir()
    shutil.copyfile(SEED, d / "a.txt")
    before = snapshot(d / "a.txt")
    assert_one_error_line(run(str(d), "-o", str(d / "a.txt")), "input")
    assert snapshot(d / "a.txt") == before


@pytest.mark.parametrize("where", ["parent-is-a-file", "output-is-a-directory"])
def test_output_that_cannot_be_written(tmp_path: Path, where: str) -> None:
    blocker = tmp_path / "blocker"
    if where == "parent-is-a-file":
        blocker.write_text("x", encoding="utf-8")
        target = blocker / "findings.json"
    else:
        blocker.mkdir()
        target = blocker
    assert_one_error_line(run(str(SEED), "-o", str(target)), str(target))


def test_write_atomic_keeps_the_old_file_when_the_rename_fails(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "findings.json"
    out.write_text("old", encoding="utf-8")

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(UsageError, match="No space left"):
        atomic.write_atomic(str(out), "new" * 1000)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.json"]


def test_corrupt_utf8_is_not_read_as_gb18030(tmp_path: Path) -> None:
    """GB18030 accepts almost any bytes; a UTF-8 report with one byte lost must not turn into
    mojibake silently."""
    data = SEED.read_bytes()
    p = tmp_path / "cut.txt"
    p.write_bytes(data[:1000] + data[1001:])
    assert_one_error_line(run(str(p)), "cut.txt", "--encoding")


def test_big5_is_not_read_as_gb18030() -> None:
    text = "調整後預算數800萬元，實際支出600萬元，預算執行率80%。\n"
    doc = load_bytes(text.encode("big5"), "tw.txt")
    assert doc.original == text
    assert doc.encoding != "gb18030"
