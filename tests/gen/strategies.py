"""Hypothesis strategies over generated reports.

A report is drawn from a seed plus the style choices that matter most to extraction (unit, digit
width, encoding, line endings), so that hypothesis covers them evenly and a failure names them.
"""

from __future__ import annotations

from hypothesis import strategies as st

from .compose import build_report
from .inject import KINDS, Injection, inject
from .model import Report

seeds = st.integers(min_value=0, max_value=2**31 - 1)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    return build_report(
        draw(seeds),
        unit=draw(st.sampled_from(("万元", "元", "亿元"))),
        fullwidth=draw(st.booleans()),
        kind=draw(st.sampled_from(("dept", "dept", "dept", "project"))),
        encoding=draw(st.sampled_from(("utf-8", "gb18030", "utf-8-bom"))),
        newline=draw(st.sampled_from(("\n", "\r\n"))),
    )


@st.composite
def injected(draw: st.DrawFn, kind: str) -> Injection | None:
    """A report with one error of the given kind, or None when the report offers no place for it."""
    assert kind in KINDS
    rep = draw(reports())
    return inject(rep, kind, draw(seeds))
