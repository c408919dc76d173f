"""Cue words compiled once from rules/lexicon.toml: operators, list cues, claims and directions.

The words are data (a synonym is one line of the lexicon); this module only turns each table
into the pattern the extractors need, with the structural guards (look-arounds) that are not
vocabulary.
"""

from __future__ import annotations

import re
from functools import cache

from ..catalogue import lexicon
from ..lazy_re import cached_re, escaped
from ..record import FrozenRecord


def alt(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of the words, longest first, escaped. Words of one length are in a fixed
    order (two can never match at the same place), so the pattern's text is the same in every
    run: its compiled program is found in the cache (lazy_re.cached_re)."""
    return escaped(sorted(set(words), key=lambda w: (-len(w), w)))


class Cues(FrozenRecord):
    """The lexicon's cue words compiled once, so the extractors keep no vocabulary."""

    operators: tuple[tuple[str, str], ...]  # (word, symbol), longest word first
    operator_rx: str  # alternation of every operator word
    target_fillers: tuple[str, ...]
    approx_before: tuple[str, ...]
    approx_after: tuple[str, ...]
    parts_rx: re.Pattern  # 其中, or "支出X万元中，"
    within_rx: re.Pattern  # "…支出决算中，": a whole named in words, its parts after it
    closes_rx: re.Pattern  # 另外, 此外 …: the end of a 其中 list
    announces: str  # alternation of the words announcing a count's items
    namely: str  # "…3个，即A、B和C": words after a count's comma that name its items at once
    partial: tuple[str, ...]
    none_occurred_rx: re.Pattern
    levels_rx: re.Pattern
    heading_count_rx: re.Pattern  # "（共3个）"
    heading_generic: frozenset[str]
    whole_words: tuple[str, ...]  # 合计, 总额 …: the whole of a list
    unmet_rx: re.Pattern
    no_deviation_rx: re.Pattern
    categories_rx: re.Pattern  # 产出, 效益 …: a group of indicators
    intentions_rx: re.Pattern  # 力争, 确保 …: an intention, not a result
    grade_rx: re.Pattern  # "等级为“优”": group 1 is the grade word
    down: tuple[str, ...]  # direction words of a decrease
    change_rx: re.Pattern  # any direction word of an increase or a decrease
    cuts_rx: re.Pattern  # 调减, 核减 …
    causes_rx: re.Pattern  # 因, 由于 … at the start of a label
    prior: str  # alternation of the words naming the year before
    base_rx: re.Pattern  # "比上年", "较2024年的": a label naming a comparison base
    mid: str  # alternation of the in-year words
    target_labels: str  # alternation of the words naming an indicator's target
    actual_rx: re.Pattern  # the words naming an actual value
    selection_rx: re.Pattern  # 重点, 部分 …: a selection of the items
    some_rx: re.Pattern  # 部分, 其中, 等 between an amount and its count
    respectively: str  # alternation of 分别为, 分别 …
    joined_run_rx: re.Pattern  # what may stand between two figures of a run: "、", "和", "、以及"
    empty_label_rx: re.Pattern  # a label naming nothing: "为", "共计", "："
    connectives_rx: re.Pattern  # the words and marks in a label that name no subject
    base_opens_rx: re.Pattern  # 占, 完成, 为 …: words relating a figure to the amount of a rate

    def __init__(
        self,
        operators: tuple[tuple[str, str], ...],
        operator_rx: str,
        target_fillers: tuple[str, ...],
        approx_before: tuple[str, ...],
        approx_after: tuple[str, ...],
        parts_rx: re.Pattern,
        within_rx: re.Pattern,
        closes_rx: re.Pattern,
        announces: str,
        namely: str,
        partial: tuple[str, ...],
        none_occurred_rx: re.Pattern,
        levels_rx: re.Pattern,
        heading_count_rx: re.Pattern,
        heading_generic: frozenset[str],
        whole_words: tuple[str, ...],
        unmet_rx: re.Pattern,
        no_deviation_rx: re.Pattern,
        categories_rx: re.Pattern,
        intentions_rx: re.Pattern,
        grade_rx: re.Pattern,
        down: tuple[str, ...],
        change_rx: re.Pattern,
        cuts_rx: re.Pattern,
        causes_rx: re.Pattern,
        prior: str,
        base_rx: re.Pattern,
        mid: str,
        target_labels: str,
        actual_rx: re.Pattern,
        selection_rx: re.Pattern,
        some_rx: re.Pattern,
        respectively: str,
        joined_run_rx: re.Pattern,
        empty_label_rx: re.Pattern,
        connectives_rx: re.Pattern,
        base_opens_rx: re.Pattern,
    ) -> None:
        self.__dict__.update(
            operators=operators,
            operator_rx=operator_rx,
            target_fillers=target_fillers,
            approx_before=approx_before,
            approx_after=approx_after,
            parts_rx=parts_rx,
            within_rx=within_rx,
            closes_rx=closes_rx,
            announces=announces,
            namely=namely,
            partial=partial,
            none_occurred_rx=none_occurred_rx,
            levels_rx=levels_rx,
            heading_count_rx=heading_count_rx,
            heading_generic=heading_generic,
            whole_words=whole_words,
            unmet_rx=unmet_rx,
            no_deviation_rx=no_deviation_rx,
            categories_rx=categories_rx,
            intentions_rx=intentions_rx,
            grade_rx=grade_rx,
            down=down,
            change_rx=change_rx,
            cuts_rx=cuts_rx,
            causes_rx=causes_rx,
            prior=prior,
            base_rx=base_rx,
            mid=mid,
            target_labels=target_labels,
            actual_rx=actual_rx,
            selection_rx=selection_rx,
            some_rx=some_rx,
            respectively=respectively,
            joined_run_rx=joined_run_rx,
            empty_label_rx=empty_label_rx,
            connectives_rx=connectives_rx,
            base_opens_rx=base_opens_rx,
        )


@cache
def cues() -> Cues:
    lx = lexicon()
    ops = lx["operators"]
    pairs = sorted(
        (
            (w, sym)
            for sym, words in ops.items()
            if isinstance(words, list) and sym != "target_fillers"
            for w in words
        ),
        key=lambda t: -len(t[0]),
    )
    lists = lx["lists"]
    claims = lx["claims"]
    return Cues(
        operators=tuple(pairs),
        operator_rx=alt([w for w, _ in pairs]),
        target_fillers=tuple(ops.get("target_fillers", [])),
        approx_before=tuple(lx["approx"]["before"]),
        approx_after=tuple(lx["approx"]["after"]),
        # "…元中，": 中 first and the character before it looked behind from after it, so every
        # alternative opens with a character and the engine skips to the next 其 or 中 (the same
        # matches as r"(?<=[元人个])中(?=…)", tests/test_fast_paths.py)
        parts_rx=cached_re(alt(lists["parts"]) + r"|中(?<=[元人个]中)(?=[，,：:])"),
        within_rx=cached_re(r"([^，,；;：:。]{2,40}?)(?:" + alt(lists["within"]) + r")[，,：:]"),
        closes_rx=cached_re(alt(lists["closes"])),
        announces=alt(lists["announces"]),
        # a word that merely starts with one of them ("即将") is not one
        namely="(?!" + alt(lists["not_namely"]) + ")(?:" + alt(lists["namely"]) + ")",
        partial=tuple(lists["partial"]),
        none_occurred_rx=cached_re(alt(lists["none_occurred"])),
        levels_rx=cached_re(alt(lists["levels"])),
        heading_count_rx=cached_re(r"[（(]\s*(?:" + alt(lists["heading_count"]) + r")\s*$"),
        heading_generic=frozenset(lists.get("heading_generic", [])),
        whole_words=tuple(lists.get("whole_words", [])),
        unmet_rx=cached_re(alt(claims["unmet"])),
        no_deviation_rx=cached_re(alt(claims["no_deviation"]) + r"|偏差[：:]\s*无"),
        categories_rx=cached_re(alt(claims["categories"])),
        intentions_rx=cached_re(alt(claims["intentions"])),
        grade_rx=cached_re(
            r"(?:" + alt(claims["grade_labels"]) + r")\s*(?:为|是|：|:)?\s*[“\"「『‘']?"
            r"(" + alt([w for g in lx["grades"] for w in g["words"]]) + r")"
        ),
        down=tuple(lx["directions"]["down"]),
        change_rx=cached_re(alt(lx["directions"]["up"] + lx["directions"]["down"])),
        cuts_rx=cached_re(alt(lx["directions"]["cuts"])),
        causes_rx=cached_re(alt(lx["directions"]["causes"])),
        prior=alt(lx["periods"]["prior"]),
        base_rx=cached_re(
            "(?:" + alt(lx["periods"]["compare_before"]) + ")"
            r"\s*(?:" + alt(lx["periods"]["prior"]) + r"|(?:19|20)\d{2}\s*年)"
        ),
        mid=alt(lx["periods"]["mid"]),
        target_labels=alt(lx["indicators"]["target"]),
        # "完成" only at the end of a label ("实际完成"): elsewhere it names a rate or a task
        actual_rx=cached_re(alt(lx["indicators"]["actual"]) + "|完成$"),
        selection_rx=cached_re(alt(lists["selection"])),
        some_rx=cached_re(alt(lists["some"])),
        respectively=alt(lists["respectively"]),
        joined_run_rx=cached_re(r"\s*(?:[、,，]\s*)?(?:" + alt(lists["joiners"]) + r")?\s*"),
        empty_label_rx=cached_re(r"(?:[\s：:“”\"']|" + alt(lx["labels"]["empty"]) + r")*"),
        connectives_rx=cached_re(r"(?:[\s，,；;：:。]|" + alt(lx["labels"]["connectives"]) + r")+"),
        base_opens_rx=cached_re(alt(lists["base_opens"])),
    )
