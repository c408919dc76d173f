"""The check catalogue and the concept lexicon, read from rules/ (data, not code)."""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

from .cache import load_toml, load_tomls
from .model import Severity
from .record import FrozenRecord

if TYPE_CHECKING:
    from pathlib import Path


def data_path(name: str, *parts: str) -> str:
    """A file of rules/ or templates/ (or the directory itself): inside the wheel (auditor/_data)
    or beside the package in a checkout. A string: the text path imports no pathlib (with
    urllib.parse behind it, about 8M instructions of a json audit)."""
    here = os.path.dirname(os.path.realpath(__file__))
    packed = os.path.join(here, "_data", name)
    root = packed if os.path.isdir(packed) else os.path.join(os.path.dirname(here), name)
    return os.path.join(root, *parts)


def data_dir(name: str) -> Path:
    """data_path(name) as a Path."""
    from pathlib import Path

    return Path(data_path(name))


class Rule(FrozenRecord):
    """One check as rules/checks/*.toml documents it: what messages and writers name."""

    code: str
    name: str
    family: str
    severity: Severity
    summary: dict[str, str]
    rationale: dict[str, str]
    bad: str
    good: str

    def __init__(
        self,
        code: str,
        name: str,
        family: str,
        severity: Severity,
        summary: dict[str, str],
        rationale: dict[str, str],
        bad: str,
        good: str,
    ) -> None:
        self.__dict__.update(
            code=code,
            name=name,
            family=family,
            severity=severity,
            summary=summary,
            rationale=rationale,
            bad=bad,
            good=good,
        )


@cache
def rules() -> dict[str, Rule]:
    out: dict[str, Rule] = {}
    checks = data_path("rules", "checks")
    names = sorted(n for n in os.listdir(checks) if n.endswith(".toml"))
    for data in load_tomls([os.path.join(checks, name) for name in names]):
        for c in data["check"]:
            out[c["code"]] = Rule(
                code=c["code"],
                name=c["name"],
                family=c["family"],
                severity=Severity(c["severity"]),
                summary=c["summary"],
                rationale=c["rationale"],
                bad=c["bad"],
                good=c["good"],
            )
    return dict(sorted(out.items()))


@cache
def lexicon() -> dict:
    return load_toml(data_path("rules", "lexicon.toml"))
