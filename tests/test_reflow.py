"""Hard-wrapped text: the same report broken at a fixed width gives the same findings, at the
original lines and columns; a text with one paragraph per line is left as it is."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from auditor.engine import audit
from auditor.io.load import load_bytes
from auditor.io.reflow import reflow
from auditor.model import Severity

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))


def _cols(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def hard_wrap(text: str, width: int, by_columns: bool, page_every: int = 0) -> str:
    """Break every line at ``width`` (characters, or display columns as a PDF export does), and
    put a page number after every ``page_every`` output lines."""
    out: list[str] = []
    for line in text.splitlines():
        cur, used = "", 0
        for c in line:
            w = _cols(c) if by_columns else 1
            if used + w > width:
                out.append(cur)
                cur, used = "", 0
            cur += c
            used += w
        out.append(cur)
    if page_every:
        paged: list[str] = []
        for i, ln in enumerate(out, 1):
            paged.append(ln)
            if i % page_every == 0:
                paged.append(f"- {i // page_every} -")
        out = paged
    return "\n".join(out)


def _signature(text: str) -> list[tuple[str, str]]:
    doc = load_bytes(text.encode("utf-8"), "x.txt")
    res = audit(doc)
    return sorted(
        # a span across a page break holds the page number as written ("- 1 -"): not compared
        (f.rule, re.sub(r"-\d+-", "", "".join(doc.source(f.span).split())))
        for f in res.findings
        if f.severity is not Severity.INFO
    )


def _read(stem: str) -> str:
    return load_bytes((SAMPLES / f"{stem}.txt").read_bytes(), f"{stem}.txt").original


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize(
    ("width", "by_columns"), [(38, False), (72, True), (56, True), (60, True), (92, True)]
)
def test_wrapped_sample_gives_the_same_findings(stem: str, width: int, by_columns: bool) -> None:
    text = _read(stem).replace("\r\n", "\n").replace("\r", "\n")
    assert _signature(hard_wrap(text, width, by_columns, page_every=45)) == _signature(text)


def test_unwrapped_text_is_left_alone() -> None:
    text = _read("seed-report-2023")
    assert reflow(text) == (text, [])


def test_a_word_split_over_lines_is_joined_and_located_in_the_original() -> None:
    para = "本部门2023年年初预算数为1000万元，调整数为200万元，调整后预算数为1300万元，执行率为百分之百。"
    text = hard_wrap("\n".join([para] * 8), 20, by_columns=False)
    doc = load_bytes(text.encode("utf-8"), "x.txt")
    assert para in doc.text
    res = audit(doc)
    a001 = [f for f in res.findings if f.rule == "A001"]
    assert a001, "the identity split over lines is still read"
    pos = doc.position(a001[0].span.start)
    assert doc.line_text(pos.line)[pos.column - 1 :].startswith(doc.source(a001[0].span)[:1])


def test_page_numbers_between_two_halves_of_a_sentence_are_left_out() -> None:
    body = "年初预算数为1000万元，调整数为200万元，调整后预算数为1200万元，全年执行1200万元。" * 3
    text = hard_wrap("\n".join([body] * 4), 30, by_columns=False, page_every=3)
    joined, cuts = reflow(text)
    assert "- 1 -" not in joined and cuts
    assert body in joined


def test_a_unit_wrapped_to_the_next_line_rejoins_its_figure():
    text = "其中：基本支出 1073103.63\n元，项目支出 48100 元。\n合计100\n人次。"
    joined, cuts = reflow(text)
    assert "1073103.63元，项目支出" in joined
    assert "合计100\n人次" in joined  # only units of money and percentages are rejoined
