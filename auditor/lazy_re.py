"""Regular expressions compiled on first use, for the module-level patterns a run may never need.

Compiling a pattern costs 50–500 µs in Python's `re` compiler, and about half the modules'
patterns serve inputs a given run does not have (tables, a 目录, a reflowed PDF export, forms):
compiling them when first used keeps start-up to what the run reads. After the first use the
pattern's methods sit on the object itself, so a hot loop pays no indirection.
"""

from __future__ import annotations

import re

# What a module-level pattern is used for; each is copied from the compiled pattern on first use.
_ATTRIBUTES = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """Stands for `re.compile(pattern, flags)` and compiles it when an attribute is first read."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        # Only called for attributes not yet on the instance: the first use, or an unknown name.
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for attr in _ATTRIBUTES:
            self.__dict__[attr] = getattr(compiled, attr)
        self.__dict__["compiled"] = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, deferred to the first use (typed as the pattern it stands for)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
