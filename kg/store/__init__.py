"""Opening a store: the embedded Oxigraph store (default `./kg-store`) or a SPARQL 1.1 endpoint.

The location comes from `--store`, else the STATEKG_STORE environment variable, else ./kg-store.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from kg.store.base import Row, Store, StoreError
from kg.store.embedded import EmbeddedStore, default_lock_timeout
from kg.store.remote import RemoteStore

DEFAULT_LOCATION = "kg-store"


def store_location(location: str | os.PathLike | None = None) -> str:
    return str(location or os.environ.get("STATEKG_STORE") or DEFAULT_LOCATION)


def open_store(
    location: str | os.PathLike | None = None,
    writable: bool = True,
    upgrade: bool = False,
    notify: Callable[[str], None] | None = None,
    finishing_load: bool = False,
) -> Store:
    """Open (creating if needed) the store at `location`: a directory path or an http(s) URL.
    `upgrade` brings a store of an older format up to date instead of refusing it; `notify` hears
    what a writer waiting for another's lock has to say (whom it waits for, for how long);
    `finishing_load` opens a store that an interrupted bulk load left marked (for `kg load`)."""
    where = store_location(location)
    if where.startswith(("http://", "https://")):
        return RemoteStore(where, writable=writable, upgrade=upgrade, finishing_load=finishing_load)
    return EmbeddedStore(
        Path(where),
        writable=writable,
        lock_timeout=default_lock_timeout(),
        upgrade=upgrade,
        notify=notify,
        finishing_load=finishing_load,
    )


__all__ = ["Row", "Store", "StoreError", "open_store", "store_location", "DEFAULT_LOCATION"]
