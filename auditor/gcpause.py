"""Pause Python's cycle collector while a stage builds many small objects that hold no cycles.

An audit (and a PDF read) allocates hundreds of thousands of small objects — quantities, facts,
character boxes — and keeps most of them to the end. Each allocation burst sets off the cycle
collector, whose passes walk ever more live objects as the document grows: a fifth of the time
on a 16 MB report, for nothing, since these stages create no reference cycles (a test checks).
Reference counting still frees everything as usual; the collector runs again afterwards.

Pausing alone only postpones the walk: every object made while paused counts as an allocation of
the youngest generation, so the first allocation after the pause sets off a collection of all of
them (and, ten of those later, another of the middle generation). On leaving, the objects are
therefore moved to the oldest generation without being walked (gc.freeze() then gc.unfreeze()
does that in constant time), where only the rare full collections look at them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()  # every tracked object to the permanent generation, counts reset ...
            gc.unfreeze()  # ... and from there to the oldest one: nothing is walked
            gc.enable()
