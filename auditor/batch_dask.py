"""--engine dask: a batch's files mapped over Dask workers, outcomes in input order.

Every file runs the same function as with ``--jobs`` (batch.run_one), a few files to a Dask task,
so the outputs are those of ``--jobs`` byte for byte. A file that fails in a worker (the worker
killed, out of memory, or an error outside the audit) becomes that file's error line; the others
keep their results. Dask is an optional extra, imported here only.

Without a scheduler address a local cluster of ``workers`` processes (one thread each: the audit
is pure Python) is started for the batch and stopped after it. With one, the workers read the
files themselves: give paths they can open (absolute ones on storage they share).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from functools import partial

from .batch import Outcome, Task, _chunks, run_one
from .display import escape
from .errors import UsageError

CONNECT_TIMEOUT = "20s"


def _import():
    try:
        import distributed
    except ImportError:
        raise UsageError(
            "--engine dask needs Dask, which is not installed: pip install 'audit-budget[dask]'"
        ) from None
    return distributed


@contextlib.contextmanager
def client(scheduler: str | None, workers: int) -> Iterator:
    """A Client on the scheduler at `scheduler`, or on a local cluster made for this batch."""
    distributed = _import()
    if scheduler is None:
        import dask

        # A worker's death fails the tasks it held at once; run() retries them one at a time.
        with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
            cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.CRITICAL,  # failures are reported per file
            )
        try:
            with distributed.Client(cluster) as c:
                yield c
        finally:
            cluster.close()
        return
    try:
        c = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as e:
        raise UsageError(f"--scheduler {scheduler}: cannot connect ({e})") from None
    with c:
        yield c


def _failed(task: Task, e: BaseException) -> Outcome:
    shown = escape(task.path)
    return Outcome(task.path, error=escape(f"{shown}: worker failed ({type(e).__name__}: {e})"))


def _chunk(fn: Callable[[Task], Outcome], tasks: list[Task]) -> list[Outcome]:
    """One Dask task: a few files, so the scheduler's cost per task is shared (batch._chunks)."""
    return [fn(t) for t in tasks]


def _map(c, fn, tasks: list[Task], groups: list[list[int]], done: Callable) -> None:
    """Run each group of tasks as one Dask task; done(group, outcomes or the exception) as each
    finishes, results fetched in batches. What is pending when this is left (Ctrl-C) is cancelled."""
    from distributed import as_completed

    futures = c.map(partial(_chunk, fn), [[tasks[i] for i in g] for g in groups], pure=False)
    where = {f.key: g for f, g in zip(futures, groups, strict=True)}
    try:
        for fut, res in as_completed(futures, with_results=True, raise_errors=False):
            if fut.status == "error":  # res is (type, exception, traceback)
                res = res[1]
            elif fut.status != "finished":
                res = RuntimeError(fut.status)
            fut.release()
            done(where[fut.key], res)
    finally:
        c.cancel([f for f in futures if not f.done()])


def run(
    tasks: list[Task],
    scheduler: str | None = None,
    workers: int = 1,
    progress: Callable[[Outcome], None] | None = None,
    fn: Callable[[Task], Outcome] | None = None,
) -> list[Outcome]:
    """Audit every task on Dask; the outcomes come back in the order of the tasks. `fn` is the
    per-file function (batch.run_one; tests give another).

    Files go out in small groups (one Dask task each). A group that fails as a whole (its worker
    died, out of memory or killed, and took every file it held) is run again one file at a time,
    so only a file that fails on its own is lost, as its own error line.
    """
    _import()  # a missing extra fails before anything runs
    fn = fn or run_one
    out: list[Outcome | None] = [None] * len(tasks)

    def finish(i: int, o: Outcome) -> None:
        out[i] = o
        if progress:
            progress(o)

    remote = []
    for i, t in enumerate(tasks):
        if t.path == "-":  # stdin belongs to this process
            finish(i, fn(t))
        else:
            remote.append(i)
    if not remote:
        return [o for o in out if o is not None]
    retry: list[int] = []

    def done(group: list[int], res: list[Outcome] | BaseException) -> None:
        if isinstance(res, BaseException):
            retry.extend(group)
            return
        for i, o in zip(group, res, strict=True):
            finish(i, o)

    def alone(group: list[int], res: list[Outcome] | BaseException) -> None:
        (i,) = group
        finish(i, _failed(tasks[i], res) if isinstance(res, BaseException) else res[0])

    with client(scheduler, workers) as c:
        slots = sum(c.nthreads().values()) or workers
        groups = [[remote[k] for k in r] for r in _chunks(len(remote), slots)]
        _map(c, fn, tasks, groups, done)
        for i in sorted(retry):  # alone now: a death is this file's own
            _map(c, fn, tasks, [[i]], alone)
    return [o for o in out if o is not None]
