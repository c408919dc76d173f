"""Check every output path before any audit runs: no two outputs on one file, no output onto an
input, and no output the next run would find as an input (inside an audited directory, or matched
by an audited glob, with a report's suffix). Refusing up front costs nothing; finding out after
the audit would lose the earlier output or, next run, audit the report about itself.
"""

from __future__ import annotations

import os

from ..errors import UsageError
from .atomic import is_stdout, same_file
from .files import REPORT_SUFFIXES


def _key(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _inside(path: str, directory: str) -> bool:
    d = _key(directory).rstrip(os.sep) + os.sep
    return _key(path).startswith(d)


def check_outputs(outputs: list[tuple[str, str]], args: list[str], files: list[str]) -> None:
    """outputs: (option, path) of every file this run will write; args: the PATHS as given;
    files: the inputs found. Raises UsageError naming both sides of the first collision."""
    real = [(flag, p) for flag, p in outputs if p and not is_stdout(p)]
    for i, (flag, p) in enumerate(real):
        for flag2, q in real[:i]:
            if same_file(p, q):
                raise UsageError(f"{flag} {p}: the same file as {flag2} {q}")
    for flag, p in real:
        if os.path.exists(p) and not os.path.isfile(p) and not os.path.isdir(p):
            continue  # a device or FIFO is written through; it cannot be an input
        for src in files:
            if src != "-" and same_file(src, p):
                raise UsageError(f"{flag} {p}: refusing to overwrite an input file")
        if os.path.splitext(p)[1].lower() not in REPORT_SUFFIXES:
            continue  # an .html, .json, .sarif… output is never found as a report
        for a in args:
            if a == "-":
                continue
            if os.path.isdir(a) and _inside(p, a):
                raise UsageError(
                    f"{flag} {p}: inside the audited directory {a} (the next run would audit "
                    "it as a report); write it elsewhere"
                )
            if any(c in a for c in "*?[") and _fnmatch(os.path.normpath(p), os.path.normpath(a)):
                raise UsageError(
                    f"{flag} {p}: matched by the audited pattern {a} (the next run would audit "
                    "it as a report); write it elsewhere"
                )


def _fnmatch(name: str, pattern: str) -> bool:
    """fnmatch.fnmatch, imported only when an audited argument is a pattern (rarely)."""
    import fnmatch

    return fnmatch.fnmatch(name, pattern)
