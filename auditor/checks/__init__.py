"""The checks, one module per family, imported when a document can use them (see index.py).

`load_all()` imports every module, for what needs the whole registry (the catalogue's tests);
`to_run()` gives one audit's check functions, importing only the modules it needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from . import index
from .base import REGISTRY, Audit, CheckFn

__all__ = ["REGISTRY", "Audit", "load_all", "to_run"]


def _function(module: str, name: str) -> CheckFn:
    """A check function, its module imported (and so its checks registered) on first use."""
    fn = REGISTRY.get(f"{__name__}.{module}.{name}")
    if fn is None:
        importlib.import_module(f"{__name__}.{module}")
        fn = REGISTRY[f"{__name__}.{module}.{name}"]
    return fn


def load_all() -> dict[str, CheckFn]:
    """Every check module imported: the whole registry."""
    for module, name, _codes in index.CHECKS:
        _function(module, name)
    return REGISTRY


def to_run(a: Audit, selected: Callable[[str], bool]) -> list[CheckFn]:
    """The check functions this audit runs, in the index's order: those reporting a selected
    code, of a module whose need (NEEDS) the document meets."""
    applies: dict[str, bool] = {}
    out = []
    for module, name, codes in index.CHECKS:
        if not any(selected(c) for c in codes):
            continue
        if module not in applies:
            need = index.NEEDS.get(module)
            applies[module] = need is None or need(a)
        if applies[module]:
            out.append(_function(module, name))
    return out
