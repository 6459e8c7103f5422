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
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from rdflib import XSD, Literal, URIRef

from kg.article import Article
from kg.convert import Converted, Failed, Quarantined, convert_articles
from kg.delta import DeltaChecker, delta_checker
from kg.derived import STALE_ON, Keys, merged, refresh_update, touched, with_derived
from kg.factkinds import FACT_CLASSES
from kg.mapping import short_hash
from kg.store import Store
from kg.store.base import insert_data, nt_lines
from kg.validate import Violation
from kg.vocab import ID, KGO

QUARANTINE_ROUNDS = 3  # drop, check again; an article still failing after this is rejected whole
SUBJECT = re.compile(r"^<([^>]*)> <([^>]*)> (.*) \.$")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def quarantine_graph(article_graph: str) -> URIRef:
    return ID[f"graph/quarantine/{article_graph.rsplit('/', 1)[-1]}"]


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
    """Checks and writes batches of converted articles (or, with no store, only checks them).

    `scope` is the checker's (kg/delta.py): "all" checks every node of the articles against the
    store; an ingest's workers check the nodes unique to each article ("unique", with no store)
    and its writer then checks only the nodes other graphs share ("shared")."""

    def __init__(
        self,
        store: Store | None,
        strict: bool = False,
        checker: DeltaChecker | None = None,
        derived: bool = True,
        scope: str = "all",
    ) -> None:
        self.store = store
        self.strict = strict
        self.checker = checker or delta_checker()
        self.derived = derived  # refresh the summaries (not for a shard, summarised when loaded)
        self.scope = scope
        self.defer = False  # leave the refresh to finish(): many batches (kg/derived.py, STALE_ON)
        self.pending: Keys = {}  # what the deferred batches touched

    def _check(self, graphs: dict[URIRef, str]) -> list[Violation]:
        self.checker.load(graphs)
        return self.checker.check(self.store, graphs, graphs, scope=self.scope)

    # -- checking only (an ingest worker) --------------------------------------------------------------
    def vet(self, items: list[Converted]) -> list[Outcome]:
        """Check without writing: the articles together, and on a violation each alone."""
        if not items:
            return []
        if not self._check({URIRef(i.graph): i.ntriples for i in items}):
            return [Outcome(i, True, False, quarantined=list(i.quarantined)) for i in items]
        return [self._alone(Outcome(item, True, False)) for item in items]

    def _alone(self, outcome: Outcome) -> Outcome:
        violations = self._check({URIRef(outcome.item.graph): outcome.item.ntriples})
        if not violations:
            return outcome
        if self.strict:
            sentences = {v.focus: self._sentence(v.focus) for v in violations}
            return Outcome(outcome.item, False, outcome.replaced, violations, sentences=sentences)
        return self._quarantine(outcome, violations)

    # -- a batch ------------------------------------------------------------------------------------------
    def write(self, items: list[Converted], existing: set[str]) -> list[Outcome]:
        """Check and write `items`; `existing` holds the graph IRIs the store already has."""
        assert self.store is not None, "a BatchWriter without a store only vets"
        if not items:
            return []
        if len({i.graph for i in items}) < len(items):  # the same article twice: one at a time
            return [o for item in items for o in self.write([item], existing)]
        graphs = {URIRef(i.graph): i.ntriples for i in items}
        violations = self._check(graphs)
        if violations and len(items) > 1:
            outcomes = []
            for item in items:  # a clash: each article alone, as a batch of one
                outcomes += self.write([item], existing)
                if self.strict and not outcomes[-1].stored:
                    break  # strict stops at the first rejection
            return outcomes
        if violations:
            outcome = self._alone(
                Outcome(items[0], True, items[0].graph in existing, quarantined=list(items[0].quarantined))
            )
            if not outcome.stored:
                return [outcome]
            graphs = {URIRef(outcome.item.graph): outcome.item.ntriples}
            self.checker.load(graphs)  # what is written, for the summaries it touches
            outcomes = [outcome]
        else:
            outcomes = [Outcome(i, True, i.graph in existing, quarantined=list(i.quarantined)) for i in items]
        keys = (
            merged(
                touched(self.checker.memory, graphs),
                touched(self.store, [URIRef(i.graph) for i in items if i.graph in existing]),
            )
            if self.derived
            else None
        )
        self.store.update(self._update(outcomes, keys))
        for o in outcomes:
            existing.add(o.item.graph)
        return outcomes

    def finish(self) -> None:
        """Refresh what the deferred batches touched, and clear the mark, in one update."""
        if self.pending and self.store is not None:
            self.store.update(refresh_update(self.store, self.pending))
        self.pending = {}

    def _update(self, outcomes: list[Outcome], keys: Keys | None) -> list[str]:
        operations = []
        for o in outcomes:
            graph, quarantine = URIRef(o.item.graph), quarantine_graph(o.item.graph)
            operations.append(f"DROP SILENT GRAPH {graph.n3()}")
            operations.append(f"DROP SILENT GRAPH {quarantine.n3()}")
            operations += insert_data(graph, o.item.ntriples)
            if o.quarantined:
                operations += insert_data(quarantine, self._records(o))
        if keys is None:
            return operations
        if self.defer:
            first = not self.pending
            self.pending = merged(self.pending, keys)
            return [STALE_ON, *operations] if first else operations
        return with_derived(operations, keys)

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
            violations = self._check({URIRef(item.graph): text})
            if not violations:
                item = replace(item, ntriples=text, quarantined=[*item.quarantined, *dropped])
                return Outcome(item, True, outcome.replaced, [], list(item.quarantined))
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


@dataclass
class Rejected:
    """An article a worker's check rejected whole (strict mode)."""

    item: Converted
    violations: list[Violation]
    sentences: dict[str, str | None]


def convert_and_vet(articles: list[Article], strict: bool = False) -> list[Converted | Failed | Rejected]:
    """An ingest worker's task: convert a chunk, then check what only one article names (its final
    check: nothing in a store is about those nodes), quarantining or, with `strict`, rejecting."""
    results = convert_articles(articles)
    converted = [r for r in results if isinstance(r, Converted)]
    vetted = iter(BatchWriter(None, strict, derived=False, scope="unique").vet(converted))
    out: list[Converted | Failed | Rejected] = []
    for result in results:
        if isinstance(result, Failed):
            out.append(result)
            continue
        outcome = next(vetted)
        if outcome.stored:
            out.append(replace(outcome.item, checked=True))
        else:
            out.append(Rejected(outcome.item, outcome.violations, outcome.sentences))
    return out
