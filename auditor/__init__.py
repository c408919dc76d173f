"""audit-budget: reconciles the figures of Chinese public-sector budget reports.

The Python API (docs/api.md) is auditor.api, re-exported here on first use so that `import
auditor` (and the command line) stays light.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = frozenset(
    {
        "Coverage", "Document", "Fact", "Finding", "InputError", "Options", "Outcome", "Position",
        "Quantity", "Related", "Result", "Severity", "Span", "UsageError", "audit_bytes",
        "audit_files", "audit_path", "audit_text", "coverage", "json_document", "options_for",
    }
)  # fmt: skip


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'auditor' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
