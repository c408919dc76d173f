"""Self-evaluation forms flattened into words: a PDF or .doc turned into text by a converter or
a mirror site, where a row became a line of space-separated cells, or the whole form one line.

There are no cells left, only words, and a cell's own words may be split too ("年度财政 资金总额")
or glued to the next where a wrapped line was joined ("得分年度资金总额"). So a form is read here
only where the words announce its layout and the figures fill it exactly (rules/forms.toml says
which words):

- funds: a run of funds header words (年初预算数 全年预算数 全年执行数 分值 执行率 得分, or
  预算数(A) 执行数(B) 执行率(B/A) 得分(20分*执行率)), then rows of a funds label and exactly as
  many figures as there are headers. Figures straight after the header without a label are one
  row whose name is not written: the whole when 其中 rows follow it, otherwise a row checked only
  for its own rate and score. A 其中 row may give exactly its three money figures (年初, 全年,
  执行). A weight written in the score header ("得分（20分*执行率）") is that row's 分值. A header
  of two columns (全年预算数 全年执行数, the transfer-payment forms) is read only with 其中 rows.
- indicators: after a header naming 三级指标 年度指标值 实际完成值 分值 得分, an indicator is
  a name, a target, an actual value and two plain numbers (分值, 得分), all on one line, after
  the level words (产出指标, 数量指标). A run of plain numbers is split from its end: the last
  two are 分值 and 得分, the ones before are the target and actual value, and the words before
  them on that line must make up exactly the rest. With a reason column, the words after the
  scores are kept as the reason (they may be the next row's name: then F009 is only silent).
- the summary: 总分 followed by exactly two plain numbers.

Any count that does not match leaves the row (and from there the block) unread: a dropped
empty cell would shift every figure after it, so silence is the only safe answer. Figures glued
together ("194.9194.9100%") are never cut: which digit is whose cannot be told.
"""

from __future__ import annotations

from functools import cache, lru_cache

from .forms import (
    _DASH,
    _IND_KEYS,
    _OF_WHICH,
    Form,
    FundsRow,
    IndicatorRow,
    _is_funds_header,
    funds_column,
    funds_label,
    grade_value,
    indicator_column,
    is_level,
    rate_in_percent,
    squash,
    summary_label,
    vocabulary,
    weight_in_header,
)
from .io.tables import is_number
from .lazy_re import lazy
from .model import Cell, Span, Table
from .record import Record

_WORD = lazy(r"\S+")
_OPEN, _CLOSE = "（(", "）)"
_REGION_BEFORE = 400  # characters before a header word where the form's title may stand
_REGION_AFTER = 12000  # characters after it that one form may fill
_GAP = 16  # characters between two header words of one run: spaces, a (A), a (万元)
_PROSE = lazy(r"[。，；,;]")  # a gap with a sentence's punctuation: not a header row
_TWO = {"budget", "spent"}  # a two-column funds header (转移支付 forms): read only with 其中 rows
_OF_WHICH_WORD = "其中"
_GLUED_MAX = 24  # characters: a longer word is prose, not two cells glued at a wrap


class Token(Record):
    """A word of the flattened text: its text (spaces inside removed), span, and line."""

    text: str
    span: Span
    line: int

    def __init__(self, text: str, span: Span, line: int) -> None:
        self.text = text
        self.span = span
        self.line = line

    def cell(self) -> Cell:
        return Cell(self.text, self.span, -1, -1)


@cache
def _flat() -> dict:
    return vocabulary().get("flat", {})


def _balance(s: str) -> int:
    return s.count("（") + s.count("(") - s.count("）") - s.count(")")


@lru_cache(maxsize=1 << 14)
def _known(text: str) -> bool:
    """A word of the form: a header, a funds label, a level, a summary label."""
    return bool(
        funds_column(text)
        or indicator_column(text)
        or is_level(text)
        or _label(text)
        or summary_label(text)
    )


@cache
def _words() -> tuple[str, ...]:
    """Every word of the form as written (the pieces a glued word may be cut into)."""
    v = vocabulary()
    out: set[str] = set()
    for table in (v["funds"]["columns"], v["indicators"]["columns"]):
        for words in table.values():
            out.update(words)
    out.update(v["funds"]["rows"]["total"])
    for g in v["funds"]["groups"]:
        for words in g["members"].values():
            out.update(words)
    out.update(v["indicators"]["levels"])
    out.update(v["summary"]["total"])
    out.update(v["summary"]["grade"])
    return tuple(sorted(out))


_EDGE_NUMBER = lazy(r"^[-+]?[\d,.]+%?|[-+]?[\d,.]+%?$")


def _label(text: str) -> tuple[str, str | None] | None:
    """funds_label of a row label written with a colon ("年度资金总额：")."""
    t = text.rstrip("：:")
    return funds_label(t) if t else None


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The words of text[start:end], with a parenthesis put back together ("(20 分*执行率)"),
    a parenthesis glued to the header or label it follows ("预算数 (A)"), and a word split in
    two by a wrap joined when only the two together are a word of the form."""
    raw: list[Token] = []
    line = text.count("\n", 0, start)
    pos = start
    for m in _WORD.finditer(text, start, end):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        raw.append(Token(m.group(), Span(m.start(), m.end()), line))
    raw = [piece for t in raw for piece in _unglue(t)]
    out: list[Token] = []
    k = 0
    while k < len(raw):
        t = raw[k]
        text_, span = t.text, t.span
        j = k + 1
        while _balance(text_) > 0 and j < len(raw) and j - k < 6:
            text_ += raw[j].text
            span = Span(span.start, raw[j].span.end)
            j += 1
        if _balance(text_) > 0:
            text_, span, j = t.text, t.span, k + 1  # never closed: the word alone
        tok = Token(text_, span, t.line)
        prev = out[-1] if out else None
        if (
            prev is not None
            and text_[:1] in _OPEN
            and _balance(text_) == 0
            and text_[-1:] in _CLOSE
            and _known(prev.text)
        ) or (
            prev is not None
            and not _known(prev.text)
            and not _value(prev)
            and _known(prev.text + text_)
        ):
            out[-1] = Token(prev.text + text_, Span(prev.span.start, span.end), prev.line)
        else:
            out.append(tok)
        k = j
    return out


def _unglue(t: Token) -> list[Token]:
    """A word glued to the next where a wrapped line was joined ("得分年度资金总额：",
    "30质量指标"): split in two when exactly one cut leaves two pieces that are each a word of
    the form or a figure, one of them at least a word. Two figures are never split (which digit
    is whose cannot be told)."""
    s = t.text
    if not 3 <= len(s) <= _GLUED_MAX or _known(s) or _value(t) or _balance(s) != 0:
        return [t]
    body = s.rstrip("：:")
    places = {len(w) for w in _words() if s.startswith(w)}
    places |= {len(body) - len(w) for w in _words() if body.endswith(w)}
    places |= {m.end() if m.start() == 0 else m.start() for m in _EDGE_NUMBER.finditer(s)}
    cuts = []
    for i in sorted(places):
        if not 0 < i < len(s):
            continue
        a, b = s[:i], s[i:]
        ka, kb = _known(a), _known(b)
        if (ka or _is_value(a)) and (kb or _is_value(b)) and (ka or kb):
            cuts.append(i)
    if len(cuts) != 1:
        return [t]
    i, at = cuts[0], t.span.start + cuts[0]
    return [
        Token(s[:i], Span(t.span.start, at), t.line),
        Token(s[i:], Span(at, t.span.end), t.line),
    ]


def _is_value(s: str) -> bool:
    return s in _DASH or is_number(s)


def _value(t: Token) -> bool:
    return t.text in _DASH or is_number(t.text)


def _plain(t: Token) -> bool:
    return is_number(t.text) and not t.text.endswith("%")


def _wordy(t: Token) -> bool:
    """Words that may be a reason: not a figure, a level, a summary or a header word."""
    return not (_value(t) or is_level(t.text) or summary_label(t.text) or _known(t.text))


def _header_runs(
    text: str,
    columns: dict[str, list[str]],
    need: int,
    found: list[tuple[int, int, str]] | None = None,
) -> list[int]:
    """Where header words of `need` different columns stand close together (at most _GAP
    characters apart, no sentence punctuation between): the start of a flattened block.
    ``found``: the places of the columns' words (_places), when the caller has them already."""
    if found is None:
        found = _places(text, columns)
    out: list[int] = []
    start, end, keys = -1, -1, set()
    for a, b, key in found:
        if a > end + _GAP or (a > end and _PROSE.search(text, end, a)):
            if len(keys) >= need:
                out.append(start)
            start, end, keys = a, b, set()
        keys.add(key)
        end = max(end, b)
    if len(keys) >= need:
        out.append(start)
    return out


_last: list = [None, None]  # the text last read and its header starts


def _header_starts(text: str) -> list[int]:
    """Where runs of a form's header words start, in order. Asked whether the form checks apply
    and then again by the reader, of the same text object: kept for that object only (held
    here, so its identity cannot pass to another), never for an equal text of another run."""
    if _last[0] is text:
        return _last[1]
    _last[0], _last[1] = text, _read_header_starts(text)
    return _last[1]


def _places(text: str, columns: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """(start, end, column) of every header word of the columns in the text, in order. Found
    with str.find, word by word, which is fast on a long document that holds no form."""
    found: list[tuple[int, int, str]] = []
    for key, words in columns.items():
        for w in words:
            pos = text.find(w)
            while pos >= 0:
                found.append((pos, pos + len(w), key))
                pos = text.find(w, pos + 1)
    found.sort()
    return found


def _read_header_starts(text: str) -> list[int]:
    v = vocabulary()
    funds = v["funds"]["columns"]
    found = _places(text, funds)
    starts = _header_runs(text, funds, 3, found)
    # the two columns' words are found once, with the others: their places, in the same order
    two = {k: funds[k] for k in sorted(_TWO)}
    starts += _header_runs(text, two, 2, [x for x in found if x[2] in two])
    starts += _header_runs(text, v["indicators"]["columns"], 4)
    return sorted(starts)


def _regions(text: str, taken: list[Span]) -> list[tuple[int, int]]:
    """Stretches of text from a little before a run of header words to well after it,
    outside the tables already read: the only places worth splitting into words."""
    out: list[tuple[int, int]] = []
    for h in _header_starts(text):
        if _inside(Span(h, h + 1), taken):
            continue
        a = max(0, h - _REGION_BEFORE)
        b = min(len(text), h + _REGION_AFTER)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def may_hold_form(text: str) -> bool:
    """Whether the text holds a run of a form's header words anywhere: the form checks apply."""
    return bool(_header_starts(text))


def flat_forms(text: str, taken: list[Span]) -> list[Form]:
    """The forms written as words in text, outside the spans already read as tables."""
    out: list[Form] = []
    for a, b in _regions(text, taken):
        piece: list[Token] = []
        for t in tokens(text, a, b):
            if _inside(t.span, taken):  # a table read already: the words either side never meet
                if piece:
                    out += _Reader(text, piece).read()
                piece = []
            else:
                piece.append(t)
        if piece:
            out += _Reader(text, piece).read()
    seen: set[int] = set()
    kept = []
    for f in out:  # regions are disjoint, but keep one form per starting word all the same
        key = f.table.span.start if f.table.span else -1
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def _inside(s: Span, spans: list[Span]) -> bool:
    return any(u.start <= s.start < u.end or s.start <= u.start < s.end for u in spans)


def _kinds_fit(keys: list[str], vals: list[Token]) -> bool:
    """A percentage only under 执行率: a percentage elsewhere means the figures have shifted
    (a header word and a figure both lost, say), however well their count fits."""
    return all(
        key == "rate" or not v.text.endswith("%") for key, v in zip(keys, vals, strict=False)
    )


class _Reader:
    """One pass over the words of a region: forms start at a funds or indicator header."""

    def __init__(self, text: str, toks: list[Token]) -> None:
        self.text = text
        self.t = toks
        self.forms: list[Form] = []

    def read(self) -> list[Form]:
        k, n = 0, len(self.t)
        form: Form | None = None
        while k < n:
            cols, run = self._header(k, funds_column)
            if (run >= 3 and _is_funds_header(cols)) or (run == 2 and set(cols) == _TWO):
                form = self._new_form(k)
                k = self._funds(form, k, run, cols)
                continue
            cols, run = self._header(k, indicator_column)
            if run >= 4 and all(key in cols for key in _IND_KEYS):
                if form is None or form.indicators or form.total_score is not None:
                    form = self._new_form(k)
                if {"operator", "unit"} & cols.keys():
                    k += run  # target split over three columns: not placed from words
                    continue
                k = self._indicators(form, k, run, cols)
                continue
            k += 1
        # rows named 基本支出/项目支出 alone do not make a budget table a form
        return [
            f for f in self.forms if f.indicators or any(r.key in ("total", "") for r in f.funds)
        ]

    # -- pieces ---------------------------------------------------------------------------

    def _raw(self, t: Token) -> Cell:
        """A word as the document writes it, spaces and all (its span then fits its text)."""
        return Cell(self.text[t.span.start : t.span.end], t.span, -1, -1)

    def _header(self, k: int, which) -> tuple[dict[str, int], int]:
        cols: dict[str, int] = {}
        j = k
        while j < len(self.t):
            key = which(self.t[j].text)
            if key is None or key in cols:
                break
            cols[key] = j - k
            j += 1
        return cols, j - k

    def _new_form(self, k: int) -> Form:
        start = self.t[k].span.start
        table = Table(rows=[], span=Span(start, start))
        form = Form(_kind(self.text, start), table)
        self.forms.append(form)
        return form

    def _grow(self, form: Form, row: list[Token]) -> None:
        form.table.rows.append([t.cell() for t in row])
        span = form.table.span
        assert span is not None
        form.table.span = Span(span.start, max(span.end, row[-1].span.end))

    def _values(self, k: int) -> int:
        j = k
        while j < len(self.t) and _value(self.t[j]) and _label(self.t[j].text) is None:
            j += 1
        return j

    def _funds(self, form: Form, k: int, run: int, cols: dict[str, int]) -> int:
        header = self.t[k : k + run]
        keys = [funds_column(h.text) or "" for h in header]
        self._grow(form, header)
        form.funds_columns = set(keys)
        weight = (
            weight_in_header(self._raw(header[keys.index("score")]))
            if "score" in keys and "weight" not in keys
            else None
        )
        if weight is not None:
            form.funds_columns.add("weight")
        counts = {len(keys)} | ({len(keys) - 1} if keys[-1] == "reason" else set())
        k += run
        n = len(self.t)
        first = True
        while k < n:
            tok = self.t[k]
            if _OF_WHICH.fullmatch(tok.text):
                k += 1
                continue
            label = _label(tok.text)
            if label is None and not (first and _value(tok)):
                break
            start = k if label is None else k + 1
            end = self._values(start)
            vals = self.t[start:end]
            cells: dict[str, Cell] | None = None
            if len(vals) in counts and _kinds_fit(keys, vals):
                cells = {key: v.cell() for key, v in zip(keys, vals, strict=False) if key}
            elif not vals and label is not None:
                cells = {}
            elif (
                label is not None
                and label[0] != "total"
                and len(vals) == 3
                and keys[:3] == ["initial", "budget", "spent"]
                and all(_plain(v) for v in vals)
            ):
                cells = dict(zip(keys[:3], (v.cell() for v in vals), strict=True))
            if cells is None:
                return end  # the figures do not fill the row: the block is not read further
            if weight is not None and "score" in cells:
                cells["weight"] = weight
            if "rate" in keys:
                rate_in_percent(cells, header[keys.index("rate")].text)
            if label is None:
                # figures straight after the header: the whole when 其中 rows follow them
                whole = end < n and self.t[end].text.startswith(_OF_WHICH_WORD)
                # no span: a name for the messages, not a word of the document
                word = (
                    vocabulary()["funds"]["rows"]["total"][0]
                    if whole
                    else _flat().get("unnamed_row", "预算执行")
                )
                name = Cell(word, None, -1, -1)
                form.funds.append(FundsRow(name, "total" if whole else "", None, cells))
            else:
                form.funds.append(FundsRow(tok.cell(), label[0], label[1], cells))
            self._grow(form, self.t[k:end])
            k = end
            first = False
        if set(keys) == _TWO and not any(r.group for r in form.funds):
            form.funds.clear()  # two columns and no 其中 rows: nothing to hold them to
        return k

    def _indicators(self, form: Form, k: int, run: int, cols: dict[str, int]) -> int:
        header = self.t[k : k + run]
        self._grow(form, header)
        k += run
        n = len(self.t)
        complete = True
        pending: list[Token] = []  # words since the last indicator read
        stops = tuple(_flat().get("block_end", []))
        while k < n:
            tok = self.t[k]
            kind = summary_label(tok.text)
            if kind is not None:
                k = self._summary(form, k)
                break
            if (tok.text.startswith(stops) and stops) or self._header(k, funds_column)[1] >= 3:
                break
            cols2, run2 = self._header(k, indicator_column)
            if run2 >= 4 and all(key in cols2 for key in _IND_KEYS):
                break
            if not _plain(tok):
                pending.append(tok)
                k += 1
                continue
            j = k
            while j < n and _plain(self.t[j]) and self.t[j].line == tok.line:
                j += 1
            nums = self.t[k:j]
            if len(nums) < 2:
                pending.append(tok)
                k = j
                continue
            words = [t for t in pending if not is_level(t.text)]
            same_line = [t for t in words if t.line == tok.line]
            if len(same_line) < len(words):
                complete = False  # words on earlier lines that made no indicator
            fields = same_line + nums[:-2]
            pending = []
            k = j
            if len(fields) != 3 or _plain(fields[0]):
                complete = False
                continue
            name, target, actual = fields
            w, s = nums[-2:]
            cells = {
                "name": name.cell(),
                "target": target.cell(),
                "actual": actual.cell(),
                "weight": w.cell(),
                "score": s.cell(),
            }
            nxt = self.t[k] if k < n else None
            if "reason" in cols and nxt is not None and _wordy(nxt):
                # words after the scores may be this row's reason (wrapped to the next line,
                # perhaps) or the next row's name: kept as the reason, so that a deduction is
                # never called unexplained (F009) when it may have been explained
                cells["reason"] = nxt.cell()
            form.indicators.append(IndicatorRow(name.cell(), cells))
            self._grow(form, [name, target, actual, w, s])
        if any(not is_level(t.text) for t in pending):
            complete = False
        # the sums (F005, F006) only when the funds block was seen too: its 分值 and 得分 count
        # in the 总分, and a block not read (glued, say) would leave them out
        form.indicators_complete = (
            complete
            and bool(form.indicators)
            and form.total_score is not None
            and bool(form.funds_columns)
        )
        return k

    def _summary(self, form: Form, k: int) -> int:
        tok = self.t[k]
        if summary_label(tok.text) == "grade":
            g = grade_value(tok.text)
            cell = tok.cell()
            if not g and k + 1 < len(self.t) and len(self.t[k + 1].text) <= 4:
                cell = self.t[k + 1].cell()
                g = cell.text
                k += 1
            if g:
                form.grade = (g, cell)
            return k + 1
        j = k + 1
        while j < len(self.t) and _plain(self.t[j]) and j - k <= 3:
            j += 1
        nums = self.t[k + 1 : j]
        if len(nums) == 2:
            form.total_weight, form.total_score = nums[0].cell(), nums[1].cell()
            self._grow(form, [tok, *nums])
        if j < len(self.t) and summary_label(self.t[j].text) == "grade":
            return self._summary(form, j)
        return j


def _kind(text: str, start: int) -> str:
    """project or department: the last form title in the stretch just before the form."""
    before = squash(text[max(0, start - _REGION_BEFORE) : start])
    best, at = "unknown", -1
    for kind, words in vocabulary()["titles"].items():
        for w in words:
            p = before.rfind(w)
            if p > at:
                best, at = kind, p
    return best
