"""Ingestion of a corpus: read, skip what is stored unchanged, convert (here or on Dask), then
check and write in batches (kg/batch.py).

An article is unchanged when the store holds its graph with the same content hash and converter
version (the version includes the converter's knowledge); that check reads the store's hashes of a
block of input articles at a time, so a run that was interrupted resumes where it stopped without
re-extracting what it stored, at the same cost in a store of any size. Memory stays flat with the corpus: articles are read lazily, a bounded number of chunks
is in flight, and batches are written as they fill.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import PROV

from kg.article import Article, count_articles, read_articles
from kg.batch import BatchWriter, Outcome, Rejected, convert_and_vet, quarantine_graph
from kg.convert import Converted, Failed
from kg.derived import touched, with_derived
from kg.errors import InputError, StateKGError
from kg.facts import Facts
from kg.mapping import converter_iri, graph_iri
from kg.parallel import runner_for
from kg.processes import signals_held
from kg.progress import Tally
from kg.sources import InputOptions
from kg.store import Store
from kg.store.base import StoreError
from kg.validate import Violation
from kg.vocab import KGO

BATCH_SIZE = (
    100  # articles checked and written together: 100 wrote faster than 50, 200, 500 (bench/bench_ingest.py)
)
CHUNK_SIZE = 16  # articles a worker converts at once (their sentences parsed together)

Progress = Callable[["IngestSummary", str], None]


@dataclass
class Rejection:
    source: str
    violations: list[Violation]
    sentences: dict[str, str | None] = field(default_factory=dict)

    def report(self) -> str:
        lines = [f"{self.source}: rejected, {len(self.violations)} violation(s) of the shapes:"]
        for v in self.violations:
            path = f" {v.path}" if v.path else ""
            lines.append(f"  - {v.focus}{path}: {v.message}")
            if self.sentences.get(v.focus):
                lines.append(f"    sentence: {self.sentences[v.focus]}")
        return "\n".join(lines)


@dataclass
class IngestSummary(Tally):
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    rejected: int = 0
    quarantined: int = 0  # facts
    triples: int = 0
    errors: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    quarantines: list[str] = field(default_factory=list)  # one line per article with quarantined facts

    @property
    def failed(self) -> bool:
        return bool(self.rejected)

    @property
    def stored(self) -> int:
        return self.added + self.replaced

    def line(self) -> str:
        return (
            f"{self.added} added, {self.unchanged} unchanged, {self.replaced} replaced, "
            f"{self.rejected} rejected; {self.quarantined} facts quarantined; {self.triples} triples written"
        )


class IngestStopped(StateKGError):
    """An ingest that stopped part-way: what was written stays, the rest was not."""

    def __init__(self, summary: IngestSummary, reason: str, exit_code: int = 1) -> None:
        super().__init__(
            f"{reason}; {summary.stored} articles stored before it ({summary.unchanged} unchanged): "
            "run the same command again to resume"
        )
        self.summary = summary
        self.exit_code = exit_code


LOOKUP_BLOCK = 500  # articles whose stored hash is read in one query


def stored_versions(store: Store, graphs: list[str]) -> dict[str, tuple[str, str | None]]:
    """Graph IRI -> (content hash, converter) of those of `graphs` the store holds: one query per
    block of input articles, so the check costs the same in a store of 1,000 or 1,000,000."""
    if not graphs:
        return {}
    values = " ".join(f"<{g}>" for g in graphs)
    rows = store.select(
        f"SELECT ?g ?hash ?converter WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?a {KGO.contentHash.n3()} ?hash }} "
        f"OPTIONAL {{ GRAPH ?g {{ ?x {PROV.wasAssociatedWith.n3()} ?converter }} }} }}"
    )
    return {str(r["g"]): (str(r["hash"]), str(r["converter"]) if r.get("converter") else None) for r in rows}


def _chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(islice(items, size)):
        yield chunk


def ingest(
    store: Store,
    paths: Iterable[Path],
    strict: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Progress | None = None,
    options: InputOptions | None = None,
) -> IngestSummary:
    """Ingest every article under `paths` (files, directories, .jsonl corpora)."""
    paths = list(paths)
    summary = IngestSummary(total=count_articles(paths, options))
    existing: set[str] = set()  # graphs of this run's articles that the store holds
    converter = str(converter_iri())
    progress = on_progress or (lambda s, source: None)
    stop = False

    def readable() -> Iterator[Article]:
        nonlocal stop
        for path in paths:
            for item in read_articles(path, options):
                if stop:
                    return
                if isinstance(item, InputError):
                    summary.done += 1
                    summary.rejected += 1
                    summary.errors.append(str(item))
                    progress(summary, item.source)
                    stop = stop or strict
                    continue
                yield item

    def to_convert() -> Iterator[Article]:
        """The articles that are new or changed (or read by another converter version)."""
        items = readable()
        while block := list(islice(items, LOOKUP_BLOCK)):
            graphs = [str(graph_iri(Facts(article=item))) for item in block]
            stored = stored_versions(store, sorted(set(graphs)))
            existing.update(stored)
            for item, graph in zip(block, graphs, strict=True):
                if stored.get(graph) == (item.content_hash, converter):
                    summary.unchanged += 1
                    summary.done += 1
                    progress(summary, item.source)
                    continue
                yield item

    writer = BatchWriter(store, strict, scope="shared")  # the workers checked the rest
    chunks = _chunks(to_convert(), CHUNK_SIZE)
    runner = None
    batch: list[Converted] = []
    try:
        first = next(chunks, None)  # reads the first block: how much is left to convert
        if first is None:
            return summary
        runner = runner_for(summary.total - summary.done, workers, scheduler)
        # more than a batch to write: refresh the summaries once, at the end (kg/derived.py)
        writer.defer = summary.total - summary.done > batch_size
        task = partial(convert_and_vet, strict=strict)
        for results in runner.map(task, chain([first], chunks)):
            for result in results:
                if isinstance(result, Failed):
                    summary.rejected += 1
                    summary.done += 1
                    summary.errors.append(f"{result.source}: {result.problem}")
                    stop = stop or strict
                elif isinstance(result, Rejected):
                    summary.rejected += 1
                    summary.done += 1
                    summary.rejections.append(
                        Rejection(result.item.source, result.violations, result.sentences)
                    )
                    stop = stop or strict
                else:
                    batch.append(result)
            while len(batch) >= batch_size and not stop:
                _flush(writer, batch[:batch_size], existing, summary, progress)
                stop = stop or (strict and summary.failed)
                batch = batch[batch_size:]
            if stop:
                break
        if not stop:
            _flush(writer, batch, existing, summary, progress)
        _close(runner)
        runner = None
        _finish(writer, summary, progress)
    except KeyboardInterrupt:
        _close(runner)
        runner = None
        # what was written gets its summaries; a second Ctrl-C leaves that to the next writer
        with contextlib.suppress(KeyboardInterrupt, StoreError):
            _finish(writer, summary, progress)
        raise IngestStopped(summary, "interrupted", exit_code=130) from None
    except StoreError as err:
        raise IngestStopped(summary, str(err), exit_code=err.exit_code) from None
    finally:
        _close(runner)
    return summary


def _close(runner) -> None:
    if runner is not None:
        runner.close()


def _finish(writer: BatchWriter, summary: IngestSummary, progress: Progress) -> None:
    if writer.pending:
        progress(summary, "(refreshing the summaries)")
        writer.finish()


def _flush(
    writer: BatchWriter,
    batch: list[Converted],
    existing: set[str],
    summary: IngestSummary,
    progress: Progress,
) -> None:
    if not batch:
        return
    with signals_held():  # a stop waits for the batch: written and counted, or neither
        for outcome in writer.write(batch, existing):
            _count(outcome, summary)
            summary.done += 1
    progress(summary, batch[-1].source)


def _count(outcome: Outcome, summary: IngestSummary) -> None:
    item = outcome.item
    if not outcome.stored:
        summary.rejected += 1
        summary.rejections.append(Rejection(item.source, outcome.violations, outcome.sentences))
        return
    summary.replaced += outcome.replaced
    summary.added += not outcome.replaced
    summary.triples += item.ntriples.count("\n") + 1 if item.ntriples else 0
    if outcome.quarantined:
        summary.quarantined += len(outcome.quarantined)
        reasons = "; ".join(sorted({m for q in outcome.quarantined for m in q.messages}))
        summary.quarantines.append(f"{item.source}: {len(outcome.quarantined)} facts quarantined ({reasons})")


def remove_graph(store: Store, graph: URIRef) -> bool:
    """Remove an article's graph (and its quarantine graph) and refresh what it touched."""
    if not store.has_graph(graph):
        return False
    keys = touched(store, [graph])
    drops = [f"DROP SILENT GRAPH {graph.n3()}", f"DROP SILENT GRAPH {quarantine_graph(str(graph)).n3()}"]
    store.update(with_derived(drops, keys))
    return True


def graph_for_path(path: Path) -> URIRef:
    """The named graph an article file would be stored in."""
    for item in read_articles(path):
        if isinstance(item, InputError):
            raise item
        return graph_iri(Facts(article=item))
    raise InputError(str(path), "no article")
