"""Median latency of every view on a store (issue 5 target: under 200 ms each on the embedded
store at about 1M triples). Run after bench_store.py has built its store:

    python -m bench.bench_views [--store /tmp/kg-bench/store] [--runs 5] [--only VIEW ...]

Each view is timed twice where it has optional parameters: as a user filters it (one state, one
type, one month) and as the whole table (no optional parameter). Required parameters take the
most active state of the store, its first partner, its first event and its first official.
Times include converting the rows to Python values (`kg.query`).
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from kg.store import open_store
from kg.views import Parameter, View, run_view, views


def sample_values(store) -> dict[str, str]:
    """A value per parameter name, and per parameter type where one name means several (type)."""
    top = run_view(store, "states", limit=1).records()[0]["iso3"]
    partner = run_view(store, "partners", {"state": top}, limit=1).records()[0]["partner"]
    events = run_view(store, "events", {"state": top}).records()
    official = run_view(store, "officials", {"state": top}, limit=1).records()[0]["name"]
    last = max(date.fromisoformat(e["date"]) for e in events if e["date"])
    month = last - timedelta(days=30)
    return {
        "state": top,
        "a": top,
        "b": partner,
        "source": top,
        "target": partner,
        "fact": events[0]["event"],
        "person": official,
        "type": "military",  # a cooperation type
        "plover-type": "CONSULT",
        "quad": "verbal-cooperation",
        "kind": "meeting",
        "class": "Event",
        "grain": "month",
        "year": str(last.year),
        "from": month.isoformat(),
        "to": last.isoformat(),
    }


def value(values: dict[str, str], parameter: Parameter) -> str:
    return (
        values.get(parameter.type, values[parameter.name])
        if parameter.type == "plover-type"
        else values[parameter.name]
    )


def calls(view: View, values: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(label, parameters): the filtered call a user makes, and the whole table."""
    required = {p.name: value(values, p) for p in view.parameters if p.required}
    optional = [p for p in view.parameters if not p.required]
    if not optional:
        return [("", required)]
    first = next((p for p in optional if p.name in ("state", "source")), optional[0])
    filtered = {**required, first.name: value(values, first)}
    if view.name == "new-relations":  # a period: from (required) and to
        filtered["to"] = values["to"]
    return [("filtered", filtered), ("whole table", required)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/kg-bench/store"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None, help="only these views")
    args = parser.parse_args()
    with open_store(args.store, writable=False) as store:
        print(f"store: {store.count_triples():,} triples")
        values = sample_values(store)
        for name, view in views().items():
            if args.only and name not in args.only:
                continue
            for label, params in calls(view, values):
                timings, rows = [], 0
                for _ in range(args.runs):
                    start = time.perf_counter()
                    rows = len(run_view(store, name, params).records())
                    timings.append(time.perf_counter() - start)
                median = statistics.median(timings) * 1000
                flag = "" if median < 200 else "  (over 200 ms)"
                shown = ", ".join(f"{k}={v}" for k, v in params.items())
                print(f"{name:28s} {label:12s} {median:8.1f} ms {rows:7d} rows  {shown}{flag}")


if __name__ == "__main__":
    main()
