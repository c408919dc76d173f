"""What the report is: its year and its department, read from the text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..catalogue import lexicon
from ..lazy_re import cached_re
from .cues import alt

_YEAR_TITLE = cached_re(r"((?:19|20)\d{2})\s*年度")
_YEAR = cached_re(r"((?:19|20)\d{2})\s*年")
# The lookaheads spare the alternation's nineteen tries at each length the lazy run reaches: the
# first skips a place with no suffix's first character within reach (two characters, then up to
# eighteen that are neither such a character nor a digit or punctuation), the second a length
# not followed by one. The same matches (tests/test_fast_paths.py), in under half the time.
_ORG_SUFFIXES = lexicon()["document"]["org_suffixes"]
_FIRSTS = "".join(sorted({w[0] for w in _ORG_SUFFIXES}))  # 局, 中, 委 …: where a suffix may start
_DEPT = cached_re(
    rf"(?=[\u4e00-\u9fff]{{2}}[^{_FIRSTS}\W\d]{{0,18}}?[{_FIRSTS}])"
    rf"[\u4e00-\u9fff]{{2,20}}?(?=[{_FIRSTS}])"
    r"(?:" + alt(_ORG_SUFFIXES) + ")"
)


def detect_year(text: str) -> int | None:
    """The report year: the title's year, else the year most often written as 20xx年度, else
    the most frequent year."""
    title = next((ln for ln in text[:2000].splitlines() if ln.strip()), "")
    in_title = _own_years(_YEAR, title)
    if in_title:
        return int(next(iter(in_title)))
    head = text[:2000]
    titled = _own_years(_YEAR_TITLE, head) or _own_years(_YEAR_TITLE, text)
    if titled:
        return int(titled.most_common(1)[0][0])
    years = _own_years(_YEAR, text)
    return int(years.most_common(1)[0][0]) if years else None


def _own_years(rx, text: str) -> Counter:
    """The years written, without those a comparison names as its base ("较2022年度决算数增加"):
    a report compares with the year before its own, so those years outvote its own."""
    return Counter(
        m.group(1)
        for m in rx.finditer(text)
        if not text[max(0, m.start() - 3) : m.start()].rstrip().endswith(_COMPARE_BEFORE)
    )


_COMPARE_BEFORE = tuple(lexicon()["periods"]["compare_before"])  # 比, 较 … before a base year


_NAMED = cached_re(
    r"(?:预算主管部门|主管部门|预算单位|单位名称|部门名称|实施单位)\s*[：:]\s*([^\s，,。；;]{4,40})"
)


_SUFFIX_CHAR = cached_re(f"[{_FIRSTS}]")
_SUFFIX = cached_re(alt(_ORG_SUFFIXES))
_LONGEST_SUFFIX = max(map(len, _ORG_SUFFIXES))  # 委员会, 办公室 …


def department_names(text: str) -> Iterator[re.Match[str]]:
    """`_DEPT.finditer(text)`, the same matches, with the pattern tried only near a place where
    a department's suffix (局, 中心 …) is written: a name is 2–20 Chinese characters right before
    it, so a match starting at s ends at the first such place p with s+2 ≤ p ≤ s+20. Trying the
    pattern at every character of the text was a fortieth of a small audit's instructions."""
    pos = 0
    for c in _SUFFIX_CHAR.finditer(text, 2):
        p = c.start()
        if p < pos + 2 or not _SUFFIX.match(text, p):
            continue
        # no match starts before p-20 (it would need a suffix after pos+2 and before p) or ends
        # past this suffix (it ends at the first one two characters or more after its start)
        m = _DEPT.search(text, max(pos, p - 20), p + _LONGEST_SUFFIX)
        if m is not None:
            yield m
            pos = m.end()
        else:
            pos = p - 1  # a start before p-1 would have ended at p


def opens_with_org(text: str, pos: int, end: int) -> bool:
    """Whether text[pos:end] opens with an organisation's name ("北京市教育委员会…")."""
    return _DEPT.match(text, pos, end) is not None


def detect_department(text: str) -> str | None:
    """The department the report names as such (主管部门：…), else its most frequent name."""
    m = _NAMED.search(text[:5000])
    if m:
        return m.group(1)
    names = Counter(m.group(0) for m in department_names(text[:5000]) if len(m.group(0)) >= 5)
    return names.most_common(1)[0][0] if names else None
