"""Exports read back by independent readers (networkx, json, Graphviz, rdflib, headless Chromium)
and compared with the store's views."""

import csv
import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

import kg
from kg.cli import main
from kg.store import open_store
from kg.views import run_view
from tests.conftest import DATA, SEED

ARTICLES = DATA / "articles"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`kg build` on the seed and the test articles, as a user runs it."""
    from click.testing import CliRunner

    base = tmp_path_factory.mktemp("build")
    out, store = base / "out", base / "store"
    result = CliRunner().invoke(
        main,
        ["build", str(SEED), str(ARTICLES), "--out", str(out), "--store", str(store)],
        env={"SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert result.exit_code == 0, result.output
    with open_store(store, writable=False) as s:
        states = {r["iso3"]: r for r in run_view(s, "states").records()}
        pairs = {}
        for r in run_view(s, "cooperation").records():
            pairs.setdefault((r["state_a"], r["state_b"]), set()).add(r["type"])
    return out, store, states, pairs


def test_build_writes_every_export(built):
    out, *_ = built
    for name in ("states.gexf", "states.graphml", "states.cyjs", "states.dot", "states.html", "graph.trig"):
        assert (out / name).stat().st_size > 200, name


def test_gexf_is_dynamic_1_3_and_matches_the_store(built):
    out, _, states, pairs = built
    text = (out / "states.gexf").read_text()
    assert 'xmlns="http://gexf.net/1.3"' in text and 'version="1.3"' in text and 'mode="dynamic"' in text
    graph = nx.read_gexf(out / "states.gexf", version="1.3")
    labels = {data["iso3"]: data["label"] for _, data in graph.nodes(data=True)}
    assert set(labels) == set(states)
    assert labels["RUS"] == "Russia" and all(not label.startswith("http") for label in labels.values())
    edges = {(graph.nodes[u]["iso3"], graph.nodes[v]["iso3"]): d for u, v, d in graph.edges(data=True)}
    assert {tuple(sorted(k)) for k in edges} == set(pairs)
    rus_mmr = edges.get(("MMR", "RUS")) or edges[("RUS", "MMR")]
    assert set(rus_mmr["types"].split("; ")) == pairs[("MMR", "RUS")]
    assert rus_mmr["start"] == "2021-08-23" and rus_mmr["events"] >= 1


def test_graphml_has_typed_attributes_and_labels_for_yed(built):
    out, _, states, pairs = built
    text = (out / "states.graphml").read_text()
    assert "y:NodeLabel" in text and 'attr.name="events" attr.type="int"' in text
    graph = nx.read_graphml(out / "states.graphml")
    by_iso = {d["iso3"]: d for _, d in graph.nodes(data=True)}
    assert set(by_iso) == set(states)
    assert by_iso["MMR"]["label"] == "Myanmar" and by_iso["MMR"]["events"] == states["MMR"]["events"]
    assert graph.number_of_edges() == len(pairs)


def test_cyjs_schema(built):
    out, _, states, pairs = built
    document = json.loads((out / "states.cyjs").read_text())
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    ids = [n["data"]["id"] for n in nodes] + [e["data"]["id"] for e in edges]
    assert all(isinstance(i, str) for i in ids) and len(ids) == len(set(ids))
    node_ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in node_ids and e["data"]["target"] in node_ids for e in edges)
    assert {n["data"]["iso3"] for n in nodes} == set(states) and len(edges) == len(pairs)
    assert all("label" in n["data"] and not n["data"]["label"].startswith("http") for n in nodes)


def test_dot_renders_with_graphviz(built, tmp_path):
    out, _, states, _ = built
    dot = shutil.which("dot")
    assert dot, "Graphviz's dot is a test dependency (.ci/run installs it)"
    svg = subprocess.run(
        [dot, "-Tsvg", str(out / "states.dot")], capture_output=True, text=True, check=True
    ).stdout
    assert "Myanmar" in svg and "Russia" in svg
    assert "https://w3id.org" not in svg  # ids are opaque, labels are names


def test_csv_and_node_link(built):
    out, _, states, pairs = built
    with open(out / "states-csv" / "nodes.csv") as fh:
        nodes = list(csv.DictReader(fh))
    with open(out / "states-csv" / "edges.csv") as fh:
        edges = list(csv.DictReader(fh))
    assert {n["iso3"] for n in nodes} == set(states) and len(edges) == len(pairs)
    data = json.loads((out / "states.json").read_text())
    assert "edges" in data and len(data["nodes"]) == len(states)


def test_rdf_exports_parse(runner, built, tmp_path):
    out, store, *_ = built
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    assert len(list(dataset.graphs())) > 5
    for view in ("states", "officials", "events"):
        for fmt, parser in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nq", "nquads")):
            target = tmp_path / f"{view}.{fmt}"
            result = runner.invoke(
                main, ["export", "--store", str(store), "--view", view, "--format", fmt, "-o", str(target)]
            )
            assert result.exit_code == 0, result.output
            parsed = Dataset() if fmt in ("nq", "jsonld") else Graph()
            parsed.parse(target, format=parser)
            count = len(list(parsed.quads())) if isinstance(parsed, Dataset) else len(parsed)
            assert count > 0, (view, fmt)


def test_officials_and_events_views_as_graphs(built):
    _, store, *_ = built
    with open_store(store, writable=False) as s:
        officials = kg.to_networkx(s, view="officials")
        events = kg.to_networkx(s, view="events")
        states = kg.to_networkx(s, view="states")
    labels = {d["label"] for _, d in officials.nodes(data=True)}
    assert {"Alexander Fomin", "Maung Maung Aye", "Russia"} <= labels
    met = [d for _, _, d in officials.edges(data=True) if d["kind"] == "met"]
    assert met and all(d["events"] >= 1 for d in met)
    kinds = {d["kind"] for _, d in events.nodes(data=True)}
    assert {"meeting", "person", "state"} <= kinds
    assert nx.degree_centrality(states)  # usable for analysis as it is


def test_export_errors(runner, built, tmp_path):
    _, store, *_ = built
    bad = runner.invoke(
        main,
        ["export", "--store", str(store), "--view", "full", "--format", "gexf", "-o", str(tmp_path / "x")],
    )
    assert bad.exit_code == 2 and "the full graph is RDF" in bad.stderr


def test_html_page_in_headless_chromium(built, tmp_path):
    """The page shows a node per state and, on a click on a line, the evidence sentences."""
    from playwright import sync_api as playwright  # a test dependency: a missing one fails, never skips

    out, _, states, _ = built
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is a test dependency (.ci/run installs it)"
    page_path = out / "states.html"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1300, "height": 850})
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_path.as_uri())
        page.wait_for_function("window.statekg !== undefined")
        page.wait_for_timeout(2500)  # let the layout settle
        shown = page.evaluate("window.statekg.nodes.get().map(n => n.label)")
        assert sorted(shown) == sorted(r["name"] for r in states.values())
        # freeze the layout, bring the Russia-Myanmar line into view, and click a point on it (the
        # point the library itself draws at mid-curve), as a user would
        page.evaluate("""() => {
            const n = window.statekg.network;
            n.setOptions({physics: false});
            n.fit({nodes: ['state-MMR', 'state-RUS'], animation: false});
        }""")
        page.wait_for_timeout(300)
        x, y = page.evaluate("""() => {
            const n = window.statekg.network;
            const id = window.statekg.edges.getIds().find(i => i.startsWith('coop-MMR-RUS|'));
            const point = n.body.edges[id].edgeType.getPoint(0.5);
            const dom = n.canvasToDOM(point);
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""")
        page.mouse.click(x, y)
        page.wait_for_timeout(500)
        evidence = page.inner_text("#evidence")
        shot = Path(tmp_path) / "states-page.png"
        page.screenshot(path=str(shot))
        browser.close()
    print(f"screenshot: {shot}")
    assert "Myanmar" in evidence and "Russia" in evidence
    assert "cooperation with Myanmar" in evidence or "military" in evidence
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests
    assert shot.stat().st_size > 10_000
