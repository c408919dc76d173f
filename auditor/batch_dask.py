"""--engine dask: a batch's files mapped over Dask workers, outcomes in input order.

Each file is one Dask task running the same function as ``--jobs`` (batch.run_one), so the outputs
are those of ``--jobs`` byte for byte. A file whose task fails in a worker (the worker killed, out
of memory, or an error outside the audit) becomes that file's error line; the others keep their
results. Dask is an optional extra, imported here only.

Without a scheduler address a local cluster of ``workers`` processes (one thread each: the audit
is pure Python) is started for the batch and stopped after it. With one, the workers read the
files themselves: give paths they can open (absolute ones on storage they share).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator

from .batch import Outcome, Task, run_one
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
                silence_logs=logging.ERROR,
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


def _failed(task: Task, e: Exception) -> Outcome:
    shown = escape(task.path)
    return Outcome(task.path, error=escape(f"{shown}: worker failed ({type(e).__name__}: {e})"))


def _map(
    c, fn, tasks: list[Task], idx: list[int], done: Callable[[int, Outcome | Exception], None]
):
    """Run tasks[i] for i in idx on the cluster; done(i, outcome or the task's exception) as each
    finishes. Whatever is still pending when this is left (Ctrl-C) is cancelled."""
    from distributed import as_completed

    futures = c.map(fn, [tasks[i] for i in idx], pure=False)
    where = {f.key: i for f, i in zip(futures, idx, strict=True)}
    try:
        for fut in as_completed(futures):
            try:
                res: Outcome | Exception = fut.result()
            except Exception as e:
                res = e
            fut.release()
            done(where[fut.key], res)
    finally:
        c.cancel([f for f in futures if not f.done()])


def run(
    tasks: list[Task],
    scheduler: str | None = None,
    workers: int = 1,
    progress: Callable[[Outcome], None] | None = None,
    fn: Callable[[Task], Outcome] = run_one,
) -> list[Outcome]:
    """Audit every task on Dask; the outcomes come back in the order of the tasks. `fn` is the
    per-file function (batch.run_one; tests give another).

    A worker that dies takes down every task it held, not only the file that killed it: those
    files are run again one at a time, so only a file that kills its worker on its own is lost.
    """
    distributed = _import()  # a missing extra fails before anything runs
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
    killed: list[int] = []

    def done(i: int, res: Outcome | Exception) -> None:
        if isinstance(res, distributed.KilledWorker):
            killed.append(i)
        else:
            finish(i, res if isinstance(res, Outcome) else _failed(tasks[i], res))

    with client(scheduler, workers) as c:
        _map(c, fn, tasks, remote, done)
        for i in sorted(killed):  # alone now: a death is this file's own
            _map(c, fn, tasks, [i], lambda i, res: finish(
                i, res if isinstance(res, Outcome) else _failed(tasks[i], res)))  # fmt: skip
    return [o for o in out if o is not None]
