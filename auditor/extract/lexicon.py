"""Match labels against the concept and scope lexicon (rules/lexicon.toml)."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from ..catalogue import lexicon
from ..lazy_re import cached_re, escaped
from ..record import FrozenRecord


class Match(FrozenRecord):
    """A lexicon phrase found in a label: which concept or scope, and where."""

    key: str
    start: int
    end: int

    def __init__(self, key: str, start: int, end: int) -> None:
        self.__dict__.update(key=key, start=start, end=end)


class Lexicon:
    """Phrase → concept and phrase → scope lookups; extra synonyms come from the configuration."""

    def __init__(self, extra_synonyms: dict[str, list[str]] | None = None) -> None:
        data = lexicon()
        self.concepts: dict[str, dict] = {k: dict(v) for k, v in data["concepts"].items()}
        for concept, words in (extra_synonyms or {}).items():
            if concept in self.concepts:
                self.concepts[concept]["phrases"] = [*self.concepts[concept]["phrases"], *words]
        self.scopes: dict[str, dict] = data["scopes"]
        self.partitions: dict[str, list[str]] = data.get("partitions", {})
        self.grades: list[dict] = sorted(data["grades"], key=lambda g: -g["min"])
        self.list_opens: list[str] = data.get("lists", {}).get("opens", [])
        # label → match: the same label is looked up for many figures and by several stages
        self._concept_memo: dict[str, Match | None] = {}
        self._scope_memo: dict[str, Match | None] = {}

    @cached_property
    def list_opens_rx(self) -> re.Pattern:
        """The words that open a list of parts, followed by a colon or a comma."""
        words = sorted(self.list_opens, key=len, reverse=True)
        return cached_re("(?:" + "|".join(map(re.escape, words)) + r")\s*[：:，,]")

    @cached_property
    def _concept_rx(self) -> tuple[re.Pattern, dict[str, str]]:
        return _compile({k: v["phrases"] for k, v in self.concepts.items()})

    @cached_property
    def scope_phrases(self) -> list[str]:
        """Every scope phrase, longest first (for removing them from a label)."""
        return sorted(
            (p for v in self.scopes.values() for p in v["phrases"]), key=len, reverse=True
        )

    @cached_property
    def _exact(self) -> dict[str, str]:
        """Labels that are a concept only when they are the whole label ("支出")."""
        return {p: k for k, c in self.concepts.items() for p in c.get("exact", ())}

    @cached_property
    def _weak(self) -> frozenset[str]:
        return frozenset(k for k, v in self.concepts.items() if v.get("weak"))

    @cached_property
    def _named_as(self) -> tuple[str, ...]:
        return tuple(lexicon().get("labels", {}).get("named_as", ()))

    @cached_property
    def _scope_rx(self) -> tuple[re.Pattern, dict[str, str]]:
        return _compile({k: v["phrases"] for k, v in self.scopes.items()})

    def concept(self, label: str) -> Match | None:
        try:
            return self._concept_memo[label]
        except KeyError:
            m = self._concept_memo[label] = self._concept(label)
            return m

    def _concept(self, label: str) -> Match | None:
        if label in self._exact:
            return Match(self._exact[label], 0, len(label))
        m = _closest(label, *self._concept_rx, weak=self._weak)
        if m is not None and self._fund_named(label, m):
            return None
        if m is not None:
            for word, key in self.concepts[m.key].get("refine", {}).items():
                if word in label[: m.start]:
                    return Match(key, m.start, m.end)
        return m

    def _fund_named(self, label: str, m: Match) -> bool:
        """Whether the concept phrase begins inside a fund's name and ends in a money noun after
        it ("一般公共预算资金": 预算资金 is the fund's name and its 资金, not a budget)."""
        for name in self._fund_types:
            i = label.find(name, max(0, m.start - len(name) + 1), m.end)
            j = i + len(name)
            if i >= 0 and i < m.start < j < m.end and label[j : m.end] in self._money_nouns:
                return True
        return False

    @cached_property
    def _fund_types(self) -> tuple[str, ...]:
        return tuple(lexicon().get("labels", {}).get("fund_types", ()))

    def fund_of(self, label: str) -> str | None:
        """The budget fund a label names ("政府性基金预算收入", "国有资本经营收入" → its name
        without 预算), if one."""
        return next((t for t in self._fund_stems if t in label), None)

    @cached_property
    def _fund_stems(self) -> tuple[str, ...]:
        return tuple(t.removesuffix("预算") for t in self._fund_types)

    @cached_property
    def _money_nouns(self) -> frozenset[str]:
        return frozenset(lexicon().get("directions", {}).get("money_nouns", ()))

    def concept_after(self, following: str) -> str | None:
        """A concept named right after the figure ("5.2%的偏差"): the longest phrase it starts
        with, by one look-up per phrase length."""
        lengths, phrases, firsts = self._after
        if firsts is not None and following[:1] not in firsts:
            return None  # no phrase starts with its first character (most figures)
        for n in lengths:
            key = phrases.get(following[:n])
            if key is not None and len(following) >= n:
                return key
        return None

    @property
    def after_firsts(self) -> frozenset[str] | None:
        """The first characters of the phrases concept_after knows (None: any character may
        start one): a figure followed by none of them has no concept after it."""
        return self._after[2]

    @cached_property
    def _after(self) -> tuple[list[int], dict[str, str], frozenset[str] | None]:
        pairs = [(p, k) for k, c in self.concepts.items() for p in c.get("after", ())]
        phrases: dict[str, str] = {}
        for p, k in sorted(pairs, key=lambda t: -len(t[0])):
            phrases.setdefault(p, k)  # the first listed wins, as in a scan of the sorted pairs
        # the phrases' first characters (None: an empty phrase matches whatever follows)
        firsts = None if "" in phrases else frozenset(p[0] for p in phrases)
        return sorted({len(p) for p in phrases}, reverse=True), phrases, firsts

    def scope(self, label: str) -> Match | None:
        """The scope a label names; several specific ones compose ("三公经费·财政拨款")."""
        try:
            return self._scope_memo[label]
        except KeyError:
            m = self._scope_memo[label] = self._scope(label)
            return m

    def _scope(self, label: str) -> Match | None:
        for word in self._named_as:
            i = label.find(word)
            if i >= 0:  # "…、公务接待费（简称“三公”经费）支出": the whole the gloss names
                m = _closest(label[i:], *self._scope_rx)
                if m is not None:
                    return Match(m.key, m.start + i, m.end + i)
        best = _closest(label, *self._scope_rx)
        if best is None or self.is_generic_scope(best.key):
            return best
        rx, owner = self._scope_rx
        keys: list[str] = []
        reach = 0  # the end of the phrases found so far: one inside them is part of a longer one
        for m in rx.finditer(label):
            end = m.start() + len(m.group(1))
            if end <= reach:
                continue  # "非财政拨款" holds "财政拨款": not a second scope
            reach = end
            k = owner[m.group(1)]
            if k not in keys and not self.is_generic_scope(k) and k != "项目":
                keys.append(k)
        # "基本支出包括人员经费…": a part named after its whole is the part
        wholes = {w for w, parts in self.partitions.items() if any(p in keys for p in parts)}
        keys = [k for k in keys if k not in wholes]
        if len(keys) > 1:
            return Match("·".join(keys), best.start, best.end)
        return Match(keys[0], best.start, best.end) if keys else best

    def parts_of(self, scope: str) -> set[str]:
        """The known parts of what a scope names ("基本支出" → 人员经费, 公用经费); each name of
        a joined scope ("三公经费·财政拨款") counts."""
        return {p for w in scope.split("·") for p in self.partitions.get(w, ())}

    def whole_of(self, scopes: list[str]) -> str | None:
        """The known whole these scopes are all the parts of, each once (人员经费 and 公用经费:
        基本支出), or None."""
        return self._wholes.get(tuple(sorted(scopes)))

    @cached_property
    def _wholes(self) -> dict[tuple[str, ...], str]:
        wholes: dict[tuple[str, ...], str] = {}
        for w, parts in self.partitions.items():
            wholes.setdefault(tuple(sorted(parts)), w)  # the first listed, as a scan would find
        # a part given by its own parts ("因公出国费、公务用车购置费、公务用车运行费、公务接待费"
        # are 三公经费 too): each known part replaced by its partition, one level down
        for w, parts in self.partitions.items():
            for p in parts:
                own = self.partitions.get(p)
                if own and not set(own) & set(parts):
                    flat = [q for q in parts if q != p] + list(own)
                    wholes.setdefault(tuple(sorted(flat)), w)
        return wholes

    @cached_property
    def _part_names(self) -> frozenset[str]:
        """Every name that is a part of some known whole."""
        return frozenset(p for parts in self.partitions.values() for p in parts)

    def siblings(self, a: str, b: str) -> bool:
        """Two different parts of one known whole (基本支出 and 项目支出, 公务接待费 and
        公务用车购置及运行费): neither is a part of the other."""
        na, nb = set(a.split("·")), set(b.split("·"))
        names = self._part_names
        if na.isdisjoint(names) or nb.isdisjoint(names):
            return False  # a name of no known whole's parts (most scopes): no part in common
        for parts in self.partitions.values():
            pa, pb = na.intersection(parts), nb.intersection(parts)
            if pa and pb and pa != pb:
                return True
        return False

    def kind(self, concept: str | None) -> str | None:
        return self.concepts[concept]["kind"] if concept else None

    def name(self, concept: str, lang: str = "zh") -> str:
        return self.concepts[concept][lang] if concept in self.concepts else concept

    def is_generic_scope(self, scope: str) -> bool:
        return bool(self.scopes.get(scope, {}).get("generic"))

    def grade_of_word(self, word: str) -> str | None:
        for g in self.grades:
            if word in g["words"]:
                return g["grade"]
        return None


def _compile(table: dict[str, list[str]]) -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for the phrases of a table; built once per distinct table in a process (every
    audit makes a Lexicon, and a batch audits many files with the same vocabulary)."""
    return _compiled(tuple((k, tuple(v)) for k, v in table.items()))


@lru_cache(maxsize=16)
def _compiled(table: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern, dict[str, str]]:
    owner: dict[str, str] = {}
    for key, phrases in table:
        for p in phrases:
            owner.setdefault(p, key)
    alts = sorted(owner, key=len, reverse=True)
    # A lookahead finds every match, overlapping ones included, in one pass.
    return cached_re(lookahead(alts)), owner


def lookahead(alts: list[str]) -> str:
    """``(?=(a|b|…))``: at each place, the first of the phrases (longest first) that starts there.
    Written with the phrases grouped by their first character, behind a look at it, so the engine
    tries only the phrases that can start at a place instead of every one of them: the same
    matches (tests/test_fast_paths.py), in about half the time."""
    if not alts or "" in alts:
        return "(?=(" + escaped(alts) + "))"
    groups: dict[str, list[str]] = {}
    for a in alts:  # each group keeps the phrases' order: longest first, then as listed
        groups.setdefault(a[0], []).append(a[1:])
    parts = []
    for first, rests in groups.items():
        tail = escaped(rests)
        parts.append(re.escape(first) + ("" if rests == [""] else f"(?:{tail})"))
    firsts = escaped(groups, "")
    return "(?=[" + firsts + "])(?=(" + "|".join(parts) + "))"


def _closest(
    label: str, rx: re.Pattern, owner: dict[str, str], weak: frozenset[str] = frozenset()
) -> Match | None:
    """The phrase ending closest to the figure (then the longest); weak phrases only when no
    other phrase matches."""
    best: Match | None = None
    for m in rx.finditer(label):
        phrase = m.group(1)  # the lookahead yields the longest phrase at each start
        cand = Match(owner[phrase], m.start(), m.start() + len(phrase))
        if (
            best is None
            or (best.key in weak) > (cand.key in weak)
            or (best.key in weak) == (cand.key in weak)
            and (cand.end > best.end or (cand.end == best.end and cand.start < best.start))
        ):
            best = cand
    return best
