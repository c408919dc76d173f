"""The fuzz harness (issue 10): mutated samples through the command line, in process.

A case is a sample from samples/ (the mutation corpus), a list of mutations (byte flips, cut
lines, lines removed or repeated, line breaks removed, huge figures, control characters, bidi
overrides, truncation, splices of two samples, re-encoding) and a format. Every case must hold:

- exit status in {0, 1, 2} and no exception out of main() (no traceback);
- status 2 means exactly one line on stderr;
- no "internal error" anywhere;
- the same input gives the same JSON twice (checked on every fifth case, to keep time);
- the input file is unchanged;
- no control character or bidi override in the text formats' output or on stderr.

tests/test_fuzz.py runs a few hundred cases in `make test`; `make fuzz` runs 5,000
(AUDIT_FUZZ_CASES) and prints the summary.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "samples").glob("*.txt"))
FORMATS = ["full", "concise", "json", "sarif", "github", "junit"]

# What a mutation may splice in: the shapes that broke the tool before.
INSERTS = [
    "1" * 30 + "万元",
    "0." + "0" * 40 + "1%",
    "9" * 400,
    "\x1b]0;title\x07",
    "\x1b[2J",
    "\u202e",
    "\x9b31m",
    "\x00",
    "（（（（（",
    "））））",
    "①②③④⑤",
    "一是二是三是",
    "其中其中",
    "合计",
    "2022年支出100万元，2023年支出110万元，增长10%，",
    "| 项目 | 合计 |\n| 合计 | 1 |\n",
    "\r",
    "\ufeff",
    "١٢٣",
    "亿亿亿亿亿万元",
    "百分之九九九九九九九九九九九九九九九九九九九九九九九九九九九九九九",
]


@st.composite
def cases(draw) -> tuple[bytes, str, str]:
    """(input bytes, format, language). Mutations work on characters (a cut in the middle of a
    UTF-8 sequence only tests the decoder); one in ten flips a raw byte instead."""
    sample = draw(st.sampled_from(CORPUS))
    raw = sample.read_bytes()
    enc = "utf-8" if not raw.startswith(b"\xef\xbb\xbf") else "utf-8-sig"
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError:
        text, enc = raw.decode("gb18030"), "gb18030"
    ops = ["flip", "cut", "drop", "repeat", "join", "insert", "truncate", "splice", "encode"]
    raw_flip = None
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(ops))
        n = len(text)
        if op == "flip" and n:
            i = draw(st.integers(0, n - 1))
            if draw(st.integers(0, 9)) == 0:
                raw_flip = (i, draw(st.integers(0, 255)))
            else:
                c = draw(st.sampled_from(list("0123456789.,%万元亿个。，；\n （）(一是①")))
                text = text[:i] + c + text[i + 1 :]
        elif op == "cut" and n:
            i = draw(st.integers(0, n))
            j = draw(st.integers(i, min(n, i + 2000)))
            text = text[:i] + text[j:]
        elif op in ("drop", "repeat"):
            lines = text.split("\n")
            k = draw(st.integers(0, max(0, len(lines) - 1)))
            if op == "drop":
                del lines[k]
            else:
                lines[k:k] = [lines[k]] * draw(st.integers(1, 30))
            text = "\n".join(lines)
        elif op == "join":
            text = text.replace("\r", "").replace("\n", "")
        elif op == "insert":
            i = draw(st.integers(0, n))
            text = text[:i] + draw(st.sampled_from(INSERTS)) * draw(st.integers(1, 20)) + text[i:]
        elif op == "truncate" and n:
            text = text[: draw(st.integers(0, n))]
        elif op == "splice":
            other = draw(st.sampled_from(CORPUS)).read_bytes().decode("utf-8", "replace")
            i, j = draw(st.integers(0, n)), draw(st.integers(0, len(other)))
            text = text[:i] + other[j:]
        elif op == "encode":
            enc = draw(st.sampled_from(["gb18030", "utf-16", "utf-8-sig", "utf-8"]))
    data = text.encode(enc, "replace")
    if raw_flip is not None and data:
        i = raw_flip[0] % len(data)
        data = data[:i] + bytes([raw_flip[1]]) + data[i + 1 :]
    return data, draw(st.sampled_from(FORMATS)), draw(st.sampled_from(["zh", "en"]))


@functools.cache
def binary_corpus() -> dict[str, bytes]:
    """A .docx and a .pdf of the test suites' own making (tests/test_docx.py, tests/test_pdf.py)."""
    import test_docx
    import test_pdf

    return {".docx": test_docx.build(), ".pdf": test_pdf.report()}


_XML_EDITS = [
    ("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="1000000000"/>'),
    ("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="x"/>'),
    ("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="99999999"/></w:trPr>'),
    ("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="-5"/></w:trPr>'),
    ("<w:t>", "<w:t>\x1b]0;x\x07"),
    ("<w:t>", "<w:t>" + "9" * 40),
    ("</w:body>", "</w:body></w:document><x>"),
]


@st.composite
def binary_cases(draw) -> tuple[bytes, str]:
    """(bytes, suffix): a .docx with an edited document.xml, or either file with bytes flipped,
    cut or truncated."""
    import zipfile

    corpus = binary_corpus()
    suffix = draw(st.sampled_from(sorted(corpus)))
    data = corpus[suffix]
    if suffix == ".docx" and draw(st.booleans()):
        src = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "word/document.xml":
                    xml = body.decode("utf-8")
                    for _ in range(draw(st.integers(1, 3))):
                        a, b = draw(st.sampled_from(_XML_EDITS))
                        xml = xml.replace(a, b, draw(st.integers(1, 5)))
                    body = xml.encode("utf-8")
                z.writestr(info, body)
        data = out.getvalue()
    for _ in range(draw(st.integers(0, 3))):
        n = len(data)
        if n < 8:
            break
        op = draw(st.sampled_from(["flip", "cut", "truncate"]))
        i = draw(st.integers(0, n - 1))
        if op == "flip":
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]
        elif op == "cut":
            data = data[:i] + data[min(n, i + draw(st.integers(1, 500))) :]
        else:
            data = data[: max(4, i)]
    return data, suffix


@dataclass
class Summary:
    cases: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        st_ = ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses.items()))
        return f"fuzz: {self.cases} cases, statuses {{{st_}}}, {len(self.failures)} failure(s)"


SUMMARY = Summary()


def run_main(args: list[str]) -> tuple[int, str, str]:
    """cli.main in process: (status, stdout, stderr). An exception escaping main() propagates."""
    from auditor.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    return code, out.getvalue(), err.getvalue()


def check_case(
    data: bytes, fmt: str, lang: str, workdir: Path, twice: bool, suffix: str = ".txt"
) -> None:
    """Run one case and assert the properties; records it in SUMMARY."""
    path = workdir / f"case{suffix}"
    path.write_bytes(data)
    before = hashlib.sha256(data).hexdigest()
    try:
        code, out, err = run_main(
            [str(path), "--format", fmt, "--lang", lang, "--jobs", "1", "--isolated"]
        )
    except BaseException as e:  # a traceback in real life
        SUMMARY.failures.append(f"exception {type(e).__name__}: {e}")
        raise AssertionError(f"main() raised {type(e).__name__}: {e}") from e
    SUMMARY.cases += 1
    SUMMARY.statuses[code] += 1
    problems = []
    if code not in (0, 1, 2):
        problems.append(f"status {code}")
    if "Traceback" in err or "internal error" in err + out:
        problems.append(f"internal error: {err[-300:]}")
    if code == 2 and len(err.splitlines()) != 1:
        problems.append(f"status 2 with {len(err.splitlines())} stderr lines: {err[:300]}")
    if fmt in ("full", "concise", "github") and _UNSAFE.search(out + err):
        problems.append(f"a control character reached the terminal: {_UNSAFE.search(out + err)!r}")
    if hashlib.sha256(path.read_bytes()).hexdigest() != before:
        problems.append("the input changed")
    if twice:
        a = run_main([str(path), "--format", "json", "--jobs", "1", "--isolated"])
        b = run_main([str(path), "--format", "json", "--jobs", "1", "--isolated"])
        if a[0] != b[0] or _stable(a[1]) != _stable(b[1]):
            problems.append("different JSON for the same input")
    if problems:
        SUMMARY.failures.append("; ".join(problems))
        raise AssertionError("; ".join(problems))


# what must never reach a terminal (the tool's own output has no colour when not on a TTY)
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _stable(out: str) -> str:
    """JSON without what legitimately changes between runs (timings, if any)."""
    try:
        doc = json.loads(out)
    except ValueError:
        return out
    doc.pop("elapsed", None)
    return json.dumps(doc, sort_keys=True, ensure_ascii=False)


def report(stream=None) -> None:
    (stream or sys.__stdout__).write(SUMMARY.line() + "\n")
