"""Checking graphs before they are written: the shapes over the new graphs together with what they
touch in the store, in an in-memory Oxigraph store that keeps the reference data loaded.

Only the nodes the new graphs name are checked (the focus); the rest is context, checked when it
was written. The context is the store's triples about those nodes and what they link to along
the predicates the shapes walk, at most CONTEXT_HOPS away, leaving out the graphs being replaced,
the derived graph and the reference graph (loaded here whole). For the new nodes the result equals
validating the whole store after the write (tested), at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from kg.shacl_sparql import run_compiled
from kg.store.base import Store, nt_lines, reference_graph
from kg.store.embedded import MemoryStore
from kg.validate import ENGINES, Violation, default_engine, fact_shapes_graph
from kg.vocab import GRAPH_REFERENCE

CONTEXT_HOPS = 3  # shapes look at most this far from a fact (fact -> evidence -> article)
CONTEXT = URIRef("urn:statekg:context")
FOCUS_GRAPH = URIRef("urn:statekg:focus")
FOCUS_MARK = "<urn:statekg:isFocus>"
DESCRIBE_CHUNK = 400


@cache
def shape_paths() -> frozenset[URIRef]:
    """Every predicate a fact shape walks (sh:path, including the steps of sequence paths)."""
    graph = fact_shapes_graph()
    found: set[URIRef] = set()
    for path in graph.objects(None, SH.path):
        if isinstance(path, URIRef):
            found.add(path)
        else:
            found.update(p for p in Collection(graph, path) if isinstance(p, URIRef))
    return frozenset(found)


class DeltaChecker:
    """One per process: the in-memory store with the reference data, reused batch after batch."""

    def __init__(self) -> None:
        self.memory = MemoryStore()
        self.memory.load_ntriples(nt_lines(reference_graph()), GRAPH_REFERENCE)
        self.reference_nodes = {
            str(r["s"])
            for r in self.memory.select(
                f"SELECT DISTINCT ?s WHERE {{ GRAPH {GRAPH_REFERENCE.n3()} {{ ?s ?p ?o }} }}"
            )
        }

    def load(self, graphs: dict[URIRef, str]) -> None:
        """Put the graphs about to be written (N-Triples by graph IRI) into the memory store."""
        self.memory.clear(keep=[GRAPH_REFERENCE])
        for iri, text in graphs.items():
            self.memory.load_ntriples(text, iri)

    def check(
        self, store: Store, graphs: Iterable[URIRef], replaced: Iterable[URIRef], engine: str | None = None
    ) -> list[Violation]:
        """Violations of the fact shapes by the nodes of `graphs` (loaded first), with the store's
        context (except the `replaced` graphs' content, about to go)."""
        graphs = sorted(set(graphs))
        self._add_context(store, graphs, set(replaced))
        self._mark_focus(graphs)
        name = engine or default_engine()
        if name == "sparql":
            return run_compiled(self.memory, fact_shapes_graph(), f"?focus {FOCUS_MARK} true .")
        # the other engines read an rdflib graph: the reference everywhere, pySHACL in tests
        data = self.memory.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        focus = [
            r["n"]
            for r in self.memory.select(
                f"SELECT ?n WHERE {{ GRAPH {FOCUS_GRAPH.n3()} {{ ?n {FOCUS_MARK} true }} }}"
            )
        ]
        return ENGINES[name](data, fact_shapes_graph(), sorted(focus))

    def _nodes_of(self, graphs: list[URIRef]) -> set[str]:
        values = " ".join(g.n3() for g in graphs)
        rows = self.memory.select(
            f"SELECT DISTINCT ?n WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ {{ ?n ?p ?o }} UNION {{ ?s ?p ?n }} }} FILTER (isIRI(?n)) }}"
        )
        return {str(r["n"]) for r in rows}

    def _add_context(self, store: Store, graphs: list[URIRef], replaced: set[URIRef]) -> None:
        followed = shape_paths()
        frontier = self._nodes_of(graphs) - self.reference_nodes
        seen: set[str] = set()
        lines: list[str] = []
        for _ in range(CONTEXT_HOPS):
            todo = sorted(frontier - seen)
            if not todo:
                break
            seen.update(todo)
            found = store.describe([URIRef(n) for n in todo], exclude=replaced | {GRAPH_REFERENCE})
            lines.append(nt_lines(found))
            # go on only along predicates a shape walks: a post's org:heldBy lists every holder in
            # the store, and following it would make the context grow with the store
            frontier = {
                str(o) for _, p, o in found if isinstance(o, URIRef) and p in followed
            } - self.reference_nodes
        text = "\n".join(line for line in lines if line)
        if text:
            self.memory.load_ntriples(text, CONTEXT)

    def _mark_focus(self, graphs: list[URIRef]) -> None:
        values = " ".join(g.n3() for g in graphs)
        self.memory.update(
            f"INSERT {{ GRAPH {FOCUS_GRAPH.n3()} {{ ?n {FOCUS_MARK} true }} }} WHERE {{ VALUES ?g {{ {values} }} "
            f"GRAPH ?g {{ {{ ?n ?p ?o }} UNION {{ ?s ?p ?n }} }} FILTER (isIRI(?n)) }}"
        )


@cache
def delta_checker() -> DeltaChecker:
    return DeltaChecker()


def validate_delta(store: Store, graph: Graph, engine: str | None = None):
    """Validate one graph about to replace its named graph, with what it links to in the store."""
    from kg.validate import ValidationReport

    iri = graph.identifier if isinstance(graph.identifier, URIRef) else URIRef("urn:statekg:new")
    checker = delta_checker()
    checker.load({iri: nt_lines(graph)})
    violations = checker.check(store, [iri], [iri], engine)
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return ValidationReport(not violations, violations)
