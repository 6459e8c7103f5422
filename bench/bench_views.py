"""Median latency of every view on a store (issue 5 target: under 200 ms each on the embedded
store at about 1M triples). Run after bench_store.py has built its store:

    python -m bench.bench_views [--store /tmp/kg-bench/store] [--runs 5]

Required parameters take the most active state (and its first partner) of the store.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg.store import open_store
from kg.views import run_view, views


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/kg-bench/store"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None, help="only these views")
    args = parser.parse_args()
    with open_store(args.store, writable=False) as store:
        print(f"store: {store.count_triples():,} triples")
        top = run_view(store, "states", limit=1).records()[0]["iso3"]
        partner = run_view(store, "partners", {"state": top}, limit=1).records()[0]["partner"]
        event = run_view(store, "events", {"state": top}, limit=1).records()[0]["event"]
        values = {"state": top, "a": top, "b": partner, "from": "2021-01-01", "fact": event}
        for name, view in views().items():
            if args.only and name not in args.only:
                continue
            params = {p.name: values[p.name] for p in view.parameters if p.required}
            timings, rows = [], 0
            for _ in range(args.runs):
                start = time.perf_counter()
                rows = len(run_view(store, name, params).rows)
                timings.append(time.perf_counter() - start)
            median = statistics.median(timings) * 1000
            flag = "" if median < 200 else "  (over 200 ms)"
            print(f"{name:28s} {median:8.1f} ms  {rows:6d} rows  {params}{flag}")


if __name__ == "__main__":
    main()
