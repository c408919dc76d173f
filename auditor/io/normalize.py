"""Character-for-character normalisation: full-width forms to ASCII and traditional characters of
the vocabulary to simplified ones (rules/variants.txt), one length in, same out.

Keeping the length means every offset into the normalised text is an offset into the original,
so findings point at the exact characters the author wrote. Chinese clause punctuation (，；：。)
is kept as it is: it separates clauses and is never part of a number.
"""

from ..lazy_re import cached_re, escaped

_KEEP = set("，；：！？（）")  # kept full-width: clause punctuation the segmenter reads
_TABLE = {}
for _cp in range(0xFF01, 0xFF5F):
    _c = chr(_cp)
    if _c not in _KEEP:
        _TABLE[_cp] = chr(_cp - 0xFEE0)
_TABLE.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",
        0x2212: "-",  # minus sign
        0x2014: "-",
        0x2013: "-",
        0xFE6A: "%",  # small percent
        0x2030: "‰",
        0x3007: "〇",
        0xFF0E: ".",
        0x2266: "≤",  # ≦
        0x2267: "≥",  # ≧
        0xFE64: "<",
        0xFE65: ">",
    }
)


def _variants() -> dict[int, str]:
    """Traditional → simplified for the characters the tool's words use (萬元 reads as 万元)."""
    from ..catalogue import data_path

    with open(data_path("rules", "variants.txt"), encoding="utf-8") as f:
        text = f.read()
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    trad, simp = lines
    return {ord(t): s for t, s in zip(trad, simp, strict=True)}


_TABLE.update(_variants())

# Any character the table changes. str.translate looks every character up in the table (5 ms a
# quarter megabyte of Chinese); a search finds the first one to change twenty times faster, and
# most reports have none, or only late in the text.
_CHANGED = cached_re("[" + escaped((chr(cp) for cp in sorted(_TABLE)), "") + "]")


def normalize(text: str) -> str:
    """text.translate(_TABLE), translating only from the first character the table changes."""
    first = _CHANGED.search(text)
    if first is None:
        return text
    a = first.start()
    out = text[:a] + text[a:].translate(_TABLE)
    assert len(out) == len(text)
    return out
