"""Articles to N-Triples: what an ingest worker does (extract, map), with nothing of the store.

Workers return plain strings, so results travel cheaply between processes and machines, and the
writer never rebuilds rdflib objects: it loads the N-Triples into Oxigraph to check them and puts
them in the store's update as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.article import Article
from kg.factkinds import FACT_KINDS
from kg.facts import Facts
from kg.mapping import article_iri, graph_iri, to_graph
from kg.output import generation_time
from kg.store.base import nt_lines


@dataclass
class Quarantined:
    fact: str
    kind: str  # the fact's class, its local name
    messages: list[str]
    sentence: str | None
    ntriples: str


@dataclass
class Converted:
    """One article as its graph, ready to be checked and written."""

    source: str
    graph: str  # the article's named graph IRI
    article: str  # the article's IRI
    content_hash: str
    ntriples: str
    facts: dict[str, int] = field(default_factory=dict)  # facts of each kind, for the report
    checked: bool = False  # its unique nodes checked by the worker (kg/batch.py)
    quarantined: list[Quarantined] = field(default_factory=list)  # what the check set aside


@dataclass
class Failed:
    """An article the converter could not read (a bug or a pathological text), by name."""

    source: str
    problem: str


def converted(facts: Facts) -> Converted:
    graph = to_graph(facts, generation_time())
    return Converted(
        source=facts.article.source,
        graph=str(graph_iri(facts)),
        article=str(article_iri(facts)),
        content_hash=facts.article.content_hash,
        ntriples=nt_lines(graph),
        facts={k.key: len(getattr(facts, k.key)) for k in FACT_KINDS},
    )


def convert_articles(articles: list[Article]) -> list[Converted | Failed]:
    """Convert a chunk of articles (their sentences parsed together); an article that makes the
    converter fail is reported by name and the rest of the chunk goes on."""
    from kg.extract import extract_many  # loads spaCy: only where articles are converted

    try:
        return [converted(f) for f in extract_many(articles)]
    except Exception:  # noqa: BLE001, S110 - find the article that fails, keep the others
        pass
    out: list[Converted | Failed] = []
    for article in articles:
        try:
            out.append(converted(extract_many([article])[0]))
        except Exception as err:  # noqa: BLE001 - one line for the user, the batch goes on
            out.append(
                Failed(article.source, f"the converter failed on this article ({type(err).__name__}: {err})")
            )
    return out
