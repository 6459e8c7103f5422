"""Cost of adding one article to a large store (validation plus the one atomic write that also
refreshes the derived summaries it touches), run by hand:

    python -m bench.bench_write --store /tmp/kg-bench/store [--articles 20]

The store is copied first and the copy written to, so the benchmark store stays as it was. Run it
with two checkouts on copies of the same store to compare versions in one session.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.synthetic import article
from kg.ingest import ingest
from kg.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/kg-bench/store"))
    parser.add_argument("--articles", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(args.store, copy)
        timings = []
        with open_store(copy) as store:
            print(f"store: {store.count_triples():,} triples (a copy of {args.store})")
            for i in range(args.articles):
                path = Path(tmp) / f"new-{i}.jsonl"
                # indices past the benchmark corpus and another seed: new articles, shared states
                path.write_text(json.dumps(article(1_000_000 + i, seed=99)) + "\n")
                start = time.perf_counter()
                summary = ingest(store, [path], workers=1)
                timings.append(time.perf_counter() - start)
                if summary.added != 1:
                    raise SystemExit(f"article {i} was not added: {summary.line()}")
        print(
            f"one new article: median {statistics.median(timings) * 1000:.0f} ms, "
            f"max {max(timings) * 1000:.0f} ms over {len(timings)} articles"
        )


if __name__ == "__main__":
    main()
