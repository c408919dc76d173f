"""The check catalogue and the concept lexicon, read from rules/ (data, not code)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .cache import load_toml
from .model import Severity
from .record import FrozenRecord


def data_dir(name: str) -> Path:
    """rules/ or templates/: inside the wheel (auditor/_data) or beside the package in a checkout."""
    here = Path(__file__).resolve().parent
    packed = here / "_data" / name
    return packed if packed.is_dir() else here.parent / name


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
    for path in sorted((data_dir("rules") / "checks").glob("*.toml")):
        for c in load_toml(path)["check"]:
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
    return load_toml(data_dir("rules") / "lexicon.toml")
