"""Which state mentions are actors and which are only venues ("in Laos", "to Hanoi")."""

from __future__ import annotations

from kg.article import Article
from kg.extract.mentions import Mention
from kg.extract.people import TokenIndex
from kg.lexicon import Lexicon

VENUE_BEFORE = {"in", "at", "near", "inside", "outside"}
CAPITAL_VENUE_BEFORE = VENUE_BEFORE | {"to", "from", "via", "into", "of"}


def in_dateline(article: Article, index: TokenIndex, m: Mention) -> bool:
    if not article.dateline:
        return False
    offset = article.body_start
    return index.doc[m.start].idx + offset < article.dateline.end


def is_not_state(index: TokenIndex, m: Mention, org_suffixes: set[str], region_prefixes: set[str]) -> bool:
    """A state's name inside another name or amount: "Australia Group", "Indian Ocean", "US$4 billion"."""
    doc = index.doc
    if m.end >= len(doc):
        return False
    nxt = doc[m.end]
    if not doc[m.end - 1].whitespace_ and nxt.text[:1] in "$€£0123456789":
        return True
    if m.form == "name" and m.start > 0 and doc[m.start - 1].text in region_prefixes:
        return True  # "Latin America", "North America"
    return m.form in ("name", "demonym") and nxt.text in org_suffixes and bool(doc[m.end - 1].whitespace_)


def is_venue(index: TokenIndex, m: Mention) -> bool:
    """A state named only as where something happened, not as an actor."""
    doc = index.doc
    if m.end < len(doc) and doc[m.end].text in ("'s", "’s", "'", "’"):
        return False
    if m.form == "demonym":
        return False
    before = m.start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    if before < 0:
        return False
    word = doc[before].lower_
    if m.form == "capital":
        return word in CAPITAL_VENUE_BEFORE
    # "the city of Guangzhou", "stops in Vietnam, Japan and Mongolia": a list after "in" is venues too
    if word in VENUE_BEFORE:
        return True
    if word in (",", "and"):
        k = before
        while k >= 0 and (doc[k].text in (",", "and", "the") or index.get("state", k)):
            k -= 1
        if k >= 0 and doc[k].lower_ in VENUE_BEFORE:
            return True
        # "at Danang, Vietnam": a city then its state
        return word == "," and k >= 1 and doc[k].text[:1].isupper() and doc[k - 1].lower_ in VENUE_BEFORE
    return False


def state_mentions(article: Article, index: TokenIndex, lex: Lexicon) -> list[Mention]:
    """State mentions that really name a state (outside the dateline, not inside another name)."""
    suffixes, prefixes = set(lex.word_lists["org-suffixes"]), set(lex.word_lists["region-prefixes"])
    return [
        m
        for m in index.mentions.get("state", [])
        if not in_dateline(article, index, m) and not is_not_state(index, m, suffixes, prefixes)
    ]


def actor_mentions(index: TokenIndex) -> list[Mention]:
    return [m for m in index.mentions.get("state", []) if not is_venue(index, m)]
