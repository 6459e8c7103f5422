"""The embedded store: Oxigraph on disk through pyoxigraph, no server.

One process writes at a time: writers take an exclusive lock on `<store>/statekg.lock` and
readers a shared one, waiting up to a timeout and then failing with a clear message. (Oxigraph's
own RocksDB lock would otherwise make the second process fail with a low-level I/O error.)
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.store.base import Row, Store, StoreError, describe_filter
from kg.store.terms import from_oxigraph

LOCK_FILE = "statekg.lock"
DUMP_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
}


class EmbeddedStore(Store):
    def __init__(
        self, path: Path, writable: bool = True, lock_timeout: float = 60.0, upgrade: bool = False
    ) -> None:
        self.location = str(path)
        self.path = path
        self.writable = writable
        if path.exists() and not path.is_dir():
            raise StoreError(f"store location {path} is a file, not a directory")
        if not writable and not path.exists():
            raise StoreError(f"no store at {path} (create one with kg ingest or kg build)")
        path.mkdir(parents=True, exist_ok=True)
        self._lock = open(path / LOCK_FILE, "a+")  # noqa: SIM115 - held for the store's lifetime
        self._acquire(lock_timeout)
        try:
            # readers share the database (our shared lock keeps writers out meanwhile)
            self.store = ox.Store(str(path)) if writable else ox.Store.read_only(str(path))
        except OSError as err:
            self._lock.close()
            raise StoreError(f"cannot open the store at {path}: {err}") from None
        try:
            self.check_format(writable, upgrade)
        except BaseException:
            self.close()  # release the lock: a refused store must not block the next opener
            raise

    def _acquire(self, timeout: float) -> None:
        mode = fcntl.LOCK_EX if self.writable else fcntl.LOCK_SH
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(self._lock, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self._lock.close()
                    raise StoreError(
                        f"the store at {self.path} is in use by another kg process; waited {timeout:.0f} s "
                        f"(set STATEKG_LOCK_TIMEOUT to wait longer)"
                    ) from None
                time.sleep(0.1)

    def describe(self, nodes: list[URIRef], exclude: URIRef | None = None) -> Graph:
        # one DISTINCT query per node: the engine collapses the copies of a triple that many
        # article graphs hold (a converter, a body, a place) before Python sees them
        graph = Graph()
        condition = describe_filter(exclude)
        for node in nodes:
            query = f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {node.n3()} ?p ?o }} {condition} }}"
            for solution in self.store.query(query):
                graph.add((node, URIRef(solution["p"].value), from_oxigraph(solution["o"])))
        return graph

    def select(self, query: str, limit: int | None = None) -> list[Row]:
        result = self._run(query)
        names = [v.value for v in result.variables]
        # a view repeats few distinct values (codes, slugs, dates) over many rows, and making an
        # rdflib term costs far more than a dictionary look-up: convert each distinct term once
        converted: dict[Any, Node] = {}
        rows: list[Row] = []
        for solution in result:
            if limit is not None and len(rows) >= limit:
                break  # the engine computes solutions lazily: stop asking for more
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    term = converted.get(value)
                    if term is None:
                        term = converted[value] = from_oxigraph(value)
                    row[name] = term
            rows.append(row)
        return rows

    def ask(self, query: str) -> bool:
        return bool(self._run(query))

    def construct(self, query: str) -> Graph:
        graph = Graph()
        for triple in self._run(query):
            graph.add(
                (from_oxigraph(triple.subject), from_oxigraph(triple.predicate), from_oxigraph(triple.object))
            )
        return graph

    def _run(self, query: str):
        try:
            return self.store.query(query, use_default_graph_as_union=True)
        except SyntaxError as err:
            raise StoreError(f"malformed SPARQL query: {err}") from None

    def update(self, update: str) -> None:
        if not self.writable:
            raise StoreError(f"the store at {self.path} is open read-only")
        try:
            self.store.update(update)
        except SyntaxError as err:
            raise StoreError(f"malformed SPARQL update: {err}") from None
        except OSError as err:
            raise StoreError(f"cannot write the store at {self.path}: {err}") from None

    def dump(self, fmt: str) -> bytes:
        if fmt in ("ttl", "nt"):
            # a triple format: the union of all graphs
            graph = self.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
            return graph.serialize(format="turtle" if fmt == "ttl" else "nt").encode("utf-8")
        return self.store.dump(format=DUMP_FORMATS[fmt]) or b""

    def close_database(self) -> None:
        """Release the database but keep the lock (another program reads it meanwhile)."""
        if self.store is not None:
            self.store = None

    def close(self) -> None:
        if getattr(self, "store", None) is not None:
            if self.writable:
                self.store.flush()
            self.store = None
        if not self._lock.closed:
            self._lock.close()


def default_lock_timeout() -> float:
    return float(os.environ.get("STATEKG_LOCK_TIMEOUT", "60"))
