"""Which check functions there are, in which module, for which codes, and what a document must
have for a module's checks to find anything: the engine imports a check module only when a
document can use it (on a report without tables, the table checks are not imported, nor the
form checks unless a form's header words stand together in its text: about 4M of the seed's
307M instructions), and still runs the checks in one fixed order.

The index is data, kept equal to the modules by tests/test_check_index.py: it fails when a module
or function is missing here, when the order differs from importing every module (the order the
engine has always run them in), and when a module skipped by its need would have reported or
read a figure on any sample or catalogue example.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from .base import Audit

# (module in auditor.checks, function, the codes it reports), in the order the checks run: the
# order importing all modules by name registers them (forms imports grades and tables first).
CHECKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("adjustments", "adjustment_identity", ("A001",)),
    ("adjustments", "adjustment_rate", ("A002",)),
    ("arithmetic", "written_arithmetic", ("W001",)),
    ("crossref", "text_against_tables", ("S002",)),
    ("crosstables", "between_tables", ("C001",)),
    ("directions", "direction_word", ("R005",)),
    ("directions", "reason_direction", ("R006",)),
    ("directions", "completion_against_difference", ("R001",)),
    ("document", "placeholders", ("M001",)),
    ("document", "toc_tables", ("M002",)),
    ("document", "empty_note_on_filled_table", ("M003",)),
    ("duplicates", "duplicated_block", ("D001",)),
    ("enumerations", "enumeration_count", ("E001",)),
    ("enumerations", "enumeration_sum", ("E002", "U001")),
    ("enumerations", "project_list_totals", ("E002", "U001")),
    ("grades", "grade_scale", ("G001",)),
    ("tables", "total_rows", ("T003",)),
    ("tables", "parent_rows", ("T005",)),
    ("tables", "total_columns", ("T004",)),
    ("forms", "funds_parts", ("F001",)),
    ("forms", "funds_rate", ("F002",)),
    ("forms", "funds_score", ("F003",)),
    ("forms", "score_above_weight", ("F004",)),
    ("forms", "score_total", ("F005",)),
    ("forms", "weight_total", ("F006",)),
    ("forms", "grade", ("F007",)),
    ("forms", "missed_full_marks", ("F008",)),
    ("forms", "met_marked_down", ("F009",)),
    ("forms", "form_against_text", ("F010",)),
    ("indicators", "indicator_deviation", ("I001",)),
    ("indicators", "indicator_claim", ("I002",)),
    ("indicators", "growth_from_completion", ("I003",)),
    ("indicators", "overall_claim", ("I004",)),
    ("periods", "other_year_figure", ("P001",)),
    ("periods", "year_roles", ("P002",)),
    ("rates", "execution_rate", ("R001",)),
    ("rates", "shares", ("R002",)),
    ("rates", "change_rate", ("R003",)),
    ("rates", "growth_between_years", ("R003",)),
    ("rates", "completion_rate", ("R004",)),
    ("rates", "shares_of_one_base", ("R007",)),
    ("rates", "rates_of_a_stated_base", ("R002", "R004")),
    ("rates", "changes_of_parts", ("R008",)),
    ("restatements", "restated_differently", ("S001",)),
    ("restatements", "indicator_actuals", ("S001",)),
    ("restatements", "subject_amounts", ("S001",)),
    ("rounding", "truncated_rounding", ("Q001",)),
    ("totals", "breakdown_sums", ("T001", "T002", "U001")),
    ("totals", "partition_sums", ("T001", "U001")),
    ("totals", "score_sums", ("T001",)),
    ("totals", "named_partitions", ("T001",)),
    ("totals", "grand_totals_balance", ("T006",)),
    ("totals", "balance_of_built_totals", ("T007",)),
)


def has_tables(a: Audit) -> bool:
    """The document has tables (ruled, or written as text): every table check, the forms
    (read from tables) and the identities between tables read a.body.tables or its cells."""
    return bool(a.body.tables)


def has_forms(a: Audit) -> bool:
    """Tables, or a self-evaluation form flattened into the text (its header words together)."""
    if has_tables(a):
        return True
    from ..forms_flat import may_hold_form

    return may_hold_form(a.text)


def has_grades(a: Audit) -> bool:
    """A grade given to a score in the text (G001 reads only those)."""
    return bool(a.st.grades)


def has_indicators(a: Audit) -> bool:
    """Performance indicators in the text (I001–I004 read only those)."""
    return bool(a.st.indicators)


# What a module's checks read that a document may lack; a module not named here applies to
# every document.
NEEDS: dict[str, Callable[[Audit], bool]] = {
    "crosstables": has_tables,
    "forms": has_forms,
    "grades": has_grades,
    "indicators": has_indicators,
    "tables": has_tables,
}
