"""The bridge to networkx, for users' own analysis (centrality, communities)."""

from __future__ import annotations

import networkx as nx

from kg.export.model import ExportGraph, build_graph
from kg.store import Store


def to_nx(graph: ExportGraph) -> nx.MultiDiGraph:
    """A MultiDiGraph: an act goes from its source to its target; a cooperation pair (undirected)
    is one edge from the first state to the second, with directed=False."""
    g = nx.MultiDiGraph(name=f"statekg {graph.name}")
    for node in graph.nodes:
        g.add_node(node.id, label=node.label, **node.attrs)
    for edge in graph.edges:
        g.add_edge(
            edge.source,
            edge.target,
            key=edge.id,
            id=edge.id,
            label=edge.label,
            start=edge.start,
            end=edge.end,
            directed=edge.directed,
            **edge.attrs,
        )
    return g


def to_networkx(store: Store, view: str = "states") -> nx.MultiDiGraph:
    """`kg.to_networkx(store, view="states")`: the view's graph as a networkx MultiDiGraph."""
    return to_nx(build_graph(store, view))
