"""Where the narrative names a 科目 (a budget subject: 类, 款, 项), and which code it is.

The national templates explain each subject in a paragraph of its own, written one of a few
ways: "一般公共服务支出（类）财政事务（款）行政运行（项）", with codes "（201类）（06款）（01项）",
or as a path "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目". The names are
resolved against the subjects the document's own tables list (code → name), so a mention the
tables do not know is no subject: its figures take part in no table comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lazy_re import cached_re, lazy
from ..record import FrozenRecord
from .table_body import plain

# a name may hold a short parenthesis of its own ("政府办公厅（室）及相关机构事务"), never a level mark
_NAME = r"(?:[^，,。；;：:“”\"、\n（）()]|[（(][^类款项（）()\n]{1,3}[）)]){2,40}?"
_MARKED = cached_re(
    rf"(?P<n1>{_NAME})[（(](?P<c1>\d{{3}})?类[）)]"
    rf"(?:(?P<n2>{_NAME})[（(](?P<c2>\d{{2}})?款[）)])?"
    rf"(?:(?P<n3>{_NAME})[（(](?P<c3>\d{{2}})?项[）)])?"
)
_PATH = cached_re(r"[“\"](?P<path>[^”\"\n]{4,120}?)[”\"]\s*科目")
_PATH_WORD = "科目"  # the word every match of _PATH ends with
_SEP = lazy(r"\s*[-－—–/]\s*")


# Every （类） mark ends a 类 name that cannot hold "类）" itself, so a match of _MARKED ends its
# first group at the first mark after its start, at most _REACH characters on (40 name units of
# at most 5 characters, then "（201"): the pattern is tried only that far before each mark, not
# at every character of the text. And it ends at most _REACH + 2 + 2 × _REACH after the mark.
_LEI_MARK = cached_re(r"类[）)]")
_REACH = 40 * 5 + 5


def _marked(text: str) -> Iterator[re.Match]:
    """_MARKED.finditer(text), looking only near the （类） marks."""
    pos = 0
    mark = _LEI_MARK.search(text, pos)
    while mark is not None:
        q = mark.start()
        m = _MARKED.search(text, max(pos, q - _REACH), q + 3 * _REACH + 8)
        if m is not None and m.start() < q:
            # the match the whole text gives: its 款 and 项 parts end within the bound
            yield _MARKED.match(text, m.start())  # type: ignore[misc]
            pos = m.end()
            mark = _LEI_MARK.search(text, max(pos, q + 1))
        else:
            mark = _LEI_MARK.search(text, q + 1)


class Mention(FrozenRecord):
    """A 科目 the text names, resolved to the tables' code when they list it."""

    names: tuple[str, ...]  # 类, 款, 项 names as written (plain)
    code: tuple[str, ...] | None  # resolved against the tables; None when they do not list it
    start: int
    end: int

    def __init__(
        self, names: tuple[str, ...], code: tuple[str, ...] | None, start: int, end: int
    ) -> None:
        self.__dict__.update(names=names, code=code, start=start, end=end)

    @property
    def key(self) -> tuple[str, ...]:
        """What the mention is about, for grouping figures: its code, else its names."""
        return self.code or self.names


def _index(names: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """(类 name, 款 name, 项 name) → code, for every code whose ancestors the tables name too."""
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    ambiguous: set[tuple[str, ...]] = set()
    for code in names:
        path = tuple(names.get(code[: k + 1], "") for k in range(len(code)))
        if not all(path):
            continue
        if path in out and out[path] != code:
            ambiguous.add(path)
        out[path] = code
    for p in ambiguous:
        del out[p]  # one path, two codes: not a subject we can name
    return out


def find_subjects(text: str, names: dict[tuple[str, ...], str]) -> list[Mention]:
    """The 科目 the text names, in text order, resolved to the tables' codes where they can be."""
    index = _index(names)
    top = sorted((n for c, n in names.items() if len(c) == 1), key=len, reverse=True)
    out: list[Mention] = []
    for m in _marked(text):
        given = [m.group(f"c{k}") for k in (1, 2, 3) if m.group(f"n{k}")]
        found = [plain(m.group(f"n{k}")) for k in (1, 2, 3) if m.group(f"n{k}")]
        # the 类 name is what the words before （类） end with: "…财政局2024年一般公共服务支出"
        found[0] = next((n for n in top if found[0].endswith(n)), found[0])
        code = index.get(tuple(found))
        if all(given) and given:
            coded = tuple(given)
            if coded in names and (code is None or code == coded):
                code = coded
        out.append(Mention(tuple(found), code, m.start(), m.end()))
    # every match ends with 科目: a text without the word is not searched for quoted paths
    for m in _PATH.finditer(text) if _PATH_WORD in text else ():
        parts = tuple(plain(p) for p in _SEP.split(m.group("path")) if p.strip())
        out.append(Mention(parts, index.get(parts), m.start(), m.end()))
    out.sort(key=lambda x: x.start)
    return out
