"""Relationship views on the kitchen-sink graph and on the ingested seed, against answers worked out
by hand, on both back-ends; parameters are bound as values, errors are one line and exit 2."""

import csv
import io
import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef

import kg
from kg.cli import main
from kg.derived import rebuild_derived
from kg.ingest import ingest
from kg.store import open_store
from kg.store.base import bind_values, replace_graph_update
from kg.views import views
from tests.conftest import DATA, SEED, free_port

ARTICLES = DATA / "articles"
KITCHEN = URIRef("https://w3id.org/statekg/id/graph/kitchen-sink")
THIRD_STATE = """
@prefix kgo: <https://w3id.org/statekg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/statekg/id/state/CCC> a kgo:State ; skos:prefLabel "Gammaland"@en ; kgo:iso3 "CCC" .
<https://w3id.org/statekg/id/cooperation/x/BBB-CCC> a kgo:Cooperation ;
    kgo:party <https://w3id.org/statekg/id/state/BBB>, <https://w3id.org/statekg/id/state/CCC> ;
    kgo:cooperationType <https://w3id.org/statekg/id/cooperation-type/trade> .
"""


@pytest.fixture
def sink_store(store_location):
    graph = Graph().parse(DATA / "kitchen-sink.ttl", format="turtle")
    graph.parse(data=THIRD_STATE, format="turtle")
    with open_store(store_location) as store:
        store.update(replace_graph_update(KITCHEN, graph))
        rebuild_derived(store)
    return store_location


def rows(location, view, **params):
    with open_store(location, writable=False) as store:
        return kg.query(store, view, **params)


def split(value):
    return set(value.split("; ")) if value else set()


def test_states_view(sink_store):
    found = {r["iso3"]: r for r in rows(sink_store, "states")}
    # AAA: the forum, the meeting, the statement; BBB: the meeting, the statement, the planned visit
    assert found["AAA"] == {"iso3": "AAA", "name": "Alphaland", "events": 3}
    assert found["BBB"] == {"iso3": "BBB", "name": "Betaland", "events": 3}


def test_officials_view(sink_store):
    assert rows(sink_store, "officials", state="AAA") == [
        {
            "name": "Ann Example",
            "post": "Defence Minister",
            "state": "AAA",
            "organization": "Defence Ministry of Alphaland",
            "first_seen": "2024-05-06",
            "last_seen": "2024-05-06",
        }
    ]
    (bob,) = rows(sink_store, "officials", state="BBB")
    assert bob["post"] == "Deputy Defence Minister" and bob["organization"] is None


def test_events_view(sink_store):
    events = rows(sink_store, "events", state="BBB")
    assert [e["kind"] for e in events] == ["meeting", "statement", "meeting"]
    meeting = events[0]
    assert meeting["date"] == "2024-05-06" and meeting["cameo"] == "040" and meeting["place"] == "Alphaville"
    assert split(meeting["participants"]) == {"Ann Example", "Bob Sample"}
    assert split(meeting["states"]) == {"AAA", "BBB"}
    assert meeting["article"] == "https://w3id.org/statekg/id/article/a1"
    assert rows(sink_store, "events", kind="forum")[0]["event"].endswith("/event/forum/x")
    assert len(rows(sink_store, "events", **{"from": "2024-05-07"})) == 1  # the planned visit
    assert rows(sink_store, "events", to="2024-01-01") == []


def test_cooperation_view(sink_store):
    pairs = rows(sink_store, "cooperation", state="AAA")
    assert pairs == [
        {
            "state_a": "AAA",
            "state_b": "BBB",
            "type": "education",
            "stance": "intended",
            "events": 1,
            "first": "2024-05-06",
            "last": "2024-05-06",
        },
        {
            "state_a": "AAA",
            "state_b": "BBB",
            "type": "military",
            "stance": "intended",
            "events": 1,
            "first": "2024-05-06",
            "last": "2024-05-06",
        },
    ]
    assert [r["type"] for r in rows(sink_store, "cooperation", type="trade")] == ["trade"]


def test_relations_and_quotes_views(sink_store):
    assert rows(sink_store, "relations", state="BBB") == [
        {
            "from": "AAA",
            "to": "BBB",
            "label": "trusted partner",
            "speaker": "Ann Example",
            "date": "2024-05-06",
        }
    ]
    assert rows(sink_store, "quotes", person="Ann Example") == [
        {
            "speaker": "Ann Example",
            "state": "AAA",
            "date": "2024-05-06",
            "text": "Betaland is our trusted partner",
            "article": "https://w3id.org/statekg/id/article/a1",
        }
    ]


def test_partners_and_partners_of_partners(sink_store):
    (partner,) = rows(sink_store, "partners", state="AAA")
    assert partner["partner"] == "BBB" and split(partner["types"]) == {"education", "military"}
    assert (partner["events"], partner["first"], partner["last"]) == (1, "2024-05-06", "2024-05-06")
    assert rows(sink_store, "partners-of-partners", state="AAA") == [
        {"partner": "CCC", "via": "BBB", "types": "trade"}
    ]


def test_timeline_matrix_evidence_and_more(sink_store):
    timeline = rows(sink_store, "timeline", a="AAA", b="BBB")
    assert sorted(r["kind"] for r in timeline) == ["meeting", "statement"]
    (row,) = [r for r in timeline if r["kind"] == "meeting"]
    assert (row["date"], row["kind"], row["place"]) == ("2024-05-06", "meeting", "Alphaville")
    assert row["evidence"].startswith("Alphan Defence Minister Ann Example met")
    matrix = {(r["state_a"], r["state_b"]): r for r in rows(sink_store, "matrix")}
    assert matrix[("AAA", "BBB")]["military"] == 1 and matrix[("AAA", "BBB")]["education"] == 1
    assert matrix[("AAA", "BBB")]["trade"] == 0 and matrix[("BBB", "CCC")]["trade"] == 0
    assert list(matrix) == [("AAA", "BBB"), ("BBB", "CCC")]
    evidence = rows(sink_store, "evidence", fact="https://w3id.org/statekg/id/event/meeting/2024-05-06/x")
    assert evidence == [
        {
            "article": "https://w3id.org/statekg/id/article/a1",
            "sentence": "Alphan Defence Minister Ann Example met Betan Deputy Defence Minister Bob Sample.",
            "start": 0,
            "end": 80,
        }
    ]
    assert rows(sink_store, "meetings-between-officials") == [
        {
            "official_a": "Ann Example",
            "state_a": "AAA",
            "official_b": "Bob Sample",
            "state_b": "BBB",
            "events": 1,
            "last": "2024-05-06",
        }
    ]
    assert {(r["type"], r["first"]) for r in rows(sink_store, "new-relations", **{"from": "2024-01-01"})} == {
        ("education", "2024-05-06"),
        ("military", "2024-05-06"),
    }


def test_seed_views(runner, store_location):
    runner.invoke(main, ["ingest", "--store", store_location, str(SEED)])
    (partner,) = rows(store_location, "partners", state="RUS")
    assert partner["partner"] == "MMR"
    assert split(partner["types"]) == {"military", "military-technical", "education"}
    timeline = rows(store_location, "timeline", a="RUS", b="MMR")
    meeting = next(r for r in timeline if r["kind"] == "meeting")
    assert (meeting["date"], meeting["place"]) == ("2021-08-23", "Kubinka")
    assert split(meeting["participants"]) == {"Alexander Fomin", "Maung Maung Aye"}


def _normalised(records):
    """Rows comparable across access paths: joined lists as sets, the rows as a sorted list."""
    out = []
    for record in records:
        out.append(sorted((k, sorted(split(v)) if k in JOINED else v) for k, v in record.items()))
    return sorted(out, key=repr)


JOINED = {"participants", "states", "types"}


def test_filtered_views_agree_with_the_whole_table(runner, store_location):
    # each view answers a filtered call and the whole table by different access paths: the
    # filtered rows must be exactly the whole table's rows for that state, type or kind
    runner.invoke(main, ["ingest", "--store", store_location, str(SEED), str(ARTICLES)])
    with open_store(store_location, writable=False) as store:
        states = [r["iso3"] for r in kg.query(store, "states")]
        assert len(states) >= 10
        whole = {
            name: kg.query(store, name)
            for name in (
                "cooperation",
                "officials",
                "events",
                "relations",
                "quotes",
                "meetings-between-officials",
            )
        }
        keep = {
            "cooperation": lambda r, x: x in (r["state_a"], r["state_b"]),
            "officials": lambda r, x: r["state"] == x,
            "events": lambda r, x: x in split(r["states"]),
            "relations": lambda r, x: x in (r["from"], r["to"]),
            "quotes": lambda r, x: r["state"] == x,
            "meetings-between-officials": lambda r, x: x in (r["state_a"], r["state_b"]),
        }
        for state in states:
            for name, rule in keep.items():
                expected = [r for r in whole[name] if rule(r, state)]
                got = kg.query(store, name, state=state)
                assert _normalised(got) == _normalised(expected), (name, state)
        for kind in {r["kind"] for r in whole["events"]}:
            got = kg.query(store, "events", kind=kind)
            assert _normalised(got) == _normalised([r for r in whole["events"] if r["kind"] == kind]), kind
        for type_ in {r["type"] for r in whole["cooperation"]}:
            got = kg.query(store, "cooperation", type=type_)
            expected = [r for r in whole["cooperation"] if r["type"] == type_]
            assert _normalised(got) == _normalised(expected), type_
        assert any(whole.values()) and all(whole[name] for name in ("cooperation", "events", "officials"))


def test_every_view_declares_its_columns_and_runs(sink_store):
    with open_store(sink_store, writable=False) as store:
        for name, view in views().items():
            params = {p.name: p.example for p in view.parameters if p.required}
            params = {
                k: ("AAA" if k in ("state", "a") else "BBB" if k == "b" else v) for k, v in params.items()
            }
            result = kg.query(store, name, **params)
            for row in result:
                assert list(row) == view.columns, name


def test_injection_is_harmless(runner, store_location):
    runner.invoke(main, ["ingest", "--store", store_location, str(SEED)])
    with open_store(store_location, writable=False) as store:
        before = store.count_triples()
    payload = 'RUS" } ; DROP ALL ; #'
    as_string = runner.invoke(
        main, ["query", "quotes", "--store", store_location, "--param", f"person={payload}"]
    )
    assert as_string.exit_code == 0 and "(0 rows)" in as_string.stdout
    as_state = runner.invoke(
        main, ["query", "partners", "--store", store_location, "--param", f"state={payload}"]
    )
    assert as_state.exit_code == 2 and "is not a state's ISO 3166 alpha-3 code" in as_state.stderr
    with open_store(store_location, writable=False) as store:
        assert store.count_triples() == before
    bound = bind_values("SELECT * WHERE { VALUES ?x { UNDEF } }", {"x": Literal(payload)})
    assert '"RUS\\" } ; DROP ALL ; #"' in bound


def test_errors_are_one_line_and_exit_2(runner, tmp_path):
    store = str(tmp_path / "s")
    open_store(store).close()
    cases = [
        (["query", "partner"], "unknown view 'partner'; did you mean partners"),
        (["query", "partners"], "missing required parameter state"),
        (["query", "partners", "-p", "state=RUS", "-p", "colour=red"], "unknown parameter 'colour'"),
        (
            ["query", "partners", "--store", store, "-p", "state=XYZ"],
            "is not a state's ISO 3166 alpha-3 code",
        ),
        (["query", "events", "--store", store, "-p", "from=yesterday"], "is not a date"),
        (["query", "events", "--store", store, "-p", "kind=party"], "is not one of"),
        (["query", "partners", "--store", str(tmp_path / "none"), "-p", "state=RUS"], "no store at"),
        (["sparql", "--store", store, "SELECT ?s WHERE {\n ?s ?p \n}"], "line 3"),
        (["sparql", "--store", store, "DROP ALL"], "pass --update"),
    ]
    for args, message in cases:
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert result.stderr.strip().count("\n") == 0


def test_result_formats(runner, sink_store):
    def run(fmt):
        out = runner.invoke(
            main, ["query", "cooperation", "--store", sink_store, "-p", "state=AAA", "--format", fmt]
        )
        assert out.exit_code == 0, out.output
        return out.stdout

    table = list(csv.reader(io.StringIO(run("csv"))))
    assert table[0] == ["state_a", "state_b", "type", "stance", "events", "first", "last"]
    assert table[1] == ["AAA", "BBB", "education", "intended", "1", "2024-05-06", "2024-05-06"]
    tsv = run("sparql-tsv").splitlines()
    assert tsv[0].split("\t") == ["?state_a", "?state_b", "?type", "?stance", "?events", "?first", "?last"]
    assert tsv[1].split("\t")[0] == '"AAA"' and tsv[1].split("\t")[4] == "1"
    plain = run("tsv").splitlines()
    assert plain[0].split("\t") == table[0] and plain[1].split("\t") == table[1]
    sparql = json.loads(run("sparql-json"))
    assert sparql["head"]["vars"][0] == "state_a"
    assert sparql["results"]["bindings"][0]["first"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"
    assert json.loads(run("json"))[1]["type"] == "military"
    assert "(2 rows)" in run("table")


def test_list_and_help_view(runner):
    listing = runner.invoke(main, ["query", "--list"])
    for name in (
        "states",
        "officials",
        "events",
        "cooperation",
        "relations",
        "quotes",
        "partners",
        "timeline",
        "matrix",
        "partners-of-partners",
        "evidence",
    ):
        assert f"\n{name} " in "\n" + listing.stdout
    help_view = runner.invoke(main, ["query", "timeline", "--help-view"])
    assert "a (iso3, required, example RUS)" in help_view.stdout and "columns: date, kind" in help_view.stdout


def test_sparql_command(runner, sink_store):
    select = runner.invoke(
        main,
        [
            "sparql",
            "--store",
            sink_store,
            "--format",
            "json",
            "SELECT ?name WHERE { ?p a <https://w3id.org/statekg/ontology#Person> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name",
        ],
    )
    assert json.loads(select.stdout) == [{"name": "Ann Example"}, {"name": "Bob Sample"}]
    ask = runner.invoke(main, ["sparql", "--store", sink_store, "ASK { ?s ?p ?o }"])
    assert ask.stdout.strip() == "true"


def test_serve_is_a_read_only_sparql_endpoint(tmp_path):
    location = tmp_path / "s"
    with open_store(location) as store:
        ingest(store, [SEED])
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--store", str(location)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/statekg/ontology#Person> }"
        url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        for _ in range(100):
            try:
                answer = json.loads(urllib.request.urlopen(request, timeout=2).read())
                break
            except OSError:
                time.sleep(0.1)
        assert answer["results"]["bindings"][0]["n"]["value"] == "2"
        update = urllib.request.Request(
            f"http://127.0.0.1:{port}/update",
            data=b"DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
            method="POST",
        )
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=5)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_whole_view_as_a_table_is_one_page_unless_all(runner, tmp_path):
    store = str(tmp_path / "store")
    assert runner.invoke(main, ["ingest", "--store", store, str(SEED), str(ARTICLES)]).exit_code == 0
    every = runner.invoke(main, ["query", "interactions", "--store", store, "--format", "csv"])
    total = len(every.stdout.strip().splitlines()) - 1
    assert total > 50  # the test articles hold more interactions than a page
    page = runner.invoke(main, ["query", "interactions", "--store", store])
    assert page.exit_code == 0 and "(50 rows)" in page.stdout and "--all for every row" in page.stderr
    whole = runner.invoke(main, ["query", "interactions", "--store", store, "--all"])
    assert f"({total} rows)" in whole.stdout and not whole.stderr
    few = runner.invoke(main, ["query", "interactions", "--store", store, "--limit", "3"])
    assert "(3 rows)" in few.stdout and not few.stderr
    both = runner.invoke(main, ["query", "interactions", "--store", store, "--all", "--limit", "3"])
    assert both.exit_code == 2 and "contradict" in both.stderr
