"""Find every quantity in normalised text: Arabic or Chinese numerals with a unit.

Only numbers followed by a known unit (or %) are quantities. Bare numbers are codes, headings or
years (2023年), and leaving them out is what keeps the checks quiet on consistent reports.
"""

from __future__ import annotations

import re
from decimal import Decimal
from operator import attrgetter

from ..catalogue import lexicon
from ..lazy_re import cached_re, escaped, lazy
from ..model import Quantity, Span
from .cues import alt, cues

# unit → (family, scale to the family's base unit)
UNITS: dict[str, tuple[str, Decimal]] = {
    "亿元": ("money", Decimal(100000000)),
    "万元": ("money", Decimal(10000)),
    "千元": ("money", Decimal(1000)),
    "元": ("money", Decimal(1)),
    "%": ("percent", Decimal(1)),
    "个百分点": ("percent", Decimal(1)),
    "百分点": ("percent", Decimal(1)),
    "‰": ("percent", Decimal("0.1")),
    "公顷": ("area", Decimal(1)),
    "亩": ("area_mu", Decimal(1)),
    "平方米": ("area_m2", Decimal(1)),
    "平方公里": ("area_km2", Decimal(1)),
    "分": ("score", Decimal(1)),
    "公里": ("length", Decimal(1000)),
    "千米": ("length", Decimal(1000)),
    "米": ("length", Decimal(1)),
    "吨": ("weight", Decimal(1000)),
    "万吨": ("weight", Decimal(10000000)),
    "公斤": ("weight", Decimal(1)),
    "千克": ("weight", Decimal(1)),
    "万公斤": ("weight", Decimal(10000)),
    "万亩": ("area_mu", Decimal(10000)),
    "万平方米": ("area_m2", Decimal(10000)),
    "立方米": ("volume", Decimal(1)),
    "万立方米": ("volume", Decimal(10000)),
}
COUNT_UNITS = [
    "宗地",
    "宗",
    "个",
    "项",
    "人",
    "名",
    "家",
    "户",
    "次",
    "件",
    "处",
    "条",
    "所",
    "台",
    "辆",
    "套",
    "份",
    "篇",
    "场",
    "期",
    "批",
    "座",
    "栋",
    "间",
    "块",
    "笔",
    "张",
    "册",
    "本",
    "场次",
    "人次",
    "户次",
]
for _u in COUNT_UNITS:
    UNITS[_u] = ("count", Decimal(1))
for _u in ("人", "人次", "户", "户次", "个", "件", "次"):
    UNITS["万" + _u] = ("count", Decimal(10000))  # 3.5万人: a count in ten-thousands

# Longest first, so 万元 wins over 元 and 宗地 over 宗.
_UNIT_RE = escaped(sorted(UNITS, key=len, reverse=True))
# Characters after 分 / 项 / 次 ... that show the character is part of a word, not a unit.
_NOT_UNIT_AFTER = {
    "分": "钟别之配期类批管布析摊散级解拨成局部项值数",
    "项": "目",
    "次": "性",
    "期": "间末初",
    "元": "旦",
    "个": "人",
    "处": "理置罚室",
    "件": "数",
    "人": "民员均才",
    "名": "称单",
    "家": "庭",
    "户": "籍",
    "条": "例件",
    "所": "有属在得以需",
    "台": "账",
    "本": "级年部单",
    "场": "所地",
    "块": "钱",
    "笔": "记",
    "份": "额",
    "米": "粮",
}

# (?=[-\d]) first: every match starts with a minus or a digit, and that one test lets the engine
# pass over the other positions without trying the optional sign and the look-behinds (2.5× faster)
_ARABIC = lazy(  # oversized() and the reference of _ARABIC_FROM_DIGIT: compiled on first use
    r"(?=[-\d])(?:(?<![\d.])(?P<neg>-))?(?<![\d.])(?P<num>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>"
    + _UNIT_RE
    + ")"
)
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点"
# A Chinese numeral with a unit, or 百分之…. Written for the engine: (?=[numeral]) first lets it
# skip every other position, and the look-behind for 第 or a numeral before the number is tested
# after its first character ((?<![第…].)), so that it costs nothing where no numeral starts. The
# same matches as r"(?P<pct>百分之)(?P<pnum>[…]+)|(?<![第…])(?P<num>[…]+?)(?P<unit>…)"
# (tests/test_fast_paths.py), several times faster.
_CN = lazy(  # the reference of _CN_FROM_NUMERAL: compiled on first use
    r"(?=[" + _CN_DIGITS + r"])(?:(?P<pct>百分之)(?P<pnum>[" + _CN_DIGITS + r"]+)"
    r"|(?P<num>[" + _CN_DIGITS + r"](?<![第" + _CN_DIGITS + r"].)[" + _CN_DIGITS + r"]*?)"
    r"(?P<unit>" + _UNIT_RE + "))"
)

# What scan_quantities reads: _ARABIC's and _CN's matches, found twice as fast. Each pattern opens
# with a character class (a digit; a numeral) that the engine scans the text for, where a leading
# look-ahead has it try a match at every position. The look-behinds are tested after that first
# character, and the minus sign is read from the text before the digit (_signed). The same
# matches (tests/test_fast_paths.py).
_ARABIC_FROM_DIGIT = cached_re(
    r"(?P<num>\d(?<![\d.]\d)(?:\d{0,2}(?:[,，]\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))\s*(?P<unit>"
    + _UNIT_RE
    + ")"
)
_CN_FROM_NUMERAL = cached_re(
    r"[" + _CN_DIGITS + r"](?:(?<=百)分之(?P<pnum>[" + _CN_DIGITS + r"]+)"
    r"|(?<![第" + _CN_DIGITS + r"].)[" + _CN_DIGITS + r"]*?(?P<unit>" + _UNIT_RE + "))"
)


def _signed(text: str, start: int) -> bool:
    """Whether a minus sign stands before the digit at start, itself after no digit or point:
    _ARABIC's optional sign group (its digit class is str.isdecimal's)."""
    if start < 1 or text[start - 1] != "-":
        return False
    c = text[start - 2 : start - 1]
    return not c or not (c == "." or c.isdecimal())


_NUMERAL_NAMES = tuple(lexicon()["numbers"]["numeral_names"])
_OPERATORS = cues().operators  # rules/lexicon.toml [operators], longest word first
_COMPARED = lazy(r"[比较]")
_WORD_BEFORE = {
    "约": "签节制合预特履公条契缔违解践邀相简",
    "近": "最临附接贴靠亲就",
}
_APPROX_BEFORE = cues().approx_before
_APPROX_AFTER = ("以上", *cues().approx_after)  # 以上 is an operator after the figure


def cn_to_decimal(s: str) -> Decimal | None:
    """一千二百 → 1200, 二十点五 → 20.5, 两 → 2. None when it is not a well-formed numeral."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
    small = {"十": 10, "百": 100, "千": 1000}
    big = {"万": 10**4, "亿": 10**8}
    if "点" in s:
        whole, _, frac = s.partition("点")
        if not frac or any(c not in digits for c in frac):
            return None
        w = cn_to_decimal(whole) if whole else Decimal(0)
        if w is None:
            return None
        return w + Decimal("0." + "".join(str(digits[c]) for c in frac))
    if s[0] not in digits and s[0] != "十":
        return None
    total, section, number = 0, 0, None
    if all(c in digits for c in s):  # 二〇二三 style: digit by digit
        return Decimal("".join(str(digits[c]) for c in s)) if len(s) > 1 else Decimal(digits[s])
    for c in s:
        if c in digits:
            number = digits[c]
        elif c in small:
            section += (1 if number is None else number) * small[c]
            number = None
        elif c in big:
            section += number or 0
            total = (
                (total + section) * big[c] if c == "亿" or total == 0 else total + section * big[c]
            )
            section, number = 0, None
        else:
            return None
    return Decimal(total + section + (number or 0))


def _decimals(num: str) -> int:
    return len(num.split(".", 1)[1]) if "." in num else 0


def _unit_ok(text: str, end: int, unit: str) -> bool:
    nxt = text[end : end + 1]
    bad = _NOT_UNIT_AFTER.get(unit)
    return not (bad and nxt and nxt in bad)


class _Words:
    """A word list looked up by the ends of a short string: the first word in list order that the
    string ends (or starts) with, by one dict look-up per word length instead of a test per word."""

    def __init__(self, words: tuple[str, ...] | list[str]) -> None:
        self.rank: dict[str, int] = {}
        for i, w in enumerate(words):
            self.rank.setdefault(w, i)
        self.lengths = sorted({len(w) for w in self.rank})
        self.lasts = frozenset(w[-1] for w in self.rank if w)
        self.firsts = frozenset(w[0] for w in self.rank if w)

    def ending(self, s: str) -> str | None:
        if not s or s[-1] not in self.lasts:
            return None  # most figures: no word ends here
        best, rank = None, len(self.rank)
        for n in self.lengths:
            if n > len(s):
                break
            w = s[-n:]
            r = self.rank.get(w, rank)
            if r < rank:
                best, rank = w, r
        return best

    def starting(self, s: str) -> str | None:
        if not s or s[0] not in self.firsts:
            return None
        best, rank = None, len(self.rank)
        for n in self.lengths:
            if n > len(s):
                break
            w = s[:n]
            r = self.rank.get(w, rank)
            if r < rank:
                best, rank = w, r
        return best


_OP_SYMBOL = dict(reversed(_OPERATORS))  # the first pair of a word, as the list order had it
_OP_WORDS = _Words([w for w, _ in _OPERATORS])
_APPROX_BEFORE_WORDS = _Words(_APPROX_BEFORE)
_APPROX_AFTER_WORDS = _Words(_APPROX_AFTER)
_COMPARATIVES = frozenset(("高于", "低于", "大于", "小于"))


# the characters next to a figure at which _markers can find a word: before it, the last of an
# operator or approximation word (or a space it looks past); after it, the first of an
# approximation word, 以上, 以下 or 以内
_MARK_BEFORE = _OP_WORDS.lasts | _APPROX_BEFORE_WORDS.lasts
_MARK_AFTER = _APPROX_AFTER_WORDS.firsts | {"以"}


def _markers(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """Operator (≥ 不低于 以上 …) and approximation (约 近 左右 …) words around a number."""
    # (each word list is asked only when the character next to the number can end or start
    # one of its words: the test _Words makes first, without the call for most figures)
    op = approx = None
    before = text[max(0, start - 5) : start].rstrip()
    word = _OP_WORDS.ending(before) if before[-1:] in _OP_WORDS.lasts else None
    if word is not None and not (
        word in _COMPARATIVES and _COMPARED.search(text, max(0, start - 16), start)
    ):  # "比预期指标值低于10.2个百分点" states a difference, not a target
        op = _OP_SYMBOL[word]
        before = before[: -len(word)].rstrip()
    if before[-1:] in _APPROX_BEFORE_WORDS.lasts:
        word = _APPROX_BEFORE_WORDS.ending(before)
        if word is not None:
            # 约 and 近 end words too: 签约33045人 is an exact count, 最近 is not "nearly"
            prev = before[-len(word) - 1 : -len(word)]
            # (逾 ends no word: a lexicon word without an entry here was a KeyError, a crash)
            if not (len(word) == 1 and prev and prev in _WORD_BEFORE.get(word, "")):
                approx = word
    after = text[end : end + 2]
    if after[:1] in _APPROX_AFTER_WORDS.firsts:
        word = _APPROX_AFTER_WORDS.starting(after)
        if word is not None:
            if word == "以上" and op is None:
                op = "≥"
            elif word != "以上":
                approx = approx or word
    if op is None and after.startswith(("以下", "以内")):
        op = "≤"
    return op, approx


# Every Quantity is kept to the end of the audit: its unit is UNITS' own string, and a figure
# written again (a report restates its figures) shares the first one's raw text and value.
_UNIT_NAMES = {u: u for u in UNITS} | {"亿": "亿元"}  # a bare 亿 is read as 亿元 (_bare_yi)


def _quantity(
    text: str, start: int, end: int, value: Decimal, decimals: int, unit: str, words: bool,
    raws: dict[str, str] | None = None,
) -> Quantity:  # fmt: skip
    family, scale = UNITS[_UNIT_NAMES.get(unit, unit)]
    before = text[start - 1 : start]
    if before in _MARK_BEFORE or text[end : end + 1] in _MARK_AFTER or before.isspace():
        op, approx = _markers(text, start, end)
    else:  # no word can end before the figure or start after it: _markers finds none
        op = approx = None
    raw = text[start:end]
    # (the fields in order, not by keyword: binding ten keywords cost a third of the call)
    return Quantity(
        Span(start, end),
        raw if raws is None else raws.setdefault(raw, raw),
        value,
        decimals,
        _UNIT_NAMES.get(unit, unit),
        family,
        scale,
        approx,
        op,
        words,
    )


# A figure with more significant digits than this is set aside (takes part in no check): no
# budget states one, and its arithmetic would exceed the exact range of the interval maths.
MAX_DIGITS = 18


def too_long(v: Decimal) -> bool:
    """More than MAX_DIGITS digits from the first significant one to the last decimal, or a
    magnitude beyond 10^MAX_DIGITS."""
    t = v.as_tuple()
    return len(t.digits) > MAX_DIGITS or v.adjusted() >= MAX_DIGITS or t.exponent < -MAX_DIGITS


def oversized(text: str) -> int:
    """How many figures find_quantities() sets aside for their length (for the note)."""
    n = 0
    for m in _ARABIC.finditer(text):
        if _unit_ok(text, m.end(), m["unit"]) and too_long(Decimal(re.sub(r"[,，]", "", m["num"]))):
            n += 1
    return n


def find_quantities(text: str) -> list[Quantity]:
    return scan_quantities(text)[0]


_GROUPING = cached_re(r"[,，]")
_START = attrgetter("span.start")  # a quantity's start, read in C (sort keys)


def scan_quantities(text: str) -> tuple[list[Quantity], int]:
    """Every quantity, and how many figures were set aside for their length (what oversized()
    counts, found in the same pass)."""
    out: list[Quantity] = []
    n_oversized = 0
    raws: dict[str, str] = {}
    values: dict[str, Decimal] = {}  # numeral → its value, made once (Decimals are immutable)
    for m in _ARABIC_FROM_DIGIT.finditer(text):
        unit = m["unit"]
        end = m.end()
        bad = _NOT_UNIT_AFTER.get(unit)  # _unit_ok(text, end, unit), inline
        if bad and end < len(text) and text[end] in bad:
            continue
        digits = m["num"]
        if "," in digits or "，" in digits:
            digits = _GROUPING.sub("", digits)
        start = m.start()
        if text[start - 1 : start] == "-" and _signed(text, start):  # (its first test)
            start -= 1
            num = "-" + digits
        else:
            num = digits
        value = values.get(num)
        if value is None:
            value = values[num] = Decimal(num)
        # (a numeral of at most MAX_DIGITS characters cannot be too long: no digits to count)
        if len(num) > MAX_DIGITS and too_long(value):
            n_oversized += 1
            continue  # counted for the note
        decimals = len(num) - num.index(".") - 1 if "." in num else 0  # _decimals(num)
        if unit == "分" and decimals == 0 and text[start - 1 : start] in ("第",):
            continue
        out.append(_quantity(text, start, end, value, decimals, unit, False, raws))
    for m in _CN_FROM_NUMERAL.finditer(text):
        pnum = m["pnum"]
        if pnum is not None:  # 百分之…
            unit = "%"
            val = Decimal(100) if pnum == "百" else cn_to_decimal(pnum)
        else:
            if text[m.start()] in "百千万亿":
                continue  # "万元" after 300: cn_to_decimal of a numeral opening so is None
            unit = m["unit"]
            if not _unit_ok(text, m.end(), unit) or unit == "分":
                continue
            if text.startswith(_NUMERAL_NAMES, m.start()):
                continue  # "八项规定" names a policy, it counts nothing
            val = cn_to_decimal(text[m.start() : m.start("unit")])
        if val is not None and not too_long(val):
            out.append(_quantity(text, m.start(), m.end(), val, 0, unit, True, raws))
    out.extend(_bare_yi(text, raws))
    out.sort(key=_START)
    return _with_shared_units(text, out, raws), n_oversized


# "财政收入为93.18亿，增长5.6%": a bare 亿 at a clause's end after words naming money
_BARE_YI = lazy(
    r"(?<![\d.,，])(\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)亿(?=[，,。；;、（）()\s]|$)"
)
# the money word, then only words that lead to a figure ("收入完成", "税收收入为"), up to the number
_BARE_YI_MONEY = lazy(
    "(?:"
    + alt(lexicon()["numbers"]["bare_yi_money"])
    + ")(?:"
    + alt(lexicon()["numbers"]["bare_yi_leads"])
    + r")*\s*$"
)
_BARE_YI_REACH = 12  # characters before the number its money word may stand in


def _bare_yi(text: str, raws: dict[str, str]) -> list[Quantity]:
    """Amounts written with a bare 亿 (news and statistics pages drop the 元), read as 亿元 only
    after a money word close before them: a bare 亿 of visitors or tonnes stays no figure."""
    if "亿" not in text:
        return []
    out = []
    for m in _BARE_YI.finditer(text):
        start = m.start()
        if not _BARE_YI_MONEY.search(text, max(0, start - _BARE_YI_REACH), start):
            continue
        num = _GROUPING.sub("", m.group(1))
        value = Decimal(num)
        if too_long(value):
            continue
        out.append(_quantity(text, start, m.end(), value, _decimals(num), "亿", False, raws))
    return out


# "各是4125.49，4143.91万元", "分别为3、5万元": after a word that shares figures out, numbers joined
# to a figure with a unit are figures of that unit (rules/lexicon.toml [lists] shares_out)
_JOINED_BEFORE = cached_re(
    r"(?:" + alt(lexicon()["lists"]["shares_out"]) + r")[^\d，,；;。\n]{0,3}?"
    r"((?:(?<![\d.])\d+(?:\.\d+)?\s*[、,，和及与]\s*)+)$"
)
_BARE = lazy(r"\d+(?:\.\d+)?")
_SHARED_REACH = 80  # characters before a figure the numbers sharing its unit may take


def _with_shared_units(text: str, out: list[Quantity], raws: dict[str, str]) -> list[Quantity]:
    shared: list[Quantity] = []
    taken: set[int] | None = None  # the figures' starts, made when first needed (most texts never)
    for q in out:
        lo = q.span.start
        if lo == 0 or text[lo - 1] not in "、,，和及与 \t":
            continue
        m = _JOINED_BEFORE.search(text, max(0, lo - _SHARED_REACH), lo)
        if m is None:
            continue
        if taken is None:
            taken = {q.span.start for q in out}
        for n in _BARE.finditer(text, m.start(1), m.end(1)):
            if n.start() not in taken:
                num = n.group()
                shared.append(
                    _quantity(
                        text,
                        n.start(),
                        n.end(),
                        Decimal(num),
                        _decimals(num),
                        q.unit,
                        q.words,
                        raws,
                    )  # fmt: skip
                )
    if not shared:
        return out
    return sorted(out + shared, key=_START)
