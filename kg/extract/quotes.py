"""Quotations (words in quotation marks) and reported statements, with their speakers.

A quote that runs over several paragraphs (each opening with a quotation mark, only the last
closing) is one quotation. The speaker is found around the nearest speech verb outside the quote:
a person (by name or by "he"/"she", which means the last speaker), a nominal ("the ambassador"),
a government body ("the Russian Defense Ministry") or a state ("Moscow said"). A quote with no
attribution of its own continues the last speaker's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.context import Context
from kg.extract.mentions import Mention
from kg.extract.text import Sentence
from kg.facts import Evidence, Quotation

OPEN = '“"'
CLOSE = '”"'
PRONOUNS = {"he", "she", "they"}
SPEAKER_WINDOW = 12  # tokens around a speech verb where its speaker may stand


@dataclass
class Speaker:
    name: str
    kind: str  # person, body, state
    state: str | None
    person: int | None = None
    body_kind: str | None = None


def quote_spans(body: str) -> list[tuple[int, int]]:
    """[start, end) character spans (inside the marks) of quotations in the body."""
    spans: list[tuple[int, int]] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", body)]
    open_at: int | None = None
    for p_start, p_end in paragraphs:
        i = p_start
        if open_at is not None and body[p_start] not in OPEN:
            spans.append((open_at, _rstrip(body, p_start)))  # the quote never closed: end it at its paragraph
            open_at = None
        elif open_at is not None:
            i = p_start + 1  # continuation paragraph opens with a mark
        while i < p_end:
            ch = body[i]
            if open_at is None and ch in OPEN and (ch == "“" or _opens(body, i)):
                open_at = i + 1
            elif open_at is not None and ch in CLOSE and (ch == "”" or _closes(body, i)):
                if i > open_at:
                    spans.append((open_at, i))
                open_at = None
            i += 1
    if open_at is not None:
        spans.append((open_at, _rstrip(body, len(body))))
    return spans


def _opens(body: str, i: int) -> bool:
    return (i == 0 or not body[i - 1].isalnum()) and i + 1 < len(body) and not body[i + 1].isspace()


def _closes(body: str, i: int) -> bool:
    return i > 0 and not body[i - 1].isspace()


def _rstrip(body: str, end: int) -> int:
    while end > 0 and body[end - 1] in " \n\t":
        end -= 1
    return end


class SpeakerFinder:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.last_person: int | None = None
        self.verbs = ctx.index.mentions.get("speech-verbs", [])

    def speaker_near(self, verb: Mention, lo: int, hi: int, skip: range | None = None) -> Speaker | None:
        """The speaker of a speech verb: the nearest candidate around it within [lo, hi)."""
        ctx = self.ctx
        candidates: list[tuple[int, Speaker]] = []
        for pm in ctx.person_mentions:
            if lo <= pm.start < hi and not (skip and pm.start in skip):
                p = ctx.persons[pm.person]
                candidates.append(
                    (self._distance(verb, pm.start, pm.end), Speaker(p.name, "person", p.state, pm.person))
                )
        for i in range(max(lo, verb.start - 3), min(hi, verb.end + 2)):
            tok = ctx.doc[i]
            if tok.lower_ in PRONOUNS and (skip is None or i not in skip) and self.last_person is not None:
                p = ctx.persons[self.last_person]
                candidates.append(
                    (self._distance(verb, i, i + 1), Speaker(p.name, "person", p.state, self.last_person))
                )
        for title in ctx.index.mentions.get("title", []):
            if (
                lo <= title.start < hi
                and not (skip and title.start in skip)
                and not ctx.doc[title.end - 1].lower_.endswith(
                    "s"
                )  # "the two leaders" is nobody in particular
                and not self._titled_person(title)
            ):
                person = self._person_by_role(title.value, title.start)
                if person is not None:
                    p = ctx.persons[person]
                    candidates.append(
                        (
                            self._distance(verb, title.start, title.end),
                            Speaker(p.name, "person", p.state, person),
                        )
                    )
        for body in ctx.index.mentions.get("body", []):
            if lo <= body.start < hi and not (skip and body.start in skip):
                state = self._state_before(body.start)
                if state:
                    label = ctx.body_label(body.value) or body.value
                    candidates.append(
                        (
                            self._distance(verb, body.start, body.end) + 1,
                            Speaker(label, "body", state, body_kind=body.value),
                        )
                    )
        for m in ctx.actor_states:
            if (
                lo <= m.start < hi
                and not (skip and m.start in skip)
                and not ctx.is_possessive(m)
                and m.form != "demonym"
            ):
                name = ctx.lex.states[m.value].name
                candidates.append((self._distance(verb, m.start, m.end) + 2, Speaker(name, "state", m.value)))
        candidates = [c for c in candidates if c[0] <= SPEAKER_WINDOW]
        if not candidates:
            return None
        return min(candidates, key=lambda c: c[0])[1]

    def _distance(self, verb: Mention, start: int, end: int) -> int:
        if end <= verb.start:
            return verb.start - end
        if start >= verb.end:
            return (
                start
                - verb.end
                + (0 if self.ctx.doc[verb.start].lower_ in ("according", "said", "says") else 3)
            )
        return 99

    def _titled_person(self, title: Mention) -> bool:
        # "Deputy Defense Minister Alexander Fomin": the title belongs to a named person right after it
        return any(0 <= pm.start - title.end <= 3 for pm in self.ctx.person_mentions)

    def _person_by_role(self, role: str, before: int) -> int | None:
        best = None
        for pm in self.ctx.person_mentions:
            if pm.start < before and self.ctx.persons[pm.person].role == role:
                best = pm.person
        return best

    def _state_before(self, token: int) -> str | None:
        ctx = self.ctx
        metonym = ctx.index.get("state", token)  # "the State Department": the body names its state
        if metonym is not None and metonym.form == "metonym":
            return metonym.value
        for m in ctx.index.mentions.get("state", []):
            if m.end <= token and token - m.end <= 3:
                return m.value
        return None


def find_quotations(ctx: Context) -> list[Quotation]:
    body = ctx.article.body
    offset = ctx.article.body_start
    finder = SpeakerFinder(ctx)
    spans = quote_spans(body)
    quotes: list[Quotation] = []
    quote_tokens: list[range] = []
    for qs, qe in spans:
        first = _token_at(ctx, qs)
        last = _token_at(ctx, qe - 1)
        if first is None or last is None:
            continue
        quote_tokens.append(range(first, last + 1))
    in_quote = set()
    for r in quote_tokens:
        in_quote.update(r)
    events: list[tuple[int, str, object]] = [
        (r.start, "quote", (r, span)) for r, span in zip(quote_tokens, spans, strict=False)
    ]
    for verb in finder.verbs:
        if verb.start not in in_quote:
            events.append((verb.start, "verb", verb))
    events.sort(key=lambda e: (e[0], e[1]))
    attributed_verbs: set[int] = set()
    # first pass: quotes with their attribution
    for _, what, item in events:
        if what == "verb":
            verb = item
            if verb.start in attributed_verbs:
                continue
            sentence = ctx.sentences[ctx.sentence_of[verb.start]]
            if any(r.start >= sentence.span.start and r.start < sentence.span.end for r in quote_tokens):
                continue  # handled with its quote
            speaker = finder.speaker_near(verb, sentence.span.start, sentence.span.end)
            if speaker is None:
                continue
            text = _reported_text(ctx, sentence, verb)
            if speaker.person is not None:
                finder.last_person = speaker.person
            if text:
                quotes.append(
                    Quotation(
                        text,
                        speaker.name,
                        speaker.kind,
                        speaker.state,
                        False,
                        [ctx.evidence(sentence)],
                        speaker.body_kind,
                    )
                )
            continue
        rng, (qs, qe) = item
        first_sentence = ctx.sentences[ctx.sentence_of[rng.start]]
        last_sentence = ctx.sentences[ctx.sentence_of[rng.stop - 1]]
        lo, hi = first_sentence.span.start, last_sentence.span.end
        verbs = [v for v in finder.verbs if lo <= v.start < hi and v.start not in in_quote]
        speaker = None
        for verb in sorted(verbs, key=lambda v: abs(v.start - rng.stop)):
            speaker = finder.speaker_near(verb, lo, hi, skip=rng)
            if speaker:
                attributed_verbs.add(verb.start)
                break
        if speaker is None and finder.last_person is not None and _whole_paragraph_quote(ctx, rng):
            p = ctx.persons[finder.last_person]
            speaker = Speaker(p.name, "person", p.state, finder.last_person)
        if speaker is not None and speaker.person is not None:
            finder.last_person = speaker.person
        evidence = Evidence(
            offset + ctx.doc[lo].idx,
            offset + ctx.doc[hi - 1].idx + len(ctx.doc[hi - 1]),
            body[ctx.doc[lo].idx : ctx.doc[hi - 1].idx + len(ctx.doc[hi - 1])],
        )
        quotes.append(
            Quotation(
                body[qs:qe].strip(),
                speaker.name if speaker else None,
                speaker.kind if speaker else None,
                speaker.state if speaker else None,
                True,
                [evidence],
                speaker.body_kind if speaker else None,
            )
        )
    return quotes


def _token_at(ctx: Context, char: int) -> int | None:
    doc = ctx.doc
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else None


def _whole_paragraph_quote(ctx: Context, rng: range) -> bool:
    first = ctx.sentences[ctx.sentence_of[rng.start]]
    return first.span.start >= rng.start - 1


def _reported_text(ctx: Context, sentence: Sentence, verb: Mention) -> str:
    doc = ctx.doc
    after = verb.end
    if after < sentence.span.end and doc[after].lower_ == "that":
        after += 1
    tail = doc[after : sentence.span.end].text.strip(' .,"“”')
    # "X is prepared to ..., Russia's minister Y said at a meeting": the words come before the speaker
    start = sentence.span.start
    if ctx.article.dateline:
        dateline_end = ctx.article.dateline.end - ctx.article.body_start
        while start < verb.start and doc[start].idx < dateline_end:
            start += 1
    comma = max((t.i for t in doc[start : verb.start] if t.text == ","), default=None)
    if comma is not None and comma - start > 4:
        return doc[start:comma].text.strip(' "“”')
    return tail if len(tail.split()) >= 3 else ""
