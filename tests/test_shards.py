"""The shard path: `kg extract --out DIR` then `kg load DIR` gives the store `kg ingest` gives, on
both back-ends; incomplete or foreign directories are refused; an interrupted load is finished by
running it again, and until then the store says it is incomplete."""

import json

from rdflib import URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.store import open_store
from kg.vocab import GRAPH_DERIVED, GRAPH_META, KGO, STORE_NODE
from tests.conftest import DATA, SEED

ARTICLES = DATA / "articles"


def article_graphs(location: str) -> dict[str, set]:
    """Each article graph's triples, without the time its extraction ran."""
    ended = URIRef("http://www.w3.org/ns/prov#endedAtTime")
    with open_store(location, writable=False) as store:
        return {
            g: {t for t in store.graph(URIRef(g)) if t[1] != ended}
            for g in store.graph_iris()
            if "/graph/article/" in g or "/graph/quarantine/" in g
        }


def derived(location: str):
    with open_store(location, writable=False) as store:
        return store.graph(GRAPH_DERIVED)


def test_extract_shards_then_load_equals_ingest(runner, store_location, tmp_path):
    shards = tmp_path / "shards"
    extracted = runner.invoke(main, ["extract", str(SEED), str(ARTICLES), "--out", str(shards)])
    assert extracted.exit_code == 0, extracted.output
    manifest = json.loads((shards / "manifest.json").read_text())
    articles = manifest["articles"]
    assert articles == 1 + len(list(ARTICLES.glob("*.txt"))) and manifest["shards"]
    loaded = runner.invoke(main, ["load", str(shards), "--store", store_location])
    assert loaded.exit_code == 0, loaded.output
    assert f"{articles} articles, {manifest['triples']} triples loaded" in loaded.stdout
    assert "validation: conforms" in loaded.stdout

    reference = str(tmp_path / "ingested")
    ingested = runner.invoke(main, ["ingest", str(SEED), str(ARTICLES), "--store", reference])
    assert ingested.exit_code == 0, ingested.output
    assert article_graphs(store_location) == article_graphs(reference)
    assert isomorphic(derived(store_location), derived(reference))

    # again: the same graphs are replaced, not doubled
    again = runner.invoke(main, ["load", str(shards), "--store", store_location])
    assert f"({articles} replaced)" in again.stdout
    assert article_graphs(store_location) == article_graphs(reference)


def test_an_unfinished_or_foreign_shard_directory_is_refused(runner, tmp_path):
    shards = tmp_path / "shards"
    runner.invoke(main, ["extract", str(SEED), "--out", str(shards)])
    (shards / "manifest.json").unlink()  # as if the extract had been killed before its end
    store = str(tmp_path / "store")
    result = runner.invoke(main, ["load", str(shards), "--store", store])
    assert result.exit_code != 0 and "did not finish" in result.stderr
    assert "Traceback" not in result.output

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes")
    refused = runner.invoke(main, ["extract", str(SEED), "--out", str(mine)])
    assert refused.exit_code != 0 and "holds other files (notes.txt)" in refused.stderr
    assert (mine / "notes.txt").read_text() == "my notes"


def test_an_interrupted_load_is_reported_and_finished_by_running_it_again(runner, tmp_path):
    shards = tmp_path / "shards"
    runner.invoke(main, ["extract", str(SEED), str(ARTICLES), "--out", str(shards)])
    store = str(tmp_path / "store")
    assert runner.invoke(main, ["load", str(shards), "--store", store]).exit_code == 0
    complete = article_graphs(store)
    # a load killed after its mark and part of its data: the mark stays, one graph is half there
    victim = sorted(complete)[0]
    with open_store(store) as opened:
        opened.update(
            f'INSERT DATA {{ GRAPH {GRAPH_META.n3()} {{ {STORE_NODE.n3()} {KGO.loadingFrom.n3()} "{shards}" }} }} ;\n'
            f"DELETE WHERE {{ GRAPH <{victim}> {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }} }}"
        )
    for command in (["stats"], ["query", "partners", "-p", "state=RUS"], ["ingest", str(SEED)]):
        refused = runner.invoke(main, [*command, "--store", store])
        assert refused.exit_code != 0, command
        assert "bulk load" in refused.stderr and "interrupted" in refused.stderr
        assert f"kg load {shards}" in refused.stderr
    finished = runner.invoke(main, ["load", str(shards), "--store", store])
    assert finished.exit_code == 0, finished.output
    assert article_graphs(store) == complete
    assert runner.invoke(main, ["stats", "--store", store]).exit_code == 0
