"""The Python API: audit a path, bytes or text; get typed results and the JSON document.

Stable: what this module defines (and ``auditor`` re-exports) changes only with a new major
version; everything else in the package is internal. docs/api.md documents each call with
examples that run as tests (tests/test_api.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .batch import Outcome, Task, default_jobs, discover
from .batch import run as _run
from .engine import Options
from .engine import audit as _audit
from .errors import InputError, UsageError
from .model import (
    Document,
    Fact,
    Finding,
    Position,
    Quantity,
    Related,
    Result,
    Severity,
    Span,
)

__all__ = [
    "Coverage",
    "Document",
    "Fact",
    "Finding",
    "InputError",
    "Options",
    "Outcome",
    "Position",
    "Quantity",
    "Related",
    "Result",
    "Severity",
    "Span",
    "UsageError",
    "audit_bytes",
    "audit_files",
    "audit_path",
    "audit_text",
    "coverage",
    "json_document",
    "options_for",
]


@dataclass(frozen=True)
class Coverage:
    """How many figures the audit found and how many took part in a check."""

    extracted: int
    checked: int

    @property
    def share(self) -> float:
        """checked / extracted (0.0 for a report without figures)."""
        return self.checked / self.extracted if self.extracted else 0.0


def options_for(path: str = "-", config: str | None = None, isolated: bool = False) -> Options:
    """The Options the command line would use for `path`: the configuration file found from its
    directory (or `config`), per-file-ignores included; `isolated` ignores configuration files."""
    from . import config as cfg

    return cfg.options(cfg.for_path(path, config, isolated), path)


def audit_path(path: str, options: Options | None = None, encoding: str | None = None) -> Result:
    """Audit one file (TXT, PDF, DOCX, XLSX). Raises InputError when it cannot be read."""
    from .io import load_path

    return _audit(load_path(path, encoding), options)


def audit_bytes(
    data: bytes, name: str = "<bytes>", options: Options | None = None, encoding: str | None = None
) -> Result:
    """Audit a file's content (the kind is told from the bytes, as for a path); `name` stands for
    its path in locations and outputs."""
    from .io import load_bytes

    return _audit(load_bytes(data, name, encoding), options)


def audit_text(text: str, name: str = "<text>", options: Options | None = None) -> Result:
    """Audit a report given as text (wrapped lines are rebuilt, as for a .txt file)."""
    return audit_bytes(text.encode("utf-8"), name, options, encoding="utf-8")


def audit_files(
    paths: Iterable[str],
    options: Options | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> list[Outcome]:
    """Audit files, directories (recursively) and globs in `jobs` processes, or on Dask workers
    (engine="dask": the cluster at `scheduler`, or a local one of `jobs` workers). One Outcome per
    file, in a deterministic order (as the command line's): `.result`, or `.error` for a file that
    could not be audited; one bad file never costs the others."""
    if engine not in ("local", "dask"):
        raise UsageError(f"engine must be 'local' or 'dask', not {engine!r}")
    files = discover(list(paths))
    tasks = [Task(p, options or Options()) for p in files]
    jobs = max(1, min(jobs, default_jobs()))
    if engine == "dask":
        from . import batch_dask

        return batch_dask.run(tasks, scheduler, jobs)
    if scheduler:
        raise UsageError("a scheduler is for engine='dask'")
    return _run(tasks, jobs)


def coverage(result: Result) -> Coverage:
    return Coverage(result.figures_extracted, result.figures_checked)


def json_document(results: Result | Iterable[Result], lang: str = "zh") -> dict:
    """The `--format json` document (schema/findings.schema.json) as Python data; json.dumps of it
    with ensure_ascii=False is what the command line writes."""
    from .writers.json_format import document

    return document([results] if isinstance(results, Result) else list(results), lang)
