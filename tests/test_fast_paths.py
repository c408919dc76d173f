"""The faster forms of hot loops (issue 9) against the plain forms they replaced, kept here as the
reference: the same matches, the same segments, the same markers, on corpus-like and random text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from util import claim_rx

from auditor.extract import numbers
from auditor.extract.subjects import _MARKED, _marked
from auditor.io.reflow import _width
from auditor.model import Document, Result, Span
from auditor.segment import CIRCLED, CLOSE, OPEN, SENTENCE_END, _blocks, marker_at, segment

ALPHABET = "逾一般公共服务支出类款项（）()201060“”-，。；：\n 行政运行财政事务约近不低于以上左右达到约比较高于低于5.%万元个"
texts = st.text(alphabet=ALPHABET, max_size=400)
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True)


def _segment_reference(text: str):
    """segment() as it was: a Python step per character."""
    n = len(text)
    depth, sentence_at, sentences = [0] * n, [-1] * n, []
    for a, b in _blocks(text):
        while a < b and text[a] in " \t\u3000":
            a += 1
        while b > a and text[b - 1] in " \t\u3000":
            b -= 1
        if a >= b:
            continue
        d, s_start = 0, a
        for i in range(a, b):
            c = text[i]
            if c in OPEN:
                d += 1
                depth[i] = d
            else:
                depth[i] = d
                if c in CLOSE:
                    d = max(0, d - 1)
            if (c in SENTENCE_END and d == 0) or i == b - 1:
                sentences.append((s_start, i + 1))
                for k in range(s_start, i + 1):
                    sentence_at[k] = len(sentences) - 1
                s_start = i + 1
    return depth, sentence_at, sentences


def _markers_reference(text: str, start: int, end: int):
    """numbers._markers as it was: every word of each list tested in turn."""
    op = approx = None
    before = text[max(0, start - 5) : start].rstrip()
    for word, sym in numbers._OPERATORS:
        if before.endswith(word):
            if word in ("高于", "低于", "大于", "小于") and numbers._COMPARED.search(
                text, max(0, start - 16), start
            ):
                break
            op = sym
            before = before[: -len(word)].rstrip()
            break
    for word in numbers._APPROX_BEFORE:
        if before.endswith(word):
            prev = before[-len(word) - 1 : -len(word)]
            if not (len(word) == 1 and prev and prev in numbers._WORD_BEFORE.get(word, "")):
                approx = word
            break
    after = text[end : end + 2]
    for word in numbers._APPROX_AFTER:
        if after.startswith(word):
            if word == "以上" and op is None:
                op = "≥"
            elif word != "以上":
                approx = approx or word
            break
    if after.startswith(("以下", "以内")) and op is None:
        op = "≤"
    return op, approx


@SETTINGS
@given(texts)
def test_subject_marks_as_finditer(text: str) -> None:
    want = [(m.start(), m.end(), m.groups()) for m in _MARKED.finditer(text)]
    assert [(m.start(), m.end(), m.groups()) for m in _marked(text)] == want


def test_subject_marks_far_apart_and_long_names() -> None:
    name = "一般公共服务支出" * 30  # longer than a name may be: no match from its start
    text = f"{name}（201类）政府办公厅（室）及相关机构事务（03款）行政运行（01项）。" * 3
    want = [(m.start(), m.end(), m.groups()) for m in _MARKED.finditer(text)]
    assert want and [(m.start(), m.end(), m.groups()) for m in _marked(text)] == want


@SETTINGS
@given(texts)
def test_segment_as_per_character(text: str) -> None:
    segs = segment(text)
    depth, sentence_at, sentences = _segment_reference(text)
    assert list(segs.depth) == depth
    assert list(segs.sentence_at) == sentence_at
    assert [segs.sentence_at[i] for i in range(len(text))] == sentence_at  # by bisection
    if text:
        assert segs.sentence_at[-1] == sentence_at[-1] and len(segs.sentence_at) == len(text)
    assert [(s.start, s.end) for s in segs.sentences] == sentences
    assert all(p.marker == marker_at(text, p.start) for p in segs.paragraphs)


def test_segment_deeper_than_a_byte() -> None:
    """Depths past 255 (kept in a byte each otherwise) are counted in ints, as the reference does."""
    text = "（" * 300 + "甲。" + "）" * 300 + "乙。"
    segs = segment(text)
    depth, sentence_at, _ = _segment_reference(text)
    assert max(segs.depth) == 300
    assert list(segs.depth) == depth and list(segs.sentence_at) == sentence_at


@SETTINGS
@given(texts, st.data())
def test_markers_as_word_by_word(text: str, data: st.DataObject) -> None:
    for m in numbers._ARABIC.finditer(text):
        got = numbers._markers(text, m.start(), m.end())
        assert got == _markers_reference(text, m.start(), m.end())
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert numbers._markers(text, a, b) == _markers_reference(text, a, b)


def test_yu_after_a_word_is_read_not_a_crash() -> None:
    """逾 (over) after any character: it was looked up in a table only 约 and 近 have."""
    text = "本年度项目资金逾5万元。"
    start = text.index("5")
    assert numbers._markers(text, start, start + 3) == (None, "逾")


@SETTINGS
@given(st.text(max_size=60))
def test_width_as_east_asian_width(s: str) -> None:
    assert _width(s) == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


@SETTINGS
@given(st.text(alphabet="①⑳一二十是、（）()1234567890.．)、 ab٣", max_size=12))
def test_marker_at_as_every_pattern(text: str) -> None:
    from auditor.segment import _MARKERS, Marker, _ordinal

    for pos in range(len(text) + 1):
        want = None
        for style, rx in _MARKERS:
            m = rx.match(text, pos)
            if m:
                want = Marker(style, _ordinal(style, m.group(0)), m.start(), m.end())
                break
        assert marker_at(text, pos) == want


@SETTINGS
@given(st.text(alphabet="0123456789.,-|\t 　\u000b年预算万元合计abc", max_size=30))
def test_table_row_as_the_pattern(line: str) -> None:
    from auditor.io.reflow import _TABLE_ROW, _table_row

    line = line.replace("\n", "")
    assert _table_row(line) == (_TABLE_ROW.search(line) is not None)


def test_table_row_figure_lines() -> None:
    from auditor.io.reflow import _TABLE_ROW, _table_row

    for line in ("123.45", "-1,234.50", "1234", "12.", ".5", "收入合计", "1,2.3"):
        assert _table_row(line) == (_TABLE_ROW.search(line) is not None), line


@SETTINGS
@given(
    st.text(alphabet="未能没有不全面完成年度绩效目标各项指标均已达到部分，。", max_size=60),
    st.data(),
)
def test_overall_met_as_the_pattern(text: str, data: st.DataObject) -> None:
    from auditor.extract.structures import _overall_met

    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    want = [(m.start(), m.end()) for m in claim_rx("overall_met").finditer(text, a, b)]
    assert [(m.start(), m.end()) for m in _overall_met(text, a, b)] == want


def test_overall_met_negated_and_not() -> None:
    from auditor.extract.structures import _overall_met

    text = "本年度全面完成年度目标。未全面完成年度绩效目标，不全部达标；各项指标均已完成。没能完成全部目标"
    want = [(m.start(), m.end()) for m in claim_rx("overall_met").finditer(text)]
    assert len(want) >= 2
    assert [(m.start(), m.end()) for m in _overall_met(text, 0, len(text))] == want


def test_audit_reads_and_json_leave_no_cycles_and_restore_the_collector() -> None:
    """The cycle collector is paused during an audit, a read and the JSON writer
    (auditor/gcpause.py): that
    costs no memory only while they create no reference cycles. Measured in a fresh interpreter:
    other tests fill process-wide caches whose evictions the collector would count here."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = r"""
import gc, sys
from pathlib import Path
from auditor.engine import audit
from auditor.io import load_bytes
from auditor.writers.json_format import render

samples = Path(sys.argv[1]) / "samples"
inputs = [
    ((samples / "seed-report-2023.txt").read_bytes() * 2, "seed.txt"),
    ((samples / "forms" / "project-errors.pdf").read_bytes(), "form.pdf"),
]
for data, name in inputs:  # first runs compile and cache vocabulary: not counted
    audit(load_bytes(data, name))
gc.collect()
assert gc.isenabled()
gc.disable()
try:
    found = []
    for data, name in inputs:
        result = audit(load_bytes(data, name))
        assert result.facts
        assert render([result])  # the JSON writer pauses the collector too
        del result
        found.append(gc.collect())
finally:
    gc.enable()
# text: none; PDF: a few ctypes array types (one per buffer size), not per character
assert found[0] == 0, found
assert found[1] <= 64, found
render([audit(load_bytes(inputs[0][0], "seed.txt"))])
assert gc.isenabled()
"""
    r = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr[-2000:]


@SETTINGS
@given(st.text(alphabet="０１２．，（）％　\u00a0—－abc预算万元\u2212\u3007", max_size=40))
def test_normalize_as_translate(text: str) -> None:
    """normalize() translates from the first character that changes: text.translate as before."""
    from auditor.io.normalize import _TABLE, normalize

    assert normalize(text) == text.translate(_TABLE)


def test_normalize_every_mapped_character() -> None:
    from auditor.io.normalize import _TABLE, normalize

    for cp in _TABLE:
        s = "预算" + chr(cp) + "万元"
        assert normalize(s) == s.translate(_TABLE), hex(cp)


@SETTINGS
@given(st.text(alphabet="同比增 加a \n", max_size=40))
def test_letter_spacing_as_the_run_pattern(text: str) -> None:
    """letter_spacing() matches a run from its first space: the same spaces as the pattern that
    matches it from its first ideograph."""
    import re

    from auditor.io.reflow import letter_spacing

    want = [
        (m.start() + k, m.start() + k + 1)
        for m in re.finditer(r"[\u3400-\u9fff](?: [\u3400-\u9fff]){2,}", text)
        for k in range(1, m.end() - m.start(), 2)
    ]
    assert letter_spacing(text) == want


@SETTINGS
@given(st.text(alphabet="-.,，0123456789 万元%个分第a", max_size=40))
def test_arabic_figures_as_without_the_lookahead(text: str) -> None:
    """numbers._ARABIC opens with (?=[-\\d]), which only lets the engine skip positions."""
    import re

    plain = re.compile(numbers._ARABIC.pattern.removeprefix(r"(?=[-\d])"))
    assert plain.pattern != numbers._ARABIC.pattern
    want = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in numbers._ARABIC.finditer(text)] == want


def _blocks_reference(text: str) -> list[tuple[int, int]]:
    """segment._blocks as it was: the cut found by a look-behind for the full stop."""
    import re

    run_on = re.compile(
        r"(?<=[。！？])[ \t\u3000]*(?=(?:\d{1,3}[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)]"
        r"|[一二三四五六七八九十]{1,3}、)\s*\S)"
    )
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\r\n\f\v]+", text):
        a = m.start()
        for cut in run_on.finditer(text, m.start(), m.end()):
            if cut.start() > a:
                out.append((a, cut.start()))
            a = cut.end()
        out.append((a, m.end()))
    return out


@SETTINGS
@given(st.text(alphabet="。！？ \t\u3000\n1２.、．（）(一二十是、经费减少a", max_size=60))
def test_blocks_as_the_look_behind(text: str) -> None:
    assert _blocks(text) == _blocks_reference(text)


def test_blocks_run_on_items() -> None:
    text = "经费减少。7. “公共安全支出”。。（二）其他 。　3、项目\n。1.\n2"
    assert _blocks(text) == _blocks_reference(text)
    assert len(_blocks(text)) > 3


@SETTINGS
@given(st.text(alphabet="其中元人个中，,：:万3", max_size=30), st.data())
def test_parts_as_the_look_behind(text: str, data: st.DataObject) -> None:
    import re

    from auditor.catalogue import lexicon
    from auditor.extract.cues import alt, cues

    plain = re.compile(alt(lexicon()["lists"]["parts"]) + r"|(?<=[元人个])中(?=[，,：:])")
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    want = [m.span() for m in plain.finditer(text, a, b)]
    assert [m.span() for m in cues().parts_rx.finditer(text, a, b)] == want


def test_leaving_the_pause_walks_nothing_and_keeps_the_collector() -> None:
    """What a paused stage made goes to the oldest generation without a collection: the first
    allocations after it set none off (before, they set off a walk of every object it made)."""
    import gc

    from auditor.gcpause import paused_gc

    if not gc.isenabled():  # pragma: no cover - a runner that turned the collector off
        return
    runs: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            runs.append(info["generation"])

    gc.collect()
    gc.callbacks.append(count)
    try:
        with paused_gc():
            made = [{"n": i} for i in range(50_000)]
        assert gc.isenabled()
        after = [[] for _ in range(200)]  # fewer than one generation's threshold
        assert runs == []
        # a cycle made afterwards is still collected
        cycle: list = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.callbacks.remove(count)
    assert len(made) == 50_000 and len(after) == 200


@SETTINGS
@given(st.text(alphabet="第百分之一二两十千万亿点零〇个项人分元万元%钟\n 3", max_size=40))
def test_chinese_figures_as_the_plain_pattern(text: str) -> None:
    """numbers._CN as it was written before the engine-friendly form."""
    import re

    d, u = numbers._CN_DIGITS, numbers._UNIT_RE
    plain = re.compile(
        r"(?P<pct>百分之)(?P<pnum>[" + d + r"]+)"
        r"|(?<![第" + d + r"])(?P<num>[" + d + r"]+?)(?P<unit>" + u + ")"
    )
    want = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in numbers._CN.finditer(text)] == want


@SETTINGS
@given(
    st.sampled_from(["circled", "cn_shi", "paren_num", "paren_cn", "num_dot", "cn_comma"]),
    st.text(alphabet="①⑳一二三十是、（）()1234567890.．٣", min_size=1, max_size=6),
)
def test_ordinal_as_the_substitutions(style: str, token: str) -> None:
    """_ordinal keeps digits and numerals by string tests, as re.sub(r"\\D"…) and
    re.sub(r"[^一…十]"…) kept them."""
    import re

    from auditor.segment import CN_ORD, _ordinal

    def reference() -> int:
        if style == "circled":
            return CIRCLED.index(token[0]) + 1
        digits = re.sub(r"\D", "", token)
        if digits:
            return int(digits)
        cn = re.sub(r"[^" + CN_ORD + "]", "", token)
        if cn == "十":
            return 10
        if len(cn) == 2 and cn[0] == "十":
            return 10 + CN_ORD.index(cn[1]) + 1
        if len(cn) >= 2 and cn[1] == "十":
            return (CN_ORD.index(cn[0]) + 1) * 10 + (CN_ORD.index(cn[2]) + 1 if len(cn) == 3 else 0)
        return CN_ORD.index(cn[0]) + 1 if cn else 0

    if style == "circled" and token[0] not in CIRCLED:
        return
    try:
        want: int | type = reference()
    except (ValueError, IndexError) as e:
        want = type(e)
    try:
        got: int | type = _ordinal(style, token)
    except (ValueError, IndexError) as e:
        got = type(e)
    assert got == want


@SETTINGS
@given(st.text(alphabet=" \t\n\u3000\u00a0\u2028\x1c\x85ab预算，", max_size=30))
def test_squeezed_as_the_whitespace_pattern(s: str) -> None:
    import re

    from auditor.checks.duplicates import _squeezed

    assert _squeezed(s) == re.sub(r"\s+", "", s)


@SETTINGS
@given(st.text(alphabet=" \t预算1.|", max_size=30))
def test_column_gaps_as_the_repeats(s: str) -> None:
    import re

    from auditor.io.tables import _SPLIT_RE

    want = [m.span() for m in re.finditer(r" {2,}|\t+", s)]
    assert [m.span() for m in _SPLIT_RE.finditer(s)] == want


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=8),
    st.integers(0, 80),
    st.integers(0, 20),
)
def test_meeting_as_any_span(spans: list, a: int, length: int) -> None:
    """tables._meeting: the plain test of every table span for every line, by bisection."""
    from auditor.io.tables import _meeting

    used = [Span(s, s + n) for s, n in spans]
    b = a + length
    assert _meeting(used)(a, b) == any(u.start <= b and a <= u.end for u in used)


@SETTINGS
@given(st.text(alphabet=" \t|预算1.\u3000", max_size=20))
def test_line_style_as_the_split(line: str) -> None:
    """tables._style tells a space-separated row by a substring test, as the split did."""
    from auditor.io.tables import _SPLIT_RE, _style

    s = line.strip()
    got = _style(line)
    if got in (None, "space"):
        assert (got == "space") == (len(_SPLIT_RE.split(s)) >= 2 and bool(s))


@SETTINGS
@given(st.text(alphabet="等级结果评定中上截a", max_size=40), st.data())
def test_starts_as_a_substring_test(text: str, data: st.DataObject) -> None:
    from auditor.extract.starts import Starts

    chars = data.draw(st.lists(st.sampled_from("等级截中x"), max_size=3))
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    want = any(c in text[a:b] for c in chars) if chars else True
    assert Starts(text, chars).any_in(a, b) == want


def test_cue_patterns_start_with_their_words_first_characters() -> None:
    """The sentences Starts lets the readers pass over: every match of _TARGET, _GRADE, the
    overall claims and MID starts with a first character of their lexicon words (so a sentence
    without one has no match)."""
    from auditor.catalogue import lexicon
    from auditor.extract.facts import MID
    from auditor.extract.starts import firsts
    from auditor.extract.structures import _GRADE, _TARGET, _overall_words

    lx = lexicon()
    cases = [
        (_TARGET, firsts(lx["indicators"]["target"])),
        (_GRADE, firsts(lx["claims"]["grade_labels"])),
        (_overall_words()[0], firsts(lx["claims"]["overall_met"])),
        (MID, [*firsts(lx["periods"]["mid"]), "截"]),
    ]
    sample = (
        root_text := _seed_text()
    ) + "截至2023年6月，上半年。评价为“优”。年度指标值≥85%。各项指标均已完成"
    for rx, chars in cases:
        assert all(len(c) == 1 for c in chars)
        found = list(rx.finditer(sample))
        assert found, rx.pattern
        assert all(sample[m.start()] in chars for m in found), rx.pattern
    assert root_text


def _seed_text() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parents[1] / "samples" / "seed-report-2023.txt").read_text(
        encoding="utf-8"
    )


BREAKS = st.text(alphabet="ab预\n\r\f\v ", max_size=30)


@SETTINGS
@given(BREAKS)
def test_line_readers_as_the_break_patterns(text: str) -> None:
    """The line readers split at \\n with str.split when it is the only break: the same lines
    as their patterns give (which they still use when \\r, \\f or \\v occurs)."""
    import re

    from auditor.io import reflow, tables
    from auditor.segment import _runs, line_spans

    def spans(pattern: str) -> list[tuple[int, int]]:
        out, pos = [], 0
        for m in re.finditer(pattern, text):
            out.append((pos, m.start(), m.end()))
            pos = m.end()
        return out + [(pos, len(text), len(text))]

    assert line_spans(text) == [(a, b) for a, b, _ in spans(r"\r\n|\r|\n")]
    assert tables._lines(text) == [(a, text[a:b]) for a, b, _ in spans(r"\r\n|\r|\n")]
    assert _runs(text) == [m.span() for m in re.finditer(r"[^\r\n\f\v]+", text)]
    want = [(a, b, k, text[a:b]) for a, b, k in spans(r"\r\n|\r|\n|\f") if a < len(text)]
    assert [(x.start, x.end, x.brk, x.body) for x in reflow._lines(text)] == want


@SETTINGS
@given(st.text(alphabet="行\n\r 1", max_size=200))
def test_line_starts_as_the_line_break_pattern_finds_them(text: str) -> None:
    """Document's line starts by str.split where \\n is the only break, by the pattern else."""
    reference = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    assert Document(path="p", original=text, text=text)._line_starts == reference


@SETTINGS
@given(st.lists(st.sets(st.sampled_from(["indicator", "R001", "T001"])), max_size=20))
def test_figures_checked_counts_what_the_set_difference_counted(used: list[set[str]]) -> None:
    facts = [type("F", (), {"used_by": u})() for u in used]
    r = Result(document=None, findings=[], facts=facts)  # type: ignore[arg-type]
    assert r.figures_checked == sum(1 for u in used if u - {"indicator"})


_DEPT_PLAIN = re.compile(
    r"[\u4e00-\u9fff]{2,20}?(?:局|中心|委员会|办公室|办事处|管理处|管委会|研究院|研究所|医院|学校|政府|委|厅|站|院|馆|所|队)"
)
DEPT_ALPHABET = "局中心委员会办公室事处管理研究院所医学校政府厅站馆队财政教育卫生，。（）\n 12"


@given(st.text(alphabet=DEPT_ALPHABET, max_size=300))
@SETTINGS
def test_department_pattern_as_the_plain_alternation(text: str) -> None:
    from auditor.extract.meta import _DEPT

    fast = [(m.span(), m.group(0)) for m in _DEPT.finditer(text)]
    assert fast == [(m.span(), m.group(0)) for m in _DEPT_PLAIN.finditer(text)]


def test_department_pattern_on_the_samples() -> None:
    from pathlib import Path

    from auditor.extract.meta import _DEPT

    root = Path(__file__).resolve().parents[1] / "samples"
    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted(root.rglob("*.txt"))]
    assert texts
    for text in texts:
        fast = [(m.span(), m.group(0)) for m in _DEPT.finditer(text)]
        assert fast == [(m.span(), m.group(0)) for m in _DEPT_PLAIN.finditer(text)]


@given(st.text(alphabet=DEPT_ALPHABET + "a", max_size=300))
@SETTINGS
def test_department_names_tried_near_suffixes_as_the_plain_alternation(text: str) -> None:
    """meta.department_names runs the pattern only in windows before a suffix (局, 中心 …)."""
    from auditor.extract.meta import department_names

    near = [(m.span(), m.group(0)) for m in department_names(text)]
    assert near == [(m.span(), m.group(0)) for m in _DEPT_PLAIN.finditer(text)]


def test_department_names_on_the_samples_and_the_overlapping_suffixes() -> None:
    from pathlib import Path

    from auditor.extract.meta import department_names

    root = Path(__file__).resolve().parents[1] / "samples"
    texts = [p.read_bytes().decode("utf-8", "replace") for p in sorted(root.rglob("*.txt"))]
    # a suffix inside another (管委会's 委, 研究院's 院), and a name cut by a non-Chinese one
    texts += ["财政管委会和某管委员会", "甲乙研究院丙丁研究所", "教育局a财政局", "某某中某中心所"]
    found = 0
    for text in texts:
        near = [(m.span(), m.group(0)) for m in department_names(text)]
        assert near == [(m.span(), m.group(0)) for m in _DEPT_PLAIN.finditer(text)]
        found += len(near)
    assert found > 10


def _phrase_lookups() -> list[tuple[list[str], str]]:
    """The lexicon's two phrase tables (concepts, scopes) as lexicon._compiled orders them."""
    from auditor.extract.lexicon import Lexicon

    lex = Lexicon()
    out = []
    for table in (
        {k: v["phrases"] for k, v in lex.concepts.items()},
        {k: v["phrases"] for k, v in lex.scopes.items()},
    ):
        owner: dict[str, str] = {}
        for key, phrases in table.items():
            for p in phrases:
                owner.setdefault(p, key)
        alts = sorted(owner, key=len, reverse=True)
        out.append((alts, "".join(sorted({c for a in alts for c in a}))))
    return out


PHRASES = _phrase_lookups()


@given(st.data())
@SETTINGS
def test_phrase_lookahead_grouped_as_the_plain_alternation(data: st.DataObject) -> None:
    from auditor.extract.lexicon import lookahead

    for alts, chars in PHRASES:
        text = data.draw(st.text(alphabet=chars + "，。1 ", max_size=60))
        plain = re.compile("(?=(" + "|".join(re.escape(a) for a in alts) + "))")
        grouped = re.compile(lookahead(alts))
        assert [(m.start(), m.group(1)) for m in grouped.finditer(text)] == [
            (m.start(), m.group(1)) for m in plain.finditer(text)
        ]


def test_phrase_lookahead_on_phrases_and_edge_cases() -> None:
    from auditor.extract.lexicon import lookahead

    cases = [
        (
            ["预算执行率", "预算", "预", "支出", "a.b", "[x]", "-"],
            "预算执行率为，预算支出a.b [x]-预",
        ),
        (["ab", "a", "b"], "abab ba"),
    ]
    cases += [(alts, "".join(alts)) for alts, _ in PHRASES]  # every phrase once, run together
    for alts, text in cases:
        plain = re.compile("(?=(" + "|".join(re.escape(a) for a in alts) + "))")
        grouped = re.compile(lookahead(alts))
        assert [(m.start(), m.group(1)) for m in grouped.finditer(text)] == [
            (m.start(), m.group(1)) for m in plain.finditer(text)
        ]


@given(st.lists(st.text(alphabet="a.|()[]{}?*+-^$\\&~# \t\n\0中（）、", max_size=6), max_size=12),
       st.sampled_from(["|", "", ","]))  # fmt: skip
@SETTINGS
def test_escaped_is_the_words_escaped_one_by_one(words: list[str], sep: str) -> None:
    """lazy_re.escaped escapes all the words in one call: the same pattern text (so the same
    cached program), NULs in a word included."""
    from auditor.lazy_re import escaped

    assert escaped(words, sep) == sep.join(re.escape(w) for w in words)
    assert escaped(iter(words), sep) == sep.join(re.escape(w) for w in words)
