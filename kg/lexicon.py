"""The extractor's word lists, loaded from the ontology's Turtle files (never written in code).

States come from states.ttl; cooperation types, event kinds, stances, post roles, body kinds and
characterisation kinds from their SKOS schemes. Everything is lower-cased for matching.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from kg.resources import ontology_dir
from kg.vocab import KGO

LEXICON_FILES = (
    "states.ttl",
    "cooperation-types.ttl",
    "event-kinds.ttl",
    "stances.ttl",
    "posts.ttl",
    "bodies.ttl",
    "characterisations.ttl",
    "lexicon.ttl",
    "plover.ttl",
    "sectors.ttl",
    "pair-stances.ttl",
)


@dataclass
class StateEntry:
    iso3: str
    iri: URIRef
    name: str
    names: list[str] = field(default_factory=list)  # name, official, alternative and historical names
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)


@dataclass
class Concept:
    slug: str
    iri: URIRef
    label: str
    triggers: list[str]
    extra: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Lexicon:
    states: dict[str, StateEntry]
    cooperation_types: dict[str, Concept]
    event_kinds: dict[str, Concept]
    stances: dict[str, Concept]
    post_roles: dict[str, Concept]
    body_kinds: dict[str, Concept]
    characterisation_kinds: dict[str, Concept]
    plover_types: dict[str, Concept]
    sectors: dict[str, Concept]
    title_modifiers: list[str]
    word_lists: dict[str, list[str]]

    def plover_types_by_iri(self) -> dict[URIRef, Concept]:
        return {c.iri: c for c in self.plover_types.values()}

    def planned_type(self, slug: str) -> str:
        """The PLOVER type an act of type `slug` takes while only announced or intended."""
        planned = self.plover_types[slug].extra.get(str(KGO.plannedType), [])
        return planned[0].rsplit("/", 1)[-1] if planned else slug

    def is_cooperative(self, plover: str) -> bool:
        """Whether a PLOVER type's quad class is cooperative (verbal or material cooperation)."""
        concept = self.plover_types.get(plover)
        if concept is None:
            return False
        quads = concept.extra.get(str(KGO.quadClass), [])
        return bool(quads) and quads[0].rsplit("/", 1)[-1] in ("verbal-cooperation", "material-cooperation")

    def acts_for_state(self, sector: str) -> bool:
        return self.sectors[sector].extra.get(str(KGO.actsForState), ["false"]) == ["true"]

    def stands_for_state(self, sector: str) -> bool:
        return self.sectors[sector].extra.get(str(KGO.standsForState), ["false"]) == ["true"]

    def implied_plover(self, concept: Concept) -> str | None:
        """The PLOVER type a stance or a characterisation kind implies between its states, if any."""
        found = concept.extra.get(str(KGO.ploverType), [])
        return found[0].rsplit("/", 1)[-1] if found else None


@cache
def lexicon_graph() -> Graph:
    graph = Graph()
    for name in LEXICON_FILES:
        graph.parse(ontology_dir() / name, format="turtle")
    return graph


def _strings(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return sorted(str(o) for o in graph.objects(subject, predicate))


def _concepts(graph: Graph, scheme: URIRef, *extra: URIRef) -> dict[str, Concept]:
    out = {}
    for concept in sorted(graph.subjects(SKOS.inScheme, scheme)):
        slug = str(graph.value(concept, SKOS.notation))
        label = str(graph.value(concept, SKOS.prefLabel))
        triggers = _strings(graph, concept, KGO.trigger) + _strings(graph, concept, SKOS.altLabel)
        out[slug] = Concept(
            slug=slug,
            iri=concept,
            label=label,
            triggers=sorted({t.lower() for t in triggers}),
            extra={str(p): _strings(graph, concept, p) for p in extra},
        )
    return out


@cache
def load_lexicon() -> Lexicon:
    graph = lexicon_graph()
    states = {}
    for iri in sorted(graph.subjects(RDF.type, KGO.State)):
        iso3 = str(graph.value(iri, KGO.iso3))
        name = str(graph.value(iri, SKOS.prefLabel))
        names = [name, str(graph.value(iri, KGO.officialName))]
        names += _strings(graph, iri, SKOS.altLabel) + _strings(graph, iri, KGO.historicalName)
        states[iso3] = StateEntry(
            iso3=iso3,
            iri=iri,
            name=name,
            names=list(dict.fromkeys(names)),
            demonyms=_strings(graph, iri, KGO.demonym),
            capitals=_strings(graph, iri, KGO.capital),
            metonyms=_strings(graph, iri, KGO.metonym),
            regions=_strings(graph, iri, KGO.region),
        )
    return Lexicon(
        states=states,
        cooperation_types=_concepts(graph, KGO.CooperationTypeScheme),
        event_kinds=_concepts(graph, KGO.EventKindScheme, KGO.cameo, KGO.minStates, KGO.ploverType),
        stances=_concepts(graph, KGO.StanceScheme, KGO.ploverType),
        post_roles=_concepts(graph, KGO.PostRoleScheme),
        body_kinds=_concepts(graph, KGO.BodyKindScheme, KGO.domainWord),
        characterisation_kinds=_concepts(graph, KGO.CharacterisationScheme, KGO.ploverType),
        plover_types=_concepts(
            graph, KGO.PloverScheme, KGO.quadClass, KGO.intensity, KGO.plannedType, KGO.cameo, KGO.order
        ),
        sectors=_concepts(graph, KGO.SectorScheme, KGO.actsForState, KGO.standsForState),
        title_modifiers=sorted(s.lower() for s in _strings(graph, KGO.PostRoleScheme, KGO.titleModifier)),
        word_lists={
            str(wl).rsplit("/", 1)[-1]: _strings(graph, wl, KGO.word)
            for wl in sorted(graph.subjects(RDF.type, KGO.WordList))
        },
    )
