"""Exports read back by independent readers (networkx, json, Graphviz, rdflib, headless Chromium)
and compared with the store's views."""

import csv
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
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
        acts = {(r["source"], r["target"], r["type"]) for r in run_view(s, "interactions").records()}
    assert acts, "the test articles hold directed acts"
    return out, store, states, pairs, acts


GEXF = "{http://gexf.net/1.3}"


def read_mixed_gexf(path: Path) -> tuple[dict[str, dict], list[dict]]:
    """Nodes (by id) and edges of a GEXF 1.3 file with per-edge direction, read as XML: networkx's
    reader refuses mixed graphs, which Gephi reads."""
    graph = ET.parse(path).getroot().find(f"{GEXF}graph")
    assert graph is not None

    def values(element: ET.Element) -> dict[str, str]:
        return {v.get("for"): v.get("value") for v in element.iter(f"{GEXF}attvalue")}

    nodes = {n.get("id"): {"label": n.get("label"), **values(n)} for n in graph.iter(f"{GEXF}node")}
    edges = []
    for e in graph.iter(f"{GEXF}edge"):
        spells = [(s.get("start"), s.get("end")) for s in e.iter(f"{GEXF}spell")]
        kind = e.get("type", graph.get("defaultedgetype"))
        edges.append(
            {**e.attrib, **values(e), "type": kind, "spells": spells, "ptype": values(e).get("type")}
        )
    return nodes, edges


def click_line(page, prefix: str) -> None:
    """Click a line of the page as a user would: at a point of it where the library finds that
    line and no state (the layout is random; a state or another line drawn across the point would
    take the click)."""
    point = page.evaluate(
        """(prefix) => {
        const n = window.statekg.network;
        const id = window.statekg.edges.getIds().find(i => i.startsWith(prefix));
        if (!id) return null;
        const box = document.getElementById('graph').getBoundingClientRect();
        for (let k = 0; k <= 40; k++) {
            const t = 0.5 + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 0.02;
            const dom = n.canvasToDOM(n.body.edges[id].edgeType.getPoint(t));
            if (n.getNodeAt(dom) === undefined && n.getEdgeAt(dom) === id) return [box.left + dom.x, box.top + dom.y];
        }
        return null;
    }""",
        prefix,
    )
    assert point, f"no line {prefix}... or no point of it free to click"
    page.mouse.click(*point)


def test_build_writes_every_export(built):
    out, *_ = built
    for name in ("states.gexf", "states.graphml", "states.cyjs", "states.dot", "states.html", "graph.trig"):
        assert (out / name).stat().st_size > 200, name


def test_gexf_is_dynamic_1_3_mixed_and_matches_the_store(built):
    """Cooperation pairs are undirected edges, acts directed ones, with a spell per month."""
    out, _, states, pairs, acts = built
    text = (out / "states.gexf").read_text()
    assert 'xmlns="http://gexf.net/1.3"' in text and 'version="1.3"' in text and 'mode="dynamic"' in text
    assert 'title="score" type="double"' in text
    nodes, edges = read_mixed_gexf(out / "states.gexf")
    iso = {node_id: data["iso3"] for node_id, data in nodes.items()}
    assert set(iso.values()) == set(states)
    assert nodes["state-RUS"]["label"] == "Russia" and all(
        not n["label"].startswith("http") for n in nodes.values()
    )
    undirected = {
        tuple(sorted((iso[e["source"]], iso[e["target"]]))): e for e in edges if e["type"] == "undirected"
    }
    directed = [e for e in edges if e["type"] == "directed"]
    assert set(undirected) == set(pairs)
    assert set(undirected[("MMR", "RUS")]["types"].split("; ")) == pairs[("MMR", "RUS")]
    assert undirected[("MMR", "RUS")]["start"] == "2021-08-23"
    assert {(iso[e["source"]], iso[e["target"]], e["ptype"]) for e in directed} == acts
    for e in directed:  # every act is seen in at least one month, and its spells lie within its dates
        assert (
            e["spells"]
            and e["first"][:7] == e["spells"][0][0][:7]
            and e["last"][:7] == e["spells"][-1][0][:7]
        )
        assert e["quad"] in {
            "verbal-cooperation",
            "material-cooperation",
            "verbal-conflict",
            "material-conflict",
        }


def test_single_kind_views_read_back_with_networkx(runner, built, tmp_path):
    """A graph of one kind is wholly directed or undirected, as networkx's readers want."""
    _, store, states, pairs, acts = built
    for view, reader in (("cooperation", nx.read_gexf), ("dyads", nx.read_gexf), ("dyads", nx.read_graphml)):
        target = tmp_path / f"{view}.{'gexf' if reader is nx.read_gexf else 'graphml'}"
        result = runner.invoke(
            main,
            [
                "export",
                "--store",
                str(store),
                "--view",
                view,
                "--format",
                target.suffix[1:],
                "-o",
                str(target),
            ],
        )
        assert result.exit_code == 0, result.output
        graph = reader(target)
        iso = {n: d["iso3"] for n, d in graph.nodes(data=True)}
        if view == "cooperation":
            assert not graph.is_directed()
            assert {tuple(sorted((iso[u], iso[v]))) for u, v in graph.edges()} == set(pairs)
        else:
            assert graph.is_directed()
            assert {(iso[u], iso[v], d["type"]) for u, v, d in graph.edges(data=True)} == acts


def test_graphml_has_typed_attributes_direction_and_labels_for_yed(built):
    """Per-edge `directed` flags (GraphML's mixed graph, which yEd reads; networkx's reader refuses
    mixed graphs, so the file is read as XML here) and yEd's own labels and arrows."""
    out, _, states, pairs, acts = built
    text = (out / "states.graphml").read_text()
    assert "y:NodeLabel" in text and 'attr.name="events" attr.type="int"' in text
    assert 'attr.name="score" attr.type="double"' in text
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    root = ET.parse(out / "states.graphml").getroot()
    names = {k.get("id"): k.get("attr.name") for k in root.iter(f"{ns}key")}

    def data(element: ET.Element) -> dict[str, str]:
        return {names[d.get("key")]: d.text for d in element.findall(f"{ns}data") if names.get(d.get("key"))}

    nodes = {n.get("id"): data(n) for n in root.iter(f"{ns}node")}
    assert {d["iso3"] for d in nodes.values()} == set(states)
    by_iso = {d["iso3"]: d for d in nodes.values()}
    assert by_iso["MMR"]["label"] == "Myanmar" and int(by_iso["MMR"]["events"]) == states["MMR"]["events"]
    edges = list(root.iter(f"{ns}edge"))
    directed = {
        (nodes[e.get("source")]["iso3"], nodes[e.get("target")]["iso3"], data(e)["type"])
        for e in edges
        if e.get("directed") == "true"
    }
    assert directed == acts and sum(e.get("directed") == "false" for e in edges) == len(pairs)
    arrows = root.findall(".//{http://www.yworks.com/xml/graphml}Arrows")
    assert len(arrows) == len(acts) and all(a.get("target") == "standard" for a in arrows)


def test_cyjs_schema(built):
    out, _, states, pairs, acts = built
    document = json.loads((out / "states.cyjs").read_text())
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    ids = [n["data"]["id"] for n in nodes] + [e["data"]["id"] for e in edges]
    assert all(isinstance(i, str) for i in ids) and len(ids) == len(set(ids))
    node_ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in node_ids and e["data"]["target"] in node_ids for e in edges)
    assert {n["data"]["iso3"] for n in nodes} == set(states) and len(edges) == len(pairs) + len(acts)
    assert all("label" in n["data"] and not n["data"]["label"].startswith("http") for n in nodes)
    iso = {n["data"]["id"]: n["data"]["iso3"] for n in nodes}
    directed = {
        (iso[e["data"]["source"]], iso[e["data"]["target"]], e["data"]["type"])
        for e in edges
        if e["data"]["directed"]
    }
    assert directed == acts


def test_dot_renders_with_graphviz(built, tmp_path):
    out, _, states, pairs, acts = built
    text = (out / "states.dot").read_text()
    assert text.startswith("digraph") and text.count(" -> ") == len(pairs) + len(acts)
    assert text.count("dir=none") == len(pairs)
    dot = shutil.which("dot")
    assert dot, "Graphviz's dot is a test dependency (.ci/run installs it)"
    svg = subprocess.run(
        [dot, "-Tsvg", str(out / "states.dot")], capture_output=True, text=True, check=True
    ).stdout
    assert "Myanmar" in svg and "Russia" in svg
    assert "https://w3id.org" not in svg  # ids are opaque, labels are names


def test_csv_and_node_link(built):
    out, _, states, pairs, acts = built
    with open(out / "states-csv" / "nodes.csv") as fh:
        nodes = list(csv.DictReader(fh))
    with open(out / "states-csv" / "edges.csv") as fh:
        edges = list(csv.DictReader(fh))
    assert {n["iso3"] for n in nodes} == set(states) and len(edges) == len(pairs) + len(acts)
    assert sum(e["directed"] == "True" for e in edges) == len(acts)
    data = json.loads((out / "states.json").read_text())
    assert data["directed"] and data["multigraph"] and len(data["nodes"]) == len(states)
    assert len(data["edges"]) == len(pairs) + len(acts)


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

    out, _, states, *_ = built
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
        click_line(page, "coop-MMR-RUS|")
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


def test_html_page_conflict_arrow_shows_the_pair_barometer(built, tmp_path):
    """Clicking the arrow of a sanction shows the sentence and draws the pair's barometer, with a
    conflictual bar in the right direction and month; the screenshot is the README's picture."""
    from playwright import sync_api as playwright

    out, _, _, _, acts = built
    assert ("USA", "RUS", "SANCTION") in acts
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is a test dependency (.ci/run installs it)"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1300, "height": 850})
        page.goto((out / "states.html").as_uri())
        page.wait_for_function("window.statekg !== undefined")
        page.wait_for_timeout(2500)
        page.evaluate("""() => {
            const n = window.statekg.network;
            n.setOptions({physics: false});
            n.fit({nodes: ['state-USA', 'state-RUS'], animation: false});
        }""")
        page.wait_for_timeout(300)
        click_line(page, "act-USA-RUS-SANCTION")
        page.wait_for_timeout(800)
        evidence = page.inner_text("#evidence")
        chart = page.evaluate("""() => {
            const c = document.getElementById('chart');
            return {shown: getComputedStyle(c).display !== 'none',
                    traces: (c.data || []).map(t => ({name: t.name, x: Array.from(t.x), y: Array.from(t.y)}))};
        }""")
        page.screenshot(path=str(tmp_path / "conflict.png"))
        browser.close()
    assert "imposed new sanctions on Russia" in evidence and "USA → RUS SANCTION" in evidence
    assert chart["shown"], "the barometer is not shown"
    bars = {t["name"]: dict(zip(t["x"], t["y"], strict=True)) for t in chart["traces"]}
    # the pair is drawn in code order (RUS, USA); the sanction is a conflictual bar below the axis
    assert bars["USA → RUS conflictual"]["2023-03"] == -1, bars
    assert bars["RUS → USA conflictual"] == {"2023-03": -1, "2024-04": -1}, bars
    assert (tmp_path / "conflict.png").stat().st_size > 10_000
