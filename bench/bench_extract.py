"""Extraction throughput: articles per second on one core, with the dependency parse as it ships.

    python bench/bench_extract.py [ARTICLES_DIR] [--rounds N]

Reads the articles once, warms the pipeline up (lexicon and matchers load once per process),
then extracts every article N times and reports articles/s for extraction alone (one article at a
time, and in batches whose sentences are parsed in one pass, as `kg ingest` does) and for
extraction + RDF mapping + SHACL validation of each article's graph. Pin it to one core
(`taskset -c 0`) for a per-core figure; STATEKG_PARSE=0 measures without the parse.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg.article import Article, read_articles
from kg.extract import extract, extract_many
from kg.mapping import to_graph
from kg.validate import validate_with_reference


def load(directory: Path) -> list[Article]:
    return [a for a in read_articles(directory) if isinstance(a, Article)]


def rate(articles: list[Article], rounds: int, step) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        for article in articles:
            step(article)
        timings.append(time.perf_counter() - start)
    return len(articles) / statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", default="../shared/dev-set/articles", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    articles = load(args.articles)
    extract(articles[0])  # warm-up: loads the lexicon and builds the matchers
    chars = sum(len(a.text) for a in articles)
    print(
        f"{len(articles)} articles, {chars / len(articles):,.0f} characters on average, {args.rounds} rounds"
    )
    print(f"extract only:                 {rate(articles, args.rounds, extract):7.1f} articles/s")
    batched = rate([articles], args.rounds, extract_many) * len(articles)
    print(f"extract, batch of {len(articles):3d}:       {batched:7.1f} articles/s")
    print(
        f"extract + map to RDF:         {rate(articles, args.rounds, lambda a: to_graph(extract(a))):7.1f} articles/s"
    )
    full = rate(articles, max(1, args.rounds // 2), lambda a: validate_with_reference(to_graph(extract(a))))
    print(f"extract + map + SHACL check:  {full:7.1f} articles/s")


if __name__ == "__main__":
    main()
