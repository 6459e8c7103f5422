"""Validation engines compared on the same deltas: pySHACL (the reference), pyshacl-turbo, pyrudof,
and statekg's shapes compiled to SPARQL and run in Oxigraph.

    python -m bench.bench_validate [ARTICLES_DIR] [--rounds N]

The deltas are the graphs of the dev-set articles with the reference data they link to, checked one
article at a time and as one batch. Each engine's violations (focus node, path, message) are
compared with pySHACL's: an engine that disagrees on any delta is reported, not timed as a winner.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from kg.article import Article, read_articles
from kg.extract import extract_many
from kg.mapping import to_graph
from kg.validate import ENGINES, linked_reference, validate


def deltas(directory: Path) -> list[Graph]:
    articles = [a for a in read_articles(directory) if isinstance(a, Article)]
    out = []
    for facts in extract_many(articles):
        graph = to_graph(facts)
        data = Graph()
        data += graph
        data += linked_reference(graph)
        out.append(data)
    return out


def timed(step: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", default="../shared/dev-set/articles", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    graphs = deltas(args.articles)
    batch = Graph()
    for g in graphs:
        batch += g
    triples = sum(len(g) for g in graphs)
    print(f"{len(graphs)} article deltas, {triples:,} triples; one batch of {len(batch):,} triples")
    reference = {id(g): validate(g, facts_only=True, engine="pyshacl").violations for g in graphs}
    for name in ENGINES:
        agree = all(validate(g, facts_only=True, engine=name).violations == reference[id(g)] for g in graphs)
        one = timed(
            lambda name=name: [validate(g, facts_only=True, engine=name) for g in graphs], args.rounds
        )
        whole = timed(lambda name=name: validate(batch, facts_only=True, engine=name), args.rounds)
        print(
            f"{name:16s} agrees with pySHACL: {'yes' if agree else 'NO '}  "
            f"per article {1000 * one / len(graphs):7.1f} ms   batch of {len(graphs)}: "
            f"{1000 * whole / len(graphs):7.1f} ms per article"
        )


if __name__ == "__main__":
    main()
