"""What kind of document this is (部门预算, 部门决算, 绩效自评), read from its title.

The kind decides the roles years play (GENRES.md): a budget for year Y is published early in
Y and compares with Y-1; final accounts and self-evaluations of Y are published in Y+1.
"""

from __future__ import annotations

from ..catalogue import lexicon
from ..lazy_re import cached_re
from ..segment import marker_at

TITLE_LINES = 2  # the title of a document: its first non-empty lines
_GENRE_LINES = 4  # the title and what stands under it (预算主管部门：…)
_TITLE_MAX = 50
_SENTENCE = cached_re(r"[。，,；;]")


def title(text: str) -> str:
    """The document's title: its first short lines that are no sentence, before the first
    numbered item ("一、2022年预算…" opens the body)."""
    lines = []
    for ln in text[:2000].splitlines():
        ln = ln.strip()
        if not ln:
            continue
        if marker_at(ln, 0) is not None or len(lines) == _GENRE_LINES:
            break
        lines.append(ln)
    # a title is short and no sentence: a paragraph that mentions 决算 does not make one
    return "".join(ln for ln in lines if len(ln) <= _TITLE_MAX and not _SENTENCE.search(ln))


def detect_genre(text: str) -> str | None:
    """'budget', 'final' or 'selfeval' from the title, or None when it does not say."""
    head = title(text)
    for genre, words in lexicon()["periods"]["genres"]:
        if any(w in head for w in words):
            return genre
    return None
