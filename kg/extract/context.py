"""Everything the fact finders share about one article: tokens, sentences, mentions, people."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.article import Article
from kg.extract.mentions import POSSESSIVE_TOKENS, Mention, matchers
from kg.extract.officials import Person, link_officials
from kg.extract.parse import Syntax
from kg.extract.people import PersonMention, TokenIndex, name_spans, title_phrases
from kg.extract.states import actor_mentions, state_mentions
from kg.extract.text import Sentence, tokenize
from kg.facts import Evidence
from kg.lexicon import Lexicon, load_lexicon


@dataclass
class Context:
    article: Article
    doc: Doc
    sentences: list[Sentence]
    index: TokenIndex
    lex: Lexicon
    persons: list[Person]
    person_mentions: list[PersonMention]
    actor_states: list[Mention]
    sentence_of: list[int] = field(default_factory=list)
    quote_speaker_state: dict[int, str] = field(default_factory=dict)  # sentence index -> speaker's state
    quote_speaker: dict[int, str] = field(default_factory=dict)  # sentence index -> quoted person's name
    syntax: Syntax | None = None  # the dependency parse of the sentences that need one
    lower: list[str] = field(default_factory=list)  # each token's lower-case text, read once
    _buckets: dict[str, list[list]] = field(default_factory=dict, repr=False)
    _main_pair: list[str] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, article: Article) -> Context:
        lex = load_lexicon()
        doc, sentences = tokenize(article)
        found = matchers().find(doc)
        found["state"] = state_mentions(article, TokenIndex(doc, found), lex)
        index = TokenIndex(doc, found)
        names = name_spans(doc, index, lex)
        titles = title_phrases(doc, index, lex)
        persons, person_mentions = link_officials(doc, sentences, index, lex, names, titles)
        ctx = cls(article, doc, sentences, index, lex, persons, person_mentions, actor_mentions(index))
        ctx.lower = [t.lower_ for t in doc]
        ctx.sentence_of = [-1] * len(doc)
        for s in sentences:
            for i in range(s.span.start, s.span.end):
                ctx.sentence_of[i] = s.index
        return ctx

    # evidence -------------------------------------------------------------
    def evidence(self, sentence: Sentence) -> Evidence:
        return Evidence(sentence.start, sentence.end, sentence.text)

    def evidence_for_token(self, token: int) -> Evidence:
        return self.evidence(self.sentences[self.sentence_of[token]])

    def person_evidence(self, person: int) -> list[Evidence]:
        seen: dict[int, Evidence] = {}
        for m in self.person_mentions:
            if m.person == person:
                s = self.sentence_of[m.start]
                seen.setdefault(s, self.evidence(self.sentences[s]))
        if not seen:  # at least the sentence whose title named the person
            s = self.sentence_of[self.persons[person].titled_at[0]]
            seen[s] = self.evidence(self.sentences[s])
        return [seen[k] for k in sorted(seen)][:3]

    # lookups by sentence (bucketed once per category: a long article has thousands of each) -------
    def _in_sentence(self, key: str, items: list, sentence: Sentence) -> list:
        buckets = self._buckets.get(key)
        if buckets is None:
            buckets = [[] for _ in self.sentences]
            for item in items:
                s = self.sentence_of[item.start] if 0 <= item.start < len(self.sentence_of) else -1
                if s >= 0:
                    buckets[s].append(item)
            self._buckets[key] = buckets
        return buckets[sentence.index]

    def mentions_in(self, category: str, sentence: Sentence) -> list[Mention]:
        return self._in_sentence(category, self.index.mentions.get(category, []), sentence)

    def states_in(self, sentence: Sentence) -> list[Mention]:
        return self._in_sentence("actor states", self.actor_states, sentence)

    def persons_in(self, sentence: Sentence) -> list[PersonMention]:
        return self._in_sentence("persons", self.person_mentions, sentence)

    def words_in(self, list_name: str, sentence: Sentence) -> list[Mention]:
        return self.mentions_in(list_name, sentence)

    def is_possessive(self, m: Mention) -> bool:
        return m.end < len(self.doc) and self.doc[m.end].text in POSSESSIVE_TOKENS

    def body_label(self, kind: str | None) -> str | None:
        if kind is None:
            return None
        concept = self.lex.body_kinds.get(kind)
        return concept.label if concept else None

    def main_pair(self) -> list[str]:
        """The two states the article is mostly about: most mentioned, first mention breaks ties."""
        if self._main_pair is None:
            self._main_pair = self._rank_states()
        return list(self._main_pair)

    def _rank_states(self) -> list[str]:
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in self.actor_states:
            counts[m.value] += 1
            first.setdefault(m.value, m.start)
        for p in self.persons:
            if p.state:
                counts[p.state] += 1
                first.setdefault(p.state, p.first)
        ranked = sorted(counts, key=lambda s: (-counts[s], first[s]))
        return sorted(ranked[:2]) if len(ranked) >= 2 else []

    def person_state(self, person: int) -> str | None:
        return self.persons[person].state

    def addressee_state(self, sentence: int) -> str | None:
        """Who a quotation addresses: in an article about two states, the side the speaker is not."""
        speaker = self.quote_speaker_state.get(sentence)
        pair = self.main_pair()
        if speaker and speaker in pair:
            return next(s for s in pair if s != speaker)
        return None

    def note_quotations(self, quotations) -> None:
        """Remember whose state speaks in each quoted sentence ("we", "our countries")."""
        for q in quotations:
            if not q.speaker_state or not q.direct:
                continue
            for ev in q.evidence:
                for s in self.sentences:
                    if s.start >= ev.start and s.end <= ev.end:
                        self.quote_speaker_state.setdefault(s.index, q.speaker_state)
                        if q.speaker_kind == "person" and q.speaker:
                            self.quote_speaker.setdefault(s.index, q.speaker)
