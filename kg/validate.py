"""SHACL validation with pySHACL: of a new article's graph together with what it links to, or of a
whole graph. The shapes are ontology/shapes.ttl; the reference data (states, schemes) is added to
the data graph so cross-node rules (a cooperation type is in its scheme, a state is in the
reference data) can be checked without RDFS inference.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import pyshacl
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.errors import StateKGError
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


def _pyshacl_report(results: Graph) -> list[Violation]:
    """The top-level results of a pySHACL(-compatible) report graph: pySHACL also lists the nested
    results of sh:node as sh:detail, which are not violations of their own."""
    violations = []
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
    return violations


@cache
def class_hierarchy() -> Graph:
    """The ontology's rdfs:subClassOf axioms. Every engine reads class membership through them, as
    in a store (which holds the ontology), even when the data checked is a graph without it."""
    from kg.store.base import reference_graph as store_reference

    graph = Graph()
    for triple in store_reference().triples((None, RDFS.subClassOf, None)):
        graph.add(triple)
    return graph


def _by_pyshacl(data: Graph, shapes: Graph, focus: list[URIRef] | None) -> list[Violation]:
    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=class_hierarchy(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        focus_nodes=focus,
    )
    return _pyshacl_report(results)


def _by_pyshacl_turbo(data: Graph, shapes: Graph, focus: list[URIRef] | None) -> list[Violation]:
    import pyshacl_turbo

    _, results, _ = pyshacl_turbo.validate(
        data,
        shacl_graph=shapes,
        ont_graph=class_hierarchy(),
        inference="none",
        advanced=True,
        allow_warnings=True,
        focus_nodes=focus,
    )
    return _pyshacl_report(results)


COMPONENTS = {  # constraint parameter -> SHACL constraint component, for pyrudof's reports
    "minCount": "MinCount", "maxCount": "MaxCount", "class": "Class", "datatype": "Datatype",
    "hasValue": "HasValue", "pattern": "Pattern", "minLength": "MinLength", "minInclusive": "MinInclusive",
    "disjoint": "Disjoint", "lessThanOrEquals": "LessThanOrEquals", "node": "Node", "or": "Or", "xone": "Xone",
}  # fmt: skip


@cache
def _messages(shapes_id: int, shapes: Graph) -> dict[tuple[str, str | None, str], str]:
    """(shape or path, component) -> sh:message: pyrudof reports its own wording, and names a
    property shape only by a blank node of its own parse, so its results are mapped back by the
    constraint's path and component."""
    out: dict[tuple[str, str | None, str], str] = {}
    for shape in shapes.subjects(SH.message):
        message = str(shapes.value(shape, SH.message))
        path = shapes.value(shape, SH.path)
        for parameter, component in COMPONENTS.items():
            if shapes.value(shape, SH[parameter]) is not None:
                key = ("path", str(path), component) if path is not None else ("shape", str(shape), component)
                out.setdefault(key, message)
    return out


def _by_pyrudof(data: Graph, shapes: Graph, focus: list[URIRef] | None) -> list[Violation]:
    import pyrudof

    from kg.store.base import nt_lines

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_shacl(shapes.serialize(format="turtle"), pyrudof.ShaclFormat.Turtle)
    rudof.read_data(nt_lines(data), pyrudof.RDFFormat.NTriples)
    messages = _messages(id(shapes), shapes)
    wanted = {str(n) for n in focus} if focus is not None else None
    violations = []
    for entry in rudof.validate_shacl().violations:
        if wanted is not None and entry.focus_node not in wanted:
            continue
        component = str(entry.constraint_component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
        key = ("path", entry.path, component) if entry.path else ("shape", str(entry.source_shape), component)
        path = URIRef(entry.path) if entry.path else None
        violations.append(
            Violation(
                focus=entry.focus_node,
                path=_short(path) if path is not None else None,
                message=messages.get(key, str(entry.message)),
                severity="Violation",
                value=_lexical(str(entry.value)) if entry.value is not None else None,
            )
        )
    return violations


def _lexical(term: str) -> str:
    """pyrudof writes a literal value in N-Triples ('"C1"'); the reports hold its lexical form."""
    if term.startswith('"'):
        return term[1 : term.rfind('"')]
    return term


def _by_sparql(data: Graph, shapes: Graph, focus: list[URIRef] | None) -> list[Violation]:
    from kg.shacl_sparql import run_checks

    return run_checks(data, shapes, focus)


# name -> function(data, shapes, focus) -> violations. pySHACL is the reference the others are
# tested against (tests/test_shapes.py); bench/bench_validate.py times them on the same deltas.
ENGINES: dict[str, Callable[[Graph, Graph, list[URIRef] | None], list[Violation]]] = {
    "pyshacl": _by_pyshacl,
    "pyshacl-turbo": _by_pyshacl_turbo,
    "pyrudof": _by_pyrudof,
    "sparql": _by_sparql,
}
DEFAULT_ENGINE = "sparql"


def default_engine() -> str:
    name = os.environ.get("STATEKG_SHACL_ENGINE", DEFAULT_ENGINE)
    if name not in ENGINES:
        raise StateKGError(f"STATEKG_SHACL_ENGINE={name!r} is not one of {', '.join(ENGINES)}")
    return name


def validate(
    data: Graph, facts_only: bool = False, focus: list[URIRef] | None = None, engine: str | None = None
) -> ValidationReport:
    """SHACL over `data`; with `focus`, only those nodes are checked (the rest is context)."""
    shapes = fact_shapes_graph() if facts_only else shapes_graph()
    violations = ENGINES[engine or default_engine()](data, shapes, focus)
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return ValidationReport(not violations, violations)


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


def validate_store(store) -> ValidationReport:
    """Validate everything in the store: the compiled shapes run in the store's own engine (the
    embedded store or the SPARQL endpoint); another engine reads a copy of the whole store."""
    name = default_engine()
    if name == "sparql":
        from kg.shacl_sparql import run_compiled

        violations = run_compiled(store, shapes_graph())
        violations.sort(key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
        return ValidationReport(not violations, violations)
    return validate(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), engine=name)


def validate_delta(store, graph: Graph) -> ValidationReport:
    """Validate a graph about to replace its named graph, with what it links to in the store."""
    from kg.delta import validate_delta as checked

    return checked(store, graph)
