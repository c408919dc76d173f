"""--format sarif: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

Valid against the official schema (tests/data/sarif-2.1.0.json). Paths are URIs relative to the
working directory (uriBaseId %SRCROOT%), as code scanning expects for files in the checkout;
columns count Unicode code points, as our locations do.
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

from ..catalogue import rules
from ..model import Result, Severity
from .common import location

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "auditBudget/v1"
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def version() -> str:
    try:
        return metadata.version("audit-budget")
    except metadata.PackageNotFoundError:
        return "0"


def artifact_location(path: str, cwd: str | None = None) -> dict:
    """A file as a URI relative to the working directory (posix, %-encoded), or, for a file
    outside it, an absolute file: URI."""
    if path in ("-", "<stdin>"):
        return {"uri": "stdin"}
    cwd = cwd or os.getcwd()
    p = Path(os.path.abspath(path))
    try:
        rel = p.relative_to(cwd).as_posix()
    except ValueError:
        return {"uri": p.as_uri()}
    return {"uri": quote(rel, safe="/-._~!$&'()*+,;=@"), "uriBaseId": "%SRCROOT%"}


def rule_descriptor(code: str, lang: str) -> dict:
    r = rules()[code]
    bad_label, good_label = ("错误示例", "正确示例") if lang == "zh" else ("Bad", "Good")
    text = (
        f"{r.summary[lang]}\n\n{r.rationale[lang]}\n\n{bad_label}: {r.bad}\n{good_label}: {r.good}"
    )
    markdown = (
        f"**{r.summary[lang]}**\n\n{r.rationale[lang]}\n\n"
        f"{bad_label}:\n\n```\n{r.bad}\n```\n\n{good_label}:\n\n```\n{r.good}\n```\n"
    )
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary[lang]},
        "fullDescription": {"text": r.rationale[lang]},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {"family": r.family, "tags": [r.family]},
    }


def _region(doc, span, snippet: bool = True) -> dict:
    loc = location(doc, span)
    region = {
        "startLine": loc["line"],
        "startColumn": loc["column"],
        "endLine": loc["end_line"],
        "endColumn": loc["end_column"],
    }
    if snippet:
        region["snippet"] = {"text": doc.source(span)}
    return region


def _physical(doc, span, index: int, cwd: str) -> dict:
    return {
        "artifactLocation": {**artifact_location(doc.path, cwd), "index": index},
        "region": _region(doc, span),
    }


def _jsonable(v):
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if isinstance(v, str | int | float | bool) or v is None:
        return v
    return str(v)


def render(results: list[Result], lang: str = "zh", errors: list[str] = (), **_: object) -> str:
    from .common import finding_dict

    cwd = os.getcwd()
    codes = list(rules())
    rule_index = {c: i for i, c in enumerate(codes)}
    artifacts, sarif_results = [], []
    for ai, r in enumerate(results):
        doc = r.document
        art: dict = {"location": artifact_location(doc.path, cwd)}
        if doc.encoding in MIME:  # PDF, DOCX: lines and columns are those of the extracted text
            art["mimeType"] = MIME[doc.encoding]
        else:
            art["mimeType"] = "text/plain"
            art["encoding"] = doc.encoding
        if doc.sha256:
            art["hashes"] = {"sha-256": doc.sha256}
        artifacts.append(art)
        for f in r.findings:
            plain = finding_dict(doc, f, lang)
            res = {
                "ruleId": f.rule,
                "ruleIndex": rule_index[f.rule],
                "level": LEVELS[f.severity],
                "message": {"text": f.message[lang]},
                "locations": [{"physicalLocation": _physical(doc, f.span, ai, cwd)}],
                "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
                "properties": {"evidence": _jsonable(plain["evidence"])},
            }
            if "page" in plain["location"]:
                res["properties"]["page"] = plain["location"]["page"]
            related = [
                {
                    "id": k + 1,
                    "physicalLocation": _physical(doc, rel.span, ai, cwd),
                    "message": {"text": rel.role},
                }
                for k, rel in enumerate(f.related)
            ]
            if related:
                res["relatedLocations"] = related
            sarif_results.append(res)
    invocation = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": e}, "descriptor": {"id": "input-error"}}
            for e in errors
        ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "audit-budget",
                        "version": version(),
                        "semanticVersion": version(),
                        "language": "zh-CN" if lang == "zh" else "en-US",
                        "rules": [rule_descriptor(c, lang) for c in codes],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(cwd).as_uri() + "/"}},
                "artifacts": artifacts,
                "columnKind": "unicodeCodePoints",
                "invocations": [invocation],
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
