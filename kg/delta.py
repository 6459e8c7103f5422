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
from kg.vocab import GRAPH_DERIVED, GRAPH_REFERENCE

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
    """One per process: the reference data ready to load, the nodes it names, a memory store."""

    def __init__(self) -> None:
        self.reference = nt_lines(reference_graph())
        self.memory = self._fresh()
        self.reference_nodes = {
            str(r["s"])
            for r in self.memory.select(
                f"SELECT DISTINCT ?s WHERE {{ GRAPH {GRAPH_REFERENCE.n3()} {{ ?s ?p ?o }} }}"
            )
        }

    def _fresh(self) -> MemoryStore:
        memory = MemoryStore()
        memory.load_ntriples(self.reference, GRAPH_REFERENCE)  # about 10 ms
        return memory

    def load(self, graphs: dict[URIRef, str]) -> None:
        """Put the graphs about to be written (N-Triples by graph IRI) into a memory store. A new
        one each time: Oxigraph's in-memory store keeps what is removed from it (its history), so
        one store reused batch after batch grew by every batch and slowed every query."""
        self.memory = self._fresh()
        for iri, text in graphs.items():
            self.memory.load_ntriples(text, iri)

    def check(
        self,
        store: Store | None,
        graphs: Iterable[URIRef],
        replaced: Iterable[URIRef],
        engine: str | None = None,
        scope: str = "all",
    ) -> list[Violation]:
        """Violations of the fact shapes by nodes of `graphs` (loaded first), with the store's
        context (except the `replaced` graphs' content, about to go). `scope` says which nodes:

        all     every node the graphs name (`kg add`, a batch of unchecked articles)
        unique  the nodes only one of the graphs names, without the store (an ingest worker:
                nothing else in a store says anything about them, so this is their final check)
        shared  the nodes the other graphs of the store, or several of `graphs`, also name (the
                writer, after the workers checked the unique ones): the only ones whose check
                depends on the store
        """
        graphs = sorted(set(graphs))
        replaced = set(replaced)
        if scope == "all":
            focus = self._nodes_of(graphs)
        elif scope == "unique":
            focus = self._nodes_of(graphs, most=1) - self.reference_nodes
        elif scope == "shared":
            nodes = self._nodes_of(graphs) - self.reference_nodes
            focus = self._nodes_of(graphs, least=2) | self._in_store(store, nodes, replaced)
            focus -= self.reference_nodes
        else:
            raise ValueError(f"unknown scope {scope!r}")
        if not focus:
            return []
        if store is not None and scope != "unique":
            start = focus if scope == "shared" else focus - self.reference_nodes
            self._add_context(store, start, replaced)
        self._mark_focus(focus)
        name = engine or default_engine()
        if name == "sparql":
            return run_compiled(self.memory, fact_shapes_graph(), f"?focus {FOCUS_MARK} true .")
        # the other engines read an rdflib graph: the reference everywhere, pySHACL in tests
        data = self.memory.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return ENGINES[name](data, fact_shapes_graph(), sorted(URIRef(n) for n in focus))

    def _nodes_of(self, graphs: list[URIRef], least: int = 1, most: int | None = None) -> set[str]:
        """The IRIs the graphs name (as subject or object), those named by at least `least` and at
        most `most` of them."""
        values = " ".join(g.n3() for g in graphs)
        having = f"HAVING (COUNT(DISTINCT ?g) >= {least}" + (
            f" && COUNT(DISTINCT ?g) <= {most})" if most else ")"
        )
        rows = self.memory.select(
            f"SELECT ?n WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ {{ ?n ?p ?o }} UNION {{ ?s ?p ?n }} }} "
            f"FILTER (isIRI(?n)) }} GROUP BY ?n {having}"
        )
        return {str(r["n"]) for r in rows}

    def _in_store(
        self, store: Store | None, nodes: set[str], replaced: set[URIRef], block: int = 500
    ) -> set[str]:
        """Those of `nodes` that a graph of the store names, other than the replaced graphs, the
        reference and the derived graph."""
        if store is None or not nodes:
            return set()
        skipped = ", ".join(g.n3() for g in sorted(replaced | {GRAPH_REFERENCE, GRAPH_DERIVED}))
        found: set[str] = set()
        ordered = sorted(nodes)
        for start in range(0, len(ordered), block):
            values = " ".join(f"<{n}>" for n in ordered[start : start + block])
            rows = store.select(
                f"SELECT ?n WHERE {{ VALUES ?n {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ {{ ?n ?p ?o }} "
                f"UNION {{ ?s ?q ?n }} }} FILTER (?g NOT IN ({skipped})) }} }}"
            )
            found |= {str(r["n"]) for r in rows}
        return found

    def _add_context(self, store: Store, start: set[str], replaced: set[URIRef]) -> None:
        followed = shape_paths()
        frontier = set(start)
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

    def _mark_focus(self, focus: set[str]) -> None:
        true = '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
        marks = "\n".join(f"<{n}> {FOCUS_MARK} {true} ." for n in sorted(focus))
        self.memory.load_ntriples(marks, FOCUS_GRAPH)


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
