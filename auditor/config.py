"""Configuration: `[tool.audit-budget]` in pyproject.toml or an audit-budget.toml.

Each input gets the configuration closest to it (walking up from its directory, as ruff does), so
a batch spanning two projects honours both. `--config FILE` replaces the search. Every key and
value is checked: a typo must stop the run (exit 2, the key named), not silently widen it.

Precedence: command-line flags, then the file, then the defaults. A `--select` on the command line
states the whole selection (the file's select and ignore are dropped); a command-line `--ignore`
adds to the file's.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING

from .cache import load_toml
from .errors import UsageError
from .model import Severity
from .record import Record

if TYPE_CHECKING:
    from pathlib import Path

CONFIG_NAMES = ("audit-budget.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")


def tolerance_families() -> list[str]:
    """Unit families a tolerance may be given for (Quantity.family). Values are in the family's
    base unit: 元 for money, percentage points for percent, units for counts, points for scores."""
    from .extract.numbers import UNITS

    return sorted({fam for fam, _ in UNITS.values()} | {"other"})


KEYS = (
    "select",
    "ignore",
    "per-file-ignores",
    "severity",
    "fail-on",
    "tolerances",
    "year",
    "synonyms",
)


class Settings(Record):
    """The effective settings for one input file."""

    select: list[str]  # codes or prefixes; empty = all
    ignore: list[str]
    per_file_ignores: dict[str, list[str]]  # glob → codes
    severity: dict[str, Severity]  # code → severity
    fail_on: str
    tolerances: dict[str, Decimal]
    year: int | None
    synonyms: dict[str, list[str]]
    source: str | None  # the file these came from (None: defaults only)
    root: str  # per-file-ignores globs are relative to this directory

    def __init__(
        self,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        per_file_ignores: dict[str, list[str]] | None = None,
        severity: dict[str, Severity] | None = None,
        fail_on: str = "warning",
        tolerances: dict[str, Decimal] | None = None,
        year: int | None = None,
        synonyms: dict[str, list[str]] | None = None,
        source: str | None = None,
        root: str = ".",
    ) -> None:
        self.select = [] if select is None else select
        self.ignore = [] if ignore is None else ignore
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.severity = {} if severity is None else severity
        self.fail_on = fail_on
        self.tolerances = {} if tolerances is None else tolerances
        self.year = year
        self.synonyms = {} if synonyms is None else synonyms
        self.source = source
        self.root = root


class Overrides(Record):
    """What the command line says; None (or empty) means 'not given'."""

    select: list[str] | None
    ignore: list[str] | None
    severity: dict[str, Severity]
    fail_on: str | None
    year: int | None

    def __init__(
        self,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        severity: dict[str, Severity] | None = None,
        fail_on: str | None = None,
        year: int | None = None,
    ) -> None:
        self.select = select
        self.ignore = ignore
        self.severity = {} if severity is None else severity
        self.fail_on = fail_on
        self.year = year


# ---------------------------------------------------------------------------------------------
# Codes


def all_codes() -> list[str]:
    from .catalogue import rules

    return list(rules())


def check_codes(codes: list[str], where: str) -> list[str]:
    """Upper-case codes or prefixes; each must name at least one check in the catalogue."""
    known = all_codes()
    out = []
    for c in codes:
        c = c.strip().upper()
        if not c or not any(k.startswith(c) for k in known):
            raise UsageError(f"{where}: unknown check code or prefix '{c}' (see --list-rules)")
        out.append(c)
    return out


def expand(prefixes: list[str]) -> list[str]:
    """Codes matching any of the prefixes, in catalogue order."""
    return [k for k in all_codes() if any(k.startswith(p) for p in prefixes)]


def selected(code: str, select: list[str], ignore: list[str]) -> bool:
    if select and not any(code.startswith(p) for p in select):
        return False
    return not any(code.startswith(p) for p in ignore)


# ---------------------------------------------------------------------------------------------
# Globs for per-file-ignores, with .gitignore semantics (pathspec, a maintained implementation):
# `*` stays within a directory, `**` crosses them, a pattern without a slash matches the file
# name anywhere, a trailing slash means everything under a directory.


@cache
def compile_glob(pattern: str):
    """The pattern compiled; ValueError (naming the problem) when it is not a valid glob."""
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines([pattern.replace("\\", "/")])
    except Exception as e:  # re.error, GitWildMatchPatternError, TypeError…
        raise ValueError(str(e) or type(e).__name__) from None


def glob_match(pattern: str, path: str, root: str) -> bool:
    """Does a file match a per-file-ignores pattern written relative to `root`?"""
    if path in ("-", "<stdin>"):
        return False
    from pathlib import Path  # here: only per-file-ignores match paths

    p = Path(os.path.abspath(path))
    try:
        rel = p.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        rel = p.as_posix().lstrip("/")
    return compile_glob(pattern.removeprefix("./")).match_file(rel)


# ---------------------------------------------------------------------------------------------
# Reading and validating a file


def _bad(source: str, key: str, why: str) -> UsageError:
    return UsageError(f"{source}: '{key}' {why}")


def _str_list(v: object, source: str, key: str) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise _bad(source, key, f"must be a list of strings (got {v!r})")
    return v


def _decimal(v: object, source: str, key: str) -> Decimal:
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        raise _bad(source, key, f"must be a number (got {v!r})")
    try:
        d = Decimal(str(v))
    except InvalidOperation:
        raise _bad(source, key, f"must be a number (got {v!r})") from None
    if not d.is_finite() or d < 0:
        raise _bad(source, key, f"must be a non-negative number (got {v!r})")
    if d > MAX_TOLERANCE or (d and d.as_tuple().exponent < -12):
        raise _bad(
            source, key, f"must be at most {MAX_TOLERANCE} with at most 12 decimals (got {v!r})"
        )
    return d


# A slack beyond this is not a tolerance but a way to switch checks off (and 1e999999999 would
# overflow the interval arithmetic); use ignore for that.
MAX_TOLERANCE = Decimal("1e12")


def parse(table: dict, source: str, root: str) -> Settings:
    """A config table → Settings; raises UsageError naming the first bad key."""
    s = Settings(source=source, root=root)
    for key, v in table.items():
        if key not in KEYS:
            hint = ", ".join(KEYS)
            raise UsageError(f"{source}: unknown key '{key}' (known keys: {hint})")
        if key in ("select", "ignore"):
            codes = check_codes(_str_list(v, source, key), f"{source}: '{key}'")
            setattr(s, key, codes)
        elif key == "per-file-ignores":
            if not isinstance(v, dict):
                raise _bad(source, key, "must be a table of glob = [codes]")
            for g in v:
                try:
                    compile_glob(str(g).removeprefix("./"))
                except ValueError as e:
                    raise _bad(source, f"{key}.{g}", f"is not a valid glob ({e})") from None
            s.per_file_ignores = {
                g: check_codes(_str_list(c, source, f"{key}.{g}"), f"{source}: '{key}.{g}'")
                for g, c in v.items()
            }
        elif key == "severity":
            if not isinstance(v, dict):
                raise _bad(source, key, 'must be a table of code = "error|warning|info"')
            s.severity = parse_severity(v, lambda c: f"{source}: 'severity.{c}'")
        elif key == "fail-on":
            if v not in FAIL_ON:
                raise _bad(source, key, f"must be one of {', '.join(FAIL_ON)} (got {v!r})")
            s.fail_on = v
        elif key == "tolerances":
            if not isinstance(v, dict):
                raise _bad(source, key, "must be a table of family = number")
            for fam, x in v.items():
                families = tolerance_families()
                if fam not in families:
                    raise _bad(
                        source,
                        f"{key}.{fam}",
                        f"is not a unit family (one of {', '.join(families)})",
                    )
                s.tolerances[fam] = _decimal(x, source, f"{key}.{fam}")
        elif key == "year":
            if isinstance(v, bool) or not isinstance(v, int) or not 1949 <= v <= 2100:
                raise _bad(source, key, f"must be a year such as 2023 (got {v!r})")
            s.year = v
        elif key == "synonyms":
            from .catalogue import lexicon

            concepts = lexicon()["concepts"]
            if not isinstance(v, dict):
                raise _bad(source, key, "must be a table of concept = [phrases]")
            for concept, words in v.items():
                if concept not in concepts:
                    raise _bad(
                        source,
                        f"{key}.{concept}",
                        f"is not a concept of the lexicon (e.g. {', '.join(list(concepts)[:3])})",
                    )
                words = _str_list(words, source, f"{key}.{concept}")
                if any(not w.strip() for w in words):
                    raise _bad(source, f"{key}.{concept}", "contains an empty phrase")
                s.synonyms[concept] = words
    return s


def parse_severity(table: dict, where: Callable[[str], str]) -> dict[str, Severity]:
    """{code or prefix: level} → {code: Severity}; more specific entries win over prefixes."""
    out: dict[str, Severity] = {}
    items = sorted(table.items(), key=lambda kv: len(kv[0]))
    for code, level in items:
        prefix = check_codes([code], where(code))[0]
        if level not in ("error", "warning", "info"):
            raise UsageError(f"{where(code)} must be error, warning or info (got {level!r})")
        for c in expand([prefix]):
            out[c] = Severity(level)
    return out


def load(path: str | Path) -> Settings:
    """Read one configuration file (pyproject.toml: its [tool.audit-budget] table)."""
    from pathlib import Path  # here: a run without a configuration file imports no pathlib

    p = Path(path)
    source = str(p)
    try:
        data = load_toml(p)
    except FileNotFoundError:
        raise UsageError(f"{source}: configuration file not found") from None
    except OSError as e:
        raise UsageError(f"{source}: cannot read the configuration ({e.strerror})") from None
    except UnicodeDecodeError:
        raise UsageError(f"{source}: invalid TOML (not UTF-8)") from None
    except ValueError as e:  # tomllib.TOMLDecodeError (not imported when the cache answers)
        raise UsageError(f"{source}: invalid TOML ({e})") from None
    if p.name == "pyproject.toml":
        tool = data.get("tool", {})
        if "audit-budget" not in tool:
            raise UsageError(f"{source}: no [tool.audit-budget] table")
        data = tool["audit-budget"]
        if not isinstance(data, dict):
            raise UsageError(f"{source}: [tool.audit-budget] must be a table")
    return parse(data, source, str(p.resolve().parent))


def _has_table(pyproject: str) -> bool:
    try:
        return "audit-budget" in load_toml(pyproject).get("tool", {})
    except (OSError, ValueError):  # tomllib.TOMLDecodeError and UnicodeDecodeError are ValueErrors
        # A broken pyproject.toml we were not asked to read is not ours to judge… unless it
        # mentions us, in which case load() will report what is wrong with it.
        try:
            with open(pyproject, encoding="utf-8", errors="replace") as f:
                return "[tool.audit-budget" in f.read()
        except OSError:
            return False


@cache
def find(directory: str) -> str | None:
    """The closest audit-budget.toml, or pyproject.toml with [tool.audit-budget], at or above."""
    d = directory
    while True:  # d and each of its parents (directory is absolute)
        own = os.path.join(d, "audit-budget.toml")
        if os.path.isfile(own):
            return own
        py = os.path.join(d, "pyproject.toml")
        if os.path.isfile(py) and _has_table(py):
            return py
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


@cache
def _load_cached(path: str) -> Settings:
    return load(path)


def clear_cache() -> None:
    """Forget found and parsed files (each run reads them afresh; tests rewrite them)."""
    find.cache_clear()
    _load_cached.cache_clear()


def for_path(path: str, explicit: str | None = None, isolated: bool = False) -> Settings:
    """The file-level settings that apply to one input (before command-line overrides)."""
    if isolated:
        return Settings()
    if explicit:
        from pathlib import Path

        return _load_cached(str(Path(explicit)))
    if path in ("-", "<stdin>"):
        start = os.getcwd()
    elif os.path.isdir(path):
        start = os.path.abspath(path)
    else:
        start = os.path.dirname(os.path.abspath(path))
    found = find(start)
    return _load_cached(found) if found else Settings()


def merge(s: Settings, o: Overrides) -> Settings:
    """Command-line flags over the file."""
    out = s.shallow_copy()  # shallow, as dataclasses.replace made it
    out.severity = {**s.severity, **o.severity}
    if o.select is not None:
        out.select, out.ignore = list(o.select), list(o.ignore or [])
    elif o.ignore:
        out.ignore = [*s.ignore, *o.ignore]
    if o.fail_on is not None:
        out.fail_on = o.fail_on
    if o.year is not None:
        out.year = o.year
    return out


def file_ignores(s: Settings, path: str) -> list[str]:
    """The codes per-file-ignores adds for this file."""
    out: list[str] = []
    for pattern, codes in s.per_file_ignores.items():
        if glob_match(pattern, path, s.root):
            out.extend(c for c in codes if c not in out)
    return out


def options(s: Settings, path: str):
    """Settings → the engine's Options for one file."""
    from .engine import Options

    return Options(
        year=s.year,
        select=list(s.select),
        ignore=[*s.ignore, *file_ignores(s, path)],
        severity=dict(s.severity),
        synonyms={k: list(v) for k, v in s.synonyms.items()},
        tolerances=dict(s.tolerances),
    )


def show(s: Settings, path: str | None = None) -> str:
    """The effective settings, as TOML a user could paste into [tool.audit-budget]."""

    def lst(xs: list[str]) -> str:
        return "[" + ", ".join(f'"{x}"' for x in xs) + "]"

    lines = [f"# configuration file: {s.source or '(none: defaults)'}"]
    if path:
        lines.append(f"# for: {path}")
    enabled = [c for c in all_codes() if selected(c, s.select, s.ignore)]
    if path:
        extra = file_ignores(s, path)
        enabled = [c for c in enabled if not any(c.startswith(p) for p in extra)]
    lines.append(f"# checks enabled: {' '.join(enabled) or '(none)'}")
    lines.append("[tool.audit-budget]")
    lines.append(f"select = {lst(s.select)}")
    lines.append(f"ignore = {lst(s.ignore)}")
    lines.append(f'fail-on = "{s.fail_on}"')
    lines.append(
        f"year = {s.year}" if s.year is not None else "# year = (detected from each report)"
    )
    lines.append("")
    lines.append("[tool.audit-budget.per-file-ignores]")
    lines.extend(f'"{g}" = {lst(c)}' for g, c in s.per_file_ignores.items())
    lines.append("")
    lines.append("[tool.audit-budget.severity]")
    lines.extend(f'{c} = "{v.value}"' for c, v in sorted(s.severity.items()))
    lines.append("")
    lines.append("[tool.audit-budget.tolerances]")
    lines.extend(f'{k} = "{v}"' for k, v in s.tolerances.items())
    lines.append("")
    lines.append("[tool.audit-budget.synonyms]")
    lines.extend(f'"{k}" = {lst(v)}' for k, v in s.synonyms.items())
    return "\n".join(lines) + "\n"
