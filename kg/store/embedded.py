"""The embedded store: Oxigraph on disk through pyoxigraph, no server.

One process writes at a time: a writer holds `<store>/statekg.lock` (kg/store/lock.py), and a
second writer says at once whom it waits for. Readers take no lock: they open the database
read-only (RocksDB's read-only mode), which works beside a writer and on a read-only disk, and
see the store as it was when they opened it. A store directory carries a marker file, so statekg
never mistakes someone's folder for a store, nor creates one among their files.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kg.store.base import Row, Store, StoreError, Update, request_text
from kg.store.lock import LOCK_FILE, WriterLock
from kg.store.terms import from_oxigraph

MARKER = "statekg-store"  # a small file that says: this directory is a statekg store
DATABASE_FILE = "CURRENT"  # RocksDB's: an Oxigraph database lives here
DUMP_FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
}


def os_problem(err: OSError, path: Path) -> str:
    """One line for an operating-system error on the store: a full disk or a read-only one say so."""
    if err.errno == errno.ENOSPC or "No space left" in str(err):
        return f"no space left on the disk holding {path}"
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM) or "Read-only file system" in str(err):
        return f"cannot write to the store at {path}: {'read-only file system' if 'Read-only' in str(err) or err.errno == errno.EROFS else 'permission denied'}"
    return f"the store at {path} failed: {err.strerror or err}"


class OxigraphStore(Store):
    """The queries, updates and dumps of an Oxigraph database (on disk or in memory)."""

    store: ox.Store | None
    path: Path
    writable: bool

    # -- engine errors as one line ---------------------------------------------------------------------
    @contextmanager
    def _engine(self, what: str) -> Iterator[None]:
        try:
            yield
        except SyntaxError as err:
            raise StoreError(f"malformed SPARQL {what}: {err}") from None
        except (OSError, RuntimeError) as err:
            raise StoreError(self._problem(what, err)) from None

    def _problem(self, what: str, err: Exception) -> str:
        """One line for an engine error: a full or read-only disk named as such, wherever RocksDB
        reports it (its errors rarely carry an errno)."""
        text = str(err)
        if isinstance(err, OSError) and err.errno:
            return os_problem(err, self.path)
        if "No space left" in text:
            return f"no space left on the disk holding {self.path}"
        if "Read-only file system" in text:
            return f"cannot write to the store at {self.path}: read-only file system"
        return f"{what} failed: {text}"

    def select(self, query: str, limit: int | None = None) -> list[Row]:
        with self._engine("query"):
            return self._select(query, limit)

    def _select(self, query: str, limit: int | None) -> list[Row]:
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
        with self._engine("query"):
            return bool(self._run(query))

    def construct(self, query: str) -> Graph:
        graph = Graph()
        with self._engine("query"):
            for triple in self._run(query):
                graph.add(
                    (
                        from_oxigraph(triple.subject),
                        from_oxigraph(triple.predicate),
                        from_oxigraph(triple.object),
                    )
                )
        return graph

    def _run(self, query: str):
        return self.store.query(query, use_default_graph_as_union=True)

    def update(self, update: Update) -> None:
        if not self.writable:
            raise StoreError(f"the store at {self.path} is open read-only")
        with self._engine("update"):
            self.store.update(request_text(update))

    def dump(self, fmt: str) -> bytes:
        if fmt in ("ttl", "nt"):
            # a triple format: the union of all graphs
            graph = self.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
            return graph.serialize(format="turtle" if fmt == "ttl" else "nt").encode("utf-8")
        with self._engine("dump"):
            return self.store.dump(format=DUMP_FORMATS[fmt]) or b""

    def bulk_load(self, path: Path) -> None:
        if not self.writable:
            raise StoreError(f"the store at {self.path} is open read-only")
        with self._engine(f"bulk load of {path.name}"):
            try:
                self.store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            except SyntaxError as err:
                raise StoreError(f"cannot read the shard {path}: {err}") from None

    def load_ntriples(self, text: str, graph: URIRef) -> None:
        """Bulk-add N-Triples into a named graph (no SPARQL parse: for the validation store)."""
        with self._engine("load"):
            self.store.load(text, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(graph)))


class MemoryStore(OxigraphStore):
    """An Oxigraph store in memory: where a batch is checked before it is written."""

    def __init__(self) -> None:
        self.location = "memory"
        self.path = Path("(memory)")
        self.writable = True
        self.store = ox.Store()


class EmbeddedStore(OxigraphStore):
    def __init__(
        self,
        path: Path,
        writable: bool = True,
        lock_timeout: float = 60.0,
        upgrade: bool = False,
        notify: Callable[[str], None] | None = None,
        finishing_load: bool = False,
    ) -> None:
        self.location = str(path)
        self.path = path
        self.writable = writable
        self.finishing_load = finishing_load  # kg load may open a store its interrupted load left
        self.notify = notify
        self.store: ox.Store | None = None
        self._lock: WriterLock | None = None
        if path.exists() and not path.is_dir():
            raise StoreError(f"store location {path} is a file, not a directory")
        if writable:
            self._prepare_directory()
            self._lock = WriterLock(path, lock_timeout, notify)
        else:
            self._check_readable()
        try:
            self.store = ox.Store(str(path)) if writable else ox.Store.read_only(str(path))
        except OSError as err:
            self.close()
            raise StoreError(f"cannot open the store at {path}: {err}") from None
        try:
            self.check_format(writable, upgrade)
            if writable and not (path / MARKER).exists():
                self._write_marker()  # a statekg store written before markers existed
        except BaseException:
            self.close()  # release the lock: a refused store must not block the next opener
            raise

    # -- is this a store? ----------------------------------------------------------------------------
    def _is_store(self) -> bool:
        return (self.path / MARKER).exists() or (self.path / DATABASE_FILE).exists()

    def _prepare_directory(self) -> None:
        path = self.path
        try:
            if not path.exists():
                path.mkdir(parents=True)
                self._write_marker()
                return
            if self._is_store():
                return
            others = [p.name for p in path.iterdir() if p.name != LOCK_FILE]
            if others:
                raise StoreError(
                    f"{path} holds other files ({', '.join(sorted(others)[:3])}{', ...' if len(others) > 3 else ''}) "
                    "and is not a statekg store: give --store an empty or new directory"
                )
            self._write_marker()
        except OSError as err:
            raise StoreError(os_problem(err, path)) from None

    def _write_marker(self) -> None:
        (self.path / MARKER).write_text(
            "This directory is a statekg store (an Oxigraph database). Use it with kg --store.\n",
            encoding="utf-8",
        )

    def _check_readable(self) -> None:
        if not self.path.exists():
            raise StoreError(f"no store at {self.path} (create one with kg ingest or kg build)")
        if not self._is_store():
            raise StoreError(f"{self.path} is not a statekg store (no {MARKER} file, no database)")

    def close(self) -> None:
        store, self.store = self.store, None
        try:
            if store is not None and self.writable:
                with self._engine("flush"):
                    store.flush()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None


def default_lock_timeout() -> float:
    return float(os.environ.get("STATEKG_LOCK_TIMEOUT", "60"))
