"""statekg's SHACL shapes compiled to SPARQL, run by Oxigraph: the fast validation engine.

The compiler covers the SHACL Core subset the shapes use (targets: sh:targetClass,
sh:targetObjectsOf; constraints: sh:minCount, sh:maxCount, sh:class, sh:datatype, sh:hasValue,
sh:pattern, sh:minLength, sh:minInclusive, sh:disjoint, sh:lessThanOrEquals, sh:node, sh:or,
sh:xone, sh:and; paths: a predicate or a sequence) and refuses anything else by name, so a shape
it cannot compile is never silently skipped. Each constraint becomes one SELECT that returns the
focus nodes (and values) that violate it, reported as pySHACL reports them: the focus node, the
property shape's path, its sh:message, and the offending value. pySHACL stays the reference: the
tests check that both engines report the same violations on every bad example of the shape suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.errors import StateKGError

SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = "http://www.w3.org/2001/XMLSchema#"
SUPPORTED = {
    SH.path, SH.message, SH.property, SH.targetClass, SH.targetObjectsOf, SH.minCount, SH.maxCount,
    SH["class"], SH.datatype, SH.hasValue, SH.pattern, SH.minLength, SH.minInclusive, SH.disjoint,
    SH.lessThanOrEquals, SH.node, SH["or"], SH.xone, SH["and"], SH.declare, SH.prefix, SH.namespace,
    SH.name, SH.description,
}  # fmt: skip
# a literal is well formed for its datatype when the cast to it succeeds
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
FOCUS_SLOT = "VALUES ?focus { UNDEF }"  # in each check's head: where the focus nodes are bound
CASTABLE = {f"{XSD}{t}" for t in ("date", "dateTime", "integer", "decimal", "boolean", "double", "float")}


@dataclass(frozen=True)
class Check:
    """One constraint as a query: SELECT ?focus ?value, each row a violation."""

    query: str
    path: str | None  # the result path as pySHACL reports it (the last segment of an IRI path)
    message: str
    value: bool  # whether the row's ?value is the reported value


class Compiler:
    def __init__(self, shapes: Graph, hierarchy: Graph | None = None) -> None:
        self.shapes = shapes
        self.hierarchy = hierarchy  # the ontology's rdfs:subClassOf axioms, expanded at compile time
        self._ids = count()

    def is_a(self, var: str, cls: Node) -> str:
        """A pattern: `var` is an instance of `cls` or of a subclass. With the ontology's hierarchy
        known, the subclasses are listed (a look-up of the type); else the path rdf:type/
        rdfs:subClassOf*, which Oxigraph evaluates for each node, 20-100 times slower here."""
        if self.hierarchy is None:
            return f"{var} {RDF.type.n3()}/{SUBCLASS}* {self.term(cls)} ."
        classes = sorted({cls, *self.hierarchy.transitive_subjects(RDFS.subClassOf, cls)})
        if len(classes) == 1:
            return f"{var} {RDF.type.n3()} {self.term(cls)} ."
        t = self.var("t")
        return f"{var} {RDF.type.n3()} {t} . FILTER ({t} IN ({', '.join(self.term(c) for c in classes)}))"

    def var(self, stem: str) -> str:
        return f"?{stem}{next(self._ids)}"

    # -- paths and terms ------------------------------------------------------------------------------
    def path(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return node.n3()
        steps = list(Collection(self.shapes, node))
        if not steps or not all(isinstance(s, URIRef) for s in steps):
            raise StateKGError(f"shape path {node} is not a predicate or a sequence of predicates")
        return "/".join(s.n3() for s in steps)

    @staticmethod
    def term(node: Node) -> str:
        if isinstance(node, BNode):
            raise StateKGError("a shape uses a blank node as a value")
        return node.n3()

    def check_supported(self, shape: Node) -> None:
        for predicate in self.shapes.predicates(shape):
            if predicate != RDF.type and predicate not in SUPPORTED and str(predicate).startswith(str(SH)):
                raise StateKGError(
                    f"the SPARQL validation engine does not support {predicate} (shape {shape})"
                )

    # -- a shape, as a pattern that matches when `var` violates it ---------------------------------------
    def conforms(self, shape: Node, var: str) -> str:
        """A boolean expression: `var` conforms to `shape`, written without groups that hold only
        a FILTER (`NOT EXISTS { { FILTER ... } }`): Virtuoso 7.2 evaluates the variables of such a
        group as unbound, where SPARQL substitutes the outer binding, and so reported conforming
        nodes as violations."""
        violated = self.violations(shape, var)
        return " && ".join(f"!({v})" for v in violated) if violated else "true"

    def violations(self, shape: Node, var: str) -> list[str]:
        """Boolean expressions, each true when `var` violates one constraint of `shape`."""
        self.check_supported(shape)
        out = list(self.node_conditions(shape, var))
        for prop in self.shapes.objects(shape, SH.property):
            out += self.violations(prop, var)
        path = self.shapes.value(shape, SH.path)
        if path is not None:
            for pattern, _ in self.property_patterns(shape, var, self.path(path)):
                # "FILTER NOT EXISTS { P }" alone is the expression "NOT EXISTS { P }"
                only_filter = pattern.startswith("FILTER NOT EXISTS {") and pattern.endswith("}")
                out.append(pattern[len("FILTER ") :] if only_filter else f"EXISTS {{ {pattern} }}")
        return out

    def node_conditions(self, shape: Node, var: str) -> list[str]:
        """Expressions, one per constraint on the node itself (not through a path), each true when
        `var` violates it."""
        if self.shapes.value(shape, SH.path) is not None:
            return []
        out = []
        for cls in self.shapes.objects(shape, SH["class"]):
            out.append(f"NOT EXISTS {{ {self.is_a(var, cls)} }}")
        out += self.value_conditions(shape, var)
        for listed in self.shapes.objects(shape, SH["or"]):
            options = " || ".join(f"({self.conforms(s, var)})" for s in Collection(self.shapes, listed))
            out.append(f"!({options})")
        for listed in self.shapes.objects(shape, SH.xone):
            conforming = " + ".join(
                f"IF({self.conforms(s, var)}, 1, 0)" for s in Collection(self.shapes, listed)
            )
            out.append(f"({conforming}) != 1")
        for listed in self.shapes.objects(shape, SH["and"]):
            out += [f"!({self.conforms(s, var)})" for s in Collection(self.shapes, listed)]
        for nested in self.shapes.objects(shape, SH.node):
            out.append(f"!({self.conforms(nested, var)})")
        return out

    def value_conditions(self, shape: Node, var: str, with_has_value: bool = True) -> list[str]:
        """Conditions true when a value `var` violates the shape's value constraints (on a node
        shape, sh:hasValue is one of them; on a property shape it is about the set of values)."""
        out = []
        for datatype in self.shapes.objects(shape, SH.datatype):
            out.append(self.datatype_violation(var, str(datatype)))
        for value in self.shapes.objects(shape, SH.hasValue) if with_has_value else ():
            out.append(f"!sameTerm({var}, {self.term(value)})")
        for pattern in self.shapes.objects(shape, SH.pattern):
            out.append(f"(isBlank({var}) || !REGEX(STR({var}), {Literal(str(pattern)).n3()}))")
        for length in self.shapes.objects(shape, SH.minLength):
            out.append(f"(isBlank({var}) || STRLEN(STR({var})) < {int(length)})")
        for bound in self.shapes.objects(shape, SH.minInclusive):
            out.append(f"!(COALESCE({var} >= {self.term(bound)}, false))")
        return out

    @staticmethod
    def datatype_violation(var: str, datatype: str) -> str:
        well_typed = f"(isLiteral({var}) && DATATYPE({var}) = <{datatype}>)"
        if datatype in CASTABLE:  # "2024-02-30"^^xsd:date has the datatype but is no date
            cast = f"<{datatype}>(STR({var}))"
            well_typed = f"({well_typed} && COALESCE({cast} = {cast}, false))"
        return f"!{well_typed}"

    def property_patterns(self, shape: Node, focus: str, path: str) -> list[tuple[str, str | None]]:
        """(pattern, value variable) pairs, one per constraint of a property shape, each matching
        when `focus` violates it."""
        out: list[tuple[str, str | None]] = []
        for minimum in self.shapes.objects(shape, SH.minCount):
            if int(minimum) > 0:  # fewer than n distinct values: no n pairwise different ones exist
                out.append(
                    (f"FILTER NOT EXISTS {{ {self.distinct_values(focus, path, int(minimum))} }}", None)
                )
        for maximum in self.shapes.objects(shape, SH.maxCount):
            out.append((self.distinct_values(focus, path, int(maximum) + 1), None))
        for cls in self.shapes.objects(shape, SH["class"]):
            v = self.var("v")
            out.append(
                (
                    f"{focus} {path} {v} . FILTER NOT EXISTS {{ {self.is_a(v, cls)} }}",
                    v,
                )
            )
        v = self.var("v")
        for condition in self.value_conditions(shape, v, with_has_value=False):  # hasValue: below
            out.append((f"{focus} {path} {v} . FILTER ({condition})", v))
        for value_node in self.shapes.objects(shape, SH.hasValue):
            out.append((f"FILTER NOT EXISTS {{ {focus} {path} {self.term(value_node)} }}", None))
        for other in self.shapes.objects(shape, SH.disjoint):
            v = self.var("v")
            out.append((f"{focus} {path} {v} . {focus} {self.term(other)} {v} .", v))
        for other in self.shapes.objects(shape, SH.lessThanOrEquals):
            v, w = self.var("v"), self.var("w")
            out.append(
                (
                    f"{focus} {path} {v} . {focus} {self.term(other)} {w} . FILTER (!COALESCE({v} <= {w}, false))",
                    v,
                )
            )
        for nested in self.shapes.objects(shape, SH.node):
            v = self.var("v")
            out.append((f"{focus} {path} {v} . FILTER (!({self.conforms(nested, v)}))", v))
        for listed in self.shapes.objects(shape, SH["or"]):
            v = self.var("v")
            options = " || ".join(f"({self.conforms(s, v)})" for s in Collection(self.shapes, listed))
            out.append((f"{focus} {path} {v} . FILTER (!({options}))", v))
        return out

    def distinct_values(self, focus: str, path: str, n: int) -> str:
        """A pattern matching when `focus` has at least n pairwise different values on `path`
        (counting without a subquery, whose variables would not see the focus node outside it)."""
        if n > 4:
            raise StateKGError(f"the SPARQL validation engine counts up to 4 values, not {n}")
        values = [self.var("v") for _ in range(n)]
        pattern = " . ".join(f"{focus} {path} {v}" for v in values)
        different = " && ".join(f"!sameTerm({a}, {b})" for i, a in enumerate(values) for b in values[i + 1 :])
        return f"{pattern} . FILTER ({different})" if different else pattern

    # -- the checks ------------------------------------------------------------------------------------
    def targets(self, shape: Node) -> list[str]:
        """Patterns binding ?focus to the shape's targets."""
        out = []
        for cls in self.shapes.objects(shape, SH.targetClass):
            out.append(self.is_a("?focus", cls))
        for predicate in self.shapes.objects(shape, SH.targetObjectsOf):
            out.append(f"?any {self.term(predicate)} ?focus .")
        return out

    def checks(self) -> list[Check]:
        found: list[Check] = []
        for shape in sorted(
            set(self.shapes.subjects(SH.targetClass)) | set(self.shapes.subjects(SH.targetObjectsOf)), key=str
        ):
            self.check_supported(shape)
            targets = " UNION ".join(f"{{ {t} }}" for t in self.targets(shape))
            head = f"{{ SELECT DISTINCT ?focus WHERE {{ VALUES ?focus {{ UNDEF }} {targets} }} }}"
            node_message = self.shapes.value(shape, SH.message)
            for condition in self.node_conditions(shape, "?focus"):
                found.append(
                    Check(
                        f"SELECT DISTINCT ?focus (?focus AS ?value) WHERE {{ {head} FILTER ({condition}) }}",
                        None,
                        str(node_message) if node_message else "constraint violated",
                        True,
                    )
                )
            for prop in self.shapes.objects(shape, SH.property):
                self.check_supported(prop)
                path_node = self.shapes.value(prop, SH.path)
                if path_node is None:
                    raise StateKGError(f"property shape {prop} of {shape} has no sh:path")
                message = self.shapes.value(prop, SH.message) or node_message
                reported_path = (
                    str(path_node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                    if isinstance(path_node, URIRef)
                    else None
                )
                for pattern, value in self.property_patterns(prop, "?focus", self.path(path_node)):
                    select = f"({value} AS ?value)" if value else ""
                    found.append(
                        Check(
                            f"SELECT DISTINCT ?focus {select} WHERE {{ {head} {pattern} }}",
                            reported_path,
                            str(message) if message else "constraint violated",
                            value is not None,
                        )
                    )
        return found


_COMPILED: dict[int, tuple[Check, ...]] = {}


def compiled_checks(shapes: Graph) -> tuple[Check, ...]:
    """The checks of a shapes graph, compiled once per graph object (the shapes are loaded once),
    with the class hierarchy of the ontology: statekg's stores hold no other subclass axioms
    (`kg add` refuses a facts file that would add one)."""
    from kg.validate import class_hierarchy

    key = id(shapes)
    if key not in _COMPILED:
        _COMPILED[key] = tuple(Compiler(shapes, class_hierarchy()).checks())
    return _COMPILED[key]


def run_compiled(store, shapes: Graph, focus_pattern: str = "") -> list:
    """Every violation of `shapes` in a store (anything with `select`: the embedded store, a SPARQL
    endpoint, an in-memory store), of the focus nodes `focus_pattern` binds as ?focus (all of a
    shape's targets when empty)."""
    from kg.validate import Violation

    found = []
    for check in compiled_checks(shapes):
        query = check.query.replace(FOCUS_SLOT, focus_pattern, 1)
        for row in store.select(query):
            value = row.get("value") if check.value else None
            found.append(
                Violation(
                    focus=str(row["focus"]),
                    path=check.path,
                    message=check.message,
                    severity="Violation",
                    value=str(value) if value is not None else None,
                )
            )
    return found


def run_checks(data: Graph, shapes: Graph, focus: list[URIRef] | None) -> list:
    """Every violation of `shapes` in an rdflib graph (only of the `focus` nodes, when given)."""
    from kg.store.base import nt_lines
    from kg.store.embedded import MemoryStore

    if focus is not None and not focus:
        return []
    store = MemoryStore()
    store.load_ntriples(nt_lines(data), URIRef("urn:statekg:data"))
    pattern = f"VALUES ?focus {{ {' '.join(n.n3() for n in focus)} }}" if focus is not None else ""
    return run_compiled(store, shapes, pattern)
