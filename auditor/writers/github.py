"""--format github: workflow commands that GitHub Actions turns into annotations on the diff.

    ::error file=reports/a.txt,line=3,col=5,endLine=3,endColumn=12,title=A001 adjusted-sum::…

GitHub parses these lines itself, so the message must escape %, CR and LF, and property values
must also escape : and , (the separators of the property list).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..catalogue import rules
from ..display import escape
from ..model import Result, Severity
from .common import counts, location, summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    """GitHub's own escapes, after every other control character is made visible."""
    s = "".join(p if p in ("\r", "\n") else escape(p) for p in re.split(r"(\r|\n)", s))
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def relpath(path: str) -> str:
    """Paths relative to the working directory (the checkout), as annotations need."""
    if path in ("-", "<stdin>"):
        return path
    p = Path(os.path.abspath(path))
    try:
        return p.relative_to(os.getcwd()).as_posix()
    except ValueError:
        return p.as_posix()


def render(results: list[Result], lang: str = "zh", errors: list[str] = (), **_: object) -> str:
    out = []
    for r in results:
        doc = r.document
        path = relpath(doc.path)
        for f in r.findings:
            loc = location(doc, f.span)
            props = {
                "file": path,
                "line": loc["line"],
                "col": loc["column"],
                "endLine": loc["end_line"],
                "endColumn": loc["end_column"],
                "title": f"{f.rule} {rules()[f.rule].name}",
            }
            head = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
            message = f.message[lang]
            formula = f.evidence.get("formula")
            if formula and formula not in message:
                message += "\n" + ("核算：" if lang == "zh" else "recomputed: ") + formula
            out.append(f"::{COMMANDS[f.severity]} {head}::{escape_data(message)}")
    for e in errors:
        out.append(f"::error title={escape_property('audit-budget')}::{escape_data(e)}")
    out.append(summary_line(counts(results), lang))
    return "\n".join(out) + "\n"
