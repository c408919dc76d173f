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


# The collector's state before start-up paused it; None when start-up is not paused.
_before_startup: bool | None = None


def pause_startup() -> None:
    """Pause the collector while the modules a run needs are imported.

    Start-up allocates some 100,000 objects that live as long as the process (modules, classes,
    functions, compiled patterns) and hold the only cycles there are; the collector's passes over
    them, ever longer as they accumulate, are about a twentieth of a small audit's whole run.
    `end_startup()` turns it back on."""
    global _before_startup
    if _before_startup is None:
        _before_startup = gc.isenabled()
        gc.disable()


def end_startup(freeze: bool) -> None:
    """The modules are loaded: turn the collector back on (if it was). `freeze` (the process is
    the command-line run) moves everything allocated so far out of its later passes for good,
    as `batch` does in its workers; a caller of `cli.main` in process keeps its own objects
    collectable."""
    global _before_startup
    if _before_startup is None:
        return
    if freeze:
        gc.freeze()
    if _before_startup:
        gc.enable()
    _before_startup = None
