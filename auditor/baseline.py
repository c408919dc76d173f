"""Baselines: accept known findings by fingerprint, so CI fails only on new ones.

One format serves the CLI (`--write-baseline`, `--baseline`) and the HTML report's review export:

    {"version": 1, "tool": "audit-budget", "entries": [{"fingerprint": "<16 hex>", "rule": "A001",
     "path": "...", "status": "accepted|dismissed|confirmed|follow-up", "note": "...",
     "message": "...", "document_sha256": "..."}]}

Entries marked accepted or dismissed suppress the finding with the same rule and fingerprint in any
file (fingerprints hash the figures involved, not the path or the line). Confirmed and follow-up
entries are a reviewer's notes: they never hide a finding.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import UsageError
from .lazy_re import cached_re
from .model import Result

VERSION = 1
STATUSES = ("accepted", "dismissed", "confirmed", "follow-up")
SUPPRESSING = frozenset({"accepted", "dismissed"})
_FP = cached_re(r"[0-9a-f]{16}\Z")


@dataclass
class Entry:
    """One accepted (or reviewed) finding, known by its rule and content fingerprint."""

    fingerprint: str
    rule: str
    path: str = ""
    status: str = "accepted"
    note: str = ""
    message: str = ""
    document_sha256: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule, self.fingerprint)

    def as_dict(self) -> dict:
        d = {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "path": self.path,
            "status": self.status,
            "note": self.note,
            "message": self.message,
        }
        if self.document_sha256:
            d["document_sha256"] = self.document_sha256
        return d


@dataclass
class Baseline:
    """The findings a team has accepted: a later run reports only the others."""

    path: str
    entries: list[Entry] = field(default_factory=list)

    def suppressing(self) -> dict[tuple[str, str], Entry]:
        return {e.key: e for e in self.entries if e.status in SUPPRESSING}


MAX_BASELINE_BYTES = 64 * 1024 * 1024


def load(path: str) -> Baseline:
    """Read and check a baseline (or review export); a bad one is a usage error naming the problem."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or /dev/zero would never end
            raise UsageError(f"{path}: the baseline is not a regular file")
        with open(path, "rb") as f:
            raw = f.read(MAX_BASELINE_BYTES + 1)
        if len(raw) > MAX_BASELINE_BYTES:
            raise UsageError(f"{path}: the baseline is larger than {MAX_BASELINE_BYTES >> 20} MiB")
        data = json.loads(raw.decode("utf-8-sig"))
    except FileNotFoundError:
        raise UsageError(f"{path}: baseline not found") from None
    except OSError as e:
        raise UsageError(f"{path}: cannot read the baseline ({e.strerror})") from None
    except RecursionError:
        raise UsageError(f"{path}: not a baseline (JSON nested too deeply)") from None
    except (ValueError, UnicodeDecodeError) as e:  # JSONDecodeError, an integer too long
        why = str(e).splitlines()[0][:120] if str(e) else type(e).__name__
        raise UsageError(f"{path}: not a baseline (invalid JSON: {why})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise UsageError(f"{path}: not a baseline (expected an object with an 'entries' list)")
    if data.get("tool", "audit-budget") != "audit-budget":
        raise UsageError(f"{path}: not an audit-budget baseline (tool is {data.get('tool')!r})")
    if data.get("version", VERSION) != VERSION:
        raise UsageError(f"{path}: baseline version {data.get('version')!r} is not supported")
    out = Baseline(path)
    for i, e in enumerate(data["entries"]):
        where = f"{path}: entries[{i}]"
        if not isinstance(e, dict):
            raise UsageError(f"{where} is not an object")
        fp, rule = e.get("fingerprint"), e.get("rule")
        if not isinstance(fp, str) or not _FP.match(fp):
            raise UsageError(f"{where}: 'fingerprint' must be 16 hexadecimal digits (got {fp!r})")
        if not isinstance(rule, str) or not rule:
            raise UsageError(f"{where}: 'rule' is missing")
        status = e.get("status", "accepted")
        if status not in STATUSES:
            raise UsageError(
                f"{where}: 'status' must be one of {', '.join(STATUSES)} (got {status!r})"
            )
        strings = {}
        for k in ("path", "note", "message", "document_sha256"):
            v = e.get(k, "")
            if v is None:
                v = ""
            if not isinstance(v, str):
                raise UsageError(f"{where}: '{k}' must be a string")
            strings[k] = v
        out.entries.append(Entry(fp, rule.upper(), status=status, **strings))
    return out


@dataclass
class Applied:
    """What applying a baseline did: per-result suppressed counts are set on the Results."""

    suppressed: int
    stale: list[Entry]


def apply(
    baseline: Baseline,
    results: list[Result],
    judged: Callable[[Entry], bool] = lambda e: True,
) -> Applied:
    """Remove suppressed findings from the results; list the entries that matched nothing.

    An entry is stale only if a file of this run could have produced it: `judged(entry)` says so
    (see `in_scope`). Entries for files outside this run are left alone, so auditing one file of
    a baselined directory does not call the rest of the baseline stale.
    """
    keys = baseline.suppressing()
    used: set[tuple[str, str]] = set()
    total = 0
    for r in results:
        kept = []
        for f in r.findings:
            k = (f.rule, f.fingerprint)
            if k in keys:
                used.add(k)
                r.suppressed += 1
                total += 1
            else:
                kept.append(f)
        r.findings = kept
    stale = [e for k, e in keys.items() if k not in used and judged(e)]
    return Applied(total, stale)


def _norm(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def in_scope(results: list[Result], enabled: list[set[str]]) -> Callable[[Entry], bool]:
    """judged(entry) for apply(): the entry's document was audited in this run (found by path,
    or by content when it has moved) with the entry's check enabled. Indexed, so a baseline of
    thousands of entries over thousands of files costs one lookup per entry."""
    by_key: dict[str, list[int]] = {}
    for i, r in enumerate(results):
        doc = r.document
        if doc.sha256:
            by_key.setdefault("sha:" + doc.sha256, []).append(i)
        if doc.path not in ("-", "<stdin>"):
            by_key.setdefault("path:" + _norm(doc.path), []).append(i)

    def judged(e: Entry) -> bool:
        hits = by_key.get("sha:" + e.document_sha256, []) if e.document_sha256 else []
        if e.path:
            hits = hits + by_key.get("path:" + _norm(e.path), [])
        return any(e.rule in enabled[i] for i in hits)

    return judged


def build(
    results: list[Result],
    previous: Baseline | None = None,
) -> str:
    """A baseline accepting every current finding; notes and review statuses of entries that still
    match are kept from `previous`, entries that no longer match are dropped."""
    old = {e.key: e for e in previous.entries} if previous else {}
    entries: list[dict] = []
    seen: set[tuple[str, str, str]] = set()
    for r in results:
        for f in r.findings:
            k = (f.rule, f.fingerprint)
            if (r.document.path, *k) in seen:
                continue
            seen.add((r.document.path, *k))
            e = Entry(
                fingerprint=f.fingerprint,
                rule=f.rule,
                path=r.document.path,
                message=f.message.get("zh", ""),
                document_sha256=r.document.sha256,
            )
            if k in old:
                e.status, e.note = old[k].status, old[k].note
            entries.append(e.as_dict())
    doc = {"version": VERSION, "tool": "audit-budget", "entries": entries}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
