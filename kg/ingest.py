"""Ingestion: extract, validate the new facts against what they link to, write atomically.

Per article: its graph is compared with the stored one (same text and converter version:
unchanged); the new graph is validated with SHACL together with the store's triples about the
nodes it touches (not the whole store); a valid graph is written in one SPARQL Update that also
refreshes the derived state relations it affects. A rejected article leaves the store as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.article import Article, read_articles
from kg.derived import DerivedKeys, derived_keys, with_derived
from kg.errors import InputError
from kg.extract import extract
from kg.mapping import converter_iri, graph_iri, to_graph
from kg.output import generation_time
from kg.store import Store
from kg.store.base import replace_graph_update
from kg.validate import ValidationReport, Violation, validate_delta
from kg.vocab import KGO, OA

PARALLEL_THRESHOLD = 40  # below this many articles, starting worker processes costs more than it saves


@dataclass
class Rejection:
    source: str
    violations: list[Violation]
    evidence: dict[str, str]  # focus node -> sentence that produced it

    def report(self) -> str:
        lines = [f"{self.source}: rejected, {len(self.violations)} violation(s) of the shapes:"]
        for v in self.violations:
            sentence = self.evidence.get(v.focus) or self.evidence.get(v.value or "")
            where = f' (from "{sentence[:120]}")' if sentence else ""
            path = f" {v.path}" if v.path else ""
            lines.append(f"  - {v.focus}{path}: {v.message}{where}")
        return "\n".join(lines)


@dataclass
class IngestSummary:
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    rejected: int = 0
    triples: int = 0
    errors: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.rejected)

    def line(self) -> str:
        return (
            f"{self.added} added, {self.unchanged} unchanged, {self.replaced} replaced, "
            f"{self.rejected} rejected; {self.triples} triples written"
        )


@dataclass
class Converted:
    """An article turned into its graph (what a worker process sends back)."""

    source: str
    graph_iri: URIRef
    content_hash: str
    triples: list


def convert(article: Article) -> Converted:
    graph = to_graph(extract(article), generation_time())
    return Converted(article.source, graph.identifier, article.content_hash, list(graph))


def converted_items(items: list[Article | InputError], workers: int) -> Iterator[Converted | InputError]:
    """Articles converted in order; with several workers the extraction runs in parallel."""
    articles = [i for i in items if isinstance(i, Article)]
    if workers > 1 and len(articles) >= PARALLEL_THRESHOLD:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = iter(pool.map(convert, articles, chunksize=8))
            for item in items:
                yield next(done) if isinstance(item, Article) else item
        return
    for item in items:
        yield convert(item) if isinstance(item, Article) else item


def stored_version(store: Store, graph: URIRef) -> tuple[str | None, str | None]:
    rows = store.select(
        f"SELECT ?hash ?converter WHERE {{ GRAPH {graph.n3()} {{ ?a {KGO.contentHash.n3()} ?hash . "
        f"OPTIONAL {{ ?x {PROV.wasAssociatedWith.n3()} ?converter }} }} }} LIMIT 1"
    )
    if not rows:
        return None, None
    converter = rows[0].get("converter")
    return str(rows[0]["hash"]), str(converter) if converter else None


def write_graph(store: Store, graph: URIRef, triples: list, old_keys: DerivedKeys | None = None) -> None:
    """Replace one named graph and refresh the derived summaries it touches: one atomic update."""
    keys = derived_keys(triples) | (old_keys or DerivedKeys())
    store.update(with_derived(replace_graph_update(graph, triples), keys))


def remove_graph(store: Store, graph: URIRef) -> bool:
    if not store.has_graph(graph):
        return False
    keys = derived_keys([], store, graph)
    store.update(with_derived(f"DROP SILENT GRAPH {graph.n3()}", keys))
    return True


def _evidence_sentences(graph: Graph) -> dict[str, str]:
    out = {}
    for fact, ev in graph.subject_objects(KGO.evidence):
        for selector in graph.objects(ev, OA.hasSelector):
            exact = graph.value(selector, OA.exact)
            if isinstance(exact, Literal):
                out.setdefault(str(fact), str(exact))
    return out


def ingest(
    store: Store,
    paths: Iterable[Path],
    strict: bool = False,
    workers: int | None = None,
    on_item: Callable[[int, int, str], None] | None = None,
) -> IngestSummary:
    """Ingest every article under `paths`; `on_item(done, total, source)` reports progress."""
    summary = IngestSummary()
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    items = [item for path in paths for item in read_articles(path)]
    for done, item in enumerate(converted_items(items, workers), start=1):
        if on_item:
            on_item(done, len(items), getattr(item, "source", ""))
        if isinstance(item, InputError):
            summary.rejected += 1
            summary.errors.append(str(item))
            if strict:
                break
            continue
        old_hash, old_converter = stored_version(store, item.graph_iri)
        if old_hash == item.content_hash and old_converter == str(converter_iri()):
            summary.unchanged += 1
            continue
        graph = Graph(identifier=item.graph_iri)
        for t in item.triples:
            graph.add(t)
        report: ValidationReport = validate_delta(store, graph)
        if not report.conforms:
            summary.rejected += 1
            summary.rejections.append(Rejection(item.source, report.violations, _evidence_sentences(graph)))
            if strict:
                break
            continue
        old_keys = derived_keys([], store, item.graph_iri) if old_hash else None
        write_graph(store, item.graph_iri, item.triples, old_keys)
        summary.triples += len(item.triples)
        if old_hash:
            summary.replaced += 1
        else:
            summary.added += 1
    return summary


def graph_for_path(path: Path) -> URIRef:
    """The named graph an article file would be stored in."""
    from kg.facts import Facts

    for item in read_articles(path):
        if isinstance(item, InputError):
            raise item
        return graph_iri(Facts(article=item))
    raise InputError(str(path), "no article")
