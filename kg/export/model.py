"""The graph an export draws: nodes and edges with names as labels and literals as attributes,
built from the export queries in queries/export/ (never from IRIs shown to people)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.resources import queries_dir
from kg.store import Store
from kg.views import Result, parse_view


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
    directed: bool = False  # an act of the source on the target (a PLOVER dyad), not a pair
    spells: list[tuple[str, str]] = field(default_factory=list)  # the periods it was seen in (months)


@dataclass
class ExportGraph:
    name: str
    nodes: list[Node]
    edges: list[Edge]
    evidence: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # edge id -> sentences
    acts: list[dict[str, Any]] = field(default_factory=list)  # dyad-months with a sentence (the page)

    @property
    def directed(self) -> bool:
        """Whether every edge is directed (a graph of acts); a graph with both is mixed."""
        return bool(self.edges) and all(e.directed for e in self.edges)

    @property
    def mixed(self) -> bool:
        return any(e.directed for e in self.edges) and not self.directed

    def attribute_types(self, items: list[Node] | list[Edge]) -> dict[str, type]:
        """Each attribute's type across the items: int if every value is an int, float if every
        value is a number and one is a float, else str."""
        types: dict[str, type] = {}
        for item in items:
            for key, value in item.attrs.items():
                if value is None:
                    continue
                seen = _kind(value)
                known = types.get(key, seen)
                if known != seen:
                    seen = float if {known, seen} == {int, float} else str
                types[key] = seen
        return types


def _kind(value: object) -> type:
    if isinstance(value, bool):
        return str
    if isinstance(value, int):
        return int
    return float if isinstance(value, float) else str


def export_rows(store: Store, name: str) -> Result:
    path = queries_dir() / "export" / f"{name}.rq"
    view = parse_view(name, path.read_text(encoding="utf-8"))
    return Result(view.columns, store.select(view.text))


def _records(store: Store, name: str) -> list[dict[str, Any]]:
    return export_rows(store, name).records()


def _state_nodes(store: Store) -> list[Node]:
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
    return nodes


def _cooperation_edges(store: Store, known: set[str]) -> list[Edge]:
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
    return edges


def _cooperation_evidence(store: Store) -> dict[str, list[dict]]:
    """Each sentence once per pair, with the cooperation types it supports."""
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
    return evidence


def month_spell(month: str) -> tuple[str, str]:
    """A month (YYYY-MM) as the ISO dates of its first and last day."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{month}-01", f"{month}-{calendar.monthrange(year, number)[1]:02d}"


def _dyad_edges(store: Store, known: set[str], keep: Callable[[dict], bool] = lambda r: True) -> list[Edge]:
    """One directed edge per (source, target, PLOVER type), with a spell per month it was seen."""
    edges = []
    for r in _records(store, "dyad-edges"):
        source, target = f"state-{r['source']}", f"state-{r['target']}"
        if source not in known or target not in known or not keep(r):
            continue
        months = sorted(set((r["months"] or "").split()))
        edges.append(
            Edge(
                id=f"act-{r['source']}-{r['target']}-{r['type']}",
                source=source,
                target=target,
                label=r["type"],
                attrs={
                    "type": r["type"],
                    "quad": r["quad"],
                    "events": r["events"],
                    "score": float(r["score"]),
                    "first": r["first"] or "",
                    "last": r["last"] or "",
                    "weight": max(1, r["events"]),
                },
                start=r["first"],
                end=r["last"],
                directed=True,
                spells=[month_spell(m) for m in months],
            )
        )
    return edges


def _acts(store: Store) -> list[dict[str, Any]]:
    return _records(store, "dyad-evidence")


def states_graph(store: Store) -> ExportGraph:
    """States with their cooperation (undirected pairs) and their acts on each other (directed)."""
    nodes = _state_nodes(store)
    known = {n.id for n in nodes}
    edges = _cooperation_edges(store, known) + _dyad_edges(store, known)
    return ExportGraph("states", nodes, edges, _cooperation_evidence(store), _acts(store))


def cooperation_graph(store: Store) -> ExportGraph:
    nodes = _state_nodes(store)
    return ExportGraph(
        "cooperation", nodes, _cooperation_edges(store, {n.id for n in nodes}), _cooperation_evidence(store)
    )


def dyads_graph(store: Store, name: str = "dyads", conflict_only: bool = False) -> ExportGraph:
    nodes = _state_nodes(store)

    def keep(r: dict) -> bool:
        return not conflict_only or r["quad"] in ("verbal-conflict", "material-conflict")

    edges = _dyad_edges(store, {n.id for n in nodes}, keep)
    return ExportGraph(name, nodes, edges, {}, _acts(store))


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


@dataclass(frozen=True)
class ExportView:
    name: str
    description: str
    build: Callable[[Store], ExportGraph] | None  # None: the RDF graph itself, not a drawing
    rdf_query: str | None = None  # queries/export/<name>.rq giving the view as RDF (None: the full graph)


EXPORT_VIEWS: dict[str, ExportView] = {
    v.name: v
    for v in (
        ExportView(
            "states",
            "states: cooperation between them (undirected) and their acts on each other (directed, by PLOVER type)",
            states_graph,
            "states-rdf",
        ),
        ExportView(
            "dyads",
            "dyads: what each state did to another, one directed edge per PLOVER type",
            dyads_graph,
            "states-rdf",
        ),
        ExportView(
            "conflict",
            "conflict: the directed acts of the conflict quad classes only",
            lambda s: dyads_graph(s, "conflict", True),
            "states-rdf",
        ),
        ExportView(
            "cooperation",
            "cooperation: state pairs that cooperate, undirected",
            cooperation_graph,
            "states-rdf",
        ),
        ExportView(
            "officials",
            "officials: who met whom",
            lambda s: _generic(s, "officials", "official-nodes", "official-edges"),
            "officials-rdf",
        ),
        ExportView(
            "events",
            "events: events and their participants",
            lambda s: _generic(s, "events", "event-nodes", "event-edges"),
            "events-rdf",
        ),
        ExportView("full", "full: the whole RDF graph (RDF formats only)", None),
    )
}
VIEWS = tuple(EXPORT_VIEWS)


def build_graph(store: Store, view: str) -> ExportGraph:
    entry = EXPORT_VIEWS.get(view)
    if entry is None or entry.build is None:
        raise ValueError(f"no drawable graph for view {view!r}")
    return entry.build(store)
