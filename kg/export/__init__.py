"""Exports for the tools people draw graphs with: a registry of formats by name.

`export(store, view, fmt, out)` writes one file (two for csv: nodes.csv and edges.csv in `out`,
a directory). `to_networkx(store, view)` gives the graph for users' own analysis.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from kg.errors import UsageError
from kg.export.formats import to_csv, to_cyjs, to_dot, to_gexf, to_graphml, to_node_link
from kg.export.html import to_html
from kg.export.model import EXPORT_VIEWS, VIEWS, ExportGraph, build_graph
from kg.export.networkx import to_networkx
from kg.files import write_atomically
from kg.mapping import bind_prefixes
from kg.resources import queries_dir
from kg.store import Store
from kg.vocab import ID

GRAPH_FORMATS: dict[str, Callable[[ExportGraph], bytes]] = {
    "gexf": to_gexf,
    "graphml": to_graphml,
    "cyjs": to_cyjs,
    "dot": to_dot,
    "json": to_node_link,
}
RDF_FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
FORMATS = sorted([*GRAPH_FORMATS, *RDF_FORMATS, "csv", "html"])


def export_rdf(store: Store, view: str, fmt: str) -> bytes:
    if view == "full":
        return _full_graph(store, fmt)
    # the state views' RDF is the states and the derived summaries they draw
    query = (queries_dir() / "export" / f"{EXPORT_VIEWS[view].rdf_query}.rq").read_text(encoding="utf-8")
    graph = store.construct(query)
    bind_prefixes(graph)
    if fmt == "ttl":
        return graph.serialize(format="turtle").encode("utf-8")
    dataset = Dataset()
    bind_prefixes(dataset)
    target = dataset.graph(URIRef(ID[f"graph/export/{view}"]))
    for triple in graph:
        target.add(triple)
    return dataset.serialize(format=RDF_FORMATS[fmt]).encode("utf-8")


def _full_graph(store: Store, fmt: str) -> bytes:
    """Every graph of the store but the quarantine graphs (facts kept out of the graph never
    reach an export; `kg dump` keeps them, it is a backup)."""
    quarantine = f" <{ID['graph/quarantine/']}"
    quads = b"".join(
        line for line in store.dump("nq").splitlines(keepends=True) if quarantine.encode() not in line
    )
    if fmt == "nq":
        return quads
    if fmt in ("trig", "ttl"):
        parsed = ox.parse(quads, format=ox.RdfFormat.N_QUADS)
        names = Graph()
        bind_prefixes(names)
        prefixes = {prefix: str(ns) for prefix, ns in names.namespaces() if prefix}
        if fmt == "ttl":  # a triple format: the union of the graphs
            union = {ox.Triple(q.subject, q.predicate, q.object) for q in parsed}
            return ox.serialize(union, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
        return ox.serialize(parsed, format=ox.RdfFormat.TRIG, prefixes=prefixes) or b""
    dataset = Dataset()
    dataset.parse(data=quads, format="nquads")
    return dataset.serialize(format=RDF_FORMATS[fmt]).encode("utf-8")


def export(store: Store, view: str, fmt: str, out: Path) -> list[Path]:
    """Write `view` in `fmt` to `out` (a directory for csv); returns the files written."""
    if view not in VIEWS:
        raise UsageError(f"unknown export view {view!r}: one of {', '.join(VIEWS)}")
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    if fmt in RDF_FORMATS:
        return [write_atomically(out, export_rdf(store, view, fmt))]
    if view == "full":
        raise UsageError(f"the full graph is RDF: export it as {', '.join(RDF_FORMATS)}")
    if fmt == "html" and view != "states":
        raise UsageError("the HTML page draws the states view")
    graph = build_graph(store, view)
    if fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        return [write_atomically(out / name, data) for name, data in to_csv(graph).items()]
    data = to_html(store, graph) if fmt == "html" else GRAPH_FORMATS[fmt](graph)
    return [write_atomically(out, data)]


def page_bytes(store: Store) -> bytes:
    """The states page as `kg export --format html` writes it (what `kg serve` answers at /states)."""
    return to_html(store, build_graph(store, "states"))


BUILD_EXPORTS = [
    ("states.gexf", "gexf"),
    ("states.graphml", "graphml"),
    ("states.cyjs", "cyjs"),
    ("states.dot", "dot"),
    ("states.html", "html"),
    ("states.json", "json"),
]


def build_exports(store: Store, out: Path) -> list[Path]:
    """What `kg build` writes besides the graph: the states view in every drawing format."""
    files = []
    for name, fmt in BUILD_EXPORTS:
        files += export(store, "states", fmt, out / name)
    files += export(store, "states", "csv", out / "states-csv")
    return files


__all__ = ["FORMATS", "VIEWS", "export", "build_exports", "page_bytes", "to_networkx"]
