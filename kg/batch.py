"""Writing converted articles in batches: one check, one transaction, one refresh of the summaries.

A batch is checked against the shapes with what it touches in the store (kg/delta.py). The
converter's own output always conforms, so a batch fails only when its facts clash with the store
(an analyst's fact, another article's): then its articles are taken one at a time, exactly as a
batch of one. In the default mode a fact that violates a shape is dropped with the facts that
depend on it and kept in the article's quarantine graph with the violation and the sentence; the
rest of the article is stored. With `strict`, an article with a violation is rejected whole.

Every write is one SPARQL Update: the articles' graphs replaced, their quarantine graphs replaced,
and the derived summaries they touch (old content and new) refreshed. After a kill, a batch is
wholly in or wholly out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import XSD, Literal, URIRef

from kg.convert import Converted
from kg.delta import DeltaChecker, delta_checker
from kg.derived import Keys, merged, touched, with_derived
from kg.factkinds import FACT_CLASSES
from kg.mapping import short_hash
from kg.store import Store
from kg.store.base import nt_lines
from kg.validate import Violation
from kg.vocab import ID, KGO

QUARANTINE_ROUNDS = 3  # drop, check again; an article still failing after this is rejected whole
SUBJECT = re.compile(r"^<([^>]*)> <([^>]*)> (.*) \.$")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def quarantine_graph(article_graph: str) -> URIRef:
    return ID[f"graph/quarantine/{article_graph.rsplit('/', 1)[-1]}"]


@dataclass
class Quarantined:
    fact: str
    kind: str  # the fact's class, its local name
    messages: list[str]
    sentence: str | None
    ntriples: str


@dataclass
class Outcome:
    """What became of one article of a batch."""

    item: Converted
    stored: bool
    replaced: bool
    violations: list[Violation] = field(default_factory=list)  # strict mode: why it was rejected
    quarantined: list[Quarantined] = field(default_factory=list)
    sentences: dict[str, str | None] = field(default_factory=dict)  # the sentence of each violating fact


class BatchWriter:
    def __init__(self, store: Store, strict: bool = False, checker: DeltaChecker | None = None) -> None:
        self.store = store
        self.strict = strict
        self.checker = checker or delta_checker()

    # -- a batch ------------------------------------------------------------------------------------------
    def write(self, items: list[Converted], existing: set[str]) -> list[Outcome]:
        """Check and write `items`; `existing` holds the graph IRIs the store already has."""
        if not items:
            return []
        if len({i.graph for i in items}) < len(items):  # the same article twice: one at a time
            return [o for item in items for o in self.write([item], existing)]
        graphs = {URIRef(i.graph): i.ntriples for i in items}
        self.checker.load(graphs)
        violations = self.checker.check(self.store, graphs, graphs)
        if violations and len(items) > 1:
            outcomes = []
            for item in items:  # a clash: each article alone, as a batch of one
                outcomes += self.write([item], existing)
                if self.strict and not outcomes[-1].stored:
                    break  # strict stops at the first rejection
            return outcomes
        outcome = Outcome(items[0], True, items[0].graph in existing) if len(items) == 1 else None
        if violations:
            assert outcome is not None
            if self.strict:
                sentences = {v.focus: self._sentence(v.focus) for v in violations}
                return [Outcome(outcome.item, False, outcome.replaced, violations, sentences=sentences)]
            outcome = self._quarantine(outcome, violations)
            if not outcome.stored:
                return [outcome]
            graphs = {URIRef(outcome.item.graph): outcome.item.ntriples}
        keys = merged(
            touched(self.checker.memory, graphs),
            touched(self.store, [URIRef(i.graph) for i in items if i.graph in existing]),
        )
        outcomes = (
            [outcome] if outcome is not None else [Outcome(i, True, i.graph in existing) for i in items]
        )
        self.store.update(self._update(outcomes, keys))
        for o in outcomes:
            existing.add(o.item.graph)
        return outcomes

    def _update(self, outcomes: list[Outcome], keys: Keys) -> str:
        operations = []
        for o in outcomes:
            graph, quarantine = URIRef(o.item.graph), quarantine_graph(o.item.graph)
            operations.append(f"DROP SILENT GRAPH {graph.n3()}")
            operations.append(f"DROP SILENT GRAPH {quarantine.n3()}")
            operations.append(f"INSERT DATA {{ GRAPH {graph.n3()} {{\n{o.item.ntriples}\n}} }}")
            if o.quarantined:
                operations.append(f"INSERT DATA {{ GRAPH {quarantine.n3()} {{\n{self._records(o)}\n}} }}")
        return with_derived(" ;\n".join(operations), keys)

    # -- quarantine ------------------------------------------------------------------------------------
    def _quarantine(self, outcome: Outcome, violations: list[Violation]) -> Outcome:
        """Drop the facts that violate a shape and those that depend on them, until what is left
        conforms (or give up and reject the article)."""
        item = outcome.item
        lines = item.ntriples.splitlines()
        dropped: list[Quarantined] = []
        for _ in range(QUARANTINE_ROUNDS):
            bad = {v.focus for v in violations}
            removed, kept = _split(lines, bad)
            if not removed:
                break  # the violations are about nodes this article does not describe
            for fact in removed:
                dropped.append(
                    Quarantined(
                        fact=fact,
                        kind=_kind(removed[fact]),
                        messages=sorted({v.message for v in violations if v.focus == fact})
                        or ["depends on a quarantined fact"],
                        sentence=self._sentence(fact),
                        ntriples="\n".join(removed[fact]),
                    )
                )
            lines = kept
            text = "\n".join(lines)
            graphs = {URIRef(item.graph): text}
            self.checker.load(graphs)
            violations = self.checker.check(self.store, graphs, graphs)
            if not violations:
                item = Converted(item.source, item.graph, item.article, item.content_hash, text, item.facts)
                return Outcome(item, True, outcome.replaced, [], dropped)
        sentences = {v.focus: self._sentence(v.focus) for v in violations}
        return Outcome(item, False, outcome.replaced, violations, dropped, sentences)

    def _sentence(self, node: str) -> str | None:
        """The sentence a fact was read from (the article is still loaded in the checker)."""
        rows = self.checker.memory.select(
            f"SELECT ?text WHERE {{ <{node}> {KGO.evidence.n3()}/<http://www.w3.org/ns/oa#hasSelector>/"
            f"<http://www.w3.org/ns/oa#exact> ?text }} LIMIT 1"
        )
        return str(rows[0]["text"]) if rows else None

    def _records(self, outcome: Outcome) -> str:
        now = Literal(datetime.now(UTC).replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
        triples = []
        for q in outcome.quarantined:
            record = ID[f"quarantine/{outcome.item.graph.rsplit('/', 1)[-1]}/{short_hash(q.fact)}"]
            triples += [
                (record, URIRef(RDF_TYPE), KGO.QuarantinedFact),
                (record, KGO.quarantinedFrom, URIRef(outcome.item.article)),
                (record, KGO.factIri, Literal(q.fact, datatype=XSD.anyURI)),
                (record, KGO.factClass, Literal(q.kind)),
                (record, KGO.factTriples, Literal(q.ntriples)),
                (record, KGO.quarantinedAt, now),
            ]
            triples += [(record, KGO.violationMessage, Literal(m)) for m in q.messages]
            if q.sentence:
                triples.append((record, KGO.sentenceText, Literal(q.sentence)))
        return nt_lines(triples)


def _subject(line: str) -> str | None:
    return line[1 : line.index(">")] if line.startswith("<") else None


def _split(lines: list[str], bad: set[str]) -> tuple[dict[str, list[str]], list[str]]:
    """The lines about the bad nodes and the facts that point to them (recursively), by node, and
    the lines left."""
    removed: dict[str, list[str]] = {}
    todo = set(bad)
    while todo:
        node = todo.pop()
        for line in lines:
            if _subject(line) == node:
                removed.setdefault(node, []).append(line)
        # a fact that names a dropped node (an interaction based on a dropped event) goes too
        target = f"<{node}>"
        for line in lines:
            subject = _subject(line)
            if (
                subject
                and subject not in removed
                and subject not in todo
                and line.rstrip(" .").endswith(target)
                and any(_is_fact_type(other) for other in lines if _subject(other) == subject)
            ):
                todo.add(subject)
    kept = [line for line in lines if _subject(line) not in removed]
    return removed, kept


FACT_TYPES = {str(c) for c in FACT_CLASSES}


def _is_fact_type(line: str) -> bool:
    match = SUBJECT.match(line)
    return bool(match) and match.group(2) == RDF_TYPE and match.group(3).strip("<>") in FACT_TYPES


def _kind(lines: Iterable[str]) -> str:
    for line in lines:
        match = SUBJECT.match(line)
        if match and match.group(2) == RDF_TYPE:
            return match.group(3).rsplit("#", 1)[-1].rsplit("/", 1)[-1].rstrip(">")
    return "node"
