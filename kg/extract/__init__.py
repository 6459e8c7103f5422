"""Article -> Facts. Each layer is a module that can be tested alone:

text (tokens, sentences) -> mentions (lexicon phrases) -> people/officials (names, titles, coreference)
-> states (actor vs venue) -> events, cooperation, relations, quotations (facts with evidence).
"""

from __future__ import annotations

from kg.article import Article
from kg.extract.context import Context
from kg.extract.cooperation import find_cooperation
from kg.extract.events import find_events
from kg.extract.quotes import find_quotations
from kg.extract.relations import find_relations
from kg.facts import Facts, Official, StateMention

CONVERTER_VERSION = "0.1.0"


def extract(article: Article) -> Facts:
    """All facts of one article, each with its evidence."""
    ctx = Context.build(article)
    facts = Facts(article=article)
    states: dict[str, StateMention] = {}
    for m in ctx.actor_states:
        states.setdefault(m.value, StateMention(m.value)).evidence.append(ctx.evidence_for_token(m.start))
    for person in ctx.persons:
        if person.state:
            states.setdefault(person.state, StateMention(person.state))
    facts.quotations = find_quotations(ctx)
    ctx.note_quotations(facts.quotations)
    facts.events = find_events(ctx, facts.quotations)
    for event in facts.events:
        for iso3 in event.states:
            if event.kind != "forum" or iso3 not in event.hosts:  # a forum's venue is a place, not an actor
                states.setdefault(iso3, StateMention(iso3))
    facts.states = [s for s in states.values()]
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
    return facts
