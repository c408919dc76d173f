"""Paths on the command line → the report files to audit, in a deterministic order."""

from __future__ import annotations

import os

from ..errors import InputError
from .load import SUPPORTED

REPORT_SUFFIXES = {".txt", ".pdf", ".docx", ".xlsx"}


def discover(paths: list[str]) -> list[str]:
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
        elif os.path.isdir(p or "."):  # as Path(p).is_dir(): "" is the current directory
            from pathlib import Path  # here: a file named on the command line needs none

            found = [
                str(q)
                for q in Path(p).rglob("*")
                if q.is_file() and q.suffix.lower() in REPORT_SUFFIXES
            ]
            out.extend(sorted(found))
        elif any(c in p for c in "*?[") and not os.path.exists(p):
            import glob  # here: only a pattern needs it
            from pathlib import Path

            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                raise InputError(f"{p}: no file matches")
            out.extend(
                m for m in matches if Path(m).is_file() and Path(m).suffix.lower() in SUPPORTED
            )
        else:
            out.append(p)
    seen: set[str] = set()
    unique = []
    for p in out:
        k = os.path.normpath(p)
        if k not in seen:
            seen.add(k)
            unique.append(p)
    return unique
