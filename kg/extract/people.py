"""Officials: person names recognised by shape, tied to title phrases built from the lexicon.

Patterns (tokens, not regexes): TITLE NAME ("Deputy Defense Minister Alexander Fomin"),
TITLE, NAME ("the Chief of the General Staff of Myanmar's Armed Forces, Maung Maung Aye"),
NAME, TITLE ("Wang Yi, China's foreign minister"), plural TITLE of A and B NAME and NAME
("Presidents of Belarus and Russia Alexander Lukashenko and Vladimir Putin") and counterparts
("his Chinese counterpart Wei Fenghe"). Later mentions by part of the name resolve to the person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.extract.mentions import POSSESSIVE_TOKENS, Mention
from kg.lexicon import Lexicon

SKIPPABLE = {"*", "**", "_", "__"}
COMPLEMENT_WORDS = {"of", "the", "to", "for", "and"}


@dataclass
class TitlePhrase:
    start: int
    end: int  # exclusive; includes complement
    post_start: int  # first token of the post text (after any state adjective)
    role: str
    state: str | None
    body_kind: str | None
    plural: bool = False
    complement_states: list[str] = field(default_factory=list)  # states after "of"
    head_end: int = 0  # end of the title's head, before any "of"/"to" complement
    international: bool = (
        False  # a post at an international body ("U.N. Ambassador", "NATO Secretary General")
    )


@dataclass
class PersonMention:
    person: int  # index into Extraction.officials
    start: int
    end: int


@dataclass
class NameSpan:
    start: int
    end: int
    text: str


class TokenIndex:
    """For each token, which mention of each category covers it."""

    def __init__(self, doc: Doc, mentions: dict[str, list[Mention]]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.at: dict[str, dict[int, Mention]] = {}
        for category, items in mentions.items():
            table: dict[int, Mention] = {}
            for m in items:
                for i in range(m.start, m.end):
                    table[i] = m
            self.at[category] = table

    def get(self, category: str, i: int) -> Mention | None:
        return self.at.get(category, {}).get(i)

    def starting(self, category: str, i: int) -> Mention | None:
        m = self.get(category, i)
        return m if m and m.start == i else None

    def ending(self, category: str, i_end: int) -> Mention | None:
        m = self.get(category, i_end - 1)
        return m if m and m.end == i_end else None


def is_name_word(token, index: TokenIndex, lex: Lexicon) -> bool:
    return _name_word(token.text, token.i, index, _name_stop_words(lex))


def _name_stop_words(lex: Lexicon) -> frozenset[str]:
    return frozenset(lex.word_lists["non-name-words"]) | frozenset(lex.word_lists["honorifics"])


NAME_BLOCKERS = ("state", "body", "title", "modifier", "domain", "event")


def _name_word(text: str, i: int, index: TokenIndex, stop: frozenset[str]) -> bool:
    if not text[:1].isupper() or text in stop:
        return False
    if text.isupper() and len(text) > 1 and not text.endswith("."):
        return False  # acronyms and datelines, not names
    if len(text) == 2 and text.endswith("."):
        return True  # an initial: "R."
    if not text.replace("'", "").replace("’", "").replace(".", "").isalpha():
        return False
    return not any(i in index.at.get(category, ()) for category in NAME_BLOCKERS)


def name_spans(doc: Doc, index: TokenIndex, lex: Lexicon) -> list[NameSpan]:
    """Runs of capitalised name words, with hyphens, initials, particles and suffixes."""
    particles = set(lex.word_lists["name-particles"])
    suffixes = set(lex.word_lists["name-suffixes"])
    stop = _name_stop_words(lex)
    texts = [t.text for t in doc]
    spaced = [bool(t.whitespace_) for t in doc]
    name = [_name_word(text, i, index, stop) for i, text in enumerate(texts)]
    spans: list[NameSpan] = []
    i = 0
    n = len(texts)
    while i < n:
        if not name[i] or (len(texts[i]) == 2 and texts[i].endswith(".")):
            i += 1
            continue
        j = i + 1
        while j < n:
            if (
                texts[j] == "-"
                and not spaced[j - 1]
                and j + 1 < n
                and not spaced[j]
                and texts[j + 1].isalpha()
            ):
                j += 2  # Jong-sup, Kosiniak-Kamysz
                continue
            if not spaced[j - 1] and texts[j - 1] != "-":
                break
            if name[j]:
                j += 1
            elif texts[j].lower() in particles and j + 1 < n and name[j + 1]:
                j += 2
            elif (
                texts[j].lower() in particles
                and j + 2 < n
                and texts[j + 1] == "-"
                and not spaced[j]
                and not spaced[j + 1]
                and name[j + 2]
            ):
                j += 3  # "al-Zayani", "bin-Salman"
            elif texts[j] in suffixes:
                j += 1
                break
            else:
                break
        spans.append(NameSpan(i, j, doc[i:j].text))
        i = j
    return spans


def title_phrases(doc: Doc, index: TokenIndex, lex: Lexicon) -> list[TitlePhrase]:
    phrases: list[TitlePhrase] = []
    for head in index.mentions.get("title", []):
        start = head.start
        state: str | None = None
        body_kind: str | None = None
        post_start = head.start
        international = False
        # left: modifiers, domain words, bodies, states (adjective, possessive, metonym)
        i = head.start - 1
        while i >= 0:
            tok = doc[i]
            body = index.get("international-bodies", i)
            if body is not None:  # "Britain's U.N. Ambassador": the post is at the U.N., the holder Britain's
                international = True
                start = post_start = body.start
                i = body.start - 1
                continue
            if tok.text in POSSESSIVE_TOKENS and index.get("state", i - 1):
                m = index.get("state", i - 1)
                state = m.value
                start = m.start
                i = m.start - 1
                break
            s = index.get("state", i)
            if s is not None and s.form in ("metonym", "region"):
                # "Pentagon spokesman", "IRGC Rear Admiral", "Hong Kong leader": the body names the state
                state = s.value
                body_kind = body_kind or _body_of(index, s)
                start = post_start = s.start
                i = s.start - 1
                continue
            m = (
                index.get("modifier", i)
                or index.get("domain", i)
                or index.get("body", i)
                or index.get("title", i)
            )
            if m is not None:
                if m.category == "body":
                    body_kind = m.value
                if m.category == "domain" and body_kind is None:
                    body_kind = m.value
                start = post_start = m.start
                i = m.start - 1
                continue
            if s is not None and s.form in ("demonym", "name"):
                state = s.value
                start = s.start
                i = s.start - 1
                continue
            break
        # right: "of"/"to" complements made of lexicon words
        end = head.end
        complement_states: list[str] = []
        j = head.end
        if j < len(doc) and doc[j].lower_ in ("of", "to") and not _starts_name(doc, j + 1, index, lex):
            prep = doc[j].lower_
            k = j + 1
            last_good = head.end
            seen: list[str] = []
            while k < len(doc):
                tok = doc[k]
                m = (
                    index.get("state", k)
                    or index.get("body", k)
                    or index.get("domain", k)
                    or index.get("title", k)
                    or index.get("modifier", k)
                )
                if m is not None:
                    if m.category == "state":
                        seen.append(m.value)
                    elif m.category in ("body", "domain") and body_kind is None:
                        body_kind = m.value
                    k = m.end
                    if k < len(doc) and doc[k].text in POSSESSIVE_TOKENS:
                        k += 1
                    last_good = k
                    continue
                if tok.lower_ in COMPLEMENT_WORDS:
                    k += 1
                    continue
                break
            if last_good > head.end:
                end = last_good
                if prep == "of":
                    complement_states = seen
        plural = (
            doc[head.end - 1].lower_.endswith("s")
            and head.value != "counterpart"
            and len(complement_states) >= 2
        )
        if state is None and complement_states and not plural:
            state = complement_states[-1] if len(complement_states) == 1 else complement_states[0]
        phrases.append(
            TitlePhrase(
                start,
                end,
                post_start,
                head.value,
                state,
                body_kind,
                plural,
                complement_states,
                head.end,
                international,
            )
        )
    return phrases


def _body_of(index: TokenIndex, state_mention: Mention) -> str | None:
    m = index.get("body", state_mention.start)
    return m.value if m else None


def _starts_name(doc: Doc, i: int, index: TokenIndex, lex: Lexicon) -> bool:
    return i < len(doc) and is_name_word(doc[i], index, lex) and index.get("state", i) is None


def post_text(doc: Doc, phrase: TitlePhrase) -> str:
    text = doc[phrase.post_start : phrase.end].text
    return text.strip(" ,*")


def post_key(doc: Doc, phrase: TitlePhrase, index: TokenIndex) -> str:
    """The post without states and modifiers, to tell that two titles name the same post:
    "Minister of External Affairs of India" and "Minister of External Affairs"."""
    words = []
    for i in range(phrase.post_start, phrase.end):
        if index.get("state", i) or index.get("modifier", i) or doc[i].text in POSSESSIVE_TOKENS:
            continue
        words.append(doc[i].lower_)
    while words and words[-1] in ("of", "the", "to", "and"):
        words.pop()
    return " ".join(words)
