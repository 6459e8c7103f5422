"""`kg serve` as a real process answering a real HTTP client: the views (same rows as `kg query`),
the states page, SPARQL through it, and every malformed request a 4xx with one line."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.cli import main
from tests.conftest import ROOT, SEED, free_port


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    location = tmp_path_factory.mktemp("served") / "store"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run(
        [sys.executable, "-m", "kg.cli", "ingest", "--store", str(location), str(SEED)],
        check=True,
        env=env,
        cwd=ROOT,
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--store", str(location)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/views", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise AssertionError(process.stderr.read())
    yield base, location
    os.killpg(process.pid, signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert "Traceback" not in err, err


def get(url: str, accept: str | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode("utf-8")


def test_views_are_listed_with_their_parameters(server):
    base, _ = server
    status, kind, body = get(base + "/views")
    assert status == 200 and kind.startswith("application/json")
    listed = {v["name"]: v for v in json.loads(body)}
    assert {"partners", "events", "quarantine"} <= set(listed)
    (state,) = [p for p in listed["partners"]["parameters"] if p["name"] == "state"]
    assert state["type"] == "iso3" and state["required"]


def test_a_view_over_http_equals_kg_query(server, runner):
    base, location = server
    status, kind, body = get(base + "/views/partners?state=RUS&format=json")
    assert status == 200 and kind.startswith("application/json")
    local = runner.invoke(
        main, ["query", "partners", "-p", "state=RUS", "--format", "json", "--store", str(location)]
    )
    assert json.loads(body) == json.loads(local.stdout) and json.loads(body)
    status, kind, csv_body = get(base + "/views/partners?state=RUS&format=csv")
    assert status == 200 and kind.startswith("text/csv") and csv_body.splitlines()[0].startswith("partner")


def test_the_states_page_is_drawn_from_the_store(server):
    base, _ = server
    status, kind, body = get(base + "/states")
    assert status == 200 and kind.startswith("text/html")
    assert "Myanmar" in body and "Russia" in body and "<script" in body


def test_sparql_goes_through_to_the_read_only_endpoint(server):
    base, _ = server
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/statekg/ontology#Person> }"
    status, _, body = get(
        base + "/query?" + urllib.parse.urlencode({"query": query}), "application/sparql-results+json"
    )
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2"
    update = urllib.request.Request(
        base + "/query",
        data=b"update=DROP%20ALL",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(update, timeout=10)
    assert 400 <= refused.value.code < 500


@pytest.mark.parametrize(
    "path,status,phrase",
    [
        ("/views/nope", 404, "unknown view"),
        ("/views/partners", 400, "missing required parameter state"),
        ("/views/partners?state=XXX", 400, "not a state's ISO 3166 alpha-3 code"),
        ("/views/partners?state=RUS&state=MMR", 400, "given twice"),
        ("/views/partners?state=RUS&colour=red", 400, "unknown parameter"),
        ("/views/partners?state=RUS&format=xml", 400, "format"),
        ("/views/events?from=2024-13-45", 400, "not a date"),
        ("/views/partners?state=" + urllib.parse.quote("RUS'} DROP ALL #"), 400, "alpha-3"),
        ("/views/quotes?person=" + urllib.parse.quote('x" } ; DROP ALL ; SELECT * { "'), 200, ""),
        ("/views/partners?state=" + "R" * 9000, 414, "longer than"),
        ("/nowhere", 404, "no such page"),
        ("/views/%ff%fe", 404, "unknown view"),
    ],
)
def test_malformed_requests_get_a_4xx_with_one_line(server, path, status, phrase):
    base, location = server
    before = sorted(p.stat().st_mtime_ns for p in location.iterdir())
    got, kind, body = get(base + path)
    assert got == status, (got, body)
    if status >= 400:
        assert kind.startswith("application/json")
        message = json.loads(body)["error"]
        assert phrase in message and "\n" not in message and "Traceback" not in body
    assert sorted(p.stat().st_mtime_ns for p in location.iterdir()) == before  # nothing written


def test_writes_are_refused(server):
    base, _ = server
    request = urllib.request.Request(base + "/views/partners?state=RUS", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405
