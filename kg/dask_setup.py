"""Dask preload for the worker processes statekg starts (`LocalCluster(preload=...)`): each asks the
kernel to stop it when its parent dies, so a `kill -9` of `kg ingest` leaves no worker behind
holding the store's files, and each leaves Ctrl-C to `kg`, which stops them and prints one line
(a worker's own KeyboardInterrupt would print its traceback)."""

from __future__ import annotations

from kg.processes import quiet_worker


def dask_setup(service) -> None:  # noqa: ARG001 - the hook Dask calls in each worker process
    quiet_worker()
