"""Article -> Facts. Each layer is a module that can be tested alone:

text (tokens, sentences) -> mentions (lexicon phrases) -> people/officials (names, titles, coreference)
-> states (actor vs venue) -> quotations -> parse (only the sentences a frame can use) -> interactions
(the frame table) -> events, cooperation, relations -> dyads (facts with evidence).
"""

from __future__ import annotations

from kg.article import Article
from kg.converter import converter_version, knowledge_hash  # noqa: F401 - re-exported
from kg.extract.context import Context
from kg.extract.cooperation import find_cooperation
from kg.extract.dyads import collect_dyads
from kg.extract.events import find_events
from kg.extract.interactions import find_interactions, needs_parse
from kg.extract.parse import parse_many
from kg.extract.quotes import find_quotations
from kg.extract.relations import find_relations
from kg.facts import Facts, Official, StateMention


def extract(article: Article) -> Facts:
    """All facts of one article, each with its evidence."""
    return extract_many([article])[0]


def extract_many(articles: list[Article]) -> list[Facts]:
    """The facts of several articles; their sentences are parsed in one pass, which is faster."""
    prepared = [_prepare(article) for article in articles]
    syntaxes = parse_many([(ctx.doc, wanted) for ctx, _, wanted in prepared])
    for (ctx, _, _), syntax in zip(prepared, syntaxes, strict=True):
        ctx.syntax = syntax
    return [_finish(ctx, facts) for ctx, facts, _ in prepared]


def _prepare(article: Article) -> tuple[Context, Facts, list[tuple[int, int, int]]]:
    """Everything before the parse: tokens, mentions, officials, quotations, and the sentences to parse."""
    ctx = Context.build(article)
    facts = Facts(article=article)
    facts.quotations = find_quotations(ctx)
    ctx.note_quotations(facts.quotations)
    wanted = [(s.index, s.span.start, s.span.end) for s in ctx.sentences if needs_parse(ctx, s)]
    return ctx, facts, wanted


def _finish(ctx: Context, facts: Facts) -> Facts:
    """Everything that reads the parse: interactions, events, cooperation, relations, dyads."""
    states: dict[str, StateMention] = {}
    for m in ctx.actor_states:
        states.setdefault(m.value, StateMention(m.value)).evidence.append(ctx.evidence_for_token(m.start))
    for person in ctx.persons:
        if person.state:
            states.setdefault(person.state, StateMention(person.state))
    interactions = find_interactions(ctx, ctx.syntax)
    facts.events, event_of = find_events(ctx, interactions)
    for event in facts.events:
        for iso3 in event.states:
            if event.kind != "forum" or iso3 not in event.hosts:  # a forum's venue is a place, not an actor
                states.setdefault(iso3, StateMention(iso3))
    facts.states = list(states.values())
    for i, person in enumerate(ctx.persons):
        if person.state is None:
            continue
        facts.officials.append(
            Official(
                name=person.name,
                post=person.post,
                state=person.state,
                role=person.role,
                organization=ctx.body_label(person.body_kind),
                body_kind=person.body_kind,
                evidence=ctx.person_evidence(i),
            )
        )
    facts.cooperation = find_cooperation(ctx, facts.events)
    facts.relations = find_relations(ctx)
    facts.dyads = collect_dyads(ctx, interactions, event_of, facts)
    return facts
