"""Generated 自评表 (scripts/measure_forms.py): consistent ones give no finding in any layout,
and one injected error of each kind is found on its cell. The script measures the same on
hundreds of forms; this runs a few so that a regression fails the suite."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import measure_forms  # noqa: E402


def test_generated_forms_are_clean_and_every_injected_error_is_found() -> None:
    layouts = [".xlsx", ".bars.txt", ".lines.txt", ".tabs.txt", ".nodash.txt"]
    m = measure_forms.measure(3, seed=4242, show=20, only=layouts)
    st = m["stats"]
    for layout in m["layouts"]:
        assert st["false", layout] == 0, m["examples"]
        for kind in measure_forms.KINDS:
            assert st[kind, layout, "found"] == st[kind, layout] > 0, (kind, layout, m["examples"])
