"""The store through the CLI and the API, on both back-ends: the embedded Oxigraph store and a real
SPARQL 1.1 server (oxigraph serve on 127.0.0.1)."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from bench.synthetic import corpus
from kg import __version__, api
from kg.article import read_articles
from kg.cli import main
from kg.convert import convert_articles
from kg.derived import SUMMARIES, rebuild_derived, refresh_update, touched
from kg.extract import extract as convert_facts
from kg.ingest import ingest
from kg.store import open_store
from kg.store.base import STORE_FORMAT, StoreError
from kg.validate import validate_delta, validate_store
from kg.vocab import GRAPH_DERIVED, GRAPH_MANUAL, KGO
from tests.conftest import DATA, SEED

ARTICLES = DATA / "articles"
# The converter's own output always conforms, so an article is rejected only when its facts clash
# with the store: here an analyst has already recorded its meeting as a forum (an event has one kind).
CLASHING = (
    "date: 2021-01-01\n---\nRussian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi "
    "in Beijing on December 31, 2020.\n"
)


def add_clashing_fact(runner, store_location: str, tmp_path: Path) -> None:
    """Record the meeting of CLASHING as a forum, by hand, before the article is ingested."""
    from kg.article import article_from_text
    from kg.extract import extract
    from kg.mapping import to_graph
    from kg.vocab import KGO

    graph = to_graph(extract(article_from_text(CLASHING, "clash.txt")))
    (event,) = set(graph.subjects(KGO.eventKind, URIRef("https://w3id.org/statekg/id/event-kind/meeting")))
    facts = tmp_path / "clash.ttl"
    facts.write_text(
        f"<{event}> a <https://w3id.org/statekg/ontology#Event> ;\n"
        "  <https://w3id.org/statekg/ontology#eventKind> <https://w3id.org/statekg/id/event-kind/forum> ;\n"
        '  <https://w3id.org/statekg/ontology#date> "2020-12-31"^^<http://www.w3.org/2001/XMLSchema#date> ;\n'
        "  <https://w3id.org/statekg/ontology#participant> <https://w3id.org/statekg/id/state/RUS> .\n"
    )
    result = runner.invoke(main, ["add", "--store", store_location, str(facts)])
    assert result.exit_code == 0, result.output


def triples(location: str) -> int:
    with open_store(location, writable=False) as store:
        return store.count_triples()


def derived_is_recomputable(location: str) -> bool:
    with open_store(location) as store:
        incremental = store.graph(GRAPH_DERIVED)
        rebuild_derived(store)
        return isomorphic(incremental, store.graph(GRAPH_DERIVED))


def test_ingest_is_idempotent_and_replaces_changed_articles(runner, store_location, tmp_path):
    first = runner.invoke(main, ["ingest", "--store", store_location, str(SEED)])
    assert first.exit_code == 0, first.output
    assert "1 added, 0 unchanged, 0 replaced, 0 rejected" in first.stdout
    before = triples(store_location)
    again = runner.invoke(main, ["ingest", "--store", store_location, str(SEED)])
    assert "0 added, 1 unchanged" in again.stdout and triples(store_location) == before

    article = tmp_path / "a.txt"
    article.write_text(
        "url: https://example.org/a\ndate: 2023-03-03\n---\nChinese Foreign Minister Qin Gang "
        "held talks with Pakistani Foreign Minister Bilawal Bhutto Zardari on Friday.\n"
    )
    assert "1 added" in runner.invoke(main, ["ingest", "--store", store_location, str(article)]).stdout
    article.write_text(article.read_text() + "The two sides agreed to expand trade cooperation.\n")
    changed = runner.invoke(main, ["ingest", "--store", store_location, str(article)])
    assert "0 added, 0 unchanged, 1 replaced" in changed.stdout
    with open_store(store_location, writable=False) as store:
        rows = store.select(
            "SELECT ?c WHERE { ?c a <https://w3id.org/statekg/ontology#Cooperation> ; "
            "<https://w3id.org/statekg/ontology#party> <https://w3id.org/statekg/id/state/PAK> }"
        )
        # the replaced graph's cooperation facts, once each (one per stance the sentence signals)
        (changed_article,) = read_articles(article)
        assert len(rows) == len(convert_facts(changed_article).cooperation) >= 1
    assert derived_is_recomputable(store_location)


def test_a_batch_with_an_unreadable_file_a_violating_article_and_a_good_one(runner, store_location, tmp_path):
    """The good article is stored, the bad file reported by name, the violating facts quarantined
    (listed by `kg query quarantine`, absent from the article's graph, the views and the exports)
    and the rest of the violating article stored."""
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "bad.txt").write_text(CLASHING)
    (batch / "good.txt").write_text((ARTICLES / "xinhua-chn-pak-talks.txt").read_text())
    (batch / "unreadable.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe")
    runner.invoke(main, ["ingest", "--store", store_location, str(SEED)])
    add_clashing_fact(runner, store_location, tmp_path)
    result = runner.invoke(main, ["ingest", "--store", store_location, str(batch)])
    assert result.exit_code == 1  # an input was rejected
    assert "2 added, 0 unchanged, 0 replaced, 1 rejected" in result.stdout
    assert "unreadable.txt:" in result.stderr and "binary" in result.stderr
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("quarantine: ")]
    assert "bad.txt:" in line and "An event needs exactly one kind" in line
    quarantined = int(result.stdout.split(" facts quarantined")[0].rsplit(" ", 1)[-1])
    assert quarantined >= 1

    listed = runner.invoke(main, ["query", "quarantine", "--store", store_location, "--format", "json"])
    rows = json.loads(listed.stdout)
    assert len(rows) == quarantined
    events = [r for r in rows if r["class"] == "Event"]
    assert len(events) == 1
    assert "An event needs exactly one kind" in events[0]["violation"]
    assert "December 31, 2020" in events[0]["sentence"]  # the sentence
    assert all(r["class"] in ("Event", "Interaction") for r in rows)
    only_events = runner.invoke(
        main, ["query", "quarantine", "-p", "class=Event", "--store", store_location, "--format", "json"]
    )
    assert len(json.loads(only_events.stdout)) == 1

    event = events[0]["fact"]
    with open_store(store_location, writable=False) as store:
        graph = URIRef("https://w3id.org/statekg/id/graph/article/" + _article_key(store, "bad.txt"))
        article = store.graph(graph)
        assert len(article) > 0  # the rest of the article is stored: its officials
        assert not any(URIRef(event) in (s, o) for s, _, o in article)
        assert validate_store(store).conforms
    # the event the views show is the analyst's forum, never the quarantined meeting
    view = runner.invoke(
        main, ["query", "events", "-p", "state=CHN", "--store", store_location, "--format", "json"]
    )
    kinds = {r["kind"] for r in json.loads(view.stdout) if r.get("date") == "2020-12-31"}
    assert "meeting" not in kinds
    for fmt in ("trig", "ttl", "nq"):
        out = tmp_path / f"full.{fmt}"
        full = runner.invoke(
            main, ["export", "--view", "full", "--format", fmt, "--store", store_location, "-o", str(out)]
        )
        assert full.exit_code == 0, full.output
        exported = Dataset(default_union=True)
        exported.parse(out, format={"ttl": "turtle", "trig": "trig", "nq": "nquads"}[fmt])
        assert len(exported) > 1000
        assert not list(exported.subjects(RDF.type, KGO.QuarantinedFact))
        assert not any("/quarantine/" in str(g.identifier) for g in exported.graphs())
    dump = tmp_path / "dump.nq"
    runner.invoke(main, ["dump", "--store", store_location, "--format", "nq", "-o", str(dump)])
    backup = Dataset(default_union=True)
    backup.parse(dump, format="nquads")
    assert len(list(backup.subjects(RDF.type, KGO.QuarantinedFact))) == quarantined  # a dump keeps them
    assert derived_is_recomputable(store_location)


def _article_key(store, source: str) -> str:
    (row,) = store.select(
        "SELECT ?g WHERE { GRAPH ?g { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l } "
        f'FILTER (CONTAINS(STR(?l), "{source}")) }} LIMIT 1'
    )
    return str(row["g"]).rsplit("/", 1)[-1]


def test_strict_stops_at_the_first_rejection(runner, store_location, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a-bad.txt").write_text(CLASHING)
    (batch / "b-good.txt").write_text((ARTICLES / "xinhua-chn-pak-talks.txt").read_text())
    add_clashing_fact(runner, store_location, tmp_path)
    before = triples(store_location)
    result = runner.invoke(main, ["ingest", "--strict", "--store", store_location, str(batch)])
    assert result.exit_code == 1 and "0 added, 0 unchanged, 0 replaced, 1 rejected" in result.stdout
    assert "a-bad.txt: rejected" in result.stderr
    assert "An event needs exactly one kind" in result.stderr  # the rule
    assert "December 31, 2020" in result.stderr  # the sentence
    assert triples(store_location) == before


def test_delta_validation_equals_whole_store_validation_for_the_new_facts(runner, store_location, tmp_path):
    add_clashing_fact(runner, store_location, tmp_path)
    with open_store(store_location) as store:
        ingest(store, [SEED, ARTICLES])
        (tmp_path / "bad.txt").write_text(CLASHING)
        (article,) = read_articles(tmp_path / "bad.txt")
        (item,) = convert_articles([article])
        graph = Graph(identifier=URIRef(item.graph)).parse(data=item.ntriples, format="nt")
        delta = validate_delta(store, graph)
        # now force the graph in, unchecked, and validate everything
        store.update(f"INSERT DATA {{ GRAPH <{item.graph}> {{\n{item.ntriples}\n}} }}")
        whole = validate_store(store)
    new_nodes = {str(n) for t in graph for n in (t[0], t[2]) if isinstance(n, URIRef)}

    def keyed(report):
        return {(v.focus, v.path, v.message) for v in report.violations if v.focus in new_nodes}

    assert not delta.conforms
    assert keyed(delta) == keyed(whole) and keyed(delta)


def test_add_hand_written_facts_with_provenance(runner, store_location, tmp_path):
    runner.invoke(main, ["ingest", "--store", store_location, str(SEED)])
    facts = tmp_path / "facts.ttl"
    facts.write_text(
        "@prefix kgo: <https://w3id.org/statekg/ontology#> .\n"
        "<https://w3id.org/statekg/id/cooperation/manual/rus-ind> a kgo:Cooperation ;\n"
        "  kgo:party <https://w3id.org/statekg/id/state/RUS>, <https://w3id.org/statekg/id/state/IND> ;\n"
        "  kgo:cooperationType <https://w3id.org/statekg/id/cooperation-type/space> .\n"
    )
    result = runner.invoke(main, ["add", "--store", store_location, "--who", "Jane Analyst", str(facts)])
    assert result.exit_code == 0, result.output
    with open_store(store_location, writable=False) as store:
        manual = store.graph(GRAPH_MANUAL)
        who = store.select(
            "SELECT ?w WHERE { <https://w3id.org/statekg/id/cooperation/manual/rus-ind> "
            "<http://www.w3.org/ns/prov#wasAttributedTo> ?w }"
        )
        relation = store.ask(
            "ASK { <https://w3id.org/statekg/id/relation/IND-RUS/space> a "
            "<https://w3id.org/statekg/ontology#StateRelation> }"
        )
    assert len(manual) > 4 and str(who[0]["w"]).endswith("analyst/jane-analyst") and relation

    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kgo: <https://w3id.org/statekg/ontology#> .\n"
        "<https://w3id.org/statekg/id/cooperation/manual/x> a kgo:Cooperation ;\n"
        "  kgo:party <https://w3id.org/statekg/id/state/RUS>, <https://w3id.org/statekg/id/state/NARNIA> ;\n"
        "  kgo:cooperationType <https://w3id.org/statekg/id/cooperation-type/space> .\n"
    )
    before = triples(store_location)
    rejected = runner.invoke(main, ["add", "--store", store_location, str(bad)])
    assert rejected.exit_code == 1 and "not in the reference data" in rejected.stderr
    assert triples(store_location) == before


def test_facts_files_never_reach_the_network(runner, tmp_path):
    remote = tmp_path / "remote.jsonld"
    remote.write_text(json.dumps({"@context": "https://schema.org/", "@id": "x", "name": "y"}))
    result = runner.invoke(main, ["add", "--store", str(tmp_path / "s"), str(remote)])
    assert (
        result.exit_code == 1
        and "remote JSON-LD @context 'https://schema.org/' is not fetched" in result.stderr
    )
    imports = tmp_path / "imports.ttl"
    imports.write_text("<http://x.org/o> <http://www.w3.org/2002/07/owl#imports> <http://x.org/other> .\n")
    result = runner.invoke(main, ["add", "--store", str(tmp_path / "s"), str(imports)])
    assert result.exit_code == 1 and "owl:imports http://x.org/other is not fetched" in result.stderr


def test_inputs_over_the_size_limit_are_refused_before_parsing(runner, tmp_path, monkeypatch):
    import kg.facts_file

    monkeypatch.setattr(kg.facts_file, "MAX_FACTS_BYTES", 100)
    big = tmp_path / "big.ttl"
    big.write_text("# " + "x" * 200 + "\n")
    result = runner.invoke(main, ["add", "--store", str(tmp_path / "s"), str(big)])
    assert result.exit_code == 1 and "over the limit of 100" in result.stderr


def test_remove_stats_dump_and_load(runner, store_location, tmp_path):
    runner.invoke(main, ["ingest", "--store", store_location, str(SEED), str(ARTICLES)])
    stats = json.loads(runner.invoke(main, ["stats", "--json", "--store", store_location]).stdout)
    articles = len(list(ARTICLES.glob("*.txt"))) + 1
    assert stats["articles"] == articles and stats["states"] >= 12 and stats["events"] > 10
    dump = tmp_path / "dump.trig"
    assert runner.invoke(main, ["dump", "--store", store_location, "-o", str(dump)]).exit_code == 0
    removed = runner.invoke(main, ["remove", "--store", store_location, str(SEED)])
    assert removed.exit_code == 0, removed.output
    after = json.loads(runner.invoke(main, ["stats", "--json", "--store", store_location]).stdout)
    assert after["articles"] == articles - 1
    assert derived_is_recomputable(store_location)
    missing = runner.invoke(main, ["remove", "--store", store_location, str(SEED)])
    assert missing.exit_code == 2 and "no article graph" in missing.stderr
    restored = runner.invoke(main, ["load", "--store", store_location, str(dump)])
    assert restored.exit_code == 0, restored.output
    assert json.loads(runner.invoke(main, ["stats", "--json", "--store", store_location]).stdout) == stats


def test_a_format_1_dump_loads_and_its_derived_graph_is_recomputed(runner, tmp_path):
    old = tmp_path / "old"
    assert runner.invoke(main, ["ingest", "--store", str(old), str(SEED)]).exit_code == 0
    dump = tmp_path / "dump.nq"
    assert (
        runner.invoke(main, ["dump", "--store", str(old), "--format", "nq", "-o", str(dump)]).exit_code == 0
    )
    # what a format-1 store dumped: format 1 in its metadata, a derived graph without summaries
    lines = [
        line.replace(f'storeFormat> "{STORE_FORMAT}"', 'storeFormat> "1"')
        for line in dump.read_text().splitlines()
        if "/graph/derived>" not in line or "#party>" in line
    ]
    assert any('storeFormat> "1"' in line for line in lines)
    dump.write_text("\n".join(lines) + "\n")
    new = tmp_path / "new"
    loaded = runner.invoke(main, ["load", "--store", str(new), str(dump)])
    assert loaded.exit_code == 0, loaded.output
    partners = runner.invoke(
        main, ["query", "partners", "--store", str(new), "-p", "state=RUS", "--format", "json"]
    )
    assert [row["partner"] for row in json.loads(partners.stdout)] == ["MMR"]
    assert derived_is_recomputable(str(new))


def test_validate_exit_codes(runner, store_location):
    runner.invoke(main, ["ingest", "--store", store_location, str(SEED)])
    ok = runner.invoke(main, ["validate", "--store", store_location])
    assert ok.exit_code == 0 and "conforms" in ok.stdout
    with open_store(store_location) as store:  # an invalid fact slipped in by hand
        store.update(
            "INSERT DATA { GRAPH <https://w3id.org/statekg/id/graph/manual> { "
            "<https://w3id.org/statekg/id/event/x> a <https://w3id.org/statekg/ontology#Event> } }"
        )
    bad = runner.invoke(main, ["validate", "--store", store_location])
    assert bad.exit_code == 1 and "needs exactly one kind" in bad.stdout


def test_unreachable_endpoint_is_one_clear_line(runner):
    from tests.conftest import free_port

    result = runner.invoke(main, ["stats", "--store", f"http://127.0.0.1:{free_port()}"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "cannot reach SPARQL endpoint" in result.stderr and "connection refused" in result.stderr


def test_parallel_ingest_gives_the_same_store(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in corpus(60)) + "\n")
    results = []
    for workers in (1, 2):
        with open_store(tmp_path / f"s{workers}") as store:
            summary = ingest(store, [path], workers=workers)
            assert summary.added == 60 and not summary.rejected, summary.line()
            results.append(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert isomorphic(results[0], results[1])


def test_a_store_of_another_format_is_reported_not_misread(tmp_path):
    location = tmp_path / "store"
    with open_store(location) as store:
        store.update(
            "DELETE { GRAPH ?g { ?s <https://w3id.org/statekg/ontology#storeFormat> ?f } } "
            "INSERT { GRAPH ?g { ?s <https://w3id.org/statekg/ontology#storeFormat> 0 } } "
            "WHERE { GRAPH ?g { ?s <https://w3id.org/statekg/ontology#storeFormat> ?f } }"
        )
    with pytest.raises(
        StoreError, match=f"store format 0; this statekg {__version__} reads format {STORE_FORMAT}"
    ):
        open_store(location)


def _set_format(location: Path, found: int) -> None:
    with open_store(location) as store:
        store.update(
            "DELETE { GRAPH ?g { ?s <https://w3id.org/statekg/ontology#storeFormat> ?f } } "
            f"INSERT {{ GRAPH ?g {{ ?s <https://w3id.org/statekg/ontology#storeFormat> {found} }} }} "
            "WHERE { GRAPH ?g { ?s <https://w3id.org/statekg/ontology#storeFormat> ?f } }"
        )


# what each older format's derived graph lacked, dropped to make one (summary classes)
OLDER_FORMATS = {
    1: None,  # no summaries at all: the whole derived graph goes
    2: ("DyadMonth", "PairMonth", "PairRecord"),
}


@pytest.mark.parametrize("found", sorted(OLDER_FORMATS))
def test_kg_upgrade_brings_an_older_store_up_to_date(runner, tmp_path, found):
    location = tmp_path / "store"
    conflict = DATA / "articles" / "reuters-usa-rus-sanctions.txt"
    assert runner.invoke(main, ["ingest", "--store", str(location), str(SEED), str(conflict)]).exit_code == 0
    with open_store(location) as store:
        if OLDER_FORMATS[found] is None:
            store.update(f"DROP GRAPH {GRAPH_DERIVED.n3()}")
        for name in OLDER_FORMATS[found] or ():
            store.update(
                f"DELETE {{ GRAPH {GRAPH_DERIVED.n3()} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {GRAPH_DERIVED.n3()} "
                f"{{ ?s a <https://w3id.org/statekg/ontology#{name}> ; ?p ?o }} }}"
            )
    _set_format(location, found)
    refused = runner.invoke(main, ["query", "partners", "--store", str(location), "--param", "state=RUS"])
    assert refused.exit_code == 2
    assert f"upgrade it in place with `kg upgrade --store {location}`" in refused.output
    upgraded = runner.invoke(main, ["upgrade", "--store", str(location)])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"store format {STORE_FORMAT}" in upgraded.output
    partners = runner.invoke(
        main, ["query", "partners", "--store", str(location), "--param", "state=RUS", "--format", "json"]
    )
    types = json.loads(partners.stdout)[0]["types"]
    assert set(types.split("; ")) == {"education", "military", "military-technical"}
    barometer = runner.invoke(
        main,
        ["query", "barometer", "--store", str(location), "-p", "a=USA", "-p", "b=RUS", "--format", "json"],
    )
    (period,) = json.loads(barometer.stdout)
    assert period["period"] == "2023-03" and int(period["a_to_b_conflictual"]) == 1
    assert derived_is_recomputable(str(location))


def test_kill_9_during_ingest_leaves_every_article_whole_or_absent(tmp_path):
    path = tmp_path / "corpus.jsonl"
    items = corpus(400, seed=11)
    path.write_text("\n".join(json.dumps(a) for a in items) + "\n")
    location = tmp_path / "store"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "ingest",
            "--workers",
            "1",
            "--batch-size",
            "50",
            "--store",
            str(location),
            str(path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # wait until some articles are in, then kill without warning
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if process.poll() is not None:
            break
        if (location / "statekg.lock").exists() and _written(location) >= 20:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    expected = {}
    for item in convert_articles(list(read_articles(path))):
        expected[item.graph] = len(item.ntriples.splitlines())
    with open_store(location) as store:
        stored = [g for g in store.graph_iris() if "/graph/article/" in g]
        assert 0 < len(stored) < len(items), "the kill should land in the middle of the ingest"
        assert len(stored) % 50 == 0, "a batch is written whole or not at all"
        for graph in stored:
            assert len(store.graph(URIRef(graph))) == expected[graph], f"{graph} is half-written"
        assert validate_store(store).conforms
        incremental = store.graph(GRAPH_DERIVED)
        rebuild_derived(store)
        assert isomorphic(incremental, store.graph(GRAPH_DERIVED))


def _written(location: Path) -> int:
    """How many article graphs a running ingest has written, read from another process."""
    try:
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "import pyoxigraph as ox, sys; s = ox.Store.read_only(sys.argv[1]); "
                "print(sum(1 for g in s.named_graphs() if '/graph/article/' in g.value))",
                str(location),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
        return int(out.stdout.strip() or 0)
    except (ValueError, subprocess.TimeoutExpired):
        return 0


def test_build_writes_the_graph_and_reports(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(SEED), "--out", str(out), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert (out / "graph.trig").stat().st_size > 1000
    assert json.loads((out / "stats.json").read_text())["articles"] == 1
    assert (out / "validation.txt").read_text().strip() == "conforms"


def test_python_api_opens_stores(tmp_path):
    import kg

    with kg.open_store(tmp_path / "s") as store:
        ingest(store, [SEED])
        assert api.stats(store)["officials"] == 2


@pytest.mark.parametrize("kind", [s.name for s in SUMMARIES])
def test_refreshing_a_kind_of_summary_whole_or_by_key_equals_a_rebuild(tmp_path, kind):
    """The end of a long ingest refreshes a kind of summary whole when it touched many of them and
    by key otherwise, leaving the other kinds alone: each way must give what a rebuild gives."""
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in corpus(40, seed=21)) + "\n")
    with open_store(tmp_path / "store") as store:
        ingest(store, [path, SEED], workers=1)
        rebuild_derived(store)
        expected = store.graph(GRAPH_DERIVED)
        articles = [URIRef(g) for g in store.graph_iris() if "/graph/article/" in g]
        keys = sorted(touched(store, articles)[kind])
        assert keys
        for chosen in (keys, keys[: max(1, len(keys) // 10)]):  # whole (over 20%), then by key
            store.update(refresh_update(store, {kind: set(chosen)}))
            assert isomorphic(expected, store.graph(GRAPH_DERIVED)), (kind, len(chosen))


def test_a_store_url_with_credentials_works_and_never_shows_them(runner, virtuoso_server, tmp_path):
    """Virtuoso's authenticated endpoint (/sparql-auth, HTTP Digest) through user:password@ in
    --store: every command works, and no message, table or debug log shows the password."""
    from tests.conftest import VIRTUOSO_USER, clear_statekg_graphs

    clear_statekg_graphs(virtuoso_server)
    user, password = VIRTUOSO_USER
    endpoint = virtuoso_server + "-auth"
    with_credentials = endpoint.replace("http://", f"http://{user}:{password}@")
    env = {"STATEKG_DEBUG": "1"}  # the debug log too
    outputs = []
    for args in (
        ["ingest", "--store", with_credentials, str(SEED)],
        ["query", "partners", "-p", "state=RUS", "--store", with_credentials],
        ["stats", "--store", with_credentials, "--json"],
    ):
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert "MMR" in outputs[1] and json.loads(outputs[2])["articles"] == 1
    for wrong in (endpoint.replace("http://", f"http://{user}:not-{password}@"), endpoint):
        refused = runner.invoke(main, ["stats", "--store", wrong], env=env)
        assert refused.exit_code != 0 and "401" in refused.stderr, refused.output
        assert len(refused.stderr.strip().splitlines()) == 1 and endpoint in refused.stderr
        outputs.append(refused.output)
    assert all(password not in text and f"{user}:" not in text for text in outputs)
