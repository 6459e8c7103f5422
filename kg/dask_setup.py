"""Dask preload for the nannies and workers statekg starts (`LocalCluster(preload=...)`): each asks
the kernel to stop it when its parent dies, so a `kill -9` of `kg ingest` leaves no worker behind
holding the store's files."""

from __future__ import annotations

from kg.processes import die_with_parent


def dask_setup(service) -> None:  # noqa: ARG001 - the hook Dask calls in each process it starts
    die_with_parent()
