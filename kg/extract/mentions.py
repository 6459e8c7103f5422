"""Mentions: spans of tokens that name a state, a body, a title, an event trigger, a cooperation
type, a stance, a characterisation, or a word of one of the lexicon's word lists.

All phrases come from the lexicon (ontology/*.ttl). State names are matched case-sensitively (so
"US" is not "us"); everything else case-insensitively. Within a category, the longest match wins.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.inflect import phrase_forms
from kg.extract.text import pipeline
from kg.extract.triggers import noun_trigger_forms, trigger_forms
from kg.lexicon import Lexicon, load_lexicon
from kg.vocab import KGO

POSSESSIVE_TOKENS = {"'s", "’s", "'", "’"}


@dataclass(frozen=True)
class Mention:
    category: (
        str  # "state", "body", "title", "modifier", "frame", "event" (noun triggers), "sector", "coop", ...
    )
    value: str  # iso3, slug, or the word list's name
    start: int  # token index in the doc
    end: int  # token index, exclusive
    form: str = ""  # for states: name, demonym, capital, metonym

    def __len__(self) -> int:
        return self.end - self.start


class Matchers:
    """Phrase matchers built once from the lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        nlp = pipeline()
        self.case_sensitive = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.case_insensitive = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[str, tuple[str, str, str]] = {}
        for entry in lexicon.states.values():
            forms = {
                "name": entry.names,
                "demonym": entry.demonyms,
                "capital": entry.capitals,
                "metonym": entry.metonyms,
                "region": entry.regions,
            }
            for form, phrases in forms.items():
                self._add(self.case_sensitive, "state", entry.iso3, form, phrases, nlp)
        groups = {
            "body": lexicon.body_kinds,
            "title": lexicon.post_roles,
            "coop": lexicon.cooperation_types,
            "stance": lexicon.stances,
            "char": lexicon.characterisation_kinds,
        }
        for category, concepts in groups.items():
            for slug, concept in concepts.items():
                self._add(self.case_insensitive, category, slug, "", concept.triggers, nlp)
        for slug, concept in lexicon.body_kinds.items():
            self._add(
                self.case_insensitive, "domain", slug, "", concept.extra.get(str(KGO.domainWord), []), nlp
            )
        # frames and sectors are written as lemmas: match their inflected forms
        for trigger, forms in trigger_forms().items():
            self._add(self.case_insensitive, "frame", trigger, "", sorted(forms), nlp)
        for trigger, forms in noun_trigger_forms().items():
            self._add(self.case_insensitive, "event", trigger, "", sorted(forms), nlp)
        for slug, concept in lexicon.sectors.items():
            forms = sorted({f for t in concept.triggers for f in phrase_forms(t, "noun")})
            self._add(self.case_insensitive, "sector", slug, "", forms, nlp)
        self._add(self.case_insensitive, "modifier", "modifier", "", lexicon.title_modifiers, nlp)
        for name, words in lexicon.word_lists.items():
            matcher = (
                self.case_sensitive
                if name in ("honorifics", "name-suffixes", "non-name-words", "international-bodies")
                else self.case_insensitive
            )
            self._add(matcher, name, name, "", words, nlp)

    def _add(
        self, matcher: PhraseMatcher, category: str, value: str, form: str, phrases: list[str], nlp
    ) -> None:
        key = f"{category}|{value}|{form}"
        self.labels[key] = (category, value, form)
        patterns = [nlp.make_doc(p) for p in phrases if p.strip()]
        if patterns:
            matcher.add(key, patterns)

    def find(self, doc: Doc) -> dict[str, list[Mention]]:
        """All mentions by category, longest-first without overlaps inside a category."""
        raw: dict[str, list[Mention]] = defaultdict(list)
        for matcher in (self.case_sensitive, self.case_insensitive):
            for match_id, start, end in matcher(doc):
                category, value, form = self.labels[doc.vocab.strings[match_id]]
                raw[category].append(Mention(category, value, start, end, form))
        return {category: _longest(mentions) for category, mentions in raw.items()}


def _longest(mentions: list[Mention]) -> list[Mention]:
    chosen: list[Mention] = []
    taken: set[int] = set()
    spans: set[tuple[int, int]] = set()
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start, m.value)):
        # the same words may name two concepts ("technology transfer"): keep both
        if (m.start, m.end) in spans or not taken.intersection(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
            spans.add((m.start, m.end))
    return sorted(chosen, key=lambda m: (m.start, m.value))


@cache
def matchers() -> Matchers:
    return Matchers(load_lexicon())
