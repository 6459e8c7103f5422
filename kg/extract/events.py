"""Events: a trigger word from the event-kind scheme, its participants, date, place and part-of.

One event per happening: mentions of the same kind that share a participant (or, without
persons, the same states) are merged across sentences, so "held talks" and "after the talks"
are one event. An event needs an actor; prefer no event to a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.extract.context import Context
from kg.extract.dates import find_dates
from kg.extract.mentions import Mention
from kg.extract.states import is_venue
from kg.extract.text import Sentence
from kg.facts import Event, Evidence, Quotation

# how many distinct actors (states and persons) a kind needs to be an event between states
# how many distinct states an event of each kind needs: a meeting, call or agreement is between
# states; a visit, statement or forum may be reported with one
MIN_STATES = {"meeting": 2, "talks": 2, "phone_call": 2, "agreement": 2, "other": 2}
DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"}
NEEDS_DETERMINER = {"show", "games", "dialogue", "conference", "assembly", "congress", "salon"}
PLACE_WORDS = {"in", "at"}
NAMED_KINDS = {"forum", "exercise", "agreement"}
GENERIC_NAME_WORDS = {
    "international",
    "forum",
    "games",
    "summit",
    "the",
    "of",
    "and",
    "annual",
    "world",
    "military",
    "technical",
    "military-technical",
    "conference",
    "exhibition",
    "dialogue",
    "agreement",
    "treaty",
}


@dataclass
class Draft:
    kind: str
    date: date | None
    place: str | None
    persons: list[int]
    states: list[str]
    hosts: list[str]
    planned: bool
    sentence: int
    trigger: int
    evidence: list[Evidence] = field(default_factory=list)
    part_of: int | None = None
    year: int | None = (
        None  # a year the sentence names ("signed in 2021"), to keep apart events of other years
    )
    name: str | None = None


def find_events(ctx: Context, quotations: list[Quotation]) -> list[Event]:
    drafts: list[Draft] = []
    for sentence in ctx.sentences:
        for trigger in ctx.mentions_in("event", sentence):
            draft = _draft(ctx, sentence, trigger)
            if draft is not None:
                drafts.append(draft)
    merged = _merge(drafts)
    _link_parts(ctx, merged)
    return [_to_event(ctx, d, merged) for d in merged]


def _accept_trigger(ctx: Context, trigger: Mention) -> bool:
    doc = ctx.doc
    word = doc[trigger.start : trigger.end].text
    if trigger.value == "forum" and word.lower() in NEEDS_DETERMINER and not word[:1].isupper():
        window = {t.lower_ for t in doc[max(0, trigger.start - 3) : trigger.start]}
        return bool(window & DETERMINERS)
    return True


def _draft(ctx: Context, sentence: Sentence, trigger: Mention) -> Draft | None:
    if not _accept_trigger(ctx, trigger):
        return None
    kind = trigger.value
    persons = []
    for pm in ctx.persons_in(sentence):
        if ctx.persons[pm.person].state and pm.person not in persons:
            persons.append(pm.person)
    states: list[str] = []
    hosts: list[str] = []
    for p in persons:
        _add(states, ctx.persons[p].state)
    for m in ctx.states_in(sentence):
        _add(states, m.value)
    if kind == "visit":
        for host in _visit_hosts(ctx, sentence, trigger):
            _add(hosts, host)
            _add(states, host)
    name = _event_name(ctx, sentence, trigger) if kind in NAMED_KINDS else None
    if kind == "forum":
        # a forum's venue state hosts it ("in Russia, in Moscow, in Patriot Park at ... Forum Army-2021")
        for m in ctx.index.mentions.get("state", []):
            if (
                sentence.span.start <= m.start < sentence.span.end
                and is_venue(ctx.index, m)
                and m.form == "name"
            ):
                _add(hosts, m.value)
                _add(states, m.value)
    speaker = ctx.quote_speaker_state.get(sentence.index)
    pair = ctx.main_pair()
    if not states and not persons and speaker in pair:
        states = list(pair)  # quoted words of one side about "the presidents", "the governments"
    if len(states) < MIN_STATES.get(kind, 1):
        return None
    planned = bool(ctx.words_in("planned-cues", sentence))
    article_date = ctx.article.date
    when = _nearest_date(ctx, sentence, trigger, article_date, planned)
    if when is None and kind == "statement" and not planned:
        when = article_date
    place = _place(ctx, sentence, trigger)
    if place is None and sentence.index == _lead_index(ctx) and ctx.article.dateline:
        place = ctx.article.dateline.place
    if (
        place is None
        and kind == "statement"
        and ctx.article.dateline
        and "conference" in sentence.text.lower()
    ):
        place = ctx.article.dateline.place
    year = _year_near(ctx, sentence, trigger)
    return Draft(
        kind,
        when,
        place,
        persons,
        states,
        hosts,
        planned,
        sentence.index,
        trigger.start,
        [ctx.evidence(sentence)],
        year=year if when is None else when.year,
        name=name,
    )


def _event_name(ctx: Context, sentence: Sentence, trigger: Mention) -> str | None:
    """The capitalised name a forum goes by: "International Army Games", "the show Army-2021"."""
    doc = ctx.doc
    lo, hi = sentence.span.start, sentence.span.end

    def named(i: int) -> bool:
        t = doc[i]
        return (
            t.text[:1].isupper() or t.text[:1].isdigit() or (t.text == "-" and not t.whitespace_)
        ) and not (ctx.index.get("state", i) and ctx.is_possessive(ctx.index.get("state", i)))

    start, end = trigger.start, trigger.end
    if doc[trigger.start].text[:1].isupper():
        while start > lo and named(start - 1) and doc[start - 1].lower_ not in ("the", "a"):
            start -= 1
        while end < hi and named(end):
            end += 1
    elif end < hi and named(end):
        start = end  # "the show Army-2021"
        while end < hi and named(end):
            end += 1
    else:
        return None
    name = doc[start:end].text.strip(" -")
    return name or None


def _names_agree(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    wa, wb = set(a.lower().split()), set(b.lower().split())
    distinctive = {w for w in wa & wb if any(c.isdigit() for c in w) or w not in GENERIC_NAME_WORDS}
    return wa <= wb or wb <= wa or bool(distinctive)


def _year_near(ctx: Context, sentence: Sentence, trigger: Mention) -> int | None:
    doc = ctx.doc
    years = [
        (abs(t.i - trigger.start), int(t.text))
        for t in doc[sentence.span.start : sentence.span.end]
        if t.is_digit and len(t.text) == 4 and t.text[:2] in ("19", "20")
    ]
    return min(years)[1] if years else None


def _visit_hosts(ctx: Context, sentence: Sentence, trigger: Mention) -> list[str]:
    """The states a visit goes to: the venue named just after the trigger ("visit to Vietnam",
    "stops in Vietnam, Japan and Mongolia"), with the rest of its list."""
    doc = ctx.doc
    venues = [
        m
        for m in ctx.index.mentions.get("state", [])
        if trigger.end <= m.start < sentence.span.end
        and (
            is_venue(ctx.index, m)
            or doc[m.start - 1].lower_ == "to"
            or doc[m.start - 2 : m.start].text == "to the"
        )
    ]
    if not venues or venues[0].start > trigger.end + 8:
        return []
    hosts = [venues[0].value]
    last = venues[0]
    for m in venues[1:]:
        gap = {t.lower_ for t in ctx.doc[last.end : m.start]}
        if gap <= {",", "and", "the"}:
            hosts.append(m.value)
            last = m
    return hosts


def _add(items: list[str], value: str | None) -> None:
    if value and value not in items:
        items.append(value)


def _lead_index(ctx: Context) -> int:
    if ctx.article.dateline:
        for s in ctx.sentences:
            if s.end >= ctx.article.dateline.end:
                return s.index
    return -1


def _nearest_date(
    ctx: Context, sentence: Sentence, trigger: Mention, article_date: date | None, planned: bool
):
    found = find_dates(sentence.text, article_date, planned)
    if not found:
        return None
    at = ctx.doc[trigger.start].idx - sentence.span.start_char
    return min(found, key=lambda d: abs(d.start - at)).value


def _place(ctx: Context, sentence: Sentence, trigger: Mention) -> str | None:
    """The capitalised name after "in"/"at" nearest to the trigger: "in Laos", "in Patriot Park"."""
    doc = ctx.doc
    best: tuple[int, str] | None = None
    for i in range(sentence.span.start, sentence.span.end - 1):
        if doc[i].lower_ not in PLACE_WORDS:
            continue
        j = i + 1
        if doc[j].lower_ == "the" and j + 1 < sentence.span.end:
            j += 1
            if doc[j].lower_ in ("city", "capital", "southern", "northern", "eastern", "western"):
                while j < sentence.span.end and doc[j].lower_ != "of":
                    j += 1
                j += 1
        k = j
        while k < sentence.span.end and (
            (doc[k].text[:1].isupper() and doc[k].is_alpha)
            or (doc[k].text == "-" and k > j and not doc[k - 1].whitespace_)  # "Shangri-La"
        ):
            if ctx.index.get("title", k) or ctx.index.get("body", k) or ctx.index.get("event", k):
                break
            k += 1
        if k == j or doc[j].text in (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ):
            continue
        state = ctx.index.get("state", j)
        if state and state.form == "demonym":
            continue
        distance = abs(i - trigger.start)
        if best is None or distance < best[0]:
            best = (distance, doc[j:k].text)
    return best[1] if best else None


def _compatible(a: Draft, b: Draft) -> bool:
    kinds = {a.kind, b.kind}
    if a.kind != b.kind and kinds != {"meeting", "talks"}:
        return False
    if a.date and b.date and a.date != b.date:
        return False
    if a.year and b.year and a.year != b.year:
        return False
    if not _names_agree(a.name, b.name):
        return False
    if a.persons and b.persons:
        return bool(set(a.persons) & set(b.persons))
    small, large = (a, b) if len(a.states) <= len(b.states) else (b, a)
    return set(small.states) <= set(large.states) and (
        not small.persons or set(small.persons) <= set(large.persons)
    )


def _merge(drafts: list[Draft]) -> list[Draft]:
    merged: list[Draft] = []
    for d in drafts:
        target = next((m for m in merged if _compatible(m, d)), None)
        if target is None:
            merged.append(d)
            continue
        if target.kind == "talks" and d.kind == "meeting":
            target.kind = "meeting"
        target.date = target.date or d.date
        target.year = target.year or d.year
        if d.name and (not target.name or len(d.name) > len(target.name)):
            target.name = d.name
        target.place = target.place or d.place
        for p in d.persons:
            if p not in target.persons:
                target.persons.append(p)
        for s in d.states:
            _add(target.states, s)
        for h in d.hosts:
            _add(target.hosts, h)
        target.planned = target.planned and d.planned
        for e in d.evidence:
            if e not in target.evidence:
                target.evidence.append(e)
    return merged


def _link_parts(ctx: Context, drafts: list[Draft]) -> None:
    forums = [i for i, d in enumerate(drafts) if d.kind == "forum"]
    if not forums:
        return
    for d in drafts:
        if d.kind not in ("meeting", "talks", "agreement"):
            continue
        sentence = ctx.sentences[d.sentence]
        text = sentence.text.lower()
        same_sentence = [f for f in forums if any(e in drafts[f].evidence for e in d.evidence)]
        if same_sentence and ("sidelines" in text or "during" in text or " at " in text):
            d.part_of = same_sentence[0]
            continue
        # a meeting of people who attend a forum, on a day the forum may be held, is held there
        sharing = [
            f
            for f in forums
            if set(drafts[f].persons) & set(d.persons)
            and (drafts[f].date is None or drafts[f].date == d.date)
        ]
        if len(sharing) == 1:
            d.part_of = sharing[0]


def _to_event(ctx: Context, d: Draft, drafts: list[Draft]) -> Event:
    names = [ctx.persons[p].name for p in d.persons]
    guests: list[str] = []
    if d.kind == "visit":
        guests = names + [s for s in d.states if s not in d.hosts]
    return Event(
        kind=d.kind,
        date=d.date,
        place=d.place,
        participants=names,
        states=list(d.states),
        planned=d.planned,
        name=d.name,
        part_of=d.part_of,
        hosts=list(d.hosts),
        guests=guests,
        evidence=d.evidence,
    )
