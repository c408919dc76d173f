"""Regenerate the list of checks in README.md from the catalogue (rules/checks/*.toml).

python scripts/rules_table.py          # rewrite README.md in place
python scripts/rules_table.py --check  # exit 1 if README.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from auditor.catalogue import rules

BEGIN, END = "<!-- rules:begin -->", "<!-- rules:end -->"
README = Path(__file__).resolve().parent.parent / "README.md"


def table() -> str:
    rows = ["| code | name | family | severity | what it catches |", "|---|---|---|---|---|"]
    for r in rules().values():
        rows.append(
            f"| {r.code} | {r.name} | {r.family} | {r.severity.value} | {r.summary['zh']} — {r.summary['en']} |"
        )
    return "\n".join(rows)


def render(text: str) -> str:
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = render(text)
    if "--check" in sys.argv:
        return 0 if new == text else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
