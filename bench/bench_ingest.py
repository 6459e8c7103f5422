"""Corpus-scale ingest benchmarks (issue 12), run by hand; every figure comes from the same run.

    python -m bench.bench_ingest [--articles 10000] [--small 2000] [--workdir /tmp/kg-bench-ingest]
        [--parts write,ingest,memory,dask,load,add,real]

write   the write path alone (check, transaction, summaries) on articles converted beforehand, in
        batches as `kg ingest` writes them: into an empty store and into one of --articles articles
ingest  `kg ingest` of --articles synthetic articles end to end with the default workers, and the
        split: the same corpus converted only (no store), from which extraction's share follows
memory  peak RSS of the whole `kg ingest` process tree at --small and at --articles articles
dask    the same corpus with 1 and with 2 workers on a Dask LocalCluster (given as --scheduler,
        the code path of a real cluster)
load    `kg extract --out` shards, then `kg load` of them: triples/s, against `kg ingest`
add     one hand-written fact file through `kg add` against the large store
real    `kg ingest` of the dev-set articles (real text, 14 times longer than the synthetic
        ones), each repeated under 20 URLs, end to end
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.synthetic import corpus
from kg.processes import process_table

KG = [sys.executable, "-m", "kg.cli"]
PARTS = ("write", "ingest", "memory", "dask", "load", "add", "real")


# --- measuring a command ------------------------------------------------------------------------------
def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    table = process_table()
    children: dict[int, list[int]] = {}
    for p in table:
        children.setdefault(p.parent, []).append(p.pid)
    rss = {p.pid: p.rss for p in table}
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo += children.get(current, [])
    return total


def run(command: list[str], label: str) -> tuple[float, int, str]:
    """Run a command; its wall time, the peak RSS of its process tree, and its stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode not in (0,):
        raise SystemExit(f"{label} failed ({process.returncode}):\n{err[-2000:]}")
    return seconds, peak[0], out


def write_corpus(path: Path, count: int, seed: int = 7) -> Path:
    path.write_text("\n".join(json.dumps(a) for a in corpus(count, seed=seed)) + "\n")
    return path


# --- the parts --------------------------------------------------------------------------------------
def bench_write(work: Path, articles: int) -> None:
    """The write path on pre-converted articles: BatchWriter batches into an empty store and into a
    store of `articles` articles (built by kg ingest of a synthetic corpus)."""
    from kg.article import read_articles
    from kg.batch import BatchWriter
    from kg.convert import Converted, convert_articles
    from kg.ingest import BATCH_SIZE
    from kg.store import open_store

    fresh = write_corpus(work / "write-new.jsonl", 2000, seed=99)
    items = list(read_articles(fresh))
    converted: list[Converted] = []
    for start in range(0, len(items), 16):
        converted += [c for c in convert_articles(items[start : start + 16]) if isinstance(c, Converted)]
    big = work / "store-big"
    if not big.exists():
        raise SystemExit(f"{big} is missing: run the ingest part first")
    for label, location in (
        ("empty store", work / "store-write-empty"),
        (f"store of {articles:,} articles", None),
    ):
        if location is None:
            location = work / "store-write-big"
            shutil.rmtree(location, ignore_errors=True)
            shutil.copytree(big, location)
        else:
            shutil.rmtree(location, ignore_errors=True)
        with open_store(location) as store:
            writer = BatchWriter(store)
            existing: set[str] = set()
            start = time.perf_counter()
            for b in range(0, len(converted), BATCH_SIZE):
                writer.write(converted[b : b + BATCH_SIZE], existing)
            seconds = time.perf_counter() - start
            triples = store.count_triples()
        print(
            f"write path into {label}: {len(converted)} articles in {seconds:.1f} s = "
            f"{len(converted) / seconds:.0f} articles/s (batches of {BATCH_SIZE}; store now {triples:,} triples)"
        )


def bench_ingest(work: Path, articles: int) -> None:
    path = write_corpus(work / f"corpus-{articles}.jsonl", articles)
    store = work / "store-big"
    shutil.rmtree(store, ignore_errors=True)
    seconds, peak, out = run([*KG, "ingest", "--store", str(store), str(path)], "kg ingest")
    print(
        f"kg ingest, {articles:,} synthetic articles, default workers ({os.cpu_count()} cores): {seconds:.1f} s = "
        f"{articles / seconds:.0f} articles/s; peak RSS {peak / 2**20:.0f} MiB; {out.strip()}"
    )
    # extraction alone, the same corpus, the same workers: what the writer adds is the difference
    shards = work / "shards-split"
    extract, _, _ = run([*KG, "extract", str(path), "--out", str(shards)], "kg extract --out")
    print(
        f"  of which extraction (+ per-shard check), the same corpus and workers, no store: {extract:.1f} s = "
        f"{articles / extract:.0f} articles/s; the rest ({seconds - extract:.1f} s) is reading the store, "
        "checking against it and writing"
    )
    shutil.rmtree(shards, ignore_errors=True)
    again, _, out = run([*KG, "ingest", "--store", str(store), str(path)], "kg ingest again")
    print(f"  again, nothing changed: {again:.1f} s ({articles / again:.0f} articles/s): {out.strip()}")


def bench_memory(work: Path, small: int, articles: int) -> None:
    for count in (small, articles):
        path = write_corpus(work / f"corpus-{count}.jsonl", count)
        store = work / f"store-mem-{count}"
        shutil.rmtree(store, ignore_errors=True)
        seconds, peak, _ = run([*KG, "ingest", "--store", str(store), str(path)], f"kg ingest {count}")
        print(
            f"peak RSS of kg ingest (process tree) at {count:,} articles: {peak / 2**20:.0f} MiB ({seconds:.0f} s)"
        )
        shutil.rmtree(store, ignore_errors=True)


def bench_dask(work: Path, articles: int) -> None:
    from distributed import LocalCluster

    path = write_corpus(work / f"corpus-{articles}.jsonl", articles)
    times = {}
    for workers in (1, 2):
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        try:
            store = work / f"store-dask-{workers}"
            shutil.rmtree(store, ignore_errors=True)
            seconds, _, _ = run(
                [*KG, "ingest", "--scheduler", cluster.scheduler_address, "--store", str(store), str(path)],
                f"kg ingest on {workers} Dask workers",
            )
            times[workers] = seconds
            print(
                f"Dask LocalCluster, {workers} worker(s): {seconds:.1f} s = {articles / seconds:.0f} articles/s"
            )
            shutil.rmtree(store, ignore_errors=True)
        finally:
            cluster.close()
    print(f"  2 workers vs 1: {times[1] / times[2]:.2f}x")


def bench_load(work: Path, articles: int) -> None:
    path = write_corpus(work / f"corpus-{articles}.jsonl", articles)
    shards = work / "shards"
    extract, _, _ = run([*KG, "extract", str(path), "--out", str(shards)], "kg extract --out")
    store = work / "store-load"
    shutil.rmtree(store, ignore_errors=True)
    load, _, out = run([*KG, "load", str(shards), "--store", str(store)], "kg load")
    manifest = json.loads((shards / "manifest.json").read_text())
    triples = manifest["triples"]
    print(f"kg extract --out: {articles:,} articles in {extract:.1f} s = {articles / extract:.0f} articles/s")
    print(
        f"kg load of the shards: {triples:,} triples in {load:.1f} s = {triples / load:,.0f} triples/s "
        f"(whole command: bulk load, summaries, validation, process start)"
    )
    print(f"  {out.strip().splitlines()[0]}")
    print(f"  shard path end to end {extract + load:.1f} s = {articles / (extract + load):.0f} articles/s")
    # the loader alone, for comparison with the figure above
    import pyoxigraph as ox

    raw = work / "store-raw"
    shutil.rmtree(raw, ignore_errors=True)
    started = time.perf_counter()
    bare = ox.Store(str(raw))
    for shard in manifest["shards"]:
        bare.bulk_load(path=str(shards / shard["file"]), format=ox.RdfFormat.N_QUADS)
    bare.flush()
    seconds = time.perf_counter() - started
    print(f"  Oxigraph's bulk loader alone on the same shards: {triples / seconds:,.0f} triples/s")
    del bare
    shutil.rmtree(raw, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)


def bench_add(work: Path) -> None:
    from kg import api
    from kg.store import open_store

    big = work / "store-big"
    copy = work / "store-add"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(big, copy)
    timings = []
    with open_store(copy) as store:
        triples = store.count_triples()
        for i in range(9):
            facts = work / f"add-{i}.ttl"
            facts.write_text(
                "@prefix kgo: <https://w3id.org/statekg/ontology#> .\n"
                f"<https://w3id.org/statekg/id/cooperation/manual/bench-{i}> a kgo:Cooperation ;\n"
                "  kgo:party <https://w3id.org/statekg/id/state/RUS>, <https://w3id.org/statekg/id/state/IND> ;\n"
                "  kgo:cooperationType <https://w3id.org/statekg/id/cooperation-type/space> .\n"
            )
            start = time.perf_counter()
            result = api.add_facts(store, facts, who="bench")
            timings.append(time.perf_counter() - start)
            assert result.conforms, result.report.text()
    print(
        f"kg add of one fact file against {triples:,} triples: median {statistics.median(timings) * 1000:.0f} ms "
        f"(max {max(timings) * 1000:.0f} ms, 9 runs, in process)"
    )
    shutil.rmtree(copy, ignore_errors=True)


def bench_real(work: Path) -> None:
    dev = Path(__file__).resolve().parents[2] / "shared" / "dev-set" / "articles"
    if not dev.exists():
        print(f"real articles: {dev} not found, skipped")
        return
    from kg.article import read_articles

    lines = []
    for copy in range(20):
        for path in sorted(dev.glob("*.txt")):
            for article in read_articles(path):
                lines.append(
                    json.dumps(
                        {
                            "id": f"{path.stem}-{copy}",
                            "url": f"https://example.org/{copy}/{path.stem}",
                            "date": article.date.isoformat() if article.date else None,
                            "title": article.title,
                            "text": article.body,
                        }
                    )
                )
    corpus_path = work / "real.jsonl"
    corpus_path.write_text("\n".join(lines) + "\n")
    store = work / "store-real"
    shutil.rmtree(store, ignore_errors=True)
    seconds, _, out = run([*KG, "ingest", "--store", str(store), str(corpus_path)], "kg ingest real")
    chars = sum(len(json.loads(line)["text"]) for line in lines) / len(lines)
    print(
        f"kg ingest, {len(lines)} real articles (dev set x20, {chars:,.0f} characters each on average): "
        f"{seconds:.1f} s = {len(lines) / seconds:.1f} articles/s; {out.strip()}"
    )
    shutil.rmtree(store, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-ingest")
    parser.add_argument("--parts", default=",".join(PARTS))
    args = parser.parse_args()
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise SystemExit(f"unknown parts: {', '.join(unknown)} (choose from {', '.join(PARTS)})")
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; workdir {args.workdir}")
    if "ingest" in parts:
        bench_ingest(args.workdir, args.articles)
    if "write" in parts:
        bench_write(args.workdir, args.articles)
    if "add" in parts:
        bench_add(args.workdir)
    if "memory" in parts:
        bench_memory(args.workdir, args.small, args.articles)
    if "dask" in parts:
        bench_dask(args.workdir, args.articles)
    if "load" in parts:
        bench_load(args.workdir, args.articles)
    if "real" in parts:
        bench_real(args.workdir)


if __name__ == "__main__":
    main()
