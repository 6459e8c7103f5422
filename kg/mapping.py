"""Facts -> RDF in the ontology's terms, in one named graph per article.

IRIs are stable: a state is id/state/ISO3; a person id/person/<name>-<iso3> (the same person in two
articles is one node); a dated event is id/event/<kind>/<date>/<hash of its states>, so one meeting
reported twice is one node with evidence from both; an undated event stays scoped to its article.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV

from kg.converter import converter_version
from kg.facts import Evidence, Facts
from kg.lexicon import load_lexicon
from kg.vocab import ID, KGO, OA


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def article_key(facts: Facts) -> str:
    art = facts.article
    if art.url:
        return short_hash("url", art.url)
    if art.id:
        return short_hash("id", art.id)
    return art.content_hash[:16]


def article_iri(facts: Facts) -> URIRef:
    return ID[f"article/{article_key(facts)}"]


def graph_iri(facts: Facts) -> URIRef:
    return ID[f"graph/article/{article_key(facts)}"]


def state_iri(iso3: str) -> URIRef:
    return ID[f"state/{iso3}"]


def person_iri(name: str, state: str | None) -> URIRef:
    return ID[f"person/{slug(name)}-{(state or 'xxx').lower()}"]


def body_iri(state: str, kind: str) -> URIRef:
    return ID[f"body/{state}/{kind}"]


def place_iri(name: str) -> URIRef:
    return ID[f"place/{slug(name)}"]


def event_key(event) -> tuple[str, ...]:
    """What makes two reports of a dated event of one kind the same event: its states, and for an
    act its PLOVER type and, when it is directed, its direction (A -> B never merges with B -> A)."""
    if not event.symmetric and event.sources:
        types = () if event.kind == "statement" else tuple(sorted(event.plovers))  # one statement, many acts
        return (*types, *sorted(event.sources), "->", *sorted(event.targets))
    return (*sorted(event.plovers), *sorted(event.states))


def converter_iri() -> URIRef:
    return ID[f"converter/statekg-{converter_version()}"]


class ArticleGraph:
    """Builds the triples of one article."""

    def __init__(self, facts: Facts, generated_at: datetime | None = None) -> None:
        self.facts = facts
        self.key = article_key(facts)
        self.article = article_iri(facts)
        self.graph = Graph(identifier=graph_iri(facts))
        self.generated_at = generated_at or datetime.now(UTC).replace(microsecond=0)
        self.lex = load_lexicon()

    def add(self, s, p, o) -> None:
        self.graph.add((s, p, o))

    def build(self) -> Graph:
        self._article()
        for mention in self.facts.states:
            self.add(self.article, KGO.mentions, state_iri(mention.iso3))
        for official in self.facts.officials:
            self._official(official)
        event_iris = [self._event(i, e) for i, e in enumerate(self.facts.events)]
        for i, event in enumerate(self.facts.events):
            if event.part_of is not None:
                self.add(event_iris[i], KGO.partOf, event_iris[event.part_of])
        coop_iris = [self._cooperation(i, coop, event_iris) for i, coop in enumerate(self.facts.cooperation)]
        relation_iris = [self._characterisation(i, rel) for i, rel in enumerate(self.facts.relations)]
        bases = {"event": event_iris, "cooperation": coop_iris, "relation": relation_iris}
        for i, dyad in enumerate(self.facts.dyads):
            self._interaction(i, dyad, bases)
        for i, quote in enumerate(self.facts.quotations):
            self._quotation(i, quote)
        return self.graph

    # ------------------------------------------------------------------------------------------
    def _article(self) -> None:
        art = self.facts.article
        a = self.article
        self.add(a, RDF.type, KGO.Article)
        self.add(a, KGO.contentHash, Literal(art.content_hash))
        if art.date:
            self.add(a, KGO.published, Literal(art.date.isoformat(), datatype=XSD.date))
        if art.publisher:
            self.add(a, KGO.publisher, Literal(art.publisher))
        if art.url:
            self.add(a, KGO.url, Literal(art.url, datatype=XSD.anyURI))
        if art.title:
            self.add(a, KGO.headline, Literal(art.title))
        self.add(a, KGO.sourceFormat, Literal(art.source_format))
        if art.summary_only:
            self.add(a, KGO.summaryOnly, Literal(True))
        self.add(a, RDFS.label, Literal(art.title or art.source))
        if art.dateline:
            self.add(a, KGO.dateline, self._place(art.dateline.place))
        activity = ID[f"extraction/{self.key}"]
        self.add(activity, RDF.type, KGO.Extraction)
        self.add(activity, RDFS.label, Literal(f"statekg {converter_version()} reading {art.source}"))
        self.add(activity, PROV.used, a)
        self.add(activity, PROV.wasAssociatedWith, converter_iri())
        self.add(activity, PROV.endedAtTime, Literal(self.generated_at.isoformat(), datatype=XSD.dateTime))
        self.add(converter_iri(), RDF.type, KGO.Converter)
        self.add(converter_iri(), RDFS.label, Literal(f"statekg converter {converter_version()}"))
        self.add(self.graph.identifier, PROV.wasGeneratedBy, activity)
        self.add(self.graph.identifier, PROV.wasDerivedFrom, a)

    def _evidence(self, subject: URIRef, evidence: list[Evidence]) -> None:
        for ev in evidence:
            node = ID[f"evidence/{self.key}/{ev.start}-{ev.end}"]
            self.add(subject, KGO.evidence, node)
            if (node, RDF.type, KGO.Evidence) in self.graph:
                continue
            position, quote = URIRef(f"{node}/position"), URIRef(f"{node}/quote")
            self.add(node, RDF.type, KGO.Evidence)
            self.add(node, OA.hasSource, self.article)
            self.add(node, OA.hasSelector, position)
            self.add(node, OA.hasSelector, quote)
            self.add(position, RDF.type, OA.TextPositionSelector)
            self.add(position, OA.start, Literal(ev.start, datatype=XSD.integer))
            self.add(position, OA.end, Literal(ev.end, datatype=XSD.integer))
            self.add(quote, RDF.type, OA.TextQuoteSelector)
            self.add(quote, OA.exact, Literal(ev.text))

    def _place(self, name: str) -> URIRef:
        node = place_iri(name)
        self.add(node, RDF.type, KGO.Place)
        self.add(node, RDFS.label, Literal(name))
        return node

    def _body(self, state: str, kind: str) -> URIRef:
        node = body_iri(state, kind)
        concept = self.lex.body_kinds[kind]
        self.add(node, RDF.type, KGO.GovernmentBody)
        self.add(node, RDFS.label, Literal(f"{concept.label} of {self.lex.states[state].name}"))
        self.add(node, ORG.subOrganizationOf, state_iri(state))
        self.add(node, KGO.ofState, state_iri(state))
        self.add(node, KGO.bodyKind, concept.iri)
        return node

    def _person(self, name: str, state: str | None) -> URIRef:
        node = person_iri(name, state)
        self.add(node, RDF.type, KGO.Person)
        self.add(node, RDFS.label, Literal(name))
        if state:
            self.add(node, KGO.ofState, state_iri(state))
        return node

    def _official(self, official) -> None:
        person = self._person(official.name, official.state)
        if not official.post or not official.state:
            return
        post = ID[f"post/{official.state}/{slug(official.post)}"]
        self.add(post, RDF.type, KGO.Post)
        self.add(post, KGO.title, Literal(official.post))
        self.add(post, RDFS.label, Literal(f"{official.post} ({self.lex.states[official.state].name})"))
        self.add(post, KGO.ofState, state_iri(official.state))
        within = (
            self._body(official.state, official.body_kind)
            if official.body_kind
            else state_iri(official.state)
        )
        self.add(post, ORG.postIn, within)
        if official.role and official.role in self.lex.post_roles:
            self.add(post, KGO.postRole, self.lex.post_roles[official.role].iri)
        holding = ID[f"holding/{slug(official.name)}-{official.state.lower()}/{slug(official.post)}"]
        self.add(holding, RDF.type, KGO.PostHolding)
        self.add(holding, KGO.holder, person)
        self.add(holding, KGO.post, post)
        self.add(post, ORG.heldBy, person)
        if self.facts.article.date:
            self.add(holding, KGO.attestedOn, Literal(self.facts.article.date.isoformat(), datatype=XSD.date))
        self._evidence(holding, official.evidence)

    def _event(self, index: int, event) -> URIRef:
        states = sorted(event.states)
        if event.date:
            node = ID[f"event/{event.kind}/{event.date.isoformat()}/{short_hash(*event_key(event))}"]
        else:
            node = ID[f"event/{self.key}/{index}-{event.kind}"]
        kind = self.lex.event_kinds[event.kind]
        self.add(node, RDF.type, KGO.Event)
        self.add(node, KGO.eventKind, kind.iri)
        name = self.lex.states
        if not event.symmetric and event.sources:
            between = f"{', '.join(name[s].name for s in event.sources)} → {', '.join(name[s].name for s in event.targets)}"
        else:
            between = ", ".join(name[s].name for s in states)
        label = event.name or f"{kind.label} of {between}"
        if event.plovers:
            label += f" [{', '.join(event.plovers)}]"
        self.add(node, RDFS.label, Literal(label + (f" ({event.date.isoformat()})" if event.date else "")))
        for plover in event.plovers:
            self.add(node, KGO.ploverType, self.lex.plover_types[plover].iri)
        if event.plovers:
            self.add(node, KGO.symmetric, Literal(event.symmetric))
        if event.cameo:
            self.add(node, KGO.cameo, Literal(event.cameo))
        if event.mode:
            self.add(node, KGO.ploverMode, Literal(event.mode))
        if event.name:
            self.add(node, KGO.name, Literal(event.name))
        if event.date:
            self.add(node, KGO.date, Literal(event.date.isoformat(), datatype=XSD.date))
        else:
            self.add(node, KGO.dateUnknown, Literal(True))
        if event.planned:
            self.add(node, KGO.planned, Literal(True))
        if self.facts.article.date:
            self.add(node, KGO.reportedOn, Literal(self.facts.article.date.isoformat(), datatype=XSD.date))
        if event.place:
            self.add(node, KGO.place, self._place(event.place))
        officials = {o.name: o.state for o in self.facts.officials}
        for name in event.participants:
            person = self._person(name, officials.get(name))
            self.add(node, KGO.participant, person)  # materialised: the shapes use no inference
            if name in event.guests:
                self.add(node, KGO.guest, person)
        for state in states:
            self.add(node, KGO.participant, state_iri(state))
            if state in event.hosts:
                self.add(node, KGO.host, state_iri(state))
            elif state in event.guests:
                self.add(node, KGO.guest, state_iri(state))
        if not event.symmetric:
            for state in event.sources:
                self.add(node, KGO.source, state_iri(state))
            for state in event.targets:
                self.add(node, KGO.target, state_iri(state))
            for name_ in event.source_persons:
                self.add(node, KGO.source, self._person(name_, officials.get(name_)))
            for name_ in event.target_persons:
                self.add(node, KGO.target, self._person(name_, officials.get(name_)))
        self._evidence(node, event.evidence)
        return node

    def _interaction(self, index: int, dyad, bases: dict[str, list[URIRef]]) -> None:
        basis = bases[dyad.basis][dyad.basis_index] if dyad.basis in bases and dyad.basis_index >= 0 else None
        pair = f"{dyad.source}-{dyad.target}/{dyad.plover}"
        if basis is not None and dyad.basis == "event" and "/event/" + self.key not in str(basis):
            node = ID[f"interaction/{str(basis).split('/id/event/', 1)[1]}/{pair}"]  # shared, as its event is
        else:
            node = ID[
                f"interaction/{self.key}/{dyad.basis}-{dyad.basis_index if dyad.basis_index >= 0 else index}/{pair}"
            ]
        plover = self.lex.plover_types[dyad.plover]
        name = self.lex.states
        self.add(node, RDF.type, KGO.Interaction)
        self.add(
            node, RDFS.label, Literal(f"{name[dyad.source].name} → {name[dyad.target].name}: {plover.label}")
        )
        self.add(node, KGO.sourceState, state_iri(dyad.source))
        self.add(node, KGO.targetState, state_iri(dyad.target))
        self.add(node, KGO.ploverType, plover.iri)
        if dyad.cameo:
            self.add(node, KGO.cameo, Literal(dyad.cameo))
        if dyad.planned:
            self.add(node, KGO.planned, Literal(True))
        for prop, sector in ((KGO.sourceSector, dyad.source_sector), (KGO.targetSector, dyad.target_sector)):
            if sector in self.lex.sectors:
                self.add(node, prop, self.lex.sectors[sector].iri)
        if basis is not None:
            self.add(node, KGO.basis, basis)
        self._evidence(node, dyad.evidence)

    def _cooperation(self, index: int, coop, event_iris: list[URIRef]) -> URIRef:
        node = ID[f"cooperation/{self.key}/{'-'.join(coop.states)}/{coop.stance or 'unknown'}"]
        self.add(node, RDF.type, KGO.Cooperation)
        names = " and ".join(self.lex.states[s].name for s in coop.states)
        self.add(node, RDFS.label, Literal(f"cooperation of {names}: {', '.join(coop.types)}"))
        for state in coop.states:
            self.add(node, KGO.party, state_iri(state))
        for t in coop.types:
            self.add(node, KGO.cooperationType, self.lex.cooperation_types[t].iri)
        if coop.stance:
            self.add(node, KGO.stance, self.lex.stances[coop.stance].iri)
        for e in coop.events:
            self.add(node, KGO.supportedBy, event_iris[e])
        self._evidence(node, coop.evidence)
        return node

    def _characterisation(self, index: int, rel) -> URIRef:
        node = ID[f"characterisation/{self.key}/{rel.source}-{rel.target}/{slug(rel.label)}"]
        self.add(node, RDF.type, KGO.Characterisation)
        self.add(node, RDFS.label, Literal(f"{rel.source} about {rel.target}: {rel.label}"))
        self.add(node, KGO.subjectState, state_iri(rel.source))
        self.add(node, KGO.objectState, state_iri(rel.target))
        self.add(node, KGO.phrase, Literal(rel.label))
        if rel.kind and rel.kind in self.lex.characterisation_kinds:
            self.add(node, KGO.characterisationKind, self.lex.characterisation_kinds[rel.kind].iri)
        if rel.speaker:  # the official whose words these are, of the state that voices them
            self.add(node, KGO.speaker, self._person(rel.speaker, rel.source))
        self._evidence(node, rel.evidence)
        return node

    def _quotation(self, index: int, quote) -> None:
        speaker = self._speaker(quote)
        if speaker is None:
            return  # an unattributed quotation is kept in the JSON output, not asserted in the graph
        node = ID[f"quote/{self.key}/{index}"]
        self.add(node, RDF.type, KGO.Quotation)
        self.add(node, KGO.text, Literal(quote.text))
        self.add(node, KGO.direct, Literal(quote.direct))
        self.add(node, KGO.speaker, speaker)
        self._evidence(node, quote.evidence)

    def _speaker(self, quote) -> URIRef | None:
        if quote.speaker_kind == "person" and quote.speaker:
            return self._person(quote.speaker, quote.speaker_state)
        if quote.speaker_kind == "body" and quote.speaker_state and quote.body_kind:
            return self._body(quote.speaker_state, quote.body_kind)
        if quote.speaker_kind == "state" and quote.speaker_state:
            return state_iri(quote.speaker_state)
        return None


def to_graph(facts: Facts, generated_at: datetime | None = None) -> Graph:
    """The named graph of one article."""
    return ArticleGraph(facts, generated_at).build()


def to_dataset(results: list[Facts], generated_at: datetime | None = None) -> Dataset:
    dataset = Dataset()
    bind_prefixes(dataset)
    for facts in results:
        graph = to_graph(facts, generated_at)
        target = dataset.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
    return dataset


def bind_prefixes(graph: Graph | Dataset) -> None:
    graph.bind("kgo", str(KGO._NS))
    graph.bind("kgid", str(ID))
    graph.bind("oa", str(OA))
    graph.bind("org", str(ORG))
    graph.bind("prov", str(PROV))
