"""Regular expressions at start-up: compiled programs kept between runs, and patterns a run may
never need compiled on first use.

Python's `re` compiler is written in Python: 50–500 µs a pattern (a character class beyond
Latin-1, as most of ours are, builds a 64K-entry map), about a fifth of the tool's start-up for
some 110 patterns. `cached_re()` keeps each pattern's compiled program (the `_sre` code `re` itself
builds from the pattern text) in the user's cache directory, keyed by the pattern, its flags and
the exact Python build, and hands it to `_sre.compile` as `re.compile` does: an equal pattern
object, without the parse (tests/test_startup_work.py compares every pattern's matches). Anything unexpected (another Python, a damaged file, a private API
that moved) falls back to `re.compile`. `lazy()` defers the compilation itself to the first use,
for the patterns of inputs a run does not have (tables, a 目录, a reflowed PDF export, forms).
`cached_compile()` keeps the code objects of typing's forward references (click's string
annotations) in the same file, the other thing other packages compile at every start-up.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterable

try:  # the pieces re.compile is made of; without them cached_re() is re.compile
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python implementation
    _sre = None  # type: ignore[assignment]

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
# re.compile itself, which cached_re falls back on (and compiles its reference with) even while
# compiled_from_cache() routes re.compile to cached_re.
_re_compile = re.compile
_MAX_ENTRIES = 4000  # more (vocabulary from many configurations): keep only this run's

# The exact build a program was compiled by: a cache written by any other is not read.
_BUILD = (
    f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}" if _sre else ""
)
# (pattern, flags) → marshal of (flags, code, groups, groupindex, indexgroup), the arguments of
# _sre.compile; each is unmarshalled only when its pattern is compiled. None: not read yet;
# False: no cache (turned off, or no directory to keep it in).
_programs: dict | bool | None = None
_used: set = set()
_added = 0


def _load() -> dict | bool:
    global _programs
    if _programs is None:
        _programs = False
        from .cache import cache_dir

        where = cache_dir("regex") if _sre is not None else None
        if where is not None:
            import marshal

            path = os.path.join(where, f"programs-{sys.implementation.cache_tag}.marshal")
            _programs = {}
            try:
                with open(path, "rb") as f:
                    build, data = marshal.loads(f.read())
                if build == _BUILD and isinstance(data, dict):
                    _programs = data
            except Exception:  # absent, unreadable, truncated or foreign: compile afresh
                pass
            import atexit

            atexit.register(_save, path)
    return _programs


def _save(path) -> None:
    """Write the programs back when this run compiled new ones (atomically; failures ignored)."""
    if not _added or not _programs:
        return
    import marshal

    keep = _programs
    if len(keep) > _MAX_ENTRIES:
        keep = {k: v for k, v in keep.items() if k in _used}
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(marshal.dumps((_BUILD, keep)))
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _program(pattern: str, flags: int) -> tuple:
    """What re._compiler.compile hands to _sre.compile, in types marshal can store."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (
        int(flags | p.state.flags),
        [int(c) for c in code],
        p.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def cached_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, its program read from the cache when compiled before."""
    global _added
    flags = int(flags)
    if (
        _sre is None
        or not isinstance(pattern, str)
        or flags & (re.DEBUG | getattr(re, "TEMPLATE", 0))
    ):
        return _re_compile(pattern, flags)
    programs = _load()
    if programs is False:  # no cache: re.compile, without working out a program for nothing
        return _re_compile(pattern, flags)
    key = (pattern, flags)
    stored = programs.get(key)
    if stored is not None:
        try:
            import marshal

            compiled = _sre.compile(pattern, *marshal.loads(stored))
            _used.add(key)
            return compiled
        except Exception:  # a program this build cannot take: compile it again
            del programs[key]
    compiled = _re_compile(pattern, flags)  # the reference; errors are re's own
    try:
        import marshal

        program = _program(pattern, flags)
        if (program[0], program[2], program[3]) == (
            compiled.flags,
            compiled.groups,
            dict(compiled.groupindex),
        ):
            programs[key] = marshal.dumps(program)
            _used.add(key)
            _added += 1
    except Exception:  # the private compiler changed shape: just do not cache
        pass
    return compiled


def escaped(words: Iterable[str], sep: str = "|") -> str:
    """`sep.join(re.escape(w) for w in words)`, the same text, with one `re.escape` over all the
    words joined by NUL (which it leaves as it is) instead of one call a word: the lexicon's
    alternations escape about 1,400 words a run. A word holding a NUL is escaped on its own."""
    words = list(words)
    if any("\0" in w for w in words):
        return sep.join(re.escape(w) for w in words)
    return re.escape("\0".join(words)).replace("\0", sep)


class LazyPattern:
    """Stands for `cached_re(pattern, flags)` and compiles it when an attribute is first read."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        # Only called for attributes not yet on the instance: the first use, or an unknown name.
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        compiled = cached_re(*self._source)
        for attr in _ATTRIBUTES:
            self.__dict__[attr] = getattr(compiled, attr)
        self.__dict__["compiled"] = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`cached_re()`, deferred to the first use (typed as the pattern it stands for)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


def _routed(pattern, flags=0):  # noqa: ANN001, ANN202 - re.compile's signature
    if isinstance(pattern, str):
        return cached_re(pattern, flags)
    return _re_compile(pattern, flags)  # bytes or an already compiled pattern


def cached_compile(source, filename="<string>", mode="exec", flags=0, dont_inherit=False):  # noqa: ANN001, ANN201
    """`compile(source, filename, mode)`, the code object read from the regex cache's file (as a
    .pyc holds one) when compiled before. typing's forward references are what it is for: a
    TypedDict or TypeVar annotated with a string (as click's types are, under `from __future__
    import annotations`) compiles each name with `compile()`, about 0.4M instructions apiece and
    some 10M of a json audit's start-up for click's 26. Anything but a str in default flags is
    compile's own."""
    global _added
    programs = _load() if type(source) is str and not flags and not dont_inherit else False
    if programs is False:
        return _compile(source, filename, mode, flags, dont_inherit)
    import marshal

    key = ("\0compile", source, filename, mode)  # not a (pattern, flags) key of cached_re
    stored = programs.get(key)
    if stored is not None:
        try:
            code = marshal.loads(stored)
            _used.add(key)
            return code
        except Exception:  # a damaged entry: compile it again
            del programs[key]
    code = _compile(source, filename, mode)  # errors are compile's own
    programs[key] = marshal.dumps(code)
    _used.add(key)
    _added += 1
    return code


_compile = compile


@contextlib.contextmanager
def compiled_from_cache():  # noqa: ANN201
    """Route `re.compile` through `cached_re`, and typing's `compile` through `cached_compile`,
    while other packages' modules are imported.

    click (through platform and gettext) and jinja2 compile some 30 patterns at import, jinja2's
    lexer one over every identifier character: 2% of a text audit's instructions and 4% of one
    with --html; click's types compile 26 forward references. Only around imports: code that
    calls re.compile over and over relies on re's own cache, which cached_re does not consult.
    typing's `compile` is its module's global (the builtin when absent), so only typing's own
    calls take the cached one."""
    import typing  # click imports it anyway

    re.compile = _routed
    typing.compile = cached_compile  # type: ignore[attr-defined]
    try:
        yield
    finally:
        re.compile = _re_compile
        del typing.compile  # type: ignore[attr-defined]
