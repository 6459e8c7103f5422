"""Shared fixtures: the repository's paths and a CLI runner with a fixed clock."""

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "tass-2021-08-23-russia-myanmar-fomin-maung-aye.txt"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """Extraction records when it ran; tests pin that time so output is comparable."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_oxigraph(location: Path, union_default_graph: bool = True):
    """A real Oxigraph SPARQL server on 127.0.0.1 (the `oxigraph` package's CLI): (process, URL)."""
    import shutil
    import subprocess
    import sys
    import time
    import urllib.request

    beside = Path(sys.executable).parent / "oxigraph"  # installed into the same environment as pytest
    binary = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert binary, "the oxigraph CLI is a test dependency: pip install -e '.[test]'"
    port = free_port()
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command + (["--union-default-graph"] if union_default_graph else []),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("oxigraph serve did not start")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server with union-default-graph semantics, for the session."""
    process, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield url
    process.terminate()
    process.wait(timeout=10)


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = ., {dir}
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 8
MaxClientConnections = 8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""
VIRTUOSO_USER = ("kgtest", "s3cret-pw")  # a SPARQL user for the authenticated endpoint


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """A real Virtuoso (Debian's virtuoso-opensource 7.2, installed by .ci/run): its /sparql
    endpoint with SPARQL Update granted to the anonymous SPARQL user, and a user for /sparql-auth."""
    import shutil
    import subprocess
    import time
    import urllib.request

    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    assert binary and isql, (
        "Virtuoso is a test dependency: apt install virtuoso-opensource-7-bin (.ci/run does)"
    )
    directory = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (directory / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port)
    )
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(directory / "virtuoso.ini")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=directory,
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("virtuoso did not start")
    user, password = VIRTUOSO_USER
    statements = (
        'GRANT SPARQL_UPDATE TO "SPARQL";'
        f"DB.DBA.USER_CREATE('{user}', '{password}');"
        f'GRANT SPARQL_UPDATE TO "{user}";'
    )
    subprocess.run(
        [isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statements}"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    yield url
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def clear_statekg_graphs(url: str) -> None:
    """Drop statekg's graphs from a server (DROP ALL would take the server's own graphs too)."""
    import json
    import urllib.parse
    import urllib.request

    query = 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "https://w3id.org/statekg/")) }'
    answer = urllib.request.urlopen(
        urllib.request.Request(
            url,
            data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": "application/sparql-results+json"},
        ),
        timeout=60,
    )
    graphs = [b["g"]["value"] for b in json.loads(answer.read())["results"]["bindings"]]
    if graphs:
        update = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs)
        urllib.request.urlopen(
            urllib.request.Request(url, data=urllib.parse.urlencode({"update": update}).encode()), timeout=120
        )


@pytest.fixture(params=["embedded", "remote", "virtuoso"])
def store_location(request, tmp_path):
    """The same store tests run against the embedded store and two real SPARQL 1.1 servers
    (Oxigraph's and Virtuoso)."""
    if request.param == "embedded":
        return str(tmp_path / "store")
    if request.param == "virtuoso":
        url = request.getfixturevalue("virtuoso_server")
        clear_statekg_graphs(url)
        return url
    url = request.getfixturevalue("oxigraph_server")
    import urllib.request

    urllib.request.urlopen(
        urllib.request.Request(
            f"{url}/update",
            data=b"DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
            method="POST",
        )
    )
    return url
