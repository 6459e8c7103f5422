"""Dyads: every (source state, target state, PLOVER type) the article reports, read from the
interactions the frames found, from cooperation (its stance says which type: ontology/stances.ttl)
and from characterisations (calling a state a partner is SUPPORT: ontology/characterisations.ttl).
"""

from __future__ import annotations

from kg.extract.context import Context
from kg.extract.interactions import Interaction
from kg.facts import Dyad, Facts


def _cameo_root(ctx: Context, plover: str) -> str | None:
    codes = ctx.lex.plover_types[plover].extra.get("https://w3id.org/statekg/ontology#cameo", [])
    return codes[0] if codes else None


def collect_dyads(
    ctx: Context, interactions: list[Interaction], event_of: list[int | None], facts: Facts
) -> list[Dyad]:
    found: list[Dyad] = []
    seen: set[tuple] = set()

    def add(dyad: Dyad) -> None:
        key = (dyad.source, dyad.target, dyad.plover, dyad.basis, dyad.basis_index)
        if key not in seen and dyad.source != dyad.target:
            seen.add(key)
            found.append(dyad)

    for number, interaction in enumerate(interactions):
        frame = interaction.frame
        if frame.plover is None:
            continue
        event = event_of[number]
        if event is None and frame.kind is not None:
            continue  # the act's event was not reported (too few states): neither is the act
        planned = interaction.planned or (event is not None and facts.events[event].planned)
        plover = ctx.lex.planned_type(frame.plover) if planned else frame.plover
        evidence = [ctx.evidence(ctx.sentences[interaction.sentence])]
        for source, target in interaction.dyads():
            add(
                Dyad(
                    source.state,
                    target.state,
                    plover,
                    frame.cameo,
                    "event" if event is not None else "act",
                    event if event is not None else -1,
                    planned,
                    source.sector,
                    target.sector,
                    evidence,
                )
            )
    # where a frame has read what a sentence says between two states ("delivered aid to"), that
    # reading stands; the cooperation found in the same sentence adds no act of its own
    read = {
        (ctx.sentences[i.sentence].start, frozenset(i.parties()))
        for i in interactions
        if i.frame.plover is not None
    }
    for index, coop in enumerate(facts.cooperation):
        stance = ctx.lex.stances.get(coop.stance or "")
        plover = ctx.lex.implied_plover(stance) if stance else None
        pair = frozenset(coop.states)
        if plover is None or all((ev.start, pair) in read for ev in coop.evidence):
            continue
        for a in coop.states:
            for b in coop.states:
                if a != b:
                    add(
                        Dyad(
                            a,
                            b,
                            plover,
                            _cameo_root(ctx, plover),
                            "cooperation",
                            index,
                            coop.stance == "intended",
                            evidence=coop.evidence,
                        )
                    )
    for index, rel in enumerate(facts.relations):
        kind = ctx.lex.characterisation_kinds.get(rel.kind or "")
        plover = ctx.lex.implied_plover(kind) if kind else None
        if plover is not None:
            add(
                Dyad(
                    rel.source,
                    rel.target,
                    plover,
                    _cameo_root(ctx, plover),
                    "relation",
                    index,
                    evidence=rel.evidence,
                )
            )
    return found
