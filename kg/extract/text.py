"""Tokens and sentences: a blank spaCy English pipeline over the article body.

Paragraph breaks always end a sentence; the agency dateline never does (it belongs to the lead).
Offsets are character offsets into Article.text, the article exactly as read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

import numpy
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from kg.article import MAX_ARTICLE_BYTES, Article


@dataclass
class Sentence:
    index: int
    span: Span  # tokens of the sentence
    paragraph: int
    offset: int  # where the body starts in Article.text
    source: str  # Article.text, so evidence shows the words as read (not the masked tokens)

    @property
    def start(self) -> int:
        return self.offset + self.span.start_char

    @property
    def end(self) -> int:
        return self.offset + self.span.end_char

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]


@Language.component("statekg_paragraphs")
def _paragraph_boundaries(doc: Doc) -> Doc:
    """A token after a line break starts a sentence; the dateline and the token after it never do.
    (Read from the token offsets as arrays: making a Token object per word costs more than the rest.)"""
    if len(doc) == 0:
        return doc
    dateline_end = doc.user_data.get("dateline_end", -1)
    text = doc.text
    offsets = doc.to_array(IDX).tolist()
    starts = numpy.zeros((len(doc), 1), dtype="int64")  # 0: the sentencizer decides
    starts[0, 0] = 1
    for i in range(1, len(offsets)):
        if offsets[i] <= dateline_end:
            starts[i, 0] = -1
        elif "\n" in text[offsets[i - 1] : offsets[i]]:
            starts[i, 0] = 1
    doc.from_array([SENT_START], starts.astype("uint64"))  # spaCy stores -1 as its uint64 twin
    return doc


@cache
def pipeline() -> Language:
    nlp = spacy.blank("en")
    # split "U.S.-North Korea" and "U.S.-India" at the hyphen after an abbreviation
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Za-z]\.)-(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("statekg_paragraphs")
    nlp.add_pipe("sentencizer")
    # spaCy's 1,000,000-character guard is for its parser's memory; this pipeline only tokenizes
    # (the parser sees single sentences), so it takes any article up to the reader's size limit
    nlp.max_length = MAX_ARTICLE_BYTES + 1
    return nlp


MARKUP = re.compile(r"<[^<>\n]{1,200}>|!\[[^\]\n]*\]\([^)\n]*\)|\]\([^)\n]*\)|\*\*|__|^#+ |\[", re.M)


def mask_markup(text: str) -> str:
    """Blank out HTML tags and Markdown marks with spaces of the same length, so offsets hold."""
    return MARKUP.sub(lambda m: " " * len(m.group(0)), text)


def tokenize(article: Article) -> tuple[Doc, list[Sentence]]:
    nlp = pipeline()
    body = mask_markup(article.body)
    doc = nlp.make_doc(body)
    if article.dateline:
        doc.user_data["dateline_end"] = article.dateline.end - article.body_start
        doc.user_data["dateline_place"] = article.dateline.place
    for _, component in nlp.pipeline:
        doc = component(doc)
    line_breaks = [m.start() for m in re.finditer(r"\n\s*", body)]
    sentences: list[Sentence] = []
    for span in doc.sents:
        start, end = span.start, span.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start < end:
            paragraph = bisect.bisect_right(line_breaks, doc[start].idx)
            sentences.append(
                Sentence(len(sentences), doc[start:end], paragraph, article.body_start, article.text)
            )
    return doc, sentences
