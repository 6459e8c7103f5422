"""Events: the interactions that take a form of their own (a meeting, a visit, a statement, a
seizure), with their date, place, name and part-of.

An event's states are the states its frame's slots fill, not every state in its sentence; a
directed act keeps its source and target, a symmetric one its parties. One event per happening:
reports of the same kind, PLOVER type and actors are merged across sentences ("held talks" and
"after the talks"), while acts that share a sentence but not their actors stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.extract.context import Context
from kg.extract.dates import find_dates
from kg.extract.interactions import Interaction
from kg.extract.states import is_venue
from kg.extract.text import Sentence
from kg.facts import Event, Evidence
from kg.vocab import KGO

MONTH_NAMES = {
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
}


@dataclass
class Draft:
    kind: str
    plovers: list[str]  # the acts between states the event carries (a statement may carry several)
    cameo: str
    mode: str | None
    symmetric: bool
    date: date | None
    place: str | None
    persons: list[int]
    states: list[str]
    sources: list[str]
    targets: list[str]
    source_persons: list[int]
    target_persons: list[int]
    hosts: list[str]
    planned: bool
    sentence: int
    trigger: int
    interactions: list[int]  # indexes of the interactions the event realises
    evidence: list[Evidence] = field(default_factory=list)
    part_of: int | None = None
    year: int | None = None  # a year the sentence names ("signed in 2021"), to keep other years apart
    name: str | None = None


@dataclass
class EventFinder:
    ctx: Context
    min_states: dict[str, int]
    generic_name_words: set[str]
    needs_determiner: set[str]
    part_of_cues: list[str]

    @classmethod
    def of(cls, ctx: Context) -> EventFinder:
        words = ctx.lex.word_lists
        minimum = {
            slug: int((c.extra.get(str(KGO.minStates)) or ["1"])[0])
            for slug, c in ctx.lex.event_kinds.items()
        }
        return cls(
            ctx,
            minimum,
            {w.lower() for w in words["event-name-generic-words"]},
            {w.lower() for w in words["forum-needs-determiner"]},
            [w.lower() for w in words["part-of-cues"]],
        )

    def events(self, interactions: list[Interaction]) -> tuple[list[Event], list[int | None]]:
        """The events, and for each interaction the index of the event it took place in (or None)."""
        drafts = []
        for number, interaction in enumerate(interactions):
            draft = self._draft(interaction, number)
            if draft is not None:
                drafts.append(draft)
        merged = self._merge(drafts)
        self._link_parts(merged)
        event_of: list[int | None] = [None] * len(interactions)
        for index, draft in enumerate(merged):
            for number in draft.interactions:
                event_of[number] = index
        return [self._to_event(d) for d in merged], event_of

    # -- one interaction, one draft -----------------------------------------------------------------------
    def _draft(self, interaction: Interaction, number: int) -> Draft | None:
        ctx = self.ctx
        frame = interaction.frame
        if frame.kind is None or not self._accept_trigger(interaction):
            return None
        sentence = ctx.sentences[interaction.sentence]
        sources = _unique(a.state for a in interaction.sources)
        targets = _unique(a.state for a in interaction.targets)
        persons = list(interaction.persons)
        symmetric = interaction.symmetric
        states = interaction.parties()
        for pm in ctx.persons_in(sentence):  # the officials the sentence names for the event's states
            if ctx.persons[pm.person].state in states and pm.person not in persons:
                persons.append(pm.person)
        hosts: list[str] = []
        if frame.host == "target":
            hosts = list(targets)
        elif frame.host == "source":
            hosts = list(sources)
        name = (
            self._event_name(sentence, interaction)
            if frame.kind in ("forum", "exercise", "agreement")
            else None
        )
        if frame.kind == "forum":
            for m in ctx.mentions_in("state", sentence):
                if is_venue(ctx.index, m) and m.form == "name":  # the venue state hosts a forum
                    _add(hosts, m.value)
                    _add(states, m.value)
        if len(states) < self.min_states.get(frame.kind, 1):
            return None
        plover = frame.plover
        if plover and not symmetric and not (sources and targets):
            if frame.kind != "statement" or not sources:
                return None
            plover = None  # a statement whose addressee the text does not name: no act between states
        # a statement has a speaker (its source) and, when it is an act, an addressee (its target)
        directed = frame.kind == "statement" or (plover is not None and not symmetric)
        planned = interaction.planned or bool(self._planned_noun(interaction))
        article_date = ctx.article.date
        when = self._nearest_date(sentence, interaction.start, article_date, planned)
        if when is not None and article_date is not None and when > article_date:
            planned = True  # dated after the article: it cannot have happened yet
        if when is None and frame.kind == "statement" and not planned:
            when = article_date
        if plover and planned:
            plover = ctx.lex.planned_type(plover)
        place = self._place(sentence, interaction.start)
        if place is None and sentence.index == self._lead_index() and ctx.article.dateline:
            place = ctx.article.dateline.place
        if (
            place is None
            and frame.kind == "statement"
            and ctx.article.dateline
            and "conference" in sentence.text.lower()
        ):
            place = ctx.article.dateline.place
        year = self._year_near(sentence, interaction.start)
        return Draft(
            kind=frame.kind,
            plovers=[plover] if plover else [],
            cameo=frame.cameo,
            mode=frame.mode,
            symmetric=not directed,
            date=when,
            place=place,
            persons=persons,
            states=states,
            sources=sources if directed else [],
            targets=targets if directed and plover else [],
            source_persons=[a.person for a in interaction.sources if a.person is not None]
            if directed
            else [],
            target_persons=[a.person for a in interaction.targets if a.person is not None]
            if directed and plover
            else [],
            hosts=hosts,
            planned=planned,
            sentence=sentence.index,
            trigger=interaction.start,
            interactions=[number],
            evidence=[ctx.evidence(sentence)],
            year=year if when is None else when.year,
            name=name,
        )

    def _accept_trigger(self, interaction: Interaction) -> bool:
        doc = self.ctx.doc
        word = doc[interaction.start : interaction.end].text
        if (
            interaction.frame.kind == "forum"
            and word.lower() in self.needs_determiner
            and not word[:1].isupper()
        ):
            window = {t.lower_ for t in doc[max(0, interaction.start - 3) : interaction.start]}
            return bool(window & {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})
        return True

    def _planned_noun(self, interaction: Interaction) -> bool:
        cues = {w.lower() for w in self.ctx.lex.word_lists["planned-event-cues"]}
        doc = self.ctx.doc
        return any(doc[i].lower_ in cues for i in range(max(0, interaction.start - 2), interaction.start))

    # -- names, dates, places -------------------------------------------------------------------------------
    def _event_name(self, sentence: Sentence, interaction: Interaction) -> str | None:
        """The capitalised name an event goes by: "International Army Games", "the show Army-2021"."""
        ctx = self.ctx
        doc = ctx.doc
        lo, hi = sentence.span.start, sentence.span.end

        def named(i: int) -> bool:
            t = doc[i]
            return (
                t.text[:1].isupper() or t.text[:1].isdigit() or (t.text == "-" and not t.whitespace_)
            ) and not (ctx.index.get("state", i) and ctx.is_possessive(ctx.index.get("state", i)))

        start, end = interaction.start, interaction.end
        if doc[start].text[:1].isupper():
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

    def _names_agree(self, a: str | None, b: str | None) -> bool:
        if not a or not b:
            return True
        wa, wb = set(a.lower().split()), set(b.lower().split())
        distinctive = {w for w in wa & wb if any(c.isdigit() for c in w) or w not in self.generic_name_words}
        return wa <= wb or wb <= wa or bool(distinctive)

    def _year_near(self, sentence: Sentence, trigger: int) -> int | None:
        doc = self.ctx.doc
        years = [
            (abs(t.i - trigger), int(t.text))
            for t in doc[sentence.span.start : sentence.span.end]
            if t.is_digit and len(t.text) == 4 and t.text[:2] in ("19", "20")
        ]
        return min(years)[1] if years else None

    def _lead_index(self) -> int:
        ctx = self.ctx
        if ctx.article.dateline:
            for s in ctx.sentences:
                if s.end >= ctx.article.dateline.end:
                    return s.index
        return -1

    def _nearest_date(
        self, sentence: Sentence, trigger: int, article_date: date | None, planned: bool
    ) -> date | None:
        found = find_dates(sentence.text, article_date, planned)
        if not found:
            return None
        at = self.ctx.doc[trigger].idx - sentence.span.start_char
        return min(found, key=lambda d: abs(d.start - at)).value

    def _place(self, sentence: Sentence, trigger: int) -> str | None:
        """The capitalised name after a venue preposition nearest to the trigger: "in Laos", "in Patriot Park"."""
        ctx = self.ctx
        doc = ctx.doc
        place_words = {w.lower() for w in ctx.lex.word_lists["place-prepositions"]} - {"to", "near"}
        place_nouns = {"city", "capital", "southern", "northern", "eastern", "western"}
        best: tuple[int, str] | None = None
        for i in range(sentence.span.start, sentence.span.end - 1):
            if doc[i].lower_ not in place_words:
                continue
            j = i + 1
            if doc[j].lower_ == "the" and j + 1 < sentence.span.end:
                j += 1
                if doc[j].lower_ in place_nouns:
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
            if k == j or doc[j].text in MONTH_NAMES:
                continue
            state = ctx.index.get("state", j)
            if state and state.form == "demonym":
                continue
            distance = abs(i - trigger)
            if best is None or distance < best[0]:
                best = (distance, doc[j:k].text)
        return best[1] if best else None

    # -- one event per happening ----------------------------------------------------------------------------
    def _compatible(self, a: Draft, b: Draft) -> bool:
        kinds = {a.kind, b.kind}
        if a.kind != b.kind and kinds != {"meeting", "talks"}:
            return False
        if a.symmetric != b.symmetric:
            return False
        if a.kind == "statement":
            # one statement per speaker and day, whatever it says to whom
            if a.sources or b.sources:
                return set(a.sources) == set(b.sources) and (not a.date or not b.date or a.date == b.date)
        elif (
            a.plovers != b.plovers
            or not a.symmetric
            and (set(a.sources) != set(b.sources) or not set(a.targets) & set(b.targets))
        ):
            return False
        if a.date and b.date and a.date != b.date:
            return False
        if a.year and b.year and a.year != b.year:
            return False
        if not self._names_agree(a.name, b.name):
            return False
        if a.name and b.name:
            return True  # one named event ("Army-2021"), whoever the sentences name with it
        if a.persons and b.persons:
            return bool(set(a.persons) & set(b.persons))
        small, large = (a, b) if len(a.states) <= len(b.states) else (b, a)
        return set(small.states) <= set(large.states) and (
            not small.persons or set(small.persons) <= set(large.persons)
        )

    def _merge(self, drafts: list[Draft]) -> list[Draft]:
        merged: list[Draft] = []
        for d in drafts:
            target = next((m for m in merged if self._compatible(m, d)), None)
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
            for attr in (
                "states",
                "sources",
                "targets",
                "hosts",
                "source_persons",
                "target_persons",
                "plovers",
            ):
                for item in getattr(d, attr):
                    if item not in getattr(target, attr):
                        getattr(target, attr).append(item)
            target.planned = target.planned and d.planned
            target.interactions += d.interactions
            # one statement can address a state that spoke in another sentence: it stays a speaker
            target.targets = [t for t in target.targets if t not in target.sources]
            target.target_persons = [p for p in target.target_persons if p not in target.source_persons]
            if not target.symmetric and not target.targets:
                target.plovers = []  # no addressee left: a plain statement
            for e in d.evidence:
                if e not in target.evidence:
                    target.evidence.append(e)
        return merged

    def _link_parts(self, drafts: list[Draft]) -> None:
        forums = [i for i, d in enumerate(drafts) if d.kind == "forum"]
        if not forums:
            return
        for d in drafts:
            if d.kind not in ("meeting", "talks", "agreement"):
                continue
            text = self.ctx.sentences[d.sentence].text.lower()
            same_sentence = [f for f in forums if any(e in drafts[f].evidence for e in d.evidence)]
            if same_sentence and any(f" {cue} " in f" {text} " for cue in self.part_of_cues):
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

    def _to_event(self, d: Draft) -> Event:
        ctx = self.ctx
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
            plovers=list(d.plovers),
            cameo=d.cameo,
            mode=d.mode,
            symmetric=d.symmetric,
            sources=list(d.sources),
            targets=list(d.targets),
            source_persons=[ctx.persons[p].name for p in d.source_persons],
            target_persons=[ctx.persons[p].name for p in d.target_persons],
        )


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _add(items: list[str], value: str | None) -> None:
    if value and value not in items:
        items.append(value)


def find_events(ctx: Context, interactions: list[Interaction]) -> tuple[list[Event], list[int | None]]:
    return EventFinder.of(ctx).events(interactions)
