"""Characterisations: one state describing another with a phrase headed by a word of the
characterisation scheme ("strategic reliable partner", "trusted ally", "regional rival").

Direction comes from the phrase's frame: "X's ally Y" and "its rival Y" (X holds it), "the close
partner of X" (X holds it, the described state stands before), "Y is our partner" (the speaker's
state holds it), "ties with Y" and "between X and Y", and "the two countries are partners"
(both ways). Without both ends, nothing is reported.
"""

from __future__ import annotations

import re

from kg.extract.actors import ActorFinder
from kg.extract.context import Context
from kg.extract.cooperation import pairs_in
from kg.extract.mentions import Mention
from kg.extract.text import Sentence
from kg.facts import Characterisation

STOP = {
    "a",
    "an",
    "the",
    "our",
    "its",
    "their",
    "his",
    "her",
    "my",
    "of",
    "and",
    "or",
    ",",
    "is",
    "are",
    "was",
    "were",
    "as",
    "with",
    "to",
    "for",
    "by",
    "be",
    "been",
    "has",
    "have",
    "two",
    "both",
    "such",
    "that",
    "which",
}
FIRST_PERSON = {"our", "we", "my", "us"}
THIRD_PERSON = {"its", "their", "his", "her"}
MAX_LABEL_WORDS = 4


def find_relations(ctx: Context) -> list[Characterisation]:
    found: list[Characterisation] = []
    speaker_state = ctx.quote_speaker_state
    finder = ActorFinder(ctx, ctx.syntax) if ctx.syntax is not None else None
    for sentence in ctx.sentences:
        for head in ctx.mentions_in("char", sentence):
            frames = []
            if finder is not None and sentence.index in finder.syntax.sentences:
                frames = list(_parsed_frames(ctx, finder, sentence, head))
            if not frames:
                frames = list(_frames(ctx, sentence, head, speaker_state.get(sentence.index)))
            for source, target, label in frames:
                if source == target:
                    continue
                words = set(label.lower().split())
                if any(
                    r.source == source
                    and r.target == target
                    and (words <= set(r.label.lower().split()) or set(r.label.lower().split()) <= words)
                    for r in found
                ):
                    continue  # the same characterisation again, or a shorter form of it
                # the speaker, when the words are a quoted official's of the state that voices them
                quoted = speaker_state.get(sentence.index) == source
                speaker = ctx.quote_speaker.get(sentence.index) if quoted else None
                found.append(
                    Characterisation(source, target, label, head.value, speaker, [ctx.evidence(sentence)])
                )
    return found


def _parsed_frames(ctx: Context, finder: ActorFinder, sentence: Sentence, head: Mention):
    """The frames on the parse: the described state is what the head noun is said of (an apposition:
    "China, Brazil's largest trading partner"; a copula's subject: "Myanmar is our partner"; the
    object of "called Y a Z" or "sees Y as Z"), the holder is the noun's owner ("Brazil's", "our",
    "of the United States", "its" = the subject), else the subject of "called" or "sees"; a plural
    label with no holder is mutual ("India and Pakistan, long-time rivals")."""
    syntax = finder.syntax
    h = head.end - 1
    label, _ = _label(ctx, sentence, head)
    described: list[int] = []
    holders = [a.state for a in finder.owners(h, sentence)]
    dep, governor = syntax.dep(h), syntax.head(h)
    if dep == "appos":
        described = [governor]
    elif syntax.children(h, "appos"):
        described = syntax.children(h, "appos")  # "US allies Seoul and Tokyo"
    elif (
        dep == "pobj"
        and ctx.lower[governor] == "of"
        and syntax.dep(syntax.head(governor)) in ("attr", "appos")
    ):
        one = syntax.head(governor)  # "France is one of India's most trusted partners"
        described = (
            syntax.children(syntax.head(one), "nsubj") if syntax.dep(one) == "attr" else [syntax.head(one)]
        )
    elif dep == "attr":
        described = syntax.children(governor, "nsubj")
    elif dep == "oprd" or (dep == "pobj" and ctx.lower[governor] == "as"):
        verb = governor if dep == "oprd" else syntax.head(governor)
        described = syntax.children(verb, "dobj")
        if not holders:
            holders = [
                a.state
                for t in syntax.children(verb, "nsubj")
                for a in finder.actors(t, sentence)
                if a.direct
            ]
    if not described:
        return
    targets = list(dict.fromkeys(a.state for t in described for a in finder.actors(t, sentence) if a.direct))
    holders = list(dict.fromkeys(holders))
    plural = ctx.lower[h].endswith("s") and head.value != "ties"
    if not holders and plural and len(targets) >= 2:
        for a in targets:
            for b in targets:
                if a != b:
                    yield a, b, label
        return
    for holder in holders:
        for target in targets:
            if holder != target:
                yield holder, target, label


def _label(ctx: Context, sentence: Sentence, head: Mention) -> tuple[str, int]:
    doc = ctx.doc
    stop = STOP | set(ctx.lex.word_lists["label-stop-words"])
    i = head.start
    while i > sentence.span.start and head.start - i < MAX_LABEL_WORDS:
        tok = doc[i - 1]
        if (
            tok.text == "-"
            and i - 2 > sentence.span.start
            and not doc[i - 2].whitespace_
            and not tok.whitespace_
        ):
            i -= 2  # "military-to-military", "long-standing"
            continue
        if tok.lower_ in stop or not tok.is_alpha or ctx.index.get("state", i - 1):
            break
        i -= 1
    while i < head.start and doc[i].text == "-":
        i += 1
    head_text = doc[head.start : head.end].text
    singular = head_text[:-1] if head_text.lower().endswith("s") else head_text
    if head_text.lower() != singular.lower() and singular.lower() in _triggers(ctx):
        head_text = singular  # "strategic partners" -> "strategic partner"
    words = (doc[i : head.start].text + " " + head_text).strip()
    # "enemies since Iran's 1979 Islamic revolution" keeps its date: "enemies since 1979"
    tail = doc[head.end : min(head.end + 5, sentence.span.end)].text
    since = re.match(r"\s*since\b.*?\b(1[89]\d\d|20\d\d)\b", tail)
    if since:
        words += f" since {since.group(1)}"
    return words, i


def _triggers(ctx: Context) -> set[str]:
    return {t for c in ctx.lex.characterisation_kinds.values() for t in c.triggers}


def _frames(ctx: Context, sentence: Sentence, head: Mention, speaker_state: str | None):
    doc = ctx.doc
    label, label_start = _label(ctx, sentence, head)
    states = [m for m in ctx.states_in(sentence)]
    before = [m for m in states if m.end <= label_start]
    head_end = head.end
    # skip an abbreviation in brackets: "Major Defense Partner (MDP) of the United States"
    if head_end + 2 < sentence.span.end and doc[head_end].text == "(" and doc[head_end + 2].text == ")":
        head_end += 3
    after = [m for m in states if m.start >= head_end]
    prev_word = doc[label_start - 1].lower_ if label_start > sentence.span.start else ""
    next_word = doc[head_end].lower_ if head_end < sentence.span.end else ""
    plural = doc[head.end - 1].lower_.endswith("s") and head.value != "ties"
    # "X's trusted ally Y" / "US allies Seoul and Tokyo"
    if before and before[-1].end in (label_start, label_start - 1) and (label_start - before[-1].end <= 1):
        source = before[-1].value
        targets = [m.value for m in after if m.start - head.end <= 5]
        for t in targets:
            yield source, t, label
        if targets:
            return
    # "the close partner of X": X holds it; the described state is named before
    if next_word == "of" and after and after[0].start <= head_end + 2:
        source = after[0].value
        target = next((m.value for m in reversed(before) if m.value != source), None)
        if target:
            yield source, target, label
        return
    # "between A and B"
    if next_word == "between" and len(after) >= 2:
        yield after[0].value, after[1].value, label
        return
    # "its regional rival Y", "their ... ties with Y"
    if prev_word in THIRD_PERSON and after and after[0].start - head_end <= 2:
        target = after[0].value
        source = next((m.value for m in reversed(before) if m.value != target), None)
        if source:
            yield source, target, label
            return
    # "X regards Y as an ironclad friend", "Erdogan called Kazakhstan a brotherly nation"
    if prev_word in ("as", "a", "an") and before and before[-1].end >= label_start - 3:
        target = before[-1].value
        actors = [(m.start, m.value) for m in before[:-1]]
        actors += [
            (pm.start, ctx.persons[pm.person].state)
            for pm in ctx.persons_in(sentence)
            if pm.start < before[-1].start
        ]
        actors = [a for a in actors if a[1] and a[1] != target]
        verb_gap = {t.lower_ for t in doc[before[-1].end : label_start]} - {"as", "a", "an"}
        if actors and not verb_gap and not plural:
            yield max(actors)[1], target, label
            return
    # "Belarus and China are all-weather strategic partners", "... are good neighbors and strategic
    # partners": both ways
    copula = {t.lower_ for t in doc[before[-1].end : label_start]} if before else set()
    if (
        plural
        and copula & {"are", "were", "remain"}
        and len(before) >= 2
        and label_start - before[-1].end <= 8
    ):
        a, b = before[-2], before[-1]
        if {t.lower_ for t in doc[a.end : b.start]} <= {"and"} and a.value != b.value:
            yield a.value, b.value, label
            yield b.value, a.value, label
            return
    # "the two countries share a strategic partnership": both ways
    if (
        prev_word in ("a", "an")
        and doc[label_start - 2].lower_ in ("share", "shares")
        and ctx.words_in("pair-phrases", sentence)
    ):
        for a, b in pairs_in(ctx, sentence)[:1]:
            yield a, b, label
            yield b, a, label
        return
    # "Y is our partner", "we are building ... with a trusted ally" said by an official of the speaker's state
    window = {t.lower_ for t in doc[sentence.span.start : label_start]}
    one_of = {"one", "of"} <= window  # "France is one of our most trusted partners" names one partner
    if window & FIRST_PERSON and speaker_state and (not plural or one_of) and head.value != "ties":
        target = next((m.value for m in states if m.value != speaker_state), None)
        if target is None:
            pair = ctx.main_pair()
            target = next((s for s in pair if s != speaker_state), None) if speaker_state in pair else None
        if target:
            yield speaker_state, target, label
        return
    # "forged deeper ties with Y"
    if next_word in ("with", "to") and after and after[0].start <= head_end + 2:
        target = after[0].value
        source = next((m.value for m in reversed(before) if m.value != target), None)
        if source:
            yield source, target, label
        return
    # "their two countries are strategic partners", "both countries, enemies since 1979": both ways
    if plural and len(label.split()) > 1 and ctx.words_in("pair-phrases", sentence):
        for a, b in pairs_in(ctx, sentence)[:1]:
            yield a, b, label
            yield b, a, label
