"""The graph an export draws: nodes and edges with names as labels and literals as attributes,
built from the export queries in queries/export/ (never from IRIs shown to people)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.resources import queries_dir
from kg.store import Store
from kg.views import Result, parse_view

VIEWS = ("states", "officials", "events", "full")


@dataclass
class Node:
    id: str
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Edge:
    id: str
    source: str
    target: str
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)
    start: str | None = None  # ISO dates: when the relation is first and last seen
    end: str | None = None


@dataclass
class ExportGraph:
    name: str
    nodes: list[Node]
    edges: list[Edge]
    evidence: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # edge id -> sentences

    def attribute_types(self, items: list[Node] | list[Edge]) -> dict[str, type]:
        """Each attribute's type across the items (int if every value is an int, else str)."""
        types: dict[str, type] = {}
        for item in items:
            for key, value in item.attrs.items():
                if value is None:
                    continue
                seen = int if isinstance(value, int) and not isinstance(value, bool) else str
                types[key] = seen if types.get(key, seen) == seen else str
        return types


def export_rows(store: Store, name: str) -> Result:
    path = queries_dir() / "export" / f"{name}.rq"
    view = parse_view(name, path.read_text(encoding="utf-8"))
    return Result(view.columns, store.select(view.text))


def _records(store: Store, name: str) -> list[dict[str, Any]]:
    return export_rows(store, name).records()


def states_graph(store: Store) -> ExportGraph:
    nodes = [
        Node(
            id=f"state-{r['iso3']}",
            label=r["name"],
            attrs={
                "iso3": r["iso3"],
                "wikidata": (r["wikidata"] or "").rsplit("/", 1)[-1],
                "events": r["events"],
            },
        )
        for r in _records(store, "state-nodes")
    ]
    known = {n.id for n in nodes}
    edges = []
    for r in _records(store, "state-edges"):
        source, target = f"state-{r['state_a']}", f"state-{r['state_b']}"
        if source not in known or target not in known:
            continue
        edges.append(
            Edge(
                id=f"coop-{r['state_a']}-{r['state_b']}",
                source=source,
                target=target,
                label=r["types"],
                attrs={
                    "types": r["types"],
                    "stance": r["stance"] or "",
                    "events": r["events"],
                    "first": r["first"] or "",
                    "last": r["last"] or "",
                    # a relation reported without a supporting event still weighs 1
                    "weight": max(1, r["events"]),
                },
                start=r["first"],
                end=r["last"],
            )
        )
    # each sentence once per pair, with the cooperation types it supports
    evidence: dict[str, list[dict]] = {}
    by_sentence: dict[tuple[str, str, str], dict] = {}
    for r in _records(store, "state-evidence"):
        pair = f"coop-{r['state_a']}-{r['state_b']}"
        key = (pair, r["sentence"] or "", r["article"] or "")
        item = by_sentence.get(key)
        if item is None:
            item = {k: r[k] or "" for k in ("sentence", "article", "headline", "url")} | {"types": []}
            by_sentence[key] = item
            evidence.setdefault(pair, []).append(item)
        if r["type"] not in item["types"]:
            item["types"].append(r["type"])
    return ExportGraph("states", nodes, edges, evidence)


def _generic(store: Store, name: str, node_query: str, edge_query: str) -> ExportGraph:
    nodes = []
    for r in _records(store, node_query):
        attrs = {k: v for k, v in r.items() if k not in ("id", "label") and v is not None}
        nodes.append(Node(id=_short_id(r["id"]), label=r["label"], attrs=attrs))
    known = {n.id for n in nodes}
    edges = []
    for i, r in enumerate(_records(store, edge_query)):
        source, target = _short_id(r["source"]), _short_id(r["target"])
        if source not in known or target not in known:
            continue
        attrs = {k: v for k, v in r.items() if k not in ("source", "target", "label") and v is not None}
        edges.append(
            Edge(f"edge-{i}", source, target, r["label"] or r["kind"], attrs, r.get("first"), r.get("last"))
        )
    return ExportGraph(name, nodes, edges)


def _short_id(iri: str) -> str:
    """An opaque, readable id from an IRI: the part after /id/, with '/' as '-'."""
    return iri.split("/id/", 1)[-1].replace("/", "-")


def build_graph(store: Store, view: str) -> ExportGraph:
    if view == "states":
        return states_graph(store)
    if view == "officials":
        return _generic(store, "officials", "official-nodes", "official-edges")
    if view == "events":
        return _generic(store, "events", "event-nodes", "event-edges")
    raise ValueError(f"no drawable graph for view {view!r}")
