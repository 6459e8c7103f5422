"""Cooperation: a sentence about ties between states (a cue word), its state pair and the
cooperation types it names (labels and alt labels of the scheme), with a stance.

The pair is the two states of the sentence; "our countries", "both sides" and the like mean the
article's two main states; with three or more states only pairs the syntax links are taken
("between A and B", "A ... with B"), never every combination.
"""

from __future__ import annotations

from kg.extract.context import Context
from kg.extract.mentions import Mention
from kg.extract.text import Sentence
from kg.facts import Cooperation, Event, Evidence

LINKING = {"with", "between", "and", "to", "for"}


def sentence_states(ctx: Context, sentence: Sentence) -> list[Mention]:
    return [m for m in ctx.states_in(sentence)]


def pairs_in(ctx: Context, sentence: Sentence) -> list[tuple[str, str]]:
    mentions = sentence_states(ctx, sentence)
    states: list[str] = []
    for m in mentions:
        if m.value not in states:
            states.append(m.value)
    for pm in ctx.persons_in(sentence):
        state = ctx.persons[pm.person].state
        if state and state not in states:
            states.append(state)
    if len(states) == 2:
        return [tuple(sorted(states))]  # type: ignore[list-item]
    if len(states) <= 1:
        pair = ctx.main_pair()
        if ctx.words_in("pair-phrases", sentence) and pair and (not states or states[0] in pair):
            return [tuple(pair)]  # type: ignore[list-item]
        speaker = ctx.quote_speaker_state.get(sentence.index)
        if speaker and speaker in pair and (not states or states[0] in pair):
            return [tuple(pair)]  # type: ignore[list-item]  # "we intend to develop ...", said by one side
        if not states and sentence.index > 0:
            # discourse goes on: "... will pay a visit to Vietnam. This event will encompass trade..."
            prev = ctx.sentences[sentence.index - 1]
            if prev.paragraph == sentence.paragraph:
                carried = {m.value for m in ctx.states_in(prev)}
                if len(carried) == 2:
                    return [tuple(sorted(carried))]  # type: ignore[list-item]
        return []
    if ctx.words_in("group-phrases", sentence):
        return [tuple(sorted(states))]  # type: ignore[list-item]  # "between their countries": all of them
    # three or more: only pairs the syntax links ("between A and B", "A and C ... with B")
    doc = ctx.doc
    found: list[tuple[str, str]] = []
    cues = {m.start for m in ctx.words_in("cooperation-cues", sentence)}
    for i, b in enumerate(mentions):
        window = [t.lower_ for t in doc[max(sentence.span.start, b.start - 3) : b.start]]
        a = None
        if "between" in window[-1:] and i + 1 < len(mentions):
            a, b = b, mentions[i + 1]
        elif "with" in window:
            for partner in _coordinated_before(ctx, mentions[:i], b):
                pair = tuple(sorted((partner.value, b.value)))
                if pair not in found:
                    found.append(pair)  # type: ignore[arg-type]
            continue
        elif i > 0 and ctx.is_possessive(mentions[i - 1]) and window[-1:] in (["for"], ["to"]):
            # "China's support for Russia": a possessive state, a cue word, then the partner
            prev = mentions[i - 1]
            if any(prev.end < c < b.start for c in cues) and b.start - prev.end <= 5:
                a = prev
        if a is not None and a.value != b.value:
            pair = tuple(sorted((a.value, b.value)))
            if pair not in found:
                found.append(pair)  # type: ignore[arg-type]
    return found


def _coordinated_before(ctx: Context, before: list[Mention], target: Mention) -> list[Mention]:
    """The nearest state before `target` and those coordinated with it: "Seoul and Tokyo ... with B"."""
    others = [m for m in before if m.value != target.value]
    if not others:
        return []
    group = [others[-1]]
    for m in reversed(others[:-1]):
        gap = {t.lower_ for t in ctx.doc[m.end : group[-1].start]}
        if gap and gap <= {",", "and", "the", "'s", "’s"}:
            group.append(m)
        else:
            break
    return group


def _linked(ctx: Context, sentence: Sentence, pair: tuple[str, ...]) -> bool:
    """Whether the sentence links the states of a pair as partners: "the two countries", or a
    linking word a few words apart between their names ("trade between X and Y", "X's exports to Y")."""
    if ctx.words_in("pair-phrases", sentence):
        return True
    links = set(ctx.lex.word_lists["pair-links"])
    positions = [m for m in ctx.states_in(sentence) if m.value in pair]
    return any(
        a.value != b.value
        and a.end <= b.start
        and b.start - a.end <= 6
        and links & set(ctx.lower[a.end : b.start])
        for a in positions
        for b in positions
    )


def _stances(ctx: Context, sentence: Sentence) -> list[str]:
    """Every stance the sentence's cue words signal ("the steadily developing relations ... and
    the intention to deepen them": ongoing and intended); ongoing when none does."""
    return sorted({m.value for m in ctx.mentions_in("stance", sentence)}) or ["ongoing"]


def _types(ctx: Context, sentence: Sentence) -> list[str]:
    taken = set()
    # words inside a state's, a body's or a title's name are not a cooperation field ("Defense Ministry")
    for category in ("state", "body", "title"):
        for m in ctx.mentions_in(category, sentence):
            if category != "body" or len(m) > 1:
                taken.update(range(m.start, m.end))
    types: list[str] = []
    for m in ctx.mentions_in("coop", sentence):
        if taken.intersection(range(m.start, m.end)):
            continue
        if m.value not in types:
            types.append(m.value)
    return types


def find_cooperation(ctx: Context, events: list[Event]) -> list[Cooperation]:
    grouped: dict[tuple[tuple[str, ...], str], Cooperation] = {}
    for sentence in ctx.sentences:
        strong = bool(ctx.words_in("cooperation-cues", sentence))
        if not strong and not ctx.words_in("weak-cooperation-cues", sentence):
            continue
        types = _types(ctx, sentence)
        if not types:
            continue
        pairs = pairs_in(ctx, sentence)
        if not strong:
            pairs = [p for p in pairs if _linked(ctx, sentence, p)]
        evidence = ctx.evidence(sentence)
        for pair in pairs:
            for stance in _stances(ctx, sentence):
                coop = grouped.setdefault((pair, stance), Cooperation(list(pair), [], stance))
                for t in types:
                    if t not in coop.types:
                        coop.types.append(t)
                if evidence not in coop.evidence:
                    coop.evidence.append(evidence)
    result = list(grouped.values())
    for coop in result:
        coop.events = _supporting_events(coop, events)
    return result


def _supporting_events(coop: Cooperation, events: list[Event]) -> list[int]:
    """The article's events between the same states: the talks, visit or signing at which the
    cooperation was discussed (statements only count when nothing else is there)."""
    between = [i for i, e in enumerate(events) if set(coop.states) <= set(e.states)]
    substantive = [i for i in between if events[i].kind not in ("statement", "forum")]
    return substantive or between


__all__ = ["find_cooperation", "Evidence"]
