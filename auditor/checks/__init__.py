"""The checks, one module per family. Importing this package registers them all."""

from . import (  # noqa: F401
    adjustments,
    arithmetic,
    crossref,
    crosstables,
    directions,
    document,
    duplicates,
    enumerations,
    forms,
    grades,
    indicators,
    periods,
    rates,
    restatements,
    rounding,
    tables,
    totals,
)
from .base import REGISTRY, Audit

__all__ = ["REGISTRY", "Audit"]
