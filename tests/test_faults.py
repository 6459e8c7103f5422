"""The fault suite: each case of issue 14 has a test named after it, run as a user runs statekg (a
real `kg` process, in a session of its own so that whatever it starts can be found afterwards),
and one test counts over a table of hostile invocations: tracebacks shown, silent failures,
processes left behind, facts lost.

Cases 10 and 11 mount a read-only and a full file system in a user namespace (`unshare -rm`), as
the kernel of the CI machine allows."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.synthetic import corpus
from kg.processes import process_table
from kg.store import open_store
from tests.conftest import DATA, ROOT, SEED, free_port, start_oxigraph

ARTICLES = DATA / "articles"
GOOD = ARTICLES / "xinhua-chn-pak-talks.txt"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "STATEKG_LOCK_TIMEOUT": "20"}


# --- running kg as a user does --------------------------------------------------------------------
@dataclass
class Run:
    args: list[str]
    code: int
    out: str
    err: str
    left: list[str]  # processes of its session still alive after it ended

    @property
    def output(self) -> str:
        return self.out + self.err


def session_processes(sid: int) -> list[str]:
    """Live processes of a session (zombies do not count: they hold nothing)."""
    return [f"{p.pid}: {p.command[:120]}" for p in process_table() if p.session == sid and p.state != "Z"]


def wait_for_session_to_end(sid: int, seconds: float = 20) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = session_processes(sid)
        if not left:
            return []
        time.sleep(0.2)
    return session_processes(sid)


def start(args: list[str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=kwargs.pop("env", ENV),
        start_new_session=True,
        cwd=kwargs.pop("cwd", ROOT),
        **kwargs,
    )


def kg(*args: str, stdin: str | None = None, timeout: float = 180, cwd: Path | None = None) -> Run:
    process = start(
        list(args), stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL, cwd=cwd or ROOT
    )
    out, err = process.communicate(stdin, timeout=timeout)
    return Run(list(args), process.returncode, out, err, wait_for_session_to_end(process.pid, 10))


def assert_one_line_error(run: Run, *phrases: str) -> str:
    """A failure as a user should see it: non-zero exit, no traceback, one `error:` line that
    says what is wrong, nothing left running."""
    assert run.code != 0, f"{run.args} succeeded:\n{run.output}"
    assert "Traceback" not in run.output, run.output
    errors = [line for line in run.err.splitlines() if line.startswith("error:")]
    assert errors, f"no error line:\n{run.err}"
    for phrase in phrases:
        assert phrase in errors[-1], f"{phrase!r} not in {errors[-1]!r}"
    assert not run.left, run.left
    return errors[-1]


def write_corpus(path: Path, count: int, seed: int = 3) -> Path:
    path.write_text("\n".join(json.dumps(a) for a in corpus(count, seed=seed)) + "\n")
    return path


def children_started(process: subprocess.Popen, count: int, seconds: float = 60) -> list[str]:
    """Wait until the process has started `count` other processes (its extraction workers)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        others = [p for p in session_processes(process.pid) if not p.startswith(f"{process.pid}:")]
        if len(others) >= count:
            return others
        if process.poll() is not None:
            break
        time.sleep(0.2)
    raise AssertionError(f"the workers did not start: {session_processes(process.pid)}")


def stored_articles(location: Path) -> int:
    with open_store(location, writable=False) as store:
        return sum(1 for g in store.graph_iris() if "/graph/article/" in g)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    location = tmp_path_factory.mktemp("seed") / "store"
    assert kg("ingest", "--store", str(location), str(SEED)).code == 0
    return location


# --- 1-4: processes and locks ---------------------------------------------------------------------
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "kill"])
def test_01_killing_kg_ingest_leaves_no_worker_and_no_lock(tmp_path, sig):
    path = write_corpus(tmp_path / "corpus.jsonl", 1200)
    location = tmp_path / "store"
    process = start(["ingest", "--workers", "2", "--store", str(location), str(path)])
    children_started(process, 2)
    time.sleep(3)  # extraction under way
    os.kill(process.pid, sig)  # the parent only, as `kill PID` does
    _, err = process.communicate(timeout=60)
    assert not wait_for_session_to_end(process.pid), "workers outlived kg ingest"
    if sig == signal.SIGTERM:
        assert process.returncode == 130 and "Traceback" not in err
        assert "interrupted" in err and "articles stored" in err, err
    # the next writer gets the lock at once, and the store is whole
    after = kg("ingest", "--store", str(location), str(SEED))
    assert after.code == 0, after.output
    assert kg("validate", "--store", str(location)).code == 0


def test_02_ctrl_c_during_ingest_prints_one_line_saying_what_was_stored(tmp_path):
    path = write_corpus(tmp_path / "corpus.jsonl", 1200)
    location = tmp_path / "store"
    process = start(["ingest", "--workers", "2", "--batch-size", "50", "--store", str(location), str(path)])
    children_started(process, 2)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (location / "statekg-store").exists():
        time.sleep(0.2)
    time.sleep(6)
    os.killpg(process.pid, signal.SIGINT)  # a terminal sends Ctrl-C to the whole process group
    out, err = process.communicate(timeout=60)
    assert not wait_for_session_to_end(process.pid)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    (line,) = [x for x in err.splitlines() if x.startswith("error:")]
    stored = stored_articles(location)
    assert f"interrupted; {stored} articles stored" in line, (line, stored)


def test_03_sigterm_on_kg_serve_stops_the_sparql_server(seed_store):
    port = free_port()
    process = start(["serve", "--port", str(port), "--store", str(seed_store)])
    url = f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        raise AssertionError("kg serve did not answer")
    assert len(session_processes(process.pid)) >= 2  # kg and the server it started
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)
    assert not wait_for_session_to_end(process.pid), "the server outlived kg serve"
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=2)


def test_04_a_second_writer_says_whom_it_waits_for_and_readers_read_meanwhile(tmp_path, seed_store):
    location = tmp_path / "store"
    assert kg("ingest", "--store", str(location), str(SEED)).code == 0
    path = write_corpus(tmp_path / "corpus.jsonl", 300)
    first = start(["ingest", "--workers", "1", "--store", str(location), str(path)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (location / "statekg.lock").read_text(errors="replace").strip():
        time.sleep(0.1)
    env = {**ENV, "STATEKG_LOCK_TIMEOUT": "2"}
    second = subprocess.run(
        [sys.executable, "-m", "kg.cli", "ingest", "--store", str(location), str(GOOD)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )  # fmt: skip
    reader = kg("stats", "--store", str(location), "--json")
    first.communicate(timeout=300)
    assert second.returncode != 0 and "Traceback" not in second.stderr
    assert f"waiting for the store lock held by PID {first.pid} (kg ingest, started " in second.stderr
    assert f"the store is in use by PID {first.pid}" in second.stderr and "waited 2 s" in second.stderr
    assert reader.code == 0 and json.loads(reader.out)["articles"] >= 1, reader.output


# --- 5-9: inputs ------------------------------------------------------------------------------------
def test_05_an_article_over_a_million_characters_is_read_and_the_next_one_too(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    filler = "The committee met again to review the annual report on regional fisheries and ports.\n\n"
    body = filler * (1_050_000 // len(filler))
    (folder / "a-long.txt").write_text(
        "date: 2024-03-01\n---\nRussian Foreign Minister Sergei Lavrov met Chinese Foreign Minister "
        "Wang Yi in Beijing on Friday.\n\n" + body
    )
    (folder / "b-good.txt").write_text(GOOD.read_text())
    assert (folder / "a-long.txt").stat().st_size > 1_000_000
    run = kg("ingest", "--store", str(tmp_path / "store"), str(folder))
    assert run.code == 0, run.output
    assert "2 added" in run.out and "Traceback" not in run.output
    facts = kg("extract", "--format", "json", str(folder / "a-long.txt"))
    article = json.loads(facts.out)  # one article: one object
    assert {"RUS", "CHN"} <= set(article["states"])


@pytest.mark.parametrize(
    "text,line,problem",
    [
        (
            "title: Talks\nthis line is not a field\ndate: 2024-01-01\n---\nBody.\n",
            2,
            "malformed header line",
        ),
        ("title: Talks\ndate: 2024-01-01\nThe body starts and no line closes the header.\n", 1, "not closed"),
    ],
    ids=["not-key-value", "no-closing-line"],
)
def test_06_a_malformed_header_is_refused_naming_the_file_and_line(tmp_path, text, line, problem):
    article = tmp_path / "bad-header.txt"
    article.write_text(text)
    error = assert_one_line_error(kg("extract", str(article)), problem)
    assert f"{article}:{line}" in error or f"{article}, line {line}" in error or f"line {line}" in error


def test_07_an_impossible_date_in_kg_add_is_rejected_without_a_traceback(tmp_path, seed_store):
    facts = tmp_path / "facts.ttl"
    facts.write_text(
        "@prefix kgo: <https://w3id.org/statekg/ontology#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/statekg/id/event/manual/x> a kgo:Event ;\n"
        "  kgo:eventKind <https://w3id.org/statekg/id/event-kind/meeting> ;\n"
        '  kgo:date "2024-02-30"^^xsd:date ;\n'
        "  kgo:participant <https://w3id.org/statekg/id/state/RUS>, <https://w3id.org/statekg/id/state/CHN> .\n"
    )
    run = kg("add", "--store", str(seed_store), str(facts))
    assert run.code == 1 and "Traceback" not in run.output and "Failed to convert" not in run.output, (
        run.output
    )
    assert "rejected, nothing added" in run.err and "xsd:date" in run.err


@pytest.mark.parametrize("command", ["add", "load"])
def test_08_a_parse_error_shows_the_parsers_message_and_line(tmp_path, seed_store, command):
    bad = tmp_path / ("facts.ttl" if command == "add" else "dump.trig")
    bad.write_text(
        "@prefix kgo: <https://w3id.org/statekg/ontology#> .\n"
        + ("<https://w3id.org/statekg/id/graph/x> {\n" if command == "load" else "")
        + "<https://w3id.org/statekg/id/x> a kgo:Event ;\n"
        + "  kgo:date 2024-01-01 ;\n"  # an unquoted date: not Turtle
        + "  kgo:eventKind <https://w3id.org/statekg/id/event-kind/meeting> .\n"
        + ("}\n" if command == "load" else "")
    )
    error = assert_one_line_error(kg(command, "--store", str(seed_store), str(bad)), "line")
    assert not error.rstrip().endswith(":"), error  # the parser's message follows the colon
    assert len(error.split("line", 1)[1]) > 5, error


def test_09_small_ones(tmp_path, seed_store):
    # kg sparql of a missing file says so
    assert_one_line_error(
        kg("sparql", "--store", str(seed_store), str(tmp_path / "missing.rq")), "no such file"
    )
    # the JSON Lines error reads well
    corpus_path = tmp_path / "c.jsonl"
    corpus_path.write_text('{"text": "x"\n')
    run = kg("extract", str(corpus_path))
    assert "at at" not in run.err and "column" in run.err and run.code == 1
    # a parameter given twice is refused
    assert_one_line_error(
        kg("query", "partners", "-p", "state=RUS", "-p", "state=MMR", "--store", str(seed_store)),
        "given twice",
    )
    # a state's name suggests its code first
    error = assert_one_line_error(kg("query", "partners", "-p", "state=Russia", "--store", str(seed_store)))
    assert "did you mean RUS" in error, error
    # tsv is plain values; sparql-tsv is the W3C format
    plain = kg("query", "partners", "-p", "state=RUS", "--format", "tsv", "--store", str(seed_store))
    w3c = kg("query", "partners", "-p", "state=RUS", "--format", "sparql-tsv", "--store", str(seed_store))
    assert plain.code == 0 and w3c.code == 0
    assert (
        plain.out.splitlines()[0].split("\t")[0] == "partner" and "MMR" in plain.out and "^^" not in plain.out
    )
    assert w3c.out.splitlines()[0].startswith("?partner")


# --- 10-14: stores ------------------------------------------------------------------------------------
def in_namespace(script: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run a shell script as root of a new user and mount namespace (mounts vanish with it)."""
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=timeout,
    )
    assert "unshare failed" not in result.stderr and "Operation not permitted" not in result.stderr, (
        "this test needs user and mount namespaces (unshare -rm); the CI machine has them"
    )
    return result


def test_10_a_store_on_a_read_only_mount_reads_and_refuses_writes_in_one_line(tmp_path, seed_store):
    location = tmp_path / "store"
    subprocess.run(["cp", "-a", str(seed_store), str(location)], check=True)
    kg_cmd = f"{sys.executable} -m kg.cli"
    result = in_namespace(
        f"mount --bind {location} {location} && mount -o remount,bind,ro {location} && "
        f"{kg_cmd} stats --store {location} --json; echo EXIT=$?; "
        f"{kg_cmd} query partners -p state=RUS --store {location} --format json; echo EXIT=$?; "
        f"{kg_cmd} ingest --store {location} {GOOD}; echo EXIT=$?"
    )
    outputs = result.stdout.split("EXIT=")
    assert outputs[1].startswith("0") and outputs[2].startswith("0"), result.stdout + result.stderr
    assert json.loads(outputs[0])["articles"] == 1
    assert outputs[3].startswith("1") or outputs[3].startswith("2"), result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "read-only" in errors[0], result.stderr


def test_11_a_full_disk_is_one_line_and_the_store_still_opens(tmp_path):
    path = write_corpus(tmp_path / "corpus.jsonl", 3000, seed=5)
    disk = tmp_path / "disk"
    disk.mkdir()
    kg_cmd = f"{sys.executable} -m kg.cli"
    result = in_namespace(
        f"mount -t tmpfs -o size=24m tmpfs {disk} && "
        f"{kg_cmd} ingest --workers 1 --batch-size 50 --store {disk}/store {path}; echo EXIT=$?; "
        f"{kg_cmd} stats --store {disk}/store --json; echo EXIT=$?; "
        f"{kg_cmd} validate --store {disk}/store; echo EXIT=$?",
        timeout=600,
    )
    chunks = result.stdout.split("EXIT=")
    codes = [int(chunk.split("\n", 1)[0]) for chunk in chunks[1:]]
    assert len(codes) == 3, result.stdout
    ingest_code, stats_code, validate_code = codes
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr[-3000:]
    assert ingest_code != 0
    assert "no space left on the disk holding" in errors[0] and "articles stored" in errors[0], errors
    stored = int(errors[0].split(" articles stored")[0].rsplit(" ", 1)[-1])
    # the store opens, says what it holds, and what it holds is whole
    assert stats_code == 0, result.stdout
    counts = json.loads(chunks[1].split("\n", 1)[1].strip())
    assert counts["articles"] == stored > 0
    assert validate_code == 0 and "conforms" in chunks[2], result.stdout


def test_11_validate_on_an_empty_store_says_it_holds_no_articles(tmp_path):
    location = tmp_path / "store"
    with open_store(location):
        pass
    assert_one_line_error(kg("validate", "--store", str(location)), "holds no articles")


def test_12_a_directory_that_is_not_a_store_is_never_read_nor_written_as_one(tmp_path):
    folder = tmp_path / "my-articles"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    before = sorted(p.name for p in folder.iterdir())
    assert_one_line_error(kg("stats", "--store", str(folder)), "not a statekg store")
    assert_one_line_error(kg("ingest", "--store", str(folder), str(SEED)), "is not a statekg store")
    assert sorted(p.name for p in folder.iterdir()) == before


def test_13_a_server_without_union_default_graph_is_refused_and_left_as_it_was(tmp_path):
    server, url = start_oxigraph(tmp_path / "db", union_default_graph=False)
    try:
        assert_one_line_error(kg("ingest", "--store", url, str(SEED)), "--union-default-graph")
        assert_one_line_error(kg("stats", "--store", url))
        count = urllib.request.urlopen(
            urllib.request.Request(
                f"{url}/query?query="
                + urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
                headers={"Accept": "application/sparql-results+json"},
            ),
            timeout=5,
        )
        assert json.loads(count.read())["results"]["bindings"][0]["n"]["value"] == "0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_14_service_is_refused_unless_allowed(seed_store):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert_one_line_error(kg("sparql", "--store", str(seed_store), query), "--allow-service")
    allowed = kg("sparql", "--allow-service", "--store", str(seed_store), query)
    # allowed, it does reach out: here to a closed port, which is one line too, from the engine
    error = assert_one_line_error(allowed)
    assert "--allow-service" not in error


# --- 15-16: the page and the data --------------------------------------------------------------------
def test_15_the_seed_characterisation_has_its_speaker_in_the_relations_view(seed_store):
    run = kg("query", "relations", "-p", "state=RUS", "--format", "json", "--store", str(seed_store))
    rows = json.loads(run.out)
    partner = [r for r in rows if "reliable partner" in (r.get("label") or r.get("characterisation") or "")]
    assert partner, rows
    assert {r["speaker"] for r in partner} == {"Alexander Fomin"}


def test_16_clicking_a_state_lists_each_sentence_once_with_its_types(tmp_path, seed_store):
    import shutil

    from playwright import sync_api as playwright

    page_path = tmp_path / "states.html"
    assert (
        kg(
            "export", "--view", "states", "--format", "html", "-o", str(page_path), "--store", str(seed_store)
        ).code
        == 0
    )
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian's chromium is a test dependency (.ci/run installs it)"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1300, "height": 850})
        page.goto(page_path.as_uri())
        page.wait_for_function("window.statekg !== undefined")
        page.evaluate("() => { const n = window.statekg.network; n.setOptions({physics: false}); n.fit(); }")
        page.wait_for_timeout(300)
        x, y = page.evaluate("""() => {
            const n = window.statekg.network;
            const dom = n.canvasToDOM(n.getPositions(['state-RUS'])['state-RUS']);
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""")
        page.mouse.click(x, y)
        page.wait_for_timeout(300)
        items = page.eval_on_selector_all("#evidence .item", "els => els.map(e => e.innerText)")
        browser.close()
    assert items, "clicking Russia showed no sentence"
    sentences = [i.split(": ", 1)[1].split("\n")[0] for i in items]
    assert len(sentences) == len(set(sentences)), items  # each sentence once
    assert any("," in i.split(": ", 1)[0] for i in items), items  # with all the types it supports


# --- the count ------------------------------------------------------------------------------------------
def hostile_invocations(tmp: Path, store: Path) -> list[tuple[list[str], bool]]:
    """(arguments, whether it should succeed): careless and hostile uses of every command."""
    empty = tmp / "empty.txt"
    empty.write_text("")
    binary = tmp / "binary.txt"
    binary.write_bytes(b"\x00\xff\xfe\x00binary")
    latin = tmp / "latin1.txt"
    latin.write_bytes("date: 2024-01-01\n---\nS\xe3o Tom\xe9 met Angola.\n".encode("latin-1"))
    huge = tmp / "huge.txt"
    huge.write_text("x" * 2_100_000)
    bad_ttl = tmp / "bad.ttl"
    bad_ttl.write_text("<a> <b> .\n")
    bad_json = tmp / "bad.jsonld"
    bad_json.write_text("{not json")
    rq = tmp / "bad.rq"
    rq.write_text("SELEKT * WHERE { ?s ?p ?o }")
    not_store = tmp / "not-a-store"
    not_store.mkdir(exist_ok=True)
    (not_store / "file.txt").write_text("x")
    s = ["--store", str(store)]
    return [
        (["extract", str(empty)], False),
        (["extract", str(binary)], False),
        (["extract", str(latin)], False),
        (["extract", str(huge)], False),
        (["extract", str(tmp / "missing.txt")], False),
        (["extract", "--format", "nope", str(SEED)], False),
        (["ingest", *s, str(empty)], False),
        (["ingest", *s, str(binary)], False),
        (["ingest", *s, str(huge)], False),
        (["ingest", "--store", str(not_store), str(SEED)], False),
        (["ingest", "--store", "http://127.0.0.1:9", str(SEED)], False),
        (["ingest", "--scheduler", "tcp://127.0.0.1:9", *s, str(SEED), str(GOOD)], False),
        (["add", *s, str(bad_ttl)], False),
        (["add", *s, str(bad_json)], False),
        (["add", *s, str(tmp / "missing.ttl")], False),
        (["add", *s, str(binary)], False),
        (["load", *s, str(bad_ttl)], False),
        (["load", *s, str(tmp)], False),
        (["query", "nope", *s], False),
        (["query", "partners", "-p", "state=XXX", *s], False),
        (["query", "partners", "-p", "state", *s], False),
        (["query", "events", "-p", "from=2024-13-01", *s], False),
        (["query", "partners", "-p", "state=RUS'} DROP ALL #", *s], False),
        (["query", "partners", "-p", "state=RUS", "--limit", "-1", *s], False),
        (["query", "partners", "-p", "state=RUS", "--store", "http://127.0.0.1:9"], False),
        (["query", "partners", "-p", "state=RUS", "--store", str(tmp / "no-store")], False),
        (["sparql", *s, "DROP ALL"], False),
        (["sparql", *s, str(rq)], False),
        (["sparql", *s, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }"], False),
        (["sparql", *s, str(tmp / "missing.rq")], False),
        (
            ["export", "--view", "states", "--format", "gexf", "-o", str(tmp / "no" / "dir" / "x.gexf"), *s],
            True,
        ),
        (["export", "--view", "nope", "--format", "gexf", "-o", str(tmp / "x.gexf"), *s], False),
        (["export", "--view", "full", "--format", "gexf", "-o", str(tmp / "x.gexf"), *s], False),
        (["remove", *s, "https://w3id.org/statekg/id/article/nope"], False),
        (["validate", "--store", str(tmp / "never-made")], False),
        (["stats", "--store", str(not_store)], False),
        (["serve", "--port", "0", "--store", str(tmp / "never-made")], False),
        (["eval", str(tmp)], False),
        (["nope"], False),
        (["stats", *s], True),
        (["query", "partners", "-p", "state=RUS", *s], True),
        (["validate", *s], True),
    ]


def test_the_fault_suite_counts_no_traceback_no_silent_failure_no_orphan_no_loss(tmp_path, seed_store):
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(seed_store), str(store)], check=True)
    with open_store(store, writable=False) as opened:
        before = sorted(opened.dump("nq").splitlines())
    tracebacks, silent, orphans, wrong = [], [], [], []
    cases = hostile_invocations(tmp_path, store)
    for args, should_succeed in cases:
        run = kg(*args, timeout=120)
        if "Traceback" in run.output:
            tracebacks.append(args)
        failed = run.code != 0
        if failed and not run.err.strip():
            silent.append(args)  # failed and said nothing
        if not failed and not should_succeed:
            silent.append(args)  # said it worked when it could not have
        if failed and should_succeed:
            wrong.append((args, run.err))
        if run.left:
            orphans.append((args, run.left))
    with open_store(store, writable=False) as opened:
        after = sorted(opened.dump("nq").splitlines())
    lost = sorted(set(before) - set(after))
    print(f"fault suite: {len(cases)} invocations; tracebacks {len(tracebacks)}, silent failures {len(silent)}, "
          f"orphaned processes {len(orphans)}, facts lost {len(lost)}")  # fmt: skip
    assert not tracebacks, tracebacks
    assert not silent, silent
    assert not orphans, orphans
    assert not lost, lost[:5]
    assert not wrong, wrong
    assert len(cases) >= 40
