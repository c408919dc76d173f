"""Generated 绩效自评报告 for property tests: consistent reports and single injected errors."""

from .compose import build_report
from .inject import INJECT, KINDS, Injection, inject
from .model import Fig, Identity, Report

__all__ = ["INJECT", "KINDS", "Fig", "Identity", "Injection", "Report", "build_report", "inject"]
