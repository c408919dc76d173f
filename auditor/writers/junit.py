"""--format junit: JUnit XML for CI test reports (GitLab merge requests, Jenkins, Azure).

One testsuite per file and one testcase per check: a check fails when it has findings at or above
the file's fail-on severity (lesser findings are listed in the testcase's system-out), and checks
that were not selected are skipped. An unreadable file is a testsuite with one errored testcase.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..catalogue import rules
from ..lazy_re import cached_re
from ..model import Result, Severity
from .common import location

_XML_INVALID = cached_re("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(s: str) -> str:
    """XML 1.0 cannot carry most control characters (PDF text has form feeds): drop them."""
    return _XML_INVALID.sub("", s)


def _rank(fail_on: str) -> int:
    return 99 if fail_on == "never" else Severity(fail_on).rank


def _lines(r: Result, findings, lang: str) -> str:
    out = []
    for f in findings:
        loc = location(r.document, f.span)
        out.append(
            f"{r.document.path}:{loc['line']}:{loc['column']}: {f.severity.value} {f.message[lang]}"
        )
        formula = f.evidence.get("formula")
        if formula:
            out.append(f"    {'核算' if lang == 'zh' else 'recomputed'}: {formula}")
    return clean("\n".join(out))


def render(
    results: list[Result],
    lang: str = "zh",
    errors: list[str] = (),
    fail_on: list[str] | str = "warning",
    enabled: list[set[str]] | None = None,
    **_: object,
) -> str:
    catalogue = rules()
    root = ET.Element("testsuites", name="audit-budget")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for i, r in enumerate(results):
        path = clean(r.document.path)
        threshold = _rank(fail_on if isinstance(fail_on, str) else fail_on[i])
        on = enabled[i] if enabled is not None else set(catalogue)
        suite = ET.SubElement(root, "testsuite", name=path)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for code, rule in catalogue.items():
            counts["tests"] += 1
            case = ET.SubElement(
                suite, "testcase", classname=path, name=f"{code} {rule.name}", file=path
            )
            if code not in on:
                ET.SubElement(case, "skipped", message="not selected")
                counts["skipped"] += 1
                continue
            found = [f for f in r.findings if f.rule == code]
            failing = [f for f in found if f.severity.rank >= threshold]
            if failing:
                counts["failures"] += 1
                first = failing[0].message[lang]
                msg = first if len(failing) == 1 else f"{len(failing)} findings; {first}"
                fail = ET.SubElement(case, "failure", message=clean(msg), type=code)
                fail.text = _lines(r, failing, lang)
            rest = [f for f in found if f.severity.rank < threshold]
            if rest:
                ET.SubElement(case, "system-out").text = _lines(r, rest, lang)
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    for e in errors:
        name = clean(e.split(": ", 1)[0]) if ": " in e else "input"
        suite = ET.SubElement(root, "testsuite", name=name, tests="1", failures="0", errors="1",
                              skipped="0")  # fmt: skip
        case = ET.SubElement(suite, "testcase", classname=name, name="read")
        ET.SubElement(case, "error", message=clean(e), type="InputError").text = clean(e)
        totals["tests"] += 1
        totals["errors"] += 1
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
