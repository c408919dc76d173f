"""Generated documents for property tests: consistent reports and single injected errors.

Two families: 绩效自评报告 (compose.py, inject.py) and 部门预算 / 部门决算 with text tables
(budget.py, budget_inject.py); paraphrase.py rewrites either without changing its arithmetic.
"""

from .compose import build_report
from .inject import INJECT, KINDS, Injection, inject
from .model import Fig, Identity, Report

__all__ = ["INJECT", "KINDS", "Fig", "Identity", "Injection", "Report", "build_report", "inject"]
