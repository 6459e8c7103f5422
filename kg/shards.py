"""The shard path for very large corpora: `kg extract CORPUS --out DIR` converts and checks articles
on every core (or a Dask cluster) and writes N-Quads shards; `kg load DIR` bulk-loads them with
Oxigraph's bulk loader and builds the summaries once.

A worker converts a shard's articles, checks them against the shapes together (the facts of one
shard see each other, as a batch of `kg ingest` does; they cannot see a store), quarantines what
violates a shape, and writes the shard under a temporary name, renamed when whole. The manifest,
written last, lists the shards and their article graphs: a directory without one is an extract
that did not finish, and `kg load` refuses it.

A bulk load is not a transaction. `kg load` first marks the store as loading (in its meta graph)
and drops the graphs it is about to load; the mark goes when the summaries are built. A store
still marked (the load was killed) refuses every command but `kg load` of the same directory,
which starts again from the drop and so ends where an uninterrupted load would.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from kg.article import Article, count_articles, read_articles
from kg.batch import BatchWriter, Rejected, convert_and_vet
from kg.convert import Converted, Failed
from kg.converter import converter_version
from kg.derived import rebuild_derived
from kg.errors import InputError, UsageError
from kg.files import write_atomically
from kg.parallel import runner_for
from kg.progress import Tally
from kg.sources import InputOptions
from kg.store import Store
from kg.store.embedded import MemoryStore
from kg.vocab import GRAPH_META, KGO, STORE_NODE

SHARD_FORMAT = "statekg-shards"
SHARD_FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SHARD_SIZE = 256  # articles per shard: a task of a few seconds, files of a few MB
CHUNK_SIZE = 16  # articles parsed together inside a shard


@dataclass
class ShardTask:
    directory: str
    index: int
    articles: list[Article]

    @property
    def name(self) -> str:
        return f"shard-{self.index:06d}.nq"


@dataclass
class ShardDone:
    name: str
    articles: int = 0
    triples: int = 0
    quarantined: int = 0
    graphs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # articles the converter failed on, or rejected
    quarantines: list[str] = field(default_factory=list)


def write_shard(task: ShardTask) -> ShardDone:
    """Convert, check and write one shard (runs on a worker)."""
    done = ShardDone(task.name)
    shard = MemoryStore()
    writer = BatchWriter(shard, derived=False, scope="shared")
    stored: set[str] = set()
    for start in range(0, len(task.articles), CHUNK_SIZE):
        converted: list[Converted] = []
        for result in convert_and_vet(task.articles[start : start + CHUNK_SIZE]):
            if isinstance(result, Failed):
                done.errors.append(f"{result.source}: {result.problem}")
            elif isinstance(result, Rejected):
                done.errors.append(f"{result.item.source}: rejected, it violates the shapes on its own")
            else:
                converted.append(result)
        for outcome in writer.write(converted, stored):
            if not outcome.stored:
                done.errors.append(f"{outcome.item.source}: rejected, it violates the shapes on its own")
                continue
            done.articles += 1
            if outcome.quarantined:
                done.quarantined += len(outcome.quarantined)
                reasons = "; ".join(sorted({m for q in outcome.quarantined for m in q.messages}))
                done.quarantines.append(
                    f"{outcome.item.source}: {len(outcome.quarantined)} facts quarantined ({reasons})"
                )
    data = shard.dump("nq")
    done.triples = data.count(b"\n")
    done.graphs = sorted(stored)
    write_atomically(Path(task.directory) / task.name, data)
    return done


@dataclass
class ExtractSummary(Tally):
    articles: int = 0
    triples: int = 0
    quarantined: int = 0
    shards: int = 0
    errors: list[str] = field(default_factory=list)
    quarantines: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.articles} articles in {self.shards} shards, {self.triples} triples; "
            f"{self.quarantined} facts quarantined; {len(self.errors)} inputs rejected"
        )


def prepare_directory(out: Path) -> None:
    """A new or empty directory, or an earlier shard directory (its shards are replaced)."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a directory")
    if out.exists():
        names = [p.name for p in out.iterdir()]
        foreign = [n for n in names if not (n == MANIFEST or n.startswith("shard-"))]
        if foreign:
            raise UsageError(
                f"--out {out} holds other files ({', '.join(sorted(foreign)[:3])}): give a new or empty directory"
            )
        for name in names:
            path = out / name
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    out.mkdir(parents=True, exist_ok=True)


def extract_shards(
    paths: Iterable[Path],
    out: Path,
    workers: int | None = None,
    scheduler: str | None = None,
    on_progress: Callable[[ExtractSummary, str], None] | None = None,
    options: InputOptions | None = None,
) -> ExtractSummary:
    paths = list(paths)
    prepare_directory(out)
    summary = ExtractSummary(total=count_articles(paths, options))
    progress = on_progress or (lambda s, source: None)

    def readable() -> Iterator[Article]:
        for path in paths:
            for item in read_articles(path, options):
                if isinstance(item, InputError):
                    summary.errors.append(str(item))
                    summary.done += 1
                    progress(summary, item.source)
                    continue
                yield item

    def tasks() -> Iterator[ShardTask]:
        items = readable()
        index = 0
        while block := list(islice(items, SHARD_SIZE)):
            index += 1
            yield ShardTask(str(out.resolve()), index, block)

    shards: list[dict] = []
    runner = runner_for(summary.total, workers, scheduler)
    try:
        for done in runner.map(write_shard, tasks()):
            summary.shards += 1
            summary.articles += done.articles
            summary.triples += done.triples
            summary.quarantined += done.quarantined
            summary.errors += done.errors
            summary.quarantines += done.quarantines
            summary.done += done.articles + len(done.errors)
            shards.append({"file": done.name, "articles": done.articles, "graphs": done.graphs})
            progress(summary, done.name)
    finally:
        runner.close()
    manifest = {
        "format": SHARD_FORMAT,
        "version": SHARD_FORMAT_VERSION,
        "converter": converter_version(),
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "articles": summary.articles,
        "triples": summary.triples,
        "shards": shards,
    }
    write_atomically(out / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
    return summary


# --- loading ---------------------------------------------------------------------------------------
def read_manifest(directory: Path) -> dict:
    manifest = directory / MANIFEST
    if not manifest.exists():
        raise InputError(
            str(directory),
            f"no {MANIFEST}: not a shard directory, or `kg extract --out` did not finish (run it again)",
        )
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise InputError(str(manifest), f"unreadable manifest ({err})") from None
    if not isinstance(data, dict) or data.get("format") != SHARD_FORMAT:
        raise InputError(str(manifest), f"not a statekg shard manifest (format is not {SHARD_FORMAT!r})")
    if data.get("version") != SHARD_FORMAT_VERSION:
        raise InputError(
            str(manifest), f"shard format {data.get('version')}; this statekg reads {SHARD_FORMAT_VERSION}"
        )
    missing = [s["file"] for s in data["shards"] if not (directory / s["file"]).is_file()]
    if missing:
        raise InputError(
            str(directory), f"shards listed in the manifest are missing: {', '.join(missing[:3])}"
        )
    return data


@dataclass
class LoadSummary:
    articles: int
    triples: int
    replaced: int


def load_shards(
    store: Store, directory: Path, on_shard: Callable[[int, int], None] | None = None
) -> LoadSummary:
    """Bulk-load a shard directory: mark, drop the graphs it replaces, load, summarise, unmark."""
    manifest = read_manifest(directory)
    graphs = [g for shard in manifest["shards"] for g in shard["graphs"]]
    replaced = _stored(store, graphs)
    mark = f"INSERT DATA {{ GRAPH {GRAPH_META.n3()} {{ {STORE_NODE.n3()} {KGO.loadingFrom.n3()} {json.dumps(str(directory.resolve()))} }} }}"
    drops = [f"DROP SILENT GRAPH <{g}>" for g in replaced]
    drops += [f"DROP SILENT GRAPH <{g.replace('/graph/article/', '/graph/quarantine/')}>" for g in replaced]
    store.update([mark, *drops])
    for number, shard in enumerate(manifest["shards"], 1):
        store.bulk_load(directory / shard["file"])
        if on_shard:
            on_shard(number, len(manifest["shards"]))
    rebuild_derived(store)
    store.update(
        f"DELETE WHERE {{ GRAPH {GRAPH_META.n3()} {{ {STORE_NODE.n3()} {KGO.loadingFrom.n3()} ?d }} }}"
    )
    return LoadSummary(int(manifest["articles"]), int(manifest["triples"]), len(replaced))


def _stored(store: Store, graphs: list[str], block: int = 500) -> list[str]:
    found: list[str] = []
    for start in range(0, len(graphs), block):
        values = " ".join(f"<{g}>" for g in graphs[start : start + block])
        rows = store.select(
            f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        )
        found += [str(r["g"]) for r in rows]
    return found


def is_shard_directory(path: Path) -> bool:
    return path.is_dir() and ((path / MANIFEST).exists() or any(path.glob("shard-*.nq")))
