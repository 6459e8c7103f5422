"""Which state mentions are actors and which are only venues ("in Laos", "to Hanoi")."""

from __future__ import annotations

from kg.article import Article
from kg.extract.mentions import Mention
from kg.extract.people import TokenIndex

VENUE_BEFORE = {"in", "at", "near", "inside", "outside"}
CAPITAL_VENUE_BEFORE = VENUE_BEFORE | {"to", "from", "via", "into", "of"}


def in_dateline(article: Article, index: TokenIndex, m: Mention) -> bool:
    if not article.dateline:
        return False
    offset = article.body_start
    return index.doc[m.start].idx + offset < article.dateline.end


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
        while k >= 0 and doc[k].text in (",", "and", "the") or (k >= 0 and index.get("state", k)):
            k -= 1
        return k >= 0 and doc[k].lower_ in VENUE_BEFORE
    return False


def actor_mentions(article: Article, index: TokenIndex) -> list[Mention]:
    return [
        m
        for m in index.mentions.get("state", [])
        if not in_dateline(article, index, m) and not is_venue(index, m)
    ]
