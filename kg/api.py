"""The Python API behind every command: what a notebook calls, and what the CLI prints."""

from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDFS, XSD

from kg.delta import delta_checker
from kg.derived import touched, with_derived
from kg.errors import UsageError
from kg.factkinds import FACT_CLASSES
from kg.facts_file import read_dump, read_facts
from kg.files import write_atomically
from kg.ingest import IngestSummary, Progress, graph_for_path, ingest, remove_graph
from kg.mapping import slug
from kg.output import generation_time
from kg.queries import load_query
from kg.sources import InputOptions
from kg.store import Store
from kg.store.base import (
    STORE_FORMAT,
    UPGRADABLE_FORMATS,
    StoreError,
    insert_data,
    nt_lines,
    replace_graph_update,
)
from kg.validate import ValidationReport, validate_store
from kg.vocab import GRAPH_DERIVED, GRAPH_MANUAL, GRAPH_META, ID, KGO


@dataclass
class AddResult:
    conforms: bool
    report: ValidationReport
    triples: int
    activity: URIRef | None = None


def add_facts(store: Store, path: Path, who: str | None = None, when: datetime | None = None) -> AddResult:
    """Hand-written facts into the manual graph: validated against the store, all or nothing,
    each fact attributed to the analyst, the addition recorded as a PROV activity."""
    facts = read_facts(path)
    who = who or getpass.getuser()
    when = when or generation_time()
    analyst = ID[f"analyst/{slug(who)}"]
    digest = hashlib.sha256(facts.serialize(format="nt", encoding="utf-8")).hexdigest()[:16]
    activity = ID[f"addition/{digest}"]
    graph = Graph(identifier=GRAPH_MANUAL)
    graph += facts
    stamp = Literal(when.isoformat(), datatype=XSD.dateTime)
    for cls in FACT_CLASSES:
        for fact in set(facts.subjects(RDF.type, cls)):
            graph.add((fact, PROV.wasAttributedTo, analyst))
            graph.add((fact, PROV.generatedAtTime, stamp))
            graph.add((fact, PROV.wasGeneratedBy, activity))
    graph.add((analyst, RDF.type, PROV.Agent))
    graph.add((analyst, RDFS.label, Literal(who)))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(f"facts added by {who} from {path.name}")))
    graph.add((activity, PROV.wasAssociatedWith, analyst))
    graph.add((activity, PROV.endedAtTime, stamp))
    # check the manual graph as it will be: what is there plus the new facts (all or nothing)
    combined = Graph(identifier=GRAPH_MANUAL)
    combined += store.graph(GRAPH_MANUAL)
    combined += graph
    checker = delta_checker()
    checker.load({GRAPH_MANUAL: nt_lines(combined)})
    violations = checker.check(store, [GRAPH_MANUAL], [GRAPH_MANUAL])
    report = ValidationReport(
        not violations, sorted(violations, key=lambda v: (v.focus, v.path or "", v.message))
    )
    if not report.conforms:
        return AddResult(False, report, 0)
    keys = touched(checker.memory, [GRAPH_MANUAL])
    store.update(with_derived(insert_data(GRAPH_MANUAL, nt_lines(graph)), keys))
    return AddResult(True, report, len(graph), activity)


def remove_article(store: Store, target: str) -> URIRef:
    """Remove an article's graph, by article IRI, graph IRI or the article's file."""
    if target.startswith(("http://", "https://")):
        graph = URIRef(target.replace("/id/article/", "/id/graph/article/"))
    else:
        graph = graph_for_path(Path(target))
    if not remove_graph(store, graph):
        raise UsageError(f"no article graph {graph} in the store")
    return graph


def stats(store: Store) -> dict[str, int]:
    (row,) = store.select(load_query("stats"))
    return {name: int(value) for name, value in row.items()}


def holds_nothing(store: Store) -> bool:
    """No article graph and no hand-added fact: a new store, or one whose first ingest failed."""
    return not store.ask(
        f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), {Literal(str(ID['graph/article/'])).n3()}) || ?g = {GRAPH_MANUAL.n3()}) }}"
    )


def validate(store: Store) -> ValidationReport:
    return validate_store(store)


def dump(store: Store, fmt: str) -> bytes:
    return store.dump(fmt)


def load(store: Store, path: Path) -> int:
    """Restore a TriG or N-Quads dump: its graphs replace the store's graphs of the same names, in
    one update; the derived graph is then recomputed from what is there."""
    dataset = read_dump(path)
    meta = dataset.graph(GRAPH_META)
    found = meta.value(ID["store"], KGO.storeFormat)
    # an older format's dump restores: its article graphs are the same, and the derived graph
    # (where formats differ) is recomputed below
    if found is not None and int(found) != STORE_FORMAT and int(found) not in UPGRADABLE_FORMATS:
        raise StoreError(
            f"{path} is a dump of store format {found}; this statekg reads format {STORE_FORMAT}"
        )
    operations, triples = [], 0
    for graph in dataset.graphs():
        name = graph.identifier
        if not isinstance(name, URIRef) or name in (GRAPH_META, GRAPH_DERIVED) or len(graph) == 0:
            continue
        operations += replace_graph_update(name, graph)
        triples += len(graph)
    if not operations:
        raise UsageError(f"{path} holds no named graphs to restore")
    store.update(with_derived(operations, None))
    return triples


@dataclass
class BuildResult:
    summary: IngestSummary
    report: ValidationReport
    files: list[Path]


def build(
    store: Store,
    articles: list[Path],
    out: Path,
    workers: int | None = None,
    scheduler: str | None = None,
    on_progress: Progress | None = None,
    options: InputOptions | None = None,
) -> BuildResult:
    """The main job: ingest the articles, validate the store, write the graph and the views."""
    summary = ingest(
        store, articles, workers=workers, scheduler=scheduler, on_progress=on_progress, options=options
    )
    report = validate_store(store)
    out.mkdir(parents=True, exist_ok=True)
    from kg.export import build_exports

    files = [write_atomically(out / "graph.trig", store.dump("trig"))]
    files.append(write_atomically(out / "stats.json", json.dumps(stats(store), indent=2).encode("utf-8")))
    files.append(write_atomically(out / "validation.txt", (report.text() + "\n").encode("utf-8")))
    files += build_exports(store, out)
    files += _write_views(store, out / "views")
    return BuildResult(summary, report, files)


def _write_views(store: Store, out: Path) -> list[Path]:
    """Every view that needs no parameter, as CSV (the W3C SPARQL results format)."""
    from kg.results import render_csv
    from kg.views import run_view, views

    out.mkdir(parents=True, exist_ok=True)
    files = []
    for name, view in views().items():
        if any(p.required for p in view.parameters):
            continue
        files.append(write_atomically(out / f"{name}.csv", render_csv(run_view(store, name)).encode("utf-8")))
    return files
