"""Running the converter over a corpus: in this process, or on Dask distributed (a LocalCluster
sized to the machine by default, or the scheduler given by --scheduler / STATEKG_SCHEDULER).

Workers extract and map (kg/convert.py); results come back in input order, with a bounded number
of chunks in flight, so memory stays flat however long the corpus is. The writer (the calling
process) validates and writes.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from kg.article import Article
from kg.convert import Converted, Failed, convert_articles
from kg.errors import StateKGError

Results = list[Converted | Failed]
T = TypeVar("T")
R = TypeVar("R")
_END = object()
IN_FLIGHT_PER_WORKER = 3
PARALLEL_THRESHOLD = 200  # below this many articles to convert, a cluster costs more than it saves


class InProcess:
    """Run here, one input after another (small inputs: starting a cluster costs more than it saves)."""

    workers = 1

    def map(self, task: Callable[[T], R], inputs: Iterable[T]) -> Iterator[R]:
        for item in inputs:
            yield task(item)

    def map_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[Results]:
        return self.map(convert_articles, chunks)

    def close(self) -> None:
        pass


class DaskRunner:
    """Convert on a Dask cluster: a LocalCluster of `workers` processes, or an existing scheduler."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - a declared dependency
            raise StateKGError("Dask distributed is not installed (pip install distributed)") from None
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="10s")
            else:
                self.cluster = LocalCluster(
                    n_workers=workers or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                    # in the worker processes only: LocalCluster's nannies run in this process
                    preload=["kg.dask_setup"],
                )
                self.client = Client(self.cluster)
        except OSError as err:
            raise StateKGError(f"cannot reach the Dask scheduler {scheduler}: {err}") from None
        except TimeoutError:
            raise StateKGError(f"the Dask scheduler {scheduler} did not answer within 10 s") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, task: Callable[[T], R], inputs: Iterable[T]) -> Iterator[R]:
        """`task` over `inputs` on the cluster, results in input order, a few tasks per worker in
        flight (memory stays flat however many inputs there are)."""
        from distributed import KilledWorker

        pending: deque = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        inputs = iter(inputs)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < limit:
                item = next(inputs, _END)
                if item is _END:
                    exhausted = True
                    break
                pending.append(self.client.submit(task, item, pure=False))
            if not pending:
                break
            future = pending.popleft()
            try:
                yield future.result()
            except KilledWorker as err:
                for other in pending:
                    other.cancel()
                raise StateKGError(
                    f"Dask workers died while converting articles ({err}); what was written before "
                    "is stored whole, nothing of the failed part is: run the same command again to resume"
                ) from None

    def map_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[Results]:
        return self.map(convert_articles, chunks)

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()


def runner_for(count: int, workers: int | None, scheduler: str | None):
    """Dask given a scheduler or asked for 2+ workers; by default, a LocalCluster sized to the
    machine once there are enough articles to convert for it to pay; else in this process."""
    scheduler = scheduler or os.environ.get("STATEKG_SCHEDULER") or None
    if scheduler:
        return DaskRunner(scheduler=scheduler)
    if workers == 1 or count == 0:
        return InProcess()
    if workers is None and (count < PARALLEL_THRESHOLD or (os.cpu_count() or 1) <= 1):
        return InProcess()
    return DaskRunner(workers=workers)
