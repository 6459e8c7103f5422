"""Interactions: what one state does to another, read by the frame table (ontology/frames.csv) off
the dependency parse. One generic engine: a frame's trigger is matched by its surface forms, the
parse says whether the head is the verb or noun the frame wants and in which voice, the frame's
slots name the source and the target, and the modality of the clause decides whether the act is
reported (kept), announced (kept, planned) or only negated, conditional or alleged (dropped).

Without a parse (STATEKG_PARSE=0, or a sentence no frame can use) the slots are filled by
position: the nearest actor before the trigger acts, the nearest after is acted upon.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from kg.extract.actors import UNKNOWN, Actor, ActorFinder
from kg.extract.context import Context
from kg.extract.inflect import lemma_table, phrase_forms
from kg.extract.mentions import Mention
from kg.extract.parse import Syntax
from kg.extract.text import Sentence
from kg.frames import Frame, load_frames
from kg.lexicon import Lexicon

FACT, PLANNED, UNREAL = "fact", "planned", "unreal"
CLAUSE_LINKS = ("xcomp", "ccomp", "advcl", "pcomp", "acl")
NOUN_LINKS = ("dobj", "pobj", "nsubjpass", "attr", "prep", "oprd", "appos", "conj", "compound")
RELATIVES = {"who", "which", "that", "whom"}
SPEECH_LEMMAS = ("say", "tell", "state", "announce", "add", "note", "report", "confirm", "declare", "insist")


@dataclass
class Interaction:
    """One reported act of a frame: its actors, where it was said, and whether it is only planned."""

    frame: Frame
    sentence: int
    trigger: int  # the head token
    start: int  # the trigger's span
    end: int
    sources: list[Actor]
    targets: list[Actor]
    planned: bool
    symmetric: bool
    persons: list[int] = field(default_factory=list)
    others: list[Actor] = field(default_factory=list)  # parties of a mutual act found outside its slots

    @property
    def plover(self) -> str | None:
        return self.frame.plover

    def parties(self) -> list[str]:
        out: list[str] = []
        for actor in self.sources + self.targets + self.others:
            if actor.state not in out:
                out.append(actor.state)
        return out

    def dyads(self) -> list[tuple[Actor, Actor]]:
        """(source, target) actor pairs of distinct states: every ordered pair of parties when the act
        is symmetric, every source with every target otherwise."""
        pairs: list[tuple[Actor, Actor]] = []
        seen: set[tuple[str, str]] = set()
        if self.symmetric:
            actors = self.sources + self.targets + self.others
            candidates = [(a, b) for a in actors for b in actors]
        else:
            candidates = [(a, b) for a in self.sources for b in self.targets]
        for a, b in candidates:
            if a.state != b.state and (a.state, b.state) not in seen:
                seen.add((a.state, b.state))
                pairs.append((a, b))
        return pairs


@dataclass
class FrameTable:
    """The frames by trigger phrase, and the lemma tables the modality rules read."""

    by_trigger: dict[str, list[Frame]]
    forms: dict[str, set[str]]  # frame id -> lemma forms of its object requirement
    irrealis: dict[str, str]
    intent: dict[str, str]
    speech: dict[str, str]
    support: dict[str, str]  # light verbs whose subject does what their noun object names


@cache
def frame_table() -> FrameTable:
    from kg.lexicon import load_lexicon

    lex = load_lexicon()
    by_trigger: dict[str, list[Frame]] = defaultdict(list)
    forms: dict[str, set[str]] = {}
    for frame in load_frames():
        by_trigger[frame.trigger].append(frame)
        for req in frame.requires:
            if req.kind == "object":
                forms[frame.id] = {f for w in req.words for f in phrase_forms(w, "noun")}
    for frames in by_trigger.values():
        frames.sort(key=lambda f: -f.specificity)
    return FrameTable(
        dict(by_trigger),
        forms,
        lemma_table(lex.word_lists["irrealis-governors"], "verb"),
        lemma_table(lex.word_lists["intent-governors"], "verb"),
        lemma_table(list(SPEECH_LEMMAS), "verb"),
        lemma_table(lex.word_lists["support-verbs"], "verb"),
    )


def needs_parse(ctx: Context, sentence: Sentence) -> bool:
    """A sentence is parsed when it can hold an act between two states: a trigger of a typed frame
    (or a characterisation's head word) and two actors (states or officials of two states), or one
    in a quotation whose speaker's state is known. Other sentences are read by position (the parse
    is most of the cost; parsing also sentences with one state and a pronoun cost 10% of the speed
    and gained nothing on the dev set)."""
    table = frame_table()
    typed = any(any(f.plover for f in table.by_trigger[m.value]) for m in ctx.mentions_in("frame", sentence))
    if not typed and not ctx.mentions_in("char", sentence):  # an act, or one state describing another
        return False
    states = {m.value for m in ctx.mentions_in("state", sentence)}
    states |= {
        ctx.persons[pm.person].state for pm in ctx.persons_in(sentence) if ctx.persons[pm.person].state
    }
    if len(states) >= 2:
        return True
    return bool(states) and sentence.index in ctx.quote_speaker_state


class FrameEngine:
    def __init__(self, ctx: Context, syntax: Syntax) -> None:
        self.ctx = ctx
        self.syntax = syntax
        self.lex: Lexicon = ctx.lex
        self.table = frame_table()
        self.finder = ActorFinder(ctx, syntax)
        words = ctx.lex.word_lists
        self.negations = {w.lower() for w in words["negations"]}
        self.hypothetical = {w.lower() for w in words["hypothetical-modals"]}
        self.future = {w.lower() for w in words["future-modals"]}
        self.conditional = {w.lower() for w in words["conditional-marks"]}
        self.planned_event_cues = {w.lower() for w in words["planned-event-cues"]}

    # -- the whole article ------------------------------------------------------------------------------
    def interactions(self) -> list[Interaction]:
        found: list[Interaction] = []
        for sentence in self.ctx.sentences:
            for mention in self.ctx.mentions_in("frame", sentence):
                interaction = self._read(sentence, mention, found)
                if interaction is not None:
                    found.append(interaction)
        return found

    def _read(self, sentence: Sentence, mention: Mention, earlier: list[Interaction]) -> Interaction | None:
        parsed = sentence.index in self.syntax.sentences
        head = self._head(mention, parsed)
        frame = self._frame(mention, head, parsed)
        if frame is None:
            return None
        if parsed:
            modality = self._modality(head)
            if modality == UNREAL or self._non_state_setting(head, sentence):
                return None
            sources = self._slot_actors(frame, frame.source, head, sentence, mention)
            targets = self._slot_actors(frame, frame.target, head, sentence, mention)
            reciprocal = any(
                self.finder.is_reciprocal(t)
                for s in frame.target
                for t in self._slot_tokens(s, head, frame, mention)
            )
            if not targets and frame.plover and not reciprocal:
                targets = self._complement_targets(frame, head, sentence) or self._event_anaphora(
                    frame, head, sentence, earlier
                )
        else:
            modality = self._linear_modality(mention, sentence)
            if modality == UNREAL:
                return None
            sources, targets = self._linear_slots(frame, mention, sentence)
            reciprocal = False
        sources = [a for a in sources if self._may_act(a)]
        targets = [a for a in targets if self._may_be_acted_upon(a, frame)]
        if not frame.symmetric:  # a state does not act on itself
            targets = [a for a in targets if all(a.state != s.state for s in sources)]
        symmetric = frame.symmetric
        if reciprocal and len({a.state for a in sources}) >= 2:
            symmetric = True  # "Syria and Turkey expelled each other's ambassadors"
        others: list[Actor] = []
        if parsed and (symmetric or not frame.plover):
            others = [a for a in self._adjunct_parties(head, sentence) if self._may_act(a)]
        if frame.plover and not symmetric and bool(sources) != bool(targets):
            sources, targets = self._dialogue_sides(frame, sentence, sources, targets)
        if (
            (symmetric or not frame.plover)
            and not frame.host
            and len({a.state for a in sources + targets + others}) < 2
        ):
            others += self._fallback_parties(sentence, sources + targets + others)
        persons = [a.person for a in sources + targets + others if a.person is not None]
        return Interaction(
            frame,
            sentence.index,
            head,
            mention.start,
            mention.end,
            sources,
            targets,
            modality == PLANNED,
            symmetric,
            list(dict.fromkeys(persons)),
            others,
        )

    # -- which frame ------------------------------------------------------------------------------------
    def _head(self, mention: Mention, parsed: bool) -> int:
        frames = self.table.by_trigger[mention.value]
        if parsed:
            syntax = self.syntax
            inside = range(mention.start, mention.end)
            heads = [t for t in inside if syntax.head(t) not in inside or syntax.head(t) == t]
            if heads:
                return heads[0]
        return mention.start if frames[0].pos == "verb" else mention.end - 1

    def _frame(self, mention: Mention, head: int, parsed: bool) -> Frame | None:
        for frame in self.table.by_trigger[mention.value]:
            if parsed:
                if frame.pos == "verb" and not self.syntax.is_verb(head):
                    continue
                if frame.pos == "noun" and not self.syntax.tag(head).startswith("NN"):
                    continue
                if frame.voice != "any" and (frame.voice == "passive") != self._passive(head):
                    continue
            elif frame.voice == "passive":
                continue
            if all(self._requirement_holds(frame, req, head, mention, parsed) for req in frame.requires):
                return frame
        return None

    def _requirement_holds(self, frame: Frame, req, head: int, mention: Mention, parsed: bool) -> bool:
        doc = self.ctx.doc
        if not parsed:  # without a parse, look a few words on
            window = [self.ctx.lower[i] for i in range(mention.end, min(len(doc), mention.end + 6))]
            if req.kind == "object":
                return bool(set(window) & self.table.forms[frame.id])
            if req.kind == "prep":
                return bool(set(window[:3]) & set(req.words))
            return bool({"to", "that", "on"} & set(window[:2]))
        syntax = self.syntax
        if req.kind == "complement":
            return bool(syntax.children(head, "xcomp", "ccomp"))
        span = range(mention.start, mention.end)
        anchors = [head, *self._object_tokens(head, span)]
        if req.kind == "prep":
            return any(
                self.ctx.lower[p] in req.words for a in anchors for p in syntax.children(a, "prep", "prt")
            )
        objects = self._object_tokens(head, span) + syntax.children(head, "compound", "nsubjpass")
        if syntax.tag(head).startswith("NN"):
            objects += [syntax.head(head)] if syntax.dep(head) in ("dobj", "compound") else []
        objects = [o for t in objects for o in self.finder.conjuncts(t)]
        objects += [c for o in objects for c in syntax.children(o, "compound")]  # "chargé d'affaires"
        return any(self.ctx.lower[o] in self.table.forms[frame.id] for o in objects)

    # -- slots on the parse -----------------------------------------------------------------------------
    def _passive(self, head: int) -> bool:
        syntax = self.syntax
        if syntax.children(head, "auxpass", "nsubjpass"):
            return True
        return syntax.dep(head) == "acl" and syntax.tag(head) == "VBN"

    def _slot_actors(
        self, frame: Frame, slots, head: int, sentence: Sentence, mention: Mention
    ) -> list[Actor]:
        found: list[Actor] = []
        for slot in slots:
            tokens = self._slot_tokens(slot, head, frame, mention)
            for token in tokens:
                if self.finder.is_reciprocal(token):
                    continue
                for actor in self.finder.actors(token, sentence):
                    if slot == "object" and not actor.direct:
                        continue
                    if all(a.state != actor.state for a in found):
                        found.append(actor)
        return found

    def _slot_tokens(self, slot: str, head: int, frame: Frame, mention: Mention) -> list[int]:
        if slot == "subject":
            return self._subject_tokens(head, 0)
        if slot in ("object", "object-owner"):
            return self._object_tokens(head, range(mention.start, mention.end))
        if slot == "dative":
            return self.syntax.children(head, "dative", "iobj")
        if slot.startswith("prep:"):
            return self._prep_tokens(head, slot[5:], mention)
        return []

    def _subject_tokens(self, head: int, depth: int) -> list[int]:
        syntax = self.syntax
        if depth > 4 or not syntax.parsed(head):
            return []
        if syntax.is_verb(head):
            if self._passive(head):
                return [o for a in syntax.children(head, "agent") for o in syntax.children(a, "pobj")]
            subjects = syntax.children(head, "nsubj", "csubj")
            if (
                subjects
                and syntax.dep(head) == "relcl"
                and all(self.ctx.lower[s] in RELATIVES for s in subjects)
            ):
                return [
                    syntax.head(head)
                ]  # "Rodriguez, who accused Washington": the noun the clause is about
            if subjects:
                return subjects
            governor, dep = syntax.head(head), syntax.dep(head)
            if governor == head:
                return []
            if dep == "conj" and syntax.is_verb(governor):
                return self._subject_tokens(governor, depth + 1)
            if dep == "xcomp" and syntax.is_verb(governor):
                # object control ("urged Turkey to lift ...") before subject control ("agreed to meet")
                return syntax.children(governor, "dobj") or self._subject_tokens(governor, depth + 1)
            if dep == "advcl" and syntax.is_verb(governor):
                return self._subject_tokens(governor, depth + 1)
            if dep in ("relcl", "acl"):
                return [governor]
            if dep == "pcomp":
                return self._subject_tokens(syntax.head(governor), depth + 1)
            return []
        owners = [
            c
            for c in syntax.children(head, "poss", "compound", "amod", "nmod")
            if self.ctx.index.get("state", c)
            or self.finder._person_at(c) is not None
            or syntax.dep(c) == "poss"
        ]
        owners += [
            o
            for p in syntax.children(head, "prep")
            if self.ctx.lower[p] == "by"
            for o in syntax.children(p, "pobj")
        ]
        if owners:
            return owners
        governor, dep = syntax.head(head), syntax.dep(head)
        if governor == head:
            return []
        if (
            dep in ("dobj", "attr", "oprd")
            and syntax.is_verb(governor)
            and self._lemma(governor) in self.table.support
        ):
            return self._subject_tokens(governor, depth + 1)  # "held talks", "imposed sanctions"
        if dep == "conj":
            return self._subject_tokens(governor, depth + 1)
        if dep == "nsubjpass" and syntax.is_verb(governor):
            return [o for a in syntax.children(governor, "agent") for o in syntax.children(a, "pobj")]
        if dep == "pobj" and syntax.dep(governor) == "prep":
            above = syntax.head(governor)
            if (
                syntax.is_verb(above)
                and self._lemma(above) in self.table.support
                and self.ctx.lower[governor] in ("in", "during", "at", "into")
            ):
                return self._subject_tokens(above, depth + 1)  # "engaged in talks", "took part in the drills"
        return []

    def _object_tokens(self, head: int, span: range = range(0)) -> list[int]:
        syntax = self.syntax
        if syntax.is_verb(head):
            if self._passive(head):
                subjects = syntax.children(head, "nsubjpass")
                if subjects:
                    return subjects
                return [syntax.head(head)] if syntax.dep(head) in ("acl", "relcl") else []
            objects = syntax.children(head, "dobj")
            # "called in Israel's chargé": the object of a preposition that is part of the trigger
            for prep in syntax.children(head, "prep"):
                if prep in span:
                    objects += syntax.children(prep, "pobj")
            return objects
        return [
            o
            for p in syntax.children(head, "prep")
            if self.ctx.lower[p] == "of"
            for o in syntax.children(p, "pobj")
        ]

    def _prep_tokens(self, head: int, word: str, mention: Mention) -> list[int]:
        syntax = self.syntax
        anchors = [head, *range(mention.start, mention.end), *self._object_tokens(head)]
        if not syntax.is_verb(head) and syntax.dep(head) in ("dobj", "attr", "pobj", "nsubjpass"):
            governor = syntax.head(head)
            if syntax.dep(head) == "pobj":
                governor = syntax.head(governor)
            if syntax.is_verb(governor):
                anchors.append(governor)
        found: list[int] = []
        for anchor in dict.fromkeys(anchors):
            for prep in syntax.children(anchor, "prep", "agent", "dative", "prt"):
                if self.ctx.lower[prep] != word:
                    continue
                objects = syntax.children(prep, "pobj")
                if syntax.dep(prep) == "prt":
                    objects = syntax.children(anchor, "dobj")
                for obj in objects:
                    if obj not in found:
                        found.append(obj)
        return found

    # -- what the slots leave out -------------------------------------------------------------------------
    def _adjunct_parties(self, head: int, sentence: Sentence) -> list[Actor]:
        """A meeting named as the setting of another act ("Prabowo told Kishida at a meeting in
        Tokyo", "... said during the talks"): that act's subject and objects took part in it."""
        syntax = self.syntax
        if syntax.is_verb(head) or syntax.dep(head) != "pobj":
            return []
        prep = syntax.head(head)
        verb = syntax.head(prep)
        if syntax.dep(prep) != "prep" or not syntax.is_verb(verb):
            return []
        if self.ctx.lower[prep] not in ("at", "during", "in", "on", "after", "before", "ahead"):
            return []
        tokens = self._subject_tokens(verb, 0) + syntax.children(verb, "dobj", "dative", "nsubjpass")
        return [a for t in tokens for a in self.finder.actors(t, sentence)]

    def _dialogue_sides(
        self, frame: Frame, sentence: Sentence, sources: list[Actor], targets: list[Actor]
    ) -> tuple[list[Actor], list[Actor]]:
        """In a quotation from one side of a bilateral exchange, a cooperative act with only one side
        named ("thanks to your assistance", "we will support ...") goes to or comes from the other."""
        ctx = self.ctx
        speaker = ctx.quote_speaker_state.get(sentence.index)
        addressee = ctx.addressee_state(sentence.index)
        if not speaker or not addressee or not self.lex.is_cooperative(frame.plover or ""):
            return sources, targets
        known = {a.state for a in sources + targets}
        if known == {addressee} and sources:
            return sources, [Actor(speaker, "GOV")]
        if known == {speaker} and sources:
            return sources, [Actor(addressee, "GOV")]
        return sources, targets

    def _fallback_parties(self, sentence: Sentence, known: list[Actor]) -> list[Actor]:
        """A mutual act whose slots name fewer than two states ("said at a meeting with ...",
        "during the talks"): the officials the sentence names, or, when one side speaks of "the two
        countries" or is quoted, the article's two main states."""
        ctx = self.ctx
        states = {a.state for a in known}
        found: list[Actor] = []
        for pm in ctx.persons_in(sentence):
            state = ctx.persons[pm.person].state
            if state and state not in states:
                states.add(state)
                found.append(Actor(state, "GOV", pm.person, pm.start))
        if len(states) < 2:
            pair = ctx.main_pair()
            speaker = ctx.quote_speaker_state.get(sentence.index)
            if pair and (ctx.words_in("pair-phrases", sentence) or speaker in pair) and states <= set(pair):
                found += [Actor(s, "GOV") for s in pair if s not in states]
        return found

    def _complement_targets(self, frame: Frame, head: int, sentence: Sentence) -> list[Actor]:
        """A target named in the clause the head governs: "threatened to impose sanctions on Turkey",
        "warned that Iran would respond"."""
        syntax = self.syntax
        found: list[Actor] = []
        for clause in syntax.children(head, "xcomp", "ccomp"):
            # "demanded that China withdraw its ships": the subject of a that-clause is addressed too
            wanted = (
                ("dobj", "pobj", "dative", "nsubj")
                if syntax.dep(clause) == "ccomp"
                else ("dobj", "pobj", "dative")
            )
            for token in syntax.subtree(clause):
                if syntax.dep(token) in wanted:
                    for actor in self.finder.actors(token, sentence):
                        if actor.direct and self._may_be_acted_upon(actor, frame):
                            found.append(actor)
            if found:
                break
        return found

    def _event_anaphora(
        self, frame: Frame, head: int, sentence: Sentence, earlier: list[Interaction]
    ) -> list[Actor]:
        """The target of "condemned the seizure": whoever did the seizure, named in the noun phrase
        or, failing that, the last act of the same kind the article reported."""
        syntax = self.syntax
        for obj in self._object_tokens(head) + [
            o for p in syntax.children(head, "prep") for o in syntax.children(p, "pobj")
        ]:
            mention = self.ctx.index.get("frame", obj)
            if mention is None:
                continue
            # the doer named on the noun itself ("Israel's seizure", "the seizure by Israeli forces"),
            # not the subject of the verb above it, who is the one speaking
            named = [c for c in syntax.children(obj, "poss", "compound", "amod", "nmod")]
            named += [
                o
                for p in syntax.children(obj, "prep")
                if self.ctx.lower[p] == "by"
                for o in syntax.children(p, "pobj")
            ]
            doers = [a for t in named for a in self.finder.actors(t, sentence) if self._may_act(a)]
            if doers:
                return doers
            kinds = {f.plover for f in self.table.by_trigger[mention.value] if f.plover}
            for other in reversed(earlier):
                if other.frame.plover in kinds and other.sources:
                    return list(other.sources)
        return []

    # -- modality -------------------------------------------------------------------------------------------
    def _modality(self, head: int) -> str:
        """fact, planned, or unreal (negated, conditional, hypothetical, or only alleged/demanded)."""
        syntax = self.syntax
        state = FACT
        token, steps = head, 0
        while steps < 6:
            steps += 1
            for child in syntax.children(token):
                lower, dep = self.ctx.lower[child], syntax.dep(child)
                if dep == "neg" or (dep in ("det", "advmod") and lower in self.negations):
                    return UNREAL
                if dep in ("aux", "auxpass"):
                    if lower in self.hypothetical:
                        return UNREAL
                    if lower == "would":
                        state = PLANNED if self._under_speech(token) else UNREAL
                        if state == UNREAL:
                            return UNREAL
                    elif lower in self.future:
                        state = PLANNED
                if dep == "mark" and lower in self.conditional:
                    return UNREAL
                if dep == "amod" and lower in self.planned_event_cues:
                    state = PLANNED
            governor, dep = syntax.head(token), syntax.dep(token)
            if governor == token:
                break
            if dep in CLAUSE_LINKS or (not syntax.is_verb(token) and dep in NOUN_LINKS):
                if syntax.is_verb(governor):
                    lemma = self._lemma(governor)
                    if lemma in self.table.irrealis:
                        return UNREAL
                    if lemma in self.table.intent and dep != "conj":
                        state = PLANNED
                    if dep in ("ccomp",) and lemma in self.table.speech:
                        break  # reported speech: what was said stands as said
                token = governor
                continue
            if dep == "conj":
                token = governor
                continue
            break
        return state

    def _lemma(self, token: int) -> str:
        lower = self.ctx.lower[token]
        for table in (self.table.irrealis, self.table.intent, self.table.speech, self.table.support):
            if lower in table:
                return table[lower]
        return lower

    def _under_speech(self, token: int) -> bool:
        syntax = self.syntax
        while syntax.parsed(token) and syntax.head(token) != token:
            if syntax.dep(token) == "ccomp" and self._lemma(syntax.head(token)) in self.table.speech:
                return True
            token = syntax.head(token)
        return False

    def _non_state_setting(self, head: int, sentence: Sentence) -> bool:
        """A trigger inside sport or business ("an athletics meeting", "the firms signed a deal")."""
        for child in self.syntax.children(head, "compound", "amod", "nmod"):
            sector = self.ctx.index.get("sector", child)
            if (
                sector is not None
                and not self.lex.acts_for_state(sector.value)
                and not self.lex.stands_for_state(sector.value)
            ):
                return True
        return False

    # -- who may act ------------------------------------------------------------------------------------------
    def _may_act(self, actor: Actor) -> bool:
        return actor.sector != UNKNOWN and self.lex.acts_for_state(actor.sector)

    def _may_be_acted_upon(self, actor: Actor, frame: Frame) -> bool:
        if actor.sector == UNKNOWN:
            return True  # something the state owns ("Britain's proposal", "a Turkish jet")
        if self.lex.acts_for_state(actor.sector):
            return True
        return frame.any_target and self.lex.stands_for_state(actor.sector)

    # -- without a parse ------------------------------------------------------------------------------------
    def _linear_modality(self, mention: Mention, sentence: Sentence) -> str:
        before = [
            self.ctx.lower[i] for i in range(max(sentence.span.start, mention.start - 3), mention.start)
        ]
        if set(before) & self.negations or set(before) & self.hypothetical:
            return UNREAL
        if set(before) & self.future or self.ctx.words_in("planned-cues", sentence):
            return PLANNED
        return FACT

    def _linear_slots(
        self, frame: Frame, mention: Mention, sentence: Sentence
    ) -> tuple[list[Actor], list[Actor]]:
        actors = self._linear_actors(sentence)
        before = [a for a in actors if a.token < mention.start]
        after = [a for a in actors if a.token >= mention.end]
        words_after = {self.ctx.lower[i] for i in range(mention.end, min(sentence.span.end, mention.end + 3))}
        passive = (
            frame.pos == "verb"
            and "by" in words_after
            and any(
                self.ctx.lower[i] in ("was", "were", "been", "being", "is", "are")
                for i in range(max(sentence.span.start, mention.start - 2), mention.start)
            )
        )
        source = after[:1] if passive else before[-1:]
        target = before[-1:] if passive else after[:1]
        return list(source), list(target)

    def _linear_actors(self, sentence: Sentence) -> list[Actor]:
        ctx = self.ctx
        actors: list[Actor] = []
        for m in ctx.mentions_in("state", sentence):
            actors.append(Actor(m.value, "GOV", None, m.start))
        for pm in ctx.persons_in(sentence):
            state = ctx.persons[pm.person].state
            if state:
                actors.append(Actor(state, "GOV", pm.person, pm.start))
        return sorted(actors, key=lambda a: a.token)


def find_interactions(ctx: Context, syntax: Syntax) -> list[Interaction]:
    return FrameEngine(ctx, syntax).interactions()
