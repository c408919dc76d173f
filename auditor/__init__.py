"""audit-budget: reconciles the figures of Chinese public-sector budget reports."""

__version__ = "0.1.0"
