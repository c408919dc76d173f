"""Run the command line in-process, through main() (so its error handling is what is tested)."""

from __future__ import annotations

import io
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from auditor.cli import main

DATA = Path(__file__).resolve().parent / "data"
CI = DATA / "ci"  # errors.txt: A001 + T002 (errors); warning.txt: P001; clean.txt: nothing


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(capsys, *args: str, stdin: bytes | None = None, monkeypatch=None) -> Run:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    capsys.readouterr()
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    return Run(code, out, err)


def copy_fixtures(dest: Path, *names: str) -> list[Path]:
    """Copy tests/data/ci fixtures into a temporary directory (tests never write into the repo)."""
    out = []
    for n in names or ("errors.txt", "warning.txt", "clean.txt"):
        target = dest / n
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CI / Path(n).name, target)
        out.append(target)
    return out
