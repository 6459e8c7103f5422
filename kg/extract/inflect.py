"""The surface forms of a lemma, so that the phrase matchers find "expelled" for the frame "expel"
without a lemmatizer running on every sentence.

Regular English inflection, plus the irregular forms of spaCy's English lemmatizer tables (the
`lemma_exc` lookups shipped with the English model), read backwards: "met" for "meet", "struck"
for "strike". A wrong extra form ("expeled") costs nothing: it never occurs in text.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

VOWELS = set("aeiou")


def _third_person(word: str) -> set[str]:
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        return {word + "es"}
    if len(word) > 1 and word.endswith("y") and word[-2] not in VOWELS:
        return {word[:-1] + "ies"}
    return {word + "s"}


def _doubled(word: str) -> str | None:
    """expel -> expell, ship -> shipp: a final consonant after one vowel may double."""
    single_vowel = len(word) >= 3 and word[-2] in VOWELS and word[-3] not in VOWELS
    return word + word[-1] if single_vowel and word[-1] not in VOWELS | {"w", "x", "y"} else None


def _past_and_gerund(word: str) -> set[str]:
    forms: set[str] = set()
    if word.endswith("ie"):
        forms |= {word + "d", word[:-2] + "ying"}
    elif word.endswith("ee"):
        forms |= {word + "d", word + "ing"}
    elif word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    elif len(word) > 1 and word.endswith("y") and word[-2] not in VOWELS:
        forms |= {word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        doubled = _doubled(word)
        if doubled:
            forms |= {doubled + "ed", doubled + "ing"}
    return forms


def _plural(word: str) -> set[str]:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return {word + "es"}
    if len(word) > 1 and word.endswith("y") and word[-2] not in VOWELS:
        return {word[:-1] + "ies"}
    if word.endswith("man"):
        return {word[:-3] + "men"}
    return {word + "s"}


@cache
def _irregular() -> dict[str, dict[str, set[str]]]:
    """pos -> lemma -> irregular forms, from the English model's lemmatizer exceptions (if installed)."""
    table: dict[str, dict[str, set[str]]] = {"verb": defaultdict(set), "noun": defaultdict(set)}
    try:
        from kg.extract.parse import model_lookups

        lookups = model_lookups()
    except Exception:  # noqa: BLE001 - without the model only regular forms are generated
        return table
    if lookups is None or not lookups.has_table("lemma_exc"):
        return table
    exceptions = lookups.get_table("lemma_exc")
    for pos in ("verb", "noun"):
        for form, lemmas in exceptions.get(pos, {}).items():
            for lemma in lemmas:
                table[pos][lemma].add(form)
    return table


def word_forms(word: str, pos: str) -> set[str]:
    word = word.lower()
    forms = {word}
    if pos == "verb":
        forms |= _third_person(word) | _past_and_gerund(word)
    elif pos == "noun":
        forms |= _plural(word)
    forms |= _irregular().get(pos, {}).get(word, set())
    return forms


def phrase_forms(phrase: str, pos: str) -> set[str]:
    """Forms of a phrase: a verb phrase inflects its first word ("shot down"), a noun phrase its
    last ("phone calls"); hyphenated words inflect their last part ("build-ups")."""
    words = phrase.lower().split()
    if not words:
        return set()
    at = 0 if pos == "verb" else len(words) - 1
    head = words[at]
    prefix = ""
    if "-" in head and pos != "verb":
        prefix, _, head = head.rpartition("-")
        prefix += "-"
    return {" ".join(words[:at] + [prefix + form] + words[at + 1 :]) for form in word_forms(head, pos)}


def lemma_table(lemmas: list[str], pos: str) -> dict[str, str]:
    """form -> lemma for a list of lemmas (to read a governing verb's lemma off its surface form)."""
    out: dict[str, str] = {}
    for lemma in lemmas:
        for form in phrase_forms(lemma, pos):
            out.setdefault(form, lemma)
    return out
