"""Store benchmarks (issue 4), run by hand; every figure is measured in the same run.

    python -m bench.bench_store --articles 10000 [--workdir /tmp/kg-bench]

1. Ingest throughput: `kg ingest` on a synthetic JSON Lines corpus (bench/synthetic.py), with the
   default two workers: articles/s, and the store size it reaches.
2. Validation of one new article against the store at two sizes (about 100k triples and the full
   store) versus pySHACL over the whole store: median seconds and the ratio.
3. Load and query: the full store dumped as N-Quads, loaded into rdflib's default in-memory store
   and into Oxigraph (pyoxigraph), with a GROUP BY over events per state pair and type on each.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from bench.synthetic import article, corpus
from kg.article import article_from_text
from kg.convert import convert_articles
from kg.store import open_store
from kg.validate import validate_delta, validate_store

GROUP_BY = """
PREFIX kgo: <https://w3id.org/statekg/ontology#>
SELECT ?a ?b ?type (COUNT(DISTINCT ?event) AS ?events) WHERE {
  ?coop a kgo:Cooperation ; kgo:party ?a, ?b ; kgo:cooperationType ?type ; kgo:supportedBy ?event .
  FILTER (STR(?a) < STR(?b))
} GROUP BY ?a ?b ?type
"""


def timed(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def ingest(corpus_path: Path, store: Path, count: int) -> float:
    seconds = timed(
        lambda: subprocess.run(
            [sys.executable, "-m", "kg.cli", "ingest", "--store", str(store), str(corpus_path)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    )
    print(f"ingest: {count} articles in {seconds:.1f} s = {count / seconds:.1f} articles/s (2 workers)")
    return seconds


def one_new_article(index: int):
    item = article(index, seed=99)
    (converted,) = convert_articles(
        [article_from_text(item["text"], item["id"], {"id": item["id"], "date": item["date"]})]
    )
    return Graph(identifier=URIRef(converted.graph)).parse(data=converted.ntriples, format="nt")


def validation(store_path: Path, label: str, whole: bool) -> None:
    with open_store(store_path, writable=False) as store:
        triples = store.count_triples()
        graphs = [one_new_article(i) for i in range(7)]
        deltas = [timed(lambda g=g: validate_delta(store, g)) for g in graphs]
        delta = statistics.median(deltas)
        line = f"validation at {triples:,} triples ({label}): one new article {delta * 1000:.0f} ms (median of 7)"
        if whole:
            full = timed(lambda: validate_store(store))
            line += f"; whole store {full:.1f} s; ratio {full / delta:,.0f}x"
        print(line)


def load_and_query(store_path: Path, workdir: Path) -> None:
    dump = workdir / "dump.nq"
    with open_store(store_path, writable=False) as store:
        dump.write_bytes(store.dump("nq"))
    dataset = Dataset()
    rdflib_load = timed(lambda: dataset.parse(dump, format="nquads"))
    dataset.default_union = True
    rdflib_query = timed(lambda: list(dataset.query(GROUP_BY)))
    memory = ox.Store()
    ox_load = timed(lambda: memory.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS))
    ox_query = timed(lambda: list(memory.query(GROUP_BY, use_default_graph_as_union=True)))
    print(
        f"load {dump.stat().st_size / 1e6:.0f} MB of N-Quads: rdflib {rdflib_load:.1f} s, "
        f"Oxigraph {ox_load:.1f} s ({rdflib_load / ox_load:.0f}x)"
    )
    print(
        f"GROUP BY events per pair and type: rdflib {rdflib_query:.2f} s, Oxigraph {ox_query:.2f} s "
        f"({rdflib_query / max(ox_query, 1e-6):.0f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--small", type=int, default=800, help="articles in the ~100k-triple store")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-bench"))
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)
    items = corpus(args.articles)
    big_corpus, small_corpus = args.workdir / "corpus.jsonl", args.workdir / "small.jsonl"
    big_corpus.write_text("\n".join(json.dumps(i) for i in items) + "\n")
    small_corpus.write_text("\n".join(json.dumps(i) for i in items[: args.small]) + "\n")
    small, big = args.workdir / "small-store", args.workdir / "store"
    ingest(small_corpus, small, args.small)
    ingest(big_corpus, big, args.articles)
    validation(small, "small store", whole=True)
    validation(big, "full store", whole=True)
    load_and_query(big, args.workdir)


if __name__ == "__main__":
    main()
