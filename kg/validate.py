"""SHACL validation with pySHACL: of a new article's graph together with what it links to, or of a
whole graph. The shapes are ontology/shapes.ttl; the reference data (states, schemes) is added to
the data graph so cross-node rules (a cooperation type is in its scheme, a state is in the
reference data) can be checked without RDFS inference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pyshacl
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg.lexicon import lexicon_graph
from kg.resources import ontology_dir
from kg.vocab import KGO

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    value: str | None = None

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def text(self) -> str:
        if self.conforms:
            return "conforms"
        return "\n".join(f"- {v}" for v in self.violations)


@cache
def fact_shapes_graph() -> Graph:
    """Shapes of everything articles and analysts add."""
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@cache
def shapes_graph() -> Graph:
    """All shapes: the facts' and the reference data's."""
    graph = Graph()
    graph += fact_shapes_graph()
    graph.parse(ontology_dir() / "shapes-reference.ttl", format="turtle")
    return graph


def reference_graph() -> Graph:
    """States and schemes: what every article graph links to."""
    return lexicon_graph()


def validate(data: Graph, facts_only: bool = False, focus: list[URIRef] | None = None) -> ValidationReport:
    """SHACL over `data`; with `focus`, only those nodes are checked (the rest is context)."""
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=fact_shapes_graph() if facts_only else shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        focus_nodes=focus,
    )
    violations = []
    # only top-level results: pySHACL also lists the nested results of sh:node as sh:detail
    top = [
        r
        for report in results.subjects(RDF.type, SH.ValidationReport)
        for r in results.objects(report, SH.result)
    ]
    for result in top:
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        severity = results.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=_short(path) if isinstance(path, URIRef) else None,
                message=str(message) if isinstance(message, Literal) else "constraint violated",
                severity=_short(severity) if severity else "Violation",
                value=str(value) if value is not None else None,
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), violations)


def _short(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def linked_reference(graph: Graph, reference: Graph | None = None) -> Graph:
    """The part of the reference data a graph links to: the states it names (with their
    territories) and the scheme membership of the concepts it uses. Small: tens of triples."""
    reference = reference if reference is not None else reference_graph()
    out = Graph()
    frontier = {o for o in graph.objects() if isinstance(o, URIRef)}
    seen: set[URIRef] = set()
    depth = 0
    while frontier and depth < 2:
        nxt: set[URIRef] = set()
        for node in frontier - seen:
            seen.add(node)
            for p, o in reference.predicate_objects(node):
                out.add((node, p, o))
                if p == KGO.territory and isinstance(o, URIRef):
                    nxt.add(o)
        frontier = nxt
        depth += 1
    return out


def validate_with_reference(article_graph: Graph) -> ValidationReport:
    """An article's graph with the reference data it links to (no store needed)."""
    data = Graph()
    for triple in article_graph:
        data.add(triple)
    for triple in linked_reference(article_graph):
        data.add(triple)
    return validate(data)


CONTEXT_HOPS = 3  # shapes look at most this far from a fact (fact -> evidence -> article)


def linked_context(store, graph: Graph, exclude: URIRef | None = None) -> Graph:
    """The store's triples about the nodes a new graph touches, and about what those link to,
    up to CONTEXT_HOPS away, leaving out the graph being replaced."""
    context = Graph()
    followed = shape_paths()
    frontier = {n for t in graph for n in (t[0], t[2]) if isinstance(n, URIRef)}
    seen: set[URIRef] = set()
    for _ in range(CONTEXT_HOPS):
        todo = sorted(frontier - seen)
        if not todo:
            break
        seen.update(todo)
        found = store.describe(todo, exclude)
        context += found
        # go on only along predicates a shape walks: a post's org:heldBy lists every holder in
        # the store, and following it would make the context grow with the store
        frontier = {o for _, p, o in found if isinstance(o, URIRef) and p in followed}
    return context


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


def validate_delta(store, graph: Graph) -> ValidationReport:
    """Validate a graph about to replace its named graph, with what it links to in the store."""
    data = Graph()
    for triple in graph:
        data.add(triple)
    exclude = graph.identifier if isinstance(graph.identifier, URIRef) else None
    for triple in linked_context(store, graph, exclude):
        data.add(triple)
    # only the nodes the new graph names are checked: the rest of the context was checked when it
    # was written, and its own links lie beyond the context's reach
    focus = sorted({n for t in graph for n in (t[0], t[2]) if isinstance(n, URIRef)})
    return validate(data, facts_only=True, focus=focus)


def validate_store(store) -> ValidationReport:
    """Validate everything in the store (the union of its graphs)."""
    return validate(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
