"""Link names to title phrases, merge repeated people, and resolve later mentions to them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.extract.people import (
    SKIPPABLE,
    NameSpan,
    PersonMention,
    TitlePhrase,
    TokenIndex,
    post_key,
    post_text,
)
from kg.extract.states import is_venue
from kg.extract.text import Sentence
from kg.lexicon import Lexicon

NEAR_STATE_WINDOW = 12  # tokens before a stateless title in which a state mention can lend its state


@dataclass
class Person:
    name: str
    post: str | None
    state: str | None
    role: str | None
    body_kind: str | None
    first: int  # token index of the first mention
    titled_at: list[int] = field(default_factory=list)  # token indexes where a title named them


def norm_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _clean_name(doc: Doc, span: NameSpan, lex: Lexicon) -> str:
    honorifics = set(lex.word_lists["honorifics"])
    tokens = [t for t in doc[span.start : span.end] if t.text not in honorifics]
    return "".join(t.text_with_ws for t in tokens).strip(" ,")


def _skip(doc: Doc, i: int, lex: Lexicon, commas: bool = True) -> int:
    honorifics = set(lex.word_lists["honorifics"])
    while i < len(doc) and (
        doc[i].text in SKIPPABLE
        or doc[i].text in honorifics
        or (commas and doc[i].text == ",")
        or doc[i].is_space
    ):
        i += 1
    return i


def link_officials(
    doc: Doc,
    sentences: list[Sentence],
    index: TokenIndex,
    lex: Lexicon,
    names: list[NameSpan],
    titles: list[TitlePhrase],
) -> tuple[list[Person], list[PersonMention]]:
    dateline_state = _dateline_state(doc, index, lex)
    name_at_start = {n.start: n for n in names}
    name_at_end = {n.end: n for n in names}
    title_at_start = {t.start: t for t in titles}
    sentence_of = _sentence_lookup(doc, sentences)
    people: dict[str, Person] = {}
    order: list[str] = []
    post_states: dict[str, str] = {}
    international: set[str] = set()  # people whose post is at an international body, not a state's
    links: list[tuple[TitlePhrase, NameSpan, str | None]] = []
    used_titles: set[int] = set()
    for title in titles:
        if title.state and title.role != "counterpart":
            post_states.setdefault(post_key(doc, title, index), title.state)

    for title in sorted(titles, key=lambda t: t.start):
        if title.start in used_titles:
            continue
        chain = [title]
        k = _skip(doc, title.end, lex)
        while k in title_at_start and title_at_start[k] is not title:
            chain.append(title_at_start[k])
            used_titles.add(k)
            k = _skip(doc, title_at_start[k].end, lex)
        state = next((t.state for t in chain if t.state), None)
        if title.plural and k in name_at_start:
            first = name_at_start[k]
            after = _skip(doc, first.end, lex)
            if (
                after < len(doc)
                and doc[after].lower_ == "and"
                and _skip(doc, after + 1, lex) in name_at_start
            ):
                second = name_at_start[_skip(doc, after + 1, lex)]
                states = title.complement_states
                links.append((title, first, states[0]))
                links.append((title, second, states[1]))
                continue
        if k in name_at_start and _same_sentence(sentence_of, title.start, k):
            links.append((title, name_at_start[k], state))
            continue
        # name first: "Wang Yi, China's foreign minister"
        b = title.start - 1
        while b >= 0 and doc[b].lower_ in ("the", "a", "an", "his", "her", "its", "their"):
            b -= 1
        if b >= 1 and doc[b].text == ",":
            e = b
            while e > 0 and doc[e - 1].text in SKIPPABLE:
                e -= 1
            if e in name_at_end and _same_sentence(sentence_of, e - 1, title.start):
                links.append((title, name_at_end[e], state))
                continue
        if state and title.role != "counterpart":
            post_states.setdefault(post_key(doc, title, index), state)

    previous_post: tuple[str | None, str | None, str | None] = (None, None, None)
    keys_of_post: dict[str, str] = {}
    for title, name_span, state in sorted(links, key=lambda x: x[1].start):
        name = _clean_name(doc, name_span, lex)
        if len([w for w in name.split() if w[:1].isalpha()]) < 2 and not re.search(r"\w-\w", name):
            continue  # a bare surname after a title ("Secretary Mattis") is a later mention, not a new person
        post = post_text(doc, title)
        role, body_kind = title.role, title.body_kind
        if role == "counterpart":
            post, role, body_kind = previous_post
        elif title.plural:
            # "Presidents of Belarus and Russia A and B": each is a President
            post = _singular(doc[title.post_start : title.head_end].text)
        key = norm_name(name)
        if key in people:
            person = people[key]
            person.state = person.state or state
            person.post = person.post or post
            person.titled_at.append(title.start)
            continue
        people[key] = Person(name, post, state, role, body_kind, name_span.start, [title.start])
        if title.international and state is None:
            international.add(key)
        keys_of_post[key] = post_key(doc, title, index)
        order.append(key)
        previous_post = (post, role, body_kind)

    for key in order:
        person = people[key]
        if key in international:
            continue  # the U.N. Secretary-General is no state's official: no state from the context
        if person.state is None:
            person.state = _state_from_context(doc, index, sentences, sentence_of, person.titled_at[0])
        if person.state is None:
            person.state = post_states.get(keys_of_post.get(key, ""))
        if person.state is None:
            person.state = _state_of_previous_sentence(index, sentences, sentence_of, person.titled_at[0])
        if person.state is None:
            person.state = dateline_state

    persons = [people[k] for k in order]
    mentions = resolve_mentions(doc, names, persons, lex, index)
    for person_index, person in enumerate(persons):
        firsts = [m.start for m in mentions if m.person == person_index]
        person.first = min(firsts + [person.first])
    ranked = sorted(range(len(persons)), key=lambda i: persons[i].first)
    remap = {old: new for new, old in enumerate(ranked)}
    persons = [persons[i] for i in ranked]
    mentions = [PersonMention(remap[m.person], m.start, m.end) for m in mentions]
    return persons, mentions


def _singular(post: str) -> str:
    words = post.split()
    for i, word in enumerate(words):
        if word.lower().endswith("s") and len(word) > 3 and word.lower() not in ("affairs", "forces"):
            words[i] = word[:-1]
            break
    return " ".join(words)


def _sentence_lookup(doc: Doc, sentences: list[Sentence]) -> list[int]:
    table = [-1] * len(doc)
    for s in sentences:
        for i in range(s.span.start, s.span.end):
            table[i] = s.index
    return table


def _same_sentence(sentence_of: list[int], a: int, b: int) -> bool:
    return 0 <= a < len(sentence_of) and 0 <= b < len(sentence_of) and sentence_of[a] == sentence_of[b]


def _dateline_state(doc: Doc, index: TokenIndex, lex: Lexicon) -> str | None:
    """The state whose capital the dateline names ("WASHINGTON (AP) --"): officials an agency
    names without a nationality are, last of all, taken to be that state's."""
    dateline = doc.user_data.get("dateline_place")
    if not dateline:
        return None
    matches = [s.iso3 for s in lex.states.values() if any(c.lower() == dateline.lower() for c in s.capitals)]
    return matches[0] if len(matches) == 1 else None


def _actor_states(index: TokenIndex) -> list:
    return [m for m in index.mentions.get("state", []) if not is_venue(index, m)]


def _state_from_context(
    doc: Doc, index: TokenIndex, sentences: list[Sentence], sentence_of: list[int], token: int
) -> str | None:
    """For a title with no state: the sentence's subject if it is a state ("The Philippines has ...
    since the election of President X"), else the nearest state named shortly before the title."""
    s = sentence_of[token]
    if s < 0:
        return None
    sentence = sentences[s]
    actors = [m for m in _actor_states(index) if sentence.span.start <= m.start < token]
    if not actors:
        return None
    first = actors[0]
    lead = [t for t in doc[sentence.span.start : first.start] if t.lower_ != "the"]
    # the sentence's subject is the state itself ("The Philippines has ..."), not an adjective of
    # another official ("U.S. President Obama ... sparring with President Castro"), and no other
    # title stands between it and this one (a list of officials of several states)
    titled_between = any(_singular_title(doc, index, i) for i in range(first.end, token))
    if not lead and not titled_between:
        return first.value
    near = [
        m
        for m in actors
        if token - m.end <= NEAR_STATE_WINDOW
        and not any(_singular_title(doc, index, i) for i in range(m.end, token))
    ]
    return near[-1].value if near else None


def _singular_title(doc: Doc, index: TokenIndex, i: int) -> bool:
    """A title that can name one official ("Prime Minister", not "leaders")."""
    title = index.get("title", i)
    return title is not None and not doc[title.end - 1].lower_.endswith("s")


def _state_of_previous_sentence(
    index: TokenIndex, sentences: list[Sentence], sentence_of: list[int], token: int
) -> str | None:
    s = sentence_of[token]
    if s <= 0:
        return None
    prev = sentences[s - 1]
    states = {m.value for m in _actor_states(index) if prev.span.start <= m.start < prev.span.end}
    return states.pop() if len(states) == 1 else None


def resolve_mentions(
    doc: Doc, names: list[NameSpan], persons: list[Person], lex: Lexicon, index: TokenIndex
) -> list[PersonMention]:
    """Every name span (or single name word) that is a person's name or part of it."""
    variants: dict[str, list[int]] = {}
    particles = set(lex.word_lists["name-particles"])
    for i, person in enumerate(persons):
        tokens = [t for t in norm_name(person.name).split() if t not in particles]
        forms = {" ".join(tokens), norm_name(person.name)}  # with and without "bin", "al", "van"
        for a in range(len(tokens)):
            for b in range(a + 1, len(tokens) + 1):
                part = tokens[a:b]
                if len(part) == 1 and (len(part[0]) < 2 or part[0] in ("jr", "jnr", "sr")):
                    continue
                forms.add(" ".join(part))
        # hyphenated surnames are also mentioned by their first part ("Kosiniak-Kamysz")
        for form in forms:
            variants.setdefault(form, []).append(i)
    mentions: list[PersonMention] = []
    covered: set[int] = set()
    for span in names:
        key = norm_name(_clean_name(doc, span, lex))
        candidates = variants.get(key)
        if candidates:
            mentions.append(PersonMention(_closest(persons, candidates, span.start), span.start, span.end))
            covered.update(range(span.start, span.end))
    return sorted(mentions, key=lambda m: m.start)


def _closest(persons: list[Person], candidates: list[int], token: int) -> int:
    before = [c for c in candidates if persons[c].first <= token]
    pool = before or candidates
    return max(pool, key=lambda c: persons[c].first)
