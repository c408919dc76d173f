"""Rounding convention: a figure cut off at its decimals instead of rounded half up.

Q001 is decided where a rate or a total is recomputed (``base.emit_rate`` / ``base.emit_sum``):
a figure that misses its computed interval when rounded half up but equals the computed value
truncated at its stated decimals (95.457% written 95.45%) is reported here, at info, in place
of the rate or sum error. The function below only registers the code: the rate and total
checks raise it, so ``--select Q001`` alone finds nothing; ``--ignore Q001`` silences it.
"""

from __future__ import annotations

from .base import Audit, check


@check("Q001")
def truncated_rounding(a: Audit) -> None:
    """Raised by emit_rate / emit_sum (see base.truncated); nothing to read on its own."""
    return None
