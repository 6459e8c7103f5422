"""The kinds of fact an article yields, declared once. Everything that lists fact kinds reads this
table: the hand-added facts' provenance (kg.api), the state links the derived summaries follow
(kg.derived), the evaluation categories (kg.evaluate) and the table output (kg.output); a test
checks that the ontology's kgo:Fact subclasses, the JSON keys, the shapes and the JSON document
agree with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.vocab import KGO


@dataclass(frozen=True)
class FactKind:
    key: str  # the field of kg.facts.Facts and the key of `kg extract --format json`
    rdf_class: URIRef  # the kgo:Fact subclass the mapping writes
    state_links: tuple[URIRef, ...]  # properties from the fact (or its summary) to the states it is about
    scored: bool  # whether `kg eval` scores it against gold facts


FACT_KINDS: tuple[FactKind, ...] = (
    FactKind("officials", KGO.PostHolding, (), True),
    FactKind("events", KGO.Event, (KGO.participant,), True),
    FactKind("cooperation", KGO.Cooperation, (KGO.party,), True),
    FactKind("relations", KGO.Characterisation, (KGO.subjectState, KGO.objectState), True),
    FactKind("quotations", KGO.Quotation, (), False),
    FactKind("dyads", KGO.Interaction, (KGO.sourceState, KGO.targetState), True),
)

FACT_CLASSES: tuple[URIRef, ...] = tuple(k.rdf_class for k in FACT_KINDS)
STATE_LINKS: tuple[URIRef, ...] = tuple(dict.fromkeys(link for k in FACT_KINDS for link in k.state_links))
SCORED: tuple[str, ...] = ("states", *(k.key for k in FACT_KINDS if k.scored))
