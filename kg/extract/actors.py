"""Who a noun phrase is, as an actor of a state: a state named by name, capital or seat of power
("Washington", "the Kremlin"), an official, a government body, or a noun whose owner is a state
("Israeli forces", "US diplomats", "Britain's proposal"), each with its sector (ontology/sectors.ttl).

A state acts through its organs (sectors that act for the state); a company, a team or a court named
with a state's adjective is not the state. Pronouns are read where the sentence settles them: "we"
and "our" in a quotation are the speaker's state; "it", "its", "they" and "their" are the subject of
the clause or of the speech verb above it ("Syria said it shot down ...", "Turkey recalled its envoy").
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.context import Context
from kg.extract.parse import Syntax
from kg.extract.text import Sentence

FIRST_PERSON = {"we", "us", "our", "ours"}
THIRD_PERSON = {"it", "its", "they", "them", "their", "theirs"}
PERSONAL = {
    "he",
    "him",
    "his",
    "she",
    "her",
}  # the official last named before, in this sentence or the one before
OWNER_DEPS = ("poss", "compound", "amod", "nmod", "npadvmod")
UNKNOWN = "UNK"  # a noun of no known sector: only its owner is known ("Britain's proposal")
BODY_SECTORS = {"armed-forces": "MIL", "security-service": "SPY", "parliament": "LEG"}
MILITARY_ROLES = {"military-officer"}


@dataclass(frozen=True)
class Actor:
    state: str
    sector: str  # a notation of the sector scheme, or UNK
    person: int | None = None  # index into Context.persons
    token: int = -1
    direct: bool = True  # the phrase names the state or its organ, not only something it owns


class ActorFinder:
    """Reads the actors a token stands for, on the parse of its sentence."""

    def __init__(self, ctx: Context, syntax: Syntax) -> None:
        self.ctx = ctx
        self.syntax = syntax
        self.lex = ctx.lex
        self.reciprocals = {w.lower() for w in ctx.lex.word_lists["reciprocals"]}
        self.second_person = {w.lower() for w in ctx.lex.word_lists["second-person"]}
        self.relation_nouns = {w.lower() for w in ctx.lex.word_lists["relation-nouns"]}

    # -- the phrase as a whole -----------------------------------------------------------------------
    def actors(self, token: int, sentence: Sentence) -> list[Actor]:
        """The actors of the phrase headed by `token` and of the phrases coordinated with it."""
        found: list[Actor] = []
        for t in self.conjuncts(token):
            for actor in self.actor(t, sentence):
                if all(a.state != actor.state or a.sector != actor.sector for a in found):
                    found.append(actor)
        return found

    def conjuncts(self, token: int) -> list[int]:
        out, todo = [], [token]
        while todo:
            t = todo.pop(0)
            if t in out:
                continue
            out.append(t)
            todo.extend(self.syntax.children(t, "conj", "appos"))
        return out

    def is_reciprocal(self, token: int) -> bool:
        doc = self.ctx.doc
        if (
            token + 1 < len(doc)
            and f"{self.ctx.lower[token]} {self.ctx.lower[token + 1]}" in self.reciprocals
        ):
            return True
        if token > 0 and f"{self.ctx.lower[token - 1]} {self.ctx.lower[token]}" in self.reciprocals:
            return True
        return any(self.is_reciprocal(c) for c in self.syntax.children(token, "poss"))

    # -- one head token --------------------------------------------------------------------------------
    def actor(self, token: int, sentence: Sentence) -> list[Actor]:
        ctx = self.ctx
        index = ctx.index
        person = self._person_at(token)
        if person is not None:
            p = ctx.persons[person]
            if p.state:
                sector = "MIL" if p.role in MILITARY_ROLES else "GOV"
                return [Actor(p.state, sector, person, token)]
            return []
        state = index.get("state", token)
        if state is not None and (
            state.form != "demonym" or self.syntax.dep(token) not in ("amod", "compound")
        ):
            return [Actor(state.value, "GOV", None, token)]
        lower = ctx.lower[token]
        if lower in FIRST_PERSON:
            speaker = ctx.quote_speaker_state.get(sentence.index)
            return [Actor(speaker, "GOV", None, token)] if speaker else []
        if lower in THIRD_PERSON:
            return self.antecedent(token, sentence)
        if lower in PERSONAL:
            return self.last_person(token)
        if lower in self.second_person:
            addressee = ctx.addressee_state(sentence.index)
            return [Actor(addressee, "GOV", None, token)] if addressee else []
        body = index.get("body", token)
        if body is not None:
            sector = BODY_SECTORS.get(body.value, "GOV")
            if state is not None and state.form == "metonym":  # "the Pentagon", "the State Department"
                return [Actor(state.value, sector, None, token)]
            return [Actor(o.state, sector, None, token) for o in self.owners(token, sentence)]
        if index.get("title", token) is not None:
            return [Actor(o.state, "GOV", None, token) for o in self.owners(token, sentence)]
        sector_mention = index.get("sector", token)
        owners = self.owners(token, sentence)
        if sector_mention is not None:
            return [Actor(o.state, sector_mention.value, None, token) for o in owners]
        return [Actor(o.state, UNKNOWN, None, token, direct=False) for o in owners]

    def _person_at(self, token: int) -> int | None:
        for m in self.ctx.person_mentions:
            if m.start <= token < m.end:
                return m.person
        return None

    def owners(self, token: int, sentence: Sentence) -> list[Actor]:
        """The states a noun belongs to: possessive, compound or adjective states, and "of" states."""
        syntax = self.syntax
        found: list[Actor] = []
        for child in syntax.children(token, *OWNER_DEPS):
            for owner in self.conjuncts(child):  # "Russian and Chinese warships"
                found += self._owner(owner, sentence)
        relation = self.ctx.lower[token] in self.relation_nouns
        for prep in syntax.children(token, "prep"):
            # "the government of Israel", "the proposal by Russia"; "ties with Indonesia" names the other side
            if self.ctx.lower[prep] in ("of", "by") or (relation and self.ctx.lower[prep] == "with"):
                for obj in syntax.children(prep, "pobj"):
                    found += [a for a in self.actors(obj, sentence) if a.direct]
        if (
            not found
        ):  # a state adjective the parse hung elsewhere in the noun phrase ("the Chinese coast guard")
            i = token - 1
            while i >= sentence.span.start and syntax.dep(i) in (
                "amod",
                "compound",
                "det",
                "nmod",
                "poss",
                "case",
            ):
                state = self.ctx.index.get("state", i)
                if state is not None:
                    found.append(Actor(state.value, "GOV", None, i))
                    break
                i -= 1
        unique: list[Actor] = []
        for a in found:
            if all(u.state != a.state for u in unique):
                unique.append(a)
        return unique

    def _owner(self, child: int, sentence: Sentence) -> list[Actor]:
        ctx = self.ctx
        state = ctx.index.get("state", child)
        if state is not None:
            return [Actor(state.value, "GOV", None, child)]
        person = self._person_at(child)
        if person is not None and ctx.persons[person].state:
            return [Actor(ctx.persons[person].state, "GOV", person, child)]
        lower = ctx.lower[child]
        if lower in FIRST_PERSON:
            speaker = ctx.quote_speaker_state.get(sentence.index)
            return [Actor(speaker, "GOV", None, child)] if speaker else []
        if lower in THIRD_PERSON:
            return self.antecedent(child, sentence)
        if lower in PERSONAL:
            return self.last_person(child)
        if lower in self.second_person:
            addressee = ctx.addressee_state(sentence.index)
            return [Actor(addressee, "GOV", None, child)] if addressee else []
        if self.syntax.dep(child) == "poss":
            return [a for a in self.actors(child, sentence) if a.direct]
        return []

    # -- pronouns ----------------------------------------------------------------------------------------
    def last_person(self, token: int) -> list[Actor]:
        """ "His government", "she said": the official named last before the pronoun, within this
        sentence or the one before it."""
        ctx = self.ctx
        sentence = ctx.sentence_of[token]
        earlier = [
            m for m in ctx.person_mentions if m.end <= token and ctx.sentence_of[m.start] >= sentence - 1
        ]
        if not earlier:
            return []
        person = ctx.persons[earlier[-1].person]
        return [Actor(person.state, "GOV", earlier[-1].person, token)] if person.state else []

    def antecedent(self, token: int, sentence: Sentence) -> list[Actor]:
        """What "it", "its", "they", "their" stand for: the subject of the clause the pronoun sits in
        (when the pronoun is not that subject), else the subject of the verb above that clause."""
        syntax = self.syntax
        clause = token
        while syntax.parsed(clause) and not syntax.is_verb(clause) and syntax.head(clause) != clause:
            clause = syntax.head(clause)
        if not syntax.is_verb(clause):
            return []
        seen = 0
        while seen < 4:
            seen += 1
            subjects = [s for s in syntax.children(clause, "nsubj", "nsubjpass") if s != token]
            subjects = [s for s in subjects if token not in syntax.subtree(s)]
            for s in subjects:
                if self.ctx.lower[s] in THIRD_PERSON | FIRST_PERSON:
                    continue
                found = [a for a in self.actors(s, sentence) if a.direct]
                if found:
                    return found
            if (
                syntax.dep(clause) in ("ccomp", "xcomp", "advcl", "conj", "relcl")
                and syntax.head(clause) != clause
            ):
                clause = syntax.head(clause)
                continue
            break
        return []
