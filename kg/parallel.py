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
from collections.abc import Iterable, Iterator

from kg.article import Article
from kg.convert import Converted, Failed, convert_articles
from kg.errors import StateKGError

Results = list[Converted | Failed]
IN_FLIGHT_PER_WORKER = 3
PARALLEL_THRESHOLD = 200  # below this many articles to convert, a cluster costs more than it saves


class InProcess:
    """Convert here, chunk by chunk (small inputs: starting a cluster costs more than it saves)."""

    workers = 1

    def map_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[Results]:
        for chunk in chunks:
            yield convert_articles(chunk)

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
                    preload=["kg.dask_setup"],
                    preload_nanny=["kg.dask_setup"],
                )
                self.client = Client(self.cluster)
        except OSError as err:
            raise StateKGError(f"cannot reach the Dask scheduler {scheduler}: {err}") from None
        except TimeoutError:
            raise StateKGError(f"the Dask scheduler {scheduler} did not answer within 10 s") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map_chunks(self, chunks: Iterable[list[Article]]) -> Iterator[Results]:
        from distributed import KilledWorker

        pending: deque = deque()
        limit = self.workers * IN_FLIGHT_PER_WORKER
        chunks = iter(chunks)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < limit:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append(self.client.submit(convert_articles, chunk, pure=False))
            if not pending:
                break
            future = pending.popleft()
            try:
                yield future.result()
            except KilledWorker as err:
                raise StateKGError(
                    f"Dask workers died while converting a chunk of articles ({err}); the articles "
                    "written before it are stored, none of this chunk is: run the ingest again to resume"
                ) from None

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
