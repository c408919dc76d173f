"""Audit many files: in parallel processes, results in input order, failures kept per file.

A file that cannot be read (or that trips a bug) becomes an Outcome with an error; the others'
results are kept, and the caller decides the exit status at the end.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from .display import escape
from .engine import Options, audit
from .errors import InputError
from .io import load_path
from .model import Result
from .payload import Keep, trim
from .record import Record


class Task(Record):
    """One file to audit, with its effective options: what a worker process receives."""

    path: str
    options: Options
    encoding: str | None
    keep: Keep  # what of the Result the writers read (see auditor/payload.py)
    layout: bool  # keep where a PDF's characters are printed (--html page images)

    def __init__(
        self,
        path: str,
        options: Options,
        encoding: str | None = None,
        keep: Keep = Keep(),  # noqa: B008 - frozen: one shared default, as before
        layout: bool = False,
    ) -> None:
        self.path = path
        self.options = options
        self.encoding = encoding
        self.keep = keep
        self.layout = layout


class Outcome(Record):
    """What auditing one file gave: its result, or why it could not be audited."""

    path: str
    result: Result | None
    error: str | None

    def __init__(self, path: str, result: Result | None = None, error: str | None = None) -> None:
        self.path = path
        self.result = result
        self.error = error


# Directories a recursive search never enters: version control, tool caches, virtualenvs and
# dependencies hold text files that are not reports (LICENSE.txt, …). Named explicitly on the
# command line, they are searched.
SKIP_DIRS = {"node_modules", "__pycache__", "site-packages"}


def _skipped(d: str, name: str) -> bool:
    return (
        name.startswith(".")
        or name in SKIP_DIRS
        or os.path.exists(os.path.join(d, name, "pyvenv.cfg"))
    )


def _walk(root: str, problems: list[str] | None = None) -> list[str]:
    from .io.files import REPORT_SUFFIXES

    def unreadable(e: OSError) -> None:  # said, and the exit status says so (not skipped silently)
        if problems is not None:
            problems.append(
                f"{escape(e.filename or root)}: cannot read the directory ({e.strerror})"
            )

    found = []
    # does not follow symlinked directories: no loops
    for d, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = [x for x in dirs if not _skipped(d, x)]
        found.extend(
            os.path.join(d, f) for f in files if os.path.splitext(f)[1].lower() in REPORT_SUFFIXES
        )
    from pathlib import Path  # here: only a directory's files are sorted by their parts

    return sorted(found, key=lambda p: Path(p).parts)


def discover(paths: list[str], problems: list[str] | None = None) -> list[str]:
    """Files, directories (recursive, by extension) and globs → report files, in a deterministic
    order: arguments as given, each directory's files sorted by path; duplicates dropped.
    Directories that cannot be read are added to `problems`."""
    from .io.files import discover as expand

    out: list[str] = []
    for p in paths:
        out.extend(_walk(p, problems) if p != "-" and os.path.isdir(p) else expand([p]))
    seen: set[str] = set()
    unique = []
    for p in out:
        k = os.path.normpath(os.path.abspath(p)) if p != "-" else p
        if k not in seen:
            seen.add(k)
            unique.append(p)
    return unique


def _worker_init() -> None:
    """Workers leave Ctrl-C to the parent (which cancels what is pending), and keep the objects
    inherited from it out of their garbage collector's scans."""
    import signal  # here, not at the top: 2 ms of enum building a run without workers never uses

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def run_one(task: Task) -> Outcome:
    """One file's audit, in whatever process runs it (--jobs, a Dask worker, this one): never
    raises for a file, so one bad input costs only its own line."""
    shown = escape(task.path)
    try:
        result = audit(load_path(task.path, task.encoding, task.layout), task.options)
        return Outcome(task.path, result=trim(result, task.keep))
    except InputError as e:
        return Outcome(task.path, error=escape(str(e)))
    except RecursionError:
        return Outcome(task.path, error=f"{shown}: too deeply nested to audit")
    except MemoryError:
        return Outcome(task.path, error=f"{shown}: too large to audit (out of memory)")
    except Exception as e:  # a bug must not cost the other files their results
        return Outcome(
            task.path,
            error=escape(f"{shown}: internal error ({type(e).__name__}: {e}); please report it"),
        )


def _run_chunk(tasks: list[Task]) -> list[Outcome]:
    return [run_one(t) for t in tasks]


def _chunks(n: int, jobs: int) -> list[range]:
    """Small enough to balance the load and move the progress bar, large enough to amortise IPC."""
    size = max(1, min(16, n // (jobs * 8)))
    return [range(i, min(n, i + size)) for i in range(0, n, size)]


def run(
    tasks: list[Task],
    jobs: int = 1,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Audit every task; the outcomes come back in the order of the tasks."""
    out: list[Outcome | None] = [None] * len(tasks)
    local = [i for i, t in enumerate(tasks) if t.path == "-"]  # stdin belongs to this process
    remote = [i for i, t in enumerate(tasks) if t.path != "-"]
    for i in local:
        out[i] = run_one(tasks[i])
        if progress:
            progress(out[i])
    jobs = max(1, min(jobs, len(remote)))
    if jobs == 1:
        for i in remote:
            out[i] = run_one(tasks[i])
            if progress:
                progress(out[i])
    else:
        # imported here: a single file never pays for process pools (about 15 ms of imports)
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

        chunks = [[remote[k] for k in r] for r in _chunks(len(remote), jobs)]
        # Unpickling results makes many small objects, and the cyclic GC would rescan all the
        # results received so far each time: that, not the audit, limited the speed-up. Results
        # hold no cycles worth collecting mid-batch, so the collector waits until the end.
        gc_was_on = gc.isenabled()
        gc.disable()
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
        try:
            pending = {pool.submit(_run_chunk, [tasks[i] for i in c]): c for c in chunks}
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    idx = pending.pop(fut)
                    try:
                        outcomes = fut.result()
                    except Exception as e:  # a worker died (killed, out of memory)
                        outcomes = [
                            Outcome(
                                tasks[i].path, error=f"{escape(tasks[i].path)}: worker failed ({e})"
                            )
                            for i in idx
                        ]
                    for i, o in zip(idx, outcomes, strict=True):
                        out[i] = o
                        if progress:
                            progress(o)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            if gc_was_on:
                gc.enable()
    return [o for o in out if o is not None]


class ProgressBar:
    """Files done and findings so far, redrawn in place on a terminal's stderr; silent elsewhere."""

    def __init__(self, total: int, stream: TextIO | None = None, lang: str = "zh",
                 enabled: bool | None = None) -> None:  # fmt: skip
        self.stream = stream or sys.stderr
        self.total = total
        self.lang = lang
        self.done = 0
        self.findings = 0
        self.errors = 0
        self._last = 0.0
        self.enabled = self.wanted(self.stream) if enabled is None else enabled
        self.enabled = self.enabled and total > 1

    @staticmethod
    def wanted(stream: TextIO) -> bool:
        """A human watching: a TTY, not CI, not a dumb terminal."""
        try:
            tty = stream.isatty()
        except (AttributeError, ValueError):
            return False
        return tty and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"

    def __call__(self, outcome: Outcome) -> None:
        self.done += 1
        if outcome.result is not None:
            self.findings += len(outcome.result.findings)
        else:
            self.errors += 1
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.done == self.total):
            self._last = now
            self._draw()

    def line(self) -> str:
        width = 24
        filled = width * self.done // max(1, self.total)
        bar = "█" * filled + "·" * (width - filled)
        if self.lang == "en":
            text = f"{self.done}/{self.total} files, {self.findings} findings"
            if self.errors:
                text += f", {self.errors} unreadable"
        else:
            text = f"{self.done}/{self.total} 个文件，{self.findings} 个问题"
            if self.errors:
                text += f"，{self.errors} 个无法读取"
        return f"{bar} {text}"

    def _draw(self) -> None:
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
