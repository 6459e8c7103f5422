"""Upkeep of the derived graph: summaries over all articles that the views read.

Five kinds of summary, each maintained by a SPARQL update in `queries/derived/`:
state relations (pair and cooperation type), state pairs (all types of a pair, computed from the
relations, so after them), state activity (events per state), official summaries (one per post
holding) and event summaries (one per event). A write names the summaries it
touches (`DerivedKeys`, read from the old and new triples) and refreshes only those, in the same
update request as the write itself, so the derived graph is never out of step with the articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, Graph, URIRef

from kg.factkinds import STATE_LINKS
from kg.queries import load_update, split_prologue
from kg.store import Store
from kg.store.base import bind_rows, bind_values
from kg.vocab import GRAPH_DERIVED, ID, KGO

STATE_PREFIX = str(ID["state/"])

RelationKey = tuple[URIRef, URIRef, URIRef, URIRef]  # relation IRI, state a, state b, cooperation type
PairKey = tuple[URIRef, URIRef, URIRef]  # pair IRI, state a, state b


def last_segment(iri: URIRef) -> str:
    """A state's ISO code or a concept's slug: the last path segment of its IRI (as the derived
    updates build relation and pair IRIs from the codes)."""
    return str(iri).rsplit("/", 1)[-1]


@dataclass
class DerivedKeys:
    """The summaries a write touches."""

    relations: set[RelationKey] = field(default_factory=set)
    states: set[URIRef] = field(default_factory=set)
    holdings: set[URIRef] = field(default_factory=set)
    events: set[URIRef] = field(default_factory=set)

    def __or__(self, other: DerivedKeys) -> DerivedKeys:
        return DerivedKeys(
            self.relations | other.relations,
            self.states | other.states,
            self.holdings | other.holdings,
            self.events | other.events,
        )

    def __bool__(self) -> bool:
        return bool(self.relations or self.states or self.holdings or self.events)

    def pairs(self) -> set[PairKey]:
        out = set()
        for _, a, b, _ in self.relations:
            out.add((ID[f"pair/{last_segment(a)}-{last_segment(b)}"], a, b))
        return out


def derived_keys(triples: Iterable, store: Store | None = None, graph: URIRef | None = None) -> DerivedKeys:
    """The summaries that a set of facts (plus, if given, a stored graph's facts) touches."""
    g = Graph()
    for t in triples:
        g.add(t)
    if store is not None and graph is not None:
        g += store.graph(graph)
    keys = DerivedKeys()
    for link in STATE_LINKS:
        keys.states.update(
            o for o in g.objects(predicate=link) if isinstance(o, URIRef) and o.startswith(STATE_PREFIX)
        )
    keys.holdings.update(h for h in g.subjects(RDF.type, KGO.PostHolding) if isinstance(h, URIRef))
    keys.events.update(e for e in g.subjects(RDF.type, KGO.Event) if isinstance(e, URIRef))
    for coop in g.subjects(predicate=KGO.cooperationType, unique=True):
        parties = sorted(set(g.objects(coop, KGO.party)), key=str)
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                for t in g.objects(coop, KGO.cooperationType):
                    iri = ID[f"relation/{last_segment(a)}-{last_segment(b)}/{last_segment(t)}"]
                    keys.relations.add((iri, a, b, t))
    return keys


def derived_update(keys: DerivedKeys | None) -> str:
    """The update that refreshes the summaries `keys` names (None: all of them, a full rebuild)."""
    relations = sorted(keys.relations) if keys is not None else None
    pairs = sorted(keys.pairs()) if keys is not None else None
    states = sorted(keys.states) if keys is not None else None
    holdings = sorted(keys.holdings) if keys is not None else None
    events = sorted(keys.events) if keys is not None else None
    parts = []
    if relations is None or relations:
        text = load_update("derived/state-relations")
        text = bind_values(text, {"relation": [k[0] for k in relations] if relations is not None else None})
        parts.append(bind_rows(text, ["relation", "a", "b", "type"], relations))
        text = bind_values(
            load_update("derived/state-pairs"), {"pair": [k[0] for k in pairs] if pairs is not None else None}
        )
        parts.append(bind_rows(text, ["pair", "a", "b"], pairs))
    if states is None or states:
        parts.append(bind_values(load_update("derived/state-activity"), {"state": states}))
    if holdings is None or holdings:
        parts.append(bind_values(load_update("derived/officials"), {"holding": holdings}))
    if events is None or events:
        parts.append(bind_values(load_update("derived/events"), {"event": events}))
    return chain(parts)


def chain(updates: list[str]) -> str:
    """Several update requests as one: every prologue first (some engines want them there)."""
    prologues, bodies = [], []
    for text in updates:
        prologue, body = split_prologue(text)
        prologues += [line for line in prologue.splitlines() if line not in prologues]
        bodies.append(body.strip().rstrip(";"))
    return "\n".join(prologues) + "\n" + " ;\n".join(b for b in bodies if b)


def with_derived(operations: str, keys: DerivedKeys | None) -> str:
    """One update request: the given operations, then the refresh of the summaries they touch
    (`keys`; None refreshes all of them)."""
    if keys is not None and not keys:
        return operations
    return chain([operations, derived_update(keys)])


def rebuild_derived(store: Store) -> None:
    """Recompute every summary from the article graphs (what incremental upkeep must equal)."""
    store.update(chain([f"DROP SILENT GRAPH {GRAPH_DERIVED.n3()}", derived_update(None)]))
