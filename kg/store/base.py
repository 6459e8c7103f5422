"""The store interface both back-ends implement, and what they share: SPARQL text for writing
graphs, binding values into queries, and the store's metadata (format, reference data).

Every write of an article is ONE SPARQL Update request (drop its graph, insert the new one, adjust
the derived graph), which both Oxigraph and SPARQL 1.1 endpoints apply atomically: an article is
wholly in or wholly out.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg import __version__
from kg.errors import StateKGError
from kg.lexicon import LEXICON_FILES
from kg.resources import ontology_dir
from kg.vocab import GRAPH_DERIVED, GRAPH_META, GRAPH_REFERENCE, ID, KGO, STORE_NODE

STORE_FORMAT = 3
# formats `kg upgrade` turns into this one in place (by recomputing the derived graph); what changed:
#   1 -> 2: the derived graph gained codes on relations, state pairs and state activity
#   2 -> 3: it gained directed dyad-months, pair-months and pair records (the stance), and lists
#           joined in a fixed order. Articles a format-2 store holds were converted without
#           direction: `kg ingest` of the same corpus re-reads them (the converter version changed).
UPGRADABLE_FORMATS = (1, 2)
REFERENCE_PREDICATES = (RDF.type, KGO.iso3, SKOS.inScheme, SKOS.notation)
REFERENCE_FILES = ("statekg.ttl", *LEXICON_FILES)
Row = dict[str, Node]


class StoreError(StateKGError):
    """The store cannot be opened, reached, or is not one this version can read."""

    exit_code = 2


def nt_term(term: Node) -> str:
    """A term in N-Triples syntax: rdflib's n3() writes a literal with a line break as a Turtle
    long string, which N-Triples parsers refuse."""
    if isinstance(term, Literal):
        lexical = (
            str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        )
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f'"{lexical}"^^<{term.datatype}>'
        return f'"{lexical}"'
    return term.n3()


def nt_lines(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Triples as N-Triples lines, which are also valid inside SPARQL INSERT/DELETE DATA."""
    return "\n".join(f"{s.n3()} {p.n3()} {nt_term(o)} ." for s, p, o in triples)


Update = str | list[str]  # one request's text, or its operations (each one whole, in order)
INSERT_LINES = 1000  # triples per INSERT DATA operation: servers with small parsers take them


def insert_data(graph_iri: URIRef, ntriples: str) -> list[str]:
    """INSERT DATA operations for N-Triples lines into a graph, INSERT_LINES triples each (done one
    after another they are the one big INSERT DATA; a server that splits requests can split there)."""
    lines = [line for line in ntriples.split("\n") if line]
    return [
        f"INSERT DATA {{ GRAPH {graph_iri.n3()} {{\n" + "\n".join(lines[i : i + INSERT_LINES]) + "\n} }"
        for i in range(0, len(lines), INSERT_LINES)
    ]


def replace_graph_update(graph_iri: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
    return [f"DROP SILENT GRAPH {graph_iri.n3()}", *insert_data(graph_iri, nt_lines(triples))]


def request_text(update: Update) -> str:
    """One request's text: the operations in order, every prologue (PREFIX, BASE) first, since some
    engines (Oxigraph) accept a prologue only at the start of a request."""
    if isinstance(update, str):
        return update
    from kg.queries import split_prologue

    prologue: list[str] = []
    bodies = []
    for op in update:
        head, body = (
            split_prologue(op) if op.lstrip().upper().startswith(("PREFIX", "BASE", "#")) else ("", op)
        )
        prologue += [line for line in head.splitlines() if line not in prologue]
        body = body.strip().rstrip(";").strip()
        if body:
            bodies.append(body)
    return "\n".join([*prologue, " ;\n".join(bodies)])


def bind_values(query: str, bindings: Mapping[str, Node | list[Node] | None]) -> str:
    """Put parameter values into a query's `VALUES ?name { UNDEF }` blocks (a list gives one row
    per value; None leaves the parameter unbound, by taking the block out: Virtuoso 7.2 reads
    `BOUND(?name)` as true after `VALUES ?name { UNDEF }`, where SPARQL leaves it unbound).

    Values are RDF terms serialised by rdflib (`n3()` escapes quotes, backslashes and newlines),
    so a parameter is always one IRI or literal token, never query text.
    """
    for name, value in bindings.items():
        block = f"VALUES ?{name} {{ UNDEF }}"
        if block not in query:
            raise StateKGError(f"the query has no parameter block for ?{name}")
        if value is None:
            query = _settle_bound(query.replace(block, ""), name, False)
            continue
        values = value if isinstance(value, list) else [value]
        for term in values:
            if not isinstance(term, URIRef | Literal):
                raise StateKGError(f"parameter {name} must be an IRI or a literal")
        query = query.replace(block, f"VALUES ?{name} {{ {' '.join(t.n3() for t in values)} }}")
        query = _settle_bound(query, name, True)
    return query


def _settle_bound(query: str, name: str, given: bool) -> str:
    """Write `BOUND(?name)` of a parameter as the constant it is once the parameter is settled.

    A view picks its way in with `{ FILTER (BOUND(?param)) }` groups; SPARQL scopes such a filter to
    its own group, but Virtuoso 7.2 applies it after the join with the patterns beside it, where the
    variable is bound, and so takes the wrong branch. A constant means the same on every engine."""
    return re.sub(rf"\bBOUND\(\s*\?{re.escape(name)}\s*\)", "true" if given else "false", query)


def bind_rows(query: str, names: list[str], rows: list[tuple[Node, ...]] | None) -> str:
    """Put rows of values into a `VALUES (?a ?b) { (UNDEF UNDEF) }` block (None: leave it unbound)."""
    block = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join("UNDEF" for _ in names) + ") }"
    if block not in query:
        raise StateKGError(f"the query has no parameter block {block}")
    if rows is not None:
        for row in rows:
            if len(row) != len(names) or not all(isinstance(t, URIRef | Literal) for t in row):
                raise StateKGError(f"each row must hold {len(names)} IRIs or literals")
        body = " ".join("(" + " ".join(t.n3() for t in row) + ")" for row in rows)
        query = query.replace(block, "VALUES (" + " ".join(f"?{n}" for n in names) + ") { " + body + " }")
    else:
        query = query.replace(block, "")  # unbound (see bind_values)
    for name in names:
        query = _settle_bound(query, name, rows is not None)
    return query


def describe_filter(exclude: URIRef | Iterable[URIRef] | None) -> str:
    """The FILTER on ?g and ?p that `Store.describe` applies: not the excluded graphs, not the
    derived graph (summaries, not facts), and from the reference graph only REFERENCE_PREDICATES."""
    excluded = [exclude] if isinstance(exclude, URIRef) else sorted(exclude or ())
    skip = f"?g NOT IN ({', '.join(g.n3() for g in excluded)}) && " if excluded else ""
    allowed = ", ".join(p.n3() for p in REFERENCE_PREDICATES)
    return f"FILTER ({skip}?g != {GRAPH_DERIVED.n3()} && (?g != {GRAPH_REFERENCE.n3()} || ?p IN ({allowed})))"


def reference_graph() -> Graph:
    graph = Graph()
    for name in REFERENCE_FILES:
        graph.parse(ontology_dir() / name, format="turtle")
    return graph


def reference_hash() -> str:
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        digest.update((ontology_dir() / name).read_bytes())
    return digest.hexdigest()


class Store(ABC):
    """A statekg store: named graphs over SPARQL 1.1, default graph = union of all graphs."""

    location: str
    finishing_load: bool = False  # opened by `kg load` to finish a bulk load that was interrupted
    stale_summaries: bool = False  # an ingest is writing (or was stopped) with its summaries behind

    # -- primitives each back-end provides --------------------------------------------------------
    @abstractmethod
    def select(self, query: str, limit: int | None = None) -> list[Row]:
        """Solutions of a SELECT query as rows; at most `limit` of them."""

    @abstractmethod
    def ask(self, query: str) -> bool: ...

    @abstractmethod
    def construct(self, query: str) -> Graph: ...

    @abstractmethod
    def update(self, update: Update) -> None:
        """Run a SPARQL Update: one text, or a list of operations run in order (in one transaction
        where the back-end can; see RemoteStore for a server that takes only small requests)."""

    @abstractmethod
    def dump(self, fmt: str) -> bytes: ...

    def close(self) -> None:  # noqa: B027 - back-ends with resources override it
        pass

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- shared behaviour -----------------------------------------------------------------------
    def bulk_load(self, path: Path) -> None:
        """Add an N-Quads file as it is (no replacing, no summaries: the caller does both). A
        server gets it as one SPARQL Update per file; the embedded store uses Oxigraph's loader."""
        import pyoxigraph as ox

        by_graph: dict[str, list[str]] = {}
        try:
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
                by_graph.setdefault(str(quad.graph_name), []).append(
                    f"{quad.subject} {quad.predicate} {quad.object} ."
                )
        except (SyntaxError, OSError) as err:
            raise StoreError(f"cannot read the shard {path}: {err}") from None
        operations = [
            op for g, lines in by_graph.items() for op in insert_data(URIRef(g[1:-1]), "\n".join(lines))
        ]
        if operations:
            self.update(operations)

    def graph_iris(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        return [str(r["g"]) for r in rows]

    def graph(self, graph_iri: URIRef) -> Graph:
        return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph_iri.n3()} {{ ?s ?p ?o }} }}")

    def describe(self, nodes: list[URIRef], exclude: URIRef | Iterable[URIRef] | None = None) -> Graph:
        """Triples about `nodes` in every graph but `exclude` and the derived graph (summaries,
        not facts); from the reference graph only the predicates that shapes of facts read
        (type, ISO code, scheme membership)."""
        graph = Graph()
        for start in range(0, len(nodes), 400):
            values = " ".join(n.n3() for n in nodes[start : start + 400])
            for row in self.select(
                f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} "
                f"{describe_filter(exclude)} }}"
            ):
                graph.add((row["s"], row["p"], row["o"]))
        return graph

    def has_graph(self, graph_iri: URIRef) -> bool:
        return self.ask(f"ASK {{ GRAPH {graph_iri.n3()} {{ ?s ?p ?o }} }}")

    def count_triples(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    def check_format(self, writable: bool, upgrade: bool = False) -> None:
        """Refuse a store of another format (or, with `upgrade`, bring an older one up to date);
        set up a new one; reload changed reference data."""
        rows = self.select(
            f"SELECT ?format ?hash ?by ?loading ?stale WHERE {{ GRAPH {GRAPH_META.n3()} {{ {STORE_NODE.n3()} "
            f"{KGO.storeFormat.n3()} ?format . OPTIONAL {{ {STORE_NODE.n3()} {KGO.referenceHash.n3()} ?hash }} "
            f"OPTIONAL {{ {STORE_NODE.n3()} {KGO.writtenBy.n3()} ?by }} "
            f"OPTIONAL {{ {STORE_NODE.n3()} {KGO.loadingFrom.n3()} ?loading }} "
            f"OPTIONAL {{ {STORE_NODE.n3()} {KGO.summariesStale.n3()} ?stale }} }} }}"
        )
        if rows and rows[0].get("loading") and not self.finishing_load:
            raise StoreError(
                f"a bulk load of {rows[0]['loading']} into {self.location} was interrupted and the store is "
                f"incomplete: finish it with `kg load {rows[0]['loading']} --store {self.location}`"
            )
        if not rows:
            # statekg's graphs without its metadata: not a store of this format (another server's
            # own graphs, such as Virtuoso's system graphs, do not count: statekg's are namespaced)
            if self.ask(f'ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{ID}")) }}'):
                raise StoreError(
                    f"{self.location} holds statekg graphs but no statekg metadata: it is not a statekg "
                    f"store (or was written before store format {STORE_FORMAT}); use another location"
                )
            if writable:
                self._write_metadata()
                return
            if self.location.startswith(("http://", "https://")):
                raise StoreError(
                    f"the SPARQL server at {self.location} holds no statekg store yet (no statekg metadata): "
                    "ingest into it first"
                )
            return
        found = int(rows[0]["format"])
        if found in UPGRADABLE_FORMATS and upgrade and writable:
            self._upgrade()
            return
        if found in UPGRADABLE_FORMATS:
            raise StoreError(
                f"{self.location} is in store format {found}, older than this statekg's format {STORE_FORMAT}: "
                f"upgrade it in place with `kg upgrade --store {self.location}`"
            )
        if found != STORE_FORMAT:
            by = rows[0].get("by", "an unknown version")
            raise StoreError(
                f"{self.location} was written by {by} in store format {found}; this statekg {__version__} reads "
                f"format {STORE_FORMAT}: dump it with that version (kg dump) and load the dump into a new store"
            )
        if writable and str(rows[0].get("hash", "")) != reference_hash():
            self._write_metadata()
        self.stale_summaries = bool(rows[0].get("stale") and rows[0]["stale"].toPython() is True)
        if self.stale_summaries and writable and not self.finishing_load:
            self._catch_up_summaries()

    def _catch_up_summaries(self) -> None:
        """An ingest was stopped before it refreshed the summaries of what it wrote: do it now."""
        import time

        from kg.derived import rebuild_derived

        notify = getattr(self, "notify", None)
        if notify:
            notify("the last ingest stopped before refreshing the summaries; recomputing them")
        started = time.monotonic()
        rebuild_derived(self)
        self.stale_summaries = False
        if notify:
            notify(f"summaries recomputed in {time.monotonic() - started:.0f} s")

    def _upgrade(self) -> None:
        """Recompute what changed between formats (the derived graph) and record the new format."""
        from kg.derived import rebuild_derived  # the derived upkeep itself runs on a Store

        self._write_metadata()
        rebuild_derived(self)

    def _write_metadata(self) -> None:
        self.wrote_metadata = True
        meta = [
            (STORE_NODE, RDF.type, KGO.Store),
            (STORE_NODE, KGO.storeFormat, Literal(STORE_FORMAT)),
            (STORE_NODE, KGO.writtenBy, Literal(f"statekg {__version__}")),
            (STORE_NODE, KGO.referenceHash, Literal(reference_hash())),
        ]
        # the marks of work in progress stay (an interrupted bulk load, summaries to catch up)
        for mark in (KGO.loadingFrom, KGO.summariesStale):
            for row in self.select(
                f"SELECT ?v WHERE {{ GRAPH {GRAPH_META.n3()} {{ {STORE_NODE.n3()} {mark.n3()} ?v }} }}"
            ):
                meta.append((STORE_NODE, mark, row["v"]))
        self.update(
            replace_graph_update(GRAPH_REFERENCE, reference_graph()) + replace_graph_update(GRAPH_META, meta)
        )
