"""The README's list of checks is generated from the catalogue and must not drift from it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_rules_table_is_current():
    r = subprocess.run([sys.executable, "scripts/rules_table.py", "--check"], cwd=ROOT)
    assert r.returncode == 0, "run: python scripts/rules_table.py"
